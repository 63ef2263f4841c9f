"""Who is said to have said it: "kata Wiradana", "menurut ...", "X said", "dijo X", "sagte X".

The cue words (verbs after or before the speaker, "according to" words, recipients, appositions,
group subjects such as "para pejabat") come from :mod:`factcheck.lang` for the sentence's languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from factcheck import lang
from factcheck.normalize.entities import CorpusStats, find_entities, split_known, surface_key


@dataclass(frozen=True)
class Speaker:
    name: str  # as written
    key: str  # surface key ('joko widodo'); aliases resolved later
    cue: str  # the words that marked the attribution
    pronoun: bool = False  # "katanya": refers to the previous speaker of the article


@dataclass(frozen=True)
class _Cues:
    codes: tuple[str, ...]
    verb_first: re.Pattern[str]
    according: re.Pattern[str]
    subject_verb: re.Pattern[str]
    apposition: re.Pattern[str]
    group: re.Pattern[str]
    recipients: re.Pattern[str]
    needs_quote: frozenset[str]
    infinitive: re.Pattern[str] | None  # "told to return", "said to be": the verb reports no speech


@cache
def _cues(codes: tuple[str, ...]) -> _Cues:
    d = lang.data(codes)
    alt = lang.alternation
    suffix = alt(d.words("speech_pronoun_suffix"))
    return _Cues(
        codes,
        # ", kata Budi kepada wartawan." / "katanya" / "tambahnya" / '", said Smith.'
        re.compile(
            rf"(?:^|[,.”\"]\s*|\s)(?P<verb>{alt(d.words('speech_after'))})(?P<nya>{suffix})?\b\s*(?P<who>[^,.;]*)",
            re.IGNORECASE,
        ),
        re.compile(rf"\b(?:{alt(d.words('according_to'))})\s+(?P<who>[^,.;]+)", re.IGNORECASE),
        # "Budi Santoso mengatakan", "Smith memperingatkan bahwa", "Marks added"
        re.compile(rf"\b(?P<verb>{alt(d.words('speech_verbs'))})\b", re.IGNORECASE),
        re.compile(rf",\s+(?:{alt(d.words('apposition'))})\b", re.IGNORECASE),
        re.compile(
            rf"^\s*(?:{alt(d.words('group_determiners'))})\s+(?:{alt(d.words('group_nouns'))})"
            rf"(?:\s+(?!(?-i:{alt(d.words('speech_recipients'))}|{alt(d.stop_words)})\b)\S+){{0,2}}",
            re.IGNORECASE,
        ),
        re.compile(rf"\s(?:{alt(d.words('speech_recipients'))})\s", re.IGNORECASE),
        d.word_set("speech_needs_quote"),
        re.compile(
            rf"\s+(?:{alt(d.words('infinitive_markers'))})\s+(?!(?:{alt(d.words('speech_recipients'))})\b)[a-z]"
        )
        if d.words("infinitive_markers")
        else None,
    )


def _first_name(fragment: str, c: _Cues, stats: CorpusStats | None) -> str | None:
    group = c.group.search(fragment)
    if group:
        return group.group(0).strip()
    ents = find_entities(fragment, langs=c.codes, stats=stats)
    ents = [e for e in ents if e.kind != "country"] or ents
    return ents[-1].text if ents else None


#: ", Agus Salimun." / ", Agus Salimun, «...»" after an office: a name, then the end of the clause
_APPOSITIVE = re.compile(r",\s+(?P<name>[^\W\d_][^,.;:«»“”\"]{1,60}?)\s*(?=[,.;:«“”\"]|$)")


def _appositive(sentence: str, end: int, c: _Cues, stats: CorpusStats | None) -> str | None:
    """The person named after an office and a comma: "kata Kepala Dinas Pemadam Kebakaran X, Agus
    Salimun", "dijo el jefe de bomberos, Agus Salimun", "Selon le chef de la police locale, Yudhistira
    Prawiranegara, « ... »", "according to the volcanology agency, PVMBG". Only a name of two to five
    capitalised words or an acronym, after at most one title, that fills what follows the comma up to
    the end of the clause; a clause going on in lower case ("kata Budi, yang juga ...") or a place is no
    appositive."""
    m = _APPOSITIVE.match(sentence, end)
    if not m:
        return None
    words = m.group("name").split()
    acronym = len(words) == 1 and words[0].isupper() and len(words[0]) > 1  # "..., PVMBG": an organisation
    if not (2 <= len(words) <= 5 or acronym) or not all(w[0].isupper() for w in words):
        return None
    segment = m.group("name")
    ents = find_entities(segment, langs=c.codes, stats=stats)
    if len(ents) != 1 or ents[0].kind != "person_or_org" or (len(ents[0].text.split()) < 2 and not acronym):
        return None
    heads, directions = lang.place_words()
    ends = {w.lower() for w in (words[0], words[-1])}
    if ends & heads or ends & directions.keys():
        return None  # "Jawa Tengah", "Kabupaten X": a place after the comma
    # the name fills the clause, after at most a title the entity rules drop ("AKBP", "Dr.")
    return ents[0].text if ents[0].end == len(segment) and len(segment[: ents[0].start].split()) <= 1 else None


def find_speaker(
    sentence: str, langs: Sequence[str] | str | None = None, stats: CorpusStats | None = None
) -> Speaker | None:
    """The source a sentence attributes its content to, if it names one."""
    codes = lang.DEFAULT if langs is None else ((langs,) if isinstance(langs, str) else tuple(dict.fromkeys(langs)))
    c = _cues(codes)
    for m in c.verb_first.finditer(sentence):
        if m.group("nya"):
            return Speaker("", "", m.group(0).strip(' ,.”"'), pronoun=True)
        who = m.group("who").strip()
        if not who:
            continue
        name = _appositive(sentence, m.end("who"), c, stats) or _first_name(
            c.recipients.split(f" {who} ")[0].strip(), c, stats
        )
        if name:
            return Speaker(name, surface_key(name, codes), f"{m.group('verb')} {name}")
    m2 = next(
        (m for m in c.subject_verb.finditer(sentence) if not (c.infinitive and c.infinitive.match(sentence, m.end()))),
        None,
    )
    if m2 and m2.group("verb").lower() in c.needs_quote and not re.search(r"[“\"]", sentence):
        m2 = None
    if m2:
        before = sentence[: m2.start()]
        app = list(c.apposition.finditer(before))
        if app and not before.rstrip().endswith(","):
            # no comma closes the phrase before the verb: it is the subject, "..., the Regional
            # Election Commission said" (an apposition is closed: "Smith, a spokesman, said")
            tail = before[app[-1].end() :]
            ents = [e for e in find_entities(tail, langs=codes, stats=stats) if e.kind != "country"]
            if ents and len(tail.rstrip()) - ents[-1].end < 3:
                return Speaker(ents[-1].text, surface_key(ents[-1].text, codes), f"{ents[-1].text} {m2.group('verb')}")
        if app:
            before = before[: app[0].start()]
        before = before.rstrip(" ,")
        ents = [e for e in find_entities(before, langs=codes, stats=stats) if e.kind != "country"]
        if ents:
            last = ents[-1]
            # the subject sits at the end of what comes before the verb
            if len(before) - last.end < 25:
                return Speaker(last.text, surface_key(last.text, codes), f"{last.text} {m2.group('verb')}")
    m3 = c.according.search(sentence)
    if m3:
        name = _appositive(sentence, m3.end("who"), c, stats) or _first_name(m3.group("who"), c, stats)
        if name:
            cue = m3.group(0)[: m3.start("who") - m3.start()].strip()
            return Speaker(name, surface_key(name, codes), f"{cue.lower()} {name}")
    return None


def refine_speaker(
    speaker: Speaker | None, stats: CorpusStats, langs: Sequence[str] | str | None = None
) -> Speaker | None:
    """The person in "Balai Kota Dimas Arifin" when the corpus knows both names on their own; no
    speaker when the name is one word the corpus writes in lower case inside sentences, or never
    writes there at all ("Pihak perusahaan menyatakan", "Manajemen perusahaan menyatakan": a common
    noun opening the sentence, not a name)."""
    if speaker is None or not speaker.name:
        return speaker
    word = speaker.name.strip()
    if " " not in word and not word.isupper() and (stats.capitalised_ratio(word) is None or stats.is_common(word)):
        return None
    parts = split_known(speaker.name, stats)
    if parts is None:
        return speaker
    name = parts[1]
    return Speaker(name, surface_key(name, langs), speaker.cue.replace(speaker.name, name), speaker.pronoun)
