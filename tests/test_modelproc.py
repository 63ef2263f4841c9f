"""The model process of a check (:mod:`factcheck.modelproc`): its answers are the numbers this process
would compute, and a check works as before when there is no process or it fails."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

from factcheck import modelproc
from factcheck.modelproc import PRELOAD_ENV, Spec, read_message, remote, serves, serving, write_message
from tests.fakes import FakeEmbedder


@pytest.fixture
def preload_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRELOAD_ENV, "on")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)


def test_messages_keep_their_bounds_through_a_pipe() -> None:
    big = np.arange(400_000, dtype=np.float32)  # 1.6 MB: many pipe buffers, read in pieces
    r, w = os.pipe()

    def send() -> None:
        write_message(w, ("ok", big))
        write_message(w, ("ok", [["a", "b"]]))
        os.close(w)

    t = threading.Thread(target=send)
    t.start()
    try:
        status, value = read_message(r)
        assert status == "ok" and np.array_equal(value, big)
        assert read_message(r) == ("ok", [["a", "b"]])
        with pytest.raises(EOFError):
            read_message(r)
    finally:
        t.join()
        os.close(r)


def test_no_process_when_switched_off_on_one_cpu_or_nothing_is_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setenv(PRELOAD_ENV, "off")
    assert not modelproc.preload_enabled()
    monkeypatch.setenv(PRELOAD_ENV, "on")
    assert modelproc.preload_enabled()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not modelproc.preload_enabled()  # the child would compete with the check, not run beside it
    with serving(Spec(embedder=True)) as proc:
        assert proc is None and not serves("embedder") and remote("embed", ["x"]) is None
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    with serving(Spec()) as proc:
        assert proc is None


def test_a_failing_child_leaves_the_work_to_this_process(preload_on: None, tmp_path) -> None:
    """A tagger folder that is no tagger: the child cannot load it, the call returns None (the caller
    computes, and raises its own clear error), and the process is stopped."""
    bad = str(tmp_path)
    with serving(Spec(tagger_dir=bad)) as proc:
        assert proc is not None and serves("tagger", bad) and not serves("tagger", bad + "x")
        assert not serves("embedder") and not serves("nli")
        assert remote("tag", bad, [["Hujan", "turun"]]) is None
        assert not proc.alive and not serves("tagger", bad)
        assert remote("tag", bad, [["Hujan"]]) is None
    from factcheck.ner import EntityTagger, TaggerError

    with pytest.raises(TaggerError, match="not an entity tagger"):
        EntityTagger(bad)


def test_a_child_that_dies_leaves_the_work_to_this_process(preload_on: None, tmp_path) -> None:
    with serving(Spec(tagger_dir=str(tmp_path))) as proc:
        assert proc is not None
        proc._proc.kill()  # type: ignore[union-attr]
        assert remote("tag", str(tmp_path), [["a"]]) is None and not proc.alive


def test_the_check_asks_only_for_the_models_it_uses(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from factcheck.cli_ci import preload_spec
    from factcheck.embed import TorchE5Embedder
    from factcheck.ner import default_model_dir

    monkeypatch.setenv("FACTCHECK_NER", "on")
    spec = preload_spec("default", TorchE5Embedder())
    assert spec == Spec(str(default_model_dir()), embedder=True, nli=True, nli_model=None)
    monkeypatch.setenv("FACTCHECK_NER", "off")
    assert not preload_spec(str(tmp_path), FakeEmbedder()).wanted()  # no tagger, a fake embedder, an unknown model
    assert not preload_spec("default", FakeEmbedder()).tagger_dir


@pytest.mark.model
def test_the_child_gives_the_numbers_this_process_gives(preload_on: None) -> None:
    """Tagger, embedder and NLI model answered by the child, then computed here: the same bits."""
    from factcheck.ci import LazyScorer
    from factcheck.embed import TorchE5Embedder
    from factcheck.ner import EntityTagger
    from factcheck.nli import load_scorer, scorer_name

    words = [["Wali", "Kota", "Rina", "Hapsari", "meresmikan", "jembatan", "di", "Kedungsari"], ["Floods", "hit"]]
    texts = ["Jembatan Kedungsari diresmikan pada Senin.", "The bridge in Marlow opened on Monday."]
    pairs = [(texts[0], "Jembatan itu diresmikan pada Selasa."), (texts[1], "The bridge opened.")]
    tagger, embedder = EntityTagger(), TorchE5Embedder()
    name = scorer_name(None)
    assert name is not None
    scorer = LazyScorer(name, load_scorer)
    spec = Spec(tagger_dir=str(tagger.model_dir), embedder=True, nli=True)
    with serving(spec) as proc:
        assert proc is not None
        tags, vectors, probs = tagger._probs(words), embedder.encode(texts), scorer.predict(pairs)
        assert proc.alive  # every answer came from the child
    assert not scorer.loaded and embedder._model is None  # nothing was loaded in this process
    for got, want in zip(tags, tagger.local_probs(words), strict=True):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(vectors, embedder.local_encode(texts))
    np.testing.assert_array_equal(probs, load_scorer().predict(pairs))
