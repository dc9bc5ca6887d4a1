"""Pattern strengths: a weight c_μ >= 0 per stored pattern, W = (1/N) Σ_μ c_μ ξ^μ ξ^μᵀ (Hebbian, zero diagonal).

A rule accepts them when `Rule.strengths` is true (`HopfieldNetwork.train(..., strengths=c)`):
hebbian, palimpsest and unlearning.
"""

from __future__ import annotations

import numpy as np

__all__ = ["check_strengths", "effective_patterns"]


def check_strengths(strengths: object, count: int) -> np.ndarray | None:
    """`strengths` as a read-only float64 (P,) array of finite numbers >= 0 (not all zero), or None when
    every one is 1 (the plain rule: the same memory, the same fingerprint). ValueError with a sentence."""
    try:
        raw = np.asarray(strengths)
    except (TypeError, ValueError):  # ragged lists
        raw = np.array([], dtype=object)
    if raw.dtype.kind not in "iuf":
        raise ValueError(f"strengths must be numbers, one per stored pattern, got {strengths!r}.")
    values = raw.astype(np.float64)
    if values.shape != (count,):
        raise ValueError(
            f"strengths must hold one number per stored pattern ({count}), got shape {values.shape}."
        )
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError("strengths must be finite numbers >= 0.")
    if count and not values.any():
        raise ValueError(
            "At least one strength must be above 0: with every strength 0 nothing is stored."
        )
    if (values == 1).all():
        return None
    values = values.copy()
    values.flags.writeable = False
    return values


def effective_patterns(strengths: object | None, count: int) -> float:
    """How many equal-strength patterns weigh on the weakest stored pattern (c_μ > 0):

        P_eff = Σ_ν c_ν² / c_min²,

    from the signal-to-noise ratio of a Hebbian field, c_μ / √(Σ_{ν≠μ} c_ν² / N) (= √(N/P) when every
    c = 1, so P_eff = P). A pattern of strength 0 is not stored and does not count."""
    if strengths is None:
        return float(count)
    values = np.asarray(strengths, dtype=np.float64)
    stored = values[values > 0]
    return float((stored**2).sum() / stored.min() ** 2) if stored.size else 0.0
