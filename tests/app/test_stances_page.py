"""The Country stances page, driven through dashboard.py with AppTest on the fixture tables.

AppTest cannot click a Plotly chart, so the evidence tests set what a click keeps in
st.session_state (`stances_pick`); the chart unit tests check the figures themselves.
Expected numbers are computed here from the stored tables, not copied from the page's code.
"""

from __future__ import annotations

import html
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.store import current_build, read_table
from tests.app.fixture_tables import HOSTILE_ID, UNDATED_ID
from ui.loaders import NO_STANCES, NO_STANCES_UPLOAD

PAGE = "pages/stances.py"
UKRAINE = "ukraine_sovereignty"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "app"

StartApp = Callable[[], AppTest]
UseTables = Callable[..., None]


@pytest.fixture(scope="module")
def evidence(fixture_tables_dir: Path) -> pd.DataFrame:
    return read_table(fixture_tables_dir, "stances")


def open_page(start_app: StartApp, **state: Any) -> AppTest:
    at = start_app()
    for key, value in state.items():
        at.session_state[key] = value
    return at.switch_page(PAGE).run()


def cells(at: AppTest) -> pd.DataFrame:
    """The table of the numbers behind the chart."""
    return next(d.value for d in at.dataframe if "mean_polarity" in d.value.columns)


def rendered_html(at: AppTest) -> str:
    return "\n".join(h.value for h in at.html)


