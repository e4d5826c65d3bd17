"""The pages the main window offers, in navigation order, and the protocol every page keeps.

Each page's module is imported by a plain import statement inside its builder, the first time the page is
shown (start-up builds Today only). A page that fails to import or to build raises: the smoke test and the
test suite fail on it, never a placeholder.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable

from sb_desktop.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from sb_desktop.ui.common.context import AppContext


@runtime_checkable
class Page(Protocol):
    """What the main window and the session ask of a page. Every page must also hold no data after
    context.profile_closed (the window destroys pages then)."""

    def refresh(self) -> None:
        """Show the current data (called each time the page is shown and after data changes while visible)."""

    def draft(self) -> Any:
        """Unsaved input as a JSON-able value, or None; kept (encrypted) across a lock."""

    def restore_draft(self, value: Any) -> None:
        """Put back what draft() returned."""


class PageBase:
    """Defaults for the Page protocol: a page with nothing to refresh or keep overrides nothing."""

    def refresh(self) -> None:
        return None

    def draft(self) -> Any:
        return None

    def restore_draft(self, value: Any) -> None:
        return None


PageBuilder = Callable[["AppContext", "QWidget"], "QWidget"]


class PageSpec(NamedTuple):
    """One navigation entry. (A NamedTuple: a fifth of a frozen dataclass's cost to define, at every start.)"""

    key: str
    title: str
    build: PageBuilder
    shortcut: str


def _today(context, parent):
    from sb_desktop.ui.today.page import TodayPage
    return TodayPage(context, parent)


def _journal(context, parent):
    from sb_desktop.ui.journal.page import JournalPage
    return JournalPage(context, parent)


def _progress(context, parent):
    from sb_desktop.ui.progress.page import ProgressPage
    return ProgressPage(context, parent)


def _sessions(context, parent):
    from sb_desktop.ui.sessions.page import SessionsPage
    return SessionsPage(context, parent)


def _goals(context, parent):
    from sb_desktop.ui.goals.page import GoalsPage
    return GoalsPage(context, parent)


def _settings(context, parent):
    from sb_desktop.ui.settings.page import SettingsPage
    return SettingsPage(context, parent)


def page_specs() -> list[PageSpec]:
    return [
        PageSpec("today", _("Today"), _today, "Ctrl+1"),
        PageSpec("journal", _("Journal"), _journal, "Ctrl+2"),
        PageSpec("progress", _("Progress"), _progress, "Ctrl+3"),
        PageSpec("sessions", _("Sessions"), _sessions, "Ctrl+4"),
        PageSpec("goals", _("Goals"), _goals, "Ctrl+5"),
        PageSpec("settings", _("Settings"), _settings, "Ctrl+6"),
    ]
