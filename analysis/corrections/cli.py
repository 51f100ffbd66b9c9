"""`python -m analysis corrections import | export`: judgments to and from gold JSONL files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.corrections.gold import export_gold, import_gold, write_gold
from analysis.corrections.service import current, default_catalog
from analysis.corrections.store import DB_URL_VARIABLE, CorrectionStore, default_db_url, redact
from analysis.errors import CorrectionRejected, FileUnreadable


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `corrections` command and its two actions to the top-level parser."""
    corrections = commands.add_parser(
        "corrections", help="import or export people's corrections as gold JSONL"
    ).add_subparsers(dest="action", required=True)
    db_help = f"database URL (default ${DB_URL_VARIABLE}, else {default_db_url()})"
    load = corrections.add_parser("import", help="load judgments from a gold JSONL file")
    load.add_argument("file", type=Path, help="gold JSONL (../shared/gold/GUIDELINES.md)")
    load.add_argument("--db", default=None, help=db_help)
    load.add_argument("--author", default="import", help="who the history names (default import)")
    save = corrections.add_parser("export", help="write the current judgments as gold JSONL")
    save.add_argument("--db", default=None, help=db_help)
    save.add_argument("--out", type=Path, required=True, help="gold JSONL file to write")


def run(args: argparse.Namespace) -> int:
    """Run `corrections import` or `corrections export`; the exit code."""
    url = args.db or os.environ.get(DB_URL_VARIABLE) or default_db_url()
    try:
        store = CorrectionStore(url)
        if args.action == "import":
            return _import(store, args.file, author=args.author)
        docs = export_gold(current(store), store.documents())
    except (CorrectionRejected, FileUnreadable) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    count = write_gold(docs, args.out)
    judged = sum(len(d["stances"]) + len(d["quotes"]) + len(d.get("no_side", [])) for d in docs)
    print(f"{args.out}: {count} documents, {judged} judgments from {redact(url)}")
    return 0


def _import(store: CorrectionStore, path: Path, *, author: str) -> int:
    report = import_gold(store, path, catalog=default_catalog({}), author=author)
    for number, reason in report.bad_lines:
        print(f"{path}:{number}: {reason}", file=sys.stderr)
    print(
        f"{path}: {report.documents} documents, {report.judgments} judgments imported;"
        f" {report.empty} documents without a stance or quote (nothing to store);"
        f" {len(report.bad_lines)} bad lines skipped"
    )
    return 1 if report.bad_lines else 0
