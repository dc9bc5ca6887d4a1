"""Plotly figure builders for the pages: plain functions of numpy arrays, lists and dicts.

No Streamlit and no engine objects here, so every builder can be tested directly. All
figures share one look (`plotly_white`, compact margins, horizontal legends at the bottom)
and one colour per learning rule (`RULE_COLORS`) and per recall outcome (`OUTCOME_COLORS`).
"""

from __future__ import annotations

import importlib
import math

import numpy as np
import plotly.colors
import plotly.graph_objects as go
import plotly.io as pio

__all__ = [
    "MAX_HEATMAP_SIDE",
    "OUTCOME_COLORS",
    "RULE_COLORS",
    "basin_figure",
    "basin_sizes",
    "capacity_figure",
    "census_bars",
    "correlation_heatmap",
    "energy_histogram",
    "energy_plot",
    "landscape_slice_figure",
    "load_gauge",
    "overlap_plot",
    "stability_bars",
    "timing_figure",
    "weight_heatmap",
]

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
MAX_HEATMAP_SIDE = 400
MAX_NAMED_CELLS = 60  # correlation heatmaps name both patterns in the hover up to this P
MAX_SLICE_SIDE = 161  # cells per side of the resampled landscape heatmap
GAUGE_SPAN = 10
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}
# One default template, set once: passing template= to every figure makes plotly copy and validate it each time.
pio.templates.default = "plotly_white"


def _styled(
    fig: go.Figure, title: str, height: int, x_title: str, y_title: str, legend_at_bottom: bool = False
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
        fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.3, "xanchor": "left", "x": 0})
    return fig


def _rule_color(name: str) -> str:
    """The fixed colour of a learning rule (grey for a rule not in `RULE_COLORS`)."""
    return RULE_COLORS.get(name, NEUTRAL_COLOR)


def _series_color(index: int) -> str:
    """The colour of the index-th line of a multi-line plot (cycles through 10 colours)."""
    return SERIES_COLORS[index % len(SERIES_COLORS)]


def _path_color(index: int) -> str:
    """The colour of the index-th recall path on a Viridis landscape (skips the blue that would vanish in it)."""
    return _series_color(index + 1)


def _label_ticks(labels: list[str], max_ticks: int = 30) -> dict:
    """Axis settings that place labels at integer positions 0..P-1 (at most `max_ticks` shown).

    Positions instead of categories keep repeated labels (e.g. "spurious") apart.
    """
    step = max(1, math.ceil(len(labels) / max_ticks))
    positions = list(range(0, len(labels), step))
    return {"tickmode": "array", "tickvals": positions, "ticktext": [labels[i] for i in positions]}


def _check_labels(labels: list[str], count: int, what: str) -> None:
    """Raise ValueError unless there is one label per item."""
    if len(labels) != count:
        raise ValueError(f"labels must have one entry per {what}: got {len(labels)} labels for {count}.")


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


def weight_heatmap(weights: np.ndarray, title: str = "Weight matrix W", max_side: int = MAX_HEATMAP_SIDE) -> go.Figure:
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
    fig = _styled(fig, title, 400, "neuron j", "neuron i")
    fig.update_xaxes(constrain="domain")
    fig.update_yaxes(scaleanchor="x", autorange="reversed", constrain="domain")
    return fig


def correlation_heatmap(correlations: np.ndarray, labels: list[str]) -> go.Figure:
    """Heatmap of the (P, P) pattern correlations C = (1/N) X Xᵀ in [-1, 1]; values written when P <= 12."""
    correlations = np.asarray(correlations, dtype=np.float64)
    if correlations.ndim != 2 or correlations.shape[0] != correlations.shape[1]:
        raise ValueError(f"correlations must be a square (P, P) matrix, got shape {correlations.shape}.")
    count = correlations.shape[0]
    _check_labels(labels, count, "pattern")
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
            texttemplate="%{z:.2f}" if count <= 12 else None,
            colorbar={"thickness": 12, "title": {"text": "C"}},
            hovertemplate=hover + " = %{z:.3f}<extra></extra>",
        )
    )
    fig = _styled(fig, "Pattern correlations (1/N) ξ<sup>μ</sup>·ξ<sup>ν</sup>", 400, "pattern ν", "pattern μ")
    fig.update_xaxes(**_label_ticks(labels), constrain="domain")
    fig.update_yaxes(**_label_ticks(labels), scaleanchor="x", autorange="reversed", constrain="domain")
    return fig


