"""Corpus snapshots (:mod:`factcheck.snapshot`): a warm ``check`` reuses the corpus-wide steps."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import factcheck.ci as ci
import factcheck.pipeline as pipeline
import factcheck.snapshot as snapshot
from factcheck.cache import SQLiteCache
from factcheck.ci import DEFAULT_CONFIG, CheckOutcome, check_articles, select_inputs, snapshot_lookup, to_json
from tests.fakes import FakeEmbedder, FakeNLI

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


@pytest.fixture(autouse=True)
def small_bases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots for the small corpora of these tests (by default only from MIN_BASE articles)."""
    monkeypatch.setattr(snapshot, "MIN_BASE", 2)


def test_small_corpus_takes_the_full_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "MIN_BASE", 200)
    corpus = _copy(DEMO, tmp_path)
    new = corpus / "06_ruang_publik.md"
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    _check(new, corpus, cache)
    assert not _check(new, corpus, cache)[1]
    assert cache._conn.execute("SELECT COUNT(*) FROM snapshot_parts").fetchone()[0] == 0


def _copy(src: Path, tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(src, corpus)
    return corpus


def _check(new: Path, corpus: Path, cache: SQLiteCache | None) -> tuple[CheckOutcome, bool]:
    emb = FakeEmbedder()
    lookup = snapshot_lookup(cache, DEFAULT_CONFIG, emb.name) if cache is not None else None
    inputs = select_inputs([new], corpus, snapshot=lookup)
    return check_articles(inputs, scorer=FakeNLI(), embedder=emb, cache=cache), inputs.state is not None


def _findings(outcome: CheckOutcome) -> list[tuple[Any, ...]]:
    return [(f["fingerprint"], f["severity"], f["score"], f["status"]) for f in to_json(outcome)["findings"]]


def _report(outcome: CheckOutcome) -> str:
    return json.dumps(to_json(outcome), ensure_ascii=False, indent=2)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gen") / "corpus"
    cmd = [sys.executable, "-m", "benchmarks.multievent.generate", str(folder), "--articles", "120", "--seed", "7"]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return folder


def test_demo_snapshot_reused_and_findings_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _copy(DEMO, tmp_path)
    new = corpus / "06_ruang_publik.md"
    full, _ = _check(new, corpus, None)
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    cold, loaded = _check(new, corpus, cache)
    assert not loaded
    assert _findings(cold) == _findings(full)
    assert cold.exit_code == full.exit_code

    # warm: no corpus-wide step runs, and only the new file is read
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a corpus-wide step ran")

    read: list[Any] = []
    real_load = ci.load_corpus
    monkeypatch.setattr(pipeline, "organise", boom)
    monkeypatch.setattr(pipeline, "extract_all", boom)

    def counting_load(paths: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(list(paths))
        return real_load(paths, *args, **kwargs)

    monkeypatch.setattr(ci, "load_corpus", counting_load)
    warm, loaded = _check(new, corpus, cache)
    assert loaded and warm.result.claim_counts is not None  # placed, not the full path
    assert [Path(p).name for ps in read for p in ps] == [new.name, new.name]
    assert _findings(warm) == _findings(full)
    again, _ = _check(new, corpus, cache)
    assert _report(again) == _report(warm)  # byte-identical on a rerun


def test_changed_corpus_file_invalidates_the_snapshot(tmp_path: Path) -> None:
    corpus = _copy(DEMO, tmp_path)
    new = corpus / "06_ruang_publik.md"
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    _check(new, corpus, cache)
    assert _check(new, corpus, cache)[1]
    other = corpus / "02_warta_ekonomi_kita.md"
    other.write_text(other.read_text(encoding="utf-8").replace("2023", "2022", 1), encoding="utf-8")
    changed, loaded = _check(new, corpus, cache)
    assert not loaded  # stale: computed again and stored
    full, _ = _check(new, corpus, None)
    assert _findings(changed) == _findings(full)
    assert _check(new, corpus, cache)[1]
    (corpus / "03_suara_priangan.md").unlink()  # a file gone: another base, no snapshot for it
    assert not _check(new, corpus, cache)[1]


def test_same_content_new_mtime_still_matches(tmp_path: Path) -> None:
    corpus = _copy(DEMO, tmp_path)
    new = corpus / "06_ruang_publik.md"
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    _check(new, corpus, cache)
    other = corpus / "02_warta_ekonomi_kita.md"
    other.write_bytes(other.read_bytes())  # a fresh checkout: same bytes, new mtime
    assert _check(new, corpus, cache)[1]


def test_corrupted_snapshot_is_ignored_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus = _copy(DEMO, tmp_path)
    new = corpus / "06_ruang_publik.md"
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    first, _ = _check(new, corpus, cache)
    cache._conn.execute("UPDATE snapshot_parts SET value = ? WHERE part = 'main'", (b"\x80\x05garbage",))
    with caplog.at_level(logging.WARNING):
        again, loaded = _check(new, corpus, cache)
    assert not loaded
    assert "unreadable corpus snapshot" in caplog.text
    assert _findings(again) == _findings(first)
    cache._conn.execute("UPDATE snapshot_parts SET value = ? WHERE part LIKE 'event:%'", (b"\x80\x05garbage",))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        third, loaded = _check(new, corpus, cache)
    assert loaded and "unreadable corpus snapshot" in caplog.text
    assert _findings(third) == _findings(first)
    assert not _check(new, corpus, cache)[1]  # the damaged snapshot was dropped, then stored again
    assert _check(new, corpus, cache)[1]


@pytest.mark.parametrize("name", ["0119", "0060", "0000"])
def test_generated_corpus_findings_equal(generated: Path, tmp_path: Path, name: str) -> None:
    corpus = _copy(generated, tmp_path)
    new = next(p for p in sorted(corpus.iterdir()) if p.name.startswith(name))
    full, _ = _check(new, corpus, None)
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    cold, _ = _check(new, corpus, cache)
    warm, loaded = _check(new, corpus, cache)
    assert loaded and warm.result.claim_counts is not None  # placed, not the full path
    assert _findings(full) == _findings(cold) == _findings(warm)
    assert _report(warm) == _report(_check(new, corpus, cache)[0])


def test_new_article_before_the_source_it_copies(generated: Path, tmp_path: Path) -> None:
    """The new article is the first copy of a source: the source takes its id, as in a full run."""
    from factcheck.corpus import load_corpus
    from factcheck.sources import find_sources

    corpus = _copy(generated, tmp_path)
    copies = find_sources(load_corpus([corpus])).copies()
    assert copies
    first = next(iter(copies.values()))[0]
    new = corpus / first
    full, _ = _check(new, corpus, None)
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    _check(new, corpus, cache)
    warm, loaded = _check(new, corpus, cache)
    assert loaded and warm.result.claim_counts is not None  # placed, not the full path
    assert warm.result.stats == full.result.stats
    assert to_json(warm)["copies"] == to_json(full)["copies"]
    assert _findings(warm) == _findings(full)


def test_tagger_and_lexicon_are_part_of_the_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With an entity tagger in force the placed check types and splits names as the full path does
    (same findings, same entity keys), and another tagger or a user lexicon is another snapshot."""
    import factcheck.ner as ner
    from factcheck.lexicon import Lexicon, use
    from tests.fakes import FakeTagger

    tagger = FakeTagger({"Joko Widodo": "PER", "Stasiun Halim": "LOC", "Stasiun Tegalluar": "LOC"})
    monkeypatch.setenv("FACTCHECK_NER", "on")
    monkeypatch.setattr(ner, "default_tagger", lambda: tagger if ner.tagger_enabled() else None)
    corpus = _copy(DEMO, tmp_path)
    new = corpus / "06_ruang_publik.md"
    full, _ = _check(new, corpus, None)
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    _check(new, corpus, cache)
    warm, loaded = _check(new, corpus, cache)
    assert loaded and tagger.calls > 0
    assert _findings(warm) == _findings(full)
    assert warm.result.model["entities"] == full.result.model["entities"] == "fake-tagger"

    def keys(outcome: CheckOutcome) -> list[tuple[str, frozenset[str]]]:
        return sorted((c.id, c.entity_keys) for c in outcome.result.claims if c.article == new.stem + ".md")

    assert keys(warm) == keys(full)
    with use(Lexicon.from_mapping({"places": ["Karawang"]})):
        assert not _check(new, corpus, cache)[1]  # a lexicon: another snapshot, computed and stored
        assert _check(new, corpus, cache)[1]
    monkeypatch.setenv("FACTCHECK_NER", "off")
    assert not _check(new, corpus, cache)[1]  # the rules alone: another snapshot


def test_people_of_the_events_are_part_of_the_placing(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With people typed by a tagger, events are told apart by whom they are about
    (:func:`factcheck.events.contrasted`); a placed article is scored against the stored events with
    the same people as the full path, so the two give the same events and findings."""
    import factcheck.ner as ner
    from tests.fakes import FakeTagger

    truth = json.loads((generated.parent / "corpus.truth.json").read_text(encoding="utf-8"))
    people = {str(f["value"]) for e in truth["events"] for f in e["facts"] if f["attribute"] == "speaker"}
    people |= {" ".join(a.split()[-2:]) for e in truth["events"] if e["type"] == "verdict" for a in e["actors"]}
    tagger = FakeTagger(dict.fromkeys(sorted(people), "PER"))
    monkeypatch.setenv("FACTCHECK_NER", "on")
    monkeypatch.setattr(ner, "default_tagger", lambda: tagger if ner.tagger_enabled() else None)
    corpus = _copy(generated, tmp_path)
    new = next(p for p in sorted(corpus.iterdir()) if p.name.startswith("0060"))
    full, _ = _check(new, corpus, None)
    assert any(c.person_keys for c in full.result.claims)
    cache = SQLiteCache(tmp_path / "cache.sqlite")
    _check(new, corpus, cache)
    warm, loaded = _check(new, corpus, cache)
    assert loaded and warm.result.claim_counts is not None  # placed, not the full path
    assert _findings(warm) == _findings(full)

    def event_of(outcome: CheckOutcome) -> set[str]:
        return {c.event for c in outcome.result.claims if c.article == new.stem + ".md"}

    assert event_of(warm) == event_of(full)


def test_event_sums_keep_what_the_linkage_reads() -> None:
    """A stored event's sums give back the cluster the clustering had: its people, names and the
    counts of its main places (two clusters are told apart by them, in a check as in an audit)."""
    from collections import Counter

    import numpy as np

    from factcheck.events import _Cluster
    from factcheck.snapshot import EventSum

    c = _Cluster(
        [0, 1, 2], np.ones(4), {"lembah hijau": 1.0}, {100: 1.0}, 3000.0, 3, {"tegal sari", "bpbd lembah hijau"},
        {"tegal sari", "lembah hijau"}, Counter({"rani wiradana": 2}), {"rani wiradana"},
        place_counts=Counter({"tegal sari": 2, "bpbd lembah hijau": 1}),
    )  # fmt: skip
    back = EventSum.of(c).cluster()
    assert back.place_counts == c.place_counts and back.people == c.people and back.names == c.names
    assert (back.places, back.lead_places, back.members) == (c.places, c.lead_places, c.members)
