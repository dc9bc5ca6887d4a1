"""Compare learning rules: every rule on the same patterns, capacity curves and basins of attraction."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from hopfield.corrupt import flip_count
from ui import images, state

RULE_NAMES = list(hopfield.RULES)
TITLES = {name: rule.title for name, rule in hopfield.RULES.items()}
Params = tuple[tuple[str, Any], ...]

NOISE_SEED = 0  # the same corruption of the stored set for every rule
SWEEP_SEED = 0
N_RANGE = (16, 400)
PMAX_RANGE = (2, 600)
TRIALS_RANGE = (1, 50)
SWEEP_NOISE_MAX = 0.3
SWEEP_POINTS = 10  # P values per capacity curve
DEFAULT_SWEEP = {"n": 100, "pmax": 50, "trials": 10, "cnoise": 0.05}
DEFAULT_RULES = ["hebbian", "storkey", "pseudoinverse"]
BASIN_LEVELS = tuple(float(level) for level in np.round(np.linspace(0.0, 0.5, 11), 2))
BASIN_TRIALS_RANGE = (1, 100)
MAX_STEPS = 100
GRID_SHOWN = 10  # recalled patterns shown per rule
CAPACITY_STORE = "_compare_capacity"  # session key: measured capacity curves by settings
BASIN_STORE = "_compare_basins"  # session key: measured basin curves by settings




def parse_rules(raw: str) -> list[str]:
    """"hebbian,storkey" (or a Python-style list "['hebbian', 'storkey']") -> known rule names, at least one."""
    names = [part.strip().strip("'\" ") for part in raw.strip().strip("[]").split(",")]
    names = [name for name in names if name]
    if not names or any(name not in hopfield.RULES for name in names):
        raise ValueError
    return list(dict.fromkeys(names))


def rule_params(rule: str, memory: state.Memory) -> Params:
    """The sidebar's parameter for the memory's own rule, every other rule's defaults."""
    if rule == memory.rule:
        return memory.params
    return tuple(hopfield.RULES[rule].defaults().items())


def recall_mode(rule: str) -> str:
    """Sync for the pairwise rules, the rule's first (default) mode otherwise."""
    spec = hopfield.RULES[rule]
    return "sync" if spec.kind == "pairwise" else spec.modes[0]


def format_capacity(capacity: float) -> str:
    """A theoretical P_max for a table: one decimal, or "astronomical" for the exponential rules."""
    return f"{capacity:.1f}" if capacity < 1e6 else "astronomical"


def format_params(params: Params) -> str:
    return ", ".join(f"{name} = {value}" for name, value in params) or "none"


def digest(patterns: np.ndarray) -> str:
    """A short fingerprint of a pattern set, to key results kept in the session."""
    return hashlib.sha1(np.ascontiguousarray(patterns).tobytes() + str(patterns.shape).encode()).hexdigest()[:16]



def timed(action: Callable[[], Any], budget_s: float = 0.2, repeats: int = 3) -> tuple[Any, float]:
    """Run `action` up to `repeats` times (while the total stays under `budget_s`); its result and best time in ms."""
    best, spent, result = float("inf"), 0.0, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - start
        best, spent = min(best, elapsed), spent + elapsed
        if spent > budget_s:
            break
    return result, best * 1e3


@st.cache_data(max_entries=16, show_spinner="Training and recalling with every rule…")
def stored_set_results(patterns: np.ndarray, noise: float, settings: tuple[tuple[str, Params], ...]) -> dict:
    """Every rule trained on `patterns`; every pattern corrupted the same way and recalled.

    Returns rows for the table, train and recall times (ms), recalled states and success per rule.
    """
    count, n = patterns.shape
    probes = flip_count(patterns, round(noise * n), seed=NOISE_SEED)
    rows, train_ms, recall_ms, recalled, success, errors = [], {}, {}, {}, {}, {}
    for rule, params in settings:
        try:
            net, train_ms[rule] = timed(lambda rule=rule, params=params: hopfield.HopfieldNetwork.train(
                patterns, rule, **dict(params)))
            result, recall_ms[rule] = timed(lambda net=net, rule=rule: net.recall(probes, recall_mode(rule), MAX_STEPS))
        except ValueError as error:
            errors[rule] = str(error)
            continue
        hits = (result.states == patterns).all(axis=1)
        overlap = float(np.diag(analysis.overlaps(patterns, result.states)).mean())
        recalled[rule], success[rule] = result.states, hits
        rows.append({
            "rule": TITLES[rule],
            "parameters": format_params(params),
            "recalled": f"{int(hits.sum())} of {count}",
            "mean overlap m": round(overlap, 3),
            "train ms": round(train_ms[rule], 2),
            "recall ms": round(recall_ms[rule], 2),
        })
    return {"rows": rows, "train_ms": train_ms, "recall_ms": recall_ms, "recalled": recalled, "success": success,
            "errors": errors, "flips": round(noise * n)}


