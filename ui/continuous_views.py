"""Sections of the Continuous memories page, each a function of what it shows: the recall and its
outcome, the "same image every time" guard, the attention, the β sweep, keys → values and the
familiarity ROC."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import attention, caches, continuous_controls, figures, gray_images

FAMILIAR = 100  # MNIST digits stored, and as many held out, for the familiarity ROC
TOP = 6  # thumbnails under the attention chart: 2 rows of 3, large enough to read
TOP_COLUMNS = 3
TOP_PX = 120
ICONS = {
    "target": ":material/check_circle:",
    "wrong": ":material/cancel:",
    "tie": ":material/balance:",
    "metastable": ":material/blur_on:",
    "global": ":material/density_medium:",
}
# the toggle that asks for the sweep under every attention
ATTENTION_SWEEPS = "_continuous_attention_sweeps"

png = caches.cached(max_entries=64)(gray_images.gray_png)
labels_of = caches.cached(max_entries=16)(analysis.label_retrieval)
separation = caches.cached(max_entries=16)(analysis.separation_beta)
familiar = caches.cached(max_entries=16, spinner="Scoring stored and unseen digits…")(
    analysis.stored_vs_unseen
)
sweep = caches.cached(max_entries=48, spinner="Sweeping β for each attention…")(analysis.beta_sweep)


def outcome_box(outcome: str, sentence: str) -> None:
    """`sentence` in a box of the outcome's colour: green only when the state is the target, the wrong
    memory in red, a tie or a mixture in amber, the average in blue."""
    icon = ICONS[outcome]
    if outcome == "target":
        st.success(sentence, icon=icon)
    elif outcome == "wrong":
        st.error(sentence, icon=icon)
    elif outcome == "global":
        st.info(sentence, icon=icon)
    else:
        st.warning(sentence, icon=icon)


def recall_result(
    gray: hopfield.GraySet,
    chosen: continuous_controls.Probe,
    probe: np.ndarray,
    run: analysis.ContinuousRecall,
    single_from: float | None,
    alpha: float = 1.0,
) -> None:
    """The probe, the retrieved state and the nearest stored image, what the recall ended in (with the
    guard when it ended in the average: `single_from` is the sweep's first β of a single memory), and
    its numbers."""
    patterns = gray.patterns
    labels = gray.labels
    target = labels[chosen.index]
    shown = np.stack([probe, run.retrieved, patterns[run.nearest]])
    names = ("probe", "retrieved", f"nearest: {labels[run.nearest]}")
    strip = png(shown, gray.shape, names, 3, 128)
    probe_words = hopfield.PROBE_KINDS[chosen.kind].lower()
    st.image(strip, caption=f"probe ({probe_words} of {target}) → retrieved → nearest stored image")
    st.download_button(
        "Download PNG",
        strip,
        f"continuous_{chosen.set_name}_{chosen.index}_beta{chosen.beta:g}.png",
        "image/png",
        icon=":material/download:",
    )
    point = run.fixed_point
    outcome, sentence = point.outcome(chosen.index, labels)
    outcome_box(outcome, sentence)
    if point.regime == "global":  # the "same image every time" guard
        betas = continuous_controls.BETAS
        same_image_guard(st, patterns, labels, point.size, chosen.beta, betas, single_from, alpha)
    correlation = analysis.correlations(run.retrieved, patterns[chosen.index])[0]
    steps = run.steps if run.converged else f"{run.steps} (not settled)"
    with st.container(horizontal=True):
        st.metric("Correlation with the target", f"{correlation:.3f}", width="content")
        st.metric("Memories in the state (1/Σw²)", f"{point.size:.1f}", width="content")
        st.metric("Steps", steps, width="content")


def attention_result(gray: hopfield.GraySet, index: int, run: analysis.ContinuousRecall) -> None:
    """The energy at every step, the attention on every memory, and the TOP memories it weighs most."""
    labels = gray.labels
    caches.chart(
        figures.recall.energy_plot, run.energies[:, None], [labels[index]], "step", height=260
    )
    caches.chart(figures.continuous.attention_bars, run.weights, list(labels), index)
    strongest = np.argsort(-run.weights, kind="stable")[:TOP]
    names = tuple(f"{labels[k]} {run.weights[k]:.0%}" for k in strongest)
    thumbnails = png(gray.patterns[strongest], gray.shape, names, TOP_COLUMNS, TOP_PX)
    st.image(thumbnails, caption=f"The {TOP} memories with the largest attention")


def beta_sweep_view(
    swept: analysis.BetaSweep, chosen: continuous_controls.Probe, target: str, memories: int
) -> None:
    """The same probe (of `target`, among `memories` stored) recalled at every β of BETAS: the regimes
    it passes through, its chart and CSV."""
    betas = continuous_controls.BETAS
    st.markdown(
        f"The same probe recalled at {len(betas)} values of β: how well the end state matches {target}, "
        "and how many memories it averages. The shading names the regime; the dashed line is the β above."
    )
    bands = swept.bands(0)
    passed = dict.fromkeys(analysis.continuous.REGIME_TITLES[band[0]] for band in bands)
    st.caption(f"Regimes this sweep passes through: {', '.join(passed)} ({len(passed)} of 3).")
    caches.chart(
        figures.continuous.beta_sweep_figure,
        swept.betas,
        swept.quality[:, 0],
        swept.effective[:, 0],
        bands,
        chosen.beta,
        memories,
    )
    st.download_button(
        "Download CSV",
        swept.csv(0),
        f"beta_sweep_{chosen.set_name}_{chosen.index}.csv",
        "text/csv",
        icon=":material/download:",
    )


def keys_to_values(
    gray: hopfield.GraySet, chosen: continuous_controls.Probe, probe: np.ndarray
) -> None:
    """The images as keys and their labels as one-hot values: the weight of each label for the probe."""
    st.markdown(r"""Keys and values: the images are stored as keys $X$ and their labels as one-hot values $V$;
one retrieval $V^\top\operatorname{softmax}(\beta X\xi/N)$ turns the probe into a weight per label.""")
    target = gray.classes[chosen.index]
    names, weights = labels_of(
        gray.patterns, gray.classes, chosen.beta, probe[None], chosen.attention, chosen.alpha
    )
    ranked = sorted(zip(names, weights[0].tolist(), strict=True), key=lambda item: -item[1])
    outcome, sentence = analysis.label_outcome(names, weights[0], target)
    outcome_box(outcome, sentence)
    caches.chart(figures.continuous.label_bars, dict(ranked[:12]), target)


def same_image_guard(
    where: Any,
    patterns: np.ndarray,
    labels: Sequence[str],
    size: float,
    beta: float,
    betas: Sequence[str],
    single_from: float | None,
    alpha: float = 1.0,
) -> None:
    """Say that a recall with 1/Σw² = size ended in the average (the "global" regime: size >= `global_from(P)`), and
    offer the smallest β of `betas` at or above the one where the set's closest pair separates; once β is past it,
    the first β at which the β sweep of this probe ends in a single memory (`single_from`, when there is one).
    alpha: the attention's α (1 softmax, 2 sparsemax), which sets the pair's β = 2^(2−α)/(1 − ρ)."""
    count = len(patterns)
    apart = separation(patterns, alpha)
    formula = (
        "2/(1 − ρ)" if alpha == 1 else "1/(1 − ρ)" if alpha == 2 else f"2^(2−{alpha:g})/(1 − ρ)"
    )
    average_from = analysis.continuous.global_from(count)
    wanted = apart.beta if beta < apart.beta or single_from is None else single_from
    above = next((b for b in betas if float(b) >= wanted), betas[-1])
    where.info(
        f"This recall ended in the average of the memories: 1/Σw² = {size:.1f} of {count} (a state counts as "
        f"the average from {average_from:g} on), so at β = {beta:g} every probe returns about the same "
        f"image. The two most alike images, {labels[apart.first]} and {labels[apart.second]} (correlation "
        f"ρ = {apart.correlation:.2f}), stop merging above β = {formula} = {apart.beta:.3g}; single images "
        "may need a larger β"
        + (
            f": in the β sweep this probe first ends in one at β = {single_from:g}."
            if single_from
            else "."
        ),
        icon=":material/lightbulb:",
    )
    where.button(
        f"Use β = {above}",
        icon=":material/tune:",
        on_click=st.session_state.update,
        kwargs={"cbeta": above},
    )


def _curve(roc: analysis.Roc) -> tuple[np.ndarray, np.ndarray]:
    return roc.false_positive, roc.true_positive


def familiarity_view(beta: float, kind: str, amount: float, seed: int) -> None:
    """MNIST digits stored against held-out ones at β: the ROC of −E and of the largest attention weight, for clean
    probes and for probes corrupted as the page's probe (kind, amount, seed), with their AUCs."""
    mnist = hopfield.load_gray_set("mnist")
    corruption = f"{hopfield.PROBE_KINDS[kind].lower()}, amount {amount:g}"
    clean, corrupted = familiar(mnist.patterns, mnist.shape, FAMILIAR, beta, kind, amount, seed)
    st.markdown(f"""Familiarity: {FAMILIAR} MNIST digits stored at β = {beta:g}, {FAMILIAR} others held out. A stored
input sits lower in the energy and draws its attention onto one memory, so $-E$ and the largest attention weight
score how familiar a probe is (Hopfield boosting, Hofmann et al. 2024, flags unfamiliar inputs by the energy).
Corrupted probes: {corruption}, as chosen above. The area under a curve (AUC) is the chance that a stored digit
outscores an unseen one.""")
    curves = {
        f"clean, by −E (AUC {clean.by_energy.auc:.3f})": _curve(clean.by_energy),
        f"clean, by the largest weight (AUC {clean.by_weight.auc:.3f})": _curve(clean.by_weight),
        f"corrupted, by −E (AUC {corrupted.by_energy.auc:.3f})": _curve(corrupted.by_energy),
        f"corrupted, by the largest weight (AUC {corrupted.by_weight.auc:.3f})": _curve(
            corrupted.by_weight
        ),
    }
    caches.chart(figures.continuous.roc_figure, curves)
    st.markdown(
        f"AUC by −E: clean **{clean.by_energy.auc:.3f}**, corrupted ({corruption}) "
        f"**{corrupted.by_energy.auc:.3f}**; by the largest attention weight: clean "
        f"**{clean.by_weight.auc:.3f}**, corrupted **{corrupted.by_weight.auc:.3f}**."
    )
    st.caption(mnist.credit)


def attention_sweeps(
    patterns: np.ndarray,
    probe: np.ndarray,
    target: np.ndarray,
    betas: Sequence[str],
    alpha: float,
    beta: float,
) -> None:
    """On its toggle (three sweeps: seconds for the photos, half a minute for 1,000 MNIST digits), the probe's β
    sweep under each attention (α for entmax): how many memories its end state averages, and the first β at which
    each ends in a single memory."""
    wanted = st.toggle(
        "Sweep under every attention",
        key=ATTENTION_SWEEPS,
        help="Three more sweeps of this probe: a few seconds for the photos, about half a minute for "
        "the 1,000 MNIST digits.",
    )
    if not wanted:
        return
    titles = attention.TITLES
    grid = np.array([float(b) for b in betas])
    found = {name: sweep(patterns, probe, target, grid, 200, name, alpha) for name in titles}
    firsts = {name: result.first_beta("single") for name, result in found.items()}
    st.markdown(
        "The same sweep under each attention: sparse attention gives far memories exactly zero weight, so "
        "the end state leaves the average and the metastable mixes at a smaller β."
    )
    effective = {titles[name]: result.effective[:, 0] for name, result in found.items()}
    single = {titles[name]: first for name, first in firsts.items()}
    caches.chart(figures.continuous.attention_sweeps_figure, grid, effective, single, beta)
    said = [
        f"{titles[name]} {'never on this grid' if first is None else f'{first:g}'}"
        for name, first in firsts.items()
    ]
    entmax = f" (α = {alpha:g})" if "entmax" in firsts else ""
    st.caption(f"First β with a single memory: {'; '.join(said)}{entmax}.")
