"""Mentions of actors: named entities and gazetteer names resolved to actor codes.

The statistical NER finds most places, peoples and organisations; a phrase matcher over the
gazetteer adds the names it misses ('the Kremlin' untagged, 'NATO' tagged PERSON). An ambiguous
name ('Brussels': EU, NATO or Belgium) takes the candidate the same paragraph, else the document,
names unambiguously; else its default reading. Persons get the actor they speak for.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from analysis.gazetteer import Gazetteer
from analysis.nlp.lexicon import speech_verbs
from analysis.nlp.namematch import gazetteer_matchers
from analysis.nlp.parsed import ParsedText
from analysis.nlp.people import People, Person
from analysis.records import Mention

ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "FAC", "LOC"})


def _candidate_spans(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, str]]:
    """(span, label) for entities with an actor label and gazetteer matches the NER missed."""
    spans: list[tuple[Span, str]] = [(e, e.label_) for e in doc.ents if e.label_ in ACTOR_LABELS]
    spans += [(e, "PERSON") for e in doc.ents if e.label_ == "PERSON"]
    taken = {i for span, _ in spans for i in range(span.start, span.end)}
    exact, lower = gazetteer_matchers(doc.vocab, gaz)
    matches = sorted(exact(doc) + lower(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for _, start, end in matches:
        if taken.isdisjoint(range(start, end)) and gaz.surface(doc[start:end].text) is not None:
            spans.append((doc[start:end], "GAZETTEER"))
            taken.update(range(start, end))
    return spans


def extract_mentions(
    article_id: str,
    parsed: ParsedText,
    people: People,
    gaz: Gazetteer,
    *,
    date: str | None,
    voice: str | None,
) -> list[Mention]:
    """Every actor mention of a document, in text order."""
    per_paragraph = [(para, _candidate_spans(para.doc, gaz)) for para in parsed.paragraphs]
    document_counts: Counter[str] = Counter()
    for _, spans in per_paragraph:
        document_counts.update(_unambiguous(spans, gaz))
    mentions: list[Mention] = []
    for _, spans in per_paragraph:
        paragraph_counts = Counter(_unambiguous(spans, gaz))
        for span, label in sorted(spans, key=lambda s: s[0].start):
            start, end = parsed.span_chars(span)
            person = people.find(span.text.replace("'s", "").strip())
            if label != "PERSON" and (named := _surname_as_person(span, people)) is not None:
                label, person = "PERSON", named  # 'Monaco said' after 'Lisa Monaco'
            if label == "PERSON" or (person is not None and gaz.surface(span.text) is None):
                label = "PERSON"  # a surname the NER tagged NORP or ORG ('Edelman', 'Totskiy')
                actor = people.actor_of(person, date, voice) if person else None
            elif _venue(span, gaz):
                actor = None  # 'the story from Brussels', 'ministers meet in Oslo': a place
            else:
                actor = _resolve(span.text, gaz, paragraph_counts, document_counts)
            if label == "PERSON" or actor is not None or label in ACTOR_LABELS:
                mentions.append(Mention(article_id, start, end, span.text, label, actor))
    return mentions


def _surname_as_person(span: Span, people: People) -> Person | None:
    """The person a place-like name stands for when it is that person's surname ('Lisa
    Monaco' in the document) and it speaks ('Monaco said') or follows a first name."""
    if len(span) != 1 or (person := people.by_surname(span.text)) is None:
        return None
    token = span.root
    speaks = token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in speech_verbs()
    left = span.doc[span.start - 1] if span.start > 0 else None
    first_name = left is not None and left.pos_ == "PROPN" and left.ent_type_ in ("", "PERSON")
    return person if speaks or first_name else None


_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "outside", "across", "around", "to", "into"}
)


def _venue(span: Span, gaz: Gazetteer) -> bool:
    """A city named as the place where something happens, not as its government."""
    surface = gaz.surface(span.text)
    if surface is None or not surface.is_place:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in _PLACE_PREPOSITIONS


def _unambiguous(spans: list[tuple[Span, str]], gaz: Gazetteer) -> list[str]:
    codes = []
    for span, label in spans:
        if label != "PERSON" and len(candidates := gaz.candidates(span.text)) == 1:
            codes.append(candidates[0])
    return codes


def _resolve(
    text: str, gaz: Gazetteer, paragraph: Counter[str], document: Counter[str]
) -> str | None:
    """The actor a name stands for; an ambiguous one by what its paragraph/document names."""
    candidates = gaz.candidates(text)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    for counts in (paragraph, document):
        named = [c for c in candidates if counts[c]]
        if len(named) == 1:
            return named[0]
    return gaz.actor_for(text)
