"""The weekly review: feedback by result and function level, barriers, and the module that fits each.

Every message is written to encourage: a week that did not go to plan is information for choosing a
better-sized goal, never the person's fault.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import (
    EXERCISES,
    KEEP,
    LOWER,
    MET,
    NOT_MET,
    PARTLY,
    RESULTS,
    ROUTINE,
    STEP_UP,
    Goal,
    programme_levels,
)
from sb_desktop.domain.progression import EffortSignals, suggest_next
from sb_desktop.i18n import _

LOW, MIDDLE, HIGHER = "low", "middle", "higher"

PAIN, TIME, WORRY, MOOD, MOVEMENT, OTHER = "pain", "time", "worry", "mood", "movement", "other"
BARRIERS = (PAIN, TIME, WORRY, MOOD, MOVEMENT, OTHER)

# Module ids shared with the content pack (resources/content/supportback-en/manifest.json).
BARRIER_MODULES = {
    WORRY: "hurt-not-harm",
    MOVEMENT: "moving-is-hard",
    PAIN: "relieving-pain",
    TIME: "daily-living",
    MOOD: "mood",
    OTHER: "will-this-work",
}


def barrier_label(barrier: str) -> str:
    return {
        PAIN: _("Pain"),
        TIME: _("Not enough time"),
        WORRY: _("Worry about causing harm"),
        MOOD: _("Low mood"),
        MOVEMENT: _("I could not do the movement"),
        OTHER: _("Something else"),
    }[barrier]


def module_title(module_id: str) -> str:
    return {
        "will-this-work": _("Will this work for me?"),
        "hurt-not-harm": _("Hurt does not mean harm"),
        "moving-is-hard": _("When moving is hard"),
        "sleep": _("Sleep"),
        "relieving-pain": _("Relieving pain"),
        "flare-ups": _("Flare-ups"),
        "work": _("Work"),
        "mood": _("Mood"),
        "daily-living": _("Daily living"),
    }.get(module_id, module_id)


def result_label(result: str) -> str:
    return {MET: _("Met"), PARTLY: _("Partly met"), NOT_MET: _("Not met this time")}[result]


def function_band(goal: Goal) -> str:
    """Where the goal's level sits in its programme: the lowest step, the top step(s), or between."""
    top = len(programme_levels(goal.activity)) - 1
    exercise_levels = goal.activity in (EXERCISES, ROUTINE)
    if goal.level == 0 or (not exercise_levels and goal.level == 1):
        return LOW
    if goal.level >= top - (0 if exercise_levels else 1):
        return HIGHER
    return MIDDLE


def _feedback_table() -> dict[tuple[str, str], str]:
    return {
        (MET, LOW): _("Well done: you reached your goal this week. Starting small and keeping going is exactly "
                      "how backs get stronger. You could keep this goal for another week to settle it in, "
                      "or step up a little if it felt manageable."),
        (MET, MIDDLE): _("Great week: you reached your goal. Your back is coping with more activity, which is a "
                         "good sign. If it felt comfortable, a small step up keeps the progress going."),
        (MET, HIGHER): _("Excellent: you reached your goal at a good level of activity. Keeping this up is a "
                         "strong way to look after your back; step up only if you would like a new challenge."),
        (PARTLY, LOW): _("You got going this week, and that counts. Even a few minutes on some days helps your "
                         "back. Let's look at what got in the way and make next week a little easier to fit in."),
        (PARTLY, MIDDLE): _("You did part of your goal this week. That is real progress. Most weeks have ups and "
                            "downs; thinking about what got in the way can help next week go more smoothly."),
        (PARTLY, HIGHER): _("You were active on several days this week. Busy or sore weeks happen. Keeping the "
                            "same goal, or making it a bit smaller for now, is a sensible choice."),
        (NOT_MET, LOW): _("This week did not go to plan, and that is alright: it happens to almost everyone. "
                          "A smaller goal, even a couple of minutes of gentle movement, is a good way to restart."),
        (NOT_MET, MIDDLE): _("This week was harder than planned. That happens, and it tells us the goal may "
                             "need to fit your week better. A smaller goal for now makes it easier to get going again."),
        (NOT_MET, HIGHER): _("This week did not work out as planned. Life and backs have their ups and downs. "
                             "Setting a lighter goal for a week or two can help you get back into your routine."),
    }


