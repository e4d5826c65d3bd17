"""Red-flag questions: asked at first start and in each weekly review; a "yes" shows the advice at once.

Every answer is written to the profile the moment it is given, with its time. The advice replaces the
questions (never below them, never behind a scroll) and stays until the person confirms they have read it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QRadioButton, QScrollArea, QStackedWidget,
    QVBoxLayout, QWidget,
)

from sb_desktop.domain.safety import (
    EMERGENCY, FIRST_START, NONE, SafetyCheck, advice_for, escalation, is_higher, red_flag_questions, yes_questions,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import make_quiet, panel_style
from sb_desktop.ui.common.context import AppContext, Change

ADVICE_STYLE = {
    EMERGENCY: ("#fdecea", "#b3261e"),
    "urgent": ("#fff4e0", "#a15c00"),
}


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AdviceView(QFrame):
    """The advice for the highest level reached, in a calm but unmistakable box, with the questions answered yes."""

    acknowledged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("red-flag-advice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.title = _bold(_wrapped(), 1.5)
        self.text = _wrapped()
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text.setFont(font)
        self.number = _bold(_wrapped(), 1.4)
        self.reasons = _wrapped()
        self.saved_note = _wrapped(_("Your answers are saved on this computer with the time you gave them."))
        make_quiet(self.saved_note)
        self.ack_button = QPushButton(_("I have read this advice"))
        self.ack_button.setAccessibleName(_("I have read this advice"))
        self.ack_button.setMinimumHeight(36)
        self.ack_button.clicked.connect(self.acknowledged)
        for widget in (self.title, self.text, self.number, self.reasons):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.saved_note)
        layout.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.level = NONE

    def show_advice(self, level: str, answers: dict[str, bool], overrides=None) -> None:
        advice = advice_for(level, overrides)
        self.level = level
        background, border = ADVICE_STYLE.get(level, ADVICE_STYLE["urgent"])
        self.setStyleSheet(panel_style("QFrame#red-flag-advice", background, border, border_width=2))
        self.title.setStyleSheet(f"color: {border};")
        self.title.setText(advice.title)
        self.text.setText(advice.text)
        if level == EMERGENCY:
            self.number.setText(_("Emergency: {service} or call {number}").format(service=advice.service, number=advice.number))
        else:
            self.number.setText(_("{service}: call {number}").format(service=advice.service, number=advice.number))
        said = "".join(f"<li>{q.text}</li>" for q in yes_questions(answers))
        self.reasons.setText(_("You answered yes to:") + f"<ul style='margin-top:4px'>{said}</ul>")
        self.setAccessibleDescription(f"{advice.title}. {advice.text}")


class RedFlagPanel(QWidget):
    """The questions with Yes/No answers. Emits completed_changed(bool) as the set becomes complete."""

    completed_changed = Signal(bool)
    escalated = Signal(str)

    def __init__(self, context: AppContext, check_context: str, parent=None, *, resume: SafetyCheck | None = None):
        super().__init__(parent)
        self.context = context
        self.check_context = check_context
        self.questions = red_flag_questions()
        self.check: SafetyCheck | None = resume
        self.answers: dict[str, bool] = dict(resume.yes_answers) if resume else {}
        self.shown_level = NONE if resume is None or resume.advice_pending else resume.escalation

        self.stack = QStackedWidget()
        self.questions_page = QWidget()
        self.advice = AdviceView()
        self.advice.acknowledged.connect(self._acknowledge)
        self.stack.addWidget(self.questions_page)
        self.stack.addWidget(self.advice)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        page = QVBoxLayout(self.questions_page)
        page.setContentsMargins(0, 0, 0, 0)
        self.reminder = _wrapped()
        self.reminder.setObjectName("red-flag-reminder")
        self.reminder.setStyleSheet(panel_style("QLabel#red-flag-reminder", "#fff4e0", "#a15c00", radius=6,
                                                extra="padding: 8px;"))
        self.reminder.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                              | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.reminder.linkActivated.connect(lambda _link: self._show_advice(self.shown_level))
        self.reminder.hide()
        page.addWidget(self.reminder)
        intro = _wrapped(_("Back pain is very rarely a sign of anything serious. A few signs do need a doctor "
                           "quickly, so please answer each question. If you are not sure, answer yes."))
        page.addWidget(intro)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setContentsMargins(0, 4, 8, 4)
        rows.setSpacing(2)
        self.groups: dict[str, QButtonGroup] = {}
        for question in self.questions:
            rows.addWidget(self._question_row(question))
        rows.addStretch(1)
        scroll.setWidget(body)
        page.addWidget(scroll, 1)
        self.status = _wrapped()
        page.addWidget(self.status)
        self._update_status()
        if resume is not None and resume.advice_pending:
            self._show_advice(resume.escalation)

    def _question_row(self, question) -> QWidget:
        row = QFrame()
        row.setObjectName("red-flag-row")
        row.setStyleSheet("QFrame#red-flag-row { border-bottom: 1px solid #e3e3e3; }")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 6, 4, 6)
        label = _wrapped(question.text)
        layout.addWidget(label, 1)
        group = QButtonGroup(row)
        yes, no = QRadioButton(_("Yes")), QRadioButton(_("No"))
        for button in (yes, no):
            button.setAccessibleName(f"{question.text} {button.text()}")
            layout.addWidget(button)
        group.addButton(yes, 1)
        group.addButton(no, 0)
        if question.id in self.answers:
            (yes if self.answers[question.id] else no).setChecked(True)
        group.idClicked.connect(lambda value, qid=question.id: self.answer(qid, bool(value)))
        self.groups[question.id] = group
        return row

    # --- answering ---

    def answer(self, question_id: str, yes: bool) -> None:
        """Record the answer now; a "yes" that raises the level shows its advice before anything else."""
        button = self.groups[question_id].button(1 if yes else 0)
        if not button.isChecked():
            button.setChecked(True)
        if self.context.profile is None:
            return
        self.answers[question_id] = yes
        check_context = self.check_context

        def record(profile):
            store = profile.safety
            check = self.check or store.start_check(check_context)
            return store.record_answer(check.id, question_id, yes)

        saved = self.context.run(record, parent=self, changes=Change.SAFETY)
        if saved is not None:
            self.check = saved
        level = escalation(self.answers)
        if yes and is_higher(level, self.shown_level):
            self._show_advice(level)
        self._update_status()

    def _show_advice(self, level: str) -> None:
        if level == NONE:
            return
        self.advice.show_advice(level, self.answers, getattr(self.context, "clinic", None))
        self.stack.setCurrentWidget(self.advice)
        self.advice.ack_button.setFocus()
        if self.check is not None:
            self.check = self.context.run(lambda p: p.safety.mark_advice_shown(self.check.id),
                                          parent=self, changes=Change.SAFETY) or self.check
        self.escalated.emit(level)
        self._update_status()

    def _acknowledge(self) -> None:
        self.shown_level = self.advice.level
        if self.check is not None:
            self.check = self.context.run(lambda p: p.safety.mark_advice_seen(self.check.id),
                                          parent=self, changes=Change.SAFETY) or self.check
        self.reminder.setText(_("{title}. <a href='#'>Show the advice again</a>").format(title=self.advice.title.text()))
        self.reminder.show()
        self.stack.setCurrentWidget(self.questions_page)
        self._update_status()

    # --- state ---

    @property
    def advice_showing(self) -> bool:
        return self.stack.currentWidget() is self.advice

    def is_complete(self) -> bool:
        return (len(self.answers) == len(self.questions) and not self.advice_showing
                and not is_higher(escalation(self.answers), self.shown_level))

    def _update_status(self) -> None:
        left = len(self.questions) - len(self.answers)
        self.status.setText(_("{n} questions left to answer.").format(n=left) if left else _("All questions answered. Thank you."))
        self.completed_changed.emit(self.is_complete())

    def complete(self) -> SafetyCheck | None:
        """Mark the check finished (call when the person moves on)."""
        if self.check is None or not self.is_complete():
            return None
        if self.check.completed_at is not None:
            return self.check
        self.check = self.context.run(lambda p: p.safety.complete(self.check.id), parent=self,
                                      changes=Change.SAFETY) or self.check
        return self.check


class RedFlagDialog(QDialog):
    def __init__(self, context: AppContext, check_context: str = FIRST_START, parent=None, *,
                 resume: SafetyCheck | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("A few safety questions"))
        self.setModal(True)
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        heading = _bold(QLabel(_("Before you start: a few safety questions") if check_context == FIRST_START
                               else _("Safety questions")), 1.35)
        layout.addWidget(heading)
        self.panel = RedFlagPanel(context, check_context, self, resume=resume)
        layout.addWidget(self.panel, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.later = QPushButton(_("Ask me later"))
        self.later.clicked.connect(self.reject)
        self.done_button = QPushButton(_("Continue"))
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self._finish)
        buttons.addWidget(self.later)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self.panel.completed_changed.connect(self.done_button.setEnabled)
        self.panel.completed_changed.connect(lambda _done: self.later.setEnabled(not self.panel.advice_showing))
        self.done_button.setEnabled(self.panel.is_complete())
        self.later.setEnabled(not self.panel.advice_showing)

    def _finish(self) -> None:
        if self.panel.complete() is not None:
            self.accept()

    def reject(self) -> None:
        # The advice cannot be closed unread; the questions come back at the next start if unfinished.
        if self.panel.advice_showing:
            return
        super().reject()


def first_start_check_needed(context: AppContext) -> tuple[bool, SafetyCheck | None]:
    """(whether to ask, a check to resume): asked until one is finished; unread advice is shown again."""
    if context.profile is None:
        return False, None
    return context.profile.safety.first_start_due()


def run_first_start_check(context: AppContext, parent=None, due: tuple[bool, SafetyCheck | None] | None = None
                          ) -> None:
    """Show the red-flag questions on a profile's first start (and until answered); modal. `due`: what
    SafetyStore.first_start_due() said, when the caller has just asked."""
    needed, resume = due if due is not None else first_start_check_needed(context)
    if not needed:
        return
    if resume is not None and resume.completed_at is not None:
        dialog = RedFlagDialog(context, resume.context, parent, resume=resume)
    else:
        dialog = RedFlagDialog(context, FIRST_START, parent, resume=resume)
    dialog.exec()
