"""Slot parsers in the corpus's languages: dates and times, quantities, negation, speakers, detection."""

from datetime import date

import pytest

from factcheck.langdetect import detect_languages
from factcheck.normalize.dates import find_dates
from factcheck.normalize.modality import classify_modality
from factcheck.normalize.numbers import find_quantities
from factcheck.normalize.speakers import find_speaker

PUB = date(2024, 6, 20)  # a Thursday


@pytest.mark.parametrize(
    ("text", "lang", "day", "precision", "minutes"),
    [
        ("Putin tiba Rabu (19/6) dini hari di Pyongyang.", "id", date(2024, 6, 19), "time", (0, 300)),
        ("Peresmian Senin (2/10/2023) pukul 14.30 WIB di Halim.", "id", date(2023, 10, 2), "time", (870, 871)),
        ("Kereta tiba pada 19 Juni 2024 di stasiun.", "id", date(2024, 6, 19), "day", None),
        ("kata juru bicara kemarin kepada wartawan", "id", date(2024, 6, 19), "day", None),
        ("The plane landed at 2:22 a.m. on Wednesday in Pyongyang.", "en", date(2024, 6, 19), "time", (142, 143)),
        ("He arrived on the evening of June 18, local time.", "en", date(2024, 6, 18), "time", (1020, 1320)),
        ("The talks were held on June 19, 2024 in the capital.", "en", date(2024, 6, 19), "day", None),
        ("The Kremlin said yesterday that talks went well.", "en", date(2024, 6, 19), "day", None),
        ("Putin llegó el 19 de junio de 2024 a Pyongyang.", "es", date(2024, 6, 19), "day", None),
        ("El Kremlin lo anunció ayer por la tarde.", "es", date(2024, 6, 19), "time", (840, 1200)),
        ("Putin traf am 19. Juni 2024 in Pjöngjang ein.", "de", date(2024, 6, 19), "day", None),
        ("Der Kreml teilte gestern mit, dass der Besuch beginnt.", "de", date(2024, 6, 19), "day", None),
        ("Putin przyleciał 19 czerwca 2024 do Pjongjangu.", "pl", date(2024, 6, 19), "day", None),
        ("Poutine est arrivé le 19 juin 2024 à Pyongyang.", "fr", date(2024, 6, 19), "day", None),
        ("Putin è arrivato il 19 giugno 2024 a Pyongyang.", "it", date(2024, 6, 19), "day", None),
        ("Putin chegou em 19 de junho de 2024 a Pyongyang.", "pt", date(2024, 6, 19), "day", None),
    ],
)
def test_dates_and_times(text, lang, day, precision, minutes):
    (m,) = find_dates(text, PUB, lang)
    assert (m.lo, m.hi, m.precision) == (day, day, precision)
    assert ((m.time_lo, m.time_hi) if m.has_time else None) == minutes


@pytest.mark.parametrize(
    ("text", "lang", "lo", "hi"),
    [
        ("vergangene Woche", "de", date(2024, 6, 10), date(2024, 6, 16)),
        ("la semana pasada", "es", date(2024, 6, 10), date(2024, 6, 16)),
        ("last month", "en", date(2024, 5, 1), date(2024, 5, 31)),
        ("bulan lalu", "id", date(2024, 5, 1), date(2024, 5, 31)),
        ("im Juni 2023", "de", date(2023, 6, 1), date(2023, 6, 30)),
        ("en marzo", "es", date(2024, 3, 1), date(2024, 3, 31)),
    ],
)
def test_relative_and_month_dates(text, lang, lo, hi):
    (m,) = find_dates(text, PUB, lang)
    assert (m.lo, m.hi) == (lo, hi)


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        # different local dates a few hours apart: time zones unknown, so not a conflict
        ("on the evening of June 18", "Rabu (19/6) dini hari", False),
        ("pukul 14.30 WIB pada Senin (2/10/2023)", "pukul 18.00 WIB pada Senin (2/10/2023)", True),
        ("pada 13 Juli 2023", "on July 14, 2023", True),
        ("pada 13 Juli 2023", "el 13 de julio de 2023", False),
    ],
)
def test_moments_compare_across_languages(a, b, conflict):
    (x,) = find_dates(a, PUB, ("id", "en", "es"))
    (y,) = find_dates(b, PUB, ("id", "en", "es"))
    assert x.conflicts(y) is conflict


