"""Corpus snapshots: the corpus-wide steps of a check, kept with the cache between runs.

A ``check`` of a few new articles against a large corpus would otherwise redo, over every article,
the steps that look at the whole corpus: reading and validating the files, resolving aliases,
finding near-duplicate sources and furniture lines, clustering events. A snapshot keeps what those
steps decided for the *base* corpus (the corpus files other than the new ones), keyed by the
base's file list and the code and settings; each file's size, modification time and SHA-256 are
kept too, so an unchanged file is recognised by a ``stat`` (or, after a fresh checkout, by its
hash) and not read again. A snapshot whose files differ in any way is not used: the base is
computed again in full and stored.

The new articles are then *placed* into the base's state, each in turn:

- **aliases**: the corpus's capitalisation statistics and name counts plus the new article's
  resolve the new claims; the base's claims of the events it touches are resolved again with that
  alias index (their refinement, and the events' statistics, stay those of the base);
- **sources**: MinHash LSH against the stored signatures, verified on the shingles, as
  :func:`factcheck.sources.find_sources` does (the same groups and source ids; a new article that
  copies two sources of the base, which would merge them, takes the full path);
- **furniture**: the new lines' templates counted with the stored ones; a line the new article
  makes furniture takes the base's claims on it out of their events, one it makes content again
  gives them back;
- **events**: the new article's features (tf-idf with the corpus's document frequencies) scored
  with the same average linkage against the stored events of its candidates (its embedding
  neighbours, the articles whose neighbour it would be, and those sharing a rare key): it joins
  the best event at or above the threshold (or, as an orphan, at ``orphan`` x threshold), or it
  starts a new event. Its claims then get their events as in :func:`factcheck.events.assign_events`.

Where this can differ from a full run (``check`` without a cache): a full run clusters again and
can regroup *base* articles the new article links (two events it bridges merge, idf weights shift
by one article), renumbers events by date (a new event gets the next free number here), refines
the base's names with the new capitalisation statistics, and recomputes every event's frame
(display names, actors). The new article's own findings are
the same unless one of those happens around its events (tested on the demo corpus and a generated
corpus: ``tests/test_snapshot.py``). Bases under :data:`MIN_BASE` articles and more than
:data:`MAX_NEW` new articles take the full path.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factcheck import PIPELINE_VERSION, lexicon
from factcheck.claims import (
    AliasIndex,
    Claim,
    apply_aliases,
    kind_votes,
    kinds_of,
    refine_claims,
    tag_claims_with,
)
from factcheck.corpus import Article
from factcheck.events import (
    ORG,
    EventConfig,
    Events,
    _Cluster,
    _display_names,
    _linkage,
    _ranges,
    _recycled_notes,
    article_features,
    event_frame,
    event_key,
    most_specific,
    place_claims,
    typed_keys,
)
from factcheck.normalize.entities import CorpusStats, surface_key
from factcheck.pairing import content_words
from factcheck.sources import (
    BANDS,
    CONTAINMENT,
    EDGE_HEAD,
    EDGE_TAIL,
    MAX_WORDS,
    MIN_SOURCES,
    MIN_WORDS,
    NUM_PERM,
    Sources,
    _containment,
    body_text,
    line_template,
    minhash,
    nonblank_lines,
    shingles,
)

if TYPE_CHECKING:
    from factcheck.ner import Span

log = logging.getLogger(__name__)

SNAPSHOT_VERSION = "5"
#: more new articles than this are checked by the full path
MAX_NEW = 50
#: a base of fewer articles is checked by the full path: its corpus-wide steps take a second or two,
#: and one new article can regroup a small corpus (the events of five articles change with a sixth)
MIN_BASE = 200


class SnapshotMismatch(Exception):
    """The new articles would change the base's corpus-wide state in a way placing cannot follow."""


