"""Stage 4: decide, for each candidate pair, whether it contradicts, corroborates, or neither.

Two kinds of evidence are combined: the NLI model's probabilities in both directions, and exact
checks of the typed slots (dates, quantities, places, speakers). Modality matters: a plan
("berencana ke Makassar") never contradicts an outcome ("tiba di Maros"), except for dates,
where a plan still reported as upcoming after the date another source gives for the event is a
real conflict. Within-article checks (weekday vs date) live here too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np

from factcheck import lang
from factcheck.attributes import AttributeConfig, jurisdictions, opposite_phases, ratio, same_place, same_zone
from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.normalize.dates import DateMention, compared_labels, find_times, format_day, weekday_mismatch
from factcheck.normalize.entities import EntityMention, country_keys
from factcheck.normalize.numbers import Quantity
from factcheck.pairing import CandidatePair, content_words
from factcheck.places import PlaceTree


@lru_cache(maxsize=64)
def _past(codes: tuple[str, ...]) -> re.Pattern[str]:
    """Words that mark a reported past event ("telah", "sudah", "already") in ``codes``."""
    return re.compile(rf"\b(?:{lang.alternation(lang.data(codes).words('past_markers'))})\b", re.IGNORECASE)


def _langs(c: Claim) -> tuple[str, ...]:
    return (c.language,) if c.language else lang.DEFAULT


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds; set from measurements (see README, Quality)."""

    topical: float = 0.88  # cosine above which two claims are taken to be about the same thing
    attribution: float = 0.885  # cosine for "the same statement" in the attribution check
    nli_contradiction: float = 0.97  # NLI-only contradiction (both facts); all 4 demo ones at <= 0.955 were wrong
    nli_review: float = 0.60  # contradiction probability that puts a pair up for review
    quote_overlap: float = 0.34  # share of quoted words two statements must share to be "the same statement"
    entail_max: float = 0.6  # entailment in either direction that makes a corroboration
    # or: this many specific, rare content words shared (0 = off). v1 took 2 ("they agree on rudal");
    # with facts aligned by attribute (factcheck.attributes) this route only adds corroborations of
    # statements without a date, figure or place, so it asks for 3: on the multi-event development
    # corpus (seed 901) corroboration precision 98.1 % at 3 vs 98.3 % off, recall 95.0 % vs 94.0 %
    details: int = 3


@dataclass(frozen=True)
class CheckResult:
    kind: str  # "date", "number", "place", "attribution", "nli", "weekday", "after-publication"
    strength: float  # 0..1, how sure the check is
    reason: str
    values: tuple[tuple[str, ...], ...] = ()  # per claim, the words to highlight
    canon: tuple[str, ...] = ()  # per claim, the normalised value ("2 Oktober 2023", "350 km/h")


@dataclass
class PairVerdict:
    pair: CandidatePair
    label: str  # "contradiction", "corroboration", "review", "neutral"
    nli: dict[str, float]  # mean of both directions
    nli_max_contradiction: float
    checks: list[CheckResult] = field(default_factory=list)
    agreements: list[str] = field(default_factory=list)  # slots that agree ("date", "number")
    details: frozenset[str] = frozenset()  # specific content words both claims state (folded forms)
    support: float = 0.0  # how strongly the two claims corroborate each other (0..1)


def _event_dates(c: Claim, art: Article | None = None) -> list[DateMention]:
    """Dates that can date an event: not bare years, not the article's own dateline."""
    out = []
    quoted = [m.span() for m in _QUOTED.finditer(c.text)]
    for d in c.dates:
        if not d.resolved or d.precision not in ("time", "day", "week", "month"):
            continue
        if d.kind == "counted":
            continue  # "six weeks earlier": enough to tell which story a sentence looks back to, not to date it
        if d.relative and any(lo <= d.start and d.end <= hi for lo, hi in quoted):
            continue  # "today" inside a quotation: relative to when it was said, not to the page's date
        if _as_of(_langs(c)).search(c.text, max(0, d.start - 16), d.start):
            continue  # "hingga Kamis pagi", "as of Thursday": when a running count was taken
        if (
            art is not None
            and art.published_from in ("dateline", "header")
            and d.kind in ("dmy", "mdy")
            and d.lo == art.published
            and "(" not in d.text
        ):
            continue
        if art is not None and art.on_update_day(d):
            continue  # "Pembaruan (15/9/2026):" on a page updated since it was written: when, not what
        out.append(d)
    return out


