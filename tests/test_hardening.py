"""Issue 15 (hardening) and issue 10's offsets: bad or unusual inputs never hang, inject or vanish.

Every input is built in tmp_path. Cases that could hang (FIFOs, a 5 MB line) run under
``signal.alarm`` so a regression fails the test instead of blocking CI.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.corpus import Skipped, load_corpus, scan_corpus
from factcheck.errors import InputError

runner = CliRunner()

PARAGRAPHS = [
    "Pemerintah kota meresmikan jembatan baru di tepi sungai pada hari Senin (4 Maret 2024) pagi.",
    "Jembatan sepanjang 120 meter itu dibangun selama dua tahun dengan biaya Rp 45 miliar dari anggaran daerah.",
    "Wali kota mengatakan jembatan tersebut akan mempersingkat perjalanan warga menuju pasar dan sekolah.",
]
BODY = "\n\n".join(PARAGRAPHS) + "\n"
#: another source on the same event: a different day and length (a date and a figure conflict)
OTHER = (
    "Pemerintah kota meresmikan jembatan baru di tepi sungai pada hari Selasa (5 Maret 2024) pagi.\n\n"
    "Jembatan sepanjang 150 meter itu dibangun selama dua tahun dengan biaya Rp 45 miliar dari anggaran daerah.\n\n"
    "Para pedagang di pasar tradisional menyambut gembira peresmian jembatan yang sudah lama mereka tunggu itu.\n"
)


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) when the block takes longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def article(tmp_path: Path, name: str, text: str = BODY) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def reasons(found: list[Skipped]) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in found}


# ---------------------------------------------------------------------------- bounded time
def test_a_5_mb_single_line_is_refused_fast_with_its_line_number(tmp_path):
    sentence = "Pemerintah menyatakan bahwa proyek itu selesai pada waktunya. "
    path = tmp_path / "dump.txt"
    path.write_text(sentence * (5_000_000 // len(sentence) + 1), encoding="utf-8")
    t0 = time.perf_counter()
    with deadline(30), pytest.raises(InputError) as info:
        load_corpus([path])
    elapsed = time.perf_counter() - t0
    assert "dump.txt: line 1 has 5,000," in str(info.value) and "split it into paragraphs" in str(info.value)
    assert elapsed < 5, elapsed


def test_a_long_line_after_front_matter_is_named_by_its_file_line(tmp_path):
    path = article(tmp_path, "a.md", "---\ntitle: x\n---\n" + BODY + "kata " * 30_000 + "\n")
    with pytest.raises(InputError, match=r"a\.md: line 9 has 150,000 characters"):
        load_corpus([path])


def test_a_long_row_in_a_table_is_refused(tmp_path):
    rows = [{"id": "ok", "text": BODY}, {"id": "long", "text": "kata " * 30_000}]
    path = article(tmp_path, "t.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    with pytest.raises(InputError, match=r"t\.jsonl:2: line 1 has 150,000 characters"):
        load_corpus([path])


def test_a_huge_article_is_refused(tmp_path):
    path = article(tmp_path, "big.txt", BODY * 4000)  # 1.2 MB in short lines
    with pytest.raises(InputError, match=r"big\.txt: too long for one article \(1,2\d\d,\d\d\d characters"):
        load_corpus([path])


def test_sentence_splitting_is_linear_on_one_long_line():
    from factcheck.claims import split_sentences

    line = "Menteri itu datang ke kota. " * 40_000  # 1.1 MB, no newline
    # a hang guard, not a timing target: a splitter that rescans the line per sentence would need
    # ~40,000 x 1.1 MB character steps (hours); a linear one takes about a second
    with deadline(60):
        full = split_sentences(line)
    assert len(full) == 40_000
    assert full[-1].end == len(line.rstrip())


# ---------------------------------------------------------------------------- special files
@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path = tmp_path / "corpus" / "pipe.txt"
    path.parent.mkdir()
    os.mkfifo(path)
    return path


def test_a_fifo_given_as_an_argument_is_refused_without_opening_it(fifo):
    with deadline(10), pytest.raises(InputError) as info:
        load_corpus([fifo])
    assert str(info.value) == f"{fifo}: a FIFO (named pipe), not an article file; factcheck does not read it"


def test_a_fifo_inside_the_corpus_is_listed_not_opened(fifo):
    article(fifo.parent, "a.txt")
    with deadline(10):
        found = scan_corpus([fifo.parent])
        arts = load_corpus([fifo.parent])
    assert [a.id for a in arts] == ["a.txt"]
    assert reasons(found.skipped) == {"pipe.txt": "a FIFO (named pipe), not read"}


def test_devices_and_sockets_are_listed(tmp_path):
    corpus = tmp_path / "c"
    article(corpus, "a.txt")
    (corpus / "null.txt").symlink_to("/dev/null")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    short = Path(f"/tmp/fc-sock-{os.getpid()}")
    short.mkdir(exist_ok=True)
    try:
        sock.bind(str(short / "s.md"))
        (corpus / "s.md").symlink_to(short / "s.md")
        found = scan_corpus([corpus])
    finally:
        sock.close()
        (short / "s.md").unlink(missing_ok=True)
        short.rmdir()
    assert reasons(found.skipped) == {"null.txt": "a character device, not read", "s.md": "a socket, not read"}
    with pytest.raises(InputError, match="a character device, not an article file"):
        load_corpus([Path("/dev/null")])


# ---------------------------------------------------------------------------- nothing skipped silently
def test_symlink_loops_dangling_links_and_unlistable_folders_are_listed(tmp_path, monkeypatch):
    corpus = tmp_path / "c"
    article(corpus, "a.txt")
    article(corpus, "sub/b.txt", BODY.replace("120", "130"))
    (corpus / "loop1.txt").symlink_to("loop2.txt")
    (corpus / "loop2.txt").symlink_to("loop1.txt")
    (corpus / "gone.md").symlink_to("nowhere.md")
    (corpus / "sub" / "up").symlink_to("..")
    (corpus / "again").symlink_to("sub")
    (corpus / "alias.txt").symlink_to("a.txt")
    (corpus / "locked").mkdir()
    (corpus / "notes.pdf").symlink_to("missing.pdf")  # not an article type: ignored like any .pdf
    real_scandir = os.scandir

    def scandir(path):  # root ignores permissions, so refuse the listing here
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = scan_corpus([corpus])
    assert [p.name for p in found.files] == ["a.txt", "b.txt"]
    assert reasons(found.skipped) == {
        "alias.txt": f"same file as {corpus / 'a.txt'} (read once)",
        "gone.md": "dangling symlink (points to nowhere.md, which does not exist)",
        "locked": "cannot list folder (permission denied)",
        "loop1.txt": "symlink loop (the link leads back to itself)",
        "loop2.txt": "symlink loop (the link leads back to itself)",
        "up": f"symlink loop (leads back to {corpus})",
        "again": f"same folder as {corpus / 'sub'} (read once)",
    }


def test_messages_for_bad_paths_given_explicitly(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "dangling.txt").symlink_to("target.txt")
    with pytest.raises(InputError, match=r"loop\.txt: symlink loop"):
        load_corpus([tmp_path / "loop.txt"])
    with pytest.raises(InputError, match=r"dangling\.txt: dangling symlink \(points to target\.txt"):
        load_corpus([tmp_path / "dangling.txt"])
    with pytest.raises(InputError, match="no such file or directory"):
        load_corpus([tmp_path / "absent.txt"])


def test_an_empty_folder_with_only_broken_entries_says_what_was_not_read(tmp_path):
    (tmp_path / "x.txt").symlink_to("x.txt")
    with pytest.raises(InputError, match=r"no articles found .*1 path\(s\) not read, e\.g\. .*x\.txt \(symlink loop"):
        load_corpus([tmp_path])


def test_hidden_entries_readme_and_other_types_are_ignored_on_purpose(tmp_path):
    article(tmp_path, "a.txt")
    article(tmp_path, ".git/x.txt")
    article(tmp_path, "README.md")
    article(tmp_path, "photo.png", "x")
    found = scan_corpus([tmp_path])
    assert [p.name for p in found.files] == ["a.txt"] and found.skipped == []


# ---------------------------------------------------------------------------- encodings and scripts
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8"])
def test_files_with_a_byte_order_mark_are_decoded(tmp_path, codec):
    from factcheck.claims import extract_claims

    path = tmp_path / "a.txt"
    path.write_bytes(("\ufeff" + BODY.replace("\n", "\r\n")).encode(codec))
    (art,) = load_corpus([path])
    assert art.text.startswith("Pemerintah kota") and art.offset == 1
    file_text = path.read_bytes().decode(codec)  # the BOM stays as character 0
    claims = extract_claims(art)
    assert [c.text for c in claims] == PARAGRAPHS
    assert all(file_text[c.start : c.end] == c.text for c in claims)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Berita tanpa tanda urutan byte. ".encode("utf-16-le") * 20, "UTF-16 text without a byte-order mark"),
        (b"\xff\xfe\x00\x00" + bytes(range(256)) * 4, "binary file"),
        (b"\xff\xfe" + b"\x00\xd8" * 50, "binary file"),  # lone surrogates: not UTF-16
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    ],
)
def test_binary_and_utf16_without_bom_are_told_apart(tmp_path, content, message):
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_corpus([path])


@pytest.mark.parametrize(
    "text",
    [
        "北京市政府周一宣布，新建的地铁线路将于下个月正式开通运营。该线路全长四十二公里，共设二十个车站。"
        "市长表示，这条线路将大大缩短市民的通勤时间。",
        "東京都は月曜日、新しい地下鉄路線を来月開業すると発表した。路線の全長は四十二キロで、駅は二十ある。"
        "知事は通勤時間が大幅に短くなると述べた。",
        "กรุงเทพมหานครประกาศเมื่อวันจันทร์ว่ารถไฟฟ้าสายใหม่จะเปิดให้บริการในเดือนหน้า เส้นทางมีความยาวสี่สิบสองกิโลเมตรและมีสถานียี่สิบแห่ง",
    ],
    ids=["chinese", "japanese", "thai"],
)
def test_scripts_without_spaces_are_counted_by_characters(tmp_path, text):
    (art,) = load_corpus([article(tmp_path, "a.txt", text + "\n")])
    assert art.text.startswith(text[:10])
    with pytest.raises(InputError, match="does not look like an article"):
        load_corpus([article(tmp_path, "short.txt", text[:20] + "\n")])


def test_a_chinese_corpus_is_audited_not_refused(tmp_path, fake_nli, fake_embedder):
    from factcheck.pipeline import audit

    zh = "北京市政府周一宣布，新建的地铁线路将于下个月正式开通运营。该线路全长四十二公里，共设二十个车站。\n"
    article(tmp_path, "a.txt", zh)
    article(tmp_path, "b.txt", zh.replace("二十", "十八"))
    result = audit([tmp_path], scorer=fake_nli, embedder=fake_embedder)
    assert [a.id for a in result.articles] == ["a.txt", "b.txt"]
    # sentences end at 。 without a following space, and are long enough by characters
    assert sorted(c.text for c in result.claims if c.article == "a.txt") == sorted(
        s + "。" for s in zh.strip().split("。") if s
    )


# ---------------------------------------------------------------------------- offsets (issue 10)
FRONT = "---\ntitle: Jembatan baru\npublished: 2024-03-04\n---\n"


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("bom.txt", b"\xef\xbb\xbf" + BODY.encode()),
        ("crlf.txt", BODY.replace("\n", "\r\n").encode()),
        ("front.md", (FRONT + BODY).encode()),
        ("all.md", b"\xef\xbb\xbf" + (FRONT + BODY).replace("\n", "\r\n").encode()),
        ("cr.txt", BODY.replace("\n", "\r").encode()),
    ],
)
def test_json_offsets_index_the_file_as_decoded(tmp_path, name, raw, fake_nli, fake_embedder):
    """``open(path, encoding="utf-8", newline="").read()[start:end]`` is the claim text (README)."""
    from factcheck.pipeline import audit
    from factcheck.report import _claim_json, to_json

    path = tmp_path / name
    path.write_bytes(raw)
    article(tmp_path, "other.txt", OTHER)
    result = audit([tmp_path], scorer=fake_nli, embedder=fake_embedder)
    with open(path, encoding="utf-8", newline="") as fh:
        file_text = fh.read()
    ours = [c for c in result.claims if c.article == name]
    assert [c.text for c in ours] == PARAGRAPHS
    for c in ours:
        assert file_text[c.start : c.end] == c.text
        assert file_text.replace("\r\n", "\n").replace("\r", "\n").count("\n", 0, c.start) + 1 == c.line
    claims_json = [c for f in to_json(result)["findings"] for c in f["claims"] if c["article"] == name]
    claims_json += [_claim_json(c) for c in ours]  # what the JSON writes for any claim of a finding
    assert all(file_text[c["start"] : c["end"]] == c["text"] for c in claims_json)


# ---------------------------------------------------------------------------- tables
def test_a_broken_jsonl_line_is_named_by_its_line_number(tmp_path):
    good = json.dumps({"id": "x", "text": BODY})
    path = article(tmp_path, "t.jsonl", f'{good}\n\n{{"id": "y", "text": "ok"\n{good}\n')
    with pytest.raises(InputError) as info:
        load_corpus([path])
    assert str(info.value).startswith(f"{path}:3: cannot parse as JSONL: Expecting ',' delimiter")


def test_utf16_tables_are_read(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(('\ufeffid,text\nx,"' + BODY + '"\n').encode("utf-16-le"))
    (art,) = load_corpus([path])
    assert art.id == "x" and art.text.startswith("Pemerintah")


# ---------------------------------------------------------------------------- Markdown escaping
EVIL_NAME = "a|b <img src=x onerror=alert(1)> `c` [l](javascript:x) ![i](x.png).md"


def _evil_result(tmp_path: Path, fake_nli, fake_embedder):
    from factcheck.pipeline import audit

    title = "Judul <img src=x onerror=alert(1)> | sel | [tautan](http://jahat.example) @admin #12\n# bukan judul"
    front = (
        "---\n"
        f"title: {json.dumps(title)}\n"
        'source: "<b>Sumber</b> | x"\n'
        'url: "javascript:alert(1)"\n'
        "published: 2024-03-04\n---\n"
    )
    speaker = '"Jembatan ini <script>x</script> siap dipakai warga setiap hari," kata Budi |Santoso| kepada wartawan.\n'
    article(tmp_path, EVIL_NAME, front + BODY + "\n" + speaker)
    article(tmp_path, "b.txt", OTHER + "\n" + speaker)
    return audit([tmp_path], scorer=fake_nli, embedder=fake_embedder)


def _assert_inert(md: str) -> None:
    """No HTML, link or image outside code spans (whose content GitHub shows as typed)."""
    text = re.sub(r"(`+)(.+?)\1", "", md)
    assert "`" not in text  # every code span closed
    assert "<" not in text and ">" not in text.replace("\n>", "\n").replace("\n> ", "\n")
    assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", text)  # no live [text](url) or ![image](url)
    assert "\n# bukan" not in md


def _cells(row: str) -> int:
    """Cells of a GFM table row: pipes not escaped and not inside a code span count."""
    row = re.sub(r"(`+)(.*?)\1", lambda m: m.group(0).replace("\\|", ""), row)
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_escapes_titles_file_names_speakers(tmp_path, fake_nli, fake_embedder):
    from factcheck.report import render_markdown

    result = _evil_result(tmp_path, fake_nli, fake_embedder)
    md = render_markdown(result, "evil <b>name</b>")
    _assert_inert(md)
    table = md.split("## Sources", 1)[1].split("\n\n", 2)[1].splitlines()
    assert len(table) == 4 and all(_cells(row) == 6 for row in table), table
    assert "`@admin`" in md and "`#12`" in md  # no mention, no issue link


def test_check_markdown_escapes_file_names(tmp_path, fake_nli, fake_embedder):
    from factcheck.ci import CheckInputs, check_articles, render_markdown

    result = _evil_result(tmp_path, fake_nli, fake_embedder)
    inputs = CheckInputs(result.articles, {EVIL_NAME}, tmp_path)
    outcome = check_articles(inputs, scorer=fake_nli, embedder=fake_embedder, fail_on="never")
    md = render_markdown(outcome)
    _assert_inert(md)


@pytest.mark.parametrize(
    "text",
    ["a\nb", "x\r\n\r\n<img src=x>", "`tick` and ``two``", "pipe | pipe", "tab\tand\x00nul", "line\u2028sep"],
)
def test_md_code_and_escape_md_stay_on_one_line(text):
    from factcheck.report import escape_md, md_code

    for out in (escape_md(text), md_code(text), md_code(text, in_table=True)):
        assert "\n" not in out and "\r" not in out and "\u2028" not in out and "\x00" not in out
        assert "<img" not in escape_md(text)
    code = md_code(text)
    fence = re.match(r"`+", code).group(0)
    assert code.endswith(fence) and fence not in code[len(fence) : -len(fence)]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("- item", "\\- item"), ("12. item", "12\\. item"), ("+ x", "\\+ x"), ("      code", " code"), ("===", "\\===")],
)
def test_escape_md_cannot_start_a_block(text, escaped):
    from factcheck.report import escape_md

    assert escape_md(text) == escaped


# ---------------------------------------------------------------------------- GitHub annotations
def test_github_annotations_escape_data_and_properties(tmp_path, fake_nli, fake_embedder):
    from dataclasses import replace

    from factcheck.ci import CheckInputs, check_articles, github_annotations

    result = _evil_result(tmp_path, fake_nli, fake_embedder)
    inputs = CheckInputs(result.articles, {EVIL_NAME}, tmp_path, skipped=[Skipped("x:y,z.txt", "a FIFO\r\n::x")])
    outcome = check_articles(inputs, scorer=fake_nli, embedder=fake_embedder, fail_on="never")
    item = next(i for i in outcome.items if i.status in ("warn", "fail"))
    claims = tuple(replace(c, path=str(tmp_path / "p:1,2%.txt")) for c in item.finding.claims)
    evil = replace(item.finding, reason="50% naik\r\n::error::palsu", claims=claims)
    outcome.items = [replace(item, finding=evil)]
    lines = github_annotations(outcome, root=tmp_path)
    assert lines[0] == "::warning file=x%3Ay%2Cz.txt,title=factcheck%3A not read::not read: a FIFO%0D%0A::x"
    assert "file=p%3A1%2C2%25.txt," in lines[1]
    assert "::[" + evil.severity + "] 50%25 naik%0D%0A::error::palsu" in lines[1]
    assert all("\n" not in line and "\r" not in line for line in lines)


# ---------------------------------------------------------------------------- CLI: skips, strict, outputs
@pytest.fixture
def fake_models(monkeypatch):
    import factcheck.embed
    import factcheck.nli
    from tests.fakes import FakeEmbedder, FakeNLI

    monkeypatch.setattr(factcheck.nli, "load_scorer", lambda model=None, **kw: FakeNLI())
    monkeypatch.setattr(factcheck.embed, "default_embedder", FakeEmbedder)


@pytest.fixture
def corpus_with_skips(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    article(corpus, "a.txt")
    article(corpus, "b.txt", OTHER)
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "gone.txt").symlink_to("nowhere.txt")
    return corpus


def test_audit_warns_per_skipped_path_and_lists_them(tmp_path, corpus_with_skips, fake_models):
    from factcheck.cli import app

    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(corpus_with_skips), "--out", str(out)], terminal_width=300)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {corpus_with_skips / 'gone.txt'}: not read: dangling symlink (points to nowhere.txt, which "
        "does not exist)",
        f"warning: {corpus_with_skips / 'loop.txt'}: not read: symlink loop (the link leads back to itself)",
    ]
    data = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert data["skipped"] == [
        {
            "path": str(corpus_with_skips / "gone.txt"),
            "reason": "dangling symlink (points to nowhere.txt, which does not exist)",
        },
        {"path": str(corpus_with_skips / "loop.txt"), "reason": "symlink loop (the link leads back to itself)"},
    ]
    assert {"version", "model", "stats", "articles", "findings"} <= set(data)
    md = (out / "corpus.md").read_text(encoding="utf-8")
    assert "**2 paths under the corpus were not read**" in md
    section = md.split("## Not read\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section == [
        f"- `{corpus_with_skips / 'gone.txt'}`: dangling symlink (points to nowhere.txt, which does not exist)",
        f"- `{corpus_with_skips / 'loop.txt'}`: symlink loop (the link leads back to itself)",
    ]


def test_strict_turns_skips_into_exit_2_before_any_work(tmp_path, corpus_with_skips, fake_models):
    from factcheck.cli import app

    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(corpus_with_skips), "--out", str(out), "--strict"], terminal_width=300)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: 2 paths under the corpus could not be read (--strict); first: {corpus_with_skips / 'gone.txt'}: "
        "dangling symlink (points to nowhere.txt, which does not exist)"
    )
    assert not out.exists()
    clean = tmp_path / "clean"
    for name in ("a.txt", "b.txt"):
        article(clean, name, (corpus_with_skips / name).read_text(encoding="utf-8"))
    result = runner.invoke(app, ["audit", str(clean), "--out", str(out), "--strict"], terminal_width=300)
    assert result.exit_code == 0, result.output
    assert json.loads((out / "clean.json").read_text(encoding="utf-8"))["skipped"] == []


def test_check_lists_skips_and_strict_fails(tmp_path, corpus_with_skips, monkeypatch):
    from factcheck import cli_ci
    from factcheck.cli import app
    from tests.fakes import FakeEmbedder, FakeNLI

    monkeypatch.setattr(cli_ci, "make_scorer", lambda model: FakeNLI())
    monkeypatch.setattr(cli_ci, "make_embedder", FakeEmbedder)
    out = tmp_path / "rep"
    args = ["check", str(corpus_with_skips / "b.txt"), "--corpus", str(corpus_with_skips), "--no-cache"]
    result = runner.invoke(app, [*args, "--format", "json,github", "--out", str(out)], terminal_width=300)
    assert result.exit_code in (0, 1), result.output
    assert sum(line.startswith("warning:") for line in result.stderr.splitlines()) == 2
    assert sum("title=factcheck%3A not read" in line for line in result.stdout.splitlines()) == 2
    data = json.loads((out / "factcheck-check.json").read_text(encoding="utf-8"))
    assert [Path(s["path"]).name for s in data["skipped"]] == ["gone.txt", "loop.txt"]
    result = runner.invoke(app, [*args, "--strict"], terminal_width=300)
    assert result.exit_code == 2 and "could not be read (--strict)" in result.stderr


def test_a_special_file_argument_is_one_line_exit_2(fifo, fake_models, tmp_path):
    from factcheck.cli import app

    with deadline(20):
        result = runner.invoke(app, ["audit", str(fifo), "--out", str(tmp_path / "o")], terminal_width=300)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "a FIFO (named pipe)" in result.stderr


def test_a_file_name_with_rich_markup_is_printed_as_is(tmp_path, fake_models):
    from factcheck.cli import app

    path = tmp_path / "[bold]x [red]y.txt"
    path.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path), "--out", str(tmp_path / "o")], terminal_width=300)
    assert result.exit_code == 2 and f"{path}: file is empty" in result.stderr


def test_unwritable_out_is_named_by_the_users_path(tmp_path, monkeypatch, fake_models):
    import tempfile

    from factcheck.cli import app

    corpus = tmp_path / "corpus"
    article(corpus, "a.txt")
    article(corpus, "b.txt", OTHER)
    out = tmp_path / "ro"

    def refuse(*args, **kwargs):  # what a read-only folder answers (root would not be refused)
        raise PermissionError(13, "Permission denied", str(out / ".corpus.factcheck-tmp-abc"))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    result = runner.invoke(app, ["audit", str(corpus), "--out", str(out)], terminal_width=300)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {out}: cannot write report (Permission denied)"


# ---------------------------------------------------------------------------- report sets
def _write_killed_at(out: Path, kill_at: int) -> int:
    """Write a new set in a forked child that dies like ``kill -9`` (no cleanup, no ``finally``) at
    its ``kill_at``-th file write, rename or move; returns the child's exit status (0: not killed)."""
    with warnings.catch_warnings():  # 3.12+ warns on fork() in a process with threads; the child only writes files
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child
        import factcheck.report as report

        steps = [0]

        def step(fn):
            def wrapped(*args, **kwargs):
                steps[0] += 1
                if steps[0] == kill_at:
                    os._exit(9)
                return fn(*args, **kwargs)

            return wrapped

        report._write_synced = step(report._write_synced)  # type: ignore[assignment]
        os.replace = step(os.replace)
        os.rename = step(os.rename)
        try:
            report.write_rendered({"md": "new md", "json": "new json", "csv": "new csv"}, out, "demo")
        finally:
            os._exit(100 + steps[0] if kill_at == 0 else 0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def _visible(out: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir()) if not p.name.startswith(".")}