@pytest.mark.parametrize(
    ("text", "lang", "quantity", "unit", "value", "qualifier", "approximate"),
    [
        ("perjalanan sembilan hari ke Rusia", "id", "sembilan hari", "s", 9 * 86400, None, False),
        ("hampir 5 juta peluru artileri", "id", "hampir 5 juta peluru", "peluru", 5e6, "hampir", True),
        ("biaya lebih dari Rp 1.200 miliar", "id", "lebih dari Rp 1.200 miliar", "IDR", 1.2e12, "lebih dari", False),
        ("a nine-day trip to Russia", "en", "nine-day", "s", 9 * 86400, None, False),
        ("more than 1,200 people attended", "en", "more than 1,200 people", "people", 1200, "more than", False),
        ("about 2.5 million dollars in aid", "en", "about 2.5 million dollars", "USD", 2.5e6, "about", True),
        ("the train covered 683 miles", "en", "683 miles", "km", 683 * 1.609344, None, False),
        ("between 40 and 45 minutes", "en", "between 40 and 45 minutes", "s", 42.5 * 60, "range", True),
        ("casi 5 millones de dólares", "es", "casi 5 millones de dólares", "USD", 5e6, "casi", True),
        ("un viaje de nueve días", "es", "nueve días", "s", 9 * 86400, None, False),
        ("eine sechstägige Reise", "de", "sechstägige", "s", 6 * 86400, None, False),
        ("etwa 1.200 Menschen", "de", "etwa 1.200 Menschen", "people", 1200, "etwa", True),
        ("mehr als 2,5 Millionen Euro", "de", "mehr als 2,5 Millionen Euro", "EUR", 2.5e6, "mehr als", False),
    ],
)
def test_quantities(text, lang, quantity, unit, value, qualifier, approximate):
    (q,) = find_quantities(text, langs=lang)
    assert (q.text, q.unit, q.qualifier, q.approximate) == (quantity, unit, qualifier, approximate)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Diperbarui 27 menit yang lalu oleh redaksi", "id"),
        ("Updated 2 hours ago by the newsroom", "en"),
        ("Aktualisiert vor 2 Stunden von der Redaktion", "de"),
        ("Actualizado hace 3 horas por la redacción", "es"),
        ("one of the trains", "en"),
    ],
)
def test_timestamps_and_articles_are_not_quantities(text, lang):
    assert find_quantities(text, langs=lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("The death toll stands at 11, with rescuers still searching.", "en", 11),
        ("The death toll rose to 14 on Monday.", "en", 14),
        ("La cifra de muertos asciende a 15.", "es", 15),
        ("Die Zahl der Toten stieg am Abend auf 12.", "de", 12),
        ("Jumlah korban meninggal dunia bertambah menjadi 11.", "id", 11),
        ("Le bilan humain s'élève à 9.", "fr", 9),
    ],
)
def test_a_bare_number_after_a_death_toll_counts_people(text, lang, value):
    (q,) = find_quantities(text, langs=lang)
    assert (q.value, q.unit) == (value, "people")


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Officials said 300 were evacuated.", "en"), ("The road toll rose to 40.", "en")],
)
def test_a_bare_number_elsewhere_counts_nothing(text, lang):
    assert find_quantities(text, langs=lang) == []


def test_duration_next_to_timestamp_is_kept():
    (q,) = find_quantities("Perjalanan memakan waktu sekitar 2 jam.", langs="id")
    assert (q.unit, q.value, q.approximate) == ("s", 7200, True)


