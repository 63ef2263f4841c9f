"""Reader, metrics and evaluation loop of factcheck.evalnli, with a tiny fake scorer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import Result
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


# ------------------------------------------------------------ phenomenon / direction / subset
REPO = Path(__file__).resolve().parents[1]


def _rows_file(tmp_path: Path, rows: list[dict[str, str]], name: str = "g.jsonl") -> Path:
    return _write(tmp_path, [json.dumps(r, ensure_ascii=False) for r in rows], name)


def _grouped_rows() -> list[dict[str, str]]:
    # FakeNLI: negation or disjoint numbers -> contradiction; most hypothesis words in premise -> entailment
    p = "Tim SAR mengevakuasi 120 warga dari desa itu pada Selasa pagi."
    return [
        {"premise": p, "hypothesis": "Tim SAR mengevakuasi 80 warga dari desa itu.", "label": "c",
         "phenomenon": "count changed", "direction": "id-id"},
        {"premise": p, "hypothesis": "Tim SAR mengevakuasi 120 warga.", "label": "e",
         "phenomenon": "date dropped", "direction": "id-id"},
        {"premise": p, "hypothesis": "The rescue team evacuated 120 residents.", "label": "e",
         "phenomenon": "date dropped", "direction": "id-en"},  # little word overlap: the fake says neutral
        {"premise": p, "hypothesis": "Rescuers moved residents on Tuesday morning.", "label": "n",
         "phenomenon": "paraphrase", "direction": "id-en"},
    ]


def test_group_accuracy_counts_and_skips_missing() -> None:
    from factcheck.evalnli import group_accuracy

    acc = group_accuracy(["e", "n", "c", "e"], ["e", "c", "c", "n"], ["a", "a", None, "b"])
    assert acc == {"a": {"accuracy": 0.5, "correct": 1, "n": 2}, "b": {"accuracy": 0.0, "correct": 0, "n": 1}}


def test_evaluate_breaks_down_by_phenomenon_and_direction(tmp_path: Path) -> None:
    from tests.fakes import FakeNLI

    path = _rows_file(tmp_path, _grouped_rows())
    result = evaluate_nli(path, FakeNLI())
    assert result["n"] == 4
    assert result["by_phenomenon"] == {
        "count changed": {"accuracy": 1.0, "correct": 1, "n": 1},
        "date dropped": {"accuracy": 0.5, "correct": 1, "n": 2},
        "paraphrase": {"accuracy": 1.0, "correct": 1, "n": 1},
    }
    assert result["by_direction"] == {
        "id-en": {"accuracy": 0.5, "correct": 1, "n": 2},
        "id-id": {"accuracy": 1.0, "correct": 2, "n": 2},
    }
    console = Console(record=True, width=120)
    render_nli_eval(result, console)
    text = console.export_text()
    assert "Per phenomenon" in text and "date dropped" in text and "50.0%" in text
    assert "Per direction" in text and "id-en" in text


def test_no_group_tables_without_the_columns(tmp_path: Path) -> None:
    from tests.fakes import FakeNLI

    rows = [{k: v for k, v in r.items() if k in ("premise", "hypothesis", "label")} for r in _grouped_rows()]
    result = evaluate_nli(_rows_file(tmp_path, rows), FakeNLI())
    assert "by_phenomenon" not in result and "by_direction" not in result
    console = Console(record=True, width=120)
    render_nli_eval(result, console)
    assert "Per phenomenon" not in console.export_text()


def test_bad_phenomenon_value_names_the_line(tmp_path: Path) -> None:
    rows = _grouped_rows()
    rows[1]["phenomenon"] = ""
    with pytest.raises(NLIDataError, match=r":2: phenomenon must be a non-empty string"):
        read_nli_jsonl(_rows_file(tmp_path, rows))


def test_subset_keeps_only_those_indices_then_limit(tmp_path: Path) -> None:
    from factcheck.evalnli import read_subset
    from tests.fakes import FakeNLI

    path = _rows_file(tmp_path, _grouped_rows())
    sub = tmp_path / "sub.json"
    sub.write_text(json.dumps({"indices": [3, 1, 1]}), encoding="utf-8")
    assert read_subset(sub) == [1, 3]
    result = evaluate_nli(path, FakeNLI(), subset=read_subset(sub))
    assert result["n"] == 2 and result["subset_size"] == 2
    assert set(result["by_phenomenon"]) == {"date dropped", "paraphrase"}
    assert evaluate_nli(path, FakeNLI(), subset=[0, 2], limit=1)["by_phenomenon"] == {
        "count changed": {"accuracy": 1.0, "correct": 1, "n": 1}
    }
    with pytest.raises(NLIDataError, match="subset index 9 beyond the file's 4 pairs"):
        evaluate_nli(path, FakeNLI(), subset=[0, 9])


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (None, "subset file not found"),
        ("{not json", "not JSON"),
        ("[]", "non-empty list"),
        ('{"indices": [1, -2]}', "non-empty list"),
        ('["1"]', "non-empty list"),
        ("[true]", "non-empty list"),
    ],
)
def test_read_subset_errors(tmp_path: Path, content: str | None, fragment: str) -> None:
    from factcheck.evalnli import read_subset

    sub = tmp_path / "sub.json"
    if content is not None:
        sub.write_text(content, encoding="utf-8")
    with pytest.raises(NLIDataError, match=fragment) as err:
        read_subset(sub)
    assert str(err.value).startswith(str(sub))


def _cli(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    from typer.testing import CliRunner

    import factcheck.nli
    from factcheck.cli import app
    from tests.fakes import FakeNLI

    monkeypatch.setattr(factcheck.nli, "load_scorer", lambda model=None, **kw: FakeNLI())
    return CliRunner().invoke(app, ["eval-nli", *args], env={"COLUMNS": "200"})


def test_cli_eval_nli_prints_and_writes_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _rows_file(tmp_path, _grouped_rows())
    sub = tmp_path / "sub.json"
    sub.write_text("[0, 1, 2]", encoding="utf-8")
    out = tmp_path / "r.json"
    res = _cli([str(path), "--subset", str(sub), "--json", str(out)], monkeypatch)
    assert res.exit_code == 0, res.output
    assert "Per phenomenon" in res.output and "Per direction" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["n"] == 3 and data["subset_size"] == 3
    assert data["by_direction"]["id-id"] == {"accuracy": 1.0, "correct": 2, "n": 2}


@pytest.mark.parametrize("bad", ["subset", "data"])
def test_cli_eval_nli_bad_input_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    path = _rows_file(tmp_path, _grouped_rows())
    sub = tmp_path / "sub.json"
    sub.write_text("[0, 7]" if bad == "subset" else "[0]", encoding="utf-8")
    if bad == "data":
        path.write_text("{broken\n", encoding="utf-8")
    res = _cli([str(path), "--subset", str(sub)], monkeypatch)
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    assert ("beyond the file's 4 pairs" if bad == "subset" else "invalid JSON") in res.output


@pytest.mark.parametrize("name", ["nli_probe.jsonl", "nli_probe_xling.jsonl"])
def test_probe_files_have_phenomena(name: str) -> None:
    from factcheck.evalnli import read_nli_rows

    rows = read_nli_rows(REPO / "data" / name)
    assert all(meta.get("phenomenon") for _, meta in rows)
    if name == "nli_probe.jsonl":
        assert len(rows) == 36
        return
    from collections import Counter

    labels = Counter(label for (_, _, label), _ in rows)
    assert len(rows) >= 80 and max(labels.values()) - min(labels.values()) <= 2, labels
    directions = Counter(meta["direction"] for _, meta in rows)
    assert all(a != b for a, b in (d.split("-") for d in directions)), directions  # all cross-lingual
    assert {"id-en", "en-id"} <= set(directions)
    assert any("es" in d for d in directions) and any("de" in d for d in directions)
    phenomena = {meta["phenomenon"] for _, meta in rows}
    for kind in ("place", "person", "organisation", "date", "count", "amount", "duration"):
        assert f"{kind} changed" in phenomena, kind
    assert {"place dropped", "place added", "time of day changed", "weekday changed", "paraphrase",
            "plan vs outcome", "attribution change"} <= phenomena


def test_numtemp_tagger_reads_the_language_data() -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("factcheck_models_tag_numtemp", REPO / "models" / "tag_numtemp.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    pats = mod.compile_evidence(mod.evidence_lists())
    assert mod.kinds_in("Banjir merendam 40 rumah.", pats) == ["digit"]
    assert set(mod.kinds_in("Rapat digelar Selasa pagi.", pats)) == {"weekday", "time of day"}
    assert "number word" in mod.kinds_in("Festival itu berlangsung lima hari.", pats)
    assert "month" in mod.kinds_in("The bridge opened in March.", pats)
    for plain in ("Pasien COVID-19 dirawat di rumah sakit.", "Salah satu warga pulang.", "Orang itu tidur.",
                  "You may leave."):
        assert mod.kinds_in(plain, pats) == [], plain
    pairs = [("p", "Harga naik dua persen.", "entailment"), ("p", "Ia tidur.", "neutral")]
    assert mod.tag(pairs, pats)[0] == [0]
