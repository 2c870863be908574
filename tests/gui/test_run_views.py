"""The window's one list of live views (session.views.RunView), and the view added through one line of it: the
Throughput readout (rows per second of the current epoch, from the run's telemetry)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QLocale, Qt  # noqa: E402
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox  # noqa: E402

from diabetes_trainer.gui.i18n import install_translators  # noqa: E402
from diabetes_trainer.session.views import RunInfo, RunView  # noqa: E402

pytestmark = pytest.mark.timeout(180)
WARM_MS = 90_000


def batches(epochs: list[int], elapsed: list[float]) -> dict:
    count = len(epochs)
    return {"losses": np.full(count, 0.5), "data_wait_s": np.zeros(count), "compute_s": np.full(count, 0.01),
            "iteration_epoch": np.asarray(epochs, dtype=np.int64), "elapsed_s": np.asarray(elapsed)}


@pytest.fixture
def throughput(qtbot):
    from diabetes_trainer.gui.panels.readouts import Readouts
    from diabetes_trainer.gui.views.throughput import ThroughputReadout

    readouts = Readouts()
    qtbot.addWidget(readouts)
    view = ThroughputReadout(readouts)
    # 95 training rows in batches of 10: 10 batches per epoch, the last one holding 5 rows.
    view.reset(RunInfo({"batch_size": 10, "val_fraction": 0.0, "epochs": 2}, {"rows": 95}, 10, 20, 0))
    yield view  # (the readouts it sits in stay alive meanwhile)


def test_throughput_is_the_current_epochs_rows_over_its_seconds(throughput):
    assert isinstance(throughput, RunView)
    assert throughput.label.text() == "Rows/s –"
    throughput.append(batches([1] * 6, [0.1 * i for i in range(1, 7)]))
    assert throughput.rows_per_second() == pytest.approx(60 / 0.6)
    # Epoch 1 ends (its last batch is the 5 rows left) and epoch 2 begins in the same chunk.
    throughput.append(batches([1, 1, 1, 1, 2, 2], [0.7, 0.8, 0.9, 1.9, 2.1, 2.4]))
    assert throughput.rows_per_second() == pytest.approx(20 / (2.4 - 1.9))  # since epoch 1's last batch
    assert throughput.label.text() == "40 rows/s"
    throughput.append(batches([2] * 8, [2.5 + 0.1 * i for i in range(8)]))  # the rest of epoch 2
    assert throughput.rows_per_second() == pytest.approx(95 / (3.2 - 1.9))  # 10 batches but only 95 rows


def test_throughput_speaks_chinese(qapp, throughput):
    locale = QLocale()
    install_translators(qapp, "zh_CN")
    try:
        throughput.append(batches([1, 1], [0.5, 1.0]))
        assert throughput.label.text() == "20 行/秒"
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(locale)


def test_the_window_keeps_one_list_of_views_and_the_throughput_readout_shows_the_runs_rate(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow
    from diabetes_trainer.gui.views.throughput import ThroughputReadout

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.controller.process_info is not None and window.table is not None,
                        timeout=WARM_MS)
        assert all(isinstance(view, RunView) for view in window.views.views)
        assert {window.advicePanel, window.workersPanel} <= set(window.views.views)
        assert sum(isinstance(view, ThroughputReadout) for view in window.views.views) == 1
        label = window.findChild(QLabel, "throughputReadout")
        assert label is not None and label.isVisible() and label.accessibleName()
        window.findChild(QSpinBox, "epochsSpin").setValue(3)
        window.findChild(QSpinBox, "batchSizeSpin").setValue(64)
        qtbot.mouseClick(window.findChild(QPushButton, "startButton"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not window.controller.busy and window.controller.last_record is not None,
                        timeout=WARM_MS)
        record = window.controller.last_record
        assert record["status"] == "finished"
        epochs, elapsed = np.asarray(record["iteration_epoch"]), np.asarray(record["elapsed_s"])
        first = int(np.searchsorted(epochs, 3))
        assert window.knobs.config().val_fraction == 0  # every row of the table trains
        rows = min(int(np.count_nonzero(epochs == 3)) * 64, window.table.rows)
        expected = rows / (elapsed[-1] - elapsed[first - 1])
        assert label.text() == f"{QLocale().toString(expected, 'f', 0)} rows/s"
    finally:
        window.close()
