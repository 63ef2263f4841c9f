"""Entity-level F1 of the entity tagger on the IndoNLU NER test splits and the English probe; speed.

    python benchmarks/eval_ner.py                      # shipped model, test splits + probe
    python benchmarks/eval_ner.py --split valid --model-dir /tmp/ner-export
    python benchmarks/eval_ner.py --speed --repeat 3   # sentences/s on 1 and 2 threads

Scores are exact spans (type and word boundaries must both match), micro-averaged, as
conlleval/seqeval count them. NER-Grit has no event tag: predicted events are dropped before it
is scored. "NERP recased" is the NERP split with POSP's proper nouns and sentence starts
capitalised (news as it is usually written; NERP itself is lower-cased). The data is read from
``../shared/datasets/indonlu`` and never copied.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.ner import TYPES, EntityTagger, read_conll, recase, span_scores  # noqa: E402

DATA = REPO.parent / "shared" / "datasets" / "indonlu"
PROBE = REPO / "data" / "ner_probe_en.jsonl"


def dataset_rows(tagger: EntityTagger, split: str) -> dict[str, dict[str, dict[str, float]]]:
    grit = read_conll(DATA / "nergrit_ner-grit" / f"{split}.txt")
    nerp = read_conll(DATA / "nerp_ner-prosa" / f"{split}.txt")
    posp = read_conll(DATA / "posp_pos-prosa" / f"{split}.txt", mapped=False)
    sets = {
        "NER-Grit": ([[w for w, _ in s] for s in grit], [[t for _, t in s] for s in grit]),
        "NERP": ([[w for w, _ in s] for s in nerp], [[t for _, t in s] for s in nerp]),
        "NERP recased": (
            [recase([w for w, _ in s], [t for _, t in p]) for s, p in zip(nerp, posp, strict=True)],
            [[t for _, t in s] for s in nerp],
        ),
    }
    out = {}
    for name, (words, gold) in sets.items():
        pred = tagger.tag_words(words)
        if name == "NER-Grit":
            pred = [["O" if t.endswith("-EVT") else t for t in p] for p in pred]
            out[name] = span_scores(gold, pred, types=("PER", "ORG", "LOC"))
        else:
            out[name] = span_scores(gold, pred)
    return out


def probe_scores(tagger: EntityTagger, path: Path = PROBE) -> dict[str, dict[str, float]]:
    """Exact character-span scores on a JSONL file of {"text", "entities": [{start, end, type}]}."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = tagger.tag([r["text"] for r in rows])
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, gold, predicted
    for row, spans in zip(rows, pred, strict=True):
        gold = {(e["start"], e["end"], e["type"]) for e in row["entities"]}
        got = {(s.start, s.end, s.type) for s in spans}
        for _, _, t in gold:
            counts[t][1] += 1
        for _, _, t in got:
            counts[t][2] += 1
        for _, _, t in gold & got:
            counts[t][0] += 1

    def prf(tp: int, ng: int, np_: int) -> dict[str, float]:
        p, r = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": float(ng)}

    out = {t: prf(*c) for t, c in counts.items()}
    out["overall"] = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return out


def speed(model_dir: Path | None, threads: list[int], repeat: int, n: int) -> dict[int, list[float]]:
    """Sentences/s of ``tag()`` on recased NERP test sentences, each thread count timed ``repeat`` times."""
    nerp = read_conll(DATA / "nerp_ner-prosa" / "test.txt")[:n]
    posp = read_conll(DATA / "posp_pos-prosa" / "test.txt", mapped=False)[:n]
    texts = [" ".join(recase([w for w, _ in s], [t for _, t in p])) for s, p in zip(nerp, posp, strict=True)]
    tagger = EntityTagger(model_dir)
    tagger.tag(texts[:8])  # load outside the timing
    rates: dict[int, list[float]] = {t: [] for t in threads}
    for _ in range(repeat):
        for t in threads:  # interleaved: this machine's speed drifts
            os.environ["FACTCHECK_THREADS"] = str(t)
            start = time.perf_counter()
            tagger.tag(texts)
            rates[t].append(len(texts) / (time.perf_counter() - start))
    return rates


def table(title: str, scores: dict[str, dict[str, float]]) -> str:
    lines = [f"### {title}", "", "| type | precision | recall | F1 | gold spans |", "| --- | --- | --- | --- | --- |"]
    for kind, s in scores.items():
        name = f"**{kind}**" if kind == "overall" else kind
        p, r, f, n = s["precision"], s["recall"], s["f1"], int(s["support"])
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, default=None, help="default: the shipped tagger")
    ap.add_argument("--split", choices=("test", "valid"), default="test")
    ap.add_argument("--speed", action="store_true", help="only measure sentences/s")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--n", type=int, default=400, help="sentences per timed run")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if args.speed:
        rates = speed(args.model_dir, [int(t) for t in args.threads.split(",")], args.repeat, args.n)
        for t, r in rates.items():
            runs = ", ".join(f"{x:.1f}" for x in r)
            sys.stdout.write(f"{t} thread(s): median {statistics.median(r):.1f} sentences/s ({runs})\n")
        result: dict[str, Any] = {"speed": rates}
    else:
        tagger = EntityTagger(args.model_dir)
        result = dataset_rows(tagger, args.split)
        result["English probe"] = probe_scores(tagger)
        for name, scores in result.items():
            where = "hand-written" if name == "English probe" else args.split
            sys.stdout.write(table(f"{name} ({where})", scores) + "\n\n")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