def as_of_day(c: Claim, published: date | None = None) -> date | None:
    """The day a running count was taken ("hingga Selasa pukul 19.00", "as of Thursday"): the last
    day its as-of date allows; as of a clock time alone ("hingga pukul 18.00 WIT"), the day the page
    was written (``published``); None when the claim gives its figures as of no day."""
    cut = _as_of(_langs(c))
    for d in c.dates:
        if d.resolved and d.hi and cut.search(c.text, max(0, d.start - 16), d.start):
            return d.hi
    lone = _lone_times(c.text, _langs(c), c.dates) if published is not None else ()
    if any(cut.search(c.text, max(0, t - 16), t) for t in lone):
        return published
    return None


@lru_cache(maxsize=1 << 14)
def _lone_times(text: str, codes: tuple[str, ...], dates: tuple[DateMention, ...]) -> tuple[int, ...]:
    """Where the clock times of a claim that no date of it holds start (the pair checks ask per pair)."""
    times = find_times(text, codes, dates)
    return tuple(t.start for t in times if not any(d.start <= t.start < d.end for d in dates))


@lru_cache(maxsize=64)
def _as_of(codes: tuple[str, ...]) -> re.Pattern[str]:
    return lang.cue_pattern(lang.data(codes).words("as_of"), r"\s+$")


def shared_content(a: Claim, b: Claim) -> frozenset[str]:
    """Content words (synonyms folded) two claims share, names excluded: what they are about."""
    names = {w for k in a.entity_keys | b.entity_keys for w in k.split()}
    return (content_words(a.text) & content_words(b.text)) - names


def _named(keys: frozenset[str]) -> frozenset[str]:
    countries = country_keys()
    return frozenset(k for k in keys if k not in countries)


@lru_cache(maxsize=64)
def _event_word(codes: tuple[str, ...]) -> re.Pattern[str]:
    """Verb and event-noun forms of the claim's language (its data's "event_word" pattern); a
    language without one takes every word of four letters or more that is not a stop word."""
    pattern = lang.data(codes).first("event_word")
    return re.compile(pattern) if pattern else re.compile(r"^[^\W\d_]{4,}$")


def predicates(c: Claim, d: DateMention | EntityMention, before: int = 90) -> frozenset[str]:
    """Roots of the verbs (and event nouns) that a date or place belongs to.

    In "X bertemu Y di Rusia pada Rabu" the date and the place belong to "bertemu" (root "temu");
    a purpose clause right after the mention counts too ("pada bulan September untuk bertemu").
    Roots come from the Sastrawi stemmer, so "meresmikan", "diresmikan" and "peresmian" all give "resmi".
    """
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w-]*", c.text[max(0, d.start - before) : d.start])]
    after = [w.lower() for w in re.findall(r"[A-Za-z-]+", c.text[d.end : d.end + 40])]
    if after[:1] and after[0] in lang.data(_langs(c)).word_set("purpose_cues"):
        words += after[1:3]
    codes = _langs(c)
    stop = frozenset() if lang.data(codes).first("event_word") else lang.data(codes).stop_words
    stop = stop | _figure_words(codes)
    return frozenset(lang.stem(w, codes) for w in words if _event_word(codes).match(w) and w not in stop)


FIGURE_WINDOW = 60  # characters before a figure that say what it measures


