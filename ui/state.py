"""The only Streamlit glue outside pages/: cached resources, the shared "memory", deep links.

The memory (pattern set, which patterns, learning rule and its parameter) is shared by every
page through `st.session_state` and mirrored in `st.query_params`, so a copied URL reopens
the same view. A link is read once, on a session's first run: every value is checked and a
bad one is replaced by its default with a warning sentence, never an exception.

Cached objects are shared by every session, so they are immutable: pattern sets and
networks hand out read-only arrays.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, PatternSet, linkcode
from ui import figures, images, snippets, store_notes

SET_TITLES = {
    "digits": "Seed digits (10x9)",
    "mnist": "MNIST digits (28x28)",
    "optdigits": "optdigits (8x8)",
    "random": "Random patterns",
    "custom": "Your own patterns",
}
RANDOM_SIDE = (2, 64)  # random patterns are drawn as side x side squares
RANDOM_P = (1, 500)
RANDOM_DEFAULTS = {"p": 10, "side": 10, "seed": 0}
MAX_SEED = 2**31 - 1
_URL = "_link"  # session key: the query parameters the session was opened with, read once
_WARNINGS = "_link_warnings"
_LINKED = "_linked_keys"  # every key seeded through from_link, mirrored back into the URL


def param_key(name: str) -> str:
    """The widget and link key of the rule parameter `name`: the name itself, or "rule_<name>" when the
    sidebar already uses the name (the unlearning rule's dream `seed` beside the random set's seed)."""
    return f"rule_{name}" if name in ("set", "pick", "rule", "p", "side", "seed") else name


RULE_PARAM_KEYS = tuple(dict.fromkeys(param_key(name) for rule in hopfield.RULES.values() for name in rule.params))
OWN_KEY = "own"  # the link key of one's own patterns (hopfield.linkcode text)
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


@st.cache_resource(max_entries=16, show_spinner=False)
def modern_network(patterns: np.ndarray, beta: float) -> HopfieldNetwork:
    """The Continuous memories page's real-valued modern memory, cached apart from the sidebar's networks (one per
    β a user slides through would push those out)."""
    return HopfieldNetwork.train(patterns, "modern", beta=beta)


@st.cache_resource(max_entries=64, show_spinner=False)
def cached_figure(builder: str, *args: Any, **kwargs: Any) -> Any:
    """`ui.figures.<builder>(*args, **kwargs)`, built once per arguments (plotly validates every property: slow).

    Shared by every session and never mutated: st.plotly_chart only serialises it.
    """
    return getattr(figures, builder)(*args, **kwargs)


def cached(max_entries: int = 16, spinner: str | bool = False) -> Callable:
    """`st.cache_data` for a page's computation: a `HopfieldNetwork` argument is keyed by its fingerprint.

    >>> @cached()
    ... def final_states(net, probes): return net.recall(probes).states
    """
    return st.cache_data(max_entries=max_entries, show_spinner=spinner,
                         hash_funcs={HopfieldNetwork: lambda net: net.fingerprint})


@st.cache_data(max_entries=64, show_spinner=False)
def grid_png(patterns: np.ndarray, shape: tuple[int, int], labels: tuple[str, ...] | None = None, columns: int = 5,
             side_px: int = images.GRID_SIDE_PX, highlight_against: np.ndarray | None = None) -> bytes:
    """Patterns (P, N) tiled `columns` a row with their labels, as PNG bytes (encoding is the slow part).

    One pattern with `highlight_against` (N,) draws the pixels that differ from it in the accent colour.
    """
    scale = images.default_scale(shape, side_px)
    if highlight_against is not None and len(patterns) == 1:
        highlight = patterns[0] != highlight_against
        return images.to_png(images.pattern_image(patterns[0], shape, scale, highlight=highlight))
    return images.to_png(images.pattern_grid(patterns, shape, None if labels is None else list(labels),
                                             columns=columns, scale=scale))


def chart(builder: str, *args: Any, **kwargs: Any) -> None:
    """Show a cached `ui.figures` figure at the container's width, without the mode bar."""
    st.plotly_chart(cached_figure(builder, *args, **kwargs), config={"displayModeBar": False})


KEPT_SETTINGS = 8  # a sweep keeps the results of its last 8 settings in the session, least recent dropped first


