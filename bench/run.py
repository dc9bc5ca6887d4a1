"""Hopfield Lab benchmark: the engine against plain numpy and against the float32 BLAS limit.

Usage: python bench/run.py [--quick] [--pages] [--profile W4]

Every workload runs three ways in the same process: the engine (`hopfield`), a plain
"textbook" numpy reference written here, and a cost model (minimum flops) divided by the
float32 GEMM rate measured in this run. Timings are best-of-k (time.perf_counter, minimum).
The reference's results are checked against the engine's ("same result"): weights to 1e-5
relative, recalled states and step counts identical. `--pages` adds Streamlit page latencies
measured with streamlit.testing.v1.AppTest. See bench/README.md for the cost models.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import ctypes
import datetime
import glob
import json
import os
import platform
import pstats
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import hopfield  # noqa: E402
from hopfield import HopfieldNetwork, random_patterns  # noqa: E402
from hopfield.corrupt import flip_count  # noqa: E402

SEED = 20240601
LOAD_AT_START = os.getloadavg()[0]
NOISE = 0.1  # fraction of distinct bits flipped in every probe
WEIGHT_RTOL = 1e-5


# ---------------------------------------------------------------- timing and machine


def best_ms(fn: Callable[[], object], repeats: int) -> float:
    """Best-of-`repeats` wall time of fn() in milliseconds (time.perf_counter, minimum)."""
    times = []
    for _ in range(max(repeats, 1)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


def gemm_gflops(dtype: type = np.float32, size: int = 1024, repeats: int = 5) -> float:
    """The machine's GEMM rate in GFLOP/s: best-of-`repeats` size³ product, 2·size³ flops."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((size, size)).astype(dtype)
    b = rng.standard_normal((size, size)).astype(dtype)
    out = np.empty((size, size), dtype)
    np.matmul(a, b, out=out)  # warm up threads and pages
    return 2 * size**3 / (best_ms(lambda: np.matmul(a, b, out=out), repeats) * 1e-3) / 1e9


def _openblas_runtime() -> tuple[str, int | None]:
    """(kernel core name, threads) reported by numpy's bundled OpenBLAS at run time, if reachable."""
    pattern = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*")
    for path in glob.glob(pattern):
        with contextlib.suppress(OSError):
            lib = ctypes.CDLL(path)
            for prefix, suffix in (
                ("scipy_openblas_", "64_"),
                ("openblas_", "64_"),
                ("openblas_", ""),
            ):
                core = getattr(lib, f"{prefix}get_corename{suffix}", None)
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}", None)
                if core is not None:
                    core.restype = ctypes.c_char_p
                    count = None
                    if threads is not None:
                        threads.restype = ctypes.c_int
                        count = int(threads())
                    return core().decode(), count
    return "", None


def blas_description() -> str:
    """The BLAS kernel in use: threadpoolctl when installed, else numpy's config plus OpenBLAS's own report."""
    with contextlib.suppress(ImportError):
        from threadpoolctl import threadpool_info  # type: ignore[import-not-found]

        blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        if blas:
            info = blas[0]
            return (
                f"{info.get('internal_api')} {info.get('version')}, kernel {info.get('architecture')}, "
                f"{info.get('num_threads')} threads (threadpoolctl)"
            )
    text = "unknown"
    with contextlib.suppress(Exception):
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        text = f"{config.get('name')} {config.get('version')}"
    core, threads = _openblas_runtime()
    if core:
        text += f", kernel {core}, {threads} threads (threadpoolctl not installed: OpenBLAS get_corename)"
    else:
        text += " (threadpoolctl not installed; numpy.show_config)"
    return text


def cpu_model() -> str:
    """The CPU model from /proc/cpuinfo (platform.processor() elsewhere)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


# ---------------------------------------------------------------- plain numpy references


def ref_hebbian(patterns: np.ndarray) -> np.ndarray:
    """Σ_μ ξ^μ ξ^μᵀ by a loop of np.outer, zero diagonal, float64 (unscaled: W = this / N)."""
    n = patterns.shape[1]
    total = np.zeros((n, n))
    for xi in patterns.astype(np.float64):
        total += np.outer(xi, xi)
    np.fill_diagonal(total, 0)
    return total


def ref_storkey(patterns: np.ndarray) -> np.ndarray:
    """Storkey's rule applied literally, pattern by pattern, with the N×N matrix h_ij (diagonal kept 0).

    w_ij += (1/N)[ε_i ε_j − ε_i h_ji − h_ij ε_j],  h_ij = Σ_{k≠i,j} w_ik ε_k = h_i − w_ij ε_j (w_ii = 0).
    """
    n = patterns.shape[1]
    w = np.zeros((n, n))
    for eps in patterns.astype(np.float64):
        h = w @ eps
        hij = h[:, None] - w * eps[None, :]
        np.fill_diagonal(hij, 0)
        delta = (np.outer(eps, eps) - eps[:, None] * hij.T - hij * eps[None, :]) / n
        np.fill_diagonal(delta, 0)
        w += delta
    return w


def ref_pseudoinverse(patterns: np.ndarray) -> np.ndarray:
    """Projection rule W = X X⁺ with X = Ξᵀ (N, P), by np.linalg.pinv, then w_ii = 0."""
    x = patterns.astype(np.float64).T
    w = x @ np.linalg.pinv(x)
    np.fill_diagonal(w, 0)
    return w


def _sign_keep(h: np.ndarray, s: np.ndarray) -> np.ndarray:
    return np.where(h == 0, s, np.sign(h))


def ref_sync(c: np.ndarray, probes: np.ndarray, max_steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Sync recall one probe at a time: s ← sign(C s) (a zero field keeps s_i) until a fixed point,
    a 2-cycle (stop on the state two steps back) or max_steps. Returns (states, steps)."""
    states, steps = [], []
    for probe in probes:
        s, before, taken = probe.astype(np.float64), None, 0
        while taken < max_steps:
            new = _sign_keep(c @ s, s)
            if np.array_equal(new, s):
                break
            taken += 1
            if before is not None and np.array_equal(new, before):
                s = new
                break
            before, s = s, new
        states.append(s)
        steps.append(taken)
    return np.array(states, np.int8), np.array(steps)


