"""The Recall page's engine (hopfield.analysis.outcomes): one recall summed up, a recorded recall with its frames
picked, every stored pattern corrupted and recalled at once, the same probe recalled by every rule.

Hand-worked cases use one stored pattern ξ = (1, 1, 1, 1): Hebb's rule gives w_ij = 1/4 (i ≠ j), so the field of
neuron i is (Σ_j s_j − s_i) / 4 and the energy E = −½ sᵀWs = −((Σ s)² − 4) / 8.
"""

import numpy as np
import pytest

import hopfield
from hopfield import HopfieldNetwork, load_set, random_patterns
from hopfield.analysis import classify, describe, overlaps
from hopfield.analysis.outcomes import (
    OUTCOME_SENTENCES,
    OUTCOMES,
    STATUSES,
    frame_picks,
    recall_batch,
    recall_every_rule,
    recall_summary,
    recall_trajectory,
)

ONE = np.array([[1, 1, 1, 1]], dtype=np.int8)
DIGITS = load_set("digits")


@pytest.fixture(scope="module")
def hebb_one() -> HopfieldNetwork:
    return HopfieldNetwork.train(ONE, "hebbian")


# --- one recall -------------------------------------------------------------------------------


def test_one_flipped_bit_is_repaired_in_one_sync_step(hebb_one: HopfieldNetwork) -> None:
    # field of the flipped neuron: (1 + 1 + 1) / 4 > 0, so it turns back on; the others see (1 + 1 − 1) / 4 > 0
    result = recall_summary(hebb_one, [1, 1, 1, -1], 0)
    assert result.state.tolist() == [1, 1, 1, 1]
    assert (result.steps, result.status, result.outcome, result.name) == (
        1,
        "converged",
        "target",
        "stored 0",
    )
    assert (result.bits_corrupted, result.bits_wrong) == (1, 0)
    assert result.sentence("A") == "Recalled the target A."


def test_three_flipped_bits_fall_into_the_reversed_pattern(hebb_one: HopfieldNetwork) -> None:
    result = recall_summary(hebb_one, [-1, -1, -1, 1], 0, labels=["A"])
    assert result.state.tolist() == [-1, -1, -1, -1]
    assert (result.outcome, result.name, result.bits_corrupted, result.bits_wrong) == (
        "reversed",
        "reversed A",
        3,
        4,
    )
    assert result.sentence("A") == "Ended in a reversed pattern (reversed A): −ξ is as stable as ξ."
    assert not result.state.flags.writeable


def test_summary_agrees_with_recall_classify_and_describe_on_the_digits() -> None:
    net = HopfieldNetwork.train(DIGITS.patterns, "hebbian")
    for mode, seed in (("sync", 0), ("async", 3), ("stochastic", 5)):
        probe = hopfield.corrupt(DIGITS.patterns[7], "flip", 0.2, seed, DIGITS.shape)
        expected = net.recall(probe, mode, 10, 0.5, seed)
        result = recall_summary(net, probe, 7, mode, 10, 0.5, seed, DIGITS.labels)
        assert np.array_equal(result.state, expected.states[0])
        assert result.steps == int(expected.steps[0])
        assert result.status == (
            "cycled" if expected.cycled[0] else "converged" if expected.converged[0] else "moving"
        )
        assert result.outcome == classify(DIGITS.patterns, expected.states[0], 7)[0]
        assert result.name == describe(DIGITS.patterns, expected.states[0], DIGITS.labels)
        assert result.bits_wrong == int((expected.states[0] != DIGITS.patterns[7]).sum())
        assert result.bits_corrupted == int((probe != DIGITS.patterns[7]).sum())


def test_every_outcome_and_status_has_its_words() -> None:
    assert set(OUTCOME_SENTENCES) == set(OUTCOMES)
    assert set(STATUSES) == {"converged", "cycled", "moving"}


# --- a recorded recall ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "limit", "expected"),
    [
        (0, 5, []),
        (1, 5, [0]),
        (5, 5, [0, 1, 2, 3, 4]),
        (10, 4, [0, 3, 6, 9]),
        (5, 3, [0, 2, 4]),
        (4, 2, [0, 3]),
    ],
)
def test_frame_picks_spread_evenly_and_keep_both_ends(
    count: int, limit: int, expected: list[int]
) -> None:
    picks = frame_picks(count, limit)
    assert picks.tolist() == expected and picks.dtype == np.int64


