"""Support calls on the Goals page: when the next call is, what was agreed last time, your own questions for
the call, a prep sheet to print, and a short record of what was agreed."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.calls import make_call, next_call_date, support_plan
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.settings import CALL_QUESTIONS
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import heading, note


def call_summary(context: AppContext, today: dt.date) -> str:
    """One or two sentences: when the next call is, and what was agreed at the last one."""
    profile = context.profile
    if profile is None:
        return ""
    records = profile.calls.records()
    plan = support_plan(profile.overview(today).programme_start, records, getattr(context, "clinic", None))
    upcoming = next_call_date(plan, records, today)
    parts = []
    if upcoming is not None:
        parts.append(_("Next support call: {date}.").format(date=f"{upcoming:%A} {upcoming.day} {upcoming:%B}"))
    if records:
        parts.append(_("Agreed last time: {agreed}").format(agreed=records[-1].agreed))
    return " ".join(parts)


class RecordCallDialog(QDialog):
    """What was agreed at a call, in the person's own words."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.saved = None
        self.setWindowTitle(_("Record a support call"))
        self.setMinimumWidth(520)
        form = QFormLayout()
        self.with_whom = QLineEdit()
        self.with_whom.setMaxLength(80)
        self.with_whom.setPlaceholderText(_("for example: Sam, physiotherapist"))
        self.with_whom.setAccessibleName(_("Who the call was with"))
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("d MMM yyyy")
        self.held_on.setMaximumDate(QDate.currentDate())
        self.held_on.setAccessibleName(_("When the call was"))
        self.agreed = QPlainTextEdit()
        self.agreed.setAccessibleName(_("What you agreed"))
        self.agreed.setPlaceholderText(_("Your goal for the next weeks, and anything else you agreed"))
        self.agreed.setTabChangesFocus(True)
        self.next_call = QDateEdit(QDate.currentDate().addDays(14))
        self.next_call.setCalendarPopup(True)
        self.next_call.setDisplayFormat("d MMM yyyy")
        self.next_call.setMinimumDate(QDate.currentDate())
        self.next_call.setAccessibleName(_("When the next call is"))
        form.addRow(_("&With:"), self.with_whom)
        form.addRow(_("&When:"), self.held_on)
        form.addRow(_("What you &agreed:"), self.agreed)
        form.addRow(_("&Next call:"), self.next_call)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("What did you agree?"), 1.15))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        def day(edit: QDateEdit) -> dt.date:
            value = edit.date()
            return dt.date(value.year(), value.month(), value.day())
        try:
            call = make_call(self.with_whom.text(), self.agreed.toPlainText(), held_on=day(self.held_on),
                             next_call=day(self.next_call))
        except UserError as error:
            QMessageBox.warning(self, _("Not saved"), str(error))
            return
        self.saved = self.context.run(lambda p: p.calls.add(call), changes=Change.GOALS, parent=self,
                                      done=_("Call saved. What you agreed shows on Today until the next call."))
        if self.saved is not None:
            self.accept()


class CallsCard(QWidget):
    """The Goals page's support-calls card."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(_("Calls with your physiotherapist"), 1.1))
        self.summary = note("")
        layout.addWidget(self.summary)
        self.questions = QPlainTextEdit()
        self.questions.setAccessibleName(_("My questions for the next call"))
        self.questions.setPlaceholderText(_("My questions for the next call (they go on the prep sheet)"))
        self.questions.setTabChangesFocus(True)
        self.questions.setMaximumHeight(90)
        layout.addWidget(self.questions)
        row = QHBoxLayout()
        self.save_questions_button = QPushButton(_("Save my questions"))
        self.save_questions_button.clicked.connect(self.save_questions)
        self.prep_button = QPushButton(_("Prep sheet for the call (PDF)…"))
        self.prep_button.clicked.connect(self.save_prep_sheet)
        self.record_button = QPushButton(_("Record a call…"))
        self.record_button.clicked.connect(self.record_call)
        for button in (self.save_questions_button, self.prep_button, self.record_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self, today: dt.date) -> None:
        profile = self.context.profile
        if profile is None:
            return
        self.summary.setText(call_summary(self.context, today) or _(
            "Short calls after weeks 1, 3 and 6 help you keep going. Write down your questions here before a call."))
        if not self.questions.hasFocus():
            self.questions.setPlainText(profile.settings.read(CALL_QUESTIONS))

    def save_questions(self) -> None:
        text = self.questions.toPlainText()
        self.context.run(lambda p: p.settings.write(CALL_QUESTIONS, text), changes=Change.SETTINGS, parent=self,
                         initiator=self, done=_("Questions saved for your next call."))

    def record_call(self) -> None:
        RecordCallDialog(self.context, self).exec()

    def save_prep_sheet(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the prep sheet"), "support-call-prep.pdf",
                                                          "*.pdf")
            if not chosen:
                return
            path = Path(chosen)
        from sb_desktop.exchange.report.prep_sheet import prep_sheet_for_profile
        from sb_desktop.storage.files import atomic_write_bytes
        self.save_questions()
        self.context.run(lambda p: atomic_write_bytes(path, prep_sheet_for_profile(
            p, getattr(self.context, "clinic", None))), changes=Change.NONE, transaction=False, parent=self,
            done=_("Prep sheet saved to {path}. It is not encrypted.").format(path=path))
