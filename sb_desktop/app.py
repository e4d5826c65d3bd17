"""Builds the QApplication, shows the start screen (or opens the start profile) and the main window, and locks."""
from __future__ import annotations

import contextlib
import gc
import os
import sys

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from sb_desktop import APP_ID, APP_NAME, ORG_NAME, __version__
from sb_desktop.domain.clinic_config import DEFAULT_AUTOLOCK_MINUTES, LONGEST_AUTOLOCK_MINUTES, ClinicConfig
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.resources import ICON_SIZES, icon_png, resource_path
from sb_desktop.storage.database import DATABASE_ERRORS

DEMO_PROFILE = "Demo"
AUTOLOCK_SETTING = "autolock.minutes"
# Unsaved input kept across a lock, inside the (encrypted) profile database: {page key: page's own draft}.
DRAFTS_SETTING = "ui.drafts"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # matches sb-desktop.desktop, so Wayland docks find the icon
    app.setWindowIcon(window_icon())
    return app


def window_icon() -> QIcon:
    """The app's icon from its pre-rendered PNG sizes (build/make_icons.py), each read only when a size is
    drawn. Not from the SVG: that would load Qt's SVG library and icon plugin at every start (about 2 ms)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon


def open_demo_profile(ctx):
    """The demo profile: sample data only, so it is never encrypted (even where a clinic requires passphrases)."""
    from sb_desktop.storage.profiles import ProfileDirectory

    ctx.profile_name = DEMO_PROFILE
    profile = ProfileDirectory(ctx.data_dir).open(DEMO_PROFILE)
    if profile.journal.count() == 0:
        from sb_desktop.storage.demo import fill_demo
        fill_demo(profile)
    return profile


def open_start_profile(args, ctx, *, interactive: bool = True):
    """The profile to open without asking anyone anything, or None when the start screen must ask.

    Without asking: the demo; an encrypted profile when SB_DESKTOP_PASSPHRASE is set; the only profile when it
    has no passphrase on a computer that is not shared. Non-interactive runs (smoke test, start-up timing) also
    create the default profile as before, where passphrases are not required."""
    from sb_desktop.cli.context import PASSPHRASE_ENV

    if getattr(args, "demo", False):
        return open_demo_profile(ctx)
    profiles, clinic = ctx.profiles, ctx.clinic
    env_passphrase = os.environ.get(PASSPHRASE_ENV) or None
    if getattr(args, "profile", None):
        info = profiles.find(args.profile)
        if info is None:
            return None if interactive or profiles.passphrase_required else ctx.open_profile()
        if info.encrypted and env_passphrase is None:
            return None
        return profiles.open(info.name, create=False, passphrase=env_passphrase if info.encrypted else None)
    if interactive and (clinic.problem or clinic.shared_machine):
        return None
    infos = profiles.list()
    if not infos:
        return None if interactive or profiles.passphrase_required else ctx.open_profile()
    if len(infos) == 1:
        info = infos[0]
        if not info.encrypted:
            return profiles.open(info.name, create=False)
        if env_passphrase is not None:
            return profiles.open(info.name, create=False, passphrase=env_passphrase)
    return None


class _FirstPaint(QObject):
    """Quits the application once the watched window has painted for the first time."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.app.quit)
        return False


def smoke_test(window, raised: list[str] | None = None) -> int:
    """Show every page once, then load one narration file with the real audio backend; any exception fails
    the run, including one Qt hands to sys.excepthook from a slot or a paint (see _recording_exceptions).
    Audio that cannot be played here is reported, not failed: the app then shows text instead."""
    app = QApplication.instance()
    raised = raised if raised is not None else []
    for spec in window.specs:
        window.show_page(spec.key)
        app.processEvents()
        app.processEvents()  # a second pass runs what the first one queued (draw_idle, single shots)
        _draw_charts_now(window.pages[spec.key], raised)
        if raised:
            print(f"smoke test: page {spec.key} raised {raised[0]}", file=sys.stderr)
            return 1
        if window.stack.currentWidget() is not window.pages[spec.key]:
            print(f"smoke test: page {spec.key} did not show", file=sys.stderr)
            return 1
    print(smoke_audio())
    print(_("Smoke test passed: {n} pages shown.").format(n=len(window.specs)))
    return 0


