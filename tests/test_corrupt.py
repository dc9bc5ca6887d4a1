"""Noise models: exact counts, reproducible seeds, exact occluded regions, refused levels."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield.corrupt import (
    NOISE_KINDS,
    corrupt,
    flip_count,
    flip_fraction,
    mask,
    occlude,
    salt_pepper,
)
from hopfield.patterns import random_patterns

BATCH = random_patterns(6, 90, seed=1)
RANDOM_KINDS = {"flip": flip_fraction, "salt-pepper": salt_pepper, "mask": mask}


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 60),
    st.data(),
    st.integers(0, 2**32 - 1),
)
def test_flip_count_flips_exactly_count_bits_of_every_state(batch_size, neurons, data, seed):
    count = data.draw(st.integers(0, neurons))
    states = random_patterns(batch_size, neurons, seed=seed)
    noisy = flip_count(states, count, seed=seed)
    assert noisy.dtype == np.int8
    assert noisy.shape == states.shape
    np.testing.assert_array_equal((noisy != states).sum(axis=1), count)


def test_flip_count_picks_different_bits_per_state_and_covers_all_positions():
    states = np.ones((400, 10), dtype=np.int8)
    flipped = flip_count(states, 1, seed=3) == -1
    assert (flipped.sum(axis=1) == 1).all()
    assert (flipped.sum(axis=0) > 0).all()


@pytest.mark.parametrize("function", [flip_fraction, salt_pepper, mask])
def test_same_seed_same_noise_and_input_untouched(function):
    states = BATCH.copy()
    first, second = function(states, 0.3, seed=7), function(states, 0.3, seed=7)
    np.testing.assert_array_equal(first, second)
    assert not np.array_equal(first, function(states, 0.3, seed=8))
    np.testing.assert_array_equal(states, BATCH)
    generator = np.random.default_rng(5)
    np.testing.assert_array_equal(
        function(states, 0.3, seed=generator), function(states, 0.3, seed=5)
    )


def test_flip_fraction_zero_keeps_and_one_flips_every_bit():
    np.testing.assert_array_equal(flip_fraction(BATCH, 0, seed=0), BATCH)
    np.testing.assert_array_equal(flip_fraction(BATCH, 1, seed=0), -BATCH)
    np.testing.assert_array_equal(flip_fraction(BATCH, 1.0), -BATCH)


def test_flip_fraction_flips_about_the_fraction():
    states = np.ones((200, 500), dtype=np.int8)
    flipped = (flip_fraction(states, 0.2, seed=11) == -1).mean()
    assert 0.19 < flipped < 0.21


def test_salt_pepper_changes_about_half_of_the_chosen_bits_to_fair_coins():
    states = np.ones((200, 500), dtype=np.int8)
    noisy = salt_pepper(states, 0.4, seed=2)
    assert 0.18 < (noisy == -1).mean() < 0.22
    np.testing.assert_array_equal(salt_pepper(states, 0, seed=2), states)
    everything = salt_pepper(states, 1, seed=2)
    assert 0.48 < (everything == -1).mean() < 0.52


def test_mask_sets_chosen_bits_to_the_value_only():
    states = np.ones((100, 300), dtype=np.int8)
    masked = mask(states, 0.25, seed=4)
    assert 0.23 < (masked == -1).mean() < 0.27
    np.testing.assert_array_equal(mask(-states, 1, value=1), states)
    np.testing.assert_array_equal(mask(BATCH, 1), -np.ones_like(BATCH))
    np.testing.assert_array_equal(mask(BATCH, 0), BATCH)


def test_occlude_sets_exactly_the_rectangle():
    states = np.ones((2, 20), dtype=np.int8)
    hidden = occlude(states, (4, 5), rows=(1, 3), cols=(2, 4))
    expected = np.ones((4, 5), dtype=np.int8)
    expected[1:3, 2:4] = -1
    np.testing.assert_array_equal(hidden, np.stack([expected.ravel()] * 2))
    np.testing.assert_array_equal(occlude(states, (4, 5), box=(1, 2, 3, 4)), hidden)


def test_occlude_with_rows_only_or_cols_only_spans_the_other_axis():
    state = -np.ones(12, dtype=np.int8)
    by_rows = occlude(state, (3, 4), rows=(2, 3), value=1).reshape(3, 4)
    np.testing.assert_array_equal(by_rows, [[-1] * 4, [-1] * 4, [1] * 4])
    by_cols = occlude(state, (3, 4), cols=(0, 1), value=1).reshape(3, 4)
    np.testing.assert_array_equal(by_cols, [[1, -1, -1, -1]] * 3)
    np.testing.assert_array_equal(occlude(state, (3, 4), rows=(1, 1), value=1), state)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"rows": (0, 5)}, r"rows \(0, 5\)"),
        ({"cols": (3, 2)}, r"cols \(3, 2\)"),
        ({"rows": (-1, 2)}, "rows start"),
        ({"box": (0, 0, 2)}, "box"),
        ({"box": (0, 0, 2, 6)}, "cols"),
        ({"box": (0, 0, 1, 1), "rows": (0, 1)}, "not both"),
        ({}, "rows, cols or box"),
        ({"rows": (0, 1), "value": 0}, "value must be"),
        ({"rows": 2}, "pair"),
    ],
)
def test_occlude_refuses_bounds_outside_the_shape(arguments, message):
    with pytest.raises(ValueError, match=message):
        occlude(np.ones(20), (4, 5), **arguments)


def test_occlude_checks_the_shape_against_the_states():
    with pytest.raises(ValueError, match="neurons"):
        occlude(np.ones(21), (4, 5), rows=(0, 1))
    with pytest.raises(ValueError, match="shape rows"):
        occlude(np.ones(20), (0, 5), rows=(0, 0))


@pytest.mark.parametrize(
    ("kind", "level"),
    [("flip", 0.3), ("flip-count", 5), ("occlude", 0.5), ("salt-pepper", 0.3), ("mask", 0.3)],
)
def test_every_kind_keeps_a_single_state_one_dimensional(kind, level):
    state = BATCH[0]
    noisy = corrupt(state, kind, level, seed=0, shape=(10, 9))
    assert noisy.shape == (90,)
    assert noisy.dtype == np.int8
    assert set(np.unique(noisy)) <= {-1, 1}
    batch = corrupt(BATCH, kind, level, seed=0, shape=(10, 9))
    assert batch.shape == BATCH.shape


def test_corrupt_dispatches_to_the_noise_functions():
    for kind, function in RANDOM_KINDS.items():
        np.testing.assert_array_equal(
            corrupt(BATCH, kind, 0.3, seed=9), function(BATCH, 0.3, seed=9)
        )
    np.testing.assert_array_equal(
        corrupt(BATCH, "flip-count", 7, seed=9), flip_count(BATCH, 7, seed=9)
    )
    assert set(NOISE_KINDS) == {"flip", "flip-count", "occlude", "salt-pepper", "mask"}
    assert all(isinstance(title, str) and title for title in NOISE_KINDS.values())


@pytest.mark.parametrize(
    ("level", "hidden_rows"), [(0, 0), (0.3, 3), (0.25, 3), (0.24, 2), (1, 10)]
)
def test_corrupt_occlude_hides_the_bottom_fraction_of_rows(level, hidden_rows):
    state = np.ones(90, dtype=np.int8)
    image = corrupt(state, "occlude", level, shape=(10, 9)).reshape(10, 9)
    assert (image[: 10 - hidden_rows] == 1).all()
    assert (image[10 - hidden_rows :] == -1).all()


def test_corrupt_occlude_needs_a_shape():
    with pytest.raises(ValueError, match="shape"):
        corrupt(BATCH, "occlude", 0.5)


@pytest.mark.parametrize("kind", ["flip", "occlude", "salt-pepper", "mask"])
@pytest.mark.parametrize("level", [7, -0.1, 1.5, float("nan"), "0.5", None, True])
def test_corrupt_refuses_levels_outside_zero_to_one(kind, level):
    with pytest.raises(ValueError, match="noise level must be a number from 0 to 1, got"):
        corrupt(BATCH, kind, level, shape=(10, 9))


def test_noise_level_message_names_the_value():
    with pytest.raises(ValueError, match=r"^noise level must be a number from 0 to 1, got 7\.$"):
        corrupt(BATCH, "flip", 7)


@pytest.mark.parametrize(
    ("function", "name"), [(flip_fraction, "fraction"), (salt_pepper, "amount"), (mask, "fraction")]
)
def test_functions_name_their_own_level_parameter(function, name):
    with pytest.raises(ValueError, match=f"{name} must be a number from 0 to 1, got 2"):
        function(BATCH, 2)


@pytest.mark.parametrize(
    ("count", "message"), [(-1, "at least 0"), (91, "between 0 and"), (2.0, "whole number")]
)
def test_flip_count_refuses_counts_outside_zero_to_n(count, message):
    with pytest.raises(ValueError, match=message):
        flip_count(BATCH, count)
    with pytest.raises(ValueError, match=message):
        corrupt(BATCH, "flip-count", count)


def test_unknown_kind_lists_the_kinds():
    with pytest.raises(ValueError, match="flip, flip-count, occlude, salt-pepper, mask"):
        corrupt(BATCH, "blur", 0.1)


def test_inputs_in_zero_one_form_are_accepted():
    binary = (BATCH + 1) // 2
    np.testing.assert_array_equal(flip_fraction(binary, 1), -BATCH)
    np.testing.assert_array_equal(flip_count(binary.astype(bool), 0), BATCH)
