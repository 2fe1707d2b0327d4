"""Data strings made safe for Streamlit's markdown (titles, captions, notices, labels).

Streamlit renders GitHub-flavoured markdown plus its own extensions in most text it
shows: links and images (``[x](url)``, ``![x](url)``, bare ``http://`` autolinks), emoji
and Material-icon shortcodes (``:smile:``, ``:material/home:``), coloured text
(``:red[...]``) and LaTeX (``$...$``). A partner name, a country code from the URL or the
university's name from settings.toml must show as written, so every such string goes
through :func:`escape_markdown` (or :func:`markdown_code` for file and folder names)
before it reaches ``st.markdown``, ``st.caption``, ``st.info`` and the like. Plotly labels
have their own escaping in `charts.text`, which also removes bidi controls for both.
"""

from __future__ import annotations

import re
import string

from charts.text import strip_bidi

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also breaks
# GFM autolinks (http\:\/\/…, www\.…, a\@b\.c), LaTeX ($), tables (|) and headings (#).
MARKDOWN_SPECIALS = frozenset(string.punctuation)
# Emoji and icon shortcodes are replaced in the text after markdown is parsed, where an escaped
# ':' is a plain ':' again; an invisible word joiner after the colon keeps ':smile:' from matching.
WORD_JOINER = "\u2060"
_SHORTCODE_START = re.compile(r":(?=\S)")


def escape_markdown(text) -> str:
    """The text as literal markdown: bidi controls removed, punctuation escaped, shortcodes broken."""
    plain = strip_bidi(text)
    escaped = "".join("\\" + char if char in MARKDOWN_SPECIALS else char for char in plain)
    return _SHORTCODE_START.sub(":" + WORD_JOINER, escaped)


def markdown_code(text) -> str:
    """The text as an inline code span (shown verbatim, monospace): for file and folder names."""
    plain = " ".join(strip_bidi(text).splitlines())
    longest = max((len(run) for run in re.findall("`+", plain)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if plain.startswith("`") or plain.endswith("`") else ""
    return f"{fence}{padding}{plain}{padding}{fence}"
