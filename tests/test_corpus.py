from datetime import date
from pathlib import Path

import pytest

from factcheck.claims import split_sentences
from factcheck.corpus import load_corpus
from factcheck.errors import InputError

BODY = (
    "Presiden Joko Widodo meresmikan kereta cepat di Stasiun Halim pada Senin (2/10/2023). "
    "Kereta itu mampu melaju hingga 350 km/jam dan melayani empat stasiun di sepanjang jalur. "
    "Menurut KCIC, operasi komersial dimulai pada 17 Oktober 2023 setelah uji coba gratis.\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_front_matter_sets_metadata_and_offsets(tmp_path):
    text = "---\ntitle: Uji\nsource: Contoh\npublished: 2023-10-03\n---\n" + BODY
    write(tmp_path, "a.md", text)
    (art,) = load_corpus([tmp_path])
    assert (art.id, art.title, art.source, art.published, art.published_from) == (
        "a.md",
        "Uji",
        "Contoh",
        date(2023, 10, 3),
        "front matter",
    )
    assert text[art.offset :].startswith("Presiden") and art.first_line == 6


def test_publication_date_from_text_when_no_front_matter(tmp_path):
    write(tmp_path, "b.txt", "Selasa, 3 Oktober 2023\n\n" + BODY)
    (art,) = load_corpus([tmp_path / "b.txt"])
    assert (art.published, art.published_from) == (date(2023, 10, 3), "header")


def test_tables_of_articles(tmp_path):
    import json

    rows = [
        {"id": "x1", "title": "Satu", "published": "2023-10-02", "text": BODY},
        {"id": "x2", "title": "Dua", "text": BODY.replace("350", "300")},
    ]
    write(tmp_path, "arts.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    arts = load_corpus([tmp_path])
    assert [a.id for a in arts] == ["x1", "x2"]
    assert arts[0].published == date(2023, 10, 2) and arts[1].first_line == 2 and arts[0].in_table


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "", "file is empty"),
        ("blank.md", "\n  \n", "file is empty"),
        ("bin.txt", b"\x00\x01\x02binary" * 10, "binary file"),
        (
            "latin1.txt",
            "Kereta cepat diresmikan di Bandung, kata menteri. ".encode("latin-1") * 5 + b"\xe9\xff",
            "not valid UTF-8",
        ),
        ("short.txt", "Hanya satu kalimat pendek.", "does not look like an article"),
        ("numbers.txt", "12 34 56 78 90 " * 20, "does not look like an article"),
        ("broken.md", "---\ntitle: [unclosed\n---\n" + BODY, "front matter is not valid YAML"),
        ("open.md", "---\ntitle: tidak ditutup\n" + BODY, "no closing '---'"),
        ("list.md", "---\n- a\n- b\n---\n" + BODY, "front matter must be a mapping"),
        ("baddate.md", "---\npublished: kapan-kapan saja\n---\n" + BODY, "cannot read the date"),
        ("bad.jsonl", '{"text": "ok"\n{not json', "cannot parse as JSONL"),
        ("nocol.csv", "judul,isi\nA,B\n", "no text column"),
        ("utf16.txt", BODY.encode("utf-16-le"), "UTF-16 text without a byte-order mark"),
        ("oneline.txt", "kata " * 30_000, "line 1 has 150,000 characters"),
        ("badrow.jsonl", '{"text": "ok"}\n[1, 2]\n', "badrow.jsonl:2: cannot parse as JSONL: expected an object"),
    ],
)
def test_bad_input_names_the_file(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(InputError) as info:
        load_corpus([path])
    assert name in str(info.value) and message in str(info.value)


def test_folder_without_articles(tmp_path):
    write(tmp_path, "notes.pdf", "x")
    with pytest.raises(InputError, match="no articles found"):
        load_corpus([tmp_path])


def test_missing_path_and_unsupported_type(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_corpus([tmp_path / "nope"])
    with pytest.raises(InputError, match="unsupported file type"):
        load_corpus([write(tmp_path, "x.pdf", "x")])


def test_huge_file_is_refused(tmp_path, monkeypatch):
    import factcheck.corpus as corpus

    monkeypatch.setattr(corpus, "MAX_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        load_corpus([write(tmp_path, "big.txt", BODY * 20)])


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Mr Kim tiba. Dia disambut.", ["Mr Kim tiba.", "Dia disambut."]),
        ("Biayanya US$7,3 miliar. Itu mahal.", ["Biayanya US$7,3 miliar.", "Itu mahal."]),
        ("Dia bertemu Dr. Park di Seoul. Lalu pulang.", ["Dia bertemu Dr. Park di Seoul.", "Lalu pulang."]),
        (
            "Profesor di Daniel K. Inouye Center bicara. Selesai.",
            ["Profesor di Daniel K. Inouye Center bicara.", "Selesai."],
        ),
        (
            "“Ini penting. Sangat penting,” kata Kirby. Dia pergi.",
            ["“Ini penting.", "Sangat penting,” kata Kirby.", "Dia pergi."],
        ),
        ("“Kami siap.” Menteri itu tersenyum.", ["“Kami siap.”", "Menteri itu tersenyum."]),
        ("Judul Tanpa Titik\nIsi berita di sini.", ["Judul Tanpa Titik", "Isi berita di sini."]),
        ("Kecepatan 2.5 kali lipat dll. dan seterusnya.", ["Kecepatan 2.5 kali lipat dll. dan seterusnya."]),
    ],
)
def test_split_sentences(text, sentences):
    found = split_sentences(text)
    assert [s.text for s in found] == sentences
    assert all(text[s.start : s.end] == s.text for s in found)
