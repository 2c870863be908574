"""Atomic writes: the old file or the whole new one, never a part; failures name the file and what to do."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from diabetes_trainer.core import atomic_files
from diabetes_trainer.core.atomic_files import atomic_write_bytes, atomic_write_text


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes -----------------------------------------------------------------------------------------------

def test_atomic_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first\n")
    atomic_write_text(target, "second 第二\r\n")
    assert target.read_bytes() == "second 第二\r\n".encode()
    assert leftovers(tmp_path) == []


def test_failed_rename_leaves_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "run.json"
    target.write_text("old")

    def failing_replace(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic_files.os, "replace", failing_replace)
    with pytest.raises(OSError, match="could not write .*run.json: Permission denied") as caught:
        atomic_write_bytes(target, b"new")
    assert caught.value.errno == errno.EACCES
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    target = tmp_path / "new.csv"

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="disk is full"):
        atomic_write_text(target, "a,b\n" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_interrupted_write_removes_the_temp_file(tmp_path, monkeypatch):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(tmp_path / "x.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_writing_into_a_missing_folder_names_the_path(tmp_path):
    with pytest.raises(OSError, match="could not write .*missing.*folder does not exist"):
        atomic_write_text(tmp_path / "missing" / "x.txt", "x")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions without root")
def test_read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OSError, match="no permission"):
            atomic_write_text(folder / "x.txt", "x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_permissions_follow_umask_and_existing_file(tmp_path):
    fresh = tmp_path / "fresh.txt"
    atomic_write_text(fresh, "x")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o640)
    atomic_write_text(kept, "new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


