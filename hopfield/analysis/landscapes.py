"""Landscapes: the attractors of random starts (census), the exact energy landscape of small
networks (every state, N <= 20), 2-D slices of the landscape through two stored patterns, and
overlap paths of a recall across such a slice; recalls recorded in the descent mode (the energy
along them, their paths across a slice) and the tables of attractors the app shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..corrupt import flip_count
from ..dynamics import DYNAMICS, check_mode
from ..network import HopfieldNetwork
from ..patterns import check_count, check_fraction, make_rng, random_patterns
from ..results import ReadOnlyArrays
from ._checks import Progress, Seed, check_batch, check_progress, require_patterns
from .outcomes import (
    ATTRACTOR_KINDS,
    check_labels,
    kinds_and_components,
    outcome_label,
    pattern_dots,
    patterns_and_states,
)

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
    "FLIP_RECORD_MAX_N",
    "descent_mode",
    "recording",
    "Descents",
    "energy_descents",
    "slice_descents",
    "attractor_rows",
    "attractor_captions",
    "kind_shares",
]

EXACT_LANDSCAPE_MAX_N = 20
MAX_SLICE_RESOLUTION = 101
_LANDSCAPE_CHUNK = 1 << 16  # states recalled per call in `exact_landscape`, to bound memory


def _name_attractors(
    network: HopfieldNetwork, attractors: np.ndarray, labels: Sequence[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Kinds and labels of attractor states (A, N) with respect to the network's stored patterns."""
    names = check_labels(labels, network.memorised)
    kinds, components = kinds_and_components(network.patterns, attractors)
    return tuple(kinds), tuple(
        outcome_label(kind, parts, names) for kind, parts in zip(kinds, components, strict=True)
    )


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
    check_batch(starts, network.n, "This census")
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
    network: HopfieldNetwork,
    seed: int = 0,
    labels: Sequence[str] | None = None,
    progress: Progress = None,
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
    check_progress(progress)
    mode = "async" if "async" in network.modes else "sync"
    count = 1 << network.n
    energies = np.empty(count)
    final_index = np.empty(count, np.int64)
    fixed = np.empty(count, bool)
    for start in range(0, count, _LANDSCAPE_CHUNK):
        states = _states_of(
            np.arange(start, min(count, start + _LANDSCAPE_CHUNK), dtype=np.int64), network.n
        )
        energies[start : start + len(states)] = network.energy(states)
        result = network.recall(states, mode, max_steps=100, seed=int(seed))
        final_index[start : start + len(states)] = _index_of(result.states)
        fixed[start : start + len(states)] = result.converged
        if progress is not None:
            progress(min(count, start + _LANDSCAPE_CHUNK) / count)
    unique, first, inverse, counts = np.unique(
        final_index, return_index=True, return_inverse=True, return_counts=True
    )
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
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, np.integer))
        or not 0 <= value < count
    ):
        raise ValueError(
            f"{name} must be a stored pattern index from 0 to {count - 1}, got {value!r}."
        )
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


