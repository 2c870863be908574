"""Rewrite QSvgGenerator's output so that every renderer draws it alike: coordinates in the SVG's own units.

pyqtgraph paints a curve in data coordinates under the view's transform (x by 3.6, y by -352 for a loss curve)
with a cosmetic (1 px) pen; QSvgGenerator writes that as a group with the huge scale transform and paths marked
``vector-effect="non-scaling-stroke"``. Qt and browsers honour the mark; librsvg and ImageMagick (what LaTeX,
Pandoc and Linux viewers use) do not, so the 2 px stroke grows 352 times into a solid block of colour.

Here each cosmetic shape's points are multiplied by its group's matrix (an affine map keeps lines, Bézier control
points and so the drawing exactly) and the mark and the transform are dropped. Anything else under a transform
(text, images, shapes with a scaled pen) keeps the transform, wrapped in a group of its own so the paint order
stays. No Qt here: a pure function over the file's bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np

SVG_NS = "http://www.w3.org/2000/svg"
_NAMESPACES = {"": SVG_NS, "xlink": "http://www.w3.org/1999/xlink"}
_G = f"{{{SVG_NS}}}g"
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = re.compile(rf"({_NUMBER})\s*,\s*({_NUMBER})")
_MATRIX = re.compile(rf"^\s*matrix\(\s*({_NUMBER})\s*,\s*({_NUMBER})\s*,\s*({_NUMBER})\s*,\s*({_NUMBER})\s*,"
                     rf"\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\)\s*$")
# Qt writes paths with absolute moves, lines, cubic curves and closes only; anything else is left alone.
_FLATTENABLE_PATH = re.compile(r"^[MLCZ\s\d.,eE+-]*$")
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def flatten_svg(data: bytes) -> bytes:
    """``data`` with cosmetic shapes' coordinates in the output's units, no ``vector-effect``, no scale groups."""
    for prefix, uri in _NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(data)
    _flatten_children(root)
    for element in root.iter():
        element.attrib.pop("vector-effect", None)  # every renderer draws what is left alike without it
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                                     xml_declaration=False)


def _flatten_children(parent: ET.Element) -> None:
    for group in list(parent):
        if group.tag != _G:
            continue
        if len(group) == 0 and not (group.text or "").strip():
            parent.remove(group)  # Qt writes one per state change, most of them empty
            continue
        _flatten_children(group)  # inner groups first: the wrappers made below are not visited again
        matrix = _parse_matrix(group.get("transform"))
        if matrix == _IDENTITY:
            del group.attrib["transform"]
        elif matrix is not None and any(_is_cosmetic(child) for child in group):
            _flatten_group(group, matrix)


def _is_cosmetic(element: ET.Element) -> bool:
    return element.get("vector-effect") == "non-scaling-stroke"


def _flatten_group(group: ET.Element, matrix: tuple[float, ...]) -> None:
    """Bake ``matrix`` into the group's cosmetic shapes; keep it, per element, for everything else."""
    transform = group.attrib.pop("transform")
    for index, child in enumerate(list(group)):
        if _is_cosmetic(child) and _bake(child, matrix):
            continue
        wrapper = ET.Element(_G, {"transform": transform})
        group.remove(child)
        wrapper.append(child)
        group.insert(index, wrapper)


def _bake(element: ET.Element, matrix: tuple[float, ...]) -> bool:
    """Map the element's points through ``matrix`` in place; False when it is a kind we do not rewrite."""
    tag = element.tag.rsplit("}", 1)[-1]
    if tag == "path":
        d = element.get("d", "")
        if not _FLATTENABLE_PATH.match(d):
            return False
        element.set("d", _map_pairs(d, matrix))
    elif tag in ("polyline", "polygon"):
        element.set("points", _map_pairs(element.get("points", ""), matrix))
    elif tag == "rect" and not element.get("rx") and not element.get("ry"):
        x, y = float(element.get("x", 0)), float(element.get("y", 0))
        w, h = float(element.get("width", 0)), float(element.get("height", 0))
        element.tag = f"{{{SVG_NS}}}path"
        for name in ("x", "y", "width", "height"):
            element.attrib.pop(name, None)
        element.set("d", _map_pairs(f"M{x},{y} L{x + w},{y} L{x + w},{y + h} L{x},{y + h} Z", matrix))
    else:
        return False
    return True


def _map_pairs(text: str, matrix: tuple[float, ...]) -> str:
    pairs = _PAIR.findall(text)
    if not pairs:
        return text
    a, b, c, d, e, f = matrix
    xy = np.array(pairs, dtype=float)
    x = a * xy[:, 0] + c * xy[:, 1] + e
    y = b * xy[:, 0] + d * xy[:, 1] + f
    mapped = iter([f"{_short(u)},{_short(v)}" for u, v in zip(x.tolist(), y.tolist())])
    return _PAIR.sub(lambda _match: next(mapped), text)


def _short(value: float) -> str:
    """Three decimals of a pixel, without trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _parse_matrix(transform: str | None) -> tuple[float, ...] | None:
    if not transform:
        return None
    match = _MATRIX.match(transform)
    if match is None:
        return None
    return tuple(float(value) for value in match.groups())
