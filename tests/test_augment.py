"""The rule-based NLI pair generator in models/augment.py labels its edits right."""

from __future__ import annotations

import importlib.util
import json
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
        for premise, hypothesis, label in aug._award(rng):
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
    rows = _v2(aug, 1500) + [r for name in NEW_GENERATORS for r in _direct(aug, name, rounds=40)]
    caps = {w for r in rows for s in (r["premise"], r["hypothesis"]) for w in re.findall(r"\b[A-Z][a-z]{4,}\b", s)}
    pools = [str(getattr(aug, name)) for name in dir(aug) if name.startswith("V2_")]
    vocab = {w.lower() for pool in pools for w in re.findall(r"[A-Za-z]+", pool)}
    vocab |= {w.lower() for w in aug.MONTHS} | {"sebanyak", "cattle", "sapi", "pembangunan", "pemerintah"}
    stray = sorted(w for w in caps if w.lower() not in vocab and re.search(rf"(?<!\w){w.lower()}(?!\w)", corpus))
    assert not stray, stray


# ------------------------------------------------------------------ version 2, more varied (money, durations,
# clock times, plans vs outcomes, paraphrase styles): each label is checked against values read back from text
NEW_GENERATORS = ("v2_money_pairs", "v2_duration_pairs", "v2_clock_pairs", "v2_plan_outcome_pairs")
BOUND = r"(?P<bound>lebih dari |kurang dari |more than |less than )?"
ID_WORDS = {"di", "pada", "dan", "telah", "sudah", "akan", "belum", "batal", "selama", "untuk", "kepada", "dari",
            "oleh", "dengan", "ke", "berencana", "tertunda", "diperbaiki"}
EN_WORDS = {"the", "in", "on", "at", "for", "to", "of", "has", "was", "with", "will", "plans", "yet"}


def _direct(aug: ModuleType, name: str, rounds: int = 60, seed: int = 11) -> list[dict[str, str]]:
    """Rows of one generator, ``rounds`` facts in each of the four directions."""
    rng = random.Random(seed)
    gen = getattr(aug, name)
    return [r for _ in range(rounds) for pl, hl in aug.V2_DIRECTIONS for r in gen(rng, pl, hl)]


def _langs(r: dict[str, str]) -> tuple[str, str]:
    pl, hl = r["direction"].split("-")
    return pl, hl


def _word_numbers(aug: ModuleType) -> dict[str, int]:
    return {aug.number_words(n, lang): n for n in range(1, 100) for lang in ("id", "en")}


def test_number_words(aug: ModuleType) -> None:
    assert [aug.number_words(n, "id") for n in (1, 10, 11, 14, 20, 45, 99)] == [
        "satu", "sepuluh", "sebelas", "empat belas", "dua puluh", "empat puluh lima", "sembilan puluh sembilan",
    ]
    assert [aug.number_words(n, "en") for n in (1, 12, 30, 45)] == ["one", "twelve", "thirty", "forty-five"]
    with pytest.raises(ValueError):
        aug.number_words(100, "id")


def test_new_generators_cover_their_phenomena_in_every_direction(aug: ModuleType) -> None:
    expected = {
        "v2_money_pairs": {("amount changed", "contradiction"), ("amount restated", "entailment"),
                           ("amount bound", "entailment"), ("amount bound", "contradiction"),
                           ("amount dropped", "entailment"), ("amount added", "neutral")},
        "v2_duration_pairs": {("duration changed", "contradiction"), ("duration restated", "entailment"),
                              ("duration bound", "entailment"), ("duration bound", "contradiction"),
                              ("duration dropped", "entailment"), ("duration added", "neutral")},
        "v2_clock_pairs": {("time of day changed", "contradiction"), ("time of day restated", "entailment"),
                           ("time of day dropped", "entailment"), ("time of day added", "neutral")},
        "v2_plan_outcome_pairs": {("plan vs outcome", "neutral"), ("plan vs outcome", "contradiction"),
                                  ("paraphrase", "entailment"), ("date dropped", "entailment")},
    }
    for name, want in expected.items():
        rows = _direct(aug, name)
        for direction in ("id-id", "en-en", "id-en", "en-id"):
            got = {(r["phenomenon"], r["label"]) for r in rows if r["direction"] == direction}
            assert want <= got, (name, direction, want - got)
        for r in rows:  # the side in a language is written in it
            pl, hl = _langs(r)
            for text, lang in ((r["premise"], pl), (r["hypothesis"], hl)):
                words = set(re.findall(r"\w+", text.lower()))
                assert (lang == "id") == bool(words & ID_WORDS) == (not words & EN_WORDS), (lang, text)
    # and generate_v2 draws them: the weak groups get a fair share of a 6,000-pair set
    counts = Counter(r["phenomenon"].rsplit(" ", 1)[0] for r in aug.generate_v2(6000, seed=42))
    for group in ("amount", "duration", "time of day"):
        assert counts[group] >= 400, (group, counts[group])
    assert counts["plan vs"] >= 300 and counts["paraphrase"] >= 250, counts


