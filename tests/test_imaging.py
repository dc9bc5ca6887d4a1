"""Images <-> patterns: exact round trips, every image mode, and hostile input refused with ValueError."""

import io
import struct
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from hopfield import imaging
from hopfield.imaging import MAX_PIXELS, image_to_pattern, pattern_to_image

LEFT_INK = np.array([1, -1], dtype=np.int8)


def encoded(image: Image.Image, file_format: str = "PNG", **options) -> bytes:
    """The image saved to bytes in `file_format`."""
    buffer = io.BytesIO()
    image.save(buffer, file_format, **options)
    return buffer.getvalue()


def left_half(mode: str, ink, paper, size=(8, 4)) -> Image.Image:
    """An image whose left half is `ink` and right half `paper`."""
    image = Image.new(mode, size, paper)
    image.paste(ink, (0, 0, size[0] // 2, size[1]))
    return image


def png_declaring(width: int, height: int) -> bytes:
    """A real 1x1 PNG whose IHDR is patched (with a valid CRC) to declare width x height."""
    data = bytearray(encoded(Image.new("L", (1, 1))))
    chunk = bytearray(data[12:29])  # b"IHDR" + 13 bytes of header fields
    chunk[4:12] = struct.pack(">II", width, height)
    data[12:29] = chunk
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(chunk)))
    return bytes(data)


@st.composite
def patterns_with_shape(draw):
    rows, cols = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    bits = draw(st.lists(st.sampled_from([-1, 1]), min_size=rows * cols, max_size=rows * cols))
    return np.array(bits, dtype=np.int8), (rows, cols)


@settings(max_examples=60, deadline=None)
@given(patterns_with_shape(), st.integers(1, 4))
def test_round_trip_through_a_pil_image_is_exact(pattern_and_shape, scale):
    pattern, shape = pattern_and_shape
    image = pattern_to_image(pattern, shape, scale=scale)
    np.testing.assert_array_equal(image_to_pattern(image, shape), pattern)


@settings(max_examples=30, deadline=None)
@given(patterns_with_shape(), st.integers(1, 3))
def test_round_trip_through_png_bytes_is_exact(pattern_and_shape, scale):
    pattern, shape = pattern_and_shape
    data = encoded(pattern_to_image(pattern, shape, scale=scale))
    result = image_to_pattern(data, shape)
    assert result.dtype == np.int8
    assert result.shape == (shape[0] * shape[1],)
    np.testing.assert_array_equal(result, pattern)


def test_pattern_to_image_draws_ink_black_and_scales_by_nearest_neighbour():
    image = pattern_to_image([1, -1, -1, 1, 1, 1], (2, 3), scale=2)
    assert image.mode == "L"
    assert image.size == (6, 4)
    pixels = np.asarray(image)
    np.testing.assert_array_equal(pixels, [[0, 0, 255, 255, 255, 255]] * 2 + [[0] * 6] * 2)


def test_pattern_to_image_accepts_binary_and_two_dimensional_patterns():
    from_binary = pattern_to_image(np.array([[1, 0], [0, 1]]), (2, 2))
    np.testing.assert_array_equal(np.asarray(from_binary), [[0, 255], [255, 0]])


@pytest.mark.parametrize(
    ("pattern", "shape", "scale", "message"),
    [
        ([1, -1, 1], (2, 2), 1, "3 values"),
        ([1, -1, 1, 1], (2, 2), 0, "scale"),
        ([1, -1, 1, 1], (2, 2), 1.5, "scale"),
        ([1, -1, 1, 1], (2, 2), 10_000, "pixels"),
        ([1, 2, 3, 4], (2, 2), 1, "0/1"),
        ([1, -1, 1, 1], (0, 4), 1, "shape rows"),
    ],
)
def test_pattern_to_image_refuses_bad_arguments(pattern, shape, scale, message):
    with pytest.raises(ValueError, match=message):
        pattern_to_image(pattern, shape, scale=scale)


def test_bytes_path_file_object_and_pil_image_give_the_same_pattern(tmp_path):
    image = left_half("L", 0, 255)
    path = tmp_path / "half.png"
    image.save(path)
    data = path.read_bytes()
    for source in (
        data,
        bytearray(data),
        memoryview(data),
        path,
        str(path),
        io.BytesIO(data),
        image,
    ):
        np.testing.assert_array_equal(image_to_pattern(source, (1, 2)), LEFT_INK)


