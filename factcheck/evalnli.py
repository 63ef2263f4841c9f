"""Evaluate an NLI scorer on a labelled JSONL file (IndoNLI or MNLI style)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import FactcheckError

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from factcheck.nli import NLIScorer

LABELS = ("entailment", "neutral", "contradiction")
_LABEL_ALIASES = {
    "e": "entailment",
    "entailment": "entailment",
    "n": "neutral",
    "neutral": "neutral",
    "c": "contradiction",
    "contradiction": "contradiction",
}
_FIELDS = (("premise", "hypothesis", "label"), ("sentence1", "sentence2", "gold_label"))

NLIExample = tuple[str, str, str]
#: optional string columns that ``evaluate_nli`` breaks accuracy down by
GROUP_COLUMNS = ("phenomenon", "direction")


class NLIDataError(FactcheckError):
    """An NLI evaluation file cannot be read; the message names file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {message}")


def read_nli_jsonl(path: str | Path) -> list[NLIExample]:
    """Read (premise, hypothesis, label) triples; labels normalised to ``LABELS``.

    Accepts IndoNLI fields (premise, hypothesis, label = e/n/c) and MNLI fields
    (sentence1, sentence2, gold_label); MNLI rows labelled "-" (no consensus)
    are skipped. Blank lines are ignored.
    """
    return [ex for ex, _ in read_nli_rows(path)]


