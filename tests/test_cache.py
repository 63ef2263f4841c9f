"""The SQLite score cache: round trips, invalidation, warm runs, concurrency and crash safety."""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

import factcheck
from factcheck.attributes import slot_facts
from factcheck.cache import SQLiteCache, default_cache_path, entry_key
from factcheck.pipeline import audit
from tests.fakes import FakeEmbedder, FakeNLI

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

ARTICLE_A = """---
title: Menteri Resmikan Gedung Sekolah Baru di Bogor
published: 2024-03-04
---
Menteri Pendidikan Budi Santoso meresmikan gedung baru SD Negeri Cibinong di Kota Bogor pada hari Senin (4 Maret 2024).

Gedung baru itu memiliki dua belas ruang kelas dan sebuah perpustakaan yang dapat menampung ratusan siswa setiap hari.

"Sekolah ini menjadi contoh pembangunan pendidikan di daerah," kata Budi Santoso kepada wartawan.
"""
ARTICLE_B = """---
title: Gedung SD Negeri Cibinong Diresmikan
published: 2024-03-04
---
Menteri Pendidikan Budi Santoso meresmikan gedung baru SD Negeri Cibinong di Kota Bogor pada Senin (4 Maret 2024) pagi.

Gedung baru itu memiliki dua belas ruang kelas serta perpustakaan yang dapat menampung ratusan siswa setiap hari.

Para guru dan orang tua murid menyambut gembira peresmian gedung sekolah yang baru itu.
"""
ARTICLE_C = """---
title: Sekolah Baru Cibinong Mulai Dipakai
published: 2024-03-05
---
Menteri Pendidikan Budi Santoso meresmikan gedung baru SD Negeri Cibinong di Kota Bogor pada hari Selasa (5 Maret 2024).

Gedung baru itu memiliki sepuluh ruang kelas dan sebuah perpustakaan yang dapat menampung ratusan siswa setiap hari.

Kepala sekolah mengatakan kegiatan belajar mengajar di gedung baru akan dimulai pekan depan setelah perabot tiba.
"""


