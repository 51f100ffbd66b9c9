"""Stances: which actor takes which side on which concept, from cues and the parse.

For every concept phrase in a paragraph (analysis.nlp.terms), climb the dependency tree from the
phrase to the verbs above it, composing the side as the stance cue lexicon says:
    side = orientation of the phrase (pro +1, anti -1) x polarity of each cue on the way
           x -1 for each negation, confidence lowered by hedges (if, would, could ...)
('The United States condemns Russia's aggression' = anti x condemn = +1 on ukraine_sovereignty;
'Iran must never acquire a nuclear weapon' = anti x must x never = +1 on iran_nuclear_limits).
A topic word ("Ukraine") takes a side only through a support cue ('support for Ukraine'), or as
the target of a hostile act ('attacks against Ukraine' is read as anti). The holder of the
stance is the subject of the highest cue: a named state or organisation, a person speaking for
one, 'we' in a document in an actor's voice, 'the leaders' / 'both sides' of a readout, or the
speaker of the quotation the words are in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from analysis.gazetteer import Gazetteer
from analysis.nlp.cues import Cue, CueLexicon
from analysis.nlp.lexicon import _lines, title_nouns
from analysis.nlp.parsed import Paragraph, ParsedText
from analysis.nlp.people import People, actor_from_description, context_tokens, describe
from analysis.nlp.terms import ConceptIndex, TermMatch
from analysis.records import Quote, Stance

_AGAINST = frozenset({"from", "against"})
_CONCERN = frozenset({"concern", "worry", "alarm", "anxiety"})
_ADDRESSING = frozenset({"on", "to", "about", "with", "including"})
# cues by which a mere topic word ('Ukraine', 'Israel') gets a side: support for it
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
_THIRD_PERSON = frozenset({"it", "he", "she", "they", "him", "her", "them", "its"})
_FIRST_PERSON = frozenset({"we", "i", "us", "our", "my", "me", "ourselves"})
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
_SELF_NOUNS = frozenset(
    {"delegation", "country", "government", "nation", "state", "administration", "people"}
)
# a concept phrase as the subject of these: 'sanctions must increase', 'the war must end'
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
_MODALS = frozenset({"must", "should", "shall"})
MAX_CLIMB = 10
MAX_HOPS = 4  # words (prepositions aside) between a concept phrase and its first cue
MIN_CONFIDENCE = 0.45
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
_ANAPHORIC_NOUNS = frozenset(
    {
        "plan",
        "proposal",
        "idea",
        "initiative",
        "project",
        "system",
        "deployment",
        "move",
        "decision",
        "step",
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


def extract_stances(ctx: StanceContext) -> list[Stance]:
    """Every stance record of a document, in text order."""
    found: list[Stance] = []
    previous_terms: list[TermMatch] = []
    for number, para in enumerate(ctx.parsed.paragraphs):
        context = _context_words(ctx.parsed, number)
        matches = ctx.index.matches(para.doc, extra_context=context)
        matches += _anaphora(para.doc, matches, ctx.lexicon)
        for match in matches:
            chain = side_of(para.doc, match, ctx.lexicon, is_actor=_is_actor_name(ctx))
            if chain is None or chain.confidence < MIN_CONFIDENCE:
                continue
            for actor, how in holders(ctx, para, chain, match):
                found.append(_record(ctx, para, match, chain, actor, how, len(found) + 1))
        previous_terms = [m for m in matches if m.orientation != 0] or previous_terms
    return _one_per_sentence(found)


def _one_per_sentence(stances: list[Stance]) -> list[Stance]:
    """Several phrases of one sentence can show the same actor's side on a concept: keep the
    most confident record per (sentence, actor, concept), so a statement counts once."""
    best: dict[tuple[int, str, str], Stance] = {}
    for stance in stances:
        key = (stance.start_char, stance.actor, stance.concept)
        if key not in best or abs(stance.score) > abs(best[key].score):
            best[key] = stance
    kept = sorted(best.values(), key=lambda s: (s.start_char, s.actor, s.concept))
    return [replace(s, stance_id=f"{s.article_id}#s{n}") for n, s in enumerate(kept, start=1)]


def _context_words(parsed: ParsedText, number: int) -> set[str]:
    """Words of the paragraph before: a context word there still counts ('ceasefire' after Gaza)."""
    if number == 0:
        return set()
    doc = parsed.paragraphs[number - 1].doc
    return {t.norm_ for t in doc} | {t.lemma_.lower() for t in doc}


def _anaphora(doc: Doc, earlier: list[TermMatch], lexicon: CueLexicon) -> list[TermMatch]:
    """'the Russians have rejected it', 'the plan': the object of a cue that points back to the
    last concept phrase with a side (earlier in the paragraph, or in the paragraph before)."""
    if not earlier:
        return []
    last = earlier[-1]
    if last.orientation == 0:
        return []
    found = []
    for token in doc:
        refers = token.lower_ in ("it", "this") or (
            token.lemma_.lower() in _ANAPHORIC_NOUNS
            and any(c.lower_ in ("the", "this", "these", "such") for c in token.children)
        )
        if (
            refers
            and token.dep_ in ("dobj", "nsubjpass", "pobj")
            and lexicon.cue_for(token.head) is not None
        ):
            found.append(
                TermMatch(
                    last.concept,
                    last.orientation,
                    token.i,
                    token.i + 1,
                    token.text,
                    None,
                    anaphoric=True,
                )
            )
    return found


def _is_actor_name(ctx: StanceContext) -> Callable[[str], bool]:
    return lambda text: ctx.gaz.actor_for(text) is not None


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
    elif orientation != 0 and (negating := _negating_head(token)) is not None:
        token, orientation = negating, -orientation  # 'the erosion of the disarmament regime'
    topic = orientation == 0
    if topic and is_actor is not None and not is_actor(match.text):
        return None
    polarity: int = 1 if topic else orientation
    cues: list[str] = []
    confidence = 1.0
    for child in token.children:  # 'illegal sanctions', 'unprovoked invasion'
        if child.dep_ not in ("amod", "compound") or topic or child.i >= match.start:
            continue
        modifier = lexicon.evaluation_for(child) or lexicon.cue_for_lemma(child.lemma_.lower())
        if modifier is not None:  # also a verb cue the tagger read as a modifier: 'combat X'
            polarity *= modifier.polarity
            cues.append(modifier.lemma)
    inner = [
        c for t in doc[match.start : match.end] if (c := lexicon.cue_for(t)) and c.kind == "noun"
    ]
    if inner and not topic:
        cues.append(inner[0].lemma)  # 'support for Ukraine', 'commitment to a two-state solution'
    top, negations, hops, modal = token, 0, 0, False
    if (
        token.pos_ in ("VERB", "AUX") and not topic
    ):  # the phrase is a clause: 'acquire a nuclear weapon'
        negations += _negated(token)
        if (mod := _modal(token)) is not None:
            cues.append(mod)
            modal = True
    for head, relation in _path_up(token):
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in TRANSPARENT:
            top = head  # 'X said/stressed (that) ...': the holder is the reporter; no side itself
            negations += _negated(head)
            break
        hops += 0 if head.pos_ == "ADP" else 1
        cue = _cue_at(head, relation, lexicon, topic)
        preposition = _preposition_below(head, token) if relation == "pobj" else None
        if cue is not None and cue.kind == "noun" and cue.polarity > 0 and preposition == "of":
            cue = None  # 'the support of the Israeli government': who supports, not what
        if cue is not None and (
            preposition in _AGAINST
            or (orientation < 0 and preposition in _ADDRESSING and cue.polarity > 0)
        ):
            # 'defend it from X'; 'cooperate on climate change', 'respond to aggression': the
            # cue works against the problem the phrase names
            cue = Cue(cue.lemma, -cue.polarity, cue.kind, cue.preps, cue.weight)
        if cue is None and not cues and hops > MAX_HOPS:
            return None  # the phrase lies too deep below any cue to be its object
        if cue is not None:
            if cue.lemma in _CONCERN and orientation > 0:
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
            and (mod := _modal(head))
            and relation in OBJECT_DEPS | {"nsubj"}
            and not topic
        ):
            cues.append(mod)
            modal = True
            top = head
        elif head.pos_ in ("VERB", "AUX") and not cues:
            top = head
        negations += _negated(head)
        confidence *= _hedge(head, lexicon)
        if relation == "conj" and head.pos_ in ("VERB", "AUX"):
            break  # 'condemned X and called for Y': the first verb's cue is not Y's
    if not cues:
        if match.loaded is not None:
            return Chain(match.loaded, ("loaded: " + match.text.lower(),), top, "loaded", 0.5)
        return None
    polarity *= -1 if negations % 2 else 1
    method = "modal" if modal and len(cues) == 1 else "cue"
    return Chain(polarity, tuple(cues), top, method, round(0.9 * confidence, 3))


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
        if head.pos_ == "ADP" and current.dep_ == "pobj":
            via_preposition = True
            current = head
            continue
        path.append((head, "pobj" if via_preposition else current.dep_))
        via_preposition = False
        current = head
    return path


def _cue_at(head: Token, relation: str, lexicon: CueLexicon, topic: bool) -> Cue | None:
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


def _negating_head(token: Token) -> Token | None:
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


def _preposition_below(head: Token, phrase_root: Token) -> str | None:
    """The preposition through which the phrase hangs below `head` ('defend ... from X')."""
    current = phrase_root
    while current.head.i != current.i and current.head.i != head.i:
        current = current.head
    return current.lower_ if current.pos_ == "ADP" else None


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


def _modal(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            return child.lower_
    return None


def _negated(token: Token) -> int:
    return sum(
        1
        for c in token.children
        if c.dep_ == "neg" or (c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det"))
    )


def _hedge(token: Token, lexicon: CueLexicon) -> float:
    weight = 1.0
    for child in token.children:
        if child.dep_ in ("aux", "mark", "advmod") and child.lower_ in lexicon.hedges:
            weight *= lexicon.hedges[child.lower_]
    return weight


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
    possessor = (
        next((c for c in chain.top.children if c.dep_ == "poss"), None) if cue_noun else None
    )
    if possessor is not None:  # "President Biden's support for Israel", 'our commitment to ...'
        actors = _actors_of(ctx, possessor)
        if actors:
            return actors
    subject = _subject_of(chain.top, skip=range(match.start, match.end))
    if subject is not None:
        actors = _actors_of(ctx, subject)
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


def _subject_of(token: Token, skip: range = range(0)) -> Token | None:
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


def _actors_of(ctx: StanceContext, subject: Token) -> list[tuple[str, str]]:
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
    if lower in ("he", "she"):  # the person last named as a subject before it
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
        return [(ctx.voice, "voice")] if ctx.voice else []
    if lower in _GROUP_WORDS or token.lemma_.lower() in _GROUP_WORDS:
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
        if token.lemma_.lower() in title_nouns():
            desc = describe(context_tokens(token) + [token], ctx.gaz)
            actor = actor_from_description(
                desc.titles, desc.affiliations, desc.not_in_office, ctx.voice
            )
            return [(actor, "title")] if actor else []
    return []


def _entity(token: Token) -> Span | None:
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)


def _record(
    ctx: StanceContext,
    para: Paragraph,
    match: TermMatch,
    chain: Chain,
    actor: str,
    how: str,
    number: int,
) -> Stance:
    sent = para.doc[match.start].sent
    start, end = ctx.parsed.span_chars(sent)
    evidence = ctx.parsed.text[start:end]
    if len(evidence) > 600:  # a run-on sentence: keep the words around the phrase
        middle = para.start_char + para.doc[match.start].idx
        start, end = max(start, middle - 300), min(end, middle + 300)
        evidence = ctx.parsed.text[start:end]
    quote = next((q for q in ctx.quotes if q.start_char <= start + 1 < q.end_char), None)
    confidence = chain.confidence * (0.8 if how in ("voice", "participants") else 1.0)
    return Stance(
        article_id=ctx.article_id,
        stance_id=f"{ctx.article_id}#s{number}",
        start_char=start,
        end_char=end,
        evidence=evidence,
        actor=actor,
        concept=match.concept,
        polarity=chain.polarity,
        score=round(chain.polarity * confidence, 3),
        cue=" > ".join(reversed(chain.cues)) + f" > {match.text.lower()}",
        quote_id=quote.quote_id if quote is not None else None,
        method=f"{chain.method}/{how}",
        confidence=round(confidence, 3),
    )


@cache
def negating_nouns() -> frozenset[str]:
    """data/rules/negating_nouns.txt."""
    return frozenset(_lines("negating_nouns.txt"))


def document_totals(stances: list[Stance]) -> dict[tuple[str, str], tuple[int, float, int]]:
    """(polarity, summed score, number of records) per (actor, concept) of one document.

    The document-level rule: an actor's side on a concept in a document is the sign of the sum
    of its records' scores (polarity x confidence); when the sides cancel out (a sum within
    1e-9 of zero) no side dominates and the pair is left out, as the gold guidelines say."""
    totals: dict[tuple[str, str], list[float]] = {}
    for s in stances:
        entry = totals.setdefault((s.actor, s.concept), [0.0, 0])
        entry[0] += s.score
        entry[1] += 1
    return {
        key: (1 if total > 0 else -1, round(total, 3), int(count))
        for key, (total, count) in totals.items()
        if abs(total) > 1e-9
    }


def document_stances(stances: list[Stance]) -> dict[tuple[str, str], int]:
    """One side per (actor, concept) of a document (see document_totals)."""
    return {key: polarity for key, (polarity, _, _) in document_totals(stances).items()}
