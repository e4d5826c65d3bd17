"""Red flags in one place: the questions (with stable ids), when each is asked, the level a "yes" leads to,
the advice, the warning-sign lists that pages, the flare-up plan, the routine player and the PDF show, the
exercise stop rules, crisis signposting, and what an open escalation changes in the app.

Service names and numbers default to the UK. A clinic configuration can override any of ADVICE_KEYS (a
mapping, or an object with those attribute names). When a clinic sets any service name or number, the UK
names are never mixed in: a name or number it leaves out becomes a neutral description instead.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sb_desktop.i18n import _

NONE, ROUTINE, URGENT, EMERGENCY = "none", "routine", "urgent", "emergency"
LEVELS = (EMERGENCY, URGENT, ROUTINE)
_RANK = {NONE: 0, ROUTINE: 1, URGENT: 2, EMERGENCY: 3}
ESCALATING = (URGENT, EMERGENCY)        # a "yes" at these levels opens an escalation until it is resolved

# The kind of check (stored with each check) and when a question is asked (shown by `safety questions`).
FIRST_START, WEEKLY = "first_start", "weekly"
ASKED_FIRST, ASKED_WEEKLY = "first", "weekly"

# What a person can record about an open escalation.
ASSESSED, NOT_YET = "assessed", "not-yet"
OUTCOMES = (ASSESSED, NOT_YET)

ADVICE_KEYS = ("emergency_title", "emergency_advice", "emergency_number", "emergency_service",
               "urgent_title", "urgent_advice", "urgent_number", "urgent_service",
               "crisis_advice", "crisis_number", "crisis_service")
_SERVICE_KEYS = ("emergency_number", "emergency_service", "urgent_number", "urgent_service",
                 "crisis_number", "crisis_service")


@dataclass(frozen=True)
class RedFlagQuestion:
    id: str             # stable: stored with every answer, used by clinics' scripts
    text: str           # the question as asked
    level: str          # what a "yes" leads to: emergency, urgent or routine
    asked: str          # "weekly" (every check) or "first" (history: first check, and when it changes)
    sign: str           # the same sign as a short phrase, for warning-sign lists

    def as_dict(self) -> dict:
        return {"id": self.id, "text": self.text, "level": self.level, "asked": self.asked}


def red_flag_questions() -> tuple[RedFlagQuestion, ...]:
    """Every question: first those asked each week (emergency signs first), then the history questions."""
    q = RedFlagQuestion
    return (
        q("bladder_bowel", _("Have you had any new trouble passing urine, or controlling your bladder or bowels?"),
          EMERGENCY, ASKED_WEEKLY, _("new trouble passing urine, or controlling your bladder or bowels")),
        q("saddle_numbness", _("Is there any new numbness or tingling around your genitals or back passage, or on "
                               "your bottom where you would sit on a bike saddle?"),
          EMERGENCY, ASKED_WEEKLY, _("new numbness or tingling around your genitals, back passage or bottom")),
        q("leg_weakness", _("In the last few days or weeks, have your legs become weak, or has the way you walk "
                            "changed?"),
          EMERGENCY, ASKED_WEEKLY, _("legs that have become weak, or a change in the way you walk")),
        q("both_legs", _("Do you have new pain, numbness or tingling going down both legs?"),
          EMERGENCY, ASKED_WEEKLY, _("new pain, numbness or tingling going down both legs")),
        q("sexual_function", _("Have you noticed new problems with sex, such as numbness or trouble getting an "
                               "erection?"),
          EMERGENCY, ASKED_WEEKLY, _("new problems with sex, such as numbness or trouble getting an erection")),
        q("weight_loss", _("Have you lost weight in the last few weeks without trying?"),
          URGENT, ASKED_WEEKLY, _("losing weight without trying")),
        q("fever", _("Do you have a fever, or feel unwell in yourself, as well as your back pain?"),
          URGENT, ASKED_WEEKLY, _("a fever, or feeling unwell in yourself")),
        q("night_pain", _("Has your pain become constant, and worse at night, even when you keep still?"),
          URGENT, ASKED_WEEKLY, _("pain that is constant and worse at night, even when you keep still")),
        q("new_injury", _("In the last few weeks, have you had a fall or an accident that hurt your back?"),
          URGENT, ASKED_WEEKLY, _("a fall or an accident that hurt your back")),
        q("no_improvement", _("Over the last several weeks, has your back pain shown no improvement at all?"),
          ROUTINE, ASKED_WEEKLY, _("no improvement at all after several weeks")),
        q("cancer", _("Have you ever had cancer?"),
          URGENT, ASKED_FIRST, _("back pain when you have had cancer in the past")),
        q("age_new_pain", _("Are you over 50, and is this the first time you have had back pain like this?"),
          URGENT, ASKED_FIRST, _("back pain that is new for you after the age of 50")),
        q("osteoporosis_steroids", _("Do you have osteoporosis (thin bones), or have you taken steroid tablets "
                                     "for several months?"),
          URGENT, ASKED_FIRST, _("back pain with osteoporosis, or after taking steroid tablets for months")),
        q("immunity", _("Have you ever injected drugs, or is your immune system weakened (for example by HIV or "
                        "by medicines)?"),
          URGENT, ASKED_FIRST, _("back pain if you have injected drugs or your immune system is weakened")),
        q("trauma", _("Did this back pain start after a fall or an accident?"),
          URGENT, ASKED_FIRST, _("back pain that started after a fall or an accident")),
    )


def questions_for(when: str) -> tuple[RedFlagQuestion, ...]:
    """"first": every question asked at the first check; "weekly": only those asked every week."""
    if when not in (ASKED_FIRST, ASKED_WEEKLY):
        raise ValueError(when)
    questions = red_flag_questions()
    return questions if when == ASKED_FIRST else tuple(q for q in questions if q.asked == ASKED_WEEKLY)


def history_questions() -> tuple[RedFlagQuestion, ...]:
    """Asked at the first check, and in a weekly check only when the person says something has changed."""
    return tuple(q for q in red_flag_questions() if q.asked == ASKED_FIRST)


def questions_for_check(context: str) -> tuple[RedFlagQuestion, ...]:
    return questions_for(ASKED_FIRST if context == FIRST_START else ASKED_WEEKLY)


def question_by_id(question_id: str) -> RedFlagQuestion:
    for question in red_flag_questions():
        if question.id == question_id:
            return question
    raise KeyError(question_id)


def is_question(question_id: str) -> bool:
    return any(q.id == question_id for q in red_flag_questions())


# --- service names, numbers and advice ---

def uk_defaults() -> dict[str, str]:
    return {
        "emergency_title": _("Please get medical help now"),
        "emergency_advice": "",
        "emergency_number": "999",
        "emergency_service": _("A&E"),
        "urgent_title": _("Please speak to a doctor soon"),
        "urgent_advice": "",
        "urgent_number": "111",
        "urgent_service": _("NHS 111"),
        "crisis_advice": "",
        "crisis_number": "116 123",
        "crisis_service": _("Samaritans"),
    }


def _neutral_services() -> dict[str, str]:
    """What a clinic that set its own services but left one out gets instead of a UK name."""
    return {
        "emergency_service": _("the nearest emergency department"),
        "emergency_number": "",
        "urgent_service": _("your local out-of-hours medical service"),
        "urgent_number": "",
        "crisis_service": "",
        "crisis_number": "",
    }


def _override(overrides, key: str) -> str | None:
    if overrides is None:
        return None
    value = overrides.get(key) if isinstance(overrides, Mapping) else getattr(overrides, key, None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def uses_own_services(overrides=None) -> bool:
    """True when a clinic set any service name or number (so UK wording, e.g. in recorded narration, must
    not be used)."""
    return any(_override(overrides, key) for key in _SERVICE_KEYS)


def advice_settings(overrides=None) -> dict[str, str]:
    """UK defaults with any non-empty override on top (a mapping, or an object with those attributes).
    When any service name or number is overridden, the others are neutral, never the UK ones."""
    settings = uk_defaults()
    given = {key: _override(overrides, key) for key in ADVICE_KEYS}
    if any(given[key] for key in _SERVICE_KEYS):
        settings.update(_neutral_services())
    for key, value in given.items():
        if value:
            settings[key] = value
    return settings


@dataclass(frozen=True)
class Advice:
    level: str
    title: str
    text: str
    number: str
    service: str

    @property
    def contact_line(self) -> str:
        """The one line to act on, e.g. "Emergency: A&E or call 999" ("" when there is nothing to call)."""
        if self.level == EMERGENCY:
            if self.number:
                return _("Emergency: {service}, or call {number}").format(service=self.service, number=self.number)
            return _("Emergency: {service}").format(service=self.service)
        if self.level == URGENT:
            if self.number:
                return _("If you cannot see a doctor today: {service}, call {number}").format(
                    service=self.service, number=self.number)
            return _("If you cannot see a doctor today: {service}").format(service=self.service)
        return ""


def call_text(service: str, number: str) -> str:
    """"call NHS 111" when the number is in the service's name, else "call <service> on <number>"."""
    if number and number.replace(" ", "") in service.replace(" ", ""):
        return _("call {service}").format(service=service)
    if number:
        return _("call {service} on {number}").format(service=service, number=number)
    return _("contact {service}").format(service=service)


