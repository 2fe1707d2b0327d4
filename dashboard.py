"""International cooperation dashboard: `streamlit run dashboard.py [-- --home KAZ --data DIR]`.

The entry point draws what every page shares (language, filters in the sidebar, the
query string) and hands over to the page chosen in the navigation. Data folder: --data,
else $IC_DATA_DIR, else ./data. Home country: --home, else $IC_HOME, else the folder's
settings.toml.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="International cooperation", page_icon="🌐", layout="wide",
                   initial_sidebar_state="expanded")

from app import filters, shell  # noqa: E402 - set_page_config must come first
from app.i18n import t  # noqa: E402

# (file, label key, icon, url path); the first is the default page.
PAGES = (
    ("pages/overview.py", "page.overview", ":material/dashboard:", "overview"),
    ("pages/students.py", "page.students", ":material/school:", "students"),
    ("pages/partners.py", "page.partners", ":material/handshake:", "partners"),
    ("pages/programs.py", "page.programs", ":material/workspace_premium:", "programs"),
    ("pages/mobility.py", "page.mobility", ":material/flight:", "mobility"),
    ("pages/science.py", "page.science", ":material/science:", "science"),
)
TOOL_PAGES = (
    ("pages/data.py", "page.data", ":material/database:", "data"),
    ("pages/reports.py", "page.reports", ":material/description:", "reports"),
    ("pages/presentation.py", "page.presentation", ":material/slideshow:", "presentation"),
)


def _page(spec, lang: str, default: bool = False) -> st.Page:
    path, label, icon, url = spec
    return st.Page(path, title=t(label, lang), icon=icon, url_path=url, default=default)


filters.load_query_params()
lang = filters.language_switcher()
navigation = st.navigation({
    t("section.dashboard", lang): [_page(spec, lang, default=i == 0) for i, spec in enumerate(PAGES)],
    t("section.tools", lang): [_page(spec, lang) for spec in TOOL_PAGES],
})
filters.sidebar_filters(lang)
filters.ignored_params_notice(lang)
filters.write_query_params()
shell.mark_entrypoint()
navigation.run()
