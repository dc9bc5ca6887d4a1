"""Real-valued modern memories analysed: fixed points classified by their attention, and β sweeps.

A fixed point ξ* of ξ ← Xᵀ softmax(β Xξ / N) (Ramsauer et al. 2020) is named by its attention
weights w = softmax(β Xξ* / N) and their effective number of memories n_eff = 1 / Σ_μ w_μ²:

- "single":     n_eff < 1.5: one memory carries the state (retrieval);
- "global":     n_eff >= max(P / 2, min(P − 0.5, 2.5)): the state averages (nearly) all memories, and an
                average of two memories is global only when P = 2;
- "metastable": in between: the state averages a group of about n_eff similar memories.

As β grows a probe's fixed point goes from the global average through metastable states to a
single memory; `beta_sweep` follows that for a batch of probes on a grid of β, all (β, probe)
pairs run as one batch of the update.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import modern
from ..modern import continuous_run, effective_count
from ..network import HopfieldNetwork
from ..patterns import check_count, check_real, one_hot, real_patterns, real_states
from ..results import ReadOnlyArrays
from ..sparse import ENTMAX_ALPHA

__all__ = [
    "REGIMES",
    "BetaSweep",
    "Separation",
    "ContinuousRecall",
    "FixedPoint",
    "beta_sweep",
    "class_shares",
    "classify_fixed_point",
    "continuous_recall",
    "correlations",
    "label_outcome",
    "label_retrieval",
    "log_betas",
    "separation_beta",
]

REGIMES: tuple[str, ...] = ("global", "metastable", "single")
REGIME_TITLES = {
    "global": "global average",
    "metastable": "metastable",
    "single": "single memory",
}  # band names
RETRIEVED_ABOVE = 0.9  # a single memory correlated more than this with the target retrieves it
SINGLE_BELOW = 1.5  # n_eff under this: one memory
TIE = 1e-9  # label weights this close to the largest share the top (rounding in the softmax and the class sums)


@dataclass(frozen=True)
class FixedPoint:
    """What a fixed point is: its regime, effective number of memories and the memories it shares.

    members: the round(n_eff) memories with the largest weights (at least one), largest first;
    share:   their total weight.
    """

    regime: str
    size: float
    members: tuple[int, ...]
    share: float

    def sentence(self, labels: list[str] | tuple[str, ...]) -> str:
        """The fixed point in words, naming up to five of its memories by label."""
        named = ", ".join(str(labels[k]) for k in self.members[:5]) + (
            " …" if len(self.members) > 5 else ""
        )
        if self.regime == "single":
            return (
                f"A single memory: {labels[self.members[0]]} ({self.share:.1%} of the attention)."
            )
        if self.regime == "global":
            return f"The global average: about {self.size:.0f} memories share the attention evenly."
        return (
            f"A metastable state averaging about {self.size:.1f} memories ({self.share:.0%} of the attention "
            f"on {len(self.members)}: {named})."
        )

    def outcome(self, target: int, labels: list[str] | tuple[str, ...]) -> tuple[str, str]:
        """What a recall from a probe of memory `target` ended in, and its sentence: "target" (a single memory, the
        target: the only success), "wrong" (a single memory, another one), "metastable" or "global"."""
        if self.regime != "single":
            return self.regime, self.sentence(labels)
        if self.members[0] == target:
            return "target", self.sentence(labels)
        return "wrong", (
            f"The wrong memory: {labels[self.members[0]]} ({self.share:.1%} of the attention), not "
            f"{labels[target]}."
        )


def _regime_index(size: np.ndarray, p: int) -> np.ndarray:
    """0 global, 1 metastable, 2 single, from n_eff (any shape) among P memories."""
    return np.where(size < SINGLE_BELOW, 2, np.where(size >= global_from(p), 0, 1))


def global_from(p: int) -> float:
    """The n_eff from which a state of P memories is the global average: max(P / 2, min(P − 0.5, 2.5)), so that
    half of many memories counts, and an average of two counts only when there are just two."""
    return max(p / 2, min(p - 0.5, 2.5))


def classify_fixed_point(weights: object) -> FixedPoint:
    """Classify a state by its attention weights (P,) (non-negative, summing to 1); see the module docstring."""
    w = np.asarray(weights, np.float64).ravel()
    if w.size == 0 or not np.isfinite(w).all() or (w < 0).any() or abs(w.sum() - 1) > 1e-6:
        raise ValueError("weights must be P >= 1 finite non-negative numbers summing to 1.")
    size = float(effective_count(w)[0])
    order = np.argsort(-w, kind="stable")[: max(1, round(size))]
    return FixedPoint(
        REGIMES[int(_regime_index(np.array(size), w.size))],
        size,
        tuple(int(k) for k in order),
        float(w[order].sum()),
    )


def class_shares(weights: object, classes: object) -> dict[str, float]:
    """The attention weights (P,) summed per class (P class names): {class: share}, largest first."""
    w = np.asarray(weights, np.float64).ravel()
    names = [str(c) for c in np.asarray(classes).ravel().tolist()]
    if len(names) != w.size:
        raise ValueError(f"classes must name every memory: got {len(names)} for {w.size} weights.")
    shares: dict[str, float] = {}
    for name, weight in zip(names, w.tolist(), strict=True):
        shares[name] = shares.get(name, 0.0) + weight
    return dict(sorted(shares.items(), key=lambda item: -item[1]))


def correlations(states: object, targets: object) -> np.ndarray:
    """Pearson correlation of each state with its target, row by row (B,); 0 where either is flat."""
    a, b = (
        np.atleast_2d(np.asarray(states, np.float64)),
        np.atleast_2d(np.asarray(targets, np.float64)),
    )
    if a.shape != b.shape:
        raise ValueError(
            f"states and targets must have the same shape, got {a.shape} and {b.shape}."
        )
    a, b = a - a.mean(axis=1, keepdims=True), b - b.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    return np.where(norms > 0, np.einsum("bi,bi->b", a, b) / np.where(norms > 0, norms, 1.0), 0.0)


def log_betas(lo: float = 0.1, hi: float = 1e4, per_decade: int = 8) -> np.ndarray:
    """A log-spaced grid of β from lo to hi, `per_decade` points a decade (ends included)."""
    lo, hi = check_real(lo, "lo", strict=True), check_real(hi, "hi", strict=True)
    if not lo < hi:
        raise ValueError(f"the β range must satisfy 0 < lo < hi, got {lo!r} and {hi!r}.")
    count = check_count(per_decade, "per_decade")
    return np.logspace(np.log10(lo), np.log10(hi), round(count * np.log10(hi / lo)) + 1)


@dataclass(frozen=True)
class ContinuousRecall(ReadOnlyArrays):
    """One real-valued recall from a probe: the path, the fixed point and what it is.

    states (T, N) every state from the probe (frame 0) to the last; energies (T,); weights (P,)
    the attention of the last state; nearest (the stored pattern most correlated with the last
    state) and its correlation; fixed_point its classification; steps; converged.
    """

    states: np.ndarray
    energies: np.ndarray
    weights: np.ndarray
    nearest: int
    nearest_correlation: float
    fixed_point: FixedPoint
    steps: int
    converged: bool

    @property
    def retrieved(self) -> np.ndarray:
        return self.states[-1]


def continuous_recall(
    net: HopfieldNetwork, probe: object, max_steps: int = 200, clamp: object | None = None
) -> ContinuousRecall:
    """Recall one real probe (N,) with a real-valued modern network (the `clamp` pixels held), recorded, and name
    its end."""
    if not net.real_valued or net.values is not None:
        raise ValueError("continuous_recall needs a real-valued modern memory without values.")
    result = net.recall(probe, "sync", max_steps=max_steps, record=True, clamp=clamp)
    last = result.states[0]
    weights = net.attention(last)[0]
    every = correlations(np.broadcast_to(last, net.patterns.shape), net.patterns)
    nearest = int(np.argmax(every))
    return ContinuousRecall(
        result.trajectory[:, 0].copy(),
        result.energies[:, 0].copy(),
        weights,
        nearest,
        float(every[nearest]),
        classify_fixed_point(weights),
        int(result.steps[0]),
        bool(result.converged[0]),
    )


@dataclass(frozen=True)
class BetaSweep(ReadOnlyArrays):
    """Probes recalled at every β of a grid: quality, effective number of memories and regime, (K, B) each.

    quality:   the correlation of each fixed point with its target;
    effective: 1 / Σ w² of its attention; regime: index into `REGIMES`; steps, converged.
    """

    betas: np.ndarray
    quality: np.ndarray
    effective: np.ndarray
    regime: np.ndarray
    steps: np.ndarray
    converged: np.ndarray

    def rows(self, probe: int = 0) -> list[dict[str, float | str | int | bool]]:
        """One plain dict per β for a probe: the table a CSV download writes."""
        return [
            {
                "beta": float(b),
                "correlation": float(q),
                "effective_memories": float(e),
                "regime": REGIMES[int(r)],
                "steps": int(s),
                "converged": bool(c),
            }
            for b, q, e, r, s, c in zip(
                self.betas,
                self.quality[:, probe],
                self.effective[:, probe],
                self.regime[:, probe],
                self.steps[:, probe],
                self.converged[:, probe],
                strict=True,
            )
        ]

    def csv(self, probe: int = 0) -> str:
        """The rows of a probe as CSV text with a header line."""
        rows = self.rows(probe)
        lines = [",".join(rows[0])] + [
            ",".join(f"{v:.6g}" if isinstance(v, float) else str(v) for v in row.values())
            for row in rows
        ]
        return "\n".join(lines) + "\n"

    def first_beta(self, regime: str, probe: int = 0) -> float | None:
        """The smallest β of the grid at which the probe's fixed point is in `regime` (one of REGIMES), or None."""
        hits = np.flatnonzero(self.regime[:, probe] == REGIMES.index(regime))
        return float(self.betas[hits[0]]) if hits.size else None

    def every_retrieved_from(self, min_quality: float = RETRIEVED_ABOVE) -> float | None:
        """The smallest β of the grid at which every probe ends in a single memory correlated more than
        `min_quality` with its target (its own image), or None."""
        hits = np.flatnonzero(
            ((self.regime == REGIMES.index("single")) & (self.quality > min_quality)).all(axis=1)
        )
        return float(self.betas[hits[0]]) if hits.size else None

    def bands(self, probe: int = 0) -> list[tuple[str, float, float]]:
        """Runs of equal regime along β for a probe: (regime, first β, last β), in β order."""
        runs: list[tuple[str, float, float]] = []
        for beta, regime in zip(self.betas.tolist(), self.regime[:, probe].tolist(), strict=True):
            name = REGIMES[int(regime)]
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1], beta)
            else:
                runs.append((name, beta, beta))
        return runs


