"""Sources: near-duplicate articles are one source; lines repeated across sources are furniture."""

from __future__ import annotations

from pathlib import Path

from factcheck.corpus import load_corpus
from factcheck.sources import find_sources, line_template, repeated_lines

BODY = (
    "Menteri Pekerjaan Umum Basuki Hartono meresmikan Bendungan Karangsari di Kota Malang pada Senin (4/3/2024).\n\n"
    "Bendungan itu mampu menampung 52 juta meter kubik air untuk mengairi sawah di tiga kecamatan sekitar.\n\n"
    "Anggaran proyek ini mencapai Rp 2,1 triliun yang seluruhnya berasal dari anggaran negara tahun ini.\n\n"
    "Wali Kota Malang Sutiaji Pranoto mengatakan bendungan itu akan mengurangi banjir yang sering melanda warga.\n"
)
OTHER = (
    "Tim nasional bola voli putri Indonesia menjuarai turnamen antarnegara di Jakarta pada Minggu malam.\n\n"
    "Pelatih tim mengatakan para pemain tampil disiplin sejak babak penyisihan hingga partai puncak yang ketat.\n\n"
    "Ribuan penonton memadati gedung olahraga sejak sore untuk menyaksikan pertandingan final tersebut.\n"
)
THIRD = (
    "Harga cabai rawit di pasar tradisional Kota Malang naik tajam menjelang musim hujan tahun ini.\n\n"
    "Para pedagang mengatakan pasokan dari petani di lereng gunung berkurang karena cuaca buruk.\n"
)
CREDIT = "Laporan ini disusun oleh tim redaksi {outlet} untuk para pembaca setia."


def _write(root: Path, name: str, body: str, title: str, source: str) -> None:
    (root / name).write_text(f"---\ntitle: {title}\nsource: {source}\npublished: 2024-03-04\n---\n{body}", "utf-8")


def test_same_text_twice_and_syndicated_copy_are_one_source(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", BODY, "Bendungan Karangsari Diresmikan", "Kabar Malang")
    _write(tmp_path, "a_copy.md", BODY, "Bendungan Karangsari Diresmikan", "Kabar Malang")
    # wire copy: new headline, another outlet, a credit line added at the end
    _write(
        tmp_path, "wire.md", "# Menteri Resmikan Bendungan Baru\n\n" + BODY + "\n(Antara)\n", "Bendungan Baru", "Antara"
    )
    _write(tmp_path, "other.md", OTHER, "Voli Putri Juara", "Warta Olahraga")
    sources = find_sources(load_corpus([tmp_path]))
    assert sources.copies() == {"a.md": ("a.md", "a_copy.md", "wire.md")}
    assert sources.of("wire.md") == "a.md"
    assert sources.of("other.md") == "other.md"
    assert len(sources.members) == 2


def test_articles_sharing_one_paragraph_are_different_sources(tmp_path: Path) -> None:
    first = BODY.split("\n\n")[0]
    _write(tmp_path, "a.md", BODY, "Bendungan", "Kabar Malang")
    _write(tmp_path, "b.md", first + "\n\n" + OTHER, "Lain", "Warta Jatim")
    assert find_sources(load_corpus([tmp_path])).copies() == {}


def test_credit_line_repeated_in_three_sources_is_furniture(tmp_path: Path) -> None:
    bodies = [BODY, OTHER, THIRD]
    outlets = ["Kabar Malang", "Warta Jatim", "Suara Arema"]
    for i, (body, outlet) in enumerate(zip(bodies, outlets, strict=True)):
        _write(tmp_path, f"{i}.md", body + "\n" + CREDIT.format(outlet=outlet) + "\n", f"Judul {i}", outlet)
    arts = load_corpus([tmp_path])
    spans = repeated_lines(arts, find_sources(arts))
    assert sorted(s.article for s in spans) == ["0.md", "1.md", "2.md"]
    for s in spans:
        text = next(a for a in arts if a.id == s.article).text
        art = next(a for a in arts if a.id == s.article)
        assert text[s.start - art.offset : s.end - art.offset].startswith("Laporan ini disusun")


def test_line_in_two_sources_or_inside_articles_is_not_furniture(tmp_path: Path) -> None:
    for i, outlet in enumerate(["Kabar Malang", "Warta Jatim"]):
        _write(tmp_path, f"{i}.md", OTHER + "\n" + CREDIT.format(outlet=outlet) + "\n", f"Judul {i}", outlet)
    arts = load_corpus([tmp_path])
    assert repeated_lines(arts, find_sources(arts)) == []


def test_line_template_masks_names_and_digits() -> None:
    assert line_template("Laporan tim redaksi Kabar Malang, 12 Maret") == line_template(
        "Laporan tim redaksi Suara Arema, 3 Mei"
    )
    assert line_template("Harga naik 5 persen") != line_template("Harga turun 5 persen")
