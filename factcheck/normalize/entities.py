"""People, organisations and places, with aliases merged across a corpus (the rule-based fallback).

Mentions are found the way a copy editor would: runs of capitalised words, with titles and
honorifics peeled off ("Mr Arifin", "Gubernur Marunda Rani Wiradana"). What a word is comes from the
language data (:mod:`factcheck.lang`: titles, honorifics, weekdays and months, place heads and
cues, country names) and from statistics of the corpus (:class:`CorpusStats`): a word that the
corpus mostly writes in lower case is not a name even when it starts a sentence or a headline,
and a run is split where both of its parts stand alone elsewhere in the corpus ("Balai Kota |
Rani Wiradana"). Aliases are merged corpus-wide by :class:`AliasIndex`: "Rani" becomes "Rani
Wiradana" when that is the most frequent full name containing it, "Wira-Dana" and "Wira Dana"
share a key, and country names in any language ("Jerman", "Germany", "DE") share one key.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from factcheck import lang, lexicon

EntityKind = Literal["person_or_org", "place", "country"]

# a hyphen continues a name only before a capital or a digit ("Jean-Pierre", "Korea-Utara", "COVID-19"):
# "Wanaseta-based", "Jakarta-born" are the name and an adjective made of it
_TOKEN = re.compile(r"[A-ZÀ-ÖØ-Þ](?:[\w'’.]|-(?=[A-ZÀ-ÖØ-Þ\d]))*\w|[A-ZÀ-ÖØ-Þ]")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?…:”\"]\s*$")


@dataclass(frozen=True)
class EntityMention:
    text: str  # as written, titles removed
    start: int
    end: int
    key: str  # normalised surface key (aliases are resolved later by AliasIndex)
    kind: EntityKind
    tag: str = ""  # the learned tagger's type for it (PER, ORG, LOC, EVT; "": none), see normalize/tagged.py
    tag_score: float = 0.0  # the tagger's mean probability of that type over its words


@dataclass
class CorpusStats:
    """How a corpus writes its words, computed once over every article and passed to the rules.

    ``lower``/``upper`` count each word's occurrences inside sentences (not at their start, not in
    headline-like lines) in lower case and capitalised; ``runs`` counts the capitalised runs that
    stand on their own.
    """

    lower: Counter[str] = field(default_factory=Counter)
    upper: Counter[str] = field(default_factory=Counter)
    runs: Counter[str] = field(default_factory=Counter)
    start_runs: Counter[str] = field(default_factory=Counter)  # whole runs that start a sentence

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CorpusStats:
        stats = cls()
        for text in texts:
            stats.add(text)
        return stats

    def add(self, text: str) -> None:
        for line in text.splitlines():
            words = list(_WORD.finditer(line))
            if not words or headline_like(line):
                continue
            prev_end = -1
            for m in words:
                gap = line[max(prev_end, 0) : m.start()]
                at_start = prev_end < 0 or bool(_SENTENCE_END.search(gap))
                prev_end = m.end()
                if at_start:
                    continue  # a sentence start says nothing about the word
                w = m.group(0)
                (self.upper if w[0].isupper() else self.lower)[w.lower()] += 1
            for start, end in _runs(line, ()):
                run = line[start:end].split(" ")
                if not start or _SENTENCE_END.search(line[:start]) or not line[:start].strip(" “\"'("):
                    self.start_runs[lang.fold(" ".join(run))] += 1
                    run = run[1:]  # a sentence-initial word may be any word
                if run:
                    self.runs[lang.fold(" ".join(run))] += 1

    def standalone(self, name: str) -> bool:
        """The corpus writes ``name`` as a run of its own (at a sentence start only when its words
        are capitalised inside sentences too: "Wiradana memperingatkan")."""
        key = lang.fold(name)
        if self.runs[key] > 0:
            return True
        return self.start_runs[key] > 0 and all((self.capitalised_ratio(w) or 0) >= 0.5 for w in name.split())

    def capitalised_ratio(self, word: str) -> float | None:
        """Share of the word's mid-sentence occurrences that are capitalised (None: never seen there)."""
        w = word.lower()
        n = self.lower[w] + self.upper[w]
        return self.upper[w] / n if n else None

    def is_common(self, word: str) -> bool:
        """A word the corpus mostly writes in lower case: not a name."""
        ratio = self.capitalised_ratio(word)
        return ratio is not None and ratio < 0.5


