"""Result objects: what a recall returns, shared by every kind of dynamics, and their read-only rule."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["ReadOnlyArrays", "RecallResult"]


class ReadOnlyArrays:
    """Dataclass mixin: every numpy array field is made read-only after construction."""

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:  # type: ignore[attr-defined]
            value = getattr(self, name)
            if isinstance(value, np.ndarray):
                value.flags.writeable = False


@dataclass(frozen=True)
class RecallResult(ReadOnlyArrays):
    """What `recall` returns for a batch of B probes of N neurons.

    states      (B, N) int8, the final state of each probe.
    steps       (B,) int, update steps taken: sync steps, or async/stochastic sweeps.
    converged   (B,) bool, True where the probe reached a fixed point.
    cycled      (B,) bool, True where sync dynamics ended in a 2-cycle.
    trajectory  (T, B, N) int8 when recorded: frame 0 is the probes; a probe that
                stopped early repeats its final state. None when not recorded.
    energies    (T, B) float64 energy of each frame when recorded, else None.
    """

    states: np.ndarray
    steps: np.ndarray
    converged: np.ndarray
    cycled: np.ndarray
    trajectory: np.ndarray | None = None
    energies: np.ndarray | None = None
