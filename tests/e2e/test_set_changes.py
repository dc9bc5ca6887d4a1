"""The memory changes under a page: the sidebar's pattern set, rule, P and Side change while a page is open.

On each of /recall, /landscape, /store and /compare (one browser context per page) the sidebar walks through
the changes a person can make there (WALK): seed digits -> MNIST, then at once the rule -> Storkey; -> optdigits
-> random patterns, then at once Side = 5 and P = 3; P = 40 and Side = 12; -> seed digits -> random -> MNIST ->
random. Every change is a rerun in which each page widget sends the value the browser holds for it. After the
last change of each run of changes (`touch`) the script is rerun once more from outside the page (the R key, as
a sidebar widget would), then each control of the page's main area is touched in turn: a select box set to
another option, a number input stepped, a slider moved one step with the keyboard. The controls are touched
when the page opens, too. After every change, rerun and touch the page must still show its heading and no
exception box or traceback.

These catch a page whose keyed widgets keep a value of the previous memory, e.g. the "Pattern to corrupt"
select box handing back a label of the old set ("7") after Random patterns -> Side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import (
    READY_TIMEOUT_MS,
    SCREENSHOTS,
    App,
    open_select,
    sidebar_of,
    wait_ready,
)
from tests.e2e.test_server import exception_lines

pytestmark = pytest.mark.e2e

PAGES = {
    "/recall": "Corrupt & recall",
    "/landscape": "Energy landscape",
    "/store": "Store patterns",
    "/compare": "Compare learning rules",
}
DIGITS, MNIST, OPTDIGITS, RANDOM = (
    "Seed digits (10x9)",
    "MNIST digits (28x28)",
    "optdigits (8x8)",
    "Random patterns",
)
CONTROLS = (
    "[data-testid='stMain'] :is([data-testid='stSelectbox'], [data-testid='stSlider'], "
    "[data-testid='stNumberInput'])"
)
HEADING_TIMEOUT_MS = 10_000
SERVER_LOG = (
    SCREENSHOTS / f"server-{Path(__file__).stem}.log"
)  # written by conftest's `server` fixture


@dataclass(frozen=True)
class Change:
    """One change in the sidebar: a select box ("Pattern set", "Learning rule") or a number input ("P", "Side").

    `touch`: rerun and touch every page control after it. False for a change followed at once by the next one
    in the sidebar (Random patterns, then Side), or to a set like one touched before (to keep the walk short):
    the next change is then the rerun in which every page widget sends the value the browser holds."""

    label: str
    value: str
    touch: bool = True

    def __str__(self) -> str:
        return f"{self.label} -> {self.value}"


WALK = (
    Change("Pattern set", MNIST, touch=False),  # seed digits -> MNIST ...
    Change("Learning rule", "Storkey"),  # ... and at once another rule
    Change(
        "Pattern set", OPTDIGITS, touch=False
    ),  # MNIST -> optdigits (8x8 digits, like the seed digits)
    Change("Pattern set", RANDOM, touch=False),  # optdigits -> random (P = 10, Side = 10) ...
    Change("Side", "5", touch=False),  # ... and at once another side ...
    Change("P", "3"),  # ... and P: 3 patterns of 5x5
    Change("P", "40", touch=False),
    Change("Side", "12"),  # 40 patterns of 12x12
    Change(
        "Pattern set", DIGITS, touch=False
    ),  # random -> seed digits (touched when the page opened) ...
    Change("Pattern set", RANDOM, touch=False),  # ... -> random ...
    Change("Pattern set", MNIST, touch=False),  # ... -> MNIST (touched above) ...
    Change("Pattern set", RANDOM),  # ... -> random
)


def _ready(page: Page) -> None:
    """conftest's wait_ready, and no skeleton left (an element whose code the browser is still fetching)."""
    wait_ready(page)
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stSkeleton']\")", timeout=READY_TIMEOUT_MS
    )


def _open(app: App, page: Page, path: str) -> None:
    """Open `path` and wait for its first run (on a cold server the app is idle for a moment before it starts)."""
    app.open(page, path)
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(
        PAGES[path], timeout=READY_TIMEOUT_MS
    )
    _ready(page)