def swept(name: str, settings: tuple, lineup: Mapping[str, Mapping[str, float]], run: Callable[..., Any] | None,
          unit: str, titles: Mapping[str, str]) -> dict:
    """rule -> (result, seconds) for the rules of `lineup` (rule -> parameters) measured under `settings`; `run`
    (given when the button was pressed: an `analysis.sweeps` per-rule sweep, returning `RuleRuns`) first measures
    the missing ones under one progress bar. The session keeps a sweep's results for its last KEPT_SETTINGS
    settings only, least recently used dropped first: a long session stays bounded."""
    if run is not None and not lineup:
        st.warning("Choose at least one rule to sweep.", icon=":material/warning:")
    store: dict = st.session_state.setdefault(f"_swept_{name}", {})
    kept = store.pop(settings, {})  # put back below as the most recently used
    keys = {rule: (rule, tuple(params.items())) for rule, params in lineup.items()}
    missing = {rule: lineup[rule] for rule, key in keys.items() if key not in kept}
    if run is not None and missing:
        bar = st.progress(0.0, text="Starting…")
        runs = run(missing, progress=lambda rule, done, whole: bar.progress(
            min(1.0, whole), text=f"{titles[rule]}: {done:.0%} of {unit}"))
        bar.empty()
        kept.update({keys[rule]: (result, runs.seconds[rule]) for rule, result in runs.results.items()})
        if runs.failed:
            st.error(f"{titles[runs.failed]}: {runs.error}", icon=":material/error:")
    if kept:
        store[settings] = kept
    for stale in list(store)[:-KEPT_SETTINGS]:
        del store[stale]
    return {rule: kept[key] for rule, key in keys.items() if key in kept}


def success_table(title: str, axis: str, points: list, measured: Mapping[str, tuple[Any, float]],
                  titles: Mapping[str, str]) -> None:
    """An expander with every rule's success at each point of its curves (`points` as shown) from `swept`."""
    with st.expander(title, icon=":material/table:"):
        rows = [{axis: point, **{titles[rule]: f"{curve.success[k]:.0%}" for rule, (curve, _) in measured.items()}}
                for k, point in enumerate(points)]
        st.dataframe(rows, hide_index=True)


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


# ---------------------------------------------------------------- controls that travel in the link
# Each control is declared once: its range or options give the widget, the link's parser and the
# sentence a bad link value gets. The value is read back with `st.session_state[key]` or returned.


_KEEP = {"persist_state": "session"}  # a page's settings are still there when the user comes back to it


def _words(integer: bool, lo: float, hi: float) -> str:
    kind = "a whole number" if integer else "a fraction" if 0 <= lo and hi <= 1 else "a number"
    return f"{kind} from {lo:g} to {hi:g}"


def number(label: str, key: str, lo: float, hi: float, default: float, *, slider: bool = False,
           integer: bool | None = None, where: Any = st, **kwargs: Any) -> Any:
    """A number input (or slider) for [lo, hi] whose value travels in the link as `key=value`.

    Whole numbers when `integer` (by default: when lo, hi and default are all ints). A value left
    outside a range that has changed since (bits to flip when N shrinks) is moved inside it.
    """
    integer = all(isinstance(v, int) for v in (lo, hi, default)) if integer is None else integer
    kind = int if integer else float
    parse = (lambda raw: parse_int(raw, lo, hi)) if integer else (lambda raw: parse_float(raw, lo, hi))
    from_link(key, kind(default), parse, _words(integer, lo, hi))
    value = st.session_state[key]
    inside = kind(min(max(value, lo), hi)) if isinstance(value, (int, float)) else kind(default)
    if inside != value or type(inside) is not type(value):
        st.session_state[key] = inside
    (where.slider if slider else where.number_input)(label, kind(lo), kind(hi), key=key, **(_KEEP | kwargs))
    return st.session_state[key]


def param(spec: hopfield.ParamSpec, where: Any = st) -> Any:
    """The slider of a learning rule's parameter, built from its registry entry."""
    lo, hi = spec.slider
    return number(spec.label, param_key(spec.name), lo, hi, spec.default, slider=True, integer=spec.integer,
                  where=where, step=spec.step, help=spec.help)


