"""The view in the URL: global filters, page options and the picked chart mark as query parameters.

Copying the address bar reproduces the view. The codec (encode_view / decode_view) is pure and
tested by a round trip; the Streamlit side is two calls per run: `seed_from_url` before the
widgets are drawn (a new or edited URL sets their values) and `publish_url` after the page ran
(the widgets' values go back into the URL). Codes, never display names, travel in the URL:
`?actor=RUS&actor=UKR&concept=ukraine_sovereignty&from=2022-02-24&view=bars`.

Parameters this module does not manage (the Article page's `article`) are left alone.
Invalid values are dropped with a notice the sidebar shows; they never stop a page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import streamlit as st

from analysis.query import REGION_PREFIX, Filters
from ui.method import default_min_confidence

# URL parameter -> Filters field, for the global (sidebar) filters.
LIST_PARAMS = {
    "actor": "actors",
    "group": "groups",
    "concept": "concepts",
    "source": "sources",
    "kind": "kinds",
}
SCALAR_PARAMS = ("from", "to", "min", "conf")
# Page options: URL parameter -> the widget's st.session_state key and its allowed values
# (None: any code the corpus knows for `vocabulary_of`, see OPTION_VOCABULARY).
PAGE_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "view": ("stances_view", ("matrix", "bars", "map")),
    "focus": ("stances_concept", None),
    "freq": ("timeline_freq", ("month", "week")),
    "net": ("network_kind", ("congruence", "conflict", "relations")),
    "norm": ("network_norm", ("none", "average", "jaccard")),
    "q": ("evidence_search", None),
    "rows": ("evidence_rows", ("stances", "quotes")),
}
OPTION_VOCABULARY = {"focus": "concepts"}  # options whose values must be known codes
# The picked mark of a page: URL `pick` <-> st.session_state[<page>_pick].
PICK_PARAM = "pick"
PICK_KEYS = {
    "stances": "stances_pick",
    "timeline": "timeline_pick",
    "network": "network_pick",
    "overview": "overview_pick",
}
DATA_PARAM = "data"  # short hash of the corpus and pipeline the link was made on
# Parameters of other pages (the Article page) or of Streamlit itself: left as they are.
UNMANAGED = frozenset({"article", "at", "embed", "embed_options"})
MAX_PICKED_MARKS = 20
MARK_SEP, FIELD_SEP = ";", "~"

# st.session_state keys of the sidebar's filter widgets.
FILTER_KEYS = {
    "dates": "flt_dates",
    "actors": "flt_actors",
    "groups": "flt_groups",
    "concepts": "flt_concepts",
    "sources": "flt_sources",
    "kinds": "flt_kinds",
    "min_statements": "flt_min",
    "min_confidence": "flt_conf",
}
WRITTEN_KEY = "url_written"  # the parameters this session last put into the URL
NOTICES_KEY = "url_notices"
USED_KEY = "url_page_options"  # page options drawn in this run: {param: value}


@dataclass(frozen=True)
class Vocabulary:
    """The values a link may name in the active corpus (anything else is dropped with a notice)."""

    actors: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    concepts: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    first: date | None = None  # the corpus's date range (None: no dated statement)
    last: date | None = None


@dataclass(frozen=True)
class View:
    """Everything a link carries: filters, page options, the picked marks, the data hash."""

    filters: Filters = field(default_factory=lambda: default_filters())
    options: Mapping[str, str] = field(default_factory=dict)
    pick: Mapping[str, Any] | None = None  # {"chart": name, "marks": [[...], ...]}
    data: str | None = None


def default_filters() -> Filters:
    """What a view filters before anyone chose: everything, at the scorer's minimum confidence."""
    return Filters(min_confidence=default_min_confidence())


# ---------------------------------------------------------------------------------- codec


def encode_view(view: View) -> dict[str, list[str]]:
    """The query parameters of a view; values at their default are left out (short links)."""
    f = view.filters
    params: dict[str, list[str]] = {
        param: list(getattr(f, name)) for param, name in LIST_PARAMS.items() if getattr(f, name)
    }
    if f.start is not None:
        params["from"] = [f.start.isoformat()]
    if f.end is not None:
        params["to"] = [f.end.isoformat()]
    if f.min_statements > 1:
        params["min"] = [str(f.min_statements)]
    if f.min_confidence != default_min_confidence():
        params["conf"] = [f"{f.min_confidence:g}"]
    params.update({k: [v] for k, v in view.options.items() if v})
    if view.pick and view.pick.get("marks"):
        params[PICK_PARAM] = [encode_pick(view.pick)]
    if view.data:
        params[DATA_PARAM] = [view.data]
    return params


