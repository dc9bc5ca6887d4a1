"""Corrupt & recall: corrupt a stored pattern, watch the network recall it step by step.

Link keys: pattern, noise, level, mode, steps, temp, rseed (plus the shared memory keys).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield
from hopfield import DYNAMICS, RULES, HopfieldNetwork, analysis
from hopfield.analysis import outcomes
from ui import caches, canvas, code_view, figures, fixes, images, on_demand, recall_probe, sidebar, snippets, widgets

MAX_FRAMES, MAX_OVERLAP_LINES, MAX_TABLE_ROWS = 200, 10, 30  # frames kept, overlap lines drawn, batch figure rows
HEAVY_BATCH = 200_000  # P·N above which the batch waits for a click (every rule: `on_demand.every_rule_is_slow`)
IMAGE_PX, PICTURE_PX, GIF_MS = 300, 180, 5000  # picture side drawn and shown on the first screen; GIF length
ICONS = dict(target="check_circle", stored="swap_horiz", reversed="contrast", mixture="blur_on", spurious="help")

summary = caches.cached(max_entries=64)(outcomes.recall_summary)  # these take the network: cached on its fingerprint
every_rule = caches.cached(spinner="Training and recalling with every rule…")(outcomes.recall_every_rule)
unstable_bits = caches.cached()(analysis.stability)
trajectory = caches.cached(max_entries=32, spinner="Recalling…")(outcomes.recall_trajectory)
animation = caches.cached(max_entries=32)(images.recall_gif)


@caches.cached(spinner="Recalling every pattern…")
def batch(net: HopfieldNetwork, *settings, shape: tuple[int, int], labels: tuple[str, ...]):
    """Every stored pattern corrupted and recalled, with the figure of its first MAX_TABLE_ROWS rows."""
    result, rows = outcomes.recall_batch(net, *settings, shape=shape, labels=labels), slice(0, MAX_TABLE_ROWS)
    return result, images.to_png(images.recall_table(result.noisy[rows], result.states[rows], net.patterns[rows],
                                                     shape, ok=result.recalled[rows]))


def _picture(pattern: np.ndarray, caption: str, width: int | str = "content", where=st) -> None:
    """A pattern, its pixels that differ from the target in the accent colour."""
    where.image(caches.grid_png(pattern[None], memory.shape, side_px=IMAGE_PX, highlight_against=target),
                caption=caption, width=width)


@st.fragment
def _step_by_step(run: outcomes.RecallTrajectory, gif: bytes) -> None:
    """Scrub through the recall frame by frame, beside the overlaps with the stored patterns."""
    frame, last, lines = 0, len(run.frames) - 1, run.strongest(pick, MAX_OVERLAP_LINES)
    if last:  # else the probe is a fixed point: a single frame
        st.session_state["_recall_frame"] = min(st.session_state.get("_recall_frame", 0), last)
        frame = st.slider("Frame", 0, last, key="_recall_frame", help=images.WRONG_PIXELS + (
            f" One frame every ≈{run.updates / last:.1f} {run.unit}s." if run.updates > last else ""))
    at, (left, right) = int(run.positions[frame]), st.columns([1, 2])
    _picture(run.frames[frame], f"after {run.unit} {at}" + (f" of {run.updates}" if run.unit == "flip" else "")
             if at else "the probe", where=left)
    with right:
        caches.chart(figures.recall.overlap_plot, run.overlaps[:, lines], [labels[k] for k in lines], lines.index(pick),
                     run.unit, steps=run.positions)
    if len(lines) < len(labels):
        right.caption(f"The target and the {len(lines) - 1} other patterns with the largest overlaps.")
    st.markdown(f"Energy $E = {run.energies[frame]:.3f}$ · overlap with the target "
                f"$m = {run.overlaps[frame, pick]:.2f}$ · {int((run.frames[frame] != target).sum())} bits wrong")
    st.download_button("Download GIF", gif, f"recall_{labels[pick]}_{mode}.gif".replace(" ", ""), "image/gif",
                       icon=":material/download:")


# ---------------------------------------------------------------- page

st.title("Corrupt & recall", anchor=False)
memory, net = sidebar.require_network()
labels, n, modes, (rows, cols) = tuple(memory.labels), net.n, net.modes, memory.shape
if st.session_state.get("mode", modes[0]) not in modes:
    st.info(f"The {memory.rule_title} rule runs {', '.join(modes)} dynamics only; switched to {modes[0]}.",
            icon=":material/info:")
    st.session_state["mode"] = modes[0]
where = st.container(border=True).columns(4)
seven = next((k for k, label in enumerate(labels) if label.split(" ")[0] == "7"), 0)  # the classic demo
pick = widgets.choice("Pattern to corrupt", range(len(labels)), "pattern", seven, titles=labels, where=where[0])
noise = widgets.choice("Noise", list(hopfield.NOISE_KINDS), "noise", titles=hopfield.NOISE_KINDS, where=where[1],
                     on_change=recall_probe.on_noise_change, args=(st.session_state, n))
label, lo, hi, default = recall_probe.level_range(noise, n)  # a number of bits, or a fraction
level = widgets.number(label, "level", lo, hi, default, slider=True, where=where[2],
                       help=recall_probe.NOISE_HELP[noise])
held = False  # clamped completion: the pixels a mask or an occlusion left known stay as they are
if noise in hopfield.noise.HIDING_KINDS:
    held = widgets.toggle("Known pixels held", "held", where=where[2], help=recall_probe.HELD_HELP)
mode = widgets.choice("Dynamics", modes, "mode", titles={m: DYNAMICS[m].title.split(" (")[0] for m in modes},
                      where=where[3], on_change=recall_probe.on_mode_change, args=(st.session_state,),
                      allowed=f"{' or '.join(modes)}, the dynamics {memory.rule_title} runs",
                      help="; ".join(DYNAMICS[m].title for m in modes) + ".")  # the short name fits the box
hero = st.container()  # filled once the recall has run; the drawing switch and the other settings come below it
hero.space(images.TOOLBAR_GAP_PX - 16)  # a picture's fullscreen button sits above it: over this gap, not a control
drawn = canvas.probe_panel(memory.shape)  # a probe drawn by hand replaces the noisy one in every view
more = st.expander("Max steps, random seed, temperature, pixel edits", icon=":material/tune:")
where = more.columns(3)
first_steps = DYNAMICS[mode].default_steps
steps = widgets.number("Max steps", "steps", 1, 200, first_steps, where=where[0],
                     help="Sync: updates of every neuron at once; async, stochastic: sweeps over all in random order.")
seed = widgets.number("Random seed", "rseed", 0, widgets.MAX_SEED, 0, where=where[1],
                    help="Seeds the noise and the random update order: same seed, same run.")
temp = 0.0  # only Glauber dynamics have a temperature
if DYNAMICS[mode].needs_temperature:
    temp = widgets.number("Temperature T", "temp", 0.05, 5.0, 0.5, slider=True, where=where[2], step=0.05,
                        help="Noise of the Glauber update: s_i = +1 with probability 1 / (1 + exp(−2 h_i / T)).")

target, settings = memory.patterns[pick], (mode, steps, temp, seed)
pixels = recall_probe.current_edits(st.session_state, pick, n)  # flipped by hand on top of the noise
edited = len(pixels)
try:
    probe = recall_probe.with_edits(hopfield.corrupt(target, noise, level, seed, memory.shape) if drawn is None
                                    else drawn, pixels)
    clamp = ~hopfield.noise.hidden(noise, level, n, seed, memory.shape) if held and drawn is None else None
    result = summary(net, probe, pick, *settings, labels=labels, clamp=clamp)
    run = trajectory(net, probe, *settings, max_frames=MAX_FRAMES, clamp=clamp)
    gif = animation(run.frames, memory.shape, images.default_scale(memory.shape, IMAGE_PX),
                    int(np.clip(GIF_MS / len(run.frames), 30, 500)))  # about GIF_MS, whatever the number of frames
except ValueError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()

width = round(PICTURE_PX * min(1.0, cols / rows))  # the longer side at PICTURE_PX
left, right = hero.columns(2, gap="medium")
with left.container(horizontal=True, gap="small"):  # two a row at 1280 px: probe and animation, recalled and target
    _picture(probe, ("drawn" if drawn is not None else "noisy") + " probe" + (f" ({edited} by hand)" if edited else ""),
             width)
    st.image(gif, caption=f"animation ({run.updates + 1} frames)", width=width)
    _picture(result.state, "recalled", width)
    _picture(target, f"target {labels[pick]}", width)
if memory.source.credit:
    left.caption(memory.source.credit)
with right:
    (st.success if result.outcome == "target" else st.warning)(result.sentence(labels[pick]),
                                                                icon=f":material/{ICONS[result.outcome]}:")
    if result.outcome != "target":
        fixes.offer_fix(memory.rule)
    caches.chart(figures.recall.energy_plot, run.energies[:, None], [labels[pick]], run.unit, steps=run.positions,
                 height=300)

with more:
    editable = n <= recall_probe.MAX_EDIT_PIXELS
    if st.toggle("Click pixels to flip", key="_recall_edit_on", disabled=not editable, help="Show the probe as a grid "
                 f"(up to {recall_probe.MAX_EDIT_PIXELS} pixels): each click flips a pixel.") and editable:
        grid, ticks = recall_probe.checkbox_grid(probe, memory.shape)
        key = recall_probe.grid_key(st.session_state)
        st.data_editor(grid, key=key, hide_index=True, width="content", height=min(rows, 20) * 28 + 40, row_height=28,
                       on_change=recall_probe.on_grid_edit, args=(st.session_state, key, ticks, cols), column_config={
                           str(c): st.column_config.CheckboxColumn(str(c + 1), width=44) for c in range(cols)})
    if st.session_state["_recall_edit_on"] or edited:
        note, reset = st.columns([2, 1], vertical_alignment="center")
        note.caption(f"{edited} pixel{'s' if edited != 1 else ''} flipped by hand on top of the noise. Ticked = ink.")
        reset.button("Reset edits", icon=":material/undo:", on_click=recall_probe.reset_edits,
                     args=(st.session_state,), disabled=not edited)

with st.container(horizontal=True, gap="medium"):
    st.metric("Bits corrupted", f"{result.bits_corrupted} of {n}", width="content")
    st.metric("Bits wrong after recall", result.bits_wrong, delta=result.bits_wrong - result.bits_corrupted,
              delta_color="inverse", width="content")
    st.metric(f"{DYNAMICS[mode].step_name.capitalize()}s taken", result.steps, width="content")
    st.metric("Ended at", outcomes.STATUSES[result.status], width="content")
if unstable := int(unstable_bits(net)[pick]):
    fixes.unstable_note(unstable, labels[pick], memory.rule_title)
code_view.show_code(snippets.recall, pick, noise, level, mode, steps, temp, seed, memory.shape, memory=memory,
                    drawn=drawn, flipped=pixels, held=clamp is not None)  # this view as code
with st.expander("What you are seeing", icon=":material/info:"):
    st.markdown(recall_probe.WHAT_YOU_SEE)
    st.caption(images.WRONG_PIXELS)
    st.caption(f"Memory: {memory.rule_title} — {RULES[memory.rule].description}")

step_tab, batch_tab, rules_tab = st.tabs(["Step by step", "All patterns", "Same probe, every rule"])
with step_tab:
    _step_by_step(run, gif)
with batch_tab:
    st.markdown(f"Every stored pattern gets the same kind and level of noise and the {len(labels)} probes are "
                f"recalled in one batch. {images.WRONG_PIXELS}")
    if memory.patterns.size <= HEAVY_BATCH or st.toggle("Recall all patterns", key="_recall_batch_on"):
        everyone, table = batch(net, noise, level, *settings, shape=memory.shape, labels=labels)
        st.metric("Recalled", f"{everyone.recalled.sum()} of {len(labels)}")
        left, right = st.columns([1, 2])
        left.image(table, caption="noisy · recalled · target" + (
            f" (first {MAX_TABLE_ROWS} of {len(labels)})" if len(labels) > MAX_TABLE_ROWS else ""))
        left.download_button("Download figure", table, "recall_all.png", "image/png", icon=":material/download:")
        right.dataframe(everyone.records(), hide_index=True, key="recall_batch_table")
    else:
        st.caption(f"{len(labels)} patterns of {rows}×{cols} pixels: switch on to run the batch.")
with rules_tab:
    st.markdown("The same probe, recalled by each learning rule trained on the same patterns (default rule "
                "parameters), with the same seed. A rule that cannot run the chosen dynamics uses synchronous updates.")
    slow = on_demand.every_rule_is_slow(*memory.patterns.shape, {name: rule.defaults() for name, rule in RULES.items()})
    if not slow or st.toggle("Train and run every rule", key="_recall_rules_on"):
        ran = every_rule(memory.patterns, probe, pick, *settings, labels=labels, rules=tuple(RULES))  # keyed by them
        for column, one in zip([c for start in range(0, len(ran), 3) for c in st.columns(3)], ran):  # rows of three
            title, other = RULES[one.rule].title, one.summary
            if other is None:
                column.error(f"{title}: {one.error}", icon=":material/error:")
                continue
            _picture(other.state, f"{title} · {one.mode}", where=column)
            ended = f"recalled {labels[pick]}" if other.outcome == "target" else other.name
            (column.success if other.outcome == "target" else column.warning)(f"**{other.outcome}**" + (
                "" if ended == other.outcome else f": {ended}") + f", {other.bits_wrong} bits wrong")
    else:
        st.caption(f"N = {n} neurons: training every rule takes a moment; switch on to run them.")
