"""The Store page's own patterns without Streamlit: uploads decoded once per session, drawings set aside, the pixel
editor's first grid, and the collection ready to store.

The page passes its session (`st.session_state`, or any dict in a test) and the uploaded files (objects with
`file_id`, `name` and `getvalue()`, as Streamlit's file uploader returns them); what comes back is plain data.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

import hopfield
from hopfield import HopfieldNetwork, PatternSet
from hopfield.text import text_patterns
from ui import uploads

__all__ = [
    "DRAWN",
    "DRAW_MAX_SIDE",
    "DRAW_VERSION",
    "EDITOR_PREFIX",
    "GRID_SIDE",
    "Collection",
    "Uploaded",
    "add_drawing",
    "add_text",
    "clear_drawings",
    "collect",
    "decoded_images",
    "decoded_network",
    "drawing_under_way",
    "network_set",
    "start_grid",
    "start_titles",
]

DRAWN = "_store_drawn"  # session: drawn patterns, a list of (shape, pattern, label)
IMAGES_MEMO = "_store_images"  # session: (upload key, Uploaded) of the last image uploads
NETWORK_MEMO = (
    "_store_network"  # session: (file id, network or error sentence) of the last network upload
)
GRID_SIDE = 16  # rows and columns of the grid at first
DRAW_MAX_SIDE = 32  # the pixel editor's largest grid side
DRAW_VERSION = (
    "_store_draw_version"  # session: bumped by "Start again", which gives the editor a new key
)
EDITOR_PREFIX = (
    "own_draw_"  # the pixel editor's widget keys: own_draw_<rows>x<cols>_<start>_<version>
)
# a restored network's parameters must lie on the sidebar's sliders
PARAM_RANGES = {
    name: spec.slider
    for rule in hopfield.RULES.values()
    for name, spec in rule.params.items()
    if not spec.choices
}

Session = MutableMapping[str, Any]


class UploadedFile(Protocol):
    """What st.file_uploader returns for one file."""

    file_id: str
    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True)
class Uploaded:
    """Images decoded to patterns int8 (K, N) with their labels, and one sentence per refused file."""

    patterns: np.ndarray
    labels: tuple[str, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class Collection:
    """What "Store" would store: the uploads, then the drawings of the grid's size (at most `uploads.MAX_PATTERNS`).

    `uploaded` and `drawn` count what was collected, `set_aside` the drawings of another grid size.
    """

    patterns: np.ndarray
    labels: tuple[str, ...]
    shape: tuple[int, int]
    uploaded: int
    drawn: int
    set_aside: int

    @property
    def summary(self) -> str:
        """One sentence on what is ready to store (and what is set aside)."""
        aside = (
            f" {self.set_aside} drawings of another grid size are set aside."
            if self.set_aside
            else ""
        )
        if not self.labels:
            return "Nothing to store yet: upload images or add a drawing." + aside
        rows, cols = self.shape
        return (
            f"Ready to store: {self.uploaded} uploaded and {self.drawn} drawn patterns of {rows}×{cols} = "
            f"{rows * cols} neurons." + aside
        )

    @property
    def store_label(self) -> str:
        """The store button's label."""
        return (
            "Store this pattern"
            if len(self.labels) == 1
            else f"Store these {len(self.labels)} patterns"
        )

    def pattern_set(self) -> PatternSet:
        """The collection as the custom set "Your own patterns"."""
        return PatternSet("custom", "Your own patterns", self.patterns, self.shape, self.labels, "")


