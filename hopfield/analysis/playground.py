"""The memory playground: a modern Hopfield memory of points in the plane, its energy and its descents.

Memories are points x_μ ∈ R², the rows of X (P, 2); a state ξ ∈ R² has the energy

    E(ξ) = −β⁻¹ Ω*(β Xξ) + ½‖ξ‖²,   for softmax Ω* = ln Σ exp, so E(ξ) = −lse(β, Xξ) + ½‖ξ‖²,
    lse(β, z) = β⁻¹ ln Σ_μ exp(β z_μ),

Ramsauer et al. 2020 ("Hopfield Networks is All You Need", eq. 2) without its constants, the form
drawn in the modern tutorials (Hoover et al., amtutorial); for sparsemax and α-entmax Ω* is the
Tsallis conjugate of `hopfield.sparse` (the Hopfield–Fenchel–Young energy, Santos et al. 2024). In the
plane β multiplies the plain dot product x_μ·ξ (no 1/N: N = 2).

A descent takes the damped update ξ ← (1 − η) ξ + η Xᵀ p(β Xξ), p the attention; η = 1 is the Hopfield
update itself. Since ∇E(ξ) = ξ − Xᵀ p(β Xξ), this is a gradient step of size η, and for 0 < η <= 1 it
never raises E (the update minimises a convex upper bound of E that touches it at ξ; a step part of
the way lowers that bound too). Where a descent ends is named by its attention (see
`classify_fixed_point`): one memory, a metastable mix of a few, or the average of (nearly) all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..patterns import check_count, check_real
from ..results import ReadOnlyArrays
from ..sparse import ENTMAX_ALPHA, attention_alpha, attention_map, conjugate
from .continuous import FixedPoint, classify_fixed_point

__all__ = [
    "PLANE",
    "EnergyGrid",
    "PlaneDescents",
    "PlaneFixedPoint",
    "end_name",
    "energy_grid",
    "is_minimum",
    "plane_descents",
    "plane_energy",
    "plane_fixed_points",
    "start_grid",
]

PLANE = (-2.0, 2.0)  # the square the playground draws, on both axes
MAX_MEMORIES = 200
MAX_RESOLUTION = 400
MOVE_TOLERANCE = (
    1e-9  # a step moving the state by less than this (largest coordinate) has converged
)
SAME_POINT = 1e-4  # descents ending closer than this end at the same fixed point


def _memories(memories: object) -> np.ndarray:
    try:
        points = np.asarray(memories, np.float64)
    except (TypeError, ValueError):
        points = np.zeros((0, 0))
    if points.ndim != 2 or points.shape[1] != 2 or not 1 <= len(points) <= MAX_MEMORIES:
        raise ValueError(
            f"memories must be 1 to {MAX_MEMORIES} points in the plane, shape (P, 2), "
            f"got shape {points.shape}."
        )
    if not np.isfinite(points).all():
        raise ValueError("memories must be finite numbers.")
    return points


def _points(points: object, name: str) -> np.ndarray:
    try:
        values = np.asarray(points, np.float64)
    except (TypeError, ValueError):
        values = np.zeros((0, 0))
    if (
        values.ndim not in (1, 2)
        or values.shape[-1] != 2
        or values.size == 0
        or not np.isfinite(values).all()
    ):
        raise ValueError(
            f"{name} must be finite points in the plane, shape (2,) or (B, 2), got shape {values.shape}."
        )
    return values.reshape(-1, 2)


def _check_side(value: object, name: str, minimum: int) -> int:
    count = check_count(value, name, minimum=minimum)
    if count > MAX_RESOLUTION:
        raise ValueError(f"{name} must be at most {MAX_RESOLUTION}, got {count}.")
    return count


def _scores(memories: np.ndarray, points: np.ndarray, beta: float) -> np.ndarray:
    """β Xξ for points (B, 2): (B, P), written out for two coordinates (a GEMM with k = 2 is slower)."""
    return beta * (points[:, :1] * memories[:, 0] + points[:, 1:] * memories[:, 1])


def _energy(
    memories: np.ndarray, points: np.ndarray, beta: float, attention: str, alpha: float
) -> np.ndarray:
    scores = _scores(memories, points, beta)
    return -conjugate(scores, attention, alpha) / beta + 0.5 * np.einsum("bi,bi->b", points, points)


def plane_energy(
    memories: object,
    points: object,
    beta: float,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
) -> np.ndarray:
    """E(ξ) = −β⁻¹ Ω*(β Xξ) + ½‖ξ‖² of each point (B,) for memories (P, 2); see the module docstring."""
    return _energy(
        _memories(memories),
        _points(points, "points"),
        check_real(beta, "beta", strict=True),
        attention,
        alpha,
    )


@dataclass(frozen=True)
class EnergyGrid(ReadOnlyArrays):
    """The energy on a square grid: xs (R,), ys (R,), energy (R, R) with energy[i, j] at (xs[j], ys[i])."""

    xs: np.ndarray
    ys: np.ndarray
    energy: np.ndarray


def energy_grid(
    memories: object,
    beta: float,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
    resolution: int = 200,
    bounds: tuple[float, float] = PLANE,
) -> EnergyGrid:
    """`plane_energy` on a resolution × resolution grid spanning bounds on both axes."""
    stored = _memories(memories)
    beta = check_real(beta, "beta", strict=True)
    resolution = _check_side(resolution, "resolution", 2)
    axis = np.linspace(bounds[0], bounds[1], resolution)
    xs, ys = np.meshgrid(axis, axis)
    points = np.column_stack([xs.ravel(), ys.ravel()])
    energy = _energy(stored, points, beta, attention, alpha).reshape(resolution, resolution)
    return EnergyGrid(axis, axis.copy(), energy)


@dataclass(frozen=True)
class PlaneDescents(ReadOnlyArrays):
    """Descents from B starts: paths (T, B, 2) (frame 0 the starts, a finished descent repeats its end),
    energies (T, B), steps (B,), converged (B,), weights (B, P) the attention at each end and ends (B,) what
    each end is (`FixedPoint`)."""

    paths: np.ndarray
    energies: np.ndarray
    steps: np.ndarray
    converged: np.ndarray
    weights: np.ndarray
    ends: tuple[FixedPoint, ...]

    def end_names(self) -> list[str]:
        """Where each descent ended, in words: "memory 3", "mix of memories 1, 4" or "average of all"."""
        return [end_name(end) for end in self.ends]

    def rows(self) -> list[dict[str, str | int]]:
        """One row per descent for a table: its start, where it ended (x, y and in words), the steps it took."""
        return [
            {
                "start": f"({x0:.2f}, {y0:.2f})",
                "end": _point(x1, y1),
                "ends in": name,
                "steps": int(steps) if settled else f"{int(steps)} (not settled)",
            }
            for (x0, y0), (x1, y1), name, steps, settled in zip(
                self.paths[0].tolist(),
                self.paths[-1].tolist(),
                self.end_names(),
                self.steps,
                self.converged,
                strict=True,
            )
        ]


def _point(x: float, y: float) -> str:
    """(x, y) to three decimals, with no "-0.000"."""
    return f"({round(x, 3) + 0.0:.3f}, {round(y, 3) + 0.0:.3f})"


def end_name(end: FixedPoint) -> str:
    """A fixed point named for a table (memories counted from 1)."""
    if end.regime == "single":
        return f"memory {end.members[0] + 1}"
    if end.regime == "global":
        return "average of all"
    return "mix of memories " + ", ".join(str(k + 1) for k in sorted(end.members))


def _check_step(step: object) -> float:
    value = check_real(step, "step", strict=True)
    if value > 1:
        raise ValueError(
            f"step must be a number in (0, 1] (1 is the Hopfield update), got {step!r}."
        )
    return value


def plane_descents(
    memories: object,
    starts: object,
    beta: float,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
    step: float = 1.0,
    max_steps: int = 500,
) -> PlaneDescents:
    """Descend from each start (B, 2) by ξ ← (1 − η) ξ + η Xᵀ p(β Xξ), η = step, until a step moves ξ by
    less than 1e-9 (converged) or max_steps; see the module docstring."""
    stored = _memories(memories)
    states = _points(starts, "starts").copy()
    beta = check_real(beta, "beta", strict=True)
    step = _check_step(step)
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    b = len(states)
    steps = np.zeros(b, np.int64)
    converged = np.zeros(b, bool)
    moving = np.arange(b)
    frames = [states.copy()]
    for taken in range(max_steps + 1):
        if moving.size == 0:
            break
        current = states[moving]
        target = attention_map(_scores(stored, current, beta), attention, alpha) @ stored
        new = current + step * (target - current)
        still = np.abs(new - current).max(axis=1) < MOVE_TOLERANCE
        converged[moving[still]] = True
        if taken == max_steps:
            break
        moving = moving[~still]
        states[moving] = new[~still]
        steps[moving] += 1
        if moving.size:
            frames.append(states.copy())
    paths = np.stack(frames)
    t = len(paths)
    energies = _energy(stored, paths.reshape(t * b, 2), beta, attention, alpha).reshape(t, b)
    weights = attention_map(_scores(stored, states, beta), attention, alpha)
    ends = tuple(classify_fixed_point(row) for row in weights)
    return PlaneDescents(paths, energies, steps, converged, weights, ends)


def start_grid(per_side: int, bounds: tuple[float, float] = PLANE) -> np.ndarray:
    """per_side² starts at the centres of a per_side × per_side tiling of the square (K, 2)."""
    per_side = _check_side(per_side, "per_side", 1)
    width = (bounds[1] - bounds[0]) / per_side
    axis = bounds[0] + width * (np.arange(per_side) + 0.5)
    xs, ys = np.meshgrid(axis, axis)
    return np.column_stack([xs.ravel(), ys.ravel()])


@dataclass(frozen=True)
class PlaneFixedPoint:
    """A fixed point reached from the starts: where, its energy, what it is, whether it is a minimum and the
    share of starts ending there."""

    x: float
    y: float
    energy: float
    name: str
    minimum: bool
    share: float

    def row(self) -> dict[str, str]:
        """The fixed point as a table row, numbers written out."""
        return {
            "at": _point(self.x, self.y),
            "energy": f"{self.energy:.4f}",
            "what": self.name,
            "minimum": "yes" if self.minimum else "no",
            "share of starts": f"{self.share:.0%}",
        }


def is_minimum(memories: np.ndarray, weights: np.ndarray, beta: float, alpha: float) -> bool:
    """Whether a fixed point with attention weights (P,) is a minimum of E: its Hessian I − β Xᵀ J X is
    positive definite, J = diag(s) − s sᵀ / Σ s the attention's Jacobian, s_μ = w_μ^(2−α) on the support
    (0 off it; Peters et al. 2019): diag(w) − w wᵀ for softmax (α = 1), the support's centring for sparsemax."""
    s = np.where(weights > 0, weights ** (2 - alpha), 0.0)
    jacobian = np.diag(s) - np.outer(s, s) / s.sum()
    hessian = np.eye(2) - beta * memories.T @ jacobian @ memories
    return bool(np.linalg.eigvalsh(hessian).min() > 1e-9)


