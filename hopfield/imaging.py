"""Images <-> bipolar patterns, robust against hostile uploads.

`image_to_pattern` reads bytes, a path, a binary file object or a PIL image,
refuses anything that is not a sane image with a ValueError (empty or non-image
data, truncated files, decompression bombs), flattens transparency onto white,
takes the first frame of an animation, converts to grayscale 0..255 (16-bit
images scaled down, not clipped), resizes to (rows, cols) and thresholds: a pixel
darker than the threshold is ink, +1.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
import zlib
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import BinaryIO

import numpy as np
from PIL import Image

from hopfield.patterns import as_states, check_count

__all__ = ["MAX_PIXELS", "image_to_gray", "image_to_pattern", "pattern_to_image"]

MAX_PIXELS = 40_000_000
"""Largest image (width * height) accepted, checked from the header before decoding."""

ImageSource = bytes | bytearray | memoryview | str | os.PathLike | BinaryIO | Image.Image

_SIXTEEN_BIT_MODES = ("I", "I;16", "I;16L", "I;16B", "I;16N")
_SIXTEEN_BIT_TO_BYTE = 65535 / 255
_UNREADABLE = (
    OSError,
    SyntaxError,
    EOFError,
    ValueError,
    TypeError,
    IndexError,
    struct.error,
    zlib.error,
)


def image_to_pattern(
    source: ImageSource,
    shape: Sequence[int],
    threshold: float | None = None,
    invert: bool = False,
) -> np.ndarray:
    """Encode an image as a bipolar pattern of rows*cols neurons, int8 (N,).

    Gray g in 0..255 after resizing to shape (rows, cols) with box filtering;
    s = +1 where g < threshold (dark ink), -1 elsewhere; with `invert`, s = +1
    where g > threshold (light ink on a dark ground). The default threshold is
    the mean of g, or mid-grey 128 if the resized image is one flat tone.
    """
    rows, cols = check_shape(shape)
    if threshold is not None:
        threshold = _check_threshold(threshold)
    with _opened(source) as image:
        _check_size(image.size)
        gray = _resized_gray(image, rows, cols)
    if threshold is None:
        threshold = float(gray.mean()) if gray.min() < gray.max() else 128.0
    ink = gray > threshold if invert else gray < threshold
    return np.where(ink, 1, -1).astype(np.int8).reshape(-1)


def pattern_to_image(pattern: object, shape: Sequence[int], scale: int = 1) -> Image.Image:
    """Draw a pattern as a grayscale image: +1 -> black (0), -1 -> white (255).

    The pattern (N,) with N = rows*cols is drawn row by row, then enlarged by the
    whole number `scale` with nearest-neighbour sampling (mode "L", size cols*scale x rows*scale).
    """
    rows, cols = check_shape(shape)
    scale = check_count(scale, "scale")
    values = np.asarray(pattern)
    if values.size != rows * cols:
        raise ValueError(
            f"pattern has {values.size} values but shape {rows}x{cols} needs {rows * cols}."
        )
    if rows * cols * scale * scale > MAX_PIXELS:
        raise ValueError(
            f"scale {scale} would make a {cols * scale}x{rows * scale} image; "
            f"at most {MAX_PIXELS:,} pixels are allowed."
        )
    bipolar, _ = as_states(values.reshape(-1), name="pattern")
    pixels = np.where(bipolar.reshape(rows, cols) > 0, 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels)
    if scale > 1:
        image = image.resize((cols * scale, rows * scale), Image.Resampling.NEAREST)
    return image


def check_shape(shape: Sequence[int]) -> tuple[int, int]:
    """Return (rows, cols) as positive ints with rows*cols <= MAX_PIXELS, or raise ValueError."""
    if isinstance(shape, (str, bytes)) or not isinstance(shape, Sequence) or len(shape) != 2:
        raise ValueError(f"shape must be a pair (rows, cols) of whole numbers, got {shape!r}.")
    rows, cols = check_count(shape[0], "shape rows"), check_count(shape[1], "shape cols")
    if rows * cols > MAX_PIXELS:
        raise ValueError(f"shape {rows}x{cols} has more than {MAX_PIXELS:,} pixels.")
    return rows, cols


def _check_threshold(threshold: object) -> float:
    """Return the threshold as a float in 0..255, or raise ValueError."""
    is_number = isinstance(threshold, (int, float, np.integer, np.floating)) and not isinstance(
        threshold, bool
    )
    if not (is_number and 0 <= threshold <= 255):
        raise ValueError(f"threshold must be a number between 0 and 255, got {threshold!r}.")
    return float(threshold)


def _opened(source: ImageSource) -> AbstractContextManager[Image.Image]:
    """Open the source lazily (header only); a PIL image is used as it is and left open."""
    if isinstance(source, Image.Image):
        return nullcontext(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) == 0:
            raise ValueError(
                "image data is empty (0 bytes); upload a PNG, JPEG, GIF, BMP or similar image."
            )
        source = io.BytesIO(bytes(source))
    elif not isinstance(source, (str, os.PathLike)) and not hasattr(source, "read"):
        raise ValueError(
            f"image source must be bytes, a path, a binary file or a PIL image, got {type(source).__name__}."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(source)
    except FileNotFoundError as error:
        raise ValueError(f"image file {os.fspath(source)!r} does not exist.") from error
    except Image.UnidentifiedImageError as error:
        raise ValueError(
            "image data is not in a format Pillow can read; upload a PNG, JPEG, GIF, BMP or similar image."
        ) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValueError(
            f"image is too large to decode safely (a decompression bomb?): {error}"
        ) from error
    except _UNREADABLE as error:
        raise ValueError(f"image data is not an image Pillow can read: {error}") from error


def _check_size(size: tuple[int, int]) -> None:
    """Refuse images whose width * height is zero or exceeds MAX_PIXELS."""
    width, height = size
    if width < 1 or height < 1:
        raise ValueError(f"image has no pixels (size {width}x{height}).")
    if width * height > MAX_PIXELS:
        raise ValueError(
            f"image is {width}x{height} = {width * height:,} pixels; at most {MAX_PIXELS:,} are allowed."
        )


def _resized_gray(image: Image.Image, rows: int, cols: int) -> np.ndarray:
    """Gray levels 0..255 (float64, (rows, cols)) of the image resized with a box filter."""
    try:
        image.load()
        resized = _grayscale(image).resize((cols, rows), Image.Resampling.BOX)
    except _UNREADABLE as error:
        source = image.format or "in memory"
        raise ValueError(
            f"image ({source}, mode {image.mode}) could not be decoded: {error}"
        ) from error
    return np.asarray(resized, dtype=np.float64)


def _grayscale(image: Image.Image) -> Image.Image:
    """Gray image on the 0..255 scale: 16-bit modes divided by 257 (mode "F"), alpha composited onto white."""
    if image.mode in _SIXTEEN_BIT_MODES:
        levels = np.clip(np.asarray(image, dtype=np.float64), 0, 65535) / _SIXTEEN_BIT_TO_BYTE
        return Image.fromarray(levels.astype(np.float32))
    if image.mode == "F":
        return Image.fromarray(np.clip(np.asarray(image, dtype=np.float32), 0, 255))
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return image.convert("L")


def image_to_gray(source: ImageSource, shape: Sequence[int]) -> np.ndarray:
    """An image as gray levels in [0, 1] (0 black), float64 (rows·cols,), resized with a box filter.

    For real-valued memories (`hopfield.modern`): the same checks as `image_to_pattern`
    (non-images, truncated files and decompression bombs are refused), no threshold.
    """
    rows, cols = check_shape(shape)
    with _opened(source) as image:
        _check_size(image.size)
        gray = _resized_gray(image, rows, cols)
    return gray.ravel() / 255.0
