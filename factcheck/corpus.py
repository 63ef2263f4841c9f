"""Stage 1: read a corpus of articles from files and folders.

Supported: ``.txt`` and ``.md`` (optionally with YAML front matter: title, source, url, published,
language) and tables of articles in ``.jsonl`` / ``.csv`` (one article per row, read with pandas).
Every problem with an input file raises :class:`~factcheck.errors.InputError` naming the file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.normalize.dates import find_publication_date

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
TABLE_SUFFIXES = {".jsonl", ".csv"}
MAX_BYTES = 20 * 1024 * 1024
MIN_WORDS = 25
_TEXT_COLUMNS = ("text", "content", "body", "article")
_META_KEYS = ("title", "source", "url", "published", "language")


@dataclass(frozen=True)
class Article:
    """One article. ``text`` is the body; ``offset``/``first_line`` place it inside its file."""

    id: str
    path: str
    text: str
    offset: int = 0  # character offset of text[0] within the file (after front matter)
    first_line: int = 1  # 1-based line number of text[0] within the file
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None  # "front matter", "header", "dateline", "inline", "column"
    language: str = "id"
    sha256: str = ""
    in_table: bool = False  # a row of a .jsonl/.csv file: offsets are into the row's text
    meta: dict[str, str] = field(default_factory=dict)

    def file_line(self, pos: int) -> int:
        """1-based line in the file of character ``pos`` of :attr:`text`."""
        return self.first_line + self.text.count("\n", 0, pos)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(path, f"file is too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MiB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not raw.strip():
        raise InputError(path, "file is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(path, "binary file, not text (expected UTF-8 text, Markdown, JSONL or CSV)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); re-save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_date(value: Any, path: Path, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    from dateparser import parse

    parsed = parse(str(value), languages=["id", "en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError(path, f"{what}: cannot read the date {str(value)!r} (use YYYY-MM-DD)")
    return parsed.date()


_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], int]:
    """(metadata, offset of the body). Broken front matter is an error, not silently text."""
    if not text.startswith("---"):
        return {}, 0
    m = _FRONT.match(text)
    if m is None:
        raise InputError(path, "front matter starts with '---' but has no closing '---' line")
    import yaml

    try:
        meta = yaml.safe_load(m.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise InputError(path, f"front matter is not valid YAML{where}") from None
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of fields (title: ..., published: ...)")
    return meta, m.end()


def _check_article(path: Path | str, body: str) -> None:
    words = len(body.split())
    if words < MIN_WORDS:
        raise InputError(path, f"does not look like an article ({words} words; at least {MIN_WORDS} needed)")
    letters = sum(ch.isalpha() for ch in body)
    if letters < 0.5 * len(body.replace(" ", "").replace("\n", "")):
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
        language=str(meta.get("language") or language),
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        in_table=in_table,
        meta=unknown,
    )


def _guess_title(body: str) -> str | None:
    for line in body.splitlines():
        line = line.strip().lstrip("# ").strip()
        if line:
            return line[:120] if len(line.split()) >= 3 else None
    return None


def read_text_article(path: Path, display: str | None = None, language: str = "id") -> Article:
    text = _read_text(path)
    meta, offset = _split_front_matter(path, text)
    body = text[offset:]
    _check_article(path, body)
    return _make(
        path,
        display or str(path),
        path.name,
        body,
        meta,
        offset=offset,
        first_line=text.count("\n", 0, offset) + 1,
        language=language,
    )


def read_table(path: Path, display: str | None = None, language: str = "id") -> list[Article]:
    """Articles from a ``.jsonl`` or ``.csv`` file: one per row, text in a text/content/body column."""
    import pandas as pd

    _read_text(path)  # same checks for empty, binary, encoding and size
    try:
        if path.suffix == ".jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError, json.JSONDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(path, f"cannot parse as {path.suffix[1:].upper()}: {first}") from None
    column = next((c for c in _TEXT_COLUMNS if c in frame.columns), None)
    if column is None:
        raise InputError(path, f"no text column (expected one of: {', '.join(_TEXT_COLUMNS)})")
    out = []
    for i, row in enumerate(frame.to_dict("records")):
        body = str(row.get(column) or "")
        line = i + 1 if path.suffix == ".jsonl" else i + 2
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


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to read, folders walked in sorted order; hidden files and folders skipped."""
    for path in paths:
        if not path.exists():
            raise InputError(path, "no such file or directory")
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not child.is_file():
                    continue
                if child.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES and child.name.lower() != "readme.md":
                    found = True
                    yield child
            if not found:
                raise InputError(path, "no articles found (looked for .txt, .md, .jsonl and .csv files)")
        elif path.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES:
            yield path
        else:
            raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}; use .txt, .md, .jsonl or .csv")


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