def figure_context(c: Claim, q: Quantity) -> frozenset[str]:
    """Stems of the words just before a figure that say what it measures ("total biaya
    pembangunan ... mencapai", "panjang lintasannya"): words of four letters or more that are not
    stop words, figure words (:func:`_figure_words`) or names (capitalised inside the sentence)."""
    codes = _langs(c)
    stop = lang.data(codes).stop_words | _figure_words(codes)
    head = c.text[max(0, q.start - FIGURE_WINDOW) : q.start]
    words = list(re.finditer(r"[^\W\d_][\w-]*", head))
    out = set()
    for m in words:
        w = m.group(0)
        opening = q.start - FIGURE_WINDOW <= 0 and m.start() == words[0].start() and not head[: m.start()].strip()
        if len(w) < 4 or (w[0].isupper() and not opening) or w.lower() in stop:
            continue
        out.add(lang.stem(w.lower(), codes))
    return frozenset(out)


def figure_head(c: Claim, q: Quantity) -> str | None:
    """The stem of the content word closest before a figure, in its clause ("membayar denda Rp 400
    juta" -> "denda", "Hendrawan mengantongi 1.962.417 suara" -> "kantong"), as :func:`figure_context`
    counts words; None when a comma, a colon or another figure comes first."""
    head = c.text[max(0, q.start - FIGURE_WINDOW) : q.start]
    head = re.split(r"[,;:()\d]", head)[-1]
    words = [w for w in re.findall(r"[^\W\d_][\w-]*", head) if len(w) >= 4 and not w[0].isupper()]
    codes = _langs(c)
    stop = lang.data(codes).stop_words | _figure_words(codes)
    words = [w for w in words if w.lower() not in stop]
    return lang.stem(words[-1].lower(), codes) if words else None


@functools.cache
def _figure_words(codes: tuple[str, ...]) -> frozenset[str]:
    """Words that belong to figures, not to what they measure: units, currencies, multipliers,
    qualifiers and number words ("billion rupiah", "sekitar"): two figures sharing only these
    measure different things."""
    d = lang.data(codes)
    words = set(d.units) | set(d.multipliers) | set(d.qualifiers) | set(d.number_words["units"])
    words |= set(d.number_words["scales"])
    return frozenset(w for phrase in words for w in phrase.lower().split())


def _date_check(a: Claim, b: Claim, arts: dict[str, Article]) -> CheckResult | None:
    da, db = _event_dates(a, arts[a.article]), _event_dates(b, arts[b.article])
    zone = same_zone(a, b)
    if not da or not db or any(x.agrees(y, zone) for x in da for y in db):
        return None
    # the two dates must date the same thing: their surroundings share a content word, and they are
    # not when it starts and when it ends ("sejak Senin" / "berakhir pada Rabu")
    matched = [
        (x, y) for x in da for y in db if predicates(a, x) & predicates(b, y) and not opposite_phases(a, x, b, y)
    ]
    if not matched:
        return None
    x, y = matched[0]
    lx, ly = compared_labels(x, y)
    fa, fb = a.modality.is_fact, b.modality.is_fact
    strength = 0.9
    if fa and fb:
        reason = f"the same event is dated {lx} in one source and {ly} in the other"
    elif fa or fb:
        fact, plan, fd, pd = (a, b, x, y) if fa else (b, a, y, x)
        published = arts[plan.article].published
        if published is None or fd.hi is None or fd.hi >= published:
            return None  # a plan and a later outcome: plans change, not a contradiction
        strength = 0.85
        reason = (
            f"{fact.article} reports the event as having happened on {fd.label()}, but "
            f"{plan.article}, published {format_day(published)}, still describes it as "
            f"planned for {pd.label()}"
        )
    else:
        da_, db_ = _destinations(a), _destinations(b)
        if da_ and db_ and not da_ & db_:
            return None  # plans for different destinations: different trips, not different dates
        strength = 0.4
        reason = f"the plans give different dates ({lx} vs {ly})"
    for d, c in ((x, a), (y, b)):
        if d.relative:
            strength *= 0.75  # resolved against a publication date: less sure
        elif arts[c.article].published_from in ("header", "inline") and d.kind == "weekday":
            strength *= 0.9
    return CheckResult("date", strength, reason, ((x.text,), (y.text,)), (lx, ly))


