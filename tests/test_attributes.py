"""Fact alignment (factcheck.attributes) and the findings made from it (factcheck.ranking.fact_findings).

Every article, name and sentence is invented. The alignment tests extract real claims from small
articles and embed their masked texts with a tiny embedder: ``FakeEmbedder`` (bag of words, so two
sentences that differ only in their values get cosine 1.0) or ``SameEmbedder`` (one vector for every
text, so only the alignment's rules - sources, units, predicates, modality - keep facts apart).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from factcheck.attributes import (
    Fact,
    SlotFact,
    SlotValue,
    ValueGroup,
    _agrees,
    _average_link,
    _canon,
    _same_unit,
    _value_groups,
    align_facts,
    companies,
    counted_noun_translations,
    disagree,
    looking_back,
    mask,
    same_company,
    slot_facts,
    value_clause,
)
from factcheck.claims import Claim, extract_claims, resolve_aliases
from factcheck.corpus import Article
from factcheck.normalize.dates import DateMention, TimeOfDay, find_dates
from factcheck.normalize.entities import EntityMention
from factcheck.normalize.numbers import Quantity, find_quantities
from factcheck.pipeline import AuditResult, audit_articles
from factcheck.ranking import fact_findings
from tests.fakes import FakeEmbedder, FakeNLI

PUBLISHED = date(2023, 9, 15)


def _article(aid: str, text: str, language: str = "id") -> Article:
    return Article(
        id=aid,
        path=f"korpus/{aid}.txt",
        text=text,
        title=aid,
        source=aid,
        published=PUBLISHED,
        published_from="front matter",
        language=language,
        language_stated=True,
    )


def _claim(text: str, language: str = "id") -> Claim:
    (c,) = extract_claims(_article("x", text, language))
    return c


class SameEmbedder:
    """Every text gets the same unit vector: every masked cosine is 1.0."""

    name = "same-embedder"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return np.full((len(texts), 8), 1 / np.sqrt(8), dtype=np.float32)


class NearEmbedder:
    """Equal texts get cosine 1.0, any two different texts exactly ``cosine``."""

    name = "near-embedder"

    def __init__(self, cosine: float, dim: int = 64) -> None:
        self.eps = np.sqrt(1 / cosine - 1)  # (1, eps e_i) . (1, eps e_j) / (1 + eps^2) = cosine
        self.dim = dim
        self.seen: dict[str, int] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim + 1), dtype=np.float64)
        out[:, 0] = 1.0
        for row, text in enumerate(texts):
            out[row, 1 + self.seen.setdefault(text, len(self.seen))] = self.eps
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


Encoder = FakeEmbedder | SameEmbedder | NearEmbedder


def _aligned(
    texts: Mapping[str, str], embedder: Encoder | None = None, sources: Mapping[str, str] = {}
) -> tuple[list[Claim], list[SlotFact], list[Fact]]:
    """Claims of the articles (one event, aliases resolved as the pipeline does), their slot facts,
    and the facts aligned across sources (``sources``: article id -> source, for copies)."""
    arts = {aid: _article(aid, t) for aid, t in texts.items()}
    claims = [replace(c, event="E1") for c in resolve_aliases([c for a in arts.values() for c in extract_claims(a)])]
    slots = slot_facts(claims, arts)
    texts = sorted({t for f in slots for t in f.texts})
    vectors = dict(zip(texts, (embedder or FakeEmbedder()).encode(texts), strict=True))
    facts = align_facts(claims, vectors, slots, lambda a: sources.get(a, a))
    return claims, slots, facts


def _of_kind(facts: Sequence[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def _values(f: Fact) -> list[tuple[str, tuple[str, ...]]]:
    return [(v.value, v.sources) for v in f.values]


OPENED = "Gubernur Rani Wiradana meresmikan Bendungan Sukamulya di Desa Cibeureum pada {}."
STARTED = "Kontraktor memulai pembangunan Bendungan Sukamulya di Desa Cibeureum pada {}."


# ---------------------------------------------------------------------------- mask
def test_mask_replaces_dates_and_places() -> None:
    c = _claim(
        "Menteri Laut Sari Anggraeni meresmikan Pelabuhan Karang Wetan di Kota Marunda pada Rabu, 13 September 2023."
    )
    assert mask(c) == "Menteri Laut Sari Anggraeni meresmikan [PLACE] di [PLACE] pada [DATE]."


@pytest.mark.parametrize(
    ("sentence", "masked"),
    [
        ("Acara peresmian itu dihadiri sekitar 300 orang dari tiga desa.",
         "Acara peresmian itu dihadiri [N] people dari [N] desa."),
        ("Rapat dewan desa itu berlangsung hampir satu jam di balai warga.",
         "Rapat dewan desa itu berlangsung [N] s di balai warga."),
        ("The village council meeting lasted 30 minutes on that evening.",
         "The village council meeting lasted [N] s on that evening."),
        # the attribution is peeled off: the attribute is what the fact says, not who says it
        ("Menurut dinas pengairan, biaya bendungan itu Rp 250 miliar.",
         "biaya bendungan itu [N] IDR."),
    ],
)
def test_mask_replaces_figures_and_keeps_their_unit(sentence: str, masked: str) -> None:
    lang = "en" if sentence.startswith("The") else "id"
    assert mask(_claim(sentence, lang)) == masked


def test_a_value_in_the_attribution_is_a_value_of_the_statement() -> None:
    """A date inside the fact is compared as that fact (attribution peeled off); a date inside the
    attribution ("... pada Senin melaporkan bahwa ...") says when it was said: compared as the
    whole statement, so it never meets the fact's own date as one attribute."""
    text = "Harian Nusa Raya pada Senin (4/3/2024) melaporkan bahwa gubernur akan meninjau bendungan itu pekan depan."
    c = _claim(text)
    found = slot_facts([c], {c.article: _article(c.article, text)})
    slots = {c.text[f.value.start : f.value.end]: f.masked for f in found}
    assert slots["pekan depan"] == "gubernur akan meninjau bendungan itu [DATE]."
    assert slots["Senin (4/3/2024)"] == (
        "Harian Nusa Raya pada [DATE] melaporkan bahwa gubernur akan meninjau bendungan itu [DATE]."
    )


def test_mask_takes_the_first_of_overlapping_mentions() -> None:
    c = _claim("Sidang dewan kota berlangsung 13 September 2023 selama 3 jam di gedung dewan.")
    (d,) = c.dates
    assert c.text[d.start : d.end] == "13 September 2023"
    inside = d.start + len("13 ")  # "September 2023", mis-read as a place inside the date
    place = EntityMention("September 2023", inside, d.end, "september 2023", "place")
    masked = mask(replace(c, entities=(*c.entities, place)))
    assert masked == "Sidang dewan kota berlangsung [DATE] selama [N] s di gedung dewan."


def test_text_without_slots_is_unchanged_and_gives_no_slot_fact() -> None:
    text = "Warga menyambut gembira kabar baik itu lewat berbagai unggahan di media sosial."
    c = _claim(text)
    assert (c.dates, c.quantities, [e for e in c.entities if e.kind == "place"]) == ((), (), [])
    assert mask(c) == text
    assert slot_facts([c], {}) == []


# ---------------------------------------------------------------------------- value agreement
def _date(text: str, language: str = "id") -> DateMention:
    (d,) = find_dates(text, PUBLISHED, [language])
    return d


def _quantity(text: str, language: str = "id") -> Quantity:
    (q,) = find_quantities(text, [], [language])
    return q


def _place(key: str) -> EntityMention:
    return EntityMention(key.title(), 0, len(key), key, "place")


def _agree(kind: str, x: SlotValue, y: SlotValue, x_places: frozenset[str] = frozenset()) -> bool:
    """Whether two slot values agree, both ways round (``x_places``: the other places x's sentence names)."""
    fx, fy = SlotFact(0, kind, x, "", x_places), SlotFact(1, kind, y, "")
    there, back = _agrees(kind, fx, fy), _agrees(kind, fy, fx)
    assert there == back
    return there


@pytest.mark.parametrize(
    ("kind", "x", "y", "agree"),
    [
        ("date", _date("pada 13 September 2023"), _date("pada September 2023"), True),  # a day inside its month
        ("date", _date("pada 13 September 2023"), _date("Rabu (13/9/2023)"), True),
        ("date", _date("pada 13 September 2023"), _date("on 14 September 2023", "en"), False),
        ("date", _date("pada 14 September 2023"), _date("pada Oktober 2023"), False),
        ("number", _quantity("sekitar 300 orang"), _quantity("312 orang"), True),  # an estimate has a range
        ("number", _quantity("sekitar 300 orang"), _quantity("350 orang"), False),
        ("number", _quantity("300 orang"), _quantity("312 orang"), False),  # two exact figures
        ("number", _quantity("hampir satu jam"), _quantity("30 minutes", "en"), False),
        ("number", _quantity("hampir satu jam"), _quantity("55 menit"), True),
        ("place", _place("kosmodrom belorsk"), _place("belorsk"), True),
        ("place", _place("kota marunda"), _place("marunda"), True),
        ("place", _place("zarechensk"), _place("belorsk"), False),
        ("place", _place("pelabuhan karang wetan"), _place("pelabuhan sagara"), False),  # a shared head is no match
    ],
)
def test_value_agreement(kind: str, x: SlotValue, y: SlotValue, agree: bool) -> None:
    assert _agree(kind, x, y) is agree


def test_a_venue_agrees_with_the_city_its_sentence_names() -> None:
    venue, city = _place("stadion lokajaya"), _place("kota marunda")
    assert not _agree("place", venue, city)
    assert _agree("place", venue, city, frozenset({"stadion lokajaya", "kota marunda"}))


def test_a_place_whose_name_starts_another_name_is_a_different_place() -> None:
    assert not _agree("place", _place("pelabuhan sindang"), _place("pelabuhan sindangbarang"))


@pytest.mark.parametrize(("a", "b", "across", "within"), [
    ("jawa tengah", "java central", True, False),  # one name as two languages write it
    ("asie", "ásia", True, False),
    ("sumatera utara", "sumatra", True, False),
    ("kota batu", "kota baru", True, False),  # across languages a letter apart is one name; in one, two cities
    ("iran", "iraq", False, False),  # two countries' names are never one
    ("desa sukamaju", "desa sukamulya", False, False),
    ("pelabuhan sindang", "pelabuhan sindangbarang", False, False),
    ("jawa timur", "jawa tengah", False, False),  # two provinces of one island
    ("kalimantan timur", "jawa timur", False, False),  # a compass word names no place
    ("java oriental", "jawa timur", True, False),
    ("jawa timur", "jawa", True, True),  # the province lies on the island
])  # fmt: skip
def test_place_names_written_alike_across_languages(a: str, b: str, across: bool, within: bool) -> None:
    from factcheck.attributes import same_place

    assert same_place(a, b, languages=True) is across and same_place(b, a, languages=True) is across
    assert same_place(a, b) is within


def test_a_coarse_value_joins_the_largest_group_it_agrees_with() -> None:
    texts = {
        "a1": OPENED.format("13 September 2023"),
        "a2": OPENED.format("13 September 2023"),
        "a3": OPENED.format("14 September 2023"),
        "a4": "Gubernur Rani Wiradana meresmikan Bendungan Sukamulya di Desa Cibeureum pada September 2023.",
    }
    claims, slots, _ = _aligned(texts)
    dates = [f for f in slots if f.kind == "date"]
    groups = _value_groups(dates, claims, lambda a: a)
    got = sorted((_canon("date", v), sorted(claims[m.claim].article for m in ms)) for v, ms in groups)
    assert got == [("13 September 2023", ["a1", "a2", "a4"]), ("14 September 2023", ["a3"])]


