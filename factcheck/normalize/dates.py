"""Date and time-of-day mentions in news text, in every language that has data in :mod:`factcheck.lang`.

Finding is done with regular expressions built from the language data (month and weekday names,
relative-time words, times of day, time zones); relative day words ("kemarin", "yesterday",
"gestern") are resolved by ``dateparser`` in the article's languages. Every mention becomes an
interval ``[lo, hi]`` of days with a precision (time, day, week, month, year), so "13 Juli 2023"
and "September 2023" can be compared: they conflict when the intervals are disjoint. A time of
day ("2:22 a.m.", "pukul 14.30 WIB", "Rabu (19/6) dini hari", "the evening of June 18") narrows
a day to a range of minutes; two sources that do not both state their time zone may use different
local dates, so such moments are compared with twelve hours' slack.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Literal

from factcheck import lang

Precision = Literal["time", "day", "week", "month", "year"]

_YEAR = r"(?:19|20)\d\d"
#: minutes of slack between two moments whose time zones are not both known
TZ_SLACK = 12 * 60
#: minutes a part of the day ("pagi", 05.00-11.00) reaches past its edges, within its own day: where
#: morning begins is a convention ("pagi" for 04.52 is no other moment), midnight is not
PART_SLACK = 60


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
    time_lo: int | None = None  # minutes after midnight, when a time of day is stated
    time_hi: int | None = None
    tz_offset: int | None = None  # minutes east of UTC, when a time zone is stated

    @property
    def resolved(self) -> bool:
        return self.lo is not None and self.hi is not None

    @property
    def has_time(self) -> bool:
        return self.time_lo is not None and self.time_hi is not None

    def _moment(self, local: bool = False) -> tuple[int, int]:
        """Minutes since day 1 (UTC when the zone is known and not ``local``), for a mention with a day."""
        assert self.lo is not None and self.hi is not None
        shift = 0 if local else self.tz_offset or 0
        lo = self.lo.toordinal() * 1440 + (self.time_lo if self.time_lo is not None else 0) - shift
        hi = self.hi.toordinal() * 1440 + (self.time_hi if self.time_hi is not None else 1440) - shift
        return lo, hi

    def _part_moment(self, local: bool = False) -> tuple[int, int]:
        """:meth:`_moment`, a part of the day (more than an hour) widened by :data:`PART_SLACK` each
        side but not past its day."""
        lo, hi = self._moment(local)
        if self.time_lo is None or self.time_hi is None or self.time_hi - self.time_lo <= 60:
            return lo, hi
        assert self.lo is not None and self.hi is not None
        shift = 0 if local else self.tz_offset or 0
        first, last = self.lo.toordinal() * 1440 - shift, (self.hi.toordinal() + 1) * 1440 - shift
        return max(first, lo - PART_SLACK), min(last, hi + PART_SLACK)

    def overlaps(self, other: DateMention, same_zone: bool = False) -> bool:
        """True when both are resolved and the intervals share at least one day (or moment).
        Moments whose time zones are not both stated get :data:`TZ_SLACK` of slack, unless
        ``same_zone`` says that both are written in one zone (two sources in one language)."""
        if not (self.resolved and other.resolved):
            return False
        assert self.lo and self.hi and other.lo and other.hi
        if (self.has_time or other.has_time) and {self.precision, other.precision} <= {"time", "day"}:
            known = self.tz_offset is not None and other.tz_offset is not None
            # in one zone, a zone stated on one side only is the other's too: local times compare
            local = same_zone and not known
            (alo, ahi), (blo, bhi) = self._part_moment(local), other._part_moment(local)
            slack = 0 if known or same_zone else TZ_SLACK
            return alo - slack < bhi and blo - slack < ahi
        return self.lo <= other.hi and other.lo <= self.hi

    def agrees(self, other: DateMention, same_zone: bool = False) -> bool:
        """Whether both can be true: overlapping intervals, or the same relative words twice ("a few
        days earlier", "kemarin"), where only the anchors the two pages give differ, not what they say."""
        if self.relative and other.relative and self.text.casefold() == other.text.casefold():
            return True
        return self.overlaps(other, same_zone)

    def conflicts(self, other: DateMention) -> bool:
        """True when both are resolved and cannot describe the same day."""
        return self.resolved and other.resolved and not self.overlaps(other)

    def label(self) -> str:
        """Human form: '13 Juli 2023', '19 Juni 2024 02:22', 'September 2023', '2019', 'pekan 4-10 Sep 2023'."""
        if not self.resolved or self.lo is None:
            return self.text
        if self.precision in ("day", "time"):
            if self.has_time and self.time_lo is not None and self.time_hi is not None:
                t = (
                    _hhmm(self.time_lo)
                    if self.time_hi - self.time_lo <= 1
                    else f"{_hhmm(self.time_lo)}-{_hhmm(self.time_hi)}"
                )
                return f"{format_day(self.lo)} {t}"
            return format_day(self.lo)
        if self.precision == "month":
            return f"{MONTH_NAMES_ID[self.lo.month - 1]} {self.lo.year}"
        if self.precision == "year":
            return str(self.lo.year)
        assert self.hi is not None
        return f"{format_day(self.lo)} - {format_day(self.hi)}"


def compared_labels(x: DateMention, y: DateMention) -> tuple[str, str]:
    """Labels of two conflicting mentions, with the times of day only when they fall on the same day
    (so "4 Maret 2024 pagi" vs "5 Maret 2024" reads, and groups, as a conflict of days)."""
    if x.lo is not None and x.lo == y.lo:
        return x.label(), y.label()
    return _day_only(x).label(), _day_only(y).label()


def _day_only(d: DateMention) -> DateMention:
    if d.precision != "time":
        return d
    return replace(d, precision="day", time_lo=None, time_hi=None, tz_offset=None)


def _hhmm(minutes: int) -> str:
    return f"{min(minutes, 1439) // 60:02d}:{min(minutes, 1439) % 60:02d}"


MONTH_NAMES_ID = lang.data("id").month_names
WEEKDAY_NAMES_ID = lang.data("id").weekday_names


def format_day(d: date) -> str:
    return f"{d.day} {MONTH_NAMES_ID[d.month - 1]} {d.year}"


def _month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class _Grammar:
    """Compiled patterns for one set of languages."""

    data: lang.LangData
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    clock: re.Pattern[str]
    daypart: re.Pattern[str]
    approx: re.Pattern[str]  # words of approximation ("sekitar", "around")
    wire: re.Pattern[str]  # "1852 GMT": four digits and a zone, as wire copy writes the time


def _alt(words: Sequence[str] | set[str] | frozenset[str] | dict[str, Any]) -> str:
    return lang.alternation(words)


@cache
def _grammar(codes: tuple[str, ...]) -> _Grammar:
    d = lang.data(codes)
    month = rf"(?:{_alt(d.months)})\.?"
    wd = rf"(?:{_alt(d.weekdays)})"
    rel = d.relative
    joiner = rf"(?:\s+(?:{_alt(d.words('day_month_joiners'))}))?"
    dmy = (
        rf"(?:(?P<wd>{wd})\s*(?:,|\()?\s*)?(?P<d>[0-3]?\d)\.?{joiner}\s+(?P<m>{month})"
        rf"(?:{joiner}\s+(?P<y>{_YEAR}))?\b\)?"
    )
    mdy = (
        rf"(?:(?P<wd>{wd})\s*(?:,|\()?\s*)?\b(?P<m>{month})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
        rf"(?:,?\s*(?P<y>{_YEAR})\b)?\)?"
    )
    numeric = rf"(?:(?P<wd>{wd})\s*)?\((?P<d>[0-3]?\d)/(?P<m>[01]?\d)(?:/(?P<y>(?:19|20)?\d\d))?\)"
    leads = _alt(d.words("date_leads"))
    month_only = rf"(?:\b(?:{leads})\s+(?P<m>{month})(?:\s+(?P<y>{_YEAR}))?\b|\b(?P<m2>{month})\s+(?P<y2>{_YEAR})\b)"
    units, offsets, days = _alt(rel["units"]), _alt(rel["offsets"]), _alt(rel["days"])
    edges = _alt(d.words("edges"))
    count = rf"\d+|{_alt({**rel['few'], **d.number_words['units']})}|[a-zäöüéèáíóúñ]+"
    relative = (
        rf"\b(?:(?:{edges})\s+)?(?:(?:{units})\s+(?:{offsets})|(?:{offsets})\s+(?:{units}))\b"
        rf"|\b(?:{days})\b"
        rf"|\b(?P<n>{count})\s+(?:{_alt(rel['day_unit'])})\s+(?P<span>{_alt(rel['spans'])})\b"
    )
    # "dua pekan lalu", "six weeks earlier", "hace tres meses", "vor zwei Jahren": a count of weeks,
    # months or years back (forward ones are plans, not dates that look back)
    counted = (
        rf"\b(?:(?P<pre>{_alt(rel['counted_before'])})\s+)?(?P<cn>{count})\s+(?P<cu>{_alt(rel['counted_units'])})\b"
        rf"(?:\s+(?P<post>{_alt(rel['counted_after'])})\b)?"
        if rel["counted_units"] else "(?!)"
    )
    year = rf"\b(?:{_alt(d.words('year_leads'))})\s+(?:(?:{_alt(d.words('year_leads'))})\s+)?(?P<y>{_YEAR})\b"
    # a weekday glued to a part of the day where the language writes compounds ("Donnerstagmorgen")
    glued = rf"(?:{_alt(d.words('weekday_suffixes'))})?" if d.words("weekday_suffixes") else ""
    weekday = rf"\b(?P<wd>{wd}){glued}\b(?!\s*(?:,|\())"
    patterns = tuple(
        (kind, re.compile(p, re.IGNORECASE))
        for kind, p in (
            ("dmy", dmy),
            ("mdy", mdy),
            ("numeric", numeric),
            ("month", month_only),
            ("counted", counted),
            ("relative", relative),
            ("year", year),
            ("weekday", weekday),
        )
    )
    tz = _alt(d.timezones)
    local = _alt(d.words("local_time"))
    marks = _alt(d.words("hour_marks")) or "(?!)"  # "5 h 50", "20.52 Uhr": written with the hour
    ampm = r"(?P<ampm>[ap]\.?\s?m\.?)(?!\w)"
    clock = re.compile(
        rf"(?:\b(?P<lead>{_alt(d.words('time_leads'))})\s+)?\b(?P<h>[0-2]?\d)(?:(?P<sep>[.:])(?P<mi>[0-5]\d)(?!\d))?"
        rf"(?:\s?(?P<mark>{marks})(?![^\W\d])(?:\s?(?P<mi2>[0-5]\d)(?!\d))?)?"
        rf"(?:\s*{ampm})?(?:\s*(?P<tz>{tz})\b)?(?:,?\s*(?P<local>{local}))?",
        re.IGNORECASE,
    )
    daypart = re.compile(rf"\b(?P<part>{_alt(d.times_of_day)})\b(?:,?\s*(?P<local>{local}))?", re.IGNORECASE)
    approx = [q for q, (_, _, approximate) in d.qualifiers.items() if approximate] + list(d.words("time_approx"))
    approx_re = re.compile(rf"(?<![\w-])(?:{_alt(approx)})(?![\w-])", re.IGNORECASE) if approx else re.compile(r"(?!)")
    wire = re.compile(rf"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>{tz})\b" if tz else "(?!)", re.IGNORECASE)
    return _Grammar(d, patterns, clock, daypart, approx_re, wire)


_codes = lang.as_codes


@cache
def _parser(base: date | None, codes: tuple[str, ...]) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=list(codes), settings=settings)