def _check(page: Page, heading: str, where: str) -> None:
    """No exception box, no traceback, and the page heading still there; on failure, a screenshot and the last
    exception of the server log (the page shows a redacted message only)."""
    exceptions = page.locator("[data-testid='stException']")
    problem = ""
    if exceptions.count():
        problem = f"an exception box is on the page: {exceptions.first.inner_text()[:120]!r}"
    elif "Traceback" in page.locator("body").inner_text():
        problem = "a traceback is on the page"
    else:
        try:
            expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(
                heading, timeout=HEADING_TIMEOUT_MS
            )
        except AssertionError as error:
            problem = f"the heading {heading!r} is gone ({str(error).splitlines()[0]})"
    if problem:
        name = "".join(c if c.isalnum() else "-" for c in where)[:80]
        page.screenshot(path=str(SCREENSHOTS / f"set-changes-{name}.png"), full_page=True)
        logged = (
            exception_lines(SERVER_LOG.read_text(errors="replace")) if SERVER_LOG.is_file() else []
        )
        raise AssertionError(
            f"{where}: {problem}" + (f"; server log: {logged[-1]}" if logged else "")
        )


def _apply(page: Page, change: Change) -> None:
    """Make `change` in the sidebar as a person would, and wait for the rerun."""
    sidebar = sidebar_of(page)
    if change.label in ("Pattern set", "Learning rule"):
        box = sidebar.get_by_role("combobox", name=change.label)
        open_select(box)
        page.get_by_role("option", name=change.value, exact=True).click()
        _ready(page)
        expect(box).to_have_value(change.value)
    else:  # the sidebar's number inputs are too narrow for step buttons: type the number
        field = sidebar.get_by_label(change.label, exact=True)
        field.fill(change.value)
        field.press("Enter")
        _ready(page)
        expect(field).to_have_value(change.value)


def _touch_selectbox(page: Page, control: Locator) -> str:
    box = control.get_by_role("combobox")
    current = box.input_value()
    open_select(box)
    options = page.get_by_role("option")
    options.first.wait_for()
    others = [
        text.strip()
        for text in options.all_inner_texts()
        if text.strip() and text.strip() != current
    ]
    if not others:  # a single option (e.g. the modern rule's one dynamics): nothing to choose
        page.keyboard.press("Escape")
        return f"{current!r} (the only option)"
    page.get_by_role("option", name=others[0], exact=True).first.click()
    return f"{current!r} -> {others[0]!r}"


def _touch_slider(page: Page, control: Locator) -> str:
    thumb = control.get_by_role("slider").first
    value, top = thumb.input_value(), thumb.get_attribute("max")
    key = "ArrowLeft" if value and top and float(value) >= float(top) else "ArrowRight"
    thumb.focus()
    page.keyboard.press(key)
    return f"{value} {key}"


def _touch_number(page: Page, control: Locator) -> str:
    field = control.locator("input")
    before = field.input_value()
    for testid in ("stNumberInputStepUp", "stNumberInputStepDown"):
        button = control.locator(f"[data-testid='{testid}']")
        if button.count() and button.is_visible() and button.is_enabled():
            button.click()
            return f"{before} {testid.removeprefix('stNumberInput')}"
    field.fill(str(int(float(before or 0)) + 1))  # no step buttons shown: type the next number
    field.press("Enter")
    return f"{before} typed +1"


def _touch_controls(page: Page, heading: str, after: str) -> int:
    """Touch every visible select box, slider and number input of the main area, one by one; returns how many."""
    touched = 0
    index = 0
    controls = page.locator(CONTROLS)
    while index < controls.count():
        control = controls.nth(index)
        index += 1
        if not control.is_visible():
            continue  # in a closed expander or another tab
        kind = control.get_attribute("data-testid") or ""
        label = (
            control.locator("label").first.inner_text().strip()
            if control.locator("label").count()
            else kind
        )
        control.scroll_into_view_if_needed()
        if kind == "stSelectbox":
            what = _touch_selectbox(page, control)
        elif kind == "stSlider":
            what = _touch_slider(page, control)
        else:
            what = _touch_number(page, control)
        _ready(page)
        touched += 1
        _check(page, heading, f"after {after}, touching {label!r} ({what})")
    return touched


def _rerun(page: Page) -> None:
    """Rerun the script from outside the page (the R key), as any sidebar widget does: every page widget sends
    the value the browser holds, which must still be valid for the new memory."""
    page.locator("[data-testid='stMain'] h1").first.click()
    page.keyboard.press("r")
    _ready(page)


