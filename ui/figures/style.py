"""The look every figure shares: the white template, compact margins, horizontal legends at the bottom, one
colour per learning rule (`rule_color`) and per recall outcome (`OUTCOME_COLORS`).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.colors
import plotly.graph_objects as go
import plotly.io as pio

import hopfield

RULE_COLORS: dict[str, str] = {
    "hebbian": "#4C78A8",
    "storkey": "#F58518",
    "pseudoinverse": "#54A24B",
    "dense-poly": "#B279A2",
    "dense-exp": "#E45756",
    "modern": "#2A9D8F",
    "dense-rectified": "#9D755D",
    "palimpsest": "#FF9DA6",
    "unlearning": "#D4A017",
}
OUTCOME_COLORS: dict[str, str] = {
    "target": "#1B7F4B",
    "stored": "#2E9E5B",
    "reversed": "#E69F00",
    "mixture": "#8E6BBF",
    "spurious": "#8A8F98",
}
GOOD_COLOR = "#2E9E5B"
BAD_COLOR = "#D64545"
NEUTRAL_COLOR = "#8A8F98"
EMPHASIS_COLOR = "#253040"
SERIES_COLORS: list[str] = plotly.colors.qualitative.Plotly
# colours for rules registered beyond RULE_COLORS, in registry order: none of them a rule's or a grey
SPARE_RULE_COLORS: tuple[str, ...] = tuple(
    color
    for color in plotly.colors.qualitative.Dark24
    if color.upper() not in {*RULE_COLORS.values(), NEUTRAL_COLOR}
)
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
# One default template, set once: passing template= to every figure makes plotly copy and validate it each time.
pio.templates.default = "plotly_white"


def rule_color(name: str) -> str:
    """The fixed colour of a learning rule: its `RULE_COLORS` entry, else a spare colour of its own, the k-th for
    the k-th registered rule without one (`hopfield.RULES` order); grey for a name no rule has."""
    if name in RULE_COLORS:
        return RULE_COLORS[name]
    newer = [rule for rule in hopfield.RULES if rule not in RULE_COLORS]
    if name not in newer:
        return NEUTRAL_COLOR
    return SPARE_RULE_COLORS[newer.index(name) % len(SPARE_RULE_COLORS)]


def styled(
    fig: go.Figure,
    title: str,
    height: int,
    x_title: str,
    y_title: str,
    legend_at_bottom: bool = False,
) -> go.Figure:
    """Apply the shared look: compact margins, titles, optional bottom legend (the white template is the default)."""
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 15}},
        height=height,
        margin=MARGIN,
        xaxis_title=x_title,
        yaxis_title=y_title,
        showlegend=legend_at_bottom,
    )
    if legend_at_bottom:
        fig.update_layout(
            legend={"orientation": "h", "yanchor": "top", "y": -0.3, "xanchor": "left", "x": 0}
        )
    return fig


PLOTLY_FONT = 12  # plotly's default font size, for every text a figure does not size itself


def projected(fig: go.Figure, scale: float) -> go.Figure:
    """A copy of `fig` with every font `scale` times larger (the projector setting): the layout's, the title's, the
    axes' ticks and titles, the legend's and every annotation's (Streamlit's chart theme sizes the axes' own)."""
    bigger = go.Figure(fig)
    size = round(PLOTLY_FONT * scale)
    title = bigger.layout.title.font.size or PLOTLY_FONT
    bigger.update_layout(
        font_size=size, title_font_size=round(title * scale), legend_font_size=size
    )
    bigger.update_xaxes(tickfont_size=size, title_font_size=size)
    bigger.update_yaxes(tickfont_size=size, title_font_size=size)
    bigger.for_each_annotation(
        lambda note: note.update(font_size=round((note.font.size or PLOTLY_FONT) * scale))
    )
    return bigger


def series_color(index: int) -> str:
    """The colour of the index-th line of a multi-line plot (cycles through 10 colours)."""
    return SERIES_COLORS[index % len(SERIES_COLORS)]


def success_lines(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    titles: dict[str, str],
    point: str,
    marker_size: int | None = None,
) -> list[go.Scatter]:
    """One line of recall success per rule in the rule's colour; `curves[rule]` is (x, success), `point` names an x
    in the hover text ("P = %{x}"), `marker_size` sizes the markers (None: plotly's)."""
    return [
        go.Scatter(
            x=np.asarray(x),
            y=np.asarray(success),
            mode="lines+markers",
            name=titles.get(rule, rule),
            line={"color": rule_color(rule)},
            marker=None if marker_size is None else {"size": marker_size},
            hovertemplate=f"{titles.get(rule, rule)}<br>{point}: success %{{y:.0%}}<extra></extra>",
        )
        for rule, (x, success) in curves.items()
    ]


def theory_line(
    x: np.ndarray,
    y: np.ndarray,
    name: str,
    color: str,
    hover: str,
    dash: str = "dash",
    showlegend: bool | None = None,
) -> go.Scatter:
    """A theory curve beside measured ones: a thin (1.5 px) `dash`-ed line in `color`, no markers;
    `showlegend` None leaves plotly's default."""
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        name=name,
        line={"color": color, "dash": dash, "width": 1.5},
        showlegend=showlegend,
        hovertemplate=hover,
    )


def label_ticks(labels: list[str], max_ticks: int = 30) -> dict:
    """Axis settings that place labels at integer positions 0..P-1 (at most `max_ticks` shown).

    Positions instead of categories keep repeated labels (e.g. "spurious") apart.
    """
    step = max(1, math.ceil(len(labels) / max_ticks))
    positions = list(range(0, len(labels), step))
    return {"tickmode": "array", "tickvals": positions, "ticktext": [labels[i] for i in positions]}


def check_labels(labels: list[str], count: int, what: str) -> None:
    """Raise ValueError unless there is one label per item."""
    if len(labels) != count:
        raise ValueError(
            f"labels must have one entry per {what}: got {len(labels)} labels for {count}."
        )
