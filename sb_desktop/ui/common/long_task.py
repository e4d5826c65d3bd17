"""Run slow work (import, export, PDF) on a worker thread with progress and a cancel flag.

The work function gets a TaskControl: it reports progress and checks for cancellation between
chunks. It must not touch the database: callers read what they need on the main thread first and
write the result on the main thread afterwards, in one transaction, so a cancelled task leaves
nothing behind.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from sb_desktop.domain.errors import UserError
from sb_desktop.exchange.wearable import ImportCancelled
from sb_desktop.i18n import _


class TaskControl:
    """What the work function sees: report(done, total), is_cancelled(), check() (raises when cancelled)."""

    def __init__(self, emit_progress: Callable[[int], None]):
        self._cancel = threading.Event()
        self._emit = emit_progress
        self._last_percent = -1

    def report(self, done: int, total: int) -> None:
        percent = 100 if total <= 0 else max(0, min(100, int(done * 100 / total)))
        if percent != self._last_percent:      # a signal per percent, not per chunk
            self._last_percent = percent
            self._emit(percent)

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise ImportCancelled(_("Cancelled; nothing was changed."))

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QThread):
    progress = Signal(int)
    outcome = Signal(str, object)     # ("ok" | "failed" | "cancelled", result or message)

    def __init__(self, work, parent=None):
        super().__init__(parent)
        self.work = work
        self.control = TaskControl(self.progress.emit)

    def run(self) -> None:
        try:
            result = self.work(self.control)
        except ImportCancelled:
            self.outcome.emit("cancelled", None)
        except UserError as error:
            self.outcome.emit("failed", str(error))
        except MemoryError:
            self.outcome.emit("failed", _("The computer ran out of memory; nothing was changed."))
        except OSError as error:
            self.outcome.emit("failed", _("{path}: {reason}").format(path=error.filename or "",
                                                                   reason=error.strerror or error))
        except Exception as error:  # reported in the window, never a silent thread death
            self.outcome.emit("failed", _("Unexpected error ({kind}): {reason}").format(
                kind=type(error).__name__, reason=error))
        else:
            if self.control.is_cancelled():
                self.outcome.emit("cancelled", None)
            else:
                self.outcome.emit("ok", result)


class LongTask(QObject):
    """One run of `work(control)` on a worker thread.

    Signals (delivered on the main thread): progress(percent), succeeded(result), failed(message),
    cancelled(), finished() after any of the three.
    """

    progress = Signal(int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Callable[[TaskControl], object], parent: QObject | None = None):
        super().__init__(parent)
        self._worker = _Worker(work)
        self._worker.progress.connect(self.progress)
        self._worker.outcome.connect(self._on_outcome)
        self.running = False

    def start(self) -> None:
        self.running = True
        self._worker.start()

    def cancel(self) -> None:
        self._worker.control.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._worker.wait(msecs)

    def _on_outcome(self, kind: str, payload) -> None:
        self._worker.wait()
        self.running = False
        if kind == "ok":
            self.succeeded.emit(payload)
        elif kind == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(payload)
        self.finished.emit()
