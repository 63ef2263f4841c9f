"""Where an event's places lie relative to each other, as its reports write them.

One report places a bridge collapse "in Indonesia's Central Java province", another "in Brajalangu
Regency", a third "in Desa Klampokan": they name one place at three levels, and none of them is
wrong. Two things tell such places apart from two answers to one question, both read from the
event's own sentences, with no gazetteer:

* **Levels.** A place's administrative level comes from the word that names its kind, before or
  after the name, in any language ("Kabupaten X", "X Regency", "la provincia di X"; language data
  ``place_levels``: 1 village, 2 district, 3 regency or city, 4 province). A place whose kind no
  sentence says has no level.
* **Containment.** "Kecamatan A, Kabupaten B, Jawa Tengah" and "B in Zentraljava" say that A lies in
  B and B in Jawa Tengah (a comma or a word of ``within_cues`` between two place names; a list, "A, B
  dan C", says nothing). A place with no level of its own sits one level above the highest it contains.

Two places agree when one lies in the other (through any chain of such sentences), or when they are
named at different levels and the coarser is a regency, a city or wider; and a province agrees
with any place whose level is unknown. Two places at one level still disagree (two villages, two
regencies), as do two places with no level (two towns, a station and a town).

Levels and containment are gathered per event, so an audit and a ``check`` that loads only some
events see the same tree for each event.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from factcheck import lang
from factcheck.claims import Claim
from factcheck.normalize.entities import EntityMention

#: the level at and above which a place is wide enough to hold places named at another level
WIDE = 3
#: a province or wider agrees with a place whose level no sentence gives
PROVINCE = 4

_EDGE = ",.;:!?()[]{}\"'“”‘’«»"


def _levels() -> dict[str, int]:
    return lang.data(lang.available()).place_levels


@cache
def _within_pattern() -> re.Pattern[str]:
    cues = lang.alternation(lang.data(lang.available()).words("within_cues"))
    return re.compile(rf"^\s*(?:,\s*(?:(?:{cues})\s+)?|(?:{cues})\s+)$", re.IGNORECASE)


@cache
def _possessive() -> re.Pattern[str]:
    """What makes the place before it hold the one after it: "Halmarung's Tidarane regency" (language
    data ``possessive_marks``)."""
    marks = lang.alternation(lang.data(lang.available()).words("possessive_marks"))
    return re.compile(rf"^(?:{marks})\s+$", re.IGNORECASE)


@cache
def _coordinator() -> re.Pattern[str]:
    """What joins the last item of a list: ", dan ", " and ", ", y en " (language data ``list_joiners``)."""
    d = lang.data(lang.available())
    joiners, cues = lang.alternation(d.words("list_joiners")), lang.alternation(d.words("within_cues"))
    return re.compile(rf"^\s*,?\s*(?:{joiners})\s+(?:(?:{cues})\s+)?$", re.IGNORECASE)


def _word(s: str) -> str:
    return s.strip(_EDGE).lower()


def mention_level(e: EntityMention, text: str) -> int | None:
    """The level the sentence gives a place: its kind's word opening or closing the name ("Kabupaten
    Brajalangu", "Brajalangu Regency"), right after it ("Central Java province") or right before it,
    with a connector between ("la provincia di Giava Centrale")."""
    levels = _levels()
    words = e.text.split()
    after = text[e.end :].split(maxsplit=1)
    before = text[: e.start].split()[-2:]
    near = [words[0], words[-1], after[0] if after and text[e.end : e.end + 1] == " " else ""]
    if before:
        near.append(before[-1])
        if len(before) == 2 and _word(before[-1]) in lang.data(lang.available()).word_set("place_of"):
            near.append(before[0])
    for w in near:
        level = levels.get(_word(w))
        if level is not None:
            return level
    return None


def _contained(c: Claim) -> list[tuple[str, str]]:
    """(inner, outer) place keys the sentence nests: "A, B", "A, en B", "A in B", "B's A"; not a list
    "A, B, dan C"."""
    places = sorted((e for e in c.entities if e.kind == "place"), key=lambda e: e.start)
    pattern = _within_pattern()
    out: list[tuple[str, str]] = []
    run: list[tuple[str, str]] = []
    for x, y in itertools.pairwise(places):
        between = c.text[x.end : y.start]
        if _possessive().match(between):
            out.append((y.key, x.key))
            continue
        if pattern.match(between):
            run.append((x.key, y.key))
            continue
        if not _coordinator().match(between):  # "A, B dan C" is a list: its commas nest nothing
            out.extend(run)
        run = []
    out.extend(run)
    return out


@dataclass
class PlaceTree:
    """Per event: each place's level and the places it lies in (keys normalised by :meth:`norm`)."""

    levels: dict[tuple[str, str], int] = field(default_factory=dict)
    within: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    _norms: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def from_claims(cls, claims: Sequence[Claim]) -> PlaceTree:
        tree = cls()
        by_event: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            by_event[c.event or ""].append(c)
        for ev in sorted(by_event):
            tree._add_event(ev, by_event[ev])
        return tree

    def norm(self, event: str, key: str) -> str:
        """One key for one place however its kind is written: its own words, sorted, without words
        naming a kind of place, compass words as one mark ("kabupaten x", "x regency" -> "x";
        "central java", "java central" -> "java C"). Other words stay: "pendopo kabupaten x" is a
        building, not the regency."""
        got = self._norms.get((event, key))
        if got is None:
            heads, directions = lang.place_words()
            levels = _levels()
            words = key.split()
            named = sorted({w for w in words if w not in heads and w not in levels and w not in directions})
            marks = sorted({directions[w] for w in words if w in directions})
            got = " ".join(named + marks) if named else key
            self._norms[(event, key)] = got
        return got

    def _add_event(self, ev: str, claims: Iterable[Claim]) -> None:
        votes: dict[str, Counter[int]] = defaultdict(Counter)
        edges: dict[str, set[str]] = defaultdict(set)
        for c in claims:
            for e in c.entities:
                if e.kind == "place":
                    level = mention_level(e, c.text)
                    if level is not None:
                        votes[self.norm(ev, e.key)][level] += 1
            for inner, outer in _contained(c):
                a, b = self.norm(ev, inner), self.norm(ev, outer)
                if a != b:
                    edges[a].add(b)
        own = {k: max(v, key=lambda lv: (v[lv], lv)) for k, v in sorted(votes.items())}
        # a contained place below its container: a nesting that contradicts the levels is no nesting
        edges = {a: {b for b in bs if not (a in own and b in own and own[a] >= own[b])} for a, bs in edges.items()}
        for a in sorted(edges):
            seen: set[str] = set()
            todo = sorted(edges[a])
            while todo:
                b = todo.pop()
                if b in seen or b == a:
                    continue
                seen.add(b)
                todo.extend(sorted(edges.get(b, ())))
            self.within[(ev, a)] = frozenset(seen)
        levels = dict(own)
        for _ in range(PROVINCE):  # a place with no level sits above the highest place it holds
            for (event, inner), outers in sorted(self.within.items()):
                if event != ev or inner not in levels:
                    continue
                for outer in sorted(outers):
                    if outer not in own:
                        levels[outer] = max(levels.get(outer, 0), min(levels[inner] + 1, PROVINCE))
        self.levels.update({(ev, k): v for k, v in levels.items()})

    def describe(self, event: str, key: str) -> Place:
        """What the event's sentences say about a place: its key, level and the places it lies in."""
        norm = self.norm(event, key)
        return Place(norm, self.levels.get((event, norm)), self.within.get((event, norm), frozenset()))


@dataclass(frozen=True)
class Place:
    """A place as an event's reports place it (see :class:`PlaceTree`)."""

    key: str  # normalised: "brajalangu" for "Kabupaten Brajalangu" and "Brajalangu Regency"
    level: int | None = None  # 1 village, 2 district, 3 regency or city, 4 province; None: unknown
    within: frozenset[str] = frozenset()  # keys of the places it lies in, through any chain

    def nested(self, other: Place) -> bool:
        """One place lies in the other (or both are one)."""
        return self.key == other.key or other.key in self.within or self.key in other.within

    def agrees(self, other: Place) -> bool:
        """Two places that do not answer one question differently: nested, or named at different
        levels with the coarser a regency or wider, or a province against a place of unknown level."""
        if self.nested(other):
            return True
        if self.level is not None and other.level is not None:
            return self.level != other.level and max(self.level, other.level) >= WIDE
        known = self.level if other.level is None else other.level
        return known is not None and known >= PROVINCE
