"""What real news pages carry and the first version read wrongly: datelines, outlets, glued currency
signs, demonyms, demands, figures of different things, paragraphs that look back, and the
development corpus (``data/dev``: two verdicts of one court, four languages, a syndicated copy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.claims import extract_claims, resolve_aliases
from factcheck.corpus import Article, load_corpus
from factcheck.furniture import dateline, find_furniture
from factcheck.lang import data as lang_data
from factcheck.normalize.entities import find_entities
from factcheck.normalize.modality import classify_modality
from factcheck.normalize.numbers import find_quantities
from factcheck.pipeline import AuditResult, audit_articles
from factcheck.sources import find_sources
from tests.fakes import FakeNLI

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"


@pytest.mark.parametrize(
    ("line", "head"),
    [
        ("BANDAR LAYAR, Kabar Kita — Majelis hakim menjatuhkan vonis kemarin.", "BANDAR LAYAR, Kabar Kita — "),
        ("Kota Baru (ANTARA) - Pengadilan memvonis terdakwa pada Kamis.", "Kota Baru (ANTARA) - "),
        ("Madrid, 3 jun (Agencia Sur).- Un tribunal condenó al exalcalde.", "Madrid, 3 jun (Agencia Sur).- "),
        ("LONDON (Wire) — The court sentenced the former mayor on Tuesday.", "LONDON (Wire) — "),
        ("JAKARTA — Presiden membuka pameran itu.", "JAKARTA — "),
    ],
)
def test_a_dateline_is_found(line: str, head: str) -> None:
    assert line[: dateline(line)] == head


@pytest.mark.parametrize(
    "line",
    [
        "Kim Jong Un — pemimpin Korea Utara — tiba di stasiun itu.",
        "Jalan poros Sembilu–Lubuk Perai rusak parah sejak 2023 dan warga mengeluh.",
        "Presiden Jokowi, yang hadir — tersenyum lebar di depan wartawan.",
        "A former regent was sentenced on Thursday to eight years behind bars.",
    ],
)
def test_prose_with_a_dash_is_no_dateline(line: str) -> None:
    assert dateline(line) == 0


def test_dateline_slots_are_not_claimed() -> None:
    """The filing city and the outlet of a dateline are furniture: no place slot, no entity."""
    text = "KOTA LAYAR, Kabar Kita — Pengadilan Negeri Kota Layar memvonis Budi Santosa tujuh tahun penjara.\n"
    spans = find_furniture(text, "id")
    assert [(s.reason, text[s.start : s.end]) for s in spans] == [("dateline", "KOTA LAYAR, Kabar Kita — ")]
    claims = extract_claims(Article("a", "a.md", text, source="Kabar Kita"))
    assert claims[0].text.startswith("Pengadilan Negeri")
    assert "kabar kita" not in {e.key for e in claims[0].entities}


def test_glued_currency_signs_and_other_languages_currencies() -> None:
    (q,) = find_quantities("merugikan keuangan negara Rp12,4 miliar.", langs="id")
    assert (q.value, q.unit) == (12.4e9, "IDR")
    (q,) = find_quantities("condenado a pagar 50 millones de rupias", langs="es")
    assert (q.value, q.unit) == (50e6, "IDR")
    (q,) = find_quantities("eine Geldstrafe von 500 Millionen Rupiah", langs="de")
    assert (q.value, q.unit) == (500e6, "IDR")
    assert find_quantities("pesawat Su-57 dan KTT G20", langs="id") == []
    names = find_entities("Hakim menjatuhkan denda Rp500 juta kepada Budi Santosa.")
    assert [e.text for e in names] == ["Budi Santosa"]


@pytest.mark.parametrize(
    ("word", "country"),
    [("Indonesian", "indonesia"), ("Chinese", "china"), ("Israeli", "israel"), ("Ukrainian", "ukraine"),
     ("indonesio", "indonesia"), ("russisch", "russia"), ("Adrian", None), ("Darmawan", None), ("Roman", None)],
)
def test_demonyms_name_their_country(word: str, country: str | None) -> None:
    assert lang_data(("en", "es", "de", "id")).countries.key(word) == country


@pytest.mark.parametrize(
    ("sentence", "lang", "kind"),
    [
        ("Jaksa penuntut umum sebelumnya menuntut agar terdakwa dipenjara selama 10 tahun.", "id", "plan"),
        ("Prosecutors had sought a 10-year term.", "en", "plan"),
        ("La fiscalía había pedido diez años de cárcel.", "es", "plan"),
        ("Die Staatsanwaltschaft forderte zehn Jahre Haft.", "de", "plan"),
        ("Majelis hakim menjatuhkan vonis delapan tahun penjara.", "id", "fact"),
    ],
)
def test_a_demand_is_not_an_outcome(sentence: str, lang: str, kind: str) -> None:
    assert classify_modality(sentence, lang).kind == kind


def test_the_corpus_decides_a_name_s_kind() -> None:
    """Mentions disagree on a name's kind; the corpus's evidence wins: a city named after a station
    with no cue of its own is a place, a person read as a place after Spanish "a" is a person."""
    texts = {
        "a": "Kereta berangkat dari Stasiun Halim, Jakarta, pada pagi hari.",
        "b": "Presiden tiba di Jakarta pada Senin pagi untuk meninjau proyek itu.",
        "c": "Ribuan warga di Jakarta menyambut kedatangan kereta itu.",
        "d": "El tribunal condenó a Darmawan Sukmajaya a ocho años de prisión.",
        "e": "Darmawan Sukmajaya mengatakan ia akan mengajukan banding atas putusan itu.",
        "f": "Kuasa hukum Darmawan Sukmajaya menilai putusan itu terlalu berat bagi kliennya.",
    }
    arts = [Article(k, f"{k}.md", v, language="es" if k == "d" else "id") for k, v in texts.items()]
    claims = resolve_aliases([c for a in arts for c in extract_claims(a)])
    kinds = {(c.article, e.key): e.kind for c in claims for e in c.entities}
    assert kinds[("a", "jakarta")] == "place"
    assert kinds[("d", "darmawan sukmajaya")] == "person_or_org"


def _article(name: str, source: str, body: str) -> str:
    return f"---\ntitle: {name}\nsource: {source}\npublished: 2026-03-05\n---\n\n{body}"


def test_a_wire_copy_with_a_new_intro_and_another_outlet_s_furniture_is_one_source(tmp_path: Path) -> None:
    paras = [
        "Majelis hakim menyatakan terdakwa terbukti bersalah menerima suap dari kontraktor proyek jembatan itu.",
        "Terdakwa juga diwajibkan membayar denda sebesar Rp400 juta serta uang pengganti Rp2,5 miliar kepada negara.",
        "Dalam persidangan, jaksa menghadirkan dua puluh saksi, termasuk pejabat dinas dan pemilik perusahaan.",
        "Kuasa hukum terdakwa menyatakan kliennya masih mempertimbangkan langkah hukum berikutnya setelah putusan.",
        "Kasus ini bermula dari laporan warga tentang jembatan yang retak hanya setahun setelah selesai dibangun.",
    ]
    wire = "Kota Layar (KBL) - Pengadilan Tipikor Kota Layar, Kamis (5/3), memvonis Budi Santosa enam tahun.\n\n"
    copy = (
        "Bagikan: Facebook | X | WhatsApp\n\nKota Layar (KBL) - Mantan kepala dinas Budi Santosa divonis enam "
        "tahun penjara oleh Pengadilan Tipikor Kota Layar, Kamis (5/3).\n\n"
    )
    (tmp_path / "wire.md").write_text(
        _article("w", "Kantor Berita Layar", wire + "\n\n".join(paras) + "\n\nPewarta: Sari\nEditor: Dodi\n"), "utf-8"
    )
    (tmp_path / "copy.md").write_text(
        _article("c", "Pos Layar", copy + "\n\n".join(paras) + "\n\nArtikel ini telah tayang di Berita Layar.\n"),
        "utf-8",
    )
    sources = find_sources(load_corpus([tmp_path]))
    assert sources.of("copy.md") == sources.of("wire.md")


@pytest.fixture(scope="module")
def dev(e5) -> AuditResult:
    return audit_articles(load_corpus([DEV]), scorer=FakeNLI(), embedder=e5)


def _event(result: AuditResult, prefix: str) -> str:
    assert result.events is not None
    return next(ev for art, ev in result.events.article_event.items() if art.startswith(prefix))


def test_dev_two_verdicts_of_one_court_are_two_events(dev: AuditResult) -> None:
    """Every article names the first defendant, so he must still count (idf log(1 + n/df)); the outlet
    names of the datelines must not link articles; the English and Spanish wires join their event."""
    main = {_event(dev, f"{k:02d}_") for k in range(1, 9)}
    second = {_event(dev, f"{k}_") for k in (10, 11, 12)}
    assert len(main) == 1 and len(second) == 1 and main != second


def test_dev_syndicated_copy_is_one_source(dev: AuditResult) -> None:
    assert dev.sources is not None
    assert dev.sources.of("03_sembilu_pos.md") == dev.sources.of("02_antarpulau.md")


def test_dev_look_back_paragraph_joins_the_first_verdict(dev: AuditResult) -> None:
    """"Bulan lalu, majelis hakim ... menjatuhkan vonis delapan tahun ... kepada Darmawan. Hakim juga
    mewajibkan Darmawan ..." in the appeal article: both sentences belong to the first verdict."""
    recalled = [c for c in dev.claims if c.article.startswith("09_") and "Darmawan" in c.text and c.line == 13]
    assert len(recalled) == 2
    assert {c.event for c in recalled} == {_event(dev, "01_")}


