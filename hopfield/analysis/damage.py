"""Graceful degradation: recall against damage to the weights (Hopfield 1982; clipped synapses,
Sompolinsky 1986), measured with `HopfieldNetwork.damaged`."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from ..corrupt import flip_count
from ..dynamics import check_mode, sync_stack
from ..network import MEMORY_BUDGET, HopfieldNetwork
from ..patterns import check_count, check_fraction
from ..results import ReadOnlyArrays
from ._checks import Progress, Seed, check_batch, check_progress, require_patterns
from ._parallel import fan_out, spawn_seeds
from .sweeps import check_noise_levels, chunk_slices

__all__ = ["DAMAGE_KINDS", "DamageCurve", "damage_curve"]

DAMAGE_KINDS = {  # kind -> what a level of it is
    "prune": "fraction of synapses cut",
    "remove": "fraction of neurons removed",
}


@dataclass(frozen=True)
class DamageCurve(ReadOnlyArrays):
    """Recall success against damage (`damage_curve`): success[l] is the fraction of the trials·P probes
    recalled exactly by networks damaged to levels[l] (a `DAMAGE_KINDS` fraction), weights clipped or not."""

    rule: str
    n: int
    kind: str
    levels: np.ndarray  # (L,) float64 in [0, 1]
    success: np.ndarray  # (L,) float64 in [0, 1]
    clip: bool
    noise: float
    trials: int
    mode: str


def damage_curve(
    network: HopfieldNetwork,
    levels: Sequence[float],
    kind: str = "prune",
    clip: bool = False,
    noise: float = 0.1,
    trials: int = 10,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 50,
    progress: Progress = None,
    executor: Executor | None = None,
) -> DamageCurve:
    """Fraction of stored patterns recalled exactly from noisy probes by damaged copies of `network`.

    For each level f, `trials` times in turn: `network.damaged(prune=f)` (kind "prune") or
    `network.damaged(remove=round(f·N))` (kind "remove"), clipped when `clip`, with seed=rng, and probes:
    every pattern it keeps with round(noise·N') distinct bits flipped (`flip_count(..., seed=rng)`). Then
    each trial's probes are recalled by its network (sync: all networks at once, `dynamics.sync_stack`;
    other modes trial by trial, seed=rng) and compared with the patterns on the N' neurons left. Each
    level draws from its own child of `seed` (`spawn_seeds`) and runs on `executor` when given, with the
    same numbers as without; `progress(fraction)` is called as each level is done.
    """
    require_patterns(network)
    if kind not in DAMAGE_KINDS:
        raise ValueError(
            f"Unknown kind of damage {kind!r}; choose one of {', '.join(DAMAGE_KINDS)}."
        )
    values = check_noise_levels(levels)
    if kind == "remove" and round(values.max() * network.n) >= network.n:
        raise ValueError(
            "A network needs at least one neuron left: remove fractions must stay below 1."
        )
    network.damaged(
        clip=clip
    )  # the same checks (and sentences) as a single damage: a weight matrix, clip
    noise = check_fraction(noise, "noise")
    trials = check_count(trials, "trials")
    check_mode(mode, network.modes, network.rule)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    check_progress(progress)
    check_batch(network.memorised, network.n, "This damage curve")
    tasks = [
        (network, kind, level, bool(clip), noise, trials, child, mode, max_steps)
        for level, child in zip(values.tolist(), spawn_seeds(seed, values.size), strict=True)
    ]
    success = np.array(fan_out(_damage_point, tasks, executor, progress), np.float64)
    return DamageCurve(
        network.rule, network.n, kind, values, success, bool(clip), noise, trials, mode
    )


def _damage_point(
    network: HopfieldNetwork,
    kind: str,
    level: float,
    clip: bool,
    noise: float,
    trials: int,
    seed: object,
    mode: str,
    max_steps: int,
) -> float:
    """One level of `damage_curve`: the fraction of probes recalled exactly, over the trials."""
    rng = np.random.default_rng(seed)
    damage = {"prune": level} if kind == "prune" else {"remove": round(level * network.n)}
    hurt = []
    for _ in range(trials):  # every trial's damage and probes first, in trial order
        net = network.damaged(**damage, clip=clip, seed=rng)
        hurt.append((net, flip_count(net.patterns, round(noise * net.n), seed=rng)))
    targets = np.stack([net.patterns for net, _ in hurt])
    if (
        mode == "sync"
    ):  # every damaged network at once: one batched product a step, as capacity curves
        n = targets.shape[2]
        per_stack = max(1, MEMORY_BUDGET // (16 * n * n))
        finals = np.concatenate(
            [
                sync_stack(
                    np.stack([net.couplings.T for net, _ in hurt[chunk]]),
                    np.stack([probes for _, probes in hurt[chunk]]),
                    max_steps,
                )
                for chunk in chunk_slices(trials, per_stack)
            ]
        )
    else:
        finals = np.stack(
            [net.recall(probes, mode, max_steps, seed=rng).states for net, probes in hurt]
        )
    return float((finals == targets).all(axis=2).mean())
