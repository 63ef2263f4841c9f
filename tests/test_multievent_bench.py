"""The multi-event benchmark: generator determinism, truth consistency, and the scorer's figures."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.multievent import generate as gen
from benchmarks.multievent.score import clustering, score
from benchmarks.multievent.score import main as score_main


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("multievent") / "corpus"
    truth = gen.generate(folder, 150, seed=5)
    return folder, truth


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))}


def test_same_seed_same_corpus_and_truth(tmp_path: Path) -> None:
    a = gen.generate(tmp_path / "a", 40, seed=9)
    b = gen.generate(tmp_path / "b", 40, seed=9)
    c = gen.generate(tmp_path / "c", 40, seed=10)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (tmp_path / "a.truth.json").read_text() == (tmp_path / "b.truth.json").read_text()
    assert a == b
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert len(c["articles"]) == 40


def test_same_corpus_in_other_processes(tmp_path: Path) -> None:
    """No dependence on string hashing: two interpreters with other hash seeds write the same files."""
    root = Path(__file__).resolve().parents[1]
    for k in (1, 2):
        env = {**os.environ, "PYTHONHASHSEED": str(k)}
        out = str(tmp_path / f"h{k}" / "c")
        cmd = [sys.executable, "-m", "benchmarks.multievent.generate", out, "--articles", "30", "--seed", "4"]
        subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True)
    assert _files(tmp_path / "h1" / "c") == _files(tmp_path / "h2" / "c")
    assert (tmp_path / "h1" / "c.truth.json").read_bytes() == (tmp_path / "h2" / "c.truth.json").read_bytes()


def test_every_truth_sentence_is_in_its_article(corpus: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = corpus
    files = _files(folder)
    assert set(files) == set(truth["articles"])
    for name, art in truth["articles"].items():
        for s in art["sentences"]:
            assert s["text"] in files[name], (name, s["text"])
        body = [s for s in art["sentences"] if s["role"] != "furniture"]
        assert 8 <= len(body) <= 20, name
    for d in truth["discrepancies"]:
        wrong = truth["articles"][d["article"]]["sentences"][d["sentence"]]
        assert wrong["text"] == d["text"] and wrong["text"] in files[d["article"]]
        assert f"{d['event']}.{d['attribute']}" in wrong["wrong"]
        assert d["correct"], d["id"]  # a wrong claim always has a right counterpart to be compared with
        for c in d["correct"]:
            right = truth["articles"][c["article"]]["sentences"][c["sentence"]]
            assert f"{d['event']}.{d['attribute']}" in right["facts"]
            assert c["article"] != d["article"] and c["text"] in files[c["article"]]
    for t in truth["traps"]:
        assert t["plan"]["text"] in files[t["plan"]["article"]]
        assert t["outcomes"]
        assert truth["articles"][t["plan"]["article"]]["published"] < min(
            truth["articles"][o["article"]]["published"] for o in t["outcomes"]
        )
    for lb in truth["lookbacks"]:  # a look-back sentence is about the earlier event of the same actors
        event = next(e for e in truth["events"] if e["id"] == lb["article_event"])
        assert event["sequel_of"] == lb["event"] != lb["article_event"]


def test_corpus_has_what_the_benchmark_needs(corpus: tuple[Path, dict[str, Any]]) -> None:
    folder, truth = corpus
    arts = truth["articles"]
    types = {e["type"] for e in truth["events"]}
    assert len(types) >= 5
    english = sum(1 for a in arts.values() if a["language"] == "en") / len(arts)
    assert 0.15 <= english <= 0.5
    assert {d["aspect"] for d in truth["discrepancies"]} >= {"date", "place", "number", "attribution"}
    kinds = {a["kind"] for a in arts.values()}
    assert {"report", "preview", "copy"} <= kinds
    assert truth["lookbacks"] and truth["traps"]
    # syndicated copies: the same body sentences, another outlet, another headline
    copies = [(n, a) for n, a in arts.items() if a["kind"] == "copy"]
    for _, a in copies:
        src = arts[a["copy_of"]]
        assert a["syndication"] == src["syndication"] and a["outlet"] != src["outlet"]
        body = [s["text"] for s in a["sentences"] if s["role"] != "furniture"]
        assert body == [s["text"] for s in src["sentences"] if s["role"] != "furniture"]
    for a in arts.values():  # a round-up's sentences are about each of its events
        if a["kind"] == "roundup":
            assert {s["event"] for s in a["sentences"] if s["role"] != "furniture"} == set(a["events"])
    # events of one type share a city (and its officials) and some share a day
    by_city: dict[tuple[str, str], int] = {}
    for e in truth["events"]:
        by_city[(e["type"], e["city"])] = by_city.get((e["type"], e["city"]), 0) + 1
    assert max(by_city.values()) >= 2
    days = [e["date"] for e in truth["events"]]
    assert len(set(days)) < len(days)
    furniture = [s for a in arts.values() for s in a["sentences"] if s["role"] == "furniture"]
    assert {s["kind"] for s in furniture} >= {"byline", "signoff", "read_more", "timestamp", "photo"}
    for text in _files(folder).values():
        front = text.split("---\n")[1]
        for key in ("title:", "source:", "url:", "published:", "language:"):
            assert key in front


def test_corpus_names_nothing_from_the_seeds_or_demo(corpus: tuple[Path, dict[str, Any]]) -> None:
    folder, _ = corpus
    text = "\n".join(_files(folder).values())
    for word in ("Kim", "Putin", "Jakarta", "Bandung", "Whoosh", "Vostochny", "Jokowi", "Pyongyang"):
        assert not re.search(rf"\b{word}\b", text), word


def test_generate_cli_refuses_a_folder_with_articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.md").write_text("old", encoding="utf-8")
    assert gen.main([str(tmp_path / "c"), "--articles", "10"]) == 2
    assert gen.main([str(tmp_path / "d"), "--articles", "10", "--langs", "xx"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and str(tmp_path / "c") in err[0] and "xx" in err[1]


# ------------------------------------------------------------------------------- the scorer
def _sent(
    text: str,
    event: str | None,
    facts: tuple[str, ...] = (),
    wrong: tuple[str, ...] = (),
    plans: tuple[str, ...] = (),
    role: str = "fact",
) -> dict[str, Any]:
    return {
        "text": text,
        "event": event,
        "facts": list(facts),
        "wrong": list(wrong),
        "plans": list(plans),
        "role": role,
    }


def _art(event: str, lang: str, group: str, sentences: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "event": event,
        "language": lang,
        "syndication": group,
        "stale": False,
        "kind": "report",
        "published": "2025-05-13",
        "sentences": sentences,
    }


TINY_TRUTH: dict[str, Any] = {
    "seed": 0,
    "articles": {
        "a.md": _art(
            "E1",
            "id",
            "S1",
            [
                _sent("Jembatan Lestari diresmikan pada 12 Mei 2025.", "E1", wrong=("E1.date",), role="lead"),
                _sent("Biaya pembangunan jembatan itu Rp 300 miliar.", "E1", facts=("E1.cost",)),
            ],
        ),
        "b.md": _art(
            "E1",
            "en",
            "S2",
            [
                _sent("The Lestari bridge was inaugurated on May 14, 2025.", "E1", facts=("E1.date",), role="lead"),
                _sent("The bridge cost Rp 300 billion to build.", "E1", facts=("E1.cost",)),
            ],
        ),
        "c.md": _art(
            "E2",
            "id",
            "S3",
            [
                _sent("Bendungan Karya Abadi diresmikan pada 20 Mei 2025.", "E2", facts=("E2.date",), role="lead"),
                _sent("Pembangunan bendungan itu menelan biaya Rp 800 miliar.", "E2", facts=("E2.cost",)),
            ],
        ),
        "p.md": _art(
            "E1",
            "id",
            "S4",
            [
                _sent("Jembatan Lestari akan diresmikan pada 14 Mei 2025.", "E1", plans=("E1.date",), role="plan"),
                _sent("Baca juga: Bendungan baru siap beroperasi", None, role="furniture"),
            ],
        ),
    },
    "events": [
        {
            "id": "E1",
            "facts": [
                {"id": "E1.date", "aspect": "date", "corroborated": False},
                {"id": "E1.cost", "aspect": "number", "corroborated": True},
            ],
        },
        {
            "id": "E2",
            "facts": [
                {"id": "E2.date", "aspect": "date", "corroborated": False},
                {"id": "E2.cost", "aspect": "number", "corroborated": False},
            ],
        },
    ],
    "discrepancies": [
        {
            "id": "D1",
            "event": "E1",
            "article": "a.md",
            "sentence": 0,
            "aspect": "date",
            "language": "id",
            "correct": [{"article": "b.md", "sentence": 0}],
        },
    ],
    "traps": [
        {
            "id": "T1",
            "event": "E1",
            "plan": {"article": "p.md", "sentence": 0},
            "outcomes": [{"article": "b.md", "sentence": 0}],
        },
    ],
    "lookbacks": [],
}


def _claim(path: str, text: str) -> dict[str, Any]:
    return {"article": Path(path).name, "path": path, "line": 1, "start": 0, "end": len(text), "text": text}


def _finding(kind: str, check: str, *claims: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "checks": [check], "review": False, "claims": list(claims)}


TINY_REPORT = {
    "findings": [
        # a true positive: the planted wrong date against its right counterpart (split differently)
        _finding(
            "contradiction",
            "date",
            _claim("corpus/a.md", "Jembatan Lestari diresmikan pada 12 Mei 2025"),
            _claim("corpus/b.md", "The Lestari bridge was inaugurated on May 14, 2025."),
        ),
        # cross-event: two inaugurations' costs
        _finding(
            "contradiction",
            "number",
            _claim("corpus/a.md", "Biaya pembangunan jembatan itu Rp 300 miliar."),
            _claim("corpus/c.md", "Pembangunan bendungan itu menelan biaya Rp 800 miliar."),
        ),
        # a trap: the plan announced before the event against its outcome (same date)
        _finding(
            "contradiction",
            "nli",
            _claim("corpus/p.md", "Jembatan Lestari akan diresmikan pada 14 Mei 2025."),
            _claim("corpus/b.md", "The Lestari bridge was inaugurated on May 14, 2025."),
        ),
        # a right corroboration (two outlets, one fact) and a cross-event one
        _finding(
            "corroboration",
            "corroboration",
            _claim("corpus/a.md", "Biaya pembangunan jembatan itu Rp 300 miliar."),
            _claim("corpus/b.md", "The bridge cost Rp 300 billion to build."),
        ),
        _finding(
            "corroboration",
            "corroboration",
            _claim("corpus/b.md", "The bridge cost Rp 300 billion to build."),
            _claim("corpus/c.md", "Pembangunan bendungan itu menelan biaya Rp 800 miliar."),
        ),
    ],
    "events": [{"id": "ev1", "articles": ["a.md", "b.md", "p.md"]}, {"id": "ev2", "articles": ["corpus/c.md"]}],
}


def test_scorer_on_a_hand_made_report() -> None:
    s = score(TINY_REPORT, TINY_TRUTH)
    c = s["contradictions"]
    assert (c["findings"], c["true"], c["found"], c["planted"]) == (3, 1, 1, 1)
    assert c["precision"] == pytest.approx(1 / 3) and c["recall"] == 1.0
    assert c["false_by_reason"] == {"cross-event": 1, "trap": 1}
    assert s["cross_event"] == 1 and s["trap_false_positives"] == 1
    assert c["by_aspect"]["date"] == {"findings": 1, "precision": 1.0, "planted": 1, "recall": 1.0}
    assert c["by_aspect"]["number"]["precision"] == 0.0
    assert c["by_language"]["id-en"] == {"findings": 2, "precision": 0.5, "planted": 1, "recall": 1.0}
    assert c["by_language"]["id-id"]["findings"] == 1 and c["by_language"]["id-id"]["precision"] == 0.0
    k = s["corroborations"]
    assert (k["findings"], k["true"], k["facts"], k["covered"]) == (2, 1, 1, 1)
    assert k["precision"] == 0.5 and k["recall"] == 1.0
    assert s["cross_event_corroborations"] == 1
    assert s["clustering"] == {"predicted_events": 2, "true_events": 2, "purity": 1.0, "completeness": 1.0}


def test_scorer_counts_a_copy_confirming_its_original_as_wrong() -> None:
    truth = json.loads(json.dumps(TINY_TRUTH))
    truth["articles"]["b.md"]["syndication"] = "S1"  # b is a syndicated copy of a
    s = score({"findings": TINY_REPORT["findings"][3:4]}, truth)
    assert s["corroborations"]["true"] == 0 and s["corroborations"]["false_by_reason"] == {"syndicated": 1}


def test_scorer_tells_a_wrong_value_confirmed_from_a_minor_fact() -> None:
    truth = json.loads(json.dumps(TINY_TRUTH))
    colour = {"Warga memadati lokasi sejak pagi.": "a.md", "Residents filled the site from the morning.": "b.md"}
    for text, name in colour.items():
        truth["articles"][name]["sentences"].append({**_sent(text, "E1", role="color"), "minor": ["E1.color.0"]})
    findings = [
        _finding("corroboration", "corroboration", *(_claim(f"x/{n}", t) for t, n in colour.items())),
        _finding(
            "corroboration",
            "corroboration",
            _claim("x/a.md", "Jembatan Lestari diresmikan pada 12 Mei 2025."),
            _claim("x/b.md", "The Lestari bridge was inaugurated on May 14, 2025."),
        ),
    ]
    k = score({"findings": findings}, truth)["corroborations"]
    assert (k["true"], k["true_minor_facts"], k["covered"]) == (1, 1, 0)
    assert k["false_by_reason"] == {"conflicting-values": 1}


def test_one_finding_can_find_two_discrepancies() -> None:
    """Lead A has the wrong date and lead B the wrong place: comparing them finds both."""
    truth = json.loads(json.dumps(TINY_TRUTH))
    a0, b0 = truth["articles"]["a.md"]["sentences"][0], truth["articles"]["b.md"]["sentences"][0]
    a0["facts"], b0["facts"], b0["wrong"] = ["E1.place"], ["E1.date"], ["E1.place"]
    truth["discrepancies"].append(
        {
            "id": "D2",
            "event": "E1",
            "article": "b.md",
            "sentence": 0,
            "aspect": "place",
            "language": "en",
            "correct": [{"article": "a.md", "sentence": 0}],
        }
    )
    c = score({"findings": TINY_REPORT["findings"][:1]}, truth)["contradictions"]
    assert (c["true"], c["found"], c["planted"], c["recall"]) == (1, 2, 2, 1.0)


def test_clustering_merging_two_events_loses_purity() -> None:
    merged = clustering([{"id": "x", "articles": ["a.md", "b.md", "c.md", "p.md"]}], TINY_TRUTH)
    assert merged["purity"] == 0.75 and merged["completeness"] == 1.0


def test_score_cli_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truth = tmp_path / "t.json"
    truth.write_text(json.dumps(TINY_TRUTH), encoding="utf-8")
    bad = tmp_path / "r.json"
    bad.write_text("{not json", encoding="utf-8")
    assert score_main([str(bad), str(truth)]) == 2
    assert score_main([str(truth), str(bad)]) == 2
    assert score_main([str(tmp_path / "missing.json"), str(truth)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("error: ") for line in err)
    assert "r.json" in err[0] and "missing.json" in err[2]
    report = tmp_path / "ok.json"
    report.write_text(json.dumps(TINY_REPORT), encoding="utf-8")
    out = tmp_path / "figures.json"
    assert score_main([str(report), str(truth), "--json", str(out)]) == 0
    assert "precision  33.3%" in capsys.readouterr().out
    assert json.loads(out.read_text())["contradictions"]["true"] == 1
