"""Analyse a loaded corpus and write its tables: articles, mentions, quotes, actors, memberships."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language

from analysis import __version__, schema
from analysis.concepts import CONCEPTS_DIR, Concept, load_catalogue
from analysis.corpus import LoadReport
from analysis.gazetteer import ACTORS_DIR, Gazetteer, default_gazetteer
from analysis.nlp.document import DocumentMeta, analyse_document
from analysis.nlp.lexicon import RULES_DIR
from analysis.nlp.parsed import parse_texts
from analysis.nlp.pipeline import PipelineInfo, load_pipeline
from analysis.nlp.stance import document_totals
from analysis.nlp.terms import ConceptIndex
from analysis.records import Article, Mention, Quote, Relation, Stance
from analysis.store import corpus_hash, write_tables

log = logging.getLogger(__name__)
CODE_DIR = Path(__file__).resolve().parent
ProgressFn = Callable[[int, int, str], None]
PROGRESS_EVERY = 50
# Modules that read tables or drive commands but never change what a build writes: editing them
# must not mark the shipped tables stale. Names are paths relative to analysis/ (first part).
NOT_IN_STAMP = frozenset(
    {"__main__.py", "cli.py", "bench", "evaluate.py", "scoring.py", "query.py", "network.py"}
)


@dataclass(frozen=True)
class Analysis:
    """Everything analysis adds to a corpus."""

    voices: dict[str, str | None]
    mentions: list[Mention]
    quotes: list[Quote]
    stances: list[Stance]
    relations: list[Relation]
    pipeline: PipelineInfo


def rules_hash() -> str:
    """A short hash of the analysis code, the rule data, the concepts and the gazetteer: part of
    the pipeline version, so tables built before any of them changed are known to be stale."""
    digest = hashlib.sha256()
    code = [
        p
        for p in sorted(CODE_DIR.rglob("*.py"))
        if p.relative_to(CODE_DIR).parts[0] not in NOT_IN_STAMP
    ]
    data = [
        p for folder in (RULES_DIR, ACTORS_DIR, CONCEPTS_DIR) for p in sorted(folder.glob("*.*"))
    ]
    for path in [*code, *data]:
        digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:12]


def pipeline_version(info: PipelineInfo) -> str:
    """Code + rules + model: tables stamped with another version are out of date."""
    return f"stancemap {__version__}; rules {rules_hash()}; {info.label}"


def analyse_articles(
    articles: Sequence[Article],
    *,
    pipeline: str | None = None,
    workers: int = 1,
    progress: ProgressFn | None = None,
    gaz: Gazetteer | None = None,
    loaded: tuple[Language, PipelineInfo] | None = None,
    concepts: Sequence[Concept] | None = None,
) -> Analysis:
    """Parse every article paragraph by paragraph and extract mentions and quotes."""
    nlp, info = loaded if loaded is not None else load_pipeline(pipeline)
    gaz = gaz or default_gazetteer()
    index = ConceptIndex(nlp, concepts if concepts is not None else load_catalogue())
    voices: dict[str, str | None] = {}
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    stances: list[Stance] = []
    relations: list[Relation] = []
    parsed_all = parse_texts(nlp, [a.text for a in articles], n_process=workers)
    for done, (article, parsed) in enumerate(zip(articles, parsed_all, strict=True), start=1):
        meta = DocumentMeta(article.id, article.date, article.source, article.title)
        result = analyse_document(meta, parsed, gaz, index)
        voices[article.id] = result.voice
        mentions += result.mentions
        quotes += result.quotes
        stances += result.stances
        relations += result.relations
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(articles)):
            progress(done, len(articles), f"analysed {done:,} of {len(articles):,} articles")
    return Analysis(voices, mentions, quotes, stances, relations, info)


def _frame(rows: Iterable[object], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([dataclasses.astuple(r) for r in rows], columns=list(columns))  # type: ignore[call-overload]


def actor_tables(gaz: Gazetteer) -> dict[str, pd.DataFrame]:
    """The actors and memberships tables from the gazetteer."""
    actors = pd.DataFrame(
        [
            (a.code, a.name, a.type, a.iso3, a.region, a.subregion, list(gaz.groups_of(a.code)))
            for a in gaz.actors.values()
        ],
        columns=list(schema.ACTOR_COLUMNS),
    )
    memberships = pd.DataFrame(gaz.memberships(), columns=list(schema.MEMBERSHIP_COLUMNS))
    return {"actors": actors, "memberships": memberships}


def document_stance_table(stances: Sequence[Stance]) -> pd.DataFrame:
    """One side per (article, actor, concept), derived from the stance records."""
    by_article: dict[str, list[Stance]] = {}
    for stance in stances:
        by_article.setdefault(stance.article_id, []).append(stance)
    rows = [
        (article, actor, concept, polarity, score, count)
        for article, records in by_article.items()
        for (actor, concept), (polarity, score, count) in document_totals(records).items()
    ]
    return pd.DataFrame(rows, columns=list(schema.DOCUMENT_STANCE_COLUMNS))


def concept_table(concepts: Sequence[Concept]) -> pd.DataFrame:
    """The concepts stances refer to (catalogue and user-defined)."""
    rows = [(c.id, c.label, c.description, list(c.keywords), c.user_defined) for c in concepts]
    return pd.DataFrame(rows, columns=list(schema.CONCEPT_COLUMNS))


def corpus_tables(
    report: LoadReport,
    analysis: Analysis,
    gaz: Gazetteer,
    concepts: Sequence[Concept] | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table of a built corpus."""
    articles = report.articles_frame()
    articles["voice"] = articles["id"].map(analysis.voices)
    return {
        "articles": articles[list(schema.ARTICLE_TABLE_COLUMNS)],
        "rejected": report.rejected_frame(),
        "duplicates": report.duplicates_frame(),
        "file_problems": report.file_problems_frame(),
        "mentions": _frame(analysis.mentions, schema.MENTION_COLUMNS),
        "quotes": _frame(analysis.quotes, schema.QUOTE_COLUMNS),
        "stances": _frame(analysis.stances, schema.STANCE_COLUMNS),
        "document_stances": document_stance_table(analysis.stances),
        "relations": _frame(analysis.relations, schema.RELATION_COLUMNS),
        "concepts": concept_table(concepts if concepts is not None else load_catalogue()),
        **actor_tables(gaz),
    }


def build(
    report: LoadReport,
    out: Path,
    *,
    pipeline: str | None = None,
    workers: int = 1,
    progress: ProgressFn | None = None,
) -> Path:
    """Analyse a loaded corpus and write all its tables atomically into `out`."""
    gaz = default_gazetteer()
    analysis = analyse_articles(
        report.articles, pipeline=pipeline, workers=workers, progress=progress, gaz=gaz
    )
    tables = corpus_tables(report, analysis, gaz)
    articles = tables["articles"]
    stamp = {
        "corpus_hash": corpus_hash(zip(articles["id"], articles["text"], strict=True)),
        "pipeline_version": pipeline_version(analysis.pipeline),
        "pipeline": analysis.pipeline.label,
        "pipeline_warning": analysis.pipeline.warning,
    }
    return write_tables(out, tables, stamp)


def tables_are_current(stamp: dict[str, object] | None) -> bool:
    """True when stored tables were built by this code and these rules (the model is not checked:
    its name is in the stamp for people to read)."""
    if not stamp:
        return False
    version = str(stamp.get("pipeline_version", ""))
    return version.startswith(f"stancemap {__version__}; rules {rules_hash()};")
