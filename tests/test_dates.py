from datetime import date

import pytest

from factcheck.normalize.dates import find_dates, find_publication_date, weekday_mismatch

PUB = date(2023, 9, 5)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "published", "lo", "hi", "precision"),
    [
        ("bertemu pada 13 Juli 2023.", None, date(2023, 7, 13), date(2023, 7, 13), "day"),
        ("pada hari Rabu (13 Juli 2023).", None, date(2023, 7, 13), date(2023, 7, 13), "day"),
        ("melansir NYT, Selasa, 5 September 2023.", None, date(2023, 9, 5), date(2023, 9, 5), "day"),
        ("Putin tiba Rabu (19/06/2024) malam.", None, date(2024, 6, 19), date(2024, 6, 19), "time"),
        ("April 25, 2024", None, date(2024, 4, 25), date(2024, 4, 25), "day"),
        ("Kirby mengatakan pada 30 Agustus bahwa", PUB, date(2023, 8, 30), date(2023, 8, 30), "day"),
        ("berencana ke Rusia pada bulan September untuk", PUB, date(2023, 9, 1), date(2023, 9, 30), "month"),
        ("menginvasi Ukraina pada Februari 2022", None, date(2022, 2, 1), date(2022, 2, 28), "month"),
        ("kata juru bicara bulan lalu", PUB, date(2023, 8, 1), date(2023, 8, 31), "month"),
        ("perjalanan ke Vladivostok bulan ini", PUB, date(2023, 9, 1), date(2023, 9, 30), "month"),
        ("Pekan lalu, sekretaris pers", PUB, date(2023, 8, 28), date(2023, 9, 3), "week"),
        ("mulai pekan depan", PUB, date(2023, 9, 11), date(2023, 9, 17), "week"),
        ("Kremlin mengumumkan Senin.", PUB, date(2023, 9, 4), date(2023, 9, 4), "day"),
        ("diresmikan kemarin di Halim", date(2023, 10, 3), date(2023, 10, 2), date(2023, 10, 2), "day"),
        ("berakhir pada tahun 1953 dengan", None, date(1953, 1, 1), date(1953, 12, 31), "year"),
        ("diresmikan Minggu (1/10/2023) di", None, date(2023, 10, 1), date(2023, 10, 1), "day"),
    ],
)
def test_find_dates_resolves(text, published, lo, hi, precision):
    found = find_dates(text, published)
    assert len(found) == 1, found
    assert (found[0].lo, found[0].hi, found[0].precision) == (lo, hi, precision)


@pytest.mark.parametrize("text", ["Kremlin mengumumkan Senin.", "pekan lalu", "bulan ini"])
def test_relative_dates_stay_unresolved_without_publication_date(text):
    (m,) = find_dates(text, None)
    assert m.relative and not m.resolved


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        # the weekday holds only in the year before the page's date: a page first published then
        ("Final itu digelar pada Jumat (16/8) di Denpasar.", date(2025, 7, 26), date(2024, 8, 16)),
        ("The final was played on Friday (August 16) in Denpasar.", date(2025, 7, 26), date(2024, 8, 16)),
        ("On Monday (August 26), the talks began.", date(2025, 8, 19), date(2024, 8, 26)),
        # it holds in the page's own year, or in neither (a wrong weekday, reported as such): that year
        ("Rapat digelar pada Selasa (10/6) di Jakarta.", date(2025, 6, 19), date(2025, 6, 10)),
        ("Rapat digelar pada Rabu (10/6) di Jakarta.", date(2025, 6, 19), date(2025, 6, 10)),
        ("The meeting was held on Tuesday, June 10 in Jakarta.", date(2025, 6, 19), date(2025, 6, 10)),
    ],
)
def test_a_weekday_can_date_a_day_written_without_its_year(text: str, published: date, day: date) -> None:
    (m,) = find_dates(text, published, langs=["id", "en"])
    assert m.lo == day


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("pada hari Rabu (13 Juli 2023).", "13 Juli 2023 was a Kamis, not a Rabu"),
        ("diresmikan Selasa (2/10/2023).", "2 Oktober 2023 was a Senin, not a Selasa"),
        ("Selasa, 5 September 2023.", None),
        ("pada Selasa (18/06/2024) di", None),
    ],
)
def test_weekday_mismatch(text, problem):
    (m,) = find_dates(text)
    assert weekday_mismatch(m) == problem


