"""The Sequences page in AppTest: the default word plays back, every control's path (source, word, digits, rule,
degree, noise, seed, step), deep links and bad link values, bad words, the GIF and the length-capacity button."""

from __future__ import annotations

import numpy as np
from apptest import rerun, widget

from hopfield import SequenceMemory, analysis
from ui import cycles

PAGE = "app_pages/sequences.py"


def _played(at) -> list[str]:
    line = next(m.value for m in at.markdown if m.value.startswith("Played: "))
    return line.removeprefix("Played: ").split(" → ")


def _caption(at, start: str) -> str:
    return next(c.value for c in at.caption if c.value.startswith(start))


def test_the_default_word_plays_in_order(app):
    at = app(PAGE)
    assert at.title[0].value == "Sequences"
    assert (
        not at.sidebar.multiselect and not at.sidebar.selectbox
    )  # no Memory panel: the page keeps its own
    assert _played(at) == list("HOPFIELDHOPFIELDH")
    assert _caption(at, "Transitions exact").startswith("Transitions exact: 8 of 8.")
    assert len(at.get("plotly_chart")) == 1  # the band; the capacity curves wait for the button
    assert any(b.label == "Download GIF" for b in at.get("download_button"))
    assert any("SequenceMemory.train" in c.value for c in at.code)


def test_the_page_says_what_the_engine_computes(app):
    at = app(PAGE, qword="MAZE", qnoise="0.2", qseed="4")
    stored = cycles.word_cycle("MAZE")
    found = cycles.replay(stored.patterns, "dense-exp", 3, 0.2, 4)
    assert _played(at) == cycles.shown(found.frames, stored.patterns, stored.labels)
    asymmetry = SequenceMemory.train(stored.patterns).weights
    share = (asymmetry != asymmetry.T)[~np.eye(len(asymmetry), dtype=bool)].mean()
    assert any(f"here for {share:.0%} of the pairs" in m.value for m in at.markdown)


def test_every_control_path(app):
    at = app(PAGE)
    at.text_input(key="qword").set_value("CAB")
    rerun(at)
    assert _played(at) == list("CABCABC")
    widget(at, "qrule").set_value("linear")
    rerun(at)
    assert "qdegree" not in [s.key for s in at.number_input]
    widget(at, "qrule").set_value("dense-poly")
    rerun(at)
    widget(at, "qdegree").set_value(5)
    rerun(at)
    memory = SequenceMemory.train(cycles.word_cycle("CAB").patterns, "dense-poly", degree=5)
    exact = int(memory.exact_transitions().sum())
    assert _caption(at, "Transitions exact").startswith(f"Transitions exact: {exact} of 3.")
    widget(at, "qnoise").set_value(0.3)
    widget(at, "qseed").set_value(7)
    rerun(at)
    widget(at, "qframe").set_value(2)
    rerun(at)
    captions = [c for image in at.get("image") for c in image.captions]
    assert captions == [f"step 2: {_played(at)[2]}"]
    widget(at, "qsource").set_value("digits")
    rerun(at)
    widget(at, "qdigits").set_value(12)
    rerun(at)
    assert len(_played(at)) == 25 and _played(at)[0] in ("0 #1", "?")
    assert "MNIST" in _caption(at, "Transitions exact")
    assert not at.error


def test_a_repeated_letter_is_explained_and_bad_words_get_a_sentence(app):
    at = app(PAGE, qword="HELLO")
    assert any(w.value.startswith("L is stored twice") for w in at.warning)
    at.text_input(key="qword").set_value("   ")
    rerun(at)
    assert [e.value for e in at.error] == [
        "type at least one letter, digit or sign (spaces are skipped)."
    ]
    at.text_input(key="qword").set_value("é")
    rerun(at)
    assert "no glyph for 'é'" in at.error[0].value


def test_bad_link_values_fall_back_with_a_warning(app):
    at = app(PAGE, qrule="hebbian", qdigits="7000", qsource="digits", qnoise="2")
    warnings = " ".join(w.value for w in at.warning)
    assert (
        "qrule='hebbian'" in warnings and "qdigits='7000'" in warnings and "qnoise='2'" in warnings
    )
    assert widget(at, "qrule").value == "dense-exp" and widget(at, "qdigits").value == 10


def test_the_length_capacity_button_draws_the_curves_with_their_theory(app):
    at = app(PAGE)
    next(b for b in at.button if b.label == "Measure the length capacity").click()
    rerun(at)
    assert len(at.get("plotly_chart")) == 2
    assert any("SNR² = 2 ln N" in c.value for c in at.caption)
    curve = analysis.length_capacity("linear", (25, 50, 100, 200, 400), 10, 0)
    assert curve.longest.tolist() == sorted(
        curve.longest.tolist()
    )  # the page's own numbers, grown with N
    rerun(at)  # kept in the session: no second measurement
    assert len(at.get("plotly_chart")) == 2
