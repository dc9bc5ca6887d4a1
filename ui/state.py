"""The only Streamlit glue outside pages/: cached resources, the shared "memory", deep links.

The memory (pattern set, which patterns, learning rule and its parameter) is shared by every
page through `st.session_state` and mirrored in `st.query_params`, so a copied URL reopens
the same view. A link is read once, on a session's first run: every value is checked and a
bad one is replaced by its default with a warning sentence, never an exception.

Cached objects are shared by every session, so they are immutable: pattern sets and
networks hand out read-only arrays.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, PatternSet
from ui import figures

SET_TITLES = {
    "digits": "Seed digits (10x9)",
    "mnist": "MNIST digits (28x28)",
    "optdigits": "optdigits (8x8)",
    "random": "Random patterns",
    "custom": "Your own patterns",
}
RANDOM_SIDE = (2, 64)  # random patterns are drawn as side x side squares
RANDOM_P = (1, 500)
MAX_SEED = 2**31 - 1
_URL = "_link"  # session key: the query parameters the session was opened with, read once
_WARNINGS = "_link_warnings"
_LINKED = "_linked_keys"  # every key seeded through from_link, mirrored back into the URL
RULE_PARAM_KEYS = tuple(dict.fromkeys(name for rule in hopfield.RULES.values() for name in rule.params))
MEMORY_KEYS = ("set", "pick", "rule", "p", "side", "seed", *RULE_PARAM_KEYS)


# ---------------------------------------------------------------- cached resources


@st.cache_resource(max_entries=4, show_spinner=False)
def builtin_set(name: str) -> PatternSet:
    """A built-in pattern set, loaded once per process."""
    return hopfield.load_set(name)


@st.cache_resource(max_entries=16, show_spinner=False)
def random_set(p: int, side: int, seed: int) -> PatternSet:
    """P random ±1 patterns drawn as side x side squares."""
    patterns = hopfield.random_patterns(p, side * side, seed)
    patterns.flags.writeable = False
    labels = tuple(f"r{k}" for k in range(p))
    return PatternSet("random", f"{p} random patterns", patterns, (side, side), labels, "")


@st.cache_resource(max_entries=12, show_spinner="Training the network…")
def trained_network(patterns: np.ndarray, rule: str, params: tuple[tuple[str, float], ...]) -> HopfieldNetwork:
    """HopfieldNetwork.train, cached per (patterns, rule, parameters); the network is immutable."""
    return HopfieldNetwork.train(patterns, rule, **dict(params))


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_figure(builder: str, *args: Any, **kwargs: Any) -> Any:
    """`ui.figures.<builder>(*args, **kwargs)`, built once per arguments (plotly validates every property: slow).

    Shared by every session and never mutated: st.plotly_chart only serialises it.
    """
    return getattr(figures, builder)(*args, **kwargs)


def chart(builder: str, *args: Any, **kwargs: Any) -> None:
    """Show a cached `ui.figures` figure at the container's width, without the mode bar."""
    st.plotly_chart(cached_figure(builder, *args, **kwargs), config={"displayModeBar": False})


# ---------------------------------------------------------------- deep links


def _link() -> dict[str, str]:
    """The query parameters this session was opened with (captured on its first run)."""
    if _URL not in st.session_state:
        st.session_state[_URL] = {key: st.query_params.get(key) for key in st.query_params}
        st.session_state[_WARNINGS] = []
    return st.session_state[_URL]


def _warn(message: str) -> None:
    st.session_state.setdefault(_WARNINGS, []).append(message)


def link_warnings() -> list[str]:
    """Problems found in the link so far, not yet shown."""
    return st.session_state.get(_WARNINGS, [])


def show_link_warnings(container: Any) -> None:
    """Show, once, every problem found in the link by the sidebar and the page (app.py calls this last)."""
    warnings = link_warnings()
    for message in warnings:
        container.warning(message, icon=":material/link_off:")
    warnings.clear()


def parse_int(raw: str, lo: int, hi: int) -> int:
    """A whole number in [lo, hi] from a URL string, or ValueError."""
    value = int(raw.strip())
    if not lo <= value <= hi:
        raise ValueError
    return value


def parse_float(raw: str, lo: float, hi: float) -> float:
    """A finite number in [lo, hi] from a URL string, or ValueError."""
    value = float(raw.strip())
    if not (math.isfinite(value) and lo <= value <= hi):
        raise ValueError
    return value


def parse_choice(options: Sequence[str]) -> Callable[[str], str]:
    """A parser accepting one of `options`."""

    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError
        return raw

    return parse


def from_link(key: str, default: Any, parse: Callable[[str], Any], allowed: str) -> None:
    """Seed widget state `key` from the link on its first use; a bad value warns and falls back.

    `allowed` describes the valid values for the warning, e.g. "a whole number from 1 to 500".
    """
    st.session_state.setdefault(_LINKED, set()).add(key)
    if key in st.session_state:
        return
    raw = _link().get(key)
    value = default
    if raw is not None:
        try:
            value = parse(raw)
        except (ValueError, TypeError, OverflowError):
            shown = raw if len(raw) <= 40 else raw[:40] + "…"
            _warn(f"The link's {key}={shown!r} is not valid ({allowed} expected); using {default!r} instead.")
    st.session_state[key] = value


