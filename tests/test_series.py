"""Daily and weekly series, ranges and the week-by-week comparison."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sb_desktop.domain.errors import UserError
from sb_desktop.domain.series import (
    daily_series,
    describe_week_comparison,
    load_daily_series,
    progress_view,
    range_window,
    trailing_mean,
    week_comparison,
    weekly_series,
)

MONDAY = dt.date(2025, 3, 3)


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def test_daily_series_uses_the_days_mean_pain_and_total_minutes(tmp_path):
    from sb_desktop.domain.entries import make_activity, make_pain
    from sb_desktop.storage.profiles import ProfileDirectory

    profile = ProfileDirectory(tmp_path).open("x")
    try:
        profile.journal.add_many([
            make_pain(4, date=day(0)), make_pain(7, date=day(0)), make_pain(2, date=day(2)),
            make_activity(10, kind="walk", date=day(0), steps=1200), make_activity(25, kind="exercise", date=day(0)),
            make_activity(5, kind="walk", date=day(1)),
        ])
        series = load_daily_series(profile.journal)
    finally:
        profile.close()
    assert series.start == day(0) and series.end == day(2)
    assert series.pain[0] == pytest.approx(5.5) and np.isnan(series.pain[1]) and series.pain[2] == 2
    assert list(series.ratings) == [2, 0, 1]
    assert list(series.minutes) == [35, 5, 0]
    assert series.steps[0] == 1200 and np.isnan(series.steps[1])


def test_a_rated_day_without_activity_inside_the_activity_span_is_a_rest_day():
    pain = [(day(i), 5.0, 1) for i in range(10)]
    activity = [(day(2), 30, None), (day(6), 20, None)]
    series = daily_series(pain, activity)
    # Before the first and after the last activity entry, activity is unknown; in between, 0 minutes.
    assert list(series.activity_known) == [False, False, True, True, True, True, True, False, False, False]
    assert series.days_with_both == 5


def test_empty_journal_has_no_series():
    assert daily_series([], []) is None


def test_ranges_end_at_the_newest_entry():
    assert range_window("4w", day(0), day(100)) == (day(73), day(100))
    assert range_window("3m", day(0), day(100)) == (day(10), day(100))
    assert range_window("all", day(5), day(100)) == (day(5), day(100))
    assert range_window("1y", day(5), day(100)) == (day(5), day(100))  # never before the first entry
    with pytest.raises(UserError):
        range_window("2w", day(0), day(1))


def test_long_ranges_are_shown_week_by_week():
    rows = [(day(i), 4.0, 1) for i in range(400)]
    series = daily_series(rows, [(day(i), 20, None) for i in range(400)])
    assert progress_view(series, "3m").resolution == "day"
    assert progress_view(series, "1y").resolution == "week"
    year = progress_view(series, "1y")
    assert year.daily.days == 365 and len(year.weekly) in (53, 54)


def test_weekly_series_starts_on_monday_and_averages_daily_means():
    wednesday = day(2)
    pain = [(wednesday + dt.timedelta(days=i), float(i), 1) for i in range(12)]   # Wed .. Sun next week
    activity = [(wednesday + dt.timedelta(days=i), 10 * (i % 2), None) for i in range(12)]
    weekly = weekly_series(daily_series(pain, activity))
    assert weekly.week_starts == (day(0), day(7))
    assert list(weekly.days) == [5, 7]
    assert weekly.pain[0] == pytest.approx(np.mean([0, 1, 2, 3, 4]))
    assert list(weekly.minutes) == [20, 40]
    assert list(weekly.active_days) == [2, 4]
    assert weekly.minutes_per_day[0] == pytest.approx(4.0)


def test_trailing_mean_ignores_missing_days_and_needs_four():
    values = np.array([1, 2, np.nan, 3, 4, 5, 6, 7, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan])
    mean = trailing_mean(values)
    assert np.isnan(mean[2]) and mean[4] == pytest.approx(2.5)
    assert mean[7] == pytest.approx(np.mean([2, 3, 4, 5, 6, 7]))  # the 7 days ending day 7
    assert np.isnan(mean[13])


def _weeks(active_days_per_week, pains):
    pain, activity = [], []
    for w, (active, level) in enumerate(zip(active_days_per_week, pains, strict=True)):
        for d in range(7):
            date = day(7 * w + d)
            pain.append((date, level, 1))
            activity.append((date, 30 if d < active else 0, None))
    return weekly_series(daily_series(pain, activity))


def test_week_comparison_reads_at_a_glance_with_the_number_of_weeks():
    weekly = _weeks([5, 5, 2, 6, 1], [3.0, 3.2, 5.0, 3.1, 4.2])
    c = week_comparison(weekly)
    assert (c.basis, c.active_weeks, c.other_weeks) == ("active_days", 3, 2)
    assert c.active_pain == pytest.approx(3.1) and c.other_pain == pytest.approx(4.6)
    assert describe_week_comparison(c) == ("Weeks with activity on 4 or more days: average pain 3.1 (3 weeks). "
                                           "Other weeks: average pain 4.6 (2 weeks).")


def test_week_comparison_falls_back_to_minutes_when_every_week_was_active():
    pain, activity = [], []
    for w, (minutes, level) in enumerate([(20, 6.0), (40, 5.0), (20, 6.0), (40, 4.0)]):
        for d in range(7):
            pain.append((day(7 * w + d), level, 1))
            activity.append((day(7 * w + d), minutes, None))
    c = week_comparison(weekly_series(daily_series(pain, activity)))
    assert (c.basis, c.active_weeks, c.other_weeks) == ("minutes", 2, 2)
    assert c.active_pain == pytest.approx(4.5) and c.other_pain == pytest.approx(6.0)
    assert "more than 210 minutes" in describe_week_comparison(c)


def test_partial_weeks_and_thinly_rated_weeks_are_left_out():
    partial_first_week = weekly_series(daily_series(
        [(day(i), 3.0, 1) for i in range(3, 14)], [(day(i), 30, None) for i in range(3, 14)]))
    assert week_comparison(partial_first_week).active_weeks == 1
    thin = weekly_series(daily_series([(day(0), 3.0, 1), (day(3), 3.0, 1)], [(day(i), 30, None) for i in range(7)]))
    assert "full week" in describe_week_comparison(week_comparison(thin))


def test_a_comparison_with_one_kind_of_week_says_so():
    c = week_comparison(_weeks([5, 5], [3.0, 5.0]))
    assert c.active_weeks == 2 and not c.comparable
    assert "no weeks of the other kind" in describe_week_comparison(c)


def test_the_pain_average_line_counts_days_before_the_range():
    pain = [(day(i), 2.0 if i < 70 else 6.0, 1) for i in range(100)]
    series = daily_series(pain, [(day(i), 30, None) for i in range(100)])
    view = progress_view(series, "4w")                 # days 72..99
    assert view.pain_average[0] == pytest.approx((4 * 2 + 3 * 6) / 7)   # days 66..72, not just day 72
    assert view.pain_average[-1] == pytest.approx(6.0)
    assert len(view.pain_average) == view.daily.days


def test_describe_change_compares_the_first_and_last_two_weeks():
    from sb_desktop.domain.series import describe_change
    pain = [(day(i), 6.0 if i < 14 else 3.0, 1) for i in range(42)]
    activity = [(day(i), 10 if i < 14 else 40, None) for i in range(42)]
    text = describe_change(progress_view(daily_series(pain, activity), "all"))
    assert "pain went from 6.0 to 3.0" in text and "activity from 10 to 40 minutes a day" in text
    assert describe_change(progress_view(daily_series(pain[:20], activity[:20]), "all")) == ""