def _parse(text: str, base: date | None, codes: tuple[str, ...]) -> tuple[date, str] | None:
    """dateparser's reading of ``text``: the date and its period ('day', 'month', 'year'...)."""
    data = _parser(base, codes).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period or "day")


def _count(word: str, g: _Grammar) -> int | None:
    rel = g.data.relative
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in rel["few"]:
        return int(rel["few"][w])
    from factcheck.normalize.numbers import parse_number_words

    n = parse_number_words(w, g.data.codes)
    return int(n) if n is not None and n >= 1 else None


def _relative(m: re.Match[str], base: date | None, g: _Grammar) -> tuple[Precision, date | None, date | None] | None:
    text = m.group(0)
    rel = g.data.relative
    words = text.lower().split()
    if m.group("n"):
        n = _count(m.group("n"), g)
        if n is None:
            return None
        if base is None:
            return "week", None, None
        sign = int(rel["spans"].get(m.group("span").lower(), -1))
        return ("week", base, base + timedelta(days=n)) if sign > 0 else ("week", base - timedelta(days=n), base)
    unit = next((rel["units"][w] for w in words if w in rel["units"]), None)
    offset = next((int(rel["offsets"][w]) for w in words if w in rel["offsets"]), None)
    if unit is not None and offset is not None:
        if base is None:
            return ("week" if unit == "week" else unit), None, None
        if unit == "week":
            monday = base - timedelta(days=base.weekday()) + timedelta(days=7 * offset)
            return "week", monday, monday + timedelta(days=6)
        if unit == "month":
            y, mo = divmod(base.year * 12 + base.month - 1 + offset, 12)
            return ("month", *_month_interval(y, mo + 1))
        y = base.year + offset
        return "year", date(y, 1, 1), date(y, 12, 31)
    before = m.string[max(0, m.start() - 24) : m.start()].split()
    previous = before[-1].lower() if before else ""
    if previous in g.data.word_set("day_part_articles") or previous in rel["days"]:
        return None  # "en la mañana del 8 de octubre", "am Morgen", "heute Morgen": a part of the day
    if base is None:
        return "day", None, None
    parsed = _parse(text, base, g.data.codes)
    if parsed is None:
        key = text.lower()
        if key not in rel["days"]:
            return "day", None, None
        d = base + timedelta(days=int(rel["days"][key]))
        return "day", d, d
    d, period = parsed
    if period == "month":
        return ("month", *_month_interval(d.year, d.month))
    if period == "year":
        return "year", date(d.year, 1, 1), date(d.year, 12, 31)
    return "day", d, d


