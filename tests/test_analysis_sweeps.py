"""Comparing rules on one pattern set (hopfield.analysis.sweeps, the Compare page's engine): settings and
modes from the registry, the timed comparison against a plain train-and-recall, the per-rule loop and its
progress, and the capacity / basin curves rule by rule against the single-rule functions."""

import math

import numpy as np
import pytest

from hopfield import RULES, HopfieldNetwork, load_set, random_patterns
from hopfield.analysis.sweeps import (
    basin_curve,
    basin_curves,
    capacity_curve,
    capacity_curves,
    compare_rules,
    comparison_mode,
    pattern_counts,
    rule_settings,
    run_per_rule,
    theoretical_capacities,
)
from hopfield.corrupt import flip_count

# Two orthogonal 4-neuron patterns: Hebbian fields W ξ = (4 − 2) ξ, so both are fixed points.
PAIR = np.array([[1, -1, 1, -1], [1, 1, -1, -1]], dtype=np.int8)


# --- settings and modes ------------------------------------------------------------------------


def test_rule_settings_give_the_network_its_own_parameters_and_the_others_their_defaults():
    net = HopfieldNetwork.train(PAIR, "dense-poly", degree=5)
    settings = rule_settings(net)
    assert list(settings) == list(RULES)
    assert settings["dense-poly"] == {"degree": 5}
    assert (
        settings["pseudoinverse"] == {"damping": 0.0}
        and settings["modern"] == RULES["modern"].defaults()
    )
    assert rule_settings(net, ["storkey"]) == {"storkey": {}}
    with pytest.raises(ValueError, match="telepathy"):
        rule_settings(net, ["telepathy"])


def test_comparison_mode_is_sync_when_allowed_else_the_first_mode():
    for name, rule in RULES.items():
        mode = comparison_mode(name)
        assert mode in rule.modes
        assert mode == ("sync" if "sync" in rule.modes else rule.modes[0])
    with pytest.raises(ValueError, match="telepathy"):
        comparison_mode("telepathy")


# --- the stored set, every rule ----------------------------------------------------------------


def test_compare_rules_hand_worked_pair_without_noise():
    (hebbian,) = compare_rules(PAIR, {"hebbian": {}}, noise=0.0)
    assert hebbian.rule == "hebbian" and hebbian.mode == "sync" and hebbian.error == ""
    np.testing.assert_array_equal(hebbian.states, PAIR)
    np.testing.assert_array_equal(hebbian.recalled, [True, True])
    assert hebbian.hits == 2 and hebbian.overlap == 1.0
    assert hebbian.train_ms >= 0 and hebbian.recall_ms > 0
    assert not hebbian.states.flags.writeable and not hebbian.recalled.flags.writeable


def test_compare_rules_agrees_with_a_plain_train_and_recall_on_the_same_probes():
    digits = load_set("digits").patterns
    settings = rule_settings(HopfieldNetwork.train(digits, "pseudoinverse", damping=0.1))
    compared = compare_rules(digits, settings, noise=0.1, seed=0, max_steps=100)
    assert [c.rule for c in compared] == list(RULES)
    probes = flip_count(digits, 9, seed=0)  # round(0.1 · 90) bits, the same for every rule
    for found in compared:
        net = HopfieldNetwork.train(digits, found.rule, **settings[found.rule])
        states = net.recall(probes, found.mode, 100).states
        np.testing.assert_array_equal(found.states, states)
        np.testing.assert_array_equal(found.recalled, (states == digits).all(axis=1))
        assert found.overlap == pytest.approx(
            np.mean([s @ p for s, p in zip(states.astype(int), digits)]) / 90
        )
        assert found.params == dict(net.params)
    hits = {found.rule: found.hits for found in compared}
    assert hits["pseudoinverse"] == 10 and hits["hebbian"] < 10


def test_compare_rules_keeps_a_refusal_and_runs_the_other_rules():
    compared = compare_rules(
        PAIR, {"dense-poly": {"degree": 1}, "telepathy": {}, "storkey": {}}, noise=0.25
    )
    refused, unknown, storkey = compared
    assert "degree" in refused.error and refused.states is None and math.isnan(refused.train_ms)
    assert refused.hits == 0 and refused.params == {"degree": 1}
    assert "telepathy" in unknown.error
    assert storkey.error == "" and storkey.states.shape == (2, 4)


@pytest.mark.parametrize(
    ("keyword", "value", "word"),
    [
        ("noise", 2.0, "noise"),
        ("repeats", 0, "repeats"),
        ("max_steps", -1, "max_steps"),
        ("budget_s", -1.0, "budget_s"),
    ],
)
def test_compare_rules_refuses_bad_settings_with_a_sentence(keyword, value, word):
    with pytest.raises(ValueError, match=word):
        compare_rules(PAIR, {"hebbian": {}}, **{keyword: value})


def test_compare_rules_runs_each_phase_up_to_the_repeats_within_the_budget(monkeypatch):
    calls = []
    train = HopfieldNetwork.train.__func__

    def counted(cls, *args, **kwargs):
        calls.append(args[1])
        return train(cls, *args, **kwargs)

    monkeypatch.setattr(HopfieldNetwork, "train", classmethod(counted))
    compare_rules(PAIR, {"hebbian": {}}, noise=0.0, repeats=3, budget_s=60.0)
    assert calls == ["hebbian"] * 3
    calls.clear()
    compare_rules(
        PAIR, {"hebbian": {}}, noise=0.0, repeats=3, budget_s=0.0
    )  # the first run spends the budget
    assert calls == ["hebbian"]


