"""Adding a dynamics mode is one `Mode`: a toy mode registered here runs in `recall` for every pairwise
rule (and only there), and appears on the Corrupt & recall page with its title, default steps and unit."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
from apptest import rerun, widget
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import (
    DYNAMICS,
    RULES,
    HopfieldNetwork,
    Mode,
    PatternSet,
    RecallResult,
    register_mode,
    unregister_mode,
)


def in_order(
    memory, probes: np.ndarray, max_steps: int, temperature: float, seed: object, record: bool | str
) -> RecallResult:
    """Sweeps visiting the neurons in index order 0, 1, …, N−1: s_i ← sign(h_i), h = W s, a tie keeps s_i.
    steps counts the sweeps started while some neuron was unstable."""
    weights = memory.couplings.astype(np.float64) * memory.scale
    states = probes.astype(np.float64)
    steps = np.zeros(len(states), np.int64)
    frames = [states.copy()]
    for _ in range(max_steps):
        unstable = (states * (states @ weights.T) < 0).any(axis=1)
        if not unstable.any():
            break
        steps += unstable
        for i in range(states.shape[1]):
            field = states @ weights[i]
            states[:, i] = np.where(field > 0, 1.0, np.where(field < 0, -1.0, states[:, i]))
        frames.append(states.copy())
    converged = ~(states * (states @ weights.T) < 0).any(axis=1)
    trajectory = energies = None
    if record:
        trajectory = np.stack(frames).astype(np.int8)
        energies = memory.energy(trajectory.reshape(-1, states.shape[1])).reshape(len(frames), -1)
    return RecallResult(
        states.astype(np.int8), steps, converged, np.zeros(len(states), bool), trajectory, energies
    )


IN_ORDER = Mode(
    "in-order",
    "Sequential (neurons in order)",
    "sweep",
    "sweep",
    default_steps=7,
    updates={"pairwise": in_order},
)


@pytest.fixture
def toy_mode() -> Iterator[Mode]:
    register_mode(IN_ORDER)
    try:
        yield IN_ORDER
    finally:
        unregister_mode("in-order")


def test_a_registered_mode_runs_in_recall_for_the_kinds_it_has_an_update_for(
    toy_mode: Mode,
) -> None:
    assert DYNAMICS["in-order"] is toy_mode
    for name, rule in RULES.items():
        assert ("in-order" in rule.modes) == (rule.kind == "pairwise"), name
    net = HopfieldNetwork.train([[1, -1, 1, -1]])  # W = ξξᵀ/4, zero diagonal
    # Neuron 0 of (−1, −1, 1, −1) sees h_0 = (1/4)[(−1)(−1) + (1)(1) + (−1)(−1)] = 3/4 > 0 and flips back;
    # the others are stable: one sweep, then a fixed point.
    result = net.recall([-1, -1, 1, -1], "in-order", record=True)
    assert (
        result.states.tolist() == [[1, -1, 1, -1]]
        and result.steps.tolist() == [1]
        and result.converged.all()
    )
    assert result.energies[:, 0].tolist() == [
        0.0,
        -1.5,
    ]  # E = −½ sᵀWs = −((ξ·s)² − N)/(2N): 0, then −3/2
    assert "in-order" in HopfieldNetwork.from_weights(net.weights).modes
    dense = HopfieldNetwork.train([[1, -1, 1, -1]], "dense-poly")
    with pytest.raises(ValueError, match="unsupported mode 'in-order' for the dense-poly rule"):
        dense.recall([1, 1, 1, -1], "in-order")
    with pytest.raises(ValueError, match="already registered"):
        register_mode(IN_ORDER)
    with pytest.raises(
        ValueError, match="The in-order mode does not run dense memories; it runs: pairwise"
    ):
        toy_mode.recall(dense.memory, dense.patterns, 5, 0.0, None, False)


def test_unregistering_a_mode_removes_it_everywhere() -> None:
    assert "in-order" not in DYNAMICS and "in-order" not in RULES["hebbian"].modes
    with pytest.raises(ValueError, match="Unknown mode 'in-order'"):
        unregister_mode("in-order")
    with pytest.raises(ValueError, match="register_mode takes a Mode"):
        register_mode("in-order")  # type: ignore[arg-type]
    assert hopfield.MODES == ("sync", "async", "stochastic")


def test_a_registered_mode_is_offered_on_the_recall_page_with_its_default_steps(
    toy_mode: Mode, app: Callable[..., AppTest], digits: PatternSet
) -> None:
    at = app("app_pages/recall.py", pick="0-2")
    mode = widget(at, "mode")
    assert mode.options == [
        m.title.split(" (")[0] for m in DYNAMICS.values()
    ]  # short names; "Sequential" last
    assert widget(at, "steps").value == 20
    mode.set_value("in-order")
    rerun(at)
    assert at.query_params["mode"] == "in-order"
    assert (
        widget(at, "steps").value == 7
    )  # the mode's default_steps, since the user kept sync's default
    assert "Sweeps taken" in [metric.label for metric in at.metric]

    linked = app("app_pages/recall.py", mode="in-order")  # the mode travels in the link
    assert widget(linked, "mode").value == "in-order" and widget(linked, "steps").value == 7
    assert not any("mode=" in warning.value for warning in linked.warning)
    dense = app("app_pages/recall.py", rule="dense-poly", mode="in-order")
    assert "Sequential" not in widget(dense, "mode").options
    assert any("mode='in-order'" in warning.value for warning in dense.warning)


def test_a_registered_mode_without_held_refuses_a_clamp_in_a_sentence(toy_mode: Mode) -> None:
    net = HopfieldNetwork.train([[1, -1, 1, -1]])
    with pytest.raises(ValueError, match="The in-order mode cannot hold neurons at their values"):
        net.recall([1, 1, 1, -1], "in-order", clamp=[True, False, False, False])
