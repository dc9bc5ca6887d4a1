"""Hostile input through the app itself (AppTest): uploads on the Store page and bad links on every page.

Each case checks the four things a person relies on: a clear sentence on screen, no exception, the
stored memory as it was (or as the valid part of the link says), and a page that still works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests import hostile_files
from tests.apptest_cache import scan_components_once

APP = "../../app.py"
DEFAULT_MEMORY = {"set": "digits", "pick": list(range(10)), "rule": "hebbian"}
LONG = "x" * 10_000


@pytest.fixture(scope="module", autouse=True)
def _scan_components_once() -> Iterator[None]:
    with scan_components_once():
        yield


def _open(page: str, **link: Any) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in link.items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    _no_exception(at)
    return at


def _no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(
        str(element.value) for kind in ("markdown", "text", "code") for element in at.get(kind)
    )
    assert "Traceback" not in shown


def _memory(at: AppTest) -> dict[str, Any]:
    return {
        "set": at.session_state["set"],
        "pick": sorted(at.session_state["pick"]),
        "rule": at.session_state["rule"],
    }


def _messages(at: AppTest) -> list[str]:
    return [str(element.value) for element in [*at.warning, *at.error]]


def _says(at: AppTest, *fragments: str) -> str:
    """The one warning or error that contains every fragment, checked to be a sentence."""
    for message in _messages(at):
        if all(fragment in message for fragment in fragments):
            assert len(message) > 30 and message.rstrip().endswith("."), message
            return message
    raise AssertionError(f"no message with {fragments}: {_messages(at)}")


def _still_usable(at: AppTest) -> None:
    """A person's next click works: switch the rule, the page redraws without an exception or a stale warning."""
    rule = at.sidebar.selectbox(key="rule")
    target = "storkey" if at.session_state["rule"] != "storkey" else "hebbian"
    rule.set_value(target)
    at.run()
    _no_exception(at)
    assert at.session_state["rule"] == target
    assert at.title, "the page lost its title"
    assert not any("link's" in message for message in _messages(at)), (
        "a link warning was shown twice"
    )


# ---------------------------------------------------------------- bad links


def _memory_of(**expected: Any) -> dict[str, Any]:
    return {**DEFAULT_MEMORY, **expected}


