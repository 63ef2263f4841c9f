"""The learned entity tagger in the claim stage: its spans type the rule mentions (voted corpus-wide
with the cue evidence) and split an office or organisation off a person's name, for entities and
speakers. The logic is tested with tests/fakes.py FakeTagger; the real tagger in tests marked ``model``."""

from __future__ import annotations

import pytest

from factcheck.cache import SQLiteCache
from factcheck.claims import extract_claims, resolve_aliases
from factcheck.corpus import Article
from factcheck.ner import NER_ENV, EntityTagger, Span
from factcheck.normalize.tagged import split_parts
from factcheck.pipeline import DEFAULT_TAGGER, resolve_tagger, tag_claims, tag_sentences
from tests.fakes import FakeTagger

WATSON = (
    "Juru bicara Dewan Keamanan Nasional Adrienne Watson mengatakan bahwa pertemuan kedua pemimpin itu "
    "berlangsung pada 13 Juli di Vladivostok."
)
RENDRA = (
    "Bantuan beras itu dibagikan di Rendra Suryadi pada Senin pagi kepada warga desa.\n\n"
    "Rendra Suryadi membagikan bantuan itu kepada seratus warga pada Senin.\n\n"
    "Para pedagang Makassar menolak kenaikan harga sewa kios pasar pada Selasa."
)
NAMES = {
    "Dewan Keamanan Nasional": "ORG",
    "Adrienne Watson": "PER",
    "Rendra Suryadi": "PER",
    "Makassar": "LOC",
    "Vladivostok": "LOC",
}


def _claims(*texts: str) -> list:
    return [c for i, t in enumerate(texts) for c in extract_claims(Article(f"a{i}", f"a{i}.md", t))]


def _mentions(claims: list) -> set[tuple[str, str]]:
    return {(e.text, e.kind) for c in claims for e in c.entities}


def test_office_and_person_are_split_for_the_speaker_and_the_entities() -> None:
    raw = _claims(WATSON)
    rules = tag_claims(raw, None)
    assert rules[0].speaker is not None and rules[0].speaker.name == "Dewan Keamanan Nasional Adrienne Watson"
    tagged = tag_claims(raw, FakeTagger(NAMES))
    (c,) = tagged
    assert c.speaker is not None and c.speaker.name == "Adrienne Watson"
    assert c.speaker_key == "adrienne watson"
    assert {"Dewan Keamanan Nasional", "Adrienne Watson"} <= {e.text for e in c.entities}
    assert "dewan keamanan nasional adrienne watson" not in c.entity_keys
    for e in c.entities:
        assert c.text[e.start : e.end] == e.text  # offsets stay the claim's own


def test_people_are_the_names_the_tagger_types_as_persons() -> None:
    (c,) = tag_claims(_claims(WATSON), FakeTagger(NAMES))
    assert c.person_keys == frozenset({"adrienne watson"})  # the office (ORG) and the place (LOC) are not
    assert c.org_keys == frozenset({"dewan keamanan nasional"})
    (rules,) = tag_claims(_claims(WATSON), None)
    assert rules.person_keys == frozenset()  # the rules alone type no one


def test_tagger_and_corpus_make_a_person_of_a_name_the_rules_call_a_place() -> None:
    raw = _claims(RENDRA)
    rules = _mentions(tag_claims(raw, None))
    assert ("Rendra Suryadi", "place") in rules  # "di Rendra Suryadi" outvotes the untyped mention
    assert ("Makassar", "person_or_org") in rules
    tagged = _mentions(tag_claims(raw, FakeTagger(NAMES)))
    assert ("Rendra Suryadi", "person_or_org") in tagged and ("Rendra Suryadi", "place") not in tagged
    assert ("Makassar", "place") in tagged


def test_a_cue_still_counts_against_a_lone_tagger_vote() -> None:
    raw = _claims("Bantuan beras itu dibagikan di Rendra Suryadi pada Senin pagi kepada warga desa.")
    # one mention: the cue (1.0) against the tagger (0.9) is no clear margin, so the cue's kind stays
    assert _mentions(tag_claims(raw, FakeTagger(NAMES))) == {("Rendra Suryadi", "place")}


def test_a_split_is_decided_once_per_name_over_the_corpus() -> None:
    raw = _claims(WATSON, WATSON.replace("13 Juli", "14 Juli"))
    # the tagger reads the person in the first article only; both are cut the same way
    tags = {c.sentence or c.text: [] for c in raw}
    first = raw[0].sentence or raw[0].text
    tags[first] = FakeTagger(NAMES).tag([first])[0]
    out = resolve_aliases(raw, tags=tags)
    # one vote each way is a tie: no split anywhere
    assert [c.speaker.name for c in out if c.speaker] == ["Dewan Keamanan Nasional Adrienne Watson"] * 2
    raw3 = _claims(WATSON, WATSON.replace("13 Juli", "14 Juli"), WATSON.replace("13 Juli", "15 Juli"))
    tags = {c.sentence or c.text: [] for c in raw3}
    for c in raw3[:2]:
        tags[c.sentence or c.text] = FakeTagger(NAMES).tag([c.sentence or c.text])[0]
    out = resolve_aliases(raw3, tags=tags)
    assert [c.speaker.name for c in out if c.speaker] == ["Adrienne Watson"] * 3


