"""Sequence memories (Chaudhry, Zavatone-Veth, Krotov & Pehlevan 2023): worked cases, a plain per-neuron
reference, replay invariants, the issue's numbers, and the length-capacity sweep with its theory lines."""

from __future__ import annotations

import math
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import SequenceMemory, random_patterns
from hopfield.analysis import length_capacity
from hopfield.corrupt import flip_count
from hopfield.sequences import CRITERIA, length_capacity_theory

FEW = settings(max_examples=60, deadline=None)

# three mutually orthogonal patterns of four neurons: every transition is exact
CYCLE = np.array([[1, 1, -1, -1], [1, -1, 1, -1], [1, -1, -1, 1]], np.int8)


def plain_step(
    patterns: np.ndarray, state: np.ndarray, rule: str, degree: int = 3, beta: float | None = None
):
    """One update neuron by neuron from the definition: s_i ← sign(Σ_μ ξ^{μ+1}_i F(ξ^μ·s / N)), a tie keeps s_i.
    Exact rational arithmetic for the linear and polynomial rules; math.fsum for the exponential one."""
    p, n = patterns.shape
    overlaps = [int(row.astype(np.int64) @ state.astype(np.int64)) for row in patterns]
    beta = float(n) if beta is None else beta
    new = state.copy()
    for i in range(n):
        if rule == "dense-exp":
            top = max(overlaps)
            h = math.fsum(
                int(patterns[(mu + 1) % p, i]) * math.exp(beta * (o - top) / n)
                for mu, o in enumerate(overlaps)
            )
        else:
            d = 1 if rule == "linear" else degree
            h = sum(
                int(patterns[(mu + 1) % p, i]) * Fraction(o, n) ** d
                for mu, o in enumerate(overlaps)
            )
        new[i] = 1 if h > 0 else -1 if h < 0 else state[i]
    return new


def test_worked_cycle_and_weights():
    memory = SequenceMemory.train(CYCLE)
    frames = memory.replay(CYCLE[0], 4)
    assert frames.tolist() == [
        CYCLE[0].tolist(),
        CYCLE[1].tolist(),
        CYCLE[2].tolist(),
        CYCLE[0].tolist(),
        CYCLE[1].tolist(),
    ]
    # W = (1/4)(ξ²ξ¹ᵀ + ξ³ξ²ᵀ + ξ¹ξ³ᵀ), worked by hand: w_00 = 3/4, w_12 = −1/4 but w_21 = 3/4 (asymmetric)
    assert memory.weights[0, 0] == 0.75
    assert memory.weights[1, 2] == -0.25 and memory.weights[2, 1] == 0.75
    assert memory.exact_transitions().tolist() == [True, True, True]
    assert memory.expected(2, 3).tolist() == [
        CYCLE[2].tolist(),
        CYCLE[0].tolist(),
        CYCLE[1].tolist(),
        CYCLE[2].tolist(),
    ]


@pytest.mark.parametrize("rule", ["linear", "dense-poly", "dense-exp"])
def test_a_state_orthogonal_to_every_pattern(rule):
    # [1, 1, 1, 1]·ξ^μ = 0 for all three patterns. Linear and polynomial: F(0) = 0, every field is a tie and
    # the state stays. Exponential: F(0) = 1 for each, so h = ξ² + ξ³ + ξ¹ = [3, −1, −1, −1], no tie.
    memory = SequenceMemory.train(CYCLE, rule)
    state = np.ones(4, np.int8)
    expected = [1, 1, 1, 1] if rule != "dense-exp" else [1, -1, -1, -1]
    assert memory.step(state)[0].tolist() == expected


@st.composite
def cases(draw):
    n = draw(st.integers(1, 12))
    p = draw(st.integers(1, 2 * n + 2))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    patterns = (2 * rng.integers(0, 2, (p, n)) - 1).astype(np.int8)
    states = (2 * rng.integers(0, 2, (3, n)) - 1).astype(np.int8)
    return patterns, states


