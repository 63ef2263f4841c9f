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
Neither version tells the events of the probes' items (``data/nli_probe*.jsonl``) or shares a run of
four words with them (tests check); the facts that did were rewritten in 2026-12.
Each row also carries ``phenomenon`` and ``direction`` ("id-en": Indonesian premise, English
hypothesis).

More varied v2 pairs (2026-12) for the cross-lingual probe's weakest groups, in our own facts and
wordings: amounts of money (:func:`v2_money_pairs`: other digits or unit, "Rp 1,5 miliar" = "1,500
million rupiah", "more than" / "less than"), durations (:func:`v2_duration_pairs`: "tiga minggu" =
"21 days", "48 jam" = "two days", other count or unit, bounds), clock times (:func:`v2_clock_pairs`:
"pukul 19.30" = "7:30 p.m." = "Thursday evening", a.m./p.m. swapped, another part of the day) and
plans vs outcomes (:func:`v2_plan_outcome_pairs`: planned / done / not done / called off); the
template facts are also told in four styles (active, passive, time first, another verb), so that
other wording alone means neither another fact nor an unrelated one.

Usage: python models/augment.py OUT.jsonl [--n 4000] [--seed 13] [--v2]
"""

from __future__ import annotations

import argparse
import json
import math
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
# The template facts below avoid the events of the hand-written probes (data/nli_probe*.jsonl): no
# meetings of two leaders, officials opening or visiting facilities, signed contracts, floods or
# fires destroying homes, food prices, bus lines or stadium renovations (a test checks).
#: (verb phrase, object options) -- object is kept when a fact is dropped
ACTIONS = [
    ("memimpin", ["upacara bendera", "rapat koordinasi", "doa bersama", "apel siaga bencana"]),
    ("melepas", ["peserta lomba lari", "rombongan mudik gratis", "pawai budaya", "tim relawan medis"]),
    ("menanam", ["bibit mangrove", "pohon trembesi", "bibit pohon jati"]),
    ("menghadiri", ["konferensi internasional", "upacara wisuda", "seminar nasional", "malam penghargaan"]),
    ("mengumumkan", ["kebijakan baru", "hasil penyelidikan", "rencana anggaran", "paket stimulus"]),
]
#: (event, verb, what it damaged)
EVENTS = [
    ("gempa bumi", "merusak", "bangunan"),
    ("gelombang pasang", "merusak", "perahu"),
    ("tanah longsor", "menimbun", "rumah"),
    ("angin puting beliung", "merobohkan", "rumah"),
]
PLANS = [
    "operasi komersial kereta cepat",
    "pembangunan bendungan baru",
    "vaksinasi massal",
    "pendaftaran sekolah negeri",
    "sensus pertanian",
    "pemutihan pajak kendaraan",
    "pengerukan sungai",
]
#: people the template facts name (the probe's Kim Jong Un and Putin are left out)
TEMPLATE_PERSONS = [p for p in PERSONS if p not in ("Kim Jong Un", "Vladimir Putin")]
#: recognitions handed from one person to another (:func:`_award`)
AWARDS = ["penghargaan", "tanda kehormatan", "piagam kehormatan", "gelar warga kehormatan"]
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


def _award(rng: random.Random) -> Iterator[Pair]:
    """One person hands a recognition to another somewhere on a date (a place or date added is neutral)."""
    a, b = rng.sample(TEMPLATE_PERSONS, 2)
    place = rng.choice(PLACES)
    award = rng.choice(AWARDS)
    d = _date(rng)
    p = f"{a} menyerahkan {award} kepada {b} di {place} pada {_fmt_date(d)}."
    yield p, f"{b} menerima {award} dari {a} di {place}.", "entailment"
    yield p, f"{b} menerima {award} dari {a} pada {d[1]} {d[2]}.", "entailment"
    yield p, f"{a} menyerahkan {award} kepada {b} pada bulan {_other(rng, MONTHS, d[1])} {d[2]}.", "contradiction"
    yield p, f"{b} menerima {award} dari {a} di {_other(rng, PLACES, place)}.", "contradiction"
    yield p, f"{a} tidak menyerahkan {award} kepada {b} di {place}.", "contradiction"
    c = _other(rng, TEMPLATE_PERSONS, a)
    if c != b:
        yield p, f"{c} menyerahkan {award} kepada {b} di {place} pada {_fmt_date(d)}.", "contradiction"
    field = rng.choice(["pendidikan", "kesehatan masyarakat", "pelestarian lingkungan", "kebudayaan"])
    yield p, f"{_cap(award)} itu diberikan atas jasa {b} di bidang {field}.", "neutral"
    yield p, f"Upacara penyerahan {award} itu berlangsung selama dua jam.", "neutral"
    # The same handover told without its place or without its date: a hypothesis that
    # supplies the missing fact is neutral, not a contradiction.
    no_place = f"{a} menyerahkan {award} kepada {b} pada {_fmt_date(d)}."
    yield no_place, f"{b} menerima {award} dari {a} di {place}.", "neutral"
    yield no_place, f"{b} menerima {award} dari {a} pada bulan {d[1]} {d[2]}.", "entailment"
    no_date = f"{a} menyerahkan {award} kepada {b} di {place}."
    yield no_date, f"{a} menyerahkan {award} kepada {b} pada {_fmt_date(d)}.", "neutral"


def _official_action(rng: random.Random) -> Iterator[Pair]:
    person = rng.choice(TEMPLATE_PERSONS)
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
    yield p, f"{_other(rng, TEMPLATE_PERSONS, person)} {verb} {obj} di {place}.", "contradiction"
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
    item = rng.choice(["ekspor kopi", "jumlah wisatawan asing", "penjualan mobil", "produksi semen",
                       "jumlah penumpang pesawat", "ekspor batu bara"])
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
    yield p, f"Perubahan {item} itu dipicu oleh cuaca buruk di {rng.choice(PLACES)}.", "neutral"


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
    person, role = rng.choice(TEMPLATE_PERSONS), rng.choice(ROLES)
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


TEMPLATES = (_award, _official_action, _disaster, _economy, _arrest, _statement)


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
# The four slot facts of :func:`v2_slot_pairs` (rewritten 2026-12 because the older ones, an official
# opening a facility, a rescue team evacuating residents, a contract worth "Rp X,Y triliun" and a
# festival of N days with N visitors, had been modelled on items of the hand-written probes): a book
# launched by its author, cattle vaccinated by a livestock office, compensation paid by one company
# to another, a charity drive of N days with a count of what it gathered.
#: who vaccinates: (Indonesian, English) with the home town as {p}
V2_VET_TEAMS = (
    ("Dinas Peternakan {p}", "the {p} livestock office"), ("Puskeswan {p}", "the {p} animal health post"),
    ("Tim dokter hewan {p}", "the {p} veterinary team"), ("Balai Veteriner {p}", "the {p} veterinary station"),
)
#: an author's trade, (Indonesian, English), written before the name
V2_AUTHORS = (("penulis", "writer"), ("sejarawan", "historian"), ("koki", "chef"), ("wartawan", "journalist"))
V2_SPEAKERS = (("sekretaris desa", "village secretary"), ("manajer humas", "public relations manager"),
               ("pengamat ekonomi", "economist"), ("ketua RT", "neighbourhood head"))
#: what an author launches: (Indonesian, English with its article)
V2_BOOKS = (
    ("buku resep", "a cookbook"), ("kumpulan puisi", "a poetry collection"),
    ("buku cerita anak", "a children's book"), ("buku memoar", "a memoir"),
    ("buku panduan wisata", "a travel guide"), ("buku foto", "a photo book"),
)
#: charity drives: Indonesian name, English name, what they gather (Indonesian / English, {n} the count,
#: two verbs each), the counts drawn
V2_DRIVES = (
    ("aksi donor darah", "blood drive", ("mengumpulkan {n} kantong darah", "menghimpun {n} kantong darah"),
     ("collected {n} bags of blood", "gathered {n} bags of blood"), (150, 2400, 50)),
    ("bazar buku bekas", "used-book sale", ("menjual {n} buku", "melepas {n} buku kepada pembeli"),
     ("sold {n} books", "found buyers for {n} books"), (300, 9000, 100)),
    ("gerakan bersih pantai", "beach clean-up", ("mengangkut {n} kilogram sampah", "memungut {n} kilogram sampah"),
     ("removed {n} kilograms of litter", "picked up {n} kilograms of litter"), (200, 6000, 100)),
)
V2_FAIRS = (("festival layang-layang", "kite festival"), ("pameran kopi", "coffee fair"),
            ("festival kuliner", "food festival"), ("pekan budaya", "culture week"))
V2_FAIR_NAMES = ("Angin Timur", "Bintang Laut", "Pelangi Senja", "Kembang Sore", "Ombak Putih")
V2_PROJECTS = (("menara telekomunikasi", "a telecommunications tower"), ("taman kota baru", "a new city park"),
               ("instalasi air bersih", "a clean-water plant"), ("pelabuhan kapal nelayan", "a fishing port"))
#: the units of a compensation amount (whole numbers: "Rp 450 juta", "Rp 35 miliar")
V2_MULTIPLIERS = (("juta", "million"), ("miliar", "billion"))


def v2_entities() -> list[str]:
    """Every name the version-2 generators may write (for the disjointness test)."""
    names = [*V2_PLACES, *V2_PERSONS, *V2_FAIR_NAMES, *V2_SHIPS]
    names += [n for pair in V2_COMPANIES for n in pair]
    return names


@dataclass(frozen=True)
class _Fact:
    """The slots of one template fact; ``None`` means "not stated"."""

    kind: str
    who: tuple[str, str]  # (id, en) subject: an author's trade + name, a company or a livestock office
    place: str | None = None
    date: tuple[int, int, int] | None = None  # day, month 1-12, year
    weekday: int | None = None  # 0 = Monday
    time: int | None = None  # index in V2_TIMES
    count: int | None = None
    amount: tuple[int, int] | None = None  # (value, multiplier index): (35, 1) = 35 billion
    duration: int | None = None  # days, written as a number word
    obj: tuple[str, str] = ("", "")  # (id, en) object / event name
    partner: tuple[str, str] | None = None  # second organisation (who is paid compensation)
    drive: int = 0  # index in V2_DRIVES (charity drives)
    companion: str | None = None  # an added person ("together with ...")


def _num(n: int, lang_code: str) -> str:
    return f"{n:,}".replace(",", ".") if lang_code == "id" else f"{n:,}"


def _amount(a: tuple[int, int], lang_code: str) -> str:
    value, mult = a
    if lang_code == "id":
        return f"Rp {_num(value, 'id')} {V2_MULTIPLIERS[mult][0]}"
    return f"{_num(value, 'en')} {V2_MULTIPLIERS[mult][1]} rupiah"


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


#: renderings of one fact: 0 active, 1 passive, 2 the time fronted, 3 another verb
V2_STYLES = (0, 1, 2, 3)


def _say(f: _Fact, lang_code: str, style: int = 0) -> str:
    """The fact as one sentence in ``lang_code``; the styles (:data:`V2_STYLES`) paraphrase it."""
    when = _when(f, lang_code)
    if style == 2 and when:
        return f"{_cap(when.strip())}, {_say_body(f, lang_code, 0, '')}."
    return _cap(_say_body(f, lang_code, 0 if style == 2 else style, when)) + "."


def _say_body(f: _Fact, lang_code: str, style: int, when: str) -> str:
    """The sentence without its final full stop and without capitalising its first letter."""
    i = 0 if lang_code == "id" else 1
    who, obj = f.who[i], f.obj[i]
    where = "" if f.place is None else (f" di {f.place}" if i == 0 else f" in {f.place}")
    with_ = "" if f.companion is None else (f" bersama {f.companion}" if i == 0 else f" together with {f.companion}")
    if f.kind == "launch":
        if style == 1:
            if i == 0:
                return f"{obj} diluncurkan oleh {who}{where}{with_}{when}"
            return f"{obj.replace('a ', 'the ', 1)} was launched by {who}{where}{with_}{when}"
        if style == 3:
            if i == 0:
                return f"{who} menggelar peluncuran {obj}{where}{with_}{when}"
            return f"{who} held a launch event for {obj}{where}{with_}{when}"
        verb = "meluncurkan" if i == 0 else "launched"
        return f"{who} {verb} {obj}{where}{with_}{when}"
    if f.kind == "vaccinate":
        n = "" if f.count is None else _num(f.count, lang_code) + (" ekor " if i == 0 else " ")
        if style == 1 and i == 0:
            return f"{'sebanyak ' + n if n else ''}sapi{where} divaksin oleh {who}{when}"
        if style == 1:
            return f"{n}cattle{where} were vaccinated by {who}{when}"
        if style == 3:
            if i == 0:
                return f"{who} menyuntikkan vaksin kepada {n}sapi{where}{when}"
            return f"{who} inoculated {n}cattle{where}{when}"
        verb = "memvaksin" if i == 0 else "vaccinated"
        return f"{who} {verb} {n}{'sapi' if i == 0 else 'cattle'}{where}{when}"
    if f.kind == "compensation":
        worth = "" if f.amount is None else f" {'sebesar' if i == 0 else 'of'} {_amount(f.amount, lang_code)}"
        assert f.partner is not None
        other = f.partner[i]
        if style == 1:
            if i == 0:
                return f"ganti rugi{worth} dibayarkan oleh {who} kepada {other}{where}{when}"
            return f"compensation{worth} was paid by {who} to {other}{where}{when}"
        if style == 3:
            if i == 0:
                return f"{who} menyerahkan ganti rugi{worth} kepada {other}{where}{when}"
            return f"{who} handed over compensation{worth} to {other}{where}{when}"
        if i == 0:
            return f"{who} membayar ganti rugi{worth} kepada {other}{where}{when}"
        return f"{who} paid {other} compensation{worth}{where}{when}"
    if f.kind == "drive":
        words = None if f.duration is None else V2_NUMBER_WORDS[f.duration][i]
        length = ""
        if words is not None:
            length = f" selama {words} hari" if i == 0 else f" {'for' if style == 0 else 'over'} {words} days"
        gathered = ""
        if f.count is not None:
            verbs = V2_DRIVES[f.drive][2 + i]
            gathered = f" dan {verbs[style == 3]}" if i == 0 else f" and {verbs[style == 3]}"
            gathered = gathered.format(n=_num(f.count, lang_code))
        if i == 0:
            verb = {1: "diselenggarakan", 3: "diadakan"}.get(style, "berjalan" if length else "digelar")
            return f"{obj}{where} {verb}{length}{when}{gathered}"
        verb = {1: "took place", 3: "was organised"}.get(style, "went on" if length else "was held")
        return f"the {obj}{where} {verb}{length}{when}{gathered}"
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
        value, mult = f.amount
        if rng.random() < 0.4:  # another unit: "Rp 450 juta" -> "Rp 450 miliar"
            return replace(f, amount=(value, _other(rng, list(range(len(V2_MULTIPLIERS))), mult)))
        return replace(f, amount=(rng.choice([value * 2, value * 3, max(1, value // 2)]), mult))
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
    kind = rng.choice(["launch", "vaccinate", "compensation", "drive"])
    if kind == "launch":
        trade, person = rng.choice(V2_AUTHORS), rng.choice(V2_PERSONS)
        who = (f"{trade[0]} {person}", f"{trade[1]} {person}")
        f = _Fact(kind, who, place=place, date=date, obj=rng.choice(V2_BOOKS))
        return f, ["place", "person", "date"], ["place", "date"]
    if kind == "vaccinate":
        team = rng.choice(V2_VET_TEAMS)
        home = _other(rng, list(V2_PLACES), place)
        f = _Fact(kind, (team[0].format(p=home), team[1].format(p=home)), place=place,
                  weekday=rng.randrange(7), time=rng.randrange(len(V2_TIMES)), count=rng.randint(12, 480))
        return f, ["place", "weekday", "time of day", "count"], ["place", "weekday", "count"]
    if kind == "compensation":
        a, b = rng.sample(V2_COMPANIES, 2)
        mult = rng.randrange(len(V2_MULTIPLIERS))
        value = rng.randrange(100, 1000, 25) if mult == 0 else rng.randint(2, 95)
        f = _Fact(kind, a, partner=b, weekday=rng.randrange(7), amount=(value, mult))
        return f, ["organisation", "weekday", "amount"], ["weekday", "amount"]
    k = rng.randrange(len(V2_DRIVES))
    drive, organiser = V2_DRIVES[k], rng.choice(V2_COMPANIES)
    f = _Fact(kind, ("", ""), place=place, duration=rng.choice(list(V2_NUMBER_WORDS)),
              count=rng.randrange(*drive[4]), obj=(f"{drive[0]} {organiser[0]}", f"{organiser[1]} {drive[1]}"),
              drive=k)
    return f, ["place", "duration", "count"], ["place", "count", "duration"]


def v2_slot_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """Changed (contradiction), dropped (entailment), added (neutral) slots, and a paraphrase.

    The premise is told in a random style (:data:`V2_STYLES`); a changed fact in any style, so that
    other wording does not mean another fact; a dropped or added slot in the premise's style when
    both sides share a language (the hypothesis then only loses or gains words).
    """
    f, changeable, droppable = _v2_fact(rng)
    sp = rng.choice(V2_STYLES)
    premise = _say(f, pl, sp)
    for slot in changeable:
        changed = _say(_changed(rng, f, slot), hl, rng.choice(V2_STYLES))
        yield _pair(premise, changed, "contradiction", f"{slot} changed", pl, hl)
    for slot in droppable:
        label_slot = "date" if slot == "weekday" else slot
        sh = sp if pl == hl else rng.choice(V2_STYLES)
        yield _pair(premise, _say(_dropped(f, slot), hl, sh), "entailment", f"{label_slot} dropped", pl, hl)
        yield _pair(_say(_dropped(f, slot), pl, sp), _say(f, hl, sh), "neutral", f"{label_slot} added", pl, hl)
    other = [s for s in V2_STYLES if s != sp or pl != hl]
    for style in rng.sample(other, 2):  # two rewordings (the same one twice is dropped as a duplicate)
        yield _pair(premise, _say(f, hl, style), "entailment", "paraphrase", pl, hl)
    if f.kind == "launch":
        companion = _other(rng, list(V2_PERSONS), _person_of(f))
        yield _pair(premise, _say(replace(f, companion=companion), hl, sp), "neutral", "person added", pl, hl)


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
    while f.kind == "drive":
        f, _, _ = _v2_fact(rng)
    a, b = rng.sample(V2_PERSONS, 2)
    ra, rb = rng.sample(V2_SPEAKERS, 2)

    def said(lang_code: str, role: tuple[str, str], name: str, verb: str) -> str:
        fact = _say_body(f, lang_code, 0, _when(f, lang_code))  # not capitalised: "penulis ...", "the ..."
        if lang_code == "id":
            v = {"say": "mengatakan", "deny": "membantah bahwa"}[verb]
            return f"{_cap(role[0])} {name} {v} {fact}."
        v = {"say": "said", "deny": "denied that"}[verb]
        return f"{_cap(role[1])} {name} {v} {fact}."

    premise = said(pl, ra, a, "say")
    yield _pair(premise, _say(f, hl), "entailment", "attribution dropped", pl, hl)
    yield _pair(premise, said(hl, rb, b, "say"), "neutral", "attribution change", pl, hl)
    yield _pair(premise, said(hl, ra, a, "deny"), "contradiction", "attribution change", pl, hl)


# ---------------------------------------------------------------- version 2, more varied (2026-12)
# Money, durations, clock times and plans vs outcomes (the cross-lingual probe's weakest groups) in
# facts and wordings of our own: none is modelled on a probe item, and a test checks that no run of
# five words of the probes appears in what these generators write.

_ID_ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_EN_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int, lang_code: str) -> str:
    """1-99 in words: 25 -> 'dua puluh lima' / 'twenty-five'."""
    if not 1 <= n <= 99:
        raise ValueError(f"number_words: {n} is outside 1-99")
    tens, ones = divmod(n, 10)
    if lang_code == "id":
        if n < 10:
            return _ID_ONES[n]
        if n < 20:
            return {10: "sepuluh", 11: "sebelas"}.get(n, f"{_ID_ONES[ones]} belas")
        return f"{_ID_ONES[tens]} puluh" + (f" {_ID_ONES[ones]}" if ones else "")
    if n < 20:
        return _EN_ONES[n]
    return _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")


def _far(a: float, b: float, ratio: float) -> bool:
    """``a`` and ``b`` differ by at least the factor ``ratio``."""
    return max(a, b) >= ratio * min(a, b)


V2_BOUNDS = (("lebih dari", "more than"), ("kurang dari", "less than"))


def _threshold(rng: random.Random, x: float, bound: int, holds: bool, step: int = 1) -> int | None:
    """A round number (a multiple of ``step``) for "more than" (bound 0) / "less than" (bound 1) that
    ``x`` meets (``holds``) or not, at least a third away from ``x``; None if there is none."""
    above = (bound == 1) == holds  # the threshold lies above x
    if above:
        t = math.ceil(x * rng.choice((1.5, 2, 3)) / step) * step
    else:
        t = math.floor(x * rng.choice((0.4, 0.5, 0.6)) / step) * step
    return t if t >= step and _far(t, x, 4 / 3) else None


# ---------------------------------------------------------------- money
#: (Indonesian, English) money units; unit 0 (thousands) is for prices, which are written in full
V2_MONEY_UNITS = (("ribu", "thousand"), ("juta", "million"), ("miliar", "billion"), ("triliun", "trillion"))
#: how an amount is written: "Rp 1,5 miliar", "1,5 miliar rupiah", "dua miliar rupiah" (in words if it can)
V2_MONEY_FORMS = ("rp", "suffix", "words")
#: what a football club buys: (Indonesian, English)
V2_PLAYERS = (("penyerang", "striker"), ("penjaga gawang", "goalkeeper"), ("gelandang", "midfielder"),
              ("bek tengah", "centre-back"))
#: money facts: kind, Indonesian with and without the amount, English with and without it
V2_MONEY_FACTS = (
    ("transfer",
     "Klub sepak bola {p} membeli seorang {what} baru seharga {amt} pada {y}.",
     "Klub sepak bola {p} membeli seorang {what} baru pada {y}.",
     "The {p} football club bought a new {what} for {amt} in {y}.",
     "The {p} football club bought a new {what} in {y}."),
    ("fine",
     "Pengadilan Negeri {p} menjatuhkan denda {amt} kepada {co} karena mencemari sungai.",
     "Pengadilan Negeri {p} menjatuhkan denda kepada {co} karena mencemari sungai.",
     "The {p} district court fined {co} {amt} for polluting a river.",
     "The {p} district court fined {co} for polluting a river."),
    ("scholarship",
     "{co} memberikan beasiswa senilai {amt} kepada pelajar di {p}.",
     "{co} memberikan beasiswa kepada pelajar di {p}.",
     "{co} gave scholarships worth {amt} to students in {p}.",
     "{co} gave scholarships to students in {p}."),
    ("profit",
     "{co} membukukan laba bersih {amt} pada tahun buku {y}.",
     "{co} membukukan laba bersih pada tahun buku {y}.",
     "{co} reported a net profit of {amt} for the {y} financial year.",
     "{co} reported a net profit for the {y} financial year."),
    ("ticket",
     "Harga tiket masuk {fair} di {p} ditetapkan {amt} per orang.",
     "",
     "Admission to the {fair} in {p} costs {amt} per person.",
     ""),
)


@dataclass(frozen=True)
class _Money:
    """An amount of rupiah: ``tenths`` of ``V2_MONEY_UNITS[unit]`` ((15, 2) = 1.5 billion)."""

    tenths: int
    unit: int

    @property
    def value(self) -> int:
        """In hundreds of rupiah (exact, for comparisons)."""
        return self.tenths * 1000**self.unit


def _money(m: _Money, lang_code: str, form: str = "rp") -> str:
    i = 0 if lang_code == "id" else 1
    whole, frac = divmod(m.tenths, 10)
    if m.unit == 0:  # a price in thousands: "Rp 35.000", "35,000 rupiah", "35 ribu rupiah"
        assert frac == 0, m
        if form == "words":
            return f"{whole} {V2_MONEY_UNITS[0][i]} rupiah"
        digits = _num(whole * 1000, lang_code)
        return f"Rp {digits}" if form == "rp" else f"{digits} rupiah"
    unit = V2_MONEY_UNITS[m.unit][i]
    if form == "words" and frac == 0 and 1 <= whole <= 99:
        return f"{number_words(whole, lang_code)} {unit} rupiah"
    num = _num(whole, lang_code) + (f"{',' if i == 0 else '.'}{frac}" if frac else "")
    return f"Rp {num} {unit}" if form == "rp" else f"{num} {unit} rupiah"


def _money_for(rng: random.Random, kind: str) -> _Money:
    if kind == "ticket":
        return _Money(rng.randrange(10, 155, 5) * 10, 0)
    unit = rng.choice((2, 3) if kind == "profit" else (1, 2))
    if unit == 1:
        return _Money(rng.randrange(100, 1000, 25) * 10, 1)
    whole = rng.randint(1, 99)
    frac = rng.choice((0, 0, rng.randint(1, 9))) if whole < 10 else 0
    return _Money(whole * 10 + frac, unit)


def _money_changed(rng: random.Random, m: _Money) -> _Money:
    """Another amount, at least 20 % off: other digits, another unit, a slipped decimal point, or a
    conversion to the next smaller unit that is off by a factor of ten."""
    t, u = m.tenths, m.unit
    whole, frac = divmod(t, 10)
    step = 10 if u == 0 else 1  # prices stay in whole thousands
    cands = [_Money(t * 2, u), _Money(t // 2 // step * step, u), _Money(t + rng.choice((5, 10, 20)) * step, u)]
    if frac == 0 and 10 <= whole <= 99 and whole % 10 not in (0, whole // 10):
        cands.append(_Money((whole % 10 * 10 + whole // 10) * 10, u))  # digits swapped
    if u >= 1:
        cands += [_Money(t, v) for v in (1, 2, 3) if v != u]
        cands.append(_Money(t * 10, u) if t < 100 else _Money(t // 10, u))  # decimal point slipped
    if u >= 2:
        cands.append(_Money(t * 100, u - 1))  # "1,5 miliar" -> "150 juta"
    return rng.choice([c for c in cands if c.tenths >= step and _far(c.value, m.value, 1.2)])


def v2_money_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """An amount of money changed, restated (other notation or unit), bounded, dropped or added."""
    kind, id_with, id_without, en_with, en_without = rng.choice(V2_MONEY_FACTS)
    place, year = rng.choice(V2_PLACES), rng.randint(2016, 2026)
    co, what = rng.choice(V2_COMPANIES), rng.choice(V2_PLAYERS)
    fair, fair_name = rng.choice(V2_FAIRS), rng.choice(V2_FAIR_NAMES)
    fairs = (f"{fair[0]} {fair_name}", f"{fair_name} {fair[1]}")

    def say(lang_code: str, amount: str | None) -> str:
        i = 0 if lang_code == "id" else 1
        tpl = ((id_with, en_with) if amount is not None else (id_without, en_without))[i]
        return _cap(tpl.format(p=place, y=year, co=co[i], what=what[i], fair=fairs[i], amt=amount))

    m = _money_for(rng, kind)
    form = rng.choice(V2_MONEY_FORMS)
    premise = say(pl, _money(m, pl, form))
    for _ in range(2):
        changed = _money(_money_changed(rng, m), hl, rng.choice(V2_MONEY_FORMS))
        yield _pair(premise, say(hl, changed), "contradiction", "amount changed", pl, hl)
    if m.unit >= 1 and rng.random() < 0.5:  # "Rp 1,5 miliar" = "Rp 1.500 juta"
        restated = _money(_Money(m.tenths * 1000, m.unit - 1), hl, rng.choice(("rp", "suffix")))
    else:
        restated = _money(m, hl, rng.choice([f for f in V2_MONEY_FORMS if f != form or pl != hl]))
    yield _pair(premise, say(hl, restated), "entailment", "amount restated", pl, hl)
    bound, holds = rng.randrange(2), rng.random() < 0.5
    x = _threshold(rng, m.tenths / 10, bound, holds, step=5 if m.unit == 0 else 1)
    if x is not None:
        threshold = _money(_Money(x * 10, m.unit), hl, rng.choice(("rp", "suffix")))
        limit = f"{V2_BOUNDS[bound][0 if hl == 'id' else 1]} {threshold}"
        yield _pair(premise, say(hl, limit), "entailment" if holds else "contradiction", "amount bound", pl, hl)
    if id_without:
        yield _pair(premise, say(hl, None), "entailment", "amount dropped", pl, hl)
        added = say(hl, _money(m, hl, rng.choice(V2_MONEY_FORMS)))
        yield _pair(say(pl, None), added, "neutral", "amount added", pl, hl)


# ---------------------------------------------------------------- durations
#: (Indonesian, English singular) units of time
V2_DURATION_UNITS = (("menit", "minute"), ("jam", "hour"), ("hari", "day"), ("minggu", "week"),
                     ("bulan", "month"), ("tahun", "year"))
_UNIT_MINUTES = (1, 60, 1440, 10080, 43200, 525600)  # a month as 30 days: only to tell far-apart values
#: exact conversions: unit -> (smaller unit, factor, the largest count converted)
_DURATION_CONVERT = {1: (0, 60, 3), 2: (1, 24, 3), 3: (2, 7, 4), 5: (4, 12, 2)}
#: duration facts: kind, units, Indonesian with and without the duration, English with and without it
V2_DURATION_FACTS = (
    ("road", (1, 2, 3),
     "Jalan lingkar {p} ditutup untuk kendaraan selama {d}.",
     "Jalan lingkar {p} ditutup untuk kendaraan.",
     "The {p} ring road was closed to traffic for {d}.",
     "The {p} ring road was closed to traffic."),
    ("strike", (2, 3),
     "Pekerja gudang {co} di {p} mogok kerja selama {d}.",
     "Pekerja gudang {co} di {p} mogok kerja.",
     "Warehouse workers at {co} in {p} went on strike for {d}.",
     "Warehouse workers at {co} in {p} went on strike."),
    ("delay", (0, 1),
     "Keberangkatan {ship} dari Pelabuhan {p} tertunda {d}.",
     "Keberangkatan {ship} dari Pelabuhan {p} tertunda.",
     "The departure of the {ship} from {p} port was delayed by {d}.",
     "The departure of the {ship} from {p} port was delayed."),
    ("repair", (2, 3, 4),
     "{thing} di {p} diperbaiki selama {d}.",
     "{thing} di {p} diperbaiki.",
     "The {thing} in {p} was under repair for {d}.",
     "The {thing} in {p} was under repair."),
)
V2_SHIPS = ("KM Camar Biru", "KM Layar Kencana", "KM Lumba Perak", "KM Merak Jingga")
V2_REPAIRS = (("menara air", "water tower"), ("dermaga kayu", "wooden jetty"), ("balai desa", "village hall"),
              ("saluran irigasi", "irrigation canal"))
_DURATION_COUNTS = {0: (15, 20, 30, 40, 45, 50, 90), 1: tuple(range(2, 13)), 2: tuple(range(2, 15)),
                    3: tuple(range(1, 7)), 4: tuple(range(2, 12))}


def _duration(n: int, unit: int, lang_code: str, words: bool = False, pekan: bool = False) -> str:
    """'3 jam' / 'tiga jam' / 'three hours'; ``pekan``: Indonesian weeks as 'pekan'."""
    i = 0 if lang_code == "id" else 1
    name = "pekan" if pekan and unit == 3 and i == 0 else V2_DURATION_UNITS[unit][i]
    if i == 1 and n != 1:
        name += "s"
    return f"{number_words(n, lang_code) if words and n <= 99 else n} {name}"


def v2_duration_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """A duration changed (count or unit), restated (words, another unit), bounded, dropped or added."""
    _, units, id_with, id_without, en_with, en_without = rng.choice(V2_DURATION_FACTS)
    place, co = rng.choice(V2_PLACES), rng.choice(V2_COMPANIES)
    ship, thing = rng.choice(V2_SHIPS), rng.choice(V2_REPAIRS)

    def say(lang_code: str, d: str | None) -> str:
        i = 0 if lang_code == "id" else 1
        tpl = ((id_with, en_with) if d is not None else (id_without, en_without))[i]
        return _cap(tpl.format(p=place, co=co[i], ship=ship, thing=thing[i], d=d))

    def text(n: int, unit: int, lang_code: str) -> str:
        return _duration(n, unit, lang_code, words=rng.random() < 0.5, pekan=rng.random() < 0.5)

    unit = rng.choice(units)
    n = rng.choice(_DURATION_COUNTS[unit])
    small = _DURATION_CONVERT.get(unit)
    if small and rng.random() < 0.4:  # often a count that converts exactly: "2 hari" = "48 jam"
        n = rng.choice([c for c in _DURATION_COUNTS[unit] if c <= small[2]])
    minutes = n * _UNIT_MINUTES[unit]
    shown = (n, unit)  # how the premise writes it
    if small and n <= small[2] and rng.random() < 0.3:  # the premise in the smaller unit: "48 jam"
        shown = (n * small[1], small[0])
    words, pekan = rng.random() < 0.5, rng.random() < 0.5
    premise = say(pl, _duration(*shown, pl, words, pekan))
    # restated: the other unit of an exact conversion, or the same count in other words
    if shown != (n, unit):
        restated = text(n, unit, hl)
    elif small and n <= small[2] and rng.random() < 0.5:
        restated = text(n * small[1], small[0], hl)
    else:
        restated = _duration(*shown, hl, not words if pl == hl else rng.random() < 0.5, not pekan)
    yield _pair(premise, say(hl, restated), "entailment", "duration restated", pl, hl)
    # changed: another count, another unit, or a conversion that is off
    cands = [(m, unit) for m in (n + 1, n + 2, n * 2, n - 1, n // 2) if m >= 1]
    cands += [(n, u) for u in (unit - 1, unit + 1) if 0 <= u < len(V2_DURATION_UNITS)]
    if small and n <= small[2]:
        cands += [(n * small[1] + k, small[0]) for k in (-small[1] // 2, small[1] // 2)]
    cands = [c for c in cands if _far(c[0] * _UNIT_MINUTES[c[1]], minutes, 1.15)]
    for c in rng.sample(cands, 2):
        yield _pair(premise, say(hl, text(*c, hl)), "contradiction", "duration changed", pl, hl)
    bound, holds = rng.randrange(2), rng.random() < 0.5
    x = _threshold(rng, n, bound, holds)
    if x is not None:
        limit = f"{V2_BOUNDS[bound][0 if hl == 'id' else 1]} {text(x, unit, hl)}"
        yield _pair(premise, say(hl, limit), "entailment" if holds else "contradiction", "duration bound", pl, hl)
    yield _pair(premise, say(hl, None), "entailment", "duration dropped", pl, hl)
    yield _pair(say(pl, None), say(hl, text(n, unit, hl)), "neutral", "duration added", pl, hl)


# ---------------------------------------------------------------- clock times
#: parts of the day: Indonesian, English (with the weekday as {d}), the hours that fall clearly inside
V2_DAY_PARTS = (
    ("dini hari", "in the early hours of {d}", (1, 2, 3)),
    ("pagi", "on {d} morning", (6, 7, 8, 9)),
    ("sore", "on {d} afternoon", (15, 16, 17)),
    ("malam", "on {d} evening", (19, 20, 21, 22)),
)
#: clock facts, Indonesian and English; {t} is the time ("pada Kamis pukul 07.30", "at 7:30 a.m. on Thursday")
V2_CLOCK_FACTS = (
    ("{ship} berangkat dari Pelabuhan {p} {t}.", "The {ship} left {p} port {t}."),
    ("DPRD {p} membuka sidang anggaran {t}.", "The {p} regional council opened its budget session {t}."),
    ("Konser amal {name} di {p} dimulai {t}.", "The {name} charity concert in {p} began {t}."),
    ("Pencuri membobol kantor {co} di {p} {t}.", "Thieves broke into the {co} office in {p} {t}."),
)
#: how a clock time is written: "clock" (id "pukul 19.30", en "7:30 p.m."), "clock+part" ("pukul 7.30
#: malam", "7:30 on Thursday evening"), "part" ("Kamis malam", "Thursday evening"), "day" (weekday only)
V2_CLOCK_FORMS = ("clock", "clock+part")


def _part_of(hour: int) -> int | None:
    return next((k for k, part in enumerate(V2_DAY_PARTS) if hour in part[2]), None)


def _clock(lang_code: str, day: int, hour: int | None, minute: int, form: str) -> str:
    """The time phrase (leading space included) of a clock fact."""
    i = 0 if lang_code == "id" else 1
    name = V2_DAYS[day][i]
    part = None if hour is None else _part_of(hour)
    h12 = 0 if hour is None else (hour - 1) % 12 + 1
    if form == "day" or hour is None:
        return f" pada {name}" if i == 0 else f" on {name}"
    if form == "part":
        assert part is not None
        return f" pada {name} {V2_DAY_PARTS[part][0]}" if i == 0 else " " + V2_DAY_PARTS[part][1].format(d=name)
    if form == "clock+part" and part is not None:
        if i == 0:
            return f" pada {name} pukul {h12}.{minute:02d} {V2_DAY_PARTS[part][0]}"
        return f" at {h12}:{minute:02d} " + V2_DAY_PARTS[part][1].format(d=name)
    if i == 0:
        return f" pada {name} pukul {hour:02d}.{minute:02d}"
    return f" at {h12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'} on {name}"


def v2_clock_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """A clock time restated (other notation, its part of the day), changed, dropped or added."""
    id_tpl, en_tpl = rng.choice(V2_CLOCK_FACTS)
    place, co = rng.choice(V2_PLACES), rng.choice(V2_COMPANIES)
    ship, name = rng.choice(V2_SHIPS), rng.choice(V2_FAIR_NAMES)
    day, part = rng.randrange(7), rng.randrange(len(V2_DAY_PARTS))
    hour, minute = rng.choice(V2_DAY_PARTS[part][2]), rng.choice((0, 10, 15, 20, 30, 40, 45, 50))

    def say(lang_code: str, h: int | None, form: str) -> str:
        tpl = id_tpl if lang_code == "id" else en_tpl
        t = _clock(lang_code, day, h, minute, form).strip()
        return _cap(tpl.format(p=place, co=co[0 if lang_code == "id" else 1], ship=ship, name=name, t=t))

    form = rng.choice(V2_CLOCK_FORMS)
    premise = say(pl, hour, form)
    other_form = rng.choice([f for f in V2_CLOCK_FORMS if f != form or pl != hl])
    yield _pair(premise, say(hl, hour, other_form), "entailment", "time of day restated", pl, hl)
    yield _pair(premise, say(hl, hour, "part"), "entailment", "time of day restated", pl, hl)
    other_part = _other(rng, list(range(len(V2_DAY_PARTS))), part)
    other_hour = rng.choice(V2_DAY_PARTS[other_part][2])
    if rng.random() < 0.5 and _part_of((hour + 12) % 24) is not None:
        other_hour = (hour + 12) % 24  # a.m. / p.m. swapped: "7:30 a.m." for 19.30
    changed = say(hl, other_hour, rng.choice(V2_CLOCK_FORMS))
    yield _pair(premise, changed, "contradiction", "time of day changed", pl, hl)
    yield _pair(premise, say(hl, other_hour, "part"), "contradiction", "time of day changed", pl, hl)
    yield _pair(premise, say(hl, None, "day"), "entailment", "time of day dropped", pl, hl)
    told_part = say(pl, hour, "part")
    yield _pair(told_part, say(hl, hour, rng.choice(V2_CLOCK_FORMS)), "neutral", "time of day added", pl, hl)
    yield _pair(told_part, say(hl, other_hour, "clock"), "contradiction", "time of day changed", pl, hl)


# ---------------------------------------------------------------- plans and outcomes
#: what is planned or done: subject kind ("co" company, "gov" city government), Indonesian verb phrase,
#: English infinitive, English past participle ({n} a count, {q} another place)
V2_PLAN_ACTIONS = (
    ("gov", "merekrut {n} tenaga kesehatan", "hire {n} health workers", "hired {n} health workers"),
    ("co", "memindahkan kantor pusatnya ke {q}", "move its head office to {q}", "moved its head office to {q}"),
    ("gov", "meluncurkan aplikasi pembayaran pajak", "launch a tax payment app", "launched a tax payment app"),
    ("gov", "mengganti {n} lampu jalan dengan lampu LED", "replace {n} street lights with LED lamps",
     "replaced {n} street lights with LED lamps"),
    ("co", "menanam {n} pohon di bantaran sungai", "plant {n} trees along the riverbank",
     "planted {n} trees along the riverbank"),
    ("co", "membuka kantor cabang di {q}", "open a branch office in {q}", "opened a branch office in {q}"),
)
#: {s} subject, {v} Indonesian verb phrase / English infinitive, {pp} English participle, {w} when
V2_PLAN_FORMS = (
    ("{s} berencana {v}{w}.", "{s} akan {v}{w}.", "Rencananya, {s} akan {v}{w}.", "{s} menargetkan untuk {v}{w}."),
    ("{s} plans to {v}{w}.", "{s} will {v}{w}.", "{s} intends to {v}{w}.", "{s} is set to {v}{w}."),
)
V2_DONE_FORMS = (("{s} telah {v}{w}.", "{s} sudah {v}{w}."), ("{s} {pp}{w}.", "{s} has {pp}."))
V2_NOT_DONE_FORMS = (("{s} belum {v}.", "Hingga kini {s} belum {v}."), ("{s} has not {pp} yet.", "{s} has yet to {v}."))
V2_CANCEL_FORMS = (("{s} membatalkan rencana untuk {v}.", "{s} batal {v}."),
                   ("{s} has called off its plan to {v}.", "{s} scrapped its plan to {v}."))


def v2_plan_outcome_pairs(rng: random.Random, pl: str, hl: str) -> Iterator[V2Pair]:
    """A plan does not tell its outcome (neutral); done, not done and called off exclude each other."""
    kind, id_vp, en_vp, en_pp = rng.choice(V2_PLAN_ACTIONS)
    place = rng.choice(V2_PLACES)
    co = rng.choice(V2_COMPANIES)
    subject = (co if kind == "co" else (f"Pemerintah Kota {place}", f"the {place} city government"))
    slots = {"n": _num(rng.randrange(20, 900, 10), "id"), "q": _other(rng, list(V2_PLACES), place)}
    month, year = rng.randint(1, 12), rng.randint(2024, 2028)

    def say(forms: tuple[tuple[str, ...], tuple[str, ...]], lang_code: str, k: int | None = None,
            when: bool = True, n: str | None = None) -> str:
        i = 0 if lang_code == "id" else 1
        pick = forms[i][rng.randrange(len(forms[i])) if k is None else k % len(forms[i])]
        fill = {**slots, "n": n or slots["n"]}
        if i == 1:
            fill["n"] = fill["n"].replace(".", ",")
        w = ""
        if when:
            w = f" pada {MONTHS[month - 1]} {year}" if i == 0 else f" in {V2_MONTHS_EN[month - 1]} {year}"
        verb = (id_vp if i == 0 else en_vp).format(**fill)
        return _cap(pick.format(s=subject[i], v=verb, pp=en_pp.format(**fill), w=w))

    k = rng.randrange(4)
    plan = say(V2_PLAN_FORMS, pl, k)
    done = say(V2_DONE_FORMS, pl, 0)
    yield _pair(plan, say(V2_DONE_FORMS, hl), "neutral", "plan vs outcome", pl, hl)
    yield _pair(done, say(V2_NOT_DONE_FORMS, hl), "contradiction", "plan vs outcome", pl, hl)
    yield _pair(done, say(V2_CANCEL_FORMS, hl), "contradiction", "plan vs outcome", pl, hl)
    yield _pair(say(V2_CANCEL_FORMS, pl), say(V2_DONE_FORMS, hl), "contradiction", "plan vs outcome", pl, hl)
    other = [j for j in range(4) if j != k or pl != hl]
    yield _pair(plan, say(V2_PLAN_FORMS, hl, rng.choice(other)), "entailment", "paraphrase", pl, hl)
    yield _pair(done, say(V2_DONE_FORMS, hl, 1, when=False), "entailment", "date dropped", pl, hl)
    if "{n}" in id_vp:
        count = int(slots["n"].replace(".", ""))
        n2 = _num(rng.choice((count * 2, count + 50, count // 2)), "id")
        yield _pair(plan, say(V2_PLAN_FORMS, hl, n=n2), "contradiction", "count changed", pl, hl)


V2_GENERATORS = (
    v2_slot_pairs, v2_plan_pairs, v2_attribution_pairs,
    v2_money_pairs, v2_duration_pairs, v2_clock_pairs, v2_plan_outcome_pairs,
)
#: how often each generator is drawn (the first three alone were 6, 1, 2 until 2026-12)
V2_WEIGHTS = (6, 1, 2, 3, 3, 3, 2)


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
        gen = rng.choices(V2_GENERATORS, weights=V2_WEIGHTS)[0]
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
