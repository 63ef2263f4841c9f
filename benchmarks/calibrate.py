"""Calibrate the decision thresholds and severity cut-offs against the gold annotations.

    python benchmarks/calibrate.py [--model default] [--json OUT] [--fake]

Audits the demo corpus (``data/demo``, complete gold) and, when present, the seed articles
(``../shared/seeds``, partial gold: precision only over findings that touch annotated pairs) with
the real NLI model and embedder. The expensive part -- claims, embeddings, candidate pairs, NLI in
both directions -- runs once per corpus; each setting of :class:`factcheck.scoring.Thresholds` then
only re-judges the cached pairs (``judge_pair``) and re-ranks them (``rank``).

Prints, for every setting of a small grid (each field varied alone around its default, plus a joint
grid of ``topical`` x ``nli_contradiction``), the contradiction and corroboration precision/recall
per corpus; then, for the recommended setting, the precision of the findings above each candidate
severity cut-off. Nothing is written to the source tree: the lead copies the values it likes into
``factcheck/scoring.py`` (``Thresholds``) and ``factcheck/ranking.py`` (``SEVERITY_CUTS``).

``--fake`` swaps in the deterministic stand-ins of ``tests/fakes.py`` (a dry run of the script).
Set ``FACTCHECK_NLI_MODEL_DIR`` to measure a checkpoint that is not the shipped model yet.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.claims import Claim  # noqa: E402
from factcheck.corpus import Article, load_corpus  # noqa: E402
from factcheck.evaluate import (  # noqa: E402
    Judgment,
    default_complete,
    findings_from_result,
    judge_findings,
    prf,
    ratio,
    summarize,
)
from factcheck.gold import GoldPair, load_gold  # noqa: E402
from factcheck.pairing import CandidatePair, candidate_pairs  # noqa: E402
from factcheck.pipeline import AuditConfig, AuditResult, embed_texts, extract_all, score_pairs  # noqa: E402
from factcheck.ranking import SEVERITY_CUTS, rank  # noqa: E402
from factcheck.scoring import Thresholds, internal_checks, judge_pair  # noqa: E402

CORPORA = (
    ("demo", REPO / "data" / "demo", REPO / "data" / "gold" / "demo.jsonl"),
    ("seeds", REPO.parent / "shared" / "seeds", REPO / "data" / "gold" / "seeds.jsonl"),
)
#: values tried for each field when it is varied alone (the default is always added)
ONE_AT_A_TIME: dict[str, tuple[float, ...]] = {
    "topical": (0.84, 0.86, 0.87, 0.89, 0.90, 0.92),
    "attribution": (0.86, 0.87, 0.88, 0.89, 0.90, 0.92),
    "nli_contradiction": (0.5, 0.6, 0.7, 0.9, 0.95),
    "nli_review": (0.4, 0.5, 0.7, 0.8, 0.9),
    "entail_max": (0.4, 0.5, 0.7, 0.8, 0.9),
    "details": (1, 3, 4),
    "quote_overlap": (0.2, 0.25, 0.3, 0.4, 0.5),
}
JOINT = {"topical": (0.86, 0.87, 0.88, 0.89, 0.90), "nli_contradiction": (0.6, 0.7, 0.8, 0.9)}
CUTS = tuple(round(0.10 + 0.05 * i, 2) for i in range(15))  # 0.10 .. 0.80
PRECISION_FOR_HIGH = 0.9

console = Console(highlight=False)


@dataclass
class Prepared:
    """One corpus with everything expensive already computed."""

    name: str
    articles: list[Article]
    claims: list[Claim]
    pairs: list[CandidatePair]
    ab: np.ndarray
    ba: np.ndarray
    gold: list[GoldPair]
    complete: bool
    model: dict[str, str]


def load_models(fake: bool, model: str) -> tuple[Any, Any]:
    """(scorer, embedder): the real ones, or the test fakes."""
    if fake:
        sys.path.insert(0, str(REPO / "tests"))
        from fakes import FakeEmbedder, FakeNLI

        return FakeNLI(), FakeEmbedder()
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer

    return load_scorer(None if model == "default" else model), default_embedder()


def prepare(
    name: str, corpus: Path, gold_path: Path, scorer: Any, embedder: Any, config: AuditConfig = AuditConfig()
) -> Prepared:
    """Claims, embeddings, candidate pairs and NLI (both directions) of one corpus, computed once."""
    articles = load_corpus([corpus])
    claims = extract_all(articles)
    vectors = embed_texts([c.text for c in claims], embedder)
    pairs = candidate_pairs(claims, vectors, top_k=config.top_k, min_similarity=config.min_similarity)
    ab, ba, _ = score_pairs(claims, pairs, scorer, config.batch_size)
    model = {"nli": scorer.name, "embedder": embedder.name}
    return Prepared(
        name, articles, claims, pairs, ab, ba, load_gold(gold_path, corpus), default_complete(gold_path), model
    )


def judge(prep: Prepared, thresholds: Thresholds) -> list[Judgment]:
    """Re-judge the cached pairs under ``thresholds``, rank, and judge the findings against the gold."""
    by_id = {a.id: a for a in prep.articles}
    verdicts = [
        judge_pair(prep.claims[p.a], prep.claims[p.b], p, prep.ab[i], prep.ba[i], by_id, thresholds)
        for i, p in enumerate(prep.pairs)
    ]
    findings = rank(prep.claims, verdicts, internal_checks(prep.claims, by_id), len(prep.articles))
    result = AuditResult(prep.articles, prep.claims, prep.pairs, verdicts, findings, prep.model)
    return judge_findings(findings_from_result(result), prep.gold, prep.complete)


def settings() -> list[tuple[str, Thresholds]]:
    """(label, thresholds): the defaults, each field varied alone, and the joint grid."""
    base = Thresholds()
    out: dict[Thresholds, str] = {base: "default"}
    for name, values in ONE_AT_A_TIME.items():
        for v in values:
            out.setdefault(replace(base, **{name: v}), f"{name}={v:g}")
    for t in JOINT["topical"]:
        for c in JOINT["nli_contradiction"]:
            out.setdefault(replace(base, topical=t, nli_contradiction=c), f"topical={t:g} nli_contradiction={c:g}")
    return [(label, th) for th, label in out.items()]


def changed(th: Thresholds) -> int:
    base = Thresholds()
    return sum(getattr(th, f.name) != getattr(base, f.name) for f in fields(Thresholds))


def micro(blocks: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """P/R/F1 from the summed counts of several corpora."""
    blocks = list(blocks)
    return prf(*(sum(b[k] for b in blocks) for k in ("tp", "fp", "found", "gold")))


def sweep(prepared: Sequence[Prepared]) -> list[dict[str, Any]]:
    rows = []
    for label, th in settings():
        per = {p.name: summarize(judge(p, th), p.gold, p.complete) for p in prepared}
        rows.append(
            {
                "setting": label,
                "thresholds": asdict(th),
                "changed": changed(th),
                "per_corpus": {
                    name: {
                        "contradiction": s["contradiction"]["overall"],
                        "corroboration": s["corroboration"]["overall"],
                        "internal": s["internal"]["overall"],
                        "by_severity": s["contradiction"]["by_severity"],
                        "top5": s["contradiction"]["top_k"]["5"],
                    }
                    for name, s in per.items()
                },
                "contradiction": micro(s["contradiction"]["overall"] for s in per.values()),
                "corroboration": micro(s["corroboration"]["overall"] for s in per.values()),
            }
        )
    return rows


def _key(row: dict[str, Any]) -> tuple[float, float, int]:
    return (row["contradiction"]["f1"] or 0.0, row["corroboration"]["f1"] or 0.0, -row["changed"])


def _asserted(judgments: Iterable[Judgment]) -> list[Judgment]:
    """Contradiction findings that are asserted (review ones are capped at 0.5 and shown apart)."""
    return [j for j in judgments if j.finding.kind == "contradiction" and not j.finding.review]


def severity_sweep(judgments: Sequence[Judgment]) -> list[dict[str, Any]]:
    """Precision of the asserted contradictions scoring at or above each cut."""
    scored = [(j.finding.score, j.status) for j in _asserted(judgments)]
    out = []
    for cut in CUTS:
        above = [s for score, s in scored if score >= cut]
        tp, fp = above.count("tp"), above.count("fp")
        out.append(
            {
                "cut": cut,
                "findings": len(above),
                "tp": tp,
                "fp": fp,
                "unannotated": len(above) - tp - fp,
                "precision": ratio(tp, tp + fp),
            }
        )
    return out


def _gold_severity(j: Judgment) -> str:
    return next(g.severity for g in j.matches if g.label == "contradiction")


def severity_fit(judgments: Sequence[Judgment], high: float, medium: float) -> dict[str, Any]:
    """How well cuts (high, medium) reproduce the annotators' severity of the true positives, and the
    precision of each band they make."""
    js = _asserted(judgments)

    def band(score: float) -> str:
        return "high" if score >= high else "medium" if score >= medium else "low"

    tps = [j for j in js if j.status == "tp"]
    agree = sum(band(j.finding.score) == _gold_severity(j) for j in tps)
    bands = {}
    for name in ("high", "medium", "low"):
        inside = [j.status for j in js if band(j.finding.score) == name]
        tp, fp = inside.count("tp"), inside.count("fp")
        bands[name] = {"findings": len(inside), "tp": tp, "fp": fp, "precision": ratio(tp, tp + fp)}
    return {
        "high": high,
        "medium": medium,
        "agreement": ratio(agree, len(tps)),
        "true_positives": len(tps),
        "bands": bands,
    }


def fit_cuts(judgments: Sequence[Judgment]) -> list[dict[str, Any]]:
    """:func:`severity_fit` for every pair of cuts medium < high on the grid."""
    return [severity_fit(judgments, h, m) for m in CUTS if m <= 0.5 for h in CUTS if h > m]


def recommend_cuts(fits: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Cuts that best reproduce the gold severities, among those whose high band keeps a precision of
    at least ``PRECISION_FOR_HIGH``; ties go to the cuts closest to the current ones."""
    current = dict(SEVERITY_CUTS)

    def key(f: dict[str, Any]) -> tuple[float, float]:
        return (f["agreement"] or 0.0, -abs(f["high"] - current["high"]) - abs(f["medium"] - current["medium"]))

    ok = [f for f in fits if (f["bands"]["high"]["precision"] or 0.0) >= PRECISION_FOR_HIGH] or list(fits)
    return max(ok, key=key)


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.0%}"


