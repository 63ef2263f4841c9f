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
import itertools
import re
import string
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from factcheck import lang
from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.normalize.dates import DateMention, TimeOfDay, find_times, planned_weekday
from factcheck.normalize.entities import EntityMention, company_forms, country_keys, surface_key
from factcheck.normalize.numbers import Quantity
from factcheck.normalize.scores import Score, find_scores
from factcheck.pairing import content_words
from factcheck.places import Place, PlaceTree

SlotValue = DateMention | Quantity | EntityMention | TimeOfDay | Score
KIND_NAMES = {
    "date": "date", "number": "figure", "place": "place", "time": "time of day", "org": "company", "score": "score",
    "attribution": "who said it",
    "person": "who",
}
_TOKEN = {
    "date": "[DATE]", "place": "[PLACE]", "time": "[TIME]", "org": "[ORG]", "score": "[SCORE]", "person": "[PERSON]"
}
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
    lead_sentences: int = 2  # an article's first sentences that hold claims (not those that look back)
    # two attributes of one type whose sources are disjoint, each given by two sources or more and
    # together by at least half of the event's sources of that type, are one attribute told in two
    # ways (the paraphrases in one language and the translations in another each agree among
    # themselves, less across): joined when their mean cosine clears this, above the 0.83-0.85 of
    # different facts across languages measured above
    fragment_cut: float = 0.86
    fragment_cover: float = 0.5
    max_group: int = 600  # larger (event, type) groups are clustered in chunks of this size
    max_ratio: float = 20.0  # figures further apart than this measure different things (a fine, a loss)
    # after the clustering, two attributes whose main values are one figure too particular to coincide
    # ("12.486 TPS", "12 486 bureaux"; :func:`kin_figures`) join at this mean cosine instead of
    # fragment_cut, and a lone fact joins an attribute at it when its figure is that one or one copying
    # slip away from it (12,846 for 12,486): the figure says more than the wording across languages
    kin_cut: float = 0.80


#: a count first reported this many days or more after a lower count was last reported is the tally
#: as it grew (the dead, the houses damaged), not a rival figure: tallies settle within days of an event
UPDATE_DAYS = 7
#: canonical units of counted things (as the language data's ``units`` name them)
COUNT_UNITS = frozenset({"people"})


