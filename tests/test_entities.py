import pytest

from factcheck.normalize.entities import AliasIndex, CorpusStats, find_entities, surface_key
from factcheck.normalize.modality import classify_modality
from factcheck.normalize.speakers import find_speaker


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kim Jong-Un", "kim jong un"),
        ("Kim Jong Un", "kim jong un"),
        ("Mr Putin", "putin"),
        ("Presiden Vladimir Putin", "vladimir putin"),
        ("DPRK", "north korea"),
        ("Korut", "north korea"),
        ("Korea Utara", "north korea"),
        ("North Korea", "north korea"),
        ("AS", "united states"),
        ("Amerika Serikat", "united states"),
        ("Tiongkok", "china"),
        ("Rusia", "russia"),
    ],
)
def test_surface_key(name, key):
    assert surface_key(name) == key


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Pemimpin Korea Utara Kim Jong Un bertemu Presiden Rusia Vladimir Putin.",
            ["north korea", "kim jong un", "russia", "vladimir putin"],
        ),
        ("Juru bicara Dewan Keamanan Nasional AS John Kirby mengatakan", ["dewan keamanan nasional as", "john kirby"]),
        ("Menteri BUMN Erick Thohir menyatakan", ["bumn", "erick thohir"]),
        ("Pertemuan Mr Kim dan Mr Putin menyusul", ["kim", "putin"]),
        ("“Kami siap,” kata Kim Rabu (19/6) malam.", ["kim"]),
        ("Presiden Jokowi tiba Senin di Bandung.", ["jokowi", "bandung"]),
        # a rank starts the name it stands before, as an honorific does
        ("ujar Kapolres Lorong Hijau AKBP Dimas Arifin di lokasi.", ["lorong hijau", "dimas arifin"]),
    ],
)
def test_find_entities(sentence, expected):
    assert [e.key for e in find_entities(sentence, common={"pertemuan"})] == expected


def test_corpus_statistics_replace_word_lists():
    """A sentence-initial word the corpus writes in lower case is not a name; a capitalised one is."""
    stats = CorpusStats.from_texts(["Mereka membahas pertemuan itu. Banyak pertemuan digelar di Jakarta."])
    assert stats.is_common("Pertemuan") and not stats.is_common("Jakarta")
    assert [e.key for e in find_entities("Pertemuan itu digelar di Jakarta.", stats=stats)] == ["jakarta"]
    assert [e.key for e in find_entities("Pertemuan itu digelar di Jakarta.")] == ["pertemuan", "jakarta"]


def test_run_split_where_the_corpus_knows_both_parts():
    from factcheck.normalize.entities import refine_entities

    corpus = "Juru bicara Balai Kota menolak. Menurut dia, Rahma menjawab. Kemarin Balai Kota Siti Rahma berkata."
    stats = CorpusStats.from_texts([corpus])
    sentence = "Juru bicara Balai Kota Siti Rahma memperingatkan warga."
    (run,) = find_entities(sentence)
    assert run.key == "balai kota siti rahma"
    assert [e.key for e in refine_entities([run], sentence, stats)] == ["balai kota", "siti rahma"]


def test_place_kind_from_preposition_and_head():
    sentence = "Pertemuan berlangsung di Pusat Antariksa Vostochny, Rusia."
    ents = {e.key: e.kind for e in find_entities(sentence, {"pertemuan"})}
    assert ents == {"pusat antariksa vostochny": "place", "russia": "country"}


