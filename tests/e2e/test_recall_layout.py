"""The Recall page's layout in a real browser: a demo that fits one projector screen, and a phone without sideways
scrolling.

At 1280x800 the first screen holds the controls that matter (pattern, noise, level, dynamics), the animation, the
noisy probe, the recalled state, the target and the energy curve; at 390x844 nothing (tables, the GIF, the pictures
of every tab) is wider than the screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, App, wait_ready

pytestmark = pytest.mark.e2e

HERO = (
    "noisy probe",
    "animation",
    "recalled",
    "target 7",
)  # captions of the first screen's pictures
CONTROLS = ("Pattern to corrupt", "Noise", "Noise level", "Dynamics")
TABS = ("Step by step", "All patterns", "Same probe, every rule")


def _box(page: Page, selector: str, text: str | re.Pattern[str]) -> dict[str, float]:
    element = page.locator(selector).filter(has_text=text).first
    expect(element).to_be_visible()
    box = element.bounding_box()
    assert box is not None, f"{selector} with {text!r} has no box"
    return box


def test_the_first_screen_holds_controls_pictures_animation_and_energy(
    app: App, page: Page
) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/recall")
    expect(page.locator("h1").first).to_have_text("Corrupt & recall")
    boxes = {
        caption: _box(page, "[data-testid='stImage']", re.compile("^" + re.escape(caption)))
        for caption in HERO
    }
    boxes["energy chart"] = _box(page, "[data-testid='stPlotlyChart']", "Energy per step")
    for label in CONTROLS:
        boxes[label] = _box(
            page, "[data-testid='stSelectbox'], [data-testid='stSlider']", re.compile("^" + label)
        )
    below = {
        name: round(box["y"] + box["height"])
        for name, box in boxes.items()
        if box["y"] < 0 or box["y"] + box["height"] > DESKTOP["height"]
    }
    assert not below, (
        f"not on the first screen of {DESKTOP['width']}x{DESKTOP['height']} (bottom edges): {below}"
    )
    chart = boxes["energy chart"]
    pictures = [boxes[caption] for caption in HERO]
    assert all(p["x"] + p["width"] <= chart["x"] for p in pictures), (
        "the pictures sit beside the energy curve"
    )


def test_the_energy_curve_counts_the_recorded_unit(app: App, page: Page) -> None:
    """Asynchronous recalls are recorded flip by flip: the title and the x axis say so."""
    page.set_viewport_size(DESKTOP)
    app.open(page, "/recall", "mode=async")
    chart = page.locator("[data-testid='stPlotlyChart']").filter(has_text="Energy per flip").first
    expect(chart).to_be_visible()
    expect(chart.locator(".xtitle")).to_have_text("flip")
    assert (
        page.locator("[data-testid='stPlotlyChart']").filter(has_text="Energy per step").count()
        == 0
    )


def test_a_phone_never_scrolls_sideways(app: App, page: Page) -> None:
    page.set_viewport_size(PHONE)
    app.open(page, "/recall", "set=mnist")  # the widest pictures: 28x28 digits
    for tab in TABS:
        page.get_by_role("tab", name=tab).click()
        wait_ready(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{tab}: the page is {width} px wide"
        rights = page.locator(
            "[data-testid='stImage'] img, [data-testid='stDataFrame']"
        ).evaluate_all(
            "elements => elements.map(e => e.getBoundingClientRect()).filter(r => r.width > 0).map(r => r.right)"
        )
        assert rights, f"{tab}: no picture or table shown"
        assert max(rights) <= PHONE["width"], f"{tab}: something reaches x = {max(rights)} px"
