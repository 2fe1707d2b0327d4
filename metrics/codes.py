"""Rows as small integers: category codes looked up, and ids read as numbers.

- **Category codes** (`through_codes`, `used_categories`). Category columns keep a small integer code
  per row (int8 below 128 categories, int16 below 32,768) and -1 for a missing value. NumPy indexes
  with such small signed codes slowly: it widens every code and wraps the negative ones (10 million
  int8 codes: 80–220 ms on this project's VM). Read as unsigned numbers, the same codes index a table
  of 256 (or 65,536) entries directly, -1 falling on the last entry (20–25 ms with NumPy, 4–6 ms
  with Arrow's take).
- **Id numbers** (`byte_numbers`). Ten million id strings hashed into codes take seconds (a table of
  millions of entries, a cache miss per row). Read as numbers from their bytes, they are sorted in a
  tenth of that (`metrics.rows` counts each student once per year from that sort). Ingestion starts
  the reading of a long id column in a thread (`prefetch_byte_numbers`).
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from metrics.background import InThread

_UNSIGNED = {np.dtype(np.int8): np.uint8, np.dtype(np.int16): np.uint16}
ARROW_TAKE_ROWS = 100_000  # from this many codes on, Arrow's take (below, its call costs more than it saves)


def small_code_type(count: int) -> type:
    """The integer type pandas keeps the codes of ``count`` categories in."""
    return np.int8 if count < 2**7 else np.int16 if count < 2**15 else np.int32 if count < 2**31 else np.int64


def through_codes(per_category, codes: np.ndarray, missing) -> np.ndarray:
    """``per_category[code]`` for every code, ``missing`` where the code is -1 (the result's dtype is
    that of ``per_category``, widened only for a ``missing`` of a wider NumPy type)."""
    per_category = np.asarray(per_category)
    kind = np.result_type(per_category, missing)  # a Python number keeps the table's type (NEP 50)
    lookup = np.append(per_category.astype(kind, copy=False), np.array(missing, dtype=kind))
    codes = np.asarray(codes)
    unsigned = _UNSIGNED.get(codes.dtype)
    if unsigned is None:
        return lookup[codes]  # code -1 → the last entry, ``missing``
    table = np.full(1 << (8 * codes.itemsize), lookup[-1], dtype=lookup.dtype)
    table[:len(lookup) - 1] = lookup[:-1]
    if table.dtype.kind not in "biuf" or len(codes) < ARROW_TAKE_ROWS:  # text, dates ..., or a few rows: NumPy
        return table[codes.view(unsigned)]
    # Arrow's take of a numeric table: a fifth of NumPy's indexing time (booleans taken as bytes)
    taken = pc.take(pa.array(table.view(np.uint8) if table.dtype == bool else table), pa.array(codes.view(unsigned)))
    values = taken.to_numpy(zero_copy_only=False, writable=True)  # callers may change it in place
    return values.view(bool) if table.dtype == bool else values


def used_categories(codes: np.ndarray, count: int) -> np.ndarray:
    """For each of ``count`` categories, whether some code names it (Arrow's unique of the codes: a table
    of the few values, a quarter of a bincount's time)."""
    used = np.zeros(count, dtype=bool)
    if count and len(codes):
        seen = pc.unique(pa.array(np.asarray(codes))).to_numpy()
        used[seen[seen >= 0]] = True
    return used


PACK_WIDTH = 32  # ids longer than this many bytes are hashed
# First UTF-8 bytes of the characters `str.strip` removes: an id beginning with none of them is not blank.
_SPACE_LEADS = np.zeros(256, dtype=bool)
_SPACE_LEADS[[chr(point).encode("utf-8")[0] for point in range(0x3001) if chr(point).isspace()]] = True


PREFETCH_ROWS = 1_000_000  # id columns at least this long have their numbers computed ahead, in a thread
_PREFETCHED: list = []  # at most one (buffers key, the array (its buffers kept alive), the thread computing)
_PREFETCH_LOCK = threading.Lock()


def _buffers_key(array: pa.Array) -> tuple:
    return (str(array.type), array.offset, len(array),
            tuple(None if buffer is None else buffer.address for buffer in array.buffers()))


def prefetch_byte_numbers(values: pd.Series) -> bool:
    """Start `byte_numbers` of a long Arrow text column in a thread (NumPy lets go of the GIL): ingestion
    does it for the student ids while it goes on with the other columns, and the first `byte_numbers` of
    an array with these very buffers takes the result. True when started. One column is kept at a time;
    taking it drops it."""
    if len(values) < PREFETCH_ROWS or not (isinstance(values.dtype, pd.StringDtype)
                                           and values.dtype.storage == "pyarrow"):
        return False
    chunks = values.array.__arrow_array__()
    if chunks.num_chunks != 1:  # combined anew by every reader: no buffers to recognise
        return False
    array = chunks.chunk(0)
    with _PREFETCH_LOCK:
        _PREFETCHED[:] = [(_buffers_key(array), array, InThread(byte_numbers, array, 64, False))]
    return True


def _prefetched(array: pa.Array):
    with _PREFETCH_LOCK:
        if _PREFETCHED and _PREFETCHED[0][0] == _buffers_key(array):
            return _PREFETCHED.pop()[2]
    return None


def byte_numbers(array: pa.Array, bits: int = 64, prefetched: bool = True) -> tuple[np.ndarray, np.ndarray, int] | None:
    """(the cells with a non-blank id, a number per such cell, a bound of the numbers): each id's bytes
    read as the digits of one number, each byte position in its own base (its values seen, zero where an
    id is shorter: ids holding a NUL byte go back to hashing). None when the number could reach 2**bits,
    an id is longer than `PACK_WIDTH` bytes or some cell may be blank but not empty (white space).
    ``prefetched``: take the result of `prefetch_byte_numbers` for this array when there is one."""
    worker = _prefetched(array) if prefetched else None
    if worker is not None:
        found = worker.result()
        if found is None or (found[2] - 1).bit_length() <= bits:
            return found
    size = len(array)
    wide = pa.types.is_large_string(array.type)
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int64 if wide else np.int32)[
        array.offset:array.offset + size + 1].astype(np.int64)
    data = array.buffers()[2]
    view = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    lengths = np.diff(offsets)
    valid = lengths > 0
    if array.null_count:
        valid &= array.is_valid().to_numpy(zero_copy_only=False)
    starts, lengths = offsets[:-1][valid], lengths[valid]
    if not len(starts):
        return valid, np.zeros(0, dtype=np.uint64), 1
    width = int(lengths.max())
    if width > PACK_WIDTH or _SPACE_LEADS[view[starts]].any():
        return None
    first, end = int(offsets[0]), int(offsets[-1])
    if len(starts) == size and int(lengths.min()) == width:  # every id as long: the bytes are the matrix
        matrix = view[first:end].reshape(size, width)
    else:
        if not view[first:end].all():  # a NUL byte would read as the end of a shorter id
            return None
        matrix = np.zeros((len(starts), width), dtype=np.uint8)
        for position in range(width):
            longer = lengths > position
            matrix[longer, position] = view[starts[longer] + position]
    digits = []  # (byte position, lowest byte or a table numbering the bytes seen, base)
    for position in range(width):
        column = matrix[:, position]
        low, high = int(column.min()), int(column.max())
        if high > low:
            digits.append((position, low, high - low + 1))
    if (_product(digits) - 1).bit_length() > bits:  # ranges with gaps (padding zeros, letters and
        # digits): each position numbers the bytes it has
        digits = []
        for position in range(width):
            seen = np.bincount(matrix[:, position], minlength=256) > 0
            if seen.sum() > 1:
                digits.append((position, (np.cumsum(seen) - 1).astype(np.uint8), int(seen.sum())))
        if (_product(digits) - 1).bit_length() > bits:
            return None
    number = np.zeros(len(starts), dtype=np.uint64)
    for position, low, base in digits:
        digit = matrix[:, position] - np.uint8(low) if isinstance(low, int) else low[matrix[:, position]]
        number *= np.uint64(base)
        number += digit
    return valid, number, max(_product(digits), 1)


def _product(digits: list) -> int:
    bound = 1
    for *_, base in digits:
        bound *= base
    return bound
