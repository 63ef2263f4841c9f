"""Quantities in news text: "683 mil", "37 mil per jam", "hampir 5 juta peluru", "a nine-day trip".

A quantity is a value (digits in the language's notation, or number words: Indonesian ones read
here, those of en, es, de, fr, it, pt, nl and da by ``text2num``), an optional multiplier (ribu,
million, Millionen), a unit (canonicalised, with conversion for lengths and speeds) or the counted
noun, and a qualifier (hampir, sekitar, more than, casi, etwa...). Each becomes an interval so that
"hampir 5 juta" and "4,9 juta" agree while "350 km/jam" and "300 km/jam" do not. All the words
come from :mod:`factcheck.lang`. A page timestamp ("27 menit yang lalu", "2 hours ago", "vor 2
Stunden") is a point in time, not a duration, and is not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from factcheck import lang


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts or measures, as an interval in a canonical unit."""

    text: str
    start: int
    end: int
    value: float  # in the canonical unit, multiplier applied
    unit: str  # canonical unit ("km", "km/h", "USD") or the counted noun ("peluru", "stasiun")
    qualifier: str | None
    lo: float
    hi: float
    approximate: bool = False  # an estimate ("sekitar", "about") or a range
    elliptic: bool = False  # its noun left out ("27 lainnya", "and 27 were injured"): the count's before it

    def agrees(self, other: Quantity) -> bool:
        return self.unit == other.unit and self.lo <= other.hi * 1.01 and other.lo <= self.hi * 1.01

    def conflicts(self, other: Quantity) -> bool:
        return self.unit == other.unit and not self.agrees(other)


_codes = lang.as_codes


def parse_number_words(text: str, langs: Sequence[str] | str | None = None) -> float | None:
    """'dua' -> 2, 'tiga ratus lima puluh' -> 350, 'dua belas' -> 12; 'twenty one' -> 21 (text2num)."""
    d = lang.data(_codes(langs))
    nw = d.number_words
    units, scales, teens = nw["units"], nw["scales"], set(nw["teens"])
    total = 0.0
    current: float | None = None
    words = text.lower().split()
    ok = bool(words) and bool(units)
    for word in words:
        if word in units:
            if current is not None:
                total += current
            current = float(units[word])
        elif word in scales and current is not None:
            current = current + scales[word] if word in teens else current * scales[word]
        else:
            ok = False
            break
    if ok and current is not None:
        return total + current
    return _text2num(text, tuple(d.values("text2num")))


def _text2num(text: str, t2n_codes: tuple[str, ...]) -> float | None:
    from text_to_num import text2num

    for code in t2n_codes:
        try:
            return float(text2num(text.lower(), code))
        except (ValueError, KeyError, IndexError):
            continue
    return None


#: spaces that group thousands where the language writes "1 200" (French, Polish): plain, no-break, narrow no-break
_SPACES = " \u00a0\u202f"


def _thousands_class(decimal: str, thousands: str | None) -> str:
    """The regex class of the characters that group thousands (the language's, else the one that is not its decimal
    mark; a language grouping with a space also takes a point, as its print often does: "1.200")."""
    marks = thousands if thousands is not None else ("." if decimal == "," else ",")
    if marks.strip() == "":
        marks = _SPACES + ("." if decimal == "," else ",")
    return "[" + re.escape(marks) + "]"


def parse_digits(text: str, decimal: str = ",", thousands: str | None = None) -> float:
    """Digits in the language's notation. With a decimal comma (Indonesian): '1.200' -> 1200,
    '7,3' -> 7.3, '1.200,5' -> 1200.5, '2.5' -> 2.5; with a decimal point: '1,200' -> 1200, '7.3' -> 7.3;
    grouped with spaces (``thousands=" "``, French): '1 200' -> 1200."""
    th = _thousands_class(decimal, thousands)
    if re.fullmatch(rf"\d{{1,3}}(?:{th}\d{{3}})+(?:{re.escape(decimal)}\d+)?", text):
        return float(re.sub(th, "", text).replace(decimal, "."))
    return float(text.replace(",", "."))