def ref_async(
    c: np.ndarray, probes: np.ndarray, max_steps: int, seed: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """Async recall with a per-neuron Python loop, one probe at a time. Sweep k visits the neurons in
    perm_k, the k-th `default_rng(seed).permutation(N)` (shared by all probes); a probe with no unstable
    neuron (s_i h_i < 0) stops; a zero field keeps the state. Returns (states, sweeps, flips)."""
    rng = np.random.default_rng(seed)
    n = c.shape[0]
    perms: list[np.ndarray] = []
    states, sweeps, flips = [], [], 0
    for probe in probes:
        s, taken = probe.astype(np.float64), 0
        for k in range(max_steps):
            if not (s * (c @ s) < 0).any():
                break
            while len(perms) <= k:
                perms.append(rng.permutation(n))
            taken += 1
            for i in perms[k]:
                if s[i] * (c[i] @ s) < 0:
                    s[i] = -s[i]
                    flips += 1
        states.append(s)
        sweeps.append(taken)
    return np.array(states, np.int8), np.array(sweeps), flips


# ---------------------------------------------------------------- workloads


@dataclass
class Workload:
    """One benchmark case: the engine's run, the reference's run and how to compare them.

    check(engine_output, reference_output) -> (same result?, minimum flops, note for the table).
    """

    name: str
    engine: Callable[[], Any]
    reference: Callable[[], Any]
    check: Callable[[Any, Any], tuple[bool, float, str]]
    target: str
    target_ok: Callable[
        [float, float, float], bool
    ]  # (engine ms, engine/limit, speed-up vs reference) -> met?


@dataclass
class Outcome:
    """One workload's measurements."""

    name: str
    engine_ms: float
    reference_ms: float
    flops: float
    same: bool
    target: str
    target_ok: Callable[[float, float, float], bool]
    note: str = ""


def verify(workload: Workload) -> tuple[bool, float, str]:
    """Run engine and reference once and compare: (same, flops, note)."""
    return workload.check(workload.engine(), workload.reference())


def measure(workload: Workload, k: int, k_ref: int) -> Outcome:
    """Check the results, then time engine (best of k) and reference (best of k_ref)."""
    same, flops, note = verify(workload)
    engine_ms = best_ms(workload.engine, k)
    reference_ms = best_ms(workload.reference, k_ref)
    return Outcome(
        workload.name,
        engine_ms,
        reference_ms,
        flops,
        same,
        workload.target,
        workload.target_ok,
        note,
    )


def probes_for(patterns: np.ndarray, count: int, seed: int) -> np.ndarray:
    """`count` probes: stored patterns (chosen at random) with round(NOISE·N) distinct bits flipped."""
    rng = np.random.default_rng(seed)
    chosen = patterns[rng.integers(0, len(patterns), count)]
    return flip_count(chosen, round(NOISE * patterns.shape[1]), seed=rng)


def weights_equal(engine: np.ndarray, reference: np.ndarray) -> bool:
    """max |engine − reference| <= 1e-5 · max |reference|."""
    scale = max(float(np.abs(reference).max()), 1e-300)
    return (
        engine.shape == reference.shape
        and float(np.abs(engine - reference).max()) <= WEIGHT_RTOL * scale
    )


def sync_flops(n: int, steps: np.ndarray) -> float:
    """Each probe evaluates its field steps+1 times (the last one proves the fixed point): 2·N² each."""
    return float(2 * n * n * (np.asarray(steps) + 1).sum())


def _store(
    name: str,
    rule: str,
    reference: Callable[[np.ndarray], np.ndarray],
    n: int,
    p: int,
    flops: float,
    target: str,
    ok: Callable[[float, float, float], bool],
) -> Workload:
    patterns = random_patterns(p, n, seed=SEED)
    divide = n if rule == "hebbian" else 1  # the reference Hebbian sum is unscaled

    def check(net: HopfieldNetwork, ref: np.ndarray) -> tuple[bool, float, str]:
        return weights_equal(np.asarray(net.weights), ref / divide), flops, ""

    return Workload(
        name,
        lambda: HopfieldNetwork.train(patterns, rule),
        lambda: reference(patterns),
        check,
        target,
        ok,
    )


def w1(n: int = 784, p: int = 50) -> Workload:
    """W1: Hebbian store (HopfieldNetwork.train)."""
    return _store(
        f"W1 Hebbian store N={n} P={p}",
        "hebbian",
        ref_hebbian,
        n,
        p,
        2.0 * n * n * p,
        "≤ 3× limit",
        lambda ms, r, up: r <= 3,
    )


def w2(n: int = 784, p: int = 50) -> Workload:
    """W2: Storkey store."""
    return _store(
        f"W2 Storkey store N={n} P={p}",
        "storkey",
        ref_storkey,
        n,
        p,
        2.0 * n * n * p + p * n * 2 * p * 2,
        "≤ 5× limit",
        lambda ms, r, up: r <= 5,
    )


def w7(n: int = 784, p: int = 50) -> Workload:
    """W7: pseudo-inverse store."""
    return _store(
        f"W7 pseudo-inverse store N={n} P={p}",
        "pseudoinverse",
        ref_pseudoinverse,
        n,
        p,
        2.0 * n * p * p + p**3 + 2.0 * n * n * p,
        "≥ 2× faster than pinv",
        lambda ms, r, up: up >= 2,
    )


def w3(n: int = 784, p: int = 50, b: int = 100, max_steps: int = 20) -> Workload:
    """W3: sync recall of a batch of probes to a fixed point on a Hebbian net."""
    patterns = random_patterns(p, n, seed=SEED)
    net = HopfieldNetwork.train(patterns)
    c = ref_hebbian(patterns)
    probes = probes_for(patterns, b, SEED + 1)

    def check(result: Any, ref: tuple[np.ndarray, np.ndarray]) -> tuple[bool, float, str]:
        same = np.array_equal(result.states, ref[0]) and np.array_equal(result.steps, ref[1])
        return bool(same), sync_flops(n, result.steps), f"steps Σ={int(result.steps.sum())}"

    return Workload(
        f"W3 sync recall N={n} P={p} B={b}",
        lambda: net.recall(probes, "sync", max_steps=max_steps),
        lambda: ref_sync(c, probes, max_steps),
        check,
        "≤ 2.5× limit",
        lambda ms, r, up: r <= 2.5,
    )


def w4(n: int = 784, p: int = 50, b: int = 10, sweeps: int = 5) -> Workload:
    """W4: async recall, at most `sweeps` sweeps."""
    patterns = random_patterns(p, n, seed=SEED)
    net = HopfieldNetwork.train(patterns)
    c = ref_hebbian(patterns)
    probes = probes_for(patterns, b, SEED + 2)
    seed = SEED + 3

    def check(result: Any, ref: tuple[np.ndarray, np.ndarray, int]) -> tuple[bool, float, str]:
        frames = net.recall(probes, "async", max_steps=sweeps, seed=seed, record="flips").trajectory
        flips = int((frames[1:] != frames[:-1]).sum())  # the engine's own flip count
        same = (
            np.array_equal(result.states, ref[0])
            and np.array_equal(result.steps, ref[1])
            and flips == ref[2]
        )
        note = f"flips={flips}, sweeps Σ={int(result.steps.sum())}"
        return bool(same), 2.0 * flips * n + 2.0 * b * n * n, note

    return Workload(
        f"W4 async recall N={n} P={p} B={b} ≤{sweeps} sweeps",
        lambda: net.recall(probes, "async", max_steps=sweeps, seed=seed),
        lambda: ref_async(c, probes, sweeps, seed),
        check,
        "≥ 10× faster than reference",
        lambda ms, r, up: up >= 10,
    )


def w6(n: int = 4096, p: int = 200, b: int = 10, max_steps: int = 20) -> Workload:
    """W6: a big Hebbian store plus a sync recall of a few probes."""
    patterns = random_patterns(p, n, seed=SEED)
    probes = probes_for(patterns, b, SEED + 4)

    def engine() -> tuple[HopfieldNetwork, Any]:
        net = HopfieldNetwork.train(patterns)
        return net, net.recall(probes, "sync", max_steps=max_steps)

    def reference() -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
        c = ref_hebbian(patterns)
        return c, ref_sync(c, probes, max_steps)

    def check(
        out: tuple[HopfieldNetwork, Any], ref: tuple[np.ndarray, Any]
    ) -> tuple[bool, float, str]:
        (net, result), (c, (states, steps)) = out, ref
        same = (
            weights_equal(np.asarray(net.weights), c / n)
            and np.array_equal(result.states, states)
            and np.array_equal(result.steps, steps)
        )
        return (
            bool(same),
            2.0 * n * n * p + sync_flops(n, result.steps),
            f"steps Σ={int(result.steps.sum())}",
        )

    return Workload(
        f"W6 Hebbian store + sync recall N={n} P={p} B={b}",
        engine,
        reference,
        check,
        "≤ 2.5× limit",
        lambda ms, r, up: r <= 2.5,
    )


def w8(n: int = 100, p_max: int = 30, trials: int = 20) -> Workload:
    """W8: many small networks through the public API: for P = 1..p_max and `trials` seeded sets each,
    `train` then one sync recall of a noisy stored pattern (what a hand-written sweep does)."""
    rng = np.random.default_rng(SEED + 5)
    sets = [random_patterns(p, n, seed=rng) for p in range(1, p_max + 1) for _ in range(trials)]
    probes = [probes_for(patterns, 1, SEED + 6 + k) for k, patterns in enumerate(sets)]

    def engine() -> list[Any]:
        return [
            HopfieldNetwork.train(x).recall(probe) for x, probe in zip(sets, probes, strict=True)
        ]

    def reference() -> list[tuple[np.ndarray, np.ndarray]]:
        return [ref_sync(ref_hebbian(x), probe, 100) for x, probe in zip(sets, probes, strict=True)]

    def check(
        results: list[Any], refs: list[tuple[np.ndarray, np.ndarray]]
    ) -> tuple[bool, float, str]:
        same = all(
            np.array_equal(r.states, s) and np.array_equal(r.steps, t)
            for r, (s, t) in zip(results, refs, strict=True)
        )
        steps = np.concatenate([t for _, t in refs])
        flops = sum(2.0 * n * n * len(x) for x in sets) + sync_flops(n, steps)
        return same, flops, f"{len(sets)} networks"

    return Workload(
        f"W8 {len(sets)} small networks N={n}: train + 1 sync recall each",
        engine,
        reference,
        check,
        "≥ 3× faster than reference",
        lambda ms, r, up: up >= 3,
    )


# W5: the capacity sweep; the reference reproduces the random draws documented in capacity_curve.


def w5(n: int = 100, p_max: int = 30, trials: int = 20, max_steps: int = 20) -> Workload:
    """W5: capacity sweep, P = 1..p_max, `trials` random sets each, sync recall, success = exact recall."""
    curve_fn = hopfield.analysis.capacity_curve
    p_values = list(range(1, p_max + 1))
    kwargs: dict[str, Any] = dict(
        rule="hebbian",
        n=n,
        p_values=p_values,
        trials=trials,
        noise=NOISE,
        seed=SEED,
        mode="sync",
        max_steps=max_steps,
    )

    def check(curve: Any, ref: dict) -> tuple[bool, float, str]:
        same = np.allclose(np.asarray(curve.success), ref["success"], rtol=0, atol=1e-12)
        flops = sum(trials * 2.0 * n * n * p for p in p_values) + sync_flops(n, ref["steps"])
        return bool(same), flops, f"steps Σ={int(np.sum(ref['steps']))}"

    return Workload(
        f"W5 capacity sweep N={n} P=1..{p_max} ×{trials}",
        lambda: curve_fn(**kwargs),
        lambda: ref_capacity(n, p_values, trials, NOISE, SEED, max_steps),
        check,
        "< 20 ms",
        lambda ms, r, up: ms < 20,
    )


def ref_capacity(
    n: int, p_values: list[int], trials: int, noise: float, seed: int, max_steps: int
) -> dict:
    """The capacity sweep done plainly: the same random draws as capacity_curve (per P, from its own child
    of the seed: the (trials, P, N)
    patterns, then flip_count on the (trials·P, N) probes), np.outer Hebbian and per-probe sync recall.
    Returns {"success": (K,), "steps": every probe's sync steps}."""
    children = np.random.SeedSequence(seed).spawn(
        len(p_values)
    )  # P value k draws from the k-th child
    flips = round(noise * n)
    success, steps = [], []
    for p, child in zip(p_values, children, strict=True):
        rng = np.random.default_rng(child)
        patterns = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
        probes = flip_count(patterns.reshape(trials * p, n), flips, seed=rng).reshape(trials, p, n)
        exact = 0
        for trial, probe in zip(patterns, probes, strict=True):
            states, taken = ref_sync(ref_hebbian(trial), probe, max_steps)
            exact += int((states == trial).all(axis=1).sum())
            steps.append(taken)
        success.append(exact / (trials * p))
    return {"success": np.array(success), "steps": np.concatenate(steps)}


# W9: a thousand memories, issue 11: every MNIST image (1,000) stored in a real-valued modern memory.


def ref_continuous(
    patterns: np.ndarray, probes: np.ndarray, beta: float, max_steps: int
) -> tuple[np.ndarray, np.ndarray]:
    """The modern update ξ ← Xᵀ softmax(β Xξ / N) one probe at a time, until no component moves by
    1e-9 (times the patterns' rms size when above 1) or max_steps. Returns (states, steps)."""
    n = patterns.shape[1]
    scale = max(1.0, float(np.sqrt((patterns**2).sum(axis=1).max() / n)))
    states, steps = [], []
    for probe in probes:
        state, taken = probe.copy(), 0
        while True:
            scores = beta * (patterns @ state) / n
            weights = np.exp(scores - scores.max())
            new = patterns.T @ (weights / weights.sum())
            if np.abs(new - state).max() < 1e-9 * scale or taken == max_steps:
                break
            state, taken = new, taken + 1
        states.append(state)
        steps.append(taken)
    return np.array(states), np.array(steps)


def w9(
    count: int | None = None, b: int = 100, beta: float = 1000.0, max_steps: int = 100
) -> Workload:
    """W9: a thousand memories: 1,000 standardised MNIST images, `b` half-masked probes, sync to a fixed point.

    Flop limit: each probe's step evaluates X ξ and Xᵀ w (2·P·N each): 4·P·N per probe and evaluation,
    steps + 1 evaluations (the last one proves the fixed point). The note gives the accuracy: probes
    whose fixed point is most correlated with their own image.
    """
    gray = hopfield.load_gray_set("mnist")
    patterns = np.array(gray.patterns[:count])
    p, n = patterns.shape
    chosen = np.random.default_rng(SEED).choice(p, min(b, p), replace=False)
    probes = np.stack(
        [hopfield.real_probe(patterns, int(k), "mask-bottom", gray.shape) for k in chosen]
    )
    net = HopfieldNetwork.train(patterns, "modern", beta=beta)

    def check(result: Any, ref: tuple[np.ndarray, np.ndarray]) -> tuple[bool, float, str]:
        same = np.allclose(result.states, ref[0], rtol=0, atol=1e-9) and np.array_equal(
            result.steps, ref[1]
        )
        own = int((np.argmax(result.states @ patterns.T, axis=1) == chosen).sum())
        flops = 4.0 * p * n * float((result.steps + 1).sum())
        return (
            bool(same),
            flops,
            f"own image {own} of {len(chosen)}, steps Σ={int(result.steps.sum())}",
        )

    return Workload(
        f"W9 a thousand memories P={p} N={n} B={len(chosen)} β={beta:g}",
        lambda: net.recall(probes, "sync", max_steps=max_steps),
        lambda: ref_continuous(patterns, probes, beta, max_steps),
        check,
        "≤ 4× limit (float64)",
        lambda ms, r, up: r <= 4,
    )


# W10, W11: the memory playground and sparse attention, issue 22.


def ref_plane_energy(memories: np.ndarray, xs: np.ndarray, beta: float) -> np.ndarray:
    """−β⁻¹ ln Σ_μ exp(β x_μ·ξ) + ½‖ξ‖² on the grid (xs × xs), one grid row at a time with np.logaddexp.reduce."""
    rows = []
    for y in xs:
        points = np.column_stack([xs, np.full(len(xs), y)])
        scores = beta * (points @ memories.T)
        rows.append(-np.logaddexp.reduce(scores, axis=1) / beta + 0.5 * (points**2).sum(axis=1))
    return np.array(rows)


def w10(p: int = 50, resolution: int = 200, beta: float = 8.0) -> Workload:
    """W10: the playground's energy on a resolution² grid with p memories (softmax).

    Flop limit: per grid point and memory the score x_μ·ξ times β (4 flops), then subtract, exp and add
    (3): 7·G·P. The note gives the whole view's engine time: the grid, descents from a 12×12 grid of
    starts at step 0.5 and their fixed-point table.
    """
    from hopfield.analysis import energy_grid, plane_fixed_points

    memories = np.random.default_rng(SEED).uniform(-1.8, 1.8, (p, 2))
    axis = np.linspace(-2.0, 2.0, resolution)

    def view() -> object:
        return energy_grid(memories, beta, resolution=resolution), plane_fixed_points(
            memories, beta
        )

    def check(grid: Any, ref: np.ndarray) -> tuple[bool, float, str]:
        same = np.allclose(grid.energy, ref, rtol=1e-12, atol=1e-12)
        view_ms = best_ms(view, 5)
        return bool(same), 7.0 * resolution**2 * p, f"whole view with 144 descents {view_ms:.0f} ms"

    return Workload(
        f"W10 playground grid energy P={p} {resolution}×{resolution} β={beta:g}",
        lambda: energy_grid(memories, beta, resolution=resolution),
        lambda: ref_plane_energy(memories, axis, beta),
        check,
        "whole view ≤ 200 ms",
        lambda ms, r, up: ms <= 200,
    )


def ref_sparse_rows(scores: np.ndarray, alpha: float) -> np.ndarray:
    """α-entmax row by row by bisection on τ (to the last bit), the plain reference of tests/test_sparse.py."""
    out = np.empty_like(scores)
    for b, row in enumerate(scores):
        z = (alpha - 1) * (row - row.max())
        lo, hi = -1.0, 0.0
        while (mid := (lo + hi) / 2) not in (lo, hi):
            lo, hi = (
                (mid, hi)
                if (np.maximum(z - mid, 0.0) ** (1 / (alpha - 1))).sum() >= 1
                else (lo, mid)
            )
        weights = np.maximum(z - lo, 0.0) ** (1 / (alpha - 1))
        out[b] = weights / weights.sum()
    return out


def w11(b: int = 1000, p: int = 1000, alpha: float = 1.5, key: str = "W11") -> Workload:
    """W11: sparse attention (α-entmax; α = 2 sparsemax) of b rows of p scores (normal, spread 3).

    Flop limit: sorting a row costs at least P·log2 P comparisons, then the cumulative sums, the
    threshold and the weights about 6 operations per score: B·P·(log2 P + 6).
    """
    from hopfield.sparse import entmax

    scores = np.random.default_rng(SEED).normal(0, 3, (b, p))

    def check(weights: np.ndarray, ref: np.ndarray) -> tuple[bool, float, str]:
        zeros = float((weights == 0).mean())
        same = np.abs(weights - ref).max() <= 1e-12 and np.array_equal(weights == 0, ref == 0)
        return bool(same), b * p * (np.log2(p) + 6), f"exact zeros {zeros:.1%}"

    name = "sparsemax" if alpha == 2 else f"{alpha:g}-entmax"
    return Workload(
        f"{key} {name} B={b} P={p}",
        lambda: entmax(scores, alpha),
        lambda: ref_sparse_rows(scores, alpha),
        check,
        "≥ 3× faster than the reference",
        lambda ms, r, up: up >= 3,
    )


# W13, W14: sequence memories and damaged networks, issue 21.


def ref_sequence_replay(patterns: np.ndarray, start: np.ndarray, steps: int) -> np.ndarray:
    """The dense-exp sequence replay done plainly, one step at a time: h = Σ_μ ξ^{μ+1} exp(O_μ − max O)
    (β = N, O_μ = ξ^μ·x) summed over μ in a loop of axpys, s ← sign(h), a zero field keeping s_i."""
    xi = patterns.astype(np.float64)
    following = np.roll(xi, -1, axis=0)
    frames = [start.astype(np.float64)]
    for _ in range(steps):
        x = frames[-1]
        overlaps = xi @ x
        h = np.zeros_like(x)
        for successor, overlap in zip(following, overlaps - overlaps.max(), strict=True):
            if overlap > -700:
                h += successor * np.exp(overlap)
        frames.append(_sign_keep(h, x))
    return np.array(frames, np.int8)


def w13(count: int | None = None, steps: int = 100) -> Workload:
    """W13: a 100-step replay of 1,000 MNIST frames stored as a dense-exp cycle (β = N), from the first
    frame with 10 % of its bits flipped.

    Flop limit: each step's overlaps Ξx and field Σ_μ ξ^{μ+1} F_μ, 2·P·N each: 4·P·N a step.
    """
    patterns = np.array(hopfield.load_set("mnist").patterns[:count])
    p, n = patterns.shape
    memory = hopfield.SequenceMemory.train(patterns, "dense-exp")
    start = flip_count(patterns[0], round(NOISE * n), seed=SEED)

    def check(frames: np.ndarray, ref: np.ndarray) -> tuple[bool, float, str]:
        exact = int((frames[1:] == memory.expected(0, steps)[1:]).all(axis=1).sum())
        return (
            bool(np.array_equal(frames, ref)),
            4.0 * p * n * steps,
            f"frames exact {exact} of {steps}",
        )

    return Workload(
        f"W13 sequence replay dense-exp P={p} N={n}, {steps} steps",
        lambda: memory.replay(start, steps),
        lambda: ref_sequence_replay(patterns, start, steps),
        check,
        "≥ 3× faster than reference",
        lambda ms, r, up: up >= 3,
    )


def ref_damage_curve(
    net: HopfieldNetwork, levels: list[float], trials: int, seed: int, max_steps: int
) -> tuple[np.ndarray, np.ndarray]:
    """The damage curve done plainly with damage_curve's draws (each level from its own child of the seed):
    per trial, neurons out and pairs cut by loops over the documented `rng.choice` draws, probes by
    `flip_count`, the per-probe sync loop. Returns (success per level, every probe's steps)."""
    weights = np.asarray(
        net.couplings, np.float64
    )  # whole numbers: a zero field is an exact tie, as in the engine
    n = net.n
    success, all_steps = [], []
    for level, child in zip(levels, np.random.SeedSequence(seed).spawn(len(levels)), strict=True):
        rng = np.random.default_rng(child)
        damaged = []
        for _ in range(trials):  # each trial's damage, then its probes
            rng.choice(n, 0, replace=False)  # no neuron removed
            w = weights.copy()
            rows, cols = np.triu_indices(n, 1)
            for k in rng.choice(rows.size, round(level * rows.size), replace=False):
                w[rows[k], cols[k]] = w[cols[k], rows[k]] = 0.0
            damaged.append((w, flip_count(net.patterns, round(NOISE * n), seed=rng)))
        hits = 0
        for w, probes in damaged:
            states, steps = ref_sync(w, probes, max_steps)
            hits += int((states == net.patterns).all(axis=1).sum())
            all_steps.append(steps)
        success.append(hits / (trials * net.memorised))
    return np.array(success), np.concatenate(all_steps)


def w14(n: int = 400, p: int = 12, trials: int = 10, max_steps: int = 50) -> Workload:
    """W14: a damage curve, Hebbian N=400 P=12, synapses cut at 0 %, 10 %, ..., 90 %, `trials` damaged
    networks a level, every pattern recalled from 10 % noise (sync).

    Flop limit: the recall only, 2·N²·Σ (steps + 1) (steps from the reference); cutting the synapses
    is memory work and is not counted.
    """
    net = HopfieldNetwork.train(random_patterns(p, n, seed=SEED))
    levels = [round(0.1 * k, 1) for k in range(10)]
    curve_fn = hopfield.analysis.damage_curve

    def check(curve: Any, ref: tuple[np.ndarray, np.ndarray]) -> tuple[bool, float, str]:
        same = np.allclose(curve.success, ref[0], rtol=0, atol=1e-12)
        shown = " ".join(f"{value:.2f}" for value in curve.success)
        return bool(same), sync_flops(n, ref[1]), f"success {shown}"

    return Workload(
        f"W14 damage curve Hebbian N={n} P={p}, 10 levels ×{trials}",
        lambda: curve_fn(net, levels, trials=trials, noise=NOISE, seed=SEED, max_steps=max_steps),
        lambda: ref_damage_curve(net, levels, trials, SEED, max_steps),
        check,
        "≥ 3× faster than reference",
        lambda ms, r, up: up >= 3,
    )


# ---------------------------------------------------------------- report


BUILDERS: dict[str, Callable[[], Workload | None]] = {
    "W1": w1,
    "W2": w2,
    "W3": w3,
    "W4": w4,
    "W5": w5,
    "W6": w6,
    "W7": w7,
    "W8": w8,
    "W9": w9,
    "W10": w10,
    "W11": lambda: w11(alpha=1.5),
    "W12": lambda: w11(alpha=2.0, key="W12"),
    "W13": w13,
    "W14": w14,
}


def header(quick: bool, sgemm: float, dgemm: float) -> list[str]:
    """Machine, BLAS and run settings."""
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    return [
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · mode: {'quick' if quick else 'full'}",
        f"- Machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}, "
        f"Python {platform.python_version()}, numpy {np.__version__}",
        f"- BLAS: {blas_description()}; OPENBLAS_CORETYPE={coretype if coretype is not None else '(unset)'}",
        f"- float32 GEMM 1024³: {sgemm:.1f} GFLOP/s (float64: {dgemm:.1f} GFLOP/s; best of 5, the highest of "
        "the samples taken before and after every workload); "
        f"load average (1 min) at start {LOAD_AT_START:.2f}, at end {os.getloadavg()[0]:.2f}",
    ]


def table(outcomes: list[Outcome], rate: float) -> list[str]:
    """The markdown table of the workloads."""
    lines = [
        "| workload | engine ms | reference ms | float32 BLAS limit ms | engine/limit | speed-up vs reference "
        "| same result | target | met |",
        "|---|---:|---:|---:|---:|---:|:-:|---|:-:|",
    ]
    for o in outcomes:
        limit = o.flops / (rate * 1e9) * 1e3
        ratio = o.engine_ms / limit
        met = o.target_ok(o.engine_ms, ratio, o.reference_ms / o.engine_ms)
        name = f"{o.name} ({o.note})" if o.note else o.name
        speedup = o.reference_ms / o.engine_ms
        digits = 2 if speedup < 1 else 1 if speedup < 10 else 0
        lines.append(
            f"| {name} | {o.engine_ms:.2f} | {o.reference_ms:.1f} | {limit:.3f} | {ratio:.1f}× "
            f"| {speedup:.{digits}f}× | {'yes' if o.same else 'NO'} | {o.target} "
            f"| {'met' if met else 'not met'} |"
        )
    return lines


def profile(workload: str, quick: bool) -> None:
    """cProfile the engine run of one workload (e.g. W4), 20 runs (5 with quick), and print the top functions."""
    built = BUILDERS[workload.upper()]()
    built.engine()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5 if quick else 20):
        built.engine()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


