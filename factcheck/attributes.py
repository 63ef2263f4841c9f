"""Stage 4a: align facts across sources. Within one event, which atomic facts state the *same
attribute* (the venue of the meeting, how long the talks lasted, the death toll), and which value
each source gives for it.

Each fact with a slot (an event date, a quantity, a place) is embedded with its values masked by
type ("the talks lasted [N] s", "they met at [PLACE]"), so two sources that give different values
for one attribute, in any language the encoder covers, come out close. Facts of one event and one
slot type are grouped by average-link clustering of those vectors; a same-language pair must also
share the predicate its value belongs to (``scoring.predicates``). Inside an attribute the values
are grouped by agreement with their precision and qualifiers (a day inside a month agrees with the
month, "sekitar 300" with 312), sources counted once per syndication group. Two value groups that
cannot both be true are a conflict; a value given by two or more independent sources is a
corroborated fact.

Thresholds are general properties of the encoder's masked-fact cosines (see ``AttributeConfig``),
not fitted on a reported corpus.
"""

from __future__ import annotations

import functools
import re
import string
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from factcheck import lang
from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.normalize.dates import DateMention
from factcheck.normalize.entities import EntityMention, surface_key
from factcheck.normalize.numbers import Quantity
from factcheck.pairing import content_words

SlotValue = DateMention | Quantity | EntityMention
KIND_NAMES = {"date": "date", "number": "figure", "place": "place"}
_TOKEN = {"date": "[DATE]", "place": "[PLACE]"}
Noun = tuple[str, str]  # a counted noun and its language ("rumah", "id")


@dataclass(frozen=True)
class AttributeConfig:
    """Cosines of masked facts (multilingual-e5-small, "passage:" vectors, L2-normalised).

    This encoder's cosines are compressed. Measured on a development corpus of the multi-event
    generator (seed 901; not a corpus the README reports), pairs of slot facts of one event and one
    type from different articles: the same fact in one language has a median masked cosine of 0.97
    (different facts 0.88); across Indonesian and English 0.89 (different facts 0.83-0.85), where a
    pair cut of 0.88 keeps 66 % of same-fact pairs at 89 % pair precision (0.90: 42 %, 96 %).
    """

    same_language: float = 0.92  # average-link cut for facts in one language sharing a predicate
    other_predicate: float = 0.95  # one language, no predicate root shared ("melanda" / "menerjang")
    cross_language: float = 0.88  # a pair in two languages (no shared predicate to require)
    # two facts from the leads of their articles (the first sentences: in news, the main event's
    # who, what, when and where) state the event's own date, place or figure far more often than
    # two facts picked anywhere, so they align at lower cosines and without a shared predicate
    # ("memvonis" / "menghukum" / "sentenced"): paraphrased leads of one story measure 0.90-0.96 in one
    # language and 0.85-0.91 across two on our development corpus (data/dev)
    lead_same_language: float = 0.88
    lead_cross_language: float = 0.82
    lead_sentences: int = 2  # an article's first sentences that hold claims
    max_group: int = 600  # larger (event, type) groups are clustered in chunks of this size
    max_ratio: float = 20.0  # figures further apart than this measure different things (a fine, a loss)


@dataclass(frozen=True)
class SlotFact:
    claim: int  # index into the claims list
    kind: str  # "date", "number", "place"
    value: SlotValue
    masked: str  # the fact with its slot values replaced by type tokens
    context: frozenset[str] = frozenset()  # for a place: every place the sentence names ("Stadion X, Kota Y")
    planned: bool = False  # a date announced (plan, expectation), not reported as past
    published: date | None = None  # the article's publication date


@dataclass(frozen=True)
class ValueGroup:
    """One value of an attribute and the sources that give it."""

    value: str  # normalised ("13 September 2023", "7200 s", "belorsk")
    shown: str  # as the first source writes it
    claims: tuple[int, ...]  # one claim per source, best first
    members: tuple[int, ...]  # every claim that gives the value (copies and repeats included)
    mentions: tuple[str, ...]  # per claim, the words that state the value
    sources: tuple[str, ...]  # independent sources (copies of one text count once)
    languages: tuple[str, ...]
    planned: bool = False  # every claim giving it announces it (a plan, not an outcome)
    published: date | None = None  # for a planned value: the latest publication date among its claims
    until: date | None = None  # for a date: the last day it allows


