"""Page furniture: the parts of a scraped page that state nothing about the event.

A news page carries more than its article: timestamps ("27 menit yang lalu", "Updated 10:32 GMT"),
bylines ("Penulis: ...", "By NAME"), photo captions and credits ("(Foto: ...)", "REUTERS/Name"),
"Baca juga" / "Read more" links, share, tag and comment widgets, menus, and tokens a scraper
repeated through the page. :func:`find_furniture` finds them in one article by general evidence
and returns the character spans to drop; :mod:`factcheck.claims` skips sentences inside them and
ignores slot mentions (a "duration", a "place") that fall in them.

Evidence, per line unless said otherwise:

- a *label* at the start of the line from the language's cue lists (``factcheck/lang/<code>/
  furniture.json``: byline, caption, related, widget, updated), followed by a separator or on a
  short line; multi-word labels ("baca juga") need no separator;
- a relative timestamp ("2 hours ago"): sub-day units anywhere, longer units on a short line;
  a short unpunctuated line holding a clock time with a date, a time zone or an "updated" label;
- a photo credit: a caption label with a separator inside parentheses, or an agency credit
  (``AGENCY/Name``) ending a line; a line that ends in a credit is a caption;
- a short unpunctuated line with a web address, only share-widget names, a copyright mark, or a
  parenthesised agency code ("(bbn)"); a short unpunctuated line that occurs twice in the article;
- a menu: several short capitalised items between separators, or a run of capitalised words with
  no function word and almost no word used elsewhere in the article;
- a spam token (article statistics): a token far more frequent than any name is in natural text
  (binomial tail of its count against the article's length) and spread over most lines, or one
  that keeps standing alone on its line / after the end of a sentence.

Cue words for the article's language are merged with English ones (scraped pages in any language
carry English widgets) and the language-independent ``xx`` list.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from factcheck.lang import alternation
from factcheck.lang import data as lang_data

#: cue categories matched as labels at the start of a line, and the reason they give
LABEL_KINDS = (("related", "related"), ("byline", "byline"), ("caption", "caption"), ("widget", "widget"),
               ("updated", "timestamp"))
SHORT_LINE = 6  # words: a label without a separator counts on a line this short
#: a name mentioned at this share of an article's tokens is already its protagonist
NAME_RATE = 0.03
SPAM_P = 1e-4  # binomial tail below which a token's count is unnatural for the article's length
MIN_SPAM = 5  # occurrences
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_SEPARATORS = "|•·»›>/\t"
_SEP_AFTER = r"\s*(?::|\||/|\s[-–—]\s|[-–—]\s|$)"
_END_PUNCT = re.compile(r"[.!?…][”\"’')\]]*\s*$")
_CLOCK = re.compile(r"\b\d{1,2}(?:[:.]\d{2}(?:[:.]\d{2})?|\s?h\s?\d{2})\b")  # 10:32, 10.32, 10h32, 10 h 32
_YEAR_OR_DM = re.compile(r"\b(?:1[89]|20)\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_URL = re.compile(r"https?://\S+|\bwww\.\S+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|id|co|news|info|tv|io|uk|de|es|ru|kr)\b",
                  re.IGNORECASE)
_AGENCY_TAG = re.compile(r"^\(\s*[A-Za-z]{2,8}(?:\s*[/,]\s*[A-Za-z]{2,8}){0,3}\s*\)$")
_SLASH_CREDIT = re.compile(
    r"(?:\b[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})?\s?/\s?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}\s*\)?\s*$"
)


@dataclass(frozen=True)
class FurnitureSpan:
    """Characters ``start:end`` of an article's text are page furniture of kind ``reason``."""

    start: int
    end: int
    reason: str  # timestamp, byline, caption, related, widget, link, menu, repeated, spam


# ---------------------------------------------------------------- cue data


@cache
def _file(code: str, name: str) -> dict[str, Any]:
    """``factcheck/lang/<code>/<name>.json``, or {} when the language has none."""
    path = resources.files("factcheck.lang") / code / f"{name}.json"
    if not path.is_file():
        return {}
    parsed: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return parsed


