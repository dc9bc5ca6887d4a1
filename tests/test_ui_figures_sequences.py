"""The Sequences page's figures and Store's damage curves (ui/figures/sequences.py, ui/figures/store.py), and the
cycles the page stores (ui/cycles.py): traces carry the given data, theory lines their criterion."""

from __future__ import annotations

import numpy as np
import pytest

import hopfield
from hopfield import analysis, sequences
from ui import cycles, figures

TITLES = {"linear": "Linear", "dense-poly": "Dense polynomial", "dense-exp": "Dense exponential"}


def test_overlap_band_is_pattern_by_time_with_labels():
    overlaps = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])  # three steps of a two-pattern cycle
    fig = figures.sequences.overlap_band(overlaps, ["a", "b"])
    (heat,) = fig.data
    np.testing.assert_array_equal(heat.z, overlaps.T)  # a row per pattern, a column per step
    assert list(fig.layout.yaxis.ticktext) == ["a", "b"] and (heat.zmin, heat.zmax) == (-1, 1)
    with pytest.raises(ValueError, match="one entry per stored pattern"):
        figures.sequences.overlap_band(overlaps, ["a"])


def test_length_capacity_figure_labels_each_theory_line_with_its_criterion():
    curve = analysis.length_capacity("linear", [20, 40], trials=3, seed=0)
    theory = {"linear": {c: curve.theory(c) for c in sequences.CRITERIA}}
    fig = figures.sequences.length_capacity_figure(
        {"linear": (curve.n_values, curve.longest)}, theory, TITLES, sequences.CRITERIA
    )
    measured, one, cycle = fig.data
    np.testing.assert_array_equal(measured.y, curve.longest)
    assert one.name == "Linear: theory, one transition exact" and one.line.dash == "dot"
    assert cycle.name == "Linear: theory, whole cycle exact" and cycle.line.dash == "dash"
    np.testing.assert_allclose(
        one.y, [sequences.length_capacity_theory("linear", n, "transition") for n in (20, 40)]
    )
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"


def test_damage_figure_draws_percentages_per_rule_dashed_when_clipped():
    levels, success = np.array([0.0, 0.5]), np.array([1.0, 0.25])
    fig = figures.store.damage_figure(
        {"hebbian": (levels, success)}, {"hebbian": "Hebbian"}, "synapses cut", True
    )
    (line,) = fig.data
    np.testing.assert_array_equal(line.x, [0, 50])
    np.testing.assert_array_equal(line.y, [100, 25])
    assert line.line.dash == "dash" and line.line.color == figures.style.RULE_COLORS["hebbian"]
    assert "clipped" in fig.layout.title.text and fig.layout.xaxis.title.text == "synapses cut (%)"


def test_digit_cycle_takes_the_digits_in_order():
    cycle = cycles.digit_cycle(12)
    source = hopfield.load_set("mnist")
    assert cycle.labels == (
        "0 #1",
        "1 #1",
        "2 #1",
        "3 #1",
        "4 #1",
        "5 #1",
        "6 #1",
        "7 #1",
        "8 #1",
        "9 #1",
        "0 #2",
        "1 #2",
    )
    np.testing.assert_array_equal(cycle.patterns[10], source.patterns[source.labels.index("0 #2")])
    assert not cycle.patterns.flags.writeable and cycle.shape == (28, 28)
    with pytest.raises(ValueError, match="from 1 to 1000"):
        cycles.digit_cycle(0)


def test_word_cycle_and_what_frames_show():
    cycle = cycles.word_cycle("AB A")
    assert cycle.labels == ("A", "B", "A") and cycles.repeated(cycle.patterns, cycle.labels) == [
        "A"
    ]
    frames = np.stack([cycle.patterns[1], -cycle.patterns[1]])
    assert cycles.shown(frames, cycle.patterns, cycle.labels) == [
        "B",
        "?",
    ]  # a reversed letter is no letter
    found = cycles.replay(cycle.patterns[:2], "dense-exp", 3, 0.0, 0)
    np.testing.assert_array_equal(found.frames[[0, 2, 4]], np.repeat(cycle.patterns[:1], 3, axis=0))
    assert found.overlaps.shape == (5, 2) and found.exact.tolist() == [True, True]
