"""Store patterns: what the memory holds (patterns, weights, correlations, stability, load), save and
restore a network, and store your own patterns from images or drawn pixels."""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork
from hopfield.analysis.memory_views import MemoryView, memory_view, same_memory
from ui import caches, canvas, code_view, damage_view, figures, images, link, sidebar, snippets, uploads, widgets, words
from ui import own_patterns as own
from ui import store_notes as notes

HEATMAP_SIDE = 200  # W is drawn about 300 px wide: more cells only cost time (784 = 196 blocks of 4, 7 a row)
SHAPE_SEEN = "_store_shape"  # session: the memory's shape when the neuron was last chosen
RERUN_APP = "_store_rerun_app"  # session flag: the memory changed inside a fragment, redraw the whole app


@caches.cached()
def _memory_view(net: HopfieldNetwork) -> MemoryView:
    """Weight size, correlations, most alike pair and stability of the memory, once per network."""
    return memory_view(net)


@caches.cached()
def _strength_effect(net: HopfieldNetwork, strengths: tuple[float, ...]) -> tuple[float, int]:
    """P_eff = Σ c² / c_min² and the stored patterns that stay fixed points, with these strengths."""
    strong = HopfieldNetwork.train(net.patterns, net.rule, strengths=strengths, **net.params)
    return hopfield.strengths.effective_patterns(strong.strengths, net.memorised), memory_view(strong).fixed_points


def _use_network(network: HopfieldNetwork, name: str, shape: tuple[int, int]) -> None:
    """Make a restored network the memory: its patterns become the custom set, its rule and parameters the sidebar's."""
    sidebar.use_custom_set(own.network_set(network, name, shape))
    st.session_state.update(rule=network.rule, **{link.param_key(name): v for name, v in network.params.items()})


def _store_own(collection: own.Collection) -> None:
    """Make the uploaded and drawn patterns the memory (and ask the fragment for a whole-app rerun)."""
    sidebar.use_custom_set(collection.pattern_set())
    st.session_state[RERUN_APP] = True


