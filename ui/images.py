"""Pillow pictures of patterns: single images, labelled grids, the recall table and recall GIFs.

A pattern is a flat array of N values read row by row into `shape` (rows, cols); a positive
value (+1, or 1 in 0/1 form) is ink, drawn dark, anything else is paper, drawn white.
Images are upscaled by an integer factor with nearest-neighbour so every neuron stays a crisp
square. No Streamlit here.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = [
    "ACCENT_INK",
    "ACCENT_PAPER",
    "BACKGROUND",
    "BAD",
    "GOOD",
    "INK",
    "PAPER",
    "default_scale",
    "pattern_grid",
    "pattern_image",
    "recall_gif",
    "recall_table",
    "to_png",
]

Color = tuple[int, int, int]
INK: Color = (25, 30, 40)
PAPER: Color = (255, 255, 255)
ACCENT_INK: Color = (214, 48, 49)  # highlighted ink, e.g. a recalled pixel that is wrong
ACCENT_PAPER: Color = (248, 190, 190)  # highlighted paper
WRONG_PIXELS = (
    "Pixels that differ from the target are red where the picture has ink there and pink where it "
    "has none."
)  # what ACCENT_INK and ACCENT_PAPER mean, said wherever they are drawn
BACKGROUND: Color = (230, 233, 239)  # gaps between tiles, so white paper keeps its edges
TEXT: Color = (45, 50, 62)
GOOD: Color = (46, 158, 91)
BAD: Color = (214, 69, 69)
GAP_PX = 8
FONT_SIZE = 13
TOOLBAR_GAP_PX = (
    28  # a picture's or a table's hover toolbar (44 px tall) reaches this far above the usual gap
)
GRID_SIDE_PX = 160  # default longer side of one pattern
TABLE_SIDE_PX = 96  # smaller tiles in the recall table, which has three per row
MARK_PX = 18
LAST_FRAME_EXTRA_MS = 1000  # the last frame of a GIF stays this much longer


def default_scale(shape: tuple[int, int], side_px: int = GRID_SIDE_PX) -> int:
    """The integer upscaling that makes the longer side of a `shape` image about `side_px` pixels."""
    return max(1, round(side_px / max(shape)))


def check_shape(shape: tuple[int, int], n: int) -> tuple[int, int]:
    """Return (rows, cols) or raise ValueError unless rows·cols == n."""
    rows, cols = (int(side) for side in shape)
    if rows < 1 or cols < 1 or rows * cols != n:
        raise ValueError(
            f"shape {tuple(shape)} does not fit a pattern of {n} values: rows·cols must equal {n}."
        )
    return rows, cols


def _check_scale(scale: int | None, shape: tuple[int, int], side_px: int) -> int:
    """Return the given scale, or the default one, or raise ValueError for a scale below 1."""
    if scale is None:
        return default_scale(shape, side_px)
    if int(scale) < 1:
        raise ValueError(f"scale must be an integer >= 1, got {scale!r}.")
    return int(scale)


@functools.cache
def _font(size: int = FONT_SIZE) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled default font at `size` pixels (a bitmap font if FreeType is missing)."""
    return ImageFont.load_default(size=size)


