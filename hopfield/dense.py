"""Dense associative memories (Krotov & Hopfield 2016) on ±1 states; the modern network is `hopfield.modern`.

Dense associative memory (Krotov & Hopfield 2016, "Dense associative memory for pattern
recognition"; Demircigil et al. 2017, "On a model of associative memory with huge storage
capacity") on ±1 states s, with overlaps O_μ = ξ^μ·s:

    E(s) = −Σ_μ F(O_μ),   F(x) = x^n ("poly", degree n >= 2), F(x) = exp(x) ("exp"), or the
    rectified F(x) = max(x, 0)^n ("rect", Krotov & Hopfield 2016; the 2025 ICML associative-memory
    tutorial), for which a reversed pattern (O = −N) is no longer an attractor.

Neuron i takes the sign of Σ_μ [F(ξ^μ_i + a_μi) − F(−ξ^μ_i + a_μi)], a_μi = O_μ − ξ^μ_i s_i;
an exact tie keeps s_i. That sum is s_i times the energy cost of flipping s_i,

    cost_i = E(s with s_i flipped) − E(s) = Σ_{μ: ξ^μ_i = s_i} g(O_μ − 1) − Σ_{μ: ξ^μ_i ≠ s_i} g(O_μ + 1),

with g(a) = F(a + 1) − F(a − 1), so a neuron flips exactly when the flip lowers the energy
(cost < 0) and the energy never rises. Decisions are exact: the cost is computed in
float64 with a bound on its rounding error, and the rare costs within that bound (true
ties and near-ties) are settled in exact arithmetic: Python integers for "poly" and "rect"; for "exp"
the cost is Σ_k c_k e^k with integer c_k, which is zero only when every c_k is (e is
transcendental), and otherwise summed with math.fsum.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .patterns import as_patterns, as_states, check_count, make_rng
from .results import RecallResult

__all__ = [
    "DENSE_KINDS",
    "DEFAULT_DEGREE",
    "DenseMemory",
    "dense_energy",
    "dense_run",
    "sync_recall",
    "async_recall",
    "sync_loop",
]

DENSE_KINDS = ("poly", "exp", "rect")
DEFAULT_DEGREE = 3  # the dense rules' default degree n (`hopfield.RULES` reads it from here)
WINDOW_BUDGET = 4096  # async: pattern entries examined per probe and pass (window × P)
EXACT_LIMIT = 2.0**53  # whole numbers below this are exact in float64
FLOAT_DIGITS = 300  # poly: (N + 2)^degree must stay below 10^300, inside float64's range
EXP_TERMS = (
    3  # exp: terms in the rounding bound of one gain (an exponential, a product, a difference)
)


class DenseMemory:
    """A dense associative memory (Krotov & Hopfield 2016) built by the dense-poly and dense-exp rules.

    Holds the stored patterns (P, N) int8, the form of F (`form`: "poly" or "rect" with its degree, or
    "exp") and no matrix; its modes' updates (`sync_recall`, `async_recall`) and `energy` work on checked
    int8 ±1 states (B, N); see the module docstring.
    """

    kind = "dense"
    couplings = None
    scale = 1.0

    def __init__(self, patterns: np.ndarray, kind: str, degree: int | None = None):
        if kind not in DENSE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(DENSE_KINDS)}, got {kind!r}.")
        if kind in ("poly", "rect"):
            degree = DEFAULT_DEGREE if degree is None else degree
            degree = check_count(degree, "degree", minimum=2)
        self.patterns, self.form, self.degree = patterns, kind, degree

    def energy(self, states: np.ndarray) -> np.ndarray:
        """E(s) = −Σ_μ F(ξ^μ·s) for each state (B,); see `dense_energy`."""
        return _DenseUpdate(self.patterns, self.form, self.degree).energy(states)


def sync_recall(
    memory: DenseMemory,
    probes: np.ndarray,
    max_steps: int,
    temperature: float,
    seed: object,
    record: bool | str,
    held: np.ndarray | None = None,
) -> RecallResult:
    """Every neuron at once from checked probes (B, N) (temperature and seed unused), the `held` (B, N) neurons
    kept; see `dense_run`."""
    update = _DenseUpdate(
        memory.patterns, memory.form, memory.degree
    )  # working arrays, for this call only
    states, steps, converged, cycled, frames = _dense_sync(
        update, probes, max_steps, bool(record), held
    )
    return _result(update, states, steps, converged, cycled, frames, record)


def async_recall(
    memory: DenseMemory,
    probes: np.ndarray,
    max_steps: int,
    temperature: float,
    seed: object,
    record: bool | str,
    held: np.ndarray | None = None,
) -> RecallResult:
    """Async sweeps from checked probes (B, N) (temperature unused), the `held` (B, N) neurons kept; see
    `dense_run`."""
    update = _DenseUpdate(memory.patterns, memory.form, memory.degree)
    states, steps, converged, frames = _dense_async(update, probes, max_steps, seed, record, held)
    return _result(update, states, steps, converged, np.zeros(len(states), bool), frames, record)


def _result(
    update: _DenseUpdate, states, steps, converged, cycled, frames, record: bool | str
) -> RecallResult:
    """The RecallResult of a dense run, with the trajectory and its energies when recorded."""
    trajectory = energies = None
    if record:
        trajectory = np.stack(frames).astype(np.int8)
        t, b, n = trajectory.shape
        energies = update.energy(trajectory.reshape(t * b, n)).reshape(t, b)
    return RecallResult(states, steps, converged, cycled, trajectory, energies)


def dense_energy(
    patterns: object, states: object, kind: str, degree: int | None = None
) -> np.ndarray:
    """Energy of each state (B,), float64 (Krotov & Hopfield 2016; Demircigil et al. 2017).

    "poly": E(s) = −Σ_μ (ξ^μ·s)^degree, exact while the terms stay below 2^53.
    "exp":  the energy −Σ_μ exp(ξ^μ·s) overflows float64 beyond N ≈ 709, so the reported
            value is E(s) = −ln Σ_μ exp(ξ^μ·s) (log-sum-exp, computed stably): the logarithm
            of the true energy's magnitude, monotone in it, so it falls exactly when the
            true energy falls.
    degree None takes the dense rules' default (`DEFAULT_DEGREE`).
    """
    memory = DenseMemory(as_patterns(patterns), kind, degree)
    batch, _ = as_states(states, memory.patterns.shape[1])
    return memory.energy(batch)


def dense_run(
    patterns: object,
    probes: object,
    kind: str,
    degree: int | None = None,
    mode: str = "async",
    max_steps: int = 100,
    seed: int | np.random.Generator | None = None,
    record: bool | str = False,
) -> RecallResult:
    """Recall with a dense associative memory from probes (B, N); see the module docstring.

    sync:  every neuron at once; stops at a fixed point or a 2-cycle (cycled). steps counts
           the steps that changed the state.
    async: sweeps in a fresh random permutation per probe, each update seeing the previous
           flips; stops when no neuron wants to change. Sweep k draws
           `rng.permuted(np.tile(np.arange(N), (B, 1)), axis=1)`, in sweep order. steps
           counts sweeps. Stable neurons visited within a sweep do not change, so each probe
           jumps to the next neuron in its permutation that would flip: the result equals
           the plain neuron-by-neuron loop.
    record=True keeps the probes and one frame per step or sweep (finished probes repeat
    their final state), with their `dense_energy`; record="flips" (async only) keeps one
    frame per pass in which some probe flipped a neuron. degree None takes the dense rules'
    default (`DEFAULT_DEGREE`).
    """
    memory = DenseMemory(as_patterns(patterns), kind, degree)
    states, _ = as_states(probes, memory.patterns.shape[1], "probes")
    if mode not in _RECALLS:
        raise ValueError(
            f"mode must be one of {', '.join(_RECALLS)} for a dense memory, got {mode!r}."
        )
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    return _RECALLS[mode](memory, states, max_steps, 0.0, seed, record)


class _DenseUpdate:
    """The working arrays of a `DenseMemory` for one call: F's energy and exact flip decisions."""

    def __init__(self, patterns: np.ndarray, kind: str, degree: int | None):
        self.kind = kind
        self.degree = degree  # checked by DenseMemory; None for "exp"
        self.patterns = patterns  # (P, N) int8
        self.p, self.n = patterns.shape
        largest = math.floor(FLOAT_DIGITS / math.log10(self.n + 2))
        if kind in ("poly", "rect") and self.degree > largest:
            raise ValueError(
                f"degree must be at most {largest} for {self.n} neurons (higher powers overflow float64), "
                f"got {self.degree}."
            )
        self.columns = np.ascontiguousarray(patterns.T)  # columns[i] = ξ_i, (N, P)
        self.plus = (patterns > 0).astype(np.float64)  # (P, N)
        self.window = min(self.n, max(8, WINDOW_BUDGET // self.p))
        # relative rounding bound for the float cost: summation over P terms, g's terms, exp
        terms = self.degree if kind != "exp" else EXP_TERMS
        self.rounding = 8.0 * (self.p + terms + 8) * np.finfo(np.float64).eps

    def overlaps(self, states: np.ndarray) -> np.ndarray:
        """O = S Ξᵀ (B, P) as int64 (exact: |O_μ| <= N is a whole number far below 2^53)."""
        return np.rint(states.astype(np.float64) @ self.patterns.T.astype(np.float64)).astype(
            np.int64
        )

    def energy(self, states: np.ndarray) -> np.ndarray:
        """−Σ_μ O_μ^n for "poly", −ln Σ_μ exp(O_μ) for "exp" (see `dense_energy`)."""
        overlaps = self.overlaps(states).astype(np.float64)
        if self.kind == "poly":
            return -np.power(overlaps, self.degree).sum(axis=1)
        if self.kind == "rect":
            return -np.power(np.maximum(overlaps, 0.0), self.degree).sum(axis=1)
        top = overlaps.max(axis=1)
        return -(top + np.log(np.exp(overlaps - top[:, None]).sum(axis=1)))

    def flips(
        self,
        overlaps: np.ndarray,
        states: np.ndarray,
        neurons: np.ndarray | None = None,
        free: np.ndarray | None = None,
    ) -> np.ndarray:
        """Which neurons would flip (cost < 0): all of them (B, N), or the given ones (B, K); only `free`
        ones (B, N), when given."""
        agree_gain, disagree_gain, error = self._gains(overlaps)
        both = agree_gain + disagree_gain
        if neurons is None:
            toward_plus = both @ self.plus  # Σ over patterns with ξ_i = +1
            agreeing = np.where(
                states > 0, toward_plus, both.sum(axis=1, keepdims=True) - toward_plus
            )
        else:
            values = np.take_along_axis(states, neurons, axis=1)
            agree = (self.columns[neurons] == values[..., None]).astype(np.float64)  # (B, K, P)
            agreeing = (agree @ both[:, :, None])[..., 0]
        cost = agreeing - disagree_gain.sum(axis=1, keepdims=True)
        wanted = cost < -error[:, None]
        for row, col in np.argwhere((np.abs(cost) <= error[:, None]) & (error[:, None] > 0)):
            neuron = col if neurons is None else neurons[row, col]
            agree_row = self.patterns[:, neuron] == states[row, neuron]
            wanted[row, col] = self._exact_cost_sign(overlaps[row], agree_row) < 0
        if free is not None:
            wanted &= free if neurons is None else np.take_along_axis(free, neurons, axis=1)
        return wanted

    def _gains(self, overlaps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Gains of agreeing and disagreeing patterns (B, P), float64, and a bound (B,) on the cost's rounding.

        "poly": g(O − 1) and g(O + 1), exact (bound 0) while Σ_μ |g(O_μ − 1)| + |g(O_μ + 1)| < 2^53.
        "exp":  g(O − 1) = (1 − e⁻²) e^O and g(O + 1) = (1 − e⁻²) e^(O+2), divided by the positive
                (1 − e⁻²) e^(max_μ O_μ), which keeps the cost's sign and avoids overflow.
        """
        values = overlaps.astype(np.float64)
        if self.kind == "exp":
            agree_gain = np.exp(values - values.max(axis=1, keepdims=True))
            disagree_gain = agree_gain * math.exp(2)
        elif (
            self.kind == "rect"
        ):  # g(O − 1) = F(O) − F(O − 2), g(O + 1) = F(O + 2) − F(O): whole numbers
            rectified = [
                np.power(np.maximum(values + shift, 0.0), self.degree) for shift in (-2, 0, 2)
            ]
            agree_gain, disagree_gain = rectified[1] - rectified[0], rectified[2] - rectified[1]
        else:
            agree_gain, disagree_gain = (
                _poly_gain(values - 1, self.degree),
                _poly_gain(values + 1, self.degree),
            )
        total = (np.abs(agree_gain) + np.abs(disagree_gain)).sum(axis=1)
        exact = total < EXACT_LIMIT if self.kind != "exp" else np.zeros(len(total), bool)
        return agree_gain, disagree_gain, np.where(exact, 0.0, self.rounding * total)

    def _exact_cost_sign(self, overlaps: np.ndarray, agree: np.ndarray) -> int:
        """Sign of the flip cost, computed exactly.

        "poly": Σ_{agree} [O^n − (O − 2)^n] − Σ_{disagree} [(O + 2)^n − O^n] in Python integers.
        "exp":  the cost is (1 − e⁻²) [Σ_{agree} e^O − Σ_{disagree} e^(O+2)] = (1 − e⁻²) Σ_k c_k e^k
                with whole-number c_k: zero only if every c_k is, otherwise summed by math.fsum.
        """
        if self.kind in ("poly", "rect"):
            n = self.degree

            def f(x: int) -> int:
                return x**n if self.kind == "poly" else max(x, 0) ** n

            cost = sum(
                f(o) - f(o - 2) if same else f(o) - f(o + 2)
                for o, same in zip(overlaps.tolist(), agree.tolist(), strict=True)
            )
            return (cost > 0) - (cost < 0)
        exponents = np.where(agree, overlaps, overlaps + 2)
        low = int(exponents.min())
        coefficients = np.bincount(exponents - low, np.where(agree, 1.0, -1.0))
        present = np.flatnonzero(coefficients)
        if present.size == 0:
            return 0
        top = int(present.max())
        cost = math.fsum(coefficients[k] * math.exp(k - top) for k in present.tolist())
        return (cost > 0) - (cost < 0)


def _poly_gain(rest: np.ndarray, degree: int) -> np.ndarray:
    """g(a) = (a + 1)^n − (a − 1)^n = 2 Σ_{k odd} C(n, k) a^(n−k): same-sign terms, no cancellation."""
    gain = np.zeros_like(rest)
    for k in range(1, degree + 1, 2):
        gain += math.comb(degree, k) * rest ** (degree - k)
    return 2 * gain


def sync_loop(
    update: Callable[[np.ndarray], np.ndarray],
    states: np.ndarray,
    max_steps: int,
    record: bool,
    held: np.ndarray | None = None,
):
    """Synchronous dynamics s ← update(s) on a batch (B, N), updated in place; `held` (B, N) neurons keep
    their values (None: none).

    Each probe stops at a fixed point (converged) or a 2-cycle (cycled, after taking the step
    back) or after max_steps steps; steps counts the updates that changed a probe. Shared by the
    pairwise and the dense memories. Returns (states, steps, converged, cycled, frames).
    """
    before = np.zeros_like(states)  # the state one step earlier, for 2-cycle detection
    b = len(states)
    steps = np.zeros(b, np.int64)
    converged = np.zeros(b, bool)
    cycled = np.zeros(b, bool)
    moving = np.arange(b)
    frames = [states.copy()] if record else []
    for step in range(max_steps + 1):
        if moving.size == 0:
            break
        current = states if moving.size == b else states[moving]  # no copy while every probe moves
        new = update(current)
        if held is not None:
            new = np.where(held if moving.size == b else held[moving], current, new)
        fixed = (new == current).all(axis=1)
        converged[moving[fixed]] = True
        if step == max_steps:  # the last pass only checks for a fixed point
            break
        two_cycle = (
            ~fixed & (new == before[moving]).all(axis=1) if step > 0 else np.zeros_like(fixed)
        )
        cycled[moving[two_cycle]] = True
        changing = moving[~fixed]
        before[changing] = current[~fixed]
        states[changing] = new[~fixed]
        steps[changing] += 1
        moving = moving[~(fixed | two_cycle)]
        if record and changing.size:
            frames.append(states.copy())
    return states, steps, converged, cycled, frames


def _dense_sync(memory: _DenseUpdate, probes: np.ndarray, max_steps: int, record: bool, held=None):
    """All neurons at once (the `held` ones kept); stop at a fixed point or a 2-cycle (the pairwise convention
    of dynamics.py)."""

    def update(current: np.ndarray) -> np.ndarray:
        return np.where(memory.flips(memory.overlaps(current), current), -current, current)

    return sync_loop(update, probes.copy(), max_steps, record, held)


_RECALLS = {
    "sync": sync_recall,
    "async": async_recall,
}  # `dense_run`'s modes, as DYNAMICS runs them


def _dense_async(
    memory: _DenseUpdate, probes: np.ndarray, max_steps: int, seed, record: bool | str, held=None
):
    """Async sweeps that examine a window of the next neurons in each probe's permutation per pass.

    A pass finds, for every running probe, the first neuron in its window that would flip,
    flips it, updates the overlaps (O_μ −= 2 s_i ξ^μ_i) and restarts the window after it;
    a window without flips is skipped whole, since those neurons keep their state. A `held` neuron never flips.
    """
    rng = make_rng(seed)
    free = np.ones(probes.shape, bool) if held is None else ~held
    states = probes.copy()
    b, n = states.shape
    overlaps = memory.overlaps(states)
    drawn: list[np.ndarray] = []

    def permutations(sweep: int) -> np.ndarray:
        while len(drawn) <= sweep:
            drawn.append(rng.permuted(np.tile(np.arange(n), (b, 1)), axis=1))
        return drawn[sweep]

    steps = np.zeros(b, np.int64)
    position = np.zeros(b, np.int64)
    order = np.zeros((b, n), np.int64)
    running = memory.flips(overlaps, states, free=free).any(axis=1) & (max_steps > 0)
    if running.any():
        order[running] = permutations(0)[running]
    steps[running] = 1
    per_flip = record == "flips"
    frames = [states.copy()] if per_flip else []
    sweep_ends: list[list[np.ndarray]] = [[] for _ in range(b)]
    offsets = np.arange(memory.window)
    while running.any():
        active = np.flatnonzero(running)
        spots = position[active, None] + offsets
        inside = spots < n
        neurons = np.take_along_axis(order[active], np.minimum(spots, n - 1), axis=1)
        wanted = memory.flips(overlaps[active], states[active], neurons, free[active]) & inside
        found = wanted.any(axis=1)
        flippers = active[found]
        if flippers.size:
            where = wanted[found].argmax(axis=1)
            chosen = neurons[found, where]
            old = states[flippers, chosen]
            states[flippers, chosen] = -old
            overlaps[flippers] -= 2 * old[:, None].astype(np.int64) * memory.columns[chosen]
            position[flippers] += where + 1
            if per_flip:
                frames.append(states.copy())
        passed = active[~found]
        position[passed] += memory.window
        ended = passed[
            position[passed] >= n
        ]  # sweep finished: stop if stable, else start the next one
        if ended.size:
            if record is True:
                for probe in ended:
                    sweep_ends[probe].append(states[probe].copy())
            stable = ~memory.flips(overlaps[ended], states[ended], free=free[ended]).any(axis=1)
            stop = stable | (steps[ended] >= max_steps)
            running[ended[stop]] = False
            again = ended[~stop]
            for sweep in np.unique(steps[again]):
                group = again[steps[again] == sweep]
                order[group] = permutations(int(sweep))[group]
            position[again] = 0
            steps[again] += 1
    converged = ~memory.flips(overlaps, states, free=free).any(axis=1)
    if record is True:
        frames = [probes.copy()]
        for k in range(int(steps.max(initial=0))):
            frames.append(
                np.stack(
                    [ends[k] if k < len(ends) else states[p] for p, ends in enumerate(sweep_ends)]
                )
            )
    return states, steps, converged, frames
