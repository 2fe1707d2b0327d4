"""The dashboard's Streamlit server, started and stopped for tests and benchmarks.

One place for what the browser test, the egress test and the dashboard benchmark all do:
pick a free local port, run ``streamlit run SCRIPT`` (optionally under a wrapper such as
strace), wait for ``/_stcore/health`` and stop the process again. Also the Chromium that
Playwright drives: Debian's, never a downloaded one, with its own background traffic off.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
CHROMIUM = Path(os.environ.get("IC_CHROMIUM", "/usr/bin/chromium"))
# No sandbox (tests may run as root in a container); no update checks, sync or other calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Served on the loopback interface only, without the banner's IP look-ups or usage statistics.
LOCAL_OPTIONS = ("--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false")
STARTUP_TIMEOUT = 60  # seconds until /_stcore/health answers
STOP_TIMEOUT = 10  # seconds between asking the server to stop and killing it
HEALTH_POLL = 0.05  # seconds between health checks (the benchmark times the start-up)


@dataclass
class Server:
    """A running server: its process, base URL and how long it took to become healthy."""

    process: subprocess.Popen
    url: str
    seconds_to_healthy: float
    started: float  # time.perf_counter() just before the process was started


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = STARTUP_TIMEOUT) -> None:
    """Return once ``url``/_stcore/health answers ``ok``; fail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(HEALTH_POLL)
    raise TimeoutError(f"streamlit did not become healthy within {timeout:.0f} s")


def start_server(script: Path = DASHBOARD, *, cwd: Path = ROOT, options: Sequence[str] = LOCAL_OPTIONS,
                 wrapper: Sequence[str] = (), output=subprocess.DEVNULL, env: Mapping[str, str] | None = None,
                 timeout: float = STARTUP_TIMEOUT) -> Server:
    """``streamlit run script`` on a free port with ``options``, healthy when this returns.

    ``wrapper`` goes before the command (``["strace", "-f", ...]``); ``output`` receives stdout
    and stderr (a file, or DEVNULL); ``env`` replaces the environment. The URL always names 127.0.0.1.
    """
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*wrapper, sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *options],
        cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, timeout)
    except BaseException:
        stop_server(process)
        raise
    return Server(process, url, time.perf_counter() - started, started)


def stop_server(process: subprocess.Popen) -> None:
    """Ask the server to stop (SIGTERM), kill it if it has not within `STOP_TIMEOUT`."""
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
