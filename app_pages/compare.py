"""Compare learning rules: every rule on the same patterns, capacity curves and basins of attraction."""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from hopfield.analysis import sweeps
from ui import (
    caches,
    code_view,
    compare_scaling,
    figures,
    images,
    on_demand,
    rule_table,
    sidebar,
    snippets,
    store_notes,
    widgets,
    words,
)

TITLES = {name: rule.title for name, rule in hopfield.RULES.items()}
SEED = 0  # the same corrupted probes and the same random sets for every rule
MAX_STEPS = 100
SWEEP_POINTS = 10  # P values per capacity curve
BASIN_LEVELS = tuple(float(level) for level in np.round(np.linspace(0.0, 0.5, 11), 2))
GRID_SHOWN = 10  # recalled patterns shown per rule
THEORY_T = tuple(np.round(np.linspace(0.0, 1.0, 41), 3))  # temperatures of the phase diagram's AGS line


st.title("Compare learning rules", anchor=False)
st.markdown(
    "Every learning rule stores the same patterns, and every stored pattern is corrupted and recalled. "
    "A recall succeeds when the final state equals the stored pattern exactly; its quality is the overlap "
    "$m = \\frac{1}{N}\\,\\xi^\\mu\\cdot s$ ($m = 1$ is a perfect recall). Capacity curves store $P$ random "
    "patterns of $N$ neurons and measure exact recall as $P$ grows, against each rule's theoretical $P_{\\max}$; "
    "the theories count in different ways (exact recall, or a few bits wrong), and each says which. Basin curves "
    "flip a growing fraction of bits: the wider a rule's basins, the more noise it forgives."
)
with st.expander("Theory lines and what each one counts", icon=":material/menu_book:"):
    st.markdown("\n".join(f"- **{rule.title}**: {rule.theory_text}" for rule in hopfield.RULES.values()))
memory, net = sidebar.require_network()
count, n = memory.patterns.shape

st.header("The stored set, every rule", anchor=False)
with st.container(border=True):
    noise = widgets.number("Noise: fraction of bits flipped in every probe", "flip", 0.0, 0.5, 0.1, slider=True,
                         step=0.01, help="Every stored pattern gets exactly round(fraction · N) flipped bits, "
                         "the same bits for every rule.")
lineup = sweeps.rule_settings(net)
version = (on_demand.named(memory.patterns), tuple((rule, tuple(params.items())) for rule, params in lineup.items()))
wanted = on_demand.asked("compare_rules", (*version, noise), "Train and recall with every rule",
                         f"Training {len(lineup)} rules on {words.counted(count, 'pattern')} of N = {n} neurons and "
                         "recalling them takes from several seconds to a minute or more.",
                         needed=on_demand.every_rule_is_slow(count, n, lineup))
compared = rule_table.every_rule(memory.patterns, lineup, noise, SEED, MAX_STEPS, TITLES) if wanted else []
done = [found for found in compared if not found.error]
if compared:
    st.markdown(
        f"{rule_table.recalls_all(done, memory, TITLES)} Each of the {words.counted(count, 'stored pattern')} "
        f"({memory.source.title}, N = {n}) had {round(noise * n)} bits flipped with seed {SEED}, then was recalled "
        f"({' / '.join(sorted({found.mode for found in done}))} updates, at most {MAX_STEPS} steps)."
    )
for found in compared:
    if found.error:
        st.warning(f"{TITLES[found.rule]}: {found.error}", icon=":material/warning:")
if done:
    st.space(images.TOOLBAR_GAP_PX)  # the table's hover toolbar sits above it: over this gap, not the sentence
    st.dataframe([{
        "rule": TITLES[found.rule], "parameters": rule_table.parameters(found.params),
        "recalled": f"{found.hits} of {count}", "mean overlap m": round(found.overlap, 3),
        "train ms": round(found.train_ms, 2), "recall ms": round(found.recall_ms, 2),
    } for found in done], hide_index=True, column_config={"parameters": st.column_config.TextColumn(width="large")})
    st.caption(
        f"Parameters: the sidebar's for {memory.rule_title}, the defaults for the others. Times are the best of up "
        "to three runs on this server: training builds the weights (dense and modern memories only keep the "
        "patterns), recall runs every probe at once."
    )
