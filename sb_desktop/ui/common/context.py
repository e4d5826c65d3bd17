"""The window's link to the data: the open profile, what changed, undo, and the one way to write."""
from __future__ import annotations

import enum
import logging
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
log = logging.getLogger(__name__)


class Change(enum.Flag):
    """What kind of data an operation changed; views refresh for the kinds they show."""

    NONE = 0
    JOURNAL = enum.auto()       # pain and activity entries (added, edited, deleted, imported)
    GOALS = enum.auto()         # goals and weekly reviews
    MEASURES = enum.auto()      # questionnaires: function check, PSFS, global change, STarT Back
    SAFETY = enum.auto()        # red-flag checks and their answers
    FLARE_PLAN = enum.auto()
    SESSIONS = enum.auto()      # programme progress, choices, the content pack in use
    REMINDERS = enum.auto()
    SETTINGS = enum.auto()      # anything else kept in the profile's settings
    EXPERIMENT = enum.auto()    # the self-experiment ("Try it and see") started or stopped


class AppContext(QObject):
    """Shared by every page. Pages read through `profile` and write through `run()`.

    Signals:
      changed(Change, initiator): an operation committed; `initiator` is whatever started it (a page,
        a dialog) or None, so a view can skip refreshing for its own write.
      journal_changed: shorthand for changed with Change.JOURNAL in it.
      status(str): a short confirmation.
      navigate(str): ask the main window to show the page with this key.
      profile_opened / profile_closed: a profile was opened / closed (lock or switch); on close every
        page must drop its data.
    """

    changed = Signal(object, object)
    journal_changed = Signal()
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
        self.generation = 0  # counts committed changes: a page can tell that nothing changed since it drew

    def set_profile(self, profile: Profile) -> None:
        self.profile = profile
        self.generation += 1
        self.profile_opened.emit()

    def close_profile(self) -> None:
        self.undo_stack.clear()
        if self.profile is not None:
            profile, self.profile = self.profile, None
            profile.close()
        self.profile_closed.emit()

    def run(self, operation: Callable[[Profile], T], *, changes: Change = Change.JOURNAL, done: str | None = None,
            parent: QWidget | None = None, initiator: object | None = None, transaction: bool = True) -> T | None:
        """Run a writing operation on the open profile as one unit of work.

        Everything the operation writes, through any number of stores, commits together in one transaction
        or not at all. On success: emits changed(changes, initiator) (and journal_changed) and status(done).
        On a UserError, a database error or a disk error: logs it, shows one calm message, returns None;
        nothing was written. transaction=False is only for work that is not a write to the profile's
        database (a backup copy) but should report failure the same way."""
        profile = self.profile
        if profile is None:
            return None
        try:
            if transaction:
                with profile.transaction():
                    result = operation(profile)
            else:
                result = operation(profile)
        except UserError as error:
            QMessageBox.warning(parent, _("Not saved"), str(error))
            return None
        except DATABASE_ERRORS as error:
            log.error("write failed: %s", type(error).__name__)
            QMessageBox.critical(parent, _("Not saved"),
                                 _("The journal could not be written: {reason}. Nothing was changed.").format(reason=error))
            return None
        except OSError as error:
            log.error("write failed: %s (errno %s)", type(error).__name__, error.errno)
            QMessageBox.critical(parent, _("Not saved"),
                                 _("The computer could not write the file: {reason}. Nothing was changed.").format(
                                     reason=error.strerror or error))
            return None
        self.announce(changes, initiator)
        if done:
            self.status.emit(done)
        return result

    def announce(self, changes: Change, initiator: object | None = None) -> None:
        """Tell every view that data of these kinds changed (run() does this after each commit)."""
        if changes:
            self.generation += 1
        if Change.JOURNAL in changes:
            self.journal_changed.emit()
        self.changed.emit(changes, initiator)
