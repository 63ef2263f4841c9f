"""Page furniture on hand-made pages (our own text): timestamps, bylines, captions, widgets, menus, spam."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import extract_claims, is_checkable
from factcheck.corpus import Article
from factcheck.furniture import _binomial_tail, find_furniture, line_reason

# (line, is furniture) -- an Indonesian page as a scraper leaves it
PAGE_ID = [
    ("Beranda | Berita | Nasional | Daerah", True),
    ("Daerah 27 menit yang lalu", True),
    ("Banjir Rendam Tiga Desa di Kabupaten Sukamaju", False),
    ("Penulis: Dewi Lestari | Editor: Agus Salim", True),
    ("Rabu, 12 Maret 2025 10:45 WIB", True),
    ("SUKAMAJU, Kabar Lembah — Banjir setinggi satu meter merendam tiga desa di Kecamatan Cibening pada Selasa "
     "malam setelah hujan deras mengguyur selama enam jam.", False),
    ("(Foto: Dok. BPBD Sukamaju)", True),
    ("Warga mengungsi ke balai desa dengan perahu karet di Cibening, Rabu (12/3/2025). (Foto: Antara/Rudi Hartono)",
     True),
    ("Baca juga: Jembatan Cibening Ditutup Sementara karena Arus Deras", True),
    ("Kepala BPBD Sukamaju Hendra Wijaya mengatakan sebanyak 412 warga telah dievakuasi hingga Rabu pagi.", False),
    ("ADVERTISEMENT", True),
    ("SCROLL TO CONTINUE WITH CONTENT", True),
    ("“Air mulai surut, tetapi kami masih waspada karena hujan diperkirakan turun lagi,” ujar Hendra.", False),
    ("Bendungan Cibening dibangun pada 1998 dan menampung air dari tiga sungai kecil di hulu.", False),
    ("Baca Juga  Longsor Tutup Jalan Provinsi di Sukamaju Selatan", True),
    ("Bagikan: Facebook Twitter WhatsApp", True),
    ("Facebook Twitter WhatsApp Telegram Salin tautan", True),
    ("Tag: banjir, sukamaju, bpbd", True),
    ("Copyright © 2025 Kabar Lembah. Hak cipta dilindungi.", True),
    ("Komentar", True),
    ("Iklan 4x3 kabarlembah.example.com - slot bawah artikel", True),
]

# an English page
PAGE_EN = [
    ("Home > World > Asia", True),
    ("Floods Cut Off Three Villages North of Marlow", False),
    ("By Sarah Collins and Tom Reed", True),
    ("Updated 10:32 GMT, March 12, 2025", True),
    ("2 hours ago", True),
    ("Flood waters cut off three villages in the hills north of Marlow on Tuesday night after six hours of heavy "
     "rain.", False),
    ("Photo: Residents wade through a flooded street in Marlow. Jane Doe/Reuters", True),
    ("Rescue boats reached the villages early on Wednesday, and 412 people had been evacuated by noon, officials "
     "said.", False),
    ("Read more: Bridge closed as the river keeps rising", True),
    ("Share this article", True),
    ("Advertisement", True),
    ("The regional council said that the main road would stay closed until Friday.", False),
    ("Shares of the regional water company fell 4 percent on Wednesday.", False),
    ("News Sport Business Culture Travel Weather", True),
    ("© 2025 Valley Times. All rights reserved.", True),
    ("Sign up for our newsletter", True),
    ("Related: Storm season starts early this year", True),
    ("(rtr/ap)", True),
]

# spam tokens a scraper repeated through a page: standing alone after sentences, and glued inside them
PAGE_SPAM = [
    ("Hujan deras mengguyur Kecamatan Cibening sejak Selasa sore hingga malam. Lembahpos", False),
    ("Air Sungai Cibening naik hampir dua meter dalam tiga jam. Lembahpos", False),
    ("Warga di Lembahpos Cibening mulai mengungsi ke balai desa pada pukul 21.00 WIB.", False),
    ("Petugas BPBD membawa empat perahu karet dan dua truk logistik. Lembahpos", False),
    ("Lembahpos", True),
    ("Sekolah di tiga desa diliburkan hingga Jumat, kata kepala dinas pendidikan. Lembahpos", False),
]


def _page(rows: list[tuple[str, bool]]) -> tuple[str, list[tuple[int, int, bool]]]:
    text, spans, pos = "", [], 0
    for line, furniture in rows:
        spans.append((pos, pos + len(line), furniture))
        text += line + "\n\n"
        pos = len(text)
    return text, spans


def _flagged(text: str, lang: str, a: int, b: int) -> bool:
    """Most of the line is covered by furniture spans."""
    spans = find_furniture(text, lang)
    cov = sum(max(0, min(b, s.end) - max(a, s.start)) for s in spans)
    return cov * 2 >= b - a


@pytest.mark.parametrize(("rows", "lang"), [(PAGE_ID, "id"), (PAGE_EN, "en")], ids=["id", "en"])
def test_every_furniture_line_and_no_content_line(rows: list[tuple[str, bool]], lang: str) -> None:
    text, spans = _page(rows)
    wrong = [(text[a:b], want) for a, b, want in spans if _flagged(text, lang, a, b) != want]
    assert wrong == []


def test_precision_and_recall_over_the_hand_made_pages() -> None:
    tp = fp = fn = 0
    for rows, lang in ((PAGE_ID, "id"), (PAGE_EN, "en"), (PAGE_SPAM, "id")):
        text, spans = _page(rows)
        for a, b, want in spans:
            got = _flagged(text, lang, a, b)
            tp += got and want
            fp += got and not want
            fn += want and not got
    assert fp == 0 and fn == 0, (tp, fp, fn)


def test_spam_token_is_found_by_its_statistics_not_a_list() -> None:
    text, _ = _page(PAGE_SPAM)
    spam = [text[s.start : s.end] for s in find_furniture(text, "id") if s.reason == "spam"]
    assert spam and set(spam) == {"Lembahpos"}
    renamed = text.replace("Lembahpos", "Zorvani")
    assert {renamed[s.start : s.end] for s in find_furniture(renamed, "id") if s.reason == "spam"} == {"Zorvani"}


def test_a_name_mentioned_often_in_natural_text_is_not_spam() -> None:
    lines = [
        "Hendra Wijaya tiba di posko pengungsian pada Rabu pagi.",
        "Menurut Hendra, air mulai surut di dua desa.",
        "Hendra meminta warga tetap waspada karena hujan masih turun.",
        "Bupati memuji kerja tim yang dipimpin Hendra selama banjir.",
        "Tim Hendra membagikan 300 paket makanan di balai desa.",
    ]
    text = "\n\n".join(lines)
    assert not [s for s in find_furniture(text, "id") if s.reason == "spam"]


def test_a_token_glued_everywhere_at_an_unnatural_rate_is_spam() -> None:
    words = ("warga desa mengungsi ke balai desa setelah air sungai naik pada malam hari dan petugas "
             "membagikan makanan").split()
    # twice a line, about one token in ten: no name is repeated like that in natural text
    lines = [" ".join(words[:3]) + " Qwixel " + " ".join(words[3 : 8 + i % 5]) + " Qwixel " + " ".join(words[8:]) + "."
             for i in range(12)]
    lines = [line[0].upper() + line[1:] for line in lines]
    text = "\n".join(lines)
    spam = {text[s.start : s.end] for s in find_furniture(text, "id") if s.reason == "spam"}
    assert spam == {"Qwixel"}


def test_binomial_tail() -> None:
    assert _binomial_tail(0, 10, 0.5) == 1.0
    assert _binomial_tail(11, 10, 0.5) == 0.0
    assert _binomial_tail(10, 10, 0.5) == pytest.approx(0.5**10)
    assert _binomial_tail(6, 10, 0.5) == pytest.approx(386 / 1024)
    assert _binomial_tail(3, 10, 0.5) == 1.0  # below the mean
    assert _binomial_tail(45, 1000, 0.03) == pytest.approx(0.0055590333, rel=1e-6)  # exact sum by math.comb


@pytest.mark.parametrize(
    ("line", "lang", "reason"),
    [
        ("27 menit yang lalu", "id", "timestamp"),
        ("2 jam lalu", "id", "timestamp"),
        ("Diperbarui 12 Maret 2025, 10.45 WIB", "id", "timestamp"),
        ("Senin, 10 Maret 2025", "id", "timestamp"),
        ("Kabar Lembah | Pertama terbit: Rabu, 11 Maret 2026 | Diperbarui: 4 Mei 2026 10:20 WIB", "id", "timestamp"),
        ("an hour ago", "en", "timestamp"),
        ("hace 3 horas", "es", "timestamp"),
        ("vor 2 Stunden", "de", "timestamp"),
        # the clock written with an "h" (French, Portuguese) is a clock too
        ("Par Lucie Marchand | Publié le 18/10/2029 à 10h20", "fr", "timestamp"),
        ("Publicado em 18/10/2029 às 23h15", "pt", "timestamp"),
        ("Oleh: Dewi Lestari", "id", "byline"),
        ("By Sarah Collins", "en", "byline"),
        ("Por Ana García", "es", "byline"),
        ("Foto: Antara/Rudi Hartono", "id", "caption"),
        ("FOTO/ANTARA", "id", "caption"),
        ("Lea también: Las lluvias continúan en el norte", "es", "related"),
        ("Lesen Sie auch: Hochwasser im Süden", "de", "related"),
        ("Lihat juga video banjir di Cibening", "id", "related"),
        ("Home | News | Sport | Weather", "en", "menu"),
        ("Logo Kabar Lembah", "id", "widget"),
        ("No more pages", "en", "widget"),
        ("https://kabarlembah.example.com/banjir-cibening", "id", "link"),
        ("(bbn)", "id", "byline"),
    ],
)
def test_line_reason(line: str, lang: str, reason: str) -> None:
    assert line_reason(line, lang) == reason


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Warga tiba di posko dua hari lalu dan langsung mendapat makanan.", "id"),
        ("Kim tiba di Vladivostok pukul 10.30 WIB dan disambut pejabat setempat.", "id"),
        ("Foto bersama para pejabat dilakukan setelah upacara peresmian jembatan.", "id"),
        ("Shares of the company rose 5 percent on Monday.", "en"),
        ("Follow-up talks are planned for next month in Geneva.", "en"),
        ("Editorial boards across the country criticised the decision.", "en"),
        ("By 2030 the dam will hold twice as much water as today.", "en"),
        ("Presiden Resmikan Bendungan Baru", "id"),
        ("L'audience, ouverte à 10 h 15 heure locale, a duré près de deux heures.", "fr"),
    ],
)
def test_content_is_not_furniture(line: str, lang: str) -> None:
    assert line_reason(line, lang) is None


@pytest.mark.parametrize(
    "sentence",
    [
        # every pattern of the old boilerplate list, each long enough to pass the word count
        "Baca juga: Jembatan Cibening ditutup sementara setelah banjir besar",
        "Komentar: 12 tanggapan pembaca untuk artikel ini",
        "No more pages to show for this article today",
        "Script № 11302 kabarlembah.example.com - PC 3x2 Mob 2x3 after post",
        "Foto: Antara/Rudi Hartono di Cibening pada Rabu pagi",
        "Editor: Agus Salim dan Dewi Lestari dari Kabar Lembah",
        "Penulis: Dewi Lestari, wartawan Kabar Lembah di Sukamaju",
        "Sumber: BPBD Sukamaju dan Dinas Pekerjaan Umum setempat",
        "Advertisement - scroll to continue with the article below",
        "Iklan - gulir untuk melanjutkan membaca artikel ini",
        "Share: Facebook Twitter WhatsApp Telegram Email Copy link",
        "Bagikan: Facebook Twitter WhatsApp Telegram Salin tautan",
        "Tags: banjir, sukamaju, bpbd, cibening, hujan deras",
        "- Banjir rendam tiga desa di Cibening pada Selasa",
    ],
)
def test_old_boilerplate_is_still_not_checkable(sentence: str) -> None:
    assert len(sentence.split()) >= 6
    assert not is_checkable(sentence)


def test_extract_claims_skips_furniture_and_ignores_slots_inside_it() -> None:
    text = (
        "Daerah 27 menit yang lalu\n\n"
        "Penulis: Dewi Lestari | Editor: Agus Salim\n\n"
        "Banjir setinggi satu meter merendam tiga desa di Kecamatan Cibening pada Selasa malam.\n\n"
        "Warga mengungsi ke balai desa dengan perahu karet di Cibening. (Foto: Antara/Rudi Hartono)\n\n"
        "Baca juga: Jembatan Cibening ditutup sementara karena arus sungai deras sekali\n\n"
        "Diperbarui 12 Maret 2025, 10.45 WIB Petugas melaporkan hujan deras masih mengguyur tiga desa itu "
        "sejak Senin.\n\n"
        "Petugas 27 menit yang lalu melaporkan sekitar 2 jam hujan deras masih mengguyur tiga desa itu.\n"
    )
    claims = extract_claims(Article("a", "a.md", text, published=date(2025, 3, 12)))
    texts = [c.text for c in claims]
    assert texts[0].startswith("Banjir setinggi")
    assert not any("Penulis" in t or "Baca juga" in t or "Foto:" in t for t in texts)
    glued = next(c for c in claims if "sejak Senin" in c.text)
    assert glued.text.startswith("Petugas melaporkan")  # the page timestamp glued before it is cut off
    assert [d.text for d in glued.dates] == ["Senin"]
    last = claims[-1]
    assert "27 menit" in last.text  # a timestamp inside a sentence stays in its verbatim quote
    inside = [s for s in find_furniture(text, "id") if s.start > text.index("Petugas 27")]
    assert [(text[s.start : s.end], s.reason) for s in inside] == [("27 menit yang lalu", "timestamp")]
    for c in claims:
        assert text[c.start : c.end] == c.text


def test_spam_token_is_not_a_place() -> None:
    text, _ = _page(PAGE_SPAM)
    claims = extract_claims(Article("s", "s.md", text))
    assert claims
    assert not any("lembahpos" in e.key for c in claims for e in c.entities)
    assert not any(c.text.endswith("Lembahpos") for c in claims)


@pytest.mark.parametrize(
    ("sentence", "checkable"),
    [
        ("Terdakwa dihukum 13 tahun penjara.", True),  # terse, with a figure
        ("65 people died in the landslide.", True),
        ("Pembangunannya berlangsung selama 18 bulan.", True),
        ("Acara berlangsung sangat meriah.", False),  # short and no figure: nothing to check
        ("Skor akhir 2-1.", False),  # three words
        ("Foto: 12 Mei 2024 pukul 10.00", False),  # short, but a photo credit
        ("27 menit yang lalu", False),  # a page timestamp
    ],
)
def test_short_sentences_are_checkable_only_with_a_figure(sentence: str, checkable: bool) -> None:
    assert is_checkable(sentence) is checkable


@pytest.mark.parametrize(
    "line",
    [
        "Info Kabar Timur | Diperbarui 3 Maret 2026 | 2 hari yang lalu",
        "Redaksi Pos Selatan | Senin, 2 Maret 2026 09:15 WIB | Sumber: Kabar Timur",
        "Harbour Times · Updated 4 March 2026",
        "By Lena Marsh in Port Sembada | Updated 22 June 2026, 11:15",
    ],
)
def test_a_line_of_timestamp_segments_is_furniture(line: str) -> None:
    assert line_reason(line, "id") == "timestamp"


def test_a_sentence_beside_a_separator_is_not_a_timestamp() -> None:
    assert line_reason("Kapal terbakar | Sembilan orang tewas di perairan selat itu pada 3 Maret 2026.", "id") is None


@pytest.mark.parametrize(("line", "lang", "furniture"), [
    ("Por Rafael Teixeira | 16 de setembro de 2027", "pt", True),  # byline and dateline, "de" between
    ("Por Ana Lucía Ferrer | 15 de septiembre de 2027", "es", True),
    ("Par Claire Vautrin | 15 septembre 2027", "fr", True),
    ("Di Marco Ferrante", "it", True),
    ("Por último, o presidente agradeceu aos anfitriões.", "pt", False),
    ("El 15 de septiembre de 2027 los dos presidentes firmaron el acuerdo.", "es", False),
])  # fmt: skip
def test_bylines_and_datelines_in_every_language_with_data(line: str, lang: str, furniture: bool) -> None:
    assert (line_reason(line, lang) is not None) is furniture
