"""Charts of who takes which side on which concept: matrix, for/against bars, world map.

Input is tidy: one row per statement (one actor's side on one concept in one article, a row of
the document_stances table) with the actor's and the concept's display names. Every mark
carries the ids that lead to its evidence in customdata. Pure Plotly, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.style import (
    AGAINST_COLOUR,
    AGAINST_GLYPH,
    COLOURBAR_MIN_PX,
    DIVERGING,
    FOR_COLOUR,
    FOR_GLYPH,
    GRID_COLOUR,
    NO_DATA_COLOUR,
    STANCE_COLOURBAR,
    TEXT_COLOUR,
    base_layout,
    check_columns,
    click_targets,
    empty_figure,
    label,
    plural,
    polarity_glyph,
    sign_text_colour,
    source_line_annotation,
    source_px,
    symmetric_ticks,
    titled,
    wrapped,
)

STATEMENT_COLUMNS = ("actor", "actor_name", "concept", "concept_label", "polarity")
CELL_COLUMNS = (
    "actor",
    "actor_name",
    "concept",
    "concept_label",
    "statements",
    "agree",
    "disagree",
    "mean_polarity",
)
MATRIX_TITLE = "Mean stance by actor and concept"
ROW_PX = 30  # one actor row of the matrix
BAR_PX = 26  # one actor row of the bars
MAP_PX = 460
MAX_ACTORS = 30
CELL_TEXT_PX = 12
TITLE_PX = 72  # title and its counted line, above the matrix's concept labels
FLAT_CONCEPTS = 6  # up to this many concepts get level labels; more get slanted ones
SLANTED_CHARS = 34
SELECTED_COLOUR = "#111111"  # the ring around a clicked cell
BORDER_COLOUR = "#4a4a4a"  # country borders on the map


def stance_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Statements -> one row per (actor, concept): statements, agree, disagree, mean polarity.

    Sorted by statements (most first), then actor and concept.
    """
    check_columns(df, STATEMENT_COLUMNS, "stance_cells")
    if df.empty:
        return pd.DataFrame({c: [] for c in CELL_COLUMNS})
    polarity = pd.to_numeric(df["polarity"])
    frame = pd.DataFrame(
        {
            "actor": df["actor"],
            "actor_name": df["actor_name"].fillna(df["actor"]),
            "concept": df["concept"],
            "concept_label": df["concept_label"].fillna(df["concept"]),
            "polarity": polarity,
            "agree": (polarity > 0).astype(int),
            "disagree": (polarity < 0).astype(int),
        }
    )
    cells = frame.groupby(["actor", "concept"], as_index=False, sort=False).agg(
        actor_name=("actor_name", "first"),
        concept_label=("concept_label", "first"),
        statements=("polarity", "size"),
        agree=("agree", "sum"),
        disagree=("disagree", "sum"),
        mean_polarity=("polarity", "mean"),
    )
    cells = cells.sort_values(
        ["statements", "actor", "concept"], ascending=[False, True, True], ignore_index=True
    )
    return cells[list(CELL_COLUMNS)]


def drawn_statements(
    df: pd.DataFrame, cells: pd.DataFrame, *, on: Sequence[str] = ("actor", "concept")
) -> pd.DataFrame:
    """The statements of `df` behind the drawn `cells` (matrix_cells(), bars_cells() ...).

    A chart's title, caption, dates and source line describe these rows, not every statement
    the filters let through: a concept or actor left off the chart is left out of them too.
    """
    check_columns(df, on, "drawn_statements")
    if cells.empty or df.empty:
        return df.iloc[0:0]
    keys = pd.MultiIndex.from_frame(cells[list(on)].astype(str))
    rows = pd.MultiIndex.from_frame(df[list(on)].astype(str))
    return df[rows.isin(keys)]


def stance_matrix(
    df: pd.DataFrame,
    *,
    concepts: Sequence[str] = (),
    min_statements: int = 1,
    max_actors: int = MAX_ACTORS,
    title: str = MATRIX_TITLE,
    subtitle: str = "",
    source_line: str = "",
) -> go.Figure:
    """Actor x concept grid coloured by mean polarity, labelled with the number of statements.

    Two traces: the heatmap (what is seen) and a layer of one clickable point per cell (Plotly
    cannot select heatmap cells); both carry customdata [actor, concept]. `concepts` fixes the
    columns and their order; actors with most statements come first, at most `max_actors`.
    """
    check_columns(df, STATEMENT_COLUMNS, "stance_matrix")
    cells, actors, columns, extra = _matrix_selection(df, concepts, min_statements, max_actors)
    total = int(cells["statements"].sum())
    full_title = titled(label(title), _counted(subtitle, total, min_statements, extra))
    if total == 0:
        return empty_figure(title=full_title, source_line=source_line)
    fig = go.Figure([_grid(cells, actors, columns), _grid_points(cells, actors, columns)])
    _matrix_layout(fig, cells, actors, columns, title=full_title, source_line=source_line)
    return fig


