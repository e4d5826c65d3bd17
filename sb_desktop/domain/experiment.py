"""The self-experiment "Try it and see": weeks in pairs, one higher and one lower target each, the order
within each pair decided at random, then pain compared between the higher and the lower weeks.

Why pairs with a random order: a slow recovery (or a slow worsening) lowers (or raises) pain week after
week. If the higher weeks always came second, that drift alone would look like a result. With the order
of each pair drawn at random, drift favours neither side, and the randomisation test below is exact.

The draw comes from a seed stored with the experiment, so the same experiment always has the same plan
and the same data always gives the same answer. Plain Python: no numpy needed for a handful of weeks.
"""
from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from dataclasses import dataclass

from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _, ngettext

MINUTES, STEPS = "minutes", "steps"
MEASURES = (MINUTES, STEPS)
HIGHER, LOWER = "higher", "lower"
WEEK_CHOICES = (4, 6, 8)
DEFAULT_WEEKS = 4
MAX_DAYS_BACK = 8 * 7          # a diary kept on paper may be entered later
MAX_TARGET = {MINUTES: 24 * 60, STEPS: 200_000}
# A week's figures count with at least this many days of pain ratings and of activity.
MIN_DAYS_PER_WEEK = 3
# The plan counts as followed when, in every pair compared, the higher week was more active than the
# lower one by at least this share of the planned gap between the two targets.
FOLLOWED_SHARE = 0.25

RUNNING, COMPLETE, STOPPED, NONE = "running", "complete", "stopped", "none"

# 95% two-sided t quantiles for the interval around the mean pair difference (no scipy at run time).
_T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365}


def measure_unit(measure: str) -> str:
    return _("minutes a day") if measure == MINUTES else _("steps a day")


@dataclass(frozen=True)
class Experiment:
    measure: str
    lower: int                  # daily target in the lower weeks, in the measure's unit
    higher: int                 # daily target in the higher weeks
    weeks: int
    start: dt.date
    seed: int
    created_at: str = ""
    stopped_on: dt.date | None = None
    id: int | None = None

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def state(self, today: dt.date) -> str:
        if self.stopped_on is not None:
            return STOPPED
        return COMPLETE if today > self.end else RUNNING


@dataclass(frozen=True)
class PlannedWeek:
    week: int                   # 1-based
    start: dt.date
    end: dt.date
    arm: str                    # HIGHER or LOWER
    target: int

    def as_json(self) -> dict:
        return {"week": self.week, "start": self.start.isoformat(), "end": self.end.isoformat(), "arm": self.arm,
                "target": self.target}


def new_seed() -> int:
    """A fresh seed for a new experiment; stored with it, so its plan never changes afterwards."""
    return random.SystemRandom().randrange(1, 2**31)


def make_experiment(measure, lower, higher, *, weeks=DEFAULT_WEEKS, start=None, today: dt.date | None = None,
                    seed: int | None = None) -> Experiment:
    """Validate a plan from the window or the CLI, or raise ValidationError."""
    from sb_desktop.domain.entries import _whole_number, parse_date

    today = today or dt.date.today()
    measure = (measure or "").strip().lower()
    if measure not in MEASURES:
        raise ValidationError(_("Measure '{measure}' is not known; use minutes or steps.").format(measure=measure))
    top = MAX_TARGET[measure]
    lower = _whole_number(lower, _("The lower target"), 0, top)
    higher = _whole_number(higher, _("The higher target"), 1, top)
    if higher <= lower:
        raise ValidationError(_("The higher target ({higher}) must be more than the lower one ({lower}).").format(
            higher=higher, lower=lower))
    weeks = _whole_number(weeks, _("Weeks"), 1, 52)
    if weeks not in WEEK_CHOICES:
        raise ValidationError(_("An experiment runs for 4, 6 or 8 weeks, not {weeks}.").format(weeks=weeks))
    start = parse_date(start) if start not in (None, "") else today
    if start > today:
        raise ValidationError(_("An experiment can start today or in the past, not on {date}.").format(date=start))
    if (today - start).days > MAX_DAYS_BACK:
        raise ValidationError(_("An experiment can start at most 8 weeks ago; {date} is earlier.").format(date=start))
    return Experiment(measure=measure, lower=lower, higher=higher, weeks=weeks, start=start,
                      seed=new_seed() if seed is None else int(seed))


