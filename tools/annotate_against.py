"""Draw a supplement to the annotated stance set, enriched for opposing statements.

The random draw (tools/annotate_sample.py) holds 16 "against" stances in 463: too few to learn
side -1 from or to measure its precision on. This draw takes documents in which one sentence names
both a catalogue keyword and an opposing word (condemn, oppose, reject, illegal, against, ...), so
that the hard cases are there: condemning the adversary of a concept (a side +1) as well as
opposing the concept itself (a side -1). Which of the two a sentence is was judged by the
annotators, not by this filter.

Deterministic (seed per round, below). Stratified over the packs; long documents become excerpts of 4-8
consecutive paragraphs among the runs that hold such a sentence. Excludes everything
annotate_sample.py excludes (reserved documents, the dev gold and its speeches, the held-out
silver set) and every document already drawn, whole or as an excerpt. Each document's split is
assigned here, before anyone reads it: half `train`, half `test_against` (kept apart from the
random test split, so that the random split's figures stay a random sample's).

Run from the repository root:
    .venv/bin/python tools/annotate_against.py --out data/eval/annotated/batches [--round 2]
It writes batch_21.jsonl ... (round 2: batch_25.jsonl ...) and appends to manifest.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotate_sample import (  # noqa: E402
    EXCERPT_CHARS,
    EXCERPT_PARAS,
    LONG_CHARS,
    excluded_ids,
    is_reserved,
    keyword_pattern,
    packs,
    paragraphs,
)

# Each round: its seed, documents per pack, and the number of its first batch. Round 2 leans
# to the packs whose first round held the most opposing stances (Kremlin, UN General Debate).
ROUNDS = {
    1: (20261208, {"whitehouse": 12, "ungdc": 12, "kremlin": 12, "ukraine_president": 12,
                   "wcep": 6, "wikinews": 6}, 21),
    2: (20261209, {"whitehouse": 8, "ungdc": 16, "kremlin": 20, "ukraine_president": 8,
                   "wcep": 8, "wikinews": 0}, 25),
}  # fmt: skip
BATCH_SIZE = 15
OPPOSING = re.compile(
    r"\b(condemn\w*|oppos\w*|reject\w*|denounc\w*|against|illegal\w*|illegitimate|unacceptable|"
    r"refus\w*|veto\w*|criticis\w*|criticiz\w*|withdr[ae]w\w*|object(?:s|ed)? to|"
    r"counterproductive|unilateral)\b",
    re.I,
)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def opposing_sentence(text: str, start: int, end: int, keywords: re.Pattern) -> bool:
    """Whether one sentence of text[start:end] names both an opposing word and a keyword."""
    return any(
        OPPOSING.search(s.group()) and keywords.search(s.group())
        for s in SENTENCE.finditer(text, start, end)
    )


def candidate(record: dict, rng: random.Random, keywords: re.Pattern) -> dict | None:
    text = record["text"]
    if len(text) <= LONG_CHARS:
        return {"text": text} if opposing_sentence(text, 0, len(text), keywords) else None
    paras = paragraphs(text)
    runs = []
    for i in range(len(paras)):
        for k in range(EXCERPT_PARAS[0], EXCERPT_PARAS[1] + 1):
            if i + k > len(paras):
                break
            start, end = paras[i][0], paras[i + k - 1][1]
            if EXCERPT_CHARS[0] <= end - start <= EXCERPT_CHARS[1]:
                runs.append((i, i + k - 1, start, end))
    runs = [r for r in runs if opposing_sentence(text, r[2], r[3], keywords)]
    if not runs:
        return None
    first, last, start, end = rng.choice(runs)
    return {"text": text[start:end], "id": f"{record['id']}#p{first + 1}-{last + 1}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=1)
    args = parser.parse_args()
    seed, quota, first_batch = ROUNDS[args.round]
    rng = random.Random(seed)
    ids, reserved = excluded_ids()
    manifest_path = args.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    drawn = {m["id"].split("#", 1)[0] for m in manifest}
    keywords = keyword_pattern()
    docs = []
    for pack, records in packs().items():
        pool = sorted(
            (r for r in records
             if r["id"] not in ids and r["id"] not in drawn and not is_reserved(r["id"], reserved)),
            key=lambda r: r["id"],
        )  # fmt: skip
        rng.shuffle(pool)
        taken = []
        for r in pool:
            if len(taken) == quota.get(pack, 0):
                break
            cut = candidate(r, rng, keywords)
            if cut is None:
                continue
            taken.append({
                "id": cut.get("id", r["id"]),
                "source": pack,
                "stratum": f"against/{pack}",
                "title": r["title"],
                "date": str(r["date"])[:10],
                "url": r["url"],
                "text": cut["text"],
            })  # fmt: skip
        for i, doc in enumerate(taken):
            doc["split"] = "test_against" if i % 2 == 0 else "train"
        docs += taken
    rng.shuffle(docs)
    n_batches = max(1, len(docs) // BATCH_SIZE)
    for b in range(n_batches):
        name = f"batch_{first_batch + b:02d}"
        batch = docs[b::n_batches]
        with (args.out / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for d in batch:
                handle.write(json.dumps(d, ensure_ascii=False) + "\n")
        manifest += [
            {"id": d["id"], "batch": name, "split": d["split"], "stratum": d["stratum"]}
            for d in batch
        ]
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents in {n_batches} batches", file=sys.stderr)


if __name__ == "__main__":
    main()
