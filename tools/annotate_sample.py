"""Draw the documents of the annotated stance set (data/eval/annotated/README.md).

Deterministic (seed 20261207). Stratified over the packs and their years; long documents become
excerpts of 4-8 consecutive paragraphs, as in the dev gold. Excludes the reserved documents
(../shared/gold/reserved_ids.txt), the dev gold (and the speeches behind its excerpts) and the
held-out silver set. Each document is assigned a split (train/dev/test) here, before anyone has
annotated or read it, and a batch of about 20 documents for the annotators.

Run from the repository root:
    .venv/bin/python tools/annotate_sample.py --out data/eval/annotated/batches [--round 2|3|4|5]
It writes batch_NN.jsonl files (id, source, pack, split, title, date, url, text) and manifest.json
(round 2: batch_29.jsonl ..., round 3: batch_33.jsonl ..., round 4: batch_37.jsonl ..., round 5: batch_41.jsonl ..., appended to the manifest).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261207
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
SHARED = ROOT.parent / "shared"
DEV_GOLD = SHARED / "gold" / "dev_gold.jsonl"
RESERVED = SHARED / "gold" / "reserved_ids.txt"
CONCEPTS = SHARED / "data" / "concepts.json"
SILVER = ROOT / "data" / "eval" / "heldout_silver.jsonl"

# Documents per pack; each pack's quota is spread over its years in proportion to their size
# (at least one per year).
QUOTA = {
    "whitehouse": 120,
    "ungdc": 90,
    "kremlin": 50,
    "ukraine_president": 50,
    "wcep": 70,
    "wikinews": 40,
}
SPLIT_SHARE = (("test", 0.30), ("dev", 0.20), ("train", 0.50))
LONG_CHARS = 5000  # documents longer than this are excerpted
EXCERPT_PARAS = (4, 8)
EXCERPT_CHARS = (600, 5000)
BATCH_SIZE = 20


def read_jsonl_gz(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def excluded_ids() -> tuple[set[str], list[str]]:
    """Ids never drawn (dev gold, its speeches, the silver set) and reserved id prefixes."""
    ids: set[str] = set()
    for path in (DEV_GOLD, SILVER):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc_id = json.loads(line)["id"]
                ids.add(doc_id)
                ids.add(re.sub(r"-excerpt\d*$", "", doc_id))
    reserved = [
        line.strip()
        for line in RESERVED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return ids, reserved


def is_reserved(doc_id: str, reserved: list[str]) -> bool:
    return any(doc_id == r or doc_id.startswith((r + "-", r + "#")) for r in reserved)


def wikinews_records() -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    rows = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with (CORPUS / "wikinews" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                url = row["url"].replace("//wiki/", "/wiki/")
                slug = url.split("/wiki/", 1)[1]
                rows.append({**row, "url": url, "id": f"wikinews-{slug[:80]}"})
    return rows


def packs() -> dict[str, list[dict]]:
    ku = read_jsonl_gz(CORPUS / "kremlin_ukraine" / "kremlin_ukraine.jsonl.gz")
    return {
        "whitehouse": read_jsonl_gz(CORPUS / "whitehouse" / "whitehouse.jsonl.gz"),
        "ungdc": read_jsonl_gz(CORPUS / "ungdc" / "ungdc.jsonl.gz"),
        "kremlin": [r for r in ku if r["id"].startswith("kremlin-")],
        "ukraine_president": [r for r in ku if r["id"].startswith("ukrpres-")],
        "wcep": read_jsonl_gz(CORPUS / "wcep" / "wcep.jsonl.gz"),
        "wikinews": wikinews_records(),
    }


def keyword_pattern() -> re.Pattern:
    concepts = json.loads(CONCEPTS.read_text(encoding="utf-8"))["concepts"]
    words = sorted({k for c in concepts for k in c["keywords"]}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start_char, end_char) of each non-blank paragraph (blank lines separate them)."""
    spans, pos = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            lead = len(block) - len(block.lstrip())
            spans.append((pos + lead, pos + len(block.rstrip())))
        pos += len(block)
    return spans


def excerpt(text: str, rng: random.Random, keywords: re.Pattern) -> tuple[int, int, str] | None:
    """A random run of 4-8 consecutive paragraphs (600-5,000 chars) that names a catalogue
    keyword when any run does; (first, last) paragraph numbers (1-based) and the text."""
    paras = paragraphs(text)
    runs = []
    for i in range(len(paras)):
        for k in range(EXCERPT_PARAS[0], EXCERPT_PARAS[1] + 1):
            if i + k > len(paras):
                break
            start, end = paras[i][0], paras[i + k - 1][1]
            if EXCERPT_CHARS[0] <= end - start <= EXCERPT_CHARS[1]:
                runs.append((i, i + k - 1, start, end))
    if not runs:
        return None
    named = [r for r in runs if keywords.search(text, r[2], r[3])]
    first, last, start, end = rng.choice(named or runs)
    return first + 1, last + 1, text[start:end]