def headline_like(line: str) -> bool:
    """A title-cased line (all of its longer words capitalised): a headline, not running text."""
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 4 and all(w[0].isupper() for w in words)


@dataclass(frozen=True)
class _Words:
    """The word sets entity rules need, for one set of languages."""

    data: lang.LangData
    peel: frozenset[str]  # titles and honorifics
    honorifics: frozenset[str]
    connectors: frozenset[str]
    time_words: frozenset[str]
    stop: frozenset[str]
    place_heads: frozenset[str]
    place_cue: re.Pattern[str]
    noun_determiners: frozenset[str]  # before a common noun, in a language that capitalises nouns


@cache
def _words(codes: tuple[str, ...]) -> _Words:
    d = lang.data(codes)
    cues = lang.alternation(d.words("place_cues"))
    # "el distrito de X", "the regency of X", "la provincia di X": a kind of place, then the name
    kind_of = rf"\b(?:{lang.alternation(d.words('place_heads'))})\s+(?:{lang.alternation(d.words('place_of'))})\s+"
    return _Words(
        d,
        d.word_set("titles") | d.word_set("honorifics"),
        d.word_set("honorifics"),
        d.word_set("name_connectors"),
        d.time_words,
        d.stop_words,
        d.word_set("place_heads"),
        re.compile(rf"\b(?:{cues})\s+$|{kind_of}$", re.IGNORECASE),
        d.word_set("noun_determiners"),
    )


_codes = lang.as_codes


@cache
def company_forms() -> frozenset[str]:
    """Legal forms of companies in every language with data ("pt", "tbk", "ltd", "gmbh"): a company
    keeps its form whatever language reports on it ("operated by PT X" in English)."""
    return lang.data(lang.available()).word_set("company_forms")


@cache
def company_prefixes() -> frozenset[str]:
    """The legal forms that open a company's name ("PT", "CV"), in every language with data."""
    return lang.data(lang.available()).word_set("company_prefixes")


def country_keys() -> frozenset[str]:
    """Canonical keys of every country (any language's data gives the same keys)."""
    return lang.data(lang.DEFAULT).countries.keys


def surface_key(name: str, langs: Sequence[str] | str | None = None) -> str:
    """'Rani Wira-Dana' -> 'rani wira dana'; 'Mr. Arifin' -> 'arifin'; country names folded to one key."""
    w = _words(_codes(langs))
    words = name.split()
    while words and lang.fold(words[0]) in w.peel:
        words.pop(0)
    rest = " ".join(words)
    return w.data.countries.key(rest) or lang.fold(rest)


def _runs(sentence: str, connectors: Iterable[str]) -> Iterable[tuple[int, int]]:
    """Spans of runs of capitalised tokens (with lower-case connectors inside)."""
    conn = set(connectors)
    tokens = list(_TOKEN.finditer(sentence))
    i = 0
    while i < len(tokens):
        start, end = tokens[i].start(), _unpossessed(sentence, tokens[i])
        j = i + 1
        while j < len(tokens) and end == tokens[j - 1].end():  # a possessive ends the name: "Indonesia's"
            gap = sentence[end : tokens[j].start()]
            if gap == " " or (gap.strip().lower() in conn and len(gap) < 7 and gap.startswith(" ")):
                end = _unpossessed(sentence, tokens[j])
                j += 1
            else:
                break
        yield start, end
        i = j


_POSSESSIVE = re.compile(r"['’]s$")
_ROMAN = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_ACRONYM = re.compile(r"\(([A-Z]{2,10})\)")
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def defined_acronyms(sentence: str) -> list[tuple[int, int, int, int]]:
    """Names spelt out before their acronym, in any language: "Pusat Vulkanologi dan Mitigasi Bencana
    Geologi (PVMBG)", "Komisi Pemberantasan Korupsi (KPK)". Each is ``(start, end)`` of the long form
    and of the acronym: the capitalised words just before the brackets whose initials spell it, with
    short lower-case words between them ("dan", "of", "de", "für")."""
    out = []
    for m in _ACRONYM.finditer(sentence):
        acronym = m.group(1)
        head = sentence[: m.start()].rstrip()
        if len(head) == m.start():
            continue  # "X(PVMBG)": not the usual way of spelling a name out
        initials = ""
        for w in reversed(list(_LONG_WORD.finditer(head))):
            word = w.group(0)
            if word[0].isupper():
                initials = word[0] + initials
                if initials == acronym:
                    out.append((w.start(), len(head), m.start(1), m.end(1)))
                    break
                if not acronym.endswith(initials):
                    break
            elif not initials or len(word) > 3:
                break  # a connector only between words of the name
    return out


