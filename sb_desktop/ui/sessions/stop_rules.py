"""The exercise stop rules as the routine screens show them: a list before the start, one line after, and a
page that scrolls when large text makes it tall."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sb_desktop.domain.safety import soreness_note, stop_rules, stop_rules_heading
from sb_desktop.ui.common.widgets import panel_style, scrolling_page


def stop_rules_html(compact: bool = False) -> str:
    """The exercise stop rules, from the one safety source: a list before the start, one line after."""
    heading = f"<b>{html.escape(stop_rules_heading())}:</b>"
    if compact:
        return f"{heading} {html.escape('; '.join(stop_rules()))}. {html.escape(soreness_note())}"
    items = "".join(f"<li>{html.escape(rule)}</li>" for rule in stop_rules())
    return (f"{heading}<ul style='margin-top:2px; margin-bottom:2px'>{items}</ul>"
            f"{html.escape(soreness_note())}")


def stop_rules_box(compact: bool = False) -> QLabel:
    """The exercise stop rules in a calm box."""
    label = QLabel(stop_rules_html(compact))
    label.setObjectName("stop-rules")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(panel_style("QLabel#stop-rules", "#fff8ec", "#e0b36a", radius=6, extra="padding: 6px 10px;"))
    label.setAccessibleName(stop_rules_heading())
    return label


def scrolling_body() -> tuple[QWidget, QVBoxLayout]:
    """A page that scrolls when it is taller than the window (large text), and the layout of its body."""
    page = QWidget()
    layout = scrolling_page(page)
    layout.setContentsMargins(12, 12, 12, 12)   # the player's own, tighter than a page's
    layout.setSpacing(-1)
    return page, layout
