"""Idle lock: after N quiet minutes (with a warning and a one-key extend first) the app locks itself.

An application-wide event filter records the time of every input event; a single-shot QTimer wakes at
the next moment anything can happen (warning or lock) and decides from the wall clock, so a machine that
slept through the deadline locks as soon as it wakes. WCAG 2.2.1: the warning comes at least 20 seconds
before locking, and any key (or the Stay button) extends.
"""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sb_desktop.i18n import _

WARNING_SECONDS = 30
HEARTBEAT_MS = 15_000  # also catches a resume from sleep, when QTimer deadlines may have slipped

_INPUT_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.Shortcut,
}


class LockWarning(QDialog):
    """'Locking in N seconds': any key or the Stay button keeps the app open."""

    stay = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("autolock-warning")
        self.setWindowTitle(_("About to lock"))
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(320)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.stay_button = QPushButton(_("&Stay unlocked"))
        self.stay_button.setDefault(True)
        self.stay_button.clicked.connect(self.stay.emit)
        row.addWidget(self.stay_button)
        layout.addLayout(row)

    def set_remaining(self, seconds: int) -> None:
        self.label.setText(_("You have not used SupportBack for a while. To keep your journal private it will "
                             "lock in {n} seconds.\n\nPress any key to stay unlocked.").format(n=max(0, seconds)))


class AutoLock(QObject):
    """Watches input for the whole application and emits lock_requested when idle too long.

    minutes None or 0: idle locking is off (Ctrl+L still locks). `clock` returns wall-clock seconds
    (tests pass a fake one and call check())."""

    lock_requested = Signal()
    warning_shown = Signal(int)

    def __init__(self, minutes: int | None = None, *, clock: Callable[[], float] = time.time,
                 warning_seconds: int = WARNING_SECONDS, parent: QObject | None = None):
        super().__init__(parent)
        self.clock = clock
        self.warning_seconds = warning_seconds
        self.minutes: int | None = None
        self.active = False
        self.last_input = clock()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.heartbeat = QTimer(self)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self.check)
        self.warning: LockWarning | None = None
        self._watching = False
        self.set_minutes(minutes)

    # --- control ---

    def set_minutes(self, minutes: int | None) -> None:
        self.minutes = minutes or None
        self._update_watching()
        self._reschedule()

    def start(self) -> None:
        """Begin (after an unlock): watch input whenever idle locking is on."""
        self.active = True
        self.last_input = self.clock()
        self._update_watching()
        self._reschedule()

    def stop(self) -> None:
        """Stop watching (while locked)."""
        self.active = False
        self.timer.stop()
        self._update_watching()
        self._hide_warning()

    @property
    def watching(self) -> bool:
        """Whether input is being watched: only while unlocked with idle locking on. Watching means a Python
        call for every event the application handles, so nobody pays for it who has idle locking off."""
        return self._watching

    def _update_watching(self) -> None:
        wanted = self.active and self.timeout_seconds is not None
        app = QApplication.instance()
        if wanted == self._watching or app is None:
            return
        if wanted:
            self.last_input = self.clock()  # idle time counts from when locking was switched on
            # From the event loop's next turn: a window being built and shown sends hundreds of events
            # (show, move, resize, polish, paint), each of which would be a Python call here, with a Python
            # type made for every new class of widget it passes (about 20 ms before the first paint).
            # Nobody can type into a window that is not on screen yet, so no input is missed.
            QTimer.singleShot(0, self, self._install_filter)
            self.heartbeat.start()
        else:
            app.removeEventFilter(self)
            self.heartbeat.stop()
        self._watching = wanted

    def _install_filter(self) -> None:
        app = QApplication.instance()
        if self._watching and app is not None:
            app.installEventFilter(self)

    @property
    def timeout_seconds(self) -> float | None:
        return None if self.minutes is None else self.minutes * 60

    def extend(self) -> None:
        self.last_input = self.clock()
        self._hide_warning()
        self._reschedule()

    # --- watching ---

    def eventFilter(self, watched, event) -> bool:
        if self.active and event.type() in _INPUT_EVENTS:
            self.last_input = self.clock()
            if self.warning is not None and self.warning.isVisible():
                self.extend()
        elif self.active and event.type() == QEvent.Type.ApplicationStateChange:
            QTimer.singleShot(0, self.check)  # back from the background (or from sleep): decide at once
        return False

    def check(self) -> None:
        """Lock, warn or sleep until the next deadline, judged by the wall clock."""
        if not self.active or self.timeout_seconds is None:
            self._hide_warning()
            return
        idle = self.clock() - self.last_input
        remaining = self.timeout_seconds - idle
        if remaining <= 0:
            self._hide_warning()
            self.lock_requested.emit()
            return
        if remaining <= self.warning_seconds:
            self._show_warning(int(remaining + 0.999))
            self.timer.start(int(min(remaining, 1.0) * 1000))
        else:
            self._hide_warning()
            self.timer.start(int((remaining - self.warning_seconds) * 1000))

    def _reschedule(self) -> None:
        self.timer.stop()
        if self.active and self.timeout_seconds is not None:
            self.check()

    def _show_warning(self, seconds: int) -> None:
        if self.warning is None:
            parent = QApplication.activeWindow()
            self.warning = LockWarning(parent)
            self.warning.stay.connect(self.extend)
        self.warning.set_remaining(seconds)
        if not self.warning.isVisible():
            self.warning.show()
            self.warning.raise_()
            self.warning_shown.emit(seconds)

    def _hide_warning(self) -> None:
        if self.warning is not None:
            self.warning.hide()
            self.warning.deleteLater()
            self.warning = None


class ClipboardGuard(QObject):
    """Remembers whether the clipboard holds something this app put there, so locking can clear it."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.ours = False
        clipboard = QApplication.clipboard()
        clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        from PySide6.QtCore import Qt  # here, not at start-up: see sb_desktop/ui/common/qt_names.py

        app = QApplication.instance()
        # A change while one of our windows has focus came from a copy in the app.
        self.ours = bool(QApplication.clipboard().ownsClipboard() or app.focusWindow() is not None
                         or app.applicationState() == Qt.ApplicationState.ApplicationActive)

    def clear_if_ours(self) -> bool:
        clipboard = QApplication.clipboard()
        if self.ours or clipboard.ownsClipboard():
            clipboard.clear()
            if clipboard.supportsSelection():
                clipboard.clear(clipboard.Mode.Selection)
            self.ours = False
            return True
        return False
