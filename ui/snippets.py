"""Every view as code: the few lines of `import hopfield` that reproduce a page's main result.

No Streamlit here. `memory_code` writes the lines that rebuild the sidebar's memory (a built-in set,
random patterns, or one's own patterns carried as `hopfield.linkcode` text); one function per page
takes the page's settings and returns the whole snippet, which prints the numbers the page shows.
A new page's snippet is one function here (and one entry in tests/app/test_snippets.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hopfield import DYNAMICS, linkcode

__all__ = [
    "MemorySpec",
    "memory_code",
    "home",
    "store",
    "recall",
    "compare",
    "landscape",
    "continuous",
    "learning",
    "playground",
    "sequences",
    "damage",
]


@dataclass(frozen=True)
class MemorySpec:
    """What the sidebar stores, in plain values: the set, the picked indices, the rule and its parameters.

    `random` is (P, side, seed) for random patterns; `own` the custom set as link text (None when it is too
    large for a link: the snippet then loads the network file downloaded from the Store page).
    """

    set_name: str
    picks: tuple[int, ...]
    rule: str
    params: tuple[tuple[str, float], ...] = ()
    random: tuple[int, int, int] | None = None
    own: str | None = None
    count: int | None = (
        None  # how many patterns the set holds (picking them all, in order, needs no index)
    )


def _picks(picks: Sequence[int], count: int | None) -> str:
    """ "" when every pattern of the set is picked in order, else "[[0, 1, 7]]"."""
    picks = [int(p) for p in picks]
    return "" if count is not None and picks == list(range(count)) else f"[{picks}]"


def _labels(name: str, picks: Sequence[int], count: int | None) -> str:
    chosen = _picks(picks, count)
    return (
        f"labels = list({name}.labels)"
        if not chosen
        else f"labels = [{name}.labels[k] for k in {chosen[1:-1]}]"
    )


def memory_code(spec: MemorySpec) -> list[str]:
    """Lines that import hopfield and end with `net` (the trained network) and `labels`."""
    count, lines = spec.count, ["import hopfield"]
    if spec.set_name == "custom" and spec.own is None:
        return [
            *lines,
            'net = hopfield.load("hopfield-network.npz")  # "Download the network (.npz)" on Store',
            "labels = [f'#{k}' for k in range(net.memorised)]",
        ]
    if spec.set_name == "random":
        p, side, seed = spec.random or (10, 10, 0)
        lines += [
            f"patterns = hopfield.random_patterns({p}, {side * side}, seed={seed}){_picks(spec.picks, p)}",
            f"labels = [f'r{{k}}' for k in {list(spec.picks)}]",
        ]
    elif spec.set_name == "custom":
        lines += [
            "from hopfield import linkcode",
            f'own = linkcode.decode_set("{spec.own}")  # your own patterns, as in the link',
            f"patterns = own.patterns{_picks(spec.picks, count)}",
            _labels("own", spec.picks, count),
        ]
    else:
        lines += [
            f'source = hopfield.load_set("{spec.set_name}")',
            f"patterns = source.patterns{_picks(spec.picks, count)}",
            _labels("source", spec.picks, count),
        ]
    params = "".join(f", {name}={value!r}" for name, value in spec.params)
    return [*lines, f'net = hopfield.HopfieldNetwork.train(patterns, "{spec.rule}"{params})']


def home(seed: int) -> str:
    """The seed's story: the ten digits, 5 % of bits flipped, five synchronous steps, every rule."""
    return "\n".join(
        [
            "import hopfield",
            'digits = hopfield.load_set("digits")',
            f'noisy = hopfield.corrupt(digits.patterns, "flip", 0.05, seed={seed})',
            "for name, rule in hopfield.RULES.items():",
            "    net = hopfield.HopfieldNetwork.train(digits.patterns, name)",
            '    states = net.recall(noisy, mode="sync", max_steps=5).states',
            '    print(f"{rule.title}: {(states == digits.patterns).all(axis=1).sum()} of 10 recalled")',
        ]
    )


def store(spec: MemorySpec) -> str:
    """The Store page's numbers: N, P, the weight sizes and the load."""
    return "\n".join(
        [
            *memory_code(spec),
            "from hopfield.analysis import memory_view",
            "view = memory_view(net)",
            'hebbian = "" if view.pairwise else " (Hebbian)"  # dense and modern rules have no W',
            'print(f"Neurons N: {net.n}")',
            'print(f"Patterns P: {net.memorised}")',
            'print(f"max |w_ij|{hebbian}: {view.weights.largest:.4g}")',
            'print(f"mean |w_ij|{hebbian}: {view.weights.mean:.4g}")',
            'print(f"fixed points: {(view.flipped_bits == 0).sum()} of {net.memorised}")',
            'print(f"load P/P_max: {net.load:.3g}")',
        ]
    )


