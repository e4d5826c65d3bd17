"""The function check: a few questions about what the person can do now -> a suggested level range."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.goals import EXERCISES, WALKING, programme_levels
from sb_desktop.domain.measures import QuestionnaireResponse
from sb_desktop.i18n import _

FUNCTION_CHECK = "function_check"


@dataclass(frozen=True)
class Option:
    text: str
    score: int


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]


def questions() -> tuple[Question, ...]:
    return (
        Question("walk", _("How long can you walk at the moment before your back makes you stop?"), (
            Option(_("Only a few steps, or around the home with support"), 0),
            Option(_("About 5 to 10 minutes"), 1),
            Option(_("About 10 to 20 minutes"), 2),
            Option(_("About 20 to 30 minutes"), 3),
            Option(_("More than 30 minutes"), 4),
        )),
        Question("chair", _("How do you get up from a chair?"), (
            Option(_("It is very hard, or I need someone to help"), 0),
            Option(_("I push up with my arms, slowly"), 1),
            Option(_("I can get up without much trouble"), 2),
        )),
        Question("floor", _("Could you get down to the floor and back up again?"), (
            Option(_("Not at the moment"), 0),
            Option(_("Yes, slowly, holding on to something"), 1),
            Option(_("Yes, fairly easily"), 2),
        )),
        Question("daily", _("How much does your back limit everyday jobs like dressing, washing or housework?"), (
            Option(_("A lot: I need help or avoid many jobs"), 0),
            Option(_("Some: I manage, slowly or with breaks"), 1),
            Option(_("A little or not at all"), 2),
        )),
    )


@dataclass(frozen=True)
class FunctionCheckResult:
    """Suggested (lowest, highest) level for each activity; the person picks within it."""

    answers: Mapping[str, int]
    walking: tuple[int, int]
    exercises: tuple[int, int]

    def range_for(self, activity: str) -> tuple[int, int]:
        return self.walking if activity == WALKING else self.exercises

    def as_dict(self) -> dict:
        return {"answers": dict(self.answers), "walking": list(self.walking), "exercises": list(self.exercises)}

    @classmethod
    def from_dict(cls, data: Mapping) -> FunctionCheckResult:
        return cls(dict(data["answers"]), tuple(data["walking"]), tuple(data["exercises"]))


def score(answers: Mapping[str, int]) -> FunctionCheckResult:
    """Turn answers (question id -> chosen option's score) into suggested level ranges.

    Walking: the level matching how far they can walk now, or one below it.
    Exercises: chair, floor and everyday-jobs answers added up (0-6) give the top of the range; someone
    who cannot get to the floor is not offered the floor-based levels above 1.
    """
    known = {q.id: q for q in questions()}
    for qid, q in known.items():
        if qid not in answers:
            raise ValidationError(_("Please answer every question in the function check."))
        if answers[qid] not in {o.score for o in q.options}:
            raise ValidationError(_("An answer in the function check is not one of the choices."))
    walk_top = min(answers["walk"], len(programme_levels(WALKING)) - 1)
    if answers["chair"] == 0 and answers["daily"] == 0:
        walk_top = min(walk_top, 1)
    total = answers["chair"] + answers["floor"] + answers["daily"]
    exercise_top = 0 if total <= 1 else 1 if total <= 3 else 2 if total <= 5 else 3
    if answers["floor"] == 0:
        exercise_top = min(exercise_top, 1)
    exercise_top = min(exercise_top, len(programme_levels(EXERCISES)) - 1)
    return FunctionCheckResult(
        answers={k: int(answers[k]) for k in known},
        walking=(max(0, walk_top - 1), walk_top),
        exercises=(max(0, exercise_top - 1), exercise_top),
    )


def as_response(result: FunctionCheckResult, date: dt.date | None = None) -> QuestionnaireResponse:
    """The result as a questionnaire response, so it is kept with the other measures."""
    return QuestionnaireResponse(FUNCTION_CHECK, date or dt.date.today(), result.as_dict(),
                                 float(result.walking[1]), now_iso())


# The content pack's programme ids, and the activity names goals use for them.
PROGRAMME_TO_GOAL_ACTIVITY = {"walking": "walking", "back-exercises": "exercises"}


def suggested_programme_levels(answers: dict | None) -> dict[str, tuple[int, int]]:
    """Suggested level range per programme id from a saved function check; {} when there is none or it
    cannot be read (then every level is offered equally)."""
    if not answers:
        return {}
    try:
        result = FunctionCheckResult.from_dict(answers)
    except (KeyError, TypeError, ValueError):
        return {}
    ranges = {pid: result.range_for(activity) for pid, activity in PROGRAMME_TO_GOAL_ACTIVITY.items()}
    return {pid: (low, high) for pid, (low, high) in ranges.items()}
