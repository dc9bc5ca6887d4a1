"""Sequence memories measured: the longest cycle each rule replays perfectly, against N, beside the
theory lines of Chaudhry, Zavatone-Veth, Krotov & Pehlevan 2023."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass

import numpy as np

from ..patterns import check_count, random_patterns
from ..results import ReadOnlyArrays
from ..sequences import (
    SequenceMemory,
    check_sequence_rule,
    check_sequence_settings,
    length_capacity_theory,
)
from ._checks import Progress, Seed, check_n_values, check_progress
from ._parallel import fan_out, largest_passing, spawn_seeds

__all__ = ["LengthCapacity", "length_capacity"]


@dataclass(frozen=True)
class LengthCapacity(ReadOnlyArrays):
    """The longest cycle replayed perfectly at each N (`length_capacity`).

    longest[k]: the largest length P found at which at least half of the `trials` random cycles of
    n_values[k] neurons have every transition exact; capped[k]: the search stopped at max_length.
    """

    rule: str
    n_values: np.ndarray  # (K,) int64
    longest: np.ndarray  # (K,) int64
    capped: np.ndarray  # (K,) bool
    trials: int
    max_length: int
    degree: int | None
    beta: float | None  # None: β = N at each N

    def theory(self, criterion: str) -> np.ndarray:
        """The paper's length capacity at each N by `criterion` (`sequences.CRITERIA`), float64 (K,)."""
        return np.array(
            [
                length_capacity_theory(self.rule, int(n), criterion, self.degree or 3, self.beta)
                for n in self.n_values
            ]
        )


def length_capacity(
    rule: str,
    n_values: Sequence[int],
    trials: int = 10,
    seed: Seed = None,
    degree: int = 3,
    beta: float | None = None,
    max_length: int = 2048,
    progress: Progress = None,
    executor: Executor | None = None,
) -> LengthCapacity:
    """The longest cycle `rule` replays perfectly at each number of neurons N.

    A length P passes when at least half of `trials` cycles of P random patterns
    (`random_patterns(P, N, rng)`, one after another) have every transition exact
    (`SequenceMemory.exact_transitions`: a replay from any pattern then never errs, the paper's
    criterion). The search doubles P from 1 until a length fails (or max_length passes), then
    bisects between the last pass and the first failure. Each N draws from its own child of `seed`
    (`spawn_seeds`) and runs on `executor` when one is given, with the same numbers as without;
    `progress(fraction)` is called as each N is done. degree: dense-poly's d; beta: dense-exp's β
    (None: N at each N).
    """
    rule = check_sequence_rule(rule)
    values = check_n_values(n_values)
    trials = check_count(trials, "trials")
    max_length = check_count(max_length, "max_length")
    if max_length > 8192:
        raise ValueError(
            f"max_length must be at most 8192 (a cycle's overlaps take P² numbers), got {max_length}."
        )
    degree, beta = check_sequence_settings(rule, degree, beta)
    check_progress(progress)
    tasks = [
        (rule, n, trials, child, degree, beta, max_length)
        for n, child in zip(values.tolist(), spawn_seeds(seed, values.size), strict=True)
    ]
    found = fan_out(_longest, tasks, executor, progress)
    longest = np.array([length for length, _ in found], np.int64)
    capped = np.array([cap for _, cap in found], bool)
    return LengthCapacity(
        rule, values.astype(np.int64), longest, capped, trials, max_length, degree, beta
    )


def _longest(
    rule: str,
    n: int,
    trials: int,
    seed: object,
    degree: int | None,
    beta: float | None,
    max_length: int,
) -> tuple[int, bool]:
    """(the longest passing length at N, whether the search reached max_length); see `length_capacity`."""
    rng = np.random.default_rng(seed)

    def passes(length: int) -> bool:
        exact = sum(
            bool(
                SequenceMemory.train(random_patterns(length, n, rng), rule, degree or 3, beta)
                .exact_transitions()
                .all()
            )
            for _ in range(trials)
        )
        return 2 * exact >= trials

    return largest_passing(passes, max_length)
