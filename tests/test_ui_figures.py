"""Tests for the ui/figures package: the traces carry the given data, colours and titles."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
import pytest

import hopfield
from hopfield.rules import Rule, hebbian, register_rule, unregister_rule
from ui import figures

TITLES = hopfield.rules.rule_titles()


def _vlines(fig: go.Figure) -> list[float]:
    """The x positions of the vertical line shapes of a figure."""
    return sorted(
        shape.x0 for shape in fig.layout.shapes if shape.type == "line" and shape.x0 == shape.x1
    )


def _assert_house_style(fig: go.Figure, x_title: str, y_title: str) -> None:
    assert fig.layout.template.layout.plot_bgcolor == "white"  # plotly_white
    assert (fig.layout.margin.l, fig.layout.margin.r, fig.layout.margin.t, fig.layout.margin.b) == (
        10,
        10,
        40,
        10,
    )
    assert 300 <= fig.layout.height <= 420
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text == x_title
    assert fig.layout.yaxis.title.text == y_title


def test_every_registered_rule_has_a_colour_of_its_own() -> None:
    colors = [figures.style.rule_color(name) for name in hopfield.RULES]
    assert len(set(colors)) == len(colors)
    assert figures.style.NEUTRAL_COLOR not in colors and figures.style.EMPHASIS_COLOR not in colors
    assert figures.style.rule_color("no such rule") == figures.style.NEUTRAL_COLOR


def test_a_newly_registered_rule_gets_a_colour_no_other_rule_has() -> None:
    toys = [
        Rule(
            f"toy-{k}",
            f"Toy {k}",
            "W = H.",
            "pairwise",
            lambda n: 0.1 * n,
            ("sync",),
            train=hebbian,
        )
        for k in range(3)
    ]
    for toy in toys:
        register_rule(toy)
    try:
        colors = [figures.style.rule_color(name) for name in hopfield.RULES]
        assert len(set(colors)) == len(colors) == len(hopfield.RULES)
        assert figures.style.NEUTRAL_COLOR not in colors
        fig = figures.compare.basin_figure(
            {"toy-1": (np.array([0.0, 0.1]), np.array([1.0, 0.5]))}, {}
        )
        assert (
            fig.data[0].line.color
            == figures.style.rule_color("toy-1")
            != figures.style.rule_color("toy-0")
        )
    finally:
        for toy in toys:
            unregister_rule(toy.name)


def test_weight_heatmap_small_matrix_is_shown_as_is_centred_and_square() -> None:
    weights = np.array([[0.0, 0.5, -1.0], [0.5, 0.0, 0.25], [-1.0, 0.25, 0.0]])
    fig = figures.store.weight_heatmap(weights)
    (heatmap,) = fig.data
    np.testing.assert_allclose(np.asarray(heatmap.z), weights)
    assert heatmap.zmid == 0
    assert heatmap.reversescale is True  # RdBu reversed: positive red, negative blue
    assert heatmap.colorscale == go.Heatmap(colorscale="RdBu").colorscale
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.title.text == "Weight matrix W"
    _assert_house_style(fig, "neuron j", "neuron i")


def test_weight_heatmap_large_matrix_is_block_averaged_to_at_most_400() -> None:
    rng = np.random.default_rng(1)
    weights = rng.normal(size=(1000, 1000))
    fig = figures.store.weight_heatmap(weights)
    z = np.asarray(fig.data[0].z)
    assert z.shape == (334, 334)  # blocks of 3, the last one of a single neuron
    assert max(z.shape) <= figures.store.MAX_HEATMAP_SIDE
    assert z[0, 0] == pytest.approx(weights[:3, :3].mean(), rel=1e-5)
    assert z[5, 7] == pytest.approx(weights[15:18, 21:24].mean(), rel=1e-5)
    assert z[-1, -1] == pytest.approx(weights[999, 999], rel=1e-5)
    assert z[-1, 0] == pytest.approx(weights[999, :3].mean(), rel=1e-5)
    np.testing.assert_array_equal(np.asarray(fig.data[0].x), np.arange(0, 1000, 3))
    assert "3×3" in fig.layout.title.text
    assert "block" in fig.data[0].hovertemplate


def test_weight_heatmap_refuses_a_non_square_matrix() -> None:
    with pytest.raises(ValueError, match="square"):
        figures.store.weight_heatmap(np.zeros((3, 4)))


def test_correlation_heatmap_labels_values_and_range() -> None:
    correlations = np.array([[1.0, -0.2, 0.4], [-0.2, 1.0, 0.0], [0.4, 0.0, 1.0]])
    labels = ["7", "1", "7"]  # repeated labels stay separate rows
    fig = figures.store.correlation_heatmap(correlations, labels)
    (heatmap,) = fig.data
    np.testing.assert_allclose(np.asarray(heatmap.z), correlations)
    assert (heatmap.zmin, heatmap.zmax, heatmap.zmid) == (-1, 1, 0)
    assert (
        heatmap.texttemplate == "%{text}" and heatmap.textfont.size >= 14
    )  # readable on a projector and a phone
    written = [["1.0", "-0.2", "0.4"], ["-0.2", "1.0", "0.0"], ["0.4", "0.0", "1.0"]]
    assert [list(row) for row in heatmap.text] == written
    assert list(fig.layout.xaxis.ticktext) == labels
    assert list(fig.layout.yaxis.ticktext) == labels
    assert list(np.asarray(heatmap.customdata)[0, 1]) == ["7", "1"]
    assert fig.layout.yaxis.scaleanchor == "x"


def test_correlation_heatmap_hides_values_above_twelve_patterns() -> None:
    fig = figures.store.correlation_heatmap(np.eye(13), [str(i) for i in range(13)])
    assert fig.data[0].texttemplate is None


def test_stability_bars_colour_stable_green_and_unstable_red() -> None:
    flipped = np.array([0, 3, 0, 1])
    fig = figures.store.stability_bars(flipped, ["a", "b", "c", "d"], n=90)
    (bars,) = fig.data
    np.testing.assert_array_equal(np.asarray(bars.y), flipped)
    good, bad = figures.style.GOOD_COLOR, figures.style.BAD_COLOR
    assert list(bars.marker.color) == [good, bad, good, bad]
    assert list(fig.layout.xaxis.ticktext) == ["a", "b", "c", "d"]
    assert "of 90 bits" in bars.hovertemplate
    _assert_house_style(fig, "stored pattern", "bits that flip")


def test_stability_bars_refuses_mismatched_labels() -> None:
    with pytest.raises(ValueError, match="labels"):
        figures.store.stability_bars(np.array([0, 1]), ["only one"], n=10)


def test_load_gauge_shows_p_against_capacity_bands() -> None:
    fig = figures.store.load_gauge(
        load=10 / 12.0, capacity=12.0, memorised=10, rule_title="Hebbian"
    )
    (gauge,) = fig.data
    assert gauge.value == 10
    assert tuple(gauge.gauge.axis.range) == (0, 18.0)
    bands = [step.range for step in gauge.gauge.steps]
    assert np.asarray(bands) == pytest.approx(np.array([(0, 8.4), (8.4, 12.0), (12.0, 18.0)]))
    assert gauge.gauge.threshold.value == 12.0
    assert "Hebbian" in gauge.title.text and "83%" in gauge.title.text


def test_load_gauge_axis_reaches_an_overloaded_p() -> None:
    gauge = figures.store.load_gauge(
        load=3.0, capacity=10.0, memorised=30, rule_title="Hebbian"
    ).data[0]
    assert gauge.gauge.axis.range[1] == 30


def test_load_gauge_stays_finite_for_an_exponential_capacity() -> None:
    gauge = figures.store.load_gauge(
        load=0.0, capacity=math.inf, memorised=10, rule_title="Modern"
    ).data[0]
    assert gauge.value == 10
    assert tuple(gauge.gauge.axis.range) == (0, 10 * figures.store.GAUGE_SPAN)
    assert gauge.gauge.threshold.value is None
    assert "∞" in gauge.number.suffix


def test_energy_plot_one_line_per_probe() -> None:
    energies = np.array([[-1.0, -2.0], [-3.0, -2.5], [-4.0, -2.5]])
    fig = figures.recall.energy_plot(energies, ["probe A", "probe B"], x_title="sweep")
    assert len(fig.data) == 2
    for column, trace in enumerate(fig.data):
        np.testing.assert_array_equal(np.asarray(trace.y), energies[:, column])
        np.testing.assert_array_equal(np.asarray(trace.x), [0, 1, 2])
        assert "markers" in trace.mode
    assert [trace.name for trace in fig.data] == ["probe A", "probe B"]
    assert "sweep" in fig.data[0].hovertemplate
    assert fig.layout.legend.orientation == "h"
    _assert_house_style(fig, "sweep", "energy E")


def test_energy_plot_refuses_mismatched_labels() -> None:
    with pytest.raises(ValueError, match="labels"):
        figures.recall.energy_plot(np.zeros((3, 2)), ["one"])


def test_overlap_plot_draws_the_target_thick() -> None:
    overlaps = np.array([[0.2, 0.1, -0.3], [0.6, 0.0, -0.2], [1.0, -0.1, -0.1]])
    fig = figures.recall.overlap_plot(overlaps, ["0", "1", "2"], target=0)
    assert len(fig.data) == 3
    np.testing.assert_array_equal(np.asarray(fig.data[0].y), overlaps[:, 0])
    widths = [trace.line.width for trace in fig.data]
    assert widths[0] > widths[1] and widths[1] == widths[2]
    assert fig.data[0].name == "0 (target)"
    assert tuple(fig.layout.yaxis.range) == (-1.05, 1.05)
    _assert_house_style(fig, "step", "overlap m")


def test_overlap_plot_without_target_draws_all_lines_alike() -> None:
    fig = figures.recall.overlap_plot(np.zeros((2, 3)), ["a", "b", "c"])
    assert len({trace.line.width for trace in fig.data}) == 1


def test_capacity_figure_one_trace_per_rule_with_theory_lines_in_range() -> None:
    p_values = np.array([2, 6, 10, 14, 18])
    curves = {
        "hebbian": (p_values, np.array([1.0, 1.0, 0.6, 0.1, 0.0])),
        "storkey": (p_values, np.array([1.0, 1.0, 1.0, 0.8, 0.3])),
        "modern": (p_values, np.ones(5)),
    }
    capacities = {"hebbian": 12.4, "storkey": 16.2, "modern": 1e30}
    fig = figures.compare.capacity_figure(curves, capacities, TITLES, n=90)
    assert len(fig.data) == 3
    for trace, (rule, (p, success)) in zip(fig.data, curves.items(), strict=True):
        assert trace.name == TITLES[rule]
        assert trace.line.color == figures.style.RULE_COLORS[rule]
        np.testing.assert_array_equal(np.asarray(trace.x), p)
        np.testing.assert_array_equal(np.asarray(trace.y), success)
    assert _vlines(fig) == [12.4, 16.2]  # modern's 1e30 is outside the x range
    dashed = [shape for shape in fig.layout.shapes if shape.x0 == 12.4]
    assert (
        dashed[0].line.dash == "dash"
        and dashed[0].line.color == figures.style.RULE_COLORS["hebbian"]
    )
    assert tuple(fig.layout.yaxis.range) == (0, 1.02)
    assert "N = 90" in fig.layout.title.text
    _assert_house_style(fig, "patterns stored P", "recall success")


def test_basin_figure_one_line_per_rule() -> None:
    noise = np.array([0.0, 0.1, 0.2, 0.3])
    curves = {
        "hebbian": (noise, np.array([1.0, 0.9, 0.5, 0.1])),
        "storkey": (noise, np.array([1.0, 1.0, 0.7, 0.2])),
    }
    fig = figures.compare.basin_figure(curves, TITLES)
    assert [trace.name for trace in fig.data] == ["Hebbian", "Storkey"]
    assert fig.data[1].line.color == figures.style.RULE_COLORS["storkey"]
    np.testing.assert_array_equal(np.asarray(fig.data[0].y), curves["hebbian"][1])
    _assert_house_style(fig, "fraction of bits flipped", "recall success")


def test_timing_figure_is_a_row_per_rule_with_a_two_entry_legend() -> None:
    """Issue 19: on a phone a legend of every rule wrapped into a scroll box over the axis; now rows carry the
    rules, two bars (train, recall) each, and the legend has two entries."""
    fig = figures.compare.timing_figure(
        {"hebbian": 1.5, "storkey": 20.0}, {"hebbian": 3.0, "storkey": 4.0}, TITLES
    )
    assert fig.layout.barmode == "group" and fig.layout.xaxis.type == "log"
    assert [trace.name for trace in fig.data] == ["train", "recall"]
    assert [trace.orientation for trace in fig.data] == ["h", "h"]
    assert list(fig.data[0].y) == ["Hebbian", "Storkey"] and list(fig.data[0].x) == [1.5, 20.0]
    assert list(fig.data[1].x) == [3.0, 4.0]
    assert fig.layout.yaxis.autorange == "reversed"  # the first rule on top, as in the table
    assert fig.layout.xaxis.title.text == "milliseconds (log scale)"
    every = {rule: 1.0 for rule in hopfield.RULES}
    assert figures.compare.timing_figure(every, every, TITLES).layout.height >= 42 * len(
        hopfield.RULES
    )


def test_energy_histogram_counts_every_state_and_marks_each_attractor_energy_once() -> None:
    energies = np.array([-3.0, -3.0, -1.0, 0.0, 0.0, 0.0, 1.0, 2.0])
    fig = figures.landscape.energy_histogram(energies, np.array([-3.0, -3.0, -1.0]))
    (bars,) = fig.data
    assert np.asarray(bars.y).sum() == energies.size
    assert _vlines(fig) == [-3.0, -1.0]
    assert "8" in fig.layout.title.text
    _assert_house_style(fig, "energy E", "number of states")


def test_basin_sizes_colours_by_kind_and_keeps_repeated_labels_apart() -> None:
    sizes = np.array([0.4, 0.4, 0.15, 0.05])
    labels = ["stored 0", "reversed 0", "spurious", "spurious"]
    fig = figures.landscape.basin_sizes(sizes, labels)
    (bars,) = fig.data
    assert len(bars.x) == 4
    np.testing.assert_allclose(np.asarray(bars.y), sizes)
    colors = figures.style.OUTCOME_COLORS
    assert list(bars.marker.color) == [
        colors["stored"],
        colors["reversed"],
        colors["spurious"],
        colors["spurious"],
    ]
    assert list(fig.layout.xaxis.ticktext) == labels
    assert list(bars.text) == ["40.0%", "40.0%", "15.0%", "5.0%"]


def _slice_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A slice as `hopfield.analysis.landscape_slice` lays it out: N = 8, 4 agree and 4 differ neurons."""
    n, n_agree, n_differ = 8, 4, 4
    k_agree, k_differ = np.arange(0, 5, 2)[:, None], np.arange(0, 5)[None, :]  # (3, 1) and (1, 5)
    m_a = (n_agree - 2 * k_agree + n_differ - 2 * k_differ) / n
    m_b = (n_agree - 2 * k_agree - n_differ + 2 * k_differ) / n
    energy = 10.0 * np.arange(3)[:, None] + np.arange(5)[None, :]  # energy[i, j] = 10 i + j
    return m_a, m_b, energy


