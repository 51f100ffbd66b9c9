"""Mechanical checks of heldout_silver.jsonl against GUIDELINES.md and the corpus.

Run from the repository root:  .venv/bin/python data/eval/verify.py
Exits non-zero and lists the problems when a check fails; prints the counts otherwise.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SILVER = ROOT / "data" / "eval" / "heldout_silver.jsonl"
CORPUS = ROOT / "data" / "corpus"
DEV_GOLD = Path("/work/shared/gold/dev_gold.jsonl")
CONCEPTS = Path("/work/shared/data/concepts.json")
ORGS = set(
    [
        "EU",
        "NATO",
        "UN",
        "AU",
        "ASEAN",
        "G7",
        "G20",
        "IAEA",
        "OSCE",
        "GCC",
        "ARAB_LEAGUE",
        "BRICS",
        "WHO",
        "OAS",
        "ECOWAS",
        "SCO",
        "CSTO",
        "QUAD",
        "CARICOM",
        "OIC",
        "COE",
    ]
)
EXTRA_COUNTRIES = {"PSE", "TWN", "XKX", "VAT"}
SOURCES = {"whitehouse", "ungdc", "kremlin", "ukraine_president", "wcep", "wikinews"}
OPEN_QUOTES = "\"\u201c\u2018'"


def corpus_texts() -> dict[str, str]:
    texts = {}
    for name in ("whitehouse", "ungdc", "kremlin_ukraine", "wcep"):
        with gzip.open(CORPUS / name / f"{name}.jsonl.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                r = json.loads(line)
                texts[r["id"]] = r["text"]
    csv.field_size_limit(sys.maxsize)
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (CORPUS / "wikinews" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                slug = row["url"].replace("//wiki/", "/wiki/").split("/wiki/", 1)[1]
                texts[f"wikinews-{slug[:80]}"] = row["text"]
    return texts


def main() -> int:
    concepts = {c["id"] for c in json.loads(CONCEPTS.read_text(encoding="utf-8"))["concepts"]}
    with (ROOT / "data" / "actors" / "countries.csv").open(encoding="utf-8", newline="") as handle:
        countries = {row["code"] for row in csv.DictReader(handle)} | EXTRA_COUNTRIES
    dev = {
        json.loads(line)["id"]
        for line in DEV_GOLD.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    dev_bases = {i.removesuffix("-excerpt") for i in dev}
    texts = corpus_texts()
    problems: list[str] = []
    docs = [
        json.loads(line) for line in SILVER.read_text(encoding="utf-8").splitlines() if line.strip()
    ]

    ids = Counter(d["id"] for d in docs)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for d in docs:
        did, text = d["id"], d["text"]
        where = f"{did}:"
        keys = {"id", "source", "title", "date", "url", "text", "stances", "quotes"}
        if set(d) != keys:
            problems.append(f"{where} fields {sorted(set(d) ^ keys)}")
        if d["source"] not in SOURCES:
            problems.append(f"{where} source {d['source']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["date"] or ""):
            problems.append(f"{where} date {d['date']!r}")
        if did in dev or did in dev_bases:
            problems.append(f"{where} is in dev_gold")
        if d["source"] == "ungdc":
            m = re.fullmatch(r"ungdc-([a-z]{3})-(\d{4})-excerpt2", did)
            base = f"ungdc-{m.group(1)}-{m.group(2)}" if m else None
            if not m or base not in texts or text not in texts[base]:
                problems.append(f"{where} excerpt is not an exact substring of its speech")
            elif base in dev_bases:
                problems.append(f"{where} speech is excerpted in dev_gold")
            if not 1200 <= len(text) <= 2500:
                problems.append(f"{where} excerpt length {len(text)}")
        else:
            if texts.get(did) != text:
                problems.append(f"{where} text differs from the corpus")
            if len(text) > 6000:
                problems.append(f"{where} longer than 6,000 characters")

        seen_pairs = set()
        for s in d["stances"]:
            if set(s) != {"actor", "concept", "polarity", "evidence"}:
                problems.append(f"{where} stance fields {sorted(s)}")
            if s["concept"] not in concepts:
                problems.append(f"{where} unknown concept {s['concept']!r}")
            if s["actor"] not in countries | ORGS:
                problems.append(f"{where} unknown actor {s['actor']!r}")
            if s["polarity"] not in (1, -1):
                problems.append(f"{where} polarity {s['polarity']!r}")
            if not s["evidence"] or s["evidence"] not in text:
                problems.append(f"{where} evidence not in text: {s['evidence'][:60]!r}")
            pair = (s["actor"], s["concept"])
            if pair in seen_pairs:
                problems.append(f"{where} duplicate stance {pair}")
            seen_pairs.add(pair)

        used: set[int] = set()
        for q in d["quotes"]:
            if set(q) != {"speaker", "actor", "quote_start"}:
                problems.append(f"{where} quote fields {sorted(q)}")
            if q["actor"] is not None and q["actor"] not in countries | ORGS:
                problems.append(f"{where} unknown quote actor {q['actor']!r}")
            qs = q["quote_start"]
            # the scorer takes the first unused occurrence; it must open a quotation
            start = text.find(qs)
            while start in used and start >= 0:
                start = text.find(qs, start + 1)
            if start < 0:
                problems.append(f"{where} quote_start not in text: {qs!r}")
                continue
            used.add(start)
            if start == 0 or text[start - 1] not in OPEN_QUOTES:
                problems.append(f"{where} quote_start does not open a quotation: {qs!r}")
            words = len(qs.split())
            tail = text[start + len(qs) : start + len(qs) + 2]
            if words < 6 and not re.match(r"[\"\u201d,.\[]", tail):
                problems.append(f"{where} quote_start under 6 words but the quote goes on: {qs!r}")
            if words > 10:
                problems.append(f"{where} quote_start over 10 words: {qs!r}")

    if problems:
        print("\n".join(problems))
        return 1
    by_source = Counter(d["source"] for d in docs)
    stances = sum(len(d["stances"]) for d in docs)
    quotes = sum(len(d["quotes"]) for d in docs)
    print(f"OK: {len(docs)} documents, {stances} stances, {quotes} quotes")
    for source in sorted(by_source):
        sub = [d for d in docs if d["source"] == source]
        print(
            f"  {source:18} docs {len(sub):2}  stances {sum(len(d['stances']) for d in sub):3}"
            f"  quotes {sum(len(d['quotes']) for d in sub):3}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
