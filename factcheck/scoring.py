"""Stage 4: decide, for each candidate pair, whether it contradicts, corroborates, or neither.

Two kinds of evidence are combined: the NLI model's probabilities in both directions, and exact
checks of the typed slots (dates, quantities, places, speakers). Modality matters: a plan
("berencana ke Vladivostok") never contradicts an outcome ("tiba di Vostochny"), except for dates,
where a plan still reported as upcoming after the date another source gives for the event is a
real conflict. Within-article checks (weekday vs date) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.normalize.dates import DateMention, format_day, weekday_mismatch
from factcheck.normalize.entities import COUNTRIES, PLACE_HEADS, TITLES, EntityMention
from factcheck.normalize.numbers import Quantity
from factcheck.pairing import MUNITION_UNITS, STOCK_WORDS, CandidatePair, content_words, slot_keys

#: Nouns that machine translation is known to confuse in this domain (Indonesian -> English sense).
SUSPECT_TRANSLATIONS = {
    "minyak": "'minyak' (oil) may be a machine-translation error for 'stockpiles'",
    "kedap": "'kereta peluru kedap' may be a machine translation of 'armoured/bulletproof train'",
    "instances": "'The New York Instances' is a machine-paraphrased 'The New York Times'",
}
_PAST = re.compile(r"\b(?:telah|sudah|pernah|kemarin|lalu)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Thresholds:
    """Decision thresholds; set from measurements (see README, Quality)."""

    topical: float = 0.88  # cosine above which two claims are taken to be about the same thing
    attribution: float = 0.885  # cosine for "the same statement" in the attribution check
    nli_contradiction: float = 0.97  # NLI-only contradiction (both facts); all 4 demo ones at <= 0.955 were wrong
    nli_review: float = 0.60  # contradiction probability that puts a pair up for review
    quote_overlap: float = 0.34  # share of quoted words two statements must share to be "the same statement"
    entail_max: float = 0.6  # entailment in either direction that makes a corroboration
    details: int = 2  # or: this many specific content words shared (with no sign of contradiction)


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
    for d in c.dates:
        if not d.resolved or d.precision not in ("day", "week", "month"):
            continue
        if (
            art is not None
            and art.published_from in ("dateline", "header")
            and d.kind in ("dmy", "mdy")
            and d.lo == art.published
            and "(" not in d.text
        ):
            continue
        out.append(d)
    return out


def shared_content(a: Claim, b: Claim) -> frozenset[str]:
    """Content words (synonyms folded) two claims share, names excluded: what they are about."""
    names = {w for k in a.entity_keys | b.entity_keys for w in k.split()}
    return (content_words(a.text) & content_words(b.text)) - names


def _named(keys: frozenset[str]) -> frozenset[str]:
    countries = set(COUNTRIES.values())
    return frozenset(k for k in keys if k not in countries)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


_EVENT_WORD = re.compile(r"^(?:me[mny]?|meng|di|ber|ter)[a-z]{3,}$|^(?:pe[rmn]?|ke)[a-z]{3,}an$")


def predicates(c: Claim, d: DateMention | EntityMention, before: int = 90) -> frozenset[str]:
    """Roots of the verbs (and event nouns) that a date or place belongs to.

    In "X bertemu Y di Rusia pada Rabu" the date and the place belong to "bertemu" (root "temu");
    a purpose clause right after the mention counts too ("pada bulan September untuk bertemu").
    Roots come from the Sastrawi stemmer, so "meresmikan", "diresmikan" and "peresmian" all give "resmi".
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z-]+", c.text[max(0, d.start - before) : d.start])]
    after = [w.lower() for w in re.findall(r"[A-Za-z-]+", c.text[d.end : d.end + 40])]
    if after[:1] == ["untuk"]:
        words += after[1:3]
    stem = _stemmer().stem
    return frozenset(stem(w) for w in words if _EVENT_WORD.match(w))


def _date_check(a: Claim, b: Claim, arts: dict[str, Article]) -> CheckResult | None:
    da, db = _event_dates(a, arts[a.article]), _event_dates(b, arts[b.article])
    if not da or not db or any(x.overlaps(y) for x in da for y in db):
        return None
    # the two dates must date the same thing: their surroundings share a content word
    matched = [(x, y) for x in da for y in db if predicates(a, x) & predicates(b, y)]
    if not matched:
        return None
    x, y = matched[0]
    fa, fb = a.modality.is_fact, b.modality.is_fact
    strength = 0.9
    if fa and fb:
        reason = f"the same event is dated {x.label()} in one source and {y.label()} in the other"
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
        reason = f"the plans give different dates ({x.label()} vs {y.label()})"
    for d, c in ((x, a), (y, b)):
        if d.relative:
            strength *= 0.75  # resolved against a publication date: less sure
        elif arts[c.article].published_from in ("header", "inline") and d.kind == "weekday":
            strength *= 0.9
    return CheckResult("date", strength, reason, ((x.text,), (y.text,)), (x.label(), y.label()))