def _destinations(c: Claim) -> frozenset[str]:
    """Places a claim goes to or happens at ("ke Makassar", "di Stasiun Sentral", "ke Laos")."""
    return frozenset(
        e.key
        for e in c.entities
        if e.kind == "place" or (e.kind == "country" and _destination_cue(_langs(c)).search(c.text[: e.start]))
    )


@lru_cache(maxsize=64)
def _destination_cue(codes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{lang.alternation(lang.data(codes).words('destination_cues'))})\s+$", re.IGNORECASE)


def _number_check(a: Claim, b: Claim, arts: Mapping[str, Article] | None = None) -> CheckResult | None:
    """Two figures of one unit that cannot both be true, where they measure the same thing: figures
    of about the same size (a fine and a loss differ by orders), whose surroundings share a content
    word (:func:`figure_context`: "merugikan negara Rp12,4 miliar" / "kerugian negara Rp 14,2
    miliar", not "cost the state" / "ordered to repay"), about the same people (attributes._names:
    two defendants' sentences are two facts), both facts or both plans (a term asked for is no
    conflict with the term handed down). A count a page written a week or more later gives higher
    (``arts``: the articles, for when each was written) is the tally as it grew, not a conflict; so is
    a higher count on a page written on or after the day a lower one was counted "as of" (:func:`as_of_day`),
    and any other value of a measure (a share, an amount) taken "as of" a moment, on such a page.
    Figures the words do not tie together are left to the aligned attributes, and so are counts that
    leave their noun out ("dua lainnya masih buron": :attr:`Quantity.elliptic`)."""
    from factcheck.attributes import UPDATE_DAYS, counts_things, different_subjects

    da, db = (arts[c.article].anchor if arts and c.article in arts else None for c in (a, b))
    gap = (db - da).days if da is not None and db is not None else 0
    # a count "as of" a day is a running count: a page written that day or later may give more
    grew_b = (t := as_of_day(a, da)) is not None and db is not None and db >= t
    grew_a = (t := as_of_day(b, db)) is not None and da is not None and da >= t

    if different_subjects(a, b) or a.modality.kind != b.modality.kind:
        return None  # a figure asked for or planned is no conflict with the one that came about
    for qa in (q for q in a.quantities if not q.elliptic):
        # figures far apart measure different things (a fine and a loss): attributes.AttributeConfig.max_ratio
        same = [
            qb
            for qb in b.quantities
            if qb.unit == qa.unit
            and not qb.elliptic
            and ratio(qa, qb) <= AttributeConfig.max_ratio
            and figure_context(a, qa) & figure_context(b, qb)
        ]
        if not same or any(qa.agrees(qb) or qb.agrees(qa) for qb in same):
            continue
        if counts_things(qa.unit) and any(
            ((gap >= UPDATE_DAYS or grew_b) and qb.value > qa.value)
            or ((gap <= -UPDATE_DAYS or grew_a) and qa.value > qb.value)
            for qb in same
        ):
            continue  # the later page's higher count: the tally grew
        if not counts_things(qa.unit) and (grew_a or grew_b):
            continue  # a measure taken as of a moment, and another on a page written since: it moved
        if any(q2.agrees(qb) for q2 in a.quantities for qb in same):
            continue
        qb = same[0]
        strength = 0.85 if a.modality.is_fact and b.modality.is_fact else 0.55
        if qa.approximate and qb.approximate:
            strength *= 0.55  # "sekitar 40 menit" vs "sekitar 45 menit": two estimates, a minor difference
        reason = f"the same quantity differs: {_q(qa)} vs {_q(qb)}"
        return CheckResult("number", strength, reason, ((qa.text,), (qb.text,)), (_canon_q(qa), _canon_q(qb)))
    return None


