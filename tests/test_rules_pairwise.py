"""Learning rules: hand-worked matrices, invariants of every pairwise rule, the vectorised Storkey
rule against the textbook loop, pseudo-inverse fixed points, capacities."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hopfield.dynamics import MODES, fields
from hopfield.network import HopfieldNetwork
from hopfield.patterns import random_patterns
from hopfield.rules import RULES, exact_dtype, get_rule, hebbian, pseudoinverse, storkey

XI = np.array([[1, -1, 1, -1], [1, 1, -1, -1]], dtype=np.int8)
# Σ_μ ξ^μ ξ^μᵀ: row 0 = [1,-1,1,-1] + [1,1,-1,-1] = [2,0,0,-2], and so on; diagonal set to 0; scale 1/N = 1/4
XI_COUPLINGS = np.array([[0, 0, 0, -2], [0, 0, -2, 0], [0, -2, 0, 0], [-2, 0, 0, 0]])
XI_WEIGHTS = np.array(
    [[0.0, 0.0, 0.0, -0.5], [0.0, 0.0, -0.5, 0.0], [0.0, -0.5, 0.0, 0.0], [-0.5, 0.0, 0.0, 0.0]]
)


def hadamard(order: int) -> np.ndarray:
    """Sylvester's Hadamard matrix: rows are mutually orthogonal ±1 patterns."""
    matrix = np.ones((1, 1), dtype=np.int8)
    while len(matrix) < order:
        matrix = np.block([[matrix, matrix], [matrix, -matrix]])
    return matrix


def test_hebbian_four_neurons_by_hand():
    couplings, scale = hebbian(XI)
    assert scale == 0.25
    np.testing.assert_array_equal(couplings, XI_COUPLINGS)
    net = HopfieldNetwork.train(XI, "hebbian")
    np.testing.assert_array_equal(net.weights, XI_WEIGHTS)
    assert net.weights.dtype == np.float64


def test_hebbian_fields_and_energy_by_hand():
    net = HopfieldNetwork.train(XI, "hebbian")
    states = np.array([[1, 1, 1, 1], [1, -1, 1, -1], [1, -1, -1, 1], [1, -1, 1, 1]])
    # h = W s with W pairing neurons (0, 3) and (1, 2) at -1/2
    expected_fields = np.array(
        [
            [-0.5, -0.5, -0.5, -0.5],
            [0.5, -0.5, 0.5, -0.5],
            [-0.5, 0.5, 0.5, -0.5],
            [-0.5, -0.5, 0.5, -0.5],
        ]
    )
    np.testing.assert_array_equal(fields(net.couplings, states) * net.scale, expected_fields)
    # E = -1/2 Σ_i s_i h_i: all +1 -> -1/2 · (-2) = 1; a stored pattern -> -1/2 · 2 = -1;
    # the product ξ¹∘ξ² (every neuron unstable) -> 1; [1,-1,1,1] (pair (0,3) frustrated) -> 0
    np.testing.assert_array_equal(net.energy(states), [1.0, -1.0, 1.0, 0.0])
    np.testing.assert_array_equal(net.energy(XI), [-1.0, -1.0])
    np.testing.assert_array_equal(net.energy(-XI), [-1.0, -1.0])  # reversed patterns too


def test_storkey_three_neurons_by_hand():
    # first pattern [1,1,1]: h = 0, W = (1/3)(J - I). Second [1,-1,1]:
    # w01 += (1/3)[-1 - 1/3 + 1/3] = -1/3 -> 0; w02 += (1/3)[1 + 1/3 + 1/3] = 5/9 -> 8/9; w12 -> 0
    couplings, scale = storkey(np.array([[1, 1, 1], [1, -1, 1]], dtype=np.int8))
    assert scale == 1.0
    expected = np.array([[0, 0, 8 / 9], [0, 0, 0], [8 / 9, 0, 0]])
    np.testing.assert_allclose(
        couplings, expected, rtol=0, atol=1e-11
    )  # couplings are snapped to a 2^-36 grid


def test_storkey_of_one_pattern_is_hebbian():
    pattern = random_patterns(1, 9, seed=4)
    couplings, scale = storkey(pattern)
    hebb, hebb_scale = hebbian(pattern)
    np.testing.assert_allclose(
        couplings * scale, hebb.astype(np.float64) * hebb_scale, rtol=0, atol=1e-11
    )


