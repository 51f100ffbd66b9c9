"""Corpus packs: a folder of files with a pack.json naming its licence and attribution."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.errors import FileUnreadable
from analysis.fields import RecordContext

DEFAULT_CORPUS_DIR = Path(__file__).resolve().parent.parent / "data" / "corpus"
PACK_FILE = "pack.json"


@dataclass(frozen=True)
class Pack:
    """One source of a corpus with its files, licence and the attribution line the UI shows."""

    name: str
    label: str
    folder: Path
    files: tuple[str, ...]
    licence: str
    attribution: str
    by_source: Mapping[str, str] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def context(self, file: str, max_text_chars: int) -> RecordContext:
        """The RecordContext for a record of one of this pack's files."""
        return RecordContext(
            file=file,
            pack=self.name,
            licence=self.licence,
            attribution=self.attribution,
            by_source=self.by_source,
            defaults=self.defaults,
            max_text_chars=max_text_chars,
        )

    def attributions(self) -> tuple[str, ...]:
        """Every attribution line this pack can show (one per source where they differ)."""
        return tuple(dict.fromkeys(self.by_source.values())) or (self.attribution,)


def read_pack(folder: Path) -> Pack:
    """Read folder/pack.json; raises FileUnreadable naming the field that is missing or wrong."""
    path = folder / PACK_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise FileUnreadable(str(path), f"cannot read the pack description: {e}") from e
    for key in ("name", "files", "licence", "attribution"):
        if key not in raw:
            raise FileUnreadable(str(path), f"field {key!r} is missing")
    return Pack(
        name=str(raw["name"]),
        label=str(raw.get("label", raw["name"])),
        folder=folder,
        files=tuple(str(f) for f in raw["files"]),
        licence=str(raw["licence"]),
        attribution=str(raw["attribution"]),
        by_source=dict(raw.get("by_source", {})),
        defaults=dict(raw.get("defaults", {})),
    )


def default_packs(root: Path = DEFAULT_CORPUS_DIR) -> tuple[Pack, ...]:
    """The packs of the default corpus, in name order."""
    return tuple(read_pack(p.parent) for p in sorted(root.glob(f"*/{PACK_FILE}")))
