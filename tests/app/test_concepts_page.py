"""The Concepts page, driven through dashboard.py with AppTest on the fixture tables.

A concept defined in one session joins that session's stance tables, and only that session's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.concept_update import candidate_articles
from analysis.concepts import concept_from_mapping
from analysis.records import Stance
from analysis.store import read_table
from ui.loaders import CONCEPTS_KEY
from ui.progress import escape_markdown
from ui.tables import StanceTables

PAGE = "pages/concepts.py"
LABEL = "Support for Ukraine's defence"
CONCEPT_ID = "support_for_ukraine_s_defence"

StartApp = Callable[[], AppTest]
UseTables = Callable[..., None]


def open_page(start_app: StartApp) -> AppTest:
    return start_app().switch_page(PAGE).run()


def submit(at: AppTest, *, label: str = "", keywords: str = "", description: str = "") -> AppTest:
    at.text_input(key="concepts_form_label").input(label)
    at.text_area(key="concepts_form_description").input(description)
    at.text_area(key="concepts_form_keywords").input(keywords)
    return at.button(key="concepts_form_submit").click().run()


def catalogue(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "user_defined" in d.value.columns)


def stance_concepts(at: AppTest) -> list[str]:
    """The sidebar's Concepts filter options, on the Country stances page of this session."""
    at.switch_page("pages/stances.py").run()
    assert not at.exception
    return list(at.multiselect(key="flt_concepts").options)


def test_the_catalogue_lists_every_concept(start_app: StartApp, tables: Path) -> None:
    at = open_page(start_app)
    assert not at.exception
    assert at.title[0].value == "Concepts"
    shown = catalogue(at)
    stored = read_table(tables, "concepts")
    assert list(shown["id"]) == list(stored["id"])
    assert list(shown["label"]) == list(stored["label"])
    assert not shown["user_defined"].any()
    assert "You have not defined a concept on this corpus yet." in [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("label", "keywords", "field"),
    [(LABEL, "", "Keywords"), (LABEL, " , \n ", "Keywords"), ("", "Ukraine", "Label"),
     ("???", "Ukraine", "Label")],
)  # fmt: skip
def test_an_invalid_concept_gets_a_warning_naming_the_field(
    start_app: StartApp, tables: Path, label: str, keywords: str, field: str
) -> None:
    at = submit(open_page(start_app), label=label, keywords=keywords)
    assert not at.exception
    assert [w.value.split(":")[0] for w in at.warning] == [f"**{field}**"]
    assert not catalogue(at)["user_defined"].any()


def test_a_catalogue_id_cannot_be_reused(start_app: StartApp, tables: Path) -> None:
    taken = read_table(tables, "concepts")["id"].iloc[0]
    at = submit(open_page(start_app), label=taken.replace("_", " "), keywords="Ukraine")
    assert [w.value.split(":")[0] for w in at.warning] == ["**Label**"]
    assert f"`{taken}`" in at.warning[0].value


def test_a_new_concept_joins_this_sessions_stance_pages_only(
    start_app: StartApp, tables: Path
) -> None:
    at = submit(open_page(start_app), label=LABEL, keywords="Ukraine", description="Mine.")
    assert not at.exception
    assert not at.warning
    articles = read_table(tables, "articles")
    concept = concept_from_mapping({"label": LABEL, "keywords": "Ukraine"}, user_defined=True)
    with_keyword = len(candidate_articles(articles, [concept]))
    assert with_keyword > 0
    [success] = at.success
    assert success.value.startswith("Added Support for Ukraine's defence: ")
    assert success.value.endswith(f" of the {with_keyword} articles with a keyword.")
    row = catalogue(at).set_index("id").loc[CONCEPT_ID]
    assert (row["label"], row["description"], row["keywords"], row["user_defined"]) == (
        LABEL, "Mine.", "Ukraine", True,
    )  # fmt: skip
    assert f"{LABEL} ({CONCEPT_ID})" in [t.value for t in at.text]

    statements = int(re.search(r" ([0-9]+) statements? in ", success.value)[1])
    assert statements > 0
    options = stance_concepts(at)
    assert LABEL in options
    caption = next(c.value for c in at.caption if "statements in" in c.value)
    base = len(read_table(tables, "document_stances"))
    assert caption.startswith(f"{base + statements} statements in ")
    at.switch_page("pages/timeline.py").run()
    assert LABEL in at.multiselect(key="flt_concepts").options
    # The Article page lists the new concept's stances of an article among its own.
    [found] = next(iter(at.session_state[CONCEPTS_KEY].values())).values()
    at.query_params["article"] = found.tables.stances["article_id"].iloc[0]
    at.switch_page("pages/article.py").run()
    assert not at.exception
    article_stances = next(d.value for d in at.dataframe if "concept_label" in d.value.columns)
    assert LABEL in set(article_stances["concept_label"])
    # Another browser session (same server caches) does not see it.
    assert not any(option.startswith(LABEL) for option in stance_concepts(open_page(start_app)))


def test_the_article_cap_applies(
    start_app: StartApp, fixture_tables_dir: Path, use_tables: UseTables
) -> None:
    use_tables(fixture_tables_dir, max_analyse_articles="1")
    at = submit(open_page(start_app), label=LABEL, keywords="Ukraine")
    assert not at.exception
    assert " of the 1 article with a keyword (only the first 1 of the " in at.success[0].value


def test_removing_a_concept_takes_it_off_the_stance_pages(
    start_app: StartApp, tables: Path
) -> None:
    at = submit(open_page(start_app), label=LABEL, keywords="Ukraine")
    at.button(key=f"concepts_remove_{CONCEPT_ID}").click().run()
    assert not at.exception
    assert CONCEPT_ID not in set(catalogue(at)["id"])
    assert not any(option.startswith(LABEL) for option in stance_concepts(at))


def test_a_hostile_label_is_shown_as_text(start_app: StartApp, tables: Path) -> None:
    label = "<script>alert(1)</script> [x](javascript:alert(1))"
    at = submit(open_page(start_app), label=label, keywords="Ukraine")
    assert not at.exception
    assert at.success[0].value.startswith(f"Added {escape_markdown(label)}: ")
    assert f"{label} (script_alert_1_script_x_javascript_alert_1)" in [t.value for t in at.text]


def test_added_stance_tables_leave_the_shared_ones_alone(fixture_tables_dir: Path) -> None:
    """with_added makes new frames; a user concept replaces a stored one of the same id."""
    stored = {n: read_table(fixture_tables_dir, n) for n in ("stances", "document_stances")}
    base = StanceTables(**stored, concepts=read_table(fixture_tables_dir, "concepts"))
    before = {n: getattr(base, n).copy() for n in ("stances", "document_stances", "concepts")}
    taken = base.concepts["id"].iloc[0]
    concept = concept_from_mapping({"label": taken, "keywords": "x"}, user_defined=True)
    stance = Stance("a1", "s1", 0, 9, "Text.", "USA", taken, 1, 0.9, "back", None, "cue", 0.9)
    merged = base.with_added([StanceTables.of_concept(concept, [stance])])
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(base, name), frame)
    assert len(merged.concepts) == len(base.concepts)
    assert merged.concepts.set_index("id").loc[taken, "user_defined"]
    assert merged.stances[merged.stances["concept"] == taken]["article_id"].tolist() == ["a1"]
    assert merged.document_stances[merged.document_stances["concept"] == taken].shape[0] == 1
    assert base.with_added([]) is base
