"""The projector setting: larger text, pictures and chart fonts so a demo reads from the back of a room.

One toggle in the sidebar of every page, travelling in the link as `projector=True` (left out when off). When
it is on, app.py's call puts a style sheet on the page (Streamlit sizes every text in rem, so a larger root
font enlarges it all; pictures are zoomed) and `caches.chart` enlarges every figure's fonts
(`figures.style.projected`).
"""

from __future__ import annotations

import streamlit as st

from ui import link, widgets

KEY = "projector"
TEXT_SCALE = 1.2  # the root font: 16 px → 19.2 px
CHART_SCALE = 1.35  # chart fonts: plotly's 12 px → 16 px
PICTURE_ZOOM = 1.1  # pictures shown at a width in pixels (Recall's four) grow by this
TITLE_REM = 2.25  # page titles: 43 px (Streamlit's 2.75rem would be 53 px at the larger root)
TOP_PADDING_REM = 1.5  # Streamlit's 6rem above the title, cut: the larger text needs the room
CSS = f"""<style>
html {{ font-size: {16 * TEXT_SCALE:g}px; }}
[data-testid="stMainBlockContainer"] {{ padding-top: {TOP_PADDING_REM}rem; }}
[data-testid="stHeader"] {{ background: transparent; pointer-events: none; }}
[data-testid="stHeader"] * {{ pointer-events: auto; }}
[data-testid="stMain"] h1 {{ font-size: {TITLE_REM}rem; padding-top: 0; }}
[data-testid="stMain"] [data-testid="stImage"]:has(img[style*="px;"]) {{ zoom: {PICTURE_ZOOM}; }}
</style>"""  # pictures drawn at a width in pixels are zoomed; those at the column's width already fill it

link.declare("the app's display", (KEY,))


def control() -> bool:
    """The sidebar's Projector toggle (every page); when on, the page's style sheet. Returns whether it is on."""
    on = widgets.toggle(
        "Projector",
        KEY,
        where=st.sidebar,
        help="Larger text, pictures and chart labels, to read a "
        "demo from the back of a room. Travels in the link.",
    )
    if on:
        st.html(CSS)
    else:
        link.unlink(KEY)  # in the link only when on
    return on


def is_on() -> bool:
    """Whether the projector setting is on in this session."""
    return bool(st.session_state.get(KEY, False))
