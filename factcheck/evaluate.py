"""Score the checker's findings against a gold annotation (``data/gold/README.md``).

The findings come from a JSON report (:func:`findings_from_report`) or straight from an
:class:`~factcheck.pipeline.AuditResult` (:func:`findings_from_result`); both become
:class:`EvalFinding`, so a report written yesterday and a fresh audit are scored the same way.

Matching (:func:`finding_matches`): a finding matches a gold pair when two *different* claims of
the finding overlap the gold's two spans, one each, in either order (same article, character
ranges intersect: :func:`factcheck.gold.span_overlaps`); a claim also covers the same sentence in
the syndicated copies of its article (the report's ``copies``), since a copy is the same source.
A corroboration finding groups N sources,
so any two of its claims may cover the pair. An internal finding (one claim) matches an
``internal`` gold whose ``a`` span it overlaps.

Judging each finding (:func:`judge_findings`), with ``L`` the labels of the gold pairs it matches:

- a contradiction finding (``review`` ones included) is a true positive when ``contradiction`` is
  in ``L``; a false positive when it matches only ``neutral``/``corroboration`` pairs; when it
  matches nothing it is a false positive if the gold is *complete* (``demo.jsonl`` lists every
  contradiction) and ``unannotated`` -- left out of precision -- if the gold is *partial*
  (``seeds.jsonl`` annotates only the main findings; read those by hand);
- a corroboration finding is a true positive when ``L`` holds ``corroboration`` and no
  ``contradiction`` about its aspect; a false positive when ``L`` holds a ``contradiction`` about its
  aspect (or about the ``event``, or any when the finding is about no slot), or ``neutral`` without
  ``corroboration``; otherwise ``unannotated`` -- whatever the mode, because no gold file lists
  every pair of agreeing sources (README, "Corroboration by N sources"). A fact's aspect is its slot
  type: three sources that agree on a sentence and contradict one another on a place in the same
  sentences corroborate the sentence (a true positive when the gold says so);
- an internal finding is a true positive when it matches an ``internal`` gold; otherwise a false
  positive (complete gold) or ``unannotated`` (partial gold).

Precision counts findings (two findings of one gold contradiction are two true positives); recall
counts gold pairs (a gold pair is found when at least one finding of the right kind matches it).
Undefined ratios (nothing predicted, no gold) are ``None``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import permutations
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from factcheck.errors import FactcheckError
from factcheck.gold import ASPECTS, GoldPair, GoldSpan, span_overlaps

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.table import Table

    from factcheck.claims import Claim
    from factcheck.pipeline import AuditResult

KINDS = ("contradiction", "corroboration", "internal")
STATUSES = ("tp", "fp", "unannotated")
TOP_K = (5, 10)
#: gold files whose README entry says "partial": unmatched findings are not counted as errors
PARTIAL_GOLD_FILES = frozenset({"seeds.jsonl"})
#: a finding's main check -> the gold aspect it speaks to
CHECK_ASPECT = {"date": "date", "time": "date", "weekday": "date", "after-publication": "date", "number": "number",
                "place": "place", "attribution": "attribution", "org": "attribution", "person": "attribution",
                "score": "number", "nli": "event",
                "review": "event"}


class EvaluationError(FactcheckError):
    """A report cannot be evaluated (not a factcheck JSON report, or no article in common with the gold)."""


@dataclass(frozen=True)
class EvalClaim:
    """One claim of a finding: where it is (file offsets, as in the report) and what it says."""

    article: str
    path: str
    line: int
    start: int
    end: int
    text: str = ""
    copies: tuple[EvalClaim, ...] = ()  # the same sentence in syndicated copies of the article

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def covers(self, span: GoldSpan) -> bool:
        """The claim, or its sentence in a copy of its article, overlaps ``span``."""
        return claim_overlaps(self, span) or any(claim_overlaps(x, span) for x in self.copies)


@dataclass(frozen=True)
class EvalFinding:
    """The parts of a report finding that evaluation needs."""

    rank: int
    kind: str
    severity: str
    score: float
    reason: str
    checks: tuple[str, ...]
    review: bool
    claims: tuple[EvalClaim, ...]

    @property
    def aspect(self) -> str:
        """The gold aspect this finding's main check speaks to (``event`` when none does)."""
        # a corroboration's NLI score is no aspect: a fact's is its slot type, a pair's the slots that agree
        names = [c for c in self.checks if c != "nli"] if self.kind == "corroboration" else self.checks[:1]
        return next((CHECK_ASPECT[c] for c in names if c in CHECK_ASPECT), "event")

    @property
    def where(self) -> str:
        return " vs ".join(c.where for c in self.claims)


