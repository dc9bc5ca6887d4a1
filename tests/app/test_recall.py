"""AppTest tests of the Corrupt & recall page (app_pages/recall.py)."""

from __future__ import annotations

import json

import numpy as np
from apptest import browser_sends, open_page
from apptest import rerun as _rerun
from apptest import widget as _widget
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import analysis
from ui import recall_probe

PAGE = "app_pages/recall.py"
DIGITS = hopfield.load_set("digits")


def _page(**link: str) -> AppTest:
    return open_page(PAGE, **link)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _texts(elements) -> list[str]:
    return [element.value for element in elements]


def test_defaults_show_the_recall_of_seven_with_steps_plots_and_gif() -> None:
    at = _page()
    assert _widget(at, "pattern").value == 7  # the label "7"
    assert _widget(at, "noise").value == "flip"
    assert _widget(at, "level").value == 0.1
    assert _widget(at, "mode").value == "sync"
    assert _widget(at, "steps").value == 20
    assert "temp" not in [w.key for w in at.slider]  # temperature only for stochastic dynamics
    expected = hopfield.corrupt(DIGITS.patterns[7], "flip", 0.1, 0, DIGITS.shape)
    assert _metric(at, "Bits corrupted") == f"{int((expected != DIGITS.patterns[7]).sum())} of 90"
    captions = [c for image in at.get("image") for c in image.captions]
    assert "target 7" in captions and any(c.startswith("noisy probe") for c in captions)
    assert len(at.get("plotly_chart")) == 2  # energy per step, overlaps over time
    assert any(b.proto.label == "Download GIF" for b in at.get("download_button"))
    assert [t.label for t in at.tabs] == ["Step by step", "All patterns", "Same probe, every rule"]
    assert at.query_params["pattern"] == "7" and at.query_params["noise"] == "flip"
    # ten correlated digits are too many for Hebb's rule: the page says that 7 is not even a fixed point
    assert any("not a fixed point" in text for text in _texts(at.info))


def test_zero_noise_recalls_the_target() -> None:
    at = _page(level="0", rule="pseudoinverse")
    assert not at.info
    assert _metric(at, "Bits corrupted") == "0 of 90"
    assert _metric(at, "Bits wrong after recall") == "0"
    assert any("Recalled the target 7" in text for text in _texts(at.success))
    assert _metric(at, "Ended at") == "fixed point"


def test_noise_level_changes_the_bits_flipped_and_kind_switch_converts_the_level() -> None:
    at = _page()
    counts = {}
    for level in (0.1, 0.3):
        _widget(at, "level").set_value(level)
        _rerun(at)
        expected = hopfield.corrupt(DIGITS.patterns[7], "flip", level, 0, DIGITS.shape)
        counts[level] = _metric(at, "Bits corrupted")
        assert counts[level] == f"{int((expected != DIGITS.patterns[7]).sum())} of 90"
    assert counts[0.1] != counts[0.3]
    _widget(at, "noise").set_value("flip-count")  # 0.3 of 90 bits becomes a count of 27
    _rerun(at)
    assert _widget(at, "level").value == 27
    assert _metric(at, "Bits corrupted") == "27 of 90"
    _widget(at, "noise").set_value("occlude")
    _rerun(at)
    assert _widget(at, "level").value == 0.3
    occluded = hopfield.corrupt(DIGITS.patterns[7], "occlude", 0.3, 0, DIGITS.shape)
    assert _metric(at, "Bits corrupted") == f"{int((occluded != DIGITS.patterns[7]).sum())} of 90"


def test_every_supported_mode_runs_and_stochastic_shows_the_temperature() -> None:
    at = _page()
    assert _widget(at, "mode").options == [
        "Synchronous",
        "Asynchronous",
        "Stochastic",
    ]  # short: they fit the box
    assert "Synchronous (all at once)" in _widget(at, "mode").help
    seen = {}
    for mode in hopfield.MODES:
        _widget(at, "mode").set_value(mode)
        _rerun(at)
        unit = "Steps taken" if mode == "sync" else "Sweeps taken"
        seen[mode] = _metric(at, unit)
        assert at.query_params["mode"] == mode
        assert ("temp" in [w.key for w in at.slider]) == (mode == "stochastic")
        assert _widget(at, "steps").value == (20 if mode == "sync" else 10)  # the mode's default
    net = hopfield.HopfieldNetwork.train(DIGITS.patterns, "hebbian")
    probe = hopfield.corrupt(DIGITS.patterns[7], "flip", 0.1, 0, DIGITS.shape)
    expected = net.recall(probe, "stochastic", 10, 0.5, 0)
    assert seen["stochastic"] == str(int(expected.steps[0]))
    _widget(at, "temp").set_value(2.0)
    _rerun(at)
    assert at.query_params["temp"] == "2.0"


