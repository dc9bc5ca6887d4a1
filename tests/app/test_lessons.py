"""AppTest tests of the Lessons page (app_pages/lessons.py): every lesson opens its view through the button, takes
a right answer (computed here straight from the engine) and gives its hint for a wrong one."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from apptest import open_page, rerun, widget
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import HopfieldNetwork, analysis
from hopfield.analysis import learning_curves, outcomes, sweeps
from ui import cycles, lessons

PAGE = "app_pages/lessons.py"
TITLES = {
    "app_pages/recall.py": "Corrupt & recall",
    "app_pages/compare.py": "Compare learning rules",
    "app_pages/continuous.py": "Continuous memories",
    "app_pages/learning.py": "Learning over time",
    "app_pages/sequences.py": "Sequences",
    "app_pages/store.py": "Store patterns",
}


def _digits(picks: list[int], rule: str = "hebbian") -> HopfieldNetwork:
    return HopfieldNetwork.train(hopfield.load_set("digits").patterns[picks], rule)


def _recalled(net: HopfieldNetwork, level: float) -> int:
    return int(outcomes.recall_batch(net, "flip", level, "sync", 20, 0.0, 0).recalled.sum())


def _energy_rises() -> bool:
    net = HopfieldNetwork.train(hopfield.random_patterns(6, 9, 1), "hebbian")
    probe = hopfield.corrupt(net.patterns[0], "flip", 0.3, 0, (3, 3))
    return bool(
        np.diff(outcomes.recall_trajectory(net, probe, "sync", 20, 0.0, 0).energies).max() > 0
    )


def _best_rules() -> tuple[str, ...]:
    counts = {rule: _recalled(_digits(list(range(10)), rule), 0.1) for rule in lessons.COMPARED}
    return tuple(
        hopfield.RULES[rule].title
        for rule, count in counts.items()
        if count == max(counts.values())
    )


def _first_single_beta() -> float:
    gray = hopfield.load_gray_set("photos")
    probe = hopfield.real_probe(gray.patterns, 0, "noise", gray.shape, 0.5, 0)
    return analysis.beta_sweep(
        gray.patterns, probe, gray.patterns[0], analysis.log_betas(0.1, 1e4, 8)
    ).first_beta("single")


def _strong_level() -> float:
    basis = hopfield.random_patterns(40, 196, 0)[:20]
    levels = np.round(np.linspace(0.0, 0.5, 11), 2)
    success = learning_curves.strength_basins(basis, 0, (3.0,), levels, 20, 0, "hebbian").success[0]
    return float(levels[np.cumprod(success >= 0.5).astype(bool)][-1])


def _dreamt_share() -> float:
    after = learning_curves.dreaming_effect(_digits(list(range(5))).patterns, {}, 300, 0).after
    return (after.get("stored", 0) + after.get("reversed", 0)) / sum(after.values())


def _hebb_capacity() -> float:
    runs = sweeps.capacity_curves(
        {"hebbian": {}}, 100, sweeps.pattern_counts(30, 10), 10, 0.0, seed=0
    )
    return runs.results["hebbian"].measured_capacity()


def _exact_rules() -> tuple[str, ...]:
    patterns, _ = hopfield.text_patterns("HOPFIELD", cycles.LETTER_SHAPE)
    exact = {
        rule: cycles.replay(patterns, rule, 3, 0.1, 0).exact.all()
        for rule in hopfield.SEQUENCE_RULES
    }
    return tuple(lessons.SEQUENCE_TITLES[rule] for rule, every in exact.items() if every)


def _recalled_after_cutting() -> int:
    hurt = _digits(list(range(10)), "pseudoinverse").damaged(prune=0.3, seed=0)
    probes = hopfield.corrupt(hurt.patterns, "flip", 0.1, 0)
    return int((hurt.recall(probes).states == hurt.patterns).all(axis=1).sum())


# lesson -> (a right answer from the engine, a wrong answer); "show" lessons are answered by the page's settings
ANSWERS: dict[str, tuple[Any, Any]] = {
    "ten-digits": (lambda: _recalled(_digits(list(range(10))), 0.05), lambda right: right + 3),
    "hebb-load": (_hebb_capacity, lambda right: right + 8),
    "sync-energy": (
        lambda: lessons.RISES if _energy_rises() else lessons.LOWERS,
        lambda right: lessons.LOWERS if right == lessons.RISES else lessons.RISES,
    ),
    "correlated-rules": (
        _best_rules,
        lambda right: next(o for o in lessons.BY_KEY["correlated-rules"].options if o not in right),
    ),
    "beta": (_first_single_beta, lambda right: right * 20),
    "strong-basin": (_strong_level, lambda right: right - 0.2),
    "dreaming": (_dreamt_share, lambda right: right / 2),
    "sequence": (
        _exact_rules,
        lambda right: next(o for o in lessons.BY_KEY["sequence"].options if o not in right),
    ),
    "damage": (_recalled_after_cutting, lambda right: right + 2),
}


def _opened(key: str) -> AppTest:
    """The Lessons page on lesson `key`, its view opened through the button, then back on the Lessons page."""
    lesson = lessons.BY_KEY[key]
    at = open_page(PAGE, lesson=key)
    at.button(key="_open_view").click()
    rerun(at)
    assert [title.value for title in at.title] == [TITLES[lesson.page]]
    for name, value in lesson.view.items():
        assert at.session_state[name] == value, name
    shown = {key: at.query_params[key] for key in at.query_params}
    assert {key: value for key, value in lesson.query().items() if key in shown} == {
        key: value for key, value in shown.items() if key in lesson.view
    }  # the view's settings are the link now
    assert "lesson" not in shown
    at.switch_page(PAGE)
    return rerun(at)


def _answer(at: AppTest, key: str, given: Any) -> AppTest:
    lesson = lessons.BY_KEY[key]
    if lesson.kind != "show":
        (at.number_input if lesson.kind == "number" else at.radio)(
            key=lessons.given_key(lesson)
        ).set_value(given if not isinstance(given, tuple) else given[0])
    at.button(key=f"FormSubmitter:_answer_{key}-Check").click()
    return rerun(at)


def _verdict(at: AppTest) -> str:
    return (
        "right"
        if any(box.value.startswith("Right.") for box in at.success)
        else "wrong"
        if any(box.value.startswith("Not yet.") for box in at.error)
        else "none"
    )


@pytest.mark.parametrize("key", list(ANSWERS))
def test_a_lesson_opens_its_view_takes_the_right_answer_and_hints_at_a_wrong_one(key: str) -> None:
    right_of, wrong_of = ANSWERS[key]
    right = right_of()
    lesson = lessons.BY_KEY[key]
    at = _answer(_opened(key), key, wrong_of(right))
    assert _verdict(at) == "wrong"
    assert any(lesson.hint in box.value for box in at.info)
    assert lessons.done(at.session_state) == set()
    at = _answer(at, key, right)
    assert _verdict(at) == "right"
    assert any(lesson.explanation[:40] in text.value for text in at.markdown)
    assert lessons.done(at.session_state) == {key}
    assert f"1 of {len(lessons.LESSONS)} answered right" in at.get("progress")[0].proto.text
    assert widget(at, "lesson").options[list(lessons.BY_KEY).index(key)].endswith("(done)")


def test_the_mixture_lesson_is_right_once_the_recall_page_shows_a_mixture() -> None:
    at = _answer(_opened("mixture"), "mixture", None)
    assert _verdict(at) == "wrong"  # the view's seed 0 recalls the target
    assert any("stored 0 (target" in box.value for box in at.error)
    at.switch_page("app_pages/recall.py")
    rerun(at)
    at.number_input(key="rseed").set_value(2)
    rerun(at)
    assert any("mixture" in box.value for box in at.warning)  # the Recall page shows it
    at.switch_page(PAGE)
    at = _answer(rerun(at), "mixture", None)
    assert _verdict(at) == "right"


def test_the_expected_answer_follows_the_students_own_memory() -> None:
    at = _answer(_opened("ten-digits"), "ten-digits", _recalled(_digits(list(range(10))), 0.05))
    assert _verdict(at) == "right"
    at.multiselect(key="pick").set_value([0, 1])  # two digits only: the load is low, both come back
    rerun(at)
    assert any(
        "Your settings differ from this view's (pick)" in caption.value for caption in at.caption
    )
    two = _recalled(_digits([0, 1]), 0.05)
    assert two == 2 != _recalled(_digits(list(range(10))), 0.05)
    at = _answer(at, "ten-digits", 0)
    assert _verdict(at) == "wrong"
    at = _answer(at, "ten-digits", two)
    assert _verdict(at) == "right"
    assert any("2 of 2 come back" in box.value for box in at.success)


def test_a_lesson_link_reopens_that_lesson_and_the_overview_lists_every_view() -> None:
    at = open_page(PAGE, lesson="beta")
    assert widget(at, "lesson").value == "beta"
    assert at.subheader[0].value == lessons.BY_KEY["beta"].title
    assert (
        at.code[0].value == lessons.BY_KEY["beta"].link()
    )  # AppTest has no URL: the link starts at the page
    overview = lessons.overview("http://lab/")
    for lesson in lessons.LESSONS:
        assert (
            f"(http://lab/{lesson.link()})" in overview
            and f"lessons?lesson={lesson.key}" in overview
        )
    assert at.get("download_button")


def test_a_bad_lesson_in_the_link_warns_and_opens_the_first() -> None:
    at = open_page(PAGE, lesson="nope")
    assert widget(at, "lesson").value == lessons.LESSONS[0].key
    assert any("lesson='nope'" in box.value for box in at.warning)
