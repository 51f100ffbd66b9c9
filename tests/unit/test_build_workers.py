"""Forked build workers (analysis.nlp.batch) give the records one process gives, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from analysis.build import analyse_articles
from analysis.corpus import load_corpus
from analysis.nlp import batch
from analysis.nlp.fastpipe import PipeStats
from analysis.nlp.pipeline import PipelineInfo

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "build" / "corpus"


@pytest.mark.parametrize(
    ("articles", "workers", "expected"),
    [(300, 2, 25), (300, 1, 25), (40, 2, 5), (3, 2, 1), (0, 2, 1)],
)
def test_chunks_are_small_enough_to_share_out(articles: int, workers: int, expected: int) -> None:
    assert batch.chunk_size(articles, workers) == expected


def test_two_workers_give_the_records_of_one(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "CHUNK_ARTICLES", 2)  # several tasks for each worker
    articles = list(load_corpus([FIXTURE]).articles)[:6]
    loaded = (nlp, PipelineInfo("test", "0", statistical=True))
    one = analyse_articles(articles, workers=1, loaded=loaded)
    stats = PipeStats()
    two = analyse_articles(articles, workers=2, loaded=loaded, stats=stats)
    assert (one.voices, one.mentions, one.quotes, one.stances, one.relations) == (
        two.voices,
        two.mentions,
        two.quotes,
        two.stances,
        two.relations,
    )
    assert one.mentions and list(one.voices) == [a.id for a in articles]
    assert stats.tokens["tokenizer"] > 0 and stats.seconds[batch.RULES_STAGE] > 0  # sent back
