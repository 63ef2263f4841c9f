"""Is a sentence a report of what happened, or a plan, an expectation or an opinion?

A plan ("Kim berencana ke Vladivostok") must not contradict what later happened ("kereta melaju ke
Vostochny"); only reports of fact are held to each other. Cues are matched as whole words; the
strongest cue wins (opinion > expectation > plan > fact).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ModalityKind = Literal["fact", "plan", "expectation", "opinion"]

_CUES: list[tuple[ModalityKind, re.Pattern[str]]] = [
    (
        "opinion",
        re.compile(
            r"\b(?:percaya|berpendapat|menilai|berpikir|menurut (?:para )?(?:ahli|analis|pengamat)|"
            r"kata para ahli|tampaknya|seharusnya)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "expectation",
        re.compile(
            r"\b(?:diperkirakan|diharapkan|kemungkinan(?: besar)?|mungkin|diyakini|dikabarkan|"
            r"mengira|memperkirakan|berpotensi|potensi(?:al)?|bisa|dapat|expected|likely|may|might)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "plan",
        re.compile(
            r"\b(?:berencana|direncanakan|rencana|dijadwalkan|ditargetkan|target|akan|hendak|bakal|ingin|menginginkan|"
            r"plans?|will)\b",
            re.IGNORECASE,
        ),
    ),
]
_NEGATION = re.compile(r"\b(?:tidak|tak|bukan|belum|tanpa|membantah|menolak|not|never)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Modality:
    kind: ModalityKind
    cue: str | None
    negated: bool

    @property
    def is_fact(self) -> bool:
        return self.kind == "fact"


def classify_modality(sentence: str) -> Modality:
    """Modality of ``sentence`` from its cue words (quoted speech counts like any other text)."""
    negated = bool(_NEGATION.search(sentence))
    for kind, pattern in _CUES:
        m = pattern.search(sentence)
        if m:
            return Modality(kind, m.group(0).lower(), negated)
    return Modality("fact", None, negated)
