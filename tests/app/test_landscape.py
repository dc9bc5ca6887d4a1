"""AppTest tests of the Energy landscape page (app_pages/landscape.py)."""

from __future__ import annotations

import pytest
from apptest import browser_sends, open_page
from apptest import rerun as _rerun
from apptest import widget as _widget
from streamlit.testing.v1 import AppTest

PAGE = "app_pages/landscape.py"
TOO_LARGE = "The exact landscape lists all $2^N$ states, so it needs N ≤ 20"


def _page(**link: str) -> AppTest:
    return open_page(PAGE, **link)


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _table(at: AppTest, column: str) -> list[dict]:
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value.to_dict("records")
    raise AssertionError(f"no table with a column {column!r}")


def _texts(elements) -> str:
    return " ".join(element.value for element in elements)


def test_defaults_show_energy_example_landscape_slice_and_census() -> None:
    at = _page()
    assert _widget(at, "exact").value == "example"  # the digits have N = 90
    assert _metric(at, "States") == "65,536"
    basins = _table(at, "basin")
    assert {"stored r0", "reversed r0"} <= {row["attractor"] for row in basins}
    assert _widget(at, "a").value == 0 and _widget(at, "b").value == 1
    captions = _texts(at.caption)
    assert "one point per flip" in captions and "57 neurons agree, 33 differ" in captions
    assert "200 starts, async updates" in captions
    census = _table(at, "share of starts")
    assert sum(float(row["share of starts"].rstrip("%")) for row in census) == pytest.approx(
        100, abs=0.5
    )
    assert len(at.get("plotly_chart")) == 5  # energy, histogram, basins, slice, census
    assert not at.warning


def test_exact_landscape_of_a_large_memory_says_why_not() -> None:
    at = _page()
    _widget(at, "exact").set_value("memory")
    _rerun(at)
    assert TOO_LARGE in _texts(at.warning) and "N = 90" in _texts(at.warning)
    assert "States" not in [m.label for m in at.metric]


def test_exact_landscape_of_a_small_memory() -> None:
    at = _page(set="random", p="3", side="4", seed="5")
    assert _widget(at, "exact").value == "memory"
    assert _metric(at, "States") == "65,536"
    labels = {row["attractor"] for row in _table(at, "basin")}
    assert {"stored r0", "stored r1", "stored r2"} <= labels


def test_example_controls_change_the_landscape() -> None:
    at = _page()
    before = _table(at, "basin")
    _widget(at, "xp").set_value(5)
    _rerun(at)
    after = _table(at, "basin")
    assert "stored r4" in {row["attractor"] for row in after} or after != before
    assert after != before


def test_same_pattern_twice_is_refused_with_a_message() -> None:
    at = _page()
    _widget(at, "b").select_index(0)
    _rerun(at)
    assert "Choose two different patterns" in _texts(at.warning)
    assert len(at.get("plotly_chart")) == 4  # no slice


def test_slice_pair_and_surface_toggle() -> None:
    at = _page()
    _widget(at, "b").select_index(8)
    _widget(at, "surface").set_value(True)
    _rerun(at)
    assert "recall 1: 0 + 30% noise" in _texts(at.caption) and "half 0, half 8" in _texts(
        at.caption
    )
    assert at.session_state["surface"] is True


def test_census_starts_slider_changes_the_count() -> None:
    at = _page()
    _widget(at, "starts").set_value(50)
    _rerun(at)
    assert "50 starts" in _texts(at.caption)


def test_deep_link_restores_the_view() -> None:
    at = _page(a="2", b="5", starts="60", xp="4", xseed="7", enoise="0.1", surface="True")
    assert (_widget(at, "a").value, _widget(at, "b").value) == (2, 5)
    assert _widget(at, "starts").value == 60
    assert (_widget(at, "xp").value, _widget(at, "xseed").value) == (4, 7)
    assert _widget(at, "enoise").value == 0.1 and _widget(at, "surface").value is True
    assert "2 + 10% noise" in _texts(at.caption) and "60 starts" in _texts(at.caption)


def test_bad_link_values_warn_and_fall_back() -> None:
    at = _page(a="99", starts="5", xp="zero", exact="everything")
    warnings = _texts(at.warning)
    for key in ("a", "starts", "xp", "exact"):
        assert f"The link's {key}=" in warnings
    assert (
        _widget(at, "a").value == 0
        and _widget(at, "starts").value == 200
        and _widget(at, "xp").value == 3
    )


