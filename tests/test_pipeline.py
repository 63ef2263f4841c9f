from pathlib import Path

import pytest

from factcheck.corpus import load_corpus
from factcheck.pipeline import AuditConfig, audit, audit_articles
from tests.fakes import FakeEmbedder, FakeNLI


def _pairs_of(result, kind="contradiction"):
    return [(f, {c.article for c in f.claims}) for f in result.findings if f.kind == kind]


def _has(result, check, articles, kind="contradiction"):
    return any(check in f.checks and set(articles) <= arts for f, arts in _pairs_of(result, kind))


@pytest.mark.parametrize(
    ("check", "articles"),
    [
        ("date", {"03_suara_priangan.md", "01_kabar_nusantara.md"}),  # 1 vs 2 October
        ("place", {"04_harian_pasundan.txt", "01_kabar_nusantara.md"}),  # Tegalluar vs Halim
        ("number", {"03_suara_priangan.md", "05_berita_parahyangan.txt"}),  # 300 vs 350 km/jam
        ("number", {"02_warta_ekonomi_kita.md", "05_berita_parahyangan.txt"}),  # US$6,07 vs 7,3 miliar
        ("attribution", {"01_kabar_nusantara.md", "02_warta_ekonomi_kita.md"}),  # Erick vs Luhut
    ],
)
def test_planted_conflicts_are_found(demo_audit, check, articles):
    assert _has(demo_audit, check, articles), [f.reason for f, _ in _pairs_of(demo_audit)]


def test_weekday_error_is_an_internal_finding(demo_audit):
    internal = [f for f in demo_audit.findings if f.kind == "internal" and "weekday" in f.checks]
    assert [(f.claims[0].article, f.claims[0].line) for f in internal] == [("02_warta_ekonomi_kita.md", 9)]
    assert "Senin, not a Selasa" in internal[0].reason


def test_plan_versus_outcome_is_not_a_contradiction(demo_audit):
    # 06 says the line was planned for 2019 and for August 2023; the others report October 2023.
    plans = [c for c in demo_audit.claims if c.article == "06_ruang_publik.md" and c.modality.kind == "plan"]
    assert any("2019" in c.text for c in plans) and any("Agustus 2023" in c.text for c in plans)
    for f, _ in _pairs_of(demo_audit):
        assert not ({c.id for c in f.claims} & {c.id for c in plans} and "date" in f.checks), f.reason


def test_corroborations_group_several_sources(demo_audit):
    corro = [f for f in demo_audit.findings if f.kind == "corroboration"]
    assert corro and max(f.sources for f in corro) >= 3
    assert all(len({c.article for c in f.claims}) == len(f.claims) for f in corro)  # one claim per source


def test_findings_are_ranked_and_quotes_are_exact(demo_audit):
    contra = [f for f in demo_audit.findings if f.kind == "contradiction"]
    assert [f.score for f in contra] == sorted((f.score for f in contra), reverse=True)
    assert contra[0].severity == "high"
    for f in demo_audit.findings:
        for c in f.claims:
            text = Path(c.path).read_text(encoding="utf-8")
            assert text[c.start : c.end] == c.text
            assert c.text in text.splitlines()[c.line - 1]


def _synthetic_corpus(tmp_path: Path, n: int) -> Path:
    """``n`` articles about one event (the same bridge opened in one city), figures varying."""
    for i in range(n):
        city = "Bandung"
        body = (
            f"Gubernur meresmikan Jembatan Sukajadi di {city} pada Senin (2/10/2023) di depan {200 + i} undangan. "
            f"Jembatan itu memiliki panjang {100 + i} meter dan menelan biaya Rp {i + 5} miliar. "
            f"Menurut dinas pekerjaan umum, jembatan ini dibangun selama {i + 1} bulan oleh kontraktor lokal. "
            f"Sebanyak {300 + i} warga {city} menyambut baik jembatan tersebut karena memperlancar arus lalu lintas.\n"
        )
        (tmp_path / f"art{i:03d}.txt").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("n_articles", [10, 40])
def test_number_of_pairs_grows_linearly(tmp_path, n_articles):
    corpus = _synthetic_corpus(tmp_path, n_articles)
    nli = FakeNLI()
    config = AuditConfig(top_k=3, min_similarity=0.0)
    result = audit([corpus], scorer=nli, embedder=FakeEmbedder(), config=config)
    n_claims = len(result.claims)
    assert len(result.pairs) <= 2 * config.top_k * n_claims  # top-k embedding partners plus slot partners
    texts = {(c.text, d.text) for p in result.pairs for c, d in _both(result.claims[p.a], result.claims[p.b])}
    assert nli.calls == len(texts)  # each distinct (premise, hypothesis) scored once
    all_cross_pairs = n_claims * (n_claims - 4) // 2
    assert len(result.pairs) < all_cross_pairs


