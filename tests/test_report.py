import json
import os
import re
from pathlib import Path

import pytest

from factcheck.report import atomic_write, escape_md, highlight, render_markdown, to_json, write_reports

GOLDEN = Path(__file__).parent / "golden" / "demo_report.md"


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


def test_golden_markdown_report(demo_audit):
    md = render_markdown(demo_audit, "demo")
    md = md.replace(str(Path.cwd()) + os.sep, "")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(md, encoding="utf-8")
    assert md == GOLDEN.read_text(encoding="utf-8")


def test_json_report_schema(demo_audit):
    data = to_json(demo_audit)
    assert data["version"] == 1 and set(data["model"]) >= {"nli", "embedder"}
    assert {a["id"] for a in data["articles"]} == {a.id for a in demo_audit.articles}
    first = data["findings"][0]
    assert set(first) >= {"rank", "kind", "severity", "score", "reason", "checks", "nli", "claims"}
    assert first["rank"] == 1 and first["kind"] == "contradiction"
    assert set(first["claims"][0]) == {"article", "path", "line", "start", "end", "text"}
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
