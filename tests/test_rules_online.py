"""Learning over time: pattern strengths, the palimpsest and unlearning rules, against plain numpy
reference loops on small cases and the issue's seeded behaviours."""

import io
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hopfield import HopfieldNetwork, analysis, load, random_patterns
from hopfield.corrupt import flip_count
from hopfield.rules import RULES, dream_grid, on_grid, palimpsest, unlearning
from hopfield.strengths import check_strengths, effective_patterns

# ---------------------------------------------------------------- strengths


def test_strengths_weight_each_pattern_in_the_hebbian_sum():
    xi = np.array([[1, -1, 1, 1], [1, 1, -1, 1], [-1, 1, 1, 1]], np.int8)
    c = np.array([2.0, 0.5, 1.0])
    net = HopfieldNetwork.train(xi, "hebbian", strengths=c)
    expected = sum(c[m] * np.outer(xi[m], xi[m]) for m in range(3)) / 4
    np.fill_diagonal(expected, 0)
    np.testing.assert_array_equal(net.weights, expected)  # halves and quarters: exact
    # worked by hand: w_01 = (2·(−1) + 0.5·1 + 1·(−1)) / 4 = −0.625
    assert net.weights[0, 1] == -0.625


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 8), st.integers(2, 20), st.integers(0, 10_000))
def test_whole_number_strengths_equal_repeating_the_pattern(p, n, seed):
    rng = np.random.default_rng(seed)
    xi = random_patterns(p, n, seed=seed)
    counts = rng.integers(1, 4, p)
    weighted = HopfieldNetwork.train(xi, "hebbian", strengths=counts.astype(float))
    repeated = HopfieldNetwork.train(np.repeat(xi, counts, axis=0), "hebbian")
    np.testing.assert_array_equal(weighted.weights, repeated.weights)


def test_all_ones_strengths_are_the_plain_memory_and_others_change_the_fingerprint():
    xi = random_patterns(4, 30, seed=1)
    plain = HopfieldNetwork.train(xi)
    ones = HopfieldNetwork.train(xi, strengths=[1, 1, 1, 1])
    stronger = HopfieldNetwork.train(xi, strengths=[3, 1, 1, 1])
    assert ones.strengths is None and ones.fingerprint == plain.fingerprint
    np.testing.assert_array_equal(ones.couplings, plain.couplings)
    assert stronger.fingerprint != plain.fingerprint
    assert not stronger.strengths.flags.writeable
    np.testing.assert_array_equal(stronger.strengths, [3, 1, 1, 1])


def test_strengths_survive_save_and_load():
    xi = random_patterns(5, 40, seed=2)
    for rule in [name for name, spec in RULES.items() if spec.strengths]:
        net = HopfieldNetwork.train(xi, rule, strengths=[0.5, 2, 1, 1, 3])
        buffer = io.BytesIO()
        net.save(buffer)
        loaded = load(buffer.getvalue())
        np.testing.assert_array_equal(loaded.strengths, net.strengths)
        np.testing.assert_array_equal(loaded.couplings, net.couplings)
        assert loaded.fingerprint == net.fingerprint


def test_rules_without_strengths_refuse_them_in_a_sentence():
    xi = random_patterns(3, 16, seed=0)
    takers = [name for name, rule in RULES.items() if rule.strengths]
    assert takers == ["hebbian", "palimpsest", "unlearning"]
    for name in set(RULES) - set(takers):
        with pytest.raises(ValueError, match=f"The {name} rule takes no pattern strengths"):
            HopfieldNetwork.train(xi, name, strengths=[1, 2, 1])


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ([1, 2], "one number per stored pattern"),
        ([1, -1, 1], ">= 0"),
        ([1, np.nan, 1], "finite"),
        ([0, 0, 0], "At least one"),
        (["a", "b", "c"], "must be numbers"),
        (["1", "2", "1"], "must be numbers"),
        ([True, False, True], "must be numbers"),
        ([[1], [2, 3], [1]], "must be numbers"),
    ],
)
def test_bad_strengths_are_refused(bad, words):
    with pytest.raises(ValueError, match=words):
        HopfieldNetwork.train(random_patterns(3, 16, seed=0), strengths=bad)


def test_effective_patterns_is_p_for_equal_strengths_and_grows_when_one_is_weak():
    assert effective_patterns(None, 7) == 7.0
    assert effective_patterns(check_strengths([2.0, 2.0, 2.0], 3), 3) == 3.0
    # weakest c = 1: (1 + 4 + 4) / 1
    assert effective_patterns([1.0, 2.0, 2.0], 3) == 9.0
    assert effective_patterns([0.0, 2.0, 1.0], 3) == 5.0  # a pattern of strength 0 is not stored


