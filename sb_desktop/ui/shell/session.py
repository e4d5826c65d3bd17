"""Who is using the app right now: the open profile in the main window, locking, drafts and auto-lock."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from sb_desktop import APP_NAME
from sb_desktop.domain.clinic_config import ClinicConfig
from sb_desktop.domain.errors import UserError
from sb_desktop.domain.settings import AUTOLOCK_MINUTES, DRAFTS, LONGEST_AUTOLOCK_MINUTES, autolock_minutes
from sb_desktop.i18n import _
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.ui.common.context import Change

log = logging.getLogger(__name__)


class Session(QObject):
    """Who is using the app right now: opens a profile into the main window, and locks it away again.

    Locking closes every other window and dialog, drops every page (views, charts, models, player state),
    closes the database (which drops the key), clears the clipboard if the app filled it, and leaves only the
    start screen asking for the same person's passphrase."""

    def __init__(self, context, window, start, clinic: ClinicConfig, *, clock=None, interactive: bool = True,
                 reminders: bool | None = None):
        """start: the StartScreen, or a function that makes it when it is first needed (a run that opens a
        profile straight away, as most do, then never builds it). interactive: questions may be asked (the
        first-start red-flag check). reminders: install the reminder service (default: when interactive)."""
        super().__init__()
        self.interactive = interactive
        self.reminders = None
        if reminders is None:
            reminders = interactive
        if reminders:
            from sb_desktop.ui.reminders.service import install_reminders
            self.reminders = install_reminders(context, window)
            window.add_banner(self.reminders.banner_widget())
            self.reminders.open_requested.connect(self.show_from_tray)
        # An unresolved urgent or emergency answer: a notice above every page, read from the profile.
        from sb_desktop.ui.safety.notice import EscalationNotice
        self.safety_notice = EscalationNotice(context)
        window.add_banner(self.safety_notice)
        from sb_desktop.ui.shell.autolock import AutoLock, ClipboardGuard

        self.context, self.window, self.clinic = context, window, clinic
        if isinstance(start, QObject):
            self._start, self._make_start = start, None
            start.opened.connect(self.open_profile)
        else:
            self._start, self._make_start = None, start
        self.autolock = AutoLock(clock=clock) if clock else AutoLock()
        self.autolock.lock_requested.connect(self.lock)
        self.clipboard = ClipboardGuard(self)
        self.locked_name: str | None = None
        self.pending_drafts: dict = {}
        window.lock_requested.connect(self.lock)
        window.closed_to_tray.connect(lambda: self.lock(to_tray=True))
        window.page_shown.connect(self._restore_draft)
        self._add_menu_actions()

    @property
    def start(self):
        """The start screen (profiles, unlock), built on first use."""
        if self._start is None:
            self._start = self._make_start()
            self._start.opened.connect(self.open_profile)
        return self._start

    def _add_menu_actions(self) -> None:
        menu = self.window.menu_file
        self.autolock_action = QAction(_("Lock &automatically after…"), self.window)
        self.autolock_action.triggered.connect(self.choose_autolock)
        menu.insertAction(self.window.lock_action, self.autolock_action)
        self.passphrase_action = QAction(_("Change &passphrase…"), self.window)
        self.passphrase_action.triggered.connect(self.change_passphrase)
        menu.insertAction(self.window.lock_action, self.passphrase_action)
        self.switch_action = QAction(_("&Switch profile…"), self.window)
        self.switch_action.triggered.connect(self.switch_profile)
        menu.insertAction(self.window.lock_action, self.switch_action)
        self.window.extension_actions.update(autolock=self.autolock_action, passphrase=self.passphrase_action,
                                             lock=self.window.lock_action, switch=self.switch_action)

    # --- opening and locking ---

    def open_profile(self, profile) -> None:
        try:
            self.pending_drafts = profile.settings.read(DRAFTS)
        except DATABASE_ERRORS as error:  # drafts are a courtesy: the profile opens without them
            log.warning("drafts could not be read: %s", type(error).__name__)
            self.pending_drafts = {}
        self.context.set_profile(profile)
        if profile.backup_problem:  # a full or read-only disk: say so, and carry on with what is saved
            self.context.status.emit(profile.backup_problem)
        self.locked_name = None
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.apply_autolock()  # after show(): input is watched once the window has been painted
        if self._start is not None:
            self._start.hide()
        if self.interactive:
            # The red-flag questions come before anything else on a profile's first start (and until
            # unread advice has been seen); queued so the window is on screen behind them.
            QTimer.singleShot(0, self.first_start_check)

    def first_start_check(self) -> None:
        profile = self.context.profile
        if profile is None:
            return

        due = profile.safety.first_start_due()
        if due[0]:  # the dialogs' module loads only when they are needed
            from sb_desktop.ui.safety.red_flags import run_first_start_check
            run_first_start_check(self.context, self.window, due)

    def autolock_minutes(self) -> int | None:
        profile = self.context.profile
        if profile is None:
            return None
        return autolock_minutes(profile.settings.read(AUTOLOCK_MINUTES), encrypted=profile.info.encrypted,
                                clinic=self.clinic)

    def apply_autolock(self) -> None:
        self.autolock.set_minutes(self.autolock_minutes())
        self.autolock.start()

    def show_from_tray(self) -> None:
        """The tray's Open: the window if a profile is open, else the unlock (or choose) screen."""
        if self.context.profile is not None:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
        else:
            self.start.show_locked(self.locked_name)

    def switch_profile(self) -> None:
        """Close this profile as a lock does (drafts kept, every view emptied) and show the profile list."""
        self.lock(choose_again=True)

    def lock(self, *, choose_again: bool = False, to_tray: bool = False) -> None:
        profile = self.context.profile
        if profile is None:
            self.window.hide()
            return
        self.locked_name = profile.name
        self.autolock.stop()
        self._save_drafts(profile)
        for widget in QApplication.topLevelWidgets():
            if widget in (self.window, self._start) or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            widget.close()
        self.context.close_profile()  # pages drop everything on profile_closed
        self.clipboard.clear_if_ours()
        if to_tray:
            if self._start is not None:
                self._start.hide()   # only the tray icon stays; "Open" shows the unlock screen
        elif choose_again:
            self.locked_name = None
            self.start.show_chooser()
            self.start.show()
        else:
            self.start.show_locked(self.locked_name)  # shown before the window hides, so the app never has none
        self.window.hide()

    # --- drafts: locking never throws away what someone was typing ---
    # A page may define draft() -> JSON-able value or None (its unsaved input) and restore_draft(value).

    def _save_drafts(self, profile) -> None:
        drafts = dict(self.pending_drafts)
        for key, page in self.window.pages.items():
            try:
                value = page.draft()
            except Exception:  # a page's bug must not stop the lock; it is logged, never hidden
                log.exception("page %s could not keep its draft", key)
                value = None
            if value:
                drafts[key] = value
        if drafts:
            self.context.run(lambda p: p.settings.write(DRAFTS, drafts), changes=Change.NONE, parent=self.window)
        self.pending_drafts = {}

    def _restore_draft(self, key: str) -> None:
        if key not in self.pending_drafts or self.context.profile is None:
            return
        value = self.pending_drafts.pop(key)
        page = self.window.pages.get(key)
        if page is not None:
            page.restore_draft(value)
        remaining = dict(self.pending_drafts)
        self.context.run(lambda p: p.settings.write(DRAFTS, remaining), changes=Change.NONE, parent=self.window)

    # --- menu actions ---

    def choose_autolock(self) -> None:
        profile = self.context.profile
        if profile is None:
            return
        cap = self.clinic.autolock_max_minutes
        current = self.autolock_minutes() or 0
        label = (_("Lock after this many idle minutes (at most {cap}, set by {site}):").format(
                 cap=cap, site=self.clinic.site_name or _("the clinic")) if cap
                 else _("Lock after this many idle minutes (0 = never):"))
        minutes, ok = QInputDialog.getInt(self.window, _("Lock automatically"), label, current,
                                          1 if cap else 0, cap or LONGEST_AUTOLOCK_MINUTES)
        if not ok:
            return
        self.context.run(lambda p: p.settings.write(AUTOLOCK_MINUTES, minutes), parent=self.window,
                         changes=Change.SETTINGS, done=_("Auto-lock setting saved."))
        self.apply_autolock()

    def change_passphrase(self) -> None:
        from sb_desktop.ui.profiles.dialogs import ChangePassphraseDialog

        profile = self.context.profile
        if profile is None:
            return
        dialog = ChangePassphraseDialog(self.context.profiles, profile.info, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        # Re-keying replaces the database file: close, re-key, and unlock again with the new passphrase.
        name = profile.name
        self.context.close_profile()
        try:
            dialog.apply()
            reopened = self.context.profiles.open(name, create=False, passphrase=dialog.new_passphrase)
        except (UserError, *DATABASE_ERRORS) as error:
            QMessageBox.warning(self.window, APP_NAME, str(error))
            self.window.hide()
            self.start.show_locked(name)
            return
        self.context.set_profile(reopened)
        self.apply_autolock()
        self.context.status.emit(_("Passphrase changed; your journal and its backups were re-encrypted."))