# ---------------------------------------------------------------------------- clustering
@pytest.mark.parametrize("cut", [0.3, 0.92])
@pytest.mark.parametrize("forbidden", [(0, 1), (0, 2), (1, 2)])
def test_a_forbidden_pair_never_shares_a_cluster(forbidden: tuple[int, int], cut: float) -> None:
    sim = np.ones((3, 3))
    allowed = np.ones((3, 3), dtype=bool)
    x, y = forbidden
    allowed[x, y] = allowed[y, x] = False
    labels = _average_link(sim, allowed, np.full((3, 3), cut))
    assert labels[x] != labels[y]  # even where the mean cosine over the three would clear a low cut
    assert len(set(labels)) == 2  # the third item still joins one of them


def test_average_link_merges_the_best_mean_first() -> None:
    # {0, 1} forms first; 2 is then closer to 3 (0.97) than on average to {0, 1} (0.95), and 3 may not
    # join 0: best mean first gives {0, 1} {2, 3}; the largest sum first would give {0, 1, 2} {3}
    sim = np.array(
        [[1.0, 0.99, 0.95, 0.80], [0.99, 1.0, 0.95, 0.80], [0.95, 0.95, 1.0, 0.97], [0.80, 0.80, 0.97, 1.0]]
    )
    allowed = np.ones((4, 4), dtype=bool)
    allowed[0, 3] = allowed[3, 0] = False
    labels = _average_link(sim, allowed, np.full((4, 4), 0.92))
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_average_link_merges_on_the_mean_cosine_against_the_cut() -> None:
    allowed = np.ones((3, 3), dtype=bool)
    cut = np.full((3, 3), 0.92)
    sim = np.array([[1.0, 0.99, 0.95], [0.99, 1.0, 0.85], [0.95, 0.85, 1.0]])
    labels = _average_link(sim, allowed, cut)
    assert labels[0] == labels[1] != labels[2]  # 2 is close to 0 only: mean 0.90 to {0, 1}
    sim[1, 2] = sim[2, 1] = 0.90  # mean 0.925
    assert len(set(_average_link(sim, allowed, cut))) == 1


@pytest.mark.parametrize(("cut", "merged"), [(0.90, True), (0.92, False)])
def test_average_link_uses_the_cut_of_each_pair(cut: float, merged: bool) -> None:
    sim = np.array([[1.0, 0.91], [0.91, 1.0]])
    labels = _average_link(sim, np.ones((2, 2), dtype=bool), np.full((2, 2), cut))
    assert (labels[0] == labels[1]) is merged


# ---------------------------------------------------------------------------- align_facts
def test_a_date_given_by_three_sources_and_contradicted_by_one() -> None:
    texts = {
        "a1": OPENED.format("13 September 2023"),
        "a2": OPENED.format("Rabu (13/9/2023)"),
        "a3": OPENED.format("13 September 2023"),
        "a4": OPENED.format("14 September 2023"),
    }
    _, _, facts = _aligned(texts)
    (fact,) = _of_kind(facts, "date")
    assert fact.conflict
    assert _values(fact) == [("13 September 2023", ("a1", "a2", "a3")), ("14 September 2023", ("a4",))]
    assert fact.values[0].mentions == ("13 September 2023", "Rabu (13/9/2023)", "13 September 2023")
    assert fact.id == "E1.F1" and fact.event == "E1" and fact.sources == 4
    assert fact.similarity == pytest.approx(1.0)
    (place,) = _of_kind(facts, "place")
    assert not place.conflict and _values(place) == [("desa cibeureum", ("a1", "a2", "a3", "a4"))]


def test_a_company_named_by_one_source_against_three_is_a_company_conflict() -> None:
    owned = "Pabrik pupuk di Kawasan Industri Lembah Hijau itu milik {}."
    texts = {
        "a1": owned.format("PT Sinar Galih Perkasa"),
        "a2": owned.format("PT Sinar Galih Perkasa"),
        "a3": "Pabrik pupuk di Kawasan Industri Lembah Hijau itu milik Sinar Galih Perkasa.",  # no legal form
        "a4": owned.format("PT Bumi Lestari Jaya"),
    }
    claims, slots, facts = _aligned(texts, SameEmbedder())
    assert {f.masked for f in slots if f.kind == "org"} == {"Pabrik pupuk di [PLACE] itu milik [ORG]."}
    (fact,) = _of_kind(facts, "org")
    assert fact.conflict and fact.name.startswith("company")
    assert _values(fact) == [("pt sinar galih perkasa", ("a1", "a2")), ("pt bumi lestari jaya", ("a4",))]
    (finding,) = [f for f in fact_findings(facts, claims, lambda cs: 1.0) if f.kind == "contradiction"]
    assert finding.checks[0] == "org" and [c.article for c in finding.claims] == ["a4", "a1", "a2"]


def test_a_sentence_naming_two_companies_gives_no_company_value() -> None:
    texts = {
        "a1": "Penandatanganan akuisisi PT Bumi Lestari Jaya oleh PT Sinar Galih Perkasa berlangsung kemarin.",
        "a2": "PT Sinar Galih Perkasa resmi mengakuisisi PT Bumi Lestari Jaya kemarin.",
    }
    assert not [f for f in _aligned(texts, SameEmbedder())[1] if f.kind == "org"]


def test_a_legal_form_of_another_language_stays_with_the_company() -> None:
    c = _claim("The plant is operated by PT Sekar Polimer Industri, one of the larger tenants.", "en")
    assert [e.text for e in companies(c)] == ["PT Sekar Polimer Industri"]
    assert [e.text for e in companies(_claim("Das Werk gehört der Nordlicht Chemie GmbH aus Kiel.", "de"))] == [
        "Nordlicht Chemie GmbH"
    ]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("pt sinar galih perkasa", "sinar galih perkasa", True),
    ("sinar galih", "pt sinar galih perkasa", True),
    ("pt sinar galih perkasa", "pt bumi lestari jaya", False),
    ("pt", "pt bumi lestari jaya", False),  # a legal form alone names no company
    ("pt sgp", "pt sinar galih perkasa", True),  # initials
    ("pt sgp", "pt sinar galih", False),
])  # fmt: skip
def test_same_company(a: str, b: str, same: bool) -> None:
    assert same_company(a, b) is same


def test_a_lead_dated_by_an_earlier_period_looks_back() -> None:
    texts = {  # all published 15 September 2023
        "a1": "Komisi menyimpulkan bahwa jembatan di Desa Cibeureum runtuh bulan lalu karena korosi.",
        "a2": "Jembatan di Desa Cibeureum runtuh pada Rabu (13/9/2023) pagi.",
        "a3": "Perbaikan jembatan di Desa Cibeureum dimulai bulan ini.",
    }
    claims, slots, _ = _aligned(texts)
    assert {claims[i].article for i in looking_back(slots)} == {"a1"}


def test_a_month_does_not_contradict_a_day_inside_it() -> None:
    texts = {
        "a1": OPENED.format("13 September 2023"),
        "a2": "Gubernur Rani Wiradana meresmikan Bendungan Sukamulya di Desa Cibeureum pada September 2023.",
    }
    (fact,) = _of_kind(_aligned(texts, SameEmbedder())[2], "date")
    assert not fact.conflict
    assert _values(fact) == [("13 September 2023", ("a1", "a2"))]


def test_two_sentences_of_one_article_never_form_an_attribute_alone() -> None:
    texts = {
        "a1": OPENED.format("13 September 2023") + " " + OPENED.format("14 September 2023"),
        "a2": "Warga menggelar syukuran panen raya di lapangan desa pada 2 Juli 2023 bersama para petani.",
    }
    _, slots, facts = _aligned(texts)
    assert sum(f.kind == "date" for f in slots) == 3
    assert _of_kind(facts, "date") == []
    # the same two sentences do align once a second source states the fact
    texts["a2"] = OPENED.format("13 September 2023")
    (fact,) = _of_kind(_aligned(texts)[2], "date")
    assert _values(fact)[0] == ("13 September 2023", ("a1", "a2"))
    # a1 also gives 14 September, but no other source does: a1 is unsure, the sources do not disagree
    assert not fact.conflict
    texts["a3"] = OPENED.format("14 September 2023")
    (fact,) = _of_kind(_aligned(texts)[2], "date")
    assert fact.conflict


def test_a_syndicated_copy_counts_once() -> None:
    copy = OPENED.format("13 September 2023")
    other = OPENED.format("14 September 2023")
    texts = {"a1": copy, "a1b": copy, "a1c": copy, "a2": other, "a3": other}
    sources = {"a1b": "a1", "a1c": "a1"}
    claims, _, facts = _aligned(texts, sources=sources)
    (fact,) = _of_kind(facts, "date")
    assert _values(fact) == [("14 September 2023", ("a2", "a3")), ("13 September 2023", ("a1",))]
    copies = fact.values[1]
    assert len(copies.claims) == 1 and sorted(claims[i].article for i in copies.members) == ["a1", "a1b", "a1c"]
    # copies of one text alone are one source: nothing to align
    assert _aligned({"a1": copy, "a1b": copy}, sources=sources)[2] == []


def test_negated_facts_are_not_aligned_and_plans_give_their_dates() -> None:
    texts = {
        "a1": OPENED.format("13 September 2023"),
        "a2": OPENED.format("13 September 2023"),
        "a3": "Gubernur Rani Wiradana akan meresmikan Bendungan Sukamulya di Desa Cibeureum pada 20 Oktober 2023.",
        "a4": "Gubernur Rani Wiradana tidak meresmikan Bendungan Sukamulya di Desa Cibeureum pada 14 September 2023.",
    }
    claims, slots, facts = _aligned(texts, SameEmbedder())
    # the denial gives no value; the plan gives only its date, marked as planned
    assert {claims[f.claim].article for f in slots} == {"a1", "a2", "a3"}
    assert {(claims[f.claim].article, f.kind) for f in slots if f.planned} == {("a3", "date")}
    (fact,) = _of_kind(facts, "date")
    assert _values(fact) == [("13 September 2023", ("a1", "a2")), ("20 Oktober 2023", ("a3",))]
    assert fact.values[1].planned and fact.values[1].published == PUBLISHED and not fact.values[0].planned
    assert all(claims[i].article in {"a1", "a2", "a3"} for f in facts for v in f.values for i in v.members)
    # a3, published 15 September, still announces for October what a1 and a2 report done on 13 September
    assert fact.conflict
    (contra,) = [f for f in fact_findings([fact], claims, lambda cs: 1.0) if f.kind == "contradiction"]
    assert [c.article for c in contra.claims] == ["a3", "a1", "a2"] and "still announces it" in contra.reason
    # announced before the date the others give, a plan is no conflict (plans change)
    early = replace(fact.values[1], published=date(2023, 9, 1))
    assert not disagree(early, fact.values[0]) and disagree(fact.values[1], fact.values[0])
    assert not any(f.kind == "corroboration" and "a3" in {c.article for c in f.claims}
                   for f in fact_findings([fact], claims, lambda cs: 1.0))


def test_a_figure_still_promised_after_another_was_reported_conflicts() -> None:
    texts = {
        "a1": "Perusahaan menetapkan santunan bagi keluarga setiap korban sebesar Rp 250 juta.",
        "a2": "Perusahaan menetapkan santunan bagi keluarga setiap korban sebesar Rp 250 juta.",
        "a3": "Perusahaan akan memberikan santunan bagi keluarga setiap korban sebesar Rp 150 juta.",
    }
    claims, slots, facts = _aligned(texts, SameEmbedder())
    assert {(claims[f.claim].article, f.kind) for f in slots if f.planned} == {("a3", "number")}
    (fact,) = _of_kind(facts, "number")
    settled, promised = fact.values
    assert settled.sources == ("a1", "a2") and settled.reported == PUBLISHED and not settled.planned
    assert promised.sources == ("a3",) and promised.planned
    # promised on the day the settled figure was first reported: a plan may still change
    assert not disagree(promised, settled)
    # still promised days after it: a conflict, stated as an announcement
    late = replace(promised, published=date(2023, 9, 18))
    assert disagree(late, settled)
    (contra,) = [f for f in fact_findings([replace(fact, values=(settled, late), conflict=True)], claims,
                                          lambda cs: 1.0) if f.kind == "contradiction"]  # fmt: skip
    assert "still announces Rp 150 juta" in contra.reason and [c.article for c in contra.claims] == ["a3", "a1", "a2"]


