"""Transcripts: 'Vladimir Putin: ...' paragraphs, and whom each speaker speaks for.

In a transcript (a Kremlin meeting, an interview) a paragraph may open with its speaker's name
and a colon. That speaker holds what the paragraph and the unlabelled paragraphs after it say,
not the document's voice: a visitor in the Kremlin is not Russia.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.gazetteer import Gazetteer
from analysis.nlp.parsed import ParsedText

# 'Vladimir Putin:', 'President of Russia Vladimir Putin:', 'Viktor Orban (retranslated):'
_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w.'\u2019\- ]{2,90}?)\s*(?:\((?:retranslated|via interpreter|"
    r"translated|in \w+)\))?\s*:\s"
)
UNKNOWN = ""  # a labelled speaker who speaks for no actor we know
# one-word labels of the other side of an interview or a press conference
_INTERLOCUTORS = frozenset(
    {"question", "remark", "journalist", "reporter", "moderator", "interviewer", "audience"}
)


def transcript_speakers(parsed: ParsedText, gaz: Gazetteer, date: str | None) -> list[str | None]:
    """Per paragraph: the actor of the transcript speaker holding it, UNKNOWN for a labelled
    speaker of no known actor, None where the paragraph is not part of a transcript turn."""
    speakers: list[str | None] = []
    current: str | None = None
    for para in parsed.paragraphs:
        m = _LABEL.match(parsed.text[para.start_char : para.start_char + 120])
        if m and _looks_like_name(m.group("label")):
            current = speaker_actor(m.group("label"), gaz, date)
        elif m and m.group("label").strip().lower() in _INTERLOCUTORS:
            current = UNKNOWN  # 'Question: ...', 'Remark: ...': a journalist's turn, no actor's
        speakers.append(current)
    return speakers


def _looks_like_name(label: str) -> bool:
    """Two or more capitalised words, as a name or a title with a name is."""
    words = label.split()
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 2


def speaker_actor(label: str, gaz: Gazetteer, date: str | None) -> str:
    """The actor a transcript label speaks for: an official's name at the date (its last two or
    three words), else a state or organisation the title names ('Prime Minister of Hungary
    Viktor Orban'); UNKNOWN otherwise."""
    words = label.split()
    for n in (3, 2):
        if len(words) >= n and (found := gaz.official(" ".join(words[-n:]), date)):
            return found[0]
    return next((code for code in _named_actors(words, gaz)), UNKNOWN)


def _named_actors(words: Sequence[str], gaz: Gazetteer) -> list[str]:
    found = []
    for i in range(len(words)):
        for n in (3, 2, 1):
            text = " ".join(words[i : i + n])
            if i + n <= len(words) and (code := gaz.actor_for(text)):
                found.append(code)
                break
    return found
