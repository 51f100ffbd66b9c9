"""Analyse a loaded corpus and write its tables: articles, mentions, quotes, actors, memberships.

A build into a folder whose current tables were made by the same pipeline version analyses only
new or changed articles (by content hash) and takes the rows of the others from those tables.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from analysis import __version__, schema
from analysis.concepts import CONCEPTS_DIR, Concept, load_catalogue
from analysis.corpus import LoadReport
from analysis.gazetteer import ACTORS_DIR, Gazetteer, default_gazetteer
from analysis.nlp.lexicon import RULES_DIR
from analysis.nlp.pipeline import PipelineInfo, load_pipeline
from analysis.nlp.scorer import MODELS_DIR
from analysis.records import Article, Mention, Quote, Relation, Stance, document_totals
from analysis.store import STAMP, corpus_hash, current_build, read_build_table, write_tables

if TYPE_CHECKING:
    from spacy.language import Language

    from analysis.nlp.fastpipe import PipeStats
    from analysis.nlp.terms import ConceptIndex

log = logging.getLogger(__name__)
CODE_DIR = Path(__file__).resolve().parent
ProgressFn = Callable[[int, int, str], None]
SayFn = Callable[[str], None]
PROGRESS_EVERY = 50
# Tables with one row per record of an article: an unchanged article's rows are reused.
RECORD_TABLES = {
    "mentions": schema.MENTION_COLUMNS,
    "quotes": schema.QUOTE_COLUMNS,
    "stances": schema.STANCE_COLUMNS,
    "relations": schema.RELATION_COLUMNS,
}
RECORD_TYPES = {"mentions": Mention, "quotes": Quote, "stances": Stance, "relations": Relation}
# Modules that read tables or drive commands but never change what a build writes: editing them
# must not mark the shipped tables stale. Names are paths relative to analysis/ (first part).
NOT_IN_STAMP = frozenset(
    {
        "__main__.py",
        "cli.py",
        "evaluate.py",
        "scoring.py",
        "query.py",
        "membership.py",
        "network.py",
        "corrections",
    }  # corrections apply at query time, never to built tables
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
        p
        for folder in (RULES_DIR, ACTORS_DIR, CONCEPTS_DIR, MODELS_DIR)
        for p in sorted(folder.glob("*.*"))
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
    index: ConceptIndex | None = None,
    rules_only: bool = False,
    stats: PipeStats | None = None,
) -> Analysis:
    """Parse every article paragraph by paragraph and extract mentions, quotes and stances (the
    shipped stance scorer decides stances unless `rules_only`), in `workers` processes; `stats`
    gets the time and tokens of each stage."""
    # spaCy and the rules are imported by the first analysis, not by readers of built tables
    # (the dashboard imports this module for the stamp and the table helpers)
    from analysis.nlp.batch import ArticleAnalyser, analyse_many, concept_index
    from analysis.nlp.scorer import default_scorer
    from analysis.nlp.screen import screen_for

    nlp, info = loaded if loaded is not None else load_pipeline(pipeline)
    gaz = gaz or default_gazetteer()
    scorer = None if rules_only else default_scorer()
    if index is None:
        index = concept_index(nlp, concepts if concepts is not None else load_catalogue())
    screen = screen_for(nlp, index, gaz)  # the paragraphs these concepts need parsed
    analyser = ArticleAnalyser(nlp, screen, gaz, index, scorer)
    voices: dict[str, str | None] = {}
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    stances: list[Stance] = []
    relations: list[Relation] = []
    results = analyse_many(analyser, articles, workers=workers, stats=stats)
    for done, (article, result) in enumerate(zip(articles, results, strict=True), start=1):
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
        (article, actor, concept, polarity, score, count, confidence)
        for article, records in by_article.items()
        for (actor, concept), (polarity, score, count, confidence) in document_totals(
            records
        ).items()
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
    articles["content_hash"] = [content_hash(a) for a in report.articles]
    return {
        "articles": articles[list(schema.ARTICLE_TABLE_COLUMNS)],
        "rejected": report.rejected_frame(),
        "duplicates": report.duplicates_frame(),
        "file_problems": report.file_problems_frame(),
        **{name: _frame(getattr(analysis, name), cols) for name, cols in RECORD_TABLES.items()},
        "document_stances": document_stance_table(analysis.stances),
        "concepts": concept_table(concepts if concepts is not None else load_catalogue()),
        **actor_tables(gaz),
    }


class Analyser(Protocol):
    """Runs the analysis of articles somewhere: in this process, or on a Dask cluster."""

    def pipeline_info(self) -> PipelineInfo:
        """The pipeline the analysis runs (known before any article is analysed)."""
        ...

    def analyse(self, articles: Sequence[Article], progress: ProgressFn | None) -> Analysis:
        """The records of `articles`, in their order."""
        ...


class LocalAnalyser:
    """Analysis in this process, or in `workers` forked processes when more than one."""

    def __init__(self, pipeline: str | None = None, workers: int = 1) -> None:
        self.pipeline = pipeline
        self.workers = workers

    @functools.cached_property
    def loaded(self) -> tuple[Language, PipelineInfo]:
        """The spaCy pipeline, loaded on first use."""
        return load_pipeline(self.pipeline)

    def pipeline_info(self) -> PipelineInfo:
        """The pipeline that runs."""
        return self.loaded[1]

    def analyse(self, articles: Sequence[Article], progress: ProgressFn | None) -> Analysis:
        """Analyse the articles here."""
        return analyse_articles(
            articles, workers=self.workers, progress=progress, loaded=self.loaded
        )


def build(
    report: LoadReport,
    out: Path,
    *,
    pipeline: str | None = None,
    workers: int = 1,
    progress: ProgressFn | None = None,
    analyser: Analyser | None = None,
    full: bool = False,
    part_rows: int | None = None,
    say: SayFn | None = None,
) -> Path:
    """Analyse a loaded corpus and write all its tables atomically into `out`.

    Only new or changed articles are analysed when the current tables in `out` were built by the
    same pipeline version (unless `full`); `say` gets one line telling which and why.
    """
    analyser = analyser or LocalAnalyser(pipeline, workers)
    info = analyser.pipeline_info()
    version = pipeline_version(info)
    plan = plan_build(report.articles, out, version, full=full)
    if say is not None:
        say(plan.describe())
    fresh = analyser.analyse(plan.analyse, progress)
    gaz = default_gazetteer()
    tables = corpus_tables(report, with_reused(fresh, plan, report.articles), gaz)
    articles = tables["articles"]
    stamp = {
        "corpus_hash": corpus_hash(zip(articles["id"], articles["text"], strict=True)),
        "pipeline_version": version,
        "pipeline": info.label,
        "pipeline_warning": info.warning,
        "analysed": len(plan.analyse),
        "reused": len(plan.reuse),
    }
    return write_tables(out, tables, stamp, part_rows=part_rows)


def tables_are_current(stamp: Mapping[str, object] | None) -> bool:
    """True when stored tables were built by this code and these rules (the model is not checked:
    its name is in the stamp for people to read)."""
    if not stamp:
        return False
    version = str(stamp.get("pipeline_version", ""))
    return version.startswith(f"stancemap {__version__}; rules {rules_hash()};")


def content_hash(article: Article) -> str:
    """A short hash of what analysis reads from an article (DocumentMeta and the text): equal
    hashes, equal records."""
    fields = [article.id, article.title, article.text, article.date, article.source]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class BuildPlan:
    """The articles a build analyses, and the current build it takes the others' rows from."""

    analyse: tuple[Article, ...]
    reuse: frozenset[str]  # ids of unchanged articles, whose rows come from `previous`
    previous: Path | None
    reason: str = ""  # why every article is analysed
    removed: int = 0  # articles of `previous` no longer in the corpus

    def describe(self) -> str:
        """One line for a person: what is analysed, what is reused, and why."""
        if self.previous is None:
            return f"analysing all {len(self.analyse):,} articles ({self.reason})"
        dropped = f", dropping {self.removed:,} removed" if self.removed else ""
        return (
            f"analysing {len(self.analyse):,} new or changed articles, "
            f"reusing {len(self.reuse):,}{dropped}"
        )


