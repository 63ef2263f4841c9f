"""The multi-event benchmark: generate corpora of many confusable events, audit them, score.

Not a test: prints figures. Run from the repository root::

    .venv/bin/python benchmarks/bench_events.py [--sizes 250,1000] [--seed 11] [--fake] [--keep DIR]
        [--cache FILE]

For each size it generates a corpus with :mod:`benchmarks.multievent.generate` (ground truth
included), runs the audit in-process through :func:`factcheck.pipeline.audit` with the real
default models (the default embedder and the shipped NLI model) or, with ``--fake``, the fake
scorer and embedder of ``tests/fakes.py`` (quick; the figures then say nothing about the models),
scores the JSON report with :mod:`benchmarks.multievent.score` and prints one table row per size:
wall time, time per article, contradiction precision and recall, cross-event findings, trap
false positives and corroboration precision and recall. ``--keep DIR`` keeps the corpora, truth
files, reports and per-size scores there, and a later run with the same ``--keep`` and seed reuses the
corpora; ``--cache FILE`` keeps the claims, embeddings and NLI scores between runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.multievent.generate import generate  # noqa: E402
from benchmarks.multievent.score import format_summary, score  # noqa: E402


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def models(fake: bool) -> tuple[Any, Any, str]:
    if fake:
        from tests.fakes import FakeEmbedder, FakeNLI

        return FakeNLI(), FakeEmbedder(), "fake NLI + fake embedder (tests/fakes.py)"
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer

    t = time.perf_counter()
    scorer, embedder = load_scorer(), default_embedder()
    scorer.predict([("Rapat digelar Senin.", "Rapat digelar Selasa.")])
    embedder.encode(["pemanasan"])
    return scorer, embedder, f"{scorer.name} + {embedder.name} (loaded in {time.perf_counter() - t:.1f} s)"


class StageLog:
    """Progress hook: one line on stderr when a stage starts and when it ends."""

    def __init__(self, size: int) -> None:
        self.size, self.stage, self.t0 = size, "", time.perf_counter()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stage = stage
            sys.stderr.write(f"[{self.size}] {time.perf_counter() - self.t0:7.1f} s  {stage} ({total})\n")
        if done >= total:
            sys.stderr.write(f"[{self.size}] {time.perf_counter() - self.t0:7.1f} s  {stage} done\n")
        sys.stderr.flush()


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def run_size(
    n: int, seed: int, folder: Path, scorer: Any, embedder: Any, langs: Sequence[str], cache: Any = None
) -> dict[str, Any]:
    from factcheck.pipeline import audit
    from factcheck.report import to_json

    corpus = folder / f"corpus_{n}"
    truth_path = folder / f"corpus_{n}.truth.json"
    if corpus.is_dir() and truth_path.is_file():  # kept from an earlier run (--keep): same seed, same corpus
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    else:
        truth = generate(corpus, n, seed, langs, truth_path)
    t, cpu = time.perf_counter(), time.process_time()
    result = audit([corpus], scorer=scorer, embedder=embedder, progress=StageLog(n), cache=cache)
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    report = to_json(result)
    (folder / f"report_{n}.json").write_text(json.dumps(report, ensure_ascii=False) + "\n", encoding="utf-8")
    figures = score(report, truth)
    figures["wall_s"] = wall
    figures["cpu_s"] = cpu  # all threads of this process: less sensitive than wall time to a busy machine
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["pairs"] = len(result.pairs)
    (folder / f"score_{n}.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="250,1000", help="comma-separated corpus sizes (articles)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--langs", default="id,en")
    parser.add_argument("--fake", action="store_true", help="fake NLI and embedder (quick; figures mean little)")
    parser.add_argument("--keep", type=Path, default=None, help="keep corpora, truth, reports and scores here")
    parser.add_argument("--details", action="store_true", help="print the scorer's full summary per size")
    parser.add_argument("--cache", type=Path, default=None, help="SQLite score cache (re-runs reuse the scores)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        sys.stderr.write(f"error: --sizes must be comma-separated integers, not {args.sizes!r}\n")
        return 2
    if not sizes or min(sizes) < 2:
        sys.stderr.write("error: --sizes needs sizes of at least 2 articles\n")
        return 2
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    scorer, embedder, what = models(args.fake)
    import factcheck

    where = Path(factcheck.__file__).resolve().parent
    say(f"factcheck {factcheck.__version__} from {where} (pipeline {factcheck.PIPELINE_VERSION})")
    say(f"models: {what}; seed {args.seed}; languages {','.join(langs)}")
    rows = []
    cache = None
    if args.cache is not None:
        from factcheck.cache import SQLiteCache

        cache = SQLiteCache(args.cache)
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            folder = base / f"size_{n}"
            truth = folder / f"corpus_{n}.truth.json"
            kept = truth.is_file() and json.loads(truth.read_text(encoding="utf-8")).get("seed") == args.seed
            if folder.exists() and any(folder.rglob("*.md")) and not kept:
                sys.stderr.write(f"error: {folder} already holds another corpus; give an empty --keep folder\n")
                return 2
            folder.mkdir(parents=True, exist_ok=True)
            fig = run_size(n, args.seed, folder, scorer, embedder, langs, cache)
            if args.details:
                say(format_summary(fig))
            rows.append((n, fig))
    say("")
    head = (
        "articles",
        "events",
        "wall time",
        "per article",
        "CPU time",
        "peak RSS",
        "pairs",
        "contradictions",
        "precision",
        "recall",
        "cross-event",
        "trap FP",
        "corroborations",
        "corr. precision",
        "corr. recall",
    )
    say("| " + " | ".join(head) + " |")
    say("|" + " ---: |" * len(head))
    for n, f in rows:
        c, k = f["contradictions"], f["corroborations"]
        cells = (
            n,
            f["events"],
            f"{f['wall_s']:.0f} s",
            f"{f['wall_s'] / n:.2f} s",
            f"{f['cpu_s']:.0f} s",
            f"{f['peak_rss_mb']:.0f} MB",
            f["pairs"],
            c["findings"],
            _pct(c["precision"]),
            f"{_pct(c['recall'])} ({c['found']}/{c['planted']})",
            f["cross_event"],
            f["trap_false_positives"],
            k["findings"],
            _pct(k["precision"]),
            _pct(k["recall"]),
        )
        say("| " + " | ".join(str(x) for x in cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