def _canon_q(q: Quantity) -> str:
    return f"{q.lo:g}-{q.hi:g} {q.unit}"


def _q(q: Quantity) -> str:
    return f"“{q.text}”"


def _place_check(a: Claim, b: Claim, places: PlaceTree | None = None) -> CheckResult | None:
    """Two facts placed in different places. ``places``: the event's levels and nestings (see
    :mod:`factcheck.places`): a place inside the other's, or named at another level, is no conflict."""
    if not (a.modality.is_fact and b.modality.is_fact):
        return None
    pa, pb = a.places - jurisdictions(a), b.places - jurisdictions(b)
    if not pa or not pb or pa & pb:
        return None
    ea = sorted((e for e in a.entities if e.key in pa), key=lambda e: _place_rank(e, a.text))
    eb = sorted((e for e in b.entities if e.key in pb), key=lambda e: _place_rank(e, b.text))
    # the most specific place of each against every place of the other (a venue agrees with its city)
    two = bool(a.language and b.language and a.language != b.language)  # exonyms only across languages
    if any(same_place(ea[0].key, y, two) for y in pb) or any(same_place(eb[0].key, x, two) for x in pa):
        return None
    if places is not None and _placed_alike(a, b, ea[0].key, eb[0].key, pa, pb, places):
        return None
    # the places must be where the same thing happens: what precedes them is shared
    if not any(predicates(a, x) & predicates(b, y) for x in ea for y in eb):
        return None
    x, y = ea[0].key, eb[0].key
    wa, wb = tuple(e.text for e in ea), tuple(e.text for e in eb)
    return (
        CheckResult(
            "place",
            0.8,
            f"the same event is placed in {wa[0]} in one source and {wb[0]} in the other",
            (wa, wb),
            (x, y),
        )
        if wa and wb and x != y
        else None
    )


def _placed_alike(
    a: Claim, b: Claim, x: str, y: str, pa: frozenset[str], pb: frozenset[str], places: PlaceTree
) -> bool:
    """Whether each claim's most specific place agrees, by level or nesting, with a place the other names."""
    ev_a, ev_b = a.event or "", b.event or ""
    wx, wy = places.describe(ev_a, x), places.describe(ev_b, y)
    return any(wx.agrees(places.describe(ev_b, k)) for k in pb) or any(wy.agrees(places.describe(ev_a, k)) for k in pa)


def specific_place(e: EntityMention, text: str = "") -> bool:
    """Whether a place is named as a specific kind of place ("Stasiun Sentral", "Sindang Laut
    village"), not a broad one ("Kabupaten Maros", "Danau Lestari regency"). The kind is its head
    word: the first word of the name, or (``text``: the sentence) the word right after it, where a
    language puts it there (language data ``place_heads``, ``broad_place_heads``)."""
    d = lang.data(lang.available())
    heads, broad = d.word_set("place_heads"), d.word_set("broad_place_heads")
    rest = text[e.end :]
    after = rest.split(maxsplit=1)[0].strip(",.;:!?)]}\"'”’").lower() if rest[:1] == " " and rest.strip() else ""
    head = after if after in heads else e.text.split()[0].lower()
    return head in heads and head not in broad


def _place_rank(e: EntityMention, text: str = "") -> tuple[int, int]:
    """Most specific first (:func:`specific_place`), then order of appearance."""
    return (0 if specific_place(e, text) else 1, e.start)


def _speaker_ok(c: Claim) -> bool:
    return bool(c.speaker_key) and not (c.speaker_key or "").startswith(("para ", "sejumlah ", "beberapa "))


def informative_words(claims: Sequence[Claim], max_share: float = 0.1) -> frozenset[str]:
    """Content words used by few claims of the corpus: sharing them says two claims share a topic."""
    from collections import Counter

    df = Counter(w for c in claims for w in content_words(c.text))
    limit = max(2, int(max_share * len(claims)))
    return frozenset(w for w, n in df.items() if n <= limit)


