"""Familiarity scores of a modern memory and the ROC curve with its AUC, on small cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import HopfieldNetwork, analysis
from hopfield.analysis import familiarity, roc


def test_roc_by_hand() -> None:
    """Familiar (3, 1), novel (2, 0): thresholds 3, 2, 1, 0 give (fpr, tpr) (0, ½), (½, ½), (½, 1), (1, 1);
    3 beats both, 1 beats one: AUC = 3/4."""
    curve = roc([3.0, 1.0], [2.0, 0.0])
    assert curve.false_positive.tolist() == [0.0, 0.0, 0.5, 0.5, 1.0]
    assert curve.true_positive.tolist() == [0.0, 0.5, 0.5, 1.0, 1.0]
    assert curve.auc == 0.75
    assert roc([5.0, 4.0], [1.0]).auc == 1.0
    assert roc([1.0], [1.0]).auc == 0.5  # a tie counts half
    assert roc([0.0], [1.0, 2.0]).auc == 0.0


@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=12),
    st.lists(st.integers(0, 5), min_size=1, max_size=12),
)
@settings(max_examples=100, deadline=None)
def test_auc_is_the_area_under_the_curve(familiar: list[int], novel: list[int]) -> None:
    curve = roc(familiar, novel)
    assert curve.auc == pytest.approx(
        np.trapezoid(curve.true_positive, curve.false_positive), abs=1e-12
    )
    assert curve.false_positive[-1] == 1.0 and curve.true_positive[-1] == 1.0
    assert (np.diff(curve.false_positive) >= 0).all() and (np.diff(curve.true_positive) >= 0).all()


def test_familiarity_scores_by_hand() -> None:
    """Two orthogonal ±1 patterns, N = 4, β = 2: a stored pattern has overlaps (1, 0), attention
    softmax(2, 0), top weight e²/(e² + 1); the energy is the network's own."""
    patterns = np.array([[1, 1, 1, 1], [1, -1, 1, -1]])
    net = HopfieldNetwork.train(patterns.astype(float) * 1.0, "modern", beta=2.0)
    scores = familiarity(net, patterns.astype(float))
    assert scores.top_weight == pytest.approx([np.e**2 / (np.e**2 + 1)] * 2, abs=1e-15)
    assert np.array_equal(scores.energy, net.energy(patterns.astype(float)))
    new = np.array([1.0, 1.0, -1.0, -1.0])  # orthogonal to both: attention (½, ½)
    assert familiarity(net, new).top_weight == pytest.approx([0.5], abs=1e-15)
    assert roc(-scores.energy, -familiarity(net, new).energy).auc == 1.0


def test_familiarity_needs_an_attention_and_roc_needs_scores() -> None:
    net = HopfieldNetwork.train(np.array([[1, -1, 1, -1]]), "hebbian")
    with pytest.raises(ValueError, match="Attention weights belong to modern memories"):
        familiarity(net, [1, -1, 1, -1])
    with pytest.raises(ValueError, match="novel must be"):
        roc([1.0], [])
    with pytest.raises(ValueError, match="familiar must be"):
        roc([float("nan")], [1.0])


def test_familiarity_test_scores_both_sets_and_their_curves() -> None:
    """Stored (1,1,1,1) and (1,−1,1,−1) against the unseen (1,1,−1,−1) and (1,−1,−1,1), orthogonal to both:
    every stored probe has top weight e²/(e² + 1) > ½ and a lower energy, so both AUCs are 1."""
    stored = np.array([[1.0, 1, 1, 1], [1, -1, 1, -1]])
    unseen = np.array([[1.0, 1, -1, -1], [1, -1, -1, 1]])
    net = HopfieldNetwork.train(stored, "modern", beta=2.0)
    test = analysis.familiarity_test(net, stored, unseen)
    assert test.by_energy.auc == 1.0 and test.by_weight.auc == 1.0
    assert np.array_equal(test.novel.top_weight, [0.5, 0.5])
    swapped = analysis.familiarity_test(net, unseen, stored)
    assert swapped.by_energy.auc == 0.0 and swapped.by_weight.auc == 0.0


def test_stored_against_unseen_splits_stores_and_corrupts_as_it_says() -> None:
    """The split is the seed's permutation; clean probes are the images themselves, corrupted ones `real_probe`'s."""
    import hopfield

    images = hopfield.standardise(np.random.default_rng(5).random((12, 16)))
    clean, corrupted = analysis.stored_vs_unseen(
        images, (4, 4), 4, 30.0, "mask-bottom", 0.5, seed=2
    )
    order = np.random.default_rng(2).permutation(12)
    known, unknown = images[order[:4]], images[order[4:8]]
    net = HopfieldNetwork.train(known, "modern", beta=30.0)
    assert np.array_equal(clean.familiar.energy, net.energy(known))
    assert np.array_equal(clean.novel.top_weight, net.attention(unknown).max(axis=1))
    masked = np.stack(
        [hopfield.real_probe(unknown, k, "mask-bottom", (4, 4), 0.5, 2 + k) for k in range(4)]
    )
    assert np.array_equal(corrupted.novel.energy, net.energy(masked))
    assert clean.by_energy.auc == analysis.roc(-net.energy(known), -net.energy(unknown)).auc
    with pytest.raises(ValueError, match="at most half"):
        analysis.stored_vs_unseen(images, (4, 4), 7, 30.0, "noise", 0.5)
