"""`evaluate`: run the analysis on gold documents and score it (metrics in analysis.evaluate)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.concepts import load_catalogue
from analysis.evaluate import (
    QuoteScore,
    StanceScore,
    SystemQuote,
    SystemStance,
    by_min_confidence,
    load_gold,
)
from analysis.gazetteer import default_gazetteer
from analysis.nlp.candidates import has_side
from analysis.nlp.document import DocumentAnalysis, DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_texts
from analysis.nlp.pipeline import load_pipeline
from analysis.nlp.scorer import StanceScorer, default_scorer, group_pairs
from analysis.nlp.screen import screen_for
from analysis.nlp.terms import ConceptIndex
from analysis.records import document_totals


def run_evaluation(
    gold_path: Path,
    *,
    pipeline: str | None = None,
    rules_only: bool = False,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Scores of the whole pipeline on a gold file, with every error listed under 'errors'.

    Stances are decided by the shipped scorer (unless `rules_only`) and counted from
    `min_confidence` up (default: the scorer's default, the one the app filters by)."""
    docs = load_gold(gold_path)
    nlp, info = load_pipeline(pipeline)
    gaz = default_gazetteer()
    index = ConceptIndex(nlp, load_catalogue())
    scorer = None if rules_only else default_scorer()
    if min_confidence is None:
        min_confidence = scorer.default_min_confidence if scorer is not None else 0.0
    quotes = QuoteScore()
    stances = StanceScore()
    everything = StanceScore()  # every statement recorded, whatever its confidence
    why: dict[tuple[str, str, str], str] = {}  # why a gold statement was missed
    for doc, parsed in zip(
        docs,
        parse_texts(nlp, [d.text for d in docs], screen=screen_for(nlp, index, gaz)),
        strict=True,
    ):
        meta = DocumentMeta(doc.id, doc.date, doc.source, doc.title)
        analysis = analyse_document(meta, parsed, gaz, index, scorer, keep_candidates=True)
        quotes.add(
            doc,
            [
                SystemQuote(q.start_char, q.end_char, q.speaker, q.actor)
                for q in analysis.quotes
                if q.kind == "direct"
            ],
        )
        system = [
            SystemStance(a, c, polarity, confidence=confidence)
            for (a, c), (polarity, _, _, confidence) in document_totals(
                list(analysis.stances)
            ).items()
        ]
        stances.add(doc, [s for s in system if s.confidence >= min_confidence])
        everything.add(doc, system)
        why |= _why_missed(doc.id, analysis, system, scorer)
    result: dict[str, Any] = {
        "gold_file": str(gold_path),
        "documents": len(docs),
        "pipeline": info.label,
        "stance_decider": "rules" if scorer is None else "rules + scorer",
        "min_confidence": min_confidence,
        "quotes": quotes.summary(),
        "stance": stances.summary()
        | {"by_min_confidence": by_min_confidence(everything, also=min_confidence)},
        "errors": {
            "quotes": quotes.errors,
            "stance": [_with_reason(e, why) for e in stances.errors],
        },
    }
    if info.warning:
        result["warning"] = info.warning
    return result


def _why_missed(
    doc_id: str,
    analysis: DocumentAnalysis,
    system: list[SystemStance],
    scorer: StanceScorer | None,
) -> dict[tuple[str, str, str], str]:
    """For every (actor, concept) the rules proposed: what became of it. A statement the gold
    has and the output lacks was below the minimum confidence, rejected by the scorer, or
    never proposed (no candidate)."""
    recorded = {(s.actor, s.concept): s for s in system}
    reasons = {}
    for key, group in group_pairs(analysis.candidates).items():
        if key in recorded:
            s = recorded[key]
            reasons[(doc_id, *key)] = f"recorded {s.polarity:+d} at confidence {s.confidence:.2f}"
        elif not has_side(group):
            reasons[(doc_id, *key)] = "proposed without a side (no cue): not recorded"
        elif scorer is not None and analysis.info is not None:
            side, confidence = scorer.verdict(group, analysis.info)
            reasons[(doc_id, *key)] = f"rejected by the scorer: {side:+d} at {confidence:.2f}"
        else:
            reasons[(doc_id, *key)] = "proposed, not kept by the rules"
    return reasons


def _with_reason(error: dict[str, Any], why: dict[tuple[str, str, str], str]) -> dict[str, Any]:
    key = (error["doc"], error["actor"], error["concept"])
    if error["kind"] == "spurious":
        return error
    return error | {"system_candidates": why.get(key, "no candidate")}
