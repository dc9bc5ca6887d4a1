"""Pillow pictures of real-valued patterns (grayscale images) and uploads read as gray levels. No Streamlit here.

A real pattern (N,) is drawn in `shape` (rows, cols) with its own range stretched to black..white
(its minimum black, its maximum white), so a standardised image, a masked probe and an average of
memories all show their contrast. Images are upscaled by an integer factor (nearest neighbour).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from PIL import Image

from hopfield import GraySet
from hopfield.imaging import image_to_gray
from ui.images import check_shape, default_scale, pattern_grid, to_png
from ui.uploads import read_uploads, refuse_flat

__all__ = [
    "MAX_UPLOADS",
    "UPLOAD_SIDE",
    "gray_from_uploads",
    "gray_grid",
    "gray_image",
    "uploaded_set",
]

UPLOAD_SIDE = 32  # uploaded images become UPLOAD_SIDE x UPLOAD_SIDE gray patterns
MAX_UPLOADS = 200


def gray_image(values: np.ndarray, shape: tuple[int, int], scale: int | None = None) -> Image.Image:
    """One real pattern (N,) as a grayscale image (cols·scale, rows·scale), its range stretched to 0..255."""
    values = np.asarray(values, np.float64).ravel()
    rows, cols = check_shape(shape, values.size)
    if not np.isfinite(values).all():
        raise ValueError("values must be finite numbers.")
    scale = default_scale((rows, cols)) if scale is None else int(scale)
    if scale < 1:
        raise ValueError(f"scale must be an integer >= 1, got {scale!r}.")
    lo, hi = float(values.min()), float(values.max())
    levels = (values - lo) / (hi - lo) * 255 if hi > lo else np.full(values.size, 128.0)
    image = Image.fromarray(np.rint(levels).astype(np.uint8).reshape(rows, cols), "L")
    return image.resize((cols * scale, rows * scale), Image.Resampling.NEAREST)


def gray_grid(
    values: np.ndarray,
    shape: tuple[int, int],
    labels: Sequence[str] | None = None,
    columns: int = 5,
    side_px: int = 128,
) -> Image.Image:
    """Real patterns (P, N) tiled `columns` a row (`images.pattern_grid`), each stretched to its own range."""
    values = np.atleast_2d(np.asarray(values, np.float64))
    scale = default_scale(check_shape(shape, values.shape[1]), side_px)
    return pattern_grid(
        values, shape, None if labels is None else list(labels), columns, scale, tile=gray_image
    )


def gray_from_uploads(
    files: Sequence[tuple[str, bytes]], side: int = UPLOAD_SIDE
) -> tuple[np.ndarray, list[str], list[str]]:
    """Each image file (name, bytes) as gray levels (side·side,) in [0, 1].

    Returns (pixels (K, side²), labels, errors): a bad file (not an image, too large, one flat
    grey, which has no contrast to store) gives one sentence naming it and is left out.
    """

    def read(data: bytes) -> np.ndarray:
        gray = image_to_gray(data, (side, side))
        refuse_flat(gray)
        return gray

    pixels, labels, errors = read_uploads(
        files, read, MAX_UPLOADS, "at most {limit} images are stored"
    )
    return (np.stack(pixels) if pixels else np.zeros((0, side * side))), labels, errors


def gray_png(
    values: np.ndarray,
    shape: tuple[int, int],
    labels: Sequence[str] | None = None,
    columns: int = 5,
    side_px: int = 128,
) -> bytes:
    """`gray_grid` encoded as PNG bytes."""
    return to_png(gray_grid(values, shape, labels, columns, side_px))


def uploaded_set(files: Sequence[Any]) -> tuple[GraySet | None, list[str]]:
    """Uploaded files (with `.name` and `.getvalue()`) as the page's set of your own images, or None when fewer
    than two can be read; with the sentences about the files left out."""
    pixels, names, errors = gray_from_uploads([(f.name, f.getvalue()) for f in files])
    if len(pixels) < 2:
        return None, errors
    side = UPLOAD_SIDE
    return GraySet(
        "uploads", "Your own images", pixels, (side, side), tuple(names), tuple(names), ""
    ), errors
