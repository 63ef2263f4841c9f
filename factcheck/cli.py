"""Command line. Parses options, calls the library, turns its errors into one-line messages.

Heavy imports (torch, transformers, the pipeline) happen inside the commands, so `--help` is instant.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from factcheck import __version__
from factcheck.errors import FactcheckError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np

    from factcheck.corpus import Skipped
    from factcheck.lexicon import Lexicon
    from factcheck.pipeline import AuditResult, Progress, Scorer

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


class Engine(StrEnum):
    local = "local"
    ray = "ray"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    err.print(f"[bold red]error:[/bold red] {escape(message)}", markup=True, soft_wrap=True)
    return typer.Exit(code)


StrictOpt = Annotated[
    bool,
    typer.Option("--strict", help="Exit 2 when anything under the corpus cannot be read (listed as 'not read')."),
]


LexiconOpt = Annotated[
    Path | None,
    typer.Option(
        "--lexicon",
        help="Optional YAML/JSON file of domain knowledge: synonyms, other names of one entity, "
        "what a name is (docs/lexicon.md). Default: none.",
    ),
]


def load_lexicon(path: Path | None) -> Lexicon | None:
    """The user lexicon at ``path`` (None: none); raises InputError naming the file."""
    from factcheck.lexicon import Lexicon

    return Lexicon.load(path) if path is not None else None


def warn_skipped(skipped: list[Skipped], console: Console = err) -> None:
    """One warning line on stderr per path under the corpus that is not read."""
    for s in skipped:
        console.print(f"[yellow]warning:[/yellow] {escape(s.path)}: not read: {escape(s.reason)}", soft_wrap=True)


def strict_failure(skipped: list[Skipped]) -> UsageError:
    """The error --strict raises when paths were not read."""
    n = len(skipped)
    return UsageError(
        f"{n} path{'s' if n != 1 else ''} under the corpus could not be read (--strict); "
        f"first: {skipped[0].path}: {skipped[0].reason}"
    )


def parse_formats(value: str, allowed: tuple[str, ...] = FORMATS) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise UsageError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(allowed)}")
    return formats


def progress_bars(console: Console, transient: bool = False, quiet: bool = False) -> tuple[Any, Progress]:
    """A rich Progress on ``console`` (only on a terminal, never when ``quiet``) and a hook (stage, done,
    total) that drives it: per stage, counts, elapsed time and ETA."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bars = Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=console,
        transient=transient,
        disable=quiet or not console.is_terminal,
    )
    tasks: dict[str, Any] = {}

    def hook(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=max(total, 1))
        bars.update(tasks[stage], completed=done, total=max(total, 1))

    return bars, hook


class LoadOnUse:
    """An NLI scorer loaded when first used (its ``name`` or :meth:`predict`), so that the corpus is
    read and checked before the model loads: a bad input fails in a fraction of a second, not
    after the half-minute a model can take to load."""

    def __init__(self, load: Callable[[], Scorer]) -> None:
        self._load = load
        self._inner: Scorer | None = None

    def _scorer(self) -> Scorer:
        if self._inner is None:
            self._inner = self._load()
        return self._inner

    @property
    def name(self) -> str:
        return self._scorer().name

    @name.setter
    def name(self, value: str) -> None:
        self._scorer().name = value

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        return self._scorer().predict(pairs, batch_size=batch_size)

    def __getattr__(self, attr: str) -> Any:  # anything else the loaded scorer offers
        if attr.startswith("_"):
            raise AttributeError(attr)
        return getattr(self._scorer(), attr)


def run_audit(
    paths: list[Path],
    model: str,
    progress: Progress | None = None,
    cache_path: Path | None = None,
    language: str = "id",
    *,
    engine: str = "local",
    ray_address: str | None = None,
    workers: int | None = None,
) -> AuditResult:
    """Load the real scorer and embedder and audit ``paths`` (with an SQLite score cache if given).

    ``engine="ray"`` runs the stages on Ray Data (``ray_address``: a cluster; ``workers``: actor pool
    size); locally ``workers`` is the number of processes for claim extraction."""
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer
    from factcheck.pipeline import AuditConfig, audit

    if engine == "ray":
        from factcheck.engine.ray_engine import import_ray

        import_ray()  # a one-line error before any model is loaded
    scorer = LoadOnUse(lambda: load_scorer(None if model == "default" else model))
    cache = None
    if cache_path is not None:
        from factcheck.cache import SQLiteCache

        cache = SQLiteCache(cache_path)
    kwargs: dict[str, Any] = {"progress": progress} if progress else {}
    if engine == "ray":
        from functools import partial

        from factcheck.engine.ray_engine import RayOptions, audit_ray
        from factcheck.nli import scorer_details

        return audit_ray(
            paths,
            scorer_factory=partial(load_scorer, None if model == "default" else model),
            embedder_factory=default_embedder,
            config=AuditConfig(language=language),
            cache=cache,
            options=RayOptions(address=ray_address, workers=workers),
            scorer_name=scorer.name,
            embedder_name=default_embedder().name,
            scorer_info=scorer_details(scorer),
            **kwargs,
        )
    config = AuditConfig(language=language, workers=workers or 1)
    return audit(paths, scorer=scorer, embedder=default_embedder(), config=config, cache=cache, **kwargs)


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
    engine: Annotated[
        Engine, typer.Option("--engine", help="local (this process) or ray (Ray Data; needs the 'ray' extra).")
    ] = Engine.local,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="Ray cluster to run on (default: start a local Ray).")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="local: processes for claim extraction; ray: actors per model."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars (for CI logs).")] = False,
    strict: StrictOpt = False,
    lexicon_path: LexiconOpt = None,
) -> None:
    """Audit a corpus and write a ranked discrepancy report (Markdown, JSON, CSV)."""
    from factcheck.corpus import scan_corpus
    from factcheck.lexicon import use
    from factcheck.report import write_reports

    try:
        formats = parse_formats(fmt)
        skipped = scan_corpus(paths).skipped
        warn_skipped(skipped)
        if strict and skipped:
            raise strict_failure(skipped)
        if ray_address and engine is not Engine.ray:
            raise UsageError("--ray-address needs --engine ray")
        bars, hook = progress_bars(err, quiet=quiet)
        with use(load_lexicon(lexicon_path)):
            with bars:
                result = run_audit(
                    paths,
                    model,
                    hook,
                    cache,
                    lang.value,
                    engine=engine.value,
                    ray_address=ray_address,
                    workers=workers,
                )
            written = write_reports(result, out_dir, name or _default_name(paths), formats, top, skipped)
    except FactcheckError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"{out_dir}: cannot write report ({exc.strerror or exc})") from None
    summary_table(result, written)


def _default_name(paths: list[Path]) -> str:
    first = paths[0].resolve()
    base = first.name if first.is_dir() else first.stem
    return base or "corpus"


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