def _attribution_candidate(a: Claim, b: Claim, sim: float, t: Thresholds) -> bool:
    """Two named speakers, neither named in the other's sentence, saying something close enough to
    be one statement: what :func:`_attribution_check` asks before it looks at the NLI scores."""
    if not (_speaker_ok(a) and _speaker_ok(b)) or a.speaker_key == b.speaker_key:
        return False
    if a.speaker_key in b.entity_keys or b.speaker_key in a.entity_keys:
        return False  # one sentence names the other speaker: reported speech, not a misattribution
    return sim >= t.attribution and len(shared_content(a, b)) >= 3


def _attribution_check(
    a: Claim, b: Claim, sim: float, entail: float, t: Thresholds, informative: frozenset[str] | None = None
) -> CheckResult | None:
    if not _attribution_candidate(a, b, sim, t):
        return None
    assert a.speaker is not None and b.speaker is not None
    from factcheck.attributes import figures_differ

    if figures_differ(a, b):
        return None  # "X: 24 injured by 13.00" / "Y: 31 by 16.00": two statements, not one given to two
    overlap = quote_overlap(a, b)
    if entail < 0.5 and overlap < t.quote_overlap:
        return None
    strength = min(0.9, 0.45 + 0.3 * max(entail, overlap))
    reason = (
        f"the same statement is attributed to {display_name(a)} in {a.article} and to {display_name(b)} in {b.article}"
    )
    return CheckResult(
        "attribution",
        strength,
        reason,
        ((a.speaker.name,), (b.speaker.name,)),
        (a.speaker_key or "", b.speaker_key or ""),
    )


_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"")


def quoted_words(c: Claim) -> frozenset[str]:
    """Content words inside the quotation marks of a claim (all of its words when it quotes nothing)."""
    parts = [m.group(1) or m.group(2) for m in _QUOTED.finditer(c.text)]
    names = {w for k in c.entity_keys for w in k.split()}
    return content_words(" ".join(parts) if parts else c.text) - names


def quote_overlap(a: Claim, b: Claim) -> float:
    """Share of the shorter statement's words that the other statement has too."""
    qa, qb = quoted_words(a), quoted_words(b)
    return len(qa & qb) / min(len(qa), len(qb)) if qa and qb else 0.0


def display_name(c: Claim) -> str:
    """The speaker's fullest name known in the corpus ("Wulan" -> "Ratna Wulan")."""
    if c.speaker is None:
        return ""
    key = c.speaker_key or c.speaker.key
    if len(key) <= len(c.speaker.key):
        return c.speaker.name
    return " ".join(w if w.isupper() else w.capitalize() for w in key.split())


@lru_cache(maxsize=1)
def _detail_filter() -> tuple[re.Pattern[str], frozenset[str]]:
    """Verb forms and generic nouns (language data: "verb_form", "generic_words", "titles"), and the
    roots of the words that say how a fact is put, not what it is: modality cues ("berencana",
    "direncanakan", "expected") and purpose cues ("guna", "untuk")."""
    d = lang.data(lang.available())
    forms = [f"(?:{p})" for p in d.values("verb_form")]
    verbal = re.compile("|".join(forms)) if forms else re.compile(r"(?!x)x")
    cues = {w for kind in d.modality.values() for w in kind if " " not in w} | d.word_set("purpose_cues")
    return verbal, d.word_set("generic_words") | d.word_set("titles") | {lang.stem(w) for w in cues}


def is_detail(word: str) -> bool:
    """A word that can carry a checkable detail: not a verb form, a title or a generic noun."""
    verbal, generic = _detail_filter()
    return not (verbal.match(word) or word in generic)


def _topical(a: Claim, b: Claim, pair: CandidatePair, t: Thresholds) -> bool:
    """Whether two claims are about the same thing: the gate of every slot, NLI and corroboration rule."""
    if len(shared_content(a, b)) < 2:
        return False
    return pair.similarity >= t.topical or (
        len(_named(a.entity_keys) & _named(b.entity_keys)) >= 2 and pair.score >= t.topical
    )