@st.cache_data(max_entries=32, show_spinner=False)
def grid_png(patterns: np.ndarray, shape: tuple[int, int], labels: tuple[str, ...], side_px: int) -> bytes:
    """A labelled grid of patterns as PNG bytes (cached: drawing and encoding are the slow part)."""
    grid = images.pattern_grid(patterns, shape, list(labels), columns=5, scale=images.default_scale(shape, side_px))
    return images.to_png(grid)


def sweep_p_values(pmax: int) -> tuple[int, ...]:
    """About `SWEEP_POINTS` pattern counts spread evenly up to pmax."""
    grid = np.linspace(max(1.0, pmax / SWEEP_POINTS), pmax, SWEEP_POINTS)
    return tuple(int(p) for p in np.unique(np.rint(grid)))


def all_rules_sentence(results: dict, memory: state.Memory) -> str:
    """Which rules recall every stored pattern, in one sentence."""
    count = len(memory.labels)
    perfect = [TITLES[rule] for rule, hits in results["success"].items() if hits.all()]
    seed_digits = memory.source.name == "digits" and count == 10
    what = "all ten of the seed's digits" if seed_digits else f"all {count} stored patterns"
    if not perfect:
        return f"No rule recalls {what} from these probes."
    if len(perfect) == len(results["success"]):
        return f"Every rule recalls {what}."
    listed = ", ".join(f"**{title}**" for title in perfect)
    return f"{listed} {'recalls' if len(perfect) == 1 else 'recall'} {what}; the others miss some."


# ---------------------------------------------------------------- page

st.title("Compare learning rules", anchor=False)
st.markdown(
    "Every learning rule stores the same patterns, and every stored pattern is corrupted and recalled. "
    "A recall succeeds when the final state equals the stored pattern exactly; its quality is the overlap "
    "$m = \\frac{1}{N}\\,\\xi^\\mu\\cdot s$ ($m = 1$ is a perfect recall). Capacity curves store $P$ random "
    "patterns of $N$ neurons and measure success as $P$ grows, against each rule's theory: "
    "$P_{\\max} \\approx 0.138\\,N$ (Hebbian), $N/\\sqrt{2\\ln N}$ (Storkey), $N$ (pseudo-inverse), "
    "$N^{n-1}/(2(2n-3)!!\\ln N)$ (dense, degree $n$) and $2^{N/2}$ (exponential and modern). Basin curves "
    "flip a growing fraction of bits: the wider a rule's basins, the more noise it forgives."
)

memory, net = state.require_network()

state.from_link("flip", 0.1, lambda raw: state.parse_float(raw, 0.0, 0.5), "a fraction from 0 to 0.5")
state.from_link("n", DEFAULT_SWEEP["n"], lambda raw: state.parse_int(raw, *N_RANGE), "a whole number from 16 to 400")
state.from_link("pmax", DEFAULT_SWEEP["pmax"], lambda raw: state.parse_int(raw, *PMAX_RANGE),
                f"a whole number from {PMAX_RANGE[0]} to {PMAX_RANGE[1]}")
state.from_link("trials", DEFAULT_SWEEP["trials"], lambda raw: state.parse_int(raw, *TRIALS_RANGE),
                f"a whole number from {TRIALS_RANGE[0]} to {TRIALS_RANGE[1]}")
state.from_link("cnoise", DEFAULT_SWEEP["cnoise"], lambda raw: state.parse_float(raw, 0.0, SWEEP_NOISE_MAX),
                f"a fraction from 0 to {SWEEP_NOISE_MAX}")
state.from_link("rules", list(DEFAULT_RULES), parse_rules, "rule names separated by commas")
state.from_link("brules", list(RULE_NAMES), parse_rules, "rule names separated by commas")
state.from_link("btrials", 10, lambda raw: state.parse_int(raw, *BASIN_TRIALS_RANGE),
                f"a whole number from {BASIN_TRIALS_RANGE[0]} to {BASIN_TRIALS_RANGE[1]}")

# ---- (a) the stored set, every rule
st.header("The stored set, every rule", anchor=False)
count, n = memory.patterns.shape
with st.container(border=True):
    st.slider(
        "Noise: fraction of bits flipped in every probe", 0.0, 0.5, step=0.01, key="flip",
        help="Every stored pattern gets exactly round(fraction · N) flipped bits, the same bits for every rule.",
    )
