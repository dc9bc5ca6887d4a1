"""The Store page's sections: the stored patterns, the weights with one neuron's row, correlations and stability,
the load with pattern strengths, saving and restoring a network, and your own patterns (uploads, drawings, pixels).
What they say is in ui/store_notes.py."""

from __future__ import annotations

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import hopfield
from hopfield import HopfieldNetwork
from hopfield.analysis.memory_views import MemoryView, memory_view, same_memory
from ui import caches, canvas, figures, images, link, sidebar, uploads, widgets, words
from ui import own_patterns as own
from ui import store_notes as notes
from ui.sidebar import Memory

HEATMAP_SIDE = (
    200  # W is drawn about 300 px wide: more cells only cost time (784 = 196 blocks of 4, 7 a row)
)
SHAPE_SEEN = "_store_shape"  # session: the memory's shape when the neuron was last chosen
RERUN_APP = (
    "_store_rerun_app"  # session flag: the memory changed inside a fragment, redraw the whole app
)


@caches.cached()
def memory_of(net: HopfieldNetwork) -> MemoryView:
    """Weight size, correlations, most alike pair and stability of the memory, once per network."""
    return memory_view(net)


@caches.cached()
def strength_effect(net: HopfieldNetwork, strengths: tuple[float, ...]) -> tuple[float, int]:
    """P_eff = Σ c² / c_min² and the stored patterns that stay fixed points, with these strengths."""
    strong = HopfieldNetwork.train(net.patterns, net.rule, strengths=strengths, **net.params)
    return hopfield.strengths.effective_patterns(strong.strengths, net.memorised), memory_view(
        strong
    ).fixed_points


def stored_patterns(memory: Memory, net: HopfieldNetwork, rule_title: str) -> None:
    """The first GRID_SHOWN stored patterns as a grid, what they are, and the grid as a PNG download."""
    shape = memory.shape
    shown = min(net.memorised, notes.GRID_SHOWN)
    labels = tuple(memory.labels[:shown])
    grid_png = caches.grid_png(net.patterns[:shown], shape, labels, **notes.grid_layout(shown))
    st.image(grid_png)
    more = f" (the first {shown} are drawn)" if shown < net.memorised else ""
    source = sidebar.SET_TITLES.get(memory.source.name, memory.source.title)
    st.caption(
        f"{words.counted(net.memorised, 'pattern')} of {shape[0]}×{shape[1]} = {net.n} neurons from "
        f"{source}{more}, stored with the {rule_title} rule. {memory.source.credit}"
    )
    st.download_button(
        "Download the grid (PNG)",
        grid_png,
        file_name=f"stored-patterns-{memory.source.name}.png",
        mime="image/png",
        icon=":material/image:",
        on_click="ignore",
    )


def weights(
    rule: hopfield.Rule, net: HopfieldNetwork, view: MemoryView, shape: tuple[int, int]
) -> None:
    """Sizes of W, W as a heat map and one neuron's row (the Hebbian W of the patterns for a memory without W)."""
    suffix = "" if view.pairwise else " (Hebbian)"
    st.caption(rule.description)
    if not view.pairwise:
        st.info(notes.no_weights_note(rule.title), icon=":material/info:")
    columns = st.columns(4)
    columns[0].metric("Neurons N", net.n)
    columns[1].metric("Patterns P", net.memorised)
    columns[2].metric(f"max |w_ij|{suffix}", f"{view.weights.largest:.4g}")
    columns[3].metric(f"mean |w_ij|{suffix}", f"{view.weights.mean:.4g}")
    title = (
        "Weight matrix W" if view.pairwise else "Hebbian W of the same patterns (for comparison)"
    )
    heat, row_view = st.columns([3, 2])
    with heat:
        caches.chart(figures.store.weight_heatmap, net.weights, title, max_side=HEATMAP_SIDE)
    with row_view:
        neuron_view(net, shape, suffix)


