"""The real server under a crowd: a fresh `streamlit run app.py`, eight people opening eight deep links at the
same moment, then the server killed (SIGKILL) and started again under their feet.

Each browser context opens its own page and link at once (Playwright's async API, asyncio.gather); every page
must render without an exception box or a traceback, show its heading and the settings its link asked for in
the sidebar (pattern set, learning rule, P and Side of random patterns). The server's peak RSS (the process
and its children, sampled from /proc) stays under 800 MB. After the restart every page is reloaded, all at
once again, and must come back with the same heading and settings.

The timings (goto until the page has drawn) and the peak RSS are printed as a table and written to
tests/e2e/screenshots/server_timings.json. bench/first_render.py reuses LINKS and the helpers below.
HOPFIELD_LAB_ROOT=/path/to/checkout serves another checkout's app.py (e.g. the code before a fix).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.e2e.server import StreamlitServer

pytestmark = pytest.mark.e2e

# the project whose app.py is served; HOPFIELD_LAB_ROOT=/another/checkout measures another version with these tests
ROOT = Path(os.environ.get("HOPFIELD_LAB_ROOT") or Path(__file__).resolve().parents[2]).resolve()
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 800}
CROWD_TIMEOUT_MS = 240_000  # eight first renders at once on two cores, some of them heavy
PEAK_RSS_LIMIT_MB = 800.0
SETTLE_MS = 300  # a rerun may start right after the first one ends (query parameters written back, fragments)

RENDERED_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
    if (document.querySelectorAll("[data-testid='stSpinner'], [data-testid='stSkeleton']").length) return false;
    return !!document.querySelector("[data-testid='stMain'] h1, [data-testid='stException']");
}"""


@dataclass(frozen=True)
class Link:
    """A deep link and what it must show: the page heading and the sidebar's settings."""

    path: str
    heading: str
    pattern_set: str | None = "Seed digits (10x9)"  # None: the page draws no Memory panel
    rule: str | None = "Hebbian"
    numbers: tuple[
        tuple[str, str], ...
    ] = ()  # sidebar number inputs (label, value), random patterns only

    @property
    def expected(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "Pattern set": self.pattern_set,
            "Learning rule": self.rule,
            "numbers": dict(self.numbers),
        }


LINKS: tuple[Link, ...] = (
    Link("/", "Hopfield Lab"),
    Link("/store?set=mnist&rule=storkey", "Store patterns", "MNIST digits (28x28)", "Storkey"),
    Link(
        "/recall?set=optdigits&rule=pseudoinverse",
        "Corrupt & recall",
        "optdigits (8x8)",
        "Pseudo-inverse",
    ),
    Link("/compare", "Compare learning rules"),
    Link(
        "/landscape?set=random&rule=modern",
        "Energy landscape",
        "Random patterns",
        "Modern (softmax)",
        (("P", "10"), ("Side", "10"), ("Seed", "0")),
    ),
    Link(
        "/store?set=random&p=100&side=32&rule=hebbian",
        "Store patterns",
        "Random patterns",
        "Hebbian",
        (("P", "100"), ("Side", "32"), ("Seed", "0")),
    ),
    Link(
        "/continuous?cset=mnist&cbeta=23.7&rule=dense-exp",
        "Continuous memories",
        None,  # Continuous memories keeps its own settings: no Memory panel in the sidebar
        None,
    ),
    Link(
        "/learning?set=digits&rule=storkey&lrule=hebbian",
        "Learning over time",
        "Seed digits (10x9)",
        "Storkey",
    ),
)


@dataclass
class Visit:
    """One page as a person saw it: how long it took to draw and what it showed."""

    path: str
    seconds: float | None = None  # goto (or reload) until drawn; None when it never finished
    heading: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    exceptions: int = 0
    traceback: bool = False
    error: str = ""  # a Playwright error (timeout, ...) instead of a drawn page

    @property
    def view(self) -> dict[str, Any]:
        return {"heading": self.heading, **self.settings}

    @property
    def clean(self) -> bool:
        return not self.error and self.exceptions == 0 and not self.traceback


# ---------------------------------------------------------------- async browser helpers (shared with bench/)


