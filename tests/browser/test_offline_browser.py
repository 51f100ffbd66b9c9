"""Offline: with every request to a host other than the app's own refused, the world map is
still drawn (its country shapes come from the app, not Plotly's CDN)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route

from tests.browser.harness import (
    LOOPBACK,
    WIDTH,
    Screenshot,
    wait_rendered,
)

pytestmark = pytest.mark.browser

MAP_READY = [".js-plotly-plot .choroplethlayer path.choroplethlocation"]


def test_the_map_is_drawn_with_no_host_but_the_app(
    browser: Browser, server_url: str, screenshot: Screenshot
) -> None:
    refused: list[str] = []
    shapes: list[str] = []

    def only_loopback(route: Route) -> None:
        url = route.request.url
        if url.endswith("world_110m.json"):
            shapes.append(url)
        if urlsplit(url).hostname in {h.strip("[]") for h in LOOPBACK}:
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    context = browser.new_context(viewport={"width": WIDTH, "height": 900})
    context.route("**/*", only_loopback)
    try:
        page = context.new_page()
        page.goto(f"{server_url}/stances?view=map")
        wait_rendered(page, MAP_READY)
        countries = page.locator(".js-plotly-plot .geo .layer.countries path")
        assert countries.count() > 0 or page.locator(".choroplethlocation").count() > 5
        screenshot(page, "stances_map_offline")
    finally:
        context.close()
    assert shapes and all(urlsplit(u).hostname in ("127.0.0.1", "localhost") for u in shapes)
    assert [u for u in refused if "world_110m" in u] == []
