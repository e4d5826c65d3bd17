"""Dialogs for the Goals page: function check, setting a goal, PSFS, global rating of change, STarT Back."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QScrollArea,
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
from sb_desktop.domain.measures import (
    PSFS_CITATION,
    PSFS_MAX_ITEMS,
    STARTBACK_NOTICE,
    groc_labels,
    make_groc,
    make_psfs,
    make_startback,
    psfs_previous,
    risk_label,
    startback_bother_options,
    startback_topics,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.entry_forms import NumberField
from sb_desktop.ui.common.style import short_date
from sb_desktop.ui.common.widgets import heading, note  # noqa: F401  (re-exported for the goals screens)


def level_text(activity: str, level: int) -> str:
    info = level_info(activity, level)
    return _("Level {n}: {name} ({low}-{high} min)").format(n=level, name=info.name, low=info.min_minutes,
                                                            high=info.max_minutes)


def range_text(activity: str, low: int, high: int) -> str:
    if low == high:
        return level_text(activity, low)
    return _("levels {low} to {high}: {first} to {last}").format(
        low=low, high=high, first=level_info(activity, low).name, last=level_info(activity, high).name)


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


class PsfsForm(QWidget):
    """Up to five activities the person finds hard, each rated 0 (cannot do it) to 10 (as before)."""

    def __init__(self, previous: list[tuple[str, int]], parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note(_("Name 3 to 5 everyday activities your back makes hard, such as putting on socks "
                                "or walking to the shop. Rate each: 0 means you cannot do it at all, 10 means you "
                                "can do it as well as before your back pain.")))
        grid = QGridLayout()
        grid.addWidget(heading(_("Activity"), 1.0), 0, 0)
        grid.addWidget(heading(_("Can do (0-10)"), 1.0), 0, 1)
        if previous:
            grid.addWidget(heading(_("Last time"), 1.0), 0, 2)
        self.rows: list[tuple[QLineEdit, NumberField]] = []
        for index in range(PSFS_MAX_ITEMS):
            name = QLineEdit(previous[index][0] if index < len(previous) else "")
            name.setPlaceholderText(_("Activity {n}").format(n=index + 1) + (_(" (optional)") if index >= 3 else ""))
            name.setMaxLength(80)
            name.setAccessibleName(_("Activity {n}").format(n=index + 1))
            # Starts unrated (empty, "0-10" as a hint), so no number is suggested to the person.
            score = NumberField(0, 10, name=_("Rating for activity {n}, 0 to 10").format(n=index + 1),
                                optional=True, empty_text=_("0-10"))
            score.setMinimumWidth(90)
            grid.addWidget(name, index + 1, 0)
            grid.addWidget(score, index + 1, 1)
            if index < len(previous):
                grid.addWidget(note(str(previous[index][1]), small=True), index + 1, 2, Qt.AlignmentFlag.AlignCenter)
            self.rows.append((name, score))
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        layout.addWidget(note(_("Patient-Specific Functional Scale (Stratford et al., 1995)."), small=True))

    def ratings(self) -> list[tuple[str, int | None]]:
        return [(name.text(), score.value()) for name, score in self.rows]

    def set_ratings(self, ratings: list[tuple[str, int]]) -> None:
        for (name, score), (text, value) in zip(self.rows, ratings, strict=False):   # up to five rows
            name.setText(text)
            score.setValue(value)


class PsfsDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Activities that are hard"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("How well can you do these activities?")))
        previous = psfs_previous(context.profile.measures.responses()) if context.profile else []
        self.form = PsfsForm(previous)
        layout.addWidget(self.form)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setToolTip(PSFS_CITATION)

    def save(self) -> None:
        try:
            ratings = self.form.ratings()
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        saved = self.context.run(lambda p: p.measures.add(make_psfs(ratings)),
                                 done=_("Activity ratings saved."), parent=self, changes=Change.MEASURES)
        if saved is not None:
            self.accept()


class GrocDialog(QDialog):
    """The 7-point global rating of change, asked at weeks 6 and 12."""

    def __init__(self, context: AppContext, week: int, parent=None):
        super().__init__(parent)
        self.context = context
        self.week = week
        self.setWindowTitle(_("How is your back now?"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Compared with when you started, how is your back now?")))
        layout.addWidget(note(_("Week {n} of the programme. Choose the answer closest to how you feel.").format(n=week)))
        labels = groc_labels()
        self.choice = ChoiceGroup([(value + 3, labels[value]) for value in sorted(labels, reverse=True)],
                                  accessible=_("Change in your back"))
        layout.addWidget(self.choice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setEnabled(False)
        self.choice.changed.connect(lambda: save_button.setEnabled(True))
        layout.addWidget(self.buttons)

    def save(self) -> None:
        value = self.choice.value() - 3
        saved = self.context.run(lambda p: p.measures.add(make_groc(value, week=self.week)),
                                 done=_("Thank you: your answer is saved."), parent=self, changes=Change.MEASURES)
        if saved is not None:
            self.accept()


def clinic_startback_wording(clinic) -> list[str] | None:
    """Nine item texts a clinic holding Keele's licence may supply (`startback_items`), else None."""
    items = clinic.get("startback_items") if isinstance(clinic, dict) else getattr(clinic, "startback_items", None)
    if isinstance(items, (list, tuple)) and len(items) == 9 and all(isinstance(i, str) and i.strip() for i in items):
        return list(items)
    return None


