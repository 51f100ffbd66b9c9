"""Analyse one parsed document: people, actor mentions and quotations (the short orchestrator)."""

from __future__ import annotations

from dataclasses import dataclass

from analysis.gazetteer import Gazetteer
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People
from analysis.nlp.quotes import extract_quotes
from analysis.nlp.voice import document_voice
from analysis.records import Mention, Quote

ACTOR_LABELS = ("GPE", "NORP", "ORG", "FAC", "LOC")


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
    return DocumentAnalysis(
        voice, tuple(_mentions(meta, parsed, people, gaz, voice)), tuple(quotes)
    )


def _mentions(
    meta: DocumentMeta, parsed: ParsedText, people: People, gaz: Gazetteer, voice: str | None
) -> list[Mention]:
    """Named places, peoples, organisations and persons, each with the actor it stands for."""
    found = []
    for para in parsed.paragraphs:
        for ent in para.doc.ents:
            start, end = parsed.span_chars(ent)
            if ent.label_ in ACTOR_LABELS:
                actor = gaz.actor_for(ent.text)
            elif ent.label_ == "PERSON":
                person = people.find(ent.text.replace("'s", "").strip())
                actor = people.actor_of(person, meta.date, voice) if person else None
            else:
                continue
            found.append(Mention(meta.id, start, end, ent.text, ent.label_, actor))
    return found
