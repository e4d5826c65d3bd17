"""Programme rules: when each weekly session unlocks, where to resume, and what the person has done.

Pure functions over plain data; `today` is always passed in so tests can choose the date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_UNLOCK_DAYS = 7
MAX_UNLOCK_DAYS = 60

LOCKED, AVAILABLE, IN_PROGRESS, FINISHED = "locked", "available", "in_progress", "finished"


@dataclass(frozen=True)
class SessionProgress:
    """What is stored for one session: how far the person got and when they started and finished."""

    session_id: str
    page_index: int = 0            # the page to resume on
    page_id: str | None = None     # its id, so resuming survives a pack update that adds pages
    pages_seen: int = 0            # the furthest page reached, plus one
    started_at: str | None = None  # ISO-8601 with offset
    finished_at: str | None = None


@dataclass(frozen=True)
class SessionState:
    session_id: str
    status: str                          # locked | available | in_progress | finished
    unlock_date: dt.date | None = None   # when a locked session opens (None: after the one before is finished)
    resume_index: int = 0


def local_date(timestamp: str) -> dt.date:
    """The local calendar date of an ISO-8601 time stamp."""
    moment = dt.datetime.fromisoformat(timestamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.date()


def clean_unlock_days(value) -> int:
    """The interval between sessions in days, from a setting; anything odd falls back to the default."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_UNLOCK_DAYS
    return min(max(days, 0), MAX_UNLOCK_DAYS)


def effective_unlock_days(setting, clinic_fixed=None) -> int:
    """The interval in force: a clinic's fixed value wins over the person's setting."""
    return clean_unlock_days(clinic_fixed if clinic_fixed is not None else
                             (DEFAULT_UNLOCK_DAYS if setting is None else setting))


def session_states(session_ids: list[str], progress: dict[str, SessionProgress], today: dt.date,
                   unlock_days: int = DEFAULT_UNLOCK_DAYS) -> list[SessionState]:
    """The state of each session, in programme order.

    The first session is open at once; each later one opens `unlock_days` days (by calendar date) after
    the one before it was finished. A session once opened stays open, and a finished one stays readable.
    """
    states = []
    previous_finished: dt.date | None = None
    for index, session_id in enumerate(session_ids):
        record = progress.get(session_id)
        resume = record.page_index if record else 0
        if record and record.finished_at:
            status, unlock = FINISHED, None
        elif record and record.started_at:
            status, unlock = IN_PROGRESS, None
        elif index == 0:
            status, unlock = AVAILABLE, None
        elif previous_finished is None:
            status, unlock = LOCKED, None
        else:
            unlock = previous_finished + dt.timedelta(days=unlock_days)
            status = AVAILABLE if today >= unlock else LOCKED
            if status == AVAILABLE:
                unlock = None
        states.append(SessionState(session_id, status, unlock, resume))
        previous_finished = local_date(record.finished_at) if record and record.finished_at else None
    return states


def next_session(states: list[SessionState]) -> SessionState | None:
    """The session to suggest: one in progress, else the first open one not finished."""
    for wanted in (IN_PROGRESS, AVAILABLE):
        for state in states:
            if state.status == wanted:
                return state
    return None


def resume_index(page_ids: list[str], stored_page_id: str | None, stored_index: int) -> int:
    """The page to reopen: the stored page by id if the pack still has it, else the stored index clamped."""
    if stored_page_id in page_ids:
        return page_ids.index(stored_page_id)
    return min(max(stored_index, 0), max(len(page_ids) - 1, 0))
