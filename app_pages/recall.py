"""Corrupt & recall: corrupt a stored pattern, watch the network recall it step by step.

Link keys: pattern, noise, level, mode, steps, temp, rseed (plus the shared memory keys).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import hopfield
from hopfield import analysis
from ui import figures, images, state

MAX_FRAMES = 200  # frames kept for the scrubber, the GIF and the per-step plots
MAX_OVERLAP_LINES = 10  # stored patterns drawn in the overlap plot (the target and the closest others)
MAX_TABLE_ROWS = 30  # rows of the batch figure; the success table lists every pattern
MAX_EDIT_PIXELS = 4096  # largest image offered as an editable grid of checkboxes
HEAVY_BATCH = 200_000  # P·N above which the batch view waits for a click
HEAVY_RULES_N = 1024  # N above which the every-rule view waits for a click
IMAGE_PX = 300  # longer side of a pattern picture; the browser scales it to the width it gets
GIF_LOOP_MS = 5000  # an animation lasts about this long, whatever its number of frames
STEP_DEFAULTS = {"sync": 20, "async": 10, "stochastic": 10}
TEMP_RANGE = (0.05, 5.0)
FRACTION_DEFAULT = 0.1
EDITS = "_recall_edits"  # {"pattern": index, "n": N, "pixels": [flipped pixel indices]}
GRID_VERSION = "_recall_grid_version"  # bumped after each edit, so the grid restarts from the new probe
UNITS = {"sync": "step", "async": "sweep", "stochastic": "sweep"}
MODE_TITLES = {
    "sync": "Synchronous (all at once)",
    "async": "Asynchronous (one at a time)",
    "stochastic": "Stochastic (Glauber, temperature T)",
}
STATUS_TEXT = {"converged": "fixed point", "cycled": "2-cycle", "moving": "step limit"}


# ---------------------------------------------------------------- cached work


def _png(pattern: np.ndarray, shape: tuple[int, int], target: np.ndarray | None = None) -> bytes:
    """The pattern as PNG bytes, pixels that differ from `target` in the accent colour."""
    highlight = None if target is None else pattern != target
    picture = images.pattern_image(pattern, shape, images.default_scale(shape, IMAGE_PX), highlight=highlight)
    return images.to_png(picture)


def _record_kind(mode: str) -> bool | str:
    return "flips" if mode == "async" else True


def _frame_picks(count: int) -> np.ndarray:
    """At most MAX_FRAMES frame indices spread evenly over `count` frames, first and last included."""
    if count <= MAX_FRAMES:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, MAX_FRAMES).round().astype(np.int64))


def _status(converged: bool, cycled: bool) -> str:
    return "cycled" if cycled else "converged" if converged else "moving"


@st.cache_data(max_entries=64, show_spinner=False)
def recall_one(
    patterns: np.ndarray,
    rule: str,
    params: tuple[tuple[str, float], ...],
    probe: np.ndarray,
    mode: str,
    steps: int,
    temp: float,
    seed: int,
    target: int,
    labels: tuple[str, ...],
    shape: tuple[int, int],
) -> dict:
    """One recall without a trajectory: final state (and its picture), steps, status and outcome."""
    net = state.trained_network(patterns, rule, params)
    result = net.recall(probe, mode, steps, temp, seed)
    final = result.states[0]
    return {
        "state": final,
        "png": _png(final, shape, patterns[target]),
        "steps": int(result.steps[0]),
        "status": _status(bool(result.converged[0]), bool(result.cycled[0])),
        "outcome": analysis.classify(patterns, final, target)[0],
        "name": analysis.describe(patterns, final, labels),
        "wrong": int((final != patterns[target]).sum()),
    }


@st.cache_data(max_entries=16, show_spinner=False)
def unstable_bits(patterns: np.ndarray, rule: str, params: tuple[tuple[str, float], ...]) -> np.ndarray:
    """Bits of each stored pattern that flip in one synchronous update (0: a fixed point)."""
    return analysis.stability(state.trained_network(patterns, rule, params))


@st.cache_data(max_entries=32, show_spinner=False)
def recall_recorded(
    patterns: np.ndarray,
    rule: str,
    params: tuple[tuple[str, float], ...],
    probe: np.ndarray,
    mode: str,
    steps: int,
    temp: float,
    seed: int,
    shape: tuple[int, int],
) -> dict:
    """The same recall with its trajectory: frames (≤ MAX_FRAMES), energies, overlaps and the GIF."""
    net = state.trained_network(patterns, rule, params)
    result = net.recall(probe, mode, steps, temp, seed, _record_kind(mode))
    frames = result.trajectory[:, 0, :]
    picks = _frame_picks(len(frames))
    shown = np.ascontiguousarray(frames[picks])
    duration = int(np.clip(GIF_LOOP_MS / max(len(shown), 1), 30, 500))
    return {
        "frames": shown,
        "picks": picks,
        "total": len(frames),
        "energies": result.energies[picks, 0],
        "overlaps": analysis.overlaps(patterns, shown),
        "gif": images.recall_gif(shown, shape, scale=images.default_scale(shape, IMAGE_PX), duration_ms=duration),
    }


@st.cache_data(max_entries=16, show_spinner=False)
def recall_all(
    patterns: np.ndarray,
    rule: str,
    params: tuple[tuple[str, float], ...],
    kind: str,
    level: float,
    mode: str,
    steps: int,
    temp: float,
    seed: int,
    shape: tuple[int, int],
    labels: tuple[str, ...],
) -> dict:
    """Every stored pattern corrupted with the same kind and level of noise and recalled in one batch."""
    net = state.trained_network(patterns, rule, params)
    noisy = hopfield.corrupt(patterns, kind, level, seed, shape)
    result = net.recall(noisy, mode, steps, temp, seed)
    count = len(patterns)
    outcomes = analysis.classify(patterns, result.states, np.arange(count))
    wrong = (result.states != patterns).sum(axis=1)
    rows = [
        {
            "pattern": labels[k],
            "outcome": outcomes[k],
            "ends in": analysis.describe(patterns, result.states[k], labels),
            "bits corrupted": int((noisy[k] != patterns[k]).sum()),
            "bits wrong": int(wrong[k]),
            UNITS[mode] + "s": int(result.steps[k]),
            "status": STATUS_TEXT[_status(bool(result.converged[k]), bool(result.cycled[k]))],
        }
        for k in range(count)
    ]
    ok = np.array([outcome == "target" for outcome in outcomes])
    shown = slice(0, MAX_TABLE_ROWS)
    table = images.recall_table(noisy[shown], result.states[shown], patterns[shown], shape, ok=ok[shown])
    return {"rows": rows, "recalled": int(ok.sum()), "table": images.to_png(table)}


# ---------------------------------------------------------------- controls


def _kind_default(kind: str, n: int) -> float | int:
    return max(1, round(FRACTION_DEFAULT * n)) if kind == "flip-count" else FRACTION_DEFAULT


def _on_noise_change(n: int) -> None:
    """Convert the level between a count of bits and a fraction when the noise kind changes."""
    level = st.session_state.get("level", FRACTION_DEFAULT)
    if st.session_state["noise"] == "flip-count":
        if isinstance(level, float):
            st.session_state["level"] = int(round(level * n))
    elif isinstance(level, int):
        st.session_state["level"] = round(min(1.0, level / n), 2)


def _on_mode_change() -> None:
    """Keep the default number of steps per mode (20 sync steps, 10 sweeps) unless the user changed it."""
    if st.session_state.get("steps") in STEP_DEFAULTS.values():
        st.session_state["steps"] = STEP_DEFAULTS[st.session_state["mode"]]



def _default_pattern(labels: list[str]) -> int:
    """The first pattern labelled 7 (the classic demo), else the first one."""
    for index, label in enumerate(labels):
        if label.split(" ")[0] == "7":
            return index
    return 0


def _controls(memory: state.Memory, net: hopfield.HopfieldNetwork) -> None:
    """Seed the page's link keys, then draw the controls (pattern, noise, dynamics)."""
    count, n, modes = len(memory.labels), net.n, net.modes
    kinds = list(hopfield.NOISE_KINDS)
    default_pattern = _default_pattern(memory.labels)
    state.from_link(
        "pattern", default_pattern, lambda raw: state.parse_int(raw, 0, count - 1),
        f"a pattern index from 0 to {count - 1}",
    )
    state.from_link("noise", "flip", state.parse_choice(kinds), "one of " + ", ".join(kinds))
    if st.session_state["noise"] == "flip-count":
        state.from_link("level", _kind_default("flip-count", n), lambda raw: state.parse_int(raw, 0, n),
                        f"a whole number of bits from 0 to {n}")
    else:
        state.from_link("level", FRACTION_DEFAULT, lambda raw: state.parse_float(raw, 0.0, 1.0),
                        "a fraction from 0 to 1")
    state.from_link("mode", modes[0], state.parse_choice(modes), "one of " + ", ".join(modes))
    state.from_link("steps", STEP_DEFAULTS.get(st.session_state["mode"], 20),
                    lambda raw: state.parse_int(raw, 1, 200), "a whole number from 1 to 200")
    if st.session_state["mode"] == "stochastic":
        state.from_link("temp", 0.5, lambda raw: state.parse_float(raw, *TEMP_RANGE),
                        f"a temperature from {TEMP_RANGE[0]} to {TEMP_RANGE[1]}")
    state.from_link("rseed", 0, lambda raw: state.parse_int(raw, 0, state.MAX_SEED),
                    f"a whole number from 0 to {state.MAX_SEED}")

    # the memory may have changed since these values were set: keep them valid for this one
    state.keep_option("pattern", list(range(count)), memory.labels, default_pattern)
    level = st.session_state["level"]
    if st.session_state["noise"] == "flip-count":
        st.session_state["level"] = min(int(round(level)), n) if isinstance(level, (int, float)) else 0
    elif not isinstance(level, float) or not 0.0 <= level <= 1.0:
        st.session_state["level"] = FRACTION_DEFAULT
    if st.session_state["mode"] not in modes:
        st.info(
            f"The {memory.rule_title} rule runs {', '.join(modes)} dynamics only; switched to {modes[0]}.",
            icon=":material/info:",
        )
        st.session_state["mode"] = modes[0]

    with st.container(border=True):
        left, middle, right = st.columns(3)
        left.selectbox("Pattern to corrupt", list(range(count)), format_func=memory.labels.__getitem__, key="pattern")
        middle.selectbox("Noise", kinds, format_func=hopfield.NOISE_KINDS.__getitem__, key="noise",
                         on_change=_on_noise_change, args=(n,))
        if st.session_state["noise"] == "flip-count":
            right.slider("Bits to flip", 0, n, key="level", help=f"Exactly this many of the {n} pixels are flipped.")
        else:
            help_text = {
                "flip": "Each pixel is flipped with this probability.",
                "occlude": "This fraction of the rows, from the bottom, is blanked out.",
                "salt-pepper": "Each pixel is replaced with this probability by a random one (half of them change).",
                "mask": "Each pixel is switched off with this probability.",
            }[st.session_state["noise"]]
            right.slider("Noise level", 0.0, 1.0, step=0.01, key="level", help=help_text)
        stochastic = st.session_state["mode"] == "stochastic"
        columns = st.columns(4 if stochastic else 3)
        columns[0].selectbox("Dynamics", modes, format_func=MODE_TITLES.__getitem__, key="mode",
                             on_change=_on_mode_change)
        columns[1].number_input(
            "Max steps", 1, 200, key="steps",
            help="Synchronous: updates of all neurons at once. Asynchronous and stochastic: sweeps, each "
            "visiting every neuron once in a random order.",
        )
        if stochastic:
            columns[2].slider("Temperature T", *TEMP_RANGE, step=0.05, key="temp",
                              help="Noise of the Glauber update: s_i = +1 with probability 1 / (1 + exp(−2 h_i / T)).")
        columns[-1].number_input("Random seed", 0, state.MAX_SEED, key="rseed",
                                 help="Seeds the noise and the random update order: same seed, same run.")


