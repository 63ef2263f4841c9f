"""Stage 3: candidate pairs of claims about the same fact, across different articles.

Each claim keeps its ``top_k`` best partners from other articles, ranked by sentence-embedding
cosine plus a bonus for shared entities and shared content words, so the number of pairs (and of NLI
calls) grows linearly with the number of claims. Similarities are computed block by block, so memory
stays bounded on large corpora. Two narrower channels add what the top-k can crowd out: claims that
give a figure of one kind about one subject (:func:`slot_pairs`), and close statements credited to
two different speakers (:func:`speaker_pairs`), the candidates of a misattribution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck import lang
from factcheck.claims import Claim

_WORD = re.compile(r"[^\W\d_][\w-]+")


@dataclass(frozen=True)
class CandidatePair:
    a: int  # index into the claims list; a < b
    b: int
    similarity: float  # embedding cosine
    score: float  # cosine plus bonuses, used for ranking candidates


def _stop_words() -> frozenset[str]:
    return lang.data(lang.available()).stop_words


def _fold(word: str) -> str:
    """A content word's comparable form: lower case, reduced to its root ("pertemuan", "bertemu" -> "temu")."""
    return lang.stem(word.lower())


def content_words(text: str) -> frozenset[str]:
    """Words that say what ``text`` is about: no stop words of any language with data, roots folded."""
    stop = _stop_words()
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(_fold(w) for w in words if w not in stop and len(w) > 2)


