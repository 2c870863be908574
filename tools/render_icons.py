"""Render the app icon's PNG, ICO and ICNS files from resources/icons/diabetes-trainer.svg.

Run after editing the SVG (no display needed):

    QT_QPA_PLATFORM=offscreen python tools/render_icons.py

Writes diabetes-trainer-<N>.png for every size in PNG_SIZES, diabetes-trainer.ico (Windows shortcuts) and
diabetes-trainer.icns (the macOS app bundle). Both containers hold PNG data, which Windows Vista+ and
macOS 10.7+ read, so no image library beyond Qt is needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICON_NAME = "diabetes-trainer"
PNG_SIZES = (16, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 32, 48, 256)
# Apple's OSType for each PNG slot; the @2x slots reuse the image of twice the size.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn onto a transparent size x size image, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"Qt could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (ICONDIR header, one ICONDIRENTRY per size, then the data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # a 0 byte means 256 px
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def build_icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (OSType, length including its 8-byte header, PNG) chunks."""
    chunks = b"".join(struct.pack(">4sI", kind, 8 + len(pngs[size])) + pngs[size]
                      for kind, size in ICNS_TYPES)
    return struct.pack(">4sI", b"icns", 8 + len(chunks)) + chunks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ICON_DIR, help="output folder (default: %(default)s)")
    args = parser.parse_args(argv)

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (Qt's paint engine wants one)
    svg_path = ICON_DIR / f"{ICON_NAME}.svg"
    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        print(f"{svg_path}: Qt's SVG renderer cannot read this file", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(renderer, size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    written = []
    for size in PNG_SIZES:
        written.append(args.out / f"{ICON_NAME}-{size}.png")
        written[-1].write_bytes(pngs[size])
    written.append(args.out / f"{ICON_NAME}.ico")
    written[-1].write_bytes(build_ico({size: pngs[size] for size in ICO_SIZES}))
    written.append(args.out / f"{ICON_NAME}.icns")
    written[-1].write_bytes(build_icns(pngs))
    for path in written:
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
