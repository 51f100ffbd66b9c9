"""Column names of every stored table, in one place: import them, never retype them."""

from __future__ import annotations

from typing import Final

# articles: one row per accepted Article (analysis.records.Article)
ARTICLE_COLUMNS: Final = (
    "id",
    "title",
    "text",
    "date",
    "date_precision",
    "source",
    "url",
    "pack",
    "licence",
    "attribution",
    "kind",
    "origin_file",
    "origin_line",
    "extra_json",
    "notes",
)

# rejected: one row per input record that was refused (analysis.records.Rejection)
REJECTED_COLUMNS: Final = ("file", "line", "field", "reason")

# duplicates: one row per input record that repeated an earlier one (analysis.records.Duplicate)
DUPLICATE_COLUMNS: Final = ("file", "line", "article_id", "duplicate_of", "reason")

# file problems: files, or the rest of files, that could not be read (analysis.records.FileProblem)
FILE_PROBLEM_COLUMNS: Final = ("file", "reason", "fatal")
