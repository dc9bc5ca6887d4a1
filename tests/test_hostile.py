"""Hostile input for the engine and the ui helpers: only ValueError with a sentence ever escapes.

Uploads go through `ui.uploads` (what the Store page calls); link values through the parsers of
`ui.link`; the engine's public functions get garbage arrays and arguments from hypothesis.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import hopfield
from hopfield import analysis, linkcode
from tests import hostile_files
from ui import link, uploads

SHAPE = (8, 8)
DIGITS = hopfield.load_set("digits")
HYPOTHESIS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sentence(message: str) -> None:
    """A plain sentence: words, not a bare exception name or an empty string."""
    assert len(message) >= 15 and " " in message, message
    assert "Traceback" not in message


def _only_value_error(call: Callable[[], object]) -> object:
    """Run `call`; a ValueError (with a sentence) is fine, any other exception fails the test."""
    try:
        return call()
    except ValueError as error:
        if str(error):
            _sentence(str(error))
        return error


# ---------------------------------------------------------------- uploads (the Store page's functions)


@pytest.mark.parametrize(
    ("name", "file_name", "build", "refused"),
    hostile_files.IMAGE_CASES,
    ids=[case[0] for case in hostile_files.IMAGE_CASES],
)
def test_image_upload(name: str, file_name: str, build: Callable[[], bytes], refused: bool) -> None:
    good = ("good.png", hostile_files.good_png())
    patterns, labels, errors = uploads.patterns_from_uploads([good, (file_name, build())], SHAPE)
    if refused:
        assert len(errors) == 1 and errors[0].startswith(f"{file_name}: "), errors
        _sentence(errors[0])
        assert labels == ["good"] and patterns.shape == (1, 64)
    else:
        assert errors == [], errors
        assert labels == ["good", file_name.rsplit(".", 1)[0]]
        assert patterns.shape == (2, 64) and patterns.dtype == np.int8
        assert set(np.unique(patterns)) <= {-1, 1}


def test_image_upload_content_is_read_the_way_a_person_expects() -> None:
    """The odd-but-valid images still show their bar: alpha ink, 16-bit, CMYK and the GIF's first frame."""
    reference = hopfield.image_to_pattern(hostile_files.good_png(), SHAPE)
    for build in (
        hostile_files.png_alpha,
        hostile_files.png_16_bit,
        hostile_files.cmyk_jpeg,
        hostile_files.animated_gif,
    ):
        pattern = hopfield.image_to_pattern(build(), SHAPE)
        assert (pattern == reference).mean() >= 0.9, build.__name__


def test_image_upload_over_the_size_limit_is_refused_before_decoding() -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(uploads.MAX_IMAGE_BYTES + 1)
    patterns, _, errors = uploads.patterns_from_uploads([("huge.png", data)], SHAPE)
    assert patterns.shape == (0, 64) and len(errors) == 1 and "MiB" in errors[0]


@pytest.mark.parametrize(
    ("name", "build", "refused"),
    hostile_files.NETWORK_CASES,
    ids=[case[0] for case in hostile_files.NETWORK_CASES],
)
def test_network_upload(name: str, build: Callable[[], bytes], refused: bool) -> None:
    hostile_files.PICKLE_MARKER.unlink(missing_ok=True)
    ranges = {
        name: spec.slider for rule in hopfield.RULES.values() for name, spec in rule.params.items()
    }
    if refused:
        with pytest.raises(ValueError) as caught:
            uploads.network_from_upload(build(), ranges)
        _sentence(str(caught.value))
    else:
        network = uploads.network_from_upload(build(), ranges)
        assert network.n == 16 and network.memorised == 5 and network.rule == "storkey"
        assert uploads.grid_shape(network.n, (10, 9)) == (4, 4)
    assert not hostile_files.PICKLE_MARKER.exists(), "a pickled object in an upload was unpickled"


# ---------------------------------------------------------------- link values (ui.link parsers)

