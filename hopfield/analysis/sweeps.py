"""Sweeps: recall success against the number of stored patterns (capacity curves) and against
the noise on the probes (basin curves), vectorised over trials."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..corrupt import flip_count, flip_rows
from ..dynamics import check_mode, sync_stack
from ..network import MEMORY_BUDGET, HopfieldNetwork, check_memory
from ..patterns import check_count, check_fraction, make_rng
from ..results import ReadOnlyArrays
from ..rules import get_rule, stacked_couplings
from ._checks import Progress, Seed, _check_batch, _check_progress, _require_patterns

__all__ = ["CapacityCurve", "capacity_curve", "BasinCurve", "basin_curve"]


def _chunks(count: int, size: int) -> list[slice]:
    """Slices covering 0..count in pieces of at most `size`."""
    return [slice(start, start + size) for start in range(0, count, size)]


def _check_p_values(p_values: object) -> np.ndarray:
    values = np.asarray(p_values)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"p_values must be a non-empty list of pattern counts, got {p_values!r}.")
    if values.dtype == bool or not np.issubdtype(values.dtype, np.integer) or (values < 1).any():
        raise ValueError(f"p_values must be whole numbers >= 1, got {values.tolist()}.")
    return values.astype(np.int64)


@dataclass(frozen=True)
class CapacityCurve(ReadOnlyArrays):
    """Recall success against the number of stored random patterns P (`capacity_curve`).

    success[k] is the fraction of the trials·p_values[k] probes recalled exactly.
    """

    rule: str
    n: int
    p_values: np.ndarray  # (K,) int64
    success: np.ndarray  # (K,) float64 in [0, 1]
    trials: int
    noise: float
    mode: str
    params: Mapping[str, float]

    def measured_capacity(self, threshold: float = 0.5) -> float:
        """P at which success first falls below `threshold`, linearly interpolated from the point before.

        nan when success never falls below it, or already starts below it.
        """
        threshold = check_fraction(threshold, "threshold")
        below = np.flatnonzero(self.success < threshold)
        if below.size == 0 or below[0] == 0:
            return math.nan
        k = below[0]
        p0, p1, s0, s1 = self.p_values[k - 1], self.p_values[k], self.success[k - 1], self.success[k]
        return float(p0 + (s0 - threshold) / (s0 - s1) * (p1 - p0))


def capacity_curve(
    rule: str,
    n: int,
    p_values: Sequence[int],
    trials: int = 20,
    noise: float = 0.0,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 20,
    progress: Progress = None,
    **params: float,
) -> CapacityCurve:
    """Fraction of stored random patterns recalled exactly, for each number of patterns P.

    For each P in order: one draw of `trials` independent sets of P unbiased ±1 patterns of N
    neurons, `2 * rng.integers(0, 2, (trials, P, N), dtype=int8) - 1`; probes are every stored
    pattern with round(noise·N) distinct bits flipped (`flip_count(..., seed=rng)` on the
    (trials·P, N) batch). success = fraction of probes whose final state equals their pattern.
    Pairwise rules in sync mode run all trials at once (a stack of couplings, one batched matmul
    per step); other rules and modes train and recall each trial (recall seed=rng, trial order).
    `params` go to the rule (e.g. damping=0.1, degree=4); `progress(fraction)` is called after each P.
    """
    spec = get_rule(rule)
    n = check_count(n, "n")
    values = _check_p_values(p_values)
    trials = check_count(trials, "trials")
    noise = check_fraction(noise, "noise")
    check_mode(mode, spec.modes, rule)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    _check_progress(progress)
    _check_batch(trials * int(values.max()), n, "This capacity curve")
    settings = spec.check(params)
    batched = spec.kind == "pairwise" and mode == "sync"
    if spec.kind == "pairwise":
        check_memory(n)
    trials_per_stack = max(1, MEMORY_BUDGET // (16 * n * n))  # a stack and its shrunk copy, float64
    rng = make_rng(seed)
    flips = round(noise * n)
    success = np.zeros(len(values))
    for k, p in enumerate(values.tolist()):
        patterns = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
        probes = patterns  # flip_count draws nothing for 0 flips: skipping it keeps the random stream
        if flips:
            probes = flip_rows(patterns.reshape(trials * p, n), flips, rng).reshape(trials, p, n)
        if batched:
            finals = np.concatenate([
                sync_stack(stacked_couplings(spec, patterns[chunk], settings), probes[chunk], max_steps)
                for chunk in _chunks(trials, trials_per_stack)
            ])
        else:
            finals = np.stack([
                HopfieldNetwork.train(trial, rule, **settings).recall(probe, mode, max_steps, seed=rng).states
                for trial, probe in zip(patterns, probes, strict=True)
            ])
        success[k] = (finals == patterns).all(axis=2).mean()
        if progress is not None:
            progress((k + 1) / len(values))
    return CapacityCurve(rule, n, values, success, trials, noise, mode, MappingProxyType(settings))


def _check_levels(noise_levels: object) -> np.ndarray:
    levels = np.asarray(noise_levels)
    if levels.ndim != 1 or levels.size == 0:
        raise ValueError(f"noise_levels must be a non-empty list of fractions, got {noise_levels!r}.")
    if levels.dtype == bool or not np.issubdtype(levels.dtype, np.number):
        raise ValueError(f"noise_levels must be numbers from 0 to 1, got {noise_levels!r}.")
    levels = levels.astype(np.float64)
    if not (np.isfinite(levels).all() and (levels >= 0).all() and (levels <= 1).all()):
        raise ValueError(f"noise_levels must be numbers from 0 to 1, got {levels.tolist()}.")
    return levels


@dataclass(frozen=True)
class BasinCurve(ReadOnlyArrays):
    """Recall success against the fraction of flipped bits (`basin_curve`).

    per_pattern[l, μ] is the fraction of the `trials` probes of pattern μ recalled exactly at
    noise_levels[l]; success[l] is its mean over the patterns.
    """

    rule: str
    n: int
    noise_levels: np.ndarray  # (L,) float64
    success: np.ndarray  # (L,) float64
    per_pattern: np.ndarray  # (L, P) float64
    trials: int
    mode: str


def basin_curve(
    network: HopfieldNetwork,
    noise_levels: Sequence[float],
    trials: int = 20,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 50,
    progress: Progress = None,
) -> BasinCurve:
    """Fraction of corrupted stored patterns recalled exactly, for each noise level.

    At level f every stored pattern is corrupted `trials` times with round(f·N) distinct bits
    flipped (`flip_count(..., seed=rng)` on the batch np.tile(patterns, (trials, 1))), and the
    whole batch is recalled in one call (seed=rng). `progress(fraction)` is called after each level.
    """
    _require_patterns(network)
    levels = _check_levels(noise_levels)
    trials = check_count(trials, "trials")
    check_mode(mode, network.modes, network.rule)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    _check_progress(progress)
    _check_batch(trials * network.memorised, network.n, "This basin curve")
    rng = make_rng(seed)
    targets = np.tile(network.patterns, (trials, 1))
    per_pattern = np.zeros((len(levels), network.memorised))
    for k, level in enumerate(levels.tolist()):
        probes = flip_count(targets, round(level * network.n), seed=rng)
        finals = network.recall(probes, mode, max_steps, seed=rng).states
        per_pattern[k] = (finals == targets).all(axis=1).reshape(trials, network.memorised).mean(axis=0)
        if progress is not None:
            progress((k + 1) / len(levels))
    return BasinCurve(network.rule, network.n, levels, per_pattern.mean(axis=1), per_pattern, trials, mode)
