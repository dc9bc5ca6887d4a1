"""The memory every page but Continuous memories shares: a pattern set, the patterns picked from it, a learning
rule with its parameters, and the network trained on them; drawn in the sidebar, travelling in the link.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

import hopfield
from hopfield import HopfieldNetwork, PatternSet
from ui import on_demand, store_notes, words
from ui.caches import builtin_set, random_set, trained_network
from ui.link import (
    OWN_KEY,
    RANDOM_KEYS,
    from_link,
    keep_option,
    linked_set,
    opened_with,
    parse_picks,
    warn,
)
from ui.widgets import KEEP, MAX_SEED, choice, number, param

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
        return (
            self.network.patterns
            if self.network is not None
            else self.source.patterns[list(self.picks)]
        )

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
        return random_set(
            *(int(st.session_state.get(key, RANDOM_DEFAULTS[key])) for key in RANDOM_KEYS)
        )
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
    with st.sidebar:
        st.subheader("Memory", anchor=False)
        if (
            opened_with(OWN_KEY) is not None
            and opened_with("set") != "custom"
            and "set" not in st.session_state
        ):
            warn(
                "The link carries patterns of your own (own=…) but does not choose them (set=custom), so they are "
                "left out: add set=custom to the link to store them."
            )
        if (
            opened_with("set") == "custom"
            and "custom_set" not in st.session_state
            and "set" not in st.session_state
        ):
            linked = linked_set(opened_with(OWN_KEY))
            if isinstance(linked, PatternSet):
                st.session_state["custom_set"] = linked
            else:
                warn(
                    f"Your own patterns could not be read from the link: {linked} Showing the seed digits instead."
                )
                st.session_state["set"] = "digits"
        available = [
            name for name in SET_TITLES if name != "custom" or "custom_set" in st.session_state
        ]
        set_name = choice(
            "Pattern set", available, "set", "digits", titles=SET_TITLES, on_change=_on_set_change
        )
        if set_name == "random":
            left, middle, right = st.columns(3)
            number(
                "P",
                "p",
                *RANDOM_P,
                RANDOM_DEFAULTS["p"],
                where=left,
                on_change=_on_random_change,
                help="Number of patterns",
            )
            number(
                "Side",
                "side",
                *RANDOM_SIDE,
                RANDOM_DEFAULTS["side"],
                where=middle,
                help="Patterns are side x side: N = side²",
            )
            number("Seed", "seed", 0, MAX_SEED, RANDOM_DEFAULTS["seed"], where=right)
        source = _source(set_name)
        count = len(source.labels)
        from_link(
            "pick",
            default_picks(source),
            lambda raw: parse_picks(raw, count),
            f"indices from 0 to {count - 1}",
        )
        keep_option("pick", list(range(count)), source.labels, default_picks(source))
        st.multiselect(
            "Patterns to store",
            list(range(count)),
            format_func=source.labels.__getitem__,
            key="pick",
            placeholder="Choose at least one pattern",
            **KEEP,
        )
        rule = hopfield.RULES[
            choice(
                "Learning rule",
                list(hopfield.RULES),
                "rule",
                "hebbian",
                titles={name: rule.title for name, rule in hopfield.RULES.items()},
            )
        ]
        try:
            params = tuple(
                (name, param(spec)) for name, spec in rule.params.items()
            )  # controls from the registry
        except ValueError as error:  # a parameter whose link key is taken
            st.error(str(error), icon=":material/error:")
            return None
        if source.credit:
            st.caption(source.credit)

        picks = tuple(sorted(st.session_state["pick"]))
        if not picks:
            st.info("Choose at least one pattern to store.", icon=":material/info:")
            return None
        try:
            network = _trained_when_asked(source.patterns[list(picks)], rule, params)
        except ValueError as error:
            st.error(str(error), icon=":material/error:")
            network = None
        memory = Memory(source, picks, rule.name, params, network)
        if network is not None:
            shown = store_notes.capacity_short(network.capacity)
            stored = words.counted(network.memorised, "pattern")
            st.caption(f"P = {stored}, N = {network.n} neurons · capacity {shown}")
    return memory


_TRAINING_WAITS = (
    "_training_waits"  # session key: (version, sentence) of a slow training not yet asked for
)


def _trained_when_asked(
    patterns: np.ndarray, rule: hopfield.Rule, params: tuple[tuple[str, float], ...]
) -> HopfieldNetwork | None:
    """The sidebar's network; a training that takes more than a couple of seconds waits for the page's button
    (`require_network`), then runs under a spinner with its time."""
    st.session_state.pop(_TRAINING_WAITS, None)
    p, n = patterns.shape
    if not on_demand.training_is_slow(rule.name, p, n, dict(params)):
        return trained_network(patterns, rule.name, params)
    what = f"Training {rule.title} on {words.counted(p, 'pattern')} of N = {n:,} neurons"
    version = (on_demand.named(patterns), rule.name, params)
    if not on_demand.pressed("training", version):
        st.session_state[_TRAINING_WAITS] = (
            version,
            f"{what} takes more than a couple of seconds.",
        )
        st.caption(f"{what}: waiting for **Train the network** on the page.")
        return None
    with st.spinner(f"{what}…", show_time=True):
        return trained_network(patterns, rule.name, params)


def current_memory() -> Memory | None:
    """The memory drawn by the sidebar in this run (app.py draws it before the page)."""
    return st.session_state.get("_memory")


def require_network() -> tuple[Memory, HopfieldNetwork]:
    """The current memory and its network, or stop the page with a pointer to the sidebar."""
    memory = current_memory()
    if memory is not None and _TRAINING_WAITS in st.session_state:
        version, sentence = st.session_state[_TRAINING_WAITS]
        st.info(
            f"{sentence} Press **Train the network** to train it (or choose a smaller memory in the sidebar).",
            icon=":material/play_arrow:",
        )
        st.button(
            "Train the network",
            icon=":material/play_arrow:",
            type="primary",
            on_click=on_demand.press,
            args=("training", version),
        )
        st.stop()
    if memory is None or memory.network is None:
        st.info(
            "Store at least one pattern in the sidebar to use this page.",
            icon=":material/arrow_back:",
        )
        st.stop()
    return memory, memory.network
