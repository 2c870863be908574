"""A run's per-iteration lists in a compact, versioned binary file (``<id>.<token>.npz``) beside its JSON.

As JSON text an iteration costs ~90 bytes (five numbers written out in decimal); here it costs at most 16 before
compression, and usually ~12 after it:

- ``losses``, ``data_wait_s``, ``compute_s``: float32. A loss comes out of torch as float32, so it is stored
  exactly; a duration keeps 7 significant digits (better than a microsecond for any single iteration).
- ``elapsed_s``: the float32 *step* since the previous iteration, summed back up in float64 when read, so a long run
  does not lose a float32's precision at its end (the sum drifts by under 1e-7 of the run's length).
- ``iteration_epoch``: run-length encoded (``epoch_values``, ``epoch_counts``): a few numbers per run, not per
  iteration.

The zip's deflate (level 1: fast, and the exponent bytes shrink well) runs in zlib, which lets go of Python's lock,
so saving from the window's writer thread does not freeze the window. ``format`` inside the file is its version;
a reader refuses versions it does not know rather than guessing. The JSON says which file holds the arrays
(``arrays.file``) and a ``token`` the file must also hold, so an arrays file from another version of the run is
never mixed in.

numpy is imported by the functions, not by the module: listing the history never needs it.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from typing import Any

from .events import PER_ITERATION_KEYS

ARRAYS_FORMAT = 1
ARRAYS_KEY = "arrays"  # the metadata JSON's key that points to the arrays file
_FLOAT_KEYS = ("losses", "data_wait_s", "compute_s")
_COMPRESS_LEVEL = 1
_NUMBERS_PER_SLICE = 65536  # ~10 ms of list -> array: then another thread (the window's) may take Python's lock
ARRAYS_FILE_PATTERN = re.compile(r"^[\w-]+\.[0-9a-f]+\.npz$")  # a name in the run folder, never a path


def has_arrays(record: dict) -> bool:
    return any(key in record for key in PER_ITERATION_KEYS)


def split_record(record: dict) -> tuple[dict, dict[str, Any]]:
    """(the record without its per-iteration lists, those lists)."""
    metadata = {key: value for key, value in record.items() if key not in PER_ITERATION_KEYS}
    columns = {key: record[key] for key in PER_ITERATION_KEYS if key in record}
    return metadata, columns


def encode(columns: dict[str, Any], token: str) -> bytes:
    """The .npz bytes for the per-iteration lists present in ``columns``; ValueError when one is not numbers."""
    import numpy as np

    arrays: dict[str, Any] = {"format": np.array(ARRAYS_FORMAT, dtype=np.int32), "token": np.array(token)}
    for key, values in columns.items():
        as_float = _float_array(key, values)
        if key in _FLOAT_KEYS:
            arrays[key] = as_float.astype(np.float32)
        elif key == "elapsed_s":
            arrays["elapsed_steps"] = np.diff(as_float, prepend=0.0).astype(np.float32)
        elif key == "iteration_epoch":
            values_, counts = _run_lengths(as_float)
            arrays["epoch_values"], arrays["epoch_counts"] = values_, counts
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL) as archive:
        for name, array in arrays.items():
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.ascontiguousarray(array), allow_pickle=False)
    return buffer.getvalue()


def decode(data: bytes, token: str) -> dict[str, list]:
    """The per-iteration lists back, as in the record; ValueError says what is wrong with the file."""
    import numpy as np

    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, KeyError) as error:
        raise ValueError(f"not a readable arrays file ({error})") from error
    stored_format = arrays.get("format", np.zeros(0)).reshape(-1)
    version = int(stored_format[0]) if stored_format.size == 1 else None
    if version != ARRAYS_FORMAT:
        raise ValueError(f"arrays format {version} is not one this version reads ({ARRAYS_FORMAT}); "
                         f"update Diabetes Trainer")
    if "token" not in arrays or arrays["token"].reshape(-1).tolist() != [token]:
        raise ValueError("the arrays file belongs to another version of this run")
    columns: dict[str, list] = {}
    for key in _FLOAT_KEYS:
        if key in arrays:
            columns[key] = arrays[key].astype(np.float64).tolist()
    if "epoch_values" in arrays:
        columns["iteration_epoch"] = np.repeat(arrays["epoch_values"], arrays["epoch_counts"]).tolist()
    if "elapsed_steps" in arrays:
        columns["elapsed_s"] = np.cumsum(arrays["elapsed_steps"].astype(np.float64)).tolist()
    return {key: columns[key] for key in PER_ITERATION_KEYS if key in columns}


def _run_lengths(values) -> tuple[Any, Any]:
    """(each run's value, its length) for a sequence of whole numbers such as 1,1,1,2,2,3."""
    import numpy as np

    whole = values.astype(np.int64)
    if not np.array_equal(whole, values):
        raise ValueError("'iteration_epoch' must hold whole numbers")
    if whole.size == 0:
        return whole, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.diff(whole, prepend=whole[0] - 1))
    counts = np.diff(np.append(starts, whole.size))
    return whole[starts], counts


def _float_array(key: str, values: Any):
    """float64 array of a list, converted in slices: one np.asarray of a million Python floats holds Python's lock
    for ~0.1 s, which would stall the window drawing from another thread while its writer thread saves a run."""
    import numpy as np

    if not isinstance(values, (list, tuple)) and not hasattr(values, "__array__"):
        raise ValueError(f"'{key}' must be a list of numbers")
    result = np.empty(len(values), dtype=np.float64)
    try:
        for start in range(0, len(values), _NUMBERS_PER_SLICE):
            result[start:start + _NUMBERS_PER_SLICE] = np.asarray(values[start:start + _NUMBERS_PER_SLICE],
                                                                  dtype=np.float64)
            time.sleep(0)  # lets a waiting thread run
    except (TypeError, ValueError) as error:
        raise ValueError(f"'{key}' must be a flat list of numbers ({error})") from error
    return result


def arrays_ref(record: dict) -> dict | None:
    """The record's ``arrays`` entry (which file holds its per-iteration lists), or None in the old layout.

    Raise ValueError when it is not one this version wrote: a file name in the run folder, never a path.
    """
    ref = record.get("arrays")
    if ref is None:
        return None
    if not (isinstance(ref, dict) and isinstance(ref.get("file"), str) and ARRAYS_FILE_PATTERN.match(ref["file"])
            and isinstance(ref.get("token"), str) and isinstance(ref.get("bytes"), int)):
        raise ValueError("'arrays' must name the run's .npz file with its token and size")
    return ref


def arrays_problem(ref: dict | None, arrays_files: dict) -> str | None:
    """Why the run's arrays file cannot be right (missing, or not the size written), else None; a stat at most."""
    if ref is None:
        return None
    found = arrays_files.get(ref["file"])
    if found is None:
        return f"its per-iteration arrays file {ref['file']} is missing"
    try:
        size = found.stat().st_size
    except OSError:
        return f"its per-iteration arrays file {ref['file']} cannot be read"
    if size != ref["bytes"]:
        return f"its per-iteration arrays file {ref['file']} has {size} bytes, not the {ref['bytes']} written"
    return None
