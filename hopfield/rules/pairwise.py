"""Pairwise learning rules: patterns Ξ (P, N) to couplings C and a scale s, weights W = s·C.

Keeping the scale outside lets the Hebbian couplings stay whole numbers, so a field of exactly
zero is a true tie even in float32. Real couplings are rounded to a grid on which every field is
exact (`on_grid`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..patterns import check_real
from .spec import Couplings, ParamSpec, Rule

__all__ = [
    "PAIRWISE_ENERGY",
    "PAIRWISE_RULES",
    "exact_dtype",
    "hebbian",
    "on_grid",
    "projector_factor_by_gram",
    "pseudoinverse",
    "stacked_couplings",
    "storkey",
]

PAIRWISE_ENERGY = "Energies are $E = -\\tfrac12\\, s^\\top W s$."


def exact_dtype(n: int, p: int) -> type:
    """float32 while every field Σ_j C_ij s_j of whole-number couplings |C_ij| <= P stays below 2^24."""
    return np.float32 if n * max(p, 1) < 2**24 else np.float64


_ROUNDER = (
    1.5 * 2.0**16
)  # x + this - this is x rounded to a multiple of 2^-36 for |x| < 2^14 (see `on_grid`)


def on_grid(couplings: np.ndarray, bound: float | None = None) -> np.ndarray:
    """Round real couplings to multiples of 2^-36 (a change below 1e-11), in place.

    Then every field Σ_j C_ij s_j with s = ±1 is a whole multiple of 2^-36 below 2^53 of them,
    so float64 computes it exactly in any summation order: a zero field is a true tie, and
    batched, incremental and plain recalls agree bit for bit. Skipped when max|C|·N >= 2^17.
    `bound`: a known finite bound on max|C|, which saves scanning C for it.
    """
    # max|C| without a temporary (NaN stays NaN)
    top = (
        bound if bound is not None else max(couplings.max(initial=0.0), -couplings.min(initial=0.0))
    )
    if top * couplings.shape[0] < 2.0**17 and top < 2.0**14:
        # Floats in [2^16, 2^17) are spaced exactly 2^-36 apart, so adding c = 1.5·2^16 rounds C to the
        # grid (to nearest, ties to even as np.rint: c is an even multiple of it) and subtracting c is exact.
        couplings += _ROUNDER
        couplings -= _ROUNDER
    return couplings


def hebbian(patterns: np.ndarray, strengths: np.ndarray | None = None) -> Couplings:
    """Hebb's rule: W = (1/N) Σ_μ ξ^μ ξ^μᵀ with w_ii = 0 (Hopfield 1982).

    Returns the whole-number couplings C = Σ_μ ξ^μ ξ^μᵀ (zero diagonal) and the scale 1/N.
    The seed notes scale by 1/P instead: a positive scale changes energies, never the
    sign of a field, so the dynamics are the same. Also takes a stack of pattern sets
    (T, P, N) and returns their couplings (T, N, N) in one batched product (capacity sweeps).
    With strengths c (P,): C = Σ_μ c_μ ξ^μ ξ^μᵀ in float64 on the 2^-36 grid (`on_grid`).
    """
    p, n = patterns.shape[-2:]
    if strengths is not None:
        xi = patterns.astype(np.float64)
        weighted = np.ascontiguousarray((xi * np.asarray(strengths, np.float64)[:, None]).T) @ xi
        np.fill_diagonal(weighted, 0)
        return on_grid(weighted), 1.0 / n
    as_float = patterns.astype(exact_dtype(n, p))
    # A contiguous Ξᵀ makes this one plain GEMM (numpy's `Ξ.T @ Ξ` takes a slower syrk-and-mirror
    # path); the sums are whole numbers, exact in any order, so C is still exactly symmetric.
    couplings = np.ascontiguousarray(np.swapaxes(as_float, -1, -2)) @ as_float
    couplings.reshape(-1, n * n)[:, :: n + 1] = (
        0  # the zero diagonal of each matrix (a view: C is contiguous)
    )
    return couplings, 1.0 / n


def storkey(patterns: np.ndarray) -> Couplings:
    """Storkey's incremental rule (Storkey 1997), each pattern ε applied to the matrix of the ones before:

        w_ij += (1/N) [ε_i ε_j − ε_i h_ji − h_ij ε_j],   h_ij = Σ_{k≠i,j} w_ik ε_k.

    h_ij never reads the diagonal, so the diagonal is kept at zero throughout (and in the
    result), as in the classic network. With h = Wε and b = −h the step is exactly
    W ← (1 + 2/N) W + (1/N) [(ε + b)(ε + b)ᵀ − b bᵀ] off the diagonal, so W stays a sum of
    scaled rank-1 terms: we keep the factors, compute each h from them in O(N·P), and
    build W at the end as AᵀA − BᵀB, A (B) the factors of positive (negative) weight scaled by
    √|w| (O(N·P²) + two products instead of O(N²·P)). numpy computes XᵀX as one symmetric
    rank-k update mirrored to both triangles, so W is exactly symmetric.
    """
    p, n = patterns.shape
    eps_all = patterns.astype(np.float64)
    factors = np.empty((2 * p, n))
    weights = np.empty(2 * p)
    diagonal = np.zeros(n)  # the diagonal the factors would give, removed from every field
    for k, eps in enumerate(eps_all):
        used = factors[: 2 * k]
        field_ = used.T @ (weights[: 2 * k] * (used @ eps)) - diagonal * eps
        b = -field_
        weights[: 2 * k] *= 1 + 2 / n
        diagonal *= 1 + 2 / n
        factors[2 * k], factors[2 * k + 1] = eps + b, b
        weights[2 * k], weights[2 * k + 1] = 1 / n, -1 / n
        diagonal += ((eps + b) ** 2 - b**2) / n
    root = np.sqrt(np.abs(weights))[:, None] * factors
    positive, negative = root[weights > 0], root[weights < 0]  # the (ε + b) rows and the b rows
    couplings = positive.T @ positive
    couplings -= negative.T @ negative
    np.fill_diagonal(couplings, 0)
    return on_grid(couplings), 1.0


def pseudoinverse(patterns: np.ndarray, damping: float = 0.0) -> Couplings:
    """Projection rule (Personnaz et al. 1985; Kanter & Sompolinsky 1987):

        W = Ξᵀ (Ξ Ξᵀ + λ N I)⁺ Ξ,   then w_ii = 0.

    With λ = 0, W projects onto the span of the patterns, so Wξ^μ = ξ^μ and each field is
    h_i = (1 − w_ii) ξ^μ_i with 0 <= w_ii <= 1: every stored pattern is a fixed point
    (a zero field keeps the state). The damping λ >= 0 (relative to N) softens the inverse
    for strongly correlated sets such as the seed's digits.
    """
    damping = check_real(damping, "damping")  # also called directly, not only through Rule.check
    p, n = patterns.shape
    xi = patterns.astype(np.float64)
    scaled = projector_factor_by_gram(xi, damping) if p < n else None
    if scaled is None:
        # Ξ = U S Vᵀ gives W = V diag(s² / (s² + λN)) Vᵀ over the nonzero singular values: the
        # same matrix, without squaring the condition number in ΞΞᵀ.
        _, singular, rows = np.linalg.svd(xi, full_matrices=False)
        kept = (
            singular > singular.max() * max(p, n) * np.finfo(np.float64).eps
        )  # the rank, as matrix_rank
        power = singular[kept] ** 2
        scaled = rows[kept] * np.sqrt(power / (power + damping * n))[:, None]
    couplings = scaled.T @ scaled  # one symmetric rank-k product, mirrored: exactly symmetric
    np.fill_diagonal(couplings, 0)
    # on_grid also turns rounding noise into exact zeros: a row of the projector whose w_ii is 1
    # is zero off the diagonal, and there a stored pattern's field must be a true tie. A (damped)
    # projector's entries satisfy |w_ij| <= √(w_ii w_jj) <= 1: bound 2 leaves room for rounding.
    return on_grid(couplings, bound=2.0), 1.0


def projector_factor_by_gram(xi: np.ndarray, damping: float) -> np.ndarray | None:
    """F with W = FᵀF = Ξᵀ (ΞΞᵀ + λN I)⁻¹ Ξ, from the P×P Gram matrix G = ΞΞᵀ = Q Λ Qᵀ:
    F = diag(1/√(Λ + λN)) Qᵀ Ξ. O(P²N) instead of an SVD of Ξ, for P < N.

    The Gram matrix squares Ξ's condition number, so this is used only when G is full rank and
    well conditioned (λ_min / λ_max > 1e-6, an error in W far below the 2^-36 grid of `on_grid`);
    otherwise None, and the caller takes the SVD.
    """
    gram = xi @ xi.T  # whole numbers: exact
    values, vectors = np.linalg.eigh(gram)
    if values[0] <= values[-1] * 1e-6:
        return None
    n = xi.shape[1]
    return (vectors.T @ xi) / np.sqrt(values + damping * n)[:, None]


def stacked_couplings(rule: Rule, patterns: np.ndarray, settings: Mapping[str, Any]) -> np.ndarray:
    """Transposed couplings Cᵀ (T, N, N), C-contiguous, of a pairwise rule for each pattern set of
    a stack (T, P, N): one batched call when the rule's `train` takes stacks (`Rule.stacked`, as
    `hebbian` does: symmetric, so Cᵀ = C), else one `train` per set. For `dynamics.sync_stack`."""
    if rule.stacked:
        return rule.train(patterns, **settings)[0]
    return np.stack([rule.train(trial, **settings)[0].T for trial in patterns])


def _hebbian_capacity(n: int) -> float:
    """Amit, Gutfreund & Sompolinsky 1985: P_max ≈ 0.138 N."""
    return 0.138 * n


def _storkey_capacity(n: int) -> float:
    """Storkey 1997: P_max ≈ N / √(2 ln N)."""
    return n / math.sqrt(2 * math.log(max(n, 2)))


def _projection_capacity(n: int, damping: float) -> float:
    """Personnaz et al. 1985: every pattern stored while P < N."""
    return float(n)


# Each rule's theory in words (`Rule.theory_text`), also the end of its description: formula, criterion, source.
_HEBBIAN_THEORY = (
    "Capacity ≈ 0.138 N with up to 1.6 % of bits wrong (Amit, Gutfreund & Sompolinsky 1985); "
    "error-free, N / (2 ln N) for one pattern and N / (4 ln N) for all at once (McEliece et al. 1987)."
)
_STORKEY_THEORY = "Capacity ≈ N / √(2 ln N), each pattern error-free (Storkey 1997)."
_PROJECTION_THEORY = (
    "Capacity N: every stored pattern exactly a fixed point while P < N (Personnaz et al. 1985)."
)

PAIRWISE_RULES = (
    Rule(
        "hebbian",
        "Hebbian",
        "W = (1/N) Σ_μ ξ^μ ξ^μᵀ, w_ii = 0. " + _HEBBIAN_THEORY,
        "pairwise",
        _hebbian_capacity,
        train=hebbian,
        stacked=True,
        descends=("async",),
        energy=PAIRWISE_ENERGY,
        strengths=True,
        theory_text=_HEBBIAN_THEORY,
    ),
    Rule(
        "storkey",
        "Storkey",
        "w_ij += (1/N)[ε_i ε_j − ε_i h_ji − h_ij ε_j], h_ij = Σ_{k≠i,j} w_ik ε_k. "
        + _STORKEY_THEORY,
        "pairwise",
        _storkey_capacity,
        train=storkey,
        descends=("async",),
        energy=PAIRWISE_ENERGY,
        theory_text=_STORKEY_THEORY,
    ),
    Rule(
        "pseudoinverse",
        "Pseudo-inverse",
        "W = Ξᵀ(ΞΞᵀ + λN I)⁺Ξ, w_ii = 0 (λ = 0: a projection). " + _PROJECTION_THEORY,
        "pairwise",
        _projection_capacity,
        train=pseudoinverse,
        params=(
            ParamSpec(
                "damping",
                0.0,
                0.0,
                label="Damping λ",
                step=0.01,
                slider=(0.0, 1.0),
                help="Softens the pseudo-inverse for correlated patterns: (ΞΞᵀ + λN I)⁻¹.",
            ),
        ),
        descends=("async",),
        energy=PAIRWISE_ENERGY,
        theory_text=_PROJECTION_THEORY,
    ),
)