# ---------------------------------------------------------------- pixel edits


def _edits(pattern: int, n: int) -> list[int]:
    """The pixels flipped by hand on top of the noise (forgotten when the pattern or the image size changes)."""
    edits = st.session_state.get(EDITS)
    if not edits or edits.get("pattern") != pattern or edits.get("n") != n:
        st.session_state[EDITS] = {"pattern": pattern, "n": n, "pixels": []}
    return [p for p in st.session_state[EDITS]["pixels"] if 0 <= p < n]


def _on_grid_edit(key: str, shown: list[bool], cols: int) -> None:
    """Turn the grid's changed cells into flipped pixels; a pixel flipped twice is back to the noise."""
    pixels = set(st.session_state[EDITS]["pixels"])
    for row, values in st.session_state[key].get("edited_rows", {}).items():
        for col, value in values.items():
            index = int(row) * cols + int(col)
            if bool(value) != shown[index]:
                pixels ^= {index}
    st.session_state[EDITS]["pixels"] = sorted(pixels)
    st.session_state[GRID_VERSION] = st.session_state.get(GRID_VERSION, 0) + 1


def _reset_edits() -> None:
    st.session_state[EDITS]["pixels"] = []
    st.session_state[GRID_VERSION] = st.session_state.get(GRID_VERSION, 0) + 1


