"""Analysis of stored memories, one module per concept; every name is also here.

- `outcomes`:   overlaps m_μ = (1/N) ξ^μ·s, Hamming distances, the outcome of a recall (target,
                stored, reversed, mixture, spurious), per-pattern stability, pattern correlations;
                one recall summed up, recorded frame by frame, every pattern at once, every rule.
- `sweeps`:     capacity curves (success against P) and basin curves (success against noise),
                vectorised over trials; every rule compared on the same patterns, with timings.
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
    OUTCOME_SENTENCES,
    OUTCOMES,
    STATUSES,
    BatchRecall,
    RecallSummary,
    RecallTrajectory,
    RuleRecall,
    classify,
    correlation_matrix,
    describe,
    frame_picks,
    hamming,
    overlaps,
    recall_batch,
    recall_every_rule,
    recall_summary,
    recall_trajectory,
    stability,
)
from .sweeps import (
    BasinCurve,
    CapacityCurve,
    RuleComparison,
    RuleProgress,
    RuleRuns,
    RuleSettings,
    basin_curve,
    basin_curves,
    capacity_curve,
    capacity_curves,
    compare_rules,
    comparison_mode,
    pattern_counts,
    rule_settings,
    run_per_rule,
    theoretical_capacities,
)

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
    "STATUSES",
    "OUTCOME_SENTENCES",
    "RecallSummary",
    "recall_summary",
    "RecallTrajectory",
    "frame_picks",
    "recall_trajectory",
    "BatchRecall",
    "recall_batch",
    "RuleRecall",
    "recall_every_rule",
    "CapacityCurve",
    "capacity_curve",
    "BasinCurve",
    "basin_curve",
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
    "Census",
    "attractor_census",
    "all_states",
    "Landscape",
    "exact_landscape",
    "Slice",
    "landscape_slice",
    "overlap_path",
]
