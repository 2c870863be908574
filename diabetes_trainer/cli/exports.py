"""Files the CLI writes for lab reports: a run's or a sweep's figure, CSV and JSON.

Targets are checked before any training starts (a typo in a file name should not cost a finished sweep), and
every file is written atomically, so a failed export leaves no partial file behind. Figures need Qt, which is
imported only here and only when a figure is asked for: ``train`` and ``runs`` stay quick without it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ..core import record_export
from ..core.atomic_files import atomic_write_text

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def add_export_arguments(parser: argparse.ArgumentParser, what: str, with_json: bool = True) -> None:
    """--export-plot/--export-csv (and --export-json for a run): ``what`` names the figure, "loss" or "sweep"."""
    group = parser.add_argument_group(f"files for reports (written when the {'run' if with_json else 'sweep'} ends)")
    group.add_argument("--export-plot", metavar="FILE", action="append", default=[], type=Path,
                       help=f"write the {what} figure; .png, .svg or .pdf by the name (repeatable)")
    group.add_argument("--export-csv", metavar="FILE", type=Path, default=None,
                       help="write the numbers as CSV (a header row, then one row per "
                            + ("iteration)" if with_json else "num_workers setting)"))
    if with_json:
        group.add_argument("--export-json", metavar="FILE", type=Path, default=None,
                           help="write the whole run record as JSON (docs/run-record.md)")


def check_targets(plots: list[Path], files: dict[str, Path | None], plot_option: str = "--export-plot") -> str | None:
    """The first problem with the files asked for ("--option: what is wrong and what to do"), or None.

    ``files`` maps an option name to its path (None when not given); ``plots`` come from ``plot_option``.
    """
    targets = [(plot_option, path) for path in plots] + [(opt, p) for opt, p in files.items() if p is not None]
    for option, path in targets:
        if option == plot_option and path.suffix.lower() not in PLOT_SUFFIXES:
            return (f"{option}: cannot write {path}: the file type {path.suffix or '(none)'!r} is not supported; use "
                    f"a name ending in .png, .svg or .pdf")
        folder = path.parent
        if _is_dir(folder) is False:
            return f"{option}: cannot write {path}: the folder {folder} does not exist; create it or choose another"
        if _is_dir(path):
            return f"{option}: cannot write {path}: that is a folder; give a file name"
    return None


def _is_dir(path: Path) -> bool | None:
    """None when it cannot be told (a name too long for the file system...): the write will say what is wrong."""
    try:
        return path.is_dir()
    except OSError:
        return None


def _write(path: Path, write: Callable[[], object], written: list[Path], errors: list[str]) -> None:
    try:
        write()
    except OSError as error:  # atomic_write_* put the path and what to do into strerror
        errors.append(error.strerror or f"could not write {path}: {error}")
    else:
        written.append(path)


def _figures():
    """gui.figures, or an ImportError whose message says what is missing (Qt needs system libraries)."""
    try:
        from ..gui import figures
    except ImportError as error:
        raise ImportError(f"figures need Qt (PySide6), which could not be loaded here ({error}); export CSV or "
                          f"JSON instead, or install the missing system library") from error
    return figures


def _write_figures(plots: list[Path], make: Callable, written: list[Path], errors: list[str]) -> None:
    """``make(figures)`` returns the figure widget and the title to draw above it."""
    if not plots:
        return
    try:
        figures = _figures()
    except ImportError as error:
        errors.extend(f"could not write {path}: {error}" for path in plots)
        return
    from ..gui.exporting import ExportError

    figure, title = make(figures)
    for path in plots:
        try:
            figures.export_figure(figure, path, title)
        except ExportError as error:
            errors.append(str(error))
        except OSError as error:  # raised while describing a failed write (e.g. a name too long to stat)
            errors.append(f"could not write {path}: {error.strerror or error}")
        else:
            written.append(path)


def export_record(record: dict, plots: list[Path], csv_path: Path | None = None,
                  json_path: Path | None = None) -> tuple[list[Path], list[str]]:
    """Write a run's figure(s) (titled like the window's), CSV and JSON; return what was written and the errors."""
    written: list[Path] = []
    errors: list[str] = []
    _write_figures(plots, lambda figures: (figures.loss_figure(record), figures.figure_title(record)), written,
                   errors)
    if csv_path is not None:
        _write(csv_path, lambda: record_export.write_csv(record, csv_path), written, errors)
    if json_path is not None:
        _write(json_path, lambda: record_export.write_json(record, json_path), written, errors)
    return written, errors


def export_sweep(rows: list[dict], config: dict, repeat: int, plots: list[Path],
                 csv_path: Path | None = None) -> tuple[list[Path], list[str]]:
    """Write a sweep's chart(s) and its per-setting CSV; return what was written and the errors."""
    written: list[Path] = []
    errors: list[str] = []
    # The chart carries its title itself, so the export draws no second one above it.
    _write_figures(plots, lambda figures: (figures.sweep_figure(rows, figures.sweep_title(config, repeat)), ""),
                   written, errors)
    if csv_path is not None:
        _write(csv_path, lambda: atomic_write_text(csv_path, record_export.sweep_to_csv_text(rows)), written, errors)
    return written, errors