# ---------------------------------------------------------------------------- state
@dataclass
class EventSum:
    """An event's cluster sums (as :func:`factcheck.events.cluster` keeps them), to score a new article."""

    members: list[int]
    emb: bytes  # float64 sum of the members' embedding features
    ents: dict[str, float]
    dates: dict[int, float]
    centre_sum: float
    centre_n: int
    places: frozenset[str]
    lead_places: frozenset[str]
    people: dict[str, int] = field(default_factory=dict)  # members leading with each person or organisation
    names: frozenset[str] = frozenset()  # every name any member has
    place_counts: dict[str, int] = field(default_factory=dict)  # members whose most specific lead place each is
    languages: dict[str, int] = field(default_factory=dict)  # members written in each language
    written: float | None = None  # the day its last article was written (None: one member's day unknown)

    @classmethod
    def of(cls, c: _Cluster) -> EventSum:
        return cls(
            list(c.members), np.asarray(c.emb, dtype=np.float64).tobytes(), dict(c.ents), dict(c.dates),
            c.centre_sum, c.centre_n, frozenset(c.places), frozenset(c.lead_places), dict(c.people),
            frozenset(c.names), dict(c.place_counts), dict(c.languages), c.written,
        )  # fmt: skip

    def cluster(self) -> _Cluster:
        """The sums as a cluster (copies: absorbing into it leaves this untouched)."""
        return _Cluster(
            list(self.members), np.frombuffer(self.emb, dtype=np.float64), dict(self.ents), dict(self.dates),
            self.centre_sum, self.centre_n, set(self.places), set(self.lead_places), Counter(self.people),
            set(self.names), place_counts=Counter(self.place_counts), languages=Counter(self.languages),
            written=self.written,
        )  # fmt: skip


@dataclass
class LineStat:
    """How often a line template occurs in the corpus (see :func:`factcheck.sources.repeated_lines`)."""

    sources: tuple[str, ...]
    edges: int  # occurrences at an article's edge
    total: int
    spots: tuple[tuple[str, int, int], ...] = ()  # (article, start, end), while in < MIN_SOURCES sources

    @property
    def furniture(self) -> bool:
        return len(self.sources) >= MIN_SOURCES and self.edges * 3 >= self.total * 2


def line_part(template: str) -> str:
    return "line:" + hashlib.sha256(template.encode("utf-8")).hexdigest()[:32]


@dataclass
class CorpusState:
    """What the corpus-wide steps decided for a base corpus, and the statistics behind it."""

    manifest: dict[str, tuple[int, int, str]]  # file path -> (size, mtime_ns, sha256 of its bytes)
    articles: list[Article]
    # aliases
    lower: dict[str, int]
    upper: dict[str, int]
    runs: dict[str, int]
    start_runs: dict[str, int]
    sentences: set[str]
    key_counts: dict[str, int]
    votes: dict[str, dict[str, float]]
    # sources and furniture
    sources: Sources
    signatures: bytes  # (articles, NUM_PERM) uint64
    # template -> (sources, occurrences at an edge, occurrences, where: (article, start, end) while it
    # is in fewer than MIN_SOURCES sources); stored as parts ``line:<digest>``, read per template
    lines: dict[str, LineStat]
    furniture: list[Claim]
    # events
    events: Events
    dim: int
    vectors: bytes  # (articles, dim) float32 embedding features
    kth: list[float]
    postings: dict[str, list[int]]  # event key (:func:`factcheck.events.event_key`) -> articles naming it
    feat_df: dict[str, int]
    outlet_names: frozenset[str]
    broad: frozenset[str]
    place_df: dict[str, int]
    generic: frozenset[str]  # as :func:`factcheck.events.corpus_words` gives them for the base
    place_names: frozenset[str]
    language_gap: float
    centres: list[float | None]
    sums: dict[str, EventSum]
    doc_freq: dict[str, int]
    key_count: dict[str, dict[str, int]]  # per event: its articles naming each key
    key_share: dict[str, dict[str, float]]
    ranges: dict[str, tuple[date | None, date | None]]
    names: dict[str, str]
    kinds: dict[str, str]
    typed: frozenset[str]  # keys the tagger typed as a person or an organisation (event titles)
    # conclude
    word_df: dict[str, int]
    claims_kept: int
    claim_counts: dict[str, int]
    event_claims: dict[str, list[Claim]] = field(default_factory=dict)  # loaded per event, not pickled here
    renamed: dict[str, str] = field(default_factory=dict)  # source ids a new article took over (placing only)