@dataclass(frozen=True)
class Judgment:
    """One finding, the gold pairs it matches, and whether that makes it right."""

    finding: EvalFinding
    matches: tuple[GoldPair, ...]
    status: str  # "tp", "fp" or "unannotated"
    why: str
    aspect: str  # of the matched gold pair for a true positive, else the finding's own


# ---------------------------------------------------------------- reading findings


def _claim_from_json(raw: Any, where: str) -> EvalClaim:
    if not isinstance(raw, dict):
        raise EvaluationError(f"{where}: a claim must be an object")
    try:
        article, start, end = str(raw["article"]), int(raw["start"]), int(raw["end"])
    except (KeyError, TypeError, ValueError) as exc:
        raise EvaluationError(f"{where}: a claim needs article, start and end ({exc!r})") from None
    copies = raw.get("copies") or []
    if not isinstance(copies, list):
        raise EvaluationError(f"{where}: a claim's copies must be a list")
    return EvalClaim(article, str(raw.get("path") or article), int(raw.get("line") or 0), start, end,
                     str(raw.get("text") or ""), tuple(_claim_from_json(x, where) for x in copies))


def findings_from_report(report: Mapping[str, Any], source: str = "report") -> list[EvalFinding]:
    """Findings of a factcheck JSON report (``factcheck.report.to_json``), in report order.

    Raises:
        EvaluationError: when ``report`` has no ``findings`` list or a finding lacks its fields.
    """
    raw = report.get("findings") if isinstance(report, Mapping) else None
    if not isinstance(raw, list):
        raise EvaluationError(f"{source}: not a factcheck JSON report (no 'findings' list)")
    out: list[EvalFinding] = []
    for i, f in enumerate(raw, 1):
        where = f"{source}: finding {i}"
        if not isinstance(f, dict) or f.get("kind") not in KINDS:
            raise EvaluationError(f"{where}: expected an object with kind one of {', '.join(KINDS)}")
        claims = f.get("claims")
        if not isinstance(claims, list) or not claims:
            raise EvaluationError(f"{where}: no claims")
        out.append(EvalFinding(
            rank=int(f.get("rank") or i), kind=f["kind"], severity=str(f.get("severity") or "low"),
            score=float(f.get("score") or 0.0), reason=str(f.get("reason") or ""),
            checks=tuple(str(c) for c in f.get("checks") or ()), review=bool(f.get("review")),
            claims=tuple(_claim_from_json(c, where) for c in claims)))
    return out


def read_report(path: Path) -> tuple[list[EvalFinding], list[str], dict[str, Any]]:
    """(findings, article ids, model) of a JSON report file.

    Raises:
        EvaluationError: when the file cannot be read or is not a factcheck JSON report.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read report ({exc})") from None
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise EvaluationError(f"{path}: not a factcheck JSON report (expected an object)")
    findings = findings_from_report(data, str(path))
    articles = [str(a.get("id")) for a in data.get("articles") or () if isinstance(a, dict) and a.get("id")]
    if not articles:
        articles = sorted({c.article for f in findings for c in f.claims})
    model = data.get("model") if isinstance(data.get("model"), dict) else {}
    return findings, articles, dict(model or {})


def findings_from_result(result: AuditResult) -> list[EvalFinding]:
    """Findings of an audit run, ranked as the report ranks them."""
    from factcheck.report import claim_copies

    copies = claim_copies(result)

    def located(c: Claim, copied: Sequence[Claim] = ()) -> EvalClaim:
        return EvalClaim(c.article, c.path, c.line, c.start, c.end, c.text, tuple(located(x) for x in copied))

    return [
        EvalFinding(rank=i, kind=f.kind, severity=f.severity, score=f.score, reason=f.reason,
                    checks=tuple(f.checks), review=f.review,
                    claims=tuple(located(c, copies.get(c.id, ())) for c in f.claims))
        for i, f in enumerate(result.findings, 1)
    ]


# ---------------------------------------------------------------- matching


def same_article(claim: EvalClaim, gold_article: str) -> bool:
    """Whether ``claim`` is in the gold's article (a name relative to the corpus root).

    Reports name articles by file name and give the path as typed on the command line, so a gold
    name with folders (``sub/x.md``) matches a claim whose path ends with those parts.
    """
    if claim.article == gold_article:
        return True
    gold_parts = PurePosixPath(gold_article).parts
    path_parts = PurePosixPath(claim.path.replace("\\", "/")).parts
    return len(gold_parts) > 1 and path_parts[-len(gold_parts):] == gold_parts


def claim_overlaps(claim: EvalClaim, span: GoldSpan) -> bool:
    """The claim lies in the span's article and their character ranges intersect."""
    article = span.article if same_article(claim, span.article) else claim.article
    return span_overlaps(span, article, claim.start, claim.end)


