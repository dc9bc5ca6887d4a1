"""Drawing a pattern: freehand on a canvas with a pen and an eraser, shrunk to the set's grid, or cell by cell
(`pixel_editor`, a grid of checkboxes).

The canvas is streamlit-drawable-canvas (0.13, built on `st.components.v2`; Fabric.js served by our own
server, no internet needed, pointer and touch input). Its toolbar (undo, redo, clear) shows on hover
only, so not on a phone: a "Clear" button under the canvas starts again too. What comes back is the
canvas as a PNG; it goes through `hopfield.image_to_pattern` (which refuses anything but a sane image)
and becomes a pattern of the grid: a cell is ink (+1) when at least `INK_COVERAGE` of it is covered.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import hopfield
from hopfield.text import MAX_CHARACTERS
from ui import caches, own_patterns, uploads, widgets

__all__ = [
    "CANVAS_PX",
    "INK_COVERAGE",
    "TOOLS",
    "canvas_size",
    "pen_width",
    "pattern_from_png",
    "clear",
    "draw",
    "own_panel",
    "probe_panel",
    "pixel_editor",
]

CANVAS_PX = 280  # the canvas's longer side: fits a phone's column (390 px wide screen)
INK_COVERAGE = 0.3
TOOLBAR_PX = 24
TOOLS = {"pen": ":material/edit: Pen", "eraser": ":material/ink_eraser: Eraser"}
_WHITE, _INK = "#ffffff", "#000000"


def canvas_size(shape: tuple[int, int], longest: int = CANVAS_PX) -> tuple[int, int]:
    """(width, height) in CSS pixels of a canvas for a rows x cols grid, its longer side `longest`."""
    rows, cols = shape
    cell = longest / max(rows, cols)
    return round(cols * cell), round(rows * cell)


def pen_width(shape: tuple[int, int], tool: str, longest: int = CANVAS_PX) -> int:
    """Stroke width in pixels: one cell for the pen (a line leaves a one-cell trace), 2.5 cells for the eraser."""
    cell = longest / max(shape)
    return max(3, round(cell * (2.5 if tool == "eraser" else 1.0)))


def pattern_from_png(png: bytes | None, shape: tuple[int, int]) -> np.ndarray | None:
    """The canvas picture as an int8 ±1 pattern of the grid, or None when nothing is drawn (or the data is bad).

    Gray g after box-filtering to (rows, cols): ink where g < 255·(1 − INK_COVERAGE), i.e. where at least
    INK_COVERAGE of the cell is covered.
    """
    if not png:
        return None
    try:
        pattern = hopfield.image_to_pattern(png, shape, threshold=255 * (1 - INK_COVERAGE))
    except ValueError:
        return None
    return pattern if (pattern > 0).any() else None


def clear(session: Any, key: str) -> None:
    """Callback of "Clear": the canvas `key` starts again, empty (a new version of its widget key)."""
    session[f"{key}_version"] = session.get(f"{key}_version", 0) + 1


def draw(key: str, shape: tuple[int, int]) -> np.ndarray | None:
    """A pen/eraser switch and the canvas (widget keys `key`_tool and `key`_<rows>x<cols>_<version>, so another
    grid or a new version gets a fresh canvas); the drawing as a pattern of `shape`, or None while nothing is drawn."""
    from streamlit_drawable_canvas import (
        st_canvas,
    )  # registers its component: needs a running app, not at import

    above = st.container()  # the canvas, above its pen/eraser switch and the clear button
    with st.container(horizontal=True, vertical_alignment="center"):
        tool = st.segmented_control(
            "Tool",
            list(TOOLS),
            format_func=TOOLS.__getitem__,
            default="pen",
            key=f"{key}_tool",
            label_visibility="collapsed",
            required=True,
        )
        st.button(
            "Clear",
            icon=":material/delete:",
            key=f"{key}_clear",
            on_click=clear,
            args=(st.session_state, key),
        )
    width, height = canvas_size(shape)
    with above:
        st.space(
            TOOLBAR_PX
        )  # room for the canvas's toolbar, which floats above its top edge on hover
        try:
            drawn = st_canvas(
                stroke_width=pen_width(shape, tool),
                stroke_color=_WHITE if tool == "eraser" else _INK,
                background_color=_WHITE,
                width=width,
                height=height,
                drawing_mode="freedraw",
                return_image_data=True,
                key=f"{key}_{shape[0]}x{shape[1]}_{st.session_state.get(f'{key}_version', 0)}",
            )
            png = drawn.image_bytes
        except (
            ValueError,
            TypeError,
            AttributeError,
            KeyError,
        ):  # the browser sent something else than a drawing
            png = None
    return pattern_from_png(png, shape)


def _seen(pattern: np.ndarray | None, shape: tuple[int, int], empty: str) -> None:
    """The drawing as the network sees it (one cell a neuron), or a hint while nothing is drawn."""
    if pattern is None:
        st.caption(empty)
    else:
        st.image(
            caches.grid_png(pattern[None], shape, columns=1, side_px=140),
            caption="as the network sees it",
        )


def _draw_and_see(
    key: str, shape: tuple[int, int], empty: str
) -> tuple[np.ndarray | None, DeltaGenerator]:
    """A canvas (`draw`) on the left, the drawing as the network sees it (`_seen`) on the right; returns the
    pattern and the right-hand column, for what goes under the picture."""
    left, right = st.columns(2)
    with left:
        pattern = draw(key, shape)
    with right:
        _seen(pattern, shape, empty)
    return pattern, right


def _add_drawing(session: Any, shape: tuple[int, int], pattern: np.ndarray) -> None:
    own_patterns.add_drawing(session, shape, pattern)
    clear(session, "own_canvas")  # a fresh canvas for the next one


def _add_text(session: Any, shape: tuple[int, int]) -> None:
    session["_own_text_problem"] = own_patterns.add_text(
        session, shape, session.get("own_text", "")
    )


def own_panel(shape: tuple[int, int]) -> None:
    """The Store page's freehand drawing and typed letters; each adds patterns of `shape` to the collection."""
    drawing, typing = st.tabs([":material/draw: Draw", ":material/text_fields: Type letters"])
    with drawing:
        pattern, right = _draw_and_see(
            "own_canvas",
            shape,
            f"Draw with the mouse, a finger or a pen; the {shape[0]}×{shape[1]} picture the "
            "network would store appears here.",
        )
        with right:
            st.button(
                "Add this sketch",
                icon=":material/add:",
                disabled=pattern is None,
                key="own_canvas_add",
                on_click=_add_drawing,
                args=(st.session_state, shape, pattern),
            )
    with typing:
        st.text_input(
            "Letters or a word",
            key="own_text",
            max_chars=MAX_CHARACTERS,
            placeholder="HOPFIELD",
            help="One pattern per character (spaces skipped), drawn with "
            "Pillow's built-in font on the grid above.",
        )
        st.button(
            "Add these letters",
            icon=":material/text_fields:",
            key="own_text_add",
            on_click=_add_text,
            args=(st.session_state, shape),
        )
        if problem := st.session_state.pop("_own_text_problem", None):
            st.error(problem, icon=":material/error:")