@dataclass(frozen=True)
class Fact:
    """An attribute of an event and the values the sources give for it, largest group first."""

    id: str  # "E1.F3"
    event: str
    kind: str  # "date", "number", "place"
    name: str  # generated from the members' words ("date: bertemu, kosmodrom")
    values: tuple[ValueGroup, ...]
    conflict: bool  # two value groups that cannot both be true
    similarity: float  # mean masked cosine inside the attribute (how sure the alignment is)

    @property
    def sources(self) -> int:
        return len({s for v in self.values for s in v.sources})

    def to_json(self, claims: Sequence[Claim]) -> dict[str, object]:
        return {
            "id": self.id,
            "event": self.event,
            "kind": self.kind,
            "attribute": self.name,
            "conflict": self.conflict,
            "values": [
                {
                    "value": v.value,
                    "shown": v.shown,
                    "sources": list(v.sources),
                    "languages": list(v.languages),
                    "claims": [claims[i].id for i in v.claims],
                }
                for v in self.values
            ],
        }


# ---------------------------------------------------------------------------- slot facts
def slot_facts(claims: Sequence[Claim], arts: Mapping[str, Article]) -> list[SlotFact]:
    """Every checkable slot of every stated, not denied fact, with its masked text; of an announced
    one (plan, expectation), its dates: a plan still reported after the event took place conflicts."""
    from factcheck.scoring import _event_dates, _place_rank

    out: list[SlotFact] = []
    for i, c in enumerate(claims):
        planned = c.modality.kind in ("plan", "expectation")
        if c.modality.negated or not (c.modality.is_fact or planned):
            continue
        art = arts.get(c.article)
        dates = _event_dates(c, art)
        outlet = surface_key(art.source, c.language or None) if art and art.source else ""
        offices = jurisdictions(c)
        named = [e for e in c.entities if e.kind == "place" and e.key != outlet and e.key not in offices]
        places = sorted(named, key=lambda e: _place_rank(e, c.text))[:1]
        values: list[tuple[str, SlotValue]] = [("date", d) for d in dates[:2]]
        if not planned:
            values += [("number", q) for q in c.quantities[:3]]
            values += [("place", e) for e in places]
        if not values:
            continue
        # a value inside the reported fact is compared as that fact ("Kim berencana ... [DATE]"); one in
        # its attribution ("X memperingatkan [DATE] bahwa ...") as the statement, the whole sentence
        lo, hi = content_span(c)
        fact_text, statement = mask(c, (lo, hi)), mask(c, (0, len(c.text)))
        published = art.published if art else None
        out.extend(
            SlotFact(
                i,
                kind,
                v,
                fact_text if lo <= v.start and v.end <= hi else statement,
                c.places - {outlet} if kind == "place" else frozenset(),
                planned,
                published,
            )
            for kind, v in values
        )
    return out


_PUNCT = string.punctuation + "“”‘’«»"


def jurisdictions(c: Claim) -> frozenset[str]:
    """Places that belong to a title ("Bupati Maros ...", "Wali Kota Surabaya ...", "Mayor of
    Leeds"): they say which office a person holds, not where the reported thing happens, so
    they are no value of a place attribute (language data: ``titles``, ``title_links``)."""
    places = tuple((e.start, e.key) for e in c.entities if e.kind == "place")
    return _offices(c.text, places, c.language or lang.DEFAULT) if places else frozenset()


@functools.lru_cache(maxsize=1 << 16)
def _offices(text: str, places: tuple[tuple[int, str], ...], language: str) -> frozenset[str]:
    data = lang.data(language)
    titles, links = data.word_set("titles"), data.word_set("title_links")
    out = set()
    for start, key in places:
        words = text[max(0, start - 40) : start].split()
        if len(words) > 1 and words[-1].lower() in links:
            words = words[:-1]  # "Mayor of Leeds"
        if words and words[-1].strip(_PUNCT).lower() in titles:
            out.add(key)
    return frozenset(out)


def content_span(c: Claim) -> tuple[int, int]:
    """The part of ``c.text`` that states the fact: without an attribution the claim stage kept
    because the sentence states one fact ("X melaporkan pada Senin bahwa F", "F, kata X")."""
    from factcheck.facts import split_facts

    facts = split_facts(c.text, c.language or "id")
    if len(facts) == 1 and facts[0].speaker_span is not None:
        return facts[0].start, facts[0].end
    return 0, len(c.text)


