"""Language data as data: ``factcheck/lang/<code>/lang.json`` read by language code.

Each file holds what the slot parsers need to know about one language (months, weekdays, relative
time words, titles, speaker and modality cues, negation, qualifiers, number words, units, place
heads, common country names). Code asks for the data of the languages an article is written in
(:func:`data` merges several, the first language winning on conflicts) and never tests a language
code itself. Stop words come from the maintained ``stop-words`` lists (or a file's own list) plus
the language's time words; country names from ``pycountry`` (English names and their translations) plus the short
forms a file lists ("Jerman", "RRT").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

#: languages used when nothing else is known (an article's front matter, detection or ``--lang``)
DEFAULT: tuple[str, ...] = ("id", "en")


@cache
def available() -> tuple[str, ...]:
    """Codes of the languages that have a data file, sorted."""
    root = resources.files(__name__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "lang.json").is_file()))


@cache
def _raw(code: str) -> dict[str, Any]:
    if code not in available():
        return {}
    text = (resources.files(__name__) / code / "lang.json").read_text(encoding="utf-8")
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def _words(values: Iterable[str]) -> tuple[str, ...]:
    """Unique, longest first (so a regex alternation prefers "kurang lebih" over "kurang")."""
    return tuple(sorted(dict.fromkeys(v.lower() for v in values), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first), or a pattern that never matches."""
    ws = _words(words)
    return "|".join(re.escape(w) for w in ws) if ws else r"(?!x)x"


def cue_pattern(words: Iterable[str], tail: str = r"(?![\w-])") -> re.Pattern[str]:
    r"""One of ``words`` as a whole word (case-insensitive), followed by ``tail`` (by default the end
    of the word; ``r"\s*$"``: the cue ends the text searched); never matches without words."""
    return re.compile(rf"(?<![\w-])(?:{alternation(words)}){tail}", re.IGNORECASE)


def as_codes(langs: Sequence[str] | str | None) -> tuple[str, ...]:
    """Language codes as a tuple: a code, a sequence (duplicates dropped), or None for :data:`DEFAULT`."""
    if langs is None:
        return DEFAULT
    return (langs,) if isinstance(langs, str) else tuple(dict.fromkeys(langs))


@cache
def _merged_words(codes: tuple[str, ...], key: str) -> tuple[str, ...]:
    """A word list merged over ``codes``, built once per process (the data files do not change, and
    the scorers ask for the same lists for every pair of claims)."""
    return _words(w for code in codes for w in (_raw(code).get(key) or []))


@cache
def _merged_set(codes: tuple[str, ...], key: str) -> frozenset[str]:
    return frozenset(_merged_words(codes, key))


