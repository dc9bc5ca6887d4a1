"""Real-browser fixtures: the app served by `streamlit run` and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
START_TIMEOUT_S = 60
READY_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """`streamlit run app.py` on a free port of 127.0.0.1; yields its base URL and stops it at the end."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log = (SCREENSHOTS / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode}; see {log.name}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {START_TIMEOUT_S} s")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's chromium (not a Playwright download), headless."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    browser = playwright_session.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
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
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="visible",
                           timeout=timeout)
    page.wait_for_function("() => document.querySelectorAll(\"[data-testid='stSpinner']\").length === 0",
                           timeout=timeout)
    # a rerun may start right after the first one ends (query parameters written back, fragments)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="visible",
                           timeout=timeout)


class App:
    """The served app: open a page by its URL path and wait until it has drawn."""

    def __init__(self, url: str) -> None:
        self.url = url

    def open(self, page: Page, path: str = "/", query: str = "") -> Page:
        page.goto(f"{self.url}{path}" + (f"?{query}" if query else ""))
        wait_ready(page)
        return page

    wait_ready = staticmethod(wait_ready)


@pytest.fixture(scope="session")
def app(server: str) -> App:
    return App(server)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say once where the screenshots are."""
    if SCREENSHOTS.is_dir():
        terminalreporter.write_line(f"screenshots: {SCREENSHOTS}")