def label_size(tile_px: int) -> int:
    """The label font of a grid whose tiles are `tile_px` wide: FONT_SIZE, and an eighth of a large tile, so a
    grid shown on a projector or shrunk to a phone keeps readable labels."""
    return max(FONT_SIZE, tile_px // 8)


def pattern_image(
    pattern: np.ndarray,
    shape: tuple[int, int],
    scale: int | None = None,
    highlight: np.ndarray | None = None,
) -> Image.Image:
    """One pattern (N,) as an RGB image of size (cols·scale, rows·scale): ink dark, paper white.

    `highlight` is a bool mask (N,) of pixels drawn in the accent colours: `ACCENT_INK` where
    the pixel is ink, `ACCENT_PAPER` where it is paper. The default scale makes the longer side
    about 160 px.
    """
    pattern = np.asarray(pattern).ravel()
    rows, cols = check_shape(shape, pattern.size)
    scale = _check_scale(scale, (rows, cols), GRID_SIDE_PX)
    ink = pattern > 0
    rgb = np.where(ink[:, None], np.array(INK, np.uint8), np.array(PAPER, np.uint8))
    if highlight is not None:
        highlight = np.asarray(highlight, dtype=bool).ravel()
        if highlight.size != pattern.size:
            raise ValueError(
                f"highlight must have one entry per pixel ({pattern.size}), got {highlight.size}."
            )
        accent = np.where(
            ink[:, None], np.array(ACCENT_INK, np.uint8), np.array(ACCENT_PAPER, np.uint8)
        )
        rgb = np.where(highlight[:, None], accent, rgb)
    image = Image.fromarray(rgb.reshape(rows, cols, 3).astype(np.uint8), "RGB")
    return image.resize((cols * scale, rows * scale), Image.Resampling.NEAREST)


def _fit_text(draw: ImageDraw.ImageDraw, text: str, width: int, size: int = FONT_SIZE) -> str:
    """The text, shortened with "…" until it fits in `width` pixels."""
    fitted = text
    while len(fitted) > 1 and draw.textlength(fitted, font=_font(size)) > width:
        fitted = fitted[:-2] + "…"
    return fitted


def _label_lines(text: str, width: int, size: int = FONT_SIZE, most: int = 2) -> list[str]:
    """`text` in at most `most` lines that fit `width` pixels, broken at spaces; a line still too long (one long
    word, or what the last line cannot hold) is shortened with "…"."""
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    words = text.split(" ")
    lines: list[str] = []
    while words and len(lines) < most - 1:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=_font(size)) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines.append(" ".join(words))
    return [_fit_text(draw, line, width, size) for line in lines]


def _draw_centered(
    draw: ImageDraw.ImageDraw,
    text: str,
    center_x: float,
    top: int,
    width: int,
    size: int = FONT_SIZE,
) -> None:
    """Draw `text` (shortened to fit `width`) horizontally centred on `center_x`, its top at `top`."""
    text = _fit_text(draw, text, width, size)
    left, _, right, _ = draw.textbbox((0, 0), text, font=_font(size))
    draw.text((center_x - (right - left) / 2, top), text, fill=TEXT, font=_font(size))


def _text_height(size: int = FONT_SIZE) -> int:
    """Pixel height reserved for one line of label text at `size`."""
    return size + 6