def beta_sweep(
    patterns: object,
    probes: object,
    targets: object,
    betas: object,
    max_steps: int = 200,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> BetaSweep:
    """Recall each probe (B, N) at each β (K,) of a grid, all K·B runs in one batch of the update.

    patterns (P, N) real; targets (B, N) what each probe should retrieve (quality is the
    correlation of the fixed point with it); attention "softmax", "sparsemax" or "entmax" (α). Returns a
    `BetaSweep` of (K, B) arrays.
    """
    stored = real_patterns(patterns)
    p, n = stored.shape
    starts = real_states(probes, n)
    goals = real_states(targets, n, "targets")
    if len(goals) != len(starts):
        raise ValueError(f"targets must have one row per probe ({len(starts)}), got {len(goals)}.")
    try:
        grid = np.asarray(betas, np.float64).ravel()
    except (TypeError, ValueError):
        grid = np.array([])
    if grid.size == 0 or not (np.isfinite(grid) & (grid > 0)).all():
        raise ValueError("betas must be one or more finite numbers greater than 0.")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    k, b = grid.size, len(starts)
    rows = np.repeat(grid, b)
    result = continuous_run(
        stored, np.tile(starts, (k, 1)), rows, max_steps, attention=attention, alpha=alpha
    )
    weights = modern.attention(stored, result.states, rows, attention, alpha)
    effective = effective_count(weights).reshape(k, b)
    quality = correlations(result.states, np.tile(goals, (k, 1))).reshape(k, b)
    return BetaSweep(
        grid,
        quality,
        effective,
        _regime_index(effective, p),
        result.steps.reshape(k, b),
        result.converged.reshape(k, b),
    )


def label_outcome(names: Sequence[str], weights: object, target: str) -> tuple[str, str]:
    """What a keys → values retrieval (`label_retrieval`'s names and one probe's weights (C,)) says of a probe made
    from class `target`, and its sentence: "target" (the target's label alone on top), "wrong" (another label alone
    on top) or "tie" (several labels share the top weight, to TIE: no label is retrieved)."""
    w = np.asarray(weights, np.float64).ravel()
    top = float(w.max())
    tied = [str(names[k]) for k in np.flatnonzero(w >= top - TIE)]
    if len(tied) > 1:
        listed = ", ".join(tied[:5]) + (" …" if len(tied) > 5 else "")
        return "tie", (
            f"A tie: {len(tied)} labels share the top weight ({top:.0%} each: {listed}), so no label is "
            f"retrieved; the probe was made from {target}."
        )
    kind = "target" if tied[0] == str(target) else "wrong"
    return kind, f"Retrieved label: **{tied[0]}** ({top:.0%}); the probe was made from {target}."


def label_retrieval(
    keys: object,
    classes: object,
    beta: float,
    probes: object,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> tuple[tuple[str, ...], np.ndarray]:
    """Keys → values with one-hot labels: each probe (B, N) retrieves Vᵀ softmax(β Xξ / N) over the classes
    (or sparsemax / α-entmax).

    keys (P, N) real; classes (P,) the class of each key. Returns the C class names (sorted) and
    the retrieved weights (B, C), each row summing to 1; the predicted label is the largest.
    """
    values, names = one_hot(classes)
    net = HopfieldNetwork.train(
        real_patterns(keys), "modern", beta=beta, values=values, attention=attention, alpha=alpha
    )
    return names, net.recall(probes).states


@dataclass(frozen=True)
class Separation:
    """The set's closest pair (first, second; their correlation) and the β above which their average stops
    being a minimum, so a retrieval can tell them apart (see `separation_beta`)."""

    beta: float
    first: int
    second: int
    correlation: float


def separation_beta(patterns: object, alpha: float = 1.0) -> Separation:
    """β* = 2^(3−α) / d² for the closest pair of patterns (P, N), d² = ‖ξ^a − ξ^b‖² / N their distance.

    Two memories of equal size have their average as a fixed point, with attention (½, ½). Along
    their difference the Hessian of E (module docstring; the attention's Jacobian J = diag(s) − s sᵀ/Σs,
    s_μ = w_μ^(2−α), is ¼ of [[1, −1], [−1, 1]] for softmax and ½ for sparsemax) is
    (1 − β d² / 2^(3−α)) / N: the average is a minimum below β* and a saddle above, where the pair
    separates. For standardised images d² = 2(1 − ρ), ρ the pair's correlation: β* = 2^(2−α)/(1 − ρ),
    2/(1 − ρ) for softmax (α = 1), 1/(1 − ρ) for sparsemax (α = 2). (Exact for a pair of equal size alone;
    the other memories pull on the average too.)
    """
    stored = real_patterns(patterns)
    p, n = stored.shape
    if p < 2:
        raise ValueError("separation_beta needs at least two stored patterns.")
    alpha = check_real(alpha, "alpha", minimum=1.0)
    sizes = np.einsum("pi,pi->p", stored, stored)
    distances = (sizes[:, None] + sizes[None] - 2 * (stored @ stored.T)) / n
    np.fill_diagonal(distances, np.inf)
    first, second = np.unravel_index(int(np.argmin(distances)), distances.shape)
    gap = float(distances[first, second])
    if gap <= 1e-12 * float(sizes.max()) / n:
        raise ValueError(
            f"Patterns {first + 1} and {second + 1} are the same image: no β separates them."
        )
    correlation = float(stored[first] @ stored[second] / np.sqrt(sizes[first] * sizes[second]))
    return Separation(2 ** (3 - alpha) / gap, int(first), int(second), correlation)
