"""Outcomes of a recall: overlaps, Hamming distances, outcome labels, stability, pattern correlations.

Overlap of a state s with pattern ξ^μ: m_μ = (1/N) ξ^μ·s, in [−1, 1]; the Hamming distance
is d_μ = N (1 − m_μ) / 2. A recall outcome is one of

- "target":   the state equals the pattern it was meant to recall;
- "stored":   it equals another stored pattern;
- "reversed": it equals −ξ^μ for some μ (the energy is even in s, so −ξ^μ is as stable as ξ^μ);
- "mixture":  it equals sign(±ξ^a ± ξ^b ± ξ^c) for the three patterns with the largest |m_μ|,
              each taken with the sign of its overlap (Amit, Gutfreund & Sompolinsky 1985);
- "spurious": anything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..corrupt import corrupt
from ..dynamics import get_mode
from ..network import HopfieldNetwork
from ..patterns import as_patterns, as_states, check_count
from ..results import ReadOnlyArrays
from ..rules import RULES
from ._checks import require_patterns

__all__ = [
    "OUTCOMES",
    "ATTRACTOR_KINDS",
    "overlaps",
    "hamming",
    "classify",
    "describe",
    "stability",
    "correlation_matrix",
]

OUTCOMES = ("target", "stored", "reversed", "mixture", "spurious")
ATTRACTOR_KINDS = ("stored", "reversed", "mixture", "spurious")


def pattern_dots(patterns: np.ndarray, states: np.ndarray) -> np.ndarray:
    """ξ^μ·s for each state and pattern (B, P) as int64 (exact: float64 sums of ±1 far below 2^53)."""
    return np.rint(states.astype(np.float64) @ patterns.T.astype(np.float64)).astype(np.int64)


def patterns_and_states(patterns: object, states: object) -> tuple[np.ndarray, np.ndarray, bool]:
    """Checked patterns (P, N) int8, states as a batch (B, N) and whether one state (N,) was given."""
    xi = as_patterns(patterns)
    batch, single = as_states(states, xi.shape[1])
    return xi, batch, single


def overlaps(patterns: object, states: object) -> np.ndarray:
    """m_μ = (1/N) ξ^μ·s for every state (rows) and pattern (columns): float64 (B, P), a 1-D state gives B = 1."""
    xi, batch, _ = patterns_and_states(patterns, states)
    return pattern_dots(xi, batch) / xi.shape[1]


def hamming(patterns: object, states: object) -> np.ndarray:
    """Bits in which each state differs from each pattern, d_μ = (N − ξ^μ·s) / 2: int64 (B, P)."""
    xi, batch, _ = patterns_and_states(patterns, states)
    return (xi.shape[1] - pattern_dots(xi, batch)) // 2


def kinds_and_components(
    patterns: np.ndarray, states: np.ndarray
) -> tuple[list[str], list[tuple[tuple[int, int], ...]]]:
    """Kind of each state, ignoring targets ("stored", "reversed", "mixture", "spurious"), and its
    components as (pattern index, sign) pairs: one for stored/reversed, three (by index) for a mixture.

    The mixture candidate takes the three largest |ξ^μ·s| (ties to the lower index); a zero overlap
    among them gives no mixture. sign(±ξ^a ± ξ^b ± ξ^c) never ties: the sum of three ±1 is odd.
    """
    b, n = states.shape
    p = patterns.shape[0]
    if p == 0:
        return ["spurious"] * b, [()] * b
    dots = pattern_dots(patterns, states)
    stored, reversed_ = dots == n, dots == -n
    mixture = np.zeros(b, bool)
    top = np.zeros((b, 0), np.int64)
    top_signs = np.zeros((b, 0), np.int64)
    if p >= 3:
        top = np.argsort(-np.abs(dots), axis=1, kind="stable")[:, :3]
        top_signs = np.sign(np.take_along_axis(dots, top, axis=1))
        combined = np.sign(np.einsum("bk,bkn->bn", top_signs, patterns[top].astype(np.int64)))
        mixture = (top_signs != 0).all(axis=1) & (combined == states).all(axis=1)
    kinds, components = [], []
    for row in range(b):
        if stored[row].any():
            kinds.append("stored")
            components.append(((int(stored[row].argmax()), 1),))
        elif reversed_[row].any():
            kinds.append("reversed")
            components.append(((int(reversed_[row].argmax()), -1),))
        elif mixture[row]:
            kinds.append("mixture")
            components.append(
                tuple(sorted(zip(top[row].tolist(), top_signs[row].tolist(), strict=True)))
            )
        else:
            kinds.append("spurious")
            components.append(())
    return kinds, components


def _check_targets(targets: object, batch: int, count: int) -> np.ndarray:
    """Targets as int64 (B,): one index in [0, P) for every state, or one index for all of them."""
    values = np.asarray(targets)
    if values.dtype == bool or not np.issubdtype(values.dtype, np.integer):
        raise ValueError(f"targets must be whole-number pattern indices, got {targets!r}.")
    if values.ndim == 0:
        values = np.full(batch, int(values))
    if values.shape != (batch,):
        raise ValueError(
            f"targets must give one pattern index per state ({batch}), got shape {values.shape}."
        )
    if ((values < 0) | (values >= count)).any():
        raise ValueError(
            f"targets must be pattern indices from 0 to {count - 1}, got {values.tolist()}."
        )
    return values.astype(np.int64)


def classify(patterns: object, states: object, targets: object = None) -> list[str]:
    """Outcome of each state: "target", "stored", "reversed", "mixture" or "spurious" (see the module docstring).

    targets: None, one pattern index for every state, or one index per state; a state equal to
    its target pattern is "target", equal to any other stored pattern "stored".
    """
    xi, batch, _ = patterns_and_states(patterns, states)
    kinds, _ = kinds_and_components(xi, batch)
    if targets is not None:
        wanted = _check_targets(targets, len(batch), len(xi))
        hit = (batch == xi[wanted]).all(axis=1)
        kinds = ["target" if found else kind for kind, found in zip(kinds, hit, strict=True)]
    return kinds


def check_labels(labels: Sequence[str] | None, count: int) -> list[str]:
    """One name per stored pattern ("0", "1", … when None), or ValueError."""
    if labels is None:
        return [str(index) for index in range(count)]
    if isinstance(labels, (str, bytes)) or not hasattr(labels, "__len__") or len(labels) != count:
        raise ValueError(f"labels must be a sequence of {count} names, one per stored pattern.")
    return [str(label) for label in labels]


def outcome_label(kind: str, components: tuple[tuple[int, int], ...], labels: list[str]) -> str:
    """A state's name from its kind and components: "stored 3", "mixture of 1, −4, 7", "spurious"."""
    if kind == "spurious":
        return kind
    if kind == "mixture":
        names = ", ".join(("" if sign > 0 else "−") + labels[index] for index, sign in components)
        return f"mixture of {names}"
    return f"{kind} {labels[components[0][0]]}"


