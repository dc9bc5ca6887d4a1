"""Soak: 500 seeded random interactions with ONE session (switch page, set, rule, picks, page controls, rerun);
never an exception, and the process's memory stops growing once the bounded caches are full."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import hopfield
from tests.apptest_cache import scan_components_once
from ui import caches

APP = "../../app.py"
PAGES = ["home", "store", "recall", "compare", "landscape"]
SETS = ["digits", "optdigits", "mnist", "random"]
INTERACTIONS = 500
HALF = INTERACTIONS // 2
MAX_GROWTH_MB = 40.0
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
NETWORK_EVICTIONS = 64  # more than trained_network's max_entries
WINDOW = (
    50  # RSS is averaged over the last WINDOW interactions before each checkpoint, sampled every 10
)
MAX_PICKS = 12  # patterns chosen at once (fast interactions; the sidebar allows up to 500)
SKIPPED_KEYS = {"own_rows", "own_cols"}  # the Store page's upload grid: inert without uploads


@pytest.fixture(scope="module", autouse=True)
def _scan_components_once() -> Iterator[None]:
    with scan_components_once():
        yield


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


def _steady_allocator() -> None:
    """Large arrays straight from mmap, returned to the system when freed (glibc otherwise raises its mmap
    threshold as the soak frees big arrays and keeps later ones in a fragmented heap): RSS then follows what
    is alive instead of the allocator's history, and the growth check measures the app, not malloc."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)


