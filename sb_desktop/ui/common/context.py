"""The window's link to the data: the open profile, change signals, undo, and one way to run an operation."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.storage.profiles import Profile, ProfileDirectory

T = TypeVar("T")


class AppContext(QObject):
    """Shared by every page. Pages read through `profile` and write through `run()`.

    Signals:
      journal_changed: entries were added, edited, deleted or imported.
      data_changed(str): another kind of data changed (e.g. "goals", "sessions", "settings").
      status(str): a short confirmation for the status bar.
      navigate(str): ask the main window to show the page with this key.
      profile_closed: the profile was closed (lock or switch); every page must drop its data.
    """

    journal_changed = Signal()
    data_changed = Signal(str)
    status = Signal(str)
    navigate = Signal(str)
    profile_closed = Signal()
    profile_opened = Signal()

    def __init__(self, profiles: ProfileDirectory, profile: Profile | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.profiles = profiles
        self.profile: Profile | None = profile
        self.undo_stack = QUndoStack(self)
        self.clinic = None  # clinic configuration, when one applies

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        self.profile_opened.emit()

    def close_profile(self) -> None:
        self.undo_stack.clear()
        if self.profile is not None:
            profile, self.profile = self.profile, None
            profile.close()
        self.profile_closed.emit()

    def run(self, operation: Callable[[Profile], T], *, done: str | None = None, parent: QWidget | None = None,
            changes: str = "journal") -> T | None:
        """Run a mutating operation on the open profile; report failure in one place.

        On success: emits journal_changed (or data_changed(changes)) and status(done). On a UserError or
        database error: shows a message box and returns None; nothing was written (operations are one
        transaction each)."""
        if self.profile is None:
            return None
        try:
            result = operation(self.profile)
        except UserError as error:
            QMessageBox.warning(parent, _("Not saved"), str(error))
            return None
        except DATABASE_ERRORS as error:
            QMessageBox.critical(parent, _("Not saved"),
                                 _("The journal could not be written: {reason}. Nothing was changed.").format(reason=error))
            return None
        if changes == "journal":
            self.journal_changed.emit()
        else:
            self.data_changed.emit(changes)
        if done:
            self.status.emit(done)
        return result