def _fill(text: str, **values) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text  # a clinic's own wording may contain braces; it is shown as written


def advice_for(level: str, overrides=None) -> Advice | None:
    """The advice a "yes" at this level leads to; None for NONE."""
    return None if level == NONE else advice(level, overrides)


def advice(level: str, overrides=None) -> Advice:
    """The advice for an emergency, urgent or routine level."""
    s = advice_settings(overrides)
    if level == ROUTINE:
        return Advice(ROUTINE, _("Worth a routine appointment"), _(
            "Back pain often takes a while to settle, and slow progress is not a sign of anything serious. If it "
            "has not improved at all after several weeks, book a routine appointment with your own doctor or "
            "physiotherapist to talk it through. Carry on with gentle activity in the meantime."), "", "")
    prefix = "emergency" if level == EMERGENCY else "urgent"
    number, service = s[f"{prefix}_number"], s[f"{prefix}_service"]
    text = s[f"{prefix}_advice"]
    if not text:
        if level == EMERGENCY:
            text = (_("What you have told us can be a sign of a rare but serious problem with the nerves at the "
                      "bottom of your spine. Please go to {service} now, or call {number} if you cannot get there. "
                      "Do not wait to see whether it passes.") if number else
                    _("What you have told us can be a sign of a rare but serious problem with the nerves at the "
                      "bottom of your spine. Please go to {service} now. Do not wait to see whether it passes."))
        else:
            text = _("What you have told us means a doctor should check your back soon. Please ask your own "
                     "doctor's practice for an appointment today. If you cannot get one, {call}.").format(
                call=call_text(service, number))
    return Advice(level, s[f"{prefix}_title"], _fill(text, number=number, service=service), number, service)


