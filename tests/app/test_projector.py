"""AppTest tests of the projector setting: a sidebar toggle on every page that travels in the link and puts the
enlarging style sheet on the page."""

from __future__ import annotations

import pytest
from apptest import open_page, rerun, widget

from ui import projector


def _styled(at) -> bool:
    return any(projector.CSS.strip() in (element.proto.body or "") for element in at.get("html"))


@pytest.mark.parametrize(
    "page", ["app_pages/recall.py", "app_pages/lessons.py", "app_pages/continuous.py"]
)
def test_the_link_switches_the_projector_on_and_it_stays_in_the_link(page: str) -> None:
    at = open_page(page, projector="True")
    assert widget(at, projector.KEY).value is True
    assert _styled(at)
    assert at.query_params[projector.KEY] == "True"


def test_off_by_default_and_the_toggle_switches_it_on_then_off() -> None:
    at = open_page("app_pages/recall.py")
    assert widget(at, projector.KEY).value is False and not _styled(at)
    assert projector.KEY not in at.query_params  # off: left out of the link
    widget(at, projector.KEY).set_value(True)
    rerun(at)
    assert _styled(at) and at.query_params[projector.KEY] == "True"
    widget(at, projector.KEY).set_value(False)
    rerun(at)
    assert not _styled(at) and projector.KEY not in at.query_params


def test_a_bad_value_in_the_link_warns_and_stays_off() -> None:
    at = open_page("app_pages/recall.py", projector="big")
    assert widget(at, projector.KEY).value is False and not _styled(at)
    assert any("projector='big'" in box.value for box in at.warning)
