"""Daily and weekly pain/activity series for the Progress page, its chart, table and week comparison.

numpy is imported inside the functions: this module may be imported early, numpy only when used.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sb_desktop.domain.entries import date_in_range
from sb_desktop.domain.errors import UserError
from sb_desktop.i18n import _, ngettext

Array = Any   # a numpy array (numpy is imported where the series is built, never at start-up)

# Range key -> number of days shown (None: everything). The keys are the CLI's --range values.
RANGE_DAYS: dict[str, int | None] = {"4w": 28, "3m": 91, "1y": 365, "all": None}
RANGE_KEYS = tuple(RANGE_DAYS)
# Longer spans are drawn and tabled week by week: easier to read and much faster to draw.
WEEKLY_AFTER_DAYS = 120
# The week comparison: a week counts as "active" with activity on this many days or more.
ACTIVE_DAYS_THRESHOLD = 4
# A week needs this many days with a pain rating for its average to mean something.
MIN_RATED_DAYS_PER_WEEK = 3
# The two ways a day's activity is known.
MINUTES, STEPS = "minutes", "steps"


def range_label(key: str) -> str:
    return {"4w": _("4 weeks"), "3m": _("3 months"), "1y": _("1 year"), "all": _("All")}[key]


@dataclass(frozen=True, eq=False)
class DailySeries:
    """One value per calendar day from `start` to `end` inclusive (numpy arrays, index 0 = start).

    pain: the day's mean rating of the day (ratings taken straight after activity are not in it), NaN when
    there was none; ratings: how many ratings that day.
    minutes: total activity minutes (0 when none was logged); steps: total steps, NaN when no entry had any.
    minutes_known: True where the day's minutes are known. A day with a pain rating but no activity,
    between the first and last minute entries, counts as a rest day (0 minutes); a day whose only activity
    is a step count (a phone or watch) has its steps known, never 0 minutes; days with nothing logged are
    unknown. activity_known: minutes or steps known.
    soreness: the day's mean rating taken straight after activity, NaN when none.
    """

    start: dt.date
    pain: Array
    ratings: Array
    minutes: Array
    steps: Array
    activity_known: Array
    minutes_known: Array = None
    soreness: Array = None

    def __post_init__(self):
        import numpy as np
        if self.minutes_known is None:
            object.__setattr__(self, "minutes_known", np.asarray(self.activity_known, dtype=bool).copy())
        if self.soreness is None:
            object.__setattr__(self, "soreness", np.full(len(self.pain), np.nan))

    def activity_values(self, measure: str):
        """The day's activity in one measure ("minutes" or "steps"), NaN where that measure is unknown."""
        import numpy as np
        if measure == STEPS:
            return self.steps
        return np.where(self.minutes_known, self.minutes, np.nan)

    def days_with(self, measure: str) -> int:
        """Days with both a pain rating and activity in this measure."""
        import numpy as np
        return int(np.count_nonzero(~np.isnan(self.pain) & ~np.isnan(self.activity_values(measure))))

    @property
    def days(self) -> int:
        return len(self.pain)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=max(self.days - 1, 0))

    def dates(self):
        import numpy as np
        return np.datetime64(self.start, "D") + np.arange(self.days)

    def slice(self, start: dt.date, end: dt.date) -> DailySeries:
        """The days from start to end inclusive, clipped to what the series holds."""
        first = max(0, (start - self.start).days)
        last = min(self.days, (end - self.start).days + 1)
        last = max(first, last)
        return DailySeries(
            start=self.start + dt.timedelta(days=first),
            pain=self.pain[first:last], ratings=self.ratings[first:last], minutes=self.minutes[first:last],
            steps=self.steps[first:last], activity_known=self.activity_known[first:last],
            minutes_known=self.minutes_known[first:last], soreness=self.soreness[first:last],
        )

    @property
    def days_with_both(self) -> int:
        import numpy as np
        return int(np.count_nonzero(~np.isnan(self.pain) & self.activity_known))


def daily_series(daily_pain, daily_activity, daily_soreness=()) -> DailySeries | None:
    """Build the daily series from JournalStore.daily_pain(), daily_activity() (and daily_soreness()) rows;
    None when empty."""
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
    minute_logged = np.zeros(days, dtype=bool)
    soreness = np.full(days, np.nan)
    for date, mean, n in daily_pain:
        i = (date - start).days
        pain[i], ratings[i] = mean, n
    minute_days = []
    for date, total, step_total in daily_activity:
        i = (date - start).days
        minutes[i] = total
        if step_total is not None:
            steps[i] = step_total
        # 0 minutes with a step count is a step record (a phone or watch), not a 0-minute day.
        if total > 0 or step_total is None:
            minute_logged[i] = True
            minute_days.append(i)
    for date, mean, _n in daily_soreness:
        i = (date - start).days
        if 0 <= i < days:
            soreness[i] = mean
    minutes_known = minute_logged | ~np.isnan(pain)
    if minute_days:
        minutes_known[:min(minute_days)] = False
        minutes_known[max(minute_days) + 1:] = False
    else:
        minutes_known[:] = False
    known = minutes_known | ~np.isnan(steps)
    return DailySeries(start=start, pain=pain, ratings=ratings, minutes=minutes, steps=steps, activity_known=known,
                       minutes_known=minutes_known, soreness=soreness)


