"""Events (stories): which event each article, and each claim, reports.

Articles are clustered from what they report, never by comparing all pairs:

1. **Features** per article: the e5 embedding of its lead (claims weighted towards the top), its
   entity keys weighted by tf-idf over the corpus (a name every article uses says nothing; a project
   or place few articles name says a lot), and a histogram of the dates it reports (weekly bins,
   absolute dates weigh more than relative ones resolved against the publication date).
2. **Candidates**: the k nearest neighbours of each article's embedding (hnswlib beyond a few hundred
   articles) plus blocking on rare entity keys; each article gets O(k) candidates.
3. **Average-link agglomeration over that graph.** Every pair score is a dot product of feature
   vectors, so the average score between two clusters is exact from their sums: a big cluster only
   absorbs an article that resembles all of it, not a chain of near neighbours. Clusters whose
   confident event dates lie far apart never merge; the linkage is discounted for dates a week
   apart, for other places on nearby days, and when each cluster is about a person the other never
   names (the people at least half of its articles lead with, as the entity tagger types them:
   two verdicts of one court on two defendants, two summits in one city with other leaders).

Then each claim gets its event (its article's, or an earlier event its look-back dates and names
point to, or the other event of an article that mixes two), each event gets a frame (main actors,
place, date range, articles) and pages published long after the event their details match are
flagged as recycled. The weights and cut-offs in :class:`EventConfig` were set on generated
many-event corpora (``benchmarks/multievent``), not on the corpora we report.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from heapq import heappop, heappush
from typing import TypeVar

import numpy as np

from factcheck import lang
from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.normalize.dates import MONTH_NAMES_ID, DateMention, format_day
from factcheck.normalize.entities import company_forms

WEEK = 7
LOOKBACK_DAYS = 45  # as EventConfig.lookback_days: a day this long before its page's date may look back
LEAD_CLAIMS = 3  # an article's first claims, whose places are its lead places
COUNTRY_WEIGHT = 0.3  # a country's share of an article's entity vector, relative to other names
K = TypeVar("K", int, str)


@dataclass(frozen=True)
class EventConfig:
    w_embedding: float = 0.10
    w_entities: float = 0.50
    w_dates: float = 0.20
    w_claims: float = 0.0  # measured: no gain on generated corpora
    orphan: float = 0.5  # a lone article joins its best event at this share of the threshold
    restated_cosine: float = 0.90  # claim embeddings this close restate the same sentence
    max_claims: int = 40  # claims per article used to measure restatement
    embedding_floor: float = 0.90  # cosine of two unrelated texts; mapped to 0
    threshold: float = 0.32  # average-link score two clusters need to merge (set with `elsewhere`: README, Quality)
    veto_days: int = 75  # confident event dates further apart never merge
    split_days: int = 7  # confident dates this far apart: the linkage is discounted,
    place_days: int = 2  # ... or this far apart with no lead place in common
    elsewhere: float = 0.8  # ... by this factor (a strong overlap of actors still merges; see README, Quality)
    # the factor for different most specific places on the same days (set on development corpora of
    # the multi-event generator, seeds 905/906: purity 0.933/0.940 -> 0.947/0.945 at 1,000 articles;
    # 0.6 days apart split the seeds' 13 July article off its event, so that one stays at 0.8)
    elsewhere_same_days: float = 0.9
    # two clusters each about a person the other never names (see :func:`contrasted`): linkage x this
    contrast: float = 0.5
    # two clusters that are each dated by two or more articles, a week or more apart: the same
    # story twice (two landslides in one regency, two finals in one stadium), not one article with
    # a wrong date, so the discount applies twice (only a strong overlap of names still merges them);
    # likewise two clusters of two or more articles each in places the other does not name on the
    # same days (a minister opening a terminal in one city and a station in another)
    both_dated: bool = True
    dated_groups: bool = True
    group_veto_days: int = 28  # two clusters each dated by two articles or more, this far apart: never one
    neighbours: int = 12
    block_max: int = 40  # entity keys in more articles than this do not block
    exact_below: int = 400  # below this many articles, exact neighbours (numpy) instead of hnswlib
    lookback_days: int = 45  # a claim dated this far before its event looks back
    recycled_days: int = 60  # published this long after its event's last date: a recycled page
    match_days: int = 10  # slack when a claim's date is matched with an event's date range


@dataclass(frozen=True)
class EventFrame:
    id: str
    title: str
    actors: tuple[str, ...]
    place: str | None
    date_lo: date | None
    date_hi: date | None
    articles: tuple[str, ...]
    recycled: tuple[str, ...] = ()  # article ids published long after the event they report

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "actors": list(self.actors),
            "place": self.place,
            "date_from": self.date_lo.isoformat() if self.date_lo else None,
            "date_to": self.date_hi.isoformat() if self.date_hi else None,
            "articles": list(self.articles),
            "recycled": list(self.recycled),
        }


@dataclass
class Events:
    frames: list[EventFrame]
    article_event: dict[str, str]
    claim_event: dict[str, str]  # claim id -> event id
    notes: dict[str, str] = field(default_factory=dict)  # claim or article id -> why it was moved/flagged
    background: frozenset[str] = frozenset()  # claim ids that look back to an event not in the corpus

    def frame(self, event_id: str) -> EventFrame | None:
        return next((f for f in self.frames if f.id == event_id), None)

    def group_of(self, claim: Claim) -> str:
        """The key claims are compared under: same event, and look-backs apart from the event itself."""
        ev = self.claim_event.get(claim.id, claim.event or "E1")
        return ev + "~earlier" if claim.id in self.background else ev


# ---------------------------------------------------------------------------- features
@dataclass
class ArticleFeatures:
    ids: list[str]
    vectors: np.ndarray  # (n, d), L2-normalised (zero rows for articles without claims)
    entities: list[dict[str, float]]  # L2-normalised tf-idf of entity keys
    dates: list[dict[int, float]]  # L2-normalised histogram over week bins
    centre: list[float | None]  # ordinal day of the confident event date, if any
    claims: list[np.ndarray] = field(default_factory=list)  # per article, its claims' vectors
    claim_keys: list[list[frozenset[str]]] = field(default_factory=list)  # and their entity keys
    places: list[frozenset[str]] = field(default_factory=list)  # the most specific place(s) of the lead claims
    lead_places: list[frozenset[str]] = field(default_factory=list)  # every place of the lead claims
    # corpus statistics behind the features (kept by :mod:`factcheck.snapshot` to place new articles)
    df: dict[str, int] = field(default_factory=dict)  # articles naming each entity key (outlets left out)
    outlets: frozenset[str] = frozenset()
    broad: frozenset[str] = frozenset()  # country keys
    place_df: dict[str, int] = field(default_factory=dict)  # articles leading with each place core
    people: list[frozenset[str]] = field(default_factory=list)  # whom each article is about (its lead's people)
    names: list[frozenset[str]] = field(default_factory=list)  # every name and person key it has
    # the lead places named with a head of a specific kind of place ("Desa X", "X village"), not a broad one
    headed: list[frozenset[str]] = field(default_factory=list)
    # articles that are a syndicated copy of an earlier one: whom and where they lead with is counted once
    copy: list[bool] = field(default_factory=list)
    generic: frozenset[str] = frozenset()  # words the corpus writes in lower case (see :func:`corpus_words`)
    place_names: frozenset[str] = frozenset()  # keys typed a place
    languages: list[str] = field(default_factory=list)  # the language most of each article's claims are in
    language_gap: float = 0.0  # how much lower embeddings score across languages (:func:`language_gap`)
    written: list[float | None] = field(default_factory=list)  # ordinal day each article was written, if known


def _event_mentions(c: Claim, art: Article) -> Iterable[DateMention]:
    for d in c.dates:
        if not d.resolved or d.precision not in ("time", "day", "week", "month") or d.lo is None:
            continue
        if art.published_from in ("dateline", "header") and d.lo == art.published and "(" not in d.text:
            continue  # the article's own dateline
        if art.on_update_day(d):
            continue  # a page updated since it was written: the day of the update is no day of its story
        yield d


def _normalise(vec: dict[K, float]) -> None:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    if norm > 0:
        for k in vec:
            vec[k] /= norm


def _add_interval(hist: dict[int, float], lo: date, hi: date, weight: float) -> None:
    first, last = lo.toordinal() // WEEK, hi.toordinal() // WEEK
    share = weight / (last - first + 1)
    for b in range(first, last + 1):
        for off, w in ((-1, 0.5), (0, 1.0), (1, 0.5)):
            hist[b + off] = hist.get(b + off, 0.0) + share * w


def article_features(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    skip: frozenset[str] = frozenset(),
    max_claims: int = 40,
    source_of: Mapping[str, str] | None = None,
    generic: frozenset[str] | None = None,
    place_names: frozenset[str] | None = None,
) -> ArticleFeatures:
    """Per-article features from its claims (``skip``: claim ids of furniture, left out;
    ``source_of``: article id -> its source, syndicated copies sharing one; ``generic``,
    ``place_names``: as :func:`corpus_words` gives them, by default from ``claims``)."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        if c.id not in skip:
            by_article[c.article].append(i)
    n = len(articles)
    outlets = outlet_keys(articles, claims)
    broad = {e.key for c in claims for e in c.entities if e.kind == "country"}
    if generic is None or place_names is None:
        generic, place_names = corpus_words(claims)
    dim = vectors.shape[1] if vectors.ndim == 2 and vectors.shape[0] else 384
    out = np.zeros((n, dim), dtype=np.float32)
    tf: list[Counter[str]] = []
    df: Counter[str] = Counter()
    dates: list[dict[int, float]] = []
    centres: list[float | None] = []
    for a, art in enumerate(articles):
        idx = by_article.get(art.id, [])
        if idx:
            w = np.array([1.0 / (1.0 + r / 4.0) for r in range(len(idx))], dtype=np.float32)
            v = (vectors[idx] * w[:, None]).sum(axis=0)
            norm = float(np.linalg.norm(v))
            out[a] = v / norm if norm > 0 else v
        counts = Counter(
            event_key(k, generic, place_names) for i in idx for k in claims[i].entity_keys if k not in outlets
        )
        tf.append(counts)
        df.update(counts.keys())
        hist: dict[int, float] = {}
        days: list[tuple[float, float]] = []
        for r, i in enumerate(idx):
            lead = 1.0 / (1.0 + r / 4.0)
            for d in _event_mentions(claims[i], art):
                assert d.lo is not None and d.hi is not None
                weight = lead * (0.5 if d.relative else 1.0)
                _add_interval(hist, d.lo, d.hi, weight)
                if d.precision in ("time", "day") and (not d.relative or art.published_from == "front matter"):
                    # a relative day counts where the page states its date; a day long before the page
                    # was published is more often a look-back ("Tahun lalu, ... pada 14/12/2025") than its story
                    old = art.anchor is not None and (art.anchor - d.hi).days > LOOKBACK_DAYS
                    days.append((float(d.lo.toordinal()), weight * (0.5 if old else 1.0)))
        if art.anchor is not None:
            _add_interval(hist, art.anchor, art.anchor, 0.3)  # the day it was written
        if art.written is not None:  # a page updated since says when it was first published: its story's day
            days.append((float(art.written.toordinal()), 1.0))
        _normalise(hist)
        dates.append(hist)
        centres.append(_mode_day(days))
    entities: list[dict[str, float]] = []
    for counts in tf:
        # keys no other article names cannot link anything: left out, so they do not dilute the rest
        # idf log(1 + n/df): a name in every article of a one-story corpus (its main actor) still
        # counts (log 2), where log(n/df) would drop it and leave the rare side names to decide;
        # in a corpus of many events the two hardly differ. A country is named by stories of
        # every kind that happen there: it weighs less than a name.
        vec = {
            k: (1.0 + math.log(c)) * math.log(1.0 + n / df[k]) * (COUNTRY_WEIGHT if k in broad else 1.0)
            for k, c in counts.items()
            if df[k] > 1
        }
        _normalise(vec)
        entities.append(vec)
    firsts = [by_article.get(a.id, [])[:max_claims] for a in articles]
    claim_vectors = [vectors[idx] for idx in firsts]
    claim_keys = [[claims[i].entity_keys for i in idx] for idx in firsts]
    leads = _place_cores([frozenset(k for i in idx[:LEAD_CLAIMS] for k in claims[i].places) for idx in firsts])
    headed = _place_cores([_headed_places([claims[i] for i in idx[:LEAD_CLAIMS]]) for idx in firsts])
    specific = _specific_places(leads, headed)
    ids = [a.id for a in articles]
    place_df = dict(Counter(k for keys in leads for k in keys))
    people = [_lead_people([claims[i] for i in by_article.get(a.id, [])], outlets) for a in articles]
    names = [
        frozenset(k for i in by_article.get(a.id, []) for k in claims[i].entity_keys | claims[i].person_keys)
        for a in articles
    ]
    languages = [_language([claims[i] for i in by_article.get(a.id, [])], a) for a in articles]
    seen: set[str] = set()
    copy = []
    for art in articles:
        src = (source_of or {}).get(art.id, art.id)
        copy.append(src in seen)
        seen.add(src)
    return ArticleFeatures(
        ids, out, entities, dates, centres, claim_vectors, claim_keys, specific, leads,
        dict(df), outlets, frozenset(broad), place_df, people, names, headed, copy,
        generic, place_names, languages, language_gap(out, languages),
        [float(a.anchor.toordinal()) if a.anchor is not None else None for a in articles],
    )  # fmt: skip


