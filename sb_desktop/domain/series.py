"""Daily and weekly pain/activity series for the Progress page, its chart, table and week comparison.

numpy is imported inside the functions: this module may be imported early, numpy only when used.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sb_desktop.domain.entries import date_in_range
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext

# Range key -> number of days shown (None: everything). The keys are the CLI's --range values.
RANGE_DAYS: dict[str, int | None] = {"4w": 28, "3m": 91, "1y": 365, "all": None}
RANGE_KEYS = tuple(RANGE_DAYS)
# Longer spans are drawn and tabled week by week: easier to read and much faster to draw.
WEEKLY_AFTER_DAYS = 120
# The week comparison: a week counts as "active" with activity on this many days or more.
ACTIVE_DAYS_THRESHOLD = 4
# A week needs this many days with a pain rating for its average to mean something.
MIN_RATED_DAYS_PER_WEEK = 3


def range_label(key: str) -> str:
    return {"4w": _("4 weeks"), "3m": _("3 months"), "1y": _("1 year"), "all": _("All")}[key]


@dataclass(frozen=True, eq=False)
class DailySeries:
    """One value per calendar day from `start` to `end` inclusive (numpy arrays, index 0 = start).

    pain: the day's mean rating, NaN when there was none; ratings: how many ratings that day.
    minutes: total activity minutes (0 when none was logged); steps: total steps, NaN when no entry had any.
    activity_known: True where the day's activity is known. A day with a pain rating but no activity,
    between the first and last activity entries, counts as a rest day (0 minutes); days with nothing
    logged at all are unknown.
    """

    start: dt.date
    pain: object
    ratings: object
    minutes: object
    steps: object
    activity_known: object

    @property
    def days(self) -> int:
        return len(self.pain)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=max(self.days - 1, 0))

    def dates(self):
        import numpy as np
        return np.datetime64(self.start, "D") + np.arange(self.days)

    def slice(self, start: dt.date, end: dt.date) -> "DailySeries":
        """The days from start to end inclusive, clipped to what the series holds."""
        first = max(0, (start - self.start).days)
        last = min(self.days, (end - self.start).days + 1)
        last = max(first, last)
        return DailySeries(
            start=self.start + dt.timedelta(days=first),
            pain=self.pain[first:last], ratings=self.ratings[first:last], minutes=self.minutes[first:last],
            steps=self.steps[first:last], activity_known=self.activity_known[first:last],
        )

    @property
    def days_with_both(self) -> int:
        import numpy as np
        return int(np.count_nonzero(~np.isnan(self.pain) & self.activity_known))


def daily_series(daily_pain, daily_activity) -> DailySeries | None:
    """Build the daily series from JournalStore.daily_pain() and daily_activity() rows; None when empty."""
    import numpy as np

    # A date outside the journal's range (stored by a version that did not check imported dates) would make
    # the series millions of days long and the chart's date axis fail: such rows are left out of it.
    daily_pain = [row for row in daily_pain if date_in_range(row[0])]
    daily_activity = [row for row in daily_activity if date_in_range(row[0])]
    dates = [d for d, *_rest in daily_pain] + [d for d, *_rest in daily_activity]
    if not dates:
        return None
    start, end = min(dates), max(dates)
    days = (end - start).days + 1
    pain = np.full(days, np.nan)
    ratings = np.zeros(days, dtype=np.int64)
    minutes = np.zeros(days)
    steps = np.full(days, np.nan)
    logged = np.zeros(days, dtype=bool)
    for date, mean, n in daily_pain:
        i = (date - start).days
        pain[i], ratings[i] = mean, n
    for date, total, step_total in daily_activity:
        i = (date - start).days
        minutes[i] = total
        logged[i] = True
        if step_total is not None:
            steps[i] = step_total
    known = logged | ~np.isnan(pain)
    if daily_activity:
        first = (daily_activity[0][0] - start).days
        last = (daily_activity[-1][0] - start).days
        known[:first] = False
        known[last + 1:] = False
    else:
        known[:] = False
    return DailySeries(start=start, pain=pain, ratings=ratings, minutes=minutes, steps=steps, activity_known=known)


def load_daily_series(journal) -> DailySeries | None:
    """The whole journal as a daily series (two grouped queries)."""
    return daily_series(journal.daily_pain(), journal.daily_activity())


def range_window(key: str, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a range shows: the last N days up to the newest entry (from the first entry at the earliest)."""
    if key not in RANGE_DAYS:
        raise UserError(_("Unknown range '{key}': use one of {keys}.").format(key=key, keys=", ".join(RANGE_KEYS)))
    days = RANGE_DAYS[key]
    if days is None:
        return first, last
    # Never before the first entry: a year's axis for a month's data would be mostly empty.
    return max(first, last - dt.timedelta(days=days - 1)), last


