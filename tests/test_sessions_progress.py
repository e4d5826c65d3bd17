"""Unlock rules, resume and stored progress, without a window."""
import datetime as dt

from sb_desktop.domain.programme import (
    AVAILABLE,
    FINISHED,
    IN_PROGRESS,
    LOCKED,
    SessionProgress,
    clean_unlock_days,
    next_session,
    resume_index,
    session_states,
)
from sb_desktop.storage.sessions import SessionStore

IDS = ["session-1", "session-2", "session-3"]
DAY = dt.date(2026, 3, 2)


def stamp(day: dt.date, hour: int = 10) -> str:
    return dt.datetime(day.year, day.month, day.day, hour, 0).astimezone().isoformat(timespec="seconds")


def test_first_session_opens_at_once_and_the_rest_wait():
    states = session_states(IDS, {}, DAY)
    assert [s.status for s in states] == [AVAILABLE, LOCKED, LOCKED]
    assert states[1].unlock_date is None  # not before session 1 is finished
    assert next_session(states).session_id == "session-1"


def test_next_session_opens_seven_days_after_the_last_was_finished():
    progress = {"session-1": SessionProgress("session-1", started_at=stamp(DAY), finished_at=stamp(DAY, 23))}
    on_day_6 = session_states(IDS, progress, DAY + dt.timedelta(days=6))
    assert [s.status for s in on_day_6] == [FINISHED, LOCKED, LOCKED]
    assert on_day_6[1].unlock_date == DAY + dt.timedelta(days=7)
    on_day_7 = session_states(IDS, progress, DAY + dt.timedelta(days=7))
    assert [s.status for s in on_day_7] == [FINISHED, AVAILABLE, LOCKED]


def test_a_clinic_interval_and_odd_settings():
    progress = {"session-1": SessionProgress("session-1", started_at=stamp(DAY), finished_at=stamp(DAY))}
    assert session_states(IDS, progress, DAY, unlock_days=0)[1].status == AVAILABLE
    assert session_states(IDS, progress, DAY + dt.timedelta(days=2), unlock_days=3)[1].status == LOCKED
    assert clean_unlock_days("14") == 14 and clean_unlock_days(None) == 7 and clean_unlock_days(-3) == 0
    assert clean_unlock_days(10_000) == 60


def test_started_and_finished_sessions_stay_open():
    progress = {
        "session-1": SessionProgress("session-1", started_at=stamp(DAY), finished_at=stamp(DAY)),
        "session-2": SessionProgress("session-2", page_index=2, started_at=stamp(DAY + dt.timedelta(days=8))),
    }
    # Even if the interval is later made longer, a session already started is not locked again.
    states = session_states(IDS, progress, DAY + dt.timedelta(days=9), unlock_days=30)
    assert [s.status for s in states] == [FINISHED, IN_PROGRESS, LOCKED]
    assert states[1].resume_index == 2
    assert next_session(states).session_id == "session-2"


def test_resume_index_follows_the_page_id_when_pages_move():
    assert resume_index(["a", "b", "c"], "b", 0) == 1
    assert resume_index(["a", "new", "b", "c"], "b", 1) == 2
    assert resume_index(["a", "b"], "gone", 5) == 1


def test_store_keeps_progress_choices_and_the_first_finish(profile):
    store = SessionStore(profile.db, "test-pack")
    store.open_page("session-1", 0, "s1-welcome", at="2026-03-02T10:00:00+00:00")
    store.open_page("session-1", 2, "s1-goal", at="2026-03-02T10:05:00+00:00")
    store.open_page("session-1", 1, "s1-choose", at="2026-03-02T10:06:00+00:00")
    record = store.get("session-1")
    assert (record.page_index, record.page_id, record.pages_seen) == (1, "s1-choose", 3)
    assert record.started_at == "2026-03-02T10:00:00+00:00" and record.finished_at is None
    store.finish("session-1", at="2026-03-02T10:10:00+00:00")
    store.finish("session-1", at="2026-03-09T10:10:00+00:00")   # reading it again later changes nothing
    assert store.get("session-1").finished_at == "2026-03-02T10:10:00+00:00"

    assert store.programme_choice() is None
    store.choose_programme("walking", 1, "session-1")
    store.choose_programme("back-exercises", 0, "session-1")
    assert (store.programme_choice().programme, store.programme_choice().level) == ("back-exercises", 0)
    store.choose_module("sleep", "session-2")
    assert store.module_for_session("session-2") == "sleep" and store.module_for_session("session-3") is None
    # Another pack's progress is separate.
    assert SessionStore(profile.db, "other-pack").progress() == {}


def test_progress_survives_closing_the_profile(profiles):
    first = profiles.open("Reopened")
    SessionStore(first.db, "p").open_page("session-1", 3, "x")
    first.close()
    again = profiles.open("Reopened")
    try:
        assert SessionStore(again.db, "p").get("session-1").page_index == 3
    finally:
        again.close()
