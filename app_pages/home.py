"""Home: what a Hopfield network is, the seed's story in three pictures (computed live), where to go next.

The story and its pictures are functions of ui/home_view.py, called here in the order they appear.
"""

from __future__ import annotations

import streamlit as st

from ui import code_view, home_view, images, snippets, widgets

st.title("Hopfield Lab")
st.markdown(
    "A **Hopfield network** is a memory made of $N$ binary neurons $s_i = \\pm 1$, every pair joined by a symmetric "
    "weight. **Storing** $P$ pictures $\\xi^1, \\dots, \\xi^P$ (ink $= +1$) with the Hebbian rule adds up their "
    "outer products, so neurons that are on together in a memory excite each other. **Recalling** starts from a "
    "noisy picture and lets each neuron follow the sign of its input field. Each such flip, one neuron at a time, "
    "can only lower the network's **energy**, never raise it, so the state rolls downhill into a valley."
)
home_view.formulas()
st.markdown(
    "Stored patterns are meant to be those valleys. With too many, or too similar, patterns other valleys appear, "
    "*spurious states*, and recall lands there instead."
)

st.header("The seed's story in three pictures", anchor=False)
st.markdown(
    f"The ten 10×9 digits, each corrupted by flipping every bit with probability {home_view.NOISE:.0%}, then "
    f"{home_view.STEPS} synchronous updates. Each row: the noisy probe, what the network recalled and the target. "
    f"{images.WRONG_PIXELS} Computed live with this app's engine."
)
seed = widgets.number(
    "Noise seed",
    "hseed",
    0,
    widgets.MAX_SEED,
    0,
    step=1,
    width=220,
    help="Draws other noise; the same noisy digits go into all three pictures.",
)
result = home_view.story(int(seed))
flipped = ", ".join(str(int(count)) for count in result["flipped"])
st.caption(f"Bits flipped per digit: {flipped} (of {result['digits'].patterns.shape[1]}).")

first, second, third = st.columns(3)
with first:
    home_view.ten_digits(result)
with second:
    home_view.five_digits(result)
with third:
    home_view.what_fixes_it(result)
code_view.show_code(snippets.home, int(seed))  # this view as code

st.caption(
    "The ten digits and this experiment come from study notes on Hopfield networks by Aditi Pujar; the ideas of "
    "energy as a Lyapunov function, basins of attraction, spurious states and Storkey's rule follow the blog post "
    "introducing gopfield, a Go package for Hopfield networks."
)

st.header("Where to go next", anchor=False)
st.markdown(
    "The memory (pattern set, which patterns, learning rule) is chosen in the sidebar and shared by every page; "
    "the address bar keeps it, so a copied link reopens the same view."
)
home_view.where_next(home_view.GUIDE)
