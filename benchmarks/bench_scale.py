"""How `factcheck audit` scales with the corpus: 1,000, 3,000 and 10,000 generated articles.

Not a test: prints figures. Run from the repository root::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,3000,10000] [--engine local|ray]
        [--workers N] [--seed 7] [--workdir DIR] [--no-check] [--fake]
    .venv/bin/python benchmarks/bench_scale.py --check-only --sizes 10000 --workdir DIR

For each size it generates a corpus with the multi-event generator (``python -m
benchmarks.multievent.generate``; ``benchmarks/bench_check.py``'s generator if that is missing),
holds one article back, and audits the rest cold (empty SQLite cache) in a child process. It
prints, per size: wall time of the child (model load included, and stated apart), time per article,
claims, events, pairs scored, NLI calls, peak RSS of the child (``wait4``; for ``--engine ray``
that is the driver only, Ray's workers are not its children), the time spent in each stage, and the
child's memory sampled from ``/proc`` (peak RSS and peak anonymous memory, the stage at each, and the
megabytes of vectors that went to memory-mapped files: :mod:`factcheck.vectors`).
Then the ratio of time per article at the largest size to that at the smallest, and (unless
``--no-check``) a warm ``factcheck check`` of the held-back article against the cached corpus of
the largest size. The JSON report of each audit is kept beside its figures in the work folder
(``stats-N-ENGINE.report.json``), so the engines' findings can be compared. The "pairs" stage
time includes the corpus-wide steps before it (sources, furniture, events). ``--fake`` uses the
fake NLI scorer and embedder of ``tests/fakes.py`` (the pair counts still mean something, the
times do not).

``--check-only`` times only the warm checks, against the corpus and cache an earlier run left in
``--workdir`` (so they can be timed again after a code change without auditing again): the model
load on its own, then ``factcheck check`` of the held-back article with no corpus snapshot in the
cache (cold: the corpus-wide steps run and are stored), again (warm: snapshot reused, every score
cached), of a second new article (the held-back one with its figures changed: new claims, new NLI
scores) and of the first again (re-run; its JSON report must be byte-identical to the warm one).
The second article is checked against a copy of the cache without NLI scores (a check reads none of
the corpus's own pairs; earlier runs of the benchmark left the second article's there), so its
pairs are scored and the NLI model is loaded, as for an article nobody has checked before.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def say(text: str = "") -> None:
    """A line on stdout (this is a script; the library never prints)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# ----------------------------------------------------------------------------------- corpora
def generate(folder: Path, n: int, seed: int) -> str:
    """``n`` articles in ``folder``; returns the generator's name."""
    if (ROOT / "benchmarks" / "multievent" / "generate.py").is_file():
        cmd = [PYTHON, "-m", "benchmarks.multievent.generate", str(folder), "--articles", str(n), "--seed", str(seed)]
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        return "benchmarks.multievent"
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_check import generate_corpus

    folder.mkdir(parents=True, exist_ok=True)
    generate_corpus(folder, n, seed)
    return "benchmarks/bench_check.py"


def hold_out(folder: Path, where: Path) -> Path:
    """Move the last article of ``folder`` to ``where`` (the "new" article of the warm check)."""
    last = sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))[-1]
    where.mkdir(parents=True, exist_ok=True)
    return Path(shutil.move(str(last), where / last.name))