def needs_nli(a: Claim, b: Claim, pair: CandidatePair, t: Thresholds = Thresholds()) -> bool:
    """Whether :func:`judge_pair` can give this pair anything but "neutral": it can only when the
    claims are topical or may credit one statement to two speakers. The other pairs are not sent to
    the NLI model (their verdict does not depend on its scores)."""
    return _topical(a, b, pair, t) or _attribution_candidate(a, b, pair.similarity, t)


def judge_pair(
    a: Claim,
    b: Claim,
    pair: CandidatePair,
    probs_ab: np.ndarray,
    probs_ba: np.ndarray,
    arts: dict[str, Article],
    t: Thresholds = Thresholds(),
    informative: frozenset[str] | None = None,
    places: PlaceTree | None = None,
) -> PairVerdict:
    """Combine NLI probabilities (columns entailment, neutral, contradiction) with the slot checks
    (``places``: the event's place levels and nestings, :class:`factcheck.places.PlaceTree`)."""
    mean = (probs_ab + probs_ba) / 2
    nli = {"entailment": float(mean[0]), "neutral": float(mean[1]), "contradiction": float(mean[2])}
    c_max = float(max(probs_ab[2], probs_ba[2]))
    e_max = float(max(probs_ab[0], probs_ba[0]))
    verdict = PairVerdict(pair, "neutral", nli, c_max)
    topical = _topical(a, b, pair, t)
    checks: list[CheckResult] = []
    e_min = float(min(probs_ab[0], probs_ba[0]))
    attribution = _attribution_check(a, b, pair.similarity, (e_max + e_min) / 2, t, informative)
    if attribution:
        checks.append(attribution)
    # a claim that denies something gives no value to compare with one that asserts it
    if (topical or attribution) and a.modality.negated == b.modality.negated:
        for check in (
            _date_check(a, b, arts),
            _place_check(a, b, places) if topical else None,
            _number_check(a, b, arts) if topical else None,
        ):
            if check:
                checks.append(check)
    slots_agree = (
        any(x.overlaps(y) for x in a.dates for y in b.dates)
        or any(x.agrees(y) for x in a.quantities for y in b.quantities)
        or bool(a.places & b.places)
    )
    if (
        topical
        and not checks
        and not slots_agree
        and c_max >= t.nli_contradiction
        and a.modality.is_fact
        and b.modality.is_fact
    ):
        checks.append(CheckResult("nli", c_max * 0.6, "the NLI model finds the two statements incompatible"))
    if checks:
        verdict.label = "contradiction"
        verdict.checks = checks
        return verdict
    review = (_negation_check(a, b, c_max, t) or _assessment_check(a, b, c_max, t)) if topical else None
    if review:
        verdict.label = "review"
        verdict.checks = [review]
        return verdict
    details = frozenset(w for w in shared_content(a, b) if is_detail(w) and (informative is None or w in informative))
    same_polarity = a.modality.negated == b.modality.negated
    # one quoted statement credited to two different people corroborates neither attribution
    two_speakers = (a.quoted or b.quoted) and _speaker_ok(a) and _speaker_ok(b) and a.speaker_key != b.speaker_key
    if (
        topical
        and same_polarity
        and not two_speakers
        and nli["contradiction"] < t.nli_review
        and (e_max >= t.entail_max or (t.details > 0 and len(details) >= t.details))
    ):
        verdict.label = "corroboration"
        verdict.details = frozenset(details)
        verdict.support = max(e_max, min(0.9, 0.3 + 0.1 * len(details)))
        if any(x.overlaps(y) for x in _event_dates(a, arts[a.article]) for y in _event_dates(b, arts[b.article])):
            verdict.agreements.append("date")
        if any(x.agrees(y) for x in a.quantities for y in b.quantities):
            verdict.agreements.append("number")
    return verdict


