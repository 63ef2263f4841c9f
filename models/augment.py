"""Generate synthetic NLI pairs for what news checking needs most.

Two sources of premises:

* IndoNLI *training* premises (never validation), edited with conservative
  rules: change a number, a year, a month, a known place or person, or negate
  the main verb -> contradiction; keep the first sentence of a multi-sentence
  premise, drop a parenthetical, generalise "13 September 2023" to
  "September 2023" -> entailment.
* Template news sentences with several facts (who, what, where, when, how
  many) from small gazetteers. Dropping facts or generalising a date gives
  entailment, changing one fact gives contradiction, and adding a fact that
  the premise does not state gives neutral.

Only edits whose label is certain are produced; anything ambiguous (numbers
inside names like "COVID-19", sentences already negated, bounds such as
"lebih dari 10") is skipped.

Version 2 (:func:`generate_v2`, ``--v2``): template facts told in Indonesian or English, with the
premise in one language and the hypothesis in the same or the other, for what issue 16 found the
model weakest at: a place, person, organisation, date, time of day, weekday, duration, count or
amount changed (contradiction), dropped (entailment) or added (neutral); paraphrases (entailment);
plans vs outcomes; attribution changes. Its entities are invented (``V2_*`` pools below) and
kept disjoint from the seed articles, the demo corpus and the hand-written probes (a test checks).
Each row also carries ``phenomenon`` and ``direction`` ("id-en": Indonesian premise, English
hypothesis).

Usage: python models/augment.py OUT.jsonl [--n 4000] [--seed 13] [--v2]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from factcheck.normalize.dates import MONTH_NAMES_ID

Pair = tuple[str, str, str]
T = TypeVar("T")

MONTHS = list(MONTH_NAMES_ID)
PLACES = [
    "Jakarta",
    "Surabaya",
    "Bandung",
    "Medan",
    "Makassar",
    "Semarang",
    "Yogyakarta",
    "Denpasar",
    "Palembang",
    "Balikpapan",
    "Pontianak",
    "Manado",
    "Jayapura",
    "Kupang",
    "Padang",
    "Banda Aceh",
    "Malang",
    "Solo",
    "Bogor",
    "Mataram",
    "Ambon",
    "Batam",
    "Singapura",
    "Kuala Lumpur",
    "Tokyo",
    "Beijing",
    "Moskow",
    "Washington",
    "London",
    "Paris",
    "Canberra",
    "Seoul",
    "Bangkok",
    "Manila",
    "New Delhi",
    "Riyadh",
    "Kairo",
]
COUNTRIES = [
    "Rusia",
    "China",
    "Jepang",
    "Amerika Serikat",
    "Australia",
    "Malaysia",
    "Singapura",
    "Korea Selatan",
    "India",
    "Arab Saudi",
    "Prancis",
    "Jerman",
    "Inggris",
    "Thailand",
    "Vietnam",
    "Filipina",
    "Turki",
    "Mesir",
    "Brasil",
    "Belanda",
]
PERSONS = [
    "Joko Widodo",
    "Prabowo Subianto",
    "Anies Baswedan",
    "Ganjar Pranowo",
    "Sri Mulyani",
    "Erick Thohir",
    "Ridwan Kamil",
    "Puan Maharani",
    "Retno Marsudi",
    "Mahfud MD",
    "Gibran Rakabuming",
    "Budi Gunadi Sadikin",
    "Basuki Hadimuljono",
    "Airlangga Hartarto",
    "Vladimir Putin",
    "Xi Jinping",
    "Joe Biden",
    "Kim Jong Un",
    "Anwar Ibrahim",
    "Fumio Kishida",
    "Emmanuel Macron",
    "Narendra Modi",
    "Lee Hsien Loong",
    "Olaf Scholz",
]
ROLES = [
    "Presiden",
    "Menteri Keuangan",
    "Gubernur",
    "Wali Kota",
    "Menteri Luar Negeri",
    "Kapolri",
    "Ketua DPR",
    "Menteri Kesehatan",
    "Bupati",
    "Perdana Menteri",
]
ORGS = [
    "PT Pertamina",
    "Bank Indonesia",
    "KPK",
    "BMKG",
    "Basarnas",
    "BNPB",
    "PLN",
    "Kementerian Kesehatan",
    "Polda Metro Jaya",
    "Badan Pusat Statistik",
    "OJK",
    "PSSI",
]
# (verb phrase, object options) -- object is kept when a fact is dropped
ACTIONS = [
    (
        "meresmikan",
        ["jembatan baru", "jalan tol", "bendungan", "rumah sakit daerah", "pelabuhan", "bandara baru"],
    ),
    (
        "mengunjungi",
        ["lokasi banjir", "pasar tradisional", "korban gempa", "sebuah pabrik", "kamp pengungsi"],
    ),
    ("membuka", ["pameran dagang", "konferensi internasional", "festival budaya", "pekan olahraga"]),
    ("menandatangani", ["perjanjian dagang", "nota kesepahaman", "kontrak kerja sama", "kesepakatan damai"]),
    ("mengumumkan", ["kebijakan baru", "hasil penyelidikan", "rencana anggaran", "paket stimulus"]),
]
EVENTS = [
    ("banjir", "merendam", "rumah"),
    ("gempa bumi", "merusak", "bangunan"),
    ("kebakaran", "menghanguskan", "rumah"),
    ("tanah longsor", "menimbun", "rumah"),
    ("angin puting beliung", "merusak", "rumah"),
]
PLANS = [
    "operasi komersial kereta cepat",
    "pembangunan bendungan baru",
    "vaksinasi massal",
    "pendaftaran sekolah negeri",
    "uji coba bus listrik",
    "penerapan tarif baru",
    "renovasi stadion utama",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
COUNT_NOUNS = ["orang", "warga", "peserta", "penumpang", "pekerja"]
NEGATION_WORDS = {"tidak", "tak", "bukan", "belum", "tanpa", "jangan", "enggan", "batal", "gagal"}
BOUND_WORDS = {
    "lebih",
    "kurang",
    "sekitar",
    "hampir",
    "sedikitnya",
    "setidaknya",
    "sekurangnya",
    "mencapai",
    "hingga",
    "sampai",
    "sejumlah",
    "kira-kira",
    "puluhan",
    "ratusan",
    "ribuan",
    "minimal",
    "maksimal",
    "paling",
    "di atas",
    "di bawah",
    "antara",
}
# words that look like me-/ber-/di- verbs but are not
NOT_VERBS = {
    "dia",
    "diri",
    "dirinya",
    "dimana",
    "di",
    "dini",
    "dinas",
    "dinasti",
    "diet",
    "digital",
    "diskon",
    "diskusi",
    "direktur",
    "direksi",
    "distrik",
    "divisi",
    "dimensi",
    "dialog",
    "diplomat",
    "diplomasi",
    "dinamika",
    "dinamis",
    "diesel",
    "disiplin",
    "dilema",
    "berita",
    "berat",
    "beras",
    "bersama",
    "berbagai",
    "beberapa",
    "benar",
    "besar",
    "berapa",
    "bersih",
    "berikut",
    "beserta",
    "berdasarkan",
    "bermacam",
    "meja",
    "media",
    "medis",
    "mereka",
    "merah",
    "mental",
    "menteri",
    "mesin",
    "metode",
    "meter",
    "menit",
    "melalui",
    "menurut",
    "mengenai",
    "meski",
    "meskipun",
    "memang",
    "menuju",
    "mei",
    "merupakan",
    "meliputi",
    "menjadi",
    "berada",
    "bernama",
    "berusia",
    "memiliki",
    "mempunyai",
    "menyebabkan",
    "mengingat",
    "menjelang",
    "menggunakan",
}
VERB_RE = re.compile(r"^(me|mem|men|meng|meny|ber|di)[a-z]{3,}$")


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _has_negation(text: str) -> bool:
    return any(w in NEGATION_WORDS for w in re.findall(r"[a-z]+", text.lower()))


def _has_bound_near(text: str, start: int) -> bool:
    before = text[max(0, start - 25) : start].lower()
    return any(b in before for b in BOUND_WORDS)


def _other(rng: random.Random, options: list[T], current: T) -> T:
    return rng.choice([o for o in options if o != current])


def change_number(text: str, rng: random.Random) -> str | None:
    """Replace one stand-alone number (not in names, not bounded) by a different one."""
    cands = [
        m
        for m in re.finditer(r"(?<![\w\-/.,])(\d{1,4})(?![\w\-/%]|[.,]\d)", text)
        if not _has_bound_near(text, m.start())
    ]
    cands = [m for m in cands if not (1900 <= int(m.group(1)) <= 2100)]  # years: change_year
    if not cands:
        return None
    m = rng.choice(cands)
    n = int(m.group(1))
    new = n + rng.choice([1, 2, 3, 5, 10, 20]) if n < 3 or rng.random() < 0.5 else max(1, n // 2)
    if new == n:
        new = n + 1
    return text[: m.start()] + str(new) + text[m.end() :]


def change_year(text: str, rng: random.Random) -> str | None:
    cands = [
        m
        for m in re.finditer(r"(?<![\w\-/])(19[5-9]\d|20[0-2]\d)(?![\w\-/])", text)
        if not _has_bound_near(text, m.start())
    ]
    if not cands:
        return None
    m = rng.choice(cands)
    year = int(m.group(1)) + rng.choice([-3, -2, -1, 1, 2, 3])
    return text[: m.start()] + str(year) + text[m.end() :]


def change_month(text: str, rng: random.Random) -> str | None:
    hits = [m for m in re.finditer(r"\b(" + "|".join(MONTHS) + r")\b", text)]
    if not hits:
        return None
    m = rng.choice(hits)
    return text[: m.start()] + _other(rng, MONTHS, m.group(1)) + text[m.end() :]


def change_entity(text: str, rng: random.Random) -> str | None:
    """Swap one known place, country or person for another of the same kind."""
    for pool in rng.sample([PLACES, COUNTRIES, PERSONS], 3):
        hits = [p for p in pool if re.search(r"\b" + re.escape(p) + r"\b", text)]
        if hits:
            old = rng.choice(hits)
            new = _other(rng, [p for p in pool if p not in text], old)
            return re.sub(r"\b" + re.escape(old) + r"\b", new, text)
    return None


SUBORDINATE_STARTS = {
    "jika",
    "bila",
    "apabila",
    "kalau",
    "meskipun",
    "walaupun",
    "meski",
    "karena",
    "seandainya",
    "agar",
    "untuk",
    "saat",
    "ketika",
    "sebelum",
    "setelah",
    "sejak",
    "selama",
    "sambil",
    "dengan",
    "tanpa",
    "bagi",
    "berikut",
    "apakah",
    "bagaimana",
}
MODALS = {
    "akan": "tidak akan",
    "telah": "tidak",
    "sudah": "tidak",
    "bisa": "tidak bisa",
    "dapat": "tidak dapat",
    "harus": "tidak harus",
    "pernah": "tidak pernah",
}


def negate(text: str) -> str | None:
    """Insert 'tidak' before the main verb of a simple, non-negated statement.

    Only the first verb-looking word is considered; if it is preceded by
    anything but a plain subject word or a modal, the sentence is skipped.
    """
    words = text.split(" ")
    if (
        _has_negation(text)
        or len(words) > 30
        or "?" in text
        or words[0].lower().strip(",") in SUBORDINATE_STARTS
    ):
        return None
    for i, w in enumerate(words[1:], start=1):
        bare = re.sub(r"[^\w]", "", w).lower()
        if bare in NOT_VERBS or not VERB_RE.match(bare):
            continue
        prev = words[i - 1].lower()
        if i > 8 or "yang" in (w.lower() for w in words[max(0, i - 3) : i]):
            return None  # main verb too far away, or inside a relative clause
        adalah_at = [j for j, x in enumerate(words[:i]) if x.lower() == "adalah"]
        if adalah_at:
            j = adalah_at[0]
            return " ".join([*words[:j], "bukan", *words[j + 1 :]])
        if prev in MODALS:
            return " ".join([*words[: i - 1], MODALS[prev], *words[i:]])
        if (
            prev.endswith(",")
            or not re.match(r"^[\w\-()]+$", prev)
            or prev
            in {
                "yang",
                "dan",
                "atau",
                "sulit",
                "mudah",
                "cocok",
                "ingin",
                "mau",
                "sering",
                "jarang",
                "sedang",
                "masih",
                "baru",
                "sangat",
                "perlu",
                "boleh",
                "sempat",
                "mulai",
                "tetap",
                "juga",
                "lebih",
                "paling",
                "agak",
                "terus",
                "hanya",
                "untuk",
                "cara",
                "sudah",
            }
        ):
            return None
        return " ".join([*words[:i], "tidak", *words[i:]])
    adalah = re.search(r"\badalah\b", text)
    if adalah:
        return text[: adalah.start()] + "bukan" + text[adalah.end() :]
    return None


def add_unstated_year(text: str, rng: random.Random) -> str | None:
    """Append a year to a statement that mentions no time at all (neutral)."""
    if re.search(r"\d|tahun|bulan|hari|kemarin|besok|lalu|" + "|".join(MONTHS), text, re.I):
        return None
    if not text.endswith(".") or len(text.split()) > 25 or "?" in text:
        return None
    return text[:-1] + f" pada tahun {rng.randint(1995, 2023)}."


def drop_parenthetical(text: str) -> str | None:
    out = re.sub(r"\s*\([^()]{1,60}\)", "", text)
    return out if out != text and len(out.split()) >= 4 else None


def generalise_date(text: str) -> str | None:
    """'13 September 2023' -> 'September 2023' (entailed)."""
    m = re.search(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")( \d{4})?\b", text)
    if not m:
        return None
    return text[: m.start()] + m.group(2) + (m.group(3) or "") + text[m.end() :]


_REPORTED = re.compile(
    r"^(?P<who>[A-Z][^,.;:\"“”]{2,80}?) (?:mengatakan|menuturkan|menegaskan|menyatakan|menyebutkan)"
    r"(?:, | bahwa )(?P<what>[^\"“”]{20,})$"
)


def drop_attribution(text: str) -> str | None:
    """'Kepala BPS Budi mengatakan, inflasi naik.' -> 'Inflasi naik.' (entailed, as news reads it)."""
    m = _REPORTED.match(_first_clause(text))
    if not m or m.group("who").split()[0] in ("Saya", "Kami", "Ia", "Dia", "Mereka"):
        return None
    what = m.group("what").strip()
    return what[0].upper() + what[1:] if len(what.split()) >= 4 else None


def first_sentence(text: str) -> str | None:
    sents = _sentences(text)
    if len(sents) < 2 or len(sents[0].split()) < 5:
        return None
    return sents[0]


def _first_clause(premise: str) -> str:
    """The first sentence, which edits operate on (shorter hypothesis)."""
    sents = _sentences(premise)
    return sents[0] if sents else premise


def pairs_from_premise(premise: str, rng: random.Random) -> dict[str, list[Pair]]:
    """Rule-based edits of a real premise, grouped by label."""
    base = _first_clause(premise)
    out: dict[str, list[Pair]] = {"entailment": [], "neutral": [], "contradiction": []}
    if len(base.split()) < 5:
        return out
    for fn in (change_number, change_year, change_month, change_entity):
        edited = fn(base, rng)
        if edited and edited != base:
            out["contradiction"].append((premise, edited, "contradiction"))
    neg = negate(base)
    if neg:
        out["contradiction"].append((premise, neg, "contradiction"))
    for fn2 in (first_sentence, drop_parenthetical, generalise_date, drop_attribution):
        edited = fn2(premise)
        if edited and edited != premise:
            out["entailment"].append((premise, edited, "entailment"))
    extra = add_unstated_year(base, rng)
    if extra:
        out["neutral"].append((premise, extra, "neutral"))
    return out


# ---------------------------------------------------------------- templates
def _date(rng: random.Random) -> tuple[int, str, int]:
    return rng.randint(1, 28), rng.choice(MONTHS), rng.randint(2015, 2025)


def _fmt_date(d: tuple[int, str, int]) -> str:
    return f"{d[0]} {d[1]} {d[2]}"


def _other_date(rng: random.Random, d: tuple[int, str, int]) -> tuple[int, str, int]:
    kind = rng.choice(["day", "month", "year"])
    if kind == "day":
        return (_other(rng, list(range(1, 29)), d[0]), d[1], d[2])
    if kind == "month":
        return (d[0], _other(rng, MONTHS, d[1]), d[2])
    return (d[0], d[1], d[2] + rng.choice([-2, -1, 1, 2]))


def _meeting(rng: random.Random) -> Iterator[Pair]:
    a, b = rng.sample(PERSONS, 2)
    place = rng.choice(PLACES + COUNTRIES)
    d = _date(rng)
    p = f"{a} bertemu {b} di {place} pada {_fmt_date(d)}."
    yield p, f"{a} dan {b} bertemu di {place}.", "entailment"
    yield p, f"{b} bertemu dengan {a} pada {d[1]} {d[2]}.", "entailment"
    yield p, f"{a} bertemu {b} pada bulan {_other(rng, MONTHS, d[1])} {d[2]}.", "contradiction"
    yield p, f"{a} dan {b} bertemu di {_other(rng, PLACES + COUNTRIES, place)}.", "contradiction"
    yield p, f"{a} tidak bertemu {b} di {place}.", "contradiction"
    c = _other(rng, PERSONS, a)
    if c != b:
        yield p, f"{c} bertemu {b} di {place} pada {_fmt_date(d)}.", "contradiction"
    topic = rng.choice(["kerja sama ekonomi", "keamanan kawasan", "perdagangan", "energi"])
    yield p, f"{a} dan {b} membahas {topic} dalam pertemuan itu.", "neutral"
    yield p, f"Pertemuan {a} dan {b} berlangsung selama dua jam.", "neutral"
    # The same meeting told without its place or without its date: a hypothesis that
    # supplies the missing fact is neutral, not a contradiction.
    no_place = f"{a} bertemu {b} pada {_fmt_date(d)}."
    yield no_place, f"{a} dan {b} bertemu di {place}.", "neutral"
    yield no_place, f"{b} dan {a} bertemu pada bulan {d[1]} {d[2]}.", "entailment"
    yield f"{a} bertemu {b} di {place}.", f"{a} bertemu {b} pada {_fmt_date(d)}.", "neutral"


def _official_action(rng: random.Random) -> Iterator[Pair]:
    person = rng.choice(PERSONS)
    role = rng.choice(ROLES)
    verb, objs = rng.choice(ACTIONS)
    obj = rng.choice(objs)
    place = rng.choice(PLACES)
    d = _date(rng)
    p = f"{role} {person} {verb} {obj} di {place} pada {_fmt_date(d)}."
    yield p, f"{person} {verb} {obj} di {place}.", "entailment"
    yield p, f"{role} {person} {verb} {obj} pada tahun {d[2]}.", "entailment"
    yield p, f"{person} {verb} {obj} pada {_fmt_date(_other_date(rng, d))}.", "contradiction"
    yield p, f"{person} {verb} {obj} di {_other(rng, PLACES, place)}.", "contradiction"
    yield p, f"{_other(rng, PERSONS, person)} {verb} {obj} di {place}.", "contradiction"
    yield p, f"{person} tidak {verb} {obj} di {place}.", "contradiction"
    yield p, f"{person} {verb} {obj} di {place} didampingi istrinya.", "neutral"
    yield p, f"Acara di {place} itu dihadiri sekitar {rng.randint(2, 90) * 10} orang.", "neutral"
    yield f"{role} {person} {verb} {obj} pada {_fmt_date(d)}.", f"{person} {verb} {obj} di {place}.", "neutral"
    yield f"{person} {verb} {obj} di {place}.", f"{person} {verb} {obj} pada tahun {d[2]}.", "neutral"


def _disaster(rng: random.Random) -> Iterator[Pair]:
    event, verb, noun = rng.choice(EVENTS)
    place = rng.choice(PLACES)
    n_obj = rng.randint(5, 400)
    n_dead = rng.randint(2, 60)
    d = _date(rng)
    org = rng.choice(["BNPB", "Basarnas", "BPBD setempat", "polisi"])
    p = (
        f"{event.capitalize()} {verb} {n_obj} {noun} di {place} pada {_fmt_date(d)} "
        f"dan menewaskan {n_dead} orang, menurut {org}."
    )
    yield p, f"{event.capitalize()} di {place} menewaskan {n_dead} orang.", "entailment"
    yield p, f"Sebanyak {n_obj} {noun} di {place} terdampak {event}.", "entailment"
    yield p, f"{event.capitalize()} terjadi di {place} pada bulan {d[1]}.", "entailment"
    yield (
        p,
        f"{event.capitalize()} di {place} menewaskan {n_dead + rng.choice([3, 5, 10, 17])} orang.",
        "contradiction",
    )
    yield (
        p,
        f"{event.capitalize()} di {place} menewaskan {n_dead // 2 if n_dead > 2 else n_dead + 4} orang.",
        "contradiction",
    )
    yield p, f"{event.capitalize()} {verb} {n_obj} {noun} di {_other(rng, PLACES, place)}.", "contradiction"
    yield (
        p,
        f"{event.capitalize()} di {place} terjadi pada {_fmt_date(_other_date(rng, d))}.",
        "contradiction",
    )
    yield p, f"{event.capitalize()} di {place} tidak menimbulkan korban jiwa.", "contradiction"
    yield p, f"{event.capitalize()} di {place} dipicu hujan deras selama tiga hari.", "neutral"
    yield p, f"Pemerintah {place} menetapkan status tanggap darurat selama 14 hari.", "neutral"
    yield (
        f"{event.capitalize()} menewaskan {n_dead} orang pada {_fmt_date(d)}.",
        f"{event.capitalize()} itu terjadi di {place}.",
        "neutral",
    )


def _economy(rng: random.Random) -> Iterator[Pair]:
    org = rng.choice(ORGS)
    item = rng.choice(["harga beras", "harga cabai", "inflasi", "harga BBM", "tarif listrik", "harga gula"])
    pct = rng.randint(2, 40)
    d = _date(rng)
    direction, opposite = rng.choice([("naik", "turun"), ("turun", "naik")])
    p = f"Menurut {org}, {item} {direction} {pct} persen pada {d[1]} {d[2]} dibandingkan bulan sebelumnya."
    yield p, f"{item.capitalize()} {direction} {pct} persen pada {d[1]} {d[2]}.", "entailment"
    yield p, f"{item.capitalize()} mengalami perubahan pada {d[1]} {d[2]}.", "entailment"
    yield p, f"{item.capitalize()} {opposite} pada {d[1]} {d[2]}.", "contradiction"
    yield (
        p,
        f"{item.capitalize()} {direction} {pct + rng.choice([3, 5, 8, 12])} persen pada {d[1]} {d[2]}.",
        "contradiction",
    )
    yield (
        p,
        f"{item.capitalize()} {direction} {pct} persen pada {_other(rng, MONTHS, d[1])} {d[2]}.",
        "contradiction",
    )
    yield p, f"{item.capitalize()} tidak berubah pada {d[1]} {d[2]}.", "contradiction"
    yield p, f"{item.capitalize()} diperkirakan terus {direction} hingga akhir tahun.", "neutral"
    yield p, f"Perubahan {item} itu dipicu oleh gagal panen di {rng.choice(PLACES)}.", "neutral"


def _arrest(rng: random.Random) -> Iterator[Pair]:
    org = rng.choice(["KPK", "Polda Metro Jaya", "Kejaksaan Agung", "Bareskrim Polri"])
    n = rng.randint(2, 12)
    case = rng.choice(["korupsi dana desa", "narkoba", "penipuan investasi", "suap proyek jalan"])
    place = rng.choice(PLACES)
    day = rng.choice(DAYS)
    p = f"{org} menangkap {n} tersangka kasus {case} di {place} pada hari {day}."
    yield p, f"{org} menangkap tersangka kasus {case}.", "entailment"
    yield p, f"Ada {n} tersangka kasus {case} yang ditangkap di {place}.", "entailment"
    yield (
        p,
        f"{org} menangkap {n + rng.choice([1, 2, 4, 7])} tersangka kasus {case} di {place}.",
        "contradiction",
    )
    yield p, f"{org} menangkap {n} tersangka kasus {case} di {_other(rng, PLACES, place)}.", "contradiction"
    yield (
        p,
        f"Penangkapan itu terjadi pada hari {_other(rng, DAYS, day)}.",
        "contradiction",
    )
    yield p, f"Para tersangka kasus {case} belum ditangkap.", "contradiction"
    yield p, "Para tersangka terancam hukuman penjara 20 tahun.", "neutral"
    yield p, f"Salah satu tersangka adalah pejabat di {place}.", "neutral"
    yield f"{org} menangkap {n} tersangka kasus {case}.", f"Penangkapan itu dilakukan di {place}.", "neutral"


def _statement(rng: random.Random) -> Iterator[Pair]:
    """A reported plan: dropping who said it keeps the fact; changing the date contradicts it."""
    person, role = rng.choice(PERSONS), rng.choice(ROLES)
    event = rng.choice(PLANS)
    d = _date(rng)
    verb = rng.choice(["mengatakan", "menyatakan", "menuturkan", "menegaskan"])
    p = f"{role} {person} {verb} {event} akan dimulai pada {_fmt_date(d)}."
    cap = event[0].upper() + event[1:]
    yield p, f"{cap} dijadwalkan dimulai pada {_fmt_date(d)}.", "entailment"
    yield p, f"{cap} akan dimulai pada bulan {d[1]} {d[2]}.", "entailment"
    yield p, f"Menurut {person}, {event} dimulai {_fmt_date(d)}.", "entailment"
    yield p, f"{cap} dijadwalkan dimulai pada {_fmt_date(_other_date(rng, d))}.", "contradiction"
    yield p, f"{person} {verb} {event} tidak akan dimulai tahun {d[2]}.", "contradiction"
    yield p, f"{cap} akan berlangsung selama {rng.randint(2, 11)} bulan.", "neutral"
    yield p, f"{cap} dijadwalkan dimulai di {rng.choice(PLACES)}.", "neutral"


TEMPLATES = (_meeting, _official_action, _disaster, _economy, _arrest, _statement)


def generate(premises: Iterable[str], n: int, seed: int = 13, template_share: float = 0.5) -> list[Pair]:
    """About ``n`` labelled pairs: ``template_share`` from templates, the rest from edits of ``premises``."""
    rng = random.Random(seed)
    out: list[Pair] = []
    n_tpl = int(n * template_share)
    while len(out) < n_tpl:
        by_label: dict[str, list[Pair]] = {}
        for pair in rng.choice(TEMPLATES)(rng):
            by_label.setdefault(pair[2], []).append(pair)
        out.extend(rng.choice(v) for v in by_label.values())  # one per label
    prem = list(dict.fromkeys(p for p in premises if p.strip()))
    rng.shuffle(prem)
    quota = {"entailment": 0.4, "neutral": 0.2, "contradiction": 0.4}
    counts = dict.fromkeys(quota, 0)
    n_prem = n - len(out)
    for p in prem:
        if sum(counts.values()) >= n_prem:
            break
        for label, cands in pairs_from_premise(p, rng).items():
            if cands and counts[label] < quota[label] * n_prem:
                out.append(rng.choice(cands))
                counts[label] += 1
    rng.shuffle(out)
    return out[:n]


# ---------------------------------------------------------------- version 2: id / en / id-en / en-id
V2Pair = dict[str, str]
V2_LANGS = ("id", "en")
V2_DIRECTIONS = (("id", "id"), ("en", "en"), ("id", "en"), ("en", "id"))
V2_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
V2_DAYS = (
    ("Senin", "Monday"), ("Selasa", "Tuesday"), ("Rabu", "Wednesday"), ("Kamis", "Thursday"),
    ("Jumat", "Friday"), ("Sabtu", "Saturday"), ("Minggu", "Sunday"),
)
V2_TIMES = (("pagi", "morning"), ("sore", "afternoon"), ("malam", "night"))
V2_NUMBER_WORDS = {
    2: ("dua", "two"), 3: ("tiga", "three"), 4: ("empat", "four"), 5: ("lima", "five"),
    6: ("enam", "six"), 7: ("tujuh", "seven"), 8: ("delapan", "eight"), 9: ("sembilan", "nine"),
    10: ("sepuluh", "ten"), 12: ("dua belas", "twelve"), 14: ("empat belas", "fourteen"),
}
#: invented towns and villages (none named in ../shared/seeds, data/demo or the data/ probes)
V2_PLACES = (
    "Karang Jati", "Sumberwaras", "Tanjung Gading", "Pasir Lintang", "Ujung Kelor", "Bukit Suling",
    "Sungai Rambai", "Muara Tenggiri", "Lubuk Sirih", "Talang Mandi", "Danau Perak", "Watu Ireng",
    "Gunung Kelabu", "Teluk Palapa", "Rawa Bening", "Padang Ilalang",
)
V2_PERSONS = (
    "Arya Wiratama", "Kinanti Handayuni", "Bagas Kurniadi", "Rina Puspitawangi", "Yudha Permadika",
    "Sekar Ayuningtyas", "Damar Sasongko", "Intan Prameswari", "Teguh Wicitra", "Nirmala Kartikasari",
    "Fajar Nugrahadi", "Citra Kusumadewi", "Reza Mahendrata", "Ayu Wulandika",
)
#: (Indonesian, English) organisation names
V2_COMPANIES = (
    ("PT Wahana Sentosa", "Wahana Sentosa"), ("PT Gemilang Niaga", "Gemilang Niaga"),
    ("PT Sinar Baruna", "Sinar Baruna"), ("PT Tirta Kencana", "Tirta Kencana"),
    ("PT Arga Buana", "Arga Buana"), ("PT Lintas Samudera Jaya", "Lintas Samudera Jaya"),
)
V2_RESCUERS = (
    ("Tim SAR {p}", "the {p} rescue team"), ("Palang Merah {p}", "the {p} Red Cross"),
    ("Relawan Siaga {p}", "the {p} volunteer corps"), ("Dinas Pemadam Kebakaran {p}", "the {p} fire service"),
)
V2_ROLES = (("Bupati {p}", "{p} regent"), ("Wali Kota {p}", "{p} mayor"), ("Camat {p}", "{p} district head"))
V2_SPEAKERS = (("juru bicara polisi", "police spokesperson"), ("kepala dinas", "agency head"),
               ("pengamat ekonomi", "economist"), ("ketua RT", "neighbourhood head"))
V2_FACILITIES = (
    ("jembatan gantung", "a suspension bridge"), ("pasar ikan baru", "a new fish market"),
    ("puskesmas baru", "a new community health centre"), ("terminal bus", "a bus terminal"),
    ("perpustakaan daerah", "a regional library"), ("gedung olahraga", "a sports hall"),
)
V2_FAIRS = (("festival layang-layang", "kite festival"), ("pameran kopi", "coffee fair"),
            ("festival kuliner", "food festival"), ("pekan budaya", "culture week"))
V2_FAIR_NAMES = ("Angin Timur", "Bintang Laut", "Pelangi Senja", "Kembang Sore", "Ombak Putih")
V2_PROJECTS = (("jalur bus listrik", "an electric bus line"), ("taman kota baru", "a new city park"),
               ("instalasi air bersih", "a clean-water plant"), ("pelabuhan kapal nelayan", "a fishing port"))
V2_MULTIPLIERS = (("juta", "million"), ("miliar", "billion"), ("triliun", "trillion"))


def v2_entities() -> list[str]:
    """Every name the version-2 generators may write (for the disjointness test)."""
    names = [*V2_PLACES, *V2_PERSONS, *V2_FAIR_NAMES]
    names += [n for pair in V2_COMPANIES for n in pair]
    return names


@dataclass(frozen=True)
class _Fact:
    """The slots of one template fact; ``None`` means "not stated"."""

    kind: str
    who: tuple[str, str]  # (id, en) subject: a role + person, a company or a rescue team
    place: str | None = None
    date: tuple[int, int, int] | None = None  # day, month 1-12, year
    weekday: int | None = None  # 0 = Monday
    time: int | None = None  # index in V2_TIMES
    count: int | None = None
    amount: tuple[str, int] | None = None  # (digits, multiplier index): ("32", 2) = 3.2 trillion
    duration: int | None = None  # days, written as a number word
    obj: tuple[str, str] = ("", "")  # (id, en) object / event name
    partner: tuple[str, str] | None = None  # second organisation (contracts)
    companion: str | None = None  # an added person ("together with ...")


def _num(n: int, lang_code: str) -> str:
    return f"{n:,}".replace(",", ".") if lang_code == "id" else f"{n:,}"


def _amount(a: tuple[str, int], lang_code: str) -> str:
    digits, mult = a
    whole, frac = digits[:-1] or "0", digits[-1]
    value = whole if frac == "0" else f"{whole}{',' if lang_code == 'id' else '.'}{frac}"
    return f"Rp {value} {V2_MULTIPLIERS[mult][0]}" if lang_code == "id" else f"{value} {V2_MULTIPLIERS[mult][1]} rupiah"


def _when(f: _Fact, lang_code: str) -> str:
    """' pada Selasa pagi, 4 Maret 2025' / ' on Tuesday morning, 4 March 2025' (what is stated)."""
    i = 0 if lang_code == "id" else 1
    parts: list[str] = []
    if f.weekday is not None:
        day = V2_DAYS[f.weekday][i]
        if f.time is not None:
            day = f"{day} {V2_TIMES[f.time][i]}"
        parts.append(day)
    if f.date is not None:
        d, m, y = f.date
        parts.append(f"{d} {MONTHS[m - 1]} {y}" if i == 0 else f"{d} {V2_MONTHS_EN[m - 1]} {y}")
    if not parts:
        return ""
    return (" pada " if i == 0 else " on ") + ", ".join(parts)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _say(f: _Fact, lang_code: str, passive: bool = False) -> str:
    """The fact as one sentence in ``lang_code``; ``passive`` gives a paraphrase."""
    i = 0 if lang_code == "id" else 1
    who, obj = f.who[i], f.obj[i]
    where = "" if f.place is None else (f" di {f.place}" if i == 0 else f" in {f.place}")
    when = _when(f, lang_code)
    with_ = "" if f.companion is None else (f" bersama {f.companion}" if i == 0 else f" together with {f.companion}")
    if f.kind == "open":
        if passive:
            if i == 0:
                return f"{_cap(obj)}{where} diresmikan oleh {who}{with_}{when}."
            return f"{_cap(obj.replace('a ', 'the ', 1))}{where} was opened by {who}{with_}{when}."
        verb = "meresmikan" if i == 0 else "opened"
        return _cap(f"{who} {verb} {obj}{where}{with_}{when}.")
    if f.kind == "evacuate":
        n = "" if f.count is None else f"{_num(f.count, lang_code)} "
        src = "" if f.place is None else (f" dari {f.place}" if i == 0 else f" from {f.place}")
        if passive and i == 0:
            return f"{'Sebanyak ' + n if n else ''}{'warga' if n else 'Warga'}{src} dievakuasi oleh {who}{when}."
        if passive:
            return f"{_cap(n + 'residents')}{src} were evacuated by {who}{when}."
        verb = "mengevakuasi" if i == 0 else "evacuated"
        return _cap(f"{who} {verb} {n}{'warga' if i == 0 else 'residents'}{src}{when}.")
    if f.kind == "contract":
        worth = "" if f.amount is None else f" {'senilai' if i == 0 else 'worth'} {_amount(f.amount, lang_code)}"
        assert f.partner is not None
        other = f.partner[i]
        if passive:
            if i == 0:
                return f"Kontrak{worth} antara {who} dan {other} ditandatangani{where}{when}."
            return f"A contract{worth} between {who} and {other} was signed{where}{when}."
        if i == 0:
            return f"{who} menandatangani kontrak{worth} dengan {other}{where}{when}."
        return f"{who} signed a contract{worth} with {other}{where}{when}."
    if f.kind == "fair":
        words = None if f.duration is None else V2_NUMBER_WORDS[f.duration][i]
        length = "" if words is None else (f" selama {words} hari" if i == 0 else f" for {words} days")
        n_text = "" if f.count is None else _num(f.count, lang_code)
        crowd = ""
        if n_text:
            crowd = f" dan dihadiri {n_text} pengunjung" if i == 0 else f" and drew {n_text} visitors"
        if i == 0:
            verb = "diselenggarakan" if passive else "berlangsung" if length else "digelar"
            return f"{_cap(obj)}{where} {verb}{length}{when}{crowd}."
        verb = "took place" if passive else "ran" if length else "was held"
        return f"The {obj}{where} {verb}{length}{when}{crowd}."
    raise ValueError(f"unknown fact kind {f.kind!r}")


def _pair(p: str, h: str, label: str, phenomenon: str, pl: str, hl: str) -> V2Pair:
    return {"premise": p, "hypothesis": h, "label": label, "phenomenon": phenomenon, "direction": f"{pl}-{hl}"}


def _person_of(f: _Fact) -> str:
    return next(name for name in V2_PERSONS if name in f.who[0])


def _changed(rng: random.Random, f: _Fact, slot: str) -> _Fact:
    """``f`` with one stated slot given another value of the same kind."""
    if slot == "place":
        return replace(f, place=_other(rng, list(V2_PLACES), f.place))
    if slot == "person":
        old = _person_of(f)
        new = _other(rng, list(V2_PERSONS), old)
        return replace(f, who=(f.who[0].replace(old, new), f.who[1].replace(old, new)))
    if slot == "organisation":
        return replace(f, who=_other(rng, [c for c in V2_COMPANIES if c != f.partner], f.who))
    if slot == "date":
        assert f.date is not None
        d, m, y = f.date
        kind = rng.choice(["day", "month", "year"])
        if kind == "day":
            return replace(f, date=(_other(rng, list(range(1, 29)), d), m, y))
        if kind == "month":
            return replace(f, date=(d, _other(rng, list(range(1, 13)), m), y))
        return replace(f, date=(d, m, y + rng.choice([-2, -1, 1, 2])))
    if slot == "weekday":
        return replace(f, weekday=_other(rng, list(range(7)), f.weekday))
    if slot == "time of day":
        return replace(f, time=_other(rng, list(range(len(V2_TIMES))), f.time))
    if slot == "count":
        assert f.count is not None
        return replace(f, count=_other(rng, [f.count * 2, f.count // 2, f.count + 40, f.count * 10], f.count))
    if slot == "amount":
        assert f.amount is not None
        digits, mult = f.amount
        if rng.random() < 0.5:
            return replace(f, amount=(digits, _other(rng, list(range(len(V2_MULTIPLIERS))), mult)))
        swapped = digits[::-1].lstrip("0") or "9"
        new = swapped if swapped != digits else str(int(digits) + 15)
        return replace(f, amount=(new if len(new) > 1 else new + "0", mult))
    if slot == "duration":
        return replace(f, duration=_other(rng, list(V2_NUMBER_WORDS), f.duration))
    raise ValueError(slot)


#: slot name -> the _Fact fields that "drop" clears
_DROP = {"place": ("place",), "date": ("date",), "weekday": ("weekday", "time"), "count": ("count",),
         "amount": ("amount",), "duration": ("duration",)}


def _dropped(f: _Fact, slot: str) -> _Fact:
    return replace(f, **dict.fromkeys(_DROP[slot]))


def _v2_fact(rng: random.Random) -> tuple[_Fact, list[str], list[str]]:
    """A random fact, the slots that may change and those that may be dropped or added."""
    place = rng.choice(V2_PLACES)
    date = (rng.randint(1, 28), rng.randint(1, 12), rng.randint(2016, 2026))
    kind = rng.choice(["open", "evacuate", "contract", "fair"])
    if kind == "open":
        role = rng.choice(V2_ROLES)
        region = _other(rng, list(V2_PLACES), place)
        person = rng.choice(V2_PERSONS)
        who = (f"{role[0].format(p=region)} {person}", f"{role[1].format(p=region)} {person}")
        f = _Fact(kind, who, place=place, date=date, obj=rng.choice(V2_FACILITIES))
        return f, ["place", "person", "date"], ["place", "date"]
    if kind == "evacuate":
        team = rng.choice(V2_RESCUERS)
        home = _other(rng, list(V2_PLACES), place)
        f = _Fact(kind, (team[0].format(p=home), team[1].format(p=home)), place=place,
                  weekday=rng.randrange(7), time=rng.randrange(len(V2_TIMES)), count=rng.randint(12, 480))
        return f, ["place", "weekday", "time of day", "count"], ["place", "weekday", "count"]
    if kind == "contract":
        a, b = rng.sample(V2_COMPANIES, 2)
        digits = str(rng.randint(11, 99))
        f = _Fact(kind, a, partner=b, weekday=rng.randrange(7), amount=(digits, rng.randrange(len(V2_MULTIPLIERS))))
        return f, ["organisation", "weekday", "amount"], ["weekday", "amount"]
    fair = rng.choice(V2_FAIRS)
    name = rng.choice(V2_FAIR_NAMES)
    f = _Fact(kind, ("", ""), place=place, duration=rng.choice(list(V2_NUMBER_WORDS)),
              count=rng.randint(3, 90) * 500, obj=(f"{fair[0]} {name}", f"{name} {fair[1]}"))
    return f, ["place", "duration", "count"], ["place", "count", "duration"]


def v2_slot_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """Changed (contradiction), dropped (entailment), added (neutral) slots, and a paraphrase."""
    f, changeable, droppable = _v2_fact(rng)
    premise = _say(f, pl)
    for slot in changeable:
        yield _pair(premise, _say(_changed(rng, f, slot), hl), "contradiction", f"{slot} changed", pl, hl)
    for slot in droppable:
        label_slot = "date" if slot == "weekday" else slot
        yield _pair(premise, _say(_dropped(f, slot), hl), "entailment", f"{label_slot} dropped", pl, hl)
        yield _pair(_say(_dropped(f, slot), pl), _say(f, hl), "neutral", f"{label_slot} added", pl, hl)
    yield _pair(premise, _say(f, hl, passive=True), "entailment", "paraphrase", pl, hl)
    if f.kind == "open":
        companion = _other(rng, list(V2_PERSONS), _person_of(f))
        yield _pair(premise, _say(replace(f, companion=companion), hl), "neutral", "person added", pl, hl)


def v2_plan_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """A plan is not its outcome (neutral); an outcome contradicts "still only planned"."""
    org = rng.choice(V2_COMPANIES)
    proj = rng.choice(V2_PROJECTS)
    place = rng.choice(V2_PLACES)
    m, y = rng.randint(1, 12), rng.randint(2024, 2028)

    def plan(lang_code: str, month: int | None) -> str:
        if lang_code == "id":
            when = "" if month is None else f" pada {MONTHS[month - 1]} {y}"
            return f"{org[0]} berencana membangun {proj[0]} di {place}{when}."
        when = "" if month is None else f" in {V2_MONTHS_EN[month - 1]} {y}"
        return f"{org[1]} plans to build {proj[1]} in {place}{when}."

    def done(lang_code: str) -> str:
        if lang_code == "id":
            return f"{org[0]} telah selesai membangun {proj[0]} di {place} pada {MONTHS[m - 1]} {y}."
        return f"{org[1]} finished building {proj[1]} in {place} in {V2_MONTHS_EN[m - 1]} {y}."

    def still_planned(lang_code: str) -> str:
        if lang_code == "id":
            return f"Pembangunan {proj[0]} di {place} oleh {org[0]} belum dimulai sama sekali."
        return f"{org[1]} has not yet started building the {proj[1].split(' ', 1)[1]} in {place}."

    yield _pair(plan(pl, m), done(hl), "neutral", "plan vs outcome", pl, hl)
    yield _pair(done(pl), still_planned(hl), "contradiction", "plan vs outcome", pl, hl)
    yield _pair(plan(pl, m), plan(hl, None), "entailment", "date dropped", pl, hl)
    yield _pair(plan(pl, m), plan(hl, _other(rng, list(range(1, 13)), m)), "contradiction", "date changed", pl, hl)


def v2_attribution_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """Reported facts: dropping the speaker keeps the fact; another speaker is unstated; a denial contradicts."""
    f, _, _ = _v2_fact(rng)
    while f.kind == "fair":
        f, _, _ = _v2_fact(rng)
    a, b = rng.sample(V2_PERSONS, 2)
    ra, rb = rng.sample(V2_SPEAKERS, 2)

    def said(lang_code: str, role: tuple[str, str], name: str, verb: str) -> str:
        fact = _say(f, lang_code).rstrip(".")
        fact = "the " + fact[4:] if fact.startswith("The ") else fact
        if lang_code == "id":
            v = {"say": "mengatakan", "deny": "membantah bahwa"}[verb]
            return f"{_cap(role[0])} {name} {v} {fact}."
        v = {"say": "said", "deny": "denied that"}[verb]
        return f"{_cap(role[1])} {name} {v} {fact}."

    premise = said(pl, ra, a, "say")
    yield _pair(premise, _say(f, hl), "entailment", "attribution dropped", pl, hl)
    yield _pair(premise, said(hl, rb, b, "say"), "neutral", "attribution change", pl, hl)
    yield _pair(premise, said(hl, ra, a, "deny"), "contradiction", "attribution change", pl, hl)


V2_GENERATORS = (v2_slot_pairs, v2_plan_pairs, v2_attribution_pairs)


def generate_v2(n: int, seed: int = 13, directions: Iterable[tuple[str, str]] = V2_DIRECTIONS) -> list[V2Pair]:
    """``n`` version-2 pairs (a third per label), seeded; directions drawn uniformly."""
    rng = random.Random(seed)
    dirs = list(directions)
    quota = {"entailment": n // 3, "neutral": n // 3, "contradiction": n - 2 * (n // 3)}
    by_label: dict[str, list[V2Pair]] = {k: [] for k in quota}
    seen: set[tuple[str, str]] = set()
    stalls = 0
    while any(len(by_label[k]) < q for k, q in quota.items()):
        pl, hl = rng.choice(dirs)
        gen = rng.choices(V2_GENERATORS, weights=(6, 1, 2))[0]
        added = False
        for pair in gen(rng, pl, hl):
            key = (pair["premise"], pair["hypothesis"])
            bucket = by_label[pair["label"]]
            if key in seen or pair["premise"] == pair["hypothesis"] or len(bucket) >= quota[pair["label"]]:
                continue
            seen.add(key)
            bucket.append(pair)
            added = True
        stalls = 0 if added else stalls + 1
        if stalls > 1000:
            raise RuntimeError("generate_v2: the templates cannot produce more distinct pairs")
    out = [p for k in quota for p in by_label[k]]
    rng.shuffle(out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate synthetic NLI pairs (JSONL, IndoNLI-like fields).")
    ap.add_argument("out", type=Path)
    ap.add_argument(
        "--premises",
        type=Path,
        default=Path(__file__).resolve().parents[1].parent
        / "shared"
        / "datasets"
        / "indonli"
        / "train.jsonl",
    )
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--v2", action="store_true", help="version-2 template pairs (id/en/across), with "
                    "phenomenon and direction columns; needs no premises file")
    args = ap.parse_args(argv)
    if args.v2:
        rows = generate_v2(args.n, args.seed)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps({**row, "label": row["label"][0]}, ensure_ascii=False) + "\n")
        return 0
    with args.premises.open(encoding="utf-8") as fh:
        premises = [json.loads(line)["premise"] for line in fh if line.strip()]
    pairs = generate(premises, args.n, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for p, h, lab in pairs:
            fh.write(json.dumps({"premise": p, "hypothesis": h, "label": lab[0]}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
