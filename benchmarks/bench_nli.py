"""Throughput and accuracy of the built-in NLI model: fp32 vs the bf16 fast path.

    python benchmarks/bench_nli.py [--limit N] [--batch-size 64] [--repeat 3] [--json OUT]

Reads ``../shared/datasets/indonli/val.jsonl`` (relative to the repository
root) unless ``--data`` is given. Each precision is warmed up on a few
batches, then timed over the whole file (tokenisation included).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.evalnli import LABELS, classification_metrics, read_nli_jsonl  # noqa: E402
from factcheck.nli import load_scorer  # noqa: E402


def run(precision: str, data: list[tuple[str, str, str]], batch_size: int) -> dict[str, float | str]:
    scorer = load_scorer("default", precision=precision)
    pairs = [(p, h) for p, h, _ in data]
    scorer.predict(pairs[: 4 * batch_size], batch_size=batch_size)  # warm-up (kernel JIT per shape)
    start = time.perf_counter()
    probs = scorer.predict(pairs, batch_size=batch_size)
    elapsed = time.perf_counter() - start
    pred = [LABELS[i] for i in probs.argmax(axis=1)]
    acc = classification_metrics([y for _, _, y in data], pred)["accuracy"]
    return {
        "precision": precision,
        "model": scorer.name,
        "pairs_per_second": len(pairs) / elapsed,
        "accuracy": acc,
        "n": len(pairs),
        "seconds": elapsed,
    }


def summarise(runs: list[dict[str, float | str]]) -> dict[str, float | str | list[float]]:
    """Median speed over repeated runs (a shared machine's speed drifts) and their range."""
    speeds = sorted(float(r["pairs_per_second"]) for r in runs)
    out: dict[str, float | str | list[float]] = dict(runs[0])
    out["pairs_per_second"] = statistics.median(speeds)
    out["pairs_per_second_runs"] = [round(v, 1) for v in speeds]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets" / "indonli" / "val.jsonl")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--precisions", default="fp32,bf16")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per precision, interleaved")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    import torch

    data = read_nli_jsonl(args.data)
    if args.limit:
        data = data[: args.limit]
    precisions = args.precisions.split(",")
    runs: dict[str, list[dict[str, float | str]]] = {p: [] for p in precisions}
    for _ in range(max(1, args.repeat)):
        for p in precisions:  # interleaved, so drift in machine speed hits both alike
            runs[p].append(run(p, data, args.batch_size))
    results = [summarise(runs[p]) for p in precisions]
    threads = torch.get_num_threads()
    lines = [f"{len(data)} pairs from {args.data}, batch {args.batch_size}, {threads} threads"]
    for r in results:
        lines.append(
            f"{r['precision']:>5}: {r['pairs_per_second']:7.1f} pairs/s (median; runs {r['pairs_per_second_runs']})  "
            f"accuracy {r['accuracy']:.2%}  ({r['seconds']:.1f} s)  {r['model']}"
        )
    sys.stdout.write("\n".join(lines) + "\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
