"""CI mode: `factcheck check` / `baseline` exit codes, git --since, annotations, reports, baselines."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from factcheck import cli_ci
from factcheck.ci import (
    CheckInputs,
    LazyScorer,
    check_articles,
    fingerprint,
    git_changed_articles,
    github_annotations,
    normalise_claim_text,
    render_markdown,
    run_check,
    select_inputs,
    summary_line,
)
from factcheck.corpus import load_corpus
from factcheck.errors import UsageError
from tests.fakes import FakeEmbedder, FakeNLI
from tests.test_cache import ARTICLE_A, ARTICLE_B, ARTICLE_C, CountingEmbedder

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
runner = CliRunner()

#: agrees with A and B (Monday 4 March 2024)
ARTICLE_D = """---
title: Peresmian SD Negeri Cibinong
published: 2024-03-04
---
Menteri Pendidikan Budi Santoso meresmikan gedung baru SD Negeri Cibinong di Kota Bogor pada hari Senin (4 Maret 2024).

Kepala sekolah mengatakan kegiatan belajar mengajar di gedung baru akan dimulai pekan depan setelah perabot tiba.
"""
NEW_LINE = 5  # the dated sentence of C and D (after four lines of front matter)


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> typer.Typer:
    """A Typer app with the CI commands, the fakes instead of the models, the cache in tmp_path."""
    nli_calls: list[FakeNLI] = []

    def scorer(model: str) -> FakeNLI:
        nli_calls.append(FakeNLI())
        return nli_calls[-1]

    monkeypatch.setattr(cli_ci, "make_scorer", scorer)
    monkeypatch.setattr(cli_ci, "make_embedder", FakeEmbedder)
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    application = typer.Typer()
    cli_ci.register(application)
    application.scorers = nli_calls  # type: ignore[attr-defined]
    return application


def invoke(app: typer.Typer, *args: str) -> Result:
    return runner.invoke(app, list(args), terminal_width=300)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "01_kabar_kota.txt").write_text(ARTICLE_A, encoding="utf-8")
    (root / "02_warta_bogor.txt").write_text(ARTICLE_B, encoding="utf-8")
    return root


def _git(repo: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    proc = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository (the corpus folder itself) with A and B committed; cwd is the repository."""
    _git(corpus, "init", "-q")
    (corpus / ".gitignore").write_text("factcheck-report/\n", encoding="utf-8")
    _commit(corpus, "two articles agree on the date")
    monkeypatch.chdir(corpus)
    return corpus


# ---------------------------------------------------------------------------- fingerprints
def test_fingerprint_ignores_case_whitespace_and_order() -> None:
    a = fingerprint("contradiction", [("x.txt", "Rapat  digelar\nSenin."), ("y.txt", "Rapat digelar Selasa.")])
    b = fingerprint("contradiction", [("y.txt", "rapat digelar selasa."), ("x.txt", "RAPAT digelar senin.")])
    assert a == b and len(a) == 32
    assert a != fingerprint("internal", [("x.txt", "Rapat digelar Senin."), ("y.txt", "Rapat digelar Selasa.")])
    assert a != fingerprint("contradiction", [("z.txt", "Rapat digelar Senin."), ("y.txt", "Rapat digelar Selasa.")])
    assert normalise_claim_text("  Kata\u00a0Dia\t ") == "kata dia"


# ---------------------------------------------------------------------------- library
def test_run_check_library_api(corpus: Path, tmp_path: Path) -> None:
    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    outcome = run_check([new], corpus, scorer=FakeNLI(), embedder=FakeEmbedder())
    assert outcome is not None and outcome.exit_code == 1
    assert outcome.new_ids == {"03_suara_new.txt"}
    assert all("03_suara_new.txt" in {c.article for c in i.finding.claims} for i in outcome.items)
    summary = summary_line(outcome)
    assert summary.startswith("FAIL: 1 high finding: ")
    assert f"date conflict 03_suara_new.txt:{NEW_LINE} vs 01_kabar_kota.txt:5" in summary
    never = run_check([new], corpus, scorer=FakeNLI(), embedder=FakeEmbedder(), fail_on="never")
    assert never is not None and never.exit_code == 0
    assert {i.status for i in never.items if i.finding.kind == "contradiction"} == {"warn"}


