"""python -m diabetes_trainer.cli: the same as diabetes-trainer-cli."""

import sys

from . import console_main

if __name__ == "__main__":
    sys.exit(console_main())
