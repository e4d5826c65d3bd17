"""Qt-namespace settings made by name, for the widgets built before the first paint.

The first time any code touches `PySide6.QtCore.Qt`, PySide6 builds Python enum classes for the whole Qt
namespace: about 100 enums with 2,000 members, 11 ms on the reference machine, a tenth of what a bare PySide6
window needs to start. The first screen uses five of those values. Qt's meta-object system sets an enum or
flag property from its name without Python's enums, so the start-up path (main window, Today, the entry
forms) sets them here, and `Qt` is built only when something later needs it. Everywhere else, use `Qt`.
tests/test_startup_path.py checks that the first paint happens without it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QWidget


def set_by_name(obj: QObject, prop: str, value: str) -> None:
    """Set an enum or flag Q_PROPERTY by its C++ name(s), e.g. ("alignment", "AlignLeft|AlignVCenter").

    Raises ValueError, changing nothing, when the object has no such property or the name is not one of its
    values."""
    if obj.metaObject().indexOfProperty(prop) < 0:  # setProperty would add a dynamic property instead
        raise ValueError(f"{type(obj).__name__} has no property {prop!r}")
    if not obj.setProperty(prop, value):
        raise ValueError(f"{type(obj).__name__} property {prop!r} has no value {value!r}")


def set_shortcut(action: QAction, key: str | QKeySequence.StandardKey) -> None:
    """Give an action its shortcut: "Ctrl+L", or a standard key with every binding the platform has for it.

    (QAction.setShortcut would do, but PySide6 builds `Qt` while choosing among its overloads.)"""
    action.setShortcuts(key if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)])


def selectable_text(label: QWidget) -> None:
    """Let the reader select (and copy) a label's text with the mouse."""
    set_by_name(label, "textInteractionFlags", "TextSelectableByMouse")


def left_aligned(widget: QWidget) -> QHBoxLayout:
    """A row holding the widget at its natural width on the left (as AlignLeft in a vertical layout)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return row
