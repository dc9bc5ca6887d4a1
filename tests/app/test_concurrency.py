"""Many people at once: 20 sessions with different memories and settings, run concurrently, each see exactly
what a lone session sees; and the objects the sessions share (cached sets and networks) cannot be mutated.

AppTest installs a mock Streamlit runtime for the length of one run and removes it afterwards, and compiles
the scripts with a fresh script cache each run, so two AppTests running at once in one process would pull the
runtime from under each other (and race in CPython 3.11's ast.parse). `one_server` makes them share one
runtime and one script cache for the concurrent test: exactly what a real `streamlit run` server does, one
runtime whose script threads run every session's reruns side by side, sharing the st.cache_* caches. The
scripts are compiled before the threads start (a warm server's state): CPython 3.11's ast.parse is not
thread-safe (a parse racing with another thread's parse, e.g. the caret placement of a formatted traceback,
fails with "AST constructor recursion depth mismatch").
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pytest
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime import Runtime
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module
from streamlit.testing.v1.util import patch_config_options

import hopfield
from tests.apptest_cache import scan_components_once
from ui import caches

APP = "../../app.py"
ROOT = Path(__file__).resolve().parents[2]
SESSIONS = 20
SETS = ["digits", "optdigits", "random", "digits", "mnist"]
RULES = ["hebbian", "storkey", "pseudoinverse", "dense-poly", "modern", "dense-exp"]
NOISE = [("flip", 0.15), ("flip-count", 12), ("salt-pepper", 0.3), ("occlude", 0.2), ("mask", 0.25)]


@pytest.fixture(scope="module", autouse=True)
def _scan_components_once() -> Iterator[None]:
    with scan_components_once():
        yield


def _settings(index: int) -> dict[str, Any]:
    """Session `index`'s link (set, rule, seeds) and the widget changes it makes after opening the page."""
    link = {"set": SETS[index % len(SETS)], "rule": RULES[index % len(RULES)], "rseed": str(index)}
    if link["set"] == "random":
        link.update(p=str(5 + index), side=str(6 + index % 5), seed=str(100 + index))
    noise, level = NOISE[index % len(NOISE)]
    return {"link": link, "noise": noise, "level": level, "pattern": index % 5}


