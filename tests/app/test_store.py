"""AppTest tests of the Store page: weights per rule, the neuron view and its link, image uploads, the pixel
editor, and saving/restoring a network (each bad file an error, the memory unchanged)."""

from __future__ import annotations

import io
import json

import numpy as np
from apptest import open_page
from PIL import Image
from streamlit.testing.v1 import AppTest

import hopfield

PAGE = "app_pages/store.py"


def _page(**link: str) -> AppTest:
    return open_page(PAGE, **link)


def _metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def _captions(at: AppTest) -> str:
    return "\n".join(caption.value for caption in at.caption)


def _button(at: AppTest, label: str):
    matches = [button for button in at.button if button.label == label]
    assert matches, f"no button {label!r} in {[button.label for button in at.button]}"
    return matches[0]


def _png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _network_file(net: hopfield.HopfieldNetwork) -> bytes:
    buffer = io.BytesIO()
    net.save(buffer)
    return buffer.getvalue()


def test_defaults_show_the_ten_digits_weights_correlations_stability_and_load() -> None:
    at = _page()
    assert [header.value for header in at.main.subheader] == [
        "Stored patterns",
        "Weights",
        "Correlations and stability",
        "Load",
        "Damage the network",
        "Save or restore the network",
        "Your own patterns",
    ]
    metrics = _metrics(at)
    assert metrics["Neurons N"] == "90" and metrics["Patterns P"] == "10"
    assert metrics["max |w_ij|"] == "0.1111"  # (1/N) Σ_μ ξ_i ξ_j peaks at 10/90
    captions = _captions(at)
    assert "10 patterns of 10×9 = 90 neurons from Seed digits" in captions
    assert "The most alike pair: 6 and 8, C = 0.89" in captions
    assert "0 of 10 stored patterns are fixed points of the Hebbian update" in captions
    assert any("about 12.4 patterns at N = 90" in markdown.value for markdown in at.markdown)
    assert len(at.get("plotly_chart")) == 5  # W, correlations, stability, load gauge, the damaged W
    assert len(at.get("download_button")) == 2
    assert at.number_input(key="neuron").value == 49  # the centre neuron of a 10x9 grid
    assert "Row 49 of W" in captions


def test_changing_the_rule_changes_the_weights_shown_and_dense_rules_say_they_have_none() -> None:
    at = _page()
    hebbian = _metrics(at)
    at.sidebar.selectbox(key="rule").set_value("storkey").run()
    storkey = _metrics(at)
    assert (
        storkey["max |w_ij|"] != hebbian["max |w_ij|"]
        and storkey["mean |w_ij|"] != hebbian["mean |w_ij|"]
    )
    assert "of the Storkey update" in _captions(at)
    at.sidebar.selectbox(key="rule").set_value("dense-exp").run()
    assert not at.exception
    dense = _metrics(at)
    assert dense["max |w_ij| (Hebbian)"] == hebbian["max |w_ij|"]
    assert any("has no pairwise weight matrix" in info.value for info in at.info)
    assert "10 of 10 stored patterns are fixed points" in _captions(at)
    assert any("astronomically more" in markdown.value for markdown in at.markdown)


def test_the_neuron_link_restores_the_view_and_a_bad_value_warns() -> None:
    at = _page(neuron="3")
    assert at.number_input(key="neuron").value == 3
    assert "Row 3 of W" in _captions(at) and "row 0, column 3" in _captions(at)
    at.number_input(key="neuron").set_value(17).run()
    assert "Row 17 of W" in _captions(at) and at.query_params["neuron"] == "17"
    at.sidebar.selectbox(key="set").set_value("optdigits").run()
    assert at.number_input(key="neuron").value == 4 * 8 + 4  # the new set's centre neuron
    bad = _page(neuron="900")
    assert any("neuron='900' is not valid" in warning.value for warning in bad.warning)
    assert bad.number_input(key="neuron").value == 49