def _counted_back(
    m: re.Match[str], base: date | None, g: _Grammar
) -> tuple[Precision, date | None, date | None] | None:
    """"N weeks / months / years ago": the days from N+1 to N-1 weeks back (a count of weeks is
    rounded, and "six weeks earlier" may count from the story's day rather than the page's), the
    months from N+1 to N-1 back, or the year N back; None without a word saying back ("selama tiga
    bulan" is a duration) or a count."""
    if not (m.group("pre") or m.group("post")):
        return None
    n = _count(m.group("cn"), g)
    unit = g.data.relative["counted_units"].get(m.group("cu").lower())
    if n is None or unit is None or n > 100:
        return None
    if base is None:
        return unit, None, None
    if unit == "week":
        return "week", base - timedelta(days=7 * (n + 1)), base - timedelta(days=7 * (n - 1))
    if unit == "month":
        y0, m0 = divmod(base.year * 12 + base.month - 2 - n, 12)
        y1, m1 = divmod(base.year * 12 + base.month - n, 12)
        return "month", _month_interval(y0, m0 + 1)[0], _month_interval(y1, m1 + 1)[1]
    return "year", date(base.year - n, 1, 1), date(base.year - n, 12, 31)


def _weekday_before(base: date, weekday: int) -> date:
    """The most recent ``weekday`` on or before ``base`` (news reports past events)."""
    return base - timedelta(days=(base.weekday() - weekday) % 7)


