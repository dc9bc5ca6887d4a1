"""The Store patterns page's figures: the weight matrix, pattern correlations, stability, the load gauge."""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import (
    BAD_COLOR,
    EMPHASIS_COLOR,
    GOOD_COLOR,
    check_labels,
    label_ticks,
    rule_color,
    styled,
)

MAX_HEATMAP_SIDE = 400
MAX_NAMED_CELLS = 60  # correlation heatmaps name both patterns in the hover up to this P
GAUGE_SPAN = 10


HEATMAP_TEXT_PX = (
    15  # the correlation numbers, readable on a projector and in a phone's 30 px cells
)


def _block_average(matrix: np.ndarray, max_side: int) -> tuple[np.ndarray, int]:
    """Mean over factor x factor blocks with factor = ceil(N / max_side); the last block may be smaller."""
    n = matrix.shape[0]
    factor = math.ceil(n / max_side)
    if factor == 1:
        return matrix, 1
    starts = np.arange(0, n, factor)
    sums = np.add.reduceat(np.add.reduceat(matrix, starts, axis=0), starts, axis=1)
    sizes = np.diff(np.append(starts, n))
    return sums / np.outer(sizes, sizes), factor


def weight_heatmap(
    weights: np.ndarray, title: str = "Weight matrix W", max_side: int = MAX_HEATMAP_SIDE
) -> go.Figure:
    """Heatmap of an (N, N) weight matrix, diverging colours centred at 0 (red positive, blue negative).

    For N > `max_side` (400 by default) the matrix is shown as means of f x f blocks, f = ceil(N / max_side),
    so the browser receives at most max_side x max_side values; the title and hover say so.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim != 2 or weights.shape[0] != weights.shape[1]:
        raise ValueError(f"weights must be a square (N, N) matrix, got shape {weights.shape}.")
    if isinstance(max_side, bool) or not isinstance(max_side, int) or max_side < 1:
        raise ValueError(f"max_side must be a whole number >= 1, got {max_side!r}.")
    shown, factor = _block_average(weights, max_side)
    positions = np.arange(0, weights.shape[0], factor)
    if factor == 1:
        hover = "w[%{y}, %{x}] = %{z:.4f}<extra></extra>"
    else:
        title = f"{title} (means of {factor}×{factor} blocks)"
        hover = f"neurons %{{y}}…, %{{x}}… ({factor}×{factor} block)<br>mean w = %{{z:.4f}}<extra></extra>"
    fig = go.Figure(
        go.Heatmap(
            z=shown.astype(np.float32),
            x=positions,
            y=positions,
            colorscale="RdBu",
            reversescale=True,
            zmid=0,
            colorbar={"thickness": 12, "title": {"text": "w"}},
            hovertemplate=hover,
        )
    )
    fig = styled(fig, title, 400, "neuron j", "neuron i")
    fig.update_xaxes(constrain="domain")
    fig.update_yaxes(scaleanchor="x", autorange="reversed", constrain="domain")
    return fig


def correlation_heatmap(correlations: np.ndarray, labels: list[str]) -> go.Figure:
    """Heatmap of the (P, P) pattern correlations C = (1/N) X Xᵀ in [-1, 1]; values written (one decimal, the hover
    has three) when P <= 12."""
    correlations = np.asarray(correlations, dtype=np.float64)
    if correlations.ndim != 2 or correlations.shape[0] != correlations.shape[1]:
        raise ValueError(
            f"correlations must be a square (P, P) matrix, got shape {correlations.shape}."
        )
    count = correlations.shape[0]
    check_labels(labels, count, "pattern")
    named = count <= MAX_NAMED_CELLS  # per-cell label pairs are slow to build and send for large P
    pairs = None
    if named:
        pairs = np.empty((count, count, 2), dtype=object)
        pairs[..., 0] = np.array(labels, dtype=object)[:, None]
        pairs[..., 1] = np.array(labels, dtype=object)[None, :]
    hover = "C(%{customdata[0]}, %{customdata[1]})" if named else "C(#%{y}, #%{x})"
    fig = go.Figure(
        go.Heatmap(
            z=correlations,
            x=np.arange(count),
            y=np.arange(count),
            customdata=pairs,
            colorscale="RdBu",
            reversescale=True,
            zmin=-1,
            zmax=1,
            zmid=0,
            text=[
                [f"{round(value, 1) + 0.0:.1f}" for value in row] for row in correlations.tolist()
            ],
            texttemplate="%{text}"
            if count <= 12
            else None,  # one decimal (no "-0.0"): fits a phone's cells
            textfont={"size": HEATMAP_TEXT_PX},
            colorbar={"thickness": 12, "title": {"text": "C"}},
            hovertemplate=hover + " = %{z:.3f}<extra></extra>",
        )
    )
    fig = styled(
        fig, "Pattern correlations (1/N) ξ<sup>μ</sup>·ξ<sup>ν</sup>", 400, "pattern ν", "pattern μ"
    )
    fig.update_xaxes(**label_ticks(labels), constrain="domain")
    fig.update_yaxes(
        **label_ticks(labels), scaleanchor="x", autorange="reversed", constrain="domain"
    )
    return fig


def stability_bars(flipped_bits: np.ndarray, labels: list[str], n: int) -> go.Figure:
    """Bars of the bits of each stored pattern that flip in one update: green when 0 (a fixed point), red otherwise."""
    flipped_bits = np.asarray(flipped_bits)
    check_labels(labels, flipped_bits.size, "stored pattern")
    fig = go.Figure(
        go.Bar(
            x=np.arange(flipped_bits.size),
            y=flipped_bits,
            marker_color=[GOOD_COLOR if bits == 0 else BAD_COLOR for bits in flipped_bits],
            text=flipped_bits,
            textposition="outside",
            customdata=labels,
            hovertemplate=f"pattern %{{customdata}}: %{{y}} of {n} bits flip<extra></extra>",
        )
    )
    fig = styled(
        fig,
        f"Stability: bits that flip in one update (N = {n})",
        320,
        "stored pattern",
        "bits that flip",
    )
    fig.update_xaxes(**label_ticks(labels))
    fig.update_yaxes(range=[0, 1.2 * max(1, int(flipped_bits.max(initial=0)))])
    return fig


def load_gauge(load: float, capacity: float, memorised: int, rule_title: str) -> go.Figure:
    """Gauge of the number of stored patterns P against the rule's theoretical capacity P_max.

    Bands: green below 0.7·P_max, amber up to P_max, red above; the axis runs to max(1.5·P_max, P),
    but at most `GAUGE_SPAN`·P, so an exponential (or infinite) P_max shows as "far below capacity".
    """
    axis_end = min(max(1.5 * capacity, memorised), GAUGE_SPAN * max(memorised, 1))
    amber_from, red_from = min(0.7 * capacity, axis_end), min(capacity, axis_end)
    capacity_text = f"{capacity:.3g}" if math.isfinite(capacity) else "∞"
    gauge = {
        "axis": {"range": [0, axis_end]},
        "bar": {"color": EMPHASIS_COLOR, "thickness": 0.35},
        "steps": [
            {"range": [0, amber_from], "color": "#CDEBD8"},
            {"range": [amber_from, red_from], "color": "#FBE3B0"},
            {"range": [red_from, axis_end], "color": "#F6C9C9"},
        ],
    }
    if capacity <= axis_end:
        gauge["threshold"] = {
            "line": {"color": BAD_COLOR, "width": 3},
            "thickness": 0.9,
            "value": capacity,
        }
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=memorised,
            number={"suffix": f" of ≈{capacity_text}", "font": {"size": 28}},
            title={"text": f"{rule_title}: load P / P_max = {load:.0%}", "font": {"size": 15}},
            gauge=gauge,
        )
    )
    fig.update_layout(height=260, margin={"l": 30, "r": 30, "t": 60, "b": 10})
    return fig


def damage_figure(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    titles: dict[str, str],
    x_title: str,
    clipped: bool = False,
    height: int = 360,
) -> go.Figure:
    """Recall success against damage, one line per rule in its colour: rule -> (levels as fractions, success in
    [0, 1]), both drawn in %; dashed when the weights are clipped to their signs."""
    traces = [
        go.Scatter(
            x=100 * np.asarray(levels),
            y=100 * np.asarray(success),
            mode="lines+markers",
            name=titles[rule],
            line={"color": rule_color(rule), "dash": "dash" if clipped else "solid"},
            hovertemplate=f"{titles[rule]}<br>%{{x:.0f}} %: %{{y:.0f}} % recalled<extra></extra>",
        )
        for rule, (levels, success) in curves.items()
    ]
    fig = go.Figure(traces)
    fig.update_yaxes(range=[-3, 103])
    title = "Recall as the network is damaged" + (", weights clipped to ±1" if clipped else "")
    return styled(
        fig, title, height, f"{x_title} (%)", "patterns recalled exactly (%)", legend_at_bottom=True
    )
