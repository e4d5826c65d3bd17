"""Insight cards for the Progress page: plain words first, the numbers one click away, and the caveats."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from sb_desktop.i18n import _

QUESTION_TITLES = {
    "activity_to_pain": lambda: _("Activity, then pain the next day"),
    "pain_to_activity": lambda: _("Pain, then activity the next day"),
}


def _label(text: str = "", *, bold: bool = False, small: bool = False, name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold or small:
        font = label.font()
        font.setBold(bold)
        if small:
            font.setPointSizeF(font.pointSizeF() * 0.92)
        label.setFont(font)
    if name:
        label.setAccessibleName(name)
    return label


class Card(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("progressCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(12, 10, 12, 10)
        self.layout_.setSpacing(6)
        self.title = _label(title, bold=True)
        self.layout_.addWidget(self.title)


class InsightCard(Card):
    """One question: the sentence, and a 'Show the numbers' disclosure with the figures behind it."""

    def __init__(self, finding, parent: QWidget | None = None):
        super().__init__(QUESTION_TITLES[finding.question](), parent)
        self.finding = finding
        self.setAccessibleName(self.title.text())
        self.statement = _label(finding.statement, name=_("Finding"))
        self.layout_.addWidget(self.statement)
        if finding.question == "activity_to_pain" and finding.strength != "none" and finding.effect > 0:
            # Said where it matters most; the same reassurance is always in "Good to know" as well.
            self.layout_.addWidget(_label(_("Soreness the day after doing more than usual is common. It is not "
                                            "harm, and it usually eases as your body gets used to the activity."),
                                          small=True, name=_("Reassurance")))
        self.toggle = QToolButton()
        self.toggle.setText(_("Show the numbers"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._show_numbers)
        self.layout_.addWidget(self.toggle)
        self.numbers = _label(finding.details, small=True, name=_("The numbers"))
        self.numbers.setVisible(False)
        self.layout_.addWidget(self.numbers)

    def _show_numbers(self, shown: bool) -> None:
        self.numbers.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.toggle.setText(_("Hide the numbers") if shown else _("Show the numbers"))


class NotYetCard(Card):
    """Too few days for any claim: says how many more are needed."""

    def __init__(self, report, parent: QWidget | None = None):
        super().__init__(_("Not enough days yet"), parent)
        self.setAccessibleName(self.title.text())
        self.summary = _label(report.summary)
        self.layout_.addWidget(self.summary)
        progress = QProgressBar()
        total = report.days_with_both + report.days_needed
        progress.setRange(0, total)
        progress.setValue(report.days_with_both)
        progress.setFormat(_("{have} of {total} days").format(have=report.days_with_both, total=total))
        progress.setAccessibleName(_("Days so far"))
        self.layout_.addWidget(progress)


class TextCard(Card):
    def __init__(self, title: str, lines: list[str], parent: QWidget | None = None):
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.body = _label("\n\n".join(lines), small=True)
        self.layout_.addWidget(self.body)

    def set_lines(self, lines: list[str]) -> None:
        self.body.setText("\n\n".join(lines))
