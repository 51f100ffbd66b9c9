"""analysis.query's fast path (category codes, datetime64 days, dense counts) gives exactly
what the query code gave before it: the same rows in the same order, the same cells.

The code as it was is still there and runs when analysis.codes declines (a column without
categories or days, too many possible cells); `as_before` makes it decline every time, and
puts back the old day comparison. Each case runs both ways on the same statements.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import codes
from analysis.query import (
    DAY_COLUMN,
    Filters,
    actor_selection,
    at_least,
    count_cells,
    dated_memberships,
    filter_statements,
    member_on_date,
    stance_shifts,
    with_days,
)

ROOT = Path(__file__).resolve().parents[2]
TYPED = ("actor", "concept", "source", "kind")
CODES = [f"A{i}" for i in range(12)]
ACTORS = pd.DataFrame({"code": CODES, "region": ["Europe"] * 6 + ["Africa"] * 5 + [None]})
MEMBERS = pd.DataFrame(
    {
        "group": ["EU", "EU", "EU", "EU", "G7", "G7", "G7", "NATO"],
        "member": ["A0", "A1", "A1", "A2", "A3", "A0", "A99", "A4"],
        # A1 left and came back; bounds known to the month compare as text; A99 never speaks
        "start": ["2001-01-01", None, "2010-06", "2005-03-04", "", None, None, "2003-01-01"],
        "end": [None, "2004-12-31", None, "2009", "2008-07-01", "2006-02-28", None, ""],
    }
)
DATES = ["2001-01-01", "2004-12-31", "2005-01-01", "2009-12-31", "2010-06-01", "2008-07-01",
         "2006-02-28", "2003-01-01", "2002-5-7", "2009", "n.d.", "2012-02-29"]  # fmt: skip


def synthetic(rows: int, *, seed: int = 7) -> pd.DataFrame:
    """Statements with every oddity a column may hold: missing actors and kinds, undated and
    unreadable dates, dates as text that is not ISO, unused categories."""
    rng = np.random.default_rng(seed)
    dates = rng.choice(np.array([*DATES, None], dtype=object), size=rows)
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(rows)],
            "actor": rng.choice(np.array([*CODES[:11], None], dtype=object), size=rows),
            "concept": rng.choice(["c1", "c2", "c3"], size=rows),
            "polarity": rng.choice([1, -1, 0], size=rows),
            "confidence": rng.choice([0.2, 0.5, 0.55, 0.9, 1.0], size=rows),
            "date": pd.array(dates, dtype="str"),
            "source": rng.choice(["Wire", "UN", "MFA"], size=rows),
            "kind": rng.choice(np.array(["statement", "readout", None], dtype=object), size=rows),
        }
    )


def typed(statements: pd.DataFrame) -> pd.DataFrame:
    """As ui.scope prepares the app's statements: codes as categories, dates also as days."""
    categories = {c: pd.CategoricalDtype([*CODES, "unused"]) if c == "actor" else "category"
                  for c in TYPED}  # fmt: skip
    return with_days(statements.astype(categories))


CASES = [
    Filters(),
    Filters(actors=("A1", "A5")),
    Filters(groups=("EU",)),
    Filters(groups=("G7", "NATO")),
    Filters(groups=("EU",), actors=("A1",)),
    Filters(groups=("EU", "region:Africa")),
    Filters(groups=("EU",), start=date(2004, 1, 1), end=date(2010, 12, 31)),
    Filters(concepts=("c2",), sources=("UN", "MFA"), kinds=("readout",)),
    Filters(kinds=("statement", "readout")),
    Filters(min_confidence=0.55),
    Filters(min_confidence=1.0),
    Filters(start=date(2005, 1, 1)),
    Filters(end=date(2005, 1, 1)),
    Filters(start=date(2009, 12, 31), end=date(2009, 12, 31)),
    Filters(start=date(2020, 1, 1), end=date(2000, 1, 1)),  # no rows
    Filters(actors=("nobody",)),
    Filters(concepts=("c9",)),
    Filters(groups=("G7",), concepts=("c1",), min_confidence=0.5, start=date(2002, 1, 1)),
]


def old_day_bounds(days: np.ndarray, start: object, end: object) -> np.ndarray:
    """query._in_period's day comparison before analysis.codes.day_bounds."""
    keep = ~np.isnat(days)
    if start is not None:
        keep &= days >= np.datetime64(start)
    if end is not None:
        keep &= days <= np.datetime64(end)
    return keep


