"""The Memory playground in AppTest: the default plane, deep links with starts and each attention, the buttons,
bad link values; the point helpers of ui/plane.py; the figure builder."""

from __future__ import annotations

import numpy as np
import pytest
from apptest import rerun, widget

from hopfield import analysis
from ui import plane
from ui.figures import playground as playground_figures

PAGE = "app_pages/playground.py"


def _rows(at, index: int) -> list[dict[str, str]]:
    return at.table[index].value.to_dict("records")


def test_the_default_plane_shows_its_fixed_points(app):
    at = app(PAGE)
    assert at.title[0].value == "Memory playground"
    assert not at.sidebar.multiselect and not at.sidebar.selectbox  # no binary Memory here
    assert len(at.get("plotly_chart")) == 1 and len(at.table) == 1
    memories = plane.parse_points(plane.random_points(6, 0))
    expected = [
        point.row()
        for point in analysis.plane_fixed_points(memories, 4.22, "softmax", 1.5, 12, 0.5)
    ]
    assert _rows(at, 0) == expected
    assert any(
        caption.value.startswith("6 memories (red, numbered), β = 4.22, softmax")
        for caption in at.caption
    )


@pytest.mark.parametrize("attention", ["softmax", "sparsemax", "entmax"])
def test_a_link_with_starts_lists_where_each_ends(app, attention):
    at = app(
        PAGE, pm="1.00,1.00;-1.00,-1.00", ps="0.50,0.20;-0.60,-0.30", pbeta="10", patt=attention
    )
    ends = _rows(at, 0)
    assert [row["ends in"] for row in ends] == ["memory 1", "memory 2"]
    assert ends[1]["start"] == "(-0.60, -0.30)" and ends[1]["end"] == "(-1.000, -1.000)"
    assert {row["what"] for row in _rows(at, 1)} >= {"memory 1", "memory 2"}
    assert widget(at, "palpha").disabled == (attention != "entmax")


def test_low_beta_ends_every_start_in_the_average(app):
    at = app(PAGE, pm="1.00,1.00;-1.00,-1.00", ps="0.50,0.20", pbeta="0.1")
    assert _rows(at, 0)[0]["ends in"] == "average of all"
    assert [row["what"] for row in _rows(at, 1)] == ["average of all"]


def test_the_buttons_draw_memories_and_clear_the_starts(app):
    at = app(PAGE, ps="0.50,0.20", pcount="9", pseed="4")
    next(b for b in at.button if b.label == "Draw memories at random").click()
    rerun(at)
    assert at.session_state["pm"] == plane.random_points(9, 4)
    assert any(caption.value.startswith("9 memories") for caption in at.caption)
    next(b for b in at.button if b.label == "Clear the starts").click()
    rerun(at)
    assert at.session_state["ps"] == "" and len(at.table) == 1


def test_a_grid_of_starts_and_a_bad_link(app):
    at = app(PAGE, pgrid="True", pm="2,2,2;oops", patt="hardmax")
    assert any("pm=" in w.value for w in at.warning) and any("patt=" in w.value for w in at.warning)
    assert at.session_state["pm"] == plane.random_points(6, 0)


def test_point_text_round_trips_and_refuses_bad_text():
    points = np.array([[0.5, -1.25], [1.999, 0.0]])
    assert plane.points_text(points) == "0.50,-1.25;2.00,0.00"
    assert plane.parse_points("0.50,-1.25;2.00,0.00").tolist() == [[0.5, -1.25], [2.0, 0.0]]
    assert plane.parse_points("").shape == (0, 2)
    for bad in ["1,2,3", "3,0", "nan,0", ";".join(["0,0"] * (plane.MAX_POINTS + 1))]:
        with pytest.raises(ValueError):
            plane.parse_points(bad)
    drawn = plane.parse_points(plane.random_points(20, 1))
    assert drawn.shape == (20, 2) and np.abs(drawn).max() <= 2 - plane.DRAW_MARGIN


def test_the_figure_draws_memories_paths_and_fixed_points():
    grid = analysis.energy_grid([[1.0, 1.0], [-1.0, -1.0]], 10.0, resolution=20)
    path = np.array([[0.5, 0.2], [0.8, 0.7], [1.0, 1.0]])
    fig = playground_figures.playground_figure(
        grid.xs,
        grid.ys,
        grid.energy,
        np.array([[1.0, 1.0], [-1.0, -1.0]]),
        [path],
        [(1.0, 1.0, True), (0.0, 0.0, False)],
    )
    click, contour, memories = fig.data[:3]
    assert len(click.x) == playground_figures.CLICK_GRID**2 and contour.type == "contour"
    assert list(memories.text) == ["1", "2"]
    (drawn,) = [trace for trace in fig.data if trace.name == playground_figures.PATH_TRACE]
    assert list(drawn.x) == [0.5, 0.8, 1.0] and list(drawn.y) == [0.2, 0.7, 1.0]
    assert [trace.marker.symbol for trace in fig.data[-2:]] == ["star", "x"]
    with pytest.raises(ValueError, match="energy must have shape"):
        playground_figures.playground_figure(
            grid.xs, grid.ys, grid.energy[:-1], grid.xs[:2, None].repeat(2, 1)
        )
