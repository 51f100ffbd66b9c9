"""Sections of the Article page: pick an article (kept in the URL), its marked text, its tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from analysis.query import mentions_by_actor
from analysis.schema import (
    ACTOR,
    ARTICLE_ID,
    CONCEPT,
    CONCEPT_LABEL,
    CONFIDENCE,
    DATE,
    END_CHAR,
    EVIDENCE,
    POLARITY,
    SPEAKER,
    START_CHAR,
)
from analysis.spelling import contains
from ui.article_html import article_html, date_label, header_html
from ui.corrections_view import (
    CORRECTION_CONFIG,
    corrections_in,
    pick_stance,
    quote_fix,
    stance_fix,
    writable,
)
from ui.progress import escape_markdown
from ui.tables import AnalysisTables, as_records

QUERY_PARAM = "article"  # /article?article=<id> opens that article
PICK_LIMIT = 1_000  # options in the article list; more matches are counted, not listed
PICK_COLUMNS = ["id", DATE, "source", "title"]
SHOWN_ID_CHARS = 80
NO_STANCES_HERE = (
    "No stances for this corpus: it is an upload, or its tables were built before stances were"
    " extracted (rebuild them with `make data`)."
)


def requested_article(articles: pd.DataFrame) -> str | None:
    """The article id in the URL when the corpus has it; a warning (and no id) when it does not."""
    wanted = st.query_params.get(QUERY_PARAM)
    if wanted is None:
        return None
    if wanted in set(articles["id"]):
        return wanted
    shown = escape_markdown(wanted[:SHOWN_ID_CHARS])  # from the URL: shown as plain text
    st.warning(
        f"No article with the id {shown} in the active corpus. Choose one below.",
        icon=":material/search_off:",
    )
    del st.query_params[QUERY_PARAM]
    return None


def article_filters(
    articles: pd.DataFrame, *, key: str
) -> tuple[str, list[str], tuple[date, date] | None]:
    """Search box, source multiselect and date range; returns (search, sources, dates or None)."""
    left, middle, right = st.columns([2, 2, 1.4])
    search = left.text_input(
        "Search titles and texts",
        key=f"{key}_search",
        placeholder="e.g. missile defense",
        help="Case-insensitive; matches the words as typed, anywhere in the title or the text.",
    )
    sources = middle.multiselect(
        "Sources",
        sorted(articles["source"].dropna().unique()),
        key=f"{key}_sources",
        placeholder="All sources",
    )
    dated = pd.to_datetime(articles[DATE], errors="coerce", format="%Y-%m-%d").dropna()
    if dated.empty:
        return search, sources, None
    full = (dated.min().date(), dated.max().date())
    picked = right.date_input(
        "Dates",
        value=full,
        min_value=full[0],
        max_value=full[1],
        key=f"{key}_dates",
        help="Undated articles are listed only while the whole range is selected.",
    )
    # Half-picked (one date) or the whole range: no date filter, undated articles stay listed.
    if not isinstance(picked, tuple) or len(picked) != 2 or tuple(picked) == full:
        return search, sources, None
    return search, sources, (picked[0], picked[1])


def filter_articles(
    articles: pd.DataFrame,
    *,
    search: str = "",
    sources: Sequence[str] = (),
    dates: tuple[date, date] | None = None,
) -> pd.DataFrame:
    """Articles (id, date, source, title) matching every filter given, newest first.

    The search finds its words as a phrase, in British or American spelling ('defence' finds
    'defense').
    """
    mask = pd.Series(True, index=articles.index)
    if search.strip():
        mask &= contains(articles["title"], search) | contains(articles["text"], search)
    if sources:
        mask &= articles["source"].isin(list(sources))
    if dates is not None:
        mask &= articles[DATE].between(dates[0].isoformat(), dates[1].isoformat())
    matches = articles.loc[mask, PICK_COLUMNS]
    return matches.sort_values(
        [DATE, "title"], ascending=[False, True], na_position="last", ignore_index=True
    )


def choose_article(matches: pd.DataFrame, current: str | None, *, key: str) -> None:
    """A list of the matches; choosing one puts its id in the URL (which the page then shows)."""
    listed = matches.head(PICK_LIMIT)
    labels = {
        row.id: f"{date_label(_text(row.date), None)} - {row.source} - {row.title}"
        for row in listed.itertuples(index=False)
    }
    pick_key = f"{key}_pick"
    # The URL is the source of truth: the list shows the open article when it is listed.
    st.session_state[pick_key] = current if current in labels else None
    st.selectbox(
        "Article",
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        key=pick_key,
        placeholder="Choose an article" if labels else "No article matches these filters",
        on_change=_follow_pick,
        args=(pick_key,),
    )
    shown = f"{len(matches):,} article{'' if len(matches) == 1 else 's'} match"
    if len(matches) > PICK_LIMIT:
        shown += f"; the newest {PICK_LIMIT:,} are listed. Narrow the search to see the others"
    st.caption(f"{shown}.")


def _follow_pick(pick_key: str) -> None:
    """on_change: open the chosen article by writing its id into the URL."""
    chosen = st.session_state.get(pick_key)
    if chosen:
        st.query_params[QUERY_PARAM] = chosen
    else:
        st.query_params.pop(QUERY_PARAM, None)


def article_row(articles: pd.DataFrame, article_id: str) -> dict[str, Any]:
    """One article as a dict of plain values (missing fields as None)."""
    return as_records(articles[articles["id"] == article_id])[0]


def article_header(article: dict[str, Any]) -> None:
    """Title, date, source, link to the original and attribution (escaped HTML)."""
    st.html(header_html(article))


def article_text(article: dict[str, Any], analysis: AnalysisTables) -> None:
    """The text with its stance sentences, actor mentions and quotes marked, and notes on them."""
    mentions, quotes = _of_article(analysis, article["id"])
    body = article_html(
        article["text"] or "",
        as_records(mentions),
        as_records(quotes),
        actor_names=actor_names(analysis),
        stances=as_records(_stances_of(analysis, article["id"])),
        concept_labels=concept_labels(analysis),
    )
    st.html(body)


def analysis_caption(article: dict[str, Any], analysis: AnalysisTables) -> str:
    """'12 actor mentions of 4 actors; 3 quotes (2 direct, 1 indirect). Pipeline: ...'."""
    mentions, quotes = _of_article(analysis, article["id"])
    actors = mentions[ACTOR].dropna()
    kinds = quotes["kind"].value_counts()
    stances = (
        ""
        if analysis.stances is None
        else "; " + _n(len(_stances_of(analysis, article["id"])), "stance")
    )
    return (
        f"{_n(len(actors), 'actor mention')} of {_n(actors.nunique(), 'actor')};"
        f" {_n(len(quotes), 'quote')} ({int(kinds.get('direct', 0)):,} direct,"
        f" {int(kinds.get('indirect', 0)):,} reported){stances}. Found by {analysis.pipeline}"
        " and Stancemap's rules: check them against the text."
    )


def quotes_table(article_id: str, analysis: AnalysisTables) -> None:
    """Every quote of the article, numbered as in the text."""
    _, quotes = _of_article(analysis, article_id)
    if quotes.empty:
        st.caption("The analysis found no quotes in this article.")
        return
    table = quotes.sort_values([START_CHAR, END_CHAR], kind="stable", ignore_index=True)
    table.insert(0, "number", [f"Q{i}" for i in range(1, len(table) + 1)])
    table[ACTOR] = table[ACTOR].fillna("no actor")
    table[SPEAKER] = table[SPEAKER].fillna("unknown speaker")
    st.dataframe(
        table[["number", SPEAKER, ACTOR, "kind", "verb", CONFIDENCE, "text",
               *corrections_in(table)]],
        hide_index=True,
        column_config={
            "number": st.column_config.TextColumn("#", width=50),
            SPEAKER: st.column_config.TextColumn("Speaker", width=200),
            ACTOR: st.column_config.TextColumn("Actor", width=90),
            "kind": st.column_config.TextColumn("Kind", width=80),
            "verb": st.column_config.TextColumn("Verb", width=90),
            CONFIDENCE: st.column_config.NumberColumn("Confidence", format="%.2f", width=95),
            "text": st.column_config.TextColumn("Quoted words"),
            **CORRECTION_CONFIG,
        },
    )  # fmt: skip
    _quote_fix(quotes, analysis)


def _quote_fix(quotes: pd.DataFrame, analysis: AnalysisTables) -> None:
    """Pick one of the article's quotes and give it another speaker or actor."""
    if not writable():
        return
    table = quotes.sort_values([START_CHAR, END_CHAR], kind="stable", ignore_index=True)
    speakers = table[SPEAKER].where(table[SPEAKER].notna(), "unknown speaker")
    labels = [
        f"Q{i + 1} · {speaker} · {str(text)[:80]}"
        for i, (speaker, text) in enumerate(zip(speakers, table["text"], strict=True))
    ]
    choice = st.selectbox(
        "Correct a quote", [None, *range(len(table))], key="article_fix_quote_pick",
        format_func=lambda i: "Choose a quote to correct" if i is None else labels[i],
    )  # fmt: skip
    if choice is not None:
        quote_fix(table.iloc[choice].to_dict(), analysis, key="article_fix_quote")


