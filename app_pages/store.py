"""Store patterns: what the memory holds (patterns, weights, correlations, stability, load), save and
restore a network, and store your own patterns from images or drawn pixels."""

from __future__ import annotations

import io
import math

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, PatternSet, analysis
from ui import figures, images, state, uploads

PLOT = {"displayModeBar": False}
GRID_SHOWN = 60  # stored patterns drawn in the grid (the rest are counted in the caption)
DRAW_MAX_SIDE = 32  # the pixel editor's largest grid side
OWN_SIDE_DEFAULT = 16
DRAWN = "_store_drawn"  # session: drawn patterns, a list of (shape, pattern, label)
IMAGES_MEMO = "_store_images"  # session: (upload key, (patterns, labels, errors)) of the last image uploads
NETWORK_MEMO = "_store_network"  # session: (file id, network or error sentence) of the last network upload
SHAPE_SEEN = "_store_shape"  # session: the memory's shape when the neuron was last chosen
RERUN_APP = "_store_rerun_app"  # session flag: the memory changed inside a fragment, redraw the whole app
EXPONENT_WORDS = 1e6  # capacities from here on are said in words, not drawn on the gauge scale


# ---------------------------------------------------------------- cached derived data


@st.cache_resource(max_entries=16, show_spinner=False)
def _weights_view(patterns: np.ndarray, rule: str, params: tuple, _net: HopfieldNetwork) -> dict:
    """max |w_ij|, mean |w_ij| (off the diagonal) and the heatmap of W, or of the patterns' Hebbian W for
    dense and modern rules. A resource, not data: plotly figures are slow to copy; never mutated."""
    weights = _net.weights
    off_diagonal = np.abs(weights[~np.eye(weights.shape[0], dtype=bool)]) if weights.shape[0] > 1 else np.zeros(1)
    pairwise = hopfield.RULES[rule].kind == "pairwise"
    title = "Weight matrix W" if pairwise else "Hebbian W of the same patterns (for comparison)"
    return {
        "max": float(off_diagonal.max()),
        "mean": float(off_diagonal.mean()),
        "figure": figures.weight_heatmap(weights, title),
    }


@st.cache_resource(max_entries=16, show_spinner=False)
def _pattern_views(
    patterns: np.ndarray, rule: str, params: tuple, labels: tuple[str, ...], _net: HopfieldNetwork
) -> dict:
    """Correlations C_μν = (1/N) ξ^μ·ξ^ν, the bits of each pattern that flip in one sync step of the rule's own
    update, and their figures with the load gauge (a resource: never mutated)."""
    correlations = analysis.correlation_matrix(patterns)
    flips = analysis.stability(_net)
    title = hopfield.RULES[rule].title
    return {
        "correlations": correlations,
        "flips": flips,
        "correlation_figure": figures.correlation_heatmap(correlations, list(labels)),
        "stability_figure": figures.stability_bars(flips, list(labels), _net.n),
        "gauge": figures.load_gauge(_net.load, _net.capacity, _net.memorised, title),
    }


@st.cache_data(max_entries=32, show_spinner=False)
def _grid_png(patterns: np.ndarray, shape: tuple[int, int], labels: tuple[str, ...]) -> bytes:
    """The patterns tiled with their labels, as PNG bytes (5 per row up to ten patterns, else 10)."""
    columns = 5 if len(patterns) <= 10 else 10
    scale = images.default_scale(shape, 120 if len(patterns) > 10 else images.GRID_SIDE_PX)
    return images.to_png(images.pattern_grid(patterns, shape, list(labels), columns=columns, scale=scale))


def _network_file(net: HopfieldNetwork) -> bytes:
    """The network as .npz bytes (run when the download button is pressed)."""
    buffer = io.BytesIO()
    net.save(buffer)
    return buffer.getvalue()