_LOWER_WORD = re.compile(r"(?<![\w.'’-])[^\W\d_A-Z]+(?![\w'’])")


def corpus_words(claims: Iterable[Claim]) -> tuple[frozenset[str], frozenset[str]]:
    """The words the claims write in lower case somewhere (common words of their languages:
    "industri", "estate", "de") and the keys they type a place (see :func:`event_key`)."""
    generic: set[str] = set()
    places: set[str] = set()
    for c in claims:
        generic.update(w for w in _LOWER_WORD.findall(c.text) if w.islower())
        places.update(e.key for e in c.entities if e.kind == "place")
        places.update(c.place_keys)
    return frozenset(generic), frozenset(places)


def event_key(key: str, generic: frozenset[str], place_names: frozenset[str]) -> str:
    """The key a name counts under among an article's event features: a place's own words, sorted,
    without the kind of place or the common words around them and with compass words as one mark,
    so that one place written in several languages is one key ("kawasan industri sekarjati" and
    "sekarjati industrial estate" -> "sekarjati"; "east java", "java oriental" -> "java E"). Other
    names (people, organisations), countries and one-word keys stay as they are."""
    words = key.split()
    if len(words) < 2:
        return key
    heads, directions = lang.place_words()
    if key in lang.data(lang.available()).countries.keys:
        return key  # a country's key is already one across languages
    if key not in place_names and not any(w in heads or w in directions for w in words):
        return key
    named = sorted({w for w in words if w not in heads and w not in directions and w not in generic})
    if not named:
        return key
    return " ".join(named + sorted({directions[w] for w in words if w in directions}))


