"""Settings: locking and passphrase, reminders, the programme's content and pace, and your data."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from sb_desktop import APP_NAME, __version__
from sb_desktop.i18n import _, ngettext
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import note, page_title, scrolling_page
from sb_desktop.ui.shell.pages import PageBase


class SettingsPage(QWidget, PageBase):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        layout = scrolling_page(self)
        layout.addWidget(page_title(_("Settings")))
        layout.addWidget(self._privacy_box())
        layout.addWidget(self._reminders_box())
        layout.addWidget(self._programme_box())
        layout.addWidget(self._data_box())
        about = note(small=True, text=_("{app} {version}. Everything you enter stays on this computer; the app never uses the "
                        "network.").format(app=APP_NAME, version=__version__))
        layout.addWidget(about)
        layout.addStretch(1)

    # --- sections ---

    def _privacy_box(self) -> QGroupBox:
        box = QGroupBox(_("Privacy and locking"))
        form = QFormLayout(box)
        self.autolock_label = QLabel()
        self.autolock_button = QPushButton(_("Change…"))
        self.autolock_button.setAccessibleName(_("Change when the app locks itself"))
        self.autolock_button.clicked.connect(lambda: self._trigger("autolock"))
        form.addRow(_("Lock automatically:"), self._row(self.autolock_label, self.autolock_button))
        self.encryption_label = QLabel()
        self.passphrase_button = QPushButton(_("Change passphrase…"))
        self.passphrase_button.clicked.connect(lambda: self._trigger("passphrase"))
        form.addRow(_("Encryption:"), self._row(self.encryption_label, self.passphrase_button))
        lock_now = QPushButton(_("Lock now (Ctrl+L)"))
        lock_now.clicked.connect(lambda: self._trigger("lock"))
        form.addRow("", self._row(lock_now))
        return box

    def _reminders_box(self) -> QGroupBox:
        box = QGroupBox(_("Reminders"))
        layout = QHBoxLayout(box)
        self.reminders_label = QLabel()
        self.reminders_label.setWordWrap(True)
        button = QPushButton(_("Set reminders…"))
        button.clicked.connect(self.edit_reminders)
        layout.addWidget(self.reminders_label, 1)
        layout.addWidget(button)
        return box

    def _programme_box(self) -> QGroupBox:
        box = QGroupBox(_("Programme"))
        form = QFormLayout(box)
        self.pack_combo = QComboBox()
        self.pack_combo.setAccessibleName(_("Which version of the programme's text to use"))
        self.pack_combo.activated.connect(self.choose_pack)
        self.pack_note = note(small=True)
        form.addRow(_("Programme text:"), self.pack_combo)
        form.addRow("", self.pack_note)
        self.unlock_days = QSpinBox()
        self.unlock_days.setRange(0, 60)
        self.unlock_days.setMaximumWidth(160)
        self.unlock_days.setSuffix(_(" days"))
        self.unlock_days.setAccessibleName(_("Days between sessions"))
        self.unlock_days.editingFinished.connect(self.choose_unlock_days)
        self.unlock_note = note(small=True)
        form.addRow(_("Next session opens after:"), self.unlock_days)
        form.addRow("", self.unlock_note)
        return box

    def _data_box(self) -> QGroupBox:
        box = QGroupBox(_("Your data"))
        form = QFormLayout(box)
        self.folder_label = QLabel()
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        form.addRow(_("Stored in:"), self.folder_label)
        self.backup_label = QLabel()
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.clicked.connect(self.back_up_now)
        form.addRow(_("Backups:"), self._row(self.backup_label, self.backup_button))
        export = QPushButton(_("Export…"))
        export.clicked.connect(lambda: self._trigger("export"))
        import_ = QPushButton(_("Import…"))
        import_.clicked.connect(lambda: self._trigger("import"))
        report = QPushButton(_("Summary for an appointment (PDF)…"))
        report.clicked.connect(lambda: self._trigger("report"))
        form.addRow(_("Files:"), self._row(import_, export, report))
        return box

    @staticmethod
    def _row(*widgets) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)
        if not any(isinstance(w, QLabel) for w in widgets):
            layout.addStretch(1)
        return row

    # --- actions ---

    def _trigger(self, key: str) -> None:
        action = getattr(self.window(), "extension_actions", {}).get(key)
        if action is not None:
            action.trigger()
            self.refresh()

    def edit_reminders(self) -> None:
        from sb_desktop.ui.reminders.settings_dialog import ReminderSettingsDialog
        ReminderSettingsDialog(self.context, self).exec()
        self.refresh()

    def choose_pack(self) -> None:
        from sb_desktop.domain.settings import CONTENT_PACK
        pack_id = self.pack_combo.currentData()
        self.context.run(lambda p: p.settings.write(CONTENT_PACK, pack_id), parent=self, changes=Change.SESSIONS,
                         done=_("The programme's text now comes from {id}.").format(id=pack_id))

    def choose_unlock_days(self) -> None:
        from sb_desktop.domain.settings import UNLOCK_DAYS
        days = self.unlock_days.value()
        if self.context.profile is None or self.context.profile.settings.read(UNLOCK_DAYS) == days:
            return
        self.context.run(lambda p: p.settings.write(UNLOCK_DAYS, days), parent=self, changes=Change.SESSIONS,
                         done=ngettext("A new session now opens {n} day after the last.",
                                       "A new session now opens {n} days after the last.", days).format(n=days))

    def back_up_now(self) -> None:
        info = self.context.run(lambda p: p.backup("manual"), parent=self, changes=Change.NONE, transaction=False,
                                done=_("Backup made."))
        if info is not None:
            QMessageBox.information(self, _("Backup made"), _("A verified backup was saved: {label}.").format(
                label=info.label))
        self.refresh()

    # --- showing the current values ---

    def refresh(self) -> None:
        profile = self.context.profile
        if profile is None:
            return
        clinic = self.context.clinic
        self._show_locking(profile, clinic)
        self._show_reminders()
        self._show_programme(profile, clinic)
        self._show_data(profile)

    def _show_locking(self, profile, clinic) -> None:
        from sb_desktop.domain.settings import AUTOLOCK_MINUTES, autolock_minutes
        minutes = autolock_minutes(profile.settings.read(AUTOLOCK_MINUTES), encrypted=profile.info.encrypted,
                                   clinic=clinic)
        self.autolock_label.setText(
            ngettext("after {n} idle minute", "after {n} idle minutes", minutes).format(n=minutes)
            if minutes else _("never (lock with Ctrl+L)"))
        self.encryption_label.setText(_("on: this profile is encrypted with your passphrase")
                                      if profile.info.encrypted else _("off: this profile has no passphrase"))
        self.passphrase_button.setText(_("Change passphrase…") if profile.info.encrypted
                                       else _("Add a passphrase…"))
        actions = getattr(self.window(), "extension_actions", {})
        self.autolock_button.setEnabled("autolock" in actions)
        self.passphrase_button.setEnabled("passphrase" in actions)

    def _show_reminders(self) -> None:
        from sb_desktop.ui.reminders.service import load_settings
        settings = load_settings(self.context)
        active = [r for r in settings.reminders if getattr(r, "enabled", True)]
        if not settings.enabled or not active:
            self.reminders_label.setText(_("Off."))
        else:
            self.reminders_label.setText(ngettext("On: {n} reminder set.", "On: {n} reminders set.",
                                                  len(active)).format(n=len(active)))

    def _show_programme(self, profile, clinic) -> None:
        from sb_desktop.content import active_pack_id, available_packs, clinic_value, unlock_days_in_force, user_packs_allowed
        from sb_desktop.domain.settings import UNLOCK_DAYS
        packs = available_packs(self.context.profiles.data_dir, allow_user_packs=user_packs_allowed(clinic))
        current = active_pack_id(profile.settings, clinic)
        self.pack_combo.clear()
        for pack_id in packs:
            self.pack_combo.addItem(pack_id, pack_id)
        self.pack_combo.setCurrentIndex(max(0, self.pack_combo.findData(current)))
        fixed_pack = clinic_value(clinic, "content_pack")
        self.pack_combo.setEnabled(not fixed_pack and len(packs) > 1)
        self.pack_note.setText(_("Set by your clinic.") if fixed_pack else
                               _("Your clinic may give you its own version of the programme's text.")
                               if len(packs) <= 1 else "")
        fixed_days = clinic_value(clinic, UNLOCK_DAYS.clinic_key)
        self.unlock_days.setValue(unlock_days_in_force(profile.settings, clinic))
        self.unlock_days.setEnabled(fixed_days is None)
        self.unlock_note.setText(_("Set by your clinic.") if fixed_days is not None else
                                 _("Weekly is how the programme was designed; 0 opens every session at once."))

    def _show_data(self, profile) -> None:
        from sb_desktop.storage.backups import list_backups
        self.folder_label.setText(str(profile.info.folder))
        backups = list_backups(profile.info.folder)
        self.backup_label.setText(
            _("newest {label}; {n} kept").format(label=backups[0].label, n=len(backups)) if backups
            else _("none yet (one is made automatically each day you open the app)"))
