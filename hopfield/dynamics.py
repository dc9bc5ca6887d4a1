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

`DYNAMICS` maps each mode's name to its `Mode`: its title, what one step is called, what one
recorded frame is, its default number of steps, and its update for each kind of memory it runs
("pairwise" here, "dense" in `hopfield.dense`, "modern" in `hopfield.modern`). A rule's modes are
the modes that run its kind of memory (`hopfield.rules.Rule.modes`). Adding a mode is one `Mode`
(one entry here, or `register_mode` from outside the package).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from . import dense, modern
from .patterns import check_count, make_rng
from .results import RecallResult

__all__ = [
    "Mode",
    "Update",
    "DYNAMICS",
    "MODES",
    "get_mode",
    "check_mode",
    "modes_running",
    "register_mode",
    "unregister_mode",
    "PairwiseMemory",
    "MEMORY_BUDGET",
    "check_memory",
    "run",
    "energy",
    "fields",
    "sync_recall",
    "async_recall",
    "stochastic_recall",
    "sync_stack",
]


Update = Callable[
    ..., RecallResult
]  # update(memory, states, max_steps, temperature, seed, record[, held=])


@dataclass(frozen=True)
class Mode:
    """One kind of dynamics, as the engine runs it and the app names it.

    name:              the `mode` argument of `recall` ("sync", "async", "stochastic").
    title:             what the app calls it.
    step_name:         what one of `RecallResult.steps` (and `max_steps`) counts: "step" or "sweep".
    record_unit:       what one frame of the app's animation is: "step", "flip" (async records
                       record="flips") or "sweep".
    needs_temperature: whether `temperature` matters (Glauber dynamics at T > 0).
    default_steps:     the app's default `max_steps` for it.
    updates:           its update for each kind of memory it runs (`memory.kind`: "pairwise", "dense",
                       "modern"): update(memory, checked states (B, N), max_steps, temperature, seed,
                       record) -> RecallResult, and with `held=` (B, N) bool for clamped completion (the
                       held neurons never updated). A rule allows the mode when it runs the rule's kind.
    """

    name: str
    title: str
    step_name: str
    record_unit: str
    needs_temperature: bool = False
    default_steps: int = 20
    updates: Mapping[str, Update] = field(default_factory=lambda: MappingProxyType({}), hash=False)

    def __post_init__(self) -> None:
        by_kind = dict(self.updates)
        object.__setattr__(self, "updates", MappingProxyType(by_kind))
        object.__setattr__(
            self, "_by_kind", by_kind
        )  # the same table, as a plain dict for the per-recall lookup

    def runs(self, kind: str) -> bool:
        """Whether this mode has an update for memories of `kind`."""
        return kind in self.updates

    def recall(
        self,
        memory: object,
        states: np.ndarray,
        max_steps: int,
        temperature: float,
        seed: object,
        record: bool | str,
        held: np.ndarray | None = None,
    ) -> RecallResult:
        """This mode's update for `memory`'s kind, from checked states (B, N), the `held` (B, N) neurons kept at
        their values (clamped completion: the update's keyword `held`); ValueError if it has none."""
        update = self._by_kind.get(memory.kind)
        if update is None:
            raise ValueError(
                f"The {self.name} mode does not run {memory.kind} memories; it runs: "
                f"{', '.join(self.updates) or 'none'}."
            )
        if held is None:
            return update(memory, states, max_steps, temperature, seed, record)
        if "held" not in inspect.signature(update).parameters:
            raise ValueError(
                f"The {self.name} mode cannot hold neurons at their values (clamp): its update for "
                f"{memory.kind} memories takes no held=."
            )
        return update(memory, states, max_steps, temperature, seed, record, held=held)


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

    Its modes' updates are this module's `sync_recall`, `async_recall` and `stochastic_recall`;
    `energy` is E(s) = −½ sᵀWs. Read-only once built. `columns`: Cᵀ when already at hand.
    """

    kind = "pairwise"

    def __init__(
        self, couplings: np.ndarray, scale: float = 1.0, columns: np.ndarray | None = None
    ):
        self.couplings = couplings
        self.scale = scale
        self._columns = columns

    @property
    def columns(self) -> np.ndarray:
        """Cᵀ, C-contiguous, for incremental field updates (C itself when symmetric, as every rule's is)."""
        if (
            self._columns is None
        ):  # computed once; two threads at worst compute the same array twice
            transposed = self.couplings
            if not np.array_equal(self.couplings, self.couplings.T):
                transposed = np.ascontiguousarray(self.couplings.T)
                transposed.flags.writeable = False
            self._columns = transposed
        return self._columns

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
    """Run `mode` dynamics (its pairwise update in `DYNAMICS`) from int8 ±1 probes (B, N); see the module docstring.

    record=True keeps one frame per step (sync) or sweep (async, stochastic);
    record="flips" (async only) keeps one frame per single-neuron flip, for animation.
    Stochastic dynamics at temperature 0 are the async dynamics. `columns` is Cᵀ as a
    C-contiguous array (pass C itself when it is symmetric, to save the copy). `held` (B, N) bool: neurons
    clamped at their probe values, never updated (None: none); "converged" then asks only the free ones.
    """
    if columns is None and mode != "sync":
        columns = np.ascontiguousarray(couplings.T)
    memory = PairwiseMemory(couplings, scale, columns)
    return get_mode(mode).recall(memory, probes, max_steps, temperature, seed, record, held)


def sync_recall(
    memory: PairwiseMemory,
    probes: np.ndarray,
    max_steps: int,
    temperature: float,
    seed: object,
    record: bool | str,
    held: np.ndarray | None = None,
) -> RecallResult:
    """Sync dynamics s ← sign(W s) from checked probes (B, N) (temperature and seed unused), the `held` (B, N)
    neurons kept; see `_sync`."""
    states, steps, converged, cycled, frames = _sync(
        memory.couplings, probes, max_steps, record, held
    )
    return _result(memory, states, steps, converged, cycled, frames)


def async_recall(
    memory: PairwiseMemory,
    probes: np.ndarray,
    max_steps: int,
    temperature: float,
    seed: object,
    record: bool | str,
    held: np.ndarray | None = None,
) -> RecallResult:
    """Async sweeps from checked probes (B, N) (temperature unused), the `held` (B, N) neurons kept; see `_async`."""
    states, steps, converged, frames = _async(
        memory.couplings, memory.columns, probes, max_steps, seed, record, held
    )
    return _result(memory, states, steps, converged, np.zeros(len(probes), bool), frames)


def stochastic_recall(
    memory: PairwiseMemory,
    probes: np.ndarray,
    max_steps: int,
    temperature: float,
    seed: object,
    record: bool | str,
    held: np.ndarray | None = None,
) -> RecallResult:
    """Glauber sweeps at temperature T from checked probes (B, N), the `held` (B, N) neurons kept; at T = 0 the
    async dynamics. See `_stochastic`."""
    if temperature <= 0:
        return async_recall(memory, probes, max_steps, temperature, seed, record, held)
    states, steps, converged, frames = _stochastic(
        memory.couplings,
        memory.columns,
        memory.scale,
        probes,
        max_steps,
        temperature,
        seed,
        record,
        held,
    )
    return _result(memory, states, steps, converged, np.zeros(len(probes), bool), frames)


def _result(memory: PairwiseMemory, states, steps, converged, cycled, frames) -> RecallResult:
    """The RecallResult of a pairwise run: int8 states, and the trajectory with its energies when frames were kept."""
    trajectory = energies = None
    if frames:
        trajectory = np.stack(frames).astype(np.int8)
        t, b, n = trajectory.shape
        energies = energy(memory.couplings, memory.scale, trajectory.reshape(t * b, n)).reshape(
            t, b
        )
    return RecallResult(states.astype(np.int8), steps, converged, cycled, trajectory, energies)


def _sync(couplings, probes, max_steps, record, held=None):
    """Sync dynamics of the pairwise network on flip masks: neuron i flips when s_i h_i < 0, h = C s, so
    a zero (or NaN) field keeps s_i; a `held` neuron never flips. The same stops and counts as
    `dense.sync_loop`; a step closes a 2-cycle exactly when its flips equal the step before's. Returns (states,
    steps, converged, cycled, frames)."""
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
        whole = (
            moving.size == b
        )  # every probe still moves: work on the arrays themselves, no copies
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
    probe_ids = np.broadcast_to(
        np.arange(states.shape[1]), states.shape[:2]
    )  # (T', M) probe of each cell
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
            _sweep_by_jumps(
                states, h, columns, moving, order, frames if record == "flips" else None, free
            )
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
        np.take(
            unstable[:k], order, axis=1, out=candidates[:k]
        )  # column j: the neuron visited j-th
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
            up = accept[:, k] < 0.5 * (
                1.0 + np.tanh(f[:, k] * (scale / temperature))
            )  # 1/(1+e^(-2h/T))
            tie = f[:, k] == 0 if keep is None else (f[:, k] == 0) | keep[:, k]
            new = np.where(tie, s[:, k], np.where(up, 1, -1)).astype(
                s.dtype
            )  # a tie (or a held neuron) keeps s_i
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


# ---------------------------------------------------------------- the registry of modes

_MODES: dict[str, Mode] = {
    mode.name: mode
    for mode in (
        Mode(
            "sync",
            "Synchronous (all at once)",
            "step",
            "step",
            default_steps=20,
            updates={
                "pairwise": sync_recall,
                "dense": dense.sync_recall,
                "modern": modern.sync_recall,
            },
        ),
        Mode(
            "async",
            "Asynchronous (one at a time)",
            "sweep",
            "flip",
            default_steps=10,
            updates={"pairwise": async_recall, "dense": dense.async_recall},
        ),
        Mode(
            "stochastic",
            "Stochastic (Glauber, temperature T)",
            "sweep",
            "sweep",
            needs_temperature=True,
            default_steps=10,
            updates={"pairwise": stochastic_recall},
        ),
    )
}
DYNAMICS: Mapping[str, Mode] = MappingProxyType(_MODES)  # every registered mode, read-only, live
MODES = tuple(DYNAMICS)  # ("sync", "async", "stochastic"): the built-in modes, in registry order


_RUNNING: dict[
    str, tuple[str, ...]
] = {}  # modes_running by kind, emptied whenever the registry changes


def modes_running(kind: str) -> tuple[str, ...]:
    """The registered modes with an update for memories of `kind`, in registry order (looked up once per kind
    and registry change: every recall asks)."""
    found = _RUNNING.get(kind)
    if found is None:
        found = _RUNNING[kind] = tuple(name for name, mode in DYNAMICS.items() if mode.runs(kind))
    return found


def register_mode(mode: Mode) -> Mode:
    """Add `mode` to `DYNAMICS` (from outside the package: a plugin, a test); returns it.

    It then runs on every memory kind it has an update for, and every rule of that kind allows it.
    A name already registered is refused.
    """
    if not isinstance(mode, Mode):
        raise ValueError(f"register_mode takes a Mode, got {mode!r}.")
    if mode.name in _MODES:
        raise ValueError(f"A mode called {mode.name!r} is already registered; unregister it first.")
    _MODES[mode.name] = mode
    _RUNNING.clear()
    return mode


def unregister_mode(name: str) -> Mode:
    """Remove the mode called `name` from `DYNAMICS` and return it."""
    mode = _MODES.pop(get_mode(name).name)
    _RUNNING.clear()
    return mode