def crisis_advice(overrides=None) -> str:
    """What to do with thoughts of self-harm or suicide: emergency help now, and someone to talk to."""
    s = advice_settings(overrides)
    if s["crisis_advice"]:
        return _fill(s["crisis_advice"], number=s["crisis_number"], service=s["crisis_service"])
    emergency = advice(EMERGENCY, overrides)
    if emergency.number:
        now = _("If you have thoughts of harming yourself or ending your life, please get help now: call {number} "
                "or go to {service}.").format(number=emergency.number, service=emergency.service)
    else:
        now = _("If you have thoughts of harming yourself or ending your life, please get help now: go to "
                "{service}.").format(service=emergency.service)
    if s["crisis_number"] and s["crisis_service"]:
        talk = _("If you need someone to talk to, you can call {service} on {number}, free, at any time.").format(
            service=s["crisis_service"], number=s["crisis_number"])
    elif s["crisis_number"]:
        talk = _("If you need someone to talk to, you can call {number}, free, at any time.").format(
            number=s["crisis_number"])
    else:
        talk = _("If you need someone to talk to, your own doctor can tell you about a helpline near you.")
    return now + " " + talk


# --- warning-sign lists and stop rules ---

@dataclass(frozen=True)
class WarningSigns:
    level: str
    heading: str
    signs: tuple[str, ...]
    advice: Advice


