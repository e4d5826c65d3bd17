"""Commands over goals and measures: `goals` shows the current goal, this week's progress and what is next."""
from __future__ import annotations

import json
import sys

from sb_desktop.domain.chair_stand import CHAIR_STAND, chair_stand_history
from sb_desktop.domain.entries import parse_date
from sb_desktop.domain.measures import GROC, STARTBACK
from sb_desktop.domain.review import result_label
from sb_desktop.domain.tailoring import ABOUT_YOU, read_about_you, startback_explanation
from sb_desktop.i18n import _


def register(subparsers) -> None:
    goals = subparsers.add_parser("goals", help=_("show the current goal, this week's progress, reviews and measures"))
    goals.add_argument("--json", action="store_true", help=_("print a JSON object"))
    goals.add_argument("--date", metavar="D", help=_("report as of this day, YYYY-MM-DD (default today)"))
    goals.set_defaults(run=run_goals)


def _goal_json(goal) -> dict | None:
    if goal is None:
        return None
    return {"id": goal.id, "activity": goal.activity, "level": goal.level, "days_per_week": goal.days_per_week,
            "minutes": goal.minutes, "unit": goal.unit, "repetitions": goal.repetitions,
            "start_date": goal.start_date.isoformat(), "end_date": goal.end_date.isoformat() if goal.end_date else None}


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
        week = overview.week
        print(_("Goal: {goal}").format(goal=overview.goal.describe()))
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
