import pytest

from factcheck.normalize.entities import AliasIndex, find_entities, surface_key
from factcheck.normalize.modality import classify_modality
from factcheck.normalize.speakers import find_speaker


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kim Jong-Un", "kim jong un"),
        ("Kim Jong Un", "kim jong un"),
        ("Mr Putin", "putin"),
        ("Presiden Vladimir Putin", "vladimir putin"),
        ("DPRK", "korea utara"),
        ("Korut", "korea utara"),
        ("AS", "amerika serikat"),
        ("Tiongkok", "china"),
    ],
)
def test_surface_key(name, key):
    assert surface_key(name) == key


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Pemimpin Korea Utara Kim Jong Un bertemu Presiden Rusia Vladimir Putin.",
            ["korea utara", "kim jong un", "rusia", "vladimir putin"],
        ),
        ("Juru bicara Dewan Keamanan Nasional AS John Kirby mengatakan", ["dewan keamanan nasional as", "john kirby"]),
        ("Menteri BUMN Erick Thohir menyatakan", ["erick thohir"]),
        ("Pertemuan Mr Kim dan Mr Putin menyusul", ["kim", "putin"]),
    ],
)
def test_find_entities(sentence, expected):
    assert [e.key for e in find_entities(sentence)] == expected


def test_place_kind_from_preposition_and_head():
    ents = {e.key: e.kind for e in find_entities("Pertemuan berlangsung di Pusat Antariksa Vostochny, Rusia.")}
    assert ents == {"pusat antariksa vostochny": "place", "rusia": "country"}


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
            "Juru bicara keamanan nasional Gedung Putih John Kirby mengatakan pada 30 Agustus bahwa AS khawatir.",
            "John Kirby",
        ),
        (
            "Pekan lalu, sekretaris pers Gedung Putih Karine Jean-Pierre memperingatkan bahwa negosiasi berkembang.",
            "Karine Jean-Pierre",
        ),
        (
            "Yang Uk, seorang peneliti di Asian Institute for Policy Studies, mengatakan juga mungkin "
            "bahwa rudal dipasok.",
            "Uk",
        ),
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
