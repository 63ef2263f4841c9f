"""The rule-based NLI pair generator in models/augment.py labels its edits right."""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

AUGMENT = Path(__file__).resolve().parents[1] / "models" / "augment.py"


@pytest.fixture(scope="module")
def aug() -> ModuleType:
    spec = importlib.util.spec_from_file_location("factcheck_models_augment", AUGMENT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_drop_attribution_keeps_the_reported_fact(aug: ModuleType) -> None:
    text = "Kepala Dinas Perhubungan Rudi Hartono mengatakan, tarif bus kota naik dua ribu rupiah."
    assert aug.drop_attribution(text) == "Tarif bus kota naik dua ribu rupiah."
    assert aug.drop_attribution("Juru bicara itu menegaskan bahwa jembatan baru dibuka untuk umum.") == (
        "Jembatan baru dibuka untuk umum."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Saya mengatakan, semua orang sudah pulang ke rumah masing-masing.",  # first person
        "Warga sekitar sungai itu menanam padi setiap musim hujan.",  # no reporting verb
        'Menteri itu mengatakan, "Kami siap membantu kapan saja."',  # direct quote
    ],
)
def test_drop_attribution_skips_what_it_cannot_strip(aug: ModuleType, text: str) -> None:
    assert aug.drop_attribution(text) is None


def test_number_edits_skip_bounds_and_names(aug: ModuleType) -> None:
    rng = random.Random(0)
    edited = aug.change_number("Banjir merendam 120 rumah di tepi sungai.", rng)
    assert edited and edited != "Banjir merendam 120 rumah di tepi sungai." and "rumah" in edited
    assert aug.change_number("Lebih dari 50 orang hadir di balai desa.", rng) is None
    assert aug.change_number("Pasien COVID-19 dirawat di rumah sakit daerah.", rng) is None


def test_generalised_date_is_entailed_form(aug: ModuleType) -> None:
    assert aug.generalise_date("Jembatan itu dibuka pada 4 Mei 2021.") == "Jembatan itu dibuka pada Mei 2021."


def test_templates_add_unstated_facts_only_as_neutral(aug: ModuleType) -> None:
    """A neutral hypothesis names a place the premise lacks; a contradiction changes a stated one."""
    rng = random.Random(3)
    places = set(aug.PLACES) | set(aug.COUNTRIES)
    seen_unstated = 0
    for _ in range(200):
        for premise, hypothesis, label in aug._meeting(rng):
            hyp_places = {p for p in places if re.search(rf"\bdi {re.escape(p)}\b", hypothesis)}
            prem_places = {p for p in places if re.search(rf"\bdi {re.escape(p)}\b", premise)}
            if hyp_places and not prem_places:
                assert label == "neutral", (premise, hypothesis, label)
                seen_unstated += 1
            if hyp_places and prem_places and hyp_places != prem_places:
                assert label == "contradiction", (premise, hypothesis, label)
    assert seen_unstated == 200


def test_generate_is_seeded_and_balanced(aug: ModuleType) -> None:
    places = ["Surabaya", "Bandung", "Medan", "Makassar"] * 15
    premises = [
        f"Pemerintah kota membangun {n} taman baru (seluas {n} hektare) di {p} pada {n % 28 + 1} Mei {1960 + n}."
        for n, p in enumerate(places, start=3)
    ] + [f"Warga desa {p} nomor {chr(65 + i % 26)}{i // 26} menanam padi di sawah." for i, p in enumerate(places)]
    first = aug.generate(premises, 300, seed=5)
    assert first == aug.generate(premises, 300, seed=5)
    assert first != aug.generate(premises, 300, seed=6)
    assert 270 <= len(first) <= 300
    counts = Counter(label for *_, label in first)
    assert set(counts) == {"entailment", "neutral", "contradiction"}
    assert min(counts.values()) >= 45, counts  # neutral: 1/3 of the template half, 20 % of the rest
    assert all(p.strip() and h.strip() and p != h for p, h, _ in first)
