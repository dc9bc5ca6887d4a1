"""Home: what a Hopfield network is, the seed's story in three pictures (computed live), where to go next."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import code_view, images, snippets, widgets

NOISE = 0.05  # the seed notes flip each bit with probability 0.05 ...
STEPS = 5  # ... and run five synchronous updates
FIVE = 5  # the second picture stores the digits 0-4
BETAS = (2.0, 4.0, 8.0, 16.0, 32.0)  # the modern rule's softmax, from blurry to sharp


def _recalled(rule: str, patterns: np.ndarray, noisy: np.ndarray, **params: float) -> np.ndarray:
    """The states after `STEPS` synchronous updates of a memory of `patterns` from `noisy`."""
    net = hopfield.HopfieldNetwork.train(patterns, rule, **params)
    return net.recall(noisy, mode="sync", max_steps=STEPS).states


def _count(states: np.ndarray, targets: np.ndarray) -> int:
    return int((states == targets).all(axis=1).sum())


@st.cache_data(max_entries=16, show_spinner=False)
def story(seed: int) -> dict:
    """The seed's experiment with noise drawn from `seed`: the ten digits, the first five, every rule, and β."""
    digits = hopfield.load_set("digits")
    targets = digits.patterns
    noisy = hopfield.corrupt(targets, "flip", NOISE, seed=seed)
    ten = _recalled("hebbian", targets, noisy)
    five = _recalled("hebbian", targets[:FIVE], noisy[:FIVE])
    best = _recalled("dense-exp", targets, noisy)
    return {
        "digits": digits,
        "noisy": noisy,
        "flipped": (noisy != targets).sum(axis=1),
        "ten": ten,
        "ten_kinds": analysis.classify(targets, ten, np.arange(len(targets))),
        "five": five,
        "five_kinds": analysis.classify(targets[:FIVE], five, np.arange(FIVE)),
        "rules": [(rule.title, _count(_recalled(name, targets, noisy), targets))
                  for name, rule in hopfield.RULES.items()],
        "betas": {beta: _count(_recalled("modern", targets, noisy, beta=beta), targets) for beta in BETAS},
        "best": best,
    }


def beta_words(betas: dict[float, int]) -> str:
    """The β story in numbers: the sharpest β that still fails and the softest that recalls every digit."""
    counts = " · ".join(f"β = {beta:g}: {count} of 10" for beta, count in betas.items())
    failing = [beta for beta, count in betas.items() if count < 10]
    recalling = [beta for beta, count in betas.items() if count == 10]
    if not failing or not recalling:
        return f"The modern rule with this noise: {counts}."
    return (f"The modern rule needs a sharp enough softmax for such similar digits: at β = {max(failing):g} "
            f"it recalls {betas[max(failing)]} of 10 (a blurry softmax settles on blends of similar digits), at "
            f"β = {min(recalling):g} all 10 ({counts}).")


@st.cache_data(max_entries=16, show_spinner=False)
def table_png(noisy: np.ndarray, recalled: np.ndarray, targets: np.ndarray, shape: tuple[int, int]) -> bytes:
    """The seed's three-column figure (noisy, recalled, target, with a tick or cross per row) as PNG."""
    ok = (recalled == targets).all(axis=1)
    return images.to_png(images.recall_table(noisy, recalled, targets, shape, ok))


def outcome_words(kinds: list[str]) -> str:
    """"2 spurious, 1 mixture" for the recalls that missed their target."""
    counts = {kind: kinds.count(kind) for kind in analysis.OUTCOMES if kind != "target" and kind in kinds}
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


st.title("Hopfield Lab")
st.markdown(
    "A **Hopfield network** is a memory made of $N$ binary neurons $s_i = \\pm 1$, every pair joined by a symmetric "
    "weight. **Storing** $P$ pictures $\\xi^1, \\dots, \\xi^P$ (ink $= +1$) with the Hebbian rule adds up their "
    "outer products, so neurons that are on together in a memory excite each other. **Recalling** starts from a "
    "noisy picture and lets each neuron follow the sign of its input field. Each such flip, one neuron at a time, "
    "can only lower the network's **energy**, never raise it, so the state rolls downhill into a valley."
)
store_formula, recall_formula, energy_formula = st.columns(3)
store_formula.latex(r"W = \frac{1}{N}\sum_{\mu=1}^{P} \xi^\mu \xi^{\mu\top},\quad w_{ii} = 0")
recall_formula.latex(r"s_i \leftarrow \operatorname{sign}\Big(\sum_j w_{ij}\, s_j\Big)")
energy_formula.latex(r"E(s) = -\tfrac{1}{2}\, s^\top W s")
st.markdown(
    "Stored patterns are meant to be those valleys. With too many, or too similar, patterns other valleys appear, "
    "*spurious states*, and recall lands there instead."
)

