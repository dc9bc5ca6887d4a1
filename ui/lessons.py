"""Lessons for a class: each opens a view (a page with its settings, the same deep link a teacher shares), asks a
question and checks the answer against what the engine computes for the student's own settings.

A lesson's `answer(settings, network)` reads the settings the student has now (the session's values, else the
lesson's view) and returns an `Answer`: the expected number or choice, or whether the page shows what was asked,
with the engine's numbers in a sentence (`facts`). No Streamlit here beyond the caches.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

import hopfield
from hopfield import DYNAMICS, HopfieldNetwork, analysis
from hopfield.analysis import learning_curves, memory_views, outcomes, sweeps
from ui import caches, cycles, damage_view, link, recall_probe, words

KINDS = (
    "number",
    "choice",
    "show",
)  # a number within a tolerance, one of the options, "make the page show X"
ENERGY_RISE = 1e-9  # a step raises the energy when E(t + 1) − E(t) exceeds this (float rounding)
COMPARED = ("hebbian", "storkey", "pseudoinverse")  # lesson 5's rules
LEARNING_SEED = (
    0  # as the Learning page: the random sequence, the basins against strength and the dreams
)
SEQUENCE_P, SEQUENCE_SIDE, STRONG_P = (
    40,
    14,
    20,
)  # as the Learning page: its random sequence, the first 20 of it
STRONG = 3.0  # the strength lesson 7 asks about (a strength the Learning page draws)
STRENGTHS = (
    1.0,
    STRONG,
)  # every strength shares the probes (`strength_basins`), so the page's curves are these
LEVELS = tuple(
    float(level) for level in np.round(np.linspace(0.0, 0.5, 11), 2)
)  # as the Learning page
BASIN_TRIALS = 20  # as the Learning page
CENSUS_STARTS = 300  # as the Learning page's dreaming census
CAPACITY_POINTS, CAPACITY_SEED = 10, 0  # as the Compare page's capacity sweep
BETAS = analysis.log_betas(0.1, 1e4, 8)  # as the Continuous memories page's β sweep (8 a decade)
SEQUENCE_TITLES = {
    "linear": "Linear",
    "dense-poly": "Dense polynomial",
    "dense-exp": "Dense exponential",
}  # Sequences


@dataclass(frozen=True)
class Answer:
    """What the engine says for the student's settings: `expected` (a number, the right options, or whether the
    page shows what was asked), `facts` (a sentence with the engine's numbers), `tolerance` (absolute, or a
    factor when `ratio`)."""

    expected: float | tuple[str, ...] | bool
    facts: str
    tolerance: float = 0.0
    ratio: bool = False

    def accepts(self, given: Any) -> bool:
        """A number within the tolerance (|log(given / expected)| <= log(tolerance) when `ratio`), one of the right
        options, or (for "make the page show X") whether the page shows it now."""
        if isinstance(self.expected, bool):
            return self.expected
        if isinstance(self.expected, tuple):
            return given in self.expected
        if given is None or not math.isfinite(self.expected):
            return False
        if self.ratio:
            return (
                given > 0
                and abs(math.log(given / self.expected)) <= math.log(self.tolerance) + 1e-12
            )
        return abs(float(given) - self.expected) <= self.tolerance + 1e-12


class Settings:
    """The settings a lesson's answer reads: the session's value of a key, else the lesson's view."""

    def __init__(self, state: Mapping[str, Any], view: Mapping[str, Any]):
        self.state, self.view = state, view

    def __getitem__(self, key: str) -> Any:
        return self.state.get(key, self.view[key])


