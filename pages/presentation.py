"""Placeholder page."""

import streamlit as st

from app.shell import require_entrypoint

require_entrypoint()

from app import filters
from app.i18n import t

st.title(t("page.presentation", filters.language()))