def _negation_check(a: Claim, b: Claim, c_max: float, t: Thresholds) -> CheckResult | None:
    """One source says something happened, the other that it did not ("tiba" vs "tidak tiba")."""
    if a.modality.negated == b.modality.negated or c_max < t.nli_review:
        return None
    if a.modality.kind != b.modality.kind:
        return None  # "did not happen" against "is planned" or "was asked for" is no conflict
    neg, pos = (a, b) if a.modality.negated else (b, a)
    cue = neg.modality.negation_cue or ""
    if neg.language and neg.language == pos.language and not negated_words(neg) & content_words(pos.text):
        return None  # "bukan tempat asing" says nothing against a sentence without "tempat asing"
    reason = f"{neg.article} states it negated (“{cue}”) where {pos.article} states it: put side by side for review"
    values = ((cue,), ()) if neg is a else ((), (cue,))
    canon = ("negated", "stated") if neg is a else ("stated", "negated")
    return CheckResult("negation", 0.35 + 0.2 * c_max, reason, values, canon)


def negated_words(c: Claim, n: int = 2) -> frozenset[str]:
    """The first ``n`` content words after a negated claim's cue, inside its clause: what it says is
    not so ("tidak pernah ditemukan", "cannot conclude what caused")."""
    cue = c.modality.negation_cue
    if not cue:
        return frozenset()
    m = re.search(rf"(?<![\w'’-]){re.escape(cue)}(?![\w-])", c.text, re.IGNORECASE)
    if m is None:
        return frozenset()
    clause = re.split(r"[,;:.!?“”\"()]", c.text[m.end() :], maxsplit=1)[0]
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", clause) if content_words(w)]
    return content_words(" ".join(words[:n]))


def _assessment_check(a: Claim, b: Claim, c_max: float, t: Thresholds) -> CheckResult | None:
    """Two judgements that the NLI model finds incompatible, at least one of them an opinion
    ("menilai ... sangat buruk" vs "... terbesar"): differing assessments, low severity, for review."""
    if c_max < t.nli_review or "opinion" not in (a.modality.kind, b.modality.kind):
        return None
    who = [display_name(c) or c.article for c in (a, b)]
    reason = f"differing assessments: {who[0]} and {who[1]} judge the same matter differently"
    return CheckResult("assessment", 0.3 + 0.2 * c_max, reason)


def internal_checks(claims: Sequence[Claim], arts: dict[str, Article]) -> list[tuple[Claim, CheckResult]]:
    """Problems inside one article: a weekday that does not match its date; a reported fact dated
    after the article's own publication date."""
    out: list[tuple[Claim, CheckResult]] = []
    for c in claims:
        published: date | None = arts[c.article].published
        written = arts[c.article].anchor  # relative dates count from the day it was written
        for rel, absolute in zip(c.dates, c.dates[1:], strict=False):
            # "kemarin (1/10/2023)": a relative date next to the absolute one it should equal
            if rel.relative and not absolute.relative and absolute.start - rel.end <= 3 and rel.conflicts(absolute):
                assert written is not None
                out.append(
                    (
                        c,
                        CheckResult(
                            "relative-date",
                            0.8,
                            f"“{rel.text}” means {rel.label()} for an article published {format_day(written)}, "
                            f"but the text gives {absolute.label()}",
                            ((rel.text, absolute.text),),
                        ),
                    )
                )
        for d in c.dates:
            problem = weekday_mismatch(d)
            if problem:
                out.append((c, CheckResult("weekday", 0.9, problem, ((d.text,),))))
            elif (
                published
                and c.modality.is_fact
                and _past(_langs(c)).search(c.text)
                and not d.relative
                and d.precision == "day"
                and d.lo is not None
                and d.lo > published
                and arts[c.article].published_from != "inline"
            ):
                out.append(
                    (
                        c,
                        CheckResult(
                            "after-publication",
                            0.6,
                            f"reported as done on {d.label()}, after the article's publication date "
                            f"{format_day(published)}",
                            ((d.text,),),
                        ),
                    )
                )
    return out