def choice(label: str, options: Sequence[Any], key: str, default: Any = None, *, titles: Any = None,
           widget: str = "selectbox", where: Any = st, **kwargs: Any) -> Any:
    """A select box (or "radio") over `options` (names, or pattern indices) travelling as `key=option`.

    `titles` (a mapping, or a sequence beside `options`) is what the user reads. The value stays
    one of the options when they change under it (`keep_option`).
    """
    options = list(options)
    default = options[0] if default is None else default
    labels = [str(o) for o in options] if titles is None else [
        titles[o] if isinstance(titles, Mapping) else titles[k] for k, o in enumerate(options)
    ]
    if all(isinstance(o, int) for o in options):
        allowed = f"a whole number from {min(options)} to {max(options)}"

        def parse(raw: str) -> int:
            if int(raw) not in options:
                raise ValueError
            return int(raw)
    else:
        allowed, parse = "one of " + ", ".join(map(str, options)), parse_choice(options)
    from_link(key, default, parse, allowed)
    keep_option(key, options, labels, default)
    title = dict(zip(options, labels))
    getattr(where, widget)(label, options, format_func=title.__getitem__, key=key, **(_KEEP | kwargs))
    return st.session_state[key]


def choices(label: str, options: Sequence[str], key: str, default: Sequence[str], *, titles: Mapping[str, str],
            where: Any = st, **kwargs: Any) -> list[str]:
    """A multiselect over names travelling as `key=a,b,c`."""

    def parse(raw: str) -> list[str]:
        chosen = [part.strip("'\" ") for part in raw.strip().strip("[]").split(",") if part.strip("'\" ")]
        if not chosen or any(name not in options for name in chosen):
            raise ValueError
        return list(dict.fromkeys(chosen))

    from_link(key, list(default), parse, "names from " + ", ".join(options) + " separated by commas")
    where.multiselect(label, list(options), format_func=titles.__getitem__, key=key, **(_KEEP | kwargs))
    return st.session_state[key]


def toggle(label: str, key: str, default: bool = False, *, where: Any = st, **kwargs: Any) -> bool:
    """A toggle travelling as `key=True` or `key=False`."""

    def parse(raw: str) -> bool:
        if raw not in ("True", "False"):
            raise ValueError
        return raw == "True"

    from_link(key, default, parse, "True or False")
    where.toggle(label, key=key, **(_KEEP | kwargs))
    return bool(st.session_state[key])


