"""Adding a rule is one function and one registry entry: a toy rule registered here trains, gets its
sidebar control from its ParamSpec, travels in the link, and recalls on the Corrupt & recall page."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
from apptest import rerun, widget
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import PatternSet
from hopfield.rules import ParamSpec, Rule, hebbian, register_rule, unregister_rule


def clipped_hebbian(patterns: np.ndarray, clip: float) -> tuple[np.ndarray, float]:
    """W = (1/N) clip(Σ_μ ξ^μ ξ^μᵀ, −c, c), w_ii = 0: Hebb's couplings clipped at ±c."""
    couplings, scale = hebbian(patterns)
    return np.clip(couplings, -clip, clip), scale


CLIPPED = Rule(
    "clipped",
    "Clipped Hebbian",
    "W = (1/N) clip(Σ_μ ξ^μ ξ^μᵀ, −c, c): Hebb's rule with bounded couplings.",
    "pairwise",
    lambda n, clip: 0.1 * n,
    ("sync", "async"),
    train=clipped_hebbian,
    params=(
        ParamSpec(
            "clip",
            3,
            1,
            50,
            integer=True,
            label="Clip c",
            step=1,
            slider=(1, 20),
            help="Couplings are clipped to [−c, c]: c = P is plain Hebb.",
        ),
    ),
    descends=("async",),
)


@pytest.fixture
def clipped() -> Iterator[Rule]:
    register_rule(CLIPPED)
    try:
        yield CLIPPED
    finally:
        unregister_rule("clipped")


def test_a_registered_rule_works_in_train_the_sidebar_the_link_and_the_recall_page(
    clipped: Rule, app: Callable[..., AppTest], digits: PatternSet
) -> None:
    net = hopfield.HopfieldNetwork.train(digits.patterns[:3], "clipped", clip=2)
    assert np.abs(net.couplings).max() == 2 and dict(net.params) == {"clip": 2}

    at = app("app_pages/recall.py", rule="clipped", clip="5", pick="0-2")
    control = widget(at, "clip")
    assert (
        control.label == "Clip c" and control.value == 5
    )  # built from the ParamSpec, seeded from the link
    assert (control.min, control.max) == (1, 20)
    assert at.query_params["rule"] == "clipped" and at.query_params["clip"] == "5"
    assert any("Clipped Hebbian" in caption.value for caption in at.main.caption)
    control.set_value(1)
    rerun(at)
    assert at.query_params["clip"] == "1"
    assert [m.label for m in at.metric][:2] == ["Bits corrupted", "Bits wrong after recall"]

    bad = app("app_pages/recall.py", rule="clipped", clip="500")
    assert any(
        "clip='500'" in warning.value and "1 to 20" in warning.value for warning in bad.warning
    )
    assert widget(bad, "clip").value == 3
