"""Continuous memories in AppTest, issue 22: the "same image every time" guard and the familiarity ROC, checked
against the engine."""

from __future__ import annotations

import numpy as np
import pytest
from apptest import rerun

import hopfield
from hopfield import analysis
from ui import continuous_views
from ui.figures import continuous as continuous_figures

PAGE = "app_pages/continuous.py"


def _guard(at) -> str:
    return next(
        info.value for info in at.info if info.value.startswith("This recall ended in the average")
    )


def test_a_recall_in_the_average_says_so_and_offers_the_pair_separation_beta(app):
    photos = hopfield.load_gray_set("photos")
    apart = analysis.separation_beta(photos.patterns)
    at = app(PAGE, cbeta="1")
    text = _guard(at)
    assert f"{photos.labels[apart.first]} and {photos.labels[apart.second]}" in text
    assert f"ρ = {apart.correlation:.2f}" in text and f"2/(1 − ρ) = {apart.beta:.3g}" in text
    assert (
        "(a state counts as the average from 12 on)" in text
    )  # analysis.continuous.global_from(24)
    (button,) = [b for b in at.button if b.label.startswith("Use β = ")]
    assert button.label == "Use β = 4.22"  # the first β of the slider at or above 4.16
    button.click()
    rerun(at)
    assert at.select_slider(key="cbeta").value == "4.22"
    betas = [float(b) for b in at.select_slider(key="cbeta").options]
    probe = hopfield.real_probe(photos.patterns, 0, "mask-bottom", photos.shape)
    swept = analysis.beta_sweep(photos.patterns, probe, photos.patterns[0], betas, 200)
    single = swept.first_beta("single")
    assert f"first ends in one at β = {single:g}" in _guard(
        at
    )  # past the pair's β: the sweep's first single memory
    assert [b.label for b in at.button if b.label.startswith("Use β = ")] == [f"Use β = {single:g}"]


def test_no_guard_when_the_recall_is_a_single_memory(app):
    at = app(PAGE)
    assert not [
        info for info in at.info if info.value.startswith("This recall ended in the average")
    ]


def test_the_familiarity_tab_states_the_aucs_and_the_corruption(app):
    at = app(PAGE, cbeta="23.7", cprobe="noise", camount="0.8", cseed="3")
    mnist = hopfield.load_gray_set("mnist")
    clean, corrupted = analysis.stored_vs_unseen(
        mnist.patterns, mnist.shape, continuous_views.FAMILIAR, 23.7, "noise", 0.8, 3
    )
    sentence = next(m.value for m in at.markdown if m.value.startswith("AUC by −E"))
    assert sentence == (
        f"AUC by −E: clean **{clean.by_energy.auc:.3f}**, corrupted (gaussian noise, amount 0.8) "
        f"**{corrupted.by_energy.auc:.3f}**; by the largest attention weight: clean "
        f"**{clean.by_weight.auc:.3f}**, corrupted **{corrupted.by_weight.auc:.3f}**."
    )


def test_the_roc_figure_draws_each_curve_over_the_chance_line():
    fig = continuous_figures.roc_figure({"a": ([0, 0.5, 1], [0, 1, 1]), "b": ([0, 1], [0, 1])})
    assert [trace.name for trace in fig.data] == ["chance", "a", "b"]
    assert list(fig.data[1].y) == [0, 1, 1]
    with pytest.raises(ValueError, match="needs as many"):
        continuous_figures.roc_figure({"bad": ([0, 1], [0])})


def test_first_beta_reads_the_sweep():
    sweep = analysis.BetaSweep(
        np.array([1.0, 2.0, 3.0]),
        np.zeros((3, 1)),
        np.ones((3, 1)),
        np.array([[0], [1], [2]]),
        np.zeros((3, 1), int),
        np.ones((3, 1), bool),
    )
    assert sweep.first_beta("metastable") == 2.0 and sweep.first_beta("single") == 3.0
    assert (
        analysis.BetaSweep(
            np.array([1.0]),
            np.zeros((1, 1)),
            np.ones((1, 1)),
            np.array([[0]]),
            np.zeros((1, 1), int),
            np.ones((1, 1), bool),
        ).first_beta("single")
        is None
    )


@pytest.mark.parametrize(("attention", "alpha"), [("sparsemax", 2.0), ("entmax", 1.3)])
def test_sparse_attention_on_the_page_shows_exact_zeros_and_the_sweep_per_attention(
    app, attention, alpha
):
    at = app(PAGE, catt=attention, calpha="1.3", cbeta="4.22")
    assert not [
        c for c in at.caption if c.value.startswith("First β with a single memory")
    ]  # not until asked
    at.toggle(key=continuous_views.ATTENTION_SWEEPS).set_value(True)
    rerun(at)
    photos = hopfield.load_gray_set("photos")
    net = hopfield.HopfieldNetwork.train(
        photos.patterns, "modern", beta=4.22, attention=attention, alpha=1.3
    )
    run = analysis.continuous_recall(
        net, hopfield.real_probe(photos.patterns, 0, "mask-bottom", photos.shape)
    )
    assert (run.weights == 0).any() and net.memory.alpha == alpha
    shown = next(m.value for m in at.metric if m.label == "Memories in the state (1/Σw²)")
    assert shown == f"{run.fixed_point.size:.1f}"
    betas = [float(b) for b in at.select_slider(key="cbeta").options]
    probe = hopfield.real_probe(photos.patterns, 0, "mask-bottom", photos.shape)
    firsts = {
        name: analysis.beta_sweep(
            photos.patterns, probe, photos.patterns[0], betas, 200, name, 1.3
        ).first_beta("single")
        for name in ("softmax", "sparsemax", "entmax")
    }
    caption = next(
        c.value for c in at.caption if c.value.startswith("First β with a single memory")
    )
    assert caption == (
        f"First β with a single memory: softmax {firsts['softmax']:g}; sparsemax "
        f"{firsts['sparsemax']:g}; α-entmax {firsts['entmax']:g} (α = 1.3)."
    )
    assert firsts["sparsemax"] < firsts["softmax"]


def test_the_attention_bars_mark_exact_zeros():
    fig = continuous_figures.attention_bars(np.array([0.7, 0.0, 0.3, 0.0]), ["a", "b", "c", "d"], 0)
    assert fig.layout.title.text == "Attention over the 4 memories (2 exactly 0)"
    assert list(fig.data[1].x) == [1, 3] and list(fig.data[1].y) == [0, 0]
    softmax = continuous_figures.attention_bars(np.array([0.7, 0.1, 0.2]), ["a", "b", "c"])
    assert len(softmax.data) == 1 and softmax.layout.title.text == "Attention over the 3 memories"


def test_the_attention_sweeps_figure_draws_one_line_per_attention():
    fig = continuous_figures.attention_sweeps_figure(
        np.array([1.0, 10.0]),
        {"softmax": [20.0, 1.0], "sparsemax": [3.0, 1.0]},
        {"softmax": 10.0, "sparsemax": None},
        4.0,
    )
    assert [trace.name for trace in fig.data] == ["softmax", "sparsemax"]
    assert [
        shape.x0 for shape in fig.layout.shapes if shape.type == "line" and shape.x0 == shape.x1
    ] == [10.0, 4.0]
    with pytest.raises(ValueError, match="one value per β"):
        continuous_figures.attention_sweeps_figure(np.array([1.0]), {"a": [1.0, 2.0]}, {})
