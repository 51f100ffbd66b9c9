"""`python -m analysis evaluate` runs end to end and prints both blocks (scores are not tested)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEXT = (
    "The United States strongly condemns Russia's aggression against Ukraine. \"We will stand with "
    'Ukraine for as long as it takes," Secretary of State Antony Blinken said.'
)


def test_evaluate_json(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    record = {
        "id": "t1",
        "source": "wire",
        "title": "t",
        "date": "2022-05-01",
        "url": None,
        "text": TEXT,
        "stances": [
            {
                "actor": "USA",
                "concept": "ukraine_sovereignty",
                "polarity": 1,
                "evidence": "condemns",
            }
        ],
        "quotes": [
            {
                "speaker": "Antony Blinken",
                "actor": "USA",
                "quote_start": "We will stand with Ukraine",
            }
        ],
    }
    gold.write_text(json.dumps(record) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "evaluate", "--gold", str(gold), "--json", "--errors"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result["quotes"]) == {
        "precision",
        "recall",
        "f1",
        "speaker_accuracy",
        "actor_accuracy",
        "gold",
        "predicted",
    }
    assert set(result["stance"]) == {
        "precision",
        "recall",
        "f1",
        "pair_f1",
        "polarity_accuracy",
        "gold",
        "predicted",
        "by_polarity",
        "reliability",
        "by_min_confidence",
    }
    assert set(result["stance"]["by_polarity"]) == {"1", "-1"}
    assert set(result["stance"]["by_polarity"]["1"]) == {
        "precision",
        "recall",
        "f1",
        "gold",
        "predicted",
    }
    assert [row["band"] for row in result["stance"]["reliability"]][-1] == "0.9-1.0"
    assert result["quotes"]["gold"] == 1 and result["stance"]["gold"] == 1
    assert set(result["errors"]) == {"quotes", "stance"}


def test_missing_gold_file_is_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "evaluate", "--gold", str(tmp_path / "none.jsonl")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