def _destinations(c: Claim) -> frozenset[str]:
    """Places a claim goes to or happens at ("ke Vladivostok", "di Stasiun Halim", "ke Vietnam")."""
    return frozenset(
        e.key
        for e in c.entities
        if e.kind == "place" or (e.kind == "country" and re.search(r"\b(?:ke|menuju)\s+$", c.text[: e.start]))
    )


def _number_check(a: Claim, b: Claim) -> CheckResult | None:
    for qa in a.quantities:
        same = [qb for qb in b.quantities if qb.unit == qa.unit]
        if not same or any(qa.agrees(qb) or qb.agrees(qa) for qb in same):
            continue
        if any(q2.agrees(qb) for q2 in a.quantities for qb in same):
            continue
        qb = same[0]
        strength = 0.85 if a.modality.is_fact and b.modality.is_fact else 0.55
        if qa.qualifier in _APPROX and qb.qualifier in _APPROX:
            strength *= 0.55  # "sekitar 40 menit" vs "sekitar 45 menit": two estimates, a minor difference
        reason = f"the same quantity differs: {_q(qa)} vs {_q(qb)}"
        return CheckResult("number", strength, reason, ((qa.text,), (qb.text,)), (_canon_q(qa), _canon_q(qb)))
    return None


_APPROX = {"sekitar", "kira-kira", "kurang lebih", "lebih kurang", "sekira", "around", "about", "range", "hampir"}


def _canon_q(q: Quantity) -> str:
    return f"{q.lo:g}-{q.hi:g} {q.unit}"


def _q(q: Quantity) -> str:
    return f"“{q.text}”"


def _place_check(a: Claim, b: Claim) -> CheckResult | None:
    if not (a.modality.is_fact and b.modality.is_fact):
        return None
    pa, pb = a.places, b.places
    if not pa or not pb or pa & pb:
        return None
    if any(x in y or y in x for x in pa for y in pb):
        return None
    ea = sorted((e for e in a.entities if e.key in pa), key=_place_rank)
    eb = sorted((e for e in b.entities if e.key in pb), key=_place_rank)
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


def _place_rank(e: EntityMention) -> tuple[int, int]:
    """Most specific first: "Stasiun Halim" before "Kabupaten Bandung"; then order of appearance."""
    head = e.text.split()[0].lower()
    return (0 if head in PLACE_HEADS and head not in ("kota", "kabupaten", "provinsi") else 1, e.start)


def _speaker_ok(c: Claim) -> bool:
    return bool(c.speaker_key) and not (c.speaker_key or "").startswith(("para ", "sejumlah ", "beberapa "))


def informative_words(claims: Sequence[Claim], max_share: float = 0.1) -> frozenset[str]:
    """Content words used by few claims of the corpus: sharing them says two claims share a topic."""
    from collections import Counter

    df = Counter(w for c in claims for w in content_words(c.text))
    limit = max(2, int(max_share * len(claims)))
    return frozenset(w for w, n in df.items() if n <= limit)


def _attribution_check(
    a: Claim, b: Claim, sim: float, entail: float, t: Thresholds, informative: frozenset[str] | None = None
) -> CheckResult | None:
    if not (_speaker_ok(a) and _speaker_ok(b)) or a.speaker_key == b.speaker_key:
        return None
    assert a.speaker is not None and b.speaker is not None
    if a.speaker_key in b.entity_keys or b.speaker_key in a.entity_keys:
        return None  # one sentence names the other speaker: reported speech, not a misattribution
    shared = shared_content(a, b)
    overlap = quote_overlap(a, b)
    if sim < t.attribution or len(shared) < 3 or (entail < 0.5 and overlap < t.quote_overlap):
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
    """The speaker's fullest name known in the corpus ("Kirby" -> "John Kirby")."""
    if c.speaker is None:
        return ""
    key = c.speaker_key or c.speaker.key
    if len(key) <= len(c.speaker.key):
        return c.speaker.name
    return " ".join(w if w.isupper() else w.capitalize() for w in key.split())


_VERBAL = re.compile(r"^(?:me[mng]?|meny|ber|di|ter)[a-z]{3,}")
GENERIC_WORDS = frozenset(
    (
        "hubungan kerja sama bagi terhadap negara pihak senior baru lain besar tinggi pernyataan laporan "
        "informasi percaya hal orang tahun masa bagian upaya pejabat sumber media kantor berita resmi "
        "akhir awal kali lebih kurang"
    ).split()
)


def is_detail(word: str) -> bool:
    """A word that can carry a checkable detail: not a verb form, a title or a generic noun."""
    return not (_VERBAL.match(word) or word in TITLES or word in GENERIC_WORDS)


