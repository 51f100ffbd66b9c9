"""`python -m bench pages`: every page's server time, first draw and filter change.

The measuring runs in its own process (`python -m ui.bench_pages`, Streamlit's AppTest), so
the benchmark's own process never imports Streamlit. Target: a filter change redraws a page in at
most 150 ms of server time with the default corpus's tables loaded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 150


def run(args: argparse.Namespace) -> int:
    """Run ui.bench_pages and print its figures (JSON with --json, else one line per page)."""
    command = [sys.executable, "-m", "ui.bench_pages", "--repeat", str(args.repeat)]
    if args.tables is not None:
        command += ["--tables", str(args.tables.resolve())]
    done = subprocess.run(command, cwd=REPO, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        print(f"error: {' '.join(command)} exited with {done.returncode}", file=sys.stderr)
        return done.returncode
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"first page (fresh server, Overview with its chart): {figures['first_page_ms']} ms")
    for page, row in figures["pages"].items():
        verdict = "ok" if row["redraw_ms_p50"] <= TARGET_MS else f"over {TARGET_MS} ms"
        print(
            f"{page:>10}: first {row['first_ms']:>7} ms, filter change p50"
            f" {row['redraw_ms_p50']:>7} ms (max {row['redraw_ms_max']}) {verdict};"
            f" a view shared before: {row['shared_redraw_ms_p50']} ms"
        )
    return 0