def test_month_and_day_conflict_but_overlapping_do_not():
    (day,) = find_dates("pada 13 Juli 2023")
    (month,) = find_dates("pada bulan September", PUB)
    (same,) = find_dates("pada 13 September 2023")
    assert day.conflicts(month) and not same.conflicts(month)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 25, 2024\n\nPensiunan Letjen Mark Hertling memperingatkan", (date(2024, 4, 25), "header")),
        ("Senin, 2 Oktober 2023\n\nBANDUNG — Presiden meresmikan", (date(2023, 10, 2), "header")),
        ("Judul\nKim akan ke Vladivostok, mengutip sumber, Selasa, 5 September 2023.", (date(2023, 9, 5), "dateline")),
        ("Putin akan ke Vietnam pada Rabu (19/06/2024) malam.", (date(2024, 6, 19), "inline")),
        ("Tidak ada tanggal di sini sama sekali.", None),
    ],
)
def test_find_publication_date(text, expected):
    assert find_publication_date(text) == expected


@pytest.mark.parametrize(
    ("text", "lang", "day", "minute"),
    [
        # a word of approximation between the day and the clock does not unbind them
        ("Kapal terbakar pada Sabtu (20/6/2026) sekitar pukul 02.40 WIT.", "id", date(2026, 6, 20), 160),
        ("The ferry caught fire on Saturday at around 4 a.m. local time.", "en", date(2026, 6, 20), 240),
        ("El fuego se declaró el domingo 21 de junio, hacia las 2.40 hora local.", "es", date(2026, 6, 21), 160),
        # a clock time right after a part of the day narrows it
        ("Api muncul pada Jumat (19/6/2026) malam sekitar pukul 23.30 WIT.", "id", date(2026, 6, 19), 1410),
        # the night before a day, then a small hour: that day's small hours
        ("Das Feuer brach in der Nacht zum Samstag gegen 2.40 Uhr Ortszeit aus.", "de", date(2026, 6, 20), 160),
        # a weekday glued to its part of the day, as German writes it
        ("Das Feuer brach am Samstagmorgen gegen 2.40 Uhr Ortszeit aus.", "de", date(2026, 6, 20), 160),
    ],
)
def test_a_time_of_day_binds_to_its_day(text: str, lang: str, day: date, minute: int) -> None:
    (d,) = find_dates(text, date(2026, 6, 22), lang)
    assert (d.lo, d.time_lo, d.time_hi) == (day, minute, minute + 1)


def test_times_far_from_a_day_or_outside_its_part_stay_apart() -> None:
    (d,) = find_dates("Jumat (19/6/2026) malam, kata petugas yang tiba pukul 09.00.", date(2026, 6, 22), "id")
    assert (d.time_lo, d.time_hi) == (18 * 60, 24 * 60)  # the clock belongs to another clause
    (d,) = find_dates("Jumat (19/6/2026) malam pukul 09.00.", date(2026, 6, 22), "id")
    assert (d.time_lo, d.time_hi) == (18 * 60, 24 * 60)  # 09.00 is not inside the evening
    first = find_dates("Kapal tiba Sabtu (20/6/2026) dan berangkat kira-kira tiga hari kemudian pukul 10.00.",
                       date(2026, 6, 22), "id")[0]
    assert first.lo == date(2026, 6, 20) and not first.has_time


def test_times_of_day_in_one_zone_get_no_slack() -> None:
    (night,) = find_dates("Banjir melanda desa itu pada Selasa (10/11/2026) malam.", date(2026, 11, 11), "id")
    (small_hours,) = find_dates("Bencana terjadi pada Rabu (11/11/2026) dini hari.", date(2026, 11, 12), "id")
    assert night.agrees(small_hours)  # written in zones not stated: maybe one moment
    assert not night.agrees(small_hours, same_zone=True)  # one zone: two days
    (clock,) = find_dates("Kapal terbakar pada Sabtu (20/6/2026) sekitar pukul 02.40 WIT.", date(2026, 6, 21), "id")
    (part,) = find_dates("Kapal terbakar pada Sabtu (20/6/2026) dini hari.", date(2026, 6, 21), "id")
    assert clock.agrees(part, same_zone=True)  # the zone stated on one side is the other's too


