"""Who holds a stance: the subject of its highest cue, resolved to actors.

A named state or organisation, a person speaking for one, 'we' in a document in an actor's voice,
'they' / 'the leaders' of a meeting (each participant), or the speaker of the quotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from analysis.gazetteer import Gazetteer
from analysis.nlp.cues import CueLexicon
from analysis.nlp.lexicon import title_nouns
from analysis.nlp.parsed import Paragraph, ParsedText
from analysis.nlp.people import People, actor_from_description, context_tokens, describe
from analysis.nlp.qualifiers import modal_of
from analysis.nlp.stance_chain import TRANSPARENT, Chain
from analysis.nlp.terms import ConceptIndex, TermMatch
from analysis.records import Mention, Quote

if TYPE_CHECKING:
    from analysis.nlp.scorer import StanceScorer

_THIRD_PERSON = frozenset({"it", "he", "she", "they", "him", "her", "them", "its"})

_FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me", "ourselves"})
_PLURAL_SELF = frozenset({"we", "us", "our", "ourselves"})

_GROUP_WORDS = frozenset(
    {
        "they",
        "both",
        "leaders",
        "sides",
        "interlocutors",
        "parties",
        "presidents",
        "ministers",
        "partners",
        "counterparts",
        "governments",
        "countries",
        "nations",
        "two",
        "all",
        "together",
    }
)

# nouns that stand for a state when a modifier names it: 'the Canadian side'
_SIDE_NOUNS = frozenset(
    {"side", "party", "government", "delegation", "leadership", "authorities", "administration"}
)
_NAMING_LABELS = ("GPE", "NORP", "ORG")

_SELF_NOUNS = frozenset(
    {"delegation", "country", "government", "nation", "state", "administration", "people"}
)
# a concept phrase as the subject of these: 'sanctions must increase', 'the war must end'


@dataclass
class StanceContext:
    """What stance extraction knows of one document."""

    article_id: str
    parsed: ParsedText
    people: People
    gaz: Gazetteer
    index: ConceptIndex
    lexicon: CueLexicon
    date: str | None
    voice: str | None
    participants: tuple[str, ...]
    quotes: tuple[Quote, ...]
    kind: str = "news"  # speech, official (in an actor's voice) or news: see document_kind
    present: tuple[str, ...] = ()  # other actors a meeting document names at its start
    mentions: tuple[Mention, ...] = ()  # actors named in the text, by offset
    scorer: StanceScorer | None = None  # None: the rules decide alone
    joint: bool = False  # a joint statement: its 'we' is each participant


def holders(
    ctx: StanceContext, para: Paragraph, chain: Chain, match: TermMatch
) -> list[tuple[str, str]]:
    """Who holds the stance: (actor, how it was found) pairs; empty when no actor is known."""
    char = para.start_char + chain.top.idx
    quote = next((q for q in ctx.quotes if q.start_char <= char < q.end_char), None)
    speaker = [(quote.actor, "quote")] if quote is not None and quote.actor else []
    reported = chain.top.pos_ in ("VERB", "AUX") and chain.top.lemma_.lower() in TRANSPARENT
    if chain.method == "modal" and not reported:  # 'the UN must be ...': a demand by the voice
        return speaker or ([(ctx.voice, "voice")] if ctx.voice and quote is None else [])
    cue_noun = chain.top.pos_ == "NOUN" and ctx.lexicon.cue_for(chain.top) is not None
    possessor = _possessor(chain.top, match) if cue_noun else None
    if possessor is not None:  # "President Biden's support for Israel", 'our commitment to ...'
        actors = actors_of(ctx, possessor)
        if actors:
            return actors
    thanked = _thanked_for(chain.top)
    if thanked is not None:  # 'thanked the Canadian side for its support for Ukraine'
        actors = actors_of(ctx, thanked)
        if actors:
            return [(actor, "thanked") for actor, _ in actors]
    if _agentless_passive(chain.top):
        return []  # 'when the first sanctions were imposed': by someone the text does not name
    subject = subject_of(chain.top, skip=range(match.start, match.end))
    if subject is not None:
        actors = actors_of(ctx, subject)
        if actors:
            return actors
        named = subject.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
        if (
            subject.lower_ not in _FIRST_PERSON
            and subject.pos_ != "PRON"
            and named
            and quote is None
        ):
            return []  # a named non-actor holds it ('Protesters demand ...')
        if subject.lower_ in _THIRD_PERSON:
            return []  # 'it has been defending ...': someone else, whom we cannot name
    if speaker:
        return speaker
    if ctx.voice is not None and quote is None:
        return [(ctx.voice, "voice")]
    return []


def _possessor(noun: Token, match: TermMatch) -> Token | None:
    """Whose a cue noun is: "President Biden's support", 'our commitment', or 'the support of
    the United Kingdom for X' (an 'of' phrase that is not the concept phrase itself)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and not match.start <= obj.i < match.end:
                return obj
    return None


_THANKING = frozenset({"thank", "praise", "commend", "applaud", "congratulate", "appreciate"})