@FEW
@given(cases(), st.sampled_from(["linear", "dense-poly", "dense-exp"]), st.integers(2, 5))
def test_fast_step_equals_the_plain_reference(case, rule, degree):
    patterns, states = case
    memory = SequenceMemory.train(patterns, rule, degree=degree)
    fast = memory.step(states)
    for state, row in zip(states, fast, strict=True):
        assert row.tolist() == plain_step(patterns, state, rule, degree).tolist()


@FEW
@given(
    cases(),
    st.sampled_from(["linear", "dense-poly", "dense-exp"]),
    st.integers(0, 6),
    st.integers(0, 6),
)
def test_replay_invariants(case, rule, first, second):
    patterns, states = case
    memory = SequenceMemory.train(patterns, rule)
    batch = memory.replay(states, first + second)
    assert batch.shape == (first + second + 1, *states.shape) and batch.dtype == np.int8
    assert not batch.flags.writeable and np.array_equal(batch[0], states)
    for b, state in enumerate(states):  # a batch is its probes replayed one by one
        assert np.array_equal(memory.replay(state, first + second), batch[:, b])
    resumed = memory.replay(
        batch[first], second
    )  # a replay resumed from any frame is the same replay
    assert np.array_equal(resumed, batch[first:])
    assert np.array_equal(memory.replay((states + 1) // 2, first), batch[: first + 1])  # 0/1 is ±1
    if rule != "dense-exp":  # an odd F: the reversed start plays the reversed sequence
        assert np.array_equal(memory.replay(-states, first), -batch[: first + 1])


def _replays_exactly(memory: SequenceMemory, seed: int) -> bool:
    """From the first pattern with 10 % of its bits flipped, two laps: the second lap is the cycle exactly
    (the replay has locked onto the sequence and, every transition being exact, stays on it)."""
    p, n = memory.patterns.shape
    probe = flip_count(memory.patterns[0], round(0.1 * n), seed=seed)
    frames = memory.replay(probe, 2 * p)
    return bool(np.array_equal(frames[p:], memory.expected(0, 2 * p)[p:]))


def test_linear_rule_replays_ten_patterns_at_n100_but_not_sixty():
    seeds = range(10)
    short = [
        _replays_exactly(SequenceMemory.train(random_patterns(10, 100, seed=s)), s) for s in seeds
    ]
    long = [
        _replays_exactly(SequenceMemory.train(random_patterns(60, 100, seed=s)), s) for s in seeds
    ]
    assert sum(short) >= 7 and sum(long) == 0


def test_dense_poly_cubic_replays_a_hundred_patterns_at_n100():
    for seed in range(3):
        memory = SequenceMemory.train(random_patterns(100, 100, seed=seed), "dense-poly", degree=3)
        assert _replays_exactly(memory, seed)
        probe = flip_count(memory.patterns[0], 10, seed=seed)  # here exact from its very first step
        assert np.array_equal(memory.replay(probe, 150)[1:], memory.expected(0, 150)[1:])


def test_dense_exp_replays_a_cycle_longer_than_n():
    memory = SequenceMemory.train(random_patterns(300, 64, seed=5), "dense-exp")
    assert memory.length > memory.n and memory.exact_transitions().all()
    assert _replays_exactly(memory, 5)


def test_bad_input_gets_a_sentence():
    with pytest.raises(ValueError, match="Unknown sequence rule 'hebbian'"):
        SequenceMemory.train(CYCLE, "hebbian")
    with pytest.raises(ValueError, match="degree must be at least 2"):
        SequenceMemory.train(CYCLE, "dense-poly", degree=1)
    with pytest.raises(ValueError, match="beta must be a number > 0"):
        SequenceMemory.train(CYCLE, "dense-exp", beta=0)
    with pytest.raises(ValueError, match="must be 2-D"):
        SequenceMemory.train([1, -1, 1])
    memory = SequenceMemory.train(CYCLE)
    with pytest.raises(ValueError, match="start have 3 neurons but the network has 4"):
        memory.replay([1, 1, 1], 2)
    with pytest.raises(ValueError, match="steps must be at least 0"):
        memory.replay(CYCLE[0], -1)
    with pytest.raises(ValueError, match="first must be a pattern of the cycle, 0 to 2"):
        memory.expected(3, 1)
    with pytest.raises(ValueError, match="too large to keep"):
        memory.replay(CYCLE[0], 1 << 28)
    with pytest.raises(ValueError, match="Unknown criterion"):
        length_capacity_theory("linear", 100, "energy")


def test_theory_lines_are_the_papers_formulas():
    n = 100
    assert length_capacity_theory("linear", n, "transition") == pytest.approx(n / (2 * math.log(n)))
    assert length_capacity_theory("dense-poly", n, "transition", degree=3) == pytest.approx(
        n**3 / (2 * 15 * math.log(n))
    )  # (2d − 1)!! = 5·3·1
    beta = 30.0
    signal = math.exp(2 * beta) / math.cosh(2 * beta / n) ** n
    assert length_capacity_theory("dense-exp", n, "transition", beta=beta) == pytest.approx(
        signal / (2 * math.log(n))
    )
    for rule in ("linear", "dense-poly", "dense-exp"):  # the cycle line solves P = S / (2 ln(P N))
        p_cycle = length_capacity_theory(rule, n, "cycle")
        p_one = length_capacity_theory(rule, n, "transition")
        assert p_cycle == pytest.approx(p_one * math.log(n) / math.log(p_cycle * n), rel=1e-9)
        assert p_cycle < p_one
    assert length_capacity_theory("dense-exp", 2000, "cycle") == math.inf
    assert set(CRITERIA) == {"transition", "cycle"}


def test_length_capacity_lies_between_the_theory_lines_and_is_the_same_on_an_executor():
    curve = length_capacity("linear", [50, 100, 200], trials=6, seed=1)
    assert not curve.capped.any()
    # the measured longest cycle sits near the paper's two lines (finite-N slack of 30 %)
    assert (curve.longest >= 0.7 * curve.theory("cycle")).all()
    assert (curve.longest <= 1.3 * curve.theory("transition")).all()
    assert (np.diff(curve.longest) > 0).all()
    with ProcessPoolExecutor(2) as pool:
        spread = length_capacity("linear", [50, 100, 200], trials=6, seed=1, executor=pool)
    assert np.array_equal(spread.longest, curve.longest)
    seen = []
    length_capacity("dense-poly", [10, 12], trials=3, seed=0, progress=seen.append)
    assert seen == [0.5, 1.0]


def test_length_capacity_stops_at_max_length_and_refuses_bad_input():
    # at N = 8 the exponential rule replays every cycle of up to 4 patterns: the search stops at max_length
    curve = length_capacity("dense-exp", [8], trials=4, seed=0, max_length=4)
    assert curve.longest.tolist() == [4] and curve.capped.tolist() == [True]
    with pytest.raises(ValueError, match="n_values must be a non-empty list of whole numbers >= 2"):
        length_capacity("linear", [1])
    with pytest.raises(ValueError, match="max_length must be at most 8192"):
        length_capacity("linear", [10], max_length=10_000)


def test_no_energy_falls_along_a_replay():
    # the page's claim: E = −½ sᵀWs cannot guide an asymmetric network; along a cycle it comes back to where it
    # started, so it must rise somewhere (here, the linear rule replaying its cycle exactly)
    memory = SequenceMemory.train(random_patterns(6, 100, seed=2))
    frames = memory.replay(memory.patterns[0], 12).astype(np.float64)
    assert np.array_equal(frames[6:], memory.expected(0, 12)[6:])  # on the cycle
    energies = -0.5 * np.einsum("ti,ij,tj->t", frames, memory.weights, frames)
    assert (np.diff(energies) > 1e-9).any() and energies[6] == pytest.approx(energies[0])
    assert not np.allclose(memory.weights, memory.weights.T)
