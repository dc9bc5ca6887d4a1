"""The Energy landscape page's figures: the energy histogram, basin sizes, the landscape slice, the census."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ui.figures.style import (
    BAD_COLOR,
    NEUTRAL_COLOR,
    OUTCOME_COLORS,
    check_labels,
    label_ticks,
    series_color,
    styled,
)

MAX_SLICE_SIDE = 161  # cells per side of the resampled landscape heatmap


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
    return styled(fig, title, 340, "energy E", "number of states")


def basin_sizes(sizes: np.ndarray, labels: list[str]) -> go.Figure:
    """Bars of each attractor's basin size (fraction of all states), coloured by the label's first word.

    Labels read like "stored 0", "reversed 2", "mixture", "spurious".
    """
    sizes = np.asarray(sizes, dtype=np.float64)
    check_labels(labels, sizes.size, "attractor")
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
    fig = styled(fig, "Basin size of each attractor", 340, "attractor", "fraction of all states")
    # long labels ("mixture of 0, −1, 2") slanted so they stay apart on a phone; upright when there are many
    fig.update_xaxes(**label_ticks(labels), tickangle=-45 if len(labels) <= 12 else -90)
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
    nearest = np.ravel_multi_index(
        (_nearest_index(u_axis, u), _nearest_index(v_axis, v)), m_a.shape
    )
    inside = (
        (u >= u_axis.min() - tolerance)
        & (u <= u_axis.max() + tolerance)
        & (v >= v_axis.min() - tolerance)
        & (v <= v_axis.max() + tolerance)
    )
    return nearest, inside


def _path_color(index: int) -> str:
    """The colour of the index-th recall path on a Viridis landscape (skips the blue that would vanish in it)."""
    return series_color(index + 1)


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
                    marker={
                        "size": [3] * (len(path) - 1) + [7],
                        "symbol": ["circle"] * (len(path) - 1) + ["diamond"],
                    },
                    hovertemplate=f"recall {index + 1}<br>{position}<br>E ≈ %{{z:.3f}}<extra></extra>",
                )
            )
        fig = styled(
            fig, "Energy landscape slice", 420, x_title, y_title, legend_at_bottom=bool(paths)
        )
        fig.update_scenes(
            xaxis_title=f"m({label_a})", yaxis_title=f"m({label_b})", zaxis_title="energy E"
        )
        return fig
    side = int(np.clip(2 * max(energy.shape) + 1, 41, MAX_SLICE_SIDE))
    axis = np.linspace(-1, 1, side)
    grid_a, grid_b = np.meshgrid(axis, axis)  # rows follow m_b (y), columns m_a (x)
    cell = axis[1] - axis[0]
    nearest, inside = _nearest_on_slice(
        m_a, m_b, np.column_stack([grid_a.ravel(), grid_b.ravel()]), cell
    )
    shown = np.where(inside, energy.ravel()[nearest], np.nan).reshape(side, side)
    sampled = np.where(
        inside[:, None], np.column_stack([m_a.ravel(), m_b.ravel()])[nearest], np.nan
    )
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
    fig = styled(
        fig, "Energy over two overlaps", 420, x_title, y_title, legend_at_bottom=bool(paths)
    )
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
    fig = styled(fig, "Attractor census", 320, "outcome", y_title)
    fig.update_yaxes(range=[0, 1.15 * max([1, *values])])
    return fig
