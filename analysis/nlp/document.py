"""Analyse one parsed document: people, actor mentions and quotations (the short orchestrator)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.gazetteer import Gazetteer
from analysis.nlp.mentions import extract_mentions
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People
from analysis.nlp.quotes import extract_quotes
from analysis.nlp.voice import document_voice
from analysis.records import Mention, Quote


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What analysis needs to know of an article besides its text."""

    id: str
    date: str | None
    source: str | None
    title: str | None


@dataclass(frozen=True, slots=True)
class DocumentAnalysis:
    """The records of one document."""

    voice: str | None
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]


def analyse_document(meta: DocumentMeta, parsed: ParsedText, gaz: Gazetteer) -> DocumentAnalysis:
    """Mentions of actors and quotations with speakers for one parsed document."""
    voice = document_voice(meta.source, meta.title, gaz)
    people = People(parsed, gaz)
    quotes = extract_quotes(meta.id, parsed, people, date=meta.date, voice=voice)
    mentions = extract_mentions(meta.id, parsed, people, gaz, date=meta.date, voice=voice)
    return DocumentAnalysis(voice, tuple(mentions), tuple(quotes))
