"""Export a plot for lab reports: PNG, SVG and PDF files, or an image on the clipboard.

Every format is painted by the same function: a title strip, then the plot's QGraphicsScene rendered into
the rest of the page. SVG goes through Qt's own QSvgGenerator (pyqtgraph 0.14's SVGExporter fails on
PySide6 6.11, pyqtgraph issue 3485) and PDF through QPdfWriter, so curves stay vectors in both.

The figure is laid out at ``width_px x height_px`` device pixels seen as a screen of ``dpi`` dots per inch:
a pyqtgraph plot is re-laid out (axes, ticks, legend) at that logical size for the duration of the paint,
then put back before control returns to the event loop, so the visible widget never changes.

Files are written atomically: the figure is rendered into memory, written to a hidden temporary file in
the target folder, and renamed over the target only when complete.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView, QWidget

from diabetes_trainer import APP_NAME
from diabetes_trainer.core.atomic_files import FileWriteError, atomic_write_bytes

from .svg_flatten import flatten_svg

SUPPORTED = {".png", ".svg", ".pdf"}

SCREEN_DPI = 96.0  # the logical resolution a plot is laid out for on screen
TITLE_PIXEL_SIZE = 20.0  # logical pixels: about 15 pt, still legible when a figure is shrunk to page width
TITLE_MARGIN = 10.0
CLIPBOARD_DPI = 150
_MIN_SIDE_PX, _MAX_SIDE_PX = 64, 8000  # 8000 x 8000 is a 256 MB image: large enough for any poster
_MIN_DPI, _MAX_DPI = 36, 1200


# lupdate reads translate(context, "literal") only: no wrapper around it, or its strings stay English.
translate = QCoreApplication.translate


class ExportError(RuntimeError):
    """An export that could not be done; the message names the file, the cause and what to do."""


def export_plot(
    widget: QWidget,
    path: str | Path,
    title: str = "",
    width_px: int = 1600,
    height_px: int = 1000,
    dpi: int = 150,
) -> Path:
    """Write the plot shown by ``widget`` to ``path`` (.png, .svg or .pdf, chosen by the extension)."""
    path = Path(path)
    extension = path.suffix.lower()
    if extension not in SUPPORTED:
        raise ExportError(
            translate("exporting", "Cannot export to {path}: the file type \u201c{ext}\u201d is not supported. "
                "Use a name ending in .png, .svg or .pdf.").format(path=path, ext=path.suffix or path.name)
        )
    _check_size(path, width_px, height_px, dpi)
    if extension == ".png":
        data = _png_bytes(widget, title, width_px, height_px, dpi, path)
    elif extension == ".svg":
        data = _svg_bytes(widget, title, width_px, height_px, dpi, path)
    else:
        data = _pdf_bytes(widget, title, width_px, height_px, dpi, path)
    _write_atomically(path, data)
    return path


def copy_plot_to_clipboard(
    widget: QWidget, title: str = "", width_px: int = 1600, height_px: int = 1000
) -> None:
    """Put the figure on the clipboard as an image (for pasting into a document)."""
    image = render_plot_image(widget, title, width_px, height_px, CLIPBOARD_DPI)
    QGuiApplication.clipboard().setImage(image)


def render_plot_image(widget: QWidget, title: str, width_px: int, height_px: int, dpi: int) -> QImage:
    """The figure as a QImage of ``width_px x height_px`` with its resolution set to ``dpi``."""
    _check_size(None, width_px, height_px, dpi)
    image = QImage(width_px, height_px, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(translate("exporting", "Could not make an image of {w} x {h} pixels: not enough memory. "
                              "Try a smaller size.").format(w=width_px, h=height_px))
    # Paint in screen pixels on a high-dpi image: the device pixel ratio scales everything up, including
    # items that ignore the painter's transform (pyqtgraph's legend), which a QPainter.scale() would miss.
    # The image is stamped with the real dpi afterwards.
    scale = dpi / SCREEN_DPI
    _set_dpi(image, SCREEN_DPI)
    image.setDevicePixelRatio(scale)
    image.fill(_background(widget))
    painter = QPainter()
    if not painter.begin(image):
        raise ExportError(translate("exporting", "Could not paint an image of {w} x {h} pixels. "
                              "Try a smaller size.").format(w=width_px, h=height_px))
    try:
        _paint_figure(painter, widget, title, _logical_size(width_px, height_px, dpi))
    finally:
        painter.end()
    image.setDevicePixelRatio(1.0)
    _set_dpi(image, dpi)
    return image


def _set_dpi(image: QImage, dpi: float) -> None:
    dots_per_meter = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)


def _logical_size(width_px: int, height_px: int, dpi: int) -> QSizeF:
    """The figure in screen pixels: the same physical size as ``width_px`` at ``dpi``."""
    scale = dpi / SCREEN_DPI
    return QSizeF(width_px / scale, height_px / scale)


def _check_size(path: Path | None, width_px: int, height_px: int, dpi: int) -> None:
    what = translate("exporting", "the figure") if path is None else str(path)
    for side in (width_px, height_px):
        if not _MIN_SIDE_PX <= side <= _MAX_SIDE_PX:
            raise ExportError(
                translate("exporting", "Cannot export {what}: a size of {w} x {h} pixels is outside {lo}-{hi} "
                                       "pixels per side. Choose a size inside that range.").format(
                    what=what, w=width_px, h=height_px, lo=_MIN_SIDE_PX, hi=_MAX_SIDE_PX)
            )
    if not _MIN_DPI <= dpi <= _MAX_DPI:
        raise ExportError(
            translate("exporting", "Cannot export {what}: {dpi} dots per inch is outside {lo}-{hi}. "
                "Use 150 for reports or 300 for print.").format(what=what, dpi=dpi, lo=_MIN_DPI, hi=_MAX_DPI)
        )


# ---- the three formats, rendered into memory ---------------------------------------------------------


def _png_bytes(widget: QWidget, title: str, width_px: int, height_px: int, dpi: int, path: Path) -> bytes:
    image = render_plot_image(widget, title, width_px, height_px, dpi)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"png")
    if not writer.write(image):
        raise ExportError(translate("exporting", "Could not encode {path} as PNG: {why}. Try SVG or PDF "
                                                 "instead.").format(path=path, why=writer.errorString()))
    buffer.close()
    return bytes(data.data())


def _svg_bytes(widget: QWidget, title: str, width_px: int, height_px: int, dpi: int, path: Path) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    # Vectors have no pixels: draw in screen pixels at 96 dpi, which keeps the physical size of
    # width_px at dpi (in the width/height attributes) and point-size fonts as on screen.
    logical = _logical_size(width_px, height_px, dpi)
    generator.setSize(logical.toSize())
    generator.setViewBox(QRectF(QPointF(0, 0), logical))
    generator.setResolution(round(SCREEN_DPI))
    generator.setTitle(title or translate("exporting", "Plot"))
    generator.setDescription(translate("exporting", "Exported from {app}").format(app=APP_NAME))
    _paint_vector(generator, widget, title, logical, path, "SVG")
    buffer.close()
    return flatten_svg(bytes(data.data()))  # coordinates in the SVG's own units: librsvg draws it like Qt


def _pdf_bytes(widget: QWidget, title: str, width_px: int, height_px: int, dpi: int, path: Path) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    # Device pixels of 1/96 inch, like the screen: pyqtgraph's cosmetic (1 px) pens stay visible (at the
    # default 1200 dpi they would be hairlines) and the layout matches the SVG and PNG.
    writer.setResolution(round(SCREEN_DPI))
    points = QSizeF(width_px * 72.0 / dpi, height_px * 72.0 / dpi)
    page_size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    writer.setTitle(title or translate("exporting", "Plot"))
    writer.setCreator(APP_NAME)
    _paint_vector(writer, widget, title, QSizeF(writer.width(), writer.height()), path, "PDF")
    buffer.close()
    return bytes(data.data())


def _paint_vector(
    device: QPaintDevice, widget: QWidget, title: str, size: QSizeF, path: Path, kind: str
) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise ExportError(translate("exporting", "Could not start drawing {path} as {kind}. Try PNG instead.").format(
            path=path, kind=kind))
    try:
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), _background(widget))
        _paint_figure(painter, widget, title, size)
    finally:
        finished = painter.end()
    if not finished:
        raise ExportError(translate("exporting", "Could not finish drawing {path} as {kind}. Try PNG instead.").format(
            path=path, kind=kind))


# ---- painting -------------------------------------------------------------------------------------------


def _paint_figure(painter: QPainter, widget: QWidget, title: str, size: QSizeF) -> None:
    """Title strip and plot, in screen pixels (the caller scales the painter to the device)."""
    view = _graphics_view(widget)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        title_height = _paint_title(painter, title, size.width(), _background(widget), view.font())
        target = QRectF(0, title_height, size.width(), max(1.0, size.height() - title_height))
        _render_scene(painter, view, target)
    finally:
        painter.restore()


def _paint_title(painter: QPainter, title: str, width: float, background: QColor, base_font: QFont) -> float:
    """Draws the title, wrapped to the width; returns the height of the strip it used."""
    if not title.strip():
        return 0.0
    font = QFont(base_font)
    font.setPixelSize(round(TITLE_PIXEL_SIZE))
    font.setBold(True)
    text_width = max(1.0, width - 2 * TITLE_MARGIN)
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
    bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, text_width, 10_000), flags, title)
    strip = QRectF(TITLE_MARGIN, TITLE_MARGIN, text_width, bounds.height())
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("white") if background.lightness() < 128 else QColor("black"))
    painter.drawText(strip, flags, title)
    painter.restore()
    return strip.bottom() + TITLE_MARGIN / 2


def _render_scene(painter: QPainter, view: QGraphicsView, target: QRectF) -> None:
    scene = view.scene()
    if scene is None:
        return
    items = scene.items()
    # resolutionScale 1: the painter works in screen pixels (a PNG's device pixel ratio does the rest).
    options = {
        "antialias": True, "background": _background(view), "painter": painter, "resolutionScale": 1.0,
    }
    # Thick pens make pyqtgraph draw a curve as separate segments (faster on screen); one path per curve is
    # what a report wants (one SVG element to restyle, no seams between segments).
    curves = [item for item in items if isinstance(item, pg.PlotCurveItem)]
    segment_modes = [curve.opts["segmentedLineMode"] for curve in curves]
    for item in items:
        if hasattr(item, "setExportMode"):  # pyqtgraph: hide buttons, draw scatter symbols as vectors
            item.setExportMode(True, options)
    for curve in curves:
        curve.setSegmentedLineMode("off")
    try:
        with _laid_out_at(view, target.size()) as source:
            scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        for curve, mode in zip(curves, segment_modes):
            curve.setSegmentedLineMode(mode)
        for item in items:
            if hasattr(item, "setExportMode"):
                item.setExportMode(False)


@contextlib.contextmanager
def _laid_out_at(view: QGraphicsView, size: QSizeF) -> Iterator[QRectF]:
    """Yields the scene rectangle to render; a pyqtgraph central item is laid out at ``size`` meanwhile."""
    central = getattr(view, "centralWidget", None) if isinstance(view, pg.GraphicsView) else None
    if central is None:
        yield view.mapToScene(view.viewport().rect()).boundingRect()
        return
    original = central.geometry()
    central.setGeometry(QRectF(original.topLeft(), size))
    try:
        yield central.sceneBoundingRect()
    finally:
        central.setGeometry(original)


def _graphics_view(widget: QWidget) -> QGraphicsView:
    if isinstance(widget, QGraphicsView):
        return widget
    views = widget.findChildren(QGraphicsView) if isinstance(widget, QWidget) else []
    if not views:
        raise ExportError(translate("exporting", "There is no plot to export in {name}.").format(
            name=widget.objectName() or type(widget).__name__))
    return views[0]


def _background(widget: QWidget) -> QColor:
    """The plot's own background (light or dark theme), or white when it has none."""
    view = _graphics_view(widget)
    brush: QBrush = view.backgroundBrush()
    color = brush.color()
    if brush.style() == Qt.BrushStyle.NoBrush or color.alpha() == 0:
        return QColor("white")
    return color


