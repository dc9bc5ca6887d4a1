"""Draw, type and share your own patterns in a real browser.

- Recall: a probe drawn with the mouse (a rough 7) is recalled as the 7 (Storkey, digits 1, 4 and 7 stored), at
  1280x800; at 390x844 the probe is drawn with touch (a touch-enabled context, touch events sent through the
  Chrome DevTools protocol, as a finger sends them).
- Store: two sketches drawn with the mouse and two typed letters are stored; the page's link then holds them
  (`own=`), and opening that link after the server was killed and started again reproduces the same memory.
- Every page shows "This view as code".
Screenshots of each step at both sizes go to tests/e2e/screenshots/draw_*.png.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

import hopfield
from hopfield import linkcode
from hopfield.text import text_patterns
from tests.e2e.conftest import DESKTOP, PHONE, READY_TIMEOUT_MS, ROOT, SCREENSHOTS, App, wait_ready
from tests.e2e.server import StreamlitServer
from tests.e2e.test_server import exception_lines

pytestmark = pytest.mark.e2e

SEVEN = [
    ((0, 2), (0, 8)),
    ((1, 8), (8, 2)),
]  # a rough 7 in grid cells (row, col): a short top bar, a short diagonal
BAR, CROSS = [((2, 7), (13, 7)), ((2, 8), (13, 8))], [((7, 2), (7, 13)), ((2, 2), (13, 13))]


def _canvas(page: Page, index: int = 0) -> Locator:
    """The drawing surface (Fabric.js's upper canvas, inside the component's shadow root)."""
    canvas = page.locator("canvas.upper-canvas").nth(index)
    expect(canvas).to_be_visible()
    canvas.scroll_into_view_if_needed()
    return canvas


def _points(
    canvas: Locator,
    shape: tuple[int, int],
    stroke: tuple[tuple[int, int], tuple[int, int]],
    steps: int = 12,
) -> list[tuple[float, float]]:
    """Page coordinates along a stroke from the centre of one cell to the centre of another."""
    box = canvas.bounding_box()
    assert box is not None
    rows, cols = shape
    (r0, c0), (r1, c1) = stroke
    cell_x, cell_y = box["width"] / cols, box["height"] / rows
    return [
        (
            box["x"] + (c0 + (c1 - c0) * t + 0.5) * cell_x,
            box["y"] + (r0 + (r1 - r0) * t + 0.5) * cell_y,
        )
        for t in np.linspace(0, 1, steps)
    ]


def draw_with_mouse(page: Page, canvas: Locator, shape: tuple[int, int], strokes) -> None:
    for stroke in strokes:
        points = _points(canvas, shape, stroke)
        page.mouse.move(*points[0])
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point)
        page.mouse.up()
        wait_ready(page)


def draw_with_touch(page: Page, canvas: Locator, shape: tuple[int, int], strokes) -> None:
    """Each stroke as one finger: touchStart, touchMoves, touchEnd (Input.dispatchTouchEvent)."""
    cdp = page.context.new_cdp_session(page)
    for stroke in strokes:
        points = _points(canvas, shape, stroke)
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchStart", "touchPoints": [{"x": points[0][0], "y": points[0][1]}]},
        )
        for x, y in points[1:]:
            cdp.send(
                "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
            )
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        wait_ready(page)
    cdp.detach()


def _tool(page: Page, name: str) -> Locator:
    """The pen or the eraser of the canvas's switch."""
    return page.locator("[data-testid='stButtonGroup'] button").filter(has_text=name).first


def _metric(page: Page, label: str) -> str:
    metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first
    return metric.locator("[data-testid='stMetricValue']").inner_text()


def _no_exception(page: Page) -> None:
    assert page.locator("[data-testid='stException']").count() == 0
    assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text()


def _own_param(page: Page) -> str:
    return parse_qs(urlparse(page.url).query)["own"][0]


RECALL_LINK = "pick=1,4,7&rule=storkey&pattern=2&drawprobe=True"


