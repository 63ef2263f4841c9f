"""Quantities in Indonesian news text: "683 mil", "37 mil per jam", "hampir 5 juta peluru".

A quantity is a value (digits in Indonesian notation or number words), an optional multiplier
(ribu, juta, miliar), a unit (canonicalised, with conversion for lengths and speeds) and a
qualifier (hampir, sekitar, lebih dari, hingga...). Each becomes an interval so that "hampir 5 juta"
and "4,9 juta" agree while "350 km/jam" and "300 km/jam" do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS_WORDS = {
    "nol": 0,
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
    "setengah": 0.5,
}
SCALE_WORDS = {"belas": 10, "puluh": 10, "ratus": 100}
MULTIPLIERS = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}
#: unit word -> (canonical unit, factor to the canonical unit)
UNITS: dict[str, tuple[str, float]] = {
    "km": ("km", 1.0),
    "kilometer": ("km", 1.0),
    "kilo meter": ("km", 1.0),
    "mil": ("km", 1.609344),
    "mile": ("km", 1.609344),
    "miles": ("km", 1.609344),
    "meter": ("m", 1.0),
    "m": ("m", 1.0),
    "cm": ("mm", 10.0),
    "sentimeter": ("mm", 10.0),
    "mm": ("mm", 1.0),
    "milimeter": ("mm", 1.0),
    "millimeter": ("mm", 1.0),
    "km/jam": ("km/h", 1.0),
    "km per jam": ("km/h", 1.0),
    "kilometer per jam": ("km/h", 1.0),
    "mil per jam": ("km/h", 1.609344),
    "mph": ("km/h", 1.609344),
    "km/h": ("km/h", 1.0),
    "persen": ("%", 1.0),
    "%": ("%", 1.0),
    "detik": ("s", 1.0),
    "menit": ("s", 60.0),
    "jam": ("s", 3600.0),
    "hari": ("s", 86400.0),
    "pekan": ("s", 604800.0),
    "minggu": ("s", 604800.0),
    "bulan": ("month", 1.0),
    "tahun": ("year", 1.0),
    "ton": ("kg", 1000.0),
    "kg": ("kg", 1.0),
    "kilogram": ("kg", 1.0),
    "us$": ("USD", 1.0),
    "usd": ("USD", 1.0),
    "dolar": ("USD", 1.0),
    "dollar": ("USD", 1.0),
    "$": ("USD", 1.0),
    "rp": ("IDR", 1.0),
    "rupiah": ("IDR", 1.0),
    "yuan": ("CNY", 1.0),
}
#: qualifier word -> how it widens the value into an interval (low factor, high factor)
QUALIFIERS: dict[str, tuple[float, float]] = {
    "hampir": (0.85, 1.0),
    "nyaris": (0.85, 1.0),
    "almost": (0.85, 1.0),
    "nearly": (0.85, 1.0),
    "sekitar": (0.96, 1.04),
    "kira-kira": (0.96, 1.04),
    "kurang lebih": (0.96, 1.04),
    "lebih kurang": (0.96, 1.04),
    "sekira": (0.96, 1.04),
    "around": (0.96, 1.04),
    "about": (0.96, 1.04),
    "mencapai": (0.95, 1.05),
    "lebih dari": (1.0, 10.0),
    "setidaknya": (1.0, 10.0),
    "sedikitnya": (1.0, 10.0),
    "minimal": (1.0, 10.0),
    "paling sedikit": (1.0, 10.0),
    "at least": (1.0, 10.0),
    "over": (1.0, 10.0),
    # "melaju hingga 350 km/jam", "jangkauan hingga 70 km": a stated maximum, compared as a value
    "hingga": (1.0, 1.0),
    "sampai": (1.0, 1.0),
    "maksimal": (1.0, 1.0),
    "up to": (1.0, 1.0),
    "kurang dari": (0.0, 1.0),
    "sejauh": (0.95, 1.05),
}
# words that follow a number but are not what is counted
_STOP_NOUNS = frozenset(
    (
        "dan atau yang di ke dari untuk pada dengan dalam oleh itu ini tersebut lalu lagi kali sebagai per hingga tidak"
    ).split()
)

_NUMWORD = r"(?:se(?:puluh|belas|ratus|ribu)|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sebelas|setengah)"
_WORDNUM = rf"{_NUMWORD}(?:\s+(?:belas|puluh|ratus))?(?:\s+{_NUMWORD}(?:\s+(?:belas|puluh|ratus))?)*"
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_UNIT = "|".join(sorted((re.escape(u) for u in UNITS if u not in ("us$", "$", "rp")), key=len, reverse=True))
_MULT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))

_QUANTITY = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?P<cur>US\$|\$|Rp\.?)?\s?"
    rf"(?P<num>{_DIGITS}|(?<![\w-]){_WORDNUM}(?![\w-]))"
    rf"(?:\s+(?P<mult>{_MULT})\b)?"
    rf"(?:\s*(?P<unit>{_UNIT})(?![\w/]))?"
    rf"(?:\s+(?P<noun>(?-i:[a-z][a-z-]{{2,}})))?",
    re.IGNORECASE,
)


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

    def agrees(self, other: Quantity) -> bool:
        return self.unit == other.unit and self.lo <= other.hi * 1.01 and other.lo <= self.hi * 1.01

    def conflicts(self, other: Quantity) -> bool:
        return self.unit == other.unit and not self.agrees(other)


def parse_number_words(text: str) -> float | None:
    """'dua' -> 2, 'tiga ratus lima puluh' -> 350, 'sebelas' -> 11, 'dua belas' -> 12."""
    total = 0.0
    current: float | None = None
    for word in text.lower().split():
        if word in UNITS_WORDS:
            if current is not None:
                total += current
            current = float(UNITS_WORDS[word])
        elif word in SCALE_WORDS and current is not None:
            current = current + 10 if word == "belas" else current * SCALE_WORDS[word]
        else:
            return None
    return None if current is None else total + current


def parse_digits(text: str) -> float:
    """Indonesian notation: '1.200' -> 1200, '7,3' -> 7.3, '1.200,5' -> 1200.5, '2.5' -> 2.5."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