def test_landscape_slice_heatmap_shows_each_sample_at_its_overlaps() -> None:
    m_a, m_b, energy = _slice_grid()
    path = np.array([[0.0, 0.0], [0.5, 0.2], [1.0, 0.0]])
    fig = figures.landscape.landscape_slice_figure(m_a, m_b, energy, "0", "1", paths=[path])
    heatmap, line = fig.data
    axis = np.asarray(heatmap.x)
    z = np.asarray(heatmap.z, dtype=float)
    assert axis[0] == -1 and axis[-1] == 1 and z.shape == (axis.size, axis.size)

    def cell(m_a_value: float, m_b_value: float) -> tuple[int, int]:
        return int(np.abs(axis - m_b_value).argmin()), int(
            np.abs(axis - m_a_value).argmin()
        )  # (row = y, col = x)

    for i, j in [(0, 0), (0, 4), (1, 2), (2, 0), (2, 4)]:
        assert z[cell(m_a[i, j], m_b[i, j])] == energy[i, j], (i, j)
    assert np.asarray(heatmap.customdata)[cell(1.0, 0.0)].tolist() == [1.0, 0.0]  # ξ^a itself
    assert np.isnan(z[cell(-1.0, -1.0)])  # unreachable: m_a + m_b >= -1 on this slice
    assert np.isnan(z[cell(1.0, 1.0)])
    np.testing.assert_array_equal(np.asarray(line.x), path[:, 0])
    np.testing.assert_array_equal(np.asarray(line.y), path[:, 1])
    assert list(line.marker.symbol) == ["circle", "circle", "arrow"]
    assert fig.layout.yaxis.scaleanchor == "x"
    _assert_house_style(fig, "overlap with 0", "overlap with 1")


