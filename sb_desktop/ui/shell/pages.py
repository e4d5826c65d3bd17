"""The pages the main window offers, in navigation order. Each module is imported when first shown.

A page class takes (context: AppContext, parent=None), may define refresh() (called each time the page
is shown and after data changes while visible), and must hold no data after context.profile_closed.
"""
from __future__ import annotations

from typing import NamedTuple

from sb_desktop.i18n import _


class PageSpec(NamedTuple):
    """One navigation entry. (A NamedTuple: a fifth of a frozen dataclass's cost to define, at every start.)"""

    key: str
    title: str
    module: str
    class_name: str
    shortcut: str


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("today", _("Today"), "sb_desktop.ui.today.page", "TodayPage", "Ctrl+1"),
        PageSpec("journal", _("Journal"), "sb_desktop.ui.journal.page", "JournalPage", "Ctrl+2"),
        PageSpec("progress", _("Progress"), "sb_desktop.ui.progress.page", "ProgressPage", "Ctrl+3"),
        PageSpec("sessions", _("Sessions"), "sb_desktop.ui.sessions.page", "SessionsPage", "Ctrl+4"),
        PageSpec("goals", _("Goals"), "sb_desktop.ui.goals.page", "GoalsPage", "Ctrl+5"),
        PageSpec("settings", _("Settings"), "sb_desktop.ui.settings.page", "SettingsPage", "Ctrl+6"),
    ]
