"""Greedy weight averaging ("model soup") of the snapshots one training run kept.

    python models/train_nli.py --out RUN --snapshots ...      # keeps RUN/snap/step*.safetensors
    python models/soup.py RUN --dest SOUP                     # writes SOUP/best/
    python models/train_nli.py --out SOUP --export models/factcheck-nli-e5small

Snapshots are ranked by accuracy on the same fixed validation subset training
used; starting from the best, each next one is added to the running average
only if the average's subset accuracy does not drop (Wortsman et al. 2022,
greedy soup). The result is written as a run's ``best/`` directory, so the
normal ``--export`` step ships it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_nli import WORD_EMB, accuracy, build_model, validation_subset

from factcheck.model.convert import build_tokenizer

log = logging.getLogger("soup")


def average(states: list[dict[str, torch.Tensor]]) -> dict[str, torch.Tensor]:
    return {k: torch.stack([s[k].float() for s in states]).mean(0) for k in states[0]}


def write_best(dest: Path, state: dict[str, torch.Tensor], config: dict[str, object], meta: dict[str, object]) -> None:
    """Write ``state`` (without the word embeddings), config and meta as ``dest/best/`` for ``--export``."""
    out = dest / "best"
    out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in state.items() if k != WORD_EMB}, out / "model.safetensors")
    (out / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    (out / "meta.json").write_text(json.dumps(meta))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path, help="training output directory with snap/")
    ap.add_argument("--dest", type=Path, required=True)
    ap.add_argument("--val-subset", type=int, default=600, help="same subset size as training used")
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--top", type=int, default=12, help="consider only the best N snapshots")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    torch.set_num_threads(2)

    tok = build_tokenizer()
    val = validation_subset(tok, args.val_subset, args.max_len)
    model = build_model(0, 0.0)
    model.eval()

    def score(state: dict[str, torch.Tensor]) -> float:
        model.load_state_dict(state, strict=False)
        return accuracy(model, val, tok.pad_token_id)

    snaps = sorted((args.run / "snap").glob("step*.safetensors"))
    if not snaps:
        raise SystemExit(f"{args.run / 'snap'}: no snapshots (train with --snapshots)")
    scored = []
    for path in snaps:
        acc = score(load_file(path))
        log.info("%s %.4f", path.name, acc)
        scored.append((acc, path))
    scored.sort(key=lambda t: -t[0])
    scored = scored[: args.top]

    chosen = [load_file(scored[0][1])]
    names = [scored[0][1].name]
    best = scored[0][0]
    for acc, path in scored[1:]:
        trial = [*chosen, load_file(path)]
        trial_acc = score(average(trial))
        log.info("try +%s (alone %.4f): soup %.4f vs %.4f", path.name, acc, trial_acc, best)
        if trial_acc >= best:
            chosen, best = trial, trial_acc
            names.append(path.name)
    steps = "+".join(n.removeprefix("step").removesuffix(".safetensors").lstrip("0") for n in names)
    config = json.loads((args.run / "best" / "config.json").read_text())
    write_best(args.dest, average(chosen), config, {"step": f"soup:{steps}", "val_subset_acc": best})
    log.info("soup of %d snapshots (%s): val_subset_acc %.4f -> %s", len(names), steps, best, args.dest / "best")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
