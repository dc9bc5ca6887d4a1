"""Every view as code: the expander with the lines of `import hopfield` (built by `ui.snippets`) that
reproduce a page's main result with its current settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import snippets
from ui.link import RANDOM_KEYS, own_link_text
from ui.sidebar import RANDOM_DEFAULTS, Memory


def memory_spec(memory: Memory) -> snippets.MemorySpec:
    """The memory in plain values for `ui.snippets` (random settings and one's own patterns from the session)."""
    random = tuple(int(st.session_state.get(key, RANDOM_DEFAULTS[key])) for key in RANDOM_KEYS)
    return snippets.MemorySpec(
        memory.source.name,
        tuple(memory.picks),
        memory.rule,
        tuple(memory.params),
        random=random if memory.source.name == "random" else None,
        own=own_link_text() if memory.source.name == "custom" else None,
        count=len(memory.source.labels),
    )


SNIPPET_HOWTO = (
    "Prints the numbers shown on this page. To run it from any folder, install the engine once: in a "
    "copy of this app's repository, `pip install -e .`; then save the lines as a .py file and run it "
    "with `python`."
)


def show_code(
    build: Callable[..., str], *args: Any, memory: Memory | None = None, **settings: Any
) -> None:
    """An expander with `build(memory_spec(memory), *args, **settings)` (or `build(*args, ...)` without a memory):
    the lines of `import hopfield` that reproduce the page's main result with its current settings."""
    text = (
        build(*args, **settings)
        if memory is None
        else build(memory_spec(memory), *args, **settings)
    )
    with st.expander("This view as code", icon=":material/code:"):
        st.code(text, language="python")
        st.caption(SNIPPET_HOWTO)
