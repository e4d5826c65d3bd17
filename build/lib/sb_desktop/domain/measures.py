"""Questionnaires: Patient-Specific Functional Scale, global rating of change, and STarT Back scoring."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sb_desktop.domain.entries import now_iso
from sb_desktop.domain.errors import ValidationError
from sb_desktop.i18n import _

PSFS, GROC, STARTBACK = "psfs", "groc", "startback"
QUESTIONNAIRES = (PSFS, GROC, STARTBACK)

PSFS_MIN_ITEMS, PSFS_MAX_ITEMS = 3, 5
PSFS_CITATION = "Stratford P, Gill C, Westaway M, Binkley J. Physiotherapy Canada 1995;47:258-263."
STARTBACK_NOTICE = "STarT Back Tool © Keele University"
GROC_WEEKS = (6, 12)
MAX_ACTIVITY_NAME = 80


@dataclass(frozen=True)
class QuestionnaireResponse:
    """One completed questionnaire as stored: answers as plain JSON-able data, and its score."""

    questionnaire: str
    date: dt.date
    answers: Mapping
    score: float
    recorded_at: str = ""
    id: int | None = None


# --- Patient-Specific Functional Scale ---

def psfs_items(ratings: Sequence[tuple[str, object]]) -> list[dict]:
    """Validate (activity, 0-10) pairs: 3 to 5 different activities the person named."""
    items, seen = [], set()
    for name, score in ratings:
        name = (name or "").strip()
        if not name:
            continue
        if len(name) > MAX_ACTIVITY_NAME or "\x00" in name:
            raise ValidationError(_("An activity name can be at most {n} characters.").format(n=MAX_ACTIVITY_NAME))
        if name.casefold() in seen:
            raise ValidationError(_("'{name}' is listed twice; name each activity once.").format(name=name))
        seen.add(name.casefold())
        items.append({"activity": name, "score": _rating(score, name)})
    if not PSFS_MIN_ITEMS <= len(items) <= PSFS_MAX_ITEMS:
        raise ValidationError(_("Name between {low} and {high} activities, and rate each from 0 to 10.").format(
            low=PSFS_MIN_ITEMS, high=PSFS_MAX_ITEMS))
    return items


def _rating(score, name: str) -> int:
    if isinstance(score, bool) or score is None or score == "":
        raise ValidationError(_("Rate '{name}' from 0 to 10.").format(name=name))
    try:
        value = int(score)
    except (TypeError, ValueError):
        raise ValidationError(_("Rate '{name}' from 0 to 10.").format(name=name)) from None
    if value != score and not (isinstance(score, str) and score.strip() == str(value)):
        raise ValidationError(_("Rate '{name}' with a whole number from 0 to 10.").format(name=name))
    if not 0 <= value <= 10:
        raise ValidationError(_("Rate '{name}' from 0 to 10.").format(name=name))
    return value


def psfs_score(items: Sequence[Mapping]) -> float:
    """The PSFS score: the mean of the activity ratings (0 = unable, 10 = as before), to one decimal."""
    return round(sum(item["score"] for item in items) / len(items), 1)


def make_psfs(ratings: Sequence[tuple[str, object]], *, date: dt.date | None = None) -> QuestionnaireResponse:
    items = psfs_items(ratings)
    return QuestionnaireResponse(PSFS, date or dt.date.today(), {"items": items}, psfs_score(items), now_iso())


def psfs_previous(responses: Sequence[QuestionnaireResponse]) -> list[tuple[str, int]]:
    """(activity, rating) from the latest PSFS, so the weekly re-rating asks about the same activities."""
    latest = sorted((r for r in responses if r.questionnaire == PSFS), key=lambda r: (r.date, r.id or 0))
    if not latest:
        return []
    return [(item["activity"], item["score"]) for item in latest[-1].answers["items"]]


@dataclass(frozen=True)
class PsfsPoint:
    date: dt.date
    score: float
    change: float          # change from the first (baseline) score


def psfs_history(responses: Sequence[QuestionnaireResponse]) -> list[PsfsPoint]:
    """PSFS scores oldest first, each with its change from the first one."""
    psfs = sorted((r for r in responses if r.questionnaire == PSFS), key=lambda r: (r.date, r.id or 0))
    if not psfs:
        return []
    baseline = psfs[0].score
    return [PsfsPoint(r.date, r.score, round(r.score - baseline, 1)) for r in psfs]


# --- Global rating of change ---

def groc_labels() -> dict[int, str]:
    return {
        -3: _("Very much worse"), -2: _("Much worse"), -1: _("A little worse"), 0: _("About the same"),
        1: _("A little better"), 2: _("Much better"), 3: _("Very much better"),
    }


def make_groc(value, *, week: int, date: dt.date | None = None) -> QuestionnaireResponse:
    if isinstance(value, bool) or value not in groc_labels():
        raise ValidationError(_("Choose one of the seven answers, from 'very much worse' to 'very much better'."))
    return QuestionnaireResponse(GROC, date or dt.date.today(), {"value": int(value), "week": int(week)},
                                 float(value), now_iso())


def programme_week(start: dt.date, today: dt.date) -> int:
    """1 during the first 7 days from start, 2 in the next 7, and so on."""
    return (today - start).days // 7 + 1


def groc_due(start: dt.date | None, today: dt.date, responses: Sequence[QuestionnaireResponse]) -> int | None:
    """The week (6 or 12) whose global rating is due and not yet given, or None."""
    if start is None:
        return None
    week = programme_week(start, today)
    done = {r.answers.get("week") for r in responses if r.questionnaire == GROC}
    for due_week in reversed(GROC_WEEKS):
        if week >= due_week:
            return None if due_week in done else due_week
    return None


# --- STarT Back (optional screening) ---
# Published structure (Hill et al. 2008): items 1-8 agree (1) / disagree (0); item 9 bothersomeness on
# a 5-point scale, scoring 1 for "very much" or "extremely". Total 0-9; psychosocial subscale = items 5-9.
# total <= 3 -> low risk; otherwise psychosocial <= 3 -> medium; psychosocial >= 4 -> high.

STARTBACK_PSYCHOSOCIAL = (5, 6, 7, 8, 9)
LOW_RISK, MEDIUM_RISK, HIGH_RISK = "low", "medium", "high"


def startback_topics() -> dict[int, str]:
    """What each item is about, in our own neutral words (the licensed wording is not bundled)."""
    return {
        1: _("Leg pain: in the past fortnight, pain has travelled from my back into a leg."),
        2: _("Neck or shoulders: I have also had pain in my neck or shoulders in the past fortnight."),
        3: _("Walking: my back has kept my walks short."),
        4: _("Dressing: getting dressed has taken me longer because of my back."),
        5: _("Activity: I believe being active is risky for a back like mine."),
        6: _("Worry: my mind has often been busy with worrying thoughts."),
        7: _("Outlook: my back pain feels awful and I doubt it will ever improve."),
        8: _("Enjoyment: lately I have got little pleasure from things I normally like."),
        9: _("Bother: over the past fortnight, how much has your back pain troubled you?"),
    }


def startback_bother_options() -> list[str]:
    return [_("Not at all"), _("Slightly"), _("Moderately"), _("Very much"), _("Extremely")]


@dataclass(frozen=True)
class StartBackScore:
    total: int
    psychosocial: int
    risk: str


def score_startback(agree: Mapping[int, bool], bothersomeness: int) -> StartBackScore:
    """Score items 1-8 (True = agree) and item 9 (0 not at all .. 4 extremely)."""
    if set(agree) != set(range(1, 9)) or any(not isinstance(v, bool) for v in agree.values()):
        raise ValidationError(_("Answer agree or disagree for each of the first eight statements."))
    if isinstance(bothersomeness, bool) or bothersomeness not in range(5):
        raise ValidationError(_("Choose how bothersome your back pain has been."))
    points = {n: int(agree[n]) for n in range(1, 9)}
    points[9] = int(bothersomeness >= 3)
    total = sum(points.values())
    psychosocial = sum(points[n] for n in STARTBACK_PSYCHOSOCIAL)
    if total <= 3:
        risk = LOW_RISK
    elif psychosocial <= 3:
        risk = MEDIUM_RISK
    else:
        risk = HIGH_RISK
    return StartBackScore(total, psychosocial, risk)


def make_startback(agree: Mapping[int, bool], bothersomeness: int, *, wording: str = "paraphrase",
                   date: dt.date | None = None) -> QuestionnaireResponse:
    result = score_startback(agree, bothersomeness)
    answers = {"agree": {str(k): v for k, v in sorted(agree.items())}, "bothersomeness": bothersomeness,
               "psychosocial": result.psychosocial, "risk": result.risk, "wording": wording}
    return QuestionnaireResponse(STARTBACK, date or dt.date.today(), answers, float(result.total), now_iso())


def risk_label(risk: str) -> str:
    return {LOW_RISK: _("lower risk"), MEDIUM_RISK: _("medium risk"), HIGH_RISK: _("higher risk")}[risk]