def _release_free_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc keeps them otherwise), so that RSS
    measures what is alive (the caches' contents), not what the allocator happens to hold on to."""
    gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def _evict_cached_networks() -> None:
    """Refill ui.caches.trained_network's bounded cache with tiny networks before a measurement.

    An MNIST network takes about 10 MB (its N x N couplings and weights), a seed-digit one 0.1 MB: which of them
    the LRU cache happens to hold swings RSS by tens of MB from one moment to the next without anything leaking.
    With the same tiny networks cached at both checkpoints, what remains is everything else the app keeps.
    """
    for index in range(NETWORK_EVICTIONS):
        caches.trained_network(
            hopfield.random_patterns(1, 4 + index, seed=index), "hebbian", ()
        )  # all different


def _rss_mb() -> float:
    """Resident memory of this process now (VmRSS), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _low_part(lo: float, hi: float, step: float) -> float:
    """The top of the lower quarter of a wide range: sizes stay small so every interaction is fast."""
    span = hi - lo
    return lo + (span if span <= 20 * step else max(20 * step, span / 4))


def _pick_value(widget, rng: random.Random) -> object | None:
    """A random valid value for a slider or number input (None: leave it)."""
    lo, hi, step = widget.min, widget.max, widget.step or 1
    if isinstance(widget.value, (tuple, list)) or lo is None or hi is None:
        return None
    top = _low_part(lo, hi, step)
    if isinstance(lo, int) and isinstance(step, int):
        return rng.randrange(int(lo), int(top) + 1, int(step))
    value = lo + step * rng.randrange(0, int(round((top - lo) / step)) + 1)
    return round(min(value, hi), 6)


def _change_main_widget(at: AppTest, rng: random.Random) -> str:
    """Change one of the page's own controls (not the sidebar's) as a person would."""
    sidebar = {
        id(w.proto)
        for group in (
            at.sidebar.selectbox,
            at.sidebar.slider,
            at.sidebar.number_input,
            at.sidebar.multiselect,
        )
        for w in group
    }
    candidates = [
        w
        for group in (at.selectbox, at.slider, at.number_input, at.toggle, at.radio)
        for w in group
        if id(w.proto) not in sidebar and w.key not in SKIPPED_KEYS and not w.disabled
    ]
    if not candidates:
        return "rerun (no control)"
    widget = rng.choice(candidates)
    if widget.type == "selectbox":
        widget.select_index(rng.randrange(len(widget.options)))
    elif widget.type == "toggle":
        widget.set_value(not widget.value)
    elif widget.type == "radio":
        current = widget.value
        others = [option for option in widget.options if option != widget.format_func(current)]
        if not others:
            return "rerun (single option)"
        raw = next(
            (raw for raw in _radio_values(widget) if widget.format_func(raw) == rng.choice(others)),
            None,
        )
        if raw is None:
            return "rerun (radio)"
        widget.set_value(raw)
    else:
        value = _pick_value(widget, rng)
        if value is None:
            return "rerun (range)"
        widget.set_value(value)
    return f"{widget.type} {widget.key}"


def _radio_values(widget) -> list[object]:
    """The raw values behind a radio's formatted options, for the app's known radios."""
    known = {"exact": ["memory", "example"], "surface": [True, False]}
    return known.get(widget.key, list(widget.options))


def _change_sidebar(at: AppTest, rng: random.Random) -> str:
    what = rng.choice(["set", "set", "rule", "rule", "pick", "param", "random"])
    if what == "set":
        at.sidebar.selectbox(key="set").select_index(rng.randrange(len(SETS)))
    elif what == "rule":
        at.sidebar.selectbox(key="rule").set_value(rng.choice(list(hopfield.RULES)))
    elif what == "pick":
        count = len(at.sidebar.multiselect(key="pick").options)
        at.sidebar.multiselect(key="pick").set_value(
            sorted(rng.sample(range(count), rng.randint(1, min(count, MAX_PICKS))))
        )
    elif what == "param" and at.sidebar.slider:
        slider = rng.choice(list(at.sidebar.slider))
        slider.set_value(_pick_value(slider, rng))
    elif what == "random" and at.session_state["set"] == "random":
        widget = rng.choice(list(at.sidebar.number_input))
        widget.set_value(_pick_value(widget, rng))
    else:
        return "rerun"
    return f"sidebar {what}"


def test_500_random_interactions_with_one_session(capsys: pytest.CaptureFixture[str]) -> None:
    _steady_allocator()
    rng = random.Random(20240611)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    actions: dict[str, Callable[[], str]] = {
        "page": lambda: (at.switch_page(f"app_pages/{rng.choice(PAGES)}.py"), "switch page")[1],
        "sidebar": lambda: _change_sidebar(at, rng),
        "control": lambda: _change_main_widget(at, rng),
        "rerun": lambda: "rerun",
    }
    weights = {"page": 3, "sidebar": 3, "control": 4, "rerun": 1}
    samples: dict[int, list[float]] = {HALF: [], INTERACTIONS: []}
    history: list[str] = []
    start = time.perf_counter()
    for step in range(1, INTERACTIONS + 1):
        kind = rng.choices(list(weights), list(weights.values()))[0]
        history.append(actions[kind]())
        at.run()
        assert not at.exception, (step, history[-5:], [e.value for e in at.exception])
        assert at.title, (step, history[-5:], "the page drew no title")
        checkpoint = HALF if step <= HALF else INTERACTIONS
        if step % 10 == 0 and checkpoint - step < WINDOW:
            _evict_cached_networks()
            _release_free_memory()
            samples[checkpoint].append(_rss_mb())
    seconds = time.perf_counter() - start
    rss = {checkpoint: statistics.fmean(values) for checkpoint, values in samples.items()}
    growth = rss[INTERACTIONS] - rss[HALF]
    with capsys.disabled():
        print(
            f"\nsoak: {INTERACTIONS} interactions in {seconds:.0f} s; RSS {rss[HALF]:.0f} MiB after {HALF}, "
            f"{rss[INTERACTIONS]:.0f} MiB after {INTERACTIONS} (growth {growth:+.1f} MiB); "
            f"peak RSS {_peak_rss_mb():.0f} MiB"
        )
    assert len({entry.split()[0] for entry in history}) >= 4  # the mix really varied
    assert growth < MAX_GROWTH_MB, (
        f"memory grew {growth:.1f} MiB between interaction {HALF} and {INTERACTIONS}"
    )


def test_the_network_cache_is_bounded() -> None:
    """What keeps the soak's memory flat: trained networks are evicted once the cache is full."""
    patterns = hopfield.random_patterns(2, 9, seed=12345)
    first = caches.trained_network(patterns, "hebbian", ())
    assert caches.trained_network(patterns, "hebbian", ()) is first
    _evict_cached_networks()
    assert caches.trained_network(patterns, "hebbian", ()) is not first
