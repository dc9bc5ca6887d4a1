"""Checks shared by the sweeps and the landscapes (each validator in one place)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..network import MEMORY_BUDGET, HopfieldNetwork

Seed = int | np.random.Generator | None
Progress = Callable[[float], object] | None


def check_progress(progress: Progress) -> None:
    """Refuse a progress callback that is neither a function nor None."""
    if progress is not None and not callable(progress):
        raise ValueError(f"progress must be a function of one fraction or None, got {progress!r}.")


def check_batch(states: int, n: int, what: str) -> None:
    """Refuse, before allocating, a batch of states whose float64 copies (8 bytes a neuron) exceed the memory budget."""
    if 8 * states * n > MEMORY_BUDGET:
        raise ValueError(
            f"{what} would recall {states} states of {n} neurons at once, more than the memory budget allows; "
            "use fewer trials, patterns or starts."
        )


def require_patterns(network: HopfieldNetwork, minimum: int = 1) -> None:
    """Refuse a network with fewer than `minimum` stored patterns."""
    if network.memorised < minimum:
        raise ValueError(
            f"This analysis needs a network with at least {minimum} stored pattern(s), it has {network.memorised}."
        )


def check_n_values(n_values: object) -> np.ndarray:
    """Numbers of neurons to sweep as int64 (K,): a non-empty list of whole numbers >= 2, or ValueError."""
    values = np.asarray(n_values)
    if (
        values.ndim != 1
        or values.size == 0
        or values.dtype == bool
        or not np.issubdtype(values.dtype, np.integer)
        or (values < 2).any()
    ):
        raise ValueError(
            f"n_values must be a non-empty list of whole numbers >= 2, got {n_values!r}."
        )
    return values.astype(np.int64)
