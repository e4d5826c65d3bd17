"""The appointment summary: the data it gathers, the PDF on A4 and Letter, the command line."""
import datetime as dt
import re
import shutil
import subprocess

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sb_desktop.domain.demo import demo_entries
from sb_desktop.exchange.report import build_pdf, default_range, gather_report_data
from sb_desktop.exchange.report.data import GoalRow, ReportData, ReviewRow
from sb_desktop.exchange.report.pdf import SECTIONS
from sb_desktop.exchange.wearable import ImportCancelled

pytestmark = pytest.mark.first_check_pending   # the safety checks recorded here are the ones the tests count

TODAY = dt.date.today()


def fill_programme(profile, today=TODAY):
    """A person six weeks in: journal, two goals with reviews, PSFS twice, red-flag checks, sessions, a flare plan."""
    from sb_desktop.domain.goals import make_goal
    from sb_desktop.domain.measures import make_psfs
    from sb_desktop.domain.review import GoalReview
    from sb_desktop.domain.safety import FlarePlan
    from sb_desktop.storage.goals import GoalStore
    from sb_desktop.storage.measures import QuestionnaireStore
    from sb_desktop.storage.safety import FlarePlanStore, SafetyStore
    from sb_desktop.storage.sessions import SessionStore

    profile.journal.add_many(demo_entries(today, weeks=8))
    start = today - dt.timedelta(days=41)
    goals = GoalStore(profile.db)
    first = goals.set_goal(make_goal("walking", 1, 3, 10, start_date=start))
    review = GoalReview(goal_id=first.id, period_start=start, period_end=start + dt.timedelta(days=6),
                        computed_result="met", result="met", days_met=3, days_active=4, minutes_total=55,
                        barriers=(), decision="step_up", feedback="", barrier_note="Walked to the shop twice")
    goals.add_review(review, make_goal("walking", 2, 4, 15, start_date=start + dt.timedelta(days=7)))
    answers = QuestionnaireStore(profile.db)
    answers.add(make_psfs([("Putting on socks", 3), ("Walking to the bus stop", 4), ("Lifting my grandson", 2)],
                          date=start))
    answers.add(make_psfs([("Putting on socks", 6), ("Walking to the bus stop", 7), ("Lifting my grandson", 4)],
                          date=today - dt.timedelta(days=1)))
    safety = SafetyStore(profile.db)
    calm = safety.start_check("weekly", at=f"{start + dt.timedelta(days=7)}T09:00:00+00:00")
    safety.record_answer(calm.id, "fever", False)
    worrying = safety.start_check("weekly", at=f"{today - dt.timedelta(days=3)}T19:40:00+00:00")
    safety.record_answer(worrying.id, "both_legs", True, at=f"{today - dt.timedelta(days=3)}T19:41:00+00:00")
    safety.record_answer(worrying.id, "cancer", False)
    sessions = SessionStore(profile.db, "supportback-en")
    sessions.finish("session-1", at=f"{start}T10:00:00+00:00")
    sessions.finish("session-2", at=f"{start + dt.timedelta(days=7)}T10:00:00+00:00")
    FlarePlanStore(profile.db).save(FlarePlan(helps="Keep moving gently; a warm bath; the knee rolls exercise.",
                                              avoid="Staying in bed all day.", contacts="GP practice 01234 567890",
                                              get_help="Not easing after two weeks, or any of the red-flag signs."))


def pdf_text(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "summary.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)]


def test_gathered_data_holds_every_part_a_clinician_asks_for(profile):
    fill_programme(profile)
    start, end = default_range(None, TODAY)
    data = gather_report_data(profile, start, end)
    assert (data.start, data.end) == (TODAY - dt.timedelta(days=41), TODAY)
    assert len(data.days) == 42 and any(d.pain is not None for d in data.days)
    assert data.weeks and "average pain" in data.week_comparison
    assert [g.description.split(":")[0] for g in data.goals] == ["Walking", "Walking"]
    assert data.goals[0].reviews[0].result == "Met" and data.goals[0].reviews[0].note == "Walked to the shop twice"
    assert data.goals[1].end is None
    assert data.psfs.totals == (3.0, 5.7) and data.psfs.rows[0].scores == (3, 6)
    flagged = [c for c in data.safety_checks if c.yes_answers]
    assert len(data.safety_checks) == 2 and len(flagged) == 1
    assert "both legs" in flagged[0].yes_answers[0].question and flagged[0].escalation
    assert [s.finished_on is not None for s in data.sessions][:3] == [True, True, False]
    assert dict(data.flare_plan)["What helps me"].startswith("Keep moving gently")


def test_a_red_flag_check_outside_the_range_is_left_out(profile):
    fill_programme(profile)
    data = gather_report_data(profile, TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=5))
    assert data.safety_checks == () and len(data.days) == 16


