"""Commands over goals and measures: `goals` shows the current goal, this week's progress and what is next;
`goals set` starts a new goal (ending the current one), as the goal window does."""
from __future__ import annotations

import json
import sys

from sb_desktop.domain.chair_stand import CHAIR_STAND, chair_stand_history
from sb_desktop.domain.entries import parse_date
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import (
    EXERCISES,
    ROUTINE,
    WALKING,
    WEEKDAY_KEYS,
    allowed_goal_levels,
    lowered,
    make_goal,
    routine_progress_text,
)
from sb_desktop.domain.measures import GROC, STARTBACK
from sb_desktop.domain.review import result_label
from sb_desktop.domain.tailoring import ABOUT_YOU, read_about_you, startback_explanation
from sb_desktop.i18n import _


def register(subparsers) -> None:
    goals = subparsers.add_parser("goals", help=_("show the current goal, this week's progress, reviews and measures"))
    goals.add_argument("--json", action="store_true", help=_("print a JSON object"))
    goals.add_argument("--date", metavar="D", help=_("report as of this day, YYYY-MM-DD (default today)"))
    goals.set_defaults(run=run_goals)
    actions = goals.add_subparsers(dest="goals_action", metavar="ACTION")   # optional: plain `goals` reports
    new = actions.add_parser("set", help=_("start a new weekly goal (the current goal ends)"))
    new.add_argument("--activity", required=True, metavar="walk|exercise|routine",
                     help=_("walk, exercise (minutes of back exercises) or routine (the level's guided routine)"))
    new.add_argument("--minutes", metavar="N", help=_("minutes on each day (may be left out for a routine goal)"))
    new.add_argument("--days", required=True, metavar="N", help=_("days a week, 1-7"))
    new.add_argument("--level", metavar="N", help=_("programme level (default: the current goal's level for this "
                                                    "activity, else the function check's suggestion, else 0)"))
    new.add_argument("--when", metavar="TEXT", help=_("when and where, e.g. 'after breakfast, round the park'"))
    new.add_argument("--on", dest="weekdays", metavar="DAYS", help=_("which weekdays, e.g. mon,wed,fri (optional)"))
    new.add_argument("--confidence", metavar="0-10", help=_("how sure you are that you can do it, 0-10 (aim for 7 or more)"))
    new.add_argument("--start", metavar="D", help=_("first day of the goal, YYYY-MM-DD (default today)"))
    new.set_defaults(run=run_set_goal)


# The command line's activity words, and the goal activity each means.
CLI_ACTIVITIES = {"walk": WALKING, "exercise": EXERCISES, "routine": ROUTINE}
BAD_VALUE = 2   # as argparse uses for a bad argument: nothing was changed


def _goal_json(goal) -> dict | None:
    if goal is None:
        return None
    return {"id": goal.id, "activity": goal.activity, "level": goal.level, "days_per_week": goal.days_per_week,
            "minutes": None if goal.is_routine and not goal.minutes else goal.minutes, "unit": goal.unit, "repetitions": goal.repetitions,
            "start_date": goal.start_date.isoformat(), "end_date": goal.end_date.isoformat() if goal.end_date else None,
            "confidence": goal.confidence, "plan_when": goal.plan_when,
            "plan_days": [WEEKDAY_KEYS[d] for d in goal.plan_days]}


def _suggestion_json(overview, step_up_allowed: bool) -> dict | None:
    """The suggestion for next week's goal (the weekly review's own rule); next_minutes only once a week has
    been reviewed or is complete, and never for a routine goal (it counts routines, not minutes)."""
    suggestion = overview.suggestion(step_up_allowed)
    if suggestion is None:
        return None
    known = overview.review_is_due or overview.weeks_reviewed > 0
    proposal = suggestion.proposals[suggestion.action]
    return {"action": suggestion.action_name, "preselected": suggestion.preselected,
            "next_minutes": proposal.minutes if known and not proposal.is_routine else None}