def _weekday_after(base: date, weekday: int) -> date:
    """The first ``weekday`` after ``base`` ("next Saturday", "Sabtu depan")."""
    return base + timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)


def planned_weekday(text: str, d: DateMention, written: date, langs: Sequence[str] | str | None = None) -> DateMention:
    """A bare weekday of a plan or an expectation ("expected to be signed on Wednesday", "dijadwalkan
    pada Rabu") read as the next one from the day the page was written, not the last; a weekday with
    "next"/"last" next to it, or another mention, is returned as it is."""
    if d.kind != "weekday" or d.lo is None or d.lo >= written:
        return d
    if _weekday_offset(text, d.start, d.end, _grammar(_codes(langs))) is not None:
        return d
    return replace(d, lo=d.lo + timedelta(days=7), hi=(d.hi or d.lo) + timedelta(days=7))


def _weekday_offset(text: str, start: int, end: int, g: _Grammar) -> int | None:
    """The relative offset word written next to a weekday ("next Saturday", "el próximo sábado", "Sabtu
    depan", "samedi prochain": +1; "last Saturday", "Sabtu lalu": -1), from the language's ``offsets``."""
    offsets = g.data.relative.get("offsets", {})
    before = text[max(0, start - 24) : start].split()
    after = text[end : end + 24].split()
    for word in (before[-1] if before else "", after[0] if after else ""):
        w = word.lower().strip(".,;:()")
        if w in offsets and int(offsets[w]) != 0:
            return int(offsets[w])
    return None