def _edit_grid(probe: np.ndarray, shape: tuple[int, int], edited: int) -> None:
    """The probe as a grid of checkboxes (ticked = ink): clicking one flips that pixel."""
    rows, cols = shape
    if rows * cols > MAX_EDIT_PIXELS:
        st.caption(f"Pixel editing is offered for images of up to {MAX_EDIT_PIXELS} pixels; this has {rows * cols}.")
        return
    shown = (probe > 0).tolist()
    grid = {str(c): [shown[r * cols + c] for r in range(rows)] for c in range(cols)}
    key = f"_recall_grid_{st.session_state.get(GRID_VERSION, 0)}"
    st.data_editor(
        grid,
        key=key,
        hide_index=True,
        width="content",
        height=min(rows, 20) * 28 + 40,
        row_height=28,
        column_config={str(c): st.column_config.CheckboxColumn(str(c + 1), width=44) for c in range(cols)},
        on_change=_on_grid_edit,
        args=(key, shown, cols),
    )
    left, right = st.columns([2, 1], vertical_alignment="center")
    left.caption(f"{edited} pixel{'s' if edited != 1 else ''} flipped by hand. Ticked = ink.")
    right.button("Reset edits", icon=":material/undo:", on_click=_reset_edits, disabled=edited == 0)


