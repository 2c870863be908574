"""The run history on disk: per run a small ``<id>.json`` and its per-iteration arrays, plus an index of summaries.

Layout (docs/run-record.md): ``<root>/<id>.json`` holds the record without its per-iteration lists and names the
binary file that holds them, ``<root>/<id>.<token>.npz`` (core/run_arrays.py: ≤ 16 bytes per iteration instead of
~90 as JSON text). The arrays file is written first, under a new name, then the JSON is replaced: a reader sees the
old run or the new one, never a mix. Records of the old layout (the lists inside the JSON) are read as they are and
written in the new layout the next time they are saved (a rename, say).

``<root>/index.json`` caches each run's small summary together with the JSON's size and modification time.
``list()`` re-reads only records whose size or time changed, so listing hundreds of runs costs a ``stat`` each
instead of parsing files, and never opens an arrays file. The index is only a cache: if it is missing, damaged,
stale or cannot be written, ``list()`` falls back to reading the small JSONs, and records copied in by hand appear
on their own.

The GUI uses this module: it imports only the standard library (numpy is loaded when a run is saved or loaded).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import run_arrays
from .atomic_files import atomic_write_bytes, atomic_write_text
from .run_arrays import arrays_problem, arrays_ref
from .run_names import distinguishing_knobs
from .user_folders import runs_home

INDEX_NAME = "index.json"
INDEX_VERSION = 2  # 2: entries say which arrays file their run needs
RUN_ID_PATTERN = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{6}$")
MAX_NAME_LENGTH = 200


class RunStoreError(RuntimeError):
    """A run cannot be found, read or changed; the message says which file and what to do."""


def _random_hex(n_bytes: int) -> str:
    """What ``secrets.token_hex`` returns, without importing ``secrets`` (hmac, hashlib: ~4 ms of the window's
    start-up)."""
    return os.urandom(n_bytes).hex()




# --- summaries ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RunSummary:
    """What a run list shows, without the per-iteration lists."""

    id: str
    name: str
    created: str
    status: str
    num_workers: int
    batch_size: int
    epochs: int
    shuffle: bool
    seconds: float | None
    final_loss: float | None
    iterations: int
    data_name: str  # the data file's name; "" when the record does not say
    sample_delay_ms: float  # the simulated I/O delay per sample (0: none)
    sample_cpu_ms: float  # the simulated CPU work per sample (0: none)
    knobs: dict[str, Any]  # what distinguishes the run (run_names.distinguishing_knobs): its automatic name

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copy of every field was a third of listing 1,000 runs.
        return {name: getattr(self, name) for name in _SUMMARY_FIELDS}

    @classmethod
    def from_record(cls, record: Any) -> RunSummary:
        """Raise ValueError when the record is not a run record."""
        if not isinstance(record, dict):
            raise ValueError("the file does not hold a JSON object")
        config = record.get("config") or {}
        data = record.get("data") or {}
        if not isinstance(config, dict) or not isinstance(data, dict):
            raise ValueError("'config' and 'data' must be JSON objects")
        data_path = data.get("path") or config.get("data_path") or ""
        return cls(
            id=_text(record, "id"), name=_text(record, "name"), created=_text(record, "created"),
            status=_text(record, "status"),
            num_workers=_whole(config, "num_workers", 0), batch_size=_whole(config, "batch_size", 0),
            epochs=_whole(config, "epochs", 0), shuffle=bool(config.get("shuffle", False)),
            seconds=_optional_float(record, "seconds"), final_loss=_optional_float(record, "final_loss"),
            iterations=_whole(record, "iterations", 0),
            data_name=_file_name(str(data_path)) if data_path else "",
            sample_delay_ms=_optional_float(config, "sample_delay_ms") or 0.0,
            sample_cpu_ms=_optional_float(config, "sample_cpu_ms") or 0.0,
            knobs=distinguishing_knobs(config))


_SUMMARY_FIELDS = tuple(RunSummary.__dataclass_fields__)


def _file_name(path: str) -> str:
    """The last part of a POSIX or Windows path; string work, as pathlib cost a tenth of listing 1,000 runs."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _text(values: dict, key: str) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be text, not {type(value).__name__}")
    return value


def _whole(values: dict, key: str, default: int) -> int:
    value = values.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"'{key}' must be a whole number, not {value!r}")
    return value


def _optional_float(values: dict, key: str) -> float | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"'{key}' must be a number, not {value!r}")
    return float(value)


def new_run_id(now: datetime | None = None) -> str:
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{moment:%Y%m%d-%H%M%S}-{_random_hex(3)}"


# --- the store ---------------------------------------------------------------------------------------------------