def test_batch_and_every_rule_views_match_the_engine() -> None:
    at = _page(rule="pseudoinverse", level="0.15", rseed="3")
    net = hopfield.HopfieldNetwork.train(DIGITS.patterns, "pseudoinverse")
    noisy = hopfield.corrupt(DIGITS.patterns, "flip", 0.15, 3, DIGITS.shape)
    final = net.recall(noisy, "sync", 20, 0.0, 3).states
    recalled = int((final == DIGITS.patterns).all(axis=1).sum())
    assert 0 < recalled
    batch = at.tabs[1]
    assert next(m.value for m in batch.metric if m.label == "Recalled") == f"{recalled} of 10"
    table = batch.dataframe[0].value
    assert list(table["pattern"]) == list(DIGITS.labels)
    assert int((table["outcome"] == "target").sum()) == recalled
    assert list(table["bits wrong"]) == (final != DIGITS.patterns).sum(axis=1).tolist()

    tab = at.tabs[2]  # the same probe (pattern 7), recalled by every rule
    captions = [c for image in tab.get("image") for c in image.captions]
    assert [c.split(" · ")[0] for c in captions] == [rule.title for rule in hopfield.RULES.values()]
    assert all(c.endswith(" · sync") for c in captions)
    probe = hopfield.corrupt(DIGITS.patterns[7], "flip", 0.15, 3, DIGITS.shape)
    hits = 0
    for name, rule in hopfield.RULES.items():
        network = hopfield.HopfieldNetwork.train(DIGITS.patterns, name, **rule.defaults())
        state = network.recall(probe, "sync", 20, 0.0, 3).states
        hits += analysis.classify(DIGITS.patterns, state, 7)[0] == "target"
    assert len(tab.success) == hits and len(tab.warning) == len(hopfield.RULES) - hits
    assert all("recalled 7" in text for text in _texts(tab.success))


def test_deep_link_restores_the_view() -> None:
    at = _page(pattern="3", noise="flip-count", level="5", mode="async", rseed="7")
    assert _widget(at, "pattern").value == 3
    assert _widget(at, "noise").value == "flip-count"
    assert _widget(at, "level").value == 5
    assert _widget(at, "mode").value == "async"
    assert _widget(at, "rseed").value == 7
    assert _widget(at, "steps").value == 10  # async default: 10 sweeps
    assert _metric(at, "Bits corrupted") == "5 of 90"
    assert not at.warning or not any("link" in text for text in _texts(at.warning))
    assert at.query_params["level"] == "5" and at.query_params["mode"] == "async"
    # the frame slider scrubs through the recall, one frame per flip
    frame = _widget(at, "_recall_frame")
    assert frame.value == 0 and frame.max >= 1
    assert "the probe" in [c for image in at.tabs[0].get("image") for c in image.captions]
    frame.set_value(frame.max)
    _rerun(at)
    last = [c for image in at.tabs[0].get("image") for c in image.captions]
    assert f"after flip {int(frame.max)} of {int(frame.max)}" in last


def test_bad_link_values_warn_and_fall_back() -> None:
    at = _page(level="7", mode="bogus", rseed="abc", pattern="99")
    warnings = " ".join(_texts(at.warning))
    for key in ("level='7'", "mode='bogus'", "rseed='abc'", "pattern='99'"):
        assert key in warnings
    assert _widget(at, "level").value == 0.1
    assert _widget(at, "mode").value == "sync"
    assert _widget(at, "rseed").value == 0
    assert _widget(at, "pattern").value == 7
    _rerun(at)  # shown once
    assert not any("link" in text for text in _texts(at.warning))


