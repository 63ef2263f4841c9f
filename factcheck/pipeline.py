"""The audit pipeline: corpus -> claims -> candidate pairs -> verdicts -> ranked findings.

Each stage is a plain function over a batch; :func:`audit` chains them and is what the CLI and the
tests call. Nothing here holds global state: the NLI scorer, the embedder and the optional cache
are passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from factcheck import PIPELINE_VERSION, lexicon
from factcheck import vectors as vstore
from factcheck.attributes import AttributeConfig, Fact, align_facts, slot_facts
from factcheck.claims import Claim, extract_claims, resolve_aliases
from factcheck.corpus import Article, load_corpus
from factcheck.embed import Embedder
from factcheck.errors import FactcheckError, InputError
from factcheck.events import EventConfig, Events, assign_events
from factcheck.nli import round_probs, scorer_details
from factcheck.pairing import CandidatePair, grouped_pairs
from factcheck.places import PlaceTree
from factcheck.ranking import Finding, rank
from factcheck.scoring import (
    PairVerdict,
    Thresholds,
    informative_words,
    internal_checks,
    judge_pair,
    needs_nli,
)
from factcheck.sources import LineSpan, Sources, find_sources, repeated_lines

if TYPE_CHECKING:
    from factcheck.ner import Span

#: progress hook: (stage name, items done, items total)
Progress = Callable[[str, int, int], None]


def _noop_progress(stage: str, done: int, total: int) -> None:
    return None


class Scorer(Protocol):
    """What the pipeline needs from an NLI model (see :mod:`factcheck.nli`)."""

    name: str

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray: ...


class ScoreCache(Protocol):
    """Optional store of embeddings and NLI scores (see :mod:`factcheck.cache`)."""

    def get_embeddings(self, model: str, texts: Sequence[str]) -> list[np.ndarray | None]: ...

    def put_embeddings(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None: ...

    def get_nli(self, model: str, pairs: Sequence[tuple[str, str]]) -> list[np.ndarray | None]: ...

    def put_nli(self, model: str, pairs: Sequence[tuple[str, str]], probs: np.ndarray) -> None: ...


@runtime_checkable
class ClaimStore(Protocol):
    """A cache that also keeps each article's extracted claims (:class:`factcheck.cache.SQLiteCache`)."""

    def get_claims(self, articles: Sequence[Article]) -> list[list[Claim] | None]: ...

    def put_claims(self, articles: Sequence[Article], claims: Sequence[Sequence[Claim]]) -> None: ...


class Tagger(Protocol):
    """What the claim stage needs from an entity tagger (see :class:`factcheck.ner.EntityTagger`)."""

    @property
    def name(self) -> str: ...

    def tag(self, texts: Sequence[str]) -> list[list[Span]]: ...


@runtime_checkable
class EntityStore(Protocol):
    """A cache that also keeps the tagger's spans per sentence (:class:`factcheck.cache.SQLiteCache`)."""

    def get_entities(self, model: str, texts: Sequence[str]) -> list[list[Span] | None]: ...

    def put_entities(self, model: str, texts: Sequence[str], spans: Sequence[Sequence[Span]]) -> None: ...


#: ``tagger=DEFAULT_TAGGER``: the shipped tagger unless ``$FACTCHECK_NER`` switches it off
DEFAULT_TAGGER = "default"
TaggerChoice = Tagger | None | str


def tagger_name(tagger: Tagger | None) -> str:
    """The report's name for how names were typed: the tagger's name, or "rules"."""
    return tagger.name if tagger is not None else "rules"


def resolve_tagger(tagger: TaggerChoice) -> Tagger | None:
    """``DEFAULT_TAGGER`` -> :func:`factcheck.ner.default_tagger` (None: rules only); else ``tagger``."""
    if isinstance(tagger, str):
        if tagger != DEFAULT_TAGGER:
            raise ValueError(f"tagger={tagger!r}: pass a tagger, None or {DEFAULT_TAGGER!r}")
        from factcheck.ner import default_tagger

        return default_tagger()
    return tagger


