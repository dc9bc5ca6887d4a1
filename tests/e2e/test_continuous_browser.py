"""The Continuous memories page in a real browser: photos retrieved, a metastable MNIST zero from a deep link,
the set and probe switched by clicking, the CSV and PNG downloads, and the layout at 1280x800 and 390x844
(screenshots in tests/e2e/screenshots/continuous-*.png)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    DESKTOP,
    PHONE,
    App,
    no_error_on_screen,
    open_select,
    sidebar_of,
    wait_ready,
)
from tests.e2e.test_browser import IMAGES, PLOTS, screenshot

pytestmark = pytest.mark.e2e


def _choose(page: Page, label: str, option: str) -> None:
    open_select(page.get_by_role("combobox", name=label, exact=True))
    page.get_by_role("option", name=option, exact=True).click()
    wait_ready(page)


def _alert(page: Page, text: str):
    return page.locator("[data-testid='stAlert']").filter(has_text=text).first


def test_photos_are_retrieved_and_the_set_and_probe_switch_by_clicking(
    app: App, page: Page, screenshots: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/continuous")
    no_error_on_screen(page)
    expect(page.locator("h1").first).to_have_text("Continuous memories")
    expect(sidebar_of(page).get_by_role("combobox", name="Pattern set")).to_have_count(
        0
    )  # no binary Memory here
    expect(
        sidebar_of(page).get_by_role("link", name="Corrupt & recall")
    ).to_be_visible()  # the navigation stays
    expect(_alert(page, "A single memory: astronaut face")).to_be_visible()
    expect(page.locator(PLOTS).first).to_be_visible()
    assert page.locator(IMAGES).count() >= 2
    broken = page.locator(IMAGES).evaluate_all(
        "imgs => imgs.filter(i => i.complete && i.naturalWidth === 0).length"
    )
    assert broken == 0
    expect(page.get_by_text("scikit-image sample data")).to_be_visible()
    screenshot(page, screenshots, "continuous-photos", DESKTOP)

    _choose(page, "Image set", "optdigits (8x8)")
    _choose(page, "Probe", "Gaussian noise")
    no_error_on_screen(page)
    assert "cset=optdigits" in page.url and "cprobe=noise" in page.url
    page.get_by_role("tab", name="Keys → values").click()
    expect(page.get_by_text("Retrieved label:")).to_be_visible()
    no_error_on_screen(page)
    page.get_by_role("tab", name="β sweep").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    wait_ready(page)
    text = Path(download.value.path()).read_text()
    assert (
        text.startswith("beta,correlation,effective_memories,regime")
        and "single" in text
        and "global" in text
    )
    with page.expect_download() as picture:
        page.get_by_role("button", name="Download PNG").click()
    assert Path(picture.value.path()).read_bytes()[:4] == b"\x89PNG"
    wait_ready(page)


def test_a_deep_link_opens_the_metastable_zero_and_fits_a_phone(
    app: App, page: Page, screenshots: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/continuous", "cset=mnist&cbeta=23.7&cprobe=mask-bottom&cimage=0")
    no_error_on_screen(page)
    expect(_alert(page, "A metastable state averaging about")).to_be_visible()
    expect(page.get_by_role("combobox", name="Image set")).to_have_value("MNIST digits (28x28)")
    screenshot(page, screenshots, "continuous-mnist", DESKTOP)
    screenshot(page, screenshots, "continuous-mnist", PHONE)
    page.set_viewport_size(PHONE)
    wait_ready(page)
    overflow = page.evaluate("""() => { const m = document.querySelector("[data-testid='stMain']");
                                        return m ? m.scrollWidth - m.clientWidth : 0; }""")
    assert overflow <= 1, f"the page is {overflow} px wider than a phone screen"
    rights = page.locator("[data-testid='stImage'] img").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).filter(r => r.width > 0).map(r => r.right)"
    )
    assert rights and max(rights) <= PHONE["width"], rights


def _png(seed: int) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(
        np.random.default_rng(seed).integers(0, 256, (40, 40)).astype(np.uint8), "L"
    ).save(buffer, "PNG")
    return buffer.getvalue()


def test_your_own_images_are_uploaded_stored_and_recalled(app: App, page: Page) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/continuous", "cset=uploads")
    expect(_alert(page, "Upload two or more images")).to_be_visible()
    files = [
        {"name": f"noise{k}.png", "mimeType": "image/png", "buffer": _png(k)} for k in range(3)
    ]
    files.append({"name": "notes.png", "mimeType": "image/png", "buffer": b"not a picture"})
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(files)
    wait_ready(page)
    expect(_alert(page, "notes.png:")).to_be_visible()
    expect(_alert(page, "A single memory: noise0")).to_be_visible()
    expect(page.get_by_role("combobox", name="Stored image to probe")).to_have_value("noise0")
    no_error_on_screen(page)


def test_the_average_guard_and_the_familiarity_roc(app: App, page: Page, screenshots: Path) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/continuous", "cbeta=1")
    no_error_on_screen(page)
    expect(_alert(page, "This recall ended in the average of the memories")).to_be_visible()
    page.get_by_role("button", name="Use β = 4.22").click()
    wait_ready(page)
    assert "cbeta=4.22" in page.url
    expect(_alert(page, "this probe first ends in one at β =")).to_be_visible()
    page.get_by_role("tab", name="Familiarity").click()
    expect(page.get_by_text("AUC by −E: clean")).to_be_visible()
    expect(page.get_by_text("corrupted (bottom half masked, amount 0.5)")).to_be_visible()
    no_error_on_screen(page)
    for viewport in (DESKTOP, PHONE):
        screenshot(page, screenshots, "continuous-familiarity", viewport)


def test_the_wrong_memory_and_a_tie_of_labels_are_named_so(
    app: App, page: Page, screenshots: Path
) -> None:
    """Issue 18 as a teacher found it: the masked astronaut face ends in another photo (red, no green tick), and a
    fully masked probe retrieves a tie of the 24 labels (amber)."""
    page.set_viewport_size(DESKTOP)
    app.open(page, "/continuous", "cset=photos&cimage=0&cprobe=mask-bottom&camount=0.5&cbeta=7.5")
    no_error_on_screen(page)
    expect(_alert(page, "The wrong memory: sky and head")).to_be_visible()
    assert (
        page.locator("[data-testid='stAlertContentSuccess']")
        .filter(has_text="sky and head")
        .count()
        == 0
    )
    screenshot(page, screenshots, "continuous-wrong-memory", DESKTOP)
    app.open(page, "/continuous", "cset=photos&cimage=0&cprobe=mask-bottom&camount=1&cbeta=100")
    page.get_by_role("tab", name="Keys → values").click()
    expect(_alert(page, "A tie: 24 labels share the top weight")).to_be_visible()
    screenshot(page, screenshots, "continuous-tie", PHONE)


def test_sparse_attention_shows_its_zeros_and_the_sweep_per_attention(
    app: App, page: Page, screenshots: Path
) -> None:
    page.set_viewport_size(DESKTOP)
    app.open(page, "/continuous", "catt=sparsemax&cbeta=4.22")
    no_error_on_screen(page)
    expect(page.get_by_text("exactly 0)").first).to_be_visible()
    page.get_by_role("tab", name="β sweep").click()
    page.get_by_text("Sweep under every attention").click()
    wait_ready(page)
    expect(page.get_by_text("First β with a single memory: softmax")).to_be_visible()
    for viewport in (DESKTOP, PHONE):
        screenshot(page, screenshots, "continuous-sparsemax", viewport)
