"""The Energy landscape page's engine: slice energies in closed form, recorded descents, attractor tables."""

from __future__ import annotations

import numpy as np
import pytest

from hopfield import RULES, HopfieldNetwork, random_patterns
from hopfield.analysis.landscapes import (
    FLIP_RECORD_MAX_N,
    Census,
    attractor_captions,
    attractor_census,
    attractor_rows,
    descent_mode,
    energy_descents,
    exact_landscape,
    kind_shares,
    landscape_slice,
    recording,
    slice_descents,
    slice_energy,
)
from hopfield.analysis.outcomes import describe, overlaps
from hopfield.corrupt import flip_count

# --- slice energies --------------------------------------------------------------------------


def _slice_states(net: HopfieldNetwork, a: int, b: int, plane, seed: int) -> np.ndarray:
    """The plane's states (R1·R2, N) built one by one, as `landscape_slice` documents them."""
    rng = np.random.default_rng(seed)
    xi_a, xi_b = net.patterns[a], net.patterns[b]
    agree = rng.permutation(np.flatnonzero(xi_a == xi_b))
    differ = rng.permutation(np.flatnonzero(xi_a != xi_b))
    states = []
    for k1 in plane.flips_agree:
        for k2 in plane.flips_differ:
            state = xi_a.copy()
            state[agree[:k1]] *= -1
            state[differ[:k2]] *= -1
            states.append(state)
    return np.array(states)


@pytest.mark.parametrize("rule", list(RULES))
def test_slice_energy_is_the_energy_of_every_state_of_the_plane(rule):
    net = HopfieldNetwork.train(random_patterns(4, 70, seed=3), rule)
    plane = landscape_slice(net, 1, 3, resolution=9, seed=4)
    reference = net.energy(_slice_states(net, 1, 3, plane, seed=4)).reshape(plane.energy.shape)
    np.testing.assert_allclose(plane.energy, reference, rtol=1e-12, atol=1e-9)


def test_slice_energy_of_whole_number_couplings_is_exact():
    net = HopfieldNetwork.train(random_patterns(5, 200, seed=8))  # Hebbian: whole-number couplings
    plane = landscape_slice(net, 0, 4, resolution=21, seed=1)
    np.testing.assert_array_equal(
        plane.energy.ravel(), net.energy(_slice_states(net, 0, 4, plane, seed=1))
    )


def test_slice_energy_of_an_asymmetric_matrix_with_a_diagonal():
    weights = np.random.default_rng(2).normal(size=(7, 7))
    net = HopfieldNetwork.from_weights(weights)
    x = np.array([1, -1, 1, 1, -1, -1, 1], np.int8)
    flip_agree = np.array([[0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 1, 0, 0, 0]], bool)
    flip_differ = np.array(
        [[0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 0, 0, 0, 0], [0, 1, 1, 0, 0, 0, 1]], bool
    )
    energy = slice_energy(net, x, flip_agree, flip_differ)
    for i, agree in enumerate(flip_agree):
        for j, differ in enumerate(flip_differ):
            s = np.where(agree | differ, -x, x).astype(float)
            assert energy[i, j] == pytest.approx(-0.5 * s @ weights @ s, abs=1e-12)


# --- descent mode and recording --------------------------------------------------------------


def test_descent_mode_is_the_rules_energy_descending_mode():
    patterns = random_patterns(2, 16, seed=0)
    assert descent_mode(HopfieldNetwork.train(patterns, "hebbian")) == "async"
    assert descent_mode(HopfieldNetwork.train(patterns, "dense-exp")) == "async"
    assert descent_mode(HopfieldNetwork.train(patterns, "modern")) == "sync"
    assert descent_mode(HopfieldNetwork.from_weights(np.zeros((4, 4)))) == "async"


def test_recording_keeps_every_flip_up_to_the_limit_then_every_sweep():
    small = HopfieldNetwork.train(random_patterns(2, FLIP_RECORD_MAX_N, seed=0))
    large = HopfieldNetwork.train(random_patterns(2, FLIP_RECORD_MAX_N + 1, seed=0))
    assert recording(small, "async") == ("flips", "flip")
    assert recording(large, "async") == (True, "sweep")
    assert recording(small, "sync") == (True, "step")
    assert recording(small, "stochastic") == (True, "sweep")
    modern = HopfieldNetwork.train(random_patterns(2, 16, seed=0), "modern")
    with pytest.raises(ValueError, match="modern"):
        recording(modern, "async")


# --- recorded descents -----------------------------------------------------------------------


def test_energy_descents_of_noisy_patterns_and_a_random_start():
    patterns = random_patterns(6, 64, seed=2)
    net = HopfieldNetwork.train(patterns)
    runs = energy_descents(net, noise=0.25, labels=[f"p{k}" for k in range(6)], shown=4, seed=0)
    assert runs.starts == (
        "p0 + 25% noise",
        "p1 + 25% noise",
        "p2 + 25% noise",
        "p3 + 25% noise",
        "random start",
    )
    assert (runs.mode, runs.unit) == ("async", "flip")
    probes = np.concatenate([flip_count(patterns[:4], 16, seed=0), random_patterns(1, 64, 0)])
    np.testing.assert_array_equal(runs.energies[0], net.energy(probes))  # frame 0: the probes
    assert (np.diff(runs.energies, axis=0) <= 1e-9).all()  # async descent never climbs
    final = net.recall(probes, "async", 100, seed=0).states
    assert runs.ends == tuple(
        describe(patterns, state, [f"p{k}" for k in range(6)]) for state in final
    )
    np.testing.assert_array_equal(runs.energies[-1], net.energy(final))
    assert runs.paths is None and not runs.energies.flags.writeable
    assert runs.journeys[4] == f"random start → {runs.ends[4]}"


