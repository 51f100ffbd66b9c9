"""What every page of this run looks at: the active corpus, its statements and the filtered view.

The sidebar computes one Scope per script run (before the page runs) from the global filters;
pages read it with current_scope(). The statements table of the shared default corpus is built
once per server (read-only); a session's own concepts or upload get their own copy.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import streamlit as st

from analysis.build import actor_tables
from analysis.gazetteer import default_gazetteer
from analysis.query import (
    REGION_PREFIX,
    Filters,
    actor_selection,
    dated_memberships,
    filter_statements,
    statement_table,
    with_days,
)
from analysis.schema import ACTOR, CONCEPT, DATE
from ui.loaders import DEFAULT, ActiveCorpus, analysis_of, shared_analysis
from ui.state import Vocabulary, data_hash
from ui.tables import AnalysisTables, StanceTables

SCOPE_KEY = "scope"
STATEMENTS_MEMO_KEY = "statements_memo"
CATEGORY_COLUMNS = (ACTOR, CONCEPT, "source", "kind")


@dataclass(frozen=True)
class Scope:
    """The active corpus and, when it is analysed with stances, its statements in view."""

    active: ActiveCorpus
    analysis: AnalysisTables | None
    stances: StanceTables | None
    statements: pd.DataFrame | None  # every statement, with names and article fields
    filters: Filters = field(default_factory=Filters)
    shown: pd.DataFrame | None = None  # the statements matching the filters
    vocab: Vocabulary = field(default_factory=Vocabulary)
    data: str = ""  # short hash of corpus + pipeline (carried by links)
    memberships: pd.DataFrame | None = None
    allowed_actors: frozenset[str] | None = None  # None: every actor
    periods: pd.DataFrame | None = None  # when group members count (analysis.query)
    actor_names: Mapping[str, str] = field(default_factory=dict)  # code -> name
    concept_labels: Mapping[str, str] = field(default_factory=dict)  # id -> label


@dataclass(frozen=True)
class Prepared:
    """What a corpus's statements give every run: the table, its vocabulary, display names."""

    statements: pd.DataFrame
    vocab: Vocabulary
    actor_names: Mapping[str, str]
    concept_labels: Mapping[str, str]


def build_scope(active: ActiveCorpus) -> Scope:
    """The scope before filtering: statements and the values a filter or a link may name."""
    analysis = analysis_of(active)
    stances = analysis.stances if analysis is not None else None
    if analysis is None or stances is None:
        return Scope(active, analysis, stances, None, data=_data(active, analysis))
    memberships = analysis.memberships
    if memberships is None:
        memberships = _gazetteer_memberships()
    prepared = _prepared(active, analysis, stances, memberships)
    return Scope(
        active,
        analysis,
        stances,
        prepared.statements,
        vocab=prepared.vocab,
        data=_data(active, analysis),
        memberships=memberships,
        actor_names=prepared.actor_names,
        concept_labels=prepared.concept_labels,
    )


def with_filters(scope: Scope, filters: Filters) -> Scope:
    """The scope with `filters` applied to its statements."""
    if scope.statements is None or scope.analysis is None:
        return Scope(**{**scope.__dict__, "filters": filters})
    memberships = scope.memberships if scope.memberships is not None else pd.DataFrame()
    allowed = actor_selection(filters, scope.analysis.actors, memberships)
    periods = dated_memberships(filters, scope.analysis.actors, memberships)
    shown = filter_statements(scope.statements, filters, allowed_actors=allowed, periods=periods)
    chosen = {"filters": filters, "shown": shown, "allowed_actors": allowed, "periods": periods}
    return Scope(**{**scope.__dict__, **chosen})


def vocabulary(
    statements: pd.DataFrame, actors: pd.DataFrame, memberships: pd.DataFrame
) -> Vocabulary:
    """Codes with at least one statement (and groups with a member that has one)."""
    speaking = set(statements[ACTOR].astype(str))
    groups = set(memberships.loc[memberships["member"].isin(speaking), "group"].astype(str))
    regions = actors.loc[actors["code"].isin(speaking), "region"].dropna().astype(str)
    dates = pd.to_datetime(statements[DATE], errors="coerce", format="%Y-%m-%d").dropna()
    return Vocabulary(
        actors=frozenset(speaking),
        groups=frozenset(groups | {REGION_PREFIX + r for r in regions}),
        concepts=frozenset(statements[CONCEPT].astype(str)),
        sources=frozenset(statements["source"].dropna().astype(str)),
        kinds=frozenset(statements["kind"].dropna().astype(str)),
        first=_day(dates.min()) if len(dates) else None,
        last=_day(dates.max()) if len(dates) else None,
    )