def _session(index: int) -> dict[str, Any]:
    """Open the recall page with session `index`'s link, change noise, level and pattern like a person, and
    return what the page shows: metrics, the outcome banner and the batch count."""
    settings = _settings(index)
    at = AppTest.from_file(APP, default_timeout=300)
    for key, value in settings["link"].items():
        at.query_params[key] = value
    at.switch_page("app_pages/recall.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for key in ("noise", "level", "pattern"):
        widget = next(w for group in (at.selectbox, at.slider) for w in group if w.key == key)
        widget.set_value(settings[key])
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    main = at.main
    return {
        "memory": (
            at.session_state["set"],
            tuple(at.session_state["pick"]),
            at.session_state["rule"],
        ),
        "controls": (
            at.session_state["noise"],
            at.session_state["level"],
            at.session_state["pattern"],
        ),
        "metrics": {m.label: m.value for m in main.metric},
        "banners": [str(e.value) for e in [*main.success, *main.warning]],
        "captions": [c for image in at.tabs[0].get("image") for c in image.captions],
        "url": dict(at.query_params),
    }


@pytest.fixture(scope="module")
def expected() -> list[dict[str, Any]]:
    """Every session's view when it runs alone, one after the other."""
    return [_session(index) for index in range(SESSIONS)]


@pytest.fixture
def one_server() -> Iterator[None]:
    """One mock runtime and one script cache shared by every AppTest while the test runs (see the module doc)."""
    runtime = mock.MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    runtime.bidi_component_registry = components
    scripts = ScriptCache()
    for script in [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]:
        scripts.get_bytecode(
            str(script)
        )  # compiled once, before the threads: as a warm server has them
    with (
        patch_config_options({"global.appTest": True}),  # once for all, not per run from 20 threads
        mock.patch.object(
            app_test_module, "patch_config_options", lambda overrides: contextlib.nullcontext()
        ),
        mock.patch.object(Runtime, "instance", classmethod(lambda cls: runtime)),
        mock.patch.object(Runtime, "exists", classmethod(lambda cls: True)),
        mock.patch.object(app_test_module, "ScriptCache", lambda: scripts),
    ):
        yield


@pytest.mark.usefixtures("one_server")
def test_twenty_sessions_at_once_see_what_each_sees_alone(expected: list[dict[str, Any]]) -> None:
    assert (
        len({repr(view["memory"]) + repr(view["controls"]) for view in expected}) == SESSIONS
    )  # all different
    barrier = threading.Barrier(SESSIONS, timeout=300)

    def concurrent(index: int) -> dict[str, Any]:
        barrier.wait()  # every session starts together
        return _session(index)

    with ThreadPoolExecutor(max_workers=SESSIONS) as pool:
        seen = list(pool.map(concurrent, reversed(range(SESSIONS))))[::-1]
    for index, (alone, together) in enumerate(zip(expected, seen)):
        assert together == alone, (
            f"session {index} ({_settings(index)}) differs when run concurrently"
        )


def test_each_session_matches_the_engine(expected: list[dict[str, Any]]) -> None:
    """The lone views themselves are right: the corrupted bit count is what the engine gives."""
    for index, view in enumerate(expected):
        settings = _settings(index)
        set_name, picks, rule = view["memory"]
        if set_name == "random":
            link = settings["link"]
            side = int(link["side"])
            source = hopfield.random_patterns(int(link["p"]), side * side, int(link["seed"]))
            shape = (side, side)
        else:
            loaded = hopfield.load_set(set_name)
            source, shape = loaded.patterns, loaded.shape
        target = source[list(picks)][settings["pattern"]]
        noisy = hopfield.corrupt(target, settings["noise"], settings["level"], index, shape)
        assert (
            view["metrics"]["Bits corrupted"] == f"{int((noisy != target).sum())} of {target.size}"
        ), index
        assert view["url"]["rule"] == rule and view["url"]["rseed"] == str(index)


# ---------------------------------------------------------------- shared objects are read-only


def _write_fails(array: np.ndarray) -> None:
    assert not array.flags.writeable
    with pytest.raises(ValueError):
        array[(0,) * array.ndim] = 1
    with pytest.raises(ValueError):
        array += 1


@pytest.mark.parametrize("name", list(hopfield.SET_NAMES))
def test_builtin_sets_are_read_only(name: str) -> None:
    source = caches.builtin_set(name)
    _write_fails(source.patterns)
    assert caches.builtin_set(name) is source  # the cached object, shared by every session
    assert isinstance(source.labels, tuple)


def test_random_sets_are_read_only() -> None:
    _write_fails(caches.random_set(7, 5, 3).patterns)


@pytest.mark.parametrize("rule", list(hopfield.RULES))
def test_cached_networks_are_read_only(rule: str) -> None:
    patterns = caches.builtin_set("digits").patterns[:4]
    params = tuple(hopfield.RULES[rule].defaults().items())
    net = caches.trained_network(patterns, rule, params)
    assert caches.trained_network(patterns, rule, params) is net
    _write_fails(net.patterns)
    _write_fails(net.weights)
    if net.couplings is not None:
        _write_fails(net.couplings)
    with pytest.raises(TypeError):
        net.params["beta"] = 1.0  # a read-only mapping
    with pytest.raises(AttributeError):
        net.rule = "storkey"  # a frozen dataclass
    result = net.recall(patterns[0], net.modes[0], record=True)
    for array in (
        result.states,
        result.steps,
        result.converged,
        result.trajectory,
        result.energies,
    ):
        _write_fails(array)
    assert np.array_equal(net.patterns, patterns)
