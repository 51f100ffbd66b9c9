"""A small tables folder for app and browser tests: VOA, some Wikinews, a few White House
readouts (so stances exist), one undated statement and one hostile record.

Built once per test session with analysis.build (the real pipeline), so page tests do not wait
for, or depend on, the full `make data` build.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

import pytest

from analysis.build import LocalAnalyser, build
from analysis.corpus import load_default_corpus
from analysis.store import current_build

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT / "data" / "corpus"
WIKINEWS_ROWS = 8
# Short White House readouts from 2021 to 2024 with several actors, both sides and a few months.
WHITE_HOUSE_IDS = (
    "wh-2021-10-12-readout-of-vice-president-kamala-harriss-meeting-with-israeli-foreign-"
    "minister-and-alternate-prime-minister-yair-lapid",
    "wh-2021-11-16-readout-of-president-bidens-virtual-meeting-with-president-xi-jinping-of-the-"
    "peoples-republic-of-china",
    "wh-2022-02-18-readout-of-vice-president-harriss-meeting-with-nato-secretary-general-"
    "stoltenberg",
    "wh-2022-04-29-readout-of-president-bidens-call-with-president-andres-manuel-lopez-obrador-"
    "of-mexico",
    "wh-2022-11-06-readout-of-president-joe-bidens-call-with-chancellor-olaf-scholz-of-germany-2",
    "wh-2022-11-13-readout-of-president-joe-bidens-meeting-with-prime-minister-kishida-fumio-of-"
    "japan",
    "wh-2023-06-13-readout-of-president-bidens-meeting-with-nato-secretary-general-jens-"
    "stoltenberg-3",
)
# Accepted articles: VOA, Wikinews, White House, the undated one and the hostile one.
ARTICLES = 1 + WIKINEWS_ROWS + len(WHITE_HOUSE_IDS) + 2
NEWEST_DATE = max(article_id[3:13] for article_id in WHITE_HOUSE_IDS)  # wh-YYYY-MM-DD-...
UNDATED_ID = "undated-1"
UNDATED = {
    "id": UNDATED_ID,
    "title": "Germany backs new sanctions",
    "source": "Undated Test Wire",
    "url": "https://example.org/undated-1",
    "text": "Germany said on Tuesday that it strongly supports new sanctions on Russia.",
}

VOA_TITLE = "US Fails to Persuade Russia to Support Missile Defense Expansion in Europe"
HOSTILE_ID = "evil-1"
HOSTILE = {
    "id": HOSTILE_ID,
    "title": "<script>alert('title')</script>",
    "date": "2021-03-01",
    "source": "[click me](javascript:alert('source'))",
    "url": "javascript:alert('url')",
    "text": (
        "<img src=x onerror=alert('text')> The President of France said "
        '"we stand with Ukraine" on Monday, [x](javascript:alert(1)).\n\n'
        "A second paragraph with \"quotes\" and 'apostrophes'."
    ),
}


def fixture_tables(
    tmp_path_factory: pytest.TempPathFactory, analyser: LocalAnalyser | None = None
) -> Path:
    """The tables folder (built on first use in this session's temporary folder, by `analyser`
    when given: the session's pipeline, rather than a second load of the model)."""
    out = tmp_path_factory.getbasetemp() / "fixture_tables"
    if current_build(out) is None:
        root = _fixture_corpus(tmp_path_factory.getbasetemp() / "fixture_corpus")
        build(load_default_corpus(root=root), out, analyser=analyser)
    return out


def _fixture_corpus(root: Path) -> Path:
    """data/corpus's voa pack, the first Wikinews rows, some White House readouts, a pack with
    one undated record and a pack holding one hostile record."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(CORPUS / "voa", root / "voa")
    wikinews = root / "wikinews"
    wikinews.mkdir(parents=True)
    pack = json.loads((CORPUS / "wikinews" / "pack.json").read_text(encoding="utf-8"))
    first = pack["files"][0]
    with (CORPUS / "wikinews" / first).open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[: WIKINEWS_ROWS + 1]
    with (wikinews / first).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    (wikinews / "pack.json").write_text(json.dumps({**pack, "files": [first]}), encoding="utf-8")
    _white_house(root / "whitehouse")
    _one_record_pack(root / "undated", UNDATED, attribution="Source: Undated Test Wire - test.")
    hostile = root / "hostile"
    hostile.mkdir()
    (hostile / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    (hostile / "pack.json").write_text(
        json.dumps(
            {
                "name": "hostile",
                "files": ["hostile.jsonl"],
                "licence": "test fixture",
                "attribution": "<b>Test</b> [fixture](javascript:alert('attribution'))",
            }
        ),
        encoding="utf-8",
    )
    return root


def _white_house(folder: Path) -> None:
    """The White House pack with only the readouts named in WHITE_HOUSE_IDS."""
    folder.mkdir(parents=True)
    pack = json.loads((CORPUS / "whitehouse" / "pack.json").read_text(encoding="utf-8"))
    wanted = set(WHITE_HOUSE_IDS)
    kept = []
    for name in pack["files"]:
        with gzip.open(CORPUS / "whitehouse" / name, "rt", encoding="utf-8") as f:
            kept += [line for line in f if json.loads(line)["id"] in wanted]
    (folder / "whitehouse.jsonl").write_text("".join(kept), encoding="utf-8")
    (folder / "pack.json").write_text(
        json.dumps({**pack, "files": ["whitehouse.jsonl"]}), encoding="utf-8"
    )


def _one_record_pack(folder: Path, record: dict[str, str], *, attribution: str) -> None:
    folder.mkdir(parents=True)
    (folder / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "pack.json").write_text(
        json.dumps(
            {
                "name": folder.name,
                "files": ["records.jsonl"],
                "licence": "test fixture",
                "attribution": attribution,
            }
        ),
        encoding="utf-8",
    )