def probe_panel(shape: tuple[int, int]) -> np.ndarray | None:
    """The Recall page's "Draw the probe" switch and canvas: the drawn probe of `shape`, or None (use the noise)."""
    if not widgets.toggle(
        "Draw the probe by hand",
        "drawprobe",
        help="Sketch the probe freehand, like a witness's "
        "description: it replaces the noisy probe in every view.",
    ):
        return None
    pattern, _ = _draw_and_see(
        "probe_canvas",
        shape,
        "Draw with the mouse, a finger or a pen; until then the noisy probe is used. The "
        "pattern chosen above stays the target the recall is compared with.",
    )
    return pattern


def pixel_editor(
    uploaded: own_patterns.Uploaded,
    stored: np.ndarray,
    stored_labels: list[str],
    shape: tuple[int, int],
) -> None:
    """Tick the cells of a grid (starting from an upload or a stored pattern of its size), add it to the collection."""
    rows, cols = shape
    side = own_patterns.DRAW_MAX_SIDE
    if max(shape) > side:
        st.info(
            f"The pixel editor works on grids of up to {side}×{side}; choose a smaller grid above or upload "
            "images.",
            icon=":material/info:",
        )
        return
    titles = own_patterns.start_titles(uploaded.labels, stored_labels)
    start = widgets.choice("Start from", list(titles), "own_start", titles=titles)
    version = st.session_state.get(own_patterns.DRAW_VERSION, 0)
    edited = st.data_editor(
        own_patterns.start_grid(start, uploaded.patterns, stored, shape),
        key=f"{own_patterns.EDITOR_PREFIX}{rows}x{cols}_{start}_{version}",
        hide_index=True,
        row_height=28,
        height=28 * (rows + 1) + 4,
        column_config={
            str(c): st.column_config.CheckboxColumn(str(c), width=28) for c in range(cols)
        },
    )
    st.caption("Tick a cell to make it ink. The picture below is what will be stored.")
    drawing = uploads.pattern_from_grid(edited)
    st.image(caches.grid_png(drawing[None], shape, columns=1, side_px=120))
    add, reset = st.columns(2)
    if add.button("Add this drawing", icon=":material/add:", width="stretch"):
        own_patterns.add_drawing(st.session_state, shape, drawing)
    if reset.button("Start again", icon=":material/restart_alt:", width="stretch"):
        st.session_state[own_patterns.DRAW_VERSION] = version + 1
        st.rerun(scope="fragment")