def stability_bars(flipped_bits: np.ndarray, labels: list[str], n: int) -> go.Figure:
    """Bars of the bits of each stored pattern that flip in one update: green when 0 (a fixed point), red otherwise."""
    flipped_bits = np.asarray(flipped_bits)
    _check_labels(labels, flipped_bits.size, "stored pattern")
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
    fig = _styled(fig, f"Stability: bits that flip in one update (N = {n})", 320, "stored pattern", "bits that flip")
    fig.update_xaxes(**_label_ticks(labels))
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
        gauge["threshold"] = {"line": {"color": BAD_COLOR, "width": 3}, "thickness": 0.9, "value": capacity}
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


def energy_plot(energies: np.ndarray, labels: list[str], x_title: str = "step", steps: np.ndarray | None = None,
                height: int = 340) -> go.Figure:
    """Energy E(s) = -½ sᵀWs per `x_title` (what one recorded frame is: step, flip or sweep), one line per probe.

    energies have shape (T, B); `steps` (T,) places the frames on the x axis (default 0, 1, ..., T − 1), so
    a recall shown every few flips still counts flips.
    """
    energies = np.asarray(energies, dtype=np.float64)
    if energies.ndim != 2:
        raise ValueError(f"energies must have shape (T, B), got {energies.shape}.")
    _check_labels(labels, energies.shape[1], "probe")
    steps = _frame_steps(steps, energies.shape[0])
    fig = go.Figure(
        [
            go.Scatter(
                x=steps,
                y=energies[:, probe],
                mode="lines+markers",
                name=label,
                line={"color": _series_color(probe)},
                hovertemplate=f"{label}<br>{x_title} %{{x}}: E = %{{y:.3f}}<extra></extra>",
            )
            for probe, label in enumerate(labels)
        ]
    )
    fig.update_xaxes(dtick=_whole_ticks(steps))
    return _styled(fig, f"Energy per {x_title}", height, x_title, "energy E", legend_at_bottom=len(labels) > 1)


def _whole_ticks(steps: np.ndarray) -> int | None:
    """Tick spacing 1 for a short recall (steps are whole numbers: no tick at 0.5), else plotly's own choice."""
    return 1 if steps.size and steps[-1] <= 10 else None


def _frame_steps(steps: np.ndarray | None, count: int) -> np.ndarray:
    """The x positions of `count` frames: `steps` checked to be (count,), else 0, 1, ..., count − 1."""
    if steps is None:
        return np.arange(count)
    steps = np.asarray(steps)
    if steps.shape != (count,):
        raise ValueError(f"steps must give one x position per frame ({count}), got shape {steps.shape}.")
    return steps


def overlap_plot(
    overlaps: np.ndarray, labels: list[str], target: int | None = None, x_title: str = "step",
    steps: np.ndarray | None = None,
) -> go.Figure:
    """Overlaps m_μ = (1/N) ξ^μ·s of one recall with every stored pattern, shape (T, P); the target drawn thick.

    `steps` (T,) places the frames on the x axis, counted in `x_title`s (default 0, 1, ..., T − 1).
    """
    overlaps = np.asarray(overlaps, dtype=np.float64)
    if overlaps.ndim != 2:
        raise ValueError(f"overlaps must have shape (T, P), got {overlaps.shape}.")
    _check_labels(labels, overlaps.shape[1], "stored pattern")
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
                line={"color": EMPHASIS_COLOR if is_target else _series_color(index), "width": 4 if is_target else 1.5},
                marker={"size": 7 if is_target else 4},
                opacity=1.0 if is_target or target is None else 0.6,
                hovertemplate=f"pattern {label}<br>{x_title} %{{x}}: m = %{{y:.3f}}<extra></extra>",
            )
        )
    fig = _styled(go.Figure(traces), "Overlap with each stored pattern", 360, x_title, "overlap m", True)
    fig.update_xaxes(dtick=_whole_ticks(steps))
    fig.update_yaxes(range=[-1.05, 1.05])
    return fig


def _success_lines(curves: dict[str, tuple[np.ndarray, np.ndarray]], titles: dict[str, str], point: str) -> list:
    """One line of recall success per rule in the rule's colour; `curves[rule]` is (x, success), `point` names an x
    in the hover text ("P = %{x}")."""
    return [
        go.Scatter(x=np.asarray(x), y=np.asarray(success), mode="lines+markers", name=titles.get(rule, rule),
                   line={"color": _rule_color(rule)},
                   hovertemplate=f"{titles.get(rule, rule)}<br>{point}: success %{{y:.0%}}<extra></extra>")
        for rule, (x, success) in curves.items()
    ]