def test_clock_times_alone_or_with_their_day() -> None:
    from factcheck.normalize.dates import find_times

    (alone,) = find_times("The fire broke out shortly after 4 a.m. local time on the deck.", "en")
    assert (alone.minute, alone.approximate) == (240, True)
    (bound,) = find_times("Kapal terbakar pada Sabtu (20/6/2026) sekitar pukul 02.40 WIT.", "id")
    assert (bound.minute, bound.tz_offset, bound.approximate) == (160, 9 * 60, True)
    (german,) = find_times("Das Feuer brach gegen 2.40 Uhr aus.", "de")
    assert not german.agrees(alone) and german.agrees(bound)  # 02:40 local; four o'clock is not
    assert find_times("Warga mengungsi pada Selasa malam.", "id") == []  # a part of the day is no clock time
    two = find_times("Kapal berangkat pukul 21.00 WIT dan dijadwalkan tiba pukul 06.00 WIT.", "id")
    assert [t.minute for t in two] == [21 * 60, 6 * 60]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warta Lorong | Pertama terbit: Rabu, 11 Maret 2026 | Diperbarui: Selasa, 15 September 2026\n\nBody.",
         date(2026, 3, 11)),
        ("By Ana Ruiz. First published March 11, 2026\n\nBody.", date(2026, 3, 11)),
        ("Publicado el 11 de marzo de 2026 | Actualizado el 15 de septiembre de 2026\n\nCuerpo.", date(2026, 3, 11)),
        ("Diperbarui 3 jam lalu\n\nBadan berita.", None),  # a relative stamp: nothing to go by
        ("Selasa, 15 September 2026\n\nBadan berita.", None),  # one date, no cue
    ],
)
def test_first_publication_from_a_stamp_that_says_the_page_was_updated(text: str, expected: date | None) -> None:
    from factcheck.normalize.dates import find_first_publication

    assert find_first_publication(text) == expected


def test_an_updated_page_reads_its_relative_dates_from_the_day_it_was_written(tmp_path) -> None:
    from factcheck.claims import extract_claims
    from factcheck.corpus import load_corpus

    (tmp_path / "a.md").write_text(
        "---\ntitle: Banjir\npublished: 2026-09-15\nlanguage: id\n---\n\n"
        "Warta Lorong | Pertama terbit: Rabu, 11 Maret 2026 | Diperbarui: Selasa, 15 September 2026\n\n"
        "Banjir bandang melanda Desa Wairana kemarin dan merusak dua puluh rumah warga.\n",
        encoding="utf-8",
    )
    (art,) = load_corpus([tmp_path])
    assert art.published == date(2026, 9, 15) and art.written == date(2026, 3, 11) and art.anchor == art.written
    (claim,) = [c for c in extract_claims(art) if "kemarin" in c.text]
    assert [d.lo for d in claim.dates] == [date(2026, 3, 10)]


@pytest.mark.parametrize(
    ("text", "lang", "days"),
    [
        ("El puente se derrumbó en la mañana del 8 de octubre.", "es", [date(2026, 10, 8)]),  # the morning
        ("La reunión será mañana en Madrid.", "es", [date(2026, 10, 10)]),  # tomorrow
        ("Die Brücke stürzte am Morgen des 8. Oktober ein.", "de", [date(2026, 10, 8)]),
        ("Das Treffen ist morgen in Berlin.", "de", [date(2026, 10, 10)]),
        ("Er sagte heute Morgen, die Brücke sei gesperrt.", "de", [date(2026, 10, 9)]),  # this morning
    ],
)
def test_a_part_of_the_day_is_no_relative_day(text: str, lang: str, days: list[date]) -> None:
    assert [d.lo for d in find_dates(text, date(2026, 10, 9), lang)] == days


