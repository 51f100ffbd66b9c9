"""Results every visitor of the shared default corpus would compute alike, computed once.

A page's figures and tables depend only on the corpus, its analysis version, the filters and
the page's options. For the shared default corpus (without a session's own concepts) those
are public, so one bounded, thread-safe store serves every session: a team opening the same
link, or the landing page, costs one computation. An upload or a session's own concepts never
enter it (their key is None): they stay in that session only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")
MAX_ENTRIES = 256


class LruStore:
    """A dict of at most `size` entries, least recently used dropped first; thread-safe."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[no-any-return]
        value = compute()  # outside the lock: two sessions may both compute; both are right
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@st.cache_resource(show_spinner=False)
def _store() -> LruStore:
    return LruStore(MAX_ENTRIES)


def forget_shared() -> None:
    """Empty the store (benchmarks time a computed redraw with it)."""
    _store().clear()


def shared(key: Hashable | None, compute: Callable[[], T]) -> T:
    """compute(), or the result stored under `key` by any session; None: never stored.

    What is stored is shared read-only: callers must not change it.
    """
    if key is None:
        return compute()
    return _store().get_or_compute(key, compute)
