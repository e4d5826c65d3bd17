"""The weekly review's look at the person's own data: this week's pain and activity against the weeks before,
the days they were more active than their usual, and how their back felt on those days (a stored answer)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.measures import QuestionnaireResponse
from sb_desktop.i18n import _

ACTIVE_DAYS_FEEL = "active_days_feel"     # the questionnaire id of the answer, kept with the responses
WEEKS_BEFORE = 4
MIN_DAYS = 2                              # a week's figure needs this many days with it known

BETTER, SAME, SORE_SETTLED, WORSE, NOT_MORE_ACTIVE = "better", "same", "sore_settled", "worse", "not_more_active"
FEEL_ANSWERS = (BETTER, SAME, SORE_SETTLED, WORSE, NOT_MORE_ACTIVE)
_FEEL_SCORES = {BETTER: 1.0, SAME: 0.0, SORE_SETTLED: 0.0, WORSE: -1.0, NOT_MORE_ACTIVE: None}


def feel_labels() -> dict[str, str]:
    return {
        BETTER: _("Better than usual"),
        SAME: _("About the same"),
        SORE_SETTLED: _("A bit sore, but it settled"),
        WORSE: _("Worse, and it stayed worse"),
        NOT_MORE_ACTIVE: _("I was not more active on any day"),
    }


def feel_reply(answer: str) -> str:
    """A short, warm word back on the answer."""
    return {
        BETTER: _("That is worth noticing: being active seems to suit your back."),
        SAME: _("Being more active without your back feeling worse is a good sign."),
        SORE_SETTLED: _("Soreness that settles is expected when you do more. It is not harm, and it usually eases "
                        "as your body gets used to it."),
        WORSE: _("Thank you for saying. Next week, try a smaller step up and spread it over the week. If pain "
                 "keeps getting worse, talk to your GP or physiotherapist."),
        NOT_MORE_ACTIVE: _("That is fine. Some weeks are like that."),
    }[answer]


def make_feel_answer(answer: str, period_start: dt.date, period_end: dt.date, *,
                     active_days: Sequence[dt.date] = ()) -> QuestionnaireResponse:
    if answer not in FEEL_ANSWERS:
        raise ValidationError(_("Choose one of the answers about how your back felt."))
    return QuestionnaireResponse(
        ACTIVE_DAYS_FEEL, period_end,
        {"answer": answer, "period_start": period_start.isoformat(), "period_end": period_end.isoformat(),
         "active_days": [d.isoformat() for d in active_days]},
        _FEEL_SCORES[answer], now_iso())  # type: ignore[arg-type]  # no score for "I was not more active"


@dataclass(frozen=True)
class WeekBlock:
    start: dt.date
    end: dt.date
    pain: float | None            # mean daily pain (day ratings only)
    rated_days: int
    activity: float | None        # mean per day over days with the measure known
    activity_days: int


@dataclass(frozen=True)
class ReviewWeeks:
    measure: str
    this_week: WeekBlock
    before: tuple[WeekBlock, ...]            # oldest first
    more_active_days: tuple[dt.date, ...]    # this week's days above the person's usual (the 28 days before)
    usual: float | None

    @property
    def before_pain(self) -> float | None:
        return _mean([b.pain for b in self.before])

    @property
    def before_activity(self) -> float | None:
        return _mean([b.activity for b in self.before])


def _mean(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def review_weeks(series, start: dt.date, end: dt.date) -> ReviewWeeks:
    """This review's week (start..end) and the WEEKS_BEFORE seven-day blocks before it, from a DailySeries."""
    import numpy as np

    from sb_desktop.domain.series import activity_measure

    measure = activity_measure(series)

    def block(first: dt.date, last: dt.date) -> WeekBlock:
        if series is None:
            return WeekBlock(first, last, None, 0, None, 0)
        part = series.slice(first, last)
        values = part.activity_values(measure)
        rated = int(np.count_nonzero(~np.isnan(part.pain)))
        known = int(np.count_nonzero(~np.isnan(values)))
        return WeekBlock(first, last,
                         round(float(np.nanmean(part.pain)), 1) if rated >= MIN_DAYS else None, rated,
                         round(float(np.nanmean(values)), 0) if known >= MIN_DAYS else None, known)

    before = tuple(block(start - dt.timedelta(days=7 * k), start - dt.timedelta(days=7 * k - 6))
                   for k in range(WEEKS_BEFORE, 0, -1))
    this_week = block(start, end)
    more_active: tuple[dt.date, ...] = ()
    usual = None
    if series is not None:
        history = series.slice(start - dt.timedelta(days=28), start - dt.timedelta(days=1)).activity_values(measure)
        if np.count_nonzero(~np.isnan(history)) >= 7:
            usual = float(np.nanmean(history))
            week = series.slice(start, end)
            values = week.activity_values(measure)
            more_active = tuple(week.start + dt.timedelta(days=int(i))
                                for i in np.flatnonzero(~np.isnan(values) & (values > usual * 1.1)))
    return ReviewWeeks(measure, this_week, before, more_active, usual)


def _amount(measure: str, value: float) -> str:
    return (_("about {n:,.0f} steps a day") if measure == "steps" else _("about {n:.0f} minutes a day")).format(n=value)


def describe_review_weeks(weeks: ReviewWeeks) -> str:
    """This week against the weeks before, in plain words with the figures."""
    w = weeks.this_week
    parts = []
    if w.pain is not None or w.activity is not None:
        bits = []
        if w.pain is not None:
            bits.append(_("average pain {pain:.1f} ({n} days rated)").format(pain=w.pain, n=w.rated_days))
        if w.activity is not None:
            bits.append(_amount(weeks.measure, w.activity))
        parts.append(_("This week: {figures}.").format(figures=_(" and ").join(bits)))
    else:
        parts.append(_("This week does not have enough ratings or activity logged to show figures."))
    before_bits = []
    if weeks.before_pain is not None:
        before_bits.append(_("average pain {pain:.1f}").format(pain=weeks.before_pain))
    if weeks.before_activity is not None:
        before_bits.append(_amount(weeks.measure, weeks.before_activity))
    if before_bits:
        parts.append(_("The {n} weeks before: {figures}.").format(n=WEEKS_BEFORE, figures=_(" and ").join(before_bits)))
    return " ".join(parts)


def active_days_question(weeks: ReviewWeeks) -> str:
    if weeks.more_active_days:
        days = ", ".join(d.strftime("%a %d %b") for d in weeks.more_active_days)
        return _("You were more active than your usual on {days}. How did your back feel on those days?").format(
            days=days)
    return _("On the days you were more active this week, how did your back feel?")
