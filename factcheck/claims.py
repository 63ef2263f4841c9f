"""Stage 2: split articles into sentences and keep the checkable ones as claims with typed slots."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from factcheck import lang, lexicon
from factcheck.corpus import Article, text_length
from factcheck.facts import FactSpan, merge_short, split_facts
from factcheck.furniture import FurnitureSpan, covered, find_furniture, line_reason, overlaps
from factcheck.langdetect import article_languages, sentence_languages
from factcheck.normalize.dates import DateMention, find_dates, find_times
from factcheck.normalize.entities import (
    AliasIndex,
    CorpusStats,
    EntityKind,
    EntityMention,
    defined_acronyms,
    find_entities,
    refine_entities,
)
from factcheck.normalize.modality import Modality, classify_modality
from factcheck.normalize.numbers import Quantity, find_quantities
from factcheck.normalize.speakers import Speaker, find_speaker, refine_speaker
from factcheck.normalize.tagged import apply_tags

if TYPE_CHECKING:
    from factcheck.ner import Span

ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof st no jl jln dll dsb dkk yth sdr ir jend letjen mayjen brigjen kol h hj drs tn "
        "ny vs u.s a.n p pt tbk inc co ltd jr sr gen lt col e.g i.e bpk kec kab prov sen rep etc hal tgl "
        "ttg ps"
    ).split()
)
_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]?[A-Z0-9])|[。！？]+[」』”）)]*")
MIN_WORDS = 6
#: a shorter sentence is still checkable when it states a figure or a date in digits ("Terdakwa
#: dihukum 13 tahun penjara.", "65 people died."): terse news sentences carry the facts
MIN_WORDS_WITH_DIGITS = 4
#: split checkable sentences into atomic facts (factcheck.facts); measured in the README's Quality table
ATOMIC_FACTS = True


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
    # canonical keys of the people it names (mentions the learned tagger typed PER), filled by
    # resolve_aliases: whom an event is about (factcheck.events)
    person_keys: frozenset[str] = frozenset()
    org_keys: frozenset[str] = frozenset()  # and of the organisations (mentions typed ORG)
    place_keys: frozenset[str] = frozenset()  # canonical keys of its places, filled by resolve_aliases
    sentence: str = ""  # the whole sentence when ``text`` is one atomic fact of it (else ``text`` itself)
    event: str = ""  # event id (factcheck.events), filled by the pipeline
    language: str = ""  # the sentence's language (front matter, or detected)

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


def is_checkable(sentence: str, lang: str = "id") -> bool:
    """A claim worth checking: long enough, not page furniture, not a list item or a question."""
    s = sentence.strip().lstrip("#").strip()
    n = text_length(s)
    if n < MIN_WORDS and not (n >= MIN_WORDS_WITH_DIGITS and re.search(r"\d", s)):
        return False
    if re.match(r"-\s", s) or line_reason(s, lang):
        return False
    return not s.endswith("?")


def _outside_furniture(s: Sentence, spans: Sequence[FurnitureSpan]) -> Sentence | None:
    """``s`` without furniture at its edges, or None when furniture covers most of it."""
    if not overlaps(s.start, s.end, spans):
        return s
    if covered(s.start, s.end, spans) * 2 >= len(s.text.replace(" ", "")):
        return None
    a, b = s.start, s.end
    for f in spans:
        if f.start <= a < f.end:
            a = f.end
        if f.start < b <= f.end:
            b = f.start
    if (a, b) == (s.start, s.end):  # furniture only inside: its slot mentions are ignored later
        return s
    text = s.text[a - s.start : b - s.start]
    lead = len(text) - len(text.lstrip(" ,.;:|–—-"))
    text = text.strip(" ,.;:|–—-")
    return Sentence(text, a + lead, a + lead + len(text)) if text else None


def _facts(s: Sentence, lang: str, atomic: bool) -> list[FactSpan]:
    """The atomic facts of a checkable sentence, too-short ones merged back; one span when it states one."""
    whole = [FactSpan(0, len(s.text))]
    if not atomic:
        return whole
    facts = merge_short(split_facts(s.text, lang), s.text, MIN_WORDS, lambda t: _states_value(t, lang))
    return facts if len(facts) > 1 else whole


def _states_value(text: str, lang: str) -> bool:
    """A figure or a date in ``text``: a short fact that states one can be checked alone."""
    return bool(find_dates(text, None, lang) or find_quantities(text, None, lang))


def _opens_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or (text.count('"') % 2 == 1 and text.lstrip().startswith('"'))


def extract_claims(article: Article, atomic: bool = ATOMIC_FACTS) -> list[Claim]:
    """The checkable sentences of one article, with dates, quantities, entities, speaker, modality.

    Page furniture (:mod:`factcheck.furniture`) is skipped, and slot mentions inside it ignored.
    With ``atomic``, a sentence stating several facts gives one claim per fact (:mod:`factcheck.facts`).
    """
    langs = article_languages(article)  # front matter, else detected, else the --lang default
    article = replace(article, language=langs[0])
    furniture = find_furniture(article.text, article.language)
    sentences = [_outside_furniture(s, furniture) or Sentence("", s.start, s.start)
                 for s in split_sentences(article.text)]
    sentence_langs = [sentence_languages(s.text, langs) for s in sentences]
    stats = CorpusStats.from_texts([article.text])  # refined corpus-wide in resolve_aliases
    speakers: list[Speaker | None] = [
        find_speaker(s.text, sl, stats) for s, sl in zip(sentences, sentence_langs, strict=True)
    ]
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
        if not is_checkable(s.text, article.language):
            continue
        facts = _facts(s, article.language, atomic)
        attributed = any(f.speaker_span is not None for f in facts)
        for k, f in enumerate(facts):
            text = f.text(s.text)
            at = s.start + f.start
            skip = [(x.start - at, x.end - at) for x in furniture if x.start < at + len(text) and at < x.end]
            sl = sentence_langs[i]
            dates = [d for d in find_dates(text, article.anchor, sl) if not _hits(d.start, d.end, skip)]
            # a clock time is no figure ("um 20.52 Uhr", "delle 4 ora locale"), with its day or alone
            clock = [(t.start, t.end) for t in find_times(text, sl, dates)]
            quantities = find_quantities(text, [(d.start, d.end) for d in dates] + clock, sl)
            claims.append(
                Claim(
                    id=f"{article.id}:{i}" if len(facts) == 1 else f"{article.id}:{i}.{k}",
                    article=article.id,
                    path=article.path,
                    index=i,
                    text=text,
                    start=article.offset + at,
                    end=article.offset + at + len(text),
                    line=article.file_line(at),
                    dates=tuple(dates),
                    quantities=tuple(q for q in quantities if not _hits(q.start, q.end, skip)),
                    entities=tuple(
                        e for e in find_entities(text, common, langs=sl, stats=stats) if not _hits(e.start, e.end, skip)
                    ),
                    speaker=speakers[i] if f.speaker_span is not None or not attributed else None,
                    modality=_fact_modality(s.text, f, facts, sl),
                    quoted="“" in s.text or '"' in s.text,
                    sentence=s.text,
                    language=sl[0],
                )
            )
    return claims


def _hits(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


_STRENGTH = ("fact", "plan", "expectation", "opinion")


def _fact_modality(
    sentence: str, fact: FactSpan, facts: Sequence[FactSpan], langs: Sequence[str] | None = None
) -> Modality:
    """The fact's own modality, raised by its attribution's cue ("X menilai ...", "X membantah bahwa ...")."""
    own = classify_modality(fact.text(sentence), langs)
    if len(facts) == 1 and fact.start == 0 and fact.end == len(sentence):
        return own
    if fact.speaker_span is None:
        return own
    frame = list(sentence)
    for g in facts:
        frame[g.start : g.end] = " " * (g.end - g.start)
    around = classify_modality("".join(frame), langs)
    kind = max(own.kind, around.kind, key=_STRENGTH.index)
    cue = own.cue if kind == own.kind else around.cue
    neg = own if own.negated else around
    return Modality(kind, cue, neg.negated, neg.negation_cue)


def resolve_aliases(
    claims: Sequence[Claim], index: AliasIndex | None = None, tags: Mapping[str, Sequence[Span]] | None = None
) -> list[Claim]:
    """Fill canonical entity and speaker keys using one alias index for the whole corpus.

    Entities are first refined with the capitalisation statistics of the whole corpus: a
    sentence-initial word the corpus mostly writes in lower case is not part of a name. With
    ``tags`` (the learned tagger's spans per claim sentence, :func:`factcheck.pipeline.tag_sentences`),
    names are then split and typed by the tagger (:mod:`factcheck.normalize.tagged`).
    """
    stats = CorpusStats.from_texts(dict.fromkeys(c.sentence or c.text for c in claims))
    refined = refine_claims(claims, stats)
    if tags is not None:
        refined = tag_claims_with(refined, tags)
    if index is None:
        index = build_alias_index(refined)
    return apply_aliases(refined, index, corpus_kinds(refined, index))


def refine_claims(claims: Sequence[Claim], stats: CorpusStats) -> list[Claim]:
    """Entities and speakers refined with the corpus's capitalisation statistics (``stats``)."""
    return [
        replace(
            c,
            entities=refine_entities(c.entities, c.text, stats, c.language or None),
            speaker=refine_speaker(c.speaker, stats, c.language or None),
        )
        for c in claims
    ]


def tag_claims_with(refined: Sequence[Claim], tags: Mapping[str, Sequence[Span]]) -> list[Claim]:
    """Names split and typed by the learned tagger's spans per claim sentence (:mod:`factcheck.normalize.tagged`)."""
    tagged = apply_tags([(c.entities, c.speaker, c.text, c.sentence, c.language) for c in refined], tags)
    return [replace(c, entities=e, speaker=sp) for c, (e, sp) in zip(refined, tagged, strict=True)]


def apply_aliases(refined: Sequence[Claim], index: AliasIndex, kinds: dict[str, EntityKind]) -> list[Claim]:
    """Canonical entity keys, speaker keys and the corpus's kinds set on refined claims."""
    out = []
    heads = lang.data(lang.available()).word_set("place_heads")
    for c in refined:
        keys = frozenset(index(e.key) for e in c.entities)
        speaker = index(c.speaker.key) if c.speaker and c.speaker.key else None
        # a name kept out of its canonical key's votes has a kind of its own (:func:`kinds_of`)
        entities = tuple(
            replace(e, kind=kinds[k]) if e.kind in _VOTED and kinds.get(k, e.kind) != e.kind else e
            for e, k in ((e, e.key if e.key in kinds else index(e.key)) for e in c.entities)
        )
        named = [(e.tag, index(e.key)) for e in c.entities if e.kind == "person_or_org"]
        people = frozenset(k for tag, k in named if tag == "PER")
        orgs = frozenset(k for tag, k in named if tag == "ORG")
        # the name the corpus gives a place ("pulau sekaba" for "Sekaba"), when it only adds place heads
        # to it: an index that maps a town to its government or court has not found another name for it
        places = frozenset(
            k
            for e in entities
            if e.kind == "place"
            for k in (index(e.key),)
            if set(k.split()) - set(e.key.split()) <= heads
        )
        out.append(
            replace(c, entities=entities, entity_keys=keys, speaker_key=speaker, person_keys=people, org_keys=orgs,
                    place_keys=places)
        )  # fmt: skip
    return out


_VOTED = ("place", "person_or_org")
#: a mention typed a place had evidence (a place head, "di"/"in" before it); one typed a person or
#: organisation may only have had none, so it counts half; a speaker counts as a person
_VOTE = {"place": 1.0, "person_or_org": 0.5}
#: the learned tagger's type of a mention (normalize/tagged.py) votes too, weighted by its probability:
#: a confident tagger weighs as much as a cue; EVT (events) and untagged mentions do not vote
_TAG_VOTE: dict[str, str] = {"PER": "person_or_org", "ORG": "person_or_org", "LOC": "place"}
KIND_MARGIN = 1.5  # the corpus's kind replaces a mention's when it outweighs it this many times


def corpus_kinds(claims: Sequence[Claim], index: AliasIndex) -> dict[str, EntityKind]:
    """Per canonical key, the kind (place or person/organisation) the corpus gives it, where its
    mentions disagree clearly: "Marunda" after "Stasiun Karang Wetan," has no place cue of its own,
    but the corpus says "di Marunda" elsewhere; "condenó a Budi Santosa" reads "a" as a place cue
    where every other mention and the quotes credited to him say a person."""
    return kinds_of(kind_votes(claims), index)


def kinds_of(
    votes: Mapping[str, Mapping[str, float]], index: AliasIndex, wanted: Collection[str] | None = None
) -> dict[str, EntityKind]:
    """The corpus's kind per canonical key (only those in ``wanted``, if given) from the votes per
    surface key (:func:`summed_votes`), with the lexicon's say; and, for a name kept out of its
    canonical key's votes, the kind of its own votes (a city filed under a declaration named after it
    stays a place)."""
    summed, apart = summed_votes(votes, index, wanted)
    kinds = kinds_from_votes(summed)
    kinds.update(apart)
    return with_lexicon_kinds(kinds, index)


#: a key's own votes say its kind clearly when one kind outweighs the other this many times
CLEAR_MARGIN = 3.0


def _clear_kind(votes: Mapping[str, float] | None, least: float = 0.0) -> str | None:
    """The kind one key's own votes clearly give, with at least ``least`` votes for it."""
    if not votes:
        return None
    place, person = votes.get("place", 0.0), votes.get("person_or_org", 0.0)
    if place > 0 and place >= least and place >= CLEAR_MARGIN * person:
        return "place"
    if person > 0 and person >= least and person >= CLEAR_MARGIN * place:
        return "person_or_org"
    return None


def summed_votes(
    votes: Mapping[str, Mapping[str, float]], index: AliasIndex, wanted: Collection[str] | None = None
) -> tuple[dict[str, dict[str, float]], dict[str, EntityKind]]:
    """Kind votes per canonical key (only those in ``wanted``, if given): its own and those of the
    names the index maps to it. A name the corpus clearly writes as one kind, with at least one
    mention's worth of evidence (a place cue, or two bare mentions), adds nothing to a canonical key it
    clearly writes as the other (:data:`CLEAR_MARGIN`): the city "palvara", which the index files under
    the declaration "deklarasi palvara", does not make the declaration a place; one bare mention of
    "Karangsari" still counts for "Pulau Karangsari". Returns the votes per canonical key, and the
    names kept out with the kind their own votes give."""
    out: dict[str, dict[str, float]] = {}
    apart: dict[str, EntityKind] = {}
    for key, v in votes.items():
        canon = index(key)
        if wanted is not None and canon not in wanted:
            continue
        own, theirs = _clear_kind(v, least=1.0), _clear_kind(votes.get(canon))
        if key != canon and own is not None and theirs is not None and own != theirs:
            apart[key] = cast(EntityKind, own)
            continue
        total = out.setdefault(canon, dict.fromkeys(_VOTED, 0.0))
        for kind, n in v.items():
            total[kind] = total.get(kind, 0.0) + n
    return out, apart


def with_lexicon_kinds(kinds: dict[str, EntityKind], index: AliasIndex) -> dict[str, EntityKind]:
    """``kinds`` with the user lexicon's say on what a name is (:mod:`factcheck.lexicon`)."""
    for name, kind in lexicon.active().kinds.items():
        kinds[index(name)] = cast(EntityKind, kind)
    return kinds


def kind_votes(claims: Iterable[Claim]) -> dict[str, dict[str, float]]:
    """Per surface key (before aliases), its votes for place and person/organisation. A name spelt out
    before its acronym and the acronym share their votes: "Pusat Vulkanologi ... (PVMBG)" opens with a
    place head, but the corpus writes "PVMBG menaikkan status" as an organisation's deed."""
    votes: dict[str, dict[str, float]] = {}
    spelt: dict[str, set[str]] = {}  # key -> the keys it is spelt out as, or abbreviated to
    for c in claims:
        for lo, hi, a0, _ in defined_acronyms(c.text):
            long = next((e.key for e in c.entities if lo <= e.start and e.end == hi), None)
            short = next((e.key for e in c.entities if e.start == a0), None)
            if long and short and long != short:
                group = spelt.setdefault(long, {long}) | spelt.setdefault(short, {short})
                for k in group:
                    spelt[k] = group
        for e in c.entities:
            if e.kind in _VOTED:
                v = votes.setdefault(e.key, dict.fromkeys(_VOTED, 0.0))
                v[e.kind] += _VOTE[e.kind]
                if e.tag in _TAG_VOTE:
                    v[_TAG_VOTE[e.tag]] += e.tag_score
        if c.speaker and c.speaker.key and not c.speaker.pronoun:
            v = votes.setdefault(c.speaker.key, dict.fromkeys(_VOTED, 0.0))
            v["person_or_org"] += 1.0
    for group in {id(g): g for g in spelt.values()}.values():
        shared = {kind: sum(votes.get(k, {}).get(kind, 0.0) for k in group) for kind in _VOTED}
        for k in group:
            votes[k] = dict(shared)
    return votes


def kinds_from_votes(votes: dict[str, dict[str, float]]) -> dict[str, EntityKind]:
    """The kind of each canonical key whose votes (:func:`kind_votes`, summed per canonical key) agree clearly."""
    out: dict[str, EntityKind] = {}
    for key, v in votes.items():
        place, person = v["place"], v["person_or_org"]
        if place >= KIND_MARGIN * person and person > 0:
            out[key] = "place"
        elif person >= KIND_MARGIN * place and place > 0:
            out[key] = "person_or_org"
    return out


def build_alias_index(claims: Sequence[Claim]) -> AliasIndex:
    keys: list[str] = []
    for c in claims:
        keys.extend(e.key for e in c.entities)
        if c.speaker and c.speaker.key:
            keys.append(c.speaker.key)
    return AliasIndex(keys)
