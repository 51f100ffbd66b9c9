"""Filters and counts on integer codes: the fast path of analysis.query at millions of rows.

A statements table as the app prepares it keeps actors, concepts, sources and kinds as
categories and its dates also as datetime64 (query.with_days). A category's codes answer
"is the value one of these" with one lookup per row, and a date bound is one integer
comparison per row: no hashing of text per row. Each function here gives exactly what the
general (text) path in analysis.query gives; a column that is not typed so takes that path.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

NAT = np.iinfo(np.int64).min  # how numpy stores NaT in a datetime64 array
NEVER = np.iinfo(np.int64).max
ISO_BYTES = 10  # YYYY-MM-DD
DENSE_CELLS_MAX = 1 << 22  # count with one slot per possible cell up to this many cells


def category_mask(column: pd.Series, values: Collection[object]) -> np.ndarray | None:
    """True where a category column holds one of `values`; None when `column` is not one."""
    if not isinstance(column.dtype, pd.CategoricalDtype) or any(_missing(v) for v in values):
        return None
    return code_lookup(column.cat.categories.isin(list(values)), column.cat.codes.to_numpy())


def code_lookup(per_category: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """`per_category[code]` for every row; False where the code is -1 (a missing value)."""
    table = np.append(np.asarray(per_category, dtype=bool), False)  # code -1 reads the last
    return table[codes]


def day_bounds(days: np.ndarray, start: date | None, end: date | None) -> np.ndarray:
    """True where a datetime64 day is set and inside [start, end] (a None bound: open)."""
    values = days.view(np.int64)
    keep = values != NAT if start is None else values >= _as_int(start, days.dtype)
    if end is not None:
        keep &= values <= _as_int(end, days.dtype)
    return keep


def _as_int(day: date, dtype: np.dtype) -> int:
    return int(np.datetime64(day).astype(dtype).view(np.int64))


def count_dense(
    codes: tuple[np.ndarray, ...], dims: tuple[int, ...], polarity: np.ndarray
) -> tuple[np.ndarray, ...] | None:
    """(cell, statements, agree, disagree, polarity sum) of the cells holding statements,
    in cell order, counted with one slot per possible cell; None when there are too many
    possible cells for that (the caller sorts then). Sides of -1, 0 and +1 as integers (as
    stored) are counted in one pass: their sum is agree - disagree, exactly."""
    cells = int(np.prod(dims, dtype=np.int64))
    if cells > max(DENSE_CELLS_MAX, 4 * len(polarity)):
        return None
    flat = codes[0].astype(np.intp)
    for column, size in zip(codes[1:], dims[1:], strict=True):
        flat *= size
        flat += column
    if (
        polarity.dtype.kind in "iu"
        and len(polarity)
        and -1 <= polarity.min() <= polarity.max() <= 1
    ):
        flat *= 3
        flat += polarity
        flat += 1  # slot 3 * cell + side + 1
        sides = np.bincount(flat, minlength=3 * cells).reshape(cells, 3)
        groups = np.flatnonzero(sides.any(axis=1))
        agree, disagree = sides[groups, 2], sides[groups, 0]
        return groups, sides[groups].sum(axis=1), agree, disagree, (agree - disagree) * 1.0
    weights = polarity.astype(float, copy=False)
    count = np.bincount(flat, minlength=cells)
    groups = np.flatnonzero(count)
    agree = np.bincount(flat[weights > 0], minlength=cells)[groups]
    disagree = np.bincount(flat[weights < 0], minlength=cells)[groups]
    total = np.bincount(flat, weights=weights, minlength=cells)[groups]
    return groups, count[groups], agree, disagree, total


def median_position(days: np.ndarray) -> int:
    """The position of the lower median of datetime64 `days`, NaT sorting last (as
    Series.sort_values puts it): selected in linear time, without sorting."""
    values = days.view(np.int64)
    values = np.where(values == NAT, NEVER, values)
    middle = (len(values) - 1) // 2
    return int(np.argpartition(values, middle)[middle])


# ------------------------------------------------------------------ group membership by date
def member_by_day(
    actor: pd.Series, days: np.ndarray, periods: pd.DataFrame, rows: np.ndarray | slice
) -> np.ndarray | None:
    """membership.member_on_date's answer for the positions `rows` from category codes and
    datetime64 days, right for rows whose day stands for their date text (see `text_rows`);
    None when the columns or the periods are not typed for this (the caller takes the text
    path).

    A day compares with a period's ISO text bounds as its own ISO text (YYYY-MM-DD) would: a
    bound becomes the first day whose ISO text lies inside it, or the first one after.
    """
    if not isinstance(actor.dtype, pd.CategoricalDtype) or not _bounds_are_text(periods):
        return None
    names = actor.cat.categories.astype(str)
    all_codes = actor.cat.codes.to_numpy()[rows]  # positions in the codes: no Series take
    judged = code_lookup(names.isin(set(periods["member"])), all_codes)
    keep = ~judged
    judged_rows = np.flatnonzero(judged)
    if not len(judged_rows):
        return keep
    codes = all_codes[judged_rows]
    values = days.view(np.int64)[rows][judged_rows]
    undated = values == NAT
    unit = _day_unit(days.dtype)
    dated = values[~undated]
    first, last = (int(dated.min()) // unit, int(dated.max()) // unit) if len(dated) else (0, 0)
    if first < FIRST_ISO_DAY or last > LAST_ISO_DAY:
        return None
    low, high, open_ended = _period_tables(names, periods, first, last, unit)
    member = np.zeros(len(judged_rows), dtype=bool)
    for lo, hi in zip(low, high, strict=True):  # compared in the days' own unit: no division
        member |= (lo[codes] <= values) & (values < hi[codes])
    member[undated] = open_ended[codes[undated]]
    keep[judged_rows[member]] = True
    return keep


FIRST_ISO_DAY = int(np.datetime64("1000-01-01", "D").view(np.int64))  # 4-digit years: the
LAST_ISO_DAY = int(np.datetime64("9999-12-31", "D").view(np.int64))  # ISO texts sort as days


def _day_unit(dtype: np.dtype) -> int:
    """One day in the integer unit of a datetime64 dtype (86_400 * 10**9 for ns)."""
    return int(np.timedelta64(1, "D").astype(np.dtype(dtype.str.replace("M8", "m8"))).view("i8"))


def text_rows(dates: pd.Series, days: np.ndarray) -> np.ndarray:
    """Rows whose datetime64 day does not stand for their date text: a text and no day (or a
    day and no text), or a text other than 10 bytes (2022-1-3 reads as 2022-01-03 but sorts
    after 2022-10-01 as text). The caller judges these on their text."""
    lengths = pc.binary_length(pa.array(dates, type=pa.large_string(), from_pandas=True))
    length = lengths.fill_null(ISO_BYTES).to_numpy(zero_copy_only=False)
    has_text = np.asarray(dates.notna(), dtype=bool)
    return (has_text != (days.view(np.int64) != NAT)) | (length != ISO_BYTES)


def _bounds_are_text(periods: pd.DataFrame) -> bool:
    """Member codes are text and bounds text or missing (what query.dated_memberships makes)."""
    bounds = (*periods["start"], *periods["end"])
    return all(isinstance(v, str) for v in periods["member"]) and all(
        isinstance(v, str) or _missing(v) for v in bounds
    )


def _missing(value: Any) -> bool:
    """None, NaN or pd.NA (what Series.isna finds)."""
    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def _period_tables(
    names: pd.Index, periods: pd.DataFrame, first: int, last: int, unit: int
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Per category code, for each of its periods (one array per period number): the first
    instant in (low) and the first instant after it (high), in days of `unit` integers, for
    days `first`..`last`; an unused slot matches no day. And whether any period has no end."""
    iso = np.datetime_as_string(np.arange(first, last + 1).astype("datetime64[D]"), unit="D")
    codes_of: dict[str, list[int]] = {}
    for code, name in enumerate(names):
        codes_of.setdefault(name, []).append(code)
    slots = len(names) + 1  # and one for code -1
    low: list[np.ndarray] = []
    high: list[np.ndarray] = []
    open_ended = np.zeros(slots, dtype=bool)
    used = np.zeros(slots, dtype=int)
    for member, start, end in periods[["member", "start", "end"]].itertuples(index=False):
        for code in codes_of.get(member, []):
            if used[code] == len(low):
                low.append(np.full(slots, NEVER, dtype=np.int64))
                high.append(np.full(slots, NAT, dtype=np.int64))
            slot = used[code]
            used[code] += 1
            if not _missing(start):  # the first day whose ISO text is not before start
                low[slot][code] = (first + int(np.searchsorted(iso, start))) * unit
            else:
                low[slot][code] = NAT + 1
            if not _missing(end):  # the day after the last day whose text is not after end
                after = (first + int(np.searchsorted(iso, end, "right"))) * unit
                high[slot][code] = min(after, NEVER)
            else:
                high[slot][code] = NEVER
            open_ended[code] |= _missing(end)
    return low, high, open_ended