@dataclass(frozen=True)
class Lesson:
    """One lesson: the view it opens (`page`, link values `view`), its question and how it is checked."""

    key: str
    title: str
    goal: str
    page: str  # the page file, e.g. "app_pages/recall.py"
    view: Mapping[str, Any]
    question: str
    kind: str  # one of KINDS
    hint: str
    explanation: str
    answer: Callable[
        [Settings, HopfieldNetwork | None], Answer | str
    ]  # a str: why there is no answer now
    options: tuple[str, ...] = field(default=())
    unit: str = ""  # what the number counts, shown beside the input
    step: float = 1  # the number input's step (a whole number when 1)

    @property
    def url_path(self) -> str:
        """The page's address in the app: its file name without .py."""
        return self.page.rsplit("/", 1)[-1].removesuffix(".py")

    def query(self) -> dict[str, str]:
        """The view as link values (`pick` as "0-3,7", lists joined by commas)."""
        return {
            key: link.format_picks(value)
            if key == "pick"
            else ",".join(map(str, value))
            if isinstance(value, (list, tuple))
            else str(value)
            for key, value in self.view.items()
        }

    def link(self, base: str = "") -> str:
        """The deep link of the view: `base` + page + "?" + the query."""
        return f"{base}{self.url_path}?" + "&".join(
            f"{key}={value}" for key, value in self.query().items()
        )


# ---------------------------------------------------------------- the engine's answers, cached per settings


@caches.cached(max_entries=32)
def _batch(
    net: HopfieldNetwork, noise: str, level: float, mode: str, steps: int, temp: float, seed: int
):
    return outcomes.recall_batch(net, noise, level, mode, steps, temp, seed)


@caches.cached(max_entries=32)
def _trajectory(
    net: HopfieldNetwork,
    probe: np.ndarray,
    mode: str,
    steps: int,
    temp: float,
    seed: int,
    clamp: np.ndarray | None,
):
    return outcomes.recall_trajectory(net, probe, mode, steps, temp, seed, clamp=clamp)


@caches.cached(max_entries=32)
def _summary(
    net: HopfieldNetwork,
    probe: np.ndarray,
    pick: int,
    mode: str,
    steps: int,
    temp: float,
    seed: int,
    clamp: np.ndarray | None,
):
    return outcomes.recall_summary(net, probe, pick, mode, steps, temp, seed, clamp=clamp)


@caches.cached(max_entries=16)
def _replayed(
    patterns: np.ndarray, rule: str, degree: int, noise: float, seed: int
) -> tuple[int, int]:
    """How many of the cycle's transitions a replay gets exactly right, of how many (the Sequences page's replay)."""
    found = cycles.replay(patterns, rule, degree, noise, seed)
    return int(found.exact.sum()), len(found.exact)


@caches.cached(max_entries=16)
def _capacity(n: int, pmax: int, trials: int, noise: float) -> tuple[float, float]:
    """Hebb's measured capacity (P where success first falls below 1/2) and its theory, as Compare measures them."""
    lineup = {"hebbian": {}}
    runs = sweeps.capacity_curves(
        lineup, n, sweeps.pattern_counts(pmax, CAPACITY_POINTS), trials, noise, seed=CAPACITY_SEED
    )
    return runs.results["hebbian"].measured_capacity(), sweeps.theoretical_capacities(lineup, n)[
        "hebbian"
    ]


@caches.cached(max_entries=16)
def _rule_counts(
    patterns: np.ndarray, noise: str, level: float, steps: int, seed: int
) -> dict[str, int]:
    """How many of `patterns` each rule of COMPARED recalls (sync), from the same corrupted probes."""
    return {
        rule: int(
            outcomes.recall_batch(
                HopfieldNetwork.train(patterns, rule), noise, level, "sync", steps, 0.0, seed
            ).recalled.sum()
        )
        for rule in COMPARED
    }


@caches.cached(max_entries=16)
def _first_single(
    set_name: str, index: int, kind: str, amount: float, seed: int
) -> tuple[float | None, str]:
    """The smallest β of the sweep whose fixed point is one stored image, and the image's name."""
    gray = hopfield.load_gray_set(set_name)
    probe = hopfield.real_probe(gray.patterns, index, kind, gray.shape, amount, seed)
    swept = analysis.beta_sweep(gray.patterns, probe, gray.patterns[index], BETAS, 200)
    return swept.first_beta("single"), gray.labels[index]


