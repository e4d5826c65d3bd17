"""The weeks view: more active weeks against the person's own usual at the time, with weeks behind each figure."""
from __future__ import annotations

import datetime as dt

import numpy as np

from sb_desktop.domain.series import daily_series, weeks_view

MONDAY = dt.date(2025, 1, 6)


def person(weeks, *, pain_of_week, minutes_of_week, seed=0):
    rng = np.random.default_rng(seed)
    pain, activity = [], []
    for w in range(weeks):
        for d in range(7):
            date = MONDAY + dt.timedelta(days=7 * w + d)
            pain.append((date, float(np.clip(round(pain_of_week(w) + rng.normal(0, 0.3)), 0, 10)), 1))
            activity.append((date, max(0, int(minutes_of_week(w) + rng.normal(0, 3))), None))
    return daily_series(pain, activity)


def test_active_weeks_against_own_usual_with_the_number_of_weeks_behind_each_figure():
    # Every other week much more active, with 2 points less pain in those weeks.
    series = person(20, pain_of_week=lambda w: 6 - 2 * (w % 2), minutes_of_week=lambda w: 20 + 30 * (w % 2))
    view = weeks_view(series)
    assert view.measure == "minutes" and view.comparable
    assert view.active_weeks + view.other_weeks == 20
    assert view.active_pain < view.other_pain - 1.5
    assert f"({view.active_weeks} weeks)" in view.statement and f"({view.other_weeks} weeks)" in view.statement
    assert "does not show that one leads to the other" in view.statement


def test_a_shared_slow_trend_does_not_sort_the_active_weeks_to_one_end():
    # Recovery: activity climbs steadily and pain falls steadily; no week-to-week link at all.
    differences = []
    for seed in range(20):
        view = weeks_view(person(30, pain_of_week=lambda w: 7 - 0.15 * w, minutes_of_week=lambda w: 10 + 2 * w,
                                 seed=seed))
        differences.append(view.active_pain - view.other_pain)
    # Against a fixed cut the later (active, less painful) weeks would differ by about 2 points every time.
    assert abs(np.mean(differences)) < 0.2 and max(abs(d) for d in differences) < 1.0
    series = person(30, pain_of_week=lambda w: 7 - 0.15 * w, minutes_of_week=lambda w: 10 + 2 * w, seed=3)
    view = weeks_view(series)
    active_weeks = [r.start for r in view.rows if r.active]
    assert min(active_weeks) < MONDAY + dt.timedelta(weeks=10)


def test_the_view_follows_the_chosen_range():
    series = person(26, pain_of_week=lambda w: 5, minutes_of_week=lambda w: 20 + 20 * (w % 2))
    whole = weeks_view(series)
    last_month = weeks_view(series, series.end - dt.timedelta(days=27), series.end)
    assert last_month.active_weeks + last_month.other_weeks == 4
    assert whole.active_weeks + whole.other_weeks == 26
    assert all(r.start >= series.end - dt.timedelta(days=27) for r in last_month.rows)


def test_steps_only_weeks_use_steps():
    pain, activity = [], []
    for i in range(56):
        date = MONDAY + dt.timedelta(days=i)
        pain.append((date, 4.0, 1))
        activity.append((date, 0, 6000 + 3000 * ((i // 7) % 2)))
    view = weeks_view(daily_series(pain, activity))
    assert view.measure == "steps" and view.comparable
    assert view.active_activity > 8000 and "steps a day" in view.statement


def test_too_little_says_what_is_needed():
    view = weeks_view(None)
    assert not view.comparable and "full weeks" in view.statement