def test_frame_picks_of_a_long_recall_are_distinct_and_at_most_the_limit() -> None:
    picks = frame_picks(1001, 200)
    assert len(picks) == 200 and (np.diff(picks) > 0).all() and (picks[0], picks[-1]) == (0, 1000)


def test_sync_trajectory_hand_worked(hebb_one: HopfieldNetwork) -> None:
    run = recall_trajectory(hebb_one, [1, 1, 1, -1], "sync", 10)
    assert run.frames.tolist() == [[1, 1, 1, -1], [1, 1, 1, 1]]
    assert (run.positions.tolist(), run.updates, run.unit) == ([0, 1], 1, "step")
    np.testing.assert_allclose(run.energies, [0.0, -1.5])  # −((Σ s)² − 4) / 8 with Σ s = 2, then 4
    np.testing.assert_allclose(run.overlaps, [[0.5], [1.0]])


def test_async_trajectory_has_one_frame_per_flip(hebb_one: HopfieldNetwork) -> None:
    run = recall_trajectory(hebb_one, [-1, 1, 1, -1], "async", 10, seed=0)
    expected = hebb_one.recall([-1, 1, 1, -1], "async", 10, seed=0, record="flips")
    assert run.unit == "flip" and run.updates == len(expected.trajectory) - 1
    assert np.array_equal(run.frames, expected.trajectory[:, 0])
    assert (
        np.abs(np.diff(run.frames, axis=0)).sum(axis=1) == 2
    ).all()  # each frame flips one neuron (±1 -> ∓1)
    np.testing.assert_allclose(run.energies, hebb_one.energy(run.frames))


def test_a_long_trajectory_keeps_max_frames_with_their_positions() -> None:
    net = HopfieldNetwork.train(DIGITS.patterns, "hebbian")
    probe = hopfield.corrupt(DIGITS.patterns[3], "flip", 0.4, 1, DIGITS.shape)
    full = net.recall(probe, "async", 20, seed=1, record="flips")
    run = recall_trajectory(net, probe, "async", 20, seed=1, max_frames=7)
    picks = frame_picks(len(full.trajectory), 7)
    assert len(full.trajectory) > 7 and run.positions.tolist() == picks.tolist()
    assert np.array_equal(run.frames, full.trajectory[picks, 0])
    np.testing.assert_allclose(run.energies, full.energies[picks, 0])
    np.testing.assert_allclose(run.overlaps, overlaps(DIGITS.patterns, run.frames))
    assert run.updates == len(full.trajectory) - 1


def test_strongest_keeps_the_target_and_the_largest_overlaps() -> None:
    run = recall_trajectory(
        HopfieldNetwork.train(DIGITS.patterns, "hebbian"), DIGITS.patterns[2], "sync", 5
    )
    peaks = np.abs(run.overlaps).max(axis=0)
    lines = run.strongest(2, 4)
    assert 2 in lines and len(lines) == 4 and lines == sorted(lines)
    others = [k for k in range(10) if k != 2]
    assert min(peaks[k] for k in lines if k != 2) >= max(peaks[k] for k in others if k not in lines)
    assert run.strongest(2, 100) == list(range(10)) and run.strongest(2, 1) == [2]


# --- every stored pattern at once ---------------------------------------------------------------


def test_batch_matches_a_plain_loop_in_sync_mode() -> None:
    net = HopfieldNetwork.train(DIGITS.patterns, "pseudoinverse")
    batch = recall_batch(net, "flip", 0.15, "sync", 20, 0.0, 3, DIGITS.shape, DIGITS.labels)
    noisy = hopfield.corrupt(DIGITS.patterns, "flip", 0.15, 3, DIGITS.shape)
    assert np.array_equal(batch.noisy, noisy)
    records = batch.records()
    assert [row["pattern"] for row in records] == list(DIGITS.labels)
    for k, row in enumerate(
        records
    ):  # sync dynamics are deterministic: each probe alone ends the same
        alone = recall_summary(net, noisy[k], k, "sync", 20, 0.0, 3, DIGITS.labels)
        assert np.array_equal(batch.states[k], alone.state)
        assert row == {
            "pattern": DIGITS.labels[k],
            "outcome": alone.outcome,
            "ends in": alone.name,
            "bits corrupted": alone.bits_corrupted,
            "bits wrong": alone.bits_wrong,
            "steps": alone.steps,
            "status": STATUSES[alone.status],
        }
    assert batch.recalled.tolist() == [row["outcome"] == "target" for row in records]


