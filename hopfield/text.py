"""Typed text as patterns: one ±1 pattern per character, drawn with Pillow's built-in font.

No font file is needed: `PIL.ImageFont.load_default(size)` is the font that ships inside Pillow
(a FreeType font when Pillow has FreeType, else a small bitmap font). Each character is drawn
large (`RENDER_PX`), cut to its inked box, scaled to fit the grid with its aspect ratio kept and
centred, then a cell is ink (+1) when at least `INK_COVERAGE` of it is covered.

>>> patterns, labels = text_patterns("Hi", (10, 9))
>>> patterns.shape, labels
((2, 90), ('H', 'i'))
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .imaging import check_shape

__all__ = ["MAX_CHARACTERS", "RENDER_PX", "INK_COVERAGE", "text_patterns", "character_pattern"]

MAX_CHARACTERS = 64
RENDER_PX = 64  # font size the glyphs are drawn at before they are shrunk to the grid
INK_COVERAGE = 0.3  # a cell covered at least this much is ink
_CANVAS = 2 * RENDER_PX


@lru_cache(maxsize=1)
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=RENDER_PX)
    except (
        TypeError,
        OSError,
        ImportError,
    ):  # Pillow without FreeType: the bitmap font, which has no sizes
        return ImageFont.load_default()


def _glyph(character: str) -> np.ndarray:
    """The character drawn white on black, a float array in 0..1 of (_CANVAS, _CANVAS)."""
    image = Image.new("L", (_CANVAS, _CANVAS), 0)
    ImageDraw.Draw(image).text((RENDER_PX // 4, RENDER_PX // 4), character, fill=255, font=_font())
    return np.asarray(image, dtype=np.float64) / 255.0


@lru_cache(maxsize=1)
def _missing_glyph() -> bytes:
    """What the font draws for a character it lacks (a private-use code point), to recognise missing glyphs."""
    return (_glyph("\ue000") > 0.5).tobytes()


def character_pattern(character: str, shape: tuple[int, int]) -> np.ndarray:
    """One character as an int8 ±1 pattern of rows·cols, the glyph scaled to fit the grid (aspect kept).

    Raises ValueError for anything but one printable character the font can draw.
    """
    rows, cols = check_shape(shape)
    if not isinstance(character, str) or len(character) != 1:
        raise ValueError(f"a pattern is made from one character; got {character!r}.")
    if not character.isprintable() or character.isspace():
        raise ValueError(f"{character!r} is not a printable character.")
    glyph = _glyph(character)
    ink = glyph > 0.5
    if not ink.any() or ink.tobytes() == _missing_glyph():
        raise ValueError(f"Pillow's built-in font has no glyph for {character!r}.")
    ys, xs = np.nonzero(glyph > 0)
    box = glyph[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    margin = 1 if min(rows, cols) >= 8 else 0
    inner_rows, inner_cols = rows - 2 * margin, cols - 2 * margin
    scale = min(inner_rows / box.shape[0], inner_cols / box.shape[1])
    height = max(1, min(inner_rows, round(box.shape[0] * scale)))
    width = max(1, min(inner_cols, round(box.shape[1] * scale)))
    small = Image.fromarray((box * 255).astype(np.uint8)).resize(
        (width, height), Image.Resampling.BOX
    )
    grid = np.zeros((rows, cols))
    top, left = (rows - height) // 2, (cols - width) // 2
    grid[top : top + height, left : left + width] = np.asarray(small, dtype=np.float64) / 255.0
    return np.where(grid >= INK_COVERAGE, 1, -1).astype(np.int8).ravel()


def text_patterns(text: str, shape: tuple[int, int]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Each non-space character of `text` as a pattern of `shape`: (int8 (K, rows·cols) read-only, the characters).

    Spaces are skipped; at most `MAX_CHARACTERS` characters. ValueError with a sentence for empty text,
    too long a text, or a character the font cannot draw.
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string; got {type(text).__name__}.")
    characters = [character for character in text if not character.isspace()]
    if not characters:
        raise ValueError("type at least one letter, digit or sign (spaces are skipped).")
    if len(characters) > MAX_CHARACTERS:
        raise ValueError(
            f"at most {MAX_CHARACTERS} characters become patterns; the text has {len(characters)}."
        )
    patterns = np.stack([character_pattern(character, shape) for character in characters])
    patterns.flags.writeable = False
    return patterns, tuple(characters)