def mentions_table(article_id: str, analysis: AnalysisTables) -> None:
    """Actors mentioned in the article: code, name, number of mentions (most mentioned first)."""
    mentions, _ = _of_article(analysis, article_id)
    counts = mentions_by_actor(mentions, analysis.actors)
    if counts.empty:
        st.caption("The analysis found no actor mentioned in this article.")
        return
    st.dataframe(
        counts,
        hide_index=True,
        width=520,
        column_config={
            ACTOR: st.column_config.TextColumn("Actor", width=90),
            "name": st.column_config.TextColumn("Name", width=280),
            "mentions": st.column_config.NumberColumn("Mentions", width=90),
        },
    )


def stances_table(article_id: str, analysis: AnalysisTables) -> None:
    """Every stance of the article, numbered as in the text: actor, side, concept, evidence."""
    if analysis.stances is None:
        st.caption(NO_STANCES_HERE)
        return
    rows = _stances_of(analysis, article_id)
    if rows.empty:
        st.caption("The analysis found no stance in this article.")
        return
    table = rows.sort_values([START_CHAR, END_CHAR], kind="stable", ignore_index=True)
    table.insert(0, "number", [f"S{i}" for i in range(1, len(table) + 1)])
    names, labels = actor_names(analysis), concept_labels(analysis)
    table["name"] = table[ACTOR].map(names).fillna(table[ACTOR])
    table["side"] = table[POLARITY].map({1: "for \u25b2", -1: "against \u25bc"})
    table[CONCEPT_LABEL] = table[CONCEPT].map(labels).fillna(table[CONCEPT])
    st.dataframe(
        table[["number", ACTOR, "name", "side", CONCEPT_LABEL, "cue", "method", CONFIDENCE,
               EVIDENCE]],
        hide_index=True,
        column_config={
            "number": st.column_config.TextColumn("#", width=50),
            ACTOR: st.column_config.TextColumn("Actor", width=70),
            "name": st.column_config.TextColumn("Name", width=150),
            "side": st.column_config.TextColumn("Side", width=90),
            CONCEPT_LABEL: st.column_config.TextColumn("Concept", width=220),
            "cue": st.column_config.TextColumn("Cue", width=180),
            "method": st.column_config.TextColumn("Method", width=100),
            CONFIDENCE: st.column_config.NumberColumn("Confidence", format="%.2f", width=95),
            EVIDENCE: st.column_config.TextColumn("Evidence sentence"),
        },
    )  # fmt: skip
    records = table.assign(actor_name=table["name"]).to_dict("records")
    row = pick_stance(pd.DataFrame(records), key="article_fix_stance")
    if row is not None:
        stance_fix(row, analysis, key="article_fix_stance")


