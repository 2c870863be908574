"""pyqtgraph's own right-click menu texts, so that lupdate puts them in our catalogue and they read Chinese too.

pyqtgraph translates its menus with QCoreApplication.translate under its own contexts ("ViewBox", "PlotItem",
"Form") but ships no catalogue. Nothing calls this function: lupdate reads the literals, and the translator we
install answers pyqtgraph's calls at run time, when a plot's menu is built (on its first right-click).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def pyqtgraph_menu_texts() -> list[str]:
    return [
        # ViewBoxMenu: the plot's right-click menu ("X axis" is "X " + the translation of "axis")
        translate("ViewBox", "ViewBox options"),
        translate("ViewBox", "View All"),
        translate("ViewBox", "axis"),
        translate("ViewBox", "Mouse Mode"),
        translate("ViewBox", "3 button"),
        translate("ViewBox", "1 button"),
        # PlotItem: its "Plot Options" submenu
        translate("PlotItem", "Plot Options"),
        translate("PlotItem", "Transforms"),
        translate("PlotItem", "Downsample"),
        translate("PlotItem", "Average"),
        translate("PlotItem", "Alpha"),
        translate("PlotItem", "Grid"),
        translate("PlotItem", "Points"),
        # The axis and plot option panels inside those menus (pyqtgraph's Designer forms)
        translate("Form", "Link Axis:"),
        translate("Form", "Auto"),
        translate("Form", "Manual"),
        translate("Form", "Invert Axis"),
        translate("Form", "Mouse Enabled"),
        translate("Form", "Visible Data Only"),
        translate("Form", "Auto Pan Only"),
        translate("Form", "Average"),
        translate("Form", "Clip to View"),
        translate("Form", "Max Traces:"),
        translate("Form", "Downsample"),
        translate("Form", "Peak"),
        translate("Form", "Forget hidden traces"),
        translate("Form", "Mean"),
        translate("Form", "Subsample"),
        translate("Form", "Log X"),
        translate("Form", "Log Y"),
        translate("Form", "Power Spectrum (FFT)"),
        translate("Form", "Subtract Mean"),
        translate("Form", "Points"),
        translate("Form", "Show X Grid"),
        translate("Form", "Show Y Grid"),
        translate("Form", "Opacity"),
        translate("Form", "Alpha"),
    ]
