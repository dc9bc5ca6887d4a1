"""The Sequences page in a real browser: a typed word plays back letter by letter, at 1280x800 and on a 390x844
phone, with screenshots in tests/e2e/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, App, wait_ready
from tests.e2e.test_browser import screenshot as full_page_screenshot

pytestmark = pytest.mark.e2e
WORD = "MAZE"


def _step_caption(page: Page) -> str:
    caption = (
        page.locator("[data-testid='stImageCaption']")
        .filter(has_text=re.compile(r"^step \d+"))
        .first
    )
    return caption.inner_text()


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_a_typed_word_plays_back_in_order(app: App, page: Page, screenshots, size, name) -> None:
    page.set_viewport_size(size)
    app.open(page, "/sequences")
    expect(page.locator("h1").first).to_have_text("Sequences")
    box = page.get_by_label("Word")
    box.fill(WORD)
    box.press("Enter")
    wait_ready(page)
    letters = list(WORD)
    played = page.locator("[data-testid='stMarkdownContainer']").filter(has_text="Played:").first
    expected = " → ".join(letters[t % len(letters)] for t in range(2 * len(letters) + 1))
    expect(played).to_have_text(f"Played: {expected}")
    slider = page.get_by_role("slider", name=re.compile("Step"))
    shown = []
    for step in range(len(letters) + 2):  # the letters the picture shows, step by step
        if step:
            slider.focus()
            slider.press("ArrowRight")
            wait_ready(page)
        shown.append(_step_caption(page))
    assert shown == [f"step {t}: {letters[t % len(letters)]}" for t in range(len(letters) + 2)], (
        shown
    )
    assert "?" not in expected
    full_page_screenshot(page, screenshots, f"sequences-full-{name}", size)
    page.set_viewport_size(size)
    page.get_by_role("button", name=re.compile("Measure the length capacity")).click()
    wait_ready(page, timeout=180_000)
    chart = page.locator("[data-testid='stPlotlyChart']").filter(has_text="Longest cycle").first
    expect(chart).to_be_visible()
    if size is PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"sequences-capacity-{name}.png"))
