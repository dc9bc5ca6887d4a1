"""The result of a recall, shared by every kind of dynamics."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class RecallResult:
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

    def __post_init__(self) -> None:
        for array in (self.states, self.steps, self.converged, self.cycled, self.trajectory, self.energies):
            if array is not None:
                array.flags.writeable = False
