"""Your own patterns travel in the link (`own=`, hopfield.linkcode) up to 32 patterns of 1,024 pixels."""

from __future__ import annotations

import numpy as np
import pytest
from apptest import open_page, rerun
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import PatternSet, linkcode

STORE, RECALL = "app_pages/store.py", "app_pages/recall.py"


def _own(count: int = 4, shape: tuple[int, int] = (6, 5), seed: int = 3) -> PatternSet:
    patterns = hopfield.random_patterns(count, shape[0] * shape[1], seed=seed)
    return PatternSet(
        "custom", "Your own patterns", patterns, shape, tuple(f"d{k}" for k in range(count)), ""
    )


def _with_own(own: PatternSet, page: str = STORE) -> AppTest:
    """The app on `page` with `own` stored, as the Store page leaves a session."""
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state["custom_set"] = own
    at.session_state["set"], at.session_state["pick"] = "custom", list(range(len(own.labels)))
    at.switch_page(page)
    return rerun(at)


def test_a_link_with_own_patterns_reproduces_the_memory() -> None:
    own = _own()
    text = linkcode.encode_set(own.patterns, own.shape, own.labels)
    at = open_page(RECALL, set="custom", own=text, pick="1-3", rule="storkey")
    assert not at.warning, [w.value for w in at.warning]
    memory = at.session_state["_memory"]
    assert (
        memory.source.shape == (6, 5)
        and memory.labels == ["d1", "d2", "d3"]
        and memory.rule == "storkey"
    )
    np.testing.assert_array_equal(memory.patterns, own.patterns[1:4])
    assert at.query_params["own"] == text and at.query_params["set"] == "custom"
    assert next(m.value for m in at.metric if m.label == "Bits corrupted").endswith("of 30")


def test_own_patterns_stored_in_a_session_are_written_into_the_link() -> None:
    own = _own(count=2)
    at = _with_own(own)
    decoded = linkcode.decode_set(at.query_params["own"])
    np.testing.assert_array_equal(decoded.patterns, own.patterns)
    assert decoded.shape == own.shape and decoded.labels == own.labels
    assert not any("A link holds" in str(info.value) for info in at.info)
    at.selectbox(key="set").set_value("digits")
    rerun(at)
    assert "own" not in at.query_params


def test_a_set_too_large_for_a_link_says_why_and_offers_the_download() -> None:
    at = _with_own(_own(count=40, shape=(4, 4)))
    note = next(str(i.value) for i in at.info if "A link holds" in str(i.value))
    assert (
        "at most 32 patterns of up to 1,024 pixels; this set has 40 patterns" in note
        and ".npz" in note
    )
    assert "own" not in at.query_params
    assert any(b.label == "Download the network (.npz)" for b in at.get("download_button"))


@pytest.mark.parametrize(
    "own",
    [
        "",
        "!!!",
        "AQIC",
        linkcode.encode_set(np.ones((2, 4)), (2, 2), ["a", "b"])[:-3],
        "A" * 20_000,
        "AQICIQ" + "A" * 30,
    ],
)
def test_bad_link_pattern_data_warns_and_shows_the_seed_digits(own: str) -> None:
    at = open_page(RECALL, set="custom", own=own, pick="0")
    warning = next(
        str(w.value) for w in at.warning if "could not be read from the link" in str(w.value)
    )
    assert "seed digits" in warning
    memory = at.session_state["_memory"]
    assert memory.source.name == "digits" and at.query_params["set"] == "digits"
    assert "own" not in at.query_params


def test_set_custom_without_pattern_data_warns() -> None:
    at = open_page(STORE, set="custom")
    assert any("does not carry them" in str(w.value) and ".npz" in str(w.value) for w in at.warning)
    assert at.session_state["_memory"].source.name == "digits"


def _warnings(at) -> str:
    return " ".join(str(warning.value) for warning in at.warning)


def test_bad_links_get_sentences_a_person_can_act_on() -> None:
    """Issue 19: each bad link value is named with what would be valid, in words (no list of 41 values, no
    2.14748e+09, no format version), and pattern data the link carries but does not choose is not dropped silently."""
    at = open_page("app_pages/continuous.py", cbeta="abc")
    assert (
        "cbeta='abc' is not valid: expected a number from 0.1 to 10,000 (log steps)"
        in _warnings(at)
    )
    at = open_page(RECALL, set="random", seed="-4")
    assert "expected a whole number from 0 to 2,147,483,647" in _warnings(at)
    at = open_page(RECALL, set="custom", own="garbage")
    warning = _warnings(at)
    assert "pattern data (own=…) is not readable" in warning and "version" not in warning
    at = open_page(RECALL, mode="stochastic", rule="modern")
    assert (
        "mode='stochastic' is not valid: expected sync, the dynamics Modern (softmax) runs"
        in _warnings(at)
    )
    own = linkcode.encode_set(np.ones((2, 4)), (2, 2), ["a", "b"])
    at = open_page(RECALL, own=own)
    assert "does not choose them (set=custom)" in _warnings(at)
    assert at.session_state["_memory"].source.name == "digits"