def test_landscape_slice_surface_lifts_paths_to_the_nearest_sample_energy() -> None:
    m_a, m_b, energy = _slice_grid()
    path = np.array([[m_a[0, 0], m_b[0, 0]], [m_a[1, 3] + 0.01, m_b[1, 3]]])
    fig = figures.landscape.landscape_slice_figure(
        m_a, m_b, energy, "0", "1", paths=[path], surface=True
    )
    surface, line = fig.data
    assert isinstance(surface, go.Surface) and isinstance(line, go.Scatter3d)
    np.testing.assert_array_equal(np.asarray(surface.z), energy)
    np.testing.assert_array_equal(np.asarray(surface.x), m_a)
    np.testing.assert_array_equal(np.asarray(line.z), [energy[0, 0], energy[1, 3]])
    assert fig.layout.scene.zaxis.title.text == "energy E"


def test_landscape_slice_refuses_grids_that_are_not_a_slice() -> None:
    m_a, m_b, energy = _slice_grid()
    with pytest.raises(ValueError, match="grids of one 2-D shape"):
        figures.landscape.landscape_slice_figure(m_a, m_b, energy[:, :4], "0", "1")
    aligned_a, aligned_b = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 3))
    with pytest.raises(ValueError, match="axis 0 only"):
        figures.landscape.landscape_slice_figure(aligned_a, aligned_b, energy, "0", "1")


