"""Atomic facts: clause splitting and attribution peeling, by tables of sentences in our own words."""

from __future__ import annotations

import pytest

from factcheck.claims import MIN_WORDS, extract_claims
from factcheck.corpus import Article
from factcheck.facts import FactSpan, merge_short, split_facts

# (language, sentence, the facts' texts, the speaker's text or None)
CASES = [
    # Indonesian: attribution
    ("id", "Kepala BPBD Hendra Wijaya mengatakan 412 warga telah dievakuasi hingga Rabu pagi.",
     ["412 warga telah dievakuasi hingga Rabu pagi."], "Kepala BPBD Hendra Wijaya"),
    ("id", "Hendra mengatakan kepada wartawan bahwa air mulai surut di dua desa.",
     ["air mulai surut di dua desa."], "Hendra"),
    ("id", "Menurut Hendra, bendungan itu masih aman meski debit air naik.",
     ["bendungan itu masih aman meski debit air naik."], "Hendra"),
    ("id", "Bendungan itu masih aman meski debit air naik, menurut petugas jaga.",
     ["Bendungan itu masih aman meski debit air naik"], "petugas jaga"),
    ("id", "“Air mulai surut sejak pukul empat pagi,” kata Hendra di posko pengungsian.",
     ["Air mulai surut sejak pukul empat pagi"], "Hendra"),
    ("id", "Air sungai naik dua meter dalam tiga jam, kata petugas.",
     ["Air sungai naik dua meter dalam tiga jam"], "petugas"),
    ("id", "“Kami membagikan 300 paket makanan,” ujarnya.", ["Kami membagikan 300 paket makanan"], "nya"),
    ("id", "Pekan lalu, Bupati Sukamaju Rina Kartika menegaskan bahwa jembatan akan dibuka kembali pada Jumat.",
     ["jembatan akan dibuka kembali pada Jumat."], "Bupati Sukamaju Rina Kartika"),
    ("id", "Air mulai surut di dua desa pada Rabu siang, Hendra menjelaskan.",
     ["Air mulai surut di dua desa pada Rabu siang"], "Hendra"),
    # Indonesian: clauses
    ("id", "Banjir merendam tiga desa pada Selasa, sementara longsor menutup jalan provinsi pada Rabu.",
     ["Banjir merendam tiga desa pada Selasa", "longsor menutup jalan provinsi pada Rabu."], None),
    ("id", "Total kerugian mencapai Rp7,3 miliar, dan biaya perbaikan jembatan mencapai Rp1,2 miliar.",
     ["Total kerugian mencapai Rp7,3 miliar", "biaya perbaikan jembatan mencapai Rp1,2 miliar."], None),
    ("id", "Air naik dua meter dalam tiga jam; warga mengungsi ke balai desa sebelum tengah malam.",
     ["Air naik dua meter dalam tiga jam", "warga mengungsi ke balai desa sebelum tengah malam."], None),
    ("id", "Bupati Rina Kartika, yang meninjau lokasi pada Rabu pagi, menjanjikan bantuan bagi seluruh warga.",
     ["Bupati Rina Kartika, yang meninjau lokasi pada Rabu pagi",
      "Bupati Rina Kartika, yang meninjau lokasi pada Rabu pagi, menjanjikan bantuan bagi seluruh warga."], None),
    ("id", "Bantuan dikirim ke Cibening, yang terletak dua puluh kilometer dari ibu kota kabupaten.",
     ["Bantuan dikirim ke Cibening", "Cibening, yang terletak dua puluh kilometer dari ibu kota kabupaten."], None),
    ("id", "Kim Jong Un tiba di Vladivostok pada Selasa, sementara Putin tiba sehari kemudian, kata pejabat itu.",
     ["Kim Jong Un tiba di Vladivostok pada Selasa", "Putin tiba sehari kemudian"], "pejabat itu"),
    # Indonesian: not split
    ("id", "Jalur itu menghubungkan empat stasiun, yakni Halim, Karawang, Padalarang, dan Tegalluar.",
     ["Jalur itu menghubungkan empat stasiun, yakni Halim, Karawang, Padalarang, dan Tegalluar."], None),
    ("id", "Kim dan Putin bertemu selama lima jam di kosmodrom itu pada Rabu.",
     ["Kim dan Putin bertemu selama lima jam di kosmodrom itu pada Rabu."], None),
    ("id", "Banjir ini menjadi yang terbesar sejak 1998, dan sebagai peringatan bagi pemerintah daerah.",
     ["Banjir ini menjadi yang terbesar sejak 1998, dan sebagai peringatan bagi pemerintah daerah."], None),
    ("id", "Warga menempati sekolah yang dibangun pemerintah pada 2010 sebagai tempat pengungsian.",
     ["Warga menempati sekolah yang dibangun pemerintah pada 2010 sebagai tempat pengungsian."], None),
    ("id", "Pemerintah meminta warga mengungsi ke tempat yang lebih tinggi sebelum malam.",
     ["Pemerintah meminta warga mengungsi ke tempat yang lebih tinggi sebelum malam."], None),
    # English
    ("en", "Kim arrived in Vladivostok on Tuesday, and the talks with Putin began on Wednesday morning.",
     ["Kim arrived in Vladivostok on Tuesday", "the talks with Putin began on Wednesday morning."], None),
    ("en", "According to the council, the bridge will reopen on Friday.",
     ["the bridge will reopen on Friday."], "the council"),
    ("en", "The bridge will reopen on Friday, according to the council.",
     ["The bridge will reopen on Friday"], "the council"),
    ("en", "The eruption began at 3.52 a.m., according to the national volcanology agency, PVMBG.",
     ["The eruption began at 3.52 a.m."], "the national volcanology agency, PVMBG"),
    ("en", "Council spokesman Tom Reed said on Monday that the main road would stay closed.",
     ["the main road would stay closed."], "Council spokesman Tom Reed"),
    ("en", "Rescue boats reached the villages at dawn, officials said.",
     ["Rescue boats reached the villages at dawn"], "officials"),
    ("en", "“We evacuated 412 people by noon,” said Tom Reed.", ["We evacuated 412 people by noon"], "Tom Reed"),
    ("en", "The river rose two metres in three hours, while the dam held.",
     ["The river rose two metres in three hours", "the dam held."], None),
    ("en", "The villagers sheltered in Marlow, which lies on higher ground to the north.",
     ["The villagers sheltered in Marlow", "Marlow, which lies on higher ground to the north."], None),
    ("en", "Boats reached Marlow, Ashby, and Crane before the road closed.",
     ["Boats reached Marlow, Ashby, and Crane before the road closed."], None),
    # Spanish
    ("es", "Putin dijo que la reunión duró cinco horas, mientras que Kim llegó en tren.",
     ["la reunión duró cinco horas", "Kim llegó en tren."], "Putin"),
    ("es", "Según el Kremlin, los dos líderes se reunieron en el cosmódromo.",
     ["los dos líderes se reunieron en el cosmódromo."], "el Kremlin"),
    # German
    ("de", "Putin sagte, dass das Treffen fünf Stunden dauerte, während Kim mit dem Zug anreiste.",
     ["das Treffen fünf Stunden dauerte", "Kim mit dem Zug anreiste."], "Putin"),
    ("de", "Kim reiste nach Wladiwostok, wo er Putin am Mittwoch traf.",
     ["Kim reiste nach Wladiwostok", "Wladiwostok, wo er Putin am Mittwoch traf."], None),
]


