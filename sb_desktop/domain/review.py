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

# What got in the way: the barriers the SupportBack 2 trial found held people back, in the person's words.
DOUBT, SORE, WORRY, STARTING = "doubt", "sore", "worry", "starting"
TIME, MOOD, SLEEP, WORK, FLARE, OTHER = "time", "mood", "sleep", "work", "flare-up", "other"
BARRIERS = (DOUBT, SORE, WORRY, STARTING, TIME, MOOD, SLEEP, WORK, FLARE, OTHER)

# Codes earlier versions offered. "time", "mood", "other" and "worry" (harm) kept their meaning and code;
# "pain" and "movement" have no honest new equivalent, so stored reviews keep them, read with their own
# words, and they are no longer offered.
PAIN, MOVEMENT = "pain", "movement"
LEGACY_BARRIERS = (PAIN, MOVEMENT)
KNOWN_BARRIERS = BARRIERS + LEGACY_BARRIERS

# Module ids shared with the content pack (resources/content/supportback-en/manifest.json).
BARRIER_MODULES = {
    DOUBT: "will-this-work",
    SORE: "hurt-not-harm",
    WORRY: "hurt-not-harm",
    STARTING: "moving-is-hard",
    TIME: "moving-is-hard",          # its pacing page; session 2's pacing page when that session is open
    MOOD: "mood",
    SLEEP: "sleep",
    WORK: "work",
    FLARE: "flare-ups",
    OTHER: "will-this-work",
    PAIN: "relieving-pain",
    MOVEMENT: "moving-is-hard",
}

# The page within the topic that fits best, first choice first: a session page is used only while that
# session is open to the person, so each list ends with a page of an always-open topic.
BARRIER_PAGES = {
    SORE: ("hurt-not-harm-soreness",),
    WORRY: ("hurt-not-harm-pain-and-damage",),
    STARTING: ("moving-is-hard-starting-from-very-little",),
    TIME: ("s2-pacing", "moving-is-hard-pacing-from-very-little"),
    OTHER: ("will-this-work-setbacks",),
}


def barrier_label(barrier: str) -> str:
    """The words of a barrier as the person ticked it; a code this version does not know is shown as it is."""
    return {
        DOUBT: _("I doubted it would help"),
        SORE: _("I was sore after last time"),
        WORRY: _("I worried it was doing harm"),
        STARTING: _("Pain or stiffness stopped me starting"),
        TIME: _("No time"),
        MOOD: _("Low mood"),
        SLEEP: _("Poor sleep"),
        WORK: _("Work"),
        FLARE: _("A flare-up"),
        OTHER: _("Something else"),
        PAIN: _("Pain"),
        MOVEMENT: _("I could not do the movement"),
    }.get(barrier, barrier)