def test_figures_with_different_units_are_different_attributes() -> None:
    texts = {
        "a1": "Menurut dinas pengairan, panjang tubuh bendungan itu 250 meter.",
        "a2": "Menurut dinas pengairan, panjang tubuh bendungan itu 300 meter.",
        "a3": "Menurut dinas pengairan, luas genangan bendungan itu 250 hektare.",
        "a4": "Menurut dinas pengairan, luas genangan bendungan itu 300 hektare.",
    }
    _, _, facts = _aligned(texts, SameEmbedder())  # every masked cosine 1.0: only the unit tells them apart
    figures = _of_kind(facts, "number")
    assert sorted((f.name.split(":")[0], [v.sources for v in f.values], f.conflict) for f in figures) == [
        ("figure (hektare)", [("a3",), ("a4",)], True),
        ("figure (m)", [("a1",), ("a2",)], True),
    ]


def test_two_predicates_of_one_event_are_two_attributes() -> None:
    texts = {
        "a1": OPENED.format("13 September 2023"),
        "a2": "Gubernur Rani Wiradana meresmikan Bendungan Sukamulya baru di Desa Cibeureum pada 13 September 2023.",
        "a3": STARTED.format("14 Februari 2021"),
        "a4": "Kontraktor memulai pembangunan fisik Bendungan Sukamulya di Desa Cibeureum pada 14 Februari 2021.",
    }
    # every two masked texts at cosine 0.935: enough for one predicate (resmi), not across two (resmi / mulai, bangun)
    _, _, facts = _aligned(texts, NearEmbedder(0.935))
    dates = _of_kind(facts, "date")
    assert sorted(_values(f) for f in dates) == [
        [("13 September 2023", ("a1", "a2"))],
        [("14 Februari 2021", ("a3", "a4"))],
    ]
    assert not any(f.conflict for f in dates)


@pytest.mark.parametrize(("english", "aligned"), [(True, True), (False, False)])
def test_a_pair_in_two_languages_aligns_at_a_lower_cosine(english: bool, aligned: bool) -> None:
    texts = {
        "a1": OPENED.format("13 September 2023"),
        "a2": "Governor Rani Wiradana opened the Sukamulya Dam in Cibeureum village on 14 September 2023."
        if english
        else "Gubernur Rani Wiradana meresmikan Bendungan Sukamulya baru di Desa Cibeureum pada 14 September 2023.",
    }
    arts = {aid: _article(aid, t, "en" if t.startswith("Governor") else "id") for aid, t in texts.items()}
    claims = [replace(c, event="E1") for c in resolve_aliases([c for a in arts.values() for c in extract_claims(a)])]
    assert [c.language for c in claims] == ["id", "en" if english else "id"]
    slots = [f for f in slot_facts(claims, arts) if f.kind == "date"]
    texts = [f.masked for f in slots]
    vecs = NearEmbedder(0.89).encode(texts)  # below one language's cut, above two's
    facts = align_facts(claims, dict(zip(texts, vecs, strict=True)), slots, lambda a: a)
    assert [(_values(f), f.conflict) for f in facts] == (
        [([("13 September 2023", ("a1",)), ("14 September 2023", ("a2",))], True)] if aligned else []
    )


def _self_contradicting_source() -> tuple[list[Claim], Fact]:
    """a1 dates the opening 13 and 14 September; a2 says 13 September."""
    texts = {
        "a1": OPENED.format("13 September 2023") + " " + OPENED.format("14 September 2023"),
        "a2": OPENED.format("13 September 2023"),
    }
    claims, _, facts = _aligned(texts)
    (fact,) = _of_kind(facts, "date")
    assert _values(fact) == [("13 September 2023", ("a1", "a2")), ("14 September 2023", ("a1",))]
    return claims, fact


def test_one_source_giving_two_values_is_no_contradiction_between_sources() -> None:
    claims, fact = _self_contradicting_source()
    found = fact_findings([fact], claims, lambda cs: 1.0)
    assert [(f.kind, [c.article for c in f.claims]) for f in found] == [("corroboration", ["a1", "a2"])]
    assert f"{fact.name}: 13 September 2023, confirmed by 2 sources" in found[0].reason


def test_a_corroboration_no_other_source_disputes_does_not_say_it_is_disputed() -> None:
    claims, fact = _self_contradicting_source()
    (found,) = fact_findings([fact], claims, lambda cs: 1.0)
    assert "disagree" not in found.reason, found.reason


# ---------------------------------------------------------------------------- end to end
LEADS = {
    "a1": "Warga Desa Cibeureum akhirnya memiliki sumber air baru untuk sawah mereka.",
    "a2": "Proyek irigasi terbesar di wilayah selatan itu kini resmi beroperasi penuh.",
    "a3": "Pemerintah provinsi menyebut bendungan ini sebagai jawaban atas krisis air di pedesaan.",
    "a4": "Sebuah bendungan baru kini berdiri di tengah lembah yang dulu kering kerontang.",
}
MIDDLES = {
    "a1": "Bendungan itu mampu mengairi sawah seluas 4.000 hektare di tiga kecamatan.",
    "a2": "Pembangunan bendungan tersebut memakan waktu tiga tahun sejak 2020.",
    "a3": "Bendungan itu mampu mengairi sawah seluas 4.000 hektare di tiga kecamatan.",
    "a4": "Bendungan itu mampu mengairi sawah seluas 4.500 hektare di tiga kecamatan.",
}
ENDS = {
    "a1": "Warga berharap bendungan baru itu mengakhiri kekeringan yang selalu datang setiap musim kemarau panjang.",
    "a2": "Petani setempat menyambut gembira peresmian bendungan yang sudah lama mereka tunggu itu.",
    "a3": "Gubernur meminta warga ikut menjaga kebersihan waduk dan saluran irigasi di sekitar desa.",
    "a4": "Kelompok tani ingin menambah masa tanam padi menjadi tiga kali dalam setahun.",
}
DAYS = {"a1": "13 September 2023", "a2": "13 September 2023", "a3": "13 September 2023", "a4": "14 September 2023"}


class RecordingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().encode(texts)


def _audit(focus: set[str] | None = None, embedder: FakeEmbedder | None = None) -> AuditResult:
    # the stated date sits inside a paragraph: a line repeated at the top of three sources is furniture
    arts = [
        _article(aid, f"{LEADS[aid]} {OPENED.format(DAYS[aid])} {MIDDLES[aid]}\n{ENDS[aid]}") for aid in sorted(LEADS)
    ]
    return audit_articles(arts, scorer=FakeNLI(), embedder=embedder or FakeEmbedder(), focus=focus)


@pytest.fixture(scope="module")
def audited() -> AuditResult:
    return _audit()


def _opening(result: AuditResult, article: str) -> Claim:
    (c,) = [c for c in result.claims if c.article == article and "meresmikan Bendungan" in c.text]
    return c


def test_audit_result_has_the_aligned_facts(audited: AuditResult) -> None:
    assert len({c.event for c in audited.claims}) == 1
    (date_fact,) = _of_kind(audited.facts, "date")
    assert date_fact.conflict
    assert _values(date_fact) == [("13 September 2023", ("a1", "a2", "a3")), ("14 September 2023", ("a4",))]
    units = {f.name.split(":")[0] for f in _of_kind(audited.facts, "number")}
    assert units == {"figure (hektare)", "figure (kecamatan)"}


def test_the_embedder_gets_the_masked_facts() -> None:
    embedder = RecordingEmbedder()
    _audit(embedder=embedder)
    assert "Gubernur Rani Wiradana meresmikan Bendungan Sukamulya di [PLACE] pada [DATE]." in embedder.texts


def test_contradiction_from_a_fact_puts_the_minority_first(audited: AuditResult) -> None:
    (date_fact,) = _of_kind(audited.facts, "date")
    (finding,) = [f for f in audited.findings if f.fact == date_fact.id and f.kind == "contradiction"]
    assert finding.checks[0] == "date" and finding.aspect == "date"
    assert [c.id for c in finding.claims] == [_opening(audited, a).id for a in ("a4", "a1", "a2", "a3")]
    assert finding.sources == 4 and finding.event == date_fact.event
    assert "3 sources give 13 September 2023 (a1, a2, a3); 1 gives 14 September 2023 (a4)" in finding.reason
    assert finding.highlights[0] == ("14 September 2023",)


def test_corroboration_from_a_fact(audited: AuditResult) -> None:
    (date_fact,) = _of_kind(audited.facts, "date")
    (finding,) = [f for f in audited.findings if f.fact == date_fact.id and f.kind == "corroboration"]
    assert "13 September 2023, confirmed by 3 sources; 1 other source(s) disagree" in finding.reason
    assert [c.article for c in finding.claims] == ["a1", "a2", "a3"] and finding.sources == 3


def test_a_pair_finding_an_aligned_fact_reports_is_not_reported_again(audited: AuditResult) -> None:
    minority = _opening(audited, "a4")
    majority = {_opening(audited, a).id for a in ("a1", "a2", "a3")}
    pair_labels = {
        frozenset((audited.claims[v.pair.a].id, audited.claims[v.pair.b].id)): v.label for v in audited.verdicts
    }
    # the pair stage did find the same disagreement and the same agreement ...
    assert pair_labels[frozenset((minority.id, _opening(audited, "a1").id))] == "contradiction"
    assert pair_labels[frozenset((_opening(audited, "a1").id, _opening(audited, "a2").id))] == "corroboration"
    # ... but only the facts' findings report them
    for f in audited.findings:
        claim_ids = {c.id for c in f.claims}
        if f.kind == "contradiction" and minority.id in claim_ids and claim_ids & majority:
            assert f.fact, f.reason
        if f.kind == "corroboration" and len(claim_ids & majority) >= 2:
            assert f.fact, f.reason


@pytest.mark.parametrize(
    ("focus", "kept"),
    [
        # a2 gives the majority date only; a4 the minority date and the minority area
        ({"a2"}, {("contradiction", "date"), ("corroboration", "date"), ("corroboration", "place")}),
        (
            {"a4"},
            {
                ("contradiction", "date"),
                ("contradiction", "number"),
                ("corroboration", "place"),
                ("corroboration", "number"),
            },
        ),
    ],
)
def test_check_keeps_the_fact_findings_touching_the_new_articles(focus: set[str], kept: set[tuple[str, str]]) -> None:
    result = _audit(focus)
    from_facts = [f for f in result.findings if f.fact]
    assert all(focus & {c.article for c in f.claims} for f in from_facts)
    assert {(f.kind, f.aspect) for f in from_facts} == kept


def test_the_same_relative_phrase_on_two_pages_is_no_conflict() -> None:
    # resolved against two publication dates the phrases differ; what the sources say does not
    early, late = (find_dates("Gladi bersih digelar pekan lalu.", day, ["id"]) for day in
                   (date(2023, 9, 10), date(2023, 9, 30)))
    assert early and late and early[0].relative and early[0].conflicts(late[0])
    assert _agree("date", early[0], late[0])
    # a relative date still conflicts with a different one
    other = find_dates("Gladi bersih digelar kemarin.", date(2023, 9, 30), ["id"])
    assert other and not _agree("date", early[0], other[0])