@pytest.mark.parametrize(("lang", "sentence", "facts", "speaker"), CASES, ids=[c[1][:40] for c in CASES])
def test_split_facts(lang: str, sentence: str, facts: list[str], speaker: str | None) -> None:
    got = split_facts(sentence, lang)
    assert [f.text(sentence) for f in got] == facts
    speakers = {sentence[f.speaker_span[0] : f.speaker_span[1]] if f.speaker_span else None for f in got}
    assert speakers == {speaker}


@pytest.mark.parametrize(("lang", "sentence"), [(c[0], c[1]) for c in CASES])
def test_fact_spans_lie_inside_the_sentence_and_do_not_overlap_the_speaker(lang: str, sentence: str) -> None:
    for f in split_facts(sentence, lang):
        assert 0 <= f.start < f.end <= len(sentence)
        assert sentence[f.start : f.end].strip() == sentence[f.start : f.end]
        if f.speaker_span:
            a, b = f.speaker_span
            assert b <= f.start or a >= f.end


def test_relative_clause_in_the_speaker_is_a_fact_of_its_own() -> None:
    s = ("Namun Hendra Wijaya, yang memimpin BPBD Sukamaju sejak 2019, mengatakan kepada wartawan bahwa "
         "bendungan itu masih aman.")
    got = split_facts(s, "id")
    assert [(f.text(s), f.speaker_span is not None) for f in got] == [
        ("Hendra Wijaya, yang memimpin BPBD Sukamaju sejak 2019", False),
        ("bendungan itu masih aman.", True),
    ]


