"""Caches shared by every session: pattern sets, networks, figures and PNGs, page computations, and the
session's bookkeeping of rule sweeps.

Cached objects are shared by every session, so they are immutable: pattern sets and networks hand out
read-only arrays, figures are only serialised.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import FunctionType
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, PatternSet
from ui import images, projector
from ui.figures import style


def _qualified_name(function: FunctionType) -> str:
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_resource(max_entries=4, show_spinner=False)
def builtin_set(name: str) -> PatternSet:
    """A built-in pattern set, loaded once per process."""
    return hopfield.load_set(name)


@st.cache_resource(max_entries=16, show_spinner=False)
def random_set(p: int, side: int, seed: int) -> PatternSet:
    """P random ±1 patterns drawn as side x side squares."""
    patterns = hopfield.random_patterns(p, side * side, seed)
    patterns.flags.writeable = False
    labels = tuple(f"r{k}" for k in range(p))
    return PatternSet("random", f"{p} random patterns", patterns, (side, side), labels, "")


@st.cache_resource(max_entries=12, show_spinner="Training the network…")
def trained_network(
    patterns: np.ndarray, rule: str, params: tuple[tuple[str, float], ...]
) -> HopfieldNetwork:
    """HopfieldNetwork.train, cached per (patterns, rule, parameters); the network is immutable."""
    return HopfieldNetwork.train(patterns, rule, **dict(params))


@st.cache_resource(max_entries=16, show_spinner=False)
def modern_network(
    patterns: np.ndarray, beta: float, attention: str = "softmax", alpha: float = 1.5
) -> HopfieldNetwork:
    """The Continuous memories page's real-valued modern memory (with its attention), cached apart from the
    sidebar's networks (one per β a user slides through would push those out)."""
    return HopfieldNetwork.train(patterns, "modern", beta=beta, attention=attention, alpha=alpha)


@st.cache_resource(max_entries=64, show_spinner=False, hash_funcs={FunctionType: _qualified_name})
def cached_figure(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> go.Figure:
    """`builder(*args, **kwargs)` (a `ui.figures` builder, keyed by its qualified name), built once per arguments
    (plotly validates every property: slow).

    Shared by every session and never mutated: st.plotly_chart only serialises it.
    """
    return builder(*args, **kwargs)


def cached(max_entries: int = 16, spinner: str | bool = False) -> Callable:
    """`st.cache_data` for a page's computation: a `HopfieldNetwork` argument is keyed by its fingerprint.

    >>> @cached()
    ... def final_states(net, probes): return net.recall(probes).states
    """
    return st.cache_data(
        max_entries=max_entries,
        show_spinner=spinner,
        hash_funcs={HopfieldNetwork: lambda net: net.fingerprint},
    )


@st.cache_data(max_entries=64, show_spinner=False)
def grid_png(
    patterns: np.ndarray,
    shape: tuple[int, int],
    labels: tuple[str, ...] | None = None,
    columns: int = 5,
    side_px: int = images.GRID_SIDE_PX,
    highlight_against: np.ndarray | None = None,
) -> bytes:
    """Patterns (P, N) tiled `columns` a row with their labels, as PNG bytes (encoding is the slow part).

    One pattern with `highlight_against` (N,) draws the pixels that differ from it in the accent colour.
    """
    scale = images.default_scale(shape, side_px)
    if highlight_against is not None and len(patterns) == 1:
        highlight = patterns[0] != highlight_against
        return images.to_png(images.pattern_image(patterns[0], shape, scale, highlight=highlight))
    return images.to_png(
        images.pattern_grid(
            patterns, shape, None if labels is None else list(labels), columns=columns, scale=scale
        )
    )


def chart(builder: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> None:
    """Show the cached figure `builder(*args, **kwargs)` at the container's width, without the mode bar; its fonts
    enlarged when the projector setting is on."""
    fig = cached_figure(builder, *args, **kwargs)
    if projector.is_on():
        fig = style.projected(fig, projector.CHART_SCALE)
    st.plotly_chart(fig, config={"displayModeBar": False})


KEPT_SETTINGS = (
    8  # a sweep keeps the results of its last 8 settings in the session, least recent dropped first
)


def swept(
    name: str,
    settings: tuple,
    lineup: Mapping[str, Mapping[str, float]],
    run: Callable[..., Any] | None,
    unit: str,
    titles: Mapping[str, str],
) -> dict:
    """rule -> (result, seconds) for the rules of `lineup` (rule -> parameters) measured under `settings`; `run`
    (given when the button was pressed: an `analysis.sweeps` per-rule sweep, returning `RuleRuns`) first measures
    the missing ones under one progress bar. The session keeps a sweep's results for its last KEPT_SETTINGS
    settings only, least recently used dropped first: a long session stays bounded."""
    if run is not None and not lineup:
        st.warning("Choose at least one rule to sweep.", icon=":material/warning:")
    store: dict = st.session_state.setdefault(f"_swept_{name}", {})
    kept = store.pop(settings, {})  # put back below as the most recently used
    keys = {rule: (rule, tuple(params.items())) for rule, params in lineup.items()}
    missing = {rule: lineup[rule] for rule, key in keys.items() if key not in kept}
    if run is not None and missing:
        bar = st.progress(0.0, text="Starting…")
        runs = run(
            missing,
            progress=lambda rule, done, whole: bar.progress(
                min(1.0, whole), text=f"{titles[rule]}: {done:.0%} of {unit}"
            ),
        )
        bar.empty()
        kept.update(
            {keys[rule]: (result, runs.seconds[rule]) for rule, result in runs.results.items()}
        )
        if runs.failed:
            st.error(f"{titles[runs.failed]}: {runs.error}", icon=":material/error:")
    if kept:
        store[settings] = kept
    for stale in list(store)[:-KEPT_SETTINGS]:
        del store[stale]
    return {rule: kept[key] for rule, key in keys.items() if key in kept}


def success_table(
    title: str,
    axis: str,
    points: list,
    measured: Mapping[str, tuple[Any, float]],
    titles: Mapping[str, str],
) -> None:
    """An expander with every rule's success at each point of its curves (`points` as shown) from `swept`."""
    with st.expander(title, icon=":material/table:"):
        rows = [
            {
                axis: point,
                **{
                    titles[rule]: f"{curve.success[k]:.0%}" for rule, (curve, _) in measured.items()
                },
            }
            for k, point in enumerate(points)
        ]
        st.dataframe(rows, hide_index=True)
