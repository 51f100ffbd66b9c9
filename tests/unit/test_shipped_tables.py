"""The default corpus's prebuilt tables are shipped, complete, and stamped by this pipeline."""

from __future__ import annotations

from pathlib import Path

from analysis import schema
from analysis.build import tables_are_current
from analysis.store import read_stamp, read_table

TABLES = Path(__file__).resolve().parents[2] / "data" / "tables"


def test_shipped_tables_carry_the_current_stamp() -> None:
    stamp = read_stamp(TABLES)
    assert stamp is not None, "no build in data/tables: run `make data`"
    assert tables_are_current(stamp), (
        f"data/tables was built by {stamp.get('pipeline_version')!r}: the code or rule data "
        "changed since; run `make data` and commit the new build"
    )


def test_shipped_tables_have_every_table_and_column() -> None:
    expected = {
        "articles": schema.ARTICLE_TABLE_COLUMNS,
        "mentions": schema.MENTION_COLUMNS,
        "quotes": schema.QUOTE_COLUMNS,
        "stances": schema.STANCE_COLUMNS,
        "document_stances": schema.DOCUMENT_STANCE_COLUMNS,
        "relations": schema.RELATION_COLUMNS,
        "actors": schema.ACTOR_COLUMNS,
    }
    for name, columns in expected.items():
        assert tuple(read_table(TABLES, name).columns) == tuple(columns), name
    assert len(read_table(TABLES, "articles", columns=["id"])) == 7_172
