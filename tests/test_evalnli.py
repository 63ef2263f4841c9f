"""Reader, metrics and evaluation loop of factcheck.evalnli, with a tiny fake scorer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from factcheck.evalnli import (
    LABELS,
    NLIDataError,
    classification_metrics,
    evaluate_nli,
    read_nli_jsonl,
    render_nli_eval,
)


class KeywordScorer:
    """Contradiction if the hypothesis says 'tidak', entailment if it is a substring, else neutral."""

    name = "keyword-fake"

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, (p, h) in enumerate(pairs):
            col = 2 if "tidak" in h.split() else 0 if h.rstrip(".") in p else 1
            out[i, col] = 1.0
        return out


def _write(tmp_path: Path, lines: list[str], name: str = "d.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_indonli_and_mnli_styles(tmp_path: Path) -> None:
    rows = [
        {"premise": "A makan.", "hypothesis": "A tidak makan.", "label": "c"},
        {"sentence1": "B tidur.", "sentence2": "B tidur.", "gold_label": "entailment"},
        {"sentence1": "C lari.", "sentence2": "C lelah.", "gold_label": "-"},
        {"premise": "D pergi.", "hypothesis": "D pulang besok.", "label": "N"},
    ]
    path = _write(tmp_path, [json.dumps(r) for r in rows] + [""])
    assert read_nli_jsonl(path) == [
        ("A makan.", "A tidak makan.", "contradiction"),
        ("B tidur.", "B tidur.", "entailment"),
        ("D pergi.", "D pulang besok.", "neutral"),
    ]


@pytest.mark.parametrize(
    ("line", "line_no", "fragment"),
    [
        ("{not json", 2, "invalid JSON"),
        ('["a", "b", "c"]', 2, "JSON object"),
        ('{"premise": "x", "hypothesis": "y"}', 2, "missing field(s): label"),
        ('{"text": "x"}', 2, "needs fields"),
        ('{"premise": "x", "hypothesis": "y", "label": "maybe"}', 2, "unknown label 'maybe'"),
        ('{"premise": 3, "hypothesis": "y", "label": "e"}', 2, "must be strings"),
    ],
)
def test_reader_errors_name_file_and_line(tmp_path: Path, line: str, line_no: int, fragment: str) -> None:
    good = json.dumps({"premise": "p", "hypothesis": "h", "label": "e"})
    path = _write(tmp_path, [good, line])
    with pytest.raises(NLIDataError) as err:
        read_nli_jsonl(path)
    assert err.value.line == line_no
    assert str(err.value).startswith(f"{path}:{line_no}: ")
    assert fragment in str(err.value)


def test_reader_errors_for_missing_empty_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(NLIDataError, match="file not found"):
        read_nli_jsonl(tmp_path / "nope.jsonl")
    with pytest.raises(NLIDataError, match="no labelled pairs"):
        read_nli_jsonl(_write(tmp_path, ["", "   "]))
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(NLIDataError, match="not UTF-8"):
        read_nli_jsonl(binary)


@pytest.mark.parametrize(
    ("gold", "pred", "accuracy", "per_class", "confusion_cells"),
    [
        # perfect
        (
            ["entailment", "neutral", "contradiction"],
            ["entailment", "neutral", "contradiction"],
            1.0,
            {
                "entailment": (1.0, 1.0, 1.0, 1),
                "neutral": (1.0, 1.0, 1.0, 1),
                "contradiction": (1.0, 1.0, 1.0, 1),
            },
            {("entailment", "entailment"): 1, ("neutral", "contradiction"): 0},
        ),
        # always "entailment": precision 2/4, recall 1 for it; the others are never predicted -> 0
        (
            ["entailment", "entailment", "neutral", "contradiction"],
            ["entailment"] * 4,
            0.5,
            {
                "entailment": (0.5, 1.0, 2 / 3, 2),
                "neutral": (0.0, 0.0, 0.0, 1),
                "contradiction": (0.0, 0.0, 0.0, 1),
            },
            {("neutral", "entailment"): 1, ("contradiction", "entailment"): 1, ("entailment", "neutral"): 0},
        ),
        # mixed
        (
            ["contradiction", "contradiction", "contradiction", "neutral", "entailment"],
            ["contradiction", "contradiction", "neutral", "neutral", "contradiction"],
            0.6,
            {
                "entailment": (0.0, 0.0, 0.0, 1),
                "neutral": (0.5, 1.0, 2 / 3, 1),
                "contradiction": (2 / 3, 2 / 3, 2 / 3, 3),
            },
            {
                ("contradiction", "neutral"): 1,
                ("entailment", "contradiction"): 1,
                ("contradiction", "contradiction"): 2,
            },
        ),
    ],
)
def test_classification_metrics(
    gold: list[str],
    pred: list[str],
    accuracy: float,
    per_class: dict[str, tuple[float, float, float, int]],
    confusion_cells: dict[tuple[str, str], int],
) -> None:
    m = classification_metrics(gold, pred)
    assert m["accuracy"] == pytest.approx(accuracy)
    assert m["n"] == len(gold)
    for label, (p, r, f1, support) in per_class.items():
        got = m["per_class"][label]
        assert (got["precision"], got["recall"], got["f1"]) == pytest.approx((p, r, f1))
        assert got["support"] == support
    for (g, p2), count in confusion_cells.items():
        assert m["confusion"][g][p2] == count
    assert sum(sum(row.values()) for row in m["confusion"].values()) == len(gold)


def test_metrics_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="length"):
        classification_metrics(["entailment"], [])
    with pytest.raises(ValueError, match="label not in"):
        classification_metrics(["entailment"], ["maybe"])


def test_metrics_accept_custom_labels() -> None:
    m = classification_metrics(["yes", "no", "no"], ["yes", "yes", "no"], labels=("yes", "no"))
    assert m["confusion"] == {"yes": {"yes": 1, "no": 0}, "no": {"yes": 1, "no": 1}}
    assert m["per_class"]["yes"]["precision"] == pytest.approx(0.5)


def test_evaluate_nli_with_fake_scorer(tmp_path: Path) -> None:
    rows = [
        ("Budi membeli beras di pasar.", "Budi membeli beras", "e"),
        ("Budi membeli beras di pasar.", "Budi tidak membeli beras.", "c"),
        ("Budi membeli beras di pasar.", "Budi membeli beras mahal.", "n"),
        ("Ani pergi ke Bandung.", "Ani pergi ke Bandung", "e"),
        ("Ani pergi ke Bandung.", "Ani pergi naik kereta.", "c"),  # the fake says neutral
    ]
    path = _write(tmp_path, [json.dumps({"premise": p, "hypothesis": h, "label": y}) for p, h, y in rows])
    result = evaluate_nli(path, KeywordScorer())
    assert result["n"] == 5
    assert result["accuracy"] == pytest.approx(0.8)
    assert result["confusion"]["contradiction"]["neutral"] == 1
    assert result["pairs_per_second"] > 0
    assert set(result["per_class"]) == set(LABELS)
    limited = evaluate_nli(path, KeywordScorer(), limit=2)
    assert limited["n"] == 2 and limited["accuracy"] == 1.0


def test_render_nli_eval_draws_tables(tmp_path: Path) -> None:
    path = _write(
        tmp_path, [json.dumps({"premise": "A makan.", "hypothesis": "A tidak makan.", "label": "c"})]
    )
    console = Console(record=True, width=120)
    render_nli_eval(evaluate_nli(path, KeywordScorer()), console)
    text = console.export_text()
    assert "accuracy 100.0%" in text
    assert "Confusion" in text and "contradiction" in text and "keyword-fake" in text