def test_check_pairs_only_touch_new_articles(corpus: Path, tmp_path: Path) -> None:
    (corpus / "03_other.txt").write_text(
        ARTICLE_C.replace("Selasa (5 Maret 2024)", "Senin (4 Maret 2024)").replace(
            "published: 2024-03-05", "published: 2024-03-04"
        ),
        encoding="utf-8",
    )
    new = tmp_path / "04_agree_new.txt"
    new.write_text(ARTICLE_D, encoding="utf-8")
    nli = FakeNLI()
    inputs = select_inputs([new], corpus)
    outcome = check_articles(inputs, scorer=nli, embedder=FakeEmbedder())
    claims = outcome.result.claims
    assert outcome.result.pairs
    assert all("04_agree_new.txt" in (claims[p.a].article, claims[p.b].article) for p in outcome.result.pairs)
    assert outcome.exit_code == 0
    texts = {
        (c.text, d.text)
        for p in outcome.result.pairs
        for c, d in _both(outcome.result.claims[p.a], outcome.result.claims[p.b])
    }
    assert nli.calls == len(texts)  # each distinct (premise, hypothesis) scored once


def test_annotation_escaping(corpus: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd, name: 100%"
    odd.mkdir()
    new = odd / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    outcome = run_check([new], corpus, scorer=FakeNLI(), embedder=FakeEmbedder())
    assert outcome is not None
    lines = github_annotations(outcome, root=tmp_path)
    assert lines[0].startswith(
        f"::error file=odd%2C name%3A 100%25/03_suara_new.txt,line={NEW_LINE},title=factcheck date conflict::[high] "
    )
    assert "(other: articles/01_kabar_kota.txt:5" in lines[0]
    assert all("\n" not in line for line in lines)


def test_markdown_report_quotes_new_article_first(corpus: Path, tmp_path: Path) -> None:
    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    outcome = run_check([new], corpus, scorer=FakeNLI(), embedder=FakeEmbedder())
    assert outcome is not None
    md = render_markdown(outcome)
    assert md.startswith("### factcheck: ❌ FAIL: 1 high finding")
    assert "❌ fails the check" in md
    first_quote = next(line for line in md.splitlines() if line.startswith("> "))
    assert f"03_suara_new.txt:{NEW_LINE}` (new)" in first_quote and "**Selasa (5 Maret 2024)**" in first_quote


def test_git_changed_articles(repo: Path) -> None:
    (repo / "README.md").write_text("# Artikel\n", encoding="utf-8")
    (repo / "03_suara_new.txt").write_text(ARTICLE_C, encoding="utf-8")
    _commit(repo, "third article")
    base = _git(repo, "rev-parse", "HEAD~1").strip()
    assert [p.name for p in git_changed_articles(repo, base)] == ["03_suara_new.txt"]
    # modified, renamed, untracked, deleted, hidden
    (repo / "01_kabar_kota.txt").write_text(ARTICLE_A + "\nTambahan kalimat.\n", encoding="utf-8")
    _git(repo, "mv", "02_warta_bogor.txt", "02_renamed.txt")
    (repo / "05_untracked.md").write_text(ARTICLE_D, encoding="utf-8")
    (repo / ".hidden").mkdir()
    (repo / ".hidden" / "x.txt").write_text(ARTICLE_D, encoding="utf-8")
    (repo / "03_suara_new.txt").unlink()
    names = [p.name for p in git_changed_articles(repo, "HEAD")]
    assert names == ["01_kabar_kota.txt", "02_renamed.txt", "05_untracked.md"]


def test_since_uses_the_merge_base(repo: Path) -> None:
    _git(repo, "checkout", "-q", "-b", "feature")
    (repo / "04_agree_new.txt").write_text(ARTICLE_D, encoding="utf-8")
    _commit(repo, "feature: agreeing article")
    _git(repo, "checkout", "-q", "main")
    (repo / "03_suara_new.txt").write_text(ARTICLE_C, encoding="utf-8")
    _commit(repo, "main moves on")
    _git(repo, "checkout", "-q", "feature")
    assert [p.name for p in git_changed_articles(repo, "main")] == ["04_agree_new.txt"]


# ---------------------------------------------------------------------------- CLI
def test_since_conflicting_article_fails_with_annotation(app: typer.Typer, repo: Path) -> None:
    (repo / "03_suara_new.txt").write_text(ARTICLE_C, encoding="utf-8")
    _commit(repo, "a third article gives another date")
    result = invoke(app, "check", "--since", "HEAD~1", "--corpus", ".", "--format", "github")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"::error file=03_suara_new.txt,line={NEW_LINE},title=factcheck date conflict::")
    assert "(other: 01_kabar_kota.txt:5" in lines[0]
    assert lines[-1].startswith(
        f"FAIL: 1 high finding: date conflict 03_suara_new.txt:{NEW_LINE} vs 01_kabar_kota.txt:5"
    )
    assert "1 new" in result.stderr


