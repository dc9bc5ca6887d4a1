"""Learning over time: patterns stored one at a time, recall against a pattern's age, and basins
against a pattern's strength."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..corrupt import flip_rows
from ..dynamics import check_mode
from ..network import HopfieldNetwork
from ..patterns import (
    as_patterns,
    check_count,
    check_fraction,
    check_real,
    make_rng,
    random_patterns,
)
from ..results import ReadOnlyArrays
from ..rules import get_rule
from ._checks import Seed, check_batch
from .landscapes import attractor_census

__all__ = [
    "AgeCurve",
    "age_curve",
    "SequenceStep",
    "sequence_step",
    "StrengthBasins",
    "strength_basins",
    "DreamingEffect",
    "dreaming_effect",
]


def _noisy(patterns: np.ndarray, flips: int, rng: np.random.Generator) -> np.ndarray:
    return patterns.copy() if flips == 0 else flip_rows(patterns, flips, rng)


@dataclass(frozen=True)
class AgeCurve(ReadOnlyArrays):
    """Recall success against a pattern's age (`age_curve`): success[a] is the fraction of trials in which
    the pattern stored a patterns before the last one (age 0: the newest) was recalled exactly."""

    rule: str
    n: int
    p: int
    ages: np.ndarray  # (P,) 0 .. P-1
    success: np.ndarray  # (P,) float64
    trials: int
    noise: float
    params: Mapping[str, float]

    def span(self, threshold: float = 0.5) -> int:
        """How many of the newest patterns in a row are recalled in more than `threshold` of the trials
        (the default: in most trials, a strict majority; 2 of 4 is not most)."""
        below = np.flatnonzero(self.success <= threshold)
        return int(below[0]) if below.size else self.p


def age_curve(
    rule: str,
    n: int,
    p: int,
    noise: float = 0.1,
    trials: int = 4,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 50,
    params: Mapping[str, float] | None = None,
) -> AgeCurve:
    """Store P random patterns in order (trial by trial: `2 * rng.integers(0, 2, (P, N)) - 1`), corrupt
    each with round(noise·N) flipped bits (`flip_rows`, seed=rng) and recall them (seed=rng); success by age.
    `params`: the rule's parameters (a mapping: the unlearning rule has a `seed` of its own)."""
    spec = get_rule(rule)
    n, p, trials = check_count(n, "n"), check_count(p, "p"), check_count(trials, "trials")
    noise = check_fraction(noise, "noise")
    check_mode(mode, spec.modes, rule)
    check_batch(p, n, "This age curve")
    settings = spec.check(dict(params or {}))
    rng = make_rng(seed)
    hits = np.zeros(p)
    for _ in range(trials):
        patterns = random_patterns(p, n, rng)  # 2 * rng.integers(0, 2, (P, N)) - 1
        net = HopfieldNetwork.train(patterns, rule, **settings)
        probes = _noisy(patterns, round(noise * n), rng)
        hits += (net.recall(probes, mode, max_steps, seed=rng).states == patterns).all(axis=1)
    return AgeCurve(rule, n, p, np.arange(p), hits[::-1] / trials, trials, noise, dict(settings))


@dataclass(frozen=True)
class SequenceStep(ReadOnlyArrays):
    """The memory after the first `step` patterns of a sequence were stored, in order (`sequence_step`).

    network: trained on patterns[:step]; probes, recalled (step, N) int8: each stored pattern corrupted
    and recalled; recalled_ok (step,) bool; ages (step,) 0 for the newest.
    """

    step: int
    network: HopfieldNetwork
    probes: np.ndarray
    recalled: np.ndarray
    recalled_ok: np.ndarray
    ages: np.ndarray

    @property
    def streak(self) -> int:
        """How many of the newest patterns in a row were recalled."""
        missed = np.flatnonzero(~self.recalled_ok[::-1])
        return int(missed[0]) if missed.size else self.step


def sequence_step(
    patterns: object,
    rule: str,
    step: int,
    noise: float = 0.1,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 50,
    params: Mapping[str, float] | None = None,
) -> SequenceStep:
    """Store patterns[:step] in order with `rule`, then corrupt each (round(noise·N) bits, one
    `flip_rows` draw with rng = default_rng(seed): the same bits for a pattern at every step, since each
    probe's keys come from one (P, N) draw over the whole sequence) and recall it."""
    xi = as_patterns(patterns)
    step = check_count(step, "step")
    if step > len(xi):
        raise ValueError(f"step must be at most the number of patterns ({len(xi)}), got {step}.")
    noise = check_fraction(noise, "noise")
    rng = make_rng(seed)
    probes = _noisy(xi, round(noise * xi.shape[1]), rng)[:step]
    net = HopfieldNetwork.train(xi[:step], rule, **dict(params or {}))
    recalled = net.recall(probes, mode, max_steps, seed=rng).states
    ok = (recalled == xi[:step]).all(axis=1)
    return SequenceStep(step, net, probes, recalled, ok, np.arange(step)[::-1].copy())