@dataclass(frozen=True)
class _Grammar:
    data: lang.LangData
    decimal: str
    thousands: str | None
    digits: re.Pattern[str]
    words: re.Pattern[str] | None
    head: re.Pattern[str]
    tail: re.Pattern[str]
    range_: re.Pattern[str]
    compound: re.Pattern[str] | None
    ago_after: re.Pattern[str]
    ago_before: re.Pattern[str]
    stop: frozenset[str]
    capital_nouns: bool
    count_lead: re.Pattern[str] | None  # "the death toll rose to": a bare number after it counts people
    difference: re.Pattern[str] | None  # "lebih cepat dari", "ahead of": the figure before it is a difference
    others: frozenset[str]  # "lainnya", "others": a number next to one counts what the count before it counts
    after_joiner: re.Pattern[str]  # text that ends with "and" (``list_joiners``)


@cache
def _grammar(codes: tuple[str, ...]) -> _Grammar:
    d = lang.data(codes)
    decimal = str(d.first("decimal", "."))
    thousands = d.first("thousands")
    th = _thousands_class(decimal, thousands)
    dec = re.escape(decimal)
    digits_s = rf"\d{{1,3}}(?:{th}\d{{3}})+(?:{dec}\d+)?|\d+(?:[.,]\d+)?"
    nw = d.number_words
    words: re.Pattern[str] | None = None
    if nw["units"]:
        num = lang.alternation(w for w in nw["units"] if len(w) > 2)
        scale = lang.alternation(nw["scales"])
        words = re.compile(
            rf"(?<![\w-])(?:{num})(?:\s+(?:{scale}))?(?:\s+(?:{num})(?:\s+(?:{scale}))?)*(?![\w-])", re.IGNORECASE
        )
    qual = lang.alternation(d.qualifiers)
    cur = lang.alternation(d.currency_prefixes)
    unit = lang.alternation(u for u in d.units if u not in d.currency_prefixes)
    mult = lang.alternation(d.multipliers)
    joiners = lang.alternation(d.words("unit_joiners"))
    head = re.compile(rf"(?:\b(?P<qual>{qual})\s+)?(?P<cur>{cur})?\s?$", re.IGNORECASE)
    tail = re.compile(
        rf"(?:\s+(?P<mult>{mult})(?!\w))?(?:(?:\s*|-|\s+(?:{joiners})\s+)(?P<unit>{unit})(?![\w/]))?"
        rf"(?:\s+(?:(?:{joiners})\s+)?(?P<noun>[^\W\d_][\w-]{{2,}}))?",
        re.IGNORECASE,
    )
    range_ = re.compile(
        rf"(?:\b(?:{lang.alternation(d.words('range_leads'))})\s+)?(?P<lo>{digits_s})\s*"
        rf"(?:{lang.alternation(d.words('range_words'))})\s*(?P<hi>{digits_s})"
        rf"(?:\s+(?P<mult>{mult})\b)?\s*(?P<unit>{unit})(?![\w/])",
        re.IGNORECASE,
    )
    compound = None
    if d.compound_units:
        compound = re.compile(
            rf"\b(?P<num>\d+-?|[^\W\d_]+?)(?P<cu>{lang.alternation(d.compound_units)})\w*", re.IGNORECASE
        )
    ago_after = re.compile(rf"^\s*(?:{lang.alternation(d.words('ago_after'))})\b", re.IGNORECASE)
    ago_before = re.compile(rf"\b(?:{lang.alternation(d.words('ago_before'))})\s+$", re.IGNORECASE)
    # a figure starts after a non-word character, or right after a currency sign ("Rp12,4 miliar")
    glued = "".join(f"|(?<=(?i:{re.escape(p)}))" for p in sorted(d.currency_prefixes) if p.isalpha())
    stop = d.stop_words | d.word_set("count_stop") | frozenset(d.multipliers) | d.word_set("negation")
    capital = any(bool(v) for v in d.values("nouns_capitalised"))
    return _Grammar(
        d,
        decimal,
        thousands,
        re.compile(rf"(?:(?<![\w.,]){glued})(?:{digits_s})"),
        words,
        head,
        tail,
        range_,
        compound,
        ago_after,
        ago_before,
        stop,
        capital,
        re.compile(rf"(?:{'|'.join(leads)})\s*$", re.IGNORECASE) if (leads := d.words("count_leads")) else None,
        re.compile(rf"\s+(?:{'|'.join(diff)})(?!\w)", re.IGNORECASE) if (diff := d.words("difference_after")) else None,
        d.word_set("other_nouns"),
        re.compile(rf"(?:^|\W)(?:{lang.alternation(d.words('list_joiners'))})\s+$", re.IGNORECASE),
    )