def cue_words(codes: Sequence[str], name: str, key: str) -> tuple[str, ...]:
    """The ``key`` list of ``<code>/<name>.json`` merged over ``codes``, lower case, longest first."""
    words = {str(w).lower() for code in codes for w in _file(code, name).get(key) or []}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Cues:
    labels: tuple[tuple[re.Pattern[str], str], ...]
    relative_short: re.Pattern[str]
    relative_long: re.Pattern[str]
    zones: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    joiners: frozenset[str]  # "16 de setembro de 2027"
    share: frozenset[str]
    copyright: tuple[str, ...]
    function_words: frozenset[str]
    caption_paren: re.Pattern[str]
    caption_inline: re.Pattern[str]
    caption_word: re.Pattern[str]
    stop_words: frozenset[str]
    updated_lead: re.Pattern[str]
    updated_word: re.Pattern[str]


@cache
def _cues(lang: str) -> _Cues:
    codes = tuple(dict.fromkeys((lang, "en", "xx")))
    shared = lang_data(codes)
    labels = []
    for key, reason in LABEL_KINDS:
        words = cue_words(codes, "furniture", key)
        multi = [w for w in words if " " in w]
        single = [w for w in words if " " not in w]
        if multi:
            labels.append((re.compile(rf"^(?:{alternation(multi)})(?![\w])", re.IGNORECASE), reason))
        if single:
            labels.append((re.compile(rf"^(?:{alternation(single)}){_SEP_AFTER}", re.IGNORECASE), reason))
            labels.append((re.compile(rf"^(?:{alternation(single)})\b", re.IGNORECASE), reason + "?"))
    numbers = rf"(?:\d+|{alternation(cue_words(codes, 'furniture', 'ago_numbers'))})"
    before = alternation(shared.words("ago_before"))
    after = alternation(shared.words("ago_after"))

    def relative(units: Iterable[str]) -> re.Pattern[str]:
        u = alternation(units)
        return re.compile(
            rf"(?<![\w])(?:(?:{before})\s+{numbers}\s*(?:{u})(?![\w])|{numbers}\s*(?:{u})\s+(?:{after}))(?![\w])",
            re.IGNORECASE,
        )

    caption = alternation(cue_words(codes, "furniture", "caption"))
    return _Cues(
        labels=tuple(labels),
        relative_short=relative(cue_words(codes, "furniture", "short_time_units")),
        relative_long=relative(cue_words(codes, "furniture", "long_time_units")),
        zones=frozenset(z.upper() for z in shared.timezones),
        months=frozenset(shared.months),
        weekdays=frozenset(shared.weekdays),
        joiners=frozenset(shared.words("day_month_joiners")),
        share=frozenset(cue_words(codes, "furniture", "share_targets")),
        copyright=cue_words(codes, "furniture", "copyright"),
        function_words=frozenset(cue_words(codes, "furniture", "function_words")),
        caption_paren=re.compile(rf"\(\s*(?:[A-Z]+\s+)?(?:{caption})\s*[:/][^()]*\)", re.IGNORECASE),
        caption_inline=re.compile(rf"(?<![\w])(?:{caption})\s*:\s*[^.!?]*$", re.IGNORECASE),
        caption_word=re.compile(rf"(?<![\w])(?:{caption})(?![\w])", re.IGNORECASE),
        stop_words=lang_data(lang).stop_words,
        updated_lead=re.compile(
            rf"^(?:{alternation(cue_words(codes, 'furniture', 'updated'))})\b[^\n]{{0,60}}?{_CLOCK.pattern}"
            rf"(?:\s*(?:{alternation(shared.timezones)})\b)?",
            re.IGNORECASE,
        ),
        # "Diperbarui 20 November", and a first publication's stamp ("Pertama terbit: Rabu, 11 November 2026")
        updated_word=re.compile(
            rf"^(?:{alternation([*cue_words(codes, 'furniture', 'updated'), *shared.words('first_published')])})\b",
            re.IGNORECASE,
        ),
    )


# ---------------------------------------------------------------- one line


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_short(text: str, limit: int = SHORT_LINE) -> bool:
    return len(_words(text)) <= limit and not _END_PUNCT.search(text)


def _strip_markup(line: str) -> tuple[str, int]:
    """The line without leading Markdown markers, and how many characters were removed."""
    stripped = line.lstrip()
    body = re.sub(r"^(?:[#>*_]+\s*)+", "", stripped)
    return body, len(line) - len(body)