@dataclass(frozen=True)
class LangData:
    """The merged data of one or more languages (``codes``, most likely first)."""

    codes: tuple[str, ...]

    def _dicts(self, key: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for code in reversed(self.codes):  # the first language wins
            out.update({k.lower(): v for k, v in (_raw(code).get(key) or {}).items()})
        return out

    def _lists(self, key: str) -> tuple[str, ...]:
        return _merged_words(self.codes, key)

    def first(self, key: str, default: Any = None) -> Any:
        """The first language's value of a scalar setting ("decimal", "text2num")."""
        for code in self.codes:
            if key in _raw(code):
                return _raw(code)[key]
        return default

    def values(self, key: str) -> list[Any]:
        """One value per language that sets ``key`` (e.g. each language's "text2num" code)."""
        return [_raw(c)[key] for c in self.codes if key in _raw(c)]

    @cached_property
    def months(self) -> dict[str, int]:
        return {k: int(v) for k, v in self._dicts("months").items()}

    @cached_property
    def directions(self) -> dict[str, str]:
        """Compass words in place names ("timur", "east", "oriental") -> "N", "E", "SE", "C" ..."""
        return {k: str(v) for k, v in self._dicts("directions").items()}

    @cached_property
    def place_levels(self) -> dict[str, int]:
        """Words naming a kind of administrative area -> its level: 1 village, 2 district, 3 regency
        or city, 4 province ("desa", "regency", "provincia")."""
        return {k: int(v) for k, v in self._dicts("place_levels").items()}

    @cached_property
    def weekdays(self) -> dict[str, int]:
        return {k.replace("’", "'"): int(v) for k, v in self._dicts("weekdays").items()}

    @cached_property
    def relative(self) -> dict[str, dict[str, Any]]:
        """Relative-time words: units, offsets, day words, spans; merged over the languages."""
        parts = (
            "units", "offsets", "days", "spans", "few", "day_unit", "counted_units", "counted_before", "counted_after"
        )
        out: dict[str, dict[str, Any]] = {part: {} for part in parts}
        for code in reversed(self.codes):
            rel = _raw(code).get("relative") or {}
            for part in parts:
                values = rel.get(part) or {}
                if isinstance(values, list):
                    values = dict.fromkeys(values, 1)
                out[part].update({k.lower(): v for k, v in values.items()})
        return out

    @cached_property
    def times_of_day(self) -> dict[str, tuple[int, int]]:
        return {k: (int(v[0]), int(v[1])) for k, v in self._dicts("times_of_day").items()}

    @cached_property
    def timezones(self) -> dict[str, int]:
        return {k: int(v) for k, v in self._dicts("timezones").items()}

    @cached_property
    def qualifiers(self) -> dict[str, tuple[float, float, bool]]:
        """Qualifier -> (low factor, high factor, approximate?)."""
        return {k: (float(v[0]), float(v[1]), bool(v[2])) for k, v in self._dicts("qualifiers").items()}

    @cached_property
    def multipliers(self) -> dict[str, float]:
        return {k: float(v) for k, v in self._dicts("multipliers").items()}

    @cached_property
    def units(self) -> dict[str, tuple[str, float]]:
        return {k: (str(v[0]), float(v[1])) for k, v in self._dicts("units").items()}

    @cached_property
    def compound_units(self) -> dict[str, tuple[str, float]]:
        return {k: (str(v[0]), float(v[1])) for k, v in self._dicts("compound_units").items()}

    @cached_property
    def currency_prefixes(self) -> dict[str, str]:
        return {k: str(v) for k, v in self._dicts("currency_prefixes").items()}

    @cached_property
    def number_words(self) -> dict[str, Any]:
        """Number words the language's own parser reads (Indonesian): units, scales, teens."""
        out: dict[str, Any] = {"units": {}, "scales": {}, "teens": []}
        for code in reversed(self.codes):
            nw = _raw(code).get("number_words") or {}
            out["units"].update(nw.get("units") or {})
            out["scales"].update(nw.get("scales") or {})
            out["teens"] = sorted({*out["teens"], *(nw.get("teens") or [])})
        return out

    @cached_property
    def modality(self) -> dict[str, tuple[str, ...]]:
        kinds: dict[str, list[str]] = {}
        for code in self.codes:
            for kind, cues in (_raw(code).get("modality") or {}).items():
                kinds.setdefault(kind, []).extend(cues)
        return {k: _words(v) for k, v in kinds.items()}

    def words(self, key: str) -> tuple[str, ...]:
        """A word list merged over the languages, longest first ("titles", "negation", "place_cues"...)."""
        return self._lists(key)

    def word_set(self, key: str) -> frozenset[str]:
        return _merged_set(self.codes, key)

    @cached_property
    def month_names(self) -> tuple[str, ...]:
        names = self.first("month_names")
        return tuple(names) if names else tuple(str(m) for m in range(1, 13))

    @cached_property
    def weekday_names(self) -> tuple[str, ...]:
        names = self.first("weekday_names")
        return tuple(names) if names else ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

    @cached_property
    def time_words(self) -> frozenset[str]:
        """Month and weekday names and relative-time words: never part of a name, never content."""
        rel = self.relative
        words = {*self.months, *self.weekdays, *rel["units"], *rel["offsets"], *rel["days"]}
        return frozenset(w for phrase in words for w in phrase.split())

    @cached_property
    def stop_words(self) -> frozenset[str]:
        """Function words and the time words. A data file's own "stop_words" list wins; otherwise the
        maintained ``stop-words`` package's list (``stopwordsiso``'s lists name content words such as
        "tiba", "panjang", "information", so they are not used)."""
        out: set[str] = set()
        for code in self.codes:
            own = _raw(code).get("stop_words")
            out |= {w.lower() for w in own} if own else _package_stop_words(code)
            out |= {w.lower() for w in _raw(code).get("stop_words_extra") or []}
        return frozenset(out | self.time_words)

    @cached_property
    def countries(self) -> Countries:
        return _countries(self.codes)


@cache
def _package_stop_words(code: str) -> set[str]:
    from stop_words import StopWordError, get_stop_words

    try:
        return {w.lower() for w in get_stop_words(code)}
    except StopWordError:
        return set()


def data(codes: Sequence[str] | str | None = None) -> LangData:
    """The merged data of ``codes`` (a code, a sequence, or None for :data:`DEFAULT`)."""
    return _data(as_codes(codes))


@cache
def _data(codes: tuple[str, ...]) -> LangData:
    return LangData(codes)


@cache
def place_words() -> tuple[frozenset[str], dict[str, str]]:
    """Every language's place heads, broad ones included ("kawasan", "estate", "zone"), and compass
    words ("timur", "east", "oriental" -> "E"): the words that mark a name as a place's in any language."""
    d = data(available())
    return d.word_set("place_heads") | d.word_set("broad_place_heads"), d.directions


def fold(name: str) -> str:
    """Name key normalisation: 'Rani Wira-Dana' -> 'rani wira dana', 'EE.UU.' -> 'ee uu'."""
    return " ".join(re.sub(r"[-‐–’'`.]", " ", name).lower().split())


@dataclass(frozen=True)
class Countries:
    """Country names of some languages -> one canonical key per country (its English short name)."""

    exact: dict[str, str]  # acronyms, matched as written ("AS", "US", "DPRK")
    folded: dict[str, str]  # other names, matched after :func:`fold`
    keys: frozenset[str]  # every canonical key
    _demonyms: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # memo

    def key(self, name: str) -> str | None:
        """The canonical key of a country name, or None when ``name`` names no known country."""
        stripped = name.strip()
        if stripped in self.exact:
            return self.exact[stripped]
        folded = fold(stripped)
        return self.folded.get(folded) or (self.demonym(folded) if " " not in folded else None)

    def demonym(self, word: str) -> str | None:
        """The country of a one-word demonym ("indonesian", "chinese", "israeli", "indonesio",
        "russisch"): an ending stripped and a country name's ending put back, the stem at least four
        letters long. None when no country name comes out."""
        if word in self._demonyms:
            return self._demonyms[word]
        self._demonyms[word] = found = self._find_demonym(word)
        return found

    def _find_demonym(self, word: str) -> str | None:
        for suffix in _DEMONYM_SUFFIXES:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 4:
                continue
            for end in _COUNTRY_ENDINGS:
                hit = self.folded.get(stem + end)
                if hit:
                    return hit
        return None


#: endings of demonyms and of the country names they come from (en, es/pt/it, de, fr, id)
# ... and "s", a German genitive ("Indonesiens", "Deutschlands")
_DEMONYM_SUFFIXES = ("ians", "ian", "ans", "an", "ns", "n", "ese", "i", "ish", "ische", "isch", "ienne", "ien",
                     "os", "as", "o", "a", "s")
_COUNTRY_ENDINGS = ("", "a", "e", "ia", "ie", "ien", "land", "ey", "and", "o", "an")


@cache
def _canonical_names() -> dict[str, str]:
    """ISO alpha-2 code -> canonical key (pycountry's English common or short name, folded)."""
    import pycountry

    out = {c.alpha_2: fold(getattr(c, "common_name", None) or c.name) for c in pycountry.countries}
    for c in pycountry.historic_countries:
        alpha2 = getattr(c, "alpha_2", None)
        if alpha2 and alpha2 not in out:
            out[alpha2] = fold(c.name)
    return out


@cache
def _translations(code: str) -> dict[str, str]:
    """pycountry names translated into ``code`` -> ISO alpha-2 (empty when no translation exists)."""
    import gettext

    import pycountry

    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        return {}
    return {tr.gettext(c.name): c.alpha_2 for c in pycountry.countries}


@cache
def _countries(codes: tuple[str, ...]) -> Countries:
    import pycountry

    canon = dict(_canonical_names())
    names: dict[str, str] = {}  # written name -> alpha-2
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.setdefault(value, c.alpha_2)
    # English acronyms ("DPRK", "UK") are used in news of every language; matched as written
    names.update({k: v for k, v in (_raw("en").get("countries") or {}).items() if k.replace(".", "").isupper()})
    for code in reversed(codes):
        names.update({k: v for k, v in _translations(code).items() if "," not in k})
        listed = _raw(code).get("countries") or {}
        names.update(listed)
    named: set[str] = set()
    for alias, alpha2 in (_raw("en").get("countries") or {}).items():  # the everyday English name
        if alpha2 not in named and not alias.isupper():
            canon[alpha2] = fold(alias)
            named.add(alpha2)
    for code in codes:  # a code neither pycountry nor English lists is named by its first alias
        for alias, alpha2 in (_raw(code).get("countries") or {}).items():
            canon.setdefault(alpha2, fold(alias))
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for name, alpha2 in names.items():
        key = canon.get(alpha2)
        if key is None:
            continue
        letters = re.sub(r"[^A-Za-z]", "", name)
        if letters.isupper() and len(letters) <= 5:
            exact[name] = key
            exact[name.rstrip(".")] = key
        else:
            folded[fold(name)] = key
    return Countries(exact, folded, frozenset(canon.values()))


def _sastrawi() -> Callable[[str], str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stem: Callable[[str], str] = StemmerFactory().create_stemmer().stem
    return stem


#: stemmer name (a language file's "stemmer") -> factory
STEMMERS: dict[str, Callable[[], Callable[[str], str]]] = {"sastrawi": _sastrawi}


@cache
def _stemmer(name: str) -> Callable[[str], str]:
    return STEMMERS[name]()


@cache
def root(word: str, codes: tuple[str, ...] = DEFAULT) -> str:
    """``word`` reduced to its root by the first stemmer of ``codes`` that changes it ("pertemuan" -> "temu")."""
    for name in data(codes).values("stemmer"):
        found = _stemmer(name)(word)
        if found and found != word:
            return found
    return word


#: word or root -> the root of its synonym group, from the user lexicon in force
#: (:func:`factcheck.lexicon.use` sets it; empty by default)
synonyms: dict[str, str] = {}


def stem(word: str, codes: tuple[str, ...] = DEFAULT) -> str:
    """:func:`root`, then the user lexicon's synonym groups ("menghukum" -> "vonis" when a group
    holds "memvonis" and "menghukum"; without a lexicon the root itself)."""
    r = root(word, codes)
    return synonyms.get(word, synonyms.get(r, r)) if synonyms else r
