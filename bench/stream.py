"""A browser-less Streamlit session: the app's websocket, driven with its own protobufs.

What a browser tab does, minus drawing: open /_stcore/stream, send a BackMsg `rerun_script` with
the page, the query string and the widget states, read ForwardMsgs until the run is over. The
messages are parsed only as far as needed (the run's end, exceptions, the navigation, widget
ids, the URL the app publishes), so hundreds of sessions cost the machine little.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# FINISHED_EARLY_FOR_RERUN: the script called st.rerun() (or was interrupted); a new run follows.
EARLY_FOR_RERUN = 2
COMPILE_ERROR = 1


class StreamError(RuntimeError):
    """The session broke: the websocket closed, or a run did not end in time."""


@dataclass(frozen=True)
class AppPage:
    """A page of the app's navigation."""

    script_hash: str
    url_path: str
    title: str
    hidden: bool


@dataclass(frozen=True)
class RunResult:
    """One request for a run, as the client saw it."""

    elapsed_ms: float  # sending the BackMsg until the run was over
    exceptions: tuple[str, ...]  # messages of the exception boxes the run drew
    messages: int
    runs: int  # script runs: more than 1 when the script called st.rerun()


@dataclass
class StreamSession:
    """One session of the app at `url` (http://host:port), connected with `connect()`."""

    url: str
    timeout_s: float = 120.0
    session_id: str = ""
    pages: list[AppPage] = field(default_factory=list)
    query_string: str = ""
    page: AppPage | None = None
    widgets: dict[str, Any] = field(default_factory=dict)  # user key -> element proto
    _ws: Any = None

    async def connect(self) -> None:
        """Open the websocket as the browser does (subprotocol 'streamlit', same origin)."""
        from websockets.asyncio.client import connect

        parts = urlsplit(self.url)
        self._ws = await connect(
            f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"{parts.scheme}://{parts.netloc}",  # type: ignore[arg-type]
            max_size=None,
            open_timeout=self.timeout_s,
        )

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    async def open_page(self, page: AppPage | None = None) -> RunResult:
        """Run `page` (None: the URL's default page), as a click in the navigation does."""
        self.query_string = "" if page is not None else self.query_string
        self.page = page
        return await self._rerun([])

    async def set_widget(self, key: str, value: Any) -> RunResult:
        """Change the widget whose key is `key` to `value` and rerun, as a user's edit does."""
        element = self.widgets.get(key)
        if element is None:
            raise StreamError(f"no widget with key {key!r} in the last run")
        return await self._rerun([widget_state(element, value)])

    def widget_value(self, key: str) -> Any:
        """The value the last run drew for the widget with key `key`."""
        element = self.widgets[key]
        return element.value if element.HasField("value") else element.default

    async def _rerun(self, states: list[Any]) -> RunResult:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = self.query_string
        client.widget_states.widgets.extend(states)
        client.context_info.url = self.url
        if self.page is not None:
            client.page_script_hash = self.page.script_hash
            client.page_name = self.page.url_path
        started = time.perf_counter()
        await self._ws.send(msg.SerializeToString())
        return await self._until_run_over(started)

    async def _until_run_over(self, started: float) -> RunResult:
        """Read ForwardMsgs until a script run ends without a rerun to follow."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        exceptions: list[str] = []
        messages = runs = 0
        deadline = started + self.timeout_s
        while True:
            try:
                data = await _recv(self._ws, deadline)
            except ConnectionClosed as e:
                raise StreamError(f"the server closed the websocket: {e}") from e
            messages += 1
            msg = ForwardMsg.FromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._take_delta(msg.delta, exceptions)
            elif kind == "new_session":
                self._take_session(msg.new_session)
            elif kind == "navigation":
                self.pages = [_page(p) for p in msg.navigation.app_pages]
            elif kind == "page_info_changed":
                self.query_string = msg.page_info_changed.query_string
            elif kind == "script_finished":
                runs += 1
                if msg.script_finished == COMPILE_ERROR:
                    exceptions.append("the script did not compile")
                if msg.script_finished != EARLY_FOR_RERUN:
                    elapsed = (time.perf_counter() - started) * 1000
                    return RunResult(elapsed, tuple(exceptions), messages, runs)

    def _take_delta(self, delta: Any, exceptions: list[str]) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            exceptions.append(f"{element.exception.type}: {element.exception.message}")
            return
        inner = getattr(element, kind) if kind else None
        widget_id = getattr(inner, "id", "") if inner is not None else ""
        if widget_id.startswith("$$ID-"):  # '$$ID-<hash>-<user key>' (keyed widgets)
            self.widgets[widget_id.rsplit("-", 1)[-1]] = inner

    def _take_session(self, new_session: Any) -> None:
        if new_session.HasField("initialize"):
            self.session_id = new_session.initialize.session_id
        if new_session.app_pages:
            self.pages = [_page(p) for p in new_session.app_pages]


async def _recv(ws: Any, deadline: float) -> bytes:
    import asyncio

    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        raise StreamError("the run did not end in time")
    try:
        data = await asyncio.wait_for(ws.recv(), timeout=remaining)
    except TimeoutError as e:
        raise StreamError("the run did not end in time") from e
    return data if isinstance(data, bytes) else data.encode()


def _page(proto: Any) -> AppPage:
    return AppPage(proto.page_script_hash, proto.url_pathname, proto.page_name, proto.is_hidden)


def widget_state(element: Any, value: Any) -> Any:
    """The WidgetState a browser sends for `element` (a number input or a checkbox) set to
    `value`; the benchmarks change nothing else."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=element.id)
    kind = element.DESCRIPTOR.name
    if kind == "NumberInput" and element.data_type == element.INT:
        state.int_value = int(value)
    elif kind == "NumberInput":
        state.double_value = float(value)
    elif kind == "Checkbox":
        state.bool_value = bool(value)
    else:
        raise StreamError(f"setting a {kind} is not supported by this client")
    return state