@dataclass(frozen=True)
class SlotFact:
    claim: int  # index into the claims list
    # "date", "number", "place", "time", "org" (a company), "score" (a match result), "attribution" (who
    # said it), "person" (the one person a statement names)
    kind: str
    value: SlotValue
    masked: str  # the fact with its slot values replaced by type tokens
    context: frozenset[str] = frozenset()  # for a place: every place the sentence names ("Stadion X, Kota Y")
    planned: bool = False  # a value announced (plan, expectation), not reported as past
    published: date | None = None  # the article's publication date
    where: Place | None = None  # for a place: its level and the places it lies in, by the event's reports
    as_of: date | None = None  # for a figure: the day it was counted "as of" (scoring.as_of_day), a running count
    away: bool = False  # for a clock time: in a zone that is not known to be the event's (see :func:`_away_zones`)
    change: str = ""  # for a figure: "up" after "rose to", "down" after "fell to" (:func:`changed_to`)
    beside: tuple[tuple[float, float], ...] = ()  # for a figure: the ranges of its sentence's other figures of its unit
    near: bool = False  # for a place: a landmark the fact happened near ("dekat Desa X"), no place it happened in
    # for a figure beside another of its unit in the fact: the masked text of its own clause
    # (:func:`value_clause`), which its vector weighs as much as the whole fact's (:func:`fact_vector`)
    focus: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        """The texts whose vectors :func:`fact_vector` reads: the masked fact and its figure's clause."""
        return (self.masked, self.focus) if self.focus else (self.masked,)


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
    reported: date | None = None  # for a reported (not planned) value: the first publication date giving it
    last: date | None = None  # for a reported value: the last publication date giving it
    count: float | None = None  # for a figure that counts things (people, houses), not a measure: the figure
    as_of: date | None = None  # for a running count: the latest day its sources counted it "as of"
    figure: float | None = None  # for a figure: its value in its unit
    change: str = ""  # for a figure every source gives as changed: "up" ("rose to"), "down" ("fell to")
    beside: tuple[tuple[tuple[float, float], ...], ...] = ()  # per source: its sentence's other figures of the unit


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
    one (plan, expectation), its dates and figures: a plan still reported after the event took place,
    or after a figure was reported, conflicts."""
    from factcheck.scoring import _event_dates, _place_rank, as_of_day

    out: list[SlotFact] = []
    tree = PlaceTree.from_claims(claims)
    corpus_places = frozenset(e.key for c in claims for e in c.entities if e.kind == "place")
    closing = {c.article: i for i, c in enumerate(claims)}  # each article's last claim
    for i, c in enumerate(claims):
        planned = c.modality.kind in ("plan", "expectation")
        # who said it is a fact of any statement: a plan, an opinion, a denial
        speaker = said_by(c)
        if c.modality.negated or not (c.modality.is_fact or planned):
            if speaker is not None:
                out.append(SlotFact(i, "attribution", speaker, statement_text(c)))
            continue
        art = arts.get(c.article)
        dates = _event_dates(c, art)
        if planned and art is not None and art.anchor is not None:
            # what is planned for "Wednesday" is the coming Wednesday (the claim keeps the date it was
            # read as: events are dated from claims, and a page's story stays where it was)
            dates = [
                planned_weekday(c.text, d, art.anchor, c.language or None) if _planned_here(c, d) else d for d in dates
            ]
        outlet = surface_key(art.source, c.language or None) if art and art.source else ""
        offices = jurisdictions(c)
        near = near_places(c)
        ends = route_ends(c) | near
        named = [
            e for e in c.entities
            if e.kind == "place" and e.key != outlet and e.key not in offices | ends and not _in_a_country(e, c)
        ]  # fmt: skip
        # a landmark it happened near: a value of its own, compared with other landmarks only
        landmarks = [
            e for e in c.entities
            if e.kind == "place" and e.key in near and e.key != outlet and not _in_a_country(e, c)
        ]  # fmt: skip
        places = sorted(named, key=lambda e: _place_rank(e, c.text))[:1]
        places += sorted(landmarks, key=lambda e: _place_rank(e, c.text))[:1]
        values: list[tuple[str, SlotValue]] = [("date", d) for d in dates[:2]]
        if not planned or c.modality.kind == "plan":  # a figure expected ("bila ..., akan") is no figure stated
            values += [("number", q) for q in c.quantities[:3]]
        # the company of a sentence that names one; with two ("akuisisi PT X oleh PT Y") the roles are
        # what differs, and which one a source gives for which the masked text cannot tell
        firms = companies(c, outlet) if not planned else []
        one_firm = bool(firms) and all(same_company(firms[0].key, e.key) for e in firms[1:])
        if not planned:
            values += [("place", e) for e in places]
            values += [("time", t) for t in clock_times(c)[:2]]
            values += [("org", firms[0])] if one_firm else []
            values += [("score", s) for s in scores(c)[:1]]
        if speaker is not None:
            values.append(("attribution", speaker))
        # a page's closing sentence that names someone is often its author's note ("X is a
        # criminologist at ...", "X covers criminal justice for ..."), no actor of the story
        actor = acting_person(c, corpus_places) if not planned and i != closing.get(c.article) else None
        if actor is not None:
            values.append(("person", actor))
        if not values:
            continue
        # a value inside the reported fact is compared as that fact ("Kim berencana ... [DATE]"); one in
        # its attribution ("X memperingatkan [DATE] bahwa ...") as the statement, the whole sentence
        lo, hi = content_span(c)
        fact_text, statement = mask(c, (lo, hi)), mask(c, (0, len(c.text)))
        if one_firm:  # a company's fact reads with the company masked: which company is the value
            named_text, named_statement = mask(c, (lo, hi), firms), mask(c, (0, len(c.text)), firms)
        published = art.anchor if art else None  # when it was written: a page updated since keeps its day
        counted = as_of_day(c, published) if c.quantities else None
        out.extend(
            SlotFact(
                i,
                kind,
                v,
                (named_text if lo <= v.start and v.end <= hi else named_statement)
                if kind == "org"
                else statement_text(c)
                if kind == "attribution"
                else mask(c, (lo, hi), (), [v] if isinstance(v, EntityMention) else [])
                if kind == "person"
                else (fact_text if lo <= v.start and v.end <= hi else statement),
                c.places - {outlet} if kind == "place" else frozenset(),
                planned and kind != "attribution",  # who said it is no plan, whatever was said
                published,
                tree.describe(c.event or "", v.key) if isinstance(v, EntityMention) else None,
                counted if kind == "number" else None,
                change=changed_to(c, v) if kind == "number" else "",
                beside=tuple((q.lo, q.hi) for q in c.quantities if q is not v and q.unit == v.unit)
                if isinstance(v, Quantity)
                else (),
                near=kind == "place" and isinstance(v, EntityMention) and v.key in near,
                focus=_focus(c, v, (lo, hi)) if kind == "number" and isinstance(v, Quantity) else "",
            )
            for kind, v in values
        )
    return _local_zones(_away_zones(out, claims), claims)


SPEAKER_WORDS = 5  # content words a statement needs for who said it to be a value of its own


def said_by(c: Claim) -> EntityMention | None:
    """Who said the claim's statement, as a value of it ("“...,” kata jaksa Rosmawati", "X said
    that ..."): a named speaker (no pronoun, no group) outside a statement of a few content words or
    more, which is then what the speaker fact's masked text reads (the same statement in another
    language aligns with it, whoever a source gives it to)."""
    from factcheck.scoring import _speaker_ok

    if c.speaker is None or c.speaker.pronoun or not _speaker_ok(c):
        return None
    lo, hi = statement_span(c)
    assert c.speaker_key is not None
    if _fragment_quote(c) is not None:
        # the first fact of a quoted sentence the claim stage split ("We admit there was negligence
        # ..., and I take full responsibility," X told reporters): the whole quotation is the statement
        return EntityMention(c.speaker.name, 0, 0, c.speaker_key, "person_or_org")
    if (lo, hi) == (0, len(c.text)) or len(content_words(c.text[lo:hi])) < SPEAKER_WORDS:
        return None
    # where the sentence names the speaker: the name as read, or the words of its canonical key
    # ("ujar Rosmawati" for "rosmawati daeng masikki")
    key = set(c.speaker_key.split())
    run: list[re.Match[str]] = []
    for m in re.finditer(r"[^\W\d_][\w'-]*", c.text):
        inside = lo <= m.start() < hi
        if not inside and m.group(0)[0].isupper() and m.group(0).lower() in key:
            run.append(m)
        elif run:
            break
    if not run:
        return None
    at, end = run[0].start(), run[-1].end()
    return EntityMention(c.text[at:end], at, end, c.speaker_key, "person_or_org")


def _fragment_quote(c: Claim) -> str | None:
    """The quotation of the sentence ``c`` is the first fact of, when the claim stage split a quoted
    sentence into facts and kept its attribution in another one; else None."""
    if not c.sentence or c.sentence == c.text or c.speaker is None or c.speaker.name in c.text:
        return None
    longest = _longest_quotation(c.sentence)
    if longest is None:
        return None
    quote = longest.group(1)
    if not quote.startswith(c.text[: min(len(c.text), 24)]) or len(content_words(quote)) < SPEAKER_WORDS:
        return None
    return quote


def statement_text(c: Claim) -> str:
    """The masked statement a speaker is credited with (:func:`statement_span`), or the whole
    quotation of a sentence the claim stage split (:func:`_fragment_quote`), as written."""
    whole = _fragment_quote(c)
    return whole.strip(" ,.") if whole is not None else mask(c, statement_span(c))


_QUOTATION = re.compile(r"[\"“„«]([^\"”“«»]{12,})[\"”“»]")


def _longest_quotation(text: str) -> re.Match[str] | None:
    """The longest quotation of ``text`` (group 1: its words without the marks; of two as long, the
    later), or None."""
    return max(reversed(list(_QUOTATION.finditer(text))), key=lambda m: m.end(1) - m.start(1), default=None)


def statement_span(c: Claim) -> tuple[int, int]:
    """The statement a speaker is credited with: :func:`content_span`, or the longest quotation of a
    sentence the claim stage kept whole ("“We respect ...,” defence lawyer X told reporters")."""
    lo, hi = content_span(c)
    if (lo, hi) != (0, len(c.text)):
        return lo, hi
    longest = _longest_quotation(c.text)
    return (longest.start(1), longest.end(1)) if longest is not None else (lo, hi)


def acting_person(c: Claim, places: frozenset[str] = frozenset()) -> EntityMention | None:
    """The one person a statement names as doing something (a judge reading a verdict, a captain
    at the helm), as a value of it: the only mention inside the statement the entity tagger typed
    a person, when it is not the speaker, nor a name the corpus writes as a place elsewhere
    (``places``: "a former regent of Rantau Sembilu"); None with two people or more (who did what
    to whom is not a value the masked text can tell)."""
    lo, hi = content_span(c)
    source = _attribution_keys(c) | {e.key for e in companies(c)}
    # every name the tagger typed (a person, an organisation, even a place the corpus reads as a
    # name) counts as someone else who takes part (a team, a ministry, "Darmawan" in "the panel led
    # by X sentenced Darmawan"; not a company the deed was done with, not a German title the tagger
    # leaves untyped): the person, named in two words or more, must be the only one
    named = [
        e for e in c.entities
        if e.kind == "person_or_org" and e.tag and lo <= e.start and e.end <= hi
        and e.key not in source and not _place_shaped(e.key)
    ]  # fmt: skip
    if len({e.key for e in named}) != 1 or named[0].tag != "PER" or len(named[0].key.split()) < 2:
        return None
    if named[0].key in places:
        return None
    return named[0]


def same_person(a: str, b: str) -> bool:
    """Two speaker keys for one person: the words of one among the other's ("rosmawati" /
    "rosmawati daeng masikki")."""
    wa, wb = set(a.split()), set(b.split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


PLAN_REACH = 48  # characters: a plan's cue this close before a date is the plan's date


def _planned_here(c: Claim, d: DateMention) -> bool:
    """Whether a date of a planned claim is the plan's own: its cue stands just before it ("expected to
    be signed on Wednesday", "dijadwalkan pada Rabu"). In "will change hands after X agreed on
    Tuesday to buy ..." the weekday dates what was agreed, a past deed, far from "will"."""
    cue = c.modality.cue
    if not cue:
        return False
    return lang.cue_pattern((cue,)).search(c.text[max(0, d.start - PLAN_REACH) : d.start]) is not None


def _away_zones(facts: list[SlotFact], claims: Sequence[Claim]) -> list[SlotFact]:
    """Clock times in a zone not known to be the event's, marked ``away``: a zone that no source in the
    event's main language (the language most of its articles are in) states, and UTC. An outlet abroad
    converts the time to its own zone ("um 1 Uhr MESZ") where the event's sources write "09.00 waktu
    setempat"; what the local time is in that zone, nothing says, so the two are never compared."""
    langs: dict[str, Counter[str]] = defaultdict(Counter)
    for event, _, language in {(c.event, c.article, c.language) for c in claims}:
        langs[event or ""][language or ""] += 1
    main = {event: max(n, key=lambda lg: (n[lg], lg)) for event, n in langs.items()}
    home: dict[str, set[int]] = defaultdict(set)
    for f in facts:
        c, v = claims[f.claim], f.value
        if isinstance(v, TimeOfDay) and v.tz_offset and c.language == main.get(c.event or ""):
            home[c.event or ""].add(v.tz_offset)
    return [
        replace(f, away=True)
        if f.kind == "time" and isinstance(f.value, TimeOfDay) and f.value.tz_offset is not None
        and f.value.tz_offset not in home[claims[f.claim].event or ""]
        else f
        for f in facts
    ]  # fmt: skip