def _t2n_spans(text: str, g: _Grammar) -> list[tuple[int, int, float]]:
    """Number words that ``text2num`` reads, as (start, end, value), longest first."""
    codes = tuple(g.data.values("text2num"))
    if not codes:
        return []
    from text_to_num import alpha2digit

    spaced = text.replace("-", " ")
    if all(alpha2digit(spaced, c, threshold=0) == spaced for c in codes):
        return []
    tokens = list(re.finditer(r"[^\W\d_]+", text))
    out: list[tuple[int, int, float]] = []
    i = 0
    while i < len(tokens):
        best: tuple[int, float] | None = None
        for j in range(min(len(tokens), i + 6) - 1, i - 1, -1):
            gaps = [text[tokens[k].end() : tokens[k + 1].start()] for k in range(i, j)]
            if any(gap not in (" ", "-") for gap in gaps):
                continue
            value = _text2num(" ".join(t.group(0) for t in tokens[i : j + 1]), codes)
            if value is not None:
                best = (j, value)
                break
        if best is None:
            i += 1
            continue
        j, value = best
        words = {t.group(0).lower() for t in tokens[i : j + 1]}
        after_number = bool(re.search(r"\d\s*$", text[: tokens[i].start()]))
        if not (after_number or words <= set(g.data.multipliers)):  # "2,5 Millionen": a multiplier
            out.append((tokens[i].start(), tokens[j].end(), value))
        i = j + 1
    return out


def _candidates(text: str, g: _Grammar) -> list[tuple[int, int, float, bool]]:
    """(start, end, value, written in words) of every number in ``text``."""
    out: list[tuple[int, int, float, bool]] = []
    for m in g.digits.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()].strip()[-1:]
        after = text[m.end() : m.end() + 2]
        tail = g.tail.match(text, m.end())
        if before in ("-", "/", "№", "#") or (re.match(r"[-/]\w", after) and not (tail and tail.group("unit"))):
            continue  # KN-25, 24/7, № 11302: codes, not quantities
        out.append((m.start(), m.end(), parse_digits(m.group(0), g.decimal, g.thousands), False))
    if g.words is not None:
        for m in g.words.finditer(text):
            value = parse_number_words(m.group(0), g.data.codes)
            if value is not None:
                out.append((m.start(), m.end(), value, True))
    taken = [(s, e) for s, e, _, _ in out]
    out += [(s, e, v, True) for s, e, v in _t2n_spans(text, g) if not any(s < te and ts < e for ts, te in taken)]
    return sorted(out)


def _is_timestamp(text: str, start: int, end: int, unit: str | None, g: _Grammar) -> bool:
    """ "27 menit yang lalu", "2 hours ago", "vor 2 Stunden": a point in time, not a duration."""
    if unit not in ("s", "month", "year"):
        return False
    return bool(g.ago_after.match(text[end:]) or g.ago_before.search(text[max(0, start - 20) : start]))


def rounding_step(written: float) -> float:
    """The unit a figure is rounded to, as written, in its finer reading: 40 -> 10, 1200 -> 100,
    150 -> 10, 312 -> 1, 7.3 -> 0.1, and 45 -> 5 (a figure of two digits or more ending in 5 is rounded
    to a half)."""
    if written <= 0:
        return 1.0
    if written != int(written):
        decimals = len(f"{written:.3f}".rstrip("0").split(".")[1])
        return float(10.0**-decimals)
    n, step = int(written), 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return 5.0 if step == 1 and n % 10 == 5 and n >= 10 else float(step)


