"""The Learning over time page's sections: a sequence stored one pattern at a time, recall against age, basins
against strength and dreaming, each with its cached computation."""

from __future__ import annotations

from functools import partial

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, analysis
from hopfield.analysis import sweeps
from hopfield.rules import online
from ui import caches, code_view, figures, on_demand, own_patterns, snippets, widgets, words
from ui.sidebar import Memory

TITLES = {name: rule.title for name, rule in hopfield.RULES.items()}
IN_ORDER = [
    name for name, rule in hopfield.RULES.items() if rule.kind == "pairwise"
]  # rules with a weight matrix
STRONG = [name for name, rule in hopfield.RULES.items() if rule.strengths]
SEED = 0
AGE_N = 200  # the palimpsest experiment: 200 patterns of 200 neurons, 4 trials
AGE_P = 200
AGE_TRIALS = 4
STRENGTHS = (0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
STRONG_P = 20  # the first 20 patterns of the random sequence (a load of 0.1) for the basins against strength
LEVELS = tuple(float(level) for level in np.round(np.linspace(0.0, 0.5, 11), 2))
CENSUS_STARTS = 300
DREAM_N = 100  # capacity before and after dreaming: N, the P values and the trials per P
DREAM_P = (4, 8, 10, 12, 14, 16, 18, 20, 24)
DREAM_TRIALS = 5
SEQUENCE_P = 40  # the random sequence: 40 patterns of 14 x 14 = 196 neurons
SEQUENCE_SIDE = 14
SEQUENCES = {
    "random": f"{SEQUENCE_P} random {SEQUENCE_SIDE}×{SEQUENCE_SIDE} patterns",
    "memory": "The sidebar's patterns",
}
SHOWN = 12  # recalled patterns drawn, newest first


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
def basins_by_strength(
    patterns: np.ndarray, rule: str, params: tuple, pick: int
) -> analysis.StrengthBasins:
    return analysis.strength_basins(
        patterns, pick, STRENGTHS, LEVELS, 20, SEED, rule, params=dict(params)
    )


def dream(patterns: np.ndarray, params: tuple) -> analysis.DreamingEffect:
    """Hebbian against dreaming on the sidebar's patterns, under a progress bar."""
    with on_demand.progress(len(analysis.DREAMING_STAGES)) as report:
        return analysis.dreaming_effect(
            patterns, dict(params), CENSUS_STARTS, SEED, progress=report
        )


def settings_of(net: HopfieldNetwork, rule: str) -> tuple[tuple[str, float], ...]:
    """The sidebar's parameters for `rule` (its defaults when the sidebar's rule is another), as cache keys."""
    return tuple(sweeps.rule_settings(net, [rule])[rule].items())


def stored_one_at_a_time(memory: Memory, net: HopfieldNetwork) -> tuple[np.ndarray, list[str]]:
    """The sequence's controls, the memory after its first k patterns (on request when slow) and this view as
    code; returns the patterns and labels the strength basins use (the random sequence's first STRONG_P)."""
    with st.container(border=True):
        left, middle, right = st.columns(3)
        kind = widgets.choice(
            "Sequence",
            list(SEQUENCES),
            "sequence",
            "random",
            titles=SEQUENCES,
            where=left,
            help="The seed digits are too alike for any Hebbian memory; random patterns show "
            "forgetting.",
        )
        rule = widgets.choice(
            "Rule storing the sequence",
            IN_ORDER,
            "lrule",
            "palimpsest",
            titles=TITLES,
            where=middle,
        )
        noise = widgets.number(
            "Noise: fraction of bits flipped in each probe",
            "lnoise",
            0.0,
            0.4,
            0.1,
            slider=True,
            step=0.01,
            where=right,
        )
        sequence = (
            caches.random_set(SEQUENCE_P, SEQUENCE_SIDE, SEED) if kind == "random" else memory
        )
        step = _step(len(sequence.patterns))
    params = settings_of(net, rule)
    patterns = sequence.patterns
    n = patterns.shape[1]
    slow = on_demand.training_is_slow(rule, step, n, dict(params))
    version = (on_demand.named(patterns), rule, params, step, noise)
    why = (
        f"Storing {words.counted(step, 'pattern')} of N = {n:,} neurons one at a time with {TITLES[rule]} takes "
        "more than a couple of seconds."
    )
    if on_demand.asked("sequence", version, "Store them one at a time", why, needed=slow):
        credit = "" if kind == "random" else memory.source.credit
        _sequence_step(
            patterns, list(sequence.labels), sequence.shape, rule, params, step, noise, credit
        )
    spec = None if kind == "random" else code_view.memory_spec(memory)
    code_view.show_code(
        snippets.learning, spec, rule, params, step, noise, (SEQUENCE_P, SEQUENCE_SIDE**2, SEED)
    )
    if kind == "random":
        return patterns[:STRONG_P], list(sequence.labels[:STRONG_P])
    return patterns, list(sequence.labels)


def _step(count: int) -> int:
    """How many patterns of the sequence are stored so far (a slider; 1 for a sequence of one)."""
    if count == 1:
        return 1  # nothing to slide over
    return widgets.number(
        "Patterns stored so far",
        "step",
        1,
        count,
        count,
        slider=True,
        help="Slide over the sequence: the memory after the first k patterns, stored in order.",
    )


def _sequence_step(
    patterns: np.ndarray,
    names: list[str],
    shape: tuple[int, int],
    rule: str,
    params: tuple,
    step: int,
    noise: float,
    credit: str,
) -> None:
    """The weights after the first `step` patterns, and the newest recalled, with their ages."""
    weights, recalled, ok, newest = stored_so_far(patterns, rule, params, step, noise)
    weights_column, recall_column = st.columns([3, 2])
    with weights_column:
        stored = words.counted(len(patterns), "pattern")
        caches.chart(
            figures.store.weight_heatmap, weights, f"W after {step} of {stored}, {TITLES[rule]}"
        )
    with recall_column:
        ages_now = range(step - 1, -1, -1)
        labels = tuple(
            f"{label} age {age} {'ok' if hit else 'missed'}"
            for label, age, hit in zip(names[:step], ages_now, ok)
        )
        st.image(caches.grid_png(recalled[::-1][:SHOWN], shape, labels[::-1][:SHOWN], columns=3))
        st.caption(
            f"{int(ok.sum())} of {step} recalled from {round(noise * patterns.shape[1])} flipped bits, the "
            f"newest {newest} in a row (the newest {SHOWN} drawn, newest first). Largest weight "
            f"{np.abs(weights).max():.3g}. {credit}"
        )


def recall_against_age(net: HopfieldNetwork) -> None:
    """The share of patterns recalled against their age, palimpsest (the sidebar's bound) and Hebbian."""
    bounded = dict(settings_of(net, "palimpsest"))
    curves = {
        name: ages(name, tuple(settings.items()))
        for name, settings in (("palimpsest", bounded), ("hebbian", {}))
    }
    caches.chart(
        figures.learning.age_figure,
        {name: (curve.ages, curve.success) for name, curve in curves.items()},
        TITLES,
        AGE_N,
        AGE_P,
    )
    st.caption(
        f"{AGE_P} random patterns of N = {AGE_N} neurons stored in order, each recalled (synchronously) from "
        f"{AGE_N // 10} flipped bits, {AGE_TRIALS} trials, seed {SEED}. Palimpsest (A = {bounded['bound']:g}): the "
        f"newest {curves['palimpsest'].span()} patterns are recalled in most trials; Hebb's rule, at a load of "
        f"{AGE_P / AGE_N:g} far past 0.138, recalls {curves['hebbian'].success.max():.0%} of any age."
    )


def stronger_memories(basis: np.ndarray, names: list[str], net: HopfieldNetwork) -> None:
    """Choose a pattern and a rule, then its basin at each strength c (on request when slow)."""
    left, right = st.columns(2)
    pick = widgets.choice(
        "Pattern", list(range(len(basis))), "spick", 0, titles=dict(enumerate(names)), where=left
    )
    rule = widgets.choice("Rule", STRONG, "srule", "hebbian", titles=TITLES, where=right)
    params = settings_of(net, rule)
    count, n = basis.shape
    stored = words.counted(count, "pattern")
    slow = on_demand.training_is_slow(rule, count, n, dict(params), times=len(STRENGTHS))
    why = (
        f"Storing {stored} of N = {n:,} neurons {len(STRENGTHS)} times with {TITLES[rule]} takes more than a "
        "couple of seconds."
    )
    if not on_demand.asked(
        "strengths",
        (on_demand.named(basis), rule, params, pick),
        "Measure the basins",
        why,
        needed=slow,
    ):
        return
    found = basins_by_strength(basis, rule, params, pick)
    caches.chart(
        figures.learning.strength_basin_figure,
        found.noise_levels,
        found.success,
        found.strengths,
        names[pick],
    )
    st.caption(
        f"Pattern {names[pick]} of the {stored} of the sequence above stored with strength c (every other "
        f"pattern 1), then corrupted 20 times at each noise level and recalled synchronously (seed {SEED}). "
        "A deeper minimum has a wider basin."
    )


def dreaming_census(memory: Memory, dreaming: tuple) -> None:
    """The attractors of random starts before and after dreaming on the sidebar's patterns, once asked for."""
    n = memory.patterns.shape[1]
    version = (
        on_demand.named(memory.patterns),
        dreaming,
    )  # the patterns and the dreams, not the sidebar's rule
    why = (
        f"{dict(dreaming)['dreams']} dreams on N = {n} neurons, then {CENSUS_STARTS} random starts before and "
        "after: from a few seconds to a minute or more for large N."
    )
    if not on_demand.asked("dreaming", version, "Dream and count the attractors", why):
        return
    effect = own_patterns.remembered(
        st.session_state, "_dreamt", version, partial(dream, memory.patterns, dreaming)
    )
    caches.chart(
        figures.learning.census_pair, effect.before, effect.after, ("Hebbian", "after dreaming")
    )
    st.caption(
        f"{CENSUS_STARTS} random starts relaxed asynchronously (seed {SEED}) on the sidebar's "
        f"{words.counted(len(memory.patterns), 'pattern')}, before and after "
        f"{online.dreaming_words(n, **dict(dreaming))}. Stored patterns that are fixed points: "
        f"{effect.fixed_before:.0%} before, {effect.fixed_after:.0%} after."
    )


def dreaming_capacity(dreaming: tuple) -> None:
    """Capacity curves of random patterns, Hebbian and after dreaming, once the button is pressed."""
    lineup = {"hebbian": {}, "unlearning": dict(dreaming)}
    run = partial(
        sweeps.capacity_curves, n=DREAM_N, p_values=DREAM_P, trials=DREAM_TRIALS, seed=SEED
    )
    waiting = (
        f"Press the button to measure how many random patterns of N = {DREAM_N} stay fixed points, "
        f"Hebbian and after dreaming (P = {', '.join(map(str, DREAM_P))}; a few seconds)."
    )
    measured = on_demand.swept_on_button(
        "Measure capacity before and after",
        waiting,
        "dreaming",
        (DREAM_N, DREAM_P, DREAM_TRIALS),
        lineup,
        run,
        "P values",
        TITLES,
    )
    if measured is None:
        return
    curves = {rule: (curve.p_values, curve.success) for rule, (curve, _) in measured.items()}
    caches.chart(
        figures.compare.capacity_figure,
        curves,
        sweeps.theoretical_capacities(lineup, DREAM_N),
        TITLES,
        DREAM_N,
    )
    st.caption(
        f"Random patterns, N = {DREAM_N}, {DREAM_TRIALS} trials per P: the share of stored patterns that are "
        "fixed points (exact recall), Hebbian and after dreaming. Dashed, the Hebbian theory line: "
        f"{hopfield.RULES['hebbian'].theory_text} Dreaming: {online.DREAMING_TEXT}"
    )