def window_mean(values, before: int, after: int, min_count: int):
    """For each day, the mean of the known (non-NaN) values from `before` days earlier to `after` days later;
    NaN where fewer than `min_count` are known."""
    import numpy as np

    present = ~np.isnan(values)
    sums = np.concatenate(([0.0], np.cumsum(np.where(present, values, 0.0))))
    counts = np.concatenate(([0], np.cumsum(present)))
    index = np.arange(len(values))
    lo = np.clip(index - before, 0, len(values))
    hi = np.clip(index + after + 1, 0, len(values))
    n = counts[hi] - counts[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums[hi] - sums[lo]) / n
    mean[n < min_count] = np.nan
    return mean


def trailing_mean(values, window: int = 7, min_count: int = 4):
    """Mean of the last `window` days ending each day, ignoring missing days; NaN with fewer than min_count."""
    return window_mean(values, window - 1, 0, min_count)


@dataclass(frozen=True, eq=False)
class WeeklySeries:
    """One row per calendar week (Monday first) overlapping the daily series.

    days: how many of the week's 7 days the series covers; pain: mean of the daily means (NaN if no
    rating); rated_days: days with a rating; minutes: total; minutes_per_day: total / days covered;
    active_days: days with any activity; steps: total steps (NaN when none recorded).
    """

    week_starts: tuple[dt.date, ...]
    days: object
    pain: object
    rated_days: object
    minutes: object
    minutes_per_day: object
    active_days: object
    steps: object

    def __len__(self) -> int:
        return len(self.week_starts)

    def dates(self):
        import numpy as np
        return np.array(self.week_starts, dtype="datetime64[D]")


def weekly_series(daily: DailySeries) -> WeeklySeries:
    import numpy as np

    lead = daily.start.weekday()  # days of the first week before the series starts
    week_index = (np.arange(daily.days) + lead) // 7
    weeks = int(week_index[-1]) + 1 if daily.days else 0

    def per_week(values):
        return np.bincount(week_index, weights=values, minlength=weeks)

    covered = np.bincount(week_index, minlength=weeks)
    rated = ~np.isnan(daily.pain)
    rated_days = np.bincount(week_index, weights=rated, minlength=weeks)
    pain_sum = per_week(np.where(rated, daily.pain, 0.0))
    has_steps = ~np.isnan(daily.steps)
    steps_sum = per_week(np.where(has_steps, daily.steps, 0.0))
    step_days = np.bincount(week_index, weights=has_steps, minlength=weeks)
    minutes = per_week(daily.minutes)
    with np.errstate(invalid="ignore", divide="ignore"):
        pain = np.where(rated_days > 0, pain_sum / rated_days, np.nan)
        per_day = minutes / covered
    first_monday = daily.start - dt.timedelta(days=lead)
    return WeeklySeries(
        week_starts=tuple(first_monday + dt.timedelta(weeks=w) for w in range(weeks)),
        days=covered, pain=pain, rated_days=rated_days.astype(int), minutes=minutes, minutes_per_day=per_day,
        active_days=np.bincount(week_index, weights=daily.minutes > 0, minlength=weeks).astype(int),
        steps=np.where(step_days > 0, steps_sum, np.nan),
    )


@dataclass(frozen=True, eq=False)
class ProgressView:
    """What the chart and the table show for one range: daily values, or weekly ones for long spans."""

    range_key: str
    start: dt.date
    end: dt.date
    resolution: str            # "day" or "week"
    daily: DailySeries
    weekly: WeeklySeries
    # Pain averaged over the 7 days (daily resolution) or 28 days (weekly) up to each day or week's end,
    # counting days before the range too, so the line starts at the left edge.
    pain_average: object

    @property
    def weekly_resolution(self) -> bool:
        return self.resolution == "week"


def progress_view(series: DailySeries, range_key: str) -> ProgressView:
    start, end = range_window(range_key, series.start, series.end)
    import numpy as np

    daily = series.slice(start, end)
    weekly = weekly_series(daily)
    first = (daily.start - series.start).days
    if (end - start).days + 1 > WEEKLY_AFTER_DAYS:
        resolution = "week"
        average = trailing_mean(series.pain, window=28, min_count=8)
        week_ends = first + np.cumsum(weekly.days) - 1       # index of each week's last shown day
        pain_average = average[week_ends]
    else:
        resolution = "day"
        pain_average = trailing_mean(series.pain, window=7, min_count=4)[first:first + daily.days]
    return ProgressView(range_key=range_key, start=start, end=end, resolution=resolution, daily=daily,
                        weekly=weekly, pain_average=pain_average)


