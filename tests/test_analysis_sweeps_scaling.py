"""Capacity against N (issue 22): the doubling-and-bisection search, the rules against their theory lines,
serial against an executor, and a dask.distributed LocalCluster with results identical to serial."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from hopfield import analysis
from hopfield.analysis import sweeps


def test_the_search_finds_the_last_p_held(monkeypatch) -> None:
    """With success 1 up to P = 37 and 0 beyond, doubling (1, 2, …, 32, 64) then bisection lands on 37; a rule
    that holds everything stops at max_p, capped."""
    asked: list[int] = []

    def fake(rule, n, p, trials, flips, rng, mode, max_steps, settings):
        asked.append(p)
        return 1.0 if p <= 37 else 0.0

    monkeypatch.setattr(sweeps, "_capacity_point", fake)
    assert sweeps._largest_held("hebbian", 64, 2, 0, 0, "sync", 20, {}, 256) == (37, False)
    assert asked[:8] == [1, 2, 4, 8, 16, 32, 64, 48]
    assert sweeps._largest_held("hebbian", 64, 2, 0, 0, "sync", 20, {}, 30) == (30, True)


def test_measured_capacities_against_n_and_their_theory_lines() -> None:
    found = analysis.capacity_scaling("hebbian", [32, 64, 128], trials=6, noise=0.1, seed=3)
    assert found.theory.tolist() == pytest.approx([0.138 * n for n in (32, 64, 128)])
    assert (np.diff(found.capacity) >= 0).all() and not found.capped.any()
    assert 0.05 * 128 <= found.capacity[-1] <= 0.3 * 128
    pseudo = analysis.capacity_scaling("pseudoinverse", [16, 32], trials=6, noise=0.1, seed=3)
    assert (
        pseudo.capacity < pseudo.n_values
    ).all()  # the projection holds fewer than N noisy probes
    modern = analysis.capacity_scaling("modern", [16, 32], trials=4, noise=0.1, seed=3, max_p=64)
    assert np.isnan(modern.theory).all() and modern.capacity[-1] >= pseudo.capacity[-1]


def test_an_executor_gives_the_serial_numbers() -> None:
    serial = analysis.capacity_scaling("storkey", [16, 24, 32], trials=4, noise=0.1, seed=5)
    with ThreadPoolExecutor(2) as pool:
        parallel = analysis.capacity_scaling(
            "storkey", [16, 24, 32], trials=4, noise=0.1, seed=5, executor=pool
        )
    assert np.array_equal(serial.capacity, parallel.capacity) and np.array_equal(
        serial.capped, parallel.capped
    )


def test_a_dask_local_cluster_gives_the_serial_numbers() -> None:
    distributed = pytest.importorskip("dask.distributed")
    serial = analysis.capacity_scaling(
        "dense-poly", [16, 24, 32], trials=4, noise=0.1, seed=7, max_p=128
    )
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        clustered = analysis.capacity_scaling(
            "dense-poly", [16, 24, 32], trials=4, noise=0.1, seed=7, max_p=128, executor=client
        )
    assert np.array_equal(serial.capacity, clustered.capacity) and np.array_equal(
        serial.capped, clustered.capped
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_values": []}, "n_values must be"),
        ({"n_values": [1, 8]}, "n_values must be"),
        ({"n_values": [16], "max_p": 0}, "max_p must be"),
        ({"n_values": [16], "noise": 2.0}, "noise must be"),
    ],
)
def test_bad_arguments_are_refused_in_a_sentence(kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        analysis.capacity_scaling("hebbian", **kwargs)
