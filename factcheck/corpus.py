"""Stage 1: read a corpus of articles from files and folders.

Supported: ``.txt`` and ``.md`` (optionally with YAML front matter: title, source, url, published,
language) and tables of articles in ``.jsonl`` / ``.csv`` (one article per row, read with pandas).
Every problem with an input file raises :class:`~factcheck.errors.InputError` naming the file.

Files are UTF-8, or UTF-16 / UTF-32 with a byte-order mark. Offsets (:attr:`Article.offset`, and
so every claim's ``start``/``end``) count characters of the file as a standard decoder returns
them: the byte-order mark, if any, is character 0 (U+FEFF) and line endings are kept as they are
(CR LF is two characters), i.e. ``open(path, encoding="utf-8", newline="").read()[start:end]``
(``raw.decode("utf-16-le")`` etc. for UTF-16/32). Article text keeps CR LF line endings for the
same reason; a lone CR (old Mac files) becomes LF, which keeps every offset.

Walking a folder (:func:`scan_corpus`) skips hidden entries, ``README.md`` and files of other
types on purpose; anything else it cannot use (a folder it cannot list, a symlink loop, a dangling
link, a FIFO, device or socket, a second name of a file already read) is returned as
:class:`Skipped`, for the CLI to warn about and the report to list. Special files are recognised
by ``stat`` and never opened.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.normalize.dates import DateMention, find_first_publication, find_publication_date, find_reused_part

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
MAX_BYTES = 20 * 1024 * 1024
#: longest line of an article (a paragraph): keeps every stage linear and refuses dumps of whole corpora
MAX_LINE_CHARS = 100_000
#: longest article (about 150,000 words); longer texts are not one news article
MAX_ARTICLE_CHARS = 1_000_000
MIN_WORDS = 25
#: for text in scripts written without spaces between words: characters that count as one word
CHARS_PER_WORD = 2
_TEXT_COLUMNS = ("text", "content", "body", "article")
_META_KEYS = ("title", "source", "url", "published", "language")


@dataclass(frozen=True)
class Article:
    """One article. ``text`` is the body; ``offset``/``first_line`` place it inside its file.

    ``text`` keeps the file's CR LF line endings, so ``offset + i`` is the file offset of
    ``text[i]`` (see the module docstring); split lines on ``"\\n"`` and strip them.
    """

    id: str
    path: str
    text: str
    offset: int = 0  # character offset of text[0] within the file (after BOM and front matter)
    first_line: int = 1  # 1-based line number of text[0] within the file
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None  # "front matter", "header", "dateline", "inline", "column"
    # the day it was first published, when its stamp says it was updated or republished since
    # (:func:`factcheck.normalize.dates.find_first_publication`): its relative dates are that day's
    written: date | None = None
    # the day the text below its lead first appeared, when an editor's note says part of the page
    # is older (:func:`factcheck.normalize.dates.find_reused_part`): a new lead over an old story
    reused: date | None = None
    language: str = "id"
    language_stated: bool = False  # the front matter or column gave the language (else it is detected)
    sha256: str = ""
    in_table: bool = False  # a row of a .jsonl/.csv file: offsets are into the row's text
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def anchor(self) -> date | None:
        """The day its relative dates ("kemarin", "last week") count from: when it was written."""
        return self.written or self.published

    def on_update_day(self, d: DateMention) -> bool:
        """A date covering the day the page was updated, when it says it was written earlier."""
        return (
            self.written is not None
            and self.published is not None
            and d.lo is not None
            and d.hi is not None
            and d.lo <= self.published <= d.hi
        )

    def file_line(self, pos: int) -> int:
        """1-based line in the file of character ``pos`` of :attr:`text`."""
        return self.first_line + self.text.count("\n", 0, pos)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),  # before UTF-16 LE: FF FE 00 00 starts with FF FE
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_LONE_CR = re.compile(r"\r(?!\n)")
_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a special file is ("a FIFO (named pipe)", "a socket", ...) from its ``st_mode``; else None."""
    return next((what for test, what in _SPECIAL if test(mode)), None)