_RANGE = re.compile(
    rf"(?:antara\s+)?(?P<lo>{_DIGITS})\s*(?:hingga|sampai|-|–|dan)\s*(?P<hi>{_DIGITS})"
    rf"(?:\s+(?P<mult>{_MULT})\b)?\s*(?P<unit>{_UNIT})(?![\w/])",
    re.IGNORECASE,
)


def _ranges(text: str) -> list[Quantity]:
    """'40 hingga 45 menit', '40-45 menit': one quantity covering the whole range."""
    out = []
    for m in _RANGE.finditer(text):
        unit, factor = UNITS[m.group("unit").lower()]
        mult = MULTIPLIERS[m.group("mult").lower()] if m.group("mult") else 1.0
        lo, hi = (parse_digits(m.group(k)) * mult * factor for k in ("lo", "hi"))
        if lo > hi:
            continue
        out.append(Quantity(m.group(0), m.start(), m.end(), (lo + hi) / 2, unit, "range", lo, hi))
    return out


def find_quantities(text: str, exclude: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Quantities in ``text``; spans in ``exclude`` (dates, names) are skipped."""
    out: list[Quantity] = _ranges(text)
    exclude = list(exclude or []) + [(q.start, q.end) for q in out]
    for m in _QUANTITY.finditer(text):
        if exclude and any(m.start("num") < e and s < m.end("num") for s, e in exclude):
            continue
        raw = m.group("num")
        if raw[0].isdigit():
            before = text[max(0, m.start("num") - 2) : m.start("num")].strip()[-1:]
            if before in ("-", "/", "№", "#") or re.match(r"[-/]\w", text[m.end("num") : m.end("num") + 2]):
                continue  # KN-25, 24/7, № 11302: codes, not quantities
            value = parse_digits(raw)
        else:
            parsed = parse_number_words(raw)
            if parsed is None or (parsed == 1 and not m.group("unit")):
                continue  # "satu rudal", "salah satu": an article, not a count
            value = parsed
        mult = m.group("mult")
        if mult:
            value *= MULTIPLIERS[mult.lower()]
        unit_word = (m.group("unit") or "").lower()
        cur = (m.group("cur") or "").lower().rstrip(".")
        noun = (m.group("noun") or "").lower()
        end = m.end()
        if unit_word:
            unit, factor = UNITS[unit_word]
            value *= factor
            if m.group("noun"):
                end = m.end("unit")
        elif cur:
            unit = UNITS[cur][0]
            if m.group("noun"):
                end = m.end("mult") if mult else m.end("num")
        elif noun and noun not in _STOP_NOUNS and noun not in MULTIPLIERS:
            unit = noun
        else:
            continue  # a bare number: nothing to compare it with
        qual = (m.group("qual") or "").lower() or None
        lo_f, hi_f = QUALIFIERS.get(qual, (1.0, 1.0)) if qual else (1.0, 1.0)
        start = m.start()
        out.append(Quantity(text[start:end].strip(), start, end, value, unit, qual, value * lo_f, value * hi_f))
    return sorted(out, key=lambda q: q.start)


def format_quantity(q: Quantity) -> str:
    return q.text