def test_the_outlet_in_a_dateline_is_not_a_place_value() -> None:
    dateline = "MARUNDA, Warta Pulau - Gubernur Rani Wiradana meresmikan Bendungan Sukamulya pada 13 September 2023."
    art = replace(_article("a1", dateline), source="Warta Pulau")
    (c,) = [replace(c, event="E1") for c in extract_claims(art)]
    # the dateline ("MARUNDA, Warta Pulau - ") is page furniture: no place, no outlet in the claim
    assert c.text.startswith("Gubernur") and "warta pulau" not in c.places and "marunda" not in c.places
    places = {f.value.key for f in slot_facts([c], {"a1": art}) if f.kind == "place"}  # type: ignore[union-attr]
    assert "warta pulau" not in places
    assert all("warta pulau" not in f.context for f in slot_facts([c], {"a1": art}))


def test_facts_about_different_organisations_never_join() -> None:
    texts = {
        "a1": "PT Sinar Bahari saat ini mempekerjakan 4.200 karyawan di seluruh negeri.",
        "a2": "PT Sinar Bahari saat ini mempekerjakan 4.200 karyawan di seluruh negeri.",
        "a3": "PT Tirta Kencana saat ini mempekerjakan 9.100 karyawan di seluruh negeri.",
    }
    _, _, facts = _aligned(texts, SameEmbedder())  # every masked cosine 1.0: only the names tell them apart
    assert [(f.conflict, _values(f)) for f in _of_kind(facts, "number")] == [
        (False, [("4200 karyawan", ("a1", "a2"))])
    ]


def test_a_title_kept_in_one_name_key_still_names_the_same_person() -> None:
    texts = {
        "a1": "Presiden Meridia Verena Northcott menyambut tamunya di Istana Solcastra pada 13 September 2023.",
        "a2": "Presiden Meridia Verena Northcott menyambut tamunya di Istana Solcastra pada 13 September 2023.",
        "a3": "Verena Northcott menyambut tamunya di Istana Solcastra pada 14 September 2023.",
    }
    _, _, facts = _aligned(texts, SameEmbedder())
    (fact,) = _of_kind(facts, "date")
    assert fact.conflict and [v.sources for v in fact.values] == [("a1", "a2"), ("a3",)]


def test_two_announcements_that_disagree_are_a_contradiction() -> None:
    plan = "Gubernur Rani Wiradana akan meresmikan Bendungan Sukamulya di Desa Cibeureum pada {}."
    texts = {"a1": plan.format("20 Oktober 2023"), "a2": plan.format("20 Oktober 2023")}
    texts["a3"] = plan.format("3 November 2023")
    claims, _, facts = _aligned(texts, SameEmbedder())
    (fact,) = _of_kind(facts, "date")
    assert all(v.planned for v in fact.values) and fact.conflict
    (contra,) = [f for f in fact_findings([fact], claims, lambda cs: 1.0) if f.kind == "contradiction"]
    assert [c.article for c in contra.claims] == ["a3", "a1", "a2"]
    assert "2 sources announce 20 Oktober 2023" in contra.reason and "1 announces 3 November 2023" in contra.reason
    # the same announcement twice is no conflict, and it corroborates only as an announcement
    same_claims, _, same = _aligned({"a1": texts["a1"], "a2": texts["a2"]}, SameEmbedder())
    assert same and not any(f.conflict for f in same)
    corro = [f for f in fact_findings(same, same_claims, lambda cs: 1.0) if f.kind == "corroboration"]
    assert corro and all("announced for" in f.reason for f in corro)


def _sources_group(value: str, sources: str) -> ValueGroup:
    names = tuple(sources.split())
    idx = tuple(range(len(names)))
    return ValueGroup(value, value, idx, idx, (value,) * len(names), names, ("id",))


@pytest.mark.parametrize(
    "a, b, conflict",
    [
        ("s1 s2", "s3", True),  # two sources against one
        ("s1 s2", "s2", False),  # the only other source also gives the first value
        ("s1 s2 s4", "s2 s3", True),  # one source gives both: the others still disagree
        # most sources give both values: two attributes aligned as one (a fine and a restitution)
        ("s1 s2 s3 s4 s5", "s2 s3 s4 s6", False),
    ],
)
def test_sources_giving_both_values_are_no_conflict(a, b, conflict):
    g, h = _sources_group("10", a), _sources_group("700", b)
    assert disagree(g, h) is conflict and disagree(h, g) is conflict


@pytest.mark.parametrize(
    ("first", "later", "days", "conflict"),
    [
        (9, 12, 30, False),  # a month on, the toll has grown: the later tally
        (9, 12, 2, True),  # two days apart: two rival counts
        (12, 9, 30, True),  # a later, lower count is no tally that grew
    ],
)
def test_a_count_reported_a_week_later_and_higher_is_the_later_tally(
    first: int, later: int, days: int, conflict: bool
) -> None:
    day = date(2026, 10, 9)
    old = replace(_sources_group(f"{first} people", "s1 s2"), reported=day, last=day, count=float(first))
    new_day = day + timedelta(days=days)
    new = replace(_sources_group(f"{later} people", "s3"), reported=new_day, last=new_day, count=float(later))
    assert disagree(old, new) is conflict and disagree(new, old) is conflict
    # a measure (a length, an amount) does not grow: the same dates are a conflict
    assert disagree(replace(old, count=None), replace(new, count=None))


def test_the_pair_check_leaves_a_later_higher_count_alone() -> None:
    from factcheck.scoring import _number_check

    early, late = _article("e", "x"), replace(_article("l", "x"), published=PUBLISHED + timedelta(days=30))
    a = replace(_claim("Longsor di Desa Wotgalih menewaskan sembilan orang pada Senin pagi."), article="e")
    b = replace(_claim("Longsor di Desa Wotgalih menewaskan 12 orang pada Senin pagi."), article="l")
    assert _number_check(a, b) is not None  # no dates known: a conflict
    assert _number_check(a, b, {"e": early, "l": late}) is None
    assert _number_check(b, a, {"e": late, "l": early}) is not None  # the later page gives the lower count


@pytest.mark.parametrize(("as_of_days", "new_days", "conflict"), [
    (0, 1, False),  # counted "as of" Tuesday evening, a higher count on Wednesday: the tally grew
    (0, 0, False),  # a higher count the same day, after the running count
    (2, 1, True),  # a count "as of" a day after the higher one was published
    (None, 1, True),  # no "as of": a day apart, two rival counts
])  # fmt: skip
def test_a_count_as_of_a_day_is_a_running_count(as_of_days: int | None, new_days: int, conflict: bool) -> None:
    day = date(2026, 3, 10)
    counted = None if as_of_days is None else day + timedelta(days=as_of_days)
    old = replace(_sources_group("5 people", "s1"), reported=day, last=day, count=5.0, as_of=counted)
    new_day = day + timedelta(days=new_days)
    new = replace(_sources_group("7 people", "s2 s3"), reported=new_day, last=new_day, count=7.0)
    assert disagree(old, new) is conflict


def test_the_pair_check_leaves_a_higher_count_after_a_running_count_alone() -> None:
    from factcheck.scoring import _number_check, as_of_day

    day = date(2026, 3, 10)
    tuesday, wednesday = replace(_article("t", "x"), published=day), replace(_article("w", "x"), published=day)
    wednesday = replace(wednesday, published=day + timedelta(days=1))
    a = replace(_claim("Hingga Selasa (10/3/2026) pukul 19.00 WIB, ledakan di pabrik itu menewaskan lima pekerja."),
                article="t")  # fmt: skip
    b = replace(_claim("Ledakan di pabrik itu menewaskan tujuh pekerja."), article="w")
    assert as_of_day(a) == day and as_of_day(b) is None
    assert _number_check(a, b) is not None  # no dates known: a conflict
    assert _number_check(a, b, {"t": tuesday, "w": wednesday}) is None
    assert _number_check(b, a, {"t": tuesday, "w": wednesday}) is None
    monday = replace(tuesday, published=day - timedelta(days=1))
    assert _number_check(a, b, {"t": tuesday, "w": monday}) is not None  # the higher count came first


@pytest.mark.parametrize(
    ("text", "lang", "office", "venue"),
    [
        ("Wali Kota Surabaya meresmikan terminal bus di Kecamatan Rungkut pada Senin.", "id", "kota surabaya",
         "kecamatan rungkut"),
        ("Wakil Wali Kota Semarang membuka pasar baru di Kelurahan Tembalang pada Rabu.", "id", "kota semarang",
         "kelurahan tembalang"),
    ],
)
def test_a_place_in_a_title_is_no_place_value(text: str, lang: str, office: str, venue: str) -> None:
    from factcheck.attributes import jurisdictions

    c, places = _one_sentence(text, lang)
    assert office in c.places and jurisdictions(c) == {office}
    assert places == [venue]


def _one_sentence(text: str, lang: str) -> tuple[Claim, list[str]]:
    """The claim of a one-sentence article in ``lang`` and the keys of its place values."""
    art = Article(id="a.md", path="a.md", text=text, published=date(2025, 1, 6), language=lang, language_stated=True)
    (c,) = extract_claims(art)
    return c, [f.value.key for f in slot_facts([c], {"a.md": art}) if isinstance(f.value, EntityMention)]


def _in(event: str, text: str, language: str) -> Claim:
    return replace(_claim(text, language), event=event)


def test_counted_nouns_are_matched_across_languages_by_the_values_the_corpus_gives() -> None:
    claims = [
        _in("E1", "Sebanyak 616 rumah dilaporkan rusak akibat gempa itu.", "id"),
        _in("E1", "A total of 616 houses were reported damaged by the quake.", "en"),
        _in("E2", "Banjir itu merusak 122 rumah di tiga dusun.", "id"),
        _in("E2", "The flood damaged 122 houses in three hamlets.", "en"),
        _in("E2", "Sebanyak 4.030 warga mengungsi ke tempat yang aman.", "id"),
        _in("E3", "The quake forced 4,030 residents to flee to safer ground.", "en"),  # another event
    ]
    nouns = counted_noun_translations(claims)
    assert nouns[("rumah", "id")] == {("houses", "en")}  # two events agree on it
    assert ("warga", "id") not in nouns  # one value of different events says nothing
    house, resident = claims[0].quantities[0], claims[5].quantities[0]
    rumah = claims[2].quantities[0]
    assert _same_unit(rumah, house, True, ("id", "en"), nouns)
    assert not _same_unit(rumah, resident, True, ("id", "en"), nouns)  # rumah is written "houses"
    assert _same_unit(claims[4].quantities[0], resident, True, ("id", "en"), nouns)  # no evidence: the cosine decides
    assert not _same_unit(rumah, resident, False, ("id", "en"), nouns)  # not the only figures of their sentences
    assert _same_unit(rumah, house, False, ("id", "en"), nouns)  # a known translation counts in any sentence
    # nouns the corpus says nothing about measure one thing only with figures of one size
    far = _claim("The quake damaged 290 shelters.", "en").quantities[0]
    assert not _same_unit(claims[4].quantities[0], far, True, ("id", "en"), nouns)
    # two fragments of one attribute: "people" may be any counted noun, a known translation still decides
    people = _claim("At least 4,100 people fled.", "en").quantities[0]
    assert people.unit == "people"
    assert not _same_unit(claims[4].quantities[0], people, True, ("id", "en"), nouns)
    assert _same_unit(claims[4].quantities[0], people, False, ("id", "en"), nouns, loose=True)
    assert not _same_unit(rumah, resident, False, ("id", "en"), nouns, loose=True)  # rumah is "houses"
    # one figure of three digits, each language giving it with one noun only, is evidence enough
    ferry = [
        _in("E4", "Kapal itu mengangkut 438 penumpang dan 31 awak.", "id"),
        _in("E4", "The ferry carried 438 passengers and 31 crew.", "en"),
        _in("E5", "Sebanyak 250 pekerja dan 250 tamu hadir.", "id"),
        _in("E5", "Some 250 guests attended.", "en"),
    ]
    nouns = counted_noun_translations(ferry)
    assert nouns[("penumpang", "id")] == {("passengers", "en")}
    assert ("awak", "id") not in nouns  # 31: a small figure, once
    assert ("tamu", "id") not in nouns and ("pekerja", "id") not in nouns  # 250 is given with two nouns