def span_text(view: ProgressView) -> str:
    """The dates a view covers, e.g. "27 Aug 2026 to 25 Nov 2026"."""
    return _("{start} to {end}").format(start=view.start.strftime("%d %b %Y"), end=view.end.strftime("%d %b %Y"))


@dataclass(frozen=True)
class WeekComparison:
    """Average pain in more active weeks versus the other weeks (complete weeks with enough ratings only).

    basis "active_days": more active = activity on `threshold` or more days. When every week falls on one
    side of that line, basis "minutes": more active = more total minutes than `threshold` (the median week).
    """

    basis: str
    threshold: float
    active_pain: float | None
    active_weeks: int
    other_pain: float | None
    other_weeks: int

    @property
    def comparable(self) -> bool:
        return self.active_weeks > 0 and self.other_weeks > 0


def week_comparison(weekly: WeeklySeries, threshold: int = ACTIVE_DAYS_THRESHOLD,
                    min_rated_days: int = MIN_RATED_DAYS_PER_WEEK) -> WeekComparison:
    import numpy as np

    usable = (weekly.days == 7) & (weekly.rated_days >= min_rated_days)

    def compare(basis, cut, active):
        active = usable & active
        other = usable & ~active

        def mean(mask):
            return round(float(np.mean(weekly.pain[mask])), 1) if mask.any() else None

        return WeekComparison(basis=basis, threshold=cut, active_pain=mean(active), active_weeks=int(active.sum()),
                              other_pain=mean(other), other_weeks=int(other.sum()))

    by_days = compare("active_days", threshold, weekly.active_days >= threshold)
    if by_days.comparable or usable.sum() < 2:
        return by_days
    median = float(np.median(weekly.minutes[usable]))
    by_minutes = compare("minutes", round(median), weekly.minutes > median)
    return by_minutes if by_minutes.comparable else by_days


def describe_week_comparison(c: WeekComparison) -> str:
    """The comparison in plain sentences, always with the number of weeks behind each figure."""
    def weeks(n):
        return ngettext("{n} week", "{n} weeks", n).format(n=n)

    if c.active_weeks == 0 and c.other_weeks == 0:
        return _("Once you have a full week with at least {days} days of pain ratings, this compares your more "
                 "active weeks with the others.").format(days=MIN_RATED_DAYS_PER_WEEK)
    if c.basis == "minutes":
        active = _("Weeks with more than {k} minutes of activity: average pain {pain} ({weeks}).")
        threshold = int(c.threshold)
    else:
        active = _("Weeks with activity on {k} or more days: average pain {pain} ({weeks}).")
        threshold = c.threshold
    other = _("Other weeks: average pain {pain} ({weeks}).")
    parts = []
    if c.active_weeks:
        parts.append(active.format(k=threshold, pain=f"{c.active_pain:.1f}", weeks=weeks(c.active_weeks)))
    if c.other_weeks:
        parts.append(other.format(pain=f"{c.other_pain:.1f}", weeks=weeks(c.other_weeks)))
    if not c.comparable:
        parts.append(_("There are no weeks of the other kind yet to compare with."))
    return " ".join(parts)


def week_comparison_text(series: DailySeries | None) -> str:
    """The week-by-week comparison over the whole journal, in words."""
    if series is None:
        return describe_week_comparison(WeekComparison("active_days", ACTIVE_DAYS_THRESHOLD, None, 0, None, 0))
    return describe_week_comparison(week_comparison(weekly_series(series)))


def describe_change(view: ProgressView) -> str:
    """How pain and activity moved across the shown span: its first two weeks against its last two."""
    import numpy as np

    daily = view.daily
    if daily.days < 28:
        return ""
    first, last = slice(0, 14), slice(daily.days - 14, daily.days)

    def mean(values, part):
        chunk = values[part]
        chunk = chunk[~np.isnan(chunk)]
        return float(np.mean(chunk)) if len(chunk) >= 4 else None

    known_minutes = np.where(daily.activity_known | (daily.minutes > 0), daily.minutes, np.nan)
    pain = (mean(daily.pain, first), mean(daily.pain, last))
    minutes = (mean(known_minutes, first), mean(known_minutes, last))
    parts = []
    if None not in pain:
        parts.append(_("pain went from {before:.1f} to {after:.1f} on average").format(before=pain[0], after=pain[1]))
    if None not in minutes:
        parts.append(_("activity from {before:.0f} to {after:.0f} minutes a day").format(
            before=minutes[0], after=minutes[1]))
    if not parts:
        return ""
    return _("From the first two weeks shown to the last two: {changes}.").format(changes=_(", ").join(parts))