def pattern_grid(
    patterns: np.ndarray,
    shape: tuple[int, int],
    labels: list[str] | None = None,
    columns: int = 5,
    scale: int | None = None,
    tile: Callable[[np.ndarray, tuple[int, int], int], Image.Image] | None = None,
) -> Image.Image:
    """(P, N) patterns tiled `columns` per row with `GAP_PX` gaps, each with an optional label under it;
    each drawn by `tile(pattern, shape, scale)` (`pattern_image` unless given: `gray_images.gray_image` for reals)."""
    patterns = np.asarray(patterns)
    if patterns.ndim != 2 or patterns.shape[0] == 0:
        raise ValueError(f"patterns must have shape (P, N) with P >= 1, got {patterns.shape}.")
    if labels is not None and len(labels) != patterns.shape[0]:
        raise ValueError(
            f"labels must have one entry per pattern: got {len(labels)} for {patterns.shape[0]}."
        )
    if columns < 1:
        raise ValueError(f"columns must be >= 1, got {columns}.")
    rows, cols = check_shape(shape, patterns.shape[1])
    scale = _check_scale(scale, (rows, cols), GRID_SIDE_PX)
    tile_w, tile_h = cols * scale, rows * scale
    size = label_size(tile_w)
    lines = (
        [_label_lines(str(label), tile_w, size) for label in labels] if labels is not None else []
    )
    label_h = _text_height(size) * max(
        map(len, lines), default=0
    )  # a label too wide for its tile takes two lines
    columns = min(columns, patterns.shape[0])
    grid_rows = math.ceil(patterns.shape[0] / columns)
    canvas = Image.new(
        "RGB",
        (
            columns * tile_w + (columns + 1) * GAP_PX,
            grid_rows * (tile_h + label_h + GAP_PX) + GAP_PX,
        ),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(canvas)
    for index, pattern in enumerate(patterns):
        left = GAP_PX + (index % columns) * (tile_w + GAP_PX)
        top = GAP_PX + (index // columns) * (tile_h + label_h + GAP_PX)
        canvas.paste((tile or pattern_image)(pattern, (rows, cols), scale), (left, top))
        for row, line in enumerate(lines[index] if lines else ()):
            _draw_centered(
                draw,
                line,
                left + tile_w / 2,
                top + tile_h + 3 + row * _text_height(size),
                tile_w,
                size,
            )
    return canvas


def _draw_mark(draw: ImageDraw.ImageDraw, center: tuple[float, float], ok: bool) -> None:
    """A filled disc, green with a white tick when `ok`, red with a white cross otherwise."""
    x, y = center
    radius = MARK_PX / 2
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=GOOD if ok else BAD)
    if ok:
        draw.line([(x - 5, y), (x - 1, y + 4), (x + 5, y - 4)], fill=PAPER, width=2)
    else:
        draw.line([(x - 4, y - 4), (x + 4, y + 4)], fill=PAPER, width=2)
        draw.line([(x - 4, y + 4), (x + 4, y - 4)], fill=PAPER, width=2)


def recall_table(
    noisy: np.ndarray,
    recalled: np.ndarray,
    targets: np.ndarray,
    shape: tuple[int, int],
    ok: np.ndarray | None = None,
) -> Image.Image:
    """One row per probe with columns "noisy", "recalled", "target" under a header row.

    Recalled pixels that differ from the target are highlighted in the accent colours; with
    `ok` (B,) bools, a fourth column shows a green tick or a red cross per row.
    """
    noisy, recalled, targets = (
        np.atleast_2d(np.asarray(states)) for states in (noisy, recalled, targets)
    )
    if noisy.shape != recalled.shape or noisy.shape != targets.shape:
        raise ValueError(
            f"noisy, recalled and targets must have the same shape (B, N), got {noisy.shape}, "
            f"{recalled.shape} and {targets.shape}."
        )
    if ok is not None:
        ok = np.asarray(ok, dtype=bool).ravel()
        if ok.size != noisy.shape[0]:
            raise ValueError(f"ok must have one entry per probe ({noisy.shape[0]}), got {ok.size}.")
    rows, cols = check_shape(shape, noisy.shape[1])
    scale = default_scale((rows, cols), TABLE_SIDE_PX)
    tile_w, tile_h = cols * scale, rows * scale
    header_h = _text_height() + GAP_PX
    mark_w = MARK_PX + GAP_PX if ok is not None else 0
    canvas = Image.new(
        "RGB",
        (3 * tile_w + 4 * GAP_PX + mark_w, header_h + noisy.shape[0] * (tile_h + GAP_PX) + GAP_PX),
        BACKGROUND,
    )
    draw = ImageDraw.Draw(canvas)
    for column, header in enumerate(("noisy", "recalled", "target")):
        left = GAP_PX + column * (tile_w + GAP_PX)
        _draw_centered(draw, header, left + tile_w / 2, GAP_PX, tile_w)
    for row in range(noisy.shape[0]):
        top = header_h + GAP_PX + row * (tile_h + GAP_PX)
        wrong = (recalled[row] > 0) != (targets[row] > 0)
        tiles = (
            pattern_image(noisy[row], (rows, cols), scale),
            pattern_image(recalled[row], (rows, cols), scale, highlight=wrong),
            pattern_image(targets[row], (rows, cols), scale),
        )
        for column, tile in enumerate(tiles):
            canvas.paste(tile, (GAP_PX + column * (tile_w + GAP_PX), top))
        if ok is not None:
            _draw_mark(
                draw,
                (3 * (tile_w + GAP_PX) + GAP_PX + MARK_PX / 2, top + tile_h / 2),
                bool(ok[row]),
            )
    return canvas


def recall_gif(
    frames: np.ndarray, shape: tuple[int, int], scale: int | None = None, duration_ms: int = 120
) -> bytes:
    """(T, N) states of one recall as an animated GIF that loops forever; the last frame is held longer.

    Two-colour palette images, so the file is small. The GIF encoder merges identical
    consecutive frames into one (their durations add up), so a recall that repeats its final
    state gives fewer than T frames but the same timing.
    """
    frames = np.asarray(frames)
    if frames.ndim != 2 or frames.shape[0] == 0:
        raise ValueError(f"frames must have shape (T, N) with T >= 1, got {frames.shape}.")
    if duration_ms < 10:
        raise ValueError(
            f"duration_ms must be >= 10 (GIF timing is in hundredths of a second), got {duration_ms}."
        )
    rows, cols = check_shape(shape, frames.shape[1])
    scale = _check_scale(scale, (rows, cols), GRID_SIDE_PX)
    images = []
    for frame in frames:
        indices = (frame > 0).astype(np.uint8).reshape(rows, cols)
        image = Image.fromarray(indices, "P")
        image.putpalette([*PAPER, *INK])
        images.append(image.resize((cols * scale, rows * scale), Image.Resampling.NEAREST))
    durations = [duration_ms] * (len(images) - 1) + [duration_ms + LAST_FRAME_EXTRA_MS]
    buffer = io.BytesIO()
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0
    )
    return buffer.getvalue()


