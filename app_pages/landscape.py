"""Energy landscape: energy along recalls, every state of a small network, a 2-D slice and an attractor census."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from hopfield import RULES, HopfieldNetwork, analysis
from hopfield.analysis import landscapes
from ui import caches, code_view, figures, sidebar, snippets, widgets

EXAMPLE_SIDE = 4  # the built-in example: random 4x4 patterns, N = 16
EXACT_CHOICES = {"memory": "The stored memory", "example": "Built-in example: random 4x4 patterns"}
EXACT_AUTO_N = 16  # larger networks list their 2^N states on request
CENSUS_AUTO_N = 256  # larger networks run the census on request, and so does more work than
CENSUS_AUTO_WORK = 180_000  # N x starts (2000 starts at N = 90; 700 at N = 256, where dense rules take about 1 s)
TILE_PX = 96  # longer side of one attractor image
MAX_STEPS = 100


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
    return analysis.attractor_census(net, starts, seed=0, mode=mode, max_steps=MAX_STEPS, labels=labels)


def on_request(key: str, what: str, size: str, needed: bool, button: str, box: DeltaGenerator) -> bool:
    """Whether `what` may run: when it is quick, or once its button (in `box`) was pressed for this memory."""
    asked_for, memory_id = f"_landscape_{key}_on", net.fingerprint
    if needed and box.button(button, icon=":material/play_arrow:", type="primary", key=f"_{key}_run"):
        st.session_state[asked_for] = memory_id
    if not needed or st.session_state.get(asked_for) == memory_id:
        return True
    again = f"The memory changed since the last {what}. " if asked_for in st.session_state else ""
    st.info(f"{again}With {size} the {what} takes several seconds: press **{button}**.",
            icon=":material/play_arrow:")
    return False


st.title("Energy landscape", anchor=False)
st.markdown(
    "Recall is a walk downhill. Each update of a pairwise network lowers (or keeps) the energy "
    "$E(s) = -\\tfrac12\\, s^\\top W s = -\\tfrac12 \\sum_{ij} w_{ij} s_i s_j$, so every recall ends in a local "
    "minimum, an *attractor*. The stored patterns should be minima; their reversals $-\\xi^\\mu$ are minima too "
    "($E$ is even in $s$), and *mixtures* $\\mathrm{sign}(\\pm\\xi^a \\pm\\xi^b \\pm\\xi^c)$ and *spurious* states "
    "are the unwanted ones. Dense and modern memories descend their own energies, "
    "$E = -\\sum_\\mu F(\\xi^\\mu\\cdot s)$ and the log-sum-exp energy."
)

memory, net = sidebar.require_network()
count, n = memory.patterns.shape
labels, note = tuple(memory.labels), RULES[memory.rule].energy

# ---- energy along recalls
st.header("Energy along a recall", anchor=False)
with st.container(border=True):
    noise = widgets.number("Noise: fraction of bits flipped in each probe", "enoise", 0.0, 0.5, 0.25, slider=True,
                         step=0.01)
runs = energy_runs(net, labels, float(noise))
caches.chart(figures.recall.energy_plot, runs.energies, list(runs.starts), x_title=runs.unit)
st.caption(f"{memory.rule_title}, {runs.mode} updates, one point per {runs.unit}. {note} Ends: "
           + "; ".join(runs.journeys) + ".")
code_view.show_code(snippets.landscape, float(noise), memory=memory)  # this view as code

# ---- exact landscape
st.header("Every state of a small network", anchor=False)
st.markdown(
    f"With $N \\le {analysis.EXACT_LANDSCAPE_MAX_N}$ neurons all $2^N$ states can be listed: each one's energy, and "
    "the attractor it descends to (async updates in a fixed order, or sync for the modern network). An attractor's "
    "*basin* is the share of all states that end in it."
)
small, box, fits = None, st.container(border=True), n <= analysis.EXACT_LANDSCAPE_MAX_N
with box:
    which = widgets.choice("Network", list(EXACT_CHOICES), "exact", "memory" if fits else "example",
                         titles=EXACT_CHOICES, widget="radio", horizontal=True)
    if which == "example":
        left, right = st.columns(2)
        example = caches.random_set(widgets.number("Patterns P", "xp", 1, 8, 3, where=left),
                                   EXAMPLE_SIDE, widgets.number("Seed", "xseed", 0, widgets.MAX_SEED, 0, where=right))
        st.caption(f"Random ±1 patterns of {EXAMPLE_SIDE}x{EXAMPLE_SIDE} = {EXAMPLE_SIDE**2} neurons, stored with "
                   f"the sidebar's rule ({memory.rule_title}).")
        try:
            small = (caches.trained_network(example.patterns, memory.rule, memory.params), example.labels,
                     example.shape)
        except ValueError as error:
            st.error(str(error), icon=":material/error:")
if which == "memory" and fits and on_request("exact", "exact landscape", f"N = {n} neurons ({2**n:,} states)",
                                           n > EXACT_AUTO_N, "List all states", box):
    small = (net, labels, memory.shape)
elif which == "memory" and not fits:
    st.warning(
        f"The exact landscape lists all $2^N$ states, so it needs N ≤ {analysis.EXACT_LANDSCAPE_MAX_N}; the stored "
        f"memory has N = {n} ($2^{{{n}}}$ ≈ {2.0**n:.1e} states). Choose the built-in example above, or "
        "Random patterns with side 4 in the sidebar. The slice and the census below work at any N.",
        icon=":material/info:",
    )
if small is not None:
    small_net, small_labels, small_shape = small
    landscape = exact(small_net, tuple(small_labels))
    left, middle, right = st.columns(3)
    left.metric("States", f"{2**landscape.n:,}")
    middle.metric("Attractors", len(landscape.attractors))
    right.metric("States that end in a stored pattern", f"{landscapes.kind_shares(landscape)['stored']:.1%}")
    caches.chart(figures.landscape.energy_histogram, landscape.energies, landscape.attractor_energies)
    rows = landscapes.attractor_rows(landscape)
    caches.chart(figures.landscape.basin_sizes, landscape.basin_sizes[:len(rows)], list(landscape.labels[:len(rows)]))
    if len(rows) < len(landscape.attractors):
        st.caption(f"The {len(rows)} largest of {len(landscape.attractors)} basins.")
    st.dataframe(rows, hide_index=True)
    st.markdown("**Stored patterns**")
    st.image(caches.grid_png(small_net.patterns, small_shape, tuple(small_labels), side_px=TILE_PX))
    captions = landscapes.attractor_captions(landscape)
    st.markdown("**Largest attractors** (basin share)")
    st.image(caches.grid_png(landscape.attractors[:len(captions)], small_shape, captions, side_px=TILE_PX))

# ---- slice
st.header("A slice through two stored patterns", anchor=False)
st.markdown(
    "For any $N$: the plane of states between stored patterns $a$ and $b$. Starting from $\\xi^a$, flip some of "
    "the neurons where $a$ and $b$ agree and some where they differ; each state is placed at its overlaps "
    "$(m_a, m_b)$, $m = \\frac1N\\,\\xi\\cdot s$. $\\xi^a$ sits at $m_a = 1$, $\\xi^b$ at $m_b = 1$, their reversals "
    "opposite. Lines are recalls drawn in the same plane, from a circle to an arrow."
)
if count < 2:
    st.info("The slice needs at least two stored patterns: add one in the sidebar.", icon=":material/info:")
else:
    with st.container(border=True):
        left, middle, right = st.columns(3)
        a = widgets.choice("Pattern a", list(range(count)), "a", 0, titles=labels, where=left)
        b = widgets.choice("Pattern b", list(range(count)), "b", min(1, count - 1), titles=labels, where=middle)
        surface = widgets.toggle("3-D surface", "surface", where=right)
    if a == b:
        st.warning("Choose two different patterns for a and b: the slice is the plane through both.",
                   icon=":material/warning:")
    else:
        try:
            plane, paths = energy_slice(net, labels, int(a), int(b))
        except ValueError as error:  # the engine says why in a sentence
            st.error(str(error), icon=":material/error:")
        else:
            caches.chart(figures.landscape.landscape_slice_figure, plane.m_a, plane.m_b, plane.energy, labels[a],
                         labels[b], list(paths.paths), surface=surface)
            recalls = "; ".join(f"recall {k}: {journey}" for k, journey in enumerate(paths.journeys, 1))
            st.caption(f"{plane.n_agree} neurons agree, {plane.n_differ} differ; {plane.energy.size:,} states sampled. "
                       f"{recalls}. {note}")

# ---- census
st.header("Attractor census", anchor=False)
st.markdown(
    "Where do random states go? Recall from uniformly random ±1 starts and group the final states: stored "
    "patterns, reversed patterns, mixtures of three, or spurious states. The share of starts that reach an "
    "attractor estimates the size of its basin."
)
box = st.container(border=True)
starts = widgets.number("Random starts", "starts", 10, 2000, 200, slider=True, step=10, where=box)
if on_request("census", "census", f"N = {n} neurons and {starts} starts",
              n > CENSUS_AUTO_N or n * starts > CENSUS_AUTO_WORK, "Run census", box):
    found = census(net, labels, int(starts))
    left, right = st.columns(2)
    left.metric("Distinct final states", len(found.attractors))
    right.metric("Starts that end in a stored pattern", f"{landscapes.kind_shares(found)['stored']:.0%}")
    caches.chart(figures.landscape.census_bars, found.kind_counts)
    rows = landscapes.attractor_rows(found)
    st.dataframe(rows, hide_index=True)
    if len(rows) < len(found.attractors):
        st.caption(f"The {len(rows)} most frequent of {len(found.attractors)} final states.")
    captions = landscapes.attractor_captions(found)
    st.markdown("**Most frequent final states** (share of starts)")
    st.image(caches.grid_png(found.attractors[:len(captions)], memory.shape, captions, side_px=TILE_PX))
    st.caption(f"{found.starts} starts, {found.mode} updates, seed 0, at most {MAX_STEPS} sweeps."
               + (f" {memory.source.credit}" if memory.source.credit else ""))