def _probe_lines(
    noise: str,
    level: float,
    seed: int,
    shape: tuple[int, int],
    drawn: np.ndarray | None,
    flipped: Sequence[int],
) -> list[str]:
    if drawn is not None:
        text = linkcode.encode_set(np.asarray(drawn)[None], shape, ["probe"])
        lines = [
            "from hopfield import linkcode",
            f'probe = linkcode.decode_set("{text}").patterns[0].copy()  # the probe you drew',
        ]
    else:
        lines = [
            f'probe = hopfield.corrupt(target, "{noise}", {level!r}, seed={seed}, shape={tuple(shape)})'
        ]
    if flipped:
        lines.append(f"probe[{[int(p) for p in flipped]}] *= -1  # pixels flipped by hand")
    return lines


def recall(
    spec: MemorySpec,
    pattern: int,
    noise: str,
    level: float,
    mode: str,
    steps: int,
    temperature: float,
    seed: int,
    shape: tuple[int, int],
    drawn: np.ndarray | None = None,
    flipped: Sequence[int] = (),
    held: bool = False,
) -> str:
    """The Recall page's probe and its recall (the known pixels `held` when asked): bits corrupted, bits wrong after
    recall, steps taken."""
    clamp = (
        [
            f'clamp = ~hopfield.noise.hidden("{noise}", {level!r}, net.n, {seed}, {tuple(shape)})  # known pixels'
        ]
        if held
        else []
    )
    return "\n".join(
        [
            *memory_code(spec),
            f"target = net.patterns[{pattern}]",
            *_probe_lines(noise, level, seed, shape, drawn, flipped),
            *clamp,
            f'result = net.recall(probe, mode="{mode}", max_steps={steps}, temperature={temperature!r}, seed={seed}'
            + (", clamp=clamp)" if held else ")"),
            "final = result.states[0]",
            'print(f"Bits corrupted: {(probe != target).sum()} of {net.n}")',
            'print(f"Bits wrong after recall: {(final != target).sum()}")',
            f'print(f"{DYNAMICS[mode].step_name.capitalize()}s taken: {{result.steps[0]}}")',
            'print("Ended at:", "2-cycle" if result.cycled[0] else "fixed point" '
            'if result.converged[0] else "step limit")',
        ]
    )


def compare(spec: MemorySpec, noise: float) -> str:
    """The Compare page's table: every rule on the stored patterns, the same probes (seed 0, at most 100 steps)."""
    return "\n".join(
        [
            *memory_code(spec),
            "from hopfield.analysis import sweeps",
            f"for found in sweeps.compare_rules(net.patterns, sweeps.rule_settings(net), {noise!r}, 0, 100):",
            '    print(f"{hopfield.RULES[found.rule].title}: {found.hits} of {len(net.patterns)} recalled, "',
            '          f"mean overlap m {found.overlap:.3f}")',
        ]
    )


def landscape(spec: MemorySpec, noise: float) -> str:
    """The Landscape page's first view: where recalls from noisy and random starts end, and their energies."""
    return "\n".join(
        [
            *memory_code(spec),
            "from hopfield.analysis import energy_descents",
            f"runs = energy_descents(net, {noise!r}, labels, max_steps=100)",
            "for journey in runs.journeys:",
            "    print(journey)",
        ]
    )


def continuous(
    set_name: str,
    index: int,
    kind: str,
    amount: float,
    seed: int,
    beta: float,
    files: Sequence[str] = (),
    side: int = 64,
    held: bool = False,
    attention: str = "softmax",
    alpha: float = 1.5,
) -> str:
    """The Continuous memories page: a probe of stored image `index`, recalled by a real-valued modern memory (its
    visible pixels `held` when asked; softmax, sparsemax or α-entmax attention)."""
    if set_name == "uploads":
        lines = [
            "import numpy as np",
            "import hopfield",
            "from hopfield.imaging import image_to_gray",
            f"files = {list(files)}  # the images you uploaded: their paths on your computer",
            f"pixels = np.stack([image_to_gray(open(name, 'rb').read(), ({side}, {side})) for name in files])",
            "patterns, shape = hopfield.standardise(pixels), " + f"({side}, {side})",
        ]
    else:
        lines = [
            "import hopfield",
            f'gray = hopfield.load_gray_set("{set_name}")',
            "patterns, shape = gray.patterns, gray.shape",
        ]
    return "\n".join(
        [
            *lines,
            "from hopfield import analysis",
            f'net = hopfield.HopfieldNetwork.train(patterns, "modern", beta={beta!r}'
            + ("" if attention == "softmax" else f', attention="{attention}"')
            + (f", alpha={alpha!r})" if attention == "entmax" else ")"),
            f'probe = hopfield.real_probe(patterns, {index}, "{kind}", shape, {amount!r}, {seed})',
            *(
                [
                    f'clamp = ~hopfield.noise.real_hidden("{kind}", shape, {amount!r}, {seed})  # visible pixels held'
                ]
                if held
                else []
            ),
            "run = analysis.continuous_recall(net, probe" + (", clamp=clamp)" if held else ")"),
            'print(f"Correlation with the target: '
            f'{{analysis.correlations(run.retrieved, patterns[{index}])[0]:.3f}}")',
            'print(f"Memories in the state (1/Σw²): {run.fixed_point.size:.1f}")',
            'print(f"Steps: {run.steps}" + ("" if run.converged else " (not settled)"))',
        ]
    )