def test_a_language_without_data_is_left_whole() -> None:
    s = "Kim przyjechał do Władywostoku we wtorek, a Putin dzień później."
    assert [f.text(s) for f in split_facts(s, "pl")] == [s.rstrip(".") + "."]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(0, 10), (12, 40)], [(0, 40)]),  # a short first fact joins the next
        ([(0, 30), (32, 40)], [(0, 40)]),  # a short last fact joins the one before
        ([(0, 40), (5, 12)], [(0, 40)]),  # a short fact inside another disappears
        ([(0, 30), (32, 60)], [(0, 30), (32, 60)]),  # both long enough
    ],
)
def test_merge_short(spans: list[tuple[int, int]], expected: list[tuple[int, int]]) -> None:
    sentence = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll"
    facts = [FactSpan(a, b) for a, b in spans]
    assert [(f.start, f.end) for f in merge_short(facts, sentence, 3)] == expected


def _article(text: str) -> Article:
    return Article("a", "a.md", text, offset=10, first_line=3)


def test_extract_claims_gives_one_claim_per_fact_with_file_offsets() -> None:
    body = ("Pengantar singkat untuk artikel banjir ini ditulis di sini.\n\n"
            "Banjir merendam tiga desa di Cibening pada Selasa, sementara longsor menutup jalan provinsi pada Rabu.\n")
    file_text = "x" * 10 + body
    claims = extract_claims(_article(body))
    split = [c for c in claims if c.sentence != c.text]
    assert [c.text for c in split] == ["Banjir merendam tiga desa di Cibening pada Selasa",
                                       "longsor menutup jalan provinsi pada Rabu."]
    for c in split:
        assert file_text[c.start : c.end] == c.text
        assert c.sentence.startswith("Banjir merendam") and c.text in c.sentence
        assert c.line == 5
    assert len({c.id for c in claims}) == len(claims)
    assert [d.text for d in split[1].dates] == ["Rabu"]
    whole = extract_claims(_article(body), atomic=False)
    assert [c.text for c in whole][-1] == body.split("\n\n")[1].strip()


def test_short_facts_are_merged_back_not_dropped() -> None:
    body = "Air surut, sementara warga kembali ke rumah masing-masing sejak Rabu pagi.\n"
    claims = extract_claims(_article(body))
    assert [c.text for c in claims] == [body.strip()]
    assert len("Air surut".split()) < MIN_WORDS


def test_attribution_keeps_the_speaker_and_its_modality() -> None:
    body = ("Pengamat Rudi Hartono menilai bendungan itu terlalu tua untuk debit sebesar ini, "
            "sementara jembatan baru masih bisa dipakai sampai akhir tahun.\n")
    claims = extract_claims(_article(body))
    assert len(claims) == 2
    assert all(c.speaker is not None and c.speaker.name.endswith("Hartono") for c in claims)
    assert claims[0].modality.kind == "opinion"  # "menilai" sits in the attribution, outside the fact


def test_a_short_fact_with_a_figure_is_not_folded_into_its_neighbour() -> None:
    from factcheck.claims import _states_value

    text = "Sebanyak 14 warga meninggal dunia, sementara sembilan orang lainnya masih hilang."
    facts = merge_short(split_facts(text, "id"), text, 6, lambda t: _states_value(t, "id"))
    assert [f.text(text) for f in facts] == [
        "Sebanyak 14 warga meninggal dunia",
        "sembilan orang lainnya masih hilang.",
    ]
    # without a value, two short clauses are one fact as before
    plain = "Warga sudah kembali ke rumah, sementara sekolah masih tutup."
    assert len(merge_short(split_facts(plain, "id"), plain, 6, lambda t: _states_value(t, "id"))) == 1