#: an approximate round figure ("sekitar 40 menit") covers this share of its rounding step either side:
#: "about 40" and "about 45" minutes can both be true, "about two" and "about three" hours cannot
ROUNDING_SHARE = 0.45


def _make(
    text: str,
    start: int,
    end: int,
    value: float,
    unit: str,
    qual: str | None,
    g: _Grammar,
    approximate: bool = False,
    step: float = 0.0,
) -> Quantity:
    """A quantity of ``value`` (in the canonical unit); ``step``: the rounding unit of the figure as
    written, in that unit, which widens a figure given as an estimate both ways ("sekitar", "about")."""
    lo_f, hi_f, approx = g.data.qualifiers.get(qual, (1.0, 1.0, False)) if qual else (1.0, 1.0, False)
    lo, hi = value * lo_f, value * hi_f
    if approx and lo_f < 1.0 < hi_f:
        lo, hi = min(lo, value - ROUNDING_SHARE * step), max(hi, value + ROUNDING_SHARE * step)
    return Quantity(text[start:end].strip(), start, end, value, unit, qual, lo, hi, approximate or approx)


def _ranges(text: str, g: _Grammar) -> list[Quantity]:
    """'40 hingga 45 menit', '40-45 menit', 'between 40 and 45 minutes': one quantity covering the range."""
    out = []
    for m in g.range_.finditer(text):
        unit, factor = g.data.units[m.group("unit").lower()]
        if _is_timestamp(text, m.start(), m.end(), unit, g):
            continue
        mult = g.data.multipliers[m.group("mult").lower()] if m.group("mult") else 1.0
        lo, hi = (parse_digits(m.group(k), g.decimal, g.thousands) * mult * factor for k in ("lo", "hi"))
        if lo > hi:
            continue
        out.append(Quantity(m.group(0), m.start(), m.end(), (lo + hi) / 2, unit, "range", lo, hi, True))
    return out


def _compounds(text: str, g: _Grammar) -> list[Quantity]:
    """German-style compounds: 'sechstägige Reise', '6-tägige': a number glued to a unit."""
    if g.compound is None:
        return []
    out = []
    for m in g.compound.finditer(text):
        raw = m.group("num").rstrip("-")
        value = float(raw) if raw.isdigit() else parse_number_words(raw, g.data.codes)
        if value is None:
            continue
        unit, factor = g.data.compound_units[m.group("cu").lower()]
        out.append(Quantity(m.group(0), m.start(), m.end(), value * factor, unit, None, value * factor, value * factor))
    return out


_PREVIOUS_WORD = re.compile(r"(?P<word>[^\W\d_][\w'’.-]*)\s$")


def _ends_name(text: str, start: int, g: _Grammar) -> bool:
    """A number written right after a capitalised word that does not open the sentence ("KM Tirta
    Arunika 3", "Apollo 11", "Pasal 3"): the last word of a name or a label, not a count of the
    noun after it."""
    m = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if m is None:
        return False
    word = m.group("word")
    folded = word.lower().rstrip(".")
    if not word[:1].isupper() or folded in g.data.weekdays or folded in g.data.months:
        return False  # "Selasa 12 rumah": a weekday or a month is no name
    before = text[: m.start()].rstrip(" \t\"“‘«„(")
    return bool(before) and before[-1] not in ".!?:;—–-"


def _acronym(word: str, g: _Grammar) -> bool:
    """A counted noun written as an acronym ("12.486 TPS", "3 WNI"): two to five capitals,
    not a time zone ("10 WIB") or a company's legal form ("3 PT")."""
    folded = word.lower()
    return (
        2 <= len(word) <= 5
        and word.isalpha()
        and word.isupper()
        and folded not in g.data.timezones
        and folded not in g.data.word_set("company_forms")
    )


