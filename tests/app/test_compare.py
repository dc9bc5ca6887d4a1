"""AppTest tests of the Compare learning rules page (app_pages/compare.py)."""

from __future__ import annotations

from apptest import open_page
from apptest import rerun as _rerun
from apptest import widget as _widget
from streamlit.testing.v1 import AppTest

import hopfield

PAGE = "app_pages/compare.py"
SWEEP_BUTTON = "FormSubmitter:capacity_form-Run sweep"
BASIN_BUTTON = "FormSubmitter:basin_form-Run basins"


def _page(**link: str) -> AppTest:
    return open_page(PAGE, **link)


def _table(at: AppTest, column: str) -> list[dict]:
    """The records of the first dataframe that has `column`."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value.to_dict("records")
    raise AssertionError(f"no table with a column {column!r}")


def _has_table(at: AppTest, column: str) -> bool:
    return any(column in frame.value.columns for frame in at.dataframe)


def _texts(elements) -> str:
    return " ".join(element.value for element in elements)


def test_defaults_show_every_rule_on_the_seed_digits() -> None:
    at = _page()
    rows = _table(at, "recalled")
    assert [row["rule"] for row in rows] == list(hopfield.rules.rule_titles().values())
    recalled = {row["rule"]: row["recalled"] for row in rows}
    assert recalled["Pseudo-inverse"] == "10 of 10" and recalled["Hebbian"] != "10 of 10"
    text = _texts(at.markdown)
    assert "all ten of the seed's digits" in text and "**Pseudo-inverse**" in text
    assert "had 9 bits flipped" in text  # round(0.1 * 90)
    assert all(row["train ms"] >= 0 and row["recall ms"] > 0 for row in rows)
    assert len(at.get("plotly_chart")) == 1  # timing; sweeps wait for their buttons
    assert "Run sweep" in _texts(at.info) and "Run basins" in _texts(at.info)
    assert (
        _widget(at, "n").value == 100
        and _widget(at, "pmax").value == 50
        and _widget(at, "trials").value == 10
    )
    assert _widget(at, "rules").value == ["hebbian", "storkey", "pseudoinverse"]


def test_every_theory_line_says_what_it_counts() -> None:
    """Issue 18: the theory lines come from the engine with their criterion (exact recall or a few bits wrong)."""
    text = _texts(_page().markdown)
    for rule in hopfield.RULES.values():
        assert f"**{rule.title}**: {rule.theory_text}" in text
    assert (
        "0.138 N with up to 1.6 % of bits wrong" in text
        and "$2^{N/2}$ (exponential and modern)" not in text
    )


def test_noise_slider_changes_the_success_table() -> None:
    at = _page()
    before = _table(at, "recalled")
    _widget(at, "flip").set_value(0.4)
    _rerun(at)
    after = _table(at, "recalled")
    assert "had 36 bits flipped" in _texts(at.markdown)
    assert [row["mean overlap m"] for row in after] != [row["mean overlap m"] for row in before]


def test_capacity_sweep_runs_on_the_button_and_is_kept() -> None:
    at = _page(n="32", pmax="12", trials="2")
    assert not _has_table(at, "theory P_max")
    _widget(at, "rules").set_value(["hebbian", "dense-exp"])
    at.button(key=SWEEP_BUTTON).click()
    _rerun(at)
    summary = _table(at, "theory P_max")
    assert [row["rule"] for row in summary] == ["Hebbian", "Dense (exponential)"]
    assert summary[0]["theory P_max"] == "≈ 4.4" and summary[1]["theory P_max"] == "≈ 65536.0"
    success = _table(at, "P")
    assert [row["P"] for row in success] == [1, 2, 4, 5, 6, 7, 8, 10, 11, 12]
    assert success[0]["Hebbian"] == "100%" and success[-1]["Dense (exponential)"] == "100%"
    assert len(at.get("plotly_chart")) == 2  # timing, capacity
    _rerun(at)  # a plain rerun keeps the curves without recomputing
    assert _table(at, "P") == success
    _widget(at, "rules").set_value(["storkey"])
    at.button(key=SWEEP_BUTTON).click()
    _rerun(at)
    assert [row["rule"] for row in _table(at, "theory P_max")] == ["Storkey"]


def test_empty_rule_choice_warns() -> None:
    at = _page()
    _widget(at, "rules").set_value([])
    at.button(key=SWEEP_BUTTON).click()
    _rerun(at)
    assert "Choose at least one rule to sweep." in _texts(at.warning)


def test_basin_curves_run_on_the_button() -> None:
    at = _page(btrials="2", brules="pseudoinverse,dense-exp")
    at.button(key=BASIN_BUTTON).click()
    _rerun(at)
    rows = _table(at, "bits flipped")
    assert rows[0] == {
        "bits flipped": "0%",
        "Pseudo-inverse": "100%",
        "Dense (exponential)": "100%",
    }
    assert rows[-1]["bits flipped"] == "50%"
    assert "2 trials per pattern" in _texts(at.caption)


def test_deep_link_restores_the_controls() -> None:
    at = _page(
        n="64", pmax="20", trials="3", rules="hebbian,modern", flip="0.2", cnoise="0.1", btrials="4"
    )
    assert _widget(at, "n").value == 64
    assert _widget(at, "pmax").value == 20
    assert _widget(at, "trials").value == 3
    assert _widget(at, "rules").value == ["hebbian", "modern"]
    assert _widget(at, "flip").value == 0.2
    assert _widget(at, "cnoise").value == 0.1
    assert _widget(at, "btrials").value == 4
    assert "had 18 bits flipped" in _texts(at.markdown)
    written = {key: at.query_params[key] for key in at.query_params}  # the link the app wrote back
    again = _page(
        **{key: value[0] if isinstance(value, list) else value for key, value in written.items()}
    )
    assert (
        _widget(again, "rules").value == ["hebbian", "modern"] and _widget(again, "n").value == 64
    )


def test_bad_link_values_warn_and_fall_back() -> None:
    at = _page(n="many", pmax="100000", rules="hebbian,nonsense", flip="2")
    warnings = _texts(at.warning)
    for key in ("n", "pmax", "rules", "flip"):
        assert f"The link's {key}=" in warnings
    assert _widget(at, "n").value == 100 and _widget(at, "pmax").value == 50
    assert _widget(at, "rules").value == ["hebbian", "storkey", "pseudoinverse"]
    assert _widget(at, "flip").value == 0.1


def test_page_keys_do_not_clash_with_the_other_pages() -> None:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    for page in ("app_pages/recall.py", PAGE, "app_pages/landscape.py", PAGE):
        at.switch_page(page)
        _rerun(at)
    assert _widget(at, "flip").value == 0.1


def test_the_memory_rule_keeps_its_sidebar_parameters_the_others_their_defaults() -> None:
    at = _page(rule="dense-poly", degree="5")
    parameters = {row["rule"]: row["parameters"] for row in _table(at, "recalled")}
    assert (
        parameters["Dense (polynomial)"] == "degree 5"
        and parameters["Pseudo-inverse"] == "damping 0"
    )
    assert parameters["Hebbian"] == "none"
    assert parameters["Modern (softmax)"] == "beta 50 · attention softmax · alpha 1.5"
    assert "the sidebar's for Dense (polynomial)" in _texts(at.caption)


def test_the_session_keeps_the_sweeps_of_the_last_eight_settings() -> None:
    at = _page(n="16", pmax="2", trials="1", rules="hebbian")
    for trials in range(1, 11):
        _widget(at, "trials").set_value(trials)
        at.button(key=SWEEP_BUTTON).click()
        _rerun(at)
        assert _has_table(at, "theory P_max")
    kept = at.session_state[
        "_swept_capacity"
    ]  # settings (N, P values, trials, noise) -> results by rule
    assert [settings[2] for settings in kept] == [3, 4, 5, 6, 7, 8, 9, 10]
    _widget(at, "trials").set_value(5)  # kept: shown again, now the most recently used
    at.button(key=SWEEP_BUTTON).click()
    _rerun(at)
    assert [settings[2] for settings in at.session_state["_swept_capacity"]] == [
        3,
        4,
        6,
        7,
        8,
        9,
        10,
        5,
    ]
    _widget(at, "trials").set_value(1)  # dropped: measured again, the least recently used goes
    at.button(key=SWEEP_BUTTON).click()
    _rerun(at)
    assert [settings[2] for settings in at.session_state["_swept_capacity"]] == [
        4,
        6,
        7,
        8,
        9,
        10,
        5,
        1,
    ]


def test_basins_measure_only_the_rules_not_yet_kept() -> None:
    at = _page(btrials="2", brules="pseudoinverse")
    at.button(key=BASIN_BUTTON).click()
    _rerun(at)
    (before,) = at.session_state["_swept_basins"].values()
    first = dict(before)
    _widget(at, "brules").set_value(["pseudoinverse", "hebbian"])
    at.button(key=BASIN_BUTTON).click()
    _rerun(at)
    (after,) = at.session_state["_swept_basins"].values()
    assert len(after) == 2 and all(
        after[key] is first[key] for key in first
    )  # the first rule was not run again
    assert list(_table(at, "bits flipped")[0]) == ["bits flipped", "Pseudo-inverse", "Hebbian"]
    _widget(at, "brules").set_value([])
    at.button(key=BASIN_BUTTON).click()
    _rerun(at)
    assert "Choose at least one rule to sweep." in _texts(at.warning)


def _button(at: AppTest, label: str):
    return next(button for button in at.button if button.label == label)


def test_slow_training_and_every_rule_wait_for_their_buttons() -> None:
    # N = 576 and 130 dreams: 130 · 576² > DREAM_BUDGET, so dreaming is slow for the sidebar and for the table
    at = _page(set="random", side="24", p="3", rule="unlearning", dreams="130")
    assert any("Press **Train the network**" in info.value for info in at.info)
    assert not _has_table(at, "recalled") and not at.get("plotly_chart")
    _button(at, "Train the network").click()
    _rerun(at)
    assert any("Press **Train and recall with every rule**" in info.value for info in at.info)
    assert not _has_table(at, "recalled")
    _button(at, "Train and recall with every rule").click()
    _rerun(at)
    rows = _table(at, "recalled")
    assert len(rows) == 9 and rows[-1]["parameters"] == "dreams 130 · depth 0.02 · seed 0"
    _widget(at, "flip").set_value(0.2)  # other probes: the table waits for the button again
    _rerun(at)
    assert not _has_table(at, "recalled")
    assert any("The settings changed since you last pressed it." in info.value for info in at.info)


def test_small_memories_train_and_compare_without_a_button() -> None:
    at = _page(set="random", side="16", p="3", rule="storkey")
    assert _has_table(at, "recalled") and not any(
        button.label.startswith("Train") for button in at.button
    )


def test_capacity_against_n_runs_on_its_button_and_matches_the_engine() -> None:
    """The section's table is `analysis.capacity_scaling` of each chosen rule (same seed, N axis and settings)."""
    from hopfield import analysis

    at = _page(gnmax="64", grules="hebbian,dense-poly", gtrials="2", gnoise="0.1")
    assert any(
        info.value.startswith(
            "Press **Measure capacity against N** for 2 rule(s) at N = 16, 32, 64"
        )
        for info in at.info
    )
    next(b for b in at.button if b.label == "Measure capacity against N").click()
    at.run()
    assert not at.exception
    rows = at.dataframe[-1].value.to_dict("records")
    for row, rule in zip(rows, ["hebbian", "dense-poly"], strict=True):
        found = analysis.capacity_scaling(
            rule, [16, 32, 64], trials=2, noise=0.1, seed=0, max_p=256
        )
        assert [row[f"N = {n}"] for n in (16, 32, 64)] == [
            f"≥ {p}" if cap else str(p) for p, cap in zip(found.capacity, found.capped, strict=True)
        ]
