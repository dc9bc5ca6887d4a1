"""ui.canvas without a browser: canvas sizes, pen widths and the canvas picture shrunk to the grid."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

import hopfield
from ui import canvas


def png(pixels: np.ndarray, mode: str = "L") -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8), mode=None).convert(mode).save(buffer, format="PNG")
    return buffer.getvalue()


def canvas_picture(pattern: np.ndarray, shape: tuple[int, int]) -> bytes:
    """The canvas a person would leave after inking exactly the cells of `pattern` (black on white, RGBA)."""
    width, height = canvas.canvas_size(shape)
    cells = np.where(np.asarray(pattern).reshape(shape) > 0, 0, 255).astype(np.uint8)
    image = Image.fromarray(cells).resize((width, height), Image.Resampling.NEAREST).convert("RGBA")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("shape", "size"), [((10, 9), (252, 280)), ((28, 28), (280, 280)), ((8, 16), (280, 140))]
)
def test_canvas_size_keeps_the_grid_aspect(shape: tuple[int, int], size: tuple[int, int]) -> None:
    assert canvas.canvas_size(shape) == size


def test_pen_and_eraser_widths() -> None:
    assert canvas.pen_width((10, 9), "pen") == 28  # 28 px a cell
    assert canvas.pen_width((10, 9), "eraser") == 70
    assert canvas.pen_width((64, 64), "pen") == 4


@pytest.mark.parametrize("name", ["digits", "optdigits"])
def test_a_canvas_inked_cell_by_cell_is_the_pattern(name: str) -> None:
    patterns = hopfield.load_set(name)
    for pattern in patterns.patterns[:10]:
        np.testing.assert_array_equal(
            canvas.pattern_from_png(canvas_picture(pattern, patterns.shape), patterns.shape),
            pattern,
        )


def test_a_cell_is_ink_from_thirty_percent_covered() -> None:
    """A 2x2 grid on 100x100 px: cell (0,0) 40 % covered, (0,1) 20 %, (1,1) fully; (1,0) empty."""
    pixels = np.full((100, 100), 255)
    pixels[:20, :50] = 0  # 1000 of 2500 px of the top-left cell
    pixels[:10, 50:] = 0  # 500 of 2500 px of the top-right cell
    pixels[50:, 50:] = 0
    assert canvas.pattern_from_png(png(pixels), (2, 2)).tolist() == [1, -1, -1, 1]


def test_nothing_drawn_or_bad_data_is_none() -> None:
    assert canvas.pattern_from_png(None, (10, 9)) is None
    assert canvas.pattern_from_png(b"", (10, 9)) is None
    assert canvas.pattern_from_png(png(np.full((280, 252), 255)), (10, 9)) is None
    assert canvas.pattern_from_png(b"not a png at all", (10, 9)) is None
    noise = png(np.random.default_rng(0).integers(0, 256, (64, 64)))
    assert canvas.pattern_from_png(noise[: len(noise) // 2], (10, 9)) is None  # cut short
