"""The rules of memories that keep their patterns instead of a matrix: dense (Krotov & Hopfield 2016;
Demircigil et al. 2017) and modern (Ramsauer et al. 2020). Each gives a `memory` function."""

from __future__ import annotations

import math

import numpy as np

from ..dense import DEFAULT_DEGREE, DenseMemory
from ..modern import DEFAULT_BETA, ENERGY_FORMULA, ENERGY_LATEX, SPARSE_ENERGY_FORMULA, ModernMemory
from ..sparse import ATTENTIONS, ENTMAX_ALPHA
from .spec import ParamSpec, Rule, no_closed_form

__all__ = ["DENSE_MODERN_RULES"]


def _double_factorial(k: int) -> int:
    return math.prod(range(k, 0, -2)) if k > 0 else 1


def _dense_poly_capacity(n: int, degree: int) -> float:
    """Krotov & Hopfield 2016: P_max ≈ N^(n−1) / (2 (2n−3)!! ln N)."""
    return n ** (degree - 1) / (2 * _double_factorial(2 * degree - 3) * math.log(max(n, 2)))


def _exponential_capacity(n: int) -> float:
    """Demircigil et al. 2017: P_max ≈ 2^(N/2) for the exponential energy (inf once it exceeds float range)."""
    return 2.0 ** (n / 2) if n < 2048 else math.inf  # 2^1024 is past the largest float


def _dense_poly(patterns: np.ndarray, degree: int) -> DenseMemory:
    return DenseMemory(patterns, "poly", degree)


def _dense_rectified(patterns: np.ndarray, degree: int) -> DenseMemory:
    return DenseMemory(patterns, "rect", degree)


def _dense_exp(patterns: np.ndarray) -> DenseMemory:
    return DenseMemory(patterns, "exp")


def _modern(
    patterns: np.ndarray, beta: float, attention: str, alpha: float, values: object = None
) -> ModernMemory:
    """Binary ±1 codes (int8): a memory of signs; real patterns, or keys with values: a real-valued one."""
    if values is not None:
        patterns = patterns.astype(np.float64, copy=False)  # the network's own read-only array
    return ModernMemory(patterns, beta, values, attention, alpha)


def _degree(help_: str) -> ParamSpec:
    """The degree n of F(x) = xⁿ or max(x, 0)ⁿ, a whole number from 2 to 20 (the slider offers 2 to 10)."""
    return ParamSpec(
        "degree",
        DEFAULT_DEGREE,
        2,
        20,
        integer=True,
        label="Degree n",
        step=1,
        slider=(2, 10),
        help=help_,
    )


# Each rule's theory in words (`Rule.theory_text`), also the end of its description: formula, criterion, source.
_POLY_THEORY = (
    "Capacity ≈ N^(n−1) / (2(2n−3)!! ln N), each pattern error-free (Krotov & Hopfield 2016)."
)
_EXP_THEORY = (
    "Capacity ≈ 2^(N/2): exponentially many patterns e^(αN), each recalled exactly, up to α = ½ ln 2 "
    "(Demircigil et al. 2017)."
)
_MODERN_THEORY = (
    "Capacity exponential in N, with a constant that depends on β and on how far apart the patterns are "
    "(Ramsauer et al. 2020, Theorem 3): no closed form is drawn."
)
_RECTIFIED_THEORY = (
    "No closed form: the line drawn is the polynomial rule's N^(n−1) / (2(2n−3)!! ln N) (Krotov & "
    "Hopfield 2016). The rectified rule stores more: at twice that load most patterns stay fixed "
    "points, against a minority under the polynomial rule (measured)."
)

DENSE_MODERN_RULES = (
    Rule(
        "dense-poly",
        "Dense (polynomial)",
        "E = −Σ_μ F(ξ^μ·s), F(x) = xⁿ (Krotov & Hopfield 2016). " + _POLY_THEORY,
        "dense",
        _dense_poly_capacity,
        memory=_dense_poly,
        params=(_degree("F(x) = xⁿ; n = 2 is the classic network, larger n stores far more."),),
        descends=("async",),
        energy="Energies are the dense memory's $E = -\\sum_\\mu (\\xi^\\mu\\cdot s)^n$.",
        theory_text=_POLY_THEORY,
    ),
    Rule(
        "dense-exp",
        "Dense (exponential)",
        "E = −Σ_μ exp(ξ^μ·s) (Demircigil et al. 2017). " + _EXP_THEORY,
        "dense",
        _exponential_capacity,
        memory=_dense_exp,
        descends=("async",),
        energy="Energies are $-\\ln\\sum_\\mu e^{\\xi^\\mu\\cdot s}$, the logarithm of the exponential "
        "energy's size.",
        theory_text=_EXP_THEORY,
    ),
    Rule(
        "modern",
        "Modern (softmax)",
        f"ξ ← Xᵀ softmax(β Xξ / N), energy {ENERGY_FORMULA} (Ramsauer et al. 2020; X: the patterns, M² = "
        "max_μ ξ^μ·ξ^μ / N). β multiplies the normalised overlap ξ^μ·ξ / N: the overlap in [−1, 1] "
        "for ±1 patterns, the correlation for images standardised per image. " + _MODERN_THEORY,
        "modern",
        no_closed_form,
        memory=_modern,
        params=(
            ParamSpec(
                "beta",
                DEFAULT_BETA,
                0.0,
                lo_open=True,
                label="Inverse temperature β",
                step=0.5,
                slider=(0.5, 100.0),
                help="ξ ← Ξᵀ softmax(β Ξξ / N): β multiplies the normalised overlap ξ^μ·ξ / N (a correlation "
                "for standardised images); larger β makes the softmax pick the single nearest memory.",
            ),
            ParamSpec(
                "attention",
                "softmax",
                choices=ATTENTIONS,
                label="Attention",
                help="softmax, or sparsemax / α-entmax, which give memories far from the state exactly zero weight "
                "(Hu et al. 2023; Santos et al. 2024); the energy becomes "
                + SPARSE_ENERGY_FORMULA
                + ".",
            ),
            ParamSpec(
                "alpha",
                ENTMAX_ALPHA,
                1.0,
                2.0,
                label="Entmax α",
                step=0.05,
                slider=(1.05, 1.95),
                help="α of α-entmax (attention=entmax only): 1 is softmax, 2 sparsemax.",
            ),
        ),
        descends=("sync",),
        energy=f"Energies are the modern network's ${ENERGY_LATEX}$, of its real-valued states along the recall.",
        real_valued=True,
        theory_text=_MODERN_THEORY,
    ),
    Rule(
        "dense-rectified",
        "Dense (rectified)",
        "E = −Σ_μ F(ξ^μ·s), F(x) = max(x, 0)ⁿ (Krotov & Hopfield 2016): only patterns the state agrees "
        "with pull on it, so a reversed pattern −ξ^μ is not an attractor, unlike under the polynomial rule "
        "with even n, where F(−x) = F(x). " + _RECTIFIED_THEORY,
        "dense",
        _dense_poly_capacity,
        memory=_dense_rectified,
        params=(
            _degree("F(x) = max(x, 0)ⁿ: the polynomial rule with negative overlaps cut to 0."),
        ),
        descends=("async",),
        energy="Energies are the rectified dense memory's $E = -\\sum_\\mu \\max(\\xi^\\mu\\cdot s, 0)^n$.",
        theory_text=_RECTIFIED_THEORY,
    ),
)