def matrix_cells(
    df: pd.DataFrame,
    *,
    concepts: Sequence[str] = (),
    min_statements: int = 1,
    max_actors: int = MAX_ACTORS,
) -> pd.DataFrame:
    """Exactly the cells stance_matrix() colours with the same options, by row then column.

    Columns as stance_cells(); the table to offer as the matrix's CSV.
    """
    check_columns(df, STATEMENT_COLUMNS, "matrix_cells")
    cells, actors, columns, _ = _matrix_selection(df, concepts, min_statements, max_actors)
    return _in_order(cells, actors, columns)


def _matrix_selection(
    df: pd.DataFrame, concepts: Sequence[str], min_statements: int, max_actors: int
) -> tuple[pd.DataFrame, list[str], list[str], list[str]]:
    """(cells shown, actor rows, concept columns, notes such as 'top 30 of 80 actors')."""
    cells = _at_least(stance_cells(df), min_statements)
    if concepts:
        cells = cells[cells["concept"].isin(list(concepts))]
    cells, actors, extra = _top_actors(cells, max_actors)
    columns = [c for c in concepts if c in set(cells["concept"])] or _by_statements(
        cells, "concept"
    )
    return cells, actors, columns, extra


def _in_order(cells: pd.DataFrame, actors: Sequence[str], concepts: Sequence[str]) -> pd.DataFrame:
    """The cells sorted as drawn: by the actors' order, then by the concepts' order."""
    rows = {a: i for i, a in enumerate(actors)}
    columns = {c: i for i, c in enumerate(concepts)}
    order = cells.assign(_row=cells["actor"].map(rows), _column=cells["concept"].map(columns))
    order = order.sort_values(["_row", "_column"], ignore_index=True)
    return order[list(CELL_COLUMNS)]


def _grid(cells: pd.DataFrame, actors: Sequence[str], concepts: Sequence[str]) -> go.Heatmap:
    """The coloured cells: z = mean polarity, text = glyph and number of statements."""
    by_key = _cells_by_key(cells)
    z, text, ids = [], [], []
    for actor in actors:
        row = [by_key.get((actor, concept)) for concept in concepts]
        z.append([None if c is None else float(c["mean_polarity"]) for c in row])
        text.append(["" if c is None else _cell_text(c) for c in row])
        ids.append([[actor, concept] for concept in concepts])
    return go.Heatmap(
        z=z,
        x=list(range(len(concepts))),
        y=list(range(len(actors))),
        text=text,
        texttemplate="%{text}",
        textfont={"size": CELL_TEXT_PX},
        customdata=ids,
        zmin=-1,
        zmax=1,
        colorscale=[list(stop) for stop in DIVERGING],
        colorbar=STANCE_COLOURBAR,
        xgap=2,
        ygap=2,
        hoverinfo="skip",  # the point layer above answers hovers and clicks
        name="Mean stance",
    )


def _grid_points(cells: pd.DataFrame, actors: Sequence[str], concepts: Sequence[str]) -> go.Scatter:
    """One invisible point per cell (empty ones too): hover text, click target, selection ring."""
    by_key = _cells_by_key(cells)
    names = dict(zip(cells["actor"], cells["actor_name"], strict=True))
    labels = dict(zip(cells["concept"], cells["concept_label"], strict=True))
    xs, ys, ids, hover = [], [], [], []
    for y, actor in enumerate(actors):
        for x, concept in enumerate(concepts):
            xs.append(x)
            ys.append(y)
            ids.append([actor, concept])
            hover.append(_cell_hover(names[actor], labels[concept], by_key.get((actor, concept))))
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        customdata=ids,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        # Invisible until selected: then a dark ring around the clicked cell.
        marker={
            "symbol": "square-open",
            "size": ROW_PX - 1,
            "color": SELECTED_COLOUR,
            "opacity": 0,
            "line": {"width": 2.5, "color": SELECTED_COLOUR},
        },
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0}},
        showlegend=False,
        name="Cells",
    )