def _thanked_for(cue: Token) -> Token | None:
    """Whom a speaker thanks (praises ...) for the cue: 'thanked Japan for its support for X',
    'praised Canada for increasing sanctions'. The one thanked holds it, not the speaker."""
    head = cue.head
    if cue.dep_ not in ("pobj", "pcomp") or head.lower_ != "for":
        return None
    verb = head.head
    if verb.lemma_.lower() not in _THANKING:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _agentless_passive(verb: Token) -> bool:
    """A passive verb with no 'by' agent and no modal ('sanctions were imposed'; not 'sanctions
    must be imposed', a demand): the text does not say who acted."""
    children = list(verb.children)
    return (
        verb.pos_ == "VERB"
        and any(c.dep_ == "auxpass" for c in children)
        and not any(c.dep_ == "agent" for c in children)
        and modal_of(verb) is None
    )


def subject_of(token: Token, skip: range = range(0)) -> Token | None:
    """The subject of the verb a cue belongs to, climbing through clauses and noun heads; a
    subject that is the concept phrase itself ('a missile shield is necessary') is passed by."""
    current = token
    for _ in range(6):
        for child in current.children:
            if (
                child.dep_ in ("nsubj", "csubj")
                and child.i not in skip
                and not any(t.i in skip for t in child.subtree)
            ):
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def actors_of(ctx: StanceContext, subject: Token) -> list[tuple[str, str]]:
    """Actors a subject stands for: each of coordinated subjects, 'we' -> voice, 'they' -> the
    participants, a state/organisation name, a person speaking for one, a title -> the voice."""
    found: list[tuple[str, str]] = []
    for token in [subject, *_conjuncts(subject)]:
        for actor, how in _actor_of_token(ctx, token):
            if actor not in {a for a, _ in found}:
                found.append((actor, how))
    return found


def _conjuncts(token: Token) -> list[Token]:
    return [
        t
        for t in token.subtree
        if t.dep_ == "conj" and t.head.i in (token.i, *[c.i for c in token.subtree])
    ]


def _actor_of_token(ctx: StanceContext, token: Token) -> list[tuple[str, str]]:
    lower = token.lower_
    if lower in ("he", "she", "him", "her"):  # the person last named as a subject before it
        person = ctx.people.last_subject(ctx.parsed.char_of(token))
        actor = ctx.people.actor_of(person, ctx.date, ctx.voice) if person else None
        return [(actor, "person")] if actor else []
    if lower in _FIRST_PERSON or (
        token.lemma_.lower() in _SELF_NOUNS
        and any(c.lower_ in ("my", "our") for c in token.children)
    ):
        char = ctx.parsed.char_of(token)
        quote = next((q for q in ctx.quotes if q.start_char <= char < q.end_char), None)
        if quote is not None:
            return [(quote.actor, "quote")] if quote.actor else []
        if ctx.joint and lower in _PLURAL_SELF and len(ctx.participants) >= 2:
            return [(a, "participants") for a in ctx.participants]  # 'we' of a joint statement
        return [(ctx.voice, "voice")] if ctx.voice else []
    if lower in _GROUP_WORDS or token.lemma_.lower() in _GROUP_WORDS:
        char = ctx.parsed.char_of(token)
        if any(q.start_char <= char < q.end_char for q in ctx.quotes):
            return []  # a speaker's 'they' are others than the meeting's participants
        if len(ctx.participants) >= 2:
            return [(a, "participants") for a in ctx.participants]
        return []
    span = _entity(token)
    if span is not None and span.label_ in ("GPE", "NORP", "ORG", "FAC"):
        actor = ctx.gaz.actor_for(span.text)
        return [(actor, "named")] if actor else []
    person = ctx.people.find(span.text if span is not None else token.text)
    if person is not None:
        actor = ctx.people.actor_of(person, ctx.date, ctx.voice)
        return [(actor, "person")] if actor else []
    if token.pos_ in ("NOUN", "PROPN"):
        actor = ctx.gaz.actor_for(token.text)
        if actor:
            return [(actor, "named")]
        if token.lemma_.lower() in _SIDE_NOUNS and (actor := _named_modifier(ctx, token)):
            return [(actor, "named")]  # 'the Canadian side', 'the Polish government'
        if token.lemma_.lower() in title_nouns():
            # 'Prime Minister of Bulgaria Petkov': the office with what follows it
            desc = describe(context_tokens(token) + list(token.subtree), ctx.gaz)
            actor = actor_from_description(
                desc.titles, desc.affiliations, desc.not_in_office, ctx.voice
            )
            return [(actor, "title")] if actor else []
    return []


def _named_modifier(ctx: StanceContext, token: Token) -> str | None:
    """The actor a noun's modifier names ('the Canadian side' -> CAN), or None."""
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss") and child.ent_type_ in _NAMING_LABELS:
            ent = _entity(child)
            actor = ctx.gaz.actor_for(ent.text if ent is not None else child.text)
            if actor:
                return actor
    return None


def _entity(token: Token) -> Span | None:
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