def landscape_slice(
    network: HopfieldNetwork, a: int, b: int, resolution: int = 41, seed: Seed = 0
) -> Slice:
    """Energy over the plane of states between stored patterns a and b.

    The n₁ neurons where ξ^a = ξ^b ("agree") and the n₂ where they differ are each put in one
    seeded random order (rng.permutation of each group). The state (k₁, k₂) is ξ^a with the first
    k₁ agree-neurons and the first k₂ differ-neurons flipped, so

        m_a = (n₁ − 2k₁ + n₂ − 2k₂) / N,   m_b = (n₁ − 2k₁ − n₂ + 2k₂) / N;

    (0, 0) is ξ^a, (0, n₂) is ξ^b, (n₁, n₂) is −ξ^a. k₁ and k₂ each take at most `resolution`
    values, np.linspace over 0..n rounded and made unique. A pairwise memory's energies come in
    closed form from C applied to 1 + R1 + R2 vectors (see `slice_energy`), the others' from one batch.
    """
    require_patterns(network, 2)
    a, b = _check_pair(a, b, network.memorised)
    resolution = check_count(resolution, "resolution", minimum=2)
    if resolution > MAX_SLICE_RESOLUTION:
        raise ValueError(f"resolution must be from 2 to {MAX_SLICE_RESOLUTION}, got {resolution}.")
    rng = make_rng(seed)
    xi_a, xi_b = network.patterns[a], network.patterns[b]
    n = network.n
    agree = rng.permutation(np.flatnonzero(xi_a == xi_b))
    differ = rng.permutation(np.flatnonzero(xi_a != xi_b))
    rank_agree, rank_differ = (
        np.full(n, n),
        np.full(n, n),
    )  # position in its group's order; n elsewhere
    rank_agree[agree] = np.arange(len(agree))
    rank_differ[differ] = np.arange(len(differ))
    k1, k2 = _grid(len(agree), resolution), _grid(len(differ), resolution)
    energy = slice_energy(network, xi_a, rank_agree < k1[:, None], rank_differ < k2[:, None])
    n1, n2 = len(agree), len(differ)
    m_a = (n1 - 2 * k1[:, None] + n2 - 2 * k2[None, :]) / n
    m_b = (n1 - 2 * k1[:, None] - n2 + 2 * k2[None, :]) / n
    return Slice(a, b, n1, n2, k1, k2, m_a, m_b, energy)


def overlap_path(patterns: object, trajectory: object, a: int, b: int) -> np.ndarray:
    """(m_a, m_b) of each frame of one probe's trajectory (T, N): float64 (T, 2), m = (1/N) ξ·s."""
    xi, frames, _ = patterns_and_states(patterns, trajectory)
    a, b = _check_index(a, "a", len(xi)), _check_index(b, "b", len(xi))
    return pattern_dots(xi[[a, b]], frames) / xi.shape[1]


# --- the Energy landscape page: slice energies, recorded descents, attractor tables -------------

FLIP_RECORD_MAX_N = (
    1024  # larger networks are recorded per sweep: one frame per flip at N = 4096 takes seconds
)


def slice_energy(
    network: HopfieldNetwork, x: np.ndarray, flip_agree: np.ndarray, flip_differ: np.ndarray
) -> np.ndarray:
    """Energies (R1, R2) of the slice states: x with the neurons of flip_agree[i] (R1, N) and of
    flip_differ[j] (R2, N) flipped (the two groups are disjoint).

    A pairwise memory, E(s) = −½ · scale · sᵀCs, needs no state of the grid: with d1_i = x ⊙ flip_agree[i]
    and d2_j = x ⊙ flip_differ[j], s = x − 2 d1_i − 2 d2_j and

        sᵀCs = xᵀCx − 2 (xᵀC d1_i + d1_iᵀC x) − 2 (xᵀC d2_j + d2_jᵀC x)
               + 4 d1_iᵀC d1_i + 4 d2_jᵀC d2_j + 4 (d1_iᵀC d2_j + d2_jᵀC d1_i),

    so C z for the 1 + R1 + R2 vectors z = x, d1_i, d2_j (one matmul in the couplings' dtype, as
    `dynamics.energy` computes its fields: exact for whole-number couplings) replaces C s for R1·R2
    states. Other memories measure the R1·R2 states in one batch.
    """
    if network.couplings is None:
        flipped = flip_agree[:, None, :] | flip_differ[None, :, :]  # (R1, R2, N)
        states = np.where(flipped, -x, x).astype(np.int8)
        return network.energy(states.reshape(-1, network.n)).reshape(
            len(flip_agree), len(flip_differ)
        )
    couplings, r1 = network.couplings, len(flip_agree)
    z = np.concatenate([x[None], np.where(flip_agree, x, 0), np.where(flip_differ, x, 0)]).astype(
        couplings.dtype
    )
    cz = (z @ couplings.T).astype(np.float64)  # row k: C z_k
    z = z.astype(np.float64)
    (x, d1, d2), (cx, c1, c2) = (np.split(array, [1, 1 + r1]) for array in (z, cz))
    x, cx = x[0], cx[0]
    agree_terms = -2 * (c1 @ x + d1 @ cx) + 4 * np.einsum("in,in->i", d1, c1)
    differ_terms = -2 * (c2 @ x + d2 @ cx) + 4 * np.einsum("jn,jn->j", d2, c2)
    quadratic = x @ cx + agree_terms[:, None] + differ_terms[None, :] + 4 * (d1 @ c2.T + c1 @ d2.T)
    return -0.5 * network.scale * quadratic


