"""'Try it and see' on the Progress page: plan a self-experiment, follow its weeks, read the result."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain import experiment as ex
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import note
from sb_desktop.ui.progress.cards import Card, _label

STRENGTH_WORDS = {"none": lambda: _("no clear difference"), "weak": lambda: _("a first, weak sign"),
                  "moderate": lambda: _("a first sign"), "clear": lambda: _("a clear sign")}


def experiment_summary(experiment, result, today: dt.date) -> str:
    """One or two plain sentences for the weekly review and the PDF."""
    if experiment is None:
        return ""
    text = ex.experiment_week_text(experiment, today)
    if text:
        return text
    return result.statement


class ExperimentDialog(QDialog):
    """Plan an experiment: the measure, the two daily targets, how many weeks and the first day."""

    def __init__(self, measure: str, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.setWindowTitle(_("Try it and see"))
        layout = QVBoxLayout(self)
        self.setMinimumWidth(480)
        layout.addWidget(note(_(
            "For a few weeks you aim for more activity in some weeks and less in others. The app picks at random "
            "which week of each pair is the higher one. That way, your back slowly changing over the weeks cannot "
            "fool the answer. At the end you can compare your pain in the two kinds of week.")))
        form = QFormLayout()
        self.measure = QComboBox()
        self.measure.addItem(_("Minutes of activity a day"), ex.MINUTES)
        self.measure.addItem(_("Steps a day"), ex.STEPS)
        self.measure.setCurrentIndex(max(0, self.measure.findData(measure)))
        self.measure.currentIndexChanged.connect(self._measure_changed)
        self.lower = QSpinBox()
        self.higher = QSpinBox()
        for box, name in ((self.lower, _("Lower target")), (self.higher, _("Higher target"))):
            box.setAccessibleName(name)
            box.setGroupSeparatorShown(True)
        self.weeks = QComboBox()
        for weeks in ex.WEEK_CHOICES:
            self.weeks.addItem(_("{n} weeks").format(n=weeks), weeks)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setMaximumDate(QDate(self.today.year, self.today.month, self.today.day))
        earliest = self.today - dt.timedelta(days=ex.MAX_DAYS_BACK)
        self.start.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.start.setDate(QDate(self.today.year, self.today.month, self.today.day))
        form.addRow(_("&Measure:"), self.measure)
        form.addRow(_("&Lower target:"), self.lower)
        form.addRow(_("&Higher target:"), self.higher)
        form.addRow(_("&Weeks:"), self.weeks)
        form.addRow(_("&First day:"), self.start)
        layout.addLayout(form)
        layout.addWidget(note(_("Pick targets you can manage on a so-so day. Rate your pain on most days, so "
                                "each week has enough ratings to compare."), small=True))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.addButton(_("Start the experiment"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._measure_changed()

    def _measure_changed(self) -> None:
        steps = self.measure.currentData() == ex.STEPS
        for box in (self.lower, self.higher):
            box.setRange(0, ex.MAX_TARGET[ex.STEPS if steps else ex.MINUTES])
            box.setSingleStep(500 if steps else 5)
            box.setSuffix(_(" steps") if steps else _(" min"))
        self.lower.setValue(5000 if steps else 15)
        self.higher.setValue(8000 if steps else 30)

    def plan(self) -> ex.Experiment:
        """The plan as entered; raises ValidationError when it does not make sense."""
        d = self.start.date()
        return ex.make_experiment(self.measure.currentData(), self.lower.value(), self.higher.value(),
                                  weeks=self.weeks.currentData(), start=dt.date(d.year(), d.month(), d.day()),
                                  today=self.today)


class ExperimentCard(Card):
    """The experiment as the Progress page shows it: an invitation, the plan with this week, or the result."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(_("Try it and see"), parent)
        self.context = context
        self.setAccessibleName(self.title.text())
        self.statement = _label("", name=_("Experiment"))
        self.layout_.addWidget(self.statement)
        self.plan_label = _label("", small=True, name=_("Experiment plan"))
        self.layout_.addWidget(self.plan_label)
        self.toggle = QToolButton()
        self.toggle.setText(_("Show the numbers"))
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._show_numbers)
        self.layout_.addWidget(self.toggle)
        self.numbers = _label("", small=True, name=_("The numbers"))
        self.numbers.setVisible(False)
        self.layout_.addWidget(self.numbers)
        row = QHBoxLayout()
        self.plan_button = QPushButton(_("&Plan an experiment…"))
        self.plan_button.clicked.connect(lambda _checked=False: self.plan_new())
        self.stop_button = QPushButton(_("Stop it"))
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.plan_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.experiment = None
        self.result = None
        self.measure = ex.MINUTES     # suggested in a new plan: the measure the person has on more days

    def show_experiment(self, experiment, series, today: dt.date | None = None, measure: str = ex.MINUTES) -> None:
        today = today or dt.date.today()
        self.experiment = experiment
        self.measure = measure
        if experiment is None:
            self.result = None
            self.statement.setText(_(
                "Want a fairer test than any pattern? Pick a higher and a lower activity target and swap between "
                "them week by week for 4 to 8 weeks. Then see how your pain compared."))
            self.plan_label.setText("")
            self.plan_label.setVisible(False)
            self.toggle.setVisible(False)
            self.numbers.setVisible(False)
            self.plan_button.setText(_("&Plan an experiment…"))
            self.stop_button.setVisible(False)
            return
        self.result = ex.analyse_experiment(experiment, series, today)
        state = experiment.state(today)
        self.statement.setText(experiment_summary(experiment, self.result, today) if state == ex.RUNNING
                               else self.result.statement)
        self.plan_label.setText(self._plan_text(experiment, today))
        self.plan_label.setVisible(True)
        self.toggle.setVisible(self.result.pairs_compared > 0)
        self.numbers.setText(self._numbers_text(experiment, self.result))
        self.numbers.setVisible(self.toggle.isChecked() and self.toggle.isVisible())
        self.stop_button.setVisible(state == ex.RUNNING)
        self.plan_button.setVisible(state != ex.RUNNING)
        self.plan_button.setText(_("&Plan another…"))

    @staticmethod
    def _plan_text(experiment, today: dt.date) -> str:
        lines = []
        unit = ex.measure_unit(experiment.measure)
        for week in ex.schedule(experiment):
            arm = _("higher") if week.arm == ex.HIGHER else _("lower")
            line = _("Week {n} ({start}): {arm}, {target:,} {unit}").format(
                n=week.week, start=week.start.strftime("%d %b"), arm=arm, target=week.target, unit=unit)
            if week.start <= today <= week.end and experiment.state(today) == ex.RUNNING:
                line = "▶ " + line + " " + _("(this week)")
            lines.append(line)
        return "\n".join(lines)

    @staticmethod
    def _numbers_text(experiment, r) -> str:
        if r.pairs_compared == 0:
            return ""
        unit = ex.measure_unit(experiment.measure)

        def number(value, digits=1):
            return "—" if value is None else f"{value:,.{digits}f}"

        low, high = r.interval
        lines = [
            _("Pairs of weeks compared: {n}.").format(n=r.pairs_compared),
            _("Pain: {h} in higher weeks, {l} in lower weeks (difference {d:+.1f}).").format(
                h=number(r.pain_higher), l=number(r.pain_lower), d=r.difference),
            _("Activity: {h} and {l} {unit}.").format(h=number(r.activity_higher, 0), l=number(r.activity_lower, 0),
                                                      unit=unit),
        ]
        if low is not None:
            lines.append(_("Likely range of the difference: {low:+.1f} to {high:+.1f}.").format(low=low, high=high))
        lines.append(_("Chance of a difference at least this big if the kind of week made none: p = {p:.3f} (every way of "
                       "swapping the weeks in each pair).").format(p=r.p_value))
        lines.append(_("How sure: {words}.").format(words=STRENGTH_WORDS[r.strength]()))
        return "\n".join(lines)

    def _show_numbers(self, shown: bool) -> None:
        self.numbers.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.toggle.setText(_("Hide the numbers") if shown else _("Show the numbers"))

    def plan_new(self, measure: str | None = None) -> None:
        from sb_desktop.domain.errors import UserError

        dialog = ExperimentDialog(measure or self.measure, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            planned = dialog.plan()
        except UserError as error:
            QMessageBox.warning(self, _("Not started"), str(error))
            return
        self.start_planned(planned)

    def start_planned(self, planned: ex.Experiment):
        today = dt.date.today()
        return self.context.run(lambda p: p.experiments.start(planned, today), changes=Change.EXPERIMENT,
                                parent=self, done=_("Experiment started. Week 1 is on the plan."))

    def stop(self):
        answer = QMessageBox.question(self, _("Stop the experiment?"), _(
            "Stopping keeps what you have logged, but the weeks left will not be compared. Stop it now?"))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        today = dt.date.today()
        return self.context.run(lambda p: p.experiments.stop(today), changes=Change.EXPERIMENT, parent=self,
                                done=_("Experiment stopped."))

