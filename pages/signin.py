"""Sign in: the only page of the navigation while nobody is signed in (accounts or OIDC configured).

The university account (when secrets.toml configures it) and/or a local name and password. A
failed attempt never says whether the name exists; a locked one says until when.
"""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import auth, filters  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from metrics.accounts import AuthConfigError  # noqa: E402

lang = filters.language()
st.title(t("page.signin", lang))
notice = st.session_state.pop(auth.NOTICE_KEY, None)
if notice == "expired":
    st.info(t("signin.expired", lang, hours=auth.SESSION_HOURS), icon=":material/schedule:")
elif notice == "signed_out":
    st.info(t("signin.signed_out", lang), icon=":material/logout:")
st.caption(t("signin.intro", lang))

try:
    local_accounts = auth.local_accounts_enabled()
    if auth.oidc_configured():
        without_role = auth.oidc_without_role()
        if without_role:
            st.warning(t("signin.no_role", lang, name=escape_markdown(without_role)), icon=":material/block:")
            if st.button(t("account.sign_out", lang), key="signin_oidc_sign_out", icon=":material/logout:"):
                auth.sign_out()
                st.rerun()
        elif st.button(t("signin.oidc", lang), key="signin_oidc", type="primary", icon=":material/account_balance:"):
            auth.sign_in_with_oidc()
        if local_accounts:
            st.caption(t("signin.or_local", lang))
except AuthConfigError:
    st.error(t("signin.config_error", lang), icon=":material/error:")
    st.stop()

if local_accounts:
    # clear_on_submit: the password does not stay in the session state after the attempt.
    with st.form("signin_form", clear_on_submit=True, width=420):
        name = st.text_input(t("signin.name", lang), key="signin_name", autocomplete="username")
        password = st.text_input(t("signin.password", lang), type="password", key="signin_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("signin.submit", lang), key="signin_submit", type="primary",
                                          icon=":material/login:")
    if submitted:
        if not name.strip() or not password:
            st.warning(t("signin.empty", lang))
        else:
            try:
                result = auth.sign_in(name, password)
            except AuthConfigError:
                st.error(t("signin.config_error", lang), icon=":material/error:")
                st.stop()
            if result.ok:
                st.rerun()
            elif result.outcome == "locked":
                st.error(t("signin.locked", lang, time=auth.locked_until_text(result.locked_until)),
                         icon=":material/lock_clock:")
            else:
                st.error(t("signin.wrong", lang), icon=":material/error:")