BAD_INTS = [
    "",
    " ",
    "abc",
    "-5",
    "1e3",
    "10" + "0" * 30,
    "1.5",
    "0x10",
    "٣" * 5000,
    "nan",
    "None",
    "[1]",
    "5,6",
]


@pytest.mark.parametrize("raw", BAD_INTS, ids=[repr(raw[:12]) for raw in BAD_INTS])
def test_parse_int_refuses_with_value_error(raw: str) -> None:
    with pytest.raises(ValueError):
        link.parse_int(raw, 0, 500)


@pytest.mark.parametrize(
    "raw", ["nan", "inf", "-inf", "1e400", "-0.5", "7", "", "abc", "0.5,0.6", "٠.٥x"]
)
def test_parse_float_refuses_with_value_error(raw: str) -> None:
    with pytest.raises(ValueError):
        link.parse_float(raw, 0.0, 1.0)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        ",",
        "a,b",
        "-5",
        "3-1",
        "0-99999",
        "10",
        "0,,1",
        "1-2-3",
        "0.5",
        "0-" + "9" * 5000,
        "数字",
    ],
)
def test_parse_picks_refuses_with_value_error(raw: str) -> None:
    with pytest.raises(ValueError):
        link.parse_picks(raw, 10)


def test_repeated_keys_and_lists_as_text() -> None:
    """A link like ?pick=0&pick=3 reaches the app as the last value; "a,b" lists parse only when valid."""
    assert link.parse_picks("0,3", 10) == [0, 3]
    assert link.parse_picks("0-2, 7", 10) == [0, 1, 2, 7]
    parse = link.parse_choice(["digits", "mnist"])
    for raw in ("digits,mnist", "hébbian", "数字", "x" * 10_000):
        with pytest.raises(ValueError):
            parse(raw)


@given(st.text(max_size=60))
@HYPOTHESIS
def test_link_parsers_raise_only_value_error(raw: str) -> None:
    for parse in (
        lambda r: link.parse_int(r, 0, 500),
        lambda r: link.parse_float(r, 0.0, 1.0),
        lambda r: link.parse_picks(r, 10),
        link.parse_choice(list(hopfield.RULES)),
    ):
        try:
            parse(raw)
        except ValueError:
            pass


@given(st.lists(st.integers(0, 499), min_size=1, max_size=40))
@HYPOTHESIS
def test_format_and_parse_picks_round_trip(picks: list[int]) -> None:
    assert link.parse_picks(link.format_picks(picks), 500) == sorted(set(picks))


# ---------------------------------------------------------------- the engine under hypothesis

DTYPES = st.one_of(
    hnp.floating_dtypes(),
    hnp.integer_dtypes(),
    hnp.unsigned_integer_dtypes(),
    hnp.boolean_dtypes(),
    hnp.complex_number_dtypes(),
    hnp.unicode_string_dtypes(max_len=3),
    hnp.timedelta64_dtypes(),
)
SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=7)
GARBAGE_ARRAYS = hnp.arrays(DTYPES, SHAPES)
# nearly valid: mostly ±1 or 0/1 with a few third values, NaN, infinities, huge and tiny numbers
NEAR_VALUES = st.sampled_from(
    [-1.0, 1.0, 0.0, 2.0, 0.5, math.nan, math.inf, -math.inf, 1e308, -1e308, 1e-300]
)
NEAR_ARRAYS = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=9),
    elements=NEAR_VALUES,
)
VALID_ARRAYS = hnp.arrays(
    np.int8,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=9),
    elements=st.sampled_from([-1, 1]),
)
OBJECTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.binary(max_size=8),
    st.lists(st.integers(-2, 2), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.integers(), st.text(max_size=2)),
)
ANY_INPUT = st.one_of(
    GARBAGE_ARRAYS, NEAR_ARRAYS, VALID_ARRAYS, OBJECTS, st.lists(OBJECTS, max_size=4)
)
SCALARS = st.one_of(
    OBJECTS, st.sampled_from([np.float64("nan"), np.int64(-3), np.float32(1e38), 10**400])
)


