"""Events: clustering articles into events, claims' events (look-back), recycled pages, copies,
and comparing only within one event. Hand-made corpora, the real offline embedder, the fake NLI."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from factcheck.claims import Claim
from factcheck.corpus import Article, load_corpus
from factcheck.events import (
    ORG,
    ArticleFeatures,
    EventConfig,
    Events,
    _Cluster,
    _lead_people,
    _linkage,
    _unnamed_in,
    cluster,
    contrasted,
    event_frame,
)
from factcheck.normalize.modality import Modality
from factcheck.pipeline import AuditResult, audit_articles
from factcheck.report import render_markdown, to_json
from tests.fakes import FakeNLI

MINISTER = "Menteri Pekerjaan Umum Basuki Hartono"
MAYOR = "Wali Kota Malang Sutiaji Pranoto"
# Two events with the same officials in the same city, eleven weeks apart.
DAM = {
    "dam_kabar.md": (
        "Kabar Malang",
        "2024-03-04",
        (
            f"{MINISTER} meresmikan Bendungan Karangsari di Kota Malang pada Senin (4/3/2024).\n\n"
            "Bendungan Karangsari mampu menampung 52 juta meter kubik air untuk mengairi sawah di tiga kecamatan.\n\n"
            "Anggaran proyek ini mencapai Rp 2,1 triliun yang seluruhnya berasal dari anggaran negara.\n\n"
            f"{MAYOR} mengatakan Bendungan Karangsari akan mengurangi banjir yang setiap tahun melanda warga.\n"
        ),
    ),
    "dam_warta.md": (
        "Warta Jatim",
        "2024-03-05",
        (
            f"Bendungan Karangsari di Kota Malang diresmikan oleh {MINISTER} pada Senin (4/3/2024) siang.\n\n"
            "Waduk seluas 300 hektare itu menampung 52 juta meter kubik air dan mengairi ribuan hektare sawah.\n\n"
            "Pembangunan bendungan tersebut menghabiskan Rp 2,1 triliun selama empat tahun pengerjaan.\n\n"
            "Petani di sekitar Karangsari berharap pasokan air untuk musim tanam berikutnya lebih terjamin.\n"
        ),
    ),
    "dam_suara.md": (
        "Suara Arema",
        "2024-03-04",
        (
            f"Bendungan Karangsari resmi beroperasi setelah diresmikan {MINISTER} di Kota Malang, Senin (4/3/2024).\n\n"
            "Bendungan yang dibangun sejak 2020 itu menampung 52 juta meter kubik air dari Sungai Karangsari.\n\n"
            f"{MAYOR} menyebut Bendungan Karangsari sebagai proyek terbesar di Kota Malang dalam sepuluh tahun.\n"
        ),
    ),
}
TERMINAL = {
    "terminal_kabar.md": (
        "Kabar Malang",
        "2024-05-21",
        (
            f"{MINISTER} meresmikan Terminal Arjosari Baru di Kota Malang pada Selasa (21/5/2024).\n\n"
            "Terminal Arjosari Baru mampu melayani 12.000 penumpang bus antarkota setiap hari.\n\n"
            "Anggaran proyek ini mencapai Rp 450 miliar dari anggaran negara dan daerah.\n\n"
            f"{MAYOR} mengatakan Terminal Arjosari Baru akan mengurai kemacetan di utara Kota Malang.\n"
        ),
    ),
    "terminal_warta.md": (
        "Warta Jatim",
        "2024-05-22",
        (
            f"Terminal Arjosari Baru di Kota Malang diresmikan oleh {MINISTER} pada Selasa (21/5/2024) pagi.\n\n"
            "Terminal itu dapat melayani 12.000 penumpang per hari dengan 40 jalur keberangkatan bus.\n\n"
            "Anggaran proyek ini mencapai Rp 520 miliar menurut dinas perhubungan setempat.\n\n"
            "Pada 4 Maret 2024 lalu, Basuki Hartono juga meresmikan Bendungan Karangsari di Kota Malang.\n"
        ),
    ),
    "terminal_suara.md": (
        "Suara Arema",
        "2024-05-21",
        (
            f"Terminal Arjosari Baru resmi dibuka {MINISTER} di Kota Malang, Selasa (21/5/2024).\n\n"
            "Terminal yang dibangun selama dua tahun itu melayani 12.000 penumpang setiap hari.\n\n"
            f"{MAYOR} berharap Terminal Arjosari Baru menjadi gerbang utama Kota Malang bagi wisatawan.\n"
        ),
    ),
}
# An old dam story republished months later under a new date.
RECYCLED = {
    "dam_portal.md": (
        "Portal Kita",
        "2024-09-16",
        (
            f"{MINISTER} meresmikan Bendungan Karangsari di Kota Malang pada Senin (4/3/2024).\n\n"
            "Bendungan Karangsari mampu menampung 52 juta meter kubik air bagi sawah di sekitar Karangsari.\n\n"
            f"{MAYOR} menyebut Bendungan Karangsari akan mengurangi banjir di Kota Malang.\n"
        ),
    ),
}


def _write(root: Path, articles: dict[str, tuple[str, str, str]], title: str = "Berita") -> None:
    for name, (source, published, body) in articles.items():
        (root / name).write_text(
            f"---\ntitle: {title} {name}\nsource: {source}\npublished: {published}\n---\n{body}", "utf-8"
        )


@pytest.fixture(scope="module")
def two_events(tmp_path_factory: pytest.TempPathFactory, e5) -> AuditResult:
    root = tmp_path_factory.mktemp("two_events")
    _write(root, DAM | TERMINAL | RECYCLED)
    # a syndicated copy of the Kabar Malang dam story: new headline, another outlet
    _, published, body = DAM["dam_kabar.md"]
    (root / "dam_wire.md").write_text(
        f"---\ntitle: Bendungan Baru untuk Malang\nsource: Antara Jatim\npublished: {published}\n---\n"
        f"# Bendungan Baru untuk Malang\n\n{body}",
        "utf-8",
    )
    return audit_articles(load_corpus([root]), scorer=FakeNLI(), embedder=e5)


def _event_of(result: AuditResult, article: str) -> str:
    assert result.events is not None
    return result.events.article_event[article]


def test_two_events_sharing_officials_and_a_city(two_events: AuditResult) -> None:
    assert two_events.events is not None
    groups = sorted(sorted(f.articles) for f in two_events.events.frames)
    assert groups == [
        sorted([*DAM, *RECYCLED, "dam_wire.md"]),
        sorted(TERMINAL),
    ]
    dam = two_events.events.frame(_event_of(two_events, "dam_kabar.md"))
    assert dam is not None and dam.date_lo is not None
    assert dam.date_lo.isoformat() == "2024-03-04" and "Malang" in dam.title


def test_claims_are_compared_within_one_event_only(two_events: AuditResult) -> None:
    for p in two_events.pairs:
        a, b = two_events.claims[p.a], two_events.claims[p.b]
        assert a.event == b.event, (a.text, b.text)
    for f in two_events.findings:
        assert len({c.event for c in f.claims}) == 1
        assert f.event == f.claims[0].event
    # the terminal's cost differs within its event (450 vs 520 miliar): found; the dam's 2,1 triliun is never set
    # against the terminal's figures
    numbers = [f for f in two_events.findings if f.kind == "contradiction" and "number" in f.checks]
    assert any({c.article for c in f.claims} == {"terminal_kabar.md", "terminal_warta.md"} for f in numbers)
    assert not any("2,1 triliun" in c.text for f in numbers for c in f.claims if "terminal" in c.article)


def test_look_back_sentence_joins_the_earlier_event(two_events: AuditResult) -> None:
    looking_back = next(c for c in two_events.claims if c.text.startswith("Pada 4 Maret 2024 lalu"))
    assert looking_back.article == "terminal_warta.md"
    assert looking_back.event == _event_of(two_events, "dam_kabar.md")
    assert two_events.events is not None
    assert "looks back" in two_events.events.notes[looking_back.id]


def test_recycled_page_is_flagged(two_events: AuditResult) -> None:
    assert two_events.events is not None
    dam = two_events.events.frame(_event_of(two_events, "dam_kabar.md"))
    assert dam is not None and dam.recycled == ("dam_portal.md",)
    assert "recycled" in two_events.events.notes["dam_portal.md"]
    md = render_markdown(two_events, "two events")
    assert "Recycled page: `" in md and "dam_portal.md" in md


def test_syndicated_copy_is_one_source_that_never_confirms_itself(two_events: AuditResult) -> None:
    assert two_events.sources is not None
    assert two_events.sources.of("dam_wire.md") == two_events.sources.of("dam_kabar.md")
    for p in two_events.pairs:
        arts = {two_events.claims[p.a].article, two_events.claims[p.b].article}
        assert arts != {"dam_wire.md", "dam_kabar.md"}
    for f in two_events.findings:
        assert not {"dam_wire.md", "dam_kabar.md"} <= {c.article for c in f.claims}
    md = render_markdown(two_events, "two events")
    assert "Same copy" in md and "Antara Jatim" in md and "Kabar Malang" in md


def test_json_has_event_fields(two_events: AuditResult) -> None:
    doc = json.loads(json.dumps(to_json(two_events)))
    ids = {e["id"] for e in doc["events"]}
    assert len(ids) == 2
    for e in doc["events"]:
        assert e["title"] and e["articles"] and e["date_from"] <= e["date_to"]
    assert doc["findings"]
    for f in doc["findings"]:
        assert f["event"] in ids
        assert all(c["event"] in ids for c in f["claims"])
        for key in ("rank", "kind", "severity", "score", "reason", "checks", "nli", "claims"):
            assert key in f
    assert doc["copies"] == [
        {
            "source": "dam_kabar.md",
            "articles": ["dam_kabar.md", "dam_wire.md"],
            "outlets": ["Kabar Malang", "Antara Jatim"],
        }
    ]


def test_markdown_has_a_section_per_event(two_events: AuditResult) -> None:
    md = render_markdown(two_events, "two events")
    assert "\n## E1: " in md and "\n## E2: " in md and "\n## E3" not in md and "\n## Events\n" in md
    assert "### Contradictions in E" in md


def test_one_event_corpus_reads_as_before(demo_audit: AuditResult) -> None:
    assert demo_audit.events is not None and len(demo_audit.events.frames) == 1
    md = render_markdown(demo_audit, "demo")
    assert "## Events" not in md and "\n## Contradictions\n" in md


def _synthetic(n_events: int, per_event: int, seed: int) -> tuple[ArticleFeatures, list[int]]:
    """Features of a corpus of ``n_events`` x ``per_event`` articles: an embedding near its event's
    centre, a few event-specific entity keys plus shared ones, dates near the event's day."""
    rng = np.random.default_rng(seed)
    dim = 64
    centres = rng.normal(size=(n_events, dim))
    vectors, ents, dates, days, truth = [], [], [], [], []
    for e in range(n_events):
        day = 738000 + int(rng.integers(0, 700))
        for _ in range(per_event):
            v = 0.9 * np.ones(dim) / np.sqrt(dim) + 0.3 * centres[e] / np.linalg.norm(centres[e])
            v = v + 0.05 * rng.normal(size=dim)
            vectors.append(v / np.linalg.norm(v))
            keys = {f"e{e}k{k}": 1.0 for k in range(4) if rng.random() < 0.8}
            keys |= {f"shared{int(rng.integers(0, 20))}": 0.5, f"official{e % 7}": 0.5}
            norm = np.sqrt(sum(x * x for x in keys.values()))
            ents.append({k: x / norm for k, x in keys.items()})
            dates.append({day // 7: 1.0})
            days.append(float(day))
            truth.append(e)
    f = ArticleFeatures([str(i) for i in range(len(truth))], np.array(vectors, dtype=np.float32), ents, dates, days)
    return f, truth


def test_clustering_is_pure_and_does_not_chain_on_synthetic_features() -> None:
    f, truth = _synthetic(40, 5, seed=3)
    labels = cluster(f, EventConfig(exact_below=50))  # hnswlib path
    by_label: dict[int, set[int]] = {}
    for lab, t in zip(labels, truth, strict=True):
        by_label.setdefault(lab, set()).add(t)
    assert all(len(ts) == 1 for ts in by_label.values())  # never two events in one cluster
    assert len(by_label) <= 44  # and events are (nearly) whole


def _pair_features(day_b: float, place_b: str) -> ArticleFeatures:
    """Two articles naming the same actors (one strong, shared entity vector), one dated day 0 in
    Marunda, the other ``day_b`` days later in ``place_b``."""
    vec = np.ones((2, 8), dtype=np.float32) / np.sqrt(8)
    ents = [{"rani wiradana": 1.0}, {"rani wiradana": 1.0}]
    days = [1000.0, 1000.0 + day_b]
    dates = [{int(d) // 7: 1.0} for d in days]
    places = [frozenset({"marunda"}), frozenset({place_b})]
    return ArticleFeatures(["a", "b"], vec, ents, dates, days, places=places, lead_places=places)


@pytest.mark.parametrize(
    ("day_b", "place_b", "discounted"),
    [
        (1, "marunda", False),  # the same day, the same place
        (1, "belorsk", True),  # the same day elsewhere: two events (a lighter discount)
        (5, "marunda", False),  # days apart, one place: a multi-day event
        (5, "belorsk", True),  # days apart and elsewhere: another event of the same actors
        (10, "marunda", True),  # more than a week apart
    ],
)
def test_days_apart_and_elsewhere_discount_the_linkage(day_b: float, place_b: str, discounted: bool) -> None:
    from factcheck.events import _Cluster, _linkage

    config = EventConfig()
    f = _pair_features(day_b, place_b)
    a, b = (_Cluster([i], f.vectors[i].astype(np.float64), dict(f.entities[i]), dict(f.dates[i]), f.centre[i] or 0.0,
                     1, set(f.places[i]), set(f.lead_places[i])) for i in range(2))
    same = _pair_features(0, "marunda")
    a0, b0 = (_Cluster([i], same.vectors[i].astype(np.float64), dict(same.entities[i]), dict(same.dates[i]),
                       same.centre[i] or 0.0, 1, set(same.places[i]), set(same.lead_places[i])) for i in range(2))
    score, base = _linkage(a, b, 0.0, config), _linkage(a0, b0, 0.0, config)
    assert score is not None and base is not None
    # the date histograms differ too; the discount is what is on top of that
    undiscounted = base - config.w_dates * (1 - sum(f.dates[0].get(k, 0) * v for k, v in f.dates[1].items()))
    assert (score < undiscounted - 1e-9) == discounted
    far = dataclasses.replace(b, centre_sum=1000.0 + config.veto_days + 1)
    assert _linkage(a, far, 0.0, config) is None  # far apart in time: never merged


def _two_stories(n_first: int, n_second: int) -> ArticleFeatures:
    """Articles of two stories 26 days apart that share one strong name and differ in another
    (two landslides of one regency): ``n_first`` dated day 1000, ``n_second`` day 1026."""
    n = n_first + n_second
    vec = np.ones((n, 8), dtype=np.float32) / np.sqrt(8)
    ents = [{"danau": 0.8, "watu": 0.6}] * n_first + [{"danau": 0.8, "suka": 0.6}] * n_second
    days = [1000.0] * n_first + [1026.0] * n_second
    dates = [{int(d) // 7: 1.0} for d in days]
    return ArticleFeatures([str(i) for i in range(n)], vec, ents, dates, days)


def test_two_dated_groups_weeks_apart_stay_two_events_but_one_misdated_article_joins() -> None:
    config = EventConfig(exact_below=50)
    assert len(set(cluster(_two_stories(3, 3), config))) == 2
    assert len(set(cluster(_two_stories(3, 1), config))) == 1  # one article with another date: an error to report
    # without the rule the names merge the two stories
    assert len(set(cluster(_two_stories(3, 3), dataclasses.replace(config, both_dated=False)))) == 1


def _about(people: dict[str, int], names: set[str], n: int, day: float = 1000.0) -> _Cluster:
    """A cluster of ``n`` articles sharing one strong name, ``people[k]`` of them leading with person
    ``k``, all naming ``names`` somewhere."""
    return _Cluster(
        list(range(n)), np.ones(8) / np.sqrt(8) * n, {"pengadilan negeri marunda": float(n)}, {int(day) // 7: float(n)},
        day * n, n, {"marunda"}, {"marunda"}, Counter(people), set(names) | {k.removeprefix(ORG) for k in people},
    )  # fmt: skip


def test_two_stories_about_different_people_are_discounted() -> None:
    """Two verdicts of one court on the same days: each cluster leads with a defendant the other
    never names. A cluster that names the other's people (a side official quoted, an article that
    also names someone else) is one story."""
    config = EventConfig()
    first, second = _about({"rani wiradana": 3}, set(), 3), _about({"budi salim": 2}, set(), 2)
    assert contrasted(first, second)
    one = _linkage(first, second, 0.0, dataclasses.replace(config, contrast=1.0))
    two = _linkage(first, second, 0.0, config)
    assert one is not None and two is not None and two == pytest.approx(one * config.contrast)
    assert _linkage(first, second, 0.0, dataclasses.replace(config, contrast=0.0)) is None
    # the second story's articles also name the first's defendant: not contrasted
    assert not contrasted(first, _about({"budi salim": 2}, {"rani wiradana"}, 2))
    # one article quoting a spokesperson the others never name is still about the same people
    kim = _about({"kim jong un": 4, "vladimir putin": 3}, set(), 4)
    assert not contrasted(kim, _about({"kim jong un": 1, "vladimir putin": 1, "john kirby": 1}, set(), 1))
    # a person only one article in three leads with is not whom the story is about
    assert not contrasted(_about({"rani wiradana": 1}, {"budi salim"}, 3), second)
    # nor one of two (a wrong speaker in one article's lead), while a lone article is about its lead
    assert not contrasted(_about({"rani wiradana": 2, "joko": 1}, set(), 2), _about({"rani wiradana": 3}, set(), 3))
    assert contrasted(_about({"rani wiradana": 1, "joko": 1}, set(), 1), _about({"budi salim": 3}, {"joko"}, 3))


def test_organisations_are_matched_by_their_words_across_languages() -> None:
    """One buyer's two acquisitions: each story leads with a target the other never names. A court
    named in another language ("Makassar District Court") still names "Pengadilan Negeri Makassar"."""
    buyer = ORG + "pt teluk semen"
    first = _about({buyer: 3, ORG + "pt rimba energi": 3}, {"pt teluk semen", "pt rimba energi"}, 3)
    second = _about({buyer: 2, ORG + "pt mega sarana tekno": 2}, {"pt teluk semen", "pt mega sarana tekno"}, 2)
    assert contrasted(first, second)
    court_id = _about({ORG + "pengadilan negeri makassar": 3}, set(), 3)
    court_en = _about({ORG + "makassar district court": 2}, set(), 2)
    assert not contrasted(court_id, court_en)
    assert not _unnamed_in(ORG + "pengadilan negeri makassar", court_en)
    assert _unnamed_in(ORG + "pt rimba energi", second)
    # a company form alone ("PT") is no name of its own
    assert not contrasted(_about({ORG + "pt": 2}, set(), 2), _about({ORG + "cv": 2}, set(), 2))


def test_two_groups_in_two_places_on_the_same_days_are_discounted_twice() -> None:
    """The same official in two cities on one day, each city given by two articles or more: two
    stories (a minister opening two projects). One article placing it elsewhere is an error to report."""
    config = EventConfig()

    def group(n: int, place: str) -> _Cluster:
        c = _about({}, set(), n)
        c.places, c.lead_places = {place}, {place}
        return c

    def factor(x: _Cluster, y: _Cluster) -> float:
        same = dataclasses.replace(y, places=set(x.places), lead_places=set(x.lead_places))
        one, two = _linkage(x, y, 0.0, config), _linkage(x, same, 0.0, config)
        assert one is not None and two is not None
        return one / two

    assert factor(group(3, "medan"), group(2, "palembang")) == pytest.approx(
        config.elsewhere_same_days * config.elsewhere
    )
    assert factor(group(3, "medan"), group(1, "palembang")) == pytest.approx(config.elsewhere_same_days)
    assert factor(group(3, "medan"), group(2, "medan")) == pytest.approx(1.0)


def _placed(n: int, place: str, day: float = 1000.0) -> _Cluster:
    """A cluster of ``n`` articles dated ``day`` that lead with ``place``."""
    c = _about({}, set(), n, day)
    c.places, c.lead_places = {place}, {place}
    return c


def test_two_groups_dated_days_apart_are_discounted_once_more() -> None:
    """Two groups of articles, each dating the story, five days apart (under the week that makes two
    stories on its own): discounted; one article with another day is not (an error to report)."""
    config = EventConfig()
    off = dataclasses.replace(config, dated_groups=False)
    x, y = _placed(3, "medan"), _placed(2, "medan", day=1005.0)
    on_, off_ = _linkage(x, y, 0.0, config), _linkage(x, y, 0.0, off)
    assert on_ is not None and off_ is not None and on_ == pytest.approx(off_ * config.elsewhere)
    lone = _placed(1, "medan", day=1005.0)
    assert _linkage(x, lone, 0.0, config) == pytest.approx(_linkage(x, lone, 0.0, off))
    near = _placed(2, "medan", day=1001.0)  # a day apart: a time zone, an overnight story
    assert _linkage(x, near, 0.0, config) == pytest.approx(_linkage(x, near, 0.0, off))
    # days apart and elsewhere, each place given by two articles or more: discounted as on the same days
    no_groups = dataclasses.replace(off, both_dated=False)
    far = _placed(2, "palembang", day=1004.0)
    assert _linkage(x, far, 0.0, off) == pytest.approx(_linkage(x, far, 0.0, no_groups) * config.elsewhere)


def test_two_dated_groups_weeks_apart_are_never_one_event() -> None:
    """Two groups that each date their story a month apart (a flood in a village in January and
    another in March, the same official quoted): never merged. One article dated a month off
    (a wrong month) can still join, to be reported."""
    config = EventConfig()
    x = _placed(3, "medan")
    assert _linkage(x, _placed(2, "medan", day=1000.0 + config.group_veto_days + 1), 0.0, config) is None
    assert _linkage(x, _placed(2, "medan", day=1000.0 + config.group_veto_days - 1), 0.0, config) is not None
    assert _linkage(x, _placed(1, "medan", day=1000.0 + config.group_veto_days + 20), 0.0, config) is not None


def test_a_page_written_before_a_story_happened_reports_an_earlier_one() -> None:
    """One article dated six weeks before a group of pages, and written then (a buyer's earlier
    acquisition): it could not have reported the later story, so it is never merged with it. The same
    article written on the later day (a page with a wrong date, an error to report), or a preview
    written early but dating its story on the later day, still joins."""
    config = EventConfig()
    assert config.group_veto_days < 40
    group = _placed(3, "wanaseta", day=1040.0)
    group.written = 1041.0
    early = _placed(1, "wanaseta", day=1000.0)
    early.written = 1000.0
    assert _linkage(early, group, 0.0, config) is None and _linkage(group, early, 0.0, config) is None
    misdated = _placed(1, "wanaseta", day=1000.0)
    misdated.written = 1041.0
    assert _linkage(misdated, group, 0.0, config) is not None
    preview = _placed(1, "wanaseta", day=1040.0)
    preview.written = 1000.0
    assert _linkage(preview, group, 0.0, config) is not None
    unknown = _placed(1, "wanaseta", day=1000.0)  # no publication day: nothing to tell
    assert _linkage(unknown, group, 0.0, config) is not None
    days_before = _placed(1, "wanaseta", day=1030.0)  # ten days before: a cluster's day moves that much
    days_before.written = 1030.0
    assert _linkage(days_before, group, 0.0, config) is not None
    # a cluster's day is its last page's; one page of unknown day makes it unknown
    merged = _placed(1, "wanaseta", day=1000.0)
    merged.written = 1000.0
    merged.absorb(misdated)
    assert merged.written == 1041.0
    merged.absorb(unknown)
    assert merged.written is None


def test_event_titles_prefer_names_the_tagger_typed() -> None:
    shares = {"manfaatnya": 1.0, "garuda muda bridge": 0.9, "rani wiradana": 0.8, "apbd": 0.5, "marunda": 0.9}
    names = {"manfaatnya": "Manfaatnya", "garuda muda bridge": "Garuda Muda Bridge", "rani wiradana": "Rani Wiradana",
             "apbd": "APBD", "marunda": "Marunda"}  # fmt: skip
    kinds = {"marunda": "place"}

    def title(typed: frozenset[str]) -> tuple[str, ...]:
        article = Article("a", "a.md", "Teks.")
        return event_frame("E1", [0], [article], shares, {}, 1, names, kinds, (None, None), (), typed).actors

    # without a tagger the corpus ranking alone; with one, a single word it never typed is no actor
    assert title(frozenset()) == ("Manfaatnya", "Garuda Muda Bridge", "Rani Wiradana")
    assert title(frozenset({"rani wiradana", "apbd"})) == ("Garuda Muda Bridge", "Rani Wiradana", "APBD")


def test_an_article_is_about_the_people_of_its_lead() -> None:
    def claim(i: int, *people: str) -> Claim:
        fact = Modality("fact", None, False)
        return Claim(f"c{i}", "a", "a.md", i, "t", 0, 1, 1, (), (), (), None, fact, person_keys=frozenset(people))

    lead = [claim(0, "rani"), claim(1), claim(2, "budi"), claim(3, "joko"), claim(4, "joko")]
    assert _lead_people(lead) == {"rani", "budi"}
    # no one in the lead: the people it names most
    assert _lead_people([claim(0), claim(1), claim(2), claim(3, "joko"), claim(4, "joko", "budi")]) == {"joko"}
    assert _lead_people([claim(0)]) == frozenset()


BUYER = "PT Laksana Niaga"
DEALS = {
    # last year's acquisition, in the corpus
    "deal1_kabar.md": (
        "Kabar Bisnis",
        "2023-06-12",
        f"{BUYER} menandatangani akuisisi PT Sinar Tekstil di Surabaya pada Senin (12/6/2023).\n\n"
        "Nilai akuisisi itu mencapai 970 juta dolar AS menurut keterangan perusahaan.\n\n"
        "Perusahaan tekstil itu memiliki tiga pabrik dan ribuan karyawan di Jawa Timur.\n",
    ),
    "deal1_warta.md": (
        "Warta Niaga",
        "2023-06-13",
        f"Akuisisi PT Sinar Tekstil oleh {BUYER} diteken di Surabaya pada Senin (12/6/2023).\n\n"
        "Transaksi tersebut bernilai 970 juta dolar AS dan dibayar tunai.\n\n"
        "Para analis menilai akuisisi itu memperkuat posisi perusahaan di pasar tekstil.\n",
    ),
    # this year's acquisition by the same buyer; one article looks back with "tahun lalu"
    "deal2_kabar.md": (
        "Kabar Bisnis",
        "2024-08-05",
        f"{BUYER} menandatangani akuisisi PT Mega Logistik di Surabaya pada Senin (5/8/2024).\n\n"
        "Nilai akuisisi itu mencapai 840 juta dolar AS menurut keterangan perusahaan.\n\n"
        f"Tahun lalu, {BUYER} juga mengakuisisi PT Sinar Tekstil senilai 970 juta dolar AS.\n",
    ),
    "deal2_warta.md": (
        "Warta Niaga",
        "2024-08-06",
        f"Akuisisi PT Mega Logistik oleh {BUYER} diteken di Surabaya pada Senin (5/8/2024).\n\n"
        "Transaksi tersebut bernilai 840 juta dolar AS dan dibayar tunai.\n\n"
        "Para analis menilai akuisisi itu memperkuat posisi perusahaan di pasar logistik.\n",
    ),
}


def test_last_year_looks_back_to_the_earlier_event(tmp_path: Path, e5) -> None:
    """"Tahun lalu ..." dates a claim to the year before its article's event: it joins the earlier
    event of the corpus, where its figure agrees, instead of contradicting this year's figure."""
    _write(tmp_path, DEALS)
    result = audit_articles(load_corpus([tmp_path]), scorer=FakeNLI(), embedder=e5)
    looking_back = next(c for c in result.claims if c.text.startswith("Tahun lalu"))
    assert looking_back.event == _event_of(result, "deal1_kabar.md") != _event_of(result, "deal2_kabar.md")
    assert "looks back" in result.events.notes[looking_back.id]
    clashes = [f for f in result.findings if f.kind == "contradiction" and looking_back in f.claims]
    assert clashes == []
    facts = [f for f in result.facts if any(looking_back is result.claims[m] for v in f.values for m in v.members)]
    assert all(f.event == looking_back.event for f in facts)  # no value of this year's deal


def test_the_most_specific_lead_place_is_the_rarest_in_any_language() -> None:
    from factcheck.events import _place_cores, _specific_places

    lead = [
        frozenset({"desa batu gajah", "kabupaten gunung mas raya"}),
        frozenset({"batu gajah", "gunung mas raya"}),  # the English article: "Batu Gajah village"
        frozenset({"desa cibening", "kabupaten gunung mas raya"}),
    ]
    cores = _place_cores(lead)
    assert cores[0] == cores[1] == frozenset({"batu gajah", "mas raya"})
    unheaded = [frozenset()] * 3
    assert _specific_places(cores, unheaded) == [frozenset({"batu gajah"})] * 2 + [frozenset({"cibening"})]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("id", "Banjir merendam Desa Tegal Sari, Kabupaten Gunung Mas Raya, pada Selasa (4/6/2024).\n"),
        ("en", "A flood hit Tegal Sari village in Gunung Mas Raya regency on Tuesday, June 4, 2024.\n"),
    ],
)
def test_a_village_named_as_one_is_more_specific_than_its_regency_however_common(language: str, text: str) -> None:
    """Village names repeat across regencies: a "Tegal Sari" that forty articles about other
    regencies lead with is still the village of this one, as its head word says."""
    from factcheck.claims import extract_claims
    from factcheck.events import _headed_places, _place_cores, most_specific

    claims = extract_claims(Article("a", "a.md", text, language=language))
    keys = _place_cores([frozenset(k for c in claims for k in c.places)])[0]
    headed = _place_cores([_headed_places(claims)])[0]
    village = next(k for k in keys if "tegal" in k)
    df = {k: 40 if k == village else 3 for k in keys}  # the village's name is the common one
    assert most_specific(keys, headed, df) == {village}
    assert most_specific(keys, frozenset(), df) == keys - {village}  # rarity alone: the regency


def test_a_syndicated_copy_counts_once_for_whom_a_story_leads_with() -> None:
    from factcheck.events import _Cluster, _main_people

    feats = ArticleFeatures(
        ids=["a", "b"],
        vectors=np.zeros((2, 4), dtype=np.float32),
        entities=[{}, {}],
        dates=[{}, {}],
        centre=[None, None],
        places=[frozenset({"desa x"})] * 2,
        lead_places=[frozenset({"desa x"})] * 2,
        people=[frozenset({"rosa lambe"})] * 2,
        names=[frozenset({"rosa lambe"})] * 2,
        copy=[False, True],
    )
    pair = _Cluster.of_article(feats, 0)
    pair.absorb(_Cluster.of_article(feats, 1))
    assert pair.people["rosa lambe"] == 1 and pair.place_counts["desa x"] == 1
    assert _main_people(pair) == set()  # one source leading with her is no main person of a story


def test_a_look_back_date_weighs_less_than_the_story_the_page_reports() -> None:
    from datetime import date

    from factcheck.claims import extract_claims
    from factcheck.events import article_features

    text = (
        "Banjir yang menewaskan 14 orang di Desa Wairana, Rabu lalu, bukan yang pertama di Kabupaten Lorong Hijau.\n\n"
        "Tahun lalu, banjir serupa melanda Desa Mekar Sari pada Minggu (14/12/2025) dan menewaskan lima orang.\n\n"
        "Bupati meninjau lokasi banjir pada Jumat (13/11/2026) bersama tim gabungan.\n"
    )
    art = Article(id="a.md", path="a.md", text=text, published=date(2026, 11, 15), published_from="front matter",
                  language="id", language_stated=True)  # fmt: skip
    claims = extract_claims(art)
    feats = article_features([art], claims, np.zeros((len(claims), 4), dtype=np.float32))
    centre = feats.centre[0]
    assert centre is not None and abs(centre - date(2026, 11, 12).toordinal()) <= 2


def _bilingual(gap_between_languages: float) -> ArticleFeatures:
    """Four articles of one story, two per language: one name in common, the same days, embeddings
    that score 0.99 within a language and ``0.99 - gap_between_languages`` across."""
    rng = np.random.default_rng(0)
    story = rng.normal(size=16)
    story /= np.linalg.norm(story)
    side = rng.normal(size=16)
    side -= (side @ story) * story
    side /= np.linalg.norm(side)
    # cos(u, v) = 1 - d^2/2 with each language's offset d/2 either side of the story
    d = float(np.sqrt(2 * gap_between_languages))
    rows = []
    for sign in (1, 1, -1, -1):
        v = story + sign * (d / 2) * side
        rows.append(v / np.linalg.norm(v))
    ents = [{"sekarjati": 0.45, "x" + str(i): 0.89} for i in range(4)]
    dates = [{3000: 1.0}] * 4
    days = [21000.0] * 4
    return ArticleFeatures([str(i) for i in range(4)], np.array(rows, dtype=np.float32), ents, dates, days,
                           languages=["id", "id", "es", "es"])  # fmt: skip


def test_language_gap_is_the_mean_same_language_cosine_less_the_cross_language_one() -> None:
    from factcheck.events import language_gap

    f = _bilingual(0.06)
    v = f.vectors.astype(np.float64)
    within = (v[0] @ v[1] + v[2] @ v[3]) / 2
    cross = np.mean([v[i] @ v[j] for i in (0, 1) for j in (2, 3)])
    assert language_gap(f.vectors, f.languages) == pytest.approx(within - cross, abs=1e-6)
    assert language_gap(f.vectors, f.languages) > 0.05
    assert language_gap(f.vectors, ["id"] * 4) == 0.0  # one language: nothing to correct
    assert language_gap(f.vectors, ["id", "en", "es", "fr"]) == 0.0  # no same-language pair to compare with


def test_a_story_told_in_two_languages_is_one_event_once_the_language_gap_is_added() -> None:
    from factcheck.events import language_gap

    config = EventConfig(exact_below=50)
    f = _bilingual(0.12)
    assert len(set(cluster(f, config))) == 2  # without the gap the embedding splits it by language
    f.language_gap = language_gap(f.vectors, f.languages)
    assert len(set(cluster(f, config))) == 1
    a = _Cluster.of_article(f, 0)
    a.absorb(_Cluster.of_article(f, 2))
    assert a.languages == Counter({"id": 1, "es": 1})


@pytest.mark.parametrize(
    ("key", "generic", "expected"),
    [
        ("kawasan industri sekarjati", {"industri"}, "sekarjati"),
        ("sekarjati industrial estate", {"industrial", "estate"}, "sekarjati"),
        ("east java", set(), "java E"),
        ("java oriental", set(), "java E"),
        ("jawa timur", set(), "jawa E"),
        ("north korea", set(), "north korea"),  # a country's key is one across languages already
        ("dwi lestari", {"lestari"}, "dwi lestari"),  # a person's name keeps its words
        ("kawasan industri", {"industri"}, "kawasan industri"),  # nothing but common words: kept whole
    ],
)
def test_one_place_written_in_several_languages_is_one_event_key(key: str, generic: set[str], expected: str) -> None:
    from factcheck.events import event_key

    places = frozenset({"kawasan industri sekarjati", "sekarjati industrial estate", "kawasan industri"})
    assert event_key(key, frozenset(generic), places) == expected


def test_corpus_words_are_the_lower_case_words_and_the_places() -> None:
    from factcheck.claims import extract_claims
    from factcheck.events import corpus_words

    text = "Ledakan terjadi di Kawasan Industri Sekarjati, pusat industri kimia di Jawa Timur.\n"
    art = Article(id="a.md", path="a.md", text=text, language="id", language_stated=True)
    generic, places = corpus_words(extract_claims(art))
    assert {"industri", "kimia", "di"} <= generic and "sekarjati" not in generic
    assert any("sekarjati" in k for k in places)


def test_a_page_updated_months_later_is_dated_by_its_story_not_by_its_update() -> None:
    from datetime import date

    from factcheck.claims import extract_claims
    from factcheck.events import article_features

    text = (
        "Warta Lorong | Pertama terbit: Rabu, 11 Maret 2026 | Diperbarui: Selasa, 15 September 2026\n\n"
        "Pembaruan (15/9/2026): Pabrik itu kembali berproduksi pada 6 April 2026 setelah pemeriksaan selesai.\n\n"
        "Ledakan terjadi kemarin di gudang pelarut pabrik resin milik PT Sinar Lorong di Desa Wairana.\n\n"
        "Ledakan pada Selasa (10/3/2026) itu menewaskan tujuh pekerja dan melukai puluhan lainnya.\n"
    )
    art = Article(id="a.md", path="a.md", text=text, published=date(2026, 9, 15), published_from="front matter",
                  written=date(2026, 3, 11), language="id", language_stated=True)  # fmt: skip
    claims = extract_claims(art)
    feats = article_features([art], claims, np.zeros((len(claims), 4), dtype=np.float32))
    centre = feats.centre[0]
    assert centre is not None and abs(centre - date(2026, 3, 10).toordinal()) <= 2
    # without the day it was written, the update's day leads
    plain = dataclasses.replace(art, written=None)
    late = article_features([plain], extract_claims(plain), np.zeros((len(claims), 4), dtype=np.float32)).centre[0]
    assert late is None or late > date(2026, 4, 1).toordinal()


_FLOOD = "Banjir bandang melanda Desa Wairana di Kabupaten Lorong Hijau pada Selasa (10/3/2026) dan merusak 40 rumah."


def _one_page_events(
    text: str, published: date = date(2026, 3, 11), written: date | None = None, reused: date | None = None
) -> tuple[list[Claim], Events]:
    """The claims of one Indonesian page and the events they are put in."""
    from factcheck.claims import extract_claims, resolve_aliases
    from factcheck.events import assign_events

    art = Article(id="a.md", path="a.md", text=text, published=published, published_from="front matter",
                  written=written, reused=reused, language="id", language_stated=True)  # fmt: skip
    claims = resolve_aliases(extract_claims(art))
    return claims, assign_events([art], claims, np.zeros((len(claims), 4), dtype=np.float32))


@pytest.mark.parametrize(("opening", "follows"), [("Kala itu, a", True), ("A", False)])
def test_a_sentence_pointing_back_follows_a_look_back_to_an_event_the_corpus_lacks(opening: str, follows: bool) -> None:
    claims, events = _one_page_events(
        f"{_FLOOD}\n\nPada Kamis (16/5/2024), banjir di Desa Wairana menewaskan dua warga. "
        f"{opening}ir surut dalam tiga jam dan sekitar 300 warga sempat mengungsi.\n"
    )
    back = next(c for c in claims if "2024" in c.text)
    then = next(c for c in claims if "surut" in c.text)
    assert back.id in events.background
    assert (then.id in events.background) is follows


@pytest.mark.parametrize(
    ("sentence", "back"),
    [
        ("Ini banjir pertama di Desa Wairana sejak 2019, ketika tanggul jebol dan menewaskan empat warga.", True),
        ("Ini banjir pertama di Desa Wairana sejak 2019 dan menewaskan empat warga.", False),
    ],
)
def test_a_year_followed_by_when_looks_back(sentence: str, back: bool) -> None:
    """"since 2019, when ..." tells what happened in 2019; a bare "since 2019" only says since when."""
    claims, events = _one_page_events(f"{_FLOOD}\n\n{sentence}\n")
    since = next(c for c in claims if "2019" in c.text)
    assert (since.id in events.background) is back


def test_an_update_note_on_an_updated_page_is_no_part_of_its_story() -> None:
    text = (
        "Warta Lorong | Pertama terbit: Rabu, 11 Maret 2026 | Diperbarui: Selasa, 15 September 2026\n\n"
        "Pembaruan (15/9/2026): Pabrik itu kembali berproduksi pada 6 April 2026 setelah pemeriksaan selesai. "
        "Produksi dimulai dengan dua dari lima lini pabrik yang ada.\n\n"
        "Ledakan pada Selasa (10/3/2026) itu menewaskan tujuh pekerja dan melukai puluhan lainnya.\n"
    )
    claims, events = _one_page_events(text, published=date(2026, 9, 15), written=date(2026, 3, 11))
    note = [c for c in claims if "berproduksi" in c.text or "lini" in c.text]
    story = next(c for c in claims if "menewaskan" in c.text)
    assert len(note) == 2 and all(c.id in events.background for c in note)  # the note's whole paragraph
    assert story.id not in events.background
    claims, events = _one_page_events(text, published=date(2026, 9, 15))  # no stamp: no note
    assert not any(c.id in events.background for c in claims if "lini" in c.text)


def test_a_place_named_in_another_language_takes_a_restated_date_to_its_event() -> None:
    # a follow-up page (the inquiry, a month later) restates when the bridge fell; the place it names
    # in English ("Lirwangi Regency") is the one the first event's Indonesian pages name
    # ("Kabupaten Lirwangi"), so the sentence is compared within the collapse's event
    from factcheck.claims import extract_claims, resolve_aliases
    from factcheck.events import EventConfig, event_key_share, place_claims

    def page(aid: str, text: str, published: date, language: str) -> Article:
        return Article(id=aid, path=aid, text=text, published=published, published_from="front matter",
                       language=language, language_stated=True)  # fmt: skip

    first = page("a.md", "Jembatan di Kabupaten Lirwangi runtuh pada Kamis (8/10/2026).", date(2026, 10, 8), "id")
    later = page("b.md", "The bridge in Lirwangi Regency collapsed on October 8, 2026.", date(2026, 11, 12), "en")
    claims = resolve_aliases(extract_claims(first) + extract_claims(later))
    by_article = {a: [c for c in claims if c.article == a] for a in ("a.md", "b.md")}
    key_share = {"E1": event_key_share([by_article["a.md"]]), "E2": event_key_share([by_article["b.md"]])}
    assert not set(key_share["E1"]) & set(key_share["E2"])  # the two pages share no key as written
    doc_freq = {k: 1 for shares in key_share.values() for k in shares}
    ranges = {"E1": (date(2026, 10, 8), date(2026, 10, 8)), "E2": (date(2026, 11, 11), date(2026, 11, 12))}
    placed, background = place_claims(
        claims, {"a.md": "E1", "b.md": "E2"}, [first, later], ranges, key_share, doc_freq, 2, EventConfig(), {}
    )
    (restated,) = by_article["b.md"]
    assert placed[restated.id] == "E1" and not background


_REUSED = (
    "Tim Warta Lorong | Rabu, 11 Maret 2026\n\n"
    "Banjir bandang melanda Desa Wairana pada Selasa (10/3/2026) dan merusak 40 rumah.\n\n"
    "Air merendam 120 rumah warga dan memutus jembatan desa selama tiga hari.\n\n"
    "Bupati Lorong Hijau Ratna Siregar meninjau lokasi dan menjanjikan bantuan Rp 2 miliar.\n\n"
    "Catatan redaksi: Sebagian isi artikel ini pertama kali tayang pada 14 Mei 2024.\n"
)


@pytest.mark.parametrize("reused", [date(2024, 5, 14), None])
def test_the_old_text_under_a_new_lead_reports_no_value_of_the_new_story(reused: date | None) -> None:
    """A page that puts a new lead over a text first published two years before (its editor's note
    says so): the old sentences, which carry no date of their own, do not report the new flood."""
    claims, events = _one_page_events(_REUSED, reused=reused)
    lead = next(c for c in claims if "melanda" in c.text)
    old = [c for c in claims if "merendam" in c.text or "meninjau" in c.text]
    note = [c for c in claims if "tayang" in c.text]
    assert len(old) == 2 and lead.id not in events.background
    assert all((c.id in events.background) is (reused is not None) for c in old)
    assert len(note) == 1 and note[0].id in events.background  # the note states no fact of the flood


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Catatan redaksi: Sebagian isi artikel ini pertama kali tayang pada 14 Mei 2024.", date(2024, 5, 14)),
        ("Parts of this story were first published on May 14, 2024.", date(2024, 5, 14)),
        ("Nota de la redacción: parte de esta información se publicó originalmente el 14 de mayo de 2024.",
         date(2024, 5, 14)),
        # a fact about something else, not a note on the page itself
        ("Film dokumenter itu pertama kali tayang pada 14 Mei 2024 di Jakarta.", None),
    ],
)
def test_an_editors_note_below_the_lead_dates_the_reused_text(line: str, found: date | None) -> None:
    from factcheck.normalize.dates import find_reused_part

    body = "\n\n".join(["Judul", "Oleh Tim", "Rabu, 11 Maret 2026", "Paragraf pembuka.", "Isi.", line])
    assert find_reused_part(body) == found
    assert find_reused_part("\n\n".join([line, "Paragraf pembuka.", "Isi."])) is None  # a stamp, not a note


@pytest.mark.parametrize(
    ("sentence", "back"),
    [
        ("Sepuluh pekan sebelumnya, banjir di Desa Wairana menewaskan dua warga.", True),
        ("Tiga tahun lalu, banjir di Desa Wairana menewaskan dua warga.", True),
        ("Banjir di Desa Wairana menewaskan dua warga dan warga mengungsi selama tiga pekan.", False),
    ],
)
def test_a_count_of_weeks_or_years_back_looks_back(sentence: str, back: bool) -> None:
    """"Six weeks earlier", "three years ago": a sentence dated by a count back reports an earlier story."""
    claims, events = _one_page_events(f"{_FLOOD}\n\n{sentence}\n", published=date(2026, 3, 11))
    earlier = next(c for c in claims if "dua warga" in c.text)
    assert (earlier.id in events.background) is back


@pytest.mark.parametrize(
    ("opening", "follows"),
    [("That fire was", True), ("At the time, the fire was", True), ("The fire in the warehouse was", False)],
)
def test_the_paragraph_after_a_look_back_follows_it_when_it_points_back(opening: str, follows: bool) -> None:
    from factcheck.claims import extract_claims, resolve_aliases
    from factcheck.events import assign_events

    text = (
        "A fire gutted a paint warehouse in Wairana on Tuesday (10/3/2026), killing three workers.\n\n"
        "It was not the first time. On Thursday 16 May 2024, a fire at a fertiliser depot in Wairana killed "
        "two workers.\n\n"
        f"{opening} put out within three hours, and about 300 people were evacuated.\n"
    )
    art = Article(id="a.md", path="a.md", text=text, published=date(2026, 3, 11), published_from="front matter",
                  language="en", language_stated=True)  # fmt: skip
    claims = resolve_aliases(extract_claims(art))
    events = assign_events([art], claims, np.zeros((len(claims), 4), dtype=np.float32))
    back = next(c for c in claims if "2024" in c.text)
    after = next(c for c in claims if "evacuated" in c.text)
    assert back.id in events.background
    assert (after.id in events.background) is follows


def test_every_fact_of_a_sentence_that_looks_back_goes_with_it() -> None:
    """"Lima tahun lalu, ... banjir ... menewaskan dua warga, sementara 300 warga mengungsi": the
    second fact of the sentence, undated, tells what happened then too."""
    claims, events = _one_page_events(
        f"{_FLOOD}\n\nLima tahun lalu, pada 8 November 2021, banjir melanda Desa Wairana dan menewaskan dua warga, "
        "sementara 300 warga mengungsi ke Desa Batu.\n"
    )
    facts = [c for c in claims if c.sentence.startswith("Lima tahun lalu")]
    assert len(facts) == 2 and all(c.id in events.background for c in facts)