def test_census_bars_fixed_order_and_colours() -> None:
    fig = figures.landscape.census_bars({"spurious": 5, "stored": 12, "mixture": 2})
    (bars,) = fig.data
    assert list(bars.x) == ["stored", "mixture", "spurious"]
    assert list(bars.y) == [12, 2, 5]
    colors = figures.style.OUTCOME_COLORS
    assert list(bars.marker.color) == [colors["stored"], colors["mixture"], colors["spurious"]]
    _assert_house_style(fig, "outcome", "random starts")


def test_capacity_and_basin_lines_name_their_point_in_the_hover() -> None:
    p_values, noise = np.array([2, 6]), np.array([0.0, 0.2])
    capacity = figures.compare.capacity_figure(
        {"storkey": (p_values, np.array([1.0, 0.5]))}, {}, TITLES, n=32
    )
    basins = figures.compare.basin_figure({"modern": (noise, np.array([1.0, 0.9]))}, TITLES)
    assert capacity.data[0].hovertemplate == "Storkey<br>P = %{x}: success %{y:.0%}<extra></extra>"
    assert (
        basins.data[0].hovertemplate
        == "Modern (softmax)<br>%{x:.0%} flipped: success %{y:.0%}<extra></extra>"
    )
    assert basins.data[0].mode == capacity.data[0].mode == "lines+markers"


