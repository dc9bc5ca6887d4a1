"""Sweeps: recall success against the number of stored patterns (capacity curves) and against
the noise on the probes (basin curves), vectorised over trials."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from types import MappingProxyType
from typing import Any

import numpy as np

from ..corrupt import flip_count, flip_rows
from ..dynamics import check_mode, sync_stack
from ..network import MEMORY_BUDGET, HopfieldNetwork, check_memory
from ..patterns import as_patterns, check_count, check_fraction, check_real
from ..results import ReadOnlyArrays
from ..rules import RULES, get_rule, stacked_couplings
from ._checks import Progress, Seed, check_batch, check_n_values, check_progress, require_patterns
from ._parallel import fan_out, largest_passing, spawn_seeds

__all__ = ["CapacityCurve", "capacity_curve", "BasinCurve", "basin_curve"]


def chunk_slices(count: int, size: int) -> list[slice]:
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
        p0, p1, s0, s1 = (
            self.p_values[k - 1],
            self.p_values[k],
            self.success[k - 1],
            self.success[k],
        )
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
    executor: Executor | None = None,
    *,
    rule_params: Mapping[str, float] | None = None,
    **params: float,
) -> CapacityCurve:
    """Fraction of stored random patterns recalled exactly, for each number of patterns P.

    Each P draws from its own random stream, the k-th child of `seed` (`spawn_seeds(seed, len(p_values))`):
    one draw of `trials` independent sets of P unbiased ±1 patterns of N neurons,
    `2 * rng.integers(0, 2, (trials, P, N), dtype=int8) - 1`; probes are every stored pattern with
    round(noise·N) distinct bits flipped (`flip_count(..., seed=rng)` on the (trials·P, N) batch).
    success = fraction of probes whose final state equals their pattern. Pairwise rules in sync mode
    run all trials at once (a stack of couplings, one batched matmul per step); other rules and modes
    train and recall each trial (recall seed=rng, trial order). `params` go to the rule (e.g.
    damping=0.1, degree=4); `progress(fraction)` is called as each P is done. With an `executor` (any
    `concurrent.futures.Executor`) the P values run on it, with the same numbers as without.
    `rule_params` also go to the rule, for a parameter named like an argument here (the unlearning
    rule's `seed`).
    """
    spec = get_rule(rule)
    n = check_count(n, "n")
    values = _check_p_values(p_values)
    trials = check_count(trials, "trials")
    noise = check_fraction(noise, "noise")
    check_mode(mode, spec.modes, rule)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    check_progress(progress)
    check_batch(trials * int(values.max()), n, "This capacity curve")
    settings = spec.check({**params, **(rule_params or {})})
    if spec.kind == "pairwise":
        check_memory(n)
    seeds = spawn_seeds(seed, len(values))
    tasks = [
        (rule, n, p, trials, round(noise * n), child, mode, max_steps, settings)
        for p, child in zip(values.tolist(), seeds, strict=True)
    ]
    success = np.array(fan_out(_capacity_point, tasks, executor, progress), dtype=np.float64)
    return CapacityCurve(rule, n, values, success, trials, noise, mode, MappingProxyType(settings))


def _capacity_point(
    rule: str,
    n: int,
    p: int,
    trials: int,
    flips: int,
    seed: object,
    mode: str,
    max_steps: int,
    settings: Mapping[str, Any],
) -> float:
    """One point of `capacity_curve`: the fraction of `trials` sets of P random patterns recalled exactly."""
    spec = get_rule(rule)
    rng = np.random.default_rng(seed)
    patterns = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
    probes = patterns  # flip_count draws nothing for 0 flips: skipping it keeps the random stream
    if flips:
        probes = flip_rows(patterns.reshape(trials * p, n), flips, rng).reshape(trials, p, n)
    if spec.kind == "pairwise" and mode == "sync":
        trials_per_stack = max(
            1, MEMORY_BUDGET // (16 * n * n)
        )  # a stack and its shrunk copy, float64
        finals = np.concatenate(
            [
                sync_stack(
                    stacked_couplings(spec, patterns[chunk], settings), probes[chunk], max_steps
                )
                for chunk in chunk_slices(trials, trials_per_stack)
            ]
        )
    else:
        finals = np.stack(
            [
                HopfieldNetwork.train(trial, rule, **settings)
                .recall(probe, mode, max_steps, seed=rng)
                .states
                for trial, probe in zip(patterns, probes, strict=True)
            ]
        )
    return float((finals == patterns).all(axis=2).mean())


def check_noise_levels(noise_levels: object) -> np.ndarray:
    """Noise levels as a float64 array (L,) of fractions from 0 to 1, or ValueError."""
    levels = np.asarray(noise_levels)
    if levels.ndim != 1 or levels.size == 0:
        raise ValueError(
            f"noise_levels must be a non-empty list of fractions, got {noise_levels!r}."
        )
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
    executor: Executor | None = None,
) -> BasinCurve:
    """Fraction of corrupted stored patterns recalled exactly, for each noise level.

    Each level draws from its own random stream, the k-th child of `seed` (`spawn_seeds`): every
    stored pattern is corrupted `trials` times with round(f·N) distinct bits flipped (`flip_count(...,
    seed=rng)` on the batch np.tile(patterns, (trials, 1))), and the whole batch is recalled in one call
    (seed=rng). `progress(fraction)` is called as each level is done. With an `executor` (any
    `concurrent.futures.Executor`) the levels run on it, with the same numbers as without.
    """
    require_patterns(network)
    levels = check_noise_levels(noise_levels)
    trials = check_count(trials, "trials")
    check_mode(mode, network.modes, network.rule)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    check_progress(progress)
    check_batch(trials * network.memorised, network.n, "This basin curve")
    seeds = spawn_seeds(seed, len(levels))
    tasks = [
        (network, round(level * network.n), trials, child, mode, max_steps)
        for level, child in zip(levels.tolist(), seeds, strict=True)
    ]
    per_pattern = np.array(fan_out(_basin_point, tasks, executor, progress), dtype=np.float64)
    return BasinCurve(
        network.rule, network.n, levels, per_pattern.mean(axis=1), per_pattern, trials, mode
    )


def _basin_point(
    network: HopfieldNetwork, flips: int, trials: int, seed: object, mode: str, max_steps: int
) -> np.ndarray:
    """One level of `basin_curve`: per stored pattern, the fraction of its `trials` probes recalled exactly."""
    rng = np.random.default_rng(seed)
    targets = np.tile(network.patterns, (trials, 1))
    finals = network.recall(flip_count(targets, flips, seed=rng), mode, max_steps, seed=rng).states
    return (finals == targets).all(axis=1).reshape(trials, network.memorised).mean(axis=0)


# ---------------------------------------------------------------- comparing rules on one pattern set
# Every rule stores the same patterns (the Compare page): the settings and recall mode each rule
# gets, one timed recall of the same probes, and capacity / basin curves measured rule by rule.

__all__ += [
    "RuleSettings",
    "RuleProgress",
    "rule_settings",
    "comparison_mode",
    "RuleComparison",
    "compare_rules",
    "RuleRuns",
    "run_per_rule",
    "capacity_curves",
    "basin_curves",
    "pattern_counts",
    "theoretical_capacities",
]

RuleSettings = Mapping[
    str, Mapping[str, float]
]  # rule name -> its keyword parameters, in the order to run them
RuleProgress = (
    Callable[[str, float, float], object] | None
)  # progress(rule, its fraction done, all rules' fraction)


def rule_settings(
    net: HopfieldNetwork, rules: Sequence[str] | None = None
) -> dict[str, dict[str, int | float]]:
    """The settings each rule gets when compared with `net`: the network's own parameters for its own
    rule, the registry's defaults for every other one (`rules`: every registered rule when None).

    >>> net = HopfieldNetwork.train([[1, -1, 1, -1]], "pseudoinverse", damping=0.5)
    >>> rule_settings(net, ["hebbian", "pseudoinverse", "dense-poly"])
    {'hebbian': {}, 'pseudoinverse': {'damping': 0.5}, 'dense-poly': {'degree': 3}}
    """
    names = list(RULES) if rules is None else list(rules)
    return {
        name: dict(net.params) if name == net.rule else get_rule(name).defaults() for name in names
    }


def comparison_mode(rule: str) -> str:
    """The mode a comparison recalls `rule` in: "sync" (every probe at once, no randomness) when the rule
    allows it, else the first of the rule's modes.

    >>> comparison_mode("modern")
    'sync'
    """
    modes = get_rule(rule).modes
    return "sync" if "sync" in modes else modes[0]


def _best_ms(action: Callable[[], Any], repeats: int, budget_s: float) -> tuple[Any, float]:
    """Run `action` up to `repeats` times, fewer once the runs took `budget_s` seconds in all:
    its last result and its best time in milliseconds."""
    best, spent, result = math.inf, 0.0, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
        if spent > budget_s:
            break
    return result, best * 1e3


@dataclass(frozen=True)
class RuleComparison(ReadOnlyArrays):
    """One rule of `compare_rules`: its full settings, recall mode, final states and times.

    recalled[μ] is True where the probe of pattern μ ended exactly on ξ^μ; overlap is the mean
    over μ of m = (1/N) ξ^μ·s^μ (s^μ that probe's final state); train_ms and recall_ms are the
    best of the timed runs. A rule that refused the patterns (a ValueError, e.g. a weight matrix
    over the memory budget) has the sentence in `error`, no states and nan for the numbers.
    """

    rule: str
    params: Mapping[str, float]  # a plain dict
    mode: str
    states: np.ndarray | None  # (P, N) int8
    recalled: np.ndarray | None  # (P,) bool
    overlap: float
    train_ms: float
    recall_ms: float
    error: str = ""

    @property
    def hits(self) -> int:
        """How many stored patterns were recalled exactly."""
        return 0 if self.recalled is None else int(self.recalled.sum())


def compare_rules(
    patterns: object,
    settings: RuleSettings,
    noise: float = 0.1,
    seed: Seed = 0,
    max_steps: int = 100,
    repeats: int = 3,
    budget_s: float = 0.2,
) -> tuple[RuleComparison, ...]:
    """Every rule of `settings` stores the same patterns and recalls the same corrupted copies, timed.

    The probes are drawn once: every stored pattern with round(noise·N) distinct bits flipped
    (`flip_count(patterns, round(noise·N), seed)`). Each rule trains (`HopfieldNetwork.train(
    patterns, rule, **settings[rule])`) and recalls every probe at once in `comparison_mode(rule)`
    (at most `max_steps` steps, seed `seed`); training and recall each run up to `repeats` times,
    fewer once they took `budget_s` seconds, and keep their best time. A rule's ValueError goes to
    its `error` and the other rules still run. One RuleComparison per rule, in the order of `settings`.

    >>> pair = [[1, -1, 1, -1], [1, 1, -1, -1]]  # orthogonal: both are Hebbian fixed points
    >>> [(c.rule, c.hits, c.overlap) for c in compare_rules(pair, {"hebbian": {}, "storkey": {}}, noise=0.0)]
    [('hebbian', 2, 1.0), ('storkey', 2, 1.0)]
    """
    patterns = as_patterns(patterns)
    n = patterns.shape[1]
    noise = check_fraction(noise, "noise")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    repeats = check_count(repeats, "repeats")
    budget_s = check_real(budget_s, "budget_s")
    probes = flip_count(patterns, round(noise * n), seed=seed)
    compared = []
    for rule, params in settings.items():
        try:
            mode = comparison_mode(rule)
            net, train_ms = _best_ms(
                partial(HopfieldNetwork.train, patterns, rule, **params), repeats, budget_s
            )
            result, recall_ms = _best_ms(
                partial(net.recall, probes, mode, max_steps, seed=seed), repeats, budget_s
            )
        except ValueError as error:
            nan = math.nan
            compared.append(
                RuleComparison(rule, dict(params), "", None, None, nan, nan, nan, str(error))
            )
            continue
        states = result.states
        overlap = float((patterns.astype(np.int64) * states).sum(axis=1).mean() / n)
        recalled = (states == patterns).all(axis=1)
        compared.append(
            RuleComparison(
                rule, dict(net.params), mode, states, recalled, overlap, train_ms, recall_ms
            )
        )
    return tuple(compared)


@dataclass(frozen=True)
class RuleRuns:
    """What `run_per_rule` measured, in order: results[rule] and seconds[rule] (its wall time) for every
    rule that ran; `failed` names the rule that refused (its ValueError's sentence in `error`), after
    which no rule ran."""

    results: Mapping[str, Any]  # a plain dict
    seconds: Mapping[str, float]
    failed: str | None = None
    error: str = ""


def run_per_rule(
    rules: Sequence[str], measure: Callable[[str, Progress], Any], progress: RuleProgress = None
) -> RuleRuns:
    """measure(rule, report) for each rule in order, timed, stopping at the first ValueError.

    A measure calls report(f) with f the fraction of its own work done; for the k-th of K rules
    (from 0) that calls progress(rule, f, (k + f) / K), so one progress bar follows every rule.
    report(0) is called as each rule starts.

    >>> runs = run_per_rule(["hebbian", "telepathy", "modern"], lambda rule, report: get_rule(rule).kind)
    >>> runs.results, runs.failed
    ({'hebbian': 'pairwise'}, 'telepathy')
    """
    check_progress(progress)
    names = list(rules)
    results: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    for k, rule in enumerate(names):

        def report(fraction: float, k: int = k, rule: str = rule) -> None:
            if progress is not None:
                progress(rule, fraction, (k + fraction) / len(names))

        report(0.0)
        start = time.perf_counter()
        try:
            results[rule] = measure(rule, report)
        except ValueError as error:
            return RuleRuns(results, seconds, rule, str(error))
        seconds[rule] = time.perf_counter() - start
    return RuleRuns(results, seconds)


def capacity_curves(
    settings: RuleSettings,
    n: int,
    p_values: Sequence[int],
    trials: int = 20,
    noise: float = 0.0,
    seed: int | None = 0,
    max_steps: int = 20,
    progress: RuleProgress = None,
    executor: Executor | None = None,
) -> RuleRuns:
    """`capacity_curve` of every rule of `settings` (with its parameters, in `comparison_mode(rule)`),
    one after another under `run_per_rule`: results[rule] is its CapacityCurve. A whole-number
    seed gives every rule the same random patterns and probes; each curve runs on `executor` if given."""
    return run_per_rule(
        list(settings),
        lambda rule, report: capacity_curve(
            rule,
            n,
            p_values,
            trials,
            noise,
            seed,
            comparison_mode(rule),
            max_steps,
            report,
            executor,
            rule_params=settings[rule],
        ),
        progress,
    )


def basin_curves(
    patterns: object,
    settings: RuleSettings,
    noise_levels: Sequence[float],
    trials: int = 20,
    seed: int | None = 0,
    max_steps: int = 50,
    progress: RuleProgress = None,
    executor: Executor | None = None,
) -> RuleRuns:
    """`basin_curve` of `patterns` stored by every rule of `settings` (`HopfieldNetwork.train(patterns,
    rule, **settings[rule])`, recalled in `comparison_mode(rule)`), one after another under
    `run_per_rule`: results[rule] is its BasinCurve. A whole-number seed gives every rule the same probes;
    each curve runs on `executor` if given."""
    return run_per_rule(
        list(settings),
        lambda rule, report: basin_curve(
            HopfieldNetwork.train(patterns, rule, **settings[rule]),
            noise_levels,
            trials,
            seed,
            comparison_mode(rule),
            max_steps,
            report,
            executor,
        ),
        progress,
    )


def pattern_counts(largest: int, points: int = 10) -> tuple[int, ...]:
    """About `points` numbers of patterns P spread evenly up to `largest`, the P axis of a capacity curve:
    rint(linspace(max(1, largest / points), largest, points)) without repeats.

    >>> pattern_counts(12)
    (1, 2, 4, 5, 6, 7, 8, 10, 11, 12)
    """
    largest = check_count(largest, "largest")
    points = check_count(points, "points")
    grid = np.linspace(max(1.0, largest / points), largest, points)
    return tuple(int(p) for p in np.unique(np.rint(grid)))


def theoretical_capacities(settings: RuleSettings, n: int) -> dict[str, float]:
    """Each rule's theoretical P_max at N neurons with its settings (`Rule.capacity`): the theory
    lines of capacity curves.

    >>> theoretical_capacities({"hebbian": {}, "pseudoinverse": {"damping": 0.1}}, 100)
    {'hebbian': 13.8, 'pseudoinverse': 100.0}
    """
    n = check_count(n, "n")
    return {rule: get_rule(rule).capacity(n, **params) for rule, params in settings.items()}


# ---------------------------------------------------------------- capacity against N
# How the capacity grows with the number of neurons, rule by rule (the Compare page): where dense and modern
# memories leave the pairwise rules behind.

__all__ += ["CapacityScaling", "capacity_scaling", "capacity_scalings"]

SCALING_SUCCESS = (
    0.5  # a number of patterns P is held when at least half of its probes are recalled exactly
)


@dataclass(frozen=True)
class CapacityScaling(ReadOnlyArrays):
    """The measured capacity of one rule against N (`capacity_scaling`).

    capacity[k]: the largest P at which at least half of the probes (every stored pattern of `trials` random
    sets, with round(noise·N) bits flipped) are recalled exactly at n_values[k] neurons; capped[k]: the search
    reached max_p (the capacity is at least that); theory[k]: the rule's theoretical P_max (`Rule.capacity`,
    nan for a rule without a closed form).
    """

    rule: str
    n_values: np.ndarray  # (K,) int64
    capacity: np.ndarray  # (K,) int64
    capped: np.ndarray  # (K,) bool
    theory: np.ndarray  # (K,) float64
    trials: int
    noise: float
    mode: str
    max_p: int
    params: Mapping[str, Any]


def capacity_scaling(
    rule: str,
    n_values: Sequence[int],
    trials: int = 10,
    noise: float = 0.0,
    seed: Seed = None,
    max_p: int = 256,
    max_steps: int = 20,
    progress: Progress = None,
    executor: Executor | None = None,
    *,
    rule_params: Mapping[str, Any] | None = None,
    **params: Any,
) -> CapacityScaling:
    """The largest number of random patterns `rule` holds at each N (see `CapacityScaling`), in
    `comparison_mode(rule)`.

    At each N the search doubles P from 1 until a P fails (success below ½, `capacity_curve`'s measure of
    `trials` sets) or max_p passes, then bisects between the last pass and the first failure. Each N draws
    from its own child of `seed` (`spawn_seeds`), every P of the search from that child's stream in turn, and
    runs on `executor` when one is given (any `concurrent.futures.Executor`, or a dask.distributed `Client`),
    with the same numbers as without; `progress(fraction)` as each N is done.
    """
    spec = get_rule(rule)
    values = check_n_values(n_values)
    trials = check_count(trials, "trials")
    noise = check_fraction(noise, "noise")
    max_p = check_count(max_p, "max_p")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    check_progress(progress)
    largest = int(values.max())
    check_batch(trials * max_p, largest, "This capacity search")
    settings = spec.check({**params, **(rule_params or {})})
    if spec.kind == "pairwise":
        check_memory(largest)
    mode = comparison_mode(rule)
    tasks = [
        (rule, n, trials, round(noise * n), child, mode, max_steps, settings, max_p)
        for n, child in zip(values.tolist(), spawn_seeds(seed, values.size), strict=True)
    ]
    found = fan_out(_largest_held, tasks, executor, progress)
    theory = np.array([spec.capacity(int(n), **settings) for n in values.tolist()], np.float64)
    return CapacityScaling(
        rule,
        values.astype(np.int64),
        np.array([p for p, _ in found], np.int64),
        np.array([cap for _, cap in found], bool),
        theory,
        trials,
        noise,
        mode,
        max_p,
        MappingProxyType(settings),
    )


def _largest_held(
    rule: str,
    n: int,
    trials: int,
    flips: int,
    seed: object,
    mode: str,
    max_steps: int,
    settings: Mapping[str, Any],
    max_p: int,
) -> tuple[int, bool]:
    """(the largest P held at N, whether the search reached max_p); see `capacity_scaling`."""
    rng = np.random.default_rng(seed)

    def holds(p: int) -> bool:
        return (
            _capacity_point(rule, n, p, trials, flips, rng, mode, max_steps, settings)
            >= SCALING_SUCCESS
        )

    return largest_passing(holds, max_p)


def capacity_scalings(
    settings: RuleSettings,
    n_values: Sequence[int],
    trials: int = 10,
    noise: float = 0.0,
    seed: int | None = 0,
    max_p: int = 256,
    progress: RuleProgress = None,
    executor: Executor | None = None,
) -> RuleRuns:
    """`capacity_scaling` of every rule of `settings` (with its parameters), one after another under
    `run_per_rule`: results[rule] is its CapacityScaling. A whole-number seed gives every rule the same draws."""
    return run_per_rule(
        list(settings),
        lambda rule, report: capacity_scaling(
            rule,
            n_values,
            trials,
            noise,
            seed,
            max_p,
            20,
            report,
            executor,
            rule_params=settings[rule],
        ),
        progress,
    )
