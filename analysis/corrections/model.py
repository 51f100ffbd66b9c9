"""What a correction is: a human judgment at the level the gold uses, and the checks it passes.

A stance judgment says (article, actor, concept) -> side +1, -1 or 0 (no side), with its
evidence span; a quote judgment says (article, quotation span) -> speaker and actor. Both are
keyed by article id and character offsets, never by table row numbers, so they survive a
rebuild of the tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from analysis.errors import CorrectionRejected

Kind = Literal["stance", "quote"]
KINDS: tuple[Kind, ...] = ("stance", "quote")
SIDES = {1: "for", -1: "against", 0: "no side"}
NOTE_LIMIT = 1_000  # characters of a note
NAME_LIMIT = 200  # characters of a speaker's or an author's name
ANONYMOUS = "anonymous"


@dataclass(frozen=True, slots=True)
class Judgment:
    """One human judgment; `value` holds the new side (stance) or speaker and actor (quote).

    Stance: actor and concept set, value {"polarity": 1|-1|0, "evidence": text}.
    Quote: actor and concept None, value {"speaker": name, "actor": code or None}.
    """

    kind: Kind
    article_id: str
    start_char: int
    end_char: int
    value: Mapping[str, Any]
    actor: str | None = None  # the stance's holder (part of a stance's key)
    concept: str | None = None

    @property
    def key(self) -> tuple[Any, ...]:
        """What a later judgment on the same thing replaces: a stance's (article, actor,
        concept), a quote's (article, span)."""
        if self.kind == "stance":
            return ("stance", self.article_id, self.actor, self.concept)
        return ("quote", self.article_id, self.start_char, self.end_char)


def stance_judgment(
    article_id: str, actor: str, concept: str, polarity: int, start_char: int, end_char: int,
    evidence: str,
) -> Judgment:  # fmt: skip
    """A stance judgment: `actor` takes side `polarity` (1, -1, 0 = no side) on `concept`."""
    value = {"polarity": int(polarity), "evidence": evidence}
    return Judgment("stance", article_id, start_char, end_char, value, actor, concept)


def quote_judgment(
    article_id: str, start_char: int, end_char: int, speaker: str, actor: str | None
) -> Judgment:
    """A quote judgment: the quotation at [start_char, end_char) is `speaker`'s, for `actor`."""
    value = {"speaker": speaker.strip(), "actor": actor or None}
    return Judgment("quote", article_id, start_char, end_char, value)


@dataclass(frozen=True)
class Catalog:
    """What a judgment may name: actor codes, concept ids, and the articles' texts."""

    actors: frozenset[str]
    concepts: frozenset[str]
    texts: Mapping[str, str]  # article id -> text (offsets are checked against it)


def check_judgment(judgment: Judgment, catalog: Catalog) -> None:
    """Raise CorrectionRejected, naming the field and value, when `judgment` is not valid."""
    text = catalog.texts.get(judgment.article_id)
    if text is None:
        raise CorrectionRejected(f"unknown article id {judgment.article_id!r}", "article_id")
    start, end = judgment.start_char, judgment.end_char
    if not (0 <= start < end <= len(text)):
        raise CorrectionRejected(
            f"offsets {start}..{end} are outside article {judgment.article_id!r}"
            f" ({len(text)} characters)",
            "start_char",
        )
    if judgment.kind == "stance":
        _check_stance(judgment, catalog)
    elif judgment.kind == "quote":
        _check_quote(judgment, catalog)
    else:
        raise CorrectionRejected(f"unknown kind {judgment.kind!r} (stance or quote)", "kind")


def _check_stance(judgment: Judgment, catalog: Catalog) -> None:
    _check_actor(judgment.actor, catalog, required=True)
    if judgment.concept not in catalog.concepts:
        raise CorrectionRejected(f"unknown concept code {judgment.concept!r}", "concept")
    if judgment.value.get("polarity") not in SIDES:
        raise CorrectionRejected(
            f"side {judgment.value.get('polarity')!r} is not 1 (for), -1 (against) or 0", "polarity"
        )


def _check_quote(judgment: Judgment, catalog: Catalog) -> None:
    speaker = judgment.value.get("speaker")
    if not isinstance(speaker, str) or not speaker.strip():
        raise CorrectionRejected("a quote correction needs a speaker's name", "speaker")
    if len(speaker) > NAME_LIMIT:
        raise CorrectionRejected(f"speaker name over {NAME_LIMIT} characters", "speaker")
    _check_actor(judgment.value.get("actor"), catalog, required=False)


def _check_actor(actor: Any, catalog: Catalog, *, required: bool) -> None:
    if actor is None and not required:
        return
    if actor not in catalog.actors:
        raise CorrectionRejected(f"unknown actor code {actor!r}", "actor")


def check_note(note: str) -> str:
    """The note, stripped; CorrectionRejected when it is over NOTE_LIMIT characters."""
    if len(note) > NOTE_LIMIT:
        raise CorrectionRejected(
            f"the note has {len(note):,} characters; at most {NOTE_LIMIT:,} are kept", "note"
        )
    return note.strip()


def check_author(author: str) -> str:
    """The author's name, or ANONYMOUS when empty; rejected when absurdly long."""
    author = (author or "").strip() or ANONYMOUS
    if len(author) > NAME_LIMIT:
        raise CorrectionRejected(f"author name over {NAME_LIMIT} characters", "author")
    return author
