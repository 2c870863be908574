"""Every visible text of the real window fits its widget, on screens from a 1024×768 projector to full HD.

Each screen size runs in a fresh process (layout_probe.py): Qt's offscreen platform reads its screen once, at start.
The window is checked as it opens, in presentation mode (full screen, 1.5× text), and after leaving it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QWidget  # noqa: E402

from .text_fit import layout_problems  # noqa: E402

PROBE = Path(__file__).with_name("layout_probe.py")
REPO_ROOT = Path(__file__).resolve().parents[2]

SCREENS = [
    pytest.param(1024, 768, 1.0, "en", id="1024x768"),
    pytest.param(1366, 768, 1.0, "en", id="1366x768"),
    pytest.param(1920, 1080, 1.0, "en", id="1920x1080"),
    pytest.param(1024, 768, 2.0, "en", id="1024x768-dpr2"),
    pytest.param(1920, 1080, 2.0, "en", id="4k-at-200-percent"),
    pytest.param(3840, 2160, 1.0, "en", id="3840x2160"),
    pytest.param(1024, 768, 1.0, "zh_CN", id="1024x768-chinese"),
]


def run_probe(width: int, height: int, ratio: float, language: str, home: Path) -> dict:
    env = {**os.environ, "DIABETES_TRAINER_HOME": str(home)}
    env.pop("QT_QPA_PLATFORM", None)  # the probe sets its own offscreen screen
    done = subprocess.run([sys.executable, str(PROBE), str(width), str(height), str(ratio), language],
                          capture_output=True, text=True, timeout=120, cwd=REPO_ROOT, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "ratio", "language"), SCREENS)
def test_every_text_fits_normal_and_in_presentation_mode(width, height, ratio, language, tmp_path):
    found = run_probe(width, height, ratio, language, tmp_path)
    sizes = found["sizes"]
    assert sizes["screen"] == [width, height]
    assert sizes["window"][0] <= width and sizes["window"][1] <= height, "the first window fits the screen"
    assert sizes["presentation"] == [width, height], "presentation mode fills the screen"
    for state in ("normal", "presentation", "after"):
        assert found[state] == [], f"{state}: " + "\n".join(found[state])


# The checker itself must see what a person sees: texts that do not fit are reported.

def test_the_checker_reports_a_cut_label_button_group_title_and_elided_tab(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    label = QLabel("A label far too long for forty pixels")
    label.setObjectName("cutLabel")
    label.setFixedWidth(40)
    button = QPushButton("A button far too long")
    button.setObjectName("cutButton")
    button.setFixedWidth(50)
    group = QGroupBox("A group title far too long for its box")
    group.setObjectName("cutGroup")
    group.setFixedWidth(60)
    tabs = QTabWidget()
    tabs.setObjectName("cutTabs")
    tabs.setUsesScrollButtons(False)
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    for name in ("Wait vs compute", "Experiments", "Accuracy", "Workers"):
        tabs.addTab(QWidget(), name)
    tabs.setFixedWidth(150)
    for widget in (label, button, group, tabs):
        row.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    report = "\n".join(layout_problems(window))
    for name in ("cutLabel", "cutButton", "cutGroup"):
        assert name in report, report
    assert "is elided" in report, report


def test_the_checker_is_quiet_when_everything_fits(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    row.addWidget(QLabel("Short"))
    row.addWidget(QPushButton("OK"))
    window.resize(400, 100)
    window.show()
    qtbot.waitExposed(window)
    assert layout_problems(window) == []
