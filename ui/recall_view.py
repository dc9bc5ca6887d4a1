"""The Corrupt & recall page's sections, each a function of what it shows, called top to bottom by the page.

The probe's controls, the run's settings, the recall itself (cached), the first screen (probe, animation,
recalled and target beside the outcome and the energy), the pixel edits, the numbers, the introduction, and
the three tabs: step by step, all patterns, the same probe with every rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import streamlit as st

import hopfield
from hopfield import DYNAMICS, RULES, HopfieldNetwork, analysis
from hopfield.analysis import outcomes
from ui import caches, figures, fixes, images, on_demand, recall_probe, widgets
from ui.sidebar import Memory

MAX_FRAMES = 200  # frames of a recall kept
MAX_OVERLAP_LINES = 10  # overlap lines drawn step by step
MAX_TABLE_ROWS = 30  # rows of the batch figure
HEAVY_BATCH = 200_000  # P·N above which the batch waits for a click (every rule: `on_demand.every_rule_is_slow`)
IMAGE_PX = 300  # picture side drawn
PICTURE_PX = 180  # picture side shown on the first screen
GIF_MS = 5000  # the animation's length
ICONS = dict(
    target="check_circle",
    stored="swap_horiz",
    reversed="contrast",
    mixture="blur_on",
    spurious="help",
)

# these take the network: cached on its fingerprint
summary = caches.cached(max_entries=64)(outcomes.recall_summary)
every_rule = caches.cached(spinner="Training and recalling with every rule…")(
    outcomes.recall_every_rule
)
unstable_bits = caches.cached()(analysis.stability)
trajectory = caches.cached(max_entries=32, spinner="Recalling…")(outcomes.recall_trajectory)
animation = caches.cached(max_entries=32)(images.recall_gif)


@caches.cached(spinner="Recalling every pattern…")
def batch(net: HopfieldNetwork, *settings, shape: tuple[int, int], labels: tuple[str, ...]):
    """Every stored pattern corrupted and recalled, with the figure of its first MAX_TABLE_ROWS rows."""
    result = outcomes.recall_batch(net, *settings, shape=shape, labels=labels)
    rows = slice(0, MAX_TABLE_ROWS)
    table = images.recall_table(
        result.noisy[rows], result.states[rows], net.patterns[rows], shape, ok=result.recalled[rows]
    )
    return result, images.to_png(table)


@dataclass(frozen=True)
class ProbeChoice:
    """The top row of controls: stored pattern `pick` corrupted by `noise` at `level`, recalled by `mode`; with
    `held`, the pixels a mask or an occlusion left known stay as they are (clamped completion)."""

    pick: int
    noise: str
    level: float
    mode: str
    held: bool


class Settings(NamedTuple):
    """How the network runs, in the engine's argument order (mode, max_steps, temperature, seed)."""

    mode: str
    steps: int
    temp: float
    seed: int


@dataclass(frozen=True)
class Recalled:
    """One recall: the probe (N,), the pixels held (N,) bool or None, its summary, its recorded trajectory and
    that as a GIF."""

    probe: np.ndarray
    clamp: np.ndarray | None
    result: outcomes.RecallSummary
    run: outcomes.RecallTrajectory
    gif: bytes


def keep_mode(session: Any, modes: tuple[str, ...], rule_title: str) -> None:
    """Switch the dynamics to the rule's first mode (and say so) when the rule cannot run the chosen one."""
    if session.get("mode", modes[0]) in modes:
        return
    st.info(
        f"The {rule_title} rule runs {', '.join(modes)} dynamics only; switched to {modes[0]}.",
        icon=":material/info:",
    )
    session["mode"] = modes[0]


def probe_controls(memory: Memory, n: int, modes: tuple[str, ...]) -> ProbeChoice:
    """The bordered row: pattern to corrupt (the 7 first: the classic demo), noise kind and level (with "Known
    pixels held" for the noise kinds that hide pixels), dynamics."""
    labels = memory.labels
    where = st.container(border=True).columns(4)
    seven = next((k for k, label in enumerate(labels) if label.split(" ")[0] == "7"), 0)
    pick = widgets.choice(
        "Pattern to corrupt", range(len(labels)), "pattern", seven, titles=labels, where=where[0]
    )
    noise = widgets.choice(
        "Noise",
        list(hopfield.NOISE_KINDS),
        "noise",
        titles=hopfield.NOISE_KINDS,
        where=where[1],
        on_change=recall_probe.on_noise_change,
        args=(st.session_state, n),
    )
    label, lo, hi, default = recall_probe.level_range(noise, n)  # a number of bits, or a fraction
    level = widgets.number(
        label,
        "level",
        lo,
        hi,
        default,
        slider=True,
        where=where[2],
        help=recall_probe.NOISE_HELP[noise],
    )
    held = False  # clamped completion: the known pixels stay as they are
    if noise in hopfield.noise.HIDING_KINDS:
        held = widgets.toggle(
            "Known pixels held", "held", where=where[2], help=recall_probe.HELD_HELP
        )
    mode = widgets.choice(
        "Dynamics",
        modes,
        "mode",
        titles={m: DYNAMICS[m].title.split(" (")[0] for m in modes},  # the short name fits the box
        where=where[3],
        on_change=recall_probe.on_mode_change,
        args=(st.session_state,),
        allowed=f"{' or '.join(modes)}, the dynamics {memory.rule_title} runs",
        help="; ".join(DYNAMICS[m].title for m in modes) + ".",
    )
    return ProbeChoice(pick, noise, level, mode, held)


