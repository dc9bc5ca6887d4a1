"""The Corrupt & recall page's figures: energy and overlaps along one recall (energy is drawn on Energy
landscape and Continuous memories too)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import EMPHASIS_COLOR, check_labels, series_color, styled


def energy_plot(
    energies: np.ndarray,
    labels: list[str],
    x_title: str = "step",
    steps: np.ndarray | None = None,
    height: int = 340,
) -> go.Figure:
    """Energy E(s) = -½ sᵀWs per `x_title` (what one recorded frame is: step, flip or sweep), one line per probe.

    energies have shape (T, B); `steps` (T,) places the frames on the x axis (default 0, 1, ..., T − 1), so
    a recall shown every few flips still counts flips.
    """
    energies = np.asarray(energies, dtype=np.float64)
    if energies.ndim != 2:
        raise ValueError(f"energies must have shape (T, B), got {energies.shape}.")
    check_labels(labels, energies.shape[1], "probe")
    steps = _frame_steps(steps, energies.shape[0])
    fig = go.Figure(
        [
            go.Scatter(
                x=steps,
                y=energies[:, probe],
                mode="lines+markers",
                name=label,
                line={"color": series_color(probe)},
                hovertemplate=f"{label}<br>{x_title} %{{x}}: E = %{{y:.3f}}<extra></extra>",
            )
            for probe, label in enumerate(labels)
        ]
    )
    fig.update_xaxes(dtick=_whole_ticks(steps))
    return styled(
        fig, f"Energy per {x_title}", height, x_title, "energy E", legend_at_bottom=len(labels) > 1
    )


def _whole_ticks(steps: np.ndarray) -> int | None:
    """Tick spacing 1 for a short recall (steps are whole numbers: no tick at 0.5), else plotly's own choice."""
    return 1 if steps.size and steps[-1] <= 10 else None


def _frame_steps(steps: np.ndarray | None, count: int) -> np.ndarray:
    """The x positions of `count` frames: `steps` checked to be (count,), else 0, 1, ..., count − 1."""
    if steps is None:
        return np.arange(count)
    steps = np.asarray(steps)
    if steps.shape != (count,):
        raise ValueError(
            f"steps must give one x position per frame ({count}), got shape {steps.shape}."
        )
    return steps


def overlap_plot(
    overlaps: np.ndarray,
    labels: list[str],
    target: int | None = None,
    x_title: str = "step",
    steps: np.ndarray | None = None,
) -> go.Figure:
    """Overlaps m_μ = (1/N) ξ^μ·s of one recall with every stored pattern, shape (T, P); the target drawn thick.

    `steps` (T,) places the frames on the x axis, counted in `x_title`s (default 0, 1, ..., T − 1).
    """
    overlaps = np.asarray(overlaps, dtype=np.float64)
    if overlaps.ndim != 2:
        raise ValueError(f"overlaps must have shape (T, P), got {overlaps.shape}.")
    check_labels(labels, overlaps.shape[1], "stored pattern")
    steps = _frame_steps(steps, overlaps.shape[0])
    traces = []
    for index, label in enumerate(labels):
        is_target = index == target
        traces.append(
            go.Scatter(
                x=steps,
                y=overlaps[:, index],
                mode="lines+markers",
                name=f"{label} (target)" if is_target else label,
                line={
                    "color": EMPHASIS_COLOR if is_target else series_color(index),
                    "width": 4 if is_target else 1.5,
                },
                marker={"size": 7 if is_target else 4},
                opacity=1.0 if is_target or target is None else 0.6,
                hovertemplate=f"pattern {label}<br>{x_title} %{{x}}: m = %{{y:.3f}}<extra></extra>",
            )
        )
    fig = styled(
        go.Figure(traces), "Overlap with each stored pattern", 360, x_title, "overlap m", True
    )
    fig.update_xaxes(dtick=_whole_ticks(steps))
    fig.update_yaxes(range=[-1.05, 1.05])
    return fig
