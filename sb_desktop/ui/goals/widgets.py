"""Pieces the goal and measure dialogs share: a row of choices, a body that scrolls, and the "how sure are
you?" question with its smaller-goal offer (the goal window and the weekly review ask it the same way)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.goals import Goal, lowered
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import heading, note, panel_style  # noqa: F401  (heading, note re-exported)


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

    def clear(self) -> None:
        """Nothing chosen (an exclusive group cannot be unchecked one button at a time)."""
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(False)
        self.group.setExclusive(True)


class ConfidenceQuestion(QWidget):
    """"How sure are you...?" 0-10 as a row of choices, nothing chosen until the person chooses."""

    changed = Signal()

    def __init__(self, question: str, parent=None, *, hint: str = ""):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.question = heading(question, 1.0)
        layout.addWidget(self.question)
        self.choices = ChoiceGroup([(n, str(n)) for n in range(11)], columns=11, accessible=_("How sure are you"))
        self.choices.changed.connect(self.changed)
        layout.addWidget(self.choices)
        self.hint = note(hint or _("0 means not at all sure, 10 means completely sure. Aim for 7 or more."),
                         small=True)
        layout.addWidget(self.hint)

    @property
    def group(self) -> QButtonGroup:
        return self.choices.group

    def value(self) -> int | None:
        return self.choices.value()

    def set_value(self, value: int) -> None:
        self.choices.set_value(value)

    def clear(self) -> None:
        self.choices.clear()


class SmallerGoalOffer(QFrame):
    """Under 7 out of 10: a smaller goal beside two choices, "Make it smaller" and "Keep my goal as it is".
    Neither is the default (Enter presses neither): the person picks one. `offered` is the smaller goal while
    the offer is showing."""

    take = Signal()
    keep = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.offered: Goal | None = None
        self.setObjectName("smaller-offer")
        self.setStyleSheet(panel_style("QFrame#smaller-offer", "#fff8e6", "#e8cf8a", radius=6))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        self.text = note("")
        layout.addWidget(self.text)
        buttons = QHBoxLayout()
        self.take_smaller = QPushButton(_("Make it smaller"))
        self.take_smaller.clicked.connect(self.take)
        self.keep_as_is = QPushButton(_("Keep my goal as it is"))
        self.keep_as_is.clicked.connect(self.keep)
        for button in (self.take_smaller, self.keep_as_is):
            button.setAutoDefault(False)   # neither is chosen by Enter: the person picks one
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # Never squeezed: with large text a form around it scrolls, while the offer and its buttons stay whole.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def offer(self, goal: Goal, smaller: Goal | None = None) -> bool:
        """Show `smaller` (by default the goal made one step smaller) as the offer for `goal`, rated under 7;
        False, with nothing shown, when there is nothing smaller to offer."""
        smaller = lowered(goal) if smaller is None else smaller
        if smaller == goal:
            return False
        self.text.setText(_("You are {n} out of 10 sure. Goals you feel at least 7 out of 10 sure of are the "
                            "ones that tend to happen. A smaller goal could be:<br><b>{smaller}</b><br>"
                            "Would you like to make it smaller, or keep it as it is?").format(
            n=goal.confidence, smaller=smaller.describe()))
        self.offered = smaller
        self.show()
        return True

    def withdraw(self) -> None:
        self.offered = None
        self.hide()


def _scrolling(body: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    return scroll


class FittingScroll(QScrollArea):
    """A frameless scroll area that asks for as much height as its body needs at its width (a plain scroll
    area asks for a fixed box), so a dialog can be as tall as its form, and scroll only beyond the screen."""

    def __init__(self, body: QWidget, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(body)

    def sizeHint(self) -> QSize:
        body = self.widget()
        hint = super().sizeHint()
        width = max(self.viewport().width(), body.minimumSizeHint().width(), 1)
        height = body.heightForWidth(width) if body.hasHeightForWidth() else -1
        return QSize(hint.width(), max(height, body.sizeHint().height()))