# ---------------------------------------------------------------- results


def _image(pattern: np.ndarray, shape: tuple[int, int], caption: str, target: np.ndarray | None = None) -> None:
    st.image(_png(pattern, shape, target), caption=caption, width="stretch")


def _outcome_banner(result: dict, label: str) -> None:
    outcome, name = result["outcome"], result["name"]
    if outcome == "target":
        st.success(f"Recalled the target {label}.", icon=":material/check_circle:")
    elif outcome == "stored":
        st.warning(f"Ended in another stored pattern: {name}, not {label}.", icon=":material/swap_horiz:")
    elif outcome == "reversed":
        st.warning(f"Ended in a reversed pattern ({name}): −ξ is as stable as ξ.", icon=":material/contrast:")
    elif outcome == "mixture":
        st.warning(f"Ended in a spurious {name}: a blend of three memories.", icon=":material/blur_on:")
    else:
        st.warning("Ended in a spurious state: no stored pattern, reversal or 3-mixture.", icon=":material/help:")


def _frame_caption(mode: str, index: int, total: int) -> str:
    if index == 0:
        return "the probe"
    if mode == "async":
        return f"after flip {index} of {total - 1}"
    return f"after {UNITS[mode]} {index}"


@st.fragment
def _step_by_step(run: dict, mode: str, target: np.ndarray, shape: tuple[int, int], labels: list[str], pick: int):
    """Scrub through the recall frame by frame; the GIF plays it."""
    frames, picks, total = run["frames"], run["picks"], run["total"]
    if len(frames) == 1:
        st.caption("The probe is already a fixed point: no update changes it.")
        frame = 0
    else:
        if st.session_state.get("_recall_frame", 0) >= len(frames):
            st.session_state["_recall_frame"] = len(frames) - 1
        frame = st.slider("Frame", 0, len(frames) - 1, key="_recall_frame",
                          help="Scrub through the recall; red pixels still differ from the target.")
    energy, overlap = run["energies"][frame], run["overlaps"][frame, pick]
    wrong = int((frames[frame] != target).sum())
    shown = f"{total} frames" + (f", {len(frames)} shown" if total > len(frames) else "")
    with st.container(horizontal=True, wrap=False, gap="large", width=560):
        with st.container():
            _image(frames[frame], shape, _frame_caption(mode, int(picks[frame]), total), target)
        with st.container():
            st.image(run["gif"], caption=f"animation ({shown})", width="stretch")
    st.markdown(f"Energy $E = {energy:.3f}$ · overlap with the target $m = {overlap:.2f}$ · {wrong} bits wrong")
    st.download_button("Download GIF", run["gif"], file_name=f"recall_{labels[pick]}_{mode}.gif".replace(" ", ""),
                       mime="image/gif", icon=":material/download:")


