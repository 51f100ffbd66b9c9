"""Mechanical checks of one annotator's (or the reconciler's) file against its batch.

Run from the repository root:
    python3 tools/annotation_check.py data/eval/annotated/batches/batch_01.jsonl FILE.jsonl

FILE holds one line per document of the batch: {"id", "stances": [...], "quotes": [...]} in the
format of ../shared/gold/GUIDELINES.md. Every document of the batch must appear exactly once;
evidence and quote_start must be exact substrings of the document's text; quote_start must open a
quotation; concepts and actor codes must exist; one stance per (actor, concept); polarity +-1.
Exits 1 and lists the problems, or prints the counts.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONCEPTS = ROOT.parent / "shared" / "data" / "concepts.json"
ORGS = {
    "EU", "NATO", "UN", "AU", "ASEAN", "G7", "G20", "IAEA", "OSCE", "GCC", "ARAB_LEAGUE",
    "BRICS", "WHO", "OAS", "ECOWAS", "SCO", "CSTO", "QUAD", "CARICOM", "OIC", "COE",
}  # fmt: skip
EXTRA_COUNTRIES = {"PSE", "TWN", "XKX", "VAT"}
OPEN_QUOTES = "\"\u201c\u2018'\u00ab"


def read_jsonl(path: Path) -> list[dict]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}, line {number}: not JSON ({e})") from e
    return out


def actor_codes() -> set[str]:
    with (ROOT / "data" / "actors" / "countries.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"] for row in csv.DictReader(handle)} | EXTRA_COUNTRIES | ORGS


def check_doc(d: dict, text: str, concepts: set[str], actors: set[str]) -> list[str]:
    where = f"{d.get('id')}:"
    problems = []
    if set(d) - {"id", "stances", "quotes", "notes"}:
        problems.append(f"{where} unexpected fields {sorted(set(d) - {'id', 'stances', 'quotes'})}")
    pairs = set()
    for s in d.get("stances", []):
        if set(s) != {"actor", "concept", "polarity", "evidence"}:
            problems.append(f"{where} stance fields {sorted(s)}")
            continue
        if s["concept"] not in concepts:
            problems.append(f"{where} unknown concept {s['concept']!r}")
        if s["actor"] not in actors:
            problems.append(f"{where} unknown actor {s['actor']!r}")
        if s["polarity"] not in (1, -1):
            problems.append(f"{where} polarity {s['polarity']!r}")
        if not s["evidence"] or s["evidence"] not in text:
            problems.append(f"{where} evidence not an exact substring: {s['evidence'][:70]!r}")
        if (s["actor"], s["concept"]) in pairs:
            problems.append(f"{where} two stances for {(s['actor'], s['concept'])}")
        pairs.add((s["actor"], s["concept"]))
    used: set[int] = set()
    for q in d.get("quotes", []):
        if set(q) != {"speaker", "actor", "quote_start"}:
            problems.append(f"{where} quote fields {sorted(q)}")
            continue
        if q["actor"] is not None and q["actor"] not in actors:
            problems.append(f"{where} unknown quote actor {q['actor']!r}")
        qs = q["quote_start"]
        start = text.find(qs)
        while start in used and start >= 0:
            start = text.find(qs, start + 1)
        if not qs or start < 0:
            problems.append(f"{where} quote_start not an exact substring: {qs!r}")
            continue
        used.add(start)
        if start == 0 or text[start - 1] not in OPEN_QUOTES:
            problems.append(f"{where} quote_start does not open a quotation: {qs!r}")
        if len(qs.split()) > 10:
            problems.append(f"{where} quote_start over 10 words: {qs!r}")
    return problems


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    batch, annotated = Path(sys.argv[1]), Path(sys.argv[2])
    texts = {d["id"]: d["text"] for d in read_jsonl(batch)}
    concepts = {c["id"] for c in json.loads(CONCEPTS.read_text(encoding="utf-8"))["concepts"]}
    actors = actor_codes()
    docs = read_jsonl(annotated)
    problems = []
    ids = [d.get("id") for d in docs]
    problems += [f"{i}: appears {ids.count(i)} times" for i in set(ids) if ids.count(i) > 1]
    problems += [f"{i}: missing from {annotated}" for i in texts if i not in ids]
    problems += [f"{i}: not in the batch" for i in ids if i not in texts]
    for d in docs:
        if d.get("id") in texts:
            problems += check_doc(d, texts[d["id"]], concepts, actors)
    if problems:
        print("\n".join(problems))
        return 1
    stances = sum(len(d.get("stances", [])) for d in docs)
    quotes = sum(len(d.get("quotes", [])) for d in docs)
    neg = sum(s["polarity"] == -1 for d in docs for s in d.get("stances", []))
    print(f"OK: {len(docs)} documents, {stances} stances ({neg} against), {quotes} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
