"""Who is said to have said it: "kata Kirby", "menurut ...", "juru bicara X mengatakan"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.normalize.entities import find_entities, surface_key

_SPEECH_AFTER = r"kata|ujar|ucap|tutur|jelas|tambah|catat|tulis|ungkap|tegas|sebut|lapor"
# ", kata Kirby kepada Digital." / "katanya" / "tambahnya"
_VERB_FIRST = re.compile(
    rf"(?:^|[,.”\"]\s*|\s)(?P<verb>{_SPEECH_AFTER})(?P<nya>nya)?\b\s*(?P<who>[^,.;]*)",
    re.IGNORECASE,
)
_MENURUT = re.compile(r"\bmenurut\s+(?P<who>[^,.;]+)", re.IGNORECASE)
# "John Kirby mengatakan", "Jean-Pierre memperingatkan bahwa", "Marks menambahkan"
_SUBJECT_VERB = re.compile(
    r"\b(?P<verb>mengatakan|menyatakan|memperingatkan|menambahkan|menjelaskan|mencatat|berkata|"
    r"menegaskan|mengungkapkan|menyebutkan|melaporkan|mengumumkan|berpendapat|meminta|mendesak|"
    r"menulis|menilai|percaya|said|says|told|warned)\b",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    r",\s+(?:seorang|sebagai|yang|salah satu|mantan|juru bicara|direktur|kepala|menteri|profesor|"
    r"peneliti|analis|pejabat|duta)\b",
    re.IGNORECASE,
)
_GROUP = re.compile(
    r"^\s*(?:para|sejumlah|beberapa)\s+(?:pejabat|ahli|analis|pengamat)(?:\s+(?!dan\b|yang\b|kepada\b)\S+){0,2}",
    re.IGNORECASE,
)
_NEEDS_QUOTE = {"meminta", "mendesak"}


@dataclass(frozen=True)
class Speaker:
    name: str  # as written
    key: str  # surface key ('john kirby'); aliases resolved later
    cue: str  # the words that marked the attribution
    pronoun: bool = False  # "katanya": refers to the previous speaker of the article


def _first_name(fragment: str) -> str | None:
    group = _GROUP.search(fragment)
    if group:
        return group.group(0).strip()
    ents = find_entities(fragment)
    ents = [e for e in ents if e.kind != "country"] or ents
    return ents[-1].text if ents else None


def find_speaker(sentence: str) -> Speaker | None:
    """The source a sentence attributes its content to, if it names one."""
    for m in _VERB_FIRST.finditer(sentence):
        if m.group("nya"):
            return Speaker("", "", m.group(0).strip(' ,.”"'), pronoun=True)
        who = m.group("who").strip()
        if not who:
            continue
        name = _first_name(who.split(" kepada ")[0].split(" dalam ")[0])
        if name:
            return Speaker(name, surface_key(name), f"{m.group('verb')} {name}")
    m2 = _SUBJECT_VERB.search(sentence)
    if m2 and m2.group("verb").lower() in _NEEDS_QUOTE and not re.search(r"[“\"]", sentence):
        m2 = None
    if m2:
        before = sentence[: m2.start()]
        app = list(_APPOSITION.finditer(before))
        if app:
            before = before[: app[0].start()]
        before = before.rstrip(" ,")
        ents = [e for e in find_entities(before) if e.kind != "country"]
        if ents:
            last = ents[-1]
            # the subject sits at the end of what comes before the verb
            if len(before) - last.end < 25:
                return Speaker(last.text, surface_key(last.text), f"{last.text} {m2.group('verb')}")
    m3 = _MENURUT.search(sentence)
    if m3:
        name = _first_name(m3.group("who"))
        if name:
            return Speaker(name, surface_key(name), f"menurut {name}")
    return None
