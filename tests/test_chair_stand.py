"""The 30-second chair stand self-check: timed by the app, recorded, shown in Goals, in `goals --json`, on the
command line and in the FHIR export."""
import datetime as dt
import json

import pytest
from conftest import run_cli

from sb_desktop.domain.chair_stand import (
    CHAIR_STAND,
    CODE,
    CODE_SYSTEM,
    chair_stand_due,
    chair_stand_history,
    describe_change,
    make_chair_stand,
)
from sb_desktop.domain.errors import ValidationError


def test_a_count_is_checked_never_changed():
    assert make_chair_stand("12").score == 12
    for bad in ("abc", "12.5", "-1", "51", True):
        with pytest.raises(ValidationError):
            make_chair_stand(bad)


def test_due_at_the_start_and_every_two_weeks(profile):
    today = dt.date(2026, 3, 1)
    assert chair_stand_due([], today)
    profile.measures.add(make_chair_stand(9, date=today - dt.timedelta(days=20)))
    profile.measures.add(make_chair_stand(11, date=today - dt.timedelta(days=6)))
    history = chair_stand_history(profile.measures.responses(CHAIR_STAND))
    assert [r.stands for r in history] == [9, 11] and not chair_stand_due(history, today)
    assert chair_stand_due(history, today + dt.timedelta(days=8))
    assert "2 more than your first check" in describe_change(history)


def test_the_command_line_records_it_and_goals_json_lists_it():
    first = run_cli("measures", "add", "chair-stand", "9", "--date", "2026-01-10")
    assert first.returncode == 0 and first.stdout.strip().isdigit()
    assert run_cli("measures", "add", "chair-stand", "12").returncode == 0
    refused = run_cli("measures", "add", "chair-stand", "abc")
    assert refused.returncode != 0 and len(refused.stderr.strip().splitlines()) == 1
    report = json.loads(run_cli("goals", "--json").stdout)
    assert [item["stands"] for item in report["chair_stand"]] == [9, 12]
    assert report["chair_stand"][0]["date"] == "2026-01-10" and set(report["chair_stand"][0]) >= {"date", "stands"}


def test_the_fhir_export_carries_it_as_an_observation_with_its_code_system(profile, tmp_path):
    from sb_desktop.exchange.fhir import bundle_for_profile

    profile.measures.add(make_chair_stand(10, date=dt.date(2026, 1, 5)))
    bundle = bundle_for_profile(profile)
    [observation] = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
                     and e["resource"]["code"]["coding"][0]["system"] == CODE_SYSTEM]
    assert observation["code"]["coding"][0]["code"] == CODE and observation["valueQuantity"]["value"] == 10
    assert observation["effectiveDateTime"] == "2026-01-05"


def test_the_dialog_times_30_seconds_can_be_stopped_and_saves_the_count(qtbot, app_context, profile):
    from sb_desktop.ui.goals.chair_stand import ChairStandDialog

    dialog = ChairStandDialog(app_context)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel
    before = " ".join(label.text() for label in dialog.stack.widget(0).findChildren(QLabel))
    assert "steady chair" in before and "stop at any time" in before.lower()
    dialog.start()
    assert dialog.timer.isActive() and dialog.count_label.text() == "30 seconds"
    dialog._tick()
    assert dialog.count_label.text() == "29 seconds"
    dialog.stop_early()                                  # stop at any time
    assert not dialog.timer.isActive() and dialog.stack.currentIndex() == 2
    dialog.stands.edit.setText("7")
    with qtbot.waitSignal(app_context.changed):
        dialog.save()
    [saved] = profile.measures.responses(CHAIR_STAND)
    assert saved.score == 7 and saved.answers["stopped_early"] is True


def test_the_whole_30_seconds_run_out_by_themselves(qtbot, app_context):
    from sb_desktop.ui.goals.chair_stand import ChairStandDialog

    dialog = ChairStandDialog(app_context)
    qtbot.addWidget(dialog)
    dialog.start()
    for _ in range(30):
        dialog._tick()
    assert not dialog.timer.isActive() and dialog.stack.currentIndex() == 2
    assert "Time is up" in dialog.result_title.text()
