"""Names typed and split by the learned entity tagger (:mod:`factcheck.ner`), on top of the rules.

The rules (:mod:`factcheck.normalize.entities`, :mod:`factcheck.normalize.speakers`) still find
the mentions and the speakers; the tagger, run once per distinct claim sentence, adds two things:

* **Kind evidence.** Each mention gets the type of the tagger span that covers most of it
  (``EntityMention.tag``/``tag_score``: PER, ORG, LOC or EVT and its mean probability);
  :func:`factcheck.claims.corpus_kinds` adds these votes to the rules' cue votes, corpus-wide.
* **Common nouns.** Where a language capitalises its nouns (German), a one-word mention the tagger
  leaves untyped in most of its occurrences is a common noun, not a name, and is dropped
  ("einen überladenen Lastwagen", "sieben Motorräder"; "Putin" is typed).
* **Splits.** A mention or a speaker's name whose last part the tagger reads as a person, after an
  organisation or an office it does not read as a person, is split there: "Dewan Pengawas Pelabuhan
  Marta Sinaga" is the organisation "Dewan Pengawas Pelabuhan" and the person "Marta Sinaga";
  "Perhubungan Budi Halawa" (what the rules leave of "Menteri Perhubungan Meridia Budi Halawa") is
  "Budi Halawa". A legal form is no head ("PT Sinar Galih Perkasa" is one company). A head of
  two words or more without a title is kept as one name, typed by the organisation or place span
  in it; an office keeps only those spans ("Qaradun Prime Minister Juno Calloway" -> "Qaradun",
  "Juno Calloway"). The decision is taken once per surface form over
  the whole corpus (the split the majority of its occurrences get), so every occurrence of a name
  is cut the same way.

Nothing here loads a model: the spans are computed by :func:`factcheck.pipeline.tag_sentences`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from factcheck import lang
from factcheck.ner import Span
from factcheck.normalize.entities import EntityKind, EntityMention, _codes, _words, company_forms, surface_key
from factcheck.normalize.speakers import Speaker

#: a tagger span types a mention when it covers at least this share of the mention's characters
MIN_COVER = 0.5
#: tagger types that name a person or an organisation, and places (countries stay countries)
PERSON_OR_ORG = ("PER", "ORG")
PLACE = ("LOC",)
_STRIP = " ,.;:()\"'“”‘’"


@dataclass(frozen=True)
class Part:
    """One piece of a split name, relative to the name's own text."""

    start: int
    end: int
    type: str
    score: float


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def covering_span(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """The span that covers most of ``[start, end)``, if it covers at least :data:`MIN_COVER` of it."""
    best, most = None, 0
    for s in spans:
        o = _overlap(s.start, s.end, start, end)
        if o > most:
            best, most = s, o
    return best if best is not None and most >= MIN_COVER * (end - start) else None


def split_parts(
    sentence: str, spans: Sequence[Span], start: int, end: int, titles: frozenset[str] = frozenset()
) -> tuple[Part, ...] | None:
    """Where the tagger reads a person at the end of ``sentence[start:end]`` after words it does not
    read as a person (an organisation, an office, a place): the kept parts, person last; else None.

    The person must start at a word boundary after the name's first word, run to its end and have
    at least two words (a full name, as the rules' own splits require: "Nugie Prawira" stays whole).
    The head is kept as one name when it has two words or more and no title ("Dewan Keamanan
    Nasional"); an office ("Qaradun Prime Minister", a lone "Pertahanan") keeps only the
    organisation and place spans the tagger found in it ("Qaradun").
    """
    inside = [s for s in spans if _overlap(s.start, s.end, start, end) > 0]
    people = [s for s in inside if s.type == "PER" and start < s.start < end and sentence[s.start - 1] == " "]
    if not people:
        return None
    p = people[-1]
    if sentence[min(p.end, end) : end].strip(_STRIP) or any(s.type == "PER" and s.start < p.start for s in inside):
        return None  # words after the person, or a person in the head: not an office + a name
    pa, pb = _trim(sentence, p.start, min(p.end, end))
    if len(sentence[pa:pb].split()) < 2:
        return None
    parts: list[Part] = []
    a, b = _trim(sentence, start, p.start)
    head = [s for s in inside if s.type in ("ORG", "LOC") and s.start < p.start]
    words = sentence[a:b].split()
    if all(w.lower().strip(".,") in company_forms() for w in words):
        return None  # "PT Sinar Galih Perkasa": a legal form opens a company's name, not an office
    if len(words) >= 2 and not any(lang.fold(w) in titles for w in words):
        best = max(head, key=lambda s: (_overlap(s.start, s.end, a, b), -s.start), default=None)
        parts.append(Part(a - start, b - start, best.type if best else "", best.score if best else 0.0))
    else:
        for s in head:
            ha, hb = _trim(sentence, max(s.start, a), min(s.end, b))
            if hb - ha >= 2:
                parts.append(Part(ha - start, hb - start, s.type, s.score))
    parts.append(Part(pa - start, pb - start, "PER", p.score))
    return tuple(parts)


def _trim(sentence: str, a: int, b: int) -> tuple[int, int]:
    piece = sentence[a:b]
    return a + len(piece) - len(piece.lstrip(_STRIP)), b - (len(piece) - len(piece.rstrip(_STRIP)))


def _layout(parts: tuple[Part, ...] | None) -> tuple[tuple[int, int, str], ...] | None:
    return None if parts is None else tuple((x.start, x.end, x.type) for x in parts)


def _kind(text: str, tag: str, fallback: EntityKind, codes: tuple[str, ...]) -> EntityKind:
    if _words(codes).data.countries.key(text):
        return "country"
    if tag in PLACE:
        return "place"
    return "person_or_org" if tag in PERSON_OR_ORG else fallback


class CorpusSplits:
    """The split each surface form gets, decided over all its occurrences (majority, ties: no split)."""

    def __init__(self) -> None:
        self._votes: dict[str, Counter[tuple[tuple[int, int, str], ...] | None]] = {}
        self._parts: dict[tuple[str, tuple[tuple[int, int, str], ...]], tuple[Part, ...]] = {}

    def add(self, name: str, parts: tuple[Part, ...] | None) -> None:
        layout = _layout(parts)
        self._votes.setdefault(name, Counter())[layout] += 1
        if parts is not None and layout is not None:
            self._parts.setdefault((name, layout), parts)  # scores of its first occurrence

    def decide(self, name: str, own: tuple[Part, ...] | None) -> tuple[Part, ...] | None:
        votes = self._votes.get(name)
        if not votes:
            return own
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] is not None, repr(kv[0])))
        layout, n = ranked[0]
        if layout is None or (len(ranked) > 1 and ranked[1][1] == n):
            return None
        return own if _layout(own) == layout else self._parts[(name, layout)]


