"""'Your weeks' beside the Progress chart in the window: two bars, average pain in the more active weeks and
in the other weeks, with the number of weeks under each. Painted with Qt (crisp at any pixel density, read
out by screen readers, and no extra matplotlib axes to draw on every range switch); saved charts and the
PDF draw the same panel with matplotlib."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from sb_desktop.i18n import _, ngettext


def weeks_text(n: int) -> str:
    return ngettext("{n} week", "{n} weeks", n).format(n=n)


class WeeksBars(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.weeks = None
        self.active_colour = QColor("#0072B2")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Your weeks: average pain in your more active weeks and your other weeks"))

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("8 weeks  8 weeks") + 24
        return QSize(max(130, width), 200)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def set_weeks(self, weeks, active_colour: str | None = None) -> None:
        self.weeks = weeks
        if active_colour:
            self.active_colour = QColor(active_colour)
        self.setAccessibleDescription(weeks.statement if weeks is not None else "")
        self.setToolTip(weeks.statement if weeks is not None else "")
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        metrics = painter.fontMetrics()
        line = metrics.height()
        width, height = self.width(), self.height()
        painter.setPen(QPen(text))
        title = QRectF(0, 4, width, 2 * line + 2)
        painter.drawText(title, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         _("Your weeks") + "\n" + _("average pain"))
        weeks = self.weeks
        top, bottom = title.bottom() + line + 8, height - 3 * line - 10
        if weeks is None or bottom - top < 30:
            painter.end()
            return
        if not (weeks.active_weeks or weeks.other_weeks):
            painter.drawText(QRectF(0, top, width, bottom - top), Qt.AlignmentFlag.AlignCenter,
                             _("Not enough\nfull weeks\nyet"))
            painter.end()
            return
        slot = width / 2
        bold = QFont(self.font())
        bold.setBold(True)
        other_colour = self.palette().mid().color()
        for i, (pain, count, label, colour) in enumerate((
                (weeks.active_pain, weeks.active_weeks, _("More\nactive"), self.active_colour),
                (weeks.other_pain, weeks.other_weeks, _("Other"), other_colour))):
            x = i * slot
            if pain is not None:
                bar_height = (bottom - top) * pain / 10.4
                bar = QRectF(x + slot * 0.18, bottom - bar_height, slot * 0.64, bar_height)
                fill = QColor(colour)
                fill.setAlphaF(0.8)
                painter.fillRect(bar, fill)
                painter.setPen(QPen(text, 0.6))
                painter.drawRect(bar)
                painter.setFont(bold)
                painter.drawText(QRectF(x, bar.top() - line - 2, slot, line), Qt.AlignmentFlag.AlignHCenter,
                                 f"{pain:.1f}")
                painter.setFont(self.font())
            painter.setPen(QPen(text))
            painter.drawText(QRectF(x, bottom + 4, slot, 3 * line + 4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             label + "\n" + weeks_text(count))
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(0, int(bottom), width, int(bottom))
        painter.end()
