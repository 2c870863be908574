"""Where the shipped resources (icons, translations, sample data, .desktop template) live."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The resources folder, installed (``diabetes_trainer/resources``) or in a source checkout (``resources/``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the diabetes_trainer resources folder is missing from this installation")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
