"""Pillow pictures of real-valued patterns (grayscale images) and uploads read as gray levels. No Streamlit here.

A real pattern (N,) is drawn in `shape` (rows, cols) with its own range stretched to black..white
(its minimum black, its maximum white), so a standardised image, a masked probe and an average of
memories all show their contrast. Images are upscaled by an integer factor (nearest neighbour).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw

from hopfield.imaging import image_to_gray
from ui.images import BACKGROUND, GAP_PX, _check_shape, _draw_centered, _text_height, default_scale
from ui.uploads import _label, size_problem

__all__ = ["MAX_UPLOADS", "UPLOAD_SIDE", "gray_from_uploads", "gray_grid", "gray_image"]

UPLOAD_SIDE = 32  # uploaded images become UPLOAD_SIDE x UPLOAD_SIDE gray patterns
MAX_UPLOADS = 200


def gray_image(values: np.ndarray, shape: tuple[int, int], scale: int | None = None) -> Image.Image:
    """One real pattern (N,) as a grayscale image (cols·scale, rows·scale), its range stretched to 0..255."""
    values = np.asarray(values, np.float64).ravel()
    rows, cols = _check_shape(shape, values.size)
    if not np.isfinite(values).all():
        raise ValueError("values must be finite numbers.")
    scale = default_scale((rows, cols)) if scale is None else int(scale)
    if scale < 1:
        raise ValueError(f"scale must be an integer >= 1, got {scale!r}.")
    lo, hi = float(values.min()), float(values.max())
    levels = (values - lo) / (hi - lo) * 255 if hi > lo else np.full(values.size, 128.0)
    image = Image.fromarray(np.rint(levels).astype(np.uint8).reshape(rows, cols), "L")
    return image.resize((cols * scale, rows * scale), Image.Resampling.NEAREST)


def gray_grid(values: np.ndarray, shape: tuple[int, int], labels: Sequence[str] | None = None, columns: int = 5,
              side_px: int = 128) -> Image.Image:
    """Real patterns (P, N) tiled `columns` a row, each stretched to its own range, labels under them."""
    values = np.atleast_2d(np.asarray(values, np.float64))
    if values.shape[0] == 0:
        raise ValueError("values must hold at least one pattern.")
    if labels is not None and len(labels) != len(values):
        raise ValueError(f"labels must have one entry per pattern: got {len(labels)} for {len(values)}.")
    rows, cols = _check_shape(shape, values.shape[1])
    scale = default_scale((rows, cols), side_px)
    tile_w, tile_h = cols * scale, rows * scale
    label_h = _text_height() if labels is not None else 0
    columns = max(1, min(int(columns), len(values)))
    grid_rows = math.ceil(len(values) / columns)
    canvas = Image.new("RGB", (columns * tile_w + (columns + 1) * GAP_PX,
                               grid_rows * (tile_h + label_h + GAP_PX) + GAP_PX), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    for index, row in enumerate(values):
        left = GAP_PX + (index % columns) * (tile_w + GAP_PX)
        top = GAP_PX + (index // columns) * (tile_h + label_h + GAP_PX)
        canvas.paste(gray_image(row, (rows, cols), scale).convert("RGB"), (left, top))
        if labels is not None:
            _draw_centered(draw, str(labels[index]), left + tile_w / 2, top + tile_h + 3, tile_w)
    return canvas


def gray_from_uploads(files: Sequence[tuple[str, bytes]], side: int = UPLOAD_SIDE
                      ) -> tuple[np.ndarray, list[str], list[str]]:
    """Each image file (name, bytes) as gray levels (side·side,) in [0, 1].

    Returns (pixels (K, side²), labels, errors): a bad file (not an image, too large, one flat
    grey, which has no contrast to store) gives one sentence naming it and is left out.
    """
    pixels, labels, errors = [], [], []
    for name, data in files:
        if len(pixels) >= MAX_UPLOADS:
            errors.append(f"{name}: left out, at most {MAX_UPLOADS} images are stored.")
            continue
        if (problem := size_problem(name, data)) is not None:
            errors.append(problem)
            continue
        try:
            gray = image_to_gray(data, (side, side))
        except ValueError as error:
            errors.append(f"{name}: {str(error).rstrip('.')}.")
            continue
        if gray.max() - gray.min() < 1e-6:
            errors.append(f"{name}: the image is one flat grey, with no contrast to store.")
            continue
        pixels.append(gray)
        labels.append(_label(name))
    return (np.stack(pixels) if pixels else np.zeros((0, side * side))), labels, errors


def gray_png(values: np.ndarray, shape: tuple[int, int], labels: Sequence[str] | None = None, columns: int = 5,
             side_px: int = 128) -> bytes:
    """`gray_grid` encoded as PNG bytes."""
    from ui.images import to_png

    return to_png(gray_grid(values, shape, labels, columns, side_px))
