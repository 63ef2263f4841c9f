"""The audit on Ray Data: the same stage functions as :mod:`factcheck.pipeline`, distributed by Ray.

Data flow (every arrow is a Ray Data dataset; Ray schedules the tasks and actors, there is no
scheduler of ours):

1. files / Parquet row groups -> ``map_batches`` (tasks): read, validate, :func:`extract_claims`;
2. driver: the entity tagger over the distinct claim sentences not in the cache, and the alias index
   over the corpus (:func:`factcheck.pipeline.tag_claims`, as ``extract_all`` does);
3. claim texts not in the cache -> ``map_batches`` on an actor pool of embedders;
4. driver: :func:`factcheck.pipeline.organise` (sources, furniture lines, event clustering), the
   corpus-wide steps, from the claims and their vectors; then :func:`factcheck.pipeline.align`
   (facts aligned across sources), whose masked texts are embedded on the same actor pool;
5. claims with their vectors -> ``groupby(event).map_groups``: :func:`grouped_pairs` within each event;
6. NLI inputs not in the cache -> ``map_batches`` on an actor pool of NLI scorers;
7. driver: :func:`factcheck.pipeline.conclude` (verdicts, internal checks, ranking).

The SQLite cache, when given, is read and written on the driver only (workers never touch it).
Models are built in the workers from picklable factories (``scorer_factory()``,
``embedder_factory()``), so tests can pass the fakes of ``tests/fakes.py``.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from factcheck import lexicon
from factcheck.claims import Claim, extract_claims
from factcheck.corpus import (
    _TEXT_COLUMNS,
    TABLE_SUFFIXES,
    Article,
    _check_article,
    _make,
    iter_article_files,
    read_table,
    read_text_article,
)
from factcheck.embed import Embedder
from factcheck.engine import RAY_INSTALL_HINT
from factcheck.errors import FactcheckError, InputError, UsageError
from factcheck.nli import scorer_details
from factcheck.pairing import CandidatePair, grouped_pairs
from factcheck.pipeline import (
    DEFAULT_TAGGER,
    AuditConfig,
    AuditResult,
    EmbedRunner,
    NLIRunner,
    Organised,
    Progress,
    ScoreCache,
    Scorer,
    TaggerChoice,
    align,
    conclude,
    embed_texts,
    nli_needed,
    organise,
    resolve_tagger,
    score_pairs,
    tag_claims,
    tagger_name,
)

PARQUET_SUFFIXES = {".parquet", ".pq"}
EMBED_BATCH = 64


def _noop(stage: str, done: int, total: int) -> None:
    return None


def import_ray() -> Any:
    """The ``ray`` module, or a one-line :class:`UsageError` saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError(f"--engine ray needs Ray, which is not installed: {RAY_INSTALL_HINT}") from None
    return ray


