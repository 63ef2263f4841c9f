"""Reports: escaping, golden Markdown/JSON/CSV from a hand-built result, and invariants on the demo.

The golden files are rendered from :func:`fixture_result`, an ``AuditResult`` built here without any
model or embedder, so they match on every CPU and from any working directory. Regenerate them after
an intended change of the report format with ``UPDATE_GOLDEN=1 python -m pytest tests/test_report.py``.
"""

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.normalize.modality import Modality
from factcheck.normalize.speakers import Speaker
from factcheck.pairing import CandidatePair
from factcheck.pipeline import AuditResult
from factcheck.ranking import Finding
from factcheck.report import atomic_write, escape_md, highlight, render_markdown, to_json, write_reports

GOLDEN = Path(__file__).resolve().parent / "golden"

# Invented articles about an invented event (no real names); they carry Markdown/HTML to escape.
TEXT_A = (
    "Jembatan Sungai Lestari dibuka pada Jumat (3/5/2024) oleh Gubernur Sari Wulandari.\n"
    "Panjang jembatan itu mencapai 1.200 meter dan biayanya Rp 2,1 triliun.\n"
    "\"Jembatan ini milik warga | bukan *milik* pejabat\", kata Sari Wulandari.\n"
)
TEXT_B = (
    "Jembatan Sungai Lestari resmi dibuka pada Sabtu (4/5/2024).\n"
    "Pada Senin, 7 Mei 2024, antrean kendaraan mengular di jembatan itu.\n"
    "Jembatan sepanjang 1.200 meter itu dibangun sejak 2021, lihat https://contoh.example/jembatan.\n"
)
TEXT_C = (
    "Menurut dinas <b>pekerjaan umum</b>, jembatan sepanjang 1.200 meter itu menelan biaya Rp 2,4 triliun.\n"
    "Jembatan itu dibuka pada awal Mei 2024 setelah tiga tahun pembangunan.\n"
)


def _article(aid: str, text: str, published: date, title: str) -> Article:
    return Article(
        id=aid, path=f"corpus/{aid}", text=text, title=title, published=published, published_from="front matter"
    )


def _claim(art: Article, sentence: str, index: int, kind: str = "fact", speaker: Speaker | None = None) -> Claim:
    start = art.text.index(sentence)
    return Claim(
        id=f"{art.id}#{index}",
        article=art.id,
        path=art.path,
        index=index,
        text=sentence,
        start=start,
        end=start + len(sentence),
        line=art.text.count("\n", 0, start) + 1,
        dates=(),
        quantities=(),
        entities=(),
        speaker=speaker,
        modality=Modality(kind, None, False),  # type: ignore[arg-type]
    )


def fixture_result() -> AuditResult:
    """Three articles, one finding of every kind: a date conflict, an item for review, a
    within-article problem and a fact confirmed by three sources."""
    a = _article("a.md", TEXT_A, date(2024, 5, 3), "Jembatan dibuka")
    b = _article("b.txt", TEXT_B, date(2024, 5, 8), "Antrean di jembatan baru")
    c = _article("c.md", TEXT_C, date(2024, 5, 9), "Biaya jembatan [rilis]")
    lines = {art.id: [s for s in art.text.split("\n") if s] for art in (a, b, c)}
    speaker = Speaker("Sari Wulandari", "sari wulandari", "kata")
    ca = [_claim(a, s, i, speaker=speaker if i == 2 else None) for i, s in enumerate(lines["a.md"])]
    cb = [_claim(b, s, i) for i, s in enumerate(lines["b.txt"])]
    cc = [_claim(c, s, i, kind="opinion" if i == 0 else "fact") for i, s in enumerate(lines["c.md"])]
    nli = {"entailment": 0.0312, "neutral": 0.1021, "contradiction": 0.8667}
    findings = [
        Finding(
            "contradiction",
            "high",
            0.9123,
            "the opening is dated 3 Mei 2024 in a.md and 4 Mei 2024 in b.txt.",
            ("date", "nli"),
            nli,
            (ca[0], cb[0]),
            (("Jumat (3/5/2024)",), ("Sabtu (4/5/2024)",)),
            2,
        ),
        Finding(
            "contradiction",
            "medium",
            0.5,
            "both give the cost of the bridge (Rp 2,1 triliun vs Rp 2,4 triliun): put side by side for review.",
            ("review", "nli"),
            {"entailment": 0.2, "neutral": 0.5, "contradiction": 0.3},
            (ca[1], cc[0]),
            (("Rp 2,1 triliun",), ("Rp 2,4 triliun",)),
            2,
            True,
        ),
        Finding(
            "internal",
            "low",
            0.21,
            "7 Mei 2024 is a Selasa, not a Senin.",
            ("weekday",),
            None,
            (cb[1],),
            (("Senin, 7 Mei 2024",),),
            1,
        ),
        Finding(
            "corroboration",
            "medium",
            0.4417,
            "Confirmed by 3 sources; they agree on 1.200 meter (NLI entailment up to 0.91).",
            ("nli", "details"),
            {"entailment": 0.8812, "neutral": 0.1, "contradiction": 0.0188},
            (ca[1], cb[2], cc[0]),
            (("1.200 meter",), ("1.200 meter",), ("1.200 meter",)),
            3,
        ),
    ]
    claims = ca + cb + cc
    pairs = [CandidatePair(0, 3, 0.91, 0.95), CandidatePair(1, 6, 0.88, 0.9), CandidatePair(1, 5, 0.87, 0.89)]
    model = {
        "nli": "fixture-nli@000000000000+fp32",
        "embedder": "fixture-embedder@0",
        "pipeline_version": "fixture",
        "nli_precision": "fp32",
        "nli_revision": "000000000000",
        "nli_threads": "1",
    }
    stats = {"articles": 3, "claims": len(claims), "pairs": len(pairs), "nli_calls": 2 * len(pairs)}
    return AuditResult([a, b, c], claims, pairs, [], findings, model, 0, stats)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 if that is intended"


