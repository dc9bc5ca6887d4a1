"""Analysis of stored memories, one module per concept; every name is also here.

- `outcomes`:   overlaps m_μ = (1/N) ξ^μ·s, Hamming distances, the outcome of a recall (target,
                stored, reversed, mixture, spurious), per-pattern stability, pattern correlations.
- `sweeps`:     capacity curves (success against P) and basin curves (success against noise),
                vectorised over trials.
- `landscapes`: attractor census from random starts, the exact landscape of small networks
                (N <= 20), 2-D landscape slices and overlap paths.

>>> from hopfield import analysis
>>> analysis.overlaps([[1, 1, -1, -1]], [1, 1, 1, -1]).tolist()
[[0.5]]
"""

from ._checks import Progress, Seed
from .landscapes import (
    EXACT_LANDSCAPE_MAX_N,
    MAX_SLICE_RESOLUTION,
    Census,
    Landscape,
    Slice,
    all_states,
    attractor_census,
    exact_landscape,
    landscape_slice,
    overlap_path,
)
from .outcomes import (
    ATTRACTOR_KINDS,
    OUTCOMES,
    classify,
    correlation_matrix,
    describe,
    hamming,
    overlaps,
    stability,
)
from .sweeps import BasinCurve, CapacityCurve, basin_curve, capacity_curve

__all__ = [
    "OUTCOMES",
    "ATTRACTOR_KINDS",
    "EXACT_LANDSCAPE_MAX_N",
    "MAX_SLICE_RESOLUTION",
    "Seed",
    "Progress",
    "overlaps",
    "hamming",
    "classify",
    "describe",
    "stability",
    "correlation_matrix",
    "CapacityCurve",
    "capacity_curve",
    "BasinCurve",
    "basin_curve",
    "Census",
    "attractor_census",
    "all_states",
    "Landscape",
    "exact_landscape",
    "Slice",
    "landscape_slice",
    "overlap_path",
]