def test_since_agreeing_article_passes(app: typer.Typer, repo: Path) -> None:
    (repo / "04_agree_new.txt").write_text(ARTICLE_D, encoding="utf-8")
    _commit(repo, "a third article agrees")
    result = invoke(app, "check", "--since", "HEAD~1", "--corpus", ".", "--format", "github")
    assert result.exit_code == 0, result.output
    assert "::error" not in result.stdout
    assert result.stdout.splitlines()[-1] == "OK: no contradiction at or above high in 1 new article"


def test_since_without_changes_passes_without_loading_the_model(app: typer.Typer, repo: Path) -> None:
    result = invoke(app, "check", "--since", "HEAD", "--corpus", ".")
    assert result.exit_code == 0, result.output
    assert "no new or changed articles" in result.stdout
    assert app.scorers == []  # type: ignore[attr-defined]


def test_baseline_accepts_a_conflict(app: typer.Typer, repo: Path) -> None:
    (repo / "03_suara_new.txt").write_text(ARTICLE_C, encoding="utf-8")
    _commit(repo, "a third article gives another date")
    result = invoke(app, "check", "--since", "HEAD~1", "--corpus", ".", "--format", "json,md", "--out", "rep")
    assert result.exit_code == 1
    report = json.loads(Path("rep/factcheck-check.json").read_text(encoding="utf-8"))
    assert report["version"] == 1 and report["check"]["exit_code"] == 1
    assert {"rank", "kind", "severity", "score", "reason", "checks", "nli", "claims", "fingerprint"} <= set(
        report["findings"][0]
    )
    assert Path("rep/factcheck-check.md").read_text(encoding="utf-8").startswith("### factcheck: ❌")

    result = invoke(app, "baseline", "rep/factcheck-check.json", "--out", "baseline.json")
    assert result.exit_code == 0, result.output
    n_accepted = sum(1 for f in report["findings"] if f["kind"] in ("contradiction", "internal"))
    assert f"wrote {n_accepted} accepted finding" in result.stdout
    result = invoke(app, "check", "--since", "HEAD~1", "--corpus", ".", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith(f"{n_accepted} baselined)")
    assert "baselined [high] date conflict" in result.stdout

    # the fingerprint survives line shifts and unrelated edits of the files
    shifted = ARTICLE_C.replace("---\nMenteri", "---\nBerita terkini dari Bogor hari ini.\n\nMenteri")
    (repo / "03_suara_new.txt").write_text(shifted.replace("pekan depan", "bulan depan"), encoding="utf-8")
    result = invoke(
        app, "check", "--since", "HEAD~1", "--corpus", ".", "--baseline", "baseline.json", "--format", "github"
    )
    assert result.exit_code == 0, result.output
    assert (
        f"::notice file=03_suara_new.txt,line={NEW_LINE + 2},title=factcheck date conflict (baselined)" in result.stdout
    )


def test_baseline_from_a_corpus_audit(app: typer.Typer, corpus: Path, tmp_path: Path) -> None:
    (corpus / "03_suara_new.txt").write_text(ARTICLE_C, encoding="utf-8")
    out = tmp_path / "b.json"
    result = invoke(app, "baseline", str(corpus), "--out", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "factcheck-baseline" and len(data["findings"]) >= 2
    result = invoke(app, "check", str(corpus / "03_suara_new.txt"), "--corpus", str(corpus), "--baseline", str(out))
    assert result.exit_code == 0, result.output


def test_explicit_files_and_fail_on(app: typer.Typer, corpus: Path, tmp_path: Path) -> None:
    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    result = invoke(app, "check", str(new), "--corpus", str(corpus))
    assert result.exit_code == 1
    assert result.stdout.startswith("FAIL      [high] date conflict 03_suara_new.txt:5 vs")
    result = invoke(app, "check", str(new), "--corpus", str(corpus), "--fail-on", "never", "--format", "github")
    assert result.exit_code == 0
    assert result.stdout.startswith("::warning file=")
    assert "below threshold" in result.stdout.splitlines()[-1]


def test_warm_run_computes_no_nli(app: typer.Typer, corpus: Path, tmp_path: Path) -> None:
    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    first = invoke(app, "check", str(new), "--corpus", str(corpus))
    second = invoke(app, "check", str(new), "--corpus", str(corpus))
    assert first.exit_code == second.exit_code == 1
    assert app.scorers[0].calls > 0 and app.scorers[1].calls == 0  # type: ignore[attr-defined]
    assert "0 of" in second.stderr
    third = invoke(app, "check", str(new), "--corpus", str(corpus), "--no-cache")
    assert app.scorers[2].calls == app.scorers[0].calls and "(no cache)" in third.stderr  # type: ignore[attr-defined]


def test_cached_check_embeds_only_the_new_article(corpus: Path, tmp_path: Path) -> None:
    from factcheck.cache import SQLiteCache

    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    agree = tmp_path / "04_agree_new.txt"
    agree.write_text(ARTICLE_D, encoding="utf-8")
    with SQLiteCache(tmp_path / "c.sqlite") as cache:
        first = run_check([agree], corpus, scorer=FakeNLI(), embedder=FakeEmbedder(), cache=cache)
        emb = CountingEmbedder()
        outcome = run_check([new], corpus, scorer=FakeNLI(), embedder=emb, cache=cache)
    assert first is not None and outcome is not None
    new_claims = {c.text for c in outcome.result.claims if c.article == "03_suara_new.txt"}
    known = {c.text for c in first.result.claims}  # C's last sentence is also D's
    assert 0 < emb.calls == len(new_claims - known) < len(new_claims)


def test_lazy_scorer_loads_the_model_only_when_a_score_is_missing(corpus: Path, tmp_path: Path) -> None:
    from factcheck.cache import SQLiteCache

    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    loads: list[FakeNLI] = []

    def load() -> FakeNLI:
        loads.append(FakeNLI())
        return loads[-1]

    with SQLiteCache(tmp_path / "c.sqlite") as cache:
        first, second = LazyScorer("fake-nli", load), LazyScorer("fake-nli", load)
        a = run_check([new], corpus, scorer=first, embedder=FakeEmbedder(), cache=cache)
        b = run_check([new], corpus, scorer=second, embedder=FakeEmbedder(), cache=cache)
    assert a is not None and b is not None and a.exit_code == b.exit_code == 1
    assert first.loaded and not second.loaded and len(loads) == 1


def test_make_scorer_is_lazy_when_nli_can_name_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import factcheck.nli

    def fail(model: str | None = None, **kw: object) -> None:
        raise AssertionError("loaded")

    monkeypatch.setattr(factcheck.nli, "scorer_name", lambda model: f"named-{model}", raising=False)
    monkeypatch.setattr(factcheck.nli, "load_scorer", fail)
    scorer = cli_ci.make_scorer("org/model")
    assert isinstance(scorer, LazyScorer) and scorer.name == "named-org/model" and not scorer.loaded


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--corpus", "{corpus}"], "name the new article files, or use --since"),
        (["check", "{new}", "--corpus", "{corpus}", "--format", "html"], "unknown format html"),
        (["check", "--since", "no-such-ref", "--corpus", "{corpus}"], "is not inside a git repository"),
        (["check", "{new}", "--corpus", "{tmp}/missing"], "missing: no such file or directory"),
        (["check", "{short}", "--corpus", "{corpus}"], "does not look like an article"),
        (["check", "{new}", "--corpus", "{corpus}", "--baseline", "{new}"], "baseline is not valid JSON"),
        (["check", "{new}", "--corpus", "{corpus}", "--fail-on", "critical"], "critical"),
        (["baseline", "{tmp}/report.json"], "not a factcheck JSON report"),
    ],
)
def test_usage_and_input_errors_exit_2(
    app: typer.Typer, corpus: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    new = tmp_path / "03_suara_new.txt"
    new.write_text(ARTICLE_C, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Terlalu pendek.", encoding="utf-8")
    (tmp_path / "report.json").write_text('{"version": 1}', encoding="utf-8")
    subs = {"corpus": str(corpus), "new": str(new), "tmp": str(tmp_path), "short": str(tmp_path / "short.txt")}
    result = invoke(app, *(a.format(**subs) for a in args))
    assert result.exit_code == 2, result.output
    assert message in result.stderr.replace("\n", " ")


def test_unknown_revision_exits_2(app: typer.Typer, repo: Path) -> None:
    result = invoke(app, "check", "--since", "no-such-ref", "--corpus", ".")
    assert result.exit_code == 2
    assert "unknown git revision 'no-such-ref'" in result.stderr


def test_check_articles_needs_new_ids(corpus: Path) -> None:
    inputs = CheckInputs(load_corpus([corpus]), set(), corpus)
    with pytest.raises(UsageError):
        check_articles(inputs, scorer=FakeNLI(), embedder=FakeEmbedder())


# ---------------------------------------------------------------------------- real seeds
SEED_ADDED = "002_9a8eb26987bbc22d.txt"


def _seed_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four seed articles committed, then 002 added in a second commit; cwd is the repository."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present on this machine")
    repo = tmp_path / "seeds"
    repo.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        if path.name != SEED_ADDED:
            (repo / path.name).write_bytes(path.read_bytes())
    _git(repo, "init", "-q")
    _commit(repo, "four seed articles")
    (repo / SEED_ADDED).write_bytes((SEEDS / SEED_ADDED).read_bytes())
    _commit(repo, "the fifth")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return repo


def _assert_seed_conflict(app: typer.Typer) -> None:
    result = invoke(app, "check", "--since", "HEAD~1", "--corpus", ".", "--format", "github")
    assert result.exit_code == 1, result.output
    assert any(
        line.startswith(f"::error file={SEED_ADDED},line=3,title=factcheck date conflict::")
        for line in result.stdout.splitlines()
    ), result.stdout
    assert result.stdout.splitlines()[-1].startswith("FAIL: ")


def test_seed_date_conflict_with_the_fake_nli(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, e5: object
) -> None:
    _seed_repo(tmp_path, monkeypatch)
    monkeypatch.setattr(cli_ci, "make_embedder", lambda: e5)
    _assert_seed_conflict(app)


@pytest.mark.model
def test_seed_date_conflict_with_the_real_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.nli import load_scorer

    scorer = load_scorer()
    _seed_repo(tmp_path, monkeypatch)
    monkeypatch.setattr(cli_ci, "make_scorer", lambda model: scorer)
    app = typer.Typer()
    cli_ci.register(app)
    _assert_seed_conflict(app)


def test_check_compares_a_new_article_only_with_its_event(tmp_path: Path, e5) -> None:
    """A corpus of two events (same officials, same city): a new article about one of them is only
    paired with that event's articles."""
    from tests.test_events import DAM, TERMINAL, _write

    root = tmp_path / "articles"
    root.mkdir()
    _write(root, DAM | {k: v for k, v in TERMINAL.items() if k != "terminal_warta.md"})
    new = tmp_path / "terminal_warta.md"
    source, published, body = TERMINAL["terminal_warta.md"]
    new.write_text(f"---\ntitle: Terminal\nsource: {source}\npublished: {published}\n---\n{body}", encoding="utf-8")
    outcome = check_articles(select_inputs([new], root), scorer=FakeNLI(), embedder=e5)
    result = outcome.result
    assert result.events is not None and len(result.events.frames) == 2
    terminal = result.events.article_event["terminal_warta.md"]
    assert {result.events.article_event[a] for a in TERMINAL if a != "terminal_warta.md"} == {terminal}
    assert result.pairs
    for p in result.pairs:
        a, b = result.claims[p.a], result.claims[p.b]
        assert "terminal_warta.md" in (a.article, b.article)
        assert a.event == b.event
        other = b if a.article == "terminal_warta.md" else a
        if other.article not in TERMINAL:  # only the look-back sentence meets the dam event
            mine = a if a.article == "terminal_warta.md" else b
            assert mine.event != terminal and mine.text.startswith("Pada 4 Maret 2024 lalu")
    # the new article's cost (520 miliar) is set against the terminal's (450 miliar), never the dam's
    fails = [i for i in outcome.items if i.finding.kind == "contradiction" and "number" in i.finding.checks]
    assert any({c.article for c in i.finding.claims} == {"terminal_kabar.md", "terminal_warta.md"} for i in fails)
    assert not any(c.article.startswith("dam_") and "triliun" in c.text for i in fails for c in i.finding.claims)


def _both(a, b):
    return ((a, b), (b, a))