def _year_for(month: int, day: int, base: date | None, weekday: int | None = None) -> int | None:
    """Year of a day written without one: the latest such day not after the publication date (a
    month of slack). A weekday written with it that holds in the year before and not in that one
    says the year before: a page first published a year earlier ("Friday (August 16)" on a page
    dated 26 July 2025 is 16 August 2024)."""
    if base is None:
        return None
    year = base.year
    try:
        if date(year, month, day) > base + timedelta(days=31):
            year -= 1
        held = weekday is None or date(year, month, day).weekday() == weekday
        if not held and date(year - 1, month, day).weekday() == weekday:
            year -= 1
    except ValueError:  # 29 February of a year without it
        return None
    return year


def _make(kind: str, m: re.Match[str], base: date | None, g: _Grammar) -> DateMention | None:
    gd = m.groupdict()
    text, start, end = m.group(0), m.start(), m.end()
    wd = g.data.weekdays.get((gd.get("wd") or "").lower().replace("’", "'"))
    if text.endswith(")") and "(" not in text:
        text, end = text[:-1], end - 1
    if kind in ("dmy", "mdy", "numeric"):
        day = int(gd["d"])
        month = int(gd["m"]) if kind == "numeric" else g.data.months[gd["m"].lower().rstrip(".")]
        year_s = gd.get("y")
        if year_s:
            year: int | None = int(year_s) + (2000 if len(year_s) == 2 else 0)
        else:
            year = _year_for(month, day, base, wd)
        if year is None:
            return DateMention(text, start, end, kind, "day", None, None, wd)
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        return DateMention(text, start, end, kind, "day", d, d, wd)
    if kind == "month":
        month_word = gd.get("m") or gd.get("m2") or ""
        month = g.data.months[month_word.lower().rstrip(".")]
        year_s = gd.get("y") or gd.get("y2")
        year = int(year_s) if year_s else _year_for(month, 1, base)
        if year is None:
            return DateMention(text, start, end, kind, "month", None, None)
        return DateMention(text, start, end, kind, "month", *_month_interval(year, month))
    if kind == "year":
        y = int(gd["y"])
        return DateMention(text, start, end, kind, "year", date(y, 1, 1), date(y, 12, 31))
    if kind == "weekday":
        if wd is None:
            return None
        if base is None:
            return DateMention(text, start, end, kind, "day", None, None, wd, relative=True)
        ahead = _weekday_offset(m.string, start, end, g) == 1
        d = _weekday_after(base, wd) if ahead else _weekday_before(base, wd)
        return DateMention(text, start, end, kind, "day", d, d, wd, relative=True)
    found = _counted_back(m, base, g) if kind == "counted" else _relative(m, base, g)
    if found is None:
        return None
    precision, lo, hi = found
    return DateMention(text, start, end, kind, precision, lo, hi, relative=True)


def _ambiguous_weekday(word: str, g: _Grammar) -> bool:
    """A lower-case weekday name that is also a time unit ("minggu" = week) is not a weekday."""
    w = word.lower()
    return word == w and (w in g.data.relative["units"] or w in g.data.units)


@dataclass(frozen=True)
class _Time:
    start: int
    end: int
    lo: int
    hi: int
    tz: int | None


