"""The only caches of the metrics package: values computed from an object, kept while it lives.

Every other module of ``metrics`` is pure: same inputs, same outputs, no state. Recomputing
is what would make the dashboard slow (a million student rows are selected, folded and
grouped again on every page), so three memos keep results here, and nowhere else:

- `ROWS`: row selections of one export frame (active students, foreign students, the
  international mobility rows, ...), keyed on (the frame, what was selected); at most
  `ROWS_SIZE` entries.
- `KPI_TABLES`: every KPI for every year of a Dataset, keyed on (the Dataset, filters,
  as-of date, years); at most `KPI_TABLES_SIZE` entries.
- `FILTERED`: a Dataset with filters applied, keyed on (the Dataset, filters); at most
  `FILTERED_SIZE` entries (filtered copies of large exports are big: keep few).

Why this is safe:

- **Keyed on identity, checked on identity.** An entry is found by ``id(obj)`` plus the
  rest of the key, and is used only when its weak reference still points to that very
  object, so an object that reuses a dead object's id never gets the dead one's value.
  Frames and Datasets are never changed in place in this project (every function returns
  new ones), so an object's identity stands for its content.
- **Weak references.** The memo holds the object only weakly: the object is not kept
  alive by being cached, and when it is garbage-collected its entries are dropped.
  Objects that cannot be weakly referenced, and unhashable keys, are simply not cached.
- **Bounded.** Each memo holds at most its ``size`` entries; the least recently used one
  is dropped first. Values are returned as stored: callers that hand a cached frame out
  copy it (shallow copies are cheap under pandas copy-on-write).
- **Thread-safe.** Streamlit serves sessions from several threads; a lock guards every
  change of a memo (computing a value happens outside the lock; two threads may compute
  the same value once each, and the last one is kept).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

ROWS_SIZE = 1024  # entries of dead frames leave at once: this bounds the values of frames alive
KPI_TABLES_SIZE = 32
FILTERED_SIZE = 1  # a filtered copy of a large export is big: keep only the latest (1 M rows: 0.8 GB peak after
# 30 filter combinations with 1, 1.8 GB with 4)


class IdentityMemo:
    """Values computed from an object, keyed on (the object's identity, a key); at most ``size`` entries."""

    def __init__(self, name: str, size: int) -> None:
        if size < 1:
            raise ValueError("a memo holds at least one entry")
        self.name = name
        self.size = size
        self._entries: OrderedDict[tuple, tuple[weakref.ref, Any]] = OrderedDict()
        self._lock = threading.RLock()  # re-entrant: a weakref callback may run while this thread holds it

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"IdentityMemo({self.name!r}, {len(self)}/{self.size} entries)"

    def get(self, obj: Any, key: Hashable = ()) -> tuple[bool, Any]:
        """(True, value) when a value is stored for this very object and key, else (False, None)."""
        try:
            memo_key = (id(obj), key)
            with self._lock:
                hit = self._entries.get(memo_key)
                if hit is None or hit[0]() is not obj:
                    return False, None
                self._entries.move_to_end(memo_key)
                return True, hit[1]
        except TypeError:  # unhashable key
            return False, None

    def put(self, obj: Any, key: Hashable, value: Any) -> None:
        """Store ``value`` for (obj, key) while ``obj`` lives; the least recently used entry goes beyond ``size``."""
        memo_key = (id(obj), key)
        try:
            hash(memo_key)
            ref = weakref.ref(obj, lambda dead, memo_key=memo_key: self._drop(memo_key, dead))
        except TypeError:  # unhashable key, or an object without weak references: not cached
            return
        with self._lock:
            self._entries[memo_key] = (ref, value)
            self._entries.move_to_end(memo_key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get_or_compute(self, obj: Any, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The stored value for (obj, key), else ``compute()`` stored and returned."""
        found, value = self.get(obj, key)
        if found:
            return value
        value = compute()
        self.put(obj, key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _drop(self, memo_key: tuple, dead: weakref.ref) -> None:
        """The object behind ``dead`` was garbage-collected: drop its entry (only if it is still that object's)."""
        with self._lock:
            hit = self._entries.get(memo_key)
            if hit is not None and hit[0] is dead:
                del self._entries[memo_key]


ROWS = IdentityMemo("row selections per export frame", ROWS_SIZE)
KPI_TABLES = IdentityMemo("KPI tables per (dataset, filters, as-of, years)", KPI_TABLES_SIZE)
FILTERED = IdentityMemo("filtered datasets per (dataset, filters)", FILTERED_SIZE)
MEMOS = (ROWS, KPI_TABLES, FILTERED)


def per_frame(frame: Any, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per (frame object, key) while the frame lives (the `ROWS` memo)."""
    return ROWS.get_or_compute(frame, key, compute)


def clear_all() -> None:
    """Empty every memo (tests, or to free memory)."""
    for memo in MEMOS:
        memo.clear()