def _matrix_layout(
    fig: go.Figure,
    cells: pd.DataFrame,
    actors: Sequence[str],
    concepts: Sequence[str],
    *,
    title: str,
    source_line: str,
) -> None:
    names = dict(zip(cells["actor"], cells["actor_name"], strict=True))
    labels = dict(zip(cells["concept"], cells["concept_label"], strict=True))
    ticks, label_px, angle = _concept_ticks([labels[c] for c in concepts])
    top = TITLE_PX + label_px  # the title, then the concept labels above the grid
    # A few rows still get a colour bar tall enough for its labels; the rows keep their height
    # (the y range holds room for more) and the space under them stays empty.
    rows_shown = max(len(actors), -(-(COLOURBAR_MIN_PX - 10) // ROW_PX))
    plot_px, bottom = ROW_PX * rows_shown + 10, 20 + source_px(source_line)
    fig.update_layout(
        **base_layout(title, source_line=source_line, plot_px=plot_px, top=top),
        hoverdistance=-1,  # the nearest point answers: every spot of a cell belongs to it
    )
    fig.update_layout(height=top + plot_px + bottom, margin_b=bottom)  # no x-axis below
    fig.update_layout(title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 14}})
    fig.update_xaxes(
        side="top",
        tickvals=list(range(len(concepts))),
        ticktext=ticks,
        tickangle=angle,
        showgrid=False,
        zeroline=False,
        range=[-0.5, len(concepts) - 0.5],
        fixedrange=True,
    )
    fig.update_yaxes(
        tickvals=list(range(len(actors))),
        ticktext=[label(names[a]) for a in actors],
        range=[rows_shown - 0.5, -0.5],  # top to bottom, room for at least rows_shown rows
        showgrid=False,
        zeroline=False,
        automargin=True,
        fixedrange=True,
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line, yshift=-12))


def stance_bars(
    df: pd.DataFrame,
    *,
    concept: str,
    min_statements: int = 1,
    max_actors: int = MAX_ACTORS,
    title: str | None = None,
    subtitle: str = "",
    source_line: str = "",
) -> go.Figure:
    """Diverging bars for one concept: statements against to the left, for to the right.

    Two traces ('Against', 'For'); customdata of every bar: [actor, concept, polarity].
    """
    check_columns(df, STATEMENT_COLUMNS, "stance_bars")
    cells, actors, extra = _bars_selection(df, concept, min_statements, max_actors)
    concept_label = str(cells["concept_label"].iloc[0]) if len(cells) else concept
    total = int(cells["statements"].sum())
    heading = title if title is not None else f"For and against: {concept_label}"
    full_title = titled(label(heading), _counted(subtitle, total, min_statements, extra))
    if total == 0:
        return empty_figure(title=full_title, source_line=source_line)
    rows = _in_order(cells, actors, [concept])
    sides = [
        _side(rows, "disagree", -1, f"Against {AGAINST_GLYPH}", AGAINST_COLOUR),
        _side(rows, "agree", 1, f"For {FOR_GLYPH}", FOR_COLOUR),
    ]
    fig = go.Figure([*sides, *(_bar_targets(bar) for bar in sides)])
    _bars_layout(fig, rows, title=full_title, source_line=source_line)
    return fig


def bars_cells(
    df: pd.DataFrame, *, concept: str, min_statements: int = 1, max_actors: int = MAX_ACTORS
) -> pd.DataFrame:
    """Exactly the actors stance_bars() draws with the same options, top bar first.

    Columns as stance_cells(); `agree` and `disagree` are the lengths of the two bars.
    """
    check_columns(df, STATEMENT_COLUMNS, "bars_cells")
    cells, actors, _ = _bars_selection(df, concept, min_statements, max_actors)
    return _in_order(cells, actors, [concept])


def _bars_selection(
    df: pd.DataFrame, concept: str, min_statements: int, max_actors: int
) -> tuple[pd.DataFrame, list[str], list[str]]:
    cells = _at_least(stance_cells(df), min_statements)
    return _top_actors(cells[cells["concept"] == concept], max_actors)


