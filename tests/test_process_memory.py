"""The metrics package keeps freed memory for the next array (`metrics.keep_freed_memory`), unless asked not to."""

from __future__ import annotations

import pytest


_RSS_AFTER_FREE = """
import numpy as np
import metrics
def rss():
    return int(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmRSS'))) // 1024
before = rss()
block = np.ones(200 * 2**20, dtype=np.uint8)  # 200 MiB, written
del block
print(rss() - before)
"""


@pytest.mark.parametrize("keep", [True, False])
def test_freed_memory_is_kept_for_the_next_array_unless_asked(keep, tmp_path):
    """With the metrics package imported, a freed 200 MiB array stays in the process (the next one reuses
    its pages); with IC_RETURN_FREED_MEMORY=1 it goes back to the kernel at once (glibc's default)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import metrics

    if not metrics._glibc() or not Path("/proc/self/status").exists():
        pytest.skip("glibc on Linux only: elsewhere the C library's defaults stay")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop(metrics.RETURN_FREED_MEMORY_ENV, None)
    if not keep:
        env[metrics.RETURN_FREED_MEMORY_ENV] = "1"
    out = subprocess.run([sys.executable, "-c", _RSS_AFTER_FREE], env=env, capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    kept_mib = int(out.stdout.strip())
    assert (kept_mib >= 190) if keep else (kept_mib < 20), kept_mib


_RSS_AFTER_RELEASE = """
import numpy as np
import metrics
def rss():
    return int(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmRSS'))) // 1024
block = np.ones(200 * 2**20, dtype=np.uint8)
before = rss()
del block
kept = rss()
released = metrics.release_freed_memory()
print(before - kept, before - rss(), released)
"""


def test_released_memory_goes_back_to_the_kernel(tmp_path):
    """`release_freed_memory` (the dashboard calls it after every script run) hands a freed 200 MiB array
    back: kept until then, gone after."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import metrics

    if not metrics._glibc() or not Path("/proc/self/status").exists():
        pytest.skip("glibc on Linux only")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    env.pop(metrics.RETURN_FREED_MEMORY_ENV, None)
    out = subprocess.run([sys.executable, "-c", _RSS_AFTER_RELEASE], env=env, capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    dropped_on_free, dropped_on_release, released = out.stdout.split()
    assert int(dropped_on_free) < 20 and int(dropped_on_release) >= 190 and released == "True"


def test_the_dashboard_releases_freed_memory_after_every_run():
    """The entry point runs the page, then hands the run's freed memory back, also when the page stops or
    reruns (a finally around the navigation's run)."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).resolve().parents[1] / "dashboard.py").read_text(encoding="utf-8"))
    guarded = [node for node in ast.walk(tree) if isinstance(node, ast.Try)
               and any("navigation.run" in ast.unparse(statement) for statement in node.body)]
    assert guarded and any("release_freed_memory()" in ast.unparse(statement) for statement in guarded[0].finalbody)
