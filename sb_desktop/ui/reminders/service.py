"""Desktop reminders: a system-tray notification where there is a tray, an in-app banner otherwise.
(Choosing them: ui/reminder_settings.py.)

Nothing leaves the computer. The text names no data, so a notification seen by someone else gives nothing away.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QWidget

from sb_desktop import APP_NAME
from sb_desktop.domain.reminders import (
    CHECKIN,
    Reminder,
    ReminderScheduler,
    ReminderSettings,
    clinic_policy,
    default_settings,
)
from sb_desktop.domain.settings import REMINDERS
from sb_desktop.i18n import _
from sb_desktop.storage.background import read_background
from sb_desktop.ui.common.context import AppContext, Change
from sb_desktop.ui.common.widgets import panel_style

POLL_MS = 30_000   # polling (not one long timer) also catches the computer waking from sleep


def load_settings(context: AppContext) -> ReminderSettings:
    clinic = getattr(context, "clinic", None)
    default = default_settings(clinic)
    if context.profile is None:
        return ReminderSettings(False, default.reminders)
    settings = ReminderSettings.from_json(context.profile.settings.read(REMINDERS), default=default)
    allowed, _on = clinic_policy(clinic)
    return settings if allowed else ReminderSettings(False, settings.reminders)


class ReminderBanner(QFrame):
    """A calm strip the main window places above its pages; hidden until a reminder is due."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("reminder-banner")
        self.setStyleSheet(panel_style("QFrame#reminder-banner", "#eef5fb", "#9cc2e5", radius=0))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.open_button = QPushButton(_("Open Today"))
        self.open_button.clicked.connect(self._open)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.dismiss_button)
        self.target = "today"
        self.hide()

    def show_reminder(self, text: str, target: str = "today") -> None:
        self.label.setText(text)
        self.target = target
        self.open_button.setText(_("Open Goals") if target == "goals" else _("Open Today"))
        self.setAccessibleDescription(text)
        self.show()

    def _open(self) -> None:
        self.hide()
        self.context.navigate.emit(self.target)


def _tray_icon(window: QWidget) -> QIcon:
    icon = window.windowIcon() if window is not None else QIcon()
    if not icon.isNull():
        return icon
    # Drawn only where the window has no icon; not at start-up (Qt: see sb_desktop/ui/common/qt_names.py).
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#3b6ea5"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(2, 2, 28, 28)
    painter.end()
    return QIcon(pixmap)


class ReminderService(QObject):
    """Polls the scheduler and shows each due reminder once, in the tray or on the banner."""

    reminded = Signal(str)   # the reminder's kind
    open_requested = Signal()   # the tray's "Open SupportBack" (or its message) was clicked

    def __init__(self, context: AppContext, window: QWidget | None = None, *,
                 clock: Callable[[], dt.datetime] = dt.datetime.now, use_tray: bool | None = None):
        super().__init__(window)
        self.context = context
        self.window = window
        self.banner = ReminderBanner(context, window)
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray: QSystemTrayIcon | None = None
        self.target = "today"
        self.background = read_background(context.profiles.data_dir)   # times only, for a closed or locked app
        if use_tray:
            self.tray = QSystemTrayIcon(_tray_icon(window), self)
            self.tray.setToolTip(APP_NAME)
            self.tray.messageClicked.connect(self._open_from_tray)
            self.tray.activated.connect(lambda _reason: self._open_from_tray())
            self.tray.setContextMenu(self._tray_menu())
        if window is not None and hasattr(window, "tray_mode"):
            window.tray_mode = self.keeps_running
        self.scheduler = ReminderScheduler(load_settings(context), clock)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        context.profile_opened.connect(self.reload)
        context.profile_closed.connect(self._on_profile_closed)
        context.changed.connect(self._on_changed)
        self.reload()

    def banner_widget(self) -> QWidget:
        return self.banner

    def _tray_menu(self):
        from PySide6.QtWidgets import QApplication, QMenu
        menu = QMenu()
        menu.addAction(_("Open {app}").format(app=APP_NAME), self._open_from_tray)
        menu.addSeparator()
        menu.addAction(_("Quit"), QApplication.quit)
        self._menu = menu   # kept: the tray does not own its menu
        return menu

    def _open_from_tray(self) -> None:
        self.open_requested.emit()
        if self.context.profile is not None:
            self.context.navigate.emit(self.target)

    def keeps_running(self) -> bool:
        """Whether closing the window keeps the app in the tray (the person turned that on)."""
        return self.tray is not None and self.background is not None

    def _on_changed(self, kinds, _initiator) -> None:
        if Change.REMINDERS in kinds:
            self.background = read_background(self.context.profiles.data_dir)
            self.reload()

    def _on_profile_closed(self) -> None:
        self.banner.hide()
        if self.background is None:
            self.stop()
        else:
            self.reload()   # locked or closed: the times from the background file go on, from the tray

    def reload(self) -> None:
        from PySide6.QtWidgets import QApplication
        app = QApplication.instance()
        if app is not None:   # with the tray on, closing the last window leaves the app running there
            app.setQuitOnLastWindowClosed(not self.keeps_running())
        if self.context.profile is None and self.background is not None and self.tray is not None:
            self.scheduler.update(self.background)
            self.timer.start()
            self.tray.setVisible(True)
            return
        self.scheduler.update(load_settings(self.context))
        active = self.context.profile is not None and self.scheduler.settings.enabled
        if active:
            self.timer.start()
        else:
            self.timer.stop()
        if self.tray is not None:
            self.tray.setVisible(active or self.background is not None)

    def stop(self) -> None:
        self.timer.stop()
        self.banner.hide()
        if self.tray is not None:
            self.tray.hide()
        self.scheduler.update(ReminderSettings(False, ()))

    def check(self) -> list[Reminder]:
        if self.context.profile is None and self.background is None:
            return []
        due = self.scheduler.due()
        for reminder in due:
            # With no profile open (locked, or the window closed) the words are the reminder's own general
            # ones: never a name or anything about anyone's back, on a shared computer too.
            text, self.target = self.message_for(reminder) if self.context.profile is not None else (
                reminder.message(), "today")
            if self.tray is not None and self.tray.isVisible():
                self.tray.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
            else:
                self.banner.show_reminder(text, self.target)
            self.reminded.emit(reminder.kind)
        return due

    def message_for(self, reminder: Reminder) -> tuple[str, str]:
        """(text, page to open): a check-in reminder mentions the weekly review when one is due."""
        if reminder.kind == CHECKIN and self.context.profile is not None:
            current = self.context.profile.goal_week(self.scheduler.clock().date())
            if current.review_is_due:
                return _("Your weekly review is ready. It takes about 3 minutes."), "goals"
        if self.context.profile is not None:
            # During "Try it and see", a reminder carries this week's target, so the plan is easy to follow.
            from sb_desktop.domain.experiment import experiment_week_text
            week = experiment_week_text(self.context.profile.experiments.current(), self.scheduler.clock().date())
            if week:
                return reminder.message() + " " + week, "today"
        return reminder.message(), "today"


def install_reminders(context: AppContext, window: QWidget) -> ReminderService:
    """Start reminders for the main window; place `service.banner_widget()` above the pages."""
    return ReminderService(context, window)
