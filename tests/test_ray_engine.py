"""The Ray Data engine gives the local engine's findings; the local worker pool changes nothing.

Ray tests run on a local Ray (2 CPUs, no dashboard) started once for this module; they skip only
when ``ray`` is not importable (it is in the ``dev`` extra, so CI runs them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.corpus import load_corpus
from factcheck.errors import InputError, UsageError
from factcheck.pipeline import AuditConfig, audit, extract_all
from factcheck.report import to_json
from tests.fakes import FakeEmbedder, FakeNLI, FakeTagger

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def local_ray():
    pytest.importorskip("ray", reason="ray is not installed (pip install 'factcheck[ray]')")
    from factcheck.engine.ray_engine import init_ray

    ray, started = init_ray(num_cpus=2)
    yield ray
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def demo_local():
    return audit([DEMO], scorer=FakeNLI(), embedder=FakeEmbedder())


def _audit_ray(paths):
    from factcheck.engine.ray_engine import audit_ray

    return audit_ray(paths, scorer_factory=FakeNLI, embedder_factory=FakeEmbedder)


def test_ray_engine_gives_the_local_findings_on_the_demo_corpus(local_ray, demo_local):
    result = _audit_ray([DEMO])
    local, distributed = to_json(demo_local), to_json(result)
    assert local["findings"], "the demo corpus has findings to compare"
    assert distributed["findings"] == local["findings"]
    assert distributed == local  # articles, stats and model names too
    assert [c.id for c in result.claims] == [c.id for c in demo_local.claims]
    # both engines send the same pairs to the model: those whose verdict can depend on it
    assert result.nli_computed == demo_local.nli_computed
    assert 0 < demo_local.nli_computed <= demo_local.stats["nli_calls"] <= 2 * len(demo_local.pairs)


DEMO_NAMES = {
    "Joko Widodo": "PER",
    "Jokowi": "PER",
    "KCIC": "ORG",
    "Halim": "LOC",
    "Tegalluar": "LOC",
    "Bandung": "LOC",
}


def test_ray_engine_gives_the_local_report_with_an_entity_tagger(local_ray, demo_local):
    from factcheck.engine.ray_engine import audit_ray

    local = audit([DEMO], scorer=FakeNLI(), embedder=FakeEmbedder(), tagger=FakeTagger(DEMO_NAMES))
    distributed = audit_ray(
        [DEMO], scorer_factory=FakeNLI, embedder_factory=FakeEmbedder, tagger=FakeTagger(DEMO_NAMES)
    )
    assert to_json(distributed) == to_json(local)
    assert local.model["entities"] == "fake-tagger" and demo_local.model["entities"] == "rules"
    # the tagger's spans reached the claims (types on the mentions it read)
    assert any(e.tag for c in local.claims for e in c.entities)
    assert not any(e.tag for c in demo_local.claims for e in c.entities)


def _rows(folder: Path) -> list[dict[str, str]]:
    return [{"id": a.id, "text": a.text, "title": a.title or ""} for a in load_corpus([folder])]


def _without_paths(report: dict) -> list:
    return [
        {**f, "claims": [{k: v for k, v in c.items() if k != "path"} for c in f["claims"]]} for f in report["findings"]
    ]


def test_ray_engine_reads_parquet_like_the_same_table_in_jsonl(local_ray, tmp_path):
    import pandas as pd

    rows = _rows(DEMO)
    pd.DataFrame(rows).to_parquet(tmp_path / "corpus.parquet", row_group_size=2)  # three row groups
    (tmp_path / "corpus.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    from_parquet = _audit_ray([tmp_path / "corpus.parquet"])
    from_jsonl = audit([tmp_path / "corpus.jsonl"], scorer=FakeNLI(), embedder=FakeEmbedder())
    assert [a.id for a in from_parquet.articles] == [r["id"] for r in rows]
    assert from_jsonl.findings and _without_paths(to_json(from_parquet)) == _without_paths(to_json(from_jsonl))


def test_ray_engine_names_a_bad_file(local_ray, tmp_path):
    for src in sorted(DEMO.glob("0[12]_*")):
        (tmp_path / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.md").write_text("   \n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        _audit_ray([tmp_path])
    assert info.value.path == str(tmp_path / "empty.md")
    assert "empty" in info.value.message


def test_without_ray_the_engine_says_how_to_install_it(monkeypatch):
    from factcheck.engine.ray_engine import import_ray

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(UsageError, match=r"pip install 'factcheck\[ray\]'"):
        import_ray()


def test_cli_without_ray_is_one_line_and_exit_2(monkeypatch, tmp_path):
    from factcheck.cli import app

    monkeypatch.setitem(sys.modules, "ray", None)
    res = CliRunner().invoke(app, ["audit", str(DEMO), "--engine", "ray", "--quiet", "--out", str(tmp_path)])
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "factcheck[ray]" in lines[0], res.output
    assert not list(tmp_path.iterdir())  # no report


def test_cli_ray_address_needs_the_ray_engine(tmp_path):
    from factcheck.cli import app

    res = CliRunner().invoke(app, ["audit", str(DEMO), "--ray-address", "auto", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "--engine ray" in res.output


def test_local_worker_pool_extracts_the_same_claims(demo_local):
    articles = load_corpus([DEMO])
    assert extract_all(articles, workers=2) == extract_all(articles, workers=1)
    pooled = audit([DEMO], scorer=FakeNLI(), embedder=FakeEmbedder(), config=AuditConfig(workers=2))
    assert to_json(pooled) == to_json(demo_local)