def plan_build(
    articles: Sequence[Article], out: Path, version: str, *, full: bool = False
) -> BuildPlan:
    """Which articles must be analysed: all of them unless the current tables in `out` were
    built by `version`; then only those whose content hash is new."""
    previous = current_build(out)
    stamp: dict[str, Any] = (
        json.loads((previous / STAMP).read_text(encoding="utf-8")) if previous else {}
    )
    old_version = stamp.get("pipeline_version")
    reason = ""
    if full:
        reason = "full rebuild asked for"
    elif previous is None:
        reason = f"no tables in {out} yet"
    elif old_version != version or not tables_are_current(stamp):
        reason = f"full rebuild: the tables were built by {old_version!r}, this is {version!r}"
    elif stamp.get("user_concepts"):
        users = ", ".join(stamp["user_concepts"])
        reason = f"full rebuild: the tables hold user concepts ({users})"
    if reason or previous is None:
        return BuildPlan(tuple(articles), frozenset(), None, reason)
    old = read_build_table(previous, "articles", columns=["id", "content_hash"])
    known = dict(zip(old["id"], old["content_hash"], strict=True))
    reuse = frozenset(a.id for a in articles if known.get(a.id) == content_hash(a))
    removed = len(known.keys() - {a.id for a in articles})
    fresh = tuple(a for a in articles if a.id not in reuse)
    return BuildPlan(fresh, reuse, previous, removed=removed)