def test_pseudoinverse_of_orthogonal_patterns_is_hebbian_and_damping_shrinks_it():
    patterns = hadamard(8)[[1, 3, 6]]
    hebb, hebb_scale = hebbian(patterns)
    couplings, scale = pseudoinverse(patterns)
    np.testing.assert_allclose(
        couplings * scale, hebb.astype(np.float64) * hebb_scale, rtol=0, atol=1e-14
    )
    # ΞΞᵀ = N I, so W = Ξᵀ(N I + λ N I)⁻¹Ξ = Hebbian / (1 + λ)
    damped, _ = pseudoinverse(patterns, damping=1.0)
    np.testing.assert_allclose(damped, hebb.astype(np.float64) * hebb_scale / 2, rtol=0, atol=1e-14)


PAIRWISE = [name for name, rule in RULES.items() if rule.kind == "pairwise"]
BATTERY = [(name, {}) for name in PAIRWISE] + [
    ("pseudoinverse", {"damping": 0.05}),
    ("pseudoinverse", {"damping": 2}),
]


def test_the_pairwise_rules_are_the_three_classic_ones_and_the_learning_ones():
    assert PAIRWISE == ["hebbian", "storkey", "pseudoinverse", "palimpsest", "unlearning"]


@pytest.mark.parametrize(("rule", "params"), BATTERY, ids=[f"{r}{p or ''}" for r, p in BATTERY])
@settings(max_examples=20, deadline=None)
@given(st.integers(1, 12), st.integers(2, 30), st.integers(0, 2**32 - 1))
def test_pairwise_weights_symmetric_zero_diagonal_finite_read_only(rule, params, p, n, seed):
    patterns = random_patterns(p, n, seed)
    if seed % 3 == 0:  # repeated and reversed patterns: a rank-deficient set
        patterns = np.vstack([patterns, patterns[:1], -patterns[:1]])
    net = HopfieldNetwork.train(patterns, rule, **params)
    for matrix in (net.weights, net.couplings):
        assert matrix.shape == (n, n)
        assert np.isfinite(matrix).all()
        np.testing.assert_array_equal(matrix, matrix.T)  # exactly symmetric
        np.testing.assert_array_equal(np.diag(matrix), 0)
        assert not matrix.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            matrix[0, 1] = 1.0
    assert net.weights.dtype == np.float64
    np.testing.assert_array_equal(net.weights, net.couplings.astype(np.float64) * net.scale)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 15), st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_hebbian_couplings_are_whole_numbers_summed_exactly(p, n, seed):
    patterns = random_patterns(p, n, seed)
    net = HopfieldNetwork.train(patterns, "hebbian")
    assert net.scale == 1 / n
    expected = np.einsum("pi,pj->ij", patterns.astype(np.int64), patterns.astype(np.int64))
    np.fill_diagonal(expected, 0)
    np.testing.assert_array_equal(net.couplings, expected)
    np.testing.assert_array_equal(net.couplings, np.round(net.couplings))
    assert np.abs(net.couplings).max() <= p


def test_exact_dtype_switches_to_float64_where_float32_would_round():
    assert exact_dtype(784, 100) == np.float32
    assert exact_dtype(2**12, 2**12 - 1) == np.float32
    assert exact_dtype(2**12, 2**12) == np.float64
    assert exact_dtype(10, 0) == np.float32


def storkey_loop(patterns: np.ndarray) -> np.ndarray:
    """The textbook rule, literally: each pattern applied to the complete matrix of the ones before.

    w_ij += (1/N)[ε_i ε_j − ε_i h_ji − h_ij ε_j],  h_ij = Σ_{k≠i,j} w_ik ε_k;  the diagonal stays 0.
    """
    p, n = patterns.shape
    w = np.zeros((n, n))
    for eps in patterns.astype(float):
        old = w.copy()
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                h_ij = sum(old[i, k] * eps[k] for k in range(n) if k not in (i, j))
                h_ji = sum(old[j, k] * eps[k] for k in range(n) if k not in (i, j))
                w[i, j] = old[i, j] + (eps[i] * eps[j] - eps[i] * h_ji - h_ij * eps[j]) / n
    return w


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(2, 12), st.integers(0, 2**32 - 1))
def test_storkey_vectorised_equals_the_textbook_loop(p, n, seed):
    patterns = random_patterns(p, n, seed)
    couplings, scale = storkey(patterns)
    np.testing.assert_allclose(couplings * scale, storkey_loop(patterns), rtol=0, atol=1e-10)


def test_storkey_vectorised_equals_the_loop_on_correlated_patterns():
    base = random_patterns(1, 10, seed=3)
    patterns = np.vstack(
        [base, base, -base, random_patterns(3, 10, seed=4)]
    )  # repeats and a reversal
    np.testing.assert_allclose(storkey(patterns)[0], storkey_loop(patterns), rtol=0, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 24), st.data())
