"""Stage 6: the reports. Markdown for people (reads well on GitHub), JSON and CSV for machines.

A report set (``name.md``, ``name.json``, ``name.csv``) is written as one generation: every file
goes into a hidden temporary folder inside the output folder, which is renamed to a commit name
once complete; only then are the files moved into place (see :func:`write_rendered`). A run
killed before the commit leaves the previous set untouched; one killed after it is completed by
the next run, which also removes the temporary folders of killed runs.

Everything that comes from an article, its metadata or its file name is escaped
(:func:`escape_md`, :func:`md_code`): it cannot inject HTML, links, images, mentions or table
cells into the Markdown, and it always stays on its line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

from factcheck import __version__
from factcheck.attributes import Fact, ValueGroup
from factcheck.claims import Claim
from factcheck.corpus import Article, Skipped
from factcheck.errors import OutputError
from factcheck.normalize.dates import format_day
from factcheck.pipeline import AuditResult
from factcheck.ranking import Finding

JSON_VERSION = 1
#: an event whose facts are given by more sources than this gets the compact fact table (one
#: "value - N sources (...)" list per row instead of one column per source)
FACT_COLUMNS_MAX = 8
#: sources named per value in the compact fact table; the rest are counted
FACT_SOURCES_LISTED = 8
_MD_SPECIAL = re.compile(r"([\\`*\[\]{}#|!~]|(?<!\w)_|_(?!\w))")
#: what GitHub would turn into a live link or a notification: URLs, e-mail addresses, @mentions,
#: issue references. Shown as code spans instead.
_LINKISH = re.compile(
    r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'`]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w@/])@[A-Za-z0-9][A-Za-z0-9-]*"
    r"|(?<![\w&#])#\d+\b",
    re.IGNORECASE,
)
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")
CHECK_NAMES = {
    "date": "Date conflict",
    "time": "Time conflict",
    "number": "Figure conflict",
    "place": "Place conflict",
    "org": "Company conflict",
    "person": "Person conflict",
    "score": "Score conflict",
    "attribution": "Attribution conflict",
    "nli": "Statements incompatible",
    "review": "Differing claims, for review",
    "assessment": "Differing assessments",
    "negation": "Stated and denied, for review",
    "weekday": "Weekday does not match date",
    "after-publication": "Date after publication",
    "relative-date": "Relative date does not match the date given",
}


def one_line(text: str) -> str:
    """``text`` on one line: line breaks become spaces, other control characters U+FFFD."""
    return _CONTROL.sub("\ufffd", _LINE_BREAKS.sub(" ", text)).replace("\t", " ")


def escape_md(text: str) -> str:
    """Escape Markdown and HTML so article text renders as plain text on one line: no HTML, no
    links or images, no table cells, no block structure; URLs, e-mail addresses, @mentions and
    issue references become code spans."""
    text = one_line(text)
    out: list[str] = []
    pos = 0
    for m in _LINKISH.finditer(text):
        link = _trim_link(m.group(0))
        out.append(_escape_plain(text[pos : m.start()]))
        out.append("`" + link.replace("`", "%60").replace("|", "%7C") + "`")
        pos = m.start() + len(link)
    out.append(_escape_plain(text[pos:]))
    return _no_block_start("".join(out))


def _trim_link(link: str) -> str:
    """A URL without the punctuation that ends the sentence around it (as GitHub's autolinks do)."""
    while link and (link[-1] in ".,:;!?*_~'\"" or (link[-1] == ")" and link.count(")") > link.count("("))):
        link = link[:-1]
    return link


def _no_block_start(text: str) -> str:
    """Escape what would start a list, a setext heading or an indented code block at line start."""
    text = re.sub(r"^[ \t]{4,}", " ", text)
    m = _BLOCK_START.match(text)
    if m is None:
        return text
    lead, mark = m.groups()
    if mark[0].isdigit():  # "12. " -> "12\. "
        return text[: m.end()] + "\\" + text[m.end() :]
    return lead + "\\" + text[len(lead) :]


def _escape_plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_code(text: str, *, in_table: bool = False) -> str:
    """``text`` as a Markdown code span (file names, model names) that nothing in it can break:
    one line, a fence longer than any run of backticks inside, ``|`` escaped in table cells."""
    text = one_line(text) or " "
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" or (text[0] == " " and text[-1] == " " and text.strip()) else ""
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{pad}{text}{pad}{fence}"


def highlight(text: str, words: Iterable[str]) -> str:
    """Escaped ``text`` with each of ``words`` (first occurrence) in bold."""
    spans: list[tuple[int, int]] = []
    for w in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):  # longest first; ties by text
        i = text.find(w)
        if i >= 0 and not any(i < e and s < i + len(w) for s, e in spans):
            spans.append((i, i + len(w)))
    out, pos = [], 0
    for s, e in sorted(spans):
        out.append(escape_md(text[pos:s]))
        out.append("**" + escape_md(text[s:e]) + "**")
        pos = e
    out.append(escape_md(text[pos:]))
    return "".join(out)