@pytest.mark.parametrize(
    ("text", "lang", "negated"),
    [
        ("Kim tidak tiba di Vladivostok.", "id", True),
        ("Kim did not attend the parade in Moscow.", "en", True),
        ("Kim attended the parade in Moscow.", "en", False),
        ("Not only Kim but also Putin attended.", "en", False),
        ("Putin no asistió a la reunión.", "es", True),
        ("Putin nahm nicht an dem Treffen teil.", "de", True),
        ("Putin nahm an dem Treffen teil.", "de", False),
    ],
)
def test_negation(text, lang, negated):
    assert classify_modality(text, lang).negated is negated


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("Putin will visit Pyongyang next week.", "en", "plan"),
        ("The visit is expected to last two days.", "en", "expectation"),
        ("The talks took place in May.", "en", "fact"),
        ("CNN reporter Will Ripley was in Pyongyang.", "en", "fact"),
        ("Putin planea visitar Pyongyang.", "es", "plan"),
        ("Putin wird Pjöngjang besuchen.", "de", "plan"),
        ("Beide Länder wollen ihren Handel bis 2032 verdoppeln.", "de", "plan"),  # a goal, not an outcome
        ("Los dos países quieren duplicar su comercio antes de 2032.", "es", "plan"),
        ("Les deux pays veulent doubler leurs échanges d'ici 2032.", "fr", "plan"),
        ("I due paesi vogliono raddoppiare gli scambi entro il 2032.", "it", "plan"),
        ("Os dois países querem dobrar o comércio até 2032.", "pt", "plan"),
        ("Operator menargetkan jalur itu kembali dibuka pada Sabtu malam.", "id", "plan"),  # a target date
        # a figure under a condition is no figure stated: "if the debt is counted, the deal is worth ..."
        ("Jika utang koperasi ikut dihitung, nilai kesepakatan mencapai Rp 3,4 triliun.", "id", "expectation"),
        ("If the assumed debt is included, the deal is worth 3.4 trillion rupiah.", "en", "expectation"),
        ("Si se incluye la deuda, la operación vale 3,4 billones de rupias.", "es", "expectation"),
        ("Falls die Schulden mitgerechnet werden, liegt der Wert bei 3,4 Billionen Rupiah.", "de", "expectation"),
        # a trailing condition qualifies a detail: the fine was imposed
        ("The court fined him 300 million rupiah, or three months in detention if unpaid.", "en", "fact"),
    ],
)
def test_modality_other_languages(text, lang, kind):
    assert classify_modality(text, lang).kind == kind


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("“We are ready for talks,” Peskov said on Wednesday.", "en", "Peskov"),
        ("The meeting was productive, said Dmitry Peskov.", "en", "Dmitry Peskov"),
        ("The train left early, according to Yonhap.", "en", "Yonhap"),
        ("La reunión fue productiva, dijo Dmitri Peskov.", "es", "Dmitri Peskov"),
        ("Das Treffen sei produktiv gewesen, sagte Dmitri Peskow.", "de", "Dmitri Peskow"),
        ("Spotkanie było owocne, powiedział Dmitrij Pieskow.", "pl", "Dmitrij Pieskow"),
        ("“Kami siap,” kata Kim Rabu (19/6).", "id", "Kim"),
        ("Rani Wiradana told reporters the bridge was unsafe.", "en", "Rani Wiradana"),
        # a speech verb before an infinitive reports no speech ("told to return", "said to be")
        ("Dimas Arifin, who led the agency until 2023, was fined and told to return the money.", "en", None),
        ("Dimas Arifin is said to be the main suspect in the case.", "en", None),
        # an office, a comma, then the person who holds it: the person is the speaker
        ("“Api sudah padam,” kata Kepala Dinas Pemadam Kebakaran Kota Lirwangi, Sapto Haryadi.", "id", "Sapto Haryadi"),
        ("El fuego está controlado, dijo el jefe de bomberos, Sapto Haryadi, a la prensa.", "es", "Sapto Haryadi"),
        ("Selon le chef de la police, Mira Lestanti, « rien n'est exclu ».", "fr", "Mira Lestanti"),
        ("“Kami siap,” kata Kapolres, AKBP Mira Lestanti.", "id", "Mira Lestanti"),
        ("“Kami siap,” kata Sapto Haryadi, yang juga ketua panitia.", "id", "Sapto Haryadi"),
        ("“Kami siap,” kata Sapto Haryadi, Jawa Tengah.", "id", "Sapto Haryadi"),  # a place is no appositive
        ("The eruption began at 3.52 a.m., according to the national volcanology agency, PVMBG.", "en", "PVMBG"),
        # "the" opens the subject itself when no comma closes it before the verb
        ("Turnout was 68.2 percent, the Provincial Election Board said.", "en", "Provincial Election Board"),
        ("Marta Quiroga, a spokeswoman, said the count was over.", "en", "Marta Quiroga"),
    ],
)
def test_speakers(text, lang, speaker):
    found = find_speaker(text, lang)
    assert (found.name if found else None) == speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Presiden Rusia tiba di Pyongyang pada Rabu dini hari untuk kunjungan kenegaraan dua hari.", ("id",)),
        ("The Russian president arrived in Pyongyang early on Wednesday for a two-day state visit.", ("en",)),
        ("Der russische Präsident traf am Mittwoch zu einem zweitägigen Staatsbesuch in Pjöngjang ein.", ("de",)),
        ("El presidente ruso llegó a Pyongyang el miércoles para una visita de Estado de dos días.", ("es",)),
        ("ok", ("id",)),
    ],
)
def test_language_detection(text, expected):
    assert detect_languages(text, default="id") == expected


