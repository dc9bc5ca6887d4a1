"""Energy landscape: energy along recalls, every state of a small network, a 2-D slice and an attractor census."""

from __future__ import annotations

import streamlit as st

from hopfield import RULES, analysis
from ui import landscape_view as view
from ui import sidebar

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
energy_note = RULES[memory.rule].energy

st.header("Energy along a recall", anchor=False)
view.energy_along_recalls(memory, net, energy_note)

st.header("Every state of a small network", anchor=False)
st.markdown(
    f"With $N \\le {analysis.EXACT_LANDSCAPE_MAX_N}$ neurons all $2^N$ states can be listed: each one's energy, and "
    "the attractor it descends to (async updates in a fixed order, or sync for the modern network). An attractor's "
    "*basin* is the share of all states that end in it."
)
small = view.small_network(memory, net)
if small is not None:
    view.every_state(*small)

st.header("A slice through two stored patterns", anchor=False)
st.markdown(
    "For any $N$: the plane of states between stored patterns $a$ and $b$. Starting from $\\xi^a$, flip some of "
    "the neurons where $a$ and $b$ agree and some where they differ; each state is placed at its overlaps "
    "$(m_a, m_b)$, $m = \\frac1N\\,\\xi\\cdot s$. $\\xi^a$ sits at $m_a = 1$, $\\xi^b$ at $m_b = 1$, their reversals "
    "opposite. Lines are recalls drawn in the same plane, from a circle to an arrow."
)
view.slice_through(net, tuple(memory.labels), energy_note)

st.header("Attractor census", anchor=False)
st.markdown(
    "Where do random states go? Recall from uniformly random ±1 starts and group the final states: stored "
    "patterns, reversed patterns, mixtures of three, or spurious states. The share of starts that reach an "
    "attractor estimates the size of its basin."
)
view.attractor_census(memory, net)
