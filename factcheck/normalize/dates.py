"""Date mentions in Indonesian (and English) news text.

Finding is done with small regular expressions; turning the found words into dates is left to
``dateparser`` (which knows Indonesian month and weekday names and relative words such as
"bulan lalu"). Every mention becomes an interval ``[lo, hi]`` with a precision, so "13 Juli 2023"
and "September 2023" can be compared: they conflict when the intervals are disjoint.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

Precision = Literal["day", "week", "month", "year"]

MONTHS: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "agu": 8,
    "agt": 8,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "des": 12,
    "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_NAMES_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19|20)\d\d"

# Order matters: longer, more specific forms first; a later pattern never overlaps an earlier match.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Rabu (13 Juli 2023)", "Selasa, 5 September 2023", "30 Agustus"
    (
        "dmy",
        re.compile(
            rf"(?:(?P<wd>{_WD})\s*(?:,|\()\s*)?(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b\)?",
            re.IGNORECASE,
        ),
    ),
    # "April 25, 2024"
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d),\s*(?P<y>{_YEAR})\b", re.IGNORECASE)),
    # "Rabu (19/06/2024)", "(3/10/2023)", "(1/10)"
    (
        "numeric",
        re.compile(
            rf"(?:(?P<wd>{_WD})\s*)?\((?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>(?:19|20)?\d\d))?\)", re.IGNORECASE
        ),
    ),
    # "bulan September", "pada Juli", "Februari 2022", "akhir Agustus"
    (
        "month",
        re.compile(
            rf"(?:\b(?:bulan|pada|sejak|hingga|sampai|akhir|awal|pertengahan|in|since)\s+(?P<m>{_MONTH})"
            rf"(?:\s+(?P<y>{_YEAR}))?\b|\b(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})\b)",
            re.IGNORECASE,
        ),
    ),
    # "pekan lalu", "bulan ini", "kemarin", "akhir tahun lalu"
    (
        "relative",
        re.compile(
            r"\b(?:(?:akhir|awal)\s+)?(?:pekan|minggu|bulan|tahun)\s+(?:lalu|ini|depan)\b"
            r"|\b(?:kemarin|hari ini|besok|lusa)\b"
            r"|\b(?:beberapa|dua|tiga)\s+hari\s+(?:ke\s+depan|lalu|terakhir)\b",
            re.IGNORECASE,
        ),
    ),
    # "tahun 1953", "sejak 2019", "dari tahun 2006 hingga 2008"
    (
        "year",
        re.compile(
            rf"\b(?:tahun|sejak|pada|hingga|sampai|dari|in|since)\s+(?:tahun\s+)?(?P<y>{_YEAR})\b", re.IGNORECASE
        ),
    ),
    # "pada hari Senin", "Rabu pagi", "malam Minggu" (weekday names are capitalised in news text)
    ("weekday", re.compile(rf"\b(?P<wd>{_WD})\b(?!\s*(?:,|\())")),
]


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence, resolved to an interval when possible."""

    text: str
    start: int
    end: int
    kind: str
    precision: Precision
    lo: date | None
    hi: date | None
    weekday: int | None = None  # weekday written next to the date, 0 = Monday
    relative: bool = False

    @property
    def resolved(self) -> bool:
        return self.lo is not None and self.hi is not None

    def overlaps(self, other: DateMention) -> bool:
        """True when both are resolved and the intervals share at least one day."""
        if not (self.resolved and other.resolved):
            return False
        assert self.lo and self.hi and other.lo and other.hi
        return self.lo <= other.hi and other.lo <= self.hi

    def conflicts(self, other: DateMention) -> bool:
        """True when both are resolved and cannot describe the same day."""
        return self.resolved and other.resolved and not self.overlaps(other)

    def label(self) -> str:
        """Human form: '13 Juli 2023', 'September 2023', '2019', 'pekan 4-10 Sep 2023'."""
        if not self.resolved or self.lo is None:
            return self.text
        if self.precision == "day":
            return format_day(self.lo)
        if self.precision == "month":
            return f"{MONTH_NAMES_ID[self.lo.month - 1]} {self.lo.year}"
        if self.precision == "year":
            return str(self.lo.year)
        assert self.hi is not None
        return f"{format_day(self.lo)} - {format_day(self.hi)}"


MONTH_NAMES_ID = tuple("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split())


def format_day(d: date) -> str:
    return f"{d.day} {MONTH_NAMES_ID[d.month - 1]} {d.year}"


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=4)
def _parser(base: date | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["id", "en"], settings=settings)


def _parse(text: str, base: date | None) -> tuple[date, str] | None:
    """dateparser's reading of ``text``: the date and its period ('day', 'month', 'year'...)."""
    data = _parser(base).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period or "day")


_WEEK_WORDS = re.compile(r"(pekan|minggu)\s+(lalu|ini|depan)", re.IGNORECASE)
_DAYS_AHEAD = re.compile(r"(beberapa|dua|tiga)\s+hari\s+(ke\s+depan|lalu|terakhir)", re.IGNORECASE)
_EDGE = re.compile(r"^(akhir|awal)\s+", re.IGNORECASE)