def finding_matches(finding: EvalFinding, gold: GoldPair) -> bool:
    """Whether ``finding`` reports the gold pair (rules in the module docstring)."""
    if finding.kind == "internal" or gold.label == "internal":
        return (finding.kind == "internal" and gold.label == "internal"
                and any(c.covers(gold.a) for c in finding.claims))
    b = gold.b
    if b is None:
        return False
    return any(x.covers(gold.a) and y.covers(b) for x, y in permutations(finding.claims, 2))


def _first(matches: Sequence[GoldPair], label: str, aspect: str | None = None) -> GoldPair | None:
    """The first match with ``label``, preferring one about ``aspect`` (claims often sit in several gold
    pairs: a sentence with a wrong date and a wrong place is in a date pair and a place pair)."""
    hits = [g for g in matches if g.label == label]
    return next((g for g in hits if g.aspect == aspect), hits[0] if hits else None)


def _judge(finding: EvalFinding, matches: tuple[GoldPair, ...], complete: bool) -> Judgment:
    own = finding.aspect

    def verdict(status: str, why: str, gold: GoldPair | None = None) -> Judgment:
        return Judgment(finding, matches, status, why, gold.aspect if gold else own)

    unmatched = "fp" if complete else "unannotated"
    if finding.kind == "contradiction":
        if hit := _first(matches, "contradiction", own):
            return verdict("tp", f"matches {hit.id}", hit)
        if other := _first(matches, "neutral") or _first(matches, "corroboration"):
            return verdict("fp", f"the gold labels this pair {other.label} ({other.id})")
        return verdict(unmatched, "matches no gold pair")
    if finding.kind == "internal":
        if hit := _first(matches, "internal"):
            return verdict("tp", f"matches {hit.id}", hit)
        return verdict(unmatched, "matches no gold internal problem")
    # a fact's corroboration is about its aspect: sentences that agree on a date and contradict on a
    # figure corroborate the date; a finding about no slot (``event``) answers for every aspect
    about = (own, "event")
    contradicting = (g for g in matches if g.label == "contradiction" and (own == "event" or g.aspect in about))
    if bad := next(contradicting, None):
        return verdict("fp", f"groups claims the gold says contradict ({bad.id})")
    if hit := _first(matches, "corroboration", own):
        return verdict("tp", f"matches {hit.id}", hit)
    if bad := _first(matches, "neutral"):
        return verdict("fp", f"groups claims the gold labels neutral ({bad.id})")
    return verdict("unannotated", "matches no gold pair (corroborations are never fully annotated)")


def judge_findings(findings: Iterable[EvalFinding], gold: Sequence[GoldPair],
                   complete: bool) -> list[Judgment]:
    """Every finding with the gold pairs it matches and its status (tp, fp, unannotated)."""
    out = []
    for f in findings:
        matches = tuple(g for g in gold if finding_matches(f, g))
        out.append(_judge(f, matches, complete))
    return out


# ---------------------------------------------------------------- metrics


def ratio(num: int, den: int) -> float | None:
    """``num / den``, or None when ``den`` is 0."""
    return num / den if den else None


