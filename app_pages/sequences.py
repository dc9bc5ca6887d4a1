"""Sequences: a cycle of patterns played back in order by asymmetric weights (Chaudhry, Zavatone-Veth,
Krotov & Pehlevan 2023, "Long Sequence Hopfield Memory").

Link keys: qsource, qword, qdigits, qrule, qdegree, qnoise, qseed, qframe. No Memory sidebar here.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

from hopfield import SEQUENCE_RULES, analysis, sequences, text
from hopfield.analysis import sweeps
from ui import caches, code_view, cycles, figures, images, snippets, widgets

SOURCES = {"word": "A word you type", "digits": "MNIST digits in order"}
TITLES = {"linear": "Linear", "dense-poly": "Dense polynomial", "dense-exp": "Dense exponential"}
N_VALUES = {
    "linear": (25, 50, 100, 200, 400),
    "dense-poly": (10, 15, 20, 30, 40),
    "dense-exp": (6, 8, 10, 12, 14),
}
TRIALS, SEED, PICTURE_PX, GIF_MS = 10, 0, 220, 4000
replay = caches.cached(max_entries=32, spinner="Replaying…")(cycles.replay)
animation = caches.cached(max_entries=16)(images.recall_gif)


@caches.cached(max_entries=32)
def cycle(source: str, word: str, digits: int) -> cycles.Cycle:
    """The patterns to store in order: the typed word's letters, or MNIST digits 0, 1, 2, ..."""
    return cycles.word_cycle(word) if source == "word" else cycles.digit_cycle(digits)


def measure(missing: dict, progress: sweeps.RuleProgress) -> sweeps.RuleRuns:
    """The length capacity of each missing rule at its N values, one rule after another."""
    each = partial(analysis.length_capacity, trials=TRIALS, seed=SEED)
    return sweeps.run_per_rule(
        list(missing), lambda rule, report: each(rule, N_VALUES[rule], progress=report), progress
    )


def controls() -> tuple:
    """The cycle's source, the rule storing it and the noise on its first pattern."""
    row = st.container(border=True).columns(4)
    source = widgets.choice(
        "Sequence", list(SOURCES), "qsource", "word", titles=SOURCES, where=row[0]
    )
    word, digits = "", 10
    if source == "word":
        word = widgets.text("Word", "qword", "HOPFIELD", text.MAX_CHARACTERS, where=row[1])
    else:
        digits = widgets.number("Digits", "qdigits", 2, 100, 10, where=row[1])
    rule = widgets.choice("Rule", SEQUENCE_RULES, "qrule", "dense-exp", titles=TITLES, where=row[2])
    degree = 3
    if rule == "dense-poly":
        degree = widgets.number("Degree d", "qdegree", 2, 10, 3, where=row[2])
    noise = widgets.number(
        "Noise on the first pattern", "qnoise", 0.0, 0.4, 0.1, slider=True, step=0.01, where=row[3]
    )
    seed = widgets.number("Random seed", "qseed", 0, widgets.MAX_SEED, 0, where=row[3])
    return source, word, digits, rule, degree, noise, seed


def play(found: cycles.Replay, stored: cycles.Cycle, rule: str) -> None:
    """The replay frame by frame, what each frame shows, and the animation to download."""
    shown = cycles.shown(found.frames, stored.patterns, stored.labels)
    last = len(found.frames) - 1
    picture, words = st.columns([1, 2], gap="medium")
    with words:
        frame = widgets.number("Step", "qframe", 0, last, 0, slider=True)
        st.markdown("Played: " + " → ".join(shown))
        st.caption(
            f"Transitions exact: {int(found.exact.sum())} of {len(found.exact)}. A frame shows the "
            f"stored pattern it overlaps most when m ≥ {cycles.SHOWN_OVERLAP} (else ?). Two laps "
            f"from the first pattern with noise. {stored.credit}"
        )
        for label in cycles.repeated(stored.patterns, stored.labels):
            st.warning(
                f"{label} is stored twice: it has two successors, and a memory that sees only the "
                "current pattern cannot know which comes next.",
                icon=":material/warning:",
            )
    png = caches.grid_png(found.frames[frame][None], stored.shape, side_px=PICTURE_PX)
    picture.image(png, caption=f"step {frame}: {shown[frame]}")
    scale = images.default_scale(stored.shape, PICTURE_PX)
    gif = animation(found.frames, stored.shape, scale, int(np.clip(GIF_MS / len(shown), 30, 500)))
    name = f"sequence_{rule}.gif"
    picture.download_button("Download GIF", gif, name, "image/gif", icon=":material/download:")