def _elliptic_count(text: str, start: int, noun: str, before: Sequence[Quantity], g: _Grammar) -> str | None:
    """The counted noun of a number that leaves it out because the sentence counted it just before:
    next to a word for "others" ("27 lainnya", "27 others", "otras 58 resultaron heridas"; language
    data ``other_nouns``; a word after it is then no noun of its own) or, right after "and"
    (``list_joiners``), followed by no noun ("Seven people were killed ... and 27 were injured"). The
    noun is that of the sentence's last count before it (people or a counted noun, not a measure such
    as km or rupiah); else None."""
    counts = [q for q in before if q.end <= start and (q.unit == "people" or q.unit not in _measure_units(g))]
    if not counts or _ends_name(text, start, g):
        return None
    folded = noun.lower()
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if folded in g.others or (previous is not None and previous.group("word").lower() in g.others):
        return max(counts, key=lambda q: q.start).unit
    if g.after_joiner.search(text[max(0, start - 12) : start]) and (not folded or folded in g.stop):
        return max(counts, key=lambda q: q.start).unit
    return None


@cache
def _measure_units_of(codes: tuple[str, ...]) -> frozenset[str]:
    d = lang.data(codes)
    return frozenset(u for u, _ in d.units.values()) | frozenset(d.currency_prefixes.values())


def _measure_units(g: _Grammar) -> frozenset[str]:
    """The canonical units of the grammar's languages (km, s, IDR, people ...)."""
    return _measure_units_of(g.data.codes) - {"people"}


def find_quantities(
    text: str, exclude: list[tuple[int, int]] | None = None, langs: Sequence[str] | str | None = None
) -> list[Quantity]:
    """Quantities in ``text`` (in ``langs``, default Indonesian and English); spans in ``exclude``
    (dates, names) are skipped."""
    g = _grammar(_codes(langs))
    out: list[Quantity] = _ranges(text, g) + _compounds(text, g)
    exclude = list(exclude or []) + [(q.start, q.end) for q in out]
    for s, e, value, in_words in _candidates(text, g):
        if any(s < xe and xs < e for xs, xe in exclude):
            continue
        t = g.tail.match(text, e)
        assert t is not None  # every part of the tail is optional
        counted: str | None = None  # the noun of an elliptic count, taken from the count before it
        mult, unit_word, noun = t.group("mult"), (t.group("unit") or "").lower(), t.group("noun") or ""
        if in_words and value == 1 and not unit_word:
            continue  # "satu rudal", "salah satu", "one of": an article, not a count
        h = g.head.search(text, max(0, s - 40), s)
        qual = (h.group("qual") or "").lower() or None if h else None
        cur = (h.group("cur") or "").lower() if h else ""
        step = rounding_step(value)
        if mult:
            step *= g.data.multipliers[mult.lower()]
            value *= g.data.multipliers[mult.lower()]
        end = t.end()
        if unit_word:
            unit, factor = g.data.units[unit_word]
            value *= factor
            step *= factor
            if noun:
                end = t.end("unit")
        elif cur:
            unit = g.data.currency_prefixes[cur]
            if noun:
                end = t.end("mult") if mult else e
        elif (elliptic := _elliptic_count(text, s, noun, out, g)) is not None:
            unit, counted = elliptic, elliptic  # "lima orang tewas dan 27 lainnya terluka", "and 27 were injured"
            end = t.end("noun") if noun.lower() in g.others else e
        elif (
            noun
            and noun.lower() not in g.stop | g.others
            and (noun[0].islower() or g.capital_nouns or _acronym(noun, g))
        ):
            if not in_words and _ends_name(text, s, g):
                continue  # "KM Tirta Arunika 3 terbakar", "Apollo 11 landed": part of a name
            unit = noun.lower()
        elif g.count_lead is not None and g.count_lead.search(text, max(0, s - 80), s):
            unit = "people"  # "the death toll rose to 11", "la cifra de muertos asciende a 11"
        else:
            continue  # a bare number: nothing to compare it with
        if _is_timestamp(text, s, end if not noun or unit_word or cur else t.start("noun"), unit, g):
            continue
        if g.difference is not None and g.difference.match(text, end):
            continue  # "dua jam lebih cepat dari Jakarta", "10 percent higher than": how far apart, no value
        start = h.start() if h and (qual or cur) else s
        q = _make(text, start, end, value, unit, qual, g, step=step)
        out.append(q if counted is None else replace(q, elliptic=True))
    return sorted(out, key=lambda q: q.start)


def format_quantity(q: Quantity) -> str:
    return q.text