def decode_view(params: Mapping[str, Sequence[str]], vocab: Vocabulary) -> tuple[View, list[str]]:
    """The view a link asks for, and one notice per value that was ignored (and why)."""
    notices: list[str] = []
    lists: dict[str, tuple[str, ...]] = {}
    for param, name in LIST_PARAMS.items():
        allowed: frozenset[str] = getattr(vocab, name)
        values = list(dict.fromkeys(params.get(param, ())))
        unknown = [v for v in values if v not in allowed]
        if unknown:
            notices.append(f"{param}: {_listing(unknown)} not in this corpus")
        lists[name] = tuple(v for v in values if v in allowed)
    start = _date_param(params, "from", vocab, notices)
    end = _date_param(params, "to", vocab, notices)
    if start is not None and end is not None and start > end:
        notices.append(f"from {start} is after to {end}: dates ignored")
        start = end = None
    filters = Filters(
        start=start,
        end=end,
        min_statements=_number(params, "min", int, 1, 1_000_000, notices) or 1,
        min_confidence=_or_default(
            _number(params, "conf", float, 0.0, 1.0, notices), default_min_confidence()
        ),
        **lists,
    )
    options = _options(params, vocab, notices)
    pick = _pick(params, notices)
    data = _last(params, DATA_PARAM)
    known = {*LIST_PARAMS, *SCALAR_PARAMS, *PAGE_OPTIONS, PICK_PARAM, DATA_PARAM, *UNMANAGED}
    unknown_params = sorted(set(params) - known)
    if unknown_params:
        notices.append(f"unknown parameter{'s' if len(unknown_params) > 1 else ''}: "
                       f"{_listing(unknown_params)}")  # fmt: skip
    return View(filters, options, pick, data), notices


def encode_pick(pick: Mapping[str, Any]) -> str:
    """'stances.matrix:USA~two_state_solution;RUS~sanctions_on_russia' (page.chart:marks)."""
    marks = [FIELD_SEP.join(str(v) for v in mark) for mark in pick["marks"][:MAX_PICKED_MARKS]]
    return f"{pick['chart']}:{MARK_SEP.join(marks)}"


def _pick(params: Mapping[str, Sequence[str]], notices: list[str]) -> dict[str, Any] | None:
    raw = _last(params, PICK_PARAM)
    if not raw:
        return None
    chart, sep, body = raw.partition(":")
    marks = [[_field(v) for v in mark.split(FIELD_SEP)] for mark in body.split(MARK_SEP) if mark]
    if not sep or not chart or not marks:
        notices.append(f"pick: {raw!r} is not a chart mark")
        return None
    return {"chart": chart, "marks": marks[:MAX_PICKED_MARKS]}


def _field(text: str) -> str | int:
    """Mark fields are codes, dates or a polarity (+1 / -1, kept as a number)."""
    return int(text) if text in ("1", "-1") else text


def _options(
    params: Mapping[str, Sequence[str]], vocab: Vocabulary, notices: list[str]
) -> dict[str, str]:
    options: dict[str, str] = {}
    for param, (_, allowed) in PAGE_OPTIONS.items():
        value = _last(params, param)
        if value is None:
            continue
        vocabulary = OPTION_VOCABULARY.get(param)
        valid = getattr(vocab, vocabulary) if vocabulary else allowed
        if valid is not None and value not in valid:
            notices.append(f"{param}: {value!r} is not a choice here")
            continue
        options[param] = value
    return options


def _date_param(
    params: Mapping[str, Sequence[str]], name: str, vocab: Vocabulary, notices: list[str]
) -> date | None:
    raw = _last(params, name)
    if raw is None:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        notices.append(f"{name}: {raw!r} is not a date (YYYY-MM-DD)")
        return None
    if vocab.first is not None and vocab.last is not None:
        return min(max(value, vocab.first), vocab.last)
    return value


def _or_default(value: float | None, default: float) -> float:
    """A number a link gave (0 included), else the default."""
    return default if value is None else float(value)


def _number(
    params: Mapping[str, Sequence[str]],
    name: str,
    kind: type[int] | type[float],
    low: float,
    high: float,
    notices: list[str],
) -> Any:
    raw = _last(params, name)
    if raw is None:
        return None
    try:
        value = kind(raw)
    except ValueError:
        notices.append(f"{name}: {raw!r} is not a number")
        return None
    if not low <= value <= high:
        notices.append(f"{name}: {raw} is outside {low:g} to {high:g}")
        return None
    return value


def _last(params: Mapping[str, Sequence[str]], name: str) -> str | None:
    values = params.get(name)
    return values[-1] if values else None


def _listing(values: Iterable[str], most: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:most])
    return shown + (f" and {len(values) - most} more" if len(values) > most else "")


def data_hash(*parts: object) -> str:
    """A short hash of what a link's view was computed on (corpus hash, pipeline version)."""
    digest = hashlib.blake2b(digest_size=4)
    for part in parts:
        digest.update(str(part).encode("utf-8") + b"\x00")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------- session


