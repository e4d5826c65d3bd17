"""The start (and lock) screen: choose or create a profile, enter its passphrase, recover a damaged journal.

It shows only the display names people chose for their profiles, never any of their data.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from sb_desktop import APP_NAME
from sb_desktop.domain.clinic_config import ClinicConfig
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.ui.common.widgets import panel_style
from sb_desktop.storage.crypto import MIN_PASSPHRASE_LENGTH, WrongPassphrase, check_new_passphrase
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.storage.profiles import (
    ProfileDamagedError, ProfileDirectory, ProfileError, ProfileInfo, UnlockDelayed, slug_for,
)

LOSS_WARNING = _("Important: if you forget this passphrase, your journal cannot be opened again. Nobody can "
                 "recover it for you, not even the clinic. Write it down somewhere private.")


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _note(text: str = "", *, error: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if error:
        label.setObjectName("error")
        label.setStyleSheet("color: #a4000f; font-weight: 600;")
    return label


def _busy(function, *args, **kwargs):
    """Run a slow call (key derivation takes about half a second) with a wait cursor."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return function(*args, **kwargs)
    finally:
        QApplication.restoreOverrideCursor()


class CreateProfileDialog(QDialog):
    """Name, passphrase twice, and the plain warning that a lost passphrase loses the data."""

    def __init__(self, profiles: ProfileDirectory, passphrase_required: bool, parent=None):
        super().__init__(parent)
        self.profiles = profiles
        self.created: ProfileInfo | None = None
        self.passphrase: str | None = None
        self.setWindowTitle(_("New profile"))
        self.setObjectName("create-profile")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(_title(_("Create your profile")))
        layout.addWidget(_note(_("Your profile keeps your journal separate from anyone else's on this computer. "
                                 "Other people will see only the name you choose here, so initials are fine.")))
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.name.setAccessibleName(_("Profile name"))
        form.addRow(_("&Name shown on the start screen:"), self.name)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        self.passphrase_edit.setPlaceholderText(_("at least {n} characters").format(n=MIN_PASSPHRASE_LENGTH))
        form.addRow(_("&Passphrase:"), self.passphrase_edit)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(_("Passphrase again"))
        form.addRow(_("Passphrase &again:"), self.confirm)
        layout.addLayout(form)
        self.no_passphrase = QCheckBox(_("No passphrase: I am the only person who uses this computer account"))
        self.no_passphrase.toggled.connect(self._toggle_passphrase)
        if passphrase_required:
            self.no_passphrase.setVisible(False)
        layout.addWidget(self.no_passphrase)
        self.warning = _note(LOSS_WARNING)
        self.warning.setObjectName("loss-warning")
        self.warning.setStyleSheet(panel_style("QLabel", "#fff4d6", "#d9a400", radius=4, extra="padding: 8px;"))
        layout.addWidget(self.warning)
        self.error = _note(error=True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = buttons.addButton(_("&Create profile"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setDefault(True)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _toggle_passphrase(self, off: bool) -> None:
        for widget in (self.passphrase_edit, self.confirm):
            widget.setEnabled(not off)
            if off:
                widget.clear()
        self.warning.setText(
            _("Without a passphrase your journal is stored unencrypted: anyone who can use this computer "
              "account can read it.") if off else LOSS_WARNING)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def _create(self) -> None:
        try:
            name = self.name.text().strip()
            slug_for(name)
            if self.profiles.exists(name):
                raise ProfileError(_("A profile called '{name}' already exists.").format(name=name))
            passphrase = None
            if not self.no_passphrase.isChecked():
                passphrase = self.passphrase_edit.text()
                check_new_passphrase(passphrase)
                if passphrase != self.confirm.text():
                    raise UserError(_("The two passphrases differ."))
            self.created = _busy(self.profiles.create, name, passphrase=passphrase)
            self.passphrase = passphrase
        except UserError as error:
            self._fail(str(error))
            return
        self.accept()


class DeleteProfileDialog(QDialog):
    """Deleting needs the name typed again, and the profile's own passphrase (others cannot delete it)."""

    def __init__(self, profiles: ProfileDirectory, info: ProfileInfo, parent=None):
        super().__init__(parent)
        self.profiles, self.info = profiles, info
        self.setWindowTitle(_("Delete profile"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(_("This deletes the profile '{name}' with its whole journal and all its backups. "
                                 "It cannot be undone.").format(name=info.name)))
        form = QFormLayout()
        self.typed = QLineEdit()
        self.typed.setAccessibleName(_("Type the profile name"))
        form.addRow(_("Type the &name to confirm:"), self.typed)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        if info.encrypted:
            form.addRow(_("&Passphrase:"), self.passphrase)
        layout.addLayout(form)
        self.error = _note(error=True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = buttons.addButton(_("&Delete for good"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.clicked.connect(self._delete)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _delete(self) -> None:
        try:
            if self.typed.text().strip() != self.info.name:
                raise UserError(_("The name does not match; nothing was deleted."))
            if self.info.encrypted:
                _busy(self.profiles.check_passphrase, self.info.name, self.passphrase.text())
            self.profiles.delete(self.info.name)
        except UserError as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            return
        self.accept()


class StartScreen(QWidget):
    """Top-level window shown at start and whenever the app is locked. Emits opened(Profile)."""

    opened = Signal(object)

    def __init__(self, profiles: ProfileDirectory, clinic: ClinicConfig | None = None, parent=None):
        super().__init__(parent)
        self.profiles = profiles
        self.clinic = clinic or ClinicConfig()
        self.current: ProfileInfo | None = None
        self._infos: dict[str, ProfileInfo] = {}
        self.damage: ProfileDamagedError | None = None
        self.setObjectName("start-screen")
        self.setWindowTitle(APP_NAME)
        self.resize(640, 560)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        card = QFrame()
        card.setMinimumWidth(460)
        card.setMaximumWidth(560)
        column = QVBoxLayout(card)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        heading = _title(APP_NAME)
        column.addWidget(heading)
        if self.clinic.site_name:
            column.addWidget(_note(self.clinic.site_name))
        if self.clinic.problem:
            banner = _note(self.clinic.problem, error=True)
            banner.setObjectName("clinic-problem")
            column.addWidget(banner)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        self._build_chooser()
        self._build_unlock()
        self._build_damaged()
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(1000)
        self.retry_timer.timeout.connect(self._tick_retry)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.create_profile)

    # --- pages ---

    def _build_chooser(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(_note(_("Who is using SupportBack? Choose your profile.")))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Profiles"))
        self.list.setMinimumHeight(160)
        self.list.setMaximumHeight(320)
        self.list.setSpacing(2)
        list_font = self.list.font()
        list_font.setPointSizeF(list_font.pointSizeF() * 1.15)
        self.list.setFont(list_font)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        layout.addWidget(self.list)
        self.empty_note = _note(_("There are no profiles yet. Create one to start your journal."))
        layout.addWidget(self.empty_note)
        row = QHBoxLayout()
        self.delete_button = QPushButton(_("&Delete…"))
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        self.new_button = QPushButton(_("&New profile…"))
        self.new_button.clicked.connect(self.create_profile)
        row.addWidget(self.new_button)
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.chooser = page
        self.stack.addWidget(page)

    def _build_unlock(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        self.unlock_title = _title("")
        layout.addWidget(self.unlock_title)
        layout.addWidget(_note(_("Enter your passphrase to open your journal.")))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.returnPressed.connect(self.unlock)
        layout.addWidget(self.passphrase)
        self.unlock_error = _note(error=True)
        self.unlock_error.setAccessibleName(_("Unlock problem"))
        layout.addWidget(self.unlock_error)
        row = QHBoxLayout()
        self.back_button = QPushButton(_("&Not me: choose another profile"))
        self.back_button.clicked.connect(self.show_chooser)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.unlock_page = page
        self.stack.addWidget(page)

    def _build_damaged(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(_title(_("Your journal needs repair")))
        self.damage_text = _note()
        layout.addWidget(self.damage_text)
        row = QHBoxLayout()
        back = QPushButton(_("Choose another profile"))
        back.clicked.connect(self.show_chooser)
        row.addWidget(back)
        row.addStretch(1)
        self.restore_button = QPushButton(_("&Restore from backup"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_backup)
        row.addWidget(self.restore_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.damaged_page = page
        self.stack.addWidget(page)

    # --- navigation ---

    def show_chooser(self) -> None:
        self.current = None
        self.passphrase.clear()
        self.list.clear()
        infos = self.profiles.list()
        # Only plain strings go into Qt items (Python objects stored in item data upset PySide's refcounts).
        self._infos = {info.name: info for info in infos}
        for info in infos:
            item = QListWidgetItem(info.name)
            item.setSizeHint(QSize(0, 34))
            self.list.addItem(item)
        self.list.setVisible(bool(infos))
        self.empty_note.setVisible(not infos)
        self.open_button.setEnabled(bool(infos))
        self.delete_button.setEnabled(bool(infos))
        if infos:
            self.list.setCurrentRow(0)
        self.stack.setCurrentWidget(self.chooser)
        (self.list if infos else self.new_button).setFocus()

    def show_unlock(self, info: ProfileInfo) -> None:
        self.current = info
        self.unlock_title.setText(_("Unlock {name}").format(name=info.name))
        self.passphrase.clear()
        self.unlock_error.clear()
        self.stack.setCurrentWidget(self.unlock_page)
        self._tick_retry()
        self.passphrase.setFocus()

    def show_damaged(self, info: ProfileInfo, error: ProfileDamagedError, passphrase: str | None) -> None:
        self.current, self.damage, self._damaged_passphrase = info, error, passphrase
        if error.newest_backup is not None:
            text = _("The journal of '{name}' did not pass its safety check, so it was not opened and nothing in it "
                     "was changed.\n\nThe newest good backup is from {when}. Restoring it keeps the damaged file "
                     "aside and adds back every entry that can still be read from it.").format(
                name=info.name, when=error.newest_backup.label)
        else:
            text = _("The journal of '{name}' did not pass its safety check, so it was not opened and nothing in it "
                     "was changed. No usable backup was found; please ask for help before doing anything else "
                     "with this profile.").format(name=info.name)
        self.damage_text.setText(text)
        self.restore_button.setVisible(error.newest_backup is not None)
        self.stack.setCurrentWidget(self.damaged_page)

    def show_locked(self, name: str | None) -> None:
        """After a lock: the same person's unlock page (or the chooser), nothing else."""
        info = self.profiles.find(name) if name else None
        if info is not None and info.encrypted:
            self.show_unlock(info)
        else:
            self.show_chooser()
        self.show()
        self.raise_()
        self.activateWindow()

    def selected(self) -> ProfileInfo | None:
        item = self.list.currentItem()
        return self._infos.get(item.text()) if item is not None else None

    # --- actions ---

    def open_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if info.encrypted:
            self.show_unlock(info)
        else:
            self.try_open(info, None)

    def unlock(self) -> None:
        if self.current is None:
            return
        self.try_open(self.current, self.passphrase.text())

    def try_open(self, info: ProfileInfo, passphrase: str | None) -> bool:
        try:
            profile = _busy(self.profiles.open, info.name, create=False, passphrase=passphrase)
        except WrongPassphrase as error:
            self.passphrase.clear()
            self.unlock_error.setText(str(error))
            self._tick_retry()
            return False
        except UnlockDelayed:
            self._tick_retry()
            return False
        except ProfileDamagedError as error:
            self.show_damaged(info, error, passphrase)
            return False
        except (UserError, *DATABASE_ERRORS) as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return False
        self.passphrase.clear()
        self.unlock_error.clear()
        self.opened.emit(profile)
        return True

    def _tick_retry(self) -> None:
        """Keep the Unlock button disabled, with a countdown, while repeated failures impose a wait."""
        if self.current is None or not self.current.encrypted:
            self.retry_timer.stop()
            return
        wait = self.profiles.unlock_wait(self.current)
        self.unlock_button.setEnabled(wait == 0)
        self.passphrase.setEnabled(wait == 0)
        if wait > 0:
            self.unlock_error.setText(_("Too many wrong passphrases. Try again in {n} seconds.").format(n=wait))
            self.retry_timer.start()
        else:
            self.retry_timer.stop()
            if self.stack.currentWidget() is self.unlock_page:
                self.passphrase.setFocus()

    def create_profile(self) -> None:
        dialog = CreateProfileDialog(self.profiles, self.clinic.passphrase_required, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        self.try_open(dialog.created, dialog.passphrase)

    def delete_selected(self) -> None:
        info = self.selected()
        if info is None:
            return
        if DeleteProfileDialog(self.profiles, info, self).exec() == QDialog.DialogCode.Accepted:
            self.show_chooser()

    def restore_backup(self) -> None:
        info, passphrase = self.current, getattr(self, "_damaged_passphrase", None)
        if info is None:
            return
        try:
            result = _busy(self.profiles.restore, info.name, passphrase=passphrase)
        except (UserError, *DATABASE_ERRORS) as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        lines = [_("Your journal was restored from the backup of {when}.").format(when=result.backup.label)]
        if result.damaged_copy is not None:
            lines.append(_("{n} entries and settings that were newer than the backup were read back from the damaged "
                           "file.").format(n=result.recovered_rows))
            if result.unreadable:
                lines.append(_("Part of the damaged file could not be read: please check your most recent entries."))
            lines.append(_("The damaged file is kept, unchanged, in the profile's folder."))
        QMessageBox.information(self, _("Journal restored"), "\n\n".join(lines))
        self._damaged_passphrase = None
        self.try_open(info, passphrase)


class ChangePassphraseDialog(QDialog):
    """Old passphrase, new one twice (or none, where allowed). apply() re-keys; call it with the profile closed."""

    def __init__(self, profiles: ProfileDirectory, info: ProfileInfo, parent=None):
        super().__init__(parent)
        self.profiles, self.info = profiles, info
        self.new_passphrase: str | None = None
        self._old: str | None = None
        self.setWindowTitle(_("Change passphrase"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(_("Your journal and all its backups will be re-encrypted under a new key.")))
        form = QFormLayout()
        self.old = QLineEdit()
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        if info.encrypted:
            form.addRow(_("&Current passphrase:"), self.old)
        self.new = QLineEdit()
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("&New passphrase:"), self.new)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("New passphrase &again:"), self.confirm)
        layout.addLayout(form)
        self.remove = QCheckBox(_("Remove the passphrase (only for a computer nobody else uses)"))
        self.remove.setVisible(info.encrypted and not profiles.passphrase_required)
        self.remove.toggled.connect(lambda off: (self.new.setEnabled(not off), self.confirm.setEnabled(not off)))
        layout.addWidget(self.remove)
        layout.addWidget(_note(LOSS_WARNING))
        self.error = _note(error=True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _check(self) -> None:
        try:
            old = self.old.text() if self.info.encrypted else None
            if old is not None:
                _busy(self.profiles.check_passphrase, self.info.name, old)
            new = None
            if not self.remove.isChecked():
                new = self.new.text()
                check_new_passphrase(new)
                if new != self.confirm.text():
                    raise UserError(_("The two new passphrases differ."))
        except UserError as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            return
        self._old, self.new_passphrase = old, new
        self.accept()

    def apply(self) -> None:
        _busy(self.profiles.change_passphrase, self.info.name, self._old, self.new_passphrase)