@pytest.mark.parametrize(
    ("text", "lang", "venue"),
    [
        # English puts the place's head after its name; a regency whose name starts with "Danau" (lake)
        # is still a regency, and the village is the most specific place
        ("A flood struck Karang Asri village, Danau Biru regency, on Monday.", "en", "karang asri"),
        ("Banjir melanda Desa Karang Asri, Kabupaten Danau Biru, pada Senin.", "id", "desa karang asri"),
    ],
)
def test_the_most_specific_place_is_read_from_its_head_word_before_or_after_the_name(
    text: str, lang: str, venue: str
) -> None:
    art = _article("a1", text, lang)
    (c,) = extract_claims(art)
    assert {f.value.key for f in slot_facts([c], {"a1": art}) if f.kind == "place"} == {venue}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "lang", "ends", "place"),
    [
        ("Kapal yang berlayar dari Pelabuhan Waruna ke Kota Sembada terbakar di Selat Pandan.", "id",
         {"pelabuhan waruna", "kota sembada"}, "selat pandan"),
        ("The ferry, sailing from Waruna to Sembada, caught fire in Pandan.", "en",
         {"waruna", "sembada"}, "pandan"),
        ("Die Fähre war von Waruna nach Sembada unterwegs, als sie im Hafen Pandan brannte.", "de",
         {"waruna", "sembada"}, "hafen pandan"),
    ],
)
def test_the_ends_of_a_journey_are_no_place_value(text: str, lang: str, ends: set[str], place: str) -> None:
    from factcheck.attributes import route_ends

    c, places = _one_sentence(text, lang)
    assert route_ends(c) == ends
    assert places == [place]


def test_a_sentence_with_two_dates_gives_the_attribute_the_one_that_agrees() -> None:
    from factcheck.attributes import _take_agreeing_values

    texts = {
        "a1": OPENED.format("Rabu (13/9/2023)"),
        "a2": OPENED.format("13 September 2023"),
        "a3": OPENED.format("13 September 2023"),
        "a4": "Pada Jumat (15/9/2023) warga masih merayakan Bendungan Sukamulya yang diresmikan Gubernur Rani "
        "Wiradana di Desa Cibeureum pada Rabu (13/9/2023).",
    }
    claims, slots, _ = _aligned(texts, SameEmbedder())
    dates = [f for f in slots if f.kind == "date"]
    friday, wednesday = (k for k, f in enumerate(dates) if claims[f.claim].article == "a4")
    assert dates[friday].value.text.startswith("Jumat")
    # the clustering took a4's Friday into the opening's attribute, its Wednesday into another
    from factcheck.attributes import AttributeConfig, _Joining

    vectors = np.ones((len(dates), 4), dtype=np.float32) / 2

    def joining(facts: list[SlotFact]) -> _Joining:
        return _Joining(facts, vectors[: len(facts)], claims, lambda a: a, AttributeConfig())

    out = _take_agreeing_values([([0, 1, 2, friday], 0.9), ([wednesday], 0.5)], joining(dates))
    assert out == [([0, 1, 2, wednesday], 0.9), ([], 0.5)]
    # with no other value of the sentence to take, the fact stays
    assert _take_agreeing_values([([0, 1, friday], 0.9)], joining([*dates[:3], dates[friday]])) == [
        ([0, 1, friday], 0.9)
    ]


def test_a_place_the_corpus_names_otherwise_is_still_a_place_not_a_subject() -> None:
    from factcheck.attributes import _names

    texts = {
        "a1": "Feri itu terbakar di perairan dekat Pulau Karangsari pada 20 Juni 2026.",
        "a2": "Feri itu terbakar di dekat Karangsari pada 20 Juni 2026, kata pejabat.",
    }
    claims, _, _ = _aligned(texts, SameEmbedder())
    second = next(c for c in claims if c.article == "a2")
    assert second.places == {"karangsari"} and second.entity_keys == {"pulau karangsari"}
    assert _names(second) == frozenset()  # "pulau karangsari" is where, not whom


@pytest.mark.parametrize(
    ("text", "lang", "places"),
    [
        ("Bei einem Brand im Osten Indonesiens sind neun Menschen gestorben.", "de", []),
        ("A fire in eastern Indonesia killed nine people in Sekaru village.", "en", ["sekaru"]),
    ],
)
def test_a_region_named_by_its_country_is_no_place_value(text: str, lang: str, places: list[str]) -> None:
    assert _one_sentence(text, lang)[1] == places


def test_a_date_that_says_when_a_count_was_taken_is_no_date_value() -> None:
    c = _claim("Hingga Kamis (12/11/2026) pagi, jumlah korban meninggal tercatat 14 orang.")
    art = _article("x", c.text)
    assert [f.kind for f in slot_facts([c], {"x": art})] == ["number"]
    c = _claim("Banjir bandang melanda desa itu pada Kamis (12/11/2026) pagi.")
    assert [f.kind for f in slot_facts([c], {"x": _article("x", c.text)})] == ["date"]


def test_a_time_of_day_is_an_attribute_of_its_own() -> None:
    texts = {
        "a1": "Kebakaran di gudang itu terjadi sekitar pukul 02.40 WITA, kata polisi.",
        "a2": "Kebakaran di gudang itu terjadi sekitar pukul 02.45 WITA, kata polisi.",
        "a3": "Kebakaran di gudang itu terjadi sekitar pukul 04.30 WITA, kata polisi.",
    }
    _, slots, facts = _aligned(texts, SameEmbedder())
    assert {f.masked for f in slots if f.kind == "time"} == {"Kebakaran di gudang itu terjadi sekitar [TIME]"}
    (time,) = _of_kind(facts, "time")
    assert time.conflict and _values(time) == [("02:40", ("a1", "a2")), ("04:30", ("a3",))]
    assert time.name.startswith("time of day")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("La explosión se produjo en una fábrica de Kawasan Industri Sekarjati el martes.", "es"),
        ("Las autoridades de Java Oriental confirmaron siete muertos el martes.", "es"),
    ],
)
def test_a_place_written_as_another_language_names_it_is_no_subject(text: str, language: str) -> None:
    """A name with a place head or a compass word of any language ("Kawasan Industri X" in a Spanish
    report, "Java Oriental") names a place, not whom a fact is about: it cannot keep two reports of one
    event's date apart."""
    from factcheck.attributes import _names

    (c,) = resolve_aliases([_claim(text, language)])
    assert any("sekarjati" in k or "java" in k for k in c.entity_keys)
    assert not {"kawasan", "industri", "oriental", "java"} & _names(c)


def _aligned_in(texts: Mapping[str, tuple[str, str]], embedder: Encoder) -> list[Fact]:
    """Facts aligned over articles given as id -> (text, language), one event."""
    arts = {aid: _article(aid, t, language) for aid, (t, language) in texts.items()}
    claims = [replace(c, event="E1") for c in resolve_aliases([c for a in arts.values() for c in extract_claims(a)])]
    slots = slot_facts(claims, arts)
    masked = sorted({t for f in slots for t in f.texts})
    return align_facts(claims, dict(zip(masked, embedder.encode(masked), strict=True)), slots, lambda a: a)


def test_one_figure_in_two_languages_joins_whatever_nouns_they_count() -> None:
    # each sentence gives two figures, so its counted noun is no evidence on its own; the toll of 7 in
    # two Indonesian and two English sources is one attribute, and the odd English 9 conflicts with it
    texts = {
        "a1": ("Ledakan itu menewaskan 7 pekerja dan melukai 20 orang.", "id"),
        "a2": ("Sebanyak 7 pekerja tewas dan 20 orang luka-luka.", "id"),
        "b1": ("The blast killed 7 workers and injured 20 people.", "en"),
        "b2": ("Officials said 7 workers died and 20 people were hurt.", "en"),
        "b3": ("The blast killed 9 workers and injured 20 people.", "en"),
    }
    facts = _aligned_in(texts, SameEmbedder())  # every masked cosine 1.0: only the rules keep facts apart
    tolls = [f for f in _of_kind(facts, "number") if any(v.value.startswith("7 ") for v in f.values)]
    assert [(sorted(s for v in f.values for s in v.sources), f.conflict) for f in tolls] == [
        (["a1", "a2", "b1", "b2", "b3"], True)
    ]


def test_two_figures_of_one_article_far_apart_are_two_attributes() -> None:
    texts = {
        "a1": "Ledakan itu menewaskan 7 pekerja. Saat itu 120 pekerja berada di dalam pabrik.",
        "a2": "Ledakan itu menewaskan 7 pekerja.",
        "a3": "Saat itu 120 pekerja berada di dalam pabrik.",
    }
    # two different masked texts at 0.96: above the cut of facts with no predicate in common
    _, _, facts = _aligned(texts, NearEmbedder(0.96))
    assert sorted(_values(f) for f in _of_kind(facts, "number")) == [
        [("120 pekerja", ("a1", "a3"))],
        [("7 pekerja", ("a1", "a2"))],
    ]


def test_two_officials_quoted_for_one_figure_state_one_attribute() -> None:
    # who reports a figure is not whom it is about: the names in the attribution keep no facts apart
    texts = {
        "a1": "Kepala Kantor SAR Budi Santoso mengatakan kapal itu mengangkut 438 penumpang.",
        "a2": "Juru bicara kepolisian Citra Dewanti mengatakan kapal itu mengangkut 483 penumpang.",
    }
    _, _, facts = _aligned(texts, SameEmbedder())
    assert [(_values(f), f.conflict) for f in _of_kind(facts, "number")] == [
        ([("438 penumpang", ("a1",)), ("483 penumpang", ("a2",))], True)
    ]


def test_a_count_as_of_a_clock_time_alone_is_a_running_count_of_the_day_it_was_written() -> None:
    from factcheck.scoring import _number_check, as_of_day

    day = date(2027, 6, 10)
    early, late = replace(_article("e", "x"), published=day), replace(_article("l", "x"), published=day)
    late = replace(late, published=day + timedelta(days=1))
    a = replace(_claim("BPBD mencatat sekitar 6.200 warga telah mengungsi hingga pukul 18.00 WIT."), article="e")
    b = replace(_claim("BPBD mencatat 9.760 warga mengungsi ke 24 titik pengungsian."), article="l")
    assert as_of_day(a) is None and as_of_day(a, day) == day  # the page's own day
    assert as_of_day(b, day) is None  # no "hingga": no running count
    assert _number_check(a, b, {"e": early, "l": late}) is None  # the tally grew by the next day
    assert _number_check(a, b, {"e": late, "l": early}) is not None  # the higher count came first


@pytest.mark.parametrize(("later", "conflict"), [(51.0, False), (47.5, False)])
def test_a_measure_as_of_a_moment_moves_either_way(later: float, conflict: bool) -> None:
    day = date(2029, 11, 15)
    old = replace(_sources_group("49.3 %", "s1"), reported=day, last=day, figure=49.3, as_of=day)
    new = replace(_sources_group(f"{later} %", "s2 s3"), reported=day, last=day, figure=later)
    assert disagree(old, new) is conflict and disagree(new, old) is conflict
    assert disagree(replace(old, as_of=None), new)  # no "as of": two rival shares
    assert disagree(old, replace(new, reported=day - timedelta(days=1), last=day - timedelta(days=1)))


