"""The audit pipeline: corpus -> claims -> candidate pairs -> verdicts -> ranked findings.

Each stage is a plain function over a batch; :func:`audit` chains them and is what the CLI and the
tests call. Nothing here holds global state: the NLI scorer, the embedder and the optional cache
are passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from factcheck import PIPELINE_VERSION
from factcheck.claims import Claim, extract_claims, resolve_aliases
from factcheck.corpus import Article, load_corpus
from factcheck.embed import Embedder
from factcheck.errors import FactcheckError, InputError
from factcheck.pairing import CandidatePair, candidate_pairs
from factcheck.ranking import Finding, rank
from factcheck.scoring import PairVerdict, Thresholds, informative_words, internal_checks, judge_pair

#: progress hook: (stage name, items done, items total)
Progress = Callable[[str, int, int], None]


class Scorer(Protocol):
    """What the pipeline needs from an NLI model (see :mod:`factcheck.nli`)."""

    name: str

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray: ...


class ScoreCache(Protocol):
    """Optional store of embeddings and NLI scores (see :mod:`factcheck.cache`)."""

    def get_embeddings(self, model: str, texts: Sequence[str]) -> list[np.ndarray | None]: ...

    def put_embeddings(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None: ...

    def get_nli(self, model: str, pairs: Sequence[tuple[str, str]]) -> list[np.ndarray | None]: ...

    def put_nli(self, model: str, pairs: Sequence[tuple[str, str]], probs: np.ndarray) -> None: ...


@dataclass(frozen=True)
class AuditConfig:
    top_k: int = 5
    min_similarity: float = 0.86
    batch_size: int = 32
    language: str = "id"  # for articles that do not state theirs
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass
class AuditResult:
    articles: list[Article]
    claims: list[Claim]
    pairs: list[CandidatePair]
    verdicts: list[PairVerdict]
    findings: list[Finding]
    model: dict[str, str]
    nli_computed: int = 0  # NLI calls actually run (not served from the cache)
    stats: dict[str, int] = field(default_factory=dict)


def _noop(stage: str, done: int, total: int) -> None:
    return None


def extract_all(articles: Sequence[Article], progress: Progress = _noop) -> list[Claim]:
    claims: list[Claim] = []
    for i, art in enumerate(articles, 1):
        claims.extend(extract_claims(art))
        progress("claims", i, len(articles))
    return resolve_aliases(claims)


def embed_claims(
    claims: Sequence[Claim], embedder: Embedder, cache: ScoreCache | None = None, progress: Progress = _noop
) -> np.ndarray:
    texts = [c.text for c in claims]
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    cached = cache.get_embeddings(embedder.name, texts) if cache else [None] * len(texts)
    missing = [i for i, v in enumerate(cached) if v is None]
    rows: list[np.ndarray | None] = list(cached)
    step = 64
    for lo in range(0, len(missing), step):
        idx = missing[lo : lo + step]
        vecs = embedder.encode([texts[i] for i in idx])
        if cache:
            cache.put_embeddings(embedder.name, [texts[i] for i in idx], vecs)
        for i, v in zip(idx, vecs, strict=True):
            rows[i] = v
        progress("embeddings", min(lo + step, len(missing)), len(missing))
    return np.vstack([r for r in rows if r is not None]).astype(np.float32)


def score_pairs(
    claims: Sequence[Claim],
    pairs: Sequence[CandidatePair],
    scorer: Scorer,
    batch_size: int = 32,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
) -> tuple[np.ndarray, np.ndarray, int]:
    """NLI probabilities for each pair in both directions: (a->b, b->a, number computed)."""
    both = [(claims[p.a].text, claims[p.b].text) for p in pairs] + [(claims[p.b].text, claims[p.a].text) for p in pairs]
    if not both:
        empty = np.zeros((0, 3), dtype=np.float32)
        return empty, empty, 0
    cached = cache.get_nli(scorer.name, both) if cache else [None] * len(both)
    missing = [i for i, v in enumerate(cached) if v is None]
    out = np.zeros((len(both), 3), dtype=np.float32)
    for i, v in enumerate(cached):
        if v is not None:
            out[i] = v
    chunk = max(batch_size * 4, 64)
    for lo in range(0, len(missing), chunk):
        idx = missing[lo : lo + chunk]
        probs = np.asarray(scorer.predict([both[i] for i in idx], batch_size=batch_size), dtype=np.float32)
        if probs.shape != (len(idx), 3) or not np.isfinite(probs).all():
            raise FactcheckError(
                f"NLI model {scorer.name} returned unusable scores (shape {probs.shape}, "
                f"finite: {bool(np.isfinite(probs).all())}); try another --model"
            )
        out[idx] = probs
        if cache:
            cache.put_nli(scorer.name, [both[i] for i in idx], probs)
        progress("nli", min(lo + chunk, len(missing)), len(missing))
    n = len(pairs)
    return out[:n], out[n:], len(missing)


def audit_articles(
    articles: Sequence[Article],
    *,
    scorer: Scorer,
    embedder: Embedder,
    config: AuditConfig = AuditConfig(),
    focus: set[str] | None = None,
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
) -> AuditResult:
    """Run every stage on already-loaded articles. ``focus``: only pairs touching these article ids."""
    claims = extract_all(articles, progress)
    vectors = embed_claims(claims, embedder, cache, progress)
    pairs = candidate_pairs(claims, vectors, top_k=config.top_k, min_similarity=config.min_similarity, focus=focus)
    progress("pairs", len(pairs), len(pairs))
    ab, ba, computed = score_pairs(claims, pairs, scorer, config.batch_size, cache, progress)
    by_id = {a.id: a for a in articles}
    informative = informative_words(claims)
    verdicts = [
        judge_pair(claims[p.a], claims[p.b], p, ab[i], ba[i], by_id, config.thresholds, informative)
        for i, p in enumerate(pairs)
    ]
    focus_claims = [c for c in claims if focus is None or c.article in focus]
    internal = internal_checks(focus_claims, by_id)
    findings = rank(claims, verdicts, internal, len(articles))
    model = {"nli": scorer.name, "embedder": embedder.name, "pipeline_version": PIPELINE_VERSION}
    stats = {"articles": len(articles), "claims": len(claims), "pairs": len(pairs), "nli_calls": 2 * len(pairs)}
    return AuditResult(list(articles), claims, pairs, verdicts, findings, model, computed, stats)


def audit(
    paths: Iterable[Path | str],
    *,
    scorer: Scorer,
    embedder: Embedder,
    config: AuditConfig = AuditConfig(),
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
) -> AuditResult:
    """Audit every article under ``paths``."""
    paths = list(paths)
    articles = load_corpus(paths, language=config.language)
    if len(articles) < 2:
        where = paths[0] if paths else "."
        raise InputError(where, f"found {len(articles)} article(s); at least 2 are needed to compare sources")
    return audit_articles(articles, scorer=scorer, embedder=embedder, config=config, cache=cache, progress=progress)