def _side(rows: pd.DataFrame, column: str, polarity: int, name: str, colour: str) -> go.Bar:
    """The bars of one side; actors without a statement on that side get no bar."""
    side = rows[rows[column] > 0]
    word = "for" if polarity > 0 else "against"
    return go.Bar(
        name=name,
        orientation="h",
        y=[label(n) for n in side["actor_name"]],
        x=[polarity * int(n) for n in side[column]],
        text=[int(n) for n in side[column]],
        textposition="outside",
        textangle=0,
        cliponaxis=False,
        customdata=[[a, c, polarity] for a, c in zip(side["actor"], side["concept"], strict=True)],
        hovertext=[
            f"{label(a)}: {plural(int(n), 'statement')} {word} {label(c)}"
            for a, c, n in zip(side["actor_name"], side["concept_label"], side[column], strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        marker_color=colour,
        unselected={"marker": {"opacity": 1}},  # the clicked bar's ring says which it is
    )


def _bar_targets(bar: go.Bar) -> go.Scatter:
    """A click target of at least CLICK_PX at the middle of each bar of `bar` (same ids)."""
    xs = [x / 2 for x in bar.x]
    return click_targets(xs, bar.y, bar.customdata, bar.hovertext, name=f"{bar.name} (click)")


def _bars_layout(fig: go.Figure, rows: pd.DataFrame, *, title: str, source_line: str) -> None:
    names = [label(n) for n in rows["actor_name"]]
    most_for, most_against = int(rows["agree"].max()), int(rows["disagree"].max())
    most = max(most_for, most_against)
    # Each side as wide as its longest bar (but never under a tenth of the other side), so a
    # corpus with few statements against does not waste half of the width.
    right, left = max(most_for, most / 10, 1), max(most_against, most / 10, 1)
    pad = 0.08 * (left + right) + 0.5  # room for the count beside the longest bars
    ticks = [t for t in symmetric_ticks(most) if -left - pad <= t <= right + pad]
    fig.update_layout(
        **base_layout(title, source_line=source_line, plot_px=BAR_PX * len(names) + 40),
        barmode="relative",
        bargap=0.25,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=names,
        autorange="reversed",
        automargin=True,
    )
    fig.update_xaxes(
        title_text=f"Statements: {AGAINST_GLYPH} against (left) | for (right) {FOR_GLYPH}",
        range=[-left - pad, right + pad],
        tickvals=ticks,
        ticktext=[str(abs(t)) for t in ticks],
        zeroline=True,
        zerolinecolor=TEXT_COLOUR,
        zerolinewidth=1.5,
        gridcolor=GRID_COLOUR,
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line))


def stance_map(
    df: pd.DataFrame,
    *,
    concept: str,
    min_statements: int = 1,
    title: str | None = None,
    subtitle: str = "",
    source_line: str = "",
) -> go.Figure:
    """World map of one concept: countries (ISO-3 `iso3`) coloured by mean polarity.

    Actors without an iso3 (organisations) are not on the map; the title counts them.
    Two traces: the choropleth and a layer of triangles (the sign, for greyscale readers);
    customdata of both: [actor, concept].
    """
    check_columns(df, (*STATEMENT_COLUMNS, "iso3"), "stance_map")
    cells = _map_selection(df, concept, min_statements)
    on_map = cells[cells["iso3"].notna()]
    concept_label = str(cells["concept_label"].iloc[0]) if len(cells) else concept
    total = int(on_map["statements"].sum())
    left_out = int(cells["statements"].sum()) - total
    extra = [f"{plural(left_out, 'statement')} by organisations not on the map"] if left_out else []
    heading = title if title is not None else f"Stances on {concept_label}, by country"
    full_title = titled(label(heading), _counted(subtitle, total, min_statements, extra))
    if total == 0:
        return empty_figure(title=full_title, source_line=source_line)
    fig = go.Figure(_map_traces(on_map))
    bottom = 20 + source_px(source_line)
    fig.update_layout(**base_layout(full_title, source_line=source_line, plot_px=MAP_PX))
    fig.update_layout(height=90 + MAP_PX + bottom, margin_l=10, margin_b=bottom)  # no axes
    fig.update_geos(
        projection_type="natural earth",
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor=NO_DATA_COLOUR,
        showcountries=True,
        countrycolor="white",
        lataxis_range=[-58, 85],
    )
    if source_line:
        fig.add_annotation(**source_line_annotation(source_line, yshift=-8))
    return fig


def map_cells(df: pd.DataFrame, *, concept: str, min_statements: int = 1) -> pd.DataFrame:
    """Exactly the countries stance_map() colours with the same options (those with an iso3).

    Columns as stance_cells() plus `iso3`; most statements first.
    """
    check_columns(df, (*STATEMENT_COLUMNS, "iso3"), "map_cells")
    cells = _map_selection(df, concept, min_statements)
    return cells[cells["iso3"].notna()].reset_index(drop=True)[[*CELL_COLUMNS, "iso3"]]


def _map_selection(df: pd.DataFrame, concept: str, min_statements: int) -> pd.DataFrame:
    """The concept's cells with at least `min_statements`, with the actor's iso3 (or NA)."""
    places = df.loc[df["concept"] == concept, ["actor", "iso3"]].drop_duplicates("actor")
    cells = _at_least(stance_cells(df), min_statements)
    return cells[cells["concept"] == concept].merge(places, on="actor", how="left")


def _map_traces(on_map: pd.DataFrame) -> list[go.Choropleth | go.Scattergeo]:
    """The coloured countries, and their signs as triangles (white on the darker colours)."""
    ids = [[a, c] for a, c in zip(on_map["actor"], on_map["concept"], strict=True)]
    means = [float(m) for m in on_map["mean_polarity"]]
    rows = _cells_by_key(on_map).values()
    places = {"locations": list(on_map["iso3"]), "locationmode": "ISO-3", "customdata": ids}
    countries = go.Choropleth(
        **places,
        z=means,
        zmin=-1,
        zmax=1,
        colorscale=[list(stop) for stop in DIVERGING],
        colorbar=STANCE_COLOURBAR,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.6}},
        hovertext=[_cell_hover(r["actor_name"], r["concept_label"], r) for r in rows],
        hovertemplate="%{hovertext}<extra></extra>",
        name="Mean stance",
    )
    signs = go.Scattergeo(
        **places,
        mode="text",
        text=[polarity_glyph(m) for m in means],
        textfont={"size": 10, "color": [sign_text_colour(m) for m in means]},
        hoverinfo="skip",  # the country under it answers hovers and clicks
        showlegend=False,
        name="Sign",
    )
    return [countries, signs]


