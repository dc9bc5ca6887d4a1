"""The projector setting's chart fonts (figures.style.projected) and its style sheet, without a browser."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui import projector
from ui.figures import recall, style


def test_projected_enlarges_every_font_of_a_copy_and_leaves_the_cached_figure_alone() -> None:
    fig = recall.energy_plot(np.array([[-3.0], [-5.0], [-6.0]]), ["7"], "step")
    fig.add_annotation(text="note", font_size=10)
    before = fig.to_dict()
    bigger = style.projected(fig, 1.5)
    assert fig.to_dict() == before
    assert bigger.layout.font.size == 18 and bigger.layout.legend.font.size == 18
    assert bigger.layout.title.font.size == round(15 * 1.5)
    assert bigger.layout.xaxis.tickfont.size == 18 and bigger.layout.yaxis.title.font.size == 18
    assert bigger.layout.annotations[0].font.size == 15
    assert bigger.data[0].y.tolist() == fig.data[0].y.tolist()


def test_projected_reaches_every_axis_of_a_figure_with_subplots() -> None:
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Scatter(y=[1, 2]), row=1, col=1)
    fig.add_trace(go.Scatter(y=[2, 1]), row=1, col=2)
    bigger = style.projected(fig, 1.35)
    assert (
        bigger.layout.xaxis2.tickfont.size == bigger.layout.xaxis.tickfont.size == round(12 * 1.35)
    )


def test_the_style_sheet_enlarges_the_root_font_and_zooms_pictures_drawn_at_a_pixel_width() -> None:
    assert f"html {{ font-size: {16 * projector.TEXT_SCALE:g}px; }}" in projector.CSS
    assert f'img[style*="px;"]) {{ zoom: {projector.PICTURE_ZOOM}; }}' in projector.CSS
    assert projector.CSS.startswith("<style>") and projector.CSS.endswith("</style>")
