"""Dialogs for the Goals page: function check, setting a goal, PSFS, global rating of change, STarT Back."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain import function_check as fc
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.goals import (
    ACTIVITIES,
    EXERCISES,
    MAX_REPETITIONS,
    MINUTES,
    REPETITIONS,
    Goal,
    level_info,
    make_goal,
    programme_levels,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.entry_forms import NumberField
from sb_desktop.ui.common.widgets import heading, note  # noqa: F401  (re-exported for the goals screens)
from sb_desktop.ui.goals.measures_dialogs import (  # noqa: F401  (re-exported: the Goals page opens them from here)
    GrocDialog,
    PsfsDialog,
    PsfsForm,
    StartBackDialog,
    clinic_startback_wording,
    startback_summary,
)
from sb_desktop.ui.goals.widgets import ChoiceGroup, _scrolling


def level_text(activity: str, level: int) -> str:
    info = level_info(activity, level)
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
    """Choose walking or back exercises, a level within the suggested range, days a week and minutes."""

    def __init__(self, context: AppContext, parent=None, *, suggested: fc.FunctionCheckResult | None = None,
                 current: Goal | None = None):
        super().__init__(parent)
        self.context = context
        self.suggested = suggested
        self.current = current
        self.saved: Goal | None = None
        # While a safety answer is unresolved, no step-up: the level cannot go above the current goal's.
        self.hold_back = context.profile is not None and not context.profile.safety.status().step_up_allowed
        self.setWindowTitle(_("Set your goal") if current is None else _("Change your goal"))
        self.resize(600, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Your weekly goal")))
        layout.addWidget(note(_("Pick something you feel fairly sure you can do. It is better to start small and "
                                "build up than to start big and stop.")))

        self.activity = ChoiceGroup([(0, _("Walking")), (1, _("Back exercises"))], columns=2,
                                    accessible=_("Activity"))
        form = QFormLayout()
        form.addRow(_("Activity:"), self.activity)
        self.range_note = note("", small=True)
        form.addRow("", self.range_note)
        self.level = QComboBox()
        self.level.setAccessibleName(_("Level"))
        form.addRow(_("Level:"), self.level)
        self.level_hint = note("", small=True)
        form.addRow("", self.level_hint)
        self.days = NumberField(1, 7, name=_("Days a week"), suffix=_("days a week"))
        self.days.setValue(3)
        self.days.setMaximumWidth(220)
        form.addRow(_("How often:"), self.days)
        self.minutes = NumberField(1, 600, name=_("Minutes each day"), suffix=_("minutes a day"))
        self.minutes.setMaximumWidth(220)
        form.addRow(_("How long:"), self.minutes)
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
        form.addRow("", self.reps_widget)
        layout.addLayout(form)
        layout.addStretch(1)
        self.summary = heading("", 1.05)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save my goal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.activity.changed.connect(self._activity_changed)
        self.level.currentIndexChanged.connect(self._level_changed)
        for spin in (self.days, self.minutes, self.reps):
            spin.valueChanged.connect(self._update_summary)
        self.use_reps.toggled.connect(self._update_summary)
        start = current or None
        self.activity.set_value(ACTIVITIES.index(start.activity) if start else 0)
        self._activity_changed()
        if start is not None:
            index = self.level.findData(start.level)
            if index >= 0:
                self.level.setCurrentIndex(index)
            self.days.setValue(start.days_per_week)
            self.minutes.setValue(start.minutes)
            self.use_reps.setChecked(start.unit == REPETITIONS)
            if start.repetitions:
                self.reps.setValue(start.repetitions)
        self._update_summary()

    def chosen_activity(self) -> str:
        return ACTIVITIES[self.activity.value() or 0]

    def allowed_levels(self) -> tuple[int, int]:
        """The function check's range; someone who has moved on from it may also go one level either side
        of their current goal."""
        activity = self.chosen_activity()
        top = len(programme_levels(activity)) - 1
        if self.suggested is None:
            return 0, top
        low, high = self.suggested.range_for(activity)
        if self.current is not None and self.current.activity == activity:
            low = min(low, max(0, self.current.level - 1))
            high = max(high, min(top, self.current.level + 1))
        if self.hold_back:
            same = self.current is not None and self.current.activity == activity
            high = max(low, min(high, self.current.level if same else low))
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
        if activity != EXERCISES:
            self.use_reps.setChecked(False)
        self._level_changed()

    def _level_changed(self) -> None:
        level = self.level.currentData()
        if level is None:
            return
        info = level_info(self.chosen_activity(), level)
        self.level_hint.setText(info.description)
        self.minutes.setRange(info.min_minutes, info.max_minutes)
        self.minutes.setValue(info.min_minutes)
        self._update_summary()

    def goal(self) -> Goal:
        unit = REPETITIONS if self.use_reps.isChecked() and self.chosen_activity() == EXERCISES else MINUTES
        return make_goal(self.chosen_activity(), self.level.currentData(), self.days.value(), self.minutes.value(),
                         unit=unit, repetitions=self.reps.value() if unit == REPETITIONS else None,
                         allowed_levels=self.allowed_levels())

    def _update_summary(self) -> None:
        if self.level.currentData() is None:
            return
        self.minutes.setEnabled(not self.use_reps.isChecked())
        self.reps.setEnabled(self.use_reps.isChecked())
        try:
            self.summary.setText(_("Your goal: {goal}").format(goal=self.goal().describe()))
        except UserError as error:   # shown where the person is looking; nothing is changed or guessed
            self.summary.setText(str(error))

    def save(self) -> None:
        try:
            goal = self.goal()
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        self.saved = self.context.run(lambda p: p.goals.set_goal(goal), done=_("Goal saved."), parent=self,
                                      changes=Change.GOALS)
        if self.saved is not None:
            self.accept()
