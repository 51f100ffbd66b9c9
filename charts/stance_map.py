"""One concept on a world map: countries coloured by mean stance, with the sign as a triangle.

Every country carries [actor, concept] in customdata. Pure Plotly, no Streamlit.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.schema import ACTOR, ACTOR_NAME, CONCEPT, CONCEPT_LABEL, ISO3
from charts.stance_cells import (
    CELL_COLUMNS,
    STATEMENT_COLUMNS,
    cell_hover,
    cells_by_key,
    cells_with_at_least,
    counted_line,
    stance_cells,
)
from charts.style import (
    DIVERGING,
    NO_DATA_COLOUR,
    STANCE_COLOURBAR,
    base_layout,
    check_columns,
    empty_figure,
    label,
    plural,
    polarity_glyph,
    sign_text_colour,
    source_line_annotation,
    source_px,
    titled,
)

MAP_PX = 460
BORDER_COLOUR = "#4a4a4a"  # country borders on the map


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
    check_columns(df, (*STATEMENT_COLUMNS, ISO3), "stance_map")
    cells = _map_selection(df, concept, min_statements)
    on_map = cells[cells[ISO3].notna()]
    concept_label = str(cells[CONCEPT_LABEL].iloc[0]) if len(cells) else concept
    total = int(on_map["statements"].sum())
    left_out = int(cells["statements"].sum()) - total
    extra = [f"{plural(left_out, 'statement')} by organisations not on the map"] if left_out else []
    heading = title if title is not None else f"Stances on {concept_label}, by country"
    full_title = titled(label(heading), counted_line(subtitle, total, min_statements, extra))
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
    check_columns(df, (*STATEMENT_COLUMNS, ISO3), "map_cells")
    cells = _map_selection(df, concept, min_statements)
    return cells[cells[ISO3].notna()].reset_index(drop=True)[[*CELL_COLUMNS, ISO3]]


def _map_selection(df: pd.DataFrame, concept: str, min_statements: int) -> pd.DataFrame:
    """The concept's cells with at least `min_statements`, with the actor's iso3 (or NA)."""
    places = df.loc[df[CONCEPT] == concept, [ACTOR, ISO3]].drop_duplicates(ACTOR)
    cells = cells_with_at_least(stance_cells(df), min_statements)
    return cells[cells[CONCEPT] == concept].merge(places, on=ACTOR, how="left")


def _map_traces(on_map: pd.DataFrame) -> list[go.Choropleth | go.Scattergeo]:
    """The coloured countries, and their signs as triangles (white on the darker colours)."""
    ids = [[a, c] for a, c in zip(on_map[ACTOR], on_map[CONCEPT], strict=True)]
    means = [float(m) for m in on_map["mean_polarity"]]
    rows = cells_by_key(on_map).values()
    places = {"locations": list(on_map[ISO3]), "locationmode": "ISO-3", "customdata": ids}
    countries = go.Choropleth(
        **places,
        z=means,
        zmin=-1,
        zmax=1,
        colorscale=[list(stop) for stop in DIVERGING],
        colorbar=STANCE_COLOURBAR,
        marker={"line": {"color": BORDER_COLOUR, "width": 0.6}},
        hovertext=[cell_hover(r[ACTOR_NAME], r[CONCEPT_LABEL], r) for r in rows],
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