def _small_nets() -> dict[str, hopfield.HopfieldNetwork]:
    patterns = hopfield.random_patterns(3, 6, seed=0)
    return {rule: hopfield.HopfieldNetwork.train(patterns, rule) for rule in hopfield.RULES}


NETS = _small_nets()


@given(ANY_INPUT)
@HYPOTHESIS
def test_pattern_validation_raises_only_value_error(values: object) -> None:
    for call in (
        lambda: hopfield.as_patterns(values),
        lambda: hopfield.as_states(values),
        lambda: hopfield.as_states(values, n=6),
        lambda: hopfield.to_binary(values),
    ):
        result = _only_value_error(call)
        if isinstance(result, np.ndarray):
            assert result.dtype in (np.int8, np.uint8)


@given(ANY_INPUT, st.sampled_from(list(hopfield.RULES)))
@HYPOTHESIS
def test_train_on_garbage_raises_only_value_error(values: object, rule: str) -> None:
    net = _only_value_error(lambda: hopfield.HopfieldNetwork.train(values, rule))
    if isinstance(net, hopfield.HopfieldNetwork):
        assert set(np.unique(net.patterns)) <= {-1, 1}


@given(ANY_INPUT, st.sampled_from(list(hopfield.RULES)), st.sampled_from(hopfield.MODES))
@HYPOTHESIS
def test_recall_and_energy_of_garbage_raise_only_value_error(
    probes: object, rule: str, mode: str
) -> None:
    net = NETS[rule]
    result = _only_value_error(lambda: net.recall(probes, mode, max_steps=5, seed=0))
    if isinstance(result, hopfield.RecallResult):
        assert set(np.unique(result.states)) <= {-1, 1}
    _only_value_error(lambda: net.energy(probes))


@given(ANY_INPUT, st.sampled_from(list(hopfield.NOISE_KINDS)), st.floats(0, 1))
@HYPOTHESIS
def test_corrupt_garbage_states_raises_only_value_error(
    states: object, kind: str, level: float
) -> None:
    _only_value_error(lambda: hopfield.corrupt(states, kind, level, seed=0, shape=(2, 3)))


@given(ANY_INPUT)
@HYPOTHESIS
def test_analysis_of_garbage_raises_only_value_error(states: object) -> None:
    patterns = NETS["hebbian"].patterns
    for call in (
        lambda: analysis.overlaps(patterns, states),
        lambda: analysis.hamming(patterns, states),
        lambda: analysis.classify(patterns, states),
        lambda: analysis.correlation_matrix(states),
        lambda: analysis.overlaps(states, patterns[0]),
        lambda: analysis.classify(states, patterns),
    ):
        _only_value_error(call)


@given(ANY_INPUT, SCALARS)
@HYPOTHESIS
def test_images_and_weights_from_garbage_raise_only_value_error(
    values: object, scale: object
) -> None:
    _only_value_error(lambda: hopfield.pattern_to_image(values, (2, 3)))
    _only_value_error(
        lambda: hopfield.pattern_to_image(NETS["hebbian"].patterns[0], (2, 3), scale=scale)
    )
    _only_value_error(lambda: hopfield.HopfieldNetwork.from_weights(values))


@given(
    st.one_of(
        st.binary(max_size=300),
        st.just(hostile_files.truncated_png()),
        st.just(hostile_files.good_png()),
    ),
    st.integers(0, 400),
)
@HYPOTHESIS
def test_image_to_pattern_on_garbage_bytes_raises_only_value_error(data: bytes, cut: int) -> None:
    for chunk in (data, data[:cut], data[cut:]):
        result = _only_value_error(lambda chunk=chunk: hopfield.image_to_pattern(chunk, SHAPE))
        if isinstance(result, np.ndarray):
            assert result.shape == (64,)


@given(
    st.one_of(st.binary(max_size=300), st.just(hostile_files.other_size_network())),
    st.integers(0, 3000),
)
@HYPOTHESIS
def test_load_of_garbage_bytes_raises_only_value_error(data: bytes, cut: int) -> None:
    for chunk in (data, data[:cut]):
        _only_value_error(lambda chunk=chunk: hopfield.load(chunk))


