"""The start (and lock) screen: choose or create a profile, enter its passphrase, recover a damaged journal.

It shows only the display names people chose for their profiles, never any of their data.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sb_desktop import APP_NAME
from sb_desktop.domain.clinic_config import ClinicConfig
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext
from sb_desktop.storage.crypto import WrongPassphrase
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.storage.profiles import (
    ProfileDamagedError,
    ProfileDirectory,
    ProfileInfo,
    UnlockDelayed,
)
from sb_desktop.ui.profiles.dialogs import CreateProfileDialog, DeleteProfileDialog
from sb_desktop.ui.profiles.widgets import _busy, _note, _title


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
        self.choose_prompt = _note(_("Who is using SupportBack? Choose your profile."))
        layout.addWidget(self.choose_prompt)
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
        self.empty_note = self._welcome()
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

    def _welcome(self) -> QWidget:
        """What the first window says on a computer with no profiles: what this is, and two ways in."""
        panel = QFrame()
        panel.setObjectName("welcome")
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(_note(_(
            "Welcome. SupportBack helps you manage low back pain by being active: a one-minute check-in each "
            "day, a six-week programme with short sessions, and charts that let you see for yourself how "
            "moving more goes with your back.")))
        column.addWidget(_note(_("Everything you record stays on this computer. Nothing is sent anywhere.")))
        self.try_demo_button = QPushButton(_("&Try it with sample data"))
        self.try_demo_button.setAccessibleDescription(_("Opens a made-up journal so you can look around"))
        self.try_demo_button.clicked.connect(self.open_demo)
        self.start_own_button = QPushButton(_("&Start my own journal"))
        self.start_own_button.setAccessibleDescription(_("Creates your profile"))
        self.start_own_button.clicked.connect(self.create_profile)
        for button in (self.start_own_button, self.try_demo_button):
            button.setMinimumHeight(40)
            column.addWidget(button)
        return panel

    def open_demo(self) -> None:
        from sb_desktop.storage.demo import open_demo_profile
        try:
            profile = _busy(open_demo_profile, self.profiles)
        except (UserError, *DATABASE_ERRORS) as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.opened.emit(profile)

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
            item = QListWidgetItem(info.name + (_("  (passphrase)") if info.encrypted else ""))
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(_("Protected by a passphrase") if info.encrypted else _("No passphrase"))
            item.setSizeHint(QSize(0, 34))
            self.list.addItem(item)
        self.list.setVisible(bool(infos))
        self.choose_prompt.setVisible(bool(infos))
        self.empty_note.setVisible(not infos)
        self.open_button.setVisible(bool(infos))
        self.delete_button.setVisible(bool(infos))
        self.new_button.setVisible(bool(infos))
        if infos:
            self.list.setCurrentRow(0)
        self.stack.setCurrentWidget(self.chooser)
        (self.list if infos else self.start_own_button).setFocus()

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
        return self._infos.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

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
            self.unlock_error.setText(ngettext("Too many wrong passphrases. Try again in {n} second.",
                         "Too many wrong passphrases. Try again in {n} seconds.", wait).format(n=wait))
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
