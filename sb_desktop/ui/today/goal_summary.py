"""A compact view of this week's goal for the Today page, with a link to the Goals page."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from sb_desktop.domain.goals import week_progress_text
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.widgets import panel_style


class GoalSummaryWidget(QFrame):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("goal-summary")
        self.setStyleSheet(panel_style("QFrame#goal-summary", "#f4f8f6", "#cfe3d8"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        text = QVBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.bar.setAccessibleName(_("Days towards this week's goal"))
        self.experiment = QLabel()
        self.experiment.setWordWrap(True)
        self.experiment.setAccessibleName(_("This week of your experiment"))
        text.addWidget(self.title)
        text.addWidget(self.bar)
        text.addWidget(self.detail)
        text.addWidget(self.experiment)
        layout.addLayout(text, 1)
        self.button = QPushButton(_("Goals"))
        self.button.clicked.connect(lambda: context.navigate.emit("goals"))
        layout.addWidget(self.button)
        context.profile_closed.connect(self.clear)

    def clear(self) -> None:
        self.title.clear()
        self.detail.clear()
        self.experiment.clear()
        self.bar.reset()

    def refresh(self) -> None:
        if self.context.profile is None:
            self.clear()
            return
        current = self.context.profile.goal_week(dt.date.today())
        self._show_experiment_week()
        if current.goal is None:
            self.title.setText(_("<b>No goal yet.</b> Setting a small weekly goal is the heart of the programme."))
            self.detail.setText("")
            self.bar.hide()
            self.button.setText(_("Set a goal"))
            return
        week = current.week
        self.bar.show()
        self.bar.setRange(0, week.target_days)
        self.bar.setValue(min(week.days_met, week.target_days))
        self.title.setText(_("<b>This week's goal:</b> {goal}").format(goal=current.goal.describe()))
        routine = current.goal.is_routine
        if current.review_is_due:
            self.detail.setText(week_progress_text(week.days_met, week.target_days, 0, routine=routine) + " "
                                + _("Your weekly review is ready."))
            self.button.setText(_("Weekly review"))
        else:
            self.detail.setText(week_progress_text(week.days_met, week.target_days, week.days_left, routine=routine))
            self.button.setText(_("Goals"))
        self.setAccessibleDescription(f"{self.title.text()} {self.detail.text()}")

    def _show_experiment_week(self) -> None:
        """During a self-experiment, this week's target from its plan ("Try it and see" on Progress)."""
        current = self.context.profile.experiments.current()
        if current is None:                   # most people never start one: no need to load its module
            self.experiment.setVisible(False)
            return
        from sb_desktop.domain.experiment import experiment_week_text

        text = experiment_week_text(current, dt.date.today())
        self.experiment.setText(text)
        self.experiment.setVisible(bool(text))
