"""Attention maps with exact zeros: sparsemax and α-entmax, and the conjugate energies they descend.

For scores θ (one row of P), α-entmax (Peters, Niculae & Martins 2019, "Sparse sequence-to-sequence
models"; Blondel, Martins & Niculae 2019/2020, "Learning with Fenchel–Young losses") is

    entmax_α(θ) = argmax_{p ∈ simplex} ⟨p, θ⟩ − Ω_α(p),   Ω_α(p) = (Σ_j p_j^α − 1) / (α(α − 1)),

the Tsallis negentropy Ω_α, whose limit α → 1 is Shannon's Σ_j p_j ln p_j. Its solution is

    p_j = [(α − 1) θ_j − τ]_+^(1/(α−1)),   τ such that Σ_j p_j = 1,

so scores far enough below the largest get exactly zero weight. α = 1 is softmax, α = 2 sparsemax
(Martins & Astudillo 2016, "From softmax to sparsemax"), α = 1.5 the 1.5-entmax.

The conjugate Ω*_α(θ) = max_p ⟨p, θ⟩ − Ω_α(p) = ⟨p*, θ⟩ − Ω_α(p*) with p* = entmax_α(θ) (ln Σ_j exp θ_j
for α = 1) is convex with gradient p*: the Hopfield–Fenchel–Young energy
E(ξ) = −β⁻¹ Ω*_α(β Xξ) + ½‖ξ‖² (Santos et al. 2024, "Sparse and Structured Hopfield Networks"; Hu
et al. 2023, "On Sparse Modern Hopfield Model") is a convex term minus a convex term, and the update
ξ ← Xᵀ entmax_α(β Xξ) is its concave–convex procedure: the energy never rises.

Algorithms, on rows of a (B, P) array: sparsemax and 1.5-entmax sort each row and find the support
in closed form (Martins & Astudillo 2016, Alg. 1; Peters et al. 2019, Alg. 2); any other α bisects
on τ (Blondel et al. 2019). Every map subtracts the row's largest score first (they are shift
invariant).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "ATTENTIONS",
    "ENTMAX_ALPHA",
    "attention_alpha",
    "attention_map",
    "check_alpha",
    "conjugate",
    "entmax",
    "entmax_conjugate",
    "max_entropy",
    "softmax",
    "sparsemax",
]

ATTENTIONS: tuple[str, ...] = ("softmax", "sparsemax", "entmax")
ENTMAX_ALPHA = 1.5  # entmax's default α
BISECTION_STEPS = 100  # halvings of τ's bracket (width <= 1): far below float64's resolution


def _rows(scores: object) -> np.ndarray:
    values = np.asarray(scores, np.float64)
    if values.ndim not in (1, 2) or values.shape[-1] == 0 or not np.isfinite(values).all():
        raise ValueError(
            f"scores must be finite numbers, shape (P,) or (B, P) with P >= 1, got shape {values.shape}."
        )
    return np.atleast_2d(values)


def _shaped(weights: np.ndarray, scores: object) -> np.ndarray:
    return weights[0] if np.ndim(scores) == 1 else weights


def check_alpha(alpha: object) -> float:
    """α as a float in [1, 2], or ValueError."""
    is_number = isinstance(alpha, (int, float, np.integer, np.floating)) and not isinstance(
        alpha, bool
    )
    if not (is_number and 1 <= alpha <= 2):
        raise ValueError(
            f"alpha must be a number from 1 (softmax) to 2 (sparsemax), got {alpha!r}."
        )
    return float(alpha)


def softmax(scores: object) -> np.ndarray:
    """exp(θ_j) / Σ_k exp(θ_k) of each row: never an exact zero unless it underflows."""
    rows = _rows(scores)
    weights = np.exp(rows - rows.max(axis=1, keepdims=True))
    return _shaped(weights / weights.sum(axis=1, keepdims=True), scores)


def sparsemax(scores: object) -> np.ndarray:
    """The Euclidean projection of each row onto the simplex: p_j = [θ_j − τ]_+, Σ p = 1 (Martins & Astudillo 2016).

    Sorted descending z_(1) >= z_(2) >= ..., the support is the largest k with 1 + k z_(k) > Σ_{j<=k} z_(j),
    and τ = (Σ_{j<=k} z_(j) − 1) / k.
    """
    rows = _rows(scores)
    shifted = rows - rows.max(axis=1, keepdims=True)
    ordered = -np.sort(-shifted, axis=1)
    sums = np.cumsum(ordered, axis=1)
    k = np.arange(1, rows.shape[1] + 1)
    support = np.count_nonzero(1 + k * ordered > sums, axis=1)
    tau = (np.take_along_axis(sums, support[:, None] - 1, axis=1) - 1) / support[:, None]
    return _shaped(np.maximum(shifted - tau, 0.0), scores)


def _entmax15(rows: np.ndarray) -> np.ndarray:
    """1.5-entmax by sorting (Peters et al. 2019, Alg. 2): p_j = [θ_j/2 − τ]_+².

    With the support the top k of z = θ/2 sorted, τ solves Σ_{j<=k} (z_(j) − τ)² = 1:
    τ_k = mean_k − sqrt((1 − k (meansq_k − mean_k²)) / k); the support is the largest k with τ_k <= z_(k).
    """
    shifted = (rows - rows.max(axis=1, keepdims=True)) / 2
    ordered = -np.sort(-shifted, axis=1)
    k = np.arange(1, rows.shape[1] + 1)
    mean = np.cumsum(ordered, axis=1) / k
    spread = (
        np.cumsum(ordered**2, axis=1) / k - mean**2
    )  # the top k's variance; z_(1) = 0, support within [−1, 0]
    taus = mean - np.sqrt(np.maximum((1 - k * spread) / k, 0.0))
    support = np.count_nonzero(taus <= ordered, axis=1)
    tau = np.take_along_axis(taus, support[:, None] - 1, axis=1)
    weights = np.maximum(shifted - tau, 0.0) ** 2
    return weights / weights.sum(axis=1, keepdims=True)


def _entmax_bisect(rows: np.ndarray, alpha: float) -> np.ndarray:
    """α-entmax by bisection on τ (Blondel et al. 2019): Σ_j [(α−1)θ_j − τ]_+^(1/(α−1)) = 1 is decreasing in τ.

    With z = (α − 1)(θ − max θ), τ lies in [−1, −P^(1−α)]: the largest term alone reaches 1 at τ = −1, and
    all P terms equal reach it at −P^(1−α) at most.
    """
    z = (alpha - 1) * (rows - rows.max(axis=1, keepdims=True))
    power = 1 / (alpha - 1)
    lo = np.full(len(rows), -1.0)
    hi = np.full(len(rows), -(rows.shape[1] ** (1 - alpha)))
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        too_much = (np.maximum(z - mid[:, None], 0.0) ** power).sum(axis=1) >= 1
        lo = np.where(too_much, mid, lo)
        hi = np.where(too_much, hi, mid)
    weights = np.maximum(z - lo[:, None], 0.0) ** power
    return weights / weights.sum(axis=1, keepdims=True)


def entmax(scores: object, alpha: float = ENTMAX_ALPHA) -> np.ndarray:
    """α-entmax of each row (see the module docstring), α in [1, 2]: 1 softmax, 2 sparsemax, 1.5 by default."""
    alpha = check_alpha(alpha)
    if alpha == 1:
        return softmax(scores)
    if alpha == 2:
        return sparsemax(scores)
    rows = _rows(scores)
    weights = _entmax15(rows) if alpha == 1.5 else _entmax_bisect(rows, alpha)
    return _shaped(weights, scores)


def attention_alpha(attention: str, alpha: float = ENTMAX_ALPHA) -> float:
    """The α of an attention: 1 for softmax, 2 for sparsemax, the given α for entmax."""
    if not isinstance(attention, str) or attention not in ATTENTIONS:
        raise ValueError(f"attention must be one of {', '.join(ATTENTIONS)}, got {attention!r}.")
    return {"softmax": 1.0, "sparsemax": 2.0}.get(attention, check_alpha(alpha))


def attention_map(
    scores: object, attention: str = "softmax", alpha: float = ENTMAX_ALPHA
) -> np.ndarray:
    """The weights of each row of scores under "softmax", "sparsemax" or "entmax" (with α)."""
    return entmax(scores, attention_alpha(attention, alpha))


def entmax_conjugate(scores: object, alpha: float) -> np.ndarray:
    """Ω*_α(θ) of each row (B,) (or a number for one row), α in [1, 2]: ln Σ exp θ_j for α = 1, else ⟨p, θ⟩ − Ω_α(p).

    p = entmax_α(θ) and Ω_α(p) = (Σ_j p_j^α − 1) / (α(α − 1)); its gradient is p.
    """
    rows = _rows(scores)
    power = check_alpha(alpha)
    top = rows.max(axis=1)
    if power == 1:
        values = top + np.log(np.exp(rows - top[:, None]).sum(axis=1))
    else:
        p = entmax(rows, power)
        values = (
            top
            + np.einsum("bp,bp->b", p, rows - top[:, None])
            - ((p**power).sum(axis=1) - 1) / (power * (power - 1))
        )
    return values[0] if np.ndim(scores) == 1 else values


def conjugate(
    scores: object, attention: str = "softmax", alpha: float = ENTMAX_ALPHA
) -> np.ndarray:
    """Ω* of each row for the attention "softmax" (ln Σ exp θ_j), "sparsemax" or "entmax" (α); see
    `entmax_conjugate`."""
    return entmax_conjugate(scores, attention_alpha(attention, alpha))


def max_entropy(count: int, alpha: float) -> float:
    """−min_p Ω_α(p) over the simplex of `count` memories, reached by the uniform p: ln P for α = 1 (Shannon),
    (1 − P^(1−α)) / (α(α − 1)) otherwise (Tsallis). Ramsauer et al.'s β⁻¹ ln P is β⁻¹ times this for softmax."""
    alpha = check_alpha(alpha)
    return (
        float(np.log(count)) if alpha == 1 else (1 - count ** (1 - alpha)) / (alpha * (alpha - 1))
    )