@pytest.mark.parametrize(
    ("key", "canonical"),
    [
        ("kim", "kim jong un"),
        ("kirby", "john kirby"),
        ("jean pierre", "karine jean pierre"),
        ("putin", "vladimir putin"),
        ("everard", "everard"),
    ],
)
def test_alias_index_merges_short_names(key, canonical):
    index = AliasIndex(
        [
            "kim jong un",
            "kim jong un",
            "kim",
            "kim dong yup",
            "john kirby",
            "kirby",
            "karine jean pierre",
            "jean pierre",
            "vladimir putin",
            "putin",
            "everard",
        ]
    )
    assert index(key) == canonical


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“Ini akan menarik banyak perhatian,” kata Hertling kepada CNN, Senin.", "Hertling"),
        (
            "Juru bicara keamanan nasional AS John Kirby mengatakan pada 30 Agustus bahwa AS khawatir.",
            "John Kirby",
        ),
        (
            "Pekan lalu, sekretaris pers Karine Jean-Pierre memperingatkan bahwa negosiasi berkembang.",
            "Karine Jean-Pierre",
        ),
        (
            "Lee Uk, seorang peneliti di Asian Institute for Policy Studies, mengatakan juga mungkin "
            "bahwa rudal dipasok.",
            "Lee Uk",
        ),
        ("“Kami siap,” kata Kim Rabu (19/6) malam.", "Kim"),
        (
            "Rebekah Koffler, seorang analis intelijen, mantan pejabat senior, mengatakan kepada Digital "
            "bahwa hubungan itu penting.",
            "Rebekah Koffler",
        ),
        ("Media itu mengonfirmasi kunjungan, menurut laporan dari ABC News.", "ABC News"),
        ("Putin menginginkan peluru artileri, kata para pejabat AS dan sekutunya kepada Instances.", "para pejabat AS"),
        ("Kereta itu melaju ke utara menuju kota tujuan yang lain.", None),
    ],
)
def test_find_speaker(sentence, speaker):
    found = find_speaker(sentence)
    assert (found.name if found else None) == speaker


def test_pronoun_speaker_is_marked():
    found = find_speaker("“Tapi itu tidak akan membunuh Ukraina,” tambahnya.")
    assert found is not None and found.pronoun


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Kim berencana melakukan perjalanan ke Vladivostok bulan ini.", "plan"),
        ("Kereta api diperkirakan akan menempuh perjalanan dua hari.", "expectation"),
        ("Banyak yang mengira dia akan menuju Vladivostok.", "expectation"),
        ("Koffler percaya kerja sama itu saling menguntungkan.", "opinion"),
        ("Kim Jong Un bertemu Putin di Pusat Antariksa Vostochny.", "fact"),
        ("Proyek ini ditargetkan rampung pada 2019.", "plan"),
    ],
)
def test_modality(sentence, kind):
    assert classify_modality(sentence).kind == kind


def test_negation_is_recorded():
    assert classify_modality("Kremlin tidak mengomentari laporan itu.").negated


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("Kim tidak tiba di Vladivostok pada hari itu.", True),
        ("Kereta itu belum berangkat dari stasiun.", True),
        ("Kim tidak hanya bertemu Putin tetapi juga Shoigu.", False),
        ("Kim tiba di Vladivostok pada hari itu.", False),
    ],
)
def test_negation_indonesian(sentence, negated):
    m = classify_modality(sentence, "id")
    assert m.negated is negated and (m.negation_cue is not None) is negated


def test_alias_index_matches_the_all_pairs_rule() -> None:
    """The index is built from word prefixes and suffixes; it must equal the rule it states: a key
    maps to the most frequent longer key that begins or ends with its words."""
    import random
    from collections import Counter

    from factcheck.normalize.entities import AliasIndex, country_keys

    rng = random.Random(3)
    words = ["rani", "wira", "dana", "sari", "budi", "putra", "kota", "malang", "dimas", "arifin"]
    keys = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) for _ in range(600)]
    counts, expected = Counter(keys), {}
    for key in counts:
        w = key.split()
        longer = [m for m in counts if len(m.split()) > len(w) and w in (m.split()[: len(w)], m.split()[-len(w) :])]
        if longer and key not in country_keys():
            expected[key] = max(longer, key=lambda m: (counts[m], -len(m), m))
    assert AliasIndex(keys)._canon == expected and len(expected) > 100


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        # a legal form opens the company's name, even when the name starts with a place head
        ("PT Teluk Semen saat ini mempekerjakan 3.200 karyawan.", "id", [("PT Teluk Semen", "person_or_org")]),
        # an acronym agency before a place still splits off it
        ("BPBD Kabupaten Maros mencatat 12 rumah.", "id", [("BPBD", "person_or_org"), ("Kabupaten Maros", "place")]),
        # a legal form closes the company's name: the person after it is split off, and the
        # company is no place even after a place cue
        (
            "Direktur Semen Laut Tbk Dimas Arifin mengatakan laba naik.",
            "id",
            [("Semen Laut Tbk", "person_or_org"), ("Dimas Arifin", "person_or_org")],
        ),
        (
            "Engineers at Northwind Ltd built the bridge.",
            "en",
            [("Engineers", "person_or_org"), ("Northwind Ltd", "person_or_org")],
        ),
    ],
)
def test_company_forms_are_not_split_off(sentence, lang, expected):
    assert [(e.text, e.kind) for e in find_entities(sentence, langs=lang)] == expected


