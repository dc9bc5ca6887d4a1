"""The Learning over time page's figures: success by a pattern's age, basins by strength, census before and
after."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import (
    EMPHASIS_COLOR,
    OUTCOME_COLORS,
    series_color,
    styled,
    success_lines,
)


def age_figure(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    titles: dict[str, str],
    n: int,
    p: int,
    shown: int = 30,
) -> go.Figure:
    """Recall success against a pattern's age (0: the newest), one line per rule; `curves[rule]` is (ages, success).
    The x axis opens on the newest `shown` ages (the data holds every age: zoom out to see them)."""
    fig = go.Figure(success_lines(curves, titles, "age %{x}", marker_size=4))
    title = f"Newest {shown} of {p} patterns" if p > shown else f"{p} patterns"
    fig = styled(
        fig,
        f"{title} by age, N = {n}",
        360,
        "age: patterns stored after it",
        "recall success",
        True,
    )
    fig.update_xaxes(range=[-0.5, min(p - 1, shown) + 0.5])
    fig.update_yaxes(range=[-0.02, 1.05], tickformat=".0%")
    return fig


def strength_basin_figure(
    noise_levels: np.ndarray, success: np.ndarray, strengths: np.ndarray, label: str
) -> go.Figure:
    """Basin curves of one pattern (`label`) at several strengths: success (S, L) against the fraction flipped."""
    success = np.asarray(success, dtype=np.float64)
    if success.shape != (len(strengths), len(noise_levels)):
        raise ValueError(f"success must have shape (strengths, noise levels), got {success.shape}.")
    last = len(strengths) - 1
    fig = go.Figure(
        [  # each line thinner than the one before: a curve equal to an earlier one shows inside it
            go.Scatter(
                x=np.asarray(noise_levels),
                y=row,
                mode="lines+markers",
                name=f"strength {c:g}",
                line={"color": series_color(k), "width": 1.5 + 0.8 * (last - k)},
                marker={"size": 4 + 1.5 * (last - k)},
                hovertemplate=f"strength {c:g}<br>%{{x:.0%}} flipped: success %{{y:.0%}}<extra></extra>",
            )
            for k, (c, row) in enumerate(zip(np.asarray(strengths).tolist(), success))
        ]
    )
    fig = styled(
        fig,
        f"Basin of {label} at several strengths",
        360,
        "fraction of bits flipped",
        "recall success",
        True,
    )
    fig.update_xaxes(tickformat=".0%")
    fig.update_yaxes(range=[-0.02, 1.05], tickformat=".0%")
    return fig


def census_pair(
    before: dict[str, int],
    after: dict[str, int],
    titles: tuple[str, str] = ("before", "after"),
    y_title: str = "random starts",
) -> go.Figure:
    """Where random starts end (stored, reversed, mixture, spurious), before and after dreaming, as grouped bars."""
    outcomes = [name for name in OUTCOME_COLORS if name in before or name in after]
    fig = go.Figure(
        [
            go.Bar(
                x=outcomes,
                y=[counts.get(name, 0) for name in outcomes],
                name=title,
                text=[counts.get(name, 0) for name in outcomes],
                textposition="outside",
                marker_color=color,
                hovertemplate=f"{title}<br>%{{x}}: %{{y}} {y_title}<extra></extra>",
            )
            for counts, title, color in (
                (before, titles[0], "#A8B3C4"),
                (after, titles[1], EMPHASIS_COLOR),
            )
        ]
    )
    top = max([1, *before.values(), *after.values()])
    fig = styled(fig, "Attractor census, before and after", 380, "outcome", y_title, True)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 1.18 * top])
    return fig
