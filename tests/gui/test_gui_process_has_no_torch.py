"""The GUI process never imports torch: a fresh process opens the window, trains a run, and looks.

(In-process GUI tests cannot tell once the core tests have imported torch into the test runner.)
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    def main():
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QApplication
        from diabetes_trainer.gui.main_window import MainWindow

        app = QApplication(sys.argv)
        window = MainWindow()
        window.show()

        def spin_until(done, limit):
            deadline = time.monotonic() + limit
            while not done() and time.monotonic() < deadline:
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
                time.sleep(0.01)
            return done()

        assert spin_until(lambda: window.controller.process_info is not None and window.table is not None, 120)
        window.knobs.epochsSpin.setValue(2)
        window.knobs.numWorkersSpin.setValue(1)
        window.start()
        assert spin_until(lambda: window.controller.last_record is not None and not window.controller.busy, 120)
        print("status", window.controller.last_record["status"], "iterations", window.loss_points())
        window.close()
        print("torch loaded:", "torch" in sys.modules)

    if __name__ == "__main__":
        main()
""")


@pytest.mark.timeout(300)
def test_a_window_that_trained_has_not_imported_torch(tmp_path):
    script = tmp_path / "gui_run.py"
    script.write_text(SCRIPT)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "status finished iterations 48" in done.stdout
    assert "torch loaded: False" in done.stdout
