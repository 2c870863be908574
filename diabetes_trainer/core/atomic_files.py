"""Writing a file so that readers see the old one or the whole new one, and saying why a write failed.

Every writer of the app goes through here: the run history, exported CSV/JSON, sweep tables, plot exports. A
failure raises :class:`FileWriteError`, an OSError whose message names the file and what to do; ``kind`` says
which of :data:`WRITE_HINTS` applies so the window can show the same advice in the user's language.

Stdlib only: the GUI uses this module.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

# One key per kind of failure the user can act on; the English advice the CLI prints. The window translates the
# same kinds (gui/exporting.py, write_failure_text), so a new kind added here must be added there too.
WRITE_HINTS = {
    "name_too_long": "the file name is too long; choose a shorter name",
    "no_folder": "the folder does not exist; choose an existing folder",
    "no_permission": "you have no permission to write there; choose another folder, or close the file if another "
                     "program has it open",
    "read_only": "the drive is read-only; choose another folder",
    "disk_full": "the disk is full; free some space or choose another drive",
    "quota": "your disk quota is used up; free some space",
    "is_folder": "a folder has that name; choose another file name",
}


def write_failure_kind(path: Path, error: OSError) -> str:
    """Which of WRITE_HINTS explains ``error`` while writing ``path``; "" when none does."""
    code = error.errno or 0
    if code == errno.ENAMETOOLONG:
        return "name_too_long"
    if code in (errno.ENOENT, errno.ENOTDIR) and not _is_dir(Path(path).parent):
        return "no_folder"
    if code in (errno.EACCES, errno.EPERM):
        return "is_folder" if _is_dir(Path(path)) else "no_permission"
    if code == errno.EROFS:
        return "read_only"
    if code == errno.ENOSPC:
        return "disk_full"
    if code == getattr(errno, "EDQUOT", None):
        return "quota"
    if code == errno.EISDIR or _is_dir(Path(path)):
        return "is_folder"
    return ""


class FileWriteError(OSError):
    """A write failed; ``strerror`` reads "could not write <path>: <reason> (<what to do>)"."""

    def __init__(self, path: Path, error: OSError):
        self.path = Path(path)
        self.reason = error.strerror or str(error)
        self.kind = write_failure_kind(self.path, error)
        hint = WRITE_HINTS.get(self.kind)
        super().__init__(error.errno, f"could not write {path}: {self.reason}" + (f" ({hint})" if hint else ""))

    def __str__(self) -> str:
        return self.strerror


def _is_dir(path: Path) -> bool:
    # Path.is_dir() raises (not False) for names the OS refuses outright, e.g. too long, on Python < 3.12.
    try:
        return path.is_dir()
    except OSError:
        return False


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open folders and needs no such step."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one, never a part.

    A temporary file in the same folder is written, flushed to disk and renamed over the target. On failure the
    temporary file is removed and a FileWriteError names the path and what to do.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")  # not secrets: ~4 ms of the window's start
    try:
        # 0o666 lets the umask decide the permissions, as for any new file (mkstemp would force 0600).
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise FileWriteError(path, error) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # a new file has none to keep
            os.chmod(temp, path.stat().st_mode & 0o7777)  # replacing a file keeps its permissions
        os.replace(temp, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(error, OSError):
            raise FileWriteError(path, error) from error
        raise
    _fsync_directory(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text, line endings exactly as given (no platform translation)."""
    atomic_write_bytes(path, text.encode("utf-8"))
