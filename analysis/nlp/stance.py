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

from spacy.tokens import Doc, Token

from analysis.nlp.candidates import Candidate, DocumentInfo
from analysis.nlp.cues import CueLexicon
from analysis.nlp.holders import StanceContext, holders
from analysis.nlp.parsed import Paragraph, ParsedText
from analysis.nlp.stance_chain import MIN_CONFIDENCE, Chain, side_of
from analysis.nlp.terms import TermMatch
from analysis.nlp.transcript import UNKNOWN, transcript_speakers
from analysis.records import Quote, Stance

__all__ = ["StanceContext", "extract_stances", "stance_candidates"]


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


def extract_stances(ctx: StanceContext) -> list[Stance]:
    """Every stance record of a document, in text order: the rules' candidates, decided by the
    stance scorer when the context has one, else by the rules alone."""
    candidates = stance_candidates(ctx)
    if ctx.scorer is not None:
        records = ctx.scorer.decide(candidates, ctx.article_id, document_info(ctx))
    else:
        records = [
            _rule_record(ctx.article_id, c, n) for n, c in enumerate(candidates, 1) if c.rules_keep
        ]
    return _one_per_sentence([r for r in records if not _for_against_itself(ctx, r)])


def _for_against_itself(ctx: StanceContext, record: Stance) -> bool:
    """Russia *for* sanctions on Russia: an actor for a proposition directed against itself
    (the concept's opposed_actors) is a misread sentence far more often than a real position."""
    concept = ctx.index.concepts.get(record.concept)
    opposed = concept.extra.get("opposed_actors", ()) if concept is not None else ()
    return record.polarity > 0 and record.actor in opposed


def stance_candidates(ctx: StanceContext) -> list[Candidate]:
    """Every reading the rules propose, kept or not: for each concept phrase, the holders its
    cue chain names (rules_keep when the chain is confident enough) and the holders a scorer may
    prefer (the quotation's speaker, the document's voice, a meeting's participants)."""
    found: list[Candidate] = []
    previous_terms: list[TermMatch] = []
    turns = transcript_speakers(ctx.parsed, ctx.gaz, ctx.date) if ctx.voice else []
    for number, para in enumerate(ctx.parsed.paragraphs):
        turn = turns[number] if turns else None
        context = _context_words(ctx.parsed, number)
        matches = ctx.index.matches(para.doc, extra_context=context)
        matches += _anaphora(para.doc, matches or previous_terms, ctx.lexicon, here=bool(matches))
        for match in matches:
            chain = side_of(para.doc, match, ctx.lexicon, is_actor=_is_actor_name(ctx))
            keep = chain is not None and chain.confidence >= MIN_CONFIDENCE
            proposed = holders(ctx, para, chain, match) if chain is not None else []
            if turn is not None:
                proposed = _in_turn(proposed, turn)
            reading = _reading(ctx, para, number, match, chain)
            found += [_candidate(reading, actor, how, keep) for actor, how in proposed]
            others = _alternatives(ctx, reading.quote, reading.span, {a for a, _ in proposed}, turn)
            found += [_candidate(reading, actor, how, False) for actor, how in others]
        previous_terms = [m for m in matches if m.orientation != 0] or previous_terms
    return found


# how a named actor sits in its sentence: as (part of) the subject, an object, or elsewhere
_SUBJECT_DEPS = {
    "nsubj": "subject", "nsubjpass": "subject", "compound": "modifier", "poss": "modifier",
    "amod": "modifier", "conj": "conj", "pobj": "object", "dobj": "object", "appos": "other",
}  # fmt: skip


def _in_turn(proposed: list[tuple[str, str]], turn: str) -> list[tuple[str, str]]:
    """In a transcript turn, what the rules gave the document's voice belongs to the turn's
    speaker (no one, when we do not know whom the speaker speaks for)."""
    moved = [(turn, "transcript") if how == "voice" else (a, how) for a, how in proposed]
    # a speaker's 'they' ('they imposed five sanction packages on us') are not the participants
    return [(a, how) for a, how in moved if a != UNKNOWN and how != "participants"]


