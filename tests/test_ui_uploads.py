"""Tests for ui/uploads.py: images and network files from uploads, each bad file refused with a sentence."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

import hopfield
from ui import uploads


def _png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny file whose header claims width x height 1-bit pixels (10^10: a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + (width + 7) // 8) * 4)  # only a few rows of data
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def _square() -> np.ndarray:
    """A 32x32 white image with a black square in its top-left quarter."""
    pixels = np.full((32, 32), 255)
    pixels[:16, :16] = 0
    return pixels


def test_good_images_become_patterns_with_file_stem_labels() -> None:
    patterns, labels, errors = uploads.patterns_from_uploads(
        [("square.png", _png(_square()))], (8, 8)
    )
    assert errors == []
    assert labels == ["square"]
    assert patterns.shape == (1, 64) and patterns.dtype == np.int8
    grid = patterns[0].reshape(8, 8)
    assert (grid[:4, :4] == 1).all() and (grid[4:, :] == -1).all()
    inverted, _, _ = uploads.patterns_from_uploads(
        [("square.png", _png(_square()))], (8, 8), invert=True
    )
    assert (inverted == -patterns).all()


def test_each_bad_file_gives_one_sentence_naming_it_and_the_good_ones_still_load() -> None:
    good = _png(_square())
    files = [
        ("notes.png", b"this is plain text, renamed to .png"),
        ("first.png", good),
        ("cut.png", good[: len(good) // 2]),
        ("bomb.png", _bomb_png()),
        ("empty.png", b""),
        ("huge.png", b"\x89PNG" + b"\x00" * (uploads.MAX_IMAGE_BYTES + 1)),
        ("second.png", _png(255 - _square())),
    ]
    patterns, labels, errors = uploads.patterns_from_uploads(files, (16, 16))
    assert labels == ["first", "second"]
    assert patterns.shape == (2, 256)
    assert [error.split(":")[0] for error in errors] == [
        "notes.png",
        "cut.png",
        "bomb.png",
        "empty.png",
        "huge.png",
    ]
    assert "not in a format" in errors[0]
    assert "too large" in errors[2] or "pixels" in errors[2]
    assert "MiB" in errors[4]
    assert all(error.endswith(".") for error in errors)


def test_no_good_file_gives_an_empty_set_of_the_grid_size() -> None:
    patterns, labels, errors = uploads.patterns_from_uploads([("a.txt", b"text")], (8, 12))
    assert patterns.shape == (0, 96) and labels == [] and len(errors) == 1


def test_long_file_names_are_shortened_in_labels() -> None:
    _, labels, _ = uploads.patterns_from_uploads([("a" * 40 + ".png", _png(_square()))], (8, 8))
    assert len(labels[0]) == uploads.LABEL_CHARS and labels[0].endswith("…")


def _saved(net: hopfield.HopfieldNetwork) -> bytes:
    buffer = io.BytesIO()
    net.save(buffer)
    return buffer.getvalue()


def test_a_saved_network_comes_back_with_its_rule_parameters_and_patterns() -> None:
    digits = hopfield.load_set("digits")
    net = hopfield.HopfieldNetwork.train(digits.patterns[:4], "dense-poly", degree=4)
    loaded = uploads.network_from_upload(_saved(net), {"degree": (2, 10)})
    assert loaded.rule == "dense-poly" and dict(loaded.params) == {"degree": 4}
    assert np.array_equal(loaded.patterns, net.patterns)


def test_foreign_corrupt_and_altered_network_files_raise_a_sentence() -> None:
    digits = hopfield.load_set("digits")
    good = _saved(hopfield.HopfieldNetwork.train(digits.patterns[:3], "hebbian"))
    pickled = io.BytesIO()
    np.savez(pickled, format=np.array([{"evil": 1}], dtype=object))
    altered = io.BytesIO()
    with np.load(io.BytesIO(good)) as archive:
        contents = {name: archive[name] for name in archive.files}
    contents["couplings"] = np.zeros(
        (50, 50), contents["couplings"].dtype
    )  # weights of another size
    np.savez(altered, **contents)
    for data in (
        b"",
        b"not a zip at all",
        good[: len(good) // 2],
        pickled.getvalue(),
        altered.getvalue(),
    ):
        with pytest.raises(ValueError) as caught:
            uploads.network_from_upload(data)
        assert str(caught.value)[0].isupper() and "Traceback" not in str(caught.value)


def test_a_weights_only_network_or_a_parameter_outside_the_sidebar_is_refused() -> None:
    weights_only = _saved(hopfield.HopfieldNetwork.from_weights(np.eye(4)))
    with pytest.raises(ValueError, match="no stored patterns"):
        uploads.network_from_upload(weights_only)
    digits = hopfield.load_set("digits")
    steep = _saved(hopfield.HopfieldNetwork.train(digits.patterns[:2], "dense-poly", degree=15))
    with pytest.raises(ValueError, match="outside the range"):
        uploads.network_from_upload(steep, {"degree": (2, 10)})


def test_grid_shape_keeps_the_preferred_shape_or_finds_the_most_square_one() -> None:
    assert uploads.grid_shape(90, (10, 9)) == (10, 9)
    assert uploads.grid_shape(90, (28, 28)) == (9, 10)
    assert uploads.grid_shape(784) == (28, 28)
    assert uploads.grid_shape(13) == (1, 13)
    with pytest.raises(ValueError):
        uploads.grid_shape(0)


def test_grid_and_pattern_round_trip() -> None:
    pattern = hopfield.load_set("digits").patterns[3]
    grid = uploads.grid_from_pattern(pattern, (10, 9))
    assert grid.shape == (10, 9) and grid.dtype == bool
    assert np.array_equal(uploads.pattern_from_grid(grid), pattern)
    with pytest.raises(ValueError):
        uploads.grid_from_pattern(pattern, (9, 9))


def test_store_refuses_a_flat_grey_image_as_continuous_does() -> None:
    """Issue 19: one flat grey is refused with the same sentence on both pages (no blank pattern stored)."""
    from ui import gray_images

    flat = _png(np.full((20, 20), 128))
    _, labels, errors = uploads.patterns_from_uploads([("grey.png", flat)], (8, 8))
    _, gray_labels, gray_errors = gray_images.gray_from_uploads([("grey.png", flat)])
    assert labels == gray_labels == [] and errors == gray_errors
    assert errors == ["grey.png: the image is one flat grey, with no contrast to store."]


def test_the_same_file_twice_is_stored_once_and_same_names_get_numbers() -> None:
    square = np.full((20, 20), 255)
    square[:10, :10] = 0
    other = np.full((20, 20), 255)
    other[10:, 10:] = 0
    files = [
        ("circle.png", _png(square)),
        ("again/circle.png", _png(square)),
        ("circle.jpg", _png(other)),
    ]
    patterns, labels, errors = uploads.patterns_from_uploads(files, (8, 8))
    assert labels == ["circle", "circle 2"] and len(patterns) == 2
    assert errors == ["again/circle.png: left out, the same file as circle.png."]