def test_a_time_zone_is_no_name() -> None:
    found = find_entities("Lalu api muncul sekitar pukul 23.30 WIT di Selat Larong, kata Wellem.", langs="id")
    assert [e.key for e in found] == ["selat larong", "wellem"]
    assert [e.key for e in find_entities("It landed at 2:22 a.m. GMT in Pyongyang.", langs="en")] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Bei einem Brand auf einer Passagierfähre sind neun Menschen ums Leben gekommen.", []),
        ("Das Feuer brach gegen 2.40 Uhr Ortszeit auf dem Autodeck der Fähre Seestern aus.", ["fähre seestern"]),
        ("Der Kapitän, Markus Telmann, wurde von der Polizei befragt.", ["markus telmann"]),
        ("Die Deutsche Bank und die SPD kritisierten den Plan.", ["deutsche bank", "spd"]),
        ("Nach Angaben der Polizei stürzte die Brücke in Marlow ein.", ["marlow"]),  # "ein": no genitive
        ("Die Brücke in Marlow stürzte am Donnerstag ein.", ["marlow"]),
    ],
)
def test_common_nouns_are_no_names_where_every_noun_is_capitalised(text: str, keys: list[str]) -> None:
    assert [e.key for e in find_entities(text, langs="de")] == keys


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("The blast at Ruritania's Belmora estate killed seven.", ["ruritania", "belmora"]),
        ("Ruritania’s President Ana Velk arrived on Monday.", ["ruritania", "ana velk"]),
        ("Belmora's governor said so.", ["belmora"]),
        ("O'Brien said it.", ["o brien"]),  # an apostrophe inside a name is no possessive
    ],
)
def test_a_possessive_ends_a_name(text: str, keys: list[str]) -> None:
    assert [e.key for e in find_entities(text, langs="en")] == keys


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El puente se derrumbó en el distrito de Morvana el jueves.", "es"),
        ("The bridge in the regency of Morvana collapsed on Thursday.", "en"),
        ("Il ponte è crollato nella provincia di Morvana giovedì.", "it"),
    ],
)
def test_a_name_after_a_kind_of_place_and_of_is_a_place(text: str, language: str) -> None:
    (e,) = find_entities(text, langs=language)
    assert (e.key, e.kind) == ("morvana", "place")


def test_a_common_noun_opening_the_sentence_is_no_speaker():
    from factcheck.normalize.speakers import refine_speaker

    corpus = (
        "Pihak perusahaan menyatakan akan memberikan santunan. Menurut pihak kepolisian, api sudah padam. "
        "Manajemen perusahaan menyatakan produksi dihentikan. Api padam, kata Agus Salimun. "
        "Salimun menambahkan bahwa tim masih di lokasi, ujar Salimun."
    )
    stats = CorpusStats.from_texts([corpus])
    # what one sentence gives (an article's own statistics need not have seen the word elsewhere)
    pihak = find_speaker("Pihak perusahaan menyatakan akan memberikan santunan.", "id")
    manajemen = find_speaker("Manajemen perusahaan menyatakan produksi dihentikan.", "id")
    salimun = find_speaker("Salimun menambahkan bahwa tim masih di lokasi.", "id")
    assert pihak is not None and manajemen is not None and salimun is not None
    assert refine_speaker(pihak, stats, "id") is None  # written "pihak" inside sentences
    assert refine_speaker(manajemen, stats, "id") is None  # never written inside a sentence
    refined = refine_speaker(salimun, stats, "id")
    assert refined is not None and refined.key == "salimun"  # a name the corpus capitalises inside sentences


def test_a_name_spelt_out_before_its_acronym_is_one_name() -> None:
    from factcheck.normalize.entities import defined_acronyms

    s = "Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG) menaikkan status gunung itu ke Level IV."
    (lo, hi, a0, a1) = defined_acronyms(s)[0]
    assert (s[lo:hi], s[a0:a1]) == ("Pusat Vulkanologi dan Mitigasi Bencana Geologi", "PVMBG")
    names = [(e.text, e.kind) for e in find_entities(s, langs="id")]
    assert ("Pusat Vulkanologi dan Mitigasi Bencana Geologi", "place") in names  # a place head opens it: see kind votes
    assert ("PVMBG", "person_or_org") in names
    assert ("Level IV", "person_or_org") in names  # a rank after "ke" is no place
    en = "the Centre for Volcanology and Geological Hazard Mitigation (CVGHM) said"
    assert [s_[2:] for s_ in defined_acronyms(en)] and defined_acronyms("Gedung Olahraga (GOR) Bahari") == []
    assert defined_acronyms("Stasiun Halim (Jakarta) ramai.") == []  # brackets that spell nothing


