"""An exported SVG looks the same in librsvg (rsvg-convert: LaTeX, Pandoc, Linux viewers), in Qt and as the PNG.

QSvgGenerator alone writes curves in data units under huge scale transforms with vector-effect, which librsvg
ignores: the curves came out as solid blocks of colour. The export writes coordinates in the SVG's own units.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from diabetes_trainer.gui.exporting import export_plot  # noqa: E402
from diabetes_trainer.gui.svg_flatten import flatten_svg  # noqa: E402

WIDTH, HEIGHT, DPI = 1200, 750, 150  # 800 x 500 screen pixels: the SVG's own units
MAX_MEAN_DIFFERENCE = 6.0  # of 255, per channel: ~2.5 (Qt) and ~3.2 (librsvg) here; the blocks of colour were ~130


def pixels(image: QImage, width: int, height: int) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888).scaled(
        width, height, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    row = image.bytesPerLine()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=row * height).reshape(height, row)
    return data[:, : width * 3].astype(float)


def mean_difference(a: QImage, b: QImage) -> float:
    # Compared at a quarter of the size: fonts and anti-aliasing differ a little between renderers, shapes not.
    return float(np.abs(pixels(a, 300, 188) - pixels(b, 300, 188)).mean())


def qt_render(svg_path, width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    QSvgRenderer(str(svg_path)).render(painter)
    painter.end()
    return image


def rsvg_render(svg_path, png_path, width: int, height: int) -> QImage:
    subprocess.run(["rsvg-convert", "-w", str(width), "-h", str(height), "-b", "white", "-o", str(png_path),
                    str(svg_path)], check=True, timeout=60)
    return QImage(str(png_path))


@pytest.fixture
def exported(loss_plot, fake_run, tmp_path):
    """The loss plot of a run, with validation points, exported to SVG and PNG."""
    loss_plot.reset(fake_run.iterations_per_epoch)
    loss_plot.append_batches(fake_run.losses, fake_run.epochs, fake_run.elapsed_s)
    for epoch, mean in fake_run.epoch_means().items():
        loss_plot.append_epoch(epoch, mean, mean + 0.05)
    loss_plot.redraw_now()
    title = "Loss — batch 32, 10 epochs"
    svg = export_plot(loss_plot, tmp_path / "loss.svg", title, WIDTH, HEIGHT, DPI)
    png = export_plot(loss_plot, tmp_path / "loss.png", title, WIDTH, HEIGHT, DPI)
    return svg, QImage(str(png))


def test_the_svg_has_coordinates_in_its_own_units(exported):
    svg, _png = exported
    text = svg.read_text(encoding="utf-8")
    assert "vector-effect" not in text
    root = ET.fromstring(text)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    for element in root.iter():
        transform = element.get("transform")
        if transform:
            a, b, c, d = (float(v) for v in re.findall(r"[-+\d.eE]+", transform)[:4])
            assert max(abs(a), abs(b), abs(c), abs(d)) <= 100, f"scale transform {transform}"
    # The curves' points lie inside the figure, in its units (not in data units under a transform).
    numbers = [float(v) for e in root.iter() if e.tag.endswith("path")
               for v in re.findall(r"[-+]?\d+\.?\d*", e.get("d", ""))]
    assert numbers and min(numbers) >= -1 and max(numbers) <= max(width, height) + 1


def test_qt_draws_the_svg_like_the_png(exported):
    svg, png = exported
    difference = mean_difference(qt_render(svg, png.width(), png.height()), png)
    print(f"Qt vs PNG: mean difference {difference:.2f}")
    assert difference < MAX_MEAN_DIFFERENCE


def test_librsvg_draws_the_svg_like_the_png(exported, tmp_path):
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (Debian/Ubuntu: apt install librsvg2-bin)")
    svg, png = exported
    rendered = rsvg_render(svg, tmp_path / "rsvg.png", png.width(), png.height())
    assert not rendered.isNull()
    difference = mean_difference(rendered, png)
    print(f"librsvg vs PNG: mean difference {difference:.2f}")
    assert difference < MAX_MEAN_DIFFERENCE


def test_without_flattening_librsvg_would_draw_blocks_of_colour(exported, loss_plot, tmp_path, monkeypatch):
    """The comparison above can fail: Qt's own SVG, unflattened, is far from the PNG in librsvg."""
    if shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed (Debian/Ubuntu: apt install librsvg2-bin)")
    _svg, png = exported
    from diabetes_trainer.gui import exporting

    monkeypatch.setattr(exporting, "flatten_svg", lambda data: data)
    raw = exporting.export_plot(loss_plot, tmp_path / "raw.svg", "Loss — batch 32, 10 epochs", WIDTH, HEIGHT, DPI)
    assert "vector-effect" in raw.read_text(encoding="utf-8")
    rendered = rsvg_render(raw, tmp_path / "raw.png", png.width(), png.height())
    difference = mean_difference(rendered, png)
    print(f"unflattened librsvg vs PNG: {difference:.2f}")
    assert difference > 3 * MAX_MEAN_DIFFERENCE


def test_flattening_keeps_what_it_cannot_bake_under_its_transform():
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
           b'<g stroke="red" transform="matrix(2,0,0,-10,5,50)">'
           b'<path vector-effect="non-scaling-stroke" d="M0,0 L10,1 C1,1 2,2 3,3 Z"/>'
           b'<text x="1" y="2">t</text>'
           b'<rect vector-effect="non-scaling-stroke" x="1" y="1" width="2" height="1"/></g>'
           b'<g transform="matrix(1,0,0,1,0,0)"></g></svg>')
    root = ET.fromstring(flatten_svg(svg))
    group = root[0]
    assert group.get("transform") is None
    path, wrapped, rect = list(group)
    assert path.get("d") == "M5,50 L25,40 C7,40 9,30 11,20 Z"
    assert wrapped.get("transform") == "matrix(2,0,0,-10,5,50)" and wrapped[0].text == "t"
    assert rect.tag.endswith("path") and rect.get("d") == "M7,40 L11,40 L11,30 L7,30 Z"
    assert len(root) == 1  # the empty group is gone
