"""Match scores (factcheck.normalize.scores). Every team and sentence is invented."""

from __future__ import annotations

import pytest

from factcheck.normalize.scores import find_scores


@pytest.mark.parametrize(("text", "lang", "scores"), [
    ("Persatu Lembah menang 3-1 atas Garuda Pesisir di final.", "id", ["3-1"]),
    ("Mereka kalah 0-2 dari tuan rumah.", "id", ["2-0"]),  # the winner's figure first
    ("Pertandingan berakhir imbang 1-1.", "id", ["1-1"]),
    ("Northvale won 4–1 against Harbour Town.", "en", ["4-1"]),
    ("Der FC Talburg gewann das Finale 2:1 gegen Borstadt.", "de", ["2-1"]),
    ("El Deportivo Sur venció 2-0 al Atlético Norte.", "es", ["2-0"]),
    ("O clube venceu por 3-2 na final.", "pt", ["3-2"]),
    ("L'équipe s'est imposée 2-1 en finale.", "fr", ["2-1"]),
    ("La squadra ha vinto 1-0 la finale.", "it", ["1-0"]),
])  # fmt: skip
def test_scores_with_a_result_word(text: str, lang: str, scores: list[str]) -> None:
    assert [s.key for s in find_scores(text, lang)] == scores


@pytest.mark.parametrize(("text", "lang"), [
    ("Sebanyak 3-5 orang terluka dalam laga itu.", "id"),  # a range of people
    ("Final digelar 1-3 Oktober.", "id"),  # a span of days
    ("The match kicked off at 14:30 in Northvale.", "en"),  # a clock time
    ("Hujan turun 2-3 jam, kata petugas.", "id"),  # no result word
    ("The final score was 2-1.5 in the judges' tally.", "en"),  # a decimal
])  # fmt: skip
def test_no_score(text: str, lang: str) -> None:
    assert find_scores(text, lang) == []
