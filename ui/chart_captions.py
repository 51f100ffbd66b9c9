"""What a chart says about what it draws: the subtitle made from the filters, the source line,
and the caption under it (how many statements, in how many articles, dates, sources, method).

Plain text for a figure and an exported slide; statements_caption() escapes it for Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from analysis.query import Filters
from analysis.schema import ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL, DATE
from charts.style import plural
from ui.method import method_note, precision_note
from ui.progress import escape_markdown
from ui.state import group_label

COUNTING_RULE = (
    "A statement is one actor's side on one concept in one article (+1 for, -1 against); the"
    " mean stance is the mean of those sides."
)


def filters_subtitle(drawn: pd.DataFrame, filters: Filters) -> str:
    """What the chart draws, in a few words, for its title (plain text).

    `drawn` is the statements behind the chart's marks: concepts and sources are named from
    them (a concept chosen on the page counts as much as one chosen in the sidebar); actors
    from the filters' actors and groups; dates and confidence from the filters.
    """
    parts = [
        _few(filters.concepts, drawn, CONCEPT, CONCEPT_LABEL, "concepts", "all concepts"),
        _few(filters.actors, drawn, ACTOR, ACTOR_NAME, "actors", "all actors"),
        _few(filters.sources, drawn, "source", "source", "sources", "all sources", most=1),
    ]
    if filters.groups:
        parts[1] = ", ".join(
            [*([parts[1]] if filters.actors else []), *map(group_label, filters.groups)]
        )
    if filters.kinds:
        parts.append(", ".join(k.replace("_", " ") for k in filters.kinds))
    if filters.dated:
        start = filters.start.isoformat() if filters.start else "start"
        end = filters.end.isoformat() if filters.end else "end"
        parts.append(f"{start} to {end}")
    if filters.min_confidence > 0:
        parts.append(f"confidence \u2265 {filters.min_confidence:g}")
    return " \u00b7 ".join(parts)


def _few(
    chosen: Sequence[str],
    drawn: pd.DataFrame,
    column: str,
    name: str,
    noun: str,
    every: str,
    *,
    most: int = 2,
) -> str:
    """The drawn values of `column` by name (up to `most`), else how many; `every` only when
    nothing was chosen and the chart draws none (an empty chart)."""
    if column not in drawn or name not in drawn:  # rows of another kind (relations)
        drawn = pd.DataFrame({column: [], name: []})
    names = dict(zip(drawn[column].astype(str), drawn[name].astype(str), strict=True))
    values = list(dict.fromkeys(names)) if len(drawn) else list(chosen)
    if not values:
        return every
    if len(values) > most:
        return f"{len(values)} {noun}"
    return ", ".join(str(names.get(c, c)) for c in values)


def source_line(shown: pd.DataFrame) -> str:
    """The attribution of every source in view, one per line (for the figure)."""
    return "\n".join(dict.fromkeys(str(a) for a in shown["attribution"].dropna()))


def statements_caption(shown: pd.DataFrame) -> str:
    """'123 statements in 45 articles, 2021-10-12 to 2024-01-09; sources: ...' (Markdown-safe)."""
    return plain_caption(shown, escape=escape_markdown)


def plain_caption(
    shown: pd.DataFrame,
    *,
    escape: Callable[[str], str] = str,
    noun: str = "statement",
    source: str = "source",
    rule: str = COUNTING_RULE,
) -> str:
    """The caption of the rows a chart draws (statements, or relations with `noun`): how many,
    in how many articles, their dates and their sources (names passed through `escape`)."""
    if shown.empty:
        return f"No {noun} matches these filters."
    dates = shown[DATE].dropna()
    when = f"{dates.min()} to {dates.max()}" if len(dates) else "no dated article"
    undated = int(shown[DATE].isna().sum())
    if undated:
        when += f" ({plural(undated, noun)} undated)"
    by_source = shown.groupby(source, observed=True).size().sort_values(ascending=False)
    sources = "; ".join(f"{escape(str(s))} ({n:,})" for s, n in by_source.items() if n)
    return (
        f"{plural(len(shown), noun)} in {plural(shown['article_id'].nunique(), 'article')}, {when}."
        f" Sources: {sources}. {rule}"
        f" {precision_note(shown) if noun == 'statement' else ''}"
    ).rstrip()


def export_caption(shown: pd.DataFrame, **kinds: str) -> str:
    """What an exported chart carries under it: counts, dates, sources, method and accuracy;
    `kinds` as plain_caption's (noun, source column, counting rule)."""
    return f"{plain_caption(shown, **kinds)} {method_note()}"
