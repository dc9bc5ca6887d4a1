"""Compare's first section: every rule trained on the memory's patterns and recalling the same probes, one rule at a
time under a progress bar (`analysis.sweeps.compare_rules`, cached per rule)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from hopfield.analysis import sweeps
from ui import on_demand
from ui.caches import cached
from ui.sidebar import Memory


@cached(max_entries=32)
def one_rule(patterns: np.ndarray, rule: str, params: tuple, noise: float, seed: int,
             max_steps: int) -> sweeps.RuleComparison:
    """`compare_rules` for one rule: the probes depend on the patterns, the noise and the seed only, so every rule
    recalls the same ones whichever runs first."""
    return sweeps.compare_rules(patterns, {rule: dict(params)}, noise, seed, max_steps)[0]


def every_rule(patterns: np.ndarray, lineup: Mapping[str, Mapping[str, float]], noise: float, seed: int,
               max_steps: int, titles: Mapping[str, str]) -> list[sweeps.RuleComparison]:
    """Every rule of `lineup` (rule -> parameters) on `patterns`, in its order, one progress step per rule."""
    found = []
    with on_demand.progress(len(lineup)) as report:
        for k, (rule, params) in enumerate(lineup.items()):
            report(k, f"{titles[rule]}: training and recalling")
            found.append(one_rule(patterns, rule, tuple(params.items()), noise, seed, max_steps))
    return found


def recalls_all(compared: Sequence[sweeps.RuleComparison], memory: Memory, titles: Mapping[str, str]) -> str:
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
    return " · ".join(f"{name} {value if isinstance(value, str) else format(value, 'g')}"
                      for name, value in params.items()) or "none"
