"""Every use of pyqtgraph's private API, in one place: what pyqtgraph does not document can change in any release.

The pyqtgraph requirement in pyproject.toml has an upper bound; tests/gui/test_pyqtgraph_adapter.py checks each
entry of :data:`PRIVATE_API` against the installed pyqtgraph, so raising the bound shows at once what broke.

An axis whose grid lines are opaque and drawn behind the data: the same look, a fraction of the paint time.

pyqtgraph draws grid lines as the axis's ticks stretched across the plot, in the axis colour made see-through.
Qt's raster painter blends every pixel of a see-through line: ~30 grid lines across a 900x380 plot take ~4.5 ms
to paint, against ~0.2 ms for the same lines opaque. With several live plots repainting 10-30 times a second, the
grid alone would cost the window more than a 60 Hz frame. So each see-through tick pen is replaced by the opaque
colour it would have looked like on the plot's background. Opaque lines drawn over the data would hide it where
they cross, so the axes sit behind the data (as matplotlib draws its grid).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QAction, QColor, QPen

BEHIND_THE_DATA = -200  # pyqtgraph's ViewBox, which holds the data, sits at z = -100

# (class, private name, what we rely on): one test each in tests/gui/test_pyqtgraph_adapter.py.
PRIVATE_API = (
    ("AxisItem", "_updateLabel", "setLabel and every style or range change call it; GridAxisItem overrides it"),
    ("AxisItem", "_adjustSize", "GridAxisItem._updateLabel calls it, as pyqtgraph's own does"),
    ("AxisItem", "picture", "the cached drawing of the axis, dropped to repaint with new colours"),
    ("ViewBox", "_applyMenuEnabled", "setMenuEnabled calls it to build the menu; LazyMenuViewBox defers that"),
    ("GraphicsScene", "contextMenu", "the scene's own right-click entries; [0] is its Export... action"),
    ("PlotWidget", "clear", "PlotWidget.__init__ copies PlotItem.clear onto the instance"),
)


def opaque_on(color: QColor, background: QColor) -> QColor:
    """``color`` (with its alpha) as it looks painted on the opaque ``background``, as an opaque colour."""
    alpha = color.alphaF()
    mixed = [alpha * c + (1.0 - alpha) * b for c, b in zip(color.getRgbF()[:3], background.getRgbF()[:3],
                                                             strict=True)]
    return QColor.fromRgbF(*mixed)


class GridAxisItem(pg.AxisItem):
    """A pyqtgraph AxisItem that paints its see-through tick and grid lines as opaque lines, behind the data.

    Every axis of our plots is one (the hidden right and top ones too), so none rescales to SI prefixes.
    """

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self._background = QColor("#FFFFFF")
        # Before the axis follows a view: with no units pyqtgraph would still rescale a 0..1 axis to "(x0.001)",
        # and would re-parse the label's HTML at every range change, even on the hidden right and top axes.
        self.enableAutoSIPrefix(False)

    # pyqtgraph re-parses the label's HTML (~0.15 ms) at every pen, style and range change, hidden or not and
    # changed or not: ~150 parses while the window is built, mostly of labels never shown (right, top and unnamed
    # axes). Here a label is parsed when it is shown and its HTML has changed.
    _label_html: str | None = None  # what the label item holds now

    def _updateLabel(self) -> None:  # noqa: N802 (pyqtgraph's name; same steps, minus needless parsing)
        if self.label.isVisibleTo(self):
            self._parse_label()
        self._adjustSize()
        self.picture = None
        self._fit_label()
        self.update()

    def resizeEvent(self, ev=None) -> None:  # noqa: N802 (pyqtgraph's name)
        super().resizeEvent(ev)
        self._fit_label()

    def _fit_label(self) -> None:
        """A vertical axis's title longer than the axis (a short plot, presentation mode) is drawn smaller so
        that it fits whole, centred, instead of being cut at both ends."""
        if self.orientation not in ("left", "right") or self.label is None:
            return
        length = self.label.boundingRect().width()
        room = self.size().height()
        scale = min(1.0, room / length) if length > 0 and room > 0 else 1.0
        if scale != self.label.scale():
            self.label.setScale(scale)
        if scale < 1.0 or self.label.scale() != 1.0:
            position = self.label.pos()
            position.setY(room / 2 + length * scale / 2)  # as pyqtgraph centres it, at the drawn length
            self.label.setPos(position)

    def showLabel(self, show: bool = True) -> None:  # noqa: N802 (pyqtgraph's name)
        if show:
            self._parse_label()  # before pyqtgraph sizes the axis around it
        super().showLabel(show)

    def _parse_label(self) -> None:
        html = self.labelString()
        if html != self._label_html:
            self._label_html = html
            self.label.setHtml(html)

    _whole_numbers = False

    def set_whole_number_ticks(self, on: bool) -> None:
        """Ticks only at whole numbers (iterations, epochs): an empty or 2-point plot shows 1, 2, not 1.2, 1.4."""
        if on != self._whole_numbers:
            self._whole_numbers = on
            self.picture = None
            self.update()

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph's names)
        levels = super().tickSpacing(minVal, maxVal, size)
        if not self._whole_numbers:
            return levels
        # pyqtgraph's spacings are 1, 2 or 5 times a power of ten: those of 1 and more are whole numbers.
        whole = [(spacing, offset) for spacing, offset in levels if spacing >= 1]
        return whole or [(1.0, 0.0)]

    def put_behind_the_data(self) -> None:
        """Call once the axis is in its PlotItem (which sets every axis's z value as it places it)."""
        self.setZValue(BEHIND_THE_DATA)

    def set_background(self, color: str | QColor) -> None:
        """The colour the plot is drawn on, which see-through lines are mixed into."""
        self._background = QColor(color)
        self.picture = None  # pyqtgraph's cached drawing of this axis
        self.update()

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name; its documented place to change the drawing)
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return None
        axis_spec, tick_specs, text_specs = specs
        return axis_spec, [(self._opaque(pen), start, end) for pen, start, end in tick_specs], text_specs

    def _opaque(self, pen: QPen) -> QPen:
        if pen.color().alpha() == 255:
            return pen
        opaque = QPen(pen)
        opaque.setColor(opaque_on(pen.color(), self._background))
        return opaque


class LazyMenuViewBox(pg.ViewBox):
    """pyqtgraph's ViewBox, whose right-click menu (a few ms of widgets per plot) is built on its first use, not
    while the window is being built."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, enableMenu=False, **kwargs)
        self.setMenuEnabled(True)

    def _applyMenuEnabled(self) -> None:  # noqa: N802 (pyqtgraph's name)
        if not self.menuEnabled():
            super()._applyMenuEnabled()  # drops a menu that was built

    def getMenu(self, ev):  # noqa: N802 (pyqtgraph's name)
        if self.menu is None and self.menuEnabled():
            super()._applyMenuEnabled()  # builds it, with the list of views to link to
        return self.menu

    def getContextMenus(self, event):  # noqa: N802 (pyqtgraph's name; a child item's menu asks its view for these)
        menu = self.getMenu(event)
        return menu.actions() if menu is not None else []


def replace_export_action(scene: pg.GraphicsScene, action: QAction) -> None:
    """Put ``action`` in place of the scene's own "Export..." entry of the right-click menu. (Replaced, not
    rewired: disconnecting signals is where PySide6 has had crashes.)"""
    scene.contextMenu[0] = action


def keep_subclass_clear(widget: pg.PlotWidget) -> None:
    """PlotWidget copies PlotItem.clear onto the instance, which would hide a subclass's own clear()."""
    widget.__dict__.pop("clear", None)
