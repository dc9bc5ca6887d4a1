"""Energy landscape: energy along recalls, every state of a small network, a 2-D slice and an attractor census."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, analysis
from hopfield.corrupt import flip_count
from ui import images, state

Params = tuple[tuple[str, Any], ...]

PROBE_SEED = 0
PROBES_SHOWN = 4  # stored patterns corrupted for the energy plot
EXAMPLE_SIDE = 4  # the built-in example: random 4x4 patterns, N = 16
EXAMPLE_P = (1, 8)
EXACT_CHOICES = {"memory": "The stored memory", "example": "Built-in example: random 4x4 patterns"}
BARS_SHOWN = 24  # attractors in the basin-size chart and tables
IMAGES_SHOWN = 10  # attractors drawn as images
TILE_PX = 96  # longer side of one attractor image
SLICE_RESOLUTION = 41
PATH_NOISE = 0.3  # noisy starts of the slice's recalls
STARTS_RANGE = (10, 2000)
MAX_STEPS = 100
CENSUS_AUTO_N = 256  # larger networks run the census on request
FLIP_RECORD_MAX_N = 1024  # larger networks record their recalls per sweep
CENSUS_ON = "_landscape_census_on"  # session key: the memory the census was last asked for


def descent_mode(network: HopfieldNetwork) -> str:
    """Async (one neuron at a time) where the rule has it; the modern network updates synchronously."""
    return "async" if "async" in network.modes else "sync"


def recorded(network: HopfieldNetwork) -> tuple[bool | str, str]:
    """What a recall on this page records, and what one point is: every flip, or every sweep for large N.

    A flip-by-flip record keeps one state per flip (thousands at N = 4096, seconds of copying).
    """
    if descent_mode(network) == "sync":
        return True, "step"
    return ("flips", "flip") if network.n <= FLIP_RECORD_MAX_N else (True, "sweep")


def energy_note(rule: str) -> str:
    """What the energies of a rule are, in one sentence."""
    kind = hopfield.RULES[rule].kind
    if rule == "dense-exp":
        return "Energies are $-\\ln\\sum_\\mu e^{\\xi^\\mu\\cdot s}$, the logarithm of the exponential energy's size."
    if kind == "dense":
        return "Energies are the dense memory's $E = -\\sum_\\mu (\\xi^\\mu\\cdot s)^n$."
    if kind == "modern":
        return ("Energies are the modern network's $E = -\\mathrm{lse}(\\beta, \\Xi\\xi) + \\tfrac12\\xi^\\top\\xi + "
                "\\ldots$, of its real-valued states along the recall.")
    return "Energies are $E = -\\tfrac12\\, s^\\top W s$."


@st.cache_data(max_entries=16, show_spinner=False)
def energy_runs(_net: HopfieldNetwork, patterns: np.ndarray, rule: str, params: Params, labels: tuple[str, ...],
                noise: float) -> tuple[np.ndarray, list[str], str, list[str]]:
    """Energy per flip (or step) of a few corrupted stored patterns and one random state, recalled with recording."""
    count, n = patterns.shape
    shown = min(count, PROBES_SHOWN)
    noisy = flip_count(patterns[:shown], round(noise * n), seed=PROBE_SEED)
    probes = np.concatenate([noisy, hopfield.random_patterns(1, n, PROBE_SEED)])
    names = [f"{label} + {noise:.0%} noise" for label in labels[:shown]] + ["random start"]
    mode = descent_mode(_net)
    record, unit = recorded(_net)
    result = _net.recall(probes, mode, MAX_STEPS, seed=PROBE_SEED, record=record)
    outcomes = [analysis.describe(patterns, final, list(labels)) for final in result.states]
    return result.energies, names, unit, outcomes


@st.cache_data(max_entries=8, show_spinner="Following every one of the 2^N states downhill…")
def exact(_net: HopfieldNetwork, patterns: np.ndarray, rule: str, params: Params,
          labels: tuple[str, ...]) -> analysis.Landscape:
    return analysis.exact_landscape(_net, seed=0, labels=list(labels))


@st.cache_data(max_entries=16, show_spinner="Computing the slice…")
def energy_slice(_net: HopfieldNetwork, patterns: np.ndarray, rule: str, params: Params, a: int,
                 b: int) -> analysis.Slice:
    return analysis.landscape_slice(_net, a, b, SLICE_RESOLUTION, seed=0)


@st.cache_data(max_entries=16, show_spinner="Recalling from noisy and mixed starts…")
def slice_paths(_net: HopfieldNetwork, patterns: np.ndarray, rule: str, params: Params, labels: tuple[str, ...],
                a: int, b: int) -> tuple[list[np.ndarray], list[str]]:
    """(m_a, m_b) along recalls from noisy a, noisy b and a random mix of a and b, with what each start was."""
    n = patterns.shape[1]
    flips = round(PATH_NOISE * n)
    rng = np.random.default_rng(PROBE_SEED)
    mix = np.where(rng.random(n) < 0.5, patterns[a], patterns[b]).astype(np.int8)  # each neuron from a or b
    probes = np.stack([
        flip_count(patterns[a], flips, seed=rng),
        flip_count(patterns[b], flips, seed=rng),
        mix,
        flip_count(mix, flips // 2, seed=rng),
    ])
    starts = [f"{labels[a]} + {PATH_NOISE:.0%} noise", f"{labels[b]} + {PATH_NOISE:.0%} noise",
              f"half {labels[a]}, half {labels[b]}", f"that mix + {PATH_NOISE / 2:.0%} noise"]
    mode = descent_mode(_net)
    result = _net.recall(probes, mode, MAX_STEPS, seed=PROBE_SEED, record=recorded(_net)[0])
    paths = [analysis.overlap_path(patterns, result.trajectory[:, k], a, b) for k in range(len(probes))]
    ends = [analysis.describe(patterns, final, list(labels)) for final in result.states]
    return paths, [f"{start} → {end}" for start, end in zip(starts, ends)]


@st.cache_data(max_entries=16, show_spinner="Recalling from random starts…")
def census(_net: HopfieldNetwork, patterns: np.ndarray, rule: str, params: Params, labels: tuple[str, ...],
           starts: int) -> analysis.Census:
    return analysis.attractor_census(_net, starts, seed=0, mode=descent_mode(_net), max_steps=MAX_STEPS,
                                     labels=list(labels))


@st.cache_data(max_entries=32, show_spinner=False)
def grid_png(patterns: np.ndarray, shape: tuple[int, int], labels: tuple[str, ...], side_px: int) -> bytes:
    """A labelled grid of patterns as PNG bytes (cached: encoding is the slow part)."""
    grid = images.pattern_grid(patterns, shape, list(labels), columns=5, scale=images.default_scale(shape, side_px))
    return images.to_png(grid)


def short_labels(labels: tuple[str, ...], shares: np.ndarray) -> tuple[str, ...]:
    """Image captions that fit under a tile: "stored 3 41%", "mixture 2%" (the tables give the full names)."""
    return tuple(
        f"{'mixture' if label.startswith('mixture') else label} {share:.0%}" for label, share in zip(labels, shares)
    )


def attractor_rows(labels: tuple[str, ...], shares: np.ndarray, energies: np.ndarray, fixed: np.ndarray,
                   share_name: str) -> list[dict]:
    return [
        {"attractor": label, share_name: f"{share:.1%}", "energy": round(float(energy), 3),
         "fixed point": "yes" if stable else "no (cycle or cut)"}
        for label, share, energy, stable in zip(labels, shares.tolist(), energies.tolist(), fixed.tolist())
    ]


# ---------------------------------------------------------------- page

st.title("Energy landscape", anchor=False)
st.markdown(
    "Recall is a walk downhill. Each update of a pairwise network lowers (or keeps) the energy "
    "$E(s) = -\\tfrac12\\, s^\\top W s = -\\tfrac12 \\sum_{ij} w_{ij} s_i s_j$, so every recall ends in a local "
    "minimum, an *attractor*. The stored patterns should be minima; their reversals $-\\xi^\\mu$ are minima too "
    "($E$ is even in $s$), and *mixtures* $\\mathrm{sign}(\\pm\\xi^a \\pm\\xi^b \\pm\\xi^c)$ and *spurious* states "
    "are the unwanted ones. Dense and modern memories descend their own energies, "
    "$E = -\\sum_\\mu F(\\xi^\\mu\\cdot s)$ and the log-sum-exp energy."
)

memory, net = state.require_network()
count, n = memory.patterns.shape
params, labels = memory.params, tuple(memory.labels)

state.from_link("enoise", 0.25, lambda raw: state.parse_float(raw, 0.0, 0.5), "a fraction from 0 to 0.5")
state.from_link("exact", "memory" if n <= analysis.EXACT_LANDSCAPE_MAX_N else "example",
                state.parse_choice(list(EXACT_CHOICES)), "memory or example")
state.from_link("xp", 3, lambda raw: state.parse_int(raw, *EXAMPLE_P), "a whole number from 1 to 8")
state.from_link("xseed", 0, lambda raw: state.parse_int(raw, 0, state.MAX_SEED), "a whole number from 0 to 2147483647")
state.from_link("a", 0, lambda raw: state.parse_int(raw, 0, count - 1), f"a pattern index from 0 to {count - 1}")
state.from_link("b", min(1, count - 1), lambda raw: state.parse_int(raw, 0, count - 1),
                f"a pattern index from 0 to {count - 1}")
state.from_link("surface", False, state.parse_choice(["True", "False"]), "True or False")
state.from_link("starts", 200, lambda raw: state.parse_int(raw, *STARTS_RANGE), "a whole number from 10 to 2000")
if isinstance(st.session_state["surface"], str):
    st.session_state["surface"] = st.session_state["surface"] == "True"
for key, fallback in (("a", 0), ("b", min(1, count - 1))):  # the memory may have changed since the value was chosen
    state.keep_option(key, list(range(count)), labels, fallback)

# ---- energy along recalls
st.header("Energy along a recall", anchor=False)
with st.container(border=True):
    st.slider("Noise: fraction of bits flipped in each probe", 0.0, 0.5, step=0.01, key="enoise")
energies, names, x_title, outcomes = energy_runs(net, memory.patterns, memory.rule, params, labels,
                                                 float(st.session_state["enoise"]))
state.chart("energy_plot", energies, names, x_title=x_title)
st.caption(
    f"{memory.rule_title}, {descent_mode(net)} updates, one point per {x_title}. "
    + energy_note(memory.rule)
    + " Ends: " + "; ".join(f"{name} → {outcome}" for name, outcome in zip(names, outcomes)) + "."
)

# ---- exact landscape
st.header("Every state of a small network", anchor=False)
st.markdown(
    f"With $N \\le {analysis.EXACT_LANDSCAPE_MAX_N}$ neurons all $2^N$ states can be listed: each one's energy, and "
    "the attractor it descends to (async updates in a fixed order, or sync for the modern network). An attractor's "
    "*basin* is the share of all states that end in it."
)
with st.container(border=True):
    st.radio("Network", list(EXACT_CHOICES), format_func=EXACT_CHOICES.__getitem__, key="exact", horizontal=True)
    if st.session_state["exact"] == "example":
        left, right = st.columns(2)
        left.number_input("Patterns P", *EXAMPLE_P, step=1, key="xp")
        right.number_input("Seed", 0, state.MAX_SEED, step=1, key="xseed")
        st.caption(f"Random ±1 patterns of {EXAMPLE_SIDE}x{EXAMPLE_SIDE} = {EXAMPLE_SIDE**2} neurons, stored with the "
                   f"sidebar's rule ({memory.rule_title}).")

small: tuple[HopfieldNetwork, np.ndarray, tuple[str, ...], tuple[int, int]] | None = None
if st.session_state["exact"] == "example":
    example = state.random_set(int(st.session_state["xp"]), EXAMPLE_SIDE, int(st.session_state["xseed"]))
    try:
        example_net = state.trained_network(example.patterns, memory.rule, params)
        small = (example_net, example.patterns, example.labels, example.shape)
    except ValueError as error:
        st.error(str(error), icon=":material/error:")
elif n > analysis.EXACT_LANDSCAPE_MAX_N:
    st.warning(
        f"The exact landscape lists all $2^N$ states, so it needs N ≤ {analysis.EXACT_LANDSCAPE_MAX_N}; the stored "
        f"memory has N = {n} ($2^{{{n}}}$ ≈ {2.0**n:.1e} states). Choose the built-in example above, or "
        "Random patterns with side 4 in the sidebar. The slice and the census below work at any N.",
        icon=":material/info:",
    )
else:
    small = (net, memory.patterns, labels, memory.shape)

if small is not None:
    small_net, small_patterns, small_labels, small_shape = small
    landscape = exact(small_net, small_patterns, memory.rule, params, small_labels)
    stored_share = sum(size for size, kind in zip(landscape.basin_sizes, landscape.kinds) if kind == "stored")
    left, middle, right = st.columns(3)
    left.metric("States", f"{2**landscape.n:,}")
    middle.metric("Attractors", len(landscape.attractors))
    right.metric("States that end in a stored pattern", f"{stored_share:.1%}")
    state.chart("energy_histogram", landscape.energies, landscape.attractor_energies)
    shown = min(len(landscape.attractors), BARS_SHOWN)
    state.chart("basin_sizes", landscape.basin_sizes[:shown], list(landscape.labels[:shown]))
    if shown < len(landscape.attractors):
        st.caption(f"The {shown} largest of {len(landscape.attractors)} basins.")
    st.dataframe(
        attractor_rows(landscape.labels[:shown], landscape.basin_sizes[:shown], landscape.attractor_energies[:shown],
                       landscape.fixed_point[:shown], "basin"),
        hide_index=True,
    )
    pictured = min(len(landscape.attractors), IMAGES_SHOWN)
    st.markdown("**Stored patterns**")
    st.image(grid_png(small_patterns, small_shape, small_labels, TILE_PX))
    st.markdown("**Largest attractors** (basin share)")
    st.image(grid_png(landscape.attractors[:pictured], small_shape,
                      short_labels(landscape.labels[:pictured], landscape.basin_sizes[:pictured]), TILE_PX))

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
        left.selectbox("Pattern a", list(range(count)), format_func=labels.__getitem__, key="a")
        middle.selectbox("Pattern b", list(range(count)), format_func=labels.__getitem__, key="b")
        right.toggle("3-D surface", key="surface")
    a, b = int(st.session_state["a"]), int(st.session_state["b"])
    if a == b:
        st.warning("Choose two different patterns for a and b: the slice is the plane through both.",
                   icon=":material/warning:")
    else:
        try:
            plane = energy_slice(net, memory.patterns, memory.rule, params, a, b)
            paths, path_names = slice_paths(net, memory.patterns, memory.rule, params, labels, a, b)
        except ValueError as error:  # the engine says why in a sentence
            st.error(str(error), icon=":material/error:")
        else:
            state.chart("landscape_slice_figure", plane.m_a, plane.m_b, plane.energy, labels[a], labels[b], paths,
                  surface=bool(st.session_state["surface"]))
            st.caption(
                f"{plane.n_agree} neurons agree, {plane.n_differ} differ; {plane.energy.size:,} states sampled. "
                + "; ".join(f"recall {k + 1}: {name}" for k, name in enumerate(path_names)) + ". "
                + energy_note(memory.rule)
            )

# ---- census
st.header("Attractor census", anchor=False)
st.markdown(
    "Where do random states go? Recall from uniformly random ±1 starts and group the final states: stored "
    "patterns, reversed patterns, mixtures of three, or spurious states. The share of starts that reach an "
    "attractor estimates the size of its basin."
)
with st.container(border=True):
    st.slider("Random starts", *STARTS_RANGE, step=10, key="starts")
    # large networks take seconds: run on request, then follow the starts for the memory it was asked for
    on_request, asked = n > CENSUS_AUTO_N, memory.fingerprint
    if on_request and st.button("Run census", icon=":material/play_arrow:", type="primary", key="_census_run"):
        st.session_state[CENSUS_ON] = asked
if on_request and st.session_state.get(CENSUS_ON) != asked:
    again = "The memory changed since the last census. " if CENSUS_ON in st.session_state else ""
    st.info(f"{again}With N = {n} neurons the census takes several seconds: press **Run census**.",
            icon=":material/play_arrow:")
else:
    found = census(net, memory.patterns, memory.rule, params, labels, int(st.session_state["starts"]))
    left, right = st.columns(2)
    left.metric("Distinct final states", len(found.attractors))
    right.metric("Starts that end in a stored pattern", f"{found.kind_counts.get('stored', 0) / found.starts:.0%}")
    state.chart("census_bars", found.kind_counts)
    shown = min(len(found.attractors), BARS_SHOWN)
    st.dataframe(attractor_rows(found.labels[:shown], found.share[:shown], found.energies[:shown],
                                found.fixed_point[:shown], "share of starts"), hide_index=True)
    if shown < len(found.attractors):
        st.caption(f"The {shown} most frequent of {len(found.attractors)} final states.")
    pictured = min(len(found.attractors), IMAGES_SHOWN)
    st.markdown("**Most frequent final states** (share of starts)")
    st.image(grid_png(found.attractors[:pictured], memory.shape,
                      short_labels(found.labels[:pictured], found.share[:pictured]), TILE_PX))
    st.caption(f"{found.starts} starts, {found.mode} updates, seed 0, at most {MAX_STEPS} sweeps."
               + (f" {memory.source.credit}" if memory.source.credit else ""))