def _times(text: str, g: _Grammar) -> list[_Time]:
    """Clock times ("2:22 a.m.", "pukul 14.30 WIB") and parts of the day ("dini hari", "evening")."""
    out: list[_Time] = []
    for m in g.clock.finditer(text):
        h, sep, ampm = int(m.group("h")), m.group("sep"), m.group("ampm")
        mi = m.group("mi") or m.group("mi2")
        lead, tz, mark = m.group("lead"), m.group("tz"), m.group("mark")
        # a bare number is no time; "14.30" needs a lead word, a zone, "local time", an hour mark
        # ("5 h 50") or a.m./p.m. to be one, a bare hour a lead word and a mark, a zone or "local time"
        # ("alle 4 ora locale")
        if not (
            ampm
            or (sep == ":" and mi)
            or ((lead or tz or mark or m.group("local")) and mi)
            or (lead and (mark or tz or m.group("local")))
        ):
            continue
        if ampm:
            if not 1 <= h <= 12:
                continue
            h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
        if h > 24:
            continue
        minute = h * 60 + int(mi or 0)
        tz = g.data.timezones.get((m.group("tz") or "").lower())
        out.append(_Time(m.start(), m.end(), minute, minute + 1, tz))
    for m in g.wire.finditer(text):
        if not any(t.start < m.end() and m.start() < t.end for t in out):
            minute = int(m.group("h")) * 60 + int(m.group("mi"))
            out.append(_Time(m.start(), m.end(), minute, minute + 1, g.data.timezones.get(m.group("tz").lower())))
    for m in g.daypart.finditer(text):
        if any(t.start <= m.start() < t.end for t in out):
            continue
        lo, hi = g.data.times_of_day[m.group("part").lower()]
        out.append(_Time(m.start(), m.end(), lo * 60, hi * 60, None))
    return _local_zones(text, sorted(out, key=lambda t: t.start))


def _local_zones(text: str, times: list[_Time]) -> list[_Time]:
    """A local time followed by the same moment in a stated zone ("3.52 a.m. local time (1852 GMT on
    Wednesday)") is in the zone that makes the two one moment: the local zone of the page's event."""
    out = list(times)
    for i, (t, u) in enumerate(itertools.pairwise(times)):
        if t.tz is not None or u.tz is None or t.hi - t.lo > 1:
            continue
        if not re.fullmatch(r"\s*[(,]\s*", text[t.end : u.start]):
            continue
        offset = (t.lo - (u.lo - u.tz) + 720) % 1440 - 720  # minutes east of UTC, -12 h .. +12 h
        if offset % 15 == 0:
            out[i] = replace(t, tz=offset)
    return out


_GAP = re.compile(r"^[\s,()]*(?:\w{1,4}[\s,()]+){0,2}$")


def _joins(gap: str | None, g: _Grammar) -> bool:
    """Whether ``gap`` (the text between a day and a time of day) is short enough to bind them:
    a few short words ("pada", "at", "on"), punctuation, and words of approximation ("sekitar",
    "around", "gegen": the language's approximate qualifiers), which do not change which day it is."""
    if gap is None:
        return False
    gap = g.approx.sub(" ", gap)
    return len(gap) <= 12 and bool(_GAP.match(gap))


def _attach_times(text: str, found: list[DateMention], times: list[_Time], g: _Grammar) -> list[DateMention]:
    """Give a day mention the time of day written right before or after it; a clock time right after
    a part of the day ("Jumat malam sekitar pukul 23.30") narrows it to the clock time."""
    out = list(found)
    used: set[int] = set()

    def gap_to(a: int, b: int, t: _Time) -> str | None:
        return text[b : t.start] if t.start >= b else text[t.end : a] if t.end <= a else None

    for i, d in enumerate(out):
        if d.precision != "day":
            continue
        for k, t in enumerate(times):
            if k in used or not _joins(gap_to(d.start, d.end, t), g):
                continue
            used.add(k)
            start, end, lo, hi, tz = min(d.start, t.start), max(d.end, t.end), t.lo, t.hi, t.tz
            if hi - lo > 1:  # a part of the day: a clock time inside it, right after, is the time
                for j in range(k + 1, len(times)):
                    c = times[j]
                    if j in used or c.hi - c.lo > 1 or c.start < end:
                        continue
                    # the night before the day ("in der Nacht zum Samstag gegen 2.40 Uhr"): its small hours
                    small_hours = hi == 24 * 60 and c.lo < 6 * 60 and t.end <= d.start
                    if _joins(text[end : c.start], g) and (lo <= c.lo < hi or small_hours):
                        used.add(j)
                        end, lo, hi, tz = c.end, c.lo, c.hi, c.tz
                    break
            out[i] = replace(
                d,
                text=text[start:end],
                start=start,
                end=end,
                precision="time",
                time_lo=lo,
                time_hi=hi,
                tz_offset=tz,
            )
            break
    return out


