"""Shared fixtures of the AppTest suite (helpers to open a page, rerun and find widgets: apptest.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from apptest import open_page
from streamlit.testing.v1 import AppTest

import hopfield
from hopfield import PatternSet
from tests.apptest_cache import scan_components_once


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """Every AppTest scans the installed packages for Streamlit components on its first run (about a
    second each); the packages do not change during the session, so one scan serves every test."""
    with scan_components_once():
        yield


@pytest.fixture(scope="session")
def digits() -> PatternSet:
    """The seed's ten 10x9 digits: the default memory of every page."""
    return hopfield.load_set("digits")


@pytest.fixture
def app() -> Callable[..., AppTest]:
    """`app("app_pages/recall.py", set="mnist")`: the app opened on a page with a link, no exception shown."""
    return open_page
