"""Gold annotations: hand-labelled claim pairs used to score the checker.

A gold file is JSON Lines, one annotated pair per line (see ``data/gold/README.md``)::

    {"id": "demo-date-1", "label": "contradiction", "aspect": "date", "severity": "high",
     "a": {"article": "01_x.md", "line": 9, "start": 221, "end": 365},
     "b": {"article": "03_y.md", "line": 9, "start": 224, "end": 362},
     "note": "..."}

``start``/``end`` are 0-based character offsets (Python ``str`` indices of the file decoded as
UTF-8, end exclusive) of a whole claim sentence; ``line`` is the 1-based line holding ``start``.
``b`` is ``null`` only for label ``internal`` (a problem inside one article).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS: frozenset[str] = frozenset({"contradiction", "corroboration", "neutral", "internal"})
ASPECTS: frozenset[str] = frozenset({"date", "number", "place", "attribution", "event", "opinion"})
SEVERITIES: frozenset[str] = frozenset({"high", "medium", "low"})

_PAIR_KEYS: frozenset[str] = frozenset({"id", "label", "aspect", "severity", "a", "b", "note"})
_SPAN_KEYS: frozenset[str] = frozenset({"article", "line", "start", "end"})


class GoldError(ValueError):
    """A gold file is malformed or does not fit its corpus. The message names file and line."""


@dataclass(frozen=True)
class GoldSpan:
    """A claim sentence in one article: file name relative to the corpus root, line, char range."""

    article: str
    line: int
    start: int
    end: int


@dataclass(frozen=True)
class GoldPair:
    """One annotated pair of claims (``b`` is ``None`` for an ``internal`` finding)."""

    id: str
    label: str
    aspect: str
    severity: str
    a: GoldSpan
    b: GoldSpan | None
    note: str


def span_overlaps(gold: GoldSpan, article: str, start: int, end: int) -> bool:
    """True when ``article`` is the gold span's article and ``[start, end)`` overlaps its range.

    Article names are compared as given (both relative to the same corpus root); ranges are
    half-open, so touching ranges (``end == gold.start``) do not overlap.
    """
    return article == gold.article and start < gold.end and gold.start < end


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _parse_span(raw: Any, side: str, where: str) -> GoldSpan:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: '{side}' must be an object")
    missing = _SPAN_KEYS - raw.keys()
    if missing:
        raise GoldError(f"{where}: '{side}' lacks {', '.join(sorted(missing))}")
    extra = raw.keys() - _SPAN_KEYS
    if extra:
        raise GoldError(f"{where}: '{side}' has unknown key(s) {', '.join(sorted(extra))}")
    article = raw["article"]
    if not isinstance(article, str) or not article.strip():
        raise GoldError(f"{where}: '{side}.article' must be a non-empty string")
    if Path(article).is_absolute() or ".." in Path(article).parts:
        raise GoldError(f"{where}: '{side}.article' must be relative to the corpus root: {article}")
    for key in ("line", "start", "end"):
        if not _is_int(raw[key]):
            raise GoldError(f"{where}: '{side}.{key}' must be an integer")
    line, start, end = raw["line"], raw["start"], raw["end"]
    if line < 1:
        raise GoldError(f"{where}: '{side}.line' must be >= 1, got {line}")
    if start < 0:
        raise GoldError(f"{where}: '{side}.start' must be >= 0, got {start}")
    if start >= end:
        raise GoldError(f"{where}: '{side}' needs start < end, got {start} >= {end}")
    return GoldSpan(article=article, line=line, start=start, end=end)


def _parse_pair(raw: Any, where: str) -> GoldPair:
    if not isinstance(raw, dict):
        raise GoldError(f"{where}: expected a JSON object")
    missing = _PAIR_KEYS - raw.keys()
    if missing:
        raise GoldError(f"{where}: missing key(s) {', '.join(sorted(missing))}")
    extra = raw.keys() - _PAIR_KEYS
    if extra:
        raise GoldError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
    pair_id = raw["id"]
    if not isinstance(pair_id, str) or not pair_id.strip():
        raise GoldError(f"{where}: 'id' must be a non-empty string")
    for key, allowed in (("label", LABELS), ("aspect", ASPECTS), ("severity", SEVERITIES)):
        if raw[key] not in allowed:
            raise GoldError(
                f"{where}: unknown {key} {raw[key]!r} (expected one of {', '.join(sorted(allowed))})"
            )
    if not isinstance(raw["note"], str):
        raise GoldError(f"{where}: 'note' must be a string")
    a = _parse_span(raw["a"], "a", where)
    label = raw["label"]
    b: GoldSpan | None
    if raw["b"] is None:
        if label != "internal":
            raise GoldError(f"{where}: 'b' may be null only for label 'internal', not {label!r}")
        b = None
    else:
        b = _parse_span(raw["b"], "b", where)
        if label == "internal" and b.article != a.article:
            raise GoldError(f"{where}: an 'internal' pair must stay within one article")
    return GoldPair(
        id=pair_id, label=label, aspect=raw["aspect"], severity=raw["severity"], a=a, b=b, note=raw["note"]
    )


def _check_against_corpus(
    span: GoldSpan, side: str, where: str, corpus_root: Path, cache: dict[str, str]
) -> None:
    text = cache.get(span.article)
    if text is None:
        path = corpus_root / span.article
        if not path.is_file():
            raise GoldError(f"{where}: '{side}.article' not found in corpus {corpus_root}: {span.article}")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(f"{where}: cannot read {path} as UTF-8: {exc}") from exc
        cache[span.article] = text
    if span.end > len(text):
        raise GoldError(
            f"{where}: '{side}' span {span.start}-{span.end} lies beyond the end of "
            f"{span.article} ({len(text)} characters)"
        )
    actual_line = text.count("\n", 0, span.start) + 1
    if actual_line != span.line:
        raise GoldError(
            f"{where}: '{side}.line' is {span.line} but offset {span.start} is on line {actual_line} "
            f"of {span.article}"
        )


def load_gold(path: Path, corpus_root: Path | None = None) -> list[GoldPair]:
    """Read and validate a gold JSONL file; blank lines are skipped.

    Checks known labels/aspects/severities, ``b`` present unless the label is ``internal``,
    ``start < end`` and unique ids. With ``corpus_root``, also checks that each article exists
    under it, each span lies within the article's text and ``line`` is the line holding ``start``.

    Raises:
        GoldError: on the first problem, with a one-line message ``<file>:<line>: <what>``.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from exc
    pairs: list[GoldPair] = []
    seen: dict[str, int] = {}
    cache: dict[str, str] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})") from exc
        pair = _parse_pair(raw, where)
        if pair.id in seen:
            raise GoldError(f"{where}: duplicate id {pair.id!r} (first on line {seen[pair.id]})")
        seen[pair.id] = lineno
        if corpus_root is not None:
            _check_against_corpus(pair.a, "a", where, Path(corpus_root), cache)
            if pair.b is not None:
                _check_against_corpus(pair.b, "b", where, Path(corpus_root), cache)
        pairs.append(pair)
    return pairs