def line_reason(line: str, lang: str = "id") -> str | None:
    """Why one line (or sentence) is page furniture by itself, or None. Needs no article statistics."""
    cues = _cues(lang)
    body, _ = _strip_markup(line)
    body = body.strip()
    if not body:
        return None
    for pattern, reason in cues.labels:
        if pattern.search(body):
            if reason.endswith("?"):  # a single-word label without a separator: only on a short line
                if _is_short(body):
                    return reason[:-1]
                continue
            return reason
    if _AGENCY_TAG.match(body):
        return "byline"
    low = body.lower()
    if any(low.startswith(c) for c in cues.copyright):
        return "widget"
    short = _is_short(body, 12)
    if short and _timestamp_line(body, cues):
        return "timestamp"
    if _relative_line(body, cues) or _stamp_segments(body, cues, lang):
        return "timestamp"
    if short and _URL.search(body):
        return "link"
    words = _words(body)
    if len(words) >= 2 and sum(w.lower() in cues.share for w in words) >= 0.6 * len(words):
        return "widget"
    if _menu_by_separators(body):
        return "menu"
    return None


def _other_words(body: str, cues: _Cues, skip: Iterable[tuple[int, int]] = ()) -> int:
    """Words of ``body`` that are not clock or date parts, time zones or inside ``skip`` spans."""
    n = 0
    spans = list(skip)
    for m in _WORD.finditer(body):
        w = m.group(0)
        if any(a <= m.start() < b for a, b in spans):
            continue
        if re.fullmatch(r"[\d.:/]+|\d{1,2}h\d{2}", w) or w.upper() in cues.zones or w.lower() in cues.months:
            continue
        if w.lower() in cues.weekdays or w.lower() in cues.joiners:
            continue
        n += 1
    return n


def _timestamp_line(body: str, cues: _Cues) -> bool:
    """A line that is a date and time and little else ("Rabu, 19 Jun 2024 10:32 WIB", "Updated 10:32 GMT")."""
    words = _words(body)
    if _CLOCK.search(body):
        dated = bool(_YEAR_OR_DM.search(body) or any(w.upper() in cues.zones for w in words)
                     or any(w.lower() in cues.months for w in words) or cues.updated_lead.search(body))
        return dated and _other_words(body, cues) <= 3
    # a bare dateline: weekday, day, month, year and nothing else
    return bool(words) and len(words) <= 6 and _other_words(body, cues) == 0 and bool(_YEAR_OR_DM.search(body))


def _stamp_segments(body: str, cues: _Cues, lang: str) -> bool:
    """A line of separated segments ("Info Kota | Diperbarui 20 November 2026 | 1 hari yang lalu",
    "By A. Writer in Town | Updated 22 June 2026, 11:15"): timestamps, and beside them short labels
    (an outlet, a section) or other furniture (a byline)."""
    items = [i.strip() for i in re.split(r"\s+[|•·]\s+", body) if i.strip()]
    if len(items) < 2:
        return False
    stamps = [
        i for i in items
        if _timestamp_line(i, cues) or _relative_line(i, cues)
        or (_stamp_cue(i, cues) and _is_short(i, 8) and _other_words(i[_stamp_cue(i, cues) :], cues) <= 1)
    ]  # fmt: skip
    return bool(stamps) and all(
        i in stamps or (len(_words(i)) <= 4 and not _END_PUNCT.search(i)) or line_reason(i, lang) is not None
        for i in items
    )


def _stamp_cue(item: str, cues: _Cues) -> int:
    """Where the update or first-publication cue opening ``item`` ends ("Pertama terbit"), else 0."""
    m = cues.updated_word.search(item)
    return m.end() if m else 0


def _relative_line(body: str, cues: _Cues) -> bool:
    """A short line that is mostly a relative timestamp ("Dunia | 27 menit yang lalu", "2 hours ago")."""
    if not _is_short(body, 8):
        return False
    for pattern in (cues.relative_short, cues.relative_long):
        spans = [(m.start(), m.end()) for m in pattern.finditer(body)]
        if spans and _other_words(body, cues, spans) <= 3:
            return True
    return False


def _menu_by_separators(body: str) -> bool:
    items = [i.strip() for i in re.split(r"\s*[|•·»›>/\t]\s*|\s{3,}", body) if i.strip()]
    if len(items) < 3 or (not any(c in body for c in _SEPARATORS) and not re.search(r"\s{3,}", body)):
        return False
    return all(len(i.split()) <= 3 and i[:1].isupper() and not _END_PUNCT.search(i) for i in items)


# ---------------------------------------------------------------- the article


