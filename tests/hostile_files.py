"""Hostile upload files, built in memory, for tests/test_hostile.py and tests/app/test_hostile_app.py.

Each builder returns the bytes a person (or an attacker) could upload on the Store page. `IMAGE_CASES`
lists the image uploads with whether the app must refuse them; `NETWORK_CASES` the .npz uploads.
"""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

import hopfield

PICKLE_MARKER = (
    Path(__file__).resolve().parent / ".pickle_was_loaded"
)  # created only if a pickle is ever run


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _digit_pixels(side: int = 32) -> np.ndarray:
    """A dark vertical bar on white: a recognisable '1'."""
    pixels = np.full((side, side), 255, np.uint8)
    pixels[side // 8 : -side // 8, side // 2 - side // 8 : side // 2 + side // 8] = 0
    return pixels


def good_png() -> bytes:
    return _save(Image.fromarray(_digit_pixels()), "PNG")


def empty_file() -> bytes:
    return b""


def text_as_png() -> bytes:
    return b"Dear colleague,\nthis is a plain text letter renamed to letter.png.\n" * 20


def truncated_png() -> bytes:
    data = _save(
        Image.fromarray(np.random.default_rng(0).integers(0, 256, (64, 64), dtype=np.uint8)), "PNG"
    )
    return data[: len(data) // 2]


def decompression_bomb() -> bytes:
    """A real 1x1 PNG whose IHDR is patched to declare 50000x50000 pixels (with a valid CRC)."""
    data = bytearray(_save(Image.new("L", (1, 1), 0), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", 50_000, 50_000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF)
    return bytes(data)


def animated_gif() -> bytes:
    frames = [
        Image.fromarray(_digit_pixels()),
        Image.fromarray(255 - _digit_pixels()),
        Image.new("L", (32, 32), 128),
    ]
    return _save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)


def cmyk_jpeg() -> bytes:
    image = Image.fromarray(_digit_pixels()).convert("CMYK")
    return _save(image, "JPEG", quality=90)


def png_16_bit() -> bytes:
    pixels = (_digit_pixels().astype(np.uint16) * 257).astype(np.uint16)
    image = Image.fromarray(pixels)
    assert image.mode.startswith("I;16")
    return _save(image, "PNG")


def png_alpha() -> bytes:
    """Black ink drawn only through the alpha channel: transparent background, opaque bar."""
    rgba = np.zeros((32, 32, 4), np.uint8)
    rgba[..., 3] = np.where(_digit_pixels() == 0, 255, 0)
    return _save(Image.fromarray(rgba, "RGBA"), "PNG")


def one_pixel() -> bytes:
    return _save(Image.new("L", (1, 1), 0), "PNG")


def very_wide() -> bytes:
    pixels = np.full((2, 20_000), 255, np.uint8)
    pixels[:, :10_000] = 0
    return _save(Image.fromarray(pixels), "PNG")


def zero_noise_png() -> bytes:
    """A flat grey image: nothing to threshold, refused as on Continuous memories."""
    return _save(Image.new("L", (16, 16), 128), "PNG")


# name, file name, builder, refused?
IMAGE_CASES: list[tuple[str, str, object, bool]] = [
    ("empty file", "empty.png", empty_file, True),
    ("text renamed .png", "letter.png", text_as_png, True),
    ("truncated PNG", "cut.png", truncated_png, True),
    ("decompression bomb 50000x50000", "bomb.png", decompression_bomb, True),
    ("animated GIF", "anim.gif", animated_gif, False),
    ("CMYK JPEG", "cmyk.jpg", cmyk_jpeg, False),
    ("16-bit PNG", "deep.png", png_16_bit, False),
    ("alpha channel", "alpha.png", png_alpha, False),
    ("1x1 image", "dot.png", one_pixel, True),  # one pixel is one flat grey: nothing to store
    ("very wide 20000x2", "wide.png", very_wide, False),
    ("flat grey", "grey.png", zero_noise_png, True),
]


class _Evil:
    """Unpickling this would create PICKLE_MARKER: proof that a pickle was run."""

    def __reduce__(self) -> tuple:
        return (open, (os.fspath(PICKLE_MARKER), "w"))


def _npz(**arrays: object) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _network_file(net: hopfield.HopfieldNetwork) -> bytes:
    buffer = io.BytesIO()
    net.save(buffer)
    return buffer.getvalue()


def _valid_fields(**changes: object) -> bytes:
    """A Hopfield Lab network file of 3 seed digits with some fields replaced."""
    patterns = hopfield.load_set("digits").patterns[:3]
    net = hopfield.HopfieldNetwork.train(patterns, "hebbian")
    fields: dict[str, object] = {
        "format": np.array("hopfield-lab-network-1"),
        "rule": np.array("hebbian"),
        "params": np.array(json.dumps({})),
        "patterns": np.array(patterns),
        "scale": np.array(net.scale),
        "couplings": np.array(net.couplings),
    }
    fields.update(changes)
    return _npz(**fields)


def npz_pickled_object() -> bytes:
    return _npz(patterns=np.array([_Evil(), {"rule": "hebbian"}], dtype=object))


def npz_pickled_fields() -> bytes:
    """The right field names, but the patterns are a pickled object array."""
    return _valid_fields(patterns=np.array([_Evil()], dtype=object))


def npz_wrong_shape() -> bytes:
    return _valid_fields(patterns=np.ones((2, 3, 4), np.int8))


def npz_wrong_dtype() -> bytes:
    return _valid_fields(patterns=np.array([["a", "b"], ["c", "d"]]))


def npz_third_values() -> bytes:
    return _valid_fields(patterns=np.full((2, 90), 7, np.int8))


def npz_altered_weights() -> bytes:
    patterns = hopfield.load_set("digits").patterns[:3]
    couplings = np.array(hopfield.HopfieldNetwork.train(patterns).couplings)
    couplings[0, 1] += 5
    return _valid_fields(couplings=couplings)


def npz_unknown_rule() -> bytes:
    return _valid_fields(rule=np.array("telepathy"))


def npz_bad_params() -> bytes:
    return _valid_fields(rule=np.array("modern"), params=np.array(json.dumps({"beta": "hot"})))


def npz_not_zip() -> bytes:
    return b"PK\x03\x04 not really a zip archive" + bytes(200)


def weights_only() -> bytes:
    return _network_file(hopfield.HopfieldNetwork.from_weights(np.eye(4)))


def other_size_network() -> bytes:
    """A valid network of 5 random 4x4 patterns (N = 16, not the seed digits' 90)."""
    return _network_file(
        hopfield.HopfieldNetwork.train(hopfield.random_patterns(5, 16, seed=1), "storkey")
    )


# name, builder, refused?
NETWORK_CASES: list[tuple[str, object, bool]] = [
    ("empty .npz", empty_file, True),
    ("npz with a pickled object", npz_pickled_object, True),
    ("npz with pickled patterns", npz_pickled_fields, True),
    ("npz of the wrong shape", npz_wrong_shape, True),
    ("npz of the wrong dtype", npz_wrong_dtype, True),
    ("npz with third values", npz_third_values, True),
    ("npz with altered weights", npz_altered_weights, True),
    ("npz with an unknown rule", npz_unknown_rule, True),
    ("npz with bad parameters", npz_bad_params, True),
    ("not a zip", npz_not_zip, True),
    ("text renamed .npz", text_as_png, True),
    ("weights only", weights_only, True),
    ("network of another size", other_size_network, False),
]