def _language(claims: Sequence[Claim], art: Article) -> str:
    """The language most of an article's claims are written in (its own, without claims)."""
    counts = Counter(c.language for c in claims if c.language)
    return max(sorted(counts), key=lambda k: counts[k]) if counts else art.language


def language_gap(vectors: np.ndarray, languages: Sequence[str]) -> float:
    """How much lower the embedding cosine of two articles is when they are written in different
    languages: the mean cosine of the corpus's same-language pairs less that of its cross-language pairs
    (0 when either kind is missing, never below 0).

    A multilingual encoder places each language apart from the others (an Indonesian and a Spanish
    report of one explosion score 0.94, two Indonesian reports 0.99), so without this a story told in
    several languages splits by language. Both means come from per-language vector sums: O(n).
    Measured over the whole corpus, one odd article moves it little; in a corpus whose languages
    report different stories it also holds their difference, which the entity and date features,
    worth seven times the embedding, still tell apart."""
    sums: dict[str, np.ndarray] = {}
    counts: Counter[str] = Counter()
    for v, code in zip(vectors, languages, strict=True):
        if v.any():
            sums[code] = sums.get(code, 0.0) + v.astype(np.float64)
            counts[code] += 1
    total = sum(sums.values(), np.zeros(vectors.shape[1] if vectors.ndim == 2 else 0))
    n = sum(counts.values())
    # sum over ordered pairs i != j: |S|^2 - n, split into within-language and cross-language pairs
    within_pairs = sum(k * (k - 1) for k in counts.values())
    cross_pairs = n * (n - 1) - within_pairs
    if not within_pairs or not cross_pairs:
        return 0.0
    within = sum(float(s @ s) - counts[code] for code, s in sums.items())
    cross = float(total @ total) - n - within
    return max(0.0, within / within_pairs - cross / cross_pairs)


ORG = "org:"  # marks an organisation among an article's actors (its words are matched, see :func:`contrasted`)


def _lead_people(claims: Sequence[Claim], outlets: frozenset[str] = frozenset()) -> frozenset[str]:
    """Whom an article is about: the people its lead (first claims) names, else those it names most;
    with the organisations its lead names (marked ``ORG``), news outlets left out."""
    lead = frozenset(k for c in claims[:LEAD_CLAIMS] for k in c.person_keys) - outlets
    orgs = frozenset(ORG + k for c in claims[:LEAD_CLAIMS] for k in c.org_keys - outlets)
    if lead:
        return lead | orgs
    counts = Counter(k for c in claims for k in c.person_keys - outlets)
    top = max(counts.values(), default=0)
    return frozenset(k for k, n in counts.items() if n == top) | orgs


def outlet_keys(articles: Sequence[Article], claims: Sequence[Claim]) -> frozenset[str]:
    """Entity keys that name a news outlet of the corpus (its ``source``): a dateline or credit line
    ("MARUNDA, Kabar Kita —", "(ANTARPULAU)") says who published the article, not what it reports.
    A key is an outlet's when it is the outlet's name or its last or first words ("antarpulau" of
    "Kantor Berita Antarpulau")."""
    from factcheck.normalize.entities import surface_key

    names = {surface_key(a.source, a.language) for a in articles if a.source}
    names.discard("")
    ends = {" ".join(w[i:]) for n in names for w in [n.split()] for i in range(len(w))}
    ends |= {" ".join(w[:i]) for n in names for w in [n.split()] for i in range(1, len(w) + 1)}
    used = {k for c in claims for k in c.entity_keys}
    return frozenset(k for k in used if k in names or (k in ends and len(k) > 3))


def _place_cores(lead: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """Place keys without the place head at either end: "desa batu gajah" and "batu gajah" (village)
    are one place (heads inside a name stay: "sungai batu kali")."""
    from factcheck import lang

    data = lang.data(lang.available())
    heads = data.word_set("place_heads") | data.word_set("broad_place_heads")

    def core(key: str) -> str:
        words = key.split()
        while len(words) > 1 and words[0] in heads:
            words = words[1:]
        while len(words) > 1 and words[-1] in heads:
            words = words[:-1]
        return " ".join(words)

    return [frozenset(core(k) for k in keys) for keys in lead]


def _headed_places(claims: Sequence[Claim]) -> frozenset[str]:
    """The place keys of ``claims`` whose name carries the head of a specific kind of place (a
    village, a station, a stadium), not a broad one (a regency, a province): language data
    ``place_heads`` and ``broad_place_heads``: :func:`factcheck.scoring.specific_place`."""
    from factcheck.scoring import specific_place

    return frozenset(e.key for c in claims for e in c.entities if e.kind == "place" and specific_place(e, c.text))


def most_specific(keys: frozenset[str], headed: frozenset[str], df: Mapping[str, int]) -> frozenset[str]:
    """Of an article's lead places, those named with a specific head if any (a village named in
    forty articles is still more specific than the regency around it), then the ones fewest
    articles of the corpus lead with (``df``; a village before the regency and the province, in
    any language)."""
    pool = keys & headed or keys
    rarest = min((df.get(k, 0) for k in pool), default=0)
    return frozenset(k for k in pool if df.get(k, 0) == rarest)


def _specific_places(cores: Sequence[frozenset[str]], headed: Sequence[frozenset[str]]) -> list[frozenset[str]]:
    """Per article, the most specific of its lead places (:func:`most_specific`)."""
    df: Counter[str] = Counter(k for keys in cores for k in keys)
    return [most_specific(keys, h, df) for keys, h in zip(cores, headed, strict=True)]


def _mode_day(days: Sequence[tuple[float, float]]) -> float | None:
    """The weighted centre of the densest fortnight of day-precision dates."""
    if not days:
        return None
    best = max(days, key=lambda d: (round(sum(w for x, w in days if abs(x - d[0]) <= 14), 9), d[1], -d[0]))
    near = [(x, w) for x, w in days if abs(x - best[0]) <= 14]
    return sum(x * w for x, w in near) / sum(w for _, w in near)


# ---------------------------------------------------------------------------- candidates
def _dot(x: dict[K, float], y: dict[K, float]) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y.get(k, 0.0) for k, v in x.items())