def describe(patterns: object, state: object, labels: Sequence[str] | None = None) -> str:
    """A short name for one state: "stored 3", "reversed 7", "mixture of 1, −4, 7" or "spurious".

    labels: one name per pattern (default: the indices "0", "1", ...). A mixture lists its three
    patterns by index, a reversed component (negative overlap) with a leading "−".
    """
    xi, batch, _ = patterns_and_states(patterns, state)
    if len(batch) != 1:
        raise ValueError(f"state must be one state (N,), got {len(batch)} states.")
    names = check_labels(labels, len(xi))
    kinds, components = kinds_and_components(xi, batch)
    return outcome_label(kinds[0], components[0], names)


def stability(network: HopfieldNetwork) -> np.ndarray:
    """Bits of each stored pattern that change in one synchronous update, int64 (P,); 0 is a fixed point.

    Counts i with sign(h_i) ≠ ξ^μ_i for h = W ξ^μ (a zero field keeps the bit), for the rule's own
    update (network.recall(patterns, mode="sync", max_steps=1)).
    """
    if network.memorised == 0:
        return np.zeros(0, np.int64)
    result = network.recall(network.patterns, mode="sync", max_steps=1)
    return (result.states != network.patterns).sum(axis=1).astype(np.int64)


def correlation_matrix(patterns: object) -> np.ndarray:
    """C_μν = (1/N) ξ^μ·ξ^ν, float64 (P, P): 1 on the diagonal, ±1 for equal or reversed patterns."""
    xi = as_patterns(patterns)
    return pattern_dots(xi, xi) / xi.shape[1]


# ---------------------------------------------------------------- one recall, a recorded recall, every pattern at once
# (appended for the Corrupt & recall page)

__all__ += [
    "STATUSES",
    "OUTCOME_SENTENCES",
    "RecallSummary",
    "recall_summary",
    "RecallTrajectory",
    "frame_picks",
    "recall_trajectory",
    "BatchRecall",
    "recall_batch",
    "RuleRecall",
    "recall_every_rule",
]

# How a recall ended, and what a person reads for it: a fixed point (no neuron wants to change), a
# 2-cycle (sync dynamics flipping between two states) or still moving when max_steps ran out.
STATUSES = {"converged": "fixed point", "cycled": "2-cycle", "moving": "step limit"}
# What each outcome means, in a sentence naming the target's label and the state (`describe`).
OUTCOME_SENTENCES = {
    "target": "Recalled the target {target}.",
    "stored": "Ended in another stored pattern: {name}, not {target}.",
    "reversed": "Ended in a reversed pattern ({name}): −ξ is as stable as ξ.",
    "mixture": "Ended in a spurious {name}: a blend of three memories.",
    "spurious": "Ended in a spurious state: no stored pattern, reversal or 3-mixture.",
}