def init_ray(address: str | None = None, num_cpus: int | None = None) -> tuple[Any, bool]:
    """Connect to ``address`` (a cluster) or start a local Ray; reuse a running one.

    Returns ``ray`` and whether this call started it (then the caller shuts it down)."""
    import logging

    ray = import_ray()
    started = not ray.is_initialized()
    if started:
        kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING, "log_to_driver": False}
        if address:
            kwargs["address"] = address
        else:
            kwargs["num_cpus"] = num_cpus or os.cpu_count() or 1
            # workers import factcheck (and test fakes) the way this process does
            kwargs["runtime_env"] = {"env_vars": {"PYTHONPATH": os.pathsep.join(p for p in _code_paths() if p)}}
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise UsageError(f"cannot start or reach Ray{f' at {address}' if address else ''}: {first}") from None
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True  # same order as the local engine, whatever the scheduling
    ctx.enable_progress_bars = False  # our own rich progress drives the stages
    ctx.print_on_execution_start = False
    logging.getLogger("ray").setLevel(logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "progress bars disabled"
    return ray, started


def _code_paths() -> list[str]:
    import sys

    root = str(Path(__file__).resolve().parents[2])
    return list(dict.fromkeys([os.getcwd(), root, *os.environ.get("PYTHONPATH", "").split(os.pathsep), *sys.path]))


# --------------------------------------------------------------------------------------- stage 1
def corpus_records(paths: Iterable[Path | str]) -> list[dict[str, Any]]:
    """Small work items, one per file or Parquet row group, in the local engine's reading order."""
    records: list[dict[str, Any]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file() and path.suffix.lower() in PARQUET_SUFFIXES:
            records.extend(_parquet_records(path))
            continue
        for file in iter_article_files([path]):
            records.append({"kind": "file", "path": str(file), "abs": str(file.absolute()), "group": 0, "first_row": 0})
    for i, rec in enumerate(records):
        rec["order"] = i
    return records


def _parquet_records(path: Path) -> list[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(path).metadata
    except ImportError:
        raise UsageError(f"{path}: reading Parquet needs pyarrow: {RAY_INSTALL_HINT}") from None
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise InputError(path, f"cannot read as Parquet: {str(exc).splitlines()[0] if str(exc) else exc}") from None
    out, row = [], 0
    for g in range(meta.num_row_groups):
        out.append({"kind": "parquet", "path": str(path), "abs": str(path.absolute()), "group": g, "first_row": row})
        row += meta.row_group(g).num_rows
    if row == 0:
        raise InputError(path, "Parquet file has no rows")
    return out


def read_record(rec: dict[str, Any], language: str) -> list[Article]:
    """The articles of one work item (a file, or one row group of a Parquet file).

    The file is opened by its absolute path (a Ray worker's working folder is not the driver's);
    articles and errors name it as the user gave it."""
    path, display = Path(rec["abs"]), str(rec["path"])
    try:
        if rec["kind"] == "parquet":
            return _parquet_articles(path, display, int(rec["group"]), int(rec["first_row"]), language)
        if path.suffix.lower() in TABLE_SUFFIXES:
            return read_table(path, display, language=language)
        return [read_text_article(path, display, language=language)]
    except InputError as exc:
        if exc.path.startswith(str(path)):
            raise InputError(display + exc.path[len(str(path)) :], exc.message) from None
        raise


def _parquet_articles(path: Path, display: str, group: int, first_row: int, language: str) -> list[Article]:
    """Rows of a Parquet row group as articles, like :func:`factcheck.corpus.read_table` does for JSONL."""
    import pyarrow.parquet as pq

    frame = pq.ParquetFile(path).read_row_group(group).to_pandas()
    column = next((c for c in _TEXT_COLUMNS if c in frame.columns), None)
    if column is None:
        raise InputError(path, f"no text column (expected one of: {', '.join(_TEXT_COLUMNS)})")
    out = []
    for k, row in enumerate(frame.to_dict("records")):
        line = first_row + k + 1
        where = f"{path}:{line}"
        body = row.get(column)
        if not isinstance(body, str) or not body.strip():
            raise InputError(where, "row has an empty text field")
        _check_article(where, body)
        meta = {key: v for key, v in row.items() if key in ("title", "source", "url", "published", "language")}
        meta = {key: v for key, v in meta.items() if v is not None and v == v and v != ""}
        art_id = str(row.get("id") or f"{path.name}#{line}")
        out.append(_make(path, display, art_id, body, meta, first_line=line, in_table=True, language=language))
    return out


def read_and_extract(batch: Any, language: str) -> Any:
    """Ray ``map_batches`` function: work items -> pickled (article, raw claims) lists, or an error."""
    import pandas as pd

    rows = []
    for rec in batch.to_dict("records"):
        payload, where, message = b"", "", ""
        try:
            payload = pickle.dumps([(a, extract_claims(a)) for a in read_record(rec, language)])
        except InputError as exc:
            where, message = exc.path, exc.message
        except FactcheckError as exc:
            where, message = rec["path"], str(exc)
        rows.append({"order": rec["order"], "payload": payload, "error_path": where, "error": message})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------- actors
class EmbedActor:
    """Ray actor: one embedder per worker, built from a picklable factory on first use."""

    def __init__(self, factory: Callable[[], Embedder]) -> None:
        self.factory = factory
        self.model: Embedder | None = None

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        try:
            if self.model is None:
                self.model = self.factory()
            vecs = np.asarray(self.model.encode([str(t) for t in batch["text"]]), dtype=np.float32)
            error = ""
        except FactcheckError as exc:
            vecs, error = np.zeros((len(batch["i"]), 1), dtype=np.float32), str(exc)
        return {"i": batch["i"], "vector": vecs, "error": np.array([error] * len(batch["i"]), dtype=object)}


class NLIActor:
    """Ray actor: one NLI scorer per worker; torch uses the CPUs Ray assigned to this actor."""

    def __init__(self, factory: Callable[[], Scorer], batch_size: int) -> None:
        self.factory = factory
        self.batch_size = batch_size
        self.model: Scorer | None = None

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        n = len(batch["i"])
        error = ""
        probs = np.zeros((n, 3), dtype=np.float32)
        try:
            if self.model is None:
                os.environ.setdefault("FACTCHECK_THREADS", str(_assigned_cpus()))
                self.model = self.factory()
            pairs = [(str(p), str(h)) for p, h in zip(batch["premise"], batch["hypothesis"], strict=True)]
            got = np.asarray(self.model.predict(pairs, batch_size=self.batch_size), dtype=np.float32)
            if got.shape != (n, 3) or not np.isfinite(got).all():
                error = (
                    f"NLI model {self.model.name} returned unusable scores (shape {got.shape}, "
                    f"finite: {bool(np.isfinite(got).all())}); try another --model"
                )
            else:
                probs = got
        except FactcheckError as exc:
            error = str(exc)
        details = json.dumps(scorer_details(self.model)) if self.model is not None else "{}"
        return {
            "i": batch["i"],
            "probs": probs,
            "error": np.array([error] * n, dtype=object),
            "details": np.array([details] * n, dtype=object),
        }


def _assigned_cpus() -> int:
    try:
        import ray

        return max(1, int(ray.get_runtime_context().get_assigned_resources().get("CPU", 1)))
    except Exception:  # outside Ray (direct calls in tests)
        return 1


def pair_group(batch: Any, top_k: int, min_similarity: float, synonyms: dict[str, str] | None = None) -> Any:
    """Ray ``map_groups`` function: :func:`grouped_pairs` of one event's claims, as global claim indices
    (``synonyms``: the driver's user lexicon, whose synonym groups pairing uses)."""
    with lexicon.use(lexicon.Lexicon(synonyms=synonyms or {})):
        return _pair_group(batch, top_k, min_similarity)


def _pair_group(batch: Any, top_k: int, min_similarity: float) -> Any:
    import pandas as pd

    order = np.argsort(batch["i"].to_numpy(), kind="stable")
    gidx = batch["i"].to_numpy()[order]
    claims = [pickle.loads(batch["claim"].iloc[j]) for j in order]
    vectors = np.vstack([np.asarray(batch["vector"].iloc[j], dtype=np.float32) for j in order])
    groups = [str(batch["group"].iloc[j]) for j in order]
    source = [str(batch["source"].iloc[j]) for j in order]
    pairs = grouped_pairs(claims, vectors, groups, source, top_k=top_k, min_similarity=min_similarity)
    return pd.DataFrame(
        {
            "a": [int(gidx[p.a]) for p in pairs],
            "b": [int(gidx[p.b]) for p in pairs],
            "similarity": [p.similarity for p in pairs],
            "score": [p.score for p in pairs],
        },
        columns=["a", "b", "similarity", "score"],
    )


# --------------------------------------------------------------------------------------- driver
@dataclass(frozen=True)
class RayOptions:
    address: str | None = None  # None: start a local Ray
    workers: int | None = None  # actor pool size for the embedder and the NLI model (default: CPUs)
    num_cpus: int | None = None  # CPUs of a local Ray (default: all)


def audit_ray(
    paths: Iterable[Path | str],
    *,
    scorer_factory: Callable[[], Scorer],
    embedder_factory: Callable[[], Embedder],
    config: AuditConfig = AuditConfig(),
    cache: ScoreCache | None = None,
    progress: Progress = _noop,
    options: RayOptions = RayOptions(),
    scorer_name: str | None = None,
    embedder_name: str | None = None,
    scorer_info: dict[str, str] | None = None,
    tagger: TaggerChoice = DEFAULT_TAGGER,
) -> AuditResult:
    """Audit every article under ``paths`` on Ray Data; same findings as :func:`factcheck.pipeline.audit`.

    ``scorer_name`` / ``embedder_name`` are the cache and report names of the models (default: build
    one model on the driver to read its ``name``; pass them to avoid that); ``scorer_info``: the
    scorer's details for the report when no actor ran (:func:`factcheck.nli.scorer_details`);
    ``tagger``: as :func:`factcheck.pipeline.audit_articles` (run on the driver, like the alias index).
    """
    paths = list(paths)
    records = corpus_records(paths)
    ray, started = init_ray(options.address, options.num_cpus)
    try:
        workers = max(1, options.workers or int(ray.cluster_resources().get("CPU", 1)))
        articles, raw = _extract(ray, records, config.language, progress)
        if len(articles) < 2:
            raise InputError(
                paths[0] if paths else ".",
                f"found {len(articles)} article(s); at least 2 are needed to compare sources",
            )
        # the tagger and the corpus-wide alias index, on the driver, as pipeline.extract_all does
        tagger = resolve_tagger(tagger)
        claims = tag_claims(raw, tagger, cache, progress)
        embedder = _Named(embedder_name or embedder_factory().name)
        embedding = embed_runner(ray, embedder_factory, workers)
        vectors = embed_texts([c.text for c in claims], embedder, cache, progress, embedding)
        org = organise(articles, claims, vectors, config)
        align(org, articles, embedder, cache, progress, embedding)
        pairs = _pairs(ray, org, config, progress)
        if scorer_name is None:
            driver_scorer = scorer_factory()
            scorer_name, details = driver_scorer.name, scorer_details(driver_scorer)
        else:
            details = dict(scorer_info or {})
        seen: dict[str, str] = {}
        runner = nli_runner(ray, scorer_factory, workers, seen)
        needed = nli_needed(org.claims, pairs, config.thresholds)
        ab, ba, computed = score_pairs(
            org.claims, pairs, _Named(scorer_name), config.batch_size, cache, progress, runner, needed
        )
        if "details" in seen:
            details = json.loads(seen["details"])  # what the actors ran with (precision, threads...)
        names = {
            "nli": scorer_name,
            "embedder": embedder.name,
            "entities": tagger_name(tagger),
            **details,
            **lexicon.describe(),
        }
        return conclude(articles, org, pairs, ab, ba, computed, names, config, nli_pairs=sum(needed))
    except ray.exceptions.RayError as exc:  # a worker died or raised: one line, not a remote traceback
        lines = [ln for ln in str(exc).splitlines() if ln.strip()]
        raise FactcheckError(f"the Ray engine failed: {lines[-1] if lines else type(exc).__name__}") from None
    finally:
        if started:
            ray.shutdown()


def _batches(ds: Any, batch_format: str) -> Iterator[Any]:
    yield from ds.iter_batches(batch_size=None, batch_format=batch_format)


def _extract(
    ray: Any, records: list[dict[str, Any]], language: str, progress: Progress
) -> tuple[list[Article], list[Claim]]:
    ds = ray.data.from_items(records, override_num_blocks=max(1, min(len(records), 200)))
    ds = ds.map_batches(read_and_extract, batch_size=8, batch_format="pandas", fn_kwargs={"language": language})
    results: dict[int, tuple[bytes, str, str]] = {}
    for batch in _batches(ds, "pandas"):
        for row in batch.itertuples(index=False):
            results[int(row.order)] = (row.payload, row.error_path, row.error)
        progress("claims", len(results), len(records))
    articles: list[Article] = []
    raw: list[Claim] = []
    seen: dict[str, str] = {}
    for k in sorted(results):
        payload, where, message = results[k]
        if message:
            raise InputError(where, message)
        for art, art_claims in pickle.loads(payload):
            if art.id in seen and seen[art.id] != art.path:
                raise InputError(art.path, f"article id {art.id!r} is also used by {seen[art.id]}; rename one")
            seen[art.id] = art.path
            articles.append(art)
            raw.extend(art_claims)
    return articles, raw


def _actor_pool(ray: Any, workers: int) -> Any:
    return ray.data.ActorPoolStrategy(min_size=1, max_size=workers)


def _first_error(batch: dict[str, np.ndarray]) -> str:
    return next((str(e) for e in batch["error"] if e), "")


def _in_chunks(ds: Any, sizes: list[int], column: str, seen: dict[str, str] | None = None) -> Iterator[np.ndarray]:
    """Rows of ``ds`` (each with its global row index ``i``) back into the caller's chunks, in order."""
    starts = np.cumsum([0, *sizes])
    out = [np.empty((0,), dtype=np.float32)] * len(sizes)
    filled = [0] * len(sizes)
    rows: dict[int, np.ndarray] = {}
    nxt = 0
    for batch in _batches(ds, "numpy"):
        if error := _first_error(batch):
            raise FactcheckError(error)
        if seen is not None and len(batch["i"]):
            seen["details"] = str(batch["details"][0])
        for i, v in zip(batch["i"], np.asarray(batch[column], dtype=np.float32), strict=True):
            rows[int(i)] = v
            c = int(np.searchsorted(starts, int(i), side="right")) - 1
            filled[c] += 1
        while nxt < len(sizes) and filled[nxt] == sizes[nxt]:
            out[nxt] = np.vstack([rows.pop(int(i)) for i in range(starts[nxt], starts[nxt + 1])])
            yield out[nxt]
            nxt += 1


def embed_runner(ray: Any, factory: Callable[[], Embedder], workers: int) -> EmbedRunner:
    """Runs :func:`factcheck.pipeline.embed_texts`'s chunks on an actor pool of embedders."""

    def run(_embedder: Embedder, chunks: list[list[str]]) -> Iterator[np.ndarray]:
        items = [{"i": i, "text": t} for i, t in enumerate(t for chunk in chunks for t in chunk)]
        if not items:
            return
        ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items) // EMBED_BATCH + 1, 200)))
        ds = ds.map_batches(
            EmbedActor,
            fn_constructor_args=(factory,),
            batch_size=EMBED_BATCH,
            batch_format="numpy",
            compute=_actor_pool(ray, workers),
            num_cpus=1,
        )
        yield from _in_chunks(ds, [len(c) for c in chunks], "vector")

    return run


def nli_runner(ray: Any, factory: Callable[[], Scorer], workers: int, seen: dict[str, str]) -> NLIRunner:
    """Runs :func:`factcheck.pipeline.score_pairs`'s chunks on an actor pool of NLI scorers
    (rows are re-batched, which changes nothing: the scorer's results do not depend on the batch)."""

    def run(_scorer: Scorer, chunks: list[list[tuple[str, str]]], batch_size: int) -> Iterator[np.ndarray]:
        flat = [pair for chunk in chunks for pair in chunk]
        if not flat:
            return
        items = [{"i": i, "premise": p, "hypothesis": h} for i, (p, h) in enumerate(flat)]
        rows_per_task = max(batch_size * 4, 64)
        ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items) // rows_per_task + 1, 200)))
        ds = ds.map_batches(
            NLIActor,
            fn_constructor_args=(factory, batch_size),
            batch_size=rows_per_task,
            batch_format="numpy",
            compute=_actor_pool(ray, workers),
            num_cpus=1,
        )
        yield from _in_chunks(ds, [len(c) for c in chunks], "probs", seen)

    return run


class _Named:
    """Stands for a model on the driver: its name keys the cache; the work runs in Ray actors."""

    def __init__(self, name: str) -> None:
        self.name = name

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        raise RuntimeError("the Ray engine embeds in its actors")

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        raise RuntimeError("the Ray engine scores in its actors")


def _pairs(ray: Any, org: Organised, config: AuditConfig, progress: Progress) -> list[CandidatePair]:
    """Candidate pairs, one ``map_groups`` call per event (the key :meth:`Organised.groups` gives)."""
    claims, vectors = org.claims, org.vectors
    if len(claims) < 2:
        return []
    groups, source = org.groups(), org.source_keys()
    items = [
        # each row copied out of the array (a memory-mapped file on large corpora: factcheck.vectors)
        {"group": groups[i], "source": source[i], "i": i, "claim": pickle.dumps(c), "vector": np.array(vectors[i])}
        for i, c in enumerate(claims)
    ]
    ds = ray.data.from_items(items, override_num_blocks=max(1, min(len(items) // 500 + 1, 50)))
    grouped = ds.groupby("group", num_partitions=max(1, min(len(set(groups)), 16)))
    out = grouped.map_groups(
        pair_group,
        batch_format="pandas",
        fn_kwargs={
            "top_k": config.top_k,
            "min_similarity": config.min_similarity,
            "synonyms": dict(lexicon.active().synonyms),
        },
    )
    pairs: list[CandidatePair] = []
    for batch in _batches(out, "pandas"):
        rows = batch.itertuples(index=False)
        pairs.extend(CandidatePair(int(r.a), int(r.b), float(r.similarity), float(r.score)) for r in rows)
        progress("pairs", len(pairs), len(pairs))
    pairs.sort(key=lambda p: (p.a, p.b))
    progress("pairs", len(pairs), len(pairs))
    return pairs
