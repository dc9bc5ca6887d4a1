"""Fanning a sweep's independent pieces out to an executor, with the same numbers as a serial run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from typing import Any

import numpy as np

__all__ = ["fan_out", "spawn_seeds"]


def spawn_seeds(seed: int | np.random.SeedSequence | None, count: int) -> list[np.random.SeedSequence]:
    """`count` independent child seeds of `seed` (numpy's `SeedSequence.spawn`): one per piece of a
    sweep, so each piece draws the same numbers wherever and in whatever order it runs."""
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    return root.spawn(count)


def fan_out(function: Callable[..., Any], tasks: Iterable[Sequence[Any]], executor: Executor | None = None) -> list:
    """[function(*task) for task in tasks], run on `executor` when one is given.

    Any `concurrent.futures.Executor` works: a local `ProcessPoolExecutor`, or a cluster's
    (dask.distributed's `Client` has the same `submit`). `function` must then be a module-level
    function and the tasks picklable. Results come back in the tasks' order.
    """
    if executor is None:
        return [function(*task) for task in tasks]
    if not callable(getattr(executor, "submit", None)):
        raise ValueError(f"executor must be a concurrent.futures.Executor (with submit), got {executor!r}.")
    futures = [executor.submit(function, *task) for task in tasks]
    return [future.result() for future in futures]
