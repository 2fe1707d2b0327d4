"""Static chart images for the Word and PDF reports, drawn offline with kaleido 1.x.

kaleido 1.x drives the system Chromium. Starting it costs seconds, so one server is started
on first use and reused for every image (``kaleido.start_sync_server``); MathJax is turned
off (it would be fetched from a CDN) and plotly.js comes from the installed plotly package.
World maps use the topojson vendored in ``static/topojson`` through a ``file://`` URL, so no
image ever needs the network.

Every figure is given an explicit template ('plotly_white' by default) before export:
importing streamlit installs its own default template, with which images come out black.
Rendered images are cached by figure content, so a Word and a PDF report of the same data
draw each chart once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = ROOT / "static" / "topojson"
DEFAULT_TEMPLATE = "plotly_white"
CHROME_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

_lock = threading.Lock()  # guards the server state and the cache
_render_lock = threading.Lock()  # one kaleido call at a time: the sync server is not re-entrant
_server_started = False
TABS = 2  # browser tabs rendering in parallel in a batch (the machine has 2 cores)
_cache: OrderedDict[str, bytes] = OrderedDict()
_CACHE_SIZE = 64


class ImageExportUnavailable(RuntimeError):
    """Static images cannot be drawn here (no Chromium, or kaleido failed)."""


def topojson_url() -> str:
    """The ``file://`` URL (ending in ``/``) of the vendored topojson folder."""
    configured = getattr(pio.defaults, "topojson", None)
    if configured and str(configured).startswith("file:"):
        return str(configured).rstrip("/") + "/"
    return TOPOJSON_DIR.as_uri() + "/"


def find_chrome() -> str | None:
    """Path of the Chromium kaleido will use: $BROWSER_PATH, else a system chromium/chrome."""
    env = os.environ.get("BROWSER_PATH")
    if env and Path(env).exists():
        return env
    for name in CHROME_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def available() -> bool:
    """True when static images can be drawn (kaleido installed and a Chromium found)."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return find_chrome() is not None


def start_server() -> None:
    """Start the shared kaleido server once (thread-safe); later calls do nothing."""
    global _server_started
    with _lock:
        if _server_started:
            return
        try:
            import kaleido
        except ImportError as exc:  # pragma: no cover - kaleido is a pinned dependency
            raise ImageExportUnavailable("kaleido is not installed") from exc
        chrome = find_chrome()
        if chrome is None:
            raise ImageExportUnavailable(
                "No Chromium found for kaleido: install chromium (apt-get install chromium) or set BROWSER_PATH.")
        os.environ.setdefault("BROWSER_PATH", chrome)
        # Non-blocking: the browser starts in the server's thread while the caller goes on.
        kaleido.start_sync_server(n=TABS, mathjax=False, silence_warnings=True)
        _server_started = True


def stop_server() -> None:
    """Stop the shared kaleido server (it is also stopped at exit)."""
    global _server_started
    with _lock:
        if not _server_started:
            return
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _server_started = False


@lru_cache(maxsize=8)
def _template_json(name: str) -> str:
    return json.dumps(pio.templates[name].to_plotly_json())


def prepare(fig: go.Figure | dict, template: str | None = DEFAULT_TEMPLATE) -> dict:
    """The figure as a plain dict with an explicit template (a copy; ``fig`` is unchanged).

    Works on the dict (fast) rather than through plotly's validators (~0.25 s a figure).
    """
    spec = fig.to_plotly_json() if isinstance(fig, go.Figure) else json.loads(json.dumps(fig, default=str))
    if isinstance(fig, go.Figure):
        spec = {"data": list(spec.get("data", [])), "layout": dict(spec.get("layout", {}))}
    if template is not None:
        spec["layout"]["template"] = json.loads(_template_json(template))
    return spec


def _key(spec: dict, width: int, height: int, scale: float) -> str:
    source = json.dumps(spec, sort_keys=True, default=str) + f"|{width}|{height}|{scale}|{topojson_url()}"
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def _cached(key: str) -> bytes | None:
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return None


def _store(key: str, png: bytes) -> None:
    with _lock:
        _cache[key] = png
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def figure_to_png(fig: go.Figure, *, width: int = 1000, height: int = 500, scale: float = 1.0,
                  template: str | None = DEFAULT_TEMPLATE) -> bytes:
    """PNG bytes of a plotly figure, drawn offline; cached by content."""
    spec = prepare(fig, template)
    key = _key(spec, width, height, scale)
    png = _cached(key)
    if png is not None:
        return png
    start_server()
    import kaleido

    try:
        with _render_lock:
            png = kaleido.calc_fig_sync(
                spec,
                opts={"format": "png", "width": width, "height": height, "scale": scale},
                topojson=topojson_url(),
            )
    except Exception as exc:  # noqa: BLE001 - any browser failure means "no image"
        raise ImageExportUnavailable(f"kaleido could not draw the chart: {exc}") from exc
    _store(key, png)
    return png


def render_many(figures: list[tuple[go.Figure, int, int, float]], *,
                template: str | None = DEFAULT_TEMPLATE) -> None:
    """Draw several figures at once (``(fig, width, height, scale)`` each) into the cache.

    The browser's tabs render in parallel, so a report's charts cost about half the time
    of drawing them one by one. Afterwards `figure_to_png` with the same arguments is a
    cache hit. Figures that fail are left out (`figure_to_png` then reports why).
    """
    import tempfile

    todo = []
    for fig, width, height, scale in figures:
        spec = prepare(fig, template)
        key = _key(spec, width, height, scale)
        if _cached(key) is None and key not in {k for k, *_ in todo}:
            todo.append((key, spec, width, height, scale))
    if not todo:
        return
    try:
        start_server()
    except ImageExportUnavailable:
        return
    import kaleido

    with tempfile.TemporaryDirectory(prefix="report-charts-") as folder:
        jobs = [{"fig": spec, "path": str(Path(folder) / f"{key}.png"),
                 "opts": {"format": "png", "width": width, "height": height, "scale": scale},
                 "topojson": topojson_url()} for key, spec, width, height, scale in todo]
        try:
            with _render_lock:
                kaleido.write_fig_from_object_sync(jobs)
        except Exception as exc:  # noqa: BLE001 - leave the failures to figure_to_png
            log.warning("batch chart export failed: %s", exc)
        for key, *_ in todo:
            path = Path(folder) / f"{key}.png"
            if path.exists() and path.stat().st_size:
                _store(key, path.read_bytes())


def clear_cache() -> None:
    with _lock:
        _cache.clear()