def run_settings(more: Any, mode: str) -> Settings:
    """Max steps, random seed and (Glauber dynamics only) the temperature, in the expander `more`."""
    where = more.columns(3)
    steps = widgets.number(
        "Max steps",
        "steps",
        1,
        200,
        DYNAMICS[mode].default_steps,
        where=where[0],
        help="Sync: updates of every neuron at once; async, stochastic: sweeps over all in random order.",
    )
    seed = widgets.number(
        "Random seed",
        "rseed",
        0,
        widgets.MAX_SEED,
        0,
        where=where[1],
        help="Seeds the noise and the random update order: same seed, same run.",
    )
    temp = 0.0  # only Glauber dynamics have a temperature
    if DYNAMICS[mode].needs_temperature:
        temp = widgets.number(
            "Temperature T",
            "temp",
            0.05,
            5.0,
            0.5,
            slider=True,
            where=where[2],
            step=0.05,
            help="Noise of the Glauber update: s_i = +1 with probability 1 / (1 + exp(−2 h_i / T)).",
        )
    return Settings(mode, steps, temp, seed)


def recall_or_stop(
    net: HopfieldNetwork,
    memory: Memory,
    chosen: ProbeChoice,
    settings: Settings,
    drawn: np.ndarray | None,
    pixels: list[int],
) -> Recalled:
    """The probe (drawn, or the target corrupted; then `pixels` flipped) recalled, the known pixels of a
    corrupted probe held when chosen; a refused setting is said in an error box and the page stops there."""
    target = memory.patterns[chosen.pick]
    try:
        start = drawn
        if drawn is None:
            start = hopfield.corrupt(
                target, chosen.noise, chosen.level, settings.seed, memory.shape
            )
        probe = recall_probe.with_edits(start, pixels)
        clamp = None
        if chosen.held and drawn is None:
            hidden = hopfield.noise.hidden(
                chosen.noise, chosen.level, net.n, settings.seed, memory.shape
            )
            clamp = ~hidden
        result = summary(
            net, probe, chosen.pick, *settings, labels=tuple(memory.labels), clamp=clamp
        )
        run = trajectory(net, probe, *settings, max_frames=MAX_FRAMES, clamp=clamp)
        frame_ms = int(np.clip(GIF_MS / len(run.frames), 30, 500))  # about GIF_MS in all
        scale = images.default_scale(memory.shape, IMAGE_PX)
        gif = animation(run.frames, memory.shape, scale, frame_ms)
    except ValueError as error:
        st.error(str(error), icon=":material/error:")
        st.stop()
    return Recalled(probe, clamp, result, run, gif)


def picture(
    pattern: np.ndarray,
    shape: tuple[int, int],
    target: np.ndarray,
    caption: str,
    width: int | str = "content",
    where: Any = st,
) -> None:
    """A pattern, its pixels that differ from the target in the accent colour."""
    png = caches.grid_png(pattern[None], shape, side_px=IMAGE_PX, highlight_against=target)
    where.image(png, caption=caption, width=width)


def verdict(where: Any, recalled: bool, text: str, icon: str | None = None) -> None:
    """`text` in a success box when the target was recalled, else in a warning box."""
    if recalled:
        where.success(text, icon=icon)
    else:
        where.warning(text, icon=icon)


def probe_caption(drawn: bool, edited: int) -> str:
    """The first picture's caption: "noisy probe", "drawn probe", "noisy probe (3 by hand)"."""
    caption = "drawn probe" if drawn else "noisy probe"
    if edited:
        caption += f" ({edited} by hand)"
    return caption