def test_language_detection_mixed_article():
    text = (
        "Presiden Rusia tiba di Pyongyang pada Rabu dini hari untuk kunjungan kenegaraan dua hari.\n"
        "The Russian president arrived in Pyongyang early on Wednesday for a two-day state visit, officials said.\n"
    )
    assert set(detect_languages(text)) == {"id", "en"}


def _article(text, language="id", stated=False):
    from factcheck.corpus import Article

    return Article(id="a.txt", path="a.txt", text=text, published=PUB, language=language, language_stated=stated)


EN_TEXT = (
    "The Russian president arrived in Pyongyang at 2:22 a.m. on Wednesday for a two-day state visit.\n"
    "More than 1,200 people greeted the motorcade, officials said.\n"
)


def test_claims_read_a_detected_language():
    from factcheck.claims import extract_claims

    claims = extract_claims(_article(EN_TEXT))  # the default says id; the text is English
    assert {c.language for c in claims} == {"en"}
    first = next(c for c in claims if c.dates)
    assert (first.dates[0].lo, first.dates[0].time_lo) == (date(2024, 6, 19), 142)
    assert any(q.unit == "people" and q.value == 1200 for c in claims for q in c.quantities)


def test_front_matter_language_wins_over_detection():
    from factcheck.claims import extract_claims

    claims = extract_claims(_article(EN_TEXT, language="id", stated=True))
    assert {c.language for c in claims} == {"id"}


def _claim(text, lang="id"):
    from factcheck.claims import extract_claims

    (c,) = extract_claims(_article(text, lang, stated=True))
    return c


