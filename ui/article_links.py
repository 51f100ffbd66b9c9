"""Links to articles: the relative link to the Article page (the id percent-encoded), and the
check that an original article's URL is a web URL the app may make clickable. Plain strings;
ui.article_html escapes them where they go into HTML.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

ARTICLE_LINK = "article?article="  # relative: the Article page beside the page linking to it
WEB_SCHEMES = ("http", "https")


def article_link(article_id: str, at: int | None = None) -> str:
    """The relative link to the Article page showing `article_id` (every character encoded),
    at character `at` of its text when given (the Article page quotes the passage there)."""
    link = ARTICLE_LINK + url_quote(article_id, safe="")
    return link if at is None else f"{link}&at={int(at)}"


def article_links(article_ids: Iterable[Any], starts: Iterable[Any]) -> list[str]:
    """article_link() of each (id, start) pair; a missing start links to the article's top."""
    return [
        article_link(str(article_id), None if _missing_number(at) else int(at))
        for article_id, at in zip(article_ids, starts, strict=True)
    ]


def _missing_number(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host (the only links the app makes clickable)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)
