"""The window (PySide6 + pyqtgraph). This package's own __init__ imports nothing, so that importing a
Qt-free helper such as ``diabetes_trainer.gui.buffers`` does not load Qt; the GUI never imports torch."""