def neighbours(vectors: np.ndarray, k: int, exact_below: int = 400, kth: list[float] | None = None) -> list[list[int]]:
    """The ``k`` nearest rows of each row by cosine (hnswlib for large inputs, single-threaded);
    ``kth``: filled with each row's similarity to its last neighbour."""
    n = len(vectors)
    k = min(k, n - 1)
    if k <= 0:
        if kth is not None:
            kth.extend([float("-inf")] * n)
        return [[] for _ in range(n)]
    if n < exact_below:
        sims = vectors @ vectors.T
        np.fill_diagonal(sims, -np.inf)
        order = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        if kth is not None:
            kth.extend(float(sims[i, row[-1]]) for i, row in enumerate(order))
        return [row.tolist() for row in order]
    import hnswlib

    index = hnswlib.Index(space="ip", dim=vectors.shape[1])
    index.init_index(max_elements=n, ef_construction=120, M=16, random_seed=7)
    index.set_num_threads(1)  # the graph (and so the result) must not depend on the thread count
    index.add_items(vectors, np.arange(n))
    index.set_ef(max(2 * k, 50))
    labels, _ = index.knn_query(vectors, k=k + 1, num_threads=1)
    rows = [[int(j) for j in row if int(j) != i][:k] for i, row in enumerate(labels)]
    if kth is not None:
        kth.extend(float(vectors[i] @ vectors[row[-1]]) if row else float("-inf") for i, row in enumerate(rows))
    return rows


