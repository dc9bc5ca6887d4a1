"""Online learning rules: a memory that forgets (palimpsest) and dreaming (unlearning).

- `palimpsest`: online Hebbian learning with bounded weights, patterns presented in order
  (Parisi 1986): W ← clip(W + c_μ ξ^μ ξ^μᵀ / √N, −A, A), w_ii = 0. Old patterns fade.
- `unlearning`: Hebbian storage, then D dreams (Hopfield, Feinstein & Palmer 1983): each dream relaxes a
  random state asynchronously to a fixed point s* and subtracts (ε/N) s* s*ᵀ, w_ii = 0. What matters is
  the depth D·ε/N (van Hemmen et al. 1990), so the rule takes the depth and sets ε = depth·N/D.

Both take pattern strengths c_μ (`hopfield.strengths`).
"""

from __future__ import annotations

import math

import numpy as np

from ..patterns import make_rng
from .pairwise import PAIRWISE_ENERGY, hebbian, on_grid
from .spec import ParamSpec, Rule, no_closed_form

__all__ = [
    "ONLINE_RULES",
    "palimpsest",
    "palimpsest_window",
    "unlearning",
    "dream_grid",
    "dream_epsilon",
    "dreaming_words",
    "PALIMPSEST_WINDOW",
    "PALIMPSEST_TEXT",
    "DREAMS",
    "DREAM_DEPTH",
    "DREAMING_TEXT",
]

DREAMS = 200  # the default D
DREAM_DEPTH = (
    0.02  # the default depth D·ε/N: ε = 0.01 at N = 100, 0.0784 at N = 784 (bench/learning.py)
)
# What dreaming does, in words, and why there is no theory line (`Rule.theory_text` of "unlearning").
DREAMING_TEXT = (
    "No closed-form capacity: dreaming raises the share of stored patterns that are fixed points, "
    "measured on Learning over time. The depth D·ε/N matters: useful from about 0.01 to 0.1, the "
    "stored patterns are wiped out near 0.15–0.2 (van Hemmen et al. 1990)."
)


