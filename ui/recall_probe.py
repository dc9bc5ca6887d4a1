"""How the Recall page builds its probe: the noise controls' help and units, and pixels flipped by hand.

Plain functions, no Streamlit here: the callbacks take the session state as a mapping. The noise
level is a fraction of the pixels for every noise kind but "flip-count", where it is a whole number
of bits. Hand edits are one record {"pattern": index, "n": N, "pixels": [flipped pixel indices]}
kept in the session under `EDITS`, forgotten when the pattern or the image size changes; the page
shows the probe as a grid of checkboxes (ticked = ink), one column per image column, and a pixel
flipped twice is back to the noise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

import numpy as np

from hopfield import DYNAMICS

__all__ = [
    "MAX_EDIT_PIXELS",
    "NOISE_HELP",
    "EDITS",
    "level_range",
    "level_in_units",
    "on_noise_change",
    "on_mode_change",
    "kept_edits",
    "current_edits",
    "with_edits",
    "checkbox_grid",
    "grid_key",
    "toggled_pixels",
    "on_grid_edit",
    "reset_edits",
]

MAX_EDIT_PIXELS = 4096  # largest image offered as an editable grid of checkboxes
EDITS, GRID_VERSION = (
    "_recall_edits",
    "_recall_grid_version",
)  # session keys: the record; bumped after each edit
NOISE_HELP = {
    "flip": "Each pixel is flipped with this probability.",
    "flip-count": "Exactly this many pixels are flipped.",
    "occlude": "This fraction of the rows, from the bottom, is blanked out.",
    "salt-pepper": "Each pixel is replaced with this probability by a random one (half of them change).",
    "mask": "Each pixel is switched off with this probability.",
}


def level_range(kind: str, n: int) -> tuple[str, float, float, float] | tuple[str, int, int, int]:
    """The level control of noise `kind` for N = n: (label, lowest, highest, default); whole bits for "flip-count"."""
    return (
        ("Bits to flip", 0, n, max(1, round(n / 10)))
        if kind == "flip-count"
        else ("Noise level", 0.0, 1.0, 0.1)
    )


def level_in_units(level: float, kind: str, n: int) -> float | int:
    """The noise level in the unit of `kind`: a count of the n bits for "flip-count" (round(level·n) from a
    fraction), else a fraction (round(level / n, 2), at most 1, from a count). A level already in its unit stays."""
    count = kind == "flip-count"
    if count == isinstance(level, int):
        return level
    return int(round(level * n)) if count else round(min(1.0, level / n), 2)


def on_noise_change(session: MutableMapping[str, Any], n: int) -> None:
    """Callback of the noise kind: the level in the new kind's unit (`level_in_units`)."""
    session["level"] = level_in_units(session.get("level", 0.1), session["noise"], n)


def on_mode_change(session: MutableMapping[str, Any]) -> None:
    """Callback of the dynamics: the new mode's default number of steps (`Mode.default_steps`: 20 sync steps,
    10 sweeps), unless the user changed it."""
    if session.get("steps") in {mode.default_steps for mode in DYNAMICS.values()}:
        session["steps"] = DYNAMICS[session["mode"]].default_steps


def kept_edits(edits: Mapping[str, Any] | None, pattern: int, n: int) -> dict[str, Any]:
    """The record if it belongs to `pattern` at N = `n` (pixels outside [0, n) dropped), else an empty one."""
    if not edits or edits.get("pattern") != pattern or edits.get("n") != n:
        return {"pattern": pattern, "n": n, "pixels": []}
    return {
        "pattern": pattern,
        "n": n,
        "pixels": [int(p) for p in edits.get("pixels", ()) if 0 <= p < n],
    }


def current_edits(session: MutableMapping[str, Any], pattern: int, n: int) -> list[int]:
    """The pixels flipped by hand on `pattern` (N = n), keeping the session's record valid (`kept_edits`)."""
    session[EDITS] = kept_edits(session.get(EDITS), pattern, n)
    return session[EDITS]["pixels"]


def with_edits(noisy: np.ndarray, pixels: Iterable[int]) -> np.ndarray:
    """A read-only copy of `noisy` (N,) with `pixels` flipped: s_i -> −s_i."""
    probe = np.array(noisy, copy=True)
    probe[list(pixels)] *= -1
    probe.flags.writeable = False
    return probe


def checkbox_grid(
    probe: np.ndarray, shape: tuple[int, int]
) -> tuple[dict[str, list[bool]], list[bool]]:
    """The probe as data-editor columns {"0": [ink of each row], ...} and as one flat list of ticks."""
    rows, cols = shape
    shown = (np.asarray(probe) > 0).tolist()
    return {str(c): [shown[r * cols + c] for r in range(rows)] for c in range(cols)}, shown


def toggled_pixels(
    pixels: Iterable[int],
    edited_rows: Mapping[Any, Mapping[Any, Any]],
    shown: list[bool],
    cols: int,
) -> list[int]:
    """`pixels` after the grid's changed cells ({row: {column: ticked}}): each cell unlike `shown` toggles its pixel."""
    flipped = set(pixels)
    for row, values in edited_rows.items():
        for col, value in values.items():
            index = int(row) * cols + int(col)
            if bool(value) != shown[index]:
                flipped ^= {index}
    return sorted(flipped)


def grid_key(session: Mapping[str, Any]) -> str:
    """The grid's widget key, new after each edit so the grid restarts from the edited probe."""
    return f"_recall_grid_{session.get(GRID_VERSION, 0)}"


def on_grid_edit(session: MutableMapping[str, Any], key: str, shown: list[bool], cols: int) -> None:
    """Callback of the grid `key`: its changed cells toggle pixels of the record (`toggled_pixels`)."""
    edits = session[EDITS]
    edits["pixels"] = toggled_pixels(
        edits["pixels"], session[key].get("edited_rows", {}), shown, cols
    )
    session[GRID_VERSION] = session.get(GRID_VERSION, 0) + 1


def reset_edits(session: MutableMapping[str, Any]) -> None:
    """Callback of "Reset edits": no pixel flipped by hand any more."""
    session[EDITS]["pixels"] = []
    session[GRID_VERSION] = session.get(GRID_VERSION, 0) + 1


WHAT_YOU_SEE = r"""A stored pattern $\xi^t$ is corrupted into a probe $s(0)$ and the network runs from there: each
neuron takes the sign of its field, $s_i \leftarrow \operatorname{sign}\big(\sum_j w_{ij} s_j\big)$, all at once
(synchronous), one at a time in random order (asynchronous), or turning on with probability $1/(1 + e^{-2h_i/T})$
(stochastic). Every deterministic update lowers the energy $E = -\tfrac12 s^\top W s$, so the state slides into an
attractor; the overlaps $m_\mu = \tfrac1N\,\xi^\mu\!\cdot s$ show which memory it is heading for. With the
known pixels held (clamped completion), only the hidden ones are updated."""
HELD_HELP = (
    "Clamped completion: the pixels the noise left visible keep their values and only the hidden ones "
    "are updated, as in filling in a masked image."
)