def _capacity_words(capacity: float, n: int) -> str:
    """The capacity as a number, or in words when it is astronomically large."""
    if not math.isfinite(capacity):
        return f"more than 10³⁰⁸ patterns at N = {n}: no realistic set comes close"
    if capacity >= EXPONENT_WORDS:
        exponent = math.floor(math.log10(capacity))
        return (
            f"about ${capacity / 10**exponent:.1f} \\times 10^{{{exponent}}}$ patterns at N = {n}: astronomically "
            "more than any set here"
        )
    return f"about {capacity:.1f} patterns at N = {n}"


# ---------------------------------------------------------------- callbacks (run before the widgets exist)


def _use_network(network: HopfieldNetwork, name: str, shape: tuple[int, int]) -> None:
    """Make a restored network the memory: its patterns become the custom set, its rule and parameters the sidebar's."""
    labels = tuple(f"#{index}" for index in range(network.memorised))
    state.use_custom_set(PatternSet("custom", f"Network from {name}", network.patterns, shape, labels, ""))
    st.session_state["rule"] = network.rule
    for key, value in network.params.items():
        st.session_state[key] = value


def _store_own(patterns: np.ndarray, shape: tuple[int, int], labels: tuple[str, ...]) -> None:
    """Make the uploaded and drawn patterns the memory (and ask the fragment for a whole-app rerun)."""
    stored = np.array(patterns, dtype=np.int8)
    stored.flags.writeable = False
    state.use_custom_set(PatternSet("custom", "Your own patterns", stored, shape, labels, ""))
    st.session_state[RERUN_APP] = True


def _clear_drawings() -> None:
    st.session_state[DRAWN] = []


@st.fragment
def neuron_view(net: HopfieldNetwork, shape: tuple[int, int], suffix: str) -> None:
    """One neuron's row of W as a picture; a fragment, so choosing a neuron does not redraw the charts."""
    st.number_input(
        "Neuron i",
        0,
        net.n - 1,
        step=1,
        key="neuron",
        help="Neurons are numbered row by row: i = row · columns + column.",
    )
    neuron = int(st.session_state["neuron"])
    st.image(images.weight_row_image(net.weights[neuron], shape, neuron))
    row_index, column_index = divmod(neuron, shape[1])
    st.caption(
        f"Row {neuron} of W{suffix} in the patterns' shape: the weights $w_{{ij}}$ into neuron {neuron} "
        f"(outlined, row {row_index}, column {column_index}) from every other neuron j. Red pushes neuron {neuron} "
        "towards ink when j is ink, blue towards paper; white is no influence."
    )
    state.write_link()  # a fragment rerun skips app.py's write_link


