"""Analyse one parsed document: people, mentions, quotations and stances (the orchestrator)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from analysis.gazetteer import Gazetteer
from analysis.nlp.candidates import Candidate, DocumentInfo
from analysis.nlp.cues import cue_lexicon
from analysis.nlp.lexicon import title_nouns
from analysis.nlp.mentions import extract_mentions
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People
from analysis.nlp.quotes import extract_quotes
from analysis.nlp.relations import extract_relations
from analysis.nlp.stance import StanceContext, document_info, extract_stances, stance_candidates
from analysis.nlp.terms import ConceptIndex
from analysis.nlp.voice import document_voice
from analysis.records import Mention, Quote, Relation, Stance

if TYPE_CHECKING:
    from analysis.nlp.scorer import StanceScorer

# Titles of documents about a meeting of several actors: 'the leaders' / 'both sides' are each
_GENERAL_DEBATE = re.compile(r"statement in the general debate", re.I)

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
    candidates: tuple[Candidate, ...] = ()  # only with keep_candidates (training, errors)
    info: DocumentInfo | None = None


def analyse_document(
    meta: DocumentMeta,
    parsed: ParsedText,
    gaz: Gazetteer,
    index: ConceptIndex | None = None,
    scorer: StanceScorer | None = None,
    *,
    keep_candidates: bool = False,
) -> DocumentAnalysis:
    """Mentions, quotations with speakers and (given a concept index) stances of one document,
    decided by `scorer` when given, else by the rules alone."""
    voice = document_voice(meta.source, meta.title, gaz)
    people = People(parsed, gaz)
    quotes = tuple(extract_quotes(meta.id, parsed, people, date=meta.date, voice=voice))
    mentions = tuple(extract_mentions(meta.id, parsed, people, gaz, date=meta.date, voice=voice))
    participants = _participants(meta, parsed, mentions, voice, gaz)
    present = _present(meta, parsed, mentions, participants, gaz)
    stances: tuple[Stance, ...] = ()
    relations: tuple[Relation, ...] = ()
    candidates: tuple[Candidate, ...] = ()  # only with keep_candidates (training, errors)
    info: DocumentInfo | None = None
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
            kind=document_kind(meta.title, voice),
            present=present,
            mentions=mentions,
            scorer=scorer,
            joint=bool(_JOINT.search(meta.title or "")),
        )
        stances = tuple(extract_stances(ctx))
        relations = tuple(extract_relations(ctx))
        if keep_candidates:
            candidates, info = tuple(stance_candidates(ctx)), document_info(ctx)
    return DocumentAnalysis(
        voice, participants, mentions, quotes, stances, relations, candidates, info
    )


def _present(
    meta: DocumentMeta,
    parsed: ParsedText,
    mentions: tuple[Mention, ...],
    participants: tuple[str, ...],
    gaz: Gazetteer,
) -> tuple[str, ...]:
    """Other actors a meeting document names in its title or first paragraph (the Nordic
    leaders, the Bucharest Nine, a joint statement's signatories): holders a scorer may weigh."""
    if not parsed.paragraphs or not _MEETING.search(meta.title or ""):
        return ()
    end = parsed.paragraphs[0].end_char
    named = [m.actor for m in mentions if m.actor and m.start_char < end]
    named += _title_actors(meta.title or "", meta.date, gaz)
    return tuple(a for a in dict.fromkeys(named) if a not in participants)


def document_kind(title: str | None, voice: str | None) -> str:
    """speech (a UN General Debate statement), official (in an actor's voice) or news."""
    if _GENERAL_DEBATE.search(title or ""):
        return "speech"
    return "official" if voice else "news"


def _participants(
    meta: DocumentMeta,
    parsed: ParsedText,
    mentions: tuple[Mention, ...],
    voice: str | None,
    gaz: Gazetteer,
) -> tuple[str, ...]:
    """The actors of a meeting document: its voice, the states/organisations its title names
    ('Readout of ... Call with President Isaac Herzog of Israel') and those its first sentence
    names after 'with' ('held talks with the national security advisers of the US, UK ...') or
    as its subject ('President Biden, Prime Minister Trudeau of Canada, ... spoke')."""
    if not parsed.paragraphs or not _MEETING.search(meta.title or ""):
        return ()
    with_part = re.split(r"\bwith\b", meta.title or "", maxsplit=1, flags=re.I)
    named = _title_actors(with_part[-1], meta.date, gaz)  # 'Call with X of Japan': after 'with'
    first = parsed.paragraphs[0]
    # the first sentence with a verb: 'President Joseph R. Biden, Jr.' is no sentence of its own
    sents = list(first.doc.sents)
    sent = next((s for s in sents if s.root.pos_ in ("VERB", "AUX")), sents[0])
    with_words = [t for t in sent if t.lower_ == "with" and t.dep_ == "prep"]
    in_with = {i for w in with_words for i in _met_with(w)}
    # 'Today, President Biden, Prime Minister Trudeau of Canada, ... spoke regarding ...': the
    # subject of the first sentence's verb names who met
    in_with |= {t.i for head in _named_subjects(sent.root) for t in head.subtree}
    for mention in mentions:
        local = mention.start_char - first.start_char
        token = first.doc.char_span(
            local, mention.end_char - first.start_char, alignment_mode="expand"
        )
        if mention.actor and token is not None and token.start in in_with:
            named.append(mention.actor)
    return tuple(dict.fromkeys([*([voice] if voice else []), *named]))


def _met_with(with_word: Token) -> range:
    """The words naming whom a first sentence met 'with': up to the end of its sentence, or to
    the first word that turns to what the meeting was about ('... of Japan following the DPRK's
    launch', '... to discuss ...'). The parse often breaks such lists of names ('met with X of
    Korea, Y of Japan, ...'), so they are read in order rather than as a subtree."""
    sent = with_word.sent
    end = next(
        (t.i for t in sent if t.i > with_word.i and (t.lower_ in _TOPIC_WORDS or t.pos_ == "VERB")),
        sent.end,
    )
    return range(with_word.i + 1, end)


# a text several actors issue together: its 'we' is each of them
_JOINT = re.compile(r"\bjoint\b|\bcommuniqu|\bdeclaration\b", re.I)

# words before a name that make it a topic of the meeting, not a party to it
_TOPIC_WORDS = frozenset(
    {
        "against",
        "on",
        "about",
        "over",
        "in",
        "following",
        "after",
        "regarding",
        "concerning",
        "amid",
    }
)


def _named_subjects(verb: Token) -> list[Token]:
    """The names (proper nouns) among a verb's coordinated subjects: 'President Biden, Prime
    Minister Trudeau of Canada, ... spoke'; not 'Russia's invasion of Ukraine dominated ...'."""
    found: list[Token] = []
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        heads = [subject]
        while heads:
            head = heads.pop()
            if head.pos_ == "PROPN":
                found.append(head)
            heads += [c for c in head.children if c.dep_ == "conj"]
    return found


def _title_actors(title: str, date: str | None, gaz: Gazetteer) -> list[str]:
    """Actors a title names: the longest gazetteer names and officials' names in it."""
    words = re.findall(r"[\w.'\u2019-]+", title)
    found: list[str] = []
    i = found_end = 0
    while i < len(words):
        for n in range(min(6, len(words) - i), 0, -1):
            text = " ".join(words[i : i + n])
            actor = gaz.actor_for(text) if n > 1 or text[:1].isupper() else None
            official = gaz.official(text, date) if n > 1 else None
            code = actor or (official[0] if official else None)
            before = [w.lower() for w in words[max(i - 2, 0) : i] if w.lower() != "the"]
            if code and before and before[-1] in _TOPIC_WORDS:
                code = None  # 'sanctions against Russia', 'on the Russian Federation': a topic
            elif code and words[i + n - 1].endswith(("'s", "\u2019s")):
                code = None  # "NATO's Indo-Pacific Partners": whose partners, not who met
            elif (
                code
                and found_end == i
                and all(w.lower() in title_nouns() for w in words[i : i + n])
            ):
                code = None  # 'NATO Secretary General': the office of the name before it
            if code:
                found.append(code)
                i += n
                found_end = i
                break
        else:
            i += 1
    return found
