"""Words that qualify one step of a cue chain (analysis.nlp.stance_chain): negators, modals,
hedges and conditions, intensifiers, and participles that describe rather than act.

Each returns what the step gains from the words around it: a count of negations, a modal, a
weight for confidence; none decides a side by itself.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from analysis.nlp.cues import Cue, CueLexicon
from analysis.nlp.lexicon import rule_lines

_CONDITIONS = frozenset({"if", "unless", "as", "while", "until", "when", "whether", "once"})

# a negator that belongs to an idiom of emphasis: 'spare no effort' is no negation
# (the tagger lemmatises 'sparing' as 'spar', so the verb is matched by its forms)
_LITOTES = frozenset(
    (verb, noun)
    for verb in ("spare", "spares", "spared", "sparing")
    for noun in ("effort", "efforts", "expense")
)

_MODALS = frozenset({"must", "should", "shall"})


def modal_of(verb: Token) -> str | None:
    """The modal of a verb ('must', 'should', 'shall'), or None."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            return child.lower_
    return None


_DEFAULT_NEGATORS = frozenset({"not", "n't", "never", "no"})


def negated(token: Token, negators: frozenset[str] = _DEFAULT_NEGATORS) -> int:
    """How many negators the word governs ('not', 'never', 'no', 'hardly' ... from the lexicon)."""
    if (token.head.lower_, token.lower_) in _LITOTES:
        return 0
    return sum(
        1
        for c in token.children
        if (c.dep_ == "neg" or (c.lower_ in negators and c.dep_ in _NEGATOR_DEPS))
        and not _not_only(c)
    )


_NEGATOR_DEPS = frozenset({"advmod", "det", "preconj", "npadvmod"})


def _not_only(token: Token) -> bool:
    """'not only ... but also': an addition, not a negation."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "not" and following is not None and following.lower_ == "only"


def intensity_of(token: Token, lexicon: CueLexicon) -> float:
    """'strongly condemn', 'unwavering support': raise confidence, never polarity."""
    words = [token, *(c for c in token.children if c.dep_ in ("advmod", "amod"))]
    return 1.1 if any(w.lower_ in lexicon.intensifiers for w in words[1:]) else 1.0


def hedge(token: Token, lexicon: CueLexicon) -> float:
    """Lower confidence for hedges ('would', 'if') and for a clause that only sets a condition or
    a time ('as long as Ukraine is not a member, ...')."""
    weight = 1.0
    for child in token.children:
        if child.dep_ in ("aux", "mark", "advmod") and child.lower_ in lexicon.hedges:
            weight *= lexicon.hedges[child.lower_]
    if conditional(token):
        weight *= 0.5
    return weight


def conditional(token: Token) -> bool:
    """Is the word the verb of a clause that sets a condition or a time ('if we do not act',
    'as long as Ukraine is not a member')? What such a clause denies, it does not deny as a
    side: it states what follows from it."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in token.children
    )


def participle(token: Token) -> bool:
    """'intensifying', 'increased': a verb form that describes the noun it modifies."""
    return token.tag_ in ("VBG", "VBN") or (
        token.pos_ == "VERB" and token.lower_.endswith(("ing", "ed"))
    )


def negating_head(token: Token) -> Token | None:
    """'the erosion of X', 'violations of X': the noun that turns X into its opposite."""
    while token.dep_ in ("compound", "amod", "nmod") and token.head.i != token.i:
        token = token.head  # 'the erosion of the [nuclear disarmament] regime'
    head = token.head
    if (
        token.dep_ == "pobj"
        and head.lower_ in ("of", "to")
        and head.head.lemma_.lower() in negating_nouns()
    ):
        return head.head
    return None


@cache
def negating_nouns() -> frozenset[str]:
    """data/rules/negating_nouns.txt."""
    return frozenset(rule_lines("negating_nouns.txt"))


def second_predicate(verb: Token, lexicon: CueLexicon) -> Cue | None:
    """'described the plans as counterproductive', 'called the sanctions illegal': an evaluation
    said of the verb's object."""
    for child in verb.children:
        words = [child] if child.dep_ in ("oprd", "acomp") else []
        if child.dep_ == "prep" and child.lower_ == "as":
            words = [c for c in child.children if c.dep_ in ("pobj", "amod", "acomp")]
        for word in words:
            evaluation = lexicon.evaluation_for(word)
            if evaluation is not None:
                return evaluation
    return None
