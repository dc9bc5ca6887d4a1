"""The Memory playground's points in the plane: memories and starts kept as link text ("x,y;x,y"), drawn at random,
or added where the user clicks on the chart."""

from __future__ import annotations

import numpy as np
import streamlit as st

from hopfield.analysis import PLANE
from ui.link import from_link

MAX_POINTS = 50  # memories, and starts, a playground holds
DRAW_MARGIN = 0.2  # random memories keep this far inside the square


def points_text(points: np.ndarray) -> str:
    """Points (K, 2) as link text, two decimals: "0.50,-1.20;1.00,0.30" ("" for none)."""
    return ";".join(f"{x:.2f},{y:.2f}" for x, y in np.asarray(points, np.float64).reshape(-1, 2))


def parse_points(text: str) -> np.ndarray:
    """Link text back to points (K, 2), each inside the square, at most MAX_POINTS; ValueError otherwise."""
    if not text.strip():
        return np.zeros((0, 2))
    pairs = [part.split(",") for part in text.strip().split(";")]
    if len(pairs) > MAX_POINTS or any(len(pair) != 2 for pair in pairs):
        raise ValueError
    points = np.array([[float(x), float(y)] for x, y in pairs])
    if not (np.isfinite(points).all() and (np.abs(points) <= PLANE[1]).all()):
        raise ValueError
    return points


def random_points(count: int, seed: int) -> str:
    """`count` memories drawn uniformly inside the square (DRAW_MARGIN from its edges), as link text."""
    edge = PLANE[1] - DRAW_MARGIN
    return points_text(np.random.default_rng(seed).uniform(-edge, edge, (count, 2)))


def add_clicked(chart_key: str, target_key: str) -> None:
    """on_select callback of the playground chart: the clicked point of the clickable grid (its first trace) joins
    the points kept under `target_key` (the oldest dropped beyond MAX_POINTS)."""
    clicked = [
        point
        for point in st.session_state[chart_key].selection.points
        if point.get("curve_number") == 0
    ]
    if not clicked:
        return
    kept = parse_points(st.session_state.get(target_key, ""))
    added = np.array([[clicked[-1]["x"], clicked[-1]["y"]]])
    st.session_state[target_key] = points_text(np.concatenate([kept, added])[-MAX_POINTS:])


def linked_points(key: str, default: str) -> np.ndarray:
    """The points kept under `key` (link text, travelling in the link as `key=x,y;x,y`), as (K, 2)."""

    def parse(raw: str) -> str:
        return points_text(parse_points(raw))

    from_link(
        key, default, parse, f"up to {MAX_POINTS} points x,y inside ±{PLANE[1]:g}, separated by ;"
    )
    return parse_points(st.session_state[key])
