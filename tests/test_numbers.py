import pytest

from factcheck.normalize.numbers import find_quantities, parse_digits, parse_number_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("dua", 2),
        ("sebelas", 11),
        ("dua belas", 12),
        ("tiga ratus lima puluh", 350),
        ("seratus", 100),
        ("sembilan", 9),
        ("empat puluh lima", 45),
        ("bukan angka", None),
    ],
)
def test_number_words(text, value):
    assert parse_number_words(text) == value


@pytest.mark.parametrize(("text", "value"), [("1.200", 1200), ("7,3", 7.3), ("1.200,5", 1200.5), ("142,3", 142.3)])
def test_indonesian_digits(text, value):
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "value", "qualifier"),
    [
        ("perjalanan 683 mil yang", "683 mil", "km", 683 * 1.609344, None),
        ("dengan kecepatan 37 mil per jam.", "37 mil per jam", "km/h", 37 * 1.609344, None),
        ("amunisi yang dapat mencapai hampir 5 juta peluru artileri", "hampir 5 juta peluru", "peluru", 5e6, "hampir"),
        ("menempuh perjalanan dua hari untuk tiba", "dua hari", "s", 2 * 86400, None),
        ("peluncur roket ganda 240 milimeter, yang", "240 milimeter", "mm", 240, None),
        ("jangkauan diperkirakan hingga 70 kilometer.", "hingga 70 kilometer", "km", 70, "hingga"),
        ("melaju hingga 350 km/jam.", "hingga 350 km/jam", "km/h", 350, "hingga"),
        ("biaya mencapai US$7,3 miliar, termasuk", "mencapai US$7,3 miliar", "USD", 7.3e9, "mencapai"),
        ("melayani empat stasiun dan", "empat stasiun", "stasiun", 4, None),
        ("hanya 40 hingga 45 menit.", "40 hingga 45 menit", "s", 42.5 * 60, "range"),
    ],
)
def test_find_quantities(text, quantity, unit, value, qualifier):
    (q,) = find_quantities(text)
    assert (q.text, q.unit, q.qualifier) == (quantity, unit, qualifier)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["rudal KN-25 milik", "Script № 11302 medan", "salah satu pengetahuan", "sejak 2019"])
