"""What the screen says is exact (issue 18): every formula, theory line and default the app shows, checked
against the engine on small cases. docs/SCIENCE.md lists each statement, its source and its test here."""

from __future__ import annotations

import math

import numpy as np
import pytest

import hopfield
from hopfield import HopfieldNetwork, analysis, random_patterns
from hopfield.analysis.continuous import classify_fixed_point
from hopfield.modern import ENERGY_FORMULA, ENERGY_LATEX
from hopfield.rules import online

RULES = hopfield.RULES


# 1. The modern energy, with its 1/N -----------------------------------------------------------------------


def caption_energy(patterns: np.ndarray, state: np.ndarray, beta: float) -> float:
    """E = −lse(β, Xξ/N) + ξᵀξ/(2N) + β⁻¹ ln P + ½M², M² = max_μ ξ^μ·ξ^μ / N: the caption's terms, one by one."""
    p, n = patterns.shape
    lse = math.log(sum(math.exp(beta * float(x @ state) / n) for x in patterns)) / beta
    m2 = max(float(x @ x) for x in patterns) / n
    return -lse + float(state @ state) / (2 * n) + math.log(p) / beta + 0.5 * m2


def test_the_modern_caption_states_the_energy_the_engine_computes() -> None:
    rule = RULES["modern"]
    assert ENERGY_LATEX in rule.energy and ENERGY_FORMULA in rule.description
    for term in ("X\\xi/N", "\\xi^\\top\\xi/(2N)", "\\beta^{-1}\\ln P", "\\tfrac12 M^2"):
        assert term in ENERGY_LATEX
    for term in ("lse(β, Xξ/N)", "ξᵀξ/(2N)", "β⁻¹ ln P", "½M²"):
        assert term in ENERGY_FORMULA
    binary = random_patterns(3, 8, seed=1)
    net = HopfieldNetwork.train(binary, "modern", beta=2.0)
    states = random_patterns(4, 8, seed=2)
    expected = [caption_energy(binary.astype(float), s.astype(float), 2.0) for s in states]
    np.testing.assert_allclose(net.energy(states), expected, rtol=1e-12)
    real = np.random.default_rng(3).normal(size=(3, 6))
    net = HopfieldNetwork.train(real, "modern", beta=1.5)
    probes = np.random.default_rng(4).normal(size=(2, 6))
    np.testing.assert_allclose(
        net.energy(probes), [caption_energy(real, s, 1.5) for s in probes], rtol=1e-12
    )


# 2. Dreaming has no closed-form capacity ------------------------------------------------------------------


def test_dreaming_draws_no_theory_line_and_says_so() -> None:
    rule = RULES["unlearning"]
    assert math.isnan(rule.capacity(100)) and math.isnan(
        HopfieldNetwork.train(random_patterns(3, 20), "unlearning", dreams=2).capacity
    )
    assert (
        rule.theory_text == online.DREAMING_TEXT and "No closed-form capacity" in rule.theory_text
    )
    assert math.isnan(analysis.sweeps.theoretical_capacities({"unlearning": {}}, 100)["unlearning"])


# 3. The palimpsest's window follows A ---------------------------------------------------------------------


def test_the_palimpsest_window_follows_the_bound() -> None:
    rule = RULES["palimpsest"]
    assert rule.capacity(800, bound=0.2) == pytest.approx(22.0)
    assert rule.capacity(800, bound=1.0) == 0.0 and rule.capacity(800) == rule.capacity(
        800, bound=0.2
    )
    assert (
        rule.capacity(400, bound=0.1)
        < rule.capacity(400, bound=0.25)
        > rule.capacity(400, bound=0.4)
    )
    assert (
        "measured" in rule.theory_text
        and "0.04 N" not in rule.description.split("Parisi (1986)")[0]
    )


@pytest.mark.parametrize("bound", [0.25, 0.6])
def test_the_shipped_window_matches_a_fresh_measurement(bound: float) -> None:
    """The calibration (N = 800) against the Learning page's criterion at N = 400, other seeds."""
    measured = analysis.age_curve(
        "palimpsest", 400, 400, 0.1, 4, seed=11, params={"bound": bound}
    ).span()
    shipped = online.palimpsest_window(400, bound)
    assert abs(measured - shipped) <= max(3, 0.3 * shipped)


# 4. Dreaming's default scales with N ----------------------------------------------------------------------