@pytest.mark.parametrize(("text", "lang", "minute"), [
    ("Le volcan est entré en éruption vers 5 h 50, heure locale.", "fr", 5 * 60 + 50),
    ("L'alerte a été levée à 17h.", "fr", 17 * 60),
    ("Der Vulkan brach um 20.52 Uhr MESZ aus.", "de", 20 * 60 + 52),
    ("È esploso poco prima delle 4 ora locale.", "it", 4 * 60),
    ("O vulcão entrou em erupção às 3h52.", "pt", 3 * 60 + 52),
])  # fmt: skip
def test_clock_times_written_with_an_hour_mark_or_a_bare_hour_in_local_time(text: str, lang: str, minute: int) -> None:
    from factcheck.normalize.dates import find_times

    (t,) = find_times(text, lang)
    assert t.minute == minute


@pytest.mark.parametrize(("text", "lang"), [
    ("Les secours travaillent 24 h sur 24.", "fr"),  # a duration, no lead word: no time
    ("Il a reçu 5 h de soins.", "fr"),
    ("Delle 3.500 persone evacuate, 40 sono rientrate.", "it"),  # a figure after "delle"
    ("Der Zug hatte 12 Waggons.", "de"),
])  # fmt: skip
def test_figures_are_no_clock_times(text: str, lang: str) -> None:
    from factcheck.normalize.dates import find_times

    assert find_times(text, lang) == []


def test_a_clock_time_is_no_figure_of_the_claim() -> None:
    from factcheck.claims import extract_claims
    from factcheck.corpus import Article

    def units(text: str, language: str) -> set[tuple[float, str]]:
        art = Article(id="x", path="x.txt", text=text, title="x", source="x", published=date(2027, 6, 10),
                      published_from="front matter", language=language, language_stated=True)  # fmt: skip
        return {(q.value, q.unit) for c in extract_claims(art) for q in c.quantities}

    assert units("Der Vulkan brach um 20.52 Uhr aus, 4500 Menschen flohen.", "de") == {(4500, "people")}
    assert units("Il vulcano è esploso alle 4 ora locale e 3.500 persone sono fuggite.", "it") == {(3500, "people")}


def test_a_local_time_given_with_its_moment_in_another_zone_takes_the_zone_that_makes_them_one() -> None:
    from factcheck.normalize.dates import find_times

    local, gmt = find_times("The eruption began at 3.52 a.m. local time (1852 GMT on Wednesday).", "en")
    assert (local.tz_offset, gmt.minute, gmt.tz_offset) == (9 * 60, 18 * 60 + 52, 0)
    (cest,) = find_times("Der Vulkan brach am Mittwochabend um 20.52 Uhr MESZ aus.", "de")
    (wit,) = find_times("Gunung itu meletus pukul 03.52 WIT.", "id")
    assert local.agrees(cest) and local.agrees(wit) and cest.agrees(wit)
    (alone,) = find_times("The eruption began at 3.52 a.m. local time.", "en")
    assert alone.tz_offset is None and not alone.agrees(cest)  # no zone known: read as local times
    assert find_times("Some 1852 people fled.", "en") == []  # four digits without a zone: a figure


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("The airport will reopen next Saturday.", "en", 12),
    ("Bandara dibuka kembali Sabtu depan.", "id", 12),
    ("El aeropuerto reabrirá el próximo sábado.", "es", 12),
    ("Der Flughafen öffnet am nächsten Samstag.", "de", 12),
    ("L'aéroport rouvrira samedi prochain.", "fr", 12),
    ("The airport reopened last Saturday.", "en", 5),
    ("Bandara dibuka Sabtu lalu.", "id", 5),
    ("The airport reopened on Saturday.", "en", 5),  # no word says which: the last one (news reports the past)
    ("The talks resume next Friday.", "en", 18),  # written on a Friday: a week on
])  # fmt: skip
def test_a_weekday_with_next_or_last_next_to_it(text: str, lang: str, day: int) -> None:
    (d,) = find_dates(text, date(2027, 6, 11), lang)  # a Friday
    assert d.lo == date(2027, 6, day)


def test_a_planned_bare_weekday_is_the_coming_one() -> None:
    from factcheck.normalize.dates import planned_weekday

    written = date(2027, 9, 13)  # a Monday
    text = "The agreement is expected to be signed on Wednesday in Lunggasari."
    (d,) = find_dates(text, written, "en")
    assert d.lo == date(2027, 9, 8)  # read as the last Wednesday ...
    assert planned_weekday(text, d, written, "en").lo == date(2027, 9, 15)  # ... planned: the coming one
    (last,) = find_dates("It was to be signed last Wednesday.", written, "en")
    assert planned_weekday("It was to be signed last Wednesday.", last, written, "en") == last
    (same,) = find_dates("Penandatanganan dijadwalkan pada Rabu.", date(2027, 9, 15), "id")  # written on a Wednesday
    assert planned_weekday("Penandatanganan dijadwalkan pada Rabu.", same, date(2027, 9, 15), "id") == same


