"""Every key of the link has one owner (ui/link.py): a page or a rule parameter that would take another's key is
refused with a sentence naming both, and a rule parameter named like a page control travels as rule_<name>."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
from apptest import rerun, widget
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield.rules import ParamSpec, Rule, hebbian, register_rule, unregister_rule
from ui import link

PAGES = [
    "app_pages/home.py",
    "app_pages/store.py",
    "app_pages/recall.py",
    "app_pages/compare.py",
    "app_pages/landscape.py",
    "app_pages/continuous.py",
    "app_pages/learning.py",
    "app_pages/lessons.py",
]


def halved_hebbian(patterns: np.ndarray, steps: int) -> tuple[np.ndarray, float]:
    """W = (1/N) Σ_μ ξ^μ ξ^μᵀ / 2^(steps − 1), w_ii = 0: Hebb's couplings halved steps − 1 times (same signs)."""
    couplings, scale = hebbian(patterns)
    return couplings / 2 ** (steps - 1), scale


def _rule(name: str, parameter: str) -> Rule:
    return Rule(
        name,
        f"Halved Hebbian ({parameter})",
        "W = H / 2^(s − 1)",
        "pairwise",
        lambda n, **_: 0.1 * n,
        ("sync", "async"),
        train=lambda patterns, **params: halved_hebbian(patterns, *params.values()),
        params=(
            ParamSpec(
                parameter,
                2,
                1,
                10,
                integer=True,
                label="Halvings s",
                step=1,
                slider=(1, 10),
                help="Couplings are halved s − 1 times.",
            ),
        ),
        descends=("async",),
    )


@pytest.fixture
def registered() -> Iterator[Callable[[Rule], Rule]]:
    added: list[str] = []

    def register(rule: Rule) -> Rule:
        added.append(register_rule(rule).name)
        return rule

    try:
        yield register
    finally:
        for name in added:
            unregister_rule(name)


def test_a_key_declared_by_a_second_owner_is_refused_naming_both() -> None:
    taken = "'steps' of the page Sketchbook is already taken by the page Corrupt & recall"
    with pytest.raises(ValueError, match=taken):
        link.declare("the page Sketchbook", ("steps",))
    assert link.KEYS["steps"] == "the page Corrupt & recall"
    link.declare("the page Corrupt & recall", ("steps",))  # its own key again: nothing to refuse


def test_every_rule_parameter_gets_a_key_no_page_holds() -> None:
    keys, refused = link.rule_keys()
    assert (
        not refused and keys["seed"] == "rule_seed" and keys["beta"] == "beta"
    )  # seed: the random set's
    assert set(keys) == {name for rule in hopfield.RULES.values() for name in rule.params}
    assert not set(keys.values()) & set(link.KEYS)


@pytest.mark.parametrize("page", PAGES)
def test_a_rule_parameter_called_steps_works_on_every_page(
    page: str, registered: Callable[[Rule], Rule], app: Callable[..., AppTest]
) -> None:
    registered(_rule("halved", "steps"))
    assert link.param_key("steps") == "rule_steps"
    at = app(
        page, rule="halved", rule_steps="3", pick="0-2"
    )  # no exception on the page (app checks)
    if (
        page == "app_pages/continuous.py"
    ):  # no Memory sidebar there: the link keeps the rule for the other pages
        assert "rule_steps" not in at.query_params
        return
    control = widget(at, "rule_steps")
    assert control.label == "Halvings s" and control.value == 3
    assert at.query_params["rule"] == "halved" and at.query_params["rule_steps"] == "3"
    if page == "app_pages/recall.py":
        assert (
            widget(at, "steps").label != "Halvings s"
        )  # the page's own step count, beside the rule's
        net = at.session_state["_memory"].network
        assert dict(net.params) == {"steps": 3}
        assert np.allclose(
            net.couplings, hopfield.HopfieldNetwork.train(net.patterns, "hebbian").couplings / 4
        )
        control.set_value(1)
        rerun(at)
        assert (
            at.query_params["rule_steps"] == "1" and "steps" in at.query_params
        )  # both travel, apart


def test_two_rule_parameters_under_one_key_are_refused_with_a_sentence(
    registered: Callable[[Rule], Rule], app: Callable[..., AppTest]
) -> None:
    registered(_rule("halved", "steps"))
    registered(_rule("halved-too", "rule_steps"))
    keys, refused = link.rule_keys()
    assert keys["steps"] == "rule_steps" and "rule_steps" not in keys
    assert (
        "'rule_steps' of the parameter 'rule_steps' of the rule Halved Hebbian (rule_steps)"
        in refused["rule_steps"]
    )
    assert "the parameter 'steps' of the rule Halved Hebbian (steps)" in refused["rule_steps"]
    at = app("app_pages/recall.py", rule="halved-too")
    assert any(refused["rule_steps"] == error.value for error in at.sidebar.error)
    assert at.session_state["_memory"] is None
    assert any("Store at least one pattern" in info.value for info in at.main.info)
    fine = app("app_pages/recall.py", rule="halved")  # the other rule still works
    assert widget(fine, "rule_steps").value == 2