def plane_fixed_points(
    memories: object,
    beta: float,
    attention: str = "softmax",
    alpha: float = ENTMAX_ALPHA,
    per_side: int = 12,
    step: float = 0.5,
) -> list[PlaneFixedPoint]:
    """The fixed points the descents from a per_side × per_side grid of starts (`start_grid`) end in: the distinct
    ends of converged descents (closer than 1e-4 counts as one), most starts first, each tested for a minimum
    (`is_minimum`). A start exactly on a symmetry line of the memories may end on a saddle."""
    stored = _memories(memories)
    power = attention_alpha(attention, alpha)
    descents = plane_descents(stored, start_grid(per_side), beta, attention, alpha, step)
    ends = descents.paths[-1]
    energies = descents.energies[-1]
    names = descents.end_names()
    found: list[tuple[int, int]] = []  # (descent that found it, how many ended there)
    for k in np.flatnonzero(descents.converged):
        for index, (first, count) in enumerate(found):
            if np.abs(ends[k] - ends[first]).max() < SAME_POINT:
                found[index] = (first, count + 1)
                break
        else:
            found.append((int(k), 1))
    total = len(ends)
    points = [
        PlaneFixedPoint(
            float(ends[k, 0]),
            float(ends[k, 1]),
            float(energies[k]),
            names[k],
            is_minimum(stored, descents.weights[k], beta, power),
            count / total,
        )
        for k, count in found
    ]
    return sorted(points, key=lambda point: -point.share)