def tag_sentences(
    claims: Sequence[Claim], tagger: Tagger, cache: ScoreCache | None = None, progress: Progress = _noop_progress
) -> dict[str, list[Span]]:
    """The tagger's spans for every distinct claim sentence that holds a rule mention or a speaker
    (the only sentences whose spans are read), each tagged once, cached ones not at all. Taggers are
    batch-invariant, so the chunking changes no span."""
    wanted = list(dict.fromkeys(c.sentence or c.text for c in claims if c.entities or (c.speaker and c.speaker.name)))
    store = cache if isinstance(cache, EntityStore) else None
    cached = store.get_entities(tagger.name, wanted) if store else [None] * len(wanted)
    out: dict[str, list[Span]] = {}
    for text, spans in zip(wanted, cached, strict=True):
        if spans is not None:
            out[text] = spans
    missing = sorted((t for t in wanted if t not in out), key=lambda t: (len(t), t))
    step = 256
    for lo in range(0, len(missing), step):
        todo = missing[lo : lo + step]
        found = tagger.tag(todo)
        if store is not None:
            store.put_entities(tagger.name, todo, found)
        out.update(zip(todo, found, strict=True))
        progress("entities", min(lo + step, len(missing)), len(missing))
    return out


def tag_claims(
    claims: Sequence[Claim], tagger: Tagger | None, cache: ScoreCache | None = None, progress: Progress = _noop_progress
) -> list[Claim]:
    """Aliases resolved over the corpus (:func:`resolve_aliases`), names split and typed by ``tagger``
    when there is one (the rules alone when None)."""
    tags = tag_sentences(claims, tagger, cache, progress) if tagger is not None else None
    return resolve_aliases(claims, tags=tags)


@dataclass(frozen=True)
class AuditConfig:
    top_k: int = 5
    min_similarity: float = 0.86
    batch_size: int = 32
    language: str = "id"  # for articles that do not state theirs
    thresholds: Thresholds = field(default_factory=Thresholds)
    events: EventConfig = field(default_factory=EventConfig)
    workers: int = 1  # processes for claim extraction (results do not depend on it)


@dataclass
class AuditResult:
    articles: list[Article]
    claims: list[Claim]
    pairs: list[CandidatePair]
    verdicts: list[PairVerdict]
    findings: list[Finding]
    model: dict[str, str]
    nli_computed: int = 0  # NLI calls actually run (not served from the cache)
    stats: dict[str, int] = field(default_factory=dict)
    events: Events | None = None
    sources: Sources | None = None
    furniture: list[Claim] = field(default_factory=list)  # claims dropped as lines repeated across sources
    facts: list[Fact] = field(default_factory=list)  # attributes aligned across sources, per event
    # claims kept per article id when ``claims`` holds only some events' claims (``check`` from a snapshot)
    claim_counts: dict[str, int] | None = None


def _noop(stage: str, done: int, total: int) -> None:
    return None


def extract_all(
    articles: Sequence[Article],
    progress: Progress = _noop,
    workers: int = 1,
    cache: ScoreCache | None = None,
    tagger: Tagger | None = None,
) -> list[Claim]:
    """Claims of every article, aliases resolved over the corpus; ``workers`` > 1: a process pool.
    With a cache that keeps claims (:meth:`factcheck.cache.SQLiteCache.get_claims`), unchanged
    articles are not extracted again (extraction is per article; only ``resolve_aliases`` looks at
    the whole corpus, and it always runs). With a ``tagger``, its spans (run here, in this process,
    once per distinct sentence) split and type the names (:func:`tag_claims`)."""
    flat = [c for found in extract_each(articles, progress, workers, cache) for c in found]
    return tag_claims(flat, tagger, cache, progress)


