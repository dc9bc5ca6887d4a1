"""Sections of the Continuous memories page, each a function of what it shows: the "same image every time" guard
and the familiarity ROC."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import analysis
from ui import caches, figures

FAMILIAR = 100  # MNIST digits stored, and as many held out, for the familiarity ROC
ATTENTIONS = {"softmax": "softmax", "sparsemax": "sparsemax", "entmax": "α-entmax"}
ATTENTION_SWEEPS = "_continuous_attention_sweeps"  # the toggle that asks for the sweep under every attention

separation = caches.cached(max_entries=16)(analysis.separation_beta)
familiar = caches.cached(max_entries=16, spinner="Scoring stored and unseen digits…")(analysis.stored_vs_unseen)
sweep = caches.cached(max_entries=48, spinner="Sweeping β for each attention…")(analysis.beta_sweep)


def same_image_guard(where: Any, patterns: np.ndarray, labels: Sequence[str], size: float, beta: float,
                     betas: Sequence[str], single_from: float | None, alpha: float = 1.0) -> None:
    """Say that a recall with 1/Σw² = size ended in the average (the "global" regime: size >= `global_from(P)`), and
    offer the smallest β of `betas` at or above the one where the set's closest pair separates; once β is past it,
    the first β at which the β sweep of this probe ends in a single memory (`single_from`, when there is one).
    alpha: the attention's α (1 softmax, 2 sparsemax), which sets the pair's β = 2^(2−α)/(1 − ρ)."""
    count = len(patterns)
    apart = separation(patterns, alpha)
    formula = "2/(1 − ρ)" if alpha == 1 else "1/(1 − ρ)" if alpha == 2 else f"2^(2−{alpha:g})/(1 − ρ)"
    average_from = analysis.continuous.global_from(count)
    wanted = apart.beta if beta < apart.beta or single_from is None else single_from
    above = next((b for b in betas if float(b) >= wanted), betas[-1])
    where.info(f"This recall ended in the average of the memories: 1/Σw² = {size:.1f} of {count} (a state counts as "
               f"the average from {average_from:g} on), so at β = {beta:g} every probe returns about the same "
               f"image. The two most alike images, {labels[apart.first]} and {labels[apart.second]} (correlation "
               f"ρ = {apart.correlation:.2f}), stop merging above β = {formula} = {apart.beta:.3g}; single images "
               "may need a larger β"
               + (f": in the β sweep this probe first ends in one at β = {single_from:g}." if single_from else ".")
               , icon=":material/lightbulb:")
    where.button(f"Use β = {above}", icon=":material/tune:", on_click=st.session_state.update,
                 kwargs={"cbeta": above})


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
        f"corrupted, by the largest weight (AUC {corrupted.by_weight.auc:.3f})": _curve(corrupted.by_weight),
    }
    caches.chart(figures.continuous.roc_figure, curves)
    st.markdown(f"AUC by −E: clean **{clean.by_energy.auc:.3f}**, corrupted ({corruption}) "
                f"**{corrupted.by_energy.auc:.3f}**; by the largest attention weight: clean "
                f"**{clean.by_weight.auc:.3f}**, corrupted **{corrupted.by_weight.auc:.3f}**.")
    st.caption(mnist.credit)


def attention_sweeps(patterns: np.ndarray, probe: np.ndarray, target: np.ndarray, betas: Sequence[str],
                     alpha: float, beta: float) -> None:
    """On its toggle (three sweeps: seconds for the photos, half a minute for 1,000 MNIST digits), the probe's β
    sweep under each attention (α for entmax): how many memories its end state averages, and the first β at which
    each ends in a single memory."""
    wanted = st.toggle("Sweep under every attention", key=ATTENTION_SWEEPS,
                       help="Three more sweeps of this probe: a few seconds for the photos, about half a minute for "
                       "the 1,000 MNIST digits.")
    if not wanted:
        return
    grid = np.array([float(b) for b in betas])
    found = {name: sweep(patterns, probe, target, grid, 200, name, alpha) for name in ATTENTIONS}
    firsts = {name: result.first_beta("single") for name, result in found.items()}
    st.markdown("The same sweep under each attention: sparse attention gives far memories exactly zero weight, so "
                "the end state leaves the average and the metastable mixes at a smaller β.")
    caches.chart(figures.continuous.attention_sweeps_figure, grid,
                 {ATTENTIONS[name]: result.effective[:, 0] for name, result in found.items()},
                 {ATTENTIONS[name]: first for name, first in firsts.items()}, beta)
    st.caption("First β with a single memory: " + "; ".join(
        f"{ATTENTIONS[name]} {'never on this grid' if first is None else f'{first:g}'}"
        for name, first in firsts.items()) + (f" (α = {alpha:g})." if "entmax" in firsts else "."))