def band(found: cycles.Replay, labels: tuple[str, ...]) -> None:
    """The overlaps with every stored pattern against time: a diagonal band while the cycle plays."""
    st.header("Overlap with every pattern", anchor=False)
    caches.chart(figures.sequences.overlap_band, found.overlaps, list(labels))
    st.caption(
        "Each column is a step, each row a stored pattern, the colour its overlap m = ξ·s / N. Played in "
        "order, the m = 1 cells climb one row a step and wrap round at the end of the cycle."
    )


def capacity() -> None:
    """The longest cycle each rule replays, against N, beside the paper's theory lines."""
    st.header("How long a cycle?", anchor=False)
    pressed = st.button("Measure the length capacity", icon=":material/play_arrow:", type="primary")
    lineup = {rule: {} for rule in SEQUENCE_RULES}
    run = measure if pressed else None
    found = caches.swept("sequences", (TRIALS, SEED), lineup, run, "neuron counts", TITLES)
    if len(found) < len(lineup):
        st.info(
            f"Press the button to find, at each N, the longest cycle of random patterns each rule "
            f"replays perfectly in half of {TRIALS} trials (a few seconds).",
            icon=":material/info:",
        )
        return
    measured = {rule: (curve.n_values, curve.longest) for rule, (curve, _) in found.items()}
    theory = {
        rule: {c: curve.theory(c) for c in sequences.CRITERIA} for rule, (curve, _) in found.items()
    }
    caches.chart(
        figures.sequences.length_capacity_figure, measured, theory, TITLES, sequences.CRITERIA
    )
    st.caption(
        "Theory (Chaudhry et al. 2023): the signal-to-noise ratio of a transition, SNR² = S / P with "
        "S = N (linear), N^d / (2d − 1)!! (polynomial, d = 3) and e^{2β} / cosh(2β/N)^N "
        "(exponential, β = N). Dotted: one transition exact (SNR² = 2 ln N); dashed: the whole "
        "cycle exact, all P transitions at once (SNR² = 2 ln P·N). A measured length passes when every "
        "transition is exact."
    )


def no_energy(asymmetry: float) -> None:
    """Why a sequence memory has no energy."""
    st.header("Why there is no energy here", anchor=False)
    st.markdown(
        "The linear rule's weights $W = \\frac1N\\sum_\\mu \\xi^{\\mu+1}\\xi^{\\mu\\top}$ point from "
        "each pattern to the next, so $w_{ij} \\neq w_{ji}$: here for "
        f"{asymmetry:.0%} of the pairs. An energy $E = -\\frac12 s^\\top W s$ only sees the symmetric "
        "part $\\frac12(W + W^\\top)$, so it cannot tell the dynamics where to go: Hopfield's "
        "(1982) proof that every update lowers $E$ needs $w_{ij} = w_{ji}$. Without it a network "
        "can cycle for ever, which is what a sequence memory does: it walks the cycle instead of "
        "settling in a minimum."
    )


st.title("Sequences", anchor=False)
st.markdown(
    "Asymmetric weights store a cycle: from each pattern the network steps to the next, "
    "$x \\leftarrow \\operatorname{sign}(\\sum_\\mu \\xi^{\\mu+1} F(\\xi^\\mu\\cdot x / N))$, with "
    "$F(m) = m$ (linear), $m^d$ (dense polynomial) or $e^{\\beta m}$ (dense exponential), "
    "Chaudhry, Zavatone-Veth, Krotov & Pehlevan (2023). After the last pattern comes the first."
)
source, word, digits, rule, degree, noise, seed = controls()
try:
    stored = cycle(source, word, digits)
    found = replay(stored.patterns, rule, degree, noise, seed)
except ValueError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()
play(found, stored, rule)
code_view.show_code(
    snippets.sequences, source, word, digits, rule, degree, noise, seed, cycles.SHOWN_OVERLAP
)
band(found, stored.labels)
capacity()
no_energy(found.asymmetry)
