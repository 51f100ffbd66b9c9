"""A chart's title, subtitle, caption, counts, dates and source line describe the rows it draws.

The Country stances bars draw one concept, chosen on the page, while the sidebar may leave
concepts open: the text around the bars must still count only that concept's statements, name
it, give its dates and list only the sources that contributed to it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.query import Filters
from charts.stances import drawn_statements, matrix_cells
from ui.stance_view import BARS, MAP, MATRIX, stance_figure

WIRE, RADIO, BLOG = "Wire", "Radio", "Blog"
ATTRIBUTION = {WIRE: "Source: Wire - CC BY", RADIO: "Source: Radio - public domain",
               BLOG: "Source: Blog - CC0"}  # fmt: skip


def statement(n: int, actor: str, concept: str, source: str, date: str | None) -> dict:
    return {
        "article_id": f"a{n}", "actor": actor, "actor_name": {"USA": "United States",
        "RUS": "Russia", "EU": "European Union"}[actor], "iso3": None if actor == "EU" else actor,
        "concept": concept, "concept_label": concept.replace("_", " ").title(),
        "polarity": 1 if n % 3 else -1, "date": date, "date_precision": "day",
        "source": source, "attribution": ATTRIBUTION[source],
    }  # fmt: skip


@pytest.fixture
def shown() -> pd.DataFrame:
    """Sanctions: 3 statements from the Wire in 2022; Climate: 5 from Radio and Blog 2007-2019."""
    rows = [statement(i, "USA", "sanctions", WIRE, f"2022-03-0{i + 1}") for i in range(2)]
    rows.append(statement(2, "EU", "sanctions", WIRE, "2022-04-01"))
    rows += [statement(3 + i, "RUS", "climate", RADIO, f"2007-0{i + 1}-01") for i in range(3)]
    rows += [statement(6 + i, "USA", "climate", BLOG, "2019-05-05") for i in range(2)]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("view", [BARS, MAP])
def test_one_concept_charts_describe_only_that_concept(shown, view):
    fig, _, caption, drawn = stance_figure(view, shown, Filters(), "sanctions")
    expected = 3 if view == BARS else 2  # the map leaves the EU (no country) out
    assert len(drawn) == expected and set(drawn["concept"]) == {"sanctions"}
    assert caption.startswith(f"{expected} statements in {expected} articles, 2022-03-01 to")
    assert "2007" not in caption and RADIO not in caption and BLOG not in caption
    title = fig.layout.title.text
    assert "Sanctions" in title.split("<br>")[1] and "all concepts" not in title
    source_line = " ".join(a.text for a in fig.layout.annotations)
    assert ATTRIBUTION[WIRE] in source_line
    assert ATTRIBUTION[RADIO] not in source_line and ATTRIBUTION[BLOG] not in source_line


def test_the_matrix_leaves_out_what_min_statements_hides(shown):
    fig, cells, caption, drawn = stance_figure(MATRIX, shown, Filters(min_statements=3), None)
    assert list(cells["actor"]) == ["RUS"] and len(drawn) == 3
    assert caption.startswith("3 statements in 3 articles, 2007-01-01 to 2007-03-01.")
    assert "Sources: Radio (3)." in caption
    assert "Climate" in fig.layout.title.text


def test_one_statement_is_counted_in_the_singular(shown):
    _, _, caption, _ = stance_figure(BARS, shown.iloc[[2]], Filters(), "sanctions")
    assert caption.startswith("1 statement in 1 article, 2022-04-01 to 2022-04-01.")


def test_drawn_statements_are_those_of_the_drawn_cells(shown):
    cells = matrix_cells(shown, min_statements=3)
    assert set(drawn_statements(shown, cells)["article_id"]) == {"a3", "a4", "a5"}
    assert drawn_statements(shown, cells.iloc[0:0]).empty


def test_a_relations_chart_counts_relations_not_statements():
    from ui.chart_captions import plain_caption

    relations = pd.DataFrame(
        {"article_id": ["a1", "a1", "a2"], "date": ["2022-01-02", "2022-01-02", None],
         "article_source": [WIRE, WIRE, RADIO]}
    )  # fmt: skip
    caption = plain_caption(relations, noun="relation", source="article_source", rule="")
    assert caption == (
        "3 relations in 2 articles, 2022-01-02 to 2022-01-02 (1 relation undated)."
        " Sources: Wire (2); Radio (1)."
    )