# ------------------------------------------------------------------ the filters' choices
def pair_counts(values: pd.Series, labels: pd.Series) -> pd.Series:
    """Rows per (value, label) pair with any rows, as `groupby([values, labels],
    observed=True).size()` gives them (in its order), for a category column of values and
    its text labels: both factorized (text by Arrow's dictionary encoding), then one bincount
    instead of a hash of every row's pair."""
    if not isinstance(values.dtype, pd.CategoricalDtype) or not isinstance(
        labels.dtype, pd.StringDtype
    ):
        frame = pd.DataFrame({"value": values, "label": labels})
        sizes = frame.groupby(["value", "label"], observed=True).size()
        return sizes.rename_axis([values.name, labels.name])
    label_codes, uniques = pd.factorize(labels)
    value_codes = values.cat.codes.to_numpy()
    width = max(len(uniques), 1)
    if len(values.cat.categories) * width > max(DENSE_CELLS_MAX, 4 * len(values)):
        return pair_counts(values.astype(object), labels)  # too many pairs for a slot each
    known = (value_codes >= 0) & (label_codes >= 0)
    pair = value_codes[known].astype(np.intp) * width + label_codes[known]
    counts = np.bincount(pair, minlength=len(values.cat.categories) * width)
    present = np.flatnonzero(counts)
    value_of, label_of = np.divmod(present, width)
    label_text = np.asarray(uniques, dtype=object)
    label_rank = np.argsort(np.argsort(label_text, kind="stable"), kind="stable")
    order = np.lexsort((label_rank[label_of], value_of))  # groupby's: category order, then text
    index = pd.MultiIndex.from_arrays(
        [values.cat.categories[value_of[order]], label_text[label_of[order]]],
        names=[values.name, labels.name],
    )
    return pd.Series(counts[present[order]], index=index)
