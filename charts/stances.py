"""Charts of who takes which side on which concept: matrix, for/against bars, world map.

One place to import them from; each chart lives in its own module (charts.stance_matrix,
charts.stance_bars, charts.stance_map) and all draw from the cells of charts.stance_cells.
Input is tidy: one row per statement (one actor's side on one concept in one article, a row of
the document_stances table) with the actor's and the concept's display names. Every mark
carries the ids that lead to its evidence in customdata. Pure Plotly, no Streamlit.
"""

from __future__ import annotations

from charts.stance_bars import BAR_PX, bars_cells, stance_bars
from charts.stance_cells import (
    CELL_COLUMNS,
    MAX_ACTORS,
    STATEMENT_COLUMNS,
    drawn_statements,
    stance_cells,
)
from charts.stance_map import MAP_PX, map_cells, stance_map
from charts.stance_matrix import MATRIX_TITLE, ROW_PX, matrix_cells, stance_matrix

__all__ = [
    "BAR_PX",
    "CELL_COLUMNS",
    "MAP_PX",
    "MATRIX_TITLE",
    "MAX_ACTORS",
    "ROW_PX",
    "STATEMENT_COLUMNS",
    "bars_cells",
    "drawn_statements",
    "map_cells",
    "matrix_cells",
    "stance_bars",
    "stance_cells",
    "stance_map",
    "stance_matrix",
]