def warning_signs(overrides=None) -> tuple[WarningSigns, ...]:
    """The signs to act on, grouped by level, made from the questions themselves (one source)."""
    questions = red_flag_questions()
    emergency, urgent = advice(EMERGENCY, overrides), advice(URGENT, overrides)
    routine = advice(ROUTINE, overrides)
    return (
        WarningSigns(EMERGENCY, _("Get medical help straight away if you notice"),
                     tuple(q.sign for q in questions if q.level == EMERGENCY), emergency),
        WarningSigns(URGENT, _("Speak to a doctor the same day if you have"),
                     tuple(q.sign for q in questions if q.level == URGENT), urgent),
        WarningSigns(ROUTINE, _("Book a routine appointment if you have"),
                     tuple(q.sign for q in questions if q.level == ROUTINE), routine),
    )


def page_action(level: str, overrides=None) -> str:
    """What to do, worded for a page that lists the signs (not for an answer just given)."""
    s = advice_settings(overrides)
    found = advice(level, overrides)
    if level == EMERGENCY:
        if s["emergency_advice"]:
            return found.text   # the clinic's own wording
        if found.number:
            return _("These can be signs of a rare but serious problem with the nerves at the bottom of your "
                     "spine. Go to {service} now, or call {number} if you cannot get there. Do not wait to see "
                     "whether they pass.").format(service=found.service, number=found.number)
        return _("These can be signs of a rare but serious problem with the nerves at the bottom of your spine. "
                 "Go to {service} now. Do not wait to see whether they pass.").format(service=found.service)
    if level == URGENT:
        if s["urgent_advice"]:
            return found.text
        return _("Ask your own doctor's practice for an appointment the same day. If you cannot get one, "
                 "{call}.").format(call=call_text(found.service, found.number))
    return _("Book a routine appointment with your own doctor or physiotherapist to talk it through.")


def urgent_contact(overrides=None) -> str:
    """"talk to your own doctor, or call NHS 111", for a sentence in a page."""
    found = advice(URGENT, overrides)
    return _("talk to your own doctor, or {call}").format(call=call_text(found.service, found.number))


def _signs_markdown(group: WarningSigns, overrides) -> str:
    lines = [f"**{group.heading}:**", ""]
    lines.extend(f"- {sign}" for sign in group.signs)
    lines += ["", page_action(group.level, overrides), ""]
    return "\n".join(lines)


def warning_signs_markdown(overrides=None, levels: Sequence[str] = LEVELS) -> str:
    """The warning-sign lists as Markdown, for the pages that show them."""
    groups = [g for g in warning_signs(overrides) if g.level in levels]
    return "\n".join(_signs_markdown(g, overrides) for g in groups).strip() + "\n"


def stop_rules_markdown() -> str:
    lines = [f"**{stop_rules_heading()}:**", ""]
    lines.extend(f"- {rule}" for rule in stop_rules())
    lines += ["", soreness_note()]
    return "\n".join(lines) + "\n"


# Pages in a content pack say where safety wording goes, e.g. "{{safety:warning-signs}}"; the app fills it in
# from this module with the clinic's service names, so no page carries its own list or a service name.
_PLACEHOLDER = re.compile(r"\{\{\s*safety:([a-z-]+)\s*\}\}")


def _placeholder_text() -> dict:
    return {
        "warning-signs": lambda o: warning_signs_markdown(o),
        "emergency-signs": lambda o: warning_signs_markdown(o, (EMERGENCY,)),
        "urgent-contact": urgent_contact,
        "crisis": crisis_advice,
        "stop-rules": lambda o: stop_rules_markdown(),
    }