def test_energy_plot_title_and_axis_name_the_recorded_unit_and_count_it() -> None:
    """A recall shown every few flips still counts flips: the title, the x axis and the x values agree."""
    fig = figures.recall.energy_plot(
        np.array([[-1.0], [-2.5], [-3.0]]),
        ["7"],
        x_title="flip",
        steps=np.array([0, 4, 9]),
        height=300,
    )
    assert fig.layout.title.text == "Energy per flip"
    assert fig.layout.xaxis.title.text == "flip" and fig.layout.height == 300
    np.testing.assert_array_equal(np.asarray(fig.data[0].x), [0, 4, 9])
    assert "flip %{x}" in fig.data[0].hovertemplate
    assert not fig.layout.showlegend  # one recall: its name is in the page, not in a legend
    assert (
        figures.recall.energy_plot(np.zeros((2, 1)), ["a"]).layout.title.text == "Energy per step"
    )
    with pytest.raises(ValueError, match="one x position per frame"):
        figures.recall.energy_plot(np.zeros((3, 1)), ["a"], steps=np.array([0, 1]))


def test_overlap_plot_places_frames_at_their_steps() -> None:
    fig = figures.recall.overlap_plot(
        np.zeros((3, 2)), ["a", "b"], target=1, x_title="sweep", steps=np.array([0, 5, 10])
    )
    assert all(np.asarray(trace.x).tolist() == [0, 5, 10] for trace in fig.data)
    _assert_house_style(fig, "sweep", "overlap m")
    with pytest.raises(ValueError, match="one x position per frame"):
        figures.recall.overlap_plot(np.zeros((3, 2)), ["a", "b"], steps=np.arange(4))


