"""The Store page's "Damage the network" section: the sidebar's network with synapses cut, neurons removed or
weights clipped to their signs, its damaged W drawn, and recall against damage for every rule with a weight
matrix (graceful degradation, Hopfield 1982; clipped synapses, Sompolinsky 1986).

Link keys: dkind, dlevel, dclip.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, analysis
from hopfield.analysis import sweeps
from ui import caches, code_view, figures, on_demand, sidebar, snippets, widgets

KINDS = {"prune": "Cut synapses", "remove": "Remove neurons"}
LEVELS = tuple(round(0.1 * k, 1) for k in range(10))  # 0 % … 90 % of the synapses or neurons
NOISE = 0.1  # bits flipped in each probe
TRIALS = 5  # damaged copies a level
SEED = 0
HEATMAP_SIDE = 200
TITLES = {name: rule.title for name, rule in hopfield.RULES.items()}
WITH_WEIGHTS = [name for name, rule in hopfield.RULES.items() if rule.kind == "pairwise"]
INTRO = (
    "Hopfield (1982): a memory spread over every synapse degrades gracefully. Cut synapses "
    "(both $w_{ij}$ and $w_{ji}$), remove neurons, or keep only the sign of each weight (1-bit "
    "clipped synapses, Sompolinsky 1986), and recall fades slowly instead of breaking."
)


@caches.cached(max_entries=32)
def damaged_recall(
    net: HopfieldNetwork, kind: str, level: float, clip: bool
) -> tuple[np.ndarray, int]:
    """The damaged W (seed SEED) and how many stored patterns it recalls exactly from NOISE flipped bits."""
    hurt = net.damaged(**damage(kind, level, net.n), clip=clip, seed=SEED)
    probes = hopfield.corrupt(hurt.patterns, "flip", NOISE, SEED)
    return hurt.weights, int((hurt.recall(probes).states == hurt.patterns).all(axis=1).sum())


def damage(kind: str, level: float, n: int) -> dict[str, float | int]:
    """`HopfieldNetwork.damaged`'s argument for a fraction `level` of synapses cut or neurons removed."""
    return {"prune": level} if kind == "prune" else {"remove": round(level * n)}


def curves(
    patterns: np.ndarray, lineup: dict, progress, *, kind: str, clip: bool
) -> sweeps.RuleRuns:
    """`analysis.damage_curve` of every rule of `lineup` on the same patterns, one after another."""
    return sweeps.run_per_rule(
        list(lineup),
        lambda rule, report: analysis.damage_curve(
            HopfieldNetwork.train(patterns, rule, **lineup[rule]),
            LEVELS,
            kind,
            clip,
            NOISE,
            TRIALS,
            SEED,
            progress=report,
        ),
        progress,
    )


def section(memory: sidebar.Memory, net: HopfieldNetwork) -> None:
    """Controls, the damaged W and its recall, and the button measuring every rule's degradation (under the page's
    heading and INTRO)."""
    row = st.columns(3)
    kind = widgets.choice("Damage", list(KINDS), "dkind", "prune", titles=KINDS, where=row[0])
    level = widgets.number("How much", "dlevel", 0.0, 0.9, 0.5, slider=True, step=0.1, where=row[1])
    clip = widgets.toggle("Clip weights to ±1", "dclip", False, where=row[2])
    if net.couplings is None:
        st.info(
            f"The {memory.rule_title} memory keeps its patterns, not a weight matrix: it has no "
            "synapses to damage. Choose a rule with weights in the sidebar.",
            icon=":material/info:",
        )
        return
    weights, recalled = damaged_recall(net, kind, level, clip)
    picture, told = st.columns([3, 2])
    with picture:
        title = (
            f"W with {level:.0%} of the {'synapses cut' if kind == 'prune' else 'neurons removed'}"
        )
        caches.chart(
            figures.store.weight_heatmap,
            weights,
            title + (", clipped" if clip else ""),
            HEATMAP_SIDE,
        )
    told.markdown(f"Recalled after damage: {recalled} of {net.memorised}")
    told.caption(
        f"Each stored pattern with {NOISE:.0%} of its bits flipped (seed {SEED}), recalled "
        f"synchronously by the damaged network of {len(weights)} neurons."
    )
    code_view.show_code(snippets.damage, kind, level, clip, NOISE, SEED, memory=memory)
    lineup = sweeps.rule_settings(net, WITH_WEIGHTS)
    run = partial(curves, net.patterns, kind=kind, clip=clip)
    waiting = f"Press the button to damage every rule's network {TRIALS} times at each level from 0 to 90 %."
    found = on_demand.swept_on_button(
        "Measure recall against damage",
        waiting,
        "damage",
        (net.fingerprint, kind, clip),
        lineup,
        run,
        "damage levels",
        TITLES,
    )
    if found is None:
        return
    drawn = {rule: (curve.levels, curve.success) for rule, (curve, _) in found.items()}
    caches.chart(figures.store.damage_figure, drawn, TITLES, KINDS[kind].lower(), clip)
    st.caption(
        f"The sidebar's {net.memorised} patterns stored by every rule with weights, {TRIALS} damaged "
        f"copies a level, each pattern recalled from {NOISE:.0%} flipped bits (seed {SEED})."
    )