def _unpossessed(sentence: str, token: re.Match[str]) -> int:
    """Where a capitalised token's name ends: before an English possessive ("Indonesia's", "Russia’s")."""
    m = _POSSESSIVE.search(token.group(0))
    return token.start() + m.start() if m and m.start() > 0 else token.end()


def _cut_at(sentence: str, start: int, end: int, bad: Iterable[str]) -> list[tuple[int, int]]:
    """Split a run at the words in ``bad`` (weekdays, months): "Kim Rabu" is "Kim"."""
    badset = set(bad)
    out: list[tuple[int, int]] = []
    piece: tuple[int, int] | None = None
    for m in re.finditer(r"\S+", sentence[start:end]):
        s, e = start + m.start(), start + m.end()
        if m.group(0).lower().strip(".,") in badset:
            if piece:
                out.append(piece)
            piece = None
        else:
            piece = (piece[0], e) if piece else (s, e)
    if piece:
        out.append(piece)
    return out


def _cut_before(sentence: str, *pieces: tuple[int, int], honorifics: frozenset[str]) -> list[tuple[int, int]]:
    """Start a new name at an honorific inside a run: "Pertemuan Mr Kim" is "Pertemuan" + "Mr Kim"."""
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        cut = start
        for m in re.finditer(r"\S+", sentence[start:end]):
            if m.start() and lang.fold(m.group(0)) in honorifics:
                out.append((cut, start + m.start() - 1))
                cut = start + m.start()
        out.append((cut, end))
    return out


def _split_run(sentence: str, start: int, end: int, w: _Words, stats: CorpusStats | None) -> list[tuple[int, int]]:
    """Split "Dinas Pengairan Marunda Dimas Arifin" after the organisation or country part.

    A split point is taken when the part before it ends in a country name, an acronym or a legal
    form ("Tbk", "Ltd"), or when the corpus has seen both parts as runs of their own; never right
    after a legal form that opens the run ("PT").
    """
    words = list(re.finditer(r"\S+", sentence[start:end]))
    opening = company_prefixes()
    for i in range(1, len(words) - 1):  # "Firma PT Sawaru Geo Energi": the company's name opens with its form
        if words[i].group(0).lower().strip(".,") in opening:
            return [(start, start + words[i - 1].end()), (start + words[i].start(), end)]
    for i in range(len(words) - 1, 0, -1):
        head = sentence[start : start + words[i - 1].end()]
        tail = sentence[start + words[i].start() : end]
        last = words[i - 1].group(0)
        tail_len = len(words) - i
        if tail_len > 4 or tail_len < 2:  # the part after the split must look like a full name
            continue
        two = " ".join(x.group(0) for x in words[max(0, i - 2) : i])
        known = stats is not None and stats.runs[lang.fold(tail)] > 0 and stats.runs[lang.fold(head)] > 0
        legal_form = last.lower().strip(".,") in company_forms()
        if legal_form and (i == 1 or last.lower().strip(".,") in opening):
            continue  # "PT Teluk Semen": a legal form opens the company's name
        # "Teluk Semen Tbk Dimas Arifin": a legal form closes the company's name
        acronym = last.isupper() and len(last) > 1
        if legal_form or w.data.countries.key(two) or w.data.countries.key(last) or acronym or known:
            return [(start, start + len(head)), (start + words[i].start(), end)]
    return [(start, end)]


def _common_noun(words: Sequence[str], before: Sequence[str], w: _Words, after: str = "") -> bool:
    """Where every noun is capitalised (``noun_determiners`` in the language data): a lone word after
    a determiner ("bei einem Brand", "ums Leben") or before a genitive one ("nach Angaben der Polizei":
    ``after`` is the next word, as written; ``genitive_determiners``), or words after a figure ("gegen 2.40
    Uhr") are common nouns, not a name. Acronyms stay names."""
    if not w.noun_determiners or " ".join(words).isupper():
        return False
    if len(words) == 1 and after in w.data.word_set("genitive_determiners"):  # as written: "der", not "Der"
        return True
    if not before:
        return False
    return (len(words) == 1 and before[-1].lower() in w.noun_determiners) or before[-1][:1].isdigit()


