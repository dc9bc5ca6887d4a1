"""Slow work waits for its button: nothing that can take more than a couple of seconds at the sizes the sidebar
allows runs unasked, and what runs shows its progress.

Dreaming (the unlearning rule) is the slow part of most of it: each of D dreams relaxes a random state, a cost
that grows like D·N². Storkey, the pseudo-inverse and the palimpsest train in a time that grows like P·N². The
rates below are the slowest measured on this 2-core server (bench/learning.py, `training_rates`, at N = 1024, and
single runs at N = 4096, P = 500: Storkey 13.5 s, pseudo-inverse 4.2 s, palimpsest 94 s), so each budget is
about two seconds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
import streamlit as st

from ui import caches

DREAM_BUDGET = (
    3.5e7  # dreams · N² above which dreaming takes more than about two seconds (5.7e-8 s per D·N²)
)
BATCH_BUDGET = 200_000  # P · N above which training and recalling every rule takes more than a couple of seconds


def dreaming_is_slow(n: int, settings: Mapping[str, Any]) -> bool:
    """Whether dreaming with the unlearning rule's `settings` (its "dreams") on N neurons takes more than about
    two seconds: D·N² > DREAM_BUDGET."""
    return float(settings.get("dreams", 0)) * n * n > DREAM_BUDGET


def every_rule_is_slow(p: int, n: int, lineup: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether training and recalling P patterns of N neurons with every rule of `lineup` (rule -> parameters)
    takes more than a couple of seconds: its dreaming is slow, or P·N > BATCH_BUDGET."""
    return dreaming_is_slow(n, lineup.get("unlearning", {})) or p * n > BATCH_BUDGET


def named(patterns: np.ndarray) -> str:
    """A short name of an array's contents (blake2b of its bytes), for a `version` keyed by the patterns only."""
    return hashlib.blake2b(np.ascontiguousarray(patterns).tobytes(), digest_size=8).hexdigest()


SLOW_TRAINING = {
    "storkey": 1.6e-9,
    "pseudoinverse": 2.3e-9,
    "palimpsest": 1.1e-8,
}  # seconds per P·N², measured
TRAINING_BUDGET = 2.0  # seconds


def training_is_slow(rule: str, p: int, n: int, params: Mapping[str, Any], times: int = 1) -> bool:
    """Whether training `rule` `times` times on P patterns of N neurons takes more than about two seconds: its
    dreaming is slow, or its P·N² work (Storkey, pseudo-inverse, palimpsest) times its measured rate exceeds
    TRAINING_BUDGET."""
    if rule == "unlearning":
        return dreaming_is_slow(n, {"dreams": times * float(params.get("dreams", 0))})
    return SLOW_TRAINING.get(rule, 0.0) * times * p * n * n > TRAINING_BUDGET


def press(key: str, version: Hashable) -> None:
    """Record that the button of `key` was pressed for this `version` of its inputs."""
    st.session_state[f"_asked_{key}"] = version


def pressed(key: str, version: Hashable) -> bool:
    """Whether the button of `key` was pressed for this `version` of its inputs."""
    return st.session_state.get(f"_asked_{key}") == version


CHANGED = "The settings changed since you last pressed it."  # said when the button was pressed for other inputs
PRESS = "{why} {again}Press **{button}** to run it."  # the request: fields why, again (CHANGED or ""), button


def asked(
    key: str,
    version: Hashable,
    button: str,
    why: str,
    *,
    needed: bool = True,
    where: Any = st,
    changed: str = CHANGED,
    note: str = PRESS,
    button_key: str | None = None,
) -> bool:
    """Whether slow work may run: when it is quick (not `needed`), or once `button` (drawn in `where`, with the
    widget key `button_key`, by default `_asked_{key}_button`) was pressed for this `version` of its inputs.
    Until then `note` (filled with `why`, `changed` once pressed for other inputs, and `button`) asks for it."""
    if needed and where.button(
        button,
        icon=":material/play_arrow:",
        type="primary",
        key=button_key or f"_asked_{key}_button",
    ):
        press(key, version)
    if not needed or pressed(key, version):
        return True
    again = f"{changed} " if f"_asked_{key}" in st.session_state else ""
    where.info(note.format(why=why, again=again, button=button), icon=":material/play_arrow:")
    return False


def swept_on_button(
    button: str,
    waiting: str,
    name: str,
    settings: tuple,
    lineup: Mapping[str, Mapping[str, Any]],
    run: Callable[..., Any],
    unit: str,
    titles: Mapping[str, str],
) -> dict | None:
    """rule -> (result, seconds) for every rule of `lineup` under `settings` (`caches.swept`), measured by `run`
    when `button` is pressed; None, with `waiting` said as an info, until every rule is measured."""
    pressed = st.button(button, icon=":material/play_arrow:", type="primary")
    found = caches.swept(name, settings, lineup, run if pressed else None, unit, titles)
    if len(found) < len(lineup):
        st.info(waiting, icon=":material/info:")
        return None
    return found


@contextmanager
def progress(stages: int, where: Any = st) -> Iterator[Callable[[int, str], None]]:
    """A progress bar for work in `stages` steps: the block calls `report(k, text)` as step k (from 0) starts."""
    bar = where.progress(0.0, text="Starting…")
    try:
        yield lambda k, text: bar.progress(
            min(1.0, k / stages), text=f"{text} ({k + 1} of {stages})"
        )
    finally:
        bar.empty()