def candidate_edges(f: ArticleFeatures, config: EventConfig, kth: list[float] | None = None) -> set[tuple[int, int]]:
    """Pairs of articles worth scoring: embedding neighbours plus articles sharing a rare key
    (``kth``: filled as by :func:`neighbours`)."""
    edges: set[tuple[int, int]] = set()
    for i, row in enumerate(neighbours(f.vectors, config.neighbours, config.exact_below, kth)):
        for j in row:
            edges.add((min(i, j), max(i, j)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ents in enumerate(f.entities):
        for key in ents:
            postings[key].append(i)
    for key in sorted(postings):
        members = postings[key]
        if 2 <= len(members) <= config.block_max:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    edges.add((members[x], members[y]))
    return edges


# ---------------------------------------------------------------------------- clustering
@dataclass
class _Cluster:
    members: list[int]
    emb: np.ndarray
    ents: dict[str, float]
    dates: dict[int, float]
    centre_sum: float
    centre_n: int
    places: set[str] = field(default_factory=set)
    lead_places: set[str] = field(default_factory=set)
    people: Counter[str] = field(default_factory=Counter)  # members about each person or organisation (their leads)
    names: set[str] = field(default_factory=set)  # every name any member has
    words: set[str] = field(default_factory=set)  # the words of those names
    place_counts: Counter[str] = field(default_factory=Counter)  # members whose most specific lead place each is
    languages: Counter[str] = field(default_factory=Counter)  # members written in each language
    written: float | None = None  # the day its last article was written (None: a member's day unknown)

    def __post_init__(self) -> None:
        if self.names and not self.words:
            self.words = name_words(self.names)

    @classmethod
    def of_article(cls, f: ArticleFeatures, i: int) -> _Cluster:
        """The one-article cluster of article ``i`` (a syndicated copy adds no lead people or places:
        its source's first article counts them)."""
        centre = f.centre[i]
        copy = i < len(f.copy) and f.copy[i]
        return cls(
            [i],
            f.vectors[i].astype(np.float64),
            dict(f.entities[i]),
            dict(f.dates[i]),
            centre or 0.0,
            1 if centre is not None else 0,
            set(f.places[i]) if i < len(f.places) else set(),
            set(f.lead_places[i]) if i < len(f.lead_places) else set(),
            Counter(f.people[i]) if i < len(f.people) and not copy else Counter(),
            set(f.names[i]) if i < len(f.names) else set(),
            place_counts=Counter(f.places[i]) if i < len(f.places) and not copy else Counter(),
            languages=Counter([f.languages[i]]) if i < len(f.languages) else Counter(),
            written=f.written[i] if i < len(f.written) else None,
        )

    def absorb(self, other: _Cluster) -> None:
        """Add ``other``'s members and sums to this cluster's."""
        if not self.members:
            self.written = other.written  # an empty cluster's day is its first article's
        elif self.written is not None and other.written is not None:
            self.written = max(self.written, other.written)
        else:
            self.written = None
        self.members.extend(other.members)
        self.emb = self.emb + other.emb
        _merge_dict(self.ents, other.ents)
        _merge_dict(self.dates, other.dates)
        self.centre_sum += other.centre_sum
        self.centre_n += other.centre_n
        self.places |= other.places
        self.lead_places |= other.lead_places
        self.people.update(other.people)
        self.place_counts.update(other.place_counts)
        self.languages.update(other.languages)
        self.names |= other.names
        self.words |= other.words


def _main_people(c: _Cluster) -> set[str]:
    """The people at least half of a cluster's articles lead with, and two of them at least when it
    has two (one article's wrong speaker is not whom a story is about): whom its story is about."""
    least = 1 if len(c.members) == 1 else 2
    return {k for k, n in c.people.items() if 2 * n >= len(c.members) and n >= least}


def _main_places(c: _Cluster) -> set[str]:
    """The most specific places at least half of a cluster's articles, and two of them at least,
    lead with: where its story happened, as :func:`_main_people` is whom it is about."""
    return {k for k, n in c.place_counts.items() if 2 * n >= len(c.members) and n >= 2}


def _elsewhere(a: _Cluster, b: _Cluster) -> bool:
    """Neither cluster's most specific place is among the other's lead places; or each cluster has
    a main place (:func:`_main_places`) the other never leads with (two villages of one regency,
    whatever office of the regency both quote). A lone article with another place is never
    elsewhere by the second rule: its place may be the error to report."""
    if not (a.places and b.places):
        return False
    if not (a.places & b.lead_places or b.places & a.lead_places):
        return True
    return bool(_main_places(a) - b.lead_places) and bool(_main_places(b) - a.lead_places)


def name_words(names: Iterable[str]) -> set[str]:
    return {w for k in names for w in k.split()}


def _unnamed_in(key: str, other: _Cluster) -> bool:
    """Whether the other cluster never names a person (its key) or an organisation (any of its
    words: "Pengadilan Negeri Makassar" is named by "Makassar District Court", "PT Rimba Energi" is
    not by "PT Mega Sarana Tekno")."""
    if not key.startswith(ORG):
        return key not in other.names
    words = {w for w in key[len(ORG) :].split() if len(w) >= 3} - company_forms()
    return bool(words) and not words & other.words


def written_before(a: _Cluster, b: _Cluster, days: float) -> bool:
    """Every page of ``a`` was written, and its story is dated, more than ``days`` before the day ``b``'s
    pages date theirs (:attr:`EventConfig.group_veto_days`, four weeks: a cluster's day is the mean of
    its pages' days, which a follow-up page moves by days): ``a`` reports an earlier story (one
    buyer's acquisition six weeks before its next), which it could not have reported; a preview of
    ``b`` dates its story on ``b``'s day."""
    if a.written is None or not (a.centre_n and b.centre_n):
        return False
    day = b.centre_sum / b.centre_n
    return a.written < day - days and a.centre_sum / a.centre_n < day - days


def contrasted(a: _Cluster, b: _Cluster) -> bool:
    """Each cluster's story is about someone the other never names (two verdicts of one court on
    two defendants, two summits of one city with other leaders, one buyer's two acquisitions): two
    stories, however alike the rest. Someone named on one side only (a quoted official, a wrong
    speaker) is not enough."""
    return any(_unnamed_in(k, b) for k in _main_people(a)) and any(_unnamed_in(k, a) for k in _main_people(b))


def _merge_dict(x: dict[K, float], y: dict[K, float]) -> None:
    for k, v in y.items():
        x[k] = x.get(k, 0.0) + v


def _linkage(a: _Cluster, b: _Cluster, shared: float, config: EventConfig, gap: float = 0.0) -> float | None:
    """Average pair score between two clusters (``shared``: the sum of their restated-claim shares;
    ``gap``: the corpus's :func:`language_gap`, added to the cosine of each cross-language pair)."""
    discount = 1.0
    if a.centre_n and b.centre_n:
        apart = abs(a.centre_sum / a.centre_n - b.centre_sum / b.centre_n)
        if apart > config.veto_days:
            return None
        if written_before(a, b, config.group_veto_days) or written_before(b, a, config.group_veto_days):
            return None  # pages written weeks before the other story happened report an earlier one
        if apart > config.group_veto_days and min(a.centre_n, b.centre_n) >= 2:
            return None  # two groups that each date it, weeks apart: the same kind of story twice
        elsewhere = _elsewhere(a, b)
        if apart > config.split_days:
            discount = config.elsewhere  # a week or more apart
            if config.both_dated and a.centre_n >= 2 and b.centre_n >= 2:
                discount *= config.elsewhere
        elif elsewhere:
            # days apart and in different places, or the same days in different places
            discount = config.elsewhere if apart > config.place_days else config.elsewhere_same_days
            if config.both_dated and len(a.members) >= 2 and len(b.members) >= 2:
                discount *= config.elsewhere  # each place given by two articles or more: two stories
        if config.dated_groups and config.place_days < apart <= config.split_days and min(a.centre_n, b.centre_n) >= 2:
            discount *= config.elsewhere  # two groups that each date it, days apart
    if config.contrast < 1.0 and contrasted(a, b):
        if config.contrast <= 0.0:
            return None
        discount *= config.contrast
    na, nb = len(a.members), len(b.members)
    c0 = config.embedding_floor
    cross = na * nb - sum(k * b.languages[lang] for lang, k in a.languages.items()) if gap else 0
    emb = (float(a.emb @ b.emb) + gap * cross - c0 * na * nb) / (1.0 - c0)
    total = (
        config.w_embedding * emb
        + config.w_entities * _dot(a.ents, b.ents)
        + config.w_dates * _dot(a.dates, b.dates)
        + config.w_claims * shared
    )
    return discount * total / (na * nb)


def restated(
    x: np.ndarray, y: np.ndarray, cosine: float, kx: Sequence[frozenset[str]] = (), ky: Sequence[frozenset[str]] = ()
) -> float:
    """Share of claims of two articles that the other restates: a claim embedding within ``cosine``
    that names one of the same entities (with ``kx``/``ky``, the claims' entity keys), so generic
    sentences every story has ("the two leaders shook hands") do not link two events."""
    if len(x) == 0 or len(y) == 0:
        return 0.0
    close = (x @ y.T) >= cosine
    if kx and ky:
        for r, c in zip(*np.nonzero(close), strict=True):
            if not kx[r] & ky[c]:
                close[r, c] = False
    return float((close.any(axis=1).mean() + close.any(axis=0).mean()) / 2)


def cluster(f: ArticleFeatures, config: EventConfig = EventConfig(), kth: list[float] | None = None) -> list[int]:
    """Cluster label per article (labels are the smallest member index of each cluster; ``kth``:
    filled with each article's similarity to its last embedding neighbour)."""
    n = len(f.ids)
    gap = f.language_gap
    clusters = {i: _Cluster.of_article(f, i) for i in range(n)}
    # adjacent[i][j]: sum over the candidate pairs between clusters i and j of their restated share
    adjacent: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j in sorted(candidate_edges(f, config, kth)):
        share = (
            restated(f.claims[i], f.claims[j], config.restated_cosine, f.claim_keys[i], f.claim_keys[j])
            if config.w_claims
            else 0.0
        )
        adjacent[i][j] = share
        adjacent[j][i] = share
    heap: list[tuple[float, int, int]] = []
    for i in sorted(adjacent):
        for j in sorted(adjacent[i]):
            if i < j:
                score = _linkage(clusters[i], clusters[j], adjacent[i][j], config, gap)
                if score is not None and score >= config.threshold:
                    heappush(heap, (-round(score, 9), i, j))
    while heap:
        stored, i, j = heappop(heap)
        if i not in clusters or j not in clusters:
            continue
        current = _linkage(clusters[i], clusters[j], adjacent[i].get(j, 0.0), config, gap)
        if current is None or current < config.threshold:
            continue
        if round(current, 9) < -stored:  # stale entry: queue it again at its current score
            heappush(heap, (-round(current, 9), i, j))
            continue
        keep, gone = min(i, j), max(i, j)
        a, b = clusters[keep], clusters.pop(gone)
        a.absorb(b)
        gone_edges = adjacent.pop(gone, {})
        mine = adjacent[keep]
        mine.pop(gone, None)
        for o, v in gone_edges.items():
            if o != keep:
                mine[o] = mine.get(o, 0.0) + v
        for o in sorted(mine):
            adjacent[o].pop(gone, None)
            adjacent[o][keep] = mine[o]
            score = _linkage(a, clusters[o], mine[o], config, gap)
            if score is not None and score >= config.threshold:
                heappush(heap, (-round(score, 9), min(keep, o), max(keep, o)))
    # an article left alone can be compared with nothing: it joins the event it resembles most,
    # if that event is not dated far from it and the resemblance is at least ``orphan`` x threshold
    orphans: list[tuple[float, int, int]] = []
    for i in sorted(clusters):
        if len(clusters[i].members) != 1:
            continue
        best: tuple[float, int] | None = None
        for o in sorted(adjacent.get(i, {})):
            if len(clusters[o].members) < 2:
                continue
            score = _linkage(clusters[i], clusters[o], adjacent[i][o], config, gap)
            if score is not None and score >= config.orphan * config.threshold and (best is None or score > best[0]):
                best = (score, o)
        if best is not None:
            orphans.append((-best[0], i, best[1]))
    for _, i, o in sorted(orphans):
        clusters[o].members.extend(clusters.pop(i).members)
    labels = [0] * n
    for root, c in clusters.items():
        for m in c.members:
            labels[m] = root
    return labels


# ---------------------------------------------------------------------------- frames and claims
def _day(ordinal: float) -> date:
    return date.fromordinal(round(ordinal))


def _claim_days(c: Claim, art: Article) -> list[DateMention]:
    """The dates that can place a claim in an event other than its article's: absolute ones, and
    relative months and years ("bulan lalu", "tahun lalu", "last year") and counts of weeks, months or
    years back ("enam pekan sebelumnya", "six weeks earlier"), which look back by themselves (a bare
    year, "sejak 2019", often only says since when: not one of them, unless the
    sentence goes on to tell what happened then: "sejak 2009, ketika ...", "since 2009, when ...")."""
    days = [d for d in _event_mentions(c, art) if not d.relative or d.precision == "month" or d.kind == "counted"]
    # ", ketika", ", when", ", cuando" right after a year: what follows happened then (``when_cues``)
    when = _cue_pattern(_claim_codes(c), "when_cues", r"\s*,\s*", r"(?![\w-])")
    years = [
        d
        for d in c.dates
        if d.precision == "year"
        and d.resolved
        and d.lo is not None
        and (d.relative or (when is not None and when.match(c.text, d.end) is not None))
    ]
    return days + years


def _display_names(claims: Sequence[Claim]) -> dict[str, str]:
    from factcheck.normalize.entities import surface_key

    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        for e in c.entities:
            seen[e.key][e.text] += 1
        if not c.entity_keys:
            continue
        surfaces = [(surface_key(e.text), e.text) for e in c.entities]  # once per mention, not per key
        for k in c.entity_keys:
            for key, text in surfaces:
                if key == k:
                    seen[k][text] += 1
    return {k: max(sorted(v), key=lambda t: (v[t], len(t))) for k, v in seen.items()}


def _fmt_range(lo: date | None, hi: date | None) -> str:
    if lo is None or hi is None:
        return "date unknown"
    if lo == hi:
        return f"{lo.day} {MONTH_NAMES_ID[lo.month - 1]} {lo.year}"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.day}-{hi.day} {MONTH_NAMES_ID[lo.month - 1]} {lo.year}"
    return f"{lo.day} {MONTH_NAMES_ID[lo.month - 1]} {lo.year} - {hi.day} {MONTH_NAMES_ID[hi.month - 1]} {hi.year}"


def _ranges(
    ordered: Sequence[list[int]], articles: Sequence[Article], centres: Sequence[float | None], veto_days: int
) -> list[tuple[date | None, date | None]]:
    """Date range per event from its articles' confident dates (outliers beyond ``veto_days`` dropped)."""
    out: list[tuple[date | None, date | None]] = []
    for members in ordered:
        days = sorted(x for x in (centres[m] for m in members) if x is not None)
        if days:
            mid = days[len(days) // 2]
            kept = [d for d in days if abs(d - mid) <= veto_days]
            out.append((_day(kept[0]), _day(kept[-1])))
            continue
        pubs = sorted(p for p in (articles[m].published for m in members) if p is not None)
        out.append((pubs[0], pubs[-1]) if pubs else (None, None))
    return out


def _recycled(
    members: Sequence[int], articles: Sequence[Article], centres: Sequence[float | None], days: int
) -> list[int]:
    """Members published more than ``days`` after the latest event date the other members report."""
    out = []
    for m in members:
        published = articles[m].published
        others = [x for x in (centres[o] for o in members if o != m) if x is not None]
        if published is not None and others and (published - _day(max(others))).days > days:
            out.append(m)
    return out


def assign_events(
    articles: Sequence[Article],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    skip: frozenset[str] = frozenset(),
    config: EventConfig = EventConfig(),
    keep: dict[str, object] | None = None,
    source_of: Mapping[str, str] | None = None,
) -> Events:
    """Cluster the articles, build a frame per event and give every claim its event.

    ``keep``: filled with what a later run needs to place a new article into these events without
    clustering again (:mod:`factcheck.snapshot`): the features, the events' members, date ranges,
    key shares, document frequencies, display names and kinds. ``source_of``: article id -> its
    source (syndicated copies count once for whom and where a story leads with)."""
    feats = article_features(articles, claims, vectors, skip, config.max_claims, source_of)
    kth: list[float] = []
    labels = cluster(feats, config, kth)
    by_label: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        by_label[lab].append(i)

    def first_day(members: list[int]) -> float:
        days = [x for x in (feats.centre[m] for m in members) if x is not None]
        pubs = [float(p.toordinal()) for p in (articles[m].published for m in members) if p is not None]
        return min(days or pubs or [0.0])

    ordered = sorted(by_label.values(), key=lambda ms: (first_day(ms), articles[ms[0]].id))
    ids = [f"E{k}" for k in range(1, len(ordered) + 1)]
    article_event = {articles[m].id: ev for ev, members in zip(ids, ordered, strict=True) for m in members}
    ranges = dict(zip(ids, _ranges(ordered, articles, feats.centre, config.veto_days), strict=True))

    claims_of: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.id not in skip:
            claims_of[c.article].append(c)
    n = len(articles)
    doc_freq: Counter[str] = Counter()
    for a in articles:
        doc_freq.update({k for c in claims_of[a.id] for k in c.entity_keys})

    key_share: dict[str, dict[str, float]] = {}
    recycled: dict[str, tuple[str, ...]] = {}
    notes: dict[str, str] = {}
    for ev, members in zip(ids, ordered, strict=True):
        key_share[ev] = event_key_share([claims_of[articles[m].id] for m in members])
        recycled[ev] = _recycled_notes(ev, members, articles, feats.centre, ranges[ev], config, notes)

    claim_event, background = place_claims(
        claims, article_event, articles, ranges, key_share, doc_freq, n, config, notes
    )
    names = _display_names([c for c in claims if c.id not in skip])
    kinds: dict[str, str] = {}
    for c in claims:
        for e in c.entities:
            kinds.setdefault(e.key, e.kind)
    typed = typed_keys(c for c in claims if c.id not in skip)
    frames = [
        event_frame(ev, members, articles, key_share[ev], doc_freq, n, names, kinds, ranges[ev], recycled[ev], typed)
        for ev, members in zip(ids, ordered, strict=True)
    ]
    if keep is not None:
        keep.update(
            features=feats, kth=kth, members=dict(zip(ids, ordered, strict=True)), ranges=ranges,
            key_share=key_share, doc_freq=dict(doc_freq), names=names, kinds=kinds, typed=typed,
        )  # fmt: skip
    return Events(frames, article_event, claim_event, notes, frozenset(background))


def _written_as_name(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper()


def typed_keys(claims: Iterable[Claim]) -> frozenset[str]:
    """The keys the entity tagger typed as a person or an organisation in any of ``claims``."""
    return frozenset(k for c in claims for k in c.person_keys | c.org_keys)


def event_key_share(claims_per_article: Sequence[Sequence[Claim]]) -> dict[str, float]:
    """Share of an event's articles (their kept claims given) naming each entity key."""
    share: Counter[str] = Counter()
    for cs in claims_per_article:
        share.update({k for c in cs for k in c.entity_keys})
    return {key: cnt / len(claims_per_article) for key, cnt in share.items()}


def _recycled_notes(
    ev: str,
    members: Sequence[int],
    articles: Sequence[Article],
    centres: Sequence[float | None],
    span: tuple[date | None, date | None],
    config: EventConfig,
    notes: dict[str, str],
) -> tuple[str, ...]:
    """Ids of the event's recycled pages; their notes go in ``notes``."""
    flagged = _recycled(members, articles, centres, config.recycled_days)
    for m in flagged:
        pub = articles[m].published
        notes[articles[m].id] = (
            f"recycled page: published {_fmt_range(pub, pub)}, but its details match {ev} ({_fmt_range(*span)})"
        )
    return tuple(sorted(articles[m].id for m in flagged))


def _idf(doc_freq: dict[str, int], n: int) -> Callable[[str], float]:
    def idf(key: str) -> float:
        return math.log((n + 1) / (doc_freq.get(key, 0) + 0.5))

    return idf


def place_claims(
    claims: Sequence[Claim],
    article_event: dict[str, str],
    articles: Sequence[Article],
    ranges: dict[str, tuple[date | None, date | None]],
    key_share: dict[str, dict[str, float]],
    doc_freq: dict[str, int],
    n: int,
    config: EventConfig,
    notes: dict[str, str],
) -> tuple[dict[str, str], set[str]]:
    """Each claim's event (its article's, or another one its dates and names point to) and the ids
    of the claims that look back to an event not in the corpus; why a claim moved goes in ``notes``."""
    idf = _idf(doc_freq, n)
    by_key = _Affinity.of(key_share, idf, lambda k: k)
    # a date restated within weeks, not a look-back: a place named in another language ("Kabupaten X",
    # "X Regency") is one key (:func:`_place_core`)
    by_core = _Affinity.of(key_share, idf, _place_core)
    affinity = by_key.affinity

    art_by_id = {a.id: a for a in articles}
    claim_event: dict[str, str] = {}
    background: set[str] = set()
    # a paragraph (one line of the file) that opens by looking back keeps looking back: a later
    # sentence with no date of its own goes where its dated one went when its names belong there
    # more than to its article's event ("Hakim juga mewajibkan Budi ..." after "Bulan lalu ...")
    carried: tuple[str, int, tuple[str | None, str]] | None = None  # (article, line, where it went)
    update: tuple[str, int] | None = None  # (article, line) of an editor's update note
    lead: dict[str, int] = {}  # article -> the line of its first claim, on a page that reuses an older text
    previous: tuple[str, int] | None = None  # (article, line) of the claim before
    whole: tuple[str, str] | None = None  # (article, sentence) of the last claim that moved
    for c in claims:
        ev = article_event[c.article]
        claim_event[c.id] = ev
        art = art_by_id[c.article]
        if art.written is not None and (update == (c.article, c.line) or _update_note(c)):
            # "Pembaruan (24/5/2027): ..." on a page updated since it was written: a later development
            update = (c.article, c.line)
            background.add(c.id)
            notes[c.id] = f"an update note added after the page was first published ({format_day(art.written)})"
            continue
        if art.reused is not None:
            lead.setdefault(c.article, c.line)
            older = _reused_part(c, art, ev, lead[c.article], ranges, by_key, config)
            if older is not None:
                target, notes[c.id] = older
                if target is None:
                    background.add(c.id)
                else:
                    claim_event[c.id] = target
                continue
        moved = _other_event(c, art, ev, ranges, by_key, config, by_core)
        after, previous = previous, (c.article, c.line)
        if moved is None and carried and whole == (c.article, c.sentence) and c.sentence and not _claim_days(c, art):
            # another fact of a sentence that looks back ("Five years ago, X lost to Y, who took 58.1
            # percent"): what the sentence tells happened then
            moved = carried[2]
        elif moved is None and carried and carried[:2] == (c.article, c.line) and not _claim_days(c, art):
            target, why = carried[2]
            # to an event of the corpus when its names belong there; to one the corpus lacks when it
            # opens by pointing back in time ("Kala itu, api padam dalam tiga jam", "At the time, ...")
            if (affinity(c, target) > affinity(c, ev)) if target is not None else _points_back(c):
                moved = (target, why if why.startswith("continues") else f"continues a paragraph that {why}")
        elif moved is None and carried and after == carried[:2] and c.line != carried[1] and not _claim_days(c, art):
            # the next paragraph opens by pointing back to it ("That fire was put out within three
            # hours", "At the time, ..."): it goes on about the earlier story
            target, why = carried[2]
            if _points_back(c) and (target is None or affinity(c, target) >= affinity(c, ev)):
                moved = (target, why if why.startswith("continues") else f"continues a paragraph that {why}")
        if moved is None:
            carried = carried if carried and carried[:2] == (c.article, c.line) else None
            continue
        carried, whole = (c.article, c.line, moved), (c.article, c.sentence)
        target, why = moved
        if target is None:
            background.add(c.id)
        else:
            claim_event[c.id] = target
        notes[c.id] = why
    return claim_event, background


def _reused_part(
    c: Claim,
    art: Article,
    ev: str,
    lead: int,
    ranges: dict[str, tuple[date | None, date | None]],
    names: _Affinity,
    config: EventConfig,
) -> tuple[str | None, str] | None:
    """Where a claim below the lead of a page that reuses an older text belongs (``art.reused``: the
    day that text first appeared, from the editor's note): a sentence with no date of its own
    reports what it reported then, so the event of that day when the corpus has it (and the
    sentence's names belong there), else none of the corpus; the note itself states no fact. None
    when the claim stays where its article's event and its own dates put it."""
    day = art.reused
    assert day is not None
    lo, hi = ranges[ev]
    slack = timedelta(days=config.match_days)
    if lo is not None and hi is not None and lo - slack <= day <= hi + slack:
        return None  # the older text is about this event too
    why = f"part of a page first published {format_day(day)} (its editor's note), not about {ev}"
    if _first_published_note(c):
        return None, "the editor's note on a reused text"
    if c.line == lead or _claim_days(c, art):
        return None  # the new lead, or a sentence its own dates place
    best: tuple[float, str] | None = None
    for other in sorted(names.candidates(c) - {ev}):
        olo, ohi = ranges[other]
        if olo is None or ohi is None or not (olo - slack <= day <= ohi + slack):
            continue
        score = names.affinity(c, other)
        if score > 0 and (best is None or score > best[0]):
            best = (score, other)
    return (best[1], why.replace("not about", f"reports {best[1]}, not")) if best else (None, why)


def _first_published_note(c: Claim) -> bool:
    """The claim is an editor's note saying when (part of) the page first appeared."""
    pattern = _cue_pattern(_claim_codes(c), "first_published", r"(?<![\w])", r"(?![\w])")
    return pattern is not None and pattern.search(c.text) is not None


def _place_core(key: str) -> str:
    """A key without the words that name a kind or level of place, in any language ("kabupaten x",
    "x regency" -> "x"); other keys as they are."""
    heads, _ = lang.place_words()
    levels = lang.data(lang.available()).place_levels
    words = key.split()
    named = [w for w in words if w not in heads and w not in levels]
    return " ".join(sorted(named)) if named and len(named) < len(words) else key


def _update_note(c: Claim) -> bool:
    """The claim opens an editor's note on a later development: "Pembaruan (15/9/2026): ...",
    "Update: ...", "Actualización, 3 de mayo: ..." (language data ``updated_cues``)."""
    pattern = _cue_pattern(_claim_codes(c), "updated_cues", r"\W*", r"\b[^:.]{0,40}:")
    return pattern is not None and pattern.match(c.text) is not None


def _points_back(c: Claim) -> bool:
    """The claim opens with a phrase pointing back to a time just named ("Kala itu", "At the time",
    "Damals") or with a demonstrative of what is far off ("That fire ...", "Aquel incendio ...":
    language data ``distal_openers``)."""
    codes = _claim_codes(c)
    for key, tail in (("then_cues", r"(?![\w-])"), ("distal_openers", r"\s+[^\W\d_]")):
        pattern = _cue_pattern(codes, key, r"\W*", tail)
        if pattern is not None and pattern.match(c.text) is not None:
            return True
    return False


def _claim_codes(c: Claim) -> tuple[str, ...]:
    return (c.language,) if c.language else lang.DEFAULT


@functools.cache
def _cue_pattern(codes: tuple[str, ...], key: str, lead: str, tail: str) -> re.Pattern[str] | None:
    """``lead``, one of the language data's ``key`` words, ``tail``; None when the languages have none."""
    cues = lang.data(codes).words(key)
    return re.compile(rf"{lead}(?:{lang.alternation(cues)}){tail}", re.IGNORECASE) if cues else None


def event_frame(
    ev: str,
    members: Sequence[int],
    articles: Sequence[Article],
    shares: dict[str, float],
    doc_freq: dict[str, int],
    n: int,
    names: dict[str, str],
    kinds: dict[str, str],
    span: tuple[date | None, date | None],
    recycled: tuple[str, ...],
    typed: frozenset[str] = frozenset(),
) -> EventFrame:
    """The frame of one event: main actors, place, date range, articles. ``typed``: the keys the
    entity tagger typed as a person or an organisation somewhere in the corpus; when it typed any,
    a name it never typed stays an actor only if it is written as a name of two words or more
    ("Garuda Muda Bridge"): one capitalised word ("Manfaatnya", "Diperbarui") or a lower-case run
    makes a poor title."""
    idf = _idf(doc_freq, n)
    ranked = sorted(shares, key=lambda key: (-shares[key] * (1.0 + idf(key)), key))
    named = [k for k in ranked if kinds.get(k, "person_or_org") == "person_or_org"]
    if typed:
        named = [k for k in named if k in typed or _written_as_name(names.get(k, k))] or named
    actors = tuple(names.get(k, k) for k in named)[:3]
    places = [k for k in ranked if kinds.get(k) in ("place", "country")]
    place = names.get(places[0], places[0]) if places else None
    lo, hi = span
    title = " · ".join(p for p in (", ".join(actors), place or "", _fmt_range(lo, hi)) if p)
    members_ids = tuple(articles[m].id for m in sorted(members))
    return EventFrame(ev, title, actors, place, lo, hi, members_ids, recycled)


def _outside(x: date, y: date, d: DateMention, lo: date, hi: date) -> bool:
    """Whether a mention lies outside [lo, hi]: a day wholly; a month or a year ("bulan lalu",
    "last year") by its middle, so May is outside an event of 9 June even though its last days
    fall within the slack."""
    if d.precision in ("month", "year"):
        mid = x + (y - x) / 2
        return mid < lo or mid > hi
    return y < lo or x > hi


@dataclass
class _Affinity:
    """How much a claim's names belong to each event: per event, each key's share of its articles
    times the key's rarity, keys mapped by ``norm`` (shares of the keys one key maps to added, at most 1)."""

    shares: dict[str, dict[str, tuple[float, float]]]
    norm: Callable[[str], str]
    events_of: dict[str, set[str]]  # key -> events with a share of 0.3 or more

    @classmethod
    def of(
        cls, key_share: dict[str, dict[str, float]], idf: Callable[[str], float], norm: Callable[[str], str]
    ) -> _Affinity:
        shares: dict[str, dict[str, tuple[float, float]]] = {}
        events_of: dict[str, set[str]] = defaultdict(set)
        for ev, per in key_share.items():
            got: dict[str, tuple[float, float]] = {}
            for key, sh in sorted(per.items()):
                k = norm(key)
                old = got.get(k, (0.0, 0.0))
                got[k] = (min(1.0, old[0] + sh), max(old[1], idf(key)))
            shares[ev] = got
            for k, (sh, _) in got.items():
                if sh >= 0.3:
                    events_of[k].add(ev)
        return cls(shares, norm, events_of)

    def keys(self, c: Claim) -> set[str]:
        return {self.norm(k) for k in c.entity_keys}

    def affinity(self, c: Claim, ev: str) -> float:
        per = self.shares.get(ev, {})
        return sum(sh * weight for sh, weight in (per.get(k, (0.0, 0.0)) for k in self.keys(c)))

    def candidates(self, c: Claim) -> set[str]:
        return {e for k in self.keys(c) for e in self.events_of.get(k, ())}


def _other_event(
    c: Claim,
    art: Article,
    ev: str,
    ranges: dict[str, tuple[date | None, date | None]],
    names: _Affinity,
    config: EventConfig,
    restated: _Affinity | None = None,
) -> tuple[str | None, str] | None:
    """Where a claim dated outside its event belongs: (another event or None for "earlier, not in
    the corpus", why), or None when it stays with its article's event. ``restated``: how names are
    matched for a date within ``lookback_days`` before the event (a follow-up restating its story's
    date), when ``names`` finds no event."""
    lo, hi = ranges[ev]
    mentions = _claim_days(c, art)
    if not mentions or lo is None or hi is None:
        return None
    slack = timedelta(days=config.match_days)
    spans = [(d.lo, d.hi, d) for d in mentions if d.lo is not None and d.hi is not None]
    outside = [(x, y) for x, y, d in spans if _outside(x, y, d, lo - slack, hi + slack)]
    if not outside or len(outside) < len(spans):
        return None  # no date outside the event, or one inside it too
    before = [d for x, y, d in spans if y < lo - timedelta(days=config.lookback_days)]
    for match in (names, restated) if restated is not None and not before else (names,):
        best: tuple[float, str] | None = None
        own = match.affinity(c, ev)
        for other in sorted(match.candidates(c) - {ev}):
            olo, ohi = ranges[other]
            if olo is None or ohi is None:
                continue
            if not any(x <= ohi + slack and olo - slack <= y for x, y in outside):
                continue
            score = match.affinity(c, other)
            if score > 0 and score >= 0.5 * own and (best is None or score > best[0]):
                best = (score, other)
        if best is not None:
            verb = "looks back to" if before else "reports"
            return best[1], f"{verb} {best[1]} ({_fmt_range(*ranges[best[1]])}), not its article's {ev}"
    if before:
        return None, f"looks back to an earlier event ({before[0].label()}) not in the corpus"
    return None