def test_modern_memory_uses_its_own_energy_everywhere() -> None:
    at = _page(rule="modern")
    captions = _texts(at.caption)
    assert "modern network" in captions and "sync updates" in captions
    assert _metric(at, "States") == "65,536"  # the example, stored by the modern rule
    assert len(at.get("plotly_chart")) == 5


def test_dense_memory_uses_its_own_energy() -> None:
    at = _page(
        rule="dense-poly", exact="memory"
    )  # N = 90: no exact landscape, the rest at full size
    assert "dense memory" in _texts(at.caption)
    assert TOO_LARGE in _texts(at.warning)
    assert len(at.get("plotly_chart")) == 3  # energy, slice, census


def test_census_of_a_large_network_waits_for_its_button() -> None:
    at = _page(set="random", p="3", side="17")  # N = 289
    assert "press **Run census**" in _texts(at.info)
    assert "Distinct final states" not in [m.label for m in at.metric]
    at.button(key="_census_run").click()
    _rerun(at)
    assert int(_metric(at, "Distinct final states")) >= 1
    _widget(at, "starts").set_value(40)
    _rerun(at)  # requested once: the census keeps following the controls
    assert "40 starts" in _texts(at.caption)


def test_a_requested_census_is_not_rerun_for_another_memory() -> None:
    at = _page(set="random", p="3", side="17")  # N = 289: the census runs on request
    at.button(key="_census_run").click()
    _rerun(at)
    assert int(_metric(at, "Distinct final states")) >= 1
    _widget(at, "rule").set_value(
        "storkey"
    )  # an unrelated control: a new memory, no census until asked
    _rerun(at)
    assert "The memory changed since the last census" in _texts(at.info)
    assert "Distinct final states" not in [m.label for m in at.metric]


def test_a_stale_pattern_label_for_the_slice_falls_back() -> None:
    at = _page()
    _widget(at, "set").set_value("mnist")
    _rerun(at)
    browser_sends(at, "a", "9")  # the seed digits' label of the old option, as text
    assert _widget(at, "a").value == 0


def test_exact_landscape_of_a_larger_memory_waits_for_its_button() -> None:
    from hopfield import PatternSet, random_patterns

    at = AppTest.from_file(
        "../../app.py", default_timeout=60
    )  # your own 3x6 patterns, as the Store page keeps them
    at.session_state["custom_set"] = PatternSet(
        "custom", "Your own patterns", random_patterns(2, 18, seed=0), (3, 6), ("a", "b"), ""
    )
    at.session_state["set"], at.session_state["pick"] = "custom", [0, 1]
    at.switch_page(PAGE)
    _rerun(at)  # N = 18: 262,144 states, listed on request
    assert _widget(at, "exact").value == "memory"
    assert "press **List all states**" in _texts(at.info)
    assert "States" not in [m.label for m in at.metric]
    at.button(key="_exact_run").click()
    _rerun(at)
    assert _metric(at, "States") == "262,144"
    assert {"stored a", "stored b"} <= {row["attractor"] for row in _table(at, "basin")}
    _widget(at, "rule").set_value("storkey")  # another memory: asked again
    _rerun(at)
    assert "The memory changed since the last exact landscape" in _texts(at.info)
    assert "States" not in [m.label for m in at.metric]


def test_each_rule_names_its_own_energy() -> None:
    at = _page(rule="dense-exp", exact="memory")
    captions = _texts(at.caption)
    assert "logarithm of the exponential energy" in captions and "async updates" in captions
    at = _page(rule="pseudoinverse", exact="memory")
    assert "$E = -\\tfrac12\\, s^\\top W s$" in _texts(at.caption)


def test_many_census_starts_on_a_mid_sized_network_wait_for_the_button() -> None:
    at = _page(
        set="random", p="10", side="16", rule="dense-exp", starts="2000"
    )  # N = 256: about 20 s of recalls
    assert "N = 256 neurons and 2000 starts" in _texts(
        at.info
    ) and "press **Run census**" in _texts(at.info)
    assert "Distinct final states" not in [m.label for m in at.metric]
    _widget(at, "starts").set_value(200)  # a small census runs by itself
    _rerun(at)
    assert "200 starts" in _texts(at.caption)
