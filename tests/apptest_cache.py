"""Speed for tests that open many AppTest instances: scan the installed packages for Streamlit components once.

Every new AppTest scans the metadata of every installed distribution for component manifests on its first
run (about a second, far more on a busy machine); the installed packages do not change during a test
session, so the first scan's result is reused.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from streamlit.components.v2 import manifest_scanner


@contextmanager
def scan_components_once() -> Iterator[None]:
    """While active, `scan_component_manifests` runs once and then returns its first result."""
    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=1)(original)
    try:
        yield
    finally:
        manifest_scanner.scan_component_manifests = original
