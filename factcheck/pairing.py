"""Stage 3: candidate pairs of claims about the same fact, across different articles.

Each claim keeps its ``top_k`` best partners from other articles, ranked by sentence-embedding
cosine plus a bonus for shared entities and shared content words, so the number of pairs (and of NLI
calls) grows linearly with the number of claims. Similarities are computed block by block, so memory
stays bounded on large corpora.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.claims import Claim
from factcheck.normalize.entities import COUNTRIES

# Words that name the same thing in different articles (normalised before the lexical overlap).
SYNONYMS = {
    "persediaan": "stok",
    "cadangan": "stok",
    "stok": "stok",
    "pasokan": "stok",
    "stockpile": "stok",
    "amunisi": "amunisi",
    "peluru": "amunisi",
    "munisi": "amunisi",
    "pertemuan": "temu",
    "bertemu": "temu",
    "bertemunya": "temu",
    "ktt": "temu",
    "puncak": "temu",
    "kunjungan": "kunjung",
    "mengunjungi": "kunjung",
    "berkunjung": "kunjung",
    "perjalanan": "jalan",
    "berangkat": "jalan",
    "pergi": "jalan",
    "menuju": "jalan",
    "negosiasi": "runding",
    "perundingan": "runding",
    "pembicaraan": "runding",
    "perbincangan": "runding",
    "diresmikan": "resmi",
    "meresmikan": "resmi",
    "peresmian": "resmi",
}
_STOP = frozenset(
    (
        "yang dan di ke dari untuk pada dengan dalam ini itu tersebut adalah akan telah sudah juga tidak "
        "bahwa kata mengatakan sebagai oleh atau para lebih karena saat setelah sebelum antara kedua mereka "
        "kemungkinan mungkin diperkirakan menurut secara sedang sangat banyak kepada ia dia kami kita namun "
        "tetapi serta hanya dapat bisa masih sangat satu dua lalu depan pekan bulan tahun hari kemarin besok "
        "senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus "
        "september oktober november desember agar jika bahkan tentang seperti"
    ).split()
)
_WORD = re.compile(r"[a-zA-Z][a-zA-Z-]+")


@dataclass(frozen=True)
class CandidatePair:
    a: int  # index into the claims list; a < b
    b: int
    similarity: float  # embedding cosine
    score: float  # cosine plus bonuses, used for ranking candidates


def content_words(text: str) -> frozenset[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(SYNONYMS.get(w, w) for w in words if w not in _STOP and len(w) > 2)


def surface_words(text: str, folded: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The words of ``text`` whose folded form is in ``folded`` (to highlight agreed details)."""
    return tuple(dict.fromkeys(w for w in _WORD.findall(text) if SYNONYMS.get(w.lower(), w.lower()) in folded))


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
) -> list[CandidatePair]:
    """Top-k partners per claim in other articles.

    With ``focus`` (a set of article ids), only pairs with at least one claim from those articles are
    produced: this is how CI mode checks new articles without re-auditing the corpus.
    """
    n = len(claims)
    if n < 2:
        return []
    articles = np.array([c.article for c in claims])
    words = [content_words(c.text) for c in claims]
    in_focus = np.array([focus is None or c.article in focus for c in claims])
    pairs: dict[tuple[int, int], CandidatePair] = {}
    rows = np.flatnonzero(in_focus) if focus is not None else np.arange(n)
    for lo in range(0, len(rows), block):
        idx = rows[lo : lo + block]
        sims = vectors[idx] @ vectors.T
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
            for j, score in zip(cand[np.argsort(-total)][:top_k], np.sort(-total)[:top_k], strict=False):
                a, b = (int(i), int(j)) if i < j else (int(j), int(i))
                prev = pairs.get((a, b))
                if prev is None or -score > prev.score:
                    pairs[(a, b)] = CandidatePair(a, b, float(sim[j]), float(-score))
    for a, b in slot_pairs(claims, per_claim=top_k, focus=focus):
        if (a, b) not in pairs:
            sim_ab = float(vectors[a] @ vectors[b])
            pairs[(a, b)] = CandidatePair(a, b, sim_ab, sim_ab)
    return sorted(pairs.values(), key=lambda p: (p.a, p.b))


STOCK_WORDS = frozenset({"persediaan", "cadangan", "stok", "pasokan", "stockpile", "stockpiles"})
MUNITION_UNITS = frozenset({"peluru", "amunisi", "rudal", "roket", "senjata", "munisi"})
_COUNTRY_KEYS = frozenset(COUNTRIES.values())


def slot_keys(c: Claim) -> set[tuple[str, str]]:
    """(subject, quantity kind) pairs a claim gives a figure or an assessment for.

    Two claims with figures of the same kind about the same subject ("683 mil" and "1.100 km" about
    a train journey, "hampir 5 juta peluru" and "persediaan ... sangat buruk" about North Korea's
    stocks) are worth comparing even when their wording is far apart.
    """
    kinds = {"stok" if q.unit in MUNITION_UNITS and q.value >= 1000 else q.unit for q in c.quantities}
    if {w.lower().strip('.,“”"') for w in c.text.split()} & STOCK_WORDS:
        kinds.add("stok")
    return {(e, k) for e in c.entity_keys for k in kinds}


def slot_pairs(claims: Sequence[Claim], per_claim: int = 5, focus: set[str] | None = None) -> list[tuple[int, int]]:
    """Cross-article pairs of claims sharing a (subject, quantity kind) slot, at most ``per_claim`` each."""
    index: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(claims):
        for key in slot_keys(c):
            index.setdefault(key, []).append(i)
    count: dict[int, int] = {}
    out: set[tuple[int, int]] = set()
    for key in sorted(index):
        members = index[key]
        if len({claims[i].article for i in members}) < 2 or len(members) > 50:
            continue  # too common a slot to say anything (e.g. every claim about a country's "tahun")
        for x in members:
            for y in members:
                if x >= y or claims[x].article == claims[y].article:
                    continue
                if focus is not None and not ({claims[x].article, claims[y].article} & focus):
                    continue
                if count.get(x, 0) >= per_claim or count.get(y, 0) >= per_claim or (x, y) in out:
                    continue
                out.add((x, y))
                count[x] = count.get(x, 0) + 1
                count[y] = count.get(y, 0) + 1
    return sorted(out)
