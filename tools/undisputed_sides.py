"""How often the shipped tables put Russia and Ukraine on the side nobody disputes.

Russia is against sanctions on Russia and against Ukraine's sovereignty as the catalogue states
it; Ukraine is for both. A statement on the other side is a misread sentence far more often than
a real position, so the share of rows on the undisputed side is a check of the stance pipeline
on the whole corpus that needs no annotation. Run from the repository root after `make data`:
    .venv/bin/python tools/undisputed_sides.py [TABLES_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.nlp.scorer import shipped_default_min_confidence  # noqa: E402
from analysis.store import read_table  # noqa: E402

UNDISPUTED = {
    ("RUS", "sanctions_on_russia"): -1,
    ("RUS", "ukraine_sovereignty"): -1,
    ("UKR", "sanctions_on_russia"): 1,
    ("UKR", "ukraine_sovereignty"): 1,
}


def main() -> None:
    tables = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "tables"
    statements = read_table(tables, "document_stances")
    default = shipped_default_min_confidence()
    for label, floor in (("default min. confidence", default), ("any confidence", 0.0)):
        kept = statements[statements["confidence"] >= floor]
        right = total = 0
        for (actor, concept), side in UNDISPUTED.items():
            rows = kept[(kept["actor"] == actor) & (kept["concept"] == concept)]
            hits = int((rows["polarity"] == side).sum())
            print(f"  {label} {floor:.2f}: {actor} on {concept}: {hits} of {len(rows)}")
            right, total = right + hits, total + len(rows)
        print(f"{label} {floor:.2f}: {right} of {total} on the undisputed side")


if __name__ == "__main__":
    main()