async def launch(playwright: Any) -> Browser:
    """Debian's chromium, headless (never a Playwright download)."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    return await playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_ARGS
    )


async def new_page(browser: Browser, timeout_ms: float = CROWD_TIMEOUT_MS) -> Page:
    """A fresh desktop-sized context (no cookies, no session) and its page."""
    context: BrowserContext = await browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(timeout_ms)
    return await context.new_page()


async def wait_rendered(page: Page, timeout_ms: float = CROWD_TIMEOUT_MS) -> float:
    """Wait until the script has run and the browser has drawn it (a heading or an exception; no spinner; no
    skeleton, the placeholder of an element whose code the browser is still fetching; not running) and it stays
    so for SETTLE_MS; returns time.monotonic() of the moment it was first seen drawn."""
    while True:
        await page.wait_for_function(RENDERED_JS, timeout=timeout_ms, polling=50)
        drawn = time.monotonic()
        await page.wait_for_timeout(SETTLE_MS)
        if await page.evaluate(RENDERED_JS):
            return drawn


async def read_view(page: Page, visit: Visit) -> Visit:
    """Fill `visit` with the page's heading, the sidebar's settings and any exception or traceback."""
    visit.exceptions = await page.locator("[data-testid='stException']").count()
    visit.traceback = "Traceback" in await page.locator("body").inner_text()
    headings = page.locator("[data-testid='stMain'] h1")
    visit.heading = (await headings.first.inner_text()).strip() if await headings.count() else ""
    sidebar = page.locator("[data-testid='stSidebar']")
    settings: dict[str, Any] = {}
    for label in ("Pattern set", "Learning rule"):
        box = sidebar.get_by_role("combobox", name=label)
        settings[label] = await box.input_value() if await box.count() else None
    numbers: dict[str, str] = {}
    for box in await sidebar.locator("[data-testid='stNumberInput']").all():
        label = (await box.locator("label").first.inner_text()).strip()
        numbers[label] = await box.locator("input").input_value()
    settings["numbers"] = numbers
    visit.settings = settings
    return visit


async def open_link(page: Page, base_url: str, path: str) -> Visit:
    """goto `path` and wait until drawn; the visit records the seconds and what was shown (never raises)."""
    visit = Visit(path)
    began = time.monotonic()
    try:
        await page.goto(base_url + path)
        visit.seconds = await wait_rendered(page) - began
        await read_view(page, visit)
    except Exception as error:  # noqa: BLE001 - a page that never draws is a result, not a crash of the crowd
        visit.error = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    return visit


async def reload_page(page: Page, path: str) -> Visit:
    """Reload the page at its current URL (the link plus what the app wrote back) and wait until drawn."""
    visit = Visit(path)
    began = time.monotonic()
    try:
        await page.reload()
        visit.seconds = await wait_rendered(page) - began
        await read_view(page, visit)
    except Exception as error:  # noqa: BLE001
        visit.error = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
    return visit


async def crowd(
    pages: Sequence[Page], action: Callable[[Page, str], Awaitable[Visit]], paths: Sequence[str]
) -> list[Visit]:
    """`action(page, path)` on every page at the same moment."""
    return list(await asyncio.gather(*(action(page, path) for page, path in zip(pages, paths))))


T = TypeVar("T")


def run_async(main: Callable[[], Awaitable[T]]) -> T:
    """asyncio.run(main()) in a thread of its own: the sync Playwright of the other e2e modules may hold an event
    loop in this thread for the whole session."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(main())  # type: ignore[arg-type]
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = error

    thread = threading.Thread(target=target, name="async-playwright")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def timings_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> str:
    """A markdown table of `rows` (dicts) with `columns` (key, title); seconds with two decimals."""

    def cell(value: Any) -> str:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:.2f}"
        return str(value)

    lines = ["| " + " | ".join(title for _, title in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(key)) for key, _ in columns) + " |" for row in rows]
    return "\n".join(lines)


def exception_lines(log: str) -> list[str]:
    """The last line ("SomeError: message") of every traceback in a server log."""
    found: list[str] = []
    lines = log.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("Traceback (most recent call last)"):
            for follow in lines[index + 1 :]:
                if follow and not follow.startswith((" ", "\t", "Traceback")) and ":" in follow:
                    found.append(follow.strip())
                    break
    return found


# ---------------------------------------------------------------- the test


def _problems(visits: Sequence[Visit], expected: Sequence[dict[str, Any]], when: str) -> list[str]:
    problems = []
    for visit, wanted in zip(visits, expected):
        if visit.error:
            problems.append(f"{when} {visit.path}: never drew ({visit.error})")
            continue
        if visit.exceptions:
            problems.append(
                f"{when} {visit.path}: {visit.exceptions} exception box(es) on the page"
            )
        if visit.traceback:
            problems.append(f"{when} {visit.path}: a traceback is on the page")
        if visit.view != wanted:
            problems.append(f"{when} {visit.path}: shows {visit.view}, expected {wanted}")
    return problems