@dataclass(frozen=True)
class TimeOfDay:
    """A clock time in a sentence ("pukul 02.40 WIT", "shortly after 4 a.m."), alone or with its day."""

    text: str
    start: int
    end: int
    minute: int  # after midnight
    tz_offset: int | None = None  # minutes east of UTC, when a zone is stated
    approximate: bool = False  # "sekitar", "around", "gegen": within half an hour

    def agrees(self, other: TimeOfDay) -> bool:
        """Whether both can be the same moment: within 10 minutes, 30 when either is approximate; in
        UTC when both zones are stated, else as local times (news writes the local time)."""
        a, b = self.minute, other.minute
        if self.tz_offset is not None and other.tz_offset is not None:
            a, b = a - self.tz_offset, b - other.tz_offset
        gap = abs(a - b) % 1440
        return min(gap, 1440 - gap) <= (30 if self.approximate or other.approximate else 10)

    def label(self) -> str:
        return _hhmm(self.minute)


def find_times(
    text: str, langs: Sequence[str] | str | None = None, dates: Sequence[DateMention] | None = None
) -> list[TimeOfDay]:
    """The clock times of ``text``: those bound to a day (``dates``: its date mentions, default
    :func:`find_dates`) and those written alone; parts of the day ("malam") are too wide to be one."""
    g = _grammar(_codes(langs))
    found = find_dates(text, None, langs) if dates is None else dates
    taken = [(d.start, d.end) for d in found]
    out = [
        TimeOfDay(d.text, d.start, d.end, d.time_lo, d.tz_offset, bool(g.approx.search(d.text)))
        for d in found
        if d.time_lo is not None and d.time_hi is not None and d.time_hi - d.time_lo <= 1
    ]
    for t in _times(text, g):
        if t.hi - t.lo > 1 or any(s < t.end and t.start < e for s, e in taken):
            continue
        approx = bool(g.approx.search(text[max(0, t.start - 16) : t.end]))
        out.append(TimeOfDay(text[t.start : t.end], t.start, t.end, t.lo, t.tz, approx))
    return sorted(out, key=lambda t: t.start)


def find_dates(text: str, published: date | None = None, langs: Sequence[str] | str | None = None) -> list[DateMention]:
    """All date mentions in ``text`` (in ``langs``, default Indonesian and English), resolved
    against the publication date when relative, with any time of day attached."""
    g = _grammar(_codes(langs))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in g.patterns:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and _ambiguous_weekday(m.group("wd"), g):
                continue
            mention = _make(kind, m, published, g)
            if mention is not None:
                taken.append((m.start(), m.end()))
                found.append(mention)
    found.sort(key=lambda x: x.start)
    times = [t for t in _times(text, g) if not any(t.start < e and s < t.end for s, e in taken)]
    return _attach_times(text, found, times, g) if times else found


def weekday_mismatch(mention: DateMention) -> str | None:
    """Explain a weekday written next to a date that falls on another weekday, else None."""
    if mention.weekday is None or mention.relative or mention.lo is None or mention.precision not in ("day", "time"):
        return None
    actual = mention.lo.weekday()
    if actual == mention.weekday:
        return None
    return f"{format_day(mention.lo)} was a {WEEKDAY_NAMES_ID[actual]}, not a {WEEKDAY_NAMES_ID[mention.weekday]}"


