"""Dynamics: ties, fixed points and 2-cycles, the energy descent of async updates, the fast async
path against a plain per-neuron loop, Glauber statistics, recorded trajectories."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield.dynamics import MODES, energy, run
from hopfield.network import HopfieldNetwork
from hopfield.patterns import random_patterns

# Zero fields: every field of the zero matrix is 0, and in TIE_WEIGHTS the states below have
# h = [0, 2, 0] for [1, 1, -1] and h = [0, 0, -2] for [-1, 1, -1]: ties on the neurons that would
# flip under sign(0) = -1 (first) or sign(0) = +1 (second).
TIE_WEIGHTS = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, -1.0], [1.0, -1.0, 0.0]])
TIE_STATES = np.array([[1, 1, -1], [-1, 1, -1]])
ZERO_STATES = np.array([[1, -1, 1, -1], [-1, -1, -1, -1], [1, 1, 1, 1], [1, 1, -1, 1]])
TIE_MODES = [("sync", 0.0), ("async", 0.0), ("stochastic", 1e-6)]


@pytest.mark.parametrize(("mode", "temperature"), TIE_MODES)
def test_an_exact_zero_field_keeps_the_current_state(mode, temperature):
    for weights, states in ((TIE_WEIGHTS, TIE_STATES), (np.zeros((4, 4)), ZERO_STATES)):
        net = HopfieldNetwork.from_weights(weights)
        np.testing.assert_array_equal(
            np.sort(np.abs(states @ weights), axis=1)[:, 0], 0
        )  # a tie in each
        result = net.recall(states, mode=mode, temperature=temperature, seed=3, max_steps=5)
        np.testing.assert_array_equal(result.states, states)
        assert result.converged.all()
        assert not result.cycled.any()
        np.testing.assert_array_equal(result.steps, 5 if mode == "stochastic" else 0)


@pytest.mark.parametrize(("mode", "temperature"), TIE_MODES)
def test_hebbian_ties_keep_the_state_while_other_neurons_move(mode, temperature):
    # one pattern [1,1,1], W = (1/3)(J - I): from [1,-1,1] neurons 0 and 2 see (−1+1)/3 = 0 and
    # keep +1 while neuron 1 sees 2/3 and flips; from [-1,1,-1] the tie keeps -1 and neuron 1 falls
    net = HopfieldNetwork.train([[1, 1, 1]])
    result = net.recall(
        [[1, -1, 1], [-1, 1, -1]], mode=mode, temperature=temperature, seed=0, max_steps=4
    )
    np.testing.assert_array_equal(result.states, [[1, 1, 1], [-1, -1, -1]])
    assert result.converged.all()


def test_zero_fields_keep_the_state_at_any_temperature():
    net = HopfieldNetwork.from_weights(np.zeros((6, 6)))
    probes = random_patterns(5, 6, seed=2)
    for temperature in (1e-6, 1.0, 1e6):
        result = net.recall(probes, mode="stochastic", temperature=temperature, seed=1, max_steps=3)
        np.testing.assert_array_equal(result.states, probes)


def single_pattern_net(n: int = 5) -> tuple[HopfieldNetwork, np.ndarray]:
    pattern = np.array([[1, -1, -1, 1, 1, -1, 1][:n]])
    return HopfieldNetwork.train(pattern), pattern[0]


def test_sync_reaches_a_fixed_point_and_counts_its_steps():
    net, pattern = single_pattern_net(5)
    probe = pattern.copy()
    probe[2] *= -1  # the flipped neuron sees (N-1)/N toward ξ, the others (N-3)/N: one step back
    result = net.recall(probe, mode="sync", record=True)
    np.testing.assert_array_equal(result.states, [pattern])
    np.testing.assert_array_equal(result.steps, [1])
    np.testing.assert_array_equal(result.converged, [True])
    np.testing.assert_array_equal(result.cycled, [False])
    np.testing.assert_array_equal(result.trajectory, [[probe], [pattern]])
    # E = -(1/2N)((ξ·s)² - N): 9 - 5 = 4 -> -0.4; 25 - 5 = 20 -> -2
    np.testing.assert_allclose(result.energies, [[-0.4], [-2.0]], rtol=0, atol=1e-15)
    stored = net.recall(pattern, mode="sync")
    np.testing.assert_array_equal(stored.steps, [0])
    assert stored.converged.all()


def test_sync_detects_a_two_cycle():
    net = HopfieldNetwork.from_weights([[0, 1], [1, 0]])
    result = net.recall([1, -1], mode="sync", max_steps=50, record=True)
    np.testing.assert_array_equal(result.cycled, [True])
    np.testing.assert_array_equal(result.converged, [False])
    np.testing.assert_array_equal(result.steps, [2])  # [1,-1] -> [-1,1] -> [1,-1] == two steps back
    np.testing.assert_array_equal(result.states, [[1, -1]])
    np.testing.assert_array_equal(result.trajectory[:, 0], [[1, -1], [-1, 1], [1, -1]])
    # one step is too few to see the cycle
    short = net.recall([1, -1], mode="sync", max_steps=1)
    np.testing.assert_array_equal(short.states, [[-1, 1]])
    assert not short.converged[0] and not short.cycled[0]
    np.testing.assert_array_equal(short.steps, [1])
    # an aligned pair is a fixed point in the same batch
    mixed = net.recall([[1, -1], [1, 1], [-1, -1]], mode="sync")
    np.testing.assert_array_equal(mixed.cycled, [True, False, False])
    np.testing.assert_array_equal(mixed.converged, [False, True, True])
    np.testing.assert_array_equal(mixed.steps, [2, 0, 0])


def test_sync_two_cycle_in_a_hebbian_net_and_async_breaks_it():
    # W pairs (0,3) and (1,2) at -1/2; in [1,-1,1,1] the pair (0,3) is frustrated: sync flips both at once
    net = HopfieldNetwork.train([[1, -1, 1, -1], [1, 1, -1, -1]])
    result = net.recall([1, -1, 1, 1], mode="sync")
    assert result.cycled[0] and not result.converged[0]
    async_result = net.recall([1, -1, 1, 1], mode="async", seed=0)
    assert async_result.converged[0]
    assert async_result.states[0].tolist() in ([1, -1, 1, -1], [-1, -1, 1, 1])


def test_sync_max_steps_zero_only_checks_for_a_fixed_point():
    net, pattern = single_pattern_net(5)
    probe = pattern.copy()
    probe[0] *= -1
    result = net.recall([pattern, probe], mode="sync", max_steps=0)
    np.testing.assert_array_equal(result.states, [pattern, probe])
    np.testing.assert_array_equal(result.converged, [True, False])
    np.testing.assert_array_equal(result.steps, [0, 0])


def sync_reference(weights: np.ndarray, probe: np.ndarray, max_steps: int):
    """s ← sign(W s), a tie keeping s_i; stop at a fixed point, or when a step returns to the state two steps back."""
    history = [probe.astype(float)]
    for _ in range(max_steps + 1):
        h = weights @ history[-1]
        new = np.where(h > 0, 1.0, np.where(h < 0, -1.0, history[-1]))
        if np.array_equal(new, history[-1]):
            return history[-1], len(history) - 1, True, False
        if len(history) == max_steps + 1:
            return history[-1], len(history) - 1, False, False
        history.append(new)
        if len(history) >= 3 and np.array_equal(new, history[-3]):
            return new, len(history) - 1, False, True
    raise AssertionError("unreachable")


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["hebbian", "storkey", "pseudoinverse"]),
    st.integers(2, 30),
    st.integers(1, 6),
    st.integers(1, 5),
    st.integers(0, 12),
    st.integers(0, 2**32 - 1),
)
def test_sync_equals_a_plain_reference_loop(rule, n, p, b, max_steps, seed):
    """Batch, single-probe (each probe alone) and recorded paths all give the plain loop's result."""
    net = HopfieldNetwork.train(random_patterns(p, n, seed), rule)
    probes = random_patterns(b, n, seed + 1)
    batch = net.recall(probes, mode="sync", max_steps=max_steps)
    recorded = net.recall(probes, mode="sync", max_steps=max_steps, record=True)
    for row, probe in enumerate(probes):
        state, steps, converged, cycled = sync_reference(
            net.couplings.astype(float), probe, max_steps
        )
        alone = net.recall(probe, mode="sync", max_steps=max_steps)
        for result, k in ((batch, row), (recorded, row), (alone, 0)):
            np.testing.assert_array_equal(result.states[k], state)
            assert (result.steps[k], result.converged[k], result.cycled[k]) == (
                steps,
                converged,
                cycled,
            )