def to_png(image: Image.Image) -> bytes:
    """The image encoded as PNG bytes (for `st.download_button` or `st.image`)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


POSITIVE: Color = (
    202,
    0,
    32,
)  # weight colours at +max|w| and -max|w| (the ends of the heatmaps' RdBu scale)
NEGATIVE: Color = (5, 113, 176)
OUTLINE: Color = INK


def weight_row_image(
    row: np.ndarray, shape: tuple[int, int], neuron: int | None = None, scale: int | None = None
) -> Image.Image:
    """One neuron's incoming weights w_i· (N,) drawn in the pattern's shape, diverging colours centred at 0.

    White is w = 0, red +max|w|, blue −max|w| (the row's own largest magnitude, so the picture shows
    the pattern of signs and relative strengths); `neuron` i gets a dark outline.
    """
    row = np.asarray(row, dtype=np.float64).ravel()
    rows, cols = check_shape(shape, row.size)
    scale = _check_scale(scale, (rows, cols), GRID_SIDE_PX)
    if not np.isfinite(row).all():
        raise ValueError("row must hold finite numbers.")
    peak = float(np.abs(row).max(initial=0.0))
    strength = (np.abs(row) / peak if peak > 0 else np.zeros_like(row))[:, None]
    end = np.where(
        (row >= 0)[:, None], np.array(POSITIVE, np.float64), np.array(NEGATIVE, np.float64)
    )
    rgb = np.array(PAPER, np.float64) * (1 - strength) + end * strength
    image = Image.fromarray(np.rint(rgb).astype(np.uint8).reshape(rows, cols, 3), "RGB")
    image = image.resize((cols * scale, rows * scale), Image.Resampling.NEAREST)
    if neuron is not None:
        if not 0 <= int(neuron) < row.size:
            raise ValueError(f"neuron must be an index from 0 to {row.size - 1}, got {neuron!r}.")
        top, left = divmod(int(neuron), cols)
        width = max(1, scale // 5)
        ImageDraw.Draw(image).rectangle(
            (left * scale, top * scale, (left + 1) * scale - 1, (top + 1) * scale - 1),
            outline=OUTLINE,
            width=width,
        )
    return image