def _offset(text: str, sentence: str) -> int:
    return sentence.find(text) if sentence else 0


def _lone_word(e: EntityMention, language: str) -> bool:
    """A one-word mention, not an acronym, in a language that capitalises its common nouns: a name
    only if the tagger types it, in most of its occurrences (it types "Putin", not "Lastwagen")."""
    return (
        e.kind != "country"
        and " " not in e.text
        and not e.text.isupper()
        and bool(_words(_codes(language or None)).noun_determiners)
    )


def apply_tags(
    entities_per_claim: Sequence[tuple[tuple[EntityMention, ...], Speaker | None, str, str, str]],
    tags: Mapping[str, Sequence[Span]],
) -> list[tuple[tuple[EntityMention, ...], Speaker | None]]:
    """Per claim (entities, speaker, claim text, sentence, language), its mentions typed and split
    and its speaker's name split by the tagger's ``tags`` (spans per sentence)."""
    splits = CorpusSplits()
    nouns: Counter[str] = Counter()  # lone capitalised words: +1 per occurrence the tagger leaves untyped
    own: list[tuple[list[tuple[Part, ...] | None], tuple[Part, ...] | None]] = []
    for entities, speaker, text, sentence, language in entities_per_claim:
        titles = _words(_codes(language or None)).peel
        tagged = sentence in tags  # a sentence the tagger read votes, even when it found nothing
        spans = tags.get(sentence, ())
        off = _offset(text, sentence)
        mention_parts: list[tuple[Part, ...] | None] = []
        for e in entities:
            if tagged and off >= 0 and _lone_word(e, language):
                nouns[e.text] += -1 if covering_span(spans, e.start + off, e.end + off) else 1
            parts = None
            if tagged and off >= 0 and e.kind != "country":
                parts = split_parts(sentence, spans, e.start + off, e.end + off, titles)
                splits.add(e.text, parts)
            mention_parts.append(parts)
        speaker_parts = None
        if speaker is not None and speaker.name and not speaker.pronoun and tagged:
            at = sentence.find(speaker.name)
            if at >= 0:
                speaker_parts = split_parts(sentence, spans, at, at + len(speaker.name), titles)
                splits.add(speaker.name, speaker_parts)
        own.append((mention_parts, speaker_parts))

    out: list[tuple[tuple[EntityMention, ...], Speaker | None]] = []
    for (entities, speaker, text, sentence, language), (mention_parts, speaker_parts) in zip(
        entities_per_claim, own, strict=True
    ):
        codes = _codes(language or None)
        spans = tags.get(sentence, ())
        off = _offset(text, sentence)
        new: list[EntityMention] = []
        for e, parts in zip(entities, mention_parts, strict=True):
            if nouns[e.text] > 0 and _lone_word(e, language):
                continue  # a common noun of a language that capitalises them ("Lastwagen", "Motorräder")
            parts = splits.decide(e.text, parts) if e.kind != "country" else None
            if parts is None:
                span = covering_span(spans, e.start + off, e.end + off) if off >= 0 else None
                new.append(replace(e, tag=span.type, tag_score=span.score) if span else e)
                continue
            for x in parts:
                piece = e.text[x.start : x.end]
                kind = _kind(piece, x.type, "person_or_org", codes)
                key = surface_key(piece, codes)
                if len(piece) >= 2 and key:
                    new.append(EntityMention(piece, e.start + x.start, e.start + x.end, key, kind, x.type, x.score))
        if speaker is not None and speaker.name and not speaker.pronoun:
            parts = splits.decide(speaker.name, speaker_parts)
            if parts is not None:
                person = parts[-1]
                name = speaker.name[person.start : person.end]
                speaker = Speaker(
                    name, surface_key(name, codes), speaker.cue.replace(speaker.name, name), speaker.pronoun
                )
        elif speaker is not None and speaker.name:  # "katanya": the previous speaker, split the same way
            parts = splits.decide(speaker.name, None)
            if parts is not None:
                name = speaker.name[parts[-1].start : parts[-1].end]
                speaker = replace(speaker, name=name, key=surface_key(name, codes))
        out.append((tuple(new), speaker))
    return out
