import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from tests.fakes import FakeNLI

runner = CliRunner()


@pytest.fixture
def fake_model(monkeypatch, e5):
    """Make the CLI's model loading return the fake scorer and the session's embedder."""
    import factcheck.embed
    import factcheck.nli

    monkeypatch.setattr(factcheck.nli, "load_scorer", lambda model=None, **kw: FakeNLI())
    monkeypatch.setattr(factcheck.embed, "default_embedder", lambda: e5)


def test_audit_writes_reports_and_prints_summary(tmp_path, demo_dir, fake_model):
    result = runner.invoke(app, ["audit", str(demo_dir), "--out", str(tmp_path)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.csv", "demo.json", "demo.md"]
    assert "Top finding [high]" in result.stdout and "wrote" in result.stdout
    data = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    assert data["findings"][0]["kind"] == "contradiction"


def test_audit_format_and_name_options(tmp_path, demo_dir, fake_model):
    result = runner.invoke(
        app, ["audit", str(demo_dir), "-o", str(tmp_path), "--format", "md", "--name", "x", "--top", "2"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["x.md"]
    assert (tmp_path / "x.md").read_text(encoding="utf-8").count("### ") <= 2 * 3 + 1


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.txt": ""}, "a.txt: file is empty"),
        ({"b.txt": b"\xff\xfe\x00\x00binary"}, "b.txt: binary file"),
        ({"c.md": "---\ntitle: [x\n---\nisi"}, "c.md: front matter is not valid YAML"),
        ({"d.csv": "x,y\n1,2\n"}, "d.csv: no text column"),
        ({"e.txt": "kata " * 40_000}, "e.txt: line 1 has 200,000 characters"),
        ({"f.jsonl": '{"text": "x"}\n{"text": \n'}, "f.jsonl:2: cannot parse as JSONL"),
        ({}, "no articles found"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, fake_model, files, message):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, content in files.items():
        path = corpus / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    out = tmp_path / "reports"
    result = runner.invoke(app, ["audit", str(corpus), "--out", str(out)], terminal_width=300)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not out.exists()  # no report, not even a partial one


def test_unknown_format_is_a_usage_error(tmp_path, demo_dir, fake_model):
    result = runner.invoke(app, ["audit", str(demo_dir), "--out", str(tmp_path), "--format", "md,xml"])
    assert result.exit_code == 2 and "unknown format xml" in result.stderr


def test_unwritable_output_is_reported(tmp_path, demo_dir, fake_model):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(demo_dir), "--out", str(blocker / "sub")], terminal_width=300)
    assert result.exit_code == 2 and "cannot write report" in result.stderr


def test_help_is_fast_and_does_not_import_torch():
    code = (
        "import sys; from factcheck.cli import app; "
        "print(any(m.startswith(('torch', 'transformers')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        assert f"factcheck {name}" in readme, name