@st.fragment
def own_patterns(patterns: np.ndarray, shape: tuple[int, int], labels: list[str]) -> None:
    """Uploads, the pixel editor and the collection to store; a fragment, so ticking pixels stays quick."""
    if st.session_state.pop(RERUN_APP, False):  # stored from here: the sidebar and the page above must follow
        st.rerun(scope="app")
    size_left, size_middle, size_right = st.columns(3)
    rows = int(size_left.number_input("Grid rows", *uploads.GRID_SIDES, value=OWN_SIDE_DEFAULT, key="own_rows"))
    cols = int(size_middle.number_input("Grid columns", *uploads.GRID_SIDES, value=OWN_SIDE_DEFAULT, key="own_cols"))
    invert = size_right.toggle("Light ink on a dark ground", key="own_invert")
    own_shape = (rows, cols)

    files = st.file_uploader(
        f"Images (PNG, JPEG, GIF, BMP, WebP; up to {uploads.MAX_IMAGE_BYTES // 2**20} MB each)",
        type=["png", "jpg", "jpeg", "gif", "bmp", "webp"],
        accept_multiple_files=True,
        key="own_images",
    )
    upload_key = (tuple(file.file_id for file in files), own_shape, invert)
    memo = st.session_state.get(IMAGES_MEMO)
    if memo is None or memo[0] != upload_key:
        memo = (upload_key, uploads.patterns_from_uploads([(f.name, f.getvalue()) for f in files], own_shape, invert))
        st.session_state[IMAGES_MEMO] = memo
    uploaded, uploaded_labels, upload_errors = memo[1]
    for message in upload_errors:
        st.error(message, icon=":material/broken_image:")

    with st.expander("Draw a pattern by clicking its pixels", icon=":material/draw:"):
        if rows > DRAW_MAX_SIDE or cols > DRAW_MAX_SIDE:
            st.info(
                f"The pixel editor works on grids of up to {DRAW_MAX_SIDE}×{DRAW_MAX_SIDE}; choose a smaller "
                "grid above or upload images.",
                icon=":material/info:",
            )
        else:
            starts = {"blank": "An empty grid"}
            starts.update({f"upload {k}": f"Upload: {label}" for k, label in enumerate(uploaded_labels)})
            if shape == own_shape:
                starts.update({f"stored {k}": f"Stored: {label}" for k, label in enumerate(labels[:GRID_SHOWN])})
            start = st.selectbox("Start from", list(starts), format_func=starts.__getitem__, key="own_start")
            if start.startswith("upload"):
                base = uploads.grid_from_pattern(uploaded[int(start.split()[1])], own_shape)
            elif start.startswith("stored"):
                base = uploads.grid_from_pattern(patterns[int(start.split()[1])], own_shape)
            else:
                base = np.zeros(own_shape, bool)
            version = st.session_state.get("_store_draw_version", 0)
            editor_key = f"own_draw_{rows}x{cols}_{start}_{version}"
            edited = st.data_editor(
                base,
                key=editor_key,
                hide_index=True,
                row_height=28,
                height=28 * (rows + 1) + 4,
                column_config={str(c): st.column_config.CheckboxColumn(str(c), width=28) for c in range(cols)},
            )
            st.caption("Tick a cell to make it ink. The picture below is what will be stored.")
            drawing = uploads.pattern_from_grid(edited)
            preview_scale = images.default_scale(own_shape, 120)
            st.image(images.pattern_grid(drawing[None], own_shape, columns=1, scale=preview_scale))
            add, reset = st.columns(2)
            if add.button("Add this drawing", icon=":material/add:", width="stretch"):
                drawings = st.session_state.setdefault(DRAWN, [])
                drawings.append((own_shape, drawing, f"drawn {len(drawings) + 1}"))
            if reset.button("Start again", icon=":material/restart_alt:", width="stretch"):
                st.session_state["_store_draw_version"] = version + 1
                st.rerun(scope="fragment")

    drawn = st.session_state.get(DRAWN, [])
    drawn_here = [(pattern, label) for drawn_shape, pattern, label in drawn if drawn_shape == own_shape]
    set_aside = len(drawn) - len(drawn_here)
    collected = list(uploaded) + [pattern for pattern, _ in drawn_here]
    own_labels = tuple(uploaded_labels) + tuple(label for _, label in drawn_here)
    if collected:
        collection = np.stack(collected)[: uploads.MAX_PATTERNS]
        own_labels = own_labels[: uploads.MAX_PATTERNS]
        shown_own = min(len(collection), GRID_SHOWN)
        st.image(_grid_png(collection[:shown_own], own_shape, own_labels[:shown_own]))
        st.caption(
            f"Ready to store: {len(uploaded)} uploaded and {len(drawn_here)} drawn patterns of {rows}×{cols} = "
            f"{rows * cols} neurons."
            + (f" {set_aside} drawings of another grid size are set aside." if set_aside else "")
        )
        store, clear = st.columns(2)
        store.button(
            "Store this pattern" if len(collection) == 1 else f"Store these {len(collection)} patterns",
            on_click=_store_own,
            args=(collection, own_shape, own_labels),
            type="primary",
            icon=":material/save:",
            width="stretch",
        )
        clear.button(
            "Remove the drawings",
            on_click=_clear_drawings,
            icon=":material/delete:",
            width="stretch",
            disabled=not drawn,
        )
    else:
        st.caption(
            "Nothing to store yet: upload images or add a drawing."
            + (f" {set_aside} drawings of another grid size are set aside." if set_aside else "")
        )