def _amounts(aug: ModuleType, text: str, lang: str) -> list[tuple[str, float]]:
    """(bound, value in rupiah) of every amount written with "Rp" or "rupiah"."""
    words = "|".join(sorted(map(re.escape, _word_numbers(aug)), key=len, reverse=True))
    num = rf"(?P<num>\d[\d.,]*\d|\d|{words})"
    unit = r"(?: (?P<unit>ribu|thousand|juta|million|miliar|billion|triliun|trillion))?"
    scale = {"ribu": 3, "thousand": 3, "juta": 6, "million": 6, "miliar": 9, "billion": 9, "triliun": 12,
             "trillion": 12}
    out = []
    for pat in (rf"{BOUND}Rp {num}{unit}", rf"{BOUND}{num}{unit} rupiah"):
        for m in re.finditer(pat, text):
            raw = m.group("num")
            if raw in _word_numbers(aug):
                value = float(_word_numbers(aug)[raw])
            elif lang == "id":
                value = float(raw.replace(".", "").replace(",", "."))
            else:
                value = float(raw.replace(",", ""))
            out.append(((m.group("bound") or "").strip(), value * 10 ** scale.get(m.group("unit") or "", 0)))
    return sorted(set(out))


def _check_value_labels(
    r: dict[str, str], prem: list[tuple[str, float]], hyp: list[tuple[str, float]], noun: str, changed: float,
    bound_gap: float | None = None, exact: bool = False,
) -> str:
    """Assert that one v2 pair's label fits the values its texts state (``noun``: "amount" or
    "duration"; ``changed``: the least ratio of a changed value; ``bound_gap``: the least ratio of a
    value to its bound "more than" / "less than"; ``exact``: a restated value equals the premise's, not
    only to rounding). Returns its phenomenon."""
    phen, label = r["phenomenon"], r["label"]
    if phen == f"{noun} added":
        assert not prem and len(hyp) == 1, r
        return phen
    assert len(prem) == 1 and prem[0][0] == "", r
    value = prem[0][1]
    if phen == f"{noun} dropped":
        assert not hyp, r
        return phen
    assert len(hyp) == 1, r
    bound, other = hyp[0]
    if phen == f"{noun} restated":
        # "tiga minggu" = "21 days", "48 jam" = "dua hari"
        assert bound == "" and (other == value if exact else other == pytest.approx(value)), r
    elif phen == f"{noun} changed":
        assert bound == "" and max(value, other) >= changed * min(value, other), r
    elif phen == f"{noun} bound":
        holds = value > other if bound in ("lebih dari", "more than") else value < other
        assert bound and label == ("entailment" if holds else "contradiction"), r
        if bound_gap is not None:
            assert max(value, other) >= bound_gap * min(value, other), r  # clearly on one side
    return phen


def test_v2_money_labels_match_the_amounts(aug: ModuleType) -> None:
    seen = Counter()
    for r in _direct(aug, "v2_money_pairs", rounds=80):
        pl, hl = _langs(r)
        prem, hyp = _amounts(aug, r["premise"], pl), _amounts(aug, r["hypothesis"], hl)
        phen = _check_value_labels(r, prem, hyp, "amount", changed=1.2, bound_gap=1.3)
        if phen not in ("amount added", "amount dropped"):
            seen[(phen, r["direction"])] += 1
    assert len(seen) == 12 and min(seen.values()) >= 3, seen  # changed, restated, bound x 4 directions


def _durations(aug: ModuleType, text: str) -> list[tuple[str, int]]:
    """(bound, minutes) of every duration; a month counts as 1/12 year so that conversions are exact."""
    words = "|".join(sorted(map(re.escape, _word_numbers(aug)), key=len, reverse=True))
    minutes = {"menit": 1, "minute": 1, "jam": 60, "hour": 60, "hari": 1440, "day": 1440, "minggu": 10080,
               "pekan": 10080, "week": 10080, "bulan": 43800, "month": 43800, "tahun": 525600, "year": 525600}
    pat = rf"{BOUND}(?P<num>\d+|{words}) (?P<unit>{'|'.join(minutes)})s?\b"
    out = []
    for m in re.finditer(pat, text):
        n = int(m.group("num")) if m.group("num").isdigit() else _word_numbers(aug)[m.group("num")]
        out.append(((m.group("bound") or "").strip(), n * minutes[m.group("unit")]))
    return out