def async_reference(weights: np.ndarray, probes: np.ndarray, max_steps: int, seed: int):
    """The plain async loop: sweep k visits neuron by neuron in perm_k = rng.permutation(N), shared by
    the probes; before each sweep a probe with no unstable neuron (s_i h_i < 0) stops.

    Returns the final states and the sweeps run.
    """
    rng = np.random.default_rng(seed)
    states = probes.astype(float).copy()
    steps = np.zeros(len(states), int)
    for _ in range(max_steps):
        whole = states @ weights.T
        moving = [b for b in range(len(states)) if (states[b] * whole[b] < 0).any()]
        if not moving:
            break
        order = rng.permutation(len(weights))
        for b in moving:
            steps[b] += 1
            for i in order:
                h = weights[i] @ states[b]
                if h > 0:
                    states[b, i] = 1.0
                elif h < 0:
                    states[b, i] = -1.0
    return states, steps


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["hebbian", "storkey", "pseudoinverse"]),
    st.integers(2, 40),
    st.integers(1, 6),
    st.integers(1, 8),  # B >= N/8 takes the in-order sweep, smaller batches the jumps
    st.integers(1, 30),
    st.integers(0, 2**32 - 1),
)
def test_async_fast_path_equals_the_plain_loop(rule, n, p, b, max_steps, seed):
    # Storkey and pseudo-inverse couplings lie on a 2^-36 grid, so every field is exact in any
    # summation order and true ties (common for small N) are ties in both loops: no tolerance
    net = HopfieldNetwork.train(random_patterns(p, n, seed), rule)
    probes = random_patterns(b, n, seed + 1)
    states, steps = async_reference(net.couplings.astype(float), probes, max_steps, seed)
    result = net.recall(probes, mode="async", max_steps=max_steps, seed=seed)
    np.testing.assert_array_equal(result.states, states)
    np.testing.assert_array_equal(result.steps, steps)
    np.testing.assert_array_equal(
        result.converged, ~(states * (states @ net.couplings.T) < 0).any(axis=1)
    )


