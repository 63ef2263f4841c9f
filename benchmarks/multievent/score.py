"""Score a factcheck JSON report against the truth of a generated multi-event corpus.

    python -m benchmarks.multievent.score REPORT.json TRUTH.json [--json OUT]

Each claim of a finding is matched to the sentence of its article (by file name) that shares the
most words with it; the truth says which event that sentence is about, which facts it states,
gets wrong or announces, and whether it is page furniture. Then:

- a **contradiction** is a true positive when one claim is the wrong sentence of a planted
  discrepancy and the other states the same fact correctly; recall counts the discrepancies found;
- a finding is **cross-event** when its claims are about different true events (a look-back
  sentence is about the earlier event, so comparing it with that event is not cross-event);
- a **trap** false positive pairs a plan announced before the event with its outcome;
- a **corroboration** is right when all its claims state (or announce) one common fact and come
  from at least two syndication groups (a copy does not confirm its original); the fact may be a
  minor one (the same colour or background sentence of one event: ``E07.color.3``), counted
  apart; recall counts the planted facts the truth says two or more independent sources state;
- figures per aspect (date, place, number, attribution) and per language pair (id-id, en-en,
  id-en); event-clustering purity and completeness when the report lists ``events``.

Findings with ``review: true`` are not asserted contradictions: they are counted apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

ASPECTS = ("date", "place", "number", "attribution")
LANG_PAIRS = ("id-id", "en-en", "id-en")
_WORD = re.compile(r"\w+", re.UNICODE)
MIN_OVERLAP = 0.6


class ScoreError(Exception):
    """A report or truth file that cannot be scored (one line, names the file)."""


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _name(path: str) -> str:
    return PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name


def _pair(a: str, b: str) -> str:
    return "id-en" if a != b else f"{a}-{b}"


class Matcher:
    """Claims (article path, text) -> (article name, sentence index) of the truth, or None."""

    def __init__(self, truth: dict[str, Any]) -> None:
        self.truth = truth
        self.arts = truth["articles"]
        self._tok = {n: [_tokens(s["text"]) for s in a["sentences"]] for n, a in self.arts.items()}

    def match(self, claim: dict[str, Any]) -> tuple[str, int | None]:
        name = _name(str(claim.get("path") or claim.get("article") or ""))
        if name not in self.arts:
            name = str(claim.get("article") or name)
        sents = self._tok.get(name)
        if not sents:
            return name, None
        c = _tokens(str(claim.get("text", "")))
        if not c:
            return name, None
        best, best_key = None, (0.0, 0.0)
        for i, s in enumerate(sents):
            shared = len(c & s)
            if not shared:
                continue
            key = (shared / min(len(c), len(s)), shared / len(c | s))
            if key > best_key:
                best, best_key = i, key
        return name, best if best_key[0] >= MIN_OVERLAP else None

    def sentence(self, name: str, idx: int | None) -> dict[str, Any] | None:
        if idx is None or name not in self.arts:
            return None
        return self.arts[name]["sentences"][idx]

    def event_of(self, name: str, idx: int | None) -> str | None:
        s = self.sentence(name, idx)
        if s is not None:
            return s["event"]  # None for furniture
        return self.arts[name]["event"] if name in self.arts else None


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score(report: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    m = Matcher(truth)
    arts = truth["articles"]
    wrong_at = {(d["article"], d["sentence"]): d for d in truth["discrepancies"]}
    correct_at: dict[str, set[tuple[str, int]]] = {
        d["id"]: {(c["article"], c["sentence"]) for c in d["correct"]} for d in truth["discrepancies"]
    }
    trap_pairs: set[frozenset[tuple[str, int]]] = set()
    for t in truth["traps"]:
        p = (t["plan"]["article"], t["plan"]["sentence"])
        for o in t["outcomes"]:
            trap_pairs.add(frozenset({p, (o["article"], o["sentence"])}))

    findings = report.get("findings")
    if not isinstance(findings, list):
        raise ScoreError("report has no findings list")
    contra = [f for f in findings if f.get("kind") == "contradiction" and not f.get("review")]
    review = [f for f in findings if f.get("kind") == "contradiction" and f.get("review")]
    corro = [f for f in findings if f.get("kind") == "corroboration"]

    def located(f: dict[str, Any]) -> list[tuple[str, int | None]]:
        return [m.match(c) for c in f.get("claims", [])]

    def lang(name: str) -> str:
        return str(arts[name]["language"]) if name in arts else "?"

    def classify_contradiction(f: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
        """Why a contradiction is right or wrong; the discrepancies it finds (often one, at most
        one per claim: a lead with a wrong date against a lead with a wrong place finds both)."""
        locs = located(f)
        hits = []
        for a in locs:
            d = wrong_at.get((a[0], a[1])) if a[1] is not None else None
            if d is not None and any(b != a and b[1] is not None and b in correct_at[d["id"]] for b in locs):
                hits.append(d)
        if hits:
            return "true", hits
        if any(m.sentence(*x) is not None and m.sentence(*x)["role"] == "furniture" for x in locs):  # type: ignore[index]
            return "furniture", []
        events = {m.event_of(*x) for x in locs}
        if len(events) > 1:
            return "cross-event", []
        keys = {(x[0], x[1]) for x in locs if x[1] is not None}
        if any(frozenset(p) in trap_pairs for p in _pairs(sorted(keys, key=str))):
            return "trap", []
        if len({arts[x[0]]["syndication"] for x in locs if x[0] in arts}) == 1 and len(locs) > 1:
            return "syndicated", []
        return "same-event", []

    out: dict[str, Any] = {"seed": truth.get("seed"), "articles": len(arts), "events": len(truth["events"])}
    # ------------------------------------------------------------------- contradictions
    found: dict[str, set[str]] = defaultdict(set)  # discrepancy id -> language pairs it was found in
    reasons: Counter[str] = Counter()
    by_aspect: dict[str, Counter[str]] = defaultdict(Counter)
    by_lang: dict[str, Counter[str]] = defaultdict(Counter)
    top_false: list[dict[str, Any]] = []
    stale = 0  # contradictions with a claim from a recycled page
    for f in contra:
        verdict, hits = classify_contradiction(f)
        reasons[verdict] += 1
        checks = f.get("checks") or []
        reported = checks[0] if checks and checks[0] in ASPECTS else "other"
        names = [x[0] for x in located(f)]
        if any(arts.get(n, {}).get("stale") for n in names):
            stale += 1
        lp = _pair(lang(names[0]), lang(names[1])) if len(names) > 1 else "?"
        by_aspect[reported]["findings"] += 1
        by_lang[lp]["findings"] += 1
        if verdict == "true":
            by_aspect[reported]["true"] += 1
            by_lang[lp]["true"] += 1
            for d in hits:
                found[d["id"]].add(lp)
        elif len(top_false) < 5:
            top_false.append(
                {
                    "rank": f.get("rank"),
                    "why": verdict,
                    "claims": [c.get("text", "")[:100] for c in f.get("claims", [])],
                }
            )
    n_true = reasons["true"]
    planted = truth["discrepancies"]
    out["contradictions"] = {
        "findings": len(contra),
        "true": n_true,
        "precision": _ratio(n_true, len(contra)),
        "planted": len(planted),
        "found": len(found),
        "recall": _ratio(len(found), len(planted)),
        "false_by_reason": {k: v for k, v in sorted(reasons.items()) if k != "true"},
        "review_findings": len(review),
        "top_false": top_false,
        "missed": sorted(d["id"] for d in planted if d["id"] not in found),
    }
    out["cross_event"] = reasons["cross-event"]
    out["trap_false_positives"] = reasons["trap"]
    out["stale_findings"] = stale
    aspects: dict[str, Any] = {}
    for a in (*ASPECTS, "other"):
        pl = [d for d in planted if d["aspect"] == a]
        c = by_aspect.get(a, Counter())
        aspects[a] = {
            "findings": c["findings"],
            "precision": _ratio(c["true"], c["findings"]),
            "planted": len(pl),
            "recall": _ratio(sum(1 for d in pl if d["id"] in found), len(pl)),
        }
    out["contradictions"]["by_aspect"] = aspects
    langs: dict[str, Any] = {}
    for lp in LANG_PAIRS:
        avail = [d for d in planted if lp in {_pair(d["language"], lang(c["article"])) for c in d["correct"]}]
        c = by_lang.get(lp, Counter())
        langs[lp] = {
            "findings": c["findings"],
            "precision": _ratio(c["true"], c["findings"]),
            "planted": len(avail),
            "recall": _ratio(sum(1 for d in avail if lp in found.get(d["id"], set())), len(avail)),
        }
    out["contradictions"]["by_language"] = langs
    # ------------------------------------------------------------------- corroborations
    facts = {f["id"]: f for e in truth["events"] for f in e["facts"]}
    covered: set[str] = set()
    c_reasons: Counter[str] = Counter()
    c_lang: dict[str, Counter[str]] = defaultdict(Counter)
    for f in corro:
        locs = located(f)
        sents = [m.sentence(*x) for x in locs]
        names = sorted({x[0] for x in locs})
        langs_here = sorted({lang(n) for n in names})
        lp = "id-en" if len(langs_here) > 1 else f"{langs_here[0]}-{langs_here[0]}" if langs_here else "?"
        c_lang[lp]["findings"] += 1
        groups = {arts[n]["syndication"] for n in names if n in arts}
        if any(s is None for s in sents):
            verdict = "unmatched"
        elif any(s["role"] == "furniture" for s in sents if s is not None):
            verdict = "furniture"
        else:
            stated = [{*s["facts"], *s["plans"], *s.get("minor", [])} for s in sents if s is not None]
            common = set.intersection(*stated) if stated else set()
            wrong = {x for s in sents if s is not None for x in s["wrong"]}
            if common and len(groups) >= 2:
                verdict = "true"
                covered |= common
                c_lang[lp]["true"] += 1
                if not common & set(facts):
                    c_reasons["true_minor"] += 1
            elif len({m.event_of(*x) for x in locs}) > 1:
                verdict = "cross-event"
            elif common:
                verdict = "syndicated"
            elif wrong & set.union(*stated):
                verdict = "conflicting-values"  # a planted wrong value "confirmed" by the right one
            else:
                verdict = "no-common-fact"
        c_reasons[verdict] += 1
    corroborated = [fid for fid, f in facts.items() if f["corroborated"]]
    out["corroborations"] = {
        "findings": len(corro),
        "true": c_reasons["true"],
        "precision": _ratio(c_reasons["true"], len(corro)),
        "facts": len(corroborated),
        "covered": sum(1 for x in corroborated if x in covered),
        "recall": _ratio(sum(1 for x in corroborated if x in covered), len(corroborated)),
        "true_minor_facts": c_reasons["true_minor"],
        "false_by_reason": {k: v for k, v in sorted(c_reasons.items()) if k not in ("true", "true_minor")},
        "by_language": {
            lp: {"findings": c_lang[lp]["findings"], "precision": _ratio(c_lang[lp]["true"], c_lang[lp]["findings"])}
            for lp in LANG_PAIRS
        },
        "by_aspect": {
            a: {
                "facts": sum(1 for x in corroborated if facts[x]["aspect"] == a),
                "recall": _ratio(
                    sum(1 for x in corroborated if facts[x]["aspect"] == a and x in covered),
                    sum(1 for x in corroborated if facts[x]["aspect"] == a),
                ),
            }
            for a in ASPECTS
        },
    }
    out["cross_event_corroborations"] = c_reasons["cross-event"]
    # ------------------------------------------------------------------- events
    if isinstance(report.get("events"), list):
        out["clustering"] = clustering(report["events"], truth)
    return out


def _pairs(items: Sequence[Any]) -> list[tuple[Any, Any]]:
    return [(a, b) for i, a in enumerate(items) for b in items[i + 1 :]]


def clustering(events: list[Any], truth: dict[str, Any]) -> dict[str, Any]:
    """Purity (each predicted event is mostly one true event) and completeness (each true event
    is mostly in one predicted event), over the truth's articles."""
    arts = truth["articles"]
    predicted: dict[str, str] = {}
    for i, e in enumerate(events):
        eid = str(e.get("id", i)) if isinstance(e, dict) else str(i)
        members = e.get("articles", []) if isinstance(e, dict) else []
        for a in members:
            ref = a if isinstance(a, str) else str(a.get("path") or a.get("id") or "")
            name = _name(ref)
            if name in arts:
                predicted.setdefault(name, eid)
    n = len(arts)
    for i, name in enumerate(sorted(arts)):  # an article in no event is an event of its own
        predicted.setdefault(name, f"_alone{i}")
    joint = Counter((predicted[a], arts[a]["event"]) for a in arts)
    best_true: dict[str, int] = defaultdict(int)
    best_pred: dict[str, int] = defaultdict(int)
    for (p, t), k in joint.items():
        best_true[p] = max(best_true[p], k)
        best_pred[t] = max(best_pred[t], k)
    return {
        "predicted_events": len(set(predicted.values())),
        "true_events": len({a["event"] for a in arts.values()}),
        "purity": sum(best_true.values()) / n if n else None,
        "completeness": sum(best_pred.values()) / n if n else None,
    }


