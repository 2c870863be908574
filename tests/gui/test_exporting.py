import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import errno  # noqa: E402
import re  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402
import zlib  # noqa: E402

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage  # noqa: E402
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView  # noqa: E402

from diabetes_trainer.core import atomic_files  # noqa: E402
from diabetes_trainer.gui import exporting  # noqa: E402
from diabetes_trainer.gui.exporting import (  # noqa: E402
    SUPPORTED,
    ExportError,
    copy_plot_to_clipboard,
    export_plot,
    render_plot_image,
)
from diabetes_trainer.gui.plots.cpu_plot import CpuPanel  # noqa: E402
from diabetes_trainer.gui.plots.theme import DARK, LIGHT, apply_theme  # noqa: E402

TITLE = "Loss — batch 32, 10 epochs, shuffle on, 0 workers, final loss 0.6412"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def plot(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.addLegend()
    x = np.arange(200, dtype=float)
    widget.plot(x, np.exp(-x / 50), pen=pg.mkPen("#0072B2", width=2), name="training loss")
    widget.plot(x, np.exp(-x / 60) + 0.1, pen=pg.mkPen("#D55E00", width=2), name="validation loss",
                symbol="o", symbolSize=5)
    widget.setLabel("bottom", "epoch")
    apply_theme(widget, LIGHT)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_png_has_the_asked_size_and_resolution(plot, tmp_path):
    path = export_plot(plot, tmp_path / "loss.png", TITLE, width_px=800, height_px=500, dpi=200)
    assert path == tmp_path / "loss.png"
    image = QImage(str(path))
    assert not image.isNull()
    assert (image.width(), image.height()) == (800, 500)
    assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(200 / 0.0254)
    assert _files(tmp_path) == ["loss.png"]  # no temporary file left over


def test_the_title_is_drawn_above_the_plot(plot):
    with_title = render_plot_image(plot, TITLE, 800, 500, 96)
    without = render_plot_image(plot, "", 800, 500, 96)
    strip = with_title.copy(0, 0, 800, 30)
    dark = sum(1 for x in range(0, 800, 2) for y in range(0, 30, 2) if strip.pixelColor(x, y).lightness() < 100)
    assert dark > 50  # black title text on the white background
    assert with_title != without


def test_png_background_follows_the_theme(plot):
    assert render_plot_image(plot, "", 200, 120, 96).pixelColor(1, 1) == QColor(LIGHT.background)
    apply_theme(plot, DARK)
    assert render_plot_image(plot, "", 200, 120, 96).pixelColor(1, 1) == QColor(DARK.background)


def test_svg_is_vectors_with_the_title(plot, tmp_path):
    path = export_plot(plot, tmp_path / "loss.svg", TITLE, width_px=1600, height_px=1000, dpi=150)
    root = ET.parse(path).getroot()
    shapes = [e for e in root.iter() if e.tag in (SVG + "path", SVG + "polyline")]
    assert len(shapes) > 10
    assert not [e for e in root.iter() if e.tag == SVG + "image"]  # no embedded bitmap of the plot
    assert root.find(SVG + "title").text == TITLE
    texts = [("".join(e.itertext())).strip() for e in root.iter(SVG + "text")]
    assert TITLE in texts
    # 1600 px at 150 dpi: 10.67 inches wide, whatever the drawing's own units.
    width_mm = float(re.match(r"([\d.]+)mm", root.get("width")).group(1))
    assert width_mm == pytest.approx(1600 / 150 * 25.4, rel=0.01)
    # A curve is one path through its 200 points (not 199 separate segments).
    assert max(len(re.findall(r"[\d.]+,[\d.]+", e.get("d", "") + e.get("points", ""))) for e in shapes) >= 200


def test_pdf_is_a_document_with_a_page_fitted_to_the_figure(plot, tmp_path):
    path = export_plot(plot, tmp_path / "loss.pdf", TITLE, width_px=1500, height_px=1000, dpi=150)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert float(box.group(1)) == pytest.approx(1500 / 150 * 72, abs=1)  # 10 x 6.67 inches, in points
    assert float(box.group(2)) == pytest.approx(1000 / 150 * 72, abs=1)
    assert _files(tmp_path) == ["loss.pdf"]
    # Vectors: no image in the file, and the curves' points as line-to operators in the content streams.
    assert b"/Subtype /Image" not in data
    contents = b"".join(_inflate(s) for s in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S))
    assert len(re.findall(rb"[\d.]+ [\d.]+ l\b", contents)) >= 400


def _inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return stream


def test_the_clipboard_gets_an_image(plot):
    copy_plot_to_clipboard(plot, TITLE, width_px=640, height_px=400)
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (640, 400)


def test_an_unknown_extension_is_refused_and_writes_nothing(plot, tmp_path):
    with pytest.raises(ExportError) as raised:
        export_plot(plot, tmp_path / "loss.jpeg", TITLE)
    assert "loss.jpeg" in str(raised.value)
    assert ".png" in str(raised.value)
    assert _files(tmp_path) == []


def test_the_extension_is_case_insensitive(plot, tmp_path):
    path = export_plot(plot, tmp_path / "LOSS.PNG", TITLE, width_px=300, height_px=200)
    assert not QImage(str(path)).isNull()