@caches.cached(max_entries=16)
def _strong_basins(pick: int, rule: str) -> np.ndarray:
    """Success (2, L) of pattern `pick` of the Learning page's random sequence at strengths 1 and STRONG."""
    basis = caches.random_set(SEQUENCE_P, SEQUENCE_SIDE, LEARNING_SEED).patterns[:STRONG_P]
    return learning_curves.strength_basins(
        basis, pick, STRENGTHS, LEVELS, BASIN_TRIALS, LEARNING_SEED, rule
    ).success


@caches.cached(max_entries=8)
def _dreams(patterns: np.ndarray, params: tuple) -> learning_curves.DreamingEffect:
    return learning_curves.dreaming_effect(patterns, dict(params), CENSUS_STARTS, LEARNING_SEED)


def widest_level(success: np.ndarray, levels: Sequence[float]) -> float:
    """The largest noise level up to which every level is recalled in at least half the trials (0 if none)."""
    kept = np.cumprod(np.asarray(success) >= 0.5).astype(bool)
    return float(np.asarray(levels)[kept][-1]) if kept.any() else 0.0


def _temperature(settings: Settings) -> float:
    return float(settings["temp"]) if DYNAMICS[settings["mode"]].needs_temperature else 0.0


@dataclass(frozen=True)
class Probe:
    """The Recall page's probe for the session's settings: the pattern, the probe with the pixels flipped by hand,
    and the pixels held (None unless a hiding noise with "Known pixels held")."""

    pick: int
    probe: np.ndarray
    clamp: np.ndarray | None


DRAWN = (
    "This lesson checks the noisy probe: switch off *Draw the probe by hand* on Corrupt & recall."
)


def _probe(settings: Settings, net: HopfieldNetwork, shape: tuple[int, int]) -> Probe:
    """The probe as Recall builds it: the pattern corrupted, the pixels flipped by hand, the known pixels held."""
    pick = min(int(settings["pattern"]), net.memorised - 1)
    noise, level, seed = settings["noise"], settings["level"], settings["rseed"]
    noisy = hopfield.corrupt(net.patterns[pick], noise, level, seed, shape)
    edits = recall_probe.kept_edits(settings.state.get(recall_probe.EDITS), pick, net.n)["pixels"]
    probe = recall_probe.with_edits(noisy, edits)
    held = noise in hopfield.noise.HIDING_KINDS and settings["held"]
    return Probe(
        pick, probe, ~hopfield.noise.hidden(noise, level, net.n, seed, shape) if held else None
    )


def _shape(settings: Settings, net: HopfieldNetwork) -> tuple[int, int]:
    """The memory's picture shape (a random set's side², a built-in set's own; one row for anything else)."""
    if settings["set"] == "random":
        return (int(settings["side"]),) * 2
    if settings["set"] in hopfield.SET_NAMES:
        return caches.builtin_set(settings["set"]).shape
    return (1, net.n)


# ---------------------------------------------------------------- each lesson's answer

NEEDS_MEMORY = "Store at least one pattern in the sidebar first."


def _recall_probe(settings: Settings, net: HopfieldNetwork | None) -> Probe | str:
    """The Recall page's noisy probe (`_probe`), or why a lesson cannot check it: no memory, a probe drawn by hand."""
    if net is None:
        return NEEDS_MEMORY
    if settings["drawprobe"]:
        return DRAWN
    return _probe(settings, net, _shape(settings, net))


