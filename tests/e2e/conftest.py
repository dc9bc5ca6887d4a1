"""Real-browser fixtures: the app served by `streamlit run` and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright

from tests.e2e.server import StreamlitServer

# the project whose app.py is served; HOPFIELD_LAB_ROOT=/another/checkout runs these tests against that one
ROOT = Path(os.environ.get("HOPFIELD_LAB_ROOT") or Path(__file__).resolve().parents[2]).resolve()
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
START_TIMEOUT_S = 60
READY_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(request: pytest.FixtureRequest) -> Iterator[str]:
    """`streamlit run app.py` on a free port of 127.0.0.1 (tests/e2e/server.py); yields its base URL and kills it
    at the end of the test module, so a module that starts servers of its own never runs beside this one."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log = SCREENSHOTS / f"server-{request.path.stem}.log"
    streamlit = StreamlitServer(ROOT, log_path=log, start_timeout_s=START_TIMEOUT_S)
    try:
        yield streamlit.start()
    finally:
        streamlit.kill()


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's chromium (not a Playwright download), headless."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    browser = playwright_session.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh desktop-sized browser context and page (downloads allowed)."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(READY_TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def wait_ready(page: Page, timeout: float = READY_TIMEOUT_MS) -> None:
    """Wait until the script has finished running and no spinner is left on the page."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="visible",
        timeout=timeout,
    )
    page.wait_for_function(
        "() => document.querySelectorAll(\"[data-testid='stSpinner']\").length === 0",
        timeout=timeout,
    )
    # a rerun may start right after the first one ends (query parameters written back, fragments)
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="visible",
        timeout=timeout,
    )


class App:
    """The served app: open a page by its URL path and wait until it has drawn."""

    def __init__(self, url: str) -> None:
        self.url = url

    def open(self, page: Page, path: str = "/", query: str = "") -> Page:
        page.goto(f"{self.url}{path}" + (f"?{query}" if query else ""))
        wait_ready(page)
        return page

    wait_ready = staticmethod(wait_ready)


@pytest.fixture(scope="module")
def app(server: str) -> App:
    return App(server)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once where the screenshots are."""
    if SCREENSHOTS.is_dir():
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")


def open_select(box: Locator) -> None:
    """Open a select box as a person would: scroll it to the middle of its pane first (a box at the
    very bottom of the window, such as the sidebar's rule box under a long navigation, opens no menu)."""
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    box.click()


def no_error_on_screen(page: Page) -> None:
    """Assert that no exception box and no traceback is on the page."""
    assert page.locator("[data-testid='stException']").count() == 0, (
        "an exception box is on the page"
    )
    assert "Traceback" not in page.locator("body").inner_text(), "a traceback is on the page"


def sidebar_of(page: Page) -> Locator:
    """The page's sidebar."""
    return page.locator("[data-testid='stSidebar']")
