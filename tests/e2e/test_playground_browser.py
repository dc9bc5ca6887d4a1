"""The Memory playground in a real browser: a memory placed by clicking, a start clicked, and its path ending where
the table says, at 1280x800 and 390x844 (screenshots in tests/e2e/screenshots/playground-*.png)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, App, no_error_on_screen, wait_ready
from tests.e2e.test_browser import screenshot

pytestmark = pytest.mark.e2e
CHART = "[data-testid='stPlotlyChart'] .js-plotly-plot"


def _click_plane(page: Page, x: float, y: float) -> None:
    """Click the chart where the plane's point (x, y) is drawn (plotly's own axis mapping), and wait for the rerun."""
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    where = chart.evaluate(
        """(gd, [x, y]) => { const box = gd.getBoundingClientRect(), lay = gd._fullLayout;
               return [box.left + lay.xaxis._offset + lay.xaxis.l2p(x), box.top + lay.yaxis._offset + lay.yaxis.l2p(y)];
           }""",
        [x, y],
    )
    page.mouse.click(where[0], where[1])
    wait_ready(page)


def _path_ends(page: Page) -> list[list[float]]:
    """The last point of every descent path drawn on the chart (decoded: plotly.py sends binary arrays)."""
    return page.locator(CHART).first.evaluate(
        """gd => gd._fullData.filter(t => t.name === 'descent')
                 .map(t => [Number(t.x[t.x.length - 1]), Number(t.y[t.y.length - 1])])"""
    )


def _table_rows(page: Page, heading: str) -> list[list[str]]:
    table = (
        page.locator("[data-testid='stTable']")
        .filter(has=page.get_by_text(heading, exact=True))
        .first
    )
    if not table.count():
        table = page.get_by_role("heading", name=heading).locator("xpath=following::table[1]")
    return [
        [cell.strip() for cell in row]
        for row in table.locator("tbody tr").evaluate_all(
            "rows => rows.map(r => [...r.querySelectorAll('td')].map(c => c.innerText))"
        )
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_place_a_memory_click_a_start_and_the_path_ends_where_the_table_says(
    app: App, page: Page, screenshots: Path, viewport
) -> None:
    page.set_viewport_size(viewport)
    app.open(page, "/playground", "pm=1.00,1.00&pbeta=10")
    no_error_on_screen(page)
    expect(page.locator("h1").first).to_have_text("Memory playground")
    expect(page.get_by_text("1 memories (red, numbered)")).to_be_visible()

    _click_plane(page, -1.0, -1.0)  # "A click adds a memory" is the default
    no_error_on_screen(page)
    expect(page.get_by_text("2 memories (red, numbered)")).to_be_visible()
    assert "pm=1.00%2C1.00%3B-1.00%2C-1.00" in page.url or "pm=1.00,1.00;-1.00,-1.00" in page.url

    page.get_by_text("a start", exact=True).click()
    wait_ready(page)
    _click_plane(page, -0.6, -0.3)
    no_error_on_screen(page)
    rows = _table_rows(page, "Where your starts end")
    assert len(rows) == 1
    start, end, ends_in, _ = rows[0][-4:]
    assert start == "(-0.60, -0.30)" and ends_in == "memory 2"
    (last,) = _path_ends(page)
    table_end = [float(v) for v in re.findall(r"-?\d+\.\d+", end)]
    assert last == pytest.approx(table_end, abs=5e-4)
    assert last == pytest.approx([-1.0, -1.0], abs=1e-3)  # memory 2, where it was placed
    fixed = _table_rows(page, "Fixed points")
    assert {row[-3] for row in fixed} >= {"memory 1", "memory 2"}
    name = "desktop" if viewport == DESKTOP else "phone"
    screenshot(page, screenshots, f"playground-{name}", viewport)
    overflow = page.evaluate("""() => { const m = document.querySelector("[data-testid='stMain']");
                                        return m ? m.scrollWidth - m.clientWidth : 0; }""")
    assert overflow <= 1, f"the page is {overflow} px wider than the screen"
