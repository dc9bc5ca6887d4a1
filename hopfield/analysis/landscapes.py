"""Landscapes: the attractors of random starts (census), the exact energy landscape of small
networks (every state, N <= 20), 2-D slices of the landscape through two stored patterns, and
overlap paths of a recall across such a slice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..dynamics import check_mode
from ..network import HopfieldNetwork
from ..patterns import check_count, make_rng
from ..results import ReadOnlyArrays
from ._checks import Progress, Seed, _check_batch, _check_progress, _require_patterns
from .outcomes import ATTRACTOR_KINDS, _check_labels, _dots, _label, _outcomes, _patterns_and_states

__all__ = [
    "EXACT_LANDSCAPE_MAX_N",
    "MAX_SLICE_RESOLUTION",
    "Census",
    "attractor_census",
    "all_states",
    "Landscape",
    "exact_landscape",
    "Slice",
    "landscape_slice",
    "overlap_path",
]

EXACT_LANDSCAPE_MAX_N = 20
MAX_SLICE_RESOLUTION = 101
_LANDSCAPE_CHUNK = 1 << 16  # states recalled per call in `exact_landscape`, to bound memory


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
class Census(ReadOnlyArrays):
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
    check_mode(mode, network.modes, network.rule)
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
class Landscape(ReadOnlyArrays):
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
class Slice(ReadOnlyArrays):
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
