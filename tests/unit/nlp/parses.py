"""Hand-built inputs for the analysis.nlp unit tests: parses whose every token has its head,
dependency, part of speech, lemma and entity given by hand (so a test states the very
construction it checks and needs no statistical model), texts of such paragraphs, stance
contexts over them, and stance readings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import spacy
from spacy.tokens import Doc

from analysis.concepts import Concept
from analysis.gazetteer import default_gazetteer
from analysis.nlp.candidates import Candidate
from analysis.nlp.cues import cue_lexicon
from analysis.nlp.holders import StanceContext
from analysis.nlp.parsed import Paragraph, ParsedText
from analysis.nlp.people import People
from analysis.nlp.terms import ConceptIndex
from analysis.records import Quote

NLP = spacy.blank("en")
_ENT = re.compile(r"^[BI]-[A-Z_]+$")


def parse(text: str, *rows: str) -> Doc:
    """A Doc of `text` (split by the blank English tokenizer), one row per token:
    'word head dep POS [lemma] [B-LABEL|I-LABEL]'; head is the token index of the head word,
    the lemma defaults to the lower-cased word. Rows naming other words than the tokenizer
    found raise, so a row cannot silently annotate the wrong token."""
    tokens = NLP.make_doc(text)
    if len(rows) != len(tokens):
        raise ValueError(f"{len(tokens)} tokens {[t.text for t in tokens]}, {len(rows)} rows")
    heads, deps, pos, lemmas, ents = [], [], [], [], []
    for token, row in zip(tokens, rows, strict=True):
        word, head, dep, tag, *rest = row.split(" ")
        if word != token.text:
            raise ValueError(f"row {row!r} is for {word!r}, the token is {token.text!r}")
        ent = next((r for r in rest if _ENT.match(r)), "O")
        lemma = next((r for r in rest if not _ENT.match(r)), word.lower())
        heads.append(int(head))
        deps.append(dep)
        pos.append(tag)
        lemmas.append(lemma)
        ents.append(ent)
    return Doc(
        NLP.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        ents=ents,
    )


def spoke(subject: str, *rows: str, verb: str = "spoke", lemma: str = "speak") -> Doc:
    """'<subject> spoke.' (or another intransitive verb) with the subject's own rows, their
    head word pointing at the verb."""
    n = len(rows)
    return parse(f"{subject} {verb}.", *rows, f"{verb} {n} ROOT VERB {lemma}", f". {n} punct PUNCT")


def parsed_text(*paragraphs: Doc) -> ParsedText:
    """A text of these paragraph Docs, separated by blank lines, with their offsets."""
    found, start = [], 0
    for doc in paragraphs:
        found.append(Paragraph(start, start + len(doc.text), doc))
        start += len(doc.text) + 2
    return ParsedText("\n\n".join(doc.text for doc in paragraphs), found)


def plain(*paragraphs: str) -> ParsedText:
    """A text of unparsed paragraphs (tokens only), for stages that read no parse."""
    return parsed_text(*(NLP(p) for p in paragraphs))


# 'sanctions must increase': an intransitive cue, a demand with the phrase as subject
MUST_INCREASE = parse(
    "Sanctions must increase.",
    "Sanctions 2 nsubj NOUN sanction",
    "must 2 aux AUX",
    "increase 2 ROOT VERB",
    ". 2 punct PUNCT",
)


CONCEPTS = (
    Concept(
        "sanctions_on_russia",
        "Sanctions on Russia",
        "",
        keywords=(),
        pro=("sanctions",),
        extra={"opposed_actors": ["RUS"]},
    ),
    Concept(
        "ukraine_sovereignty",
        "Ukraine's sovereignty",
        "",
        keywords=(),
        anti=("aggression",),
        topic=("Ukraine",),
    ),
)


def context(
    parsed: ParsedText,
    *,
    voice: str | None = None,
    participants: tuple[str, ...] = (),
    quotes: tuple[Quote, ...] = (),
    date: str | None = "2022-03-01",
    **kw: Any,
) -> StanceContext:
    """What stance extraction knows of a hand-built document (the concepts above, no scorer)."""
    gaz = default_gazetteer()
    return StanceContext(
        "a1",
        parsed,
        People(parsed, gaz),
        gaz,
        ConceptIndex(NLP, CONCEPTS),
        cue_lexicon(),
        date,
        voice,
        participants,
        quotes,
        **kw,
    )


READING = Candidate(
    actor="USA", concept="sanctions_on_russia", polarity=1, confidence=0.8, how="named",
    method="cue", cues=("support",), top="support", above=("support",),
    words=("sanction", "support"), term="sanctions", orientation=1, anaphoric=False,
    negations=0, hops=1, hedged=False, intensified=False, paragraph=1, start_char=0,
    end_char=21, evidence="We support sanctions.", quote_id=None, rules_keep=True,
)  # fmt: skip


def reading(**changes: Any) -> Candidate:
    """A stance candidate: 'We support sanctions.' read as the USA for, with these changes."""
    return replace(READING, **changes)
