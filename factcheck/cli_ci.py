"""CLI commands for CI: ``check``, ``baseline`` and ``cache info|clear``.

``factcheck.cli`` calls :func:`register`. The library work is in :mod:`factcheck.ci` and
:mod:`factcheck.cache`; this module parses options, builds the real scorer and embedder (tests
replace :func:`make_scorer` and :func:`make_embedder`), prints, and maps errors to exit codes:
0 pass, 1 a finding fails the check, 2 usage or input error.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from factcheck.errors import FactcheckError

if TYPE_CHECKING:
    from rich.progress import Progress as Bars

    from factcheck.cache import SQLiteCache
    from factcheck.ci import CheckOutcome
    from factcheck.embed import Embedder
    from factcheck.modelproc import Spec
    from factcheck.pipeline import AuditResult, Progress, Scorer

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

ModelOpt = Annotated[
    str,
    typer.Option(
        "--model",
        "-m",
        help="NLI model: 'default' (offline, shipped), a Hugging Face hub id, or a local folder.",
    ),
]
CacheOpt = Annotated[
    Path | None,
    typer.Option("--cache", help="Score cache file [default: $FACTCHECK_CACHE or .factcheck/cache.sqlite]."),
]
LexiconOpt = Annotated[
    Path | None,
    typer.Option("--lexicon", help="Optional YAML/JSON file of domain knowledge (docs/lexicon.md). Default: none."),
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the score cache.")]


class FailOn(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    never = "never"


def make_scorer(model: str) -> Scorer:
    """The NLI scorer for ``--model`` (replaced in tests).

    When :func:`factcheck.nli.scorer_name` can tell a model's name without loading it (the
    built-in model), the model is loaded only if some NLI score is not in the cache.
    """
    from factcheck import nli

    arg = None if model == "default" else model
    name = nli.scorer_name(arg)
    if name is None:
        return nli.load_scorer(arg)
    from factcheck.ci import LazyScorer

    return LazyScorer(name, lambda: nli.load_scorer(arg))


def make_embedder() -> Embedder:
    """The sentence embedder (replaced in tests)."""
    from factcheck.embed import default_embedder

    return default_embedder()


def preload_spec(model: str, embedder: Embedder) -> Spec:
    """The models a check of new articles will need, for a model process to load while the corpus
    is read (:mod:`factcheck.modelproc`): the entity tagger unless it is switched off, the torch
    embedder when it is the one in use, and the NLI model when it can be named without loading it
    (the built-in one: :func:`make_scorer` then makes a :class:`factcheck.ci.LazyScorer`, the only
    scorer that asks the model process)."""
    from factcheck.embed import TorchE5Embedder
    from factcheck.modelproc import Spec
    from factcheck.ner import default_model_dir, tagger_enabled
    from factcheck.nli import scorer_name

    arg = None if model == "default" else model
    return Spec(
        tagger_dir=str(default_model_dir()) if tagger_enabled() else None,
        embedder=isinstance(embedder, TorchE5Embedder),
        nli=scorer_name(arg) is not None,
        nli_model=arg,
    )


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[bold red]error:[/bold red] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def _open_cache(path: Path | None, no_cache: bool) -> SQLiteCache | None:
    """The score cache, or None (``--no-cache``, or it cannot be opened: a warning, not an error)."""
    if no_cache:
        return None
    from factcheck.cache import CacheError, open_cache

    try:
        return open_cache(path)
    except CacheError as exc:
        err.print(f"[yellow]warning:[/yellow] {escape(str(exc))}; running without the cache", soft_wrap=True)
        return None


def _progress() -> tuple[Bars, Progress]:
    """Transient progress bars on stderr (only on a terminal) and their (stage, done, total) hook."""
    from factcheck.cli import progress_bars

    return progress_bars(err, transient=True)


def _print_items(outcome: CheckOutcome) -> None:
    from factcheck.ci import describe, where

    labels = {"fail": "FAIL", "warn": "warn", "review": "review", "baselined": "baselined"}
    for status in ("fail", "warn", "review", "baselined"):
        for item in outcome.with_status(status):
            f = item.finding
            line = f"{labels[status]:<9} [{f.severity}] {describe(f)} {where(item, outcome.new_ids)}: {f.reason}"
            out.print(
                line,
                markup=False,
                soft_wrap=True,
            )


def check(
    corpus: Annotated[
        Path,
        typer.Option("--corpus", "-c", help="Folder with every article (new ones included).", show_default=False),
    ],
    new_files: Annotated[
        list[Path] | None,
        typer.Argument(help="New or changed article files (pre-commit passes the staged ones).", show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Also check the articles under --corpus added or changed since this git revision "
            "(compared with its merge base with HEAD; untracked files count as added).",
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option("--fail-on", help="Exit 1 when a contradiction or within-article problem reaches this severity."),
    ] = FailOn.high,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Accepted findings (from `factcheck baseline`): reported, never fail."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Comma-separated: github (annotations on stdout), "
            "md and json (files in --out). Default: console summary only.",
        ),
    ] = "",
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the md/json reports.")] = Path(
        "factcheck-report"
    ),
    model: ModelOpt = "default",
    cache_path: CacheOpt = None,
    no_cache: NoCacheOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 2 when anything under --corpus cannot be read (listed).")
    ] = False,
    lexicon_path: LexiconOpt = None,
) -> None:
    """Check new or changed articles against a corpus; exit 1 on a contradiction (CI / pre-commit)."""
    from factcheck.ci import (
        DEFAULT_CONFIG,
        check_articles,
        github_annotations,
        load_baseline,
        parse_formats,
        select_inputs,
        snapshot_lookup,
        summary_line,
        write_outputs,
    )
    from factcheck.cli import load_lexicon
    from factcheck.lexicon import use
    from factcheck.modelproc import serving

    stack = contextlib.ExitStack()
    try:
        formats = parse_formats(fmt)
        accepted = load_baseline(baseline) if baseline else frozenset()
        embedder = make_embedder()
        stack.enter_context(serving(preload_spec(model, embedder)))
        cache = _open_cache(cache_path, no_cache)
        try:
            lookup = snapshot_lookup(cache, DEFAULT_CONFIG, embedder.name) if cache is not None else None
            inputs = select_inputs(new_files or [], corpus, since, exclude=[out_dir], snapshot=lookup)
        except BaseException:
            if cache is not None:
                cache.close()
            raise
        from factcheck.cli import strict_failure, warn_skipped

        warn_skipped(inputs.skipped, err)
        if ((strict and inputs.skipped) or not inputs.new_ids) and cache is not None:
            cache.close()
        if strict and inputs.skipped:
            raise strict_failure(inputs.skipped)
        if not inputs.new_ids:
            out.print(f"OK: no new or changed articles under {corpus} since {since}", markup=False, soft_wrap=True)
            raise typer.Exit(0)
        scorer = make_scorer(model)
        bars, hook = _progress()
        try:
            with use(load_lexicon(lexicon_path)), bars:
                outcome = check_articles(
                    inputs,
                    scorer=scorer,
                    embedder=embedder,
                    cache=cache,
                    fail_on=fail_on.value,
                    baseline=accepted,
                    progress=hook,
                )
        finally:
            if cache is not None:
                cache.close()
        written = write_outputs(outcome, out_dir, formats)
    except FactcheckError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{out_dir}: cannot write report ({exc.strerror or exc})") from None
    finally:
        stack.close()  # the model process, if one ran
    if "github" in formats:
        for line in github_annotations(outcome):
            typer.echo(line)
    else:
        _print_items(outcome)
    s = outcome.stats
    err.print(
        f"{s['articles']} articles ({s['new_articles']} new), {s['claims']} claims, {s['pairs']} pairs, "
        f"{s['nli_computed']} of {s['nli_calls']} NLI scores computed" + (" (no cache)" if cache is None else ""),
        markup=False,
        soft_wrap=True,
    )
    for path in written:
        err.print(f"wrote {path}", markup=False, soft_wrap=True)
    out.print(summary_line(outcome), markup=False, soft_wrap=True)
    raise typer.Exit(outcome.exit_code)


def baseline(
    source: Annotated[
        Path,
        typer.Argument(
            help="A JSON report (from audit or check --format json) or a corpus folder to audit.",
            show_default=False,
        ),
    ],
    out_file: Annotated[Path, typer.Option("--out", "-o", help="Baseline file to write.")] = Path(
        "factcheck-baseline.json"
    ),
    model: ModelOpt = "default",
    cache_path: CacheOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Accept the current contradictions: write their fingerprints for `check --baseline`."""
    from factcheck.ci import entries_from_findings, entries_from_report, render_baseline
    from factcheck.report import atomic_write

    try:
        if source.is_file() and source.suffix.lower() == ".json":
            entries = entries_from_report(source)
        else:
            entries = entries_from_findings(_audit(source, model, cache_path, no_cache).findings)
        atomic_write(out_file, render_baseline(entries, str(source)), what="baseline")
    except FactcheckError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{out_file}: cannot write baseline ({exc.strerror or exc})") from None
    n = len({e.fingerprint for e in entries})
    out.print(f"wrote {n} accepted finding{'s' if n != 1 else ''} to {out_file}", markup=False, soft_wrap=True)


