"""The appointment summary as a PDF: a list of independent section builders over plain ReportData."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sb_desktop.exchange.report.data import ReportData
from sb_desktop.i18n import _

PAPER_FORMATS = {"a4": "A4", "letter": "Letter"}
MARGIN_MM = 15
BODY_PT = 9.5
INK = (33, 37, 41)
MUTED = (100, 106, 112)
ALERT = (150, 20, 20)
ALERT_FILL = (253, 232, 232)
RULE = (190, 196, 202)
MISSING_MARK = "\u25a1"   # a white square: the visible stand-in for a character the font cannot draw


def _font_paths() -> tuple[str, str]:
    # DejaVu Sans ships inside matplotlib (so also inside the app bundle) and covers the characters
    # people type: curly quotes, accents, non-Latin names. PDF core fonts are Latin-1 only.
    from pathlib import Path

    import matplotlib
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return str(folder / "DejaVuSans.ttf"), str(folder / "DejaVuSans-Bold.ttf")


def _new_document(data: ReportData, paper: str):
    from fpdf import FPDF

    class SummaryDocument(FPDF):
        replaced: set[str] = set()

        def normalize_text(self, text: str) -> str:
            """Every character the font cannot draw (some emoji, Chinese, Japanese...) becomes a visible
            MISSING_MARK instead of silently vanishing; the last page then says so."""
            text = super().normalize_text(text)
            cmap = getattr(self.current_font, "cmap", None)
            if not cmap:
                return text
            kept = []
            for char in text:
                if ord(char) in cmap or char in "\n\r\t":
                    kept.append(char)
                else:
                    self.replaced.add(char)
                    kept.append(MISSING_MARK)
            return "".join(kept)

        def header(self):
            if self.page_no() == 1:
                return
            self.set_font("Body", "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(0, 5, _("SupportBack summary for {person}, {start} to {end}").format(
                person=data.person, start=_day(data.start), end=_day(data.end)), new_x="LMARGIN", new_y="NEXT")
            self.ln(2)
            self.set_text_color(*INK)

        def footer(self):
            self.set_y(-12)
            self.set_font("Body", "", 7.5)
            self.set_text_color(*MUTED)
            self.cell(0, 5, _("Written by the person themselves in SupportBack Desktop; not a clinical record. "
                              "Page {page} of {pages}").format(page=self.page_no(), pages="{nb}"), align="C")
            self.set_text_color(*INK)

    if paper not in PAPER_FORMATS:
        raise ValueError(paper)
    doc = SummaryDocument(orientation="portrait", unit="mm", format=PAPER_FORMATS[paper])
    doc.replaced = set()
    regular, bold = _font_paths()
    doc.add_font("Body", "", regular)
    doc.add_font("Body", "B", bold)
    doc.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    doc.set_auto_page_break(True, margin=16)
    doc.set_title(_("SupportBack summary"))
    doc.set_creator("SupportBack Desktop")
    doc.set_creation_date(data.generated_at)
    doc.set_text_color(*INK)
    doc.add_page()
    return doc


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _short(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _fmt(value, digits=1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else f"{value:,}"


# --- drawing helpers ---

def heading(doc, text: str, *, colour=INK, space_needed: float = 25) -> None:
    if doc.will_page_break(space_needed):
        doc.add_page()
    doc.ln(3)
    doc.set_font("Body", "B", 12)
    doc.set_text_color(*colour)
    doc.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    doc.set_draw_color(*RULE)
    doc.line(doc.l_margin, doc.get_y(), doc.w - doc.r_margin, doc.get_y())
    doc.ln(1.5)
    doc.set_text_color(*INK)
    doc.set_font("Body", "", BODY_PT)


def paragraph(doc, text: str, *, bold: bool = False, colour=INK, size: float = BODY_PT) -> None:
    doc.set_font("Body", "B" if bold else "", size)
    doc.set_text_color(*colour)
    doc.multi_cell(0, size * 0.48, text, new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(*INK)
    doc.set_font("Body", "", BODY_PT)


def table(doc, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          aligns: Sequence[str] | None = None) -> None:
    from fpdf.fonts import FontFace
    doc.set_font("Body", "", 8.5)
    aligns = aligns or ["LEFT"] + ["RIGHT"] * (len(header) - 1)
    with doc.table(col_widths=widths, text_align=tuple(aligns), line_height=4.6, padding=(0.8, 1.5),
                   headings_style=FontFace(emphasis="BOLD", fill_color=(236, 240, 243)),
                   cell_fill_color=(248, 249, 250), cell_fill_mode="EVEN_ROWS",
                   borders_layout="HORIZONTAL_LINES", width=doc.epw, repeat_headings=1) as grid:
        grid.row(list(header))
        for values in rows:
            grid.row([str(v) for v in values])
    doc.set_font("Body", "", BODY_PT)
    doc.ln(1)


# --- sections: each draws one part from plain data, and nothing else ---

def title_section(doc, data: ReportData) -> None:
    doc.set_font("Body", "B", 17)
    doc.cell(0, 9, _("Back pain self-management summary"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("Body", "", 10.5)
    doc.cell(0, 6, _("{person}  ·  {start} to {end} ({days} days)").format(
        person=data.person, start=_day(data.start), end=_day(data.end), days=(data.end - data.start).days + 1),
        new_x="LMARGIN", new_y="NEXT")
    paragraph(doc, _("Made with SupportBack Desktop on {date}. Everything here was entered or imported by the "
                     "person; pain is rated 0 (no pain) to 10 (worst imaginable).").format(
        date=_day(data.generated_at.date())), colour=MUTED, size=8.5)


def open_escalation_section(doc, data: ReportData) -> None:
    """First after the title: an emergency or urgent answer that has not been resolved."""
    row = data.open_escalation
    if row is None:
        return
    heading(doc, _("Open safety concern: not yet checked by a clinician"), colour=ALERT)
    lines = [_("Since {when}: {advice}").format(when=_stamp(row.since), advice=row.advice_title)]
    lines += [_("YES to \"{question}\"").format(question=q) for q in row.questions]
    if row.last_update:
        lines.append(row.last_update)
    lines.append(_("Until this is resolved the app suggests no step-ups or harder exercises."))
    alert_box(doc, lines)
    doc.ln(2)


def alert_box(doc, lines: Sequence[str]) -> None:
    """Lines that must not be missed: bold, in the alert colour, inside a tinted box."""
    doc.set_fill_color(*ALERT_FILL)
    doc.set_draw_color(*ALERT)
    doc.set_font("Body", "B", BODY_PT)
    doc.set_text_color(*ALERT)
    doc.multi_cell(0, 5, "\n".join(lines), border=1, fill=True, padding=2, new_x="LMARGIN", new_y="NEXT")
    doc.set_text_color(*INK)
    doc.set_fill_color(255, 255, 255)
    doc.set_draw_color(*RULE)
    doc.set_font("Body", "", BODY_PT)


def safety_section(doc, data: ReportData) -> None:
    checks = data.safety_checks
    yes_checks = [c for c in checks if c.yes_answers or c.escalation]
    heading(doc, _("Red-flag answers"), colour=ALERT if yes_checks else INK)
    if not checks:
        paragraph(doc, _("No red-flag check was recorded in this period."))
        return
    if not yes_checks:
        paragraph(doc, _("{n} red-flag check(s) answered in this period; every answer was 'no'.").format(n=len(checks)))
        return
    lines = []
    for check in yes_checks:
        for answer in check.yes_answers:
            lines.append(_("{when}: YES to \"{question}\"").format(when=_stamp(answer.answered_at),
                                                                  question=answer.question))
        if not check.yes_answers:
            lines.append(_("{when}: a 'yes' was given, then changed to 'no'").format(when=_day(check.date)))
        if check.escalation:
            lines.append("    " + _("Advice shown: {advice}").format(advice=check.escalation))
    alert_box(doc, lines)
    doc.ln(1)
    paragraph(doc, _("{yes} of {n} check(s) in this period had a 'yes' answer; all others were 'no'.").format(
        yes=len(yes_checks), n=len(checks)), colour=MUTED, size=8.5)


def _stamp(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text or "?"
    return f"{_day(moment.date())} {moment:%H:%M}"


def glance_section(doc, data: ReportData) -> None:
    heading(doc, _("At a glance"))
    rated = [d for d in data.days if d.pain is not None]
    rows = []
    if rated:
        first = [d.pain for d in data.days[:7] if d.pain is not None]
        last = [d.pain for d in data.days[-7:] if d.pain is not None]
        text = _("{mean} on average over {n} rated days").format(
            mean=f"{sum(d.pain for d in rated) / len(rated):.1f}", n=len(rated))
        if first and last and len(data.days) >= 14:
            text += _("; first week {a}, last week {b}").format(a=f"{sum(first) / len(first):.1f}",
                                                               b=f"{sum(last) / len(last):.1f}")
        rows.append((_("Pain"), text))
    else:
        rows.append((_("Pain"), _("no ratings in this period")))
    active = [d for d in data.days if d.minutes > 0]
    total_days = (data.end - data.start).days + 1
    if active:
        rows.append((_("Activity"), _("active on {n} of {days} days; {mean} minutes on an active day").format(
            n=len(active), days=total_days, mean=round(sum(d.minutes for d in active) / len(active)))))
    else:
        rows.append((_("Activity"), _("no activity minutes logged in this period")))
    stepped = [d.steps for d in data.days if d.steps is not None]
    if stepped:
        rows.append((_("Steps"), _("{mean} a day on average ({n} days with steps)").format(
            mean=f"{round(sum(stepped) / len(stepped)):,}", n=len(stepped))))
    finished = sum(1 for s in data.sessions if s.finished_on is not None)
    rows.append((_("Sessions"), _("{n} of {total} finished").format(n=finished, total=len(data.sessions) or 6)))
    current = [g for g in data.goals if g.end is None]
    if current:
        rows.append((_("Current goal"), current[-1].description))
    if data.psfs and data.psfs.totals:
        totals = data.psfs.totals
        text = _("{score} / 10 on {date}").format(score=f"{totals[-1]:.1f}", date=_short(data.psfs.dates[-1]))
        if len(totals) > 1:
            text += _(" (was {score} on {date})").format(score=f"{totals[0]:.1f}", date=_short(data.psfs.dates[0]))
        rows.append((_("Function (PSFS)"), text))
    label_width = 34
    for label, text in rows:
        doc.set_font("Body", "B", BODY_PT)
        doc.cell(label_width, 5, label)
        doc.set_font("Body", "", BODY_PT)
        doc.multi_cell(doc.epw - label_width, 5, text, new_x="LMARGIN", new_y="NEXT")


def chart_section(doc, data: ReportData) -> None:
    if data.chart_view is None:
        heading(doc, _("Pain and activity"))
        paragraph(doc, _("Nothing was logged in this period."))
        return
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from sb_desktop.charts.progress_chart import build_progress_figure
    width_mm, height_mm = doc.epw, doc.epw * 0.56
    # Drawn on a wider canvas than the page and scaled down, so the Progress chart's fixed-size margins
    # and labels fit; its 9 pt text prints at about 7.5 pt.
    canvas_inches = 8.5
    figure = build_progress_figure(data.chart_view, markers=data.chart_markers,
                                   size_inches=(canvas_inches, canvas_inches * 0.56), dpi=100,
                                   weeks=data.weeks_view, experiment_weeks=data.experiment_weeks)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=220)
    heading(doc, _("Pain and activity"), space_needed=height_mm + 12)
    doc.image(io.BytesIO(buffer.getvalue()), x=doc.l_margin, w=width_mm, h=height_mm)
    doc.ln(1)


def insights_section(doc, data: ReportData) -> None:
    """What the person's own data says: the day-level findings and any experiment (the weeks view leads the
    week-by-week section that follows)."""
    if not (data.insight_summary or data.insight_statements):
        return
    heading(doc, _("What your data says"), space_needed=40)
    paragraph(doc, data.insight_summary, colour=MUTED, size=8)
    for statement in data.insight_statements:
        paragraph(doc, "- " + statement)
    if data.experiment_statement:
        doc.ln(1)
        paragraph(doc, _("Try it and see: your self-experiment"), bold=True)
        paragraph(doc, data.experiment_statement)
        for line in data.experiment_numbers:
            paragraph(doc, line, colour=MUTED, size=8)
    if data.insight_caveats:
        doc.ln(1)
        paragraph(doc, " ".join(data.insight_caveats[:2]), colour=MUTED, size=7.5)


def weeks_section(doc, data: ReportData) -> None:
    heading(doc, _("Week by week"), space_needed=40)
    # The weeks view: more active weeks against the person's own usual at the time, for these dates.
    paragraph(doc, data.weeks_view.statement if data.weeks_view is not None else data.week_comparison)
    if not data.weeks:
        return
    doc.ln(1)
    has_steps = any(w.steps_per_day is not None for w in data.weeks)
    header = [_("Week from"), _("Average pain"), _("Days rated"), _("Active days"), _("Minutes")]
    widths = [26, 20, 16, 16, 16]
    if has_steps:
        header.append(_("Steps a day"))
        widths.append(18)
    rows = []
    for week in data.weeks:
        row = [_short(week.start) + ("" if week.days_covered == 7 else " *"), _fmt(week.pain), str(week.rated_days),
               f"{week.active_days}/{week.days_covered}", f"{week.minutes:,}"]
        if has_steps:
            row.append(_fmt(week.steps_per_day))
        rows.append(row)
    table(doc, header, rows, widths)
    if any(w.days_covered != 7 for w in data.weeks):
        paragraph(doc, _("* part of the week falls outside the chosen dates."), colour=MUTED, size=7.5)


def goals_section(doc, data: ReportData) -> None:
    heading(doc, _("Goals and weekly reviews"))
    if not data.goals:
        paragraph(doc, _("No goal was set in this period."))
        return
    for goal in data.goals:
        period = _("since {start}").format(start=_day(goal.start)) if goal.end is None else \
            _("{start} to {end}").format(start=_day(goal.start), end=_day(goal.end))
        paragraph(doc, f"{goal.description}  ({period})", bold=True)
        if goal.reviews:
            rows = [(_short(r.date), r.result, r.decision, r.note) for r in goal.reviews]
            table(doc, [_("Reviewed"), _("Result"), _("Decision"), _("Note")], rows, [18, 22, 30, 60],
                  aligns=["LEFT"] * 4)
        else:
            paragraph(doc, _("Not reviewed yet."), colour=MUTED)
        doc.ln(1)


def psfs_section(doc, data: ReportData) -> None:
    heading(doc, _("Patient-Specific Functional Scale (PSFS)"))
    psfs = data.psfs
    if not psfs or not psfs.dates:
        paragraph(doc, _("No PSFS was completed in this period."))
        return
    paragraph(doc, _("Activities the person finds hard, rated 0 (unable) to 10 (as before the problem)."),
              colour=MUTED, size=8.5)
    dates = list(psfs.dates)
    if len(dates) > 6:   # first, then the five latest: enough to see change and fit the page
        keep = [0] + list(range(len(dates) - 5, len(dates)))
    else:
        keep = list(range(len(dates)))
    header = [_("Activity")] + [_short(dates[i]) for i in keep]
    rows = [[row.activity] + [_fmt(row.scores[i]) for i in keep] for row in psfs.rows]
    rows.append([_("Mean score")] + [f"{psfs.totals[i]:.1f}" for i in keep])
    table(doc, header, rows, [60] + [16] * len(keep))
    paragraph(doc, _("PSFS: Stratford et al., Physiotherapy Canada 1995."), colour=MUTED, size=7.5)


def chair_stand_section(doc, data: ReportData) -> None:
    """The self-check of function beside the PSFS: full stands from a chair in 30 seconds."""
    if not data.chair_stands:
        return
    heading(doc, _("30-second chair stand"))
    paragraph(doc, _("Full stands from a chair in 30 seconds, arms crossed, timed by the app at home. A self-check "
                     "between appointments, not a clinical assessment."), colour=MUTED, size=8.5)
    rows = [(_day(day), str(stands), _("stopped early") if stopped else "") for day, stands, stopped in data.chair_stands]
    table(doc, [_("Date"), _("Stands"), _("Note")], rows, [40, 20, 40], aligns=["LEFT", "RIGHT", "LEFT"])


def clinic_section(doc, data: ReportData) -> None:
    """Who to contact: the clinic's details from its configuration."""
    if not data.clinic_contact:
        return
    heading(doc, _("Clinic contact"))
    for line in data.clinic_contact:
        paragraph(doc, line)


