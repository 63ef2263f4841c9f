"""The fact table (one row per aligned attribute, one column per source) in the Markdown report, and
``facts`` in the JSON and CSV reports. Results are built by hand (invented articles, no model), so
every cell is known; one test reads the demo audit (real embedder, fake NLI) for consistency."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pandas as pd

from factcheck.attributes import Fact, ValueGroup
from factcheck.claims import Claim
from factcheck.corpus import Article
from factcheck.events import EventFrame, Events
from factcheck.pipeline import AuditResult
from factcheck.ranking import Finding
from factcheck.report import FACT_COLUMNS_MAX, render_markdown, to_json, to_rows, write_reports
from factcheck.sources import Sources
from tests.test_report import _claim

MODEL = {"nli": "fixture-nli", "embedder": "fixture-embedder", "pipeline_version": "fixture"}


def _article(aid: str, text: str) -> Article:
    return Article(
        id=aid, path=f"korpus/{aid}", text=text, title=aid, published=date(2024, 6, 4), published_from="front matter"
    )


def _claims(art: Article, event: str = "E1") -> list[Claim]:
    """One claim per non-empty line of ``art`` (built as tests/test_report.py builds claims)."""
    lines = [s for s in art.text.split("\n") if s]
    return [replace(_claim(art, line, i), event=event, language="id") for i, line in enumerate(lines)]


def _value(value: str, pairs: list[tuple[str, int, str]], claims: list[Claim]) -> ValueGroup:
    """A value group from (source, claim index, words as written) per source."""
    return ValueGroup(
        value=value,
        shown=pairs[0][2],
        claims=tuple(i for _, i, _ in pairs),
        members=tuple(sorted(i for _, i, _ in pairs)),
        mentions=tuple(m for _, _, m in pairs),
        sources=tuple(s for s, _, _ in pairs),
        languages=("id",),
    )


def _fact(fid: str, kind: str, name: str, values: list[ValueGroup], conflict: bool) -> Fact:
    return Fact(fid, fid.split(".")[0], kind, name, tuple(values), conflict, 0.95)


def _result(
    articles: list[Article],
    claims: list[Claim],
    facts: list[Fact],
    findings: list[Finding] = (),  # type: ignore[assignment]
    events: Events | None = None,
) -> AuditResult:
    stats = {"articles": len(articles), "claims": len(claims), "pairs": 0, "nli_calls": 0}
    members = {a.id: (a.id,) for a in articles}
    sources = Sources({a.id: a.id for a in articles}, members)
    return AuditResult(articles, claims, [], [], list(findings), MODEL, 0, stats, events, sources, [], facts)


# Four invented articles about an invented opening; the fourth gives no slot of any fact.
TEXTS = {
    "alfa.md": "Pasar Apung Seruni dibuka pada Senin (3/6/2024) di Kota Lirang.\nBiayanya Rp 40 miliar.\n",
    "beta.md": "Pasar Apung Seruni diresmikan Senin, 3 Juni 2024.\nBiaya pasar itu Rp 40 miliar.\n",
    "gama.md": "Pasar Apung Seruni dibuka Selasa (4/6/2024) di Kota Lirang.\n",
    "delta.md": "Pedagang menyambut pasar baru itu dengan gembira.\n",
}


def small_result(findings: list[Finding] = ()) -> AuditResult:  # type: ignore[assignment]
    arts = [_article(aid, text) for aid, text in TEXTS.items()]
    claims = [c for a in arts for c in _claims(a)]
    at = {(c.article, c.index): n for n, c in enumerate(claims)}
    date_fact = _fact(
        "E1.F1",
        "date",
        "date: dibuka, pasar",
        [
            _value(
                "3 Juni 2024",
                [
                    ("alfa.md", at["alfa.md", 0], "Senin (3/6/2024)"),
                    ("beta.md", at["beta.md", 0], "Senin, 3 Juni 2024"),
                ],
                claims,
            ),
            _value("4 Juni 2024", [("gama.md", at["gama.md", 0], "Selasa (4/6/2024)")], claims),
        ],
        True,
    )
    cost = _fact(
        "E1.F2",
        "number",
        "figure (IDR): biaya, pasar",
        [
            _value(
                "40000000000 IDR",
                [("alfa.md", at["alfa.md", 1], "Rp 40 miliar"), ("beta.md", at["beta.md", 1], "Rp 40 miliar")],
                claims,
            )
        ],
        False,
    )
    place = _fact(
        "E1.F3",
        "place",
        "place: dibuka, pasar",
        [
            _value(
                "kota lirang",
                [("alfa.md", at["alfa.md", 0], "Kota Lirang"), ("gama.md", at["gama.md", 0], "Kota Lirang")],
                claims,
            )
        ],
        False,
    )
    return _result(arts, claims, [date_fact, cost, place], findings)


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row, split on unescaped pipes outside code spans."""
    cells, cur, code = [], "", False
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            cur += line[i : i + 2]
            i += 2
            continue
        if ch == "`":
            code = not code
        if ch == "|" and not code:
            cells.append(cur.strip())
            cur = ""
        else:
            cur += ch
        i += 1
    cells.append(cur.strip())
    assert cells[0] == "" and cells[-1] == "", line
    return cells[1:-1]