def barrier_topic_title(barrier: str) -> str:
    """The name of the place a barrier leads to (pacing is a page, not a whole topic)."""
    if barrier == TIME:
        return _("Pacing: little and often")
    return module_title(BARRIER_MODULES[barrier])


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
    """One small, practical step for each barrier, in plain words."""
    return {
        DOUBT: _("It is natural to wonder whether this will help. Most people notice a change over a few weeks, "
                 "not days. This week, try your goal on just two days and jot down how your back feels after. "
                 "'Will this work for me?' says what to expect."),
        SORE: _("Feeling sore after doing more is common and usually settles within a day or two: it is your body "
                "getting used to moving, not harm. Next time, do a little less than last time and build up again "
                "slowly. If pain keeps getting worse instead of settling, stop and get advice. 'Soreness after "
                "activity' explains more."),
        WORRY: _("It is natural to worry that moving could harm your back. Back pain is very rarely a sign of "
                 "damage, and gentle activity is safe. Try a short, easy version of your activity and notice how "
                 "you feel the next day. 'Hurt does not mean harm' explains why."),
        STARTING: _("When pain or stiffness makes it hard to get going, start smaller: a few gentle movements in a "
                    "chair or lying down, or a 2-minute walk indoors, count. 'When moving is hard' shows ways to "
                    "build up from very little."),
        TIME: _("Short bouts count: two 5-minute walks add up just like one 10-minute walk. Pick one thing you "
                "do every day, such as making a cup of tea, and add a few minutes of movement straight after it. "
                "'Pacing: little and often' has more ideas."),
        MOOD: _("Low mood can make everything feel harder. Gentle activity, especially outdoors, often lifts "
                "mood a little: a short walk with someone you like is a good start. The 'Mood' module has some "
                "small ideas to try. If you ever have thoughts of harming yourself, please get help straight "
                "away: the 'Mood' module says who to contact."),
        SLEEP: _("A poor night makes the next day harder. Try your activity earlier in the day, and keep a "
                 "steady time for going to bed and getting up. The 'Sleep' module has more ideas."),
        WORK: _("Work can take up the time and energy you meant to use. Try a short walk at lunchtime, or stand "
                "and move for a minute every half an hour. The 'Work' module has ideas, including talking to "
                "your employer."),
        FLARE: _("Flare-ups are common and usually settle. Keep moving gently, doing less for a few days rather "
                 "than stopping, then build back up. The 'Flare-ups' module helps you make a plan."),
        OTHER: _("Whatever got in the way, a smaller goal you can count on is a good place to restart. "
                 "'Will this work for me?' talks about setbacks and what to expect."),
        PAIN: _("When pain is high, gentle movement usually helps more than resting. Try a shorter or easier "
                "version of your activity, and see the 'Relieving pain' module for things that can ease it."),
        MOVEMENT: _("If the movement itself was too hard, a starting point that is lying down or in a chair "
                    "may suit you better for now. 'When moving is hard' shows ways to build up from very little."),
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
    suggested_pages: tuple[str, ...] = ()            # where in that module (or session 2) to open, best first
    suggested_title: str = ""


def recommended_decision(result: str, goal: Goal, signals: EffortSignals | None = None, *,
                         step_up_allowed: bool = True) -> str:
    """met and mostly easy -> step up (offered, never preselected); met but hard or sore, or partly -> keep;
    not met -> lower (keep at the floor). See domain/progression.py."""
    return suggest_next(result, goal, signals, step_up_allowed=step_up_allowed).action


# When several barriers are named, the ones the trial found stop people starting come first: beliefs
# that pain means damage, then functional limits, then negative expectations; then the rest.
BARRIER_PRIORITY = (WORRY, SORE, STARTING, MOVEMENT, DOUBT, FLARE, PAIN, MOOD, SLEEP, WORK, TIME, OTHER)


def main_barrier(barriers: Sequence[str]) -> str | None:
    """The barrier named that matters most, or None."""
    return next((b for b in BARRIER_PRIORITY if b in barriers), None)


def suggested_module(barriers: Sequence[str], result: str) -> str | None:
    """The module for the most important barrier named; with none named and a hard week, the expectations module."""
    barrier = main_barrier(barriers)
    if barrier is not None:
        return BARRIER_MODULES[barrier]
    if result == NOT_MET:
        return "will-this-work"
    return None


def suggested_pages(barriers: Sequence[str]) -> tuple[str, ...]:
    """The pages to open for the most important barrier, best first (empty: open the topic at its start)."""
    barrier = main_barrier(barriers)
    return BARRIER_PAGES.get(barrier, ()) if barrier is not None else ()


def suggestion_title(barriers: Sequence[str], module_id: str | None) -> str:
    """What the review calls the place it suggests: the page's name for pacing, else the topic's."""
    barrier = main_barrier(barriers)
    if barrier is not None and BARRIER_MODULES[barrier] == module_id:
        return barrier_topic_title(barrier)
    return module_title(module_id) if module_id else ""


def feedback(result: str, goal: Goal, barriers: Sequence[str] = (), signals: EffortSignals | None = None, *,
             step_up_allowed: bool = True) -> ReviewFeedback:
    if result not in RESULTS:
        raise ValidationError(_("Choose met, partly or not met."))
    unknown = [b for b in barriers if b not in KNOWN_BARRIERS]
    if unknown:
        raise ValidationError(_("'{barrier}' is not one of the listed reasons.").format(barrier=unknown[0]))
    band = function_band(goal)
    tips = tuple(_barrier_tips()[b] for b in barriers)
    suggestion = suggest_next(result, goal, signals, step_up_allowed=step_up_allowed)
    module = suggested_module(barriers, result)
    return ReviewFeedback(
        result=result, band=band, message=_feedback_table()[(result, band)], tips=tips,
        recommended=suggestion.action, options=suggestion.options,
        suggested_module=module, proposals=suggestion.proposals,
        preselected=suggestion.preselected, reason=suggestion.reason,
        suggested_pages=suggested_pages(barriers) if module else (),
        suggested_title=suggestion_title(barriers, module),
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