def _looks_utf16(head: bytes) -> bool:
    """NUL bytes at every other position only: UTF-16 text saved without a byte-order mark."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 16:
        return False
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    return max(zeros_even, zeros_odd) > 0.3 and min(zeros_even, zeros_odd) == 0


def _mostly_control(text: str) -> bool:
    """NUL, or more than 1 % control characters other than whitespace: bytes, not text."""
    if "\x00" in text:
        return True
    head = text[:8192]
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
    return controls > 0.01 * len(head)


def decode_text(path: Path | str, raw: bytes) -> tuple[str, int]:
    """(text without its byte-order mark, 1 if the file had one else 0). Line endings unchanged."""
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"binary file, not text (starts with a {label} byte-order mark but is not valid {label} "
                    f"at byte {exc.start + len(bom)})",
                ) from None
            if _mostly_control(text):
                raise InputError(path, f"binary file, not text (starts with a {label} byte-order mark)")
            return text, 1
    if b"\x00" in raw[:8192]:
        if _looks_utf16(raw[:8192]):
            raise InputError(path, "UTF-16 text without a byte-order mark; re-save it as UTF-8 (or UTF-16 with BOM)")
        raise InputError(path, "binary file, not text (expected UTF-8 text, Markdown, JSONL or CSV)")
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); re-save it as UTF-8"
        ) from None


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; refuses special files (by ``stat``, before opening) and huge files."""
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(path, describe_os_error(path, exc)) from None
    kind = special_kind(st.st_mode)
    if kind is not None or not stat.S_ISREG(st.st_mode):
        raise InputError(path, f"{kind or 'not a regular file'}, not an article file; factcheck does not read it")
    if st.st_size > MAX_BYTES:
        raise InputError(path, f"file is too large ({st.st_size / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MiB)")
    try:
        # O_NONBLOCK: should the path have become a FIFO since the stat, opening it cannot block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise InputError(path, "not a regular file, not an article file; factcheck does not read it")
        try:
            raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise InputError(path, f"file is too large (more than {MAX_BYTES // 2**20} MiB)")
    return raw


def _read_text(path: Path) -> str:
    return _read_file(path)[0]


def _read_file(path: Path) -> tuple[str, int]:
    """(text, characters before it in the file: 1 for a byte-order mark). CR LF kept, lone CR -> LF."""
    raw = _read_bytes(path)
    if not raw.strip():
        raise InputError(path, "file is empty")
    text, bom = decode_text(path, raw)
    if not text.strip():
        raise InputError(path, "file is empty")
    return _LONE_CR.sub("\n", text), bom


def describe_os_error(path: Path | str, exc: OSError) -> str:
    """What is wrong with ``path`` in a user's words: "symlink loop", "dangling symlink (...)"..."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself)"
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"dangling symlink (points to {os.readlink(path)}, which does not exist)"
        return "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\Z")


def _parse_date(value: Any, path: Path, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if _ISO.match(str(value).strip()):  # the common case, without dateparser's 6 ms per call
        try:
            return datetime.fromisoformat(str(value).strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass  # e.g. 2024-13-01: let dateparser say it cannot read it
    from dateparser import parse

    parsed = parse(str(value), languages=["id", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError(path, f"{what}: cannot read the date {str(value)!r} (use YYYY-MM-DD)")
    return parsed.date()


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], int]:
    """(metadata, offset of the body). Broken front matter is an error, not silently text."""
    if not text.startswith("---"):
        return {}, 0
    m = _FRONT.match(text)
    if m is None:
        raise InputError(path, "front matter starts with '---' but has no closing '---' line")
    import yaml

    try:
        # libyaml's safe loader where PyYAML was built with it (same documents, ~10x faster)
        meta = yaml.load(m.group(1) or "", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(path, f"front matter is not valid YAML{where}") from None
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of fields (title: ..., published: ...)")
    return meta, m.end()


#: letters of scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar,
#: Tibetan, Javanese, Balinese...): such text is measured in characters, not words
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u1b00-\u1b7f\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ua980-\ua9df\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)


def text_length(text: str) -> int:
    """Length in words: whitespace-separated words, plus one per :data:`CHARS_PER_WORD` characters of
    scripts written without spaces (a Chinese or Thai article is not one long "word")."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    spaced = len(_UNSPACED.sub(" ", text).split())
    return spaced + unspaced // CHARS_PER_WORD


def _longest_line(body: str) -> tuple[int, int]:
    """(1-based number, length) of the longest line, in one linear pass."""
    best, best_no, start, no = 0, 1, 0, 1
    while True:
        end = body.find("\n", start)
        stop = len(body) if end < 0 else end
        if stop - start > best:
            best, best_no = stop - start, no
        if end < 0:
            return best_no, best
        start, no = end + 1, no + 1


_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters (what str.isalpha counts, at C speed)


def _check_article(path: Path | str, body: str, first_line: int = 1) -> None:
    line_no, longest = _longest_line(body)
    if longest > MAX_LINE_CHARS:
        raise InputError(
            path,
            f"line {first_line + line_no - 1} has {longest:,} characters (the limit is {MAX_LINE_CHARS:,}): "
            "split it into paragraphs, or one article per line of a .jsonl table",
        )
    if len(body) > MAX_ARTICLE_CHARS:
        raise InputError(
            path,
            f"too long for one article ({len(body):,} characters; the limit is {MAX_ARTICLE_CHARS:,}): "
            "split it into articles",
        )
    words = text_length(body)
    if words < MIN_WORDS:
        raise InputError(path, f"does not look like an article ({words} words; at least {MIN_WORDS} needed)")
    visible = "".join(body.split())
    letters = sum(map(len, _LETTERS.findall(visible)))
    if letters < 0.5 * len(visible):
        raise InputError(path, "does not look like an article (mostly digits or symbols)")


