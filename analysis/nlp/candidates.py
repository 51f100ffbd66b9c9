"""Stance candidates and their features: what the rules propose, for a scorer to decide.

A candidate is one reading of one concept phrase: a holder (actor), the concept, the side the
cue chain gives (0 when no cue gives one) and how each was found. A statement is decided per
(document, actor, concept): the features of all its candidates are pooled (`pair_features`), so
the scorer's probability is the probability that the statement is right, which is what the
charts count and the gold scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Organisations of the gold guidelines (a holder that is not a state).
ORGANISATIONS = frozenset(
    {
        "EU", "NATO", "UN", "AU", "ASEAN", "G7", "G20", "IAEA", "OSCE", "GCC", "ARAB_LEAGUE",
        "BRICS", "WHO", "OAS", "ECOWAS", "SCO", "CSTO", "QUAD", "CARICOM", "OIC", "COE",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a concept phrase: holder, concept, the rules' side, how each was found."""

    actor: str
    concept: str
    polarity: int  # the cue chain's side: +1, -1, or 0 when no cue gives one
    confidence: float  # the rules' confidence (0 without a cue chain)
    how: str  # named, person, title, voice, participants, quote, alt-voice, alt-participant ...
    method: str  # cue, modal, loaded, none
    cues: tuple[str, ...]  # cue lemmas, highest first
    top: str  # lemma of the highest word of the chain (whose subject holds the stance)
    above: tuple[str, ...]  # lemmas of the verbs and nouns above the phrase, up to the root
    words: tuple[str, ...]  # content lemmas of the sentence
    term: str  # the concept phrase as written, lower case
    orientation: int  # the phrase's own orientation: pro +1, anti -1, topic 0
    anaphoric: bool
    negations: int
    hops: int
    hedged: bool
    intensified: bool
    paragraph: int  # 0-based paragraph number
    start_char: int  # the evidence sentence in the text
    end_char: int
    evidence: str
    quote_id: str | None
    rules_keep: bool  # the rules alone would record it


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the scorer knows of a document: its kind, voice, meeting participants and date."""

    kind: str  # speech (UN General Debate), official (in an actor's voice), news
    voice: str | None
    participants: tuple[str, ...]
    date: str | None
    present: tuple[str, ...] = ()  # other actors a meeting document names at its start


def has_side(group: Sequence[Candidate]) -> bool:
    """Does any reading give a side? A statement whose readings only name the concept (no cue)
    has no textual ground for a side: a side then could only be guessed from who the actor is
    (Russia's voice naming sanctions is not Russia for sanctions)."""
    return any(c.polarity != 0 for c in group)


def proposed_side(group: Sequence[Candidate]) -> int:
    """The side the candidates of one (document, actor, concept) propose: the sign of their
    readings weighted by the rules' confidence, counting only the readings whose holder the
    parse names when there are any with a side (a Russian spokeswoman calling the sanctions
    illegal outweighs 'sanctions on Russia' named in another sentence); +1 when they cancel out
    or none gives a side (most stances in diplomatic text are for)."""
    named = [c for c in group if c.polarity and not c.how.startswith("alt-")]
    total = sum(c.polarity * max(c.confidence, 0.1) for c in (named or group))
    return -1 if total < -1e-9 else 1


def pair_features(group: Sequence[Candidate], doc: DocumentInfo) -> dict[str, float]:
    """Features of one (document, actor, concept) from all its candidates (names -> values).

    Each candidate's features are tagged by whether its reading agrees with the proposed side
    (`agree`), opposes it (`oppose`) or gives none (`none`), so that what is learnt of 'for'
    statements also serves the rarer 'against' ones."""
    first = group[0]
    side = proposed_side(group)
    actor, concept = first.actor, first.concept
    role = (
        "voice"
        if actor == doc.voice
        else "participant"
        if actor in doc.participants
        else "present"
        if actor in doc.present
        else "org"
        if actor in ORGANISATIONS
        else "other"
    )
    f: dict[str, float] = {
        "bias": 1.0,
        f"concept={concept}": 1.0,
        f"kind={doc.kind}": 1.0,
        f"role={role}": 1.0,
        f"kind={doc.kind}|role={role}": 1.0,
        f"actor={actor}|concept={concept}": 1.0,
        f"role={role}|concept={concept}": 1.0,
        f"side={side}": 1.0,
        f"side={side}|concept={concept}": 1.0,
        "log_candidates": math.log1p(len(group)),
        "meeting": float(len(doc.participants) >= 2),
    }
    rules_total = sum(c.polarity * c.confidence for c in group if c.rules_keep)
    rules = "none" if abs(rules_total) < 1e-9 else _relation(1 if rules_total > 0 else -1, side)
    f[f"rules={rules}"] = 1.0
    f[f"rules={rules}|role={role}"] = 1.0
    for relation in ("agree", "oppose", "none"):
        same = [c for c in group if _relation(c.polarity, side) == relation]
        f[f"log_n={relation}"] = math.log1p(len(same))
        if relation != "none":
            f[f"max_conf={relation}"] = max((c.confidence for c in same), default=0.0)
    for c in group:
        _candidate_features(f, c, _relation(c.polarity, side))
    return f


def _relation(polarity: int, side: int) -> str:
    return "none" if polarity == 0 else "agree" if polarity == side else "oppose"


def _candidate_features(f: dict[str, float], c: Candidate, relation: str) -> None:
    """Presence features of one candidate, each tagged with how its reading relates to the side."""
    pol = relation
    names = [
        f"how={c.how}|{pol}",
        f"how={c.how}|method={c.method}|{pol}",
        f"how={c.how}|top={c.top}",
        f"method={c.method}|{pol}",
        f"orientation={c.orientation}|{pol}",
        f"term={c.term}|{pol}",
        f"top={c.top}|{pol}",
        f"hops={min(c.hops, 4)}|{pol}",
        *(f"cue={cue}|{pol}" for cue in c.cues),
    ]
    if not c.how.startswith("alt-"):  # the words of readings whose holder the parse names
        names += [f"above={lemma}" for lemma in c.above]
        names += [f"word={lemma}" for lemma in c.words]
    if c.negations:
        names.append(f"negated|{pol}")
    if c.hedged:
        names.append(f"hedged|{pol}")
    if c.intensified:
        names.append(f"intensified|{pol}")
    if c.anaphoric:
        names.append(f"anaphoric|{pol}")
    if c.quote_id is not None:
        names.append(f"in_quote|{pol}")
    if c.paragraph == 0:
        names.append(f"first_paragraph|{pol}")
    if c.rules_keep:
        names.append(f"rules_keep|how={c.how}|{pol}")
    for name in names:
        f[name] = 1.0
