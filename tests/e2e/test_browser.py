"""The app in a real browser (Debian's chromium driven by Playwright), used the way a person uses it.

Every page loads without an exception and shows its heading, plots and pictures, at desktop and phone
widths (screenshots in tests/e2e/screenshots/); the Store and Recall pages are walked through by clicking:
switch the rule, pick a pattern, change the noise, scrub the recall, download the GIF and the network,
and open the shared link in a fresh browser.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import hopfield
from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    READY_TIMEOUT_MS,
    App,
    no_error_on_screen,
    open_select,
    sidebar_of,
    wait_ready,
)

pytestmark = pytest.mark.e2e

# path -> (heading, has plots, has images)
PAGES = {
    "/": ("Hopfield Lab", False, True),
    "/store": ("Store patterns", True, True),
    "/recall": ("Corrupt & recall", True, True),
    "/compare": ("Compare learning rules", True, False),
    "/landscape": ("Energy landscape", True, True),
    "/learning": ("Learning over time", True, True),
    "/playground": ("Memory playground", True, False),
    "/lessons": ("Lessons", False, False),
}
PLOTS = ".js-plotly-plot, [data-testid='stPlotlyChart']"
IMAGES = "[data-testid='stImage'] img, [data-testid='stFullScreenFrame'] img"
MAX_SCREENSHOT_HEIGHT = 20_000


def _name(path: str) -> str:
    return path.strip("/") or "home"


def screenshot(page: Page, folder: Path, name: str, viewport: dict[str, int]) -> Path:
    """A full-page screenshot at `viewport`'s width: the app scrolls inside its main block, not the document,
    so the window is made as tall as the content first."""
    page.set_viewport_size(viewport)
    page.wait_for_timeout(400)  # plotly charts and columns re-layout to the new width
    height = page.evaluate(
        """() => Math.max(...['stMain', 'stAppViewContainer', 'stMainBlockContainer']
            .map(id => document.querySelector(`[data-testid='${id}']`))
            .filter(Boolean).map(el => el.scrollHeight), document.body.scrollHeight)"""
    )
    page.set_viewport_size(
        {
            "width": viewport["width"],
            "height": max(viewport["height"], min(height, MAX_SCREENSHOT_HEIGHT)),
        }
    )
    page.wait_for_timeout(600)
    path = folder / f"{name}-{viewport['width']}x{viewport['height']}.png"
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


def _choose(page: Page, label: str, option: str) -> None:
    """Open the select box labelled `label` and click `option`, then wait for the rerun."""
    open_select(page.get_by_role("combobox", name=label))
    page.get_by_role("option", name=option, exact=True).click()
    wait_ready(page)


def _metric_value(page: Page, label: str) -> Locator:
    return (
        page.locator("[data-testid='stMetric']")
        .filter(has_text=label)
        .first.locator("[data-testid='stMetricValue']")
    )


def _metric(page: Page, label: str) -> str:
    return _metric_value(page, label).inner_text().strip()


def _caption(page: Page, text: str | re.Pattern[str]) -> Locator:
    """The caption containing `text`; expect(...) on it waits until the rerun has drawn it."""
    return page.locator("[data-testid='stCaptionContainer']").filter(has_text=text).first


def _fresh_page(browser: Browser, url: str) -> Page:
    """The shared link opened by someone else: a new browser context, no cookies, no session."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    page.goto(url)
    wait_ready(page)
    return page


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("path", list(PAGES), ids=[_name(path) for path in PAGES])
def test_page_loads_with_heading_plots_and_images(
    app: App, page: Page, screenshots: Path, path: str
) -> None:
    heading, plots, pictures = PAGES[path]
    app.open(page, path)
    no_error_on_screen(page)
    expect(page.locator("h1").first).to_have_text(heading)
    if plots:
        expect(page.locator(PLOTS).first).to_be_visible()
    if pictures:
        expect(page.locator(IMAGES).first).to_be_visible()
        broken = page.locator(IMAGES).evaluate_all(
            "imgs => imgs.filter(img => img.complete && img.naturalWidth === 0).length"
        )
        assert broken == 0, f"{broken} images did not load"
    for viewport in (DESKTOP, PHONE):
        shot = screenshot(page, screenshots, _name(path), viewport)
        assert shot.stat().st_size > 10_000
    overflow = page.evaluate(
        """() => { const m = document.querySelector("[data-testid='stMain']");
                   return m ? m.scrollWidth - m.clientWidth : 0; }"""
    )
    assert overflow <= 1, f"the page is {overflow} px wider than a phone screen"
    no_error_on_screen(page)


# ---------------------------------------------------------------- the Store page, walked through


