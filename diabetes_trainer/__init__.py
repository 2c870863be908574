"""Diabetes Trainer: watch mini-batch training and PyTorch's DataLoader at work.

Importing the package imports neither torch nor Qt, so the command line and the window start fast.
"""

__version__ = "0.1.0"
APP_NAME = "Diabetes Trainer"
ORGANIZATION = "Diabetes Trainer"
ORGANIZATION_DOMAIN = "diabetes-trainer.example.org"
