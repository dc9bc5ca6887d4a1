"""Memory playground: a modern Hopfield memory of points in the plane, its energy, descents and fixed points.

Link keys: pm (memories), ps (starts), pcount, pseed, pbeta, patt, palpha, pclick, pgrid.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from hopfield import analysis, sparse
from ui import caches, code_view, figures, plane, snippets, widgets

BETAS = [f"{float(f'{b:.3g}'):g}" for b in analysis.log_betas(0.1, 100, 8)]  # 0.1 … 100, 8 a decade
ATTENTIONS = {"softmax": "softmax", "sparsemax": "sparsemax", "entmax": "α-entmax"}
CLICK_ADDS = {"memory": "a memory", "start": "a start"}
STEP = 0.5  # each step moves the state half-way to the update's target: the paths are drawn smooth
GRID_STARTS = 6  # a 6 × 6 grid of starts when paths are drawn from the grid
FIXED_STARTS = 12  # the fixed points are the ends of descents from a 12 × 12 grid of starts
CHART = "_playground_chart"

grid_energy = caches.cached(max_entries=32)(analysis.energy_grid)
descend = caches.cached(max_entries=32)(analysis.plane_descents)
fixed_points = caches.cached(max_entries=32)(analysis.plane_fixed_points)

st.title("Memory playground", anchor=False)
st.markdown(r"""Memories are points $x_\mu$ in the plane. A state $\xi$ has the energy
$E(\xi) = -\operatorname{lse}(\beta, X\xi) + \tfrac12\lVert\xi\rVert^2$ (Ramsauer et al. 2020, without their
constants), drawn as contours, and descends by
$\xi \leftarrow (1-\eta)\,\xi + \eta\, X^\top \operatorname{softmax}(\beta X\xi)$ with $\eta = 0.5$, which never
raises $E$. It ends at one memory or at a metastable mix of several; new minima appear between memories as
$\beta$ falls. Scores are dot products, so a memory near the centre can be outweighed by those farther out and
have no valley of its own. Sparsemax and α-entmax replace softmax by attention with exact zeros, and lse by their
Hopfield–Fenchel–Young conjugate (Santos et al. 2024). Click the plane to place memories or starts.""")

top = st.container(border=True)
row = top.columns([1, 1, 2])
attention = widgets.choice("Attention", list(ATTENTIONS), "patt", "softmax", titles=ATTENTIONS, where=row[0])
alpha = widgets.number("α (entmax)", "palpha", 1.05, 1.95, 1.5, slider=True, step=0.05, where=row[1],
                       disabled=attention != "entmax", help="1 is softmax, 2 sparsemax.")
beta = float(widgets.choice("Inverse temperature β (log scale)", BETAS, "pbeta", "4.22", widget="select_slider",
                            where=row[2], help="β multiplies the dot product x_μ·ξ inside the attention."))
row = top.columns([1, 1, 1, 1])
click_adds = widgets.choice("A click adds", list(CLICK_ADDS), "pclick", "memory", titles=CLICK_ADDS, widget="radio",
                            where=row[0], horizontal=True)
count = widgets.number("Memories drawn at random", "pcount", 1, plane.MAX_POINTS, 6, where=row[1])
seed = widgets.number("Seed", "pseed", 0, widgets.MAX_SEED, 0, where=row[2])
grid_paths = widgets.toggle("Paths from a grid of starts", "pgrid", where=row[3])
with top.container(horizontal=True):
    st.button("Draw memories at random", icon=":material/casino:", on_click=st.session_state.update,
              kwargs={"pm": plane.random_points(count, seed)})
    st.button("Clear the starts", icon=":material/clear_all:", on_click=st.session_state.update, kwargs={"ps": ""})

memories = plane.linked_points("pm", plane.random_points(6, 0))
starts = plane.linked_points("ps", "")
if len(memories) == 0:
    st.info("Place a memory: draw them at random, or choose “a memory” and click the plane.",
            icon=":material/touch_app:")
    memories = plane.parse_points(plane.random_points(1, seed))
grid = grid_energy(memories, beta, attention, alpha)
found = fixed_points(memories, beta, attention, alpha, FIXED_STARTS, STEP)
clicked = descend(memories, starts, beta, attention, alpha, STEP) if len(starts) else None
from_grid = descend(memories, analysis.start_grid(GRID_STARTS), beta, attention, alpha, STEP) if grid_paths else None
shown = [descents for descents in (clicked, from_grid) if descents is not None]
paths = [descents.paths[:, k] for descents in shown for k in range(descents.paths.shape[1])]

target = "pm" if click_adds == "memory" else "ps"  # where a click on the plane goes
left, right = st.columns([3, 2], gap="medium")
with left:
    figure = caches.cached_figure(figures.playground.playground_figure, grid.xs, grid.ys, grid.energy, memories, paths,
                                  [(point.x, point.y, point.minimum) for point in found])
    st.plotly_chart(figure, key=CHART, on_select=partial(plane.add_clicked, CHART, target), selection_mode="points",
                    config={"displayModeBar": False})
    st.caption(f"{len(memories)} memories (red, numbered), β = {beta:g}, {ATTENTIONS[attention]}"
               f"{f' (α = {alpha:g})' if attention == 'entmax' else ''}. Stars: minima; crosses: other fixed points.")
with right:
    st.subheader("Where your starts end", anchor=False)
    if clicked:
        st.table(clicked.rows())
    else:
        st.caption("Choose “a start” above and click the plane: the descent is drawn and listed here.")
    st.subheader("Fixed points", anchor=False)
    st.table([point.row() for point in found])
    st.caption(f"The ends of descents from a {FIXED_STARTS} × {FIXED_STARTS} grid of starts, with the share of "
               "starts that end there.")

code_view.show_code(snippets.playground, st.session_state["pm"], st.session_state["ps"], beta, attention, alpha,
                    STEP, FIXED_STARTS)
st.caption(f"Attentions: {', '.join(sparse.ATTENTIONS)} (Martins & Astudillo 2016; Peters et al. 2019). "
           "Tutorials: Hoover et al., amtutorial; Hu et al. 2023; Santos et al. 2024.")
