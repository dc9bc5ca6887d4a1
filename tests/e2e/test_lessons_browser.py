"""The Lessons page and the projector setting in a real browser (screenshots in tests/e2e/screenshots/).

- Every lesson's "Open this view" button opens its page with no exception on screen.
- At 390x844 every lesson, answered (hint and explanation shown), reads without sideways scrolling.
- With the projector on, Recall's first screen at 1280x800 still holds the noisy probe, the animation, the recalled
  state, the target and the energy curve, with larger text than without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, App, no_error_on_screen, wait_ready
from tests.e2e.test_browser import screenshot
from ui import lessons

pytestmark = pytest.mark.e2e

HEADINGS = {
    "app_pages/recall.py": "Corrupt & recall",
    "app_pages/compare.py": "Compare learning rules",
    "app_pages/continuous.py": "Continuous memories",
    "app_pages/learning.py": "Learning over time",
    "app_pages/sequences.py": "Sequences",
    "app_pages/store.py": "Store patterns",
}
HERO = (
    "noisy probe",
    "animation",
    "recalled",
    "target 7",
)  # Recall's first-screen pictures, by caption
# in a view but not in the page's link while hidden: Recall's temperature (stochastic dynamics only) and held pixels
# (hiding noise only), the Sequences page's degree (the polynomial rule only)
HIDDEN = {"temp", "held", "qdegree"}
WRONG_NUMBER = (
    "12345"  # wrong for every number lesson; a choice lesson takes its first option, right or wrong
)


def _sideways(page: Page) -> int:
    """How many pixels the main block (and the document) is wider than the screen."""
    return page.evaluate(
        """() => { const m = document.querySelector("[data-testid='stMain']");
                   return Math.max(m.scrollWidth - m.clientWidth,
                                   document.documentElement.scrollWidth - document.documentElement.clientWidth); }"""
    )


@pytest.mark.parametrize("key", list(lessons.BY_KEY))
def test_open_this_view_opens_the_lessons_page_without_an_exception(
    app: App, page: Page, screenshots: Path, key: str
) -> None:
    lesson = lessons.BY_KEY[key]
    app.open(page, "/lessons", f"lesson={key}")
    expect(page.locator("h1").first).to_have_text("Lessons")
    page.get_by_role("button", name="Open this view").click()
    expect(page.locator("h1").first).to_have_text(HEADINGS[lesson.page])
    wait_ready(page)
    no_error_on_screen(page)
    assert f"/{lesson.url_path}" in page.url
    for name, value in lesson.query().items():  # the view's settings are the page's link now
        if name in HIDDEN:
            continue
        assert f"{name}={value}" in page.url.replace("%2C", ","), name
    page.screenshot(path=str(screenshots / f"lesson-{key}-view-1280x800.png"))


@pytest.mark.parametrize("key", list(lessons.BY_KEY))
def test_a_lesson_reads_on_a_phone_without_sideways_scrolling(
    app: App, page: Page, screenshots: Path, key: str
) -> None:
    lesson = lessons.BY_KEY[key]
    page.set_viewport_size(PHONE)
    app.open(page, "/lessons", f"lesson={key}")
    expect(page.locator("[data-testid='stMain'] h3").first).to_have_text(lesson.title)
    if lesson.kind == "number":
        page.get_by_label(re.compile("^Your answer")).fill(WRONG_NUMBER)
    elif lesson.kind == "choice":
        page.get_by_text(lesson.options[0], exact=True).click()
    page.get_by_role("button", name="Check").click()
    wait_ready(page)
    verdict = page.locator("[data-testid='stAlert']").filter(
        has_text=re.compile(r"(Not yet|Right)\.")
    )
    expect(verdict.first).to_be_visible()
    no_error_on_screen(page)
    explanation = page.get_by_text("Show the explanation")
    if (
        explanation.count()
    ):  # answered wrong: open the explanation too, the longest text a lesson shows
        explanation.first.click()
    overflow = _sideways(page)
    assert overflow <= 0, f"{key}: {overflow} px of sideways scrolling at {PHONE['width']} px"
    screenshot(
        page, screenshots, f"lesson-{key}", PHONE
    )  # the whole page, grown to its content's height


def test_the_projector_keeps_recalls_first_screen_and_enlarges_its_text(
    app: App, page: Page, screenshots: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    sizes = {}
    for query in ("", "projector=True"):
        app.open(page, "/recall", query)
        expect(page.locator("h1").first).to_have_text("Corrupt & recall")
        boxes = {}
        for caption in HERO:
            picture = page.locator("[data-testid='stImage']").filter(
                has_text=re.compile("^" + re.escape(caption))
            )
            expect(picture.first).to_be_visible()
            boxes[caption] = picture.first.bounding_box()
        chart = (
            page.locator("[data-testid='stPlotlyChart']").filter(has_text="Energy per step").first
        )
        expect(chart).to_be_visible()
        boxes["energy chart"] = chart.bounding_box()
        below = {
            name: round(box["y"] + box["height"])
            for name, box in boxes.items()
            if box["y"] < 0 or box["y"] + box["height"] > DESKTOP["height"]
        }
        assert not below, f"{query or 'plain'}: not on the first screen (bottom edges): {below}"
        sizes[query] = page.evaluate(
            """() => [parseFloat(getComputedStyle(document.querySelector("[data-testid='stMain'] p")).fontSize),
                      document.querySelector("[data-testid='stImage'] img").getBoundingClientRect().width,
                      parseFloat(getComputedStyle(document.querySelector(".js-plotly-plot .xtick text")).fontSize)]"""
        )
        no_error_on_screen(page)
        page.screenshot(
            path=str(screenshots / f"recall-{'projector' if query else 'plain'}-1280x800.png")
        )
    plain, projected = sizes[""], sizes["projector=True"]
    assert all(big > small for big, small in zip(projected, plain)), (
        f"text, picture, ticks: {plain} → {projected}"
    )
