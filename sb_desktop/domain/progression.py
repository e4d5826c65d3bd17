"""What to suggest for next week's goal, from how the week went and how it felt: small steps, never pushed.

The content teaches: step up by about 10-20%, one thing at a time, and only when the person wants to. So a
step up is offered (never chosen for the person) only after a week that was met and felt mostly easy, with
no soreness that lasted; a week that felt hard, or left lasting soreness, keeps the goal (or makes it
smaller); a week not met keeps it or makes it smaller. While the safety status forbids it (an open red-flag
answer) no step up is offered at all. The weekly review and `goals --json` both use `suggest_next`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sb_desktop.domain.entries import ActivityEntry, PainEntry
from sb_desktop.domain.goals import (
    KEEP,
    LOWER,
    MET,
    NOT_MET,
    STEP_UP,
    Goal,
    lowered,
    stepped_up,
)
from sb_desktop.domain.routine_log import ABOUT_RIGHT, EASY, HARD, SORE_LASTING, SORE_SETTLED, RoutineDone

# Walking (or any activity) effort is recorded 0-10: up to 3 felt easy, 7 or more felt hard.
EASY_EFFORT_MAX, HARD_EFFORT_MIN = 3, 7
# A rating straight after activity this far above the week's usual day rating (or this high with none to
# compare) counts as "sore afterwards". Soreness is expected and is not harm: it only holds a step up back.
AFTER_ACTIVITY_RISE, AFTER_ACTIVITY_HIGH = 2, 7

# What the command line calls each decision (the stored reviews keep keep/step_up/lower).
ACTION_NAMES = {STEP_UP: "step_up", KEEP: "keep", LOWER: "make_smaller"}


@dataclass(frozen=True)
class EffortSignals:
    """How the week's activity felt, counted from the person's own answers."""

    easy: int = 0
    about_right: int = 0
    hard: int = 0
    sore_settled: int = 0
    sore_lasting: int = 0
    sore_after: int = 0         # pain ratings straight after activity well above the usual

    @property
    def answers(self) -> int:
        return self.easy + self.about_right + self.hard

    @property
    def mostly_easy(self) -> bool:
        """More than half the effort answers were "easy"; with no answers at all, nothing says otherwise."""
        return self.answers == 0 or self.easy * 2 > self.answers

    @property
    def mostly_hard(self) -> bool:
        return self.answers > 0 and self.hard * 2 >= self.answers

    @property
    def troubled(self) -> bool:
        """Felt hard, or soreness that lasted (or a high rating after activity): not a week to step up."""
        return self.mostly_hard or self.sore_lasting > 0 or self.sore_after > 0


def effort_signals(goal: Goal, runs: Iterable[RoutineDone], entries: Iterable[object]) -> EffortSignals:
    """Count the week's effort and soreness: routine effort answers (exercise goals and routine goals),
    effort recorded with activity of the goal's kind, soreness after routines, and pain after activity."""
    easy = about = hard = settled = lasting = 0
    routine_effort = goal.activity != "walking"
    for run in runs:
        if routine_effort:
            for answer in run.effort.values():
                easy += answer == EASY
                about += answer == ABOUT_RIGHT
                hard += answer == HARD
        settled += run.soreness == SORE_SETTLED
        lasting += run.soreness == SORE_LASTING
    entries = list(entries)
    for entry in entries:
        if isinstance(entry, ActivityEntry) and entry.kind == goal.journal_kind and entry.effort is not None:
            easy += entry.effort <= EASY_EFFORT_MAX
            hard += entry.effort >= HARD_EFFORT_MIN
            about += EASY_EFFORT_MAX < entry.effort < HARD_EFFORT_MIN
    day_pain = [e.intensity for e in entries if isinstance(e, PainEntry) and not e.after_activity]
    usual = sum(day_pain) / len(day_pain) if day_pain else None
    sore_after = sum(
        1 for e in entries if isinstance(e, PainEntry) and e.after_activity
        and (e.intensity >= usual + AFTER_ACTIVITY_RISE if usual is not None else e.intensity >= AFTER_ACTIVITY_HIGH))
    return EffortSignals(easy, about, hard, settled, lasting, sore_after)


