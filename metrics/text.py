"""Text folding shared by header matching and value parsing (no pandas, no contract).

`fold` is the one way headers and short values are compared: case, spacing, punctuation,
apostrophe styles and accents are ignored, so `Наименование организации-партнёра` and
`наименование  организации партнера` fold to the same words. `metrics.ingest`,
`metrics.headers` and `metrics.validity` all fold with it; `normalise` is the lighter form
that keeps punctuation, for values whose dots and slashes matter (dates).
"""

from __future__ import annotations

import re
import unicodedata

# Every apostrophe Uzbek Latin is written with (o‘, oʻ, o’, o`) becomes ', and ё becomes е.
APOSTROPHES = str.maketrans({"ʻ": "'", "‘": "'", "’": "'", "`": "'", "´": "'", "ʼ": "'", "ё": "е"})
_PUNCTUATION = re.compile(r"[\s_\-./,:;*()\[\]#№\"]+")
_BREVE = "\u0306"  # kept so that й (и + breve) and ў (у + breve) stay distinct from и and у


def normalise(text: str) -> str:
    """Text in one Unicode form, lower case, one apostrophe style, single spaces; punctuation kept."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().translate(APOSTROPHES).split())


def fold(text: str) -> str:
    """Text folded for matching: case, spaces, punctuation, accents and apostrophe styles ignored."""
    text = "".join(char for char in unicodedata.normalize("NFKD", normalise(text))
                   if not unicodedata.combining(char) or char == _BREVE)
    return _PUNCTUATION.sub(" ", unicodedata.normalize("NFKC", text)).strip()
