"""An optional user lexicon: domain knowledge a newsroom wants the checker to use, kept out of the code.

factcheck itself knows no domain: its language knowledge is data (:mod:`factcheck.lang`), its names
and kinds come from corpus statistics. A desk that knows its beat can add what those cannot learn
from one corpus, in a YAML (or JSON) file passed with ``--lexicon FILE``; the default is empty::

    # words that state the same thing: one group per line, any language, any inflection
    synonyms:
      - [memvonis, menghukum, sentenced, condenó]
      - [lapas, penjara, prison]
    # other names of one entity: canonical name -> its other names (a known mistranslation too)
    aliases:
      Komisi Pemberantasan Korupsi: [KPK, Corruption Eradication Commission]
      The Daily Ledger: [The Daily Leger]
    # what a name is, where the corpus cannot tell
    places: [Teluk Biru]
    people_and_organisations: [Sungai Mas Group]

- ``synonyms``: the roots of the words of a group count as one content word (pairing, the topical
  gate of the checks, the predicate a date or place belongs to);
- ``aliases``: every other name maps to the canonical one (entity and speaker keys), so "KPK" and
  "Komisi Pemberantasan Korupsi" are one actor of an event and one speaker;
- ``places`` / ``people_and_organisations``: the kind of those names, whatever the corpus votes.

A lexicon is active for the duration of :func:`use` (the CLI wraps a run in it); its fingerprint is
part of the report's model line, so two reports say whether they were made with the same one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factcheck import lang
from factcheck.errors import InputError

KINDS = {"places": "place", "people_and_organisations": "person_or_org"}
KEYS = ("synonyms", "aliases", *KINDS)
MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Lexicon:
    """Folded forms: ``synonyms`` word or root -> the group's root; ``aliases`` name key -> canonical
    name key; ``kinds`` name key -> ``"place"`` or ``"person_or_org"``."""

    synonyms: Mapping[str, str] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    name: str = ""

    def __bool__(self) -> bool:
        return bool(self.synonyms or self.aliases or self.kinds)

    @property
    def fingerprint(self) -> str:
        body = json.dumps([sorted(self.synonyms.items()), sorted(self.aliases.items()), sorted(self.kinds.items())])
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]

    @classmethod
    def from_mapping(cls, raw: Any, where: str = "lexicon") -> Lexicon:
        """Build from the parsed file (see the module docstring).

        Raises:
            InputError: naming ``where`` and the offending key when the structure is not as documented.
        """
        from factcheck.normalize.entities import surface_key

        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise InputError(where, "a lexicon must be a mapping with keys " + ", ".join(KEYS))
        unknown = sorted(set(raw) - set(KEYS))
        if unknown:
            raise InputError(where, f"unknown lexicon key {unknown[0]!r} (expected {', '.join(KEYS)})")
        synonyms: dict[str, str] = {}
        for group in _list(raw.get("synonyms"), where, "synonyms"):
            words = _words(group, where, "synonyms", "a list of words")
            roots = [_root(w) for w in words]
            head = min(roots)
            for w, r in zip(words, roots, strict=True):
                synonyms[w.lower()] = head
                synonyms[r] = head
        aliases: dict[str, str] = {}
        table = raw.get("aliases") or {}
        if not isinstance(table, dict):
            raise InputError(where, "aliases must map a canonical name to a list of its other names")
        for canonical, others in table.items():
            if not isinstance(canonical, str) or not canonical.strip():
                raise InputError(where, f"aliases: {canonical!r} is not a name")
            target = surface_key(canonical)
            for other in _words(others, where, f"aliases of {canonical!r}", "a list of names"):
                aliases[surface_key(other)] = target
        kinds: dict[str, str] = {}
        for key, kind in KINDS.items():
            for n in _words(raw.get(key) or [], where, key, "a list of names"):
                k = aliases.get(surface_key(n), surface_key(n))
                if kinds.get(k, kind) != kind:
                    raise InputError(where, f"{n!r} is listed both as a place and as a person or organisation")
                kinds[k] = kind
        return cls(synonyms, aliases, kinds, where)

    @classmethod
    def load(cls, path: Path | str) -> Lexicon:
        """Read a YAML or JSON lexicon file.

        Raises:
            InputError: one line naming the file when it cannot be read or is not a lexicon.
        """
        p = Path(path)
        try:
            if p.stat().st_size > MAX_BYTES:
                raise InputError(p, f"lexicon larger than {MAX_BYTES // 1_000_000} MB")
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(p, "no such lexicon file") from None
        except IsADirectoryError:
            raise InputError(p, "a lexicon is a file, not a folder") from None
        except UnicodeDecodeError:
            raise InputError(p, "lexicon is not UTF-8 text") from None
        except OSError as exc:
            raise InputError(p, f"cannot read lexicon ({exc.strerror or exc})") from None
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" at line {mark.line + 1}" if mark is not None else ""
            raise InputError(p, f"lexicon is not valid YAML or JSON{at}") from None
        return cls.from_mapping(raw, str(p))


def _list(value: Any, where: str, key: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(where, f"{key} must be a list")
    return value


def _words(value: Any, where: str, key: str, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise InputError(where, f"{key} must be {what}")
    return [w.strip() for w in value]


def _root(word: str) -> str:
    return lang.root(word.lower(), lang.DEFAULT)


EMPTY = Lexicon()
_active: Lexicon = EMPTY


def active() -> Lexicon:
    """The lexicon in force (empty unless inside :func:`use`)."""
    return _active


@contextmanager
def use(lexicon: Lexicon | None) -> Iterator[Lexicon]:
    """Make ``lexicon`` the one in force inside the block (the CLI wraps a whole run in it)."""
    global _active
    before = _active
    _active = lexicon or EMPTY
    lang.synonyms.clear()
    lang.synonyms.update(_active.synonyms)
    try:
        yield _active
    finally:
        _active = before
        lang.synonyms.clear()
        lang.synonyms.update(before.synonyms)


def alias(key: str) -> str:
    """The canonical key of a name key under the lexicon's aliases."""
    return _active.aliases.get(key, key) if _active.aliases else key


def describe() -> dict[str, str]:
    """What a report's model line says about the lexicon (nothing when none is in force)."""
    return {"lexicon": f"{Path(_active.name).name}@{_active.fingerprint}"} if _active else {}
