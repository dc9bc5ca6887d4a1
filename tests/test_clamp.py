"""Clamped completion: `net.recall(probe, clamp=mask)` holds the masked neurons at the probe's values in every
mode, the free ones following the usual dynamics; clamping the true half of a pattern completes it at a
load where free recall from the same probe mostly fails."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import RULES, HopfieldNetwork, corrupt, load_gray_set, random_patterns, real_probe
from hopfield.corrupt import hidden

FEW = settings(max_examples=40, deadline=None)


def _every_rule_and_mode():
    for rule, spec in RULES.items():
        for mode in spec.modes:
            yield rule, mode


def plain_clamped_sync(
    weights: np.ndarray, probe: np.ndarray, clamp: np.ndarray, max_steps: int
) -> np.ndarray:
    """Clamped sync dynamics done plainly: s ← sign(W s) on the free neurons (a zero field keeps s_i), the
    clamped ones left alone, until a fixed point, a 2-cycle or max_steps."""
    s, before = probe.astype(np.float64), None
    for _ in range(max_steps):
        h = weights @ s
        new = np.where(clamp, s, np.where(h > 0, 1.0, np.where(h < 0, -1.0, s)))
        if np.array_equal(new, s):
            break
        if before is not None and np.array_equal(new, before):
            s = new
            break
        before, s = s, new
    return s.astype(np.int8)


@pytest.mark.parametrize(("rule", "mode"), list(_every_rule_and_mode()))
def test_clamped_neurons_keep_the_probe_values_in_every_mode(rule, mode):
    patterns = random_patterns(4, 36, seed=1)
    net = HopfieldNetwork.train(patterns, rule)
    probes = -patterns[:3]  # far from their own patterns: without a clamp most neurons would move
    clamp = np.zeros((3, 36), bool)
    clamp[0, :12], clamp[1, 5:30], clamp[2, ::2] = True, True, True
    result = net.recall(
        probes, mode, max_steps=10, temperature=0.5, seed=2, record=True, clamp=clamp
    )
    assert np.array_equal(result.states[clamp], probes[clamp])
    assert np.array_equal(
        result.trajectory[:, clamp],
        np.broadcast_to(probes[clamp], (len(result.trajectory), clamp.sum())),
    )
    everything = net.recall(
        probes, mode, max_steps=10, temperature=0.5, seed=2, clamp=np.ones(36, bool)
    )
    assert np.array_equal(everything.states, probes) and everything.converged.all()


@pytest.mark.parametrize(("rule", "mode"), list(_every_rule_and_mode()))
def test_an_empty_clamp_is_free_recall(rule, mode):
    patterns = random_patterns(4, 30, seed=3)
    net = HopfieldNetwork.train(patterns, rule)
    probes = random_patterns(5, 30, seed=4)
    free = net.recall(probes, mode, max_steps=10, temperature=0.5, seed=5, record=True)
    empty = net.recall(
        probes, mode, max_steps=10, temperature=0.5, seed=5, record=True, clamp=np.zeros(30, bool)
    )
    for name in ("states", "steps", "converged", "cycled", "trajectory", "energies"):
        assert np.array_equal(getattr(free, name), getattr(empty, name)), name


@FEW
@given(st.integers(2, 30), st.integers(1, 6), st.integers(0, 2**31), st.floats(0, 1))
def test_clamped_sync_equals_the_plain_reference(n, p, seed, share):
    rng = np.random.default_rng(seed)
    net = HopfieldNetwork.train(random_patterns(p, n, seed=rng))
    probes = random_patterns(4, n, seed=rng)
    clamp = rng.random((4, n)) < share
    states = net.recall(probes, clamp=clamp, max_steps=30).states
    for probe, mask, state in zip(probes, clamp, states, strict=True):
        assert (
            state.tolist()
            == plain_clamped_sync(net.couplings.astype(np.float64), probe, mask, 30).tolist()
        )


@FEW
@given(st.integers(2, 24), st.integers(0, 2**31), st.floats(0, 1))
def test_clamped_async_never_raises_the_energy_of_the_free_neurons(n, seed, share):
    rng = np.random.default_rng(seed)
    net = HopfieldNetwork.train(random_patterns(3, n, seed=rng))
    probes = random_patterns(3, n, seed=rng)
    clamp = rng.random(n) < share
    result = net.recall(probes, "async", record="flips", seed=rng, clamp=clamp)
    assert (
        np.diff(result.energies, axis=0) <= 1e-9
    ).all()  # a free flip against its field is never taken
    h = result.states.astype(np.float64) @ net.couplings.T.astype(
        np.float64
    )  # whole numbers: ties exact
    stable = ((result.states * h >= 0) | clamp).all(
        axis=1
    )  # converged: every free neuron agrees with its field
    assert np.array_equal(stable, result.converged)


def test_holding_the_true_half_completes_a_pattern_where_free_recall_mostly_fails():
    n, p = 200, 28  # α = 0.14, at the Hebbian capacity: a half-random probe is outside most basins
    held, free = [], []
    for seed in range(12):
        patterns = random_patterns(p, n, seed=seed)
        net = HopfieldNetwork.train(patterns)
        rng = np.random.default_rng(1000 + seed)
        targets = patterns[:4]
        probes = targets.copy()
        probes[:, n // 2 :] = 2 * rng.integers(0, 2, (4, n // 2)) - 1  # the other half random
        clamp = np.zeros(n, bool)
        clamp[: n // 2] = True  # the true half held
        for mode in ("sync", "async"):
            held += list(
                (net.recall(probes, mode, seed=seed, clamp=clamp).states == targets).mean(axis=1)
                >= 0.98
            )
            free += list(
                (net.recall(probes, mode, seed=seed).states == targets).mean(axis=1) >= 0.98
            )
    assert np.mean(held) >= 0.9 and np.mean(free) < 0.5, (np.mean(held), np.mean(free))


def test_bad_clamps_get_a_sentence():
    net = HopfieldNetwork.train(random_patterns(3, 10, seed=0))
    with pytest.raises(ValueError, match="clamp must be True/False for each neuron"):
        net.recall(np.ones(10), clamp=[0, 1, 2] * 3 + [1])
    with pytest.raises(ValueError, match=r"clamp must have shape \(10,\) or \(1, 10\)"):
        net.recall(np.ones(10), clamp=np.ones(9, bool))
    with pytest.raises(ValueError, match=r"clamp must have shape \(10,\) or \(2, 10\)"):
        net.recall(np.ones((2, 10)), clamp=np.ones((3, 10), bool))


def test_a_real_valued_memory_holds_the_visible_half_of_a_photo():
    gray = load_gray_set("photos")
    patterns = np.array(gray.patterns)
    net = HopfieldNetwork.train(patterns, "modern", beta=20.0)
    rows, cols = gray.shape
    visible = np.zeros((rows, cols), bool)
    visible[: rows // 2] = True  # "mask-bottom" hides the bottom half
    for index in range(len(patterns)):
        probe = real_probe(patterns, index, "mask-bottom", gray.shape)
        held = net.recall(probe, clamp=visible.ravel())
        assert np.array_equal(
            held.states[0][visible.ravel()], probe[visible.ravel()]
        )  # the known pixels stay
        guess = held.states[0][~visible.ravel()]
        best = np.argmax(patterns[:, ~visible.ravel()] @ guess)
        assert best == index  # the hidden half is filled in from the right photo
    keyed = HopfieldNetwork.train(patterns, "modern", values=np.eye(len(patterns)))
    with pytest.raises(ValueError, match="no state to clamp"):
        keyed.recall(patterns[:1], clamp=visible.ravel())


@FEW
@given(
    st.sampled_from(["mask", "occlude"]),
    st.floats(0, 1),
    st.integers(0, 2**31),
    st.integers(1, 8),
    st.integers(1, 8),
)
def test_hidden_bits_are_those_the_noise_hides(kind, level, seed, rows, cols):
    state = random_patterns(1, rows * cols, seed=seed)[0]
    noisy = corrupt(state, kind, level, seed, (rows, cols))
    hid = hidden(kind, level, rows * cols, seed, (rows, cols))
    assert np.array_equal(noisy[~hid], state[~hid])  # the known bits are the state's own
    assert (noisy[hid] == -1).all()  # hidden bits are set off
    for value in (
        1,
        -1,
    ):  # every bit the noise could hide is hidden whatever its value: it is not a change
        assert np.array_equal(hid, hidden(kind, level, rows * cols, seed, (rows, cols)))
        assert np.array_equal(
            corrupt(np.full(rows * cols, value), kind, level, seed, (rows, cols)) == -1,
            hid | (value == -1),
        )
    with pytest.raises(ValueError, match="Only mask and occlude noise hide bits"):
        hidden("flip", level, rows * cols, seed)