# --- one loop over the rules -------------------------------------------------------------------


def test_run_per_rule_reports_each_rule_inside_the_whole():
    seen = []

    def measure(rule, report):
        report(0.5)
        report(1.0)
        return rule.upper()

    runs = run_per_rule(
        ["a", "b"], measure, lambda rule, own, whole: seen.append((rule, own, whole))
    )
    assert runs.results == {"a": "A", "b": "B"} and runs.failed is None and runs.error == ""
    assert set(runs.seconds) == {"a", "b"} and all(s >= 0 for s in runs.seconds.values())
    assert seen == [
        ("a", 0.0, 0.0),
        ("a", 0.5, 0.25),
        ("a", 1.0, 0.5),
        ("b", 0.0, 0.5),
        ("b", 0.5, 0.75),
        ("b", 1.0, 1.0),
    ]


def test_run_per_rule_stops_at_the_first_refusal_and_keeps_what_ran():
    ran = []

    def measure(rule, report):
        ran.append(rule)
        if rule == "b":
            raise ValueError("b is too large.")
        return len(ran)

    runs = run_per_rule(["a", "b", "c"], measure)
    assert ran == ["a", "b"] and runs.results == {"a": 1} and list(runs.seconds) == ["a"]
    assert runs.failed == "b" and runs.error == "b is too large."
    with pytest.raises(ValueError, match="progress"):
        run_per_rule(["a"], measure, progress="bar")


def defaults(rule: str) -> dict:
    """The rule's parameters at their defaults, as a curve records them when none is given."""
    return {name: spec.default for name, spec in RULES[rule].params.items()}


def test_capacity_curves_equal_capacity_curve_rule_by_rule():
    settings = {"hebbian": {}, "pseudoinverse": {"damping": 0.1}, "modern": {"beta": 10.0}}
    fractions = []
    runs = capacity_curves(
        settings,
        24,
        (2, 6, 12),
        trials=3,
        noise=0.05,
        seed=7,
        progress=lambda rule, own, whole: fractions.append(whole),
    )
    assert list(runs.results) == list(settings) and runs.failed is None
    for rule, params in settings.items():
        alone = capacity_curve(rule, 24, (2, 6, 12), 3, 0.05, 7, "sync", 20, **params)
        np.testing.assert_array_equal(runs.results[rule].success, alone.success)
        assert runs.results[rule].mode == comparison_mode(rule) and dict(
            runs.results[rule].params
        ) == {**defaults(rule), **params}
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_capacity_curves_name_the_rule_that_refused():
    runs = capacity_curves(
        {"hebbian": {}, "dense-poly": {"degree": 99}, "storkey": {}}, 16, (1, 2), trials=1
    )
    assert (
        list(runs.results) == ["hebbian"] and runs.failed == "dense-poly" and "degree" in runs.error
    )


def test_basin_curves_equal_basin_curve_rule_by_rule():
    patterns = random_patterns(4, 30, seed=3)
    settings = {"storkey": {}, "dense-exp": {}}
    levels = (0.0, 0.2, 0.4)
    runs = basin_curves(patterns, settings, levels, trials=2, seed=1, max_steps=100)
    for rule, params in settings.items():
        alone = basin_curve(
            HopfieldNetwork.train(patterns, rule, **params), levels, 2, 1, "sync", 100
        )
        np.testing.assert_array_equal(runs.results[rule].per_pattern, alone.per_pattern)
    assert runs.results["storkey"].success[0] == 1.0  # 4 patterns of 30 neurons: all stored


# --- the capacity figure's axis and theory lines -----------------------------------------------


def test_pattern_counts_spread_up_to_the_largest_without_repeats():
    assert pattern_counts(12) == (1, 2, 4, 5, 6, 7, 8, 10, 11, 12)
    assert pattern_counts(2) == (1, 2)
    assert pattern_counts(1) == (1,)
    assert pattern_counts(600) == (60, 120, 180, 240, 300, 360, 420, 480, 540, 600)
    assert pattern_counts(50, points=5) == (10, 20, 30, 40, 50)
    with pytest.raises(ValueError, match="largest"):
        pattern_counts(0)


def test_theoretical_capacities_are_each_rules_formula():
    theory = theoretical_capacities(
        {
            "hebbian": {},
            "storkey": {},
            "pseudoinverse": {},
            "dense-poly": {"degree": 2},
            "dense-exp": {},
        },
        32,
    )
    assert theory["hebbian"] == pytest.approx(0.138 * 32)
    assert theory["storkey"] == pytest.approx(32 / math.sqrt(2 * math.log(32)))
    assert theory["pseudoinverse"] == 32.0
    assert theory["dense-poly"] == pytest.approx(
        32 / (2 * math.log(32))
    )  # N^(n-1) / (2 (2n-3)!! ln N), n = 2
    assert theory["dense-exp"] == 2.0**16
    with pytest.raises(ValueError, match="telepathy"):
        theoretical_capacities({"telepathy": {}}, 32)
