"""Assemble the annotated set from the reconciled batches, and measure the annotators' agreement.

Run from the repository root:  python3 tools/annotate_assemble.py
Reads data/eval/annotated/batches/ (documents, splits) and raw/ (batch_NN.a / .b / .reconciled);
writes train.jsonl, dev.jsonl, test.jsonl, test_against.jsonl (gold format of ../shared/gold/GUIDELINES.md, with a
`split` and `stratum` per document) and agreement.json (A against B, per pack). Only batches
with all three files are used.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "data" / "eval" / "annotated"
sys.path.insert(0, str(ROOT))

from analysis.evaluate import same_person  # noqa: E402


def read(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def quote_spans(text: str, quotes: list[dict]) -> list[tuple[int, int, dict]]:
    used, spans = set(), []
    for q in quotes:
        start = text.find(q["quote_start"])
        while start in used and start >= 0:
            start = text.find(q["quote_start"], start + 1)
        if start >= 0:
            used.add(start)
            spans.append((start, start + len(q["quote_start"]), q))
    return spans


def agreement_counts(text: str, a: dict, b: dict) -> dict[str, int]:
    """Counts for stance triple/pair agreement and quote/speaker agreement of two annotations."""
    ta = {(s["actor"], s["concept"], s["polarity"]) for s in a["stances"]}
    tb = {(s["actor"], s["concept"], s["polarity"]) for s in b["stances"]}
    pa, pb = {t[:2] for t in ta}, {t[:2] for t in tb}
    qa, qb = quote_spans(text, a["quotes"]), quote_spans(text, b["quotes"])
    matched, speaker_same, actor_same, used = 0, 0, 0, set()
    for sa, ea, x in qa:
        for j, (sb, eb, y) in enumerate(qb):
            if j not in used and min(ea, eb) - max(sa, sb) > 0:
                used.add(j)
                matched += 1
                speaker_same += (x["speaker"] is None and y["speaker"] is None) or same_person(
                    x["speaker"], y["speaker"]
                )
                actor_same += x["actor"] == y["actor"]
                break
    return {
        "stances_a": len(ta), "stances_b": len(tb), "stances_both": len(ta & tb),
        "pairs_a": len(pa), "pairs_b": len(pb), "pairs_both": len(pa & pb),
        "quotes_a": len(qa), "quotes_b": len(qb), "quotes_both": matched,
        "speaker_same": speaker_same, "actor_same": actor_same,
    }  # fmt: skip


def f1(both: int, a: int, b: int) -> float | None:
    return round(2 * both / (a + b), 3) if a + b else None


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def summary(c: dict[str, int], docs: int) -> dict:
    return {
        "documents": docs,
        "stance_triple_f1": f1(c["stances_both"], c["stances_a"], c["stances_b"]),
        "stance_pair_f1": f1(c["pairs_both"], c["pairs_a"], c["pairs_b"]),
        "quote_f1": f1(c["quotes_both"], c["quotes_a"], c["quotes_b"]),
        "speaker_agreement": share(c["speaker_same"], c["quotes_both"]),
        "quote_actor_agreement": share(c["actor_same"], c["quotes_both"]),
        "counts": c,
    }  # fmt: skip


def main() -> None:
    splits: dict[str, list[dict]] = defaultdict(list)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    ndocs: dict[str, int] = defaultdict(int)
    # the random draw (annotate_sample.py) and the one enriched for opposing sentences
    draw_totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    draw_docs: dict[str, int] = defaultdict(int)
    batches = []
    for batch in sorted((HERE / "batches").glob("batch_*.jsonl")):
        files = [HERE / "raw" / f"{batch.stem}.{k}.jsonl" for k in ("a", "b", "reconciled")]
        if not all(f.exists() for f in files):
            continue
        batches.append(batch.stem)
        a, b, r = ({d["id"]: d for d in read(f)} for f in files)
        for doc in read(batch):
            pack = doc["source"]
            for key, value in agreement_counts(doc["text"], a[doc["id"]], b[doc["id"]]).items():
                totals[pack][key] += value
                totals["all"][key] += value
            ndocs[pack] += 1
            draw = "against" if doc["stratum"].startswith("against/") else "random"
            for key, value in agreement_counts(doc["text"], a[doc["id"]], b[doc["id"]]).items():
                draw_totals[draw][key] += value
            draw_docs[draw] += 1
            ndocs["all"] += 1
            gold = {k: doc[k] for k in ("id", "source", "title", "date", "url", "text")}
            gold |= {"stratum": doc["stratum"], "split": doc["split"]}
            gold |= {"stances": r[doc["id"]]["stances"], "quotes": r[doc["id"]]["quotes"]}
            splits[doc["split"]].append(gold)
    for name in ("train", "dev", "test", "test_against"):
        rows = sorted(splits[name], key=lambda d: d["id"])
        text = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in rows)
        (HERE / f"{name}.jsonl").write_text(text, encoding="utf-8")
    agreement = {
        "about": "Annotator A against annotator B, before reconciliation (see README.md).",
        "batches": batches,
        "by_pack": {p: summary(totals[p], ndocs[p]) for p in sorted(totals)},
        "by_draw": {d: summary(draw_totals[d], draw_docs[d]) for d in sorted(draw_totals)},
    }
    (HERE / "agreement.json").write_text(json.dumps(agreement, indent=1) + "\n", encoding="utf-8")
    counts = {k: len(v) for k, v in splits.items()}
    print(f"{len(batches)} batches: {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
