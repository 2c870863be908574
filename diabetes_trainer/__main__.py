"""python -m diabetes_trainer: open the window (the same as the diabetes-trainer launcher).

The import sits under the guard because spawned training processes re-import the entry module: they must not
load Qt.
"""

if __name__ == "__main__":
    import sys

    from diabetes_trainer.gui.app import main

    sys.exit(main())