def read_nli_rows(path: str | Path) -> list[tuple[NLIExample, dict[str, str]]]:
    """Like :func:`read_nli_jsonl`, with each pair's ``GROUP_COLUMNS`` values (strings) alongside."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NLIDataError(p, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise NLIDataError(p, None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise NLIDataError(p, None, f"cannot read file ({exc.strerror})") from None
    out: list[tuple[NLIExample, dict[str, str]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise NLIDataError(p, lineno, f"invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise NLIDataError(p, lineno, "expected a JSON object")
        fields = next((f for f in _FIELDS if f[0] in row), None)
        if fields is None:
            raise NLIDataError(
                p, lineno, "needs fields premise/hypothesis/label or sentence1/sentence2/gold_label"
            )
        missing = [f for f in fields if f not in row]
        if missing:
            raise NLIDataError(p, lineno, f"missing field(s): {', '.join(missing)}")
        premise, hypothesis, raw = (row[f] for f in fields)
        if not isinstance(premise, str) or not isinstance(hypothesis, str) or not isinstance(raw, str):
            raise NLIDataError(p, lineno, "premise, hypothesis and label must be strings")
        if raw.strip() == "-":
            continue
        label = _LABEL_ALIASES.get(raw.strip().lower())
        if label is None:
            raise NLIDataError(
                p, lineno, f"unknown label {raw!r} (expected e/n/c or entailment/neutral/contradiction)"
            )
        groups: dict[str, str] = {}
        for col in GROUP_COLUMNS:
            value = row.get(col)
            if value is None:
                continue
            if not isinstance(value, str) or not value.strip():
                raise NLIDataError(p, lineno, f"{col} must be a non-empty string")
            groups[col] = value.strip()
        out.append(((premise, hypothesis, label), groups))
    if not out:
        raise NLIDataError(p, None, "no labelled pairs found")
    return out


def classification_metrics(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS
) -> dict[str, Any]:
    """Accuracy, per-class precision/recall/F1/support and a gold->pred confusion matrix.

    Undefined ratios (no predictions or no gold items of a class) are 0.0.
    """
    if len(gold) != len(pred):
        raise ValueError(f"gold and pred differ in length ({len(gold)} != {len(pred)})")
    labels = list(labels)
    confusion: dict[str, dict[str, int]] = {g: dict.fromkeys(labels, 0) for g in labels}
    for g, p in zip(gold, pred, strict=True):
        if g not in confusion or p not in confusion:
            raise ValueError(f"label not in {labels}: {g if g not in confusion else p!r}")
        confusion[g][p] += 1
    per_class: dict[str, dict[str, float | int]] = {}
    for lab in labels:
        tp = confusion[lab][lab]
        support = sum(confusion[lab].values())
        predicted = sum(confusion[g][lab] for g in labels)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[lab] = {"precision": precision, "recall": recall, "f1": f1, "support": support}
    correct = sum(confusion[lab][lab] for lab in labels)
    return {
        "accuracy": correct / len(gold) if gold else 0.0,
        "per_class": per_class,
        "confusion": confusion,
        "n": len(gold),
    }


def read_subset(path: str | Path) -> list[int]:
    """Pair indices from a JSON file: a list of integers or an object with an "indices" list.

    An index counts the labelled pairs of the data file from 0, in file order (as
    :func:`read_nli_jsonl` returns them). The result is sorted and without repeats.
    """
    p = Path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NLIDataError(p, None, "subset file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NLIDataError(p, None, f"subset file is not JSON ({exc})") from None
    except OSError as exc:
        raise NLIDataError(p, None, f"cannot read subset file ({exc.strerror})") from None
    indices = raw.get("indices") if isinstance(raw, dict) else raw
    if (
        not isinstance(indices, list)
        or not indices
        or not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indices)
    ):
        raise NLIDataError(p, None, 'expected a non-empty list of pair indices >= 0 (or {"indices": [...]})')
    return sorted(set(indices))


def group_accuracy(
    gold: Sequence[str], pred: Sequence[str], groups: Sequence[str | None]
) -> dict[str, dict[str, float | int]]:
    """Accuracy per group value (pairs without a value are left out), sorted by group name."""
    tally: dict[str, list[int]] = {}
    for g, p, key in zip(gold, pred, groups, strict=True):
        if key is None:
            continue
        cell = tally.setdefault(key, [0, 0])
        cell[0] += int(g == p)
        cell[1] += 1
    return {k: {"accuracy": c / n, "correct": c, "n": n} for k, (c, n) in sorted(tally.items())}


def evaluate_nli(
    path: str | Path,
    scorer: NLIScorer,
    limit: int | None = None,
    batch_size: int = 32,
    subset: Sequence[int] | None = None,
) -> dict[str, Any]:
    """Score pairs of ``path`` and return metrics plus throughput.

    ``subset`` keeps only those pair indices (see :func:`read_subset`; an index beyond the file is
    an error), then ``limit`` keeps the first N. When the file has ``phenomenon`` / ``direction``
    columns, ``result["by_phenomenon"]`` / ``result["by_direction"]`` hold accuracy per value.
    """
    rows = read_nli_rows(path)
    if subset is not None:
        bad = [i for i in subset if not 0 <= i < len(rows)]
        if bad:
            raise NLIDataError(path, None, f"subset index {bad[0]} beyond the file's {len(rows)} pairs")
        rows = [rows[i] for i in sorted(set(subset))]
    if limit is not None:
        if limit < 1:
            raise ValueError("limit must be >= 1")
        rows = rows[:limit]
    data = [ex for ex, _ in rows]
    start = time.perf_counter()
    probs = scorer.predict([(p, h) for p, h, _ in data], batch_size=batch_size)
    elapsed = time.perf_counter() - start
    pred = [LABELS[int(i)] for i in probs.argmax(axis=1)]
    gold = [g for _, _, g in data]
    result = classification_metrics(gold, pred)
    for col in GROUP_COLUMNS:
        values = [meta.get(col) for _, meta in rows]
        if any(v is not None for v in values):
            result[f"by_{col}"] = group_accuracy(gold, pred, values)
    result["pairs_per_second"] = len(data) / elapsed if elapsed > 0 else float("inf")
    result["model"] = getattr(scorer, "name", "?")
    result["file"] = str(path)
    if subset is not None:
        result["subset_size"] = len(set(subset))
    return result


def render_nli_eval(result: dict[str, Any], console: Console) -> None:
    """Print accuracy, the per-class table and the confusion matrix with rich."""
    from rich.table import Table

    console.print(
        f"[bold]{result.get('model', 'model')}[/bold] on {result.get('file', '?')}: "
        f"accuracy [bold]{result['accuracy']:.1%}[/bold] over {result['n']} pairs, "
        f"{result['pairs_per_second']:.1f} pairs/s"
    )
    per = Table(title="Per class")
    for col in ("label", "precision", "recall", "F1", "support"):
        per.add_column(col, justify="left" if col == "label" else "right")
    for lab, m in result["per_class"].items():
        per.add_row(lab, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    console.print(per)
    conf = Table(title="Confusion (rows: gold, columns: predicted)")
    conf.add_column("gold \\ pred")
    labels = list(result["confusion"])
    for lab in labels:
        conf.add_column(lab, justify="right")
    for g in labels:
        conf.add_row(g, *(str(result["confusion"][g][p]) for p in labels))
    console.print(conf)
    for col in GROUP_COLUMNS:
        groups = result.get(f"by_{col}")
        if not groups:
            continue
        tab = Table(title=f"Per {col}")
        for name in (col, "accuracy", "right", "pairs"):
            tab.add_column(name, justify="left" if name == col else "right")
        for key, m in groups.items():
            tab.add_row(key, f"{m['accuracy']:.1%}", str(m["correct"]), str(m["n"]))
        console.print(tab)
