"""The Evidence page with AppTest on the fixture tables: rows, search, CSV, the row's link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.store import read_table

PAGE = "pages/evidence.py"
StartApp = Callable[[], AppTest]


def grid(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "open" in d.value.columns)


def test_every_stance_sentence_is_listed(start_app: StartApp, tables: Path) -> None:
    at = start_app().switch_page(PAGE).run()
    assert not at.exception
    sentences = read_table(tables, "stances").drop_duplicates(
        ["article_id", "start_char", "end_char", "actor", "concept", "polarity"]
    )
    statements = read_table(tables, "document_stances")
    counted = sentences.merge(
        statements[["article_id", "actor", "concept"]], on=["article_id", "actor", "concept"]
    )
    table = grid(at)
    assert len(table) == len(counted)
    assert table["open"].str.match(r"^article\?article=[^&]+&at=\d+$").all()
    assert any(c.value == f"{len(table):,} rows." for c in at.caption)


def test_search_and_quotes(start_app: StartApp, tables: Path) -> None:
    at = start_app().switch_page(PAGE).run()
    first = grid(at)["evidence"].iloc[0]
    word = max((w.strip(".,;:!?\"'()") for w in first.split()), key=len)
    at.text_input(key="evidence_search").input(word).run()
    assert not at.exception
    table = grid(at)
    assert first in set(table["evidence"])
    assert table.apply(lambda r: word.lower() in " ".join(map(str, r)).lower(), axis=1).all()
    assert at.query_params["q"] in (word, [word])
    at.session_state["evidence_rows"] = "quotes"
    at.text_input(key="evidence_search").input("").run()
    quotes = read_table(tables, "quotes")
    table = grid(at)
    assert set(table["evidence"]) <= set(quotes["text"])
    articles = read_table(tables, "articles")["id"]
    assert len(table) == int(quotes["article_id"].isin(articles).sum())
