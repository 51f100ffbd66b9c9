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

# the articles table as built: the loader's columns plus what analysis adds, and a hash of what
# analysis reads from the article (analysis.build.content_hash: an unchanged article is reused)
ARTICLE_TABLE_COLUMNS: Final = (*ARTICLE_COLUMNS, "voice", "content_hash")

# mentions: actor mentions in article text (analysis.records.Mention)
MENTION_COLUMNS: Final = ("article_id", "start_char", "end_char", "text", "label", "actor")

# quotes: direct and indirect quotations with speakers (analysis.records.Quote)
QUOTE_COLUMNS: Final = (
    "article_id",
    "quote_id",
    "kind",
    "start_char",
    "end_char",
    "text",
    "speaker",
    "speaker_mention",
    "speaker_start_char",
    "speaker_end_char",
    "actor",
    "verb",
    "method",
    "confidence",
)

# actors: every state and organisation of the gazetteer, for names and group filters
ACTOR_COLUMNS: Final = ("code", "name", "type", "iso3", "region", "subregion", "groups")

# memberships: who belongs to which group (EU, NATO, G7, BRICS ...) from when to when
MEMBERSHIP_COLUMNS: Final = ("group", "member", "start", "end")

# stances: one row per stance record (analysis.records.Stance)
STANCE_COLUMNS: Final = (
    "article_id",
    "stance_id",
    "start_char",
    "end_char",
    "evidence",
    "actor",
    "concept",
    "polarity",
    "score",
    "cue",
    "quote_id",
    "method",
    "confidence",
)

# document_stances: one side per (article, actor, concept), derived from the stance records
DOCUMENT_STANCE_COLUMNS: Final = (
    "article_id",
    "actor",
    "concept",
    "polarity",
    "score",
    "statements",
    "confidence",  # the statement's probability of being right (its best record's confidence)
)

# relations: one actor's act toward another (analysis.records.Relation)
RELATION_COLUMNS: Final = (
    "article_id",
    "relation_id",
    "start_char",
    "end_char",
    "evidence",
    "source",
    "target",
    "kind",
    "relation_class",
    "cue",
    "confidence",
)

# concepts: the catalogue (and user concepts) the stances refer to
CONCEPT_COLUMNS: Final = ("id", "label", "description", "keywords", "user_defined")

# Single columns that code refers to by name: import these, never retype the text.
ARTICLE_ID: Final = "article_id"
ACTOR: Final = "actor"
CONCEPT: Final = "concept"
POLARITY: Final = "polarity"
CONFIDENCE: Final = "confidence"
START_CHAR: Final = "start_char"
END_CHAR: Final = "end_char"
QUOTE_ID: Final = "quote_id"
ISO3: Final = "iso3"
DATE: Final = "date"
SPEAKER: Final = "speaker"
EVIDENCE: Final = "evidence"
# The statements the pages query (analysis.query.statement_table) carry display names too.
ACTOR_NAME: Final = "actor_name"
CONCEPT_LABEL: Final = "concept_label"
