"""Judgments to and from gold JSONL (../shared/gold/GUIDELINES.md), the format `evaluate` reads.

Export writes one document per judged article, with its stances (side +1 or -1), its quotes
(speaker, actor, the first words of the quotation) and, under `no_side`, the stances people
marked wrong (gold readers ignore that key; import reads it back). Import reads the same
format; every bad line is reported with its number and reason and writes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.corrections.model import (
    Catalog,
    Judgment,
    check_judgment,
    quote_judgment,
    stance_judgment,
)
from analysis.corrections.service import Change, submit
from analysis.corrections.store import Correction, CorrectionStore, Document
from analysis.errors import CorrectionRejected, FileUnreadable

QUOTE_START_WORDS = 10  # gold's quote_start: the first 6-10 words of the quotation
NO_SIDE = "no_side"
_FIRST_WORDS = re.compile(rf"\S+(?:\s+\S+){{0,{QUOTE_START_WORDS - 1}}}")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did: documents and judgments written, and each bad line's reason."""

    documents: int
    judgments: int
    empty: int  # documents without any stance or quote: no judgment to store
    bad_lines: tuple[tuple[int, str], ...]  # (line number, reason)


def export_gold(history: Sequence[Correction], documents: Mapping[str, Document]) -> list[dict]:
    """Gold documents of the judgments in `history` (current ones), in the order first judged."""
    by_article: dict[str, list[Correction]] = {}
    for correction in history:
        by_article.setdefault(correction.judgment.article_id, []).append(correction)
    return [_gold_doc(documents[a], judged) for a, judged in by_article.items() if a in documents]


def _gold_doc(doc: Document, judged: Sequence[Correction]) -> dict[str, Any]:
    stances, no_side, quotes = [], [], []
    for c in judged:
        j = c.judgment
        if j.kind == "quote":
            span = doc.text[j.start_char : j.end_char].strip()
            match = _FIRST_WORDS.match(span)
            quotes.append({
                "speaker": j.value.get("speaker"), "actor": j.value.get("actor"),
                "quote_start": match.group(0) if match else span,
            })  # fmt: skip
            continue
        record = {"actor": j.actor, "concept": j.concept}
        evidence = doc.text[j.start_char : j.end_char]
        polarity = int(j.value["polarity"])
        if polarity:
            stances.append({**record, "polarity": polarity, "evidence": evidence})
        else:
            no_side.append({**record, "evidence": evidence})
    out: dict[str, Any] = {
        "id": doc.article_id, "source": doc.source or "", "title": doc.title or "",
        "date": doc.date, "url": doc.url, "text": doc.text, "stances": stances, "quotes": quotes,
    }  # fmt: skip
    if no_side:
        out[NO_SIDE] = no_side
    return out