def _where(c: Claim) -> str:
    return f"{c.path}:{c.line}"


def _published(art: Article | None) -> str:
    if art is None or art.published is None:
        return "unknown"
    how = "" if art.published_from in ("front matter", "column") else f" (from {art.published_from})"
    return format_day(art.published) + how


def _quote(c: Claim, art: Article | None, words: Sequence[str] = ()) -> list[str]:
    speaker = f" · speaker: {escape_md(c.speaker.name)}" if c.speaker and c.speaker.name else ""
    return [
        f"> **{md_code(_where(c))}** · published {_published(art)} · {escape_md(c.modality.kind)}{speaker}",
        ">",
        f"> {highlight(c.text, words)}",
        "",
    ]


def _nli_line(nli: dict[str, float] | None) -> str:
    if not nli:
        return ""
    return (
        f"NLI (mean of both directions): entailment {nli['entailment']:.2f} · neutral "
        f"{nli['neutral']:.2f} · contradiction {nli['contradiction']:.2f}."
    )


def render_markdown(result: AuditResult, name: str, top: int | None = None, skipped: Sequence[Skipped] = ()) -> str:
    """The Markdown report. ``skipped``: paths under the corpus that were not read (listed)."""
    arts = {a.id: a for a in result.articles}
    contra = [f for f in result.findings if f.kind == "contradiction" and not f.review]
    review = [f for f in result.findings if f.kind == "contradiction" and f.review]
    corro = [f for f in result.findings if f.kind == "corroboration"]
    internal = [f for f in result.findings if f.kind == "internal"]
    if top is not None:
        contra, review, corro = contra[:top], review[:top], corro[:top]
    sev = {
        s: sum(1 for f in result.findings if f.kind != "corroboration" and f.severity == s)
        for s in ("high", "medium", "low")
    }
    lines = [
        f"# factcheck report: {escape_md(name)}",
        "",
        f"Generated by factcheck {__version__} with NLI model {md_code(result.model.get('nli', '?'))} and "
        f"embedder {md_code(result.model.get('embedder', '?'))}"
        + (
            f"; names typed and split by the entity tagger {md_code(result.model['entities'])}."
            if result.model.get("entities", "rules") != "rules"
            else "."
        ),
        "",
        "## Summary",
        "",
        "| Articles | Claims | Pairs checked | High | Medium | Low | Corroborated facts | Within-article problems |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {len(result.articles)} | {len(result.claims)} | {len(result.pairs)} | {sev['high']} | "
        f"{sev['medium']} | {sev['low']} | {len(corro)} | {len(internal)} |",
        "",
        "Severities count contradictions, items for review and within-article problems.",
        "",
        *_not_read_warning(skipped),
    ]
    ranks = {id(f): i for i, f in enumerate(result.findings, 1)}
    by_event = result.events is not None and len(result.events.frames) > 1
    if by_event:
        lines += _event_sections(result, contra, review, corro, ranks, arts)
    else:
        lines += _fact_table(result.facts, result, "##", "Fact table")
        lines += ["## Contradictions", ""]
        if not contra:
            lines += ["No contradictions found.", ""]
        for f in contra:
            lines += _finding_block(f, ranks[id(f)], arts)
        lines += [
            "## For review",
            "",
            "Claims on the same subject that differ, put side by side; not asserted as contradictions.",
            "",
        ]
        if not review:
            lines += ["Nothing to review.", ""]
        for f in review:
            lines += _finding_block(f, ranks[id(f)], arts)
        lines += ["## Corroborated facts", ""]
        if not corro:
            lines += ["No fact is confirmed by more than one source.", ""]
        for f in corro:
            lines += _corroboration_block(f, ranks[id(f)], arts, level="###")
    lines += [
        "## Sources",
        "",
        "| Article | Title | Published | Claims | In contradictions | In corroborations |",
        "| --- | --- | --- | ---: | ---: | ---: |",
    ]
    for a in result.articles:
        n_claims = sum(1 for c in result.claims if c.article == a.id)
        n_con = sum(1 for f in contra + review if any(c.article == a.id for c in f.claims))
        n_cor = sum(1 for f in corro if any(c.article == a.id for c in f.claims))
        lines.append(
            f"| {md_code(a.path, in_table=True)} | {escape_md(a.title or '')} | {_published(a)} | {n_claims} | "
            f"{n_con} | {n_cor} |"
        )
    lines.append("")
    lines += _copies_lines(result, arts)
    lines += not_read_section(skipped)
    lines += ["## Within-article problems", ""]
    if not internal:
        lines += ["None found.", ""]
    for f in internal:
        c = f.claims[0]
        lines += [
            f"### {ranks[id(f)]}. [{f.severity.upper()}] {escape_md(CHECK_NAMES.get(f.aspect, f.aspect))}",
            "",
            escape_md(f.reason),
            "",
        ]
        lines += _quote(c, arts.get(c.article), f.highlights[0] if f.highlights else ())
    return "\n".join(lines).rstrip() + "\n"


