"""Familiarity: how a modern memory tells stored inputs from new ones, and the ROC curve that measures it.

A probe the memory has stored sits in a deep valley of the energy and draws its attention onto one
memory; a new probe sits higher and spreads its attention. So the energy E(ξ) (lower: more familiar)
and the largest attention weight max_μ w_μ (higher: more familiar) score familiarity, as Hopfield
boosting (Hofmann et al. 2024, "Energy-based Hopfield Boosting for Out-of-Distribution Detection")
uses the energy to flag unfamiliar inputs.

The ROC curve puts the true-positive rate (familiar probes scored at or above a threshold) against the
false-positive rate (new probes at or above it) for every threshold; its area (AUC) is the chance that
a familiar probe outscores a new one, ties counting half (Mann–Whitney; Hanley & McNeil 1982).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..corrupt import real_probe
from ..network import HopfieldNetwork
from ..patterns import check_count, make_rng, real_patterns
from ..results import ReadOnlyArrays

__all__ = [
    "Familiarity",
    "FamiliarityTest",
    "Roc",
    "familiarity",
    "familiarity_test",
    "roc",
    "stored_vs_unseen",
]


@dataclass(frozen=True)
class Familiarity(ReadOnlyArrays):
    """Per-probe familiarity scores: energy (B,) (lower: more familiar) and top_weight (B,), the largest attention
    weight (higher: more familiar)."""

    energy: np.ndarray
    top_weight: np.ndarray


def familiarity(net: HopfieldNetwork, probes: object) -> Familiarity:
    """The energy and the largest attention weight of each probe (B, N) (or one (N,)) in a modern memory
    (other rules have no attention: ValueError)."""
    return Familiarity(net.energy(probes), net.attention(probes).max(axis=1))


@dataclass(frozen=True)
class Roc(ReadOnlyArrays):
    """An ROC curve: false_positive (K,) and true_positive (K,) from (0, 0) to (1, 1), and its area auc."""

    false_positive: np.ndarray
    true_positive: np.ndarray
    auc: float


def _scores(values: object, name: str) -> np.ndarray:
    array = np.asarray(values, np.float64).ravel()
    if array.size == 0 or not np.isfinite(array).all():
        raise ValueError(f"{name} must be one or more finite scores.")
    return array


def roc(familiar: object, novel: object) -> Roc:
    """The ROC curve of scores (higher: more familiar) for familiar and novel probes, thresholds at every distinct
    score; auc = P(familiar > novel) + ½ P(familiar = novel), equal to the area under the curve."""
    positives = _scores(familiar, "familiar")
    negatives = _scores(novel, "novel")
    thresholds = np.unique(np.concatenate([positives, negatives]))[::-1]
    true_positive = np.concatenate([[0.0], (positives[None] >= thresholds[:, None]).mean(axis=1)])
    false_positive = np.concatenate([[0.0], (negatives[None] >= thresholds[:, None]).mean(axis=1)])
    above = (positives[:, None] > negatives[None]).mean()
    ties = (positives[:, None] == negatives[None]).mean()
    return Roc(false_positive, true_positive, float(above + 0.5 * ties))


@dataclass(frozen=True)
class FamiliarityTest:
    """Stored against unseen probes: their scores (`Familiarity`) and the ROC curves of both scores."""

    familiar: Familiarity
    novel: Familiarity
    by_energy: Roc
    by_weight: Roc


def familiarity_test(net: HopfieldNetwork, familiar: object, novel: object) -> FamiliarityTest:
    """Score probes of stored inputs (familiar) and of unseen ones (novel) and measure how well each score tells
    them apart: the ROC of −E (lower energy: more familiar) and of the largest attention weight."""
    known = familiarity(net, familiar)
    unknown = familiarity(net, novel)
    by_energy = roc(-known.energy, -unknown.energy)
    return FamiliarityTest(known, unknown, by_energy, roc(known.top_weight, unknown.top_weight))


def stored_vs_unseen(
    patterns: object,
    shape: tuple[int, int],
    stored: int,
    beta: float,
    kind: str,
    level: float,
    seed: int = 0,
) -> tuple[FamiliarityTest, FamiliarityTest]:
    """Store `stored` of the real patterns (P, N) drawn at random (seed) in a modern memory at β, hold out as many
    others, and test familiarity on clean probes and on probes corrupted by `real_probe(kind, level)` (drawn as
    `shape`; the k-th probe of each group seeded with seed + k). Returns (clean, corrupted)."""
    images = real_patterns(patterns)
    stored = check_count(stored, "stored")
    if 2 * stored > len(images):
        raise ValueError(
            f"stored must be at most half of the {len(images)} patterns, so as many can be held out; "
            f"got {stored}."
        )
    order = make_rng(seed).permutation(len(images))
    known, unknown = images[order[:stored]], images[order[stored : 2 * stored]]
    net = HopfieldNetwork.train(known, "modern", beta=beta)
    corrupted = [
        np.stack([real_probe(group, k, kind, shape, level, seed + k) for k in range(stored)])
        for group in (known, unknown)
    ]
    return familiarity_test(net, known, unknown), familiarity_test(net, *corrupted)
