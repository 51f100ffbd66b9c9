"""Stances for new or changed concepts without rebuilding everything else.

Only the articles that contain one of a concept's phrases are parsed again, and only the stance
records of those concepts are replaced; articles, mentions and quotes are left as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.build import concept_table, document_stance_table
from analysis.concepts import Concept, load_catalogue, with_user_concepts
from analysis.gazetteer import default_gazetteer
from analysis.nlp.document import DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_texts
from analysis.nlp.pipeline import load_pipeline
from analysis.nlp.scorer import default_scorer
from analysis.nlp.screen import screen_for
from analysis.nlp.terms import ConceptIndex
from analysis.records import Stance
from analysis.store import current_build, read_stamp, write_tables

ProgressFn = Callable[[int, int, str], None]


def candidate_articles(articles: pd.DataFrame, concepts: Sequence[Concept]) -> pd.DataFrame:
    """Articles whose text contains one of the concepts' phrases (case-insensitive), the only
    ones whose stances on these concepts can change."""
    phrases = sorted(
        {p.casefold() for c in concepts for p in c.all_terms if p.strip()}, key=len, reverse=True
    )
    if not phrases:
        return articles.iloc[0:0]
    pattern = re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE)
    return articles[articles["text"].map(lambda text: bool(pattern.search(text)))]


def stances_for_concepts(
    articles: pd.DataFrame,
    concepts: Sequence[Concept],
    *,
    pipeline: str | None = None,
    workers: int = 1,
    progress: ProgressFn | None = None,
) -> list[Stance]:
    """Stance records on the given concepts for the articles that mention them."""
    nlp, _ = load_pipeline(pipeline)
    gaz = default_gazetteer()
    index = ConceptIndex(nlp, concepts)
    scorer = default_scorer()
    rows = candidate_articles(articles, concepts)[["id", "date", "source", "title", "text"]]
    records = [tuple(_text(v) for v in r) for r in rows.itertuples(index=False, name=None)]
    found: list[Stance] = []
    parsed_all = parse_texts(
        nlp, [r[4] or "" for r in records], n_process=workers, screen=screen_for(nlp, index, gaz)
    )
    for done, (row, parsed) in enumerate(zip(records, parsed_all, strict=True), start=1):
        meta = DocumentMeta(row[0] or "", row[1], row[2], row[3])
        found += analyse_document(meta, parsed, gaz, index, scorer).stances
        if progress is not None and (done % 25 == 0 or done == len(rows)):
            progress(
                done,
                len(rows),
                f"looked for the new concepts in {done:,} of {len(rows):,} articles",
            )
    return found


def add_concepts(
    tables_dir: Path,
    concepts: Sequence[Concept],
    *,
    pipeline: str | None = None,
    workers: int = 1,
    progress: ProgressFn | None = None,
) -> Path:
    """Compute stances for `concepts` and write a new build of the tables with them merged in."""
    build = current_build(tables_dir)
    if build is None:
        raise FileNotFoundError(f"{tables_dir}: no complete build of the tables (run `make data`)")
    tables = {p.stem: pd.read_parquet(p) for p in sorted(build.glob("*.parquet"))}
    new = stances_for_concepts(
        tables["articles"], concepts, pipeline=pipeline, workers=workers, progress=progress
    )
    ids = {c.id for c in concepts}
    kept = tables["stances"][~tables["stances"]["concept"].isin(ids)]
    new_frame = pd.DataFrame([_row(s) for s in new], columns=list(schema.STANCE_COLUMNS))
    tables["stances"] = pd.concat([kept, new_frame], ignore_index=True)
    kept_docs = tables["document_stances"][~tables["document_stances"]["concept"].isin(ids)]
    tables["document_stances"] = pd.concat(
        [kept_docs, document_stance_table(new)], ignore_index=True
    )
    existing = [c for c in load_catalogue() if c.id in set(tables["concepts"]["id"])]
    tables["concepts"] = concept_table(with_user_concepts(existing, concepts))
    stamp = {
        k: v for k, v in (read_stamp(tables_dir) or {}).items() if k not in ("rows", "built_at")
    }
    stamp["user_concepts"] = sorted({*stamp.get("user_concepts", []), *ids})
    return write_tables(tables_dir, tables, stamp)


def _text(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _row(stance: Stance) -> list[object]:
    return [getattr(stance, column) for column in schema.STANCE_COLUMNS]
