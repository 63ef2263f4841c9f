"""Same corpus, same report: audits a corpus several ways and compares the reports byte for byte.

    python benchmarks/determinism.py CORPUS [--work DIR] [--model default] [--jobs N] [--reuse]

Runs, each in a fresh process with its own ``PYTHONHASHSEED`` (so set or hash order cannot hide):

- ``A``  ``factcheck audit`` with a cold cache, ``FACTCHECK_THREADS=2``
- ``B``  the same command again: warm cache (nothing scored)
- ``C``  a cold cache with ``FACTCHECK_THREADS=1``
- ``D``  ``check`` of one new article against the rest, cold cache: only that article's pairs are
  scored, in other batches than in ``A``
- ``E``  ``factcheck audit`` on ``D``'s cache: partly warm, the misses batched differently again
- ``F``  ``check`` with every article new (the same pairs as ``audit``), no cache
- ``G``  ``factcheck check`` of ``D``'s article from the command line, cold cache, with the model
  process (``FACTCHECK_PRELOAD=on``: the tagger, the embedder and the NLI model run in a child)

and compares the Markdown and JSON reports (A with B, C, E and F) and the cached NLI scores,
embeddings, entity spans and claims (every key two caches share must hold the same bytes; D with G
shows the model process computes what this process computes). The reports carry no timestamp;
only for 1 vs 2 threads is ``model.nli_threads`` (which records the thread count) left out of the
JSON comparison. Prints OK or DIFF per comparison; exit 1 on any difference, 2 on a failed run.
``--jobs 4`` runs A, C, D and F at the same time (then B and E); ``--reuse`` keeps the runs whose
reports are already in ``--work`` (to finish an interrupted comparison).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NAME = "det"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _factcheck() -> list[str]:
    exe = Path(sys.executable).with_name("factcheck")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "factcheck.cli"]


def _run(label: str, cmd: list[str], env: dict[str, str], log: Path) -> float:
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as fh:
        proc = subprocess.run(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=REPO, check=False)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:] or ["(no output)"]
        raise SystemExit(f"run {label} failed (exit {proc.returncode}): {tail[0]}; log: {log}")
    say(f"run {label}: {took:.1f} s")
    return took


def _env(threads: int, seed: int) -> dict[str, str]:
    env = dict(os.environ, FACTCHECK_THREADS=str(threads), PYTHONHASHSEED=str(seed))
    env.pop("FACTCHECK_CACHE", None)
    return env


def _first_difference(a: str, b: str) -> str:
    for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0):
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---")):
            return line[:160]
    return "(whitespace)"


def _compare_reports(what: str, x: Path, y: Path, drop_threads: bool = False) -> bool:
    ok = True
    for ext in ("md", "json"):
        a = (x / f"{NAME}.{ext}").read_text(encoding="utf-8")
        b = (y / f"{NAME}.{ext}").read_text(encoding="utf-8")
        note = ""
        if ext == "json" and drop_threads:
            ja, jb = json.loads(a), json.loads(b)
            for data in (ja, jb):
                data.get("model", {}).pop("nli_threads", None)
            a, b = json.dumps(ja, ensure_ascii=False, indent=2), json.dumps(jb, ensure_ascii=False, indent=2)
            note = " (without model.nli_threads)"
        same = a == b
        ok &= same
        detail = "" if same else f": first difference {_first_difference(a, b)!r}"
        say(f"{'OK  ' if same else 'DIFF'} {what}, {ext}{note}{detail}")
    return ok


def _entries(path: Path) -> dict[bytes, tuple[str, bytes]]:
    with sqlite3.connect(str(path)) as conn:
        return {bytes(k): (str(kind), bytes(v)) for k, kind, v in conn.execute("SELECT key, kind, value FROM entries")}


def _compare_caches(what: str, x: Path, y: Path) -> bool:
    a, b = _entries(x), _entries(y)
    shared = a.keys() & b.keys()
    differ = [k for k in shared if a[k][1] != b[k][1]]
    kinds = {kind: sum(1 for k in shared if a[k][0] == kind) for kind in ("nli", "embedding")}
    same = bool(shared) and not differ
    counts = ", ".join(f"{n} {kind}" for kind, n in kinds.items())
    say(f"{'OK  ' if same else 'DIFF'} {what}: {len(differ)} of {len(shared)} shared entries differ ({counts})")
    return same


# ---------------------------------------------------------------------------------- worker
def worker(corpus: Path, out: Path, cache_path: Path | None, new: str | None, model: str) -> int:
    """``check`` in-process: ``new`` is one article id, or all articles when None."""
    from factcheck.cache import SQLiteCache
    from factcheck.ci import CheckInputs, check_articles
    from factcheck.corpus import load_corpus
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer
    from factcheck.report import write_reports

    articles = load_corpus([corpus])
    ids = {a.id for a in articles} if new is None else {new}
    cache = SQLiteCache(cache_path) if cache_path else None
    scorer = load_scorer(None if model == "default" else model)
    outcome = check_articles(
        CheckInputs(articles, ids, corpus), scorer=scorer, embedder=default_embedder(), cache=cache, fail_on="never"
    )
    write_reports(outcome.result, out, NAME, ["md", "json"])
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--work", type=Path, help="folder for reports, caches and logs (default: a temp folder)")
    ap.add_argument("--model", default="default")
    ap.add_argument("--jobs", type=int, default=1, help="runs at the same time (default 1: one after another)")
    ap.add_argument("--reuse", action="store_true", help="keep runs whose reports are already in --work")
    ap.add_argument("--worker", choices=("check-one", "check-all"), help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--new", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.corpus, args.out, args.cache, args.new if args.worker == "check-one" else None, args.model)

    from factcheck.corpus import load_corpus

    corpus = args.corpus
    articles = load_corpus([corpus])
    work = args.work or Path(tempfile.mkdtemp(prefix="factcheck-determinism-"))
    work.mkdir(parents=True, exist_ok=True)
    done = {k for k in "ABCDEF" if args.reuse and all((work / k / f"{NAME}.{x}").is_file() for x in ("md", "json"))}
    if not (work / "cache-A.sqlite").is_file():
        done -= {"A", "B"}  # B is the warm run on A's cache
    if "D" not in done or "E" not in done:
        done -= {"D", "E"}
    for old in work.glob("cache-*.sqlite*"):
        if old.name.split(".")[0][-1] not in done:
            old.unlink()
    fc, me = _factcheck(), [sys.executable, str(Path(__file__).resolve())]
    audit = [*fc, "audit", str(corpus), "--format", "md,json", "--name", NAME, "--quiet", "--model", args.model]
    caches = {k: work / f"cache-{k}.sqlite" for k in "ACDG"}
    newest = sorted(articles, key=lambda a: a.id)[-1].id
    say(f"{len(articles)} articles in {corpus}; work folder {work}; check-one article: {newest}")
    runs = [
        ("A", [*audit, "--out", str(work / "A"), "--cache", str(caches["A"])], _env(2, 1)),
        ("B", [*audit, "--out", str(work / "B"), "--cache", str(caches["A"])], _env(2, 2)),
        ("C", [*audit, "--out", str(work / "C"), "--cache", str(caches["C"])], _env(1, 3)),
        ("D", [*me, str(corpus), "--worker", "check-one", "--new", newest, "--out", str(work / "D"),
               "--cache", str(caches["D"]), "--model", args.model], _env(2, 4)),
        ("E", [*audit, "--out", str(work / "E"), "--cache", str(caches["D"])], _env(2, 5)),
        ("F", [*me, str(corpus), "--worker", "check-all", "--out", str(work / "F"), "--model", args.model],
         _env(2, 6)),
        ("G", [*fc, "check", str(corpus / newest), "--corpus", str(corpus), "--cache", str(caches["G"]),
               "--format", "json", "--out", str(work / "G"), "--fail-on", "never", "--model", args.model],
         dict(_env(2, 7), FACTCHECK_PRELOAD="on")),
    ]  # fmt: skip
    todo = {label: (cmd, env) for label, cmd, env in runs if label not in done}
    waves = [[k for k in "ACDFG" if k in todo], [k for k in "BE" if k in todo]]  # B needs A's cache, E D's
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for wave in waves:
            list(pool.map(lambda k: _run(k, *todo[k], work / f"{k}.log"), wave))
    if done:
        say(f"reused runs: {', '.join(sorted(done))}")
    ok = _compare_reports("A vs B: cold vs warm cache", work / "A", work / "B")
    ok &= _compare_reports("A vs C: 2 vs 1 threads (and a second cold run)", work / "A", work / "C", True)
    ok &= _compare_reports("A vs E: cold vs partly warm cache (check-one's scores)", work / "A", work / "E")
    ok &= _compare_reports("A vs F: audit vs check of every article (same pairs)", work / "A", work / "F")
    ok &= _compare_caches("caches A vs C: scores with 2 vs 1 threads", caches["A"], caches["C"])
    ok &= _compare_caches("caches A vs D+E: audit vs check-one batches", caches["A"], caches["D"])
    ok &= _compare_caches("caches D vs G: check-one here vs the CLI check's model process", caches["D"], caches["G"])
    say("deterministic: all reports and scores identical" if ok else "NOT deterministic (see DIFF above)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