@dataclass(frozen=True)
class StrengthBasins(ReadOnlyArrays):
    """Basin curves of one stored pattern at several strengths (`strength_basins`): success[s, l] is the
    fraction of `trials` probes of pattern `pick`, with round(noise_levels[l]·N) flipped bits, recalled
    exactly when that pattern has strength strengths[s] and every other pattern strength 1."""

    rule: str
    pick: int
    strengths: np.ndarray  # (S,)
    noise_levels: np.ndarray  # (L,)
    success: np.ndarray  # (S, L)
    trials: int


def strength_basins(
    patterns: object,
    pick: int,
    strengths: Sequence[float],
    noise_levels: Sequence[float],
    trials: int = 20,
    seed: Seed = None,
    rule: str = "hebbian",
    max_steps: int = 50,
    params: Mapping[str, float] | None = None,
) -> StrengthBasins:
    """For each strength c: train with c for pattern `pick` (1 for the others) and recall `trials` corrupted
    copies of it at each noise level (sync). The same probes (one rng = default_rng(seed)) for every c."""
    xi = as_patterns(patterns)
    if isinstance(pick, bool) or not isinstance(pick, (int, np.integer)) or not 0 <= pick < len(xi):
        raise ValueError(
            f"pick must be the index of a stored pattern, from 0 to {len(xi) - 1}, got {pick!r}."
        )
    values = np.array(
        [check_real(c, "strength") for c in np.atleast_1d(strengths).tolist()], dtype=np.float64
    )
    levels = np.array(
        [check_fraction(f, "noise level") for f in np.atleast_1d(noise_levels).tolist()]
    )
    if values.size == 0 or levels.size == 0:
        raise ValueError("strength_basins needs at least one strength and one noise level.")
    trials = check_count(trials, "trials")
    rng = make_rng(seed)
    n = xi.shape[1]
    copies = np.repeat(xi[pick : pick + 1], trials, axis=0)
    probes = [_noisy(copies, round(f * n), rng) for f in levels.tolist()]
    success = np.zeros((values.size, levels.size))
    for s, c in enumerate(values.tolist()):
        weights = np.ones(len(xi))
        weights[pick] = c
        net = HopfieldNetwork.train(xi, rule, strengths=weights, **dict(params or {}))
        for k, batch in enumerate(probes):
            success[s, k] = (
                (net.recall(batch, "sync", max_steps).states == xi[pick]).all(axis=1).mean()
            )
    return StrengthBasins(rule, int(pick), values, levels, success, trials)


@dataclass(frozen=True)
class DreamingEffect:
    """What dreaming does to a memory (`dreaming_effect`): the attractor census's kinds of ending (kind -> count
    of random starts) and the share of stored patterns that are fixed points, Hebbian then after dreaming."""

    before: Mapping[str, int]
    after: Mapping[str, int]
    fixed_before: float
    fixed_after: float


DREAMING_STAGES = (
    "Hebbian census",
    "dreaming",
    "census after dreaming",
)  # what `dreaming_effect` reports


def dreaming_effect(
    patterns: object,
    params: Mapping[str, float] | None = None,
    starts: int = 300,
    seed: int = 0,
    progress: Callable[[int, str], None] | None = None,
) -> DreamingEffect:
    """The same patterns stored by Hebb's rule and by the unlearning rule (its `params`: dreams, depth, seed):
    each one's `attractor_census` of `starts` random starts (async, `seed`) and the share of stored patterns
    recalled unchanged from themselves (async, `seed`). `progress(k, stage)` is called as stage k of
    DREAMING_STAGES starts (the dreaming itself takes most of the time)."""
    report = progress or (lambda k, stage: None)
    report(0, DREAMING_STAGES[0])
    kinds_before, fixed_before = _endings(HopfieldNetwork.train(patterns, "hebbian"), starts, seed)
    report(1, DREAMING_STAGES[1])
    dreamt = HopfieldNetwork.train(patterns, "unlearning", **dict(params or {}))
    report(2, DREAMING_STAGES[2])
    kinds_after, fixed_after = _endings(dreamt, starts, seed)
    return DreamingEffect(kinds_before, kinds_after, fixed_before, fixed_after)


def _endings(net: HopfieldNetwork, starts: int, seed: int) -> tuple[dict[str, int], float]:
    """The census's kinds of ending of `starts` random starts and the share of stored patterns that are fixed
    points (both async, `seed`)."""
    kinds = dict(attractor_census(net, starts, seed).kind_counts)
    fixed = float(
        (net.recall(net.patterns, "async", seed=seed).states == net.patterns).all(axis=1).mean()
    )
    return kinds, fixed
