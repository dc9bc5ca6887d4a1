"""Pattern validation and conversion: every accepted encoding, every refusal named, seeds reproducible."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield.patterns import as_patterns, as_states, check_count, random_patterns, to_binary

BIPOLAR = np.array([[1, -1, 1, -1], [-1, -1, 1, 1]], dtype=np.int8)
BINARY = (BIPOLAR + 1) // 2  # 0/1 of the same patterns

ACCEPTED = {
    "bool": BINARY.astype(bool),
    "0/1 int": BINARY.astype(np.int64),
    "0/1 uint8": BINARY.astype(np.uint8),
    "±1 int": BIPOLAR.astype(np.int64),
    "±1 int8": BIPOLAR,
    "±1 float": BIPOLAR.astype(np.float64),
    "0/1 float": BINARY.astype(np.float64),
    "0/1 float32": BINARY.astype(np.float32),
    "0/1 nested lists": BINARY.tolist(),
    "±1 nested lists": BIPOLAR.tolist(),
}


@pytest.mark.parametrize("encoding", list(ACCEPTED))
def test_as_patterns_accepts_every_two_value_encoding(encoding):
    result = as_patterns(ACCEPTED[encoding])
    assert result.dtype == np.int8
    np.testing.assert_array_equal(result, BIPOLAR)


@pytest.mark.parametrize("encoding", list(ACCEPTED))
def test_as_states_accepts_every_encoding_batched_and_single(encoding):
    batch, single = as_states(ACCEPTED[encoding], n=4)
    assert not single
    assert batch.dtype == np.int8
    np.testing.assert_array_equal(batch, BIPOLAR)
    one, single = as_states(np.asarray(ACCEPTED[encoding])[1])
    assert single
    assert one.shape == (1, 4)
    np.testing.assert_array_equal(one, BIPOLAR[1:])


def test_all_ones_and_all_zeros_are_read_as_one_value_of_a_code():
    # a constant set is valid: all +1 in either code, all 0 is all -1 in the 0/1 code
    np.testing.assert_array_equal(as_patterns(np.ones((2, 3))), np.ones((2, 3), np.int8))
    np.testing.assert_array_equal(as_patterns(np.zeros((2, 3), int)), -np.ones((2, 3), np.int8))
    np.testing.assert_array_equal(as_patterns(-np.ones((1, 3), int)), -np.ones((1, 3), np.int8))


def test_as_patterns_returns_a_new_array_not_a_view_of_the_input():
    source = BIPOLAR.copy()
    result = as_patterns(source)
    source[0, 0] = -source[0, 0]
    assert result[0, 0] == BIPOLAR[0, 0]


REFUSED = [
    ("NaN", [[1.0, np.nan, 1.0, -1.0]], "NaN or infinite"),
    ("inf", [[1.0, np.inf, 1.0, -1.0]], "NaN or infinite"),
    ("-inf", [[0.0, -np.inf, 1.0, 0.0]], "NaN or infinite"),
    ("a third value 2", [[1, 2, 1, -1]], r"only 0/1 or only ±1 values, got -1, 1, 2"),
    ("a third value 0.5", [[1.0, 0.5, 0.0, 1.0]], r"only 0/1 or only ±1 values, got 0.0, 0.5, 1.0"),
    ("0, 1 and -1 mixed", [[1, 0, -1, 1]], r"only 0/1 or only ±1 values, got -1, 0, 1"),
    ("strings", [["1", "-1", "1", "-1"]], "numeric"),
    ("objects", np.array([[1, -1, None, 1]], dtype=object), "numeric"),
    ("3-D", np.ones((2, 2, 4)), "2-D"),
    ("empty set", np.zeros((0, 4)), "empty"),
    ("no neurons", np.zeros((3, 0)), "empty"),
    ("1-D", [1, -1, 1, -1], "2-D"),
    ("scalar", 1, "2-D"),
]


@pytest.mark.parametrize(
    ("problem", "value", "message"), REFUSED, ids=[case[0] for case in REFUSED]
)
def test_as_patterns_refuses_with_a_sentence_naming_the_problem(problem, value, message):
    with pytest.raises(ValueError, match=message) as error:
        as_patterns(value, name="my patterns")
    assert str(error.value).startswith("my patterns")
    assert str(error.value).endswith(".")


STATE_REFUSED = [case for case in REFUSED if case[0] not in ("1-D", "scalar", "3-D")] + [
    ("3-D", np.ones((2, 2, 4)), r"one state \(N,\) or a batch \(B, N\)"),
    ("scalar", 1, r"one state \(N,\) or a batch \(B, N\)"),
    ("empty state", [], "empty"),
]


@pytest.mark.parametrize(
    ("problem", "value", "message"), STATE_REFUSED, ids=[case[0] for case in STATE_REFUSED]
)
def test_as_states_refuses_with_a_sentence_naming_the_problem(problem, value, message):
    with pytest.raises(ValueError, match=message) as error:
        as_states(value, name="probes")
    assert str(error.value).startswith("probes")


@pytest.mark.parametrize("value", [[1, -1, 1], [[1, -1, 1, -1, 1]], np.zeros((2, 5))])
def test_as_states_refuses_the_wrong_number_of_neurons(value):
    with pytest.raises(ValueError, match=r"probes have \d neurons but the network has 4"):
        as_states(value, n=4, name="probes")


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 6),
    st.integers(1, 30),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["bool", "int", "float"]),
)
def test_to_binary_and_as_patterns_are_inverse(p, n, seed, dtype):
    bipolar = random_patterns(p, n, seed=seed)
    binary = to_binary(bipolar)
    assert binary.dtype == np.uint8
    assert binary.shape == bipolar.shape
    np.testing.assert_array_equal(binary, (bipolar == 1).astype(np.uint8))
    np.testing.assert_array_equal(as_patterns(binary.astype(dtype)), bipolar)
    np.testing.assert_array_equal(to_binary(binary), binary)  # 0/1 in, the same 0/1 out


def test_to_binary_keeps_the_shape_of_one_state():
    assert to_binary([1, -1, -1]).tolist() == [1, 0, 0]
    assert to_binary([True, False]).tolist() == [1, 0]
    with pytest.raises(ValueError, match="only 0/1 or only ±1"):
        to_binary([1, 0, -1])


def test_random_patterns_reproducible_bipolar_int8():
    first = random_patterns(5, 40, seed=7)
    assert first.dtype == np.int8
    assert first.shape == (5, 40)
    assert set(np.unique(first).tolist()) == {-1, 1}
    np.testing.assert_array_equal(first, random_patterns(5, 40, seed=7))
    np.testing.assert_array_equal(first, random_patterns(5, 40, seed=np.random.default_rng(7)))
    assert not np.array_equal(first, random_patterns(5, 40, seed=8))


def test_random_patterns_are_unbiased():
    drawn = random_patterns(100, 1000, seed=0)
    # 100 000 fair ±1 values: the mean has standard deviation 0.0032
    assert abs(drawn.mean()) < 0.015
    # and the neurons are independent: overlaps between patterns ~ N(0, 1/N)
    overlaps = (drawn.astype(float) @ drawn.T.astype(float) / 1000)[np.triu_indices(100, 1)]
    assert abs(overlaps.std() - 1000**-0.5) < 0.005


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 8), st.integers(1, 50), st.integers(0, 2**32 - 1))
def test_random_patterns_only_plus_minus_one_with_any_seed(p, n, seed):
    drawn = random_patterns(p, n, seed)
    assert drawn.shape == (p, n)
    assert np.isin(drawn, (-1, 1)).all()


@pytest.mark.parametrize("value", [0, -1, 2.5, True, False, "3", None, 3.0])
def test_check_count_refuses_non_counts(value):
    with pytest.raises(ValueError, match="^P must be"):
        check_count(value, "P")


def test_check_count_accepts_whole_numbers_and_respects_the_minimum():
    assert check_count(3, "P") == 3
    value = check_count(np.int64(4), "P")
    assert value == 4 and type(value) is int
    assert check_count(0, "max_steps", minimum=0) == 0
    with pytest.raises(ValueError, match="max_steps must be at least 0, got -1"):
        check_count(-1, "max_steps", minimum=0)


@pytest.mark.parametrize(("p", "n"), [(0, 5), (5, 0), (2.0, 5), (True, 5)])
def test_random_patterns_refuses_bad_sizes(p, n):
    with pytest.raises(ValueError, match="must be"):
        random_patterns(p, n, seed=0)
