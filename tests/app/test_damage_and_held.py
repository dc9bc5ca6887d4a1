"""Store's "Damage the network" section and the known pixels held on Recall and Continuous memories, in AppTest:
every control's path, the numbers against the engine, and the set changes the sidebar allows."""

from __future__ import annotations

import numpy as np
from apptest import rerun, widget

import hopfield
from hopfield.corrupt import hidden


def _damaged(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Recalled after damage: "))


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _engine_damage(patterns, rule, kind, level, clip):
    net = hopfield.HopfieldNetwork.train(patterns, rule)
    amount = {"prune": level} if kind == "prune" else {"remove": round(level * net.n)}
    hurt = net.damaged(**amount, clip=clip, seed=0)
    probes = hopfield.corrupt(hurt.patterns, "flip", 0.1, 0)
    return int((hurt.recall(probes).states == hurt.patterns).all(axis=1).sum()), hurt.n


def test_the_damage_section_follows_every_control(app):
    at = app("app_pages/store.py", set="random", p="12", side="15", seed="1")
    patterns = hopfield.random_patterns(12, 225, seed=1)
    recalled, _ = _engine_damage(patterns, "hebbian", "prune", 0.5, False)
    assert _damaged(at) == f"Recalled after damage: {recalled} of 12"
    widget(at, "dclip").set_value(True)
    widget(at, "dkind").set_value("remove")
    widget(at, "dlevel").set_value(0.3)
    rerun(at)
    recalled, left = _engine_damage(patterns, "hebbian", "remove", 0.3, True)
    assert _damaged(at) == f"Recalled after damage: {recalled} of 12"
    assert any(f"damaged network of {left} neurons" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Measure recall against damage").click()
    rerun(at)
    assert any(
        c.value.startswith("The sidebar's 12 patterns stored by every rule") for c in at.caption
    )
    assert len(at.get("plotly_chart")) == 6  # the page's four, the damaged W and the curves


def test_a_memory_without_weights_says_so_and_a_set_change_keeps_the_controls(app):
    at = app("app_pages/store.py", rule="dense-poly", dlevel="0.7", dkind="remove")
    assert any("has no synapses to damage" in i.value for i in at.info)
    at.sidebar.selectbox(key="set").set_value("mnist")
    rerun(at)
    widget(at, "rule").set_value("hebbian")
    rerun(at)
    assert widget(at, "dlevel").value == 0.7 and widget(at, "dkind").value == "remove"
    assert _damaged(at).endswith(" of 10")


def test_recall_holds_the_known_pixels_only_for_noise_that_hides_them(app):
    link = {
        "set": "random",
        "p": "28",
        "side": "14",
        "noise": "mask",
        "level": "0.5",
        "rseed": "3",
        "pattern": "2",
    }
    at = app("app_pages/recall.py", **link)
    assert widget(at, "held").value is False and _metric(at, "Bits wrong after recall") == "12"
    widget(at, "held").set_value(True)
    rerun(at)
    patterns = hopfield.random_patterns(28, 196, seed=0)  # the random set's own seed: the default
    net = hopfield.HopfieldNetwork.train(patterns)
    probe = hopfield.corrupt(patterns[2], "mask", 0.5, 3, (14, 14))
    clamp = ~hidden("mask", 0.5, 196, 3, (14, 14))
    final = net.recall(probe, "sync", 20, seed=3, clamp=clamp).states[0]
    assert _metric(at, "Bits wrong after recall") == str(int((final != patterns[2]).sum())) == "3"
    assert "clamp=clamp" in next(c.value for c in at.code if "import hopfield" in c.value)
    widget(at, "noise").set_value("flip")
    rerun(at)
    assert "held" not in [t.key for t in at.toggle]
    at.sidebar.selectbox(key="set").set_value("digits")
    rerun(at)
    widget(at, "noise").set_value("occlude")
    rerun(at)
    assert (
        widget(at, "held").value is True
    )  # kept through the set change: the occlusion's known rows are held
    assert not at.error


def test_continuous_holds_the_visible_pixels_of_a_masked_or_boxed_photo(app):
    at = app("app_pages/continuous.py", cset="mnist", cbeta="23.7")
    free = _metric(at, "Correlation with the target")
    widget(at, "cheld").set_value(True)
    rerun(at)
    gray = hopfield.load_gray_set("mnist")
    net = hopfield.HopfieldNetwork.train(np.array(gray.patterns), "modern", beta=23.7)
    probe = hopfield.real_probe(gray.patterns, 0, "mask-bottom", gray.shape, 0.5, 0)
    run = hopfield.analysis.continuous_recall(
        net, probe, clamp=~hopfield.noise.real_hidden("mask-bottom", gray.shape, 0.5, 0)
    )
    held = f"{hopfield.analysis.correlations(run.retrieved, gray.patterns[0])[0]:.3f}"
    assert _metric(at, "Correlation with the target") == held and float(held) > float(free)
    widget(at, "cprobe").set_value("box")
    rerun(at)
    assert widget(at, "cheld").value is True
    widget(at, "cprobe").set_value("noise")
    rerun(at)
    assert "cheld" not in [t.key for t in at.toggle]
