"""ui.memo's store: bounded, least recently used out first, computed once per key."""

from __future__ import annotations

from ui.memo import LruStore


def test_a_key_is_computed_once_and_the_oldest_is_dropped() -> None:
    store = LruStore(2)
    calls: list[str] = []

    def compute(value: str) -> str:
        calls.append(value)
        return value.upper()

    assert store.get_or_compute("a", lambda: compute("a")) == "A"
    assert store.get_or_compute("a", lambda: compute("a")) == "A"
    store.get_or_compute("b", lambda: compute("b"))
    store.get_or_compute("a", lambda: compute("a"))  # a is now the most recent
    store.get_or_compute("c", lambda: compute("c"))  # drops b
    store.get_or_compute("b", lambda: compute("b"))
    assert calls == ["a", "b", "c", "b"]
    store.clear()
    store.get_or_compute("a", lambda: compute("a"))
    assert calls[-1] == "a"
