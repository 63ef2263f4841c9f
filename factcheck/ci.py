"""CI mode: check new or changed articles against the rest of a corpus and decide pass or fail.

The steps, each a plain function the CLI (:mod:`factcheck.cli_ci`) and the tests call:

1. :func:`select_inputs` loads the corpus and works out which articles are new: the files given,
   and/or those added or modified since a git revision (:func:`git_changed_articles`).
2. :func:`check_articles` audits only the pairs touching the new articles (``focus``) and sorts
   every finding into fail / warn / review / baselined / info (:func:`classify`).
3. The outcome is rendered as GitHub workflow annotations, a short Markdown report for a pull
   request comment, or the JSON report (plus a ``check`` section), and one summary line.

Baselines are files of finding fingerprints (:func:`fingerprint`): a hash of the finding's kind
and of its claims' article ids and normalised texts, so they survive line shifts and unrelated
edits of the articles. A finding that groups several sources against one claim also carries one
fingerprint per (odd claim, other source) pair, and is baselined when all its pairs are: the
grouping of a check (pairs touching new articles only) can differ from that of a full audit.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import subprocess
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.corpus import (
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Article,
    CorpusFiles,
    Skipped,
    load_corpus,
    scan_corpus,
)
from factcheck.embed import Embedder
from factcheck.errors import InputError, UsageError
from factcheck.pipeline import AuditConfig, AuditResult, Progress, ScoreCache, Scorer, audit_articles
from factcheck.ranking import Finding

log = logging.getLogger(__name__)

SEVERITIES = ("low", "medium", "high")
FAIL_ON = ("high", "medium", "low", "never")
FORMATS = ("md", "json", "github")
GATED_KINDS = ("contradiction", "internal")
BASELINE_VERSION = 1
#: statuses, in the order they are listed
STATUSES = ("fail", "warn", "review", "baselined", "info")
_LEVEL = {"fail": "error", "warn": "warning", "review": "notice", "baselined": "notice"}
MD_TOP = 10
DEFAULT_CONFIG = AuditConfig()
#: file name (without suffix) of the check's md/json reports
REPORT_NAME = "factcheck-check"


# ---------------------------------------------------------------------------- fingerprints
def normalise_claim_text(text: str) -> str:
    """Unicode NFC, whitespace collapsed, lowercased: what a fingerprint sees of a claim."""
    return " ".join(unicodedata.normalize("NFC", text).split()).lower()


def fingerprint(kind: str, claims: Iterable[tuple[str, str]]) -> str:
    """Stable id of a finding from its kind and (article id, claim text) pairs, order-independent."""
    parts = sorted((article, normalise_claim_text(text)) for article, text in claims)
    raw = json.dumps([kind, parts], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def pair_fingerprints(kind: str, claims: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """One fingerprint per (first claim, other claim) pair; the finding's own for one or two claims."""
    if len(claims) <= 2:
        return (fingerprint(kind, claims),)
    return tuple(fingerprint(kind, (claims[0], other)) for other in claims[1:])


def _claim_keys(f: Finding) -> list[tuple[str, str]]:
    return [(c.article, c.text) for c in f.claims]


def _report_claim_keys(f: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(str(c["article"]), str(c["text"])) for c in f["claims"]]


def finding_fingerprint(f: Finding) -> str:
    """:func:`fingerprint` of a pipeline finding."""
    return fingerprint(f.kind, _claim_keys(f))


def is_baselined(kind: str, claims: Sequence[tuple[str, str]], baseline: frozenset[str]) -> bool:
    """In the baseline as a whole, or pair by pair (see the module docstring)."""
    if not baseline:
        return False
    return fingerprint(kind, claims) in baseline or all(p in baseline for p in pair_fingerprints(kind, claims))


# ---------------------------------------------------------------------------- baselines
@dataclass(frozen=True)
class BaselineEntry:
    """One accepted finding: its fingerprint plus enough context for a person reading the file."""

    fingerprint: str
    kind: str
    severity: str
    reason: str
    claims: tuple[tuple[str, int, str], ...]  # (article id, line, text)

    @classmethod
    def make(cls, kind: str, severity: str, reason: str, claims: Sequence[tuple[str, int, str]]) -> BaselineEntry:
        keys = [(a, t) for a, _, t in claims]
        return cls(fingerprint(kind, keys), kind, severity, reason, tuple(claims))

    @property
    def pairs(self) -> tuple[str, ...]:
        return pair_fingerprints(self.kind, [(a, t) for a, _, t in self.claims])

    def to_json(self) -> dict[str, Any]:
        doc = {
            "fingerprint": self.fingerprint,
            "kind": self.kind,
            "severity": self.severity,
            "reason": self.reason,
            "claims": [{"article": a, "line": line, "text": t} for a, line, t in self.claims],
        }
        if len(self.claims) > 2:
            doc["pairs"] = list(self.pairs)
        return doc


