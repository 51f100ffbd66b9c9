"""`python -m bench build|dashboard|pages|load`: benchmarks that print their figures.

Each command lives in its own module (bench.<command>) with a `run(args) -> int`;
speed and memory targets are checked here, by people reading the figures, not by timed tests.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from pathlib import Path

COMMANDS = ("build", "dashboard", "pages", "load")


def build_parser() -> argparse.ArgumentParser:
    """The `python -m bench` command line and its sub-commands."""
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="benchmarks that print their figures"
    )
    bench = parser.add_subparsers(dest="bench", required=True)
    build = bench.add_parser(
        "build", help="plain nlp.pipe over every text vs Stancemap's build, on the same texts"
    )
    build.add_argument("--corpus", type=Path, nargs="*", default=[], help="files or folders")
    build.add_argument("--limit", type=int, default=None, help="first N articles only")
    build.add_argument(
        "--sample", type=int, default=None, help="N articles spread evenly over the corpus"
    )
    build.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    build.add_argument(
        "--repeat", type=int, default=1, help="rounds of both, interleaved; medians (default 1)"
    )
    build.add_argument("--gold", type=Path, default=None, help="gold JSONL for dev_f1")
    build.add_argument("--json", action="store_true", help="print one JSON object")
    dashboard = bench.add_parser(
        "dashboard", help="filter-and-aggregate time on a synthetic stance table of N rows"
    )
    dashboard.add_argument("--rows", type=int, default=1_000_000, help="rows (default 1e6)")
    dashboard.add_argument("--repeat", type=int, default=30, help="timed runs (default 30)")
    dashboard.add_argument("--json", action="store_true", help="print one JSON object")
    pages = bench.add_parser(
        "pages", help="server time of every page's first draw and of a filter change (AppTest)"
    )
    pages.add_argument("--tables", type=Path, default=None, help="tables folder (default shipped)")
    pages.add_argument("--repeat", type=int, default=5, help="timed redraws per page (default 5)")
    pages.add_argument("--json", action="store_true", help="print one JSON object")
    load = bench.add_parser("load", help="N concurrent browser sessions against one local server")
    load.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    load.add_argument("--url", default=None, help="a running server (default: start one)")
    load.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the benchmark `args.bench` names."""
    module = importlib.import_module(f"bench.{args.bench}")
    return int(module.run(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    return run(build_parser().parse_args(argv))