def draw(
    pack: str, records: list[dict], rng: random.Random, skip, keywords, quota: int | None = None
) -> list[dict]:
    by_year: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        if not skip(r["id"]):
            by_year[str(r["date"])[:4]].append(r)
    total = sum(len(v) for v in by_year.values())
    docs = []
    for year in sorted(by_year):
        pool = sorted(by_year[year], key=lambda r: r["id"])
        n = quota if quota is not None else max(1, round(QUOTA[pack] * len(pool) / total))
        rng.shuffle(pool)
        for r in pool[:n]:
            doc = {
                "id": r["id"],
                "source": pack,
                "stratum": f"{pack}/{year}",
                "title": r["title"],
                "date": str(r["date"])[:10],
                "url": r["url"],
                "text": r["text"],
            }
            if len(r["text"]) > LONG_CHARS:
                cut = excerpt(r["text"], rng, keywords)
                if cut is None:
                    continue
                first, last, text = cut
                doc |= {"id": f"{r['id']}#p{first}-{last}", "text": text}
            docs.append(doc)
    return docs


def assign_splits(docs: list[dict], rng: random.Random) -> None:
    by_stratum: dict[str, list[dict]] = defaultdict(list)
    for d in docs:
        by_stratum[d["stratum"]].append(d)
    for stratum in sorted(by_stratum):
        group = by_stratum[stratum]
        rng.shuffle(group)
        n_test = round(len(group) * SPLIT_SHARE[0][1])
        n_dev = round(len(group) * SPLIT_SHARE[1][1])
        for i, d in enumerate(group):
            d["split"] = "test" if i < n_test else "dev" if i < n_test + n_dev else "train"


# Later random rounds: seed, documents per pack (the first round's shares), the number of the
# first batch and the batch size. Its splits are assigned per pack (30% test, 20% dev, 50% train): its
# strata by year would be too small to hold a share of each.
_SHARES = {"whitehouse": 17, "ungdc": 13, "kremlin": 7, "ukraine_president": 7, "wcep": 10,
           "wikinews": 6}  # fmt: skip
LATER_ROUNDS = {
    2: (20261210, _SHARES, 29, 15),
    3: (20261211, _SHARES, 33, 15),
    4: (20261212, _SHARES, 37, 15),
    5: (20261213, _SHARES, 41, 15),
}


def draw_later_round(out: Path, number: int) -> tuple[list[dict], list[dict], int, int]:
    """A later random round: the documents (not drawn before, whole or in part) with their
    splits, the manifest so far, the first batch number and the batch size."""
    seed, quota, first_batch, batch_size = LATER_ROUNDS[number]
    rng = random.Random(seed)
    ids, reserved = excluded_ids()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    drawn = {m["id"].split("#", 1)[0] for m in manifest}
    skip = lambda i: i in ids or i in drawn or is_reserved(i, reserved)  # noqa: E731
    keywords = keyword_pattern()
    docs = []
    for pack, records in packs().items():
        pool = sorted((r for r in records if not skip(r["id"])), key=lambda r: r["id"])
        rng.shuffle(pool)
        taken = []
        for r in pool:
            if len(taken) == quota[pack]:
                break
            picked = draw(pack, [r], rng, lambda _i: False, keywords, quota=1)
            taken += [d | {"stratum": f"random{number}/{pack}"} for d in picked]
        docs += taken
    assign_splits(docs, rng)
    rng.shuffle(docs)
    return docs, manifest, first_batch, batch_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--round", type=int, choices=(1, *LATER_ROUNDS), default=1)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.round in LATER_ROUNDS:
        docs, manifest, first_batch, batch_size = draw_later_round(args.out, args.round)
    else:
        rng = random.Random(SEED)
        ids, reserved = excluded_ids()
        skip = lambda doc_id: doc_id in ids or is_reserved(doc_id, reserved)  # noqa: E731
        keywords = keyword_pattern()
        docs = []
        for pack, records in packs().items():
            docs += draw(pack, records, rng, skip, keywords)
        assign_splits(docs, rng)
        rng.shuffle(docs)
        manifest, first_batch, batch_size = [], 1, BATCH_SIZE
    n_batches = max(1, len(docs) // batch_size)
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
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents in {n_batches} batches", file=sys.stderr)


if __name__ == "__main__":
    main()
