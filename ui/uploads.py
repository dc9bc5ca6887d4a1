"""Uploaded files -> patterns and networks for the Store page, with one plain sentence per bad file.

No Streamlit here: the page hands over (file name, bytes) pairs and shows what comes back, so
every refusal (not an image, truncated, a decompression bomb, too large, a foreign .npz) can be
tested directly.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath

import numpy as np

import hopfield
from hopfield import HopfieldNetwork
from hopfield.imaging import image_to_gray

__all__ = [
    "GRID_SIDES",
    "IMAGE_LABEL",
    "IMAGE_TYPES",
    "MAX_IMAGE_BYTES",
    "MAX_IMAGE_MB",
    "MAX_PATTERNS",
    "describe_network",
    "grid_shape",
    "network_file",
    "network_from_upload",
    "patterns_from_uploads",
    "refuse_flat",
]

GRID_SIDES = (8, 64)  # rows and cols of an uploaded image's pattern grid
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # per image file
IMAGE_TYPES = ("png", "jpg", "jpeg", "gif", "bmp", "webp")  # what the image uploader offers
IMAGE_LABEL = "Images (PNG, JPEG, GIF, BMP, WebP)"
MAX_IMAGE_MB = (
    MAX_IMAGE_BYTES // 2**20
)  # the uploaders' own limit, which they state ("5MB per file")
MAX_PATTERNS = 500  # the most patterns a custom set may hold (the sidebar's pick limit)
LABEL_CHARS = 16


def size_problem(name: str, data: bytes) -> str | None:
    """The sentence refusing an image file over MAX_IMAGE_BYTES, or None when its size is fine."""
    if len(data) <= MAX_IMAGE_BYTES:
        return None
    return (
        f"{name}: the file is {len(data) / 2**20:.1f} MiB; images of at most {MAX_IMAGE_BYTES // 2**20} MiB "
        "are accepted."
    )


def _label(name: str) -> str:
    """A short label from a file name: its stem, cut to `LABEL_CHARS` characters."""
    stem = PurePath(name).stem or name
    return stem if len(stem) <= LABEL_CHARS else stem[: LABEL_CHARS - 1] + "…"


def patterns_from_uploads(
    files: Sequence[tuple[str, bytes]], shape: tuple[int, int], invert: bool = False
) -> tuple[np.ndarray, list[str], list[str]]:
    """Each image file (name, bytes) as a ±1 pattern of rows·cols neurons (ink = dark pixels, or light with `invert`).

    Returns (patterns int8 (K, N), labels (K,), errors): a bad file gives one sentence naming it
    and the reason in `errors` and is left out; the other files still load.
    """
    rows, cols = (int(side) for side in shape)

    def read(data: bytes) -> np.ndarray:
        refuse_flat(image_to_gray(data, (rows, cols)))
        return hopfield.image_to_pattern(data, (rows, cols), invert=invert)

    patterns, labels, errors = read_uploads(
        files, read, MAX_PATTERNS, "a set holds at most {limit} patterns"
    )
    stacked = np.stack(patterns) if patterns else np.zeros((0, rows * cols), np.int8)
    return stacked, labels, errors


def refuse_flat(gray: np.ndarray) -> None:
    """ValueError for an image of one flat grey (`gray`, levels in [0, 1]): it has no contrast to store, as a
    gray memory or as a pattern (it would be blank)."""
    if gray.max() - gray.min() < 1e-6:
        raise ValueError("the image is one flat grey, with no contrast to store")


def read_uploads(
    files: Sequence[tuple[str, bytes]], read: Callable[[bytes], np.ndarray], limit: int, full: str
) -> tuple[list[np.ndarray], list[str], list[str]]:
    """Each image file (name, bytes) through `read` (which raises ValueError with a sentence for a bad image),
    at most `limit` of them: (arrays, labels from the file names, errors). A bad or too large file, or one past
    the limit ("name: left out, " + `full` with {limit}), gives one sentence naming it; the others still load.
    A file with the same bytes as one already read is left out with a sentence; two different files with the same
    name get labels "name", "name 2"."""
    arrays: list[np.ndarray] = []
    labels: list[str] = []
    errors: list[str] = []
    seen: dict[bytes, str] = {}
    for name, data in files:
        if data in seen:
            errors.append(f"{name}: left out, the same file as {seen[data]}.")
            continue
        if len(arrays) >= limit:
            errors.append(f"{name}: left out, {full.format(limit=limit)}.")
            continue
        if (problem := size_problem(name, data)) is not None:
            errors.append(problem)
            continue
        try:
            arrays.append(read(data))
        except ValueError as error:
            reason = str(error).rstrip()
            errors.append(f"{name}: {reason}" + ("" if reason.endswith((".", "?", "!")) else "."))
            continue
        seen[data] = name
        labels.append(_unique(_label(name), labels))
    return arrays, labels, errors


def _unique(label: str, taken: Sequence[str]) -> str:
    """`label`, or "label 2", "label 3"… when it is already taken."""
    copies = 1
    unique = label
    while unique in taken:
        copies += 1
        unique = f"{label} {copies}"
    return unique


def network_from_upload(
    data: bytes, param_ranges: Mapping[str, tuple[float, float]] | None = None
) -> HopfieldNetwork:
    """The network in a .npz file written by `HopfieldNetwork.save`, if it can become the app's memory.

    Raises ValueError with a plain sentence for a file that is not such a network (`hopfield.load`),
    one with only a weight matrix and no stored patterns, more than `MAX_PATTERNS` patterns, or a
    rule parameter outside `param_ranges` (name -> (lo, hi), what the sidebar offers).
    """
    if len(data) == 0:
        raise ValueError("The file is empty (0 bytes).")
    network = hopfield.load(bytes(data))
    if network.spec is None or network.memorised == 0:
        raise ValueError(
            "This file holds only a weight matrix and no stored patterns; the app rebuilds every memory from its "
            "patterns, so it cannot use it."
        )
    if network.memorised > MAX_PATTERNS:
        raise ValueError(
            f"This network stores {network.memorised} patterns; the app works with at most {MAX_PATTERNS}."
        )
    for name, value in network.params.items():
        if isinstance(
            value, str
        ):  # a choice (the attention), already one of its options: the engine checked it
            continue
        lo, hi = (param_ranges or {}).get(name, (-math.inf, math.inf))
        if not lo <= value <= hi:
            raise ValueError(
                f"This network's {name} = {value} is outside the range the app offers ({lo} to {hi})."
            )
    return network


def network_file(network: HopfieldNetwork) -> bytes:
    """The network as the bytes of a .npz file (`HopfieldNetwork.save`), what `network_from_upload` reads back."""
    buffer = io.BytesIO()
    network.save(buffer)
    return buffer.getvalue()


def describe_network(name: str, network: HopfieldNetwork, shape: tuple[int, int]) -> str:
    """An uploaded network in words: "name: P patterns of N neurons (drawn rows×cols), <rule title> rule"."""
    return (
        f"{name}: {network.memorised} patterns of {network.n} neurons (drawn {shape[0]}×{shape[1]}), "
        f"{hopfield.RULES[network.rule].title} rule"
    )


def grid_shape(n: int, preferred: tuple[int, int] | None = None) -> tuple[int, int]:
    """`preferred` when rows·cols == n, else the most square (rows, cols) with rows·cols == n and rows <= cols."""
    if n < 1:
        raise ValueError(f"n must be a whole number >= 1, got {n!r}.")
    if preferred is not None and int(preferred[0]) * int(preferred[1]) == n:
        return int(preferred[0]), int(preferred[1])
    rows = max(d for d in range(1, math.isqrt(n) + 1) if n % d == 0)
    return rows, n // rows


def grid_from_pattern(pattern: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """A pattern (N,) as a bool (rows, cols) grid, True where it is ink (+1), for the pixel editor."""
    rows, cols = (int(side) for side in shape)
    values = np.asarray(pattern).ravel()
    if values.size != rows * cols:
        raise ValueError(
            f"pattern has {values.size} values but shape {rows}x{cols} needs {rows * cols}."
        )
    return (values > 0).reshape(rows, cols)


def pattern_from_grid(grid: object) -> np.ndarray:
    """A bool (rows, cols) grid of ink as a ±1 pattern int8 (rows·cols,)."""
    cells = np.asarray(grid, dtype=bool)
    if cells.ndim != 2 or cells.size == 0:
        raise ValueError(f"grid must be a non-empty (rows, cols) table, got shape {cells.shape}.")
    return np.where(cells, 1, -1).astype(np.int8).ravel()
