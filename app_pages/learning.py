"""Learning over time: patterns stored one at a time, forgetting, stronger memories and dreaming."""

from __future__ import annotations

import streamlit as st

from ui import learning_view as view
from ui import sidebar

st.title("Learning over time", anchor=False)
st.markdown(
    "A memory is built one pattern at a time. Hebb's rule adds $\\frac{1}{N}\\xi\\xi^\\top$ for each pattern and "
    "breaks down for every pattern at once past $P \\approx 0.138\\,N$. Parisi's palimpsest (1986) bounds every "
    "weight, $W \\leftarrow \\mathrm{clip}(W + \\xi\\xi^\\top/\\sqrt{N}, -A, A)$: old patterns fade and the newest "
    "stay. A strength $c_\\mu$ makes a pattern deeper, $W = \\frac{1}{N}\\sum_\\mu c_\\mu \\xi^\\mu\\xi^{\\mu\\top}$, "
    "and dreaming (Hopfield, Feinstein & Palmer 1983) unlearns the states random starts fall into, "
    "$W \\leftarrow W - \\frac{\\varepsilon}{N} s^* s^{*\\top}$, which are mostly spurious."
)
memory, net = sidebar.require_network()

st.header("Stored one at a time", anchor=False)
basis, basis_names = view.stored_one_at_a_time(memory, net)

st.header("Recall against age", anchor=False)
view.recall_against_age(net)

st.header("Stronger memories", anchor=False)
view.stronger_memories(basis, basis_names, net)

st.header("Dreaming away spurious states", anchor=False)
dreaming = view.settings_of(net, "unlearning")
census_column, capacity_column = st.columns(2)
with census_column:
    view.dreaming_census(memory, dreaming)
with capacity_column:
    view.dreaming_capacity(dreaming)
