"""Load the models in a second process while a check reads the corpus.

A check of a new article against a large cached corpus spends about 6 s importing torch and
transformers and loading the entity tagger, the embedder and the NLI model, and 2-3 s scanning the
corpus and loading its snapshot. Both hold the interpreter lock, so a thread cannot overlap them; a
child process can. :func:`serving` starts one that loads the models at once (in the order a check
needs them) and then answers the same calls (tag, embed, predict) over a pipe, while this process
goes on reading. The numbers are the ones this process would compute: the same code on the same
inputs with the same thread count (``$FACTCHECK_THREADS``). When there is no child, or it fails, the
callers compute in this process as before (:func:`remote` returns None).

Switched off with ``FACTCHECK_PRELOAD=off`` and on machines with one CPU (the child would compete
with the check instead of running beside it).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PRELOAD_ENV = "FACTCHECK_PRELOAD"


@dataclass(frozen=True)
class Spec:
    """What the child loads: the tagger's folder, whether the torch embedder is used, and the NLI
    model (``load_scorer``'s arguments; ``nli=False``: none)."""

    tagger_dir: str | None = None
    embedder: bool = False
    nli: bool = False
    nli_model: str | None = None
    nli_precision: str | None = None

    def wanted(self) -> bool:
        return bool(self.tagger_dir or self.embedder or self.nli)


def preload_enabled() -> bool:
    """``$FACTCHECK_PRELOAD`` is not off, and this process may run on at least two CPUs."""
    if os.environ.get(PRELOAD_ENV, "on").strip().lower() in ("off", "0", "false", "no"):
        return False
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cpus = os.cpu_count() or 1
    return cpus >= 2


class ModelProcess:
    """The child process and its two pipes; :meth:`call` sends one request and waits for its answer."""

    def __init__(self, spec: Spec) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        path = os.environ.get("PYTHONPATH", "")
        env = dict(os.environ, PYTHONPATH=package_root + (os.pathsep + path if path else ""))
        self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
            [sys.executable, "-c", "from factcheck.modelproc import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self.spec = spec
        self._send(spec)

    @property
    def alive(self) -> bool:
        return self._proc is not None

    def _send(self, obj: Any) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        write_message(self._proc.stdin.fileno(), obj)

    def call(self, method: str, *args: Any) -> Any:
        """The child's answer to ``method(*args)``; raises :class:`RuntimeError` when it failed or
        died (after which this object is closed and every later call raises at once)."""
        if self._proc is None:
            raise RuntimeError("the model process is closed")
        try:
            self._send((method, args))
            assert self._proc.stdout is not None
            status, value = read_message(self._proc.stdout.fileno())
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            self.close()
            raise RuntimeError(f"the model process stopped ({exc})") from exc
        if status != "ok":
            self.close()
            raise RuntimeError(f"the model process failed: {value}")
        return value

    def close(self) -> None:
        """Stop the child at once: it may still be loading a model nobody needs any more (it
        writes nothing but caches that are replaced atomically)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()


def write_message(fd: int, obj: Any) -> None:
    """``obj`` pickled, after its length (8 bytes): the reader knows where a message ends without
    reading ahead, so ``select`` on the descriptor tells whether another one waits."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


def read_message(fd: int) -> Any:
    """The next :func:`write_message` object; :class:`EOFError` when the pipe closed first."""

    def exactly(n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                raise EOFError("the pipe closed")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    return pickle.loads(exactly(int.from_bytes(exactly(8), "little")))


_ACTIVE: list[ModelProcess] = []


@contextlib.contextmanager
def serving(spec: Spec) -> Iterator[ModelProcess | None]:
    """Run a model process for the duration of the block (nothing when :func:`preload_enabled` says
    no or ``spec`` wants no model); :func:`remote` calls go to it meanwhile."""
    proc = None
    if spec.wanted() and preload_enabled():
        try:
            proc = ModelProcess(spec)
        except OSError as exc:  # cannot start a process: load here, as without it
            log.warning("no model process (%s); loading the models in this process", exc)
    if proc is not None:
        _ACTIVE.append(proc)
    try:
        yield proc
    finally:
        if proc is not None:
            _ACTIVE.remove(proc)
            proc.close()


#: the model each method runs ("tag"'s first argument is the tagger's folder)
_MODEL_OF = {"tag": "tagger", "embed": "embedder", "predict": "nli"}


def remote(method: str, *args: Any) -> Any | None:
    """The running model process's answer, or None when there is none, it does not load the model
    ``method`` runs (:func:`serves`), or it failed (logged): then the caller computes in this process."""
    if not serves(_MODEL_OF.get(method, ""), args[0] if method == "tag" and args else None):
        return None
    try:
        return _ACTIVE[-1].call(method, *args)
    except RuntimeError as exc:
        log.warning("%s; computing in this process", exc)
        return None


def serves(model: str, tagger_dir: str | None = None) -> bool:
    """Whether a running model process loads ``model`` ("tagger" of ``tagger_dir``, "embedder",
    "nli")."""
    if not _ACTIVE or not _ACTIVE[-1].alive:
        return False
    spec = _ACTIVE[-1].spec
    if model == "tagger":
        return spec.tagger_dir is not None and spec.tagger_dir == tagger_dir
    return spec.embedder if model == "embedder" else spec.nli if model == "nli" else False


# ------------------------------------------------------------------------------ the child
class _Server:
    """The models of one :class:`Spec`, loaded in the order a check uses them."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._tagger: Any = None
        self._embedder: Any = None
        self._scorer: Any = None

    def loaders(self) -> list[Callable[[], Any]]:
        out = []
        if self.spec.tagger_dir:
            out.append(self.tagger)
        if self.spec.embedder:
            out.append(self.embedder)
        if self.spec.nli:
            out.append(self.scorer)
        return out

    def tagger(self) -> Any:
        if self._tagger is None:
            from factcheck.ner import EntityTagger

            self._tagger = EntityTagger(self.spec.tagger_dir)
            self._tagger.warm()
        return self._tagger

    def embedder(self) -> Any:
        if self._embedder is None:
            from factcheck.embed import TorchE5Embedder

            self._embedder = TorchE5Embedder()
            self._embedder.warm()
        return self._embedder

    def scorer(self) -> Any:
        if self._scorer is None:
            from factcheck.nli import load_scorer

            self._scorer = load_scorer(self.spec.nli_model, precision=self.spec.nli_precision)
        return self._scorer

    def handle(self, method: str, args: tuple[Any, ...]) -> Any:
        if method == "tag":
            tagger_dir, word_lists = args
            if str(tagger_dir) != self.spec.tagger_dir:
                raise ValueError(f"this process loaded the tagger of {self.spec.tagger_dir}, not {tagger_dir}")
            return self.tagger().local_probs(word_lists)
        if method == "embed":
            return self.embedder().local_encode(*args)
        if method == "predict":
            pairs, batch_size = args
            return self.scorer().name, self.scorer().predict(pairs, batch_size=batch_size)
        raise ValueError(f"unknown method {method!r}")


def _answer(server: _Server, request: Any, out: int) -> None:
    method, args = request
    try:
        reply: tuple[str, Any] = ("ok", server.handle(method, args))
    except Exception as exc:  # reported to the caller, which computes itself
        reply = ("error", f"{type(exc).__name__}: {exc}")
    write_message(out, reply)


def serve() -> None:
    """The child's main loop: read the spec, load the models (answering any request that arrives
    meanwhile first), then answer requests until the input ends."""
    out = os.dup(1)
    os.dup2(2, 1)  # stray prints from the libraries must not reach the answer pipe
    inp = sys.stdin.fileno()
    try:
        server = _Server(read_message(inp))
        for load in server.loaders():
            while select.select([inp], [], [], 0)[0]:  # a request waits: answer it first
                _answer(server, read_message(inp), out)
            try:
                load()
            except Exception:  # a request for this model reports it
                log.debug("preloading failed", exc_info=True)
        while True:
            _answer(server, read_message(inp), out)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):  # the check is over
        return