def test_batch_counts_sweeps_for_async_and_uses_one_batched_recall() -> None:
    net = HopfieldNetwork.train(DIGITS.patterns, "storkey")
    batch = recall_batch(net, "flip-count", 9, "async", 10, 0.0, 4, DIGITS.shape)
    expected = net.recall(
        hopfield.corrupt(DIGITS.patterns, "flip-count", 9, 4), "async", 10, 0.0, 4
    )
    assert np.array_equal(batch.states, expected.states)
    assert batch.step_name == "sweep" and "sweeps" in batch.records()[0]
    assert batch.bits_corrupted.tolist() == [9] * 10
    assert batch.labels == tuple(str(k) for k in range(10))


# --- the same probe, every rule -------------------------------------------------------------------


def test_every_rule_runs_the_asked_mode_or_sync() -> None:
    probe = hopfield.corrupt(DIGITS.patterns[7], "flip", 0.15, 3, DIGITS.shape)
    ran = recall_every_rule(DIGITS.patterns, probe, 7, "stochastic", 10, 0.5, 3, DIGITS.labels)
    assert [one.rule for one in ran] == list(hopfield.RULES)
    for one in ran:
        rule = hopfield.RULES[one.rule]
        assert (
            one.mode == ("stochastic" if "stochastic" in rule.modes else "sync") and not one.error
        )
        net = HopfieldNetwork.train(DIGITS.patterns, one.rule, **rule.defaults())
        alone = recall_summary(net, probe, 7, one.mode, 10, 0.5, 3, DIGITS.labels)
        assert np.array_equal(one.summary.state, alone.state)
        assert (one.summary.steps, one.summary.outcome, one.summary.name) == (
            alone.steps,
            alone.outcome,
            alone.name,
        )


def test_every_rule_turns_a_refusal_into_its_sentence() -> None:
    ran = recall_every_rule(DIGITS.patterns, np.ones(5), 0)
    assert all(one.summary is None and "5 neurons" in one.error for one in ran)


# --- bad input ------------------------------------------------------------------------------------


def test_bad_input_raises_value_errors_naming_the_problem(hebb_one: HopfieldNetwork) -> None:
    with pytest.raises(ValueError, match="pattern indices from 0 to 0"):
        recall_summary(hebb_one, [1, 1, 1, 1], 1)
    with pytest.raises(ValueError, match="one state"):
        recall_summary(hebb_one, ONE.repeat(2, axis=0), 0)
    with pytest.raises(ValueError, match="one state"):
        recall_trajectory(hebb_one, ONE.repeat(2, axis=0))
    with pytest.raises(ValueError, match="limit must be at least 2"):
        frame_picks(10, 1)
    with pytest.raises(ValueError, match="labels"):
        recall_batch(hebb_one, labels=["a", "b"])
    with pytest.raises(ValueError, match="noise kind"):
        recall_batch(hebb_one, "smudge")
    with pytest.raises(ValueError, match="mode"):
        recall_trajectory(hebb_one, [1, 1, 1, 1], "telepathic")


def test_every_rule_takes_the_rules_to_run_and_names_an_unknown_one() -> None:
    """The app passes the registry's names, so a cached result is keyed by them (a plugin rule added or removed
    at run time gets a fresh run, not a stale one)."""
    patterns = random_patterns(3, 30, seed=2)
    ran = recall_every_rule(patterns, patterns[1], 1, rules=("storkey", "telepathy", "modern"))
    assert [one.rule for one in ran] == ["storkey", "telepathy", "modern"]
    assert ran[0].summary.outcome == "target" and ran[2].summary.outcome == "target"
    assert ran[1].summary is None and "Unknown learning rule 'telepathy'" in ran[1].error
