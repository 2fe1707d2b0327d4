"""metrics.memo: values kept per object identity, dropped with the object, bounded in number."""

from __future__ import annotations

import gc

import pandas as pd
import pytest

from metrics import memo
from metrics.memo import IdentityMemo


def frame(values=(1, 2, 3)):
    return pd.DataFrame({"x": list(values)})


def test_a_value_is_computed_once_per_object_and_key():
    cache = IdentityMemo("test", 8)
    data = frame()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.get_or_compute(data, ("a",), compute) == 1
    assert cache.get_or_compute(data, ("a",), compute) == 1
    assert cache.get_or_compute(data, ("b",), compute) == 2
    assert len(calls) == 2


def test_a_garbage_collected_frame_drops_its_entries():
    cache = IdentityMemo("test", 8)
    data = frame()
    cache.put(data, ("a",), "value a")
    cache.put(data, ("b",), "value b")
    other = frame()
    cache.put(other, ("a",), "other")
    assert len(cache) == 3
    del data
    gc.collect()
    assert len(cache) == 1
    assert cache.get(other, ("a",)) == (True, "other")


def test_the_cache_does_not_keep_its_objects_alive():
    import weakref

    cache = IdentityMemo("test", 8)
    data = frame()
    cache.put(data, (), frame((4, 5)))
    alive = weakref.ref(data)
    del data
    gc.collect()
    assert alive() is None
    assert len(cache) == 0


def test_the_size_bound_holds_and_the_least_recently_used_entry_goes_first():
    cache = IdentityMemo("test", 3)
    frames = [frame((i,)) for i in range(5)]
    for i, data in enumerate(frames[:3]):
        cache.put(data, (), i)
    assert cache.get(frames[0], ()) == (True, 0)  # frames[0] is now the most recently used
    cache.put(frames[3], (), 3)
    cache.put(frames[4], (), 4)
    assert len(cache) == 3
    assert cache.get(frames[0], ())[0]
    assert not cache.get(frames[1], ())[0]
    assert not cache.get(frames[2], ())[0]


@pytest.mark.parametrize("shared", [memo.ROWS, memo.KPI_TABLES, memo.FILTERED])
def test_the_package_memos_are_bounded(shared):
    assert 1 <= shared.size <= 1024
    objects = [frame((i,)) for i in range(shared.size + 5)]
    for i, data in enumerate(objects):
        shared.put(data, ("test_memo",), i)
    assert len(shared) <= shared.size
    del objects, data
    gc.collect()


def test_a_different_frame_never_gets_another_frames_value():
    cache = IdentityMemo("test", 64)
    first = frame((1, 2, 3))
    cache.put(first, ("sum",), 6)
    second = frame((1, 2, 3))  # equal content, another object
    assert cache.get(second, ("sum",)) == (False, None)
    assert cache.get_or_compute(second, ("sum",), lambda: "second's own") == "second's own"
    assert cache.get(first, ("sum",)) == (True, 6)


def test_an_object_reusing_a_dead_objects_id_does_not_get_its_value():
    cache = IdentityMemo("test", 64)
    hits = 0
    for _ in range(200):  # CPython reuses the memory (and so the id) of a freed object soon
        data = frame()
        found, _value = cache.get(data, ("k",))
        hits += found
        cache.put(data, ("k",), object())
        del data
    assert hits == 0


def test_an_evicted_entry_does_not_remove_a_newer_one_when_its_object_dies():
    cache = IdentityMemo("test", 1)
    data = frame()
    cache.put(data, ("k",), "old")
    cache.put(data, ("k",), "new")  # replaces the entry (and its weak reference)
    assert cache.get(data, ("k",)) == (True, "new")
    del data
    gc.collect()
    assert len(cache) == 0


def test_unhashable_keys_and_objects_without_weak_references_are_computed_not_cached():
    cache = IdentityMemo("test", 8)
    data = frame()
    assert cache.get_or_compute(data, ["unhashable"], lambda: 1) == 1
    assert cache.get_or_compute((1, 2), (), lambda: 2) == 2  # tuples cannot be weakly referenced
    assert len(cache) == 0


def test_row_selections_are_remembered_per_frame_and_dropped_with_it():
    from metrics.rows import active_student_mask

    memo.ROWS.clear()
    students = pd.DataFrame({"year": pd.Series([2024, 2024], dtype="int64"),
                             "citizenship": pd.Series(["KAZ", "KAZ"], dtype="str"),
                             "status": pd.Series(["enrolled", "graduated"], dtype="str")})
    first = active_student_mask(students)
    assert active_student_mask(students) is first
    assert len(memo.ROWS) == 1
    del students
    gc.collect()
    assert len(memo.ROWS) == 0
