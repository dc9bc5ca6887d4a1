"""The memory playground's engine: the energy in the plane by hand, descents that never climb, fixed points."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield.analysis.playground import (
    energy_grid,
    is_minimum,
    plane_descents,
    plane_energy,
    plane_fixed_points,
)

PAIR = np.array([[1.0, 0.0], [-1.0, 0.0]])


def lse_energy(memories: np.ndarray, point: np.ndarray, beta: float) -> float:
    """−β⁻¹ ln Σ_μ exp(β x_μ·ξ) + ½‖ξ‖², one point, written out."""
    total = sum(math.exp(beta * float(x @ point)) for x in memories)
    return -math.log(total) / beta + 0.5 * float(point @ point)


def test_energy_by_hand() -> None:
    """Two memories (±1, 0): E(0) = −ln 2 / β (softmax), −¼/β (sparsemax: p = (½, ½), Ω* = ¼);
    E((1, 0)) = −β⁻¹ ln(e^β + e^−β) + ½; with sparsemax at β = 1, p = (1, 0) and E = −1 + ½."""
    beta = 2.0
    assert plane_energy(PAIR, [0.0, 0.0], beta) == pytest.approx([-math.log(2) / beta], abs=1e-15)
    assert plane_energy(PAIR, [0.0, 0.0], beta, "sparsemax") == pytest.approx(
        [-0.25 / beta], abs=1e-15
    )
    expected = -math.log(math.exp(beta) + math.exp(-beta)) / beta + 0.5
    assert plane_energy(PAIR, [1.0, 0.0], beta) == pytest.approx([expected], abs=1e-15)
    assert plane_energy(PAIR, [1.0, 0.0], 1.0, "sparsemax") == pytest.approx([-0.5], abs=1e-15)


@given(st.integers(0, 2**31), st.floats(0.1, 50), st.integers(1, 8))
@settings(max_examples=60, deadline=None)
def test_grid_energy_is_the_formula(seed: int, beta: float, p: int) -> None:
    rng = np.random.default_rng(seed)
    memories = rng.uniform(-2, 2, (p, 2))
    grid = energy_grid(memories, beta, resolution=7)
    assert grid.energy.shape == (7, 7) and grid.xs[0] == -2 and grid.xs[-1] == 2
    for i, j in [(0, 0), (3, 5), (6, 2)]:
        point = np.array([grid.xs[j], grid.ys[i]])
        assert grid.energy[i, j] == pytest.approx(
            lse_energy(memories, point, beta), rel=1e-12, abs=1e-12
        )


@given(
    st.integers(0, 2**31),
    st.floats(0.2, 30),
    st.sampled_from(["softmax", "sparsemax", "entmax"]),
    st.sampled_from([1.0, 0.5, 0.1]),
)
@settings(max_examples=80, deadline=None)
def test_descents_never_raise_the_energy(
    seed: int, beta: float, attention: str, step: float
) -> None:
    rng = np.random.default_rng(seed)
    memories = rng.uniform(-2, 2, (int(rng.integers(1, 7)), 2))
    descents = plane_descents(
        memories, rng.uniform(-2, 2, (5, 2)), beta, attention, step=step, max_steps=60
    )
    rises = np.diff(descents.energies, axis=0)
    assert (rises <= 1e-12 * np.maximum(1.0, np.abs(descents.energies[1:]))).all()


def test_update_by_hand_and_ends() -> None:
    """From (0.5, 0) with memories (±1, 0) and β = 1: weights softmax(0.5, −0.5), so ξ₁ = tanh(0.5)."""
    descents = plane_descents(PAIR, [[0.5, 0.0]], 1.0, max_steps=1)
    assert descents.paths[1, 0].tolist() == pytest.approx([math.tanh(0.5), 0.0], abs=1e-15)
    far_apart = plane_descents(PAIR, [[0.6, 0.3], [-0.2, -0.9]], 20.0)
    assert far_apart.end_names() == ["memory 1", "memory 2"]
    assert far_apart.rows()[0] == {
        "start": "(0.60, 0.30)",
        "end": "(1.000, 0.000)",
        "ends in": "memory 1",
        "steps": int(far_apart.steps[0]),
    }
    assert far_apart.converged.all()
    assert far_apart.paths[-1, 0] == pytest.approx([1.0, 0.0], abs=1e-8)
    hot = plane_descents(PAIR, [[0.6, 0.3]], 0.5)
    assert hot.end_names() == ["average of all"] and hot.paths[-1, 0] == pytest.approx(
        [0.0, 0.0], abs=1e-8
    )


def test_sparsemax_retrieves_a_memory_exactly() -> None:
    """With sparsemax a retrieval has weight exactly 1 on its memory and the state is the memory itself."""
    descents = plane_descents(PAIR, [[0.9, 0.2]], 5.0, "sparsemax")
    assert descents.weights[0].tolist() == [1.0, 0.0]
    assert descents.paths[-1, 0].tolist() == [1.0, 0.0]


def test_metastable_mix_and_fixed_point_table() -> None:
    """Five memories, two close together: at moderate β the close pair merges into one metastable mix."""
    memories = np.array([[1.0, 0.1], [1.0, -0.1], [-1.0, 0.0], [0.0, 1.5], [0.0, -1.5]])
    table = plane_fixed_points(memories, 5.0, per_side=8)
    names = {point.name for point in table}
    assert names == {"mix of memories 1, 2", "memory 3", "memory 4", "memory 5"}
    assert all(point.minimum for point in table)
    assert sum(point.share for point in table) == pytest.approx(1.0)
    mix = next(point for point in table if point.name.startswith("mix"))
    assert mix.y == pytest.approx(0.0, abs=1e-6) and 0.9 < mix.x < 1.0
    assert set(table[0].row()) == {"at", "energy", "what", "minimum", "share of starts"}
    assert (
        table[0].row()["minimum"] == "yes"
        and table[0].row()["share of starts"] == f"{table[0].share:.0%}"
    )


def test_the_saddle_between_two_memories_is_not_a_minimum() -> None:
    """At (0, 0) between (±1, 0), w = (½, ½): J = diag(w) − wwᵀ = ¼[[1, −1], [−1, 1]], (XᵀJX)_xx = 1, so the
    Hessian along x is 1 − β: a saddle at β = 5, the minimum (the average) at β = 0.5."""
    weights = np.array([0.5, 0.5])
    assert not is_minimum(PAIR, weights, 5.0, 1.0)
    assert is_minimum(PAIR, weights, 0.5, 1.0)
    assert is_minimum(PAIR, np.array([1.0, 0.0]), 5.0, 2.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plane_energy(np.zeros((3, 3)), [0, 0], 1.0), "memories must be"),
        (lambda: plane_energy(PAIR, [0, 0, 0], 1.0), "points must be"),
        (lambda: plane_energy(PAIR, [0, 0], 0.0), "beta must be"),
        (lambda: energy_grid(PAIR, 1.0, resolution=10_000), "resolution must be at most"),
        (lambda: plane_descents(PAIR, [[0, 0]], 1.0, step=1.5), "step must be"),
        (lambda: plane_descents(PAIR, [[0, 0]], 1.0, attention="hard"), "attention must be"),
    ],
)
def test_bad_input_is_refused_in_a_sentence(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()
