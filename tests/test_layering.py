"""The one-way data flow: metrics/ is pure pandas and never imports streamlit, even indirectly."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_IMPORT = re.compile(r"^\s*(import streamlit|from streamlit)", re.MULTILINE)


def test_no_module_in_metrics_imports_streamlit():
    offenders = [path.name for path in (ROOT / "metrics").rglob("*.py") if STREAMLIT_IMPORT.search(path.read_text())]
    assert offenders == []


def test_importing_every_metrics_module_does_not_load_streamlit():
    modules = sorted(path.stem for path in (ROOT / "metrics").glob("*.py") if path.stem != "__main__")
    code = ("import sys\n" + "".join(f"import metrics.{name}\n" for name in modules)
            + "print('streamlit' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_no_helper_modules_hide_in_pages():
    # Every file in pages/ becomes a page; helpers belong in app/ or charts/.
    for path in (ROOT / "pages").glob("*.py"):
        assert not path.stem.startswith("_"), path.name