def test_negated_claim_gives_no_slot_contradiction_but_a_review():
    import numpy as np

    from factcheck.pairing import CandidatePair
    from factcheck.scoring import judge_pair

    a = _claim("Kereta cepat itu tidak melaju dengan kecepatan 350 km/jam pada uji coba di Bandung.")
    b = _claim("Kereta cepat itu melaju dengan kecepatan 300 km/jam pada uji coba di Bandung.")
    c = _claim("Kereta cepat itu melaju dengan kecepatan 350 km/jam pada uji coba di Bandung.")
    arts = {"a.txt": _article("x")}
    probs = np.array([0.1, 0.2, 0.7], dtype=np.float32)
    assert a.modality.negated and not b.modality.negated
    negated = judge_pair(a, b, CandidatePair(0, 1, 0.95, 0.95), probs, probs, arts)
    assert negated.label == "review" and [k.kind for k in negated.checks] == ["negation"]
    asserted = judge_pair(c, b, CandidatePair(0, 1, 0.95, 0.95), probs, probs, arts)
    assert asserted.label == "contradiction" and "number" in [k.kind for k in asserted.checks]


def test_a_negation_is_put_for_review_only_against_what_it_negates():
    import numpy as np

    from factcheck.pairing import CandidatePair
    from factcheck.scoring import Thresholds, _negation_check, judge_pair, negated_words

    came = _claim("Menteri Perhubungan hadir dalam peresmian jembatan di Lembah Sari pada Senin.")
    absent = _claim("Menteri Perhubungan tidak hadir dalam peresmian jembatan di Lembah Sari pada Senin.")
    known = _claim("Tikungan di dekat jembatan Lembah Sari itu bukan tempat asing bagi kecelakaan.")
    assert "hadir" in negated_words(absent)
    assert "hadir" not in negated_words(known) and negated_words(known)
    arts = {"a.txt": _article("x")}
    probs = np.array([0.1, 0.2, 0.7], dtype=np.float32)
    pair = CandidatePair(0, 1, 0.95, 0.95)
    assert [k.kind for k in judge_pair(absent, came, pair, probs, probs, arts).checks] == ["negation"]
    # "bukan tempat asing" negates words the other sentence does not state: nothing to put side by side
    assert _negation_check(absent, came, 0.7, Thresholds()) is not None
    assert _negation_check(known, came, 0.7, Thresholds()) is None


def test_english_claims_get_date_and_place_checks():
    import numpy as np

    from factcheck.pairing import CandidatePair
    from factcheck.scoring import judge_pair

    a = _claim("The two leaders met at the space centre in Amur on June 18, officials said.", "en")
    b = _claim("The two leaders met at the space centre in Amur on June 12, officials said.", "en")
    probs = np.array([0.2, 0.5, 0.3], dtype=np.float32)
    v = judge_pair(a, b, CandidatePair(0, 1, 0.95, 0.95), probs, probs, {"a.txt": _article("x")})
    assert v.label == "contradiction" and [k.kind for k in v.checks] == ["date"]


def _dated_claim(text, article_id, published):
    from factcheck.claims import extract_claims
    from factcheck.corpus import Article

    art = Article(id=article_id, path=article_id, text=text, published=published, language="en", language_stated=True)
    (c,) = extract_claims(art)
    return c, art


@pytest.mark.parametrize(
    "text_a, text_b, clash",
    [
        # the same relative words on pages of different days: the anchors differ, not the sources
        ("The dress rehearsal was held three days earlier.", "The dress rehearsal was held three days earlier.", False),
        ("The dress rehearsal was held three days earlier.", "The dress rehearsal was held ten days earlier.", True),
    ],
)
def test_same_relative_date_words_do_not_clash(text_a, text_b, clash):
    import numpy as np

    from factcheck.pairing import CandidatePair
    from factcheck.scoring import judge_pair

    a, art_a = _dated_claim(text_a, "a.md", date(2025, 3, 2))
    b, art_b = _dated_claim(text_b, "b.md", date(2025, 3, 30))
    assert a.dates and b.dates and a.dates[0].relative and a.dates[0].conflicts(b.dates[0])
    probs = np.array([0.4, 0.5, 0.1], dtype=np.float32)
    v = judge_pair(a, b, CandidatePair(0, 1, 0.95, 0.95), probs, probs, {"a.md": art_a, "b.md": art_b})
    assert ("date" in [k.kind for k in v.checks]) is clash
