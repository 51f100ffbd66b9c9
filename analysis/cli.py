"""Command line: `python -m analysis corpus info | build | evaluate | train | concepts add |
corrections import/export | bench`."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from analysis.corpus import LoadReport, ProgressFn, load_corpus, load_default_corpus
from analysis.corrections import cli as corrections_cli
from analysis.errors import FileUnreadable
from analysis.limits import Limits

log = logging.getLogger(__name__)
# Rows per Parquet part file of a large table written by `build --engine dask`.
DASK_PART_ROWS = 100_000


def progress_line(stream: TextIO = sys.stderr) -> ProgressFn:
    """A progress callback that rewrites one line on a terminal and prints plain lines otherwise."""

    def show(done: int, total: int, message: str) -> None:
        text = f"[{done}/{total}] {message}"
        if stream.isatty():
            stream.write("\r\033[K" + text[:150])
            if done == total:
                stream.write("\n")
        else:
            stream.write(text + "\n")
        stream.flush()

    return show


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Stancemap analysis tools."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="inspect a corpus").add_subparsers(
        dest="action", required=True
    )
    info = corpus.add_parser("info", help="load files and print the accounting of every record")
    info.add_argument(
        "paths", nargs="*", type=Path, help="files, folders or ZIPs (default: the default corpus)"
    )
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.add_argument("--quiet", action="store_true", help="no progress line")
    evaluate = commands.add_parser(
        "evaluate", help="score quotes (and stances) against gold documents"
    )
    evaluate.add_argument("--gold", type=Path, required=True, help="gold JSONL file")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.add_argument("--errors", action="store_true", help="list every miss and false hit")
    evaluate.add_argument("--pipeline", default=None, help="spaCy pipeline to load first")
    evaluate.add_argument(
        "--rules-only", action="store_true", help="the rules alone, without the stance scorer"
    )
    evaluate.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="count statements at or above this confidence (default: the scorer's default, "
        "the one the app uses; 0 with --rules-only)",
    )
    train = commands.add_parser("train", help="fit the stance scorer on annotated documents")
    train.add_argument(
        "--train", type=Path, nargs="+", required=True, help="gold JSONL files to learn from"
    )
    train.add_argument(
        "--dev", type=Path, required=True, help="gold JSONL file to choose settings on"
    )
    train.add_argument(
        "--out",
        type=Path,
        default=Path("data/models/stance_scorer.json"),
        help="model file (default data/models/stance_scorer.json)",
    )
    train.add_argument("--pipeline", default=None, help="spaCy pipeline to load first")
    concepts = commands.add_parser("concepts", help="the concept catalogue").add_subparsers(
        dest="action", required=True
    )
    add = concepts.add_parser(
        "add", help="add your own concepts (JSON/CSV) and compute their stances"
    )
    add.add_argument("file", type=Path, help="JSON list or CSV with label, description, keywords")
    add.add_argument("--tables", type=Path, default=Path("data/tables"), help="tables folder")
    add.add_argument("--workers", type=int, default=1, help="processes for spaCy (default 1)")
    add.add_argument("--quiet", action="store_true", help="no progress line")
    build = commands.add_parser("build", help="load a corpus and write its tables (Parquet)")
    build.add_argument(
        "paths", nargs="*", type=Path, help="files, folders or ZIPs (default: the default corpus)"
    )
    build.add_argument("--out", type=Path, required=True, help="tables folder")
    build.add_argument("--quiet", action="store_true", help="no progress line")
    build.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes for spaCy, or Dask workers of the local cluster (default 1)",
    )
    build.add_argument("--pipeline", default=None, help="spaCy pipeline to load first")
    build.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where to analyse: this process (default) or Dask tasks, one pipeline per worker",
    )
    build.add_argument(
        "--scheduler",
        default=None,
        help="address of a running Dask scheduler (e.g. tcp://10.0.0.5:8786); "
        "default: start a local cluster of --workers processes",
    )
    build.add_argument(
        "--part-rows",
        type=int,
        default=None,
        help="write a table longer than this as a folder of Parquet parts "
        f"(default: one file each; {DASK_PART_ROWS:,} rows with --engine dask)",
    )
    build.add_argument(
        "--full",
        action="store_true",
        help="analyse every article again, even those the current tables already hold",
    )
    commands.add_parser(
        "bench", help="benchmarks that print their figures: runs `python -m bench ...`"
    )
    corrections_cli.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["bench"]:
        return run_bench(arguments[1:])
    args = _parser().parse_args(arguments)
    if args.command == "corpus" and args.action == "info":
        return corpus_info(args.paths, as_json=args.json, quiet=args.quiet)
    if args.command == "concepts" and args.action == "add":
        return add_user_concepts(
            args.file, tables=args.tables, workers=args.workers, quiet=args.quiet
        )
    if args.command == "evaluate":
        return evaluate_gold(
            args.gold,
            as_json=args.json,
            errors=args.errors,
            pipeline=args.pipeline,
            rules_only=args.rules_only,
            min_confidence=args.min_confidence,
        )
    if args.command == "train":
        return train_scorer(args)
    if args.command == "build":
        return build_tables(args)
    if args.command == "corrections":
        return corrections_cli.run(args)
    return 2


def run_bench(argv: Sequence[str]) -> int:
    """`python -m analysis bench ...`: run `python -m bench ...` in its own process, so the pure
    core never imports the benchmarks' server and browser harnesses (the child inherits the
    working folder and environment, so it finds `bench` where this process found `analysis`)."""
    return subprocess.call([sys.executable, "-m", "bench", *argv])


def _load(paths: Sequence[Path], quiet: bool) -> LoadReport | None:
    """Load the paths (or the default corpus); None, after one line on stderr, if nothing read."""
    progress = None if quiet else progress_line()
    try:
        limits = Limits.from_env()
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return None
    report = (
        load_corpus(paths, limits=limits, progress=progress)
        if paths
        else load_default_corpus(progress=progress)
    )
    if (
        report.records_in == 0
        and report.file_problems
        and all(p.fatal for p in report.file_problems)
    ):
        first = report.file_problems[0]
        more = f" (+{len(report.file_problems) - 1} more)" if len(report.file_problems) > 1 else ""
        print(f"error: nothing could be read: {first.file}: {first.reason}{more}", file=sys.stderr)
        return None
    return report


def build_tables(args: argparse.Namespace) -> int:
    """Load a corpus, analyse its new or changed articles and write its tables into `args.out`."""
    from analysis.build import build  # loads spaCy: only for this command

    if args.scheduler and args.engine != "dask":
        print("error: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    if args.workers < 1 or (args.part_rows is not None and args.part_rows < 1):
        print("error: --workers and --part-rows must be at least 1", file=sys.stderr)
        return 2
    report = _load(args.paths, args.quiet)
    if report is None:
        return 1
    options: dict[str, Any] = {
        "progress": None if args.quiet else progress_line(),
        "full": args.full,
        "say": lambda line: print(line, file=sys.stderr, flush=True),
    }
    pipeline = args.pipeline or os.environ.get("STANCEMAP_PIPELINE")
    if args.engine == "dask":
        from analysis.dask_build import dask_analyser  # imports dask: only for this engine

        # distributed logs every connection at INFO: it would drown the progress line.
        logging.getLogger("distributed").setLevel(logging.WARNING)
        with dask_analyser(pipeline, workers=args.workers, scheduler=args.scheduler) as analyser:
            part_rows = args.part_rows or DASK_PART_ROWS
            folder = build(report, args.out, analyser=analyser, part_rows=part_rows, **options)
    else:
        folder = build(
            report,
            args.out,
            pipeline=pipeline,
            workers=args.workers,
            part_rows=args.part_rows,
            **options,
        )
    print(f"wrote the tables of {report.accepted:,} articles to {folder}", file=sys.stderr)
    return 0


def corpus_info(paths: Sequence[Path], *, as_json: bool, quiet: bool = False) -> int:
    """Load and print the accounting; exit 1 with one line on stderr when no file could be read."""
    report = _load(paths, quiet)
    if report is None:
        return 1
    summary = report.summary()
    print(
        json.dumps(summary, ensure_ascii=False, indent=None)
        if as_json
        else _describe(report, summary)
    )
    return 0


def _describe(report: LoadReport, summary: dict[str, Any]) -> str:
    """The accounting as text for a person."""
    lines = [
        f"records in: {report.records_in:,}  accepted: {report.accepted:,}  "
        f"rejected: {len(report.rejected):,}  duplicates: {len(report.duplicates):,}",
        f"dates: {summary['date_min']} .. {summary['date_max']}  undated: {summary['undated']:,}",
        "sources:",
        *(f"  {count:>7,}  {source}" for source, count in summary["sources"].items()),
    ]
    if report.rejected:
        lines.append("rejected records:")
        lines += [
            f"  {r.file}:{r.line}: {r.field or '-'}: {r.reason}" for r in report.rejected[:50]
        ]
        if len(report.rejected) > 50:
            lines.append(f"  ... and {len(report.rejected) - 50:,} more (use --json for all)")
    if summary["unreadable_dates"]:
        lines.append("unreadable dates (the articles are kept as undated):")
        lines += [
            f"  {d['file']}:{d['line']}: date {d['value']!r}" for d in summary["unreadable_dates"]
        ]
    if report.file_problems:
        lines.append("files not (fully) read:")
        lines += [f"  {p.file}: {p.reason}" for p in report.file_problems]
    return "\n".join(lines)


def evaluate_gold(
    gold: Path,
    *,
    as_json: bool,
    errors: bool,
    pipeline: str | None,
    rules_only: bool = False,
    min_confidence: float | None = None,
) -> int:
    """Run the pipeline on the gold documents' texts and print the scores."""
    from analysis.scoring import run_evaluation  # loads spaCy: only for this command

    try:
        result = run_evaluation(
            gold,
            pipeline=pipeline or os.environ.get("STANCEMAP_PIPELINE"),
            rules_only=rules_only,
            min_confidence=min_confidence,
        )
    except FileUnreadable as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    if not errors:
        result.pop("errors", None)
    print(json.dumps(result, ensure_ascii=False, indent=None if as_json else 2))
    return 0