@pytest.mark.parametrize(
    "evil",
    [
        "[klik di sini](https://contoh.example/jahat)",
        "![gambar](https://contoh.example/x.png)",
        "<script>alert(1)</script>",
        "<a href='https://contoh.example'>tautan</a>",
        "kunjungi https://contoh.example/halaman sekarang",
        "teks **tebal** dan `kode` | pipa # judul",
    ],
)
def test_escape_md_neutralises_links_and_html(evil):
    out = escape_md(evil)
    assert "<" not in out and ">" not in out
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", out)  # no [text](url) left
    assert "**" not in out and "|" not in out.replace("\\|", "")
    for url in re.findall(r"https://\S+", out):
        assert out.count("`" + url) == 1 or out.count(url + "`") == 1  # URLs only inside code spans


def test_highlight_bolds_values_and_escapes_the_rest():
    assert highlight("tiba pada 13 Juli 2023 [sic]", ["13 Juli 2023"]) == "tiba pada **13 Juli 2023** \\[sic\\]"


def test_highlight_does_not_depend_on_the_order_of_the_words():
    # two overlapping words of the same length: the choice must not follow set or hash order
    text = "angka 12 34 56 di sini"
    words = ["12 34", "34 56"]
    assert highlight(text, words) == highlight(text, words[::-1]) == "angka **12 34** 56 di sini"


def test_golden_markdown_report():
    _golden("fixture_report.md", render_markdown(fixture_result(), "fixture"))


def test_golden_json_report():
    _golden("fixture_report.json", json.dumps(to_json(fixture_result()), ensure_ascii=False, indent=2) + "\n")


def test_golden_csv_report(tmp_path):
    (path,) = write_reports(fixture_result(), tmp_path, "fixture", ["csv"])
    _golden("fixture_report.csv", path.read_text(encoding="utf-8"))


def test_fixture_quotes_point_into_their_articles():
    result = fixture_result()
    texts = {a.id: a.text for a in result.articles}
    for f in result.findings:
        for c in f.claims:
            assert texts[c.article][c.start : c.end] == c.text
            assert texts[c.article].split("\n")[c.line - 1] == c.text


def _unescape(md: str) -> str:
    md = re.sub(r"\\(.)", r"\1", md.replace("**", ""))
    return md.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def quotes_with_location(markdown: str):
    """(path, line, quoted text) for every quote block in a report."""
    lines = markdown.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"> \*\*`(.+):(\d+)`\*\*", line)
        if m:
            yield m.group(1), int(m.group(2)), _unescape(lines[i + 2][2:])


def test_every_quote_is_verbatim_at_its_file_and_line(demo_audit):
    md = render_markdown(demo_audit, "demo")
    quotes = list(quotes_with_location(md))
    assert len(quotes) >= 20
    for path, line, text in quotes:
        assert text in Path(path).read_text(encoding="utf-8").splitlines()[line - 1]


def _summary_row(md: str) -> dict[str, int]:
    lines = md.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("| Articles |"))
    names = [c.strip() for c in lines[head].strip("|").split("|")]
    values = [int(c) for c in lines[head + 2].strip("|").split("|")]
    return dict(zip(names, values, strict=True))


def test_demo_report_invariants(demo_audit):
    """Acceptance on the demo (real embedder, fake NLI): ranges and planted findings, not exact counts,
    so a last-bit difference in the embedder on another CPU cannot fail it."""
    md = render_markdown(demo_audit, "demo")
    row = _summary_row(md)
    n_claims = len(demo_audit.claims)
    assert row["Articles"] == 6 and row["Claims"] == n_claims
    # every claim keeps at most top_k similarity partners and top_k slot partners
    assert n_claims <= row["Pairs checked"] <= 10 * n_claims
    assert row["High"] >= 4 and row["Within-article problems"] >= 1 and row["Corroborated facts"] >= 3
    dates = [f for f in demo_audit.findings if f.kind == "contradiction" and f.aspect == "date"]
    assert any(f.claims[0].article == "03_suara_priangan.md" and f.severity == "high" for f in dates)
    assert "Date conflict" in md.split("## For review")[0]


def test_json_report_schema(demo_audit):
    data = to_json(demo_audit)
    assert data["version"] == 1 and set(data["model"]) >= {"nli", "embedder", "pipeline_version"}
    assert {a["id"] for a in data["articles"]} == {a.id for a in demo_audit.articles}
    first = data["findings"][0]
    assert set(first) >= {"rank", "kind", "severity", "score", "reason", "checks", "nli", "claims"}
    assert first["rank"] == 1 and first["kind"] == "contradiction"
    assert set(first["claims"][0]) == {"article", "path", "line", "start", "end", "text", "event"}
    assert first["event"] == first["claims"][0]["event"] == data["events"][0]["id"]
    json.dumps(data)  # serialisable


def test_write_reports_all_formats(tmp_path, demo_audit):
    paths = write_reports(demo_audit, tmp_path, "demo", ["md", "json", "csv"])
    assert sorted(p.name for p in paths) == ["demo.csv", "demo.json", "demo.md"]
    import pandas as pd

    frame = pd.read_csv(tmp_path / "demo.csv")
    assert len(frame) == len(demo_audit.findings) and frame["rank"].tolist()[:3] == [1, 2, 3]
    assert not list(tmp_path.glob(".*.tmp"))


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "r.md"
    target.write_text("old report", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, "new report")
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]
