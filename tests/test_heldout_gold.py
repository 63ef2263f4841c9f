"""The held-out corpus's gold file loads, fits its articles and points at whole sentences.

Only the gold loader is used: the held-out corpus is never run through the pipeline in tests.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from factcheck.gold import GoldSpan, load_gold

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "heldout"
GOLD = REPO / "data" / "gold" / "heldout.jsonl"


def test_heldout_gold_loads_and_covers_every_article() -> None:
    pairs = load_gold(GOLD, CORPUS)
    labels = Counter(p.label for p in pairs)
    assert labels["contradiction"] >= 10
    assert labels["corroboration"] >= 10
    assert labels["neutral"] >= 5
    aspects = {p.aspect for p in pairs if p.label == "contradiction"}
    assert {"date", "number", "place", "attribution"} <= aspects
    spans: list[GoldSpan] = [s for p in pairs for s in (p.a, p.b) if s is not None]
    assert {s.article for s in spans} == {p.name for p in CORPUS.iterdir()}
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs)


def test_heldout_gold_spans_are_sentences() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.iterdir()}
    for pair in load_gold(GOLD, CORPUS):
        for span in (pair.a, pair.b):
            assert span is not None
            sentence = texts[span.article][span.start : span.end]
            assert sentence == sentence.strip() and "\n" not in sentence, pair.id
            assert sentence[0].isupper() or sentence[0] in "\"“", pair.id
            assert sentence.endswith((".", "?", "!", '"', "”")), pair.id


def test_heldout_corpus_is_mostly_indonesian_with_english() -> None:
    langs = Counter(
        line.split(":", 1)[1].strip()
        for p in CORPUS.iterdir()
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("language:")
    )
    assert set(langs) == {"id", "en"}
    assert langs["id"] > langs["en"] >= 3