def prf(tp: int, fp: int, found: int, gold: int) -> dict[str, Any]:
    """Precision over findings (``tp`` right, ``fp`` wrong), recall over gold pairs (``found`` of
    ``gold``), and their harmonic mean. Undefined values are None."""
    precision, recall = ratio(tp, tp + fp), ratio(found, gold)
    f1: float | None = None
    if precision is not None and recall is not None:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "found": found, "gold": gold,
            "precision": precision, "recall": recall, "f1": f1}


def _found_ids(judgments: Iterable[Judgment], kind: str, label: str) -> set[str]:
    return {g.id for j in judgments if j.finding.kind == kind for g in j.matches if g.label == label}


def _block(judgments: Sequence[Judgment], gold: Sequence[GoldPair], kind: str, label: str) -> dict[str, Any]:
    """Overall and per-aspect P/R/F1 of one kind of finding against one gold label."""
    mine = [j for j in judgments if j.finding.kind == kind]
    wanted = [g for g in gold if g.label == label]
    found = _found_ids(mine, kind, label)

    def figures(aspect: str | None) -> dict[str, Any]:
        js = [j for j in mine if aspect is None or j.aspect == aspect]
        gs = [g for g in wanted if aspect is None or g.aspect == aspect]
        return prf(sum(j.status == "tp" for j in js), sum(j.status == "fp" for j in js),
                   sum(g.id in found for g in gs), len(gs))

    aspects = sorted({g.aspect for g in wanted} | {j.aspect for j in mine if j.status != "unannotated"},
                     key=lambda a: (a not in ASPECTS, a))
    return {
        "overall": figures(None),
        "by_aspect": {a: figures(a) for a in aspects},
        "recall_by_gold_severity": _recall_by_severity(wanted, found),
        "findings": len(mine),
        "unannotated": sum(j.status == "unannotated" for j in mine),
        "false_positives": [_fp_json(j) for j in mine if j.status == "fp"],
        "unannotated_findings": [_fp_json(j) for j in mine if j.status == "unannotated"],
        "missed": [_gold_json(g, judgments) for g in wanted if g.id not in found],
    }


