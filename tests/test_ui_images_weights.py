"""Tests for ui.images.weight_row_image (the Store page's one-neuron view of W)."""

from __future__ import annotations

import numpy as np
import pytest

from ui import images


def test_weight_row_image_is_red_for_positive_blue_for_negative_white_for_zero() -> None:
    row = np.array([1.0, -1.0, 0.0, 0.5])
    pixels = np.asarray(images.weight_row_image(row, (2, 2), scale=1))
    assert pixels.shape == (2, 2, 3)
    assert tuple(pixels[0, 0]) == images.POSITIVE
    assert tuple(pixels[0, 1]) == images.NEGATIVE
    assert tuple(pixels[1, 0]) == images.PAPER
    assert (
        images.PAPER[0] > pixels[1, 1][1] > images.POSITIVE[1]
    )  # half strength: between white and red


def test_weight_row_image_outlines_the_neuron_and_checks_its_arguments() -> None:
    row = np.zeros(6)
    plain = np.asarray(images.weight_row_image(row, (2, 3), scale=10))
    outlined = np.asarray(images.weight_row_image(row, (2, 3), neuron=4, scale=10))
    assert plain.shape == (20, 30, 3) and (plain == 255).all()  # an all-zero row is white
    changed = np.argwhere((outlined != plain).any(axis=2))
    assert (
        changed[:, 0].min() >= 10 and changed[:, 1].min() >= 10 and changed[:, 1].max() < 20
    )  # row 1, col 1
    with pytest.raises(ValueError):
        images.weight_row_image(row, (2, 3), neuron=6)
    with pytest.raises(ValueError):
        images.weight_row_image(row, (4, 4))
    with pytest.raises(ValueError):
        images.weight_row_image(np.array([np.nan, 1.0]), (1, 2))