def _statuses(converged: np.ndarray, cycled: np.ndarray) -> tuple[str, ...]:
    return tuple(
        "cycled" if c else "converged" if v else "moving"
        for v, c in zip(converged, cycled, strict=True)
    )


@dataclass(frozen=True)
class RecallSummary(ReadOnlyArrays):
    """One probe recalled towards the stored pattern `target`.

    state (N,) int8 final state; steps taken (sync steps or sweeps, `DYNAMICS[mode].step_name`);
    status one of `STATUSES`; outcome one of `OUTCOMES`; name from `describe` ("stored 3", "spurious");
    bits_corrupted = #{i: probe_i ≠ ξ^t_i}, bits_wrong = #{i: state_i ≠ ξ^t_i}.
    """

    state: np.ndarray
    steps: int
    status: str
    outcome: str
    name: str
    bits_corrupted: int
    bits_wrong: int

    def sentence(self, target: str) -> str:
        """How the recall ended, in words (`OUTCOME_SENTENCES`), the target pattern called `target`."""
        return OUTCOME_SENTENCES[self.outcome].format(target=target, name=self.name)


def recall_summary(
    network: HopfieldNetwork,
    probe: object,
    target: int,
    mode: str = "sync",
    max_steps: int = 100,
    temperature: float = 0.0,
    seed: int | np.random.Generator | None = None,
    labels: Sequence[str] | None = None,
    clamp: object | None = None,
) -> RecallSummary:
    """Recall one probe (N,) with `network.recall` (the `clamp` neurons held) and say how it ended compared with
    stored pattern `target`."""
    xi = network.patterns
    wanted = int(_check_targets(target, 1, len(xi))[0])
    names = check_labels(labels, len(xi))
    start, _ = as_states(probe, network.n, "probe")
    if len(start) != 1:
        raise ValueError(f"probe must be one state (N,), got {len(start)} states.")
    result = network.recall(start, mode, max_steps, temperature, seed, clamp=clamp)
    final = result.states[0]
    return RecallSummary(
        state=final,
        steps=int(result.steps[0]),
        status=_statuses(result.converged, result.cycled)[0],
        outcome=classify(xi, final, wanted)[0],
        name=describe(xi, final, names),
        bits_corrupted=int((start[0] != xi[wanted]).sum()),
        bits_wrong=int((final != xi[wanted]).sum()),
    )


def frame_picks(count: int, limit: int) -> np.ndarray:
    """At most `limit` (>= 2) of `count` frame indices, spread evenly with the first and the last kept: int64.

    All of them when count <= limit; else the distinct values of round(k (count − 1) / (limit − 1)), k < limit.
    """
    count, limit = check_count(count, "count", minimum=0), check_count(limit, "limit", minimum=2)
    if count <= limit:
        return np.arange(count, dtype=np.int64)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(np.int64))


@dataclass(frozen=True)
class RecallTrajectory(ReadOnlyArrays):
    """A recorded recall of one probe, at most `max_frames` frames of it.

    frames (F, N) int8, frame 0 the probe; positions (F,) int64: after how many `unit`s each frame
    comes (0, 1, 2, ... unless frames were dropped); updates: the `unit`s in the whole recording;
    energies (F,) E(s) of each frame; overlaps (F, P) m_μ = (1/N) ξ^μ·s; unit: `DYNAMICS[mode].record_unit`
    ("step", "flip" or "sweep").
    """

    frames: np.ndarray
    positions: np.ndarray
    updates: int
    energies: np.ndarray
    overlaps: np.ndarray
    unit: str

    def strongest(self, target: int, limit: int) -> list[int]:
        """`target` and the limit − 1 other patterns with the largest max_t |m_μ(t)| (ties: lower index), sorted."""
        peaks = np.abs(self.overlaps).max(axis=0)
        others = [int(k) for k in np.argsort(-peaks, kind="stable") if k != target]
        return sorted({int(target), *others[: max(limit - 1, 0)]})


def recall_trajectory(
    network: HopfieldNetwork,
    probe: object,
    mode: str = "sync",
    max_steps: int = 100,
    temperature: float = 0.0,
    seed: int | np.random.Generator | None = None,
    max_frames: int = 200,
    clamp: object | None = None,
) -> RecallTrajectory:
    """Recall one probe (N,) recording every `DYNAMICS[mode].record_unit` (one frame per flip for async), the
    `clamp` neurons held, then keep `frame_picks(T, max_frames)` of the T recorded frames with their energies and
    overlaps."""
    start, _ = as_states(probe, network.n, "probe")
    if len(start) != 1:
        raise ValueError(f"probe must be one state (N,), got {len(start)} states.")
    unit = get_mode(mode).record_unit
    result = network.recall(
        start, mode, max_steps, temperature, seed, "flips" if unit == "flip" else True, clamp=clamp
    )
    picks = frame_picks(len(result.trajectory), max_frames)
    frames = np.ascontiguousarray(result.trajectory[picks, 0, :])
    return RecallTrajectory(
        frames,
        picks,
        len(result.trajectory) - 1,
        result.energies[picks, 0].copy(),
        overlaps(network.patterns, frames),
        unit,
    )


