"""Atomic facts: split a sentence into the facts it states and peel the attribution off.

``split_facts("Rudi tiba di Makassar pada Selasa, sementara Sari tiba sehari kemudian, kata
pejabat itu.", "id")`` gives two facts ("Rudi tiba di Makassar pada Selasa", "Sari tiba sehari
kemudian") whose speaker is "pejabat itu". Every fact is a character span of the sentence, so a
report can quote it verbatim at ``file:line``; nothing is rewritten.

What is split, with the words of each language's data (``factcheck/lang/<code>/lang.json`` for
speech verbs and "according to", ``attribution.json`` for the rest):

- attribution, into ``speaker_span``: "X mengatakan (kepada Y) bahwa F", "X said (that) F",
  "menurut X, F", "according to X, F", "F, menurut X.", "F, kata X.", "“F,” ujarnya.", "F, X said.";
- "; " between clauses;
- a contrast after a comma: "A, sementara B", "A, while B", "A, mientras que B", "A, während B";
- a coordinator after a comma between clauses ("A, dan B", "A, but B"), unless the comma ends a
  list item ("Maros, Pangkep, dan Barru");
- a non-restrictive relative clause ("X, yang B, ...", "X, which B"): a fact of its own, from its
  antecedent (the capitalised run before the comma) to the clause's end.

Bare "dan"/"and" without a comma is not split: without a parser it joins noun phrases ("Kim dan
Wiradana") far more often than clauses. Requests ("meminta", "urged") are not attribution of a fact.
:func:`merge_short` folds facts too short to check back into a neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from factcheck.furniture import cue_words
from factcheck.lang import alternation
from factcheck.lang import data as lang_data

#: words between a speech verb and its complementizer ("said on Monday that", "mengatakan kepada BBC bahwa")
MAX_GAP = 8
#: words after a post-posed attribution ("..., kata Hertling kepada CNN, Senin, tentang ...")
MAX_TAIL = 15
MAX_SPEAKER = 25  # words before a speech verb that can still be its subject
_QUOTES = "“”\"‘’'«»„"
_WORDS = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


@dataclass(frozen=True)
class FactSpan:
    """One fact of a sentence: ``sentence[start:end]``; ``speaker_span`` marks who is said to state it."""

    start: int
    end: int
    speaker_span: tuple[int, int] | None = None

    def text(self, sentence: str) -> str:
        return sentence[self.start : self.end]


@dataclass(frozen=True)
class _Cues:
    verb: re.Pattern[str]  # "X mengatakan F"
    after: re.Pattern[str]  # "F, kata X" / "katanya"
    according: re.Pattern[str]
    complementizer: re.Pattern[str]
    recipients: frozenset[str]
    relative: re.Pattern[str]
    contrast: re.Pattern[str]
    coordinator: re.Pattern[str]
    connectives: tuple[str, ...]
    not_clause_starts: frozenset[str]
    apposition: re.Pattern[str]


@cache
def _cues(lang: str) -> _Cues:
    shared = lang_data(lang)
    needs_quote = shared.word_set("speech_needs_quote")
    verbs = [v for v in shared.words("speech_verbs") if v not in needs_quote]
    after = [v for v in shared.words("speech_after") if v not in needs_quote]
    suffix = alternation(shared.words("speech_pronoun_suffix"))

    def words(key: str) -> str:
        return alternation(cue_words((lang,), "attribution", key))

    return _Cues(
        verb=re.compile(rf"(?<![\w-])(?:{alternation(verbs)})(?![\w-])", re.IGNORECASE),
        after=re.compile(rf"(?<![\w-])(?P<verb>{alternation(after)})(?P<nya>{suffix})?(?![\w-])", re.IGNORECASE),
        according=re.compile(rf"(?<![\w-])(?:{alternation(shared.words('according_to'))})(?![\w-])", re.IGNORECASE),
        complementizer=re.compile(rf"(?<![\w-])(?:{words('complementizers')})(?![\w-])", re.IGNORECASE),
        recipients=shared.word_set("speech_recipients"),
        relative=re.compile(rf",\s+(?:{words('relatives')})(?![\w-])", re.IGNORECASE),
        contrast=re.compile(rf",\s+(?:{words('contrast')})(?![\w-])\s*,?", re.IGNORECASE),
        coordinator=re.compile(rf",\s+(?:{words('coordinators')})(?![\w-])\s*,?", re.IGNORECASE),
        connectives=cue_words((lang,), "attribution", "connectives"),
        not_clause_starts=frozenset(cue_words((lang,), "attribution", "not_clause_starts")),
        apposition=re.compile(
            rf",\s+(?:{alternation([*shared.words('apposition'), *cue_words((lang,), 'attribution', 'relatives')])})"
            r"(?![\w-])",
            re.IGNORECASE,
        ),
    )


# ---------------------------------------------------------------- helpers


def _nwords(text: str) -> int:
    return len(_WORDS.findall(text))


def _trim(s: str, a: int, b: int) -> tuple[int, int]:
    """Shrink ``a:b`` past spaces, stray punctuation and unmatched quote marks."""
    changed = True
    while changed and a < b:
        changed = False
        while a < b and (s[a].isspace() or s[a] in ",;:–—-"):
            a, changed = a + 1, True
        while a < b and (s[b - 1].isspace() or s[b - 1] in ",;:–—-"):
            b, changed = b - 1, True
        text = s[a:b]
        opens, closes = text.count("“") + text.count("‘"), text.count("”") + text.count("’")
        straight = text.count('"') % 2 == 1
        pair = (text[:1], text[-1:]) in {("“", "”"), ("‘", "’"), ('"', '"')}
        enclosed = pair and opens + closes + text.count('"') == 2
        if len(text) > 2 and enclosed:  # one quote, whole: the fact is what is inside
            a, b, changed = a + 1, b - 1, True
            continue
        if (a < b and s[a] in "“‘" and opens > closes) or (a < b and s[a] == '"' and straight):
            a, changed = a + 1, True
        elif (a < b and s[b - 1] in "”’" and closes > opens) or (a < b and s[b - 1] == '"' and straight):
            b, changed = b - 1, True
    return a, b


def _comma(s: str, a: int, b: int, last: bool = False) -> int:
    """The first (or last) comma of ``s[a:b]`` that is punctuation, not a decimal comma ("7,3"); -1 if none."""
    found = -1
    for i in range(a, b):
        if s[i] == "," and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()):
            if not last:
                return i
            found = i
    return found


def _strip_connectives(s: str, a: int, b: int, cues: _Cues) -> int:
    """Move ``a`` past leading connectives ("Namun", "However,")."""
    while True:
        head = s[a:b].lower()
        for c in cues.connectives:
            if head.startswith(c) and not head[len(c) : len(c) + 1].isalnum():
                a += len(c)
                while a < b and (s[a].isspace() or s[a] == ","):
                    a += 1
                break
        else:
            break
    while a < b and s[a].isspace():
        a += 1
    return a


def _skip_adverbial(s: str, a: int, b: int, cues: _Cues) -> int:
    """Move ``a`` past a short leading adverbial that ends in a comma ("Pekan lalu,", "On Monday,")."""
    comma = _comma(s, a, b)
    if comma != -1 and _nwords(s[a:comma]) <= 3 and not cues.relative.match(s, comma) and _nwords(s[comma:b]) >= 1:
        a = comma + 1
        while a < b and s[a].isspace():
            a += 1
    return a


# ---------------------------------------------------------------- attribution


@dataclass(frozen=True)
class _Peeled:
    region: tuple[int, int]  # where the attributed content is
    speaker: tuple[int, int] | None
    speaker_region: tuple[int, int] | None = None  # the subject noun phrase, which may hold a relative clause


def _peel(s: str, cues: _Cues) -> _Peeled:
    n = len(s)
    for finder in (_according_prefix, _according_suffix, _after_suffix, _subject_suffix, _subject_prefix):
        got = finder(s, cues)
        if got is not None:
            return got
    return _Peeled((0, n), None)


def _according_prefix(s: str, cues: _Cues) -> _Peeled | None:
    start = _strip_connectives(s, 0, len(s), cues)
    m = cues.according.match(s, start)
    if not m:
        return None
    comma = _comma(s, m.end(), len(s))
    if comma == -1 or _nwords(s[m.end() : comma]) > 10 or _nwords(s[comma:]) < 2:
        return None
    who = _trim(s, m.end(), comma)
    return _Peeled((comma + 1, len(s)), who)


def _according_suffix(s: str, cues: _Cues) -> _Peeled | None:
    for m in cues.according.finditer(s):
        before = s[: m.start()].rstrip()
        if not before.endswith(","):
            continue
        tail = s[m.end() :]
        comma = _comma(s, m.end(), len(s))
        # one comma before a short name ("according to the country's volcanology agency, PVMBG"): an appositive
        appositive = comma != -1 and _comma(s, comma + 1, len(s)) == -1 and _appositive_name(s[comma + 1 :])
        if (comma != -1 and not appositive) or _nwords(tail) > 10:
            continue
        end = len(s.rstrip(" .!?" + _QUOTES))
        return _Peeled((0, len(before) - 1), _trim(s, m.end(), end))
    return None


def _appositive_name(rest: str) -> bool:
    """What follows an attribution's comma is a name alone: at most four words, each capitalised or an
    acronym ("PVMBG.", "Rusli Taher")."""
    words = rest.strip(" .!?" + _QUOTES).split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def _after_suffix(s: str, cues: _Cues) -> _Peeled | None:
    """"F, kata X (kepada Y) ..." and "“F,” ujarnya."."""
    for m in cues.after.finditer(s):
        before = s[: m.start()].rstrip()
        if not before or before[-1] not in "," + _QUOTES or _nwords(before) < 2:
            continue
        if _nwords(s[m.end() :]) > MAX_TAIL or cues.complementizer.search(s, m.end()):
            continue
        cut = len(before) - 1 if before.endswith(",") else len(before)
        if m.group("nya"):
            return _Peeled((0, cut), (m.start("nya"), m.end("nya")))
        who_end = m.end()
        for w in _WORDS.finditer(s, m.end()):
            if w.group(0).lower() in cues.recipients:
                break
            gap = s[who_end : w.start()]
            if any(c in gap for c in ",.;") and who_end > m.end():
                break
            who_end = w.end()
        if who_end == m.end():
            continue
        return _Peeled((0, cut), (_trim(s, m.end(), who_end)))
    return None


def _subject_suffix(s: str, cues: _Cues) -> _Peeled | None:
    """"F, X said." / "F, Marks menjelaskan."."""
    comma = max(_comma(s, 0, len(s), last=True), s.rfind("”"), s.rfind('"'))
    if comma <= 0:
        return None
    tail = s[comma + 1 :]
    words = list(_WORDS.finditer(tail))
    if not 2 <= len(words) <= 8:
        return None
    for i, w in enumerate(words[1:], 1):
        if cues.verb.fullmatch(w.group(0)) or cues.after.fullmatch(w.group(0)):
            who = words[:i]
            rest = tail[w.end() :]
            if len(who) > 5 or _nwords(rest) > 4 or not (who[0].group(0)[:1].isupper() or len(who) <= 3):
                return None
            if cues.complementizer.search(rest):
                return None
            before = s[:comma].rstrip()
            cut = len(before) - 1 if before.endswith(",") else len(before)
            if _nwords(s[:cut]) < 2:
                return None
            return _Peeled((0, cut), (comma + 1 + who[0].start(), comma + 1 + who[-1].end()))
    return None


def _subject_prefix(s: str, cues: _Cues) -> _Peeled | None:
    """"X mengatakan (kepada Y) (bahwa) F" / "X said (on Monday) (that) F"."""
    start = _strip_connectives(s, 0, len(s), cues)
    for m in cues.verb.finditer(s, start):
        who_text = s[start : m.start()]
        if not who_text.strip() or any(q in who_text for q in _QUOTES) or ";" in who_text:
            return None
        if cues.complementizer.search(who_text) or _nwords(who_text) > MAX_SPEAKER:
            return None
        if not any(w[:1].isupper() for w in _WORDS.findall(who_text)):
            continue
        who_start = _skip_adverbial(s, start, m.start(), cues)
        first = _comma(s, who_start, m.start())
        if (first != -1 and not cues.apposition.match(s, first)) or cues.after.search(s, who_start, m.start()):
            return None  # a clause, not a noun phrase, stands before the verb
        after = list(_WORDS.finditer(s, m.end()))
        if not after:
            return None
        region_start: int | None = None
        for i, w in enumerate(after[: MAX_GAP + 1]):
            if any(c in s[m.end() : w.start()] for c in ";" + _QUOTES):
                break
            if cues.complementizer.fullmatch(w.group(0)):
                first_recipient = after[0].group(0).lower() in cues.recipients
                if i <= 2 or first_recipient:
                    region_start = w.end()
                break
        if region_start is None:
            nxt = after[0]
            region_start = m.end()
            if nxt.group(0).lower() in cues.recipients:
                comma = _comma(s, nxt.end(), len(s))
                if comma == -1 or _nwords(s[nxt.start() : comma]) > MAX_GAP:
                    return None
                region_start = comma + 1
        if _nwords(s[region_start:]) < 2:
            return None
        who = _trim(s, who_start, m.start())
        return _Peeled((region_start, len(s)), who, who)
    return None


# ---------------------------------------------------------------- clauses


def _clauses(s: str, a: int, b: int, cues: _Cues) -> list[tuple[int, int]]:
    """Split ``s[a:b]`` at semicolons, contrasts and clause coordinators; relative clauses added."""
    pieces: list[tuple[int, int]] = []
    pos = a
    for m in re.finditer(r";\s", s[a:b]):
        pieces.append((pos, a + m.start()))
        pos = a + m.end()
    pieces.append((pos, b))
    out: list[tuple[int, int]] = []
    for pa, pb in pieces:
        out.extend(_split_piece(s, pa, pb, cues))
    return out


def _split_piece(s: str, a: int, b: int, cues: _Cues) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []  # (end of left part, start of right part)
    for m in cues.contrast.finditer(s, a, b):
        cuts.append((m.start(), m.end()))
    for m in cues.coordinator.finditer(s, a, b):
        prev_comma = _comma(s, a, m.start(), last=True)
        item = s[(prev_comma + 1 if prev_comma != -1 else a) : m.start()]
        nxt = _comma(s, m.end(), b)
        right = s[m.end() : nxt if nxt != -1 else b]
        head = _WORDS.match(s, m.end()) or _WORDS.search(s, m.end(), b)
        listed = _comma(s, _skip_adverbial(s, a, m.start(), cues), m.start()) != -1
        clause = head is not None and head.group(0).lower() not in cues.not_clause_starts
        if _nwords(item) >= 3 and _nwords(right) >= 3 and clause and not listed:
            cuts.append((m.start(), m.end()))
    parts: list[tuple[int, int]] = []
    pos = a
    for left_end, right_start in sorted(cuts):
        if left_end < pos:
            continue
        parts.append((pos, left_end))
        pos = right_start
    parts.append((pos, b))
    out: list[tuple[int, int]] = []
    for pa, pb in parts:
        out.extend(_relatives(s, pa, pb, cues))
    return out


def _relatives(s: str, a: int, b: int, cues: _Cues) -> list[tuple[int, int]]:
    """The part itself (without a relative clause that ends it) and each non-restrictive relative clause."""
    main_end = b
    out: list[tuple[int, int]] = []
    closes: set[int] = set()
    for m in cues.relative.finditer(s, a, b):
        comma = m.start()
        close = _comma(s, m.end(), b)
        end = close if close != -1 else b
        closes.add(end)
        ant = _antecedent(s, a, comma)
        if ant is None or comma in closes:  # not a named antecedent, or a chain ("PBB, yang ..., yang ...")
            continue
        out.append((ant, end))
        if close == -1 and main_end == b:
            main_end = comma
    return [(a, main_end), *out]


def _antecedent(s: str, a: int, comma: int) -> int | None:
    """Start of the capitalised run that ends at ``comma`` ("Menteri Perhubungan Rudi Hartono"), or None.

    A relative clause states a separate fact about a named antecedent; after a common noun it
    usually restricts it ("sistem ..., yang") and is left in place.
    """
    words = list(_WORDS.finditer(s, a, comma))
    if not words or not words[-1].group(0)[:1].isupper():
        return None
    start = words[-1].start()
    for w in reversed(words):
        if not w.group(0)[:1].isupper():
            break
        start = w.start()
    return start


# ---------------------------------------------------------------- API


def split_facts(sentence: str, lang: str = "id") -> list[FactSpan]:
    """The facts ``sentence`` states, as spans of it, sorted by start.

    Pure: the same sentence and language always give the same spans. A sentence that states one
    fact with no attribution gives one span covering it (quotes and end punctuation trimmed).
    """
    cues = _cues(lang)
    peeled = _peel(sentence, cues)
    facts: list[FactSpan] = []
    ra, rb = peeled.region
    for a, b in _clauses(sentence, ra, rb, cues):
        a, b = _trim(sentence, a, b)
        if _nwords(sentence[a:b]):
            facts.append(FactSpan(a, b, peeled.speaker))
    if peeled.speaker_region is not None:
        sa, sb = peeled.speaker_region
        for m in cues.relative.finditer(sentence, sa, sb):
            close = _comma(sentence, m.end(), sb)
            ant = _antecedent(sentence, sa, m.start())
            if ant is None:
                continue
            a, b = _trim(sentence, ant, close if close != -1 else sb)
            if _nwords(sentence[a:b]):
                facts.append(FactSpan(a, b, None))
    return sorted(set(facts), key=lambda f: (f.start, f.end))


def merge_short(
    facts: Sequence[FactSpan], sentence: str, min_words: int, valued: Callable[[str], bool] | None = None
) -> list[FactSpan]:
    """Fold facts of fewer than ``min_words`` words into a neighbour (the one before, else after); a
    fact of at least ``min_words - 2`` words that ``valued`` says states a value ("14 warga meninggal
    dunia", "sembilan orang lainnya masih hilang") stays: its figure or date can be checked alone."""

    def too_short(f: FactSpan) -> bool:
        n = len(f.text(sentence).split())
        return n < min_words and not (valued is not None and n >= min_words - 2 and valued(f.text(sentence)))

    out = sorted(facts, key=lambda f: (f.start, f.end))
    while len(out) > 1:
        short = next((i for i, f in enumerate(out) if too_short(f)), None)
        if short is None:
            break
        f = out.pop(short)
        inside = next((g for g in out if g.start <= f.start and f.end <= g.end), None)
        if inside is not None:
            continue
        j = short - 1 if short > 0 else 0
        g = out[j]
        speaker = g.speaker_span if g.speaker_span is not None else f.speaker_span
        out[j] = FactSpan(min(f.start, g.start), max(f.end, g.end), speaker)
        out = sorted(set(out), key=lambda x: (x.start, x.end))
    return out