def keep_option(key: str, options: Sequence[Any], labels: Sequence[str], default: Any) -> None:
    """Keep a select widget's value one of `options` when they change under it (call before the widget).

    The options of a pattern picker depend on the memory. When the memory changes, the browser
    still holds the old option's label and hands it back as text ("7", "7 #1") on the next
    rerun. So whenever the labels change, the value is set again from the script (which makes
    the browser drop its copy): kept if still an option, taken from a matching label, else
    `default`. A multiselect's list is filtered the same way.
    """
    signature, current = f"_{key}_labels", st.session_state.get(key, default)
    fresh = st.session_state.get(signature) != tuple(labels)

    def valid(value: Any) -> Any:
        if isinstance(value, str) and value in labels:
            return options[labels.index(value)]
        return value if value in options else None

    if isinstance(current, list):
        kept = [item for item in map(valid, current) if item is not None]
        value = kept if kept or not current else default
    else:
        value = valid(current)
        value = default if value is None else value
    if fresh or value != current:
        st.session_state[key] = value
        st.session_state[signature] = tuple(labels)


def write_link() -> None:
    """Mirror the session's linked values (the memory and the page's own) in the URL's query parameters.

    A page's widget keys disappear from the session when another page is shown, so the URL
    holds the memory plus the current page's settings.
    """
    wanted: dict[str, str] = {}
    for key in sorted(st.session_state.get(_LINKED, ()), key=lambda k: (k not in MEMORY_KEYS, k)):
        if key not in st.session_state:
            continue
        value = st.session_state[key]
        if key == "pick":
            wanted[key] = format_picks(value)
        elif isinstance(value, (list, tuple)):
            wanted[key] = ",".join(str(item) for item in value)
        else:
            wanted[key] = str(value)
    if wanted.get("set") != "random":
        for key in ("p", "side", "seed"):
            wanted.pop(key, None)
    if {key: st.query_params.get(key) for key in st.query_params} != wanted:
        st.query_params.from_dict(wanted)


def format_picks(picks: Sequence[int]) -> str:
    """[0, 1, 2, 3, 7] -> "0-3,7"."""
    ranges: list[str] = []
    values = sorted(set(int(p) for p in picks))
    start = previous = None
    for value in [*values, None]:
        if start is not None and (value is None or value != previous + 1):
            ranges.append(str(start) if start == previous else f"{start}-{previous}")
            start = None
        if value is not None and start is None:
            start = value
        previous = value
    return ",".join(ranges)


def parse_picks(raw: str, count: int) -> list[int]:
    """"0-3,7" -> [0, 1, 2, 3, 7], each index in [0, count); ValueError for anything else."""
    picks: set[int] = set()
    for part in raw.split(","):
        first, _, last = part.strip().partition("-")
        lo, hi = int(first), int(last or first)
        if not 0 <= lo <= hi < count or hi - lo > 10_000:
            raise ValueError
        picks.update(range(lo, hi + 1))
    if not picks or len(picks) > 500:
        raise ValueError
    return sorted(picks)


# ---------------------------------------------------------------- the memory


@dataclass(frozen=True)
class Memory:
    """What is stored: the chosen patterns of a set, and the network trained on them."""

    source: PatternSet  # the whole set the patterns were picked from
    picks: tuple[int, ...]  # indices into source.patterns
    rule: str
    params: tuple[tuple[str, float], ...]
    network: HopfieldNetwork | None  # None when training was refused (message shown)

    @property
    def patterns(self) -> np.ndarray:
        """The stored patterns (P, N), read-only."""
        return self.network.patterns if self.network is not None else self.source.patterns[list(self.picks)]

    @property
    def labels(self) -> list[str]:
        return [self.source.labels[k] for k in self.picks]

    @property
    def shape(self) -> tuple[int, int]:
        return self.source.shape

    @property
    def rule_title(self) -> str:
        return hopfield.RULES[self.rule].title

    @property
    def fingerprint(self) -> str:
        """Names this memory (patterns, rule, parameters): work done for one memory is not shown for another."""
        digest = hashlib.blake2b(np.ascontiguousarray(self.patterns).tobytes(), digest_size=8)
        digest.update(repr((self.rule, self.params)).encode())
        return digest.hexdigest()


def default_picks(source: PatternSet) -> list[int]:
    """All ten seed digits; the first example of each digit for MNIST and optdigits; all random ones."""
    if source.name in ("mnist", "optdigits"):
        firsts: dict[str, int] = {}
        for index, label in enumerate(source.labels):
            firsts.setdefault(label.split()[0], index)
        return sorted(firsts.values())
    return list(range(len(source.labels)))


def _source(set_name: str) -> PatternSet | None:
    if set_name == "random":
        return random_set(st.session_state["p"], st.session_state["side"], st.session_state["seed"])
    if set_name == "custom":
        return st.session_state.get("custom_set")
    return builtin_set(set_name)