# (id, page, link, fragments the message must contain, expected memory)
LINK_CASES: list[tuple[str, str, dict[str, Any], tuple[str, ...], dict[str, Any]]] = [
    ("unknown set", "store", {"set": "fashion"}, ("set='fashion'", "digits"), _memory_of()),
    (
        "unknown rule",
        "recall",
        {"rule": "telepathy"},
        ("rule='telepathy'", "hebbian"),
        _memory_of(),
    ),
    (
        "unknown rule keeps the valid set",
        "recall",
        {"set": "optdigits", "rule": "magic"},
        ("rule='magic'",),
        {"set": "optdigits", "rule": "hebbian"},
    ),
    (
        "negative P",
        "store",
        {"set": "random", "p": "-5"},
        ("p='-5'", "1 to 500"),
        {"set": "random", "pick": list(range(10))},
    ),
    (
        "enormous P",
        "recall",
        {"set": "random", "p": str(10**30)},
        ("p='1000000000000000000000000000000'",),
        {"set": "random", "pick": list(range(10))},
    ),
    ("side 0", "store", {"set": "random", "side": "0"}, ("side='0'", "2 to 64"), {"set": "random"}),
    (
        "side 99999",
        "recall",
        {"set": "random", "side": "99999"},
        ("side='99999'",),
        {"set": "random"},
    ),
    ("seed abc", "recall", {"set": "random", "seed": "abc"}, ("seed='abc'",), {"set": "random"}),
    ("noise level 7", "recall", {"level": "7"}, ("level='7'", "fraction"), _memory_of()),
    ("noise kind 7", "recall", {"noise": "7"}, ("noise='7'", "flip"), _memory_of()),
    ("empty rule", "recall", {"rule": ""}, ("rule=''",), _memory_of()),
    ("empty set", "store", {"set": ""}, ("set=''",), _memory_of()),
    ("empty picks", "recall", {"pick": ""}, ("pick=''",), _memory_of()),
    (
        "picks out of range",
        "store",
        {"pick": "0-99999"},
        ("pick='0-99999'", "0 to 9"),
        _memory_of(),
    ),
    ("picks not numbers", "recall", {"pick": "seven"}, ("pick='seven'",), _memory_of()),
    (
        "repeated rule, last one bad",
        "recall",
        {"rule": ["storkey", "bogus"]},
        ("rule='bogus'",),
        _memory_of(),
    ),
    ("unicode rule", "recall", {"rule": "hébbian"}, ("rule='hébbian'",), _memory_of()),
    ("unicode set", "store", {"set": "数字"}, ("set='数字'",), _memory_of()),
    ("very long rule", "recall", {"rule": LONG}, ("rule='" + "x" * 40 + "…'",), _memory_of()),
    ("very long picks", "store", {"pick": "0," * 5000}, ("pick=",), _memory_of()),
    (
        "markup in set",
        "store",
        {"set": "<script>alert(1)</script>"},
        ("set='<script>",),
        _memory_of(),
    ),
    ("control characters", "recall", {"rule": "heb\x00bian\n"}, ("rule=",), _memory_of()),
    (
        "NaN damping",
        "store",
        {"rule": "pseudoinverse", "damping": "nan"},
        ("damping='nan'",),
        {"rule": "pseudoinverse"},
    ),
    (
        "fractional degree",
        "recall",
        {"rule": "dense-poly", "degree": "2.5"},
        ("degree='2.5'",),
        {"rule": "dense-poly"},
    ),
    (
        "infinite beta",
        "recall",
        {"rule": "modern", "beta": "1e309"},
        ("beta='1e309'",),
        {"rule": "modern"},
    ),
    ("enormous steps", "recall", {"steps": "9" * 40}, ("steps=",), _memory_of()),
    ("negative pattern", "recall", {"pattern": "-1"}, ("pattern='-1'",), _memory_of()),
    (
        "unknown mode",
        "recall",
        {"mode": "sync;drop table"},
        ("mode='sync;drop table'",),
        _memory_of(),
    ),
    ("negative recall seed", "recall", {"rseed": "-5"}, ("rseed='-5'",), _memory_of()),
    (
        "infinite temperature",
        "recall",
        {"mode": "stochastic", "temp": "inf"},
        ("temp='inf'",),
        _memory_of(),
    ),
    (
        "neuron out of range",
        "store",
        {"neuron": "99999"},
        ("neuron='99999'", "0 to 89"),
        _memory_of(),
    ),
    (
        "unknown rule in a list",
        "compare",
        {"rules": "hebbian,telepathy"},
        ("rules='hebbian,telepathy'",),
        _memory_of(),
    ),
]


@pytest.mark.parametrize(
    ("page", "link", "fragments", "memory"),
    [case[1:] for case in LINK_CASES],
    ids=[case[0] for case in LINK_CASES],
)
def test_bad_link(
    page: str, link: dict[str, Any], fragments: tuple[str, ...], memory: dict[str, Any]
) -> None:
    at = _open(page, **link)
    _says(at, *fragments)
    current = _memory(at)
    assert {key: current[key] for key in memory} == memory
    _still_usable(at)


def test_repeated_key_takes_the_last_value_like_streamlit() -> None:
    at = _open("recall", rule=["bogus", "storkey"], pattern=["1", "3"])
    assert at.session_state["rule"] == "storkey" and at.session_state["pattern"] == 3
    assert not any("link's" in message for message in _messages(at))
    _still_usable(at)


