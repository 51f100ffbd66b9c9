"""Analyse many articles: the screened parse and every rule stage, in this process or in forked
worker processes.

Each worker parses its share of the articles and runs the rule stages on them itself, and sends
back only the records (a few KB an article). Sending the parsed Docs back for the parent to run
the stages on, as parse_texts(n_process=...) does, costs a serialisation each way and leaves the
stages on one core: with two workers on two cores the build ran only about 1.3 times as fast as
with one. Articles go out in small chunks, so a worker that draws long ones does not hold up
the end of the build.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language

from analysis.concepts import Concept
from analysis.gazetteer import Gazetteer
from analysis.nlp.document import DocumentAnalysis, DocumentMeta, analyse_document
from analysis.nlp.fastpipe import PipeStats, timed
from analysis.nlp.parsed import Screen, parse_texts
from analysis.nlp.terms import ConceptIndex
from analysis.records import Article

if TYPE_CHECKING:
    from analysis.nlp.scorer import StanceScorer

RULES_STAGE = "rules (people, mentions, quotes, stances, relations)"
CHUNK_ARTICLES = 25  # at most, per worker task
TASKS_PER_WORKER = 4  # at least, when there are enough articles


@dataclass(frozen=True)
class ArticleAnalyser:
    """Everything one process needs to analyse articles: the pipeline, its screen, the
    gazetteer, the concepts and the stance scorer (None: the rules alone decide)."""

    nlp: Language
    screen: Screen
    gaz: Gazetteer
    index: ConceptIndex
    scorer: StanceScorer | None

    def analyse(
        self, articles: Sequence[Article], stats: PipeStats | None = None
    ) -> Iterator[DocumentAnalysis]:
        """The records of each article, in order, analysed in this process."""
        texts = [a.text for a in articles]
        parsed_all = parse_texts(self.nlp, texts, screen=self.screen, stats=stats)
        for article, parsed in zip(articles, parsed_all, strict=True):
            meta = DocumentMeta(article.id, article.date, article.source, article.title)
            tokens = sum(len(p.doc) for p in parsed.paragraphs) if stats is not None else 0
            with timed(stats, RULES_STAGE, tokens):
                result = analyse_document(meta, parsed, self.gaz, self.index, self.scorer)
            yield result


def analyse_many(
    analyser: ArticleAnalyser,
    articles: Sequence[Article],
    *,
    workers: int = 1,
    stats: PipeStats | None = None,
) -> Iterator[DocumentAnalysis]:
    """The records of each article, in order, analysed here or in `workers` forked processes
    (which share the loaded pipeline and rule data with this one, read-only)."""
    size = chunk_size(len(articles), workers)
    if workers <= 1 or size >= len(articles):
        yield from analyser.analyse(articles, stats)
        return
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, _init_worker, (analyser,)) as pool:
        for results, worker_stats in pool.imap(_worker, chunks):
            if stats is not None:
                stats.merge(worker_stats)
            yield from results


def chunk_size(articles: int, workers: int) -> int:
    """Articles per worker task: TASKS_PER_WORKER tasks each at least, CHUNK_ARTICLES at most."""
    return max(1, min(CHUNK_ARTICLES, math.ceil(articles / (max(1, workers) * TASKS_PER_WORKER))))


_INDEXES: dict[tuple[int, str], tuple[Language, ConceptIndex]] = {}
MAX_INDEXES = 8


def concept_index(nlp: Language, concepts: Sequence[Concept]) -> ConceptIndex:
    """The index of these concepts for this pipeline, kept for the next build with the same ones:
    building it lemmatises every phrase of the catalogue (1-3 s here, paid by every analysis
    of an upload or a gold file, however small)."""
    key = (id(nlp), repr(list(concepts)))
    found = _INDEXES.get(key)
    if found is not None and found[0] is nlp:
        return found[1]
    index = ConceptIndex(nlp, concepts)
    if len(_INDEXES) >= MAX_INDEXES:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[key] = (nlp, index)
    return index


_WORKER: ArticleAnalyser | None = None


def _init_worker(analyser: ArticleAnalyser) -> None:
    global _WORKER
    _WORKER = analyser


def _worker(articles: Sequence[Article]) -> tuple[list[DocumentAnalysis], PipeStats]:
    if _WORKER is None:
        raise RuntimeError("analysis worker used before _init_worker")
    stats = PipeStats()  # a few counters: cheap enough to send back always
    return list(_WORKER.analyse(articles, stats)), stats