def _table(md: str, heading: str) -> list[list[str]]:
    """The rows (header first, separator dropped) of the table under ``heading``."""
    lines = md.split("\n")
    start = lines.index(heading)
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("|"))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append(_cells(line))
    assert all(set(c) <= set("-: ") for c in rows[1])
    return [rows[0], *rows[2:]]


def test_fact_table_rows_columns_and_cells() -> None:
    md = render_markdown(small_result(), "pasar")
    assert md.index("\n## Fact table\n") < md.index("\n## Contradictions\n")
    head, *rows = _table(md, "## Fact table")
    # a column per source that gives a value, in corpus order; delta.md gives none
    assert head == ["Fact", "Attribute", "Status", "`alfa.md`", "`beta.md`", "`gama.md`"]
    assert [r[0] for r in rows] == ["E1.F1", "E1.F2", "E1.F3"]
    by_id = {r[0]: dict(zip(head, r, strict=True)) for r in rows}
    date_row, cost, place = by_id["E1.F1"], by_id["E1.F2"], by_id["E1.F3"]
    assert date_row["Attribute"] == "date: dibuka, pasar"
    assert date_row["Status"] == "conflict" and cost["Status"] == "agree" == place["Status"]
    # each source's value as it writes it; the minority value in bold, the majority not
    assert date_row["`alfa.md`"] == "Senin (3/6/2024)"
    assert date_row["`beta.md`"] == "Senin, 3 Juni 2024"
    assert date_row["`gama.md`"] == "**Selasa (4/6/2024)**"
    # empty where a source says nothing
    assert cost["`gama.md`"] == "" and place["`beta.md`"] == ""
    assert cost["`alfa.md`"] == "Rp 40 miliar" and "**" not in "".join(cost.values())


def test_tie_is_a_conflict_without_a_bold_minority() -> None:
    result = small_result()
    a, b = result.claims[0], result.claims[4]
    tie = _fact(
        "E1.F1",
        "number",
        "figure (m): panjang",
        [
            _value("120 m", [("alfa.md", 0, "120 meter")], result.claims),
            _value("150 m", [("gama.md", 4, "150 meter")], result.claims),
        ],
        True,
    )
    assert (a.article, b.article) == ("alfa.md", "gama.md")
    md = render_markdown(_result(result.articles, result.claims, [tie]), "seri")
    head, row = _table(md, "## Fact table")
    assert head[3:] == ["`alfa.md`", "`gama.md`"]
    assert row[2] == "conflict, no majority" and row[3:] == ["120 meter", "150 meter"]


def test_one_source_with_copies_and_two_values() -> None:
    """A source carried by two files is one column (its copies counted in the heading); a source
    that gives two values of one attribute shows both in its cell."""
    result = small_result()
    sources = Sources(
        {"alfa.md": "alfa.md", "beta.md": "beta.md", "gama.md": "gama.md", "delta.md": "alfa.md"},
        {"alfa.md": ("alfa.md", "delta.md"), "beta.md": ("beta.md",), "gama.md": ("gama.md",)},
    )
    fact = _fact(
        "E1.F1",
        "date",
        "date: dibuka",
        [
            _value("3 Juni 2024", [("alfa.md", 0, "Senin (3/6/2024)"), ("beta.md", 2, "3 Juni")], result.claims),
            _value("4 Juni 2024", [("alfa.md", 1, "Selasa (4/6/2024)")], result.claims),
        ],
        True,
    )
    result = AuditResult(result.articles, result.claims, [], [], [], MODEL, 0, result.stats, None, sources, [], [fact])
    head, row = _table(render_markdown(result, "salinan"), "## Fact table")
    assert head[3:] == ["`alfa.md` +1 copy", "`beta.md`"]
    assert row[3] == "Senin (3/6/2024) · **Selasa (4/6/2024)**" and row[4] == "3 Juni"