def test_store_switch_rule_download_network_and_share_link(
    app: App, page: Page, browser: Browser
) -> None:
    app.open(page, "/store")
    sidebar = sidebar_of(page)
    expect(sidebar.get_by_role("combobox", name="Pattern set")).to_have_value("Seed digits (10x9)")
    chips = sidebar.locator("[data-testid='stMultiSelect']").inner_text()
    assert re.findall(r"^\d$", chips, flags=re.MULTILINE) == [str(digit) for digit in range(10)], (
        chips
    )
    expect(sidebar.get_by_role("combobox", name="Learning rule")).to_have_value("Hebbian")
    expect(_caption(page, "stored with the Hebbian rule")).to_be_visible()

    _choose(page, "Learning rule", "Storkey")
    expect(sidebar.get_by_role("combobox", name="Learning rule")).to_have_value("Storkey")
    expect(_caption(page, "stored with the Storkey rule")).to_be_visible()
    page.wait_for_url(re.compile(r"[?&]rule=storkey"))
    wait_ready(page)
    no_error_on_screen(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the network (.npz)").click()
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".npz")
    network = hopfield.load(io.BytesIO(data))
    assert network.rule == "storkey" and network.memorised == 10 and network.n == 90
    digits = hopfield.load_set("digits")
    assert (network.patterns == digits.patterns).all()

    shared = _fresh_page(browser, page.url)
    try:
        no_error_on_screen(shared)
        expect(shared.locator("h1").first).to_have_text("Store patterns")
        expect(sidebar_of(shared).get_by_role("combobox", name="Learning rule")).to_have_value(
            "Storkey"
        )
        expect(sidebar_of(shared).get_by_role("combobox", name="Pattern set")).to_have_value(
            "Seed digits (10x9)"
        )
        expect(_caption(shared, "stored with the Storkey rule")).to_be_visible()
    finally:
        shared.context.close()


# ---------------------------------------------------------------- the Recall page, walked through


def test_recall_pattern_noise_scrub_gif_and_share_link(
    app: App, page: Page, browser: Browser
) -> None:
    app.open(page, "/recall")
    no_error_on_screen(page)
    expect(page.get_by_role("combobox", name="Pattern to corrupt")).to_have_value("7")
    _choose(page, "Pattern to corrupt", "3")
    expect(page.get_by_role("combobox", name="Pattern to corrupt")).to_have_value("3")
    expect(page.locator("[data-testid='stImage']").filter(has_text="target 3")).to_have_count(1)
    page.wait_for_url(re.compile(r"[?&]pattern=3(&|$)"))

    before = _metric(page, "Bits corrupted")
    level = page.get_by_role("slider", name="Noise level")
    level.focus()
    for _ in range(15):  # 0.10 -> 0.25, one keypress per step as a person holding the arrow key
        page.keyboard.press("ArrowRight")
    expect(level).to_have_value("0.25")
    digit = hopfield.load_set("digits")
    noisy = hopfield.corrupt(digit.patterns[3], "flip", 0.25, 0, digit.shape)
    after = f"{int((noisy != digit.patterns[3]).sum())} of 90"
    assert after != before
    expect(_metric_value(page, "Bits corrupted")).to_have_text(
        after
    )  # waits for the rerun the slider started
    page.wait_for_url(re.compile(r"[?&]level=0\.25(&|$)"))
    wait_ready(page)
    no_error_on_screen(page)

    frame = page.get_by_role("slider", name="Frame")
    frames = page.locator("[data-testid='stImage']")
    expect(frames.filter(has_text=re.compile(r"^the probe"))).to_have_count(1)
    frame.focus()
    page.keyboard.press("End")
    expect(frame).to_have_value(frame.get_attribute("max") or "")
    expect(frames.filter(has_text=re.compile(r"^after step \d+"))).to_have_count(1)
    expect(frames.filter(has_text=re.compile(r"^the probe"))).to_have_count(0)
    wait_ready(page)
    no_error_on_screen(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Download GIF").click()
    gif = Path(download.value.path()).read_bytes()
    assert gif.startswith(b"GIF8") and download.value.suggested_filename.endswith(".gif")
    wait_ready(page)
    no_error_on_screen(page)

    shared = _fresh_page(browser, page.url)
    try:
        no_error_on_screen(shared)
        expect(shared.get_by_role("combobox", name="Pattern to corrupt")).to_have_value("3")
        expect(shared.get_by_role("slider", name="Noise level")).to_have_value("0.25")
        expect(sidebar_of(shared).get_by_role("combobox", name="Learning rule")).to_have_value(
            "Hebbian"
        )
        assert _metric(shared, "Bits corrupted") == after
    finally:
        shared.context.close()