def goals_report(profile, overview) -> dict:
    week = overview.week
    answers = profile.measures
    startback = answers.latest(STARTBACK)
    about_you = read_about_you(answers.latest(ABOUT_YOU))
    safety = profile.safety.checks()
    status = profile.safety.status()
    return {
        "date": overview.today.isoformat(),
        "next_step": overview.next_step,
        "goal": _goal_json(overview.goal),
        "week": None if week is None else {
            "start": week.start.isoformat(), "end": week.end.isoformat(), "days_met": week.days_met,
            "days_active": week.days_active, "minutes": week.minutes_total, "target_days": week.target_days,
            "result_so_far": week.result, "review_due": overview.review_is_due,
            "days": [{"date": d.date.isoformat(), "minutes": d.minutes, "met": d.met} for d in week.days],
        },
        "function_check": overview.function_check.as_dict() if overview.function_check else None,
        "goals": [_goal_json(g) for g in profile.goals.goals()],
        "reviews": [{"goal_id": r.goal_id, "period_start": r.period_start.isoformat(), "period_end": r.period_end.isoformat(),
                     "computed_result": r.computed_result, "result": r.result, "days_met": r.days_met,
                     "barriers": list(r.barriers), "decision": r.decision, "suggested_module": r.suggested_module,
                     "reviewed_at": r.reviewed_at} for r in profile.goals.reviews()],
        "psfs": [{"date": p.date.isoformat(), "score": p.score, "change": p.change} for p in overview.psfs],
        "groc": [{"date": r.date.isoformat(), "week": r.answers.get("week"), "value": int(r.score)}
                 for r in answers.responses(GROC)],
        "groc_due_week": overview.groc_week_due,
        "startback": None if startback is None else {
            "date": startback.date.isoformat(), "total": int(startback.score), "psychosocial": startback.answers["psychosocial"],
            "risk": startback.answers["risk"], "wording": startback.answers.get("wording"),
            "explanation": startback_explanation(startback.answers["risk"])},
        # The start answers that, with STarT Back and recent barriers, decide which topics are suggested first.
        "about_you": about_you.as_answers() if about_you is not None else None,
        "safety_checks": [{"context": c.context, "started_at": c.started_at, "completed_at": c.completed_at,
                           "escalation": c.escalation, "advice_seen_at": c.advice_seen_at} for c in safety],
        "chair_stand": [{"date": r.date.isoformat(), "stands": r.stands, "stopped_early": r.stopped_early}
                        for r in chair_stand_history(answers.responses(CHAIR_STAND))],
        # False until the first safety check is done and while an urgent or emergency answer is unresolved.
        "step_up_allowed": status.step_up_allowed,
        "suggestion": _suggestion_json(overview, status.step_up_allowed),
    }


def run_goals(args, ctx) -> int:
    profile = ctx.open_profile(create=False)
    overview = profile.overview(parse_date(args.date))
    if args.json:
        json.dump(goals_report(profile, overview), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if overview.goal is None:
        print(_("No goal yet. Next step: {step}.").format(step=overview.next_step.replace("_", " ")))
    else:
        week, goal = overview.week, overview.goal
        print(_("Goal: {goal}").format(goal=goal.describe()))
        if goal.plan_text():
            print(_("When and where: {plan}").format(plan=goal.plan_text()))
        if goal.confidence is not None:
            print(_("How sure: {n} out of 10").format(n=goal.confidence))
        if goal.is_routine:
            progress = routine_progress_text(week.days_met, week.target_days, week.days_left)
            print(_("Week {start} to {end}: {progress}").format(start=week.start, end=week.end,
                                                               progress=progress[:1].lower() + progress[1:]))
        else:
            print(_("Week {start} to {end}: reached on {met} of {target} days ({minutes} min in all).").format(
                start=week.start, end=week.end, met=week.days_met, target=week.target_days, minutes=week.minutes_total))
        if overview.review_is_due:
            print(_("The weekly review is due."))
    for review in profile.goals.reviews():
        print(_("Review {start} to {end}: {result}, {decision}").format(
            start=review.period_start, end=review.period_end, result=result_label(review.result), decision=review.decision))
    if overview.psfs:
        print(_("PSFS: ") + ", ".join(f"{p.date} {p.score:g}" for p in overview.psfs))
    return 0


def _level_default(profile, activity: str) -> int:
    current = profile.goals.current_goal()
    if current is not None and current.activity == activity:
        return current.level
    check = profile.overview().function_check
    return check.range_for(activity)[0] if check is not None else 0


def run_set_goal(args, ctx) -> int:
    """Start a new goal as the window does; a bad value is one clear line, exit 2, and nothing changed."""
    profile = ctx.open_profile(create=False)   # a goal for a profile that does not exist is an error
    try:
        activity = CLI_ACTIVITIES.get((args.activity or "").strip().lower())
        if activity is None:
            raise ValidationError(_("'{activity}' is not a goal activity; use walk, exercise or routine.").format(
                activity=args.activity))
        start = parse_date(args.start)
        status = profile.safety.status()
        current = profile.goals.current_goal()
        check = profile.overview().function_check
        allowed = allowed_goal_levels(activity, check.range_for(activity) if check else None, current,
                                      hold_back=not status.step_up_allowed)
        level = args.level if args.level is not None else _level_default(profile, activity)
        goal = make_goal(activity, level, args.days, args.minutes, start_date=start, allowed_levels=allowed,
                         plan_when=args.when, plan_days=args.weekdays, confidence=args.confidence)
    except ValidationError as error:
        print(f"sb-desktop: {error}", file=sys.stderr)
        return BAD_VALUE
    with profile.transaction():
        saved = profile.goals.set_goal(goal)
    print(saved.id)   # printed only once it is on disk
    print(_("Goal: {goal}").format(goal=saved.describe()))
    if saved.low_confidence and lowered(saved) != saved:
        print(_("You are {n} out of 10 sure. A goal you feel 7 or more sure of is likelier to happen; a smaller "
                "one could be: {smaller}.").format(n=saved.confidence, smaller=lowered(saved).describe()))
    return 0
