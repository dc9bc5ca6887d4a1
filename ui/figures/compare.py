"""The Compare learning rules page's figures: capacity, basins, timing per rule, and the phase diagram (the
capacity figure is drawn on Learning over time too)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import (
    BAD_COLOR,
    EMPHASIS_COLOR,
    NEUTRAL_COLOR,
    rule_color,
    styled,
    success_lines,
    theory_line,
)


def capacity_figure(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    capacities: dict[str, float],
    titles: dict[str, str],
    n: int,
) -> go.Figure:
    """Recall success vs number of stored patterns P per rule, with a dashed line at each rule's theoretical P_max.

    `curves[rule]` is (p_values, success fraction); a theory line is drawn only inside the x range.
    """
    fig = go.Figure(success_lines(curves, titles, "P = %{x}"))
    p_all = [float(p) for p_values, _ in curves.values() for p in np.asarray(p_values)]
    drawn: set[float] = set()
    for rule in curves:
        capacity = capacities.get(rule)
        if (
            capacity is not None
            and p_all
            and min(p_all) <= capacity <= max(p_all)
            and capacity not in drawn
        ):
            # one line per value, in the colour of the first rule with it (dreaming's theory is Hebb's 0.138 N)
            fig.add_vline(
                x=capacity, line={"color": rule_color(rule), "dash": "dash", "width": 1.5}
            )
            drawn.add(capacity)
    fig = styled(
        fig, f"Capacity (N = {n}); dashed: theory", 380, "patterns stored P", "recall success", True
    )
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def basin_figure(
    curves: dict[str, tuple[np.ndarray, np.ndarray]], titles: dict[str, str]
) -> go.Figure:
    """Recall success vs fraction of probe bits flipped, one line per rule; `curves[rule]` is (noise, success)."""
    fig = go.Figure(success_lines(curves, titles, "%{x:.0%} flipped"))
    fig = styled(
        fig, "Basins of attraction", 380, "fraction of bits flipped", "recall success", True
    )
    fig.update_xaxes(tickformat=".0%")
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


TIMING_PHASES = {"train": EMPHASIS_COLOR, "recall": NEUTRAL_COLOR}  # the two bars of each rule


def timing_figure(
    train_ms: dict[str, float], recall_ms: dict[str, float], titles: dict[str, str]
) -> go.Figure:
    """Horizontal grouped bars of training and recall time, one row per rule (first rule on top), log scale.

    Rows and a two-entry legend: on a phone the chart keeps its height and its axis titles (a legend of every
    rule wrapped into a scroll box that covered the axis and squeezed the plot)."""
    rules = list(dict.fromkeys([*train_ms, *recall_ms]))
    names = [titles.get(rule, rule) for rule in rules]
    fig = go.Figure(
        [
            go.Bar(
                y=names,
                x=[times.get(rule) for rule in rules],
                name=phase,
                orientation="h",
                marker_color=color,
                hovertemplate=f"%{{y}}<br>{phase}: %{{x:.3g}} ms<extra></extra>",
            )
            for phase, times, color in (
                ("train", train_ms, TIMING_PHASES["train"]),
                ("recall", recall_ms, TIMING_PHASES["recall"]),
            )
        ]
    )
    fig = styled(
        fig,
        "Time to train and to recall",
        110 + 42 * len(rules),
        "milliseconds (log scale)",
        "",
        True,
    )
    fig.update_layout(
        barmode="group", legend={"y": 1.0, "yanchor": "bottom", "x": 1.0, "xanchor": "right"}
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    # one labelled tick per decade (0.1, 1, 10 ms): plotly's default labels 2..9 in between overlap when short
    fig.update_xaxes(type="log", dtick=1, tickformat="~g", minor={"showgrid": True, "dtick": "D1"})
    return fig


def phase_figure(
    temperatures: np.ndarray,
    loads: np.ndarray,
    overlap: np.ndarray,
    boundary_t: np.ndarray,
    boundary_alpha: np.ndarray,
    n: int,
    alpha_c: float = 0.138,
) -> go.Figure:
    """Heatmap of the mean final overlap over (α, T) with the theory: the AGS retrieval boundary α_M(T), T_c = 1
    at α → 0 and α_c at T = 0 (markers)."""
    overlap = np.asarray(overlap, dtype=np.float64)
    if overlap.shape != (len(temperatures), len(loads)):
        raise ValueError(f"overlap must have shape (temperatures, loads), got {overlap.shape}.")
    fig = go.Figure(
        go.Heatmap(
            x=np.asarray(loads),
            y=np.asarray(temperatures),
            z=overlap,
            zmin=0,
            zmax=1,
            colorscale="Viridis",
            colorbar={"title": {"text": "overlap m"}, "thickness": 12},
            hovertemplate="α = %{x:.3f}, T = %{y:.2f}<br>mean overlap %{z:.2f}<extra></extra>",
        )
    )
    # a white line over a dark one: visible on the bright retrieval region, the dark one and the white margin
    for color, width, legend in ((EMPHASIS_COLOR, 5, True), ("white", 2.5, False)):
        fig.add_trace(
            go.Scatter(
                x=np.asarray(boundary_alpha),
                y=np.asarray(boundary_t),
                mode="lines",
                name="AGS boundary α_M(T)",
                showlegend=legend,
                line={"color": color, "width": width},
                hovertemplate="AGS: α_M = %{x:.3f} at T = %{y:.2f}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[0, alpha_c],
            y=[1, 0],
            mode="markers",
            name="T_c = 1 and α_c ≈ 0.138",
            marker={"color": BAD_COLOR, "size": 11, "line": {"color": "white", "width": 1.5}},
            hoverinfo="skip",
        )
    )
    for x, y, text, shift in (
        (0, 1, "T_c = 1", (34, 0)),
        (alpha_c, 0, f"α_c ≈ {alpha_c:g}", (0, 22)),
    ):
        fig.add_annotation(
            x=x,
            y=y,
            text=text,
            showarrow=False,
            xshift=shift[0],
            yshift=shift[1],
            font={"color": EMPHASIS_COLOR, "size": 12},
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig = styled(
        fig, f"Phase diagram, N = {n}: final overlap", 440, "load α = P/N", "temperature T", True
    )
    fig.update_xaxes(range=[min(0.0, float(np.min(loads))) - 0.005, float(np.max(loads)) + 0.005])
    fig.update_yaxes(range=[float(np.min(temperatures)) - 0.05, float(np.max(temperatures)) + 0.05])
    return fig


def scaling_figure(
    measured: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    theory: dict[str, tuple[np.ndarray, np.ndarray]],
    titles: dict[str, str],
) -> go.Figure:
    """Measured capacity against N per rule on log axes, with each rule's theory line dashed in its colour.

    measured[rule] = (n_values, capacity, capped): a capped point (the search reached its largest P) is an open
    marker, a lower bound; theory[rule] = (n_values, P_max), nan where the rule has no closed form (no line).
    """
    fig = go.Figure()
    for rule, (n_values, capacity, capped) in measured.items():
        capped = np.asarray(capped, bool)
        fig.add_trace(
            go.Scatter(
                x=np.asarray(n_values),
                y=np.maximum(np.asarray(capacity, np.float64), 0.5),
                mode="lines+markers",
                name=titles[rule],
                line={"color": rule_color(rule)},
                marker={"symbol": ["circle-open" if c else "circle" for c in capped], "size": 8},
                hovertemplate=titles[rule] + ": N = %{x}, P = %{y}<extra></extra>",
            )
        )
        lines_n, line_p = (np.asarray(a, np.float64) for a in theory.get(rule, ((), ())))
        if line_p.size and np.isfinite(line_p).any():
            fig.add_trace(
                theory_line(
                    lines_n,
                    line_p,
                    f"{titles[rule]} (theory)",
                    rule_color(rule),
                    titles[rule] + " theory: %{y:.3g}<extra></extra>",
                    showlegend=False,
                )
            )
    fig = styled(
        fig,
        "Capacity against N; dashed: theory, open: at least (the search's cap)",
        420,
        "neurons N (log)",
        "patterns held P (log)",
        True,
    )
    fig.update_xaxes(type="log")
    fig.update_yaxes(type="log")
    return fig
