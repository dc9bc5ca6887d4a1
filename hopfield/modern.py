"""The modern Hopfield network (Ramsauer et al. 2020), for ±1 codes and real-valued patterns alike.

The modern continuous Hopfield network (Ramsauer et al. 2020, "Hopfield Networks is All You
Need") stores patterns ξ^μ ∈ R^N, the rows of X (P, N), and updates a real state ξ by

    ξ ← Xᵀ softmax(β X ξ / N).

β's scaling convention (the one used everywhere in Hopfield Lab, also for ±1 patterns): β
multiplies the normalised overlap m_μ = ξ^μ·ξ / N. For ±1 patterns m_μ is the usual overlap in
[−1, 1]; for images standardised per image (mean 0, variance 1: see `patterns.standardise`) it is
the correlation between the image and the state. So one β means the same sharpness whatever N is,
and a β slider spans the same three regimes for 8x8 digits, 28x28 digits and 64x64 photos:
global average (β ≲ 1), metastable states that average a group of similar memories, single
memories (β ≳ 10² to 10⁴, depending on how alike the memories are).

This is Ramsauer et al.'s update ξ ← X softmax(β Xᵀ ξ) for the normalised patterns x_μ = ξ^μ/√N
and state y = ξ/√N, and its energy (their eq. 2) is

    E(ξ) = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M²,   lse(β, z) = β⁻¹ ln Σ_μ exp(β z_μ),
    M² = max_μ ξ^μ·ξ^μ / N  (1 for standardised images and for ±1 patterns),

which never rises under the update (their Theorem 1; tested). The attention of a state is
softmax(β Xξ / N) (P,): which memories it draws on. Its effective number of memories is
1 / Σ_μ w_μ².

One memory, `ModernMemory`, holds both kinds: ±1 codes (int8 patterns; probes and results are
±1 states, the real states read back as signs) and real patterns (float64; real states), and
optionally values beside real keys (their section 3): one retrieval maps a probe ξ to
Vᵀ softmax(β Xξ / N) ∈ R^M, so an image retrieves its label (V one-hot) or a paired image.
Both kinds run the one update (`_run`), energy (`_energy`) and attention (`_attention`) below.

Sparse attention (Hu et al. 2023, "On Sparse Modern Hopfield Model"; Santos et al. 2024, "Sparse and
Structured Hopfield Networks"): attention="sparsemax" or "entmax" (with α, 1.5 by default) replaces softmax by
α-entmax (`hopfield.sparse`; α = 1 is softmax, 2 sparsemax), whose weights are exactly 0 for memories far
enough from the state. The same code then runs ξ ← Xᵀ entmax_α(β Xξ / N) and the Hopfield–Fenchel–Young energy

    E(ξ) = −β⁻¹ Ω*_α(β Xξ/N) + ξᵀξ/(2N) + β⁻¹ H_α(P) + ½M²,

Ω*_α the convex conjugate of the Tsallis negentropy (ln Σ exp for softmax) and H_α(P) its largest entropy
(ln P for softmax): for softmax exactly the energy above. The update is the concave–convex step of this energy,
so it never rises (tested for every attention).
"""

from __future__ import annotations

import numpy as np

from .patterns import (
    as_patterns,
    as_real,
    as_states,
    check_count,
    check_real,
    real_patterns,
    real_states,
)
from .results import RecallResult
from .sparse import ENTMAX_ALPHA, attention_alpha, entmax, entmax_conjugate, max_entropy

__all__ = [
    "CONTINUOUS_TOLERANCE",
    "DEFAULT_BETA",
    "ENERGY_FORMULA",
    "ENERGY_LATEX",
    "SPARSE_ENERGY_FORMULA",
    "ModernMemory",
    "attention",
    "check_attention",
    "check_beta",
    "continuous_energy",
    "continuous_run",
    "effective_count",
    "modern_energy",
    "modern_run",
    "sync_recall",
]

CONTINUOUS_TOLERANCE = (
    1e-9  # an update moving no component by this much (per unit of pixel std) has converged
)
DEFAULT_BETA = 50.0  # the modern rule's default β (`hopfield.RULES["modern"]` reads it from here)


def check_beta(beta: object) -> float:
    """β as a float, or ValueError unless it is a finite number > 0."""
    return check_real(beta, "beta", strict=True)