def _draw_charts_now(page, raised: list[str]) -> None:
    """Draw the page's matplotlib canvases synchronously: their idle draw prints an exception and swallows it."""
    from PySide6.QtWidgets import QWidget

    for widget in [page, *page.findChildren(QWidget)]:
        if hasattr(widget, "figure") and callable(getattr(widget, "draw", None)):
            try:
                widget.draw()
            except Exception as error:  # noqa: BLE001 - any exception fails the smoke test, reported by name
                raised.append(f"{type(error).__name__}: {error}")


@contextlib.contextmanager
def _recording_exceptions():
    """Exceptions raised in slots and paints never reach the caller: Qt hands them to sys.excepthook and
    carries on. Collect them (still printed) so a smoke test in which any page raised fails."""
    raised: list[str] = []
    previous_hook = sys.excepthook

    def record(kind, error, trace):
        raised.append(f"{kind.__name__}: {error}")
        previous_hook(kind, error, trace)

    sys.excepthook = record
    try:
        yield raised
    finally:
        sys.excepthook = previous_hook


def smoke_audio(timeout_ms: int = 10_000) -> str:
    """One line saying whether a bundled narration file loads through QtMultimedia (its FFmpeg backend
    reads the file and reports its length; no sound device is needed for that)."""
    from PySide6.QtCore import QEventLoop

    from sb_desktop.ui.sessions.narration_player import AudioPlayer

    recording = next(iter(sorted(resource_path("content").rglob("*.ogg"))), None)
    if recording is None:
        return _("Narration audio: no recording is bundled.")
    player, loop, outcome = AudioPlayer(), QEventLoop(), {}

    def finish(key, value):
        outcome.setdefault(key, value)
        loop.quit()

    player.duration_changed.connect(lambda ms: finish("ms", ms) if ms > 0 else None)
    player.unavailable.connect(lambda reason: finish("reason", reason))
    if player.load(recording) and not outcome:
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
    player.load(None)
    if "ms" in outcome:
        return _("Narration audio: loaded {name} ({seconds:.1f} s).").format(name=recording.name,
                                                                            seconds=outcome["ms"] / 1000)
    reason = outcome.get("reason") or player.failed_reason or _("The recording did not load within {s} s.").format(
        s=timeout_ms // 1000)
    return _("Narration audio: not available here. {reason}").format(reason=reason)


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
        self.window.extension_actions.update(autolock=self.autolock_action, passphrase=self.passphrase_action,
                                             lock=self.window.lock_action)

    # --- opening and locking ---

    def open_profile(self, profile) -> None:
        try:
            drafts = profile.settings.get(DRAFTS_SETTING, {})
        except DATABASE_ERRORS:
            drafts = {}
        self.pending_drafts = drafts if isinstance(drafts, dict) else {}
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
        from sb_desktop.storage.safety import SafetyStore

        due = SafetyStore(profile.db).first_start_due()
        if due[0]:  # the dialogs' module loads only when they are needed
            from sb_desktop.ui.safety.red_flags import run_first_start_check
            run_first_start_check(self.context, self.window, due)

    def autolock_minutes(self) -> int | None:
        profile = self.context.profile
        if profile is None:
            return None
        default = DEFAULT_AUTOLOCK_MINUTES if profile.info.encrypted else 0
        try:
            chosen = profile.settings.get(AUTOLOCK_SETTING, default)
        except DATABASE_ERRORS:
            chosen = default
        return self.clinic.effective_autolock_minutes(chosen if isinstance(chosen, int) else default)

    def apply_autolock(self) -> None:
        self.autolock.set_minutes(self.autolock_minutes())
        self.autolock.start()

    def lock(self) -> None:
        profile = self.context.profile
        if profile is None:
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
        self.start.show_locked(self.locked_name)  # shown before the window hides, so the app never has none
        self.window.hide()

    # --- drafts: locking never throws away what someone was typing ---
    # A page may define draft() -> JSON-able value or None (its unsaved input) and restore_draft(value).

    def _save_drafts(self, profile) -> None:
        drafts = dict(self.pending_drafts)
        for key, page in self.window.pages.items():
            save = getattr(page, "draft", None)
            if callable(save):
                try:
                    value = save()
                except Exception:  # a page's bug must not stop the lock
                    value = None
                if value:
                    drafts[key] = value
        if drafts:
            try:
                profile.settings.set(DRAFTS_SETTING, drafts)
            except DATABASE_ERRORS:
                pass
        self.pending_drafts = {}

    def _restore_draft(self, key: str) -> None:
        if key not in self.pending_drafts or self.context.profile is None:
            return
        value = self.pending_drafts.pop(key)
        restore = getattr(self.window.pages.get(key), "restore_draft", None)
        if callable(restore):
            restore(value)
        try:
            self.context.profile.settings.set(DRAFTS_SETTING, self.pending_drafts)
        except DATABASE_ERRORS:
            pass

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
        self.context.run(lambda p: p.settings.set(AUTOLOCK_SETTING, minutes), parent=self.window,
                         changes="settings", done=_("Auto-lock setting saved."))
        self.apply_autolock()

    def change_passphrase(self) -> None:
        from sb_desktop.ui.profiles.start_screen import ChangePassphraseDialog

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


class StartFailed(Exception):
    """The window cannot start without asking, in a run that must not ask (smoke test, start-up timing)."""


def build_gui(args, ctx, *, interactive: bool = True):
    """The main window, start screen and session for this run; returns (session, first window to show, profile).

    Non-interactive runs ask nothing. A start-up timing run (--quit-after-show) still builds everything else a
    person's start builds, reminders included, so that it times the real thing."""
    make_application()
    from sb_desktop.cli.context import PASSPHRASE_ENV
    from sb_desktop.storage.profiles import ProfileDamagedError
    from sb_desktop.ui.common.context import AppContext
    from sb_desktop.ui.shell.main_window import MainWindow

    damaged = None
    try:
        profile = open_start_profile(args, ctx, interactive=interactive)
    except ProfileDamagedError as error:
        if not interactive:
            raise StartFailed(str(error)) from None
        profile, damaged = None, error
    except (UserError, *DATABASE_ERRORS) as error:
        raise StartFailed(str(error)) from None
    ctx._profile = None  # the window owns the profile from here on
    context = AppContext(ctx.profiles, None)
    context.clinic = ctx.clinic
    window = MainWindow(context)

    def make_start_screen():
        from sb_desktop.ui.profiles.start_screen import StartScreen
        return StartScreen(ctx.profiles, ctx.clinic)

    session = Session(context, window, make_start_screen, ctx.clinic, interactive=interactive,
                      reminders=not getattr(args, "smoke_test", False))
    if profile is not None:
        session.open_profile(profile)
        return session, window, profile
    start = session.start
    info = ctx.profiles.find(args.profile) if getattr(args, "profile", None) else None
    if damaged is not None:
        start.show_damaged(ctx.profiles.find(damaged.profile_name), damaged, os.environ.get(PASSPHRASE_ENV) or None)
    elif info is not None and info.encrypted:
        start.show_unlock(info)
    else:
        start.show_chooser()
    start.show()
    return session, start, None


def run_gui(args, ctx) -> int:
    # Everything loaded so far (Python, Qt's bindings, the app's modules) lives until exit: move it out of
    # the garbage collector's sight, so the collections that building the window triggers, and every full
    # collection later, skip those few hundred thousand objects (about 13 ms less to a painted window).
    # No profile is open yet, so nothing of anyone's journal is ever frozen.
    gc.freeze()
    app = make_application()
    interactive = not (args.smoke_test or args.quit_after_show)
    recording = _recording_exceptions() if args.smoke_test else contextlib.nullcontext([])
    with recording as raised:
        return _run_gui(args, ctx, app, interactive, raised)


def _run_gui(args, ctx, app, interactive: bool, raised: list[str]) -> int:
    try:
        session, first, profile = build_gui(args, ctx, interactive=interactive)
    except StartFailed as error:
        if interactive:
            QMessageBox.critical(None, APP_NAME, str(error))
        else:
            print(f"sb-desktop: {error}", file=sys.stderr)
        return 1
    exit_code = 0
    if args.quit_after_show:
        watcher = _FirstPaint(app)
        first.installEventFilter(watcher)
        app.exec()
    elif args.smoke_test:
        app.processEvents()
        if profile is None:
            print(_("Smoke test: no profile could be opened without asking for a passphrase; set "
                    "SB_DESKTOP_PASSPHRASE or use --demo."), file=sys.stderr)
            exit_code = 1
        else:
            exit_code = smoke_test(session.window, raised)
    else:
        exit_code = app.exec()
    session.autolock.stop()
    session.context.close_profile()
    return exit_code
