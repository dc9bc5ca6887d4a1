"""hopfield.linkcode: own patterns as link text, bit for bit, with strict decoding."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import linkcode


def _raw(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def test_hand_worked_encoding() -> None:
    """[+1 −1 −1 +1] on 2×2 labelled "x": header 01 02 02 01, bits 1001 0000 = 0x90, then "x"."""
    text = linkcode.encode_set(np.array([[1, -1, -1, 1]]), (2, 2), ["x"])
    assert (
        base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)) == bytes([1, 2, 2, 1, 0x90]) + b"x"
    )
    decoded = linkcode.decode_set(text)
    assert decoded.shape == (2, 2) and decoded.labels == ("x",)
    assert decoded.patterns.tolist() == [[1, -1, -1, 1]] and decoded.patterns.dtype == np.int8
    assert not decoded.patterns.flags.writeable


def test_zero_one_input_is_the_same_set() -> None:
    assert linkcode.encode_set(np.array([[1, 0, 0, 1]]), (2, 2), ["x"]) == linkcode.encode_set(
        np.array([[1, -1, -1, 1]]), (2, 2), ["x"]
    )


@given(st.integers(1, 32), st.integers(1, 32), st.integers(1, 32), st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_round_trip(count: int, rows: int, cols: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    patterns = rng.choice(np.array([-1, 1], np.int8), size=(count, rows * cols))
    labels = [f"p{k}" for k in range(count)]
    decoded = linkcode.decode_set(linkcode.encode_set(patterns, (rows, cols), labels))
    assert decoded.shape == (rows, cols) and decoded.labels == tuple(labels)
    np.testing.assert_array_equal(decoded.patterns, patterns)


def test_the_largest_set_fits_in_the_stated_text_length() -> None:
    patterns = np.ones((32, 1024), np.int8)
    text = linkcode.encode_set(patterns, (32, 32), ["é" * 16] * 32)
    assert len(text) <= linkcode.MAX_TEXT
    assert linkcode.decode_set(text).patterns.shape == (32, 1024)


def test_labels_are_cleaned_and_cut() -> None:
    text = linkcode.encode_set(np.ones((2, 4)), (2, 2), ["a\nb", "x" * 40])
    assert linkcode.decode_set(text).labels == ("a b", "x" * 15 + "…")


@pytest.mark.parametrize(
    ("count", "shape", "fits"),
    [
        (32, (32, 32), True),
        (33, (2, 2), False),
        (1, (28, 28), True),
        (1, (33, 32), False),
        (10, (10, 9), True),
    ],
)
def test_too_large(count: int, shape: tuple[int, int], fits: bool) -> None:
    reason = linkcode.too_large(count, shape)
    assert (reason is None) == fits
    if not fits:
        assert "at most 32 patterns of up to 1,024 pixels" in reason
        with pytest.raises(ValueError, match="at most 32 patterns"):
            linkcode.encode_set(np.ones((count, shape[0] * shape[1])), shape, ["a"] * count)


def test_encode_refuses_mismatched_shape_and_labels() -> None:
    with pytest.raises(ValueError, match="do not fill a 3×3 grid"):
        linkcode.encode_set(np.ones((1, 4)), (3, 3), ["a"])
    with pytest.raises(ValueError, match="need 2 labels"):
        linkcode.encode_set(np.ones((2, 4)), (2, 2), ["a"])


GOOD = linkcode.encode_set(np.array([[1, -1, -1, 1], [1, 1, 1, 1]]), (2, 2), ["a", "b"])
BAD = {
    "empty": ("", "empty"),
    "not text": (b"AQIC", "must be text"),
    "bad characters": ("AQIC+/==", "not base64url"),
    "spaces": ("AQ IC", "not base64url"),
    "impossible length": ("AQICA", "not base64url"),
    "header cut": (_raw(bytes([1, 2])), "lacks even its header"),
    "pixels cut": (_raw(bytes([1, 4, 4, 2]) + bytes(3)), "need 4 bytes of pixels, it holds 3"),
    "text cut": (GOOD[:3], "cut short"),
    "version": (_raw(bytes([2, 2, 2, 1, 0x90]) + b"x"), "version 2"),
    "empty grid": (_raw(bytes([1, 0, 2, 1])), "empty"),
    "no patterns": (_raw(bytes([1, 2, 2, 0])), "empty"),
    "too many patterns": (
        _raw(bytes([1, 2, 2, 33]) + bytes(17) + b"a" * 33),
        "at most 32 patterns",
    ),
    "too many pixels": (_raw(bytes([1, 40, 40, 1]) + bytes(200) + b"a"), "up to 1,024 pixels"),
    "stray bits": (_raw(bytes([1, 2, 2, 1, 0x91]) + b"x"), "stray bits"),
    "missing label": (_raw(bytes([1, 2, 2, 2, 0x9F]) + b"a"), "1 labels for 2 patterns"),
    "empty label": (_raw(bytes([1, 2, 2, 2, 0x9F]) + b"a\n"), "printable"),
    "long label": (_raw(bytes([1, 2, 2, 1, 0x90]) + b"y" * 17), "printable"),
    "control label": (_raw(bytes([1, 2, 2, 1, 0x90]) + b"\x07"), "printable"),
    "not utf-8": (_raw(bytes([1, 2, 2, 1, 0x90]) + b"\xff"), "UTF-8"),
    "oversized text": ("A" * (linkcode.MAX_TEXT + 4), "at most"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_decode_refuses_with_a_sentence(case: str) -> None:
    text, words = BAD[case]
    with pytest.raises(ValueError, match=words):
        linkcode.decode_set(text)
