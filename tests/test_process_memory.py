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