def _recall_by_severity(wanted: Sequence[GoldPair], found: set[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for severity in ("high", "medium", "low"):
        pairs = [g for g in wanted if g.severity == severity]
        hit = sum(g.id in found for g in pairs)
        out[severity] = {"found": hit, "gold": len(pairs), "recall": ratio(hit, len(pairs))}
    return out


def severity_bands(judgments: Iterable[Judgment]) -> dict[str, dict[str, Any]]:
    """Precision of the contradiction findings by the severity they were given; ``review``
    findings (shown side by side, not asserted) form their own band whatever their severity."""
    bands: dict[str, list[Judgment]] = {"high": [], "medium": [], "low": [], "review": []}
    for j in judgments:
        if j.finding.kind == "contradiction":
            bands["review" if j.finding.review else j.finding.severity].append(j)
    return {name: _band(js) for name, js in bands.items()}


def _band(js: Sequence[Judgment]) -> dict[str, Any]:
    tp, fp = sum(j.status == "tp" for j in js), sum(j.status == "fp" for j in js)
    return {"findings": len(js), "tp": tp, "fp": fp, "unannotated": len(js) - tp - fp,
            "precision": ratio(tp, tp + fp)}


def top_k(judgments: Sequence[Judgment], gold: Sequence[GoldPair],
          ks: Sequence[int] = TOP_K) -> dict[str, Any]:
    """How many gold contradictions the first k contradiction findings (report order) cover."""
    ranked = sorted((j for j in judgments if j.finding.kind == "contradiction"), key=lambda j: j.finding.rank)
    n_gold = sum(g.label == "contradiction" for g in gold)
    out: dict[str, Any] = {}
    for k in ks:
        head = ranked[:k]
        found = _found_ids(head, "contradiction", "contradiction")
        tp, fp = sum(j.status == "tp" for j in head), sum(j.status == "fp" for j in head)
        out[str(k)] = {"found": len(found), "gold": n_gold, "findings": len(head), "tp": tp, "fp": fp,
                       "precision": ratio(tp, tp + fp)}
    return out


def _fp_json(j: Judgment) -> dict[str, Any]:
    f = j.finding
    return {"rank": f.rank, "kind": f.kind, "severity": f.severity, "score": f.score, "review": f.review,
            "aspect": f.aspect, "checks": list(f.checks), "reason": f.reason, "why": j.why,
            "where": [c.where for c in f.claims], "matches": [g.id for g in j.matches]}


def _gold_json(g: GoldPair, judgments: Iterable[Judgment]) -> dict[str, Any]:
    """A missed gold pair, with the findings of other kinds that did cover it (if any)."""
    seen = sorted({f"{j.finding.kind}#{j.finding.rank}" for j in judgments
                   if any(m.id == g.id for m in j.matches)})
    where = [f"{s.article}:{s.line}" for s in (g.a, g.b) if s is not None]
    return {"id": g.id, "label": g.label, "aspect": g.aspect, "severity": g.severity, "where": where,
            "note": g.note, "reported_as": seen}


def summarize(judgments: Sequence[Judgment], gold: Sequence[GoldPair], complete: bool) -> dict[str, Any]:
    """All figures as a JSON-ready dict (see :func:`evaluate`)."""
    labels = {lab: sum(g.label == lab for g in gold) for lab in ("contradiction", "corroboration",
                                                                "neutral", "internal")}
    kinds = {k: sum(j.finding.kind == k for j in judgments) for k in KINDS}
    contradiction = _block(judgments, gold, "contradiction", "contradiction")
    contradiction["by_severity"] = severity_bands(judgments)
    contradiction["top_k"] = top_k(judgments, gold)
    contradiction["review_findings"] = sum(j.finding.kind == "contradiction" and j.finding.review
                                           for j in judgments)
    return {
        "gold_complete": complete,
        "counts": {"gold": labels, "findings": kinds},
        "contradiction": contradiction,
        "corroboration": _block(judgments, gold, "corroboration", "corroboration"),
        "internal": _block(judgments, gold, "internal", "internal"),
    }


def evaluate(findings: Sequence[EvalFinding], gold: Sequence[GoldPair], *,
             complete: bool = True) -> dict[str, Any]:
    """Judge ``findings`` against ``gold`` and return every figure as a JSON-ready dict::

        {"gold_complete": bool, "counts": {...},
         "contradiction": {"overall": {tp, fp, found, gold, precision, recall, f1}, "by_aspect": {...},
                           "by_severity": {...}, "top_k": {"5": ..., "10": ...},
                           "false_positives": [...], "missed": [...], ...},
         "corroboration": {...}, "internal": {...}}

    ``complete``: the gold lists every contradiction and internal problem of the corpus, so an
    unmatched contradiction or internal finding is a false positive (see the module docstring).
    """
    return summarize(judge_findings(findings, gold, complete), gold, complete)


def default_complete(gold_path: Path) -> bool:
    """Whether a gold file is complete, by default: every file except those the gold README marks
    partial (:data:`PARTIAL_GOLD_FILES`)."""
    return Path(gold_path).name not in PARTIAL_GOLD_FILES


def gold_articles(gold: Iterable[GoldPair]) -> set[str]:
    return {s.article for g in gold for s in (g.a, g.b) if s is not None}


def check_coverage(gold: Sequence[GoldPair], articles: Iterable[str]) -> list[str]:
    """Warnings for gold articles missing from the evaluated corpus.

    Raises:
        EvaluationError: when no gold article is in the corpus (wrong ``--gold`` for this corpus).
    """
    have = set(articles)
    names = {PurePosixPath(a).name for a in have} | have
    wanted = gold_articles(gold)
    missing = sorted(a for a in wanted if a not in names and PurePosixPath(a).name not in names)
    if wanted and len(missing) == len(wanted):
        raise EvaluationError(f"none of the {len(wanted)} articles named in the gold is in the evaluated "
                              f"corpus (e.g. {missing[0]}); is --gold the annotation of this corpus?")
    return [f"gold article {a} is not in the evaluated corpus: its pairs count as missed" for a in missing]


def failed_thresholds(summary: Mapping[str, Any], min_precision: float | None,
                      min_recall: float | None) -> list[str]:
    """One message per contradiction threshold not met (an undefined figure fails)."""
    overall = summary["contradiction"]["overall"]
    out = []
    for name, wanted in (("precision", min_precision), ("recall", min_recall)):
        value = overall[name]
        if wanted is None:
            continue
        if value is None:
            basis = "findings" if name == "precision" else "gold contradictions"
            out.append(f"contradiction {name} is undefined (no {basis} to measure it on); "
                       f"--min-{name} {wanted:g} not met")
        elif value < wanted:
            out.append(f"contradiction {name} {value:.3f} is below --min-{name} {wanted:g}")
    return out


# ---------------------------------------------------------------- rendering


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _prf_table(title: str, block: Mapping[str, Any]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for col in ("aspect", "TP", "FP", "found", "gold", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "aspect" else "right")
    rows = [("all", block["overall"]), *block["by_aspect"].items()]
    for i, (name, m) in enumerate(rows):
        table.add_row(name, str(m["tp"]), str(m["fp"]), str(m["found"]), str(m["gold"]),
                      _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]), end_section=i == 0)
    return table


def render_evaluation(summary: Mapping[str, Any], console: Console) -> None:
    """Print the figures, the false positives and the missed contradictions with rich tables."""
    from rich.table import Table

    mode = "complete gold" if summary["gold_complete"] else "partial gold: unmatched findings not counted"
    con = summary["contradiction"]
    console.print(f"[bold]Contradictions[/bold] ({mode}; {con['findings']} findings, "
                  f"{con['review_findings']} of them for review, {con['unannotated']} unannotated)")
    console.print(_prf_table("Contradictions", con))
    sev = Table(title="Contradiction precision by severity given")
    for col in ("severity", "findings", "TP", "FP", "unannotated", "precision"):
        sev.add_column(col, justify="left" if col == "severity" else "right")
    for name, m in con["by_severity"].items():
        sev.add_row(name, str(m["findings"]), str(m["tp"]), str(m["fp"]), str(m["unannotated"]),
                    _pct(m["precision"]))
    console.print(sev)
    tops = ", ".join(f"top {k}: {m['found']}/{m['gold']} gold found, precision {_pct(m['precision'])}"
                     for k, m in con["top_k"].items())
    console.print(f"Ranking: {tops}", markup=False)
    console.print(_prf_table("Corroborations", summary["corroboration"]))
    internal = summary["internal"]["overall"]
    console.print(f"Within-article problems: found {internal['found']}/{internal['gold']} (recall "
                  f"{_pct(internal['recall'])}), precision {_pct(internal['precision'])}", markup=False)
    wrong = [*con["false_positives"], *summary["internal"]["false_positives"],
             *summary["corroboration"]["false_positives"]]
    _render_list(console, "False positives", wrong, _fp_row,
                 ("rank", "kind", "sev", "aspect", "where", "why", "reason"))
    _render_list(console, "Missed gold contradictions", con["missed"], _missed_row,
                 ("id", "aspect", "sev", "where", "reported as", "note"))
    if con["unannotated_findings"]:
        _render_list(console, "Contradictions outside the gold, not scored (read them by hand)",
                     con["unannotated_findings"], _fp_row, ("rank", "kind", "sev", "aspect", "where", "why", "reason"))


def _fp_row(fp: Mapping[str, Any]) -> tuple[str, ...]:
    kind = fp["kind"] + (" (review)" if fp["review"] else "")
    return (str(fp["rank"]), kind, fp["severity"], fp["aspect"], "\n".join(fp["where"]), fp["why"],
            fp["reason"])


def _missed_row(g: Mapping[str, Any]) -> tuple[str, ...]:
    return (g["id"], g["aspect"], g["severity"], "\n".join(g["where"]), ", ".join(g["reported_as"]) or "–",
            g["note"])


def _render_list(console: Console, title: str, rows: Sequence[Mapping[str, Any]],
                 row: Callable[[Mapping[str, Any]], tuple[str, ...]], columns: Sequence[str]) -> None:
    from rich.table import Table

    if not rows:
        console.print(f"{title}: none.")
        return
    table = Table(title=f"{title} ({len(rows)})", show_lines=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*row(r))
    console.print(table)