@pytest.mark.parametrize("paper, size", [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_pdf_on_a4_and_letter_shows_each_section(profile, tmp_path, paper, size):
    fill_programme(profile)
    data = gather_report_data(profile, *default_range(None, TODAY))
    pdf = build_pdf(data, paper=paper)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    sizes = page_sizes(pdf)
    assert 1 <= len(sizes) <= 4 and all(s == size for s in sizes)
    text = pdf_text(pdf, tmp_path)
    for words in ["Red-flag answers", "YES to", "going down both", "At a glance", "Pain and activity",
                  "Week by week", "Goals and weekly reviews", "Walked to the shop twice",
                  "Patient-Specific Functional Scale", "Lifting my grandson", "Programme sessions",
                  "Flare-up plan", "knee rolls", "Page 1 of"]:
        assert words in text, words
    # The red-flag answer comes before anything else a reader might stop at.
    assert text.index("YES to") < text.index("At a glance")


def test_empty_profile_and_long_range_still_make_a_readable_pdf(profile, tmp_path):
    empty = build_pdf(gather_report_data(profile, TODAY - dt.timedelta(days=6), TODAY))
    assert "Nothing was logged in this period" in pdf_text(empty, tmp_path)
    profile.journal.add_many(demo_entries(TODAY, weeks=40))
    data = gather_report_data(profile, TODAY - dt.timedelta(days=279), TODAY)
    assert data.chart_view.resolution == "week" and len(data.weeks) >= 40
    text = pdf_text(build_pdf(data, paper="letter"), tmp_path)
    assert text.count(" Feb ") + text.count(" Mar ") >= 8     # the weekly table runs on across pages


def test_cancel_between_sections_stops_the_pdf(profile):
    data = gather_report_data(profile, *default_range(None, TODAY))
    calls = []
    with pytest.raises(ImportCancelled):
        build_pdf(data, cancelled=lambda: len(calls) >= 2, progress=lambda done, total: calls.append(done))
    assert len(calls) == 2 < len(SECTIONS)


def test_cli_pdf_export_with_range_and_paper(tmp_path):
    assert run_cli("demo").returncode == 0
    out = tmp_path / "summary.pdf"
    result = run_cli("export", "--format", "pdf", "--out", str(out), "--from", str(TODAY - dt.timedelta(days=27)),
                     "--to", str(TODAY), "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert "not encrypted" in result.stdout and page_sizes(out.read_bytes())[0] == (612.0, 792.0)
    wrong = run_cli("export", "--format", "pdf", "--out", str(out), "--from", str(TODAY), "--to", "2020-01-01")
    assert wrong.returncode == 1 and "after" in wrong.stderr and wrong.stderr.count("\n") == 1


def test_a_missing_content_pack_is_reported_not_fatal(profile, tmp_path):
    profile.settings.set("content.pack", "no-such-pack")
    data = gather_report_data(profile, *default_range(None, TODAY))
    assert data.sessions == () and "no-such-pack" in data.missing[0]
    assert "could not be read" in pdf_text(build_pdf(data), tmp_path)

WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=300)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(person=WORDS.filter(str.strip), goal=WORDS, note=WORDS, plan=st.lists(st.tuples(WORDS, WORDS), max_size=4))
def test_any_text_the_person_typed_still_makes_a_pdf(person, goal, note, plan):
    data = ReportData(person=person, start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 7),
                      generated_at=dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC),
                      goals=(GoalRow(goal, dt.date(2024, 1, 1), None, (ReviewRow(dt.date(2024, 1, 7), "Met", "", note),)),),
                      flare_plan=tuple(plan))
    assert build_pdf(data).startswith(b"%PDF")


def test_pdf_carries_the_insights_the_weeks_view_and_the_experiment_result(profile, tmp_path):
    from sb_desktop.domain.experiment import make_experiment

    fill_programme(profile)
    start = TODAY - dt.timedelta(days=28)
    profile.experiments.start(make_experiment("minutes", 15, 35, weeks=4, start=start, today=TODAY, seed=4), TODAY)
    data = gather_report_data(profile, *default_range(None, TODAY))
    assert data.insight_statements and data.weeks_view is not None and data.experiment_statement
    assert len(data.experiment_weeks) == 4
    text = " ".join(pdf_text(build_pdf(data), tmp_path).split())
    assert "What your data says" in text and "Try it and see" in text
    assert data.insight_statements[0].split(":")[0] in text or "no clear pattern" in text
    assert "more active than your usual at the time" in text
    assert "experiment has finished" in text or "experiment is in week" in text