@st.fragment
def neuron_view(net: HopfieldNetwork, shape: tuple[int, int], suffix: str) -> None:
    """One neuron's row of W as a picture; a fragment, so choosing a neuron does not redraw the charts."""
    centre = (shape[0] // 2) * shape[1] + shape[1] // 2
    if st.session_state.get(SHAPE_SEEN, shape) != shape:
        st.session_state["neuron"] = centre  # another set was chosen since: start from its centre again
    st.session_state[SHAPE_SEEN] = shape
    neuron = widgets.number("Neuron i", "neuron", 0, net.n - 1, centre,
                          help="Neurons are numbered row by row: i = row · columns + column.")
    st.image(images.weight_row_image(net.weights[neuron], shape, neuron))
    st.caption(notes.neuron_sentence(neuron, shape, suffix))
    link.write_link()  # a fragment rerun skips app.py's write_link


@st.fragment
def own_patterns(stored: np.ndarray, labels: list[str], shape: tuple[int, int]) -> None:
    """Uploads, the pixel editor and the collection to store; a fragment, so ticking pixels stays quick."""
    if st.session_state.pop(RERUN_APP, False):  # stored from here: the sidebar and the page above must follow
        st.rerun(scope="app")
    left, middle, right = st.columns(3)
    rows = widgets.number("Grid rows", "own_rows", *uploads.GRID_SIDES, own.GRID_SIDE, where=left)
    cols = widgets.number("Grid columns", "own_cols", *uploads.GRID_SIDES, own.GRID_SIDE, where=middle)
    invert = widgets.toggle("Light ink on a dark ground", "own_invert", where=right)
    files = st.file_uploader(uploads.IMAGE_LABEL, type=list(uploads.IMAGE_TYPES), accept_multiple_files=True,
                             key="own_images", max_upload_size=uploads.MAX_IMAGE_MB)
    uploaded = own.decoded_images(st.session_state, files, (rows, cols), invert)
    for message in uploaded.errors:
        st.error(message, icon=":material/broken_image:")
    canvas.own_panel((rows, cols))  # draw freehand or type letters
    with st.expander("Edit a pattern pixel by pixel", icon=":material/grid_on:", key="own_drawer",
                     on_change="rerun") as drawer:
        if drawer.open or own.drawing_under_way(st.session_state):  # built when first opened, then kept
            first = labels[:notes.GRID_SHOWN] if shape == (rows, cols) else []  # a stored pattern to start from
            canvas.pixel_editor(uploaded, stored, first, (rows, cols))
    collection = own.collect(uploaded, st.session_state.get(own.DRAWN, []), (rows, cols))
    if collection.labels:
        shown = min(len(collection.labels), notes.GRID_SHOWN)
        st.image(caches.grid_png(collection.patterns[:shown], (rows, cols), collection.labels[:shown],
                                **notes.grid_layout(shown)))
    st.caption(collection.summary)
    if collection.labels:
        store, clear = st.columns(2)
        store.button(collection.store_label, on_click=_store_own, args=(collection,), type="primary",
                     icon=":material/save:", width="stretch")
        clear.button("Remove the drawings", on_click=own.clear_drawings, args=(st.session_state,),
                     icon=":material/delete:", width="stretch", disabled=not st.session_state.get(own.DRAWN))
    link.write_link()


st.title("Store patterns")
st.markdown(
    "Every stored pattern $\\xi^\\mu \\in \\{-1, +1\\}^N$ is a picture of $N$ neurons (ink = +1). "
    "A classic network keeps them in one symmetric weight matrix, for the Hebbian rule "
    "$W = \\frac{1}{N}\\sum_\\mu \\xi^\\mu \\xi^{\\mu\\top}$ with $w_{ii} = 0$; neuron $i$ then follows its field, "
    "$s_i \\leftarrow \\operatorname{sign}(\\sum_j w_{ij} s_j)$. How well the memory works depends on how "
    "alike the patterns are (their correlations $C_{\\mu\\nu} = \\frac{1}{N}\\xi^\\mu\\cdot\\xi^\\nu$) and on how "
    "many there are for $N$ neurons (the load $P/P_{max}$). Choose the set, the patterns and the rule in the sidebar."
)
memory, net = sidebar.require_network()
rule, shape, labels = hopfield.RULES[memory.rule], memory.shape, memory.labels
view = _memory_view(net)
suffix = "" if view.pairwise else " (Hebbian)"

st.subheader("Stored patterns", anchor=False)
shown = min(net.memorised, notes.GRID_SHOWN)
grid_png = caches.grid_png(net.patterns[:shown], shape, tuple(labels[:shown]), **notes.grid_layout(shown))
st.image(grid_png)
more = f" (the first {shown} are drawn)" if shown < net.memorised else ""
st.caption(f"{words.counted(net.memorised, 'pattern')} of {shape[0]}×{shape[1]} = {net.n} neurons from "
           f"{sidebar.SET_TITLES.get(memory.source.name, memory.source.title)}{more}, stored with the {rule.title} "
           f"rule. {memory.source.credit}")
st.download_button("Download the grid (PNG)", grid_png, file_name=f"stored-patterns-{memory.source.name}.png",
                   mime="image/png", icon=":material/image:", on_click="ignore")

st.subheader("Weights", anchor=False)
st.caption(rule.description)
if not view.pairwise:
    st.info(notes.no_weights_note(rule.title), icon=":material/info:")
columns = st.columns(4)
columns[0].metric("Neurons N", net.n)
columns[1].metric("Patterns P", net.memorised)
columns[2].metric(f"max |w_ij|{suffix}", f"{view.weights.largest:.4g}")
columns[3].metric(f"mean |w_ij|{suffix}", f"{view.weights.mean:.4g}")
heat, row_view = st.columns([3, 2])
with heat:
    caches.chart(figures.store.weight_heatmap, net.weights, "Weight matrix W" if view.pairwise else
                "Hebbian W of the same patterns (for comparison)", max_side=HEATMAP_SIDE)
with row_view:
    neuron_view(net, shape, suffix)

st.subheader("Correlations and stability", anchor=False)
left, right = st.columns(2)
with left:
    caches.chart(figures.store.correlation_heatmap, view.correlations, labels)
    if view.most_alike is not None:
        st.caption(notes.alike_sentence(view.most_alike, labels))
with right:
    caches.chart(figures.store.stability_bars, view.flipped_bits, labels, net.n)
    st.caption(notes.stability_sentence(view.fixed_points, net.memorised, rule.title))

st.subheader("Load", anchor=False)
gauge, words = st.columns([3, 2])
effective = float(net.memorised)
if rule.strengths:  # W = (1/N) Σ c_μ ξξᵀ: a strength for each pattern, 1 unless chosen here
    with words.expander("Pattern strengths $c_\\mu$", icon=":material/tune:"):
        strong = widgets.choices("Patterns with another strength", [str(k) for k in range(net.memorised)], "strong", [],
                               titles={str(k): label for k, label in enumerate(labels)}, placeholder="Every c_μ = 1")
        c = widgets.number("Their strength c", "strength", 0.0, 5.0, 2.0, slider=True, step=0.25)
    try:  # every c_μ = 1 is the stored memory itself: nothing to retrain
        if strong:
            strengths = tuple(c if str(k) in strong else 1.0 for k in range(net.memorised))
            effective, fixed = _strength_effect(net, strengths)
            words.caption(notes.strength_sentence(effective, fixed, net.memorised))
    except ValueError as error:
        words.warning(str(error), icon=":material/warning:")
load = notes.load_of(effective, net.capacity)
if net.capacity > 0:  # no gauge without a closed-form capacity (nan) or with none at all (0)
    with gauge:
        caches.chart(figures.store.load_gauge, load, net.capacity, round(effective, 2), rule.title)
stored = net.memorised if effective == net.memorised else f"{net.memorised} (in effect {effective:.3g})"
words.markdown(notes.load_sentence(rule.title, net.capacity, net.n, stored, load))
if not view.pairwise:
    words.caption(notes.DENSE_LOAD_NOTE)
code_view.show_code(snippets.store, memory=memory)  # this view as code
damage_view.section(memory, net)

st.subheader("Save or restore the network", anchor=False)
st.download_button("Download the network (.npz)", lambda: uploads.network_file(net), on_click="ignore",
                   file_name=f"hopfield-{memory.rule}-{net.memorised}x{net.n}.npz", mime="application/octet-stream",
                   icon=":material/download:", help="The patterns, rule, parameters and weights, readable by "
                   "hopfield.load() and by the upload below.")
link.own_link_note()  # why your own patterns are too many or too large to travel in the link, if they are
upload = st.file_uploader("Restore a network saved here (.npz)", type=["npz"], key="network_file")
loaded = None if upload is None else own.decoded_network(st.session_state, upload)
if isinstance(loaded, str):
    st.error(f"{upload.name}: {loaded}", icon=":material/error:")
elif loaded is not None:
    loaded_shape = uploads.grid_shape(loaded.n, shape)
    described = uploads.describe_network(upload.name, loaded, loaded_shape)
    if same_memory(loaded, net):
        st.success(f"{described}: this is the stored memory now.", icon=":material/check_circle:")
    else:
        st.info(described + ".", icon=":material/description:")
        st.button("Use this network as the memory", on_click=_use_network, args=(loaded, upload.name, loaded_shape),
                  icon=":material/upload:")

st.subheader("Your own patterns", anchor=False)
st.markdown("Upload pictures, draw, type letters or tick pixels, then store them: the sidebar's set becomes "
            "*Your own patterns*. An image is shrunk to the grid; each cell darker than its mean grey is ink (+1).")
st.page_link("app_pages/continuous.py", label="Gray images as real values: Continuous memories")
own_patterns(net.patterns, labels, shape)
