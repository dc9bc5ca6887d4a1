"""Built-in pattern sets: exact seed digits, shapes, labels, thresholds, read-only arrays."""

import re
from pathlib import Path

import numpy as np
import pytest

from hopfield.datasets import SET_NAMES, PatternSet, load_set, parse_bitmap_blocks

REPO = Path(__file__).resolve().parents[1]
SEED_NOTES = REPO.parent / "shared" / "seeds" / "000_17526833c3e238dd.txt"


def seed_lists(prefix: str) -> dict[int, list[int]]:
    """The `prefix[k] = [0,1,...]` lists typed in the seed notes, parsed with a regex."""
    text = SEED_NOTES.read_text(encoding="utf-8")
    found = re.findall(rf"(?m)^{prefix}\[(\d+)\]\s*=\s*\[([^\]]*)\]", text)
    return {int(index): [int(bit) for bit in re.findall(r"[01]", body)] for index, body in found}


def test_seed_digits_match_the_notes_exactly():
    typed = seed_lists("patterns")
    assert sorted(typed) == list(range(10))
    expected = 2 * np.array([typed[k] for k in range(10)]) - 1
    digits = load_set("digits")
    np.testing.assert_array_equal(digits.patterns, expected)
    assert digits.labels == tuple(str(k) for k in range(10))
    assert digits.shape == (10, 9)
    assert digits.credit == ""


def test_seed_notes_repeat_digits_zero_to_four_in_the_small_set():
    typed, small = seed_lists("patterns"), seed_lists("sd_patterns")
    assert sorted(small) == list(range(5))
    for k in range(5):
        assert small[k] == typed[k]


def test_seed_digit_seven_looks_like_a_seven():
    seven = load_set("digits").patterns[7].reshape(10, 9)
    assert (seven[0] == 1).all()
    diagonal = [seven[row, 9 - row] for row in range(1, 10)]
    assert all(bit == 1 for bit in diagonal)


@pytest.mark.parametrize(
    ("name", "count", "shape"),
    [("digits", 10, (10, 9)), ("mnist", 1000, (28, 28)), ("optdigits", 1797, (8, 8))],
)
def test_set_shapes_and_types(name, count, shape):
    pattern_set = load_set(name)
    assert isinstance(pattern_set, PatternSet)
    assert pattern_set.name == name
    assert pattern_set.title
    assert pattern_set.patterns.shape == (count, shape[0] * shape[1])
    assert pattern_set.patterns.dtype == np.int8
    assert set(np.unique(pattern_set.patterns)) == {-1, 1}
    assert pattern_set.shape == shape
    assert len(pattern_set.labels) == count


@pytest.mark.parametrize("name", SET_NAMES)
def test_patterns_are_read_only(name):
    patterns = load_set(name).patterns
    assert not patterns.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        patterns[0, 0] = 1


@pytest.mark.parametrize("name", SET_NAMES)
def test_sets_are_parsed_once_and_frozen(name):
    pattern_set = load_set(name)
    assert load_set(name) is pattern_set
    with pytest.raises(AttributeError):
        pattern_set.title = "changed"


@pytest.mark.parametrize(
    ("name", "file_name", "threshold"),
    [("mnist", "mnist_1k.npz", 128), ("optdigits", "optdigits_8x8.npz", 8)],
)
def test_npz_sets_threshold_ink_and_label_by_digit_and_rank(name, file_name, threshold):
    with np.load(REPO / "assets" / file_name) as archive:
        images, digits = archive["images"], archive["labels"]
    expected = np.where(images.reshape(len(images), -1) >= threshold, 1, -1)
    pattern_set = load_set(name)
    np.testing.assert_array_equal(pattern_set.patterns, expected)
    for index in (0, 1, len(digits) // 2, len(digits) - 1):
        rank = int(np.sum(digits[: index + 1] == digits[index]))
        assert pattern_set.labels[index] == f"{digits[index]} #{rank}"
    assert "CC BY" in pattern_set.credit


def test_mnist_labels_hold_one_hundred_of_each_digit():
    labels = load_set("mnist").labels
    assert labels[0] == "0 #1"
    assert labels[99] == "0 #100"
    assert labels[-1] == "9 #100"
    assert sorted({label.split(" ")[0] for label in labels}) == [str(d) for d in range(10)]


def test_optdigits_credit_and_first_labels():
    pattern_set = load_set("optdigits")
    assert pattern_set.labels[:11] == tuple(f"{d} #1" for d in range(10)) + ("0 #2",)
    assert "CC BY 4.0" in pattern_set.credit
    assert "CC BY-SA 3.0" in load_set("mnist").credit


@pytest.mark.parametrize("name", ["Digits", "cifar", "", 3, None])
def test_unknown_set_names_are_refused_with_the_list(name):
    with pytest.raises(ValueError, match="digits, mnist, optdigits"):
        load_set(name)


def test_bitmap_parser_reads_blocks_and_skips_comments():
    bitmaps = parse_bitmap_blocks("# header\n\n# a\n10\n01\n\n\n# b\n11\n00\n")
    np.testing.assert_array_equal(bitmaps, [[[1, 0], [0, 1]], [[1, 1], [0, 0]]])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10\n0x\n", "only '0' and '1'"),
        ("10\n01\n\n1\n0\n", "same rows and columns"),
        ("# nothing\n", "no blocks"),
    ],
)
def test_bitmap_parser_refuses_malformed_text(text, message):
    with pytest.raises(ValueError, match=message):
        parse_bitmap_blocks(text)
