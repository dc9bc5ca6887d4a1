"""Hopfield Lab: the entry point builds the navigation and the shared memory sidebar (every page but Continuous
memories, the Memory playground and Sequences, which keep their own)."""

import streamlit as st

from ui import link, projector, sidebar

st.set_page_config(page_title="Hopfield Lab", page_icon=":material/hub:", layout="wide")

continuous = st.Page(
    "app_pages/continuous.py", title="Continuous memories", icon=":material/gradient:"
)
playground = st.Page(
    "app_pages/playground.py", title="Memory playground", icon=":material/scatter_plot:"
)
sequences = st.Page("app_pages/sequences.py", title="Sequences", icon=":material/animation:")
pages = st.navigation(
    [
        st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("app_pages/lessons.py", title="Lessons", icon=":material/school:"),
        st.Page("app_pages/store.py", title="Store patterns", icon=":material/grid_on:"),
        st.Page("app_pages/recall.py", title="Corrupt & recall", icon=":material/restore:"),
        st.Page(
            "app_pages/compare.py", title="Compare learning rules", icon=":material/compare_arrows:"
        ),
        st.Page("app_pages/landscape.py", title="Energy landscape", icon=":material/landscape:"),
        continuous,
        playground,
        st.Page("app_pages/learning.py", title="Learning over time", icon=":material/timeline:"),
        sequences,
    ]
)
link_problems = st.container()  # filled last, once the sidebar and the page have read the link
link.start_run()
# Continuous memories, the Memory playground and Sequences keep their own memories: no Memory panel there
st.session_state["_memory"] = (
    None if pages in (continuous, playground, sequences) else sidebar.memory_sidebar()
)
projector.control()  # after the Memory panel; its style sheet enlarges every page when on
try:
    pages.run()
finally:
    link.show_link_warnings(link_problems)
    link.write_link()