def test_the_pair_check_leaves_a_share_counted_as_of_a_clock_time_alone() -> None:
    from factcheck.scoring import _number_check

    day = date(2029, 11, 15)
    page = replace(_article("e", "x"), published=day)
    a = replace(_claim("Hingga pukul 21.00 WITA, penghitungan resmi mencatat Sulastri meraih 49,3 persen suara."),
                article="e")  # fmt: skip
    b = replace(_claim("Penghitungan resmi mencatat Sulastri meraih 51,0 persen suara."), article="l")
    assert _number_check(a, b) is not None  # no dates known: a conflict
    assert _number_check(a, b, {"e": page, "l": page}) is None  # the running count moved by evening's end


def test_kin_figures_are_one_figure_or_one_copying_slip_apart() -> None:
    from factcheck.attributes import kin_figures

    def q(text: str, lang: str = "id") -> Quantity:
        return _claim(f"Pemungutan suara digelar di {text} tempat.", lang).quantities[0]

    assert kin_figures(q("12.486"), q("12 486", "fr")) == "same"
    assert kin_figures(q("12.486"), q("12.846")) == "slip"  # two neighbours swapped
    assert kin_figures(q("297.512"), q("277.512")) == "slip"  # one digit changed
    assert kin_figures(q("12.486"), q("13.846")) is None
    assert kin_figures(q("120"), q("130")) is None  # two significant digits coincide too often
    assert kin_figures(q("12.486"), q("1.248,6")) is None  # one digit string, ten times apart


@pytest.mark.parametrize(("text", "language", "landmark"), [
    ("Seven people were killed in clove gardens near Wailoa on Thursday.", "en", "wailoa"),
    ("Tujuh orang tewas di kebun cengkih dekat Desa Wailoa pada Kamis.", "id", "desa wailoa"),
    ("Siete personas murieron cerca de Wailoa el jueves.", "es", "wailoa"),
    ("Seven people were killed near the village of Wailoa on Thursday.", "en", "wailoa"),  # words between
])  # fmt: skip
def test_a_landmark_the_fact_happened_near_is_no_place_value(text: str, language: str, landmark: str) -> None:
    from factcheck.attributes import near_places

    c = _claim(text, language)
    assert landmark in {e.key for e in c.entities}
    assert near_places(c) == {landmark}
    assert near_places(_claim(text.replace("near ", "in ").replace("dekat ", "di ").replace("cerca de", "en"),
                              language)) == frozenset()  # fmt: skip
    assert near_places(_claim("Seven people were killed near the old wooden bridge in Wailoa.", "en")) == frozenset()


def test_name_words_spelt_by_two_languages_are_one_name() -> None:
    from factcheck.attributes import _akin, _exonyms, same_place

    assert _akin(frozenset({"moluques"}), frozenset({"molucas", "norte"}))  # Moluques du Nord / Molucas del Norte
    assert not _akin(frozenset({"kirby"}), frozenset({"kirsten"}))
    assert not _akin(frozenset({"santosa"}), frozenset({"santoro"}))  # one letter apart in the stem: two names
    assert _exonyms("giava", "jawa") and _exonyms("java", "jawa") and not _exonyms("iran", "iraq")
    assert same_place("central java", "giava centrale", True) and not same_place("jawa timur", "giava centrale", True)


def test_a_figure_joins_the_one_attribute_of_its_unit_of_measure() -> None:
    from collections import Counter

    from factcheck.attributes import _sole_measure

    (length,) = find_quantities("jembatan sepanjang 86 meter", None, "id")
    (other,) = find_quantities("Jembatan sepanjang 68 meter itu menghubungkan Pandanrejo.", None, "id")
    (far,) = find_quantities("sebuah menara setinggi 300 meter", None, "id")
    (people,) = find_quantities("menewaskan 68 orang", None, "id")
    assert _sole_measure(length, other, Counter({"m": 1}))
    assert not _sole_measure(length, other, Counter({"m": 2}))  # two attributes in metres: the text decides
    assert not _sole_measure(length, far, Counter({"m": 1}))  # more than twice as large: another thing
    assert not _sole_measure(length, people, Counter({"m": 1}))


def test_fragments_that_share_a_figure_join_though_their_main_values_differ(monkeypatch) -> None:
    import factcheck.attributes as attributes

    texts = {
        "a1": ("Sebanyak 42 orang luka-luka akibat ledakan itu.", "id"),
        "a2": ("Sebanyak 42 orang luka-luka akibat ledakan itu.", "id"),
        "b1": ("The blast injured 31 people, officials said.", "en"),
        "b2": ("The blast injured 31 people, officials said.", "en"),
        "b3": ("The blast injured 42 people, officials said.", "en"),  # the final count beside an early one
        "c1": ("Jembatan itu sepanjang 86 meter.", "id"),
        "c2": ("Pemadam mengerahkan 18 unit mobil.", "id"),
        "c3": ("Api padam setelah enam jam.", "id"),
        "c4": ("The plant covers 12 hectares.", "en"),
        "c5": ("The company paid Rp 150 juta to each family.", "en"),
        "c6": ("The river rose 3 metres.", "en"),
        "c7": ("Polisi memeriksa 14 saksi.", "id"),
    }
    # every two different masked texts at 0.87: below the clustering's cuts (the figures are no lead:
    # two dated sentences open each article), above the fragment cut; eleven sources give figures, so
    # two fragments of five sources do not cover half of them
    leads = {
        "id": "Ledakan terjadi pada Senin (5/10/2026). Polisi tiba pada Senin (5/10/2026). ",
        "en": "The blast happened on Monday, October 5, 2026. Police came on Monday, October 5, 2026. ",
    }
    texts = {aid: (leads[language] + text, language) for aid, (text, language) in texts.items()}

    def injured() -> list[tuple[str, tuple[str, ...]]]:
        facts = _aligned_in(texts, NearEmbedder(0.87))
        return sorted(_values(f) for f in _of_kind(facts, "number") if any("42" in v.value for v in f.values))

    assert injured() == [[("42 people", ("a1", "a2", "b3")), ("31 people", ("b1", "b2"))]]
    monkeypatch.setattr(attributes, "_shared_figure", lambda *args: None)  # main values alone decide
    assert len(injured()) == 2


def test_fragments_that_give_one_figure_join_whatever_nouns_one_language_counts() -> None:
    # "warga binaan" and "narapidana" are two words for the inmates who escaped: the fragments that give
    # 27 join (and the German 29 conflicts with all of them), though "27 warga" and "27 narapidana"
    # never join as two figures of unknown nouns would
    texts = {
        "a1": ("Sebanyak 27 warga binaan kabur dari lapas itu.", "id"),
        "a2": ("Sebanyak 27 warga binaan kabur dari lapas itu.", "id"),
        "b1": ("Sebanyak 27 narapidana kabur dari lapas itu.", "id"),
        "b2": ("Sebanyak 27 narapidana kabur dari lapas itu.", "id"),
        "c1": ("Aus dem Gefängnis sind 29 Häftlinge ausgebrochen.", "de"),
        "c2": ("Aus dem Gefängnis sind 29 Häftlinge ausgebrochen.", "de"),
    }
    # two different masked texts at 0.87: below the clustering's cuts, above the fragment cut
    facts = _of_kind(_aligned_in(texts, NearEmbedder(0.87)), "number")
    assert [(sorted(s for v in f.values for s in v.sources), f.conflict) for f in facts] == [
        (["a1", "a2", "b1", "b2", "c1", "c2"], True)
    ]


def test_two_counts_of_one_sentence_are_told_apart_by_their_clauses() -> None:
    # "[N] people tewas dan [N] people terluka" reads the same for both figures; their clauses do not,
    # so the dead and the injured are two attributes, and the odd toll conflicts with the dead only
    texts = {
        "a1": ("Lima orang tewas dan 27 lainnya terluka akibat letusan gunung itu.", "id"),
        "a2": ("Lima orang tewas dan 27 lainnya terluka akibat letusan gunung itu.", "id"),
        "a3": ("Tujuh orang tewas dan 27 lainnya terluka akibat letusan gunung itu.", "id"),
    }
    facts = _of_kind(_aligned_in(texts, FakeEmbedder()), "number")
    assert sorted((_values(f), f.conflict) for f in facts) == [
        ([("27 people", ("a1", "a2", "a3"))], False),
        ([("5 people", ("a1", "a2")), ("7 people", ("a3",))], True),
    ]
    one = _claim("Lima orang tewas dan 27 lainnya terluka akibat letusan gunung itu.")
    dead, injured = one.quantities
    assert one.text[slice(*value_clause(one, dead, (0, len(one.text))))] == "Lima orang tewas"
    assert one.text[slice(*value_clause(one, injured, (0, len(one.text))))].startswith("27 lainnya terluka")



@pytest.mark.parametrize("aligned", [True, False])
def test_a_lone_pair_figure_in_an_event_whose_figures_were_aligned_is_no_finding(aligned: bool) -> None:
    # two sentences, two figures after two different words, no third source: where the event's figures
    # were aligned (here, another attribute of two other sources) the attributes are the comparison
    from factcheck.pairing import CandidatePair
    from factcheck.ranking import rank
    from factcheck.scoring import PairVerdict, _number_check

    a = replace(_claim("Hakim mewajibkan Sutarmo membayar uang pengganti Rp 1,2 miliar."), id="a1:1", article="a1")
    b = replace(_claim("Hakim mewajibkan Sutarmo membayar denda Rp 500 juta."), id="a2:1", article="a2")
    a, b = replace(a, event="E1"), replace(b, event="E1")
    check = _number_check(a, b)
    assert check is not None
    verdict = PairVerdict(CandidatePair(0, 1, 0.9, 0.9), "contradiction", {"contradiction": 0.1}, 0.1, checks=[check])
    other = ValueGroup("12 saksi", "12 saksi", (2, 3), (2, 3), ("12 saksi",) * 2, ("a3", "a4"), ("id",))
    facts = [Fact("E1.F1", "E1", "number", "figure (saksi)", (other,), False, 0.95)] if aligned else []
    c = replace(_claim("Polisi memeriksa 12 saksi."), id="a3:1", article="a3", event="E1")
    d = replace(c, id="a4:1", article="a4")
    pair = [f for f in rank([a, b, c, d], [verdict], [], 4, facts=facts) if f.kind == "contradiction" and not f.fact]
    assert bool(pair) is not aligned

# ---------------------------------------------------------------------------- starts and ends
def test_when_a_visit_starts_and_when_it_ends_are_two_attributes() -> None:
    began = "Presiden Dirga Halim memulai kunjungan kenegaraan di Kota Marbela sejak Senin (11/9/2023)."
    ends = "Kunjungan kenegaraan Presiden Dirga Halim di Kota Marbela berakhir pada Rabu (13/9/2023)."
    texts = {"a1": (began, "id"), "a2": (began, "id"), "b1": (ends, "id"), "b2": (ends, "id")}
    dates = _of_kind(_aligned_in(texts, SameEmbedder()), "date")  # every cosine 1.0: only the rules part them
    assert sorted(_values(f) for f in dates) == [
        [("11 September 2023", ("a1", "a2"))],
        [("13 September 2023", ("b1", "b2"))],
    ]
    # without the start and end words, the two days are one attribute's rival values
    texts["b1"] = texts["b2"] = (ends.replace("berakhir pada", "berlangsung pada"), "id")
    (date_fact,) = _of_kind(_aligned_in(texts, SameEmbedder()), "date")
    assert date_fact.conflict


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Pembicaraan kedua presiden dimulai pukul 09.00 waktu setempat.", "id", "start"),
    ("The talks ended at 11.30 local time after a working lunch.", "en", "end"),
    ("Las conversaciones terminaron el miércoles 15 de septiembre.", "es", "end"),
    ("Die Gespräche begannen am Donnerstag, 14. September.", "de", "start"),
    ("Sebanyak 6.200 warga mengungsi hingga pukul 18.00 WIT.", "id", None),  # a count as of a time
    ("Presiden tiba di Marbela pada Senin (11/9/2023) malam.", "id", None),
])  # fmt: skip
def test_the_phase_of_a_date_or_time(text: str, language: str, expected: str | None) -> None:
    from factcheck.attributes import phase
    from factcheck.normalize.dates import find_times

    c = _claim(text, language)
    values = find_times(text, language) or find_dates(text, PUBLISHED, language)
    assert values and {phase(c, v) for v in values} == {expected}


