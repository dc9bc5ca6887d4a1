"""Tests for the Store page's helpers without Streamlit: ui/own_patterns.py (uploads decoded once per session, the
pixel editor's first grid, the collection to store), ui/store_notes.py (what the page says about the load) and the
network file helpers of ui/uploads.py. A plain dict stands in for st.session_state."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
import pytest
from PIL import Image

import hopfield
from hopfield.text import text_patterns
from ui import own_patterns as own
from ui import store_notes, uploads


@dataclass
class FakeUpload:
    """What st.file_uploader hands over: a file id, a name and the bytes (reads counted)."""

    file_id: str
    name: str
    data: bytes
    reads: list[int] = field(default_factory=list)

    def getvalue(self) -> bytes:
        self.reads.append(1)
        return self.data


def _png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels.astype(np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()


def _square() -> bytes:
    pixels = np.full((16, 16), 255)
    pixels[:8, :8] = 0
    return _png(pixels)


def test_images_are_decoded_once_per_upload_grid_and_ink_setting() -> None:
    session: dict = {}
    good, bad = (
        FakeUpload("a", "square.png", _square()),
        FakeUpload("b", "notes.png", b"not an image"),
    )
    first = own.decoded_images(session, [good, bad], (4, 4), False)
    assert (
        first.labels == ("square",) and first.patterns.shape == (1, 16) and len(first.errors) == 1
    )
    assert first.errors[0].startswith("notes.png: ") and not first.patterns.flags.writeable
    np.testing.assert_array_equal(
        first.patterns[0].reshape(4, 4)[:2, :2], np.ones((2, 2))
    )  # the dark quarter
    assert own.decoded_images(session, [good, bad], (4, 4), False) is first and len(good.reads) == 1
    inverted = own.decoded_images(session, [good, bad], (4, 4), True)
    np.testing.assert_array_equal(inverted.patterns, -first.patterns)
    assert own.decoded_images(session, [], (4, 4), True).patterns.shape == (0, 16)


def test_a_network_upload_is_read_once_and_a_bad_one_becomes_a_sentence() -> None:
    session: dict = {}
    net = hopfield.HopfieldNetwork.train(hopfield.load_set("digits").patterns[:3], "storkey")
    upload = FakeUpload("n1", "three.npz", uploads.network_file(net))
    loaded = own.decoded_network(session, upload)
    assert (
        isinstance(loaded, hopfield.HopfieldNetwork)
        and loaded.rule == "storkey"
        and loaded.memorised == 3
    )
    assert own.decoded_network(session, upload) is loaded and len(upload.reads) == 1
    refused = own.decoded_network(session, FakeUpload("n2", "empty.npz", b""))
    assert refused == "The file is empty (0 bytes)."
    too_sharp = FakeUpload(
        "n3",
        "sharp.npz",
        uploads.network_file(
            hopfield.HopfieldNetwork.train(np.ones((1, 4)), "dense-poly", degree=20)
        ),
    )
    assert "outside the range the app offers" in own.decoded_network(
        session, too_sharp
    )  # the slider stops at 10


def test_the_editor_starts_blank_from_an_upload_or_from_a_stored_pattern() -> None:
    titles = own.start_titles(["square"], ["0", "1"])
    assert titles == {
        "blank": "An empty grid",
        "upload 0": "Upload: square",
        "stored 0": "Stored: 0",
        "stored 1": "Stored: 1",
    }
    uploaded = np.array([[1, -1, -1, 1]], np.int8)
    stored = np.array([[-1, -1, -1, -1], [1, 1, -1, -1]], np.int8)
    assert not own.start_grid("blank", uploaded, stored, (2, 2)).any()
    np.testing.assert_array_equal(
        own.start_grid("upload 0", uploaded, stored, (2, 2)), [[True, False], [False, True]]
    )
    np.testing.assert_array_equal(
        own.start_grid("stored 1", uploaded, stored, (2, 2)), [[True, True], [False, False]]
    )


def test_a_drawing_under_way_is_an_editor_key_in_the_session() -> None:
    assert not own.drawing_under_way({"own_drawer": True, "own_rows": 8})
    assert own.drawing_under_way({"own_draw_8x8_blank_0": {"edited_rows": {}}})


def test_the_collection_holds_uploads_then_drawings_of_the_grid_size() -> None:
    session: dict = {}
    own.add_drawing(session, (2, 2), np.array([1, 1, -1, -1]))
    own.add_drawing(session, (3, 3), -np.ones(9))
    own.add_drawing(session, (2, 2), np.array([-1, 1, -1, 1]))
    uploaded = own.Uploaded(np.array([[1, -1, 1, -1]], np.int8), ("up",), ())
    collection = own.collect(uploaded, session[own.DRAWN], (2, 2))
    assert collection.labels == ("up", "drawn 1", "drawn 3")
    np.testing.assert_array_equal(
        collection.patterns, [[1, -1, 1, -1], [1, 1, -1, -1], [-1, 1, -1, 1]]
    )
    assert (collection.uploaded, collection.drawn, collection.set_aside) == (1, 2, 1)
    assert collection.summary == (
        "Ready to store: 1 uploaded and 2 drawn patterns of 2×2 = 4 neurons. "
        "1 drawings of another grid size are set aside."
    )
    assert collection.store_label == "Store these 3 patterns"
    stored = collection.pattern_set()
    assert (stored.name, stored.title, stored.shape, stored.labels) == (
        "custom",
        "Your own patterns",
        (2, 2),
        collection.labels,
    )
    own.clear_drawings(session)
    empty = own.collect(own.Uploaded(np.zeros((0, 4), np.int8), (), ()), session[own.DRAWN], (2, 2))
    assert (
        empty.patterns.shape == (0, 4)
        and empty.summary == "Nothing to store yet: upload images or add a drawing."
    )


def test_the_collection_is_cut_to_the_most_patterns_a_set_may_hold() -> None:
    many = np.ones((uploads.MAX_PATTERNS, 4), np.int8)
    uploaded = own.Uploaded(many, tuple(f"u{k}" for k in range(uploads.MAX_PATTERNS)), ())
    collection = own.collect(uploaded, [((2, 2), -np.ones(4), "drawn 1")], (2, 2))
    assert len(collection.labels) == uploads.MAX_PATTERNS == collection.patterns.shape[0]
    assert (
        collection.drawn == 1
        and collection.store_label == f"Store these {uploads.MAX_PATTERNS} patterns"
    )


def test_a_restored_network_becomes_a_custom_set_labelled_by_index() -> None:
    net = hopfield.HopfieldNetwork.train(np.array([[1, -1, 1, -1], [1, 1, -1, -1]]))
    restored = own.network_set(net, "two.npz", (2, 2))
    assert (restored.title, restored.labels, restored.shape) == (
        "Network from two.npz",
        ("#0", "#1"),
        (2, 2),
    )
    described = uploads.describe_network("two.npz", net, (2, 2))
    assert described == "two.npz: 2 patterns of 4 neurons (drawn 2×2), Hebbian rule"
    again = hopfield.load(uploads.network_file(net))
    np.testing.assert_array_equal(again.patterns, net.patterns)


@pytest.mark.parametrize(
    ("capacity", "words"),
    [
        (12.42, "about 12.4 patterns at N = 90"),
        (
            2.5e9,
            "about $2.5 \\times 10^{9}$ patterns at N = 90: astronomically more than any set here",
        ),
        (float("inf"), "more than 10³⁰⁸ patterns at N = 90: no realistic set comes close"),
    ],
)
def test_capacity_in_words(capacity: float, words: str) -> None:
    assert store_notes.capacity_words(capacity, 90) == words


def test_the_load_and_stability_sentences_and_the_grid_layout() -> None:
    assert store_notes.load_sentence("Hebbian", 12.42, 90, 10, 10 / 12.42).endswith(
        "a load of P/P_max = 0.805."
    )
    assert store_notes.load_sentence("Modern", 1e40, 90, 10, 1e-39).endswith(
        "P/P_max = effectively zero."
    )
    assert store_notes.stability_sentence(10, 10, "Dense").endswith(
        ": each one is a valley of its own."
    )
    assert store_notes.stability_sentence(0, 10, "Hebbian").startswith(
        "0 of 10 stored patterns are fixed points of the Hebbian update"
    )
    assert store_notes.grid_layout(10) == {"columns": 5, "side_px": 160}
    assert store_notes.grid_layout(11) == {"columns": 10, "side_px": 120}


def test_typed_letters_become_drawings_labelled_by_their_character() -> None:
    session: dict = {}
    assert own.add_text(session, (10, 9), "Hi 7") is None
    drawn = session[own.DRAWN]
    assert [label for _, _, label in drawn] == ["H", "i", "7"] and {
        shape for shape, _, _ in drawn
    } == {(10, 9)}
    np.testing.assert_array_equal(drawn[1][1], text_patterns("i", (10, 9))[0][0])
    own.add_drawing(session, (10, 9), -np.ones(90))
    assert session[own.DRAWN][-1][2] == "drawn 4"
    assert (
        own.add_text(session, (10, 9), "  ")
        == "Type at least one letter, digit or sign (spaces are skipped)."
    )
    assert own.add_text(session, (10, 9), "A中").startswith("Pillow's built-in font has no glyph")
    assert len(session[own.DRAWN]) == 4  # nothing added on a refusal


def test_the_drawings_kept_in_a_session_are_bounded() -> None:
    """Typing letters again and again cannot grow the session without end: a set holds MAX_PATTERNS patterns."""
    from ui import uploads

    session: dict = {}
    while own.add_text(session, (8, 8), "ABCDEFGHIJ") is None:
        pass
    assert len(session[own.DRAWN]) <= uploads.MAX_PATTERNS
    assert "at most" in own.add_text(session, (8, 8), "ABCDEFGHIJ")
    for _ in range(3):
        own.add_drawing(session, (8, 8), np.ones(64, np.int8))
    assert len(session[own.DRAWN]) <= uploads.MAX_PATTERNS
