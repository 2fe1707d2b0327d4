"""Static chart images for the Word and PDF reports, drawn offline with kaleido 1.x.

kaleido 1.x drives the system Chromium. Starting it costs seconds, so one server is started
on first use and reused for every image; MathJax is turned
off (it would be fetched from a CDN) and plotly.js comes from the installed plotly package.
World maps use the topojson vendored in ``static/topojson`` through a ``file://`` URL, so no
image ever needs the network.

Every figure is given an explicit template ('plotly_white' by default) before export:
importing streamlit installs its own default template, with which images come out black.
Rendered images are cached by figure content, so a Word and a PDF report of the same data
draw each chart once.

The browser runs in a thread of its own with an asyncio loop (not kaleido's global sync
server, whose calls are serialised one image at a time): a batch of charts is drawn in
in `TABS` tab(s), and tabs are not reloaded between images (see
`_reusing_kaleido_class`), which makes an image cost ~0.2 s instead of ~1 s.
"""

from __future__ import annotations

import atexit
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
_server_started = False
TABS = 1  # browser tabs: one is enough without reloads, and a second costs a plotly.js parse
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


RELOAD_EVERY = 25  # a tab is reloaded (fresh page, memory freed) after this many images
RENDER_TIMEOUT = 120  # seconds for one batch of images


def _reusing_kaleido_class():
    """kaleido.Kaleido, except that a tab is not reloaded after every image.

    Kaleido reloads the page (and re-parses the 4.6 MB plotly.js) after each image, which
    costs ~0.7 s an image; the images are byte-identical without it. Tabs are still
    reloaded every `RELOAD_EVERY` images. If a future kaleido renames the hook, this
    override is simply unused and every image reloads as before.
    """
    from kaleido import Kaleido

    class ReusingKaleido(Kaleido):
        _served = 0

        async def _return_kaleido_tab(self, tab):  # noqa: ANN001 - kaleido's own hook
            self._served += 1
            if self._served % RELOAD_EVERY == 0:
                return await super()._return_kaleido_tab(tab)
            await self.tabs_ready.put(tab)

    return ReusingKaleido


class _Server:
    """One Chromium (kaleido) with `TABS` tabs, driven from its own event-loop thread."""

    def __init__(self) -> None:
        import asyncio

        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido-server", daemon=True)
        self.thread.start()
        self.kaleido = None
        # Non-blocking: the browser starts in the loop's thread while the caller goes on.
        self.opening = asyncio.run_coroutine_threadsafe(self._open(), self.loop)

    async def _open(self):
        kaleido = _reusing_kaleido_class()(n=TABS, mathjax=False)
        await kaleido.open()
        self.kaleido = kaleido
        return kaleido

    def run(self, make_coroutine, timeout: float = RENDER_TIMEOUT):
        """Run ``make_coroutine(kaleido)`` on the server's loop and wait for its result."""
        import asyncio

        kaleido = self.opening.result(timeout=timeout)
        return asyncio.run_coroutine_threadsafe(make_coroutine(kaleido), self.loop).result(timeout=timeout)

    def close(self) -> None:
        import asyncio

        try:
            if self.opening.done() and self.kaleido is not None:
                asyncio.run_coroutine_threadsafe(self.kaleido.close(), self.loop).result(timeout=30)
        except Exception:  # noqa: BLE001 - closing at exit: nothing more to do
            pass
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)


_server: _Server | None = None


def start_server() -> None:
    """Start the shared browser once (thread-safe, returns at once); later calls do nothing."""
    global _server, _server_started
    with _lock:
        if _server is not None:
            return
        try:
            import kaleido  # noqa: F401
        except ImportError as exc:  # pragma: no cover - kaleido is a pinned dependency
            raise ImageExportUnavailable("kaleido is not installed") from exc
        chrome = find_chrome()
        if chrome is None:
            raise ImageExportUnavailable(
                "No Chromium found for kaleido: install chromium (apt-get install chromium) or set BROWSER_PATH.")
        os.environ.setdefault("BROWSER_PATH", chrome)
        _server = _Server()
        _server_started = True
        atexit.register(stop_server)


def stop_server() -> None:
    """Stop the shared browser (also done at exit); a later image starts it again."""
    global _server, _server_started
    with _lock:
        server, _server = _server, None
        _server_started = False
    if server is not None:
        server.close()


def _run(make_coroutine):
    start_server()
    server = _server
    if server is None:  # pragma: no cover - stopped concurrently
        raise ImageExportUnavailable("the image server was stopped")
    try:
        return server.run(make_coroutine)
    except ImageExportUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - any browser failure means "no image"
        stop_server()  # the browser may have died or never started: the next image starts a new one
        detail = (str(exc).strip().split(". ")[0] or type(exc).__name__)[:160]
        raise ImageExportUnavailable(f"kaleido could not draw the chart ({type(exc).__name__}: {detail})") from exc


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
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    png = _run(lambda k: k.calc_fig(spec, opts=opts, topojson=topojson_url()))
    _store(key, png)
    return png


def render_many(figures: list[tuple[go.Figure, int, int, float]], *,
                template: str | None = DEFAULT_TEMPLATE) -> None:
    """Draw several figures at once (``(fig, width, height, scale)`` each) into the cache.

    One round trip to the browser for all of them (in parallel when `TABS` > 1). Afterwards `figure_to_png` with the same arguments is a
    cache hit. Figures that fail are left out (`figure_to_png` then reports why).
    """
    import asyncio

    todo = []
    for fig, width, height, scale in figures:
        spec = prepare(fig, template)
        key = _key(spec, width, height, scale)
        if _cached(key) is None and key not in {k for k, *_ in todo}:
            todo.append((key, spec, width, height, scale))
    if not todo:
        return

    async def draw_all(kaleido):
        return await asyncio.gather(*(
            kaleido.calc_fig(spec, opts={"format": "png", "width": width, "height": height, "scale": scale},
                             topojson=topojson_url())
            for _, spec, width, height, scale in todo), return_exceptions=True)

    try:
        results = _run(draw_all)
    except ImageExportUnavailable as exc:
        log.warning("batch chart export failed: %s", exc)
        return
    for (key, *_), result in zip(todo, results):
        if isinstance(result, (bytes, bytearray)) and result:
            _store(key, bytes(result))
        else:
            log.warning("chart export failed: %r", result)


def clear_cache() -> None:
    with _lock:
        _cache.clear()
