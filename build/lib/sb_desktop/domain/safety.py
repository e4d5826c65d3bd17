"""Red-flag questions, the advice each "yes" leads to, and escalation (emergency before urgent).

The emergency wording and numbers default to the UK; a clinic configuration can override them with a
mapping (or an object with the same attribute names) holding any of ADVICE_KEYS.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sb_desktop.i18n import _

NONE, URGENT, EMERGENCY = "none", "urgent", "emergency"
_RANK = {NONE: 0, URGENT: 1, EMERGENCY: 2}
FIRST_START, WEEKLY = "first_start", "weekly"

ADVICE_KEYS = ("emergency_title", "emergency_advice", "emergency_number", "emergency_service",
               "urgent_title", "urgent_advice", "urgent_number", "urgent_service")


@dataclass(frozen=True)
class RedFlagQuestion:
    id: str
    text: str
    level: str          # what a "yes" leads to: emergency or urgent


def red_flag_questions() -> tuple[RedFlagQuestion, ...]:
    """Emergency (possible cauda equina) questions first, then the ones needing an urgent GP appointment."""
    return (
        RedFlagQuestion("bladder_bowel", _("Do you have new problems passing urine, or controlling your bladder or bowels?"), EMERGENCY),
        RedFlagQuestion("saddle_numbness", _("Is there new numbness or tingling around your genitals or back passage, or on your bottom where you would sit on a saddle?"), EMERGENCY),
        RedFlagQuestion("leg_weakness", _("Have your legs become weak, or has the way you walk changed, recently?"), EMERGENCY),
        RedFlagQuestion("both_legs", _("Do you have pain going down both legs?"), EMERGENCY),
        RedFlagQuestion("sexual_function", _("Have you noticed new problems with sexual function, such as numbness or difficulty getting an erection?"), EMERGENCY),
        RedFlagQuestion("cancer", _("Have you ever had cancer?"), URGENT),
        RedFlagQuestion("weight_loss", _("Have you lost weight recently without trying?"), URGENT),
        RedFlagQuestion("fever", _("Do you have a fever, or feel generally unwell?"), URGENT),
        RedFlagQuestion("night_pain", _("Is your pain constant, and worse at night?"), URGENT),
        RedFlagQuestion("trauma", _("Did your back pain start after a fall or an accident?"), URGENT),
        RedFlagQuestion("osteoporosis_steroids", _("Do you have osteoporosis, or have you taken steroid tablets for a long time?"), URGENT),
        RedFlagQuestion("age_new_pain", _("Are you over 50 and is this back pain new for you?"), URGENT),
        RedFlagQuestion("immunity", _("Have you ever injected drugs, or do you have a weakened immune system (for example from HIV or medicines)?"), URGENT),
        RedFlagQuestion("no_improvement", _("Has your back pain shown no improvement at all for a month or more?"), URGENT),
    )


def question_by_id(question_id: str) -> RedFlagQuestion:
    for question in red_flag_questions():
        if question.id == question_id:
            return question
    raise KeyError(question_id)


def uk_defaults() -> dict[str, str]:
    return {
        "emergency_title": _("Please get medical help now"),
        "emergency_advice": _("What you have described can be a sign of a rare but serious problem with the nerves "
                              "at the bottom of your spine. Go to A&E now, or call {number} if you cannot get "
                              "there. Do not wait to see whether it passes."),
        "emergency_number": "999",
        "emergency_service": _("A&E"),
        "urgent_title": _("Please speak to a doctor soon"),
        "urgent_advice": _("What you have told us means a doctor should check your back. Please ask your GP "
                           "practice for an urgent appointment today. If you cannot get one, call {service} "
                           "on {number}."),
        "urgent_number": "111",
        "urgent_service": _("NHS 111"),
    }


def advice_settings(overrides=None) -> dict[str, str]:
    """UK defaults with any non-empty override on top (a mapping, or an object with those attributes)."""
    settings = uk_defaults()
    if overrides is None:
        return settings
    for key in ADVICE_KEYS:
        if isinstance(overrides, Mapping):
            value = overrides.get(key)
        else:
            value = getattr(overrides, key, None)
        if isinstance(value, str) and value.strip():
            settings[key] = value.strip()
    return settings


@dataclass(frozen=True)
class Advice:
    level: str
    title: str
    text: str
    number: str
    service: str


def advice_for(level: str, overrides=None) -> Advice | None:
    if level == NONE:
        return None
    settings = advice_settings(overrides)
    prefix = "emergency" if level == EMERGENCY else "urgent"
    number, service = settings[f"{prefix}_number"], settings[f"{prefix}_service"]
    text = settings[f"{prefix}_advice"]
    try:
        text = text.format(number=number, service=service)
    except (KeyError, IndexError, ValueError):
        pass  # a clinic's own wording may contain braces; show it as written
    return Advice(level, settings[f"{prefix}_title"], text, number, service)


def escalation(answers: Mapping[str, bool]) -> str:
    """The highest level any "yes" answer leads to."""
    level = NONE
    for question_id, yes in answers.items():
        if yes:
            try:
                question_level = question_by_id(question_id).level
            except KeyError:
                continue
            if _RANK[question_level] > _RANK[level]:
                level = question_level
    return level


def is_higher(level: str, than: str) -> bool:
    return _RANK[level] > _RANK[than]


def yes_questions(answers: Mapping[str, bool]) -> list[RedFlagQuestion]:
    """The questions answered yes, emergency ones first."""
    chosen = [q for q in red_flag_questions() if answers.get(q.id)]
    return sorted(chosen, key=lambda q: -_RANK[q.level])


@dataclass(frozen=True)
class SafetyCheck:
    """One round of red-flag questions as recorded: each answer with the time it was given."""

    context: str
    started_at: str
    answers: Mapping[str, Mapping]      # question id -> {"yes": bool, "at": ISO time}
    escalation: str = NONE
    completed_at: str | None = None
    advice_shown_at: str | None = None
    advice_seen_at: str | None = None
    id: int | None = None

    @property
    def yes_answers(self) -> dict[str, bool]:
        return {qid: bool(a.get("yes")) for qid, a in self.answers.items()}

    @property
    def advice_pending(self) -> bool:
        """A "yes" was recorded but the person has not yet confirmed they saw the advice."""
        return self.escalation != NONE and self.advice_seen_at is None


@dataclass(frozen=True)
class FlarePlan:
    """The person's own flare-up plan, in their words."""

    helps: str = ""
    avoid: str = ""
    contacts: str = ""
    get_help: str = ""
    updated_at: str | None = None

    @property
    def is_empty(self) -> bool:
        return not any(s.strip() for s in (self.helps, self.avoid, self.contacts, self.get_help))
