"""Outcomes of a recall: overlaps, Hamming distances, outcome labels, stability, pattern correlations.

Overlap of a state s with pattern ξ^μ: m_μ = (1/N) ξ^μ·s, in [−1, 1]; the Hamming distance
is d_μ = N (1 − m_μ) / 2. A recall outcome is one of

- "target":   the state equals the pattern it was meant to recall;
- "stored":   it equals another stored pattern;
- "reversed": it equals −ξ^μ for some μ (the energy is even in s, so −ξ^μ is as stable as ξ^μ);
- "mixture":  it equals sign(±ξ^a ± ξ^b ± ξ^c) for the three patterns with the largest |m_μ|,
              each taken with the sign of its overlap (Amit, Gutfreund & Sompolinsky 1985);
- "spurious": anything else.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..network import HopfieldNetwork
from ..patterns import as_patterns, as_states

__all__ = [
    "OUTCOMES", "ATTRACTOR_KINDS", "overlaps", "hamming", "classify", "describe", "stability", "correlation_matrix",
]

OUTCOMES = ("target", "stored", "reversed", "mixture", "spurious")
ATTRACTOR_KINDS = ("stored", "reversed", "mixture", "spurious")


def _dots(patterns: np.ndarray, states: np.ndarray) -> np.ndarray:
    """ξ^μ·s for each state and pattern (B, P) as int64 (exact: float64 sums of ±1 far below 2^53)."""
    return np.rint(states.astype(np.float64) @ patterns.T.astype(np.float64)).astype(np.int64)


def _patterns_and_states(patterns: object, states: object) -> tuple[np.ndarray, np.ndarray, bool]:
    xi = as_patterns(patterns)
    batch, single = as_states(states, xi.shape[1])
    return xi, batch, single


def overlaps(patterns: object, states: object) -> np.ndarray:
    """m_μ = (1/N) ξ^μ·s for every state (rows) and pattern (columns): float64 (B, P), a 1-D state gives B = 1."""
    xi, batch, _ = _patterns_and_states(patterns, states)
    return _dots(xi, batch) / xi.shape[1]


def hamming(patterns: object, states: object) -> np.ndarray:
    """Bits in which each state differs from each pattern, d_μ = (N − ξ^μ·s) / 2: int64 (B, P)."""
    xi, batch, _ = _patterns_and_states(patterns, states)
    return (xi.shape[1] - _dots(xi, batch)) // 2


def _outcomes(patterns: np.ndarray, states: np.ndarray) -> tuple[list[str], list[tuple[tuple[int, int], ...]]]:
    """Kind of each state, ignoring targets ("stored", "reversed", "mixture", "spurious"), and its
    components as (pattern index, sign) pairs: one for stored/reversed, three (by index) for a mixture.

    The mixture candidate takes the three largest |ξ^μ·s| (ties to the lower index); a zero overlap
    among them gives no mixture. sign(±ξ^a ± ξ^b ± ξ^c) never ties: the sum of three ±1 is odd.
    """
    b, n = states.shape
    p = patterns.shape[0]
    if p == 0:
        return ["spurious"] * b, [()] * b
    dots = _dots(patterns, states)
    stored, reversed_ = dots == n, dots == -n
    mixture = np.zeros(b, bool)
    top = np.zeros((b, 0), np.int64)
    top_signs = np.zeros((b, 0), np.int64)
    if p >= 3:
        top = np.argsort(-np.abs(dots), axis=1, kind="stable")[:, :3]
        top_signs = np.sign(np.take_along_axis(dots, top, axis=1))
        combined = np.sign(np.einsum("bk,bkn->bn", top_signs, patterns[top].astype(np.int64)))
        mixture = (top_signs != 0).all(axis=1) & (combined == states).all(axis=1)
    kinds, components = [], []
    for row in range(b):
        if stored[row].any():
            kinds.append("stored")
            components.append(((int(stored[row].argmax()), 1),))
        elif reversed_[row].any():
            kinds.append("reversed")
            components.append(((int(reversed_[row].argmax()), -1),))
        elif mixture[row]:
            kinds.append("mixture")
            components.append(tuple(sorted(zip(top[row].tolist(), top_signs[row].tolist(), strict=True))))
        else:
            kinds.append("spurious")
            components.append(())
    return kinds, components


def _check_targets(targets: object, batch: int, count: int) -> np.ndarray:
    """Targets as int64 (B,): one index in [0, P) for every state, or one index for all of them."""
    values = np.asarray(targets)
    if values.dtype == bool or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"targets must be whole-number pattern indices, got {targets!r}.")
    if values.ndim == 0:
        values = np.full(batch, int(values))
    if values.shape != (batch,):
        raise ValueError(f"targets must give one pattern index per state ({batch}), got shape {values.shape}.")
    if ((values < 0) | (values >= count)).any():
        raise ValueError(f"targets must be pattern indices from 0 to {count - 1}, got {values.tolist()}.")
    return values.astype(np.int64)


def classify(patterns: object, states: object, targets: object = None) -> list[str]:
    """Outcome of each state: "target", "stored", "reversed", "mixture" or "spurious" (see the module docstring).

    targets: None, one pattern index for every state, or one index per state; a state equal to
    its target pattern is "target", equal to any other stored pattern "stored".
    """
    xi, batch, _ = _patterns_and_states(patterns, states)
    kinds, _ = _outcomes(xi, batch)
    if targets is not None:
        wanted = _check_targets(targets, len(batch), len(xi))
        hit = (batch == xi[wanted]).all(axis=1)
        kinds = ["target" if found else kind for kind, found in zip(kinds, hit, strict=True)]
    return kinds


def _check_labels(labels: Sequence[str] | None, count: int) -> list[str]:
    if labels is None:
        return [str(index) for index in range(count)]
    if isinstance(labels, (str, bytes)) or not hasattr(labels, "__len__") or len(labels) != count:
        raise ValueError(f"labels must be a sequence of {count} names, one per stored pattern.")
    return [str(label) for label in labels]


def _label(kind: str, components: tuple[tuple[int, int], ...], labels: list[str]) -> str:
    if kind == "spurious":
        return kind
    if kind == "mixture":
        names = ", ".join(("" if sign > 0 else "−") + labels[index] for index, sign in components)
        return f"mixture of {names}"
    return f"{kind} {labels[components[0][0]]}"


def describe(patterns: object, state: object, labels: Sequence[str] | None = None) -> str:
    """A short name for one state: "stored 3", "reversed 7", "mixture of 1, −4, 7" or "spurious".

    labels: one name per pattern (default: the indices "0", "1", ...). A mixture lists its three
    patterns by index, a reversed component (negative overlap) with a leading "−".
    """
    xi, batch, _ = _patterns_and_states(patterns, state)
    if len(batch) != 1:
        raise ValueError(f"state must be one state (N,), got {len(batch)} states.")
    names = _check_labels(labels, len(xi))
    kinds, components = _outcomes(xi, batch)
    return _label(kinds[0], components[0], names)


def stability(network: HopfieldNetwork) -> np.ndarray:
    """Bits of each stored pattern that change in one synchronous update, int64 (P,); 0 is a fixed point.

    Counts i with sign(h_i) ≠ ξ^μ_i for h = W ξ^μ (a zero field keeps the bit), for the rule's own
    update (network.recall(patterns, mode="sync", max_steps=1)).
    """
    if network.memorised == 0:
        return np.zeros(0, np.int64)
    result = network.recall(network.patterns, mode="sync", max_steps=1)
    return (result.states != network.patterns).sum(axis=1).astype(np.int64)


def correlation_matrix(patterns: object) -> np.ndarray:
    """C_μν = (1/N) ξ^μ·ξ^ν, float64 (P, P): 1 on the diagonal, ±1 for equal or reversed patterns."""
    xi = as_patterns(patterns)
    return _dots(xi, xi) / xi.shape[1]
