"""Draw the documents of the held-out silver set (see README.md). Deterministic: seed 20261128.

Run from the repository root:  .venv/bin/python data/eval/sample.py > /tmp/heldout_docs.jsonl
It prints one unannotated record per line (id, source, title, date, url, text); the annotations were
added by hand to these records to make heldout_silver.jsonl.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

from annotate_sample import wikinews_records  # tools/ is on the path when run as a script

SEED = 20261128
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
DEV_GOLD = Path("/work/shared/gold/dev_gold.jsonl")
CONCEPTS = Path("/work/shared/data/concepts.json")
MAX_CHARS = 6000
EXCERPT_MIN, EXCERPT_MAX = 1200, 2500

# Wikinews "international topic" cue, after the keywords data/corpus/wikinews/PROVENANCE.md uses.
INTERNATIONAL = re.compile(
    r"\b(embass\w*|NATO|UN|United Nations|sanction\w*|summit|treaty|talks|foreign minister|"
    r"diplomat\w*|European Union|ambassador)\b"
)
QUOTE_PAIR = re.compile(r"[\"\u201c][^\"\u201c\u201d]{15,}[\"\u201d]")


def jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def dev_ids() -> set[str]:
    ids = set()
    for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc_id = json.loads(line)["id"]
            ids.add(doc_id)
            ids.add(doc_id.removesuffix("-excerpt"))  # the whole speech behind a dev excerpt
    return ids


def pick(records: list[dict], n: int, ok, rng: random.Random) -> list[dict]:
    """The first n records, in a seeded shuffle of the stratum, that pass ok()."""
    pool = sorted(records, key=lambda r: r["id"])
    rng.shuffle(pool)
    return [r for r in pool if ok(r)][:n]


def out(r: dict, source: str, text: str | None = None, doc_id: str | None = None) -> dict:
    return {
        "id": doc_id or r["id"],
        "source": source,
        "title": r["title"],
        "date": r["date"],
        "url": r["url"],
        "text": r["text"] if text is None else text,
    }


def concept_cues() -> dict[str, list[re.Pattern]]:
    concepts = json.loads(CONCEPTS.read_text(encoding="utf-8"))["concepts"]
    return {
        c["id"]: [re.compile(r"\b" + re.escape(k) + r"\b", re.I) for k in c["keywords"]]
        for c in concepts
    }


def best_excerpt(text: str, cues: dict[str, list[re.Pattern]]) -> str | None:
    """The contiguous run of whole paragraphs (1,200-2,500 chars, starting at a capitalised
    paragraph and ending at a sentence end) that names the most catalogue concepts by keyword;
    ties go to the earliest. None when no run names at least two concepts."""
    hits = {c: [m.span() for p in pats for m in p.finditer(text)] for c, pats in cues.items()}
    starts = [0] + [m.end() for m in re.finditer(r"\n\n", text)]
    ends = [m.start() for m in re.finditer(r"\n\n", text)] + [len(text)]
    best, best_score = None, 1
    for i, s in enumerate(starts):
        if not text[s : s + 1].isupper():
            continue
        for e in ends[i:]:
            span = text[s:e]
            if len(span) > EXCERPT_MAX:
                break
            if len(span) < EXCERPT_MIN or not re.search(r"[.!?\u201d\"]\s*$", span):
                continue
            score = sum(any(s <= a and b <= e for a, b in spans) for spans in hits.values())
            if score > best_score:
                best, best_score = span, score
    return best


def main() -> None:
    rng = random.Random(SEED)
    seen = dev_ids()
    fresh = lambda r: r["id"] not in seen and len(r["text"]) <= MAX_CHARS  # noqa: E731
    docs: list[dict] = []

    wh = jsonl(CORPUS / "whitehouse" / "whitehouse.jsonl.gz")
    docs += [out(r, "whitehouse") for r in pick(wh, 7, fresh, rng)]

    cues = concept_cues()
    ungdc = jsonl(CORPUS / "ungdc" / "ungdc.jsonl.gz")
    excerpts: dict[str, str] = {}

    def has_excerpt(r: dict) -> bool:
        if r["id"] in seen:
            return False
        ex = best_excerpt(r["text"], cues)
        if ex:
            excerpts[r["id"]] = ex
        return ex is not None

    for r in pick(ungdc, 7, has_excerpt, rng):
        doc_id = f"ungdc-{r['country_iso3'].lower()}-{r['year']}-excerpt2"
        docs.append(out(r, "ungdc", excerpts[r["id"]], doc_id))

    ku = jsonl(CORPUS / "kremlin_ukraine" / "kremlin_ukraine.jsonl.gz")
    foreign = lambda r: fresh(r) and bool(set(r["countries_named"]) - {r["voice_country"]})  # noqa: E731
    kremlin = [r for r in ku if r["id"].startswith("kremlin-")]
    ukraine = [r for r in ku if r["id"].startswith("ukrpres-")]
    docs += [out(r, "kremlin") for r in pick(kremlin, 3, foreign, rng)]
    docs += [out(r, "ukraine_president") for r in pick(ukraine, 3, foreign, rng)]

    wcep = jsonl(CORPUS / "wcep" / "wcep.jsonl.gz")
    docs += [out(r, "wcep") for r in pick(wcep, 5, fresh, rng)]

    wn = wikinews_records()
    quoted_intl = lambda r: (  # noqa: E731
        fresh(r) and bool(QUOTE_PAIR.search(r["text"])) and bool(INTERNATIONAL.search(r["text"]))
    )
    docs += [out(r, "wikinews") for r in pick(wn, 5, quoted_intl, rng)]

    for d in docs:
        print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    main()
