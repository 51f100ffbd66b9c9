"""Analyse one parsed document: people, mentions, quotations and stances (the orchestrator)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.gazetteer import Gazetteer
from analysis.nlp.cues import cue_lexicon
from analysis.nlp.mentions import extract_mentions
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People
from analysis.nlp.quotes import extract_quotes
from analysis.nlp.relations import extract_relations
from analysis.nlp.stance import StanceContext, extract_stances
from analysis.nlp.terms import ConceptIndex
from analysis.nlp.voice import document_voice
from analysis.records import Mention, Quote, Relation, Stance

# Titles of documents about a meeting of several actors: 'the leaders' / 'both sides' are each
_MEETING = re.compile(
    r"\b(readout|call|meeting|met|talks|conversation|joint|summit|visit|communiqu|declaration|"
    r"discuss|spoke|speaks|phone)",
    re.I,
)


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
    participants: tuple[str, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    stances: tuple[Stance, ...] = ()
    relations: tuple[Relation, ...] = ()


def analyse_document(
    meta: DocumentMeta, parsed: ParsedText, gaz: Gazetteer, index: ConceptIndex | None = None
) -> DocumentAnalysis:
    """Mentions, quotations with speakers and (given a concept index) stances of one document."""
    voice = document_voice(meta.source, meta.title, gaz)
    people = People(parsed, gaz)
    quotes = tuple(extract_quotes(meta.id, parsed, people, date=meta.date, voice=voice))
    mentions = tuple(extract_mentions(meta.id, parsed, people, gaz, date=meta.date, voice=voice))
    participants = _participants(meta, parsed, mentions, voice, gaz)
    stances: tuple[Stance, ...] = ()
    relations: tuple[Relation, ...] = ()
    if index is not None:
        ctx = StanceContext(
            meta.id,
            parsed,
            people,
            gaz,
            index,
            cue_lexicon(),
            meta.date,
            voice,
            participants,
            tuple(q for q in quotes if q.kind == "direct"),
        )
        stances = tuple(extract_stances(ctx))
        relations = tuple(extract_relations(ctx))
    return DocumentAnalysis(voice, participants, mentions, quotes, stances, relations)


def _participants(
    meta: DocumentMeta,
    parsed: ParsedText,
    mentions: tuple[Mention, ...],
    voice: str | None,
    gaz: Gazetteer,
) -> tuple[str, ...]:
    """The actors of a meeting document: its voice, the states/organisations its title names
    ('Readout of ... Call with President Isaac Herzog of Israel') and those its first sentence
    names after 'with' ('held talks with the national security advisers of the US, UK ...')."""
    if not parsed.paragraphs or not _MEETING.search(meta.title or ""):
        return ()
    with_part = re.split(r"\bwith\b", meta.title or "", maxsplit=1, flags=re.I)
    named = _title_actors(with_part[-1], meta.date, gaz)  # 'Call with X of Japan': after 'with'
    first = parsed.paragraphs[0]
    sent = next(iter(first.doc.sents))
    with_words = [t for t in sent if t.lower_ == "with" and t.dep_ == "prep"]
    in_with = {i for w in with_words for i in (t.i for t in w.subtree)}
    for mention in mentions:
        local = mention.start_char - first.start_char
        token = first.doc.char_span(
            local, mention.end_char - first.start_char, alignment_mode="expand"
        )
        if mention.actor and token is not None and token.start in in_with:
            named.append(mention.actor)
    return tuple(dict.fromkeys([*([voice] if voice else []), *named]))


def _title_actors(title: str, date: str | None, gaz: Gazetteer) -> list[str]:
    """Actors a title names: the longest gazetteer names and officials' names in it."""
    words = re.findall(r"[\w.'\u2019-]+", title)
    found: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(6, len(words) - i), 0, -1):
            text = " ".join(words[i : i + n])
            actor = gaz.actor_for(text) if n > 1 or text[:1].isupper() else None
            official = gaz.official(text, date) if n > 1 else None
            code = actor or (official[0] if official else None)
            if code and i > 0 and words[i - 1].lower() in ("against", "on", "about", "over", "in"):
                code = None  # 'sanctions against Russia': a topic, not a participant
            if code:
                found.append(code)
                i += n
                break
        else:
            i += 1
    return found