def find_furniture(text: str, lang: str = "id") -> list[FurnitureSpan]:
    """Spans of ``text`` (one article's body) that are page furniture, sorted and non-overlapping."""
    cues = _cues(lang)
    spans: list[FurnitureSpan] = []
    lines = _lines(text)
    counts = Counter(_norm_line(t) for _, t in lines if _is_short(t.strip(), 8))
    body_words = Counter(w.lower() for _, t in lines for w in _words(t))
    prose = 0  # lines of prose seen so far: a dateline opens one of the first two
    for start, line in lines:
        body, lead = _strip_markup(line)
        stripped = body.strip()
        if not stripped:
            continue
        a = start + lead + (len(body) - len(body.lstrip()))
        b = a + len(stripped)
        reason = line_reason(stripped, lang)
        if reason is None and counts[_norm_line(line)] >= 2 and _is_short(stripped, 8):
            reason = "repeated"
        if reason is None and _menu_by_vocabulary(stripped, cues, body_words):
            reason = "menu"
        if reason is None and _ends_with_credit(stripped, cues):
            reason = "caption"
        if reason is not None:
            spans.append(FurnitureSpan(a, b, reason))
            continue
        spans.extend(_inline(stripped, a, cues))
        if prose < 2 and not _is_short(stripped, 8):
            prose += 1
            d = dateline(stripped)
            if d:
                spans.append(FurnitureSpan(a, a + d, "dateline"))
    spans.extend(_spam(text, lines, cues.stop_words))
    return _merge(spans)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _norm_line(line: str) -> str:
    return " ".join(line.lower().split())


def _menu_by_vocabulary(body: str, cues: _Cues, body_words: Counter[str]) -> bool:
    """Capitalised words with no function word, almost none of them used elsewhere in the article."""
    words = _words(body)
    if len(words) < 5 or not _is_short(body, 12) or re.search(r"[,;:\d]", body):
        return False
    if not all(w[:1].isupper() for w in words) or any(w.lower() in cues.function_words for w in words):
        return False
    line_words = Counter(w.lower() for w in words)
    reused = sum(1 for w, n in line_words.items() if body_words[w] > n)
    return reused <= 0.3 * len(line_words)


def _ends_with_credit(body: str, cues: _Cues) -> bool:
    """A caption: the line ends in a photo credit ("... (Foto: Reuters)", "... REUTERS/Name")."""
    if len(_words(body)) > 40:
        return False
    paren = list(cues.caption_paren.finditer(body))
    if paren and paren[-1].end() >= len(body.rstrip(" .")):
        return True
    m = _SLASH_CREDIT.search(body)
    if m:
        left, _, right = m.group(0).partition("/")
        agency = any(len(w) >= 2 and w.isupper() for w in _words(left) + _words(right)[:1])
        return agency or bool(cues.caption_word.search(body[: m.start()]))
    return bool(cues.caption_inline.search(body))


_DATELINE = re.compile(r"(?P<head>[^\W\d_][^—–\n]{0,70}?)(?:\s[-–—]{1,2}\s|—\s*|\.-\s*)(?=\S)")
_HEAD_TOKEN = re.compile(r"[^\W_][\w'’.&]*")


