"""Compare learning rules: every rule on the same patterns, capacity curves and basins of attraction."""

from __future__ import annotations

import streamlit as st

import hopfield
from hopfield import analysis
from ui import code_view, compare_scaling, compare_view, rule_table, sidebar, snippets, words

TITLES = {name: rule.title for name, rule in hopfield.RULES.items()}
SEED = 0  # the same corrupted probes and the same random sets for every rule
MAX_STEPS = 100
INTRO = (
    "Every learning rule stores the same patterns, and every stored pattern is corrupted and "
    "recalled. A recall succeeds when the final state equals the stored pattern exactly; its quality "
    "is the overlap $m = \\frac{1}{N}\\,\\xi^\\mu\\cdot s$ ($m = 1$ is a perfect recall). Capacity "
    "curves store $P$ random patterns of $N$ neurons and measure exact recall as $P$ grows, against "
    "each rule's theoretical $P_{\\max}$; the theories count in different ways (exact recall, or a "
    "few bits wrong), and each says which. Basin curves flip a growing fraction of bits: the wider a "
    "rule's basins, the more noise it forgives."
)
CAPACITY = (
    "Random ±1 patterns, fresh for every trial: store $P$ of them, flip a few bits of each and "
    "recall synchronously. Success is the fraction of all probes ($P$ per trial) recalled exactly; "
    "dashed lines mark each rule's theoretical $P_{\\max}$."
)
BASINS = (
    "stored by each rule: at every noise level $f$ each pattern is corrupted several times (the "
    "trials below), each time with exactly $\\mathrm{round}(fN)$ bits flipped, and recalled "
    "synchronously. Success is the fraction recalled exactly; the curve falls where the basins end."
)
PHASE = (
    "Hebb's rule with $P = \\alpha N$ random patterns, each run from itself under Glauber dynamics at "
    "temperature $T$ ($P(s_i = +1) = 1/(1 + e^{-2h_i/T})$). The colour is the mean final overlap $m$ "
    "with the pattern: retrieval (bright) needs both a low load and a low temperature. The dark line: "
    f"the retrieval boundary of {analysis.AGS_SOURCE.split(':')[0]}, from $T_c = 1$ at "
    "$\\alpha \\to 0$ to $\\alpha_c \\approx 0.138$ at $T = 0$."
)

st.title("Compare learning rules", anchor=False)
st.markdown(INTRO)
with st.expander("Theory lines and what each one counts", icon=":material/menu_book:"):
    st.markdown(
        "\n".join(f"- **{rule.title}**: {rule.theory_text}" for rule in hopfield.RULES.values())
    )
memory, net = sidebar.require_network()

st.header("The stored set, every rule", anchor=False)
noise = rule_table.noise_control()
done = rule_table.stored_set(memory, net, noise, TITLES, SEED, MAX_STEPS)
code_view.show_code(snippets.compare, noise, memory=memory)  # this view as code
rule_table.timings_and_recalls(done, memory, TITLES)

st.header("Capacity curves", anchor=False)
st.markdown(CAPACITY)
compare_view.capacity_curves(net, TITLES, SEED)

st.header("Capacity against N", anchor=False)
compare_scaling.capacity_against_n(net, TITLES, SEED)

st.header("Basins of attraction", anchor=False)
st.markdown(f"The memory's own {words.counted(len(memory.labels), 'pattern')}, {BASINS}")
compare_view.basin_curves(memory, net, TITLES, SEED, MAX_STEPS)

st.header("Phase diagram: temperature against load", anchor=False)
st.markdown(PHASE)
compare_view.phase_diagram(st.session_state.setdefault(compare_view.PHASE_KEY, {}), SEED)
