"""Guard for the pages/ folder: every page must run inside dashboard.py, never alone.

Streamlit treats a `pages/` folder next to the main script as a "version 1" multipage app
until the first `st.navigation` call of the process switches that off. The first run after
a server start (and every run under AppTest, which resets the switch) can therefore run a
page file directly, without the sidebar, filters and query string dashboard.py sets up.
dashboard.py marks each run; a page that finds no mark switches the old mode off and
reruns, which goes through dashboard.py.
"""

from __future__ import annotations

import streamlit as st

_MARK = "_entrypoint_ran"


def mark_entrypoint() -> None:
    """Called by dashboard.py right before the page runs."""
    st.session_state[_MARK] = True


def require_entrypoint() -> None:
    """First line of every page: rerun through dashboard.py when the page was run alone."""
    if st.session_state.pop(_MARK, False):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
