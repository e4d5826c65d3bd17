"""Today: a quick check-in — how the back feels now, and what activity was done."""
from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.clinic_config import clinic_contact_lines
from sb_desktop.domain.entries import AFTER_ACTIVITY, DAY, describe, make_activity, make_pain, unusual_activity
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.entry_forms import ActivityFields, PainScale, make_note_field
from sb_desktop.ui.common.qt_names import left_aligned, selectable_text
from sb_desktop.ui.common.style import today_title
from sb_desktop.ui.common.widgets import page_title, scrolling_page
from sb_desktop.ui.shell.pages import PageBase


def confirmation_label() -> QLabel:
    label = QLabel()
    label.setObjectName("confirmation")
    label.setWordWrap(True)
    selectable_text(label)
    label.setAccessibleName(_("Confirmation"))
    return label


class TodayPage(QWidget, PageBase):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        layout = scrolling_page(self)

        self.heading = page_title("")
        layout.addWidget(self.heading)
        intro = QLabel(_("A quick check-in. Two numbers a day are enough to show how activity and your back "
                         "move together."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.goal_summary = self._goal_summary()
        if self.goal_summary is not None:
            layout.addWidget(self.goal_summary)

        # Side by side where there is room; one above the other on a small screen or with large text.
        self.checkin_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.checkin_row.setSpacing(14)
        self.checkin_row.addWidget(self._pain_box(), 1)
        self.checkin_row.addWidget(self._activity_box(), 1)
        layout.addLayout(self.checkin_row)

        self.contact = QLabel()
        self.contact.setObjectName("clinic-contact")
        self.contact.setWordWrap(True)
        self.contact.setAccessibleName(_("Your clinic's contact details"))
        selectable_text(self.contact)
        layout.addWidget(self.contact)
        self._show_contact()
        self.call_note = QLabel()
        self.call_note.setObjectName("support-call")
        self.call_note.setWordWrap(True)
        self.call_note.setAccessibleName(_("What you agreed at your last support call"))
        selectable_text(self.call_note)
        self.call_note.hide()
        layout.addWidget(self.call_note)

        today_box = QGroupBox(_("Today so far"))
        today_layout = QVBoxLayout(today_box)
        self.today_list = QListWidget()
        self.today_list.setAccessibleName(_("Today's entries"))
        self.today_list.setMinimumHeight(110)
        today_layout.addWidget(self.today_list)
        layout.addWidget(today_box)
        layout.addStretch(1)

    def _show_last_call(self) -> None:
        """What was agreed at the last support call, shown until the next call is due."""
        profile = self.context.profile
        records = profile.calls.records() if profile is not None else []
        last = records[-1] if records else None
        today = dt.date.today()
        showing = last is not None and (last.next_call is None or last.next_call >= today)
        self.call_note.setVisible(showing)
        if showing:
            text = _("Agreed at your support call on {date}: {agreed}").format(
                date=f"{last.held_on.day} {last.held_on:%B}", agreed=last.agreed)
            if last.next_call is not None:
                text += " " + _("Next call: {date}.").format(date=f"{last.next_call:%A} {last.next_call.day} {last.next_call:%B}")
            self.call_note.setText(text)

    def _show_contact(self) -> None:
        """The clinic's phone, email and address, from its configuration: who to ask between calls."""
        lines = clinic_contact_lines(getattr(self.context, "clinic", None))
        self.contact.setVisible(bool(lines))
        self.contact.setText(_("Questions about your back or the programme? Your clinic: {details}").format(
            details=" · ".join(lines)) if lines else "")

    def _goal_summary(self):
        from sb_desktop.ui.today.goal_summary import GoalSummaryWidget
        return GoalSummaryWidget(self.context, self)

    def resizeEvent(self, event) -> None:
        wide = self.width() >= 60 * self.fontMetrics().averageCharWidth() * 2 + 120
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.checkin_row.direction() != direction:
            self.checkin_row.setDirection(direction)
        super().resizeEvent(event)

    def _pain_box(self) -> QGroupBox:
        box = QGroupBox(_("How is your back right now?"))
        layout = QVBoxLayout(box)
        self.pain_scale = PainScale()
        self.pain_note = make_note_field(_("Anything you noticed? (optional)"))
        # Soreness straight after a walk or a routine is expected; kept apart, it does not push up the
        # day's pain that Progress and the insights read.
        self.after_activity = QCheckBox(_("I have just been active (this is soreness after activity)"))
        self.after_activity.setAccessibleName(_("Rating straight after activity"))
        self.save_pain_button = QPushButton(_("&Save pain rating"))
        self.save_pain_button.setDefault(False)
        self.save_pain_button.setAccessibleName(_("Save pain rating"))
        self.save_pain_button.clicked.connect(self.save_pain)
        self.save_pain_button.setEnabled(False)   # until a number is chosen: an untouched form records nothing
        self.pain_scale.changed.connect(lambda value: self.save_pain_button.setEnabled(value is not None))
        self.pain_confirmation = confirmation_label()
        layout.addWidget(self.pain_scale)
        layout.addWidget(self.pain_note)
        layout.addWidget(self.after_activity)
        layout.addLayout(left_aligned(self.save_pain_button))
        layout.addWidget(self.pain_confirmation)
        layout.addStretch(1)
        self.pain_note.returnPressed.connect(self.save_pain)
        return box

    def _activity_box(self) -> QGroupBox:
        box = QGroupBox(_("What activity did you do?"))
        layout = QVBoxLayout(box)
        self.activity = ActivityFields()
        self.activity_note = make_note_field(_("Where, with whom, how it felt (optional)"))
        self.save_activity_button = QPushButton(_("Save &activity"))
        self.save_activity_button.setAccessibleName(_("Save activity"))
        self.save_activity_button.clicked.connect(self.save_activity)
        self.activity_confirmation = confirmation_label()
        layout.addWidget(self.activity)
        layout.addWidget(self.activity_note)
        layout.addLayout(left_aligned(self.save_activity_button))
        layout.addWidget(self.activity_confirmation)
        layout.addStretch(1)
        self.activity_note.returnPressed.connect(self.save_activity)
        return box

    # --- actions ---

    def save_pain(self) -> None:
        now = dt.datetime.now()
        value, note = self.pain_scale.value(), self.pain_note.text()
        if value is None:
            self.pain_confirmation.setText(_("Choose a number from 0 to 10 first."))
            self.pain_scale.setFocus()
            return
        context = AFTER_ACTIVITY if self.after_activity.isChecked() else DAY
        saved = self.context.run(
            lambda p: p.journal.add(make_pain(value, date=now.date(), time=now.time(), note=note, context=context)),
            parent=self,
        )
        if saved is not None:
            self.pain_note.clear()
            self.pain_scale.clear()
            self.after_activity.setChecked(False)
            self._confirm(self.pain_confirmation, saved)

    def save_activity(self) -> None:
        now = dt.datetime.now()
        fields, note = self.activity, self.activity_note.text()
        try:
            entry = make_activity(fields.minutes.value(), kind=fields.kind.currentData(), date=now.date(),
                                  time=now.time(), effort=fields.effort.value(), note=note)
        except UserError as error:   # typed text, or a number out of range: said plainly, nothing changed
            QMessageBox.warning(self, _("Not saved"), str(error))
            fields.minutes.setFocus()
            return
        question = unusual_activity(entry)
        if question and QMessageBox.question(self, _("Check the minutes"), question) != \
                QMessageBox.StandardButton.Yes:
            fields.minutes.setFocus()
            return
        saved = self.context.run(lambda p: p.journal.add(entry), parent=self)
        if saved is not None:
            self.activity_note.clear()
            self._confirm(self.activity_confirmation, saved)

    def _confirm(self, label: QLabel, entry) -> None:
        text = _("✓ Saved at {time}: {what}").format(time=entry.time.strftime("%H:%M"), what=describe(entry))
        label.setText(text)
        self.context.status.emit(text)

    # --- drafts: what someone was typing survives an auto-lock (kept inside the encrypted profile) ---

    def draft(self) -> dict | None:
        values = {"pain": self.pain_scale.value(), "pain_note": self.pain_note.text(),
                  "kind": self.activity.kind.currentData(), "minutes": self.activity.minutes.text(),
                  "effort": self.activity.effort.value(), "activity_note": self.activity_note.text()}
        untouched = (values["pain"] is None and not values["pain_note"] and not values["activity_note"]
                     and values["minutes"] == "15" and values["effort"] is None and values["kind"] == "walk")
        return None if untouched else values

    def restore_draft(self, values: dict) -> None:
        pain = values.get("pain")
        self.pain_scale.setValue(pain if isinstance(pain, int) and 0 <= pain <= 10 else None)
        self.pain_note.setText(str(values.get("pain_note", "")))
        self.activity.kind.setCurrentIndex(max(0, self.activity.kind.findData(values.get("kind", "walk"))))
        self.activity.minutes.edit.setText(str(values.get("minutes", "15")))   # exactly what was typed
        self.activity.effort.setValue(values.get("effort"))
        self.activity_note.setText(str(values.get("activity_note", "")))

    def refresh(self) -> None:
        today = dt.date.today()
        self.heading.setText(today_title(today))
        self.today_list.clear()
        if self.context.profile is None:
            return
        self._show_last_call()
        entries = self.context.profile.journal.entries(today, today)
        for entry in entries:
            when = entry.time.strftime("%H:%M") if entry.time else "—"
            self.today_list.addItem(f"{when}   {describe(entry)}" + (f" — {entry.note}" if entry.note else ""))
        if not entries:
            self.today_list.addItem(_("Nothing recorded yet today."))
        if self.goal_summary is not None:
            self.goal_summary.refresh()