def _relative(text: str, base: date | None) -> tuple[Precision, date | None, date | None]:
    if base is None:
        return ("week" if _WEEK_WORDS.search(text) else "day"), None, None
    week = _WEEK_WORDS.search(text)
    if week:
        shift = {"lalu": -7, "ini": 0, "depan": 7}[week.group(2).lower()]
        monday = base - timedelta(days=base.weekday()) + timedelta(days=shift)
        return "week", monday, monday + timedelta(days=6)
    span = _DAYS_AHEAD.search(text)
    if span:
        n = {"beberapa": 7, "dua": 2, "tiga": 3}[span.group(1).lower()]
        if span.group(2).lower().startswith("ke"):
            return "week", base, base + timedelta(days=n)
        return "week", base - timedelta(days=n), base
    core = _EDGE.sub("", text)
    parsed = _parse(core, base)
    if parsed is None:
        return "day", None, None
    d, period = parsed
    if period == "month":
        return ("month", *_month_interval(d.year, d.month))
    if period == "year":
        return "year", date(d.year, 1, 1), date(d.year, 12, 31)
    return "day", d, d


def _weekday_before(base: date, weekday: int) -> date:
    """The most recent ``weekday`` on or before ``base`` (news reports past events)."""
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def _year_for(month: int, day: int, base: date | None) -> int | None:
    """Year of a day written without one: the latest such day not after the publication date."""
    if base is None:
        return None
    year = base.year
    try:
        if date(year, month, day) > base + timedelta(days=31):
            year -= 1
    except ValueError:
        return None
    return year


def _make(kind: str, m: re.Match[str], base: date | None) -> DateMention | None:
    g = m.groupdict()
    text, start, end = m.group(0), m.start(), m.end()
    wd = WEEKDAYS.get((g.get("wd") or "").lower().replace("’", "'"))
    if text.endswith(")") and "(" not in text:
        text, end = text[:-1], end - 1
    if kind in ("dmy", "mdy", "numeric"):
        day = int(g["d"])
        month = int(g["m"]) if kind == "numeric" else MONTHS[g["m"].lower().rstrip(".")]
        year_s = g.get("y")
        if year_s:
            year: int | None = int(year_s) + (2000 if len(year_s) == 2 else 0)
        else:
            year = _year_for(month, day, base)
        if year is None:
            return DateMention(text, start, end, kind, "day", None, None, wd)
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if kind != "numeric":  # let dateparser confirm the reading of the words
            parsed = _parse(f"{day} {g['m']} {year}", base)
            if parsed is not None:
                d = parsed[0]
        return DateMention(text, start, end, kind, "day", d, d, wd)
    if kind == "month":
        month_word = g.get("m") or g.get("m2") or ""
        month = MONTHS[month_word.lower().rstrip(".")]
        year_s = g.get("y") or g.get("y2")
        year = int(year_s) if year_s else _year_for(month, 1, base)
        if year is None:
            return DateMention(text, start, end, kind, "month", None, None)
        return DateMention(text, start, end, kind, "month", *_month_interval(year, month))
    if kind == "year":
        y = int(g["y"])
        return DateMention(text, start, end, kind, "year", date(y, 1, 1), date(y, 12, 31))
    if kind == "weekday":
        if wd is None:
            return None
        if base is None:
            return DateMention(text, start, end, kind, "day", None, None, wd, relative=True)
        d = _weekday_before(base, wd)
        return DateMention(text, start, end, kind, "day", d, d, wd, relative=True)
    precision, lo, hi = _relative(text, base)
    return DateMention(text, start, end, kind, precision, lo, hi, relative=True)


def find_dates(text: str, published: date | None = None) -> list[DateMention]:
    """All date mentions in ``text``, resolved against the publication date when relative."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and m.group("wd") == "Minggu" and re.match(r"\s+(lalu|ini|depan)", text[m.end() :]):
                continue
            mention = _make(kind, m, published)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    return sorted(found, key=lambda x: x.start)


def weekday_mismatch(mention: DateMention) -> str | None:
    """Explain a weekday written next to a date that falls on another weekday, else None."""
    if mention.weekday is None or mention.relative or mention.lo is None or mention.precision != "day":
        return None
    actual = mention.lo.weekday()
    if actual == mention.weekday:
        return None
    return f"{format_day(mention.lo)} was a {WEEKDAY_NAMES_ID[actual]}, not a {WEEKDAY_NAMES_ID[mention.weekday]}"


_HEADER_LINE = re.compile(r"^\s*[^\w]*(?P<body>.{6,40}?)[^\w]*\s*$")


def find_publication_date(text: str) -> tuple[date, str] | None:
    """The article's own publication date, when the text states one.

    Looked for, in this order: a line near the top holding only a date ("April 25, 2024",
    "Senin, 2 Oktober 2023"), a dateline "Selasa, 5 September 2023" anywhere in the opening, and
    the first inline "(19/06/2024)". Returns the date and which rule found it.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()][:4]
    for line in lines:
        if len(line.strip()) > 45:
            continue
        for m in find_dates(line):
            if m.precision == "day" and m.lo is not None and m.kind in ("dmy", "mdy", "numeric"):
                rest = (line[: m.start] + line[m.end :]).strip(" ,.-|/()")
                if len(rest) <= 25:  # a place name before the date is still a header
                    return m.lo, "header"
    opening = text[:3000]
    for m in find_dates(opening):
        if m.kind == "dmy" and m.weekday is not None and m.lo is not None and "(" not in m.text:
            return m.lo, "dateline"
    for m in find_dates(text):
        if m.kind == "numeric" and m.lo is not None and m.text.count("/") == 2:
            return m.lo, "inline"
    return None
