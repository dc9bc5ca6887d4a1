"""The Learning over time page, the phase diagram on Compare and the Store page's strengths in a real browser,
at 1280x800 and on a 390x844 phone, with screenshots in tests/e2e/screenshots/."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from hopfield.analysis import PHASE_GRIDS
from tests.e2e.conftest import DESKTOP, PHONE, App, wait_ready
from tests.e2e.test_browser import screenshot as full_page_screenshot

pytestmark = pytest.mark.e2e


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


def _chart(page: Page, text: str):
    chart = page.locator("[data-testid='stPlotlyChart']").filter(has_text=text).first
    expect(chart).to_be_visible()
    return chart


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_learning_over_time_walks_the_sequence_and_measures_dreaming(
    app: App, page: Page, screenshots, size, name
) -> None:
    page.set_viewport_size(size)
    app.open(page, "/learning")
    expect(page.locator("h1").first).to_have_text("Learning over time")
    caption = (
        page.locator("[data-testid='stCaptionContainer']").filter(has_text="recalled from").first
    )
    expect(caption).to_contain_text(re.compile(r"of 40 recalled from 20 flipped bits"))
    for title in (
        "W after 40 of 40 patterns",
        "Newest 30 of 200 patterns by age",
        "Basin of r0 at several strengths",
    ):
        _chart(page, title)
    assert (
        page.locator("[data-testid='stPlotlyChart']").filter(has_text="Attractor census").count()
        == 0
    )  # waits
    full_page_screenshot(page, screenshots, "learning-full", size)
    for title, file in (
        ("W after 40 of 40", "weights"),
        ("patterns by age", "ages"),
        ("Basin of r0", "strengths"),
    ):
        chart = _chart(page, title)
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshots / f"learning-{file}-{name}.png"))
    slider = page.get_by_role("slider", name=re.compile("Patterns stored so far"))
    slider.focus()
    slider.press("Home")  # the memory after its first pattern
    wait_ready(page)
    expect(caption).to_contain_text("1 of 1 recalled")
    _chart(page, "W after 1 of 40 patterns")
    page.get_by_role("button", name=re.compile("Dream and count the attractors")).click()
    wait_ready(page, timeout=120_000)
    _chart(page, "Attractor census, before and after")
    page.get_by_role("button", name=re.compile("Measure capacity before and after")).click()
    wait_ready(page, timeout=120_000)
    chart = _chart(page, "Capacity (N = 100)")
    if size is PHONE:
        _no_sideways_scroll(page)
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"learning-dreaming-{name}.png"))


def _pixel(
    chart: Locator, picture: Image.Image, load: float, temperature: float
) -> tuple[int, int, int]:
    """The colour drawn on the chart's screenshot `picture` at the point (load α, temperature T), found through
    plotly's own axis mapping."""
    x, y = chart.evaluate(
        """(gd, [x, y]) => [gd._fullLayout.xaxis._offset + gd._fullLayout.xaxis.l2p(x),
                            gd._fullLayout.yaxis._offset + gd._fullLayout.yaxis.l2p(y)]""",
        [load, temperature],
    )
    return picture.convert("RGB").getpixel((round(x), round(y)))


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_phase_diagram_on_compare(app: App, page: Page, screenshots, size, name) -> None:
    """What a person sees: no diagram until the button is pressed; then a heatmap, bright where the memory is
    retrieved (the lowest load at T = 0) and dark where it is not (the highest load and temperature), with its
    axes, colour bar, the AGS line and the grid in the caption."""
    page.set_viewport_size(size)
    app.open(page, "/compare")
    assert (
        page.locator("[data-testid='stPlotlyChart']").filter(has_text="Phase diagram").count() == 0
    )
    expect(
        page.locator("[data-testid='stAlert']").filter(has_text="Press Draw the phase diagram")
    ).to_be_visible()
    page.get_by_role("button", name=re.compile("Draw the phase diagram")).click()
    wait_ready(page, timeout=120_000)
    chart = _chart(page, "Phase diagram, N = 200")
    for words in (
        "load α = P/N",
        "temperature T",
        "overlap m",
        "AGS boundary α_M(T)",
        "T_c = 1",
        "α_c ≈ 0.138",
    ):
        expect(chart).to_contain_text(words)
    grid = page.locator("[data-testid='stCaptionContainer']").filter(
        has_text="9 temperatures × 9 loads"
    )
    expect(grid).to_be_visible()
    expect(
        page.locator("[data-testid='stAlert']").filter(has_text="Press Draw the phase diagram")
    ).to_have_count(0)
    if size is PHONE:
        _no_sideways_scroll(page)
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(screenshots / f"phase-diagram-{name}.png"))
    plot = chart.locator(".js-plotly-plot").first
    cells = plot.locator("g.hm image")
    expect(cells).to_have_count(1)  # the heatmap is painted as one picture of its cells
    painted = cells.bounding_box()
    assert painted is not None and painted["width"] > 100 and painted["height"] > 100, painted
    picture = Image.open(io.BytesIO(plot.screenshot()))
    default = PHASE_GRIDS["default"]
    retrieved = _pixel(plot, picture, default["loads"][0], default["temperatures"][0])
    lost = _pixel(plot, picture, default["loads"][-1], default["temperatures"][-1])
    # Viridis: m = 1 is yellow (253, 231, 37), m = 0 dark violet (68, 1, 84)
    assert retrieved[0] > 180 and retrieved[1] > 180 and retrieved[2] < 120, retrieved
    assert lost[0] < 110 and lost[1] < 90 and lost[2] > 60, lost


@pytest.mark.parametrize(("size", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_store_strengths_move_the_load_gauge(app: App, page: Page, screenshots, size, name) -> None:
    page.set_viewport_size(size)
    app.open(page, "/store", "strong=0,1&strength=3.0")
    words = page.locator("[data-testid='stCaptionContainer']").filter(has_text="P_eff")
    expect(words).to_contain_text("P_eff = Σc²/c_min² = 26 equal patterns")
    expect(
        page.locator("[data-testid='stMarkdownContainer']").filter(has_text="in effect 26").first
    ).to_be_visible()
    if size is PHONE:
        _no_sideways_scroll(page)
    gauge = _chart(page, "load P / P_max")
    gauge.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"store-strengths-{name}.png"))