def descent_mode(network: HopfieldNetwork) -> str:
    """The recall mode in which the network's energy never rises: the first of its rule's `descends`
    (async, one neuron at a time, for the pairwise and dense rules; sync for the modern network);
    async for a network built from weights."""
    spec = network.spec
    if spec is not None and spec.descends:
        return spec.descends[0]
    return "async" if "async" in network.modes else network.modes[0]


def recording(network: HopfieldNetwork, mode: str) -> tuple[bool | str, str]:
    """How a recall in `mode` is recorded for display, and what one frame is: every flip of an async
    recall while N <= FLIP_RECORD_MAX_N (record="flips", "flip"), else every step or sweep
    (record=True, `DYNAMICS[mode].step_name`)."""
    check_mode(mode, network.modes, network.rule)
    if DYNAMICS[mode].record_unit == "flip" and network.n <= FLIP_RECORD_MAX_N:
        return "flips", "flip"
    return True, DYNAMICS[mode].step_name


@dataclass(frozen=True)
class Descents(ReadOnlyArrays):
    """Recalls recorded frame by frame in the network's `descent_mode` (`energy_descents`, `slice_descents`).

    starts (B,) what each probe was ("3 + 25% noise", "random start"); ends (B,) where it ended
    ("stored 3", "mixture of 1, −3, 4", ... as `describe`); energies (T, B) float64, the energy of
    each frame (a probe that stopped early repeats its last one); paths (B, T, 2) the overlaps
    (m_a, m_b) of each frame with the slice's two patterns (`slice_descents`; None otherwise);
    mode; unit: what one frame is ("flip", "sweep" or "step", see `recording`).
    """

    starts: tuple[str, ...]
    ends: tuple[str, ...]
    energies: np.ndarray
    paths: np.ndarray | None
    mode: str
    unit: str

    @property
    def journeys(self) -> tuple[str, ...]:
        """Each probe's "start → end", e.g. "3 + 25% noise → stored 3"."""
        return tuple(f"{start} → {end}" for start, end in zip(self.starts, self.ends, strict=True))


def _descend(
    network: HopfieldNetwork,
    probes: np.ndarray,
    starts: Sequence[str],
    labels: Sequence[str] | None,
    seed: int,
    max_steps: int,
    pair: tuple[int, int] | None = None,
) -> Descents:
    mode = descent_mode(network)
    record, unit = recording(network, mode)
    result = network.recall(probes, mode, max_steps, seed=seed, record=record)
    _, ends = _name_attractors(network, result.states, labels)
    paths = None
    if pair is not None:
        frames, batch, n = result.trajectory.shape
        overlaps = pattern_dots(network.patterns[list(pair)], result.trajectory.reshape(-1, n)) / n
        paths = overlaps.reshape(frames, batch, 2).transpose(1, 0, 2)
    return Descents(tuple(starts), ends, result.energies, paths, mode, unit)


def energy_descents(
    network: HopfieldNetwork,
    noise: float = 0.25,
    labels: Sequence[str] | None = None,
    shown: int = 4,
    seed: int = 0,
    max_steps: int = 100,
) -> Descents:
    """The energy along recalls of the first `shown` stored patterns with round(noise·N) bits flipped
    (`flip_count(..., seed=seed)`) and of one random state (`random_patterns(1, N, seed)`), recalled
    with `seed` in `descent_mode` and recorded as `recording` says. labels: one name per stored pattern."""
    require_patterns(network)
    noise = check_fraction(noise, "noise")
    shown = check_count(shown, "shown")
    names = check_labels(labels, network.memorised)
    count = min(network.memorised, shown)
    noisy = flip_count(network.patterns[:count], round(noise * network.n), seed=seed)
    probes = np.concatenate([noisy, random_patterns(1, network.n, seed)])
    starts = [f"{name} + {noise:.0%} noise" for name in names[:count]] + ["random start"]
    return _descend(
        network, probes, starts, labels, seed, check_count(max_steps, "max_steps", minimum=0)
    )


