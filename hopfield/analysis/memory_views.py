"""A stored memory at a glance (the Store page): how large its weights are, how alike its patterns are, which of
them are fixed points, and whether two networks hold the same memory.

- Weight size: max |w_ij| and mean |w_ij| over the N(N − 1) entries off the diagonal (the diagonal is 0 for
  every rule here, so it would only dilute the mean).
- Correlations C_μν = (1/N) ξ^μ·ξ^ν; the most alike pair is the μ < ν with the largest C_μν. Correlated
  patterns add crosstalk Σ_ν≠μ C_μν ξ^ν to each other's fields, the classic rule's main failure.
- Fixed points: patterns with no bit flipping in one synchronous step of the rule's own update (`stability`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..network import HopfieldNetwork
from .outcomes import correlation_matrix, stability

__all__ = [
    "AlikePair",
    "MemoryView",
    "WeightSize",
    "memory_view",
    "most_alike_pair",
    "same_memory",
    "weight_size",
]

_ROWS = 512  # weight rows read at once: |W| is never copied whole (N = 4096 would be 134 MB)


@dataclass(frozen=True)
class WeightSize:
    """max |w_ij| (`largest`) and mean |w_ij| (`mean`) over i ≠ j; both 0 for a single neuron."""

    largest: float
    mean: float


@dataclass(frozen=True)
class AlikePair:
    """The most alike pair of stored patterns: indices `first` < `second` and their correlation C."""

    first: int
    second: int
    correlation: float


@dataclass(frozen=True)
class MemoryView:
    """What the Store page shows of a memory, from `memory_view`.

    weights: the size of W (the rule's own, or the Hebbian W of the same patterns when `pairwise` is False);
    correlations: C (P, P); most_alike: None for a single pattern; flipped_bits: bits of each pattern that
    flip in one synchronous step, int64 (P,).
    """

    weights: WeightSize
    pairwise: bool
    correlations: np.ndarray
    most_alike: AlikePair | None
    flipped_bits: np.ndarray

    @property
    def fixed_points(self) -> int:
        """How many stored patterns no bit of which flips."""
        return int((self.flipped_bits == 0).sum())


def _square(matrix: object, name: str) -> np.ndarray:
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {values.shape}.")
    if not np.isfinite(values).all():
        raise ValueError(f"{name} must hold finite numbers (no NaN or infinity).")
    return values


def weight_size(weights: object) -> WeightSize:
    """max_{i≠j} |w_ij| and (1 / (N(N − 1))) Σ_{i≠j} |w_ij| of a square weight matrix W (N, N).

    >>> weight_size([[0.0, -0.5], [0.25, 9.0]])
    WeightSize(largest=0.5, mean=0.375)
    """
    w = _square(weights, "weights")
    n = w.shape[0]
    if n < 2:
        return WeightSize(0.0, 0.0)
    largest, total = 0.0, 0.0
    for start in range(0, n, _ROWS):
        block = np.abs(w[start : start + _ROWS])
        rows = np.arange(block.shape[0])
        block[rows, rows + start] = (
            0.0  # |w_ii| left out: 0 is below every |w_ij| and adds nothing to the sum
        )
        largest, total = max(largest, float(block.max())), total + float(block.sum())
    return WeightSize(largest, total / (n * (n - 1)))


def most_alike_pair(correlations: object) -> AlikePair | None:
    """The pair μ < ν with the largest C_μν of a correlation matrix C (P, P); the first in row order among ties,
    None when P < 2.

    >>> most_alike_pair([[1.0, 0.2, 0.5], [0.2, 1.0, 0.5], [0.5, 0.5, 1.0]])
    AlikePair(first=0, second=2, correlation=0.5)
    """
    c = _square(correlations, "correlations")
    if c.shape[0] < 2:
        return None
    rows, columns = np.triu_indices(c.shape[0], 1)  # row by row, as a person reads the matrix
    best = int(np.argmax(c[rows, columns]))
    return AlikePair(int(rows[best]), int(columns[best]), float(c[rows[best], columns[best]]))


def memory_view(network: HopfieldNetwork) -> MemoryView:
    """The weight size, correlations, most alike pair and per-pattern flips of a trained network.

    The weights are `network.weights`: W for pairwise rules, the Hebbian W of the same patterns for dense and
    modern memories (which have no pairwise W).
    """
    if network.memorised == 0:
        raise ValueError(
            "This network stores no patterns (it was built from weights): there is nothing to show."
        )
    correlations = correlation_matrix(network.patterns)
    return MemoryView(
        weights=weight_size(network.weights),
        pairwise=network.couplings is not None,
        correlations=correlations,
        most_alike=most_alike_pair(correlations),
        flipped_bits=stability(network),
    )


def same_memory(first: HopfieldNetwork, second: HopfieldNetwork) -> bool:
    """True when both networks store the same patterns, in the same order, with the same rule, settings and
    pattern strengths."""
    return (
        first.rule == second.rule
        and dict(first.params) == dict(second.params)
        and first.patterns.shape == second.patterns.shape
        and bool(np.array_equal(first.patterns, second.patterns))
        and (first.strengths is None) == (second.strengths is None)
        and (first.strengths is None or bool(np.array_equal(first.strengths, second.strengths)))
    )
