"""The registries: one battery runs every registered rule under each of its modes (read from
`RULES` and `DYNAMICS`, not from lists written here), the parameter specs, and a toy rule
registered at test time that trains, validates and recalls like the built-in ones."""

import io
import math

import numpy as np
import pytest

import hopfield
from hopfield import HopfieldNetwork, load, random_patterns
from hopfield.corrupt import flip_count
from hopfield.dense import dense_run
from hopfield.dynamics import DYNAMICS, MODES, Mode, get_mode
from hopfield.modern import modern_run
from hopfield.rules import (
    RULES,
    ParamSpec,
    Rule,
    get_rule,
    hebbian,
    register_rule,
    rule_titles,
    rules_allowing,
    unregister_rule,
)

N = 64
PATTERNS = random_patterns(3, N, seed=5)  # low load: a fixed point of every rule
RULE_MODES = [(name, mode) for name, rule in RULES.items() for mode in rule.modes]
DESCENDING = [(name, mode) for name, rule in RULES.items() for mode in rule.descends]


def _probes() -> np.ndarray:
    return flip_count(np.vstack([PATTERNS, PATTERNS]), 6, seed=1)


def _temperature(mode: str) -> float:
    return 0.5 if DYNAMICS[mode].needs_temperature else 0.0


# ---------------------------------------------------------------- the battery, one check per promise


def check_read_only(net: HopfieldNetwork, mode: str) -> None:
    result = net.recall(
        _probes(), mode, max_steps=5, temperature=_temperature(mode), seed=0, record=True
    )
    arrays = [
        net.patterns,
        net.weights,
        result.states,
        result.steps,
        result.converged,
        result.cycled,
        result.trajectory,
        result.energies,
    ]
    if net.couplings is not None:
        arrays.append(net.couplings)
    for array in arrays:
        assert not array.flags.writeable
    with pytest.raises(TypeError):
        net.params["x"] = 1


def check_fixed_points(net: HopfieldNetwork, mode: str) -> None:
    result = net.recall(PATTERNS, mode, seed=0)
    np.testing.assert_array_equal(result.states, PATTERNS)
    assert result.converged.all() and not result.cycled.any()


def check_same_seed_same_result(net: HopfieldNetwork, mode: str) -> None:
    first, second = (
        net.recall(
            _probes(), mode, max_steps=8, temperature=_temperature(mode), seed=7, record=True
        )
        for _ in range(2)
    )
    for name in ("states", "steps", "converged", "cycled", "trajectory", "energies"):
        np.testing.assert_array_equal(getattr(first, name), getattr(second, name))


def check_energy_never_rises(net: HopfieldNetwork, mode: str) -> None:
    result = net.recall(_probes(), mode, seed=3, record=True)
    rises = np.diff(result.energies, axis=0)
    assert (rises <= 1e-9 * np.maximum(1.0, np.abs(result.energies[1:]))).all()
    assert (result.energies[-1] <= result.energies[0]).all()


def check_save_load(net: HopfieldNetwork) -> None:
    buffer = io.BytesIO()
    net.save(buffer)
    loaded = load(buffer.getvalue())
    assert loaded.rule == net.rule and dict(loaded.params) == dict(net.params)
    np.testing.assert_array_equal(loaded.patterns, net.patterns)
    assert (loaded.couplings is None) == (net.couplings is None)
    if net.couplings is not None:
        np.testing.assert_array_equal(loaded.couplings, net.couplings)
        assert loaded.scale == net.scale
    for mode in net.modes:
        ours = net.recall(_probes(), mode, max_steps=5, temperature=_temperature(mode), seed=2)
        theirs = loaded.recall(_probes(), mode, max_steps=5, temperature=_temperature(mode), seed=2)
        np.testing.assert_array_equal(theirs.states, ours.states)
        np.testing.assert_array_equal(theirs.steps, ours.steps)


def run_battery(rule: str) -> None:
    """Every promise, for one registered rule under each of its modes."""
    net = HopfieldNetwork.train(PATTERNS, rule)
    for mode in get_rule(rule).modes:
        check_read_only(net, mode)
        check_fixed_points(net, mode)
        check_same_seed_same_result(net, mode)
    for mode in get_rule(rule).descends:
        check_energy_never_rises(net, mode)
    check_save_load(net)


@pytest.fixture(scope="module")
def nets():
    return {name: HopfieldNetwork.train(PATTERNS, name) for name in RULES}


@pytest.mark.parametrize(("rule", "mode"), RULE_MODES, ids=[f"{r}-{m}" for r, m in RULE_MODES])
def test_arrays_are_read_only(nets, rule, mode):
    check_read_only(nets[rule], mode)


@pytest.mark.parametrize(("rule", "mode"), RULE_MODES, ids=[f"{r}-{m}" for r, m in RULE_MODES])
def test_stored_patterns_are_fixed_points_at_low_load(nets, rule, mode):
    check_fixed_points(nets[rule], mode)


