"""`evaluate`: run the analysis on gold documents and score it (metrics in analysis.evaluate)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.concepts import load_catalogue
from analysis.evaluate import QuoteScore, StanceScore, SystemQuote, SystemStance, load_gold
from analysis.gazetteer import default_gazetteer
from analysis.nlp.document import DocumentMeta, analyse_document
from analysis.nlp.parsed import parse_texts
from analysis.nlp.pipeline import load_pipeline
from analysis.nlp.terms import ConceptIndex
from analysis.records import document_stances


def run_evaluation(gold_path: Path, *, pipeline: str | None = None) -> dict[str, Any]:
    """Scores of the whole pipeline on a gold file, with every error listed under 'errors'."""
    docs = load_gold(gold_path)
    nlp, info = load_pipeline(pipeline)
    gaz = default_gazetteer()
    index = ConceptIndex(nlp, load_catalogue())
    quotes = QuoteScore()
    stances = StanceScore()
    for doc, parsed in zip(docs, parse_texts(nlp, [d.text for d in docs]), strict=True):
        meta = DocumentMeta(doc.id, doc.date, doc.source, doc.title)
        analysis = analyse_document(meta, parsed, gaz, index)
        system = [
            SystemQuote(q.start_char, q.end_char, q.speaker, q.actor)
            for q in analysis.quotes
            if q.kind == "direct"
        ]
        quotes.add(doc, system)
        by_pair = document_stances(list(analysis.stances))
        stances.add(doc, [SystemStance(a, c, p) for (a, c), p in by_pair.items()])
    result: dict[str, Any] = {
        "gold_file": str(gold_path),
        "documents": len(docs),
        "pipeline": info.label,
        "quotes": quotes.summary(),
        "stance": stances.summary(),
        "errors": {"quotes": quotes.errors, "stance": stances.errors},
    }
    if info.warning:
        result["warning"] = info.warning
    return result
