"""The Home page's sections: the seed's experiment (computed live, cached), its three pictures, and the guide to
the other pages. Each function takes what it shows; the page calls them top to bottom."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import images

NOISE = 0.05  # the seed notes flip each bit with probability 0.05 ...
STEPS = 5  # ... and run five synchronous updates
FIVE = 5  # the second picture stores the digits 0-4
BETAS = (2.0, 4.0, 8.0, 16.0, 32.0)  # the modern rule's softmax, from blurry to sharp
GUIDE = (  # (page, label, icon, what it shows), in the navigation's order
    (
        "app_pages/lessons.py",
        "Lessons",
        ":material/school:",
        "Short exercises for a class: each opens the right view, asks a question and checks your answer.",
    ),
    (
        "app_pages/store.py",
        "Store patterns",
        ":material/grid_on:",
        "See the weights of the ten digits, which digits are stable, and store your own drawings or images.",
    ),
    (
        "app_pages/recall.py",
        "Corrupt & recall",
        ":material/restore:",
        "Corrupt a 7 and watch it recall step by step, with its energy going downhill.",
    ),
    (
        "app_pages/compare.py",
        "Compare learning rules",
        ":material/compare_arrows:",
        "Put Hebbian, Storkey, pseudo-inverse, dense and modern rules side by side: capacity and basins.",
    ),
    (
        "app_pages/landscape.py",
        "Energy landscape",
        ":material/landscape:",
        "Count every valley of a small network, or slice the energy between two stored digits.",
    ),
    (
        "app_pages/continuous.py",
        "Continuous memories",
        ":material/gradient:",
        "Store grayscale photos and digits as real values: β takes a probe from the average to one memory.",
    ),
    (
        "app_pages/playground.py",
        "Memory playground",
        ":material/scatter_plot:",
        "Place memories in the plane by clicking and watch states descend the energy contours to a memory or a mix.",
    ),
    (
        "app_pages/learning.py",
        "Learning over time",
        ":material/timeline:",
        "Store patterns one at a time: old ones fade under a palimpsest, strong ones deepen, dreams clear spurious "
        "ones.",
    ),
    (
        "app_pages/sequences.py",
        "Sequences",
        ":material/animation:",
        "Type a word and store its letters as a cycle: asymmetric weights play it back, one letter a step.",
    ),
)


def _recalled(rule: str, patterns: np.ndarray, noisy: np.ndarray, **params: float) -> np.ndarray:
    """The states after `STEPS` synchronous updates of a memory of `patterns` from `noisy`."""
    net = hopfield.HopfieldNetwork.train(patterns, rule, **params)
    return net.recall(noisy, mode="sync", max_steps=STEPS).states


def _count(states: np.ndarray, targets: np.ndarray) -> int:
    """How many rows of `states` equal their target row."""
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
        "rules": [
            (rule.title, _count(_recalled(name, targets, noisy), targets))
            for name, rule in hopfield.RULES.items()
        ],
        "betas": {
            beta: _count(_recalled("modern", targets, noisy, beta=beta), targets) for beta in BETAS
        },
        "best": best,
    }


def beta_words(betas: dict[float, int]) -> str:
    """The β story in numbers: the sharpest β that still fails and the softest that recalls every digit."""
    counts = " · ".join(f"β = {beta:g}: {count} of 10" for beta, count in betas.items())
    failing = [beta for beta, count in betas.items() if count < 10]
    recalling = [beta for beta, count in betas.items() if count == 10]
    if not failing or not recalling:
        return f"The modern rule with this noise: {counts}."
    return (
        f"The modern rule needs a sharp enough softmax for such similar digits: at β = {max(failing):g} "
        f"it recalls {betas[max(failing)]} of 10 (a blurry softmax settles on blends of similar digits), at "
        f"β = {min(recalling):g} all 10 ({counts})."
    )


@st.cache_data(max_entries=16, show_spinner=False)
def table_png(
    noisy: np.ndarray, recalled: np.ndarray, targets: np.ndarray, shape: tuple[int, int]
) -> bytes:
    """The seed's three-column figure (noisy, recalled, target, with a tick or cross per row) as PNG."""
    ok = (recalled == targets).all(axis=1)
    return images.to_png(images.recall_table(noisy, recalled, targets, shape, ok))