@st.cache_resource(max_entries=16, show_spinner=False)
def recall_figures(
    energies: np.ndarray, overlaps: np.ndarray, labels: tuple[str, ...], pick: int, x_title: str
) -> tuple[go.Figure, go.Figure, int]:
    """Energy and overlap plots of one recall, built once (plotly figures are slow to build); not mutated."""
    chosen = list(range(len(labels)))
    if len(labels) > MAX_OVERLAP_LINES:
        closest = np.argsort(-np.abs(overlaps).max(axis=0), kind="stable")
        chosen = sorted({pick, *[int(k) for k in closest if k != pick][: MAX_OVERLAP_LINES - 1]})
    energy = figures.energy_plot(energies[:, None], [labels[pick]], x_title=x_title)
    overlap = figures.overlap_plot(overlaps[:, chosen], [labels[k] for k in chosen], chosen.index(pick), x_title)
    return energy, overlap, len(chosen)


def _plots(run: dict, mode: str, labels: list[str], pick: int) -> None:
    frames = run["frames"]
    x_title = {"sync": "step", "async": "flip", "stochastic": "sweep"}[mode]
    if run["total"] > len(frames):
        x_title = f"frame (every ≈{(run['total'] - 1) / (len(frames) - 1):.1f} {x_title}s)"
    energy, overlap, lines = recall_figures(run["energies"], run["overlaps"], tuple(labels), pick, x_title)
    left, right = st.columns(2)
    left.plotly_chart(energy, config={"displayModeBar": False}, key="recall_energy")
    right.plotly_chart(overlap, config={"displayModeBar": False}, key="recall_overlaps")
    if lines < len(labels):
        right.caption(f"The target and the {lines - 1} other patterns with the largest overlaps.")


def _batch_view(memory: state.Memory, settings: dict) -> None:
    patterns, count = memory.patterns, len(memory.labels)
    st.markdown(
        f"Every stored pattern gets the same kind and level of noise and the {count} probes are recalled in one "
        "batch. Red pixels in the recalled column differ from the target."
    )
    if patterns.size > HEAVY_BATCH and not st.toggle("Recall all patterns", key="_recall_batch_on"):
        st.caption(f"{count} patterns of {memory.shape[0]}×{memory.shape[1]} pixels: switch on to run the batch.")
        return
    with st.spinner("Recalling every pattern…"):
        batch = recall_all(patterns, memory.rule, memory.params, settings["kind"], settings["level"],
                           settings["mode"], settings["steps"], settings["temp"], settings["seed"], memory.shape,
                           tuple(memory.labels))
    st.metric("Recalled", f"{batch['recalled']} of {count}")
    left, right = st.columns([1, 2])
    with left:
        caption = "noisy · recalled · target" + (f" (first {MAX_TABLE_ROWS} of {count})" if count > MAX_TABLE_ROWS
                                                  else "")
        st.image(batch["table"], caption=caption)
        st.download_button("Download figure", batch["table"], file_name="recall_all.png", mime="image/png",
                           icon=":material/download:")
    with right:
        st.dataframe(batch["rows"], hide_index=True, key="recall_batch_table")


def _every_rule(memory: state.Memory, probe: np.ndarray, settings: dict, target: int) -> None:
    n = memory.patterns.shape[1]
    st.markdown(
        "The same probe, recalled by each learning rule trained on the same patterns (default rule parameters), "
        "with the same seed. A rule that cannot run the chosen dynamics uses synchronous updates."
    )
    if n > HEAVY_RULES_N and not st.toggle("Train and run every rule", key="_recall_rules_on"):
        st.caption(f"N = {n} neurons: training every rule takes a moment; switch on to run them.")
        return
    names = list(hopfield.RULES)
    labels = tuple(memory.labels)
    for start in range(0, len(names), 3):
        columns = st.columns(3)
        for column, name in zip(columns, names[start:start + 3]):
            rule = hopfield.RULES[name]
            mode = settings["mode"] if settings["mode"] in rule.modes else "sync"
            with column:
                try:
                    result = recall_one(memory.patterns, name, tuple(rule.defaults().items()), probe, mode,
                                        settings["steps"], settings["temp"], settings["seed"], target, labels,
                                        memory.shape)
                except ValueError as error:
                    st.error(f"{rule.title}: {error}", icon=":material/error:")
                    continue
                st.image(result["png"], caption=f"{rule.title} · {mode}")
                name = f"recalled {labels[target]}" if result["outcome"] == "target" else result["name"]
                text = f"**{result['outcome']}**" + ("" if name == result["outcome"] else f": {name}")
                text += f", {result['wrong']} bits wrong"
                (st.success if result["outcome"] == "target" else st.warning)(text)


