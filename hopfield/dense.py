"""Dense associative memories and the modern continuous Hopfield network.

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

Modern continuous Hopfield network (Ramsauer et al. 2020, "Hopfield Networks is All You
Need"): the update ξ ← X softmax(β Xᵀ ξ) on real states, here with the patterns and the
state normalised by √N (see `modern_energy`), so β is per unit of normalised overlap.
"""

from __future__ import annotations

import math

import numpy as np

from .continuous import _attention, _check_beta, _energy, _run, real_states
from .dynamics import sync_loop
from .patterns import as_patterns, as_states, check_count, make_rng
from .results import RecallResult

__all__ = [
    "DENSE_KINDS", "DENSE_MODES", "DenseMemory", "ModernMemory",
    "dense_energy", "dense_run", "modern_energy", "modern_run",
]

DENSE_KINDS = ("poly", "exp", "rect")
DENSE_MODES = ("sync", "async")
WINDOW_BUDGET = 4096  # async: pattern entries examined per probe and pass (window × P)
EXACT_LIMIT = 2.0**53  # whole numbers below this are exact in float64
FLOAT_DIGITS = 300  # poly: (N + 2)^degree must stay below 10^300, inside float64's range
EXP_TERMS = 3  # exp: terms in the rounding bound of one gain (an exponential, a product, a difference)


def _registry_default(rule: str, name: str) -> float:
    """A parameter's default from the rule registry, where every default is written once."""
    from .rules import get_rule  # rules imports this module to build memories

    return get_rule(rule).params[name].default


class DenseMemory:
    """A dense associative memory (Krotov & Hopfield 2016) built by the dense-poly and dense-exp rules.

    Holds the stored patterns (P, N) int8, the kind of F ("poly" with its degree, or "exp") and no
    matrix; `recall` and `energy` work on checked int8 ±1 states (B, N); see the module docstring.
    """

    couplings = None
    scale = 1.0

    def __init__(self, patterns: np.ndarray, kind: str, degree: int | None = None):
        if kind not in DENSE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(DENSE_KINDS)}, got {kind!r}.")
        if kind in ("poly", "rect"):
            rule = "dense-poly" if kind == "poly" else "dense-rectified"
            degree = _registry_default(rule, "degree") if degree is None else degree
            degree = check_count(degree, "degree", minimum=2)
        self.patterns, self.kind, self.degree = patterns, kind, degree

    def recall(self, states, mode, max_steps, temperature, seed, record, held=None) -> RecallResult:
        """Sync or async dense dynamics from states (B, N) (temperature unused), the `held` (B, N) neurons
        kept at their values; see `dense_run`."""
        update = _DenseUpdate(self.patterns, self.kind, self.degree)  # working arrays, for this call only
        if mode == "sync":
            states, steps, converged, cycled, frames = _dense_sync(update, states, max_steps, bool(record), held)
        else:
            states, steps, converged, frames = _dense_async(update, states, max_steps, seed, record, held)
            cycled = np.zeros(len(states), bool)
        trajectory = energies = None
        if record:
            trajectory = np.stack(frames).astype(np.int8)
            t, b, n = trajectory.shape
            energies = update.energy(trajectory.reshape(t * b, n)).reshape(t, b)
        return RecallResult(states, steps, converged, cycled, trajectory, energies)

    def energy(self, states: np.ndarray) -> np.ndarray:
        """E(s) = −Σ_μ F(ξ^μ·s) for each state (B,); see `dense_energy`."""
        return _DenseUpdate(self.patterns, self.kind, self.degree).energy(states)


