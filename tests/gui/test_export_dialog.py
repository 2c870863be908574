"""The export dialog: files in every format, extension and format kept in step, errors shown inline."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from diabetes_trainer.gui.export_dialog import ExportDialog  # noqa: E402
from diabetes_trainer.gui.exporting import ExportError  # noqa: E402
from diabetes_trainer.gui.plots.loss_plot import LossPlot  # noqa: E402
from diabetes_trainer.gui.plots.sweep_plot import SweepPlot  # noqa: E402

TITLE = "Loss — batch 32, 3 epochs, 0 workers"


@pytest.fixture
def plots(qtbot):
    loss = LossPlot()
    loss.reset(4)
    loss.append_batches(np.linspace(0.7, 0.4, 12), np.repeat([1, 2, 3], 4), np.arange(1, 13) * 0.01)
    sweep = SweepPlot()
    sweep.set_rows([{"num_workers": 0, "seconds": 1.0, "min_s": 0.9, "max_s": 1.1, "startup_s": 0.0}])
    for widget in (loss, sweep):
        qtbot.addWidget(widget)
        widget.resize(500, 300)
        widget.show()
    return [("Loss", loss), ("Sweep", sweep)]


@pytest.fixture
def dialog(qtbot, plots, tmp_path):
    widget = ExportDialog(plots, TITLE, directory=tmp_path, plot_titles={"Sweep": "Training time vs num_workers"})
    qtbot.addWidget(widget)
    widget.show()
    return widget


def press_ok(dialog: ExportDialog, qtbot) -> None:
    qtbot.mouseClick(dialog.exportOkButton, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("format_name", "magic"), [("PNG", b"\x89PNG"), ("SVG", b"<?xml"), ("PDF", b"%PDF")])
def test_writes_each_format(dialog, qtbot, tmp_path, format_name, magic):
    dialog.exportFormatCombo.setCurrentIndex(dialog.exportFormatCombo.findText(format_name))
    path = tmp_path / f"loss.{format_name.lower()}"
    assert dialog.file_path() == path  # the default name follows the plot and the format
    press_ok(dialog, qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.exported_path == path
    assert path.read_bytes().startswith(magic)


def test_png_has_the_chosen_size_and_dpi(dialog, qtbot, tmp_path):
    dialog.exportWidthSpin.setValue(640)
    dialog.exportHeightSpin.setValue(400)
    dialog.exportDpiSpin.setValue(300)
    press_ok(dialog, qtbot)
    image = QImage(str(tmp_path / "loss.png"))
    assert (image.width(), image.height()) == (640, 400)
    assert image.dotsPerMeterX() == round(300 / 0.0254)


def test_an_unwritable_path_is_reported_inline_and_the_dialog_stays_open(dialog, qtbot, tmp_path):
    dialog.exportFileEdit.setText(str(tmp_path / "no such folder" / "loss.png"))
    press_ok(dialog, qtbot)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "does not exist" in dialog.message() and "no such folder" in dialog.message()
    assert dialog.exportMessageLabel.isVisible()
    dialog.exportFileEdit.setText(str(tmp_path / "loss.png"))
    press_ok(dialog, qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and (tmp_path / "loss.png").exists()


def test_a_folder_in_place_of_the_file_is_reported_inline(dialog, qtbot, tmp_path):
    (tmp_path / "taken.png").mkdir()
    dialog.exportFileEdit.setText(str(tmp_path / "taken.png"))
    press_ok(dialog, qtbot)
    assert dialog.isVisible() and "taken.png" in dialog.message()


def test_an_empty_file_name_asks_for_one(dialog, qtbot):
    dialog.exportFileEdit.clear()
    press_ok(dialog, qtbot)
    assert dialog.isVisible() and "Browse" in dialog.message()


def test_format_and_extension_stay_in_step(dialog, qtbot, tmp_path):
    dialog.exportFormatCombo.setCurrentIndex(dialog.exportFormatCombo.findText("PDF"))
    assert dialog.exportFileEdit.text().endswith("loss.pdf")
    dialog.exportFileEdit.clear()
    qtbot.keyClicks(dialog.exportFileEdit, str(tmp_path / "figure.svg"))
    assert dialog.exportFormatCombo.currentText() == "SVG"
    dialog.exportFileEdit.setText(str(tmp_path / "figure"))
    assert dialog.file_path() == tmp_path / "figure.svg"  # no extension typed: the format's is added


def test_choosing_another_plot_renames_the_file_and_takes_its_title(dialog):
    assert dialog.exportTitleEdit.text() == TITLE
    dialog.exportPlotCombo.setCurrentIndex(1)
    assert isinstance(dialog.plot_widget(), SweepPlot)
    assert dialog.file_path().name == "sweep.png"
    assert dialog.exportTitleEdit.text() == "Training time vs num_workers"


def test_a_title_the_user_typed_is_kept_when_the_plot_changes(dialog, qtbot):
    dialog.exportTitleEdit.clear()
    qtbot.keyClicks(dialog.exportTitleEdit, "My figure")
    dialog.exportPlotCombo.setCurrentIndex(1)
    assert dialog.exportTitleEdit.text() == "My figure"


def test_browse_uses_the_chosen_file(qtbot, plots, tmp_path):
    asked = []

    def choose(_parent, _caption, start, filters):
        asked.append((start, filters))
        return str(tmp_path / "chosen.pdf")

    dialog = ExportDialog(plots, TITLE, directory=tmp_path, choose_file=choose)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.exportBrowseButton, Qt.MouseButton.LeftButton)
    assert asked[0][0] == str(tmp_path / "loss.png") and "*.svg" in asked[0][1]
    assert dialog.file_path() == tmp_path / "chosen.pdf" and dialog.exportFormatCombo.currentText() == "PDF"


def test_copy_puts_the_plot_on_the_clipboard(dialog, qtbot):
    dialog.exportWidthSpin.setValue(320)
    dialog.exportHeightSpin.setValue(200)
    qtbot.mouseClick(dialog.exportCopyButton, Qt.MouseButton.LeftButton)
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (320, 200)
    assert "clipboard" in dialog.message()


def test_export_now_writes_without_a_dialog_and_draws_pending_data_first(plots, tmp_path):
    sweep = plots[1][1]
    rows = [{"num_workers": 0, "seconds": 1.0}, {"num_workers": 1, "seconds": 2.0}]
    # The first change may redraw at once (the last redraw is long ago on a slow machine); the second, right
    # after it, waits for the redraw interval, here made long so that the data is surely still pending.
    sweep.redraw_interval_ms = lambda: 60_000.0
    sweep.set_rows(rows[:1])
    sweep.set_rows(rows)
    assert sweep.is_dirty()
    path = ExportDialog.export_now(sweep, tmp_path / "sweep.svg", "Sweep", 800, 500, 96)
    assert path.read_bytes().startswith(b"<?xml")
    assert not sweep.is_dirty()
    with pytest.raises(ExportError):
        ExportDialog.export_now(sweep, tmp_path / "sweep.gif")


def test_every_control_is_named(dialog):
    for name in ("exportFileEdit", "exportBrowseButton", "exportFormatCombo", "exportWidthSpin", "exportHeightSpin",
                 "exportDpiSpin", "exportTitleEdit", "exportPlotCombo", "exportCopyButton", "exportOkButton",
                 "exportCancelButton"):
        widget = getattr(dialog, name)
        assert widget.objectName() == name and widget.accessibleName()
    assert dialog.objectName() == "exportDialog"
