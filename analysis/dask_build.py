"""`build --engine dask`: the same analysis as Dask tasks, one spaCy pipeline per worker process.

Articles go to the cluster in partitions; each worker loads the pipeline, gazetteer and concept
index once (a per-process cache) and analyses every partition it is given with them; the
records come back in article order, so the tables equal those of a local build. Workers of an
existing cluster (`--scheduler`) must be able to import `analysis` and load the same pipeline:
a worker that loads another one is an error, not a silently different build.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from distributed import Client, Future, LocalCluster, as_completed
from spacy.language import Language

from analysis.build import PROGRESS_EVERY, Analysis, ProgressFn, analyse_articles
from analysis.concepts import load_catalogue
from analysis.gazetteer import Gazetteer, default_gazetteer
from analysis.nlp.pipeline import PipelineInfo, load_pipeline
from analysis.nlp.terms import ConceptIndex
from analysis.records import Article

# At most this many articles per task; fewer for a small corpus, so every worker gets several.
PARTITION_ARTICLES = 50
TASKS_PER_WORKER = 4


@dataclass(frozen=True)
class WorkerState:
    """What a worker process loads once and uses for every partition."""

    nlp: Language
    info: PipelineInfo
    gaz: Gazetteer
    index: ConceptIndex


_LOADED: dict[str | None, WorkerState] = {}
_LOADING = threading.Lock()  # a worker with several threads still loads the pipeline once


def worker_state(pipeline: str | None) -> WorkerState:
    """The pipeline and rule data of this process, loaded on first use."""
    with _LOADING:
        if pipeline not in _LOADED:
            nlp, info = load_pipeline(pipeline)
            index = ConceptIndex(nlp, load_catalogue())
            _LOADED[pipeline] = WorkerState(nlp, info, default_gazetteer(), index)
        return _LOADED[pipeline]


def pipeline_info_task(pipeline: str | None) -> PipelineInfo:
    """Task: the pipeline a worker runs (and loads it, warming the worker up)."""
    return worker_state(pipeline).info


def analyse_partition(articles: Sequence[Article], pipeline: str | None) -> Analysis:
    """Task: the records of one partition of articles."""
    state = worker_state(pipeline)
    return analyse_articles(
        articles, loaded=(state.nlp, state.info), gaz=state.gaz, index=state.index
    )


def partitions(articles: Sequence[Article], workers: int) -> list[tuple[Article, ...]]:
    """Consecutive slices of the articles, TASKS_PER_WORKER or more per worker."""
    if not articles:
        return []
    size = max(1, min(PARTITION_ARTICLES, math.ceil(len(articles) / (workers * TASKS_PER_WORKER))))
    return [tuple(articles[i : i + size]) for i in range(0, len(articles), size)]


class DaskAnalyser:
    """Analysis as Dask tasks on a connected client's cluster."""

    def __init__(self, client: Client, pipeline: str | None) -> None:
        self.client = client
        self.pipeline = pipeline
        self._info: PipelineInfo | None = None

    def workers(self) -> int:
        """Workers of the cluster now (at least 1, for the partition size)."""
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def pipeline_info(self) -> PipelineInfo:
        """The pipeline a worker loads (every other worker must load the same)."""
        if self._info is None:
            future = self.client.submit(pipeline_info_task, self.pipeline, pure=False)
            self._info = future.result()
        return self._info

    def analyse(self, articles: Sequence[Article], progress: ProgressFn | None) -> Analysis:
        """Analyse the articles in partitions on the cluster; records in article order."""
        info = self.pipeline_info()
        parts = partitions(articles, self.workers())
        futures: list[Future] = []
        if parts:
            data = self.client.scatter(parts)
            futures = self.client.map(analyse_partition, data, pipeline=self.pipeline, pure=False)
        sizes = {future.key: len(part) for future, part in zip(futures, parts, strict=True)}
        done = 0
        for future in as_completed(futures):
            before, done = done, done + sizes[future.key]
            if progress is not None and (
                done // PROGRESS_EVERY > before // PROGRESS_EVERY or done == len(articles)
            ):
                message = f"analysed {done:,} of {len(articles):,} articles on Dask workers"
                progress(done, len(articles), message)
        results: list[Analysis] = self.client.gather(futures)
        return _combined(results, info)


def _combined(results: Sequence[Analysis], info: PipelineInfo) -> Analysis:
    """One Analysis from the partitions', in order; every worker must have run `info`'s pipeline."""
    others = {r.pipeline.label for r in results if r.pipeline != info}
    if others:
        raise RuntimeError(
            f"Dask workers ran other pipelines ({', '.join(sorted(others))}) than {info.label}:"
            " install the same model on every worker"
        )
    return Analysis(
        {k: v for r in results for k, v in r.voices.items()},
        [m for r in results for m in r.mentions],
        [q for r in results for q in r.quotes],
        [s for r in results for s in r.stances],
        [x for r in results for x in r.relations],
        info,
    )


@contextmanager
def dask_analyser(
    pipeline: str | None, *, workers: int = 1, scheduler: str | None = None
) -> Iterator[DaskAnalyser]:
    """A DaskAnalyser on the cluster at `scheduler`, or on a LocalCluster of `workers`
    single-threaded processes started here and closed on exit."""
    if scheduler:
        with Client(scheduler) as client:
            yield DaskAnalyser(client, pipeline)
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield DaskAnalyser(client, pipeline)
