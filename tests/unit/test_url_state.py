"""ui.state's codec: a view -> query parameters -> the same view; bad values give notices."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from analysis.query import Filters
from ui.state import View, Vocabulary, decode_view, default_filters, encode_view, permalink

VOCAB = Vocabulary(
    actors=frozenset({"USA", "RUS", "UKR"}),
    groups=frozenset({"NATO", "region:Europe"}),
    concepts=frozenset({"ukraine_sovereignty", "two_state_solution"}),
    sources=frozenset({"UN General Debate, 2022", "Wire; news"}),
    kinds=frozenset({"statement", "readout"}),
    first=date(2020, 1, 1),
    last=date(2024, 12, 31),
)

VIEWS = [
    View(),
    View(Filters(actors=("USA", "RUS")), {"view": "bars", "focus": "two_state_solution"}),
    View(
        Filters(
            start=date(2022, 2, 24),
            end=date(2023, 1, 1),
            actors=("UKR",),
            groups=("NATO", "region:Europe"),
            concepts=("ukraine_sovereignty",),
            sources=("UN General Debate, 2022", "Wire; news"),
            kinds=("readout",),
            min_statements=3,
            min_confidence=0.55,
        ),
        {"freq": "week"},
        {"chart": "stances.matrix", "marks": [["USA", "ukraine_sovereignty"], ["RUS", "c", -1]]},
        "ab12cd34",
    ),  # fmt: skip
]


@pytest.mark.parametrize("view", VIEWS)
def test_round_trip(view: View) -> None:
    decoded, notices = decode_view(encode_view(view), VOCAB)
    assert notices == []
    assert decoded == view


@pytest.mark.parametrize("view", VIEWS)
def test_round_trip_through_a_real_address(view: View) -> None:
    """What the browser keeps: the URL text (commas and semicolons in values survive)."""
    query = urlsplit(permalink("http://host/stances", view)).query
    decoded, notices = decode_view(parse_qs(query, keep_blank_values=True), VOCAB)
    assert (decoded, notices) == (view, [])


def test_defaults_are_left_out_of_the_link() -> None:
    assert encode_view(View()) == {}
    assert permalink("http://host/", View()) == "http://host/"


def test_a_link_without_a_confidence_takes_the_default_and_one_with_0_keeps_0() -> None:
    assert default_filters().min_confidence > 0  # the shipped scorer's default
    assert decode_view({}, VOCAB)[0].filters.min_confidence == default_filters().min_confidence
    everything = View(Filters(min_confidence=0.0))
    assert encode_view(everything) == {"conf": ["0"]}
    assert decode_view(encode_view(everything), VOCAB)[0] == everything


@pytest.mark.parametrize(
    ("params", "kept", "notice"),
    [
        ({"actor": ["USA", "XXX"]}, {"actors": ("USA",)}, "actor: 'XXX' not in this corpus"),
        ({"from": ["2022-13-01"]}, {}, "from: '2022-13-01' is not a date"),
        ({"from": ["2023-01-01"], "to": ["2022-01-01"]}, {}, "is after to"),
        ({"min": ["many"]}, {}, "min: 'many' is not a number"),
        ({"conf": ["2"]}, {}, "conf: 2 is outside 0 to 1"),
        ({"view": ["pie"]}, {}, "view: 'pie' is not a choice here"),
        ({"focus": ["unknown_concept"]}, {}, "focus: 'unknown_concept'"),
        ({"pick": ["nonsense"]}, {}, "pick: 'nonsense' is not a chart mark"),
        ({"utm_source": ["x"]}, {}, "unknown parameter: 'utm_source'"),
    ],
)
def test_invalid_values_are_dropped_with_a_notice(
    params: dict[str, list[str]], kept: dict[str, object], notice: str
) -> None:
    view, notices = decode_view(params, VOCAB)
    assert view.filters == replace(default_filters(), **kept)
    assert len(notices) == 1 and notice in notices[0]


def test_dates_outside_the_corpus_are_clamped_and_other_pages_params_kept_quiet() -> None:
    view, notices = decode_view({"from": ["1999-01-01"], "article": ["voa-1"]}, VOCAB)
    assert view.filters.start == date(2020, 1, 1)
    assert notices == []
