"""The Store page's engine (hopfield.analysis.memory_views): the size of W off its diagonal, the most alike pair of
stored patterns, the memory at a glance, and whether two networks hold the same memory.

Hand-worked case: the patterns (1, 1, 1, 1) and (1, 1, −1, −1) under Hebb's rule, W = (1/4) Σ_μ ξ^μ ξ^μᵀ with a
zero diagonal, give w_01 = w_23 = (1 + 1)/4 = 1/2 and every other w_ij = (1 − 1)/4 = 0; their correlation is
C_01 = (1 + 1 − 1 − 1)/4 = 0.
"""

import numpy as np
import pytest

from hopfield import HopfieldNetwork, load_set
from hopfield.analysis.memory_views import (
    AlikePair,
    WeightSize,
    memory_view,
    most_alike_pair,
    same_memory,
    weight_size,
)
from hopfield.analysis.outcomes import correlation_matrix, stability

TWO = np.array([[1, 1, 1, 1], [1, 1, -1, -1]], dtype=np.int8)
DIGITS = load_set("digits")


def test_weight_size_of_the_hand_worked_hebbian_matrix() -> None:
    net = HopfieldNetwork.train(TWO)
    # off the diagonal: 4 entries of 1/2 (w_01, w_10, w_23, w_32) among 12
    assert weight_size(net.weights) == WeightSize(largest=0.5, mean=pytest.approx(4 * 0.5 / 12))


def test_weight_size_leaves_the_diagonal_out_and_agrees_with_a_masked_reference() -> None:
    assert weight_size([[100.0, -1.0], [3.0, -100.0]]) == WeightSize(3.0, 2.0)
    assert weight_size([[7.0]]) == WeightSize(0.0, 0.0)
    rng = np.random.default_rng(3)
    weights = rng.normal(size=(1100, 1100))  # more than one block of rows
    off = np.abs(weights[~np.eye(1100, dtype=bool)])
    found = weight_size(weights)
    assert found.largest == off.max() and found.mean == pytest.approx(off.mean(), rel=1e-12)


def test_weight_size_refuses_a_matrix_that_is_not_square_or_not_finite() -> None:
    with pytest.raises(ValueError, match="square"):
        weight_size(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="finite"):
        weight_size([[0.0, np.nan], [1.0, 0.0]])


def test_most_alike_pair_is_the_largest_off_diagonal_correlation_first_in_row_order() -> None:
    c = np.array(
        [[1.0, 0.2, 0.7, 0.1], [0.2, 1.0, 0.3, 0.7], [0.7, 0.3, 1.0, -0.9], [0.1, 0.7, -0.9, 1.0]]
    )
    assert most_alike_pair(c) == AlikePair(0, 2, 0.7)  # (0, 2) and (1, 3) tie: row 0 comes first
    assert most_alike_pair(-np.ones((2, 2))) == AlikePair(
        0, 1, -1.0
    )  # a reversed pair is the only pair
    assert most_alike_pair(np.ones((1, 1))) is None


def test_most_alike_pair_agrees_with_a_masked_argmax_on_the_seed_digits() -> None:
    c = correlation_matrix(DIGITS.patterns)
    masked = np.where(np.eye(len(c), dtype=bool), -np.inf, c)
    first, second = np.unravel_index(int(np.argmax(masked)), masked.shape)
    pair = most_alike_pair(c)
    assert (pair.first, pair.second) == (first, second)
    assert (DIGITS.labels[pair.first], DIGITS.labels[pair.second], round(pair.correlation, 2)) == (
        "6",
        "8",
        0.89,
    )


def test_memory_view_of_the_seed_digits_under_each_kind_of_rule() -> None:
    hebbian = memory_view(HopfieldNetwork.train(DIGITS.patterns))
    assert hebbian.pairwise and f"{hebbian.weights.largest:.4g}" == "0.1111"  # 10 patterns: 10/90
    np.testing.assert_array_equal(hebbian.correlations, correlation_matrix(DIGITS.patterns))
    assert hebbian.fixed_points == 0 and hebbian.flipped_bits.shape == (10,)
    dense_net = HopfieldNetwork.train(DIGITS.patterns, "dense-exp")
    dense = memory_view(dense_net)
    assert (
        not dense.pairwise and dense.weights == hebbian.weights
    )  # the Hebbian W of the same patterns
    assert dense.fixed_points == 10
    np.testing.assert_array_equal(dense.flipped_bits, stability(dense_net))


def test_memory_view_of_one_pattern_and_of_a_network_without_patterns() -> None:
    one = memory_view(HopfieldNetwork.train(TWO[:1]))
    assert one.most_alike is None and one.fixed_points == 1
    with pytest.raises(ValueError, match="no patterns"):
        memory_view(HopfieldNetwork.from_weights(np.zeros((3, 3))))


def test_same_memory_needs_the_same_patterns_rule_and_settings() -> None:
    net = HopfieldNetwork.train(DIGITS.patterns[:3], "dense-poly", degree=4)
    assert same_memory(
        net, HopfieldNetwork.train(DIGITS.patterns[:3].copy(), "dense-poly", degree=4)
    )
    assert not same_memory(net, HopfieldNetwork.train(DIGITS.patterns[:3], "dense-poly", degree=3))
    assert not same_memory(
        net, HopfieldNetwork.train(DIGITS.patterns[[0, 2, 1]], "dense-poly", degree=4)
    )
    assert not same_memory(net, HopfieldNetwork.train(DIGITS.patterns[:4], "dense-poly", degree=4))
    assert not same_memory(net, HopfieldNetwork.train(DIGITS.patterns[:3], "hebbian"))
