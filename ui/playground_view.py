"""Sections of the Memory playground: its settings box, the plane with its contours, descents and
fixed points (a click adds a point), and where the descents end."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import streamlit as st

from hopfield import analysis
from ui import attention as attention_control
from ui import caches, figures, plane, widgets

BETAS = [f"{float(f'{b:.3g}'):g}" for b in analysis.log_betas(0.1, 100, 8)]  # 0.1 … 100, 8 a decade
CLICK_ADDS = {"memory": "a memory", "start": "a start"}
STEP = 0.5  # each step moves the state half-way to the update's target: the paths are drawn smooth
GRID_STARTS = 6  # a 6 × 6 grid of starts when paths are drawn from the grid
FIXED_STARTS = 12  # the fixed points are the ends of descents from a 12 × 12 grid of starts
CHART = "_playground_chart"

grid_energy = caches.cached(max_entries=32)(analysis.energy_grid)
descend = caches.cached(max_entries=32)(analysis.plane_descents)
fixed_points = caches.cached(max_entries=32)(analysis.plane_fixed_points)


@dataclass(frozen=True)
class Controls:
    """The playground's settings: the attention (α for entmax), β, where a click goes, the random
    memories' count and seed, and whether paths are drawn from a grid of starts."""

    attention: str
    alpha: float
    beta: float
    click_target: str
    count: int
    seed: int
    grid_paths: bool


def controls() -> Controls:
    """The settings box, with its buttons to draw random memories and to clear the starts."""
    top = st.container(border=True)
    row = top.columns([1, 1, 2])
    attention, alpha = attention_control.choose("patt", "palpha", (row[0], row[1]))
    beta = widgets.choice(
        "Inverse temperature β (log scale)",
        BETAS,
        "pbeta",
        "4.22",
        widget="select_slider",
        where=row[2],
        help="β multiplies the dot product x_μ·ξ inside the attention.",
    )
    row = top.columns([1, 1, 1, 1])
    click_adds = widgets.choice(
        "A click adds",
        list(CLICK_ADDS),
        "pclick",
        "memory",
        titles=CLICK_ADDS,
        widget="radio",
        where=row[0],
        horizontal=True,
    )
    count = widgets.number(
        "Memories drawn at random", "pcount", 1, plane.MAX_POINTS, 6, where=row[1]
    )
    seed = widgets.number("Seed", "pseed", 0, widgets.MAX_SEED, 0, where=row[2])
    grid_paths = widgets.toggle("Paths from a grid of starts", "pgrid", where=row[3])
    with top.container(horizontal=True):
        st.button(
            "Draw memories at random",
            icon=":material/casino:",
            on_click=st.session_state.update,
            kwargs={"pm": plane.random_points(count, seed)},
        )
        st.button(
            "Clear the starts",
            icon=":material/clear_all:",
            on_click=st.session_state.update,
            kwargs={"ps": ""},
        )
    click_target = "pm" if click_adds == "memory" else "ps"  # where a click on the plane goes
    return Controls(attention, alpha, float(beta), click_target, count, seed, grid_paths)


def placed_memories(seed: int) -> np.ndarray:
    """The memories of the link (six at random by default); one at random when none is left."""
    memories = plane.linked_points("pm", plane.random_points(6, 0))
    if len(memories):
        return memories
    st.info(
        "Place a memory: draw them at random, or choose “a memory” and click the plane.",
        icon=":material/touch_app:",
    )
    return plane.parse_points(plane.random_points(1, seed))


def fixed_points_of(memories: np.ndarray, settings: Controls) -> list:
    """The fixed points: the ends of descents from a FIXED_STARTS × FIXED_STARTS grid of starts."""
    return fixed_points(
        memories, settings.beta, settings.attention, settings.alpha, FIXED_STARTS, STEP
    )


def descents(
    memories: np.ndarray, starts: np.ndarray, settings: Controls
) -> tuple[analysis.PlaneDescents | None, analysis.PlaneDescents | None]:
    """The descents from the clicked starts (None without any) and, when asked for, from a
    GRID_STARTS × GRID_STARTS grid of starts (else None)."""
    clicked = None
    from_grid = None
    if len(starts):
        clicked = descend(memories, starts, settings.beta, settings.attention, settings.alpha, STEP)
    if settings.grid_paths:
        grid = analysis.start_grid(GRID_STARTS)
        from_grid = descend(memories, grid, settings.beta, settings.attention, settings.alpha, STEP)
    return clicked, from_grid


def drawn_paths(*descents: analysis.PlaneDescents | None) -> list[np.ndarray]:
    """Every path of the descents drawn (None: not drawn), one (steps, 2) array per start."""
    shown = [found for found in descents if found is not None]
    return [found.paths[:, k] for found in shown for k in range(found.paths.shape[1])]


def the_plane(
    memories: np.ndarray,
    paths: list[np.ndarray],
    found: list,
    settings: Controls,
) -> None:
    """The energy's contours with the memories, the descents and the fixed points; a click on it adds
    a point where the controls say."""
    grid = grid_energy(memories, settings.beta, settings.attention, settings.alpha)
    ends = [(point.x, point.y, point.minimum) for point in found]
    figure = caches.cached_figure(
        figures.playground.playground_figure, grid.xs, grid.ys, grid.energy, memories, paths, ends
    )
    st.plotly_chart(
        figure,
        key=CHART,
        on_select=partial(plane.add_clicked, CHART, settings.click_target),
        selection_mode="points",
        config={"displayModeBar": False},
    )
    entmax = f" (α = {settings.alpha:g})" if settings.attention == "entmax" else ""
    st.caption(
        f"{len(memories)} memories (red, numbered), β = {settings.beta:g}, "
        f"{attention_control.TITLES[settings.attention]}{entmax}. Stars: minima; crosses: other fixed points."
    )


def where_things_end(clicked: analysis.PlaneDescents | None, found: list) -> None:
    """Where the clicked starts end, and the fixed points with their share of a grid of starts."""
    st.subheader("Where your starts end", anchor=False)
    if clicked:
        st.table(clicked.rows())
    else:
        st.caption(
            "Choose “a start” above and click the plane: the descent is drawn and listed here."
        )
    st.subheader("Fixed points", anchor=False)
    st.table([point.row() for point in found])
    st.caption(
        f"The ends of descents from a {FIXED_STARTS} × {FIXED_STARTS} grid of starts, with the share of "
        "starts that end there."
    )
