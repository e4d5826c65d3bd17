"""A plausible 16-week journal for the demo profile, in which activity and pain visibly move together.

Deterministic (seeded) so screenshots, tests and newcomers all see the same story: activity builds up
week by week, pain drifts down, and a more active day tends to be followed by a slightly better one.
"""
from __future__ import annotations

import datetime as dt
import random

from sb_desktop.domain.entries import ActivityEntry, PainEntry, make_activity, make_pain

DEMO_SEED = 20240611


def demo_entries(end: dt.date | None = None, weeks: int = 16, seed: int = DEMO_SEED) -> list[ActivityEntry | PainEntry]:
    rng = random.Random(seed)
    end = end or dt.date.today()
    days = weeks * 7
    start = end - dt.timedelta(days=days - 1)
    entries: list[ActivityEntry | PainEntry] = []
    pain_state = 6.2
    yesterday_minutes = 10.0
    for offset in range(days):
        date = start + dt.timedelta(days=offset)
        progress = offset / days
        planned = 8 + 38 * progress                   # the walking goal grows over the programme
        if date.weekday() in (5, 6):
            planned *= 0.8
        trend = 6.3 - 2.6 * progress                   # slow recovery
        # More activity than usual yesterday -> a little less pain today (with noise and persistence).
        pain_state = trend + 0.45 * (pain_state - trend) - 0.035 * (yesterday_minutes - planned) + rng.gauss(0, 0.55)
        pain_today = max(0.0, min(10.0, pain_state))
        # Higher pain makes activity today a bit lower (the reverse direction is real too).
        minutes = max(0.0, planned - 2.0 * (pain_today - trend) + rng.gauss(0, 7))
        if rng.random() < 0.12:
            minutes = 0.0                              # an occasional day off
        yesterday_minutes = minutes
        if rng.random() < 0.93:
            ratings = 2 if rng.random() < 0.35 else 1
            for n in range(ratings):
                value = round(min(10, max(0, pain_today + rng.gauss(0, 0.4))))
                entries.append(make_pain(value, date=date, time=dt.time(8 if n == 0 else 20, rng.choice((0, 15, 30))),
                                         note="", recorded_at=_stamp(date, 8 if n == 0 else 20)))
        if minutes >= 1:
            bouts = 2 if minutes > 30 and rng.random() < 0.5 else 1
            kind = "walk" if rng.random() < 0.75 else "exercise"
            for n in range(bouts):
                part = round(minutes / bouts)
                if part < 1:
                    continue
                steps = round(part * rng.uniform(95, 115)) if kind == "walk" else None
                entries.append(make_activity(part, kind=kind, date=date, time=dt.time(12 + 5 * n, 0), steps=steps,
                                             effort=rng.randint(3, 6), recorded_at=_stamp(date, 12 + 5 * n)))
    return entries


def _stamp(date: dt.date, hour: int) -> str:
    local = dt.datetime.combine(date, dt.time(hour)).astimezone()
    return local.isoformat(timespec="seconds")
