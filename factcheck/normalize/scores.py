"""Match scores: "menang 3-1 atas ...", "won 2-0", "dengan skor 4-1", "gewann 2:1", "empate 1-1".

A score is two small whole numbers joined by a hyphen, an en dash or a colon, with a word of
sports results near it (language data ``score_cues``: skor, won, beat, empate, Sieg, victoire ...),
and not a range of something counted or a span of days ("3-5 orang", "1-3 Oktober"), nor a clock
time. It is compared as the winner's figure first: "won 3-1" and "lost 1-3" report one result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from factcheck import lang

#: characters around a score in which a result word must stand
CUE_WINDOW = 40
_SCORE = re.compile(r"(?<![\w.,:/-])(\d{1,2})\s?[-–:]\s?(\d{1,2})(?![\w:/%-]|[.,]\d|\s?%)")


@dataclass(frozen=True)
class Score:
    """A match score in a sentence, as the two figures, the larger first."""

    text: str
    start: int
    end: int
    high: int
    low: int

    @property
    def key(self) -> str:
        return f"{self.high}-{self.low}"

    def label(self) -> str:
        return self.key


@cache
def _patterns(codes: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[str]]:
    d = lang.data(codes)
    cues = d.words("score_cues")
    cue = lang.cue_pattern(cues)
    # a word right after the figures that makes them a range or a date: a counted noun, a unit, a month
    after = {w.lower() for w in (*d.months, *d.units)} | set(d.word_set("count_stop"))
    return cue, frozenset(after)


def find_scores(text: str, langs: Sequence[str] | str | None = None) -> list[Score]:
    """The match scores of ``text`` (see the module's docstring)."""
    cue, after = _patterns(lang.as_codes(langs))
    out = []
    for m in _SCORE.finditer(text):
        nxt = re.match(r"\s*([^\W\d_]+)", text[m.end() :])
        if nxt and nxt.group(1).lower() in after:
            continue
        if not cue.search(text, max(0, m.start() - CUE_WINDOW), min(len(text), m.end() + CUE_WINDOW)):
            continue
        if ":" in m.group(0) and len(m.group(2)) == 2:
            continue  # "14:30", "9:05": a clock time
        a, b = int(m.group(1)), int(m.group(2))
        out.append(Score(m.group(0), m.start(), m.end(), max(a, b), min(a, b)))
    return out