def _on_set_change() -> None:
    source = _source(st.session_state["set"])
    if source is not None:
        st.session_state["pick"] = default_picks(source)


def _on_random_change() -> None:
    st.session_state["pick"] = list(range(st.session_state["p"]))


def use_custom_set(custom: PatternSet) -> None:
    """Make `custom` (built on the Store page from uploads or drawn pixels) the stored set."""
    st.session_state["custom_set"] = custom
    st.session_state["set"] = "custom"
    st.session_state["pick"] = list(range(len(custom.labels)))


def memory_sidebar() -> Memory | None:
    """Draw the shared sidebar panel (set, patterns, rule) and return the current memory.

    Returns None (after showing why) when there is nothing to store.
    """
    sets = list(SET_TITLES)
    from_link("set", "digits", parse_choice(sets), "one of " + ", ".join(sets))
    if st.session_state["set"] == "custom" and "custom_set" not in st.session_state:
        _warn("Your own patterns live in the browser session that made them and cannot travel in a link; "
              "showing the seed digits instead.")
        st.session_state["set"] = "digits"
    from_link("rule", "hebbian", parse_choice(list(hopfield.RULES)), "one of " + ", ".join(hopfield.RULES))
    from_link("p", 10, lambda raw: parse_int(raw, *RANDOM_P), "a whole number from 1 to 500")
    from_link("side", 10, lambda raw: parse_int(raw, *RANDOM_SIDE), "a whole number from 2 to 64")
    from_link("seed", 0, lambda raw: parse_int(raw, 0, MAX_SEED), "a whole number from 0 to 2147483647")
    source = _source(st.session_state["set"])
    count = len(source.labels)
    from_link("pick", default_picks(source), lambda raw: parse_picks(raw, count), f"indices from 0 to {count - 1}")
    rule = hopfield.RULES[st.session_state["rule"]]
    for name, spec in rule.params.items():  # each control's spec comes from the rule registry
        lo, hi = spec.slider
        parse = (lambda raw, lo=lo, hi=hi: parse_int(raw, lo, hi)) if spec.integer else (
            lambda raw, lo=lo, hi=hi: parse_float(raw, lo, hi)
        )
        from_link(name, spec.default, parse, f"a number from {lo} to {hi}")

    with st.sidebar:
        st.subheader("Memory", anchor=False)
        available = [name for name in sets if name != "custom" or "custom_set" in st.session_state]
        st.selectbox("Pattern set", available, format_func=SET_TITLES.__getitem__, key="set", on_change=_on_set_change)
        if st.session_state["set"] == "random":
            left, middle, right = st.columns(3)
            left.number_input("P", *RANDOM_P, key="p", on_change=_on_random_change, help="Number of patterns")
            middle.number_input("Side", *RANDOM_SIDE, key="side", help="Patterns are side x side: N = side²")
            right.number_input("Seed", 0, MAX_SEED, key="seed")
            source = _source("random")
            st.session_state["pick"] = [k for k in st.session_state["pick"] if k < len(source.labels)] or list(
                range(len(source.labels))
            )
        else:
            source = _source(st.session_state["set"])
        keep_option("pick", list(range(len(source.labels))), source.labels, default_picks(source))
        st.multiselect(
            "Patterns to store",
            list(range(len(source.labels))),
            format_func=source.labels.__getitem__,
            key="pick",
            placeholder="Choose at least one pattern",
        )
        st.selectbox("Learning rule", list(hopfield.RULES), format_func=lambda r: hopfield.RULES[r].title, key="rule")
        rule = hopfield.RULES[st.session_state["rule"]]
        for name, spec in rule.params.items():
            st.slider(spec.label, *spec.slider, step=spec.step, key=name, help=spec.help)
        if source.credit:
            st.caption(source.credit)

        picks = tuple(sorted(st.session_state["pick"]))
        if not picks:
            st.info("Choose at least one pattern to store.", icon=":material/info:")
            return None
        params = tuple((name, st.session_state[name]) for name in rule.params)
        try:
            network = trained_network(source.patterns[list(picks)], rule.name, params)
        except ValueError as error:
            st.error(str(error), icon=":material/error:")
            network = None
        memory = Memory(source, picks, rule.name, params, network)
        if network is not None:
            capacity = network.capacity
            shown = f"{capacity:.1f}" if capacity < 1e6 else "astronomical"
            st.caption(f"P = {network.memorised} patterns, N = {network.n} neurons · capacity ≈ {shown}")
    return memory


def current_memory() -> Memory | None:
    """The memory drawn by the sidebar in this run (app.py draws it before the page)."""
    return st.session_state.get("_memory")


def require_network() -> tuple[Memory, HopfieldNetwork]:
    """The current memory and its network, or stop the page with a pointer to the sidebar."""
    memory = current_memory()
    if memory is None or memory.network is None:
        st.info("Store at least one pattern in the sidebar to use this page.", icon=":material/arrow_back:")
        st.stop()
    return memory, memory.network
