"""The β at which a set's most alike pair separates (the "same image every time" guard), against the Hessian
and the dynamics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield.analysis import is_minimum
from hopfield.analysis.continuous import separation_beta
from hopfield.modern import continuous_run


@given(st.floats(0.05, 3.0), st.sampled_from([1.0, 1.5, 2.0]))
@settings(max_examples=60, deadline=None)
def test_the_pair_average_stops_being_a_minimum_at_the_separation_beta(
    angle: float, alpha: float
) -> None:
    """Two unit vectors in the plane with correlation ρ = cos(angle): their average, attention (½, ½), is a
    minimum just below β* = 2^(2−α)/(1 − ρ) and a saddle just above (`is_minimum`, the Hessian). The plane has no
    1/N: its unit vectors are the patterns √N·x of the β-per-normalised-overlap convention (N = 2)."""
    pair = np.array([[1.0, 0.0], [np.cos(angle), np.sin(angle)]])
    found = separation_beta(np.sqrt(2) * pair, alpha)
    assert (found.first, found.second) == (0, 1) and found.correlation == pytest.approx(
        np.cos(angle), abs=1e-12
    )
    assert found.beta == pytest.approx(2 ** (2 - alpha) / (1 - np.cos(angle)), rel=1e-12)
    half = np.array([0.5, 0.5])
    assert is_minimum(pair, half, found.beta * (1 - 1e-6), alpha)
    assert not is_minimum(pair, half, found.beta * (1 + 1e-6), alpha)


def test_the_dynamics_leave_the_average_only_above_it() -> None:
    """Softmax recall of two patterns of equal size from just off their average: it stays at the average at
    0.9 β* and goes toward the nearer pattern at 1.1 β*."""
    rng = np.random.default_rng(3)
    a = rng.standard_normal(64)
    b = 0.6 * a + 0.8 * rng.standard_normal(64)
    pair = np.stack([a, b * np.linalg.norm(a) / np.linalg.norm(b)]) * 1.7
    found = separation_beta(pair)
    start = pair.mean(axis=0) + 1e-3 * (pair[0] - pair[1])
    below = continuous_run(pair, start, 0.9 * found.beta, max_steps=5000).states[0]
    above = continuous_run(pair, start, 1.1 * found.beta, max_steps=5000).states[0]
    difference = pair[0] - pair[1]

    def gap(state: np.ndarray) -> float:
        """Where the state sits along the pair: 0 at the second, 1 at the first."""
        return float((state - pair[1]) @ difference / (difference @ difference))

    assert gap(below) == pytest.approx(0.5, abs=1e-4)
    assert gap(above) > 0.6


def test_the_closest_pair_is_chosen_and_duplicates_are_refused() -> None:
    patterns = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 1.0, 0.1]])
    found = separation_beta(patterns)
    assert (found.first, found.second) == (1, 2)
    with pytest.raises(ValueError, match="same image"):
        separation_beta(np.array([[1.0, 2.0], [1.0, 2.0]]))
    with pytest.raises(ValueError, match="at least two"):
        separation_beta(np.array([[1.0, 2.0]]))