def test_a_steps_only_person_gets_step_insights_in_the_pdf(profile, tmp_path):
    from sb_desktop.domain.entries import make_activity, make_pain

    entries = []
    for i in range(70):
        day = TODAY - dt.timedelta(days=i)
        entries.append(make_activity(0, kind="walk", date=day, steps=6000 + (i % 5) * 900, source="import:steps",
                                     import_key=f"steps:{day}"))
        entries.append(make_pain(3 + i % 3, date=day))
    profile.journal.add_many(entries)
    data = gather_report_data(profile, *default_range(None, TODAY))
    assert data.insight_summary.endswith("a step count.")
    assert data.weeks_view.measure == "steps"
    text = " ".join(pdf_text(build_pdf(data), tmp_path).split())
    assert "step count" in text and "steps a day" in text


def test_characters_the_font_cannot_draw_are_replaced_visibly_never_dropped(tmp_path):
    """Chinese writing has no glyph in the PDF's font: it appears as a white square, and the PDF says why;
    accents, Greek, Hebrew and the emoji the font has are kept as they are."""
    from sb_desktop.exchange.report.pdf import MISSING_MARK
    goal = "Walking to the café with 李明, αβγ"
    data = ReportData(person="Zoë", start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 7),
                      generated_at=dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC),
                      goals=(GoalRow(goal, dt.date(2024, 1, 1), None, ()),))
    text = pdf_text(build_pdf(data), tmp_path)
    assert "Zoë" in text and "café" in text and "αβγ" in text
    assert MISSING_MARK * 2 in text and "李" not in text
    assert "cannot be shown in this PDF" in " ".join(text.split())


def test_the_summary_leads_with_an_open_escalation(profile, tmp_path):
    """An unresolved emergency answer comes first, before the red-flag history and everything else;
    once the person records they were checked, it is gone."""
    fill_programme(profile)          # holds a "yes" to new pain down both legs, never resolved
    profile.safety.resolve("not-yet", at="2026-12-01T10:00:00+00:00")
    text = pdf_text(build_pdf(gather_report_data(profile, *default_range(None, TODAY))), tmp_path)
    concern = text.index("Open safety concern")
    assert concern < text.index("Red-flag answers") < text.index("At a glance")
    assert "had not been checked yet" in text[concern:text.index("Red-flag answers")]
    profile.safety.resolve("assessed")
    text = pdf_text(build_pdf(gather_report_data(profile, *default_range(None, TODAY))), tmp_path)
    assert "Open safety concern" not in text and "Red-flag answers" in text


def riverside_clinic(tmp_path):
    import json

    from sb_desktop.domain.clinic_config import load_clinic_config
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps({"version": 1, "site_name": "Riverside Health Centre",
                                "contact": {"phone": "01234 567890", "email": "physio@example.org",
                                            "address": "1 River Road"}}))
    return load_clinic_config(path)


def test_the_summary_carries_the_chair_stands_and_the_clinics_contact_details(profile, tmp_path):
    from sb_desktop.domain.chair_stand import make_chair_stand
    profile.measures.add(make_chair_stand(9, date=TODAY - dt.timedelta(days=20)))
    profile.measures.add(make_chair_stand(12, date=TODAY - dt.timedelta(days=2)))
    data = gather_report_data(profile, *default_range(None, TODAY), clinic=riverside_clinic(tmp_path))
    text = pdf_text(build_pdf(data), tmp_path)
    assert "30-second chair stand" in text
    assert re.search(r"Stands", text) and re.search(r"\b9\b", text) and re.search(r"\b12\b", text)
    for words in ["Clinic contact", "Riverside Health Centre", "Phone: 01234 567890", "physio@example.org",
                  "1 River Road"]:
        assert words in text, words
    # Without a clinic configuration, the summary has no empty contact heading.
    plain = pdf_text(build_pdf(gather_report_data(profile, *default_range(None, TODAY))), tmp_path)
    assert "Clinic contact" not in plain


def test_the_prep_sheet_shows_the_chair_stands(profile, tmp_path):
    from sb_desktop.domain.chair_stand import make_chair_stand
    from sb_desktop.exchange.report.prep_sheet import prep_sheet_for_profile
    profile.measures.add(make_chair_stand(11, date=TODAY - dt.timedelta(days=3)))
    text = pdf_text(prep_sheet_for_profile(profile, riverside_clinic(tmp_path), today=TODAY), tmp_path)
    assert "30-second chair stand" in text and re.search(r"\b11\b", text)