def test_codes_and_articles_are_not_quantities(text):
    from factcheck.normalize.dates import find_dates

    assert find_quantities(text, [(d.start, d.end) for d in find_dates(text)]) == []


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("hampir 5 juta peluru", "4,9 juta peluru", False),
        ("350 km/jam", "hingga 300 km/jam", True),
        ("maksimal 350 km/jam", "hingga 300 km/jam", True),
        ("hingga 350 km/jam", "350 km/jam", False),
        ("142,3 kilometer", "sekitar 150 kilometer", True),
        ("sekitar 40 menit", "40 hingga 45 menit", False),
        ("683 mil", "1.099 km", False),
        ("US$7,3 miliar", "US$6,07 miliar", True),
        ("empat stasiun", "4 stasiun", False),
        # an estimate covers its rounding step: "about 40" and "about 45" minutes can both be true
        ("sekitar 40 menit", "sekitar 45 menit", False),
        ("sekitar 300 orang", "312 orang", False),
        ("sekitar dua jam", "sekitar tiga jam", True),
        ("sekitar 40 menit", "45 menit", True),
    ],
)
def test_conflicts(a, b, conflict):
    (qa,), (qb,) = find_quantities(a), find_quantities(b)
    assert qa.conflicts(qb) is conflict


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kapal penumpang KM Tirta Arunika 3 terbakar di perairan Selat Larong.", []),
        ("Rescuers said the KM Tirta Arunika 3 caught fire early on Saturday.", []),
        # a capitalised word that opens the sentence, or a weekday or a month, is no name
        ("Sebanyak 3 orang tewas.", [(3.0, "people")]),
        ("Pada Selasa 12 rumah rusak.", [(12.0, "rumah")]),
        ("Menurut BNPB, 3 orang tewas.", [(3.0, "people")]),
        ("Kapal Tirta 3 mengangkut 438 penumpang.", [(438.0, "penumpang")]),
        # an acronym counts like a noun ("TPS", "WNI"); a time zone or a legal form does not
        ("Pemungutan suara digelar di 12.486 TPS.", [(12486.0, "tps")]),
        ("Sebanyak 3 WNI dievakuasi dari kota itu.", [(3.0, "wni")]),
        ("Rapat dimulai pukul 10 WIB.", []),
        ("Sebanyak 3 PT ikut tender itu.", []),
    ],
)
def test_a_number_that_ends_a_name_is_no_count(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(("written", "step"), [(40, 10), (45, 5), (1200, 100), (150, 10), (312, 1), (7.3, 0.1), (5, 1)])
def test_rounding_step_is_the_finer_reading_of_the_figure_as_written(written: float, step: float) -> None:
    from factcheck.normalize.numbers import rounding_step

    assert rounding_step(written) == pytest.approx(step)


@pytest.mark.parametrize(
    ("text", "code", "value"),
    [
        ("Environ 1 200 habitants ont été évacués.", "fr", 1200),
        ("Environ 1\u202f200 habitants ont été évacués.", "fr", 1200),
        ("Około 12 500 osób ewakuowano.", "pl", 12500),
        ("Sekitar 1.200 warga mengungsi.", "id", 1200),
        ("About 1,200 residents left.", "en", 1200),
    ],
)
def test_thousands_are_grouped_as_the_language_writes_them(text: str, code: str, value: float) -> None:
    (q,) = find_quantities(text, langs=code)
    assert q.value == value



@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Lima orang tewas dan 27 lainnya terluka.", "id", [(5, "people", False), (27, "people", True)]),
        ("menewaskan lima orang dan melukai 27 lainnya.", "id", [(5, "people", False), (27, "people", True)]),
        ("Seven people were killed, and 27 were injured.", "en", [(7, "people", False), (27, "people", True)]),
        ("Fünf Menschen starben, 27 weitere wurden verletzt.", "de", [(5, "people", False), (27, "people", True)]),
        ("Cinq personnes ont été tuées et 27 autres blessées.", "fr", [(5, "people", False), (27, "people", True)]),
        # "otras" before the figure: the verb after it is no counted noun
        ("Siete personas murieron y otras 58 resultaron heridas.", "es", [(7, "people", False), (58, "people", True)]),
        # after a measure (rupiah, km) a bare number counts nothing the sentence names
        ("Proyek senilai Rp 5 miliar dan 7 lainnya ditunda.", "id", [(5e9, "IDR", False)]),
        ("Jalan sepanjang 5 km dan 3 lainnya rusak.", "id", [(5, "km", False)]),
    ],
)
def test_a_count_that_leaves_its_noun_out_counts_what_the_count_before_it_counts(
    text: str, code: str, expected: list[tuple[float, str, bool]]
) -> None:
    assert [(q.value, q.unit, q.elliptic) for q in find_quantities(text, langs=code)] == expected


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("Nusawela berada di zona WIT, dua jam lebih cepat dari Jakarta.", "id", []),
        ("The town is two hours ahead of the capital and 5 km from the coast.", "en", [(5, "km")]),
        ("Es gab 20 Tote mehr als im Vorjahr.", "de", []),
        ("Biayanya Rp 5 miliar lebih tinggi daripada target.", "id", []),
        # "lebih" closing a figure ("300 orang lebih": more than 300) is no comparison
        ("Sebanyak 300 orang lebih dari desa itu mengungsi.", "id", [(300, "people")]),
    ],
)
def test_a_figure_before_a_comparison_is_a_difference_not_a_value(
    text: str, code: str, expected: list[tuple[float, str]]
) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text, langs=code)] == expected
