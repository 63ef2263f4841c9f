"""The second held-out corpus's gold file loads, fits its articles and points at whole sentences.

Only the gold loader is used: the corpus (a ferry fire at sea, in four languages) is never run
through the pipeline in tests.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from factcheck.gold import GoldSpan, load_gold

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "heldout2"
GOLD = REPO / "data" / "gold" / "heldout2.jsonl"


def test_heldout2_gold_loads_and_covers_every_article() -> None:
    pairs = load_gold(GOLD, CORPUS)
    labels = Counter(p.label for p in pairs)
    assert labels["contradiction"] >= 25
    assert labels["corroboration"] >= 15
    assert labels["neutral"] >= 6
    assert labels["internal"] >= 1
    aspects = {p.aspect for p in pairs if p.label == "contradiction"}
    assert {"date", "number", "place", "attribution"} <= aspects
    spans: list[GoldSpan] = [s for p in pairs for s in (p.a, p.b) if s is not None]
    assert {s.article for s in spans} == {p.name for p in CORPUS.iterdir()}
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs)
    assert len({p.id for p in pairs}) == len(pairs)
    for pair in pairs:
        if pair.b is not None:
            assert pair.a.article != pair.b.article, pair.id


def test_heldout2_gold_spans_are_sentences() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.iterdir()}
    for pair in load_gold(GOLD, CORPUS):
        for span in (pair.a, pair.b):
            if span is None:
                assert pair.label == "internal", pair.id
                continue
            sentence = texts[span.article][span.start : span.end]
            assert sentence == sentence.strip() and "\n" not in sentence, pair.id
            assert sentence[0].isupper() or sentence[0] in "\"“", pair.id
            assert sentence.endswith((".", "?", "!", '"', "”")), pair.id


def test_heldout2_corpus_has_four_languages() -> None:
    langs = Counter(
        line.split(":", 1)[1].strip()
        for p in CORPUS.iterdir()
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("language:")
    )
    assert set(langs) == {"id", "en", "es", "de"}
    assert langs["id"] * 2 >= sum(langs.values())
    assert langs["en"] >= 2 and langs["es"] >= 1 and langs["de"] >= 1