def _betas(beta: object, rows: int) -> np.ndarray:
    """β as one positive value per row (rows,): a number, or an array of `rows` of them."""
    if np.ndim(beta) == 0:
        return np.full(rows, check_beta(beta if not isinstance(beta, np.ndarray) else beta.item()))
    values = np.asarray(beta, np.float64).ravel()
    if values.size != rows or not (np.isfinite(values) & (values > 0)).all():
        raise ValueError(f"beta must be one finite number > 0, or one per probe ({rows}).")
    return values


def check_attention(attention: object, alpha: object = ENTMAX_ALPHA) -> float:
    """The α of an attention ("softmax" 1, "sparsemax" 2, "entmax" the given α in [1, 2]), or ValueError."""
    return attention_alpha(attention, alpha)


def _attention(
    stored: np.ndarray, states: np.ndarray, betas: np.ndarray, alpha: float = 1.0
) -> np.ndarray:
    """entmax_α(β X ξ / N) per row (B, P), with β (B,): softmax for α = 1, sparsemax for α = 2."""
    return entmax(betas[:, None] * (states @ stored.T) / stored.shape[1], alpha)


# The energy `_energy` computes, as the app shows it (one source for every caption; tests/test_science.py
# evaluates these terms by hand against `energy`): plain text and LaTeX, M² = max_μ ξ^μ·ξ^μ / N.
ENERGY_FORMULA = "E = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M²"
ENERGY_LATEX = (
    "E = -\\operatorname{lse}(\\beta, X\\xi/N) + \\xi^\\top\\xi/(2N) + \\beta^{-1}\\ln P "
    "+ \\tfrac12 M^2"
)
# With sparsemax or α-entmax attention (Santos et al. 2024, the Hopfield–Fenchel–Young energy): Ω*_α the Tsallis
# conjugate (`sparse.entmax_conjugate`), H_α(P) = (1 − P^(1−α))/(α(α−1)) its largest entropy (`sparse.max_entropy`).
SPARSE_ENERGY_FORMULA = "E = −β⁻¹ Ω*_α(β Xξ/N) + ξᵀξ/(2N) + β⁻¹ H_α(P) + ½M²"


def _energy(
    stored: np.ndarray, states: np.ndarray, betas: np.ndarray, alpha: float = 1.0
) -> np.ndarray:
    """ENERGY_FORMULA per row for softmax (α = 1): −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M²; for sparse attention
    SPARSE_ENERGY_FORMULA: lse becomes the Tsallis conjugate Ω*_α and ln P its largest entropy (module docstring)."""
    p, n = stored.shape
    conjugate = entmax_conjugate(betas[:, None] * (states @ stored.T) / n, alpha) / betas
    m2 = float(np.einsum("pi,pi->p", stored, stored).max()) / n
    return (
        -conjugate
        + np.einsum("bi,bi->b", states, states) / (2 * n)
        + max_entropy(p, alpha) / betas
        + 0.5 * m2
    )


def _run(
    stored: np.ndarray,
    states: np.ndarray,
    betas: np.ndarray,
    max_steps: int,
    record: bool,
    alpha: float = 1.0,
    held: np.ndarray | None = None,
) -> RecallResult:
    """The update on checked arrays: float64 patterns (P, N), states (B, N), β per row (B,), the attention's α;
    the `held` (B, N) components keep their values (clamped completion)."""
    values = states.copy()
    b = len(values)
    scale = max(1.0, float(np.sqrt(np.einsum("pi,pi->p", stored, stored).max() / stored.shape[1])))
    steps = np.zeros(b, np.int64)
    converged = np.zeros(b, bool)
    moving = np.arange(b)
    frames = [values.copy()] if record else []
    for step in range(max_steps + 1):
        if moving.size == 0:
            break
        current = values[moving]
        new = _attention(stored, current, betas[moving], alpha) @ stored
        if held is not None:
            new = np.where(held[moving], current, new)
        still = np.abs(new - current).max(axis=1) < CONTINUOUS_TOLERANCE * scale
        converged[moving[still]] = True
        if step == max_steps:  # the last pass only checks for convergence
            break
        changing = moving[~still]
        values[changing] = new[~still]
        steps[changing] += 1
        moving = changing
        if record and changing.size:
            frames.append(values.copy())
    trajectory = energies = None
    if record:
        trajectory = np.stack(frames)
        t = len(trajectory)
        energies = _energy(stored, trajectory.reshape(t * b, -1), np.tile(betas, t), alpha).reshape(
            t, b
        )
    return RecallResult(values, steps, converged, np.zeros(b, bool), trajectory, energies)


