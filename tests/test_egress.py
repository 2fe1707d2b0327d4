"""No egress: the server, started as `make run` starts it, connects to no host but its own.

The server runs under ``strace -f -e trace=connect,sendto`` with the shipped
``.streamlit/config.toml`` and nothing else but a port, so the test sees what a user's
machine would do. Every page of the navigation is then opened in Debian's Chromium
(a plain HTTP GET would not run the page's script), the server is stopped and its system
calls are read: every address an IPv4 or IPv6 socket connects or sends to must be a loopback
address, and nothing may go to port 53 (a DNS query, even to a local resolver). Unix sockets
are local by definition.
"""

from __future__ import annotations

import ast
import ipaddress
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests._server import CHROMIUM, DASHBOARD, ROOT, start_server, stop_server

STRACE = shutil.which("strace") or "/usr/bin/strace"
DNS_PORT = 53
DRAW_TIMEOUT = 60_000  # ms per page
SCRIPT_DONE = ("() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
               " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }")
NAVIGATION_LINKS = "[data-testid='stSidebarNav'] a"

# One address in strace's rendering of a socket address, e.g.
#   {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.2")}
#   {sa_family=AF_INET6, sin6_port=htons(443), ..., inet_pton(AF_INET6, "2a05:d018::1", &sin6_addr), ...}
SOCKADDR = re.compile(r"\{sa_family=(?P<family>AF_\w+)(?P<rest>[^{}]*)\}")
PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
IPV4 = re.compile(r'inet_addr\("([^"]+)"\)')
IPV6 = re.compile(r'inet_pton\(AF_INET6, "([^"]+)"')


def declared_page_paths() -> set[str]:
    """The url paths of every page declared in dashboard.py (PAGES, TOOL_PAGES and the single *_PAGE specs)."""
    tree = ast.parse(DASHBOARD.read_text(encoding="utf-8"))
    paths = set()
    for node in tree.body:
        names = [getattr(target, "id", "") for target in node.targets] if isinstance(node, ast.Assign) else []
        if any(name in ("PAGES", "TOOL_PAGES") for name in names):
            paths |= {spec[-1] for spec in ast.literal_eval(node.value)}
        elif any(name.endswith("_PAGE") for name in names):
            paths.add(ast.literal_eval(node.value)[-1])
    return paths


def outside_addresses(log: str) -> list[str]:
    """strace lines (connect/sendto) whose address is not loopback, or whose port is DNS's."""
    offending = []
    for line in log.splitlines():
        for match in SOCKADDR.finditer(line):
            family, rest = match["family"], match["rest"]
            if family not in ("AF_INET", "AF_INET6"):
                continue  # AF_UNIX is local; AF_UNSPEC only dissolves a UDP association
            port = PORT.search(rest)
            host = (IPV4 if family == "AF_INET" else IPV6).search(rest)
            address = ipaddress.ip_address(host[1]) if host else None
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
                address = address.ipv4_mapped
            local = address is not None and address.is_loopback
            if not local or (port is not None and int(port[1]) == DNS_PORT):
                offending.append(line.strip())
    return offending


def strace_usable(tmp_path: Path) -> str | None:
    """None when strace can trace a child here, else why not."""
    if not Path(STRACE).exists():
        return f"strace is not installed ({STRACE}; apt-get install strace)"
    done = subprocess.run([STRACE, "-f", "-e", "trace=connect", "-o", str(tmp_path / "probe.log"), "true"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        return f"strace cannot trace here (ptrace not permitted?): {done.stderr.strip()[:200]}"
    return None


def stop_traced(process: subprocess.Popen) -> None:
    """Stop streamlit running under strace: SIGTERM to strace's child (the server), then strace ends with it."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    try:
        server_pids = [int(pid) for pid in children.read_text().split()]
    except OSError:
        server_pids = []
    for pid in server_pids:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        stop_server(process)


def test_outside_addresses_are_recognised():
    log = "\n".join([
        '101 connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
        '101 connect(5, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
        '101 connect(6, {sa_family=AF_INET6, sin6_port=htons(8501), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '102 connect(7, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("8.8.8.8")}, 16) = 0',
        '103 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
        '104 sendto(9, "\\x12", 40, MSG_NOSIGNAL, {sa_family=AF_INET6, sin6_port=htons(53), '
        'sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 40',
    ])
    assert [line.split()[0] for line in outside_addresses(log)] == ["102", "103", "104"]


def test_server_connects_to_no_outside_host(tmp_path, browser):
    reason = strace_usable(tmp_path)
    if reason:
        pytest.skip(reason)
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium): the pages' scripts cannot be run")
    (ROOT / "test-output").mkdir(exist_ok=True)
    trace = ROOT / "test-output" / "strace-egress.log"  # kept for a look when the test fails
    with open(ROOT / "test-output" / "streamlit-egress.log", "w") as output:
        # Options as `make run` gives them: a port only; the rest comes from .streamlit/config.toml.
        server = start_server(options=(), wrapper=[STRACE, "-f", "-e", "trace=connect,sendto", "-o", str(trace)],
                              output=output)
        try:
            context = browser.new_context()  # the session's Chromium (tests/conftest.py)
            try:
                tab = context.new_page()
                tab.goto(server.url)
                tab.wait_for_function(SCRIPT_DONE, timeout=DRAW_TIMEOUT)
                links = tab.locator(NAVIGATION_LINKS).all()
                linked = [urlparse(link.get_attribute("href")).path.strip("/") for link in links]
                declared = declared_page_paths()
                # every page a visitor of the demo is offered is declared (the first link is the default page, "")
                assert {path or "overview" for path in linked} <= declared, f"links {linked}, declared {sorted(declared)}"
                for path in sorted(set(linked) | declared):
                    tab.goto(f"{server.url}/{path}")
                    tab.wait_for_function(SCRIPT_DONE, timeout=DRAW_TIMEOUT)
            finally:
                context.close()
        finally:
            stop_traced(server.process)

    log = trace.read_text(encoding="utf-8", errors="replace")
    # The server answered every page through sendto(): none recorded means the trace did not work.
    assert "sendto(" in log, "strace recorded no sendto() of the server's answers: the trace did not work"
    offending = outside_addresses(log)
    assert offending == [], "the server reached outside this machine:\n" + "\n".join(offending)
