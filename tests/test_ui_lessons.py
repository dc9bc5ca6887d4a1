"""The lessons' checking glue without a browser: tolerances, the widest basin level, links and the overview."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ui import lessons
from ui.lessons import Answer


def test_a_number_is_accepted_within_its_tolerance_only() -> None:
    answer = Answer(19.1, "", tolerance=1.9)
    assert answer.accepts(19.1) and answer.accepts(17.2) and answer.accepts(21.0)
    assert not answer.accepts(17.1) and not answer.accepts(None)
    assert Answer(0, "").accepts(0) and not Answer(0, "").accepts(1)
    assert not Answer(math.nan, "", tolerance=5).accepts(3)


def test_a_ratio_tolerance_accepts_one_grid_step_either_side() -> None:
    step = lessons.BETAS[1] / lessons.BETAS[0]
    answer = Answer(7.5, "", tolerance=step * 1.01, ratio=True)
    assert answer.accepts(7.5 * step) and answer.accepts(7.5 / step)
    assert not answer.accepts(7.5 * step**2) and not answer.accepts(0) and not answer.accepts(-7.5)


def test_a_choice_takes_any_of_the_tied_options_and_a_page_check_its_own_verdict() -> None:
    assert Answer(("Storkey", "Pseudo-inverse"), "").accepts("Storkey")
    assert not Answer(("Pseudo-inverse",), "").accepts("Hebbian")
    assert Answer(True, "").accepts(None) and not Answer(False, "").accepts(None)


def test_the_widest_level_stops_at_the_first_level_under_one_half() -> None:
    levels = (0.0, 0.1, 0.2, 0.3)
    assert (
        lessons.widest_level(np.array([1.0, 0.5, 0.4, 0.9]), levels) == 0.1
    )  # 0.3 is past the gap
    assert lessons.widest_level(np.array([0.2, 1.0, 1.0, 1.0]), levels) == 0.0
    assert lessons.widest_level(np.ones(4), levels) == 0.3


def test_a_view_becomes_the_link_the_widgets_read() -> None:
    lesson = lessons.BY_KEY["ten-digits"]
    assert lesson.url_path == "recall"
    assert lesson.query()["pick"] == "0-9" and lesson.query()["level"] == "0.05"
    assert lessons.BY_KEY["hebb-load"].query()["rules"] == "hebbian"
    assert lesson.link("http://lab/").startswith(
        "http://lab/recall?set=digits&pick=0-9&rule=hebbian"
    )


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("http://lab:8501/lessons?lesson=beta", "http://lab:8501/"),
        ("https://x.org/app/recall", "https://x.org/app/"),
        (None, ""),
        ("", ""),
    ],
)
def test_the_app_base_is_the_address_before_the_page(url: str | None, base: str) -> None:
    assert lessons.app_base(url) == base


def test_every_lesson_is_complete_and_keys_are_declared() -> None:
    from ui import link

    assert len(lessons.LESSONS) >= 8 and len(lessons.BY_KEY) == len(lessons.LESSONS)
    for lesson in lessons.LESSONS:
        assert lesson.kind in lessons.KINDS and lesson.goal and lesson.hint and lesson.explanation
        assert (lesson.kind == "choice") == bool(lesson.options)
        assert set(lesson.view) <= set(link.KEYS), lesson.key


def test_the_recall_lessons_build_the_probe_as_the_recall_page_does() -> None:
    import hopfield
    from hopfield.analysis import outcomes
    from ui import recall_probe

    lesson = lessons.BY_KEY["mixture"]
    net = hopfield.HopfieldNetwork.train(hopfield.load_set("digits").patterns[[1, 4, 7]], "hebbian")
    plain = lessons.answer(lesson, {}, net)
    assert (
        plain.expected is False and "target" in plain.facts
    )  # the view's probe (seed 0) recalls the target
    edited = {recall_probe.EDITS: {"pattern": 0, "n": 90, "pixels": list(range(0, 90, 2))}}
    probe = recall_probe.with_edits(
        hopfield.corrupt(net.patterns[0], "flip", 0.3, 0, (10, 9)), range(0, 90, 2)
    )
    found = outcomes.recall_summary(net, probe, 0, "sync", 20, 0.0, 0)
    assert lessons.answer(lesson, edited, net).facts.startswith(
        f"The page's recall now ends in: {found.name} ("
    )
    assert found.name != "stored 0"  # half the pixels flipped by hand: no longer the target
    masked = {"noise": "mask", "level": 0.5, "held": True}
    clamp = ~hopfield.noise.hidden("mask", 0.5, 90, 0, (10, 9))
    held = outcomes.recall_summary(
        net,
        hopfield.corrupt(net.patterns[0], "mask", 0.5, 0, (10, 9)),
        0,
        "sync",
        20,
        0.0,
        0,
        clamp=clamp,
    )
    assert lessons.answer(lesson, masked, net).facts.startswith(
        f"The page's recall now ends in: {held.name} ("
    )
    assert lessons.answer(lesson, {"drawprobe": True}, net) == lessons.DRAWN
