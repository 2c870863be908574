"""Conclusions drawn from the measurements, with the numbers behind them, most important first."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from ...core.advice import Advice
from ..advice_text import advice_text
from ..widgets import named

SEVERITY_COLOURS = {"warn": "#b00020", "suggest": "#8a5a00", "info": "#0b5394"}


class AdvicePanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.view = named(QTextBrowser(), "adviceView", self.tr("Advice"), self.tr(
            "Why this setting was fast or slow, drawn from the timings of the last run."))
        self.view.setOpenExternalLinks(False)
        layout.addWidget(self.view)
        self.advice: list[Advice] = []
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.advice = []
        self.view.setHtml("<p>" + html.escape(self.tr(
            "Advice appears here after a run: is the loop waiting for data, paying for worker start-up, or "
            "saturating the cores?")) + "</p>")

    def show_advice(self, advice: list[Advice], heading: str = "") -> None:
        self.advice = list(advice)
        labels = {"warn": self.tr("Warning"), "suggest": self.tr("Suggestion"), "info": self.tr("Note")}
        parts = [f"<h3>{html.escape(heading)}</h3>"] if heading else []
        for item in advice:
            colour = SEVERITY_COLOURS.get(item.severity, "#000")
            parts.append(f"<p><b style='color:{colour}'>{html.escape(labels.get(item.severity, ''))}:</b> "
                         f"{html.escape(advice_text(item))}</p>")
        self.view.setHtml("".join(parts))

    # -- the view protocol (session.views.RunView): the window's one list of views calls these ---------------------
    view_id = "advice"

    def reset(self, run) -> None:
        self.show_placeholder()

    def append(self, columns) -> None:
        pass  # advice is drawn from the whole run

    def epoch_ended(self, summary) -> None:
        pass

    def finished(self, record: dict) -> None:
        """The run's insight, as the record stores it (a run without iterations keeps the placeholder)."""
        if record.get("iterations"):
            self.show_advice([Advice(item["kind"], item["severity"], dict(item.get("numbers") or {}),
                                     dict(item.get("recommend") or {})) for item in record.get("advice") or []])

    def save_state(self) -> dict:
        return {}

    def restore_state(self, state: dict) -> None:
        pass

    def plain_text(self) -> str:
        return self.view.toPlainText()