def train_scorer(args: argparse.Namespace) -> int:
    """Fit the stance scorer, print its figures and write the model file atomically."""
    from analysis.train import train_scorer as fit_scorer  # loads spaCy: only for this command

    try:
        scorer, _ = fit_scorer(
            args.train,
            args.dev,
            pipeline=args.pipeline or os.environ.get("STANCEMAP_PIPELINE"),
            say=lambda text: print(text, file=sys.stderr),
        )
    except FileUnreadable as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(scorer.to_json(), indent=1) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"wrote {args.out} ({len(scorer.features)} features)", file=sys.stderr)
    return 0


def add_user_concepts(path: Path, *, tables: Path, workers: int, quiet: bool) -> int:
    """Read user concepts, report bad entries, and add the good ones' stances to the tables."""
    from analysis.concept_update import add_concepts  # loads spaCy: only for this command
    from analysis.concepts import load_user_concepts

    try:
        concepts, problems = load_user_concepts(path)
    except FileUnreadable as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for problem in problems:
        print(f"rejected: {problem}", file=sys.stderr)
    if not concepts:
        print(f"error: {path}: no valid concept (need label and keywords)", file=sys.stderr)
        return 1
    try:
        build = add_concepts(
            tables, concepts, workers=workers, progress=None if quiet else progress_line()
        )
    except FileNotFoundError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    names = ", ".join(c.id for c in concepts)
    print(f"added {len(concepts)} concept(s) ({names}) to {build}", file=sys.stderr)
    return 0
