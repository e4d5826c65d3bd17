"""Red-flag questions: asked at first start and in each weekly review; a "yes" shows the advice at once.

Every answer is written to the profile the moment it is given, with its time. The advice replaces the
questions (never below them, never behind a scroll) and stays until the person confirms they have read it,
or says they pressed "Yes" by mistake (both answers are kept, with their times). Answers start with nothing
chosen, and the keyboard cannot choose one by accident: Tab lands on a question's answer group, where Y or N
answers it (Left/Right then Space also work); Space alone chooses nothing.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.safety import (
    EMERGENCY,
    ESCALATING,
    FIRST_START,
    NONE,
    ROUTINE,
    SafetyCheck,
    advice_for,
    escalation,
    history_questions,
    is_higher,
    questions_for_check,
    yes_questions,
)
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import make_quiet, panel_style

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
    wrong_press = Signal()

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
        self.wrong_button = QPushButton(_("I pressed Yes by mistake"))
        self.wrong_button.setToolTip(_("Changes that answer to No. Both answers are kept, with their times."))
        self.wrong_button.clicked.connect(self.wrong_press)
        for widget in (self.title, self.text, self.number, self.reasons):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.saved_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.wrong_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.level = NONE

    def show_advice(self, level: str, answers: dict[str, bool], overrides=None) -> None:
        advice = advice_for(level, overrides)
        self.level = level
        background, border = ADVICE_STYLE.get(level, ADVICE_STYLE["urgent"])
        self.setStyleSheet(panel_style("QFrame#red-flag-advice", background, border, border_width=2))
        self.title.setStyleSheet(f"color: {border};")
        self.title.setText(advice.title)
        self.text.setText(advice.text)
        self.number.setText(advice.contact_line)
        self.number.setVisible(bool(advice.contact_line))
        said = "".join(f"<li>{q.text}</li>" for q in yes_questions(answers) if q.level in ESCALATING)
        self.reasons.setText(_("You answered yes to:") + f"<ul style='margin-top:4px'>{said}</ul>")
        self.setAccessibleDescription(f"{advice.title}. {advice.text}")


class AnswerGroup(QFrame):
    """Yes and No for one question, starting with neither chosen. It takes keyboard focus itself (its two
    buttons do not), so Tab then Space can never choose "Yes": Y or N answer, Left/Right pick one to mark
    and Space or Enter then chooses the marked one."""

    chosen = Signal(bool)

    def __init__(self, question_text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("answer-group")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet("QFrame#answer-group { border: 2px solid transparent; border-radius: 6px; }"
                           "QFrame#answer-group:focus { border: 2px solid #2f6fab; }")
        self.setAccessibleName(question_text)
        self.setAccessibleDescription(_("Press Y for yes or N for no."))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.group = QButtonGroup(self)
        self.yes, self.no = QRadioButton(_("Yes")), QRadioButton(_("No"))
        for value, button in ((1, self.yes), (0, self.no)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"{question_text} {button.text()}")
            self.group.addButton(button, value)
            layout.addWidget(button)
        self.marked: int | None = None
        self.group.idClicked.connect(lambda value: self.chosen.emit(bool(value)))

    def _mark(self, value: int | None) -> None:
        self.marked = value
        for button_value, button in ((1, self.yes), (0, self.no)):
            font = button.font()
            font.setUnderline(button_value == value)
            button.setFont(font)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Y:
            self.yes.click()
        elif key == Qt.Key.Key_N:
            self.no.click()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._mark(1 if key == Qt.Key.Key_Left else 0)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.marked is not None:
            (self.yes if self.marked else self.no).click()
        elif key == Qt.Key.Key_Space:
            event.accept()   # nothing marked: Space chooses nothing
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        self._mark(None)
        super().focusOutEvent(event)


class RedFlagPanel(QWidget):
    """The questions with Yes/No answers. Emits completed_changed(bool) as the set becomes complete.

    A first check asks every question; a weekly one asks what can change, and the history questions too
    when the person says something in their health history has changed."""

    completed_changed = Signal(bool)
    escalated = Signal(str)

    def __init__(self, context: AppContext, check_context: str, parent=None, *, resume: SafetyCheck | None = None):
        super().__init__(parent)
        self.context = context
        self.check_context = check_context
        self.questions = list(questions_for_check(check_context))
        self.check: SafetyCheck | None = resume
        self.answers: dict[str, bool] = dict(resume.yes_answers) if resume else {}
        self.shown_level = NONE if resume is None or resume.advice_pending else self._urgent_level()
        self.last_yes: str | None = None

        self.stack = QStackedWidget()
        self.questions_page = QWidget()
        self.advice = AdviceView()
        self.advice.acknowledged.connect(self._acknowledge)
        self.advice.wrong_press.connect(self._wrong_press)
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
                           "quickly, so please answer each question. If you are not sure, answer Yes."))
        page.addSpacing(4)
        page.addWidget(intro)
        keys = _wrapped(_("With the keyboard: Tab moves to the next question; press Y for yes or N for no."))
        make_quiet(keys)
        page.addWidget(keys)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.rows = QVBoxLayout(body)
        self.rows.setContentsMargins(0, 4, 8, 4)
        self.rows.setSpacing(2)
        self.groups: dict[str, QButtonGroup] = {}
        self.answer_groups: dict[str, AnswerGroup] = {}
        self.row_widgets: dict[str, QWidget] = {}
        for question in self.questions:
            self.rows.addWidget(self._question_row(question))
        self.history_changed = None
        if check_context != FIRST_START:
            self.history_changed = QCheckBox(_("Something in my health history has changed"))
            self.history_changed.toggled.connect(self._show_history)
            self.rows.addSpacing(8)
            self.rows.addWidget(self.history_changed)
            example = _wrapped(_("For example a new illness, or new long-term medicines. Ticking this adds a "
                                 "few questions about your health history."))
            make_quiet(example)
            self.rows.addWidget(example)
            for question in history_questions():
                row = self._question_row(question)
                row.hide()
                self.rows.addWidget(row)
            if any(q.id in self.answers for q in history_questions()):
                self.history_changed.setChecked(True)
        self.rows.addStretch(1)
        scroll.setWidget(body)
        page.addWidget(scroll, 1)
        self.routine_note = _wrapped()
        self.routine_note.setObjectName("red-flag-routine")
        self.routine_note.setStyleSheet(panel_style("QLabel#red-flag-routine", "#eef5fb", "#9cc2e5", radius=6,
                                                    extra="padding: 8px;"))
        self.routine_note.hide()
        page.addWidget(self.routine_note)
        self.status = _wrapped()
        page.addWidget(self.status)
        self._update_reminder()
        self._update_status()
        if resume is not None and resume.advice_pending:
            self._show_advice(self._urgent_level())

    def _question_row(self, question) -> QWidget:
        row = QFrame()
        row.setObjectName("red-flag-row")
        row.setStyleSheet("QFrame#red-flag-row { border-bottom: 1px solid #e3e3e3; }")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 6, 4, 6)
        label = _wrapped(question.text)
        layout.addWidget(label, 1)
        answer = AnswerGroup(question.text, row)
        layout.addWidget(answer)
        if question.id in self.answers:
            answer.group.button(1 if self.answers[question.id] else 0).setChecked(True)
        answer.chosen.connect(lambda yes, qid=question.id: self.answer(qid, yes))
        self.groups[question.id] = answer.group
        self.answer_groups[question.id] = answer
        self.row_widgets[question.id] = row
        return row

    def _show_history(self, shown: bool) -> None:
        for question in history_questions():
            self.row_widgets[question.id].setVisible(shown)
            if shown and question not in self.questions:
                self.questions.append(question)
            elif not shown and question in self.questions and question.id not in self.answers:
                self.questions.remove(question)
        self._update_status()

    def focus_first_question(self) -> None:
        first = self.answer_groups.get(self.questions[0].id) if self.questions else None
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- answering ---

    def _urgent_level(self) -> str:
        """The highest emergency or urgent level the current answers reach (routine advice never blocks)."""
        level = escalation(self.answers)
        return level if level in ESCALATING else NONE

    def answer(self, question_id: str, yes: bool) -> None:
        """Record the answer now; a "yes" that raises the level shows its advice before anything else; a
        change back to "no" is recorded as a correction and takes its advice away."""
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
        level = self._urgent_level()
        if yes:
            self.last_yes = question_id
        if yes and is_higher(level, self.shown_level):
            self._show_advice(level)
        elif not yes and is_higher(self.shown_level, level):
            self.shown_level = level   # a corrected answer: its advice goes away
        self._update_reminder()
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
        self.stack.setCurrentWidget(self.questions_page)
        self._update_reminder()
        self._update_status()

    def _wrong_press(self) -> None:
        """"I pressed Yes by mistake": the latest yes becomes no (both kept); any other yes keeps its advice."""
        wrong = self.last_yes
        if wrong is None or not self.answers.get(wrong):
            candidates = [q.id for q in yes_questions(self.answers) if q.level in ESCALATING]
            wrong = candidates[-1] if candidates else None
        if wrong is None:
            return
        self.answer(wrong, False)
        self.last_yes = None
        level = self._urgent_level()
        if level == NONE:
            self.stack.setCurrentWidget(self.questions_page)
            self.answer_groups[wrong].setFocus()
        else:
            self.advice.show_advice(level, self.answers, getattr(self.context, "clinic", None))
        self._update_reminder()
        self._update_status()

    def _update_reminder(self) -> None:
        level = self._urgent_level()
        if level == NONE or self.shown_level == NONE:
            self.reminder.hide()
        else:
            advice = advice_for(level, getattr(self.context, "clinic", None))
            self.reminder.setText(_("{title}. <a href='#'>Show the advice again</a>").format(title=advice.title))
            self.reminder.show()
        if self.answers.get("no_improvement"):
            routine = advice_for(ROUTINE, getattr(self.context, "clinic", None))
            self.routine_note.setText(f"<b>{routine.title}.</b> {routine.text}")
            self.routine_note.show()
        else:
            self.routine_note.hide()

    # --- state ---

    @property
    def advice_showing(self) -> bool:
        return self.stack.currentWidget() is self.advice

    def unanswered(self) -> list[str]:
        return [q.id for q in self.questions if q.id not in self.answers]

    def is_complete(self) -> bool:
        return (not self.unanswered() and not self.advice_showing
                and not is_higher(self._urgent_level(), self.shown_level))

    def _update_status(self) -> None:
        left = len(self.unanswered())
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
        heading.setWordWrap(True)
        layout.addWidget(heading)
        if check_context == FIRST_START:
            about = _wrapped(_("You can use Today and the Journal straight away. The sessions, exercise routines "
                               "and goals open once these questions are answered. If you choose \"Ask me later\", "
                               "they will come back the next time you open the app."))
            make_quiet(about)
            layout.addWidget(about)
        self.panel = RedFlagPanel(context, check_context, self, resume=resume)
        layout.addWidget(self.panel, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.later = QPushButton(_("Ask me later"))
        self.later.clicked.connect(self.reject)
        self.done_button = QPushButton(_("Continue"))
        self.done_button.clicked.connect(self._finish)
        for button in (self.later, self.done_button):
            button.setAutoDefault(False)   # "Ask me later" must never look like the thing to press
        buttons.addWidget(self.later)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self.panel.completed_changed.connect(self.done_button.setEnabled)
        # Default (Enter, accent colour) only once it can be pressed: a disabled default button is hard to read.
        self.panel.completed_changed.connect(self.done_button.setDefault)
        self.panel.completed_changed.connect(lambda _done: self.later.setEnabled(not self.panel.advice_showing))
        self.done_button.setEnabled(self.panel.is_complete())
        self.done_button.setDefault(self.panel.is_complete())
        self.later.setEnabled(not self.panel.advice_showing)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.panel.advice_showing:
            self.panel.focus_first_question()

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
    context.announce(Change.SAFETY)   # pages waiting for the first check look again
