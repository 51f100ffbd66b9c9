"""Download buttons under a chart: a 16:9 PNG and SVG with caption (drawn on click) and the CSV.

The images are drawn (ui.export_image) in a headless Chromium only when a button is clicked
(st.download_button takes a callable); without Chromium the image buttons are disabled and a
warning says why, while the CSV still works.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.export import ImageFormat, modebar_config, safe_filename, slide_figure
from ui.export_image import MIME, browser_path, export_problem, to_image_bytes

logger = logging.getLogger(__name__)
# Country shapes for maps, served by the app itself (server.enableStaticServing: static/ is
# served under app/static/), so a map never needs Plotly's CDN: offline and air-gapped
# deployments draw it too. The URL is relative: it works under any server.baseUrlPath.
MAP_SHAPES_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"
MAP_SHAPES_URL = "app/static/topojson/"
MAP_SHAPES = ("world_110m.json",)  # what plotly.js asks for to draw ISO-3 countries


def map_shapes_problem(folder: Path = MAP_SHAPES_DIR) -> str | None:
    """Why maps cannot be drawn (their shapes are missing), or None."""
    missing = [name for name in MAP_SHAPES if not (folder / name).is_file()]
    if not missing:
        return None
    return (
        f"The world map cannot be drawn: its country shapes ({', '.join(missing)}) are missing"
        f" from {folder}. The Bars view shows the same statements."
    )


def chart_config(name: str) -> dict[str, Any]:
    """The modebar config of a chart named `name`, maps reading the app's own shapes."""
    return modebar_config(name, topojson_url=MAP_SHAPES_URL)


def chart_downloads(
    fig: go.Figure, *, data: pd.DataFrame, name: str, caption: str, key: str
) -> None:
    """A row of 'Download PNG', 'Download SVG' (1600x900 with `caption`) and 'Download CSV'.

    `data` is exactly what the chart plots (charts.stances.matrix_cells() and the like);
    `name` becomes the file names; `key` prefixes the widget keys.
    """
    stem = safe_filename(name)
    problem, no_browser = export_problem(), browser_path() is None
    columns = st.columns([1, 1, 1, 3])
    for column, fmt in zip(columns, ("png", "svg"), strict=False):
        column.download_button(
            f"Download {fmt.upper()}",
            data=partial(_image, fig, caption, fmt),
            file_name=f"{stem}.{fmt}",
            mime=MIME[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
            disabled=no_browser,
            icon=":material/image:",
            help="16:9 (1600 x 900) with title, caption and sources, for a slide.",
        )
    columns[2].download_button(
        "Download CSV",
        data=partial(csv_bytes, data),  # written only when clicked
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/table:",
        help="Exactly the numbers the chart shows.",
    )
    if problem is not None:
        st.warning(
            f"{problem} The camera button above the chart still saves a PNG from your browser.",
            icon=":material/warning:",
        )


def csv_bytes(data: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (for a download button: called when it is clicked)."""
    return data.to_csv(index=False).encode("utf-8")


def _image(fig: go.Figure, caption: str, fmt: ImageFormat) -> bytes:
    """The slide image; runs on click, off the script thread (Streamlit calls are ignored)."""
    try:
        shapes = MAP_SHAPES_DIR.as_uri() + "/"  # the browser drawing it reads local files
        return to_image_bytes(slide_figure(fig, caption=caption), fmt, topojson=shapes)
    except Exception:
        # The next rerun shows export_problem()'s warning; this error reaches the browser.
        logger.exception("exporting a %s image failed", fmt)
        raise
