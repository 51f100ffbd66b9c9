"""Single-document files (.txt, .md, .html) turned into one record each."""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from analysis.dates import parse_date
from analysis.fields import NOTES_FIELD, RULES_DIR
from analysis.textclean import clean_line, clean_text

_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]?")
# a date in a file name: 2016-10-12, 2016_10_12 (one separator throughout) or 20161012
_NAME_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-_]?)(?P<mon>\d\d)(?P=sep)(?P<day>\d\d)(?!\d)"
)
_SOURCE_WORDS = re.compile(r"[A-Za-z][A-Za-z&]*(?:[-_ .][A-Za-z&]+){0,3}[-_ .]*")
_GENERIC_FOLDERS = frozenset(
    {"data", "docs", "documents", "files", "news", "articles", "corpus", "upload", "uploads",
     "texts", "text", "txt", "input", "inputs", "tmp", "temp", "download", "downloads"}
)  # fmt: skip
_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|date|dated|first published)(?:\s+on)?\s*:?\s*", re.I
)
_DATELINE = re.compile(
    r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+"
    r"(?:19|20)\d\d|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"\.?,?\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b",
    re.I,
)
TOP_BLOCKS = 3  # a date line or dateline is looked for in the first blocks ...
TOP_LINES = 5  # ... and their first lines only
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
    """A date anywhere in the file name: '2016-10-12', '20161012' or '2016_10_12' (ISO out)."""
    m = _NAME_DATE.search(PurePosixPath(_member(name)).name)
    if m is None:
        return None
    parsed = parse_date(f"{m['year']}-{m['mon']}-{m['day']}")
    return parsed.iso if parsed.iso and 1900 <= int(m["year"]) <= 2100 else None


def source_from_name(name: str) -> tuple[str | None, str]:
    """(source, where from): a word prefix before the file name's date ('breitbart_2016-...'),
    else the name of the folder holding the file; (None, '') when neither says anything."""
    path = PurePosixPath(_member(name))
    m = _NAME_DATE.search(path.name)
    prefix = path.name[: m.start()] if m else ""
    if _SOURCE_WORDS.fullmatch(prefix):
        return _display(prefix), "file name"
    folder = path.parent.name
    if folder and _SOURCE_WORDS.fullmatch(folder) and folder.casefold() not in _GENERIC_FOLDERS:
        return _display(folder), "folder name"
    return None, ""


def _member(name: str) -> str:
    """A ZIP member's own path ('a.zip!news/x.txt' -> 'news/x.txt'), else the name."""
    return name.rsplit("!", 1)[-1]


def _display(words: str) -> str:
    """'washington_post-' -> 'Washington Post'."""
    parts = [w for w in re.split(r"[-_ .]+", words) if w]
    if len(parts) == 1 and len(parts[0]) <= 3:  # 'bbc', 'cnn', 'nyt': initials
        return parts[0].upper()
    return " ".join(w if w.isupper() else w.capitalize() for w in parts)


def date_from_top(blocks: list[str]) -> tuple[str | None, list[str]]:
    """A date from a date line ('Published: October 12, 2016') or a dateline ('WASHINGTON,
    Oct. 12, 2016 -') in the first lines; a line that is only a date is taken out of the text.
    """
    lines = [line for block in blocks[:TOP_BLOCKS] for line in block.split("\n")][:TOP_LINES]
    for line in lines:
        bare = _DATE_LABEL.sub("", line.strip()).strip(" .-\u2013\u2014|")
        if len(bare) > 60:
            continue
        whole = parse_date(bare) if bare and not bare.isdigit() else None
        if whole is not None and whole.iso:
            return whole.iso, _without_line(blocks, line)
    for line in lines:
        if m := _DATELINE.search(line[:120]):
            found = parse_date(m.group(0).strip(" ,"))
            if found.iso:
                return found.iso, blocks
    return None, blocks


def _without_line(blocks: list[str], line: str) -> list[str]:
    """`blocks` with the first occurrence of `line` removed (and a block it empties)."""
    out, done = [], False
    for block in blocks:
        if not done and line in block.split("\n"):
            rest = [x for x in block.split("\n") if x != line]
            done = True
            if any(x.strip() for x in rest):
                out.append("\n".join(rest))
        else:
            out.append(block)
    return out


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


def text_page_record(name: str, text: str, *, guess_source: bool = False) -> dict[str, Any]:
    """A .txt/.md page: front matter, leading site chrome removed, the first real line as title.

    Missing fields are read from where such files keep them: the date from the file name or a
    date line near the top, the source (when `guess_source`: a file of no pack) from a word
    prefix of the file name or the folder. NOTES_FIELD says where each field came from.
    """
    meta, body = _front_matter(text.replace("\r\n", "\n"))
    blocks = [b.strip() for b in re.split(r"\n\s*\n", clean_text(body)) if b.strip()]
    blocks = [_MD_HEADING.sub("", b) if _MD_HEADING.match(b) else b for b in strip_chrome(blocks)]
    found: dict[str, str] = {k: "front matter" for k in ("title", "date", "source") if meta.get(k)}
    date = meta.get("date") or date_from_name(name)
    if date and "date" not in found:
        found["date"] = "the file name"
    elif not date:
        date, blocks = date_from_top(blocks)
        found.update({"date": "a date line near the top"} if date else {})
    title = meta.get("title") or _first_line_title(blocks)
    if title and "title" not in found:
        found["title"] = "the first line"
        blocks = _without_line(blocks, title)
    record: dict[str, Any] = {**meta, "title": title or title_from_name(name)}
    record["text"] = "\n\n".join(blocks)
    if not title:
        found["title"] = "the file name"
    if date:
        record["date"] = date
    source, where = source_from_name(name) if guess_source else (None, "")
    if source and "source" not in found:
        record["source"], found["source"] = source, f"the {where}"
    record[NOTES_FIELD] = [f"{field} from {where}" for field, where in found.items()]
    return record


def _first_line_title(blocks: list[str]) -> str | None:
    """The first line, when it reads as a heading and text follows it."""
    if not blocks:
        return None
    first = blocks[0].split("\n", 1)[0].strip()
    more = len(blocks) > 1 or "\n" in blocks[0]
    return first if more and _looks_like_title(first) else None


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
