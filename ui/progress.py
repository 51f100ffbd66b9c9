"""Feed a loader's progress callback (done, total, message) into an st.progress bar."""

from __future__ import annotations

import re

from streamlit.delta_generator import DeltaGenerator

from analysis.corpus import ProgressFn

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
_STEPS = 50  # at most this many visible updates: each one is a message to the browser


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax so a file name or message shows as plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def progress_reporter(bar: DeltaGenerator, label: str) -> ProgressFn:
    """A ProgressFn that updates `bar` (throttled to about 2% steps), labelled with `label`."""
    last_step = [-1]

    def report(done: int, total: int, message: str) -> None:
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 0.0
        step = int(fraction * _STEPS)
        if step == last_step[0]:
            return
        last_step[0] = step
        detail = f" - {escape_markdown(message)}" if message else ""
        bar.progress(fraction, text=f"{label}{detail}")

    return report