@st.fragment
def neuron_view(net: HopfieldNetwork, shape: tuple[int, int], suffix: str) -> None:
    """One neuron's row of W as a picture; a fragment, so choosing a neuron does not redraw the charts."""
    centre = (shape[0] // 2) * shape[1] + shape[1] // 2
    if st.session_state.get(SHAPE_SEEN, shape) != shape:
        st.session_state["neuron"] = (
            centre  # another set was chosen since: start from its centre again
        )
    st.session_state[SHAPE_SEEN] = shape
    neuron = widgets.number(
        "Neuron i",
        "neuron",
        0,
        net.n - 1,
        centre,
        help="Neurons are numbered row by row: i = row · columns + column.",
    )
    st.image(images.weight_row_image(net.weights[neuron], shape, neuron))
    st.caption(notes.neuron_sentence(neuron, shape, suffix))
    link.write_link()  # a fragment rerun skips app.py's write_link


def correlations_and_stability(
    view: MemoryView, labels: list[str], net: HopfieldNetwork, rule_title: str
) -> None:
    """The patterns' correlations with the most alike pair, and the bits each flips in one update."""
    left, right = st.columns(2)
    with left:
        caches.chart(figures.store.correlation_heatmap, view.correlations, labels)
        if view.most_alike is not None:
            st.caption(notes.alike_sentence(view.most_alike, labels))
    with right:
        caches.chart(figures.store.stability_bars, view.flipped_bits, labels, net.n)
        st.caption(notes.stability_sentence(view.fixed_points, net.memorised, rule_title))


def load(rule: hopfield.Rule, net: HopfieldNetwork, view: MemoryView, labels: list[str]) -> None:
    """The load P/P_max on a gauge and in a sentence; with the rule's pattern strengths, the load in effect."""
    gauge, told = st.columns([3, 2])
    effective = float(net.memorised)
    if rule.strengths:  # W = (1/N) Σ c_μ ξξᵀ: a strength for each pattern, 1 unless chosen here
        effective = _with_strengths(net, labels, told)
    load_now = notes.load_of(effective, net.capacity)
    if net.capacity > 0:  # no gauge without a closed-form capacity (nan) or with none at all (0)
        with gauge:
            caches.chart(
                figures.store.load_gauge, load_now, net.capacity, round(effective, 2), rule.title
            )
    stored = (
        net.memorised
        if effective == net.memorised
        else f"{net.memorised} (in effect {effective:.3g})"
    )
    told.markdown(notes.load_sentence(rule.title, net.capacity, net.n, stored, load_now))
    if not view.pairwise:
        told.caption(notes.DENSE_LOAD_NOTE)


def _with_strengths(net: HopfieldNetwork, labels: list[str], where: DeltaGenerator) -> float:
    """The strength controls (in `where`) and P_eff = Σc²/c_min² of the chosen strengths (P when every c_μ = 1)."""
    with where.expander("Pattern strengths $c_\\mu$", icon=":material/tune:"):
        strong = widgets.choices(
            "Patterns with another strength",
            [str(k) for k in range(net.memorised)],
            "strong",
            [],
            titles={str(k): label for k, label in enumerate(labels)},
            placeholder="Every c_μ = 1",
        )
        c = widgets.number("Their strength c", "strength", 0.0, 5.0, 2.0, slider=True, step=0.25)
    if not strong:  # every c_μ = 1 is the stored memory itself: nothing to retrain
        return float(net.memorised)
    strengths = tuple(c if str(k) in strong else 1.0 for k in range(net.memorised))
    try:
        effective, fixed = strength_effect(net, strengths)
    except ValueError as error:
        where.warning(str(error), icon=":material/warning:")
        return float(net.memorised)
    where.caption(notes.strength_sentence(effective, fixed, net.memorised))
    return effective


def save_or_restore(memory: Memory, net: HopfieldNetwork) -> None:
    """The network as a download, and a saved network's upload, offered as the memory when it is another."""
    st.download_button(
        "Download the network (.npz)",
        lambda: uploads.network_file(net),
        on_click="ignore",
        file_name=f"hopfield-{memory.rule}-{net.memorised}x{net.n}.npz",
        mime="application/octet-stream",
        icon=":material/download:",
        help="The patterns, rule, parameters and weights, readable by hopfield.load() and by the "
        "upload below.",
    )
    link.own_link_note()  # why your own patterns are too many or too large to travel in the link, if they are
    upload = st.file_uploader(
        "Restore a network saved here (.npz)", type=["npz"], key="network_file"
    )
    if upload is None:
        return
    loaded = own.decoded_network(st.session_state, upload)
    if isinstance(loaded, str):
        st.error(f"{upload.name}: {loaded}", icon=":material/error:")
        return
    loaded_shape = uploads.grid_shape(loaded.n, memory.shape)
    described = uploads.describe_network(upload.name, loaded, loaded_shape)
    if same_memory(loaded, net):
        st.success(f"{described}: this is the stored memory now.", icon=":material/check_circle:")
        return
    st.info(described + ".", icon=":material/description:")
    st.button(
        "Use this network as the memory",
        on_click=_use_network,
        args=(loaded, upload.name, loaded_shape),
        icon=":material/upload:",
    )


def _use_network(network: HopfieldNetwork, name: str, shape: tuple[int, int]) -> None:
    """Make a restored network the memory: its patterns become the custom set, its rule and parameters the
    sidebar's."""
    sidebar.use_custom_set(own.network_set(network, name, shape))
    st.session_state.update(
        rule=network.rule, **{link.param_key(name): v for name, v in network.params.items()}
    )


@st.fragment
def own_patterns(stored: np.ndarray, labels: list[str], shape: tuple[int, int]) -> None:
    """Uploads, the pixel editor and the collection to store; a fragment, so ticking pixels stays quick."""
    if st.session_state.pop(
        RERUN_APP, False
    ):  # stored from here: the sidebar and the page above must follow
        st.rerun(scope="app")
    left, middle, right = st.columns(3)
    rows = widgets.number("Grid rows", "own_rows", *uploads.GRID_SIDES, own.GRID_SIDE, where=left)
    cols = widgets.number(
        "Grid columns", "own_cols", *uploads.GRID_SIDES, own.GRID_SIDE, where=middle
    )
    invert = widgets.toggle("Light ink on a dark ground", "own_invert", where=right)
    files = st.file_uploader(
        uploads.IMAGE_LABEL,
        type=list(uploads.IMAGE_TYPES),
        accept_multiple_files=True,
        key="own_images",
        max_upload_size=uploads.MAX_IMAGE_MB,
    )
    uploaded = own.decoded_images(st.session_state, files, (rows, cols), invert)
    for message in uploaded.errors:
        st.error(message, icon=":material/broken_image:")
    canvas.own_panel((rows, cols))  # draw freehand or type letters
    with st.expander(
        "Edit a pattern pixel by pixel",
        icon=":material/grid_on:",
        key="own_drawer",
        on_change="rerun",
    ) as drawer:
        if drawer.open or own.drawing_under_way(
            st.session_state
        ):  # built when first opened, then kept
            first = (
                labels[: notes.GRID_SHOWN] if shape == (rows, cols) else []
            )  # a stored pattern to start from
            canvas.pixel_editor(uploaded, stored, first, (rows, cols))
    collection = own.collect(uploaded, st.session_state.get(own.DRAWN, []), (rows, cols))
    _collection(collection, (rows, cols))
    link.write_link()


def _collection(collection: own.Collection, shape: tuple[int, int]) -> None:
    """The patterns collected so far, with the buttons that store them or remove the drawings."""
    if collection.labels:
        shown = min(len(collection.labels), notes.GRID_SHOWN)
        st.image(
            caches.grid_png(
                collection.patterns[:shown],
                shape,
                collection.labels[:shown],
                **notes.grid_layout(shown),
            )
        )
    st.caption(collection.summary)
    if not collection.labels:
        return
    store, clear = st.columns(2)
    store.button(
        collection.store_label,
        on_click=_store_own,
        args=(collection,),
        type="primary",
        icon=":material/save:",
        width="stretch",
    )
    clear.button(
        "Remove the drawings",
        on_click=own.clear_drawings,
        args=(st.session_state,),
        icon=":material/delete:",
        width="stretch",
        disabled=not st.session_state.get(own.DRAWN),
    )


def _store_own(collection: own.Collection) -> None:
    """Make the uploaded and drawn patterns the memory (and ask the fragment for a whole-app rerun)."""
    sidebar.use_custom_set(collection.pattern_set())
    st.session_state[RERUN_APP] = True