def test_dreaming_depth_sets_epsilon_from_n() -> None:
    defaults = RULES["unlearning"].defaults()
    assert defaults == {"dreams": 200, "depth": 0.02, "seed": 0}
    assert online.dream_epsilon(100, 200, 0.02) == pytest.approx(0.01)
    assert online.dream_epsilon(784, 200, 0.02) == pytest.approx(0.0784)
    assert (
        online.dreaming_words(784, 200, 0.02)
        == "200 dreams of depth D·ε/N = 0.02 (ε = 0.0784 at N = 784)"
    )
    assert "scales with N" in RULES["unlearning"].params["depth"].help


def test_dreaming_with_its_defaults_works_at_a_larger_n() -> None:
    """α = 0.14 at N = 400: the old default (200 dreams of ε = 0.01, depth 0.005) left 0.59 of the patterns
    fixed points; the default depth 0.02 leaves nearly all."""
    xi = random_patterns(56, 400, seed=0)
    net = HopfieldNetwork.train(xi, "unlearning")
    assert (net.recall(xi, "sync", max_steps=1).states == xi).all(axis=1).mean() > 0.9


# 5. The rectified rule's sentence --------------------------------------------------------------------------


def test_reversed_patterns_as_the_rectified_sentence_says() -> None:
    xi = random_patterns(3, 30, seed=5)
    fixed = {}
    for rule, degree in (
        ("dense-poly", 2),
        ("dense-poly", 3),
        ("dense-rectified", 2),
        ("dense-rectified", 3),
    ):
        net = HopfieldNetwork.train(xi, rule, degree=degree)
        fixed[rule, degree] = bool((net.recall(-xi, "sync", max_steps=1).states == -xi).all())
    assert fixed == {
        ("dense-poly", 2): True,
        ("dense-poly", 3): False,
        ("dense-rectified", 2): False,
        ("dense-rectified", 3): False,
    }
    text = RULES["dense-rectified"].description
    assert (
        "unlike under the polynomial rule with even n" in text
        and "Capacity as the polynomial rule" not in text
    )


def test_the_rectified_rule_stores_more_than_its_drawn_line() -> None:
    """At twice the polynomial rule's capacity (N = 60, n = 3: P = 293) most patterns stay fixed points under the
    rectified rule, a minority under the polynomial one: the numbers behind "stores more"."""
    p = round(2 * RULES["dense-poly"].capacity(60, degree=3))
    xi = random_patterns(p, 60, seed=0)
    share = {
        rule: (HopfieldNetwork.train(xi, rule).recall(xi, "sync", max_steps=1).states == xi)
        .all(axis=1)
        .mean()
        for rule in ("dense-poly", "dense-rectified")
    }
    assert share["dense-rectified"] > 0.8 and share["dense-poly"] < 0.45
    assert RULES["dense-rectified"].capacity(60) == RULES["dense-poly"].capacity(60)
    assert (
        "most patterns stay fixed points, against a minority"
        in RULES["dense-rectified"].theory_text
    )


# 6. Theory lines say their criterion -----------------------------------------------------------------------


CRITERIA = ("bits wrong", "error-free", "exactly", "no closed form", "measured")


@pytest.mark.parametrize("name", list(RULES))
def test_every_theory_line_names_its_criterion_and_source(name: str) -> None:
    rule = RULES[name]
    text = rule.theory_text.lower()
    assert any(criterion in text for criterion in CRITERIA) and any(
        str(year) in text for year in range(1982, 2021)
    )
    assert rule.theory_text in rule.description


def test_hebbian_theory_lines_and_the_modern_capacity() -> None:
    text = RULES["hebbian"].theory_text
    assert "0.138 N with up to 1.6 % of bits wrong" in text
    assert (
        "N / (2 ln N) for one pattern and N / (4 ln N) for all at once (McEliece et al. 1987)"
        in text
    )
    assert (
        math.isnan(RULES["modern"].capacity(100)) and "2^(N/2)" not in RULES["modern"].description
    )
    assert (
        RULES["dense-exp"].capacity(20) == 2.0**10
        and "Demircigil" in RULES["dense-exp"].theory_text
    )