# ---------------------------------------------------------------- page

st.title("Store patterns")
st.markdown(
    "Every stored pattern $\\xi^\\mu \\in \\{-1, +1\\}^N$ is a picture of $N$ neurons (ink = +1). "
    "A classic network keeps them in one symmetric weight matrix, for the Hebbian rule "
    "$W = \\frac{1}{N}\\sum_\\mu \\xi^\\mu \\xi^{\\mu\\top}$ with $w_{ii} = 0$; neuron $i$ then follows its field, "
    "$s_i \\leftarrow \\operatorname{sign}(\\sum_j w_{ij} s_j)$. How well the memory works depends on how "
    "alike the patterns are (their correlations $C_{\\mu\\nu} = \\frac{1}{N}\\xi^\\mu\\cdot\\xi^\\nu$) and on how "
    "many there are for $N$ neurons (the load $P/P_{max}$). Choose the set, the patterns and the rule in the sidebar."
)
memory, net = state.require_network()
rule = hopfield.RULES[memory.rule]
patterns = net.patterns
shape = memory.shape
labels = memory.labels
pairwise = rule.kind == "pairwise"
key = (patterns, memory.rule, memory.params)

# --- the stored patterns
st.subheader("Stored patterns", anchor=False)
shown = min(len(patterns), GRID_SHOWN)
grid_png = _grid_png(patterns[:shown], shape, tuple(labels[:shown]))
st.image(grid_png)
source_title = state.SET_TITLES.get(memory.source.name, memory.source.title)
more = f" (the first {shown} are drawn)" if shown < len(patterns) else ""
st.caption(
    f"{net.memorised} patterns of {shape[0]}×{shape[1]} = {net.n} neurons from {source_title}{more}, "
    f"stored with the {rule.title} rule. {memory.source.credit}"
)
st.download_button(
    "Download the grid (PNG)",
    grid_png,
    file_name=f"stored-patterns-{memory.source.name}.png",
    mime="image/png",
    icon=":material/image:",
    on_click="ignore",
)

# --- the weights
st.subheader("Weights", anchor=False)
st.caption(rule.description)
summary = _weights_view(*key, net)
if not pairwise:
    st.info(
        f"The {rule.title} memory has no pairwise weight matrix: its energy is $E = -\\sum_\\mu F(\\xi^\\mu\\cdot s)$ "
        "(or a log-sum-exp for the modern rule), computed from the patterns themselves. Shown below for comparison, "
        "and labelled so: the Hebbian matrix of the same patterns.",
        icon=":material/info:",
    )
columns = st.columns(4)
columns[0].metric("Neurons N", net.n)
columns[1].metric("Patterns P", net.memorised)
suffix = "" if pairwise else " (Hebbian)"
columns[2].metric(f"max |w_ij|{suffix}", f"{summary['max']:.4g}")
columns[3].metric(f"mean |w_ij|{suffix}", f"{summary['mean']:.4g}")