def _is_amount(key: str, w: _Words) -> bool:
    """A currency sign glued to a figure ("rp500", "us$7"): an amount, not a name."""
    m = re.match(r"([^\W\d]+\$?|\$)\s?\d", key)
    return bool(m and m.group(1) in w.data.currency_prefixes)


def _next_word(sentence: str, end: int) -> str:
    m = re.match(r"\s+([a-z]+)\b", sentence[end : end + 24])
    return m.group(1) if m else ""


def find_entities(
    sentence: str,
    common: set[str] | frozenset[str] = frozenset(),
    *,
    langs: Sequence[str] | str | None = None,
    stats: CorpusStats | None = None,
) -> list[EntityMention]:
    """Named mentions in one sentence, titles and honorifics removed.

    A capitalised word at the start of the sentence is peeled off when it is a stop word, a time
    word, or one the corpus mostly writes in lower case (``stats``; without them, ``common``: the
    words seen in lower case in the same article). In a headline-like sentence every such word
    splits its run ("Kim Tiba" is "Kim").
    """
    w = _words(_codes(langs))

    def is_common(word: str) -> bool:
        x = word.lower().strip(".,“”\"'()")
        if word.isupper() or w.data.countries.key(word):
            return False  # an acronym or a country is a name
        if x in w.stop or x in w.time_words:
            return True
        if stats is not None:
            return stats.is_common(x)
        return x in common

    headline = headline_like(sentence)
    out: list[EntityMention] = []
    spans: list[tuple[int, int]] = []
    for run in _runs(sentence, w.connectors):
        for piece in _cut_before(sentence, *_cut_at(sentence, *run, w.time_words), honorifics=w.honorifics):
            if headline:
                spans.extend(
                    p
                    for part in _cut_at(
                        sentence,
                        *piece,
                        [t.lower().strip(".,") for t in sentence[piece[0] : piece[1]].split() if is_common(t)],
                    )
                    for p in _split_run(sentence, *part, w, stats)
                )
            else:
                spans.extend(_split_run(sentence, *piece, w, stats))
    for lo, hi, _, _ in defined_acronyms(sentence):  # a name spelt out before its acronym is one name
        inside = [sp for sp in spans if lo <= sp[0] and sp[1] <= hi]
        if len(inside) > 1:
            spans = [sp for sp in spans if sp not in inside] + [(inside[0][0], inside[-1][1])]
    spans.sort()
    for start, end in spans:
        at_start = start == 0 or sentence[:start].strip(" “\"'(") == "" or bool(_SENTENCE_END.search(sentence[:start]))
        words = sentence[start:end].split(" ")
        # peel titles and honorifics (anywhere) and common words (at the sentence start, or after a
        # title: "Menteri Pertahanan Budi" is "Budi" when the corpus writes "pertahanan" in lower case)
        after_title = False
        while words and (
            lang.fold(words[0]) in w.peel
            or (
                not words[0].isupper()
                and not w.data.countries.key(words[0])
                and (((at_start or after_title) and is_common(words[0])) or words[0].lower() in w.stop)
            )
        ):
            after_title = after_title or lang.fold(words[0]) in w.peel
            start += len(words[0]) + 1
            words.pop(0)
        while words and words[-1].lower() in w.connectors:
            words.pop()
        if not words:
            continue
        text = " ".join(words)
        end = start + len(text)
        if len(text) < 2 or text.isdigit():
            continue
        following = re.match(r" (\w+)", sentence[end : end + 24])
        if _common_noun(words, sentence[:start].split(), w, following.group(1) if following else ""):
            continue
        key = surface_key(text, w.data.codes)
        if not key or key in w.data.units or key in w.data.currency_prefixes or _is_amount(key, w):
            continue  # "Rp", "km", "Rp500": a unit or an amount, not a name
        if key in w.data.timezones:
            continue  # "pukul 02.40 WIT": a time zone
        kind: EntityKind
        forms = company_forms()
        if w.data.countries.key(text):
            kind = "country"
        elif {words[0].lower().strip(".,"), words[-1].lower().strip(".,")} & forms:
            kind = "person_or_org"  # "PT ...", "... Ltd": a company, wherever it stands
        elif (
            words[0].lower() in w.place_heads
            or (len(words) > 1 and words[-1].lower() in w.place_heads)  # "Bumi Sakti Stadium"
            or _next_word(sentence, end) in w.place_heads  # "Suka Damai village"
            or (
                w.place_cue.search(sentence[max(0, start - 16) : start])
                # "ke Level IV", "Elizabeth II": a rank or a numbered thing, no place by its cue alone
                and not (len(words) > 1 and _ROMAN.match(words[-1]))
            )
        ):
            kind = "place"
        else:
            kind = "person_or_org"
        out.append(EntityMention(text, start, end, key, kind))
    return out


