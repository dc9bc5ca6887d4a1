"""Memory playground: a modern Hopfield memory of points in the plane, its energy, descents and fixed points.

Link keys: pm (memories), ps (starts), pcount, pseed, pbeta, patt, palpha, pclick, pgrid.
"""

from __future__ import annotations

import streamlit as st

from hopfield import sparse
from ui import code_view, plane, playground_view, snippets

INTRO = r"""Memories are points $x_\mu$ in the plane. A state $\xi$ has the energy
$E(\xi) = -\operatorname{lse}(\beta, X\xi) + \tfrac12\lVert\xi\rVert^2$ (Ramsauer et al. 2020, without their
constants), drawn as contours, and descends by
$\xi \leftarrow (1-\eta)\,\xi + \eta\, X^\top \operatorname{softmax}(\beta X\xi)$ with $\eta = 0.5$, which never
raises $E$. It ends at one memory or at a metastable mix of several; new minima appear between memories as
$\beta$ falls. Scores are dot products, so a memory near the centre can be outweighed by those farther out and
have no valley of its own. Sparsemax and α-entmax replace softmax by attention with exact zeros, and lse by their
Hopfield–Fenchel–Young conjugate (Santos et al. 2024). Click the plane to place memories or starts."""

st.title("Memory playground", anchor=False)
st.markdown(INTRO)
settings = playground_view.controls()
memories = playground_view.placed_memories(settings.seed)
starts = plane.linked_points("ps", "")
found = playground_view.fixed_points_of(memories, settings)
clicked, from_grid = playground_view.descents(memories, starts, settings)

left, right = st.columns([3, 2], gap="medium")
with left:
    playground_view.the_plane(
        memories, playground_view.drawn_paths(clicked, from_grid), found, settings
    )
with right:
    playground_view.where_things_end(clicked, found)

code_view.show_code(
    snippets.playground,
    st.session_state["pm"],
    st.session_state["ps"],
    settings.beta,
    settings.attention,
    settings.alpha,
    playground_view.STEP,
    playground_view.FIXED_STARTS,
)
st.caption(
    f"Attentions: {', '.join(sparse.ATTENTIONS)} (Martins & Astudillo 2016; Peters et al. 2019). "
    "Tutorials: Hoover et al., amtutorial; Hu et al. 2023; Santos et al. 2024."
)