def first_screen(
    hero: Any, memory: Memory, pick: int, recalled: Recalled, drawn: bool, edited: int
) -> None:
    """In `hero`: probe, animation, recalled and target, two a row at 1280 px; beside them the outcome in words
    (with the rule that fixes a failure) and the energy at each step."""
    rows, cols = memory.shape
    width = round(PICTURE_PX * min(1.0, cols / rows))  # the longer side at PICTURE_PX
    label = memory.labels[pick]
    target = memory.patterns[pick]
    result = recalled.result
    run = recalled.run
    left, right = hero.columns(2, gap="medium")
    with left.container(horizontal=True, gap="small"):
        picture(recalled.probe, memory.shape, target, probe_caption(drawn, edited), width)
        st.image(recalled.gif, caption=f"animation ({run.updates + 1} frames)", width=width)
        picture(result.state, memory.shape, target, "recalled", width)
        picture(target, memory.shape, target, f"target {label}", width)
    if memory.source.credit:
        left.caption(memory.source.credit)
    with right:
        ok = result.outcome == "target"
        verdict(st, ok, result.sentence(label), icon=f":material/{ICONS[result.outcome]}:")
        if not ok:
            fixes.offer_fix(memory.rule)
        caches.chart(
            figures.recall.energy_plot,
            run.energies[:, None],
            [label],
            run.unit,
            steps=run.positions,
            height=300,
        )


def pixel_edits(probe: np.ndarray, shape: tuple[int, int], edited: int) -> None:
    """The "Click pixels to flip" grid of checkboxes (images up to MAX_EDIT_PIXELS) and "Reset edits"."""
    rows, cols = shape
    editable = rows * cols <= recall_probe.MAX_EDIT_PIXELS
    on = st.toggle(
        "Click pixels to flip",
        key="_recall_edit_on",
        disabled=not editable,
        help=f"Show the probe as a grid (up to {recall_probe.MAX_EDIT_PIXELS} pixels): each click flips a pixel.",
    )
    if on and editable:
        grid, ticks = recall_probe.checkbox_grid(probe, shape)
        key = recall_probe.grid_key(st.session_state)
        st.data_editor(
            grid,
            key=key,
            hide_index=True,
            width="content",
            height=min(rows, 20) * 28 + 40,
            row_height=28,
            on_change=recall_probe.on_grid_edit,
            args=(st.session_state, key, ticks, cols),
            column_config={
                str(c): st.column_config.CheckboxColumn(str(c + 1), width=44) for c in range(cols)
            },
        )
    if on or edited:
        note, reset = st.columns([2, 1], vertical_alignment="center")
        note.caption(
            f"{edited} pixel{'s' if edited != 1 else ''} flipped by hand on top of the noise. Ticked = ink."
        )
        reset.button(
            "Reset edits",
            icon=":material/undo:",
            on_click=recall_probe.reset_edits,
            args=(st.session_state,),
            disabled=not edited,
        )


def numbers(result: outcomes.RecallSummary, n: int, mode: str) -> None:
    """Bits corrupted, bits wrong after recall, steps taken and how the recall ended, in a row."""
    with st.container(horizontal=True, gap="medium"):
        st.metric("Bits corrupted", f"{result.bits_corrupted} of {n}", width="content")
        st.metric(
            "Bits wrong after recall",
            result.bits_wrong,
            delta=result.bits_wrong - result.bits_corrupted,
            delta_color="inverse",
            width="content",
        )
        st.metric(f"{DYNAMICS[mode].step_name.capitalize()}s taken", result.steps, width="content")
        st.metric("Ended at", outcomes.STATUSES[result.status], width="content")


def fixed_point_note(net: HopfieldNetwork, pick: int, label: str, rule_title: str) -> None:
    """Say so when the stored pattern `pick` is not even a fixed point (a clean probe loses bits in one step)."""
    unstable = int(unstable_bits(net)[pick])
    if unstable:
        fixes.unstable_note(unstable, label, rule_title)


def what_you_see(memory: Memory) -> None:
    """The introduction, in an expander: the update, the energy, the overlaps, the colours, the rule."""
    with st.expander("What you are seeing", icon=":material/info:"):
        st.markdown(recall_probe.WHAT_YOU_SEE)
        st.caption(images.WRONG_PIXELS)
        st.caption(f"Memory: {memory.rule_title} — {RULES[memory.rule].description}")


def frame_caption(at: int, unit: str, updates: int) -> str:
    """A frame's caption: "the probe" for frame 0, else "after step 3", or "after flip 12 of 40" (flips)."""
    if not at:
        return "the probe"
    if unit == "flip":
        return f"after {unit} {at} of {updates}"
    return f"after {unit} {at}"


