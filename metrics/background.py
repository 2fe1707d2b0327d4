"""Work done in a thread while the caller goes on: for work that lets go of the GIL (hashlib, NumPy,
Arrow), so that it runs on the other core."""

from __future__ import annotations

import threading


class InThread:
    """``function(*args)`` run in a thread from construction on; `result` waits for it (and raises what it raised)."""

    def __init__(self, function, *args):
        self._result, self._error = None, None

        def run() -> None:
            try:
                self._result = function(*args)
            except BaseException as error:  # handed to the caller of `result`
                self._error = error
        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result