def _audit(source: Path, model: str, cache_path: Path | None, no_cache: bool) -> AuditResult:
    from factcheck.cli import warn_skipped
    from factcheck.corpus import scan_corpus
    from factcheck.pipeline import audit

    warn_skipped(scan_corpus([source]).skipped, err)
    scorer = make_scorer(model)
    embedder = make_embedder()
    cache = _open_cache(cache_path, no_cache)
    bars, hook = _progress()
    try:
        with bars:
            return audit([source], scorer=scorer, embedder=embedder, cache=cache, progress=hook)
    finally:
        if cache is not None:
            cache.close()


cache_app = typer.Typer(
    help="Inspect or empty the score cache (embeddings and NLI scores).",
    no_args_is_help=True,
    add_completion=False,
)


def _existing_cache(cache_path: Path | None) -> Path | None:
    from factcheck.cache import default_cache_path

    path = cache_path or default_cache_path()
    if not path.exists():
        out.print(f"no cache at {path}", markup=False, soft_wrap=True)
        return None
    return path


@cache_app.command("info")
def cache_info(cache_path: CacheOpt = None) -> None:
    """Entries per kind and model, and the size on disk."""
    from rich.table import Table

    from factcheck.cache import CacheError, SQLiteCache

    path = _existing_cache(cache_path)
    if path is None:
        return
    try:
        with SQLiteCache(path, read_only=True) as cache:
            stats = cache.info()
    except CacheError as exc:
        raise _fail(str(exc)) from None
    table = Table(title=f"{path} · {stats.size_bytes / 1e6:.1f} MB · {stats.total} entries")
    for col, justify in (("kind", "left"), ("model", "left"), ("pipeline", "right"), ("entries", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for kind, model, pipeline, count in stats.rows:
        table.add_row(kind, escape(model), pipeline, str(count))
    out.print(table)


@cache_app.command("clear")
def cache_clear(
    cache_path: CacheOpt = None,
    stale: Annotated[bool, typer.Option("--stale", help="Only entries of other pipeline versions.")] = False,
) -> None:
    """Delete the cached embeddings and NLI scores."""
    from factcheck.cache import CacheError, SQLiteCache

    path = _existing_cache(cache_path)
    if path is None:
        return
    try:
        with SQLiteCache(path) as cache:
            n = cache.clear(stale_only=stale)
    except CacheError as exc:
        raise _fail(str(exc)) from None
    out.print(f"cleared {n} entr{'ies' if n != 1 else 'y'} from {path}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add ``check``, ``baseline`` and the ``cache`` group to the main app."""
    app.command("check")(check)
    app.command("baseline")(baseline)
    app.add_typer(cache_app, name="cache")