@st.fragment
def step_by_step(
    run: outcomes.RecallTrajectory,
    gif: bytes,
    pick: int,
    labels: tuple[str, ...],
    target: np.ndarray,
    mode: str,
    shape: tuple[int, int],
) -> None:
    """Scrub through the recall frame by frame, beside the overlaps with the stored patterns."""
    frame = 0
    last = len(run.frames) - 1
    lines = run.strongest(pick, MAX_OVERLAP_LINES)
    if last:  # else the probe is a fixed point: a single frame
        st.session_state["_recall_frame"] = min(st.session_state.get("_recall_frame", 0), last)
        pace = (
            f" One frame every ≈{run.updates / last:.1f} {run.unit}s." if run.updates > last else ""
        )
        frame = st.slider("Frame", 0, last, key="_recall_frame", help=images.WRONG_PIXELS + pace)
    left, right = st.columns([1, 2])
    at = int(run.positions[frame])
    picture(run.frames[frame], shape, target, frame_caption(at, run.unit, run.updates), where=left)
    with right:
        caches.chart(
            figures.recall.overlap_plot,
            run.overlaps[:, lines],
            [labels[k] for k in lines],
            lines.index(pick),
            run.unit,
            steps=run.positions,
        )
    if len(lines) < len(labels):
        right.caption(
            f"The target and the {len(lines) - 1} other patterns with the largest overlaps."
        )
    wrong = int((run.frames[frame] != target).sum())
    st.markdown(
        f"Energy $E = {run.energies[frame]:.3f}$ · overlap with the target "
        f"$m = {run.overlaps[frame, pick]:.2f}$ · {wrong} bits wrong"
    )
    name = f"recall_{labels[pick]}_{mode}.gif".replace(" ", "")
    st.download_button("Download GIF", gif, name, "image/gif", icon=":material/download:")


def still_off(slow: bool, label: str, key: str) -> bool:
    """Whether a slow view waits: its switch `label` (shown only when `slow`) is not on yet."""
    if not slow:
        return False
    switched_on = st.toggle(label, key=key)
    return not switched_on


def all_patterns(
    net: HopfieldNetwork, memory: Memory, chosen: ProbeChoice, settings: Settings
) -> None:
    """Every stored pattern given the same noise and recalled in one batch (after a click when that is heavy)."""
    labels = tuple(memory.labels)
    rows, cols = memory.shape
    st.markdown(
        f"Every stored pattern gets the same kind and level of noise and the {len(labels)} probes are "
        f"recalled in one batch. {images.WRONG_PIXELS}"
    )
    if still_off(memory.patterns.size > HEAVY_BATCH, "Recall all patterns", "_recall_batch_on"):
        st.caption(f"{len(labels)} patterns of {rows}×{cols} pixels: switch on to run the batch.")
        return
    everyone, table = batch(
        net, chosen.noise, chosen.level, *settings, shape=memory.shape, labels=labels
    )
    st.metric("Recalled", f"{everyone.recalled.sum()} of {len(labels)}")
    caption = "noisy · recalled · target"
    if len(labels) > MAX_TABLE_ROWS:
        caption += f" (first {MAX_TABLE_ROWS} of {len(labels)})"
    left, right = st.columns([1, 2])
    left.image(table, caption=caption)
    left.download_button(
        "Download figure", table, "recall_all.png", "image/png", icon=":material/download:"
    )
    right.dataframe(everyone.records(), hide_index=True, key="recall_batch_table")


def rule_outcome(
    column: Any, one: outcomes.RuleRecall, label: str, shape: tuple[int, int], target: np.ndarray
) -> None:
    """One rule's recall of the probe: its picture and how it ended, or its error."""
    title = RULES[one.rule].title
    other = one.summary
    if other is None:
        column.error(f"{title}: {one.error}", icon=":material/error:")
        return
    picture(other.state, shape, target, f"{title} · {one.mode}", where=column)
    ended = f"recalled {label}" if other.outcome == "target" else other.name
    words = f"**{other.outcome}**"
    if ended != other.outcome:
        words += f": {ended}"
    verdict(column, other.outcome == "target", f"{words}, {other.bits_wrong} bits wrong")


def same_probe_every_rule(memory: Memory, probe: np.ndarray, pick: int, settings: Settings) -> None:
    """The probe recalled by every registered rule trained on the same patterns (after a click when slow)."""
    labels = tuple(memory.labels)
    st.markdown(
        "The same probe, recalled by each learning rule trained on the same patterns (default rule "
        "parameters), with the same seed. A rule that cannot run the chosen dynamics uses synchronous updates."
    )
    defaults = {name: rule.defaults() for name, rule in RULES.items()}
    slow = on_demand.every_rule_is_slow(*memory.patterns.shape, defaults)
    if still_off(slow, "Train and run every rule", "_recall_rules_on"):
        st.caption(
            f"N = {memory.patterns.shape[1]} neurons: training every rule takes a moment; switch on to run them."
        )
        return
    rules = tuple(RULES)  # the cache is keyed by them
    ran = every_rule(memory.patterns, probe, pick, *settings, labels=labels, rules=rules)
    columns = []
    for _ in range(0, len(ran), 3):  # rows of three
        columns.extend(st.columns(3))
    for column, one in zip(columns, ran):
        rule_outcome(column, one, labels[pick], memory.shape, memory.patterns[pick])