def test_lone_words_the_tagger_leaves_untyped_are_common_nouns_where_nouns_are_capitalised() -> None:
    german = "Ein Untersuchungsausschuss nannte einen überladenen Lastwagen und Rost als Ursachen, sagte Kessler."
    raw = [c for c in extract_claims(Article("a0", "a0.md", german, language="de")) if "Lastwagen" in c.text]
    typed = _mentions(tag_claims(raw, FakeTagger({"Kessler": "PER"})))
    assert "Kessler" in {t for t, _ in typed}
    assert not {"Lastwagen", "Ursachen"} & {t for t, _ in typed}  # untyped: common nouns
    assert "Lastwagen" in {t for t, _ in _mentions(tag_claims(raw, None))}  # the rules alone keep them
    # Indonesian capitalises names only: an untyped lone word stays a name
    market = "Para pedagang menolak kenaikan harga sewa kios di Kaliurang pada Selasa."
    (c,) = tag_claims(_claims(market), FakeTagger({}))
    assert "Kaliurang" in {e.text for e in c.entities}


def test_split_parts_needs_a_full_name_after_the_office() -> None:
    s = "Kata Nugie Prawira kepada wartawan."
    spans = [Span(5, 10, "ORG", 0.6, "Nugie"), Span(11, 18, "PER", 0.9, "Prawira")]
    assert split_parts(s, spans, 5, 18) is None  # "Prawira" alone is no full name
    s2 = "Kata Qaradun Prime Minister Juno Calloway kepada wartawan."
    spans2 = [Span(5, 12, "LOC", 0.9, "Qaradun"), Span(28, 41, "PER", 0.9, "Juno Calloway")]
    parts = split_parts(s2, spans2, 5, 41, frozenset({"prime", "minister"}))
    assert parts is not None
    assert [(s2[5 + p.start : 5 + p.end], p.type) for p in parts] == [("Qaradun", "LOC"), ("Juno Calloway", "PER")]

    s3 = "Kapal milik PT Arunika Samudra Lestari itu berlayar."  # the tagger reads "PT" as ORG, the rest as PER
    spans3 = [Span(12, 14, "ORG", 0.8, "PT"), Span(15, 38, "PER", 0.7, "Arunika Samudra Lestari")]
    assert split_parts(s3, spans3, 12, 38) is None  # a legal form opens a company's name


def test_spans_are_tagged_once_per_sentence_and_cached(tmp_path) -> None:
    raw = _claims(RENDRA, RENDRA)  # a syndicated copy: the same sentences again
    tagger = FakeTagger(NAMES)
    with SQLiteCache(tmp_path / "c.sqlite") as cache:
        first = tag_sentences(raw, tagger, cache)
        assert tagger.calls == len(first) == 3
        again = tag_sentences(raw, tagger, cache)
        assert tagger.calls == 3 and again == first
    assert tag_claims(raw, tagger) == tag_claims(raw, FakeTagger(NAMES))


def test_the_default_tagger_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NER_ENV, "off")
    assert resolve_tagger(DEFAULT_TAGGER) is None
    monkeypatch.setenv(NER_ENV, "on")
    assert isinstance(resolve_tagger(DEFAULT_TAGGER), EntityTagger)  # not loaded until it tags
    fake = FakeTagger({})
    assert resolve_tagger(fake) is fake and resolve_tagger(None) is None


@pytest.mark.model
def test_real_tagger_splits_the_office_off_a_speaker_and_types_a_person() -> None:
    raw = _claims(WATSON, RENDRA)
    tagged = tag_claims(raw, EntityTagger())
    assert tagged[0].speaker is not None and tagged[0].speaker.name == "Adrienne Watson"
    kinds = _mentions(tagged)
    # the rules type "Makassar" (no cue) as a person or organisation; the tagger reads a place
    assert ("Makassar", "place") in kinds and ("Vladivostok", "place") in kinds
    # the tagger reads "di Rendra Suryadi" as a place too, so in two sentences the corpus has no clear
    # margin there, but where the rules had no evidence it votes person
    rendra = [e for c in tagged for e in c.entities if e.text == "Rendra Suryadi"]
    assert [e.tag for e in rendra] == ["LOC", "PER"]


@pytest.mark.model
def test_real_tagger_and_the_corpus_make_a_person_of_a_name_the_rules_leave_a_place() -> None:
    texts = (
        "Bantuan beras itu dibagikan di Rendra Suryadi pada Senin pagi kepada warga desa.",
        "Rendra Suryadi membagikan bantuan itu kepada seratus warga pada Senin.",
        "Bupati Rendra Suryadi meresmikan jembatan baru di Desa Sukamaju pada Selasa.",
    )
    raw = _claims(*texts)
    # rules: the cue's place (1.0) against two mentions without evidence (0.5 each): no margin, so
    # the first mention stays a place
    assert ("Rendra Suryadi", "place") in _mentions(tag_claims(raw, None))
    # the tagger: a place once (0.84), a person twice (0.94 each): the corpus says person everywhere
    assert _mentions(tag_claims(raw, EntityTagger())) >= {("Rendra Suryadi", "person_or_org")}
    assert ("Rendra Suryadi", "place") not in _mentions(tag_claims(raw, EntityTagger()))


def test_the_report_names_the_tagger_and_the_demo_still_audits(demo_dir) -> None:
    from factcheck.pipeline import audit
    from factcheck.report import render_markdown
    from tests.fakes import FakeEmbedder, FakeNLI

    tagger = FakeTagger({"Joko Widodo": "PER", "KCIC": "ORG", "Halim": "LOC"})
    result = audit([demo_dir], scorer=FakeNLI(), embedder=FakeEmbedder(), tagger=tagger)
    assert result.model["entities"] == "fake-tagger" and tagger.calls > 0
    assert "entity tagger `fake-tagger`" in render_markdown(result, "demo")
    rules = audit([demo_dir], scorer=FakeNLI(), embedder=FakeEmbedder(), tagger=None)
    assert rules.model["entities"] == "rules" and "entity tagger" not in render_markdown(rules, "demo")