def test_pseudoinverse_every_stored_pattern_is_a_fixed_point(n, data):
    p = data.draw(st.integers(1, n - 1), label="P")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    patterns = random_patterns(p, n, seed)
    net = HopfieldNetwork.train(patterns, "pseudoinverse")
    result = net.recall(patterns, mode="sync", max_steps=1)
    np.testing.assert_array_equal(result.states, patterns)
    assert result.converged.all()
    np.testing.assert_array_equal(result.steps, 0)


def test_pseudoinverse_fixed_points_where_a_neuron_is_in_the_span():
    # e_0 lies in the span of these patterns (their difference is 2 e_0), so w_00 = 1 and
    # neuron 0's field is exactly zero on every stored pattern: rounding must not decide it
    patterns = np.array([[1, 1, -1, 1, -1], [-1, 1, -1, 1, -1], [1, -1, -1, 1, 1]])
    net = HopfieldNetwork.train(patterns, "pseudoinverse")
    np.testing.assert_array_equal(net.couplings[0], 0)
    for mode in ("sync", "async"):
        result = net.recall(patterns, mode=mode, seed=0)
        np.testing.assert_array_equal(result.states, patterns)
        np.testing.assert_array_equal(result.steps, 0)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 20), st.data(), st.sampled_from([0.0, 0.01, 0.5, 3.0]))
def test_pseudoinverse_equals_its_formula(n, data, damping):
    p = data.draw(st.integers(1, n), label="P")
    patterns = random_patterns(p, n, data.draw(st.integers(0, 2**32 - 1), label="seed")).astype(
        float
    )
    assume(
        damping > 0 or np.linalg.matrix_rank(patterns) == p
    )  # the plain inverse needs independent patterns
    expected = patterns.T @ np.linalg.solve(
        patterns @ patterns.T + damping * n * np.eye(p), patterns
    )
    np.fill_diagonal(expected, 0)
    couplings, scale = pseudoinverse(patterns.astype(np.int8), damping)
    np.testing.assert_allclose(couplings * scale, expected, rtol=0, atol=1e-9)


@pytest.mark.parametrize("damping", [-0.1, float("nan"), float("inf"), "0.1", None])
def test_pseudoinverse_refuses_bad_damping(damping):
    with pytest.raises(ValueError, match="damping must be a number >= 0"):
        pseudoinverse(XI, damping)


CAPACITY_AT_100 = {
    ("hebbian", ()): 13.8,
    ("storkey", ()): 32.95051144911304,  # 100 / √(2 ln 100) = 100 / 3.03485...
    ("pseudoinverse", ()): 100.0,
    ("dense-poly", (("degree", 3),)): 361.91206825270984,  # 100² / (2 · 3!! · ln 100)
    ("dense-poly", (("degree", 2),)): 10.857362047581296,  # 100 / (2 · 1!! · ln 100)
    ("dense-poly", (("degree", 4),)): 7238.241365054196,  # 100³ / (2 · 5!! · ln 100)
    ("dense-exp", ()): 2.0**50,
    ("modern", ()): float(
        "nan"
    ),  # exponential in N with no closed form (Ramsauer et al. 2020): no line drawn
    ("dense-rectified", (("degree", 3),)): 361.91206825270984,  # as dense-poly
}


@pytest.mark.parametrize(
    ("rule", "params"), list(CAPACITY_AT_100), ids=[f"{r}{dict(p)}" for r, p in CAPACITY_AT_100]
)
def test_capacity_formulas_at_n_100(rule, params):
    expected = CAPACITY_AT_100[rule, params]
    assert get_rule(rule).capacity(100, **dict(params)) == pytest.approx(
        expected, rel=1e-12, nan_ok=True
    )
    net = HopfieldNetwork.train(random_patterns(5, 100, seed=1), rule, **dict(params))
    assert net.capacity == pytest.approx(expected, rel=1e-12, nan_ok=True)
    assert net.load == pytest.approx(5 / expected, rel=1e-12, nan_ok=True)
    assert net.memorised == 5


def test_capacity_hebbian_and_storkey_formulas_at_other_sizes():
    for n in (10, 64, 784):
        assert get_rule("hebbian").capacity(n) == pytest.approx(0.138 * n)
        assert get_rule("storkey").capacity(n) == pytest.approx(n / math.sqrt(2 * math.log(n)))
        assert get_rule("pseudoinverse").capacity(n) == n


def test_get_rule_unknown_lists_the_names():
    with pytest.raises(ValueError, match="nope") as error:
        get_rule("nope")
    for name in RULES:
        assert name in str(error.value)


