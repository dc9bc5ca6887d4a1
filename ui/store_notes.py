"""What the Store page says about a memory (its weights, most alike pair, stability and load) and how it tiles its
pattern grids."""

from __future__ import annotations

import math
from collections.abc import Sequence

from hopfield.analysis.memory_views import AlikePair
from ui import images, words

__all__ = [
    "DENSE_LOAD_NOTE",
    "EXPONENT_WORDS",
    "GRID_SHOWN",
    "alike_sentence",
    "capacity_short",
    "capacity_words",
    "grid_layout",
    "load_of",
    "load_sentence",
    "neuron_sentence",
    "no_weights_note",
    "stability_sentence",
    "strength_sentence",
]

EXPONENT_WORDS = 1e6  # capacities from here on are said in words, not drawn on the gauge scale
GRID_SHOWN = 60  # patterns drawn in a grid (the rest are counted in the caption)
DENSE_LOAD_NOTE = (
    "Dense and modern memories separate patterns through a sharp F (xⁿ, exp, softmax), so P can far "
    "exceed N; correlated patterns still need a sharp enough F (a larger n or β)."
)


def no_weights_note(rule_title: str) -> str:
    """Why a dense or modern memory shows the Hebbian W of its patterns."""
    return (
        f"The {rule_title} memory has no pairwise weight matrix: its energy is $E = -\\sum_\\mu F(\\xi^\\mu\\cdot "
        "s)$ (or a log-sum-exp for the modern rule), computed from the patterns themselves. Shown below for "
        "comparison, and labelled so: the Hebbian matrix of the same patterns."
    )


def capacity_short(capacity: float) -> str:
    """The capacity in a few words: "≈ 12.4", "astronomical" or "with no closed form" (nan)."""
    if math.isnan(capacity):
        return "with no closed form"
    return f"≈ {capacity:.1f}" if capacity < EXPONENT_WORDS else "astronomical"


def load_of(memorised: float, capacity: float) -> float:
    """P / P_max: nan without a closed-form capacity, inf for P > 0 where the capacity is 0."""
    if capacity == 0:
        return math.inf if memorised else 0.0
    return memorised / capacity


def capacity_words(capacity: float, n: int) -> str:
    """The capacity as a number, or in words when it is astronomically large or has no closed form (nan).

    >>> capacity_words(12.42, 90)
    'about 12.4 patterns at N = 90'
    """
    if math.isnan(capacity):
        return "not known in closed form (the rule's description says what is known)"
    if not math.isfinite(capacity):
        return f"more than 10³⁰⁸ patterns at N = {n}: no realistic set comes close"
    if capacity >= EXPONENT_WORDS:
        exponent = math.floor(math.log10(capacity))
        return (
            f"about ${capacity / 10**exponent:.1f} \\times 10^{{{exponent}}}$ patterns at N = {n}: astronomically "
            "more than any set here"
        )
    return f"about {capacity:.1f} patterns at N = {n}"


def load_sentence(rule_title: str, capacity: float, n: int, memorised: int, load: float) -> str:
    """The rule's capacity and the load P/P_max in one sentence ("effectively zero" for astronomical capacities)."""
    if math.isnan(load):
        shown = "not defined."
    elif math.isinf(load):
        shown = "past capacity."
    else:
        shown = f"{load:.3g}." if capacity < EXPONENT_WORDS else "effectively zero."
    return (
        f"The {rule_title} rule's theoretical capacity is {capacity_words(capacity, n)}. "
        f"Stored: P = {memorised}, a load of P/P_max = {shown}"
    )


def neuron_sentence(neuron: int, shape: tuple[int, int], suffix: str = "") -> str:
    """What the picture of row `neuron` of W shows (`suffix` " (Hebbian)" when W is only for comparison)."""
    row, column = divmod(neuron, shape[1])
    return (
        f"Row {neuron} of W{suffix} in the patterns' shape: the weights $w_{{ij}}$ into neuron {neuron} (outlined, "
        f"row {row}, column {column}) from every other neuron j. Red pushes neuron {neuron} towards ink when j is "
        "ink, blue towards paper; white is no influence."
    )


def alike_sentence(pair: AlikePair, labels: Sequence[str]) -> str:
    """The most alike pair of stored patterns, and why it matters."""
    return (
        f"The most alike pair: {labels[pair.first]} and {labels[pair.second]}, C = {pair.correlation:.2f}. "
        "Correlated patterns add crosstalk to each other's fields, the classic rule's main failure."
    )


def stability_sentence(fixed_points: int, memorised: int, rule_title: str) -> str:
    """How many stored patterns are fixed points of the rule's update, and what that means."""
    verdict = (
        ": each one is a valley of its own."
        if fixed_points == memorised
        else "; the others are not even stable before any noise is added."
    )
    return (
        f"{fixed_points} of {words.counted(memorised, 'stored pattern')} are fixed points of the {rule_title} "
        f"update (no bit flips in one synchronous step){verdict}"
    )


def grid_layout(count: int) -> dict[str, int]:
    """`state.grid_png` settings for `count` patterns: 5 a row up to ten patterns, else 10 smaller ones."""
    return (
        {"columns": 5, "side_px": images.GRID_SIDE_PX}
        if count <= 10
        else {"columns": 10, "side_px": 120}
    )


def strength_sentence(effective: float, fixed: int, count: int) -> str:
    """What the chosen strengths do to the load and to the stored patterns.

    >>> strength_sentence(13.0, 8, 10)[-44:]
    '13 equal patterns; 8 of 10 are fixed points.'
    """
    return (
        f"With these strengths the weakest stored pattern feels the crosstalk of P_eff = Σc²/c_min² = "
        f"{effective:.3g} equal patterns; {fixed} of {count} are fixed points."
    )