def seed_from_url(vocab: Vocabulary, data: str) -> None:
    """Before the widgets: a new or edited URL sets the filter, option and pick values.

    A URL equal to what this session last wrote changes nothing (the widgets hold the truth);
    an empty URL after the session wrote one (Streamlit empties it when the page changes)
    keeps the session's view, and publish_url writes it back.
    """
    params = _current_params()
    written = st.session_state.get(WRITTEN_KEY)
    managed = {k: v for k, v in params.items() if k not in UNMANAGED}
    if managed == written or (not managed and written is not None):
        return
    view, notices = decode_view(params, vocab)
    if view.data and view.data != data:
        notices.append(
            "this link was made on other data (another corpus or analysis version):"
            " the view may differ from the one shared"
        )
    st.session_state[NOTICES_KEY] = notices
    for name, key in FILTER_KEYS.items():
        if name != "dates":
            st.session_state[key] = _widget_value(name, getattr(view.filters, name))
    st.session_state[FILTER_KEYS["dates"]] = _date_widget_value(view.filters, vocab)
    for param, (key, _) in PAGE_OPTIONS.items():
        if param in view.options:
            st.session_state[key] = view.options[param]
    for key in PICK_KEYS.values():
        st.session_state.pop(key, None)
    if view.pick is not None:
        page, _, chart = str(view.pick["chart"]).partition(".")
        if page in PICK_KEYS and chart:
            st.session_state[PICK_KEYS[page]] = {"chart": chart, "marks": view.pick["marks"]}
    st.session_state[WRITTEN_KEY] = managed


def _widget_value(name: str, value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _date_widget_value(filters: Filters, vocab: Vocabulary) -> tuple[date, date] | None:
    if vocab.first is None or vocab.last is None:
        return None
    return (filters.start or vocab.first, filters.end or vocab.last)


def use_option(param: str, value: str | None) -> None:
    """A page drew the option `param` with `value`: it goes into this run's URL."""
    used = st.session_state.setdefault(USED_KEY, {})
    used[param] = value


def page_pick(page: str) -> None:
    """Put this page's picked marks into this run's URL (see ui.stance_view's pick keys)."""
    used = st.session_state.setdefault(USED_KEY, {})
    used[PICK_PARAM] = page


def publish_url(filters: Filters | None, data: str) -> dict[str, list[str]]:
    """After the page ran: the session's view goes into the URL (managed parameters only).

    Returns every parameter of the URL now (for the permalink)."""
    used: dict[str, str | None] = st.session_state.pop(USED_KEY, None) or {}
    pick_page = used.pop(PICK_PARAM, None)
    picked = st.session_state.get(PICK_KEYS.get(str(pick_page), "")) if pick_page else None
    pick = {"chart": f"{pick_page}.{picked['chart']}", "marks": picked["marks"]} if picked else None
    options = {k: v for k, v in used.items() if v}
    view = View(filters or default_filters(), options, pick, data if filters is not None else None)
    wanted = encode_view(view)
    current = _current_params()
    managed = {k: v for k, v in current.items() if k not in UNMANAGED}
    if managed != wanted:
        kept = {k: v for k, v in current.items() if k in UNMANAGED}
        st.query_params.from_dict({**kept, **wanted})
    st.session_state[WRITTEN_KEY] = wanted
    return {**{k: v for k, v in current.items() if k in UNMANAGED}, **wanted}


def _current_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def notices() -> list[str]:
    """What the last link asked for that could not be shown."""
    return list(st.session_state.get(NOTICES_KEY) or [])


def dismiss_notices() -> None:
    st.session_state[NOTICES_KEY] = []


def filters_from_widgets(vocab: Vocabulary) -> Filters:
    """The Filters the sidebar widgets hold now (after they were drawn)."""
    state = st.session_state
    dates = state.get(FILTER_KEYS["dates"])
    start = end = None
    if isinstance(dates, (tuple, list)) and len(dates) == 2:
        start = dates[0] if dates[0] != vocab.first else None
        end = dates[1] if dates[1] != vocab.last else None
    return Filters(
        start=start,
        end=end,
        **{
            name: tuple(state.get(FILTER_KEYS[name]) or ())
            for name in ("actors", "groups", "concepts", "sources", "kinds")
        },
        min_statements=int(state.get(FILTER_KEYS["min_statements"]) or 1),
        min_confidence=float(state.get(FILTER_KEYS["min_confidence"]) or 0.0),
    )


def permalink(base_url: str, view: View) -> str:
    """The full address of a view (for the 'Copy link' box)."""
    from urllib.parse import urlencode

    query = urlencode([(k, v) for k, values in encode_view(view).items() for v in values])
    return f"{base_url}?{query}" if query else base_url


def group_label(group: str) -> str:
    """'Region: Africa' for a region value, the group code otherwise."""
    if group.startswith(REGION_PREFIX):
        return "Region: " + group.removeprefix(REGION_PREFIX)
    return group
