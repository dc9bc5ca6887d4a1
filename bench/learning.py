"""Timings of learning over time and the phase diagram (issue 12): what the app waits for.

Usage: python bench/learning.py [--repeats 3]

Best of k wall times (time.perf_counter, minimum) on this machine, which is shared: compare the
rows of one run, not runs. The phase diagram also runs on a local ProcessPoolExecutor(2) and is
checked to give the serial numbers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hopfield import HopfieldNetwork, analysis, random_patterns  # noqa: E402
from hopfield.analysis import sweeps  # noqa: E402


def best_s(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    k = parser.parse_args().repeats
    print(f"load average {os.getloadavg()[0]:.2f}, best of {k}")
    x200 = random_patterns(200, 200, seed=0)
    x18 = random_patterns(18, 100, seed=0)
    default, fine = analysis.PHASE_GRIDS["default"], analysis.PHASE_GRIDS["fine"]
    dreaming = {"hebbian": {}, "unlearning": {"dreams": 200, "depth": 0.02, "seed": 0}}
    x110 = random_patterns(110, 784, seed=0)  # MNIST-sized, α = 0.14
    rows = {
        "palimpsest train, N=200, P=200": lambda: HopfieldNetwork.train(x200, "palimpsest"),
        "unlearning train, N=100, P=18, defaults (200 dreams, ε = 0.01)": lambda: (
            HopfieldNetwork.train(x18, "unlearning")
        ),
        "unlearning train, N=784, P=110, defaults (200 dreams, ε = 0.0784)": lambda: (
            HopfieldNetwork.train(x110, "unlearning")
        ),
        "age curve, N=200, P=200, 4 trials": lambda: analysis.age_curve(
            "palimpsest", 200, 200, 0.1, 4, 0
        ),
        "AGS boundary, 41 temperatures (uncached)": lambda: [
            analysis.phase.ags_boundary_at.cache_clear(),
            analysis.ags_boundary(np.linspace(0, 1, 41)),
        ],
        "phase diagram default 9x9, N=200 (serial)": lambda: analysis.phase_diagram(
            **default, seed=0
        ),
        "phase diagram fine 17x19, N=200 (serial)": lambda: analysis.phase_diagram(**fine, seed=0),
        "capacity before/after dreaming (Learning page button)": lambda: sweeps.capacity_curves(
            dreaming, 100, (4, 8, 10, 12, 14, 16, 18, 20, 24), 5, 0.0, 0
        ),
    }
    for name, fn in rows.items():
        print(f"{name:58s} {best_s(fn, k):8.3f} s")
    dreaming_quality(x110)
    training_rates(k)
    serial = analysis.phase_diagram(**default, seed=0)
    with ProcessPoolExecutor(2) as pool:
        analysis.phase_diagram(**default, seed=0, executor=pool)  # start the workers
        seconds = best_s(lambda: analysis.phase_diagram(**default, seed=0, executor=pool), k)
        same = np.array_equal(
            analysis.phase_diagram(**default, seed=0, executor=pool).overlap, serial.overlap
        )
    print(
        f"{'phase diagram default 9x9 on ProcessPoolExecutor(2)':58s} {seconds:8.3f} s  same as serial: {same}"
    )


def training_rates(repeats: int) -> None:
    """Seconds per unit of work of the trainings the app's sidebar makes wait for a button (ui/on_demand.py): per
    P·N² for Storkey, the pseudo-inverse and the palimpsest, per D·N² for dreaming (P = 100, N = 1024)."""
    xi = random_patterns(100, 1024, seed=0)
    p, n = xi.shape
    for rule, params, work in (
        ("storkey", {}, p * n * n),
        ("pseudoinverse", {}, p * n * n),
        ("palimpsest", {}, p * n * n),
        ("unlearning", {"dreams": 200}, 200 * n * n),
    ):
        seconds = best_s(lambda: HopfieldNetwork.train(xi, rule, **params), repeats)  # noqa: B023 (called at once)
        unit = "D·N²" if rule == "unlearning" else "P·N²"
        print(
            f"{rule + ' train, N=1024, P=100':58s} {seconds:8.3f} s  {seconds / work:.2e} s per {unit}"
        )


def dreaming_quality(patterns: np.ndarray) -> None:
    """Share of the stored patterns that are fixed points (N = 784, α = 0.14): Hebbian, the old default (200 dreams
    of ε = 0.01, depth 0.0026), the new default (200 dreams at depth 0.02, ε = 0.0784) and the same depth reached
    with D = 2N dreams of ε = 0.01. One run each (dream seed 0), timed once."""
    n = patterns.shape[1]
    for dreams, depth in ((0, 0.0), (200, 200 * 0.01 / n), (200, 0.02), (2 * n, 0.02)):
        start = time.perf_counter()
        net = HopfieldNetwork.train(patterns, "unlearning", dreams=dreams, depth=depth)
        seconds = time.perf_counter() - start
        stable = (net.recall(patterns, "sync", max_steps=1).states == patterns).all(axis=1).mean()
        epsilon = depth * n / dreams if dreams else 0.0
        print(
            f"{f'dreaming N={n} P={len(patterns)}: D = {dreams}, ε = {epsilon:.4f}, depth {depth:.4f}':58s} "
            f"{seconds:8.3f} s  fixed points: {stable:.2f}"
        )


if __name__ == "__main__":
    main()
