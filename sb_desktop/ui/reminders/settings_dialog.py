"""The reminder settings dialog: which reminders, on which days, at what time (Settings and Goals open it)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sb_desktop.domain.reminders import (
    CHECKIN,
    SESSION,
    Reminder,
    ReminderSettings,
    clinic_policy,
    default_settings,
    make_reminder,
)
from sb_desktop.domain.settings import REMINDERS
from sb_desktop.i18n import _
from sb_desktop.storage.background import read_background, write_background
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.reminders.service import load_settings


def day_names() -> tuple[str, ...]:
    return (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))


class ReminderRow(QWidget):
    def __init__(self, title: str, reminder: Reminder, parent=None):
        super().__init__(parent)
        self.kind = reminder.kind
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        self.enabled = QCheckBox(title)
        self.enabled.setChecked(reminder.enabled)
        self.time = QTimeEdit(QTime(reminder.time.hour, reminder.time.minute))
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName(_("{title}: time").format(title=title))
        layout.addWidget(self.enabled, 0, 0)
        layout.addWidget(self.time, 0, 1)
        days = QHBoxLayout()
        days.setContentsMargins(26, 0, 0, 0)
        self.days: list[QCheckBox] = []
        for index, name in enumerate(day_names()):
            box = QCheckBox(name)
            box.setChecked(index in reminder.weekdays)
            box.setAccessibleName(_("{title} on {day}").format(title=title, day=name))
            days.addWidget(box)
            self.days.append(box)
        days.addStretch(1)
        layout.addLayout(days, 1, 0, 1, 3)
        layout.setColumnStretch(2, 1)

    def reminder(self) -> Reminder:
        time = self.time.time()
        return make_reminder(self.kind, dt.time(time.hour(), time.minute()),
                             [i for i, box in enumerate(self.days) if box.isChecked()], enabled=self.enabled.isChecked())


class ReminderSettingsDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Reminders"))
        self.resize(560, 360)
        allowed, _on = clinic_policy(getattr(context, "clinic", None))
        settings = load_settings(context)
        layout = QVBoxLayout(self)
        self.enabled = QCheckBox(_("Remind me on this computer"))
        self.enabled.setChecked(settings.enabled)
        layout.addWidget(self.enabled)
        explain = QLabel(_("Reminders appear as a desktop notification, or as a note at the top of the window. "
                           "They never say anything about your back or your entries."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.background = QCheckBox(_("Keep a small icon in the tray and start SupportBack when I log in"))
        self.background.setChecked(read_background(context.profiles.data_dir) is not None)
        layout.addWidget(self.background)
        self.background_note = QLabel()
        self.background_note.setWordWrap(True)
        layout.addWidget(self.background_note)
        self.background.toggled.connect(self._explain_background)
        self.enabled.toggled.connect(lambda on: self.background.setEnabled(on))
        self._explain_background(self.background.isChecked())
        if not allowed:
            self.enabled.setChecked(False)
            self.enabled.setEnabled(False)
            self.background.setChecked(False)
            self.background.setEnabled(False)
            blocked = QLabel(_("Your clinic has turned reminders off on this computer."))
            blocked.setWordWrap(True)
            layout.addWidget(blocked)
        by_kind = {r.kind: r for r in settings.reminders}
        defaults = {r.kind: r for r in default_settings().reminders}
        self.rows = [
            ReminderRow(_("Daily check-in"), by_kind.get(CHECKIN, defaults[CHECKIN])),
            ReminderRow(_("Activity session"), by_kind.get(SESSION, defaults[SESSION])),
        ]
        for row in self.rows:
            layout.addWidget(row)
            self.enabled.toggled.connect(row.setEnabled)
            row.setEnabled(self.enabled.isChecked())
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _explain_background(self, on: bool) -> None:
        self.background_note.setText(
            _("Reminders will also appear when the window is closed or locked. They then show only the time for "
              "a check-in or a session: never your name or anything about your back.") if on else
            _("With this off, reminders appear only while SupportBack is open and unlocked. If you close the "
              "app or it locks itself, you will not be reminded."))

    def save_background(self, settings: ReminderSettings) -> None:
        """Keep (or drop) the reminder times for the tray, and the login item that starts it. Raises OSError
        when the disk refuses: the window's one write path then rolls the whole save back and says so."""
        from sb_desktop import autostart
        wanted = self.background.isChecked() and settings.enabled
        write_background(self.context.profiles.data_dir, settings if wanted else None)
        if wanted:
            autostart.enable()
        else:
            autostart.disable()

    def settings(self) -> ReminderSettings:
        return ReminderSettings(self.enabled.isChecked(), tuple(row.reminder() for row in self.rows))

    def save(self) -> None:
        def store(profile):
            settings = self.settings()
            profile.settings.write(REMINDERS, settings.to_json())
            self.save_background(settings)
            return settings

        if self.context.run(store, done=_("Reminders saved."), parent=self, changes=Change.REMINDERS) is not None:
            self.accept()