def mask(c: Claim, span: tuple[int, int] | None = None) -> str:
    """The fact's words (``span`` of ``c.text``, by default :func:`content_span`) with dates,
    quantities and places replaced by type tokens; units stay."""
    lo, hi = content_span(c) if span is None else span
    spans: list[tuple[int, int, str]] = [(d.start, d.end, _TOKEN["date"]) for d in c.dates]
    spans += [(q.start, q.end, f"[N] {q.unit}") for q in c.quantities]
    spans += [(e.start, e.end, _TOKEN["place"]) for e in c.entities if e.kind == "place"]
    spans.sort()
    out, pos = [], lo
    for start, end, token in spans:
        if start < pos or end > hi:
            continue  # overlapping mentions ("3 jam" inside a date phrase): the first wins; or outside
        out += [c.text[pos:start], token]
        pos = end
    out.append(c.text[pos:hi])
    return re.sub(r"\s+", " ", "".join(out)).strip()


# ---------------------------------------------------------------------------- values
def _agrees(kind: str, fx: SlotFact, fy: SlotFact) -> bool:
    """Whether two values can both be true: overlapping dates, overlapping figure ranges, or a
    place that matches one the other sentence names (a venue and the city it is in agree)."""
    x, y = fx.value, fy.value
    if kind == "date":
        assert isinstance(x, DateMention) and isinstance(y, DateMention)
        return x.agrees(y)
    if kind == "number":
        assert isinstance(x, Quantity) and isinstance(y, Quantity)
        # as Quantity.agrees, without its unit test (counted nouns in two languages may be compared);
        # an approximate figure ("sekitar 300") already carries its range
        return x.lo <= y.hi * 1.01 and y.lo <= x.hi * 1.01
    assert isinstance(x, EntityMention) and isinstance(y, EntityMention)
    # each sentence's most specific place against every place the other names: a venue agrees with
    # its city, but two villages of one regency do not agree because both name the regency
    return any(same_place(x.key, b) for b in fy.context | {y.key}) or any(
        same_place(y.key, a) for a in fx.context | {x.key}
    )