def capacity_figure(
    curves: dict[str, tuple[np.ndarray, np.ndarray]],
    capacities: dict[str, float],
    titles: dict[str, str],
    n: int,
) -> go.Figure:
    """Recall success vs number of stored patterns P per rule, with a dashed line at each rule's theoretical P_max.

    `curves[rule]` is (p_values, success fraction); a theory line is drawn only inside the x range.
    """
    fig = go.Figure(_success_lines(curves, titles, "P = %{x}"))
    p_all = [float(p) for p_values, _ in curves.values() for p in np.asarray(p_values)]
    for rule in curves:
        capacity = capacities.get(rule)
        if capacity is not None and p_all and min(p_all) <= capacity <= max(p_all):
            fig.add_vline(x=capacity, line={"color": _rule_color(rule), "dash": "dash", "width": 1.5})
    fig = _styled(fig, f"Capacity (N = {n}); dashed: theory", 380, "patterns stored P", "recall success", True)
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def basin_figure(curves: dict[str, tuple[np.ndarray, np.ndarray]], titles: dict[str, str]) -> go.Figure:
    """Recall success vs fraction of probe bits flipped, one line per rule; `curves[rule]` is (noise, success)."""
    fig = go.Figure(_success_lines(curves, titles, "%{x:.0%} flipped"))
    fig = _styled(fig, "Basins of attraction", 380, "fraction of bits flipped", "recall success", True)
    fig.update_xaxes(tickformat=".0%")
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def timing_figure(train_ms: dict[str, float], recall_ms: dict[str, float], titles: dict[str, str]) -> go.Figure:
    """Grouped bars of training and recall time per rule (one trace per rule, in its colour), log scale."""
    rules = list(dict.fromkeys([*train_ms, *recall_ms]))
    fig = go.Figure(
        [
            go.Bar(
                x=["train", "recall"],
                y=[train_ms.get(rule), recall_ms.get(rule)],
                name=titles.get(rule, rule),
                marker_color=_rule_color(rule),
                hovertemplate=f"{titles.get(rule, rule)}<br>%{{x}}: %{{y:.3g}} ms<extra></extra>",
            )
            for rule in rules
        ]
    )
    fig = _styled(fig, "Time to train and to recall", 340, "phase", "milliseconds", True)
    fig.update_layout(barmode="group")
    # one labelled tick per decade (0.1, 1, 10 ms): plotly's default labels 2..9 in between overlap when short
    fig.update_yaxes(type="log", dtick=1, tickformat="~g", minor={"showgrid": True, "dtick": "D1"})
    return fig


def energy_histogram(energies: np.ndarray, attractor_energies: np.ndarray) -> go.Figure:
    """Histogram of the energies of all 2^N states, with a dashed line at each distinct attractor energy.

    The counts are binned here (at most 60 bins), so the browser gets 60 bars, not 2^N values.
    """
    energies = np.asarray(energies, dtype=np.float64).ravel()
    counts, edges = np.histogram(energies, bins=min(60, np.unique(energies).size))
    fig = go.Figure(
        go.Bar(
            x=(edges[:-1] + edges[1:]) / 2,
            y=counts,
            width=np.diff(edges),
            marker_color="#7A8CA5",
            hovertemplate="E ≈ %{x:.3f}: %{y} states<extra></extra>",
        )
    )
    for level in np.unique(np.round(np.asarray(attractor_energies, dtype=np.float64), 9)):
        fig.add_vline(x=level, line={"color": BAD_COLOR, "dash": "dash", "width": 1.5})
    title = f"Energy of all {energies.size:,} states; dashed: attractors"
    return _styled(fig, title, 340, "energy E", "number of states")


def basin_sizes(sizes: np.ndarray, labels: list[str]) -> go.Figure:
    """Bars of each attractor's basin size (fraction of all states), coloured by the label's first word.

    Labels read like "stored 0", "reversed 2", "mixture", "spurious".
    """
    sizes = np.asarray(sizes, dtype=np.float64)
    _check_labels(labels, sizes.size, "attractor")
    colors = [OUTCOME_COLORS.get(label.split(" ")[0], NEUTRAL_COLOR) for label in labels]
    fig = go.Figure(
        go.Bar(
            x=np.arange(sizes.size),
            y=sizes,
            marker_color=colors,
            text=[f"{size:.1%}" for size in sizes],
            textposition="outside",
            customdata=labels,
            hovertemplate="%{customdata}: %{y:.2%} of all states<extra></extra>",
        )
    )
    fig = _styled(fig, "Basin size of each attractor", 340, "attractor", "fraction of all states")
    # long labels ("mixture of 0, −1, 2") slanted so they stay apart on a phone; upright when there are many
    fig.update_xaxes(**_label_ticks(labels), tickangle=-45 if len(labels) <= 12 else -90)
    fig.update_yaxes(tickformat=".0%", range=[0, 1.15 * max(sizes.max(initial=0), 0.01)])
    return fig


