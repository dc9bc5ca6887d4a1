"""Shared AppTest helpers for the page tests: open the app on a page with a link, rerun, find a widget."""

from __future__ import annotations

from typing import Any
from unittest import mock

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox


def open_page(page: str, **link: str) -> AppTest:
    """The app opened on `page` (e.g. "app_pages/recall.py") with `link` as the URL's query parameters."""
    at = AppTest.from_file("../../app.py", default_timeout=60)
    for key, value in link.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    """Run the app again and check no exception reached the screen."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def widget(at: AppTest, key: str) -> Any:
    """The widget with `key`, whatever its kind."""
    for group in (
        at.selectbox,
        at.slider,
        at.number_input,
        at.multiselect,
        at.radio,
        at.toggle,
        at.checkbox,
    ):
        for found in group:
            if found.key == key:
                return found
    raise AssertionError(f"no widget with key {key!r}")


def browser_sends(at: AppTest, key: str, text: str) -> AppTest:
    """Rerun with the select box `key` handing back `text`, as a real browser does with a stale option.

    When a select box's options change under it, the browser keeps the old option's label and
    sends it back as text on the next rerun; AppTest's own `set_value` cannot send a non-option.
    """
    box_id = widget(at, key).id
    original = Selectbox._widget_state

    def state(self: Selectbox) -> WidgetState:
        return (
            WidgetState(id=box_id, string_value=text) if self.id == box_id else original.fget(self)
        )

    with mock.patch.object(Selectbox, "_widget_state", property(state)):
        return rerun(at)