def _fig(m: dict[str, Any]) -> str:
    return f"{_pct(m['precision'])}/{_pct(m['recall'])} ({m['tp']}tp {m['fp']}fp {m['found']}/{m['gold']})"


def print_sweep(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> None:
    table = Table(title="Thresholds sweep: contradictions P/R per corpus (seeds: precision over annotated pairs)")
    table.add_column("setting")
    for n in names:
        table.add_column(f"{n} contra P/R", justify="right")
    table.add_column("all contra F1", justify="right")
    for n in names:
        table.add_column(f"{n} corrob P/R", justify="right")
    table.add_column("all corrob F1", justify="right")
    best = max(rows, key=_key)
    for r in rows:
        style = "bold green" if r is best else ("bold" if r["setting"] == "default" else None)
        table.add_row(
            r["setting"],
            *(_fig(r["per_corpus"][n]["contradiction"]) for n in names),
            _pct(r["contradiction"]["f1"]),
            *(_fig(r["per_corpus"][n]["corroboration"]) for n in names),
            _pct(r["corroboration"]["f1"]),
            style=style,
        )
    console.print(table)


def print_severity(rows: Sequence[dict[str, Any]], title: str) -> None:
    table = Table(title=title)
    for col in ("score >=", "findings", "TP", "FP", "unannotated", "precision"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(
            f"{r['cut']:.2f}",
            str(r["findings"]),
            str(r["tp"]),
            str(r["fp"]),
            str(r["unannotated"]),
            _pct(r["precision"]),
        )
    console.print(table)


def print_fit(fit: dict[str, Any], label: str) -> None:
    bands = ", ".join(
        f"{name} {b['findings']} findings precision {_pct(b['precision'])}" for name, b in fit["bands"].items()
    )
    console.print(
        f"{label}: high >= {fit['high']:.2f}, medium >= {fit['medium']:.2f}: severity agrees with the "
        f"gold for {_pct(fit['agreement'])} of {fit['true_positives']} true positives; {bands}",
        markup=False,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="default", help="NLI model: default, a hub id or a local folder")
    ap.add_argument("--fake", action="store_true", help="use the test fakes instead of the real models")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    args = ap.parse_args(argv)

    scorer, embedder = load_models(args.fake, args.model)
    prepared = []
    for name, corpus, gold in CORPORA:
        if not corpus.is_dir():
            console.print(f"{name}: {corpus} is not present, skipped")
            continue
        t0 = time.perf_counter()
        prep = prepare(name, corpus, gold, scorer, embedder)
        console.print(
            f"{name}: {len(prep.articles)} articles, {len(prep.claims)} claims, {len(prep.pairs)} "
            f"pairs scored in {time.perf_counter() - t0:.1f}s; gold "
            f"{'complete' if prep.complete else 'partial'} ({len(prep.gold)} pairs)"
        )
        prepared.append(prep)
    console.print(f"NLI model: {scorer.name}; embedder: {embedder.name}")
    payload = calibrate(prepared)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        console.print(f"wrote {args.json}")
    return 0


def calibrate(prepared: Sequence[Prepared]) -> dict[str, Any]:
    """Sweep, print the tables and the recommendation; return every figure (JSON-ready)."""
    names = [p.name for p in prepared]
    rows = sweep(prepared)
    print_sweep(rows, names)
    best = max(rows, key=_key)
    default = rows[0]
    best_th = Thresholds(**best["thresholds"])
    all_judgments = [j for p in prepared for j in judge(p, best_th)]
    sev_rows = severity_sweep(all_judgments)
    print_severity(
        sev_rows,
        f"Asserted contradictions at or above each score, setting {best['setting']!r} "
        f"(all corpora; seeds: annotated only)",
    )
    current = dict(SEVERITY_CUTS)
    now = severity_fit(all_judgments, current["high"], current["medium"])
    cuts = recommend_cuts(fit_cuts(all_judgments))

    console.print("\n[bold]Recommendation[/bold] (measured; small gold, read the tables before adopting)")
    console.print(f"Thresholds: {best['setting']} -> {best_th}", markup=False)
    console.print(
        f"  contradiction F1 {_pct(best['contradiction']['f1'])} "
        f"(default {_pct(default['contradiction']['f1'])}); corroboration F1 "
        f"{_pct(best['corroboration']['f1'])} (default {_pct(default['corroboration']['f1'])})",
        markup=False,
    )
    print_fit(now, "SEVERITY_CUTS now")
    print_fit(cuts, "SEVERITY_CUTS recommended")
    model = prepared[0].model if prepared else {}
    return {
        "model": model,
        "corpora": names,
        "sweep": rows,
        "severity_sweep": sev_rows,
        "severity_now": now,
        "recommended": {"setting": best["setting"], "thresholds": best["thresholds"], "severity_cuts": cuts},
    }


if __name__ == "__main__":
    raise SystemExit(main())
