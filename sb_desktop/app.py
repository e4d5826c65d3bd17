"""Wiring only: builds the QApplication, opens the start profile (or the start screen), the main window and the
session that locks it, and runs the event loop. What each part does lives in ui/."""
from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from sb_desktop import APP_ID, APP_NAME, ORG_NAME, __version__
from sb_desktop.domain.clinic_config import ClinicConfig
from sb_desktop.domain.errors import UserError
from sb_desktop.paths import PASSPHRASE_ENV
from sb_desktop.resources import ICON_SIZES, icon_png
from sb_desktop.storage.database import DATABASE_ERRORS
from sb_desktop.storage.profiles import DEFAULT_PROFILE, ProfileDirectory


@dataclass(frozen=True)
class StartOptions:
    """What the command line asked of the window."""

    profile: str | None = None
    demo: bool = False
    smoke_test: bool = False
    quit_after_show: bool = False
    screenshots: Path | None = None
    background: bool = False   # started at login: only the tray icon, until the person opens the app

    @classmethod
    def from_args(cls, args) -> StartOptions:
        shots = getattr(args, "screenshots", None)
        return cls(profile=getattr(args, "profile", None), demo=bool(getattr(args, "demo", False)),
                   smoke_test=bool(getattr(args, "smoke_test", False)),
                   quit_after_show=bool(getattr(args, "quit_after_show", False)),
                   background=bool(getattr(args, "background", False)),
                   screenshots=Path(shots) if shots else None)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # matches sb-desktop.desktop, so Wayland docks find the icon
    app.setWindowIcon(window_icon())
    if not getattr(app, "_sb_styled", False):
        from sb_desktop.ui.common.style import apply_style
        apply_style(app)
        app._sb_styled = True
    return app


def window_icon() -> QIcon:
    """The app's icon from its pre-rendered PNG sizes (build/make_icons.py), each read only when a size is
    drawn. Not from the SVG: that would load Qt's SVG library and icon plugin at every start (about 2 ms)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon


def open_start_profile(options: StartOptions, profiles: ProfileDirectory, clinic: ClinicConfig, *,
                       interactive: bool = True):
    """The profile to open without asking anyone anything, or None when the start screen must ask.

    Without asking: the demo; an encrypted profile when SB_DESKTOP_PASSPHRASE is set; the only profile when it
    has no passphrase on a computer that is not shared. Non-interactive runs (smoke test, start-up timing) also
    create the default profile as before, where passphrases are not required."""
    if options.demo:
        from sb_desktop.storage.demo import open_demo_profile
        return open_demo_profile(profiles)
    env_passphrase = os.environ.get(PASSPHRASE_ENV) or None

    def default_for_unattended_run():
        if interactive or profiles.passphrase_required:
            return None
        return profiles.open(options.profile or DEFAULT_PROFILE)

    if options.profile:
        info = profiles.find(options.profile)
        if info is None:
            return default_for_unattended_run()
        if info.encrypted and env_passphrase is None:
            return None
        return profiles.open(info.name, create=False, passphrase=env_passphrase if info.encrypted else None)
    if interactive and (clinic.problem or clinic.shared_machine):
        return None
    infos = profiles.list()
    if not infos:
        return default_for_unattended_run()
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


class StartFailed(Exception):
    """The window cannot start without asking, in a run that must not ask (smoke test, start-up timing)."""


def _start_screen(profiles: ProfileDirectory, clinic: ClinicConfig):
    from sb_desktop.ui.profiles.start_screen import StartScreen
    return StartScreen(profiles, clinic)


def build_gui(options: StartOptions, profiles: ProfileDirectory, clinic: ClinicConfig, *, interactive: bool = True):
    """The main window, start screen and session for this run; returns (session, first window to show, profile).

    Non-interactive runs ask nothing. A start-up timing run (--quit-after-show) still builds everything else a
    person's start builds, reminders included, so that it times the real thing."""
    make_application()
    from sb_desktop.storage.profiles import ProfileDamagedError
    from sb_desktop.ui.common.context import AppContext
    from sb_desktop.ui.shell.main_window import MainWindow
    from sb_desktop.ui.shell.session import Session

    context = AppContext(profiles, None)
    context.clinic = clinic
    if options.background and interactive:
        window = MainWindow(context)
        session = Session(context, window, lambda: _start_screen(profiles, clinic), clinic, interactive=True)
        if session.reminders is not None and session.reminders.keeps_running():
            session.reminders.reload()
            return session, None, None     # the tray icon only; its "Open" shows the unlock screen
        session.start.show_chooser()
        session.start.show()
        return session, session.start, None
    damaged = None
    try:
        profile = open_start_profile(options, profiles, clinic, interactive=interactive)
    except ProfileDamagedError as error:
        if not interactive:
            raise StartFailed(str(error)) from None
        profile, damaged = None, error
    except (UserError, *DATABASE_ERRORS) as error:
        raise StartFailed(str(error)) from None
    window = MainWindow(context)
    session = Session(context, window, lambda: _start_screen(profiles, clinic), clinic, interactive=interactive,
                      reminders=not options.smoke_test)
    if profile is not None:
        session.open_profile(profile)
        return session, window, profile
    start = session.start
    info = profiles.find(options.profile) if options.profile else None
    if damaged is not None:
        start.show_damaged(profiles.find(damaged.profile_name), damaged, os.environ.get(PASSPHRASE_ENV) or None)
    elif info is not None and info.encrypted:
        start.show_unlock(info)
    else:
        start.show_chooser()
    start.show()
    return session, start, None


def run_gui(options: StartOptions, profiles: ProfileDirectory, clinic: ClinicConfig) -> int:
    # Everything loaded so far (Python, Qt's bindings, the app's modules) lives until exit: move it out of
    # the garbage collector's sight, so the collections that building the window triggers, and every full
    # collection later, skip those few hundred thousand objects (about 13 ms less to a painted window).
    # No profile is open yet, so nothing of anyone's journal is ever frozen.
    gc.freeze()
    app = make_application()
    interactive = not (options.smoke_test or options.quit_after_show)
    if interactive:
        from sb_desktop.ui.shell.errors import install_excepthook
        install_excepthook()
    try:
        session, first, profile = build_gui(options, profiles, clinic, interactive=interactive)
    except StartFailed as error:
        if interactive:
            QMessageBox.critical(None, APP_NAME, str(error))
        else:
            print(f"sb-desktop: {error}", file=sys.stderr)
        return 1
    exit_code = 0
    if options.quit_after_show:
        watcher = _FirstPaint(app)
        first.installEventFilter(watcher)
        app.exec()
    elif options.smoke_test:
        app.processEvents()
        if profile is None:
            from sb_desktop.i18n import _
            print(_("Smoke test: no profile could be opened without asking for a passphrase; set "
                    "SB_DESKTOP_PASSPHRASE or use --demo."), file=sys.stderr)
            exit_code = 1
        else:
            from sb_desktop.ui.shell.smoke import smoke_test
            exit_code = smoke_test(session.window, screenshots=options.screenshots)
    else:
        from sb_desktop.ui.common.fit import install_dialog_fitter
        QTimer.singleShot(0, lambda: install_dialog_fitter(app))   # after the first paint: start-up never pays
        exit_code = app.exec()
    session.autolock.stop()
    session.context.close_profile()
    return exit_code