def test_registry_entries_are_consistent():
    assert list(RULES) == [
        "hebbian",
        "storkey",
        "pseudoinverse",
        "dense-poly",
        "dense-exp",
        "modern",
        "dense-rectified",
        "palimpsest",
        "unlearning",
    ]
    for name, rule in RULES.items():
        assert get_rule(name) is rule
        assert rule.name == name
        assert rule.kind in ("pairwise", "dense", "modern")
        assert (rule.train is not None) == (rule.kind == "pairwise")
        assert rule.title and rule.description
        assert set(rule.modes) <= set(MODES) and "sync" in rule.modes
    assert RULES["pseudoinverse"].defaults() == {"damping": 0.0}
    assert RULES["dense-poly"].defaults() == {"degree": 3}
    assert (
        list(RULES["modern"].params) == ["beta", "attention", "alpha"]
        and RULES["modern"].defaults()["beta"] > 0
    )
    assert RULES["modern"].defaults()["attention"] == "softmax"
    with pytest.raises(TypeError):
        RULES["hebbian"].params["x"] = 1  # a read-only mapping


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(["storkey", "pseudoinverse", "palimpsest", "unlearning"]),
    st.integers(1, 10),
    st.integers(2, 40),
    st.integers(0, 2**32 - 1),
)
def test_real_valued_couplings_give_fields_exact_in_any_order(rule, p, n, seed):
    couplings = HopfieldNetwork.train(random_patterns(p, n, seed), rule).couplings
    np.testing.assert_array_equal(couplings / 2.0**-36, np.round(couplings / 2.0**-36))
    states = random_patterns(6, n, seed + 1).astype(np.float64)
    forward = states @ couplings.T
    backward = states[:, ::-1] @ couplings[:, ::-1].T
    one_by_one = np.array(
        [[sum(c * x for c, x in zip(row, s, strict=True)) for row in couplings] for s in states]
    )
    np.testing.assert_array_equal(forward, backward)
    np.testing.assert_array_equal(forward, one_by_one)


@pytest.mark.parametrize(
    ("p", "n", "seed"), [(50, 784, 7), (37, 301, 1), (120, 257, 2), (8, 1000, 3)]
)
@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_real_sized_weights_are_exactly_symmetric(rule, p, n, seed):
    """At sizes where BLAS blocks the products (the small-N battery above cannot see that)."""
    patterns = random_patterns(p, n, seed)
    for params in ({}, {"damping": 0.05}) if rule == "pseudoinverse" else ({},):
        couplings = get_rule(rule).train(patterns, **params)[0]
        assert np.array_equal(couplings, couplings.T)
        np.testing.assert_array_equal(np.diag(couplings), 0)


def test_on_grid_in_place_equals_round_of_the_quotient():
    """on_grid rounds in place to the same values as round(C / 2^-36) · 2^-36, ties to even."""
    from hopfield.rules import on_grid

    rng = np.random.default_rng(5)
    ties = np.array([[0.5, 1.5, 2.5], [-0.5, -1.5, -2.5], [3.5, 1e6 + 0.5, -1e6 - 1.5]]) * 2.0**-36
    for matrix in (
        rng.normal(size=(200, 200)),
        rng.normal(size=(50, 50)) * 1e-14,
        ties,
        rng.normal(size=(9, 9)) * 1e3,
    ):
        expected = np.round(matrix / 2.0**-36) * 2.0**-36
        result = on_grid(matrix.copy())
        np.testing.assert_array_equal(result, expected)
    big = np.full((4, 4), 2.0**16)  # max|C|·N >= 2^17: left alone
    np.testing.assert_array_equal(on_grid(big.copy()), big)
    with_nan = np.array([[0.1, np.nan], [np.nan, 0.1]])
    np.testing.assert_array_equal(on_grid(with_nan.copy()), with_nan)


def test_pseudoinverse_takes_the_gram_matrix_only_when_it_is_well_conditioned():
    from hopfield.rules import projector_factor_by_gram

    patterns = random_patterns(6, 40, seed=1).astype(float)
    factor = projector_factor_by_gram(patterns, 0.0)
    singular_rows = np.linalg.svd(patterns, full_matrices=False)[2]
    np.testing.assert_allclose(
        factor.T @ factor, singular_rows.T @ singular_rows, rtol=0, atol=1e-12
    )
    repeated = np.vstack(
        [patterns, patterns[:1]]
    )  # a repeated pattern: ΞΞᵀ is singular, the SVD decides the rank
    assert projector_factor_by_gram(repeated, 0.0) is None
    net = HopfieldNetwork.train(repeated.astype(np.int8), "pseudoinverse")
    np.testing.assert_array_equal(net.recall(repeated, max_steps=1).states, repeated)
