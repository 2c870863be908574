"""The run history on disk: one ``<id>.json`` per run plus an index of summaries.

Layout: ``<root>/<id>.json`` holds the full record (the one source of truth, compact JSON because a record can hold
10^5 losses per list); ``<root>/index.json`` caches each run's small summary together with the file's size and
modification time. ``list()`` re-reads only records whose size or time changed, so listing hundreds of runs costs a
``stat`` each instead of parsing megabytes. The index is only a cache: if it is missing, damaged, stale or cannot
be written, ``list()`` falls back to reading the records, and records copied in by hand appear on their own.

Stdlib only: the GUI uses this module.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from pathlib import Path, PurePath
from typing import Any

from .atomic_files import atomic_write_text
from .user_folders import runs_home

INDEX_NAME = "index.json"
INDEX_VERSION = 1
RUN_ID_PATTERN = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{6}$")
MAX_NAME_LENGTH = 200


class RunStoreError(RuntimeError):
    """A run cannot be found, read or changed; the message says which file and what to do."""


def _random_hex(n_bytes: int) -> str:
    """What ``secrets.token_hex`` returns, without importing ``secrets`` (hmac, hashlib: ~4 ms of the window's
    start-up)."""
    return os.urandom(n_bytes).hex()


# --- encoding without freezing the window ------------------------------------------------------------------------

_NUMBERS_PER_SLICE = 1024  # under 1 ms of json.dumps: then another thread (the window's) may take Python's lock


def compact_json(record: dict) -> str:
    """``json.dumps(record, separators=(",", ":"), ensure_ascii=False)``, with long lists encoded in slices.

    json's C encoder holds Python's global lock for the whole call: a million-iteration record is ~2 s in which
    the window, drawing from another thread of the same process, could not run at all. Encoding each long list
    a slice at a time, and yielding the lock between slices, keeps every pause to a few milliseconds.
    """
    long_lists = {key: value for key, value in record.items()
                  if isinstance(value, list) and len(value) > _NUMBERS_PER_SLICE}
    if not long_lists:
        return json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    placeholders = {key: f"long-list-{_random_hex(8)}" for key in long_lists}
    text = json.dumps({**record, **placeholders}, separators=(",", ":"), ensure_ascii=False)
    for key, values in long_lists.items():
        text = text.replace(json.dumps(placeholders[key]), _list_in_slices(values), 1)
    return text


def _list_in_slices(values: list) -> str:
    parts = []
    for start in range(0, len(values), _NUMBERS_PER_SLICE):
        parts.append(json.dumps(values[start:start + _NUMBERS_PER_SLICE], separators=(",", ":"),
                                ensure_ascii=False)[1:-1])
        time.sleep(0)  # lets a waiting thread run
    return "[" + ",".join(parts) + "]"


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

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
            data_name=PurePath(str(data_path).replace("\\", "/")).name if data_path else "")


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
        try:
            text = compact_json(stored)
            summary = RunSummary.from_record(stored)
        except (TypeError, ValueError) as error:
            raise RunStoreError(f"run {stored['id']} cannot be saved: {error}") from error
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, text)
        except OSError as error:
            raise RunStoreError(f"run {stored['id']} was not saved: {error}") from error
        with contextlib.suppress(OSError):  # the index is a cache; list() repairs a missing entry
            self._update_index({path.name: self._index_entry(path, summary)})
        return stored["id"]

    def load(self, run_id: str) -> dict:
        path = self.path_of(run_id)
        try:
            record = _read_record(path)
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
            entries = [e for e in os.scandir(self.root)
                       if e.name.endswith(".json") and RUN_ID_PATTERN.match(e.name[:-5]) and e.is_file()]
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
        record = self.load(run_id)
        record["name"] = name
        self.save(record)

    def delete(self, run_id: str) -> None:
        path = self.path_of(run_id)
        try:
            path.unlink()
        except FileNotFoundError as error:
            raise RunStoreError(f"there is no run {run_id} in {self.root}") from error
        except OSError as error:
            raise RunStoreError(f"run {run_id} could not be deleted ({path}): {error.strerror or error}") from error
        index = self._read_index()
        if index.pop(path.name, None) is not None:
            self._write_index(index)

    # the index cache
    def _index_entry(self, path: Path, summary: RunSummary | None, stat: os.stat_result | None = None) -> dict:
        """Size and time identify the file version; a damaged file is cached with its error, to warn again cheaply."""
        stat = stat or path.stat()
        entry: dict[str, Any] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        if summary is None:
            try:
                summary = RunSummary.from_record(_read_record(path))
            except (OSError, ValueError) as error:
                entry["error"] = str(error)
                return entry
            # The file name is the id load() and delete() use, whatever a hand-copied record says inside.
            summary = replace(summary, id=path.stem)
        entry["summary"] = summary.to_dict()
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
                                                                     and set(entry["summary"]) == fields))}

    def _write_index(self, runs: dict[str, dict]) -> None:
        with contextlib.suppress(OSError):  # only a cache: the next list() reads the records again
            atomic_write_text(self.index_path, json.dumps({"version": INDEX_VERSION, "runs": runs},
                                                          separators=(",", ":"), ensure_ascii=False))

    def _update_index(self, changes: dict[str, dict]) -> None:
        index = self._read_index()
        index.update(changes)
        self._write_index(index)


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
