"""Tests for ui/figures/learning.py and the phase diagram in ui/figures/compare.py: the traces carry the given
data, the theory lines and the shared look."""

from __future__ import annotations

import numpy as np
import pytest

import hopfield
from hopfield import analysis
from ui import figures

TITLES = hopfield.rules.rule_titles()


def test_age_figure_draws_one_line_per_rule_in_its_colour() -> None:
    ages = np.arange(5)
    fig = figures.learning.age_figure(
        {"palimpsest": (ages, np.array([1, 1, 0.5, 0, 0])), "hebbian": (ages, np.zeros(5))},
        TITLES,
        200,
        5,
    )
    palimpsest, hebbian = fig.data
    assert palimpsest.name == "Palimpsest (forgetting)" and hebbian.name == "Hebbian"
    np.testing.assert_array_equal(palimpsest.y, [1, 1, 0.5, 0, 0])
    assert palimpsest.line.color == figures.style.RULE_COLORS["palimpsest"]
    assert fig.layout.xaxis.title.text.startswith("age") and "N = 200" in fig.layout.title.text
    assert list(fig.layout.xaxis.range) == [-0.5, 4.5]  # every age when there are few
    many = figures.learning.age_figure(
        {"hebbian": (np.arange(200), np.zeros(200))}, TITLES, 200, 200
    )
    assert list(many.layout.xaxis.range) == [-0.5, 30.5] and len(many.data[0].x) == 200
    assert many.layout.title.text == "Newest 30 of 200 patterns by age, N = 200"


def test_strength_basin_figure_one_line_per_strength() -> None:
    success = np.array([[1.0, 0.5], [1.0, 1.0]])
    fig = figures.learning.strength_basin_figure(
        np.array([0.0, 0.2]), success, np.array([1.0, 3.0]), "7"
    )
    assert [trace.name for trace in fig.data] == ["strength 1", "strength 3"]
    np.testing.assert_array_equal(fig.data[0].y, [1.0, 0.5])
    assert "Basin of 7" in fig.layout.title.text
    with pytest.raises(ValueError, match="shape"):
        figures.learning.strength_basin_figure(np.array([0.0]), success, np.array([1.0, 3.0]), "7")


def test_phase_figure_heatmap_and_theory_lines() -> None:
    temperatures, loads = np.array([0.0, 0.5, 1.0]), np.array([0.05, 0.1])
    overlap = np.array([[1.0, 0.9], [0.8, 0.3], [0.1, 0.0]])
    line_t = np.linspace(0, 1, 11)
    line_alpha = analysis.ags_boundary(line_t)
    fig = figures.compare.phase_figure(temperatures, loads, overlap, line_t, line_alpha, 200)
    heatmap, underlay, boundary, limits = fig.data
    np.testing.assert_array_equal(heatmap.z, overlap)
    np.testing.assert_array_equal(heatmap.x, loads)
    np.testing.assert_array_equal(heatmap.y, temperatures)
    assert (heatmap.zmin, heatmap.zmax) == (0, 1)
    np.testing.assert_array_equal(boundary.x, line_alpha)
    np.testing.assert_array_equal(underlay.y, boundary.y)
    assert [a.text for a in fig.layout.annotations] == ["T_c = 1", "α_c ≈ 0.138"]
    assert (
        boundary.x[0] == pytest.approx(0.138, abs=0.001) and boundary.x[-1] == 0.0
    )  # T = 0 and T = 1
    assert list(limits.x) == [0, 0.138] and list(limits.y) == [
        1,
        0,
    ]  # T_c = 1 at α → 0, α_c at T = 0
    assert (
        fig.layout.xaxis.title.text == "load α = P/N"
        and fig.layout.yaxis.title.text == "temperature T"
    )
    with pytest.raises(ValueError, match="shape"):
        figures.compare.phase_figure(temperatures, loads, overlap.T, line_t, line_alpha, 200)


def test_census_pair_groups_before_and_after_in_outcome_order() -> None:
    before = {"stored": 5, "reversed": 1, "mixture": 10, "spurious": 284}
    after = {"stored": 60, "reversed": 40, "mixture": 30, "spurious": 170}
    fig = figures.learning.census_pair(before, after, ("Hebbian", "after dreaming"))
    first, second = fig.data
    assert (first.name, second.name) == ("Hebbian", "after dreaming")
    assert list(first.x) == ["stored", "reversed", "mixture", "spurious"]
    assert list(first.y) == [5, 1, 10, 284] and list(second.y) == [60, 40, 30, 170]
    assert fig.layout.barmode == "group" and fig.layout.yaxis.range[1] > 284


def test_equal_strength_curves_stay_visible_one_inside_the_other() -> None:
    """Issue 19: "strength 2" hid under "strength 3" when their curves were equal: each line is thinner than the
    one before it, so an equal later curve shows inside the earlier one."""
    success = np.array([[1.0, 0.5], [1.0, 0.5], [1.0, 0.5]])
    fig = figures.learning.strength_basin_figure(
        np.array([0.0, 0.1]), success, np.array([1.0, 2.0, 3.0]), "7"
    )
    widths = [trace.line.width for trace in fig.data]
    sizes = [trace.marker.size for trace in fig.data]
    assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 3


def test_rules_sharing_a_theoretical_capacity_get_one_dashed_line() -> None:
    """Issue 19: dreaming's theory is Hebb's 0.138 N: one dashed line in Hebb's colour, not one over the other."""
    curves = {rule: (np.array([4, 20]), np.array([1.0, 0.0])) for rule in ("hebbian", "unlearning")}
    fig = figures.compare.capacity_figure(
        curves, {"hebbian": 13.8, "unlearning": 13.8}, TITLES, 100
    )
    lines = [shape for shape in fig.layout.shapes if shape.line.dash == "dash"]
    assert len(lines) == 1 and lines[0].line.color == figures.style.rule_color("hebbian")
