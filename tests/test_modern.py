"""Real-valued modern Hopfield memories: the update, energy, attention, keys and values, probes, sets,
the dense-rectified rule, β sweeps, and the measured numbers of issue 11 as seeded behaviour tests."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield
from hopfield import HopfieldNetwork, analysis, random_patterns
from hopfield.corrupt import real_probe
from hopfield.datasets import load_gray_set
from hopfield.modern import attention, continuous_energy, continuous_run, effective_count
from hopfield.patterns import is_binary, one_hot, standardise


def reference_update(patterns: np.ndarray, state: np.ndarray, beta: float) -> np.ndarray:
    """ξ ← Xᵀ softmax(β Xξ / N), one probe, written plainly."""
    scores = [beta * float(row @ state) / len(state) for row in patterns]
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return sum(w / total * row for w, row in zip(weights, patterns, strict=True))


def reference_energy(patterns: np.ndarray, state: np.ndarray, beta: float) -> float:
    """−β⁻¹ ln Σ exp(β ξ^μ·ξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½ max ξ^μ·ξ^μ/N, with math.fsum and logs."""
    p, n = patterns.shape
    scores = [beta * float(row @ state) / n for row in patterns]
    top = max(scores)
    lse = (top + math.log(math.fsum(math.exp(s - top) for s in scores))) / beta
    m2 = max(float(row @ row) for row in patterns) / n
    return -lse + float(state @ state) / (2 * n) + math.log(p) / beta + 0.5 * m2


# ---------------------------------------------------------------- the update and its energy


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 8), st.integers(2, 30), st.floats(0.05, 500.0), st.integers(0, 2**32 - 1))
def test_energy_never_rises_under_the_update(p, n, beta, seed):
    rng = np.random.default_rng(seed)
    patterns = rng.normal(size=(p, n)) * rng.uniform(0.1, 3.0)
    probes = rng.normal(size=(4, n)) * 2
    result = continuous_run(patterns, probes, beta, max_steps=25, record=True)
    rises = np.diff(result.energies, axis=0)
    scale = 1.0 + np.abs(result.energies).max()
    assert (rises <= 1e-10 * scale).all(), rises.max()


def test_update_and_energy_agree_with_a_plain_reference():
    rng = np.random.default_rng(3)
    patterns, state = rng.normal(size=(6, 12)), rng.normal(size=12)
    result = continuous_run(patterns, state, 4.0, max_steps=3, record=True)
    expected = [state]
    for _ in range(3):
        expected.append(reference_update(patterns, expected[-1], 4.0))
    np.testing.assert_allclose(result.trajectory[:, 0], np.array(expected), rtol=0, atol=1e-12)
    energies = [reference_energy(patterns, s, 4.0) for s in expected]
    np.testing.assert_allclose(result.energies[:, 0], energies, rtol=0, atol=1e-12)


def test_energy_by_hand():
    x = np.array(
        [[1.0, 2.0, 3.0]]
    )  # one pattern, N = 3: at ξ = x, m = 14/3 and E = −14/3 + 7/3 + 0 + 7/3 = 0
    assert continuous_energy(x, x, 2.0)[0] == pytest.approx(0.0, abs=1e-14)
    # two patterns, state 0: E = −β⁻¹ ln 2 + 0 + β⁻¹ ln 2 + ½ · max(4, 1)/2 = 1
    two = np.array([[2.0, 0.0], [1.0, 0.0]])
    assert continuous_energy(two, [0.0, 0.0], 3.0)[0] == pytest.approx(1.0, abs=1e-14)


def test_attention_sums_to_one_and_is_the_softmax_of_normalised_overlaps():
    rng = np.random.default_rng(0)
    patterns, states = rng.normal(size=(7, 20)), rng.normal(size=(5, 20))
    weights = attention(patterns, states, 9.0)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, rtol=0, atol=1e-14)
    scores = 9.0 * states @ patterns.T / 20
    expected = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(weights, expected, rtol=1e-12)
    net = HopfieldNetwork.train(patterns, "modern", beta=9.0)
    np.testing.assert_allclose(net.attention(states), expected, rtol=1e-12)
    assert effective_count(np.eye(3)[:1]).tolist() == [1.0] and effective_count(
        np.full((1, 4), 0.25)
    ).tolist() == [4.0]


def test_train_keeps_real_patterns_exactly_and_recalls_real_states():
    patterns = np.array([[0.5, -1.25, 3.0, 0.0], [2.0, 1.0, -1.0, 0.5]])
    net = HopfieldNetwork.train(patterns, "modern", beta=5.0)
    assert net.real_valued and net.patterns.dtype == np.float64 and not net.patterns.flags.writeable
    np.testing.assert_array_equal(net.patterns, patterns)
    result = net.recall([[0.4, -1.0, 2.5, 0.1]], mode="sync", max_steps=50, record=True)
    assert result.states.dtype == np.float64 and result.energies.shape == (
        len(result.trajectory),
        1,
    )
    np.testing.assert_allclose(
        result.states[0], reference_update(patterns, result.states[0], 5.0), atol=1e-9
    )
    assert net.energy(result.states).shape == (1,)
    with pytest.raises(ValueError, match="NaN"):
        net.recall([[np.nan, 0, 0, 0]])


def test_binary_patterns_stay_sign_valued_codes_for_the_binary_pages():
    net = HopfieldNetwork.train(random_patterns(3, 16, seed=0), "modern")
    assert not net.real_valued and net.patterns.dtype == np.int8
    assert net.recall(net.patterns).states.dtype == np.int8
    assert is_binary(np.array([[0, 1], [1, 0]])) and is_binary(np.array([[1.0, -1.0]]))
    assert not is_binary(np.array([[0.5, 1.0]]))


def test_values_are_for_the_modern_rule_only():
    with pytest.raises(ValueError, match="hebbian rule stores no values"):
        HopfieldNetwork.train([[1, -1, 1]], "hebbian", values=[[1.0]])
    with pytest.raises(ValueError, match="one row per stored pattern"):
        HopfieldNetwork.train([[1.0, 0.5], [0.2, 0.1]], "modern", values=[[1.0, 0.0]])


def test_keys_and_values_exact_small_case():
    keys = np.array(
        [[2.0, 0.0], [0.0, 2.0]]
    )  # probe (1, 0): Xξ/N = (1, 0); β = ln 3 -> softmax (3/4, 1/4)
    values = np.array([[4.0, 0.0], [0.0, 8.0]])
    net = HopfieldNetwork.train(keys, "modern", beta=math.log(3), values=values)
    result = net.recall([[1.0, 0.0]], record=True)
    np.testing.assert_allclose(result.states, [[3.0, 2.0]], rtol=0, atol=1e-14)
    assert (
        result.steps.tolist() == [1] and result.converged.all() and result.energies.shape == (1, 1)
    )
    np.testing.assert_allclose(net.attention([1.0, 0.0]), [[0.75, 0.25]], atol=1e-15)


def test_values_change_the_fingerprint_and_survive_save_and_load():
    keys = np.array([[0.3, -0.2, 1.0], [1.0, 0.5, -0.5]])
    a = HopfieldNetwork.train(keys, "modern", beta=2.0, values=[[1.0, 0.0], [0.0, 1.0]])
    b = HopfieldNetwork.train(keys, "modern", beta=2.0, values=[[0.0, 1.0], [1.0, 0.0]])
    plain = HopfieldNetwork.train(keys, "modern", beta=2.0)
    assert len({a.fingerprint, b.fingerprint, plain.fingerprint}) == 3
    for net in (a, plain):
        buffer = io.BytesIO()
        net.save(buffer)
        again = hopfield.load(buffer.getvalue())
        assert again.fingerprint == net.fingerprint and again.real_valued
        np.testing.assert_array_equal(again.patterns, keys)


def test_attention_is_refused_by_memories_without_it():
    with pytest.raises(ValueError, match="Attention weights belong to modern memories"):
        HopfieldNetwork.train([[1, -1, 1]], "hebbian").attention([1, 1, 1])


# ---------------------------------------------------------------- dense-rectified


def test_a_reversed_pattern_attracts_the_even_polynomial_rule_but_not_the_rectified_one():
    patterns = random_patterns(3, 64, seed=1)
    reversed_first = -patterns[:1]
    for mode in ("sync", "async"):
        poly = HopfieldNetwork.train(patterns, "dense-poly", degree=4).recall(
            reversed_first, mode=mode, seed=0
        )
        assert poly.steps.tolist() == [0] and (poly.states == reversed_first).all()
        rect = HopfieldNetwork.train(patterns, "dense-rectified", degree=4).recall(
            reversed_first, mode=mode, seed=0
        )
        assert rect.steps[0] > 0 and not (rect.states == reversed_first).all()


def test_rectified_energy_by_hand_and_descent():
    patterns = np.array([[1, 1, 1, 1], [1, -1, 1, -1]])
    net = HopfieldNetwork.train(patterns, "dense-rectified", degree=3)
    # s = (1, 1, 1, -1): overlaps 2 and 2 -> E = −(8 + 8); s = −ξ¹: overlaps −4, 0 -> E = 0
    assert net.energy([[1, 1, 1, -1], [-1, -1, -1, -1]]).tolist() == [-16.0, 0.0]
    rng = np.random.default_rng(5)
    big = HopfieldNetwork.train(random_patterns(20, 40, seed=2), "dense-rectified", degree=3)
    result = big.recall(rng.choice([-1, 1], size=(6, 40)), mode="async", seed=1, record=True)
    assert (np.diff(result.energies, axis=0) <= 0).all()


# ---------------------------------------------------------------- images, probes and sets


def test_standardise_gives_mean_zero_variance_one_and_refuses_a_flat_image():
    images = np.array([[0.0, 1.0, 2.0, 5.0], [10.0, 10.0, 30.0, 10.0]])
    values = standardise(images)
    np.testing.assert_allclose(values.mean(axis=1), 0.0, atol=1e-15)
    np.testing.assert_allclose(values.std(axis=1), 1.0, atol=1e-15)
    np.testing.assert_allclose(
        values[1], [-1 / math.sqrt(3)] * 2 + [math.sqrt(3)] + [-1 / math.sqrt(3)]
    )
    with pytest.raises(ValueError, match="Image 2 is one flat grey"):
        standardise([[0.0, 1.0], [4.0, 4.0]])


def test_real_probes():
    patterns = np.arange(1, 25, dtype=float).reshape(2, 12)  # drawn 4x3
    masked = real_probe(patterns, 0, "mask-bottom", (4, 3))
    np.testing.assert_array_equal(masked, [1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0])
    blend = real_probe(patterns, 0, "blend", (4, 3), level=0.25)
    np.testing.assert_allclose(blend, 0.75 * patterns[0] + 0.25 * patterns[1])
    box = real_probe(patterns, 1, "box", (4, 3), level=0.5, seed=3)
    assert (box == 0).sum() == 2 * 2  # a 2x2 box (half of 4 rows, round(1.5) = 2 columns)
    noisy = real_probe(patterns, 0, "noise", (4, 3), level=0.5, seed=1)
    np.testing.assert_array_equal(
        noisy, real_probe(patterns, 0, "noise", (4, 3), level=0.5, seed=1)
    )
    assert not np.array_equal(noisy, patterns[0])
    with pytest.raises(ValueError, match="probe kind"):
        real_probe(patterns, 0, "smudge", (4, 3))
    with pytest.raises(ValueError, match="index"):
        real_probe(patterns, 2, "noise", (4, 3))


def test_gray_sets_are_read_only_with_credits():
    for name, (count, shape) in {
        "photos": (24, (64, 64)),
        "mnist": (1000, (28, 28)),
        "optdigits": (1797, (8, 8)),
    }.items():
        gray = load_gray_set(name)
        assert (
            gray.pixels.shape == (count, shape[0] * shape[1])
            and gray.shape == shape
            and gray.credit
        )
        assert not gray.pixels.flags.writeable and not gray.patterns.flags.writeable
        assert (
            0 <= gray.pixels.min()
            and gray.pixels.max() <= 1
            and len(gray.labels) == len(gray.classes) == count
        )
    assert "scikit-image" in load_gray_set("photos").credit
    rows, names = one_hot(["b", "a", "b"])
    assert names == ("a", "b") and rows.tolist() == [[0, 1], [1, 0], [0, 1]]


# ---------------------------------------------------------------- analysis


def test_classify_fixed_points():
    single = analysis.classify_fixed_point([0.999, 0.001, 0.0, 0.0])
    assert single.regime == "single" and single.members == (0,)
    uniform = analysis.classify_fixed_point([0.25] * 4)
    assert uniform.regime == "global" and uniform.size == pytest.approx(4.0)
    group = analysis.classify_fixed_point([0.0] * 7 + [0.5, 0.5] + [0.0] * 11)
    assert (
        group.regime == "metastable"
        and group.size == pytest.approx(2.0)
        and set(group.members) == {7, 8}
    )
    assert "metastable" in group.sentence([str(k) for k in range(20)])
    with pytest.raises(ValueError, match="summing to 1"):
        analysis.classify_fixed_point([0.5, 0.2])


def test_beta_sweep_agrees_with_one_run_per_beta():
    rng = np.random.default_rng(7)
    patterns = standardise(rng.normal(size=(12, 30)))
    probes = patterns[:3] + 0.5 * rng.normal(size=(3, 30))
    betas = analysis.log_betas(0.1, 1000, 2)
    sweep = analysis.beta_sweep(patterns, probes, patterns[:3], betas, max_steps=100)
    assert sweep.quality.shape == (len(betas), 3)
    for k, beta in enumerate(betas):
        run = continuous_run(patterns, probes, beta, max_steps=100)
        np.testing.assert_allclose(
            sweep.quality[k], analysis.correlations(run.states, patterns[:3]), atol=1e-12
        )
        np.testing.assert_allclose(
            sweep.effective[k], effective_count(attention(patterns, run.states, beta))
        )
        np.testing.assert_array_equal(sweep.steps[k], run.steps)
    assert sweep.regime[0].tolist() == [0, 0, 0] and sweep.regime[-1].tolist() == [2, 2, 2]
    assert [band[0] for band in sweep.bands(0)][0] == "global" and sweep.rows(1)[0][
        "beta"
    ] == pytest.approx(0.1)


# ---------------------------------------------------------------- the measured numbers of issue 11


def test_masked_photos_come_back_and_a_tiny_beta_gives_their_mean():
    photos = load_gray_set("photos")
    x = photos.patterns
    probes = np.stack([real_probe(x, k, "mask-bottom", photos.shape) for k in range(len(x))])
    back = continuous_run(x, probes, 1000.0, max_steps=100).states
    assert (analysis.correlations(back, x) > 0.9995).sum() == 23
    mean = np.broadcast_to(x.mean(axis=0), x.shape)
    tiny = continuous_run(x, probes, 0.1, max_steps=100).states
    assert (analysis.correlations(tiny, mean) > 0.999).all()


@pytest.fixture(scope="module")
def mnist():
    return load_gray_set("mnist")


def test_a_masked_zero_ends_in_a_metastable_state_of_about_fifteen_zeros(mnist):
    net = HopfieldNetwork.train(mnist.patterns, "modern", beta=23.0)
    recall = analysis.continuous_recall(
        net, real_probe(mnist.patterns, 0, "mask-bottom", mnist.shape), max_steps=500
    )
    assert recall.converged and recall.fixed_point.regime == "metastable"
    assert 13 <= recall.fixed_point.size <= 17
    assert analysis.class_shares(recall.weights, mnist.classes)["0"] >= 0.99


def test_a_thousand_memories_return_half_masked_digits_and_keys_give_labels(mnist):
    x = mnist.patterns
    chosen = np.random.default_rng(0).choice(len(x), 100, replace=False)
    halves = np.stack([real_probe(x, int(k), "mask-bottom", mnist.shape) for k in chosen])
    back = HopfieldNetwork.train(x, "modern", beta=1000.0).recall(halves, max_steps=100).states
    own = np.argmax(back @ x.T, axis=1) == chosen
    assert own.sum() >= 98
    labels, names = one_hot(mnist.classes)
    quarters = np.stack(
        [real_probe(x, int(k), "mask-bottom", mnist.shape, level=0.25) for k in chosen]
    )
    retrieved = (
        HopfieldNetwork.train(x, "modern", beta=100.0, values=labels).recall(quarters).states
    )
    assert (
        np.array(names)[retrieved.argmax(axis=1)] == np.array(mnist.classes)[chosen]
    ).sum() == 100


def test_an_image_retrieves_its_paired_image():
    photos = load_gray_set("photos")
    keys = photos.patterns
    pairs = photos.pixels.reshape(-1, 64, 64)[:, ::-1].reshape(
        len(keys), -1
    )  # each photo upside down
    net = HopfieldNetwork.train(keys, "modern", beta=1000.0, values=pairs)
    probes = np.stack(
        [real_probe(keys, k, "box", photos.shape, level=0.3, seed=k) for k in range(len(keys))]
    )
    retrieved = net.recall(probes).states
    assert retrieved.shape == pairs.shape
    assert (analysis.correlations(retrieved, pairs) > 0.999).sum() >= 23


def test_review_fixes_of_the_real_valued_memory() -> None:
    """The memory holds the network's own read-only patterns; a huge β is a sentence; binary keys beside values
    are ±1 codes whatever their notation; the display W of real patterns is computed in float64."""
    rng = np.random.default_rng(8)
    x = rng.standard_normal((4, 12))
    net = HopfieldNetwork.train(x, "modern", beta=5.0)
    assert net.memory.patterns is net.patterns and not net.memory.patterns.flags.writeable
    with pytest.raises(ValueError, match="beta"):
        HopfieldNetwork.train(x, "modern", beta=10**400)
    keys01 = (rng.random((3, 10)) > 0.5).astype(int)
    as01 = HopfieldNetwork.train(keys01, "modern", values=np.eye(3), beta=4.0)
    as_pm = HopfieldNetwork.train(2 * keys01 - 1, "modern", values=np.eye(3), beta=4.0)
    np.testing.assert_array_equal(as01.patterns, 2 * keys01 - 1)
    np.testing.assert_array_equal(
        as01.recall(as_pm.patterns).states, as_pm.recall(as_pm.patterns).states
    )
    expected = x.T @ x / 12
    np.fill_diagonal(expected, 0)
    np.testing.assert_allclose(net.weights, expected, rtol=0, atol=1e-15)
