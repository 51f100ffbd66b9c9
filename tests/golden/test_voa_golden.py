"""The VOA seed article through the whole pipeline: quotes, speakers, actors, mentions, and the
stances and relations found with the default concept catalogue (rules, no scorer)."""

from __future__ import annotations

import dataclasses

import pytest
from spacy.language import Language

from analysis.corpus import load_corpus
from analysis.gazetteer import default_gazetteer
from analysis.nlp.document import DocumentAnalysis, DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_text
from analysis.nlp.terms import ConceptIndex
from analysis.packs import DEFAULT_CORPUS_DIR


@pytest.fixture(scope="module")
def voa(nlp: Language, concept_index: ConceptIndex) -> DocumentAnalysis:
    (article,) = load_corpus([DEFAULT_CORPUS_DIR / "voa"]).articles
    meta = DocumentMeta(article.id, article.date, article.source, article.title)
    parsed = parse_text(nlp, article.text)
    return analyse_document(meta, parsed, default_gazetteer(), concept_index)


def test_direct_quotes_have_their_speakers_and_actors(voa: DocumentAnalysis) -> None:
    direct = [q for q in voa.quotes if q.kind == "direct"]
    assert [(q.speaker, q.actor, q.speaker_mention) for q in direct] == [
        ("Jaap de Hoop Scheffer", "NATO", "he"),
        ("Eric Edelman", "USA", "Edelman"),
        ("Konstantin Totskiy", "RUS", "Totskiy"),
        ("Konstantin Totskiy", "RUS", "he"),
    ]
    assert direct[0].text.startswith("A very valuable day")
    assert direct[3].text.startswith("It's not something pleasant to us")


def test_actors_among_the_mentions(voa: DocumentAnalysis) -> None:
    actors = {m.actor for m in voa.mentions}
    assert {"RUS", "USA", "NATO", "CZE", "POL", "IRN", "PRK"} <= actors
    shahab = [m for m in voa.mentions if m.text == "Shahab One"]
    assert all(m.actor is None for m in shahab)  # a missile the NER calls ORG is no actor
    edelman = [m for m in voa.mentions if m.text == "Edelman"]
    assert edelman and all((m.label, m.actor) == ("PERSON", "USA") for m in edelman)


def test_the_default_catalogue_finds_stances(voa: DocumentAnalysis) -> None:
    assert voa.stances, "no stance in the VOA article: is the concept index passed?"


def test_records_match_the_golden_file(voa: DocumentAnalysis, golden) -> None:  # noqa: ANN001
    golden(
        "voa",
        {
            "voice": voa.voice,
            "quotes": [dataclasses.asdict(q) for q in voa.quotes],
            "mentions": [dataclasses.asdict(m) for m in voa.mentions],
            "stances": [dataclasses.asdict(s) for s in voa.stances],
            "relations": [dataclasses.asdict(r) for r in voa.relations],
        },
    )
