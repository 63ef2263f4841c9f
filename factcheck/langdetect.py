"""Which language an article (or one sentence of it) is written in, when the front matter does not say.

Uses ``lingua`` in low-accuracy mode over a restricted set of languages (those that have data in
:mod:`factcheck.lang` plus the few listed in ``lang/detect.json``): about 30 ms an article and
well under 1 ms a sentence on one core. Text too short or too mixed to decide falls back to the
caller's default (``--lang``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from factcheck import lang

#: confidence below which a detection is not trusted (the default language is used instead)
MIN_CONFIDENCE = 0.5
#: share of an article's confidence a second language needs to count as mixed in
MIN_SECOND = 0.2
MIN_CHARS = 20
#: characters of a paragraph read to tell its language (detection time grows with length)
SAMPLE = 200


@cache
def candidates() -> tuple[str, ...]:
    extra = json.loads((resources.files(lang) / "detect.json").read_text(encoding="utf-8"))["extra"]
    return tuple(dict.fromkeys([*lang.available(), *extra]))


@cache
def _detector() -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in candidates():
        try:
            languages.append(Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())))
        except (AttributeError, ValueError):
            continue
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _code(language: Any) -> str:
    return str(language.iso_code_639_1.name).lower()


def confidences(text: str, among: Sequence[str] | None = None) -> list[tuple[str, float]]:
    """(code, confidence) of the likely languages of ``text``, most likely first."""
    if len(text.strip()) < MIN_CHARS:
        return []
    values = [(_code(v.language), float(v.value)) for v in _detector().compute_language_confidence_values(text)]
    if among is not None:
        values = [(c, v) for c, v in values if c in among]
        total = sum(v for _, v in values) or 1.0
        values = [(c, v / total) for c, v in values]
    return sorted((cv for cv in values if cv[1] > 0), key=lambda cv: (-cv[1], cv[0]))


def detect_languages(text: str, default: str = "id") -> tuple[str, ...]:
    """The languages of an article, most likely first: one, or more when its paragraphs mix them.

    A second language counts when at least :data:`MIN_SECOND` of the text's characters are in
    paragraphs detected as that language. ``default`` is returned when the text is too short or
    no language is clearly ahead.
    """
    values = confidences(text[: 10 * SAMPLE])
    if not values or values[0][1] < MIN_CONFIDENCE:
        return (default,)
    share: dict[str, int] = {}
    detector = _detector()
    for line in text.splitlines():
        if len(line.strip()) >= 2 * MIN_CHARS:
            found = detector.detect_language_of(line[:SAMPLE])  # a paragraph's opening is enough
            if found is not None:
                share[_code(found)] = share.get(_code(found), 0) + len(line)
    total = sum(share.values()) or 1
    others = sorted(
        (c for c, n in share.items() if c != values[0][0] and n / total >= MIN_SECOND), key=lambda c: -share[c]
    )
    return (values[0][0], *others)


def detect_sentence(text: str, among: Sequence[str], default: str) -> str:
    """The language of one sentence of an article that mixes ``among`` (``default`` when unsure)."""
    if len(among) < 2:
        return among[0] if among else default
    values = confidences(text, among)
    return values[0][0] if values and values[0][1] >= MIN_CONFIDENCE else default


def article_languages(article: Any) -> tuple[str, ...]:
    """An article's languages: the one its front matter states, else detected, else its default."""
    if getattr(article, "language_stated", False):
        return (article.language,)
    return detect_languages(article.text, default=article.language)


def sentence_languages(text: str, langs: Sequence[str]) -> tuple[str, ...]:
    """The languages to read one sentence in: its own detected language first, then the article's others."""
    if len(langs) < 2:
        return tuple(langs)
    first = detect_sentence(text, langs, langs[0])
    return (first, *(c for c in langs if c != first))