def test_eight_links_at_once_then_sigkill_and_restart(capsys: pytest.CaptureFixture[str]) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    server = StreamlitServer(ROOT, log_path=SCREENSHOTS / "server-crowd.log")
    paths = [link.path for link in LINKS]

    async def scenario() -> dict[str, Any]:
        async with async_playwright() as playwright:
            browser = await launch(playwright)
            try:
                pages = list(await asyncio.gather(*(new_page(browser) for _ in LINKS)))
                await asyncio.to_thread(server.start)
                idle_mb, cpu_before = server.rss_mb(), server.cpu_seconds()
                first = await crowd(
                    pages, lambda page, path: open_link(page, server.url, path), paths
                )
                peak_mb, hwm_mb, cpu_s = (
                    server.peak_rss_mb,
                    server.hwm_mb,
                    server.cpu_seconds() - cpu_before,
                )
                await asyncio.gather(
                    *(
                        page.screenshot(path=str(SCREENSHOTS / f"crowd-{k}.png"))
                        for k, page in enumerate(pages)
                    )
                )

                server.reset_peak()
                await asyncio.to_thread(
                    server.restart
                )  # SIGKILL, then the same command on the same port
                again = await crowd(pages, reload_page, paths)
                restart_peak_mb = server.peak_rss_mb
            finally:
                await browser.close()
                server.kill()
        return {
            "first": first,
            "again": again,
            "idle_mb": idle_mb,
            "peak_mb": peak_mb,
            "hwm_mb": hwm_mb,
            "restart_peak_mb": restart_peak_mb,
            "server_cpu_s": cpu_s,
        }

    try:
        outcome = run_async(scenario)
    finally:
        server.kill()
    first, again = outcome["first"], outcome["again"]
    log_errors = exception_lines(server.log_text())

    rows = [
        {
            "link": visit.path,
            "first": visit.seconds,
            "after_restart": back.seconds,
            "exceptions": visit.exceptions,
            "exceptions_after": back.exceptions,
            "error": visit.error or back.error,
        }
        for visit, back in zip(first, again)
    ]
    report = {
        "root": str(ROOT),
        "server_start_seconds": server.start_seconds,
        "idle_rss_mb": round(outcome["idle_mb"], 1),
        "peak_rss_mb": round(outcome["peak_mb"], 1),
        "vmhwm_mb": round(outcome["hwm_mb"], 1),
        "peak_rss_after_restart_mb": round(outcome["restart_peak_mb"], 1),
        "server_cpu_seconds_first_crowd": round(outcome["server_cpu_s"], 2),
        "pages": [
            {"first": asdict(visit), "after_restart": asdict(back)}
            for visit, back in zip(first, again)
        ],
        "server_log_exceptions": log_errors,
    }
    (SCREENSHOTS / "server_timings.json").write_text(json.dumps(report, indent=2))
    table = timings_table(
        rows,
        [
            ("link", "link"),
            ("first", "first render s"),
            ("after_restart", "after SIGKILL + restart s"),
            ("exceptions", "exception boxes"),
            ("exceptions_after", "after restart"),
            ("error", "error"),
        ],
    )
    with capsys.disabled():
        print(
            f"\n{table}\npeak RSS {outcome['peak_mb']:.0f} MB (VmHWM {outcome['hwm_mb']:.0f} MB, idle "
            f"{outcome['idle_mb']:.0f} MB), after restart {outcome['restart_peak_mb']:.0f} MB; server CPU "
            f"{outcome['server_cpu_s']:.1f} s for the first crowd; server starts "
            f"{', '.join(f'{s:.1f}' for s in server.start_seconds)} s; server log: "
            f"{len(log_errors)} traceback(s) {sorted(set(log_errors))}"
        )

    expected = [link.expected for link in LINKS]
    problems = _problems(first, expected, "first render:")
    problems += _problems(
        again, expected, "after SIGKILL + restart:"
    )  # the same view as a clean first render
    assert not problems, "\n".join(problems + [f"server log: {line}" for line in log_errors])
    assert outcome["peak_mb"] < PEAK_RSS_LIMIT_MB, f"peak RSS {outcome['peak_mb']:.0f} MB"