def test_async_fast_path_equals_the_plain_loop_on_a_large_noisy_batch():
    patterns = random_patterns(12, 200, seed=5)
    net = HopfieldNetwork.train(patterns)
    probes = np.where(
        np.random.default_rng(6).random((10, 200)) < 0.3, -patterns[:10], patterns[:10]
    )
    states, steps = async_reference(net.couplings.astype(float), probes, 100, seed=7)
    result = net.recall(probes, mode="async", seed=7)
    np.testing.assert_array_equal(result.states, states)
    np.testing.assert_array_equal(result.steps, steps)
    assert result.converged.all() and (steps >= 2).any()


@settings(max_examples=40, deadline=None)
@given(st.integers(4, 60), st.integers(1, 8), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_async_energy_never_rises(n, p, b, seed):
    net = HopfieldNetwork.train(random_patterns(p, n, seed), "hebbian")
    probes = random_patterns(b, n, seed + 1)
    for record in (True, "flips"):
        result = net.recall(probes, mode="async", seed=seed, record=record)
        energies = result.energies
        assert (np.diff(energies, axis=0) <= 1e-12).all()
        np.testing.assert_array_equal(result.trajectory[-1], result.states)
        np.testing.assert_array_equal(result.trajectory[0], probes)
        if record == "flips":
            changed = (np.diff(result.trajectory.astype(int), axis=0) != 0).sum(axis=2)
            assert (changed <= 1).all()  # one neuron per probe and frame
            assert (changed.sum(axis=1) >= 1).all()  # and every frame is a flip
            assert (np.diff(energies, axis=0)[changed == 1] < 0).all()  # a flip strictly lowers E


@settings(max_examples=25, deadline=None)
@given(st.integers(4, 40), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_storkey_and_pseudoinverse_async_energy_never_rises(n, p, seed):
    for rule in ("storkey", "pseudoinverse"):
        net = HopfieldNetwork.train(random_patterns(p, n, seed), rule)
        result = net.recall(
            random_patterns(3, n, seed + 1), mode="async", seed=seed, record="flips"
        )
        assert (np.diff(result.energies, axis=0) <= 1e-9).all()


@settings(max_examples=30, deadline=None)
@given(st.integers(2, 40), st.integers(1, 6), st.integers(2, 6), st.integers(0, 2**32 - 1))
def test_a_probe_result_does_not_depend_on_the_rest_of_the_batch(n, p, b, seed):
    net = HopfieldNetwork.train(random_patterns(p, n, seed), "hebbian")
    probes = random_patterns(b, n, seed + 1)
    for mode in ("sync", "async"):
        together = net.recall(probes, mode=mode, seed=seed)
        for row, probe in enumerate(probes):
            alone = net.recall(probe, mode=mode, seed=seed)
            np.testing.assert_array_equal(alone.states[0], together.states[row])
            assert alone.steps[0] == together.steps[row]
            assert alone.converged[0] == together.converged[row]
            assert alone.cycled[0] == together.cycled[row]


def test_same_seed_same_result_and_different_seeds_differ():
    net = HopfieldNetwork.train(random_patterns(20, 100, seed=1))
    probes = random_patterns(20, 100, seed=2)
    for mode, temperature in (("async", 0.0), ("stochastic", 0.5)):
        first = net.recall(probes, mode=mode, temperature=temperature, seed=11, max_steps=5)
        again = net.recall(
            probes, mode=mode, temperature=temperature, seed=np.random.default_rng(11), max_steps=5
        )
        other = net.recall(probes, mode=mode, temperature=temperature, seed=12, max_steps=5)
        np.testing.assert_array_equal(first.states, again.states)
        np.testing.assert_array_equal(first.steps, again.steps)
        assert not np.array_equal(first.states, other.states)


def test_stochastic_at_zero_temperature_is_async():
    net = HopfieldNetwork.train(random_patterns(8, 60, seed=3))
    probes = random_patterns(6, 60, seed=4)
    stochastic = net.recall(probes, mode="stochastic", temperature=0.0, seed=5, record=True)
    asynchronous = net.recall(probes, mode="async", seed=5, record=True)
    np.testing.assert_array_equal(stochastic.states, asynchronous.states)
    np.testing.assert_array_equal(stochastic.steps, asynchronous.steps)
    np.testing.assert_array_equal(stochastic.trajectory, asynchronous.trajectory)


@settings(max_examples=25, deadline=None)
@given(st.integers(4, 40), st.integers(1, 6), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_stochastic_at_tiny_temperature_descends_like_async(n, p, b, seed):
    patterns = random_patterns(p, n, seed)
    net = HopfieldNetwork.train(patterns, "hebbian")
    probes = random_patterns(b, n, seed + 1)
    result = net.recall(
        probes, mode="stochastic", temperature=1e-6, seed=seed, max_steps=8, record=True
    )
    assert (np.diff(result.energies, axis=0) <= 1e-12).all()
    np.testing.assert_array_equal(result.steps, 8)
    unstable = (result.states * (result.states @ net.couplings.T) < 0).any(axis=1)
    np.testing.assert_array_equal(result.converged, ~unstable)
    # stored patterns that are fixed points stay put
    fixed = patterns[net.recall(patterns, mode="sync", max_steps=0).converged]
    if len(fixed):
        kept = net.recall(fixed, mode="stochastic", temperature=1e-6, seed=seed, max_steps=5)
        np.testing.assert_array_equal(kept.states, fixed)


def test_stochastic_stored_patterns_stay_at_tiny_temperature():
    patterns = random_patterns(3, 200, seed=8)
    net = HopfieldNetwork.train(patterns)
    result = net.recall(patterns, mode="stochastic", temperature=1e-6, seed=1, max_steps=10)
    np.testing.assert_array_equal(result.states, patterns)
    assert result.converged.all()


def test_stochastic_at_huge_temperature_forgets_the_start():
    patterns = random_patterns(
        5, 400, seed=9
    )  # odd P: every field is a sum of 399 odd numbers, never 0
    net = HopfieldNetwork.train(patterns)
    probes = np.vstack([patterns, random_patterns(5, 400, seed=10)])
    hot = net.recall(probes, mode="stochastic", temperature=1e6, seed=2, max_steps=3)
    overlaps = (hot.states.astype(float) * probes).mean(axis=1)
    # a fresh random state has overlap ~ N(0, 1/400): sd 0.05 each, 0.016 for the mean of 10
    assert abs(overlaps.mean()) < 0.06
    assert np.abs(overlaps).max() < 0.2
    cold = net.recall(patterns, mode="stochastic", temperature=1e-6, seed=2, max_steps=3)
    np.testing.assert_array_equal(cold.states, patterns)


@pytest.mark.parametrize(
    ("h", "temperature"), [(0.5, 1.0), (1.0, 0.5), (-0.3, 1.0), (2.0, 4.0), (-1.5, 2.0)]
)
def test_glauber_acceptance_probability(h, temperature):
    # neuron 1 holds itself at +1 (self-coupling 1000), so neuron 0 sees the fixed field h · s_1 = h
    net = HopfieldNetwork.from_weights([[0.0, h], [0.0, 1000.0]])
    count = 20000
    probes = np.ones((count, 2), dtype=np.int8)
    probes[::2, 0] = -1  # half start at -1: the heat-bath rule forgets the current state
    result = net.recall(probes, mode="stochastic", temperature=temperature, seed=17, max_steps=1)
    np.testing.assert_array_equal(result.states[:, 1], 1)
    expected = 1 / (1 + np.exp(-2 * h / temperature))
    sigma = np.sqrt(expected * (1 - expected) / count)
    for half in (result.states[::2, 0], result.states[1::2, 0]):
        frequency = (half == 1).mean()
        assert abs(frequency - expected) < 3 * sigma * np.sqrt(2)


def test_glauber_acceptance_over_many_seeds():
    h, temperature = 0.4, 1.0
    net = HopfieldNetwork.from_weights([[0.0, h], [0.0, 1000.0]])
    ups = [
        net.recall(
            [-1, 1], mode="stochastic", temperature=temperature, seed=seed, max_steps=1
        ).states[0, 0]
        == 1
        for seed in range(600)
    ]
    expected = 1 / (1 + np.exp(-2 * h / temperature))
    assert abs(np.mean(ups) - expected) < 3 * np.sqrt(expected * (1 - expected) / len(ups))


@pytest.mark.parametrize(
    ("mode", "temperature"), [("sync", 0.0), ("async", 0.0), ("stochastic", 0.3)]
)
def test_recorded_trajectory_shapes_and_energies(mode, temperature):
    patterns = random_patterns(6, 48, seed=12)
    net = HopfieldNetwork.train(patterns)
    probes = np.where(np.random.default_rng(13).random((4, 48)) < 0.25, -patterns[:4], patterns[:4])
    probes[3] = patterns[3]  # a probe that does not move
    result = net.recall(
        probes, mode=mode, temperature=temperature, seed=14, max_steps=7, record=True
    )
    trajectory, energies = result.trajectory, result.energies
    frames = 8 if mode == "stochastic" else result.steps.max() + 1
    assert trajectory.shape == (frames, 4, 48)
    assert trajectory.dtype == np.int8
    assert energies.shape == (frames, 4)
    assert energies.dtype == np.float64
    np.testing.assert_array_equal(trajectory[0], probes)
    np.testing.assert_array_equal(trajectory[-1], result.states)
    for frame, frame_energies in zip(trajectory, energies, strict=True):
        np.testing.assert_array_equal(frame_energies, net.energy(frame))
    if mode != "stochastic":
        for row in range(4):  # a probe that stopped repeats its final state
            assert (trajectory[result.steps[row] :, row] == result.states[row]).all()
        assert result.steps[3] == 0
    for array in (
        result.states,
        result.steps,
        result.converged,
        result.cycled,
        trajectory,
        energies,
    ):
        assert not array.flags.writeable


def test_sync_trajectory_is_one_frame_per_step():
    patterns = random_patterns(10, 64, seed=15)
    net = HopfieldNetwork.train(patterns)
    probes = np.where(np.random.default_rng(16).random((5, 64)) < 0.2, -patterns[:5], patterns[:5])
    result = net.recall(probes, mode="sync", record=True)
    weights = net.weights
    for before, after in zip(result.trajectory[:-1], result.trajectory[1:], strict=True):
        h = before @ weights.T
        moved = (after != before).any(axis=1)
        expected = np.where(h > 0, 1, np.where(h < 0, -1, before))
        np.testing.assert_array_equal(after[moved], expected[moved])


def test_unrecorded_results_have_no_trajectory():
    net = HopfieldNetwork.train(random_patterns(2, 16, seed=0))
    for mode in MODES:
        result = net.recall(random_patterns(2, 16, seed=1), mode=mode, temperature=0.5, seed=0)
        assert result.trajectory is None and result.energies is None
        assert result.states.shape == (2, 16) and result.states.dtype == np.int8
        assert result.steps.shape == result.converged.shape == result.cycled.shape == (2,)


def test_energy_function_is_minus_half_s_w_s():
    rng = np.random.default_rng(0)
    couplings = rng.normal(size=(7, 7))
    couplings = couplings + couplings.T
    states = random_patterns(5, 7, seed=1)
    expected = [-0.5 * 0.3 * s @ couplings @ s for s in states.astype(float)]
    np.testing.assert_allclose(energy(couplings, 0.3, states), expected, rtol=1e-12)


def test_run_directly_with_an_asymmetric_matrix_uses_its_transpose_for_updates():
    # async with a non-symmetric W must still apply h_i = Σ_j w_ij s_j after each flip
    rng = np.random.default_rng(4)
    couplings = np.round(rng.normal(size=(9, 9)) * 4)
    np.fill_diagonal(couplings, 0)
    probes = random_patterns(4, 9, seed=5)
    result = run(couplings, 1.0, probes, mode="async", max_steps=3, seed=6)
    states, steps = async_reference(couplings, probes, 3, seed=6)
    np.testing.assert_array_equal(result.states, states)
    np.testing.assert_array_equal(result.steps, steps)


def async_reference_frames(weights: np.ndarray, probes: np.ndarray, max_steps: int, seed: int):
    """The plain async loop of `async_reference`, recording frames: per sweep (record=True) and per
    round of flips (record="flips": in each sweep, frame r holds every probe after its r-th flip)."""
    rng = np.random.default_rng(seed)
    states = probes.astype(float).copy()
    sweeps, flips = [states.copy()], [states.copy()]
    for _ in range(max_steps):
        whole = states @ weights.T
        moving = [b for b in range(len(states)) if (states[b] * whole[b] < 0).any()]
        if not moving:
            break
        order = rng.permutation(len(weights))
        after = {}
        for b in moving:
            after[b] = []
            for i in order:
                h = weights[i] @ states[b]
                new = 1.0 if h > 0 else -1.0 if h < 0 else states[b, i]
                if new != states[b, i]:
                    states[b, i] = new
                    after[b].append(states[b].copy())
        start = flips[-1].copy()
        for r in range(max(len(v) for v in after.values())):
            frame = start.copy()
            for b, seq in after.items():
                if seq:
                    frame[b] = seq[min(r, len(seq) - 1)]
            flips.append(frame)
        sweeps.append(states.copy())
    return np.array(sweeps), np.array(flips)


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["hebbian", "storkey", "pseudoinverse"]),
    st.integers(16, 80),
    st.integers(1, 6),
    st.integers(1, 3),  # B < N/8: the narrow path (record="flips" always takes it)
    st.integers(1, 8),
    st.integers(0, 2**32 - 1),
)
def test_async_narrow_path_frames_equal_the_plain_loop(rule, n, p, b, max_steps, seed):
    net = HopfieldNetwork.train(random_patterns(p, n, seed), rule)
    probes = (
        np.where(np.random.default_rng(seed).random((b, n)) < 0.3, -1, 1)
        * net.patterns[:b].repeat(b, 0)[:b]
    )
    sweeps, flips = async_reference_frames(net.couplings.astype(float), probes, max_steps, seed)
    per_sweep = net.recall(probes, mode="async", max_steps=max_steps, seed=seed, record=True)
    per_flip = net.recall(probes, mode="async", max_steps=max_steps, seed=seed, record="flips")
    np.testing.assert_array_equal(per_sweep.trajectory, sweeps)
    np.testing.assert_array_equal(per_flip.trajectory, flips)
    np.testing.assert_array_equal(per_flip.states, sweeps[-1])