# ---------------------------------------------------------------- pages

PAGE_WARM_TARGET_S = 0.3
COLD_TARGET_S = 3.0
RSS_TARGET_MB = 400.0


def page_files() -> list[str]:
    """app.py plus every page: the files app.py registers with st.Page("…py"), else pages/*.py."""
    app = ROOT / "app.py"
    registered = (
        re.findall(r"""st\.Page\(\s*["']([^"']+\.py)["']""", app.read_text())
        if app.exists()
        else []
    )
    if not registered:
        registered = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
    return ["app.py"] + list(dict.fromkeys(registered))


def _current_rss_mb() -> float:
    """Resident set size now (Linux /proc/self/statm), nan elsewhere."""
    try:
        return (
            int(Path("/proc/self/statm").read_text().split()[1])
            * os.sysconf("SC_PAGE_SIZE")
            / 2**20
        )
    except (OSError, ValueError, IndexError):
        return float("nan")


def _peak_rss_mb() -> float:
    """Peak RSS of this process in MB: VmHWM on Linux, else ru_maxrss.

    ru_maxrss survives execve, so a worker forked from the benchmark (which held W6's matrices)
    would report the parent's peak; VmHWM belongs to the new address space.
    """
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _recompile_s(paths: list[str], repeats: int = 5) -> float:
    """Best-of time to parse, add magic to and compile `paths` with a fresh ScriptCache.

    AppTest builds a new LocalScriptRunner, with a new ScriptCache, on every run(), so each warm
    rerun recompiles app.py and the page; a real server keeps the bytecode cached. This is that share.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    best = float("inf")
    for _ in range(repeats):
        cache = ScriptCache()
        start = time.perf_counter()
        for path in paths:
            cache.get_bytecode(str(ROOT / path))
        best = min(best, time.perf_counter() - start)
    return best


def pages_worker(warm_runs: int = 10) -> dict:
    """In a fresh process: cold and warm AppTest timings of every page, then peak RSS (run from ROOT)."""
    from streamlit.testing.v1 import AppTest

    os.chdir(ROOT)
    rows = []
    for page in page_files():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        start = time.perf_counter()
        at.run()
        first = time.perf_counter() - start
        error = ""
        if page != "app.py":
            try:
                at.switch_page(page)
            except ValueError as exc:  # a file st.navigation does not register
                rows.append({"page": page, "error": f"switch_page: {exc}"})
                continue
            start = time.perf_counter()
            at.run()
            first = time.perf_counter() - start
        warm = []
        for _ in range(warm_runs):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        if at.exception:
            error = "; ".join(str(e.message).splitlines()[0] for e in at.exception)[:160]
        rows.append(
            {
                "page": page,
                "cold_s": first,
                "warm_median_s": statistics.median(warm),
                "warm_min_s": min(warm),
                "recompile_s": _recompile_s(["app.py"] if page == "app.py" else ["app.py", page]),
                "error": error,
                "peak_mb": _peak_rss_mb(),
                "current_mb": _current_rss_mb(),
            }
        )
    return {
        "rows": rows,
        "rss_mb": _peak_rss_mb(),
        "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


COLD_SCRIPT = """
import time, sys, os
start = time.perf_counter()
os.chdir(sys.argv[1])
from streamlit.testing.v1 import AppTest
imported = time.perf_counter()
at = AppTest.from_file(os.path.join(sys.argv[1], "app.py"), default_timeout=120)
at.run()
done = time.perf_counter()
print(f"{imported - start} {done - imported} {len(at.exception)}")
"""


def cold_start(repeats: int = 3) -> tuple[float, float, float, int]:
    """Best-of-`repeats` (spawn → first render of app.py, that first AppTest.run, the import) in seconds,
    and the number of exceptions the app showed."""
    best = (float("inf"), float("inf"), float("inf"), 0)
    for _ in range(repeats):
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, str(ROOT)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        total = time.perf_counter() - start
        if total < best[0]:
            best = (total, float(out[1]), float(out[0]), int(out[2]))
    return best


def pages_report() -> list[str]:
    """Page latencies, cold start and peak RSS as markdown."""
    if not (ROOT / "app.py").exists() or len(page_files()) < 2:
        return ["(app.py or its pages are missing: page latencies not measured)"]
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--pages-worker"],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return ["page worker failed:", "```", proc.stderr[-3000:], "```"]
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    lines = [
        "| page (in visiting order) | cold run s | warm median s (10 reruns) | warm min s "
        "| of which AppTest recompile s | target | met | RSS after, MB (now / peak so far) | errors |",
        "|---|---:|---:|---:|---:|---|:-:|---:|---|",
    ]
    for row in data["rows"]:
        if "cold_s" not in row:
            lines.append(
                f"| {row['page']} | – | – | – | – | < {PAGE_WARM_TARGET_S} s | not met | – | {row['error']} |"
            )
            continue
        met = row["warm_median_s"] < PAGE_WARM_TARGET_S and not row["error"]
        lines.append(
            f"| {row['page']} | {row['cold_s']:.3f} | {row['warm_median_s']:.3f} | {row['warm_min_s']:.3f} "
            f"| {row['recompile_s']:.3f} "
            f"| < {PAGE_WARM_TARGET_S} s | {'met' if met else 'not met'} "
            f"| {row['current_mb']:.0f} / {row['peak_mb']:.0f} | {row['error'] or '–'} |"
        )
    total, first, imported, errors = cold_start()
    shown = f"; {errors} exceptions shown" if errors else ""
    lines += [
        "",
        "| measure | value | target | met |",
        "|---|---:|---|:-:|",
        f"| cold start: spawn → first render of app.py (best of 3; import {imported:.2f} s + first run "
        f"{first:.2f} s{shown}) | {total:.2f} s | < {COLD_TARGET_S} s "
        f"| {'met' if total < COLD_TARGET_S and not errors else 'not met'} |",
        f"| peak RSS after visiting every page (page worker: VmHWM; ru_maxrss {data['ru_maxrss_mb']:.0f} MB) "
        f"| {data['rss_mb']:.0f} MB | < {RSS_TARGET_MB:.0f} MB "
        f"| {'met' if data['rss_mb'] < RSS_TARGET_MB else 'not met'} |",
    ]
    return lines


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats (engine best of 5, reference of 2)"
    )
    parser.add_argument(
        "--pages", action="store_true", help="also measure Streamlit page latencies (AppTest)"
    )
    parser.add_argument(
        "--profile", metavar="W", help="cProfile one workload's engine run instead (e.g. W4)"
    )
    parser.add_argument("--only", metavar="W1,W9", help="run only these workloads")
    parser.add_argument("--pages-worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pages_worker:
        print(json.dumps(pages_worker()))
        return
    if args.profile:
        profile(args.profile, args.quick)
        return
    # the pages first, while this process is small: a child inherits its parent's ru_maxrss
    page_lines = pages_report() if args.pages else []
    sgemm, dgemm = gemm_gflops(np.float32), gemm_gflops(np.float64)
    k, k_ref = (5, 2) if args.quick else (15, 5)
    outcomes = []
    wanted = args.only.upper().split(",") if args.only else list(BUILDERS)
    for key, build in BUILDERS.items():
        if key not in wanted:
            continue
        workload = build()
        outcomes.append(measure(workload, k if key != "W6" else max(5, k // 2), k_ref))
        del workload
        sgemm = max(
            sgemm, gemm_gflops(np.float32)
        )  # the best rate seen in the run: the strictest limit
    lines = header(args.quick, sgemm, dgemm) + [""] + table(outcomes, sgemm)
    print("\n".join(lines), flush=True)
    if page_lines:
        print("\n" + "\n".join(page_lines))
    print(f"\nhopfield from {Path(hopfield.__file__).parent}")


if __name__ == "__main__":
    main()
