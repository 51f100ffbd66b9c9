"""The Overview page (the app's first page) and the URL state, with AppTest on the fixture tables.

Expected numbers are computed here from the stored tables, not copied from the page's code.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.store import read_table

StartApp = Callable[[], AppTest]
UKRAINE = "ukraine_sovereignty"


def param(at: AppTest, name: str) -> list[str]:
    """A URL parameter's values (AppTest gives one value as a string, several as a list)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_first_page_counts_what_is_in_view(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    at = start_app()
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert metrics(at) == {
        "Statements": f"{len(statements):,}",
        "Articles": f"{statements['article_id'].nunique():,}",
        "Actors": f"{statements['actor'].nunique():,}",
        "Concepts": f"{statements['concept'].nunique():,}",
    }


def test_a_link_sets_the_filters_and_a_bad_value_gives_a_notice(
    tables: Path, statements: pd.DataFrame, repo_root: Path
) -> None:
    at = AppTest.from_file(str(repo_root / "dashboard.py"), default_timeout=120)
    at.query_params["concept"] = UKRAINE
    at.query_params["actor"] = "NOPE"
    at.query_params["min"] = "zero"
    at.run()
    assert not at.exception
    assert at.multiselect(key="flt_concepts").value == [UKRAINE]
    assert at.multiselect(key="flt_actors").value == []
    on_ukraine = statements[statements["concept"] == UKRAINE]
    assert metrics(at)["Statements"] == f"{len(on_ukraine):,}"
    warning = next(w.value for w in at.warning if "Parts of the link were ignored" in w.value)
    assert "actor: 'NOPE' not in this corpus" in warning
    assert "min: 'zero' is not a number" in warning
    # the view went back into the URL, codes only, without the bad values
    assert param(at, "concept") == [UKRAINE]
    assert "actor" not in at.query_params and "min" not in at.query_params


def test_a_filter_change_goes_into_the_url(start_app: StartApp, tables: Path) -> None:
    at = start_app()
    at.multiselect(key="flt_actors").select("USA").run()
    at.number_input(key="flt_min").set_value(2).run()
    assert not at.exception
    assert param(at, "actor") == ["USA"]
    assert param(at, "min") == ["2"]
    assert len(param(at, "data")[0]) == 8


def test_a_link_made_on_other_data_says_so(tables: Path, repo_root: Path) -> None:
    at = AppTest.from_file(str(repo_root / "dashboard.py"), default_timeout=120)
    at.query_params["data"] = "00000000"
    at.run()
    assert not at.exception
    assert any("made on other data" in w.value for w in at.warning)


def test_a_picked_camp_lists_its_sentences(
    start_app: StartApp, tables: Path, statements: pd.DataFrame
) -> None:
    against = statements[statements["polarity"] == -1].iloc[0]
    at = start_app()
    at.session_state["overview_pick"] = {
        "chart": "divided",
        "marks": [[against["concept"], -1]],
    }
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if "evidence" in d.value.columns)
    assert set(table["side"]) == {"against"}
    labels = read_table(tables, "concepts").set_index("id")["label"]
    assert set(table["concept_label"]) == {labels[against["concept"]]}
    assert param(at, "pick") == [f"overview.divided:{against['concept']}~-1"]