def test_uploaded_images_skip_bad_files_and_become_the_memory_only_when_stored() -> None:
    at = _page()
    square = np.full((32, 32), 255)
    square[:16, :16] = 0
    good = _png(square)
    at.file_uploader(key="own_images").set_value(
        [
            ("square.png", good, "image/png"),
            ("notes.png", b"plain text renamed", "image/png"),
            ("cut.png", good[: len(good) // 2], "image/png"),
        ]
    ).run()
    assert not at.exception
    errors = [error.value for error in at.error]
    assert (
        len(errors) == 2
        and errors[0].startswith("notes.png: ")
        and errors[1].startswith("cut.png: ")
    )
    assert "Ready to store: 1 uploaded and 0 drawn patterns of 16×16 = 256 neurons." in _captions(
        at
    )
    assert (
        at.session_state["set"] == "digits" and _metrics(at)["Patterns P"] == "10"
    )  # not stored yet
    _button(at, "Store this pattern").click().run()
    assert not at.exception
    assert at.session_state["set"] == "custom"
    metrics = _metrics(at)
    assert metrics["Neurons N"] == "256" and metrics["Patterns P"] == "1"


def test_a_drawn_pattern_can_be_added_and_stored() -> None:
    at = _page()
    at.number_input(key="own_rows").set_value(8)
    at.number_input(key="own_cols").set_value(8).run()
    at.session_state["own_draw_8x8_blank_0"] = {
        "edited_rows": {0: {"0": True, "1": True}, 7: {"7": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    _button(at, "Add this drawing").click().run()
    assert "0 uploaded and 1 drawn patterns of 8×8 = 64 neurons" in _captions(at)
    _button(at, "Store this pattern").click().run()
    assert not at.exception and at.session_state["set"] == "custom"
    stored = at.session_state["custom_set"].patterns
    assert stored.shape == (1, 64)
    assert sorted(np.flatnonzero(stored[0] > 0).tolist()) == [0, 1, 63]


def test_a_restored_network_becomes_the_memory_with_its_rule_and_a_bad_file_changes_nothing() -> (
    None
):
    at = _page()
    digits = hopfield.load_set("digits")
    saved = _network_file(
        hopfield.HopfieldNetwork.train(digits.patterns[:3], "dense-poly", degree=4)
    )
    at.file_uploader(key="network_file").set_value(
        ("foreign.npz", b"PK\x03\x04 not really a zip", "application/zip")
    )
    at.run()
    assert not at.exception
    assert any(
        error.value.startswith("foreign.npz: This is not a readable .npz network file")
        for error in at.error
    )
    assert at.session_state["rule"] == "hebbian" and _metrics(at)["Patterns P"] == "10"

    at.file_uploader(key="network_file").set_value(
        ("three.npz", saved, "application/octet-stream")
    ).run()
    assert not at.exception and not at.error
    _button(at, "Use this network as the memory").click().run()
    assert not at.exception
    assert at.session_state["rule"] == "dense-poly" and at.session_state["degree"] == 4
    assert at.session_state["set"] == "custom" and at.session_state["custom_set"].shape == (10, 9)
    assert _metrics(at)["Patterns P"] == "3"
    assert any("this is the stored memory now" in success.value for success in at.success)


def test_the_pixel_editor_is_built_when_its_drawer_opens_and_can_start_from_a_stored_digit() -> (
    None
):
    at = _page()
    assert not at.dataframe and not [b for b in at.button if b.label == "Add this drawing"]
    at.number_input(key="own_rows").set_value(10)
    at.number_input(key="own_cols").set_value(9)
    at.session_state["own_drawer"] = True  # the person opens "Edit a pattern pixel by pixel"
    at.run()
    assert not at.exception and len(at.dataframe) == 1
    assert at.selectbox(key="own_start").options[:3] == ["An empty grid", "Stored: 0", "Stored: 1"]
    at.selectbox(key="own_start").set_value("stored 1").run()
    _button(at, "Add this drawing").click().run()
    assert "0 uploaded and 1 drawn patterns of 10×9 = 90 neurons" in _captions(at)
    _button(at, "Store this pattern").click().run()
    assert not at.exception and at.session_state["set"] == "custom"
    np.testing.assert_array_equal(
        at.session_state["custom_set"].patterns[0], hopfield.load_set("digits").patterns[1]
    )


def test_the_own_grid_travels_in_the_link_and_a_bad_value_warns() -> None:
    at = _page(own_rows="12", own_cols="20", own_invert="True")
    assert (
        at.number_input(key="own_rows").value == 12 and at.number_input(key="own_cols").value == 20
    )
    assert at.toggle(key="own_invert").value is True
    assert "Nothing to store yet" in _captions(at)
    bad = _page(own_rows="100")
    assert any(
        "own_rows='100' is not valid" in w.value and "8 to 64" in w.value for w in bad.warning
    )
    assert bad.number_input(key="own_rows").value == 16


def test_mnist_weights_reach_the_browser_as_at_most_200_by_200_block_means() -> None:
    at = _page(set="mnist", rule="storkey")
    spec = at.get("plotly_chart")[0].proto.spec
    assert (
        "4×4 blocks" in json.loads(spec)["layout"]["title"]["text"]
    )  # 784 neurons: 196 blocks of 4, seven a row
    assert len(spec) < 300_000  # 856 kB when W was sent as 392 x 392 means of 2 x 2 blocks
    mnist = hopfield.load_set("mnist")
    weights = hopfield.HopfieldNetwork.train(
        mnist.patterns[at.session_state["pick"]], "storkey"
    ).weights
    off_diagonal = np.abs(weights[~np.eye(784, dtype=bool)])
    assert _metrics(at)["max |w_ij|"] == f"{off_diagonal.max():.4g}"
    assert _metrics(at)["mean |w_ij|"] == f"{off_diagonal.mean():.4g}"
