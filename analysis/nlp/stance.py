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
from dataclasses import replace

from spacy.tokens import Doc

from analysis.nlp.cues import CueLexicon
from analysis.nlp.holders import StanceContext, holders
from analysis.nlp.parsed import Paragraph, ParsedText
from analysis.nlp.stance_chain import MIN_CONFIDENCE, Chain, side_of
from analysis.nlp.terms import TermMatch
from analysis.records import Stance

__all__ = ["StanceContext", "extract_stances"]


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
