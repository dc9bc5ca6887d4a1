"""Analysis of stored memories: overlaps, outcomes, stability, capacity and basin curves,
attractor census, the exact energy landscape of small networks and 2-D landscape slices.

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

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np

from .corrupt import flip_count
from .network import MEMORY_BUDGET, HopfieldNetwork, check_memory
from .patterns import as_patterns, as_states, check_count, make_rng
from .rules import exact_dtype, get_rule

__all__ = [
    "OUTCOMES",
    "ATTRACTOR_KINDS",
    "EXACT_LANDSCAPE_MAX_N",
    "overlaps",
    "hamming",
    "classify",
    "describe",
    "stability",
    "correlation_matrix",
    "CapacityCurve",
    "capacity_curve",
    "BasinCurve",
    "basin_curve",
    "Census",
    "attractor_census",
    "all_states",
    "Landscape",
    "exact_landscape",
    "Slice",
    "landscape_slice",
    "overlap_path",
]

Seed = int | np.random.Generator | None
Progress = Callable[[float], object] | None

OUTCOMES = ("target", "stored", "reversed", "mixture", "spurious")
ATTRACTOR_KINDS = ("stored", "reversed", "mixture", "spurious")
EXACT_LANDSCAPE_MAX_N = 20
MAX_SLICE_RESOLUTION = 101
_LANDSCAPE_CHUNK = 1 << 16  # states recalled per call in `exact_landscape`, to bound memory


class _ReadOnlyArrays:
    """Dataclass mixin: every numpy array field is made read-only after construction."""

    def __post_init__(self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, np.ndarray):
                value.flags.writeable = False


# --- overlaps and outcomes -------------------------------------------------------------------


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


# --- capacity and basin curves ---------------------------------------------------------------


def _check_fraction(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number from 0 to 1, got {value!r}.")
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise ValueError(f"{name} must be a number from 0 to 1, got {value!r}.")
    return float(value)


def _check_progress(progress: Progress) -> None:
    if progress is not None and not callable(progress):
        raise ValueError(f"progress must be a function of one fraction or None, got {progress!r}.")


def _check_batch(states: int, n: int, what: str) -> None:
    """Refuse, before allocating, a batch of states whose float64 copies (8 bytes a neuron) exceed the memory budget."""
    if 8 * states * n > MEMORY_BUDGET:
        raise ValueError(
            f"{what} would recall {states} states of {n} neurons at once, more than the memory budget allows; "
            "use fewer trials, patterns or starts."
        )


def _check_mode(mode: str, modes: tuple[str, ...], owner: str) -> None:
    if mode not in modes:
        raise ValueError(f"Unknown or unsupported mode {mode!r} for the {owner}; choose one of {', '.join(modes)}.")


def _batched_sync(transposed: np.ndarray, probes: np.ndarray, max_steps: int) -> np.ndarray:
    """Final states of sync dynamics s ← sign(C s) (a zero field keeps s_i) for a stack of networks.

    transposed: the couplings' transposes Cᵀ (T, N, N), C-contiguous; probes (T, B, N) ±1; returns
    the final states (T, B, N) int8. Neuron i flips when s_i h_i < 0. Each probe stops at a fixed
    point, at a 2-cycle (a step whose flips undo the previous step's, taken before stopping) or after
    max_steps steps, exactly as `HopfieldNetwork.recall(mode="sync")`. Each step is one batched
    matmul over a working block: whenever that halves it, the block shrinks to the trials still
    moving, each keeping its moving probes first (padded with stopped ones to the largest count).
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


def _transposed_couplings(rule: str, patterns: np.ndarray, params: Mapping[str, float]) -> np.ndarray:
    """Transposed couplings Cᵀ (T, N, N) of each trial's patterns (T, P, N), C-contiguous.

    Hebbian: C = Σ_μ ξ^μ ξ^μᵀ with zero diagonal (symmetric, so Cᵀ = C) for all trials in one
    batched matmul; other rules train each trial.
    """
    if rule == "hebbian" and not params:
        _, p, n = patterns.shape
        values = patterns.astype(exact_dtype(n, p))
        stack = np.matmul(values.transpose(0, 2, 1), values)
        diagonal = np.arange(n)
        stack[:, diagonal, diagonal] = 0
        return stack
    return np.stack([HopfieldNetwork.train(trial, rule, **params).couplings.T for trial in patterns])


def _chunks(count: int, size: int) -> list[slice]:
    """Slices covering 0..count in pieces of at most `size`."""
    return [slice(start, start + size) for start in range(0, count, size)]


def _check_p_values(p_values: object) -> np.ndarray:
    values = np.asarray(p_values)
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"p_values must be a non-empty list of pattern counts, got {p_values!r}.")
    if values.dtype == bool or not np.issubdtype(values.dtype, np.integer) or (values < 1).any():
        raise ValueError(f"p_values must be whole numbers >= 1, got {values.tolist()}.")
    return values.astype(np.int64)


