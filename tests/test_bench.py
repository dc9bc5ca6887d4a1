"""The benchmark's correctness half at small sizes: the plain numpy references agree with the engine."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hopfield_bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their annotations through sys.modules
    spec.loader.exec_module(module)
    return module


bench = _load_bench()

SMALL = {
    "W1": lambda: bench.w1(n=64, p=6),
    "W2": lambda: bench.w2(n=64, p=6),
    "W3": lambda: bench.w3(n=64, p=6, b=12, max_steps=20),
    "W4": lambda: bench.w4(n=64, p=6, b=5, sweeps=5),
    "W5": lambda: bench.w5(n=24, p_max=6, trials=3, max_steps=20),
    "W6": lambda: bench.w6(n=96, p=8, b=4, max_steps=20),
    "W7": lambda: bench.w7(n=64, p=6),
    "W9": lambda: bench.w9(count=200, b=10, beta=50.0),
    "W10": lambda: bench.w10(p=6, resolution=20),
    "W11": lambda: bench.w11(b=20, p=30, alpha=1.5),
    "W12": lambda: bench.w11(b=20, p=30, alpha=2.0, key="W12"),
    "W13": lambda: bench.w13(count=120, steps=30),
    "W14": lambda: bench.w14(n=60, p=4, trials=2),
}


@pytest.mark.parametrize("key", sorted(SMALL))
def test_reference_agrees_with_engine(key: str) -> None:
    """Each workload's reference gives the engine's result (weights to 1e-5, identical states and steps)."""
    workload = SMALL[key]()
    same, flops, _ = bench.verify(workload)
    assert same, f"{workload.name}: the reference and the engine disagree"
    assert flops > 0


def test_references_catch_a_wrong_engine() -> None:
    """The comparison is not vacuous: a perturbed weight matrix or a changed state is reported as different."""
    import numpy as np

    patterns = bench.random_patterns(5, 32, seed=1)
    reference = bench.ref_hebbian(patterns) / 32
    assert bench.weights_equal(reference.copy(), reference)
    wrong = reference.copy()
    wrong[0, 1] += 1e-3
    assert not bench.weights_equal(wrong, reference)
    probes = bench.probes_for(patterns, 4, seed=2)
    states, steps = bench.ref_sync(bench.ref_hebbian(patterns), probes, 20)
    assert states.shape == probes.shape and steps.shape == (4,)
    assert not np.array_equal(states, -states)
