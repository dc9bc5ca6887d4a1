"""AppTest tests of the pattern strengths on the Store page (app_pages/store.py)."""

from __future__ import annotations

from apptest import open_page, rerun, widget

import hopfield
from hopfield import HopfieldNetwork
from hopfield.analysis import memory_view
from hopfield.strengths import effective_patterns

PAGE = "app_pages/store.py"


def _markdown(at) -> str:
    return "\n".join(block.value for block in at.main.markdown)


def _captions(at) -> str:
    return "\n".join(caption.value for caption in at.main.caption)


def test_every_strength_is_one_at_first_and_the_load_is_plain() -> None:
    at = open_page(PAGE)
    assert widget(at, "strong").value == [] and widget(at, "strength").value == 2.0
    assert "Stored: P = 10, a load of P/P_max = 0.805." in _markdown(at)
    assert "P_eff" not in _captions(at)


def test_stronger_patterns_raise_the_effective_load_and_change_the_fixed_points() -> None:
    at = open_page(PAGE)
    widget(at, "strong").set_value(["0", "1"])
    widget(at, "strength").set_value(3.0)
    rerun(at)
    digits = hopfield.load_set("digits").patterns
    strengths = [3.0, 3.0] + [1.0] * 8
    effective = effective_patterns(strengths, 10)  # (9 + 9 + 8) / 1 = 26
    assert effective == 26.0
    fixed = memory_view(HopfieldNetwork.train(digits, strengths=strengths)).fixed_points
    assert f"P_eff = Σc²/c_min² = 26 equal patterns; {fixed} of 10 are fixed points." in _captions(
        at
    )
    assert (
        f"Stored: P = 10 (in effect 26), a load of P/P_max = {26 / (0.138 * 90):.3g}."
        in _markdown(at)
    )
    assert at.query_params["strong"] == "0,1" and at.query_params["strength"] == "3.0"


def test_a_link_with_strengths_and_a_refused_all_zero_memory() -> None:
    at = open_page(PAGE, strong="0,1,2,3,4,5,6,7,8,9", strength="0.0")
    assert any("At least one strength must be above 0" in warning.value for warning in at.warning)


def test_rules_without_strengths_show_no_strength_controls() -> None:
    at = open_page(PAGE, rule="storkey")
    assert not any(box.key == "strong" for box in at.multiselect)
    assert "Stored: P = 10," in _markdown(at)