class ModernMemory:
    """A modern continuous Hopfield network (Ramsauer et al. 2020), built by the modern rule.

    Holds the stored patterns and the inverse temperature β; `recall` runs the softmax update
    (sync only; seed, temperature and the kind of record unused) and `energy` measures states (B, N).
    """

    couplings = None
    scale = 1.0

    def __init__(self, patterns: np.ndarray, beta: float):
        self.patterns, self.beta = patterns, _check_beta(beta)
        self.real = patterns.astype(np.float64)  # the ±1 codes as the reals the update works on, once
        self.real.flags.writeable = False

    def recall(self, states, mode, max_steps, temperature, seed, record, held=None) -> RecallResult:
        """The update ξ ← Ξᵀ softmax(β Ξ ξ / N) from ±1 states (B, N), `held` (B, N) components kept; see
        `modern_run`."""
        return _modern_run(self.real, states, self.beta, max_steps, bool(record), held)

    def energy(self, states: np.ndarray) -> np.ndarray:
        """E(ξ) of each state (B,); see `modern_energy`."""
        return _modern_energy(self.real, states.astype(np.float64), self.beta)

    def attention(self, states: np.ndarray) -> np.ndarray:
        """softmax(β Ξξ / N) of each state (B, P): the weight of every stored pattern."""
        return _attention(self.real, states.astype(np.float64), np.full(len(states), self.beta))


def dense_energy(patterns: object, states: object, kind: str, degree: int | None = None) -> np.ndarray:
    """Energy of each state (B,), float64 (Krotov & Hopfield 2016; Demircigil et al. 2017).

    "poly": E(s) = −Σ_μ (ξ^μ·s)^degree, exact while the terms stay below 2^53.
    "exp":  the energy −Σ_μ exp(ξ^μ·s) overflows float64 beyond N ≈ 709, so the reported
            value is E(s) = −ln Σ_μ exp(ξ^μ·s) (log-sum-exp, computed stably): the logarithm
            of the true energy's magnitude, monotone in it, so it falls exactly when the
            true energy falls.
    degree None takes the dense-poly rule's default (`hopfield.RULES`).
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
    frame per pass in which some probe flipped a neuron. degree None takes the dense-poly rule's
    default (`hopfield.RULES`).
    """
    memory = DenseMemory(as_patterns(patterns), kind, degree)
    states, _ = as_states(probes, memory.patterns.shape[1], "probes")
    if mode not in DENSE_MODES:
        raise ValueError(f"mode must be one of {', '.join(DENSE_MODES)} for a dense memory, got {mode!r}.")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    return memory.recall(states, mode, max_steps, 0.0, seed, record)


def modern_energy(patterns: object, states: object, beta: float) -> np.ndarray:
    """Energy of real states (B,) (or one (N,)) in a modern Hopfield network (Ramsauer et al. 2020):

        E(y) = −lse(β, Xᵀy) + ½ yᵀy + β⁻¹ ln P + ½ M²,   lse(β, z) = β⁻¹ ln Σ_μ exp(β z_μ),

    with the convention x_μ = ξ^μ/√N (so M = max_μ ||x_μ|| = 1) and y = ξ/√N for a state
    ξ ∈ R^N. In terms of ξ and the normalised overlaps m_μ = ξ^μ·ξ/N:

        E(ξ) = −β⁻¹ ln Σ_μ exp(β m_μ) + ξᵀξ/(2N) + β⁻¹ ln P + ½.

    The log-sum-exp subtracts the largest term before exponentiating. States are real
    (continuous) values, not 0/1 codes.
    """
    stored = as_patterns(patterns).astype(np.float64)
    beta = _check_beta(beta)
    values = real_states(states, stored.shape[1], "states")
    return _modern_energy(stored, values, beta)


def modern_run(
    patterns: object, probes: object, beta: float | None = None, max_steps: int = 100, record: bool = False
) -> RecallResult:
    """Recall with the modern Hopfield update (Ramsauer et al. 2020), batched over probes (B, N):

        ξ ← Ξᵀ softmax(β Ξ ξ / N),

    which is their ξ ← X softmax(β Xᵀ ξ) for x_μ = ξ^μ/√N and the state ξ/√N: β acts on
    normalised overlaps in [−1, 1], independent of N. Each update lowers `modern_energy`
    (their Theorem 1). A probe has converged when an update would move no component by
    1e-9 or more; such a probe stops and is not updated again. steps counts the updates
    applied. `states` are the signs of the final real states (a zero component keeps the
    probe's sign); record=True keeps these signs as frames (frame 0 the probes, finished
    probes repeating their final state) and the energies of the real states. beta None takes
    the modern rule's default (`hopfield.RULES`).
    """
    stored = as_patterns(patterns).astype(np.float64)
    signs, _ = as_states(probes, stored.shape[1], "probes")
    beta = _check_beta(_registry_default("modern", "beta") if beta is None else beta)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    return _modern_run(stored, signs, beta, max_steps, record)