def palimpsest(
    patterns: np.ndarray, bound: float = 0.2, strengths: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """Parisi's memory which forgets (1986): patterns presented in order, each one

        W ← clip(W + c_μ ξ^μ ξ^μᵀ / √N, −A, A),   w_ii = 0,

    from W = 0, A = `bound`, c_μ = 1 without strengths. Recent patterns are recalled, old ones fade
    into the bounded weights instead of the whole memory breaking down past 0.138 N.
    Returns (W snapped to the 2^-36 grid, scale 1).
    """
    p, n = patterns.shape
    step = 1.0 / math.sqrt(n)
    weights = np.zeros((n, n))
    xi = patterns.astype(np.float64)
    for mu in range(p):
        size = step if strengths is None else strengths[mu] * step
        weights += np.outer(xi[mu] * size, xi[mu])
        np.clip(weights, -bound, bound, out=weights)
    np.fill_diagonal(weights, 0.0)
    return on_grid(weights), 1.0


def dream_grid(epsilon: float) -> float:
    """ε rounded to a multiple of 2^-36 (a change below 1e-11): then every dream's subtraction is exact."""
    return float(on_grid(np.array([[epsilon]]))[0, 0])  # the grid of `on_grid`


def dream_epsilon(n: int, dreams: int, depth: float) -> float:
    """ε = depth·N / D, each dream's strength for a total depth D·ε/N (0 without dreams)."""
    return depth * n / dreams if dreams else 0.0


def dreaming_words(n: int, dreams: int, depth: float, **_: object) -> str:
    """The dreams in words, e.g. "200 dreams of depth D·ε/N = 0.02 (ε = 0.0784 at N = 784)"."""
    return f"{dreams} dreams of depth D·ε/N = {depth:g} (ε = {dream_epsilon(n, dreams, depth):.3g} at N = {n})"


def unlearning(
    patterns: np.ndarray,
    dreams: int = DREAMS,
    depth: float = DREAM_DEPTH,
    seed: int = 0,
    strengths: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """Hebbian storage followed by `dreams` dreams of strength ε = depth·N/D (`dream_epsilon`), so that
    depth = D·ε/N whatever N is (Hopfield, Feinstein & Palmer 1983; van Hemmen et al. 1990):

        W = (1/N) [Σ_μ c_μ ξ^μ ξ^μᵀ − ε Σ_d s*_d s*_dᵀ],   w_ii = 0,

    dream d starting from a random state `2 * rng.integers(0, 2, N) - 1` (rng = default_rng(seed)) and
    relaxing asynchronously (as `dynamics.run(..., "async", seed=rng)`, one fresh permutation per sweep)
    to a fixed point s*_d of the weights left by the dreams before it. Spurious minima are the
    states most often dreamt of, so they lose depth; stored patterns keep theirs.
    Returns (C, 1/N) with C the bracket; C stays on the 2^-36 grid (ε is rounded to it), so
    every field is exact while max|C|·N < 2^17.
    """
    p, n = patterns.shape
    couplings, _ = hebbian(patterns, strengths)
    couplings = couplings.astype(np.float64)
    rng = make_rng(seed)
    step = dream_grid(dream_epsilon(n, dreams, depth))
    scale = 1.0 / n
    for _ in range(dreams):
        start = (2 * rng.integers(0, 2, size=(1, n), dtype=np.int8) - 1).astype(np.int8)
        dreamt = _relax(couplings, start[0].astype(np.float64), rng)
        couplings -= step * np.outer(dreamt, dreamt)
        np.fill_diagonal(couplings, 0.0)
    return couplings, scale


def _relax(couplings: np.ndarray, state: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One state's asynchronous descent to a fixed point, in place: while a neuron is unstable (s_i h_i < 0),
    one sweep in the order `rng.permutation(N)` flips each neuron that is unstable when visited, h += 2 s_i C[:, i].

    The same draws and flips as `dynamics.run(..., "async", seed=rng)` on this one state (C symmetric),
    with one Python step per neuron visited instead of a dozen array operations per flip (ten times faster
    for one state). Fields stay exact on the 2^-36 grid, so the descent ends (the energy falls at every flip).
    """
    fields = couplings @ state
    while (state * fields < 0).any():
        for i in rng.permutation(len(state)).tolist():
            if state[i] * fields[i] < 0:
                state[i] = -state[i]
                fields += (2.0 * state[i]) * couplings[i]
    return state


# The palimpsest's window / N against the bound A, measured (bench/palimpsest_window.py, N = 800, 8 trials): P = N
# random patterns stored in order, each recalled synchronously from 0.1 N flipped bits; the window is the newest
# patterns in a row recalled exactly in most trials (`AgeCurve.span`). No formula gives it at every A: Parisi (1986)
# finds ≈ 0.04 N and Nadal et al. (1986) ≈ 0.05 N for a well-chosen bound, under a looser criterion.
PALIMPSEST_WINDOW = {
    0.02: 0.0025,
    0.05: 0.0075,
    0.1: 0.0163,
    0.15: 0.0225,
    0.2: 0.0275,
    0.25: 0.0275,
    0.3: 0.0275,
    0.35: 0.02,
    0.4: 0.0138,
    0.5: 0.0025,
    0.6: 0.0,
    0.8: 0.0,
    1.0: 0.0,
}
PALIMPSEST_TEXT = (
    "Keeps a window of the newest patterns that follows the bound A, measured (N = 800; exact recall "
    "from 10 % flipped bits in most trials): about 0.0275 N at A = 0.2–0.3, fewer at smaller A, none "
    "from A ≈ 0.6, where it breaks down like Hebb's rule. Parisi (1986) and Nadal, Toulouse, Changeux "
    "& Dehaene (1986) give ≈ 0.04–0.05 N for a well-chosen bound."
)


def palimpsest_window(n: int, bound: float) -> float:
    """N · w(A): the newest patterns recalled at N neurons and bound A, w interpolated linearly in
    `PALIMPSEST_WINDOW` (0 at A = 0 and beyond the last bound)."""
    bounds = [0.0, *PALIMPSEST_WINDOW]
    return n * float(np.interp(bound, bounds, [0.0, *PALIMPSEST_WINDOW.values()], right=0.0))


ONLINE_RULES = (
    Rule(
        "palimpsest",
        "Palimpsest (forgetting)",
        "Patterns learnt one at a time, W ← clip(W + ξξᵀ/√N, −A, A), w_ii = 0: a memory which forgets "
        "the oldest patterns instead of breaking down (Parisi 1986). " + PALIMPSEST_TEXT,
        "pairwise",
        palimpsest_window,
        train=palimpsest,
        params=(
            ParamSpec(
                "bound",
                0.2,
                0.0,
                lo_open=True,
                label="Weight bound A",
                step=0.01,
                slider=(0.02, 1.0),
                help="Every weight stays in [−A, A] (Parisi 1986); each pattern adds ξξᵀ/√N. A small A forgets "
                "fast; the window is widest near A = 0.2–0.3; from A ≈ 0.6 the memory breaks down like Hebb's rule.",
            ),
        ),
        descends=("async",),
        energy=PAIRWISE_ENERGY,
        strengths=True,
        theory_text=PALIMPSEST_TEXT,
    ),
    Rule(
        "unlearning",
        "Hebbian + dreaming",
        "Hebbian storage, then D dreams: relax a random state to a fixed point s* and subtract (ε/N) s* s*ᵀ, "
        "w_ii = 0 (Hopfield, Feinstein & Palmer 1983). Removes spurious states. " + DREAMING_TEXT,
        "pairwise",
        no_closed_form,
        train=unlearning,
        params=(
            ParamSpec(
                "dreams",
                DREAMS,
                0,
                100_000,
                integer=True,
                label="Dreams D",
                step=10,
                slider=(0, 1000),
                help="How many random states relax to a fixed point s* and are unlearnt (Hopfield, Feinstein & "
                "Palmer 1983). Each dream is one relaxation of all N neurons.",
            ),
            ParamSpec(
                "depth",
                DREAM_DEPTH,
                0.0,
                1.0,
                label="Dreaming depth D·ε/N",
                step=0.005,
                slider=(0.0, 0.3),
                help="The total unlearnt: each dream subtracts (ε/N) s* s*ᵀ with ε = depth·N/D, so the default "
                "scales with N (ε = 0.01 at N = 100, 0.078 at N = 784). Useful from about 0.01 to 0.1; the stored "
                "patterns are wiped out near 0.15–0.2 (van Hemmen et al. 1990).",
            ),
            ParamSpec(
                "seed",
                0,
                0,
                2**31 - 1,
                integer=True,
                label="Dream seed",
                step=1,
                slider=(0, 100),
                help="Seeds the random starting states and update orders of the dreams.",
            ),
        ),
        descends=("async",),
        energy=PAIRWISE_ENERGY,
        strengths=True,
        theory_text=DREAMING_TEXT,
    ),
)
