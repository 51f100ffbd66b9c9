"""charts.export (the slide copy, the modebar config), the plotted data, and the image bytes
(ui.export_image)."""

from __future__ import annotations

import os
import re
import struct

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.export import (
    CAPTION_NAME,
    caption_lines,
    modebar_config,
    safe_filename,
    slide_figure,
)
from charts.stances import (
    bars_cells,
    map_cells,
    matrix_cells,
    stance_bars,
    stance_map,
    stance_matrix,
)
from charts.timeline import period_counts, statements_over_time
from ui.export_image import to_image_bytes

USA, RUS, NATO = ("USA", "United States", "USA"), ("RUS", "Russia", "RUS"), ("NATO", "NATO", None)
SANCTIONS, UKRAINE = ("sanctions", "Sanctions"), ("ukraine", "Ukraine")
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def corpus() -> pd.DataFrame:
    rows = (
        [(USA, SANCTIONS, 1)] * 3 + [(USA, SANCTIONS, -1), (USA, UKRAINE, 1)]
        + [(RUS, SANCTIONS, -1)] * 2 + [(RUS, UKRAINE, -1), (NATO, UKRAINE, 1)]
    )  # fmt: skip
    return pd.DataFrame(
        [
            {
                "actor": a[0],
                "actor_name": a[1],
                "iso3": a[2],
                "concept": c[0],
                "concept_label": c[1],
                "polarity": p,
                "date": f"2022-0{1 + i % 3}-10",
            }
            for i, (a, c, p) in enumerate(rows)
        ]  # fmt: skip
    )


def test_slide_is_a_sized_copy_with_the_caption_under_everything(corpus: pd.DataFrame) -> None:
    fig = stance_matrix(corpus, source_line="Source: Wire.\nSource: Other.")
    slide = slide_figure(fig, caption="9 statements, 2022.\nRules; precision 0.8 <b>")
    assert (slide.layout.width, slide.layout.height) == (1600, 900)
    assert (
        fig.layout.width is None and len(fig.layout.annotations) == 1
    )  # the original is untouched
    texts = [a.text for a in slide.layout.annotations]
    assert texts[0] == "Source: Wire.<br>Source: Other."
    caption = next(a for a in slide.layout.annotations if a.name == CAPTION_NAME)
    assert caption.text == "9 statements, 2022.<br>Rules; precision 0.8 &lt;b&gt;"
    # The caption sits below the figure's own bottom margin, which grows to hold it.
    assert caption.yshift <= -fig.layout.margin.b
    grown = 2 * 3 * 1.3  # two source lines, 11 px raised to 14 px
    assert slide.layout.margin.b == fig.layout.margin.b + round(grown + 0.5) + 2 * 19 + 10
    assert slide.layout.title.text == fig.layout.title.text
    assert 0 < slide.layout.title.x < 0.05


def test_slide_without_caption_and_long_captions_wrap(corpus: pd.DataFrame) -> None:
    fig = stance_bars(corpus, concept=SANCTIONS[0])
    slide = slide_figure(fig, caption="", width=1200, height=675)
    assert (slide.layout.width, slide.layout.height) == (1200, 675)
    assert slide.layout.margin.b == fig.layout.margin.b
    lines = caption_lines("word " * 200, width=1600)
    assert len(lines) > 1 and all(len(line) <= (1600 - 300) / 7 for line in lines)


def test_modebar_config_saves_a_slide_sized_image() -> None:
    config = modebar_config("Stance matrix: 2022/2023")
    assert config == {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png", "filename": "Stance-matrix-2022-2023", "width": 1600, "height": 900,
            "scale": 1,
        },
    }  # fmt: skip
    assert modebar_config("x", fmt="svg")["toImageButtonOptions"]["format"] == "svg"
    with pytest.raises(ValueError, match="fmt must be one of"):
        modebar_config("x", fmt="jpeg")  # type: ignore[arg-type]
    assert safe_filename("../<>") == "stancemap-chart"


# ------------------------------------------------------------------ plotted data = the marks


def test_matrix_data_is_the_coloured_cells(corpus: pd.DataFrame) -> None:
    options = {"min_statements": 2, "max_actors": 2}
    fig, data = stance_matrix(corpus, **options), matrix_cells(corpus, **options)
    heat = fig.data[0]
    marks = [
        (ids[0], ids[1], z)
        for z_row, id_row in zip(heat.z, heat.customdata, strict=True)
        for z, ids in zip(z_row, id_row, strict=True)
        if z is not None
    ]
    assert marks == list(zip(data["actor"], data["concept"], data["mean_polarity"], strict=True))
    assert list(data.columns) == ["actor", "actor_name", "concept", "concept_label", "statements",
                                  "agree", "disagree", "mean_polarity"]  # fmt: skip