def _alternatives(
    ctx: StanceContext,
    quote: Quote | None,
    span: tuple[int, int],
    proposed: set[str],
    turn: str | None = None,
) -> list[tuple[str, str]]:
    """Holders the rules did not name but a scorer may prefer: the speaker of the quotation the
    words are in, else the document's voice and, in a meeting document, its participants and
    the actors its start names; then every actor the sentence names. One reading per actor."""
    if quote is not None:
        options = [(quote.actor, "alt-quote")] if quote.actor else []
    else:
        voice = ctx.voice if turn is None else (turn or None)  # a transcript turn's speaker
        options = [(voice, "alt-voice")] if voice else []
        if turn is None:  # a transcript turn is its speaker's words, not the meeting's
            if len(ctx.participants) >= 2:
                options += [(a, "alt-participant") for a in ctx.participants if a != ctx.voice]
            options += [(a, "alt-present") for a in ctx.present]
    for m in ctx.mentions:
        if m.actor and span[0] <= m.start_char < span[1]:
            token = ctx.parsed.token_at(m.start_char)
            dep = token.dep_ if token is not None else ""
            options.append((m.actor, f"alt-sentence-{_SUBJECT_DEPS.get(dep, 'other')}"))
    seen = set(proposed)
    found = []
    for actor, how in options:
        if actor not in seen:
            seen.add(actor)
            found.append((actor, how))
    return found


def document_info(ctx: StanceContext) -> DocumentInfo:
    """What the scorer knows of the document as a whole."""
    return DocumentInfo(
        kind=ctx.kind,
        voice=ctx.voice,
        participants=ctx.participants,
        date=ctx.date,
        present=ctx.present,
    )


def _evidence_span(ctx: StanceContext, para: Paragraph, match: TermMatch) -> tuple[int, int]:
    """The sentence of the phrase (the words around it in a run-on sentence), as text offsets."""
    sent = para.doc[match.start].sent
    start, end = ctx.parsed.span_chars(sent)
    if end - start > 600:
        middle = para.start_char + para.doc[match.start].idx
        start, end = max(start, middle - 300), min(end, middle + 300)
    return start, end


@dataclass(frozen=True, slots=True)
class _Reading:
    """What every candidate of one concept phrase shares: where it is and what the rules read."""

    paragraph: int
    match: TermMatch
    chain: Chain | None
    span: tuple[int, int]
    evidence: str
    quote: Quote | None
    above: tuple[str, ...]
    words: tuple[str, ...]


def _reading(
    ctx: StanceContext, para: Paragraph, paragraph: int, match: TermMatch, chain: Chain | None
) -> _Reading:
    span = _evidence_span(ctx, para, match)
    root = para.doc[match.start : match.end].root
    content = ("VERB", "NOUN", "ADJ")
    return _Reading(
        paragraph=paragraph,
        match=match,
        chain=chain,
        span=span,
        evidence=ctx.parsed.text[span[0] : span[1]],
        quote=next((q for q in ctx.quotes if q.start_char <= span[0] + 1 < q.end_char), None),
        above=tuple(t.lemma_.lower() for t in list(root.ancestors)[:6] if t.pos_ in content),
        words=tuple(
            sorted(
                {
                    t.lemma_.lower()
                    for t in para.doc[match.start].sent
                    if t.pos_ in content and not t.is_stop and t.is_alpha
                }
            )
        ),
    )


