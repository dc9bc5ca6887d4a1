"""The Sequences page's figures: overlaps with every pattern along a replay (the diagonal band) and the length
capacity of each sequence rule against N with the theory lines."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import check_labels, label_ticks, rule_color, styled, theory_line

SEQUENCE_COLORS = {
    "linear": rule_color("hebbian"),
    "dense-poly": rule_color("dense-poly"),
    "dense-exp": rule_color("dense-exp"),
}
CRITERION_DASH = {"transition": "dot", "cycle": "dash"}


def overlap_band(overlaps: np.ndarray, labels: list[str], height: int = 320) -> go.Figure:
    """Overlaps m_μ(t) = (1/N) ξ^μ·s(t) (T, P) as a heatmap, time across and pattern down: a replay in order
    is a diagonal band of m = 1 that wraps round at the end of the cycle."""
    overlaps = np.asarray(overlaps, dtype=np.float64)
    if overlaps.ndim != 2:
        raise ValueError(f"overlaps must have shape (T, P), got {overlaps.shape}.")
    check_labels(labels, overlaps.shape[1], "stored pattern")
    fig = go.Figure(
        go.Heatmap(
            z=overlaps.T,
            x=np.arange(overlaps.shape[0]),
            y=np.arange(overlaps.shape[1]),
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            reversescale=True,
            colorbar={"title": "m", "thickness": 12},
            customdata=np.array(labels, dtype=object)[:, None].repeat(overlaps.shape[0], axis=1),
            hovertemplate="step %{x}, pattern %{customdata}: m = %{z:.2f}<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed", **label_ticks(labels))
    return styled(fig, "Overlap with every stored pattern", height, "step", "pattern")


def length_capacity_figure(
    measured: dict[str, tuple[np.ndarray, np.ndarray]],
    theory: dict[str, dict[str, np.ndarray]],
    titles: dict[str, str],
    criteria: dict[str, str],
    height: int = 560,
) -> go.Figure:
    """Longest cycle replayed perfectly against N, log scale: rule -> (n_values, longest) as markers and
    lines, and rule -> criterion -> the paper's theory at the same N (dotted: one transition, dashed: the whole
    cycle), each line labelled with its criterion."""
    traces = []
    for rule, (n_values, longest) in measured.items():
        color = SEQUENCE_COLORS.get(rule, rule_color(rule))
        traces.append(
            go.Scatter(
                x=n_values,
                y=longest,
                mode="lines+markers",
                name=f"{titles[rule]}: measured",
                line={"color": color, "width": 2.5},
                marker={"size": 8},
                hovertemplate=f"{titles[rule]}<br>N = %{{x}}: %{{y}} patterns<extra></extra>",
            )
        )
        for criterion, values in theory.get(rule, {}).items():
            traces.append(
                theory_line(
                    n_values,
                    values,
                    f"{titles[rule]}: theory, {criteria[criterion]}",
                    color,
                    f"{titles[rule]}, {criteria[criterion]}<br>N = %{{x}}: %{{y:.3g}}<extra></extra>",
                    CRITERION_DASH.get(criterion, "dashdot"),
                )
            )
    fig = go.Figure(traces)
    fig.update_xaxes(type="log", dtick="D2")
    fig.update_yaxes(type="log", dtick=1, tickformat="~g")
    fig = styled(
        fig,
        "Longest cycle replayed perfectly",
        height,
        "neurons N",
        "cycle length P",
        legend_at_bottom=True,
    )
    fig.update_layout(legend={"y": -0.18})
    return fig
