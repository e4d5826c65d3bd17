"""Goals: what to do next, this week's goal and progress, activity ratings over time, and the history."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.goals import (
    FUNCTION_CHECK,
    KEEP_GOING,
    RATE_GROC,
    RATE_PSFS,
    SET_GOAL,
    WEEKLY_REVIEW,
    Goal,
    level_info,
    week_progress_text,
)
from sb_desktop.domain.measures import STARTBACK, STARTBACK_NOTICE
from sb_desktop.domain.review import barrier_label, decision_label, result_label, suggestion_title
from sb_desktop.domain.safety import GOALS
from sb_desktop.i18n import _
from sb_desktop.storage.overview import GoalOverview
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.widgets import panel_style, scrolling_page
from sb_desktop.ui.goals.dialogs import (
    FunctionCheckDialog,
    GoalDialog,
    GrocDialog,
    PsfsDialog,
    StartBackDialog,
    heading,
    note,
    range_text,
    startback_summary,
)
from sb_desktop.ui.goals.measures_widgets import PsfsChart, WeekStrip
from sb_desktop.ui.safety.gate import ask_first_check
from sb_desktop.ui.shell.pages import PageBase

PRIMARY_STYLE = ("QPushButton#primary { background: #2f6fab; color: white; border: none; border-radius: 6px; "
                 "padding: 8px 18px; font-weight: bold; } QPushButton#primary:hover { background: #285f93; } "
                 "QPushButton#primary:focus { outline: 2px solid #1b3f63; }")


def card(name: str, bg: str = "#ffffff", border: str = "#dcdfe3") -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(panel_style(f"QFrame#{name}", bg, border, radius=10))
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(8)
    return frame, layout


def short_date(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def plan_summary(goal: Goal) -> str:
    """The plan and how sure the person was, as the Goals page shows them under the goal."""
    parts = []
    plan = goal.plan_text()
    parts.append(_("When and where: {plan}").format(plan=plan) if plan else
                 _("When and where: not planned yet. Change goal to add it."))
    if goal.confidence is not None:
        sure = _("How sure you were: {n} out of 10").format(n=goal.confidence)
        if goal.low_confidence:
            sure += " " + _("(a smaller goal is fine if this one feels like a stretch)")
        parts.append(sure)
    return "<br>".join(parts)


class GoalsPage(QWidget, PageBase):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.overview: GoalOverview | None = None
        self.blocked: str | None = None     # why the programme waits (the first safety check), or None
        layout = scrolling_page(self)

        top = QHBoxLayout()
        top.addWidget(heading(_("Goals"), 1.6), 1)
        self.flare_button = QPushButton(_("My flare-up plan"))
        self.flare_button.clicked.connect(self.open_flare_plan)
        self.reminders_button = QPushButton(_("Reminders…"))
        self.reminders_button.clicked.connect(self.open_reminders)
        top.addWidget(self.flare_button)
        top.addWidget(self.reminders_button)
        layout.addLayout(top)

        layout.addWidget(self._next_card())
        layout.addWidget(self._goal_card())
        layout.addWidget(self._measures_card())
        layout.addWidget(self._calls_card())
        layout.addWidget(self._history_card())
        layout.addStretch(1)
        context.profile_closed.connect(self.clear)

    # --- cards ---

    def _next_card(self) -> QFrame:
        frame, layout = card("next-step", "#eef5fb", "#9cc2e5")
        self.next_kicker = note(_("Next step"), small=True)
        self.next_title = heading("", 1.2)
        self.next_text = note("")
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.setStyleSheet(PRIMARY_STYLE)
        self.next_button.clicked.connect(self.do_next_step)
        layout.addWidget(self.next_kicker)
        layout.addWidget(self.next_title)
        layout.addWidget(self.next_text)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignLeft)
        return frame

    def _goal_card(self) -> QFrame:
        frame, layout = card("current-goal")
        layout.addWidget(heading(_("This week's goal"), 1.1))
        self.goal_text = note("")
        self.level_text = note("", small=True)
        self.plan_text = note("")
        self.plan_text.setAccessibleName(_("Your plan for this goal"))
        self.period_text = note("", small=True)
        self.strip = WeekStrip()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(_("Days towards this week's goal"))
        self.progress_text = note("")
        for widget in (self.goal_text, self.level_text, self.plan_text, self.period_text, self.strip, self.progress,
                       self.progress_text):
            layout.addWidget(widget)
        buttons = QHBoxLayout()
        self.change_button = QPushButton(_("Change goal…"))
        self.change_button.clicked.connect(self.change_goal)
        self.review_button = QPushButton(_("Weekly review…"))
        self.review_button.clicked.connect(self.start_review)
        self.check_button = QPushButton(_("Function check…"))
        self.check_button.clicked.connect(self.function_check)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return frame

    def _measures_card(self) -> QFrame:
        frame, layout = card("measures")
        layout.addWidget(heading(_("How much your back lets you do"), 1.1))
        layout.addWidget(note(_("Your own everyday activities, rated 0 (cannot do) to 10 (as before), averaged. "
                                "Higher is better."), small=True))
        self.chart = PsfsChart()
        layout.addWidget(self.chart)
        self.psfs_text = note("")
        layout.addWidget(self.psfs_text)
        buttons = QHBoxLayout()
        self.psfs_button = QPushButton(_("Rate my activities…"))
        self.psfs_button.clicked.connect(self.rate_psfs)
        self.groc_button = QPushButton(_("How is my back now?…"))
        self.groc_button.clicked.connect(self.rate_groc)
        buttons.addWidget(self.psfs_button)
        buttons.addWidget(self.groc_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        chair = QHBoxLayout()
        self.chair_stand_text = note("")
        self.chair_stand_button = QPushButton(_("Chair stand self-check…"))
        self.chair_stand_button.setToolTip(_("Stand up and sit down as many times as you can in 30 seconds"))
        self.chair_stand_button.clicked.connect(self.chair_stand)
        chair.addWidget(self.chair_stand_text, 1)
        chair.addWidget(self.chair_stand_button)
        layout.addLayout(chair)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #e3e3e3;")
        layout.addWidget(line)
        row = QGridLayout()
        self.startback_text = note("")
        self.startback_button = QPushButton(_("Optional screening…"))
        self.startback_button.clicked.connect(self.startback)
        row.addWidget(self.startback_text, 0, 0)
        row.addWidget(self.startback_button, 0, 1, Qt.AlignmentFlag.AlignTop)
        row.addWidget(note(STARTBACK_NOTICE, small=True), 1, 0)
        self.about_you_button = QPushButton(_("About you…"))
        self.about_you_button.setToolTip(_("Three optional questions that decide which topics are suggested first"))
        self.about_you_button.clicked.connect(self.about_you)
        row.addWidget(self.about_you_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        row.setColumnStretch(0, 1)
        layout.addLayout(row)
        return frame

    def _calls_card(self) -> QFrame:
        from sb_desktop.ui.goals.calls import CallsCard
        frame, layout = card("support-calls")
        self.calls = CallsCard(self.context, frame)
        layout.addWidget(self.calls)
        return frame

    def _history_card(self) -> QFrame:
        frame, layout = card("goal-history")
        layout.addWidget(heading(_("Goals and reviews so far"), 1.1))
        self.history = QTreeWidget()
        self.history.setHeaderLabels([_("When"), _("What"), _("How it went")])
        self.history.setRootIsDecorated(True)
        self.history.setAlternatingRowColors(True)
        self.history.setMinimumHeight(130)
        self.history.setAccessibleName(_("Goal and review history"))
        self.history.setColumnWidth(0, 210)
        self.history.setColumnWidth(1, 420)
        layout.addWidget(self.history)
        return frame

    # --- showing data ---

    def refresh(self) -> None:
        if self.context.profile is None:
            self.clear()
            return
        overview = self.context.profile.overview()
        self.overview = overview
        self.blocked = self.context.profile.safety.status().blocked_reason(GOALS)
        self._show_next(overview)
        self._show_goal(overview)
        self._show_measures(overview)
        self._show_chair_stand()
        self.calls.refresh(overview.today)
        self._show_history()
        # Goals and the function check wait for the first safety check; the next-step card asks it.
        for button in (self.change_button, self.review_button, self.check_button, self.psfs_button,
                       self.groc_button, self.startback_button, self.about_you_button):
            button.setEnabled(not self.blocked)
            button.setToolTip(self.blocked or "")

    def clear(self) -> None:
        self.overview = None
        self.history.clear()
        self.chart.set_data([], [])
        self.strip.set_week(None, dt.date.today())
        for label in (self.goal_text, self.level_text, self.period_text, self.progress_text, self.psfs_text,
                      self.startback_text, self.next_title, self.next_text):
            label.clear()

    def _show_next(self, o: GoalOverview) -> None:
        step = o.next_step
        if self.blocked:
            self.next_title.setText(_("First, a few safety questions"))
            self.next_text.setText(self.blocked)
            self.next_button.setText(_("Answer the safety questions"))
            return
        if step == FUNCTION_CHECK:
            title, text, button = (_("Start with a short function check"),
                                   _("Four quick questions about what you can do at the moment. They suggest a "
                                     "starting level for walking or back exercises, so your first goal feels possible."),
                                   _("Do the function check"))
        elif step == SET_GOAL:
            fc = o.function_check
            text = _("Choose walking or back exercises, and how often. ")
            if fc is not None:
                text += _("Suggested for you: walking {walk}; back exercises {ex}.").format(
                    walk=range_text("walking", *fc.walking), ex=range_text("exercises", *fc.exercises))
            title, button = _("Set your first goal"), _("Set my goal")
        elif step == WEEKLY_REVIEW:
            title = _("Your weekly review is ready")
            text = _("Look back at {start} to {end}, answer the safety questions, and choose next week's goal. "
                     "It takes about 3 minutes.").format(start=short_date(o.week.start), end=short_date(o.week.end))
            button = _("Start the weekly review")
        elif step == RATE_GROC:
            title = _("Week {n}: how is your back now?").format(n=o.groc_week_due)
            text = _("One question comparing your back now with when you started.")
            button = _("Answer the question")
        elif step == RATE_PSFS:
            title = _("Rate a few everyday activities")
            text = _("Name 3 to 5 things your back makes hard and rate how well you can do them. Re-rating them "
                     "each week shows how things change.")
            button = _("Rate my activities")
        else:
            week = o.week
            title = _("Keep going")
            escalated = not self.context.profile.safety.status().step_up_allowed
            if week.days_met >= week.target_days and escalated:
                text = _("You have reached this week's goal. Keep to what you are doing until a doctor has "
                         "checked what you told us in the safety questions.")
            elif week.days_met >= week.target_days:
                text = _("You have reached this week's goal. Well done! Any extra activity is a bonus.")
            else:
                text = _("{left} more days to reach this week's goal, with {days} days of the week to go. "
                         "Record your activity on Today.").format(left=week.target_days - week.days_met, days=week.days_left)
            button = _("Go to Today")
        self.next_title.setText(title)
        self.next_text.setText(text)
        self.next_button.setText(button)

    def _show_goal(self, o: GoalOverview) -> None:
        has_goal = o.goal is not None
        for widget in (self.strip, self.progress, self.level_text, self.period_text, self.review_button):
            widget.setVisible(has_goal)
        self.plan_text.setVisible(has_goal)
        self.change_button.setText(_("Change goal…") if has_goal else _("Set a goal…"))
        if not has_goal:
            self.goal_text.setText(_("No goal yet. Your goal will appear here with a day-by-day view of the week."))
            self.progress_text.setText("")
            return
        goal, week = o.goal, o.week
        self.goal_text.setText(f"<b>{goal.describe()}</b>")
        self.level_text.setText(_("Level {n}: {name}").format(n=goal.level, name=level_info(goal.activity, goal.level).name))
        self.plan_text.setText(plan_summary(goal))
        self.period_text.setText(_("Goal week {start} to {end}").format(start=short_date(week.start), end=short_date(week.end)))
        self.strip.set_week(week, o.today)
        self.progress.setRange(0, week.target_days)
        self.progress.setValue(min(week.days_met, week.target_days))
        reached = week_progress_text(week.days_met, week.target_days, week.days_left, routine=goal.is_routine)
        if goal.is_routine:
            self.progress_text.setText(reached + " " + _(
                "A day counts when you follow a level {n} routine (or higher) to the end in Sessions.").format(
                n=goal.level))
            return
        self.progress_text.setText(reached + " " + _("Activity saved on Today, and exercise routines you follow, "
                                                     "count automatically."))

    def _show_measures(self, o: GoalOverview) -> None:
        self.chart.set_data(o.psfs, o.groc)
        if o.psfs:
            first, last = o.psfs[0], o.psfs[-1]
            if len(o.psfs) == 1:
                self.psfs_text.setText(_("Your first rating: {score} out of 10 ({date}).").format(
                    score=first.score, date=short_date(first.date)))
            else:
                self.psfs_text.setText(_("Latest {score} out of 10 ({date}); it was {first} at the start.").format(
                    score=last.score, date=short_date(last.date), first=first.score))
        else:
            self.psfs_text.setText(_("No ratings yet."))
        self.groc_button.setVisible(o.groc_week_due is not None)
        startback = self.context.profile.measures.latest(STARTBACK)
        self.startback_text.setText(
            startback_summary(startback) if startback else
            _("Optional: a short screening questionnaire (STarT Back) that some clinics use to plan support. "
              "You can skip it."))

    def _show_history(self) -> None:
        store = self.context.profile.goals
        reviews = store.reviews()
        self.history.clear()
        for goal in store.goals():
            until = short_date(goal.end_date) if goal.end_date else _("now")
            item = QTreeWidgetItem([_("{start} to {end}").format(start=short_date(goal.start_date), end=until),
                                    goal.describe(), _("current") if goal.is_current else ""])
            for review in (r for r in reviews if r.goal_id == goal.id):
                what = decision_label(review.decision)
                if review.barriers:
                    what += " · " + ", ".join(barrier_label(b) for b in review.barriers)
                if review.suggested_module:
                    what += " · " + _("suggested: {module}").format(
                        module=suggestion_title(review.barriers, review.suggested_module))
                how = _("{result} ({met} of {days} days)").format(result=result_label(review.result),
                                                                   met=review.days_met, days=goal.days_per_week)
                child = QTreeWidgetItem([_("Review of {start} to {end}").format(start=short_date(review.period_start),
                                                                               end=short_date(review.period_end)),
                                         what, how])
                child.setToolTip(1, review.feedback)
                item.addChild(child)
            self.history.addTopLevelItem(item)
            item.setExpanded(True)
        if self.history.topLevelItemCount() == 0:
            self.history.addTopLevelItem(QTreeWidgetItem([_("Nothing yet"), _("Goals and reviews will be listed here."), ""]))

    # --- actions ---

    def _first_check_done(self) -> bool:
        """True when the first safety check is complete; asks it now when it is not."""
        if self.context.profile is None:
            return False
        if self.context.profile.safety.status().first_check_complete:
            return True
        done = ask_first_check(self.context, self)
        self.refresh()
        return done

    def do_next_step(self) -> None:
        if not self._first_check_done():
            return
        step = self.overview.next_step if self.overview else FUNCTION_CHECK
        if step == FUNCTION_CHECK:
            self.function_check()
        elif step == SET_GOAL:
            self.change_goal()
        elif step == WEEKLY_REVIEW:
            self.start_review()
        elif step == RATE_GROC:
            self.rate_groc()
        elif step == RATE_PSFS:
            self.rate_psfs()
        elif step == KEEP_GOING:
            self.context.navigate.emit("today")

    def function_check(self) -> None:
        # The safety questions come before the programme starts, even if the window has not asked yet.
        if not self._first_check_done():
            return
        dialog = FunctionCheckDialog(self.context, self)
        if dialog.exec() and dialog.result is not None:
            self.refresh()
            GoalDialog(self.context, self, suggested=dialog.result,
                       current=self.overview.goal if self.overview else None).exec()
            self.refresh()

    def change_goal(self) -> None:
        if not self._first_check_done():
            return
        overview = self.overview
        GoalDialog(self.context, self, suggested=overview.function_check if overview else None,
                   current=overview.goal if overview else None).exec()
        self.refresh()

    def start_review(self) -> None:
        if self.overview is None or self.overview.goal is None or not self._first_check_done():
            return
        from sb_desktop.ui.goals.review_dialog import ReviewDialog
        ReviewDialog(self.context, self).exec()
        self.refresh()

    def chair_stand(self) -> None:
        from sb_desktop.ui.goals.chair_stand import ChairStandDialog
        ChairStandDialog(self.context, self).exec()
        self.refresh()

    def _show_chair_stand(self) -> None:
        from sb_desktop.domain.chair_stand import CHAIR_STAND, chair_stand_due, chair_stand_history, describe_change
        history = chair_stand_history(self.context.profile.measures.responses(CHAIR_STAND))
        due = self.overview is not None and chair_stand_due(history, self.overview.today)
        self.chair_stand_text.setText(_("Chair stand: {what}").format(what=describe_change(history))
                                      + (" " + _("Due now: it takes a minute.") if due else ""))

    def rate_psfs(self) -> None:
        PsfsDialog(self.context, self).exec()
        self.refresh()

    def rate_groc(self) -> None:
        if self.overview is not None and self.overview.groc_week_due:
            GrocDialog(self.context, self.overview.groc_week_due, self).exec()
            self.refresh()

    def startback(self) -> None:
        StartBackDialog(self.context, self).exec()
        self.refresh()

    def about_you(self) -> None:
        from sb_desktop.ui.sessions.about_you import AboutYouDialog
        AboutYouDialog(self.context, self).exec()
        self.refresh()

    def open_flare_plan(self) -> None:
        from sb_desktop.ui.safety.flare_plan import show_flare_plan
        show_flare_plan(self.context, self.window())

    def open_reminders(self) -> None:
        from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
        ReminderSettingsDialog(self.context, self).exec()