# ---------------------------------------------------------------- bad keyword arguments


@given(SCALARS, SCALARS)
@HYPOTHESIS
def test_image_to_pattern_bad_kwargs(shape_value: object, threshold: object) -> None:
    good = hostile_files.good_png()
    _only_value_error(lambda: hopfield.image_to_pattern(good, (shape_value, 4)))
    _only_value_error(lambda: hopfield.image_to_pattern(good, shape_value))
    _only_value_error(lambda: hopfield.image_to_pattern(good, SHAPE, threshold=threshold))
    _only_value_error(lambda: hopfield.image_to_pattern(shape_value, SHAPE))


@given(SCALARS, st.sampled_from(list(hopfield.RULES)))
@HYPOTHESIS
def test_train_bad_parameter_values(value: object, rule: str) -> None:
    patterns = DIGITS.patterns[:3]
    for name in ("damping", "degree", "beta", "bogus"):
        net = _only_value_error(
            lambda name=name: hopfield.HopfieldNetwork.train(patterns, rule, **{name: value})
        )
        if isinstance(net, hopfield.HopfieldNetwork):
            result = net.recall(patterns[0], net.modes[0], max_steps=5)
            assert set(np.unique(result.states)) <= {-1, 1}


@given(SCALARS)
@HYPOTHESIS
def test_train_bad_rule_name(rule: object) -> None:
    _only_value_error(lambda: hopfield.HopfieldNetwork.train(DIGITS.patterns[:3], rule))
    _only_value_error(lambda: hopfield.get_rule(rule))
    _only_value_error(lambda: hopfield.load_set(rule))


@given(SCALARS)
@HYPOTHESIS
def test_train_bad_memory_budget(budget: object) -> None:
    _only_value_error(
        lambda: hopfield.HopfieldNetwork.train(DIGITS.patterns[:3], "hebbian", budget)
    )


@given(SCALARS, SCALARS, SCALARS, st.sampled_from(list(hopfield.RULES)))
@HYPOTHESIS
def test_recall_bad_kwargs(mode: object, steps: object, temperature: object, rule: str) -> None:
    net, probe = NETS[rule], NETS[rule].patterns[0]
    _only_value_error(lambda: net.recall(probe, mode))
    _only_value_error(
        lambda: net.recall(
            probe, net.modes[0], max_steps=steps if not isinstance(steps, int) else 3
        )
    )
    _only_value_error(
        lambda: net.recall(probe, net.modes[-1], max_steps=3, temperature=temperature, seed=0)
    )
    _only_value_error(lambda: net.recall(probe, net.modes[0], max_steps=3, record=mode))


@given(SCALARS, SCALARS, st.sampled_from(list(hopfield.NOISE_KINDS)))
@HYPOTHESIS
def test_corrupt_bad_kwargs(level: object, shape_value: object, kind: str) -> None:
    probe = DIGITS.patterns[0]
    _only_value_error(lambda: hopfield.corrupt(probe, kind, level, seed=0, shape=DIGITS.shape))
    _only_value_error(lambda: hopfield.corrupt(probe, level, 0.1, seed=0, shape=DIGITS.shape))
    _only_value_error(lambda: hopfield.corrupt(probe, kind, 0.1, seed=0, shape=shape_value))
    _only_value_error(lambda: hopfield.corrupt(probe, kind, 0.1, seed=0, shape=(shape_value, 9)))


@given(SCALARS)
@HYPOTHESIS
def test_bad_seeds(seed: object) -> None:
    """A seed is an int >= 0, None or a Generator: anything else is a ValueError, never a TypeError."""
    probe = DIGITS.patterns[0]
    _only_value_error(lambda: hopfield.corrupt(probe, "flip", 0.1, seed=seed))
    _only_value_error(
        lambda: NETS["hebbian"].recall(NETS["hebbian"].patterns[0], "async", max_steps=3, seed=seed)
    )
    _only_value_error(lambda: hopfield.random_patterns(2, 4, seed=seed))


