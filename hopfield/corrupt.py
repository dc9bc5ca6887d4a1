"""Noise models that corrupt bipolar states, vectorised over a batch.

Every function takes one state (N,) or a batch (B, N) in 0/1 or ±1 and returns
a new int8 ±1 array of the same shape. Random ones take a `seed` (int, None or
numpy Generator) used through `np.random.default_rng`: same seed, same noise.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .imaging import check_shape
from .patterns import as_states, check_count, check_fraction, make_rng, real_patterns

__all__ = [
    "NOISE_KINDS",
    "HIDING_KINDS",
    "PROBE_KINDS",
    "HIDING_PROBES",
    "corrupt",
    "hidden",
    "flip_count",
    "flip_fraction",
    "flip_rows",
    "mask",
    "occlude",
    "real_hidden",
    "real_probe",
    "salt_pepper",
]

Seed = int | np.random.Generator | None
Range = tuple[int, int]
PROBE_KINDS: dict[str, str] = {
    "mask-bottom": "Bottom half masked",
    "box": "A box occluded",
    "noise": "Gaussian noise",
    "blend": "Blend of two memories",
}
HIDING_PROBES = (
    "mask-bottom",
    "box",
)  # the probe kinds that hide pixels (set them to 0) instead of changing them

NOISE_KINDS: dict[str, str] = {
    "flip": "Flip a fraction of bits",
    "flip-count": "Flip an exact number of bits",
    "occlude": "Occlude the bottom rows",
    "salt-pepper": "Salt and pepper",
    "mask": "Mask (set to off)",
}


def flip_fraction(states: object, fraction: float, seed: Seed = None) -> np.ndarray:
    """Flip each bit independently with probability `fraction`: s_i -> -s_i."""
    fraction = check_fraction(fraction, "fraction")
    batch, single = as_states(states)
    flips = make_rng(seed).random(batch.shape) < fraction
    return _shaped(np.where(flips, -batch, batch), single)


def flip_count(states: object, count: int, seed: Seed = None) -> np.ndarray:
    """Flip exactly `count` distinct bits of every state, chosen uniformly at random.

    The bits are the `count` smallest of N independent uniform keys per state.
    """
    batch, single = as_states(states)
    neurons = batch.shape[1]
    count = check_count(count, "count", minimum=0)
    if count > neurons:
        raise ValueError(
            f"count must be between 0 and the number of neurons {neurons}, got {count}."
        )
    if count == 0:  # no draws: the random stream is left as it was
        return _shaped(batch.copy(), single)
    return _shaped(flip_rows(batch, count, make_rng(seed)), single)


def flip_rows(batch: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`flip_count` without the checks, for callers that hold a checked batch: int8 ±1 (B, N) and
    0 < count <= N. Flips the `count` bits with the smallest of N uniform keys per row (one
    `rng.random((B, N))` draw) in a new array."""
    keys = rng.random(batch.shape)
    chosen = np.argpartition(keys, count - 1, axis=1)[:, :count]
    flipped = batch.copy()
    np.put_along_axis(flipped, chosen, -np.take_along_axis(batch, chosen, axis=1), axis=1)
    return flipped


def occlude(
    states: object,
    shape: Sequence[int],
    rows: Range | None = None,
    cols: Range | None = None,
    box: tuple[int, int, int, int] | None = None,
    value: int = -1,
) -> np.ndarray:
    """Set a rectangle of each (rows x cols) image to `value` (±1).

    The rectangle is rows = (start, stop) by cols = (start, stop), half-open like
    slices; a missing one means all rows or all columns. `box` = (top, left, bottom,
    right) is the same rectangle in one argument, instead of rows and cols.
    """
    height, width = check_shape(shape)
    if box is not None:
        if rows is not None or cols is not None:
            raise ValueError("give either box or rows/cols for the occlusion, not both.")
        if not isinstance(box, Sequence) or len(box) != 4:
            raise ValueError(f"box must be (top, left, bottom, right), got {box!r}.")
        rows, cols = (box[0], box[2]), (box[1], box[3])
    if rows is None and cols is None:
        raise ValueError("occlusion needs rows, cols or box to say which region to hide.")
    row_start, row_stop = _check_range(rows, height, "rows")
    col_start, col_stop = _check_range(cols, width, "cols")
    value = _check_value(value)
    batch, single = as_states(states, n=height * width)
    images = batch.reshape(-1, height, width).copy()
    images[:, row_start:row_stop, col_start:col_stop] = value
    return _shaped(images.reshape(batch.shape), single)


