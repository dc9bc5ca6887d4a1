"""The Continuous memories page's figures: attention over memories, the β sweep with its regimes shaded, and
a retrieved label distribution."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from hopfield.analysis.continuous import REGIME_TITLES
from ui.figures.style import EMPHASIS_COLOR, NEUTRAL_COLOR, series_color, styled

REGIME_COLORS: dict[str, str] = {"global": "#D8E2EF", "metastable": "#F6E3C5", "single": "#D5ECDD"}
ATTENTION_COLOR = "#2A9D8F"


def attention_bars(
    weights: np.ndarray, labels: Sequence[str], highlight: int | None = None
) -> go.Figure:
    """The attention weight of every memory (P,) as bars, memory index on x; `highlight` (the target) in dark."""
    weights = np.asarray(weights, np.float64).ravel()
    if len(labels) != weights.size:
        raise ValueError(
            f"labels must have one entry per memory: got {len(labels)} labels for {weights.size}."
        )
    colors = [EMPHASIS_COLOR if k == highlight else ATTENTION_COLOR for k in range(weights.size)]
    fig = go.Figure(
        go.Bar(
            x=np.arange(weights.size),
            y=weights,
            marker_color=colors,
            customdata=list(labels),
            hovertemplate="%{customdata}: %{y:.3f}<extra></extra>",
        )
    )
    zeros = np.flatnonzero(weights == 0)
    if (
        zeros.size
    ):  # sparse attention: exactly zero weights drawn as grey rings on the axis, so they show
        fig.add_trace(
            go.Scatter(
                x=zeros,
                y=np.zeros(zeros.size),
                mode="markers",
                name="exactly 0",
                marker={
                    "symbol": "circle-open",
                    "size": 6,
                    "color": NEUTRAL_COLOR,
                    "line": {"width": 1.5},
                },
                customdata=[labels[k] for k in zeros],
                hovertemplate="%{customdata}: 0<extra></extra>",
            )
        )
    fig.update_layout(bargap=0.1 if weights.size < 100 else 0)
    fig.update_yaxes(
        range=[-0.02 if zeros.size else 0, min(1.0, 1.1 * float(weights.max(initial=0.0))) or 1.0]
    )
    title = f"Attention over the {weights.size} memories" + (
        f" ({zeros.size} exactly 0)" if zeros.size else ""
    )
    return styled(fig, title, 260, "memory", "weight")


def beta_sweep_figure(
    betas: np.ndarray,
    quality: np.ndarray,
    effective: np.ndarray,
    bands: Sequence[tuple[str, float, float]],
    beta: float | None = None,
    memories: int | None = None,
) -> go.Figure:
    """Correlation with the target and effective number of memories against β (log axis), regimes shaded.

    bands: (regime, first β, last β) runs; each is shaded from half-way to its neighbours (in log β).
    memories: P, the top of the right-hand (log) axis of the effective number of memories.
    """
    betas, quality, effective = (
        np.asarray(a, np.float64).ravel() for a in (betas, quality, effective)
    )
    if not (betas.size == quality.size == effective.size) or betas.size == 0:
        raise ValueError("betas, quality and effective must have the same length, at least 1.")
    if (betas <= 0).any():
        raise ValueError("betas must be > 0 for a log axis.")
    fig = go.Figure()
    logs = np.log10(betas)
    edges = (
        [logs[0]]
        + [float((a + b) / 2) for a, b in zip(logs[:-1], logs[1:], strict=True)]
        + [logs[-1]]
    )
    position = {float(b): k for k, b in enumerate(betas)}
    for regime, first, last in bands:
        start, end = position[float(first)], position[float(last)]
        fig.add_vrect(
            x0=10 ** edges[start],
            x1=10 ** edges[end + 1],
            fillcolor=REGIME_COLORS[regime],
            opacity=0.8,
            layer="below",
            line_width=0,
        )
        fig.add_annotation(
            x=(edges[start] + edges[end + 1]) / 2,
            xref="x",
            y=1.0,
            yref="paper",
            yanchor="top",
            text=REGIME_TITLES[regime],
            showarrow=False,
            font={"size": 11, "color": "#4A5060"},
        )
    fig.add_trace(
        go.Scatter(
            x=betas,
            y=quality,
            name="correlation with the target",
            mode="lines+markers",
            line={"color": EMPHASIS_COLOR},
            marker={"size": 4},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=betas,
            y=effective,
            name="memories in the state (1/Σw²)",
            mode="lines",
            line={"color": ATTENTION_COLOR, "dash": "dot"},
            yaxis="y2",
        )
    )
    if beta is not None:
        fig.add_vline(x=float(beta), line={"color": NEUTRAL_COLOR, "dash": "dash"})
    top = float(np.log10(max(memories or effective.max(), 2))) + 0.05
    ticks = [10**k for k in range(int(np.floor(top)) + 1)]
    fig.update_layout(
        xaxis={"type": "log", "range": [logs[0], logs[-1]]},
        yaxis={"range": [-1.05, 1.35]},
        yaxis2={
            "type": "log",
            "overlaying": "y",
            "side": "right",
            "title": "memories",
            "showgrid": False,
            "range": [-0.05, top * 1.17],
            "tickvals": ticks,
            "ticktext": [str(t) for t in ticks],
        },
    )
    return styled(
        fig,
        "β sweep: what the probe ends in",
        340,
        "β (log scale)",
        "correlation",
        legend_at_bottom=True,
    )


def label_bars(shares: Mapping[str, float], truth: str | None = None) -> go.Figure:
    """A retrieved value over labels (label -> weight) as bars, in the given order; the true label in dark."""
    names = [str(name) for name in shares]
    values = [float(shares[name]) for name in shares]
    colors = [EMPHASIS_COLOR if name == truth else ATTENTION_COLOR for name in names]
    fig = go.Figure(
        go.Bar(
            x=names, y=values, marker_color=colors, hovertemplate="%{x}: %{y:.3f}<extra></extra>"
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 1.02])
    return styled(fig, "Keys → values: the label retrieved", 260, "label", "weight")


def roc_figure(curves: Mapping[str, tuple[Sequence[float], Sequence[float]]]) -> go.Figure:
    """ROC curves, name -> (false-positive rates, true-positive rates), each from (0, 0) to (1, 1), over the
    dashed diagonal of a score that cannot tell the groups apart."""
    fig = go.Figure(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name="chance",
            line={"color": NEUTRAL_COLOR, "dash": "dash"},
        )
    )
    for k, (name, (false_positive, true_positive)) in enumerate(curves.items()):
        if len(false_positive) != len(true_positive) or len(false_positive) < 2:
            raise ValueError(
                f"the curve {name!r} needs as many false- as true-positive rates, at least 2."
            )
        fig.add_trace(
            go.Scatter(
                x=list(false_positive),
                y=list(true_positive),
                mode="lines",
                name=name,
                line={"color": series_color(k // 2), "dash": "solid" if k % 2 == 0 else "dot"},
            )
        )
    fig.update_xaxes(range=[-0.01, 1.01], constrain="domain")
    fig.update_yaxes(range=[-0.01, 1.01], scaleanchor="x", scaleratio=1, constrain="domain")
    return styled(
        fig,
        "Familiarity: stored against unseen",
        420,
        "false-positive rate (unseen called stored)",
        "true-positive rate",
        legend_at_bottom=True,
    )


def attention_sweeps_figure(
    betas: np.ndarray,
    effective: Mapping[str, np.ndarray],
    first_single: Mapping[str, float | None],
    beta: float | None = None,
) -> go.Figure:
    """The effective number of memories 1/Σw² of a probe's end state against β (log axes), one line per attention
    (name -> (K,)), each with a dotted mark where it first ends in a single memory (name -> β or None)."""
    betas = np.asarray(betas, np.float64).ravel()
    fig = go.Figure()
    for k, (name, values) in enumerate(effective.items()):
        values = np.asarray(values, np.float64).ravel()
        if values.size != betas.size:
            raise ValueError(
                f"effective[{name!r}] must have one value per β ({betas.size}), got {values.size}."
            )
        fig.add_trace(
            go.Scatter(
                x=betas,
                y=values,
                mode="lines+markers",
                name=name,
                marker={"size": 4},
                line={"color": series_color(k)},
            )
        )
        if first_single.get(name) is not None:
            fig.add_vline(
                x=float(first_single[name]),
                line={"color": series_color(k), "dash": "dot", "width": 1},
            )
    if beta is not None:
        fig.add_vline(x=float(beta), line={"color": NEUTRAL_COLOR, "dash": "dash"})
    fig.add_hline(
        y=1.5,
        line={"color": NEUTRAL_COLOR, "width": 1},
        annotation_text="single memory below",
        annotation_position="bottom right",
    )
    fig.update_layout(xaxis={"type": "log"}, yaxis={"type": "log"})
    return styled(
        fig,
        "Each attention: memories in the end state",
        320,
        "β (log scale)",
        "1/Σw² (log)",
        legend_at_bottom=True,
    )