def entries_from_findings(findings: Iterable[Finding]) -> list[BaselineEntry]:
    """Baseline entries for the contradictions and within-article problems among ``findings``."""
    return [
        BaselineEntry.make(f.kind, f.severity, f.reason, [(c.article, c.line, c.text) for c in f.claims])
        for f in findings
        if f.kind in GATED_KINDS
    ]


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(path, f"cannot read {what} ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(path, f"{what} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InputError(path, f"{what} is not valid JSON (line {exc.lineno}: {exc.msg})") from None


def entries_from_report(path: Path) -> list[BaselineEntry]:
    """Baseline entries from a factcheck JSON report (``audit --format json`` or ``check --format json``)."""
    data = _read_json(path, "report")
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError(path, "not a factcheck JSON report (no 'findings' list)")
    if data.get("version") != 1:
        raise InputError(path, f"unsupported report version {data.get('version')!r} (expected 1)")
    out = []
    for i, f in enumerate(data["findings"], 1):
        try:
            if f["kind"] not in GATED_KINDS:
                continue
            claims = tuple((str(c["article"]), int(c.get("line") or 0), str(c["text"])) for c in f["claims"])
            out.append(BaselineEntry.make(str(f["kind"]), str(f.get("severity", "")), str(f.get("reason", "")), claims))
        except (KeyError, TypeError, ValueError):
            raise InputError(path, f"finding {i} lacks kind or claims with article and text") from None
    return out


def render_baseline(entries: Sequence[BaselineEntry], source: str) -> str:
    """The baseline file's text: JSON, one entry per accepted finding, sorted by fingerprint."""
    unique = {e.fingerprint: e for e in entries}
    doc = {
        "version": BASELINE_VERSION,
        "kind": "factcheck-baseline",
        "source": source,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "findings": [unique[k].to_json() for k in sorted(unique)],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints (whole findings and their pairs) in a baseline file from ``factcheck baseline``."""
    data = _read_json(path, "baseline")
    if not isinstance(data, dict) or data.get("kind") != "factcheck-baseline":
        raise InputError(path, "not a factcheck baseline (create one with `factcheck baseline`)")
    if data.get("version") != BASELINE_VERSION:
        raise InputError(path, f"unsupported baseline version {data.get('version')!r}")
    try:
        return frozenset(str(fp) for f in data["findings"] for fp in [f["fingerprint"], *(f.get("pairs") or [])])
    except (KeyError, TypeError, AttributeError):
        raise InputError(path, "baseline entries must each have a 'fingerprint'") from None


# ---------------------------------------------------------------------------- git
def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed (or not on PATH)") from None


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else "no message"


def _is_article_file(path: Path, corpus: Path) -> bool:
    """Whether :func:`factcheck.corpus.load_corpus` would read ``path`` when walking ``corpus``."""
    rel = path.relative_to(corpus) if corpus.is_dir() else Path(path.name)
    if any(part.startswith(".") for part in rel.parts):
        return False
    suffix = path.suffix.lower()
    return suffix in TEXT_SUFFIXES | TABLE_SUFFIXES and path.name.lower() != "readme.md" and path.is_file()


def git_changed_articles(corpus: Path, since: str) -> list[Path]:
    """Article files under ``corpus`` added or modified since ``since``, plus untracked ones.

    Compares the working tree with the merge base of ``since`` and HEAD (like a pull request's
    diff: changes made on the base branch after the branch point are not "new"), with renames
    off, so a renamed article counts as added. Deleted articles are ignored. Untracked files that
    are not ignored by ``.gitignore`` are included, so a local run sees an article not yet
    committed; a CI checkout has none.
    """
    corpus = corpus.resolve()
    where = corpus if corpus.is_dir() else corpus.parent
    top = _git(["rev-parse", "--show-toplevel"], where)
    if top.returncode != 0:
        raise UsageError(f"--since: {where} is not inside a git repository ({_last_line(top.stderr)})")
    root = Path(top.stdout.strip()).resolve()
    rev = _git(["rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"], root)
    if rev.returncode != 0:
        raise UsageError(
            f"--since: unknown git revision {since!r} (in CI, fetch the history: actions/checkout with fetch-depth: 0)"
        )
    base = _git(["merge-base", rev.stdout.strip(), "HEAD"], root)
    base_rev = base.stdout.strip() if base.returncode == 0 and base.stdout.strip() else rev.stdout.strip()
    spec = os.path.relpath(corpus, root)
    diff = _git(["diff", "--name-only", "--no-renames", "--diff-filter=AM", "-z", base_rev, "--", spec], root)
    if diff.returncode != 0:
        raise UsageError(f"--since: git diff failed ({_last_line(diff.stderr)})")
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", spec], root)
    names = [n for n in (diff.stdout + "\0" + untracked.stdout).split("\0") if n]
    paths = {(root / n) for n in names}
    return sorted(p for p in paths if _is_article_file(p, corpus))


# ---------------------------------------------------------------------------- inputs
@dataclass
class CheckInputs:
    """The corpus (new articles included) and the ids of the new articles."""

    articles: list[Article]
    new_ids: set[str]
    corpus: Path
    since: str | None = None
    skipped: list[Skipped] = field(default_factory=list)  # paths under the corpus not read
    base_files: list[str] = field(default_factory=list)  # corpus files other than the new ones
    state: Any = None  # the base's stored :class:`factcheck.snapshot.CorpusState`, when it was found


def _key(a: Article) -> tuple[str, str]:
    return (str(Path(a.path).resolve()), a.id)


def _resolve(path: Path) -> Path:
    """``path.resolve()``, or its folder resolved for a symlink loop (which cannot be resolved). A file
    that is no symlink is its resolved folder plus its name: one ``lstat`` per file, the folder
    resolved once (a corpus of 10,000 files in a few folders is scanned in a fraction of the time)."""
    try:
        if not path.is_symlink():
            return _resolved_folder(os.path.join(os.getcwd(), path.parent)) / path.name
        return path.resolve()
    except (RuntimeError, OSError):
        return path.parent.resolve() / path.name


@functools.lru_cache(maxsize=1024)
def _resolved_folder(folder: str) -> Path:
    return Path(folder).resolve()


def _outside(path: Path, exclude: Sequence[Path]) -> bool:
    """Not under an excluded folder, and not one of our own Markdown reports."""
    if path.name == f"{REPORT_NAME}.md":
        return False
    return not exclude or not any(_resolve(path).is_relative_to(x) for x in exclude)


def corpus_files(corpus: Path, exclude: Sequence[Path] = ()) -> list[Path]:
    """The article files :func:`~factcheck.corpus.load_corpus` reads under ``corpus``, minus those
    under the ``exclude`` folders (e.g. the report folder, when it lies inside the corpus) and
    our own reports (``factcheck-check.md``)."""
    return scan_corpus_files(corpus, exclude).files


def scan_corpus_files(corpus: Path, exclude: Sequence[Path] = ()) -> CorpusFiles:
    """:func:`corpus_files` and the paths under ``corpus`` that are not read (outside ``exclude``)."""
    excluded = [x.resolve() for x in exclude]
    found = scan_corpus([corpus])
    files = [f for f in found.files if _outside(f, excluded)]
    if not files:
        raise InputError(corpus, "no articles found (looked for .txt, .md, .jsonl and .csv files)")
    skipped = [s for s in found.skipped if _outside(Path(s.path), excluded)]
    return CorpusFiles(files, skipped)


def select_inputs(
    new_files: Sequence[Path],
    corpus: Path,
    since: str | None = None,
    exclude: Sequence[Path] = (),
    snapshot: Callable[[list[str]], Any] | None = None,
) -> CheckInputs:
    """Load ``corpus`` and the new articles (``new_files`` and/or changed since ``since``).

    New files outside the corpus are added to it. Files under the ``exclude`` folders are skipped.
    With neither ``new_files`` nor ``since`` this is a usage error; with ``since`` and no change,
    ``new_ids`` is empty. ``snapshot``: base file paths -> the stored corpus state
    (:func:`factcheck.snapshot.load_state`) or None; with a state, the base's articles come from
    it instead of being read and validated again.
    """
    if not new_files and since is None:
        raise UsageError("name the new article files, or use --since REF to take those changed in git")
    scanned = scan_corpus_files(corpus, exclude)
    paths = list(new_files)
    if since is not None:
        excluded = [x.resolve() for x in exclude]
        paths += [p for p in git_changed_articles(corpus, since) if _outside(p, excluded)]
    unique: dict[Path, Path] = {}
    for p in paths:
        unique.setdefault(p.resolve(), p)  # the first spelling of each file
    new_resolved = set(unique)
    new_names = {p.name for p in [*unique, *unique.values()]}  # resolve only files that can be new ones
    base_files = [str(f) for f in scanned.files if f.name not in new_names or _resolve(f) not in new_resolved]
    state = snapshot(base_files) if snapshot is not None and base_files else None
    if state is not None:
        by_path: dict[str, list[Article]] = {}
        for a in state.articles:
            by_path.setdefault(a.path, []).append(a)
        corpus_articles: list[Article] = []
        for f in scanned.files:
            corpus_articles += by_path[str(f)] if str(f) in by_path else load_corpus([f])
    else:
        corpus_articles = load_corpus(scanned.files)
    new_articles = load_corpus(list(unique.values())) if unique else []
    known = {_key(a) for a in corpus_articles if Path(a.path).name in new_names}  # the others cannot be new ones
    articles = corpus_articles + [a for a in new_articles if _key(a) not in known]
    owners: dict[str, str] = {}
    for a in articles:
        if owners.setdefault(a.id, a.path) != a.path:
            raise InputError(a.path, f"article id {a.id!r} is also used by {owners[a.id]}; rename one")
    return CheckInputs(articles, {a.id for a in new_articles}, corpus, since, scanned.skipped, base_files, state)


# ---------------------------------------------------------------------------- outcome
@dataclass(frozen=True)
class Item:
    """A finding of the check with its 1-based rank, fingerprint and status (see :data:`STATUSES`)."""

    finding: Finding
    rank: int
    fingerprint: str
    status: str


@dataclass
class CheckOutcome:
    """Everything the renderers need: the audit, which articles are new, and the classified items."""

    result: AuditResult
    new_ids: set[str]
    items: list[Item]
    fail_on: str
    corpus: str = ""
    since: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)  # paths under the corpus not read

    def with_status(self, *statuses: str) -> list[Item]:
        return [i for i in self.items if i.status in statuses]

    @property
    def failing(self) -> list[Item]:
        return self.with_status("fail")

    @property
    def exit_code(self) -> int:
        """0 when nothing fails the check, 1 otherwise."""
        return 1 if self.failing else 0


def severity_at_least(severity: str, threshold: str) -> bool:
    """Whether ``severity`` reaches ``threshold`` ("never" is never reached)."""
    if threshold == "never":
        return False
    return SEVERITIES.index(severity) >= SEVERITIES.index(threshold)


def status_of(f: Finding, fail_on: str, baseline: frozenset[str]) -> str:
    """fail / warn / review / baselined / info for one finding.

    Corroborations are info; side-by-side "review" items never fail; baselined contradictions and
    within-article problems are reported but do not fail.
    """
    if f.kind not in GATED_KINDS:
        return "info"
    if f.review:
        return "review"
    if is_baselined(f.kind, _claim_keys(f), baseline):
        return "baselined"
    return "fail" if severity_at_least(f.severity, fail_on) else "warn"


def classify(findings: Sequence[Finding], fail_on: str, baseline: frozenset[str] = frozenset()) -> list[Item]:
    """One :class:`Item` per finding, keeping the ranking order."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    items = []
    for rank, f in enumerate(findings, 1):
        items.append(Item(f, rank, finding_fingerprint(f), status_of(f, fail_on, baseline)))
    return items


def _noop(stage: str, done: int, total: int) -> None:
    return None


class LazyScorer:
    """An NLI scorer that loads its model on the first :meth:`predict`, so a check whose NLI
    scores all come from the cache never loads torch (seconds saved on every re-run and commit).

    ``name`` must be the name the loaded scorer will report (it keys the cache); a mismatch is
    logged and the scores keep being stored under ``name``.
    """

    def __init__(self, name: str, load: Callable[[], Scorer]) -> None:
        self.name = name
        self._load = load
        self._inner: Scorer | None = None

    @property
    def loaded(self) -> bool:
        return self._inner is not None

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        from factcheck import modelproc

        got = modelproc.remote("predict", list(pairs), batch_size) if self._inner is None and len(pairs) else None
        if got is not None:
            name, probs = got
            if name != self.name:
                log.warning("NLI model loaded as %s, expected %s", name, self.name)
            return np.asarray(probs)
        if self._inner is None:
            self._inner = self._load()
            if self._inner.name != self.name:
                log.warning("NLI model loaded as %s, expected %s", self._inner.name, self.name)
        return self._inner.predict(pairs, batch_size=batch_size)


def check_articles(
    inputs: CheckInputs,
    *,
    scorer: Scorer,
    embedder: Embedder,
    cache: ScoreCache | None = None,
    fail_on: str = "high",
    baseline: frozenset[str] = frozenset(),
    config: AuditConfig = DEFAULT_CONFIG,
    progress: Progress = _noop,
) -> CheckOutcome:
    """Audit the pairs touching the new articles and classify the findings."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    if not inputs.new_ids:
        raise UsageError("no new articles to check")
    result = None
    if cache is not None and hasattr(cache, "get_snapshot"):
        result = check_from_snapshot(
            inputs, scorer=scorer, embedder=embedder, cache=cache, config=config, progress=progress
        )
    if result is None:
        result = audit_articles(
            inputs.articles,
            scorer=scorer,
            embedder=embedder,
            config=config,
            focus=set(inputs.new_ids),
            cache=cache,
            progress=progress,
        )
    stats = dict(result.stats, nli_computed=result.nli_computed, new_articles=len(inputs.new_ids))
    return CheckOutcome(
        result,
        set(inputs.new_ids),
        classify(result.findings, fail_on, baseline),
        fail_on,
        str(inputs.corpus),
        inputs.since,
        stats,
        list(inputs.skipped),
    )


def snapshot_lookup(cache: Any, config: AuditConfig, embedder_name: str) -> Callable[[list[str]], Any]:
    """For :func:`select_inputs`: base file paths -> their stored corpus state, or None."""
    from factcheck import snapshot

    settings = snapshot.settings_digest(config, embedder_name)

    def lookup(files: list[str]) -> Any:
        return snapshot.load_state(cache, snapshot.snapshot_key(files, settings), files)

    return lookup


def check_from_snapshot(
    inputs: CheckInputs,
    *,
    scorer: Scorer,
    embedder: Embedder,
    cache: Any,
    config: AuditConfig = DEFAULT_CONFIG,
    progress: Progress = _noop,
) -> AuditResult | None:
    """The check with the corpus-wide steps of the base (the corpus without the new articles) kept
    in the cache (:mod:`factcheck.snapshot`): computed and stored when missing or stale, and the new
    articles placed into them. None when the new articles are too many for that (the caller runs
    the full audit), or when they would change the base in a way placing cannot follow."""
    import pickle

    from factcheck import snapshot
    from factcheck.claims import apply_aliases, build_alias_index, corpus_kinds, refine_claims, tag_claims_with
    from factcheck.events import Events
    from factcheck.normalize.entities import CorpusStats
    from factcheck.pipeline import (
        DEFAULT_TAGGER,
        Organised,
        Partial,
        align,
        conclude,
        embed_texts,
        extract_each,
        model_names,
        organise,
        pair_and_score,
        resolve_tagger,
        tag_sentences,
    )

    new_ids = set(inputs.new_ids)
    base = [a for a in inputs.articles if a.id not in new_ids]
    new = [a for a in inputs.articles if a.id in new_ids]
    if len(base) < max(2, snapshot.MIN_BASE) or len(new) > snapshot.MAX_NEW:
        return None
    tagger = resolve_tagger(DEFAULT_TAGGER)
    settings = snapshot.settings_digest(config, embedder.name)
    key = snapshot.snapshot_key(inputs.base_files, settings)
    state = inputs.state
    if state is None:
        if {a.path for a in base} - set(inputs.base_files):
            return None  # an article of the base not read from a base file: not a snapshot's shape
        per = extract_each(base, progress, config.workers, cache)
        raw = [c for found in per for c in found]
        stats = CorpusStats.from_texts(dict.fromkeys(c.sentence or c.text for c in raw))
        refined = refine_claims(raw, stats)
        if tagger is not None:  # as :func:`factcheck.pipeline.tag_claims` does in the full path
            refined = tag_claims_with(refined, tag_sentences(raw, tagger, cache, progress))
        index = build_alias_index(refined)
        resolved = apply_aliases(refined, index, corpus_kinds(refined, index))
        vectors = embed_texts([c.text for c in resolved], embedder, cache, progress)
        keep: dict[str, Any] = {}
        org = organise(base, resolved, vectors, config, keep)
        manifest = snapshot.manifest_of(inputs.base_files)
        state, by_event = snapshot.build_state(manifest, base, refined, resolved, stats, keep, org)
        snapshot.store_state(cache, key, state, by_event, snapshot.line_stats(base, org.sources))
        state.event_claims = by_event
    new_raw = dict(zip([a.id for a in new], extract_each(new, progress, config.workers, cache), strict=True))

    def embed(texts: list[str]) -> np.ndarray:
        return embed_texts(texts, embedder, cache, progress)

    new_tags = None
    if tagger is not None:
        new_tags = tag_sentences([c for cs in new_raw.values() for c in cs], tagger, cache, progress)
    try:
        placed = snapshot.place(state, key, cache, inputs.articles, new_raw, embed, config.events, new_tags)
    except snapshot.SnapshotMismatch as exc:
        log.info("corpus snapshot not used: %s", exc)
        return None
    except (pickle.UnpicklingError, TypeError, ValueError, EOFError, AttributeError) as exc:
        log.warning("cache: unreadable corpus snapshot (%s); computing the corpus again", exc)
        if hasattr(cache, "delete_snapshot"):
            cache.delete_snapshot(key)
        return None
    progress("claims", len(inputs.articles), len(inputs.articles))
    vectors = embed_texts([c.text for c in placed.claims], embedder, cache, progress)
    events: Events = placed.events
    org = Organised(placed.claims, vectors, events, placed.sources, placed.furniture)
    align(org, inputs.articles, embedder, cache, progress, events=placed.touched)
    scored = pair_and_score(org, scorer, config, new_ids, cache, progress)
    names = model_names(scorer, embedder, tagger)
    limit = max(2, int(0.1 * placed.claims_kept))  # as :func:`factcheck.scoring.informative_words`
    informative = frozenset(w for w, n in placed.word_df.items() if n <= limit)
    partial = Partial(placed.claims_kept, placed.claim_counts, informative)
    s = scored
    return conclude(
        inputs.articles, org, s.pairs, s.ab, s.ba, s.computed, names, config, new_ids, nli_pairs=s.nli_pairs,
        partial=partial,
    )  # fmt: skip


def run_check(
    new_files: Sequence[Path],
    corpus: Path,
    *,
    scorer: Scorer,
    embedder: Embedder,
    since: str | None = None,
    cache: ScoreCache | None = None,
    fail_on: str = "high",
    baseline: frozenset[str] = frozenset(),
    config: AuditConfig = DEFAULT_CONFIG,
) -> CheckOutcome | None:
    """:func:`select_inputs` then :func:`check_articles`; None when there is nothing new to check."""
    inputs = select_inputs(new_files, corpus, since)
    if not inputs.new_ids:
        return None
    return check_articles(
        inputs,
        scorer=scorer,
        embedder=embedder,
        cache=cache,
        fail_on=fail_on,
        baseline=baseline,
        config=config,
    )


# ---------------------------------------------------------------------------- rendering
def describe(f: Finding) -> str:
    """Short label: "date conflict", "weekday issue", "review"."""
    if f.kind == "contradiction":
        return "review" if f.review else f"{f.aspect} conflict"
    if f.kind == "internal":
        return f"{f.aspect} issue"
    return "corroboration"


def _order(item: Item, new_ids: set[str]) -> list[int]:
    """Claim indices to show: a new article's first for a pair; a group keeps its odd claim first."""
    claims = item.finding.claims
    if len(claims) > 2:
        return list(range(len(claims)))
    return sorted(range(len(claims)), key=lambda i: claims[i].article not in new_ids)


def counterparts(f: Finding, i: int) -> list[int]:
    """The claims that claim ``i`` conflicts with: in a group (odd claim first, then the sources
    that agree against it) the odd claim conflicts with all others, each other only with it."""
    return [j for j in range(len(f.claims)) if j != i] if i == 0 else [0]


def where(item: Item, new_ids: set[str]) -> str:
    """``new.txt:3 vs old.txt:5[, other.txt:7]``: a new article's claim and what it conflicts with."""
    claims = item.finding.claims
    i = next((k for k in range(len(claims)) if claims[k].article in new_ids), 0)
    spots = [f"{claims[j].article}:{claims[j].line}" for j in counterparts(item.finding, i)] if len(claims) > 1 else []
    return f"{claims[i].article}:{claims[i].line}" + (" vs " + ", ".join(spots) if spots else "")


def summary_line(outcome: CheckOutcome) -> str:
    """The last line of a check: PASS/FAIL and which findings decided it."""
    failing = outcome.failing
    counts = {s: len(outcome.with_status(s)) for s in ("warn", "review", "baselined")}
    extra = ", ".join(
        f"{n} {label}"
        for label, n in (
            ("below threshold", counts["warn"]),
            ("for review", counts["review"]),
            ("baselined", counts["baselined"]),
        )
        if n
    )
    n_new = len(outcome.new_ids)
    if not failing:
        threshold = (
            "no threshold (--fail-on never)"
            if outcome.fail_on == "never"
            else f"no contradiction at or above {outcome.fail_on}"
        )
        return f"OK: {threshold} in {n_new} new article{'s' if n_new != 1 else ''}" + (f" ({extra})" if extra else "")
    sevs = {i.finding.severity for i in failing}
    s = "s" if len(failing) != 1 else ""
    head = (
        f"{len(failing)} {next(iter(sevs))} finding{s}"
        if len(sevs) == 1
        else f"{len(failing)} findings at or above {outcome.fail_on}"
    )
    listed = "; ".join(f"{describe(i.finding)} {where(i, outcome.new_ids)}" for i in failing[:3])
    more = f"; +{len(failing) - 3} more" if len(failing) > 3 else ""
    return f"FAIL: {head}: {listed}{more}" + (f" ({extra})" if extra else "")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str, root: Path | None = None) -> str:
    """``path`` relative to ``root`` (default ``$GITHUB_WORKSPACE``, else the working directory)
    when it lies inside it, as GitHub expects for annotations; else unchanged."""
    base = root or Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    resolved = _resolve(Path(path))
    try:
        return resolved.relative_to(base.resolve()).as_posix()
    except ValueError:
        return path


def github_annotations(outcome: CheckOutcome, root: Path | None = None) -> list[str]:
    """GitHub workflow commands, one per new-article claim of each reported finding.

    ``::error`` for findings that fail the check, ``::warning`` below the threshold, ``::notice``
    for review items and baselined findings. Corroborations are not annotated. Every path under
    the corpus that was not read gets a ``::warning``. Values are escaped as GitHub documents
    (data: ``%``, CR, LF; properties also ``:`` and ``,``).
    """
    lines = [
        f"::warning file={_escape_property(display_path(s.path, root))},title={_escape_property('factcheck: not read')}"
        f"::{_escape_data(f'not read: {s.reason}')}"
        for s in outcome.skipped
    ]
    for item in outcome.items:
        level = _LEVEL.get(item.status)
        if level is None:
            continue
        f = item.finding
        title = f"factcheck {describe(f)}" + (" (baselined)" if item.status == "baselined" else "")
        for i, c in enumerate(f.claims):
            if c.article not in outcome.new_ids:
                continue
            others = [f.claims[j] for j in counterparts(f, i)] if len(f.claims) > 1 else []
            other = f" (other: {', '.join(f'{display_path(o.path, root)}:{o.line}' for o in others)})" if others else ""
            file = _escape_property(display_path(c.path, root))
            props = f"file={file},line={c.line},title={_escape_property(title)}"
            lines.append(f"::{level} {props}::{_escape_data(f'[{f.severity}] {f.reason}{other}')}")
    return lines


def _code(text: str) -> str:
    """A Markdown code span nothing in ``text`` can break (see :func:`factcheck.report.md_code`)."""
    from factcheck.report import md_code

    return md_code(text)


def _status_mark(status: str) -> str:
    return {
        "fail": "❌ fails the check",
        "warn": "⚠️ below the threshold",
        "review": "🔎 for review",
        "baselined": "☑️ baselined (accepted earlier)",
    }.get(status, "")


def render_markdown(outcome: CheckOutcome, top: int = MD_TOP) -> str:
    """A short Markdown report for a pull request comment: new articles only, top findings with quotes."""
    from factcheck.report import CHECK_NAMES, escape_md, highlight, not_read_section

    result = outcome.result
    new = [a for a in result.articles if a.id in outcome.new_ids]
    listed = [i for s in ("fail", "warn", "review", "baselined") for i in outcome.with_status(s)]
    ok = not outcome.failing
    others = len(result.articles) - len(new)
    lines = [
        f"### factcheck: {'✅' if ok else '❌'} {escape_md(summary_line(outcome))}",
        "",
        f"Checked {len(new)} new or changed article{'s' if len(new) != 1 else ''} against "
        f"{others} other article{'s' if others != 1 else ''}"
        f" (fail on: **{outcome.fail_on}**; NLI model `{result.model.get('nli', '?')}`).",
        "",
    ]
    lines += [", ".join(_code(a.path) for a in new), ""]
    if not listed:
        lines += ["No contradictions or within-article problems involve the new articles.", ""]
    for n, item in enumerate(listed[:top], 1):
        f = item.finding
        name = CHECK_NAMES.get(f.aspect, f.aspect)
        lines += [
            f"**{n}. {f.severity.upper()} · {escape_md(name)}** · score {f.score:.2f} · {_status_mark(item.status)}",
            "",
            escape_md(f.reason),
            "",
        ]
        for i in _order(item, outcome.new_ids):
            c = f.claims[i]
            tag = "new" if c.article in outcome.new_ids else "corpus"
            words = f.highlights[i] if i < len(f.highlights) else ()
            lines += [f"> {_code(f'{c.path}:{c.line}')} ({tag}): {highlight(c.text, words)}", ""]
    if len(listed) > top:
        lines += [f"… and {len(listed) - top} more (see the JSON report).", ""]
    corro = outcome.with_status("info")
    if corro:
        lines += [
            f"Corroborated: {len(corro)} fact{'s' if len(corro) != 1 else ''} in the new articles "
            f"{'are' if len(corro) != 1 else 'is'} confirmed by other sources" + (", e.g.:" if len(corro) > 3 else ":"),
            "",
        ]
        for item in corro[:3]:
            c = next((c for c in item.finding.claims if c.article in outcome.new_ids), item.finding.claims[0])
            lines.append(f"- {escape_md(c.text)} ({item.finding.sources} sources)")
        lines.append("")
    lines += not_read_section(outcome.skipped)
    return "\n".join(lines).rstrip() + "\n"


def to_json(outcome: CheckOutcome) -> dict[str, Any]:
    """The JSON report schema (see :func:`factcheck.report.to_json`) plus a ``check`` section and,
    per finding, its ``fingerprint`` and check ``status``."""
    from factcheck.report import to_json as report_json

    doc = report_json(outcome.result, outcome.skipped)
    for entry, item in zip(doc["findings"], outcome.items, strict=True):
        entry["fingerprint"] = item.fingerprint
        entry["status"] = item.status
    doc["check"] = {
        "new_articles": sorted(outcome.new_ids),
        "corpus": outcome.corpus,
        "since": outcome.since,
        "fail_on": outcome.fail_on,
        "exit_code": outcome.exit_code,
        "summary": summary_line(outcome),
        "nli_computed": outcome.result.nli_computed,
        "counts": {s: len(outcome.with_status(s)) for s in STATUSES},
    }
    return doc


def write_outputs(outcome: CheckOutcome, out_dir: Path, formats: Sequence[str], name: str = REPORT_NAME) -> list[Path]:
    """Write the file formats among ``formats`` (md, json) atomically; returns the paths written."""
    from factcheck.report import write_rendered

    rendered = {}
    if "md" in formats:
        rendered["md"] = render_markdown(outcome)
    if "json" in formats:
        rendered["json"] = json.dumps(to_json(outcome), ensure_ascii=False, indent=2) + "\n"
    return write_rendered(rendered, out_dir, name)


def parse_formats(value: str) -> list[str]:
    """``"md,github"`` -> ``["md", "github"]``; an empty value means console output only."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise UsageError(f"unknown format {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    return formats
