"""Lessons: short guided exercises that open a view, ask a question and check the answer with the engine.

Link keys: lesson (plus the shared memory keys).
"""

from __future__ import annotations

import streamlit as st

from ui import lessons, link, sidebar, widgets
from ui.lessons_view import lesson_box

PRINT_NOTE = "Print it with the browser (Ctrl+P or ⌘P), or download it as Markdown."


def teacher_overview(base: str) -> None:
    """Every lesson with its links, printable and downloadable as Markdown."""
    text = lessons.overview(base)
    with st.expander("Overview of all lessons, with their links", icon=":material/print:"):
        st.caption(PRINT_NOTE)
        st.markdown(text)
    st.download_button(
        "Download the overview (Markdown)",
        text,
        "hopfield-lab-lessons.md",
        "text/markdown",
        icon=":material/download:",
        on_click="ignore",
    )


# ---------------------------------------------------------------- page

going = lessons.opening(st.session_state)
if going is not None:
    link.relink(going.view)
    st.switch_page(going.page, query_params=going.query())
st.title("Lessons", anchor=False)
st.markdown(
    f"{len(lessons.LESSONS)} short exercises through the lab, from the ten digits that fail to sequences "
    "and damage. Each one opens a page with its settings, asks a question and checks your answer against "
    "what the engine computes for the settings you have now, so change them freely."
)
finished = lessons.done(st.session_state)
chosen = widgets.choice("Lesson", list(lessons.BY_KEY), "lesson", titles=lessons.titles(finished))
lesson = lessons.BY_KEY[chosen]
st.progress(
    len(finished) / len(lessons.LESSONS),
    text=f"{len(finished)} of {len(lessons.LESSONS)} answered right in this session",
)
memory = sidebar.current_memory()
net = None if memory is None else memory.network
base = lessons.app_base(st.context.url)

lesson_box(lesson, st.session_state, net, base)

st.header("For the teacher", anchor=False)
st.markdown(
    "Every lesson's view is a link: send it, or put it on the projector. Switch on **Projector** in the "
    "sidebar to enlarge text, pictures and chart labels for the back of the room; it travels in the link too."
)
teacher_overview(base)
