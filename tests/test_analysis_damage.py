"""Damaged networks (Hopfield 1982's graceful degradation; clipped synapses, Sompolinsky 1986): the
damage done exactly as documented, invariants, the issue's numbers, and the damage curve on an executor."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import HopfieldNetwork, random_patterns
from hopfield.analysis import damage_curve
from hopfield.corrupt import flip_count

FEW = settings(max_examples=40, deadline=None)


def plain_damage(
    weights: np.ndarray, prune: float, remove: int, clip: bool, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The documented draws done plainly: neurons out, then pairs cut both ways, then signs. (W', kept)."""
    rng = np.random.default_rng(seed)
    n = len(weights)
    out = set(rng.choice(n, remove, replace=False).tolist())
    kept = np.array([i for i in range(n) if i not in out])
    w = weights[np.ix_(kept, kept)].copy()
    pairs = [(i, j) for i in range(len(kept)) for j in range(i + 1, len(kept))]
    for k in rng.choice(len(pairs), round(prune * len(pairs)), replace=False):
        i, j = pairs[k]
        w[i, j] = w[j, i] = 0.0
    return (np.sign(w) if clip else w), kept


def test_worked_damage_of_four_neurons():
    net = HopfieldNetwork.from_weights([[0, 1, -2, 3], [1, 0, 4, -5], [-2, 4, 0, 6], [3, -5, 6, 0]])
    clipped = net.damaged(clip=True)
    assert clipped.weights.tolist() == [[0, 1, -1, 1], [1, 0, 1, -1], [-1, 1, 0, 1], [1, -1, 1, 0]]
    assert net.damaged(prune=1.0).weights.tolist() == np.zeros((4, 4)).tolist()
    smaller = net.damaged(remove=3, seed=0)
    assert smaller.n == 1 and smaller.weights.tolist() == [[0.0]]
    assert net.damaged().weights.tolist() == net.weights.tolist()  # no damage: the same matrix


@FEW
@given(
    st.integers(2, 24),
    st.integers(1, 6),
    st.floats(0, 1),
    st.integers(0, 30),
    st.booleans(),
    st.integers(0, 2**31),
)
def test_damage_follows_the_documented_draws(n, p, prune, remove, clip, seed):
    remove = min(remove, n - 1)
    net = HopfieldNetwork.train(random_patterns(p, n, seed=seed), "storkey")
    hurt = net.damaged(prune=prune, remove=remove, clip=clip, seed=seed)
    weights, kept = plain_damage(np.asarray(net.weights), prune, remove, clip, seed)
    assert np.allclose(hurt.weights, weights, rtol=0, atol=1e-12)
    assert np.array_equal(hurt.patterns, net.patterns[:, kept]) and hurt.n == n - remove
    assert np.array_equal(hurt.weights, hurt.weights.T)  # a symmetric W stays symmetric
    assert not hurt.couplings.flags.writeable and not hurt.patterns.flags.writeable
    if clip:
        assert set(np.unique(hurt.weights)) <= {-1.0, 0.0, 1.0}


def test_damage_leaves_the_original_alone_and_travels_by_pickle():
    patterns = random_patterns(6, 60, seed=2)
    net = HopfieldNetwork.train(patterns)
    before = net.weights.copy()
    hurt = net.damaged(prune=0.4, remove=5, seed=3)
    assert np.array_equal(net.weights, before) and net.n == 60
    assert hurt.fingerprint != net.damaged(prune=0.4, remove=5, seed=4).fingerprint
    assert hurt.fingerprint == net.damaged(prune=0.4, remove=5, seed=3).fingerprint
    copy = pickle.loads(pickle.dumps(hurt))
    assert copy.fingerprint == hurt.fingerprint and not copy.couplings.flags.writeable
    assert (
        copy.couplings.dtype == hurt.couplings.dtype
    )  # whole-number couplings stay exact: ties stay ties
    assert np.array_equal(copy.patterns, hurt.patterns)


def test_half_the_synapses_cut_or_clipped_still_recalls_at_n400_p12():
    net = HopfieldNetwork.train(random_patterns(12, 400, seed=0))
    for clip in (False, True):
        curve = damage_curve(net, [0.0, 0.5], clip=clip, noise=0.1, trials=5, seed=1)
        assert curve.success[1] >= 0.9, (clip, curve.success)
    heavy = damage_curve(
        net, [0.0, 0.95], trials=3, seed=1
    )  # degradation is graceful, not painless
    assert heavy.success[0] == 1.0 and heavy.success[1] < 0.5


def test_damage_curve_is_the_same_on_an_executor_and_refuses_bad_input():
    net = HopfieldNetwork.train(random_patterns(5, 80, seed=1))
    curve = damage_curve(net, [0.2, 0.6], kind="remove", trials=3, seed=4)
    with ProcessPoolExecutor(2) as pool:
        spread = damage_curve(net, [0.2, 0.6], kind="remove", trials=3, seed=4, executor=pool)
    assert np.array_equal(curve.success, spread.success)
    with pytest.raises(ValueError, match="Unknown kind of damage 'burn'"):
        damage_curve(net, [0.1], kind="burn")
    with pytest.raises(ValueError, match="at least one neuron left"):
        damage_curve(net, [1.0], kind="remove")
    with pytest.raises(ValueError, match="clip must be True or False"):
        damage_curve(net, [0.1], clip="yes")


def test_bad_damage_gets_a_sentence():
    net = HopfieldNetwork.train(random_patterns(3, 20, seed=0))
    with pytest.raises(ValueError, match="prune must be a number from 0 to 1"):
        net.damaged(prune=1.5)
    with pytest.raises(ValueError, match="remove must leave at least one neuron: at most 19"):
        net.damaged(remove=20)
    with pytest.raises(ValueError, match="no synapses to damage"):
        HopfieldNetwork.train(random_patterns(3, 20, seed=0), "dense-poly").damaged(prune=0.1)


def test_stacked_sync_recall_equals_each_damaged_network_recalling_alone():
    net = HopfieldNetwork.train(random_patterns(8, 50, seed=3))
    curve = damage_curve(net, [0.3, 0.7], clip=True, trials=4, seed=6)
    for level, child, success in zip(
        [0.3, 0.7], np.random.SeedSequence(6).spawn(2), curve.success, strict=True
    ):
        rng = np.random.default_rng(child)
        hits = []
        for _ in range(4):
            hurt = net.damaged(prune=level, clip=True, seed=rng)
            probes = flip_count(hurt.patterns, 5, seed=rng)
            hits.append(hurt.recall(probes).states == hurt.patterns)
        assert success == np.mean([row.all() for trial in hits for row in trial])
