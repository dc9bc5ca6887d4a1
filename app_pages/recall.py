"""Corrupt & recall: corrupt a stored pattern, watch the network recall it step by step.

Link keys: pattern, noise, level, held, mode, steps, temp, rseed, drawprobe (plus the shared memory keys).
The sections are functions of ui/recall_view.py, called here in the order they appear on the screen.
"""

from __future__ import annotations

import streamlit as st

from ui import canvas, code_view, images, recall_probe, recall_view, sidebar, snippets

st.title("Corrupt & recall", anchor=False)
memory, net = sidebar.require_network()
recall_view.keep_mode(st.session_state, net.modes, memory.rule_title)
chosen = recall_view.probe_controls(memory, net.n, net.modes)
hero = (
    st.container()
)  # filled once the recall has run; the drawing switch and the other settings come below it
hero.space(
    images.TOOLBAR_GAP_PX - 16
)  # a picture's fullscreen button sits above it: over this gap, not a control
drawn = canvas.probe_panel(
    memory.shape
)  # a probe drawn by hand replaces the noisy one in every view
more = st.expander("Max steps, random seed, temperature, pixel edits", icon=":material/tune:")
settings = recall_view.run_settings(more, chosen.mode)
pixels = recall_probe.current_edits(
    st.session_state, chosen.pick, net.n
)  # flipped by hand on top of the noise
recalled = recall_view.recall_or_stop(net, memory, chosen, settings, drawn, pixels)

recall_view.first_screen(hero, memory, chosen.pick, recalled, drawn is not None, len(pixels))
with more:
    recall_view.pixel_edits(recalled.probe, memory.shape, len(pixels))
recall_view.numbers(recalled.result, net.n, chosen.mode)
recall_view.fixed_point_note(net, chosen.pick, memory.labels[chosen.pick], memory.rule_title)
code_view.show_code(
    snippets.recall,
    chosen.pick,
    chosen.noise,
    chosen.level,
    *settings,
    memory.shape,
    memory=memory,
    drawn=drawn,
    flipped=pixels,
    held=recalled.clamp is not None,
)  # this view as code
recall_view.what_you_see(memory)

step_tab, batch_tab, rules_tab = st.tabs(["Step by step", "All patterns", "Same probe, every rule"])
with step_tab:
    recall_view.step_by_step(
        recalled.run,
        recalled.gif,
        chosen.pick,
        tuple(memory.labels),
        memory.patterns[chosen.pick],
        chosen.mode,
        memory.shape,
    )
with batch_tab:
    recall_view.all_patterns(net, memory, chosen, settings)
with rules_tab:
    recall_view.same_probe_every_rule(memory, recalled.probe, chosen.pick, settings)
