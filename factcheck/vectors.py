"""Sentence and fact vectors in a memory-mapped file instead of RAM.

An audit holds one float32 row per claim (and one per masked fact text): 1.5 kB each with the
384-dimension embedder, about 140 MB for the 90,000 claims of 10,000 generated articles, and a few
copies of that while the stages gather and slice them. :class:`VectorStore` keeps the rows in a
file mapped with ``np.memmap``: the arrays it hands out are ordinary ``np.ndarray`` (subclass)
views, so the consumers slice and index them as before, and their pages live in the page cache,
where the kernel can write them back and drop them, instead of in the process's own memory.

- The file goes in the system's temporary folder, or next to the SQLite cache when there is one
  (:func:`directory_for`; a ``/tmp`` on tmpfs is RAM itself, the cache's folder usually is not).
  On POSIX it is unlinked as soon as it is mapped: the mapping keeps its data while any array uses
  it, and a crashed run leaves no file behind. Elsewhere it is removed by :meth:`VectorStore.close`
  (or when the store is garbage-collected).
- :func:`release` drops an array's pages from the process (``madvise(MADV_DONTNEED)``; the data
  stays in the page cache and is read back on the next access). The pipeline calls it when a stage
  is done with the vectors, so peak RSS does not carry them into the NLI stage.
- Arrays of fewer than :data:`MMAP_MIN_ROWS` rows stay in RAM (a ``check``'s new articles, the
  tests): no file for a few kilobytes. The numbers are the same either way: the same float32 rows,
  written and read back bit for bit.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

#: arrays with fewer rows than this stay in RAM (0: every array goes to a file, as the tests force)
MMAP_MIN_ROWS = 4096
#: rows gathered or copied per step (:func:`take`): 4,096 rows of 384 floats are 6 MB
BLOCK_ROWS = 4096
#: ``$FACTCHECK_VECTOR_DIR``: the folder for the files, whatever the cache
DIR_ENV = "FACTCHECK_VECTOR_DIR"

DTYPE = np.float32

#: what went to files in this process (for the benchmarks): stores made, rows and bytes allocated
totals = {"stores": 0, "rows": 0, "bytes": 0}


def _remove(path: str, handle: Any) -> None:
    with contextlib.suppress(OSError):
        handle.close()
    with contextlib.suppress(OSError):  # already unlinked (POSIX: right after it was created)
        os.unlink(path)


class VectorStore:
    """Float32 rows of one width in a memory-mapped file, appended in batches; the file grows in
    chunks (its capacity doubles when a batch does not fit; the unwritten part is a sparse hole)."""

    def __init__(self, dim: int, directory: Path | str | None = None, capacity: int = 1024) -> None:
        if dim <= 0:
            raise ValueError(f"dim must be positive, not {dim}")
        self.dim = int(dim)
        folder = Path(directory) if directory is not None else Path(tempfile.gettempdir())
        fd, name = tempfile.mkstemp(prefix="factcheck-vectors-", suffix=".f32", dir=folder)
        self.path = Path(name)
        self._file: Any = open(name, "r+b")  # noqa: SIM115 (closed by close() or the finaliser)
        os.close(fd)
        self._finalizer = weakref.finalize(self, _remove, name, self._file)
        if os.name == "posix":
            os.unlink(name)  # the mapping keeps the data; nothing is left behind if the run dies
        totals["stores"] += 1
        self._rows = 0
        self._capacity = 0
        self._map: np.memmap | None = None
        self._grow(max(1, int(capacity)))

    # ------------------------------------------------------------------ growth
    def _grow(self, needed: int) -> None:
        if self._file is None:
            raise ValueError("the vector store is closed")
        capacity = max(needed, 2 * self._capacity, 1)
        self._file.truncate(capacity * self.dim * DTYPE().itemsize)
        # a new mapping of the longer file; arrays handed out earlier keep the old one, which maps
        # the same pages of the same file
        self._map = np.memmap(self._file, dtype=DTYPE, mode="r+", shape=(capacity, self.dim))
        self._capacity = capacity

    @property
    def rows(self) -> int:
        return self._rows

    @property
    def capacity(self) -> int:
        return self._capacity

    def allocate(self, n: int) -> np.ndarray:
        """``n`` new rows (zeros) at the end, as a writable view."""
        if self._map is None:
            raise ValueError("the vector store is closed")
        if self._rows + n > self._capacity:
            self._grow(self._rows + n)
        assert self._map is not None
        lo = self._rows
        self._rows += n
        totals["rows"] += n
        totals["bytes"] += n * self.dim * DTYPE().itemsize
        return self._map[lo : lo + n]

    def append(self, batch: np.ndarray) -> range:
        """Write ``batch`` (rows of width :attr:`dim`) after the last row; returns its row numbers."""
        batch = np.asarray(batch)
        if batch.ndim != 2 or batch.shape[1] != self.dim:
            raise ValueError(f"expected rows of width {self.dim}, got shape {batch.shape}")
        lo = self._rows
        self.allocate(len(batch))[:] = batch
        return range(lo, lo + len(batch))

    def array(self) -> np.ndarray:
        """Every row written so far, as a view of the file (no copy)."""
        if self._map is None:
            raise ValueError("the vector store is closed")
        return self._map[: self._rows]

    def gather(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        """Rows in the given order, in RAM (a copy: use it for a block, an event, not the corpus)."""
        return np.asarray(self.array()[np.asarray(rows, dtype=np.intp)])

    def close(self) -> None:
        """Let go of the file: removed now if it still has a name; arrays handed out earlier stay
        readable until they are dropped (the mapping is unmapped with the last of them)."""
        self._map = None
        self._file = None
        self._finalizer()

    def __enter__(self) -> VectorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def directory_for(cache: object | None) -> Path | None:
    """Where the files go: ``$FACTCHECK_VECTOR_DIR``, else the folder of a cache that has a path
    (:class:`factcheck.cache.SQLiteCache`), else None (the system's temporary folder)."""
    env = os.environ.get(DIR_ENV, "").strip()
    if env:
        return Path(env)
    path = getattr(cache, "path", None)
    if isinstance(path, (str, Path)):
        folder = Path(path).resolve().parent
        if folder.is_dir() and os.access(folder, os.W_OK):
            return folder
    return None


def new_array(n: int, dim: int, directory: Path | str | None = None) -> np.ndarray:
    """An (n, dim) float32 array of zeros: in RAM below :data:`MMAP_MIN_ROWS` rows, else in a file
    of its own (a :class:`VectorStore`; removed when the array and its views are dropped)."""
    if n < MMAP_MIN_ROWS or n == 0 or dim <= 0:
        return np.zeros((n, dim), dtype=DTYPE)
    store = VectorStore(dim, directory, capacity=n)
    out = store.allocate(n)
    store.close()  # the array keeps the mapping (and, on POSIX, the unlinked file) alive
    return out


def is_mapped(a: np.ndarray) -> bool:
    """Whether ``a`` is a view of a memory-mapped file."""
    return isinstance(a, np.memmap) and getattr(a, "_mmap", None) is not None


def _folder_of(a: np.ndarray) -> Path | None:
    name = getattr(a, "filename", None)
    return Path(name).parent if name else None


def take(a: np.ndarray, rows: Sequence[int] | np.ndarray) -> np.ndarray:
    """``a[rows]`` without a full copy in RAM when ``a`` is mapped: the rows are gathered block by
    block into a new mapped array (same values, same order). In-RAM arrays: plain ``a[rows]``."""
    idx = np.asarray(rows, dtype=np.intp)
    if not is_mapped(a):
        return a[idx]
    out = new_array(len(idx), a.shape[1], _folder_of(a))
    release(a)
    for lo in range(0, len(idx), BLOCK_ROWS):
        out[lo : lo + BLOCK_ROWS] = a[idx[lo : lo + BLOCK_ROWS]]
        release(out)  # a block's pages at a time in the process, not the whole array
        release(a)
    return out


def release(a: np.ndarray) -> None:
    """Drop the pages of a mapped array from this process (they stay in the page cache and are read
    back when touched again); nothing for an array in RAM."""
    mm = getattr(a, "_mmap", None) if isinstance(a, np.memmap) else None
    if mm is None or not hasattr(mm, "madvise") or not hasattr(mmap, "MADV_DONTNEED"):
        return
    with contextlib.suppress(OSError, ValueError):  # closed, or not supported: only memory accounting
        mm.madvise(mmap.MADV_DONTNEED)
