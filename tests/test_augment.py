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


# ------------------------------------------------------------------ version 2
REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"


def _v2(aug: ModuleType, n: int = 900, seed: int = 4) -> list[dict[str, str]]:
    return list(aug.generate_v2(n, seed=seed))


def test_v2_is_seeded_balanced_and_covers_the_phenomena(aug: ModuleType) -> None:
    rows = _v2(aug)
    assert rows == _v2(aug) and rows != _v2(aug, seed=5)
    assert len(rows) == 900
    assert Counter(r["label"] for r in rows) == {"entailment": 300, "neutral": 300, "contradiction": 300}
    assert len({(r["premise"], r["hypothesis"]) for r in rows}) == 900
    assert Counter(r["direction"] for r in rows).keys() == {"id-id", "en-en", "id-en", "en-id"}
    phenomena = {r["phenomenon"] for r in rows}
    for slot in ("place", "person", "organisation", "date", "time of day", "weekday", "duration", "count", "amount"):
        assert f"{slot} changed" in phenomena, slot
    for slot in ("place", "date", "duration", "count", "amount"):
        assert {f"{slot} dropped", f"{slot} added"} <= phenomena, slot
    assert {"paraphrase", "plan vs outcome", "attribution dropped", "attribution change"} <= phenomena


def test_v2_labels_follow_the_phenomenon(aug: ModuleType) -> None:
    """changed -> contradiction, dropped/paraphrase -> entailment, added -> neutral; edits are real."""
    for r in _v2(aug):
        phen, label, p, h = r["phenomenon"], r["label"], r["premise"], r["hypothesis"]
        assert p != h
        if phen.endswith(" changed"):
            assert label == "contradiction", r
        elif phen.endswith(" dropped") or phen == "paraphrase":
            assert label == "entailment", r
        elif phen.endswith(" added"):
            assert label == "neutral", r
        if r["direction"] in ("id-id", "en-en") and phen in ("place dropped", "count dropped", "amount dropped"):
            assert len(h) < len(p), r  # the hypothesis only loses words
        if r["direction"] in ("id-id", "en-en") and phen in ("place added", "count added", "amount added"):
            assert len(h) > len(p), r


def test_v2_changed_place_is_another_place_and_dropped_place_is_gone(aug: ModuleType) -> None:
    seen = Counter()
    for r in _v2(aug):
        if r["direction"] not in ("id-id", "en-en"):
            continue
        prem = {x for x in aug.V2_PLACES if re.search(rf"\b(di|dari|in|from) {re.escape(x)}\b", r["premise"])}
        hyp = {x for x in aug.V2_PLACES if re.search(rf"\b(di|dari|in|from) {re.escape(x)}\b", r["hypothesis"])}
        if r["phenomenon"] == "place changed":
            assert prem and hyp and prem != hyp, r
        elif r["phenomenon"] == "place dropped":
            assert prem and not hyp, r
        elif r["phenomenon"] == "place added":
            assert hyp and not prem, r
        else:
            continue
        seen[r["phenomenon"]] += 1
    assert min(seen.values()) >= 5, seen


def test_v2_cross_lingual_pairs_render_the_same_fact(aug: ModuleType) -> None:
    """A dropped-date id-en pair keeps every number and name of the premise except the date."""
    rows = [r for r in _v2(aug) if r["direction"] == "id-en" and r["phenomenon"] == "paraphrase"]
    assert rows
    for r in rows:
        digits = lambda s: sorted(re.findall(r"\d+", s.replace(".", "").replace(",", "")))  # noqa: E731
        assert digits(r["premise"]) == digits(r["hypothesis"]), r
        names = [n for n in aug.v2_entities() if n in r["premise"]]
        assert names and all(n.removeprefix("PT ") in r["hypothesis"] for n in names), r


def test_v2_entities_are_disjoint_from_seeds_demo_and_probes(aug: ModuleType) -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED_SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "demo").iterdir()) if p.is_file()]
    texts += [(REPO / "data" / n).read_text(encoding="utf-8") for n in ("nli_probe.jsonl", "nli_probe_xling.jsonl")]
    corpus = "\n".join(texts).lower()
    assert len(texts) >= 8
    names = aug.v2_entities()
    # every name, and every word of a person's name, is absent from what we evaluate on
    words = {w for person in aug.V2_PERSONS for w in person.split()}
    hits = [n for n in [*names, *words] if re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", corpus)]
    assert not hits, hits
    # and the generated text names nothing else that is capitalised and found there
    rows = _v2(aug, 300)
    caps = {w for r in rows for s in (r["premise"], r["hypothesis"]) for w in re.findall(r"\b[A-Z][a-z]{4,}\b", s)}
    pools = [str(getattr(aug, name)) for name in dir(aug) if name.startswith("V2_")]
    vocab = {w.lower() for pool in pools for w in re.findall(r"[A-Za-z]+", pool)}
    vocab |= {w.lower() for w in aug.MONTHS} | {"sebanyak", "residents", "warga", "pembangunan", "kontrak"}
    stray = sorted(w for w in caps if w.lower() not in vocab and re.search(rf"(?<!\w){w.lower()}(?!\w)", corpus))
    assert not stray, stray