# ----------------------------------------------------------------------------------- child
def child(args: argparse.Namespace) -> None:
    """Runs in a child process: load the models, audit, write the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from factcheck.cache import SQLiteCache
    from factcheck.pipeline import AuditConfig, audit

    t0 = time.perf_counter()
    if args.fake:
        from tests.fakes import FakeEmbedder, FakeNLI

        scorer: Any = FakeNLI()
        embedder: Any = FakeEmbedder()
        scorer_factory: Any = FakeNLI
        embedder_factory: Any = FakeEmbedder
    else:
        from functools import partial

        from factcheck.embed import default_embedder
        from factcheck.nli import load_scorer

        scorer = load_scorer()
        scorer.predict([("Rapat digelar Senin.", "Rapat digelar Selasa.")])
        embedder = default_embedder()
        embedder.encode(["pemanasan model"])
        scorer_factory, embedder_factory = partial(load_scorer, None), default_embedder
    load_s = time.perf_counter() - t0
    stages: dict[str, list[float]] = {}
    counts: dict[str, int] = {}

    log_every, logged = 30.0, [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        first_last = stages.setdefault(stage, [now, now])
        first_last[1] = now
        counts[stage] = total
        if now - logged[0] >= log_every or done == total:  # a line now and then, for long runs
            logged[0] = now
            cpu = time.process_time()
            sys.stderr.write(f"  [{now - t0:7.0f} s, cpu {cpu:6.0f} s] {stage} {done}/{total}\n")
            sys.stderr.flush()

    cache = SQLiteCache(args.cache)
    memory = MemorySampler(stages)
    t1 = time.perf_counter()
    if args.engine == "ray":
        from factcheck.engine.ray_engine import RayOptions, audit_ray

        result = audit_ray(
            [args.corpus],
            scorer_factory=scorer_factory,
            embedder_factory=embedder_factory,
            cache=cache,
            progress=progress,
            options=RayOptions(workers=args.workers),
            scorer_name=scorer.name,
            embedder_name=embedder.name,
        )
    else:
        config = AuditConfig(workers=args.workers or 1)
        result = audit([args.corpus], scorer=scorer, embedder=embedder, config=config, cache=cache, progress=progress)
    audit_s = time.perf_counter() - t1
    memory.stop()
    # a stage's time: from the end of the previous stage to its own last report
    order = sorted(stages, key=lambda s: stages[s][1])
    spans, prev = {}, t1
    for s in order:
        spans[s] = round(stages[s][1] - prev, 1)
        prev = stages[s][1]
    spans["rank+rest"] = round(t1 + audit_s - prev, 1)
    figures = {
        "load_s": round(load_s, 1),
        "audit_s": round(audit_s, 1),
        "stats": result.stats,
        "nli_computed": result.nli_computed,
        "stages": spans,
        "findings": len(result.findings),
        "scorer": scorer.name,
        "memory": memory.figures(),
    }
    Path(args.stats).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    from factcheck.report import to_json

    report = to_json(result)
    Path(args.stats).with_suffix(".report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


class MemorySampler:
    """Samples this process's resident memory from ``/proc/self/status`` every 0.2 s (Linux): the peak
    of all of it (``VmRSS``, the figure ``ru_maxrss`` keeps), of its anonymous part (``RssAnon``: what
    the kernel cannot drop without swap; file-backed pages such as the vectors' memory-mapped file
    can be written back and dropped) and the stage running at each peak. Also how many bytes of
    vectors went to memory-mapped files (:data:`factcheck.vectors.totals`, when it exists)."""

    def __init__(self, stages: dict[str, list[float]]) -> None:
        import threading

        self.stages = stages
        self.peak = {"VmRSS": (0, ""), "RssAnon": (0, ""), "RssFile": (0, "")}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        try:
            text = Path("/proc/self/status").read_text()
        except OSError:
            return
        now = max(self.stages, key=lambda s: self.stages[s][1]) if self.stages else "start"
        for line in text.splitlines():
            key, _, rest = line.partition(":")
            if key in self.peak:
                kb = int(rest.split()[0])
                if kb > self.peak[key][0]:
                    self.peak[key] = (kb, now)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self._sample()

    def stop(self) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: {"mb": round(kb / 1024, 1), "stage": st} for k, (kb, st) in self.peak.items()}
        try:
            from factcheck import vectors

            out["vectors_mapped_mb"] = round(vectors.totals["bytes"] / 2**20, 1)
            out["vector_files"] = vectors.totals["stores"]
        except (ImportError, AttributeError):  # a commit before factcheck.vectors
            pass
        return out


def run_child(argv: list[str]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in bytes, exit status) of one child process (CPU and RSS
    include the child's own worker processes, e.g. the ``--workers`` pool; CPU time is the figure to
    read on a machine shared with other jobs, where wall time mostly measures the others)."""
    t = time.perf_counter()
    proc = subprocess.Popen([PYTHON, str(Path(__file__).resolve()), *argv], cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, proc.returncode


# ----------------------------------------------------------------------------------- checks only
def load_models() -> None:
    """Load the NLI model and the embedder and run each once (what a check loads when it must)."""
    sys.path.insert(0, str(ROOT))
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer

    t = time.perf_counter()
    scorer = load_scorer()
    scorer.predict([("Rapat digelar Senin.", "Rapat digelar Selasa.")])
    t_nli = time.perf_counter() - t
    t = time.perf_counter()
    default_embedder().encode(["pemanasan model"])
    say(f"model load: NLI {t_nli:.1f} s, embedder {time.perf_counter() - t:.1f} s")


def _variant(text: str) -> str:
    """The article with its figures moved by a few units and a sentence added, both new on every
    run: a new article of the same event whose claims, embeddings and NLI pairs are not cached."""
    import re

    t = time.time_ns() // 1000
    # every number under 100 moves, the month of "(16/8/2024)" too: by 1 or 2 the article stays in
    # its event (55-60 pairs at 10,000); by 3 it starts an event of its own (no pairs, no NLI)
    shift = 1 + t % 2
    head, sep, body = text.partition("\n---\n") if text.startswith("---") else ("", "", text)
    body = re.sub(r"\d+", lambda m: str(int(m.group(0)) + shift) if len(m.group(0)) < 3 else m.group(0), body)
    body = body.rstrip("\n") + f"\n\nHingga berita ini diturunkan, {t % 9000 + 1000} warga telah mengungsi.\n"
    return head + sep + body


def time_checks(work: Path, n: int) -> None:
    """Time the checks ``--check-only`` describes against ``work``'s corpus of ``n`` articles."""
    import resource
    import sqlite3

    corpus, cache = work / f"corpus-{n}", work / f"cache-{n}.sqlite"
    news = sorted((work / f"new-{n}").iterdir())
    if not corpus.is_dir() or not cache.is_file() or not news:
        say(f"{n}: no corpus, cache or held-back article in {work}; run the benchmark without --check-only first")
        return
    new = news[0]
    first, second = corpus / new.name, corpus / f"zz-{new.stem}-variant{new.suffix}"
    for stale in corpus.glob("zz-*-variant*"):
        stale.unlink()
    with sqlite3.connect(cache) as conn:
        conn.execute("DELETE FROM snapshot_parts") if conn.execute(
            "SELECT name FROM sqlite_master WHERE name = 'snapshot_parts'"
        ).fetchone() else None
    t = time.perf_counter()
    subprocess.run([PYTHON, str(Path(__file__).resolve()), "--load-only"], cwd=ROOT, check=True)
    say(f"  (model load child: {time.perf_counter() - t:.1f} s wall, with Python start-up and imports)")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    reports = {}
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = [usage.ru_utime + usage.ru_stime]

    def check(label: str, target: Path, against: Path = cache) -> None:
        out = work / f"check-{n}-{label}"
        cmd = [PYTHON, "-c", "from factcheck.cli import main; main()", "check", str(target), "--corpus", str(corpus)]
        cmd += ["--cache", str(against)]
        cmd += ["--fail-on", "never", "--format", "json", "--out", str(out)]
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        stdout, stderr = proc.communicate()
        wall = time.perf_counter() - t
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime - cpu_before[0]
        cpu_before[0] += cpu
        lines = [x for x in (stderr + stdout).strip().splitlines() if x.strip()]
        stats = next((x for x in lines if " NLI scores computed" in x), "")
        say(
            f"check {label} of 1 new article vs {n} cached: {wall:.1f} s wall, {cpu:.1f} s CPU, "
            f"exit {proc.returncode} (load average {os.getloadavg()[0]:.1f}) · {stats}"
        )
        res = proc
        if res.returncode not in (0, 1):
            say("  " + " | ".join(lines[-5:]))
        report = out / "factcheck-check.json"
        reports[label] = report.read_bytes() if report.is_file() else b""

    shutil.copy(new, first)
    check("cold", first)
    check("warm", first)
    first.unlink()  # the second new article is checked against the same corpus
    second.write_text(_variant(new.read_text(encoding="utf-8")), encoding="utf-8")
    fresh = work / f"cache-{n}-no-nli.sqlite"
    fresh.unlink(missing_ok=True)  # VACUUM INTO needs a new file
    with sqlite3.connect(cache) as conn:
        conn.execute("VACUUM INTO ?", (str(fresh),))
    with sqlite3.connect(fresh) as conn:
        conn.execute("DELETE FROM entries WHERE kind = 'nli'")
    check("second", second, fresh)
    second.unlink()
    for left in work.glob(f"{fresh.name}*"):
        left.unlink()
    shutil.copy(new, first)
    check("rerun", first)
    same = reports["warm"] == reports["rerun"] and reports["warm"] != b""
    say(f"warm and re-run JSON reports byte-identical: {same}")
    first.unlink()


# ----------------------------------------------------------------------------------- main
def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Scale benchmark for factcheck audit.")
    ap.add_argument("--sizes", default="1000,3000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--engine", choices=("local", "ray"), default="local")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", type=Path, default=None, help="keep corpora and caches here (default: a temp dir)")
    ap.add_argument("--no-check", action="store_true", help="skip the warm check of one new article")
    ap.add_argument("--fake", action="store_true", help="fake NLI scorer and embedder (pair counts only)")
    ap.add_argument("--check-only", action="store_true", help="only time warm checks against --workdir's corpus")
    ap.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--stats", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args)
        return
    if args.load_only:
        load_models()
        return
    if args.check_only:
        if args.workdir is None:
            ap.error("--check-only needs --workdir (where an earlier run left its corpus and cache)")
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            time_checks(args.workdir, n)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="factcheck-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    say(f"factcheck audit scale benchmark · engine {args.engine} · workers {args.workers or 'default'} · {work}")
    say(f"machine: {os.cpu_count()} CPUs · python {sys.version.split()[0]}")
    per_article: dict[int, float] = {}
    cpu_per_article: dict[int, float] = {}
    last: tuple[Path, Path, Path] | None = None
    for n in sizes:
        corpus = work / f"corpus-{n}"
        if corpus.exists():
            shutil.rmtree(corpus)
        gen = generate(corpus, n + 1, args.seed)
        new = hold_out(corpus, work / f"new-{n}")
        cache = work / f"cache-{n}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{cache}{suffix}").unlink(missing_ok=True)
        stats_path = work / f"stats-{n}-{args.engine}.json"
        child_argv = ["--child", "--corpus", str(corpus), "--cache", str(cache), "--stats", str(stats_path)]
        child_argv += ["--engine", args.engine] + (["--workers", str(args.workers)] if args.workers else [])
        child_argv += ["--fake"] if args.fake else []
        load_before = os.getloadavg()[0]
        wall, cpu, rss, code = run_child(child_argv)
        if code != 0:
            say(f"{n} articles: the audit failed (exit {code})")
            continue
        fig = json.loads(stats_path.read_text(encoding="utf-8"))
        s = fig["stats"]
        per_article[n] = fig["audit_s"] / n
        cpu_per_article[n] = cpu / n
        say("")
        say(f"== {n} articles ({gen}, seed {args.seed}; scorer {fig['scorer']})")
        say(
            f"wall {wall:.0f} s (model load {fig['load_s']:.0f} s, audit {fig['audit_s']:.0f} s) · "
            f"{1000 * fig['audit_s'] / n:.0f} ms per article · peak RSS {rss / 2**30:.2f} GB"
        )
        say(
            f"CPU time {cpu:.0f} s ({1000 * cpu / n:.0f} ms per article) · load average {load_before:.1f} at start, "
            f"{os.getloadavg()[0]:.1f} at end (above {os.cpu_count()} the machine was shared)"
        )
        say(
            f"claims {s.get('claims')} · events {s.get('events', '-')} · sources {s.get('sources', '-')} · "
            f"pairs scored {s.get('pairs')} · NLI calls {s.get('nli_calls')} (computed {fig['nli_computed']}) · "
            f"findings {fig['findings']}"
        )
        say("stages (s): " + ", ".join(f"{k} {v}" for k, v in fig["stages"].items()))
        mem = fig.get("memory", {})
        if mem.get("VmRSS", {}).get("mb"):
            vm, anon, mapped = mem["VmRSS"], mem["RssAnon"], mem.get("vectors_mapped_mb")
            say(
                f"memory (sampled): peak RSS {vm['mb']:.0f} MB in stage {vm['stage']}, peak anonymous "
                f"{anon['mb']:.0f} MB in stage {anon['stage']}"
                + (f" · vectors in mapped files {mapped:.0f} MB ({mem['vector_files']} files)" if mapped else "")
            )
        last = (corpus, new, cache)
    if len(per_article) >= 2:
        lo, hi = min(per_article), max(per_article)
        say("")
        say(f"time per article at {hi} vs {lo}: {per_article[hi] / per_article[lo]:.2f}x (target <= 1.2)")
        say(f"CPU time per article at {hi} vs {lo}: {cpu_per_article[hi] / cpu_per_article[lo]:.2f}x")
    if last and not args.no_check and not args.fake:
        corpus, new, cache = last
        target = corpus / new.name
        shutil.copy(new, target)
        cmd = [str(Path(PYTHON).with_name("factcheck")), "check", str(target), "--corpus", str(corpus)]
        cmd += ["--cache", str(cache), "--fail-on", "never"]
        t = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t
        tail = (res.stdout.strip().splitlines() or [""])[-1]
        cached = len(list(corpus.iterdir())) - 1
        say(f"warm check of 1 new article vs {cached} cached: {wall:.1f} s, exit {res.returncode}")
        say(f"  (model load included; it was {fig['load_s']:.0f} s in the audit child) · {tail}")


if __name__ == "__main__":
    main()
