"""Support calls with the physiotherapist: planned check-ins, what was agreed, the prep sheet, and Today."""
import datetime as dt
import json

import pytest
from conftest import run_cli

from sb_desktop.domain.calls import make_call, next_call_date, planned_calls, support_plan
from sb_desktop.domain.errors import ValidationError

START = dt.date(2026, 1, 5)


def test_check_ins_after_weeks_1_3_and_6_are_matched_to_calls_held():
    held = make_call("Sam", "Walk 10 minutes on 3 days", held_on=dt.date(2026, 1, 11), next_call=dt.date(2026, 1, 26))
    plan = planned_calls(START, [held])
    assert [(p.week, p.due, p.done) for p in plan] == [(1, dt.date(2026, 1, 12), True), (3, dt.date(2026, 1, 26), False),
                                                       (6, dt.date(2026, 2, 16), False)]
    assert next_call_date(plan, [held], dt.date(2026, 1, 20)) == dt.date(2026, 1, 26)
    assert next_call_date(plan, [held], dt.date(2026, 2, 1)) == dt.date(2026, 2, 16)


def test_a_clinic_sets_its_own_weeks():
    from sb_desktop.domain.clinic_config import ClinicConfig
    plan = support_plan(START, [], ClinicConfig(support_call_weeks=(2, 4)))
    assert [p.week for p in plan] == [2, 4]


def test_bad_call_records_are_refused():
    for args in (("", "x"), ("Sam", "  "), ("Sam", "x" * 2001)):
        with pytest.raises(ValidationError):
            make_call(*args)
    with pytest.raises(ValidationError):
        make_call("Sam", "ok", held_on=dt.date(2026, 1, 10), next_call=dt.date(2026, 1, 9))
    with pytest.raises(ValidationError):
        make_call("Sam", "ok", next_call="soon")


def test_calls_on_the_command_line(tmp_path, profiles):
    from sb_desktop.domain.goals import make_goal
    profile = profiles.open("default")
    profile.goals.set_goal(make_goal("walking", 1, 3, 5, start_date=dt.date.today() - dt.timedelta(weeks=2)))
    profile.close()
    added = run_cli("calls", "add", "--with", "Sam (physio)", "--agreed", "Walk on 3 days",
                    "--next", (dt.date.today() + dt.timedelta(days=14)).isoformat())
    assert added.returncode == 0 and added.stdout.strip().isdigit()
    refused = run_cli("calls", "add", "--with", "Sam", "--agreed", "x", "--next", "tomorrowish")
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    items = json.loads(run_cli("calls", "list", "--json").stdout)
    assert {"due", "done", "with", "agreed", "next"} <= set(items[0])
    done = [i for i in items if i["done"]]
    assert len(done) == 1 and done[0]["with"] == "Sam (physio)" and done[0]["agreed"] == "Walk on 3 days"
    assert [i["due"] for i in items if i["due"]][:3] == sorted(i["due"] for i in items if i["due"])[:3]
    sheet = tmp_path / "prep.pdf"
    result = run_cli("export", "--format", "pdf", "--prep-sheet", "--out", str(sheet))
    assert result.returncode == 0 and sheet.read_bytes().startswith(b"%PDF")


def test_the_prep_sheet_carries_the_goal_the_questions_and_what_was_agreed(profile, tmp_path):
    import shutil
    import subprocess

    from sb_desktop.domain.demo import demo_entries
    from sb_desktop.domain.settings import CALL_QUESTIONS
    from sb_desktop.exchange.report.prep_sheet import prep_sheet_for_profile
    from sb_desktop.storage.demo import demo_goals

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    profile.journal.add_many(demo_entries(dt.date.today()))
    for goal in demo_goals(dt.date.today()):
        profile.goals.set_goal(goal)
    profile.calls.add(make_call("Sam", "Keep walking on 4 days", held_on=dt.date.today() - dt.timedelta(days=3)))
    profile.settings.write(CALL_QUESTIONS, "Is it fine that my back is stiff in the morning?")
    path = tmp_path / "prep.pdf"
    path.write_bytes(prep_sheet_for_profile(profile))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    for expected in ("Getting ready for your support call", "Red-flag answers", "Current goal", "What your data says",
                     "stiff in the morning", "Keep walking on 4 days", "What we agreed"):
        assert expected in text, expected


def test_today_shows_what_was_agreed_until_the_next_call(qtbot, app_context, profile):
    from sb_desktop.ui.today.page import TodayPage

    page = TodayPage(app_context)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.call_note.isVisibleTo(page)
    today = dt.date.today()
    profile.calls.add(make_call("Sam", "Walk 20 minutes on 4 days", held_on=today, next_call=today + dt.timedelta(days=7)))
    page.refresh()
    assert page.call_note.isVisibleTo(page) and "Walk 20 minutes on 4 days" in page.call_note.text()


def test_recording_a_call_in_the_window(qtbot, app_context, profile):
    from sb_desktop.ui.goals.calls import RecordCallDialog

    dialog = RecordCallDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.with_whom.setText("Sam")
    dialog.agreed.setPlainText("Try the stairs once a day")
    with qtbot.waitSignal(app_context.changed):
        dialog.save()
    [call] = profile.calls.records()
    assert call.agreed == "Try the stairs once a day" and call.next_call == dt.date.today() + dt.timedelta(days=14)


def test_the_prep_sheet_shows_what_got_in_the_way_in_the_latest_review(profile, tmp_path):
    import shutil
    import subprocess

    from sb_desktop.domain.goals import make_goal
    from sb_desktop.domain.review import DOUBT, SLEEP, GoalReview, barrier_label
    from sb_desktop.exchange.report.prep_sheet import prep_sheet_for_profile

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    start = dt.date.today() - dt.timedelta(days=21)
    goal = profile.goals.set_goal(make_goal("walking", 1, 3, 10, start_date=start))
    for week, barrier in ((0, DOUBT), (1, SLEEP)):
        first = start + dt.timedelta(weeks=week)
        review = GoalReview(goal_id=goal.id, period_start=first, period_end=first + dt.timedelta(days=6),
                            computed_result="partly", result="partly", days_met=1, days_active=2, minutes_total=20,
                            barriers=(barrier,), decision="keep", feedback="")
        profile.goals.add_review(review, make_goal("walking", 1, 3, 10, start_date=first + dt.timedelta(days=7)))
        goal = profile.goals.current_goal()
    path = tmp_path / "prep.pdf"
    path.write_bytes(prep_sheet_for_profile(profile))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    after = text[text.index("What got in the way"):]
    assert barrier_label(SLEEP) in after and barrier_label(DOUBT) not in after
