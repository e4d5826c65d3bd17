"""Small painted views: the seven days of a goal week, and the PSFS chart with global ratings of change."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from sb_desktop.domain.goals import WeekProgress
from sb_desktop.domain.measures import PsfsPoint, QuestionnaireResponse, groc_labels
from sb_desktop.i18n import _, ngettext

MET_COLOUR = QColor("#2e7d5b")
ACTIVE_COLOUR = QColor("#9fd3bb")
EMPTY_COLOUR = QColor("#eceff1")
LINE_COLOUR = QColor("#3b6ea5")
TEXT_COLOUR = QColor("#333333")
MUTED = QColor("#6b6b6b")


class WeekStrip(QWidget):
    """Seven rounded boxes, one per day of the goal week: filled when the goal was met, paler when active."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.week: WeekProgress | None = None
        self.today = dt.date.today()
        self.setMinimumHeight(58)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(420, 58)

    def set_week(self, week: WeekProgress | None, today: dt.date) -> None:
        self.week, self.today = week, today
        if week is not None:
            parts = []
            for day in week.days:
                state = (_("goal met") if day.met else ngettext("{n} minute", "{n} minutes", day.minutes).format(n=day.minutes) if day.minutes
                         else _("not yet") if day.future else _("no activity"))
                parts.append(f"{day.date:%A}: {state}")
            self.setAccessibleName(_("Days this goal week"))
            self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, _event) -> None:
        if self.week is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 6
        width = (self.width() - gap * 6) / 7
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        for index, day in enumerate(self.week.days):
            rect = QRectF(index * (width + gap), 0, width, 36)
            colour = MET_COLOUR if day.met else ACTIVE_COLOUR if day.minutes else EMPTY_COLOUR
            painter.setPen(QPen(QColor("#2b2b2b"), 2) if day.date == self.today else Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor("white") if day.met else TEXT_COLOUR)
            text = "✓" if day.met else (str(day.minutes) if day.minutes else ("" if day.future else "–"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            painter.setFont(small)
            painter.setPen(MUTED)
            painter.drawText(QRectF(rect.left(), 38, width, 18), Qt.AlignmentFlag.AlignCenter, f"{day.date:%a}")
            painter.setFont(self.font())
        painter.end()


class PsfsChart(QWidget):
    """PSFS average (0-10) over time as a line, with global ratings of change noted along the bottom."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.points: list[PsfsPoint] = []
        self.groc: list[QuestionnaireResponse] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Chart of your activity ratings"))

    def sizeHint(self) -> QSize:
        return QSize(460, 180)

    def set_data(self, points, groc) -> None:
        self.points, self.groc = list(points), list(groc)
        labels = groc_labels()
        described = [_("{date}: {score} out of 10").format(date=f"{p.date:%d %b}", score=p.score) for p in self.points]
        described += [_("Week {week}: {answer}").format(week=r.answers.get("week"), answer=labels[int(r.score)])
                      for r in self.groc]
        self.setAccessibleDescription("; ".join(described) or _("No ratings yet."))
        self.update()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        left, right, top = 30, 14, 10
        bottom = 44 if self.groc else 26
        plot = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        # gridlines at 0, 5, 10
        for value in (0, 5, 10):
            y = plot.bottom() - plot.height() * value / 10
            painter.setPen(QPen(QColor("#dddddd"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(QRectF(0, y - 8, left - 6, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        if not self.points and not self.groc:
            painter.setPen(MUTED)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             _("Your activity ratings will appear here."))
            painter.end()
            return
        dates = [p.date for p in self.points] + [r.date for r in self.groc]
        first, last = min(dates), max(dates)
        span = max(1, (last - first).days)

        def x_of(date: dt.date) -> float:
            if first == last:
                return plot.center().x()
            return plot.left() + 12 + (plot.width() - 24) * (date - first).days / span

        pen = QPen(LINE_COLOUR, 2.5)
        painter.setPen(pen)
        previous = None
        for point in self.points:
            here = QPointF(x_of(point.date), plot.bottom() - plot.height() * point.score / 10)
            if previous is not None:
                painter.drawLine(previous, here)
            previous = here
        painter.setBrush(LINE_COLOUR)
        for point in self.points:
            here = QPointF(x_of(point.date), plot.bottom() - plot.height() * point.score / 10)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(here, 4, 4)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(QRectF(here.x() - 20, here.y() - 22, 40, 16), Qt.AlignmentFlag.AlignCenter, f"{point.score:g}")
        painter.setPen(MUTED)
        for date in sorted({first, last}):
            painter.drawText(QRectF(x_of(date) - 40, plot.bottom() + 4, 80, 16), Qt.AlignmentFlag.AlignCenter, f"{date:%d %b}")
        labels = groc_labels()
        for response in self.groc:
            x = x_of(response.date)
            painter.setPen(QPen(QColor("#8a6d3b"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(QColor("#8a6d3b"))
            text = _("Wk {week}: {answer}").format(week=response.answers.get("week"), answer=labels[int(response.score)])
            width = painter.fontMetrics().horizontalAdvance(text) + 8
            left = min(max(0.0, x - width / 2), self.width() - width)   # keep the label inside the chart
            painter.drawText(QRectF(left, plot.bottom() + 20, width, 16), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