@pytest.mark.parametrize(("rule", "mode"), RULE_MODES, ids=[f"{r}-{m}" for r, m in RULE_MODES])
def test_same_seed_same_result(nets, rule, mode):
    check_same_seed_same_result(nets[rule], mode)


@pytest.mark.parametrize(("rule", "mode"), DESCENDING, ids=[f"{r}-{m}" for r, m in DESCENDING])
def test_energy_never_rises_where_the_rule_promises_it(nets, rule, mode):
    check_energy_never_rises(nets[rule], mode)


@pytest.mark.parametrize("rule", list(RULES))
def test_save_load_round_trip(nets, rule):
    check_save_load(nets[rule])


def test_every_rule_promises_descent_somewhere_and_deterministic_async_descends():
    for rule in RULES.values():
        assert rule.descends, rule.name
        if "async" in rule.modes:
            assert "async" in rule.descends, rule.name


# ---------------------------------------------------------------- parameter specs


SPECS = [(rule.name, spec) for rule in RULES.values() for spec in rule.params.values()]


@pytest.mark.parametrize(("rule", "spec"), SPECS, ids=[f"{r}-{s.name}" for r, s in SPECS])
def test_each_spec_is_complete_and_its_default_trains(rule, spec):
    assert spec.label and spec.help and spec.step > 0
    if (
        spec.choices
    ):  # a choice (the modern rule's attention): every option trains, the default first
        assert spec.default in spec.choices
        for option in spec.choices:
            assert (
                HopfieldNetwork.train(PATTERNS, rule, **{spec.name: option}).params[spec.name]
                == option
            )
        return
    lo, hi = spec.slider
    assert spec.lo <= lo <= spec.default <= hi <= spec.hi
    assert spec.check(spec.default) == spec.default
    net = HopfieldNetwork.train(PATTERNS, rule)
    assert net.params[spec.name] == spec.default
    if spec.integer:
        assert isinstance(spec.default, int) and float(spec.step).is_integer()


@pytest.mark.parametrize(("rule", "spec"), SPECS, ids=[f"{r}-{s.name}" for r, s in SPECS])
def test_each_spec_refuses_values_outside_its_range_with_a_sentence(rule, spec):
    bad = [spec.lo - 1, float("nan"), "3", True, None]
    if math.isfinite(spec.hi):
        bad.append(spec.hi + 1)
    if spec.integer:
        bad.append(spec.default + 0.5)
    for value in bad:
        with pytest.raises(ValueError) as caught:
            HopfieldNetwork.train(PATTERNS, rule, **{spec.name: value})
        message = str(caught.value)
        assert message.startswith(f"{spec.name} must be {spec.allowed}, got ") and message.endswith(
            "."
        )


def test_check_fills_defaults_and_lists_what_a_rule_takes():
    rule = get_rule("pseudoinverse")
    assert rule.check({}) == rule.defaults() == {"damping": 0.0}
    assert rule.check({"damping": np.float32(0.5)}) == {"damping": 0.5}
    with pytest.raises(
        ValueError, match="The pseudoinverse rule takes no parameter beta, gain; it takes: damping"
    ):
        rule.check({"gain": 1, "beta": 2})
    assert get_rule("dense-poly").capacity(100) == get_rule("dense-poly").capacity(100, degree=3)


def test_the_engine_functions_take_their_defaults_from_the_registry():
    """β and the degree are written once, in their ParamSpec; dense.py's functions read them from there."""
    probes = _probes()
    beta = get_rule("modern").params["beta"].default
    np.testing.assert_array_equal(
        modern_run(PATTERNS, probes).states, modern_run(PATTERNS, probes, beta=beta).states
    )
    degree = get_rule("dense-poly").params["degree"].default
    ours = dense_run(PATTERNS, probes, "poly", mode="sync")
    np.testing.assert_array_equal(
        ours.states, dense_run(PATTERNS, probes, "poly", degree, mode="sync").states
    )


def test_param_spec_wording():
    assert ParamSpec("k", 3, 2, 20, integer=True).allowed == "a whole number from 2 to 20"
    assert ParamSpec("x", 0.0, 0.0, slider=(0.0, 1.0)).allowed == "a number >= 0"
    assert ParamSpec("b", 1.0, 0.0, lo_open=True, slider=(0.5, 2.0)).allowed == "a number > 0"
    assert (
        ParamSpec("g", 1.0, 0.0, 10.0, lo_open=True).allowed
        == "a number greater than 0 and at most 10"
    )
    with pytest.raises(ValueError, match="x must be a number from 0 to 1, got 2"):
        ParamSpec("x", 2.0, 0.0, 1.0)  # a default outside its own range


# ---------------------------------------------------------------- the dynamics registry


