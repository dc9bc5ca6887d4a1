"""hopfield.text: typed characters as patterns with Pillow's built-in font."""

from __future__ import annotations

import string

import numpy as np
import pytest

import hopfield
from hopfield.text import MAX_CHARACTERS, character_pattern, text_patterns


def _ink(pattern: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    return pattern.reshape(shape) > 0


def test_one_pattern_per_character_spaces_skipped() -> None:
    patterns, labels = text_patterns("Hi 7", (10, 9))
    assert labels == ("H", "i", "7") and patterns.shape == (3, 90) and patterns.dtype == np.int8
    assert set(np.unique(patterns)) <= {-1, 1} and not patterns.flags.writeable
    np.testing.assert_array_equal(patterns[0], character_pattern("H", (10, 9)))


def test_a_dash_fills_the_inner_width_in_the_middle_rows() -> None:
    """'-' is wide and flat: scaled to the 7 inner columns of a 10x9 grid it is a bar across the middle."""
    ink = _ink(character_pattern("-", (10, 9)), (10, 9))
    rows = np.nonzero(ink.any(axis=1))[0]
    assert set(rows) <= {4, 5} and len(rows) >= 1
    assert ink[rows].all(axis=0)[1:8].all() and not ink[:, [0, 8]].any()


@pytest.mark.parametrize("shape", [(8, 8), (10, 9), (16, 16), (28, 28)])
def test_the_glyph_keeps_a_one_cell_margin_and_is_centred(shape: tuple[int, int]) -> None:
    for character in "AHW7gq":
        ink = _ink(character_pattern(character, shape), shape)
        assert ink.any()
        assert not (ink[0].any() or ink[-1].any() or ink[:, 0].any() or ink[:, -1].any())
        rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
        assert (
            abs(rows.min() - (shape[0] - 1 - rows.max())) <= 1
            or abs(cols.min() - (shape[1] - 1 - cols.max())) <= 1
        )


def test_every_letter_and_digit_is_its_own_pattern() -> None:
    patterns, labels = text_patterns(string.ascii_uppercase + string.digits[1:], (16, 16))
    assert len({pattern.tobytes() for pattern in patterns}) == len(labels)


def test_letters_stored_corrupted_and_recalled() -> None:
    """The issue's flow: type letters, store them, corrupt one, recall it."""
    patterns, labels = text_patterns("HOT", (16, 16))
    net = hopfield.HopfieldNetwork.train(patterns, "pseudoinverse")
    noisy = hopfield.corrupt(patterns[1], "flip-count", 20, seed=0)
    assert (noisy != patterns[1]).sum() == 20
    np.testing.assert_array_equal(net.recall(noisy, mode="async", seed=0).states[0], patterns[1])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "at least one"),
        ("   ", "at least one"),
        ("x" * (MAX_CHARACTERS + 1), f"at most {MAX_CHARACTERS}"),
        ("A中", "no glyph for '中'"),
        (5, "must be a string"),
    ],
)
def test_bad_text_is_refused_with_a_sentence(text: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        text_patterns(text, (10, 9))


@pytest.mark.parametrize(
    ("character", "words"),
    [
        ("ab", "one character"),
        ("\x07", "not a printable"),
        (" ", "not a printable"),
        ("Ж", "no glyph"),
        ("\ue000", "not a printable"),
    ],
)
def test_bad_characters_are_refused(character: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        character_pattern(character, (10, 9))


def test_bad_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="shape"):
        text_patterns("A", (0, 9))