# 7. Smaller points -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "regime"),
    [
        ([0.5, 0.5, 0.0, 0.0], "metastable"),  # two of four memories: not the global average
        ([0.5, 0.5, 0.0], "metastable"),
        ([0.5, 0.5], "global"),
        ([1 / 3] * 3, "global"),
        ([0.25] * 4, "global"),
        ([0.2] * 3 + [0.4 / 7] * 7, "global"),  # n_eff ≈ 6.4 of 10
        ([0.45, 0.45] + [0.1 / 8] * 8, "metastable"),
        ([0.98, 0.02], "single"),
    ],
)
def test_an_average_of_two_memories_is_global_only_when_there_are_two(weights, regime) -> None:
    assert classify_fixed_point(weights).regime == regime


def test_most_trials_is_a_strict_majority() -> None:
    curve = analysis.AgeCurve(
        "palimpsest", 10, 4, np.arange(4), np.array([1.0, 0.75, 0.5, 1.0]), 4, 0.1, {}
    )
    assert curve.span() == 2 and curve.span(0.4) == 4


def test_capacities_without_a_number_are_said_in_words() -> None:
    """nan (no closed form) and 0 (the palimpsest past A ≈ 0.6) never show as "nan", "inf%" or a crash."""
    from ui import store_notes

    assert (
        store_notes.capacity_short(math.nan) == "with no closed form"
        and store_notes.capacity_short(4.36) == "≈ 4.4"
    )
    assert store_notes.load_of(3, math.nan) != store_notes.load_of(3, math.nan)  # nan
    assert store_notes.load_of(3, 0.0) == math.inf and store_notes.load_of(0, 0.0) == 0.0
    assert store_notes.load_sentence("Hebbian + dreaming", math.nan, 90, 10, math.nan) == (
        "The Hebbian + dreaming rule's theoretical capacity is not known in closed form (the rule's description says "
        "what is known). Stored: P = 10, a load of P/P_max = not defined."
    )
    assert store_notes.load_sentence("Palimpsest", 0.0, 90, 10, math.inf).endswith(
        "P/P_max = past capacity."
    )
    assert HopfieldNetwork.train(random_patterns(3, 20), "palimpsest", bound=1.0).load == math.inf


# 8. Outcomes are green only when the state is the target ---------------------------------------------------


def test_a_single_memory_is_a_success_only_when_it_is_the_target() -> None:
    labels = ("a", "b", "c")
    point = classify_fixed_point([0.02, 0.96, 0.02])
    assert point.outcome(1, labels) == ("target", "A single memory: b (96.0% of the attention).")
    assert point.outcome(0, labels) == (
        "wrong",
        "The wrong memory: b (96.0% of the attention), not a.",
    )
    assert classify_fixed_point([0.5, 0.5, 0.0]).outcome(0, labels)[0] == "metastable"
    assert classify_fixed_point([1 / 3] * 3).outcome(0, labels)[0] == "global"


def test_a_tie_of_labels_is_named_a_tie() -> None:
    names = ("cat", "dog", "owl")
    assert analysis.label_outcome(names, [1 / 3] * 3, "cat")[0] == "tie"
    assert analysis.label_outcome(names, [0.4, 0.4, 0.2], "owl") == (
        "tie",
        "A tie: 2 labels share the top weight (40% each: cat, dog), so no label is retrieved; the probe was "
        "made from owl.",
    )
    assert analysis.label_outcome(names, [0.5, 0.3, 0.2], "cat") == (
        "target",
        "Retrieved label: **cat** (50%); the probe was made from cat.",
    )
    assert analysis.label_outcome(names, [0.3, 0.5, 0.2], "cat")[0] == "wrong"


# 9. Promises the default view keeps ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "regimes"),
    [
        ("photos", ["global", "single"]),
        ("mnist", ["global", "metastable", "single"]),
        ("optdigits", ["global", "metastable", "single"]),
    ],
)
def test_the_sets_named_in_the_intro_show_the_regimes_it_says(
    name: str, regimes: list[str]
) -> None:
    """The Continuous page's default probe (image 0, bottom half masked, seed 0) swept over its β grid."""
    gray = hopfield.load_gray_set(name)
    probe = hopfield.real_probe(gray.patterns, 0, "mask-bottom", gray.shape, 0.5, 0)
    betas = np.array([float(f"{float(f'{b:.3g}'):g}") for b in analysis.log_betas(0.1, 1e4, 8)])
    swept = analysis.beta_sweep(gray.patterns, probe, gray.patterns[0], betas, 200)
    assert [band[0] for band in swept.bands(0)] == regimes
