"""Issue 19 in a real browser: labels not cut off (6) and a phone's layout (7), at 1280x800 and 390x844, with
screenshots of each view in tests/e2e/screenshots.

- Recall's Dynamics box shows its whole option; a picture's fullscreen button covers no control.
- Compare's timing chart keeps its height, its two-entry legend clear of the axis title, on a phone; the table's
  hover toolbar covers no text above it.
- Continuous memories' thumbnails are drawn large enough for their labels (two rows of three).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, App, wait_ready

pytestmark = pytest.mark.e2e
SIZES = {"desktop": DESKTOP, "phone": PHONE}


def _box(locator: Locator) -> dict[str, float]:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    return box


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def _open(app: App, page: Page, path: str, size: str) -> None:
    page.set_viewport_size(SIZES[size])
    app.open(page, path)


def _toolbar_of(page: Page, element: Locator) -> dict[str, float]:
    """The hover toolbar (fullscreen, download…) Streamlit shows above `element`."""
    element.scroll_into_view_if_needed()
    element.hover()
    page.wait_for_timeout(400)
    boxes = [
        box
        for box in page.locator("[data-testid='stElementToolbar']").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect()).filter(r => r.width > 0)"
            ".map(r => ({x: r.x, y: r.y, width: r.width, height: r.height}))"
        )
    ]
    target = _box(element)
    near = [
        box
        for box in boxes
        if abs(box["y"] + box["height"] - target["y"]) <= 2
        and target["x"] <= box["x"] <= target["x"] + target["width"]
    ]
    assert near, f"no toolbar above the element at {target}: {boxes}"
    return near[0]


@pytest.mark.parametrize("size", SIZES)
def test_recall_labels_whole_and_the_fullscreen_button_covers_no_control(
    app: App, page: Page, size: str, screenshots: Path
) -> None:
    _open(app, page, "/recall", size)
    dynamics = page.get_by_role("combobox", name="Dynamics")
    expect(dynamics).to_have_value("Synchronous")
    assert dynamics.evaluate("el => el.scrollWidth <= el.clientWidth"), (
        "the Dynamics box cuts its option"
    )
    picture = page.locator("[data-testid='stImage']").first
    toolbar = _toolbar_of(page, picture)
    controls = page.locator(
        "[data-testid='stSelectbox'], [data-testid='stSlider'], [data-testid='stCheckbox']"
    )
    for index in range(controls.count()):
        control = controls.nth(index)
        if control.is_visible():
            assert not _overlap(toolbar, _box(control)), (
                f"the fullscreen button covers {control.inner_text()!r}"
            )
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshots / f"teacher-recall-{size}.png"), full_page=size == "phone")


@pytest.mark.parametrize("size", SIZES)
def test_compare_timing_chart_and_table_fit(
    app: App, page: Page, size: str, screenshots: Path
) -> None:
    _open(app, page, "/compare", size)
    chart = (
        page.locator("[data-testid='stPlotlyChart']")
        .filter(has_text="Time to train and to recall")
        .first
    )
    chart.scroll_into_view_if_needed()
    wait_ready(page)
    assert _box(chart)["height"] >= 300
    plot = _box(chart.locator(".nsewdrag").first)
    assert plot["height"] >= 250, f"the plot is {plot['height']:.0f} px tall"
    assert chart.locator(".legend .traces").count() == 2  # train and recall
    assert (
        chart.locator(".legend .scrollbar").count() == 0
        or _box(chart.locator(".legend").first)["height"] < 40
    )
    x_title = _box(chart.locator(".xtitle").first)
    assert not _overlap(_box(chart.locator(".legend").first), x_title), (
        "the legend covers the x axis title"
    )
    expect(chart.locator(".xtitle")).to_have_text("milliseconds (log scale)")
    chart.screenshot(path=str(screenshots / f"teacher-compare-timing-{size}.png"))
    table = page.locator("[data-testid='stDataFrame']").first
    toolbar = _toolbar_of(page, table)
    above = page.locator("[data-testid='stMarkdown']").filter(has_text="had 9 bits flipped").first
    assert not _overlap(toolbar, _box(above)), "the table's toolbar covers the sentence above it"
    page.mouse.move(0, 0)
    page.screenshot(path=str(screenshots / f"teacher-compare-{size}.png"))


@pytest.mark.parametrize("size", SIZES)
def test_continuous_thumbnails_are_two_rows_of_three(
    app: App, page: Page, size: str, screenshots: Path
) -> None:
    _open(app, page, "/continuous", size)
    thumbnails = page.locator("[data-testid='stImage']").filter(has_text="largest attention").first
    thumbnails.scroll_into_view_if_needed()
    natural = thumbnails.locator("img").evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural[0] < 2 * natural[1], f"not two rows of three: {natural}"
    assert _box(thumbnails.locator("img"))["width"] >= 0.9 * min(
        natural[0], SIZES[size]["width"] - 32
    )
    thumbnails.screenshot(path=str(screenshots / f"teacher-continuous-thumbnails-{size}.png"))