def _concept_ticks(labels: Sequence[str]) -> tuple[list[str], int, int]:
    """(tick texts, pixels they need above the grid, angle) for the matrix's concept labels.

    A few concepts get level labels on up to three lines; more get one slanted line each.
    """
    if len(labels) <= FLAT_CONCEPTS:
        return [wrapped(t, width=22, lines=3) for t in labels], 3 * 16 + 10, 0
    ticks = [wrapped(t, width=SLANTED_CHARS, lines=1) for t in labels]
    longest = max(len(t) for t in labels)
    return ticks, int(min(longest, SLANTED_CHARS) * 3.8) + 12, -40


def _top_actors(cells: pd.DataFrame, most: int) -> tuple[pd.DataFrame, list[str], list[str]]:
    """(cells of the `most` actors with most statements, those actors, 'top 30 of 80 actors')."""
    every = _by_statements(cells, "actor")
    actors = every[:most]
    extra = (
        [f"top {len(actors)} of {plural(len(every), 'actor')}"] if len(every) > len(actors) else []
    )
    return cells[cells["actor"].isin(actors)], actors, extra


def _at_least(cells: pd.DataFrame, min_statements: int) -> pd.DataFrame:
    return cells[cells["statements"] >= max(min_statements, 1)]


def _by_statements(cells: pd.DataFrame, column: str) -> list[str]:
    """Values of `column`, most statements first (ties by value)."""
    totals = cells.groupby(column)["statements"].sum()
    return sorted(map(str, totals.index), key=lambda v: (-int(totals[v]), v))


def _counted(subtitle: str, total: int, min_statements: int, extra: Sequence[str]) -> str:
    """'2021-01-01 to 2024-12-31 - 123 statements - cells of at least 3 - top 30 of 80 actors'."""
    parts = [label(subtitle)] if subtitle else []
    parts.append(plural(total, "statement"))
    if min_statements > 1:
        parts.append(f"at least {min_statements} per actor and concept")
    parts += [label(e) for e in extra]
    return " \u00b7 ".join(parts)


def _cells_by_key(cells: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    rows = [{str(k): v for k, v in r.items()} for r in cells.to_dict("records")]
    return {(str(r["actor"]), str(r["concept"])): r for r in rows}


def _cell_text(cell: Mapping[str, Any]) -> str:
    """'\u25b2 12': the sign as a glyph, then the number of statements."""
    return f"{polarity_glyph(float(cell['mean_polarity']))} {int(cell['statements'])}"


def _cell_hover(actor_name: object, concept_label: object, cell: Mapping[str, Any] | None) -> str:
    """'Russia on Sanctions and pressure on Russia: 12 statements, mean -0.83', then the counts."""
    head = f"<b>{label(actor_name)}</b> on {label(concept_label)}"
    if cell is None:
        return f"{head}: no statements"
    n, mean = int(cell["statements"]), float(cell["mean_polarity"])
    return (
        f"{head}: {plural(n, 'statement')}, mean {mean:+.2f}"
        f"<br>{int(cell['agree']):,} for {FOR_GLYPH} \u00b7 {int(cell['disagree']):,} against"
        f" {AGAINST_GLYPH}<br><i>click for the evidence</i>"
    )
