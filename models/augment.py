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

Usage: python models/augment.py OUT.jsonl [--n 4000] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterable, Iterator
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
    args = ap.parse_args(argv)
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
