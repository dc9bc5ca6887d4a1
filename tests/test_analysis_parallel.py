"""Sweeps on an executor: the same numbers as the serial run for the same seed (issue: sweeps that can
leave one machine). A local ProcessPoolExecutor stands in for a cluster's (dask's Client has `submit`)."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

from hopfield import RULES, HopfieldNetwork, random_patterns
from hopfield.analysis import basin_curve, basin_curves, capacity_curve, capacity_curves
from hopfield.analysis._parallel import fan_out, spawn_seeds


@pytest.fixture(scope="module")
def processes():
    with ProcessPoolExecutor(2) as pool:
        yield pool


@pytest.mark.parametrize(
    ("rule", "mode", "noise"),
    [("hebbian", "sync", 0.1), ("storkey", "async", 0.1), ("dense-poly", "sync", 0.35)],
)
def test_capacity_curve_on_processes_equals_serial(processes, rule, mode, noise):
    serial = capacity_curve(rule, 40, [2, 5, 9, 14], trials=4, noise=noise, seed=3, mode=mode)
    seen = []
    spread = capacity_curve(
        rule,
        40,
        [2, 5, 9, 14],
        trials=4,
        noise=noise,
        seed=3,
        mode=mode,
        executor=processes,
        progress=seen.append,
    )
    np.testing.assert_array_equal(spread.success, serial.success)
    assert seen == [0.25, 0.5, 0.75, 1.0]
    assert 0 < serial.success.min() < serial.success.max() <= 1  # the points differ: a real sweep


def test_basin_curve_on_processes_equals_serial(processes):
    for net in (
        HopfieldNetwork.train(random_patterns(5, 48, seed=2), "pseudoinverse", damping=0.1),
        HopfieldNetwork.train(random_patterns(4, 30, seed=4), "storkey"),
    ):
        serial = basin_curve(net, [0.05, 0.2, 0.35], trials=6, seed=9, mode="async")
        spread = basin_curve(
            net, [0.05, 0.2, 0.35], trials=6, seed=9, mode="async", executor=processes
        )
        np.testing.assert_array_equal(spread.per_pattern, serial.per_pattern)
        assert serial.success[0] > serial.success[-1]


def test_per_rule_curves_take_the_executor(processes):
    settings = {"hebbian": {}, "pseudoinverse": {"damping": 0.0}}
    patterns = random_patterns(4, 32, seed=5)
    curves = basin_curves(patterns, settings, [0.1, 0.3], trials=3, seed=1)
    spread = basin_curves(patterns, settings, [0.1, 0.3], trials=3, seed=1, executor=processes)
    for rule in settings:
        np.testing.assert_array_equal(
            spread.results[rule].per_pattern, curves.results[rule].per_pattern
        )
    caps = capacity_curves(settings, 24, (2, 6), trials=3, seed=2)
    spread_caps = capacity_curves(settings, 24, (2, 6), trials=3, seed=2, executor=processes)
    for rule in settings:
        np.testing.assert_array_equal(spread_caps.results[rule].success, caps.results[rule].success)


def test_any_order_of_completion_gives_the_same_numbers():
    """Threads finish in any order; the results still come back in the tasks' order."""
    with ThreadPoolExecutor(4) as pool:
        spread = capacity_curve(
            "hebbian", 30, list(range(1, 12)), trials=3, noise=0.1, seed=8, executor=pool
        )
    serial = capacity_curve("hebbian", 30, list(range(1, 12)), trials=3, noise=0.1, seed=8)
    np.testing.assert_array_equal(spread.success, serial.success)


def test_each_piece_has_its_own_stream():
    """Piece k's numbers do not depend on the other pieces: the first points of a longer sweep are
    those of a shorter one only when they share children, which `spawn_seeds` makes explicit."""
    first, second = spawn_seeds(4, 2)
    assert np.random.default_rng(first).integers(1 << 30) != np.random.default_rng(second).integers(
        1 << 30
    )
    again = spawn_seeds(4, 2)
    assert np.random.default_rng(again[1]).integers(1 << 30) == np.random.default_rng(
        second
    ).integers(1 << 30)
    assert len(spawn_seeds(np.random.default_rng(1), 3)) == 3


def test_bad_executor_and_seed_get_a_sentence():
    with pytest.raises(ValueError, match="executor must be a concurrent.futures.Executor"):
        fan_out(abs, [(1,)], executor="cluster")
    with pytest.raises(ValueError, match="executor must be"):
        capacity_curve("hebbian", 20, [2], executor=object())
    with pytest.raises(ValueError, match="seed must be"):
        capacity_curve("hebbian", 20, [2], seed=-1)


def test_a_network_pickles_to_the_same_memory():
    import pickle

    for rule in RULES:
        net = HopfieldNetwork.train(random_patterns(3, 24, seed=1), rule)
        back = pickle.loads(pickle.dumps(net))
        assert back.fingerprint == net.fingerprint and back.params == net.params
        assert not back.patterns.flags.writeable
        probes = random_patterns(4, 24, seed=2)
        np.testing.assert_array_equal(back.recall(probes).states, net.recall(probes).states)
    keys = np.random.default_rng(3).standard_normal((5, 12))
    paired = HopfieldNetwork.train(keys, "modern", values=np.eye(5), beta=8.0)
    back = pickle.loads(pickle.dumps(paired))
    assert back.fingerprint == paired.fingerprint and back.real_valued
    np.testing.assert_array_equal(back.recall(keys[:2]).states, paired.recall(keys[:2]).states)
    custom = HopfieldNetwork.from_weights(np.arange(16.0).reshape(4, 4) / 7)
    back = pickle.loads(pickle.dumps(custom))
    assert back.fingerprint == custom.fingerprint and not back.weights.flags.writeable