class StartBackDialog(QDialog):
    """Optional screening. Built-in item texts are our paraphrase of each item's topic, labelled as such."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Optional back pain screening"))
        self.resize(680, 640)
        licensed = clinic_startback_wording(getattr(context, "clinic", None))
        self.wording = "clinic" if licensed else "paraphrase"
        texts = licensed or [startback_topics()[n] for n in range(1, 10)]
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Back pain screening (optional)")))
        intro = _("This is optional. It helps you and your clinician think about what kind of support might "
                  "suit you. Think about the last 2 weeks.")
        if self.wording == "paraphrase":
            intro += " " + _("The statements below are our plain summaries of the questionnaire's topics, not its "
                             "official wording, so treat the result as a rough guide and talk it through with your clinician.")
        layout.addWidget(note(intro))
        body = QWidget()
        grid = QGridLayout(body)
        self.items: dict[int, ChoiceGroup] = {}
        for n in range(1, 9):
            grid.addWidget(note(f"{n}. {texts[n - 1]}"), n, 0)
            group = ChoiceGroup([(1, _("Agree")), (0, _("Disagree"))], columns=2, accessible=texts[n - 1])
            group.changed.connect(self._update)
            self.items[n] = group
            grid.addWidget(group, n, 1)
        grid.addWidget(note(f"9. {texts[8]}"), 9, 0)
        self.bother = QComboBox()
        self.bother.addItem(_("Choose…"), None)
        for value, text in enumerate(startback_bother_options()):
            self.bother.addItem(text, value)
        self.bother.setAccessibleName(texts[8])
        self.bother.currentIndexChanged.connect(self._update)
        grid.addWidget(self.bother, 9, 1)
        grid.setColumnStretch(0, 1)
        layout.addWidget(_scrolling(body), 1)
        layout.addWidget(note(STARTBACK_NOTICE, small=True))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _answers(self):
        agree = {n: bool(g.value()) for n, g in self.items.items() if g.value() is not None}
        return agree, self.bother.currentData()

    def _update(self) -> None:
        agree, bother = self._answers()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(len(agree) == 8 and bother is not None)

    def save(self) -> None:
        agree, bother = self._answers()
        saved = self.context.run(lambda p: p.measures.add(make_startback(agree, bother, wording=self.wording)),
                                 done=_("Screening saved."), parent=self, changes=Change.MEASURES)
        if saved is not None:
            self.saved = saved
            self.accept()


def startback_summary(response) -> str:
    answers = response.answers
    return _("Screening on {date}: {risk} (score {total} of 9; {psych} of 5 on the worry and mood items).").format(
        date=short_date(response.date), risk=risk_label(answers["risk"]), total=int(response.score),
        psych=answers["psychosocial"])

