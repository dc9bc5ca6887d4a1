"""Fanning a sweep's independent pieces out to an executor, with the same numbers as a serial run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from typing import Any

import numpy as np

from ..patterns import make_rng
from ._checks import Progress

__all__ = ["fan_out", "largest_passing", "spawn_seeds"]


def spawn_seeds(
    seed: int | np.random.Generator | np.random.SeedSequence | None, count: int
) -> list[np.random.SeedSequence] | list[np.random.Generator]:
    """`count` independent child seeds of `seed` (numpy's `spawn`), one per piece of a sweep, so each
    piece draws the same numbers wherever and in whatever order it runs. `np.random.default_rng(child)`
    gives a piece its generator. A whole number >= 0, None, a Generator or a SeedSequence."""
    if isinstance(seed, (np.random.SeedSequence, np.random.Generator)):
        return seed.spawn(count)
    make_rng(seed)  # the same check (and sentence) as every other seed argument
    return np.random.SeedSequence(None if seed is None else int(seed)).spawn(count)


def fan_out(
    function: Callable[..., Any],
    tasks: Iterable[Sequence[Any]],
    executor: Executor | None = None,
    progress: Progress = None,
) -> list:
    """[function(*task) for task in tasks], run on `executor` when one is given.

    Any `concurrent.futures.Executor` works: a local `ProcessPoolExecutor`, or a cluster's
    (dask.distributed's `Client` has the same `submit`). `function` must then be a module-level
    function and the tasks picklable. Results come back in the tasks' order; `progress(fraction)`
    is called as each result arrives, in that order.
    """
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise ValueError(
            f"executor must be a concurrent.futures.Executor (with submit), got {executor!r}."
        )
    tasks = list(tasks)
    pending = (
        [executor.submit(function, *task) for task in tasks] if executor is not None else tasks
    )
    results = []
    for k, item in enumerate(pending):
        results.append(item.result() if executor is not None else function(*item))
        if progress is not None:
            progress((k + 1) / len(tasks))
    return results


def largest_passing(passes: Callable[[int], bool], limit: int) -> tuple[int, bool]:
    """(the largest whole number k <= limit with passes(k), whether the search reached limit), for a test that
    passes up to some size and fails beyond: doubling from 1 until a size fails (or limit passes), then bisecting
    between the last pass and the first failure. 0 when 1 already fails.

    >>> largest_passing(lambda k: k <= 37, 256), largest_passing(lambda k: True, 30)
    ((37, False), (30, True))
    """
    good, bad, size = 0, None, 1
    while good < limit:
        if not passes(size):
            bad = size
            break
        good, size = size, min(2 * size, limit)
    if bad is None:
        return good, True
    while bad - good > 1:
        middle = (good + bad) // 2
        good, bad = (middle, bad) if passes(middle) else (good, middle)
    return good, False
