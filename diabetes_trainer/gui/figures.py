"""Figures without a window: a stored run's loss plot and a sweep's chart, ready for ``exporting.export_plot``.

The CLI imports this module only when a figure is asked for, so that ``train`` and ``runs`` never load Qt
otherwise; the window uses it to export a stored run. The widgets are never shown: export_plot lays them out at
the figure's size while it paints.
"""

from __future__ import annotations

import math
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from diabetes_trainer import APP_NAME
from diabetes_trainer.core.config import iterations_per_epoch
from diabetes_trainer.gui.exporting import export_plot
from diabetes_trainer.gui.plots.loss_plot import LossPlot
from diabetes_trainer.gui.plots.sweep_plot import SweepPlot

_app: QApplication | None = None  # kept referenced: a collected QApplication takes every widget with it


# lupdate reads translate(context, "literal") only: no wrapper around it, or its strings stay English.
translate = QCoreApplication.translate


def ensure_app() -> QApplication:
    """The running QApplication, or a new one; off-screen where no display server is reachable (SSH, CI).

    Only X11/Wayland systems need the hint: Windows and macOS always have their native platform.
    """
    global _app
    existing = QApplication.instance()
    if existing is not None:
        return existing
    no_display = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if no_display and "QT_QPA_PLATFORM" not in os.environ and sys.platform not in ("win32", "darwin"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME])
    return _app


# --- titles ------------------------------------------------------------------------------------------------------

def _config_parts(config: dict[str, Any]) -> list[str]:
    parts = []
    if isinstance(config.get("batch_size"), int):
        parts.append(translate("figures", "batch {n}").format(n=config["batch_size"]))
    epochs = config.get("epochs")
    if isinstance(epochs, int):
        parts.append(translate("figures", "1 epoch") if epochs == 1
                     else translate("figures", "{n} epochs").format(n=epochs))
    if "shuffle" in config:
        parts.append(translate("figures", "shuffle on") if config["shuffle"] else translate("figures", "shuffle off"))
    return parts


def figure_title(record: dict, overlays: list[str] | tuple[str, ...] = ()) -> str:
    """What a loss figure shows, in one line: e.g. 'Loss — batch 32 · 10 epochs · shuffle on · 0 workers ·
    lr 0.01 · final loss 0.6412' (a run's name leads when it has one; a run that did not finish says so;
    ``overlays``: the names of runs drawn behind it, listed at the end)."""
    config = record.get("config") if isinstance(record.get("config"), dict) else {}
    parts = [str(record["name"])] if record.get("name") else []
    parts += _config_parts(config)
    workers = config.get("num_workers")
    if isinstance(workers, int):
        parts.append(translate("figures", "1 worker") if workers == 1
                     else translate("figures", "{n} workers").format(n=workers))
    if isinstance(config.get("lr"), (int, float)):
        parts.append(translate("figures", "lr {lr}").format(lr=f"{config['lr']:g}"))
    parts += _workload_parts(config)
    final_loss = record.get("final_loss")
    if isinstance(final_loss, (int, float)) and not isinstance(final_loss, bool):
        parts.append(translate("figures", "final loss {loss}").format(loss=f"{final_loss:.4f}"))
    status = record.get("status")
    if status == "stopped":
        parts.append(translate("figures", "stopped"))
    elif status == "failed":
        parts.append(translate("figures", "failed"))
    if overlays:
        parts.append(translate("figures", "compared with {runs}").format(runs="; ".join(overlays)))
    if not parts:
        return translate("figures", "Loss")
    return translate("figures", "Loss — {details}").format(details=" · ".join(parts))


def _workload_parts(config: dict) -> list[str]:
    """The simulated slow loading, when there is some: what sets a delayed run apart from a plain one."""
    parts = []
    for key, label in (("sample_delay_ms", translate("figures", "{ms} ms delay per sample")),
                       ("sample_cpu_ms", translate("figures", "{ms} ms CPU per sample"))):
        if isinstance(config.get(key), (int, float)) and config[key] > 0:
            parts.append(label.format(ms=f"{config[key]:g}"))
    return parts


def sweep_title(config: dict, repeat: int) -> str:
    """e.g. 'num_workers sweep — batch 32 · 10 epochs · shuffle on · median of 3 runs each'."""
    parts = _config_parts(config)
    if repeat > 1:
        parts.append(translate("figures", "median of {n} runs each").format(n=repeat))
    parts += _workload_parts(config)
    head = translate("figures", "num_workers sweep")
    return f"{head} — {' · '.join(parts)}" if parts else head


# --- figures -----------------------------------------------------------------------------------------------------

def _numbers(values: Any) -> np.ndarray:
    """A record's list as floats; anything that is not a number (a hand-edited file) becomes NaN."""
    if not isinstance(values, list):
        return np.empty(0)
    return np.array([float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan
                     for v in values], dtype=np.float64)


def _iterations_per_epoch(record: dict, epoch_values: np.ndarray) -> int:
    config = record.get("config") if isinstance(record.get("config"), dict) else {}
    data = record.get("data") if isinstance(record.get("data"), dict) else {}
    rows, batch_size = data.get("rows"), config.get("batch_size")
    if isinstance(rows, int) and isinstance(batch_size, int) and batch_size > 0:
        per_epoch = iterations_per_epoch(rows, batch_size, float(config.get("val_fraction") or 0.0))
        if per_epoch >= 1:
            return per_epoch
    counts = Counter(epoch_values[np.isfinite(epoch_values)].tolist())  # no data block: the fullest epoch
    return int(max(counts.values(), default=1))


def loss_figure(record: dict) -> LossPlot:
    """A LossPlot showing a record's per-iteration losses, epoch means and validation losses."""
    ensure_app()
    losses = _numbers(record.get("losses"))
    count = len(losses)
    epoch_values = _numbers(record.get("iteration_epoch"))
    per_epoch = _iterations_per_epoch(record, epoch_values)
    if len(epoch_values) >= count and np.isfinite(epoch_values[:count]).all():
        epochs = epoch_values[:count].astype(np.int64)
    else:  # a record that lost its epoch column: the iterations fill the epochs in order
        epochs = np.arange(count, dtype=np.int64) // per_epoch + 1
    elapsed = _numbers(record.get("elapsed_s"))
    elapsed = elapsed[:count] if len(elapsed) >= count else np.full(count, math.nan)  # only the time axis uses it
    plot = LossPlot()
    plot.reset(per_epoch)
    plot.append_batches(losses, epochs, elapsed)
    for epoch in record.get("epochs") or []:
        if isinstance(epoch, dict) and isinstance(epoch.get("epoch"), int) \
                and isinstance(epoch.get("mean_loss"), (int, float)):
            val_loss = epoch.get("val_loss")
            plot.append_epoch(epoch["epoch"], epoch["mean_loss"],
                              val_loss if isinstance(val_loss, (int, float)) else None)
    plot.redraw_now()
    return plot


def sweep_figure(rows: list[dict], title: str) -> SweepPlot:
    """A SweepPlot of a sweep's rows (num_workers, seconds, min_s, max_s, startup_s, steady_s), titled."""
    ensure_app()
    plot = SweepPlot()
    plot.set_rows(rows)
    plot.set_title(title)
    plot.redraw_now()
    return plot


def export_figure(widget: QWidget, path: str | Path, title: str = "") -> Path:
    """Write a figure to ``path`` (.png, .svg or .pdf by its extension); raises exporting.ExportError."""
    return export_plot(widget, path, title)