def test_default_threshold_is_the_mean_so_grey_on_light_still_reads_as_ink():
    image = left_half("L", 150, 220)
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2)), LEFT_INK)
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2), threshold=100), [-1, -1])
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2), threshold=200), LEFT_INK)


def test_invert_reads_light_ink_on_a_dark_ground():
    image = left_half("L", 255, 0)
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2)), [-1, 1])
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2), invert=True), LEFT_INK)


def test_downscaling_averages_boxes():
    pixels = np.full((4, 4), 255, dtype=np.uint8)
    pixels[:2, :2] = 0  # top-left box fully black
    pixels[2:, 2:] = [[0, 255], [255, 255]]  # bottom-right box a quarter black: mean 191.25
    image = Image.fromarray(pixels)
    np.testing.assert_array_equal(image_to_pattern(image, (2, 2), threshold=200), [1, -1, -1, 1])
    np.testing.assert_array_equal(image_to_pattern(image, (2, 2), threshold=150), [1, -1, -1, -1])


@pytest.mark.parametrize(("tone", "expected"), [(0, 1), (255, -1), (100, 1), (200, -1)])
def test_one_pixel_image_fills_the_shape_by_its_tone(tone, expected):
    result = image_to_pattern(encoded(Image.new("L", (1, 1), tone)), (3, 4))
    np.testing.assert_array_equal(result, np.full(12, expected))


def test_very_wide_image_is_resized():
    image = left_half("L", 0, 255, size=(20_000, 1))
    np.testing.assert_array_equal(image_to_pattern(encoded(image), (1, 2)), LEFT_INK)
    assert image_to_pattern(encoded(image), (4, 4)).shape == (16,)


def test_animated_gif_uses_the_first_frame():
    first, second = left_half("L", 0, 255), left_half("L", 255, 0)
    data = encoded(first, "GIF", save_all=True, append_images=[second], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 2
    np.testing.assert_array_equal(image_to_pattern(data, (1, 2)), LEFT_INK)


def test_cmyk_jpeg_is_read_as_grey():
    image = left_half("CMYK", (0, 0, 0, 255), (0, 0, 0, 0), size=(32, 16))
    data = encoded(image, "JPEG", quality=95)
    assert Image.open(io.BytesIO(data)).mode == "CMYK"
    np.testing.assert_array_equal(image_to_pattern(data, (1, 2), threshold=128), LEFT_INK)


def sixteen_bit_levels(dtype) -> np.ndarray:
    """Left half 1000 (1000 / 257 = 3.9: dark; clipping would give 255), right half 60000 (233: light)."""
    levels = np.full((4, 8), 60_000, dtype=dtype)
    levels[:, :4] = 1_000
    return levels


def test_sixteen_bit_png_is_scaled_not_clipped():
    data = encoded(Image.fromarray(sixteen_bit_levels(np.uint16)))
    assert Image.open(io.BytesIO(data)).mode in ("I;16", "I")
    np.testing.assert_array_equal(image_to_pattern(data, (1, 2), threshold=128), LEFT_INK)
    np.testing.assert_array_equal(image_to_pattern(data, (1, 2), threshold=4), LEFT_INK)
    np.testing.assert_array_equal(image_to_pattern(data, (1, 2), threshold=3), [-1, -1])


def test_thirty_two_bit_image_holding_sixteen_bit_levels_is_scaled():
    image = Image.fromarray(sixteen_bit_levels(np.int32))
    assert image.mode == "I"
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2), threshold=128), LEFT_INK)
    np.testing.assert_array_equal(image_to_pattern(image, (1, 2), threshold=3), [-1, -1])


@pytest.mark.parametrize(
    ("mode", "transparent_black", "opaque_black"),
    [("RGBA", (0, 0, 0, 0), (0, 0, 0, 255)), ("LA", (0, 0), (0, 255))],
)
def test_alpha_is_composited_onto_white(mode, transparent_black, opaque_black):
    image = left_half(mode, opaque_black, transparent_black)
    np.testing.assert_array_equal(image_to_pattern(encoded(image), (1, 2), threshold=128), LEFT_INK)


