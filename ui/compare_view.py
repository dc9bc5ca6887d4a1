"""Sections of the Compare page that measure on request: capacity curves over P, basin curves over
the noise, and the phase diagram of Hebb's rule over load and temperature. Each draws its controls,
runs when its button is pressed, and shows what it measured."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

import numpy as np
import streamlit as st

from hopfield import HopfieldNetwork, analysis
from hopfield.analysis import sweeps
from ui import caches, figures, on_demand, store_notes, widgets
from ui.sidebar import Memory

SWEEP_POINTS = 10  # P values per capacity curve
BASIN_LEVELS = tuple(float(level) for level in np.round(np.linspace(0.0, 0.5, 11), 2))
THEORY_T = tuple(np.round(np.linspace(0.0, 1.0, 41), 3))  # temperatures of the AGS line
PHASE_KEY = "_compare_phase"  # the session's drawn phase diagrams, by grid, and the one shown


def _half_success(curve: sweeps.CapacityCurve) -> str:
    """P at which success falls below 50%, or "not reached"."""
    half = curve.measured_capacity()
    if np.isnan(half):
        return "not reached"
    return f"{half:.1f}"


def _capacity_rows(measured: dict, theory: Mapping[str, float], titles: Mapping[str, str]) -> list:
    """One row per rule: its theoretical P_max, the measured P at 50% success and its seconds."""
    return [
        {
            "rule": titles[rule],
            "theory P_max": store_notes.capacity_short(theory[rule]),
            "measured P at 50% success": _half_success(curve),
            "seconds": round(seconds, 2),
        }
        for rule, (curve, seconds) in measured.items()
    ]


def capacity_curves(net: HopfieldNetwork, titles: Mapping[str, str], seed: int) -> None:
    """Exact recall of P random patterns of N neurons as P grows, for the chosen rules (the network's
    own parameters for its rule, the defaults for the others), against each rule's theoretical P_max."""
    with st.form("capacity_form", border=True, enter_to_submit=False):
        left, middle, right = st.columns(3)
        n = widgets.number("Neurons N", "n", 16, 400, 100, where=left, step=1)
        largest = widgets.number(
            "Largest P",
            "pmax",
            2,
            600,
            50,
            where=middle,
            step=1,
            help=f"The curve measures {SWEEP_POINTS} values of P spread evenly up to this one.",
        )
        trials = widgets.number("Trials per P", "trials", 1, 50, 10, where=right, step=1)
        rules = widgets.choices(
            "Rules",
            list(titles),
            "rules",
            ["hebbian", "storkey", "pseudoinverse"],
            titles=titles,
            placeholder="Choose at least one rule",
        )
        noise = widgets.number(
            "Noise: fraction of bits flipped in each probe",
            "cnoise",
            0.0,
            0.3,
            0.05,
            slider=True,
            step=0.01,
            help="0 asks only whether each pattern is a fixed point; a little noise also asks for a basin.",
        )
        pressed = st.form_submit_button("Run sweep", icon=":material/play_arrow:", type="primary")
    p_values = sweeps.pattern_counts(largest, SWEEP_POINTS)
    lineup = sweeps.rule_settings(net, rules)
    run = partial(
        sweeps.capacity_curves, n=n, p_values=p_values, trials=trials, noise=noise, seed=seed
    )
    settings = (n, p_values, trials, noise)
    measured = caches.swept(
        "capacity", settings, lineup, run if pressed else None, "P values", titles
    )
    if rules and len(measured) == len(rules):
        theory = sweeps.theoretical_capacities(lineup, n)
        curves = {rule: (curve.p_values, curve.success) for rule, (curve, _) in measured.items()}
        caches.chart(figures.compare.capacity_figure, curves, theory, titles, n)
        st.dataframe(_capacity_rows(measured, theory, titles), hide_index=True)
        caches.success_table("Success at every P", "P", list(p_values), measured, titles)
        st.caption(
            f"N = {n}, {trials} trials per P, {round(noise * n)} bits flipped per probe, seed {seed}. "
            f"'Not reached': success stayed at 50% or more up to P = {p_values[-1]}."
        )
    elif rules:
        st.info(
            f"Press **Run sweep** to measure {len(rules)} rule(s) at P = {', '.join(map(str, p_values))}. "
            "The defaults take a few seconds; dense and modern memories, large N and many trials take "
            "longer.",
            icon=":material/play_arrow:",
        )


