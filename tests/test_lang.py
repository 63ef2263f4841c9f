"""Language data files: complete for id and en, loadable for every language, no corpus in the code."""

import ast
import json
from importlib import resources
from pathlib import Path

import pytest

from factcheck import lang

COMPLETE = (
    "months weekdays relative times_of_day honorifics titles speech_after speech_verbs according_to "
    "modality negation qualifiers multipliers units place_heads place_cues countries"
).split()


def test_every_language_folder_loads_and_names_twelve_months():
    assert {"id", "en", "es", "de", "fr", "it", "pt", "pl"} <= set(lang.available())
    for code in lang.available():
        raw = json.loads((resources.files(lang) / code / "lang.json").read_text(encoding="utf-8"))
        assert set(raw["months"].values()) == set(range(1, 13)), code
        assert set(raw["weekdays"].values()) == set(range(7)), code
        assert raw["negation"] and raw["qualifiers"] and raw["speech_verbs"], code


@pytest.mark.parametrize("code", ["id", "en"])
def test_indonesian_and_english_are_complete(code):
    raw = json.loads((resources.files(lang) / code / "lang.json").read_text(encoding="utf-8"))
    assert [k for k in COMPLETE if not raw.get(k)] == []
    assert set(raw["modality"]) == {"opinion", "expectation", "plan", "condition"}


def test_merged_data_prefers_the_first_language():
    assert lang.data(("id", "en")).first("decimal") == ","
    assert lang.data(("en", "id")).first("decimal") == "."
    assert lang.data(("id", "en")).months["june"] == 6 and lang.data(("id", "en")).months["juni"] == 6


@pytest.mark.parametrize(
    ("codes", "name", "key"),
    [
        (("id",), "Korut", "north korea"),
        (("en",), "DPRK", "north korea"),
        (("de",), "Nordkorea", "north korea"),
        (("id",), "AS", "united states"),
        (("en",), "AS", None),  # not a country in English
        (("en",), "Georgia", "georgia"),
        (("es",), "Rusia", "russia"),
    ],
)
def test_country_names(codes, name, key):
    assert lang.data(codes).countries.key(name) == key


def test_stop_words_are_function_words_of_every_language():
    assert {"del", "una", "der", "und", "the", "yang"} <= lang.data(lang.available()).stop_words
    assert not {"pertemuan", "tiba", "panjang"} & lang.data("id").stop_words
    assert not {"information", "world", "million"} & lang.data("en").stop_words


BANNED = ("minyak", "vostochny", "kirby", "halim", "luhut", "kosmodrom", "jean-pierre", "pyongyang")


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def test_no_corpus_words_outside_docstrings():
    """The package names none of the seed or demo corpora's words, except in docstrings."""
    root = Path(lang.__file__).parents[1]
    found = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                found += [(path.name, w) for w in BANNED if w in node.value.lower()]
    for path in root.rglob("*.json"):
        found += [(path.name, w) for w in BANNED if w in path.read_text(encoding="utf-8").lower()]
    assert found == []
