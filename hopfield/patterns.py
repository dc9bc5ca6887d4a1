"""Patterns: validation, conversion between 0/1 and ±1, random sets, and real-valued patterns and states.

Every public function of the engine passes its pattern arguments through
`as_patterns` (a set, shape (P, N)) or `as_states` (one state (N,) or a batch
(B, N)), so all of them accept 0/1 or ±1 (bool, int or float) and refuse
anything else with a sentence naming the problem.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "as_patterns",
    "as_states",
    "to_binary",
    "random_patterns",
    "make_rng",
    "check_count",
    "check_real",
    "check_fraction",
    "as_real",
    "is_binary",
    "real_patterns",
    "real_states",
    "standardise",
    "one_hot",
]


MAX_PATTERN_BYTES = (
    1 << 30
)  # random_patterns refuses sets larger than this (int8: one byte a neuron)


def _to_bipolar(values: np.ndarray, name: str) -> np.ndarray:
    """Map a 0/1 or ±1 array to int8 ±1, or raise ValueError naming the problem."""
    kind = (
        values.dtype.kind
    )  # b(ool), i(nt), u(nsigned int), f(loat); complex, text and objects are refused
    if kind not in "biuf":
        raise ValueError(f"{name} must be real numeric 0/1 or ±1 values, got dtype {values.dtype}.")
    if values.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one pattern of at least one neuron.")
    if kind == "b":
        return np.where(values, 1, -1).astype(np.int8)
    if kind == "f" and not np.isfinite(values).all():
        raise ValueError(f"{name} contains NaN or infinite values; only 0/1 or ±1 are allowed.")
    if ((values == 1) | (values == -1)).all():
        return values.astype(np.int8)
    if ((values == 0) | (values == 1)).all():
        return (2 * values.astype(np.int8) - 1).astype(np.int8)
    distinct = np.unique(values)  # only to name the offending values
    shown = ", ".join(str(v) for v in distinct[:5])
    raise ValueError(
        f"{name} must hold only 0/1 or only ±1 values, got {shown}"
        f"{' ...' if distinct.size > 5 else ''}."
    )


def as_patterns(patterns: object, name: str = "patterns") -> np.ndarray:
    """Return a pattern set as a new int8 ±1 array of shape (P, N).

    Accepts 0/1 or ±1 (bool, int or float). A single 1-D pattern is refused:
    a set must be 2-D, so that (P, N) is never ambiguous.
    """
    values = np.asarray(patterns)
    if values.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D with shape (P, N), got {values.ndim}-D shape {values.shape}."
        )
    return _to_bipolar(values, name)


def as_states(
    states: object, n: int | None = None, name: str = "states"
) -> tuple[np.ndarray, bool]:
    """Return states as int8 ±1 of shape (B, N) and whether the input was one 1-D state.

    With `n` given, the number of neurons must equal it.
    """
    values = np.asarray(states)
    if values.ndim not in (1, 2):
        raise ValueError(
            f"{name} must be one state (N,) or a batch (B, N), got shape {values.shape}."
        )
    single = values.ndim == 1
    bipolar = _to_bipolar(values.reshape(1, -1) if single else values, name)
    if n is not None and bipolar.shape[1] != n:
        raise ValueError(f"{name} have {bipolar.shape[1]} neurons but the network has {n}.")
    return bipolar, single


def to_binary(patterns: object) -> np.ndarray:
    """Map ±1 (or 0/1) patterns to uint8 0/1 of the same shape: b = (s + 1) / 2."""
    values = np.asarray(patterns)
    return (
        ((_to_bipolar(values.reshape(1, -1) if values.ndim < 2 else values, "patterns") + 1) // 2)
        .astype(np.uint8)
        .reshape(values.shape)
    )


def random_patterns(p: int, n: int, seed: int | np.random.Generator | None = None) -> np.ndarray:
    """Draw P independent patterns of N unbiased ±1 neurons, shape (P, N), int8."""
    p, n = check_count(p, "P"), check_count(n, "N")
    if p * n > MAX_PATTERN_BYTES:
        raise ValueError(
            f"{p} patterns of {n} neurons would take {p * n >> 30:,} GiB or more; "
            f"at most {MAX_PATTERN_BYTES // 2**30} GiB of patterns are allowed."
        )
    rng = make_rng(seed)
    return (2 * rng.integers(0, 2, size=(p, n), dtype=np.int8) - 1).astype(np.int8)


def check_count(value: object, name: str, minimum: int = 1) -> int:
    """Return `value` as an int >= minimum, or raise ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number, got {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}.")
    return int(value)