def test_a_probe_drawn_with_the_mouse_is_recalled(app: App, page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/recall", RECALL_LINK)
    expect(page.get_by_text("until then the noisy probe is used")).to_be_visible()
    draw_with_mouse(page, _canvas(page), (10, 9), SEVEN)
    expect(page.get_by_text("as the network sees it")).to_be_visible()
    expect(
        page.locator("[data-testid='stImage']").filter(has_text="drawn probe").first
    ).to_be_visible()
    corrupted = int(_metric(page, "Bits corrupted").split(" of ")[0])
    assert 0 < corrupted < 30, (
        corrupted
    )  # a rough 7: some cells off the stored one, most of it right
    assert _metric(page, "Bits wrong after recall") == "0"
    expect(
        page.locator("[data-testid='stAlert']").filter(has_text="Recalled the target 7").first
    ).to_be_visible()
    _no_exception(page)
    page.screenshot(path=str(SCREENSHOTS / "draw_recall_1280.png"), full_page=False)
    page.get_by_text("This view as code").first.click()
    code = page.locator("[data-testid='stCode']").filter(has_text="import hopfield").first
    expect(code).to_contain_text("the probe you drew")
    code.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "draw_recall_code_1280.png"), full_page=False)


def test_a_probe_drawn_with_a_finger_on_a_phone_is_recalled(app: App, browser: Browser) -> None:
    context = browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2
    )
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    try:
        app.open(page, "/recall", RECALL_LINK)
        canvas = _canvas(page)
        box = canvas.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        draw_with_touch(page, canvas, (10, 9), SEVEN)
        expect(page.get_by_text("as the network sees it")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "draw_recall_390.png"), full_page=False)
        assert _metric(page, "Bits wrong after recall") == "0"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        _no_exception(page)
        page.locator(
            ".st-key-probe_canvas_clear button"
        ).tap()  # the canvas toolbar shows on hover only
        wait_ready(page)
        expect(page.get_by_text("until then the noisy probe is used")).to_be_visible()
    finally:
        context.close()


def _store_own_set(page: Page) -> None:
    """Two sketches with the mouse, then "HI" typed, all stored as the memory (16x16 grid)."""
    canvas = _canvas(page)
    draw_with_mouse(page, canvas, (16, 16), BAR)
    page.get_by_role("button", name="Add this sketch").click()
    wait_ready(page)
    draw_with_mouse(page, _canvas(page), (16, 16), CROSS)
    _tool(page, "Eraser").click()  # rub out the top-left end of the diagonal
    wait_ready(page)
    draw_with_mouse(page, _canvas(page), (16, 16), [((1, 1), (5, 5))])
    _tool(page, "Pen").click()
    wait_ready(page)
    page.screenshot(path=str(SCREENSHOTS / "draw_store_1280.png"), full_page=False)
    page.get_by_role("button", name="Add this sketch").click()
    wait_ready(page)
    page.get_by_role("tab", name="Type letters").click()
    page.get_by_role("textbox", name="Letters or a word").fill("HI")
    page.get_by_role("textbox", name="Letters or a word").press("Tab")
    wait_ready(page)
    page.get_by_role("button", name="Add these letters").click()
    wait_ready(page)
    expect(
        page.get_by_text("0 uploaded and 4 drawn patterns of 16×16 = 256 neurons")
    ).to_be_visible()
    page.get_by_role("button", name="Store these 4 patterns").click()
    wait_ready(page)
    expect(
        page.get_by_text("4 patterns of 16×16 = 256 neurons from Your own patterns")
    ).to_be_visible()


