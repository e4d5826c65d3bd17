"""What a page shows instead of the programme while the first safety check is not done: why, and a button
that asks the questions now."""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from sb_desktop.i18n import _
from sb_desktop.ui.common.context import AppContext
from sb_desktop.ui.common.qt_names import left_aligned
from sb_desktop.ui.common.widgets import heading, panel_style


def ask_first_check(context: AppContext, parent: QWidget | None) -> bool:
    """Show the first safety check now; True when it is complete afterwards."""
    from sb_desktop.ui.safety.red_flags import run_first_start_check

    if context.profile is None:
        return False
    run_first_start_check(context, parent.window() if parent is not None else None)
    return context.profile is not None and context.profile.safety.status().first_check_complete


class FirstCheckCard(QFrame):
    """"Please answer the safety questions first", with the button that asks them."""

    def __init__(self, context: AppContext, reason: str, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("first-check-card")
        self.setStyleSheet(panel_style("QFrame#first-check-card", "#eef5fb", "#9cc2e5", radius=10))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        title = heading(_("First, a few safety questions"), 1.2)
        text = QLabel(reason)
        text.setWordWrap(True)
        self.button = QPushButton(_("Answer the safety questions"))
        self.button.clicked.connect(lambda: ask_first_check(self.context, self))
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(left_aligned(self.button))
        self.setAccessibleName(_("First, a few safety questions"))
        self.setAccessibleDescription(reason)
