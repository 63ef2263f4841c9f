"""Vectors in a memory-mapped file (factcheck.vectors): the store, and audits that use it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from factcheck import vectors
from factcheck.cache import SQLiteCache
from factcheck.pipeline import audit, embed_texts
from factcheck.report import to_json
from tests.fakes import FakeEmbedder, FakeNLI

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"


def _rows(n: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("factcheck-vectors-"))


def test_batches_round_trip(tmp_path: Path) -> None:
    batches = [_rows(3, seed=1), _rows(1, seed=2), _rows(5, seed=3)]
    with vectors.VectorStore(8, tmp_path, capacity=16) as store:
        spans = [store.append(b) for b in batches]
        got = store.array()
        assert isinstance(got, np.memmap) and vectors.is_mapped(got)
        assert got.dtype == np.float32 and got.shape == (9, 8) and store.rows == 9
        assert np.array_equal(got, np.vstack(batches))  # bit for bit
        assert [list(s) for s in spans] == [[0, 1, 2], [3], [4, 5, 6, 7, 8]]
        with pytest.raises(ValueError):
            store.append(_rows(2, dim=4))


def test_the_store_grows_past_its_capacity_and_old_views_stay_valid(tmp_path: Path) -> None:
    with vectors.VectorStore(8, tmp_path, capacity=2) as store:
        early = store.append(_rows(2, seed=10))
        view = store.array()
        batches = [_rows(2, seed=10)] + [_rows(7, seed=s) for s in range(11, 20)]
        for b in batches[1:]:
            store.append(b)
        assert store.capacity >= store.rows == 2 + 7 * 9 and store.capacity < 4 * store.rows
        assert np.array_equal(store.array(), np.vstack(batches))
        assert np.array_equal(view, batches[0]) and list(early) == [0, 1]
        # a view of the first mapping and the new mapping share the file's pages
        store.array()[0] = 7.0
        assert np.all(view[0] == 7.0)


def test_rows_are_gathered_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _rows(50, seed=4)
    order = [49, 0, 17, 17, 3, 48, 1]
    with vectors.VectorStore(8, tmp_path) as store:
        store.append(data)
        assert np.array_equal(store.gather(order), data[order])
        monkeypatch.setattr(vectors, "MMAP_MIN_ROWS", 0)
        monkeypatch.setattr(vectors, "BLOCK_ROWS", 3)  # several blocks
        taken = vectors.take(store.array(), order)
        assert vectors.is_mapped(taken) and np.array_equal(taken, data[order])
        # an array in RAM: plain indexing, no file
        plain = vectors.take(data, order)
        assert not isinstance(plain, np.memmap) and np.array_equal(plain, data[order])


def test_the_file_is_removed_after_close(tmp_path: Path) -> None:
    store = vectors.VectorStore(8, tmp_path)
    store.append(_rows(4))
    kept = store.array()
    store.close()
    assert _files(tmp_path) == [] and not store.path.exists()
    assert np.array_equal(kept, _rows(4))  # arrays handed out stay readable until dropped
    with pytest.raises(ValueError):
        store.append(_rows(1))
    if os.name == "posix":  # unlinked as soon as it was mapped: nothing left if the run dies
        other = vectors.VectorStore(8, tmp_path)
        assert _files(tmp_path) == []
        other.close()


def test_small_arrays_stay_in_ram_and_large_ones_go_next_to_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(vectors.DIR_ENV, raising=False)
    cache = SQLiteCache(tmp_path / "c.sqlite")
    assert vectors.directory_for(cache) == tmp_path.resolve()
    assert vectors.directory_for(None) is None
    monkeypatch.setenv(vectors.DIR_ENV, str(tmp_path / "elsewhere"))
    assert vectors.directory_for(cache) == tmp_path / "elsewhere"
    assert not isinstance(vectors.new_array(10, 4), np.memmap)
    monkeypatch.setattr(vectors, "MMAP_MIN_ROWS", 10)
    big = vectors.new_array(10, 4, tmp_path)
    assert vectors.is_mapped(big) and Path(big.filename).parent == tmp_path
    vectors.release(big)  # pages dropped from the process, values kept
    big[3] = 1.5
    vectors.release(big)
    assert float(big.sum()) == 6.0


def test_embed_texts_gives_the_same_rows_in_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"kalimat nomor {i % 7} tentang jembatan {i % 3}" for i in range(40)] + ["unik sekali"]
    embedder = FakeEmbedder()
    in_ram = embed_texts(texts, embedder)
    assert not isinstance(in_ram, np.memmap)
    monkeypatch.setattr(vectors, "MMAP_MIN_ROWS", 0)
    monkeypatch.setattr(vectors, "BLOCK_ROWS", 4)  # cache reads and repeat copies in several blocks
    cache = SQLiteCache(tmp_path / "c.sqlite")
    cache.put_embeddings(embedder.name, texts[:5], embedder.encode(texts[:5]))  # partly warm
    mapped = embed_texts(texts, embedder, cache)
    assert vectors.is_mapped(mapped) and mapped.dtype == np.float32
    assert np.array_equal(mapped, in_ram) and np.array_equal(mapped, embedder.encode(texts))
    warm = embed_texts(texts, embedder, cache)
    assert np.array_equal(warm, in_ram)


def _report(corpus: Path) -> str:
    result = audit([corpus], scorer=FakeNLI(), embedder=FakeEmbedder(), tagger=None)
    return json.dumps(to_json(result), sort_keys=True)


def test_an_audit_gives_the_same_report_with_vectors_in_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(vectors.DIR_ENV, raising=False)
    in_ram = _report(DEMO)
    folder = tmp_path / "vectors"
    folder.mkdir()
    monkeypatch.setenv(vectors.DIR_ENV, str(folder))
    monkeypatch.setattr(vectors, "MMAP_MIN_ROWS", 0)
    monkeypatch.setattr(vectors, "BLOCK_ROWS", 16)
    made: list[int] = []
    real_init = vectors.VectorStore.__init__

    def counting_init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_init(self, *args, **kwargs)
        made.append(self.dim)

    monkeypatch.setattr(vectors.VectorStore, "__init__", counting_init)
    mapped = _report(DEMO)
    assert len(made) >= 3  # claims' vectors, the kept claims' rows, the facts' masked texts
    assert mapped == in_ram and json.loads(mapped)["findings"]
    assert _files(folder) == []