def _modern_run(stored: np.ndarray, signs: np.ndarray, beta: float, max_steps: int, record: bool,
                held: np.ndarray | None = None) -> RecallResult:
    """`modern_run` on checked arguments: float64 patterns (P, N), int8 ±1 probes (B, N). The real-valued
    update of `continuous` (the same softmax, stops and energies), its states read back as signs."""
    real = _run(stored, signs.astype(np.float64), np.full(len(signs), float(beta)), max_steps, record, held)
    trajectory = None if real.trajectory is None else np.stack([_sign_keep(frame, signs) for frame in real.trajectory])
    return RecallResult(_sign_keep(real.states, signs), real.steps, real.converged, real.cycled, trajectory,
                        real.energies)


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
        return np.rint(states.astype(np.float64) @ self.patterns.T.astype(np.float64)).astype(np.int64)

    def energy(self, states: np.ndarray) -> np.ndarray:
        """−Σ_μ O_μ^n for "poly", −ln Σ_μ exp(O_μ) for "exp" (see `dense_energy`)."""
        overlaps = self.overlaps(states).astype(np.float64)
        if self.kind == "poly":
            return -np.power(overlaps, self.degree).sum(axis=1)
        if self.kind == "rect":
            return -np.power(np.maximum(overlaps, 0.0), self.degree).sum(axis=1)
        top = overlaps.max(axis=1)
        return -(top + np.log(np.exp(overlaps - top[:, None]).sum(axis=1)))

    def flips(self, overlaps: np.ndarray, states: np.ndarray, neurons: np.ndarray | None = None,
              free: np.ndarray | None = None) -> np.ndarray:
        """Which neurons would flip (cost < 0): all of them (B, N), or the given ones (B, K); only `free`
        ones (B, N), when given."""
        agree_gain, disagree_gain, error = self._gains(overlaps)
        both = agree_gain + disagree_gain
        if neurons is None:
            toward_plus = both @ self.plus  # Σ over patterns with ξ_i = +1
            agreeing = np.where(states > 0, toward_plus, both.sum(axis=1, keepdims=True) - toward_plus)
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
        elif self.kind == "rect":  # g(O − 1) = F(O) − F(O − 2), g(O + 1) = F(O + 2) − F(O): whole numbers
            rectified = [np.power(np.maximum(values + shift, 0.0), self.degree) for shift in (-2, 0, 2)]
            agree_gain, disagree_gain = rectified[1] - rectified[0], rectified[2] - rectified[1]
        else:
            agree_gain, disagree_gain = _poly_gain(values - 1, self.degree), _poly_gain(values + 1, self.degree)
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


def _dense_sync(memory: _DenseUpdate, probes: np.ndarray, max_steps: int, record: bool, held=None):
    """All neurons at once (the `held` ones kept); stop at a fixed point or a 2-cycle (the pairwise convention
    of dynamics.py)."""

    def update(current: np.ndarray) -> np.ndarray:
        return np.where(memory.flips(memory.overlaps(current), current), -current, current)

    return sync_loop(update, probes.copy(), max_steps, record, held)


def _dense_async(memory: _DenseUpdate, probes: np.ndarray, max_steps: int, seed, record: bool | str, held=None):
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
        ended = passed[position[passed] >= n]  # sweep finished: stop if stable, else start the next one
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
            frames.append(np.stack([ends[k] if k < len(ends) else states[p] for p, ends in enumerate(sweep_ends)]))
    return states, steps, converged, frames


def _modern_energy(stored: np.ndarray, values: np.ndarray, beta: float) -> np.ndarray:
    """−β⁻¹ ln Σ_μ exp(β m_μ) + ξᵀξ/(2N) + β⁻¹ ln P + ½ with m = Ξξ/N (see `modern_energy`): the continuous
    memory's energy (½M² = ½ for ±1 patterns)."""
    return _energy(stored, values, np.full(len(values), float(beta)))


def _sign_keep(values: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """sign(values) as int8 ±1; a zero component keeps the probe's sign."""
    return np.where(values > 0, 1, np.where(values < 0, -1, signs)).astype(np.int8)
