"""Sources, not files: near-duplicate articles and the lines repeated across sources.

Two files with (nearly) the same text - the same page saved twice, a wire story syndicated under a
new headline - are one *source* carried by several outlets: they never corroborate or contradict
each other. Near duplicates are found with MinHash signatures of word shingles and locality-sensitive
hashing (bands of rows), so the work grows linearly with the corpus; candidate pairs are verified
on the exact shingle sets (containment, so a copy with an added credit line or a trimmed ending still
counts).

Lines repeated verbatim (digits and capitalised words masked) in several sources, at the start or
the end of articles - credit lines, bylines, sign-offs - are furniture, not claims. What counts as
repeated is computed from the corpus; nothing here names a line.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from factcheck.corpus import Article

SHINGLE = 5  # words per shingle
NUM_PERM = 128
BANDS = 32  # NUM_PERM / BANDS rows per band: candidates from Jaccard ~0.4 up
CONTAINMENT = 0.75  # share of the shorter text's shingles the other must hold to be the same copy
BODY_WORDS = 8  # lines with fewer words (bylines, share buttons, "Read more" links) are not compared
_PRIME = np.uint64(4294967311)  # a prime above 2**32
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Sources:
    """Which articles are copies of one another. Ids of sources are their first article's id."""

    source_of: dict[str, str]  # article id -> source id
    members: dict[str, tuple[str, ...]]  # source id -> its article ids, in corpus order
    similarity: dict[tuple[str, str], float] = field(default_factory=dict)  # verified copy pairs

    def copies(self) -> dict[str, tuple[str, ...]]:
        """Sources carried by more than one file."""
        return {s: m for s, m in self.members.items() if len(m) > 1}

    def of(self, article_id: str) -> str:
        return self.source_of.get(article_id, article_id)


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word ``k``-shingles of ``text`` (case-folded)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        words = words + [""] * (k - len(words))
    grams = {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}
    return np.array(sorted(zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64)


def body_text(text: str, min_words: int = BODY_WORDS) -> str:
    """The article's prose: its lines of at least ``min_words`` words. A copy carried by another
    outlet gets that outlet's byline, share buttons, related links and credit note; leaving short
    lines out keeps them from hiding the copy (measured: a wire story with a rewritten first
    sentence and another outlet's page furniture shares 78 % of its 5-word shingles with the
    original, 81 % of its prose's; different stories of one event share under 10 %). A text with
    no such line is compared whole."""
    lines = [line for line in text.split("\n") if len(line.split()) >= min_words]
    return "\n".join(lines) if lines else text


def _permutations(n: int = NUM_PERM) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240917)  # fixed: signatures are comparable across runs
    a = rng.integers(1, 2**31 - 1, size=n, dtype=np.uint64)
    b = rng.integers(0, 2**31 - 1, size=n, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def minhash(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` values) of a set of 32-bit hashes."""
    if hashes.size == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    values = (hashes[None, :] * _A[:, None] + _B[:, None]) % _PRIME
    return values.min(axis=1)


def _containment(x: np.ndarray, y: np.ndarray) -> float:
    if x.size == 0 or y.size == 0:
        return 0.0
    shared = np.intersect1d(x, y, assume_unique=True).size
    return shared / min(x.size, y.size)


def find_sources(articles: Sequence[Article], containment: float = CONTAINMENT) -> Sources:
    """Group near-duplicate articles into sources (MinHash LSH candidates, verified exactly)."""
    sets = [shingles(body_text(a.text)) for a in articles]
    sigs = [minhash(s) for s in sets]
    rows = NUM_PERM // BANDS
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, sig in enumerate(sigs):
        for band in range(BANDS):
            buckets[(band, sig[band * rows : (band + 1) * rows].tobytes())].append(i)
    candidates: set[tuple[int, int]] = set()
    for bucket in buckets.values():
        for x in range(len(bucket)):
            for y in range(x + 1, len(bucket)):
                candidates.add((bucket[x], bucket[y]))
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    similarity: dict[tuple[str, str], float] = {}
    for i, j in sorted(candidates):
        c = _containment(sets[i], sets[j])
        if c >= containment:
            similarity[(articles[i].id, articles[j].id)] = round(c, 4)
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, a in enumerate(articles):
        groups[find(i)].append(a.id)
    source_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    for root in sorted(groups):
        ids = groups[root]
        members[ids[0]] = tuple(ids)
        for art_id in ids:
            source_of[art_id] = ids[0]
    return Sources(source_of, members, similarity)


def outlet(article: Article) -> str:
    """The outlet's name: the ``source`` field, else the file name."""
    return article.source or article.id


# ---------------------------------------------------------------------------- repeated lines
_MASK_DIGITS = re.compile(r"\d+")
_MASK_NAMES = re.compile(r"\b[A-Z][\w'’-]*")
EDGE_HEAD = 1  # lines at the start of an article that can be furniture (bylines)
EDGE_TAIL = 3  # lines at the end (credit lines, sign-offs)
MIN_SOURCES = 3  # a line repeated in this many different sources can be furniture
MIN_WORDS, MAX_WORDS = 3, 25  # furniture lines are short: bylines, credit lines, sign-offs


@dataclass(frozen=True)
class LineSpan:
    article: str
    start: int  # character offsets into the file (like claims)
    end: int
    template: str


def line_template(line: str) -> str:
    """What repeats in a templated line: digits and capitalised words masked, spaces collapsed."""
    masked = _MASK_NAMES.sub("X", _MASK_DIGITS.sub("0", line.strip().lstrip("#>*- ").strip()))
    return " ".join(masked.split()).lower()


def nonblank_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of the lines of ``text`` that hold more than white space."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def repeated_lines(articles: Sequence[Article], sources: Sources, min_sources: int = MIN_SOURCES) -> list[LineSpan]:
    """Lines whose template recurs in ``min_sources`` different sources, mostly at an article's edges.

    These are candidates for furniture (credit lines, bylines, sign-offs): the pipeline keeps them
    out of the event features, and drops them from the claims when they also recur across events.
    """
    occurrences: dict[str, list[tuple[LineSpan, bool]]] = defaultdict(list)
    for art in articles:
        lines = nonblank_lines(art.text)
        for n, (s, e, raw) in enumerate(lines):
            template = line_template(raw)
            if not MIN_WORDS <= len(template.split()) <= MAX_WORDS:
                continue  # too short to say anything, or a paragraph rather than a credit line
            edge = n < EDGE_HEAD or n >= len(lines) - EDGE_TAIL
            span = LineSpan(art.id, art.offset + s, art.offset + e, template)
            occurrences[template].append((span, edge))
    out: list[LineSpan] = []
    for template in sorted(occurrences):
        occ = occurrences[template]
        if len({sources.of(span.article) for span, _ in occ}) < min_sources:
            continue
        if sum(edge for _, edge in occ) * 3 < len(occ) * 2:
            continue  # mostly inside articles: shared content, not furniture
        out.extend(span for span, _ in occ)
    return out