def test_v2_duration_labels_match_the_durations(aug: ModuleType) -> None:
    seen = Counter()
    for r in _direct(aug, "v2_duration_pairs", rounds=80):
        prem, hyp = _durations(aug, r["premise"]), _durations(aug, r["hypothesis"])
        phen = _check_value_labels(r, prem, hyp, "duration", changed=1.15, exact=True)
        if phen not in ("duration added", "duration dropped"):
            seen[phen] += 1
    assert min(seen.values()) >= 20, seen
    restated = [r for r in _direct(aug, "v2_duration_pairs", rounds=80) if r["phenomenon"] == "duration restated"]
    canon = {"menit": "minute", "jam": "hour", "hari": "day", "minggu": "week", "pekan": "week", "bulan": "month"}
    pairs = Counter()
    for r in restated:
        text = r["premise"] + " " + r["hypothesis"]
        found = re.findall(r"\b(menit|jam|hari|minggu|pekan|bulan|minute|hour|day|week|month)s?\b", text)
        pairs[frozenset(canon.get(u, u) for u in found)] += 1
    for units in ({"hour", "day"}, {"day", "week"}, {"minute", "hour"}):  # exact conversions, both ways
        assert pairs[frozenset(units)] >= 3, (units, pairs)


_PART_HOURS = {"dini hari": range(0, 5), "pagi": range(5, 11), "sore": range(14, 19), "malam": range(18, 24)}
_EN_PARTS = {"early hours": "dini hari", "morning": "pagi", "afternoon": "sore", "evening": "malam"}


def _time(text: str, lang: str) -> tuple[int | None, str | None]:
    """(minute of the day, part of the day) stated by a clock-fact sentence."""
    if lang == "id":
        m = re.search(r"pukul (\d{1,2})\.(\d{2})(?: (dini hari|pagi|sore|malam))?", text)
        if m:
            hour = int(m.group(1))
            if m.group(3):
                hour = hour % 12 + (12 if m.group(3) in ("sore", "malam") else 0)
            return hour * 60 + int(m.group(2)), m.group(3) or next(p for p, h in _PART_HOURS.items() if hour in h)
        m = re.search(r"pada \w+ (dini hari|pagi|sore|malam)\b", text)
        return None, m.group(1) if m else None
    part = re.search(r"(early hours|morning|afternoon|evening)", text)
    part_id = _EN_PARTS[part.group(1)] if part else None
    m = re.search(r"at (\d{1,2}):(\d{2})(?: (a\.m\.|p\.m\.))?", text)
    if m:
        hour = int(m.group(1)) % 12
        if m.group(3) == "p.m." or (m.group(3) is None and part_id in ("sore", "malam")):
            hour += 12
        return hour * 60 + int(m.group(2)), part_id or next(p for p, h in _PART_HOURS.items() if hour in h)
    return None, part_id


