"""pyqtgraph's private API that gui/plots/pyqtgraph_adapter.py relies on, checked against the installed pyqtgraph.

One test per entry of PRIVATE_API: each fails when pyqtgraph renames, drops or stops calling what we override, so
raising the version bound in pyproject.toml shows at once what to adapt.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402

import pyqtgraph as pg  # noqa: E402
import pytest  # noqa: E402
import tomllib  # noqa: E402
from packaging.requirements import Requirement  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402

from diabetes_trainer.gui.plots import pyqtgraph_adapter as adapter  # noqa: E402
from diabetes_trainer.gui.plots.pyqtgraph_adapter import GridAxisItem, LazyMenuViewBox  # noqa: E402
from diabetes_trainer.gui.plots.theme import LivePlotWidget  # noqa: E402

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
TESTED = {(cls, name) for cls, name, _why in adapter.PRIVATE_API}


def test_every_private_name_is_tested_here():
    # A new entry in PRIVATE_API needs a test of its own below, then its name here.
    with_a_test = {("AxisItem", "_updateLabel"), ("AxisItem", "_adjustSize"), ("AxisItem", "picture"),
                   ("ViewBox", "_applyMenuEnabled"), ("GraphicsScene", "contextMenu"), ("PlotWidget", "clear")}
    assert with_a_test == TESTED


def test_the_installed_pyqtgraph_is_within_the_bound_pyproject_names():
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    requirement = next(Requirement(d) for d in dependencies if Requirement(d).name == "pyqtgraph")
    assert any(spec.operator in ("<", "<=", "~=", "==") for spec in requirement.specifier), (
        "pyqtgraph needs an upper bound: the adapter overrides its private API")
    assert requirement.specifier.contains(version("pyqtgraph")), (
        f"pyqtgraph {version('pyqtgraph')} is outside {requirement.specifier}: run these tests against it and "
        "adapt gui/plots/pyqtgraph_adapter.py before moving the bound")


def test_axis_update_label_is_what_set_label_calls(qapp, monkeypatch):
    calls = []
    original = GridAxisItem._updateLabel
    monkeypatch.setattr(GridAxisItem, "_updateLabel", lambda self: (calls.append(1), original(self)))
    axis = GridAxisItem("left")
    assert callable(getattr(pg.AxisItem, "_updateLabel", None))
    calls.clear()
    axis.setLabel("Loss")
    assert calls, "pyqtgraph's setLabel no longer calls _updateLabel: GridAxisItem's override is dead code"


def test_axis_adjust_size_exists(qapp):
    axis = GridAxisItem("left")
    assert callable(getattr(pg.AxisItem, "_adjustSize", None))
    axis._adjustSize()  # what GridAxisItem._updateLabel calls, as pyqtgraph's own _updateLabel does


def test_axis_picture_is_the_cached_drawing(qapp, qtbot):
    plot = pg.PlotWidget(axisItems={"left": GridAxisItem("left")})
    qtbot.addWidget(plot)
    plot.resize(300, 200)
    plot.show()
    qtbot.waitExposed(plot)
    axis = plot.getPlotItem().getAxis("left")
    qtbot.waitUntil(lambda: axis.picture is not None, timeout=2000)  # pyqtgraph caches its drawing here
    axis.set_background("#000000")
    assert axis.picture is None  # dropped: the next paint draws with the new colour


def test_view_box_apply_menu_enabled_is_what_set_menu_enabled_calls(qapp, monkeypatch):
    calls = []
    original = LazyMenuViewBox._applyMenuEnabled
    monkeypatch.setattr(LazyMenuViewBox, "_applyMenuEnabled", lambda self: (calls.append(1), original(self)))
    view = LazyMenuViewBox()
    assert callable(getattr(pg.ViewBox, "_applyMenuEnabled", None))
    assert calls, "ViewBox.setMenuEnabled no longer calls _applyMenuEnabled: the menu would be built eagerly"
    assert view.menu is None  # ours deferred it
    plain = pg.ViewBox()
    assert plain.menu is not None  # pyqtgraph's own builds it there, which is what we defer


def test_scene_context_menu_holds_the_export_action_the_scene_shows(qapp, qtbot):
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    scene = plot.scene()
    assert isinstance(scene.contextMenu, list) and isinstance(scene.contextMenu[0], QAction)
    assert scene.contextMenu[0].text() == "Export..."

    class Event:
        acceptedItem = None

    assert scene.getContextMenus(Event()) is scene.contextMenu  # what the right-click menu lists
    ours = QAction("ours", scene)
    adapter.replace_export_action(scene, ours)
    assert scene.getContextMenus(Event())[0] is ours


def test_plot_widget_copies_clear_onto_the_instance(qapp, qtbot):
    plain = pg.PlotWidget()
    qtbot.addWidget(plain)
    assert "clear" in plain.__dict__, "PlotWidget no longer copies clear(): keep_subclass_clear can go"

    class Cleared(LivePlotWidget):
        cleared = False

        def clear(self):
            self.cleared = True

        def _redraw(self):
            pass

        def _restyle(self):
            pass

    ours = Cleared()
    qtbot.addWidget(ours)
    ours.clear()
    assert ours.cleared


@pytest.mark.parametrize(("cls", "name"), sorted(TESTED))
def test_each_private_name_exists_in_the_installed_pyqtgraph(qapp, qtbot, cls, name):
    if cls == "AxisItem":
        owner = pg.AxisItem("left")
    elif cls == "ViewBox":
        owner = pg.ViewBox()
    else:
        widget = pg.PlotWidget()
        qtbot.addWidget(widget)
        owner = widget.scene() if cls == "GraphicsScene" else widget
    assert hasattr(owner, name), f"pyqtgraph {pg.__version__}: {cls}.{name} is gone"