def test_dense_and_modern_rules_restrict_the_modes() -> None:
    at = _page(rule="modern", mode="async")
    assert "mode='async'" in " ".join(_texts(at.warning))
    assert _widget(at, "mode").options == ["Synchronous"]
    assert _metric(at, "Steps taken")
    at = _page(rule="dense-poly", mode="stochastic", level="0.1")
    assert len(_widget(at, "mode").options) == 2
    assert _widget(at, "mode").value == "sync"
    _widget(at, "mode").set_value("async")
    _rerun(at)
    assert _metric(at, "Sweeps taken")
    at.sidebar.selectbox(key="rule").set_value("modern")
    _rerun(at)
    assert _widget(at, "mode").value == "sync"
    assert any("switched to sync" in text for text in _texts(at.info))


def test_pixel_edits_flip_the_probe_and_reset() -> None:
    at = _page(level="0")
    at.session_state["_recall_edits"] = {"pattern": 7, "n": 90, "pixels": [0, 1, 2, 45]}
    _rerun(at)
    assert _metric(at, "Bits corrupted") == "4 of 90"
    _widget(at, "_recall_edit_on").set_value(True)
    _rerun(at)
    assert any("4 pixels flipped by hand" in text for text in _texts(at.caption))
    next(b for b in at.button if b.proto.label == "Reset edits").click()
    _rerun(at)
    assert _metric(at, "Bits corrupted") == "0 of 90"
    at.session_state["_recall_edits"] = {"pattern": 7, "n": 90, "pixels": [5]}
    _widget(at, "pattern").set_value(2)  # edits belong to one pattern
    _rerun(at)
    assert _metric(at, "Bits corrupted") == "0 of 90"
    assert np.array_equal(at.session_state["_recall_edits"]["pixels"], [])


def test_a_stale_pattern_label_from_the_browser_falls_back_after_the_set_changes() -> None:
    """The browser hands back the old set's label as text ("7") after the set changes: no crash, a valid pattern."""
    at = _page()
    _widget(at, "set").set_value("random")
    _rerun(at)
    assert (
        _widget(at, "pattern").value == 7
    )  # r7: the index is still valid, set again so the browser follows
    browser_sends(at, "pattern", "7")  # the seed digits' label of the old option, as text
    assert _widget(at, "pattern").value == 0  # no pattern is labelled "7" any more: the default
    _widget(at, "side").set_value(5)
    _rerun(at)
    assert _metric(at, "Bits corrupted").endswith("of 25")


# ---------------------------------------------------------------- the redesigned page (one projector screen)


def _chart_titles(at: AppTest) -> list[tuple[str, str]]:
    """(title, x-axis title) of every plotly chart on the page, read from the figure sent to the browser."""
    specs = [json.loads(chart.proto.spec)["layout"] for chart in at.get("plotly_chart")]
    return [(layout["title"]["text"], layout["xaxis"]["title"]["text"]) for layout in specs]


def test_the_step_plots_count_what_one_recorded_frame_is() -> None:
    at = _page()
    assert ("Energy per step", "step") in _chart_titles(at)
    for mode, unit in (("async", "flip"), ("stochastic", "sweep")):
        _widget(at, "mode").set_value(mode)
        _rerun(at)
        assert hopfield.DYNAMICS[mode].record_unit == unit
        titles = _chart_titles(at)
        assert (f"Energy per {unit}", unit) in titles
        assert ("Overlap with each stored pattern", unit) in titles


def test_a_long_async_recall_keeps_two_hundred_frames_that_still_count_flips() -> None:
    at = _page(set="mnist", mode="async", level="0.3")
    frame = _widget(at, "_recall_frame")
    assert frame.max == 199
    animation = next(
        c for image in at.get("image") for c in image.captions if c.startswith("animation")
    )
    total = int(animation.split("(")[1].split()[0])
    assert total > 200
    frame.set_value(frame.max)
    _rerun(at)
    captions = [c for image in at.tabs[0].get("image") for c in image.captions]
    assert (
        f"after flip {total - 1} of {total - 1}" in captions
    )  # the last frame is the last flip, not frame 199


