"""Sparse attention in the modern memory (issue 22): one update, energy and attention per choice from the same
code as softmax; exact zeros; the Hopfield–Fenchel–Young energy by hand; it never rises along a recall."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield
from hopfield import HopfieldNetwork, analysis
from hopfield.modern import SPARSE_ENERGY_FORMULA, continuous_energy, continuous_run, modern_run
from tests.test_sparse import ref_entmax, ref_sparsemax

ATTENTIONS = ["softmax", "sparsemax", "entmax"]


def hfy_energy(patterns: np.ndarray, state: np.ndarray, beta: float, alpha: float) -> float:
    """E = −β⁻¹ Ω*_α(β m) + ξᵀξ/(2N) + β⁻¹ H_α(P) + ½M², m_μ = ξ^μ·ξ/N, written out from the plain references:
    Ω*(θ) = ⟨p, θ⟩ − (Σ p^α − 1)/(α(α − 1)), H_α(P) = (1 − P^(1−α))/(α(α − 1))."""
    p_count, n = patterns.shape
    theta = [beta * float(x @ state) / n for x in patterns]
    p = ref_sparsemax(theta) if alpha == 2 else ref_entmax(theta, alpha)[0]
    omega = (sum(w**alpha for w in p) - 1) / (alpha * (alpha - 1))
    conjugate = sum(w * t for w, t in zip(p, theta, strict=True)) - omega
    largest = (1 - p_count ** (1 - alpha)) / (alpha * (alpha - 1))
    m2 = max(float(x @ x) for x in patterns) / n
    return -conjugate / beta + float(state @ state) / (2 * n) + largest / beta + 0.5 * m2


def test_attention_has_exact_zeros_and_agrees_with_the_plain_references() -> None:
    rng = np.random.default_rng(0)
    patterns = rng.normal(size=(6, 20))
    states = rng.normal(size=(4, 20))
    for attention, alpha in [("sparsemax", 2.0), ("entmax", 1.5), ("entmax", 1.3)]:
        net = HopfieldNetwork.train(patterns, "modern", beta=8.0, attention=attention, alpha=alpha)
        weights = net.attention(states)
        for row, state in zip(weights, states, strict=True):
            theta = [8.0 * float(x @ state) / 20 for x in patterns]
            expected = ref_sparsemax(theta) if alpha == 2 else ref_entmax(theta, alpha)[0]
            assert np.abs(row - expected).max() <= 1e-12
        assert (weights == 0).any()  # exact zeros, not tiny numbers
    assert (HopfieldNetwork.train(patterns, "modern", beta=8.0).attention(states) > 0).all()


def test_the_hfy_energy_by_hand_and_softmax_unchanged() -> None:
    rng = np.random.default_rng(1)
    patterns = rng.normal(size=(5, 12))
    states = rng.normal(size=(3, 12))
    for attention, alpha in [("sparsemax", 2.0), ("entmax", 1.5), ("entmax", 1.7)]:
        net = HopfieldNetwork.train(patterns, "modern", beta=3.0, attention=attention, alpha=alpha)
        expected = [hfy_energy(patterns, s, 3.0, alpha) for s in states]
        np.testing.assert_allclose(net.energy(states), expected, rtol=1e-12, atol=1e-12)
    softmax = HopfieldNetwork.train(patterns, "modern", beta=3.0)
    lse = [math.log(sum(math.exp(3.0 * float(x @ s) / 12) for x in patterns)) / 3.0 for s in states]
    m2 = max(float(x @ x) for x in patterns) / 12
    by_hand = [
        -v + float(s @ s) / 24 + math.log(5) / 3.0 + 0.5 * m2
        for v, s in zip(lse, states, strict=True)
    ]
    np.testing.assert_allclose(softmax.energy(states), by_hand, rtol=1e-12)
    assert "Ω*_α" in SPARSE_ENERGY_FORMULA and "H_α(P)" in SPARSE_ENERGY_FORMULA


def test_sparsemax_retrieves_a_stored_pattern_exactly() -> None:
    """Sparsemax puts all the weight on one memory, so a retrieval is the memory itself, not a softmax blend."""
    patterns = hopfield.standardise(np.random.default_rng(2).random((4, 64)))
    probe = patterns[1] + 0.3 * np.random.default_rng(3).normal(size=64)
    sparse = continuous_run(patterns, probe, 20.0, attention="sparsemax")
    assert np.array_equal(sparse.states[0], patterns[1]) and sparse.converged[0]
    soft = continuous_run(patterns, probe, 20.0)
    assert not np.array_equal(soft.states[0], patterns[1])


@given(st.integers(0, 2**31), st.sampled_from(ATTENTIONS), st.floats(0.5, 80.0), st.booleans())
@settings(max_examples=60, deadline=None)
def test_the_energy_never_rises_along_a_recall(
    seed: int, attention: str, beta: float, binary: bool
) -> None:
    """Santos et al. 2024 / Ramsauer et al. 2020: each update is a concave–convex step of its energy."""
    rng = np.random.default_rng(seed)
    if binary:
        patterns = hopfield.random_patterns(int(rng.integers(2, 8)), 24, seed=rng)
        probes = hopfield.random_patterns(3, 24, seed=rng)
        energies = modern_run(patterns, probes, beta, 30, True, attention).energies
    else:
        patterns = rng.normal(size=(int(rng.integers(2, 8)), 16))
        energies = continuous_run(
            patterns, rng.normal(size=(3, 16)), beta, 30, True, attention
        ).energies
    rises = np.diff(energies, axis=0)
    assert (rises <= 1e-12 * np.maximum(1.0, np.abs(energies[1:]))).all()


def test_one_code_path_softmax_is_entmax_at_alpha_one_and_bad_choices_are_refused() -> None:
    rng = np.random.default_rng(4)
    patterns, probes = rng.normal(size=(5, 10)), rng.normal(size=(2, 10))
    softmax = continuous_run(patterns, probes, 5.0, record=True)
    alpha_one = continuous_run(patterns, probes, 5.0, record=True, attention="entmax", alpha=1.0)
    assert np.array_equal(softmax.states, alpha_one.states)
    np.testing.assert_allclose(softmax.energies, alpha_one.energies, rtol=1e-14)
    sparse = continuous_energy(patterns, probes, 5.0, "entmax", 2.0)
    np.testing.assert_allclose(
        sparse, continuous_energy(patterns, probes, 5.0, "sparsemax"), rtol=1e-14
    )
    with pytest.raises(ValueError, match="attention must be one of softmax, sparsemax, entmax"):
        HopfieldNetwork.train(patterns, "modern", attention="hardmax")
    with pytest.raises(ValueError, match="alpha must be"):
        HopfieldNetwork.train(patterns, "modern", attention="entmax", alpha=2.5)


def test_the_beta_sweep_per_attention_reaches_single_memories_sooner_when_sparse() -> None:
    photos = hopfield.load_gray_set("photos")
    probe = hopfield.real_probe(photos.patterns, 0, "mask-bottom", photos.shape)
    betas = analysis.log_betas(0.1, 1e4, 4)
    first = {
        attention: analysis.beta_sweep(
            photos.patterns, probe, photos.patterns[0], betas, 200, attention
        ).first_beta("single")
        for attention in ATTENTIONS
    }
    assert first["sparsemax"] < first["entmax"] < first["softmax"]


def test_the_smallest_beta_retrieving_every_masked_photo() -> None:
    """docs/SCIENCE.md: with the bottom half masked, every photo ends in its own photo (a single memory, correlation
    > 0.9) from β = 13.3 with softmax, 2.37 with sparsemax and 3.16 with 1.5-entmax (the page's grid, 8 a decade)."""
    photos = hopfield.load_gray_set("photos")
    probes = np.stack(
        [
            hopfield.real_probe(photos.patterns, k, "mask-bottom", photos.shape)
            for k in range(len(photos.labels))
        ]
    )
    betas = analysis.log_betas(1.0, 100.0, 8)  # points of the page's grid log_betas(0.1, 1e4, 8)
    found = {
        attention: analysis.beta_sweep(
            photos.patterns, probes, photos.patterns, betas, 200, attention
        ).every_retrieved_from()
        for attention in ATTENTIONS
    }
    assert {name: round(beta, 2) for name, beta in found.items()} == {
        "softmax": 13.34,
        "sparsemax": 2.37,
        "entmax": 3.16,
    }