def find_first_publication(text: str, langs: Sequence[str] | str | None = None) -> date | None:
    """The day a page was first published, when its stamp near the top says it was updated since:
    the date after a "first published" cue ("Pertama terbit: Rabu, 11 Maret 2026", "First published
    March 11, 2026"), or the earliest of two dates or more on a line with an "updated" cue
    ("Published 11 March 2026 | Updated 15 September 2026"). A page republished or updated later keeps the words
    it was written with: "kemarin" in it means the day before it first appeared."""
    codes = _codes(langs) if langs is not None else lang.available()
    first_re, updated_re = _stamp_cue(codes, "first_published"), _stamp_cue(codes, "updated_cues")
    if first_re is None and updated_re is None:
        return None
    for line in [ln for ln in text.splitlines() if ln.strip()][:4]:
        cued = (first_re is not None and first_re.search(line)) or (updated_re is not None and updated_re.search(line))
        if not cued:
            continue  # dates are parsed only on a stamp line (every article is read through here)
        days = _stated_days(line, codes)
        if not days:
            continue
        if first_re is not None and (day := _day_after_cue(first_re, line, days)) is not None:
            return day
        if updated_re is not None and updated_re.search(line) and len({m.lo for m in days}) >= 2:
            return min(m.lo for m in days if m.lo is not None)
    return None


def find_reused_part(text: str, langs: Sequence[str] | str | None = None) -> date | None:
    """The day part of a page first appeared, from an editor's note below its opening ("Catatan
    redaksi: Sebagian isi artikel ini pertama kali tayang pada 8 Mei 2026", "Parts of this story were
    first published on May 8, 2026"): a page that puts a new lead over an older text. The note names
    the page itself (language data ``self_reference``: "artikel ini", "this story"), so "the film
    first aired on 8 May" is not one. A note in the opening lines is the whole page's stamp
    (:func:`find_first_publication`)."""
    codes = _codes(langs) if langs is not None else lang.available()
    first_re, self_re = _stamp_cue(codes, "first_published"), _stamp_cue(codes, "self_reference")
    if first_re is None or self_re is None:
        return None
    for line in [ln for ln in text.splitlines() if ln.strip()][4:]:
        if not self_re.search(line) or not first_re.search(line):
            continue  # "the film first aired on 8 May": a fact, not a note on this page
        if (day := _day_after_cue(first_re, line, _stated_days(line, codes))) is not None:
            return day
    return None


@cache
def _stamp_cue(codes: tuple[str, ...], key: str) -> re.Pattern[str] | None:
    """One of the languages' ``key`` words as a whole word; None when they have none."""
    words = lang.data(codes).words(key)
    return re.compile(rf"(?<![\w])(?:{lang.alternation(words)})(?![\w])", re.IGNORECASE) if words else None


def _stated_days(line: str, codes: tuple[str, ...]) -> list[DateMention]:
    """The days (and times) a stamp or note line states outright, not relative ones."""
    return [m for m in find_dates(line, langs=codes) if m.precision in ("day", "time") and m.lo and not m.relative]


def _day_after_cue(cue: re.Pattern[str], line: str, days: Sequence[DateMention]) -> date | None:
    """The first of ``days`` written just after (within 12 characters) an occurrence of ``cue``."""
    for m in cue.finditer(line):
        after = [d for d in days if 0 <= d.start - m.end() <= 12]
        if after:
            return after[0].lo
    return None


def find_publication_date(text: str, langs: Sequence[str] | str | None = None) -> tuple[date, str] | None:
    """The article's own publication date, when the text states one.

    Looked for, in this order: a line near the top holding only a date ("April 25, 2024",
    "Senin, 2 Oktober 2023"), a dateline "Selasa, 5 September 2023" anywhere in the opening, and
    the first inline "(19/06/2024)". Returns the date and which rule found it. ``langs`` defaults
    to every language with data (the text's language is not known yet).
    """
    codes = _codes(langs) if langs is not None else lang.available()
    lines = [ln for ln in text.splitlines() if ln.strip()][:4]
    for line in lines:
        if len(line.strip()) > 45:
            continue
        for m in find_dates(line, langs=codes):
            if m.precision == "day" and m.lo is not None and m.kind in ("dmy", "mdy", "numeric"):
                rest = (line[: m.start] + line[m.end :]).strip(" ,.-|/()")
                if len(rest) <= 25:  # a place name before the date is still a header
                    return m.lo, "header"
    opening = text[:3000]
    for m in find_dates(opening, langs=codes):
        if m.kind == "dmy" and m.weekday is not None and m.lo is not None and "(" not in m.text:
            return m.lo, "dateline"
    for m in find_dates(text, langs=codes):
        if m.kind == "numeric" and m.lo is not None and m.text.count("/") == 2:
            return m.lo, "inline"
    return None
