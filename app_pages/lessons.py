"""Lessons: short guided exercises that open a view, ask a question and check the answer with the engine.

Link keys: lesson (plus the shared memory keys).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import lessons, link, sidebar, widgets

PRINT_NOTE = "Print it with the browser (Ctrl+P or ⌘P), or download it as Markdown."


def answer_input(lesson: lessons.Lesson) -> Any:
    """The student's answer: a number, one of the options, or nothing (the page itself is the answer)."""
    key = lessons.given_key(lesson)
    if lesson.kind == "number":
        return st.number_input(
            f"Your answer ({lesson.unit})",
            value=None,
            step=lesson.step,
            key=key,
            placeholder="a number",
        )
    if lesson.kind == "choice":
        return st.radio("Your answer", lesson.options, index=None, key=key)
    st.caption("Set the page up as asked, come back here and press **Check**.")
    return None


def show_check(lesson: lessons.Lesson, result: lessons.Check) -> None:
    """Right: the engine's numbers and the explanation. Not yet: the hint, the explanation on request."""
    if result.right:
        st.success(f"Right. {result.facts}", icon=":material/check_circle:")
        st.markdown(lesson.explanation)
        return
    st.error(
        "Not yet." + (f" {result.facts}" if lesson.kind == "show" else ""), icon=":material/cancel:"
    )
    st.info(f"Hint: {lesson.hint}", icon=":material/lightbulb:")
    with st.expander("Show the explanation (gives the answer away)", icon=":material/visibility:"):
        st.markdown(f"{result.facts}\n\n{lesson.explanation}")


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

if (going := lessons.opening(st.session_state)) is not None:
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

with st.container(border=True):
    st.subheader(lesson.title, anchor=False)
    st.markdown(f"**Goal.** {lesson.goal}")
    st.button(
        "Open this view",
        icon=":material/open_in_new:",
        type="primary",
        on_click=lessons.open_view,
        args=(st.session_state, lesson),
        key="_open_view",
    )
    st.caption("The same view as a link to share:")
    st.code(lesson.link(base), language=None, wrap_lines=True)
    st.markdown(f"**Question.** {lesson.question}")
    if differ := lessons.changed(st.session_state, lesson):
        st.caption(
            f"Your settings differ from this view's ({', '.join(differ)}): the answer is checked for yours."
        )
    with st.form(f"_answer_{lesson.key}", border=False, enter_to_submit=False):
        answer_input(lesson)
        st.form_submit_button(
            "Check",
            icon=":material/fact_check:",
            on_click=lessons.check,
            args=(st.session_state, lesson, net),
        )
    if (result := lessons.last_check(st.session_state, lesson)) is not None:
        show_check(lesson, result)
    with st.expander("Hint", icon=":material/lightbulb:"):
        st.markdown(lesson.hint)

st.header("For the teacher", anchor=False)
st.markdown(
    "Every lesson's view is a link: send it, or put it on the projector. Switch on **Projector** in the "
    "sidebar to enlarge text, pictures and chart labels for the back of the room; it travels in the link too."
)
teacher_overview(base)