code_view.show_code(snippets.compare, noise, memory=memory)  # this view as code
if done:
    caches.chart(figures.compare.timing_figure, {found.rule: found.train_ms for found in done},
                {found.rule: found.recall_ms for found in done}, TITLES)
    with st.expander("Recalled patterns, rule by rule", icon=":material/grid_view:"):
        shown = min(count, GRID_SHOWN)
        if shown < count:
            st.caption(f"The first {shown} of {count} patterns.")
        for found in done:
            labels = [f"{label} {'ok' if hit else 'missed'}" for label, hit in zip(memory.labels,
                                                                                     found.recalled[:shown])]
            st.markdown(f"**{TITLES[found.rule]}**: {found.hits} of {count} recalled")
            st.image(caches.grid_png(found.states[:shown], memory.shape, tuple(labels), side_px=64))
if memory.source.credit:
    st.caption(memory.source.credit)

st.header("Capacity curves", anchor=False)
st.markdown(
    "Random ±1 patterns, fresh for every trial: store $P$ of them, flip a few bits of each and recall "
    "synchronously. Success is the fraction of all probes ($P$ per trial) recalled exactly; dashed lines mark "
    "each rule's theoretical $P_{\\max}$."
)
with st.form("capacity_form", border=True, enter_to_submit=False):
    left, middle, right = st.columns(3)
    sweep_n = widgets.number("Neurons N", "n", 16, 400, 100, where=left, step=1)
    pmax = widgets.number("Largest P", "pmax", 2, 600, 50, where=middle, step=1,
                        help=f"The curve measures {SWEEP_POINTS} values of P spread evenly up to this one.")
    trials = widgets.number("Trials per P", "trials", 1, 50, 10, where=right, step=1)
    sweep_rules = widgets.choices("Rules", list(TITLES), "rules", ["hebbian", "storkey", "pseudoinverse"],
                                titles=TITLES, placeholder="Choose at least one rule")
    sweep_noise = widgets.number("Noise: fraction of bits flipped in each probe", "cnoise", 0.0, 0.3, 0.05,
                               slider=True, step=0.01, help="0 asks only whether each pattern is a fixed point; "
                               "a little noise also asks for a basin.")
    run_sweep = st.form_submit_button("Run sweep", icon=":material/play_arrow:", type="primary")
p_values = sweeps.pattern_counts(pmax, SWEEP_POINTS)
lineup = sweeps.rule_settings(net, sweep_rules)
run = partial(sweeps.capacity_curves, n=sweep_n, p_values=p_values, trials=trials, noise=sweep_noise, seed=SEED)
measured = caches.swept("capacity", (sweep_n, p_values, trials, sweep_noise), lineup, run if run_sweep else None,
                       "P values", TITLES)
if sweep_rules and len(measured) == len(sweep_rules):
    theory = sweeps.theoretical_capacities(lineup, sweep_n)
    curves = {rule: (curve.p_values, curve.success) for rule, (curve, _) in measured.items()}
    caches.chart(figures.compare.capacity_figure, curves, theory, TITLES, sweep_n)
    st.dataframe([{
        "rule": TITLES[rule], "theory P_max": store_notes.capacity_short(theory[rule]),
        "measured P at 50% success": "not reached" if np.isnan(half := curve.measured_capacity()) else f"{half:.1f}",
        "seconds": round(seconds, 2),
    } for rule, (curve, seconds) in measured.items()], hide_index=True)
    caches.success_table("Success at every P", "P", list(p_values), measured, TITLES)
    st.caption(
        f"N = {sweep_n}, {trials} trials per P, {round(sweep_noise * sweep_n)} bits flipped per probe, "
        f"seed {SEED}. 'Not reached': success stayed at 50% or more up to P = {p_values[-1]}."
    )
elif sweep_rules:
    st.info(
        f"Press **Run sweep** to measure {len(sweep_rules)} rule(s) at P = {', '.join(map(str, p_values))}. "
        "The defaults take a few seconds; dense and modern memories, large N and many trials take longer.",
        icon=":material/play_arrow:",
    )

st.header("Capacity against N", anchor=False)
compare_scaling.capacity_against_n(net, TITLES, SEED)