@pytest.mark.parametrize(("text", "lang", "minute"), [
    ("Se reunieron en el palacio a partir de las 9.00 hora local.", "es", 9 * 60),
    ("Las conversaciones empezaron desde las 10.15 en el palacio.", "es", 10 * 60 + 15),
    ("A cerimônia começou a partir das 19.40 no aeroporto.", "pt", 19 * 60 + 40),
    ("The motorcade arrived at the palace, 9.30 local time, under heavy rain.", "en", 9 * 60 + 30),
])  # fmt: skip
def test_clock_times_after_more_lead_words_or_before_local_time(text: str, lang: str, minute: int) -> None:
    from factcheck.normalize.dates import find_times

    (t,) = find_times(text, lang)
    assert t.minute == minute


def test_a_figure_after_a_lead_article_is_no_clock_time() -> None:
    from factcheck.normalize.dates import find_times

    assert find_times("Evacuaron a las 3.500 personas del barrio.", "es") == []


@pytest.mark.parametrize(
    ("text", "lang", "lo", "hi", "precision"),
    [
        # a count of weeks back: from N+1 to N-1 weeks before the page (counts of weeks are rounded)
        ("Enam pekan sebelumnya, majelis yang sama memvonis kontraktor itu.", "id",
         date(2023, 7, 18), date(2023, 8, 1), "week"),
        ("Dua pekan lalu, banjir melanda desa itu.", "id", date(2023, 8, 15), date(2023, 8, 29), "week"),
        ("Six weeks earlier, a panel of the same court jailed the contractor.", "en",
         date(2023, 7, 18), date(2023, 8, 1), "week"),
        ("Hace tres meses, el tribunal lo condenó.", "es", date(2023, 5, 1), date(2023, 7, 31), "month"),
        ("Vor zwei Jahren wurde er verurteilt.", "de", date(2021, 1, 1), date(2021, 12, 31), "year"),
        ("Il y a deux ans, il a été condamné.", "fr", date(2021, 1, 1), date(2021, 12, 31), "year"),
        ("Tiga tahun silam, banjir serupa melanda desa itu.", "id", date(2020, 1, 1), date(2020, 12, 31), "year"),
    ],
)  # fmt: skip
def test_a_count_of_weeks_months_or_years_back(text: str, lang: str, lo: date, hi: date, precision: str) -> None:
    (m,) = find_dates(text, PUB, langs=[lang])
    assert m.kind == "counted" and m.relative
    assert (m.lo, m.hi, m.precision) == (lo, hi, precision)


@pytest.mark.parametrize(
    "text", ["Pengungsi bertahan selama tiga bulan di posko.", "The trial lasted six weeks.", "tiga pekan ke depan"]
)
def test_a_count_of_weeks_without_a_word_saying_back_is_no_date_back(text: str) -> None:
    assert all(m.kind != "counted" for m in find_dates(text, PUB, langs=["id", "en"]))


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        # where morning begins is a convention: 04.52 is "pagi" as well as "dini hari"
        ("Kamis (12/9/2030) pagi", "Kamis (12/9/2030) pukul 04.52", True),
        ("Kamis (12/9/2030) pagi", "Kamis (12/9/2030) pukul 03.30", False),
        # midnight is no convention: Tuesday night is not the early hours of Wednesday
        ("Selasa (10/11/2026) malam", "Rabu (11/11/2026) dini hari", False),
        ("Selasa (10/11/2026) malam", "Rabu (11/11/2026) pukul 00.20", False),
    ],
)
def test_a_part_of_the_day_reaches_an_hour_past_its_edges_within_its_day(a: str, b: str, agree: bool) -> None:
    (x,), (y,) = find_dates(a, date(2030, 9, 12), "id"), find_dates(b, date(2030, 9, 12), "id")
    assert x.agrees(y, True) is agree and y.agrees(x, True) is agree
