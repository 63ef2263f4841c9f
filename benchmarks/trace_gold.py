"""Where each gold pair is lost: a stage-by-stage trace of an audit against its gold annotation.

    python benchmarks/trace_gold.py CORPUS --gold GOLD [--label contradiction] [--missed] [--fake]

Audits ``CORPUS`` once (real embedder and NLI model unless ``--fake``) and prints, for every gold
pair of the chosen label, what the pipeline made of its two sentences: the claims (atomic facts)
overlapping each span, or why there is none (not checkable, page furniture); their events and
sources; their slot values; the aligned facts (attributes) they took part in; the candidate pair
and its verdict; and whether a finding matches the pair. A development aid: it tells which stage
to look at, it does not score anything (``factcheck evaluate`` does).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.claims import Claim  # noqa: E402
from factcheck.corpus import load_corpus  # noqa: E402
from factcheck.evaluate import finding_matches, findings_from_result  # noqa: E402
from factcheck.gold import GoldPair, GoldSpan, load_gold, span_overlaps  # noqa: E402
from factcheck.pipeline import AuditResult, audit_articles  # noqa: E402


def _models(fake: bool) -> tuple[object, object]:
    """(scorer, embedder)."""
    if fake:
        sys.path.insert(0, str(REPO / "tests"))
        from fakes import FakeEmbedder, FakeNLI

        return FakeNLI(), FakeEmbedder()
    from factcheck.embed import default_embedder
    from factcheck.nli import load_scorer

    return load_scorer(), default_embedder()


def claims_at(claims: Sequence[Claim], span: GoldSpan) -> list[int]:
    return [i for i, c in enumerate(claims) if span_overlaps(span, c.article, c.start, c.end)]


def _slots(c: Claim) -> str:
    parts = [f"date {d.text!r}" for d in c.dates]
    parts += [f"qty {q.text!r}={q.value:g} {q.unit}" for q in c.quantities]
    parts += [f"{e.kind} {e.text!r}" for e in c.entities]
    if c.speaker is not None:
        parts.append(f"speaker {c.speaker.name!r} ({c.speaker_key})")
    mod = c.modality
    parts.append(f"modality {mod.kind}{' negated' if mod.negated else ''}")
    return "; ".join(parts)


def trace(result: AuditResult, gold: GoldPair) -> list[str]:
    out = [f"{gold.id} [{gold.label}/{gold.aspect}/{gold.severity}] {gold.note}"]
    sides: list[list[int]] = []
    for name, span in (("a", gold.a), ("b", gold.b)):
        if span is None:
            continue
        idx = claims_at(result.claims, span)
        sides.append(idx)
        if not idx:
            dropped = [c for c in result.furniture if span_overlaps(span, c.article, c.start, c.end)]
            why = "page furniture (repeated line)" if dropped else "no checkable claim"
            out.append(f"  {name}: {span.article}:{span.line} -- {why}")
            continue
        for i in idx:
            c = result.claims[i]
            src = result.sources.of(c.article) if result.sources else c.article
            out.append(f"  {name}: {c.article}:{c.line} event {c.event} source {src} lang {c.language}")
            out.append(f"     text: {c.text[:160]}")
            out.append(f"     slots: {_slots(c)}")
            for f in result.facts:
                for v in f.values:
                    if i in v.members:
                        out.append(f"     fact {f.id} ({f.kind}: {f.name}) value {v.value!r}, conflict {f.conflict}")
    if len(sides) == 2:
        wanted = {(min(x, y), max(x, y)) for x in sides[0] for y in sides[1]}
        pairs = [(k, v) for k, v in enumerate(result.verdicts) if (v.pair.a, v.pair.b) in wanted]
        if not pairs:
            out.append("  pair: never a candidate")
        for _, v in pairs:
            checks = ", ".join(f"{c.kind}:{c.reason[:60]}" for c in v.checks) or "-"
            nli = " ".join(f"{k[0]}={x:.2f}" for k, x in v.nli.items())
            out.append(f"  pair sim {v.pair.similarity:.3f}: {v.label} · nli {nli} · checks {checks}")
    hits = [f for f in findings_from_result(result) if finding_matches(f, gold)]
    out.append("  finding: " + (", ".join(f"{f.kind} ({f.aspect})" for f in hits) if hits else "none"))
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--label", default="contradiction", help="gold label to trace (or 'all')")
    ap.add_argument("--missed", action="store_true", help="only the gold pairs no finding matches")
    ap.add_argument("--fake", action="store_true", help="fake NLI scorer and embedder (tests/fakes.py)")
    args = ap.parse_args(argv)
    articles = load_corpus([args.corpus])
    gold = [g for g in load_gold(args.gold, args.corpus) if args.label in ("all", g.label)]
    scorer, embedder = _models(args.fake)
    result = audit_articles(articles, scorer=scorer, embedder=embedder)
    found = findings_from_result(result)
    for g in gold:
        if args.missed and any(finding_matches(f, g) for f in found):
            continue
        sys.stdout.write("\n".join(trace(result, g)) + "\n\n")


if __name__ == "__main__":
    main()