def _local_zones(facts: list[SlotFact], claims: Sequence[Claim]) -> list[SlotFact]:
    """Clock times written without a zone read in the event's own zone, when one zone is the one most
    of the event's sources that state a zone state ("05.52 WITA" in four pages, "04.52 WIB" in one
    from the capital): news writes the local time, so an English wire's "5:52 a.m." is 05.52 WITA,
    the same moment as "04.52 WIB", not an hour off it. Without such a zone (none stated, or a tie)
    unstated times stay as they are (compared as local times)."""
    stated: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for f in facts:
        v = f.value
        if f.kind == "time" and isinstance(v, TimeOfDay) and v.tz_offset is not None and not f.away:
            c = claims[f.claim]
            stated[c.event or ""][v.tz_offset].add(c.article)
    local: dict[str, int] = {}
    for event, zones in stated.items():
        ranked = sorted(zones.items(), key=lambda z: (-len(z[1]), z[0]))
        if len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1]):
            local[event] = ranked[0][0]
    out = []
    for f in facts:
        v, event = f.value, claims[f.claim].event or ""
        if f.kind == "time" and isinstance(v, TimeOfDay) and v.tz_offset is None and event in local:
            f = replace(f, value=replace(v, tz_offset=local[event]))
        out.append(f)
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


def _in_a_country(e: EntityMention, c: Claim) -> bool:
    """A region named by a country and a word ("im Osten Indonesiens", "northern Ruritania"): as broad
    as the country, no place to compare (countries are never place values)."""
    words = e.text.split()
    countries = lang.data(c.language or lang.DEFAULT).countries
    return len(words) > 1 and countries.key(e.text) is None and any(countries.key(w) for w in words)


def clock_times(c: Claim) -> list[TimeOfDay]:
    """The clock times a claim states (with its day or alone), not those of a running count
    ("hingga pukul 10.00": see ``as_of`` in :func:`factcheck.scoring._event_dates`)."""
    from factcheck.scoring import _as_of, _langs

    cut = _as_of(_langs(c))
    times = _clock_times(c.text, c.language or None, c.dates)
    return [t for t in times if not cut.search(c.text, max(0, t.start - 16), t.start)]


@functools.lru_cache(maxsize=1 << 14)
def _clock_times(text: str, language: str | None, dates: tuple[DateMention, ...]) -> list[TimeOfDay]:
    return find_times(text, language, dates)


def scores(c: Claim) -> list[Score]:
    """The match scores a claim states ("menang 3-1", "won 2-0"; :mod:`factcheck.normalize.scores`)."""
    return _scores(c.text, c.language or None)


@functools.lru_cache(maxsize=1 << 14)
def _scores(text: str, language: str | None) -> list[Score]:
    return find_scores(text, language)


def changed_to(c: Claim, q: SlotValue) -> str:
    """How a figure is given: "up" right after a word of rising ("naik menjadi", "rose to", "stieg
    auf"; language data ``rise_cues``), "down" after one of falling (``fall_cues``), else ""."""
    up, down = _change_cues(c.language or lang.DEFAULT[0])
    head = c.text[max(0, q.start - 40) : q.start]
    return "up" if up.search(head) else "down" if down.search(head) else ""