def slice_descents(
    network: HopfieldNetwork,
    a: int,
    b: int,
    noise: float = 0.3,
    labels: Sequence[str] | None = None,
    seed: int = 0,
    max_steps: int = 100,
) -> Descents:
    """Recalls across the slice through stored patterns a and b (`landscape_slice`), with their paths.

    Four probes: ξ^a and ξ^b with round(noise·N) bits flipped, a random mix (each neuron from ξ^a or
    ξ^b with probability ½) and that mix with round(noise·N) // 2 bits flipped. One rng =
    make_rng(seed) draws the mix, then the three flips in that order; the recall takes `seed`.
    """
    require_patterns(network, 2)
    a, b = _check_pair(a, b, network.memorised)
    noise = check_fraction(noise, "noise")
    names = check_labels(labels, network.memorised)
    xi, n = network.patterns, network.n
    flips = round(noise * n)
    rng = make_rng(seed)
    mix = np.where(rng.random(n) < 0.5, xi[a], xi[b]).astype(np.int8)
    probes = np.stack(
        [
            flip_count(xi[a], flips, seed=rng),
            flip_count(xi[b], flips, seed=rng),
            mix,
            flip_count(mix, flips // 2, seed=rng),
        ]
    )
    starts = (
        f"{names[a]} + {noise:.0%} noise",
        f"{names[b]} + {noise:.0%} noise",
        f"half {names[a]}, half {names[b]}",
        f"that mix + {noise / 2:.0%} noise",
    )
    return _descend(
        network,
        probes,
        starts,
        labels,
        seed,
        check_count(max_steps, "max_steps", minimum=0),
        (a, b),
    )


def _shares(found: Census | Landscape) -> tuple[np.ndarray, np.ndarray, str]:
    """Each attractor's share, its energy and what the share is of."""
    if isinstance(found, Landscape):
        return found.basin_sizes, found.attractor_energies, "basin"
    if isinstance(found, Census):
        return found.share, found.energies, "share of starts"
    raise ValueError(f"found must be a Census or a Landscape, got {type(found).__name__}.")


def attractor_rows(found: Census | Landscape, limit: int = 24) -> list[dict[str, object]]:
    """The `limit` largest attractors of a census or an exact landscape as table rows: "attractor" (its
    label); its share as a percentage with one decimal, "basin" (of all 2^N states, a Landscape) or
    "share of starts" (a Census); "energy" rounded to 3 decimals; "fixed point": "yes" or "no (cycle or cut)"."""
    shares, energies, column = _shares(found)
    limit = check_count(limit, "limit", minimum=0)
    return [
        {
            "attractor": label,
            column: f"{share:.1%}",
            "energy": round(energy, 3),
            "fixed point": "yes" if stable else "no (cycle or cut)",
        }
        for label, share, energy, stable in zip(
            found.labels[:limit],
            shares[:limit].tolist(),
            energies[:limit].tolist(),
            found.fixed_point[:limit].tolist(),
        )
    ]


def attractor_captions(found: Census | Landscape, limit: int = 10) -> tuple[str, ...]:
    """Short captions of the `limit` largest attractors, label and share: "stored 3 41%", "mixture 2%"
    (a mixture without its patterns, which the table lists)."""
    shares, _, _ = _shares(found)
    limit = check_count(limit, "limit", minimum=0)
    return tuple(
        f"{'mixture' if kind == 'mixture' else label} {share:.0%}"
        for kind, label, share in zip(
            found.kinds[:limit], found.labels[:limit], shares[:limit].tolist()
        )
    )


def kind_shares(found: Census | Landscape) -> dict[str, float]:
    """The fraction of all states (a Landscape) or of the starts (a Census) that end in each kind of
    attractor, by `ATTRACTOR_KINDS` ("stored", "reversed", "mixture", "spurious"); sums to 1."""
    shares, _, _ = _shares(found)
    totals = dict.fromkeys(ATTRACTOR_KINDS, 0.0)
    for kind, share in zip(found.kinds, shares.tolist(), strict=True):
        totals[kind] += share
    return totals