@pytest.mark.parametrize("suffix", sorted(SUPPORTED))
def test_a_folder_that_cannot_be_written_gives_a_clear_error_and_no_file(plot, tmp_path, suffix):
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    target = not_a_folder / f"loss{suffix}"
    with pytest.raises(ExportError) as raised:
        export_plot(plot, target, TITLE, width_px=300, height_px=200)
    assert str(target) in str(raised.value)
    assert "does not exist" in str(raised.value)
    assert _files(tmp_path) == ["notes.txt"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into any folder")
def test_a_read_only_folder_gives_a_clear_error(plot, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError) as raised:
            export_plot(plot, folder / "loss.png", TITLE, width_px=300, height_px=200)
        assert "permission" in str(raised.value)
        assert _files(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_denied_write_gives_a_clear_error(plot, tmp_path, monkeypatch):
    # The read-only-folder test above is skipped when the tests run as root; the OS's answer is simulated.
    def denied(path, *flags_and_mode):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(atomic_files.os, "open", denied)
    with pytest.raises(ExportError) as raised:
        export_plot(plot, tmp_path / "loss.pdf", TITLE, width_px=300, height_px=200)
    assert "loss.pdf" in str(raised.value) and "no permission" in str(raised.value)
    assert _files(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_untouched_and_no_temporary_file(plot, tmp_path, monkeypatch):
    target = tmp_path / "loss.svg"
    target.write_text("the previous export")

    def disk_full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    with pytest.raises(ExportError) as raised:
        export_plot(plot, target, TITLE, width_px=300, height_px=200)
    assert str(target) in str(raised.value)
    assert "disk is full" in str(raised.value)
    assert target.read_text() == "the previous export"
    assert _files(tmp_path) == ["loss.svg"]


def test_an_existing_file_is_replaced(plot, tmp_path):
    target = tmp_path / "loss.png"
    target.write_bytes(b"old")
    export_plot(plot, target, TITLE, width_px=300, height_px=200)
    assert not QImage(str(target)).isNull()


def test_sizes_out_of_range_are_refused(plot, tmp_path):
    with pytest.raises(ExportError):
        export_plot(plot, tmp_path / "a.png", TITLE, width_px=10, height_px=200)
    with pytest.raises(ExportError):
        export_plot(plot, tmp_path / "a.png", TITLE, dpi=5)
    assert _files(tmp_path) == []


def test_the_widget_on_screen_is_left_as_it_was(qtbot, plot, tmp_path):
    qtbot.wait(20)
    before = plot.grab().toImage()
    size = plot.size()
    view_range = plot.getPlotItem().getViewBox().viewRange()
    for suffix in sorted(SUPPORTED):
        export_plot(plot, tmp_path / f"loss{suffix}", TITLE)
    qtbot.wait(20)
    assert plot.size() == size
    after = plot.getPlotItem().getViewBox().viewRange()
    assert np.allclose(after, view_range)
    assert plot.grab().toImage() == before


def test_a_panel_holding_a_plot_and_a_plain_graphics_view_can_be_exported(qtbot, tmp_path):
    panel = CpuPanel(cores=2)
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    for i in range(50):
        panel.plot.add_sample(100.0 + i / 10, [i % 100, 50.0])
    panel.plot.redraw_now()
    root = ET.parse(export_plot(panel, tmp_path / "cpu.svg", "CPU")).getroot()
    assert any(e.tag == SVG + "path" for e in root.iter())

    scene = QGraphicsScene()
    scene.addEllipse(0, 0, 100, 50)
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    view.resize(300, 200)
    image = QImage(str(export_plot(view, tmp_path / "view.png", "", width_px=300, height_px=200)))
    assert (image.width(), image.height()) == (300, 200)


def test_a_widget_without_a_plot_is_refused(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    label = QLabel("no plot here")
    qtbot.addWidget(label)
    with pytest.raises(ExportError):
        export_plot(label, tmp_path / "x.png")
    assert _files(tmp_path) == []


@pytest.mark.parametrize(("kind", "code"), [
    ("name_too_long", errno.ENAMETOOLONG), ("no_folder", errno.ENOENT), ("no_permission", errno.EACCES),
    ("read_only", errno.EROFS), ("disk_full", errno.ENOSPC), ("quota", errno.EDQUOT), ("is_folder", errno.EISDIR),
])
def test_each_kind_of_write_failure_has_its_own_advice_in_the_window(qapp, tmp_path, kind, code):
    """core/atomic_files.py classifies the failure once; the window says the same advice in the user's language."""
    target = tmp_path / "missing" / "loss.png" if kind == "no_folder" else tmp_path / "loss.png"
    error = atomic_files.FileWriteError(target, OSError(code, os.strerror(code)))
    assert error.kind == kind
    text = exporting.write_failure_text(error)
    assert str(target) in text and os.strerror(code) not in text  # advice, not the bare system message
    assert set(atomic_files.WRITE_HINTS) == {"name_too_long", "no_folder", "no_permission", "read_only",
                                             "disk_full", "quota", "is_folder"}