def salt_pepper(states: object, amount: float, seed: Seed = None) -> np.ndarray:
    """Replace each bit with probability `amount` by a fair random ±1 (so about amount/2 of bits change)."""
    amount = check_fraction(amount, "amount")
    batch, single = as_states(states)
    rng = make_rng(seed)
    hit = rng.random(batch.shape) < amount
    noise = np.where(rng.random(batch.shape) < 0.5, 1, -1).astype(np.int8)
    return _shaped(np.where(hit, noise, batch), single)


def mask(states: object, fraction: float, seed: Seed = None, value: int = -1) -> np.ndarray:
    """Set each bit with probability `fraction` to `value` (default -1, off)."""
    fraction = check_fraction(fraction, "fraction")
    value = _check_value(value)
    batch, single = as_states(states)
    hit = _masked(batch.shape, fraction, seed)
    return _shaped(np.where(hit, np.int8(value), batch), single)


def _masked(shape: tuple[int, int], fraction: float, seed: Seed) -> np.ndarray:
    """The bits `mask` hides: `make_rng(seed).random(shape) < fraction`."""
    return make_rng(seed).random(shape) < fraction


def corrupt(
    states: object,
    kind: str,
    level: float,
    seed: Seed = None,
    shape: Sequence[int] | None = None,
) -> np.ndarray:
    """Apply the noise `kind` (a key of NOISE_KINDS) at `level`.

    level is a fraction in [0, 1] for "flip", "salt-pepper", "mask" and "occlude"
    (the bottom round(level * rows) rows hidden; needs `shape`), and a whole number
    of bits in [0, N] for "flip-count".
    """
    if not isinstance(kind, str) or kind not in NOISE_KINDS:
        raise ValueError(f"noise kind must be one of {', '.join(NOISE_KINDS)}; got {kind!r}.")
    if kind == "flip-count":
        return flip_count(states, level, seed)
    level = check_fraction(level, "noise level")
    if kind == "flip":
        return flip_fraction(states, level, seed)
    if kind == "salt-pepper":
        return salt_pepper(states, level, seed)
    if kind == "mask":
        return mask(states, level, seed)
    if shape is None:
        raise ValueError(
            "occlusion needs the image shape (rows, cols) of the states; got shape=None."
        )
    height = check_shape(shape)[0]
    return occlude(states, shape, rows=(height - _occluded_rows(level, height), height))


def _occluded_rows(level: float, height: int) -> int:
    """How many bottom rows "occlude" hides: round(level · rows), halves rounded up."""
    return int(np.floor(level * height + 0.5))


HIDING_KINDS = ("mask", "occlude")  # the noises that hide bits instead of changing them at random


def hidden(
    kind: str, level: float, n: int, seed: Seed = None, shape: Sequence[int] | None = None
) -> np.ndarray:
    """Which bits of one state of N bits `corrupt(state, kind, level, seed, shape)` hides, (N,) bool: "mask" draws
    them as `mask` does (same seed, same bits), "occlude" hides the bottom round(level · rows) rows. The others are
    the known bits, which clamped completion holds (`net.recall(probe, clamp=~hidden(...))`). Only the
    `HIDING_KINDS` hide bits.

    >>> hidden("occlude", 0.5, 6, shape=(3, 2)).tolist()
    [False, False, True, True, True, True]
    """
    if not isinstance(kind, str) or kind not in HIDING_KINDS:
        raise ValueError(
            f"Only {' and '.join(HIDING_KINDS)} noise hide bits; {kind!r} changes them at random."
        )
    level = check_fraction(level, "noise level")
    n = check_count(n, "n")
    if kind == "mask":
        return _masked((1, n), level, seed)[0]
    if shape is None:
        raise ValueError(
            "occlusion needs the image shape (rows, cols) of the states; got shape=None."
        )
    height, width = check_shape(shape)
    if height * width != n:
        raise ValueError(f"shape {tuple(shape)} does not fit a state of {n} bits.")
    rows = np.arange(n) // width
    return rows >= height - _occluded_rows(level, height)


