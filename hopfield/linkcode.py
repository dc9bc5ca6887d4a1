"""A small set of ±1 patterns as URL-safe text, so one's own patterns can travel in a link.

Layout of the bytes before base64url (RFC 4648 §5, no padding):

    version (1) · rows (1) · cols (1) · P (1) · P·N bits packed 8 to a byte, most significant first
    (ink = 1, zero padding) · the P labels in UTF-8, separated by "\\n"

A link holds at most `MAX_PATTERNS` patterns of at most `MAX_PIXELS` pixels: 32 patterns of
1,024 pixels are 4,096 bytes of bits, about 5,500 characters of link. Decoding is strict: anything
but a text this module wrote raises ValueError with a sentence, never another exception.

>>> import numpy as np
>>> text = encode_set(np.array([[1, -1, -1, 1]]), (2, 2), ["x"])
>>> text
'AQICAZB4'
>>> decode_set(text).labels
('x',)
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from .imaging import check_shape
from .patterns import as_patterns

__all__ = [
    "MAX_PATTERNS",
    "MAX_PIXELS",
    "MAX_LABEL_CHARS",
    "MAX_TEXT",
    "LinkedSet",
    "encode_set",
    "decode_set",
    "too_large",
]

VERSION = 1
MAX_PATTERNS = 32
MAX_PIXELS = 1024
MAX_SIDE = 255  # rows and cols are one byte each
MAX_LABEL_CHARS = 16
_HEADER = 4
_MAX_BYTES = _HEADER + MAX_PATTERNS * MAX_PIXELS // 8 + MAX_PATTERNS * (4 * MAX_LABEL_CHARS + 1)
MAX_TEXT = -(-_MAX_BYTES * 4 // 3)  # the longest text decode_set reads
_ALPHABET = re.compile(r"[A-Za-z0-9_-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class LinkedSet(NamedTuple):
    """Patterns int8 ±1 (P, rows·cols) read-only, their image shape and labels."""

    patterns: np.ndarray
    shape: tuple[int, int]
    labels: tuple[str, ...]


def too_large(count: int, shape: tuple[int, int]) -> str | None:
    """Why `count` patterns of `shape` cannot travel in a link, or None when they can."""
    rows, cols = shape
    if count <= MAX_PATTERNS and rows * cols <= MAX_PIXELS and max(rows, cols) <= MAX_SIDE:
        return None
    return (
        f"A link holds at most {MAX_PATTERNS} patterns of up to {MAX_PIXELS:,} pixels; this set has {count} "
        f"pattern{'s' * (count != 1)} of {rows}×{cols} = {rows * cols:,} pixels."
    )


def _clean_label(label: object) -> str:
    text = _CONTROL.sub(" ", str(label)).strip()
    return (text[: MAX_LABEL_CHARS - 1] + "…" if len(text) > MAX_LABEL_CHARS else text) or "?"


def encode_set(patterns: object, shape: tuple[int, int], labels: Sequence[object]) -> str:
    """Patterns (P, N) of image `shape` with their labels as base64url text (labels cut to 16 characters).

    Raises ValueError when the set is larger than a link holds (`too_large`), when N is not rows·cols,
    or when there is not one label per pattern.
    """
    states = as_patterns(patterns)
    rows, cols = check_shape(shape)
    labels = list(labels) if isinstance(labels, Sequence) and not isinstance(labels, str) else None
    if labels is None:
        raise ValueError("labels must be a list of one label per pattern.")
    if rows * cols != states.shape[1]:
        raise ValueError(f"patterns of {states.shape[1]} pixels do not fill a {rows}×{cols} grid.")
    if len(labels) != len(states):
        raise ValueError(f"{len(states)} patterns need {len(states)} labels; got {len(labels)}.")
    if reason := too_large(len(states), (rows, cols)):
        raise ValueError(reason)
    bits = np.packbits((states > 0).astype(np.uint8).ravel()).tobytes()
    names = "\n".join(_clean_label(label) for label in labels).encode("utf-8")
    data = bytes([VERSION, rows, cols, len(states)]) + bits + names
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_set(text: object) -> LinkedSet:
    """The set `encode_set` wrote into `text`; ValueError with a sentence for anything else."""
    if not isinstance(text, str):
        raise ValueError("the patterns in a link must be text.")
    if not text:
        raise ValueError("the link's pattern data is empty.")
    if len(text) > MAX_TEXT:
        raise ValueError(
            f"the link's pattern data is {len(text):,} characters long; at most {MAX_TEXT:,} are read."
        )
    if not _ALPHABET.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError(
            "the link's pattern data is not base64url text (letters, digits, '-' and '_')."
        )
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError(
            "the link's pattern data is not base64url text (letters, digits, '-' and '_')."
        ) from None
    if len(data) < _HEADER:
        raise ValueError("the link's pattern data is cut short: it lacks even its header.")
    version, rows, cols, count = data[:_HEADER]
    if version != VERSION:
        raise ValueError(
            f"the link's pattern data is of version {version}; this app reads version {VERSION}."
        )
    if rows < 1 or cols < 1 or count < 1:
        raise ValueError("the link's pattern data declares an empty set or an empty grid.")
    if reason := too_large(count, (rows, cols)):
        raise ValueError(reason)
    n = rows * cols
    size = -(-count * n // 8)
    body = data[_HEADER:]
    if len(body) < size:
        raise ValueError(
            f"the link's pattern data is cut short: {count} patterns of {rows}×{cols} need {size} bytes "
            f"of pixels, it holds {len(body)}."
        )
    bits = np.unpackbits(np.frombuffer(body[:size], np.uint8))
    if bits[count * n :].any():
        raise ValueError("the link's pattern data has stray bits after its last pixel.")
    try:
        labels = tuple(body[size:].decode("utf-8").split("\n"))
    except UnicodeDecodeError:
        raise ValueError("the labels in the link's pattern data are not UTF-8 text.") from None
    if len(labels) != count:
        raise ValueError(f"the link's pattern data has {len(labels)} labels for {count} patterns.")
    if any(not label or len(label) > MAX_LABEL_CHARS or _CONTROL.search(label) for label in labels):
        raise ValueError(
            f"the labels in the link's pattern data must be 1 to {MAX_LABEL_CHARS} printable characters."
        )
    patterns = (bits[: count * n].reshape(count, n).astype(np.int8) * 2 - 1).astype(np.int8)
    patterns.flags.writeable = False
    return LinkedSet(patterns, (rows, cols), labels)