def _make(
    path: Path,
    display: str,
    art_id: str,
    body: str,
    meta: dict[str, Any],
    *,
    offset: int = 0,
    first_line: int = 1,
    in_table: bool = False,
    language: str = "id",
) -> Article:
    unknown = {k: str(v) for k, v in meta.items() if k not in _META_KEYS}
    published: date | None = None
    published_from: str | None = None
    if meta.get("published") not in (None, ""):
        published = _parse_date(meta["published"], path, "published")
        published_from = "column" if in_table else "front matter"
    else:
        found = find_publication_date(body)
        if found:
            published, published_from = found
    first = find_first_publication(body)
    written = first if first is not None and (published is None or first < published) else None
    part = find_reused_part(body)
    reused = part if part is not None and published is not None and part < published and written is None else None
    return Article(
        id=art_id,
        path=display,
        text=body,
        offset=offset,
        first_line=first_line,
        title=str(meta["title"]) if meta.get("title") else _guess_title(body),
        source=str(meta["source"]) if meta.get("source") else None,
        url=str(meta["url"]) if meta.get("url") else None,
        published=published,
        published_from=published_from,
        written=written,
        reused=reused,
        language=str(meta.get("language") or language),
        language_stated=bool(meta.get("language")),
        sha256=hashlib.sha256(body.replace("\r\n", "\n").encode("utf-8")).hexdigest(),
        in_table=in_table,
        meta=unknown,
    )


def _guess_title(body: str) -> str | None:
    for line in body.splitlines():
        line = line.strip().lstrip("# ").strip()
        if line:
            return line[:120] if text_length(line) >= 3 else None
    return None


def read_text_article(path: Path, display: str | None = None, language: str = "id") -> Article:
    text, bom = _read_file(path)
    meta, offset = _split_front_matter(path, text)
    body = text[offset:]
    first_line = text.count("\n", 0, offset) + 1
    _check_article(path, body, first_line)
    return _make(
        path,
        display or str(path),
        path.name,
        body,
        meta,
        offset=bom + offset,
        first_line=first_line,
        language=language,
    )


