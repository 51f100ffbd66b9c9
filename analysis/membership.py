"""Who belongs to which group on which date: the members of groups and regions, and whether an
actor was a member on a statement's date (memberships rows: group, member, start, end as ISO
text; regions come from the actors table). Used by the query (analysis.query).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import codes as fast

REGION_PREFIX = "region:"  # a group value naming a region of the actors table, not a membership


def group_members(
    groups: Iterable[str], actors: pd.DataFrame, memberships: pd.DataFrame
) -> frozenset[str]:
    """Actor codes in any of `groups`: members of a group at any time, or countries of a region."""
    codes: set[str] = set()
    for group in groups:
        if group.startswith(REGION_PREFIX):
            region = group.removeprefix(REGION_PREFIX)
            codes.update(actors.loc[actors["region"] == region, "code"].astype(str))
        else:
            codes.update(memberships.loc[memberships["group"] == group, "member"].astype(str))
    return frozenset(codes)


def member_on_date(
    actor: pd.Series,
    dates: pd.Series,
    periods: pd.DataFrame,
    *,
    days: np.ndarray | None = None,
    rows: np.ndarray | None = None,
) -> np.ndarray:
    """True where `actor` was a member (a row of `periods`) on `dates` (ISO text).

    Actors without a row in `periods` are not judged here (True). An undated statement counts
    only for a member without an end date: nothing says it was made before the member left.
    Dates known to the month or year are stored as their first day and compared as such.
    With `days` (the dates as datetime64, see with_days) and a category `actor`, the rows whose
    day stands for their text are judged on integer codes (analysis.codes), the others on text.
    With `rows` (positions), only those rows are judged: one answer per position.
    """
    at = slice(None) if rows is None else rows
    if days is None or not isinstance(dates.dtype, pd.StringDtype):
        return _member_on_text(actor.iloc[at], dates.iloc[at], periods)
    keep = fast.member_by_day(actor, days, periods, at)
    if keep is None:
        return _member_on_text(actor.iloc[at], dates.iloc[at], periods)
    text = np.flatnonzero(fast.text_rows(dates, days)[at])
    if len(text):
        where = text if rows is None else rows[text]
        keep[text] = _member_on_text(actor.iloc[where], dates.iloc[where], periods)
    return keep


def _member_on_text(actor: pd.Series, dates: pd.Series, periods: pd.DataFrame) -> np.ndarray:
    """member_on_date on the ISO texts of `dates`."""
    judged = actor.astype(str).isin(set(periods["member"])).to_numpy()
    if not judged.any():
        return np.ones(len(actor), dtype=bool)
    pairs = pd.DataFrame(
        {"row": np.flatnonzero(judged), "member": actor.astype(str).to_numpy()[judged],
         "date": dates.to_numpy()[judged]}
    ).merge(periods, on="member", how="inner")  # fmt: skip
    day = pairs["date"].astype(object)
    undated = day.isna()
    text = day.where(~undated, "")
    after_start = pairs["start"].isna() | (text >= pairs["start"].fillna(""))
    before_end = pairs["end"].isna() | (text <= pairs["end"].fillna(""))
    member = (undated & pairs["end"].isna()) | (~undated & after_start & before_end)
    keep = ~judged
    keep[pairs.loc[member.to_numpy(), "row"].to_numpy()] = True
    return keep