def test_modes_registry_is_the_mode_tuple_in_order():
    assert MODES == hopfield.MODES == tuple(DYNAMICS) == ("sync", "async", "stochastic")
    for name, mode in DYNAMICS.items():
        assert isinstance(mode, Mode) and mode.name == name and get_mode(name) is mode
        assert (
            mode.title
            and mode.step_name in ("step", "sweep")
            and mode.record_unit in ("step", "flip", "sweep")
        )
    assert [name for name, mode in DYNAMICS.items() if mode.needs_temperature] == ["stochastic"]
    with pytest.raises(
        ValueError, match="Unknown mode 'fast'; choose one of sync, async, stochastic"
    ):
        get_mode("fast")


def test_which_rules_allow_a_mode_comes_from_the_rules():
    for mode in MODES:
        assert rules_allowing(mode) == tuple(
            name for name, rule in RULES.items() if mode in rule.modes
        )
    assert "modern" in rules_allowing("sync") and "modern" not in rules_allowing("async")


# ---------------------------------------------------------------- a rule registered from outside


def scaled_hebbian(patterns: np.ndarray, gain: float) -> tuple[np.ndarray, float]:
    """W = (g/N) Σ_μ ξ^μ ξ^μᵀ, w_ii = 0: Hebb's couplings with the scale times the gain g."""
    couplings, scale = hebbian(patterns)
    return couplings, gain * scale


TOY = Rule(
    "toy",
    "Scaled Hebbian",
    "W = (g/N) Σ_μ ξ^μ ξ^μᵀ, w_ii = 0: Hebb's rule with a gain g.",
    "pairwise",
    lambda n, gain: 0.138 * n,
    ("sync", "async"),
    train=scaled_hebbian,
    params=(
        ParamSpec(
            "gain",
            1.0,
            0.0,
            10.0,
            lo_open=True,
            label="Gain g",
            step=0.1,
            help="W = (g/N) Σ_μ ξ^μ ξ^μᵀ: a positive gain scales energies, not the dynamics.",
        ),
    ),
    descends=("async",),
)


@pytest.fixture
def toy():
    register_rule(TOY)
    try:
        yield TOY
    finally:
        unregister_rule("toy")


def test_a_registered_toy_rule_trains_validates_and_recalls(toy):
    net = HopfieldNetwork.train(PATTERNS, rule="toy", gain=2.0)
    assert (
        net.rule == "toy" and dict(net.params) == {"gain": 2.0} and net.modes == ("sync", "async")
    )
    np.testing.assert_array_equal(net.weights, 2.0 * HopfieldNetwork.train(PATTERNS).weights)
    assert HopfieldNetwork.train(PATTERNS, "toy").params["gain"] == 1.0
    with pytest.raises(
        ValueError, match=r"^gain must be a number greater than 0 and at most 10, got 20\.$"
    ):
        HopfieldNetwork.train(PATTERNS, rule="toy", gain=20)
    with pytest.raises(ValueError, match="The toy rule takes no parameter damping; it takes: gain"):
        HopfieldNetwork.train(PATTERNS, rule="toy", damping=0.1)
    with pytest.raises(ValueError, match="unsupported mode 'stochastic' for the toy rule"):
        net.recall(PATTERNS, "stochastic")
    assert "toy" in rules_allowing("async") and "toy" not in rules_allowing("stochastic")
    run_battery("toy")


def test_rule_titles_come_from_the_registry_and_follow_it(toy):
    titles = rule_titles()
    assert list(titles) == list(RULES) and titles["toy"] == "Scaled Hebbian"
    assert all(titles[name] == rule.title for name, rule in RULES.items())
    unregister_rule("toy")
    try:
        assert "toy" not in rule_titles()
    finally:
        register_rule(TOY)  # the fixture unregisters it


def test_a_rule_s_modes_come_from_its_kind_of_memory():
    for name, rule in RULES.items():
        assert rule.modes == tuple(
            mode for mode, spec in DYNAMICS.items() if spec.runs(rule.kind)
        ), name
    assert TOY.modes == ("sync", "async")  # a rule may allow fewer (allowed_modes)
    with pytest.raises(ValueError, match="trains weights, so its kind is pairwise, not 'dense'"):
        Rule("weights", "Weights", "A matrix called dense.", "dense", lambda n: n, train=hebbian)


def test_registering_is_checked_and_undone():
    with pytest.raises(ValueError, match="already registered"):
        register_rule(RULES["hebbian"])
    with pytest.raises(ValueError, match="Unknown learning rule 'toy'"):
        unregister_rule("toy")
    with pytest.raises(ValueError, match="exactly one of train"):
        Rule("half", "Half", "No way to build a memory.", "pairwise", lambda n: n, ("sync",))
    with pytest.raises(ValueError, match="modes must be among"):
        Rule(
            "odd", "Odd", "An unknown mode.", "pairwise", lambda n: n, ("teleport",), train=hebbian
        )
    assert "toy" not in RULES