def test_energy_descents_without_noise_stay_on_the_patterns():
    net = HopfieldNetwork.train(random_patterns(2, 40, seed=1))
    runs = energy_descents(net, noise=0.0, shown=4)
    assert runs.starts[:2] == ("0 + 0% noise", "1 + 0% noise") and len(runs.starts) == 3
    assert runs.ends[:2] == ("stored 0", "stored 1")


def test_energy_descents_of_the_modern_network_are_sync_steps():
    net = HopfieldNetwork.train(random_patterns(3, 50, seed=4), "modern")
    runs = energy_descents(net, noise=0.2)
    assert (runs.mode, runs.unit) == ("sync", "step") and runs.energies.shape[1] == 4


def test_slice_descents_start_from_noisy_patterns_and_their_mix():
    patterns = random_patterns(3, 80, seed=6)
    net = HopfieldNetwork.train(patterns)
    runs = slice_descents(net, 2, 0, noise=0.3, labels=["x", "y", "z"], seed=0)
    assert runs.starts == (
        "z + 30% noise",
        "x + 30% noise",
        "half z, half x",
        "that mix + 15% noise",
    )
    assert runs.paths.shape == (4, runs.energies.shape[0], 2)
    rng = np.random.default_rng(0)  # the documented draws: the mix, then the three flips
    mix = np.where(rng.random(80) < 0.5, patterns[2], patterns[0]).astype(np.int8)
    probes = np.stack(
        [
            flip_count(patterns[2], 24, seed=rng),
            flip_count(patterns[0], 24, seed=rng),
            mix,
            flip_count(mix, 12, seed=rng),
        ]
    )
    np.testing.assert_allclose(runs.paths[:, 0], overlaps(patterns, probes)[:, [2, 0]])
    final = net.recall(probes, "async", 100, seed=0).states
    np.testing.assert_allclose(runs.paths[:, -1], overlaps(patterns, final)[:, [2, 0]])
    assert runs.ends == tuple(describe(patterns, state, ["x", "y", "z"]) for state in final)


def test_descents_refuse_bad_arguments():
    net = HopfieldNetwork.train(random_patterns(2, 20, seed=0))
    with pytest.raises(ValueError, match="two different"):
        slice_descents(net, 1, 1)
    with pytest.raises(ValueError, match="noise"):
        energy_descents(net, noise=2)
    with pytest.raises(ValueError, match="labels"):
        energy_descents(net, labels=["only one"])
    with pytest.raises(ValueError, match="at least 2"):
        slice_descents(HopfieldNetwork.train(random_patterns(1, 20, seed=0)), 0, 1)


# --- attractor tables ------------------------------------------------------------------------


def _census() -> Census:
    attractors = np.array([[1, 1, -1], [1, -1, 1], [-1, -1, 1]], np.int8)
    return Census(
        attractors,
        np.array([6, 3, 1]),
        np.array([0.6, 0.3, 0.1]),
        np.array([-2.0, -1.23456, 0.5]),
        np.array([True, True, False]),
        ("stored", "mixture", "reversed"),
        ("stored a", "mixture of a, −b, c", "reversed b"),
        {"stored": 6, "reversed": 1, "mixture": 3, "spurious": 0},
        10,
        "async",
    )


def test_attractor_rows_of_a_census():
    assert attractor_rows(_census(), limit=2) == [
        {"attractor": "stored a", "share of starts": "60.0%", "energy": -2.0, "fixed point": "yes"},
        {
            "attractor": "mixture of a, −b, c",
            "share of starts": "30.0%",
            "energy": -1.235,
            "fixed point": "yes",
        },
    ]
    assert attractor_rows(_census())[2]["fixed point"] == "no (cycle or cut)"
    assert attractor_captions(_census()) == ("stored a 60%", "mixture 30%", "reversed b 10%")
    assert kind_shares(_census()) == {
        "stored": 0.6,
        "reversed": 0.1,
        "mixture": 0.3,
        "spurious": 0.0,
    }


def test_attractor_rows_of_an_exact_landscape():
    net = HopfieldNetwork.train(random_patterns(2, 8, seed=1))
    landscape = exact_landscape(net, labels=["a", "b"])
    rows = attractor_rows(landscape)
    assert len(rows) == len(landscape.attractors) and set(rows[0]) == {
        "attractor",
        "basin",
        "energy",
        "fixed point",
    }
    assert sum(float(row["basin"].rstrip("%")) for row in rows) == pytest.approx(
        100, abs=0.1 * len(rows)
    )
    shares = kind_shares(landscape)
    assert sum(shares.values()) == pytest.approx(1)
    stored = sum(
        size for size, kind in zip(landscape.basin_sizes, landscape.kinds) if kind == "stored"
    )
    assert shares["stored"] == pytest.approx(stored)
    assert len(attractor_captions(landscape, limit=1)) == 1


def test_attractor_tables_follow_a_real_census():
    net = HopfieldNetwork.train(random_patterns(3, 30, seed=2))
    census = attractor_census(net, starts=50, seed=0, labels=["a", "b", "c"])
    assert [row["attractor"] for row in attractor_rows(census)] == list(census.labels)
    assert kind_shares(census) == pytest.approx(
        {kind: count / 50 for kind, count in census.kind_counts.items()}
    )


def test_attractor_tables_refuse_other_objects():
    with pytest.raises(ValueError, match="Census or a Landscape"):
        attractor_rows([1, 2, 3])
    with pytest.raises(ValueError, match="limit"):
        attractor_rows(_census(), limit=-1)