# ---------------------------------------------------------------------------- zones
def test_a_time_in_a_zone_abroad_is_not_compared_with_local_times() -> None:
    local = "Pembicaraan kedua presiden di Istana Marbela dimulai pukul 09.00 waktu setempat."
    texts = {"a1": (local, "id"), "a2": (local, "id"), "a3": (local, "id")}
    abroad = {
        "converted": "Die Gespräche der beiden Präsidenten im Palast von Marbela begannen um 1 Uhr MESZ.",
        "local": "Die Gespräche der beiden Präsidenten im Palast von Marbela begannen um 11 Uhr Ortszeit.",
    }

    def times(german: str) -> list[list[tuple[str, tuple[str, ...]]]]:
        facts = _aligned_in({**texts, "b1": (german, "de")}, SameEmbedder())
        return sorted(_values(f) for f in _of_kind(facts, "time"))

    # MESZ is stated by no source in the event's main language: what 09.00 local time is there, nothing says
    assert times(abroad["converted"]) == [[("09:00", ("a1", "a2", "a3"))]]
    # two local times are compared: 11 o'clock is a rival value
    (rival,) = times(abroad["local"])
    assert [v for v, _ in rival] == ["09:00", "11:00"]


def test_times_in_two_stated_zones_are_compared_in_utc() -> None:
    wib = "Pembicaraan kedua presiden di Istana Marbela dimulai pukul 09.00 WIB."
    texts = {"a1": (wib, "id"), "a2": (wib, "id")}
    german = "Die Gespräche der beiden Präsidenten im Palast von Marbela begannen um {} Uhr MESZ."
    agreeing = _of_kind(_aligned_in({**texts, "b1": (german.format(4), "de")}, SameEmbedder()), "time")
    assert [len(f.values) for f in agreeing] == [1] and agreeing[0].sources == 3  # 09.00 WIB is 04.00 MESZ
    (rival,) = _of_kind(_aligned_in({**texts, "b1": (german.format(6), "de")}, SameEmbedder()), "time")
    assert rival.conflict


def test_a_time_without_a_zone_is_read_in_the_zone_most_sources_state() -> None:
    # three pages write the local zone (WITA), one from the capital writes WIB: the English wire's
    # "5:52 a.m." is local time, so the same moment as 04.52 WIB, not an hour after it
    from factcheck.attributes import slot_facts

    wita = "Pesawat itu tergelincir di Bandara Raja Mandaleka pukul 05.52 WITA."
    wib = "Pesawat itu tergelincir di Bandara Raja Mandaleka pukul 04.52 WIB."
    english = "The plane overran the runway at Raja Mandaleka airport at 5:52 a.m."

    def times(pages: list[tuple[str, str]]) -> list[TimeOfDay]:
        arts = {f"a{i}": _article(f"a{i}", text, language) for i, (text, language) in enumerate(pages)}
        claims = [replace(c, event="E1") for a in arts.values() for c in extract_claims(a)]
        return [f.value for f in slot_facts(claims, arts) if isinstance(f.value, TimeOfDay)]

    *_, capital, wire = times([(wita, "id")] * 3 + [(wib, "id"), (english, "en")])
    assert wire.tz_offset == 8 * 60 and wire.agrees(capital)
    *_, capital, wire = times([(wita, "id"), (wib, "id"), (english, "en")])  # a tie: no zone of its own
    assert wire.tz_offset is None and not wire.agrees(capital)


# ---------------------------------------------------------------------------- scores
def test_a_match_score_given_by_three_sources_and_contradicted_by_one() -> None:
    won = "Persatu Lembah menang {} atas Garuda Pesisir dalam final di Stadion Tanjung Mas pada 14 September 2023."
    texts = {"a1": won.format("2-0"), "a2": won.format("2-0"), "a3": won.format("2-0"), "a4": won.format("3-1")}
    _, _, facts = _aligned(texts, SameEmbedder())
    (score,) = _of_kind(facts, "score")
    assert score.conflict and _values(score) == [("2-0", ("a1", "a2", "a3")), ("3-1", ("a4",))]
    assert score.name.startswith("score")
    lost = "Garuda Pesisir kalah 0-2 dari Persatu Lembah dalam final di Stadion Tanjung Mas pada 14 September 2023."
    texts["a4"] = lost  # the loser's side of one result
    (score,) = _of_kind(_aligned(texts, SameEmbedder())[2], "score")
    assert not score.conflict and score.sources == 4


# ---------------------------------------------------------------------------- changed figures
def test_a_figure_that_rose_is_no_rival_of_the_one_before() -> None:
    signed = "Nilai komitmen investasi Ardani dari kesepakatan di Kota Marbela mencapai US$4,2 miliar."
    grew = "Setelah forum bisnis, nilai komitmen investasi Ardani di Kota Marbela bertambah menjadi US$5,1 miliar."
    texts = {"a1": signed, "a2": signed, "a3": signed, "b1": grew}
    (figure,) = _of_kind(_aligned(texts, SameEmbedder())[2], "number")
    assert [v.sources for v in figure.values] == [("a1", "a2", "a3"), ("b1",)] and not figure.conflict
    assert [v.change for v in figure.values] == ["", "up"]
    # "rose to" a lower figure, or no word of change, is a rival value
    for text in (grew.replace("5,1", "3,1"), grew.replace("bertambah menjadi", "mencapai")):
        (figure,) = _of_kind(_aligned({**texts, "b1": text}, SameEmbedder())[2], "number")
        assert figure.conflict, text


def test_sources_that_agree_on_an_announcement_corroborate_it_as_announced() -> None:
    planned = "Gubernur Rani Wiradana dijadwalkan meresmikan Bendungan Sukamulya di Desa Cibeureum pada 20 Oktober 2023"
    other = planned.replace("dijadwalkan", "berencana")
    texts = {"a1": planned + ".", "a2": other + ".", "a3": OPENED.format("21 Oktober 2023")}
    claims, _, facts = _aligned(texts, SameEmbedder())
    found = fact_findings(_of_kind(facts, "date"), claims, lambda cs: 1.0)
    (corro,) = [f for f in found if f.kind == "corroboration"]
    assert {c.article for c in corro.claims} == {"a1", "a2"} and "announced for" in corro.reason
    stated = fact_findings(_of_kind(_aligned({**texts, "a2": OPENED.format("20 Oktober 2023"),
                                              "a1": OPENED.format("20 Oktober 2023")}, SameEmbedder())[2], "date"),
                           claims, lambda cs: 1.0)  # fmt: skip
    assert all(f.score > corro.score for f in stated if f.kind == "corroboration")



def test_two_figures_of_one_sentence_that_every_source_gives_are_no_conflict_however_aligned() -> None:
    # "A meraih 53,8 persen, sedangkan B 46,2 persen" in two sources, "B won 46.2 percent against 53.8
    # percent for A" in two others: an alignment that pairs one language's first share with the other's
    # second gives 53.8 against 46.2, but every source gives both figures in its sentence
    def share(value: float, sources: tuple[str, ...], beside: float) -> ValueGroup:
        return ValueGroup(f"{value:g} %", f"{value:g} %", (0, 1), (0, 1), ("x", "x"), sources, ("id",),
                          figure=value, beside=(((beside, beside),),) * len(sources))  # fmt: skip

    first, second = share(53.8, ("a1", "a2"), 46.2), share(46.2, ("b1", "b2"), 53.8)
    assert not disagree(first, second) and not disagree(second, first)
    # sources whose sentences give another pair still disagree
    other = share(44.9, ("b1", "b2"), 55.1)
    assert disagree(first, other) and disagree(other, first)
    # the same sentences aligned, as the real pipeline does, raise no conflict either
    id_text = "Hendra Wiratmo meraih 53,8 persen suara, sedangkan Sari Kusumo memperoleh 46,2 persen."
    en_text = "Sari Kusumo won 46.2 percent of the vote against 53.8 percent for Hendra Wiratmo."
    texts = {"a1": (id_text, "id"), "a2": (id_text, "id"), "b1": (en_text, "en"), "b2": (en_text, "en")}
    shares = _of_kind(_aligned_in(texts, SameEmbedder()), "number")
    assert shares and not any(f.conflict for f in shares)



def test_a_planned_claims_weekday_is_the_coming_one_only_next_to_its_cue() -> None:
    from datetime import date as day

    def planned_dates(text: str) -> list[day | None]:
        art = replace(_article("x", text, "en"), published=day(2029, 3, 14))  # a Wednesday
        claims = [replace(c, event="E1") for c in extract_claims(art)]
        return [f.value.lo for f in slot_facts(claims, {"x": art}) if f.kind == "date" and f.planned]

    # the signing planned "on Tuesday", on a page of Wednesday: the coming Tuesday
    assert planned_dates("The deal is expected to be signed on Tuesday in Wanaseta.") == [day(2029, 3, 20)]
    # a weekday far from "will" dates a past deed ("agreed on Tuesday"): the last Tuesday
    far = "The dairy will change hands after the food group Giriwangsa agreed on Tuesday to buy a majority stake."
    assert planned_dates(far) == [day(2029, 3, 13)]


def test_a_lone_figure_one_copying_slip_from_an_attribute_joins_it_at_a_lower_cosine() -> None:
    same = "Pemungutan suara digelar di 12.486 lokasi di seluruh provinsi itu."
    texts = {
        "a1": same,
        "a2": same,
        "a3": same,
        "a4": "Para pemilih datang ke 12.846 lokasi yang dibuka sejak pagi.",  # two digits swapped
        "a5": "Warga memberikan suara di 13.900 lokasi hingga siang.",  # another figure
    }
    # different wordings are 0.82 apart: under the cut that joins a lone fact (fragment_cut 0.86)
    _, _, facts = _aligned(texts, NearEmbedder(0.82))
    (polling,) = [f for f in _of_kind(facts, "number") if any(v.value == "12486 lokasi" for v in f.values)]
    assert polling.conflict and [v.value for v in polling.values] == ["12486 lokasi", "12846 lokasi"]
    assert polling.values[1].sources == ("a4",)


def test_a_plan_announced_after_another_plans_day_passed_is_that_plan_moved() -> None:
    day = date(2026, 6, 22)
    first = replace(_sources_group("22 Juni 2026", "s1 s2"), planned=True, published=day - timedelta(days=2), until=day)
    later = replace(_sources_group("24 Juni 2026", "s3"), planned=True, published=day + timedelta(days=1),
                    until=day + timedelta(days=2))  # fmt: skip
    assert not disagree(first, later) and not disagree(later, first)
    # announced while the first plan still stood: two rival announcements
    rival = replace(later, published=day - timedelta(days=1))
    assert disagree(first, rival) and disagree(rival, first)


