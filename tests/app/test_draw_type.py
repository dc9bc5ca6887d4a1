"""Drawn and typed patterns in the app: letters typed on the Store page stored and recalled; a probe drawn on the
Recall page (the canvas's state set as the browser sets it) runs through every recall view."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from apptest import open_page, rerun
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import linkcode
from hopfield.text import text_patterns
from tests.test_ui_canvas import canvas_picture

STORE, RECALL = "app_pages/store.py", "app_pages/recall.py"


def _button(at: AppTest, label: str):
    return next(button for button in at.button if button.label == label)


def _metric(at: AppTest, label: str) -> str:
    return next(metric.value for metric in at.metric if metric.label == label)


def _draw(at: AppTest, key: str, pattern: np.ndarray, shape: tuple[int, int]) -> AppTest:
    """What the canvas sends after a person inked the cells of `pattern`: its PNG as a data URL."""
    url = "data:image/png;base64," + base64.b64encode(canvas_picture(pattern, shape)).decode(
        "ascii"
    )
    at.session_state[key] = {"drawing": {"raw": {"objects": []}, "data": url}}
    return rerun(at)


def test_typed_letters_are_stored_travel_in_the_link_and_one_is_recalled() -> None:
    at = open_page(STORE, rule="pseudoinverse")
    at.text_input(key="own_text").input("H O T")
    _button(at, "Add these letters").click()
    rerun(at)
    assert "0 uploaded and 3 drawn patterns of 16×16 = 256 neurons" in " ".join(
        str(c.value) for c in at.caption
    )
    _button(at, "Store these 3 patterns").click()
    rerun(at)
    rerun(at)
    expected, _ = text_patterns("HOT", (16, 16))
    memory = at.session_state["_memory"]
    assert memory.labels == ["H", "O", "T"] and memory.rule == "pseudoinverse"
    np.testing.assert_array_equal(memory.patterns, expected)
    np.testing.assert_array_equal(linkcode.decode_set(at.query_params["own"]).patterns, expected)
    at.switch_page(RECALL)
    rerun(at)
    at.selectbox(key="pattern").set_value(1)
    at.selectbox(key="noise").set_value("flip-count")
    rerun(at)
    at.slider(key="level").set_value(40)
    rerun(at)
    assert (
        _metric(at, "Bits corrupted") == "40 of 256"
        and _metric(at, "Bits wrong after recall") == "0"
    )


def test_text_the_font_cannot_draw_gets_a_sentence() -> None:
    at = open_page(STORE)
    at.text_input(key="own_text").input("A中")
    _button(at, "Add these letters").click()
    rerun(at)
    assert any("no glyph for '中'" in str(error.value) for error in at.error)
    assert "Nothing to store yet" in " ".join(str(c.value) for c in at.caption)


def test_a_sketch_on_the_store_page_is_added_as_the_network_sees_it() -> None:
    at = open_page(STORE)
    assert _button(at, "Add this sketch").disabled
    sketch = text_patterns("Z", (16, 16))[0][0]
    _draw(at, "own_canvas_16x16_0", sketch, (16, 16))
    assert not _button(at, "Add this sketch").disabled
    assert "picture the network would store appears here" not in " ".join(
        str(c.value) for c in at.caption
    )
    _button(at, "Add this sketch").click()
    rerun(at)
    assert "0 uploaded and 1 drawn patterns" in " ".join(str(c.value) for c in at.caption)
    np.testing.assert_array_equal(at.session_state["_store_drawn"][0][1], sketch)
    assert at.session_state["own_canvas_version"] == 1  # the next sketch starts on a fresh canvas


def test_a_drawn_probe_runs_through_every_recall_view(digits) -> None:
    at = open_page(RECALL, drawprobe="True", pick="1,4,7", rule="storkey", pattern="2")
    assert _metric(at, "Bits corrupted") == "9 of 90"  # no drawing yet: the noisy probe (flip 0.1)
    sketch = digits.patterns[7].copy()
    sketch[[0, 1, 2, 45, 89]] *= -1  # a rough 7: five pixels off
    _draw(at, "probe_canvas_10x9_0", sketch, (10, 9))
    assert _metric(at, "Bits corrupted") == "5 of 90"
    assert _metric(at, "Bits wrong after recall") == "0"
    expected = (
        hopfield.HopfieldNetwork.train(digits.patterns[[1, 4, 7]], "storkey")
        .recall(sketch, mode="sync", max_steps=20)
        .states[0]
    )
    np.testing.assert_array_equal(expected, digits.patterns[7])
    rules = [str(s.value) for s in at.success if "bits wrong" in str(s.value)]
    assert len(rules) >= 3, rules  # the "Same probe, every rule" tab ran on the drawn probe
    at.button(key="probe_canvas_clear").click()
    rerun(at)
    assert (
        _metric(at, "Bits corrupted") == "9 of 90"
    )  # a fresh, empty canvas: the noisy probe again
    _draw(at, "probe_canvas_10x9_1", sketch, (10, 9))
    assert _metric(at, "Bits corrupted") == "5 of 90"
    at.toggle(key="drawprobe").set_value(False)
    rerun(at)
    assert _metric(at, "Bits corrupted") == "9 of 90"


@pytest.mark.parametrize(
    "sent",
    [
        {"drawing": {"raw": {}, "data": "no comma here"}},
        {"drawing": {"raw": {}, "data": "data:image/png;base64,@@@"}},
        {"drawing": {"raw": {}, "data": "data:image/png;base64," + "QUFB" * 50}},
        {"drawing": "a string"},
        {"drawing": {"raw": {}, "data": 7}},
        {"drawing": None},
    ],
)
def test_what_a_hostile_browser_sends_for_the_canvas_leaves_the_noisy_probe(sent: dict) -> None:
    at = open_page(RECALL, drawprobe="True")
    at.session_state["probe_canvas_10x9_0"] = sent
    rerun(at)
    assert _metric(at, "Bits corrupted") == "9 of 90"
    assert "until then the noisy probe is used" in " ".join(str(c.value) for c in at.caption)
