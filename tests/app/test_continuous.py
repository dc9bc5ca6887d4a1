"""The Continuous memories page in AppTest: the default photo, deep links, β through its regimes, every probe
kind, bad link values, keys → labels and the user's own images."""

from __future__ import annotations

import io

import numpy as np
import pytest
from apptest import rerun, widget
from PIL import Image

import hopfield

PAGE = "app_pages/continuous.py"


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _texts(elements) -> list[str]:
    return [element.value for element in elements]


def test_the_default_view_retrieves_a_masked_photo(app):
    at = app(PAGE)
    assert at.title[0].value == "Continuous memories"
    assert (
        not at.sidebar.multiselect and not at.sidebar.selectbox and not at.sidebar.subheader
    )  # no binary Memory
    assert not any("Memory" in text for text in _texts(at.info))
    assert any(text.startswith("A single memory: astronaut face") for text in _texts(at.success))
    assert _metric(at, "Correlation with the target") == "1.000"
    assert _metric(at, "Memories in the state (1/Σw²)") == "1.0"
    assert (
        len(at.get("plotly_chart")) == 5
    )  # energy, attention, β sweep, labels, ROC (each attention: on its toggle)
    assert len(at.get("image")) >= 2 and any("scikit-image" in c.value for c in at.caption)
    assert any(
        text.startswith("Retrieved label: **astronaut face**") for text in _texts(at.success)
    )


def test_a_deep_link_opens_the_metastable_zero(app):
    at = app(PAGE, cset="mnist", cbeta="23.7", cimage="0", cprobe="mask-bottom")
    assert widget(at, "cset").value == "mnist" and at.select_slider(key="cbeta").value == "23.7"
    assert any(text.startswith("A metastable state averaging about") for text in _texts(at.warning))
    assert 12 <= float(_metric(at, "Memories in the state (1/Σw²)")) <= 17
    assert any(text.startswith("Retrieved label: **0**") for text in _texts(at.success))


def test_beta_moves_the_fixed_point_from_the_global_average_to_a_single_memory(app):
    at = app(PAGE, cset="optdigits")
    at.select_slider(key="cbeta").set_value("0.1")
    rerun(at)
    assert any(text.startswith("The global average") for text in _texts(at.info))
    low = float(_metric(at, "Correlation with the target"))
    at.select_slider(key="cbeta").set_value("10000")
    rerun(at)
    assert any(text.startswith("A single memory") for text in _texts(at.success))
    assert float(_metric(at, "Correlation with the target")) > low


@pytest.mark.parametrize(("beta", "amount"), [("7.5", "0.5"), ("100", "1")])
def test_the_wrong_memory_is_named_so_and_never_green(app, beta, amount):
    """Issue 18, as a teacher found it: the astronaut face, bottom masked, ends in "sky and head" (correlation
    with the target about 0.28): a red box naming the wrong memory, no green tick."""
    at = app(PAGE, cset="photos", cimage="0", cprobe="mask-bottom", camount=amount, cbeta=beta)
    assert not any(
        "sky and head" in text or "A single memory" in text for text in _texts(at.success)
    )
    assert any(
        text.startswith("The wrong memory: sky and head") and text.endswith("not astronaut face.")
        for text in _texts(at.error)
    )
    assert float(_metric(at, "Correlation with the target")) < 0.3


def test_a_grey_probe_retrieves_a_tie_not_a_label(app):
    """Amount 1.00 masks the whole photo: every one of the 24 labels gets 1/24 of the weight, a tie."""
    at = app(PAGE, cset="photos", cimage="0", cprobe="mask-bottom", camount="1", cbeta="100")
    assert not any(
        text.startswith("Retrieved label") for text in _texts(at.success) + _texts(at.warning)
    )
    assert any(
        text.startswith("A tie: 24 labels share the top weight (4% each")
        and "no label is retrieved" in text
        for text in _texts(at.warning)
    )