def _barrier_tips() -> dict[str, str]:
    return {
        PAIN: _("When pain is high, gentle movement usually helps more than resting. Try a shorter or easier "
                "version of your activity, and see the 'Relieving pain' module for things that can ease it."),
        TIME: _("Short bouts count: two 5-minute walks add up just like one 10-minute walk. Linking your "
                "activity to something you do every day can make it easier to fit in."),
        WORRY: _("It is natural to worry that moving could harm your back. Back pain is very rarely a sign of "
                 "damage, and gentle activity is safe. 'Hurt does not mean harm' explains why."),
        MOOD: _("Low mood can make everything feel harder. Gentle activity, especially outdoors, often lifts "
                "mood a little. The 'Mood' module has some small ideas to try. If you ever have thoughts of "
                "harming yourself, please get help straight away: the 'Mood' module says who to contact."),
        MOVEMENT: _("If the movement itself was too hard, a starting point that is lying down or in a chair "
                    "may suit you better for now. 'When moving is hard' shows ways to build up from very little."),
        OTHER: _("Whatever got in the way, a smaller goal you can count on is a good place to restart. "
                 "'Will this work for me?' talks about setbacks and what to expect."),
    }


@dataclass(frozen=True)
class ReviewFeedback:
    result: str
    band: str
    message: str
    tips: tuple[str, ...]
    recommended: str                 # keep | step_up | lower
    options: tuple[str, ...]         # decisions that change the goal are offered only when they would
    suggested_module: str | None
    proposals: dict = field(default_factory=dict)  # decision -> Goal it would give
    preselected: bool = True         # False: the suggestion (a step up) is offered, and the person chooses
    reason: str = ""                 # why it is suggested (progression.suggestion_text says it in words)


def recommended_decision(result: str, goal: Goal, signals: EffortSignals | None = None, *,
                         step_up_allowed: bool = True) -> str:
    """met and mostly easy -> step up (offered, never preselected); met but hard or sore, or partly -> keep;
    not met -> lower (keep at the floor). See domain/progression.py."""
    return suggest_next(result, goal, signals, step_up_allowed=step_up_allowed).action


# When several barriers are named, the ones the trial found stop people starting come first.
BARRIER_PRIORITY = (WORRY, MOVEMENT, PAIN, MOOD, TIME, OTHER)


def suggested_module(barriers: Sequence[str], result: str) -> str | None:
    """The module for the most important barrier named; with none named and a hard week, the expectations module."""
    for barrier in BARRIER_PRIORITY:
        if barrier in barriers:
            return BARRIER_MODULES[barrier]
    if result == NOT_MET:
        return "will-this-work"
    return None


def feedback(result: str, goal: Goal, barriers: Sequence[str] = (), signals: EffortSignals | None = None, *,
             step_up_allowed: bool = True) -> ReviewFeedback:
    if result not in RESULTS:
        raise ValidationError(_("Choose met, partly or not met."))
    unknown = [b for b in barriers if b not in BARRIERS]
    if unknown:
        raise ValidationError(_("'{barrier}' is not one of the listed reasons.").format(barrier=unknown[0]))
    band = function_band(goal)
    tips = tuple(_barrier_tips()[b] for b in barriers)
    suggestion = suggest_next(result, goal, signals, step_up_allowed=step_up_allowed)
    return ReviewFeedback(
        result=result, band=band, message=_feedback_table()[(result, band)], tips=tips,
        recommended=suggestion.action, options=suggestion.options,
        suggested_module=suggested_module(barriers, result), proposals=suggestion.proposals,
        preselected=suggestion.preselected, reason=suggestion.reason,
    )


def decision_label(decision: str) -> str:
    return {KEEP: _("Keep my goal"), STEP_UP: _("Step up a little"), LOWER: _("Make it smaller for now")}[decision]


@dataclass(frozen=True)
class GoalReview:
    """A finished weekly review, kept as history."""

    goal_id: int
    period_start: dt.date
    period_end: dt.date
    computed_result: str
    result: str                      # what the person confirmed
    days_met: int
    days_active: int
    minutes_total: int
    barriers: tuple[str, ...]
    decision: str
    feedback: str
    suggested_module: str | None = None
    barrier_note: str = ""
    new_goal_id: int | None = None
    safety_check_id: int | None = None
    reviewed_at: str = ""
    id: int | None = None