@dataclass(frozen=True)
class BatchRecall(ReadOnlyArrays):
    """Every stored pattern ξ^μ corrupted with the same noise into noisy[μ] and recalled into states[μ].

    steps (P,), statuses (one of `STATUSES` each), outcomes against its own pattern, names (`describe`),
    bits_corrupted[μ] = #{i: noisy_μi ≠ ξ^μ_i}, bits_wrong[μ] = #{i: state_μi ≠ ξ^μ_i}; labels name the
    patterns and step_name what `steps` counts ("step" or "sweep").
    """

    noisy: np.ndarray
    states: np.ndarray
    steps: np.ndarray
    statuses: tuple[str, ...]
    outcomes: tuple[str, ...]
    names: tuple[str, ...]
    bits_corrupted: np.ndarray
    bits_wrong: np.ndarray
    labels: tuple[str, ...]
    step_name: str

    @property
    def recalled(self) -> np.ndarray:
        """(P,) bool: the recall ended on its own pattern."""
        return np.array([outcome == "target" for outcome in self.outcomes], dtype=bool)

    def records(self) -> list[dict[str, object]]:
        """One row per pattern: pattern, outcome, ends in, bits corrupted, bits wrong, <step_name>s, status."""
        return [
            {
                "pattern": self.labels[k],
                "outcome": self.outcomes[k],
                "ends in": self.names[k],
                "bits corrupted": int(self.bits_corrupted[k]),
                "bits wrong": int(self.bits_wrong[k]),
                f"{self.step_name}s": int(self.steps[k]),
                "status": STATUSES[self.statuses[k]],
            }
            for k in range(len(self.labels))
        ]


def recall_batch(
    network: HopfieldNetwork,
    noise: str = "flip",
    level: float = 0.1,
    mode: str = "sync",
    max_steps: int = 100,
    temperature: float = 0.0,
    seed: int | None = None,
    shape: tuple[int, int] | None = None,
    labels: Sequence[str] | None = None,
) -> BatchRecall:
    """Corrupt every stored pattern with `hopfield.corrupt(patterns, noise, level, seed, shape)` and recall the
    P probes in one batch with the same seed; the outcome of row μ is judged against ξ^μ."""
    xi = network.patterns
    require_patterns(network)
    names = check_labels(labels, len(xi))
    noisy = corrupt(xi, noise, level, seed, shape)
    result = network.recall(noisy, mode, max_steps, temperature, seed)
    return BatchRecall(
        noisy=noisy,
        states=result.states,
        steps=result.steps.astype(np.int64),
        statuses=_statuses(result.converged, result.cycled),
        outcomes=tuple(classify(xi, result.states, np.arange(len(xi)))),
        names=tuple(describe(xi, state, names) for state in result.states),
        bits_corrupted=(noisy != xi).sum(axis=1),
        bits_wrong=(result.states != xi).sum(axis=1),
        labels=tuple(names),
        step_name=get_mode(mode).step_name,
    )


@dataclass(frozen=True)
class RuleRecall:
    """One probe recalled by one learning rule: the rule's name, the mode it ran (the one asked for, or "sync"
    when the rule cannot run it) and its summary, or None with the sentence saying why it could not run."""

    rule: str
    mode: str
    summary: RecallSummary | None
    error: str = ""


def recall_every_rule(
    patterns: object,
    probe: object,
    target: int,
    mode: str = "sync",
    max_steps: int = 100,
    temperature: float = 0.0,
    seed: int | None = None,
    labels: Sequence[str] | None = None,
    rules: Sequence[str] | None = None,
) -> list[RuleRecall]:
    """Train every rule of `rules` (default: every registered rule, `hopfield.RULES`; each with its default
    parameters) on `patterns` and recall `probe` towards pattern `target` with each, with the same seed; a
    ValueError of one rule becomes its `error`."""
    results = []
    for name in RULES if rules is None else rules:
        rule = RULES.get(name)  # an unknown name: train says so in its error
        used = mode if rule is None or mode in rule.modes else "sync"
        try:
            network = HopfieldNetwork.train(patterns, name, **(rule.defaults() if rule else {}))
            summary = recall_summary(
                network, probe, target, used, max_steps, temperature, seed, labels
            )
        except ValueError as error:
            results.append(RuleRecall(name, used, None, str(error)))
        else:
            results.append(RuleRecall(name, used, summary))
    return results