def test_bars_data_is_the_bars(corpus: pd.DataFrame) -> None:
    fig, data = stance_bars(corpus, concept=SANCTIONS[0]), bars_cells(corpus, concept=SANCTIONS[0])
    against, for_ = fig.data[:2]
    assert list(for_.x) == [n for n in data["agree"] if n > 0]
    assert list(against.x) == [-n for n in data["disagree"] if n > 0]
    assert list(for_.y) == [n for n, k in zip(data["actor_name"], data["agree"], strict=True) if k]


def test_map_data_is_the_countries(corpus: pd.DataFrame) -> None:
    fig, data = stance_map(corpus, concept=UKRAINE[0]), map_cells(corpus, concept=UKRAINE[0])
    assert (
        list(fig.data[0].locations) == list(data["iso3"]) == ["RUS", "USA"]
    )  # ties by code; not NATO
    assert list(fig.data[0].z) == list(data["mean_polarity"])


def test_timeline_data_is_the_bars(corpus: pd.DataFrame) -> None:
    fig, data = statements_over_time(corpus), period_counts(corpus)
    marks = sorted(
        (c[0], c[1], y)
        for t in fig.data
        if t.type == "bar"
        for c, y in zip(t.customdata, t.y, strict=True)
    )
    assert marks == sorted(zip(data["actor"], data["period"], data["statements"], strict=True))


# ------------------------------------------------------------------ images (need Chromium)

needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK) and "BROWSER_PATH" not in os.environ,
    reason=f"image export needs Chromium ({CHROMIUM} is missing and BROWSER_PATH is not set)",
)


@needs_chromium
def test_png_and_svg_of_a_slide(corpus: pd.DataFrame) -> None:
    slide = slide_figure(stance_matrix(corpus, source_line="Source: Wire."), caption="Caption.")
    png = to_image_bytes(slide, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (1600, 900)
    svg = to_image_bytes(slide, "svg")
    assert svg.lstrip().startswith(b"<svg") and b'width="1600"' in svg
    assert b"Caption." in svg and b"Source: Wire." in svg


@needs_chromium
def test_a_figure_without_size_is_drawn_at_slide_size() -> None:
    png = to_image_bytes(go.Figure(go.Bar(x=[1], y=[2])), "png")
    assert struct.unpack(">II", png[16:24]) == (1600, 900)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match=r"fmt must be one of \['png', 'svg'\]"):
        to_image_bytes(go.Figure(), "pdf")  # type: ignore[arg-type]


@pytest.mark.parametrize("chart", ["matrix", "bars", "map"])
def test_every_text_of_a_slide_is_legible(corpus: pd.DataFrame, chart: str) -> None:
    line = "Source: Wire - CC BY.\nSource: Other - public domain.\nSource: Third - CC0."
    fig = {
        "matrix": lambda: stance_matrix(corpus, source_line=line),
        "bars": lambda: stance_bars(corpus, concept=SANCTIONS[0], source_line=line),
        "map": lambda: stance_map(corpus, concept=SANCTIONS[0], source_line=line),
    }[chart]()
    slide = slide_figure(fig, caption="9 statements.")
    assert slide.layout.font.size >= 14
    assert all(a.font.size >= 14 for a in slide.layout.annotations)
    fonts = [t.textfont.size for t in slide.data if "textfont" in t]
    assert all(size is None or size >= 14 for size in fonts)
    # the source line grew by three lines of 3 px more: the caption moved down as much
    source = next(a for a in slide.layout.annotations if a.text.startswith("Source: Wire"))
    caption = next(a for a in slide.layout.annotations if a.name == CAPTION_NAME)
    assert caption.yshift < source.yshift - 3 * 14 * 1.2
    assert fig.layout.annotations[0].font.size < 14  # the app's own figure is untouched


@needs_chromium
def test_the_source_line_of_a_slide_is_drawn_at_14_px_or_more(corpus: pd.DataFrame) -> None:
    slide = slide_figure(stance_matrix(corpus, source_line="Source: Wire."), caption="Caption.")
    svg = to_image_bytes(slide, "svg").decode("utf-8")
    source = re.search(r'<text[^>]*style="([^"]*)"[^>]*>Source: Wire\.', svg)
    assert source is not None
    px = float(re.search(r"font-size: ?([\d.]+)px", source.group(1)).group(1))
    assert px >= 14


def test_maps_read_the_apps_own_country_shapes(tmp_path) -> None:
    from ui.export_view import MAP_SHAPES_DIR, MAP_SHAPES_URL, chart_config, map_shapes_problem

    assert chart_config("x")["topojsonURL"] == MAP_SHAPES_URL
    assert not MAP_SHAPES_URL.startswith(("http", "//"))  # the app's own host, any base path
    assert map_shapes_problem() is None and (MAP_SHAPES_DIR / "world_110m.json").stat().st_size
    problem = map_shapes_problem(tmp_path)
    assert problem is not None and "world_110m.json" in problem and "missing" in problem
    assert "topojsonURL" not in modebar_config("x")