class RunStore:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else runs_home()

    # paths
    def path_of(self, run_id: str) -> Path:
        if not isinstance(run_id, str) or not RUN_ID_PATTERN.match(run_id):
            raise RunStoreError(f"{run_id!r} is not a run id (expected YYYYMMDD-HHMMSS-xxxxxx)")
        return self.root / f"{run_id}.json"

    @property
    def index_path(self) -> Path:
        return self.root / INDEX_NAME

    # records
    def save(self, record: dict) -> str:
        """Store a record (a new one, or an update of a stored one with the same id); return its id.

        ``id`` and ``created`` are filled in when missing; the caller's dict is left unchanged.
        """
        if not isinstance(record, dict):
            raise RunStoreError("a run record must be a dict")
        stored = dict(record)
        now = datetime.now(timezone.utc)
        stored["id"] = stored.get("id") or new_run_id(now)
        stored.setdefault("name", "")
        stored["created"] = stored.get("created") or now.isoformat(timespec="seconds")
        path = self.path_of(stored["id"])
        metadata, columns = run_arrays.split_record(stored)
        metadata.pop(run_arrays.ARRAYS_KEY, None)
        arrays = b""
        try:
            summary = RunSummary.from_record(stored)
            if columns:
                token = _random_hex(6)
                arrays = run_arrays.encode(columns, token)
                metadata[run_arrays.ARRAYS_KEY] = {"file": f"{stored['id']}.{token}.npz", "token": token,
                                                  "format": run_arrays.ARRAYS_FORMAT, "bytes": len(arrays)}
            text = json.dumps(metadata, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError) as error:
            raise RunStoreError(f"run {stored['id']} cannot be saved: {error}") from error
        self._write_run(path, text, metadata.get(run_arrays.ARRAYS_KEY), arrays)
        with contextlib.suppress(OSError):  # the index is a cache; list() repairs a missing entry
            self._update_index({path.name: self._index_entry(path, summary, arrays=arrays_ref(metadata))})
        return stored["id"]

    def _write_run(self, path: Path, text: str, ref: dict | None, arrays: bytes) -> None:
        """The arrays file under its new name, then the JSON that names it, then away with older arrays files."""
        run_id = path.stem
        arrays_path = self.root / ref["file"] if ref else None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if arrays_path is not None:
                atomic_write_bytes(arrays_path, arrays)
            atomic_write_text(path, text)
        except OSError as error:
            if arrays_path is not None:
                with contextlib.suppress(OSError):
                    arrays_path.unlink()
            raise RunStoreError(f"run {run_id} was not saved: {error}") from error
        self._remove_arrays(run_id, keep=arrays_path)

    def _remove_arrays(self, run_id: str, keep: Path | None = None) -> None:
        for stale in self.root.glob(f"{run_id}.*.npz"):
            if stale != keep:
                with contextlib.suppress(OSError):  # a leftover costs only disk space
                    stale.unlink()

    def load(self, run_id: str) -> dict:
        """The whole record as docs/run-record.md describes it, whichever layout it is stored in."""
        record = self._load_metadata(run_id)
        ref = record.pop("arrays", None)
        if ref is not None:
            arrays_path = self.root / str(ref.get("file"))
            try:
                record.update(run_arrays.decode(arrays_path.read_bytes(), str(ref.get("token"))))
            except (OSError, ValueError) as error:
                reason = "the file is missing" if isinstance(error, FileNotFoundError) else str(error)
                raise RunStoreError(f"the per-iteration arrays of run {run_id} could not be read from {arrays_path}:"
                                    f" {reason}. Restore it from a backup, or delete the run.") from error
        return record

    def _load_metadata(self, run_id: str) -> dict:
        """The stored JSON (without per-iteration lists, unless of the old layout), its ``arrays`` checked."""
        path = self.path_of(run_id)
        try:
            record = _read_record(path)
            arrays_ref(record)
        except FileNotFoundError as error:
            raise RunStoreError(f"there is no run {run_id} in {self.root}") from error
        except (OSError, ValueError) as error:
            raise RunStoreError(f"run {run_id} could not be read from {path}: {error}. Delete the file or restore "
                                f"it from a backup.") from error
        record["id"] = run_id  # the file name wins, so a later save() updates this very file
        return record

    def list(self) -> tuple[list[RunSummary], list[str]]:
        """All runs, newest first, and one warning per record file that could not be read (those are skipped)."""
        try:
            entries, arrays_files = [], {}
            for e in os.scandir(self.root):
                if e.name.endswith(".json") and RUN_ID_PATTERN.match(e.name[:-5]) and e.is_file():
                    entries.append(e)
                elif e.name.endswith(".npz"):
                    arrays_files[e.name] = e
        except FileNotFoundError:
            return [], []
        except OSError as error:
            return [], [f"the run folder {self.root} cannot be read: {error.strerror or error}"]
        index = self._read_index()
        fresh: dict[str, dict] = {}
        summaries, warnings = [], []
        for entry in entries:
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue  # deleted by another window meanwhile
            cached = index.get(entry.name)
            if not (cached and cached.get("size") == stat.st_size and cached.get("mtime_ns") == stat.st_mtime_ns):
                cached = self._index_entry(Path(entry.path), None, stat)
            fresh[entry.name] = cached
            if "error" in cached:
                warnings.append(f"skipped the damaged run file {entry.path}: {cached['error']}")
            elif (problem := arrays_problem(cached.get("arrays"), arrays_files)) is not None:
                warnings.append(f"skipped the run {entry.path}: {problem}. Restore that file from a backup, or "
                                f"delete the run's files.")
            else:
                summaries.append(RunSummary(**cached["summary"]))
        if fresh != index:
            self._write_index(fresh)
        summaries.sort(key=lambda s: (_timestamp(s.created), s.id), reverse=True)
        return summaries, warnings

    def rename(self, run_id: str, name: str) -> None:
        if not isinstance(name, str):
            raise RunStoreError("a run's name must be text")
        name = name.strip()
        if len(name) > MAX_NAME_LENGTH:
            raise RunStoreError(f"a run's name can have at most {MAX_NAME_LENGTH} characters, not {len(name)}")
        record = self._load_metadata(run_id)
        if "arrays" not in record and run_arrays.has_arrays(record):
            record.update(name=name)
            self.save(record)  # the old layout: moves its lists into an arrays file
            return
        record["name"] = name  # the arrays file stays as it is
        path = self.path_of(run_id)
        try:
            atomic_write_text(path, json.dumps(record, separators=(",", ":"), ensure_ascii=False))
        except OSError as error:
            raise RunStoreError(f"run {run_id} was not renamed: {error}") from error
        with contextlib.suppress(OSError):
            self._update_index({path.name: self._index_entry(path, RunSummary.from_record(record),
                                                             arrays=arrays_ref(record))})

    def delete(self, run_id: str) -> None:
        path = self.path_of(run_id)
        try:
            path.unlink()
        except FileNotFoundError as error:
            raise RunStoreError(f"there is no run {run_id} in {self.root}") from error
        except OSError as error:
            raise RunStoreError(f"run {run_id} could not be deleted ({path}): {error.strerror or error}") from error
        self._remove_arrays(run_id)
        index = self._read_index()
        if index.pop(path.name, None) is not None:
            self._write_index(index)

    # the index cache
    def _index_entry(self, path: Path, summary: RunSummary | None, stat: os.stat_result | None = None,
                     arrays: dict | None = None) -> dict:
        """Size and time identify the file version; a damaged file is cached with its error, to warn again cheaply.

        ``arrays``: which arrays file (and its size) the run needs, so that list() notices one gone missing.
        """
        stat = stat or path.stat()
        entry: dict[str, Any] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        if summary is None:
            try:
                record = _read_record(path)
                summary = RunSummary.from_record(record)
                arrays = arrays_ref(record)
            except (OSError, ValueError) as error:
                entry["error"] = str(error)
                return entry
            # The file name is the id load() and delete() use, whatever a hand-copied record says inside.
            summary = replace(summary, id=path.stem)
        entry["summary"] = summary.to_dict()
        if arrays is not None:
            entry["arrays"] = {"file": arrays["file"], "bytes": arrays["bytes"]}
        return entry

    def _read_index(self) -> dict[str, dict]:
        try:
            index = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(index, dict) or index.get("version") != INDEX_VERSION \
                or not isinstance(index.get("runs"), dict):
            return {}
        fields = set(RunSummary.__dataclass_fields__)
        return {name: entry for name, entry in index["runs"].items()
                if isinstance(entry, dict) and ("error" in entry or (isinstance(entry.get("summary"), dict)
                                                                     and set(entry["summary"]) == fields
                                                                     and _valid_arrays_entry(entry)))}

    def _write_index(self, runs: dict[str, dict]) -> None:
        with contextlib.suppress(OSError):  # only a cache: the next list() reads the records again
            atomic_write_text(self.index_path, json.dumps({"version": INDEX_VERSION, "runs": runs},
                                                          separators=(",", ":"), ensure_ascii=False))

    def _update_index(self, changes: dict[str, dict]) -> None:
        index = self._read_index()
        index.update(changes)
        self._write_index(index)


def _valid_arrays_entry(entry: dict) -> bool:
    arrays = entry.get("arrays")
    return arrays is None or (isinstance(arrays, dict) and isinstance(arrays.get("file"), str)
                              and isinstance(arrays.get("bytes"), int))


def _timestamp(created: str) -> float:
    """Seconds since the epoch; 0 for a missing or unreadable time (those sort last)."""
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # the record format says UTC
    return moment.timestamp()


def _read_record(path: Path) -> dict:
    """Raise ValueError with line and column when the file is not a run record."""
    text = path.read_text(encoding="utf-8")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON at line {error.lineno}, column {error.colno} ({error.msg})") from error
    if not isinstance(record, dict):
        raise ValueError("the file does not hold a JSON object")
    return record