def test_palette_transparency_is_composited_onto_white():
    image = Image.new("P", (8, 4), 0)
    image.putpalette([0, 0, 0, 0, 0, 0])  # both entries black
    image.paste(1, (0, 0, 4, 4))
    data = encoded(image, transparency=0)
    assert "transparency" in Image.open(io.BytesIO(data)).info
    np.testing.assert_array_equal(image_to_pattern(data, (1, 2), threshold=128), LEFT_INK)


def test_palette_image_uses_its_colours():
    image = Image.new("P", (8, 4), 1)
    image.putpalette([10, 10, 10, 250, 250, 250])
    image.paste(0, (0, 0, 4, 4))
    np.testing.assert_array_equal(image_to_pattern(encoded(image), (1, 2), threshold=128), LEFT_INK)


def test_bilevel_and_rgb_images():
    np.testing.assert_array_equal(image_to_pattern(left_half("1", 0, 1), (1, 2)), LEFT_INK)
    np.testing.assert_array_equal(
        image_to_pattern(left_half("RGB", (0, 0, 90), (255, 255, 255)), (1, 2)), LEFT_INK
    )


def test_truncated_png_is_refused():
    noise = Image.fromarray(np.random.default_rng(0).integers(0, 256, (64, 64), dtype=np.uint8))
    data = encoded(noise)
    with pytest.raises(ValueError, match="could not be decoded"):
        image_to_pattern(data[: len(data) // 2], (4, 4))


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (50_000, 50_000),
        (10_000, 10_000),
        (8_000, 8_000),
    ],  # over Pillow's error limit, its warning limit, ours
)
def test_decompression_bombs_are_refused_from_the_header(width, height):
    data = png_declaring(width, height)
    assert Image.open(io.BytesIO(png_declaring(3, 2))).size == (3, 2)
    assert width * height > MAX_PIXELS
    with pytest.raises(ValueError, match="decompression bomb|at most"):
        image_to_pattern(data, (4, 4))


def test_pillow_bomb_warning_is_refused_even_with_a_higher_limit(monkeypatch):
    monkeypatch.setattr(imaging, "MAX_PIXELS", 10**10)
    assert (
        Image.MAX_IMAGE_PIXELS < 10_000 * 10_000 < 2 * Image.MAX_IMAGE_PIXELS
    )  # Pillow warns, does not raise
    with pytest.raises(ValueError, match="decompression bomb"):
        image_to_pattern(png_declaring(10_000, 10_000), (4, 4))


def test_pil_images_over_the_pixel_limit_are_refused(monkeypatch):
    monkeypatch.setattr(imaging, "MAX_PIXELS", 100)
    with pytest.raises(ValueError, match="at most 100"):
        image_to_pattern(Image.new("L", (20, 20)), (2, 2))
    np.testing.assert_array_equal(image_to_pattern(Image.new("L", (10, 10)), (1, 1)), [1])


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (b"", "empty"),
        (b"definitely not an image, just some text", "format Pillow can read"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "Pillow can read"),
        (3.5, "bytes, a path"),
        (Image.new("L", (0, 0)), "no pixels"),
    ],
)
def test_unreadable_sources_are_refused(source, message):
    with pytest.raises(ValueError, match=message):
        image_to_pattern(source, (4, 4))


def test_missing_file_and_directory_are_refused(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        image_to_pattern(tmp_path / "missing.png", (4, 4))
    with pytest.raises(ValueError, match="image"):
        image_to_pattern(tmp_path, (4, 4))


@pytest.mark.parametrize(
    ("shape", "message"),
    [
        ((0, 5), "shape rows"),
        ((5, -1), "shape cols"),
        ((3,), "pair"),
        ("ab", "pair"),
        ((2.5, 3), "whole number"),
        ((100_000, 100_000), "pixels"),
    ],
)
def test_bad_shapes_are_refused(shape, message):
    with pytest.raises(ValueError, match=message):
        image_to_pattern(Image.new("L", (4, 4)), shape)


@pytest.mark.parametrize("threshold", [-1, 256, float("nan"), "128", True])
def test_bad_thresholds_are_refused(threshold):
    with pytest.raises(ValueError, match="threshold must be a number between 0 and 255"):
        image_to_pattern(Image.new("L", (4, 4)), (2, 2), threshold=threshold)
