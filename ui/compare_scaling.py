"""The Compare page's capacity against N: every chosen rule's largest number of random patterns at N = 16, 32, …,
on log axes with its theory line, measured on the button with a progress bar."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import streamlit as st

from hopfield.analysis import sweeps
from ui import caches, figures, widgets

MAX_P = 256  # the largest P the search tries: a rule that holds it is drawn as "at least"
DEFAULT_RULES = ["hebbian", "storkey", "pseudoinverse", "dense-poly", "modern"]
LARGEST_N = {64: "64", 128: "128", 256: "256"}


def n_axis(largest: int) -> list[int]:
    """N = 16, 32, … up to `largest`."""
    return [16 * 2**k for k in range(int(np.log2(largest / 16)) + 1)]


def capacity_against_n(net: Any, titles: dict[str, str], seed: int) -> None:
    """The section: a form, its sweep (`sweeps.capacity_scalings`) on the button, the figure and the table."""
    st.markdown(
        "How many random patterns each rule holds as N grows: the largest $P$ at which at least half of the probes "
        "(every stored pattern, a few bits flipped) are recalled exactly, found by doubling $P$ and then bisecting, "
        f"up to $P = {MAX_P}$. On log axes the pairwise rules grow like $N$, the dense rules like a power of $N$, "
        "and the exponential and modern memories leave them behind (the sweep that outgrows a laptop first: the "
        "engine runs it on any executor, a dask cluster too, see the README)."
    )
    with st.form("scaling_form", border=True, enter_to_submit=False):
        left, middle, right = st.columns(3)
        largest = widgets.choice("Largest N", list(LARGEST_N), "gnmax", 128, titles=LARGEST_N, where=left)
        trials = widgets.number("Trials per P", "gtrials", 1, 20, 4, where=middle, step=1)
        noise = widgets.number("Noise", "gnoise", 0.0, 0.3, 0.1, slider=True, step=0.01, where=right,
                               help="Fraction of bits flipped in each probe: without noise a rule whose weights "
                               "vanish (pseudo-inverse beyond P = N) would keep every probe as it is.")
        chosen = widgets.choices("Rules", list(titles), "grules", DEFAULT_RULES, titles=titles,
                                 placeholder="Choose at least one rule")
        pressed = st.form_submit_button("Measure capacity against N", icon=":material/play_arrow:", type="primary")
    n_values = n_axis(largest)
    lineup = sweeps.rule_settings(net, chosen)
    run = partial(sweeps.capacity_scalings, n_values=n_values, trials=trials, noise=noise, seed=seed, max_p=MAX_P)
    measured = caches.swept("scaling", (tuple(n_values), trials, noise), lineup, run if pressed else None,
                            "the N values", titles)
    if not (chosen and len(measured) == len(chosen)):
        if chosen:
            st.info(f"Press **Measure capacity against N** for {len(chosen)} rule(s) at N = "
                    f"{', '.join(map(str, n_values))}: from seconds (pairwise rules) to a minute (Storkey, dense).",
                    icon=":material/play_arrow:")
        return
    caches.chart(figures.compare.scaling_figure,
                 {rule: (found.n_values, found.capacity, found.capped) for rule, (found, _) in measured.items()},
                 {rule: (found.n_values, found.theory) for rule, (found, _) in measured.items()}, titles)
    st.dataframe([{"rule": titles[rule], **{f"N = {n}": f"≥ {p}" if cap else str(p)
                                            for n, p, cap in zip(found.n_values, found.capacity, found.capped,
                                                                 strict=True)},
                   "seconds": round(seconds, 1)} for rule, (found, seconds) in measured.items()], hide_index=True)
    st.caption(f"{trials} trials per P, {noise:.0%} of the bits flipped, seed {seed}, sync recall (async where a rule "
               f"has no sync), searched up to P = {MAX_P}.")