def basin_curves(
    memory: Memory, net: HopfieldNetwork, titles: Mapping[str, str], seed: int, max_steps: int
) -> None:
    """Exact recall of the memory's own patterns, stored by each chosen rule, at every noise level of
    BASIN_LEVELS: the curve falls where the basins end."""
    with st.form("basin_form", border=True, enter_to_submit=False):
        rules = widgets.choices(
            "Rules",
            list(titles),
            "brules",
            list(titles),
            titles=titles,
            placeholder="Choose at least one rule",
        )
        trials = widgets.number(
            "Trials per pattern and noise level",
            "btrials",
            1,
            100,
            10,
            slider=True,
            help="Dense and modern memories are slower per probe: keep this small for large sets.",
        )
        pressed = st.form_submit_button("Run basins", icon=":material/play_arrow:", type="primary")
    stored = on_demand.named(memory.patterns)  # names the patterns, not the rule
    run = partial(
        sweeps.basin_curves,
        memory.patterns,
        noise_levels=BASIN_LEVELS,
        trials=trials,
        seed=seed,
        max_steps=max_steps,
    )
    settings = (memory.patterns.shape, stored, trials)
    lineup = sweeps.rule_settings(net, rules)
    basins = caches.swept(
        "basins", settings, lineup, run if pressed else None, "noise levels", titles
    )
    if rules and len(basins) == len(rules):
        curves = {rule: (curve.noise_levels, curve.success) for rule, (curve, _) in basins.items()}
        levels = [f"{f:.0%}" for f in BASIN_LEVELS]
        caches.chart(figures.compare.basin_figure, curves, titles)
        caches.success_table("Success at every noise level", "bits flipped", levels, basins, titles)
        st.caption(
            f"{trials} trials per pattern and level, seed {seed}, at most {max_steps} steps."
        )
    elif rules:
        st.info(
            f"Press **Run basins** to measure {len(rules)} rule(s) on the stored patterns at "
            f"{len(BASIN_LEVELS)} noise levels from 0% to 50%.",
            icon=":material/play_arrow:",
        )


def _draw_phase(grid: str, seed: int) -> analysis.PhaseDiagram:
    """The phase diagram on `grid` (a name of PHASE_GRIDS) under a progress bar, then the AGS line."""
    bar = st.progress(0.0, text="Starting…")
    found = analysis.phase_diagram(
        **analysis.PHASE_GRIDS[grid],
        seed=seed,
        progress=lambda done: bar.progress(done, text=f"{done:.0%} of the loads"),
    )
    bar.progress(1.0, text="The AGS line…")
    analysis.ags_boundary(
        THEORY_T
    )  # about 1.5 s the first time in a process (then kept): under the bar
    bar.empty()
    return found


def phase_diagram(drawn: dict, seed: int) -> None:
    """The mean final overlap of Hebb's rule over load α and temperature T under Glauber dynamics, on
    the default or the finer grid once asked, with the AGS retrieval boundary. `drawn` (kept in the
    session) holds the diagrams drawn so far by grid, and under "shown" the grid on screen."""
    coarse, finer = st.columns(2)
    default_pressed = coarse.button(
        "Draw the phase diagram", icon=":material/play_arrow:", type="primary"
    )
    fine_pressed = finer.button("Finer grid (slower)", icon=":material/grid_on:")
    asked = None
    if default_pressed:
        asked = "default"
    elif fine_pressed:
        asked = "fine"
    if asked:
        drawn[asked] = _draw_phase(asked, seed)
        drawn["shown"] = asked
    if "shown" not in drawn:
        st.info(
            "Press **Draw the phase diagram** (a few seconds) or ask for a finer grid (about four times "
            "longer).",
            icon=":material/play_arrow:",
        )
        return
    phase = drawn[drawn["shown"]]
    boundary = analysis.ags_boundary(THEORY_T)
    caches.chart(
        figures.compare.phase_figure,
        phase.temperatures,
        phase.loads,
        phase.overlap,
        THEORY_T,
        boundary,
        phase.n,
    )
    st.caption(
        f"N = {phase.n}, {len(phase.temperatures)} temperatures × {len(phase.loads)} loads, "
        f"{phase.trials} trials, {phase.sweeps} sweeps, seed {seed}. Source of the line: "
        f"{analysis.AGS_SOURCE}."
    )
