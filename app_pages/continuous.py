"""Continuous memories: real-valued images in a modern Hopfield network, β through its three regimes.

Link keys: cset, cimage, cprobe, camount, cseed, cbeta, cheld, catt, calpha. The page keeps its own memory: no
Memory sidebar here.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import caches, code_view, continuous_controls, continuous_views, snippets

recall = caches.cached(max_entries=32, spinner="Recalling…")(analysis.continuous_recall)
sweep = caches.cached(max_entries=16, spinner="Sweeping β…")(analysis.beta_sweep)

INTRO = (
    r"""A modern Hopfield network (Ramsauer et al. 2020) stores real-valued images $\xi^\mu$, each
standardised to mean 0 and variance 1, and moves a state by
$\xi \leftarrow X^\top \operatorname{softmax}(\beta X\xi/N)$:
a weighted average of the memories, weighted by their correlation $\xi^\mu\!\cdot\xi/N$ with the state. Each step
lowers """
    + f"${hopfield.modern.ENERGY_LATEX}$"
    + r""" ($M^2 = 1$ for standardised images). Small $\beta$ ends
in the average of all memories, large $\beta$ in a single memory. In between, where a set holds groups of similar
memories (MNIST and optdigits), a metastable state averages one group: their β sweeps show all three regimes. The
photos are too unlike each other for that: their sweep goes from the average straight to single memories.
Sparsemax and α-entmax attention replace softmax by weights with exact zeros, and lse by its Tsallis conjugate
(the Hopfield–Fenchel–Young energy, Santos et al. 2024): they reach single memories at a smaller β."""
)

st.title("Continuous memories", anchor=False)
st.markdown(INTRO)

gray, chosen = continuous_controls.controls()
patterns = gray.patterns
try:
    net = caches.modern_network(patterns, chosen.beta, chosen.attention, chosen.alpha)
    probe = hopfield.real_probe(
        patterns, chosen.index, chosen.kind, gray.shape, chosen.amount, chosen.seed
    )
    run = recall(net, probe, clamp=chosen.clamp(gray.shape))
except ValueError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()

target = gray.labels[chosen.index]
betas = np.array([float(b) for b in continuous_controls.BETAS])
left, right = st.columns(2, gap="medium")
with left:
    swept = sweep(
        patterns, probe, patterns[chosen.index], betas, 200, chosen.attention, chosen.alpha
    )
    single_from = swept.first_beta("single")
    continuous_views.recall_result(gray, chosen, probe, run, single_from, net.memory.alpha)
with right:
    continuous_views.attention_result(gray, chosen.index, run)

code_view.show_code(
    snippets.continuous,
    chosen.set_name,
    chosen.index,
    chosen.kind,
    chosen.amount,
    chosen.seed,
    chosen.beta,
    files=gray.labels,
    side=gray.shape[0],
    held=chosen.held,
    attention=chosen.attention,
    alpha=chosen.alpha,
)  # this view as code
sweep_tab, values_tab, familiar_tab = st.tabs(["β sweep", "Keys → values", "Familiarity"])
with sweep_tab:
    continuous_views.beta_sweep_view(swept, chosen, target, len(gray.labels))
    continuous_views.attention_sweeps(
        patterns,
        probe,
        patterns[chosen.index],
        continuous_controls.BETAS,
        chosen.alpha,
        chosen.beta,
    )
with values_tab:
    continuous_views.keys_to_values(gray, chosen, probe)
with familiar_tab:
    continuous_views.familiarity_view(chosen.beta, chosen.kind, chosen.amount, chosen.seed)
if gray.credit:
    st.caption(gray.credit)