@pytest.mark.parametrize("path", list(PAGES), ids=[path.strip("/") for path in PAGES])
def test_memory_changes_under_the_page(app: App, page: Page, path: str) -> None:
    heading = PAGES[path]
    _open(app, page, path)
    _check(page, heading, f"opening {path}")
    assert _touch_controls(page, heading, "opening the page") > 0, (
        f"{path} has no control in its main area"
    )
    for number, change in enumerate(WALK, 1):
        where = f"{path}, change {number} ({change})"
        _apply(page, change)
        _check(page, heading, where)
        if (
            change.touch
        ):  # otherwise the next change is the rerun that sends the page widgets' values
            _rerun(page)
            _check(page, heading, f"{where}, then a rerun")
            _touch_controls(page, heading, where)


# ---------------------------------------------------------------- the two reported sequences, exactly


def test_recall_random_patterns_then_side(app: App, page: Page) -> None:
    """Recall opened with the seed digits ("Pattern to corrupt" shows 7), Pattern set -> Random patterns, Side."""
    heading = PAGES["/recall"]
    _open(app, page, "/recall")
    expect(page.get_by_role("combobox", name="Pattern to corrupt")).to_have_value("7")
    for number, change in enumerate((Change("Pattern set", RANDOM), Change("Side", "5")), 1):
        _apply(page, change)
        _check(page, heading, f"/recall, change {number} ({change})")
    expect(page.get_by_role("combobox", name="Pattern to corrupt")).to_have_value(
        re.compile(r"^r\d+$")
    )


def test_landscape_mnist_then_rule(app: App, page: Page) -> None:
    """Landscape opened with the seed digits, Pattern set -> MNIST, then Learning rule -> Storkey."""
    heading = PAGES["/landscape"]
    _open(app, page, "/landscape")
    for number, change in enumerate(
        (Change("Pattern set", MNIST), Change("Learning rule", "Storkey")), 1
    ):
        _apply(page, change)
        _check(page, heading, f"/landscape, change {number} ({change})")
    for label in ("Pattern a", "Pattern b"):
        expect(page.get_by_role("combobox", name=label)).to_have_value(re.compile(r"^\d #\d+$"))


# ---------------------------------------------------------------- your own patterns, then back to a built-in set

OWN = "Your own patterns"


def _own_images(folder: Path, count: int = 3) -> list[Path]:
    """`count` small black-and-white PNG pictures (a bar at a different height in each), made here."""
    paths = []
    for index in range(count):
        picture = Image.new("L", (32, 32), 255)
        ImageDraw.Draw(picture).rectangle((4, 4 + 8 * index, 27, 9 + 8 * index), fill=0)
        path = folder / f"bar{index}.png"
        picture.save(path)
        paths.append(path)
    return paths


def _go(page: Page, title: str, heading: str) -> None:
    """Another page through the sidebar's navigation (the same session: the memory comes along)."""
    sidebar_of(page).get_by_role("link", name=title).click()
    expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(
        heading, timeout=READY_TIMEOUT_MS
    )
    _ready(page)


def test_own_patterns_under_every_page(app: App, page: Page, tmp_path: Path) -> None:
    """Store uploaded pictures as your own patterns, then on each page: touch the controls, switch to the seed
    digits and back to your own patterns, touching the controls after each change."""
    _open(app, page, "/store")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").nth(1).set_input_files(
        [str(path) for path in _own_images(tmp_path)]
    )
    _ready(page)
    page.get_by_role("button", name="Store these 3 patterns").click()
    _ready(page)
    expect(sidebar_of(page).get_by_role("combobox", name="Pattern set")).to_have_value(OWN)
    for path, title in (
        ("/recall", "Corrupt & recall"),
        ("/landscape", "Energy landscape"),
        ("/compare", "Compare learning rules"),
        ("/store", "Store patterns"),
    ):
        heading = PAGES[path]
        _go(page, title, heading)
        _check(page, heading, f"{path} with your own patterns")
        _touch_controls(page, heading, f"{path} with your own patterns")
        for change in (Change("Pattern set", DIGITS), Change("Pattern set", OWN)):
            _apply(page, change)
            _check(page, heading, f"{path}, {change}")
            _rerun(page)
            _touch_controls(page, heading, f"{path}, {change}")