def test_the_intro_says_which_sets_show_all_three_regimes(app):
    at = app(PAGE)
    intro = at.markdown[0].value
    assert "(MNIST and optdigits)" in intro and "their β sweeps show all three regimes" in intro
    assert "straight to single memories" in intro and hopfield.modern.ENERGY_LATEX in intro
    assert "Regimes this sweep passes through: global average, single memory (2 of 3)." in _texts(
        at.caption
    )
    at = app(PAGE, cset="mnist")
    assert (
        "Regimes this sweep passes through: global average, metastable, single memory (3 of 3)."
        in _texts(at.caption)
    )


@pytest.mark.parametrize("kind", list(hopfield.PROBE_KINDS))
def test_every_probe_kind_recalls(app, kind):
    at = app(PAGE, cprobe=kind, camount="0.3", cseed="4")
    assert widget(at, "cprobe").value == kind and widget(at, "camount").value == pytest.approx(0.3)
    assert -1 <= float(_metric(at, "Correlation with the target")) <= 1


def test_bad_link_values_warn_and_fall_back(app):
    at = app(PAGE, cbeta="hot", cset="nope")
    warnings = " ".join(_texts(at.warning))
    assert "cbeta='hot'" in warnings and "cset='nope'" in warnings
    assert at.select_slider(key="cbeta").value == "100" and widget(at, "cset").value == "photos"


def test_your_own_images_wait_for_uploads_then_are_stored(app):
    at = app(PAGE, cset="uploads")
    assert any("Upload two or more images" in text for text in _texts(at.info))
    rng = np.random.default_rng(0)
    pixels = rng.uniform(size=(3, 16 * 16))
    pixels.flags.writeable = False
    at.session_state["_gray_uploads"] = hopfield.GraySet(
        "uploads", "Your own images", pixels, (16, 16), ("a", "b", "c"), ("a", "b", "c"), ""
    )
    rerun(at)
    assert widget(at, "cimage").options == ["a", "b", "c"]
    assert any(text.startswith("A single memory: a") for text in _texts(at.success))


def _image_file(name: str, seed: int) -> tuple[str, bytes, str]:
    buffer = io.BytesIO()
    pixels = np.random.default_rng(seed).integers(0, 256, size=(20, 20), dtype=np.uint8)
    Image.fromarray(pixels).save(buffer, format="PNG")
    return name, buffer.getvalue(), "image/png"


def test_removed_uploads_leave_the_memory(app):
    at = app(PAGE, cset="uploads")
    uploader = at.file_uploader(key="_gray_files")
    uploader.set_value([_image_file("first.png", 0), _image_file("second.png", 1)])
    rerun(at)
    assert widget(at, "cimage").options == ["first", "second"]
    at.file_uploader(key="_gray_files").set_value([_image_file("first.png", 0)])
    rerun(at)
    assert any("Upload at least two images" in text for text in _texts(at.warning))
    assert all(box.key != "cimage" for box in at.selectbox)  # nothing stored, nothing to probe
    at.file_uploader(key="_gray_files").set_value(None)
    rerun(at)
    assert "_gray_uploads" not in at.session_state
    assert any("Upload two or more images" in text for text in _texts(at.info))
    assert all(box.key != "cimage" for box in at.selectbox)


def test_the_sidebar_memory_is_kept_through_a_visit_here(app):
    at = app(
        "app_pages/recall.py",
        set="random",
        p="6",
        side="8",
        seed="3",
        pick="0-2",
        rule="unlearning",
        dreams="7",
    )
    widget(at, "pick").set_value(
        [1, 4]
    )  # chosen on screen, not in the link the session was opened with
    widget(at, "rule").set_value("storkey")
    rerun(at)
    at.switch_page(PAGE)
    rerun(at)
    assert (
        not at.sidebar.multiselect and at.query_params.get("rule") is None
    )  # neither drawn nor linked here
    at.switch_page("app_pages/recall.py")
    rerun(at)
    memory = at.session_state["_memory"]
    assert (memory.source.name, memory.picks, memory.rule) == ("random", (1, 4), "storkey")
    assert (
        memory.source.shape == (8, 8)
        and at.query_params["pick"] == "1,4"
        and at.query_params["p"] == "6"
    )