settings = tuple((rule, rule_params(rule, memory)) for rule in RULE_NAMES)
results = stored_set_results(memory.patterns, float(st.session_state["flip"]), settings)
st.markdown(
    f"{all_rules_sentence(results, memory)} Each of the {count} stored patterns ({memory.source.title}, "
    f"N = {n}) had {results['flips']} bits flipped with seed {NOISE_SEED}, then was recalled "
    f"({' / '.join(sorted({recall_mode(rule) for rule in RULE_NAMES}))} updates, at most {MAX_STEPS} steps)."
)
for rule, message in results["errors"].items():
    st.warning(f"{TITLES[rule]}: {message}", icon=":material/warning:")
st.dataframe(results["rows"], hide_index=True)
st.caption(
    f"Parameters: the sidebar's for {memory.rule_title}, the defaults for the others. Times are the best of up "
    "to three runs on this server: training builds the weights (dense and modern memories only keep the "
    "patterns), recall runs every probe at once."
)
if results["train_ms"]:
    state.chart("timing_figure", results["train_ms"], results["recall_ms"], TITLES)
with st.expander("Recalled patterns, rule by rule", icon=":material/grid_view:"):
    shown = min(count, GRID_SHOWN)
    if shown < count:
        st.caption(f"The first {shown} of {count} patterns.")
    for rule, states in results["recalled"].items():
        hits = results["success"][rule]
        labels = [f"{label} {'ok' if hit else 'missed'}" for label, hit in zip(memory.labels[:shown], hits[:shown])]
        st.markdown(f"**{TITLES[rule]}**: {int(hits.sum())} of {count} recalled")
        st.image(grid_png(states[:shown], memory.shape, tuple(labels), 64))
if memory.source.credit:
    st.caption(memory.source.credit)

# ---- (b) capacity curves
st.header("Capacity curves", anchor=False)
st.markdown(
    "Random ±1 patterns, fresh for every trial: store $P$ of them, flip a few bits of each and recall "
    "synchronously. Success is the fraction of all probes ($P$ per trial) recalled exactly; dashed lines mark "
    "each rule's theoretical $P_{\\max}$."
)
with st.form("capacity_form", border=True, enter_to_submit=False):
    left, middle, right = st.columns(3)
    left.number_input("Neurons N", *N_RANGE, step=1, key="n")
    middle.number_input("Largest P", *PMAX_RANGE, step=1, key="pmax",
                        help=f"The curve measures {SWEEP_POINTS} values of P spread evenly up to this one.")
    right.number_input("Trials per P", *TRIALS_RANGE, step=1, key="trials")
    st.multiselect("Rules", RULE_NAMES, format_func=TITLES.__getitem__, key="rules",
                   placeholder="Choose at least one rule")
    st.slider("Noise: fraction of bits flipped in each probe", 0.0, SWEEP_NOISE_MAX, step=0.01, key="cnoise",
              help="0 asks only whether each pattern is a fixed point; a little noise also asks for a basin.")
    run_sweep = st.form_submit_button("Run sweep", icon=":material/play_arrow:", type="primary")

sweep_rules = list(st.session_state["rules"])
sweep_n, sweep_trials = int(st.session_state["n"]), int(st.session_state["trials"])
sweep_noise = float(st.session_state["cnoise"])
p_values = sweep_p_values(int(st.session_state["pmax"]))
capacity_store: dict = st.session_state.setdefault(CAPACITY_STORE, {})


def run_per_rule(
    rules: list[str], store: dict, key: Callable[[str], tuple], measure: Callable[..., dict], unit: str
) -> None:
    """Measure every rule not yet in `store` under one progress bar; an engine ValueError is shown and stops."""
    missing = [rule for rule in rules if key(rule) not in store]
    bar = st.progress(0.0, text="Starting…")
    for index, rule in enumerate(missing):

        def report(fraction: float, index: int = index, rule: str = rule) -> None:
            bar.progress(min(1.0, (index + fraction) / len(missing)), text=f"{TITLES[rule]}: {fraction:.0%} of {unit}")

        try:
            store[key(rule)] = measure(rule, report)
        except ValueError as error:
            st.error(f"{TITLES[rule]}: {error}", icon=":material/error:")
            break
    bar.empty()


def capacity_key(rule: str) -> tuple:
    return (rule, rule_params(rule, memory), sweep_n, p_values, sweep_trials, sweep_noise)


if run_sweep and not sweep_rules:
    st.warning("Choose at least one rule to sweep.", icon=":material/warning:")
elif run_sweep:

    def measure_capacity(rule: str, report: Callable[[float], None]) -> dict:
        start = time.perf_counter()
        curve = analysis.capacity_curve(rule, sweep_n, p_values, sweep_trials, sweep_noise, SWEEP_SEED, "sync",
                                        progress=report, **dict(rule_params(rule, memory)))
        return {
            "p_values": curve.p_values.tolist(),
            "success": curve.success.tolist(),
            "measured": curve.measured_capacity(0.5),
            "seconds": time.perf_counter() - start,
        }

    run_per_rule(sweep_rules, capacity_store, capacity_key, measure_capacity, "P values")

