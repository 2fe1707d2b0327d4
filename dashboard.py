"""International cooperation dashboard: `streamlit run dashboard.py [-- --home KAZ --data DIR]`.

The entry point decides who may see what (app/auth.py), draws what every page shares (language,
filters in the sidebar, the query string) and hands over to the page chosen in the navigation.
Data folder: --data, else $IC_DATA_DIR, else ./data. Home country: --home, else $IC_HOME, else the
folder's settings.toml.

When accounts or university sign-in are configured and nobody is signed in, the navigation holds
the sign-in page only: any address shows the sign-in form, and no data is loaded.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="International cooperation", page_icon="🌐", layout="wide",
                   initial_sidebar_state="expanded")

from app import auth, filters, shell  # noqa: E402 - set_page_config must come first
from metrics.vocabulary import DEFAULT_LANGUAGE, LANGUAGES, t  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from metrics import release_freed_memory  # noqa: E402
from metrics.accounts import AuthConfigError  # noqa: E402

# (file, label key, icon, url path); the first is the default page.
PAGES = (
    ("pages/overview.py", "page.overview", ":material/dashboard:", "overview"),
    ("pages/students.py", "page.students", ":material/school:", "students"),
    ("pages/partners.py", "page.partners", ":material/handshake:", "partners"),
    ("pages/programs.py", "page.programs", ":material/workspace_premium:", "programs"),
    ("pages/mobility.py", "page.mobility", ":material/flight:", "mobility"),
    ("pages/science.py", "page.science", ":material/science:", "science"),
    ("pages/comparison.py", "page.comparison", ":material/leaderboard:", "comparison"),
    ("pages/accreditation.py", "page.accreditation", ":material/verified:", "accreditation"),
    ("pages/cohorts.py", "page.cohorts", ":material/timeline:", "cohorts"),
    ("pages/recruitment.py", "page.recruitment", ":material/filter_alt:", "recruitment"),
    ("pages/dependence.py", "page.dependence", ":material/pie_chart:", "dependence"),
)
TOOL_PAGES = (
    ("pages/data.py", "page.data", ":material/database:", "data"),
    ("pages/reports.py", "page.reports", ":material/description:", "reports"),
    ("pages/presentation.py", "page.presentation", ":material/slideshow:", "presentation"),
)
DESK_PAGE = ("pages/desk.py", "page.desk", ":material/upload_file:", "desk")
HISTORY_PAGE = ("pages/history.py", "page.history", ":material/history:", "history")
ADMIN_PAGE = ("pages/admin.py", "page.admin", ":material/admin_panel_settings:", "admin")
SIGNIN_PAGE = ("pages/signin.py", "page.signin", ":material/login:", "signin")


def _page(spec, lang: str, default: bool = False) -> st.Page:
    path, label, icon, url = spec
    return st.Page(path, title=t(label, lang), icon=icon, url_path=url, default=default)


def tool_pages(user: auth.User | None, mode: str) -> tuple:
    """Data and report pages for this visitor: editors add the desk and history, admins the users page.

    In demo mode the desk is listed for everyone (it says uploads are off).
    """
    if user is None:
        extra = [DESK_PAGE] if mode == "demo" else []
    elif user.role in ("editor", "admin"):
        extra = [DESK_PAGE, HISTORY_PAGE] + ([ADMIN_PAGE] if user.role == "admin" else [])
    else:
        extra = []
    return TOOL_PAGES + tuple(extra)


def sign_in_language() -> str:
    """The language switcher alone (no filters: they would load the data); the link's language first."""
    if filters.LANG_KEY not in st.session_state and st.query_params.get("lang") in LANGUAGES:
        st.session_state[filters.LANG_KEY] = st.query_params["lang"]
    lang = filters.language_switcher()
    if st.query_params.get("lang", DEFAULT_LANGUAGE) != lang:  # kept in the link, for the first run after sign-in
        st.query_params["lang"] = lang
    return lang


def account_box(user: auth.User, lang: str) -> None:
    """Who is signed in, and the sign-out button, at the bottom of the sidebar."""
    st.sidebar.divider()
    role = t(f"role.{user.role}", lang)
    st.sidebar.caption(t("account.signed_in", lang, name=escape_markdown(user.name), role=role))
    if st.sidebar.button(t("account.sign_out", lang), key="sign_out", icon=":material/logout:"):
        auth.sign_out()
        st.rerun()


mode = auth.auth_mode()
try:
    user = auth.refresh_session()
except AuthConfigError:  # unreadable users.json or roles.toml: nobody gets in; the sign-in page says why
    user = None
if mode != "demo" and user is None:
    lang = sign_in_language()
    navigation = st.navigation([_page(SIGNIN_PAGE, lang, default=True)])
else:
    filters.load_query_params()
    lang = filters.language_switcher()
    navigation = st.navigation({
        t("section.dashboard", lang): [_page(spec, lang, default=i == 0) for i, spec in enumerate(PAGES)],
        t("section.tools", lang): [_page(spec, lang) for spec in tool_pages(user, mode)],
    })
    filters.sidebar_filters(lang)
    filters.ignored_params_notice(lang)
    filters.write_query_params()
    if user is not None:
        account_box(user, lang)
shell.mark_entrypoint()
try:
    navigation.run()
finally:  # the arrays this run freed go back to the kernel (kept during the run: see `metrics`)
    release_freed_memory()