def _nearest_index(values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """For each query, the index into `values` (any order) of the nearest value."""
    order = np.argsort(values)
    ordered = values[order]
    right = np.clip(np.searchsorted(ordered, queries), 0, len(ordered) - 1)
    left = np.clip(right - 1, 0, None)
    closer_left = np.abs(queries - ordered[left]) <= np.abs(ordered[right] - queries)
    return order[np.where(closer_left, left, right)]


def _nearest_on_slice(
    m_a: np.ndarray, m_b: np.ndarray, points: np.ndarray, tolerance: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """Flat index of the grid sample nearest each (m_a, m_b) point, and whether the point is in the sampled region.

    On a slice grid u = m_a + m_b varies along axis 0 only and v = m_a − m_b along axis 1 only,
    so the grid is rectilinear in (u, v), a 45° turn of (m_a, m_b), and the nearest sample is
    the nearest u row and v column. "In the region" allows `tolerance` beyond its edges in u and v.
    """
    u_grid, v_grid = m_a + m_b, m_a - m_b
    if not (np.allclose(u_grid, u_grid[:, :1]) and np.allclose(v_grid, v_grid[:1, :])):
        raise ValueError(
            "m_a + m_b must vary along axis 0 only and m_a − m_b along axis 1 only, as in hopfield.analysis.Slice."
        )
    u_axis, v_axis = u_grid[:, 0], v_grid[0, :]
    u, v = points[:, 0] + points[:, 1], points[:, 0] - points[:, 1]
    nearest = np.ravel_multi_index((_nearest_index(u_axis, u), _nearest_index(v_axis, v)), m_a.shape)
    inside = (
        (u >= u_axis.min() - tolerance)
        & (u <= u_axis.max() + tolerance)
        & (v >= v_axis.min() - tolerance)
        & (v <= v_axis.max() + tolerance)
    )
    return nearest, inside


def landscape_slice_figure(
    m_a: np.ndarray,
    m_b: np.ndarray,
    energy: np.ndarray,
    label_a: str,
    label_b: str,
    paths: list[np.ndarray] | None = None,
    surface: bool = False,
) -> go.Figure:
    """Energy over the plane of overlaps (m_a, m_b) with two stored patterns, as a heatmap or a 3-D surface.

    m_a, m_b and energy are (R1, R2) grids, as in `hopfield.analysis.Slice`: sample (i, j) is a
    state with overlaps (m_a[i, j], m_b[i, j]) and energy energy[i, j]. The samples form a
    grid turned by 45° (m_a + m_b changes along axis 0 only, m_a − m_b along axis 1 only), so the
    heatmap resamples it onto a regular grid over [-1, 1]²: each cell shows the nearest sampled
    state (its overlaps in the hover); cells outside the sampled region stay blank. The surface
    uses the samples as they are. Each path is a (T, 2) array of (m_a, m_b) along a
    recall, drawn from a circle to an arrow (a diamond in 3-D, at the nearest sample's energy).
    """
    m_a, m_b, energy = (np.asarray(grid, dtype=np.float64) for grid in (m_a, m_b, energy))
    if energy.ndim != 2 or m_a.shape != energy.shape or m_b.shape != energy.shape:
        raise ValueError(
            f"m_a, m_b and energy must be grids of one 2-D shape (R1, R2), got {m_a.shape}, {m_b.shape} "
            f"and {energy.shape}."
        )
    paths = [np.asarray(path, dtype=np.float64).reshape(-1, 2) for path in paths or []]
    x_title, y_title = f"overlap with {label_a}", f"overlap with {label_b}"
    position = f"m({label_a}) = %{{x:.2f}}<br>m({label_b}) = %{{y:.2f}}"
    if surface:
        fig = go.Figure(
            go.Surface(
                x=m_a,
                y=m_b,
                z=energy,
                colorscale="Viridis",
                showscale=False,
                hovertemplate=f"{position}<br>E = %{{z:.3f}}<extra></extra>",
            )
        )
        for index, path in enumerate(paths):
            nearest, _ = _nearest_on_slice(m_a, m_b, path)
            fig.add_trace(
                go.Scatter3d(
                    x=path[:, 0],
                    y=path[:, 1],
                    z=energy.ravel()[nearest],
                    mode="lines+markers",
                    name=f"recall {index + 1}",
                    line={"color": _path_color(index), "width": 5},
                    marker={"size": [3] * (len(path) - 1) + [7], "symbol": ["circle"] * (len(path) - 1) + ["diamond"]},
                    hovertemplate=f"recall {index + 1}<br>{position}<br>E ≈ %{{z:.3f}}<extra></extra>",
                )
            )
        fig = _styled(fig, "Energy landscape slice", 420, x_title, y_title, legend_at_bottom=bool(paths))
        fig.update_scenes(xaxis_title=f"m({label_a})", yaxis_title=f"m({label_b})", zaxis_title="energy E")
        return fig
    side = int(np.clip(2 * max(energy.shape) + 1, 41, MAX_SLICE_SIDE))
    axis = np.linspace(-1, 1, side)
    grid_a, grid_b = np.meshgrid(axis, axis)  # rows follow m_b (y), columns m_a (x)
    cell = axis[1] - axis[0]
    nearest, inside = _nearest_on_slice(m_a, m_b, np.column_stack([grid_a.ravel(), grid_b.ravel()]), cell)
    shown = np.where(inside, energy.ravel()[nearest], np.nan).reshape(side, side)
    sampled = np.where(inside[:, None], np.column_stack([m_a.ravel(), m_b.ravel()])[nearest], np.nan)
    sampled = sampled.reshape(side, side, 2)
    fig = go.Figure(
        go.Heatmap(
            x=axis,
            y=axis,
            z=shown,
            customdata=sampled,
            colorscale="Viridis",
            colorbar={"thickness": 12, "title": {"text": "E"}},
            hoverongaps=False,
            hovertemplate=(
                f"nearest sampled state<br>m({label_a}) = %{{customdata[0]:.3f}}<br>"
                f"m({label_b}) = %{{customdata[1]:.3f}}<br>E = %{{z:.3f}}<extra></extra>"
            ),
        )
    )
    for index, path in enumerate(paths):
        fig.add_trace(
            go.Scatter(
                x=path[:, 0],
                y=path[:, 1],
                mode="lines+markers",
                name=f"recall {index + 1}",
                line={"color": _path_color(index), "width": 2.5},
                marker={
                    "size": [6] * (len(path) - 1) + [14],
                    "symbol": ["circle"] * (len(path) - 1) + ["arrow"],
                    "angleref": "previous",
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate=f"recall {index + 1}<br>{position}<extra></extra>",
            )
        )
    fig = _styled(fig, "Energy over two overlaps", 420, x_title, y_title, legend_at_bottom=bool(paths))
    fig.update_xaxes(range=[-1.05, 1.05], constrain="domain")
    fig.update_yaxes(range=[-1.05, 1.05], scaleanchor="x", constrain="domain")
    return fig


def census_bars(counts: dict[str, int], y_title: str = "random starts") -> go.Figure:
    """Bars of how many recalls end in each outcome ("stored", "reversed", "mixture", "spurious"), fixed colours."""
    outcomes = [name for name in OUTCOME_COLORS if name in counts] + [
        name for name in counts if name not in OUTCOME_COLORS
    ]
    values = [counts[name] for name in outcomes]
    fig = go.Figure(
        go.Bar(
            x=outcomes,
            y=values,
            marker_color=[OUTCOME_COLORS.get(name, NEUTRAL_COLOR) for name in outcomes],
            text=values,
            textposition="outside",
            hovertemplate=f"%{{x}}: %{{y}} {y_title}<extra></extra>",
        )
    )
    fig = _styled(fig, "Attractor census", 320, "outcome", y_title)
    fig.update_yaxes(range=[0, 1.15 * max([1, *values])])
    return fig


_ELSEWHERE = ("continuous_figures", "learning_figures")  # page builders in modules that import this one


def __getattr__(name: str):
    """The Continuous memories and Learning over time builders (each module's `__all__`), found in their own `ui`
    modules, so that `state.chart(name, ...)` finds every builder here. ui/__init__.py imports them at start-up."""
    for module in map(importlib.import_module, (f"ui.{other}" for other in _ELSEWHERE)):
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
