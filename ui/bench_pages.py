"""Server time of every page: its first draw, and its redraw after a filter change (AppTest).

Run by `python -m bench pages` (in its own process, so bench/ never imports Streamlit).
AppTest runs the script the way the server does, minus the network: the time of
`at.run()` is the server's time to rerun the script and build every element. The tables are
the shipped ones (or --tables); a filter change alternates a concept and an actor group.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from ui.memo import forget_shared
from ui.sidebar import RUN_MS_KEY

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
PAGES = ("overview", "stances", "timeline", "network", "evidence", "corpus", "concepts", "article")
FILTER_CHANGES = (("flt_groups", ["G7"]), ("flt_groups", []), ("flt_min", 2), ("flt_min", 1))


def _navigation_only() -> None:
    """As a running server: pages/ is not a v1 pages folder once st.navigation ran."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init  # type: ignore[method-assign]


def _timed(at: AppTest) -> float:
    """The server time of one script run, as dashboard.py measured it (AppTest's own polling
    and message parsing are left out)."""
    at.run()
    if at.exception:
        raise RuntimeError(f"the page raised: {at.exception[0].message}")
    return float(at.session_state[RUN_MS_KEY])


def measure(repeat: int) -> dict[str, object]:
    """{first_page_ms, pages: {page: {first_ms, redraw_ms_p50, redraw_ms_max,
    shared_redraw_ms_p50}}}: redraws computed afresh, and redraws of a view another session
    computed before (ui.memo)."""
    _navigation_only()
    at = AppTest.from_file(str(DASHBOARD), default_timeout=300)
    first = _timed(at)  # a fresh server: reads the tables, draws the Overview's chart
    results: dict[str, dict[str, float]] = {}
    for page in PAGES:
        at.switch_page(f"pages/{page}.py")
        drawn = _timed(at)
        computed, repeated = [], []
        for timings, fresh in ((computed, True), (repeated, False)):
            for i in range(repeat * 2):
                key, value = FILTER_CHANGES[i % len(FILTER_CHANGES)]
                at.session_state[key] = value
                if fresh:  # a filter state no session asked for before: computed here
                    forget_shared()
                timings.append(_timed(at))  # not fresh: the first round drew these views
        results[page] = {
            "first_ms": round(drawn, 1),
            "redraw_ms_p50": round(statistics.median(computed), 1),
            "redraw_ms_max": round(max(computed), 1),
            "shared_redraw_ms_p50": round(statistics.median(repeated), 1),
        }
        print(f"{page}: {results[page]}", file=sys.stderr)
    return {"first_page_ms": round(first, 1), "pages": results}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.bench_pages")
    parser.add_argument("--tables", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if args.tables is not None:
        os.environ["STANCEMAP_TABLES"] = str(args.tables)
    print(json.dumps(measure(args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