def test_landmarks_a_fact_happened_near_are_compared_with_each_other_only() -> None:
    texts = {
        "a1": "Kereta api itu anjlok di dekat Desa Karangwetan pada Jumat pagi.",
        "a2": "Kereta api itu anjlok di dekat Desa Karangwetan pada Jumat pagi, kata petugas.",
        "a3": "Kereta api itu anjlok di dekat Desa Sumberlor pada Jumat pagi.",
        "a4": "Kereta api itu anjlok di Desa Tanjungsari pada Jumat pagi.",  # where, not near where
    }
    _, slots, facts = _aligned(texts, SameEmbedder())
    assert {f.value.key: f.near for f in slots if f.kind == "place"} == {  # type: ignore[union-attr]
        "desa karangwetan": True, "desa sumberlor": True, "desa tanjungsari": False
    }
    (near,) = [f for f in _of_kind(facts, "place") if any(v.value == "desa karangwetan" for v in f.values)]
    assert near.conflict and {v.value for v in near.values} == {"desa karangwetan", "desa sumberlor"}


@pytest.mark.parametrize(
    ("first", "second", "separated", "reported"),
    [
        # a restitution and a fine the alignment put in two attributes: two measures, no conflict
        ("Hakim mewajibkan Sutarmo membayar uang pengganti Rp 1,2 miliar.",
         "Hakim mewajibkan Sutarmo membayar denda Rp 500 juta.", True, False),
        # no attribute holds them: the pair check stands
        ("Hakim mewajibkan Sutarmo membayar uang pengganti Rp 1,2 miliar.",
         "Hakim mewajibkan Sutarmo membayar denda Rp 500 juta.", False, True),
        # the same word right before both figures ties them more than the alignment parts them
        ("Hakim menjatuhkan denda Rp 400 juta kepada Sutarmo.",
         "Hakim menjatuhkan denda Rp 500 juta kepada Sutarmo.", True, True),
    ],
)  # fmt: skip
def test_a_pair_figure_the_facts_place_in_another_attribute(
    first: str, second: str, separated: bool, reported: bool
) -> None:
    from factcheck.pairing import CandidatePair
    from factcheck.ranking import rank
    from factcheck.scoring import PairVerdict, _number_check

    a = replace(_claim(first), id="a1:1", article="a1", event="E1")
    b = replace(_claim(second), id="a2:1", article="a2", event="E1")
    check = _number_check(a, b)
    assert check is not None and check.kind == "number"  # the words around the figures tie them
    verdict = PairVerdict(CandidatePair(0, 1, 0.9, 0.9), "contradiction", {"contradiction": 0.1}, 0.1, checks=[check])

    def group(i: int, value: str) -> ValueGroup:
        return ValueGroup(value, value, (i,), (i,), (value,), (f"a{i + 1}",), ("id",))

    values = [group(0, f"{a.quantities[0].value:g} IDR"), group(1, f"{b.quantities[0].value:g} IDR")]
    facts = [Fact(f"E1.F{i + 1}", "E1", "number", "figure (IDR)", (v,), False, 0.9) for i, v in enumerate(values)]
    facts = facts if separated else []
    pair = [f for f in rank([a, b], [verdict], [], 2, facts=facts) if f.kind == "contradiction" and not f.fact]
    assert bool(pair) is reported


_STATEMENT = "“Kami menghormati putusan majelis hakim dan akan memakai waktu tujuh hari untuk pikir-pikir,”"


def test_a_statement_given_to_another_speaker_is_an_attribution_conflict() -> None:
    """Who said a statement is a value of it: two sources give it to the prosecutor, one to the
    defence lawyer; what was said (a plan here) does not make who said it a plan."""
    claims, slots, facts = _aligned(
        {
            "a1": f"{_STATEMENT} kata jaksa Rosmawati Daeng.",
            "a2": f"{_STATEMENT} ujar Rosmawati Daeng kepada wartawan.",
            "a3": f"{_STATEMENT} kata penasihat hukum Benyamin Pasanggung.",
        }
    )
    assert {f.value.key for f in slots if f.kind == "attribution"} == {"rosmawati daeng", "benyamin pasanggung"}
    (fact,) = _of_kind(facts, "attribution")
    assert fact.conflict and _values(fact) == [("rosmawati daeng", ("a1", "a2")), ("benyamin pasanggung", ("a3",))]
    (finding,) = [f for f in fact_findings(facts, claims, lambda cs: 1.0) if f.kind == "contradiction"]
    assert finding.claims[0].article == "a3" and finding.checks == ("attribution", "attribute")


def test_two_statements_that_give_different_figures_are_no_attribution_conflict() -> None:
    # a count given by the hospital at one hour and by the health office at another: two statements
    said = "Hingga Kamis sore tercatat {} orang luka-luka dan sembilan masih dirawat inap, kata {}."
    hospital, office = "Direktur RSUD Reinhard Sompotan", "Kepala Dinas Kesehatan Maria Lapian"
    texts = {"a1": said.format(31, hospital), "a2": said.format(31, hospital), "a3": said.format(24, office)}
    _, _, facts = _aligned(texts, SameEmbedder())
    assert not [f for f in _of_kind(facts, "attribution") if f.conflict]
    texts["a3"] = said.format(31, office)  # the same count: one statement given to two speakers
    _, _, facts = _aligned(texts, SameEmbedder())
    assert [f.conflict for f in _of_kind(facts, "attribution")] == [True]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (f"{_STATEMENT} kata jaksa Rosmawati Daeng.", "rosmawati daeng"),
        ("“Vonis itu terlalu ringan,” kata Benyamin Pasanggung.", None),  # too short a statement to stand alone
        (f"{_STATEMENT} katanya.", None),  # a pronoun: whoever the article named before
    ],
)
def test_who_said_a_statement(sentence: str, speaker: str | None) -> None:
    from factcheck.attributes import said_by

    found = said_by(resolve_aliases([_claim(sentence)])[0])
    assert (found.key if found else None) == speaker


def _tagged_people(
    texts: Mapping[str, str], people: set[str], orgs: frozenset[str] = frozenset()
) -> tuple[list[Claim], list[SlotFact], list[Fact]]:
    """As :func:`_aligned`, with the mentions in ``people`` typed PER and those in ``orgs`` ORG, as
    the entity tagger types them."""
    arts = {aid: _article(aid, t) for aid, t in texts.items()}
    raw = [c for a in arts.values() for c in extract_claims(a)]
    tags = {**dict.fromkeys(orgs, "ORG"), **dict.fromkeys(people, "PER")}
    raw = [replace(c, entities=tuple(replace(e, tag=tags.get(e.text, e.tag)) for e in c.entities)) for c in raw]
    claims = [replace(c, event="E1") for c in resolve_aliases(raw)]
    slots = slot_facts(claims, arts)
    masked = sorted({t for f in slots for t in f.texts})
    vectors = dict(zip(masked, FakeEmbedder().encode(masked), strict=True))
    return claims, slots, align_facts(claims, vectors, slots, lambda a: a)


_AFTER = "Sidang itu berlangsung selama tiga jam dan dihadiri puluhan pengunjung."


def test_the_person_a_statement_names_is_a_value_of_it() -> None:
    """The presiding judge named by one source is another trial's judge: a person conflict."""
    # a second paragraph: a page's closing sentence names no actor
    read = "Hakim ketua {} membacakan putusan terhadap terdakwa korupsi itu di ruang sidang utama.\n\n" + _AFTER
    _, slots, facts = _tagged_people(
        {"a1": read.format("Agnes Kambuno"), "a2": read.format("Agnes Kambuno"), "a3": read.format("Syamsul Ladjide")},
        {"Agnes Kambuno", "Syamsul Ladjide"},
    )
    assert all(f.masked.startswith("Hakim ketua [PERSON]") for f in slots if f.kind == "person")
    (fact,) = _of_kind(facts, "person")
    assert fact.conflict and _values(fact) == [("agnes kambuno", ("a1", "a2")), ("syamsul ladjide", ("a3",))]


def test_two_people_in_a_statement_give_no_person_value() -> None:
    """Who did what to whom is not a value the masked text can tell."""
    text = "Hakim ketua Agnes Kambuno menjatuhkan vonis kepada Markus Tandirerung di ruang sidang utama.\n\n" + _AFTER
    claims, slots, _ = _tagged_people({"a1": text, "a2": text}, {"Agnes Kambuno", "Markus Tandirerung"})
    assert not [f for f in slots if f.kind == "person"]
    # an organisation takes part too (a team, a ministry); a name the tagger left untyped does not
    # (a German title: "Der Vorsitzende Richter")
    claims, slots, _ = _tagged_people({"a1": text, "a2": text}, {"Agnes Kambuno"}, frozenset({"Markus Tandirerung"}))
    assert not [f for f in slots if f.kind == "person"]
    claims, slots, _ = _tagged_people({"a1": text, "a2": text}, {"Agnes Kambuno"})
    assert {f.value.key for f in slots if f.kind == "person"} == {"agnes kambuno"}
    alone = "Hakim ketua Agnes Kambuno menjatuhkan vonis itu di ruang sidang utama pada siang hari.\n\n" + _AFTER
    claims, slots, _ = _tagged_people({"a1": alone, "a2": alone}, {"Agnes Kambuno"})
    assert {f.value.key for f in slots if f.kind == "person"} == {"agnes kambuno"}
    # a name the corpus writes as a place elsewhere is no person, whatever the tagger says of it here
    from factcheck.attributes import acting_person

    assert acting_person(claims[0]) is not None and acting_person(claims[0], frozenset({"agnes kambuno"})) is None


def test_a_quote_the_claim_stage_split_keeps_its_speaker() -> None:
    """"We admit ..., and I take full responsibility," X told reporters: split into two facts, the
    first carries the whole quotation and X as who said it."""
    from factcheck.attributes import said_by, statement_text

    sentence = (
        "“We admit there was negligence in supervision that night, and I take full responsibility,” "
        "police chief Johanes Talaperu told reporters on Monday."
    )
    claims = resolve_aliases(extract_claims(_article("a1", sentence, "en")))
    credited = [(c, said_by(c)) for c in claims if said_by(c) is not None]
    assert len(credited) == 1
    claim, speaker = credited[0]
    assert speaker.key == "johanes talaperu"
    statement = statement_text(claim)
    assert statement.startswith("We admit there was negligence") and "full responsibility" in statement


def test_the_closing_sentence_of_a_page_names_no_actor() -> None:
    """An author's note ("X is a criminologist at ...") closing two pages is no person conflict."""
    texts = {
        "a1": "Hakim ketua Agnes Kambuno membacakan putusan itu di ruang sidang utama pada siang hari.\n\n"
        "Maria Goreti Souhuwat adalah kriminolog di Universitas Halmarung dan peneliti hukum pidana.",
        "a2": "Hakim ketua Agnes Kambuno membacakan putusan itu di ruang sidang utama pada siang hari.\n\n"
        "Anjali Mehra adalah kriminolog di Universitas Halmarung dan peneliti hukum pidana.",
    }
    _, slots, _ = _tagged_people(texts, {"Agnes Kambuno", "Maria Goreti Souhuwat", "Anjali Mehra"})
    assert {f.value.key for f in slots if f.kind == "person"} == {"agnes kambuno"}


def test_a_pair_of_statements_with_different_figures_is_no_attribution_conflict() -> None:
    from factcheck.scoring import Thresholds, _attribution_check

    said = "“Hingga sore tercatat {} orang luka-luka dan sembilan masih dirawat inap,” kata {}."

    def check(figure: int) -> object:
        a = replace(_claim(said.format(31, "Direktur RSUD Reinhard Sompotan")), article="a1")
        b = replace(_claim(said.format(figure, "Kepala Dinas Kesehatan Maria Lapian")), article="a2")
        a, b = (resolve_aliases([c])[0] for c in (a, b))
        assert a.speaker is not None and b.speaker is not None
        return _attribution_check(a, b, 0.97, 0.9, Thresholds())

    assert check(24) is None  # 24 and 31 injured: two counts, two statements
    assert check(31) is not None  # one statement given to two speakers