measured = {rule: capacity_store[capacity_key(rule)] for rule in sweep_rules if capacity_key(rule) in capacity_store}
if sweep_rules and len(measured) == len(sweep_rules):
    theory = {rule: hopfield.RULES[rule].capacity(sweep_n, **dict(rule_params(rule, memory))) for rule in sweep_rules}
    curves = {rule: (np.array(found["p_values"]), np.array(found["success"])) for rule, found in measured.items()}
    state.chart("capacity_figure", curves, theory, TITLES, sweep_n)
    summary = [
        {
            "rule": TITLES[rule],
            "theory P_max": format_capacity(theory[rule]),
            "measured P at 50% success": "not reached" if np.isnan(found["measured"]) else f"{found['measured']:.1f}",
            "seconds": round(found["seconds"], 2),
        }
        for rule, found in measured.items()
    ]
    st.dataframe(summary, hide_index=True)
    success_rows = [
        {"P": p, **{TITLES[rule]: f"{found['success'][k]:.0%}" for rule, found in measured.items()}}
        for k, p in enumerate(p_values)
    ]
    with st.expander("Success at every P", icon=":material/table:"):
        st.dataframe(success_rows, hide_index=True)
    st.caption(
        f"N = {sweep_n}, {sweep_trials} trials per P, {round(sweep_noise * sweep_n)} bits flipped per probe, "
        f"seed {SWEEP_SEED}. 'Not reached': success stayed at 50% or more up to P = {p_values[-1]}."
    )
elif sweep_rules:
    st.info(
        f"Press **Run sweep** to measure {len(sweep_rules)} rule(s) at P = {', '.join(map(str, p_values))}. "
        "The defaults take a few seconds; dense and modern memories, large N and many trials take longer.",
        icon=":material/play_arrow:",
    )

# ---- (c) basin curves
st.header("Basins of attraction", anchor=False)
st.markdown(
    f"The memory's own {count} patterns, stored by each rule: at every noise level $f$ each pattern is corrupted "
    "several times (the trials below), each time with exactly $\\mathrm{round}(fN)$ bits flipped, and recalled "
    "synchronously. Success is the fraction recalled exactly; the curve falls where the basins end."
)
with st.form("basin_form", border=True, enter_to_submit=False):
    st.multiselect("Rules", RULE_NAMES, format_func=TITLES.__getitem__, key="brules",
                   placeholder="Choose at least one rule")
    st.slider("Trials per pattern and noise level", *BASIN_TRIALS_RANGE, key="btrials",
              help="Dense and modern memories are slower per probe: keep this small for large sets.")
    run_basins = st.form_submit_button("Run basins", icon=":material/play_arrow:", type="primary")

basin_rules = list(st.session_state["brules"])
basin_trials = int(st.session_state["btrials"])
basin_store: dict = st.session_state.setdefault(BASIN_STORE, {})
patterns_id = digest(memory.patterns)


def basin_key(rule: str) -> tuple:
    return (rule, rule_params(rule, memory), patterns_id, basin_trials)


if run_basins and not basin_rules:
    st.warning("Choose at least one rule.", icon=":material/warning:")
elif run_basins:

    def measure_basins(rule: str, report: Callable[[float], None]) -> dict:
        network = state.trained_network(memory.patterns, rule, rule_params(rule, memory))
        curve = analysis.basin_curve(network, BASIN_LEVELS, basin_trials, SWEEP_SEED, recall_mode(rule),
                                     MAX_STEPS, progress=report)
        return {"levels": curve.noise_levels.tolist(), "success": curve.success.tolist()}

    run_per_rule(basin_rules, basin_store, basin_key, measure_basins, "noise levels")

basins = {rule: basin_store[basin_key(rule)] for rule in basin_rules if basin_key(rule) in basin_store}
if basin_rules and len(basins) == len(basin_rules):
    curves = {rule: (np.array(found["levels"]), np.array(found["success"])) for rule, found in basins.items()}
    state.chart("basin_figure", curves, TITLES)
    level_rows = [
        {"bits flipped": f"{level:.0%}", **{TITLES[r]: f"{found['success'][k]:.0%}" for r, found in basins.items()}}
        for k, level in enumerate(BASIN_LEVELS)
    ]
    with st.expander("Success at every noise level", icon=":material/table:"):
        st.dataframe(level_rows, hide_index=True)
    st.caption(f"{basin_trials} trials per pattern and level, seed {SWEEP_SEED}, at most {MAX_STEPS} steps.")
elif basin_rules:
    st.info(
        f"Press **Run basins** to measure {len(basin_rules)} rule(s) on the stored patterns at "
        f"{len(BASIN_LEVELS)} noise levels from 0% to 50%.",
        icon=":material/play_arrow:",
    )