def test_focus_only_pairs_new_articles(tmp_path):
    corpus = _synthetic_corpus(tmp_path, 8)
    arts = load_corpus([corpus])
    result = audit_articles(
        arts, scorer=FakeNLI(), embedder=FakeEmbedder(), config=AuditConfig(min_similarity=0.0), focus={"art007.txt"}
    )
    assert result.pairs
    for p in result.pairs:
        assert "art007.txt" in {result.claims[p.a].article, result.claims[p.b].article}


def test_fewer_than_two_articles_is_an_input_error(tmp_path):
    from factcheck.errors import InputError

    corpus = _synthetic_corpus(tmp_path, 1)
    with pytest.raises(InputError, match="at least 2"):
        audit([corpus], scorer=FakeNLI(), embedder=FakeEmbedder())


def test_relative_date_that_clashes_with_its_absolute_date(tmp_path):
    from factcheck.corpus import load_corpus
    from factcheck.pipeline import extract_all
    from factcheck.scoring import internal_checks

    (tmp_path / "a.md").write_text(
        "---\npublished: 2023-10-03\n---\n"
        "Presiden meresmikan kereta cepat itu kemarin (1/10/2023) di Stasiun Halim, Jakarta Timur. "
        "Kereta itu melaju hingga 350 km/jam dan melayani empat stasiun di sepanjang jalur Jakarta-Bandung.\n",
        encoding="utf-8",
    )
    arts = load_corpus([tmp_path])
    problems = internal_checks(extract_all(arts), {a.id: a for a in arts})
    assert [(p.kind, p.reason) for _, p in problems] == [
        (
            "relative-date",
            "“kemarin” means 2 Oktober 2023 for an article published 3 Oktober 2023, but the text gives 1 Oktober 2023",
        )
    ]


def _both(a, b):
    return ((a, b), (b, a))


def test_pairs_not_sent_to_nli_are_neutral_whatever_the_scores(demo_audit):
    """The NLI gate (scoring.needs_nli) only skips pairs whose verdict cannot depend on the model:
    judged with the most extreme scores, every skipped pair of the demo corpus stays neutral."""
    import numpy as np

    from factcheck.pipeline import nli_needed
    from factcheck.scoring import Thresholds, judge_pair

    r = demo_audit
    by_id = {a.id: a for a in r.articles}
    needed = nli_needed(r.claims, r.pairs, Thresholds())
    skipped = [p for p, n in zip(r.pairs, needed, strict=True) if not n]
    assert skipped and len(skipped) < len(r.pairs)  # the gate does something on the demo, not everything
    extremes = [np.array(v, dtype=np.float32) for v in ((1, 0, 0), (0, 0, 1), (0.5, 0, 0.5))]
    for p in skipped:
        for ab in extremes:
            for ba in extremes:
                v = judge_pair(r.claims[p.a], r.claims[p.b], p, ab, ba, by_id, Thresholds())
                assert v.label == "neutral", (r.claims[p.a].text, r.claims[p.b].text)
    assert r.stats["nli_calls"] == 2 * sum(needed)


def test_check_aligns_only_the_new_articles_events_and_finds_what_the_audit_finds(tmp_path):
    """`check` (a focus) builds the facts of the events the new article is in, nothing else, and
    those facts are the audit's: facts are per event."""
    from benchmarks.multievent import generate as gen

    folder = tmp_path / "corpus"
    gen.generate(folder, 40, seed=3)
    articles = load_corpus([folder])
    full = audit_articles(articles, scorer=FakeNLI(), embedder=FakeEmbedder())
    new = articles[-1].id
    focused = audit_articles(articles, scorer=FakeNLI(), embedder=FakeEmbedder(), focus={new})
    touched = {c.event for c in full.claims if c.article == new}
    assert len({f.event for f in full.facts}) > len(touched)  # the corpus has other events with facts
    assert {f.event for f in focused.facts} <= touched
    assert [f.to_json(focused.claims) for f in focused.facts] == [
        f.to_json(full.claims) for f in full.facts if f.event in touched
    ]


@pytest.mark.parametrize(
    ("word", "detail"),
    [("rencana", False), ("guna", False), ("untuk", False), ("satelit", True), ("rudal", True)],
)
def test_words_that_say_how_a_fact_is_put_carry_no_detail(word: str, detail: bool) -> None:
    # two sentences that both announce a plan "guna" something share how they are put, not a fact:
    # the roots of modality and purpose cues ("berencana", "direncanakan", "guna") never count as
    # the shared details that make a corroboration
    from factcheck.scoring import is_detail

    assert is_detail(word) is detail