def test_weight_heatmap_takes_a_smaller_side_for_display() -> None:
    weights = np.random.default_rng(2).normal(size=(784, 784))
    fig = figures.store.weight_heatmap(weights, max_side=200)
    z = np.asarray(fig.data[0].z)
    assert z.shape == (196, 196)  # blocks of 4: seven a row of a 28 x 28 picture
    assert z[1, 2] == pytest.approx(weights[4:8, 8:12].mean(), rel=1e-5)
    assert "4×4" in fig.layout.title.text
    assert np.asarray(figures.store.weight_heatmap(np.eye(90), max_side=200).data[0].z).shape == (
        90,
        90,
    )  # as it is
    with pytest.raises(ValueError, match="max_side"):
        figures.store.weight_heatmap(weights, max_side=0)


def test_short_recalls_tick_every_whole_step_and_long_ones_leave_it_to_plotly():
    short = figures.recall.energy_plot(np.array([[-1.0], [-2.0], [-3.0]]), ["7"])
    assert short.layout.xaxis.dtick == 1  # no tick at step 0.5
    assert figures.recall.overlap_plot(np.zeros((3, 2)), ["a", "b"], 0).layout.xaxis.dtick == 1
    assert figures.recall.energy_plot(np.zeros((40, 1)), ["7"]).layout.xaxis.dtick is None


def test_a_chart_is_built_once_per_builder_and_arguments() -> None:
    from ui import caches

    energies = np.array([[-1.0], [-2.0]])
    first = caches.cached_figure(figures.recall.energy_plot, energies, ["a"])
    assert (
        caches.cached_figure(figures.recall.energy_plot, energies.copy(), ["a"]) is first
    )  # keyed by value
    assert caches.cached_figure(figures.recall.energy_plot, energies, ["b"]) is not first
    other = caches.cached_figure(figures.recall.overlap_plot, energies, ["a"])
    assert other is not first and other.layout.title.text == "Overlap with each stored pattern"


def test_the_scaling_figure_draws_log_axes_theory_lines_and_open_markers_for_capped_points():
    from ui.figures import compare

    titles = {"hebbian": "Hebbian", "modern": "Modern"}
    fig = compare.scaling_figure(
        {
            "hebbian": ([16, 32], [3, 6], [False, False]),
            "modern": ([16, 32], [256, 256], [True, True]),
        },
        {"hebbian": ([16, 32], [2.2, 4.4]), "modern": ([16, 32], [float("nan")] * 2)},
        titles,
    )
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert [trace.name for trace in fig.data] == [
        "Hebbian",
        "Hebbian (theory)",
        "Modern",
    ]  # no line for nan
    assert list(fig.data[2].marker.symbol) == ["circle-open", "circle-open"]
    assert list(fig.data[1].y) == [2.2, 4.4] and fig.data[1].line.dash == "dash"