def _sign_keep(values: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """sign(values) as int8 ±1; a zero component keeps the probe's sign."""
    return np.where(values > 0, 1, np.where(values < 0, -1, signs)).astype(np.int8)


def _run_signs(
    stored: np.ndarray,
    signs: np.ndarray,
    betas: np.ndarray,
    max_steps: int,
    record: bool,
    alpha: float = 1.0,
    held: np.ndarray | None = None,
) -> RecallResult:
    """`_run` from int8 ±1 probes (B, N), its states and frames read back as signs (energies of the real states)."""
    real = _run(stored, signs.astype(np.float64), betas, max_steps, record, alpha, held)
    trajectory = (
        None
        if real.trajectory is None
        else np.stack([_sign_keep(frame, signs) for frame in real.trajectory])
    )
    return RecallResult(
        _sign_keep(real.states, signs),
        real.steps,
        real.converged,
        real.cycled,
        trajectory,
        real.energies,
    )


class ModernMemory:
    """A modern Hopfield memory (Ramsauer et al. 2020), built by the modern rule: patterns (P, N), β, values.

    int8 ±1 patterns: a memory of binary codes; states in and out are ±1 (the real update read back
    as signs). float64 patterns (`real_valued`): states are real; with values (P, M) a recall is one
    retrieval Vᵀ softmax(β Xξ/N) in value space. `energy` and `attention` take states of its kind.
    """

    kind = "modern"
    couplings = None
    scale = 1.0

    def __init__(
        self,
        patterns: np.ndarray,
        beta: float,
        values: object = None,
        attention: str = "softmax",
        alpha: float = ENTMAX_ALPHA,
    ):
        self.patterns = patterns
        self.beta = check_beta(beta)
        self.alpha = check_attention(attention, alpha)  # the attention's α: 1 softmax, 2 sparsemax
        self.real_valued = patterns.dtype != np.int8
        self.real = patterns.astype(
            np.float64, copy=not self.real_valued
        )  # what the update works on
        if not self.real_valued:
            self.real.flags.writeable = False
        self.values = None
        if values is not None:
            stored = as_real(values, "values")
            stored = stored[:, None] if stored.ndim == 1 else stored
            if stored.ndim != 2 or len(stored) != len(patterns) or stored.shape[1] == 0:
                raise ValueError(
                    f"values must have one row per stored pattern: shape ({len(patterns)}, M), got {stored.shape}."
                )
            stored.flags.writeable = False
            self.values = stored

    def energy(self, states: np.ndarray) -> np.ndarray:
        """E(ξ) of each checked state (B,); see the module docstring."""
        return _energy(
            self.real,
            states.astype(np.float64, copy=False),
            np.full(len(states), self.beta),
            self.alpha,
        )

    def attention(self, states: np.ndarray) -> np.ndarray:
        """entmax_α(β Xξ/N) of each checked state (B, P) (softmax, or with exact zeros): the weight of every memory,
        rows summing to 1."""
        return _attention(
            self.real,
            states.astype(np.float64, copy=False),
            np.full(len(states), self.beta),
            self.alpha,
        )


def sync_recall(
    memory: ModernMemory,
    states: np.ndarray,
    max_steps: int,
    temperature: float,
    seed: object,
    record: bool | str,
    held: np.ndarray | None = None,
) -> RecallResult:
    """The modern memory's sync recall from checked states (B, N) (temperature and seed unused).

    ±1 codes: the update from ±1 probes, read back as signs (see `modern_run`). Real patterns: the
    update on real states (see `continuous_run`); with values, one retrieval (B, M), which takes one
    step and has converged by definition; record=True then keeps no trajectory and the energies (1, B)
    of the probes in key space. The `held` (B, N) components keep their values; a retrieval of values holds
    nothing (it leaves key space).
    """
    betas = np.full(len(states), memory.beta)
    if not memory.real_valued:
        return _run_signs(memory.real, states, betas, max_steps, bool(record), memory.alpha, held)
    if memory.values is None:
        return _run(memory.real, states, betas, max_steps, bool(record), memory.alpha, held)
    if held is not None:
        raise ValueError(
            "A memory with values retrieves values in one step: there is no state to clamp."
        )
    retrieved = _attention(memory.real, states, betas, memory.alpha) @ memory.values
    energies = _energy(memory.real, states, betas, memory.alpha)[None] if record else None
    b = len(states)
    return RecallResult(
        retrieved, np.ones(b, np.int64), np.ones(b, bool), np.zeros(b, bool), None, energies
    )


def modern_run(
    patterns: object,
    probes: object,
    beta: float | None = None,
    max_steps: int = 100,
    record: bool = False,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> RecallResult:
    """Recall with the modern Hopfield update (Ramsauer et al. 2020) from ±1 probes (B, N), ±1 patterns:

        ξ ← Ξᵀ softmax(β Ξ ξ / N),

    which is their ξ ← X softmax(β Xᵀ ξ) for x_μ = ξ^μ/√N and the state ξ/√N: β acts on
    normalised overlaps in [−1, 1], independent of N. Each update lowers `modern_energy`
    (their Theorem 1). A probe has converged when an update would move no component by
    1e-9 or more; such a probe stops and is not updated again. steps counts the updates
    applied. `states` are the signs of the final real states (a zero component keeps the
    probe's sign); record=True keeps these signs as frames (frame 0 the probes, finished
    probes repeating their final state) and the energies of the real states. beta None takes
    the modern rule's default (`DEFAULT_BETA`). attention "sparsemax" or "entmax" (α) replaces softmax
    (module docstring).
    """
    stored = as_patterns(patterns).astype(np.float64)
    signs, _ = as_states(probes, stored.shape[1], "probes")
    beta = check_beta(DEFAULT_BETA if beta is None else beta)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    power = check_attention(attention, alpha)
    return _run_signs(stored, signs, np.full(len(signs), beta), max_steps, record, power)


def modern_energy(
    patterns: object,
    states: object,
    beta: float,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> np.ndarray:
    """Energy of real states (B,) (or one (N,)) in a modern Hopfield network of ±1 (or 0/1) patterns:

        E(ξ) = −β⁻¹ ln Σ_μ exp(β m_μ) + ξᵀξ/(2N) + β⁻¹ ln P + ½,   m_μ = ξ^μ·ξ/N,

    Ramsauer et al.'s E(y) = −lse(β, Xᵀy) + ½ yᵀy + β⁻¹ ln P + ½ M² with x_μ = ξ^μ/√N (so M = 1) and
    y = ξ/√N. The log-sum-exp subtracts the largest term before exponentiating. States are real
    (continuous) values, not 0/1 codes. Sparse attention: SPARSE_ENERGY_FORMULA.
    """
    stored = as_patterns(patterns).astype(np.float64)
    beta = check_beta(beta)
    power = check_attention(attention, alpha)
    values = real_states(states, stored.shape[1], "states")
    return _energy(stored, values, np.full(len(values), beta), power)


def continuous_run(
    patterns: object,
    probes: object,
    beta: object,
    max_steps: int = 100,
    record: bool = False,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> RecallResult:
    """The update ξ ← Xᵀ softmax(β Xξ / N) from real probes (B, N), batched; β one number or one per probe.

    A probe has converged when an update would move no component by 1e-9 (times the patterns'
    root-mean-square size when it exceeds 1) and is not updated again; steps counts the updates
    applied. `states` are the final real states (B, N) float64; record=True keeps every state
    (T, B, N) (frame 0 the probes, finished probes repeating) and their energies (T, B). attention "sparsemax"
    or "entmax" (α) replaces softmax.
    """
    stored = real_patterns(patterns)
    states = real_states(probes, stored.shape[1])
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    power = check_attention(attention, alpha)
    return _run(stored, states, _betas(beta, len(states)), max_steps, bool(record), power)


def continuous_energy(
    patterns: object,
    states: object,
    beta: object,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> np.ndarray:
    """E(ξ) = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½ max_μ ξ^μ·ξ^μ/N of each real state (B,) (sparse attention:
    SPARSE_ENERGY_FORMULA)."""
    stored = real_patterns(patterns)
    power = check_attention(attention, alpha)
    values = real_states(states, stored.shape[1], "states")
    return _energy(stored, values, _betas(beta, len(values)), power)


def attention(
    patterns: object,
    states: object,
    beta: object,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> np.ndarray:
    """entmax_α(β Xξ / N) of each real state (B, P): softmax, sparsemax or α-entmax; β one number or one per state."""
    stored = real_patterns(patterns)
    power = check_attention(attention, alpha)
    values = real_states(states, stored.shape[1], "states")
    return _attention(stored, values, _betas(beta, len(values)), power)


def effective_count(weights: object) -> np.ndarray:
    """1 / Σ_μ w_μ² of each row of attention weights (B,): 1 for one memory, P for a uniform average."""
    rows = np.atleast_2d(np.asarray(weights, np.float64))
    return 1.0 / np.einsum("bp,bp->b", rows, rows)