def _many_sources(n: int) -> AuditResult:
    arts = [_article(f"s{k:02d}.md", f"Menara Kelabu setinggi {100 + k} meter.\n") for k in range(n)]
    claims = [c for a in arts for c in _claims(a)]
    major = [(a.id, k, "300 meter") for k, a in enumerate(arts[:-2])]
    minor = [(a.id, k + n - 2, "310 meter") for k, a in enumerate(arts[-2:])]
    fact = _fact(
        "E1.F1",
        "number",
        "figure (m): menara, tinggi",
        [_value("300 m", major, claims), _value("310 m", minor, claims)],
        True,
    )
    return _result(arts, claims, [fact])


def test_compact_form_above_the_column_limit() -> None:
    n = FACT_COLUMNS_MAX + 1
    md = render_markdown(_many_sources(n), "menara")
    head, row = _table(md, "## Fact table")
    assert head == ["Fact", "Attribute", "Status", "Values"]
    assert row[:3] == ["E1.F1", "figure (m): menara, tinggi", "conflict"]
    major, minor = row[3].split(" · ")
    names = ", ".join(f"`s{k:02d}.md`" for k in range(n - 2))
    assert major == f"300 meter - {n - 2} sources ({names})"
    assert minor == f"**310 meter** - 2 sources (`s{n - 2:02d}.md`, `s{n - 1:02d}.md`)"
    # at the limit there is still a column per source
    head, row = _table(render_markdown(_many_sources(FACT_COLUMNS_MAX), "menara"), "## Fact table")
    assert len(head) == 3 + FACT_COLUMNS_MAX and row[-1] == "**310 meter**" and row[3] == "300 meter"


def test_compact_form_names_at_most_eight_sources_per_value() -> None:
    _, row = _table(render_markdown(_many_sources(14), "menara"), "## Fact table")
    major = row[3].split(" · ")[0]
    assert major.startswith("300 meter - 12 sources (`s00.md`") and major.endswith("`s07.md`, +4 more)")


def test_article_text_cannot_break_the_table() -> None:
    evil = "12 | 3 *bintang* `x` <b>"
    evil_id = "s|`x`.md"
    for n in (5, FACT_COLUMNS_MAX + 1):
        base = _many_sources(n)
        last = base.articles[-1].id
        arts = [*base.articles[:-1], replace(base.articles[-1], id=evil_id)]
        claims = [replace(c, article=evil_id) if c.article == last else c for c in base.claims]
        fact = base.facts[0]
        minor = fact.values[1]
        bad_value = replace(minor, shown=evil, mentions=(evil, evil), sources=(minor.sources[0], evil_id))
        bad = replace(fact, name="figure | nama *aneh*", values=(fact.values[0], bad_value))
        md = render_markdown(_result(arts, claims, [bad]), "jahat")
        head, row = _table(md, "## Fact table")
        width = 4 if n > FACT_COLUMNS_MAX else 3 + n
        assert len(head) == len(row) == width  # no extra cells from the "|" in the text
        assert row[1] == "figure \\| nama \\*aneh\\*"
        assert "**12 \\| 3 \\*bintang\\* \\`x\\` &lt;b&gt;**" in row[-1]
        assert "<b>" not in md and "*bintang*" not in md
        assert "s\\|`x`.md" in (row[-1] if n > FACT_COLUMNS_MAX else head[-1])


def test_no_facts_no_table() -> None:
    result = small_result()
    md = render_markdown(_result(result.articles, result.claims, []), "kosong")
    assert "Fact table" not in md and "\n## Contradictions\n" in md
    assert to_json(_result(result.articles, result.claims, []))["facts"] == []


def test_a_fact_table_in_each_event_section() -> None:
    result = small_result()
    frames = [
        EventFrame(
            "E1",
            "Pasar Apung Seruni",
            (),
            "kota lirang",
            date(2024, 6, 3),
            date(2024, 6, 4),
            ("alfa.md", "beta.md", "gama.md"),
        ),
        EventFrame("E2", "Pedagang", (), None, None, None, ("delta.md",)),
    ]
    events = Events(frames, {"alfa.md": "E1", "beta.md": "E1", "gama.md": "E1", "delta.md": "E2"}, {})
    md = render_markdown(_result(result.articles, result.claims, result.facts, events=events), "dua")
    e1, e2 = md.split("\n## E1: ")[1].split("\n## E2: ")
    assert e1.index("### Fact table of E1") < e1.index("### Contradictions in E1")
    head, *rows = _table(md, "### Fact table of E1")
    assert [r[0] for r in rows] == ["E1.F1", "E1.F2", "E1.F3"] and head[3:] == ["`alfa.md`", "`beta.md`", "`gama.md`"]
    assert "Fact table" not in e2  # an event without facts gets no empty heading
    data = to_json(_result(result.articles, result.claims, result.facts, events=events))
    assert [e["facts"] for e in data["events"]] == [["E1.F1", "E1.F2", "E1.F3"], []]
    assert data["events"][0]["title"] == "Pasar Apung Seruni" and "recycled" in data["events"][0]