def schedule(experiment: Experiment) -> list[PlannedWeek]:
    """The plan: in each pair of weeks, which one is the higher week is drawn from the stored seed."""
    rng = random.Random(experiment.seed)
    weeks = []
    for pair in range(experiment.weeks // 2):
        higher_first = rng.random() < 0.5
        for position in range(2):
            number = 2 * pair + position + 1
            arm = HIGHER if (position == 0) == higher_first else LOWER
            start = experiment.start + dt.timedelta(days=7 * (number - 1))
            weeks.append(PlannedWeek(week=number, start=start, end=start + dt.timedelta(days=6), arm=arm,
                                     target=experiment.higher if arm == HIGHER else experiment.lower))
    return weeks


def chart_weeks(experiment: Experiment | None) -> list[tuple[dt.date, dt.date, str]]:
    """(start, end, arm) of each planned week up to where it stopped, for the Progress chart's shading."""
    if experiment is None:
        return []
    last = experiment.stopped_on or experiment.end
    return [(w.start, min(w.end, last), w.arm) for w in schedule(experiment) if w.start <= last]


def week_for(experiment: Experiment, date: dt.date) -> PlannedWeek | None:
    for week in schedule(experiment):
        if week.start <= date <= week.end:
            return week
    return None


def experiment_week_text(experiment: Experiment | None, today: dt.date) -> str:
    """This week of a running experiment in plain words, for Today and the weekly review ("" otherwise)."""
    if experiment is None or experiment.state(today) != RUNNING:
        return ""
    week = week_for(experiment, today)
    if week is None:
        return ""
    return _("Try it and see, week {n} of {weeks}: a {arm} week. Aim for about {target:,} {unit}.").format(
        n=week.week, weeks=experiment.weeks, arm=_("higher") if week.arm == HIGHER else _("lower"),
        target=week.target, unit=measure_unit(experiment.measure))


def status_json(experiment: Experiment | None, today: dt.date) -> dict:
    if experiment is None:
        return {"state": NONE, "measure": None, "weeks": None, "schedule": []}
    return {
        "state": experiment.state(today), "measure": experiment.measure, "weeks": experiment.weeks,
        "lower": experiment.lower, "higher": experiment.higher, "start": experiment.start.isoformat(),
        "end": experiment.end.isoformat(),
        "stopped_on": experiment.stopped_on.isoformat() if experiment.stopped_on else None,
        "schedule": [w.as_json() for w in schedule(experiment)],
    }


@dataclass(frozen=True)
class WeekFigures:
    week: PlannedWeek
    pain: float | None          # mean of the week's daily pain ratings (enough rated days), else None
    activity: float | None      # mean per day over days with the measure known, else None
    rated_days: int
    activity_days: int


@dataclass(frozen=True)
class ExperimentResult:
    state: str
    pairs_compared: int
    pain_higher: float | None
    pain_lower: float | None
    difference: float | None    # pain in higher weeks minus pain in lower weeks
    interval: tuple[float | None, float | None]
    p_value: float | None
    activity_higher: float | None
    activity_lower: float | None
    plan_followed: bool
    strength: str
    statement: str
    weeks: tuple[WeekFigures, ...] = ()

    def as_json(self) -> dict:
        return {
            "state": self.state, "pairs_compared": self.pairs_compared, "pain_higher": self.pain_higher,
            "pain_lower": self.pain_lower, "difference": self.difference, "interval": list(self.interval),
            "p_value": self.p_value, "activity_higher": self.activity_higher, "activity_lower": self.activity_lower,
            "plan_followed": self.plan_followed, "strength": self.strength, "statement": self.statement,
        }


def week_figures(experiment: Experiment, series, today: dt.date) -> list[WeekFigures]:
    """Each planned week that has started by `today`, with its pain and activity from a series.DailySeries."""
    import numpy as np

    found = []
    for week in schedule(experiment):
        if week.start > today or (experiment.stopped_on and week.start > experiment.stopped_on):
            break
        pain = activity = None
        rated = known = 0
        if series is not None:
            part = series.slice(week.start, min(week.end, today))
            values = part.activity_values(experiment.measure)
            rated = int(np.count_nonzero(~np.isnan(part.pain)))
            known = int(np.count_nonzero(~np.isnan(values)))
            if rated >= MIN_DAYS_PER_WEEK:
                pain = round(float(np.nanmean(part.pain)), 2)
            if known >= MIN_DAYS_PER_WEEK:
                activity = round(float(np.nanmean(values)), 1)
        found.append(WeekFigures(week, pain, activity, rated, known))
    return found


def exact_sign_flip_p(differences: list[float]) -> float:
    """Two-sided exact randomisation p: among all 2**k ways of swapping which week of each pair was the
    higher one, the share giving a mean difference at least as far from 0 as the one seen."""
    k = len(differences)
    observed = abs(sum(differences))
    hits = 0
    for signs in itertools.product((1, -1), repeat=k):
        if abs(sum(s * d for s, d in zip(signs, differences))) >= observed - 1e-9:
            hits += 1
    return hits / 2**k


def _strength(plan_followed: bool, pairs: int, difference: float, p_value: float) -> str:
    if not plan_followed or pairs < 2:
        return "none"
    if p_value < 0.05 and abs(difference) >= 1.0:
        return "clear"
    if p_value <= 0.125 and abs(difference) >= 1.0:
        return "moderate"
    if p_value <= 0.25 and abs(difference) >= 0.5:
        return "weak"
    return "none"


def analyse_experiment(experiment: Experiment | None, series, today: dt.date | None = None) -> ExperimentResult:
    """Compare pain in the higher and the lower weeks of each pair (only the pairs with enough days)."""
    today = today or dt.date.today()
    if experiment is None:
        return ExperimentResult(NONE, 0, None, None, None, (None, None), None, None, None, False, "none",
                                _("There is no experiment yet. You can plan one on the Progress page."))
    state = experiment.state(today)
    figures = week_figures(experiment, series, today)
    pairs = []
    for first, second in zip(figures[0::2], figures[1::2]):
        higher, lower = (first, second) if first.week.arm == HIGHER else (second, first)
        # A pair counts once both weeks are over (or the last one is as far as the data goes).
        if higher.pain is None or lower.pain is None:
            continue
        pairs.append((higher, lower))
    k = len(pairs)
    planned_gap = experiment.higher - experiment.lower
    activity_pairs = [(h.activity, l.activity) for h, l in pairs if h.activity is not None and l.activity is not None]
    plan_followed = (k > 0 and len(activity_pairs) == k
                     and all(h - l >= FOLLOWED_SHARE * planned_gap for h, l in activity_pairs))

    def mean(values):
        values = [v for v in values if v is not None]
        return round(sum(values) / len(values), 2) if values else None

    if k == 0:
        return ExperimentResult(state, 0, None, None, None, (None, None), None,
                                mean(f.activity for f in figures if f.week.arm == HIGHER),
                                mean(f.activity for f in figures if f.week.arm == LOWER), False, "none",
                                _no_pairs_statement(experiment, state, figures, today), tuple(figures))
    differences = [h.pain - l.pain for h, l in pairs if h.pain is not None and l.pain is not None]
    difference = sum(differences) / k
    interval: tuple[float | None, float | None] = (None, None)
    if k >= 2:
        sd = math.sqrt(sum((d - difference) ** 2 for d in differences) / (k - 1))
        half = _T95.get(k - 1, 1.96) * sd / math.sqrt(k)
        interval = (round(difference - half, 2), round(difference + half, 2))
    p_value = round(exact_sign_flip_p(differences), 4)
    strength = _strength(plan_followed, k, difference, p_value)
    result = dict(
        state=state, pairs_compared=k, pain_higher=mean(h.pain for h, _l in pairs),
        pain_lower=mean(l.pain for _h, l in pairs), difference=round(difference, 2), interval=interval,
        p_value=p_value, activity_higher=mean(h.activity for h, _l in pairs),
        activity_lower=mean(l.activity for _h, l in pairs), plan_followed=plan_followed, strength=strength,
    )
    statement = result_statement(experiment, result, today)
    return ExperimentResult(statement=statement, weeks=tuple(figures), **result)


def _pairs_phrase(k: int) -> str:
    return ngettext("{n} pair of weeks", "{n} pairs of weeks", k).format(n=k)


def _progress_phrase(experiment: Experiment, state: str, today: dt.date) -> str:
    if state == RUNNING:
        week = min(experiment.weeks, (today - experiment.start).days // 7 + 1)
        return _("Your experiment is in week {week} of {weeks}.").format(week=week, weeks=experiment.weeks)
    if state == STOPPED:
        stopped = experiment.stopped_on or today
        return _("You stopped this experiment on {date}.").format(date=stopped.strftime("%d %b %Y"))
    return _("Your {weeks}-week experiment has finished.").format(weeks=experiment.weeks)


def _no_pairs_statement(experiment, state, figures, today) -> str:
    return " ".join((
        _progress_phrase(experiment, state, today),
        _("No pair of weeks can be compared yet: each week needs pain ratings on at least {n} days.").format(
            n=MIN_DAYS_PER_WEEK),
    ))


def result_statement(experiment: Experiment, r: dict, today: dt.date) -> str:
    """Plain words. Same template for good and bad news; never speaks of cause."""
    unit = measure_unit(experiment.measure)
    parts = [_progress_phrase(experiment, r["state"], today)]
    k = r["pairs_compared"]
    if not r["plan_followed"]:
        if r["activity_higher"] is None or r["activity_lower"] is None:
            parts.append(_("Not enough activity was recorded in those weeks to tell whether the higher weeks were "
                           "really more active, so nothing can be concluded yet."))
        else:
            parts.append(_("Your higher weeks were not clearly more active than your lower weeks ({h:,.0f} against "
                           "{l:,.0f} {unit}), so the plan was not followed and nothing can be concluded about "
                           "activity and pain. That happens a lot; you could try again with targets that fit your "
                           "weeks better.").format(h=r["activity_higher"], l=r["activity_lower"], unit=unit))
        return " ".join(parts)
    parts.append(_("Over {pairs}, your pain averaged {ph:.1f} in the higher weeks and {pl:.1f} in the lower "
                   "weeks.").format(pairs=_pairs_phrase(k), ph=r["pain_higher"], pl=r["pain_lower"]))
    strength = r["strength"]
    if strength == "none":
        parts.append(_("That is no clear difference either way."))
    else:
        how = {"weak": _("a first, weak sign"), "moderate": _("a first sign"), "clear": _("a clear sign")}[strength]
        direction = _("lower") if r["difference"] < 0 else _("higher")
        parts.append(_("That is {how} that your pain was {direction} in your more active weeks.").format(
            how=how, direction=direction))
    if k < 5:
        parts.append(_("With only {pairs}, a test like this can suggest, but rarely prove.").format(
            pairs=_pairs_phrase(k)))
    if r["state"] == RUNNING:
        parts.append(_("These are the figures so far; the answer is fairer once every week is done."))
    return " ".join(parts)