def test_unknown_parameters_are_ignored() -> None:
    at = _open("recall", utm_source="newsletter", **{"": "x", "a" * 300: "b"})
    assert _memory(at) == DEFAULT_MEMORY
    assert not any("link's" in message for message in _messages(at))
    _still_usable(at)


# ---------------------------------------------------------------- hostile uploads on the Store page


def _store() -> AppTest:
    at = _open("store")
    assert _memory(at) == DEFAULT_MEMORY
    return at


def _upload(at: AppTest, key: str, files: Any) -> AppTest:
    at.file_uploader(key=key).set_value(files)
    at.run()
    _no_exception(at)
    return at


def _store_still_usable(at: AppTest) -> None:
    """The grid size can still be changed and the page redraws; the memory is still the seed digits."""
    at.number_input(key="own_rows").set_value(12)
    at.run()
    _no_exception(at)
    assert at.session_state["own_rows"] == 12
    assert _memory(at) == DEFAULT_MEMORY
    _still_usable(at)


IMAGE_IDS = [case[0] for case in hostile_files.IMAGE_CASES]


@pytest.mark.parametrize(
    ("name", "file_name", "build", "refused"), hostile_files.IMAGE_CASES, ids=IMAGE_IDS
)
def test_image_upload_on_the_store_page(
    name: str, file_name: str, build: Callable[[], bytes], refused: bool
) -> None:
    at = _upload(
        _store(),
        "own_images",
        [(file_name, build(), "image/png"), ("good.png", hostile_files.good_png(), "image/png")],
    )
    if refused:
        _says(at, file_name)
    else:
        assert not at.error, _messages(at)
    ready = [
        str(caption.value)
        for caption in at.caption
        if str(caption.value).startswith("Ready to store")
    ]
    assert ready and ready[0].startswith(f"Ready to store: {1 if refused else 2} uploaded"), ready
    assert _memory(at) == DEFAULT_MEMORY
    _store_still_usable(at)


NETWORK_IDS = [case[0] for case in hostile_files.NETWORK_CASES]


@pytest.mark.parametrize(("name", "build", "refused"), hostile_files.NETWORK_CASES, ids=NETWORK_IDS)
def test_network_upload_on_the_store_page(
    name: str, build: Callable[[], bytes], refused: bool
) -> None:
    hostile_files.PICKLE_MARKER.unlink(missing_ok=True)
    at = _upload(_store(), "network_file", ("upload.npz", build(), "application/octet-stream"))
    assert not hostile_files.PICKLE_MARKER.exists(), "a pickled object in an upload was unpickled"
    if refused:
        _says(at, "upload.npz: ")
        assert not [b for b in at.button if b.label == "Use this network as the memory"]
    else:
        assert any("5 patterns of 16 neurons" in str(info.value) for info in at.info), [
            i.value for i in at.info
        ]
    assert _memory(at) == DEFAULT_MEMORY
    _store_still_usable(at)


def test_a_network_of_another_size_becomes_the_memory_and_recall_works() -> None:
    at = _upload(
        _store(),
        "network_file",
        ("other.npz", hostile_files.other_size_network(), "application/octet-stream"),
    )
    next(b for b in at.button if b.label == "Use this network as the memory").click()
    at.run()
    _no_exception(at)
    assert _memory(at) == {"set": "custom", "pick": list(range(5)), "rule": "storkey"}
    assert any("this is the stored memory now" in str(s.value) for s in at.success)
    at.switch_page("app_pages/recall.py")
    at.run()
    _no_exception(at)
    assert next(m.value for m in at.metric if m.label == "Bits corrupted").endswith("of 16")


def test_many_bad_images_at_once_each_get_a_sentence() -> None:
    bad = [
        (file_name, build(), "image/png")
        for _, file_name, build, refused in hostile_files.IMAGE_CASES
        if refused
    ]
    at = _upload(_store(), "own_images", bad)
    for file_name, _, _ in bad:
        _says(at, file_name)
    assert any("Nothing to store yet" in str(caption.value) for caption in at.caption)
    _store_still_usable(at)