def _findings(result: AuditResult) -> list[Finding]:
    c = result.claims
    return [
        Finding(
            "contradiction",
            "high",
            0.9,
            "date: 2 sources give Senin (3/6/2024); 1 gives Selasa (4/6/2024).",
            ("date", "attribute"),
            None,
            (c[4], c[0], c[2]),
            (("Selasa (4/6/2024)",),) * 3,
            3,
            fact="E1.F1",
        ),
        Finding(
            "contradiction",
            "medium",
            0.5,
            "berbeda",
            ("nli",),
            {"entailment": 0.1, "neutral": 0.2, "contradiction": 0.7},
            (c[1], c[5]),
            ((), ()),
            2,
        ),
        Finding(
            "corroboration",
            "medium",
            0.6,
            "figure: Rp 40 miliar, confirmed by 2 sources.",
            ("number", "attribute"),
            None,
            (c[1], c[3]),
            (("Rp 40 miliar",),) * 2,
            2,
            fact="E1.F2",
        ),
    ]


def test_findings_from_a_fact_name_their_row() -> None:
    base = small_result()
    result = small_result(_findings(base))
    md = render_markdown(result, "pasar")
    blocks = re.split(r"\n(?=#{3,4} \d+\. )", md)
    date_block = next(b for b in blocks if b.startswith("### 1. "))
    nli_block = next(b for b in blocks if b.startswith("### 2. "))
    corro_block = next(b for b in blocks if b.startswith("### 3. "))
    assert "**Fact:** E1.F1 (a row of the fact table)" in date_block
    assert "**Fact:** E1.F2 (a row of the fact table)" in corro_block
    assert "**Fact:**" not in nli_block.split("## Corroborated facts")[0]


def test_json_facts_keep_everything_and_findings_name_their_fact() -> None:
    result = small_result(_findings(small_result()))
    data = json.loads(json.dumps(to_json(result), ensure_ascii=False))
    assert [f["id"] for f in data["facts"]] == ["E1.F1", "E1.F2", "E1.F3"]
    for doc, fact in zip(data["facts"], result.facts, strict=True):
        base = fact.to_json(result.claims)
        for key, value in base.items():  # every field of Fact.to_json is kept
            if key != "values":
                assert doc[key] == value
        assert doc["similarity"] == fact.similarity
        for vdoc, vbase, v in zip(doc["values"], base["values"], fact.values, strict=True):  # type: ignore[call-overload]
            assert {k: vdoc[k] for k in vbase} == vbase
            assert vdoc["mentions"] == list(v.mentions)
            assert vdoc["members"] == [result.claims[i].id for i in v.members]
            assert [q["id"] for q in vdoc["quotes"]] == vdoc["claims"]
            for q in vdoc["quotes"]:
                art = next(a for a in result.articles if a.id == q["article"])
                assert art.text[q["start"] : q["end"]] == q["text"] and q["path"] == art.path
    date_doc = data["facts"][0]
    assert date_doc["conflict"] is True and [v["minority"] for v in date_doc["values"]] == [False, True]
    assert date_doc["values"][1]["mentions"] == ["Selasa (4/6/2024)"]
    assert [f["fact"] for f in data["findings"]] == ["E1.F1", None, "E1.F2"]
    for f in data["findings"]:  # the fields the CI mode reads are all still there
        assert {"rank", "kind", "severity", "score", "reason", "checks", "nli", "review", "event", "claims"} <= set(f)
    assert {"version", "model", "stats", "articles", "findings", "skipped", "events", "copies"} <= set(data)


def test_csv_has_a_fact_column(tmp_path) -> None:
    result = small_result(_findings(small_result()))
    assert [r["fact"] for r in to_rows(result)] == ["E1.F1", "", "E1.F2"]
    (path,) = write_reports(result, tmp_path, "pasar", ["csv"])
    frame = pd.read_csv(path, keep_default_na=False)
    assert frame["fact"].tolist() == ["E1.F1", "", "E1.F2"] and "contradiction" in frame.columns


