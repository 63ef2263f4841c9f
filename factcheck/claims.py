"""Stage 2: split articles into sentences and keep the checkable ones as claims with typed slots."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from factcheck.corpus import Article
from factcheck.normalize.dates import DateMention, find_dates
from factcheck.normalize.entities import AliasIndex, EntityMention, find_entities
from factcheck.normalize.modality import Modality, classify_modality
from factcheck.normalize.numbers import Quantity, find_quantities
from factcheck.normalize.speakers import Speaker, find_speaker

ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof st no jl jln dll dsb dkk yth sdr ir jend letjen mayjen brigjen kol h hj drs tn "
        "ny vs u.s a.n p pt tbk inc co ltd jr sr gen lt col e.g i.e bpk kec kab prov sen rep etc hal tgl "
        "ttg ps"
    ).split()
)
_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])")
_BOILERPLATE = re.compile(
    r"^(?:baca juga|komentar|no more pages|script\s*№|logo\b|\(\w{2,5}\)$|foto:|editor:|penulis:|"
    r"sumber:|advertisement|iklan|share|bagikan|tags?:|-\s)",
    re.IGNORECASE,
)
MIN_WORDS = 6


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offsets into the article body
    end: int


@dataclass(frozen=True)
class Claim:
    """A checkable sentence with its slots. Offsets and line are within the article's file."""

    id: str
    article: str
    path: str
    index: int
    text: str
    start: int
    end: int
    line: int
    dates: tuple[DateMention, ...]
    quantities: tuple[Quantity, ...]
    entities: tuple[EntityMention, ...]
    speaker: Speaker | None
    modality: Modality
    quoted: bool = False
    entity_keys: frozenset[str] = frozenset()  # canonical keys, filled by resolve_aliases
    speaker_key: str | None = None  # canonical speaker key, filled by resolve_aliases

    @property
    def places(self) -> frozenset[str]:
        return frozenset(e.key for e in self.entities if e.kind == "place")


def split_sentences(text: str) -> list[Sentence]:
    """Indonesian-aware sentence splitting.

    Lines are hard boundaries (paragraphs, headlines). Inside a line a sentence ends at ., ! or ?
    (with any closing quotes) followed by a capital, a digit or an opening quote, unless the word
    before the dot is an abbreviation ("Mr.", "Dr.", "dll.") or a single initial ("Daniel K. Inouye").
    Decimals ("7,3", "2.5") never split because the next character is not a space.
    """
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        cursor = 0
        for m in _END.finditer(line):
            head = line[cursor : m.start()]
            word = re.search(r"([\w.]+)$", head)
            w = word.group(1).lower() if word else ""
            if m.group(0).startswith(".") and (w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())):
                continue
            _add(out, line, cursor, m.end(), line_start)
            cursor = m.end()
        _add(out, line, cursor, len(line), line_start)
    return out


def _add(out: list[Sentence], line: str, a: int, b: int, base: int) -> None:
    chunk = line[a:b]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = base + a + lead
    out.append(Sentence(stripped, s, s + len(stripped)))


def is_checkable(sentence: str) -> bool:
    """A claim worth checking: long enough, not boilerplate, not a question or a headline fragment."""
    s = sentence.strip().lstrip("#").strip()
    if len(s.split()) < MIN_WORDS or _BOILERPLATE.match(s):
        return False
    return not s.endswith("?")


def _opens_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or (text.count('"') % 2 == 1 and text.lstrip().startswith('"'))


def extract_claims(article: Article) -> list[Claim]:
    """The checkable sentences of one article, with dates, quantities, entities, speaker, modality."""
    sentences = split_sentences(article.text)
    speakers: list[Speaker | None] = [find_speaker(s.text) for s in sentences]
    # A quote spanning sentences takes the speaker named where it closes.
    open_from: int | None = None
    for i, s in enumerate(sentences):
        if open_from is None and _opens_quote(s.text):
            open_from = i
            continue
        if open_from is not None and ("”" in s.text or '"' in s.text):
            for j in range(open_from, i):
                speakers[j] = speakers[j] or speakers[i]
            open_from = None
    # "katanya" / "tambahnya" refer to the last named speaker
    last: Speaker | None = None
    for i, sp in enumerate(speakers):
        if sp is not None and sp.pronoun:
            speakers[i] = replace(last, cue=sp.cue, pronoun=True) if last else None
        elif sp is not None:
            last = sp
    common = frozenset(re.findall(r"\b[a-z][a-z-]+\b", article.text))
    claims: list[Claim] = []
    for i, s in enumerate(sentences):
        if not is_checkable(s.text):
            continue
        dates = find_dates(s.text, article.published)
        quantities = find_quantities(s.text, [(d.start, d.end) for d in dates])
        claims.append(
            Claim(
                id=f"{article.id}:{i}",
                article=article.id,
                path=article.path,
                index=i,
                text=s.text,
                start=article.offset + s.start,
                end=article.offset + s.end,
                line=article.file_line(s.start),
                dates=tuple(dates),
                quantities=tuple(quantities),
                entities=tuple(find_entities(s.text, common)),
                speaker=speakers[i],
                modality=classify_modality(s.text),
                quoted="“" in s.text or '"' in s.text,
            )
        )
    return claims


def resolve_aliases(claims: Sequence[Claim], index: AliasIndex | None = None) -> list[Claim]:
    """Fill canonical entity and speaker keys using one alias index for the whole corpus."""
    if index is None:
        index = build_alias_index(claims)
    out = []
    for c in claims:
        keys = frozenset(index(e.key) for e in c.entities)
        speaker = index(c.speaker.key) if c.speaker and c.speaker.key else None
        out.append(replace(c, entity_keys=keys, speaker_key=speaker))
    return out


def build_alias_index(claims: Iterable[Claim]) -> AliasIndex:
    keys: list[str] = []
    for c in claims:
        keys.extend(e.key for e in c.entities)
        if c.speaker and c.speaker.key:
            keys.append(c.speaker.key)
    return AliasIndex(keys)