@contextmanager
def as_before(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The query code as it was: every fast path declines."""
    with monkeypatch.context() as patch:
        for name in ("category_mask", "member_by_day", "count_dense"):
            patch.setattr(codes, name, lambda *args: None)
        patch.setattr(codes, "day_bounds", old_day_bounds)
        yield


def query(statements: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """What ui.scope.with_filters runs on a filter change."""
    allowed = actor_selection(filters, ACTORS, MEMBERS)
    periods = dated_memberships(filters, ACTORS, MEMBERS)
    return filter_statements(statements, filters, allowed_actors=allowed, periods=periods)


@pytest.mark.parametrize("filters", CASES)
@pytest.mark.parametrize("rows", [0, 1, 400])
def test_the_same_rows_as_before(
    filters: Filters, rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for table in (typed(synthetic(rows)), synthetic(rows)):
        shown = query(table, filters)
        with as_before(monkeypatch):
            expected = query(table, filters)
        pd.testing.assert_frame_equal(shown, expected)


def cells_both_ways(
    shown: pd.DataFrame, by: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> tuple[pd.DataFrame, pd.DataFrame]:
    dense = count_cells(shown, by=by)
    with as_before(monkeypatch):
        sorted_ = count_cells(shown, by=by)
    return dense, sorted_


@pytest.mark.parametrize("filters", CASES)
@pytest.mark.parametrize("by", [("actor", "concept"), ("concept",), ("actor", "kind", "source")])
def test_dense_counts_are_the_sorted_counts(
    filters: Filters, by: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = synthetic(400)
    for table in (plain, typed(plain)):
        dense, sorted_ = cells_both_ways(query(table, filters), by, monkeypatch)
        pd.testing.assert_frame_equal(dense, sorted_)
        assert at_least(dense, 3).equals(at_least(sorted_, 3))


@pytest.mark.parametrize(
    "sides",
    [
        lambda p: p * 0.3,  # fractional: summed as weights
        lambda p: p * 2,  # integers beyond -1..+1: summed as weights
        lambda p: p.astype("int8"),  # as stored: counted in one pass
        lambda p: p.clip(lower=0).astype("uint8"),
    ],
)
def test_counts_of_any_sides_are_the_same(sides, monkeypatch: pytest.MonkeyPatch) -> None:
    table = typed(synthetic(300)).assign(polarity=lambda t: sides(t["polarity"]))
    dense, sorted_ = cells_both_ways(table, ("actor", "concept"), monkeypatch)
    pd.testing.assert_frame_equal(dense, sorted_)


def test_too_many_possible_cells_are_counted_by_sorting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(codes, "DENSE_CELLS_MAX", 4)
    keys = (np.array([0, 2, 2]), np.array([1, 0, 0]))
    sides = np.array([1.0, -1.0, 1.0])
    assert codes.count_dense(keys, (30, 2), sides) is None  # 60 possible cells for 3 rows
    groups, size, agree, disagree, total = codes.count_dense(keys, (3, 2), sides)
    assert groups.tolist() == [1, 4] and size.tolist() == [1, 2] and total.tolist() == [1, 0]


@pytest.mark.parametrize(
    "values",
    [
        ["2020-01-02", None, "2020-01-01", "2020-01-02", "2019-05-05"],
        [None, None, "2020-01-01"],
        ["2020-01-03", "2020-01-01", "2020-01-02", "2020-01-01"],
        ["2021-01-01"],
    ],
)
def test_the_median_day_is_the_sorted_middle(values: list[str | None]) -> None:
    days = pd.to_datetime(pd.Series(values), format="%Y-%m-%d").astype("datetime64[ns]")
    expected = days.sort_values().iloc[(len(days) - 1) // 2]
    found = days.iloc[codes.median_position(days.to_numpy())]
    assert found is expected or found == expected


@pytest.mark.parametrize("least", [1, 2, 5])
def test_stance_shifts_are_the_same_on_typed_statements(least: int) -> None:
    plain = synthetic(600)
    expected = stance_shifts(plain, min_statements=least)
    pd.testing.assert_frame_equal(stance_shifts(typed(plain), min_statements=least), expected)
    assert not expected.empty or least == 5


def test_member_on_date_judges_odd_texts_on_their_text() -> None:
    statements = typed(synthetic(200))
    periods = dated_memberships(Filters(groups=("EU", "G7")), ACTORS, MEMBERS)
    assert periods is not None
    fast = member_on_date(
        statements["actor"], statements["date"], periods, days=statements[DAY_COLUMN].to_numpy()
    )
    text = member_on_date(statements["actor"], statements["date"], periods)
    assert (fast == text).all()
    # '2002-5-7' reads as a day but sorts as text; 'n.d.' has text and no day
    odd = codes.text_rows(statements["date"], statements[DAY_COLUMN].to_numpy())
    assert set(statements.loc[odd, "date"]) <= {"2002-5-7", "2009", "n.d."}
    assert odd.any()


# ------------------------------------------------------------------ the shipped tables
@pytest.fixture(scope="module")
def shipped() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The app's statements of the shipped tables, typed and not, with actors and members."""
    from analysis.query import statement_table
    from ui.tables import read_build

    corpus = read_build(ROOT / "data" / "tables")
    analysis = corpus.analysis
    if analysis is None or analysis.stances is None or analysis.memberships is None:
        pytest.skip("the shipped tables have no stances")
    plain = statement_table(
        analysis.stances.document_stances,
        articles=corpus.articles,
        actors=analysis.actors,
        concepts=analysis.stances.concepts,
    )
    return plain, analysis.actors, analysis.memberships


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(groups=("EU",)),
        Filters(groups=("G7", "NATO"), start=date(2015, 1, 1)),
        Filters(groups=("region:Europe",), min_confidence=0.5),
        Filters(actors=("USA", "CHN"), end=date(2022, 12, 31)),
        Filters(min_confidence=0.7, kinds=("readout",)),
    ],
)
def test_the_shipped_statements_give_the_same_rows_and_cells(
    shipped: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
    filters: Filters,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain, actors, members = shipped
    statements = with_days(plain.astype({c: "category" for c in TYPED if c in plain}))
    allowed = actor_selection(filters, actors, members)
    periods = dated_memberships(filters, actors, members)
    shown = filter_statements(statements, filters, allowed_actors=allowed, periods=periods)
    cells = count_cells(shown)
    with as_before(monkeypatch):
        expected = filter_statements(statements, filters, allowed_actors=allowed, periods=periods)
        pd.testing.assert_frame_equal(shown, expected)
        pd.testing.assert_frame_equal(cells, count_cells(expected))


# ------------------------------------------------------------------ the filters' choices
def grouped(values: pd.Series, labels: pd.Series) -> pd.Series:
    """ui.filters' count before codes.pair_counts."""
    frame = pd.DataFrame({values.name: values, labels.name: labels})
    return frame.groupby([values.name, labels.name], observed=True).size()


def labelled(rows: int) -> tuple[pd.Series, pd.Series]:
    """Actor codes and names: unused codes, a code with two names, missing codes and names."""
    rng = np.random.default_rng(3)
    codes_ = rng.choice(np.array(["USA", "RUS", "DEU", None], dtype=object), size=rows)
    names = {"USA": "United States", "RUS": "Russia", "DEU": "Germany"}
    labels = [names.get(c) if c else None for c in codes_]
    labels = [("Deutschland" if c == "DEU" and i % 3 else n) for i, (c, n) in
              enumerate(zip(codes_, labels, strict=True))]  # fmt: skip
    labels = [None if i % 17 == 0 else n for i, n in enumerate(labels)]
    values = pd.Series(codes_, name="actor").astype(
        pd.CategoricalDtype(["USA", "FRA", "RUS", "DEU"])
    )
    return values, pd.Series(pd.array(labels, dtype="str"), name="actor_name")


@pytest.mark.parametrize("rows", [0, 1, 50, 2000])
def test_pair_counts_are_the_groupby_counts(rows: int) -> None:
    values, labels = labelled(rows)
    found, expected = codes.pair_counts(values, labels), grouped(values, labels)
    assert list(found.items()) == list(expected.items())
    assert found.dtype == expected.dtype
    ranked = found[found > 0].sort_values(ascending=False)
    assert list(ranked.items()) == list(expected[expected > 0].sort_values(ascending=False).items())


def test_pair_counts_of_the_shipped_statements(
    shipped: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    statements = shipped[0].astype({c: "category" for c in TYPED})
    for column, name in (("actor", "actor_name"), ("concept", "concept_label")):
        found = codes.pair_counts(statements[column], statements[name])
        expected = grouped(statements[column], statements[name])
        assert list(found.items()) == list(expected.items())
        assert len(found) > 3
