"""Plotly builders for learning over time and the phase diagram (reachable as `ui.figures.<name>`).

Plain functions of numpy arrays, lists and dicts, in the shared look of `ui.figures`.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures import BAD_COLOR, EMPHASIS_COLOR, OUTCOME_COLORS, _rule_color, _series_color, _styled

__all__ = ["age_figure", "strength_basin_figure", "phase_figure", "census_pair"]


def age_figure(curves: dict[str, tuple[np.ndarray, np.ndarray]], titles: dict[str, str], n: int, p: int,
               shown: int = 30) -> go.Figure:
    """Recall success against a pattern's age (0: the newest), one line per rule; `curves[rule]` is (ages, success).
    The x axis opens on the newest `shown` ages (the data holds every age: zoom out to see them)."""
    fig = go.Figure([
        go.Scatter(x=np.asarray(ages), y=np.asarray(success), mode="lines+markers", name=titles.get(rule, rule),
                   line={"color": _rule_color(rule)}, marker={"size": 4},
                   hovertemplate=f"{titles.get(rule, rule)}<br>age %{{x}}: success %{{y:.0%}}<extra></extra>")
        for rule, (ages, success) in curves.items()
    ])
    title = f"Newest {shown} of {p} patterns" if p > shown else f"{p} patterns"
    fig = _styled(fig, f"{title} by age, N = {n}", 360, "age: patterns stored after it", "recall success", True)
    fig.update_xaxes(range=[-0.5, min(p - 1, shown) + 0.5])
    fig.update_yaxes(range=[-0.02, 1.05], tickformat=".0%")
    return fig


def strength_basin_figure(noise_levels: np.ndarray, success: np.ndarray, strengths: np.ndarray,
                          label: str) -> go.Figure:
    """Basin curves of one pattern (`label`) at several strengths: success (S, L) against the fraction flipped."""
    success = np.asarray(success, dtype=np.float64)
    if success.shape != (len(strengths), len(noise_levels)):
        raise ValueError(f"success must have shape (strengths, noise levels), got {success.shape}.")
    fig = go.Figure([
        go.Scatter(x=np.asarray(noise_levels), y=row, mode="lines+markers", name=f"strength {c:g}",
                   line={"color": _series_color(k)},
                   hovertemplate=f"strength {c:g}<br>%{{x:.0%}} flipped: success %{{y:.0%}}<extra></extra>")
        for k, (c, row) in enumerate(zip(np.asarray(strengths).tolist(), success))
    ])
    fig = _styled(fig, f"Basin of {label} at several strengths", 360, "fraction of bits flipped", "recall success",
                  True)
    fig.update_xaxes(tickformat=".0%")
    fig.update_yaxes(range=[-0.02, 1.05], tickformat=".0%")
    return fig


def phase_figure(temperatures: np.ndarray, loads: np.ndarray, overlap: np.ndarray, boundary_t: np.ndarray,
                 boundary_alpha: np.ndarray, n: int, alpha_c: float = 0.138) -> go.Figure:
    """Heatmap of the mean final overlap over (α, T) with the theory: the AGS retrieval boundary α_M(T), T_c = 1
    at α → 0 and α_c at T = 0 (markers)."""
    overlap = np.asarray(overlap, dtype=np.float64)
    if overlap.shape != (len(temperatures), len(loads)):
        raise ValueError(f"overlap must have shape (temperatures, loads), got {overlap.shape}.")
    fig = go.Figure(go.Heatmap(
        x=np.asarray(loads), y=np.asarray(temperatures), z=overlap, zmin=0, zmax=1, colorscale="Viridis",
        colorbar={"title": {"text": "overlap m"}, "thickness": 12},
        hovertemplate="α = %{x:.3f}, T = %{y:.2f}<br>mean overlap %{z:.2f}<extra></extra>",
    ))
    # a white line over a dark one: visible on the bright retrieval region, the dark one and the white margin
    for color, width, legend in ((EMPHASIS_COLOR, 5, True), ("white", 2.5, False)):
        fig.add_trace(go.Scatter(x=np.asarray(boundary_alpha), y=np.asarray(boundary_t), mode="lines",
                                 name="AGS boundary α_M(T)", showlegend=legend, line={"color": color, "width": width},
                                 hovertemplate="AGS: α_M = %{x:.3f} at T = %{y:.2f}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[0, alpha_c], y=[1, 0], mode="markers", name="T_c = 1 and α_c ≈ 0.138",
                             marker={"color": BAD_COLOR, "size": 11, "line": {"color": "white", "width": 1.5}},
                             hoverinfo="skip"))
    for x, y, text, shift in ((0, 1, "T_c = 1", (34, 0)), (alpha_c, 0, f"α_c ≈ {alpha_c:g}", (0, 22))):
        fig.add_annotation(x=x, y=y, text=text, showarrow=False, xshift=shift[0], yshift=shift[1],
                           font={"color": EMPHASIS_COLOR, "size": 12}, bgcolor="rgba(255,255,255,0.85)")
    fig = _styled(fig, f"Phase diagram, N = {n}: final overlap", 440, "load α = P/N",
                  "temperature T", True)
    fig.update_xaxes(range=[min(0.0, float(np.min(loads))) - 0.005, float(np.max(loads)) + 0.005])
    fig.update_yaxes(range=[float(np.min(temperatures)) - 0.05, float(np.max(temperatures)) + 0.05])
    return fig


def census_pair(before: dict[str, int], after: dict[str, int], titles: tuple[str, str] = ("before", "after"),
                y_title: str = "random starts") -> go.Figure:
    """Where random starts end (stored, reversed, mixture, spurious), before and after dreaming, as grouped bars."""
    outcomes = [name for name in OUTCOME_COLORS if name in before or name in after]
    fig = go.Figure([
        go.Bar(x=outcomes, y=[counts.get(name, 0) for name in outcomes], name=title, text=[counts.get(name, 0)
               for name in outcomes], textposition="outside", marker_color=color,
               hovertemplate=f"{title}<br>%{{x}}: %{{y}} {y_title}<extra></extra>")
        for counts, title, color in ((before, titles[0], "#A8B3C4"), (after, titles[1], EMPHASIS_COLOR))
    ])
    top = max([1, *before.values(), *after.values()])
    fig = _styled(fig, "Attractor census, before and after", 380, "outcome", y_title, True)
    fig.update_layout(barmode="group")
    fig.update_yaxes(range=[0, 1.18 * top])
    return fig
