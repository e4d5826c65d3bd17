"""Fill a profile with the demo: 16 weeks of journal entries and the walking goals behind them."""
from __future__ import annotations

import datetime as dt

from sb_desktop.domain.goals import WALKING, Goal

DEMO_PROFILE = "Demo"


def open_demo_profile(profiles):
    """The demo profile, filled with sample data the first time. Only made-up data, so it is never encrypted,
    even where a clinic requires passphrases for people's own profiles."""
    from sb_desktop.storage.profiles import ProfileDirectory

    profile = ProfileDirectory(profiles.data_dir).open(DEMO_PROFILE)
    if profile.journal.count() == 0:
        fill_demo(profile)
        add_demo_first_check(profile)
    return profile


def add_demo_first_check(profile, today: dt.date | None = None) -> None:
    """The sample person answered the first safety questions (all "no") the evening they began, eight weeks
    ago, as their finished sessions say. Only ever for the Demo profile of made-up data: the `demo` command
    that fills a person's own profile never answers safety questions for them."""
    from sb_desktop.domain.safety import FIRST_START, questions_for_check

    if profile.safety.status().first_check_complete:
        return
    began = (today or dt.date.today()) - dt.timedelta(weeks=8, days=1)
    at = dt.datetime.combine(began, dt.time(19, 0)).astimezone().isoformat(timespec="seconds")
    with profile.transaction():
        profile.safety.record_check({q.id: False for q in questions_for_check(FIRST_START)}, at=at)


def demo_goals(today: dt.date) -> list[Goal]:
    """An easier first goal, then the current one a step up (as a weekly review would have suggested)."""
    return [
        Goal(activity=WALKING, level=2, days_per_week=3, minutes=15, start_date=today - dt.timedelta(weeks=8)),
        Goal(activity=WALKING, level=3, days_per_week=4, minutes=25, start_date=today - dt.timedelta(days=10)),
    ]


def demo_sessions(today: dt.date) -> list[tuple[str, dt.date]]:
    """The six weekly sessions, finished a week apart from the day before the first goal was set (session 1
    ends by setting it), so the sample programme is as far along as its goals say."""
    first = today - dt.timedelta(weeks=8, days=1)
    return [(f"session-{n}", first + dt.timedelta(weeks=n - 1)) for n in range(1, 7)]


def fill_demo(profile, today: dt.date | None = None, now: dt.datetime | None = None) -> int:
    """Add the demo journal, its goals and the finished sessions behind them in one transaction; returns the
    number of journal entries added. Nothing is dated later than now."""
    # Only when the demo is filled (its first start), never when it is opened again.
    from sb_desktop.domain.calls import make_call
    from sb_desktop.domain.demo import demo_entries
    from sb_desktop.domain.settings import DEFAULT_PACK_ID

    now = now or dt.datetime.now()
    today = today or now.date()
    entries = [e for e in demo_entries(today)
               if e.date < now.date() or (e.date == now.date() and (e.time is None or e.time <= now.time()))]
    with profile.transaction():
        added, _skipped = profile.journal.add_many(entries)
        for goal in demo_goals(today):
            profile.goals.set_goal(goal)
        sessions = profile.sessions(DEFAULT_PACK_ID)
        for session_id, finished in demo_sessions(today):
            at = dt.datetime.combine(finished, dt.time(19, 30)).astimezone().isoformat(timespec="seconds")
            sessions.open_page(session_id, 0, "", at=at)
            sessions.finish(session_id, at=at)
            if session_id == "session-1":
                sessions.choose_programme("walking", 2, session_id, at=at)
        for week, agreed in ((1, "Walk 15 minutes on 3 days; fine to feel a little sore at first."),
                             (3, "Keep to 3 days; add one minute a walk if it feels fine."),
                             (6, "Step up to 25 minutes on 4 days; use the flare-up plan if needed.")):
            held = today - dt.timedelta(weeks=8, days=1) + dt.timedelta(weeks=week)
            profile.calls.add(make_call("Sam (physiotherapist)", agreed, held_on=held))
        sessions.choose_programme("walking", 3, "session-6", at=dt.datetime.combine(
            today - dt.timedelta(days=10), dt.time(19, 30)).astimezone().isoformat(timespec="seconds"))
    return added