def dateline(line: str) -> int:
    """Length of the dateline that opens a lead paragraph ("MARUNDA, Kabar Kita — ", "Kota Layar
    (ANTARA) - ", "Yakarta, 14 may (EFE).- "): where the story was filed and who carried it, not
    what it reports; 0 when there is none. A dateline is a short run of names (a place, an outlet,
    an agency in parentheses, a date) up to a dash: written in capitals, or with a comma or a
    parenthesis in it, and at most one short lower-case word (a month, "de")."""
    m = _DATELINE.match(line)
    if not m:
        return 0
    head = m.group("head").strip(" ,")
    tokens = _HEAD_TOKEN.findall(head)
    lower = [t for t in tokens if t[0].islower()]
    if not tokens or len(tokens) > 9 or len(lower) > 1 or any(len(t) > 4 for t in lower):
        return 0
    letters = [ch for ch in head if ch.isalpha()]
    caps = len(letters) >= 3 and all(ch.isupper() for ch in letters[: len(letters) // 2 + 1])
    if not (caps or "," in head or "(" in head):
        return 0
    return m.end()


def _inline(line: str, base: int, cues: _Cues) -> list[FurnitureSpan]:
    """Furniture inside a line that is otherwise text: credits in parentheses, timestamps, glued labels."""
    out = [FurnitureSpan(base + m.start(), base + m.end(), "caption") for m in cues.caption_paren.finditer(line)]
    out += [FurnitureSpan(base + m.start(), base + m.end(), "timestamp") for m in cues.relative_short.finditer(line)]
    m = cues.updated_lead.search(line)
    if m:
        out.append(FurnitureSpan(base + m.start(), base + m.end(), "timestamp"))
    return out


# ---------------------------------------------------------------- repeated tokens


def _binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), summed in log space from k until the terms vanish.

    At or below the mean (k <= n p) the tail is about one half or more and 1.0 is returned.
    """
    if k <= n * p:
        return 1.0
    if k > n:
        return 0.0

    def log_term(i: int) -> float:
        log_choose = math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1)
        return log_choose + i * math.log(p) + (n - i) * math.log1p(-p)

    first = log_term(k)
    total = 0.0
    for i in range(k, n + 1):
        x = log_term(i) - first
        total += math.exp(x)
        if x < -40:  # past the mode the terms only shrink
            break
    return min(1.0, math.exp(first) * total)


def _spam(text: str, lines: list[tuple[int, str]], stop_words: frozenset[str]) -> list[FurnitureSpan]:
    """Occurrences of tokens repeated unnaturally often, and the lines that hold little else."""
    occurrences: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # key -> (start, end, line no)
    line_words: list[list[re.Match[str]]] = []
    for no, (start, line) in enumerate(lines):
        ms = list(_WORD.finditer(line))
        line_words.append(ms)
        for m in ms:
            occurrences[m.group(0).lower()].append((start + m.start(), start + m.end(), no))
    n_tokens = sum(len(ms) for ms in line_words)
    n_lines = sum(1 for ms in line_words if ms)
    if n_tokens == 0:
        return []
    spam: set[str] = set()
    for key, occ in occurrences.items():
        if len(occ) < 3 or len(key) < 3 or key.isdigit():
            continue
        surfaces = [text[a:b] for a, b, _ in occ]
        if any(s.islower() for s in surfaces) or key in stop_words:  # common words: natural text repeats them
            continue
        spread = len({no for _, _, no in occ}) / max(n_lines, 1)
        frequent = len(occ) >= MIN_SPAM and spread >= 0.5 and _binomial_tail(len(occ), n_tokens, NAME_RATE) < SPAM_P
        detached = sum(_detached(text, lines, line_words, a, no) for a, _, no in occ)
        alone = len({no for _, _, no in occ}) >= 3 and detached >= 2 / 3 * len(occ)
        if frequent or alone:
            spam.add(key)
    out: list[FurnitureSpan] = []
    for key in spam:
        out += [FurnitureSpan(a, b, "spam") for a, b, _ in occurrences[key]]
    for no, ms in enumerate(line_words):
        if ms and any(m.group(0).lower() in spam for m in ms):
            rest = [m for m in ms if m.group(0).lower() not in spam]
            if len(rest) <= 2 and _is_short(lines[no][1].strip(), 8):
                start = lines[no][0]
                out.append(FurnitureSpan(start + ms[0].start(), start + ms[-1].end(), "spam"))
    return out


def _detached(text: str, lines: list[tuple[int, str]], line_words: list[list[re.Match[str]]], pos: int,
              no: int) -> bool:
    """The token at ``pos`` stands alone on its line, or ends a line after the sentence has ended."""
    ms = line_words[no]
    if len(ms) == 1:
        return True
    start = lines[no][0]
    last = ms[-1]
    if start + last.start() != pos:
        return False
    before = text[start : pos].rstrip()
    after = text[start + last.end() : start + len(lines[no][1])].strip()
    return bool(before) and before[-1] in ".!?”\"’" and not after


# ---------------------------------------------------------------- spans


def _merge(spans: Iterable[FurnitureSpan]) -> list[FurnitureSpan]:
    out: list[FurnitureSpan] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start <= out[-1].end:
            last = out[-1]
            if s.end > last.end:
                out[-1] = FurnitureSpan(last.start, s.end, last.reason)
            continue
        out.append(s)
    return out


def covered(start: int, end: int, spans: Sequence[FurnitureSpan]) -> int:
    """How many characters of ``start:end`` lie in ``spans``."""
    return sum(max(0, min(end, s.end) - max(start, s.start)) for s in spans)


def overlaps(start: int, end: int, spans: Sequence[FurnitureSpan]) -> bool:
    return any(s.start < end and start < s.end for s in spans)
