"""Learning over time: patterns stored one at a time, forgetting, stronger memories and dreaming."""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from hopfield.analysis import sweeps
from hopfield.rules import online
from ui import caches, code_view, figures, on_demand, own_patterns, sidebar, snippets, widgets, words

TITLES = {name: rule.title for name, rule in hopfield.RULES.items()}
IN_ORDER = [name for name, rule in hopfield.RULES.items() if rule.kind == "pairwise"]  # rules with a weight matrix
STRONG = [name for name, rule in hopfield.RULES.items() if rule.strengths]
SEED = 0
AGE_N, AGE_P, AGE_TRIALS = 200, 200, 4  # the palimpsest experiment
STRENGTHS = (0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
STRONG_P = 20  # the first 20 patterns of the random sequence (a load of 0.1) for the basins against strength
LEVELS = tuple(float(level) for level in np.round(np.linspace(0.0, 0.5, 11), 2))
CENSUS_STARTS = 300
DREAM_N, DREAM_P, DREAM_TRIALS = 100, (4, 8, 10, 12, 14, 16, 18, 20, 24), 5
SEQUENCE_P, SEQUENCE_SIDE = 40, 14  # the random sequence: 40 patterns of 14 x 14 = 196 neurons
SEQUENCES = {"random": f"{SEQUENCE_P} random {SEQUENCE_SIDE}×{SEQUENCE_SIDE} patterns",
             "memory": "The sidebar's patterns"}


@caches.cached(spinner="Storing the patterns one at a time…")
def stored_so_far(patterns: np.ndarray, rule: str, params: tuple, step: int, noise: float) -> tuple:
    """The weights after `step` patterns, the recalled states, which were recalled and how many of the newest in a
    row (arrays and numbers only: cacheable)."""
    found = analysis.sequence_step(patterns, rule, step, noise, SEED, params=dict(params))
    return found.network.weights, found.recalled, found.recalled_ok, found.streak


@caches.cached(spinner="Measuring recall against age…")
def ages(rule: str, params: tuple) -> analysis.AgeCurve:
    return analysis.age_curve(rule, AGE_N, AGE_P, 0.1, AGE_TRIALS, SEED, params=dict(params))


@caches.cached(spinner="Measuring basins at several strengths…")
def basins_by_strength(patterns: np.ndarray, rule: str, params: tuple, pick: int) -> analysis.StrengthBasins:
    return analysis.strength_basins(patterns, pick, STRENGTHS, LEVELS, 20, SEED, rule, params=dict(params))


def dream(patterns: np.ndarray, params: tuple) -> analysis.DreamingEffect:
    """Hebbian against dreaming on the sidebar's patterns, under a progress bar."""
    with on_demand.progress(len(analysis.DREAMING_STAGES)) as report:
        return analysis.dreaming_effect(patterns, dict(params), CENSUS_STARTS, SEED, progress=report)


st.title("Learning over time", anchor=False)
st.markdown(
    "A memory is built one pattern at a time. Hebb's rule adds $\\frac{1}{N}\\xi\\xi^\\top$ for each pattern and "
    "breaks down for every pattern at once past $P \\approx 0.138\\,N$. Parisi's palimpsest (1986) bounds every "
    "weight, $W \\leftarrow \\mathrm{clip}(W + \\xi\\xi^\\top/\\sqrt{N}, -A, A)$: old patterns fade and the newest "
    "stay. A strength $c_\\mu$ makes a pattern deeper, $W = \\frac{1}{N}\\sum_\\mu c_\\mu \\xi^\\mu\\xi^{\\mu\\top}$, "
    "and dreaming (Hopfield, Feinstein & Palmer 1983) unlearns the states random starts fall into, "
    "$W \\leftarrow W - \\frac{\\varepsilon}{N} s^* s^{*\\top}$, which are mostly spurious."
)
memory, net = sidebar.require_network()
count, n = memory.patterns.shape

st.header("Stored one at a time", anchor=False)
with st.container(border=True):
    left, middle, right = st.columns(3)
    kind = widgets.choice("Sequence", list(SEQUENCES), "sequence", "random", titles=SEQUENCES, where=left,
                        help="The seed digits are too alike for any Hebbian memory; random patterns show forgetting.")
    rule = widgets.choice("Rule storing the sequence", IN_ORDER, "lrule", "palimpsest", titles=TITLES, where=middle)
    noise = widgets.number("Noise: fraction of bits flipped in each probe", "lnoise", 0.0, 0.4, 0.1, slider=True,
                         step=0.01, where=right)
    sequence = caches.random_set(SEQUENCE_P, SEQUENCE_SIDE, SEED) if kind == "random" else memory
    patterns, shape, names = sequence.patterns, sequence.shape, sequence.labels
    step = widgets.number("Patterns stored so far", "step", 1, len(patterns), len(patterns), slider=True,
                        help="Slide over the sequence: the memory after the first k patterns, stored in order.",
                        ) if len(patterns) > 1 else 1  # one pattern: nothing to slide over
params = tuple(sweeps.rule_settings(net, [rule])[rule].items())
slow = on_demand.training_is_slow(rule, step, patterns.shape[1], dict(params))
if on_demand.asked("sequence", (on_demand.named(patterns), rule, params, step, noise), "Store them one at a time",
                   f"Storing {words.counted(step, 'pattern')} of N = {patterns.shape[1]:,} neurons one at a time with "
                   f"{TITLES[rule]} takes more than a couple of seconds.", needed=slow):
    weights, recalled, ok, newest = stored_so_far(patterns, rule, params, step, noise)
    weights_column, recall_column = st.columns([3, 2])
    with weights_column:
        stored = words.counted(len(patterns), "pattern")
        caches.chart(figures.store.weight_heatmap, weights, f"W after {step} of {stored}, {TITLES[rule]}")
    with recall_column:
        ages_now = list(range(step - 1, -1, -1))
        labels = tuple(f"{label} age {age} {'ok' if hit else 'missed'}"
                       for label, age, hit in zip(names[:step], ages_now, ok))
        st.image(caches.grid_png(recalled[::-1][:12], shape, labels[::-1][:12], columns=3))
        st.caption(f"{int(ok.sum())} of {step} recalled from {round(noise * patterns.shape[1])} flipped bits, the "
                   f"newest {newest} in a row (the newest 12 drawn, newest first). Largest weight "
                   f"{np.abs(weights).max():.3g}. {'' if kind == 'random' else memory.source.credit}")

code_view.show_code(snippets.learning, None if kind == "random" else code_view.memory_spec(memory), rule, params, step,
                    noise, (SEQUENCE_P, SEQUENCE_SIDE**2, SEED))  # this view as code

st.header("Recall against age", anchor=False)
own = dict(sweeps.rule_settings(net, ["palimpsest"])["palimpsest"])
curves = {name: ages(name, tuple(settings.items())) for name, settings in (("palimpsest", own), ("hebbian", {}))}
caches.chart(figures.learning.age_figure, {name: (curve.ages, curve.success) for name, curve in curves.items()}, TITLES,
             AGE_N, AGE_P)
st.caption(
    f"{AGE_P} random patterns of N = {AGE_N} neurons stored in order, each recalled (synchronously) from "
    f"{AGE_N // 10} flipped bits, {AGE_TRIALS} trials, seed {SEED}. Palimpsest (A = {own['bound']:g}): the newest "
    f"{curves['palimpsest'].span()} patterns are recalled in most trials; Hebb's rule, at a load of "
    f"{AGE_P / AGE_N:g} far past 0.138, recalls {curves['hebbian'].success.max():.0%} of any age."
)

st.header("Stronger memories", anchor=False)
basis, basis_names = (patterns[:STRONG_P], names[:STRONG_P]) if kind == "random" else (patterns, names)
left, right = st.columns(2)
pick = widgets.choice("Pattern", list(range(len(basis))), "spick", 0, titles=dict(enumerate(basis_names)), where=left)
strong_rule = widgets.choice("Rule", STRONG, "srule", "hebbian", titles=TITLES, where=right)
strong_params = tuple(sweeps.rule_settings(net, [strong_rule])[strong_rule].items())
slow = on_demand.training_is_slow(strong_rule, len(basis), basis.shape[1], dict(strong_params), times=len(STRENGTHS))
if on_demand.asked("strengths", (on_demand.named(basis), strong_rule, strong_params, pick), "Measure the basins",
                   f"Storing {words.counted(len(basis), 'pattern')} of N = {basis.shape[1]:,} neurons {len(STRENGTHS)} "
                   f"times with {TITLES[strong_rule]} takes more than a couple of seconds.", needed=slow):
    found = basins_by_strength(basis, strong_rule, strong_params, pick)
    caches.chart(figures.learning.strength_basin_figure, found.noise_levels, found.success, found.strengths,
                 basis_names[pick])
    st.caption(f"Pattern {basis_names[pick]} of the {words.counted(len(basis), 'pattern')} of the sequence above "
               f"stored with strength c (every other pattern 1), then corrupted 20 times at each noise level and "
               f"recalled synchronously (seed {SEED}). A deeper minimum has a wider basin.")

st.header("Dreaming away spurious states", anchor=False)
dreaming = tuple(sweeps.rule_settings(net, ["unlearning"])["unlearning"].items())
census_column, capacity_column = st.columns(2)
with census_column:
    dreams = dict(dreaming)["dreams"]
    version = (on_demand.named(memory.patterns), dreaming)  # the patterns and the dreams, not the sidebar's rule
    if on_demand.asked("dreaming", version, "Dream and count the attractors",
                       f"{dreams} dreams on N = {n} neurons, then {CENSUS_STARTS} random starts before and after: "
                       "from a few seconds to a minute or more for large N."):
        effect = own_patterns.remembered(st.session_state, "_dreamt", version, partial(dream, memory.patterns,
                                                                                        dreaming))
        caches.chart(figures.learning.census_pair, effect.before, effect.after, ("Hebbian", "after dreaming"))
        st.caption(f"{CENSUS_STARTS} random starts relaxed asynchronously (seed {SEED}) on the sidebar's "
                   f"{words.counted(count, 'pattern')}, before and after "
                   f"{online.dreaming_words(n, **dict(dreaming))}. "
                   f"Stored patterns that are fixed points: {effect.fixed_before:.0%} before, "
                   f"{effect.fixed_after:.0%} after.")
with capacity_column:
    lineup = {"hebbian": {}, "unlearning": dict(dreaming)}
    pressed = st.button("Measure capacity before and after", icon=":material/play_arrow:", type="primary")
    run = partial(sweeps.capacity_curves, n=DREAM_N, p_values=DREAM_P, trials=DREAM_TRIALS, seed=SEED)
    measured = caches.swept("dreaming", (DREAM_N, DREAM_P, DREAM_TRIALS), lineup, run if pressed else None,
                           "P values", TITLES)
    if len(measured) == len(lineup):
        curves = {rule: (curve.p_values, curve.success) for rule, (curve, _) in measured.items()}
        caches.chart(figures.compare.capacity_figure, curves, sweeps.theoretical_capacities(lineup, DREAM_N), TITLES,
                     DREAM_N)
        st.caption(f"Random patterns, N = {DREAM_N}, {DREAM_TRIALS} trials per P: the share of stored patterns that "
                   "are fixed points (exact recall), Hebbian and after dreaming. Dashed, the Hebbian theory line: "
                   f"{hopfield.RULES['hebbian'].theory_text} Dreaming: {online.DREAMING_TEXT}")
    else:
        st.info(f"Press the button to measure how many random patterns of N = {DREAM_N} stay fixed points, "
                f"Hebbian and after dreaming (P = {', '.join(map(str, DREAM_P))}; a few seconds).",
                icon=":material/info:")
