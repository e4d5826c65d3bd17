"""Topics suggested for the person: from their "About you" answers, STarT Back and what got in the way lately.

Plain rules, no chance: the same answers always give the same suggestions in the same order, each with one
kind line saying why. Every topic stays open to everyone; suggestions only decide what is shown first.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.measures import HIGH_RISK, LOW_RISK, MEDIUM_RISK, QuestionnaireResponse
from sb_desktop.domain.review import BARRIER_MODULES, KNOWN_BARRIERS, OTHER, TIME, barrier_label
from sb_desktop.i18n import _

ABOUT_YOU = "about_you"   # the questionnaire kind in the measures store

# How much the person expects the programme to help.
EXPECT_A_LOT, EXPECT_A_LITTLE, EXPECT_NOT_SURE, EXPECT_NOT_MUCH = "a_lot", "a_little", "not_sure", "not_much"
EXPECTATIONS = (EXPECT_A_LOT, EXPECT_A_LITTLE, EXPECT_NOT_SURE, EXPECT_NOT_MUCH)

# Whether they think pain means their back is being damaged.
DAMAGE_NO, DAMAGE_NOT_SURE, DAMAGE_YES = "no", "not_sure", "yes"
DAMAGE_BELIEFS = (DAMAGE_NO, DAMAGE_NOT_SURE, DAMAGE_YES)

# What they find hardest (any number).
HARD_STARTING, HARD_SITTING, HARD_LIFTING, HARD_SLEEP = "starting", "sitting", "lifting", "sleep"
HARD_WORK, HARD_MOOD, HARD_FLARE_UPS = "work", "mood", "flare_ups"
HARDEST = (HARD_STARTING, HARD_SITTING, HARD_LIFTING, HARD_SLEEP, HARD_WORK, HARD_MOOD, HARD_FLARE_UPS)

HARDEST_MODULES = {
    HARD_STARTING: "moving-is-hard",
    HARD_SITTING: "daily-living",
    HARD_LIFTING: "daily-living",
    HARD_SLEEP: "sleep",
    HARD_WORK: "work",
    HARD_MOOD: "mood",
    HARD_FLARE_UPS: "flare-ups",
}

# Support and reassurance topics for the STarT Back higher group. "worry" may not be in every pack (or not
# yet): topics missing from the pack are skipped without a word.
HIGHER_GROUP_TOPICS = ("hurt-not-harm", "will-this-work", "mood", "worry")
MEDIUM_GROUP_TOPICS = ("moving-is-hard",)

# Ties are broken in this order: support and reassurance first, then practical topics.
TOPIC_ORDER = ("hurt-not-harm", "will-this-work", "feared-movements", "worry", "mood", "moving-is-hard",
               "flare-ups", "sleep", "work", "daily-living", "relieving-pain", "leg-pain")

MAX_SUGGESTIONS = 3

# Barriers whose help is not a topic to choose: "no time" leads to pacing, a page of session 2 (the review
# opens it), and "something else" says too little to choose a topic on.
NOT_A_TOPIC = (TIME, OTHER)

# How much each kind of answer weighs. A barrier from the latest review is the freshest news; the start
# answers come next; the STarT Back group adds weight to the support topics (enough to put them first
# when nothing else was said, never enough to hide what the person named).
LATEST_REVIEW, EARLIER_REVIEW = 4, 2
DAMAGE_WEIGHT, NOT_SURE_DAMAGE_WEIGHT, EXPECT_WEIGHT, HARDEST_WEIGHT = 4, 3, 4, 3
HIGHER_GROUP_WEIGHT, MEDIUM_GROUP_WEIGHT = 3, 1


def expectation_labels() -> dict[str, str]:
    return {
        EXPECT_A_LOT: _("A lot"),
        EXPECT_A_LITTLE: _("A little"),
        EXPECT_NOT_SURE: _("I am not sure"),
        EXPECT_NOT_MUCH: _("Not much"),
    }


def damage_labels() -> dict[str, str]:
    return {
        DAMAGE_NO: _("No"),
        DAMAGE_NOT_SURE: _("I am not sure"),
        DAMAGE_YES: _("Yes, I think so"),
    }


def hardest_labels() -> dict[str, str]:
    return {
        HARD_STARTING: _("Getting started when I am stiff or sore"),
        HARD_SITTING: _("Sitting for long"),
        HARD_LIFTING: _("Lifting and bending"),
        HARD_SLEEP: _("Sleeping"),
        HARD_WORK: _("Work"),
        HARD_MOOD: _("Keeping my spirits up"),
        HARD_FLARE_UPS: _("Bad spells of pain (flare-ups)"),
    }


@dataclass(frozen=True)
class AboutYou:
    """The start answers; any of them may be left unanswered."""

    expectation: str | None = None
    damage_belief: str | None = None
    hardest: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        return self.expectation is not None or self.damage_belief is not None or bool(self.hardest)

    def as_answers(self) -> dict:
        return {"expectation": self.expectation, "damage_belief": self.damage_belief, "hardest": list(self.hardest)}


def about_you(expectation: str | None, damage_belief: str | None, hardest: Sequence[str] = ()) -> AboutYou:
    """Check the answers; an unknown answer is refused with a message, never dropped."""
    if expectation is not None and expectation not in EXPECTATIONS:
        raise ValidationError(_("Choose one of the answers to 'how much do you expect this to help?'."))
    if damage_belief is not None and damage_belief not in DAMAGE_BELIEFS:
        raise ValidationError(_("Choose one of the answers to 'does pain mean your back is being damaged?'."))
    unknown = [h for h in hardest if h not in HARDEST]
    if unknown:
        raise ValidationError(_("'{answer}' is not one of the listed things.").format(answer=unknown[0]))
    chosen = tuple(h for h in HARDEST if h in hardest)    # the listed order, each once
    answers = AboutYou(expectation, damage_belief, chosen)
    if not answers.answered:
        raise ValidationError(_("Answer at least one question, or choose 'Not now' to skip them."))
    return answers


def make_about_you(answers: AboutYou, *, date: dt.date | None = None) -> QuestionnaireResponse:
    checked = about_you(answers.expectation, answers.damage_belief, answers.hardest)
    return QuestionnaireResponse(ABOUT_YOU, date or dt.date.today(), checked.as_answers(), 0.0, now_iso())


def read_about_you(response: QuestionnaireResponse | None) -> AboutYou | None:
    """The stored answers, or None. Answers this version does not know are left out rather than guessed."""
    if response is None:
        return None
    raw = response.answers if isinstance(response.answers, Mapping) else {}
    expectation = raw.get("expectation") if raw.get("expectation") in EXPECTATIONS else None
    damage = raw.get("damage_belief") if raw.get("damage_belief") in DAMAGE_BELIEFS else None
    stored = raw.get("hardest")
    hardest: list = stored if isinstance(stored, list) else []
    return AboutYou(expectation, damage, tuple(h for h in HARDEST if h in hardest))


@dataclass(frozen=True)
class Suggestion:
    module_id: str
    reason: str


def _expectation_reason(expectation: str) -> str:
    if expectation == EXPECT_NOT_MUCH:
        return _("Because you said you did not expect it to help much")
    return _("Because you said you were not sure it would help")


def _hardest_reason(hard: str) -> str:
    return {
        HARD_STARTING: _("Because you said getting started is hard when you are stiff or sore"),
        HARD_SITTING: _("Because you said sitting for long is hard"),
        HARD_LIFTING: _("Because you said lifting and bending are hard"),
        HARD_SLEEP: _("Because you said sleeping is hard at the moment"),
        HARD_WORK: _("Because you said work is hard with your back"),
        HARD_MOOD: _("Because you said keeping your spirits up is hard"),
        HARD_FLARE_UPS: _("Because you said bad spells of pain are hard"),
    }[hard]


def _barrier_reason(barrier: str) -> str:
    return _("Because in a recent review you said: \u201c{barrier}\u201d").format(barrier=barrier_label(barrier))


def suggest_topics(start: AboutYou | None, startback_risk: str | None,
                   recent_barriers: Sequence[Sequence[str]], available: Collection[str],
                   *, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Topics to show first, most fitting first, each with its reason.

    `recent_barriers` holds the barriers of recent reviews, the latest first; `available` the module ids in
    the pack (anything else is skipped). Each topic's weight is the sum of what points to it; its reason is
    the one that weighed most (the first given, when two weigh the same).
    """
    weights: dict[str, int] = {}
    reasons: dict[str, tuple[int, str]] = {}

    def add(module_id: str, weight: int, reason: str) -> None:
        if module_id not in available:
            return
        weights[module_id] = weights.get(module_id, 0) + weight
        if module_id not in reasons or weight > reasons[module_id][0]:
            reasons[module_id] = (weight, reason)

    for index, barriers in enumerate(recent_barriers[:2]):
        for barrier in barriers:
            if barrier in KNOWN_BARRIERS and barrier not in NOT_A_TOPIC:
                add(BARRIER_MODULES[barrier], LATEST_REVIEW if index == 0 else EARLIER_REVIEW, _barrier_reason(barrier))
    if start is not None:
        if start.damage_belief == DAMAGE_YES:
            reason = _("Because you said you think pain may mean your back is being damaged")
            add("hurt-not-harm", DAMAGE_WEIGHT, reason)
            add("feared-movements", DAMAGE_WEIGHT - 2, reason)   # after what the person named as hardest
        elif start.damage_belief == DAMAGE_NOT_SURE:
            add("hurt-not-harm", NOT_SURE_DAMAGE_WEIGHT,
                _("Because you were not sure whether pain means your back is being damaged"))
        if start.expectation in (EXPECT_NOT_SURE, EXPECT_NOT_MUCH):
            add("will-this-work", EXPECT_WEIGHT, _expectation_reason(start.expectation))
        for hard in start.hardest:
            add(HARDEST_MODULES[hard], HARDEST_WEIGHT, _hardest_reason(hard))
    if startback_risk == HIGH_RISK:
        for module_id in HIGHER_GROUP_TOPICS:
            add(module_id, HIGHER_GROUP_WEIGHT,
                _("Because your screening answers suggest pain and worry are weighing on you just now"))
    elif startback_risk == MEDIUM_RISK:
        for module_id in MEDIUM_GROUP_TOPICS:
            add(module_id, MEDIUM_GROUP_WEIGHT,
                _("Because your screening answers suggest your back is making everyday things harder"))

    def order(module_id: str) -> tuple[int, int, str]:
        rank = TOPIC_ORDER.index(module_id) if module_id in TOPIC_ORDER else len(TOPIC_ORDER)
        return (-weights[module_id], rank, module_id)

    return [Suggestion(m, reasons[m][1]) for m in sorted(weights, key=order)[:limit]]


def startback_explanation(risk: str) -> str:
    """What a STarT Back result means for the person, in plain and calm words: never a bare label."""
    if risk == HIGH_RISK:
        return _("Your answers suggest that pain and worry are weighing on you at the moment. That is common. "
                 "It is why the programme will first suggest a few topics on support and reassurance, such as "
                 "why hurt does not mean harm. You could mention it at your next support call or appointment.")
    if risk == MEDIUM_RISK:
        return _("Your answers suggest your back is getting in the way of some everyday things, while worry is "
                 "not weighing on you much. Steady, gentle activity built up a little at a time suits this well, "
                 "so the programme will suggest a topic on making movement easier. You could mention it at your "
                 "next support call.")
    if risk == LOW_RISK:
        return _("Your answers suggest your back is not troubling you a great deal at the moment. Keeping "
                 "active and following the programme at your own pace is a good plan.")
    raise ValidationError(_("'{risk}' is not a screening result.").format(risk=risk))
