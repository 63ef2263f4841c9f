"""Stage 5: turn pair verdicts into ranked findings with a severity.

score = aspect weight x certainty x centrality x support, where
- certainty comes from the exact checks (and the NLI contradiction probability),
- centrality is the share of articles that mention the entities the claims share (the main actors
  of the story score 1.0, a side remark scores low),
- support counts the sources standing on each side (corroborations of either claim).
Corroborations are grouped into facts "confirmed by N sources".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.claims import Claim
from factcheck.scoring import CheckResult, PairVerdict

ASPECT_WEIGHT = {
    "date": 1.0,
    "place": 0.9,
    "number": 0.85,
    "attribution": 0.8,
    "nli": 0.6,
    "review": 0.5,
    "weekday": 0.7,
    "after-publication": 0.6,
}
#: severity cut-offs on the score (see README, Quality, for what they mean in measured precision)
SEVERITY_CUTS = (("high", 0.55), ("medium", 0.3), ("low", 0.0))


@dataclass(frozen=True)
class Finding:
    kind: str  # "contradiction", "corroboration", "internal"
    severity: str
    score: float
    reason: str
    checks: tuple[str, ...]
    nli: dict[str, float] | None
    claims: tuple[Claim, ...]
    highlights: tuple[tuple[str, ...], ...] = ()  # per claim, words to highlight
    sources: int = 0  # number of distinct articles involved
    review: bool = False  # put side by side for review, not asserted as a contradiction

    @property
    def aspect(self) -> str:
        return self.checks[0] if self.checks else "event"


def severity_for(score: float) -> str:
    return next(name for name, cut in SEVERITY_CUTS if score >= cut)


def _centrality(claims: Sequence[Claim], doc_freq: dict[str, int], n_articles: int) -> float:
    shared = frozenset.intersection(*(c.entity_keys for c in claims)) if claims else frozenset()
    keys = shared or frozenset().union(*(c.entity_keys for c in claims))
    if not keys or n_articles == 0:
        return 0.3
    return max(doc_freq.get(k, 0) for k in keys) / n_articles


def rank(
    claims: Sequence[Claim],
    verdicts: Sequence[PairVerdict],
    internal: Sequence[tuple[Claim, CheckResult]],
    n_articles: int,
) -> list[Finding]:
    """All findings, best first: contradictions and internal problems, then corroborated facts."""
    doc_freq: dict[str, int] = defaultdict(int)
    seen: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        for k in c.entity_keys:
            if c.article not in seen[k]:
                seen[k].add(c.article)
                doc_freq[k] += 1
    support: dict[int, set[str]] = defaultdict(set)
    for v in verdicts:
        if v.label == "corroboration":
            support[v.pair.a].add(claims[v.pair.b].article)
            support[v.pair.b].add(claims[v.pair.a].article)

    findings: list[Finding] = []
    for v in verdicts:
        if v.label not in ("contradiction", "review"):
            continue
        a, b = claims[v.pair.a], claims[v.pair.b]
        main = max(v.checks, key=lambda ch: ASPECT_WEIGHT.get(ch.kind, 0.5) * ch.strength)
        certainty = main.strength * (0.75 + 0.25 * v.nli_max_contradiction)
        centrality = _centrality((a, b), doc_freq, n_articles)
        sides = len(support[v.pair.a]) + len(support[v.pair.b])
        score = ASPECT_WEIGHT.get(main.kind, 0.5) * certainty * (0.4 + 0.6 * centrality) * (1 + 0.05 * min(sides, 4))
        checks = tuple(dict.fromkeys([main.kind] + [c.kind for c in v.checks] + ["nli"]))
        reasons = [main.reason] + [c.reason for c in v.checks if c is not main]
        highlights = tuple(
            tuple(dict.fromkeys(w for ch in v.checks for w in (ch.values[i] if len(ch.values) > i else ())))
            for i in range(2)
        )
        review = v.label == "review"
        score = min(score, 0.5) if review else score
        findings.append(
            Finding(
                "contradiction",
                severity_for(score),
                round(score, 4),
                "; ".join(reasons) + ".",
                checks,
                v.nli,
                (a, b),
                highlights,
                len({a.article, b.article}),
                review,
            )
        )
    for c, check in internal:
        score = ASPECT_WEIGHT[check.kind] * check.strength * (0.4 + 0.6 * _centrality((c,), doc_freq, n_articles))
        findings.append(
            Finding(
                "internal",
                severity_for(score),
                round(score, 4),
                check.reason[0].upper() + check.reason[1:] + ".",
                (check.kind,),
                None,
                (c,),
                check.values,
                1,
            )
        )
    findings.extend(_corroborations(claims, verdicts, doc_freq, n_articles))
    order = {"contradiction": 0, "internal": 1, "corroboration": 2}
    findings.sort(key=lambda f: (order[f.kind], -f.score, f.claims[0].article, f.claims[0].start))
    return findings


def _corroborations(
    claims: Sequence[Claim], verdicts: Sequence[PairVerdict], doc_freq: dict[str, int], n_articles: int
) -> list[Finding]:
    """Group corroborating pairs into facts (connected components), one finding per fact."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges = [v for v in verdicts if v.label == "corroboration"]
    for v in edges:
        parent[find(v.pair.a)] = find(v.pair.b)
    groups: dict[int, list[PairVerdict]] = defaultdict(list)
    for v in edges:
        groups[find(v.pair.a)].append(v)
    out = []
    for members in groups.values():
        idx = sorted({i for v in members for i in (v.pair.a, v.pair.b)})
        # one claim per article: the best-connected one
        degree: dict[int, float] = defaultdict(float)
        for v in members:
            degree[v.pair.a] += v.nli["entailment"]
            degree[v.pair.b] += v.nli["entailment"]
        per_article: dict[str, int] = {}
        for i in sorted(idx, key=lambda i: -degree[i]):
            per_article.setdefault(claims[i].article, i)
        chosen = tuple(claims[i] for i in sorted(per_article.values(), key=lambda i: -degree[i]))
        n = len(chosen)
        entail = sum(v.nli["entailment"] for v in members) / len(members)
        agreements = sorted({a for v in members for a in v.agreements})
        centrality = _centrality(chosen, doc_freq, n_articles)
        score = entail * (0.4 + 0.6 * centrality) * min(1.0, 0.45 + 0.15 * n)
        checks = tuple(["nli", *agreements])
        mean_nli = {
            k: round(sum(v.nli[k] for v in members) / len(members), 4)
            for k in ("entailment", "neutral", "contradiction")
        }
        reason = (
            f"Confirmed by {n} sources (mean entailment {entail:.2f}"
            + (f"; {' and '.join(agreements)} agree" if agreements else "")
            + ")."
        )
        out.append(
            Finding("corroboration", severity_for(score), round(score, 4), reason, checks, mean_nli, chosen, (), n)
        )
    return out