def write_link() -> None:
    """Mirror the values linked in this run (the memory and the page's own) in the URL's query parameters.

    A page's settings stay in the session when another page is shown (`persist_state`), but the
    URL holds only the memory plus the current page's settings.
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
    if wanted.get("set") == "custom" and (own := own_link_text()) is not None:
        wanted[OWN_KEY] = own
    if {key: st.query_params.get(key) for key in st.query_params} != wanted:
        st.query_params.from_dict(wanted)


def linked_set(raw: str | None) -> PatternSet | str:
    """The custom set a link carries in `own=` (`hopfield.linkcode`), or the sentence saying why there is none."""
    if raw is None:
        return (f"the link names them but does not carry them (own=…): a link holds at most {linkcode.MAX_PATTERNS} "
                f"patterns of up to {linkcode.MAX_PIXELS:,} pixels, larger sets travel as the network's .npz file.")
    try:
        patterns, shape, labels = linkcode.decode_set(raw)
    except ValueError as error:
        return str(error)
    return PatternSet("custom", "Your own patterns", patterns, shape, labels, "")


def own_link_text() -> str | None:
    """The custom set as link text, or None when there is none or it is larger than a link holds."""
    custom = st.session_state.get("custom_set")
    if custom is None or linkcode.too_large(len(custom.labels), custom.shape):
        return None
    return _own_text(custom.patterns, custom.shape, custom.labels)


@st.cache_data(max_entries=8, show_spinner=False)
def _own_text(patterns: np.ndarray, shape: tuple[int, int], labels: tuple[str, ...]) -> str:
    return linkcode.encode_set(patterns, shape, labels)


def own_link_note() -> None:
    """Say why the custom set in use does not travel in the link (too many or too large patterns), if so."""
    custom = st.session_state.get("custom_set")
    if custom is None or st.session_state.get("set") != "custom":
        return
    if reason := linkcode.too_large(len(custom.labels), custom.shape):
        st.info(reason + " A copied link shows the seed digits instead: download the network (.npz) to keep or "
                "share these patterns.", icon=":material/link_off:")


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
        return random_set(*(int(st.session_state.get(key, RANDOM_DEFAULTS[key])) for key in ("p", "side", "seed")))
    if set_name == "custom":
        return st.session_state.get("custom_set")
    return builtin_set(set_name)


def _on_set_change() -> None:
    source = _source(st.session_state["set"])
    if source is not None:
        st.session_state["pick"] = default_picks(source)


def _on_random_change() -> None:
    st.session_state["pick"] = list(range(int(st.session_state["p"])))


def use_custom_set(custom: PatternSet) -> None:
    """Make `custom` (built on the Store page from uploads or drawn pixels) the stored set."""
    st.session_state["custom_set"] = custom
    st.session_state["set"] = "custom"
    st.session_state["pick"] = list(range(len(custom.labels)))


def memory_sidebar() -> Memory | None:
    """Draw the shared sidebar panel (set, patterns, rule) and return the current memory.

    Returns None (after showing why) when there is nothing to store.
    """
    st.session_state[_LINKED] = set()  # the link holds what this run shows: the memory and this page's settings
    with st.sidebar:
        st.subheader("Memory", anchor=False)
        if _link().get("set") == "custom" and "custom_set" not in st.session_state and "set" not in st.session_state:
            linked = linked_set(_link().get(OWN_KEY))
            if isinstance(linked, PatternSet):
                st.session_state["custom_set"] = linked
            else:
                _warn(f"Your own patterns could not be read from the link: {linked} Showing the seed digits instead.")
                st.session_state["set"] = "digits"
        available = [name for name in SET_TITLES if name != "custom" or "custom_set" in st.session_state]
        set_name = choice("Pattern set", available, "set", "digits", titles=SET_TITLES, on_change=_on_set_change)
        if set_name == "random":
            left, middle, right = st.columns(3)
            number("P", "p", *RANDOM_P, RANDOM_DEFAULTS["p"], where=left, on_change=_on_random_change,
                   help="Number of patterns")
            number("Side", "side", *RANDOM_SIDE, RANDOM_DEFAULTS["side"], where=middle,
                   help="Patterns are side x side: N = side²")
            number("Seed", "seed", 0, MAX_SEED, RANDOM_DEFAULTS["seed"], where=right)
        source = _source(set_name)
        count = len(source.labels)
        from_link("pick", default_picks(source), lambda raw: parse_picks(raw, count), f"indices from 0 to {count - 1}")
        keep_option("pick", list(range(count)), source.labels, default_picks(source))
        st.multiselect("Patterns to store", list(range(count)), format_func=source.labels.__getitem__, key="pick",
                       placeholder="Choose at least one pattern")
        rule = hopfield.RULES[choice("Learning rule", list(hopfield.RULES), "rule", "hebbian",
                                     titles={name: rule.title for name, rule in hopfield.RULES.items()})]
        params = tuple((name, param(spec)) for name, spec in rule.params.items())  # controls from the registry
        if source.credit:
            st.caption(source.credit)

        picks = tuple(sorted(st.session_state["pick"]))
        if not picks:
            st.info("Choose at least one pattern to store.", icon=":material/info:")
            return None
        try:
            network = trained_network(source.patterns[list(picks)], rule.name, params)
        except ValueError as error:
            st.error(str(error), icon=":material/error:")
            network = None
        memory = Memory(source, picks, rule.name, params, network)
        if network is not None:
            shown = store_notes.capacity_short(network.capacity)
            st.caption(f"P = {network.memorised} patterns, N = {network.n} neurons · capacity {shown}")
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


# ---------------------------------------------------------------- every view as code


def memory_spec(memory: Memory) -> snippets.MemorySpec:
    """The memory in plain values for `ui.snippets` (random settings and one's own patterns from the session)."""
    random = tuple(int(st.session_state.get(key, RANDOM_DEFAULTS[key])) for key in ("p", "side", "seed"))
    return snippets.MemorySpec(memory.source.name, tuple(memory.picks), memory.rule, tuple(memory.params),
                               random=random if memory.source.name == "random" else None,
                               own=own_link_text() if memory.source.name == "custom" else None,
                               count=len(memory.source.labels))


def show_code(build: Callable[..., str], *args: Any, memory: Memory | None = None, **settings: Any) -> None:
    """An expander with `build(memory_spec(memory), *args, **settings)` (or `build(*args, ...)` without a memory):
    the lines of `import hopfield` that reproduce the page's main result with its current settings."""
    text = build(*args, **settings) if memory is None else build(memory_spec(memory), *args, **settings)
    with st.expander("This view as code", icon=":material/code:"):
        st.code(text, language="python")
        st.caption("Runs as it is wherever the hopfield package (this app's engine) can be imported, and prints "
                   "the numbers shown on this page.")
