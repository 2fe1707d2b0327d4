"""Users and audit log (administrators): local accounts with role and lock state, change a role, lift a
lock, and the last entries of the audit log, newest first. Every change here is audited."""

import json

import pandas as pd
import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import auth, filters  # noqa: E402
from metrics.vocabulary import t  # noqa: E402
from app.text import escape_markdown  # noqa: E402
from metrics import accounts, audit  # noqa: E402

# How much of the audit log the page shows.
AUDIT_ROWS = 500
MESSAGE_KEY = "_admin_message"  # (kind, text) of the last change, shown once

lang = filters.language()
st.title(t("page.admin", lang))
if not auth.is_admin():  # dashboard.py lists this page for admins only; this is the second lock
    st.error(t("admin.only", lang), icon=":material/block:")
    st.stop()


def role_label(role: str) -> str:
    return t(f"role.{role}", lang)


def acting_admin() -> auth.User | None:
    """The admin making a change, checked again at the moment of the change (a role may have just changed)."""
    user = auth.refresh_session()
    return user if auth.is_admin() else None


def change_role() -> None:
    """Form callback (runs before the page is drawn, so the table below already shows the change)."""
    admin, target, role = acting_admin(), st.session_state["admin_role_user"], st.session_state["admin_role"]
    if admin is None:
        return
    if admin.via == "local" and target == admin.name:
        st.session_state[MESSAGE_KEY] = ("warning", t("admin.not_self", lang))
        return
    try:
        accounts.set_role(target, role)
    except accounts.AccountError as error:  # removed meanwhile (from the command line)
        st.session_state[MESSAGE_KEY] = ("error", escape_markdown(error))
        return
    audit.record("user_change", admin.name, auth.client_address(), target=target, action="role", role=role)
    st.session_state[MESSAGE_KEY] = ("success", t("admin.role_changed", lang, name=escape_markdown(target),
                                                  role=role_label(role)))


def unlock() -> None:
    """Form callback: lift a lock."""
    admin, target = acting_admin(), st.session_state["admin_unlock_user"]
    if admin is None:
        return
    try:
        accounts.unlock(target)
    except accounts.AccountError as error:
        st.session_state[MESSAGE_KEY] = ("error", escape_markdown(error))
        return
    audit.record("user_change", admin.name, auth.client_address(), target=target, action="unlock")
    st.session_state[MESSAGE_KEY] = ("success", t("admin.unlocked", lang, name=escape_markdown(target)))


st.subheader(t("admin.users", lang))
st.caption(t("admin.oidc_note", lang))
message = st.session_state.pop(MESSAGE_KEY, None)
if message:
    getattr(st, message[0])(message[1])
users = accounts.list_users()
if not users:
    st.info(t("admin.no_users", lang), icon=":material/info:")
else:
    st.dataframe(pd.DataFrame({
        t("admin.col_user", lang): [user.name for user in users],
        t("admin.col_role", lang): [role_label(user.role) for user in users],
        t("admin.col_failures", lang): [user.failures for user in users],
        t("admin.col_locked", lang): [f"{user.locked_until:%Y-%m-%d %H:%M} UTC" if user.locked_until else ""
                                     for user in users],
    }), hide_index=True, key="admin_users_df")
    names = [user.name for user in users]
    left, right = st.columns(2)
    with left.form("admin_role_form"):
        st.selectbox(t("admin.col_user", lang), names, key="admin_role_user")
        st.selectbox(t("admin.col_role", lang), accounts.ROLES, format_func=role_label, key="admin_role")
        st.form_submit_button(t("admin.change_role", lang), key="admin_role_submit", on_click=change_role)
    with right.form("admin_unlock_form"):
        st.selectbox(t("admin.col_user", lang), names, key="admin_unlock_user")
        st.form_submit_button(t("admin.unlock", lang), key="admin_unlock_submit", on_click=unlock)

st.subheader(t("admin.audit", lang, n=AUDIT_ROWS))
entries = audit.read(limit=AUDIT_ROWS)
if not entries:
    st.info(t("admin.no_audit", lang), icon=":material/info:")
else:
    st.dataframe(pd.DataFrame({
        t("admin.col_time", lang): [entry.get("time") for entry in entries],
        t("admin.col_event", lang): [entry.get("event") for entry in entries],
        t("admin.col_user", lang): [entry.get("user") for entry in entries],
        t("admin.col_address", lang): [entry.get("address") for entry in entries],
        t("admin.col_details", lang): [json.dumps(entry.get("details") or {}, ensure_ascii=False)
                                      for entry in entries],
    }), hide_index=True, key="admin_audit_df")