# ---- atomic writing -------------------------------------------------------------------------------------


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except FileWriteError as error:
        raise ExportError(write_failure_text(error)) from error


def write_failure_text(error: FileWriteError) -> str:
    """core/atomic_files.py's advice for this failure (its ``kind``), in the user's language."""
    path, kind = error.path, error.kind
    if kind == "name_too_long":
        return translate("exporting", "Could not save {path}: the file name is too long. Choose a shorter "
                                      "name.").format(path=path)
    if kind == "no_folder":
        return translate("exporting", "Could not save {path}: the folder {folder} does not exist. "
                   "Choose an existing folder.").format(path=path, folder=path.parent)
    if kind == "no_permission":
        return translate("exporting", "Could not save {path}: no permission to write there. "
                   "Choose a folder you can write to, or close the file if another program has it open."
                   ).format(path=path)
    if kind == "read_only":
        return translate("exporting", "Could not save {path}: the drive is read-only. Choose another "
                                      "folder.").format(path=path)
    if kind in ("disk_full", "quota"):
        return translate("exporting", "Could not save {path}: the disk is full. Free some space or choose another "
                                      "drive.").format(path=path)
    if kind == "is_folder":
        return translate("exporting", "Could not save {path}: a folder has that name. Choose another file "
                                      "name.").format(path=path)
    return translate("exporting", "Could not save {path}: {reason}. Choose another folder or file name.").format(
        path=path, reason=error.reason)
