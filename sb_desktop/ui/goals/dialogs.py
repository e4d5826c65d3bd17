"""Dialogs for the Goals page: function check, setting a goal, PSFS, global rating of change, STarT Back."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain import function_check as fc
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.goals import (
    ACTIVITIES,
    EXERCISES,
    MAX_PLAN_LENGTH,
    MAX_REPETITIONS,
    MINUTES,
    REPETITIONS,
    ROUTINE,
    Goal,
    allowed_goal_levels,
    level_info,
    make_goal,
    weekday_names,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.entry_forms import NumberField
from sb_desktop.ui.common.fit import MARGIN, available_area
from sb_desktop.ui.common.widgets import heading, note  # noqa: F401  (heading, note re-exported)
from sb_desktop.ui.goals.measures_dialogs import (  # noqa: F401  (re-exported: the Goals page opens them from here)
    GrocDialog,
    PsfsDialog,
    PsfsForm,
    StartBackDialog,
    clinic_startback_wording,
    startback_summary,
)
from sb_desktop.ui.goals.widgets import (
    ChoiceGroup,
    ConfidenceQuestion,
    FittingScroll,
    SmallerGoalOffer,
    _scrolling,
)

WIDTH = 660
FRAME_ALLOWANCE = 40   # the window's title bar and frame, which the screen's room must also hold


def level_text(activity: str, level: int) -> str:
    info = level_info(activity, level)
    if activity == ROUTINE:
        return _("Level {n}: {name} (its guided routine)").format(n=level, name=info.name)
    return _("Level {n}: {name} ({low}-{high} min)").format(n=level, name=info.name, low=info.min_minutes,
                                                            high=info.max_minutes)


def range_text(activity: str, low: int, high: int) -> str:
    if low == high:
        return level_text(activity, low)
    return _("levels {low} to {high}: {first} to {last}").format(
        low=low, high=high, first=level_info(activity, low).name, last=level_info(activity, high).name)


class FunctionCheckDialog(QDialog):
    """A few questions about what the person can do now; saving stores the suggested level ranges."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.result: fc.FunctionCheckResult | None = None
        self.setWindowTitle(_("Function check"))
        self.resize(620, 600)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("What can you do at the moment?")))
        layout.addWidget(note(_("Four quick questions. Your answers suggest where to start, so your first goal "
                                "feels possible. There are no right or wrong answers.")))
        body = QWidget()
        rows = QVBoxLayout(body)
        self.choices: dict[str, ChoiceGroup] = {}
        for question in fc.questions():
            rows.addWidget(heading(question.text, 1.0))
            group = ChoiceGroup([(o.score, o.text) for o in question.options], accessible=question.text)
            group.changed.connect(self._update)
            self.choices[question.id] = group
            rows.addWidget(group)
            rows.addSpacing(6)
        rows.addStretch(1)
        layout.addWidget(_scrolling(body), 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("See my starting levels"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def answers(self) -> dict[str, int]:
        return {qid: group.value() for qid, group in self.choices.items() if group.value() is not None}

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(len(self.answers()) == len(self.choices))

    def save(self) -> None:
        answers = self.answers()

        def store(profile):
            result = fc.score(answers)
            profile.measures.add(fc.as_response(result))
            return result

        self.result = self.context.run(store, done=_("Function check saved."), parent=self, changes=Change.MEASURES)
        if self.result is not None:
            self.accept()


class GoalDialog(QDialog):
    """Choose walking, back exercises or a guided routine, a level within the suggested range, how often and
    how long; when and where; and how sure you are. Under 7 out of 10, a smaller goal is offered before
    saving, and the person chooses (nothing is changed for them)."""

    def __init__(self, context: AppContext, parent=None, *, suggested: fc.FunctionCheckResult | None = None,
                 current: Goal | None = None):
        super().__init__(parent)
        self.context = context
        self.suggested = suggested
        self.current = current
        self.saved: Goal | None = None
        self.lowest_offered: int | None = None  # a smaller goal taken may sit below the suggested range
        # While a safety answer is unresolved, no step-up: the level cannot go above the current goal's.
        self.hold_back = context.profile is not None and not context.profile.safety.status().step_up_allowed
        self.setWindowTitle(_("Set your goal") if current is None else _("Change your goal"))
        # The form scrolls inside the dialog, so the dialog itself need never be taller than the screen:
        # the smaller-goal offer and the buttons below the form then stay in view with large text too.
        outer = QVBoxLayout(self)
        outer.setSpacing(6)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading(_("Your weekly goal")))
        layout.addWidget(note(_("Pick something you feel fairly sure you can do. It is better to start small and "
                                "build up than to start big and stop.")))

        self.activity = ChoiceGroup([(0, _("Walking")), (1, _("Back exercises")), (2, _("Guided routine"))],
                                    columns=3, accessible=_("Activity"))
        # A grid, not a QFormLayout: a form row holding wrapped text keeps the height the text would need at
        # a narrow width, which left wide empty gaps between the rows with large text.
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        form.setColumnStretch(1, 1)

        def row(label, field, *, quiet: bool = False) -> None:
            at = form.rowCount()
            if label is not None:
                if isinstance(label, str):
                    label = QLabel(label)
                form.addWidget(label, at, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            form.addWidget(field, at, 1)
            if quiet:   # a hint belongs to the row above: no gap between them
                form.setRowMinimumHeight(at, 0)

        row(_("Activity:"), self.activity)
        self.range_note = note("", small=True)
        row(None, self.range_note, quiet=True)
        self.level = QComboBox()
        self.level.setAccessibleName(_("Level"))
        row(_("Level:"), self.level)
        self.level_hint = note("", small=True)
        row(None, self.level_hint, quiet=True)
        self.days = NumberField(1, 7, name=_("Days a week"), suffix=_("days a week"))
        self.days.setValue(3)
        self.days.setMaximumWidth(220)
        row(_("How often:"), self.days)
        self.minutes = NumberField(1, 600, name=_("Minutes each day"), suffix=_("minutes a day"))
        self.minutes.setMaximumWidth(220)
        self.minutes_label = QLabel(_("How long:"))
        row(self.minutes_label, self.minutes)
        self.use_reps = QCheckBox(_("Count repetitions instead of minutes"))
        self.reps = NumberField(1, MAX_REPETITIONS, name=_("Repetitions"), suffix=_("repetitions"))
        self.reps.setValue(8)
        reps_row = QHBoxLayout()
        reps_row.addWidget(self.use_reps)
        reps_row.addWidget(self.reps)
        reps_row.addStretch(1)
        self.reps_widget = QWidget()
        self.reps_widget.setLayout(reps_row)
        reps_row.setContentsMargins(0, 0, 0, 0)
        row(None, self.reps_widget)
        self.plan_when = QLineEdit()
        self.plan_when.setMaxLength(MAX_PLAN_LENGTH)
        self.plan_when.setPlaceholderText(_("for example: after breakfast, round the park"))
        self.plan_when.setAccessibleName(_("When and where"))
        row(_("When and where:"), self.plan_when)
        days_row = QHBoxLayout()
        days_row.setContentsMargins(0, 0, 0, 0)
        self.weekday_boxes: list[QCheckBox] = []
        for name in weekday_names():
            box = QCheckBox(name)
            box.setAccessibleName(_("Plan for {day}").format(day=name))
            box.toggled.connect(self._update_summary)
            self.weekday_boxes.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        weekdays = QWidget()
        weekdays.setLayout(days_row)
        row(_("Which days:"), weekdays)
        row(None, note(_("Optional. Planning when, where and which days makes a goal much likelier to "
                         "happen."), small=True), quiet=True)
        layout.addLayout(form)

        layout.addSpacing(4)
        self.confidence_question = ConfidenceQuestion(_("How sure are you that you can do this?"))
        self.confidence = self.confidence_question.choices
        layout.addWidget(self.confidence_question)
        self.offer = SmallerGoalOffer()
        self.offer_text = self.offer.text
        self.take_smaller = self.offer.take_smaller
        self.keep_as_is = self.offer.keep_as_is
        self.offer.take.connect(self.use_smaller_goal)
        self.offer.keep.connect(self.keep_goal_as_is)
        layout.addStretch(1)
        self.scroll = FittingScroll(body)
        self.scroll.setMinimumHeight(90)
        outer.addWidget(self.scroll, 1)
        outer.addWidget(self.offer)   # beside the buttons, so it is in view however large the text
        self.summary = heading("", 1.05)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        outer.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save my goal"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self.activity.changed.connect(self._activity_changed)
        self.level.currentIndexChanged.connect(self._level_changed)
        for spin in (self.days, self.minutes, self.reps):
            spin.valueChanged.connect(self._update_summary)
        self.use_reps.toggled.connect(self._update_summary)
        self.confidence.changed.connect(self._update_summary)
        self.plan_when.textChanged.connect(self._update_summary)
        start = current or None
        self.activity.set_value(ACTIVITIES.index(start.activity) if start else 0)
        self._activity_changed()
        if start is not None:
            self.show_goal(start)
            self.plan_when.setText(start.plan_when or "")
            for day, box in enumerate(self.weekday_boxes):
                box.setChecked(day in start.plan_days)
        self._update_summary()
        self._fit_height(grow_only=False)

    def _room(self) -> int:
        return int(available_area(self).height() * MARGIN) - FRAME_ALLOWANCE

    def _fit_height(self, *, grow_only: bool = True) -> None:
        """As tall as the whole form needs (with the offer, when it shows), up to the room the screen has; the
        form scrolls beyond that, while the offer and the buttons stay in view."""
        self.scroll.updateGeometry()   # the form's own height changed: the window's hint must be asked again
        self.layout().invalidate()
        height = self.sizeHint().height()
        self.resize(WIDTH, max(self.height(), height) if grow_only else height)

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, min(super().sizeHint().height(), self._room()))

    def show_goal(self, goal: Goal) -> None:
        """Fill the form with a goal's level, days and amount (the plan fields are left as they are)."""
        index = self.level.findData(goal.level)
        if index >= 0:
            self.level.setCurrentIndex(index)
        self.days.setValue(goal.days_per_week)
        if not goal.is_routine:
            self.minutes.setValue(goal.minutes)
        self.use_reps.setChecked(goal.unit == REPETITIONS)
        if goal.repetitions:
            self.reps.setValue(goal.repetitions)

    def chosen_activity(self) -> str:
        return ACTIVITIES[self.activity.value() or 0]

    def allowed_levels(self) -> tuple[int, int]:
        """The function check's range; someone who has moved on from it may also go one level either side
        of their current goal (the same rule as `goals set`)."""
        activity = self.chosen_activity()
        low, high = allowed_goal_levels(activity, self.suggested.range_for(activity) if self.suggested else None,
                                        self.current, hold_back=self.hold_back)
        if self.lowest_offered is not None:   # a smaller goal the person took from the confidence offer
            low = min(low, self.lowest_offered)
        return low, high

    def _activity_changed(self) -> None:
        activity = self.chosen_activity()
        low, high = self.allowed_levels()
        self.level.blockSignals(True)
        self.level.clear()
        for level in range(low, high + 1):
            self.level.addItem(level_text(activity, level), level)
        self.level.blockSignals(False)
        self.level.setCurrentIndex(self.level.count() - 1 if self.suggested is None else 0)
        if self.suggested is not None:
            self.range_note.setText(_("Your function check suggests {range}. Starting at the lower end is fine.").format(
                range=range_text(activity, *self.suggested.range_for(activity))))
        else:
            self.range_note.setText(_("Tip: the function check on the Goals page suggests a starting level for you."))
        self.reps_widget.setVisible(activity == EXERCISES)
        routine = activity == ROUTINE
        self.minutes.setVisible(not routine)
        self.minutes_label.setVisible(not routine)
        if activity != EXERCISES:
            self.use_reps.setChecked(False)
        self._level_changed()
        self._fit_height()   # back exercises add a row: the window grows to keep the whole form in view

    def _level_changed(self) -> None:
        level = self.level.currentData()
        if level is None:
            return
        info = level_info(self.chosen_activity(), level)
        if self.chosen_activity() == ROUTINE:
            self.level_hint.setText(info.description + " " + _("A day counts when you follow this level's routine "
                                                               "(or a higher one) to the end, in Sessions."))
        else:
            self.level_hint.setText(info.description)
        self.minutes.setRange(info.min_minutes, info.max_minutes)
        self.minutes.setValue(info.min_minutes)
        self._update_summary()

    def plan_days(self) -> tuple[int, ...]:
        return tuple(day for day, box in enumerate(self.weekday_boxes) if box.isChecked())

    def goal(self) -> Goal:
        activity = self.chosen_activity()
        unit = REPETITIONS if self.use_reps.isChecked() and activity == EXERCISES else MINUTES
        return make_goal(activity, self.level.currentData(), self.days.value(),
                         None if activity == ROUTINE else self.minutes.value(),
                         unit=unit, repetitions=self.reps.value() if unit == REPETITIONS else None,
                         allowed_levels=self.allowed_levels(), plan_when=self.plan_when.text(),
                         plan_days=self.plan_days(), confidence=self.confidence.value())

    def _update_summary(self) -> None:
        if self.level.currentData() is None:
            return
        self.minutes.setEnabled(not self.use_reps.isChecked())
        self.reps.setEnabled(self.use_reps.isChecked())
        if self.offer.isVisible() or self.offered is not None:
            self._hide_offer()     # the goal changed: the offer was about the one before
        try:
            self.summary.setText(_("Your goal: {goal}").format(goal=self.goal().describe()))
        except UserError as error:   # shown where the person is looking; nothing is changed or guessed
            self.summary.setText(str(error))

    # --- confidence under 7: offer a smaller goal, and let the person choose ---

    def _hide_offer(self) -> None:
        self.offer.withdraw()

    @property
    def offered(self) -> Goal | None:
        """The smaller goal on offer, while the offer is showing."""
        return self.offer.offered

    def offer_smaller(self, goal: Goal) -> bool:
        """Show the smaller goal beside the two choices; False when there is nothing smaller to offer."""
        if not self.offer.offer(goal):
            return False
        self._fit_height()
        # The rating the offer answers stays in sight beside it (once the smaller form has been laid out).
        QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(self.confidence_question, 0, 0))
        return True

    def use_smaller_goal(self) -> None:
        """Put the smaller goal in the form and ask again how sure the person is (nothing is saved yet)."""
        smaller = self.offered
        if smaller is None:
            return
        if smaller.level < self.allowed_levels()[0]:
            self.lowest_offered = smaller.level
            self._activity_changed()
        self.show_goal(smaller)
        self.confidence.clear()
        self._hide_offer()
        self._update_summary()
        self.summary.setText(self.summary.text() + " " + _("How sure are you now?"))

    def keep_goal_as_is(self) -> None:
        try:
            goal = self.goal()
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        self._store(goal)

    def save(self) -> None:
        try:
            goal = self.goal()
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        if goal.low_confidence and self.offered is None and self.offer_smaller(goal):
            return    # the person chooses: smaller, or as it is
        if self.offered is not None:
            return    # the offer is showing: one of its two buttons decides
        self._store(goal)

    def _store(self, goal: Goal) -> None:
        self.saved = self.context.run(lambda p: p.goals.set_goal(goal), done=_("Goal saved."), parent=self,
                                      changes=Change.GOALS)
        if self.saved is not None:
            self.accept()
