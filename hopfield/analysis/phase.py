"""The phase diagram of the Hebbian network: retrieval against temperature T and load α = P/N.

`phase_diagram` measures it with Glauber dynamics; `ags_boundary` gives the theory line of Amit,
Gutfreund & Sompolinsky (1985, 1987): the largest load α_M(T) at which retrieval states exist,
from the replica-symmetric equations

    m = ⟨tanh β(m + √(αr) z)⟩_z,   q = ⟨tanh² β(m + √(αr) z)⟩_z,   r = q / (1 − β(1 − q))²,

z a standard Gaussian, β = 1/T. α_M(0) ≈ 0.138 and α_M → 0 as T → 1 (T_c = 1 without load).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..dynamics import MEMORY_BUDGET
from ..patterns import check_count
from ..results import ReadOnlyArrays
from ..rules import hebbian
from ._checks import Progress, check_batch, check_progress
from ._parallel import fan_out, spawn_seeds

__all__ = [
    "PhaseDiagram",
    "phase_diagram",
    "ags_boundary",
    "AGS_SOURCE",
    "AGS_ALPHA_C",
    "PHASE_GRIDS",
]

AGS_SOURCE = (
    "Amit, Gutfreund & Sompolinsky, Phys. Rev. Lett. 55, 1530 (1985) and Ann. Phys. 173, 30 (1987): "
    "replica-symmetric retrieval boundary T_M(α)"
)
AGS_ALPHA_C = 0.138  # α_c at T = 0 (AGS 1985)
MAX_CELLS = 2_000  # temperatures × loads
# The app's two grids: the default (9 × 9 cells, about 2 s on one core) and a finer one on request (17 × 19).
PHASE_GRIDS = {
    "default": {
        "n": 200,
        "temperatures": tuple(np.round(np.linspace(0.0, 1.2, 9), 3)),
        "loads": tuple(np.round(np.linspace(0.02, 0.2, 9), 4)),
        "trials": 4,
        "sweeps": 20,
    },
    "fine": {
        "n": 200,
        "temperatures": tuple(np.round(np.linspace(0.0, 1.2, 17), 3)),
        "loads": tuple(np.round(np.linspace(0.01, 0.19, 19), 4)),
        "trials": 4,
        "sweeps": 20,
    },
}


@dataclass(frozen=True)
class PhaseDiagram(ReadOnlyArrays):
    """Mean final overlap over a grid of temperatures and loads (`phase_diagram`).

    overlap[t, l]: the mean over trials and stored patterns of m = (1/N) ξ^μ·s after `sweeps` Glauber
    sweeps at temperature temperatures[t] from s = ξ^μ, with P = patterns[l] = max(1, round(loads[l]·N))
    random patterns stored by Hebb's rule. retrieved[t, l]: the share of those runs ending with m > 0.5.
    """

    n: int
    temperatures: np.ndarray  # (T,) float64
    loads: np.ndarray  # (L,) float64, α = P/N as asked
    patterns: np.ndarray  # (L,) int64, P actually stored
    overlap: np.ndarray  # (T, L) float64
    retrieved: np.ndarray  # (T, L) float64
    trials: int
    sweeps: int


def _check_grid(values: object, name: str, hi: float) -> np.ndarray:
    try:
        array = (
            np.asarray(values, dtype=np.float64) if not isinstance(values, str) else np.array([])
        )
    except (TypeError, ValueError):  # a dict, a set, complex numbers, text
        array = np.array([])
    if (
        array.ndim != 1
        or array.size == 0
        or not np.isfinite(array).all()
        or (array < 0).any()
        or (array > hi).any()
    ):
        raise ValueError(
            f"{name} must be a non-empty list of numbers from 0 to {hi:g}, got {values!r}."
        )
    return array


def glauber_column(
    n: int, p: int, temperatures: np.ndarray, trials: int, sweeps: int, seed: np.random.SeedSequence
) -> tuple[np.ndarray, np.ndarray]:
    """One load: `trials` Hebbian networks of P random patterns, every pattern run from itself at every
    temperature at once. Returns (mean overlap, share with m > 0.5), each (T,).

    rng = default_rng(seed) draws the patterns `2 * rng.integers(0, 2, (trials, P, N)) - 1`, then per
    sweep one permutation `rng.permutation(N)` (shared by the whole batch) and `rng.random((T, trials,
    P, N))`; neuron i (in the permutation's order) becomes +1 when u < ½(1 + tanh(h_i / T)) =
    1 / (1 + e^(−2h_i/T)), h_i = Σ_j w_ij s_j with W = (1/N) Σ ξξᵀ (so a zero field picks ±1 with probability ½
    each at T > 0); T = 0 takes sign(h_i), where h_i = 0 keeps s_i.
    """
    rng = np.random.default_rng(seed)
    xi = (2 * rng.integers(0, 2, size=(trials, p, n), dtype=np.int8) - 1).astype(np.int8)
    couplings, scale = hebbian(xi)
    weights = couplings.astype(np.float64) * scale  # (trials, N, N), symmetric
    states = np.broadcast_to(xi.astype(np.float64), (len(temperatures), trials, p, n)).copy()
    with np.errstate(divide="ignore"):
        beta = np.where(
            temperatures > 0, 1.0 / np.where(temperatures > 0, temperatures, 1.0), np.inf
        )
    beta = beta[:, None, None]
    for _ in range(sweeps):
        order = rng.permutation(n)
        draws = rng.random(states.shape)
        for i in order:
            field = np.matmul(states, weights[:, :, i, None])[
                ..., 0
            ]  # (T, trials, P): row i of W (symmetric)
            with np.errstate(invalid="ignore"):
                up = draws[..., i] < 0.5 * (1.0 + np.tanh(field * beta))
            states[..., i] = np.where(
                (field == 0) & np.isinf(beta), states[..., i], np.where(up, 1.0, -1.0)
            )
    overlap = np.einsum("atpn,tpn->atp", states, xi.astype(np.float64)) / n
    return overlap.mean(axis=(1, 2)), (overlap > 0.5).mean(axis=(1, 2))


def phase_diagram(
    n: int,
    temperatures: Sequence[float],
    loads: Sequence[float],
    trials: int = 4,
    seed: int | np.random.SeedSequence | None = None,
    sweeps: int = 20,
    executor: Executor | None = None,
    progress: Progress = None,
) -> PhaseDiagram:
    """Glauber dynamics at every (T, α): the mean final overlap with the pattern each run starts from.

    Each load is one piece with its own child seed (`spawn_seeds(seed, len(loads))`), vectorised
    over temperatures, trials and stored patterns (`glauber_column`); pieces run on `executor`
    when given (any `concurrent.futures.Executor`), with the same numbers as a serial run.
    `progress(fraction)` is called as each piece's result arrives, in order.
    """
    n = check_count(n, "n", minimum=2)
    temps = _check_grid(temperatures, "temperatures", 100.0)
    alphas = _check_grid(loads, "loads", 10.0)
    trials = check_count(trials, "trials")
    sweeps = check_count(sweeps, "sweeps", minimum=0)
    check_progress(progress)
    if temps.size * alphas.size > MAX_CELLS:
        raise ValueError(
            f"A phase diagram of {temps.size * alphas.size} cells is too large; use at most {MAX_CELLS}."
        )
    counts = np.maximum(1, np.rint(alphas * n)).astype(np.int64)
    check_batch(temps.size * trials * int(counts.max()), n, "This phase diagram")
    if 8 * trials * n * n > MEMORY_BUDGET:
        raise ValueError(
            "This phase diagram's weight matrices would exceed the memory budget; use fewer trials or N."
        )
    seeds = spawn_seeds(seed, alphas.size)
    tasks = [(n, int(p), temps, trials, sweeps, child) for p, child in zip(counts, seeds)]
    columns = fan_out(glauber_column, tasks, executor, progress)
    overlap = np.stack([column[0] for column in columns], axis=1)
    retrieved = np.stack([column[1] for column in columns], axis=1)
    return PhaseDiagram(n, temps.copy(), alphas.copy(), counts, overlap, retrieved, trials, sweeps)


# ---------------------------------------------------------------- theory


_Z = np.linspace(-8.0, 8.0, 801)
_DZ = np.exp(-(_Z**2) / 2)
_DZ /= _DZ.sum()  # Gaussian weights on the grid


def _gauss(values: np.ndarray) -> np.ndarray:
    """⟨f(z)⟩ over a standard Gaussian z, for values (..., Z) on the grid `_Z`."""
    return values @ _DZ


def _alpha_zero_temperature(m: np.ndarray) -> np.ndarray:
    """T = 0: m = erf(m / (√2 σ)), C = β(1 − q) → √(2/π)/σ · e^(−m²/2σ²), α = σ² (1 − C)²."""
    erf = np.frompyfunc(math.erf, 1, 1)
    lo, hi = np.full_like(m, 1e-6), np.full_like(m, 10.0)
    for _ in range(80):  # erf(m / (√2 σ)) falls as σ grows
        mid = (lo + hi) / 2
        above = erf(m / (math.sqrt(2) * mid)).astype(np.float64) > m
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    sigma = (lo + hi) / 2
    susceptibility = math.sqrt(2 / math.pi) / sigma * np.exp(-(m**2) / (2 * sigma**2))
    return np.where(susceptibility < 1, sigma**2 * (1 - susceptibility) ** 2, 0.0)


def _alpha_at(m: np.ndarray, temperature: float) -> np.ndarray:
    """The load α at which the retrieval solution has overlap m at this temperature (0 where none)."""
    if temperature == 0:
        return _alpha_zero_temperature(m)
    beta = 1.0 / temperature
    lo, hi = np.zeros_like(m), np.full_like(m, 10.0)
    for _ in range(40):  # ⟨tanh β(m + σz)⟩ falls from tanh(βm) towards 0 as σ grows
        mid = (lo + hi) / 2
        above = _gauss(np.tanh(beta * (m[:, None] + mid[:, None] * _Z))) > m
        lo, hi = np.where(above, mid, lo), np.where(above, hi, mid)
    sigma = (lo + hi) / 2
    q = _gauss(np.tanh(beta * (m[:, None] + sigma[:, None] * _Z)) ** 2)
    susceptibility = beta * (1 - q)
    exists = (np.tanh(beta * m) > m) & (susceptibility < 1)
    return np.where(exists, sigma**2 * (1 - susceptibility) ** 2 / np.maximum(q, 1e-300), 0.0)


@lru_cache(maxsize=256)
def ags_boundary_at(temperature: float) -> float:
    """α_c(T) at one temperature (cached; see `ags_boundary`): 0 from T = 1 on."""
    if temperature >= 1:
        return 0.0
    coarse = np.linspace(0.005, 0.9995, 100)
    best = coarse[_alpha_at(coarse, temperature).argmax()]
    fine = np.clip(
        np.linspace(best - 0.01, best + 0.01, 41), 0.001, 0.9999
    )  # the maximum, more closely
    return float(_alpha_at(fine, temperature).max())


def ags_boundary(temperatures: Sequence[float]) -> np.ndarray:
    """α_M(T): the largest load with a retrieval state, for each temperature (0 for T >= 1); see `AGS_SOURCE`.

    Solved on a grid of overlaps m: for each m the Gaussian width σ = √(αr) follows from the m equation,
    then q, r and α = σ²/r; α_M is the largest α over m (the retrieval branch ends there).
    """
    temps = _check_grid(temperatures, "temperatures", 100.0)
    return np.array([ags_boundary_at(round(float(t), 12)) for t in temps])
