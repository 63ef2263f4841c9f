"""Compare exported NLI models on the splits the model card reports.

    python models/compare.py models/factcheck-nli-e5small OTHER_EXPORT [...] [--json OUT]

For each exported model directory (the ``--export`` output of train_nli.py) it
prints accuracy on the full IndoNLI validation file, on the fixed 600-pair
subset that training chose checkpoints by, on the other 1,597 pairs (held out
from every choice, so the fair comparison), and on ``data/nli_probe.jsonl``
(our own hand-written news pairs: unstated vs dropped vs changed details).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "models"))

from train_nli import validation_subset_indices  # noqa: E402

from factcheck import nli  # noqa: E402
from factcheck.evalnli import LABELS, read_nli_jsonl  # noqa: E402

VAL = REPO.parent / "shared" / "datasets" / "indonli" / "val.jsonl"
PROBE = REPO / "data" / "nli_probe.jsonl"


def _acc(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))


def measure(model_dir: Path, precision: str) -> dict[str, object]:
    os.environ["FACTCHECK_NLI_MODEL_DIR"] = str(model_dir)
    nli._load_cached.cache_clear()
    scorer = nli.load_scorer(precision=precision)
    out: dict[str, object] = {"model_dir": str(model_dir), "name": scorer.name, "precision": precision}
    val = read_nli_jsonl(VAL)
    pred = [LABELS[i] for i in scorer.predict([(p, h) for p, h, _ in val], batch_size=64).argmax(axis=1)]
    gold = [y for _, _, y in val]
    sub = set(validation_subset_indices(len(val)))
    held = [i for i in range(len(val)) if i not in sub]
    out["full"] = _acc(gold, pred)
    out["subset"] = _acc([gold[i] for i in sorted(sub)], [pred[i] for i in sorted(sub)])
    out["held_out"] = _acc([gold[i] for i in held], [pred[i] for i in held])
    out["n_held_out"] = len(held)
    probe = read_nli_jsonl(PROBE)
    ppred = [LABELS[i] for i in scorer.predict([(p, h) for p, h, _ in probe]).argmax(axis=1)]
    out["probe"] = _acc([y for _, _, y in probe], ppred)
    out["probe_neutral_as_contradiction"] = sum(
        y == "neutral" and p == "contradiction" for (_, _, y), p in zip(probe, ppred, strict=True)
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model_dirs", type=Path, nargs="+")
    ap.add_argument("--precision", default="fp32", choices=["fp32", "bf16"])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    rows = [measure(d, args.precision) for d in args.model_dirs]
    for r in rows:
        sys.stdout.write(
            f"{r['model_dir']}: full {r['full']:.4f}  subset {r['subset']:.4f}  "
            f"held-out {r['held_out']:.4f} (n={r['n_held_out']})  probe {r['probe']:.4f} "
            f"(neutral->contradiction {r['probe_neutral_as_contradiction']})\n"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