def _copies_lines(result: AuditResult, arts: dict[str, Article]) -> list[str]:
    """Which outlets carried the same copy, recycled pages, lines left out as furniture."""
    lines: list[str] = []
    copies = result.sources.copies() if result.sources else {}
    for ids in copies.values():
        carried = ", ".join(f"{md_code(arts[i].path)} ({escape_md(arts[i].source or i)})" for i in ids if i in arts)
        lines.append(f"- Same copy (one source, never compared with itself): {carried}")
    notes = result.events.notes if result.events else {}
    for a in result.articles:
        if a.id in notes:
            lines.append(f"- {md_code(a.path)}: {escape_md(notes[a.id])}")
    if result.furniture:
        lines.append(
            f"- {len(result.furniture)} lines repeated across sources (credit lines, bylines, sign-offs) "
            "were not read as claims"
        )
    return [*lines, ""] if lines else []


def _event_sections(
    result: AuditResult,
    contra: Sequence[Finding],
    review: Sequence[Finding],
    corro: Sequence[Finding],
    ranks: dict[int, int],
    arts: dict[str, Article],
) -> list[str]:
    """One section per event: its title, articles, contradictions, items for review, corroborations."""
    assert result.events is not None
    lines = [
        "## Events",
        "",
        "Claims are compared only within one event. Each event's title is generated from its main actors, "
        "place and dates.",
        "",
        "| Event | Title | Articles | Contradictions | Corroborated facts |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for ev in result.events.frames:
        n_con = sum(1 for f in contra if f.event == ev.id)
        n_cor = sum(1 for f in corro if f.event == ev.id)
        lines.append(f"| {ev.id} | {escape_md(ev.title)} | {len(ev.articles)} | {n_con} | {n_cor} |")
    lines.append("")
    for ev in result.events.frames:
        lines += [f"## {ev.id}: {escape_md(ev.title)}", ""]
        listed = ", ".join(md_code(arts[a].path) if a in arts else md_code(a) for a in ev.articles)
        lines += [f"Articles: {listed}.", ""]
        for a in ev.recycled:
            where = md_code(arts[a].path if a in arts else a)
            lines += [f"Recycled page: {where}, published long after this event.", ""]
        lines += _fact_table([x for x in result.facts if x.event == ev.id], result, "###", f"Fact table of {ev.id}")
        for title, items, empty in (
            ("Contradictions", contra, "No contradictions found."),
            ("For review", review, "Nothing to review."),
            ("Corroborated facts", corro, "No fact is confirmed by more than one source."),
        ):
            mine = [f for f in items if f.event == ev.id]
            lines += [f"### {title} in {ev.id}", ""]
            if not mine:
                lines += [empty, ""]
            for f in mine:
                if f.kind == "corroboration":
                    lines += _corroboration_block(f, ranks[id(f)], arts, level="####")
                else:
                    lines += _finding_block(f, ranks[id(f)], arts, level="####")
    return lines


def _minority(fact: Fact) -> set[int]:
    """Indices of the values of a conflict that fewer sources give than the best-supported one
    (none in a tie: no value is then the odd one out)."""
    if not fact.conflict or not fact.values:
        return set()
    top = len(fact.values[0].sources)
    return {n for n, v in enumerate(fact.values) if len(v.sources) < top}


def _fact_status(fact: Fact) -> str:
    if not fact.conflict:
        return "agree"
    return "conflict" if _minority(fact) else "conflict, no majority"


def _fact_value(text: str, minority: bool) -> str:
    shown = escape_md(one_line(text).strip())
    return f"**{shown}**" if minority and shown else shown


def _source_label(source: str, result: AuditResult) -> str:
    """A source's column heading: its first article's id, and how many more files carry its copy."""
    n = len(result.sources.members.get(source, ())) if result.sources else 0
    more = f" +{n - 1} cop{'y' if n == 2 else 'ies'}" if n > 1 else ""
    return md_code(source, in_table=True) + more


def _fact_table(facts: Sequence[Fact], result: AuditResult, level: str, title: str) -> list[str]:
    """The facts of one event as a table: a row per attribute, a column per source with the value
    as that source writes it; above :data:`FACT_COLUMNS_MAX` sources, one list of values per row."""
    if not facts:
        return []
    order = {a.id: i for i, a in enumerate(result.articles)}
    given = {s for f in facts for v in f.values for s in v.sources}
    sources = sorted(given, key=lambda s: (order.get(s, len(order)), s))
    lines = [f"{level} {escape_md(title)}", ""]
    if len(sources) > FACT_COLUMNS_MAX:
        lines += [
            "Each row is one attribute as the sources state it: each value as the first source writes it, "
            "and the sources that give it. In a conflict, the values fewer sources give are in bold.",
            "",
            "| Fact | Attribute | Status | Values |",
            "| --- | --- | --- | --- |",
        ]
        for f in facts:
            minor = _minority(f)
            values = " · ".join(
                f"{_fact_value(v.shown, n in minor)} - {len(v.sources)} source{'s' if len(v.sources) != 1 else ''} "
                f"({_listed_sources(v)})"
                for n, v in enumerate(f.values)
            )
            lines.append(f"| {escape_md(f.id)} | {escape_md(f.name)} | {_fact_status(f)} | {values} |")
        return [*lines, ""]
    lines += [
        "Each row is one attribute as the sources state it, each column a source: the value as that source "
        "writes it (empty: it does not say). In a conflict, the values fewer sources give are in bold.",
        "",
        "| Fact | Attribute | Status | " + " | ".join(_source_label(s, result) for s in sources) + " |",
        "| --- | --- | --- |" + " --- |" * len(sources),
    ]
    for f in facts:
        minor = _minority(f)
        cells: dict[str, list[str]] = {s: [] for s in sources}
        for n, v in enumerate(f.values):
            for k, s in enumerate(v.sources):
                written = _fact_value(v.mentions[k] if k < len(v.mentions) else v.shown, n in minor)
                if written not in cells[s]:
                    cells[s].append(written)
        row = " | ".join(" · ".join(cells[s]) for s in sources)
        lines.append(f"| {escape_md(f.id)} | {escape_md(f.name)} | {_fact_status(f)} | {row} |")
    return [*lines, ""]


def _listed_sources(v: ValueGroup) -> str:
    named = ", ".join(md_code(s, in_table=True) for s in v.sources[:FACT_SOURCES_LISTED])
    rest = len(v.sources) - FACT_SOURCES_LISTED
    return named + (f", +{rest} more" if rest > 0 else "")


def _fact_ref(f: Finding) -> list[str]:
    """Which row of the fact table a finding comes from."""
    return [f"**Fact:** {escape_md(f.fact)} (a row of the fact table)", ""] if f.fact else []


def _corroboration_block(f: Finding, rank: int, arts: dict[str, Article], level: str) -> list[str]:
    """A corroborated fact: heading, reason, and the quote from each source."""
    lines = [f"{level} {rank}. Confirmed by {f.sources} sources · score {f.score:.2f}", "", escape_md(f.reason), ""]
    lines += _fact_ref(f)
    for i, c in enumerate(f.claims):
        lines += _quote(c, arts.get(c.article), f.highlights[i] if i < len(f.highlights) else ())
    return lines


def _finding_block(f: Finding, rank: int, arts: dict[str, Article], level: str = "###") -> list[str]:
    title = escape_md(CHECK_NAMES.get(f.aspect, f.aspect))
    lines = [
        f"{level} {rank}. [{f.severity.upper()}] {title} · score {f.score:.2f}",
        "",
        f"**Why flagged:** {escape_md(f.reason)}",
        "",
        *_fact_ref(f),
    ]
    for i, c in enumerate(f.claims):
        words = f.highlights[i] if i < len(f.highlights) else ()
        lines += _quote(c, arts.get(c.article), words)
    nli = _nli_line(f.nli)
    lines += [f"Checks: {escape_md(', '.join(f.checks))}. {nli}".rstrip(), ""]
    return lines


def _not_read_warning(skipped: Sequence[Skipped]) -> list[str]:
    if not skipped:
        return []
    n = len(skipped)
    return [
        f"**{n} path{'s' if n != 1 else ''} under the corpus {'were' if n != 1 else 'was'} not read** "
        "(listed under Not read): this report does not cover them.",
        "",
    ]


def not_read_section(skipped: Sequence[Skipped]) -> list[str]:
    """The "Not read" list: one line per path under the corpus that was not read, with the reason."""
    if not skipped:
        return []
    lines = ["## Not read", ""]
    lines += [f"- {md_code(s.path)}: {escape_md(s.reason)}" for s in skipped]
    return [*lines, ""]


def skipped_json(skipped: Sequence[Skipped]) -> list[dict[str, str]]:
    return [{"path": s.path, "reason": s.reason} for s in skipped]


def _claim_json(c: Claim, copies: Sequence[Claim] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {
        "article": c.article,
        "path": c.path,
        "line": c.line,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "event": c.event or None,
    }
    if copies:
        out["copies"] = [
            {"article": x.article, "path": x.path, "line": x.line, "start": x.start, "end": x.end} for x in copies
        ]
    return out


def claim_copies(result: AuditResult) -> dict[str, tuple[Claim, ...]]:
    """Per claim id, the same sentence in the other files of its source (a syndicated copy): a
    finding about the original is about the copy too, so the report locates it there as well."""
    groups = result.sources.copies() if result.sources else {}
    source = {a: src for src, ids in groups.items() for a in ids}
    same: dict[tuple[str, str], list[Claim]] = {}
    for c in result.claims:
        if c.article in source:
            same.setdefault((source[c.article], c.text), []).append(c)
    # an aligned fact's value groups know the copy's sentence even where the copy reworded it
    for fact in result.facts:
        for v in fact.values:
            for m in v.members:
                c = result.claims[m]
                if c.article in source:
                    same.setdefault((source[c.article], f"{fact.id}/{v.value}"), []).append(c)
    out: dict[str, tuple[Claim, ...]] = {}
    for group in same.values():
        for c in group:
            more = [x for x in group if x.article != c.article and x not in out.get(c.id, ())]
            if more:
                out[c.id] = (*out.get(c.id, ()), *more)
    return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def to_json(result: AuditResult, skipped: Sequence[Skipped] = ()) -> dict[str, Any]:
    """The JSON report (schema in the README); ``skipped`` is listed under the key ``skipped``."""
    copies = claim_copies(result)
    counts = result.claim_counts if result.claim_counts is not None else Counter(c.article for c in result.claims)
    return {
        "version": JSON_VERSION,
        "model": result.model,
        "stats": result.stats,
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "published": _iso(a.published),
                "title": a.title,
                "claims": counts.get(a.id, 0),
            }
            for a in result.articles
        ],
        "findings": [
            {
                "rank": i,
                "kind": f.kind,
                "severity": f.severity,
                "score": f.score,
                "reason": f.reason,
                "checks": list(f.checks),
                "nli": f.nli,
                "review": f.review,
                "event": f.event or None,
                "fact": f.fact or None,
                "claims": [_claim_json(c, copies.get(c.id, ())) for c in f.claims],
            }
            for i, f in enumerate(result.findings, 1)
        ],
        "skipped": skipped_json(skipped),
        **events_json(result),
    }