OLD = {"demo.csv": "old csv", "demo.json": "old json", "demo.md": "old md"}
NEW = {"demo.csv": "new csv", "demo.json": "new json", "demo.md": "new md"}


def test_a_report_set_is_one_generation_whenever_the_run_is_killed(tmp_path):
    from factcheck.report import recover_report_set, write_rendered

    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    probe = tmp_path / "probe"
    write_rendered({k.split(".")[1]: v for k, v in OLD.items()}, probe, "demo")
    steps = _write_killed_at(probe, 0) - 100  # never killed: count the steps
    assert steps == 8 and _visible(probe) == NEW  # 3 files + manifest, the commit rename, 3 moves
    for kill_at in range(1, steps + 1):
        out = tmp_path / f"k{kill_at}"
        write_rendered({k.split(".")[1]: v for k, v in OLD.items()}, out, "demo")
        assert _write_killed_at(out, kill_at) == 9
        if kill_at <= 5:  # before the commit: the previous set, untouched
            assert _visible(out) == OLD
        recover_report_set(out, "demo")  # what the next run does first
        assert _visible(out) == (OLD if kill_at <= 5 else NEW), kill_at
        assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_the_next_run_removes_stale_temporary_files(tmp_path):
    from factcheck.report import write_rendered

    (tmp_path / ".demo.factcheck-tmp-x1y2").mkdir()
    (tmp_path / ".demo.factcheck-tmp-x1y2" / "demo.md").write_text("half", encoding="utf-8")
    (tmp_path / ".demo.md.abc123.tmp").write_text("half", encoding="utf-8")  # older factcheck's temp file
    (tmp_path / ".other.md.abc123.tmp").write_text("not ours", encoding="utf-8")
    write_rendered({"md": "new"}, tmp_path, "demo")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.md.abc123.tmp", "demo.md"]


# ---------------------------------------------------------------------------- other owners' files
def test_cache_info_never_modifies_the_cache(tmp_path):
    from factcheck.cli import app

    path = tmp_path / "cache.sqlite"
    path.write_bytes(b"this is not an SQLite database" * 100)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(app, ["cache", "info", "--cache", str(path)], terminal_width=300)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert path.read_bytes() == b"this is not an SQLite database" * 100
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) <= 1


def test_a_folder_that_is_not_a_model_is_named_so(tmp_path):
    from factcheck.nli import ModelError, load_scorer

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "config.json").write_text("{}", encoding="utf-8")
    (folder / "readme.txt").write_text("not a model", encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_scorer(str(folder))
    assert "not an NLI model folder" in str(info.value) and len(str(info.value).splitlines()) == 1
