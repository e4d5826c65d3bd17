"""Small pieces the start screen and the profile dialogs share: titles, notes, a wait cursor, the loss warning."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
)

from sb_desktop.i18n import _

LOSS_WARNING = _("Important: if you forget this passphrase, your journal cannot be opened again. Nobody can "
                 "recover it for you, not even the clinic. Write it down somewhere private.")


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _note(text: str = "", *, error: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if error:
        label.setObjectName("error")
        label.setStyleSheet("color: #a4000f; font-weight: 600;")
    return label


def _busy(function, *args, **kwargs):
    """Run a slow call (key derivation takes about half a second) with a wait cursor."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return function(*args, **kwargs)
    finally:
        QApplication.restoreOverrideCursor()
