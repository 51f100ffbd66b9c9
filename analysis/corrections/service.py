"""Checked writes and the reads pages need: validate every judgment first, then write them all
in one transaction (bad input writes nothing)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from analysis.concepts import load_catalogue
from analysis.corrections.model import Catalog, Judgment, check_author, check_judgment, check_note
from analysis.corrections.store import Correction, CorrectionStore, Document, current_judgments
from analysis.gazetteer import default_gazetteer

Change = tuple[Judgment, Mapping[str, Any] | None]  # a judgment and the value it replaces


def submit(
    store: CorrectionStore,
    changes: Sequence[Change],
    *,
    catalog: Catalog,
    author: str,
    note: str = "",
    documents: Sequence[Document] = (),
) -> str:
    """Check `changes` against `catalog`, then append them as one batch; the batch id.

    Raises CorrectionRejected (naming the field and value) before anything is written.
    """
    note = check_note(note)
    author = check_author(author)
    for judgment, _old in changes:
        check_judgment(judgment, catalog)
    return store.record(changes, author=author, note=note, documents=documents)


def current(store: CorrectionStore) -> list[Correction]:
    """The judgments in force, oldest first."""
    return sorted(current_judgments(store.history()).values(), key=lambda c: c.id)


def default_catalog(texts: Mapping[str, str]) -> Catalog:
    """The gazetteer's actor codes and the catalogue's concepts, with these articles' texts."""
    return Catalog(
        actors=frozenset(default_gazetteer().actors),
        concepts=frozenset(c.id for c in load_catalogue()),
        texts=texts,
    )


def table_catalog(
    articles: pd.DataFrame, actors: Iterable[str], concepts: Iterable[str]
) -> Catalog:
    """A catalog from a corpus's tables: its articles, its actors table, its concepts."""
    texts = dict(zip(articles["id"].astype(str), articles["text"].astype(str), strict=True))
    return Catalog(frozenset(map(str, actors)), frozenset(map(str, concepts)), texts)


def document_of(articles: pd.DataFrame, article_id: str) -> Document:
    """The snapshot of one article of a corpus's articles table (stored with its judgments)."""
    row = articles.loc[articles["id"] == article_id].iloc[0]

    def text(column: str) -> str | None:
        value = row.get(column)
        return None if value is None or pd.isna(value) else str(value)

    return Document(
        article_id,
        str(row["text"]),
        title=text("title"),
        date=text("date"),
        source=text("source"),
        url=text("url"),
    )