def safety_placeholders(text: str) -> list[str]:
    """The names of every safety placeholder in a page, in order."""
    return [match.group(1) for match in _PLACEHOLDER.finditer(text)]


def unknown_safety_placeholders(text: str) -> list[str]:
    known = _placeholder_text()
    return [name for name in safety_placeholders(text) if name not in known]


def fill_safety_text(text: str, overrides=None) -> str:
    """A page's Markdown with its safety placeholders filled in (an unknown one is left as written; the
    pack check refuses it)."""
    known = _placeholder_text()

    def replace(match):
        make = known.get(match.group(1))
        return make(overrides).strip() if make else match.group(0)

    return _PLACEHOLDER.sub(replace, text)


def stop_rules() -> tuple[str, ...]:
    """Stop exercising and get help for any of these (shown before every routine and on every exercise)."""
    return (
        _("pain or pressure in your chest"),
        _("much more breathlessness than the exercise should cause"),
        _("dizziness, or feeling faint"),
        _("new numbness or weakness"),
        _("sharp pain that keeps getting worse instead of settling"),
    )


def stop_rules_heading() -> str:
    return _("Stop and get help if you have")


def soreness_note() -> str:
    return _("Mild soreness that settles within a day or two is normal and is not a sign of harm.")


def unwell_advice(overrides=None) -> str:
    """What to do after stopping a routine because you feel unwell."""
    emergency, urgent = advice(EMERGENCY, overrides), advice(URGENT, overrides)
    call = (_("call {number} now").format(number=emergency.number) if emergency.number
            else _("get emergency help now ({service})").format(service=emergency.service))
    later = _("speak to your own doctor today, or {call}").format(call=call_text(urgent.service, urgent.number))
    return _("You did the right thing to stop. Sit or lie down somewhere comfortable and rest. If you have chest "
             "pain or pressure, are very short of breath, or feel faint, {call}. If new numbness or weakness, or "
             "sharp pain that is getting worse, does not settle with rest, {later}.").format(call=call, later=later)


# --- answers, levels and escalations ---

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


def highest(levels: Sequence[str]) -> str:
    return max(levels, key=_RANK.__getitem__, default=NONE)


def yes_questions(answers: Mapping[str, bool]) -> list[RedFlagQuestion]:
    """The questions answered yes, highest level first."""
    chosen = [q for q in red_flag_questions() if answers.get(q.id)]
    return sorted(chosen, key=lambda q: -_RANK[q.level])


def parse_answers(data) -> dict[str, bool]:
    """A {question id: "yes"|"no"} mapping (as a clinic's script writes it) -> {id: bool}; ValueError with one
    clear reason for anything else."""
    if not isinstance(data, Mapping):
        raise ValueError(_("the answers must be a JSON object mapping question ids to \"yes\" or \"no\""))
    if not data:
        raise ValueError(_("there are no answers in the file"))
    answers = {}
    for key, value in data.items():
        if not is_question(key):
            raise ValueError(_("'{id}' is not a safety question id (see `safety questions --when first`)").format(
                id=key))
        if value not in ("yes", "no"):
            raise ValueError(_("the answer to '{id}' must be \"yes\" or \"no\", not {value!r}").format(
                id=key, value=value))
        answers[key] = value == "yes"
    return answers


@dataclass(frozen=True)
class SafetyCheck:
    """One round of red-flag questions as recorded: each answer with the time it was given (and any earlier
    answer it replaced, under "earlier")."""

    context: str
    started_at: str
    answers: Mapping[str, Mapping]      # question id -> {"yes": bool, "at": ISO time, "earlier": [...]}
    escalation: str = NONE              # the highest level reached (kept even if an answer is corrected)
    completed_at: str | None = None
    advice_shown_at: str | None = None
    advice_seen_at: str | None = None
    id: int | None = None

    @property
    def yes_answers(self) -> dict[str, bool]:
        return {qid: bool(a.get("yes")) for qid, a in self.answers.items()}

    @property
    def advice_pending(self) -> bool:
        """An emergency or urgent "yes" was recorded but the person has not yet confirmed they saw the advice."""
        return (self.escalation in ESCALATING and self.advice_seen_at is None
                and escalation(self.yes_answers) in ESCALATING)