def test_v2_clock_labels_match_the_times(aug: ModuleType) -> None:
    seen = Counter()
    for r in _direct(aug, "v2_clock_pairs", rounds=60):
        pl, hl = _langs(r)
        (pc, pp), (hc, hp) = _time(r["premise"], pl), _time(r["hypothesis"], hl)
        phen = r["phenomenon"]
        assert pp is not None, r
        if pc is not None:
            assert (pc // 60) in _PART_HOURS[pp], r  # a stated clock time lies in its part of the day
        if phen == "time of day restated":
            assert pc is not None and (hc == pc if hc is not None else hp == pp), r
        elif phen == "time of day changed":
            assert (hc != pc) if (hc is not None and pc is not None) else (hp != pp), r
        elif phen == "time of day dropped":
            assert pc is not None and hc is None and hp is None, r
        elif phen == "time of day added":
            assert pc is None and hc is not None and hp == pp, r
        else:
            raise AssertionError(r)
        seen[(phen, r["label"])] += 1
    assert len(seen) == 4 and min(seen.values()) >= 40, seen
    # a.m./p.m. swapped and 24-hour vs 12-hour notation both occur
    rows = _direct(aug, "v2_clock_pairs", rounds=60)
    assert any("a.m." in r["hypothesis"] and "p.m." in r["premise"] for r in rows if r["label"] == "contradiction")
    assert any(re.search(r"pukul (1\d|2\d)\.", r["premise"]) and re.search(r"pukul \d\.\d\d malam", r["hypothesis"])
               for r in rows if r["phenomenon"] == "time of day restated")


def _status(text: str) -> str:
    t = text.lower()
    if re.search(r"\b(membatalkan rencana|batal|called off|scrapped)\b", t):
        return "cancelled"
    if re.search(r"\b(belum|has not|has yet to)\b", t):
        return "not done"
    if re.search(r"\b(berencana|akan|menargetkan|plans to|will|intends to|is set to)\b", t):
        return "plan"
    assert re.search(r"\b(telah|sudah|has|hired|moved|launched|replaced|planted|opened)\b", t), text
    return "done"


def test_v2_plan_vs_outcome_labels(aug: ModuleType) -> None:
    seen = Counter()
    for r in _direct(aug, "v2_plan_outcome_pairs"):
        prem, hyp = _status(r["premise"]), _status(r["hypothesis"])
        if r["phenomenon"] == "plan vs outcome" and r["label"] == "neutral":
            assert (prem, hyp) == ("plan", "done"), r  # a plan does not say it happened
        elif r["phenomenon"] == "plan vs outcome":
            assert r["label"] == "contradiction" and {prem, hyp} in ({"done", "not done"}, {"done", "cancelled"}), r
        elif r["phenomenon"] == "paraphrase":
            assert prem == hyp == "plan" and r["label"] == "entailment", r
        elif r["phenomenon"] == "date dropped":
            assert prem == hyp == "done" and r["label"] == "entailment" and not re.search(r"\d{4}", r["hypothesis"]), r
        else:
            assert r["phenomenon"] == "count changed" and r["label"] == "contradiction", r
        seen[(prem, hyp, r["label"])] += 1
    assert len(seen) >= 5, seen


def test_v2_paraphrase_styles_keep_every_fact(aug: ModuleType) -> None:
    """Same-language paraphrases use another wording, keep all numbers and names, and are not rare."""
    rows = [r for r in _v2(aug, 3000) if r["phenomenon"] == "paraphrase" and r["direction"] in ("id-id", "en-en")]
    assert len(rows) >= 60
    starts = Counter(r["hypothesis"].split()[0] for r in rows)
    assert {"Pada", "On"} <= set(starts), starts  # the time fronted
    other_verb = r"menggelar peluncuran|launch event|menyuntikkan|inoculated|menyerahkan|handed over"
    assert any(re.search(other_verb, r["hypothesis"]) for r in rows)
    for r in rows:
        assert r["premise"] != r["hypothesis"]
        digits = lambda s: sorted(re.findall(r"\d+", s))  # noqa: E731
        assert digits(r["premise"]) == digits(r["hypothesis"]), r
        names = [n for n in aug.v2_entities() if n in r["premise"]]
        assert all(n in r["hypothesis"] for n in names), r


PROBES = ("nli_probe.jsonl", "nli_probe_xling.jsonl")


def _probe_sentences() -> list[str]:
    rows = [json.loads(line) for name in PROBES
            for line in (REPO / "data" / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    return sorted({row[k] for row in rows for k in ("premise", "hypothesis")})


@pytest.fixture(scope="module")
def generated(aug: ModuleType) -> list[str]:
    """Every sentence of 21,000 generate_v2 pairs (three seeds) and of 300 rounds of the older templates."""
    out = {s for seed in (1, 2, 3) for r in aug.generate_v2(7000, seed=seed) for s in (r["premise"], r["hypothesis"])}
    rng = random.Random(0)
    out |= {s for _ in range(300) for tpl in aug.TEMPLATES for p, h, _ in tpl(rng) for s in (p, h)}
    assert len(out) > 20000
    return sorted(out)


#: words that say nothing about an event: function words, numbers, calendar and clock words, units
_GENERIC = set("""
0 di pada ke dari dan atau yang itu untuk dengan kepada oleh selama sebesar senilai sekitar pukul hari dini pagi siang
sore malam bulan tahun minggu pekan jam menit rp rupiah ribu juta miliar triliun sebanyak lebih kurang bahwa telah
sudah akan belum tidak mulai sejak hingga sampai the a an of in on at to for from with by and or that was were is has
had have will be been not its it this m p morning afternoon evening night early hours hour day days week weeks month
months year years minute minutes thousand million billion trillion more less than about since until worth
""".split())


def _runs4(text: str, generic: set[str]) -> set[tuple[str, ...]]:
    """Runs of four words (lower case, every number as "0": "3,2", "4:15", "2025" alike), except runs of
    generic words only ("pada 0 Maret 0", "at 0 a.m. on Sunday")."""
    words = re.findall(r"[^\W_]+(?:['-][^\W_]+)*", re.sub(r"\d+(?:[.,:]\d+)*", "0", text.lower()))
    runs = (tuple(words[i : i + 4]) for i in range(len(words) - 3))
    return {run for run in runs if not set(run) <= generic}


def test_generated_text_shares_no_four_word_run_with_the_probes(aug: ModuleType, generated: list[str]) -> None:
    """The probes stay held out: no generated premise or hypothesis (v2 and the older templates) shares a
    run of four words with a probe sentence, other than runs of dates, times, numbers and function words."""
    generic = _GENERIC | {m.lower() for m in (*aug.MONTHS, *aug.V2_MONTHS_EN)}
    generic |= {d.lower() for pair in aug.V2_DAYS for d in pair}
    generic |= {w for n in range(1, 100) for lang in ("id", "en") for w in re.split(r"[ -]", aug.number_words(n, lang))}
    probe = {run for s in _probe_sentences() for run in _runs4(s, generic)}
    assert len(probe) > 1000
    shared = {run: s for s in generated for run in _runs4(s, generic) & probe}
    assert not shared, sorted(shared.items())[:20]
    assert not set(generated) & set(_probe_sentences())


#: the event of each probe item as (head noun, verb) alternatives in Indonesian and English, one line per
#: item (when a probe item is added, add its line): no generated sentence may tell the same kind of event
PROBE_EVENTS = (
    # data/nli_probe.jsonl
    ("bertemu|met", "di|pada|in|on"),
    ("medali|medal", "meraih|won"),
    ("pabrik|factory", "membuka|opened|opens"),
    ("gunung|volcano|letusan", "meletus|erupted|mengungsi"),
    ("rumah sakit|hospital", "meninjau|inspected|meresmikan|diresmikan|inaugurated|opened"),
    ("festival", "digelar|berlangsung|diadakan|diselenggarakan|lasted|ran|held|drew"),
    ("cabai|chili|chilli", "harga|prices?"),
    ("kapal|ship|shipwreck", "tenggelam|sank|menemukan|found"),
    ("undang-undang|law", "menandatangani|ditandatangani|signed"),
    ("gol|goals?", "mencetak|scored"),
    ("suku bunga|interest rates?", "menaikkan|menurunkan|naik|raised|cut"),
    ("spesies|species", "menemukan|ditemukan|found|discovered"),
    # data/nli_probe_xling.jsonl
    ("jembatan|bridge", "meresmikan|diresmikan|opened|inaugurated"),
    ("warga|residents", "mengevakuasi|dievakuasi|evacuated|mengungsikan"),
    ("kontrak|contract", "menandatangani|ditandatangani|meneken|signed"),
    ("bus listrik|electric bus", "rute|route|jalur|line"),
    ("kios|stalls", "kebakaran|fire"),
    ("banjir|floods?", "merendam|submerged"),
    ("kereta|train", "tiba|arrived"),
    ("pekerja|workers", "memecat|laid off"),
    ("pameran|exhibition", "berlangsung|ran|lasted"),
    ("jalan|road", "menghabiskan|spent"),
    ("beras|rice", "menyalurkan|distributed"),
    ("tsunami", "peringatan|warning"),
    ("pemadaman listrik|power cut", "berlangsung|lasted"),
    ("tarif parkir|parking tariff", "dewan|council"),
    ("stadion|stadium", "renovasi|renovation"),
    ("rumah|homes", "membangun|build|built"),
    ("terbang|fly", "setiap hari|daily"),
    ("kampus|campus", "dibuka|open|opened"),
    ("terowongan|tunnel", "dibuka|open"),
)


def _event_patterns() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    return [(re.compile(rf"(?<!\w)(?:{noun})(?!\w)", re.I), re.compile(rf"(?<!\w)(?:{verb})(?!\w)", re.I))
            for noun, verb in PROBE_EVENTS]


def test_generated_facts_avoid_the_probe_events(generated: list[str]) -> None:
    """No generated sentence pairs a probe item's head noun with its verb (a mayor opening a bridge, a
    rescue team evacuating residents, a contract signed, a festival held, ...)."""
    probe = _probe_sentences()
    patterns = _event_patterns()
    for event, (noun, verb) in zip(PROBE_EVENTS, patterns, strict=True):  # each line tells a probe item
        assert any(noun.search(s) and verb.search(s) for s in probe), event
    hits = [(event, s) for event, (noun, verb) in zip(PROBE_EVENTS, patterns, strict=True)
            for s in generated if noun.search(s) and verb.search(s)]
    assert not hits, hits[:20]