def _shaped(batch: np.ndarray, single: bool) -> np.ndarray:
    """Return int8 (N,) for a single state, else the batch (B, N)."""
    batch = batch.astype(np.int8, copy=False)
    return batch[0] if single else batch


def _check_value(value: object) -> int:
    """Return the fill value as +1 or -1, or raise ValueError."""
    if isinstance(value, bool) or value not in (-1, 1):
        raise ValueError(f"value must be +1 or -1, got {value!r}.")
    return int(value)


def _check_range(bounds: Range | None, size: int, name: str) -> Range:
    """Return (start, stop) with 0 <= start <= stop <= size (None -> the whole axis), or raise ValueError."""
    if bounds is None:
        return 0, size
    if not isinstance(bounds, Sequence) or len(bounds) != 2:
        raise ValueError(f"{name} must be a pair (start, stop), got {bounds!r}.")
    start, stop = (
        check_count(bounds[0], f"{name} start", minimum=0),
        check_count(bounds[1], f"{name} stop", minimum=0),
    )
    if not start <= stop <= size:
        raise ValueError(f"{name} ({start}, {stop}) must satisfy 0 <= start <= stop <= {size}.")
    return start, stop


# ---------------------------------------------------------------- probes of real-valued patterns


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
        raise ValueError(
            f"shape {tuple(shape)} does not fit a pattern of {n} values: rows·cols must equal {n}."
        )
    level = check_fraction(level, "level") if kind != "noise" else _check_noise(level)
    probe = stored[index].copy()
    if kind in HIDING_PROBES:
        probe[real_hidden(kind, (rows, cols), level, seed)] = 0.0
    elif kind == "noise":
        rng = make_rng(seed)
        probe += level * stored[index].std() * rng.standard_normal(n)
    else:
        other = (index + 1) % p if other is None else other
        if (
            isinstance(other, bool)
            or not isinstance(other, (int, np.integer))
            or not 0 <= other < p
        ):
            raise ValueError(f"other must be a whole number from 0 to {p - 1}, got {other!r}.")
        probe = (1 - level) * stored[index] + level * stored[other]
    return probe


def real_hidden(
    kind: str,
    shape: tuple[int, int],
    level: float = 0.5,
    seed: int | np.random.Generator | None = 0,
) -> np.ndarray:
    """The pixels (N,) bool that `real_probe(..., kind, shape, level, seed)` hides (sets to 0): "mask-bottom" the
    bottom round(level · rows) rows, "box" a box of round(level · rows) × round(level · cols) whose top-left corner
    is `rng.integers(0, rows − height + 1)`, `rng.integers(0, cols − width + 1)`. The others are the visible
    pixels, which clamped completion holds (`net.recall(probe, clamp=~real_hidden(...))`).

    >>> real_hidden("mask-bottom", (4, 2)).reshape(4, 2)[:, 0].tolist()
    [False, False, True, True]
    """
    if not isinstance(kind, str) or kind not in HIDING_PROBES:
        raise ValueError(
            f"Only the {' and '.join(HIDING_PROBES)} probes hide pixels, not {kind!r}."
        )
    rows, cols = check_shape(shape)
    level = check_fraction(level, "level")
    hidden = np.zeros((rows, cols), bool)
    if kind == "mask-bottom":
        hidden[rows - round(level * rows) :] = True
    else:
        rng = make_rng(seed)
        height, width = round(level * rows), round(level * cols)
        top, left = int(rng.integers(0, rows - height + 1)), int(rng.integers(0, cols - width + 1))
        hidden[top : top + height, left : left + width] = True
    return hidden.ravel()


def _check_noise(level: object) -> float:
    is_number = isinstance(level, (int, float, np.integer, np.floating)) and not isinstance(
        level, bool
    )
    if not (is_number and 0 <= level <= 10):
        raise ValueError(
            f"noise level must be a number from 0 to 10 (times the image's spread), got {level!r}."
        )
    return float(level)
