"""Write data/eval/accuracy.json: the measured accuracy that chart captions and exports quote.

Run from the repository root after any change to the rules or the scorer (about a minute):
    .venv/bin/python tools/update_accuracy.py
It runs `evaluate` on the annotated test split (rules + scorer, and the rules alone) and keeps
the figures a caption needs, and the same on the 'against'-enriched test file (where side -1 is
measured); nothing in it is typed by hand.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.scoring import run_evaluation  # noqa: E402

TEST = ROOT / "data" / "eval" / "annotated" / "test.jsonl"
# the held-out half of the draws enriched for opposing sentences: where side -1 is measured
TEST_AGAINST = ROOT / "data" / "eval" / "annotated" / "test_against.jsonl"
OUT = ROOT / "data" / "eval" / "accuracy.json"
KEYS = ("precision", "recall", "f1", "polarity_accuracy", "gold", "predicted", "by_polarity")


def main() -> None:
    scored = run_evaluation(TEST)
    rules = run_evaluation(TEST, rules_only=True)
    accuracy = {
        "about": (
            "Measured accuracy of stances and quotes on the annotated test split "
            "(data/eval/annotated/test.jsonl: documents no rule or model was fitted to), "
            "written by tools/update_accuracy.py from `python -m analysis evaluate`. Chart "
            "captions quote the precision of statements at the view's minimum confidence."
        ),
        "measured": date.today().isoformat(),
        "gold_file": str(TEST.relative_to(ROOT)),
        "documents": scored["documents"],
        "default_min_confidence": scored["min_confidence"],
        "stance": {k: scored["stance"][k] for k in KEYS},
        "by_min_confidence": scored["stance"]["by_min_confidence"],
        "reliability": run_evaluation(TEST, min_confidence=0.0)["stance"]["reliability"],
        "rules_only": {k: rules["stance"][k] for k in KEYS},
        "quotes": scored["quotes"],
    }
    if TEST_AGAINST.exists():
        against = run_evaluation(TEST_AGAINST)
        accuracy["against_test"] = {
            "about": (
                "The same measures on test_against.jsonl: held-out documents drawn for "
                "sentences with an opposing word, where 'against' statements are frequent "
                "(not a random sample: read the random test split's figures for the corpus)."
            ),
            "gold_file": str(TEST_AGAINST.relative_to(ROOT)),
            "documents": against["documents"],
            "stance": {k: against["stance"][k] for k in KEYS},
            "by_min_confidence": against["stance"]["by_min_confidence"],
            "all_recorded": {
                k: run_evaluation(TEST_AGAINST, min_confidence=0.0)["stance"][k] for k in KEYS
            },
            "rules_only": {
                k: run_evaluation(TEST_AGAINST, rules_only=True)["stance"][k] for k in KEYS
            },
            "quotes": against["quotes"],
        }
    OUT.write_text(json.dumps(accuracy, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