def _jsonl_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; a broken line is named by its number."""
    rows = []
    for no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{no}", f"cannot parse as JSONL: {exc.msg} (column {exc.colno})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{no}", f"cannot parse as JSONL: expected an object, got {type(row).__name__}")
        rows.append((no, row))
    return rows


def _csv_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    import io

    import pandas as pd

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"cannot parse as CSV: {first}") from None
    return [(i + 2, {str(k): v for k, v in row.items()}) for i, row in enumerate(frame.to_dict("records"))]


def read_table(path: Path, display: str | None = None, language: str = "id") -> list[Article]:
    """Articles from a ``.jsonl`` or ``.csv`` file: one per row, text in a text/content/body column."""
    text, _ = _read_file(path)  # same checks for empty, binary, encoding, size and special files
    rows = _jsonl_rows(path, text) if path.suffix.lower() == ".jsonl" else _csv_rows(path, text)
    columns = {k for _, row in rows for k in row}
    column = next((c for c in _TEXT_COLUMNS if c in columns), None)
    if column is None:
        raise InputError(path, f"no text column (expected one of: {', '.join(_TEXT_COLUMNS)})")
    out = []
    for line, row in rows:
        value = row.get(column)
        body = "" if value is None else str(value)
        where = f"{path}:{line}"
        if not body.strip():
            raise InputError(where, "row has an empty text field")
        _check_article(where, body)
        meta = {k: v for k, v in row.items() if k in _META_KEYS and v not in (None, "") and v == v}
        art_id = str(row.get("id") or f"{path.name}#{line}")
        out.append(
            _make(path, display or str(path), art_id, body, meta, first_line=line, in_table=True, language=language)
        )
    return out


@dataclass(frozen=True)
class Skipped:
    """A path under the corpus that was not read, and why (in the user's words)."""

    path: str
    reason: str


@dataclass
class CorpusFiles:
    """What :func:`scan_corpus` found: the article files to read, and what it could not use."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _is_article_name(name: str) -> bool:
    suffix = Path(name).suffix.lower()
    return suffix in TEXT_SUFFIXES | TABLE_SUFFIXES and name.lower() != "readme.md"


class _Walk:
    """One walk over the paths given: folders in sorted order, each real file and folder once.

    Symlinks are followed after the real entries (:meth:`drain`), so a file or folder reached both
    directly and through a link is read under its real name and the link is listed.
    """

    def __init__(self) -> None:
        self.found = CorpusFiles()
        self.files_seen: dict[tuple[int, int], Path] = {}
        self.dirs_seen: dict[tuple[int, int], Path] = {}
        self.links: list[tuple[Path, tuple[tuple[int, int], ...]]] = []

    def drain(self) -> None:
        """Follow the symlinks met so far (and those met behind them), in the order met."""
        while self.links:
            path, ancestors = self.links.pop(0)
            self.entry(path, ancestors, follow=True)

    def skip(self, path: Path, reason: str) -> None:
        self.found.skipped.append(Skipped(str(path), reason))

    def add_file(self, path: Path, st: os.stat_result) -> None:
        key = (st.st_dev, st.st_ino)
        if key in self.files_seen:
            self.skip(path, f"same file as {self.files_seen[key]} (read once)")
            return
        self.files_seen[key] = path
        self.found.files.append(path)

    def folder(self, root: Path, st: os.stat_result, ancestors: tuple[tuple[int, int], ...]) -> None:
        key = (st.st_dev, st.st_ino)
        self.dirs_seen[key] = root
        try:
            with os.scandir(root) as it:
                names = sorted(entry.name for entry in it)
        except OSError as exc:
            if not ancestors:
                raise InputError(root, f"cannot list folder ({describe_os_error(root, exc)})") from None
            self.skip(root, f"cannot list folder ({describe_os_error(root, exc)})")
            return
        for name in names:
            if name.startswith("."):
                continue
            self.entry(root / name, (*ancestors, key))

    def entry(self, path: Path, ancestors: tuple[tuple[int, int], ...], follow: bool = False) -> None:
        if not follow and path.is_symlink():
            self.links.append((path, ancestors))
            return
        maybe_article = _is_article_name(path.name) or not path.suffix
        try:
            st = path.stat()
        except OSError as exc:
            if maybe_article:
                self.skip(path, describe_os_error(path, exc))
            return
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                self.skip(path, f"symlink loop (leads back to {self.dirs_seen.get(key, 'a folder above it')})")
            elif key in self.dirs_seen:
                self.skip(path, f"same folder as {self.dirs_seen[key]} (read once)")
            else:
                self.folder(path, st, ancestors)
            return
        if not maybe_article:
            return
        if stat.S_ISREG(st.st_mode):
            if _is_article_name(path.name):
                self.add_file(path, st)
            return
        self.skip(path, f"{special_kind(st.st_mode) or 'not a regular file'}, not read")


def scan_corpus(paths: Iterable[Path | str]) -> CorpusFiles:
    """The article files under ``paths`` (folders walked in sorted order, symlinks followed) and the
    paths under them that could not be used. A path given explicitly that cannot be used, or a
    folder without articles, is an :class:`InputError`."""
    walk = _Walk()
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError as exc:
            raise InputError(path, describe_os_error(path, exc)) from None
        if stat.S_ISDIR(st.st_mode):
            before, skipped_before = len(walk.found.files), len(walk.found.skipped)
            if (st.st_dev, st.st_ino) in walk.dirs_seen:
                continue
            walk.folder(path, st, ())
            walk.drain()
            if len(walk.found.files) == before:
                lost = walk.found.skipped[skipped_before:]
                extra = f"; {len(lost)} path(s) not read, e.g. {lost[0].path} ({lost[0].reason})" if lost else ""
                raise InputError(path, f"no articles found (looked for .txt, .md, .jsonl and .csv files{extra})")
        elif not stat.S_ISREG(st.st_mode):
            kind = special_kind(st.st_mode) or "not a regular file"
            raise InputError(path, f"{kind}, not an article file; factcheck does not read it")
        elif path.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES:
            if (st.st_dev, st.st_ino) not in walk.files_seen:  # named twice on the command line: read once
                walk.add_file(path, st)
        else:
            raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}; use .txt, .md, .jsonl or .csv")
    return walk.found


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read, folders walked in sorted order; hidden files and folders skipped (and the
    paths that cannot be used, see :func:`scan_corpus`)."""
    yield from scan_corpus(paths).files


def load_corpus(paths: Iterable[Path | str], language: str = "id") -> list[Article]:
    """Every article under ``paths``. Article ids are file names; duplicates are an error."""
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in iter_article_files(Path(p) for p in paths):
        batch = (
            read_table(path, language=language)
            if path.suffix.lower() in TABLE_SUFFIXES
            else [read_text_article(path, language=language)]
        )
        for art in batch:
            if art.id in seen and seen[art.id] != str(path):
                raise InputError(path, f"article id {art.id!r} is also used by {seen[art.id]}; rename one")
            seen[art.id] = str(path)
            articles.append(art)
    return articles