def concept_labels(analysis: AnalysisTables) -> dict[str, str]:
    """Concept id -> label (empty for a build without stances)."""
    if analysis.stances is None:
        return {}
    concepts = analysis.stances.concepts
    return dict(zip(concepts["id"], concepts["label"], strict=True))


def _stances_of(analysis: AnalysisTables, article_id: str) -> pd.DataFrame:
    """The article's stance rows (none for a build without stances)."""
    if analysis.stances is None:
        return pd.DataFrame({START_CHAR: [], END_CHAR: []})
    stances = analysis.stances.stances
    return stances[stances[ARTICLE_ID] == article_id]


def actor_names(analysis: AnalysisTables) -> dict[str, str]:
    """Actor code -> name."""
    return dict(zip(analysis.actors["code"], analysis.actors["name"], strict=True))


def _of_article(analysis: AnalysisTables, article_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The article's mentions and quotes."""
    mentions = analysis.mentions[analysis.mentions[ARTICLE_ID] == article_id]
    quotes = analysis.quotes[analysis.quotes[ARTICLE_ID] == article_id]
    return mentions, quotes


def _n(count: int, noun: str) -> str:
    """'1 quote', '3 quotes'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _text(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


AT_PARAM = "at"  # /article?article=<id>&at=<start_char>: the place a link came from


def place_note(article: dict[str, Any]) -> None:
    """When a link named a place in the article (Evidence page), quote the passage there."""
    raw = st.query_params.get(AT_PARAM)
    text = str(article.get("text") or "")
    if raw is None or not raw.isdigit() or int(raw) >= len(text):
        return
    start = int(raw)
    end = text.find("\n\n", start)
    passage = text[start : end if end != -1 else len(text)][:600]
    st.info(
        f"From the link, at character {start:,}: \u201c{escape_markdown(passage.strip())}\u201d"
        " (marked in the text below).",
        icon=":material/my_location:",
    )
