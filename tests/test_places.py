"""Place levels and nesting read from an event's own sentences (factcheck.places), and what they change
in the place checks of pairs and facts. Every place, person and sentence is invented."""

from __future__ import annotations

from dataclasses import replace

import pytest

from factcheck.claims import Claim, extract_claims, resolve_aliases
from factcheck.normalize.entities import EntityMention
from factcheck.places import Place, PlaceTree, mention_level
from factcheck.scoring import _place_check
from tests.test_attributes import _article


def _claims(texts: dict[str, tuple[str, str]], event: str = "E1") -> list[Claim]:
    arts = [_article(aid, text, language) for aid, (text, language) in texts.items()]
    return [replace(c, event=event) for c in resolve_aliases([c for a in arts for c in extract_claims(a)])]


def _place(claims: list[Claim], name: str) -> tuple[Claim, str]:
    for c in claims:
        for e in c.entities:
            if e.kind == "place" and e.text.endswith(name):
                return c, e.key
    raise AssertionError(f"no place {name!r} in {[c.text for c in claims]}")


@pytest.mark.parametrize(
    ("text", "language", "name", "level"),
    [
        ("Banjir merendam Desa Wotgalih sejak Senin pagi.", "id", "Wotgalih", 1),
        ("Jalan di Kecamatan Lereng Sari ditutup sejak Senin pagi.", "id", "Lereng Sari", 2),
        ("Floods closed roads in Tandawu Regency on Monday morning.", "en", "Tandawu Regency", 3),
        ("Floods closed roads in Indonesia's Lembah Hijau province on Monday.", "en", "Lembah Hijau", 4),
        ("Le inondazioni hanno colpito la provincia di Lembah Hijau lunedì mattina.", "it", "Lembah Hijau", 4),
        ("Floods closed the road to Wotgalih on Monday morning.", "en", "Wotgalih", None),
    ],
)
def test_a_place_level_is_read_from_the_word_naming_its_kind(
    text: str, language: str, name: str, level: int | None
) -> None:
    start = text.index(name)
    e = EntityMention(name, start, start + len(name), name.lower(), "place")
    assert mention_level(e, text) == level


def test_commas_and_in_nest_places_and_give_an_unnamed_region_a_level() -> None:
    claims = _claims(
        {
            "a": (
                "Jembatan di Kecamatan Lereng Sari, Kabupaten Tandawu, Lembah Hijau, ambruk pada Senin pagi.\n\n"
                "Hujan deras turun di Lembah Hijau sejak Minggu malam hingga Senin.",
                "id",
            ),
            "b": ("Die Brücke im Landkreis Tandawu in Zentralhijau stürzte am Montagmorgen ein.", "de"),
        }
    )
    tree = PlaceTree.from_claims(claims)
    _, district = _place(claims, "Lereng Sari")
    _, region = _place(claims, "Lembah Hijau")
    _, german = _place(claims, "Zentralhijau")
    d, r, g = tree.describe("E1", district), tree.describe("E1", region), tree.describe("E1", german)
    assert d.level == 2
    assert r.level == 4  # above the regency it holds, though no sentence calls it a province
    assert g.level == 4
    assert d.nested(r) and r.nested(d)  # through the regency
    assert tree.describe("E1", _place(claims, "Tandawu")[1]).level == 3


def test_a_possessive_puts_the_place_after_it_in_the_place_before_it() -> None:
    # "Halmarung's Tidarane regency" and "the prison in Marasoli, in Tidarane regency": the town lies in
    # the province, though no sentence names the two together
    claims = _claims(
        {
            "a": ("In February, 11 inmates escaped from a smaller prison in Halmarung's Tidarane regency.", "en"),
            "b": ("In February, 11 inmates escaped from the prison in Marasoli, in Tidarane regency.", "en"),
        }
    )
    tree = PlaceTree.from_claims(claims)
    province, town = (tree.describe("E1", _place(claims, name)[1]) for name in ("Halmarung", "Marasoli"))
    assert town.nested(province) and province.agrees(town)


def test_a_list_of_places_nests_nothing() -> None:
    claims = _claims({"a": ("Banjir melanda di Wotgalih, di Kaliabang, dan di Sumberlor sejak Senin pagi.", "id")})
    tree = PlaceTree.from_claims(claims)
    places = [tree.describe("E1", e.key) for c in claims for e in c.entities if e.kind == "place"]
    assert len(places) == 3
    assert not any(p.within for p in places)
    assert not places[0].agrees(places[1])


@pytest.mark.parametrize(
    ("x", "y", "agree"),
    [
        (Place("a", 1), Place("b", 1), False),  # two villages
        (Place("a", 3), Place("b", 3), False),  # two regencies
        (Place("a", 2), Place("b", 1), False),  # a district and a village not known to lie in it
        (Place("a", 1), Place("b", 3), True),  # a village and a regency: named at two levels
        (Place("a", 3), Place("b", 4), True),
        (Place("a", None), Place("b", 4), True),  # a province and a place of unknown kind
        (Place("a", None), Place("b", 3), False),  # a town and a regency: either may be wrong
        (Place("a", None), Place("b", None), False),
        (Place("a", 1, frozenset({"b"})), Place("b", 2), True),  # nested
    ],
)
def test_places_agree_when_nested_or_named_at_levels_a_region_apart(x: Place, y: Place, agree: bool) -> None:
    assert x.agrees(y) is agree
    assert y.agrees(x) is agree


def test_a_pair_placing_one_event_in_a_province_and_in_a_regency_is_no_conflict() -> None:
    claims = _claims(
        {
            "a": ("A steel bridge collapsed into the river in Indonesia's Lembah Hijau province on Monday.", "en"),
            "b": ("A steel bridge collapsed into the river in Tandawu Regency on Monday.", "en"),
            "c": ("A steel bridge collapsed into the river in Sumberlor Regency on Monday.", "en"),
        }
    )
    a, b, c = claims
    tree = PlaceTree.from_claims(claims)
    assert _place_check(a, b) is not None  # without the tree: two different places
    assert _place_check(a, b, tree) is None
    assert _place_check(b, c, tree) is not None  # two regencies still conflict


def test_places_are_nested_per_event() -> None:
    one = _claims({"a": ("Jembatan di Kecamatan Lereng Sari, Kabupaten Tandawu ambruk pada Senin pagi.", "id")}, "E1")
    two = _claims({"b": ("Jalan di Kecamatan Lereng Sari ditutup pada Selasa pagi.", "id")}, "E2")
    tree = PlaceTree.from_claims(one + two)
    key = _place(one, "Lereng Sari")[1]
    assert tree.describe("E1", key).within
    assert not tree.describe("E2", key).within