def learning(
    spec: MemorySpec | None,
    rule: str,
    params: Sequence[tuple[str, float]],
    step: int,
    noise: float,
    sequence: tuple[int, int, int] = (40, 196, 0),
) -> str:
    """The Learning over time page: the first `step` patterns of a sequence stored in order, each recalled from
    noise. `spec` None: the page's random sequence (P, N, seed); else the sidebar's memory."""
    if spec is None:
        lines = [
            "import hopfield",
            f"patterns = hopfield.random_patterns({sequence[0]}, {sequence[1]}, {sequence[2]})",
        ]
    else:
        lines = [*memory_code(spec)[:-1]]  # the sidebar's patterns, not its network
    return "\n".join(
        [
            *lines,
            "from hopfield import analysis",
            f'found = analysis.sequence_step(patterns, "{rule}", {step}, {noise!r}, 0, params={dict(params)!r})',
            f'print(f"{{found.recalled_ok.sum()}} of {step} recalled, the newest {{found.streak}} in a row")',
        ]
    )


def _point_rows(text: str) -> str:
    """Link text "x,y;x,y" as a list literal [[x, y], [x, y]]."""
    return repr([[float(v) for v in pair.split(",")] for pair in text.split(";") if pair])


def playground(
    memories: str,
    starts: str,
    beta: float,
    attention: str,
    alpha: float,
    step: float,
    per_side: int = 12,
) -> str:
    """The Memory playground: descents from the clicked starts and the fixed points, for memories in the plane
    (both as the link's text "x,y;x,y")."""
    lines = [
        "import numpy as np",
        "import hopfield",
        f"memories = np.array({_point_rows(memories)})",
        f'settings = dict(beta={beta!r}, attention="{attention}", alpha={alpha!r})',
    ]
    if starts:
        lines += [
            f"starts = np.array({_point_rows(starts)})",
            f"for row in hopfield.analysis.plane_descents(memories, starts, **settings, step={step!r}).rows():",
            "    print(row)",
        ]
    return "\n".join(
        [
            *lines,
            "for point in hopfield.analysis.plane_fixed_points("
            f"memories, **settings, per_side={per_side}, step={step!r}):",
            "    print(point.row())",
        ]
    )


def sequences(
    source: str,
    word: str,
    digits: int,
    rule: str,
    degree: int,
    noise: float,
    seed: int,
    shown_overlap: float,
) -> str:
    """The Sequences page: the cycle stored, replayed two laps from its noisy first pattern, and what each frame
    shows (the closest stored pattern when its overlap is at least `shown_overlap`, else "?")."""
    if source == "word":
        lines = [
            f"patterns, labels = hopfield.text_patterns({word!r}, (16, 16))  # one pattern a letter"
        ]
    else:
        lines = [
            'source = hopfield.load_set("mnist")  # 100 of each digit, digit by digit',
            f"picks = [(k % 10) * 100 + k // 10 for k in range({digits})]  # 0, 1, ..., 9, 0, 1, ...",
            "patterns, labels = source.patterns[picks], [source.labels[k] for k in picks]",
        ]
    settings = f", degree={degree}" if rule == "dense-poly" else ""
    return "\n".join(
        [
            "import hopfield",
            "from hopfield import analysis",
            *lines,
            f'memory = hopfield.SequenceMemory.train(patterns, "{rule}"{settings})',
            f'start = hopfield.corrupt(patterns[0], "flip", {noise!r}, {seed})',
            "frames = memory.replay(start, 2 * memory.length)  # two laps",
            "overlaps = analysis.overlaps(patterns, frames)",
            f"shown = [labels[k] if overlaps[t, k] >= {shown_overlap} else '?' "
            "for t, k in enumerate(overlaps.argmax(1))]",
            'print("Played:", " → ".join(shown))',
            'print(f"Transitions exact: {memory.exact_transitions().sum()} of {memory.length}")',
        ]
    )


def damage(spec: MemorySpec, kind: str, level: float, clip: bool, noise: float, seed: int) -> str:
    """The Store page's damaged network: synapses cut or neurons removed (and weights clipped), then every stored
    pattern recalled from noise."""
    amount = f"prune={level!r}" if kind == "prune" else f"remove=round({level!r} * net.n)"
    return "\n".join(
        [
            *memory_code(spec),
            f"hurt = net.damaged({amount}, clip={clip}, seed={seed})",
            f'probes = hopfield.corrupt(hurt.patterns, "flip", {noise!r}, {seed})',
            "recalled = (hurt.recall(probes).states == hurt.patterns).all(axis=1).sum()",
            'print(f"Recalled after damage: {recalled} of {hurt.memorised}")',
        ]
    )
