"""Compare's first section: every rule trained on the memory's patterns and recalling the same probes, one rule at a
time under a progress bar (`analysis.sweeps.compare_rules`, cached per rule), then its table, timings and the
recalled patterns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import streamlit as st

from hopfield import HopfieldNetwork
from hopfield.analysis import sweeps
from ui import caches, figures, images, on_demand, widgets, words
from ui.caches import cached
from ui.sidebar import Memory

GRID_SHOWN = 10  # recalled patterns shown per rule


@cached(max_entries=32)
def one_rule(
    patterns: np.ndarray, rule: str, params: tuple, noise: float, seed: int, max_steps: int
) -> sweeps.RuleComparison:
    """`compare_rules` for one rule: the probes depend on the patterns, the noise and the seed only, so every rule
    recalls the same ones whichever runs first."""
    return sweeps.compare_rules(patterns, {rule: dict(params)}, noise, seed, max_steps)[0]


def every_rule(
    patterns: np.ndarray,
    lineup: Mapping[str, Mapping[str, float]],
    noise: float,
    seed: int,
    max_steps: int,
    titles: Mapping[str, str],
) -> list[sweeps.RuleComparison]:
    """Every rule of `lineup` (rule -> parameters) on `patterns`, in its order, one progress step per rule."""
    found = []
    with on_demand.progress(len(lineup)) as report:
        for k, (rule, params) in enumerate(lineup.items()):
            report(k, f"{titles[rule]}: training and recalling")
            found.append(one_rule(patterns, rule, tuple(params.items()), noise, seed, max_steps))
    return found


def recalls_all(
    compared: Sequence[sweeps.RuleComparison], memory: Memory, titles: Mapping[str, str]
) -> str:
    """Which rules recall every stored pattern, in one sentence."""
    count = len(memory.labels)
    seed_digits = memory.source.name == "digits" and count == 10
    what = "all ten of the seed's digits" if seed_digits else f"all {count} stored patterns"
    what = "the stored pattern" if count == 1 else what
    perfect = [f"**{titles[found.rule]}**" for found in compared if found.hits == count]
    if not perfect:
        return f"No rule recalls {what} from these probes."
    if len(perfect) == len(compared):
        return f"Every rule recalls {what}."
    return f"{', '.join(perfect)} {'recalls' if len(perfect) == 1 else 'recall'} {what}; the others miss some."


def parameters(params: Mapping[str, float | str]) -> str:
    """A rule's parameters in a short cell: "dreams 200 · depth 0.02 · seed 0", "beta 50 · attention softmax", or
    "none"."""
    cells = [
        f"{name} {value if isinstance(value, str) else format(value, 'g')}"
        for name, value in params.items()
    ]
    return " · ".join(cells) or "none"


def noise_control() -> float:
    """The fraction of bits flipped in every probe, in its own box."""
    with st.container(border=True):
        return widgets.number(
            "Noise: fraction of bits flipped in every probe",
            "flip",
            0.0,
            0.5,
            0.1,
            slider=True,
            step=0.01,
            help="Every stored pattern gets exactly round(fraction · N) flipped bits, the same bits for "
            "every rule.",
        )


def _asked(memory: Memory, lineup: Mapping[str, Mapping[str, float]], noise: float) -> bool:
    """Whether every rule may train and recall now: at once when quick, else once its button is pressed."""
    count, n = memory.patterns.shape
    version = (
        on_demand.named(memory.patterns),
        tuple((rule, tuple(params.items())) for rule, params in lineup.items()),
        noise,
    )
    return on_demand.asked(
        "compare_rules",
        version,
        "Train and recall with every rule",
        f"Training {len(lineup)} rules on {words.counted(count, 'pattern')} of N = {n} neurons and "
        "recalling them takes from several seconds to a minute or more.",
        needed=on_demand.every_rule_is_slow(count, n, lineup),
    )


def _rows(done: Sequence[sweeps.RuleComparison], count: int, titles: Mapping[str, str]) -> list:
    """One table row per rule: its parameters, patterns recalled, mean overlap and times."""
    return [
        {
            "rule": titles[found.rule],
            "parameters": parameters(found.params),
            "recalled": f"{found.hits} of {count}",
            "mean overlap m": round(found.overlap, 3),
            "train ms": round(found.train_ms, 2),
            "recall ms": round(found.recall_ms, 2),
        }
        for found in done
    ]


def stored_set(
    memory: Memory,
    net: HopfieldNetwork,
    noise: float,
    titles: Mapping[str, str],
    seed: int,
    max_steps: int,
) -> list[sweeps.RuleComparison]:
    """Every rule stores the memory's patterns and recalls them from the same probes (`noise` of the
    bits flipped): a sentence, each failure, and the table. Returns the rules that ran."""
    count, n = memory.patterns.shape
    lineup = sweeps.rule_settings(net)
    compared = []
    if _asked(memory, lineup, noise):
        compared = every_rule(memory.patterns, lineup, noise, seed, max_steps, titles)
    done = [found for found in compared if not found.error]
    if compared:
        modes = " / ".join(sorted({found.mode for found in done}))
        st.markdown(
            f"{recalls_all(done, memory, titles)} Each of the {words.counted(count, 'stored pattern')} "
            f"({memory.source.title}, N = {n}) had {round(noise * n)} bits flipped with seed {seed}, "
            f"then was recalled ({modes} updates, at most {max_steps} steps)."
        )
    for found in compared:
        if found.error:
            st.warning(f"{titles[found.rule]}: {found.error}", icon=":material/warning:")
    if done:
        st.space(images.TOOLBAR_GAP_PX)  # the table's hover toolbar sits above it: over this gap
        st.dataframe(
            _rows(done, count, titles),
            hide_index=True,
            column_config={"parameters": st.column_config.TextColumn(width="large")},
        )
        st.caption(
            f"Parameters: the sidebar's for {memory.rule_title}, the defaults for the others. Times are "
            "the best of up to three runs on this server: training builds the weights (dense and modern "
            "memories only keep the patterns), recall runs every probe at once."
        )
    return done


def _recalled_grids(
    done: Sequence[sweeps.RuleComparison], memory: Memory, titles: Mapping[str, str]
) -> None:
    """The first GRID_SHOWN recalled patterns of each rule, each marked ok or missed."""
    count = len(memory.labels)
    shown = min(count, GRID_SHOWN)
    if shown < count:
        st.caption(f"The first {shown} of {count} patterns.")
    for found in done:
        marks = ["ok" if hit else "missed" for hit in found.recalled[:shown]]
        labels = tuple(f"{label} {mark}" for label, mark in zip(memory.labels, marks))
        st.markdown(f"**{titles[found.rule]}**: {found.hits} of {count} recalled")
        st.image(caches.grid_png(found.states[:shown], memory.shape, labels, side_px=64))


def timings_and_recalls(
    done: Sequence[sweeps.RuleComparison], memory: Memory, titles: Mapping[str, str]
) -> None:
    """The rules' training and recall times, their recalled patterns, and the set's credit."""
    if done:
        train_ms = {found.rule: found.train_ms for found in done}
        recall_ms = {found.rule: found.recall_ms for found in done}
        caches.chart(figures.compare.timing_figure, train_ms, recall_ms, titles)
        with st.expander("Recalled patterns, rule by rule", icon=":material/grid_view:"):
            _recalled_grids(done, memory, titles)
    if memory.source.credit:
        st.caption(memory.source.credit)
