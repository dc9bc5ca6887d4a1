"""Sparsemax and α-entmax against plain references, their exact zeros, and the conjugate energy term."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield.sparse import attention_alpha, attention_map, conjugate, entmax, softmax, sparsemax


def ref_sparsemax(row: list[float]) -> list[float]:
    """Sort-based sparsemax of one row, in plain Python (Martins & Astudillo 2016, Alg. 1)."""
    ordered = sorted(row, reverse=True)
    total, support, support_sum = 0.0, 0, 0.0
    for k, z in enumerate(ordered, start=1):
        total += z
        if 1 + k * z > total:
            support, support_sum = k, total
    tau = (support_sum - 1) / support
    return [max(z - tau, 0.0) for z in row]


def ref_entmax(row: list[float], alpha: float) -> tuple[list[float], float]:
    """α-entmax of one row by plain bisection on τ to the last bit; returns the weights and τ
    (on the scale (α − 1)(θ − max θ))."""
    top = max(row)
    z = [(alpha - 1) * (v - top) for v in row]
    lo, hi = -1.0, 0.0
    while True:
        mid = (lo + hi) / 2
        if mid in (lo, hi):
            break
        total = sum(max(v - mid, 0.0) ** (1 / (alpha - 1)) for v in z)
        lo, hi = (mid, hi) if total >= 1 else (lo, mid)
    weights = [max(v - lo, 0.0) ** (1 / (alpha - 1)) for v in z]
    return [w / sum(weights) for w in weights], lo


rows = st.lists(st.floats(-30, 30, allow_nan=False), min_size=1, max_size=12)


@given(rows)
@settings(max_examples=200, deadline=None)
def test_sparsemax_agrees_with_the_sort_reference(row: list[float]) -> None:
    assert np.abs(sparsemax(row) - ref_sparsemax(row)).max() <= 1e-12


@given(rows, st.sampled_from([1.5, 1.1, 1.25, 1.7, 1.9, 2.0]))
@settings(max_examples=300, deadline=None)
def test_entmax_agrees_with_plain_bisection_and_zeros_are_exact(
    row: list[float], alpha: float
) -> None:
    expected, tau = ref_entmax(row, alpha)
    weights = entmax(row, alpha)
    assert np.abs(weights - expected).max() <= 1e-12
    assert weights.sum() == pytest.approx(1.0, abs=1e-12)
    top = max(row)
    clearly_out = [(alpha - 1) * (v - top) < tau - 1e-9 for v in row]
    assert (weights[clearly_out] == 0.0).all()  # exact zeros, not tiny numbers


def test_small_cases_by_hand() -> None:
    """sparsemax(1, 0.5, 0): τ = (1 + 0.5 − 1)/2 = 0.25 → (0.75, 0.25, 0); 1.5-entmax(0, 0, −10) = (½, ½, 0)."""
    assert sparsemax([1.0, 0.5, 0.0]).tolist() == [0.75, 0.25, 0.0]
    assert sparsemax([0.0, 0.5, 3.0]).tolist() == [0.0, 0.0, 1.0]
    assert entmax([0.0, 0.0, -10.0]).tolist() == [0.5, 0.5, 0.0]
    # 1.5-entmax(θ, 0): p = [θ/2 − τ]², two in the support when (θ/2 − τ)² + τ² = 1 with both terms positive
    theta = 1.0
    tau = (theta / 2 - math.sqrt(2 - theta**2 / 4)) / 2
    assert entmax([theta, 0.0]) == pytest.approx([(theta / 2 - tau) ** 2, tau**2], abs=1e-15)
    assert entmax([5.0, 0.0]).tolist() == [1.0, 0.0]  # θ/2 − 0 >= 1: the second is cut off
    assert np.allclose(entmax([[1.0, 2.0]], 1.0), softmax([[1.0, 2.0]]))


def test_batches_equal_rows_and_attention_names() -> None:
    grid = np.random.default_rng(0).normal(0, 3, (20, 7))
    for alpha in (1.5, 1.3):
        assert np.array_equal(entmax(grid, alpha), np.stack([entmax(row, alpha) for row in grid]))
    assert np.array_equal(attention_map(grid, "sparsemax"), sparsemax(grid))
    assert np.array_equal(attention_map(grid, "entmax", 1.3), entmax(grid, 1.3))
    assert [attention_alpha(name, 1.3) for name in ("softmax", "sparsemax", "entmax")] == [
        1.0,
        2.0,
        1.3,
    ]


@pytest.mark.parametrize("bad", [0.9, 2.5, float("nan"), True, "1.5"])
def test_alpha_is_checked(bad: object) -> None:
    with pytest.raises(ValueError, match="alpha must be"):
        entmax([1.0, 2.0], bad)


@pytest.mark.parametrize("bad", [[], [[1.0, float("inf")]], np.zeros((2, 2, 2))])
def test_scores_are_checked(bad: object) -> None:
    with pytest.raises(ValueError, match="scores must be"):
        sparsemax(bad)
    with pytest.raises(ValueError, match="attention must be"):
        attention_map([1.0], "hardmax")


def test_conjugate_by_hand() -> None:
    """Ω*(0, 0): ln 2 for softmax; sparsemax p = (½, ½), Ω*(θ) = ⟨p, θ⟩ − (Σp² − 1)/2 = ¼."""
    assert conjugate([0.0, 0.0]) == pytest.approx(math.log(2), abs=1e-15)
    assert conjugate([0.0, 0.0], "sparsemax") == pytest.approx(0.25, abs=1e-15)
    assert conjugate([3.0, -10.0], "entmax") == pytest.approx(
        3.0, abs=1e-15
    )  # one-hot p: Ω = 0, Ω* = max θ


@given(rows, st.sampled_from(["softmax", "sparsemax", "entmax"]), st.integers(0, 2**31))
@settings(max_examples=150, deadline=None)
def test_conjugate_is_a_maximum_with_gradient_the_attention(
    row: list[float], attention: str, seed: int
) -> None:
    """Ω*(θ) >= ⟨q, θ⟩ − Ω(q) for any q in the simplex (Fenchel–Young), and ∇Ω* = p (central differences)."""
    alpha = attention_alpha(attention)
    theta = np.array(row)
    q = np.random.default_rng(seed).dirichlet(np.ones(len(row)))
    omega = (
        float((q * np.log(np.where(q > 0, q, 1))).sum())
        if alpha == 1
        else ((q**alpha).sum() - 1) / (alpha * (alpha - 1))
    )
    assert conjugate(theta, attention) >= float(q @ theta) - omega - 1e-9
    h = 1e-6
    bumps = np.eye(len(row)) * h
    numeric = (conjugate(theta + bumps, attention) - conjugate(theta - bumps, attention)) / (2 * h)
    assert np.abs(numeric - attention_map(theta, attention)).max() < 1e-5