def with_reused(fresh: Analysis, plan: BuildPlan, articles: Sequence[Article]) -> Analysis:
    """`fresh` plus the records of the plan's unchanged articles, all in article order (so the
    tables equal those of a full build)."""
    if plan.previous is None or not plan.reuse:
        return fresh
    stored = read_build_table(plan.previous, "articles", columns=["id", "voice"])
    voices = {
        i: None if _missing(v) else str(v)
        for i, v in zip(stored["id"], stored["voice"], strict=True)
        if i in plan.reuse
    }
    order = {a.id: n for n, a in enumerate(articles)}
    merged: dict[str, list[Any]] = {}
    for name, cls in RECORD_TYPES.items():
        frame = read_build_table(plan.previous, name)
        kept = records_from_frame(frame[frame["article_id"].isin(plan.reuse)], cls)
        merged[name] = sorted([*kept, *getattr(fresh, name)], key=lambda r: order[r.article_id])
    return Analysis(
        {**voices, **fresh.voices},
        merged["mentions"],
        merged["quotes"],
        merged["stances"],
        merged["relations"],
        fresh.pipeline,
    )


def records_from_frame(frame: pd.DataFrame, cls: type[Any]) -> list[Any]:
    """Records back from their stored rows, as analysis made them: a missing value as None, a
    float in an int field (a column of ints with gaps is stored as floats) as int."""
    hints = typing.get_type_hints(cls)
    columns = [f.name for f in dataclasses.fields(cls)]
    ints = [int in (typing.get_args(hints[c]) or (hints[c],)) for c in columns]
    rows = frame[columns].astype(object).itertuples(index=False, name=None)
    return [cls(*(_plain(v, is_int) for v, is_int in zip(row, ints, strict=True))) for row in rows]


def _plain(value: Any, is_int: bool) -> Any:
    if _missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    return int(value) if is_int and isinstance(value, float) else value


def _missing(value: Any) -> bool:
    return value is None or bool(pd.api.types.is_scalar(value) and pd.isna(value))