def test_a_stronger_pattern_has_a_wider_basin():
    xi = random_patterns(12, 100, seed=3)
    success = []
    for c0 in (1.0, 3.0):
        net = HopfieldNetwork.train(xi, strengths=[c0] + [1.0] * 11)
        probes = flip_count(np.repeat(xi[:1], 60, axis=0), 35, seed=4)
        success.append((net.recall(probes).states == xi[0]).all(axis=1).mean())
    assert success[1] > success[0] + 0.5


# ---------------------------------------------------------------- palimpsest


def reference_palimpsest(xi, bound, strengths=None):
    p, n = xi.shape
    w = np.zeros((n, n))
    for mu in range(p):
        c = 1.0 if strengths is None else strengths[mu]
        for i in range(n):
            for j in range(n):
                w[i, j] = min(
                    bound, max(-bound, w[i, j] + c * xi[mu, i] * xi[mu, j] / math.sqrt(n))
                )
    np.fill_diagonal(w, 0)
    return w


@pytest.mark.parametrize(
    ("bound", "strengths"), [(0.3, None), (0.5, [1, 2, 0.5, 1, 1, 3, 1, 1, 0, 1]), (10.0, None)]
)
def test_palimpsest_matches_a_plain_clip_loop(bound, strengths):
    xi = random_patterns(10, 9, seed=11)
    couplings, scale = palimpsest(
        xi, bound, None if strengths is None else np.asarray(strengths, float)
    )
    assert scale == 1.0
    np.testing.assert_allclose(
        couplings, reference_palimpsest(xi, bound, strengths), rtol=0, atol=1e-10
    )
    assert np.abs(couplings).max() <= bound + 1e-10  # on the 2^-36 grid


def test_palimpsest_with_a_wide_bound_is_hebbs_rule_scaled():
    xi = random_patterns(6, 25, seed=2)
    couplings, _ = palimpsest(xi, bound=100.0)
    hebb = HopfieldNetwork.train(xi).couplings
    np.testing.assert_allclose(couplings, hebb / 5.0, atol=1e-10)  # 1/√25 per pattern