def settings_digest(config: Any, embedder_name: str) -> str:
    """What a snapshot depends on besides the files: code, pipeline version, settings, embedder, the
    entity tagger that typed the names (or the rules alone) and the user lexicon in force."""
    from factcheck.cache import extractor_digest
    from factcheck.pipeline import DEFAULT_TAGGER, resolve_tagger, tagger_name

    entities = tagger_name(resolve_tagger(DEFAULT_TAGGER))
    words = lexicon.active().fingerprint if lexicon.active() else ""
    raw = "\0".join(
        [SNAPSHOT_VERSION, PIPELINE_VERSION, extractor_digest(), repr(config), embedder_name, entities, words]
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def snapshot_key(files: Sequence[str], settings: str) -> str:
    """The snapshot's key: its base files (by path) and :func:`settings_digest`."""
    h = hashlib.sha256(settings.encode())
    for f in sorted(files):
        raw = f.encode("utf-8", "surrogateescape")
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.hexdigest()


def file_sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def stat_of(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def manifest_of(files: Sequence[str]) -> dict[str, tuple[int, int, str]]:
    out = {}
    for f in files:
        size, mtime = stat_of(f)
        out[f] = (size, mtime, file_sha(f))
    return out


def unchanged(manifest: dict[str, tuple[int, int, str]], files: Sequence[str]) -> bool:
    """Whether ``files`` are exactly the snapshot's files, each with the same content (a ``stat``
    that matches is trusted; otherwise the bytes are hashed)."""
    if len(files) != len(manifest) or set(files) != set(manifest):
        return False
    for f in files:
        size, mtime, sha = manifest[f]
        try:
            now = stat_of(f)
            if now == (size, mtime):
                continue
            if now[0] != size or file_sha(f) != sha:
                return False
        except OSError:
            return False
    return True


# ---------------------------------------------------------------------------- storage
def loads(blob: bytes) -> Any:
    """A stored part of a snapshot (only factcheck's data classes, dates and containers are built)."""
    from factcheck.cache import SafeUnpickler

    return SafeUnpickler(blob, "a snapshot").load()


def dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=5)


def load_state(cache: Any, key: str, files: Sequence[str]) -> CorpusState | None:
    """The stored state for ``key`` if its files are unchanged; None (with a warning when the
    snapshot is damaged) otherwise."""
    getter = getattr(cache, "get_snapshot", None)
    if getter is None:
        return None
    blob = getter(key, "main")
    if blob is None:
        return None
    try:
        state = loads(blob)
        if not isinstance(state, CorpusState):
            raise TypeError(f"a {type(state).__name__}, not a corpus state")
    except Exception as exc:  # damaged or foreign: computed again
        log.warning("cache: unreadable corpus snapshot (%s); computing the corpus again", exc)
        if hasattr(cache, "delete_snapshot"):
            cache.delete_snapshot(key)
        return None
    if not unchanged(state.manifest, files):
        log.info("corpus snapshot is stale (files changed); computing the corpus again")
        return None
    return state


def event_claims(cache: Any, key: str, events: Sequence[str]) -> dict[str, list[Claim]]:
    """The stored (kept, event-tagged) claims of ``events``; raises on a damaged entry."""
    out: dict[str, list[Claim]] = {}
    for ev in events:
        blob = cache.get_snapshot(key, f"event:{ev}")
        out[ev] = [] if blob is None else loads(blob)
        if not isinstance(out[ev], list):
            raise TypeError(f"event {ev}: not a list of claims")
    return out


def store_state(
    cache: Any,
    key: str,
    state: CorpusState,
    claims_by_event: dict[str, list[Claim]],
    lines: dict[str, LineStat] | None = None,
) -> None:
    putter = getattr(cache, "put_snapshot", None)
    if putter is None:
        return
    parts = {"main": dumps(state)}
    parts.update({f"event:{ev}": dumps(cs) for ev, cs in claims_by_event.items()})
    parts.update({line_part(t): dumps(stat) for t, stat in (lines or {}).items()})
    putter(key, parts)


# ---------------------------------------------------------------------------- building
def build_state(
    manifest: dict[str, tuple[int, int, str]],
    articles: Sequence[Article],
    refined: Sequence[Claim],
    raw_claims: Sequence[Claim],
    stats: CorpusStats,
    keep: dict[str, Any],
    org: Any,
) -> tuple[CorpusState, dict[str, list[Claim]]]:
    """The state of a base corpus from a full run of the corpus-wide steps over it (``refined``:
    its claims before aliases; ``raw_claims``: after; ``keep``: from
    :func:`factcheck.events.assign_events`; ``org``: :class:`factcheck.pipeline.Organised`)."""
    feats = keep["features"]
    events: Events = org.events
    sums: dict[str, EventSum] = {}
    for ev, members in keep["members"].items():
        whole = _Cluster.of_article(feats, members[0])
        for m in members[1:]:
            whole.absorb(_Cluster.of_article(feats, m))
        sums[ev] = EventSum.of(whole)
    postings: dict[str, list[int]] = {}
    kept_of: dict[str, list[Claim]] = {}
    for c in org.claims:
        kept_of.setdefault(c.article, []).append(c)
    for i, a in enumerate(articles):
        keys = {k for c in kept_of.get(a.id, ()) for k in c.entity_keys if k not in feats.outlets}
        for k in sorted({event_key(k, feats.generic, feats.place_names) for k in keys}):
            postings.setdefault(k, []).append(i)
    sigs = np.vstack([minhash(shingles(body_text(a.text))) for a in articles]) if articles else np.zeros((0, NUM_PERM))
    by_event: dict[str, list[Claim]] = {}
    for c in org.claims:
        by_event.setdefault(c.event, []).append(c)
    key_count: dict[str, dict[str, int]] = {}
    for ev, members in keep["members"].items():
        counted: Counter[str] = Counter()
        for m in members:
            counted.update({k for c in kept_of.get(articles[m].id, ()) for k in c.entity_keys})
        key_count[ev] = dict(counted)
    state = CorpusState(
        manifest=dict(manifest),
        articles=list(articles),
        lower=dict(stats.lower),
        upper=dict(stats.upper),
        runs=dict(stats.runs),
        start_runs=dict(stats.start_runs),
        sentences={c.sentence or c.text for c in raw_claims},
        key_counts=dict(_key_counts(refined)),
        votes=kind_votes(refined),
        sources=org.sources,
        signatures=np.ascontiguousarray(sigs, dtype=np.uint64).tobytes(),
        lines={},
        furniture=list(org.furniture),
        events=events,
        dim=int(feats.vectors.shape[1]),
        vectors=np.ascontiguousarray(feats.vectors, dtype=np.float32).tobytes(),
        kth=list(keep["kth"]),
        postings=postings,
        feat_df=dict(feats.df),
        outlet_names=_outlet_names(articles),
        broad=feats.broad,
        place_df=dict(feats.place_df),
        generic=feats.generic,
        place_names=feats.place_names,
        language_gap=feats.language_gap,
        centres=list(feats.centre),
        sums=sums,
        doc_freq=dict(keep["doc_freq"]),
        key_count=key_count,
        key_share=dict(keep["key_share"]),
        ranges=dict(keep["ranges"]),
        names=dict(keep["names"]),
        kinds=dict(keep["kinds"]),
        typed=frozenset(keep["typed"]),
        word_df=dict(Counter(w for c in org.claims for w in content_words(c.text))),
        claims_kept=len(org.claims),
        claim_counts=dict(Counter(c.article for c in org.claims)),
    )
    return state, by_event


def _key_counts(refined: Sequence[Claim]) -> Counter[str]:
    keys: Counter[str] = Counter()
    for c in refined:
        keys.update(e.key for e in c.entities)
        if c.speaker and c.speaker.key:
            keys[c.speaker.key] += 1
    return keys


def _outlet_names(articles: Sequence[Article]) -> frozenset[str]:
    names = {surface_key(a.source, a.language) for a in articles if a.source}
    names.discard("")
    return frozenset(names)


def _is_outlet(key: str, names: frozenset[str]) -> bool:
    if key in names:
        return True
    if len(key) <= 3:
        return False
    for n in names:
        w = n.split()
        if any(key == " ".join(w[i:]) for i in range(len(w))) or any(
            key == " ".join(w[:i]) for i in range(1, len(w) + 1)
        ):
            return True
    return False


def _article_lines(art: Article) -> list[tuple[int, int, str, bool]]:
    """(start, end, template, at an edge) of the article's lines that can be furniture."""
    lines = nonblank_lines(art.text)
    out = []
    for n, (s, e, raw) in enumerate(lines):
        template = line_template(raw)
        if not MIN_WORDS <= len(template.split()) <= MAX_WORDS:
            continue
        edge = n < EDGE_HEAD or n >= len(lines) - EDGE_TAIL
        out.append((art.offset + s, art.offset + e, template, edge))
    return out


def line_stats(articles: Sequence[Article], sources: Sources) -> dict[str, LineStat]:
    """:class:`LineStat` of every line template of the corpus."""
    seen: dict[str, tuple[set[str], int, int, list[tuple[str, int, int]]]] = {}
    for art in articles:
        for start, end, template, edge in _article_lines(art):
            srcs, edges, total, spots = seen.get(template, (set(), 0, 0, []))
            srcs.add(sources.of(art.id))
            spots.append((art.id, start, end))
            seen[template] = (srcs, edges + edge, total + 1, spots)
    return {
        t: LineStat(tuple(sorted(s)), e, n, tuple(spots) if len(s) < MIN_SOURCES else ())
        for t, (s, e, n, spots) in seen.items()
    }


# ---------------------------------------------------------------------------- placing
@dataclass
class Placed:
    """The base state with the new articles placed: what the pipeline needs to finish the check."""

    articles: list[Article]
    claims: list[Claim]  # kept claims of the touched events (base and new), corpus order
    furniture: list[Claim]
    events: Events
    sources: Sources
    touched: set[str]
    word_df: dict[str, int]
    claims_kept: int
    claim_counts: dict[str, int]


def place(
    state: CorpusState,
    key: str,
    cache: Any,
    articles: Sequence[Article],
    new_raw: dict[str, list[Claim]],
    embed: Any,
    config: EventConfig,
    tags: Mapping[str, Sequence[Span]] | None = None,
) -> Placed:
    """Place the new articles (``new_raw``: their extracted claims, by article id, before aliases)
    into ``state`` (changed in place) and load the claims of the events they touch. ``articles``:
    the whole corpus in its order (the base's articles and the new ones); ``embed``: texts -> rows;
    ``tags``: the entity tagger's spans of the new claims' sentences (as the full path uses them)."""
    order = {a.id: i for i, a in enumerate(articles)}
    base_ids = {a.id for a in state.articles}
    new_articles = [a for a in articles if a.id not in base_ids]
    # 1. aliases: statistics and name counts with the new claims added
    stats = CorpusStats(Counter(state.lower), Counter(state.upper), Counter(state.runs), Counter(state.start_runs))
    for a in new_articles:
        for c in new_raw[a.id]:
            s = c.sentence or c.text
            if s not in state.sentences:
                state.sentences.add(s)
                stats.add(s)
    refined = {a.id: refine_claims(new_raw[a.id], stats) for a in new_articles}
    if tags is not None:
        refined = {aid: tag_claims_with(cs, tags) for aid, cs in refined.items()}
    counts = Counter(state.key_counts)
    for cs in refined.values():
        counts.update(_key_counts(cs))
    index = AliasIndex(counts)
    votes = {k: dict(v) for k, v in state.votes.items()}
    for cs in refined.values():
        for k, v in kind_votes(cs).items():
            total = votes.setdefault(k, dict.fromkeys(v, 0.0))
            for kind, n in v.items():
                total[kind] += n
    kinds = _kinds_for(index, votes, [c for cs in refined.values() for c in cs])
    resolved = {aid: apply_aliases(cs, index, kinds) for aid, cs in refined.items()}
    state.key_counts, state.votes = dict(counts), votes
    # 2.-4. each new article in turn: source, furniture, event
    n_base = len(state.articles)
    sigs = np.frombuffer(state.signatures, dtype=np.uint64).reshape(n_base, NUM_PERM)
    vecs = np.frombuffer(state.vectors, dtype=np.float32).reshape(n_base, state.dim)
    all_arts = list(state.articles)
    new_kept: list[Claim] = []
    new_furniture: list[Claim] = []
    for a in new_articles:
        claims = resolved[a.id]
        sigs = _place_source(state, all_arts, sigs, a, order)
        furniture_ids = _place_lines(state, cache, key, a, claims, config)
        vectors = embed([c.text for c in claims])
        ev, vec = _place_event(state, all_arts, vecs, a, claims, vectors, furniture_ids, config)
        vecs = np.vstack([vecs, vec[None, :].astype(np.float32)])
        all_arts.append(a)
        state.articles = all_arts
        kept = [c for c in claims if c.id not in furniture_ids]
        new_furniture += [c for c in claims if c.id in furniture_ids]
        _place_claims(state, cache, key, a, claims, kept, ev, config, order)
        new_kept += [replace(c, event=state.events.claim_event[c.id]) for c in kept]
        state.claims_kept += len(kept)
        state.claim_counts[a.id] = len(kept)
        for c in kept:
            for w in content_words(c.text):
                state.word_df[w] = state.word_df.get(w, 0) + 1
    touched = {c.event for c in new_kept}
    base_claims = [c for ev in sorted(touched) for c in _event_claims(state, cache, key, ev)]
    # the base's claims of these events with the aliases of the corpus as it is now (new names included)
    base_claims = apply_aliases(base_claims, index, _kinds_for(index, votes, base_claims))
    everything = base_claims + new_kept
    everything.sort(key=lambda c: (order[c.article], *_claim_position(c)))
    return Placed(
        list(articles), everything, state.furniture + new_furniture, state.events, state.sources, touched,
        state.word_df, state.claims_kept, state.claim_counts,
    )  # fmt: skip


def _kinds_for(index: AliasIndex, votes: dict[str, dict[str, float]], claims: Sequence[Claim]) -> dict[str, Any]:
    """:func:`factcheck.claims.corpus_kinds` for the canonical keys ``claims`` name, from the
    corpus's votes per surface key."""
    wanted = {index(e.key) for c in claims for e in c.entities}
    wanted |= {index(c.speaker.key) for c in claims if c.speaker and c.speaker.key}
    return kinds_of(votes, index, wanted)


def _claim_position(c: Claim) -> tuple[int, int]:
    """(sentence, fact) of a claim within its article: the order extraction gives them."""
    tail = c.id.rsplit(":", 1)[-1]
    return (c.index, int(tail.split(".", 1)[1]) if "." in tail else 0)


def _event_claims(state: CorpusState, cache: Any, key: str, ev: str) -> list[Claim]:
    if ev not in state.event_claims:
        state.event_claims.update(event_claims(cache, key, [ev]))
    return state.event_claims[ev]


def _place_source(
    state: CorpusState, arts: list[Article], sigs: np.ndarray, a: Article, order: dict[str, int]
) -> np.ndarray:
    """Join the new article to the sources it copies (as :func:`factcheck.sources.find_sources`)."""
    own = shingles(body_text(a.text))
    sig = minhash(own)
    rows = NUM_PERM // BANDS
    if len(sigs):
        same = (sigs.reshape(len(sigs), BANDS, rows) == sig.reshape(BANDS, rows)).all(axis=2).any(axis=1)
        candidates = np.nonzero(same)[0].tolist()
    else:
        candidates = []
    src = state.sources
    joined: set[str] = set()
    similarity = dict(src.similarity)
    for i in candidates:
        other = arts[i]
        c = _containment(shingles(body_text(other.text)), own)
        if c >= CONTAINMENT:
            first, second = (other, a) if order[other.id] < order[a.id] else (a, other)
            similarity[(first.id, second.id)] = round(c, 4)
            joined.add(src.of(other.id))
    if joined:
        if len(joined) > 1:
            raise SnapshotMismatch("the new article copies two sources of the corpus: they become one")
        members = sorted([*src.members[next(iter(joined))], a.id], key=lambda x: order[x])
        source_of = dict(src.source_of)
        member_map = {k: v for k, v in src.members.items() if k not in joined}
        for m in members:
            source_of[m] = members[0]
        member_map[members[0]] = tuple(members)
        if members[0] == a.id:  # it comes first in the corpus: the source takes its id
            state.renamed[next(iter(joined))] = a.id
        state.sources = Sources(source_of, _in_order(member_map, order), similarity)
    else:
        source_of = dict(src.source_of)
        source_of[a.id] = a.id
        member_map = dict(src.members)
        member_map[a.id] = (a.id,)
        state.sources = Sources(source_of, _in_order(member_map, order), similarity)
    return np.vstack([sigs, sig[None, :]])


def _in_order(members: dict[str, tuple[str, ...]], order: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """Sources in corpus order of their first article, as :func:`factcheck.sources.find_sources` lists them."""
    return dict(sorted(members.items(), key=lambda kv: order[kv[0]]))


def _place_lines(
    state: CorpusState, cache: Any, key: str, a: Article, claims: Sequence[Claim], config: EventConfig
) -> frozenset[str]:
    """Count the new article's lines with the base's; ids of its claims on furniture lines. A line
    of the base that the new article makes furniture (a third source) takes the base's claims on it
    out of their events' claims, and one it makes content again (it is not at the new article's
    edge) gives them back to their events, as a full run would."""
    spans = []
    src = state.sources.of(a.id)
    for start, end, template, edge in _article_lines(a):
        if template not in state.lines:
            blob = cache.get_snapshot(key, line_part(template))
            state.lines[template] = loads(blob) if blob is not None else LineStat((), 0, 0)
            if not isinstance(state.lines[template], LineStat):
                raise TypeError("not a line's statistics")
        old = state.lines[template]
        srcs = tuple(sorted({state.renamed.get(x, x) for x in old.sources} | {src}))
        spots = (*old.spots, (a.id, start, end)) if len(srcs) < MIN_SOURCES else ()
        new = LineStat(srcs, old.edges + edge, old.total + 1, spots)
        state.lines[template] = new
        if old.furniture and not new.furniture:
            _restore_content(state, cache, key, template, config)
        if new.furniture and not old.furniture:
            for spot in old.spots:
                _drop_furniture(state, cache, key, *spot)
        if new.furniture:
            spans.append((start, end))
    return frozenset(c.id for c in claims if any(s <= c.start and c.end <= e for s, e in spans))


def _restore_content(state: CorpusState, cache: Any, key: str, template: str, config: EventConfig) -> None:
    """The base's furniture claims on lines of ``template`` are content again: each gets its event
    (as :func:`factcheck.events.place_claims` gives it) and joins that event's claims."""
    by_id = {a.id: a for a in state.articles}
    back: dict[str, list[Claim]] = {}
    for c in state.furniture:
        art = by_id.get(c.article)
        if art is None:
            continue
        if any(t == template and s <= c.start and c.end <= e for s, e, t, _ in _article_lines(art)):
            back.setdefault(c.article, []).append(c)
    if not back:
        return
    gone = {c.id for cs in back.values() for c in cs}
    state.furniture = [c for c in state.furniture if c.id not in gone]
    events = state.events
    notes = dict(events.notes)
    claim_event = dict(events.claim_event)
    background = set(events.background)
    for article, cs in back.items():
        placed, behind = place_claims(
            cs, events.article_event, state.articles, state.ranges, state.key_share, state.doc_freq,
            len(state.articles), config, notes,
        )  # fmt: skip
        claim_event.update(placed)
        background |= behind
        for c in cs:
            ev = placed[c.id]
            _event_claims(state, cache, key, ev).append(replace(c, event=ev))
            state.claims_kept += 1
            state.claim_counts[article] = state.claim_counts.get(article, 0) + 1
            for w in content_words(c.text):
                state.word_df[w] = state.word_df.get(w, 0) + 1
    state.events = Events(events.frames, events.article_event, claim_event, notes, frozenset(background))


def _drop_furniture(state: CorpusState, cache: Any, key: str, article: str, start: int, end: int) -> None:
    """The base's claims of ``article`` within [start, end] are furniture now."""
    ev = state.events.article_event.get(article)
    if ev is None:
        return
    claims = _event_claims(state, cache, key, ev)
    gone = [c for c in claims if c.article == article and start <= c.start and c.end <= end]
    if not gone:
        return
    ids = {c.id for c in gone}
    state.event_claims[ev] = [c for c in claims if c.id not in ids]
    state.furniture = [*state.furniture, *(replace(c, event="") for c in gone)]
    state.claims_kept -= len(gone)
    state.claim_counts[article] = state.claim_counts.get(article, 0) - len(gone)
    for c in gone:
        for w in content_words(c.text):
            state.word_df[w] -= 1


def _place_event(
    state: CorpusState,
    arts: list[Article],
    vecs: np.ndarray,
    a: Article,
    claims: Sequence[Claim],
    vectors: np.ndarray,
    skip: frozenset[str],
    config: EventConfig,
) -> tuple[str, np.ndarray]:
    """The new article's event and its embedding feature: the best of its candidates' events by average linkage (as
    :func:`factcheck.events.cluster` scores them), or a new one."""
    n_base = len(arts)
    n = n_base + 1
    vec_in = vectors if len(vectors) else np.zeros((0, state.dim), np.float32)
    feats = article_features([a], list(claims), vec_in, skip, config.max_claims)
    idx = [c for c in claims if c.id not in skip]
    names = state.outlet_names | ({surface_key(a.source, a.language)} - {""} if a.source else set())
    counts = Counter(
        event_key(k, state.generic, state.place_names) for c in idx for k in c.entity_keys if not _is_outlet(k, names)
    )
    broad = state.broad | {e.key for c in claims for e in c.entities if e.kind == "country"}
    state.broad = frozenset(broad)
    for k in counts:
        state.feat_df[k] = state.feat_df.get(k, 0) + 1
    ents = {
        k: (1.0 + math.log(c)) * math.log(1.0 + n / state.feat_df[k]) * (0.3 if k in broad else 1.0)
        for k, c in counts.items()
        if state.feat_df[k] > 1
    }
    norm = math.sqrt(sum(v * v for v in ents.values()))
    if norm > 0:
        ents = {k: v / norm for k, v in ents.items()}
    cores = feats.lead_places[0] if feats.lead_places else frozenset()
    for k in cores:
        state.place_df[k] = state.place_df.get(k, 0) + 1
    specific = most_specific(cores, feats.headed[0] if feats.headed else frozenset(), state.place_df)
    vec = feats.vectors[0]
    centre = feats.centre[0]
    leads = feats.people[0] if feats.people else frozenset()
    people = frozenset(k for k in leads if not _is_outlet(k.removeprefix(ORG), names))
    mine = _Cluster([n_base], vec.astype(np.float64), dict(ents), dict(feats.dates[0]), centre or 0.0,
                    1 if centre is not None else 0, set(specific), set(cores), Counter(people),
                    set(feats.names[0] if feats.names else ()), place_counts=Counter(specific),
                    languages=Counter(feats.languages),
                    written=feats.written[0] if feats.written else None)  # fmt: skip
    # candidates: its neighbours, the articles it would be a neighbour of, articles sharing a rare key
    cand: set[int] = set()
    if n_base:
        sims = vecs @ vec
        near = min(config.neighbours, n_base)
        top = np.argsort(-sims, kind="stable")[:near]
        cand |= {int(i) for i in top}
        kth = np.asarray(state.kth, dtype=np.float64)
        cand |= {int(i) for i in np.nonzero(sims[: len(kth)] >= kth)[0]}
    for key in sorted(counts):
        members = state.postings.get(key, [])
        if len(members) >= 1 and len(members) + 1 <= config.block_max:
            cand |= set(members)
        state.postings.setdefault(key, []).append(n_base)
    article_event = state.events.article_event
    scored: dict[str, float] = {}
    for i in sorted(cand):
        ev = article_event.get(arts[i].id)
        if ev is None or ev in scored:
            continue
        score = _linkage(mine, state.sums[ev].cluster(), 0.0, config, state.language_gap)
        scored[ev] = -math.inf if score is None else score
    best = max(sorted(scored), key=lambda ev: scored[ev], default=None)
    target = None
    if best is not None and scored[best] >= config.threshold:
        target = best
    else:
        orphans = [ev for ev in sorted(scored) if len(state.sums[ev].members) >= 2]
        best = max(orphans, key=lambda ev: scored[ev], default=None)
        if best is not None and scored[best] >= config.orphan * config.threshold:
            target = best
    state.centres.append(centre)
    if target is None:
        target = f"E{len(state.events.frames) + 1}"
        state.sums[target] = EventSum(
            [], np.zeros(state.dim, np.float64).tobytes(), {}, {}, 0.0, 0, frozenset(), frozenset()
        )
        state.event_claims[target] = []
    grown = state.sums[target].cluster()
    grown.absorb(mine)
    state.sums[target] = EventSum.of(grown)
    return target, vec


def _place_claims(
    state: CorpusState,
    cache: Any,
    key: str,
    a: Article,
    claims: list[Claim],
    kept: list[Claim],
    ev: str,
    config: EventConfig,
    order: dict[str, int],
) -> None:
    """Give the new article's claims (``kept``: those not on furniture lines) their events and
    update its event's frame."""
    events = state.events
    arts = state.articles
    n = len(arts)
    members = state.sums[ev].members
    article_event = dict(events.article_event)
    article_event[a.id] = ev
    for k in {k for c in kept for k in c.entity_keys}:
        state.doc_freq[k] = state.doc_freq.get(k, 0) + 1
    # the event's key shares and date range with the new article (the base's names as the base resolved them)
    counted = state.key_count.setdefault(ev, {})
    for k in {k for c in kept for k in c.entity_keys}:
        counted[k] = counted.get(k, 0) + 1
    state.key_share[ev] = {k: cnt / len(members) for k, cnt in counted.items()}
    state.ranges[ev] = _ranges([members], arts, state.centres, config.veto_days)[0]
    notes = dict(events.notes)
    for m in members:
        notes.pop(arts[m].id, None)
    recycled = _recycled_notes(ev, members, arts, state.centres, state.ranges[ev], config, notes)
    claim_event, background = place_claims(
        claims, article_event, arts, state.ranges, state.key_share, state.doc_freq, n, config, notes
    )
    for name_key, text in _display_names(kept).items():
        state.names.setdefault(name_key, text)
    for c in kept:
        for e in c.entities:
            state.kinds.setdefault(e.key, e.kind)
    state.typed = state.typed | typed_keys(kept)
    frame = event_frame(ev, members, arts, state.key_share[ev], state.doc_freq, n, state.names, state.kinds,
                        state.ranges[ev], recycled, state.typed)  # fmt: skip
    frame = replace(frame, articles=tuple(sorted(frame.articles, key=order.__getitem__)))
    frames = [frame if f.id == ev else f for f in events.frames]
    if all(f.id != ev for f in events.frames):
        frames.append(frame)
    state.events = Events(
        frames, article_event, {**events.claim_event, **claim_event}, notes, events.background | frozenset(background)
    )
