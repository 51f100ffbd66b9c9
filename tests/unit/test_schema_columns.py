"""analysis.schema's single-column names: each names a column some table really has."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema
from analysis.query import statement_table

TABLES = [value for name, value in vars(schema).items() if name.endswith("_COLUMNS")]
SINGLE = {
    name: value
    for name, value in vars(schema).items()
    if name.isupper() and isinstance(value, str) and not name.startswith("_")
}


def test_there_are_single_column_names() -> None:
    assert {"ACTOR", "CONCEPT", "ARTICLE_ID", "ACTOR_NAME", "CONCEPT_LABEL"} <= set(SINGLE)


@pytest.mark.parametrize("name", sorted(set(SINGLE) - {"ACTOR_NAME", "CONCEPT_LABEL"}))
def test_a_column_name_is_a_stored_column(name: str) -> None:
    assert any(SINGLE[name] in table for table in TABLES), f"{name} = {SINGLE[name]!r}"


def test_the_display_names_are_statement_table_columns() -> None:
    statements = statement_table(
        pd.DataFrame(columns=list(schema.DOCUMENT_STANCE_COLUMNS)),
        articles=pd.DataFrame(columns=list(schema.ARTICLE_TABLE_COLUMNS)),
        actors=pd.DataFrame(columns=list(schema.ACTOR_COLUMNS)),
        concepts=pd.DataFrame(columns=list(schema.CONCEPT_COLUMNS)),
    )
    assert {schema.ACTOR_NAME, schema.CONCEPT_LABEL} <= set(statements.columns)