@functools.lru_cache(maxsize=32)
def _change_cues(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = lang.data((language,))
    return lang.cue_pattern(d.words("rise_cues"), r"\s*$"), lang.cue_pattern(d.words("fall_cues"), r"\s*$")


def route_ends(c: Claim) -> frozenset[str]:
    """Places named as the two ends of a journey ("dari Waimora ke Kota Rahan", "from A to B", "von A
    nach B"; language data ``route_from``, ``route_to``): where something travelled, not where the
    reported fact happened, so no value of a place attribute."""
    names = sorted(c.entities, key=lambda e: e.start)  # the origin may be typed as a name ("von Waruna")
    if len(names) < 2:
        return frozenset()
    start, to = _route_cues(c.language or lang.DEFAULT[0])
    out: set[str] = set()
    for a, b in itertools.pairwise(names):
        if b.kind not in ("place", "country"):
            continue
        if start.search(c.text[max(0, a.start - 20) : a.start]) and to.fullmatch(c.text[a.end : b.start]):
            out |= {a.key, b.key}
    return frozenset(out)


def near_places(c: Claim) -> frozenset[str]:
    """Places named as a landmark the fact happened near ("di dekat Wailoa", "near Wailoa", "cerca de
    Wailoa"; language data ``near_cues``): not where it happened, so no value of a place attribute."""
    cue = _near_cue(c.language or lang.DEFAULT[0])
    return frozenset(e.key for e in c.entities if cue.search(c.text, max(0, e.start - 48), e.start))


@functools.lru_cache(maxsize=32)
def _near_cue(language: str) -> re.Pattern[str]:
    # up to three lower-case words between the cue and the name: "near the village of Karangsono"
    return lang.cue_pattern(lang.data((language,)).words("near_cues"), r"(?:\s+(?-i:[^\W\d_A-Z][\w'’-]*)){0,3}\s+$")


PHASE_WINDOW = 48  # characters of a value's clause before it that may say it starts or ends something
_CLAUSE_END = re.compile(r"[.;:!?,()\[\]\"“”]")


def phase(c: Claim, v: SlotValue) -> str | None:
    """Whether a date or clock time is when something starts ("sejak Senin (13/9)", "began on
    Monday": "start") or ends ("dijadwalkan berakhir pada Rabu", "ended on Wednesday": "end"), by
    the cue of its clause nearest before it (language data ``phase_start``, ``phase_end``), or None."""
    return _phase(c.text[max(0, v.start - PHASE_WINDOW) : v.start], c.language or lang.DEFAULT[0])


@functools.lru_cache(maxsize=1 << 14)
def _phase(head: str, language: str) -> str | None:
    """:func:`phase` by the text before the value, found once (the alignment asks it per pair)."""
    cut = [m.end() for m in _CLAUSE_END.finditer(head)]
    head = head[cut[-1] :] if cut else head
    found = [(m.end(), kind) for kind, cue in _phase_cues(language) for m in cue.finditer(head)]
    return max(found)[1] if found else None


def opposite_phases(a: Claim, x: SlotValue, b: Claim, y: SlotValue) -> bool:
    """A date or time when something starts and one when it ends (:func:`phase`): two attributes."""
    px, py = phase(a, x), phase(b, y)
    return px is not None and py is not None and px != py


@functools.lru_cache(maxsize=32)
def _phase_cues(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    d = lang.data((language,))
    return tuple(
        (kind, lang.cue_pattern(words))
        for kind, words in (("start", d.words("phase_start")), ("end", d.words("phase_end")))
        if words
    )


@functools.lru_cache(maxsize=32)
def _route_cues(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    d = lang.data((language,))
    start = lang.cue_pattern(d.words("route_from"), r"\s*$")
    to = re.compile(rf"\s+(?:{lang.alternation(d.words('route_to'))})\s+", re.IGNORECASE)
    return start, to


def content_span(c: Claim) -> tuple[int, int]:
    """The part of ``c.text`` that states the fact: without an attribution the claim stage kept
    because the sentence states one fact ("X melaporkan pada Senin bahwa F", "F, kata X")."""
    return _content_span(c.text, c.language or "id")


@functools.lru_cache(maxsize=1 << 16)
def _content_span(text: str, language: str) -> tuple[int, int]:
    """:func:`content_span` by text, computed once per sentence (the pair checks ask it per pair)."""
    from factcheck.facts import split_facts

    facts = split_facts(text, language)
    if len(facts) == 1 and facts[0].speaker_span is not None:
        return facts[0].start, facts[0].end
    return 0, len(text)


def value_clause(c: Claim, v: Quantity, span: tuple[int, int]) -> tuple[int, int]:
    """The part of ``span`` that states the figure ``v`` when the span gives other figures of its unit
    too: cut at the clause break (a comma, a semicolon, a colon or the language's "and", language
    data ``list_joiners``) nearest ``v`` on each side that has such a figure beyond it ("Lima orang
    tewas | dan 27 lainnya terluka"): each figure's masked text then tells which attribute it is, where
    the whole sentence reads the same for both ("[N] people tewas dan [N] people terluka"; figures of
    two units differ by their unit's token). A side with no break before the next figure ("naik dari
    5 menjadi 7") stays whole."""
    lo, hi = span
    others = [q for q in c.quantities if q is not v and q.unit == v.unit and lo <= q.start and q.end <= hi]
    if not others:
        return lo, hi
    left = max((q.end for q in others if q.end <= v.start), default=None)
    right = min((q.start for q in others if q.start >= v.end), default=None)
    breaks = [(m.start(), m.end()) for m in _clause_breaks(c.language or lang.DEFAULT[0]).finditer(c.text, lo, hi)]
    if left is not None:
        lo = max((e for s, e in breaks if left <= s and e <= v.start), default=lo)
    if right is not None:
        hi = min((s for s, e in breaks if v.end <= s and e <= right), default=hi)
    return lo, hi


def _focus(c: Claim, v: Quantity, span: tuple[int, int]) -> str:
    """The masked clause of a figure inside ``span`` that gives another figure of its unit, else ""."""
    if not (span[0] <= v.start and v.end <= span[1]):
        return ""
    part = value_clause(c, v, span)
    return mask(c, part) if part != span else ""


def fact_vector(f: SlotFact, vectors: Mapping[str, np.ndarray]) -> np.ndarray:
    """A slot fact's vector: its masked text's, or, for a figure with a clause of its own
    (:attr:`SlotFact.focus`), the normalised mean of the clause's and the whole fact's. The clause tells
    two figures of one sentence apart ("[N] people tewas dan [N] people terluka" reads the same for
    both); the whole fact still ties each to the sentences of sources that put them otherwise."""
    v = vectors[f.masked]
    if not f.focus:
        return v
    both = v.astype(np.float64) + vectors[f.focus].astype(np.float64)
    return (both / np.linalg.norm(both)).astype(v.dtype)


@functools.lru_cache(maxsize=32)
def _clause_breaks(language: str) -> re.Pattern[str]:
    joiners = lang.alternation(lang.data((language,)).words("list_joiners"))
    return re.compile(rf"\s*[,;:]\s*|\s+(?:{joiners})\s+", re.IGNORECASE)


def companies(c: Claim, outlet: str = "") -> list[EntityMention]:
    """The companies a fact names: names opened or closed by a legal form of any language with data
    ("PT X", "X Tbk", "X Ltd"), the outlet that publishes the page left out."""
    forms = company_forms()
    out = []
    for e in c.entities:
        words = [w.lower().strip(".,") for w in e.text.split()]
        if e.kind == "person_or_org" and e.key != outlet and {words[0], words[-1]} & forms and set(words) - forms:
            out.append(e)  # a legal form alone ("PT" cut off its name) names no company
    return out


def same_company(a: str, b: str) -> bool:
    """Two company keys for one company: the words of one (legal forms left out) among the other's
    ("pt sinar galih perkasa" / "sinar galih perkasa"), or one the other's initials ("pt sgp" /
    "pt sinar galih perkasa")."""
    forms = company_forms()
    wa, wb = [w for w in a.split() if w not in forms], [w for w in b.split() if w not in forms]
    if not (wa and wb):
        return False
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    return any(len(x) == 1 and len(y) > 1 and x[0] == "".join(w[0] for w in y) for x, y in ((wa, wb), (wb, wa)))


def mask(
    c: Claim,
    span: tuple[int, int] | None = None,
    firms: Sequence[EntityMention] = (),
    people: Sequence[EntityMention] = (),
) -> str:
    """The fact's words (``span`` of ``c.text``, by default :func:`content_span`) with dates,
    quantities and places (and the companies ``firms``, the persons ``people``) replaced by type
    tokens; units stay."""
    lo, hi = content_span(c) if span is None else span
    spans: list[tuple[int, int, str]] = [(d.start, d.end, _TOKEN["date"]) for d in c.dates]
    spans += [(e.start, e.end, _TOKEN["org"]) for e in firms]
    spans += [(e.start, e.end, _TOKEN["person"]) for e in people]
    spans += [(s.start, s.end, _TOKEN["score"]) for s in scores(c)]
    spans += [(t.start, t.end, _TOKEN["time"]) for t in clock_times(c) if not any(d.start == t.start for d in c.dates)]
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
def same_zone(a: Claim, b: Claim) -> bool:
    """Two claims in one language: their sources write times of day in one zone (local time), so
    "Selasa malam" and "Rabu dini hari" are two days; across languages an outlet may write another
    zone's day, and unstated zones get slack."""
    return bool(a.language) and a.language == b.language


def _agrees(kind: str, fx: SlotFact, fy: SlotFact, one_zone: bool = False) -> bool:
    """Whether two values can both be true: overlapping dates (``one_zone``: times of day written
    in one zone, see :func:`same_zone`), overlapping figure ranges, or a place
    that matches one the other sentence names (a venue and the city it is in agree)."""
    x, y = fx.value, fy.value
    if kind == "date":
        assert isinstance(x, DateMention) and isinstance(y, DateMention)
        return x.agrees(y, one_zone)
    if kind == "time":
        assert isinstance(x, TimeOfDay) and isinstance(y, TimeOfDay)
        return x.agrees(y)
    if kind == "score":
        assert isinstance(x, Score) and isinstance(y, Score)
        return x.key == y.key
    if kind == "number":
        assert isinstance(x, Quantity) and isinstance(y, Quantity)
        # as Quantity.agrees, without its unit test (counted nouns in two languages may be compared);
        # an approximate figure ("sekitar 300") already carries its range
        return x.lo <= y.hi * 1.01 and y.lo <= x.hi * 1.01
    assert isinstance(x, EntityMention) and isinstance(y, EntityMention)
    if kind == "org":
        return same_company(x.key, y.key)
    if kind in ("attribution", "person"):
        return same_person(x.key, y.key)
    # each sentence's most specific place against every place the other names: a venue agrees with
    # its city, but two villages of one regency do not agree because both name the regency; and two
    # places that lie in one another, or are named at different levels (a regency, a province), agree
    if fx.where is not None and fy.where is not None and fx.where.agrees(fy.where):
        return True
    return any(same_place(x.key, b, not one_zone) for b in fy.context | {y.key}) or any(
        same_place(y.key, a, not one_zone) for a in fx.context | {x.key}
    )


def same_place(a: str, b: str, languages: bool = False) -> bool:
    """Two place keys for one place: the words of one among the other's ("kosmodrom x" / "x"), or a
    distinctive word in common (whole words: "sindang" is not "sindangbarang"); for keys written in
    two ``languages``, also a word written alike up to accents and one letter, as languages write one
    name ("Jawa" / "Java", "Asie" / "Ásia"; in one language "Kota Batu" and "Kota Baru" are two).
    Compass words are no distinctive words, and two keys with different compass marks are two places
    ("Jawa Timur" / "Jawa Tengah"; "Jawa Tengah" / "Central Java" is one)."""
    wa, wb = set(a.split()), set(b.split())
    if wa <= wb or wb <= wa:
        return True
    da, db = _compass(a), _compass(b)
    if da and db and da != db:
        return False  # "jawa timur" / "jawa tengah": two provinces of one island
    xs, ys = _place_words(a), _place_words(b)
    return bool(xs & ys) or (languages and any(_exonyms(x, y) for x in xs for y in ys))


def _compass(key: str) -> frozenset[str]:
    """The compass marks of a place key in any language ("jawa tengah", "central java" -> {"C"})."""
    directions = lang.place_words()[1]
    return frozenset(directions[w] for w in key.split() if w in directions)


def _exonyms(x: str, y: str) -> bool:
    """One name as two languages write it: the same first letter, at most one letter added, dropped
    or changed once accents are removed ("jawa" / "java", "sumatera" / "sumatra"); never two
    countries' names, which the language data already keys ("iran" / "iraq")."""
    x, y = _unaccented(x), _unaccented(y)
    if {x, y} & country_keys():
        return x == y
    x, y = _spelling(x), _spelling(y)  # "giava" / "java", "moluques" / "molukas"
    if x == y:
        return True
    if x[0] != y[0] or abs(len(x) - len(y)) > 1:
        return False
    if len(x) > len(y):
        x, y = y, x
    i = next((k for k, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), len(x))
    return x[i + 1 :] == y[i + 1 :] if len(x) == len(y) else x[i:] == y[i + 1 :]


@functools.cache
def _unaccented(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


def _place_words(key: str) -> set[str]:
    """The distinctive words of a place key (place heads such as "kota" or "cosmodrome" dropped)."""
    heads, directions = lang.data(lang.available()).word_set("place_heads"), lang.place_words()[1]
    return {w for w in key.split() if len(w) > 3 and w not in heads and w not in directions}


def _width(kind: str, v: SlotValue) -> float:
    """How coarse a value is: wide values (a month, "sekitar 300") are placed after precise ones."""
    if isinstance(v, DateMention) and v.lo and v.hi:
        return float((v.hi - v.lo).days) + (0.0 if v.has_time else 0.5)
    if isinstance(v, Quantity):
        return (v.hi - v.lo) / max(abs(v.value), 1e-9) + (0.1 if v.approximate else 0.0)
    if isinstance(v, TimeOfDay):
        return 1.0 if v.approximate else 0.0
    return 0.0


def _canon(kind: str, v: SlotValue) -> str:
    if isinstance(v, DateMention):
        return v.label()
    if isinstance(v, Quantity):
        return f"{v.lo:g}-{v.hi:g} {v.unit}" if v.lo != v.hi else f"{v.value:g} {v.unit}"
    if isinstance(v, (TimeOfDay, Score)):
        return v.label()
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


def looking_back(facts: Sequence[SlotFact]) -> frozenset[int]:
    """Claims that date what they tell by a period before their page's own ("el mes pasado", "bulan
    lalu", "last year"): a lead that recalls what happened then is no statement of the page's event."""
    return frozenset(
        f.claim for f in facts
        if f.kind == "date" and isinstance(f.value, DateMention) and f.value.relative
        and f.value.precision in ("week", "month", "year") and f.value.hi is not None
        and f.published is not None and f.value.hi < f.published
    )  # fmt: skip


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
        names = [_fact_names(facts[k], claims) for k in chunk]
        for x in range(n):
            fx = facts[chunk[x]]
            for y in range(x + 1, n):
                fy = facts[chunk[y]]
                cut[x, y] = cut[y, x] = _pair_cut(claims[fx.claim], claims[fy.claim], preds[x], preds[y],
                                                  leads[x] and leads[y], config)  # fmt: skip
                if _apart(fx, fy, claims, names[x], names[y], config, nouns):
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


def _pair_cut(
    cx: Claim, cy: Claim, preds_x: frozenset[str], preds_y: frozenset[str], leads: bool, config: AttributeConfig
) -> float:
    """The cosine two facts need to state one attribute (``leads``: both open their article)."""
    crossing = bool(cx.language and cy.language and cx.language != cy.language)
    if leads:
        return config.lead_cross_language if crossing else config.lead_same_language
    if crossing:
        return config.cross_language
    return config.same_language if preds_x & preds_y else config.other_predicate


def _apart(
    fx: SlotFact,
    fy: SlotFact,
    claims: Sequence[Claim],
    names_x: frozenset[str],
    names_y: frozenset[str],
    config: AttributeConfig,
    nouns: Mapping[Noun, frozenset[Noun]] | None = None,
    units: bool = True,
) -> bool:
    """Two slot facts that never state one attribute, whatever their cosine: two values of one
    sentence, figures that cannot measure one thing, when something starts and when it ends
    (:func:`phase`), a clock time abroad and a local one (:func:`_away_zones`), facts about different
    people or organisations (``names_x``, ``names_y``: :func:`_names` of their claims), and two
    figures, dates or times of one article that are not near each other (:func:`_near`): an article
    that gives 7 dead and 120 workers on site states two attributes (a toll that rose, 5 then 7, is
    near). ``units`` False: the nouns two figures count may differ where the figures are one (two
    fragments that give one figure, see :func:`_join_fragments`), and across languages."""
    if fx.claim == fy.claim:
        return True
    cx, cy = claims[fx.claim], claims[fy.claim]
    if cx.article == cy.article and _far(fx.value, fy.value):
        return True
    if fx.kind in ("date", "time") and opposite_phases(cx, fx.value, cy, fy.value):
        return True  # when something starts and when it ends
    if fx.near != fy.near:
        return True  # "near Desa X" and "in Desa Y": both may be right
    x, y = fx.value, fy.value
    if isinstance(x, TimeOfDay) and isinstance(y, TimeOfDay) and (
        (fx.away and y.tz_offset is None) or (fy.away and x.tz_offset is None)
    ):
        return True  # a time abroad and a local one: how far apart the zones are, nothing says
    if fx.kind == "number":
        qx, qy = fx.value, fy.value
        assert isinstance(qx, Quantity) and isinstance(qy, Quantity)
        crossing = bool(cx.language and cy.language and cx.language != cy.language)
        counted = crossing and len(cx.quantities) == len(cy.quantities) == 1
        # two fragments' figures: whatever nouns they count when they give one figure ("7 pekerja",
        # "7 morts"; in one language "27 warga binaan", "27 narapidana"), else, across languages, nouns
        # the corpus does not tell apart, as for the only figures
        loose = not units and _counts(qx) and _counts(qy)
        langs = (cx.language, cy.language)
        if ratio(qx, qy) > config.max_ratio or not (
            (loose and qx.value == qy.value) or _same_unit(qx, qy, counted, langs, nouns, loose and crossing)
        ):
            return True
    if fx.kind == "person" and other_values_differ(cx, cy):
        return True  # "X scored in the 16th minute" / "Y in the 58th": two goals, not one scorer named twice
    if fx.kind == "attribution" and figures_differ(cx, cy):
        return True  # "X: 24 were injured" / "Y: 31 were": two statements, not one given to two speakers
    if not names_x or not names_y or names_x & names_y:
        return False
    return not (cx.language != cy.language and _akin(names_x, names_y))


def figures_differ(cx: Claim, cy: Claim) -> bool:
    """Two statements that give figures of one unit, none of which agree: they tell two different
    things. (When a statement was made may itself be what two sources get wrong, so its date does not
    part two statements: "pekan lalu" in a page of April 2024 and "pada 30 Agustus" for one warning.)"""
    for qx in cx.quantities:
        same = [qy for qy in cy.quantities if qy.unit == qx.unit]
        if same and not any(qx.agrees(qy) or qy.agrees(qx) for qy in same):
            return True
    return False


def other_values_differ(cx: Claim, cy: Claim) -> bool:
    """Two statements that give figures of one unit, none of which agree (:func:`figures_differ`), or
    dates that do not overlap: whoever they name, they tell two different things."""
    if figures_differ(cx, cy):
        return True
    dx, dy = [d for d in cx.dates if d.resolved], [d for d in cy.dates if d.resolved]
    return bool(dx and dy) and not any(x.overlaps(y) for x in dx for y in dy)


def kin_figures(x: SlotValue, y: SlotValue) -> str | None:
    """"same" for one exact figure of three significant digits or more ("12.486 TPS", "12,486 polling
    stations"): too particular for two sources to give it by chance for two things. "slip" for two
    such figures of one size whose digits differ by one swap of neighbours or one changed digit
    (12,846 for 12,486; 297,512 for 277,512): a slip in copying one figure. Else None."""
    if not (isinstance(x, Quantity) and isinstance(y, Quantity)) or x.approximate or y.approximate:
        return None
    dx, dy = _significant(x.text), _significant(y.text)
    if len(dx) < 3 or len(dx) != len(dy) or ratio(x, y) > 2:
        return None
    if dx == dy:
        return "same"
    diff = [i for i, (p, q) in enumerate(zip(dx, dy, strict=True)) if p != q]
    swap = len(diff) == 2 and diff[1] == diff[0] + 1 and dx[diff[0]] == dy[diff[1]] and dx[diff[1]] == dy[diff[0]]
    return "slip" if len(diff) == 1 or swap else None


def _significant(text: str) -> str:
    """The significant digits of a figure as written: "12.486 TPS" -> "12486", "5,186,240" -> "518624",
    "53,8 persen" -> "538", "14 hari" -> "14" (not its 1,209,600 seconds), "tujuh" -> ""."""
    return "".join(ch for ch in text if ch.isdigit()).strip("0")


def _akin(xs: frozenset[str], ys: frozenset[str]) -> bool:
    """Two name words that are one name in two languages' spelling ("moluques" / "molucas"): a
    common stem of five letters or more, and endings of three letters or fewer that differ in their
    vowels only ("santosa" / "santoro" are two names)."""
    for x in map(_spelling, xs):
        for y in map(_spelling, ys):
            stem = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
            ex, ey = x[stem:], y[stem:]
            if stem >= 5 and len(ex) <= 3 and len(ey) <= 3 and _VOWELS.sub("", ex) == _VOWELS.sub("", ey):
                return True
    return False


_VOWELS = re.compile(r"[aeiou]")
_SPELLING = (
    ("qu", "k"), ("ck", "k"), ("c", "k"), ("ph", "f"),
    ("gia", "ja"), ("gio", "jo"), ("giu", "ju"), ("y", "i"), ("w", "v"),
)  # fmt: skip


def _spelling(word: str) -> str:
    """A name word with the spellings of one sound that languages differ in folded ("moluques" and
    "molucas" both "moluk...", "giava" and "jawa" both "java")."""
    for a, b in _SPELLING:
        word = word.replace(a, b)
    return word


def _predicates(c: Claim, v: SlotValue) -> frozenset[str]:
    """The roots of the verbs and nouns a value belongs to ("membayar denda [N]": bayar, denda)."""
    from factcheck.scoring import predicates

    return predicates(c, v)  # type: ignore[arg-type]  # only .start/.end are read


def _same_unit(
    x: Quantity, y: Quantity, counted: bool, langs: tuple[str, str] = ("", ""),
    nouns: Mapping[Noun, frozenset[Noun]] | None = None, loose: bool = False,
) -> bool:  # fmt: skip
    """Figures that can measure one thing: the same canonical unit, two counted nouns the corpus
    shows to be one noun in two languages ``langs`` (``nouns``: :func:`counted_noun_translations`),
    or (``counted``: the only figures of two sentences in two languages; ``loose``: two fragments of
    one attribute, see :func:`_join_fragments`, where "people" may be "morts") two counted nouns
    ("penonton" / "spectators") of figures at most ``UNKNOWN_NOUNS_RATIO`` apart, which the masked
    cosine then decides, unless (``counted`` only) the corpus shows that either noun is written as
    another in the other language."""
    if x.unit == y.unit:
        return True
    if {x.unit, y.unit} & _canonical_units() and not (loose and _counts(x) and _counts(y)):
        return False
    nx, ny = (x.unit, langs[0]), (y.unit, langs[1])
    known_x = {n for n in (nouns or {}).get(nx, ()) if n[1] == ny[1]}
    known_y = {n for n in (nouns or {}).get(ny, ()) if n[1] == nx[1]}
    if ny in known_x or nx in known_y:
        return True
    # two fragments joined on one figure hold their own figures together already: a language's
    # several words for one thing ("Häftlinge", "Gefangene", "Insassen") do not keep them apart
    return (loose or (counted and not (known_x or known_y))) and ratio(x, y) <= UNKNOWN_NOUNS_RATIO


#: two counted nouns in two languages that the corpus neither pairs nor tells apart measure one thing
#: only with figures at most this many times apart: a report's slips (digits swapped, a tally a day
#: old) stay within it, while "58 penumpang" and "neuf voitures" (passengers, coaches) do not
UNKNOWN_NOUNS_RATIO = 3.0


def counted_noun_translations(claims: Sequence[Claim], min_support: int = 2) -> dict[Noun, frozenset[Noun]]:
    """Counted nouns that name one thing in two languages, learned from the corpus: nouns of
    figures that sources of one event give in two languages with the same value ("616 rumah" and
    "616 houses"), in at least ``min_support`` different events or values. Figures under 10 are left
    out (two of anything coincide too often); a figure of 100 or more that each language gives with
    one noun only ("438 penumpang", "438 passengers", nothing else counted 438) counts twice: such a
    figure seldom coincides."""
    canonical = _canonical_units()
    seen: dict[tuple[str, float], set[Noun]] = defaultdict(set)
    for c in claims:
        if not c.language:
            continue
        for q in c.quantities:
            if q.unit not in canonical and not q.approximate and q.value >= 10:
                seen[(c.event, q.value)].add((q.unit, c.language))
    support: Counter[tuple[Noun, Noun]] = Counter()
    for (_, value), nouns in seen.items():
        per_language = Counter(n[1] for n in nouns)
        for a in nouns:
            for b in nouns:
                if a[1] != b[1]:
                    alone = per_language[a[1]] == per_language[b[1]] == 1
                    support[(a, b)] += 2 if alone and value >= 100 else 1
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

    places = c.places | c.place_keys  # as written and as the corpus names them ("Sekaba" / "pulau sekaba")
    source = _attribution_keys(c)
    keys = (
        k for k in c.entity_keys
        if k not in places and k not in country_keys() and not _place_shaped(k) and k not in source
    )  # fmt: skip
    return frozenset(w for k in keys for w in k.split() if len(w) >= 3)


def _attribution_keys(c: Claim) -> frozenset[str]:
    """Keys of the names that say who reports a fact, not whom it is about: the speaker, and the names
    in an attribution outside the statement ("Kepala Kantor SAR X Y mengatakan kapal mengangkut ...").
    Two sources that quote two officials for one figure still state one attribute."""
    out = {c.speaker_key} if c.speaker_key else set()
    lo, hi = content_span(c)
    if (lo, hi) == (0, len(c.text)):
        return frozenset(out)
    outside = [set(e.key.split()) for e in c.entities if e.end <= lo or e.start >= hi]
    inside = [set(e.key.split()) for e in c.entities if not (e.end <= lo or e.start >= hi)]
    for k in c.entity_keys:
        words = set(k.split())
        if any(o <= words for o in outside) and not any(i <= words for i in inside):
            out.add(k)
    return frozenset(out)


def _fact_names(f: SlotFact, claims: Sequence[Claim]) -> frozenset[str]:
    """:func:`_names` of the fact's claim; a company that is the fact's value is no subject of it."""
    names = _names(claims[f.claim])
    if f.kind in ("org", "person") and isinstance(f.value, EntityMention):
        return names - set(f.value.key.split())
    return names


def _place_shaped(key: str) -> bool:
    """A name that opens or ends with a place head or a compass word of any language names a place
    ("Kawasan Industri X" in a Spanish report, "Java Oriental"), whatever one sentence's cues typed it;
    one with such a word inside names an office or a court ("Dinas Pekerjaan Umum Kota X")."""
    heads, directions = lang.place_words()
    words = key.split()
    return len(words) > 1 and any(w in heads or w in directions for w in (words[0], words[-1]))


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
        fitting = [g for g in groups if _agrees(f.kind, g[0], f, same_zone(claims[g[0].claim], claims[f.claim]))]
        if fitting:
            max(fitting, key=lambda g: len({source_of(claims[m.claim].article) for m in g[1]}))[1].append(f)
        else:
            groups.append((f, [f]))
    return [(head.value, ms) for head, ms in groups]


def _take_agreeing_values(clusters: Sequence[tuple[list[int], float]], j: _Joining) -> list[tuple[list[int], float]]:
    """A sentence with two values of one type ("searching on Monday for those missing since the fire
    early on Saturday") gives an attribute only one of them, and the clustering cannot tell which:
    when the one it took disagrees with what most sources give and the other agrees (and is not kept
    apart from the attribute's facts, :func:`_apart`), the sentence states the other (it then leaves
    any attribute it was in). Larger attributes choose first."""
    facts, claims = j.facts, j.claims
    siblings: dict[int, list[int]] = defaultdict(list)
    for k, f in enumerate(facts):
        siblings[f.claim].append(k)
    order = sorted(range(len(clusters)), key=lambda c: -len(clusters[c][0]))
    out = [list(idx) for idx, _ in clusters]
    taken: set[int] = set()
    for c in order:
        idx = out[c]
        if len(idx) < 3:
            continue
        head = j.head(idx)
        zones = [same_zone(claims[head.claim], claims[facts[k].claim]) for k in idx]
        agreeing = {k for k, zone in zip(idx, zones, strict=True) if _agrees(head.kind, head, facts[k], zone)}
        for pos, k in enumerate(idx):
            if k in agreeing or len(siblings[facts[k].claim]) < 2:
                continue
            rest = [x for x in idx if x != k]
            for s in siblings[facts[k].claim]:
                g = facts[s]
                zone = same_zone(claims[head.claim], claims[g.claim])
                if s in idx or s in taken or not _agrees(g.kind, head, g, zone) or j.apart([s], rest):
                    continue
                idx[pos] = s
                taken.add(s)
                for other in out:
                    if other is not idx and s in other:
                        other.remove(s)
                break
    return [(idx, mean) for idx, (_, mean) in zip(out, clusters, strict=True)]


def _near(x: SlotValue, y: SlotValue, days: int = 3, times: float = 2.0) -> bool:
    """Values close enough to be two sources' accounts of one thing (the main value of two fragments
    of an attribute): dates at most ``days`` apart (clock times as many hours), figures at most
    ``times`` apart. Places are never near: two fragments that name two places are left apart."""
    if isinstance(x, DateMention) and isinstance(y, DateMention):
        if not (x.lo and x.hi and y.lo and y.hi):
            return False
        return (max(x.lo, y.lo) - min(x.hi, y.hi)).days <= days
    if isinstance(x, Quantity) and isinstance(y, Quantity):
        return ratio(x, y) <= times
    if isinstance(x, TimeOfDay) and isinstance(y, TimeOfDay):
        gap = abs(x.minute - y.minute) % 1440
        return min(gap, 1440 - gap) <= 60 * days
    return False


def _far(x: SlotValue, y: SlotValue) -> bool:
    """Two figures, dates or times that are known and not :func:`_near` each other."""
    if isinstance(x, DateMention) and not (x.lo and x.hi and isinstance(y, DateMention) and y.lo and y.hi):
        return False
    return isinstance(x, (DateMention, Quantity, TimeOfDay)) and type(x) is type(y) and not _near(x, y)


@dataclass
class _Joining:
    """What joining attributes after the clustering needs to know about one event's facts of one type."""

    facts: Sequence[SlotFact]
    vectors: np.ndarray
    claims: Sequence[Claim]
    source_of: Callable[[str], str]
    config: AttributeConfig
    lead: frozenset[int] = frozenset()
    nouns: Mapping[Noun, frozenset[Noun]] | None = None

    def __post_init__(self) -> None:
        self.names = [_fact_names(f, self.claims) for f in self.facts]
        self.preds = [_predicates(self.claims[f.claim], f.value) for f in self.facts]
        self.leads = [f.claim in self.lead for f in self.facts]

    def sources(self, idx: Iterable[int]) -> set[str]:
        return {self.source_of(self.claims[self.facts[k].claim].article) for k in idx}

    def cosine(self, xs: Sequence[int], ys: Sequence[int]) -> float:
        return float((self.vectors[list(xs)] @ self.vectors[list(ys)].T).mean())

    def apart(self, xs: Sequence[int], ys: Sequence[int], units: bool = True) -> bool:
        f, c, n = self.facts, self.claims, self.names
        return any(_apart(f[x], f[y], c, n[x], n[y], self.config, self.nouns, units) for x in xs for y in ys)

    def margin(self, xs: Sequence[int], ys: Sequence[int]) -> float | None:
        """Mean of cosine minus the pair's own cut (:func:`_pair_cut`) over the pairs in one language."""
        f, c = self.facts, self.claims
        same = [(x, y) for x in xs for y in ys if c[f[x].claim].language == c[f[y].claim].language]
        margins = [
            float(self.vectors[x] @ self.vectors[y])
            - _pair_cut(c[f[x].claim], c[f[y].claim], self.preds[x], self.preds[y], self.leads[x] and self.leads[y],
                        self.config)
            for x, y in same
        ]  # fmt: skip
        return sum(margins) / len(margins) if margins else None

    def head(self, idx: Sequence[int]) -> SlotFact:
        """The first fact of the value most sources give."""
        groups = _value_groups([self.facts[k] for k in idx], self.claims, self.source_of)
        best = max(groups, key=lambda g: (len({self.source_of(self.claims[m.claim].article) for m in g[1]}), len(g[1])))
        return best[1][0]

    def mean(self, idx: Sequence[int]) -> float:
        sub = self.vectors[idx] @ self.vectors[idx].T
        return float((sub.sum() - len(idx)) / (len(idx) * (len(idx) - 1))) if len(idx) > 1 else 1.0


def _join_fragments(clusters: Sequence[tuple[list[int], float]], j: _Joining) -> list[tuple[list[int], float]]:
    """Join attributes that are one attribute in two fragments (see ``AttributeConfig.fragment_cut``):
    no source in common, each from two sources or more, together from at least ``fragment_cover`` of
    the sources that give a value of this type (or a figure of 10 or more in both, which seldom
    coincides), no two facts kept apart (:func:`_apart`; when their main values are one figure,
    the nouns it counts may differ across languages: "7 pekerja", "7 morts"), their pairs
    in one language above their own cuts on average or their main values near (:func:`_near`), mean
    cosine above the fragment cut. The best pair first, until none is left."""
    config = j.config
    need = config.fragment_cover * len(j.sources(range(len(j.facts))))
    out = [(list(idx), mean) for idx, mean in clusters if idx]
    heads: dict[tuple[int, ...], SlotValue] = {}  # main value per fragment, kept across joins

    def head(x: int) -> SlotValue:
        key = tuple(out[x][0])
        if key not in heads:
            heads[key] = j.head(out[x][0]).value
        return heads[key]

    while True:
        best: tuple[float, int, int] | None = None
        srcs = [j.sources(idx) for idx, _ in out]
        order = sorted((x for x in range(len(out)) if len(srcs[x]) >= 2), key=lambda x: -len(srcs[x]))
        for pos, a in enumerate(order):
            sa = srcs[a]
            for b in order[pos + 1 :]:
                sb = srcs[b]
                if sa & sb:
                    continue
                same = _same_figure(head(a), head(b))
                shared = same if same is not None else _shared_figure(j, out[a][0], out[b][0])
                if len(sa) + len(sb) < need and not (shared and abs(shared) >= 10):
                    continue
                cos = j.cosine(out[a][0], out[b][0])
                cut = config.kin_cut if kin_figures(head(a), head(b)) == "same" else config.fragment_cut
                if cos < cut or (best is not None and cos <= best[0]):
                    continue
                if j.apart(out[a][0], out[b][0], units=same is None):
                    continue
                margin = j.margin(out[a][0], out[b][0])
                if margin is None or margin >= 0 or _near(head(a), head(b)):
                    best = (cos, a, b)
        if best is None:
            return out
        _, a, b = best
        a, b = min(a, b), max(a, b)
        idx = out[a][0] + out[b][0]
        out[a] = (idx, j.mean(idx))
        del out[b]


def _counts(q: Quantity) -> bool:
    """A figure that counts people or things (not a measure such as km, hours or rupiah)."""
    return q.unit in COUNT_UNITS or q.unit not in _canonical_units()


def _same_figure(x: SlotValue, y: SlotValue) -> float | None:
    """The value of two figures that give one value, whatever they count ("1.200 warga", "1,200
    vecinos"), else None."""
    return x.value if isinstance(x, Quantity) and isinstance(y, Quantity) and x.value == y.value else None


def _shared_figure(j: _Joining, xs: Sequence[int], ys: Sequence[int]) -> float | None:
    """The largest figure both fragments give, as a main value or not ("42 orang" in one, "31 orang" and
    "42 orang" in the other: an early count beside the final one), else None."""
    def figures(idx: Sequence[int]) -> set[float]:
        return {v.value for v in (j.facts[k].value for k in idx) if isinstance(v, Quantity)}

    common = figures(xs) & figures(ys)
    return max(common, key=abs) if common else None


def _attach_single(clusters: Sequence[tuple[list[int], float]], j: _Joining) -> list[tuple[list[int], float]]:
    """A fact the clustering left alone joins the attribute it is closest to when that attribute has
    no fact of its source and none kept apart from it (:func:`_apart`). Closest is by the mean cosine
    to the attribute's facts in the fact's own language where it has some (the facts in other
    languages pulled it below the clustering's cut), else to all of them. It joins when its cosines
    to the facts in its language clear their own cuts on average, or when its value agrees with the
    attribute's main value (one more source for it) and that mean cosine is above ``fragment_cut``."""
    out = [(list(idx), mean) for idx, mean in clusters if idx]
    placed = {k for idx, _ in out for k in idx}
    grown: set[int] = set()
    language = [j.claims[f.claim].language for f in j.facts]
    vec = j.vectors.astype(np.float64)
    # per attribute, the sum and count of its vectors, overall and per language (mean cosines from sums)
    total = np.array([vec[idx].sum(axis=0) for idx, _ in out]) if out else np.zeros((0, vec.shape[1]))
    count = np.array([len(idx) for idx, _ in out], dtype=np.float64)
    by_language: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for lang_code in sorted(set(language)):
        sums = np.zeros_like(total)
        ns = np.zeros_like(count)
        for c, (idx, _) in enumerate(out):
            own = [x for x in idx if language[x] == lang_code]
            if own:
                sums[c], ns[c] = vec[own].sum(axis=0), len(own)
        by_language[lang_code] = (sums, ns)
    # per unit of measure (km, m, kg, IDR, s; not counted things), how many attributes give one
    measured = Counter(
        h.value.unit for h in (j.head(idx) for idx, _ in out)
        if isinstance(h.value, Quantity) and not counts_things(h.value.unit)
    )  # fmt: skip
    for k in range(len(j.facts)):
        if k in placed or not out:
            continue
        sums, ns = by_language[language[k]]
        own = sums @ vec[k] / np.maximum(ns, 1.0)
        scores = np.where(ns > 0, own, total @ vec[k] / count)
        for c in np.argsort(-scores, kind="stable"):
            if scores[c] < min(j.config.fragment_cut, j.config.kin_cut):
                break
            idx = out[c][0]
            head, f = j.head(idx), j.facts[k]
            kin = kin_figures(head.value, f.value) is not None  # its figure, or one copying slip away
            if scores[c] < j.config.fragment_cut and not kin:
                continue
            if j.sources([k]) & j.sources(idx) or j.apart([k], idx, units=_same_figure(head.value, f.value) is None):
                continue
            margin = j.margin([k], idx)
            agrees = _agrees(f.kind, head, f, same_zone(j.claims[head.claim], j.claims[f.claim]))
            if kin or agrees or (margin is not None and margin >= 0) or _sole_measure(head.value, f.value, measured):
                idx.append(k)
                grown.add(int(c))
                total[c] += vec[k]
                count[c] += 1
                sums[c] += vec[k]
                ns[c] += 1
            break
    return [(idx, j.mean(idx) if c in grown else mean) for c, (idx, mean) in enumerate(out)]


def _sole_measure(head: SlotValue, value: SlotValue, measured: Counter[str]) -> bool:
    """A figure in the one unit of measure that only this attribute of the event gives, of about its
    size ("Jembatan sepanjang 68 meter itu ..." where the only length in metres is the bridge's 86 m):
    one more source for that attribute, whatever the rest of its sentence says."""
    return (
        isinstance(head, Quantity)
        and isinstance(value, Quantity)
        and head.unit == value.unit
        and measured[head.unit] == 1
        and ratio(head, value) <= SOLE_MEASURE_RATIO
    )


#: a figure joins the one attribute of its unit of measure when the two are at most this many times apart
SOLE_MEASURE_RATIO = 2.0


def align_facts(
    claims: Sequence[Claim],
    vectors: Mapping[str, np.ndarray],
    facts: Sequence[SlotFact],
    source_of: Callable[[str], str],
    config: AttributeConfig = AttributeConfig(),
) -> list[Fact]:
    """Facts (attributes with their values) of every event. ``vectors``: per masked text of the
    slot facts (:attr:`SlotFact.masked`, and :attr:`SlotFact.focus`), its L2-normalised embedding."""
    by_key: dict[tuple[str, str], list[SlotFact]] = defaultdict(list)
    for f in facts:
        by_key[(claims[f.claim].event, f.kind)].append(f)
    found: list[Fact] = []
    counters: Counter[str] = Counter()
    lead = lead_claims(claims, config.lead_sentences) - looking_back(facts)
    nouns = counted_noun_translations(claims)
    for (event, kind), group in sorted(by_key.items()):
        if len({source_of(claims[f.claim].article) for f in group}) < 2:
            continue
        mat = np.vstack([fact_vector(f, vectors) for f in group])
        # a lead states the event's own date, place or figure; who said or did something in it is
        # no more the same statement than anywhere else
        first = frozenset() if kind in ("attribution", "person") else lead
        clusters = _attribute_groups(group, mat, claims, config, first, nouns)
        joining = _Joining(group, mat, claims, source_of, config, first, nouns)
        clusters = _take_agreeing_values(clusters, joining)
        # fragments again once lone facts joined them (a copy's pair of facts counts as one source)
        clusters = _join_fragments(_attach_single(_join_fragments(clusters, joining), joining), joining)
        for idx, mean in clusters:
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
    reported after the outcome's date (a figure: after the outcome was first reported); two plans
    that announce different values disagree, unless one was announced after the other's day had
    passed (:func:`rescheduled`). A count reported a week or more after a lower one is the
    later tally (:func:`later_tally`)."""
    only_g, only_h = set(g.sources) - set(h.sources), set(h.sources) - set(g.sources)
    if not (only_g and only_h) or len(set(g.sources) & set(h.sources)) > min(len(only_g), len(only_h)):
        return False
    if g.planned != h.planned:
        plan, fact = (g, h) if g.planned else (h, g)
        return plan_reported_late(plan, fact)
    if g.planned and (rescheduled(g, h) or rescheduled(h, g)):
        return False
    if stated_beside(g, h) or stated_beside(h, g):
        return False
    return not (later_tally(g, h) or later_tally(h, g) or changed_value(g, h) or changed_value(h, g))


def stated_beside(g: ValueGroup, h: ValueGroup) -> bool:
    """Every source of ``h`` also gives ``g``'s figure, in the same sentence, as another figure of the
    unit ("53,8 persen ..., sedangkan Laras 46,2 persen" against "53.8 percent ... to 46.2 percent"): the
    two figures are two attributes of one sentence (two candidates' shares) the alignment mixed, and the
    sources agree on both."""
    if g.figure is None or not h.beside or len(h.beside) != len(h.sources):
        return False
    return all(any(lo * 0.99 <= g.figure <= hi * 1.01 for lo, hi in ranges) for ranges in h.beside)


def changed_value(new: ValueGroup, old: ValueGroup) -> bool:
    """A figure every source of which gives as risen to a higher value than ``old`` ("total komitmen
    investasi bertambah menjadi US$5,1 miliar" against US$4,2 miliar), or fallen to a lower one: the
    figure as it changed, not a rival of the one before."""
    if new.figure is None or old.figure is None:
        return False
    return (new.change == "up" and new.figure > old.figure) or (new.change == "down" and new.figure < old.figure)


def rescheduled(new: ValueGroup, old: ValueGroup) -> bool:
    """A planned date announced on a page written after the day another plan gave had passed: the
    plan as it was moved, not a rival announcement."""
    return new.published is not None and old.until is not None and new.published > old.until


def plan_reported_late(plan: ValueGroup, fact: ValueGroup) -> bool:
    """A planned date still reported as upcoming after the day the event is reported to have taken place;
    a planned figure ("akan memberikan santunan Rp 150 juta") still reported after another was reported
    as settled ("ditetapkan sebesar Rp 250 juta"): a budget announced before the outcome is no conflict."""
    if plan.published is None:
        return False
    last = fact.until if fact.until is not None else fact.reported
    return last is not None and plan.published > last


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
    reported = [m.published for m in members if not m.planned and m.published]
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
        min(reported) if reported else None,
        max(reported) if reported else None,
        value.value if isinstance(value, Quantity) and counts_things(value.unit) else None,
        max((m.as_of for m in members if m.as_of), default=None),
        value.value if isinstance(value, Quantity) else None,
        members[0].change if all(m.change == members[0].change for m in members) else "",
        tuple(m.beside for m in chosen),
    )


def counts_things(unit: str) -> bool:
    """A figure of people or of counted things ("rumah", "houses"), not a measure (km, s, IDR)."""
    return unit in COUNT_UNITS or unit not in _canonical_units()


def later_tally(new: ValueGroup, old: ValueGroup) -> bool:
    """A count first reported :data:`UPDATE_DAYS` or more after the last report of a lower one, or on
    or after the day the lower one was counted "as of" ("hingga Selasa pukul 19.00, lima pekerja"):
    the tally as it grew (a death toll a day or a month on), not a rival figure. A measure (a share, a
    distance, an amount) taken "as of" a moment ("hingga pukul 22.00 WIB, ... 52,1 persen") and another
    value of it on a page written on or after that day: the measure as it moved, either way."""
    if new.reported is None:
        return False
    if new.count is None and old.count is None and new.figure is not None and old.figure is not None:
        return old.as_of is not None and new.reported >= old.as_of
    if new.count is None or old.count is None or new.count <= old.count:
        return False
    late = old.last is not None and (new.reported - old.last).days >= UPDATE_DAYS
    return late or (old.as_of is not None and new.reported >= old.as_of)


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
