"""Plotly figure builders: plain functions of numpy arrays, lists and dicts, no Streamlit and no engine objects,
so every builder can be tested directly. `style` holds the look they share; each page has its module, and pages
draw a builder with `caches.chart(figures.<page>.<builder>, ...)`.
"""

from ui.figures import (
    compare,
    continuous,
    landscape,
    learning,
    playground,
    recall,
    sequences,
    store,
    style,
)

__all__ = [
    "compare",
    "continuous",
    "landscape",
    "learning",
    "playground",
    "recall",
    "sequences",
    "store",
    "style",
]
