"""Tag the numerical / temporal / quantity pairs of IndoNLI validation.

A pair is tagged when its *hypothesis* (what a fact-checker checks) carries general evidence of a
number, a quantity or a time: a digit, a number word, a month or weekday name, a time-of-day word,
a time lead ("pukul"), a unit of time or measure, a multiplier ("juta") or a relative-time word
("kemarin", "tahun lalu"). Every word list comes from factcheck's language data
(``factcheck/lang/{id,en}/lang.json``); nothing here was fitted to the validation labels, which
the script never reads except to print the label counts of the subset.

Indices count the labelled pairs of the file from 0 in file order, as ``factcheck eval-nli
--subset`` reads them. Writes ``models/numtemp_val_indices.json`` and prints counts:

    python models/tag_numtemp.py [--val ../shared/datasets/indonli/val.jsonl] [--out FILE]
    factcheck eval-nli ../shared/datasets/indonli/val.jsonl --subset models/numtemp_val_indices.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck import lang  # noqa: E402
from factcheck.evalnli import read_nli_jsonl  # noqa: E402

LANGS = ("id", "en")
DEFAULT_VAL = REPO.parent / "shared" / "datasets" / "indonli" / "val.jsonl"
DEFAULT_OUT = REPO / "models" / "numtemp_val_indices.json"
#: words too short or too ambiguous to count as evidence on their own ("se-" is a prefix, "satu"
#: mostly occurs in "salah satu" = "one of", "may" is also a modal verb, "second" an ordinal,
#: abbreviations are also syllables)
MIN_WORD_LEN = 3
NOT_EVIDENCE = frozenset({"satu", "one", "may", "second", "mar", "jun", "jul", "des", "agu", "okt", "apr"})
#: units that only name what is counted ("orang", "people"): evidence only next to a number,
#: which the digit and number-word kinds already catch
COUNTED_UNITS = frozenset({"people"})


def _phrases(values: Iterable[str]) -> list[str]:
    return [v for v in dict.fromkeys(x.lower() for x in values) if len(v) >= MIN_WORD_LEN and v not in NOT_EVIDENCE]


def evidence_lists(codes: Sequence[str] = LANGS) -> dict[str, list[str]]:
    """Kind -> phrases (lower case) from the language data of ``codes``."""
    d = lang.data(codes)
    rel = d.relative
    nw = d.number_words
    return {
        "number word": _phrases([*nw["units"], *nw["scales"], *nw["teens"], *d.multipliers]),
        "month": _phrases(d.months),
        "weekday": _phrases(d.weekdays),
        "time of day": _phrases(d.times_of_day),
        "unit": _phrases(
            [w for table in (d.units, d.compound_units) for w, (unit, _) in table.items() if unit not in COUNTED_UNITS]
        ),
        "relative time": _phrases([*rel["days"], *rel["units"], *rel["day_unit"]]),
    }


def compile_evidence(lists: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    """One whole-word pattern per kind, plus "digit"."""
    # a digit, except inside a code or name such as "COVID-19" or "T201"
    out = {"digit": re.compile(r"(?<![A-Z]-)(?<![A-Za-z0-9])\d")}
    for kind, words in lists.items():
        out[kind] = re.compile(r"(?<!\w)(?:" + lang.alternation(words) + r")(?!\w)", re.IGNORECASE)
    return out


def kinds_in(text: str, patterns: dict[str, re.Pattern[str]]) -> list[str]:
    """The evidence kinds found in ``text``."""
    return [kind for kind, pat in patterns.items() if pat.search(text)]


def tag(pairs: Sequence[tuple[str, str, str]], patterns: dict[str, re.Pattern[str]]) -> tuple[list[int], Counter[str]]:
    """Indices of pairs whose hypothesis shows evidence, and how often each kind fired."""
    indices: list[int] = []
    kinds: Counter[str] = Counter()
    for i, (_, hypothesis, _) in enumerate(pairs):
        found = kinds_in(hypothesis, patterns)
        if found:
            indices.append(i)
            kinds.update(found)
    return indices, kinds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Tag the numerical/temporal pairs of an NLI file.")
    ap.add_argument("--val", type=Path, default=DEFAULT_VAL)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    pairs = read_nli_jsonl(args.val)
    patterns = compile_evidence(evidence_lists())
    indices, kinds = tag(pairs, patterns)
    labels = Counter(pairs[i][2] for i in indices)
    payload = {
        "file": "indonli/val.jsonl" if args.val == DEFAULT_VAL else str(args.val),
        "n_pairs": len(pairs),
        "rule": "hypothesis has a digit, number word, month, weekday, time-of-day word, unit or "
        "relative-time word (factcheck/lang id+en); see models/tag_numtemp.py",
        "kinds": dict(sorted(kinds.items())),
        "labels": dict(sorted(labels.items())),
        "indices": indices,
    }
    args.out.write_text(json.dumps(payload, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(
        f"{len(indices)} of {len(pairs)} pairs tagged numerical/temporal ({len(indices) / len(pairs):.1%})\n"
        f"labels: {', '.join(f'{k} {v}' for k, v in sorted(labels.items()))}\n"
        f"evidence kinds (a pair may have several): {', '.join(f'{k} {v}' for k, v in kinds.most_common())}\n"
        f"wrote {args.out}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