@dataclass(frozen=True)
class Suggestion:
    """The decision to suggest, whether the window may choose it for the person, and what each choice gives."""

    action: str                     # keep | step_up | lower
    preselected: bool               # False for a step up: it is offered, never chosen for the person
    options: tuple[str, ...]        # the choices offered (keep always)
    proposals: dict                 # decision -> the Goal it gives
    reason: str                     # why, as a short code: met_easy, met_steady, troubled, partly, not_met, top, held

    @property
    def action_name(self) -> str:
        return ACTION_NAMES[self.action]


def suggest_next(result: str, goal: Goal, signals: EffortSignals | None = None, *,
                 step_up_allowed: bool = True, week_over: bool = True) -> Suggestion:
    """The suggestion for next week's goal.

    met, mostly easy, no lasting soreness -> step up offered (not preselected); met but felt about right ->
    keep, with a step up still offered; met but hard or with lasting soreness -> keep (or smaller); partly
    -> keep, or smaller when it felt hard; not met -> smaller (keep at the very bottom). No step up while
    `step_up_allowed` is False. While the week is still running (`week_over` False) a goal not yet met is
    simply kept: there are days to go."""
    signals = signals or EffortSignals()
    up, down = stepped_up(goal), lowered(goal)
    proposals = {KEEP: goal, STEP_UP: up, LOWER: down}
    can_down = down != goal
    can_up = up != goal and step_up_allowed and result == MET and not signals.troubled
    options = tuple(d for d, offered in ((KEEP, True), (STEP_UP, can_up), (LOWER, can_down)) if offered)
    if result == MET:
        if signals.troubled:
            action, reason = KEEP, "troubled"
        elif not step_up_allowed:
            action, reason = KEEP, "held"
        elif not can_up:
            action, reason = KEEP, "top"
        elif signals.mostly_easy:
            action, reason = STEP_UP, "met_easy"
        else:
            action, reason = KEEP, "met_steady"
    elif not week_over:
        action, reason = KEEP, "in_progress"
    elif result == NOT_MET:
        action, reason = (LOWER if can_down else KEEP), "not_met"
    else:
        action, reason = (LOWER if signals.troubled and can_down else KEEP), "partly"
    return Suggestion(action, action != STEP_UP, options, proposals, reason)


def suggestion_text(suggestion: Suggestion) -> str:
    """Why this suggestion, in a sentence the person reads beside the choices."""
    from sb_desktop.i18n import _
    return {
        "met_easy": _("It seems to have felt manageable. A small step up is there if you would like a new "
                      "challenge; keeping the same goal is just as good a choice."),
        "met_steady": _("It felt about right, so keeping this goal for another week is a good way to settle it "
                        "in. You can still step up a little if you would like to."),
        "troubled": _("Some of it felt hard, or you were sore for a while afterwards. Keep the same goal, or "
                      "make it a little smaller, until it feels easier."),
        "top": _("You are at the top of this programme. Keeping it up is the goal now."),
        "held": _("This week, keep things as they are."),
        "in_progress": _("There are still days to go this week."),
        "partly": _("Keeping the same goal gives you another go at it; making it smaller is fine too."),
        "not_met": _("A smaller goal for now makes it easier to get going again."),
    }[suggestion.reason]


def smaller_choice(decision: str, options: tuple[str, ...], proposals: dict) -> tuple[str, Goal] | None:
    """One step smaller than next week's goal chosen in the review, for someone under 7 out of 10 sure of it:
    a step up -> the goal as it is (keep); keep -> the smaller goal (when one is offered); smaller -> smaller
    again. Returns the decision that gives it and the goal, or None when there is nothing smaller."""
    if decision == STEP_UP:
        return KEEP, proposals[KEEP]
    if decision == KEEP:
        return (LOWER, proposals[LOWER]) if LOWER in options else None
    if decision == LOWER:
        smaller = lowered(proposals[LOWER])
        return (LOWER, smaller) if smaller != proposals[LOWER] else None
    return None
