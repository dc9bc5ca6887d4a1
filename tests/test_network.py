"""HopfieldNetwork: immutability, recall of stored patterns for every rule, argument checks,
the memory guard, save/load round trips and refusals, from_weights, capacity bookkeeping."""

import dataclasses
import io
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hopfield
from hopfield.network import MEMORY_BUDGET, HopfieldNetwork, check_memory, load
from hopfield.patterns import random_patterns, to_binary
from hopfield.rules import RULES

PATTERNS = random_patterns(3, 64, seed=21)
RULE_MODES = [(rule, mode) for rule, spec in RULES.items() for mode in spec.modes]


@pytest.fixture(scope="module")
def nets():
    return {rule: HopfieldNetwork.train(PATTERNS, rule) for rule in RULES}


@pytest.mark.parametrize("rule", list(RULES))
def test_trained_network_is_immutable_with_read_only_arrays(nets, rule):
    net = nets[rule]
    arrays = [net.patterns, net.weights] + ([net.couplings] if net.couplings is not None else [])
    for array in arrays:
        assert not array.flags.writeable
        with pytest.raises(ValueError, match="read-only"):
            array[0, 0] = 0
    for name in ("patterns", "rule", "params", "couplings", "scale", "weights"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(net, name, None)
    with pytest.raises(TypeError):
        net.params["beta"] = 1.0
    np.testing.assert_array_equal(net.patterns, PATTERNS)
    assert net.patterns.dtype == np.int8


def test_training_copies_its_input():
    source = PATTERNS.copy()
    net = HopfieldNetwork.train(source)
    source[:] = 1
    np.testing.assert_array_equal(net.patterns, PATTERNS)


@pytest.mark.parametrize("rule", ["dense-poly", "dense-exp", "modern"])
def test_dense_and_modern_weights_are_the_hebbian_matrix_for_display(nets, rule):
    np.testing.assert_array_equal(nets[rule].weights, nets["hebbian"].weights)
    assert nets[rule].weights.dtype == np.float64
    assert nets[rule].couplings is None


@pytest.mark.parametrize(("rule", "mode"), RULE_MODES, ids=[f"{r}-{m}" for r, m in RULE_MODES])
def test_recall_of_a_stored_pattern_returns_it(nets, rule, mode):
    result = nets[rule].recall(PATTERNS, mode=mode, seed=0)
    np.testing.assert_array_equal(result.states, PATTERNS)
    assert result.converged.all()
    assert not result.cycled.any()
    if (
        rule != "modern"
    ):  # the modern state is real-valued: it settles near ±1 in a few steps, signs unchanged
        np.testing.assert_array_equal(result.steps, 0)


@pytest.mark.parametrize("rule", list(RULES))
def test_recall_corrects_a_few_flipped_bits(nets, rule):
    probes = PATTERNS.copy()
    probes[:, :5] *= -1
    result = nets[rule].recall(probes, mode="sync")
    np.testing.assert_array_equal(result.states, PATTERNS)


@pytest.mark.parametrize("rule", list(RULES))
def test_a_one_dimensional_probe_gives_a_batch_of_one(nets, rule):
    result = nets[rule].recall(PATTERNS[1], record=True)
    assert result.states.shape == (1, 64)
    assert result.steps.shape == result.converged.shape == result.cycled.shape == (1,)
    assert result.trajectory.shape[1:] == (1, 64)
    assert result.energies.shape[1] == 1
    np.testing.assert_array_equal(result.states[0], PATTERNS[1])
    assert nets[rule].energy(PATTERNS[1]).shape == (1,)


def test_recall_accepts_0_1_probes(nets):
    net = nets["hebbian"]
    np.testing.assert_array_equal(
        net.recall(to_binary(PATTERNS)).states, net.recall(PATTERNS).states
    )
    np.testing.assert_array_equal(
        net.energy(to_binary(PATTERNS).astype(bool)), net.energy(PATTERNS)
    )


TRAIN_ERRORS = [
    ({"rule": "nope"}, r"Unknown learning rule 'nope'; choose one of hebbian, storkey"),
    (
        {"rule": "hebbian", "damping": 0.1},
        r"The hebbian rule takes no parameter damping; it takes: none",
    ),
    ({"rule": "storkey", "beta": 2.0}, "takes no parameter beta"),
    ({"rule": "dense-poly", "degree": 1}, "degree must be a whole number from 2 to 20, got 1"),
    ({"rule": "dense-poly", "degree": 2.5}, "degree must be a whole number"),
    ({"rule": "dense-poly", "degree": True}, "degree must be a whole number"),
    ({"rule": "modern", "beta": 0}, "beta must be a number > 0, got 0"),
    ({"rule": "modern", "beta": float("nan")}, "beta must be a number > 0"),
    ({"rule": "pseudoinverse", "damping": -1.0}, "damping must be a number >= 0, got -1.0"),
    ({"rule": "pseudoinverse", "damping": "0.1"}, "damping must be a number >= 0"),
]


@pytest.mark.parametrize(("kwargs", "message"), TRAIN_ERRORS, ids=[m[:30] for _, m in TRAIN_ERRORS])
def test_train_refuses_bad_arguments_with_a_sentence(kwargs, message):
    with pytest.raises(ValueError, match=message):
        HopfieldNetwork.train(PATTERNS, **kwargs)


RECALL_ERRORS = [
    (
        "hebbian",
        {"mode": "fast"},
        r"Unknown or unsupported mode 'fast' for the hebbian rule; choose one of sync",
    ),
    (
        "modern",
        {"mode": "stochastic"},
        r"unsupported mode 'stochastic' for the modern rule; choose one of sync\.",
    ),
    ("modern", {"mode": "async"}, "unsupported mode 'async' for the modern rule"),
    ("dense-poly", {"mode": "stochastic"}, "unsupported mode 'stochastic' for the dense-poly rule"),
    ("hebbian", {"max_steps": -1}, "max_steps must be at least 0, got -1"),
    ("hebbian", {"max_steps": 2.5}, "max_steps must be a whole number, got 2.5"),
    ("hebbian", {"max_steps": "10"}, "max_steps must be a whole number"),
    ("hebbian", {"temperature": -1}, "temperature must be a number >= 0, got -1"),
    ("hebbian", {"temperature": float("nan")}, "temperature must be a number >= 0, got nan"),
    ("hebbian", {"temperature": float("inf")}, "temperature must be a number >= 0"),
    ("hebbian", {"temperature": "hot"}, "temperature must be a number >= 0"),
    ("hebbian", {"record": "x"}, "record must be False, True or 'flips', got 'x'"),
    ("hebbian", {"mode": "sync", "record": "flips"}, "record='flips' is only available for async"),
    ("hebbian", {"probes": PATTERNS[:, :5]}, "probes have 5 neurons but the network has 64"),
    ("hebbian", {"probes": np.full((2, 64), 0.5)}, "probes must hold only 0/1 or only ±1 values"),
    (
        "hebbian",
        {"probes": np.ones((2, 2, 64))},
        r"probes must be one state \(N,\) or a batch \(B, N\)",
    ),
    ("dense-exp", {"probes": PATTERNS[:, :63]}, "probes have 63 neurons but the network has 64"),
    ("modern", {"max_steps": -1}, "max_steps must be at least 0"),
]


@pytest.mark.parametrize(
    ("rule", "kwargs", "message"), RECALL_ERRORS, ids=[m[:30] for _, _, m in RECALL_ERRORS]
)
def test_recall_refuses_bad_arguments_with_a_sentence(nets, rule, kwargs, message):
    arguments = {"probes": PATTERNS, **kwargs}
    with pytest.raises(ValueError, match=message):
        nets[rule].recall(**arguments)


def test_energy_refuses_the_wrong_number_of_neurons(nets):
    with pytest.raises(ValueError, match="has 64"):
        nets["hebbian"].energy(PATTERNS[:, :10])


def test_memory_guard_refuses_before_training(monkeypatch):
    def explode(*args, **kwargs):
        raise AssertionError("the rule ran: the guard came too late")

    monkeypatch.setitem(RULES, "hebbian", dataclasses.replace(RULES["hebbian"], train=explode))
    patterns = random_patterns(2, 10, seed=0)
    with pytest.raises(
        ValueError, match=r"A network of 10 neurons needs 1\.6 KiB .* memory budget of 1000 bytes"
    ):
        HopfieldNetwork.train(patterns, "hebbian", memory_budget=1000)
    with pytest.raises(
        AssertionError
    ):  # 16 · 10² = 1600 bytes fits a budget of 1600: on to training
        HopfieldNetwork.train(patterns, "hebbian", memory_budget=1600)


def test_memory_guard_sizes_and_boundary():
    side = math.isqrt(MEMORY_BUDGET // 16)
    check_memory(side)  # exactly the default budget of 1 GiB
    with pytest.raises(ValueError, match=rf"A network of {side + 1} neurons needs 1\.0 GiB"):
        check_memory(side + 1)
    with pytest.raises(
        ValueError, match=r"needs 1\.6 MiB for its weight matrices, more than the .* of 1\.0 MiB"
    ):
        check_memory(320, budget=2**20)  # 16 · 320² = 1 638 400 bytes
    with pytest.raises(ValueError, match="10 neurons"):
        HopfieldNetwork.from_weights(np.zeros((10, 10)), memory_budget=1000)
    with pytest.raises(ValueError, match="20 neurons"):
        HopfieldNetwork.train(random_patterns(2, 20, seed=0), "storkey", memory_budget=6399)


def network_state(net: HopfieldNetwork) -> dict:
    return {
        "rule": net.rule,
        "params": dict(net.params),
        "scale": net.scale,
        "patterns": (net.patterns.dtype.str, net.patterns.shape, net.patterns.tobytes()),
        "couplings": None
        if net.couplings is None
        else (net.couplings.dtype.str, net.couplings.tobytes()),
        "weights": net.weights.tobytes(),
    }


ROUND_TRIP = [(rule, {}) for rule in RULES] + [
    ("pseudoinverse", {"damping": 0.25}),
    ("dense-poly", {"degree": 5}),
    ("modern", {"beta": 3.5}),
]


@pytest.mark.parametrize(
    ("rule", "params"), ROUND_TRIP, ids=[f"{r}{p or ''}" for r, p in ROUND_TRIP]
)
@settings(max_examples=6, deadline=None)
@given(st.integers(1, 8), st.integers(2, 40), st.integers(0, 2**32 - 1))
def test_save_load_round_trip_is_bit_exact(tmp_path_factory, rule, params, p, n, seed):
    net = HopfieldNetwork.train(random_patterns(p, n, seed), rule, **params)
    path = tmp_path_factory.mktemp("nets") / "net.npz"
    net.save(path)
    buffer = io.BytesIO()
    net.save(buffer)
    probes = random_patterns(3, n, seed + 1)
    for loaded in (
        load(path),
        load(str(path)),
        load(buffer.getvalue()),
        load(io.BytesIO(buffer.getvalue())),
    ):
        assert network_state(loaded) == network_state(net)
        before, after = net.recall(probes, mode="sync"), loaded.recall(probes, mode="sync")
        np.testing.assert_array_equal(after.states, before.states)
        np.testing.assert_array_equal(after.steps, before.steps)
    assert path.read_bytes()[:2] == b"PK"  # a zip (.npz) file


def test_save_load_round_trip_of_a_network_from_weights(tmp_path):
    rng = np.random.default_rng(3)
    weights = rng.normal(size=(7, 7))
    net = HopfieldNetwork.from_weights(weights)
    net.save(tmp_path / "custom.npz")
    loaded = load(tmp_path / "custom.npz")
    assert loaded.rule == "custom"
    np.testing.assert_array_equal(loaded.weights, weights)
    assert network_state(loaded) == network_state(net)


def test_save_to_a_path_without_the_npz_suffix_loads_from_the_same_path(tmp_path):
    net = HopfieldNetwork.train(PATTERNS, "storkey")
    net.save(tmp_path / "memory")
    assert (tmp_path / "memory").exists() and not (tmp_path / "memory.npz").exists()
    assert network_state(load(tmp_path / "memory")) == network_state(net)


def test_parameters_given_as_numpy_scalars_save_and_load():
    net = HopfieldNetwork.train(PATTERNS, "dense-poly", degree=np.int64(4))
    buffer = io.BytesIO()
    net.save(buffer)
    loaded = load(buffer.getvalue())
    assert dict(loaded.params) == {"degree": 4}
    assert type(loaded.params["degree"]) is int
    damped = HopfieldNetwork.train(PATTERNS, "pseudoinverse", damping=np.float32(0.5))
    damped.save(buffer := io.BytesIO())
    assert network_state(load(buffer.getvalue())) == network_state(damped)


def npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def saved_fields(net: HopfieldNetwork) -> dict:
    buffer = io.BytesIO()
    net.save(buffer)
    with np.load(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive[name] for name in archive.files}


def bad_files() -> dict[str, bytes]:
    hebbian = saved_fields(HopfieldNetwork.train(PATTERNS[:, :8]))
    custom = saved_fields(HopfieldNetwork.from_weights(np.eye(3)))
    altered = dict(hebbian, couplings=hebbian["couplings"] + np.eye(8))
    npy = io.BytesIO()
    np.save(npy, np.ones(3))
    return {
        "garbage bytes": b"this is not a network" * 10,
        "empty": b"",
        "a zip header and nothing else": b"PK\x03\x04" + b"\x00" * 20,
        "a .npy array": npy.getvalue(),
        "a pickled object array": npz(
            **dict(hebbian, patterns=np.array([[1, None]], dtype=object))
        ),
        "a pickled object as the format": npz(format=np.array([{"x": 1}], dtype=object)),
        "missing rule": npz(**{k: v for k, v in hebbian.items() if k != "rule"}),
        "missing patterns": npz(**{k: v for k, v in hebbian.items() if k != "patterns"}),
        "missing weights": npz(**{k: v for k, v in hebbian.items() if k != "couplings"}),
        "missing weights of a custom network": npz(
            **{k: v for k, v in custom.items() if k != "couplings"}
        ),
        "another format": npz(**dict(hebbian, format=np.array("hopfield-lab-network-0"))),
        "altered weights": npz(**altered),
        "weights of another shape": npz(**dict(hebbian, couplings=np.zeros((9, 9)))),
        "altered patterns": npz(**dict(hebbian, patterns=-hebbian["patterns"][:, ::-1])),
        "text patterns": npz(**dict(hebbian, patterns=hebbian["patterns"].astype(str))),
        "float patterns": npz(**dict(hebbian, patterns=hebbian["patterns"] * 0.5)),
        "3-D patterns": npz(**dict(hebbian, patterns=hebbian["patterns"][None])),
        "text weights": npz(**dict(hebbian, couplings=hebbian["couplings"].astype(str))),
        "text weights of a custom network": npz(
            **dict(custom, couplings=custom["couplings"].astype(str))
        ),
        "NaN weights of a custom network": npz(**dict(custom, couplings=np.full((3, 3), np.nan))),
        "NaN scale of a custom network": npz(**dict(custom, scale=np.array(np.nan))),
        "several scales": npz(**dict(hebbian, scale=np.ones(3))),
        "an unknown rule": npz(**dict(hebbian, rule=np.array("telepathy"))),
        "parameters not JSON": npz(**dict(hebbian, params=np.array("{damping"))),
        "parameters not a mapping": npz(**dict(hebbian, params=np.array("[1, 2]"))),
        "a parameter the rule does not take": npz(
            **dict(hebbian, params=np.array(json.dumps({"damping": 1})))
        ),
        "a parameter named like an argument": npz(
            **dict(hebbian, params=np.array(json.dumps({"memory_budget": 1})))
        ),
        "a parameter named rule": npz(
            **dict(hebbian, params=np.array(json.dumps({"rule": "storkey"})))
        ),
        "a bad parameter value": npz(
            **dict(
                saved_fields(HopfieldNetwork.train(PATTERNS, "modern")),
                params=np.array(json.dumps({"beta": -1})),
            )
        ),
    }


BAD_FILES = bad_files()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_load_refuses_anything_but_a_network_with_a_value_error(case, tmp_path):
    data = BAD_FILES[case]
    with pytest.raises(ValueError) as from_bytes:
        load(data)
    (tmp_path / "file.npz").write_bytes(data)
    with pytest.raises(ValueError) as from_path:
        load(tmp_path / "file.npz")
    assert str(from_bytes.value) == str(from_path.value)
    assert str(from_bytes.value).endswith(".")


def test_load_messages_say_what_is_wrong():
    with pytest.raises(ValueError, match="not a readable .npz network file"):
        load(BAD_FILES["garbage bytes"])
    with pytest.raises(ValueError, match="missing or malformed fields"):
        load(BAD_FILES["missing rule"])
    with pytest.raises(ValueError, match="the file was altered"):
        load(BAD_FILES["altered weights"])
    with pytest.raises(ValueError, match="Unknown learning rule 'telepathy'"):
        load(BAD_FILES["an unknown rule"])
    with pytest.raises(ValueError, match="patterns must hold only 0/1 or only ±1"):
        load(BAD_FILES["float patterns"])


def test_load_refuses_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match="not a readable"):
        load(tmp_path / "nothing-here.npz")


def test_load_applies_the_memory_budget():
    buffer = io.BytesIO()
    HopfieldNetwork.train(random_patterns(2, 30, seed=0)).save(buffer)
    with pytest.raises(ValueError, match="30 neurons"):
        load(buffer.getvalue(), memory_budget=1000)


FROM_WEIGHTS_ERRORS = [
    (np.zeros((3, 4)), r"square \(N, N\) matrix, got shape \(3, 4\)"),
    (np.zeros(4), r"square \(N, N\) matrix, got shape \(4,\)"),
    (np.zeros((0, 0)), r"square \(N, N\) matrix, got shape \(0, 0\)"),
    (np.zeros((2, 2, 2)), "square"),
    ([[0.0, np.nan], [np.nan, 0.0]], "finite numbers"),
    ([[0.0, np.inf], [1.0, 0.0]], "finite numbers"),
    ([["a", "b"], ["c", "d"]], "finite numbers"),
    (np.array([[0, None], [None, 0]], dtype=object), "finite numbers"),
]


@pytest.mark.parametrize(("weights", "message"), FROM_WEIGHTS_ERRORS)
def test_from_weights_refuses_bad_matrices(weights, message):
    with pytest.raises(ValueError, match=message):
        HopfieldNetwork.from_weights(weights)


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_from_weights_of_a_trained_network_recalls_the_same(nets, rule):
    net = nets[rule]
    copy = HopfieldNetwork.from_weights(net.weights)
    assert copy.rule == "custom" and copy.n == 64
    np.testing.assert_array_equal(copy.weights, net.weights)
    probes = np.where(np.random.default_rng(1).random((6, 64)) < 0.3, -1, 1) * np.vstack(
        [PATTERNS, PATTERNS]
    )
    for mode in ("sync", "async"):
        ours, theirs = net.recall(probes, mode=mode, seed=2), copy.recall(probes, mode=mode, seed=2)
        np.testing.assert_array_equal(theirs.states, ours.states)
        np.testing.assert_array_equal(theirs.steps, ours.steps)
        np.testing.assert_array_equal(theirs.converged, ours.converged)
    np.testing.assert_allclose(copy.energy(probes), net.energy(probes), rtol=1e-12)


def test_from_weights_keeps_the_matrix_as_given():
    weights = np.array([[0.5, -1.0], [2.0, 0.0]])  # not symmetric, nonzero diagonal: used as given
    net = HopfieldNetwork.from_weights(weights)
    np.testing.assert_array_equal(net.weights, weights)
    assert not net.weights.flags.writeable
    assert net.modes == ("sync", "async", "stochastic")
    weights[0, 0] = 9.0
    assert net.weights[0, 0] == 0.5  # a copy
    # h = W s for s = [1, 1]: [-0.5, 2] -> sync gives [-1, 1]
    np.testing.assert_array_equal(net.recall([1, 1], mode="sync", max_steps=1).states, [[-1, 1]])


@pytest.mark.parametrize("rule", list(RULES))
def test_memorised_capacity_and_load(nets, rule):
    net = nets[rule]
    assert net.memorised == 3
    assert net.n == 64
    assert net.rule == rule
    assert net.capacity == pytest.approx(RULES[rule].capacity(64, **net.params), nan_ok=True)
    assert net.load == pytest.approx(
        3 / net.capacity, nan_ok=True
    )  # nan without a closed-form capacity
    assert net.modes == RULES[rule].modes
    assert dict(net.params) == RULES[rule].defaults()


def test_capacity_values_at_n_64(nets):
    assert nets["hebbian"].capacity == pytest.approx(0.138 * 64)
    assert nets["storkey"].capacity == pytest.approx(64 / math.sqrt(2 * math.log(64)))
    assert nets["pseudoinverse"].capacity == 64
    assert nets["dense-poly"].capacity == pytest.approx(64**2 / (2 * 3 * math.log(64)))
    assert nets["pseudoinverse"].load == pytest.approx(3 / 64)


def test_network_from_weights_has_no_memories():
    net = HopfieldNetwork.from_weights(np.zeros((5, 5)))
    assert net.memorised == 0
    assert net.patterns.shape == (0, 5)
    assert math.isnan(net.capacity) and math.isnan(net.load)
    assert net.spec is None


@pytest.mark.parametrize("rule", ["hebbian", "storkey", "pseudoinverse"])
def test_pairwise_energy_is_minus_half_s_w_s(nets, rule):
    states = random_patterns(5, 64, seed=3)
    weights = nets[rule].weights
    expected = [-0.5 * s @ weights @ s for s in states.astype(float)]
    np.testing.assert_allclose(nets[rule].energy(states), expected, rtol=1e-12, atol=1e-12)


def test_dense_energies_by_hand():
    patterns = [[1, -1, 1, -1], [1, 1, -1, -1]]
    states = [[1, -1, 1, -1], [1, 1, 1, 1], [1, 1, 1, -1]]  # overlaps (4, 0), (0, 0), (2, 2)
    poly = HopfieldNetwork.train(patterns, "dense-poly")
    np.testing.assert_array_equal(poly.energy(states), [-64.0, 0.0, -16.0])  # -Σ O³
    square = HopfieldNetwork.train(patterns, "dense-poly", degree=2)
    np.testing.assert_array_equal(square.energy(states), [-16.0, 0.0, -8.0])
    exp = HopfieldNetwork.train(patterns, "dense-exp")
    np.testing.assert_allclose(
        exp.energy(states), -np.log([math.e**4 + 1, 2, 2 * math.e**2]), rtol=1e-14
    )


def test_dense_async_flips_are_recorded_one_neuron_at_a_time():
    patterns = random_patterns(3, 40, seed=4)
    net = HopfieldNetwork.train(patterns, "dense-poly")
    probes = patterns.copy()
    probes[:, :8] *= -1
    result = net.recall(probes, mode="async", seed=5, record="flips")
    np.testing.assert_array_equal(result.states, patterns)
    changed = (np.diff(result.trajectory.astype(int), axis=0) != 0).sum(axis=2)
    assert (changed <= 1).all()
    assert len(result.trajectory) == 1 + 8  # eight flips per probe, made side by side
    assert (np.diff(result.energies, axis=0) <= 0).all()


def test_the_package_exports_the_network_api():
    assert hopfield.HopfieldNetwork is HopfieldNetwork
    assert hopfield.load is load
    assert hopfield.MEMORY_BUDGET == 1 << 30
