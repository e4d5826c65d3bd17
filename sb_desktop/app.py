"""Builds the QApplication, opens the profile and shows the main window."""
from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sb_desktop import APP_ID, APP_NAME, ORG_NAME, __version__
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _
from sb_desktop.storage.database import DATABASE_ERRORS

DEMO_PROFILE = "Demo"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    return app


def open_start_profile(args, ctx):
    """The profile the window starts on: the demo profile (filled on first use) or the chosen one."""
    if getattr(args, "demo", False):
        ctx.profile_name = DEMO_PROFILE
        profile = ctx.open_profile()
        if profile.journal.count() == 0:
            from sb_desktop.domain.demo import demo_entries
            profile.journal.add_many(demo_entries())
        return profile
    return ctx.open_profile()


class _FirstPaint(QObject):
    """Quits the application once the watched window has painted for the first time."""

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.app.quit)
        return False


def smoke_test(window) -> int:
    """Show every page once; any exception fails the run."""
    app = QApplication.instance()
    for spec in window.specs:
        window.show_page(spec.key)
        app.processEvents()
        if window.stack.currentWidget() is not window.pages[spec.key]:
            print(f"smoke test: page {spec.key} did not show", file=sys.stderr)
            return 1
    print(_("Smoke test passed: {n} pages shown.").format(n=len(window.specs)))
    return 0


def run_gui(args, ctx) -> int:
    app = make_application()
    from sb_desktop.ui.context import AppContext
    from sb_desktop.ui.main_window import MainWindow

    try:
        profile = open_start_profile(args, ctx)
    except (UserError, *DATABASE_ERRORS) as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    context = AppContext(ctx.profiles, profile)
    ctx._profile = None  # the window owns the profile from here on
    window = MainWindow(context)
    exit_code = 0
    if args.quit_after_show:
        watcher = _FirstPaint(app)
        window.installEventFilter(watcher)
        window.show()
        app.exec()
    elif args.smoke_test:
        window.show()
        app.processEvents()
        exit_code = smoke_test(window)
    else:
        window.show()
        exit_code = app.exec()
    context.close_profile()
    return exit_code