# ---------------------------------------------------------------- page

st.title("Corrupt & recall", anchor=False)
st.markdown(
    r"""A stored pattern $\xi^t$ is corrupted into a probe $s(0)$ and the network runs from there:
each neuron takes the sign of its local field, $s_i \leftarrow \operatorname{sign}\big(\sum_j w_{ij} s_j\big)$ —
all at once (synchronous), one at a time in random order (asynchronous), or with probability
$1/(1 + e^{-2h_i/T})$ of turning on (stochastic). Every deterministic update lowers the energy
$E = -\tfrac12 s^\top W s$, so the state slides into an attractor. The overlaps
$m_\mu = \tfrac1N\,\xi^\mu\!\cdot s$ show which memory it is heading for: recall succeeded when the
attractor is the target itself."""
)
memory, net = state.require_network()
st.caption(f"Memory: {memory.rule_title} — {hopfield.RULES[memory.rule].description}")
_controls(memory, net)

pick = st.session_state["pattern"]
target = memory.patterns[pick]
settings = {
    "kind": st.session_state["noise"],
    "level": st.session_state["level"],
    "mode": st.session_state["mode"],
    "steps": int(st.session_state["steps"]),
    "temp": float(st.session_state["temp"]) if st.session_state["mode"] == "stochastic" else 0.0,
    "seed": int(st.session_state["rseed"]),
}
try:
    noisy = hopfield.corrupt(target, settings["kind"], settings["level"], settings["seed"], memory.shape)
except ValueError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()
edited = _edits(pick, net.n)
probe = noisy.copy()
probe[edited] *= -1
probe.flags.writeable = False
labels = list(memory.labels)
args = (memory.patterns, memory.rule, memory.params, probe, settings["mode"], settings["steps"], settings["temp"],
        settings["seed"])
try:
    with st.spinner("Recalling…"):
        result = recall_one(*args, pick, tuple(labels), memory.shape)
        run = recall_recorded(*args, memory.shape)
except ValueError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()

_outcome_banner(result, labels[pick])
unstable = int(unstable_bits(memory.patterns, memory.rule, memory.params)[pick])
if unstable:
    st.info(
        f"Pattern {labels[pick]} is not a fixed point of this memory: even a clean probe loses {unstable} "
        f"bit{'s' if unstable != 1 else ''} in one step. Too many (or too similar) patterns for the "
        f"{memory.rule_title} rule: store fewer, or try the pseudo-inverse, dense or modern rules in the sidebar.",
        icon=":material/info:",
    )
corrupted = int((probe != target).sum())
unit = UNITS[settings["mode"]]
with st.container(horizontal=True, gap="medium"):
    st.metric("Bits corrupted", f"{corrupted} of {net.n}", width="content")
    st.metric("Bits wrong after recall", result["wrong"], delta=result["wrong"] - corrupted, delta_color="inverse",
              width="content")
    st.metric(f"{unit.capitalize()}s taken", result["steps"], width="content")
    st.metric("Ended at", STATUS_TEXT[result["status"]], width="content")

with st.container(horizontal=True, wrap=False, gap="medium", width=840):
    with st.container():
        _image(probe, memory.shape, "noisy probe", target)
    with st.container():
        st.image(result["png"], caption="recalled", width="stretch")
    with st.container():
        _image(target, memory.shape, f"target {labels[pick]}")
if memory.source.credit:
    st.caption(memory.source.credit)

if st.toggle("Click pixels to flip", key="_recall_edit_on", help="Show the probe as a grid: each click flips a pixel "
             "on top of the noise."):
    _edit_grid(probe, memory.shape, len(edited))
elif edited:
    left, right = st.columns([2, 1], vertical_alignment="center")
    left.caption(f"{len(edited)} pixel{'s' if len(edited) != 1 else ''} flipped by hand on top of the noise.")
    right.button("Reset edits", icon=":material/undo:", on_click=_reset_edits, key="_recall_reset_hidden")

step_tab, batch_tab, rules_tab = st.tabs(["Step by step", "All patterns", "Same probe, every rule"])
with step_tab:
    _step_by_step(run, settings["mode"], target, memory.shape, labels, pick)
    _plots(run, settings["mode"], labels, pick)
with batch_tab:
    _batch_view(memory, settings)
with rules_tab:
    _every_rule(memory, probe, settings, pick)