def _candidate(reading: _Reading, actor: str, how: str, keep: bool) -> Candidate:
    chain, match = reading.chain, reading.match
    confidence = 0.0
    if chain is not None:
        confidence = chain.confidence * (0.8 if how in ("voice", "participants") else 1.0)
    return Candidate(
        actor=actor,
        concept=match.concept,
        polarity=chain.polarity if chain is not None else 0,
        confidence=round(confidence, 3),
        how=how,
        method=chain.method if chain is not None else "none",
        cues=tuple(reversed(chain.cues)) if chain is not None else (),
        top=chain.top.lemma_.lower() if chain is not None else "",
        above=reading.above,
        words=reading.words,
        term=match.text.lower(),
        orientation=match.orientation,
        anaphoric=match.anaphoric,
        negations=chain.negations if chain is not None else 0,
        hops=chain.hops if chain is not None else 0,
        hedged=chain.hedged if chain is not None else False,
        intensified=chain.intensified if chain is not None else False,
        paragraph=reading.paragraph,
        start_char=reading.span[0],
        end_char=reading.span[1],
        evidence=reading.evidence,
        quote_id=reading.quote.quote_id if reading.quote is not None else None,
        rules_keep=keep,
    )


def _rule_record(article_id: str, c: Candidate, number: int) -> Stance:
    """The rules' own record of a kept candidate (no scorer)."""
    return Stance(
        article_id=article_id,
        stance_id=f"{article_id}#s{number}",
        start_char=c.start_char,
        end_char=c.end_char,
        evidence=c.evidence,
        actor=c.actor,
        concept=c.concept,
        polarity=c.polarity,
        score=round(c.polarity * c.confidence, 3),
        cue=" > ".join(c.cues) + f" > {c.term}",
        quote_id=c.quote_id,
        method=f"{c.method}/{c.how}",
        confidence=c.confidence,
    )


def _one_per_sentence(stances: list[Stance]) -> list[Stance]:
    """Several phrases of one sentence can show the same actor's side on a concept: keep the
    most confident record per (sentence, actor, concept), so a statement counts once."""
    best: dict[tuple[int, str, str], Stance] = {}
    for stance in stances:
        key = (stance.start_char, stance.actor, stance.concept)
        if key not in best or abs(stance.score) > abs(best[key].score):
            best[key] = stance
    return _numbered(list(best.values()))


def _numbered(stances: list[Stance]) -> list[Stance]:
    """In text order, numbered #s1, #s2 ... within their article."""
    kept = sorted(stances, key=lambda s: (s.start_char, s.actor, s.concept))
    return [replace(s, stance_id=f"{s.article_id}#s{n}") for n, s in enumerate(kept, start=1)]


def _context_words(parsed: ParsedText, number: int) -> set[str]:
    """Words of the paragraph before: a context word there still counts ('ceasefire' after Gaza)."""
    if number == 0:
        return set()
    doc = parsed.paragraphs[number - 1].doc
    return {t.norm_ for t in doc} | {t.lemma_.lower() for t in doc}


def _anaphora(
    doc: Doc, earlier: list[TermMatch], lexicon: CueLexicon, *, here: bool = True
) -> list[TermMatch]:
    """'the Russians have rejected it', 'the plan': the object of a cue that points back to the
    last concept phrase with a side (earlier in the paragraph, or in the paragraph before: `here`
    says which), unless a noun of the pronoun's own sentence stands closer."""
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
            and not _nearer_antecedent(token, last if here else None)
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


def _nearer_antecedent(pronoun: Token, last: TermMatch | None) -> bool:
    """Does a singular noun of the pronoun's own sentence, before it, stand closer than the
    concept phrase ('our fight against terrorism and the groups that support it')? `last` is
    the phrase when it is in the same paragraph, else None."""
    before = range(pronoun.sent.start, pronoun.i)
    if last is not None and any(last.start <= i < last.end for i in before):
        return False  # the phrase itself is in the sentence, before the pronoun
    return any(
        pronoun.doc[i].pos_ == "NOUN" and pronoun.doc[i].tag_ not in ("NNS", "NNPS") for i in before
    )


def _is_actor_name(ctx: StanceContext) -> Callable[[str], bool]:
    return lambda text: ctx.gaz.actor_for(text) is not None
