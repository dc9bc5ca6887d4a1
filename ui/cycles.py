"""The Sequences page's cycles, without Streamlit: a typed word or MNIST digits in order as patterns, and which
stored pattern each frame of a replay shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

import hopfield
from hopfield import analysis

LETTER_SHAPE = (16, 16)  # a typed letter's grid: N = 256
SHOWN_OVERLAP = 0.75  # a frame shows a stored pattern when its overlap m with it is at least this (10 % noise: 0.8)
UNCLEAR = "?"  # what a frame close to no stored pattern shows


@dataclass(frozen=True)
class Replay:
    """A replay of a stored cycle (`replay`): frames (T, N) from the noisy first pattern, overlaps (T, P) with
    every stored pattern, which transitions are exact (P,), and the share of weight pairs with w_ij ≠ w_ji."""

    frames: np.ndarray
    overlaps: np.ndarray
    exact: np.ndarray
    asymmetry: float


@dataclass(frozen=True)
class Cycle:
    """Patterns (P, N) int8 read-only to store in order, one label each, drawn as `shape` images."""

    patterns: np.ndarray
    labels: tuple[str, ...]
    shape: tuple[int, int]
    credit: str = ""


def word_cycle(word: str) -> Cycle:
    """One pattern per non-space character of `word` (`hopfield.text_patterns`), in order; ValueError with a
    sentence for an empty word or a character the font lacks."""
    patterns, characters = hopfield.text_patterns(word, LETTER_SHAPE)
    return Cycle(patterns, tuple(characters), LETTER_SHAPE)


def digit_cycle(count: int) -> Cycle:
    """`count` MNIST images with the digits 0, 1, …, 9, 0, 1, … in order: image k is the (k // 10 + 1)-th
    of digit k mod 10 in the built-in set (which holds 100 of each, digit by digit)."""
    source = hopfield.load_set("mnist")
    per_digit = len(source.labels) // 10
    if not 1 <= count <= len(source.labels):
        raise ValueError(f"The digits must number from 1 to {len(source.labels)}, got {count}.")
    picks = [(k % 10) * per_digit + k // 10 for k in range(count)]
    patterns = source.patterns[picks]
    patterns.flags.writeable = False
    return Cycle(patterns, tuple(source.labels[k] for k in picks), source.shape, source.credit)


def replay(patterns: np.ndarray, rule: str, degree: int, noise: float, seed: int) -> Replay:
    """Store `patterns` as a cycle with `rule` (`SequenceMemory.train`, `degree` for dense-poly) and replay two
    laps (2P steps) from the first pattern with a fraction `noise` of its bits flipped (`hopfield.corrupt(...,
    "flip", noise, seed)`)."""
    memory = hopfield.SequenceMemory.train(patterns, rule, degree=degree)
    start = hopfield.corrupt(patterns[0], "flip", noise, seed)
    frames = memory.replay(start, 2 * memory.length)
    pairs = ~np.eye(memory.n, dtype=bool)
    asymmetry = float((memory.weights != memory.weights.T)[pairs].mean()) if memory.n > 1 else 0.0
    return Replay(
        frames, analysis.overlaps(patterns, frames), memory.exact_transitions(), asymmetry
    )


def shown(frames: np.ndarray, patterns: np.ndarray, labels: tuple[str, ...]) -> list[str]:
    """What each frame (T, N) shows: the label of the stored pattern it overlaps most, when that overlap
    m = (1/N) ξ^μ·s is at least SHOWN_OVERLAP, else UNCLEAR.

    >>> shown(np.array([[1, 1, 1, 1], [1, -1, 1, -1]]), np.array([[1, 1, 1, 1], [-1, 1, -1, 1]]), ("a", "b"))
    ['a', '?']
    """
    overlaps = analysis.overlaps(patterns, frames)
    best = overlaps.argmax(axis=1)
    return [labels[k] if overlaps[t, k] >= SHOWN_OVERLAP else UNCLEAR for t, k in enumerate(best)]


def repeated(patterns: np.ndarray, labels: tuple[str, ...]) -> list[str]:
    """Labels of patterns stored more than once in the cycle (a letter typed twice): such a pattern has two
    successors, and a memory that sees only the current pattern cannot know which comes next."""
    counts = Counter(bytes(row) for row in np.asarray(patterns, np.int8))
    seen = {
        bytes(row): label for row, label in zip(np.asarray(patterns, np.int8), labels, strict=True)
    }
    return [seen[key] for key, times in counts.items() if times > 1]