def outcome_words(kinds: list[str]) -> str:
    """How the recalls that missed their target ended, counted: "2 spurious, 1 mixture"."""
    counts = {
        kind: kinds.count(kind) for kind in analysis.OUTCOMES if kind != "target" and kind in kinds
    }
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


def formulas() -> None:
    """Storing, recalling and the energy, one formula a column."""
    store_formula, recall_formula, energy_formula = st.columns(3)
    store_formula.latex(r"W = \frac{1}{N}\sum_{\mu=1}^{P} \xi^\mu \xi^{\mu\top},\quad w_{ii} = 0")
    recall_formula.latex(r"s_i \leftarrow \operatorname{sign}\Big(\sum_j w_{ij}\, s_j\Big)")
    energy_formula.latex(r"E(s) = -\tfrac{1}{2}\, s^\top W s")


def recall_picture(
    heading: str,
    recalled: np.ndarray,
    targets: np.ndarray,
    noisy: np.ndarray,
    kinds: list[str],
    shape,
) -> None:
    """A picture of the story: its heading, how many were recalled and how the others ended, the figure."""
    count = _count(recalled, targets)
    st.markdown(f"**{heading}**")
    st.markdown(
        f"**{count} of {len(targets)} recalled** — {outcome_words(kinds) or 'none missed'}."
    )
    st.image(table_png(noisy, recalled, targets, shape))


def ten_digits(result: dict) -> None:
    """The first picture: Hebb's rule fails on the ten correlated digits."""
    digits = result["digits"]
    recall_picture(
        "1. Ten digits, Hebbian rule: recall fails.",
        result["ten"],
        digits.patterns,
        result["noisy"],
        result["ten_kinds"],
        digits.shape,
    )
    st.caption(
        "Ten patterns in 90 neurons is below the famous 0.138 N ≈ 12, but that limit is for random patterns. "
        "These digits overlap heavily (a 6, an 8 and a 9 share most pixels), so the other memories' crosstalk "
        "drowns each digit's own field and the states settle in spurious valleys."
    )


def five_digits(result: dict) -> None:
    """The second picture: five digits, a lighter load."""
    digits = result["digits"]
    recall_picture(
        f"2. Five digits (0–{FIVE - 1}): a lighter load.",
        result["five"],
        digits.patterns[:FIVE],
        result["noisy"][:FIVE],
        result["five_kinds"],
        digits.shape,
    )
    st.caption(
        "Fewer memories, less crosstalk: the load is lower, yet correlated digits still pull each other off."
    )


def what_fixes_it(result: dict) -> None:
    """The third picture: every rule's count, the dense memory's recall, and the β story."""
    digits = result["digits"]
    targets = digits.patterns
    st.markdown("**3. What fixes it: better rules and dense memories.**")
    rows = "\n".join(f"| {title} | {count} of 10 |" for title, count in result["rules"])
    st.markdown(f"| Learning rule | Recalled |\n| --- | --- |\n{rows}")
    st.markdown(f"**Dense (exponential): {_count(result['best'], targets)} of 10 recalled.**")
    st.image(table_png(result["noisy"], result["best"], targets, digits.shape))
    st.caption(
        "The pseudo-inverse rule decorrelates the patterns before storing them; dense memories replace the "
        "pairwise energy by $E = -\\sum_\\mu F(\\xi^\\mu\\cdot s)$ with a steep $F$, so the nearest memory "
        "dominates (each rule runs its defaults: "
        f"β = {hopfield.RULES['modern'].defaults()['beta']:g} for the modern rule)."
    )
    st.markdown(beta_words(result["betas"]))


def where_next(guide: tuple[tuple[str, str, str, str], ...]) -> None:
    """A link to each page of `guide`, beside what it shows."""
    for page, label, icon, what in guide:
        link, words = st.columns([1, 2], vertical_alignment="center")
        link.page_link(page, label=label, icon=icon)
        words.markdown(what)
