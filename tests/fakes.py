"""Deterministic stand-ins for the NLI model and the embedder, for pipeline tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

_WORD = re.compile(r"\w+")
_NEG = {"tidak", "bukan", "belum", "tak"}


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


class FakeNLI:
    """Entailment when most hypothesis words are in the premise, contradiction when the two differ
    in negation or in their numbers, neutral otherwise. Columns: entailment, neutral, contradiction."""

    name = "fake-nli"

    def __init__(self) -> None:
        self.calls = 0

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        self.calls += len(pairs)
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, (premise, hypothesis) in enumerate(pairs):
            p, h = _words(premise), _words(hypothesis)
            overlap = len(p & h) / max(1, len(h))
            nums_p = set(re.findall(r"\d+", premise))
            nums_h = set(re.findall(r"\d+", hypothesis))
            if (bool(p & _NEG) != bool(h & _NEG)) or (nums_p and nums_h and not nums_p & nums_h):
                out[i] = (0.05, 0.15, 0.80)
            elif overlap >= 0.5:
                out[i] = (0.85, 0.10, 0.05)
            else:
                out[i] = (0.10, 0.80, 0.10)
        return out


class FakeEmbedder:
    """Bag of hashed words, L2-normalised: similar wording, similar vectors."""

    name = "fake-embedder"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for w in _words(text):
                h = int(hashlib.md5(w.encode()).hexdigest()[:8], 16)
                out[i, h % self.dim] += 1.0
            out[i] += 0.05  # a shared component, like real sentence embeddings have
        return out / np.linalg.norm(out, axis=1, keepdims=True)


class FakeTagger:
    """Tags every occurrence of the names it is given (longest first), with score 0.9: a stand-in for
    :class:`factcheck.ner.EntityTagger` that loads nothing. Counts the texts it tagged."""

    name = "fake-tagger"

    def __init__(self, names: dict[str, str]) -> None:
        self.names = dict(sorted(names.items(), key=lambda kv: (-len(kv[0]), kv[0])))
        self.calls = 0

    def tag(self, texts: Sequence[str]) -> list:
        from factcheck.ner import Span

        self.calls += len(texts)
        out = []
        for text in texts:
            taken: list[tuple[int, int]] = []
            spans = []
            for name, kind in self.names.items():
                for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                    if any(a < m.end() and m.start() < b for a, b in taken):
                        continue
                    taken.append(m.span())
                    spans.append(Span(m.start(), m.end(), kind, 0.9, m.group(0)))
            out.append(sorted(spans, key=lambda s: s.start))
        return out
