"""Profile dialogs: create a profile, delete one, change (or add, or remove) its passphrase."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.crypto import MIN_PASSPHRASE_LENGTH, check_new_passphrase
from sb_desktop.storage.profiles import (
    ProfileDirectory,
    ProfileError,
    ProfileInfo,
    slug_for,
)
from sb_desktop.ui.common.widgets import enter_presses, panel_style
from sb_desktop.ui.profiles.widgets import LOSS_WARNING, _busy, _note, _title


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
        enter_presses(buttons, self.create_button)
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
