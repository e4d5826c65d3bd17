"""Fill a profile with the demo: 16 weeks of journal entries and the walking goals behind them."""
from __future__ import annotations

import datetime as dt

from sb_desktop.domain.demo import demo_entries
from sb_desktop.domain.goals import WALKING, Goal


DEMO_PROFILE = "Demo"


def open_demo_profile(profiles):
    """The demo profile, filled with sample data the first time. Only made-up data, so it is never encrypted,
    even where a clinic requires passphrases for people's own profiles."""
    from sb_desktop.storage.profiles import ProfileDirectory

    profile = ProfileDirectory(profiles.data_dir).open(DEMO_PROFILE)
    if profile.journal.count() == 0:
        fill_demo(profile)
    return profile


def demo_goals(today: dt.date) -> list[Goal]:
    """An easier first goal, then the current one a step up (as a weekly review would have suggested)."""
    return [
        Goal(activity=WALKING, level=2, days_per_week=3, minutes=15, start_date=today - dt.timedelta(weeks=8)),
        Goal(activity=WALKING, level=3, days_per_week=4, minutes=25, start_date=today - dt.timedelta(days=10)),
    ]


def fill_demo(profile, today: dt.date | None = None) -> int:
    """Add the demo journal and goals in one transaction; returns the number of journal entries added."""
    today = today or dt.date.today()
    with profile.transaction():
        added, _skipped = profile.journal.add_many(demo_entries(today))
        for goal in demo_goals(today):
            profile.goals.set_goal(goal)
    return added