def test_a_drawn_set_travels_in_a_link_to_a_freshly_started_server(browser: Browser) -> None:
    server = StreamlitServer(ROOT, log_path=SCREENSHOTS / "server-draw-link.log")
    url = server.start()
    try:
        context = browser.new_context(viewport=DESKTOP)
        context.set_default_timeout(READY_TIMEOUT_MS)
        page = context.new_page()
        App(url).open(page, "/store")
        _store_own_set(page)
        own = _own_param(page)
        linked = linkcode.decode_set(own)
        assert linked.labels == ("drawn 1", "drawn 2", "H", "I") and linked.shape == (16, 16)
        np.testing.assert_array_equal(linked.patterns[2:], text_patterns("HI", (16, 16))[0])
        bar, cross = (linked.patterns[:2] > 0).reshape(2, 16, 16)
        assert (
            bar[2:14, 7:9].mean() > 0.9 and bar.sum() < 60
        )  # the vertical bar drawn with the mouse
        assert (
            cross[7, 8:14].all() and np.diag(cross)[9:13].all()
        )  # the cross: a bar and a diagonal ...
        assert not np.diag(cross)[
            2:5
        ].any()  # ... whose top-left end was rubbed out with the eraser
        link = page.url
        context.close()

        server.restart()  # SIGKILL and start again: nothing of the session is left
        context = browser.new_context(viewport=DESKTOP)
        context.set_default_timeout(READY_TIMEOUT_MS)
        page = context.new_page()
        page.goto(link)
        wait_ready(page)
        expect(
            page.get_by_text("4 patterns of 16×16 = 256 neurons from Your own patterns")
        ).to_be_visible()
        assert (
            page.locator("[data-testid='stAlert']").filter(has_text="could not be read").count()
            == 0
        )
        assert _own_param(page) == own  # the same memory, written back the same
        page.screenshot(path=str(SCREENSHOTS / "draw_link_after_restart_1280.png"), full_page=False)
        page.goto(link.replace("/store", "/recall") + "&pattern=3&noise=flip-count&level=20")
        wait_ready(page)
        assert _metric(page, "Bits corrupted") == "20 of 256"
        _no_exception(page)
        context.close()
    finally:
        server.kill()
    assert not exception_lines(server.log_text())


def test_store_drawing_and_typing_on_a_phone(app: App, browser: Browser) -> None:
    context = browser.new_context(
        viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2
    )
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    try:
        app.open(page, "/store")
        canvas = _canvas(page)
        draw_with_touch(page, canvas, (16, 16), CROSS)
        expect(page.get_by_text("as the network sees it")).to_be_visible()
        expect(page.get_by_role("button", name="Add this sketch")).to_be_enabled()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=str(SCREENSHOTS / "draw_store_390.png"), full_page=False)
        page.get_by_role("tab", name="Type letters").click()
        page.get_by_role("textbox", name="Letters or a word").fill("A中")
        page.get_by_role("textbox", name="Letters or a word").press("Tab")
        wait_ready(page)
        page.get_by_role("button", name="Add these letters").click()
        wait_ready(page)
        expect(page.get_by_text("no glyph for '中'")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / "draw_store_type_390.png"), full_page=False)
        _no_exception(page)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/store", "/recall", "/compare", "/landscape"])
def test_every_page_shows_its_view_as_code(app: App, page: Page, path: str) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, path)
    expander = page.locator("[data-testid='stExpander']").filter(has_text="This view as code").first
    expander.get_by_text("This view as code").click()
    code = expander.locator("[data-testid='stCode']")
    expect(code).to_contain_text("import hopfield")
    _no_exception(page)
    if path == "/store":
        code.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "draw_code_store_1280.png"), full_page=False)


def test_the_phone_layout_of_the_code_expander(app: App, page: Page) -> None:
    page.set_viewport_size(PHONE)
    app.open(page, "/recall")
    expander = page.locator("[data-testid='stExpander']").filter(has_text="This view as code").first
    expander.get_by_text("This view as code").click()
    code = expander.locator("[data-testid='stCode']")
    expect(code).to_contain_text("import hopfield")
    code.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SCREENSHOTS / "draw_code_recall_390.png"), full_page=False)


def test_the_largest_set_a_link_holds_opens_in_a_browser(app: App, page: Page) -> None:
    """32 patterns of 32x32 = 1,024 pixels: about 5,500 characters of link."""
    patterns = hopfield.random_patterns(32, 1024, seed=7)
    own = linkcode.encode_set(patterns, (32, 32), [f"p{k}" for k in range(32)])
    assert len(own) > 5000
    page.set_viewport_size(DESKTOP)
    app.open(page, "/store", f"set=custom&own={own}&pick=0-31")
    expect(
        page.get_by_text("32 patterns of 32×32 = 1024 neurons from Your own patterns")
    ).to_be_visible()
    assert _own_param(page) == own
    _no_exception(page)
