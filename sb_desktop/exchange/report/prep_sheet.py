"""The support-call prep sheet: one or two pages to have in front of you on a call with the physiotherapist.

It reuses the summary's sections (safety answers first, the weeks at a glance, what the data says, the goal
and its reviews) over the last four weeks, and adds what got in the way at the last review, the planned calls
and room for the person's own questions and for what is agreed."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sb_desktop.i18n import _

PREP_WEEKS = 4


def prep_range(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    end = today or dt.date.today()
    return end - dt.timedelta(weeks=PREP_WEEKS) + dt.timedelta(days=1), end


def build_prep_sheet(data, *, questions: str = "", barriers: Sequence[str] = (), next_call: dt.date | None = None,
                     agreed_last: str = "", paper: str = "a4") -> bytes:
    """The prep sheet as PDF bytes (`data` is the summary's ReportData for the last four weeks)."""
    from sb_desktop.exchange.report.pdf import (
        MUTED,
        _new_document,
        chair_stand_section,
        glance_section,
        goals_section,
        heading,
        insights_section,
        paragraph,
        safety_section,
    )

    doc = _new_document(data, paper)
    doc.set_font("Body", "B", 16)
    doc.cell(0, 9, _("Getting ready for your support call"), new_x="LMARGIN", new_y="NEXT")
    paragraph(doc, _("{person} · the last {weeks} weeks, {start} to {end}").format(
        person=data.person, weeks=PREP_WEEKS, start=data.start.strftime("%d %b %Y"),
        end=data.end.strftime("%d %b %Y")), colour=MUTED)
    if next_call is not None:
        paragraph(doc, _("Next call: {date}").format(date=next_call.strftime("%A %d %B %Y")), bold=True)
    if agreed_last:
        paragraph(doc, _("Agreed at the last call: {agreed}").format(agreed=agreed_last))
    for section in (safety_section, glance_section, insights_section, goals_section, chair_stand_section):
        section(doc, data)
    heading(doc, _("What got in the way (your last review)"))
    paragraph(doc, ", ".join(barriers) if barriers else _("Nothing was ticked."))
    heading(doc, _("My questions for the call"))
    paragraph(doc, questions.strip() or _("(Write them here.)"))
    for _line in range(3 if not questions.strip() else 1):
        paragraph(doc, "_" * 80, colour=MUTED)
    heading(doc, _("What we agreed"))
    for _line in range(4):
        paragraph(doc, "_" * 80, colour=MUTED)
    return bytes(doc.output())


def prep_sheet_for_profile(profile, clinic=None, *, paper: str = "a4", today: dt.date | None = None) -> bytes:
    """Gather everything the prep sheet shows from an open profile and build it."""
    from sb_desktop.domain.calls import next_call_date, support_plan
    from sb_desktop.domain.settings import CALL_QUESTIONS
    from sb_desktop.exchange.report import gather_report_data

    start, end = prep_range(today)
    data = gather_report_data(profile, start, end, clinic=clinic)
    records = profile.calls.records()
    plan = support_plan(profile.overview(end).programme_start, records, clinic)
    reviews = profile.goals.reviews()
    barriers = _barrier_words(reviews[0].barriers) if reviews else []   # reviews() is newest first
    return build_prep_sheet(data, questions=profile.settings.read(CALL_QUESTIONS) or "", barriers=barriers,
                            next_call=next_call_date(plan, records, end),
                            agreed_last=records[-1].agreed if records else "", paper=paper)


def _barrier_words(keys: Sequence[str]) -> list[str]:
    from sb_desktop.domain.review import barrier_label
    return [barrier_label(key) for key in keys]