def _day(value: pd.Timestamp) -> date:
    return value.date()


def shared_key(scope: Scope, *parts: Hashable) -> tuple[Hashable, ...] | None:
    """A key for ui.memo.shared: what the default corpus's view depends on (its data hash, the
    filters) and `parts`; None for an upload or a session's own concepts (never shared)."""
    base = shared_analysis(scope.active)
    if scope.active.kind != DEFAULT or base is None or scope.stances is not base.stances:
        return None
    return (scope.data, base.corrections, scope.filters, *parts)


def require_statements(scope: Scope) -> pd.DataFrame:
    """The statements in view; else say that the filters match none and stop the page."""
    if scope.shown is None or scope.shown.empty:
        st.info(
            "No statement matches the filters. Widen them in the sidebar.", icon=":material/info:"
        )
        st.stop()
    return scope.shown


def current_scope() -> Scope:
    """The scope the sidebar computed in this run."""
    scope = st.session_state.get(SCOPE_KEY)
    if scope is None:  # a page run outside dashboard.py's navigation (never in the app)
        raise RuntimeError("ui.scope.current_scope() called before the sidebar ran")
    return scope


def keep_scope(scope: Scope) -> None:
    st.session_state[SCOPE_KEY] = scope


def _prepared(
    active: ActiveCorpus,
    analysis: AnalysisTables,
    stances: StanceTables,
    memberships: pd.DataFrame,
) -> Prepared:
    """Shared for the default corpus's own stances (built once per server), else per session."""
    base = shared_analysis(active)
    if active.kind == DEFAULT and base is not None and stances is base.stances:
        return _shared_prepared(
            _build_key(analysis), active.tables.articles, analysis, stances, memberships
        )
    memo = st.session_state.get(STATEMENTS_MEMO_KEY)
    if memo is not None and memo[0] is stances and memo[1] is active.tables.articles:
        return memo[2]
    prepared = prepare(active.tables.articles, analysis, stances, memberships)
    st.session_state[STATEMENTS_MEMO_KEY] = (stances, active.tables.articles, prepared)
    return prepared


@st.cache_resource(show_spinner=False, max_entries=4)  # corrected and raw, old and new
def _shared_prepared(
    key: str,
    _articles: pd.DataFrame,
    _analysis: AnalysisTables,
    _stances: StanceTables,
    _memberships: pd.DataFrame,
) -> Prepared:
    """The default corpus's statements, built once per build (`key`); read-only."""
    return prepare(_articles, _analysis, _stances, _memberships)


def prepare(
    articles: pd.DataFrame,
    analysis: AnalysisTables,
    stances: StanceTables,
    memberships: pd.DataFrame,
) -> Prepared:
    """The statements table (typed for speed), its vocabulary and the display names."""
    statements = _typed(
        statement_table(
            stances.document_stances,
            articles=articles,
            actors=analysis.actors,
            concepts=stances.concepts,
        )
    )
    actors = analysis.actors
    return Prepared(
        statements,
        vocabulary(statements, actors, memberships),
        dict(zip(actors["code"].astype(str), actors["name"].astype(str), strict=True)),
        dict(
            zip(
                stances.concepts["id"].astype(str),
                stances.concepts["label"].astype(str),
                strict=True,
            )
        ),
    )


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """Codes as categories and dates as datetime64 too: filters and counts are much faster."""
    return with_days(table.astype({c: "category" for c in CATEGORY_COLUMNS if c in table}))


def _build_key(analysis: AnalysisTables) -> str:
    stamp = analysis.stamp or {}
    return (
        f"{stamp.get('built_at')}|{stamp.get('corpus_hash')}|{stamp.get('pipeline_version')}"
        f"|{analysis.corrections}"
    )


def _data(active: ActiveCorpus, analysis: AnalysisTables | None) -> str:
    stamp = (analysis.stamp if analysis is not None else None) or {}
    corpus = stamp.get("corpus_hash") or len(active.tables.articles)
    return data_hash(active.kind, corpus, stamp.get("pipeline_version", ""))


@st.cache_resource(show_spinner=False)
def _gazetteer_memberships() -> pd.DataFrame:
    """Group memberships from the gazetteer (for an upload, whose tables carry none)."""
    return actor_tables(default_gazetteer())["memberships"]