@dataclass(frozen=True)
class EscalationEvent:
    kind: str           # opened | raised | corrected | not-yet | assessed
    at: str
    question_id: str | None = None


@dataclass(frozen=True)
class Escalation:
    """An emergency or urgent answer and what has happened since. Open until the person records that they
    have been checked ("assessed"), or corrects every answer that caused it as a wrong press."""

    id: int
    level: str
    question_ids: tuple[str, ...]
    opened_at: str
    closed_at: str | None = None
    closed_how: str | None = None       # "assessed" | "corrected"
    events: tuple[EscalationEvent, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def last_update(self) -> EscalationEvent | None:
        updates = [e for e in self.events if e.kind in (NOT_YET, ASSESSED)]
        return updates[-1] if updates else None

    def as_dict(self) -> dict:
        return {"level": self.level, "since": self.opened_at, "question_ids": list(self.question_ids)}


# Parts of the app the first check (and an open escalation) can hold back.
SESSIONS, FUNCTION_CHECK_FEATURE, ROUTINES, GOALS = "sessions", "function_check", "routines", "goals"


@dataclass(frozen=True)
class SafetyStatus:
    """What the safety checks mean for the rest of the app right now."""

    first_check_complete: bool
    open_escalation: Escalation | None = None

    @property
    def programme_paused(self) -> bool:
        """The programme does not move on: no first check yet, or an escalation is open."""
        return not self.first_check_complete or self.open_escalation is not None

    @property
    def step_up_allowed(self) -> bool:
        return self.first_check_complete and self.open_escalation is None

    @property
    def congratulate(self) -> bool:
        return self.open_escalation is None

    @property
    def routines_paused(self) -> bool:
        """No exercise routines at all while a possible emergency has not been checked."""
        return self.open_escalation is not None and self.open_escalation.level == EMERGENCY

    def blocked_reason(self, feature: str) -> str | None:
        """A sentence saying why this part cannot be opened now, or None."""
        if not self.first_check_complete:
            return _("Please answer the safety questions first. They take about two minutes, and then the "
                     "programme opens.")
        if feature == ROUTINES and self.routines_paused:
            return _("Exercise routines are paused until a doctor has checked what you told us. When you have "
                     "been checked, record it on the notice at the top of the window.")
        return None

    def as_dict(self) -> dict:
        return {"first_check_complete": self.first_check_complete,
                "open_escalation": self.open_escalation.as_dict() if self.open_escalation else None,
                "programme_paused": self.programme_paused}


def escalation_notice(escalation_: Escalation, overrides=None) -> tuple[str, str]:
    """(title, text) for the notice shown on every page while an escalation is open."""
    found = advice(escalation_.level, overrides)
    update = escalation_.last_update
    if update is not None and update.kind == NOT_YET:
        text = _("You told us you have not been checked yet. {advice} Until then, the app will not suggest "
                 "stepping up or harder exercises.").format(advice=found.text)
    else:
        text = found.text + " " + _("Until you have been checked, the app will not suggest stepping up or "
                                     "harder exercises.")
    return found.title, text


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


def feedback_while_escalated(feedback):
    """A weekly review's feedback while an escalation is open: no congratulations, no step-up offered or
    suggested; keeping the goal (or making it smaller) are the choices. `feedback` is a ReviewFeedback."""
    from dataclasses import replace as _replace

    from sb_desktop.domain.goals import KEEP, LOWER, STEP_UP

    options = tuple(d for d in feedback.options if d != STEP_UP)
    recommended = feedback.recommended if feedback.recommended in options else KEEP
    if recommended not in (KEEP, LOWER):
        recommended = KEEP
    message = _("Thank you for keeping going this week. Because of what you told us in the safety questions, "
                "this is a week to keep things as they are until a doctor has checked you. Gentle activity you "
                "already do is fine, unless the doctor tells you otherwise.")
    return _replace(feedback, message=message, options=options, recommended=recommended)