def same_place(a: str, b: str) -> bool:
    """Two place keys for one place: the words of one among the other's ("kosmodrom x" / "x"), or a
    distinctive word in common (whole words: "sindang" is not "sindangbarang")."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa or bool(_place_words(a) & _place_words(b))


def _place_words(key: str) -> set[str]:
    """The distinctive words of a place key (place heads such as "kota" or "cosmodrome" dropped)."""
    heads = lang.data(lang.available()).word_set("place_heads")
    return {w for w in key.split() if len(w) > 3 and w not in heads}


def _width(kind: str, v: SlotValue) -> float:
    """How coarse a value is: wide values (a month, "sekitar 300") are placed after precise ones."""
    if isinstance(v, DateMention) and v.lo and v.hi:
        return float((v.hi - v.lo).days) + (0.0 if v.has_time else 0.5)
    if isinstance(v, Quantity):
        return (v.hi - v.lo) / max(abs(v.value), 1e-9) + (0.1 if v.approximate else 0.0)
    return 0.0


def _canon(kind: str, v: SlotValue) -> str:
    if isinstance(v, DateMention):
        return v.label()
    if isinstance(v, Quantity):
        return f"{v.lo:g}-{v.hi:g} {v.unit}" if v.lo != v.hi else f"{v.value:g} {v.unit}"
    assert isinstance(v, EntityMention)
    return v.key


# ---------------------------------------------------------------------------- clustering
def _average_link(sim: np.ndarray, allowed: np.ndarray, cut: np.ndarray) -> list[int]:
    """Average-link agglomerative clustering; merge while the best pair's mean cosine clears the
    cut of that pair (``cut`` per pair of items, averaged like the cosines). ``allowed`` pairs
    that may never share a cluster are False. Returns a cluster label per item."""
    n = sim.shape[0]
    labels = list(range(n))
    if n < 2:
        return labels
    s = np.where(allowed, sim, 0.0).astype(np.float64)
    t = cut.astype(np.float64)
    ok = allowed.astype(np.int64)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    np.fill_diagonal(ok, 0)
    members = {i: [i] for i in range(n)}
    while True:
        pairs = size[:, None] * size[None, :]
        full = ok == pairs  # every member pair allowed
        score = np.where(full & alive[:, None] & alive[None, :], (s - t) / pairs, -np.inf)
        np.fill_diagonal(score, -np.inf)
        best = int(np.argmax(score))
        i, j = divmod(best, n)
        if not np.isfinite(score[i, j]) or score[i, j] < 0:
            break
        s[i] += s[j]
        s[:, i] += s[:, j]
        t[i] += t[j]
        t[:, i] += t[:, j]
        ok[i] += ok[j]
        ok[:, i] += ok[:, j]
        ok[i, i] = 0
        size[i] += size[j]
        alive[j] = False
        members[i] += members.pop(j)
    for root, items in members.items():
        for k in items:
            labels[k] = root
    return labels


def lead_claims(claims: Sequence[Claim], sentences: int) -> frozenset[int]:
    """Indices of the claims in the first ``sentences`` sentences (that hold claims) of their
    article, in articles with a body after the lead (more than twice as many sentences): a text of
    one or two sentences has no lead to speak of."""
    firsts: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        firsts[c.article].add(c.index)
    cut = {a: sorted(idx)[:sentences] if len(idx) > 2 * sentences else [] for a, idx in firsts.items()}
    return frozenset(i for i, c in enumerate(claims) if c.index in cut[c.article])


def _attribute_groups(
    facts: Sequence[SlotFact],
    vectors: np.ndarray,
    claims: Sequence[Claim],
    config: AttributeConfig,
    lead: frozenset[int] = frozenset(),
    nouns: Mapping[Noun, frozenset[Noun]] | None = None,
) -> list[tuple[list[int], float]]:
    """Clusters (indices into ``facts``) of one event and one slot type, with their mean cosine
    (``lead``: indices of the claims that open their article)."""
    out: list[tuple[list[int], float]] = []
    for lo in range(0, len(facts), config.max_group):
        chunk = list(range(lo, min(len(facts), lo + config.max_group)))
        vec = vectors[chunk]
        sim = vec @ vec.T
        n = len(chunk)
        allowed = np.ones((n, n), dtype=bool)
        cut = np.full((n, n), config.same_language)
        preds = [_predicates(claims[facts[k].claim], facts[k].value) for k in chunk]
        leads = [facts[k].claim in lead for k in chunk]
        names = [_names(claims[facts[k].claim]) for k in chunk]
        for x in range(n):
            fx = facts[chunk[x]]
            cx = claims[fx.claim]
            for y in range(x + 1, n):
                fy = facts[chunk[y]]
                cy = claims[fy.claim]
                bad = fx.claim == fy.claim  # two values of one sentence are two attributes
                crossing = bool(cx.language and cy.language and cx.language != cy.language)
                if fx.kind == "number":
                    qx, qy = fx.value, fy.value
                    assert isinstance(qx, Quantity) and isinstance(qy, Quantity)
                    counted = crossing and len(cx.quantities) == len(cy.quantities) == 1
                    langs = (cx.language, cy.language)
                    bad = bad or not _same_unit(qx, qy, counted, langs, nouns) or ratio(qx, qy) > config.max_ratio
                if names[x] and names[y] and not names[x] & names[y]:
                    bad = True  # about different people or organisations
                if leads[x] and leads[y]:
                    cut[x, y] = cut[y, x] = config.lead_cross_language if crossing else config.lead_same_language
                elif crossing:
                    cut[x, y] = cut[y, x] = config.cross_language
                elif not preds[x] & preds[y]:
                    cut[x, y] = cut[y, x] = config.other_predicate
                if bad:
                    allowed[x, y] = allowed[y, x] = False
        labels = _average_link(sim, allowed, cut)
        by: dict[int, list[int]] = defaultdict(list)
        for x, lab in enumerate(labels):
            by[lab].append(x)
        for xs in by.values():
            if len(xs) < 2:
                continue
            sub = sim[np.ix_(xs, xs)]
            mean = float((sub.sum() - len(xs)) / (len(xs) * (len(xs) - 1)))
            out.append(([chunk[x] for x in xs], mean))
    return out


def _predicates(c: Claim, v: SlotValue) -> frozenset[str]:
    """The roots of the verbs and nouns a value belongs to ("membayar denda [N]": bayar, denda)."""
    from factcheck.scoring import predicates

    return predicates(c, v)  # type: ignore[arg-type]  # only .start/.end are read


def _same_unit(
    x: Quantity, y: Quantity, counted: bool, langs: tuple[str, str] = ("", ""),
    nouns: Mapping[Noun, frozenset[Noun]] | None = None,
) -> bool:  # fmt: skip
    """Figures that can measure one thing: the same canonical unit, or (``counted``: the only
    figures of two sentences in two languages ``langs``) two counted nouns ("penonton" /
    "spectators"), which the masked cosine then decides, unless the corpus shows that either noun
    is written as another in the other language (``nouns``: :func:`counted_noun_translations`)."""
    if x.unit == y.unit:
        return True
    if not counted or {x.unit, y.unit} & _canonical_units():
        return False
    nx, ny = (x.unit, langs[0]), (y.unit, langs[1])
    known_x = {n for n in (nouns or {}).get(nx, ()) if n[1] == ny[1]}
    known_y = {n for n in (nouns or {}).get(ny, ()) if n[1] == nx[1]}
    return ny in known_x or nx in known_y or not (known_x or known_y)


def counted_noun_translations(claims: Sequence[Claim], min_support: int = 2) -> dict[Noun, frozenset[Noun]]:
    """Counted nouns that name one thing in two languages, learned from the corpus: nouns of
    figures that sources of one event give in two languages with the same value ("616 rumah" and
    "616 houses"), in at least ``min_support`` different events or values. Figures under 10 are left
    out (two of anything coincide too often)."""
    canonical = _canonical_units()
    seen: dict[tuple[str, float], set[Noun]] = defaultdict(set)
    for c in claims:
        if not c.language:
            continue
        for q in c.quantities:
            if q.unit not in canonical and not q.approximate and q.value >= 10:
                seen[(c.event, q.value)].add((q.unit, c.language))
    support: Counter[tuple[Noun, Noun]] = Counter()
    for nouns in seen.values():
        for a in nouns:
            for b in nouns:
                if a[1] != b[1]:
                    support[(a, b)] += 1
    out: dict[Noun, set[Noun]] = defaultdict(set)
    for (a, b), n in support.items():
        if n >= min_support:
            out[a].add(b)
    return {k: frozenset(v) for k, v in out.items()}


def ratio(x: Quantity, y: Quantity) -> float:
    """How many times larger the larger figure is."""
    lo, hi = sorted((abs(x.value), abs(y.value)))
    return hi / lo if lo > 0 else (1.0 if hi == 0 else float("inf"))


@functools.cache
def _canonical_units() -> frozenset[str]:
    return frozenset(u for u, _ in lang.data(lang.available()).units.values())


def _names(c: Claim) -> frozenset[str]:
    """The words of the people and organisations a fact names (its subject), places and countries
    left out; words, so that "Meridia President Verena Northcott" and "Verena Northcott" (a title
    kept in one language's key) still name one person, while "PT Lintas Armada" and "PT Kencana
    Farma" do not (words of three letters or more)."""
    from factcheck.normalize.entities import country_keys

    keys = (k for k in c.entity_keys if k not in c.places and k not in country_keys())
    return frozenset(w for k in keys for w in k.split() if len(w) >= 3)


def different_subjects(a: Claim, b: Claim) -> bool:
    """Both facts name people or organisations, and none in common: they are about different subjects."""
    x, y = _names(a), _names(b)
    return bool(x and y and not x & y)


def _value_groups(
    members: Sequence[SlotFact],
    claims: Sequence[Claim],
    source_of: Callable[[str], str],
) -> list[tuple[SlotValue, list[SlotFact]]]:
    """Members grouped by agreeing values, precise values first; a coarse value joins the
    largest group it agrees with (so "September 2023" supports "13 September 2023")."""
    groups: list[tuple[SlotFact, list[SlotFact]]] = []
    for f in sorted(members, key=lambda f: (_width(f.kind, f.value), f.claim)):
        fitting = [g for g in groups if _agrees(f.kind, g[0], f)]
        if fitting:
            max(fitting, key=lambda g: len({source_of(claims[m.claim].article) for m in g[1]}))[1].append(f)
        else:
            groups.append((f, [f]))
    return [(head.value, ms) for head, ms in groups]


def align_facts(
    claims: Sequence[Claim],
    vectors: Mapping[str, np.ndarray],
    facts: Sequence[SlotFact],
    source_of: Callable[[str], str],
    config: AttributeConfig = AttributeConfig(),
) -> list[Fact]:
    """Facts (attributes with their values) of every event. ``vectors``: per masked text of the
    slot facts (:attr:`SlotFact.masked`), its L2-normalised embedding."""
    by_key: dict[tuple[str, str], list[SlotFact]] = defaultdict(list)
    for f in facts:
        by_key[(claims[f.claim].event, f.kind)].append(f)
    found: list[Fact] = []
    counters: Counter[str] = Counter()
    lead = lead_claims(claims, config.lead_sentences)
    nouns = counted_noun_translations(claims)
    for (event, kind), group in sorted(by_key.items()):
        if len({source_of(claims[f.claim].article) for f in group}) < 2:
            continue
        mat = np.vstack([vectors[f.masked] for f in group])
        for idx, mean in _attribute_groups(group, mat, claims, config, lead, nouns):
            members = [group[k] for k in idx]
            if len({source_of(claims[m.claim].article) for m in members}) < 2:
                continue
            values = _value_groups(members, claims, source_of)
            built = [_build_value(kind, v, ms, claims, source_of) for v, ms in values]
            built.sort(key=lambda g: (-len(g.sources), g.value))
            conflict = any(disagree(g, h) for g in built for h in built if g is not h)
            counters[event] += 1
            found.append(
                Fact(
                    f"{event}.F{counters[event]}",
                    event,
                    kind,
                    attribute_name(kind, members, claims),
                    tuple(built),
                    conflict,
                    round(mean, 4),
                )
            )
    return found


def disagree(g: ValueGroup, h: ValueGroup) -> bool:
    """Two values that sources other than each other's give (one article stating both 13 and 14
    September, next to another stating 13, is no disagreement between sources). Sources that
    give both values say that the two are not alternatives (a fine and a restitution aligned as one
    attribute, a toll before and after it rose): when they outnumber the sources of either value
    alone, the values are not in conflict. A plan disagrees with an outcome only when it was still
    reported after the outcome's date; two plans that announce different values disagree."""
    only_g, only_h = set(g.sources) - set(h.sources), set(h.sources) - set(g.sources)
    if not (only_g and only_h) or len(set(g.sources) & set(h.sources)) > min(len(only_g), len(only_h)):
        return False
    if g.planned != h.planned:
        plan, fact = (g, h) if g.planned else (h, g)
        return plan_reported_late(plan, fact)
    return True


def plan_reported_late(plan: ValueGroup, fact: ValueGroup) -> bool:
    """A planned date still reported as upcoming after the day the event is reported to have taken place."""
    return plan.published is not None and fact.until is not None and plan.published > fact.until


def _build_value(
    kind: str, value: SlotValue, members: Sequence[SlotFact], claims: Sequence[Claim], source_of: Callable[[str], str]
) -> ValueGroup:
    per_source: dict[str, SlotFact] = {}
    for m in members:
        per_source.setdefault(source_of(claims[m.claim].article), m)
    chosen = sorted(per_source.values(), key=lambda m: m.claim)  # corpus order
    planned = all(m.planned for m in members)
    published = [m.published for m in members if m.planned and m.published]
    until = value.hi if isinstance(value, DateMention) else None
    return ValueGroup(
        _canon(kind, value),
        getattr(value, "text", _canon(kind, value)),
        tuple(m.claim for m in chosen),
        tuple(sorted({m.claim for m in members})),
        tuple(m.value.text for m in chosen),
        tuple(source_of(claims[m.claim].article) for m in chosen),
        tuple(sorted({claims[m.claim].language for m in chosen if claims[m.claim].language})),
        planned,
        max(published) if planned and published else None,
        until,
    )


def attribute_name(kind: str, members: Sequence[SlotFact], claims: Sequence[Claim], n_words: int = 3) -> str:
    """"date: bertemu, kosmodrom": the slot type and the words most members share (values masked)."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for m in members:
        text = re.sub(r"\[[A-Z]+\]", " ", m.masked)
        for w in re.findall(r"[^\W\d_][\w-]+", text):
            folded = next(iter(content_words(w)), None)
            if folded:
                surface.setdefault(folded, w.lower())
        counts.update(content_words(text))
    unit = f" ({members[0].value.unit})" if kind == "number" else ""  # type: ignore[union-attr]
    words = [surface.get(w, w) for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n_words]]
    return f"{KIND_NAMES[kind]}{unit}: {', '.join(words)}" if words else KIND_NAMES[kind] + unit
