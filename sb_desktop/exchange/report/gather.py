"""Read everything the appointment summary needs from an open profile, on the calling thread.

The PDF is drawn later, possibly on a worker thread, from the plain ReportData this returns; the
database is only touched here.
"""
from __future__ import annotations

import datetime as dt
import math

from sb_desktop.domain.clinic_config import clinic_contact_lines
from sb_desktop.domain.errors import UserError
from sb_desktop.exchange.report.data import (
    DayValues,
    GoalRow,
    PsfsData,
    PsfsRow,
    RedFlagAnswer,
    ReportData,
    ReviewRow,
    SafetyCheckRow,
    SessionRow,
    WeekRow,
)
from sb_desktop.i18n import _

DEFAULT_WEEKS = 6


def default_range(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    """Missing ends default to today and to six weeks (the programme's length) before the end."""
    end = end or dt.date.today()
    start = start or end - dt.timedelta(weeks=DEFAULT_WEEKS) + dt.timedelta(days=1)
    return start, end


def gather_report_data(profile, start: dt.date, end: dt.date, *, now: dt.datetime | None = None,
                       clinic=None) -> ReportData:
    days, weeks, comparison, view = _journal_part(profile.journal, start, end)
    link = link_part(profile, start, end)
    goals = goal_rows(profile, start, end)
    missing = []
    try:
        sessions = session_rows(profile)
    except UserError as error:      # e.g. a clinic's content pack was removed: say so, print the rest
        sessions = ()
        missing.append(_("Session progress could not be read: {reason}").format(reason=error))
    return ReportData(
        person=profile.name,
        start=start,
        end=end,
        generated_at=now or dt.datetime.now().astimezone(),
        days=days,
        weeks=weeks,
        week_comparison=comparison,
        goals=goals,
        psfs=psfs_data(profile, start, end),
        safety_checks=safety_rows(profile, start, end),
        sessions=sessions,
        chart_view=view,
        chart_markers=_markers(goals, sessions, start, end),
        missing=tuple(missing),
        flare_plan=flare_plan(profile),
        **link,
        open_escalation=open_escalation_row(profile),
        clinic_contact=tuple(clinic_contact_lines(clinic)),
        chair_stands=chair_stand_rows(profile, start, end),
    )


def link_part(profile, start: dt.date, end: dt.date) -> dict:
    """The insights (over the journal up to `end`), the weeks view for the range and any experiment in it."""
    from sb_desktop.domain.experiment import analyse_experiment, chart_weeks, measure_unit
    from sb_desktop.domain.insights import analyse
    from sb_desktop.domain.series import daily_series, weeks_view

    journal = profile.journal
    series = daily_series(journal.daily_pain(None, end), journal.daily_activity(None, end),
                          journal.daily_soreness(None, end))
    report = analyse(series)
    found = dict(insight_summary=report.summary, insight_statements=tuple(f.statement for f in report.findings),
                 insight_caveats=report.caveats, weeks_view=weeks_view(series, start, end))
    experiment = profile.experiments.current()
    if experiment is not None and experiment.start <= end and experiment.end >= start:
        result = analyse_experiment(experiment, series, min(end, dt.date.today()))
        numbers = []
        if result.pairs_compared:
            unit = measure_unit(experiment.measure)
            numbers.append(_("Pairs of weeks compared: {n}. Pain {h:.1f} in higher weeks, {l:.1f} in lower weeks "
                             "(difference {d:+.1f}).").format(n=result.pairs_compared, h=result.pain_higher,
                                                              l=result.pain_lower, d=result.difference))
            if result.activity_higher is not None and result.activity_lower is not None:
                numbers.append(_("Activity {h:,.0f} and {l:,.0f} {unit}.").format(
                    h=result.activity_higher, l=result.activity_lower, unit=unit))
            low, high = result.interval
            if low is not None:
                numbers.append(_("Likely range of the difference {low:+.1f} to {high:+.1f}; p = {p:.3f} (exact, "
                                 "over every swap of the weeks in each pair).").format(low=low, high=high,
                                                                                     p=result.p_value))
        found.update(experiment_statement=result.statement, experiment_numbers=tuple(numbers),
                     experiment_weeks=tuple(chart_weeks(experiment)))
    return found


def chair_stand_rows(profile, start: dt.date, end: dt.date) -> tuple[tuple[dt.date, int, bool], ...]:
    from sb_desktop.domain.chair_stand import CHAIR_STAND, chair_stand_history
    history = chair_stand_history(profile.measures.responses(CHAIR_STAND))
    return tuple((r.date, r.stands, r.stopped_early) for r in history if start <= r.date <= end)


def open_escalation_row(profile):
    """The open escalation, if any (whatever the report's dates: it matters now)."""
    from sb_desktop.domain.safety import NOT_YET, advice_for, question_by_id
    from sb_desktop.exchange.report.data import OpenEscalationRow
    escalation = profile.safety.open_escalation()
    if escalation is None:
        return None
    update = escalation.last_update
    last = ""
    if update is not None and update.kind == NOT_YET:
        try:
            when = dt.datetime.fromisoformat(update.at).strftime("%d %b %Y %H:%M")
        except ValueError:
            when = update.at
        last = _("On {when} the person recorded that they had not been checked yet.").format(when=when)
    return OpenEscalationRow(level=escalation.level, advice_title=advice_for(escalation.level).title,
                             since=escalation.opened_at,
                             questions=tuple(question_by_id(q).text for q in escalation.question_ids),
                             last_update=last)


def _journal_part(journal, start, end):
    from sb_desktop.domain.series import (
        daily_series,
        describe_week_comparison,
        progress_view,
        week_comparison,
        week_comparison_text,
        weekly_series,
    )
    series = daily_series(journal.daily_pain(start, end), journal.daily_activity(start, end),
                          journal.daily_soreness(start, end))
    if series is None:
        return (), (), week_comparison_text(None), None
    daily = series.slice(start, end)
    days = tuple(
        DayValues(date=daily.start + dt.timedelta(days=i),
                  pain=None if math.isnan(daily.pain[i]) else round(float(daily.pain[i]), 1),
                  minutes=int(daily.minutes[i]),
                  steps=None if math.isnan(daily.steps[i]) else int(daily.steps[i]))
        for i in range(daily.days)
    )
    weekly = weekly_series(daily)
    weeks = tuple(
        WeekRow(start=weekly.week_starts[w], days_covered=int(weekly.days[w]),
                pain=None if math.isnan(weekly.pain[w]) else round(float(weekly.pain[w]), 1),
                rated_days=int(weekly.rated_days[w]), active_days=int(weekly.active_days[w]),
                minutes=int(weekly.minutes[w]),
                steps_per_day=None if math.isnan(weekly.steps[w]) else int(round(weekly.steps[w] / weekly.days[w])))
        for w in range(len(weekly))
    )
    # The series holds only the chosen range, so the Progress page's "all" view of it is exactly the
    # range (from its first to its last entry), drawn day by day or week by week as the page would.
    view = progress_view(series, "all")
    return days, weeks, describe_week_comparison(week_comparison(weekly)), view


def _markers(goals, sessions, start, end) -> tuple:
    markers = [(s.finished_on, _("Session {n}").format(n=s.number), "session")
               for s in sessions if _in_range(s.finished_on, start, end)]
    markers += [(g.start, _("New goal"), "goal") for g in goals if _in_range(g.start, start, end)]
    # One line per day: labels of events on the same day are joined instead of printed over each other.
    by_day: dict = {}
    for day, label, kind in sorted(markers):
        if day in by_day:
            by_day[day] = (day, by_day[day][1] + " · " + label, by_day[day][2])
        else:
            by_day[day] = (day, label, kind)
    return tuple(by_day[day] for day in sorted(by_day))


# --- Other features' stores (goals, questionnaires, safety, sessions): read-only here. ---

def questionnaire_responses(profile) -> list:
    return profile.measures.responses()


def _in_range(day: dt.date | None, start, end) -> bool:
    return day is not None and (start is None or day >= start) and (end is None or day <= end)


def goal_rows(profile, start, end) -> tuple[GoalRow, ...]:
    """Goals active at any time in the range (oldest first), each with the reviews made in the range."""
    from sb_desktop.domain.review import decision_label, result_label
    store = profile.goals
    reviews_by_goal: dict[int, list] = {}
    for review in store.reviews():
        if _in_range(review.period_end, start, end):
            reviews_by_goal.setdefault(review.goal_id, []).append(review)
    rows = []
    for goal in sorted(store.goals(), key=lambda g: (g.start_date, g.id or 0)):
        if goal.start_date > end or (goal.end_date is not None and goal.end_date < start):
            continue
        reviews = sorted(reviews_by_goal.get(goal.id, []), key=lambda r: (r.period_end, r.id or 0))
        rows.append(GoalRow(
            description=goal.describe(), start=goal.start_date, end=goal.end_date,
            reviews=tuple(ReviewRow(date=r.period_end, result=_label(result_label, r.result),
                                    decision=_label(decision_label, r.decision),
                                    note=r.barrier_note) for r in reviews)))
    return tuple(rows)


def _label(labeller, key: str) -> str:
    try:
        return labeller(key)
    except KeyError:
        return key or ""


def psfs_data(profile, start, end) -> PsfsData | None:
    """PSFS ratings in the range: one column per completed PSFS, one row per activity ever rated."""
    from sb_desktop.domain.measures import PSFS
    responses = [r for r in questionnaire_responses(profile)
                 if r.questionnaire == PSFS and _in_range(r.date, start, end)]
    if not responses:
        return None
    activities: list[str] = []
    for response in responses:
        for item in response.answers.get("items", ()):
            if item["activity"] not in activities:
                activities.append(item["activity"])
    rows = []
    for activity in activities:
        scores = []
        for response in responses:
            found = [item["score"] for item in response.answers.get("items", ()) if item["activity"] == activity]
            scores.append(int(found[0]) if found else None)
        rows.append(PsfsRow(activity=activity, scores=tuple(scores)))
    return PsfsData(dates=tuple(r.date for r in responses), rows=tuple(rows),
                    totals=tuple(float(r.score) for r in responses))


def safety_rows(profile, start, end) -> tuple[SafetyCheckRow, ...]:
    """Red-flag checks started in the range, oldest first, with every "yes" answer and when it was given."""
    from sb_desktop.domain.safety import NONE, advice_for, question_by_id
    rows = []
    for check in sorted(profile.safety.checks(), key=lambda c: (c.started_at, c.id or 0)):
        day = _local_day(check.started_at)
        if not _in_range(day, start, end):
            continue
        yes = []
        for question_id, answer in check.answers.items():
            if not answer.get("yes"):
                continue
            try:
                text = question_by_id(question_id).text
            except KeyError:
                text = question_id
            yes.append(RedFlagAnswer(answered_at=answer.get("at") or check.started_at, question=text, yes=True))
        advice = advice_for(check.escalation) if check.escalation != NONE else None
        rows.append(SafetyCheckRow(date=day, context=check.context, yes_answers=tuple(yes),
                                   questions_answered=len(check.answers),
                                   escalation=advice.title if advice else ""))
    return tuple(rows)


def _local_day(stamp: str | None) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(stamp).date()
    except (TypeError, ValueError):
        return None


def session_rows(profile) -> tuple[SessionRow, ...]:
    """Each session of the active content pack with the day it was finished (None when not yet)."""
    from sb_desktop.content import active_pack_id, find_pack, load_pack, user_packs_allowed
    from sb_desktop.domain.clinic_config import load_clinic_config
    pack_id = active_pack_id(profile.settings)
    data_dir = profile.info.folder.parent.parent      # <data dir>/profiles/<profile>
    pack = load_pack(find_pack(pack_id, data_dir, allow_user_packs=user_packs_allowed(load_clinic_config())))
    progress = profile.sessions(pack.id).progress()
    rows = []
    for session in sorted(pack.sessions, key=lambda s: s.number):
        stored = progress.get(session.id)
        rows.append(SessionRow(number=session.number, title=session.title,
                               finished_on=_local_day(stored.finished_at) if stored else None))
    return tuple(rows)


def flare_plan(profile) -> tuple[tuple[str, str], ...]:
    plan = profile.flare_plan.get()
    if plan.is_empty:
        return ()
    parts = ((_("What helps me"), plan.helps), (_("What to avoid"), plan.avoid),
             (_("Who to contact"), plan.contacts), (_("When to get help"), plan.get_help))
    return tuple((title, text.strip()) for title, text in parts if text.strip())