def sessions_section(doc, data: ReportData) -> None:
    heading(doc, _("Programme sessions"))
    for problem in data.missing:
        paragraph(doc, problem, colour=ALERT)
    if not data.sessions:
        paragraph(doc, _("No session has been started yet."))
        return
    rows = [(str(s.number), s.title, _day(s.finished_on) if s.finished_on else _("not finished"))
            for s in data.sessions]
    table(doc, [_("Session"), _("Topic"), _("Finished")], rows, [16, 90, 30], aligns=["LEFT", "LEFT", "LEFT"])


def flare_plan_section(doc, data: ReportData) -> None:
    heading(doc, _("Flare-up plan"))
    if not data.flare_plan:
        paragraph(doc, _("No flare-up plan has been written yet."))
        return
    for title, text in data.flare_plan:
        paragraph(doc, title, bold=True)
        paragraph(doc, text or "–")
        doc.ln(1)


SECTIONS: tuple[Callable, ...] = (
    title_section, open_escalation_section, safety_section, glance_section, chart_section, insights_section,
    weeks_section, goals_section, psfs_section, chair_stand_section, sessions_section, flare_plan_section,
    clinic_section,
)


def build_pdf(data: ReportData, *, paper: str = "a4", sections: Sequence[Callable] = SECTIONS,
              cancelled: Callable[[], bool] | None = None, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The summary as PDF bytes. `cancelled` is checked between sections."""
    from sb_desktop.exchange.wearable import check_cancel
    doc = _new_document(data, paper)
    for done, section in enumerate(sections):
        if cancelled is not None:
            check_cancel(cancelled)
        section(doc, data)
        if progress is not None:
            progress(done + 1, len(sections))
    if doc.replaced:
        paragraph(doc, _("Some characters in your notes (such as some emoji, or Chinese or Japanese writing) cannot "
                         "be shown in this PDF; each appears as {mark}. They are kept unchanged in the app.").format(
                             mark=MISSING_MARK), colour=MUTED)
    return bytes(doc.output())