def judge_pair(
    a: Claim,
    b: Claim,
    pair: CandidatePair,
    probs_ab: np.ndarray,
    probs_ba: np.ndarray,
    arts: dict[str, Article],
    t: Thresholds = Thresholds(),
    informative: frozenset[str] | None = None,
) -> PairVerdict:
    """Combine NLI probabilities (columns entailment, neutral, contradiction) with the slot checks."""
    mean = (probs_ab + probs_ba) / 2
    nli = {"entailment": float(mean[0]), "neutral": float(mean[1]), "contradiction": float(mean[2])}
    c_max = float(max(probs_ab[2], probs_ba[2]))
    e_max = float(max(probs_ab[0], probs_ba[0]))
    verdict = PairVerdict(pair, "neutral", nli, c_max)
    same_subject = len(shared_content(a, b)) >= 2
    topical = same_subject and (
        pair.similarity >= t.topical
        or (len(_named(a.entity_keys) & _named(b.entity_keys)) >= 2 and pair.score >= t.topical)
    )
    checks: list[CheckResult] = []
    e_min = float(min(probs_ab[0], probs_ba[0]))
    attribution = _attribution_check(a, b, pair.similarity, (e_max + e_min) / 2, t, informative)
    if attribution:
        checks.append(attribution)
    if topical or attribution:
        for check in (
            _date_check(a, b, arts),
            _place_check(a, b) if topical else None,
            _number_check(a, b) if topical else None,
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
    review = _review_check(a, b, c_max, t)
    if review:
        verdict.label = "review"
        verdict.checks = [review]
        return verdict
    details = frozenset(w for w in shared_content(a, b) if is_detail(w) and (informative is None or w in informative))
    if topical and nli["contradiction"] < t.nli_review and (e_max >= t.entail_max or len(details) >= t.details):
        verdict.label = "corroboration"
        verdict.details = frozenset(details)
        verdict.support = max(e_max, min(0.9, 0.3 + 0.1 * len(details)))
        if any(x.overlaps(y) for x in _event_dates(a, arts[a.article]) for y in _event_dates(b, arts[b.article])):
            verdict.agreements.append("date")
        if any(x.agrees(y) for x in a.quantities for y in b.quantities):
            verdict.agreements.append("number")
    return verdict


def _stock_phrases(c: Claim) -> tuple[str, ...]:
    """How a claim describes stocks: "persediaan minyak", "cadangan artileri", "hampir 5 juta peluru"."""
    words = c.text.split()
    out = [
        f"{w.strip('.,“”')} {words[i + 1].strip('.,“”')}" if i + 1 < len(words) else w
        for i, w in enumerate(words)
        if w.lower().strip(".,“”") in STOCK_WORDS
    ]
    out += [q.text for q in c.quantities if q.unit in MUNITION_UNITS and q.value >= 1000]
    return tuple(out)


def _review_check(a: Claim, b: Claim, c_max: float, t: Thresholds) -> CheckResult | None:
    """Claims about the same subject's stocks (e.g. North Korea's) that say different things."""
    shared = _named(a.entity_keys) & _named(b.entity_keys) or (a.entity_keys & b.entity_keys)
    stock_shared = {s for s in shared if (s, "stok") in slot_keys(a) and (s, "stok") in slot_keys(b)}
    if not stock_shared:
        return None
    pa, pb = _stock_phrases(a), _stock_phrases(b)
    if not (pa and pb) or {p.lower() for p in pa} == {p.lower() for p in pb}:
        return None
    if not any(p.split()[0].lower() in STOCK_WORDS for p in pa + pb):
        return None  # two figures without any assessment of stocks: the number check's business
    words = {w.lower().strip(".,“”") for w in (a.text + " " + b.text).split()}
    notes = [SUSPECT_TRANSLATIONS[w] for w in sorted(words & set(SUSPECT_TRANSLATIONS))]
    subject = sorted(stock_shared)[0]
    reason = (
        f"both describe the stocks of {subject.title()} ({'; '.join(pa)} vs {'; '.join(pb)}), "
        "but the figures and subjects differ: put side by side for review" + (f"; {'; '.join(notes)}" if notes else "")
    )
    return CheckResult("review", 0.35 + 0.2 * c_max, reason, (pa, pb), ("stocks", "stocks"))


def internal_checks(claims: Sequence[Claim], arts: dict[str, Article]) -> list[tuple[Claim, CheckResult]]:
    """Problems inside one article: a weekday that does not match its date; a reported fact dated
    after the article's own publication date."""
    out: list[tuple[Claim, CheckResult]] = []
    for c in claims:
        published: date | None = arts[c.article].published
        for rel, absolute in zip(c.dates, c.dates[1:], strict=False):
            # "kemarin (1/10/2023)": a relative date next to the absolute one it should equal
            if rel.relative and not absolute.relative and absolute.start - rel.end <= 3 and rel.conflicts(absolute):
                assert published is not None
                out.append(
                    (
                        c,
                        CheckResult(
                            "relative-date",
                            0.8,
                            f"“{rel.text}” means {rel.label()} for an article published {format_day(published)}, "
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
                and _PAST.search(c.text)
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