def test_dev_no_finding_compares_the_two_verdicts_or_a_demand_with_a_sentence(dev: AuditResult) -> None:
    for f in dev.findings:
        if f.kind != "contradiction":
            continue
        assert len({c.event for c in f.claims}) == 1, f.reason
        # a figure asked for (10 years) against the one handed down (8) is no conflict; who said a
        # statement is no modality of it (a quote read as a plan by one source, an opinion by another)
        if not f.review and f.checks[0] not in ("date", "attribution"):
            assert len({c.modality.kind for c in f.claims}) == 1, f.reason


def test_dev_prison_term_and_verdict_date_are_aligned_across_paraphrased_leads(dev: AuditResult) -> None:
    """Leads with different verbs ("menjatuhkan vonis", "memvonis", "menghukum", "sentenced",
    "condenó") state one attribute: the sentence and the date of the verdict each form one fact
    holding most of the eight articles, and the wrong date of 05 is a conflict inside it."""
    ev = _event(dev, "01_")
    sentence = [f for f in dev.facts if f.event == ev and f.kind == "number" and f.values[0].value == "8 year"]
    assert sentence and max(f.sources for f in sentence) >= 6
    dates = [f for f in dev.facts if f.event == ev and f.kind == "date" and f.values[0].value.startswith("14 Mei")]
    best = max(dates, key=lambda f: f.sources)
    assert best.sources >= 6 and best.conflict
    assert any(v.value.startswith("13 Mei") for v in best.values)
