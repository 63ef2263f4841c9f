"""Tests for the gold annotation loader and the shipped gold files."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from factcheck.gold import GoldError, GoldPair, GoldSpan, load_gold, span_overlaps

REPO = Path(__file__).resolve().parents[1]
DEMO_CORPUS = REPO / "data" / "demo"
DEMO_GOLD = REPO / "data" / "gold" / "demo.jsonl"
SEEDS_CORPUS = REPO.parent / "shared" / "seeds"
SEEDS_GOLD = REPO / "data" / "gold" / "seeds.jsonl"

SENTENCE_END = (".", "!", "?", "”", '"', "’", ")")
QUOTE_OPENERS = ("“", '"', "‘", "'", "(")


def _spans(pairs: list[GoldPair]) -> list[GoldSpan]:
    out: list[GoldSpan] = []
    for pair in pairs:
        out.append(pair.a)
        if pair.b is not None:
            out.append(pair.b)
    return out


def _assert_sentence_spans(pairs: list[GoldPair], corpus: Path) -> None:
    texts: dict[str, str] = {}
    for span in _spans(pairs):
        if span.article not in texts:
            texts[span.article] = (corpus / span.article).read_text(encoding="utf-8")
        sentence = texts[span.article][span.start : span.end]
        assert sentence == sentence.strip(), f"{span}: span has surrounding whitespace"
        assert "\n" not in sentence, f"{span}: span crosses a line break"
        assert sentence[0].isupper() or sentence.startswith(QUOTE_OPENERS), f"{span}: {sentence[:30]!r}"
        assert sentence.endswith(SENTENCE_END), f"{span}: {sentence[-30:]!r}"


# ---------------------------------------------------------------- shipped gold files


def test_demo_gold_loads_and_fits_corpus() -> None:
    pairs = load_gold(DEMO_GOLD, DEMO_CORPUS)
    labels = Counter(p.label for p in pairs)
    assert labels["contradiction"] >= 10
    assert labels["corroboration"] >= 10
    assert labels["internal"] >= 1
    assert labels["neutral"] >= 1
    aspects = {p.aspect for p in pairs if p.label == "contradiction"}
    assert {"date", "number", "place", "attribution"} <= aspects
    articles = {s.article for s in _spans(pairs)}
    assert articles == {p.name for p in DEMO_CORPUS.iterdir() if p.suffix in {".md", ".txt"}}
    _assert_sentence_spans(pairs, DEMO_CORPUS)


def test_demo_gold_plan_vs_outcome_is_neutral() -> None:
    pairs = load_gold(DEMO_GOLD, DEMO_CORPUS)
    text = (DEMO_CORPUS / "06_ruang_publik.md").read_text(encoding="utf-8")
    plan = [
        p
        for p in pairs
        if p.a.article == "06_ruang_publik.md" and "direncanakan" in text[p.a.start : p.a.end]
    ]
    assert plan and all(p.label == "neutral" for p in plan)


def test_seeds_gold_loads_and_fits_corpus() -> None:
    if not SEEDS_CORPUS.is_dir():
        pytest.skip(f"seed corpus not present at {SEEDS_CORPUS}")
    pairs = load_gold(SEEDS_GOLD, SEEDS_CORPUS)
    labels = Counter(p.label for p in pairs)
    assert labels["contradiction"] >= 3
    assert labels["internal"] >= 1
    assert labels["corroboration"] >= 3
    assert labels["neutral"] >= 1
    _assert_sentence_spans(pairs, SEEDS_CORPUS)


def test_seeds_gold_loads_without_corpus() -> None:
    pairs = load_gold(SEEDS_GOLD)
    assert all(p.a.article.endswith(".txt") for p in pairs)


# ---------------------------------------------------------------- validation errors


def _record(**overrides: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": "x-1",
        "label": "contradiction",
        "aspect": "date",
        "severity": "high",
        "a": {"article": "a.txt", "line": 1, "start": 0, "end": 10},
        "b": {"article": "b.txt", "line": 1, "start": 0, "end": 10},
        "note": "n",
    }
    rec.update(overrides)
    return rec


def _write(tmp_path: Path, *records: Any) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (_record(label="contradicts"), "unknown label"),
        (_record(aspect="time"), "unknown aspect"),
        (_record(severity="critical"), "unknown severity"),
        (_record(b=None), "may be null only for label 'internal'"),
        (_record(a={"article": "a.txt", "line": 1, "start": 5, "end": 5}), "start < end"),
        (_record(a={"article": "a.txt", "line": 1, "start": 9, "end": 3}), "start < end"),
        (_record(a={"article": "a.txt", "line": 0, "start": 0, "end": 3}), "line' must be >= 1"),
        (_record(a={"article": "a.txt", "line": 1, "start": -1, "end": 3}), "start' must be >= 0"),
        (_record(a={"article": "a.txt", "line": 1, "start": "0", "end": 3}), "must be an integer"),
        (_record(a={"article": "a.txt", "line": True, "start": 0, "end": 3}), "must be an integer"),
        (_record(a={"article": "a.txt", "start": 0, "end": 3}), "lacks line"),
        (_record(a={"article": "", "line": 1, "start": 0, "end": 3}), "non-empty string"),
        (_record(a={"article": "../x.txt", "line": 1, "start": 0, "end": 3}), "relative to the corpus root"),
        (_record(a=None), "'a' must be an object"),
        ({k: v for k, v in _record().items() if k != "note"}, "missing key(s) note"),
        (_record(extra=1), "unknown key(s) extra"),
        (_record(id=""), "'id' must be a non-empty string"),
        (_record(label="internal"), "within one article"),
    ],
)
def test_validation_errors(tmp_path: Path, record: Any, message: str) -> None:
    path = _write(tmp_path, _record(id="ok-1"), record)
    with pytest.raises(GoldError) as info:
        load_gold(path)
    text = str(info.value)
    assert message in text
    assert text.startswith(f"{path}:2: ")
    assert "\n" not in text


def test_duplicate_id(tmp_path: Path) -> None:
    path = _write(tmp_path, _record(), "", _record())
    with pytest.raises(GoldError, match=r":3: duplicate id 'x-1' \(first on line 1\)"):
        load_gold(path)


def test_internal_pair_without_b(tmp_path: Path) -> None:
    path = _write(tmp_path, _record(label="internal", b=None))
    (pair,) = load_gold(path)
    assert pair.b is None
    assert pair.a == GoldSpan("a.txt", 1, 0, 10)


def test_gold_error_is_value_error() -> None:
    assert issubclass(GoldError, ValueError)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="cannot read gold file"):
        load_gold(tmp_path / "nope.jsonl")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("Kalimat satu.\nKalimat dua di baris kedua.\n", encoding="utf-8")
    (root / "b.txt").write_text("Baris pertama saja.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ({"article": "missing.txt", "line": 1, "start": 0, "end": 5}, "not found in corpus"),
        ({"article": "a.txt", "line": 2, "start": 14, "end": 999}, "beyond the end"),
        ({"article": "a.txt", "line": 1, "start": 14, "end": 40}, "offset 14 is on line 2"),
        ({"article": "a.txt", "line": 2, "start": 0, "end": 13}, "offset 0 is on line 1"),
    ],
)
def test_corpus_errors(tmp_path: Path, corpus: Path, span: dict[str, Any], message: str) -> None:
    path = _write(tmp_path, _record(b=span))
    with pytest.raises(GoldError) as info:
        load_gold(path, corpus)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{path}:1: ")


def test_corpus_ok(tmp_path: Path, corpus: Path) -> None:
    rec = _record(
        a={"article": "a.txt", "line": 2, "start": 14, "end": 41},
        b={"article": "b.txt", "line": 1, "start": 0, "end": 19},
    )
    (pair,) = load_gold(_write(tmp_path, rec), corpus)
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    assert pair.b is not None
    assert text[pair.a.start : pair.a.end] == "Kalimat dua di baris kedua."


# ---------------------------------------------------------------- span_overlaps

GOLD = GoldSpan(article="01_x.md", line=3, start=100, end=200)


@pytest.mark.parametrize(
    ("article", "start", "end", "expected"),
    [
        ("01_x.md", 100, 200, True),  # identical
        ("01_x.md", 150, 160, True),  # inside
        ("01_x.md", 50, 300, True),  # covers
        ("01_x.md", 50, 101, True),  # overlaps the start by one char
        ("01_x.md", 199, 250, True),  # overlaps the end by one char
        ("01_x.md", 50, 100, False),  # touches the start (end exclusive)
        ("01_x.md", 200, 250, False),  # touches the end
        ("01_x.md", 0, 10, False),  # before
        ("01_x.md", 300, 400, False),  # after
        ("02_y.md", 100, 200, False),  # other article
    ],
)
def test_span_overlaps(article: str, start: int, end: int, expected: bool) -> None:
    assert span_overlaps(GOLD, article, start, end) is expected