def events_json(result: AuditResult) -> dict[str, Any]:
    """``events`` (id, title, date range, articles, recycled pages, the ids of its facts), ``copies``
    (one source, several files) and ``facts`` (the attributes aligned across sources, :func:`fact_json`)."""
    events = (
        [{**f.to_json(), "facts": [x.id for x in result.facts if x.event == f.id]} for f in result.events.frames]
        if result.events
        else []
    )
    arts = {a.id: a for a in result.articles}
    copies = [
        {"source": src, "articles": list(ids), "outlets": [arts[i].source or i for i in ids if i in arts]}
        for src, ids in (result.sources.copies().items() if result.sources else ())
    ]
    return {"events": events, "copies": copies, "facts": [fact_json(x, result.claims) for x in result.facts]}


def fact_json(fact: Fact, claims: Sequence[Claim]) -> dict[str, Any]:
    """:meth:`Fact.to_json` and what it leaves out: the alignment's mean cosine; per value the words
    each source states it with (``mentions``, in the order of ``sources``), every claim giving it
    (``members``: copies and repeats too), the quoted claim of each source (``quotes``, located as
    in findings) and whether it is a ``minority`` value of a conflict (bold in the Markdown)."""
    out: dict[str, Any] = {**fact.to_json(claims), "similarity": fact.similarity}
    minor = _minority(fact)
    out["values"] = [
        {
            **row,
            "mentions": list(v.mentions),
            "members": [claims[i].id for i in v.members],
            "quotes": [{"id": claims[i].id, **_claim_json(claims[i])} for i in v.claims],
            "minority": n in minor,
        }
        for n, (row, v) in enumerate(zip(cast(list[dict[str, Any]], out["values"]), fact.values, strict=True))
    ]
    return out


