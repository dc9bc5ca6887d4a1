"""AppTest tests of the Home page: the seed's story computed live, its noise seed and link, the guided start."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

import hopfield

DIGITS = hopfield.load_set("digits")
APP = Path(__file__).parents[2] / "app.py"
# the pages of the navigation that Home does not link to
UNLINKED = {"app_pages/home.py"}


def _home(**link: str) -> AppTest:
    """The app on its default page (Home), with `link` as the URL's query parameters."""
    at = AppTest.from_file("../../app.py", default_timeout=60)
    for key, value in link.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _markdown(at: AppTest) -> str:
    return "\n".join(markdown.value for markdown in at.main.markdown)


def _recalled_by_hand(count: int, seed: int) -> int:
    """The seed's experiment done directly with the engine: Hebbian, 5% flips, five sync steps."""
    patterns = DIGITS.patterns[:count]
    noisy = hopfield.corrupt(DIGITS.patterns, "flip", 0.05, seed=seed)[:count]
    states = hopfield.HopfieldNetwork.train(patterns).recall(noisy, mode="sync", max_steps=5).states
    return int((states == patterns).all(axis=1).sum())


def test_defaults_tell_the_seed_story_with_counts_table_figures_credits_and_links() -> None:
    at = _home()
    assert at.title[0].value == "Hopfield Lab"
    text = _markdown(at)
    assert f"**{_recalled_by_hand(10, 0)} of 10 recalled**" in text
    assert f"**{_recalled_by_hand(5, 0)} of 5 recalled**" in text
    assert "**Dense (exponential): 10 of 10 recalled.**" in text
    assert len(at.main.get("latex")) == 3 and "w_{ii} = 0" in at.main.get("latex")[0].value
    table = next(
        block.value
        for block in at.markdown
        if block.value.startswith("| Learning rule | Recalled |")
    )
    rows = [line.strip("| ").split(" | ") for line in table.splitlines()[2:]]
    recalled = {rule: int(count.split(" of ")[0]) for rule, count in rows}
    assert recalled["Hebbian"] == _recalled_by_hand(10, 0)
    assert recalled["Pseudo-inverse"] == 10 and recalled["Dense (exponential)"] == 10
    assert len(at.main.get("image")) == 3
    captions = "\n".join(caption.value for caption in at.main.caption)
    assert "Aditi Pujar" in captions and "gopfield" in captions
    links = at.main.get("page_link")
    assert len(links) == 9  # every page but those in UNLINKED
    assert "Corrupt a 7 and watch it recall step by step" in text


def test_the_noise_seed_redraws_the_noise_and_goes_into_the_link() -> None:
    at = _home()
    before = [
        caption.value for caption in at.main.caption if caption.value.startswith("Bits flipped")
    ]
    at.number_input(key="hseed").set_value(2).run()
    assert not at.exception
    after = [
        caption.value for caption in at.main.caption if caption.value.startswith("Bits flipped")
    ]
    assert before != after
    flipped = (hopfield.corrupt(DIGITS.patterns, "flip", 0.05, seed=2) != DIGITS.patterns).sum(
        axis=1
    )
    assert after[0].startswith("Bits flipped per digit: " + ", ".join(str(int(k)) for k in flipped))
    assert f"**{_recalled_by_hand(5, 2)} of 5 recalled**" in _markdown(at)
    assert at.query_params["hseed"] == "2"


def test_a_link_restores_the_noise_seed_and_a_bad_one_warns() -> None:
    at = _home(hseed="2")
    assert at.number_input(key="hseed").value == 2
    assert f"**{_recalled_by_hand(5, 2)} of 5 recalled**" in _markdown(at)
    bad = _home(hseed="minus one")
    assert bad.number_input(key="hseed").value == 0
    assert any("hseed='minus one' is not valid" in warning.value for warning in bad.warning)
    assert f"**{_recalled_by_hand(10, 0)} of 10 recalled**" in _markdown(bad)


def test_every_guide_link_opens_its_page_and_home_comes_back_with_its_seed() -> None:
    """Each link on Home names a page of the app's navigation (every page but those UNLINKED) by its title; the
    page opens from it without an exception, and going back to Home keeps the noise seed, its pictures and link."""
    at = _home(hseed="2")
    seeded = _markdown(at)
    assert f"**{_recalled_by_hand(5, 2)} of 5 recalled**" in seeded
    navigation = re.findall(r'"(app_pages/\w+\.py)"', APP.read_text())
    links = {f"app_pages/{link.proto.page}.py": link.value for link in at.main.get("page_link")}
    assert sorted(links) == sorted(
        set(navigation) - UNLINKED
    )  # a new page is linked, or named in UNLINKED
    for page, label in links.items():
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.main.title[0].value == label, (
            page
        )  # the link's label is the title of the page it opens
        assert "hseed" not in at.query_params  # Home's key travels only on Home
        at.switch_page("app_pages/home.py").run()
        assert not at.exception and at.main.title[0].value == "Hopfield Lab", page
        assert at.number_input(key="hseed").value == 2 and at.query_params["hseed"] == "2", page
        assert _markdown(at) == seeded, page  # the same story, drawn again from seed 2


def _modern_by_hand(beta: float, seed: int = 0) -> int:
    noisy = hopfield.corrupt(DIGITS.patterns, "flip", 0.05, seed=seed)
    net = hopfield.HopfieldNetwork.train(DIGITS.patterns, "modern", beta=beta)
    return int(
        (net.recall(noisy, mode="sync", max_steps=5).states == DIGITS.patterns).all(axis=1).sum()
    )


def test_the_beta_story_names_a_failing_and_a_recalling_beta_computed_live() -> None:
    text = _markdown(_home())
    counts = {beta: _modern_by_hand(beta) for beta in (2.0, 4.0, 8.0, 16.0, 32.0)}
    failing = max(beta for beta, count in counts.items() if count < 10)
    recalling = min(beta for beta, count in counts.items() if count == 10)
    assert failing < recalling
    assert f"at β = {failing:g} it recalls {counts[failing]} of 10" in text
    assert f"at β = {recalling:g} all 10" in text
    assert (
        "β = 8: 5 of 10" in text and "β = 16: 10 of 10" in text
    )  # worked out once by hand with the engine
