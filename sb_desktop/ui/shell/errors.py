"""Unexpected errors in the window: logged (without any health data) and shown as one calm message."""
from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from sb_desktop import APP_NAME
from sb_desktop.applog import describe_exception
from sb_desktop.i18n import _

log = logging.getLogger(__name__)


def report_unexpected(kind, error, tb) -> None:
    """sys.excepthook for the window: log where it happened, tell the person calmly, keep the app running."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.error("unexpected error: %s", describe_exception(kind, tb))
    if QApplication.instance() is None:
        return
    QMessageBox.warning(
        QApplication.activeWindow(), APP_NAME,
        _("Something went wrong in the app. Everything you had saved is safe.\n\n"
          "If it happens again, close the app and open it again. The details (never your entries) were "
          "written to the app's log file."))


def install_excepthook() -> None:
    sys.excepthook = report_unexpected
