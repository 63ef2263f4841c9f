"""The optional user lexicon: loading and its errors, and what each part changes (synonyms in the
content words, aliases in the alias index, kinds in the corpus vote), only while it is in force."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck import lang
from factcheck.claims import extract_claims, resolve_aliases
from factcheck.cli import app
from factcheck.corpus import Article
from factcheck.errors import InputError
from factcheck.lexicon import Lexicon, active, describe, use
from factcheck.normalize.entities import AliasIndex
from factcheck.pairing import content_words

LEXICON = """\
synonyms:
  - [memvonis, menghukum, sentenced]
aliases:
  Badan Air Kelabu: [BAK, Kelabu Water Board]
places: [Tanjung Seruni]
people_and_organisations: [Karang Bening]
"""


@pytest.fixture
def lexicon(tmp_path: Path) -> Lexicon:
    path = tmp_path / "desk.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return Lexicon.load(path)


def test_load_folds_every_part(lexicon: Lexicon) -> None:
    roots = {lexicon.synonyms[w] for w in ("memvonis", "menghukum", "sentenced")}
    assert len(roots) == 1  # one root for the whole group, whatever each word's stem
    assert lexicon.aliases == {"bak": "badan air kelabu", "kelabu water board": "badan air kelabu"}
    assert lexicon.kinds == {"tanjung seruni": "place", "karang bening": "person_or_org"}
    assert bool(lexicon) and len(lexicon.fingerprint) == 12


def test_json_is_yaml_too(tmp_path: Path) -> None:
    path = tmp_path / "desk.json"
    path.write_text(json.dumps({"places": ["Tanjung Seruni"]}), encoding="utf-8")
    assert Lexicon.load(path).kinds == {"tanjung seruni": "place"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("synonim:\n  - [a, b]\n", "unknown lexicon key 'synonim'"),
        ("- just\n- a list\n", "a lexicon must be a mapping"),
        ("synonyms: [memvonis, menghukum]\n", "synonyms must be a list of words"),
        ("aliases: [BAK]\n", "aliases must map a canonical name"),
        ("aliases:\n  BAK: Kelabu\n", "aliases of 'BAK' must be a list of names"),
        ("places: [Seruni]\npeople_and_organisations: [Seruni]\n", "both as a place and as a person"),
        ("places: [Seruni\n", "not valid YAML or JSON at line"),
    ],
)
def test_bad_lexicons_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "desk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        Lexicon.load(path)
    assert str(exc.value).startswith(str(path))


def test_unreadable_lexicons(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such lexicon file"):
        Lexicon.load(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match="not a folder"):
        Lexicon.load(tmp_path)
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(InputError, match="not UTF-8"):
        Lexicon.load(binary)


def test_synonyms_share_a_root_only_while_in_force(lexicon: Lexicon) -> None:
    a, b = "Hakim memvonis terdakwa kemarin.", "Hakim menghukum terdakwa kemarin."
    plain = content_words(a) & content_words(b)
    with use(lexicon):
        assert active() is lexicon and lang.stem("menghukum") == lang.stem("memvonis")
        assert len(content_words(a) & content_words(b)) == len(plain) + 1
        assert describe() == {"lexicon": f"desk.yaml@{lexicon.fingerprint}"}
    assert content_words(a) & content_words(b) == plain
    assert lang.stem("menghukum") != lang.stem("memvonis") and describe() == {}


def test_aliases_join_other_names(lexicon: Lexicon) -> None:
    keys = ["badan air kelabu", "bak", "kelabu water board", "rudi"]
    assert AliasIndex(keys)("bak") == "bak"
    with use(lexicon):
        index = AliasIndex(keys)
        assert {index(k) for k in keys[:3]} == {"badan air kelabu"}
        assert index.counts["badan air kelabu"] == 3 and index("rudi") == "rudi"


def test_kinds_override_the_corpus_vote(lexicon: Lexicon) -> None:
    """"di Karang Bening" makes the corpus call it a place; the lexicon says it is an organisation."""
    text = (
        "Rapat tahunan koperasi digelar di Karang Bening pada Senin (3/6/2024) dan dihadiri 300 anggota.\n\n"
        "Pengurus baru koperasi itu dipilih di Karang Bening dalam pemungutan suara terbuka.\n"
    )
    art = Article(id="a.md", path="a.md", text=text, published=date(2024, 6, 4), language="id")

    def kinds() -> set[str]:
        claims = resolve_aliases(extract_claims(art))
        return {e.kind for c in claims for e in c.entities if e.key == "karang bening"}

    assert kinds() == {"place"}
    with use(lexicon):
        assert kinds() == {"person_or_org"}


def test_cli_rejects_a_bad_lexicon_with_one_line(tmp_path: Path, demo_dir: Path) -> None:
    bad = tmp_path / "desk.yaml"
    bad.write_text("synonim: []\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["audit", str(demo_dir), "--out", str(tmp_path / "r"), "--lexicon", str(bad)])
    assert result.exit_code == 2
    assert "desk.yaml: unknown lexicon key 'synonim'" in result.output
    assert not (tmp_path / "r").exists()


def test_cli_audit_names_the_lexicon_in_the_report(tmp_path: Path, demo_dir: Path, monkeypatch, e5) -> None:
    import factcheck.embed
    import factcheck.nli
    from tests.fakes import FakeNLI

    monkeypatch.setattr(factcheck.nli, "load_scorer", lambda model=None, **kw: FakeNLI())
    monkeypatch.setattr(factcheck.embed, "default_embedder", lambda: e5)
    desk = tmp_path / "desk.yaml"
    desk.write_text(LEXICON, encoding="utf-8")
    args = ["audit", str(demo_dir), "--format", "json", "--out"]
    with_lexicon = CliRunner().invoke(app, [*args, str(tmp_path / "a"), "--lexicon", str(desk)])
    without = CliRunner().invoke(app, [*args, str(tmp_path / "b")])
    assert with_lexicon.exit_code == 0 and without.exit_code == 0, with_lexicon.output + without.output
    model_a = json.loads((tmp_path / "a" / "demo.json").read_text(encoding="utf-8"))["model"]
    model_b = json.loads((tmp_path / "b" / "demo.json").read_text(encoding="utf-8"))["model"]
    assert model_a["lexicon"] == f"desk.yaml@{Lexicon.load(desk).fingerprint}" and "lexicon" not in model_b
    assert active() is not None and not active()  # nothing stays in force after the run
