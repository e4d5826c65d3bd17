"""Pieces the goal and measure dialogs share: a row of choices, and a body that scrolls."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from sb_desktop.ui.common.widgets import heading, note  # noqa: F401  (re-exported for the goals screens)


class ChoiceGroup(QWidget):
    """A question with one choice of several, as radio buttons; value() is the chosen id or None."""

    changed = Signal()

    def __init__(self, options: list[tuple[int, str]], parent=None, *, columns: int = 1, accessible: str = ""):
        super().__init__(parent)
        self.group = QButtonGroup(self)
        layout = QGridLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setVerticalSpacing(2)
        for index, (value, text) in enumerate(options):
            button = QRadioButton(text)
            button.setAccessibleName(f"{accessible} {text}".strip())
            self.group.addButton(button, value)
            layout.addWidget(button, index // columns, index % columns)
        self.group.idClicked.connect(lambda _id: self.changed.emit())

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked == -1 else checked

    def set_value(self, value: int) -> None:
        button = self.group.button(value)
        if button is not None:
            button.setChecked(True)


def _scrolling(body: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll
