"""Store's "Damage the network" section and the known pixels held on Recall and Continuous memories in a real
browser, at 1280x800 and on a 390x844 phone, with screenshots in tests/e2e/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, App, wait_ready

pytestmark = pytest.mark.e2e
SIZES = [(DESKTOP, "desktop"), (PHONE, "phone")]


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


def _toggle(page: Page, label: str) -> None:
    page.get_by_text(label, exact=True).click()
    wait_ready(page)


@pytest.mark.parametrize(("size", "name"), SIZES)
def test_store_damages_the_network_and_measures_every_rule(
    app: App, page: Page, screenshots, size, name
) -> None:
    page.set_viewport_size(size)
    app.open(page, "/store", "set=random&p=12&side=15&seed=1")
    header = page.get_by_role("heading", name="Damage the network")
    header.scroll_into_view_if_needed()
    result = (
        page.locator("[data-testid='stMarkdownContainer']")
        .filter(has_text="Recalled after damage:")
        .first
    )
    expect(result).to_contain_text(re.compile(r"Recalled after damage: \d+ of 12"))
    _toggle(page, "Clip weights to ±1")
    expect(
        page.locator("[data-testid='stPlotlyChart']").filter(has_text="clipped").first
    ).to_be_visible()
    page.get_by_role("button", name=re.compile("Measure recall against damage")).click()
    wait_ready(page, timeout=180_000)
    chart = (
        page.locator("[data-testid='stPlotlyChart']")
        .filter(has_text="Recall as the network is damaged")
        .first
    )
    expect(chart).to_be_visible()
    if size is PHONE:
        _no_sideways_scroll(page)
    header.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"store-damage-{name}.png"))
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"store-damage-curves-{name}.png"))


HELD = {  # page, link, the metric that follows the clamp, the toggle, its value before and after
    "recall": (
        "/recall",
        "set=random&p=28&side=14&noise=mask&level=0.5&rseed=3&pattern=2",
        "Bits wrong after recall",
        "Known pixels held",
        "12",
        "3",
    ),
    "continuous": (
        "/continuous",
        "cset=mnist&cbeta=23.7",
        "Correlation with the target",
        "Visible pixels held",
        "0.900",
        "0.995",
    ),
}


@pytest.mark.parametrize("where", list(HELD))
@pytest.mark.parametrize(("size", "name"), SIZES)
def test_holding_the_known_pixels_completes_the_probe(
    app: App, page: Page, screenshots, size, name, where
) -> None:
    path, query, label, toggle, before, after = HELD[where]
    page.set_viewport_size(size)
    app.open(page, path, query)
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    expect(metric.locator("[data-testid='stMetricValue']")).to_have_text(before)
    _toggle(page, toggle)
    expect(metric.locator("[data-testid='stMetricValue']")).to_have_text(after)
    if size is PHONE:
        _no_sideways_scroll(page)
    page.screenshot(path=str(screenshots / f"{where}-held-{name}.png"))