def _load(path: Path, what: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScoreError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScoreError(f"{path}: {what} is not valid JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ScoreError(f"{path}: {what} must be a JSON object")
    return data


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def format_summary(s: dict[str, Any]) -> str:
    c, k = s["contradictions"], s["corroborations"]
    lines = [
        f"corpus: {s['articles']} articles, {s['events']} events (seed {s['seed']})",
        f"contradictions: {c['findings']} findings, {c['true']} right -> precision {_pct(c['precision'])}; "
        f"{c['found']} of {c['planted']} planted found -> recall {_pct(c['recall'])}",
        f"  false: {', '.join(f'{r} {n}' for r, n in c['false_by_reason'].items()) or 'none'}; "
        f"for review (not counted): {c['review_findings']}",
        f"cross-event findings: {s['cross_event']} contradictions, {s['cross_event_corroborations']} corroborations; "
        f"trap false positives: {s['trap_false_positives']}; "
        f"contradictions with a recycled page: {s['stale_findings']}",
        f"corroborations: {k['findings']} findings, {k['true']} right -> precision {_pct(k['precision'])}; "
        f"{k['covered']} of {k['facts']} corroborated facts -> recall {_pct(k['recall'])}",
        f"  right on minor facts only: {k['true_minor_facts']}; false: "
        f"{', '.join(f'{r} {n}' for r, n in k['false_by_reason'].items()) or 'none'}",
        "",
        "aspect        findings  precision  planted  recall",
    ]
    for a, v in c["by_aspect"].items():
        lines.append(f"{a:<12} {v['findings']:9d}  {_pct(v['precision']):>9}  {v['planted']:7d}  {_pct(v['recall'])}")
    lines += ["", "languages     findings  precision  planted  recall   corrob. findings  precision"]
    for lp, v in c["by_language"].items():
        kv = k["by_language"][lp]
        lines.append(
            f"{lp:<12} {v['findings']:9d}  {_pct(v['precision']):>9}  {v['planted']:7d}  {_pct(v['recall'])}"
            f"   {kv['findings']:16d}  {_pct(kv['precision'])}"
        )
    if "clustering" in s:
        cl = s["clustering"]
        lines += [
            "",
            f"events: {cl['predicted_events']} predicted, {cl['true_events']} true; purity {_pct(cl['purity'])}, "
            f"completeness {_pct(cl['completeness'])}",
        ]
    if c["top_false"]:
        lines += ["", "first false contradictions:"]
        for t in c["top_false"]:
            lines.append(f"  #{t['rank']} ({t['why']}): " + " | ".join(t["claims"]))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("report", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    try:
        report = _load(args.report, "report")
        truth = _load(args.truth, "truth")
        for key in ("articles", "events", "discrepancies", "traps"):
            if key not in truth:
                raise ScoreError(
                    f"{args.truth}: not a truth file (no {key!r}); write one with benchmarks.multievent.generate"
                )
        try:
            result = score(report, truth)
        except ScoreError as exc:
            raise ScoreError(f"{args.report}: {exc}") from None
        except (KeyError, TypeError, AttributeError) as exc:
            raise ScoreError(f"{args.report}: unexpected report layout ({type(exc).__name__}: {exc})") from None
    except ScoreError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stdout.write(format_summary(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