st.header("Basins of attraction", anchor=False)
st.markdown(
    f"The memory's own {words.counted(count, 'pattern')}, stored by each rule: at every noise level $f$ each pattern "
    "is corrupted several times (the trials below), each time with exactly $\\mathrm{round}(fN)$ bits flipped, and "
    "recalled synchronously. Success is the fraction recalled exactly; the curve falls where the basins end."
)
with st.form("basin_form", border=True, enter_to_submit=False):
    basin_rules = widgets.choices("Rules", list(TITLES), "brules", list(TITLES), titles=TITLES,
                                placeholder="Choose at least one rule")
    basin_trials = widgets.number("Trials per pattern and noise level", "btrials", 1, 100, 10, slider=True,
                                help="Dense and modern memories are slower per probe: keep this small for large sets.")
    run_basins = st.form_submit_button("Run basins", icon=":material/play_arrow:", type="primary")
stored = on_demand.named(memory.patterns)  # names the patterns, not the rule
run = partial(sweeps.basin_curves, memory.patterns, noise_levels=BASIN_LEVELS, trials=basin_trials, seed=SEED,
              max_steps=MAX_STEPS)
basins = caches.swept("basins", (memory.patterns.shape, stored, basin_trials), sweeps.rule_settings(net, basin_rules),
                     run if run_basins else None, "noise levels", TITLES)
if basin_rules and len(basins) == len(basin_rules):
    caches.chart(figures.compare.basin_figure,
                 {rule: (curve.noise_levels, curve.success) for rule, (curve, _) in basins.items()}, TITLES)
    caches.success_table("Success at every noise level", "bits flipped", [f"{f:.0%}" for f in BASIN_LEVELS], basins,
                        TITLES)
    st.caption(f"{basin_trials} trials per pattern and level, seed {SEED}, at most {MAX_STEPS} steps.")
elif basin_rules:
    st.info(
        f"Press **Run basins** to measure {len(basin_rules)} rule(s) on the stored patterns at "
        f"{len(BASIN_LEVELS)} noise levels from 0% to 50%.",
        icon=":material/play_arrow:",
    )

st.header("Phase diagram: temperature against load", anchor=False)
st.markdown(
    "Hebb's rule with $P = \\alpha N$ random patterns, each run from itself under Glauber dynamics at temperature $T$ "
    "($P(s_i = +1) = 1/(1 + e^{-2h_i/T})$). The colour is the mean final overlap $m$ with the pattern: retrieval "
    "(bright) needs both a low load and a low temperature. The dark line: the retrieval boundary of "
    f"{analysis.AGS_SOURCE.split(':')[0]}, from $T_c = 1$ at $\\alpha \\to 0$ to $\\alpha_c \\approx 0.138$ at $T = 0$."
)
coarse, finer = st.columns(2)
asked = "default" if coarse.button("Draw the phase diagram", icon=":material/play_arrow:", type="primary") else (
    "fine" if finer.button("Finer grid (slower)", icon=":material/grid_on:") else None)
drawn = st.session_state.setdefault("_compare_phase", {})
if asked:
    bar = st.progress(0.0, text="Starting…")
    drawn[asked] = analysis.phase_diagram(**analysis.PHASE_GRIDS[asked], seed=SEED,
                                          progress=lambda done: bar.progress(done, text=f"{done:.0%} of the loads"))
    bar.progress(1.0, text="The AGS line…")
    analysis.ags_boundary(THEORY_T)  # about 1.5 s the first time in a process (then kept): under the bar
    drawn["shown"] = asked
    bar.empty()
if "shown" in drawn:
    phase = drawn[drawn["shown"]]
    caches.chart(figures.compare.phase_figure, phase.temperatures, phase.loads, phase.overlap, THEORY_T,
                analysis.ags_boundary(THEORY_T), phase.n)
    st.caption(f"N = {phase.n}, {len(phase.temperatures)} temperatures × {len(phase.loads)} loads, {phase.trials} "
               f"trials, {phase.sweeps} sweeps, seed {SEED}. Source of the line: {analysis.AGS_SOURCE}.")
else:
    st.info("Press **Draw the phase diagram** (a few seconds) or ask for a finer grid (about four times longer).",
            icon=":material/play_arrow:")
