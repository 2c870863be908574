"""The launcher manifest: every file and folder an install created, so that --uninstall removes exactly those."""

from __future__ import annotations

import json
from pathlib import Path

from diabetes_trainer import __version__
from diabetes_trainer.core.user_folders import user_folders

from .common import LauncherError, absolute_home

MANIFEST_FORMAT = 1


def manifest_path(home: Path | None = None, platform: str | None = None) -> Path:
    """Where install_launcher records what it created (core/user_folders.py: with the run history)."""
    return user_folders(platform, absolute_home(home)).launcher_manifest


class Recorder:
    """Creates files and folders and remembers which ones it created, for the manifest."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.dirs: list[Path] = []

    def make_dir(self, path: Path) -> None:
        missing = []
        probe = path
        while not probe.exists() and probe != probe.parent:
            missing.append(probe)
            probe = probe.parent
        path.mkdir(parents=True, exist_ok=True)
        self.dirs.extend(reversed(missing))

    def write_bytes(self, path: Path, data: bytes, mode: int = 0o644) -> Path:
        self.make_dir(path.parent)
        if path.is_symlink():
            path.unlink()  # write our own file, never through someone else's link
        path.write_bytes(data)
        path.chmod(mode)
        self.files.append(path)
        return path

    def write_text(self, path: Path, text: str, mode: int = 0o644) -> Path:
        return self.write_bytes(path, text.encode("utf-8"), mode)

    def copy(self, source: Path, target: Path) -> Path:
        return self.write_bytes(target, source.read_bytes())

    def symlink(self, link: Path, target: Path) -> Path:
        self.make_dir(link.parent)
        if link.is_symlink():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)
        self.files.append(link)
        return link


def unique(paths: list[Path]) -> list[Path]:
    return list(dict.fromkeys(paths))


def read_manifest(path: Path) -> dict | None:
    """The manifest's content, None when there is none; LauncherError (with line and column) when damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise LauncherError(f"cannot read {path}: {error.strerror}") from None
    try:
        data = json.loads(text)
        files = [Path(p) for p in data["files"]]
        dirs = [Path(p) for p in data["dirs"]]
    except json.JSONDecodeError as error:
        raise LauncherError(
            f"{path}, line {error.lineno}, column {error.colno}: the launcher manifest is damaged "
            f"({error.msg}). Remove the launcher files it lists by hand, then delete {path}."
        ) from None
    except (KeyError, TypeError):
        raise LauncherError(
            f"{path}: the launcher manifest lacks its 'files' and 'dirs' lists. Remove the launcher files "
            f"by hand, then delete {path}."
        ) from None
    return {"platform": data.get("platform", ""), "files": files, "dirs": dirs}


def write_manifest(path: Path, kind: str, recorder: Recorder, previous: dict | None) -> None:
    """Record this install's files and folders, keeping those of earlier installs that are not removed yet."""
    files = unique((previous["files"] if previous else []) + recorder.files)
    dirs = unique((previous["dirs"] if previous else []) + recorder.dirs)
    payload = {
        "format": MANIFEST_FORMAT,
        "app_version": __version__,
        "platform": kind,
        "files": [str(p) for p in files],
        "dirs": [str(p) for p in dirs],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