def surface_words(text: str, folded: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The words of ``text`` whose folded form is in ``folded`` (to highlight agreed details)."""
    return tuple(dict.fromkeys(w for w in _WORD.findall(text) if _fold(w) in folded))


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def candidate_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    *,
    top_k: int = 5,
    min_similarity: float = 0.78,
    focus: set[str] | None = None,
    block: int = 1024,
    source: Sequence[str] | None = None,
) -> list[CandidatePair]:
    """Top-k partners per claim in other articles.

    With ``focus`` (a set of article ids), only pairs with at least one claim from those articles are
    produced: this is how CI mode checks new articles without re-auditing the corpus.
    """
    n = len(claims)
    if n < 2:
        return []
    # claims of one source (an article and its copies) are never paired
    articles = np.array(list(source) if source is not None else [c.article for c in claims])
    words = [content_words(c.text) for c in claims]
    in_focus = np.array([focus is None or c.article in focus for c in claims])
    pairs: dict[tuple[int, int], CandidatePair] = {}
    rows = np.flatnonzero(in_focus) if focus is not None else np.arange(n)
    for lo in range(0, len(rows), block):
        idx = rows[lo : lo + block]
        sims = np.round(vectors[idx].astype(np.float64) @ vectors.T.astype(np.float64), 4)  # no float noise at cuts
        for r, i in enumerate(idx.tolist()):
            sim = sims[r]
            ok = (articles != articles[i]) & (sim >= min_similarity - 0.08)
            cand = np.flatnonzero(ok)
            if cand.size == 0:
                continue
            bonus = np.array(
                [
                    0.10 * _jaccard(claims[i].entity_keys, claims[j].entity_keys) + 0.15 * _jaccard(words[i], words[j])
                    for j in cand.tolist()
                ]
            )
            total = sim[cand] + bonus
            keep = total >= min_similarity
            cand, total = cand[keep], total[keep]
            best = np.lexsort((cand, -total))[:top_k]  # ties: lower index first
            for j, score in zip(cand[best], -total[best], strict=True):
                a, b = (int(i), int(j)) if i < j else (int(j), int(i))
                prev = pairs.get((a, b))
                if prev is None or -score > prev.score:
                    pairs[(a, b)] = CandidatePair(a, b, float(sim[j]), float(-score))
    extra = slot_pairs(claims, per_claim=top_k, focus=focus, source=source)
    extra += speaker_pairs(claims, vectors, min_similarity=min_similarity, focus=focus, source=source)
    for a, b in extra:
        if (a, b) not in pairs:
            sim_ab = float(np.round(vectors[a].astype(np.float64) @ vectors[b].astype(np.float64), 4))
            pairs[(a, b)] = CandidatePair(a, b, sim_ab, sim_ab)
    return sorted(pairs.values(), key=lambda p: (p.a, p.b))


def grouped_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    groups: Sequence[str],
    source: Sequence[str],
    *,
    top_k: int = 5,
    min_similarity: float = 0.78,
    focus: set[str] | None = None,
) -> list[CandidatePair]:
    """:func:`candidate_pairs` run inside each group (an event), never across groups.

    ``groups`` and ``source`` give each claim's event and source; cost grows with the size of each
    event, not with the corpus.
    """
    members: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    out: list[CandidatePair] = []
    for g in sorted(members):
        idx = members[g]
        if len({source[i] for i in idx}) < 2:
            continue
        if focus is not None and not any(claims[i].article in focus for i in idx):
            continue
        sub = candidate_pairs(
            [claims[i] for i in idx],
            vectors[idx],
            top_k=top_k,
            min_similarity=min_similarity,
            focus=focus,
            source=[source[i] for i in idx],
        )
        out.extend(CandidatePair(idx[p.a], idx[p.b], p.similarity, p.score) for p in sub)
    return sorted(out, key=lambda p: (p.a, p.b))


def slot_keys(c: Claim) -> set[tuple[str, str]]:
    """(subject, quantity kind) pairs a claim gives a figure for.

    Two claims with figures of the same kind about the same subject ("683 mil" and "1.100 km" about
    a train journey) are worth comparing even when their wording is far apart.
    """
    kinds = {q.unit for q in c.quantities}
    return {(e, k) for e in c.entity_keys for k in kinds}


def slot_pairs(
    claims: Sequence[Claim], per_claim: int = 5, focus: set[str] | None = None, source: Sequence[str] | None = None
) -> list[tuple[int, int]]:
    """Cross-article pairs of claims sharing a (subject, quantity kind) slot, at most ``per_claim`` each."""
    src = list(source) if source is not None else [c.article for c in claims]
    index: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(claims):
        for key in slot_keys(c):
            index.setdefault(key, []).append(i)
    count: dict[int, int] = {}
    out: set[tuple[int, int]] = set()
    for key in sorted(index):
        members = index[key]
        if len({src[i] for i in members}) < 2 or len(members) > 50:
            continue  # too common a slot to say anything (e.g. every claim about a country's "tahun")
        for x in members:
            for y in members:
                if x >= y or src[x] == src[y]:
                    continue
                if focus is not None and not ({claims[x].article, claims[y].article} & focus):
                    continue
                if count.get(x, 0) >= per_claim or count.get(y, 0) >= per_claim or (x, y) in out:
                    continue
                out.add((x, y))
                count[x] = count.get(x, 0) + 1
                count[y] = count.get(y, 0) + 1
    return sorted(out)


def speaker_pairs(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    *,
    per_claim: int = 3,
    min_similarity: float = 0.78,
    focus: set[str] | None = None,
    source: Sequence[str] | None = None,
) -> list[tuple[int, int]]:
    """Cross-source pairs of statements credited to two different named speakers, each statement's
    ``per_claim`` closest ones at ``min_similarity`` or more: the candidates of a misattribution
    ("X memperingatkan bahwa ..." / "..., kata Y"), which the general top-k can crowd out when many
    claims of an event repeat one fact."""
    from factcheck.scoring import _speaker_ok

    src = list(source) if source is not None else [c.article for c in claims]
    idx = [i for i, c in enumerate(claims) if _speaker_ok(c)]
    if len(idx) < 2:
        return []
    sims = np.round(vectors[idx].astype(np.float64) @ vectors[idx].T.astype(np.float64), 4)
    out: set[tuple[int, int]] = set()
    for r, x in enumerate(idx):
        if focus is not None and claims[x].article not in focus:
            continue
        near = [
            (-sims[r, k], y)
            for k, y in enumerate(idx)
            if src[y] != src[x] and claims[y].speaker_key != claims[x].speaker_key and sims[r, k] >= min_similarity
        ]
        for _, y in sorted(near)[:per_claim]:
            out.add((min(x, y), max(x, y)))
    return sorted(out)