class CountingEmbedder(FakeEmbedder):
    """FakeEmbedder that counts the texts it encodes."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return super().encode(texts)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in (("a.txt", ARTICLE_A), ("b.txt", ARTICLE_B), ("c.txt", ARTICLE_C)):
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def cache(tmp_path: Path):
    with SQLiteCache(tmp_path / "cache" / "scores.sqlite") as c:
        yield c


def test_round_trip_float32_and_misses(cache: SQLiteCache) -> None:
    vecs = np.array([[0.1, 0.2, 0.3, 0.4], [1.0, 0.0, -1.0, 0.5]], dtype=np.float64)
    cache.put_embeddings("emb", ["satu", "dua"], vecs)
    got = cache.get_embeddings("emb", ["dua", "tiga", "satu"])
    assert got[1] is None
    assert got[0] is not None and got[0].dtype == np.float32
    np.testing.assert_array_equal(got[0], vecs[1].astype(np.float32))
    np.testing.assert_array_equal(got[2], vecs[0].astype(np.float32))

    probs = np.array([[0.7, 0.2, 0.1]], dtype=np.float32)
    cache.put_nli("nli", [("premis", "hipotesis")], probs)
    hit, miss = cache.get_nli("nli", [("premis", "hipotesis"), ("hipotesis", "premis")])
    assert miss is None
    np.testing.assert_array_equal(hit, probs[0])


def test_keys_depend_on_model_pipeline_and_kind(cache: SQLiteCache, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.put_nli("model@rev1", [("a", "b")], np.ones((1, 3), dtype=np.float32))
    assert cache.get_nli("model@rev2", [("a", "b")]) == [None]
    assert cache.get_embeddings("model@rev1", ["a"]) == [None]
    assert entry_key("nli", "m", ("ab", "c")) != entry_key("nli", "m", ("a", "bc"))
    monkeypatch.setattr(factcheck, "PIPELINE_VERSION", "999")
    monkeypatch.setattr("factcheck.cache.PIPELINE_VERSION", "999")
    assert cache.get_nli("model@rev1", [("a", "b")]) == [None]


def test_shape_mismatch_is_a_programming_error(cache: SQLiteCache) -> None:
    with pytest.raises(ValueError, match="shape"):
        cache.put_nli("m", [("a", "b")], np.ones((2, 3), dtype=np.float32))
    with pytest.raises(ValueError, match="vectors"):
        cache.put_embeddings("m", ["a", "b"], np.ones((1, 4), dtype=np.float32))


def test_second_run_computes_nothing(corpus: Path, cache: SQLiteCache) -> None:
    nli, emb = FakeNLI(), CountingEmbedder()
    first = audit([corpus], scorer=nli, embedder=emb, cache=cache)
    # every claim once, and each distinct masked fact (factcheck.attributes) once
    masked = {t for f in slot_facts(first.claims, {a.id: a for a in first.articles}) for t in f.texts}
    assert first.nli_computed == nli.calls > 0 and emb.calls == len(first.claims) + len(masked) > len(first.claims)
    nli2, emb2 = FakeNLI(), CountingEmbedder()
    second = audit([corpus], scorer=nli2, embedder=emb2, cache=cache)
    assert (nli2.calls, emb2.calls, second.nli_computed) == (0, 0, 0)
    assert [f.reason for f in second.findings] == [f.reason for f in first.findings]
    assert [f.score for f in second.findings] == [f.score for f in first.findings]


def test_changed_file_recomputes_only_its_claims(corpus: Path, cache: SQLiteCache) -> None:
    audit([corpus], scorer=FakeNLI(), embedder=CountingEmbedder(), cache=cache)
    changed = ARTICLE_C.replace("pekan depan setelah perabot tiba", "bulan depan setelah seluruh perabot tiba")
    (corpus / "c.txt").write_text(changed, encoding="utf-8")
    nli, emb = FakeNLI(), CountingEmbedder()
    result = audit([corpus], scorer=nli, embedder=emb, cache=cache)
    edited = next(i for i, c in enumerate(result.claims) if "bulan depan" in c.text)
    arts = {a.id: a for a in result.articles}
    masked = {t for f in slot_facts(result.claims, arts) if f.claim == edited for t in f.texts}
    assert masked  # the edited sentence announces a date: its masked form is new too
    assert emb.calls == 1 + len(masked)  # the one edited sentence (and its masked form), nothing else
    touching = [p for p in result.pairs if edited in (p.a, p.b)]
    assert nli.calls == result.nli_computed == 2 * len(touching)  # both directions, nothing else
    assert result.stats["nli_calls"] > nli.calls


def test_new_model_name_invalidates(corpus: Path, cache: SQLiteCache) -> None:
    first = audit([corpus], scorer=FakeNLI(), embedder=FakeEmbedder(), cache=cache)
    other = FakeNLI()
    other.name = "fake-nli@other-revision"
    second = audit([corpus], scorer=other, embedder=FakeEmbedder(), cache=cache)
    assert other.calls == second.nli_computed == first.nli_computed > 0


_WRITER = textwrap.dedent(
    """
    import sys
    import numpy as np
    from factcheck.cache import SQLiteCache

    cache = SQLiteCache(sys.argv[1])
    tag, rounds = sys.argv[2], int(sys.argv[3])
    for r in range(rounds):
        pairs = [(f"premis {tag} {r} {i}", f"hipotesis {i}") for i in range(300)]
        cache.put_nli("m", pairs, np.full((300, 3), 1 / 3, dtype=np.float32))
        cache.put_embeddings("e", [f"teks {tag} {r} {i}" for i in range(300)], np.ones((300, 384), np.float32))
        print(r, flush=True)
    cache.close()
    """
)


def _writer(path: Path, tag: str, rounds: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path), tag, str(rounds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_run_killed_mid_write_leaves_a_usable_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    child = _writer(path, "killed", 100_000)
    assert child.stdout is not None
    for _ in range(3):  # a few batches committed, more on the way
        assert child.stdout.readline().strip() != "", child.stderr.read() if child.stderr else ""
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    if child.stderr:
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    with SQLiteCache(path) as cache:
        assert cache.get_nli("m", [("premis killed 0 0", "hipotesis 0")])[0] is not None
        cache.put_nli("m", [("baru", "lagi")], np.ones((1, 3), dtype=np.float32))
        assert cache.get_nli("m", [("baru", "lagi")])[0] is not None
        assert cache.info().total > 600


def test_concurrent_runs_share_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    children = [_writer(path, f"w{i}", 5) for i in range(3)]
    for child in children:
        _stdout, stderr = child.communicate(timeout=120)
        assert child.returncode == 0, stderr
    with SQLiteCache(path) as cache:
        counts = {kind: n for kind, _, _, n in cache.info().rows}
    assert counts == {"embedding": 3 * 5 * 300, "nli": 3 * 5 * 300}


def test_damaged_file_is_set_aside(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    with caplog.at_level(logging.WARNING, logger="factcheck.cache"), SQLiteCache(path) as cache:
        cache.put_embeddings("e", ["x"], np.ones((1, 4), np.float32))
        assert cache.get_embeddings("e", ["x"])[0] is not None
    assert "damaged" in caplog.text
    assert list(tmp_path.glob("cache.sqlite.corrupt-*"))


def test_old_schema_is_emptied(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with SQLiteCache(path) as cache:
        cache.put_embeddings("e", ["x"], np.ones((1, 4), np.float32))
        cache._conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    with SQLiteCache(path) as cache:
        assert cache.get_embeddings("e", ["x"]) == [None]


def test_failure_mid_run_degrades_to_no_cache(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    cache.close()  # every later call fails inside sqlite3
    with caplog.at_level(logging.WARNING, logger="factcheck.cache"):
        cache.put_nli("m", [("a", "b")], np.ones((1, 3), np.float32))
        assert cache.get_nli("m", [("a", "b")]) == [None]
    assert caplog.text.count("continuing without the cache") == 1


def test_default_path_and_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_CACHE", raising=False)
    assert default_cache_path() == Path(".factcheck/cache.sqlite")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "x.sqlite"))
    assert default_cache_path() == tmp_path / "x.sqlite"


def test_cache_info_and_clear_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.cli_ci import register

    app = typer.Typer()
    register(app)
    path = tmp_path / "c.sqlite"
    monkeypatch.setenv("FACTCHECK_CACHE", str(path))
    result = runner.invoke(app, ["cache", "info"], terminal_width=200)
    assert result.exit_code == 0 and "no cache at" in result.stdout
    with SQLiteCache(path) as cache:
        cache.put_embeddings("emb-model", ["a", "b"], np.ones((2, 4), np.float32))
        cache.put_nli("nli-model@1", [("a", "b")], np.ones((1, 3), np.float32))
    result = runner.invoke(app, ["cache", "info"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "emb-model" in result.stdout and "nli-model@1" in result.stdout and "3 entries" in result.stdout
    result = runner.invoke(app, ["cache", "clear", "--stale"], terminal_width=200)
    assert result.exit_code == 0 and "cleared 0 entries" in result.stdout
    result = runner.invoke(app, ["cache", "clear", "--cache", str(path)], terminal_width=200)
    assert result.exit_code == 0 and "cleared 3 entries" in result.stdout
    with SQLiteCache(path) as cache:
        assert cache.info().total == 0


# ------------------------------------------------------------------ claims
def test_claims_are_extracted_once_per_article_version(
    corpus: Path, cache: SQLiteCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.pipeline as pipeline
    from factcheck.corpus import load_corpus

    extracted: list[str] = []
    real = pipeline.extract_claims

    def counting(article):
        extracted.append(article.id)
        return real(article)

    monkeypatch.setattr(pipeline, "extract_claims", counting)
    first = pipeline.extract_all(load_corpus([corpus]), cache=cache)
    assert sorted(extracted) == ["a.txt", "b.txt", "c.txt"]
    extracted.clear()
    again = pipeline.extract_all(load_corpus([corpus]), cache=cache)
    assert extracted == [] and again == first  # the same claims, aliases resolved the same way
    (corpus / "c.txt").write_text(ARTICLE_C.replace("sepuluh", "sebelas"), encoding="utf-8")
    third = pipeline.extract_all(load_corpus([corpus]), cache=cache)
    assert extracted == ["c.txt"]  # only the edited article
    assert any("sebelas" in c.text for c in third) and not any("sepuluh" in c.text for c in third)
    assert third == pipeline.extract_all(load_corpus([corpus]))  # what a run without a cache finds


def test_claims_key_carries_the_extractor(corpus: Path, cache: SQLiteCache, monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.cache as cache_mod
    from factcheck.corpus import load_corpus

    arts = load_corpus([corpus])
    cache.put_claims(arts[:1], [["anything"]])
    assert cache.get_claims(arts[:1]) == [["anything"]]
    monkeypatch.setattr(cache_mod, "extractor_digest", lambda: "other-code")
    assert cache.get_claims(arts[:1]) == [None]  # new code or language data: extracted again


def test_cached_claims_never_run_code(corpus: Path, cache: SQLiteCache, caplog: pytest.LogCaptureFixture) -> None:
    """A planted entry that would call a function when unpickled is refused: extracted again."""
    import pickle

    from factcheck.cache import article_key, entry_key, extractor_digest
    from factcheck.corpus import load_corpus

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned > /dev/null",))

    arts = load_corpus([corpus])
    key = entry_key("claims", extractor_digest(), (article_key(arts[0]),))
    cache._put("claims", extractor_digest(), [key], [pickle.dumps([Evil()])])
    with caplog.at_level(logging.WARNING):
        assert cache.get_claims(arts[:1]) == [None]
    assert "not allowed in cached claims" in caplog.text


def test_snapshots_live_in_a_rowid_table_and_the_first_layout_is_dropped(tmp_path: Path) -> None:
    """A WITHOUT ROWID table copies a large row on page splits once it sits in an interior page:
    storing one 10,000-article snapshot took minutes. The old table goes; snapshots are rebuilt."""
    path = tmp_path / "c.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE snapshots (key TEXT NOT NULL, part TEXT NOT NULL, value BLOB NOT NULL, "
            "created REAL NOT NULL, PRIMARY KEY (key, part)) WITHOUT ROWID"
        )
        conn.execute("INSERT INTO snapshots VALUES ('k', 'main', x'00', 1.0)")
    cache = SQLiteCache(path)
    try:
        tables = dict(cache._conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
        assert "snapshots" not in tables and "WITHOUT ROWID" not in tables["snapshot_parts"].upper()
        assert cache.get_snapshot("k", "main") is None
        big = os.urandom(3_000_000)
        cache.put_snapshot("k", {"main": big, **{f"event:E{i}": bytes([i % 256]) * 5000 for i in range(300)}})
        cache.put_snapshot("k2", {"main": b"2"})
        cache.put_snapshot("k", {"main": big[::-1]})  # replaces every part of its key
        assert cache.get_snapshot("k", "main") == big[::-1] and cache.get_snapshot("k", "event:E7") is None
        cache.put_snapshot("k3", {"main": b"3"})  # KEEP_SNAPSHOTS = 2: the oldest (k2) goes
        assert cache.get_snapshot("k2", "main") is None and cache.get_snapshot("k3", "main") == b"3"
    finally:
        cache.close()
