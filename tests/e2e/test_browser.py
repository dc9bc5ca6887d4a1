"""Smoke (temporary)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("path", ["/", "/store", "/recall", "/compare", "/landscape"])
def test_page(app, page, path):
    app.open(page, path)
    assert page.locator("[data-testid='stException']").count() == 0
    print(path, page.locator("h1").all_inner_texts(), page.locator(".js-plotly-plot").count(),
          page.locator("[data-testid='stImage'] img").count())