def extract_each(
    articles: Sequence[Article], progress: Progress = _noop, workers: int = 1, cache: ScoreCache | None = None
) -> list[list[Claim]]:
    """Each article's claims as extracted (aliases not resolved), from the cache where it has them."""
    store = cache if isinstance(cache, ClaimStore) else None
    per: list[list[Claim] | None] = store.get_claims(articles) if store else [None] * len(articles)
    todo = [i for i, found in enumerate(per) if found is None]
    done = len(articles) - len(todo)
    if todo:
        progress("claims", done, len(articles))
    fresh: Iterable[list[Claim]]
    pool = None
    if workers > 1 and len(todo) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        chunk = max(1, min(32, len(todo) // (4 * workers)))
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        fresh = pool.map(extract_claims, [articles[i] for i in todo], chunksize=chunk)
    else:
        fresh = (extract_claims(articles[i]) for i in todo)
    try:
        for n, (i, found) in enumerate(zip(todo, fresh, strict=True), 1):
            per[i] = found
            progress("claims", done + n, len(articles))
    finally:
        if pool is not None:
            pool.shutdown()
    if store is not None and todo:
        store.put_claims([articles[i] for i in todo], [per[i] or [] for i in todo])
    progress("claims", len(articles), len(articles))
    return [found or [] for found in per]


#: computes chunks of work (texts to embed, pairs to score) and yields each chunk's result in order;
#: the default runs them here, the Ray engine (:mod:`factcheck.engine.ray_engine`) on actor pools
EmbedRunner = Callable[[Embedder, list[list[str]]], Iterable[np.ndarray]]
NLIRunner = Callable[["Scorer", list[list[tuple[str, str]]], int], Iterable[np.ndarray]]


def _embed_here(embedder: Embedder, chunks: list[list[str]]) -> Iterator[np.ndarray]:
    for texts in chunks:
        yield embedder.encode(texts)


def _score_here(scorer: Scorer, chunks: list[list[tuple[str, str]]], batch_size: int) -> Iterator[np.ndarray]:
    for todo in chunks:
        yield np.asarray(scorer.predict(todo, batch_size=batch_size), dtype=np.float32)


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
    runner: EmbedRunner = _embed_here,
    stage: str = "embeddings",
) -> np.ndarray:
    """One L2-normalised row per text (claims: ``[c.text for c in claims]``). Each distinct text is
    embedded once (a syndicated copy or a repeated line costs nothing), cached texts not at all;
    embedders are batch-invariant, so this changes no vector.

    The rows are written into the array as they come (cached ones read in chunks, computed ones
    per batch), each distinct text at its first position, then copied block by block to the
    positions of its repeats: a large array lives in a memory-mapped file (:mod:`factcheck.vectors`),
    and no step holds every vector in RAM at once."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    first: dict[str, int] = {}  # distinct text -> its first position in ``texts``
    for pos, text in enumerate(texts):
        first.setdefault(text, pos)
    unique = list(first)
    where = vstore.directory_for(cache)
    out: list[np.ndarray] = []  # the result, allocated once the first vector gives the width

    def put(idx: Sequence[int], vecs: Sequence[np.ndarray] | np.ndarray) -> None:
        if not out:
            out.append(vstore.new_array(len(texts), len(vecs[0]), where))
        out[0][[first[unique[i]] for i in idx]] = vecs

    missing: list[int] = []
    step_read = vstore.BLOCK_ROWS
    for lo in range(0, len(unique), step_read):
        part = unique[lo : lo + step_read]
        got = cache.get_embeddings(embedder.name, part) if cache else [None] * len(part)
        hit = [lo + k for k, v in enumerate(got) if v is not None]
        missing += [lo + k for k, v in enumerate(got) if v is None]
        if hit:
            put(hit, [v for v in got if v is not None])
            vstore.release(out[0])
    # chunks of texts of similar length: fewer padded tokens, same vectors
    missing.sort(key=lambda i: (len(unique[i]), i))
    step = 256
    chunks = [missing[lo : lo + step] for lo in range(0, len(missing), step)]
    results = runner(embedder, [[unique[i] for i in idx] for idx in chunks])
    for lo, idx, vecs in zip(range(0, len(missing), step), chunks, results, strict=True):
        if cache:
            cache.put_embeddings(embedder.name, [unique[i] for i in idx], vecs)
        if len(vecs) != len(idx):
            raise ValueError(f"the embedder returned {len(vecs)} vectors for {len(idx)} texts")
        put(idx, vecs)
        vstore.release(out[0])  # in a file: a batch's pages at a time in the process
        progress(stage, min(lo + step, len(missing)), len(missing))
    matrix = out[0]
    repeats = [pos for pos, text in enumerate(texts) if first[text] != pos]
    for lo in range(0, len(repeats), step_read):
        rows = repeats[lo : lo + step_read]
        matrix[rows] = matrix[[first[texts[p]] for p in rows]]
        vstore.release(matrix)
    vstore.release(matrix)
    return matrix


def score_pairs(
    claims: Sequence[Claim],
    pairs: Sequence[CandidatePair],
    scorer: Scorer,
    batch_size: int = 32,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
    runner: NLIRunner = _score_here,
    needed: Sequence[bool] | None = None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """NLI probabilities for each pair in both directions: (a->b, b->a, number computed).

    ``needed`` (from :func:`nli_needed`): only these pairs go to the model; the others get
    :data:`NOT_SCORED`, which their verdict does not read.

    Probabilities are rounded (:func:`factcheck.nli.round_probs`) before they are cached or compared
    with a threshold. Each distinct (premise, hypothesis) is scored once; the misses are sent in
    chunks of similar length, which only affects speed: the scorer's results do not depend on
    what shares a batch, so a cold and a warm run give the same numbers.
    """
    n = len(pairs)
    keep = [i for i in range(n) if needed is None or needed[i]]
    sent = [pairs[i] for i in keep]
    both = [(claims[p.a].text, claims[p.b].text) for p in sent] + [(claims[p.b].text, claims[p.a].text) for p in sent]
    ab = np.tile(NOT_SCORED, (n, 1))
    ba = np.tile(NOT_SCORED, (n, 1))
    if not both:
        return ab, ba, 0
    unique = sorted(set(both))
    cached = cache.get_nli(scorer.name, unique) if cache else [None] * len(unique)
    scores: dict[tuple[str, str], np.ndarray] = {
        pair: round_probs(v) for pair, v in zip(unique, cached, strict=True) if v is not None
    }
    missing = sorted((pair for pair in unique if pair not in scores), key=lambda pq: (len(pq[0]) + len(pq[1]), pq))
    chunk = max(batch_size * 64, 1024)  # large: fewer part-filled forward passes (see nli.FORWARD_ROWS)
    chunks = [missing[lo : lo + chunk] for lo in range(0, len(missing), chunk)]
    for lo, todo, probs in zip(range(0, len(missing), chunk), chunks, runner(scorer, chunks, batch_size), strict=True):
        if probs.shape != (len(todo), 3) or not np.isfinite(probs).all():
            raise FactcheckError(
                f"NLI model {scorer.name} returned unusable scores (shape {probs.shape}, "
                f"finite: {bool(np.isfinite(probs).all())}); try another --model"
            )
        probs = round_probs(probs)
        scores.update(zip(todo, probs, strict=True))
        if cache:
            cache.put_nli(scorer.name, todo, probs)
        progress("nli", min(lo + chunk, len(missing)), len(missing))
    out = np.vstack([scores[pair] for pair in both]).astype(np.float32)
    ab[keep], ba[keep] = out[: len(sent)], out[len(sent) :]
    return ab, ba, len(missing)


#: the probabilities given to a pair that is not sent to the NLI model (neutral)
NOT_SCORED = np.array([0.0, 1.0, 0.0], dtype=np.float32)


def nli_needed(claims: Sequence[Claim], pairs: Sequence[CandidatePair], thresholds: Thresholds) -> list[bool]:
    """Per pair, whether its verdict can depend on the NLI scores (:func:`factcheck.scoring.needs_nli`)."""
    return [needs_nli(claims[p.a], claims[p.b], p, thresholds) for p in pairs]


def audit_articles(
    articles: Sequence[Article],
    *,
    scorer: Scorer,
    embedder: Embedder,
    config: AuditConfig = AuditConfig(),
    focus: set[str] | None = None,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
    tagger: TaggerChoice = DEFAULT_TAGGER,
) -> AuditResult:
    """Run every stage on already-loaded articles. ``focus``: only pairs touching these article ids.

    Articles are grouped into sources (near-duplicate copies) and events; claims are only paired
    within one event and across different sources. ``tagger``: the entity tagger (the default: the
    shipped one unless ``$FACTCHECK_NER=off``; None: the rules alone).
    """
    tagger = resolve_tagger(tagger)
    raw = extract_all(articles, progress, config.workers, cache, tagger)
    org = organise(articles, raw, embed_texts([c.text for c in raw], embedder, cache, progress), config)
    touched = None if focus is None else {c.event for c in org.claims if c.article in focus}
    align(org, articles, embedder, cache, progress, events=touched)
    scored = pair_and_score(org, scorer, config, focus, cache, progress)
    names = model_names(scorer, embedder, tagger)
    s = scored
    return conclude(articles, org, s.pairs, s.ab, s.ba, s.computed, names, config, focus, nli_pairs=s.nli_pairs)


@dataclass(frozen=True)
class Scored:
    """Candidate pairs of an organised corpus and their NLI scores (both directions)."""

    pairs: list[CandidatePair]
    ab: np.ndarray
    ba: np.ndarray
    computed: int  # NLI scores computed (not from the cache)
    nli_pairs: int  # pairs sent to the model


def pair_and_score(
    org: Organised,
    scorer: Scorer,
    config: AuditConfig,
    focus: set[str] | None,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
) -> Scored:
    """Candidate pairs per event (``focus``: only pairs touching these articles) and the NLI scores
    of those whose verdict can depend on the model."""
    pairs = grouped_pairs(
        org.claims,
        org.vectors,
        org.groups(),
        org.source_keys(),
        top_k=config.top_k,
        min_similarity=config.min_similarity,
        focus=focus,
    )
    vstore.release(org.vectors)  # read per event above; the NLI stage does not need their pages
    progress("pairs", len(pairs), len(pairs))
    needed = nli_needed(org.claims, pairs, config.thresholds)
    ab, ba, computed = score_pairs(org.claims, pairs, scorer, config.batch_size, cache, progress, needed=needed)
    return Scored(pairs, ab, ba, computed, sum(needed))


def model_names(scorer: Scorer, embedder: Embedder, tagger: Tagger | None) -> dict[str, str]:
    """The report's model line: NLI model, embedder, entity tagger, their settings, the user lexicon."""
    return {
        "nli": scorer.name,
        "embedder": embedder.name,
        "entities": tagger_name(tagger),
        **scorer_details(scorer),
        **lexicon.describe(),
    }


@dataclass
class Organised:
    """What the corpus-wide steps decide: sources, furniture, events, and the claims kept (tagged
    with their event) with their vectors. Both engines run this on one machine (the driver)."""

    claims: list[Claim]
    vectors: np.ndarray
    events: Events
    sources: Sources
    furniture: list[Claim]
    facts: list[Fact] = field(default_factory=list)  # filled by :func:`align`

    def groups(self) -> list[str]:
        """Per claim, the key it is paired under (its event)."""
        return [self.events.group_of(c) for c in self.claims]

    def source_keys(self) -> list[str]:
        return [self.sources.of(c.article) for c in self.claims]


def organise(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    config: AuditConfig,
    keep: dict[str, object] | None = None,
) -> Organised:
    """Sources, furniture and events of the corpus; drops furniture claims, tags the rest with events
    (``keep``: see :func:`factcheck.events.assign_events`)."""
    sources = find_sources(articles)
    furniture_ids = _furniture(claims, repeated_lines(articles, sources))
    source_of = {a.id: sources.of(a.id) for a in articles}
    events = assign_events(articles, claims, vectors, furniture_ids, config.events, keep, source_of)
    kept_idx = [i for i, c in enumerate(claims) if c.id not in furniture_ids]
    furniture = [c for c in claims if c.id in furniture_ids]
    kept = [replace(claims[i], event=events.claim_event[claims[i].id]) for i in kept_idx]
    # the kept rows, gathered block by block when the vectors are in a file (no copy of them all in RAM)
    kept_vectors = vstore.take(vectors, kept_idx) if len(kept_idx) else vectors[:0]
    return Organised(kept, kept_vectors, events, sources, furniture)


def align(
    org: Organised,
    articles: Sequence[Article],
    embedder: Embedder,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
    runner: EmbedRunner = _embed_here,
    config: AttributeConfig = AttributeConfig(),
    events: Collection[str] | None = None,
) -> list[Fact]:
    """Facts aligned across the sources of each event (:mod:`factcheck.attributes`), set on ``org``;
    ``events``: only those events (``check``: the new articles' events; facts are per event)."""
    by_id = {a.id: a for a in articles}
    if events is None:
        slots = slot_facts(org.claims, by_id)
    else:  # slot_facts numbers the claims it is given: map back to org.claims
        sub = [i for i, c in enumerate(org.claims) if c.event in events]
        slots = [replace(f, claim=sub[f.claim]) for f in slot_facts([org.claims[i] for i in sub], by_id)]
    # a look-back to an event the corpus does not hold states no value of its article's event
    slots = [f for f in slots if org.claims[f.claim].id not in org.events.background]
    # masked texts (and figures' clauses), computed once by slot_facts
    texts = list(dict.fromkeys(t for f in slots for t in f.texts))
    vecs = embed_texts(texts, embedder, cache, progress, runner, stage="facts")
    # rows as plain views of ``vecs`` (in a file when there are many): align_facts stacks them per event
    rows = dict(zip(texts, np.asarray(vecs), strict=True))
    org.facts = align_facts(org.claims, rows, slots, org.sources.of, config)
    del rows
    vstore.release(vecs)
    progress("facts", len(org.facts), len(org.facts))
    return org.facts


def conclude(
    articles: Sequence[Article],
    org: Organised,
    pairs: list[CandidatePair],
    ab: np.ndarray,
    ba: np.ndarray,
    computed: int,
    names: dict[str, str],
    config: AuditConfig = AuditConfig(),
    focus: set[str] | None = None,
    nli_pairs: int | None = None,
    partial: Partial | None = None,
) -> AuditResult:
    """Verdicts, internal checks and ranked findings from the scored pairs (``names``: nli, embedder;
    ``nli_pairs``: how many of the pairs were sent to the NLI model, all of them if not given;
    ``partial``: ``org`` holds only some events' claims, and these are the corpus's figures)."""
    claims, events, sources, furniture = org.claims, org.events, org.sources, org.furniture
    by_id = {a.id: a for a in articles}
    informative = informative_words(claims) if partial is None else partial.informative
    places = PlaceTree.from_claims(claims)  # per event: the same for an audit and a check
    verdicts = [
        judge_pair(claims[p.a], claims[p.b], p, ab[i], ba[i], by_id, config.thresholds, informative, places)
        for i, p in enumerate(pairs)
    ]
    focus_claims = [c for c in claims if focus is None or c.article in focus]
    internal = internal_checks(focus_claims, by_id)
    per_event = None if partial is None else len(events.frames) > 1
    findings = rank(claims, verdicts, internal, len(articles), sources.source_of, org.facts, per_event)
    if focus is not None:  # `check`: a fact's findings only when the new articles take part in them
        findings = [f for f in findings if not f.fact or any(c.article in focus for c in f.claims)]
    model = {**names, "pipeline_version": PIPELINE_VERSION}  # nli, embedder, precision/revision/threads
    stats = {
        "articles": len(articles),
        "claims": len(claims) if partial is None else partial.claims,
        "pairs": len(pairs),
        "nli_calls": 2 * (len(pairs) if nli_pairs is None else nli_pairs),
        "events": len(events.frames),
        "sources": len(sources.members),
    }
    return AuditResult(
        list(articles), claims, pairs, verdicts, findings, model, computed, stats, events, sources, furniture,
        org.facts, None if partial is None else partial.claim_counts,
    )  # fmt: skip


@dataclass(frozen=True)
class Partial:
    """The corpus's figures when :class:`Organised` holds only the claims of some events."""

    claims: int  # claims kept in the corpus
    claim_counts: dict[str, int]  # per article id
    informative: frozenset[str]  # :func:`factcheck.scoring.informative_words` of the whole corpus


def _furniture(claims: Sequence[Claim], spans: Sequence[LineSpan]) -> frozenset[str]:
    """Ids of claims that lie on a line repeated across sources (credit lines, bylines, sign-offs)."""
    by_article: dict[str, list[LineSpan]] = {}
    for s in spans:
        by_article.setdefault(s.article, []).append(s)
    return frozenset(
        c.id for c in claims if any(s.start <= c.start and c.end <= s.end for s in by_article.get(c.article, ()))
    )


def audit(
    paths: Iterable[Path | str],
    *,
    scorer: Scorer,
    embedder: Embedder,
    config: AuditConfig = AuditConfig(),
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
    tagger: TaggerChoice = DEFAULT_TAGGER,
) -> AuditResult:
    """Audit every article under ``paths`` (``tagger``: as :func:`audit_articles`)."""
    paths = list(paths)
    articles = load_corpus(paths, language=config.language)
    if len(articles) < 2:
        where = paths[0] if paths else "."
        raise InputError(where, f"found {len(articles)} article(s); at least 2 are needed to compare sources")
    return audit_articles(
        articles, scorer=scorer, embedder=embedder, config=config, cache=cache, progress=progress, tagger=tagger
    )