def activity_measure(series: DailySeries | None) -> str:
    """The measure the person has on more days with a pain rating: steps or minutes (minutes on a tie)."""
    if series is None:
        return MINUTES
    return STEPS if series.days_with(STEPS) > series.days_with(MINUTES) else MINUTES


def load_daily_series(journal) -> DailySeries | None:
    """The whole journal as a daily series (three grouped queries)."""
    return daily_series(journal.daily_pain(), journal.daily_activity(), journal.daily_soreness())


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
    step_days / minute_days: days with steps / minutes known; steps_per_day and minutes_per_known_day: the
    mean over those days (NaN when none).
    """

    week_starts: tuple[dt.date, ...]
    days: Array
    pain: Array
    rated_days: Array
    minutes: Array
    minutes_per_day: Array
    active_days: Array
    steps: Array
    step_days: Array = None
    minute_days: Array = None
    steps_per_day: Array = None
    minutes_per_known_day: Array = None

    def activity_per_day(self, measure: str):
        return self.steps_per_day if measure == STEPS else self.minutes_per_known_day

    def activity_days(self, measure: str):
        return self.step_days if measure == STEPS else self.minute_days

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
    minute_days = np.bincount(week_index, weights=daily.minutes_known, minlength=weeks)
    known_minutes = per_week(np.where(daily.minutes_known, daily.minutes, 0.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        pain = np.where(rated_days > 0, pain_sum / rated_days, np.nan)
        per_day = minutes / covered
        steps_per_day = np.where(step_days > 0, steps_sum / step_days, np.nan)
        minutes_per_known_day = np.where(minute_days > 0, known_minutes / minute_days, np.nan)
    first_monday = daily.start - dt.timedelta(days=lead)
    return WeeklySeries(
        week_starts=tuple(first_monday + dt.timedelta(weeks=w) for w in range(weeks)),
        days=covered, pain=pain, rated_days=rated_days.astype(int), minutes=minutes, minutes_per_day=per_day,
        active_days=np.bincount(week_index, weights=daily.minutes > 0, minlength=weeks).astype(int),
        steps=np.where(step_days > 0, steps_sum, np.nan),
        step_days=step_days.astype(int), minute_days=minute_days.astype(int), steps_per_day=steps_per_day,
        minutes_per_known_day=minutes_per_known_day,
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
    pain_average: Array
    measure: str = MINUTES     # the activity measure the person has on more days (activity_measure)

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
                        weekly=weekly, pain_average=pain_average, measure=activity_measure(series))


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
        threshold: float = int(c.threshold)
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

    measure = view.measure
    known = daily.activity_values(measure)
    pain = (mean(daily.pain, first), mean(daily.pain, last))
    activity = (mean(known, first), mean(known, last))
    parts = []
    if None not in pain:
        parts.append(_("pain went from {before:.1f} to {after:.1f} on average").format(before=pain[0], after=pain[1]))
    if None not in activity:
        template = (_("activity from {before:,.0f} to {after:,.0f} steps a day") if measure == STEPS
                    else _("activity from {before:.0f} to {after:.0f} minutes a day"))
        parts.append(template.format(before=activity[0], after=activity[1]))
    if not parts:
        return ""
    return _("From the first two weeks shown to the last two: {changes}.").format(changes=_(", ").join(parts))


# --- the weeks view: more active weeks against the person's own usual at the time ---

USUAL_WEEKS = 4            # a week's "usual" comes from up to 4 usable weeks before it and 4 after it
MIN_USUAL_WEEKS = 3        # fewer usable weeks than this around a week: it is left out


@dataclass(frozen=True)
class WeekRow:
    start: dt.date
    pain: float
    activity: float            # per day, in the view's measure
    usual: float               # the person's usual activity at the time (from the weeks around it)
    active: bool               # more active than usual


@dataclass(frozen=True)
class WeeksView:
    """Average pain in weeks more active than the person's own usual at the time, and in the other weeks.

    Descriptive only: each week is sorted by its activity against the weeks around it (so a slow shared
    trend does not put all the active weeks at one end) and nothing is said about one leading to the other.
    """

    measure: str
    start: dt.date | None
    end: dt.date | None
    rows: tuple[WeekRow, ...]
    active_weeks: int
    active_pain: float | None
    active_activity: float | None
    other_weeks: int
    other_pain: float | None
    other_activity: float | None
    statement: str

    @property
    def comparable(self) -> bool:
        return self.active_weeks > 0 and self.other_weeks > 0

    def as_json(self) -> dict:
        return {
            "measure": self.measure, "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "active_weeks": self.active_weeks, "active_pain": self.active_pain,
            "active_activity": self.active_activity, "other_weeks": self.other_weeks, "other_pain": self.other_pain,
            "other_activity": self.other_activity, "statement": self.statement,
        }


def weeks_view(series: DailySeries | None, start: dt.date | None = None, end: dt.date | None = None,
               measure: str | None = None) -> WeeksView:
    """The weeks view for the complete weeks between start and end (default: the whole series).

    A week is usable with pain ratings on MIN_RATED_DAYS_PER_WEEK days and the measure known on as many."""
    import numpy as np

    measure = measure or activity_measure(series)
    if series is None:
        return _weeks_view(measure, start, end, ())
    weekly = weekly_series(series)
    activity = weekly.activity_per_day(measure)
    usable = ((weekly.days == 7) & (weekly.rated_days >= MIN_RATED_DAYS_PER_WEEK)
              & (weekly.activity_days(measure) >= MIN_RATED_DAYS_PER_WEEK))
    index = np.flatnonzero(usable)
    usual, enough = _usual_activity(index, activity[index])
    lo_date = start or series.start
    hi_date = end or series.end
    rows = []
    for position, w in enumerate(index.tolist()):
        week_start = weekly.week_starts[w]
        if not enough[position] or week_start < lo_date or week_start + dt.timedelta(days=6) > hi_date:
            continue
        value = float(activity[w])
        rows.append(WeekRow(week_start, float(weekly.pain[w]), value, float(usual[position]),
                            value > usual[position]))
    return _weeks_view(measure, start, end, tuple(rows))


def _usual_activity(index, values):
    """Each usable week's usual: from up to USUAL_WEEKS usable weeks before it and as many after (never
    itself), the least-squares straight line through them read at this week. In the middle of a span that
    is their mean; at either end it follows a steady rise or fall, so a slow recovery does not make the
    latest weeks all look "more active". Returns (usual, enough neighbours) per usable week."""
    import numpy as np

    n = len(index)
    offsets = np.array([k for k in range(-USUAL_WEEKS, USUAL_WEEKS + 1) if k != 0])
    neighbour = np.arange(n)[:, None] + offsets[None, :]
    valid = (neighbour >= 0) & (neighbour < n)
    safe = np.clip(neighbour, 0, max(n - 1, 0))
    x = np.where(valid, index[safe] if n else 0, 0).astype(float)
    y = np.where(valid, values[safe] if n else 0, 0.0)
    count = valid.sum(axis=1)
    enough = count >= MIN_USUAL_WEEKS
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean = x.sum(axis=1) / count
        y_mean = y.sum(axis=1) / count
        dx = np.where(valid, x - x_mean[:, None], 0.0)
        dy = np.where(valid, y - y_mean[:, None], 0.0)
        spread = (dx * dx).sum(axis=1)
        slope = np.where(spread > 0, (dx * dy).sum(axis=1) / np.where(spread > 0, spread, 1.0), 0.0)
        usual = y_mean + slope * (index - x_mean)
    return usual, enough


def _weeks_view(measure, start, end, rows) -> WeeksView:
    def mean(values, digits):
        return round(sum(values) / len(values), digits) if values else None

    active = [r for r in rows if r.active]
    other = [r for r in rows if not r.active]
    figures = dict(
        active_weeks=len(active), active_pain=mean([r.pain for r in active], 1),
        active_activity=mean([r.activity for r in active], 0), other_weeks=len(other),
        other_pain=mean([r.pain for r in other], 1), other_activity=mean([r.activity for r in other], 0),
    )
    return WeeksView(measure=measure, start=start, end=end, rows=rows, statement=describe_weeks(measure, **figures),
                     **figures)


def describe_weeks(measure: str, *, active_weeks, active_pain, active_activity, other_weeks, other_pain,
                   other_activity) -> str:
    """The weeks view in plain sentences, with the number of weeks behind each figure."""
    def weeks(n):
        return ngettext("{n} week", "{n} weeks", n).format(n=n)

    def amount(value):
        return (_("{n:,.0f} steps a day") if measure == STEPS else _("{n:.0f} minutes a day")).format(n=value)

    if active_weeks + other_weeks == 0:
        return _("The weeks view needs full weeks with pain ratings and activity on at least {days} days each, "
                 "and a few weeks around them to know your usual. Keep going, and it will appear here.").format(
            days=MIN_RATED_DAYS_PER_WEEK)
    parts = []
    if active_weeks:
        parts.append(_("Weeks when you were more active than your usual at the time ({activity} on average): "
                       "average pain {pain:.1f} ({weeks}).").format(
            activity=amount(active_activity), pain=active_pain, weeks=weeks(active_weeks)))
    if other_weeks:
        parts.append(_("Your other weeks ({activity} on average): average pain {pain:.1f} ({weeks}).").format(
            activity=amount(other_activity), pain=other_pain, weeks=weeks(other_weeks)))
    if not (active_weeks and other_weeks):
        parts.append(_("There are no weeks of the other kind yet to compare with."))
    parts.append(_("This describes your weeks; it does not show that one leads to the other."))
    return " ".join(parts)
