"""Dynamics of a pairwise network with weights W = scale·C, batched over probes, and the registry of modes.

Field h = W s. Update rule s_i ← sign(h_i); a tie (h_i = 0) keeps the current s_i.
- sync:       every neuron at once, s ← sign(W s); stops at a fixed point or a 2-cycle.
- async:      one neuron at a time, a fresh random permutation per sweep; the energy
              E = −½ sᵀWs never rises (W symmetric, zero diagonal). Stops when no
              neuron wants to change.
- stochastic: Glauber dynamics at temperature T, one neuron at a time:
              P(s_i = +1) = 1 / (1 + exp(−2 h_i / T)); runs exactly max_steps sweeps.
              An exact tie (h_i = 0) keeps s_i here too, so T → 0 gives the async rule.

Randomness: sweep k draws one permutation `rng.permutation(N)`, shared by the batch;
the stochastic mode then draws `rng.random((B, N))` for its acceptance tests.

`DYNAMICS` maps each mode's name to its `Mode` (title, what one step is called, what one
recorded frame is); which rules allow a mode is each rule's `modes` (`hopfield.rules`).
Adding a mode is one entry here and its update in every memory that runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import numpy as np

from .patterns import check_count, make_rng
from .results import RecallResult

__all__ = [
    "Mode",
    "DYNAMICS",
    "MODES",
    "get_mode",
    "check_mode",
    "PairwiseMemory",
    "MEMORY_BUDGET",
    "check_memory",
    "run",
    "energy",
    "fields",
    "sync_loop",
    "sync_stack",
]


@dataclass(frozen=True)
class Mode:
    """One kind of dynamics, as the engine runs it and the app names it.

    name:              the `mode` argument of `recall` ("sync", "async", "stochastic").
    title:             what the app calls it.
    step_name:         what one of `RecallResult.steps` (and `max_steps`) counts: "step" or "sweep".
    record_unit:       what one frame of the app's animation is: "step", "flip" (async records
                       record="flips") or "sweep".
    needs_temperature: whether `temperature` matters (Glauber dynamics at T > 0).
    """

    name: str
    title: str
    step_name: str
    record_unit: str
    needs_temperature: bool = False


DYNAMICS: Mapping[str, Mode] = MappingProxyType({
    mode.name: mode
    for mode in (
        Mode("sync", "Synchronous (all at once)", "step", "step"),
        Mode("async", "Asynchronous (one at a time)", "sweep", "flip"),
        Mode("stochastic", "Stochastic (Glauber, temperature T)", "sweep", "sweep", needs_temperature=True),
    )
})
MODES = tuple(DYNAMICS)  # ("sync", "async", "stochastic"): every mode, in registry order


def check_mode(mode: object, modes: tuple[str, ...], rule: str) -> str:
    """`mode` if it is one of `modes` (those the rule allows), else ValueError naming the rule and the choices."""
    if not isinstance(mode, str) or mode not in modes:
        raise ValueError(
            f"Unknown or unsupported mode {mode!r} for the {rule} rule; choose one of {', '.join(modes)}."
        )
    return mode


def get_mode(name: str) -> Mode:
    """The registered mode called `name`, or ValueError listing the names."""
    if not isinstance(name, str) or name not in DYNAMICS:
        raise ValueError(f"Unknown mode {name!r}; choose one of {', '.join(DYNAMICS)}.")
    return DYNAMICS[name]


MEMORY_BUDGET = 1 << 30  # bytes the weight matrices of one network may take (1 GiB)


def _readable_size(size: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def check_memory(n: int, budget: int | None = None) -> None:
    """Refuse, before allocating, a network whose N×N matrices (couplings and float64 weights) exceed the budget."""
    n = check_count(n, "number of neurons")
    budget = MEMORY_BUDGET if budget is None else check_count(budget, "memory_budget")
    needed = 16 * n * n
    if needed > budget:
        raise ValueError(
            f"A network of {n} neurons needs {_readable_size(needed)} for its weight matrices, "
            f"more than the memory budget of {_readable_size(budget)}; use fewer neurons (smaller images)."
        )


class PairwiseMemory:
    """A memory held as weights W = scale·C (N, N): what pairwise rules build and `from_weights` wraps.

    `recall` runs this module's dynamics, `energy` is E(s) = −½ sᵀWs. Read-only once built.
    """

    def __init__(self, couplings: np.ndarray, scale: float = 1.0):
        self.couplings = couplings
        self.scale = scale

    @cached_property
    def columns(self) -> np.ndarray:
        """Cᵀ, C-contiguous, for incremental field updates (C itself when symmetric, as every rule's is)."""
        if np.array_equal(self.couplings, self.couplings.T):
            return self.couplings
        transposed = np.ascontiguousarray(self.couplings.T)
        transposed.flags.writeable = False
        return transposed

    def recall(self, states, mode, max_steps, temperature, seed, record, held=None) -> RecallResult:
        """`run` from checked int8 ±1 states (B, N), neurons `held` (B, N) kept; see the module docstring."""
        columns = None if mode == "sync" else self.columns  # sync reads C itself: no symmetry check needed
        return run(self.couplings, self.scale, states, mode, max_steps, temperature, seed, record, columns, held)

    def energy(self, states: np.ndarray) -> np.ndarray:
        """E(s) = −½ sᵀWs for each checked state (B, N), float64."""
        return energy(self.couplings, self.scale, states)


def fields(couplings: np.ndarray, states: np.ndarray) -> np.ndarray:
    """h = C s for each state (B, N), in the couplings' dtype (exact for whole-number C)."""
    return states.astype(couplings.dtype) @ couplings.T


def energy(couplings: np.ndarray, scale: float, states: np.ndarray) -> np.ndarray:
    """E(s) = −½ sᵀ W s = −½ · scale · Σ_i s_i (C s)_i for each state (B, N), float64."""
    h = fields(couplings, states).astype(np.float64)
    return -0.5 * scale * np.einsum("bi,bi->b", states.astype(np.float64), h)


def run(
    couplings: np.ndarray,
    scale: float,
    probes: np.ndarray,
    mode: str = "sync",
    max_steps: int = 100,
    temperature: float = 0.0,
    seed: int | np.random.Generator | None = None,
    record: bool | str = False,
    columns: np.ndarray | None = None,
    held: np.ndarray | None = None,
) -> RecallResult:
    """Run `mode` dynamics from int8 ±1 probes (B, N); see the module docstring.

    record=True keeps one frame per step (sync) or sweep (async, stochastic);
    record="flips" (async only) keeps one frame per single-neuron flip, for animation.
    Stochastic dynamics at temperature 0 are the async dynamics. `columns` is Cᵀ as a
    C-contiguous array (pass C itself when it is symmetric, to save the copy). `held` (B, N) bool: neurons
    clamped at their probe values, never updated (None: none); "converged" then asks only the free ones.
    """
    if columns is None and mode != "sync":
        columns = np.ascontiguousarray(couplings.T)
    if mode == "stochastic" and temperature > 0:
        states, steps, converged, frames = _stochastic(
            couplings, columns, scale, probes, max_steps, temperature, seed, record, held
        )
        cycled = np.zeros(len(probes), bool)
    elif mode == "sync":
        states, steps, converged, cycled, frames = _sync(couplings, probes, max_steps, record, held)
    else:
        states, steps, converged, frames = _async(couplings, columns, probes, max_steps, seed, record, held)
        cycled = np.zeros(len(probes), bool)
    trajectory = energies = None
    if record:
        trajectory = np.stack(frames).astype(np.int8)
        t, b, n = trajectory.shape
        energies = energy(couplings, scale, trajectory.reshape(t * b, n)).reshape(t, b)
    return RecallResult(states.astype(np.int8), steps, converged, cycled, trajectory, energies)


def _sync(couplings, probes, max_steps, record, held=None):
    """Sync dynamics of the pairwise network on flip masks: neuron i flips when s_i h_i < 0, h = C s, so
    a zero (or NaN) field keeps s_i; a `held` neuron never flips. The same stops and counts as `sync_loop`; a
    step closes a 2-cycle exactly when its flips equal the step before's. Returns (states, steps, converged,
    cycled, frames)."""
    if len(probes) == 1 and not record:
        return _sync_one(couplings, probes, max_steps, None if held is None else ~held[0])
    states = probes.astype(couplings.dtype)
    transposed = couplings.T
    b = len(states)
    steps = np.zeros(b, np.int64)
    converged = np.zeros(b, bool)
    cycled = np.zeros(b, bool)
    previous = np.zeros(states.shape, bool)  # each probe's flips in the step before
    moving = np.arange(b)
    frames = [states.copy()] if record else []
    for step in range(max_steps + 1):
        whole = moving.size == b  # every probe still moves: work on the arrays themselves, no copies
        current = states if whole else states[moving]
        flips = current * (current @ transposed) < 0
        if held is not None:
            flips &= ~(held if whole else held[moving])
        changing = flips.any(axis=1)
        everyone = bool(changing.all())
        if not everyone:
            converged[moving[~changing]] = True
        if step == max_steps or not changing.any():  # the last pass only checks for a fixed point
            break
        two_cycle = changing & (flips == (previous if whole else previous[moving])).all(axis=1)
        if whole and everyone:
            np.negative(states, out=states, where=flips)
            steps += 1
            previous = flips
        else:
            rows, flips = moving[changing], flips[changing]
            moved = current[changing]
            np.negative(moved, out=moved, where=flips)
            states[rows] = moved
            steps[rows] += 1
            previous[rows] = flips
        if two_cycle.any():
            cycled[moving[two_cycle]] = True
        if not everyone or two_cycle.any():
            moving = moving[changing & ~two_cycle]
        if record:
            frames.append(states.copy())
        if moving.size == 0:
            break
    return states, steps, converged, cycled, frames


def _sync_one(couplings, probe, max_steps, free=None):
    """`_sync` for a single probe (1, N) without a record, in a few numpy calls a step (small networks
    spend their time in call overhead): the same products, so the same states, counts and stops. `free`
    (1, N): the neurons allowed to flip (None: all)."""
    state = probe.astype(couplings.dtype)
    transposed = couplings.T
    previous, previous_count, steps, converged, cycled = None, -1, 0, False, False
    for step in range(max_steps + 1):
        flips = state * (state @ transposed) < 0
        if free is not None:
            flips &= free
        count = np.count_nonzero(flips)
        if count == 0:
            converged = True
            break
        if step == max_steps:
            break
        np.negative(state, out=state, where=flips)
        steps += 1
        if count == previous_count and np.array_equal(flips, previous):
            cycled = True
            break
        previous, previous_count = flips, count
    return state, np.array([steps]), np.array([converged]), np.array([cycled]), []


def sync_loop(update: Callable[[np.ndarray], np.ndarray], states: np.ndarray, max_steps: int, record: bool,
              held: np.ndarray | None = None):
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
        two_cycle = ~fixed & (new == before[moving]).all(axis=1) if step > 0 else np.zeros_like(fixed)
        cycled[moving[two_cycle]] = True
        changing = moving[~fixed]
        before[changing] = current[~fixed]
        states[changing] = new[~fixed]
        steps[changing] += 1
        moving = moving[~(fixed | two_cycle)]
        if record and changing.size:
            frames.append(states.copy())
    return states, steps, converged, cycled, frames



def sync_stack(transposed: np.ndarray, probes: np.ndarray, max_steps: int) -> np.ndarray:
    """Final states of sync dynamics s ← sign(C s) (a zero field keeps s_i) for a stack of networks.

    transposed: the couplings' transposes Cᵀ (T, N, N), C-contiguous; probes (T, B, N) ±1; returns
    the final states (T, B, N) int8. Neuron i flips when s_i h_i < 0. Each probe stops at a fixed
    point, at a 2-cycle (a step whose flips undo the previous step's, taken before stopping) or after
    max_steps steps, exactly as `run(mode="sync")` on each network (the states only: what capacity
    sweeps need). Each step is one batched matmul over a working block: whenever that halves it, the
    block shrinks to the trials still moving, each keeping its moving probes first (padded with
    stopped ones to the largest count).
    """
    final = probes.astype(np.int8)
    states = probes.astype(transposed.dtype)
    previous = np.zeros(states.shape, bool)  # the flips of the step before
    active = np.ones(states.shape[:2], bool)
    trial_ids = np.arange(states.shape[0])[:, None]  # (T', 1) trial of each block row
    probe_ids = np.broadcast_to(np.arange(states.shape[1]), states.shape[:2])  # (T', M) probe of each cell
    for _ in range(max_steps):
        moving = active.sum(axis=1)
        trials, width = np.flatnonzero(moving), moving.max()
        if width == 0:
            break
        if trials.size * width <= active.size // 2:
            final[trial_ids, probe_ids] = states  # stopped probes left behind are final
            keep = np.argsort(~active[trials], axis=1, kind="stable")[:, :width]
            rows = trials[:, None]
            states, previous, active = states[rows, keep], previous[rows, keep], active[rows, keep]
            trial_ids, probe_ids = trial_ids[trials], probe_ids[rows, keep]
            if trials.size < len(transposed):
                transposed = transposed[trials]
        flips = states * np.matmul(states, transposed) < 0
        flips &= active[..., None]
        changed = flips.any(axis=2)
        two_cycle = changed & (flips == previous).all(axis=2)
        np.negative(states, out=states, where=flips)
        previous = flips
        active &= changed & ~two_cycle
    final[trial_ids, probe_ids] = states
    return final

def _permuted(columns: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Cᵀ with rows and columns in sweep order: a flip at sweep position k adds row k to the fields."""
    return columns[order][:, order]


def _async(couplings, columns, probes, max_steps, seed, record, held=None):
    """Async sweeps with incremental fields: a flip of neuron i adds h += 2 s_i C[:, i].

    Sweep k visits the neurons in one fresh permutation, `rng.permutation(N)`, shared by
    the batch (drawn only when some probe still moves, so a probe's result does not depend
    on the others). Neurons already stable do not change when visited, so a narrow batch
    jumps straight to each probe's next unstable neuron (cost grows with flips, not N); a
    wide batch (B >= N/8) walks the order once, flipping all probes' unstable neuron at
    each position. Both equal the plain per-neuron loop. A `held` neuron is never unstable.
    """
    rng = make_rng(seed)
    states = probes.astype(couplings.dtype)
    b, n = states.shape
    h = states @ couplings.T
    free = None if held is None else ~held
    steps = np.zeros(b, np.int64)
    frames = [states.copy()] if record else []
    for _ in range(max_steps):
        moving = np.flatnonzero(_unstable(states, h, free).any(axis=1))
        if moving.size == 0:
            break
        steps[moving] += 1
        order = rng.permutation(n)
        if moving.size * 8 >= n and record != "flips":
            _sweep_in_order(states, h, columns, moving, order, free)
        else:
            _sweep_by_jumps(states, h, columns, moving, order, frames if record == "flips" else None, free)
        if record is True:
            frames.append(states.copy())
    converged = ~_unstable(states, h, free).any(axis=1)
    return states, steps, converged, frames


def _unstable(states: np.ndarray, h: np.ndarray, free: np.ndarray | None) -> np.ndarray:
    """s_i h_i < 0 (B, N), only where `free` (None: every neuron)."""
    unstable = states * h < 0
    if free is not None:
        unstable &= free
    return unstable


def _sweep_in_order(states, h, columns, moving, order, free=None) -> None:
    """One sweep for a wide batch: visit the neurons in order, flipping every probe's unstable one at once
    (only `free` ones, when given)."""
    s, f = states[moving], h[moving]
    loose = None if free is None else free[moving]
    for i in order:
        unstable = s[:, i] * f[:, i] < 0
        rows = np.flatnonzero(unstable if loose is None else unstable & loose[:, i])
        if rows.size:
            new = -s[rows, i]
            s[rows, i] = new
            f[rows] += 2 * new[:, None] * columns[i]
    states[moving], h[moving] = s, f


def _sweep_by_jumps(states, h, columns, moving, order, frames, free=None) -> None:
    """One sweep for a narrow batch: each probe jumps to its next unstable neuron in sweep order.

    States and fields stay in neuron order: each round gathers the probes' instability into
    sweep order (one `np.take`) to find every probe's next unstable neuron at or after its
    position, then adds one contiguous row of Cᵀ per flip, in place. `frames`, when given,
    gets the batch's state after every round of flips (one flip per probe still sweeping). Only
    `free` neurons (B, N) count as unstable, when given.
    """
    n = states.shape[1]
    positions = np.arange(n)
    s, f = states[moving], h[moving]
    loose = None if free is None else free[moving]
    m = moving.size
    position = np.zeros((m, 1), np.int64)
    product = np.empty((m, n), s.dtype)
    unstable = np.empty((m, n), bool)
    ahead = np.empty((m, n), bool)
    candidates = np.empty((m, n), bool)
    rows = np.arange(m)
    while True:
        k = rows.size
        if k == m:  # every probe still in its sweep: no gathers
            np.multiply(s, f, out=product)
        else:
            np.multiply(s[rows], f[rows], out=product[:k])
        np.less(product[:k], 0, out=unstable[:k])
        if loose is not None:
            unstable[:k] &= loose if k == m else loose[rows]
        np.take(unstable[:k], order, axis=1, out=candidates[:k])  # column j: the neuron visited j-th
        np.greater_equal(positions, position if k == m else position[rows], out=ahead[:k])
        candidates[:k] &= ahead[:k]
        where = candidates[:k].argmax(axis=1)
        found = candidates[np.arange(k), where]
        if not found.all():
            rows, where = rows[found], where[found]
            if rows.size == 0:
                break
        neuron = order[where]
        new = -s[rows, neuron]
        s[rows, neuron] = new
        update = columns[neuron]
        update *= (2 * new)[:, None]
        if rows.size == m:
            f += update
        else:
            f[rows] += update
        position[rows, 0] = where + 1
        if frames is not None:
            states[moving] = s
            frames.append(states.copy())
    states[moving] = s
    h[moving] = f


def _stochastic(couplings, columns, scale, probes, max_steps, temperature, seed, record, held=None):
    """Glauber sweeps: visit every neuron in a fresh permutation (shared by the batch) and set
    s_i = +1 with probability 1 / (1 + exp(−2 h_i / T)), drawn from `rng.random((B, N))`;
    a neuron whose field is exactly zero keeps its state (the tie rule of every mode), and so does a
    `held` one (its draw is made all the same, so the other neurons draw what they would)."""
    rng = make_rng(seed)
    states = probes.astype(couplings.dtype)
    b, n = states.shape
    h = states @ couplings.T
    free = None if held is None else ~held
    frames = [states.copy()] if record else []
    for _ in range(max_steps):
        order = rng.permutation(n)
        accept = rng.random((b, n))
        sweep_couplings = _permuted(columns, order)
        s, f = states[:, order], h[:, order]
        keep = None if held is None else held[:, order]
        for k in range(n):
            up = accept[:, k] < 0.5 * (1.0 + np.tanh(f[:, k] * (scale / temperature)))  # 1/(1+e^(-2h/T))
            tie = f[:, k] == 0 if keep is None else (f[:, k] == 0) | keep[:, k]
            new = np.where(tie, s[:, k], np.where(up, 1, -1)).astype(s.dtype)  # a tie (or a held neuron) keeps s_i
            flipped = np.flatnonzero(new != s[:, k])
            if flipped.size:
                s[flipped, k] = new[flipped]
                f[flipped] += 2 * new[flipped, None] * sweep_couplings[k]
        states[:, order], h[:, order] = s, f
        if record:
            frames.append(states.copy())
    steps = np.full(b, max_steps, np.int64)
    converged = ~_unstable(states, h, free).any(axis=1)
    return states, steps, converged, frames