def make_rng(seed: object) -> np.random.Generator:
    """np.random.default_rng(seed) for None, a whole number >= 0 or a Generator; ValueError for anything else."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(
            f"seed must be a whole number >= 0, None or a numpy Generator, got {seed!r}."
        )
    return np.random.default_rng(int(seed))


def check_real(value: object, name: str, minimum: float = 0.0, strict: bool = False) -> float:
    """Return `value` as a finite float >= minimum (> minimum when strict), or raise ValueError naming `name`."""
    bound = f"> {minimum:g}" if strict else f">= {minimum:g}"
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number {bound}, got {value!r}.")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be a number {bound}, got a number too large to use."
        ) from None
    if not math.isfinite(number) or number < minimum or (strict and number == minimum):
        raise ValueError(f"{name} must be a number {bound}, got {value!r}.")
    return number


def check_fraction(value: object, name: str) -> float:
    """Return `value` as a float in [0, 1], or raise ValueError naming `name` (NaN and infinities refused)."""
    is_number = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, bool
    )
    if not (is_number and 0 <= value <= 1):
        raise ValueError(f"{name} must be a number from 0 to 1, got {value!r}.")
    return float(value)


# ---------------------------------------------------------------- real-valued patterns


def is_binary(values: np.ndarray) -> bool:
    """Whether an array holds binary codes: only 0/1, or only ±1 (bool counts as binary)."""
    if values.dtype == bool:
        return True
    if not np.issubdtype(values.dtype, np.number) or values.size == 0:
        return False
    with np.errstate(invalid="ignore"):
        return bool(((values == 1) | (values == -1)).all() or ((values == 0) | (values == 1)).all())


def as_real(values: object, name: str) -> np.ndarray:
    """Any array of finite real numbers (bool and integers included) as a new float64 array, or ValueError."""
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
    values = as_real(patterns, name)
    if values.ndim != 2 or values.size == 0:
        raise ValueError(f"{name} must be a non-empty 2-D array (P, N), got shape {values.shape}.")
    return values


def real_states(states: object, n: int, name: str = "probes") -> np.ndarray:
    """One state (N,) or a batch (B, N) of finite reals as float64 (B, N), or ValueError."""
    values = as_real(states, name)
    if values.ndim not in (1, 2) or values.shape[-1] != n or values.size == 0:
        raise ValueError(
            f"{name} must have shape (N,) or (B, N) with N = {n}, got shape {values.shape}."
        )
    return values.reshape(-1, n)


def standardise(images: object) -> np.ndarray:
    """Each image (a row of (P, N), or (P, H, W)) as (x − mean) / std over its own pixels: (P, N) float64.

    The dot product of two standardised images divided by N is their correlation. An image of one
    flat grey has no contrast to standardise and is refused.
    """
    values = as_real(images, "images")
    if values.ndim < 2 or values.size == 0:
        raise ValueError(f"images must be a stack (P, N) or (P, H, W), got shape {values.shape}.")
    flat = values.reshape(len(values), -1)
    spread = flat.std(axis=1)
    flat_ones = np.flatnonzero(spread <= 1e-12 * np.maximum(1.0, np.abs(flat).max(axis=1)))
    if flat_ones.size:
        raise ValueError(
            f"Image {int(flat_ones[0]) + 1} is one flat grey: it has no contrast to standardise."
        )
    return (flat - flat.mean(axis=1, keepdims=True)) / spread[:, None]


def one_hot(classes: object) -> tuple[np.ndarray, tuple[str, ...]]:
    """Class names (P,) as one-hot rows (P, C) float64 and the C class names in sorted order."""
    names = tuple(sorted({str(c) for c in np.asarray(classes).ravel().tolist()}))
    index = {name: k for k, name in enumerate(names)}
    rows = np.zeros((len(np.asarray(classes).ravel()), len(names)))
    rows[np.arange(len(rows)), [index[str(c)] for c in np.asarray(classes).ravel().tolist()]] = 1.0
    return rows, names
