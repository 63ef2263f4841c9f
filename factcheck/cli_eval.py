"""``factcheck evaluate``: score a report (or a fresh audit of a corpus) against a gold file;
``factcheck eval-nli``: measure an NLI model on labelled pairs.

Registered on the main app by :mod:`factcheck.cli`. Exit codes: 0 when the figures were computed
(and meet ``--min-precision``/``--min-recall``), 1 when a threshold is not met, 2 on bad input
(unreadable report, gold, pairs or subset file, gold that does not fit the corpus, model that will
not load).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.evaluate import EvalFinding
    from factcheck.gold import GoldPair

SourceArg = Annotated[Path, typer.Argument(
    metavar="REPORT_OR_CORPUS", show_default=False,
    help="A factcheck JSON report (.json) or the corpus folder to audit first.")]
GoldOpt = Annotated[Path, typer.Option(
    "--gold", "-g", help="Gold annotation (JSONL, see data/gold/README.md).", show_default=False)]
ModelOpt = Annotated[str, typer.Option("--model", "-m", help="NLI model when auditing a corpus: 'default', "
                                        "a Hugging Face hub id, or a local folder.")]
NLIModelOpt = Annotated[str, typer.Option("--model", "-m", help="NLI model: 'default' (offline, shipped), "
                                           "a Hugging Face hub id, or a local folder.")]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Also write every figure as JSON to this file.")]
PartialOpt = Annotated[bool | None, typer.Option(
    "--partial/--complete",
    help="Whether the gold lists only some contradictions. Partial: contradictions and internal findings "
         "that match no gold pair are left out of precision (read them by hand). Complete: they are "
         "false positives. Default: partial for seeds.jsonl, complete otherwise.", show_default=False)]


def _is_report(source: Path) -> bool:
    return source.is_file() and source.suffix.lower() == ".json"


Loaded = tuple["list[EvalFinding]", "list[GoldPair]", list[str], dict[str, Any]]


def _load(source: Path, gold_path: Path, model: str) -> Loaded:
    """(findings, gold, article ids, model info) for a report or a corpus to audit."""
    from factcheck.gold import load_gold

    if _is_report(source):
        from factcheck.evaluate import read_report

        gold = load_gold(gold_path)
        findings, articles, model_info = read_report(source)
        return findings, gold, articles, model_info
    from factcheck.cli import err, progress_bars, run_audit
    from factcheck.evaluate import findings_from_result

    gold = load_gold(gold_path, source if source.is_dir() else None)
    bars, hook = progress_bars(err)
    with bars:
        result = run_audit([source], model, hook)
    return findings_from_result(result), gold, [a.id for a in result.articles], dict(result.model)


def evaluate_command(
    source: SourceArg,
    gold_path: GoldOpt,
    model: ModelOpt = "default",
    json_out: JsonOpt = None,
    min_precision: Annotated[float | None, typer.Option(
        "--min-precision", min=0.0, max=1.0, show_default=False,
        help="Exit 1 when contradiction precision is below this (0-1).")] = None,
    min_recall: Annotated[float | None, typer.Option(
        "--min-recall", min=0.0, max=1.0, show_default=False,
        help="Exit 1 when contradiction recall is below this (0-1).")] = None,
    partial: PartialOpt = None,
) -> None:
    """Score findings against a gold file: precision/recall/F1 of contradictions and corroborations."""
    from factcheck.cli import fail, out
    from factcheck.errors import FactcheckError
    from factcheck.evaluate import (
        check_coverage,
        default_complete,
        failed_thresholds,
        judge_findings,
        render_evaluation,
        summarize,
    )
    from factcheck.gold import GoldError
    from factcheck.report import atomic_write

    if not source.exists():
        raise fail(f"{source}: no such file or directory")
    try:
        findings, gold, articles, model_info = _load(source, gold_path, model)
        warnings = check_coverage(gold, articles)
    except (FactcheckError, GoldError) as exc:
        raise fail(str(exc)) from None
    complete = default_complete(gold_path) if partial is None else not partial
    summary: dict[str, Any] = {"source": str(source), "gold": str(gold_path), "model": model_info,
                               **summarize(judge_findings(findings, gold, complete), gold, complete),
                               "warnings": warnings}
    render_evaluation(summary, out)
    for w in warnings:
        out.print(f"warning: {w}", markup=False)
    if json_out:
        try:
            atomic_write(json_out, json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            raise fail(f"{json_out}: cannot write ({exc.strerror})") from None
        out.print(f"wrote {json_out}", markup=False)
    problems = failed_thresholds(summary, min_precision, min_recall)
    if problems:
        raise fail("; ".join(problems), code=1)


def eval_nli_command(
    file: Annotated[Path, typer.Argument(help="IndoNLI-style or MNLI-style JSONL (optional columns "
                                         "phenomenon, direction: accuracy per value).")],
    model: NLIModelOpt = "default",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N pairs "
                                              "(of the subset, with --subset).")] = None,
    subset: Annotated[Path | None, typer.Option(
        "--subset", show_default=False,
        help="JSON list of pair indices (0-based, file order), or an object with an \"indices\" list: "
             "score only those pairs (e.g. models/numtemp_val_indices.json).")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Measure an NLI model on labelled pairs: accuracy, per-class P/R/F1, confusion, pairs/s."""
    from factcheck.cli import fail, out
    from factcheck.errors import FactcheckError
    from factcheck.evalnli import evaluate_nli, read_nli_rows, read_subset, render_nli_eval
    from factcheck.nli import load_scorer
    from factcheck.report import atomic_write

    try:
        indices = read_subset(subset) if subset is not None else None
        read_nli_rows(file)  # bad data fails before the model loads
        scorer = load_scorer(None if model == "default" else model)
        result = evaluate_nli(file, scorer, limit, subset=indices)
    except FactcheckError as exc:
        raise fail(str(exc)) from None
    render_nli_eval(result, out)
    if json_out:
        try:
            atomic_write(json_out, json.dumps(result, ensure_ascii=False, indent=2) + "\n", what="results")
        except FactcheckError as exc:
            raise fail(str(exc)) from None
        out.print(f"wrote {json_out}", markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``evaluate`` and ``eval-nli`` commands to ``app``."""
    app.command("evaluate")(evaluate_command)
    app.command("eval-nli")(eval_nli_command)
