"""Analysis: hand-worked overlaps and outcomes, stability of the seed digits, capacity and basin curves
(batched sync equal to the network's own recall), attractor census, exact landscape and slices."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import HopfieldNetwork, get_rule, load_set, random_patterns
from hopfield.analysis import (
    ATTRACTOR_KINDS,
    CapacityCurve,
    all_states,
    attractor_census,
    basin_curve,
    capacity_curve,
    classify,
    correlation_matrix,
    describe,
    exact_landscape,
    hamming,
    landscape_slice,
    overlap_path,
    overlaps,
    stability,
)
from hopfield.corrupt import flip_count, flip_rows
from hopfield.dynamics import sync_stack
from hopfield.rules import stacked_couplings

# Three 4-neuron patterns; sign(A + B + C) = [1, 1, 1, -1] overlaps each of them by +1/2.
A, B, C = [1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1]
FOUR = np.array([A, B, C], dtype=np.int8)
MIXTURE = [1, 1, 1, -1]


# --- overlaps and outcomes -------------------------------------------------------------------


def test_overlaps_and_hamming_hand_worked_on_four_neurons():
    states = np.array([A, MIXTURE, [-1, -1, -1, -1], [1, -1, -1, 1]])
    np.testing.assert_array_equal(
        overlaps(FOUR, states),
        [[1, 0, 0], [0.5, 0.5, 0.5], [-1, 0, 0], [0, 0, 0]],
    )
    np.testing.assert_array_equal(
        hamming(FOUR, states), [[0, 2, 2], [1, 1, 1], [4, 2, 2], [2, 2, 2]]
    )
    # 0/1 input is the same state; a single 1-D state gives one row
    np.testing.assert_array_equal(overlaps((FOUR + 1) // 2, [1, 1, 1, 0]), [[0.5, 0.5, 0.5]])
    assert hamming(FOUR, A).dtype.kind == "i"


def test_correlation_matrix_hand_worked():
    np.testing.assert_array_equal(correlation_matrix(FOUR), [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    np.testing.assert_array_equal(correlation_matrix([A, [-1, -1, -1, 1]]), [[1, -0.5], [-0.5, 1]])


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 6), st.integers(1, 5), st.integers(1, 30), st.integers(0, 2**32 - 1))
def test_overlaps_and_hamming_match_plain_loops(p, b, n, seed):
    patterns, states = random_patterns(p, n, seed=seed), random_patterns(b, n, seed=seed + 1)
    m, d = overlaps(patterns, states), hamming(patterns, states)
    for row in range(b):
        for mu in range(p):
            assert (
                m[row, mu] == sum(int(patterns[mu, i]) * int(states[row, i]) for i in range(n)) / n
            )
            assert d[row, mu] == sum(patterns[mu, i] != states[row, i] for i in range(n))
    np.testing.assert_allclose(d, n * (1 - m) / 2)
    np.testing.assert_array_equal(correlation_matrix(patterns), overlaps(patterns, patterns))


def test_classify_hand_worked_on_four_neurons():
    states = [A, A, [-1, 1, -1, 1], MIXTURE, [-1, -1, -1, 1], [1, -1, -1, 1]]
    assert classify(FOUR, states, targets=[0, 1, 0, 0, 0, 0]) == [
        "target",
        "stored",
        "reversed",
        "mixture",
        "mixture",  # −sign(A + B + C) = sign(−A − B − C), all three overlaps −1/2
        "spurious",  # overlaps all zero: no mixture
    ]
    assert classify(FOUR, states) == [
        "stored",
        "stored",
        "reversed",
        "mixture",
        "mixture",
        "spurious",
    ]
    assert classify(FOUR, A, targets=0) == ["target"]
    assert classify(FOUR[:2], MIXTURE) == ["spurious"]  # two patterns cannot make a mixture


def test_describe_names_the_state():
    digits = [str(d) for d in range(3)]
    assert describe(FOUR, C) == "stored 2"
    assert describe(FOUR, [-1, 1, -1, 1], labels=["a", "b", "c"]) == "reversed b"
    assert describe(FOUR, MIXTURE, labels=digits) == "mixture of 0, 1, 2"
    assert describe(FOUR, [-1, -1, -1, 1]) == "mixture of −0, −1, −2"
    assert describe(FOUR, [1, -1, -1, 1]) == "spurious"


def test_mixture_detection_on_a_constructed_mixture_state():
    patterns = random_patterns(5, 200, seed=4)
    state = np.sign(patterns[1].astype(int) - patterns[3] + patterns[4])
    assert classify(patterns, state) == ["mixture"]
    assert describe(patterns, state) == "mixture of 1, −3, 4"
    one_bit_off = state.copy()
    one_bit_off[0] *= -1
    assert classify(patterns, one_bit_off) == ["spurious"]


# --- stability -------------------------------------------------------------------------------


def plain_stability(network):
    """Bits of each pattern whose field sign(Σ_j w_ij ξ_j) disagrees with ξ_i (a zero field keeps it)."""
    w = network.weights
    counts = []
    for xi in network.patterns:
        flips = 0
        for i in range(network.n):
            h = sum(w[i, j] * xi[j] for j in range(network.n))
            flips += (h > 0 and xi[i] < 0) or (h < 0 and xi[i] > 0)
        counts.append(flips)
    return counts


def test_stability_of_the_seed_digits_hebbian_ten_versus_five():
    digits = load_set("digits").patterns
    ten = stability(HopfieldNetwork.train(digits))
    five = stability(HopfieldNetwork.train(digits[:5]))
    assert ten.shape == (10,) and five.shape == (5,)
    assert (ten > 0).sum() >= 5  # several of the ten correlated digits are not fixed points
    assert (five > 0).sum() < (ten > 0).sum()
    assert five.sum() < ten[:5].sum()
    np.testing.assert_array_equal(ten, plain_stability(HopfieldNetwork.train(digits)))
    np.testing.assert_array_equal(stability(HopfieldNetwork.train(digits, "pseudoinverse")), 0)


# --- batched sync dynamics -------------------------------------------------------------------


def recall_each_trial(rule, patterns, probes, max_steps):
    return np.stack(
        [
            HopfieldNetwork.train(trial, rule).recall(probe, "sync", max_steps).states
            for trial, probe in zip(patterns, probes, strict=True)
        ]
    )


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["hebbian", "hebbian", "storkey", "pseudoinverse"]),
    st.integers(1, 4),
    st.integers(1, 14),
    st.integers(2, 40),
    st.floats(0, 0.5),
    st.integers(0, 12),
    st.integers(0, 2**32 - 1),
)
def test_batched_sync_equals_network_recall(rule, trials, p, n, noise, max_steps, seed):
    rng = np.random.default_rng(seed)
    patterns = random_patterns(trials * p, n, seed=rng).reshape(trials, p, n)
    probes = np.where(rng.random(patterns.shape) < noise, -patterns, patterns).astype(np.int8)
    got = sync_stack(stacked_couplings(get_rule(rule), patterns, {}), probes, max_steps)
    np.testing.assert_array_equal(got, recall_each_trial(rule, patterns, probes, max_steps))


def test_batched_sync_stops_at_a_two_cycle_like_recall():
    swap = np.array([[0.0, 1.0], [1.0, 0.0]])  # s ← (s_2, s_1): [1, -1] and [-1, 1] alternate
    net = HopfieldNetwork.from_weights(swap)
    probes = np.array([[[1, -1], [1, 1]]], dtype=np.int8)
    for max_steps, expected in [
        (0, [[1, -1], [1, 1]]),
        (1, [[-1, 1], [1, 1]]),
        (2, [[1, -1], [1, 1]]),
    ]:
        got = sync_stack(swap.T[None], probes, max_steps)[0]
        np.testing.assert_array_equal(got, expected)
        np.testing.assert_array_equal(got, net.recall(probes[0], "sync", max_steps).states)
    result = net.recall(probes[0], "sync", 50)
    assert result.cycled.tolist() == [True, False]
    np.testing.assert_array_equal(sync_stack(swap.T[None], probes, 50)[0], result.states)


def test_batched_sync_on_a_heavily_loaded_stack_that_wanders_and_cycles():
    patterns = random_patterns(20 * 30, 60, seed=8).reshape(20, 30, 60)
    probes = flip_count(patterns.reshape(-1, 60), 6, seed=9).reshape(patterns.shape)
    got = sync_stack(stacked_couplings(get_rule("hebbian"), patterns, {}), probes, 20)
    expected = recall_each_trial("hebbian", patterns, probes, 20)
    np.testing.assert_array_equal(got, expected)
    results = [
        HopfieldNetwork.train(t).recall(q, "sync", 20)
        for t, q in zip(patterns, probes, strict=True)
    ]
    assert any(
        result.cycled.any() for result in results
    )  # the case above really exercises the 2-cycle rule


# --- capacity curves -------------------------------------------------------------------------


def reference_capacity(rule, n, p_values, trials, noise, seed, mode, max_steps):
    """The documented procedure, one network per trial through HopfieldNetwork: P value k draws from the
    k-th child of the seed."""
    children = np.random.SeedSequence(seed).spawn(len(p_values))
    flips = round(noise * n)
    success = []
    for p, child in zip(p_values, children, strict=True):
        rng = np.random.default_rng(child)
        patterns = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
        probes = patterns
        if flips:
            probes = flip_count(patterns.reshape(trials * p, n), flips, seed=rng).reshape(
                trials, p, n
            )
        hits = 0
        for trial, probe in zip(patterns, probes, strict=True):
            final = (
                HopfieldNetwork.train(trial, rule).recall(probe, mode, max_steps, seed=rng).states
            )
            hits += int((final == trial).all(axis=1).sum())
        success.append(hits / (trials * p))
    return success


@pytest.mark.parametrize(
    ("rule", "mode", "noise"),
    [
        ("hebbian", "sync", 0.1),
        ("hebbian", "sync", 0.0),
        ("storkey", "sync", 0.15),
        ("hebbian", "async", 0.1),
    ],
)
def test_capacity_curve_equals_the_documented_reference_loop(rule, mode, noise):
    p_values = [1, 3, 6, 9, 12]
    curve = capacity_curve(
        rule, 40, p_values, trials=6, noise=noise, seed=5, mode=mode, max_steps=15
    )
    expected = reference_capacity(rule, 40, p_values, 6, noise, 5, mode, 15)
    np.testing.assert_array_equal(curve.success, expected)
    assert curve.p_values.tolist() == p_values and curve.trials == 6 and curve.mode == mode


def test_hebbian_capacity_curve_falls_through_one_half_near_0_14_n():
    curve = capacity_curve("hebbian", 100, range(2, 31, 2), trials=20, noise=0.0, seed=0)
    success = dict(zip(curve.p_values.tolist(), curve.success.tolist(), strict=True))
    assert success[2] == 1.0
    assert success[8] >= 0.5
    assert success[20] < 0.5
    assert 8 < curve.measured_capacity() < 20
    assert success[30] < success[8]
    assert not curve.success.flags.writeable


def test_pseudoinverse_recalls_every_pattern_below_half_n():
    curve = capacity_curve("pseudoinverse", 40, range(1, 20), trials=5, noise=0.0, seed=1)
    np.testing.assert_array_equal(curve.success, 1.0)
    assert math.isnan(curve.measured_capacity())


def test_measured_capacity_interpolates_the_crossing():
    p_values, success = np.array([1, 2, 3, 5, 7]), np.array([1.0, 1.0, 0.8, 0.2, 0.0])
    curve = CapacityCurve("hebbian", 20, p_values, success, 2, 0.0, "sync", {})
    assert curve.measured_capacity() == pytest.approx(3 + 0.3 / 0.6 * 2)
    assert curve.measured_capacity(0.9) == pytest.approx(2 + 0.1 / 0.2)
    assert math.isnan(curve.measured_capacity(0.0))
    assert not curve.p_values.flags.writeable


def test_capacity_curve_reports_progress_and_is_reproducible():
    seen = []
    first = capacity_curve(
        "hebbian", 30, [2, 4, 6, 8], trials=3, noise=0.1, seed=2, progress=seen.append
    )
    assert seen == [0.25, 0.5, 0.75, 1.0]
    again = capacity_curve("hebbian", 30, [2, 4, 6, 8], trials=3, noise=0.1, seed=2)
    np.testing.assert_array_equal(first.success, again.success)


def test_capacity_curve_runs_dense_and_modern_memories():
    dense = capacity_curve(
        "dense-poly", 30, [2, 20], trials=2, noise=0.1, seed=3, mode="async", degree=3
    )
    assert dense.params["degree"] == 3
    assert dense.success[0] == 1.0
    modern = capacity_curve("modern", 30, [2, 20], trials=2, noise=0.1, seed=3)
    assert (
        modern.success[0] == 1.0 and modern.params["beta"] == get_rule("modern").defaults()["beta"]
    )


# --- basin curves ----------------------------------------------------------------------------


def test_basin_curve_of_a_pseudoinverse_network_from_clean_to_reversed():
    net = HopfieldNetwork.train(random_patterns(4, 50, seed=6), "pseudoinverse")
    seen = []
    curve = basin_curve(net, [0.0, 0.05, 0.5, 1.0], trials=5, seed=0, progress=seen.append)
    assert curve.success[0] == 1.0  # every pattern is a fixed point
    assert curve.success[-1] == 0.0  # all bits flipped gives −ξ, also a fixed point
    assert curve.success[1] > curve.success[2]
    assert curve.per_pattern.shape == (4, 4)
    np.testing.assert_allclose(curve.success, curve.per_pattern.mean(axis=1))
    assert seen == [0.25, 0.5, 0.75, 1.0]
    assert not curve.per_pattern.flags.writeable


def test_basin_curve_counts_each_probe_like_recall():
    net = HopfieldNetwork.train(random_patterns(5, 40, seed=7))
    curve = basin_curve(net, [0.15], trials=4, seed=11, mode="async")
    rng = np.random.default_rng(
        np.random.SeedSequence(11).spawn(1)[0]
    )  # level k: the k-th child of the seed
    targets = np.tile(net.patterns, (4, 1))
    final = net.recall(flip_count(targets, 6, seed=rng), "async", 50, seed=rng).states
    hits = (final == targets).all(axis=1).reshape(4, 5)
    np.testing.assert_array_equal(curve.per_pattern[0], hits.mean(axis=0))


# --- attractor census ------------------------------------------------------------------------


def test_census_finds_the_stored_and_reversed_patterns():
    patterns = random_patterns(3, 64, seed=1)
    net = HopfieldNetwork.train(patterns)
    census = attractor_census(net, starts=200, seed=0)
    for index in range(3):
        assert f"stored {index}" in census.labels
        assert f"reversed {index}" in census.labels
    found = {tuple(state) for state in census.attractors.tolist()}
    assert all(tuple(p) in found and tuple(-p) in found for p in patterns.astype(int))
    assert census.counts.sum() == 200 and sum(census.kind_counts.values()) == 200
    assert list(census.kind_counts) == list(ATTRACTOR_KINDS)
    np.testing.assert_allclose(census.share.sum(), 1.0)
    assert (np.diff(census.counts) <= 0).all()
    np.testing.assert_array_equal(census.energies, net.energy(census.attractors))
    assert census.fixed_point.all()  # async descent on a symmetric network always settles
    assert classify(patterns, census.attractors) == list(census.kinds)
    assert not census.attractors.flags.writeable


# --- exact landscape -------------------------------------------------------------------------


def test_all_states_enumerates_bits():
    states = all_states(3)
    assert states.shape == (8, 3)
    np.testing.assert_array_equal(states[0], [-1, -1, -1])
    np.testing.assert_array_equal(states[5], [1, -1, 1])  # 5 = bits 0 and 2
    assert len({tuple(s) for s in states.tolist()}) == 8


def test_exact_landscape_energies_match_a_brute_force_loop():
    net = HopfieldNetwork.train([[1, -1, 1, -1], [1, 1, -1, -1]])
    landscape = exact_landscape(net)
    w = net.weights
    for k in range(16):
        s = [1 if (k >> j) & 1 else -1 for j in range(4)]
        energy = -0.5 * sum(w[i, j] * s[i] * s[j] for i in range(4) for j in range(4))
        assert landscape.energies[k] == pytest.approx(energy, abs=1e-12)


def test_exact_landscape_of_a_pseudoinverse_network():
    patterns = random_patterns(2, 10, seed=3)
    net = HopfieldNetwork.train(patterns, "pseudoinverse")
    seen = []
    landscape = exact_landscape(net, seed=1, progress=seen.append)
    assert seen == [1.0]
    assert landscape.energies.shape == landscape.attractor_of.shape == (1024,)
    np.testing.assert_allclose(landscape.basin_sizes.sum(), 1.0)
    indices = [sum(1 << j for j in range(10) if p[j] > 0) for p in patterns.tolist()]
    for mu, k in enumerate(indices):
        attractor = landscape.attractor_of[k]
        np.testing.assert_array_equal(landscape.attractors[attractor], patterns[mu])
        assert (
            landscape.kinds[attractor] == "stored" and landscape.labels[attractor] == f"stored {mu}"
        )
    counts = np.bincount(landscape.attractor_of, minlength=len(landscape.attractors))
    np.testing.assert_allclose(landscape.basin_sizes, counts / 1024)
    # descent never climbs, and every attractor is a fixed point with its own energy
    assert (
        landscape.energies >= landscape.attractor_energies[landscape.attractor_of] - 1e-12
    ).all()
    assert landscape.fixed_point.all()
    np.testing.assert_allclose(landscape.attractor_energies, net.energy(landscape.attractors))


def test_exact_landscape_attractor_is_what_recall_reaches_from_each_state():
    net = HopfieldNetwork.train(random_patterns(3, 8, seed=2))
    landscape = exact_landscape(net, seed=4)
    states = all_states(8)
    for k in range(0, 256, 5):
        final = net.recall(states[k], "async", seed=4).states[0]
        np.testing.assert_array_equal(landscape.attractors[landscape.attractor_of[k]], final)
    np.testing.assert_array_equal(exact_landscape(net, seed=4).attractor_of, landscape.attractor_of)


# --- slices and paths ------------------------------------------------------------------------


def test_landscape_slice_corners_and_closed_form_hebbian_energy():
    patterns = random_patterns(2, 60, seed=5)
    net = HopfieldNetwork.train(patterns)
    plane = landscape_slice(net, 0, 1, resolution=11, seed=2)
    n1, n2 = plane.n_agree, plane.n_differ
    assert n1 + n2 == 60 and n2 == int((patterns[0] != patterns[1]).sum())
    assert (
        plane.energy.shape == plane.m_a.shape == (len(plane.flips_agree), len(plane.flips_differ))
    )
    assert (
        len(plane.flips_agree) <= 11 and plane.flips_agree[0] == 0 and plane.flips_agree[-1] == n1
    )
    assert plane.flips_differ[-1] == n2
    assert plane.m_a[0, 0] == 1 and plane.energy[0, 0] == pytest.approx(net.energy(patterns[0])[0])
    assert plane.m_b[0, -1] == 1 and plane.energy[0, -1] == pytest.approx(
        net.energy(patterns[1])[0]
    )
    assert plane.m_a[-1, -1] == -1
    # Hebbian with two patterns: E = −(N/2)(m_a² + m_b²) + P/2 at every point of the plane
    np.testing.assert_allclose(plane.energy, -30 * (plane.m_a**2 + plane.m_b**2) + 1)


def test_landscape_slice_grid_is_rounded_and_unique():
    net = HopfieldNetwork.train(random_patterns(3, 12, seed=9))
    plane = landscape_slice(net, 2, 0, resolution=41)
    assert plane.flips_agree.tolist() == list(range(plane.n_agree + 1))
    assert plane.flips_differ.tolist() == list(range(plane.n_differ + 1))
    assert (plane.a, plane.b) == (2, 0)


def test_overlap_path_follows_a_recorded_recall():
    patterns = random_patterns(3, 50, seed=10)
    net = HopfieldNetwork.train(patterns)
    probe = flip_count(patterns[2], 10, seed=0)
    trajectory = net.recall(probe, "sync", record=True).trajectory[:, 0]
    path = overlap_path(patterns, trajectory, 2, 0)
    assert path.shape == (len(trajectory), 2)
    np.testing.assert_allclose(path[0], [0.6, overlaps(patterns, probe)[0, 0]])
    np.testing.assert_allclose(path, overlaps(patterns, trajectory)[:, [2, 0]])


# --- refused input ---------------------------------------------------------------------------


def test_bad_input_raises_value_errors_naming_the_problem():
    net = HopfieldNetwork.train(random_patterns(3, 30, seed=0))
    with pytest.raises(ValueError, match="exact landscape needs N <= 20, got 90"):
        exact_landscape(HopfieldNetwork.train(random_patterns(2, 90, seed=0)))
    for a, b in [(5, 0), (0, -1), (True, 1), (1.0, 2)]:
        with pytest.raises(ValueError, match="stored pattern index from 0 to 2"):
            landscape_slice(net, a, b)
    with pytest.raises(ValueError, match="two different"):
        landscape_slice(net, 1, 1)
    with pytest.raises(ValueError, match="resolution"):
        landscape_slice(net, 0, 1, resolution=1)
    with pytest.raises(ValueError, match="index from 0 to 2"):
        overlap_path(net.patterns, net.patterns, 0, 3)
    for noise in (-0.1, 1.5, float("nan"), "0.1"):
        with pytest.raises(ValueError, match="noise must be a number from 0 to 1"):
            capacity_curve("hebbian", 20, [2], noise=noise)
    with pytest.raises(ValueError, match="noise_levels must be numbers from 0 to 1"):
        basin_curve(net, [0.2, 1.2])
    with pytest.raises(ValueError, match="trials must be at least 1"):
        capacity_curve("hebbian", 20, [2], trials=0)
    with pytest.raises(ValueError, match="trials must be at least 1"):
        basin_curve(net, [0.1], trials=0)
    with pytest.raises(ValueError, match="p_values"):
        capacity_curve("hebbian", 20, [])
    with pytest.raises(ValueError, match="p_values must be whole numbers >= 1"):
        capacity_curve("hebbian", 20, [0, 2])
    with pytest.raises(ValueError, match="mode 'async' for the modern rule"):
        capacity_curve("modern", 20, [2], mode="async")
    with pytest.raises(ValueError, match="Unknown learning rule"):
        capacity_curve("oja", 20, [2])
    with pytest.raises(ValueError, match="targets must be pattern indices from 0 to 2"):
        classify(net.patterns, net.patterns, targets=[0, 1, 3])
    with pytest.raises(ValueError, match="one pattern index per state"):
        classify(net.patterns, net.patterns, targets=[0, 1])
    for labels in (["a", "b"], True, "abc", 3):
        with pytest.raises(ValueError, match="labels must be a sequence of 3 names"):
            describe(net.patterns, net.patterns[0], labels=labels)
    for targets in (1.5, "0", True, 10**30):
        with pytest.raises(ValueError, match="targets must be"):
            classify(net.patterns, net.patterns, targets=targets)
    with pytest.raises(ValueError, match="one state"):
        describe(net.patterns, net.patterns)
    with pytest.raises(ValueError, match="starts must be at least 1"):
        attractor_census(net, starts=0)
    with pytest.raises(ValueError, match="more than the memory budget"):
        attractor_census(net, starts=10**12)
    with pytest.raises(ValueError, match="more than the memory budget"):
        capacity_curve("hebbian", 100, [2, 10**9])
    with pytest.raises(ValueError, match="more than the memory budget"):
        basin_curve(net, [0.1], trials=10**10)
    with pytest.raises(ValueError, match="neurons but the network has"):
        overlaps(net.patterns, np.ones((2, 7)))


def test_capacity_sweep_flips_equal_flip_count():
    """The capacity sweep's unvalidated flip is `flip_count` with the same generator: same draws, same bits."""
    batch = random_patterns(60, 100, seed=3)
    for count in (1, 10, 57, 100):
        expected = flip_count(batch, count, seed=np.random.default_rng(count))
        result = flip_rows(batch, count, np.random.default_rng(count))
        assert result.dtype == expected.dtype == np.int8
        np.testing.assert_array_equal(result, expected)