def ten_digits(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    if net is None:
        return NEEDS_MEMORY
    found = _batch(
        net,
        settings["noise"],
        settings["level"],
        settings["mode"],
        settings["steps"],
        _temperature(settings),
        settings["rseed"],
    )
    recalled = int(found.recalled.sum())
    alike = memory_views.most_alike_pair(outcomes.correlation_matrix(net.patterns))
    crosstalk = (
        ""
        if alike is None
        else (
            f" The most alike pair (stored patterns #{alike.first} and #{alike.second}) "
            f"have an overlap C = {alike.correlation:.2f}."
        )
    )
    return Answer(
        recalled,
        f"{recalled} of {net.memorised} come back at a load P/N = {net.memorised}/{net.n} = "
        f"{net.memorised / net.n:.2f}.{crosstalk}",
    )


def hebb_load(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    measured, theory = _capacity(
        settings["n"], settings["pmax"], settings["trials"], settings["cnoise"]
    )
    if not math.isfinite(measured):
        return (
            f"Hebb's rule recalls at least half up to P = {settings['pmax']}: raise Largest P on Compare and "
            "run the sweep."
        )
    return Answer(
        round(measured, 1),
        f"Measured: success falls below one half at P ≈ {measured:.1f} for "
        f"N = {settings['n']}, a load of {measured / settings['n']:.3f}; theory 0.138 N = {theory:.1f}.",
        tolerance=max(1.0, 0.1 * measured),
    )


def sync_energy(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    made = _recall_probe(settings, net)
    if isinstance(made, str):
        return made
    steps, temp, seed = settings["steps"], _temperature(settings), settings["rseed"]
    run = _trajectory(net, made.probe, settings["mode"], steps, temp, seed, made.clamp)
    rises = np.diff(run.energies)
    calm = (
        _trajectory(net, made.probe, "async", steps, 0.0, seed, made.clamp)
        if "async" in net.modes
        else None
    )
    after = (
        ""
        if calm is None
        else (
            f" Asynchronous updates from the same probe: the largest change of E in one "
            f"flip is {np.diff(calm.energies).max(initial=0.0):+.3f}."
        )
    )
    mode = DYNAMICS[settings["mode"]].title.lower()
    facts = (
        f"With {mode} updates E goes {' → '.join(f'{e:.2f}' for e in run.energies[:6])}"
        f"{' …' if len(run.energies) > 6 else ''}; its largest rise in one {run.unit} is "
        f"{rises.max(initial=0.0):+.3f}.{after}"
    )
    return Answer(((LOWERS, RISES)[int(rises.max(initial=0.0) > ENERGY_RISE)],), facts)


LOWERS, RISES = "Yes: every step lowers E or keeps it", "No: E goes up at some step"


def mixture(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    made = _recall_probe(settings, net)
    if isinstance(made, str):
        return made
    found = _summary(
        net,
        made.probe,
        made.pick,
        settings["mode"],
        settings["steps"],
        _temperature(settings),
        settings["rseed"],
        made.clamp,
    )
    return Answer(
        found.outcome == "mixture",
        f"The page's recall now ends in: {found.name} ({found.outcome}, "
        f"{outcomes.STATUSES[found.status]}).",
    )


def correlated_rules(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    if net is None:
        return NEEDS_MEMORY
    counts = _rule_counts(
        net.patterns, settings["noise"], settings["level"], settings["steps"], settings["rseed"]
    )
    best = max(counts.values())
    right = tuple(hopfield.RULES[rule].title for rule, count in counts.items() if count == best)
    return Answer(
        right,
        "Recalled of "
        + words.counted(net.memorised, "pattern")
        + ": "
        + ", ".join(f"{hopfield.RULES[rule].title} {count}" for rule, count in counts.items())
        + ".",
    )


def beta_single(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    if settings["cset"] not in hopfield.GRAY_SET_NAMES:
        return "This lesson uses a built-in image set: choose one on Continuous memories."
    first, name = _first_single(
        settings["cset"],
        settings["cimage"],
        settings["cprobe"],
        settings["camount"],
        settings["cseed"],
    )
    if first is None:
        return f"No β up to {BETAS[-1]:,.0f} retrieves a single image from this probe: make the probe less damaged."
    return Answer(
        first,
        f"The probe of {name} ends in one stored image from β ≈ {first:.3g} on; below, it ends in "
        "an average of several.",
        tolerance=BETAS[1] / BETAS[0] * 1.01,
        ratio=True,
    )


def strong_basin(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    rule = settings["srule"]
    if not hopfield.RULES[rule].strengths or settings["sequence"] != "random":
        return (
            "This lesson uses the random sequence and a rule with strengths: open its view again."
        )
    success = _strong_basins(min(int(settings["spick"]), STRONG_P - 1), rule)
    plain, strong = (widest_level(row, LEVELS) for row in success)
    return Answer(
        strong,
        f"Recalled in at least half the trials up to noise {plain:.2f} with c = 1 and up to "
        f"{strong:.2f} with c = {STRONG:g}.",
        tolerance=0.05 + 1e-9,
    )


def dreaming(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    if net is None:
        return NEEDS_MEMORY
    params = tuple(sweeps.rule_settings(net, ["unlearning"])["unlearning"].items())
    effect = _dreams(net.patterns, params)
    before, after = (
        stored_share(kinds) for kind in ("before", "after") for kinds in [getattr(effect, kind)]
    )
    return Answer(
        round(after, 3),
        f"Of {CENSUS_STARTS} random starts, {before:.0%} end in a stored pattern or its "
        f"reverse before dreaming and {after:.0%} after.",
        tolerance=0.02,
    )


def sequence_rules(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    if settings["qsource"] != "word":
        return "This lesson stores a word: choose 'A word you type' on Sequences."
    stored = cycles.word_cycle(settings["qword"])
    exact = {
        rule: _replayed(
            stored.patterns, rule, settings["qdegree"], settings["qnoise"], settings["qseed"]
        )
        for rule in hopfield.SEQUENCE_RULES
    }
    right = tuple(
        SEQUENCE_TITLES[rule] for rule, (hits, _) in exact.items() if hits == len(stored.labels)
    )
    facts = (
        "Exact transitions: "
        + ", ".join(
            f"{SEQUENCE_TITLES[rule]} {hits} of {total}" for rule, (hits, total) in exact.items()
        )
        + "."
    )
    if not right:
        return f"No rule replays {settings['qword']!r} perfectly at this noise ({facts}): try less noise."
    return Answer(right, facts)


def damaged(settings: Settings, net: HopfieldNetwork | None) -> Answer | str:
    if net is None:
        return NEEDS_MEMORY
    if net.couplings is None:
        return (
            "The sidebar's rule keeps no weight matrix to damage: choose the pseudo-inverse again."
        )
    _, recalled = damage_view.damaged_recall(
        net, settings["dkind"], settings["dlevel"], settings["dclip"]
    )
    _, whole = damage_view.damaged_recall(net, settings["dkind"], 0.0, False)
    return Answer(
        recalled,
        f"{recalled} of {net.memorised} recalled after the damage ({whole} without it), "
        f"from {damage_view.NOISE:.0%} flipped bits.",
    )


def stored_share(kinds: Mapping[str, int]) -> float:
    """The share of a census's starts that end in a stored pattern or its reverse."""
    return (kinds.get("stored", 0) + kinds.get("reversed", 0)) / max(1, sum(kinds.values()))


# ---------------------------------------------------------------- the lessons, in the order of the story

RECALL = "app_pages/recall.py"
DIGITS = {"set": "digits", "pick": list(range(10)), "rule": "hebbian"}
PROBE = {
    "noise": "flip",
    "mode": "sync",
    "steps": 20,
    "temp": 0.5,
    "rseed": 0,
    "drawprobe": False,
    "held": False,
}

LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "ten-digits",
        "The ten digits fail",
        "Store all ten seed digits with Hebb's rule and see how many come back.",
        RECALL,
        DIGITS | PROBE | {"pattern": 7, "level": 0.05},
        "How many of the stored digits does the network recall? (tab **All patterns**, *Recalled*)",
        "number",
        "Open the tab All patterns below the animation and read Recalled.",
        "Ten patterns on N = 90 neurons is a load of 0.11, under Hebb's 0.138 — but that limit is for random "
        "patterns. The digits share many pixels, so every digit's field carries the others' (crosstalk) and the "
        "state slides into a spurious mix of them. Store fewer digits in the sidebar, or try another rule.",
        ten_digits,
        unit="patterns",
    ),
    Lesson(
        "hebb-load",
        "Where Hebb breaks",
        "Find the number of random patterns at which Hebb's rule stops working "
        "for N = 100 neurons.",
        "app_pages/compare.py",
        {"n": 100, "pmax": 30, "trials": 10, "rules": ["hebbian"], "cnoise": 0.0},
        "Run the capacity sweep: at what P does the share of patterns recalled first fall below one half?",
        "number",
        "Press Run sweep and read the table's 'measured P at 50% success'.",
        "Each stored pattern's field is its own signal plus the crosstalk of the others, a noise of variance "
        "≈ P/N. Past a load of about 0.138 (Amit, Gutfreund & Sompolinsky 1985) the errors avalanche and the "
        "patterns stop being attractors. That limit is for large N and allows a few wrong bits; the sweep counts "
        "exact fixed points at N = 100, so its P at one half lands near it, not on it.",
        hebb_load,
        unit="patterns",
        step=0.1,
    ),
    Lesson(
        "sync-energy",
        "Synchronous updates and energy",
        "See that updating every neuron at once can raise the energy and end in a 2-cycle.",
        RECALL,
        {"set": "random", "p": 6, "side": 3, "seed": 1, "pick": list(range(6)), "rule": "hebbian"}
        | PROBE
        | {"pattern": 0, "level": 0.3},
        "Does every synchronous step of this recall lower the energy E?",
        "choice",
        "Look at the energy curve on the right: does it ever go up?",
        "Hopfield (1982) proved that E = −½ sᵀWs never rises when one neuron is updated at a time. With all "
        "neurons at once the proof breaks: a symmetric network's synchronous run ends in a fixed point or a "
        "2-cycle (Goles, Fogelman-Soulié & Pellegrin 1985), and E can go up on the way. Switch Dynamics to "
        "asynchronous: the same probe then only goes downhill.",
        sync_energy,
        options=(LOWERS, RISES),
    ),
    Lesson(
        "mixture",
        "A spurious mixture",
        "Make the network settle in a mixture of three stored digits instead of any one of them.",
        RECALL,
        {"set": "digits", "pick": [1, 4, 7], "rule": "hebbian"}
        | PROBE
        | {"pattern": 0, "level": 0.3},
        "Change the noise level, the pattern or the random seed (under *Max steps, random seed…*) until the "
        "recall ends in a mixture, then check.",
        "show",
        "Try noise levels from 0.3 to 0.5 and seeds 0 to 5; the box beside the pictures names where it ended.",
        "The sign of ±ξ¹ ± ξ² ± ξ³ is itself a minimum of Hebb's energy (Amit, Gutfreund & Sompolinsky 1985): a "
        "spurious state the rule never stored. A probe halfway between the memories falls into it.",
        mixture,
    ),
    Lesson(
        "correlated-rules",
        "Rules for correlated patterns",
        "Compare Hebb, Storkey and the pseudo-inverse on the ten correlated digits.",
        RECALL,
        DIGITS | {"rule": "storkey"} | PROBE | {"pattern": 7, "level": 0.1},
        "Which rule recalls the most of the stored patterns from these probes? (switch the sidebar's rule and "
        "read *All patterns*)",
        "choice",
        "Try each rule in the sidebar and compare the Recalled counts.",
        "Storkey's rule (1997) subtracts part of the crosstalk field while learning; the pseudo-inverse "
        "(Personnaz, Guyon & Dreyfus 1985) projects onto the span of the patterns, W = Ξ(ΞᵀΞ)⁻¹Ξᵀ, so every "
        "stored pattern is a fixed point however alike they are (up to P = N).",
        correlated_rules,
        options=tuple(hopfield.RULES[rule].title for rule in COMPARED),
    ),
    Lesson(
        "beta",
        "β: from the average to one photo",
        "Raise β in a modern memory until it returns one photo instead of a blend of all of them.",
        "app_pages/continuous.py",
        {
            "cset": "photos",
            "cimage": 0,
            "cprobe": "noise",
            "camount": 0.5,
            "cseed": 0,
            "cbeta": "0.1",
        },
        "From which β on does the recall end in one stored image?",
        "number",
        "Move the β slider up step by step and watch the box under the pictures; the β sweep tab shows the bands.",
        "The update is a softmax over the memories' correlations with the state (Ramsauer et al. 2020). Small β "
        "weighs them all alike: the fixed point is their average. Large β puts all the weight on the nearest "
        "memory: one photo. The switch comes when β outweighs the gap between the closest memories.",
        beta_single,
        unit="β",
        step=0.1,
    ),
    Lesson(
        "strong-basin",
        "A stronger memory's deeper basin",
        "Store one pattern with strength c = 3 and see how much more noise it survives.",
        "app_pages/learning.py",
        {"sequence": "random", "spick": 0, "srule": "hebbian"},
        f"Under *Stronger memories*: up to which noise level is the pattern with c = {STRONG:g} still recalled in "
        "at least half the trials?",
        "number",
        "Follow the c = 3 curve from the left and stop at the last noise level where it is at 0.5 or above.",
        "W = (1/N) Σ c_μ ξ^μ ξ^μᵀ: a strength c multiplies the pattern's own signal in its field while the others' "
        "crosstalk stays, so the minimum is deeper and its basin wider.",
        strong_basin,
        unit="noise level",
        step=0.05,
    ),
    Lesson(
        "dreaming",
        "Dreaming spurious states away",
        "Let the network dream (unlearn where random starts fall) and "
        "count how many starts end in a stored digit.",
        "app_pages/learning.py",
        {"set": "digits", "pick": list(range(5)), "rule": "hebbian"},
        "Under *Dreaming away spurious states*, press the button: after dreaming, what share of the random starts "
        "end in a stored pattern or its reverse? (a fraction, e.g. 0.4)",
        "number",
        "Add the 'stored' and 'reversed' bars of the chart after dreaming and divide by the number of starts.",
        "Hopfield, Feinstein & Palmer (1983): relax from random states and unlearn where they end, "
        "W ← W − (ε/N) s*s*ᵀ. Most ends are spurious, so their minima get shallower while the stored patterns "
        "keep theirs: more starts reach a stored pattern.",
        dreaming,
        unit="share",
        step=0.01,
    ),
    Lesson(
        "sequence",
        "A sequence: what comes next",
        "Store the letters of a word as a cycle and find the rules that play it back in order.",
        "app_pages/sequences.py",
        {
            "qsource": "word",
            "qword": "HOPFIELD",
            "qrule": "linear",
            "qdegree": 3,
            "qnoise": 0.1,
            "qseed": 0,
        },
        "Which rule replays every transition of the word exactly? (try each rule; read *Transitions exact*)",
        "choice",
        "Switch Rule between Linear, Dense polynomial and Dense exponential and compare the captions.",
        "Asymmetric weights W = (1/N) Σ ξ^{μ+1} ξ^μᵀ step each pattern to the next (Sompolinsky & Kanter 1986). "
        "The linear rule adds every other pattern's crosstalk; a steep separation function F(m) = m^d or e^{βm} "
        "(Chaudhry, Zavatone-Veth, Krotov & Pehlevan 2023) lets only the current pattern speak, so longer and more "
        "alike cycles play back exactly. A repeated letter has two successors: no memory of the present alone can "
        "replay it.",
        sequence_rules,
        options=tuple(SEQUENCE_TITLES[rule] for rule in hopfield.SEQUENCE_RULES),
    ),
    Lesson(
        "damage",
        "Damage that degrades gracefully",
        "Cut a share of the synapses and count what the network still remembers.",
        "app_pages/store.py",
        DIGITS | {"rule": "pseudoinverse", "dkind": "prune", "dlevel": 0.3, "dclip": False},
        "Under *Damage the network*: with these synapses cut, how many stored patterns does it still recall?",
        "number",
        "Read 'Recalled after damage' beside the damaged weight matrix.",
        "Every memory is spread over all the synapses, so cutting some of them weakens every pattern a little "
        "instead of erasing a few: recall fades slowly as the damage grows (Hopfield 1982). Keeping only the "
        "sign of each weight (Sompolinsky 1986) costs more for these correlated digits.",
        damaged,
        unit="patterns",
    ),
)
BY_KEY: dict[str, Lesson] = {lesson.key: lesson for lesson in LESSONS}


def answer(lesson: Lesson, state: Mapping[str, Any], net: HopfieldNetwork | None) -> Answer | str:
    """The engine's answer to `lesson` for the settings in `state` (else the lesson's view) and the memory `net`;
    a ValueError's sentence (a setting the engine refuses) comes back as the str."""
    try:
        return lesson.answer(Settings(state, lesson.view), net)
    except ValueError as error:
        return str(error)


def overview(base: str = "") -> str:
    """The teacher's one-page overview in Markdown: every lesson's goal, question and link."""
    parts = [
        "# Hopfield Lab — lessons",
        "",
        "Each link opens the page with the lesson's settings. The Lessons page checks the answers.",
        "",
    ]
    for number, lesson in enumerate(LESSONS, 1):
        parts += [
            f"## {number}. {lesson.title}",
            "",
            lesson.goal,
            "",
            f"*Question:* {lesson.question}",
            "",
            f"*View:* [{lesson.link()}]({lesson.link(base)}) · *Lesson:* "
            f"[lessons?lesson={lesson.key}]({base}lessons?lesson={lesson.key})",
            "",
        ]
    return "\n".join(parts)


# ---------------------------------------------------------------- the session: opening a view, progress

PENDING = "_lesson_opening"  # session key: the lesson whose view the next run opens
CHECKED = "_lesson_checked"  # session key: lesson key -> its last `Check` (right, facts)
DONE = "_lessons_done"  # session key: the lessons answered right in this session


@dataclass(frozen=True)
class Check:
    """A checked answer: right or not, and the engine's numbers (or why there are none)."""

    right: bool
    facts: str


def open_view(state: MutableMapping[str, Any], lesson: Lesson) -> None:
    """The "Open this view" button's callback: set the view's values, then the next run goes to its page."""
    state.update(lesson.view)
    state[PENDING] = lesson.key


def opening(state: MutableMapping[str, Any]) -> Lesson | None:
    """The lesson whose view this run should open (once), or None."""
    key = state.pop(PENDING, None)
    return None if key is None else BY_KEY[key]


def changed(state: Mapping[str, Any], lesson: Lesson) -> list[str]:
    """The view's keys whose value in the session differs from the view's: the answer is checked for those."""
    return [key for key, value in lesson.view.items() if key in state and state[key] != value]


def given_key(lesson: Lesson) -> str:
    """The session key of the student's answer to `lesson`."""
    return f"_given_{lesson.key}"


def check(state: MutableMapping[str, Any], lesson: Lesson, net: HopfieldNetwork | None) -> Check:
    """The Check button's callback: the student's answer (`given_key`) against the engine's answer for the settings
    now, kept in the session and returned."""
    given = state.get(given_key(lesson))
    found = answer(lesson, state, net)
    result = (
        Check(False, found) if isinstance(found, str) else Check(found.accepts(given), found.facts)
    )
    state.setdefault(CHECKED, {})[lesson.key] = result
    if result.right:
        state.setdefault(DONE, set()).add(lesson.key)
    return result


def last_check(state: Mapping[str, Any], lesson: Lesson) -> Check | None:
    return state.get(CHECKED, {}).get(lesson.key)


def done(state: Mapping[str, Any]) -> set[str]:
    """The lessons answered right in this session."""
    return state.get(DONE, set())


def titles(finished: set[str]) -> dict[str, str]:
    """Each lesson's numbered title, "(done)" after those answered right."""
    return {
        lesson.key: f"{number}. {lesson.title}" + (" (done)" if lesson.key in finished else "")
        for number, lesson in enumerate(LESSONS, 1)
    }


def app_base(url: str | None) -> str:
    """The app's address, ending in "/", from a page's full URL ("" when unknown): the links' common start."""
    address = (url or "").split("?", 1)[0]
    return address.rsplit("/", 1)[0] + "/" if "://" in address else ""
