"""Continuous memories: real-valued images in a modern Hopfield network, β through its three regimes.

Link keys: cset, cimage, cprobe, camount, cseed, cbeta, cheld, catt, calpha. The page keeps its own memory: no
Memory sidebar here.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import caches, code_view, continuous_views, figures, gray_images, own_patterns, snippets, uploads, widgets

SETS = {"photos": "Photos (64x64)", "mnist": "MNIST digits (28x28)", "optdigits": "optdigits (8x8)",
        "uploads": "Your own images"}
BETAS = [f"{float(f'{b:.3g}'):g}" for b in analysis.log_betas(0.1, 1e4, 8)]  # 0.1 … 10000, 8 a decade
AMOUNT_HELP = {"mask-bottom": "Fraction of the rows, from the bottom, set to 0 (the mean pixel).",
               "box": "Side of the occluding box, as a fraction of the image's.",
               "noise": "Standard deviation of the noise, as a fraction of the image's own.",
               "blend": "Weight of the next memory in the blend: 0.5 is half and half."}
TOP, TOP_COLUMNS, TOP_PX = 6, 3, 120  # thumbnails under the attention chart: 2 rows of 3, large enough to read
# Green only when the state is the target; the wrong memory in red; a tie or a mixture in amber.
BOXES = {"target": st.success, "wrong": st.error, "tie": st.warning, "metastable": st.warning, "global": st.info}
ICONS = {"target": ":material/check_circle:", "wrong": ":material/cancel:", "tie": ":material/balance:",
         "metastable": ":material/blur_on:", "global": ":material/density_medium:"}

recall = caches.cached(max_entries=32, spinner="Recalling…")(analysis.continuous_recall)
sweep = caches.cached(max_entries=16, spinner="Sweeping β…")(analysis.beta_sweep)
labels_of = caches.cached(max_entries=16)(analysis.label_retrieval)
png = caches.cached(max_entries=64)(gray_images.gray_png)


def forget_uploads() -> None:
    """The user added or removed files: the stored images are made again from the files left (or none)."""
    st.session_state.pop("_gray_uploads", None)

st.title("Continuous memories", anchor=False)
st.markdown(r"""A modern Hopfield network (Ramsauer et al. 2020) stores real-valued images $\xi^\mu$, each
standardised to mean 0 and variance 1, and moves a state by
$\xi \leftarrow X^\top \operatorname{softmax}(\beta X\xi/N)$:
a weighted average of the memories, weighted by their correlation $\xi^\mu\!\cdot\xi/N$ with the state. Each step
lowers """ + f"${hopfield.modern.ENERGY_LATEX}$" + r""" ($M^2 = 1$ for standardised images). Small $\beta$ ends
in the average of all memories, large $\beta$ in a single memory. In between, where a set holds groups of similar
memories (MNIST and optdigits), a metastable state averages one group: their β sweeps show all three regimes. The
photos are too unlike each other for that: their sweep goes from the average straight to single memories.
Sparsemax and α-entmax attention replace softmax by weights with exact zeros, and lse by its Tsallis conjugate
(the Hopfield–Fenchel–Young energy, Santos et al. 2024): they reach single memories at a smaller β.""")

top = st.container(border=True)
row = top.columns(3)
set_name = widgets.choice("Image set", list(SETS), "cset", "photos", titles=SETS, where=row[0])
if set_name == "uploads":
    with top.expander("Upload images", icon=":material/upload:", expanded="_gray_uploads" not in st.session_state):
        files = st.file_uploader(f"Images (PNG, JPEG, GIF, BMP, WebP), made {gray_images.UPLOAD_SIDE}x"
                                 f"{gray_images.UPLOAD_SIDE} gray", type=["png", "jpg", "jpeg", "gif", "bmp", "webp"],
                                 accept_multiple_files=True, key="_gray_files", on_change=forget_uploads,
                                 max_upload_size=uploads.MAX_IMAGE_MB)
        if files:  # decoded once per set of files, not on every rerun: the same set object, so its caches hit
            ids = tuple(f.file_id for f in files)
            uploaded, errors = own_patterns.remembered(st.session_state, "_gray_decoded", ids,
                                                       lambda: gray_images.uploaded_set(files))
            for error in errors:
                st.warning(error, icon=":material/warning:")
            if uploaded is None:
                st.warning("Upload at least two images that can be read.", icon=":material/warning:")
            else:
                st.session_state["_gray_uploads"] = uploaded
    gray = st.session_state.get("_gray_uploads")
    if gray is None:
        st.info("Upload two or more images to store them, or pick a built-in set. Your own images stay in this "
                "browser session and do not travel in a link.", icon=":material/upload:")
        st.stop()
else:
    gray = hopfield.load_gray_set(set_name)
patterns, labels, count = gray.patterns, gray.labels, len(gray.labels)
index = widgets.choice("Stored image to probe", range(count), "cimage", 0, titles=labels, where=row[1])
kind = widgets.choice("Probe", list(hopfield.PROBE_KINDS), "cprobe", titles=hopfield.PROBE_KINDS, where=row[2])
row = top.columns([2, 1, 1])
beta = float(widgets.choice("Inverse temperature β (log scale)", BETAS, "cbeta", "100", widget="select_slider",
                            where=row[0], allowed=f"a number from {BETAS[0]} to {float(BETAS[-1]):,g} (log steps)",
                            help="β multiplies the correlation ξ^μ·ξ/N inside the softmax: small β "
                          "averages every memory, large β picks the single nearest."))
amount = widgets.number("Amount", "camount", 0.0, 1.0, 0.5, slider=True, where=row[1], step=0.05,
                        help=AMOUNT_HELP[kind])
seed = widgets.number("Seed", "cseed", 0, widgets.MAX_SEED, 0, where=row[2],
                      help="Seeds the box's place and the noise.")
held = False  # clamped completion: the visible pixels of a masked or boxed probe stay as they are
if kind in hopfield.noise.HIDING_PROBES:
    held = widgets.toggle("Visible pixels held", "cheld", where=row[1], help="Clamped completion: the visible "
                          "pixels keep their values and only the hidden ones are filled in.")
row = top.columns([1, 1, 2])
attention = widgets.choice("Attention", list(continuous_views.ATTENTIONS), "catt", "softmax",
                           titles=continuous_views.ATTENTIONS, where=row[0],
                           help="Sparsemax and α-entmax give far memories exactly zero weight (Hu et al. 2023; "
                           "Santos et al. 2024).")
alpha = widgets.number("α (entmax)", "calpha", 1.05, 1.95, 1.5, slider=True, step=0.05, where=row[1],
                       disabled=attention != "entmax", help="1 is softmax, 2 sparsemax.")

try:
    net = caches.modern_network(patterns, beta, attention, alpha)
    probe = hopfield.real_probe(patterns, index, kind, gray.shape, amount, seed)
    clamp = ~hopfield.noise.real_hidden(kind, gray.shape, amount, seed) if held else None
    run = recall(net, probe, clamp=clamp)
except ValueError as error:
    st.error(str(error), icon=":material/error:")
    st.stop()

target = labels[index]
left, right = st.columns(2, gap="medium")
strip = png(np.stack([probe, run.retrieved, patterns[run.nearest]]), gray.shape,
            ("probe", "retrieved", f"nearest: {labels[run.nearest]}"), 3, 128)
left.image(strip, caption=f"probe ({hopfield.PROBE_KINDS[kind].lower()} of {target}) → retrieved → nearest stored "
           "image")
left.download_button("Download PNG", strip, f"continuous_{set_name}_{index}_beta{beta:g}.png", "image/png",
                     icon=":material/download:")
point = run.fixed_point
outcome, sentence = point.outcome(index, labels)
with left:
    BOXES[outcome](sentence, icon=ICONS[outcome])
swept = sweep(patterns, probe, patterns[index], np.array([float(b) for b in BETAS]), 200, attention, alpha)
if point.regime == "global":  # the "same image every time" guard
    continuous_views.same_image_guard(left, patterns, labels, point.size, beta, BETAS, swept.first_beta("single"),
                                      net.memory.alpha)
with left.container(horizontal=True):
    st.metric("Correlation with the target", f"{analysis.correlations(run.retrieved, patterns[index])[0]:.3f}",
              width="content")
    st.metric("Memories in the state (1/Σw²)", f"{point.size:.1f}", width="content")
    st.metric("Steps", run.steps if run.converged else f"{run.steps} (not settled)", width="content")
with right:
    caches.chart(figures.recall.energy_plot, run.energies[:, None], [target], "step", height=260)
    caches.chart(figures.continuous.attention_bars, run.weights, list(labels), index)
    strongest = np.argsort(-run.weights, kind="stable")[:TOP]
    st.image(png(patterns[strongest], gray.shape, tuple(f"{labels[k]} {run.weights[k]:.0%}" for k in strongest),
                 TOP_COLUMNS, TOP_PX), caption=f"The {TOP} memories with the largest attention")

code_view.show_code(snippets.continuous, set_name, index, kind, amount, seed, beta, files=gray.labels,
                    side=gray.shape[0], held=clamp is not None, attention=attention, alpha=alpha)  # as code
sweep_tab, values_tab, familiar_tab = st.tabs(["β sweep", "Keys → values", "Familiarity"])
with sweep_tab:
    st.markdown(f"The same probe recalled at {len(BETAS)} values of β: how well the end state matches "
                f"{target}, and how many memories it averages. The shading names the regime; the dashed line is "
                "the β above.")
    passed = dict.fromkeys(analysis.continuous.REGIME_TITLES[band[0]] for band in swept.bands(0))
    st.caption(f"Regimes this sweep passes through: {', '.join(passed)} ({len(passed)} of 3).")
    caches.chart(figures.continuous.beta_sweep_figure, swept.betas, swept.quality[:, 0], swept.effective[:, 0],
                 swept.bands(0), beta, count)
    st.download_button("Download CSV", swept.csv(0), f"beta_sweep_{set_name}_{index}.csv", "text/csv",
                       icon=":material/download:")
    continuous_views.attention_sweeps(patterns, probe, patterns[index], BETAS, alpha, beta)
with values_tab:
    st.markdown(r"""Keys and values: the images are stored as keys $X$ and their labels as one-hot values $V$;
one retrieval $V^\top\operatorname{softmax}(\beta X\xi/N)$ turns the probe into a weight per label.""")
    names, weights = labels_of(patterns, gray.classes, beta, probe[None], attention, alpha)
    shares = dict(sorted(zip(names, weights[0].tolist(), strict=True), key=lambda item: -item[1])[:12])
    outcome, sentence = analysis.label_outcome(names, weights[0], gray.classes[index])
    BOXES[outcome](sentence, icon=ICONS[outcome])
    caches.chart(figures.continuous.label_bars, shares, gray.classes[index])
with familiar_tab:
    continuous_views.familiarity_view(beta, kind, amount, seed)
if gray.credit:
    st.caption(gray.credit)
