"""Learning rules: a registry mapping a name to how a memory is built and its capacity.

A pairwise rule turns patterns Ξ (P, N) into couplings C and a scale s, with weights
W = s·C. Keeping the scale outside lets the Hebbian couplings stay whole numbers, so a
field of exactly zero is a true tie even in float32. Dense and modern memories keep the
patterns themselves instead of a matrix; their rules have no `train` function.

Adding a rule is one function and one entry in `RULES`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from .patterns import check_real

__all__ = ["Rule", "RULES", "get_rule", "hebbian", "storkey", "pseudoinverse", "exact_dtype", "on_grid"]

Couplings = tuple[np.ndarray, float]


def exact_dtype(n: int, p: int) -> type:
    """float32 while every field Σ_j C_ij s_j of whole-number couplings |C_ij| <= P stays below 2^24."""
    return np.float32 if n * max(p, 1) < 2**24 else np.float64


_GRID = 2.0**-36  # real-valued couplings are snapped to multiples of this


def on_grid(couplings: np.ndarray) -> np.ndarray:
    """Round real couplings to multiples of 2^-36 (a change below 1e-11), in place.

    Then every field Σ_j C_ij s_j with s = ±1 is a whole multiple of 2^-36 below 2^53 of them,
    so float64 computes it exactly in any summation order: a zero field is a true tie, and
    batched, incremental and plain recalls agree bit for bit. Skipped when max|C|·N >= 2^17.
    """
    top = max(couplings.max(initial=0.0), -couplings.min(initial=0.0))  # max|C| without a temporary (NaN stays NaN)
    if top * couplings.shape[0] < 2.0**17:
        # Scaling by a power of two is exact, so this is round(C / 2^-36) · 2^-36 without temporaries.
        couplings *= 2.0**36
        np.rint(couplings, out=couplings)
        couplings *= _GRID
    return couplings


def hebbian(patterns: np.ndarray) -> Couplings:
    """Hebb's rule: W = (1/N) Σ_μ ξ^μ ξ^μᵀ with w_ii = 0 (Hopfield 1982).

    Returns the whole-number couplings C = Σ_μ ξ^μ ξ^μᵀ (zero diagonal) and the scale 1/N.
    The seed notes scale by 1/P instead: a positive scale changes energies, never the
    sign of a field, so the dynamics are the same.
    """
    p, n = patterns.shape
    as_float = patterns.astype(exact_dtype(n, p))
    # A contiguous Ξᵀ makes this one plain GEMM (numpy's `Ξ.T @ Ξ` takes a slower syrk-and-mirror
    # path); the sums are whole numbers, exact in any order, so C is still exactly symmetric.
    couplings = np.ascontiguousarray(as_float.T) @ as_float
    np.fill_diagonal(couplings, 0)
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
    damping = check_real(damping, "damping")
    p, n = patterns.shape
    xi = patterns.astype(np.float64)
    # Ξ = U S Vᵀ gives W = V diag(s² / (s² + λN)) Vᵀ over the nonzero singular values: the
    # same matrix, without squaring the condition number in ΞΞᵀ.
    _, singular, rows = np.linalg.svd(xi, full_matrices=False)
    kept = singular > singular.max() * max(p, n) * np.finfo(np.float64).eps  # the rank, as np.linalg.matrix_rank
    power = singular[kept] ** 2
    scaled = rows[kept] * np.sqrt(power / (power + damping * n))[:, None]
    couplings = scaled.T @ scaled  # one symmetric rank-k product, mirrored: exactly symmetric
    np.fill_diagonal(couplings, 0)
    # on_grid also turns rounding noise into exact zeros: a row of the projector whose w_ii is 1
    # is zero off the diagonal, and there a stored pattern's field must be a true tie.
    return on_grid(couplings), 1.0


def _double_factorial(k: int) -> int:
    return math.prod(range(k, 0, -2)) if k > 0 else 1


def _dense_poly_capacity(n: int, degree: int = 3, **_: object) -> float:
    """Krotov & Hopfield 2016: P_max ≈ N^(n−1) / (2 (2n−3)!! ln N)."""
    return n ** (degree - 1) / (2 * _double_factorial(2 * degree - 3) * math.log(max(n, 2)))


def _exponential_capacity(n: int, **_: object) -> float:
    """Demircigil et al. 2017: P_max ≈ 2^(N/2) (inf once it exceeds float range)."""
    return float(np.exp2(n / 2))


@dataclass(frozen=True)
class Rule:
    """A learning rule: how to build the memory, what it can hold, which dynamics it runs."""

    name: str
    title: str
    description: str
    kind: str  # "pairwise" (a weight matrix), "dense" (Krotov–Hopfield) or "modern" (softmax)
    capacity: Callable[..., float]  # capacity(n, **params) -> theoretical P_max
    modes: tuple[str, ...]
    train: Callable[..., Couplings] | None = None
    params: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


_PAIRWISE_MODES = ("sync", "async", "stochastic")

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        Rule(
            "hebbian",
            "Hebbian",
            "W = (1/N) Σ_μ ξ^μ ξ^μᵀ, w_ii = 0. Capacity ≈ 0.138 N with a few errors "
            "(Amit, Gutfreund & Sompolinsky 1985), N / (2 ln N) error-free (McEliece et al. 1987).",
            "pairwise",
            lambda n, **_: 0.138 * n,
            _PAIRWISE_MODES,
            hebbian,
        ),
        Rule(
            "storkey",
            "Storkey",
            "w_ij += (1/N)[ε_i ε_j − ε_i h_ji − h_ij ε_j], h_ij = Σ_{k≠i,j} w_ik ε_k. "
            "Capacity ≈ N / √(2 ln N) (Storkey 1997).",
            "pairwise",
            lambda n, **_: n / math.sqrt(2 * math.log(max(n, 2))),
            _PAIRWISE_MODES,
            storkey,
        ),
        Rule(
            "pseudoinverse",
            "Pseudo-inverse",
            "W = Ξᵀ(ΞΞᵀ + λN I)⁺Ξ, w_ii = 0: a projection, every stored pattern a fixed point "
            "while P < N (Personnaz et al. 1985). Capacity N.",
            "pairwise",
            lambda n, **_: float(n),
            _PAIRWISE_MODES,
            pseudoinverse,
            MappingProxyType({"damping": 0.0}),
        ),
        Rule(
            "dense-poly",
            "Dense (polynomial)",
            "E = −Σ_μ F(ξ^μ·s), F(x) = xⁿ (Krotov & Hopfield 2016). "
            "Capacity ≈ N^(n−1) / (2(2n−3)!! ln N).",
            "dense",
            _dense_poly_capacity,
            ("sync", "async"),
            params=MappingProxyType({"degree": 3}),
        ),
        Rule(
            "dense-exp",
            "Dense (exponential)",
            "E = −Σ_μ exp(ξ^μ·s) (Demircigil et al. 2017). Capacity ≈ 2^(N/2).",
            "dense",
            _exponential_capacity,
            ("sync", "async"),
        ),
        Rule(
            "modern",
            "Modern (softmax)",
            "ξ ← Ξᵀ softmax(β Ξ ξ / N), energy −lse(β, Ξξ) + ½ξᵀξ + β⁻¹ ln P + ½M² "
            "(Ramsauer et al. 2020). Capacity exponential in N (shown: 2^(N/2)).",
            "modern",
            _exponential_capacity,
            ("sync",),
            params=MappingProxyType({"beta": 50.0}),
        ),
    )
}


def get_rule(name: str) -> Rule:
    """Return the registered rule called `name`, or raise ValueError listing the names."""
    if not isinstance(name, str) or name not in RULES:
        raise ValueError(f"Unknown learning rule {name!r}; choose one of {', '.join(RULES)}.")
    return RULES[name]
