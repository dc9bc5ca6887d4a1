"""Sequence memories: patterns that play back in order (Chaudhry, Zavatone-Veth, Krotov & Pehlevan 2023,
"Long Sequence Hopfield Memory", NeurIPS).

A cycle ξ^1 → ξ^2 → … → ξ^P → ξ^1 (after the last pattern comes the first) is stored by the
asymmetric rule, every neuron updated at once:

    x ← sign(h),   h = Σ_μ ξ^{μ+1} F(m_μ),   m_μ = ξ^μ·x / N,   μ + 1 taken modulo P,

- "linear":     F(m) = m, i.e. h = W x with W = (1/N) Σ_μ ξ^{μ+1} ξ^μᵀ (the temporally asymmetric
                Hebbian rule; diagonal kept, as in the paper);
- "dense-poly": F(m) = m^d (degree d >= 2);
- "dense-exp":  F(m) = exp(β m); β None is N, so F = exp(ξ^μ·x) (Demircigil et al. 2017's exponential).

A zero field keeps s_i (the tie rule of every mode). The fields are exact (whole numbers in float64)
for the linear and polynomial rules while P·N^d < 2^53; beyond, and for the exponential rule, they
are float64 sums of the normalised terms (exponential terms below e^−700 of the largest count as 0),
the exponential rule's near ties settled exactly (a tie only when every overlap's coefficient is 0).
W is not symmetric (W ≠ Wᵀ), so no energy function falls along a replay: E = −½ sᵀWs is a Lyapunov
function only when w_ij = w_ji (Hopfield 1982), and an asymmetric network can cycle forever, which is
exactly what a sequence memory is for.

Length capacity by the paper's signal-to-noise argument: from ξ^μ, neuron i gets the signal
ξ^{μ+1}_i F(1) and crosstalk from the P − 1 other patterns, of variance ≈ P·E[F(m)²] over random
patterns, so SNR² = S / P with S = N (linear), N^d / (2d − 1)!! (polynomial) and
e^{2β} / cosh(2β/N)^N (exponential). One transition is exact with high probability while
SNR² > 2 ln N (P < S / (2 ln N)); every transition of the cycle while SNR² > 2 ln(P·N).

>>> import numpy as np
>>> cycle = np.array([[1, 1, -1, -1], [1, -1, 1, -1], [1, -1, -1, 1]])
>>> memory = SequenceMemory.train(cycle)
>>> memory.replay(cycle[0], 3).tolist() == [*cycle.tolist(), cycle[0].tolist()]
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .patterns import as_patterns, as_states, check_count, check_real

__all__ = ["SEQUENCE_RULES", "CRITERIA", "SequenceMemory", "length_capacity_theory"]

SEQUENCE_RULES = ("linear", "dense-poly", "dense-exp")
CRITERIA = {  # the two capacities of the paper, by the criterion a theory line states
    "transition": "one transition exact",  # SNR² = 2 ln N
    "cycle": "whole cycle exact",  # SNR² = 2 ln P·N
}
REPLAY_BUDGET = 1 << 30  # bytes a replay's states may take (int8: one a neuron and step)
EXACT = 2.0**53  # whole numbers below this are exact in float64
UNDERFLOW = (
    -700.0
)  # exponential terms below e^-700 of the largest count as 0 (no slow subnormal numbers)


def _readonly(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def check_sequence_rule(rule: object) -> str:
    """`rule` if it is one of `SEQUENCE_RULES`, else ValueError listing them."""
    if not isinstance(rule, str) or rule not in SEQUENCE_RULES:
        raise ValueError(
            f"Unknown sequence rule {rule!r}; choose one of {', '.join(SEQUENCE_RULES)}."
        )
    return rule


def check_sequence_settings(
    rule: str, degree: object, beta: object
) -> tuple[int | None, float | None]:
    """The settings a rule uses (None for those it ignores), checked."""
    if rule == "dense-poly":
        degree = check_count(degree, "degree", minimum=2)
        return degree, None
    if rule == "dense-exp" and beta is not None:
        return None, check_real(beta, "beta", strict=True)
    return None, None


@dataclass(frozen=True, eq=False)
class SequenceMemory:
    """A cycle of patterns that replays in order; build one with `SequenceMemory.train`.

    Immutable: its arrays are read-only, so one memory can be shared between threads.
    """

    patterns: np.ndarray  # (P, N) int8 ±1, the cycle in order, read-only
    rule: str
    degree: int | None = None  # dense-poly's d; None for the other rules
    beta: float | None = None  # dense-exp's β (N when trained with None); None for the other rules

    @classmethod
    def train(
        cls, patterns: object, rule: str = "linear", degree: int = 3, beta: float | None = None
    ) -> SequenceMemory:
        """Store `patterns` (P, N; 0/1 or ±1) as a cycle, in their order, with `rule` (see the module docstring).

        `degree` is dense-poly's d (>= 2), `beta` dense-exp's β > 0 (None: N); each rule ignores the other's.
        """
        rule = check_sequence_rule(rule)
        xi = _readonly(as_patterns(patterns))
        degree, beta = check_sequence_settings(rule, degree, beta)
        if rule == "dense-exp" and beta is None:
            beta = float(xi.shape[1])
        return cls(xi, rule, degree, beta)

    @property
    def n(self) -> int:
        """Number of neurons N."""
        return self.patterns.shape[1]

    @property
    def length(self) -> int:
        """Number of patterns P in the cycle."""
        return self.patterns.shape[0]

    @cached_property
    def successors(self) -> np.ndarray:
        """ξ^{μ+1} for each μ (P, N) int8: the cycle shifted by one, read-only."""
        return _readonly(np.roll(self.patterns, -1, axis=0))

    @cached_property
    def weights(self) -> np.ndarray:
        """W = (1/N) Σ_μ ξ^{μ+1} ξ^μᵀ (N, N) float64, read-only: the linear rule's matrix (for the dense
        rules, that of the same cycle, for display). Not symmetric: w_ij ≠ w_ji."""
        if 8 * self.n * self.n > REPLAY_BUDGET:
            raise ValueError(
                f"A weight matrix of {self.n} neurons is too large to draw; use fewer neurons."
            )
        return _readonly(self._whole_weights / self.n)

    def step(self, states: object) -> np.ndarray:
        """One synchronous update of each state ((N,) or (B, N)): (B, N) int8."""
        batch, _ = as_states(states, self.n, "states")
        return self._step(batch)

    def replay(self, start: object, steps: int) -> np.ndarray:
        """The states of `steps` updates from `start`: (steps + 1, N) int8 for one state (N,), (steps + 1, B, N)
        for a batch (B, N); frame 0 is the start. Read-only."""
        batch, single = as_states(start, self.n, "start")
        steps = check_count(steps, "steps", minimum=0)
        if (steps + 1) * batch.size > REPLAY_BUDGET:
            raise ValueError(
                f"A replay of {steps} steps of {len(batch)} state(s) of {self.n} neurons is too "
                "large to keep; use fewer steps or states."
            )
        frames = np.empty((steps + 1, *batch.shape), np.int8)
        frames[0] = batch
        for t in range(steps):
            frames[t + 1] = self._step(frames[t])
        return _readonly(frames[:, 0] if single else frames)

    def expected(self, first: int, steps: int) -> np.ndarray:
        """The cycle from pattern `first` on: ξ^{(first + t) mod P} for t = 0..steps, (steps + 1, N) int8."""
        first = check_count(first, "first", minimum=0)
        if first >= self.length:
            raise ValueError(
                f"first must be a pattern of the cycle, 0 to {self.length - 1}, got {first}."
            )
        return self.patterns[
            (first + np.arange(check_count(steps, "steps", minimum=0) + 1)) % self.length
        ]

    def exact_transitions(self) -> np.ndarray:
        """Whether each transition ξ^μ → ξ^{μ+1} is exact (P,) bool: one update of ξ^μ gives ξ^{μ+1}. When all
        are, a replay from any pattern of the cycle is exact forever (the paper's sequence recall)."""
        return (self._step(self.patterns) == self.successors).all(axis=1)

    def _step(self, states: np.ndarray) -> np.ndarray:
        """sign(h) of checked int8 states (B, N), a zero field keeping s_i."""
        h = self._fields(states)
        return np.where(h > 0, 1, np.where(h < 0, -1, states)).astype(np.int8)

    def _fields(self, states: np.ndarray) -> np.ndarray:
        """h (B, N) up to a positive factor per state (signs are all an update reads)."""
        p, n = self.patterns.shape
        x = states.astype(np.float64)
        if self.rule == "linear" and 2 * p > n:  # the N×N matrix is the cheaper product
            return x @ self._whole_weights.T
        overlaps = x @ self._real[0].T  # O = ξ^μ·x, whole numbers
        if self.rule == "dense-exp":
            scaled = self.beta * overlaps / n
            scaled -= scaled.max(axis=1, keepdims=True)
            terms = np.exp(
                scaled, where=scaled > UNDERFLOW, out=np.zeros_like(scaled)
            )  # exp(β m) / exp(β max m)
            h = terms @ self._real[1]
            bound = 8.0 * (p + 8) * np.finfo(np.float64).eps * terms.sum(axis=1, keepdims=True)
            for row, neuron in np.argwhere(np.abs(h) <= bound):  # near ties: decided exactly
                h[row, neuron] = self._exact_exp_sign(overlaps[row], neuron)
            return h
        degree = 1 if self.rule == "linear" else self.degree
        exact = p * float(n) ** degree < EXACT
        terms = overlaps**degree if exact else (overlaps / n) ** degree
        return terms @ self._real[1]

    def _exact_exp_sign(self, overlaps: np.ndarray, neuron: int) -> int:
        """The sign of h_i = Σ_μ ξ^{μ+1}_i e^{β O_μ / N} grouped by overlap, Σ_k c_k e^{β k / N} with whole c_k:
        zero only when every c_k is (distinct exponentials of rational numbers are linearly independent,
        Lindemann–Weierstrass), else the sign of the exactly rounded math.fsum."""
        values, groups = np.unique(overlaps, return_inverse=True)
        counts = np.bincount(groups, self.successors[:, neuron].astype(np.float64), len(values))
        top = values.max()
        total = math.fsum(
            c * math.exp(self.beta * (v - top) / self.n)
            for v, c in zip(values, counts, strict=True)
            if c
        )
        return (total > 0) - (total < 0)

    @cached_property
    def _real(self) -> tuple[np.ndarray, np.ndarray]:
        """The patterns and their successors as float64 (P, N), for the products."""
        return _readonly(self.patterns.astype(np.float64)), _readonly(
            self.successors.astype(np.float64)
        )

    @cached_property
    def _whole_weights(self) -> np.ndarray:
        """N·W = Σ_μ ξ^{μ+1} ξ^μᵀ, whole numbers (exact in float64)."""
        return _readonly(self._real[1].T @ self._real[0])


def _double_factorial(k: int) -> int:
    return math.prod(range(k, 0, -2)) if k > 0 else 1


def _log_signal(rule: str, n: int, degree: int, beta: float | None) -> float:
    """ln S, with SNR² = S / P (see the module docstring)."""
    if rule == "linear":
        return math.log(n)
    if rule == "dense-poly":
        return degree * math.log(n) - math.log(_double_factorial(2 * degree - 1))
    beta = float(n) if beta is None else beta
    return 2 * beta - n * math.log(math.cosh(2 * beta / n))


def length_capacity_theory(
    rule: str, n: int, criterion: str = "cycle", degree: int = 3, beta: float | None = None
) -> float:
    """The paper's length capacity at N neurons (Chaudhry et al. 2023), by `criterion` (`CRITERIA`):

    "transition": P = S / (2 ln N);  "cycle": P = S / (2 ln(P·N)), solved by fixed-point iteration;
    S = N, N^d / (2d − 1)!!, e^{2β} / cosh(2β/N)^N for linear, dense-poly, dense-exp (β None: N).
    inf when P passes float range.

    >>> round(length_capacity_theory("linear", 100, "transition"), 2)  # N / (2 ln N)
    10.86
    >>> round(length_capacity_theory("dense-poly", 100, "transition", degree=3))  # N³ / (2·15·ln N)
    7238
    """
    rule = check_sequence_rule(rule)
    n = check_count(n, "n", minimum=2)
    if criterion not in CRITERIA:
        raise ValueError(f"Unknown criterion {criterion!r}; choose one of {', '.join(CRITERIA)}.")
    degree, beta = check_sequence_settings(rule, degree, beta)
    log_signal = _log_signal(rule, n, degree, beta)
    log_p = log_signal - math.log(2 * math.log(n))
    if criterion == "cycle":
        for _ in range(100):  # ln P = ln S − ln(2 ln(P N)): a contraction, converges in a few steps
            log_p = log_signal - math.log(2 * (max(log_p, 0.0) + math.log(n)))
    return math.exp(log_p) if log_p < 709 else math.inf
