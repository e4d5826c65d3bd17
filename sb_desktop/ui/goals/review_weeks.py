"""The weekly review's "your week in numbers" step: this week against the weeks before (figures and a small
chart painted with Qt, so the review never waits for matplotlib), how the back felt on the more active days,
the current insight or experiment in plain words, and a way to Progress."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sb_desktop.domain.week_review import (
    FEEL_ANSWERS,
    ReviewWeeks,
    active_days_question,
    describe_review_weeks,
    feel_labels,
    feel_reply,
    review_weeks,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.widgets import heading, note
from sb_desktop.ui.goals.dialogs import ChoiceGroup

ACTIVITY_COLOUR, PAIN_COLOUR = "#56B4E9", "#A03C00"


class WeeksMiniChart(QWidget):
    """Five weeks side by side: activity as a bar (its own scale), average pain as a dot on 0-10."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.weeks: ReviewWeeks | None = None
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Small chart: pain and activity, this week and the 4 weeks before"))

    def set_weeks(self, weeks: ReviewWeeks) -> None:
        self.weeks = weeks
        self.setAccessibleDescription(describe_review_weeks(weeks))
        self.update()

    def paintEvent(self, _event) -> None:
        if self.weeks is None:
            return
        blocks = list(self.weeks.before) + [self.weeks.this_week]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, right, top, bottom = 8, 8, line + 6, 2 * line + 8
        area = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        if area.width() < 40 or area.height() < 30:
            painter.end()
            return
        painter.setPen(QPen(text))
        unit = _("steps a day") if self.weeks.measure == "steps" else _("minutes a day")
        painter.drawText(QRectF(left, 0, area.width(), line + 2), Qt.AlignmentFlag.AlignLeft,
                         _("Bars: {unit}   Dots: average pain (0-10)").format(unit=unit))
        top_activity = max([b.activity or 0 for b in blocks] + [1.0]) * 1.15
        slot = area.width() / len(blocks)
        # Two bands, so dots and bars never sit on each other: pain (0-10) above, activity below.
        pain_band = QRectF(area.left(), area.top() + line, area.width(), area.height() * 0.38 - line)
        bars = QRectF(area.left(), area.top() + area.height() * 0.45, area.width(), area.height() * 0.55)
        pain_points = []
        for i, block in enumerate(blocks):
            x0 = area.left() + i * slot
            this = i == len(blocks) - 1
            if block.activity is not None:
                height = (bars.height() - line) * block.activity / top_activity
                bar = QRectF(x0 + slot * 0.2, bars.bottom() - height, slot * 0.6, height)
                colour = QColor(ACTIVITY_COLOUR)
                colour.setAlphaF(0.95 if this else 0.55)
                painter.fillRect(bar, colour)
                painter.setPen(QPen(text))
                amount = f"{block.activity:,.0f}"
                painter.drawText(QRectF(x0, bar.top() - line, slot, line), Qt.AlignmentFlag.AlignHCenter, amount)
            if block.pain is not None:
                y = pain_band.bottom() - pain_band.height() * block.pain / 10.0
                pain_points.append(QPointF(x0 + slot / 2, y))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(PAIN_COLOUR))
                painter.drawEllipse(QPointF(x0 + slot / 2, y), 5, 5)
                painter.setPen(QPen(QColor(PAIN_COLOUR)))
                bold = QFont(painter.font())
                bold.setBold(True)
                painter.setFont(bold)
                painter.drawText(QRectF(x0, y - line - 6, slot, line), Qt.AlignmentFlag.AlignHCenter,
                                 f"{block.pain:.1f}")
                painter.setFont(self.font())
            painter.setPen(QPen(text))
            label = _("This week") if this else block.start.strftime("%d %b")
            font = QFont(self.font())
            font.setBold(this)
            painter.setFont(font)
            painter.drawText(QRectF(x0, area.bottom() + 4, slot, line), Qt.AlignmentFlag.AlignHCenter, label)
            painter.setFont(self.font())
        if len(pain_points) > 1:
            painter.setPen(QPen(QColor(PAIN_COLOUR), 1.5))
            painter.drawPolyline(pain_points)
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(QPointF(area.left(), area.bottom()), QPointF(area.right(), area.bottom()))
        painter.end()


class ReviewWeeksPanel(QWidget):
    """The review step that uses the person's own data."""

    def __init__(self, context: AppContext, start: dt.date, end: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        from sb_desktop.domain.insights import analyse, headline
        from sb_desktop.domain.series import load_daily_series

        self.context = context
        self.start, self.end = start, end
        profile = context.profile
        series = load_daily_series(profile.journal)
        self.weeks = review_weeks(series, start, end)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.figures = note(describe_review_weeks(self.weeks))
        self.figures.setAccessibleName(_("This week against the weeks before"))
        layout.addWidget(self.figures)
        self.chart = WeeksMiniChart()
        self.chart.set_weeks(self.weeks)
        layout.addWidget(self.chart)
        layout.addWidget(heading(active_days_question(self.weeks), 1.0))
        labels = feel_labels()
        self.feel = ChoiceGroup([(i, labels[a]) for i, a in enumerate(FEEL_ANSWERS)], columns=2,
                                accessible=_("How your back felt on the more active days"))
        self.feel.changed.connect(self._show_reply)
        layout.addWidget(self.feel)
        self.reply = note("", small=True)
        layout.addWidget(self.reply)
        self.insight = note(self._insight_text(profile, series, analyse, headline), small=True)
        self.insight.setAccessibleName(_("What your data says so far"))
        layout.addWidget(self.insight)
        row = QHBoxLayout()
        self.progress_button = QPushButton(_("See all your weeks on Progress"))
        self.progress_button.setToolTip(_("Progress opens behind this review; finish the review to see it."))
        self.progress_button.clicked.connect(lambda: context.navigate.emit("progress"))
        row.addWidget(self.progress_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _insight_text(self, profile, series, analyse, headline) -> str:
        from sb_desktop.domain.experiment import RUNNING, analyse_experiment, experiment_week_text

        today = dt.date.today()
        experiment = profile.experiments.current()
        if experiment is not None and experiment.state(today) == RUNNING:
            return experiment_week_text(experiment, today)
        if experiment is not None and (today - experiment.end).days <= 14:   # just finished: its result
            return analyse_experiment(experiment, series, today).statement
        return _("What your data says so far: {text}").format(text=headline(analyse(series)))

    def _show_reply(self) -> None:
        answer = self.answer()
        self.reply.setText(feel_reply(answer) if answer else "")

    def answer(self) -> str | None:
        value = self.feel.value()
        return FEEL_ANSWERS[value] if value is not None else None


