"""The Lessons page's lesson box: the lesson's goal, its view as a button and a link, the question, the
answer form and the check's verdict with hint and explanation."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import streamlit as st

from hopfield import HopfieldNetwork
from ui import lessons


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


def lesson_box(
    lesson: lessons.Lesson,
    state: MutableMapping[str, Any],
    net: HopfieldNetwork | None,
    base: str,
) -> None:
    """One lesson in a bordered box: goal, "Open this view" and its link (on `base`), the question, a note when
    the settings in `state` differ from the lesson's view, the answer form checked against `net`, the last
    check's verdict and the hint."""
    with st.container(border=True):
        st.subheader(lesson.title, anchor=False)
        st.markdown(f"**Goal.** {lesson.goal}")
        st.button(
            "Open this view",
            icon=":material/open_in_new:",
            type="primary",
            on_click=lessons.open_view,
            args=(state, lesson),
            key="_open_view",
        )
        st.caption("The same view as a link to share:")
        st.code(lesson.link(base), language=None, wrap_lines=True)
        st.markdown(f"**Question.** {lesson.question}")
        differ = lessons.changed(state, lesson)
        if differ:
            st.caption(
                f"Your settings differ from this view's ({', '.join(differ)}): the answer is checked for yours."
            )
        with st.form(f"_answer_{lesson.key}", border=False, enter_to_submit=False):
            answer_input(lesson)
            st.form_submit_button(
                "Check",
                icon=":material/fact_check:",
                on_click=lessons.check,
                args=(state, lesson, net),
            )
        result = lessons.last_check(state, lesson)
        if result is not None:
            show_check(lesson, result)
        with st.expander("Hint", icon=":material/lightbulb:"):
            st.markdown(lesson.hint)