@given(SCALARS, SCALARS)
@HYPOTHESIS
def test_random_patterns_and_describe_bad_kwargs(count: object, labels: object) -> None:
    _only_value_error(lambda: hopfield.random_patterns(count, 4, seed=0))
    _only_value_error(lambda: hopfield.random_patterns(2, count, seed=0))
    _only_value_error(
        lambda: analysis.classify(DIGITS.patterns[:3], DIGITS.patterns[:2], targets=count)
    )
    _only_value_error(
        lambda: analysis.describe(DIGITS.patterns[:3], DIGITS.patterns[0], labels=labels)
    )


@pytest.mark.parametrize("value", [10**6, 10**12])
def test_enormous_sizes_are_refused_before_allocating(value: int) -> None:
    """Sizes no machine holds give a sentence, not a MemoryError after trying."""
    with pytest.raises(ValueError):
        hopfield.image_to_pattern(hostile_files.good_png(), (value, value))
    with pytest.raises(ValueError):
        hopfield.pattern_to_image(DIGITS.patterns[0], DIGITS.shape, scale=value)
    with pytest.raises(ValueError):
        hopfield.random_patterns(value, value, seed=0)


# ---------------------------------------------------------------- own patterns in the link (hopfield.linkcode)


_LINKED_SET = linkcode.encode_set(DIGITS.patterns[:3], DIGITS.shape, DIGITS.labels[:3])


@given(
    st.text(max_size=300)
    | st.text(
        alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", max_size=300
    )
)
@HYPOTHESIS
def test_link_pattern_data_raises_only_value_error(raw: str) -> None:
    _only_value_error(lambda: linkcode.decode_set(raw))


@given(
    st.integers(0, len(_LINKED_SET)),
    st.integers(0, len(_LINKED_SET) - 1),
    st.sampled_from("A_-z09"),
)
@HYPOTHESIS
def test_cut_or_altered_link_pattern_data_raises_only_value_error(
    cut: int, where: int, char: str
) -> None:
    """A link cut anywhere or with one character changed: a sentence, or a valid set of the declared size."""
    for text in (_LINKED_SET[:cut], _LINKED_SET[:where] + char + _LINKED_SET[where + 1 :]):
        decoded = _only_value_error(lambda text=text: linkcode.decode_set(text))
        if not isinstance(decoded, ValueError):
            assert decoded.patterns.shape == (
                len(decoded.labels),
                decoded.shape[0] * decoded.shape[1],
            )


def test_oversized_link_pattern_data_is_refused_before_decoding() -> None:
    with pytest.raises(ValueError, match="characters long"):
        linkcode.decode_set("A" * 10_000_000)


@pytest.mark.parametrize(
    "call",
    [
        lambda x: hopfield.real_probe(x, 0, ["box"], (4, 4)),
        lambda x: hopfield.real_probe(x, 0, "box", None),
        lambda x: hopfield.linkcode.encode_set(np.ones((2, 4)), None, ["a", "b"]),
        lambda x: hopfield.linkcode.encode_set(np.ones((2, 4)), (2, 2), None),
        lambda x: hopfield.analysis.log_betas("a"),
        lambda x: hopfield.analysis.phase_diagram(20, {1: 2}, [0.1]),
        lambda x: hopfield.analysis.beta_sweep(x, x[:1], x[:1], {1: 2}),
        lambda x: hopfield.HopfieldNetwork.train(x, "modern", beta=10**400),
    ],
    ids=[
        "probe kind list",
        "probe shape None",
        "link shape None",
        "link labels None",
        "beta range text",
        "phase grid dict",
        "beta grid dict",
        "huge beta",
    ],
)
def test_garbage_in_the_newer_engine_calls_is_a_sentence(call) -> None:
    """Each bad argument once raised TypeError or OverflowError; every one is now a ValueError with a sentence."""
    with pytest.raises(ValueError):
        call(np.random.default_rng(0).standard_normal((3, 16)))