def test_matrix_counts_every_statement(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    at = open_page(start_app)
    assert not at.exception
    assert at.title[0].value == "Country stances"
    assert at.radio(key="stances_view").value == "matrix"
    articles = statements["article_id"].nunique()
    caption = next(c.value for c in at.caption if "statements in" in c.value)
    assert caption.startswith(f"{len(statements):,} statements in {articles:,} articles, ")
    assert "(1 statement undated)" in caption  # the undated fixture record
    table = cells(at)
    assert int(table["statements"].sum()) == len(statements)
    assert len(table) == statements.groupby(["actor", "concept"]).ngroups
    assert "Click a mark of the chart" in " ".join(c.value for c in at.caption)


def test_concept_filter(start_app: StartApp, tables: Path, statements: pd.DataFrame) -> None:
    at = open_page(start_app)
    at.multiselect(key="flt_concepts").select(UKRAINE).run()
    assert not at.exception
    on_ukraine = statements[statements["concept"] == UKRAINE]
    table = cells(at)
    assert set(table["concept_label"]) == {"Support Ukraine against Russia's invasion"}
    assert int(table["statements"].sum()) == len(on_ukraine)
    by_actor = on_ukraine.groupby("actor")["polarity"].agg(["size", "mean"])
    usa = table[table["actor_name"] == "United States"].iloc[0]
    assert (usa["statements"], usa["mean_polarity"]) == (
        by_actor.loc["USA", "size"],
        pytest.approx(by_actor.loc["USA", "mean"]),
    )


def test_min_statements_and_source_filter(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    at = open_page(start_app)
    at.number_input(key="flt_min").set_value(2).run()
    sizes = statements.groupby(["actor", "concept"]).size()
    assert len(cells(at)) == int((sizes >= 2).sum())
    at.multiselect(key="flt_sources").select("Voice of America").run()
    assert not at.exception
    voa = statements[statements["source"] == "Voice of America"]
    # the caption counts what the matrix draws: here no cell holds 2 statements
    assert voa.groupby(["actor", "concept"]).size().max() < 2
    assert "No statement matches these filters." in [c.value for c in at.caption]
    at.number_input(key="flt_min").set_value(1).run()
    caption = next(c.value for c in at.caption if "in 1 article," in c.value)
    assert caption.startswith(f"{len(voa)} statements in 1 article, 2007-04-19 to 2007-04-19")


def test_a_filter_matching_nothing_says_so(start_app: StartApp, tables: Path) -> None:
    at = open_page(start_app)
    at.date_input(key="flt_dates").set_value((date(2010, 1, 1), date(2015, 1, 1))).run()
    assert not at.exception
    assert [i.value for i in at.info] == [
        "No statement matches the filters. Widen them in the sidebar."
    ]


@pytest.mark.parametrize("view", ["bars", "map"])
def test_one_concept_views(
    start_app: StartApp, tables: Path, statements: pd.DataFrame, view: str
) -> None:
    at = open_page(start_app)
    at.radio(key="stances_view").set_value(view).run()
    assert not at.exception
    most = statements["concept"].value_counts()
    concept = at.selectbox(key="stances_concept")
    assert concept.value in set(most[most == most.max()].index)
    table = cells(at)
    assert int(table["statements"].sum()) == int(most.max())
    map_note = [c.value for c in at.caption if "no place on the map" in c.value]
    assert bool(map_note) == (view == "map")


def test_clicked_cell_lists_its_evidence(
    start_app: StartApp, tables: Path, statements: pd.DataFrame, evidence: pd.DataFrame
) -> None:
    pick = {"chart": "matrix", "marks": [["USA", UKRAINE]]}
    at = open_page(start_app, stances_pick=pick)
    assert not at.exception
    page = rendered_html(at)
    usa = evidence[(evidence["actor"] == "USA") & (evidence["concept"] == UKRAINE)]
    counted = statements[(statements["actor"] == "USA") & (statements["concept"] == UKRAINE)]
    usa = usa[usa["article_id"].isin(counted["article_id"])]  # sides that cancel out count not
    sentences = usa.drop_duplicates(["article_id", "start_char", "end_char", "polarity"])
    n_articles = usa["article_id"].nunique()
    assert f"{len(sentences)} sentences in {n_articles} articles" in page
    for text in sentences["evidence"]:
        assert html.escape(text, quote=True) in page
    for article_id in usa["article_id"].unique():
        assert f'href="article?article={article_id}"' in page
    assert "<b>United States</b> on <i>Support Ukraine against Russia&#x27;s invasion</i>" in page
    table = next(d.value for d in at.dataframe if "evidence" in d.value.columns)
    assert len(table) == len(sentences)


def test_clicked_bar_lists_only_its_side(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    against = statements[statements["polarity"] == -1]
    assert not against.empty, "the fixture should hold at least one statement against a concept"
    actor, concept = against[["actor", "concept"]].iloc[0]
    against = against[against["concept"] == concept]
    pick = {"chart": "bars", "marks": [[actor, concept, -1]]}
    at = open_page(start_app, stances_pick=pick, stances_view="bars")
    assert not at.exception
    at.selectbox(key="stances_concept").set_value(concept).run()
    table = next(d.value for d in at.dataframe if "evidence" in d.value.columns)
    articles = against.loc[against["actor"] == actor, "article_id"]
    assert set(table["title"]) == set(_titles(tables)[articles])


def test_a_pick_on_another_view_is_not_shown(start_app: StartApp, tables: Path) -> None:
    at = open_page(start_app, stances_pick={"chart": "bars", "marks": [["USA", UKRAINE, 1]]})
    assert not at.exception
    assert not at.html
    assert "Click a mark of the chart" in " ".join(c.value for c in at.caption)


def test_hostile_evidence_is_escaped(
    start_app: StartApp, tables: Path, evidence: pd.DataFrame
) -> None:
    hostile = evidence[evidence["article_id"] == HOSTILE_ID].iloc[0]
    pick = {"chart": "matrix", "marks": [[hostile["actor"], hostile["concept"]]]}
    at = open_page(start_app, stances_pick=pick)
    assert not at.exception
    page = rendered_html(at)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in page  # the article title
    assert "[click me](javascript:alert(&#x27;source&#x27;))" in page  # the source, as text
    for raw in ("<script", "<img", 'href="javascript', "href='javascript"):
        assert raw not in page
    assert f'href="article?article={HOSTILE_ID}"' in page
    markup = [
        e.value for kind in ("markdown", "caption", "info", "title") for e in getattr(at, kind)
    ]
    assert not [m for m in markup if "](javascript" in m]  # escaped wherever Markdown renders


def test_undated_statement_counts_while_every_date_is_chosen(
    start_app: StartApp, tables: Path
) -> None:
    pick = {"chart": "matrix", "marks": [["DEU", "sanctions_on_russia"]]}
    at = open_page(start_app, stances_pick=pick)
    assert not at.exception
    assert f'href="article?article={UNDATED_ID}"' in rendered_html(at)
    assert "undated" in rendered_html(at)


def test_build_without_stances_says_how_to_get_them(
    start_app: StartApp, use_tables: UseTables, fixture_tables_dir: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old_build"
    shutil.copytree(fixture_tables_dir, old)
    for name in ("stances", "document_stances", "concepts"):
        (current_build(old) / f"{name}.parquet").unlink()  # type: ignore[operator]
    use_tables(old)
    at = open_page(start_app)
    assert not at.exception
    assert [i.value for i in at.info] == [NO_STANCES]
    assert "make data" in NO_STANCES
    assert not at.multiselect


def test_an_upload_is_analysed_for_stances_too(start_app: StartApp, tables: Path) -> None:
    at = start_app().switch_page("pages/corpus.py").run()
    path = FIXTURES / "upload_one_bad.jsonl"
    at.file_uploader[0].set_value([(path.name, path.read_bytes(), "application/octet-stream")])
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert NO_STANCES_UPLOAD not in [i.value for i in at.info]
    assert at.multiselect  # the page's filters are shown for the upload's stances


def _titles(tables: Path) -> pd.Series:
    articles = read_table(tables, "articles")
    return articles.set_index("id")["title"]