def test_the_other_settings_and_the_introduction_sit_in_expanders_below_the_pictures() -> None:
    at = _page(mode="stochastic")
    labels = [expander.label for expander in at.expander]
    assert labels[0].startswith("Max steps") and "What you are seeing" in labels
    inside = {w.key for w in at.expander[0].get("number_input")} | {
        w.key for w in at.expander[0].get("slider")
    }
    assert {"steps", "rseed", "temp"} <= inside
    assert at.query_params["temp"] == "0.5"


def test_probe_helpers_convert_levels_and_toggle_hand_edits() -> None:
    assert recall_probe.level_in_units(0.3, "flip-count", 90) == 27
    assert recall_probe.level_in_units(27, "occlude", 90) == 0.3
    assert (
        recall_probe.level_in_units(5, "flip-count", 90) == 5
        and recall_probe.level_in_units(0.2, "mask", 9) == 0.2
    )
    assert recall_probe.level_range("flip-count", 90) == ("Bits to flip", 0, 90, 9)
    assert recall_probe.level_range("flip", 90) == ("Noise level", 0.0, 1.0, 0.1)
    session: dict = {}
    assert recall_probe.current_edits(session, 7, 90) == []
    session[recall_probe.EDITS]["pixels"] = [3, 95]  # a pixel outside the image is dropped
    assert recall_probe.current_edits(session, 7, 90) == [3]
    assert recall_probe.current_edits(session, 2, 90) == []  # edits belong to one pattern
    probe = recall_probe.with_edits(np.array([1, -1, 1, -1, 1, -1]), [0, 5])
    assert probe.tolist() == [-1, -1, 1, -1, 1, 1] and not probe.flags.writeable
    columns, ticks = recall_probe.checkbox_grid(probe, (2, 3))  # rows (-1, -1, 1) and (-1, 1, 1)
    assert (
        columns == {"0": [False, False], "1": [False, True], "2": [True, True]}
        and ticks == (probe > 0).tolist()
    )
    session = {recall_probe.EDITS: {"pattern": 0, "n": 6, "pixels": [0, 5]}}
    key = recall_probe.grid_key(session)
    session[key] = {
        "edited_rows": {1: {"0": True, "2": True}}
    }  # (1, 0) turned on: a flip; (1, 2) already on: none
    recall_probe.on_grid_edit(session, key, ticks, 3)
    assert (
        session[recall_probe.EDITS]["pixels"] == [0, 3, 5] and recall_probe.grid_key(session) != key
    )
    recall_probe.reset_edits(session)
    assert session[recall_probe.EDITS]["pixels"] == []


def test_a_failed_recall_offers_the_fix_in_one_click() -> None:
    """Issue 19: Recall, then "Try the fix": two clicks from a Hebbian failure to the pseudo-inverse's success."""
    at = _page()
    assert not any(
        "Recalled the target 7" in text for text in _texts(at.success)
    )  # Hebb's rule fails on 7
    fix = next(button for button in at.button if button.label.startswith("Try the fix"))
    assert fix.label == "Try the fix: Pseudo-inverse"
    fix.click()
    _rerun(at)
    assert (
        _widget(at, "rule").value == "pseudoinverse" and at.query_params["rule"] == "pseudoinverse"
    )
    assert any("Recalled the target 7" in text for text in _texts(at.success))
    assert not any(
        button.label.startswith("Try the fix") for button in at.button
    )  # nothing left to fix
    assert not any("not a fixed point" in text for text in _texts(at.info))


def test_the_fix_for_a_failing_pseudo_inverse_is_the_modern_memory() -> None:
    from ui import fixes

    assert (
        fixes.fix_for("pseudoinverse") == "modern" and fixes.fix_for("hebbian") == "pseudoinverse"
    )


def test_the_captions_of_the_probe_and_of_a_frame() -> None:
    from ui import recall_view

    assert recall_view.probe_caption(False, 0) == "noisy probe"
    assert recall_view.probe_caption(True, 3) == "drawn probe (3 by hand)"
    assert recall_view.frame_caption(0, "step", 20) == "the probe"
    assert recall_view.frame_caption(3, "step", 20) == "after step 3"
    assert recall_view.frame_caption(12, "flip", 40) == "after flip 12 of 40"
