"""The 30-second chair stand: a self-check of leg strength and function that partly stands in for the physical
assessment a phone call cannot give. Count full stands (up to standing straight, back down to sitting) in 30
seconds, arms crossed, from a steady chair; stop at any time. Done at the start and every two weeks."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sb_desktop.domain.entries import now_iso, parse_date
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.measures import QuestionnaireResponse
from sb_desktop.domain.safety import stop_rules
from sb_desktop.i18n import _

CHAIR_STAND = "chair_stand"
TEST_SECONDS = 30
MAX_STANDS = 50          # more than anyone manages in 30 seconds: a typing slip
RECHECK_DAYS = 14
# FHIR: no LOINC code for the 30-second chair stand was found, so the export uses this local code system.
CODE_SYSTEM = "urn:sb-desktop:self-check"
CODE = "chair-stand-30s"


@dataclass(frozen=True)
class ChairStandResult:
    date: dt.date
    stands: int
    stopped_early: bool = False


def make_chair_stand(stands, *, date=None, stopped_early: bool = False) -> QuestionnaireResponse:
    """Validate a count of full stands (0 to 50) into a stored response, or raise ValidationError."""
    text = str(stands).strip()
    if isinstance(stands, bool) or not text.isdigit():
        raise ValidationError(_("The number of stands must be a whole number from 0 to {n}.").format(n=MAX_STANDS))
    count = int(text)
    if count > MAX_STANDS:
        raise ValidationError(_("{n} stands in 30 seconds is more than anyone manages; check the number (0 to "
                                "{max}).").format(n=count, max=MAX_STANDS))
    day = parse_date(date)
    return QuestionnaireResponse(CHAIR_STAND, day, {"stands": count, "seconds": TEST_SECONDS,
                                                    "stopped_early": bool(stopped_early)}, float(count), now_iso())


def chair_stand_history(responses: Sequence[QuestionnaireResponse]) -> list[ChairStandResult]:
    """Every chair stand, oldest first."""
    results = [ChairStandResult(r.date, int(r.answers.get("stands", r.score)), bool(r.answers.get("stopped_early")))
               for r in responses if r.questionnaire == CHAIR_STAND]
    return sorted(results, key=lambda r: r.date)


def chair_stand_due(history: Sequence[ChairStandResult], today: dt.date) -> bool:
    """Due at the start (never done) and again two weeks after the last one."""
    return not history or (today - history[-1].date).days >= RECHECK_DAYS


def safety_steps() -> list[str]:
    return [
        _("Use a steady chair without wheels, with its back against a wall so it cannot slide."),
        _("Sit in the middle of the seat, feet flat on the floor, arms crossed over your chest."),
        _("Stand up straight, then sit all the way back down. That is one stand."),
        _("Go at a pace that feels safe. You can stop at any time."),
        # The exercise stop rules come from the one safety source, as on every routine.
        _("Stop straight away and get help if you have any of these: {rules}.").format(rules="; ".join(stop_rules())),
        _("If you cannot stand up without using your arms, use them, and say so when you write the number down."),
    ]


def describe_change(history: Sequence[ChairStandResult]) -> str:
    """Plain words about the latest result against the first, without judging."""
    if not history:
        return _("Not done yet.")
    last = history[-1]
    if len(history) == 1:
        return _("{n} stands on {date}.").format(n=last.stands, date=last.date.strftime("%d %b %Y"))
    first = history[0]
    change = last.stands - first.stands
    if change > 0:
        return _("{n} stands, {d} more than your first check.").format(n=last.stands, d=change)
    if change < 0:
        return _("{n} stands, {d} fewer than your first check. Some days are harder; it is worth mentioning to "
                 "your physiotherapist if it stays lower.").format(n=last.stands, d=-change)
    return _("{n} stands, the same as your first check.").format(n=last.stands)
