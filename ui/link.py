"""The link: what travels in the URL's query parameters, declared once, read once, written back every run.

Every key of the link has one owner, declared in `KEYS`: the sidebar's memory, a page, or a learning rule's
parameter (`param_key`). Declaring a key that another owner already holds is refused with a sentence naming
both. A link is read once, on a session's first run: every value is checked and a bad one is replaced by its
default with a warning sentence, never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import streamlit as st

import hopfield
from hopfield import PatternSet, linkcode

_URL = "_link"  # session key: the query parameters the session was opened with, read once
_WARNINGS = "_link_warnings"
_LINKED = (
    "_linked_keys"  # every key seeded through from_link in this run, mirrored back into the URL
)
MEMORY = "the sidebar's Memory"
OWN_KEY = "own"  # the link key of one's own patterns (hopfield.linkcode text)
RANDOM_KEYS = ("p", "side", "seed")  # the random set's settings: in the link only while set=random
KEYS: dict[
    str, str
] = {}  # link key -> its owner (the memory or a page); rule parameters: `rule_keys`


def declare(owner: str, keys: Iterable[str]) -> None:
    """Give `keys` to `owner` in `KEYS`; a key another owner holds is refused (ValueError naming both)."""
    for key in keys:
        holder = KEYS.setdefault(key, owner)
        if holder != owner:
            raise ValueError(
                f"The link key {key!r} of {owner} is already taken by {holder}: rename one of them."
            )


declare(MEMORY, ("set", "pick", "rule", *RANDOM_KEYS, OWN_KEY))
declare("the page Home", ("hseed",))
declare(
    "the page Store patterns",
    (
        "neuron",
        "own_rows",
        "own_cols",
        "own_invert",
        "own_start",
        "strong",
        "strength",
        "dkind",
        "dlevel",
        "dclip",
    ),
)
declare(
    "the page Corrupt & recall",
    ("pattern", "noise", "level", "mode", "steps", "temp", "rseed", "drawprobe", "held"),
)
declare(
    "the page Compare learning rules",
    (
        "flip",
        "n",
        "pmax",
        "trials",
        "rules",
        "cnoise",
        "brules",
        "btrials",
        "gnmax",
        "gtrials",
        "gnoise",
        "grules",
    ),
)
declare(
    "the page Energy landscape", ("starts", "enoise", "exact", "a", "b", "surface", "xp", "xseed")
)
declare(
    "the page Continuous memories",
    ("cset", "cimage", "cprobe", "camount", "cseed", "cbeta", "cheld", "catt", "calpha"),
)
declare(
    "the page Memory playground",
    ("pm", "ps", "pcount", "pseed", "pbeta", "patt", "palpha", "pclick", "pgrid"),
)
declare("the page Learning over time", ("spick", "srule", "sequence", "lrule", "lnoise", "step"))
declare("the page Lessons", ("lesson",))
declare(
    "the page Sequences",
    ("qsource", "qword", "qdigits", "qrule", "qdegree", "qnoise", "qseed", "qframe"),
)


def rule_keys() -> tuple[dict[str, str], dict[str, str]]:
    """The link keys of every registered rule's parameters: (name -> key, refused name -> the sentence why).

    A parameter travels under its name, or "rule_<name>" when the memory or a page owns the name (the
    unlearning rule's dream `seed` beside the random set's seed). Rules that share a parameter's name share
    its key (one rule is stored at a time). A parameter whose key a page or another parameter holds is refused.
    """
    taken: dict[str, tuple[str, str]] = {}  # key -> (parameter name, its owner)
    keys: dict[str, str] = {}
    refused: dict[str, str] = {}
    for rule in hopfield.RULES.values():
        for name in rule.params:
            key = name if name not in KEYS else f"rule_{name}"
            owner = f"the parameter {name!r} of the rule {rule.title}"
            holder_name, holder = taken.setdefault(key, (name, owner))
            if key in KEYS or holder_name != name:
                refused[name] = (
                    f"The link key {key!r} of {owner} is already taken by {KEYS.get(key, holder)}: "
                    "rename the parameter."
                )
            elif name not in refused:
                keys[name] = key
    return keys, refused


def param_key(name: str) -> str:
    """The widget and link key of the rule parameter `name` (`rule_keys`); ValueError with the sentence why
    when it is refused."""
    keys, refused = rule_keys()
    if name not in keys:
        raise ValueError(refused.get(name, f"No registered rule has a parameter {name!r}."))
    return keys[name]


def _link() -> dict[str, str]:
    """The query parameters this session was opened with (captured on its first run)."""
    if _URL not in st.session_state:
        st.session_state[_URL] = {key: st.query_params.get(key) for key in st.query_params}
        st.session_state[_WARNINGS] = []
    return st.session_state[_URL]


def opened_with(key: str) -> str | None:
    """The value of `key` in the link this session was opened with, or None."""
    return _link().get(key)


def warn(message: str) -> None:
    """Keep a problem found in the link, shown by `show_link_warnings` at the end of the run."""
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


def start_run() -> None:
    """Forget the keys linked in the last run: the link holds what this run shows (app.py calls this first)."""
    st.session_state[_LINKED] = set()


def unlink(key: str) -> None:
    """Leave `key` out of the link written at the end of this run (a setting off by default that would only
    lengthen every link, like the projector)."""
    st.session_state.get(_LINKED, set()).discard(key)


def relink(keys: Iterable[str]) -> None:
    """Make this run's link exactly `keys` (their values in the session): a run that switches to another page's
    view (a lesson's "Open this view") writes that view's link, not the page it leaves."""
    st.session_state[_LINKED] = set(keys)


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

    `key` must be declared (`KEYS`, or a rule parameter's `param_key`). `allowed` describes the valid values
    for the warning, e.g. "a whole number from 1 to 500".
    """
    if key not in KEYS and key not in rule_keys()[0].values():
        raise ValueError(
            f"The link key {key!r} is not declared: add it to its page's line in ui/link.py."
        )
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
            warn(
                f"The link's {key}={shown!r} is not valid: expected {allowed}; using {default!r} instead."
            )
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
    """Mirror the values linked in this run (the memory and the page's own) in the URL's query parameters.

    A page's settings stay in the session when another page is shown (`persist_state`), but the
    URL holds only the memory plus the current page's settings.
    """
    memory = {key for key, owner in KEYS.items() if owner == MEMORY} | set(rule_keys()[0].values())
    wanted: dict[str, str] = {}
    for key in sorted(st.session_state.get(_LINKED, ()), key=lambda k: (k not in memory, k)):
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
        for key in RANDOM_KEYS:
            wanted.pop(key, None)
    if wanted.get("set") == "custom" and (own := own_link_text()) is not None:
        wanted[OWN_KEY] = own
    if {key: st.query_params.get(key) for key in st.query_params} != wanted:
        st.query_params.from_dict(wanted)


def linked_set(raw: str | None) -> PatternSet | str:
    """The custom set a link carries in `own=` (`hopfield.linkcode`), or the sentence saying why there is none."""
    if raw is None:
        return (
            f"the link names them but does not carry them (own=…): a link holds at most {linkcode.MAX_PATTERNS} "
            f"patterns of up to {linkcode.MAX_PIXELS:,} pixels, larger sets travel as the network's .npz file."
        )
    try:
        patterns, shape, labels = linkcode.decode_set(raw)
    except ValueError:  # the engine's reason (a version byte, a length) means nothing to the person holding the link
        return "the link's pattern data (own=…) is not readable: it was probably cut short or changed on the way."
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
        st.info(
            reason
            + " A copied link shows the seed digits instead: download the network (.npz) to keep or "
            "share these patterns.",
            icon=":material/link_off:",
        )


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
    """ "0-3,7" -> [0, 1, 2, 3, 7], each index in [0, count); ValueError for anything else."""
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
