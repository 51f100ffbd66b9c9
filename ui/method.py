"""How the statements were found and how accurate that is, for chart captions and exports.

The figures come from data/eval/accuracy.json, written by tools/update_accuracy.py from
`python -m analysis evaluate` on the annotated test split (never typed into code), so a caption
can only claim what was measured. The default minimum confidence is the stance scorer's (the
lowest at which its statements were right 9 times in 10 where it was chosen).
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.nlp.scorer import shipped_default_min_confidence
from analysis.schema import CONFIDENCE
from ui.settings import get_settings

ACCURACY_FILE = Path(__file__).resolve().parent.parent / "data" / "eval" / "accuracy.json"

METHOD = (
    "Stances were found by Stancemap's rules over spaCy parses (en_core_web_sm) and weighed by"
    " a scorer trained on hand-annotated documents: an actor's side on a concept in an article,"
    " with its probability of being right as confidence."
)


@cache
def _accuracy() -> dict[str, Any] | None:
    try:
        loaded = json.loads(ACCURACY_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def default_min_confidence() -> float:
    """The min-confidence filter's default: STANCEMAP_MIN_CONFIDENCE when the operator set it,
    else the stance scorer's (0 without a scorer)."""
    configured = get_settings().min_confidence
    return configured if configured is not None else shipped_default_min_confidence()


def precision_note(shown: pd.DataFrame) -> str:
    """'Statements at confidence >= 0.77 were right 93% of the time on 123 hand-annotated test
    documents.' for the least confident statement shown; '' when nothing was measured."""
    scores = _accuracy()
    if not scores or CONFIDENCE not in shown or shown.empty:
        return ""
    lowest = float(shown[CONFIDENCE].min())
    rows = [r for r in scores.get("by_min_confidence", []) if r["min_confidence"] <= lowest + 1e-9]
    if not rows or not rows[-1].get("statements"):
        return ""
    row = rows[-1]
    if math.isnan(lowest):
        return ""
    return (
        f"Statements at confidence \u2265 {row['min_confidence']:g} were right"
        f" {row['precision']:.0%} of the time on {scores['documents']} hand-annotated test"
        f" documents ({scores['measured']})."
    )


def method_note() -> str:
    """How stances were found, and that the evidence is there to be read (plain text)."""
    if _accuracy() is None:
        return f"{METHOD} Its accuracy has not been measured for this installation."
    return f"{METHOD} Read the evidence before you cite a mark."