def remembered(session: Session, slot: str, key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept in `session[slot]` until `key` changes (an upload is decoded once, not on every rerun)."""
    memo = session.get(slot)
    if memo is None or memo[0] != key:
        memo = (key, compute())
        session[slot] = memo
    return memo[1]


def decoded_images(
    session: Session, files: Sequence[UploadedFile], shape: tuple[int, int], invert: bool
) -> Uploaded:
    """The uploaded images as patterns of `shape` (`uploads.patterns_from_uploads`), decoded once per upload."""
    key = (tuple(file.file_id for file in files), tuple(shape), bool(invert))

    def decode() -> Uploaded:
        patterns, labels, errors = uploads.patterns_from_uploads(
            [(f.name, f.getvalue()) for f in files], shape, invert
        )
        patterns.flags.writeable = False
        return Uploaded(patterns, tuple(labels), tuple(errors))

    return remembered(session, IMAGES_MEMO, key, decode)


def decoded_network(session: Session, file: UploadedFile) -> HopfieldNetwork | str:
    """The uploaded .npz network, or the sentence saying why it cannot be the memory; read once per upload."""

    def read() -> HopfieldNetwork | str:
        try:
            return uploads.network_from_upload(file.getvalue(), PARAM_RANGES)
        except ValueError as error:
            return str(error)

    return remembered(session, NETWORK_MEMO, file.file_id, read)


def start_titles(
    uploaded_labels: Sequence[str], stored_labels: Sequence[str] = ()
) -> dict[str, str]:
    """The pixel editor's starting grids, option -> title: an empty grid, each upload, each stored pattern."""
    titles = {"blank": "An empty grid"}
    titles.update({f"upload {k}": f"Upload: {label}" for k, label in enumerate(uploaded_labels)})
    titles.update({f"stored {k}": f"Stored: {label}" for k, label in enumerate(stored_labels)})
    return titles


def start_grid(
    start: str, uploaded: np.ndarray, stored: np.ndarray, shape: tuple[int, int]
) -> np.ndarray:
    """The bool (rows, cols) grid an editor starting from `start` ("blank", "upload k", "stored k") shows."""
    kind, _, index = start.partition(" ")
    if kind in ("upload", "stored"):
        return uploads.grid_from_pattern(
            (uploaded if kind == "upload" else stored)[int(index)], shape
        )
    return np.zeros(shape, bool)


def drawing_under_way(session: Session) -> bool:
    """True once a pixel editor has been shown and not dropped since (so its ticked cells are kept)."""
    return any(str(key).startswith(EDITOR_PREFIX) for key in session)


def add_drawing(
    session: Session, shape: tuple[int, int], pattern: np.ndarray, label: str | None = None
) -> None:
    """Keep a drawn pattern (labelled `label`, by default "drawn k") for the collection, which holds at most
    `uploads.MAX_PATTERNS` drawings (a set can hold no more): beyond that the drawing is not kept."""
    drawings = session.setdefault(DRAWN, [])
    if len(drawings) >= uploads.MAX_PATTERNS:
        return
    drawings.append(
        (tuple(shape), np.array(pattern, dtype=np.int8), label or f"drawn {len(drawings) + 1}")
    )


def add_text(session: Session, shape: tuple[int, int], text: str) -> str | None:
    """Keep one pattern per typed character (`hopfield.text.text_patterns`, labelled by the character) for the
    collection; the sentence saying why nothing was added, or None."""
    try:
        patterns, labels = text_patterns(text, shape)
    except ValueError as error:
        message = str(error)
        return message[:1].upper() + message[1:]
    room = uploads.MAX_PATTERNS - len(session.get(DRAWN, []))
    if len(patterns) > room:
        return (
            f"The drawings hold at most {uploads.MAX_PATTERNS} patterns and {room} more fit; remove the drawings "
            "or type fewer letters."
        )
    for pattern, label in zip(patterns, labels):
        add_drawing(session, shape, pattern, label)
    return None


def clear_drawings(session: Session) -> None:
    """Forget every drawn pattern."""
    session[DRAWN] = []


def collect(
    uploaded: Uploaded,
    drawings: Sequence[tuple[tuple[int, int], np.ndarray, str]],
    shape: tuple[int, int],
) -> Collection:
    """The uploads then the drawings of `shape`, cut to `uploads.MAX_PATTERNS`; other drawings are set aside."""
    here = [
        (pattern, label)
        for drawn_shape, pattern, label in drawings
        if tuple(drawn_shape) == tuple(shape)
    ]
    patterns = [*uploaded.patterns, *(pattern for pattern, _ in here)][: uploads.MAX_PATTERNS]
    labels = (*uploaded.labels, *(label for _, label in here))[: uploads.MAX_PATTERNS]
    stacked = np.array(patterns, dtype=np.int8).reshape(len(patterns), shape[0] * shape[1])
    stacked.flags.writeable = False
    return Collection(
        stacked, labels, tuple(shape), len(uploaded.labels), len(here), len(drawings) - len(here)
    )


def network_set(network: HopfieldNetwork, name: str, shape: tuple[int, int]) -> PatternSet:
    """A restored network's patterns as the custom set "Network from <file name>", labelled #0, #1, ..."""
    labels = tuple(f"#{index}" for index in range(network.memorised))
    return PatternSet("custom", f"Network from {name}", network.patterns, tuple(shape), labels, "")
