"""How a concept phrase gets its side: climb from the phrase to the words above it in the parse.
(The words that qualify each step, negators, modals, hedges, intensifiers, are in
analysis.nlp.qualifiers.)

side = orientation of the phrase (pro +1, anti -1) x polarity of each cue on the way x -1 for each
negation, with hedges (if, would, could ...) lowering confidence. See analysis.nlp.stance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analysis.nlp.cues import Cue, CueLexicon
from analysis.nlp.qualifiers import (
    conditional,
    hedge,
    intensity_of,
    modal_of,
    negated,
    negating_head,
    participle,
    second_predicate,
)
from analysis.nlp.terms import TermMatch

_AGAINST = frozenset({"from", "against"})
_CONCERN = frozenset({"concern", "worry", "alarm", "anxiety"})

_ADDRESSING = frozenset({"on", "to", "about", "with", "including"})
# prepositions of an adjunct (means, time, circumstance): a cue does not act on their object
_ADJUNCT = frozenset(
    {"through", "via", "by", "during", "after", "before", "since", "amid", "despite"}
)
_SUPPORT_FOR_TOPIC = frozenset(
    {
        "support",
        "solidarity",
        "assistance",
        "aid",
        "backing",
        "stand",
        "help",
        "defend",
        "commitment",
        "back",
        "assist",
        "endorse",
        "protect",
        "arm",
    }
)

OBJECT_DEPS = frozenset(
    {
        "dobj",
        "acl",
        "pobj",
        "attr",
        "oprd",
        "xcomp",
        "ccomp",
        "acomp",
        "nsubjpass",
        "dative",
        "appos",
        "pcomp",
    }
)

NOUN_LINKS = frozenset({"compound", "amod", "nmod", "poss", "conj", "appos", "npadvmod"})

# what a phrase does as the subject of these verbs is said of it: good and bad effects
_BENEFITS = frozenset(
    {"enable", "benefit", "foster", "underpin", "empower", "bring", "drive", "lift", "create"}
)
_HARMS = frozenset(
    {"threaten", "endanger", "jeopardize", "jeopardise", "devastate", "destroy", "kill",
     "ravage", "wreak", "exacerbate", "undermine", "harm", "damage"}
)  # fmt: skip

_INTRANSITIVE = {
    "increase": 1,
    "strengthen": 1,
    "continue": 1,
    "grow": 1,
    "expand": 1,
    "intensify": 1,
    "prevail": 1,
    "succeed": 1,
    "end": -1,
    "stop": -1,
    "cease": -1,
    "halt": -1,
    "fail": -1,
    "decrease": -1,
    "collapse": -1,
}

MAX_CLIMB = 10

MAX_HOPS = 4  # words (prepositions aside) between a concept phrase and its first cue

COPULAS = frozenset({"be", "remain", "become", "constitute", "represent", "pose"})
# Verbs that report or stress what follows: they show who holds a side, not which side.

TRANSPARENT = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "note",
        "explain",
        "stress",
        "emphasize",
        "emphasise",
        "underline",
        "underscore",
        "highlight",
        "reiterate",
        "reaffirm",
        "recall",
        "mention",
        "point",
        "report",
        "write",
        "announce",
        "declare",
        "observe",
        "remark",
        "comment",
        "inform",
        "brief",
        "discuss",
        "review",
        "focus",
        "express",
        "convey",
        "share",
        "agree",
        "believe",
    }
)


@dataclass(frozen=True, slots=True)
class Chain:
    """How a concept phrase got its side: polarity, the cues, the highest token, confidence."""

    polarity: int
    cues: tuple[str, ...]
    top: Token
    method: str
    confidence: float
    negations: int = 0
    hops: int = 0  # words (prepositions aside) climbed from the phrase to its cue
    hedged: bool = False
    intensified: bool = False


def side_of(
    doc: Doc,
    match: TermMatch,
    lexicon: CueLexicon,
    *,
    is_actor: Callable[[str], bool] | None = None,
) -> Chain | None:
    """The side a concept phrase takes in its sentence, or None when nothing shows a side.

    A topic word takes a side through support only when it names a state or organisation
    ('support for Ukraine'), not a contested region ('protect Donbass' is no side on Ukraine)."""
    token = doc[match.start : match.end].root
    orientation = match.orientation
    if orientation == 0 and (hostile := _hostile_head(token, lexicon)) is not None:
        token, orientation = hostile, -1  # 'attacks against Ukraine': what the proposition opposes
    elif orientation != 0 and (negating := negating_head(token)) is not None:
        token, orientation = negating, -orientation  # 'the erosion of the disarmament regime'
    topic = orientation == 0
    if topic and match.end - match.start > 1 and _judged_hostile(token, match, lexicon):
        orientation, topic = -1, False  # 'Russia's unprovoked war in Ukraine': a judged act
    if topic and is_actor is not None and not is_actor(match.text):
        return None
    if orientation < 0 and token.dep_ == "compound" and token.head.i >= match.end:
        return None  # 'resilience towards climate change adaptation': the phrase names a kind
    polarity: int = 1 if topic else orientation
    cues: list[str] = []
    confidence = 1.0
    # 'the unprovoked invasion': a hostile modifier is the holder's own judgement of the phrase,
    # and it decides the side: a cue above ('condemned the unprovoked invasion') states the
    # same judgement or acts on something else ('praised Albania's leadership ... against the
    # unprovoked invasion'); multiplying them cancels the judgement out. A favourable one
    # ('the fundamental rights') decides nothing: 'violated the fundamental rights' is against.
    judged = 1
    for child in token.children:  # 'illegal sanctions', 'unprovoked invasion'
        if child.dep_ not in ("amod", "compound") or topic or child.i >= match.start:
            continue
        modifier = lexicon.evaluation_for(child)
        if modifier is None and not participle(child):  # 'the intensifying crisis' describes
            modifier = lexicon.cue_for_lemma(child.lemma_.lower())  # it, takes no side
        if modifier is not None:  # also a verb cue the tagger read as a modifier: 'combat X'
            judged = min(judged, modifier.polarity)  # 'unprovoked, unjustified': one judgement
            cues.append(modifier.lemma)
    judgement = -1 if judged < 0 else 0
    inner = [
        c for t in doc[match.start : match.end] if (c := lexicon.cue_for(t)) and c.kind == "noun"
    ]
    if inner and not topic:
        cues.append(inner[0].lemma)  # 'support for Ukraine', 'commitment to a two-state solution'
    top, negations, hops, modal = token, 0, 0, False
    intensity = 1.0
    if (
        token.pos_ in ("VERB", "AUX") and not topic
    ):  # the phrase is a clause: 'acquire a nuclear weapon'
        negations += negated(token, lexicon.negators)
        if (mod := modal_of(token)) is not None:
            cues.append(mod)
            modal = True
    for head, relation in _path_up(token):
        if (
            head.pos_ in ("VERB", "AUX")
            and head.lemma_.lower() in TRANSPARENT
            and (any(c in lexicon.cues for c in cues) or lexicon.cue_for(head) is None)
        ):
            top = head  # 'X said/stressed (that) ...': the holder is the reporter; no side itself
            negations += negated(head, lexicon.negators)
            break
        # a transparent verb with a cue of its own and no cue below it is that cue:
        # 'reaffirmed the territorial integrity of Ukraine', 'agreed on a ceasefire'

        hops += 0 if head.pos_ == "ADP" else 1
        cue = _cue_at(head, relation, lexicon, topic, orientation)
        if cue is None and not cues and relation == "nsubj" and head.lemma_ == "be":
            # 'climate change is among the most critical challenges': what a sentence says of
            # its subject, which no cue above ('the leaders underscored that ...') acts on
            return None
        preposition = _preposition_below(head, token) if relation == "pobj" else None
        if cue is not None and preposition in _ADJUNCT and preposition not in cue.preps:
            cue = None  # 'end the conflict through the ceasefire': a means, not the object
        if (
            cue is not None
            and cue.kind == "noun"
            and cue.polarity > 0
            and preposition == "of"
            and topic
        ):
            cue = None  # 'the support of the Israeli government': who supports, not what
            # (but 'the implementation of the sanctions' is what is implemented)
        if (
            cue is not None
            and not any(c in lexicon.cues for c in cues)  # only the cue right above the phrase
            and preposition not in cue.preps  # 'warn against' has its preposition built in
            and (
                (preposition in _AGAINST and cue.polarity > 0)  # 'the fight against X' stays
                or (orientation < 0 and preposition in _ADDRESSING and cue.polarity > 0)
            )
        ):
            # 'defend it from X'; 'cooperate on climate change', 'respond to aggression': the
            # cue works against the problem the phrase names
            cue = Cue(cue.lemma, -cue.polarity, cue.kind, cue.preps, cue.weight)
        if cue is None and not cues and hops > MAX_HOPS:
            return None  # the phrase lies too deep below any cue to be its object
        if cue is not None:
            if (
                cue.lemma in _CONCERN
                and orientation > 0
                and not any(c in lexicon.cues for c in cues)
            ):
                cue = Cue(
                    cue.lemma, 1, cue.kind, cue.preps, cue.weight
                )  # 'concerns about human rights'
            if topic and (
                cue.polarity < 0
                or cue.lemma not in _SUPPORT_FOR_TOPIC
                or hops > 2
                or relation not in ("pobj", "dobj")
            ):
                return None  # a topic word takes a side only as the near object of support
            polarity *= cue.polarity
            confidence *= cue.weight
            cues.append(cue.lemma)
            top = head
        elif (
            head.pos_ in ("VERB", "AUX")
            and (mod := modal_of(head))
            and relation in OBJECT_DEPS | {"nsubj"}
            and not topic
        ):
            cues.append(mod)
            modal = True
            top = head
        elif head.pos_ in ("VERB", "AUX") and not cues:
            top = head
        if relation != "advcl":  # 'When we put ..., we should not forget': not its negation
            if negated(head, lexicon.negators) and conditional(head):
                return None  # 'if we do not recognize ...', 'as long as Ukraine is not a member'
            negations += negated(head, lexicon.negators)
            if relation == "pobj":  # 'not by spending ...': a negated preposition hopped over
                negations += negated(_preposition_token(head, token), lexicon.negators)
        confidence *= hedge(head, lexicon)
        intensity = max(intensity, intensity_of(head, lexicon))
        if head.pos_ == "VERB" and (said := second_predicate(head, lexicon)) is not None:
            # 'described the intention to impose sanctions as counterproductive'; but 'condemned
            # the invasion as brutal' states one judgement twice: it must not cancel out
            if cue is None or said.polarity != cue.polarity or said.polarity > 0:
                polarity *= said.polarity
            cues.append(said.lemma)
        if relation == "conj" and head.pos_ in ("VERB", "AUX"):
            break  # 'condemned X and called for Y': the first verb's cue is not Y's
    if not cues:
        if match.loaded is not None:
            return Chain(
                match.loaded, ("loaded: " + match.text.lower(),), top, "loaded", 0.5, hops=hops
            )
        return None
    if judgement:
        polarity = orientation * judgement
    else:
        polarity *= -1 if negations % 2 else 1
    method = "modal" if modal and len(cues) == 1 else "cue"
    return Chain(
        polarity,
        tuple(cues),
        top,
        method,
        round(min(1.0, 0.9 * confidence * intensity), 3),
        negations=negations,
        hops=hops,
        hedged=confidence < 1.0,
        intensified=intensity > 1.0,
    )


def _judged_hostile(token: Token, match: TermMatch, lexicon: CueLexicon) -> bool:
    """Does a hostile judgement modify the head of a topic phrase of several words ('the
    unprovoked war in Ukraine', 'the brutal Russo-Ukrainian war')? The phrase then names an
    act its holder condemns, as an 'anti' phrase does."""
    return any(
        child.dep_ == "amod"
        and child.i < match.start
        and (evaluation := lexicon.evaluation_for(child)) is not None
        and evaluation.polarity < 0
        for child in token.children
    )


def _path_up(token: Token) -> list[tuple[Token, str]]:
    """(head, relation of the child below it) from a token up to its sentence root; prepositions
    are hopped over ('support for Ukraine': support <-pobj- Ukraine)."""
    path: list[tuple[Token, str]] = []
    current = token
    via_preposition = False
    for _ in range(MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            break
        if head.pos_ == "ADP" and current.dep_ in ("pobj", "pcomp"):  # 'of reaching a ceasefire'
            via_preposition = True
            current = head
            continue
        path.append((head, "pobj" if via_preposition else current.dep_))
        via_preposition = False
        current = head
    return path


def _cue_at(
    head: Token, relation: str, lexicon: CueLexicon, topic: bool, orientation: int = 0
) -> Cue | None:
    """The cue a head word is for the phrase below it, by how the phrase attaches to it."""
    cue = lexicon.cue_for(head)
    if cue is not None and (
        relation in OBJECT_DEPS or (relation in NOUN_LINKS and cue.kind == "noun")
    ):
        return cue
    lemma = head.lemma_.lower()
    if relation == "nsubj" and not topic:
        if lemma in _INTRANSITIVE and not any(c.dep_ == "dobj" for c in head.children):
            return Cue(lemma, _INTRANSITIVE[lemma], "verb")  # 'sanctions must increase'
        if lemma in COPULAS:
            return _predicate(head, lexicon)  # 'climate change remains the greatest threat'
        transitive = any(c.dep_ == "dobj" for c in head.children)
        if transitive and lemma in _BENEFITS:
            return Cue(lemma, 1, "verb", weight=0.7)  # 'free trade enabled enormous progress'
        if transitive and lemma in _HARMS and orientation < 0:
            # 'climate change threatens our existence': the harm done is the holder's judgement
            # of a problem; (what a good thing harms is left alone: 'sanctions hurt Russia')
            return Cue(lemma, -1, "verb", weight=0.7)
    if (
        relation in ("attr", "pobj")
        and lemma in COPULAS
        and any(c.dep_ == "neg" for c in head.children)
    ):
        return Cue(lemma, 1, "copula", weight=0.7)  # 'this is not a matter of self-defence'
    evaluation = lexicon.evaluation_for(head)
    if evaluation is not None and relation in ("amod", "attr", "pobj", "compound") and not topic:
        return evaluation  # 'an encroachment on their security'
    return None


def _predicate(copula: Token, lexicon: CueLexicon) -> Cue | None:
    """What a copula's complement says: 'X is illegal', 'X remains the greatest threat'."""
    for child in copula.children:
        if child.dep_ in ("acomp", "attr"):
            for word in (child, *[c for c in child.children if c.dep_ == "amod"]):
                evaluation = lexicon.evaluation_for(word)
                if evaluation is not None:
                    return evaluation
    return None


def _preposition_below(head: Token, phrase_root: Token) -> str | None:
    """The preposition through which the phrase hangs below `head` ('defend ... from X')."""
    current = _preposition_token(head, phrase_root)
    return current.lower_ if current.pos_ == "ADP" else None


def _preposition_token(head: Token, phrase_root: Token) -> Token:
    """The child of `head` on the way down to the phrase (a preposition, when it hangs by one)."""
    current = phrase_root
    while current.head.i != current.i and current.head.i != head.i:
        current = current.head
    return current


def _hostile_head(token: Token, lexicon: CueLexicon) -> Token | None:
    """'attacks against Ukraine', 'strikes on Gaza', "Russia's invasion of Ukraine"."""
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.pos_ == "ADP"
        and head.lower_ in ("against", "on", "of", "in", "upon")
    ):
        noun = head.head
        if noun.lemma_.lower() in lexicon.hostile:
            return noun
    return None


MIN_CONFIDENCE = 0.45
