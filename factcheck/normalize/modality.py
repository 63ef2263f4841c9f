"""Is a sentence a report of what happened, or a plan, an expectation or an opinion? Is it negated?

A plan ("Rani berencana ke Marunda") must not contradict what later happened ("kereta melaju ke
Belorsk"); only reports of fact are held to each other. A demand or request ("jaksa menuntut 10
tahun", "prosecutors had sought", "pidió") states a wanted outcome, so its cues are plan cues: the
sentence asked for does not contradict the sentence handed down. Cues come from :mod:`factcheck.lang`
for the sentence's languages and are matched as whole words; the strongest cue wins (opinion >
expectation > plan > fact). A cue written with a capital inside a sentence is a name ("Will",
"May"), not a cue. Negation ("tidak tiba", "did not attend", "nicht") is recorded with its cue so
the checks can tell "X happened" from "X did not happen". A condition that opens the sentence
("Jika ...", "If ...", "Falls ..."; language data ``condition``) makes it an expectation: what would be
so, not what is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from factcheck import lang

ModalityKind = Literal["fact", "plan", "expectation", "opinion"]
_ORDER: tuple[ModalityKind, ...] = ("opinion", "expectation", "plan")


@dataclass(frozen=True)
class Modality:
    kind: ModalityKind
    cue: str | None
    negated: bool
    negation_cue: str | None = None

    @property
    def is_fact(self) -> bool:
        return self.kind == "fact"


@cache
def _patterns(
    codes: tuple[str, ...],
) -> tuple[list[tuple[ModalityKind, re.Pattern[str]]], re.Pattern[str], re.Pattern[str]]:
    d = lang.data(codes)
    cues = [
        (kind, re.compile(rf"(?<![\w'’-])(?:{lang.alternation(d.modality[kind])})(?![\w'’-])", re.IGNORECASE))
        for kind in _ORDER
        if d.modality.get(kind)
    ]
    if d.modality.get("condition"):
        # a condition that opens the sentence puts all of it under the condition ("Jika utang ikut dihitung,
        # nilainya ..."); one that trails a clause qualifies a detail ("... four months in detention if unpaid")
        opening = re.compile(rf"^\W*(?:{lang.alternation(d.modality['condition'])})(?![\w'’-])", re.IGNORECASE)
        at = next(i for i, (kind, _) in enumerate(cues) if kind != "opinion") if cues else 0
        cues.insert(at, ("expectation", opening))
    negation = re.compile(rf"(?<![\w'’-])(?:{lang.alternation(d.words('negation'))})(?![\w-])", re.IGNORECASE)
    exceptions = re.compile(
        rf"(?<![\w'’-])(?:{lang.alternation(d.words('negation_exceptions'))})(?![\w-])", re.IGNORECASE
    )
    return cues, negation, exceptions


def _is_name(sentence: str, m: re.Match[str]) -> bool:
    """A capitalised cue word that does not start the sentence is a name ("Will Smith", "May 2024")."""
    return m.group(0)[0].isupper() and bool(sentence[: m.start()].strip(" “\"'("))


def classify_modality(sentence: str, langs: Sequence[str] | str | None = None) -> Modality:
    """Modality and negation of ``sentence`` from its cue words (quoted speech counts like any other text)."""
    codes = lang.DEFAULT if langs is None else ((langs,) if isinstance(langs, str) else tuple(dict.fromkeys(langs)))
    cues, negation, exceptions = _patterns(codes)
    skip = [(m.start(), m.end()) for m in exceptions.finditer(sentence)]
    neg = next(
        (
            m
            for m in negation.finditer(sentence)
            if not _is_name(sentence, m) and not any(s <= m.start() < e for s, e in skip)
        ),
        None,
    )
    negated, neg_cue = neg is not None, (neg.group(0).lower() if neg else None)
    for kind, pattern in cues:
        for m in pattern.finditer(sentence):
            if not _is_name(sentence, m):
                return Modality(kind, m.group(0).lower(), negated, neg_cue)
    return Modality("fact", None, negated, neg_cue)