def test_a_legal_form_that_opens_a_name_starts_the_company() -> None:
    names = [e.text for e in find_entities("Das Kraftwerk, betrieben von der Firma PT Sawaru Geo Energi, stand still.",
                                           langs=["de", "id"])]  # fmt: skip
    assert "PT Sawaru Geo Energi" in names and not any(n.startswith("Firma") for n in names)


def test_an_acronym_and_its_spelt_out_name_share_their_kind_votes() -> None:
    from factcheck.claims import build_alias_index, corpus_kinds, extract_claims
    from factcheck.corpus import Article

    text = (
        "Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG) menaikkan status gunung itu pada Kamis (10/6/2027).\n\n"
        "Kepala PVMBG Rahmat Sudiro mengatakan status itu berlaku selama 14 hari.\n\n"
        "PVMBG menetapkan radius bahaya 6 kilometer pada Kamis (10/6/2027).\n\n"
        "Menurut PVMBG, kolom abu mencapai 4.500 meter pada Kamis (10/6/2027)."
    )
    art = Article(id="x", path="x.txt", text=text, title="x", source="x", published=None,
                  published_from="", language="id", language_stated=True)  # fmt: skip
    claims = extract_claims(art)
    index = build_alias_index(claims)
    kinds = corpus_kinds(claims, index)
    long = index("pusat vulkanologi dan mitigasi bencana geologi")
    assert kinds.get(long) == "person_or_org"  # the acronym's deeds outvote the place head "Pusat"



def test_a_clear_place_lends_no_votes_to_a_longer_name_the_corpus_writes_as_an_organisation():
    from factcheck.claims import kinds_of, summed_votes

    keys = ["palvara"] * 6 + ["deklarasi palvara"] * 2 + ["kirby", "john kirby"]
    index = AliasIndex(keys)
    assert index("palvara") == "deklarasi palvara"  # the index files the city under the longer name
    votes = {
        "palvara": {"place": 6.0, "person_or_org": 0.5},  # "di Palvara", "ke Palvara"
        "deklarasi palvara": {"place": 0.0, "person_or_org": 2.0},  # a declaration the leaders "signed"
        "kirby": {"place": 0.5, "person_or_org": 3.0},
        "john kirby": {"place": 0.0, "person_or_org": 2.0},
    }
    summed, apart = summed_votes(votes, index)
    assert summed["deklarasi palvara"] == {"place": 0.0, "person_or_org": 2.0}  # the city's votes left out
    assert apart == {"palvara": "place"}  # ... and the city keeps its own kind
    assert summed["john kirby"] == {"place": 0.5, "person_or_org": 5.0}  # a surname's votes count
    kinds = kinds_of(votes, index)
    assert kinds["palvara"] == "place" and "deklarasi palvara" not in kinds  # no place vote: mentions keep theirs
    # votes that are not clear either way still add up, and the corpus's kind is the canonical key's
    unclear = {**votes, "palvara": {"place": 2.0, "person_or_org": 1.0}}
    assert summed_votes(unclear, index) == ({**summed, "deklarasi palvara": {"place": 2.0, "person_or_org": 3.0}}, {})


def test_a_hyphen_continues_a_name_only_before_a_capital_or_a_digit():
    # "Wanaseta-based" is the town and an adjective made of it: its key is the town's, so the alias
    # index does not file "di Wanaseta" under a longer "wanaseta based" that names nobody
    text = "The Wanaseta-based group Giriwangsa and the Jakarta-born singer."
    keys = [e.key for e in find_entities(text, langs="en")]
    assert keys == ["wanaseta", "giriwangsa", "jakarta"]
    keys = [e.key for e in find_entities("Karine Jean-Pierre berbicara soal COVID-19 di Trans-Sumatra.", langs="id")]
    assert keys == ["karine jean pierre", "covid 19", "trans sumatra"]
