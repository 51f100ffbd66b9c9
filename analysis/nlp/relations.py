"""Actor -> actor relations (praise, support, cooperate, criticise, condemn, threaten) for the
network page: the subject of a relation verb toward its object, both resolved to actors."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from spacy.tokens import Token

from analysis.nlp.holders import StanceContext, actors_of, subject_of
from analysis.nlp.lexicon import rule_json
from analysis.nlp.qualifiers import negated
from analysis.records import Relation

RelationClass = Literal["cooperation", "conflict"]


@dataclass(frozen=True, slots=True)
class RelationCue:
    kind: str
    relation_class: RelationClass
    preps: tuple[str, ...]


@cache
def relation_cues() -> dict[str, tuple[RelationCue, ...]]:
    """data/rules/relation_cues.json by lemma."""
    raw = rule_json("relation_cues.json")
    cues: dict[str, list[RelationCue]] = {}
    for entry in raw["relations"]:
        cue = RelationCue(entry["kind"], entry["class"], tuple(entry.get("prep", ())))
        for lemma in entry["lemmas"]:
            cues.setdefault(lemma, []).append(cue)
    return {k: tuple(v) for k, v in cues.items()}


def extract_relations(ctx: StanceContext) -> list[Relation]:
    """Every relation of a document, in text order (one per source, target and verb)."""
    found: list[Relation] = []
    cues = relation_cues()
    for para in ctx.parsed.paragraphs:
        for verb in para.doc:
            # the lexicon first: negation is asked of relation verbs only (it was a fifth of
            # the rules' time when asked of every verb)
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues or negated(verb):
                continue
            for cue, target_word in _targets(verb):
                subject = subject_of(verb)
                if subject is None:
                    continue
                sources = [a for a, _ in actors_of(ctx, subject)]
                targets = [a for a, _ in actors_of(ctx, target_word)]
                start, end = ctx.parsed.span_chars(verb.sent)
                for source in sources:
                    for target in targets:
                        if source != target:
                            found.append(
                                Relation(
                                    article_id=ctx.article_id,
                                    relation_id=f"{ctx.article_id}#r{len(found) + 1}",
                                    start_char=start,
                                    end_char=end,
                                    evidence=ctx.parsed.text[start:end],
                                    source=source,
                                    target=target,
                                    kind=cue.kind,
                                    relation_class=cue.relation_class,
                                    cue=verb.lemma_.lower(),
                                    confidence=0.7,
                                )
                            )
    return found


def _targets(verb: Token) -> Iterator[tuple[RelationCue, Token]]:
    """(cue, the word naming the target): the direct object, its possessor ('praised Albania's
    leadership'), or the object of the cue's preposition ('cooperate with Japan')."""
    for cue in relation_cues().get(verb.lemma_.lower(), ()):
        if cue.preps:
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in cue.preps):
                yield from ((cue, o) for o in prep.children if o.dep_ == "pobj")
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            possessor = next((c for c in obj.children if c.dep_ == "poss"), None)
            yield cue, possessor if possessor is not None else obj
