"""Store patterns: what the memory holds (patterns, weights, correlations, stability, load), what damage does to
it, save and restore a network, and store your own patterns from images or drawn pixels."""

from __future__ import annotations

import streamlit as st

import hopfield
from ui import code_view, damage_view, sidebar, snippets
from ui import store_view as view

st.title("Store patterns")
st.markdown(
    "Every stored pattern $\\xi^\\mu \\in \\{-1, +1\\}^N$ is a picture of $N$ neurons (ink = +1). "
    "A classic network keeps them in one symmetric weight matrix, for the Hebbian rule "
    "$W = \\frac{1}{N}\\sum_\\mu \\xi^\\mu \\xi^{\\mu\\top}$ with $w_{ii} = 0$; neuron $i$ then follows its field, "
    "$s_i \\leftarrow \\operatorname{sign}(\\sum_j w_{ij} s_j)$. How well the memory works depends on how "
    "alike the patterns are (their correlations $C_{\\mu\\nu} = \\frac{1}{N}\\xi^\\mu\\cdot\\xi^\\nu$) and on how "
    "many there are for $N$ neurons (the load $P/P_{max}$). Choose the set, the patterns and the rule in the sidebar."
)
memory, net = sidebar.require_network()
rule = hopfield.RULES[memory.rule]
labels = memory.labels
summary = view.memory_of(net)

st.subheader("Stored patterns", anchor=False)
view.stored_patterns(memory, net, rule.title)

st.subheader("Weights", anchor=False)
view.weights(rule, net, summary, memory.shape)

st.subheader("Correlations and stability", anchor=False)
view.correlations_and_stability(summary, labels, net, rule.title)

st.subheader("Load", anchor=False)
view.load(rule, net, summary, labels)
code_view.show_code(snippets.store, memory=memory)  # this view as code

st.subheader("Damage the network", anchor=False)
st.markdown(damage_view.INTRO)
damage_view.section(memory, net)

st.subheader("Save or restore the network", anchor=False)
view.save_or_restore(memory, net)

st.subheader("Your own patterns", anchor=False)
st.markdown(
    "Upload pictures, draw, type letters or tick pixels, then store them: the sidebar's set becomes "
    "*Your own patterns*. An image is shrunk to the grid; each cell darker than its mean grey is ink (+1)."
)
st.page_link("app_pages/continuous.py", label="Gray images as real values: Continuous memories")
view.own_patterns(net.patterns, labels, memory.shape)