heat, row_view = st.columns([3, 2])
centre = (shape[0] // 2) * shape[1] + shape[1] // 2
heat.plotly_chart(summary["figure"], config=PLOT)
with row_view:
    state.from_link(
        "neuron", centre, lambda raw: state.parse_int(raw, 0, net.n - 1), f"a neuron index from 0 to {net.n - 1}"
    )
    if st.session_state.get(SHAPE_SEEN, shape) != shape or st.session_state["neuron"] > net.n - 1:
        st.session_state["neuron"] = centre  # another set was chosen since: start from its centre again
    st.session_state[SHAPE_SEEN] = shape
    neuron_view(net, shape, suffix)

# --- correlations and stability
st.subheader("Correlations and stability", anchor=False)
views = _pattern_views(*key, tuple(labels), net)
correlations, flips = views["correlations"], views["flips"]
left, right = st.columns(2)
with left:
    st.plotly_chart(views["correlation_figure"], config=PLOT)
    if len(patterns) > 1:
        masked = np.where(np.eye(len(patterns), dtype=bool), -np.inf, correlations)
        first, second = np.unravel_index(int(np.argmax(masked)), masked.shape)
        st.caption(
            f"The most alike pair: {labels[first]} and {labels[second]}, C = {correlations[first, second]:.2f}. "
            "Correlated patterns add crosstalk to each other's fields, the classic rule's main failure."
        )
with right:
    st.plotly_chart(views["stability_figure"], config=PLOT)
    fixed = int((flips == 0).sum())
    unstable = (
        "; the others are not even stable before any noise is added." if fixed < net.memorised else
        ": each one is a valley of its own."
    )
    st.caption(
        f"{fixed} of {net.memorised} stored patterns are fixed points of the {rule.title} update "
        f"(no bit flips in one synchronous step){unstable}"
    )

# --- load against capacity
st.subheader("Load", anchor=False)
gauge, words = st.columns([3, 2])
gauge.plotly_chart(views["gauge"], config=PLOT)
words.markdown(
    f"The {rule.title} rule's theoretical capacity is {_capacity_words(net.capacity, net.n)}. "
    f"Stored: P = {net.memorised}, a load of P/P_max = "
    + (f"{net.load:.3g}." if net.capacity < EXPONENT_WORDS else "effectively zero.")
)
if not pairwise:
    words.caption("Dense and modern memories separate patterns through a sharp F (xⁿ, exp, softmax), so P can "
                  "far exceed N; correlated patterns still need a sharp enough F (a larger n or β).")

# --- save and restore
st.subheader("Save or restore the network", anchor=False)
st.download_button(
    "Download the network (.npz)",
    lambda: _network_file(net),
    file_name=f"hopfield-{memory.rule}-{net.memorised}x{net.n}.npz",
    mime="application/octet-stream",
    icon=":material/download:",
    on_click="ignore",
    help="The patterns, rule, parameters and weights, readable by hopfield.load() and by the upload below.",
)
upload = st.file_uploader("Restore a network saved here (.npz)", type=["npz"], key="network_file")
if upload is not None:
    memo = st.session_state.get(NETWORK_MEMO)
    if memo is None or memo[0] != upload.file_id:
        ranges = {name: spec.slider for rule in hopfield.RULES.values() for name, spec in rule.params.items()}
        try:
            loaded: HopfieldNetwork | str = uploads.network_from_upload(upload.getvalue(), ranges)
        except ValueError as error:
            loaded = str(error)
        memo = (upload.file_id, loaded)
        st.session_state[NETWORK_MEMO] = memo
    loaded = memo[1]
    if isinstance(loaded, str):
        st.error(f"{upload.name}: {loaded}", icon=":material/error:")
    else:
        loaded_shape = uploads.grid_shape(loaded.n, shape)
        current = loaded.rule == memory.rule and dict(loaded.params) == dict(memory.params) and (
            loaded.patterns.shape == patterns.shape and np.array_equal(loaded.patterns, patterns)
        )
        description = (
            f"{upload.name}: {loaded.memorised} patterns of {loaded.n} neurons (drawn {loaded_shape[0]}×"
            f"{loaded_shape[1]}), {hopfield.RULES[loaded.rule].title} rule"
        )
        if current:
            st.success(f"{description}: this is the stored memory now.", icon=":material/check_circle:")
        else:
            st.info(description + ".", icon=":material/description:")
            st.button(
                "Use this network as the memory",
                on_click=_use_network,
                args=(loaded, upload.name, loaded_shape),
                icon=":material/upload:",
            )

# --- your own patterns
st.subheader("Your own patterns", anchor=False)
st.markdown(
    "Upload pictures or draw on a grid, then store them: the sidebar's set becomes *Your own patterns*. "
    "An image is shrunk to the grid and each cell darker than the image's mean grey becomes ink (+1)."
)
own_patterns(patterns, shape, labels)
