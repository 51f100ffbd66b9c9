"""Single-document files (.txt, .md, .html) turned into one record each."""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from analysis.fields import RULES_DIR
from analysis.textclean import clean_line, clean_text

_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]?")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SENTENCE_END = re.compile(r"[.!?:;,\"”’)]$")
MAX_TITLE_WORDS = 30


@cache
def boilerplate_lines() -> frozenset[str]:
    """Site-chrome lines from data/rules/boilerplate.txt, folded for matching."""
    path = RULES_DIR / "boilerplate.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line) for line in lines if line.strip() and not line.startswith("#"))


def _fold(line: str) -> str:
    return _EDGE_PUNCT.sub("", " ".join(line.split())).casefold()


def is_chrome(line: str) -> bool:
    """True for a line that is page furniture ("Accessibility links", "Share", "Menu")."""
    return _fold(line) in boilerplate_lines()


def strip_chrome(blocks: list[str]) -> list[str]:
    """Drop site-chrome lines from the start and end of a page's blocks."""
    start, end = 0, len(blocks)
    while start < end and is_chrome(blocks[start]):
        start += 1
    while end > start and is_chrome(blocks[end - 1]):
        end -= 1
    return blocks[start:end]


def _looks_like_title(line: str) -> bool:
    """A heading: one short line that does not end like a sentence."""
    return (
        "\n" not in line and len(line.split()) <= MAX_TITLE_WORDS and not _SENTENCE_END.search(line)
    )


def title_from_name(name: str) -> str:
    """A readable title from a file name: '2007-04-19-us-fails.txt' -> 'Us fails'."""
    stem = PurePosixPath(name).name.split(".")[0]
    words = " ".join(_DATE_PREFIX.sub("", stem).replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else stem


def date_from_name(name: str) -> str | None:
    """A YYYY-MM-DD date that starts the file name, if any."""
    m = _DATE_PREFIX.match(PurePosixPath(name).name)
    return m.group(1) if m else None


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Simple `key: value` YAML front matter of a Markdown file, and the text after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "-")):
            meta[key.strip()] = value.strip().strip("'\"")
    return meta, text[m.end() :]


def text_page_record(name: str, text: str) -> dict[str, Any]:
    """A .txt/.md page: front matter, leading site chrome removed, the first real line as title."""
    meta, body = _front_matter(text.replace("\r\n", "\n"))
    blocks = [b.strip() for b in re.split(r"\n\s*\n", clean_text(body)) if b.strip()]
    blocks = [_MD_HEADING.sub("", b) if _MD_HEADING.match(b) else b for b in strip_chrome(blocks)]
    title = meta.get("title")
    if not title and blocks and _looks_like_title(blocks[0]) and len(blocks) > 1:
        title = blocks.pop(0)
    record: dict[str, Any] = {
        **meta,
        "title": title or title_from_name(name),
        "text": "\n\n".join(blocks),
    }
    if not meta.get("date") and (named := date_from_name(name)):
        record["date"] = named
    return record


def html_page_record(name: str, html: str) -> dict[str, Any]:
    """An HTML page: main text and metadata extracted with trafilatura, paragraphs kept."""
    import trafilatura  # imported here: slow to import and only needed for HTML input

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc if isinstance(doc, dict) else doc.as_dict()
    blocks = [line.strip() for line in (data.get("text") or "").split("\n") if line.strip()]
    title = clean_line(data.get("title") or "")
    if blocks and title and clean_line(blocks[0]) == title:
        blocks.pop(0)
    record: dict[str, Any] = {
        "title": title or title_from_name(name),
        "text": "\n\n".join(strip_chrome(blocks)),
    }
    for key in ("date", "url"):
        if data.get(key):
            record[key] = data[key]
    if data.get("sitename"):
        record["source"] = data["sitename"]
    if "date" not in record and (named := date_from_name(name)):
        record["date"] = named
    return record