def test_demo_fact_table_matches_its_facts(demo_audit: AuditResult) -> None:
    """The demo (real embedder): every aligned fact is a row, every conflict is marked, every
    finding's fact is a row, and the JSON lists the same facts."""
    md = render_markdown(demo_audit, "demo")
    if not demo_audit.facts:
        assert "Fact table" not in md
        return
    head, *rows = _table(md, "## Fact table")
    ids = [f.id for f in demo_audit.facts]
    assert [r[0] for r in rows] == ids
    for fact, row in zip(demo_audit.facts, rows, strict=True):
        assert row[2].startswith("conflict") == fact.conflict
        given = {s for v in fact.values for s in v.sources}
        if len(head) > 4:
            filled = {h.strip("`").split("`")[0] for h, cell in zip(head[3:], row[3:], strict=True) if cell}
            assert filled == given
    assert {f.fact for f in demo_audit.findings if f.fact} <= set(ids)
    assert [f["id"] for f in to_json(demo_audit)["facts"]] == ids


def test_finding_claims_name_the_same_sentence_in_syndicated_copies() -> None:
    """A finding's claim lists where its copy states it: the same sentence (located in the copy), or,
    for an aligned fact, the copy's claim of the same value even where the copy reworded it."""
    arts = [
        _article("alfa.md", "Jembatan Kelabu dibuka Senin (3/6/2024).\nPanjangnya 120 meter.\n"),
        _article("delta.md", "Kabar lain di sini.\nJembatan Kelabu dibuka Senin (3/6/2024).\nPanjangnya 120 meter.\n"),
        _article("beta.md", "Jembatan Kelabu dibuka Selasa (4/6/2024).\nPanjangnya 150 meter.\n"),
        _article("gama.md", "Jembatan baru itu mulai dipakai Senin (3/6/2024).\n"),
    ]
    claims = [c for a in arts for c in _claims(a)]
    idx = {(c.article, c.text): i for i, c in enumerate(claims)}
    sources = Sources(
        {"alfa.md": "alfa.md", "delta.md": "alfa.md", "beta.md": "beta.md", "gama.md": "alfa.md"},
        {"alfa.md": ("alfa.md", "delta.md", "gama.md"), "beta.md": ("beta.md",)},
    )
    opened = "Jembatan Kelabu dibuka Senin (3/6/2024)."
    reworded = "Jembatan baru itu mulai dipakai Senin (3/6/2024)."
    fact = _fact(
        "E1.F1",
        "date",
        "date: dibuka",
        [
            ValueGroup(
                "3 Juni 2024", "Senin (3/6/2024)", (idx["alfa.md", opened],),
                (idx["alfa.md", opened], idx["delta.md", opened], idx["gama.md", reworded]),
                ("Senin (3/6/2024)",), ("alfa.md",), ("id",),
            ),
            _value("4 Juni 2024", [("beta.md", idx["beta.md", "Jembatan Kelabu dibuka Selasa (4/6/2024)."],
                                    "Selasa (4/6/2024)")], claims),
        ],
        True,
    )
    length_a = claims[idx["alfa.md", "Panjangnya 120 meter."]]
    length_b = claims[idx["beta.md", "Panjangnya 150 meter."]]
    findings = [
        Finding("contradiction", "high", 0.7, "dates", ("date",), None,
                (claims[idx["alfa.md", opened]], claims[idx["beta.md", "Jembatan Kelabu dibuka Selasa (4/6/2024)."]]),
                event="E1", fact="E1.F1"),
        Finding("contradiction", "medium", 0.5, "lengths", ("number",), None, (length_a, length_b), event="E1"),
    ]
    result = AuditResult(arts, claims, [], [], findings, MODEL, 0, {}, None, sources, [], [fact])
    data = to_json(result)
    first, second = (f["claims"] for f in data["findings"])
    assert [(x["article"], x["line"]) for x in first[0]["copies"]] == [("delta.md", 2), ("gama.md", 1)]
    assert "copies" not in first[1]  # beta.md has no copy
    copy = claims[idx["delta.md", "Panjangnya 120 meter."]]
    assert second[0]["copies"] == [
        {"article": "delta.md", "path": "korpus/delta.md", "line": 3, "start": copy.start, "end": copy.end}
    ]
