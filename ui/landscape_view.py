"""The Energy landscape page's sections: energy along recalls, every state of a small network, a slice through
two stored patterns and the attractor census, each with its cached computation."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from hopfield import HopfieldNetwork, analysis
from hopfield.analysis import landscapes
from ui import caches, code_view, figures, on_demand, snippets, widgets
from ui.sidebar import Memory

EXAMPLE_SIDE = 4  # the built-in example: random 4x4 patterns, N = 16
EXACT_CHOICES = {"memory": "The stored memory", "example": "Built-in example: random 4x4 patterns"}
EXACT_AUTO_N = 16  # larger networks list their 2^N states on request
CENSUS_AUTO_N = 256  # larger networks run the census on request, and so does more work than
CENSUS_AUTO_WORK = (
    180_000  # N x starts (2000 starts at N = 90; 700 at N = 256, where dense rules take about 1 s)
)
TILE_PX = 96  # longer side of one attractor image
MAX_STEPS = 100
WAIT_NOTE = "{again}{why}: press **{button}**."  # on_demand.asked's request, as this page words it


@caches.cached()
def energy_runs(net: HopfieldNetwork, labels: tuple[str, ...], noise: float) -> landscapes.Descents:
    return landscapes.energy_descents(net, noise, labels, max_steps=MAX_STEPS)


@caches.cached(max_entries=8, spinner="Following every one of the 2^N states downhill…")
def exact(net: HopfieldNetwork, labels: tuple[str, ...]) -> analysis.Landscape:
    return analysis.exact_landscape(net, seed=0, labels=labels)


@caches.cached(spinner="Computing the slice and recalling across it…")
def energy_slice(net: HopfieldNetwork, labels: tuple[str, ...], a: int, b: int) -> tuple:
    """The energy over the plane through a and b, and four recalls across it (`landscapes.Descents`)."""
    recalls = landscapes.slice_descents(net, a, b, labels=labels, max_steps=MAX_STEPS)
    return analysis.landscape_slice(net, a, b, seed=0), recalls


@caches.cached(spinner="Recalling from random starts…")
def census(net: HopfieldNetwork, labels: tuple[str, ...], starts: int) -> analysis.Census:
    mode = landscapes.descent_mode(net)
    return analysis.attractor_census(
        net, starts, seed=0, mode=mode, max_steps=MAX_STEPS, labels=labels
    )


def on_request(
    key: str, what: str, size: str, net: HopfieldNetwork, needed: bool, button: str, where: Any
) -> bool:
    """Whether `what` may run: when it is quick (not `needed`), or once its button (in `where`) was pressed for
    this memory; until then a sentence says how large it is (`size`)."""
    return on_demand.asked(
        f"landscape_{key}",
        net.fingerprint,
        button,
        f"With {size} the {what} takes several seconds",
        needed=needed,
        where=where,
        changed=f"The memory changed since the last {what}.",
        note=WAIT_NOTE,
        button_key=f"_{key}_run",
    )


def energy_along_recalls(memory: Memory, net: HopfieldNetwork, energy_note: str) -> None:
    """The energy of each probe's recall, step by step, and this view as code."""
    labels = tuple(memory.labels)
    with st.container(border=True):
        noise = widgets.number(
            "Noise: fraction of bits flipped in each probe",
            "enoise",
            0.0,
            0.5,
            0.25,
            slider=True,
            step=0.01,
        )
    runs = energy_runs(net, labels, float(noise))
    caches.chart(figures.recall.energy_plot, runs.energies, list(runs.starts), x_title=runs.unit)
    ends = "; ".join(runs.journeys)
    st.caption(
        f"{memory.rule_title}, {runs.mode} updates, one point per {runs.unit}. {energy_note} Ends: {ends}."
    )
    code_view.show_code(snippets.landscape, float(noise), memory=memory)  # this view as code


def small_network(
    memory: Memory, net: HopfieldNetwork
) -> tuple[HopfieldNetwork, tuple[str, ...], tuple[int, int]] | None:
    """The network whose 2^N states are listed (the memory, or the built-in example), its labels and shape; None
    while there is none (the memory too large, a listing not yet asked for, an example that cannot be stored)."""
    n = net.n
    fits = n <= analysis.EXACT_LANDSCAPE_MAX_N
    box = st.container(border=True)
    with box:
        which = widgets.choice(
            "Network",
            list(EXACT_CHOICES),
            "exact",
            "memory" if fits else "example",
            titles=EXACT_CHOICES,
            widget="radio",
            horizontal=True,
        )
    if which == "example":
        with box:
            return _example(memory)
    if not fits:
        st.warning(
            f"The exact landscape lists all $2^N$ states, so it needs N ≤ {analysis.EXACT_LANDSCAPE_MAX_N}; the "
            f"stored memory has N = {n} ($2^{{{n}}}$ ≈ {2.0**n:.1e} states). Choose the built-in example above, or "
            "Random patterns with side 4 in the sidebar. The slice and the census below work at any N.",
            icon=":material/info:",
        )
        return None
    size = f"N = {n} neurons ({2**n:,} states)"
    if not on_request(
        "exact", "exact landscape", size, net, n > EXACT_AUTO_N, "List all states", box
    ):
        return None
    return net, tuple(memory.labels), memory.shape


