"""WiSE-FT: interpolate the weights of a base NLI model and a fine-tuned one.

Wortsman et al. 2022, "Robust fine-tuning of zero-shot models": for each alpha,
theta = (1 - alpha) * theta_base + alpha * theta_tuned over every stored tensor (fp32).
Each alpha is scored on the fixed 600-pair validation subset training chooses checkpoints
by; the best is kept (ties: the smaller alpha) and written as a run's ``best/`` folder, so
the normal ``--export`` step ships it:

    python models/wise.py --base models/factcheck-nli-e5small \\
        --tuned RUN/snap/step001800.safetensors --alphas 0.3,0.5,0.7,1.0 --dest WISE
    python models/train_nli.py --out WISE --export DEST --fast-path-bf16

``--base`` and ``--tuned`` take a safetensors file or a folder holding ``model.safetensors``
(an exported model, fp16, or a run's ``best/``); neither stores the word embeddings, which
stay the frozen base ones.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file

sys.path.insert(0, str(Path(__file__).resolve().parent))

from soup import write_best
from train_nli import accuracy, build_model, validation_subset

from factcheck.model.convert import build_tokenizer

log = logging.getLogger("wise")


def read_state(path: Path) -> dict[str, torch.Tensor]:
    """The tensors of a safetensors file, or of ``model.safetensors`` in a folder, as fp32."""
    file = path / "model.safetensors" if path.is_dir() else path
    return {k: v.float() for k, v in load_file(file).items()}


def interpolate(base: dict[str, torch.Tensor], tuned: dict[str, torch.Tensor], alpha: float) -> dict[str, torch.Tensor]:
    """(1 - alpha) * base + alpha * tuned for every tensor; both must hold the same names."""
    if base.keys() != tuned.keys():
        raise ValueError(f"different tensors: {sorted(base.keys() ^ tuned.keys())[:5]}")
    return {k: ((1.0 - alpha) * base[k].float() + alpha * tuned[k].float()).contiguous() for k in base}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="e.g. models/factcheck-nli-e5small")
    ap.add_argument("--tuned", type=Path, required=True, help="e.g. RUN/snap/step001800.safetensors")
    ap.add_argument("--dest", type=Path, required=True, help="writes DEST/best/ for train_nli.py --export")
    ap.add_argument("--alphas", default="0.3,0.5,0.7,1.0", help="comma-separated weights of the tuned model")
    ap.add_argument("--val-subset", type=int, default=600, help="same subset size as training used")
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(args.threads)

    alphas = sorted({float(a) for a in args.alphas.split(",")})
    base, tuned = read_state(args.base), read_state(args.tuned)
    tok = build_tokenizer()
    val = validation_subset(tok, args.val_subset, args.max_len)
    model = build_model(0, 0.1)  # dropout as trained: the config written below is training's
    model.eval()

    scores: dict[float, float] = {}
    for alpha in alphas:
        model.load_state_dict(interpolate(base, tuned, alpha), strict=False)
        scores[alpha] = accuracy(model, val, tok.pad_token_id)
        log.info("alpha %.2f: val_subset_acc %.4f", alpha, scores[alpha])
    best = max(alphas, key=lambda a: (scores[a], -a))  # ties: the smaller alpha
    config = json.loads(model.config.to_json_string())
    meta = {
        "step": f"wise:{best:g}:{args.tuned.name}",
        "val_subset_acc": scores[best],
        "alphas": {f"{a:g}": s for a, s in scores.items()},
        "base": str(args.base),
        "tuned": str(args.tuned),
    }
    write_best(args.dest, interpolate(base, tuned, best), config, meta)
    log.info("alpha %g chosen (val_subset_acc %.4f) -> %s", best, scores[best], args.dest / "best")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