st.header("The seed's story in three pictures", anchor=False)
st.markdown(
    f"The ten 10×9 digits, each corrupted by flipping every bit with probability {NOISE:.0%}, then {STEPS} "
    "synchronous updates. Each row: the noisy probe, what the network recalled and the target. "
    f"{images.WRONG_PIXELS} Computed live with this app's engine."
)
seed = widgets.number("Noise seed", "hseed", 0, widgets.MAX_SEED, 0, step=1, width=220,
                    help="Draws other noise; the same noisy digits go into all three pictures.")
result = story(int(seed))
digits = result["digits"]
targets = digits.patterns
flipped = result["flipped"]
st.caption(f"Bits flipped per digit: {', '.join(str(int(count)) for count in flipped)} (of {targets.shape[1]}).")

first, second, third = st.columns(3)
with first:
    recalled = int((result["ten"] == targets).all(axis=1).sum())
    st.markdown("**1. Ten digits, Hebbian rule: recall fails.**")
    st.markdown(f"**{recalled} of 10 recalled** — {outcome_words(result['ten_kinds']) or 'none missed'}.")
    st.image(table_png(result["noisy"], result["ten"], targets, digits.shape))
    st.caption(
        "Ten patterns in 90 neurons is below the famous 0.138 N ≈ 12, but that limit is for random patterns. "
        "These digits overlap heavily (a 6, an 8 and a 9 share most pixels), so the other memories' crosstalk "
        "drowns each digit's own field and the states settle in spurious valleys."
    )
with second:
    recalled = int((result["five"] == targets[:FIVE]).all(axis=1).sum())
    st.markdown("**2. Five digits (0–4): a lighter load.**")
    st.markdown(f"**{recalled} of {FIVE} recalled** — {outcome_words(result['five_kinds']) or 'none missed'}.")
    st.image(table_png(result["noisy"][:FIVE], result["five"], targets[:FIVE], digits.shape))
    st.caption("Fewer memories, less crosstalk: the load is lower, yet correlated digits still pull each other off.")
with third:
    best = int((result["best"] == targets).all(axis=1).sum())
    st.markdown("**3. What fixes it: better rules and dense memories.**")
    rows = "\n".join(f"| {title} | {count} of 10 |" for title, count in result["rules"])
    st.markdown(f"| Learning rule | Recalled |\n| --- | --- |\n{rows}")
    st.markdown(f"**Dense (exponential): {best} of 10 recalled.**")
    st.image(table_png(result["noisy"], result["best"], targets, digits.shape))
    st.caption(
        "The pseudo-inverse rule decorrelates the patterns before storing them; dense memories replace the pairwise "
        "energy by $E = -\\sum_\\mu F(\\xi^\\mu\\cdot s)$ with a steep $F$, so the nearest memory dominates "
        f"(each rule runs its defaults: β = {hopfield.RULES['modern'].defaults()['beta']:g} for the modern rule)."
    )
    st.markdown(beta_words(result["betas"]))
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
guide = [
    ("app_pages/store.py", "Store patterns", ":material/grid_on:",
     "See the weights of the ten digits, which digits are stable, and store your own drawings or images."),
    ("app_pages/recall.py", "Corrupt & recall", ":material/restore:",
     "Corrupt a 7 and watch it recall step by step, with its energy going downhill."),
    ("app_pages/compare.py", "Compare learning rules", ":material/compare_arrows:",
     "Put Hebbian, Storkey, pseudo-inverse, dense and modern rules side by side: capacity and basins."),
    ("app_pages/landscape.py", "Energy landscape", ":material/landscape:",
     "Count every valley of a small network, or slice the energy between two stored digits."),
    ("app_pages/continuous.py", "Continuous memories", ":material/gradient:",
     "Store grayscale photos and digits as real values: β takes a probe from the average to one memory."),
    ("app_pages/playground.py", "Memory playground", ":material/scatter_plot:",
     "Place memories in the plane by clicking and watch states descend the energy contours to a memory or a mix."),
    ("app_pages/learning.py", "Learning over time", ":material/timeline:",
     "Store patterns one at a time: old ones fade under a palimpsest, strong ones deepen, dreams clear spurious ones."),
]
for page, label, icon, what in guide:
    link, words = st.columns([1, 2], vertical_alignment="center")
    link.page_link(page, label=label, icon=icon)
    words.markdown(what)