def _example(memory: Memory) -> tuple[HopfieldNetwork, tuple[str, ...], tuple[int, int]] | None:
    """The built-in example's controls, and its random patterns stored with the sidebar's rule."""
    left, right = st.columns(2)
    count = widgets.number("Patterns P", "xp", 1, 8, 3, where=left)
    seed = widgets.number("Seed", "xseed", 0, widgets.MAX_SEED, 0, where=right)
    example = caches.random_set(count, EXAMPLE_SIDE, seed)
    st.caption(
        f"Random ±1 patterns of {EXAMPLE_SIDE}x{EXAMPLE_SIDE} = {EXAMPLE_SIDE**2} neurons, stored with "
        f"the sidebar's rule ({memory.rule_title})."
    )
    try:
        network = caches.trained_network(example.patterns, memory.rule, memory.params)
    except ValueError as error:
        st.error(str(error), icon=":material/error:")
        return None
    return network, example.labels, example.shape


def every_state(net: HopfieldNetwork, labels: tuple[str, ...], shape: tuple[int, int]) -> None:
    """Every state's energy and attractor: counts, the energy histogram, the basins, the patterns and attractors."""
    landscape = exact(net, labels)
    left, middle, right = st.columns(3)
    left.metric("States", f"{2**landscape.n:,}")
    middle.metric("Attractors", len(landscape.attractors))
    right.metric(
        "States that end in a stored pattern", f"{landscapes.kind_shares(landscape)['stored']:.1%}"
    )
    caches.chart(
        figures.landscape.energy_histogram, landscape.energies, landscape.attractor_energies
    )
    rows = landscapes.attractor_rows(landscape)
    shown = len(rows)
    caches.chart(
        figures.landscape.basin_sizes, landscape.basin_sizes[:shown], list(landscape.labels[:shown])
    )
    if shown < len(landscape.attractors):
        st.caption(f"The {shown} largest of {len(landscape.attractors)} basins.")
    st.dataframe(rows, hide_index=True)
    st.markdown("**Stored patterns**")
    st.image(caches.grid_png(net.patterns, shape, labels, side_px=TILE_PX))
    st.markdown("**Largest attractors** (basin share)")
    _attractor_grid(landscape.attractors, landscapes.attractor_captions(landscape), shape)


def _attractor_grid(
    attractors: np.ndarray, captions: tuple[str, ...], shape: tuple[int, int]
) -> None:
    """The first attractors, one captioned tile each."""
    st.image(caches.grid_png(attractors[: len(captions)], shape, captions, side_px=TILE_PX))


def slice_through(net: HopfieldNetwork, labels: tuple[str, ...], energy_note: str) -> None:
    """Choose patterns a and b, then the energy over the plane through them with four recalls across it."""
    count = len(labels)
    if count < 2:
        st.info(
            "The slice needs at least two stored patterns: add one in the sidebar.",
            icon=":material/info:",
        )
        return
    with st.container(border=True):
        left, middle, right = st.columns(3)
        a = widgets.choice("Pattern a", list(range(count)), "a", 0, titles=labels, where=left)
        b = widgets.choice(
            "Pattern b", list(range(count)), "b", min(1, count - 1), titles=labels, where=middle
        )
        surface = widgets.toggle("3-D surface", "surface", where=right)
    if a == b:
        st.warning(
            "Choose two different patterns for a and b: the slice is the plane through both.",
            icon=":material/warning:",
        )
        return
    try:
        plane, paths = energy_slice(net, labels, int(a), int(b))
    except ValueError as error:  # the engine says why in a sentence
        st.error(str(error), icon=":material/error:")
        return
    caches.chart(
        figures.landscape.landscape_slice_figure,
        plane.m_a,
        plane.m_b,
        plane.energy,
        labels[a],
        labels[b],
        list(paths.paths),
        surface=surface,
    )
    recalls = "; ".join(f"recall {k}: {journey}" for k, journey in enumerate(paths.journeys, 1))
    st.caption(
        f"{plane.n_agree} neurons agree, {plane.n_differ} differ; {plane.energy.size:,} states sampled. "
        f"{recalls}. {energy_note}"
    )


def attractor_census(memory: Memory, net: HopfieldNetwork) -> None:
    """The starts control, then (at once when quick, else on request) where random starts end."""
    box = st.container(border=True)
    starts = widgets.number(
        "Random starts", "starts", 10, 2000, 200, slider=True, step=10, where=box
    )
    slow = net.n > CENSUS_AUTO_N or net.n * starts > CENSUS_AUTO_WORK
    if not on_request(
        "census", "census", f"N = {net.n} neurons and {starts} starts", net, slow, "Run census", box
    ):
        return
    found = census(net, tuple(memory.labels), int(starts))
    left, right = st.columns(2)
    left.metric("Distinct final states", len(found.attractors))
    right.metric(
        "Starts that end in a stored pattern", f"{landscapes.kind_shares(found)['stored']:.0%}"
    )
    caches.chart(figures.landscape.census_bars, found.kind_counts)
    rows = landscapes.attractor_rows(found)
    st.dataframe(rows, hide_index=True)
    if len(rows) < len(found.attractors):
        st.caption(f"The {len(rows)} most frequent of {len(found.attractors)} final states.")
    st.markdown("**Most frequent final states** (share of starts)")
    _attractor_grid(found.attractors, landscapes.attractor_captions(found), memory.shape)
    credit = f" {memory.source.credit}" if memory.source.credit else ""
    st.caption(
        f"{found.starts} starts, {found.mode} updates, seed 0, at most {MAX_STEPS} sweeps.{credit}"
    )