class AliasIndex:
    """Maps surface keys to a canonical key across a whole corpus.

    A key ("rani", "arifin", "wira dana") maps to the most frequent longer key that begins or
    ends with its words ("rani wiradana", "dimas arifin", "sekar wira dana"). Build it once from every mention of the
    corpus (it is plain data, so it can be built per batch and merged).
    """

    def __init__(self, keys: Iterable[str] | Mapping[str, int]) -> None:
        self.counts: Counter[str] = Counter()
        for k, n in keys.items() if isinstance(keys, Mapping) else ((k, 1) for k in keys):
            self.counts[lexicon.alias(k)] += n  # the user lexicon's other names of one entity
        self._canon: dict[str, str] = {}
        countries = country_keys()
        # every key under each of its shorter word prefixes and suffixes: linear, not all pairs
        ends: dict[tuple[str, ...], set[str]] = {}
        for m in self.counts:
            mw = tuple(m.split())
            for k in range(1, len(mw)):
                ends.setdefault(mw[:k], set()).add(m)
                ends.setdefault(mw[-k:], set()).add(m)
        for key in self.counts:
            if key in countries:
                continue  # a country's name is never short for a longer name
            longer = ends.get(tuple(key.split()), set())
            if longer:
                self._canon[key] = max(longer, key=lambda m: (self.counts[m], -len(m), m))

    def canonical(self, key: str) -> str:
        key = lexicon.alias(key)  # the user lexicon's other names of one entity
        seen = {key}
        while key in self._canon and self._canon[key] not in seen:
            key = self._canon[key]
            seen.add(key)
        return key

    def __call__(self, key: str) -> str:
        return self.canonical(key)


def split_known(text: str, stats: CorpusStats) -> tuple[str, str] | None:
    """Split a name where the corpus has seen both parts as names of their own ("Balai Kota Dimas
    Arifin" -> "Balai Kota", "Dimas Arifin" when "Balai Kota" and "Dimas Arifin", or "Arifin" alone as
    a person is referred to later, stand elsewhere), the longest tail first."""
    words = text.split(" ")
    for i in range(1, len(words) - 1):
        head, tail = " ".join(words[:i]), words[i:]
        if len(tail) > 4 or not stats.standalone(head):
            continue
        if stats.standalone(" ".join(tail)) or (len(tail) <= 3 and stats.standalone(tail[-1])):
            return head, " ".join(tail)
    return None


def refine_entities(
    entities: Sequence[EntityMention], sentence: str, stats: CorpusStats, langs: Sequence[str] | str | None = None
) -> tuple[EntityMention, ...]:
    """Refine mentions with corpus-wide statistics: split names where the corpus knows both parts,
    and peel sentence-initial words the corpus mostly writes in lower case."""
    w = _words(_codes(langs))
    split: list[EntityMention] = []
    for e in entities:
        parts = split_known(e.text, stats)
        if parts is None:
            split.append(e)
            continue
        head, tail = parts
        t0 = e.start + len(head) + 1
        split.append(EntityMention(head, e.start, e.start + len(head), surface_key(head, w.data.codes), e.kind))
        split.append(EntityMention(tail, t0, t0 + len(tail), surface_key(tail, w.data.codes), e.kind))
    out: list[EntityMention] = []
    for e in split:
        before = sentence[: e.start]
        if before.strip(" “\"'(") and not _SENTENCE_END.search(before):
            out.append(e)
            continue
        words = e.text.split(" ")
        start = e.start
        if len(words) == 1 and not e.text.isupper() and e.kind != "country" and stats.capitalised_ratio(e.text) is None:
            continue  # one capitalised word that only ever starts sentences ("Menurut", "Seusai"): no name
        while (
            len(words) > 0
            and not words[0].isupper()
            and not w.data.countries.key(words[0])
            and stats.is_common(words[0])
        ):
            start += len(words[0]) + 1
            words.pop(0)
        if not words:
            continue
        if start == e.start:
            out.append(e)
            continue
        text = " ".join(words)
        out.append(EntityMention(text, start, start + len(text), surface_key(text, w.data.codes), e.kind))
    return tuple(out)