def to_rows(result: AuditResult) -> list[dict[str, Any]]:
    """One row per finding, flat, for CSV."""
    rows = []
    for i, f in enumerate(result.findings, 1):
        a = f.claims[0]
        b = f.claims[1] if len(f.claims) > 1 else None
        rows.append(
            {
                "rank": i,
                "kind": f.kind,
                "severity": f.severity,
                "score": f.score,
                "checks": ";".join(f.checks),
                "reason": f.reason,
                "sources": f.sources,
                "a_file": a.path,
                "a_line": a.line,
                "a_text": a.text,
                "b_file": b.path if b else "",
                "b_line": b.line if b else "",
                "b_text": b.text if b else "",
                "entailment": f.nli["entailment"] if f.nli else "",
                "contradiction": f.nli["contradiction"] if f.nli else "",
                "fact": f.fact,
            }
        )
    return rows


def atomic_write(path: Path, text: str, what: str = "file") -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and an atomic rename.

    Errors name ``path`` (never the temporary file): :class:`OutputError` "cannot write {what}".
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(path, f"cannot write {what} ({exc.strerror or exc})") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_reports(
    result: AuditResult,
    out_dir: Path,
    name: str,
    formats: Sequence[str],
    top: int | None = None,
    skipped: Sequence[Skipped] = (),
) -> list[Path]:
    """Render every requested format first, then write them as one generation (:func:`write_rendered`)."""
    import io

    import pandas as pd

    rendered: dict[str, str] = {}
    for fmt in formats:
        if fmt == "md":
            rendered["md"] = render_markdown(result, name, top, skipped)
        elif fmt == "json":
            rendered["json"] = json.dumps(to_json(result, skipped), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "csv":
            buf = io.StringIO()
            columns = [
                "rank",
                "kind",
                "severity",
                "score",
                "checks",
                "reason",
                "sources",
                "a_file",
                "a_line",
                "a_text",
                "b_file",
                "b_line",
                "b_text",
                "entailment",
                "contradiction",
                "fact",
            ]
            pd.DataFrame(to_rows(result), columns=columns).to_csv(buf, index=False)
            rendered["csv"] = buf.getvalue()
        else:
            raise ValueError(f"unknown report format {fmt!r}")
    return write_rendered(rendered, out_dir, name)


#: inside a generation folder: the names of its files (written last: a folder without it is incomplete)
MANIFEST = "manifest.json"
#: temporary folders of runs killed before their commit are removed when older than this, where
#: the output folder cannot be locked (elsewhere at once: the lock proves their writer is gone)
STALE_AFTER_S = 600.0


def _tmp_prefix(name: str) -> str:
    return f".{name}.factcheck-tmp-"


def _commit_dir(out_dir: Path, name: str) -> Path:
    return out_dir / f".{name}.factcheck-commit"


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[bool]:
    """An exclusive ``flock`` on the output folder while a set is written; yields whether it holds."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield False
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            locked = True
        except OSError:  # pragma: no cover - file systems without locks
            locked = False
        yield locked
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _apply(out_dir: Path, commit: Path) -> None:
    """Move a committed generation's files into place (those still there) and remove its folder."""
    manifest = commit / MANIFEST
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"] if manifest.is_file() else []
    except (ValueError, KeyError, TypeError):  # not ours, or edited by hand: nothing to move
        files = []
    if files:
        for fname in files:
            if isinstance(fname, str) and Path(fname).name == fname and (src := commit / fname).is_file():
                os.replace(src, out_dir / fname)
        _fsync_dir(out_dir)
    shutil.rmtree(commit, ignore_errors=True)


def recover_report_set(out_dir: Path, name: str, *, locked: bool = True) -> None:
    """Finish what a killed run left of the report set ``name`` in ``out_dir``: a committed
    generation is moved into place; uncommitted temporary folders (and the temporary files of
    older factcheck versions) are removed. Called by :func:`write_rendered` before writing."""
    if not out_dir.is_dir():
        return
    commit = _commit_dir(out_dir, name)
    if commit.is_dir():
        _apply(out_dir, commit)
    now = time.time()
    for entry in out_dir.iterdir():
        stale = entry.name.startswith(_tmp_prefix(name)) or (
            entry.name.startswith(f".{name}.")
            and entry.name.endswith(".tmp")
            and entry.name[len(name) + 2 :].split(".", 1)[0] in ("md", "json", "csv")
        )
        if not stale or (not locked and now - entry.stat().st_mtime < STALE_AFTER_S):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def write_rendered(rendered: dict[str, str], out_dir: Path, name: str) -> list[Path]:
    """Write rendered reports (format -> text) as ``out_dir/name.format``, all as one generation.

    The files are written and synced in a temporary folder inside ``out_dir``, with a manifest;
    renaming that folder to ``.name.factcheck-commit`` commits the generation; its files are then
    moved into place and the folder removed. A run killed before the commit leaves the previous
    set as it was; after it, the next run (or :func:`recover_report_set`) completes the move.
    Errors are :class:`OutputError` naming ``out_dir``, as the user typed it.
    """
    files = [f"{name}.{fmt}" for fmt in rendered]
    if not files:
        return []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with _folder_lock(out_dir) as locked:
            recover_report_set(out_dir, name, locked=locked)
            tmp = Path(tempfile.mkdtemp(prefix=_tmp_prefix(name), dir=out_dir))
            try:
                for fname, text in zip(files, rendered.values(), strict=True):
                    _write_synced(tmp / fname, text)
                _write_synced(tmp / MANIFEST, json.dumps({"name": name, "files": files}) + "\n")
                _fsync_dir(tmp)
                commit = _commit_dir(out_dir, name)
                os.rename(tmp, commit)  # the commit point
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
            _fsync_dir(out_dir)
            _apply(out_dir, commit)
    except OSError as exc:
        raise OutputError(out_dir, f"cannot write report ({exc.strerror or exc})") from None
    return [out_dir / f for f in files]