@dataclass(frozen=True)
class CapacityCurve(_ReadOnlyArrays):
    """Recall success against the number of stored random patterns P (`capacity_curve`).

    success[k] is the fraction of the trials·p_values[k] probes recalled exactly.
    """

    rule: str
    n: int
    p_values: np.ndarray  # (K,) int64
    success: np.ndarray  # (K,) float64 in [0, 1]
    trials: int
    noise: float
    mode: str
    params: Mapping[str, float]

    def measured_capacity(self, threshold: float = 0.5) -> float:
        """P at which success first falls below `threshold`, linearly interpolated from the point before.

        nan when success never falls below it, or already starts below it.
        """
        threshold = _check_fraction(threshold, "threshold")
        below = np.flatnonzero(self.success < threshold)
        if below.size == 0 or below[0] == 0:
            return math.nan
        k = below[0]
        p0, p1, s0, s1 = self.p_values[k - 1], self.p_values[k], self.success[k - 1], self.success[k]
        return float(p0 + (s0 - threshold) / (s0 - s1) * (p1 - p0))


def capacity_curve(
    rule: str,
    n: int,
    p_values: Sequence[int],
    trials: int = 20,
    noise: float = 0.0,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 20,
    progress: Progress = None,
    **params: float,
) -> CapacityCurve:
    """Fraction of stored random patterns recalled exactly, for each number of patterns P.

    For each P in order: one draw of `trials` independent sets of P unbiased ±1 patterns of N
    neurons, `2 * rng.integers(0, 2, (trials, P, N), dtype=int8) - 1`; probes are every stored
    pattern with round(noise·N) distinct bits flipped (`flip_count(..., seed=rng)` on the
    (trials·P, N) batch). success = fraction of probes whose final state equals their pattern.
    Pairwise rules in sync mode run all trials at once (a stack of couplings, one batched matmul
    per step); other rules and modes train and recall each trial (recall seed=rng, trial order).
    `params` go to the rule (e.g. damping=0.1, degree=4); `progress(fraction)` is called after each P.
    """
    spec = get_rule(rule)
    n = check_count(n, "n")
    values = _check_p_values(p_values)
    trials = check_count(trials, "trials")
    noise = _check_fraction(noise, "noise")
    _check_mode(mode, spec.modes, f"{rule} rule")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    _check_progress(progress)
    _check_batch(trials * int(values.max()), n, "This capacity curve")
    batched = spec.kind == "pairwise" and mode == "sync"
    if spec.kind == "pairwise":
        check_memory(n)
    trials_per_stack = max(1, MEMORY_BUDGET // (16 * n * n))  # a stack and its shrunk copy, float64
    rng = make_rng(seed)
    flips = round(noise * n)
    success = np.zeros(len(values))
    for k, p in enumerate(values.tolist()):
        patterns = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
        probes = patterns  # flip_count draws nothing for 0 flips: skipping it keeps the random stream
        if flips:
            probes = _flip_trusted(patterns.reshape(trials * p, n), flips, rng).reshape(trials, p, n)
        if batched:
            finals = np.concatenate([
                _batched_sync(_transposed_couplings(rule, patterns[chunk], params), probes[chunk], max_steps)
                for chunk in _chunks(trials, trials_per_stack)
            ])
        else:
            finals = np.stack([
                HopfieldNetwork.train(trial, rule, **params).recall(probe, mode, max_steps, seed=rng).states
                for trial, probe in zip(patterns, probes, strict=True)
            ])
        success[k] = (finals == patterns).all(axis=2).mean()
        if progress is not None:
            progress((k + 1) / len(values))
    settings = MappingProxyType({**spec.params, **params})
    return CapacityCurve(rule, n, values, success, trials, noise, mode, settings)


def _flip_trusted(batch: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`flip_count(batch, count, seed=rng)` for a batch already int8 ±1 (B, N) and 0 < count <= N:
    the same draws and result, without re-validating the batch."""
    keys = rng.random(batch.shape)
    chosen = np.argpartition(keys, count - 1, axis=1)[:, :count]
    flipped = batch.copy()
    np.put_along_axis(flipped, chosen, -np.take_along_axis(batch, chosen, axis=1), axis=1)
    return flipped


def _check_levels(noise_levels: object) -> np.ndarray:
    levels = np.asarray(noise_levels)
    if levels.ndim != 1 or levels.size == 0:
        raise ValueError(f"noise_levels must be a non-empty list of fractions, got {noise_levels!r}.")
    if levels.dtype == bool or not np.issubdtype(levels.dtype, np.number):
        raise ValueError(f"noise_levels must be numbers from 0 to 1, got {noise_levels!r}.")
    levels = levels.astype(np.float64)
    if not (np.isfinite(levels).all() and (levels >= 0).all() and (levels <= 1).all()):
        raise ValueError(f"noise_levels must be numbers from 0 to 1, got {levels.tolist()}.")
    return levels


def _require_patterns(network: HopfieldNetwork, minimum: int = 1) -> None:
    if network.memorised < minimum:
        raise ValueError(
            f"This analysis needs a network with at least {minimum} stored pattern(s), it has {network.memorised}."
        )


@dataclass(frozen=True)
class BasinCurve(_ReadOnlyArrays):
    """Recall success against the fraction of flipped bits (`basin_curve`).

    per_pattern[l, μ] is the fraction of the `trials` probes of pattern μ recalled exactly at
    noise_levels[l]; success[l] is its mean over the patterns.
    """

    rule: str
    n: int
    noise_levels: np.ndarray  # (L,) float64
    success: np.ndarray  # (L,) float64
    per_pattern: np.ndarray  # (L, P) float64
    trials: int
    mode: str


def basin_curve(
    network: HopfieldNetwork,
    noise_levels: Sequence[float],
    trials: int = 20,
    seed: Seed = None,
    mode: str = "sync",
    max_steps: int = 50,
    progress: Progress = None,
) -> BasinCurve:
    """Fraction of corrupted stored patterns recalled exactly, for each noise level.

    At level f every stored pattern is corrupted `trials` times with round(f·N) distinct bits
    flipped (`flip_count(..., seed=rng)` on the batch np.tile(patterns, (trials, 1))), and the
    whole batch is recalled in one call (seed=rng). `progress(fraction)` is called after each level.
    """
    _require_patterns(network)
    levels = _check_levels(noise_levels)
    trials = check_count(trials, "trials")
    _check_mode(mode, network.modes, f"{network.rule} rule")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    _check_progress(progress)
    _check_batch(trials * network.memorised, network.n, "This basin curve")
    rng = make_rng(seed)
    targets = np.tile(network.patterns, (trials, 1))
    per_pattern = np.zeros((len(levels), network.memorised))
    for k, level in enumerate(levels.tolist()):
        probes = flip_count(targets, round(level * network.n), seed=rng)
        finals = network.recall(probes, mode, max_steps, seed=rng).states
        per_pattern[k] = (finals == targets).all(axis=1).reshape(trials, network.memorised).mean(axis=0)
        if progress is not None:
            progress((k + 1) / len(levels))
    return BasinCurve(network.rule, network.n, levels, per_pattern.mean(axis=1), per_pattern, trials, mode)


# --- attractors ------------------------------------------------------------------------------


def _name_attractors(
    network: HopfieldNetwork, attractors: np.ndarray, labels: Sequence[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Kinds and labels of attractor states (A, N) with respect to the network's stored patterns."""
    names = _check_labels(labels, network.memorised)
    kinds, components = _outcomes(network.patterns, attractors)
    return tuple(kinds), tuple(_label(kind, parts, names) for kind, parts in zip(kinds, components, strict=True))


def _by_size(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Order of groups by decreasing count (ties keep their order) and the rank of each group in it."""
    order = np.argsort(-counts, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return order, rank


@dataclass(frozen=True)
class Census(_ReadOnlyArrays):
    """Final states reached from random starts (`attractor_census`), most frequent first.

    attractors (A, N) int8; counts (A,) starts ending there; share = counts / starts; energies (A,);
    fixed_point (A,) whether the state is stable (False for a sync 2-cycle or a run cut by
    max_steps); kinds and labels per attractor; kind_counts: starts ending in each kind.
    """

    attractors: np.ndarray
    counts: np.ndarray
    share: np.ndarray
    energies: np.ndarray
    fixed_point: np.ndarray
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    kind_counts: dict[str, int]
    starts: int
    mode: str


def attractor_census(
    network: HopfieldNetwork,
    starts: int = 200,
    seed: Seed = None,
    mode: str = "async",
    max_steps: int = 100,
    labels: Sequence[str] | None = None,
) -> Census:
    """Recall from `starts` uniformly random ±1 states (rng.integers, then recall with seed=rng) and
    count the distinct final states, classified against the stored patterns (labels: one per pattern)."""
    starts = check_count(starts, "starts")
    _check_mode(mode, network.modes, f"{network.rule} rule")
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    _check_batch(starts, network.n, "This census")
    rng = make_rng(seed)
    probes = (2 * rng.integers(0, 2, size=(starts, network.n), dtype=np.int8) - 1).astype(np.int8)
    result = network.recall(probes, mode, max_steps, seed=rng)
    unique, first, counts = np.unique(result.states, axis=0, return_index=True, return_counts=True)
    order, _ = _by_size(counts)
    attractors = unique[order]
    kinds, names = _name_attractors(network, attractors, labels)
    kind_counts = dict.fromkeys(ATTRACTOR_KINDS, 0)
    for kind, count in zip(kinds, counts[order].tolist(), strict=True):
        kind_counts[kind] += count
    return Census(
        attractors,
        counts[order],
        counts[order] / starts,
        network.energy(attractors),
        result.converged[first[order]],
        kinds,
        names,
        kind_counts,
        starts,
        mode,
    )


def all_states(n: int) -> np.ndarray:
    """All 2^N states, int8 (2^N, N): state k has s_j = +1 where bit j of k is set, else −1."""
    n = check_count(n, "n")
    if n > EXACT_LANDSCAPE_MAX_N:
        raise ValueError(f"all_states needs N <= {EXACT_LANDSCAPE_MAX_N}, got {n}.")
    return _states_of(np.arange(1 << n, dtype=np.int64), n)


def _states_of(indices: np.ndarray, n: int) -> np.ndarray:
    bits = (indices[:, None] >> np.arange(n)) & 1
    return np.where(bits == 1, 1, -1).astype(np.int8)


def _index_of(states: np.ndarray) -> np.ndarray:
    """k = Σ_j [s_j = +1] 2^j for each state (B, N)."""
    return ((states > 0).astype(np.int64) << np.arange(states.shape[1])).sum(axis=1)


@dataclass(frozen=True)
class Landscape(_ReadOnlyArrays):
    """Every state of a small network with its energy and attractor (`exact_landscape`).

    State k (see `all_states`) has energy energies[k] and ends in attractors[attractor_of[k]].
    Attractors are ordered by basin size (largest first); basin_sizes are fractions of all 2^N states.
    """

    n: int
    energies: np.ndarray  # (2^N,) float64
    attractor_of: np.ndarray  # (2^N,) int64
    attractors: np.ndarray  # (A, N) int8
    basin_sizes: np.ndarray  # (A,) float64, sums to 1
    attractor_energies: np.ndarray  # (A,) float64
    fixed_point: np.ndarray  # (A,) bool
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    mode: str
    seed: int


def exact_landscape(
    network: HopfieldNetwork, seed: int = 0, labels: Sequence[str] | None = None, progress: Progress = None
) -> Landscape:
    """Energy of all 2^N states and the attractor each one descends to, for N <= 20.

    Descent is network.recall(states, "async", max_steps=100, seed=seed) over batches of 2^16
    states (sync for the modern rule, which has no async mode): deterministic. For pairwise
    networks a probe's path does not depend on the others in its batch, so attractor_of[k] is
    exactly what network.recall(state k, mode="async", seed=seed) reaches. labels: one name per
    stored pattern; `progress(fraction)` is called after each batch.
    """
    if network.n > EXACT_LANDSCAPE_MAX_N:
        raise ValueError(f"exact landscape needs N <= {EXACT_LANDSCAPE_MAX_N}, got {network.n}.")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be a whole number, got {seed!r}.")
    _check_progress(progress)
    mode = "async" if "async" in network.modes else "sync"
    count = 1 << network.n
    energies = np.empty(count)
    final_index = np.empty(count, np.int64)
    fixed = np.empty(count, bool)
    for start in range(0, count, _LANDSCAPE_CHUNK):
        states = _states_of(np.arange(start, min(count, start + _LANDSCAPE_CHUNK), dtype=np.int64), network.n)
        energies[start : start + len(states)] = network.energy(states)
        result = network.recall(states, mode, max_steps=100, seed=int(seed))
        final_index[start : start + len(states)] = _index_of(result.states)
        fixed[start : start + len(states)] = result.converged
        if progress is not None:
            progress(min(count, start + _LANDSCAPE_CHUNK) / count)
    unique, first, inverse, counts = np.unique(final_index, return_index=True, return_inverse=True, return_counts=True)
    order, rank = _by_size(counts)
    attractors = _states_of(unique[order], network.n)
    kinds, names = _name_attractors(network, attractors, labels)
    return Landscape(
        network.n,
        energies,
        rank[inverse],
        attractors,
        counts[order] / count,
        energies[unique[order]],
        fixed[first[order]],
        kinds,
        names,
        mode,
        int(seed),
    )


# --- slices and paths ------------------------------------------------------------------------


def _check_index(value: object, name: str, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < count:
        raise ValueError(f"{name} must be a stored pattern index from 0 to {count - 1}, got {value!r}.")
    return int(value)


def _check_pair(a: object, b: object, count: int) -> tuple[int, int]:
    a, b = _check_index(a, "a", count), _check_index(b, "b", count)
    if a == b:
        raise ValueError(f"a and b must be two different stored patterns, got {a} twice.")
    return a, b


def _grid(size: int, resolution: int) -> np.ndarray:
    """At most `resolution` whole numbers spread evenly over 0..size (both ends included)."""
    return np.unique(np.rint(np.linspace(0, size, min(resolution, size + 1))).astype(np.int64))


@dataclass(frozen=True)
class Slice(_ReadOnlyArrays):
    """The energy on a 2-D slice through patterns a and b (`landscape_slice`).

    energy[i, j] is the energy of ξ^a with flips_agree[i] agree-neurons and flips_differ[j]
    differ-neurons flipped; m_a[i, j], m_b[i, j] are its overlaps with ξ^a and ξ^b. For a plotly
    heatmap: z=energy, y=flips_agree, x=flips_differ (a regular grid); for a surface or scatter in
    overlap coordinates: x=m_a, y=m_b, z=energy (the (m_a, m_b) grid is the k-grid turned by 45°).
    """

    a: int
    b: int
    n_agree: int
    n_differ: int
    flips_agree: np.ndarray  # (R1,) int64, k1
    flips_differ: np.ndarray  # (R2,) int64, k2
    m_a: np.ndarray  # (R1, R2) float64
    m_b: np.ndarray  # (R1, R2) float64
    energy: np.ndarray  # (R1, R2) float64


def landscape_slice(network: HopfieldNetwork, a: int, b: int, resolution: int = 41, seed: Seed = 0) -> Slice:
    """Energy over the plane of states between stored patterns a and b.

    The n₁ neurons where ξ^a = ξ^b ("agree") and the n₂ where they differ are each put in one
    seeded random order (rng.permutation of each group). The state (k₁, k₂) is ξ^a with the first
    k₁ agree-neurons and the first k₂ differ-neurons flipped, so

        m_a = (n₁ − 2k₁ + n₂ − 2k₂) / N,   m_b = (n₁ − 2k₁ − n₂ + 2k₂) / N;

    (0, 0) is ξ^a, (0, n₂) is ξ^b, (n₁, n₂) is −ξ^a. k₁ and k₂ each take at most `resolution`
    values, np.linspace over 0..n rounded and made unique; all energies come from one batch.
    """
    _require_patterns(network, 2)
    a, b = _check_pair(a, b, network.memorised)
    resolution = check_count(resolution, "resolution", minimum=2)
    if resolution > MAX_SLICE_RESOLUTION:
        raise ValueError(f"resolution must be from 2 to {MAX_SLICE_RESOLUTION}, got {resolution}.")
    rng = make_rng(seed)
    xi_a, xi_b = network.patterns[a], network.patterns[b]
    n = network.n
    agree = rng.permutation(np.flatnonzero(xi_a == xi_b))
    differ = rng.permutation(np.flatnonzero(xi_a != xi_b))
    rank_agree, rank_differ = np.full(n, n), np.full(n, n)  # position in its group's order; n elsewhere
    rank_agree[agree] = np.arange(len(agree))
    rank_differ[differ] = np.arange(len(differ))
    k1, k2 = _grid(len(agree), resolution), _grid(len(differ), resolution)
    flipped = (rank_agree < k1[:, None])[:, None, :] | (rank_differ < k2[:, None])[None, :, :]  # (R1, R2, N)
    states = np.where(flipped, -xi_a, xi_a).astype(np.int8)
    energy = network.energy(states.reshape(-1, n)).reshape(len(k1), len(k2))
    n1, n2 = len(agree), len(differ)
    m_a = (n1 - 2 * k1[:, None] + n2 - 2 * k2[None, :]) / n
    m_b = (n1 - 2 * k1[:, None] - n2 + 2 * k2[None, :]) / n
    return Slice(a, b, n1, n2, k1, k2, m_a, m_b, energy)


def overlap_path(patterns: object, trajectory: object, a: int, b: int) -> np.ndarray:
    """(m_a, m_b) of each frame of one probe's trajectory (T, N): float64 (T, 2), m = (1/N) ξ·s."""
    xi, frames, _ = _patterns_and_states(patterns, trajectory)
    a, b = _check_index(a, "a", len(xi)), _check_index(b, "b", len(xi))
    return _dots(xi[[a, b]], frames) / xi.shape[1]