def recall_by_age(n=200, p=200, seeds=range(4), rule="palimpsest"):
    hits = []
    for seed in seeds:
        xi = random_patterns(p, n, seed=seed)
        net = HopfieldNetwork.train(xi, rule)
        probes = flip_count(xi, n // 10, seed=seed)
        hits.append((net.recall(probes, "sync").states == xi).all(axis=1))
    return np.mean(hits, axis=0)  # by pattern, oldest first


def test_palimpsest_recalls_the_newest_patterns_and_forgets_the_oldest():
    """N = 200, 200 patterns in order, A = 0.2 (the default), 10 % noise, sync recall, 4 seeds."""
    by_age = recall_by_age()
    assert by_age[-5:].min() == 1.0  # the newest five: always
    assert by_age[-10:].mean() >= 0.7  # the newest ten: 0.775 measured
    assert by_age[:10].max() == 0.0  # the oldest ten: never
    assert by_age[:150].max() == 0.0
    assert recall_by_age(rule="hebbian")[-10:].max() == 0.0  # Hebb's rule at the same load: none


# ---------------------------------------------------------------- unlearning


def reference_unlearning(xi, dreams, epsilon, seed):
    p, n = xi.shape
    c = xi.astype(float).T @ xi.astype(float)
    np.fill_diagonal(c, 0)
    rng = np.random.default_rng(seed)
    step = dream_grid(epsilon)
    for _ in range(dreams):
        s = (2 * rng.integers(0, 2, size=(1, n), dtype=np.int8) - 1)[0].astype(float)
        while any(s[i] * (c[i] @ s) < 0 for i in range(n)):
            for i in rng.permutation(n):
                h = c[i] @ s
                if s[i] * h < 0:
                    s[i] = -s[i]
        assert all(s[i] * (c[i] @ s) >= 0 for i in range(n))  # a fixed point
        c -= step * np.outer(s, s)
        np.fill_diagonal(c, 0)
    return c


@pytest.mark.parametrize(
    ("p", "n", "dreams", "epsilon", "seed"), [(3, 12, 5, 0.1, 0), (6, 20, 30, 0.05, 3)]
)
def test_unlearning_matches_a_plain_dream_loop(p, n, dreams, epsilon, seed):
    xi = random_patterns(p, n, seed=seed + 7)
    couplings, scale = unlearning(
        xi, dreams, epsilon * dreams / n, seed
    )  # depth D·ε/N gives back ε
    assert scale == 1 / n
    np.testing.assert_array_equal(couplings, reference_unlearning(xi, dreams, epsilon, seed))


def test_unlearning_without_dreams_is_hebbian_and_is_seeded():
    xi = random_patterns(5, 30, seed=1)
    np.testing.assert_array_equal(
        HopfieldNetwork.train(xi, "unlearning", dreams=0).weights, HopfieldNetwork.train(xi).weights
    )
    one, two, other = (HopfieldNetwork.train(xi, "unlearning", seed=s).couplings for s in (4, 4, 5))
    np.testing.assert_array_equal(one, two)
    assert not np.array_equal(one, other)
    assert dream_grid(0.01) == on_grid(np.array([[0.01]]))[0, 0]


def dreaming(p, seeds=range(5), n=100):
    """Mean over seeds of (exact recall of each stored pattern, share of random starts ending in a spurious
    state), Hebbian and then after the default 200 dreams of depth D·ε/N = 0.02 (ε = 0.01 at N = 100)."""
    out = {"hebbian": [], "unlearning": []}
    for seed in seeds:
        xi = random_patterns(p, n, seed=100 + seed)
        for rule in out:
            net = HopfieldNetwork.train(
                xi, rule, **({"seed": seed} if rule == "unlearning" else {})
            )
            recall = (net.recall(xi, "async", seed=seed).states == xi).all(axis=1).mean()
            census = analysis.attractor_census(net, 200, seed=seed)
            out[rule].append((recall, census.kind_counts["spurious"] / census.starts))
    return {rule: np.mean(values, axis=0) for rule, values in out.items()}


def test_dreaming_raises_recall_and_removes_spurious_states_at_p_18():
    measured = dreaming(18)
    (recall_before, spurious_before), (recall_after, spurious_after) = (
        measured["hebbian"],
        measured["unlearning"],
    )
    assert recall_before < 0.7 and recall_after > 0.85
    assert spurious_after < spurious_before - 0.1


def test_dreaming_at_p_14():
    measured = dreaming(14)
    assert measured["hebbian"][0] < 0.9 and measured["unlearning"][0] == 1.0
    assert measured["unlearning"][1] < measured["hebbian"][1] - 0.1


# ---------------------------------------------------------------- learning curves


def test_age_curve_is_the_plain_trial_loop_read_newest_first():
    curve = analysis.age_curve(
        "palimpsest", 50, 20, noise=0.1, trials=3, seed=9, params={"bound": 0.3}
    )
    rng = np.random.default_rng(9)
    hits = np.zeros(20)
    for _ in range(3):
        xi = (2 * rng.integers(0, 2, size=(20, 50), dtype=np.int8) - 1).astype(np.int8)
        net = HopfieldNetwork.train(xi, "palimpsest", bound=0.3)
        probes = flip_count(xi, 5, seed=rng)
        hits += (net.recall(probes, "sync", 50, seed=rng).states == xi).all(axis=1)
    np.testing.assert_array_equal(curve.success, hits[::-1] / 3)
    assert curve.ages.tolist() == list(range(20)) and dict(curve.params) == {"bound": 0.3}
    assert (
        curve.span() == int(np.argmax(curve.success <= 0.5)) if (curve.success <= 0.5).any() else 20
    )


def test_age_curve_of_the_palimpsest_falls_with_age_and_hebbs_rule_has_none():
    pal = analysis.age_curve("palimpsest", 200, 200, trials=4, seed=0)
    assert pal.success[:5].min() == 1.0 and pal.success[20:].max() == 0.0 and 5 <= pal.span() <= 12
    assert analysis.age_curve("hebbian", 200, 200, trials=2, seed=0).success.max() == 0.0


def test_sequence_step_trains_on_the_prefix_and_keeps_each_probe():
    xi = random_patterns(8, 60, seed=4)
    third = analysis.sequence_step(xi, "palimpsest", 3, noise=0.1, seed=1)
    last = analysis.sequence_step(xi, "palimpsest", 8, noise=0.1, seed=1)
    np.testing.assert_array_equal(
        third.network.couplings, HopfieldNetwork.train(xi[:3], "palimpsest").couplings
    )
    np.testing.assert_array_equal(
        last.probes[:3], third.probes
    )  # the same corrupted bits at every step
    assert ((third.probes != xi[:3]).sum(axis=1) == 6).all()
    assert third.ages.tolist() == [2, 1, 0]
    np.testing.assert_array_equal(third.recalled_ok, (third.recalled == xi[:3]).all(axis=1))
    ok = last.recalled_ok[::-1]
    assert last.streak == (int(np.argmin(ok)) if not ok.all() else 8)
    with pytest.raises(ValueError, match="step must be at most"):
        analysis.sequence_step(xi, "hebbian", 9)


def test_strength_basins_match_a_plain_loop_and_grow_with_strength():
    xi = random_patterns(12, 100, seed=3)
    levels = [0.0, 0.2, 0.35]
    found = analysis.strength_basins(xi, 0, [0.5, 1.0, 3.0], levels, trials=10, seed=2)
    rng = np.random.default_rng(2)
    probes = [
        np.repeat(xi[:1], 10, axis=0)
        if f == 0
        else flip_count(np.repeat(xi[:1], 10, axis=0), round(f * 100), seed=rng)
        for f in levels
    ]
    for s, c in enumerate([0.5, 1.0, 3.0]):
        net = HopfieldNetwork.train(xi, strengths=[c] + [1.0] * 11)
        for k in range(3):
            assert found.success[s, k] == (net.recall(probes[k]).states == xi[0]).all(axis=1).mean()
    assert (found.success[2] >= found.success[1]).all() and found.success[2].min() == 1.0
    with pytest.raises(ValueError, match="pick must be"):
        analysis.strength_basins(xi, 12, [1.0], levels)


def test_a_rule_parameter_named_seed_reaches_the_rule_in_sweeps():
    """The unlearning rule's own `seed` beside the sweeps' `seed` argument."""
    curve = analysis.capacity_curve(
        "unlearning", 40, [2, 4], trials=2, seed=0, rule_params={"seed": 7, "dreams": 5}
    )
    assert curve.params == {"dreams": 5, "depth": 0.02, "seed": 7}
    runs = analysis.capacity_curves(
        {"unlearning": {"dreams": 5, "depth": 0.02, "seed": 7}}, 40, [2, 4], trials=2
    )
    np.testing.assert_array_equal(runs.results["unlearning"].success, curve.success)
    ages = analysis.age_curve(
        "unlearning", 40, 6, trials=1, seed=0, params={"seed": 3, "dreams": 4}
    )
    assert ages.params == {"dreams": 4, "depth": 0.02, "seed": 3}


def test_streak_counts_the_newest_recalled_in_a_row():
    net = HopfieldNetwork.train(random_patterns(5, 16, seed=0))
    states = np.zeros((5, 16), np.int8)
    for ok, streak in (
        ([False, True, False, True, True], 2),
        ([True] * 5, 5),
        ([True] * 4 + [False], 0),
    ):
        found = analysis.SequenceStep(
            5, net, states.copy(), states.copy(), np.array(ok), np.arange(5)[::-1].copy()
        )
        assert found.streak == streak


def test_same_memory_tells_strengths_apart():
    xi = random_patterns(3, 20, seed=0)
    plain, ones, strong = (
        HopfieldNetwork.train(xi, strengths=c) for c in (None, [1, 1, 1], [2, 1, 1])
    )
    assert analysis.same_memory(plain, ones)
    assert not analysis.same_memory(plain, strong) and not analysis.same_memory(strong, plain)
    assert analysis.same_memory(strong, HopfieldNetwork.train(xi, strengths=[2, 1, 1]))


def test_dreaming_effect_is_the_census_and_fixed_points_of_both_memories() -> None:
    """The Learning page's before/after numbers come from the engine: the same as running both rules by hand."""
    patterns = random_patterns(18, 100, seed=3)
    reported = []
    effect = analysis.dreaming_effect(
        patterns,
        {"dreams": 200, "depth": 0.02, "seed": 1},
        starts=100,
        seed=2,
        progress=lambda k, stage: reported.append((k, stage)),
    )
    assert reported == list(
        enumerate(analysis.DREAMING_STAGES)
    )  # each stage announced once, in order
    for kinds, fixed, rule, params in (
        (effect.before, effect.fixed_before, "hebbian", {}),
        (effect.after, effect.fixed_after, "unlearning", {"seed": 1}),
    ):
        net = HopfieldNetwork.train(patterns, rule, **params)
        assert kinds == dict(analysis.attractor_census(net, 100, 2).kind_counts)
        assert (
            fixed == (net.recall(patterns, "async", seed=2).states == patterns).all(axis=1).mean()
        )
    assert sum(effect.before.values()) == sum(effect.after.values()) == 100
    assert (
        effect.after["spurious"] < effect.before["spurious"]
        and effect.fixed_after > effect.fixed_before
    )
