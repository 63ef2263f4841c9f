"""The held-out corpora's gold files load, fit their articles and point at whole sentences.

Only the gold loader is used: the held-out corpora (a flash flood in id + en; a ferry fire at sea
in id, en, es and de; a chemical plant explosion in id, en, es, fr and pt; a bridge collapse and
its inquiry a month later in id, en, es, de and it; an earthquake, a train derailment, a volcanic
eruption, a state summit, an election result, a company acquisition, a two-legged cup final and a
court verdict in six languages each; a prison escape and its manhunt, and a runway overrun, in seven)
are never run through the pipeline in tests.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from factcheck.gold import GoldSpan, load_gold

REPO = Path(__file__).resolve().parents[1]
#: corpus -> the least each label must have
CORPORA = {
    "heldout": {"contradiction": 10, "corroboration": 10, "neutral": 5},
    "heldout2": {"contradiction": 25, "corroboration": 15, "neutral": 6, "internal": 1},
    "heldout3": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout4": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout5": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout6": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout7": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout8": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout9": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout10": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout11": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout12": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout13": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
    "heldout14": {"contradiction": 30, "corroboration": 20, "neutral": 6, "internal": 1},
}


def _corpus(name: str) -> tuple[Path, Path]:
    return REPO / "data" / name, REPO / "data" / "gold" / f"{name}.jsonl"


def _languages(corpus: Path) -> Counter[str]:
    return Counter(
        line.split(":", 1)[1].strip()
        for p in corpus.iterdir()
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("language:")
    )


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_loads_and_covers_every_article(name: str) -> None:
    corpus, gold = _corpus(name)
    pairs = load_gold(gold, corpus)
    labels = Counter(p.label for p in pairs)
    for label, least in CORPORA[name].items():
        assert labels[label] >= least, label
    aspects = {p.aspect for p in pairs if p.label == "contradiction"}
    assert {"date", "number", "place", "attribution"} <= aspects
    spans: list[GoldSpan] = [s for p in pairs for s in (p.a, p.b) if s is not None]
    assert {s.article for s in spans} == {p.name for p in corpus.iterdir()}
    assert len({frozenset((p.a, p.b)) for p in pairs}) == len(pairs)
    assert len({p.id for p in pairs}) == len(pairs)
    for pair in pairs:
        if pair.b is not None and pair.label != "neutral":  # a trap may sit on one page (a look-back)
            assert pair.a.article != pair.b.article, pair.id


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_gold_spans_are_sentences(name: str) -> None:
    corpus, gold = _corpus(name)
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.iterdir()}
    for pair in load_gold(gold, corpus):
        for span in (pair.a, pair.b):
            if span is None:
                assert pair.label == "internal", pair.id
                continue
            sentence = texts[span.article][span.start : span.end]
            assert sentence == sentence.strip() and "\n" not in sentence, pair.id
            assert sentence[0].isupper() or sentence[0] in "\"“«„", pair.id  # French and German quotes too
            assert sentence.endswith((".", "?", "!", '"', "”", "»", "“")), pair.id


def test_heldout_corpus_is_mostly_indonesian_with_english() -> None:
    langs = _languages(_corpus("heldout")[0])
    assert set(langs) == {"id", "en"}
    assert langs["id"] > langs["en"] >= 3


def test_heldout2_corpus_has_four_languages() -> None:
    langs = _languages(_corpus("heldout2")[0])
    assert set(langs) == {"id", "en", "es", "de"}
    assert langs["id"] * 2 >= sum(langs.values())
    assert langs["en"] >= 2 and langs["es"] >= 1 and langs["de"] >= 1


def test_heldout3_corpus_has_at_least_four_languages() -> None:
    langs = _languages(_corpus("heldout3")[0])
    assert len(langs) >= 4
    assert {"id", "en", "es", "fr"} <= set(langs)
    assert langs["id"] == 6 and langs["en"] == 3 and langs["es"] == 2 and langs["fr"] == 1


def test_heldout11_corpus_has_six_languages_mostly_indonesian() -> None:
    langs = _languages(_corpus("heldout11")[0])
    assert set(langs) == {"id", "en", "es", "de", "fr", "pt"}
    assert langs["id"] == 6 and langs["en"] == 3
    assert langs["es"] == langs["de"] == langs["fr"] == langs["pt"] == 1


def test_heldout12_corpus_has_six_languages_mostly_indonesian() -> None:
    langs = _languages(_corpus("heldout12")[0])
    assert set(langs) == {"id", "en", "es", "de", "fr", "pt"}
    assert langs["id"] == 6 and langs["en"] == 3
    assert langs["es"] == langs["de"] == langs["fr"] == langs["pt"] == 1


def test_heldout13_corpus_has_seven_languages_mostly_indonesian() -> None:
    corpus = _corpus("heldout13")[0]
    langs = _languages(corpus)
    assert set(langs) == {"id", "en", "es", "de", "fr", "pt", "it"}
    # five Indonesian pages declare their language; the sixth is a plain-text page without front matter
    assert langs["id"] == 5 and langs["en"] == 3
    assert langs["es"] == langs["de"] == langs["fr"] == langs["pt"] == langs["it"] == 1
    plain = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    assert [p.name for p in plain] == ["05_suara_lahatala.txt"]
    assert not plain[0].read_text(encoding="utf-8").startswith("---")


def test_heldout14_corpus_has_seven_languages_mostly_indonesian() -> None:
    corpus = _corpus("heldout14")[0]
    langs = _languages(corpus)
    assert set(langs) == {"id", "en", "es", "de", "fr", "pt", "it"}
    # five Indonesian pages declare their language; two more are plain-text pages without front matter
    assert langs["id"] == 5 and langs["en"] == 2
    assert langs["es"] == langs["de"] == langs["fr"] == langs["pt"] == langs["it"] == 1
    plain = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    assert [p.name for p in plain] == ["02_harian_sarindu.txt", "05_suara_lamboreng.txt"]
    assert not any(p.read_text(encoding="utf-8").startswith("---") for p in plain)
