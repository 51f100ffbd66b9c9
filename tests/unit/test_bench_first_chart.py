"""`python -m bench first-chart` splits the time to the first chart from what the page recorded.

Timing itself is read by people; this checks the split on hand-made messages: the chart that
counts is the page's (main area), not the sidebar's blank one that starts Plotly's JavaScript.
"""

from __future__ import annotations

import base64

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.first_chart import FirstChartError, timeline


def message(at: float, kind: str, path: tuple[int, ...] = ()) -> list[object]:
    msg = ForwardMsg()
    if kind == "finished":
        msg.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    elif kind == "session":
        msg.new_session.name = "x"
    else:  # an element: 'plotly_chart' or 'markdown'
        msg.metadata.delta_path[:] = path
        element = msg.delta.new_element
        if kind == "plotly_chart":
            element.plotly_chart.spec = "{}"
        else:
            element.markdown.body = "text"
    return [at, base64.b64encode(msg.SerializeToString()).decode()]


def page(*messages: list[object]) -> dict[str, object]:
    return {
        "open": 900.0, "sent": 1000.0, "chart_drawn": 2600.0,
        "messages": list(messages), "plotly_chunk": [[1300.0, 1500.0]],
    }  # fmt: skip


def test_the_split_counts_the_pages_chart_not_the_sidebars() -> None:
    figures = timeline(
        page(
            message(1020.0, "session"),
            message(1100.0, "plotly_chart", (1, 0, 0)),  # the sidebar's blank chart
            message(1500.0, "markdown", (0, 0)),
            message(2200.0, "plotly_chart", (0, 6)),
            message(2400.0, "finished"),
        )
    )
    assert figures["first_chart_ms"] == 2600.0
    assert figures["browser_start_ms"] == 900.0
    assert figures["server_ms"] == 1200.0  # the request until the page's chart arrived
    assert figures["browser_draw_ms"] == 400.0
    assert figures["first_message_ms"] == 20.0
    assert figures["run_over_ms"] == 1400.0
    assert figures["plotly_chunk_start_ms"] == 1300.0
    assert figures["messages"] == 5


def test_a_page_without_the_charts_message_is_an_error() -> None:
    with pytest.raises(FirstChartError, match="no chart message"):
        timeline(page(message(1100.0, "plotly_chart", (1, 0, 0)), message(1400.0, "finished")))
