"""The Memory playground's figures: the energy in the plane with its memories, descent paths and fixed points,
clickable everywhere (an invisible grid of points reports where a click lands)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import EMPHASIS_COLOR, MARGIN, series_color

CLICK_GRID = (
    41  # clickable points per side: a click lands on the nearest, 0.1 apart on the (−2, 2) square
)
MEMORY_COLOR = "#D64545"
PATH_TRACE = "descent"  # the name of every path trace (the browser test reads their last points)


def click_points(bounds: tuple[float, float], per_side: int = CLICK_GRID) -> np.ndarray:
    """The clickable points of the plane (per_side², 2), row by row from the bottom left."""
    axis = np.linspace(bounds[0], bounds[1], per_side)
    xs, ys = np.meshgrid(axis, axis)
    return np.column_stack([xs.ravel(), ys.ravel()])


def playground_figure(
    xs: np.ndarray,
    ys: np.ndarray,
    energy: np.ndarray,
    memories: np.ndarray,
    paths: Sequence[np.ndarray] = (),
    fixed: Sequence[tuple[float, float, bool]] = (),
    bounds: tuple[float, float] = (-2.0, 2.0),
    height: int = 460,
) -> go.Figure:
    """Energy contours (energy (R, R) with energy[i, j] at (xs[j], ys[i])), memories (P, 2) numbered from 1,
    descent paths (each (T, 2), the start hollow and the end filled, in the order given) and fixed points
    (x, y, is a minimum: a star, else a cross), under an invisible clickable grid (the first trace) over the
    whole square."""
    energy = np.asarray(energy, np.float64)
    memories = np.asarray(memories, np.float64).reshape(-1, 2)
    if energy.shape != (len(ys), len(xs)):
        raise ValueError(
            f"energy must have shape (len(ys), len(xs)) = ({len(ys)}, {len(xs)}), got {energy.shape}."
        )
    grid = click_points(bounds)
    fig = go.Figure(
        go.Scatter(
            x=grid[:, 0],
            y=grid[:, 1],
            mode="markers",
            name="click",
            showlegend=False,
            marker={"size": 2, "opacity": 0.0, "color": "#000000"},
            hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>",
        )
    )
    fig.add_trace(
        go.Contour(
            x=xs,
            y=ys,
            z=energy,
            colorscale="Viridis",
            ncontours=24,
            hoverinfo="skip",
            contours={"coloring": "heatmap", "showlines": True},
            line={"width": 0.5},
            colorbar={"title": {"text": "E", "side": "right"}, "thickness": 12},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=memories[:, 0],
            y=memories[:, 1],
            mode="markers+text",
            name="memories",
            text=[str(k + 1) for k in range(len(memories))],
            textposition="top center",
            textfont={"color": "#FFFFFF", "size": 12},
            hoverinfo="skip",
            marker={"size": 11, "color": MEMORY_COLOR, "line": {"color": "#FFFFFF", "width": 1.5}},
        )
    )
    for k, path in enumerate(paths):
        path = np.asarray(path, np.float64).reshape(-1, 2)
        color = series_color(k + 1)
        fig.add_trace(
            go.Scatter(
                x=path[:, 0],
                y=path[:, 1],
                mode="lines",
                name=PATH_TRACE,
                hoverinfo="skip",
                line={"color": "#FFFFFF", "width": 2.5},
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=path[[0, -1], 0],
                y=path[[0, -1], 1],
                mode="markers",
                hoverinfo="skip",
                showlegend=False,
                marker={
                    "size": [9, 9],
                    "color": [color, color],
                    "symbol": ["circle-open", "circle"],
                    "line": {"color": color, "width": 2},
                },
            )
        )
    for x, y, minimum in fixed:
        fig.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers",
                hoverinfo="skip",
                showlegend=False,
                marker={
                    "size": 13 if minimum else 10,
                    "color": "#FFD166" if minimum else "#FFFFFF",
                    "symbol": "star" if minimum else "x",
                    "line": {"color": EMPHASIS_COLOR, "width": 1},
                },
            )
        )
    square = [bounds[0] - 0.02, bounds[1] + 0.02]
    fig.update_layout(
        height=height,
        margin={**MARGIN, "t": 10},
        showlegend=False,
        clickmode="event+select",
        dragmode=False,
        xaxis={"range": square, "constrain": "domain", "fixedrange": True},
        yaxis={
            "range": square,
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
            "fixedrange": True,
        },
    )
    return fig