def write_gold(docs: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write gold documents as JSONL (UTF-8, one per line); how many."""
    lines = [json.dumps(doc, ensure_ascii=False) for doc in docs]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def gold_bytes(docs: Iterable[Mapping[str, Any]]) -> bytes:
    """Gold documents as JSONL bytes (a download)."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode("utf-8")


def import_gold(
    store: CorrectionStore, path: Path, *, catalog: Catalog, author: str
) -> ImportReport:
    """Load the judgments of a gold JSONL file; a bad line is reported and writes nothing."""
    documents = judgments = empty = 0
    bad: list[tuple[int, str]] = []
    for number, raw in _lines(path):
        try:
            doc, changes = parse_gold_line(raw, catalog)
            if not changes:
                empty += 1
                continue
            local = Catalog(catalog.actors, catalog.concepts, {doc.article_id: doc.text})
            note = f"imported from {path.name} line {number}"
            submit(store, changes, catalog=local, author=author, note=note, documents=[doc])
        except CorrectionRejected as e:
            bad.append((number, e.reason))
            continue
        documents += 1
        judgments += len(changes)
    return ImportReport(documents, judgments, empty, tuple(bad))


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise FileUnreadable(str(path), f"cannot be read: {e}") from e
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, line


def parse_gold_line(raw: str, catalog: Catalog) -> tuple[Document, list[Change]]:
    """One gold document and its judgments; CorrectionRejected says what is wrong with it."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise CorrectionRejected(f"not JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(data, dict):
        raise CorrectionRejected("not a JSON object")
    doc = _document(data)
    changes: list[Change] = []
    for i, record in enumerate(_list(data, "stances")):
        changes.append((_stance(doc, record, f"stances[{i}]", keep_side=True), None))
    for i, record in enumerate(_list(data, NO_SIDE)):
        changes.append((_stance(doc, record, f"{NO_SIDE}[{i}]", keep_side=False), None))
    used: set[int] = set()
    for i, record in enumerate(_list(data, "quotes")):
        changes.append((_quote(doc, record, f"quotes[{i}]", used), None))
    local = Catalog(catalog.actors, catalog.concepts, {doc.article_id: doc.text})
    for judgment, _old in changes:
        try:
            check_judgment(judgment, local)
        except CorrectionRejected as e:
            kind = "stance" if judgment.kind == "stance" else "quote"
            raise CorrectionRejected(f"{kind} at offset {judgment.start_char}: {e.reason}") from e
    return doc, changes


def _document(data: Mapping[str, Any]) -> Document:
    article_id, text = data.get("id"), data.get("text")
    if not isinstance(article_id, str) or not article_id.strip():
        raise CorrectionRejected("field 'id' is missing or not a string", "id")
    if not isinstance(text, str) or not text:
        raise CorrectionRejected("field 'text' is missing or empty", "text")

    def optional(name: str) -> str | None:
        value = data.get(name)
        return None if value is None else str(value)

    return Document(article_id, text, optional("title"), optional("date"), optional("source"),
                    optional("url"))  # fmt: skip


def _list(data: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CorrectionRejected(f"field {name!r} is not a list of objects", name)
    return value


def _stance(doc: Document, record: Mapping[str, Any], where: str, *, keep_side: bool) -> Judgment:
    evidence = record.get("evidence")
    if not isinstance(evidence, str) or not evidence:
        raise CorrectionRejected(f"{where}: 'evidence' is missing", "evidence")
    start = doc.text.find(evidence)
    if start < 0:
        raise CorrectionRejected(f"{where}: evidence {evidence[:60]!r} is not in the text")
    polarity = record.get("polarity") if keep_side else 0
    if keep_side and polarity not in (1, -1):
        raise CorrectionRejected(f"{where}: polarity {polarity!r} is not 1 or -1", "polarity")
    judgment = stance_judgment(
        doc.article_id, str(record.get("actor")), str(record.get("concept")), int(polarity or 0),
        start, start + len(evidence), evidence,
    )  # fmt: skip
    return _named(judgment, record, where)


def _named(judgment: Judgment, record: Mapping[str, Any], where: str) -> Judgment:
    for name in ("actor", "concept"):
        if not isinstance(record.get(name), str):
            raise CorrectionRejected(f"{where}: {name!r} is missing", name)
    return judgment


def _quote(doc: Document, record: Mapping[str, Any], where: str, used: set[int]) -> Judgment:
    words, speaker, actor = record.get("quote_start"), record.get("speaker"), record.get("actor")
    if not isinstance(words, str) or not words.strip():
        raise CorrectionRejected(f"{where}: 'quote_start' is missing", "quote_start")
    start = doc.text.find(words)
    while start in used:  # two quotes opening alike: the next occurrence
        start = doc.text.find(words, start + 1)
    if start < 0:
        raise CorrectionRejected(f"{where}: quote_start {words[:60]!r} is not in the text")
    used.add(start)
    if not isinstance(speaker, str) or not speaker.strip():
        raise CorrectionRejected(f"{where}: 'speaker' is missing", "speaker")
    if actor is not None and not isinstance(actor, str):
        raise CorrectionRejected(f"{where}: 'actor' is not a code or null", "actor")
    try:
        return quote_judgment(doc.article_id, start, start + len(words), speaker, actor)
    except CorrectionRejected as e:
        raise CorrectionRejected(f"{where}: {e.reason}", e.field) from e
