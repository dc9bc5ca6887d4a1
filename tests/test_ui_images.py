"""Tests for ui/images.py: sizes, pixel colours at known positions, GIF frames and timing."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from ui import images
from ui.images import ACCENT_INK, ACCENT_PAPER, BACKGROUND, BAD, GAP_PX, GOOD, INK, PAPER


def _pixels(image: Image.Image) -> np.ndarray:
    """The image as an (H, W, 3) uint8 array."""
    return np.asarray(image.convert("RGB"))


def _count(image: Image.Image, color: tuple[int, int, int]) -> int:
    """How many pixels of the image have exactly `color`."""
    return int((_pixels(image) == np.array(color, np.uint8)).all(axis=2).sum())


def _rows_with(image: Image.Image, color: tuple[int, int, int]) -> np.ndarray:
    """The y coordinates of the pixels that have exactly `color`."""
    return np.nonzero((_pixels(image) == np.array(color, np.uint8)).all(axis=2))[0]


def test_pattern_image_ink_is_dark_paper_is_white_in_scaled_blocks() -> None:
    pattern = -np.ones(6, dtype=np.int8)
    pattern[0] = 1  # top-left
    pattern[5] = 1  # bottom-right of a 2 x 3 image
    image = images.pattern_image(pattern, (2, 3), scale=4)
    assert image.mode == "RGB"
    assert image.size == (12, 8)  # (cols * scale, rows * scale)
    pixels = _pixels(image)
    assert (pixels[0:4, 0:4] == INK).all()
    assert (pixels[0:4, 4:8] == PAPER).all()
    assert (pixels[4:8, 8:12] == INK).all()
    assert _count(image, INK) == 2 * 16


def test_pattern_image_accepts_zero_one_patterns() -> None:
    image = images.pattern_image(np.array([1, 0, 0, 1]), (2, 2), scale=1)
    assert _pixels(image)[0, 0].tolist() == list(INK)
    assert _pixels(image)[0, 1].tolist() == list(PAPER)


def test_pattern_image_default_scale_makes_the_longer_side_about_160() -> None:
    assert images.pattern_image(np.ones(90), (10, 9)).size == (9 * 16, 10 * 16)
    assert images.pattern_image(np.ones(784), (28, 28)).size == (168, 168)
    assert images.pattern_image(np.ones(64), (8, 8)).size == (160, 160)


def test_pattern_image_highlights_ink_and_paper_in_accent_colours() -> None:
    pattern = np.array([1, -1, 1, -1])
    highlight = np.array([True, True, False, False])
    pixels = _pixels(images.pattern_image(pattern, (2, 2), scale=2, highlight=highlight))
    assert pixels[0, 0].tolist() == list(ACCENT_INK)
    assert pixels[0, 2].tolist() == list(ACCENT_PAPER)
    assert pixels[2, 0].tolist() == list(INK)
    assert pixels[2, 2].tolist() == list(PAPER)


@pytest.mark.parametrize(
    ("pattern", "shape", "scale", "highlight", "message"),
    [
        (np.ones(6), (2, 2), 1, None, "shape"),
        (np.ones(4), (2, 2), 0, None, "scale"),
        (np.ones(4), (2, 2), 1, np.ones(3, bool), "highlight"),
    ],
)
def test_pattern_image_refuses_bad_arguments(pattern, shape, scale, highlight, message) -> None:
    with pytest.raises(ValueError, match=message):
        images.pattern_image(pattern, shape, scale=scale, highlight=highlight)


def test_pattern_grid_tiles_patterns_in_rows_of_columns() -> None:
    patterns = -np.ones((7, 6), dtype=np.int8)
    patterns[np.arange(7) % 2 == 0, 0] = 1  # even patterns: top-left pixel is ink
    grid = images.pattern_grid(patterns, (2, 3), columns=3, scale=5)
    tile_w, tile_h = 15, 10
    assert grid.size == (3 * tile_w + 4 * GAP_PX, 3 * (tile_h + GAP_PX) + GAP_PX)
    pixels = _pixels(grid)
    assert pixels[0, 0].tolist() == list(BACKGROUND)
    for index in range(7):
        left = GAP_PX + (index % 3) * (tile_w + GAP_PX)
        top = GAP_PX + (index // 3) * (tile_h + GAP_PX)
        expected = INK if index % 2 == 0 else PAPER
        assert pixels[top, left].tolist() == list(expected), index
        assert pixels[top + tile_h - 1, left + tile_w - 1].tolist() == list(PAPER)
    assert _count(grid, INK) == 4 * 25
    last_slot_left = GAP_PX + 2 * (tile_w + GAP_PX)  # the 9th slot is empty
    assert (pixels[2 * (tile_h + GAP_PX) + GAP_PX, last_slot_left] == BACKGROUND).all()


def test_pattern_grid_uses_fewer_columns_than_patterns_when_short() -> None:
    grid = images.pattern_grid(np.ones((2, 4)), (2, 2), columns=5, scale=10)
    assert grid.size == (2 * 20 + 3 * GAP_PX, 20 + 2 * GAP_PX)


def test_pattern_grid_writes_labels_under_tiles() -> None:
    patterns = -np.ones((2, 4), dtype=np.int8)
    plain = images.pattern_grid(patterns, (2, 2), scale=30)
    labelled = images.pattern_grid(patterns, (2, 2), labels=["seven", "one"], scale=30)
    assert labelled.size[1] > plain.size[1]
    assert labelled.size[0] == plain.size[0]
    text_band = _pixels(labelled)[GAP_PX + 60 :, :]
    assert (text_band.sum(axis=2) < 400).any()  # dark label text below the tiles
    assert not (_pixels(plain).sum(axis=2) < 400).any()  # blank paper tiles, no text


def test_pattern_grid_refuses_mismatched_labels() -> None:
    with pytest.raises(ValueError, match="labels"):
        images.pattern_grid(np.ones((3, 4)), (2, 2), labels=["a", "b"])


def test_recall_table_three_columns_per_probe_and_wrong_pixels_highlighted() -> None:
    noisy = np.ones((2, 4), dtype=np.int8)  # all ink
    targets = -np.ones((2, 4), dtype=np.int8)  # all paper
    recalled = targets.copy()
    recalled[1, :3] = 1  # three wrong ink pixels in the second row
    table = images.recall_table(noisy, recalled, targets, (2, 2))
    scale = images.default_scale((2, 2), images.TABLE_SIDE_PX)
    tile = 2 * scale
    assert table.size[0] == 3 * tile + 4 * GAP_PX
    assert _count(table, INK) == 2 * tile * tile  # the two noisy tiles only
    assert _count(table, ACCENT_INK) == 3 * scale * scale
    assert _count(table, ACCENT_PAPER) == 0  # right pixels are not highlighted, whatever the noise
    ink_rows = _rows_with(table, INK)
    accent_rows = _rows_with(table, ACCENT_INK)
    assert accent_rows.min() > ink_rows.min() + tile  # the errors are in the second row


def test_recall_table_marks_rows_green_or_red() -> None:
    states = np.ones((2, 4), dtype=np.int8)
    without = images.recall_table(states, states, states, (2, 2))
    table = images.recall_table(states, states, states, (2, 2), ok=np.array([True, False]))
    assert table.size[0] == without.size[0] + images.MARK_PX + GAP_PX
    assert _count(without, GOOD) == 0 and _count(without, BAD) == 0
    good_rows, bad_rows = _rows_with(table, GOOD), _rows_with(table, BAD)
    assert good_rows.size > 50 and bad_rows.size > 50
    assert good_rows.max() < bad_rows.min()  # first row ok, second row not


def test_recall_table_refuses_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="same shape"):
        images.recall_table(np.ones((2, 4)), np.ones((1, 4)), np.ones((2, 4)), (2, 2))


def test_recall_gif_has_one_frame_per_step_and_loops() -> None:
    frames = -np.ones((4, 6), dtype=np.int8)
    for step in range(4):
        frames[step, step] = 1  # every frame differs from the previous one
    gif = images.recall_gif(frames, (2, 3), scale=3, duration_ms=100)
    image = Image.open(io.BytesIO(gif))
    assert image.format == "GIF"
    assert image.n_frames == 4
    assert image.size == (9, 6)
    assert image.info["loop"] == 0
    durations = []
    for step in range(4):
        image.seek(step)
        durations.append(image.info["duration"])
        row, col = divmod(step, 3)  # where this frame's only ink pixel is
        assert _pixels(image)[row * 3 + 1, col * 3 + 1].tolist() == list(INK)
        assert _count(image, INK) == 9
    assert durations[:3] == [100, 100, 100]
    assert durations[3] > 100  # the last frame is held longer


def test_recall_gif_merges_repeated_final_frames_but_keeps_the_timing() -> None:
    frames = np.array([[1, -1, -1, -1], [1, 1, -1, -1], [1, 1, -1, -1]])
    image = Image.open(io.BytesIO(images.recall_gif(frames, (2, 2), scale=1, duration_ms=100)))
    assert image.n_frames == 2
    total = 0
    for step in range(image.n_frames):
        image.seek(step)
        total += image.info["duration"]
    assert total == 3 * 100 + images.LAST_FRAME_EXTRA_MS


def test_recall_gif_is_a_palette_image() -> None:
    gif = images.recall_gif(np.ones((2, 784)), (28, 28))
    image = Image.open(io.BytesIO(gif))
    assert image.mode == "P"
    assert len(gif) < 5000


def test_to_png_round_trips_the_pixels() -> None:
    image = images.pattern_image(np.array([1, -1, -1, 1]), (2, 2), scale=3)
    data = images.to_png(image)
    assert data.startswith(b"\x89PNG")
    np.testing.assert_array_equal(_pixels(Image.open(io.BytesIO(data))), _pixels(image))


def test_a_label_too_wide_for_its_tile_takes_a_second_line_and_large_tiles_get_larger_labels() -> (
    None
):
    """Issue 19: "nearest: astronaut face" under a 128 px tile is wrapped, not cut; labels grow with the tile."""
    patterns = np.ones((2, 16), np.int8)
    one_line = images.pattern_grid(patterns, (4, 4), ["a", "b"], scale=32)
    two_lines = images.pattern_grid(patterns, (4, 4), ["a", "nearest: astronaut face"], scale=32)
    size = images.label_size(128)
    assert size == 16 and images.label_size(64) == images.FONT_SIZE
    assert two_lines.height - one_line.height == size + 6  # one more line of text
    assert images._label_lines("nearest: astronaut face", 128, size) == [
        "nearest:",
        "astronaut face",
    ]
