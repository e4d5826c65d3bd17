"""Dates checked in every importer through one domain rule; stored out-of-range dates never break the chart or
the Progress page; a smoke test in which a page raises fails."""
import argparse
import datetime as dt

import pytest
from conftest import run_cli

from sb_desktop.domain import series as series_module
from sb_desktop.domain.entries import make_activity, make_pain
from sb_desktop.exchange.apple_health import read_apple_health
from sb_desktop.exchange.detect import read_import
from sb_desktop.exchange.wearable import ImportFileError, ParsedImport

BAD_DATES = ["0001-01-01", "9999-12-31", "1899-12-31"]


def _apple(tmp_path, body):
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<HealthData locale="en_GB">\n' + body
                    + "</HealthData>\n")
    return path


def _step(start):
    return (f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
            f'startDate="{start}" endDate="{start}" value="1200"/>\n')


@pytest.mark.parametrize("day", BAD_DATES)
@pytest.mark.parametrize("offset", ["+0000", "+02:00"])  # the fast path and the general one
def test_apple_health_refuses_steps_outside_the_journals_dates(tmp_path, day, offset):
    stamp = f"{day} 08:00:00 {offset}"
    path = _apple(tmp_path, _step("2024-03-01 08:00:00 +0000") + _step(stamp))
    with pytest.raises(ImportFileError, match="outside the range the journal accepts.*Nothing was imported"):
        read_apple_health(path)


def test_apple_health_refuses_a_walking_workout_outside_the_journals_dates(tmp_path):
    workout = (' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="30" durationUnit="min" '
               'sourceName="Watch" startDate="9999-12-31 08:00:00 +0000" endDate="9999-12-31 08:30:00 +0000"/>\n')
    with pytest.raises(ImportFileError, match="outside the range"):
        read_apple_health(_apple(tmp_path, workout))


@pytest.mark.parametrize("day", BAD_DATES)
def test_step_csv_and_google_fit_refuse_dates_outside_the_range(tmp_path, day):
    steps = tmp_path / "steps.csv"
    steps.write_text(f"date,steps\n2024-03-01,100\n{day},4000\n")
    with pytest.raises(ImportFileError, match="outside the range"):
        read_import(steps, "steps-csv").entries()
    fit = tmp_path / "Daily activity metrics.csv"
    fit.write_text(f"Date,Step count\n{day},4000\n")
    with pytest.raises(ImportFileError, match="outside the range"):
        read_import(fit, "google-fit").entries()
    one_day = tmp_path / f"{day}.csv"
    one_day.write_text("Start time,End time,Step count\n08:00:00.000+00:00,08:15:00.000+00:00,300\n")
    with pytest.raises(ImportFileError, match="outside the range"):
        read_import(one_day, "google-fit").entries()


def test_the_command_line_refuses_in_one_line_and_changes_nothing(tmp_path):
    path = _apple(tmp_path, _step("2024-03-01 08:00:00 +0000") + _step("0001-01-01 08:00:00 +0000"))
    result = run_cli("import", str(path))
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "outside the range" in result.stderr
    listing = run_cli("list", "--json")
    assert listing.stdout.strip() in ("[]", "")


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date.today() + dt.timedelta(days=2)])
def test_every_step_importers_days_pass_the_same_rule_before_becoming_entries(day):
    """ParsedImport.entries is where every wearable format's days become entries: a last, shared guard."""
    parsed = ParsedImport(format="steps-csv", steps_by_day={dt.date(2024, 3, 1): {"x": 10}, day: {"x": 5000}})
    with pytest.raises(ImportFileError, match="outside the range.*Nothing was imported"):
        parsed.entries()
    assert len(ParsedImport(format="steps-csv", steps_by_day={dt.date.today() + dt.timedelta(days=1): {"x": 9}})
               .entries()) == 1


def _store_bad_dates(profile):
    """Rows written by a version that did not check imported dates (straight into the table)."""
    profile.journal.add(make_activity(30, date=dt.date.today() - dt.timedelta(days=3), note="real"))
    profile.journal.add(make_pain(4, date=dt.date.today() - dt.timedelta(days=3)))
    columns = [row[1] for row in profile.db.execute("PRAGMA table_info(entries)")]
    row = dict(zip(columns, profile.db.execute("SELECT * FROM entries WHERE entry = 'activity'").fetchone(), strict=True))
    row.pop("id")
    with profile.db.atomic():
        for day in ("0001-01-01", "9999-12-31"):
            row.update(date=day, import_key=f"steps:{day}")
            profile.db.execute(f"INSERT INTO entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                               list(row.values()))


def test_the_chart_is_drawn_from_stored_data_with_impossible_dates(profile, tmp_path):
    _store_bad_dates(profile)
    profile.close()
    result = run_cli("--profile", "Test person", "chart", "--out", str(tmp_path / "chart.png"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "chart.png").stat().st_size > 0


def _gui(profiles):
    from gui_start import start_gui
    args = argparse.Namespace(profile="Test person", demo=False, smoke_test=True, quit_after_show=False)
    return start_gui(args, interactive=False)


def test_the_progress_page_and_the_smoke_test_pass_on_such_data(qtbot, profiles):
    from sb_desktop.ui.shell.smoke import smoke_test
    profile = profiles.open("Test person")
    _store_bad_dates(profile)
    profile.close()
    session, first, opened = _gui(profiles)
    qtbot.addWidget(session.window)
    try:
        assert smoke_test(session.window) == 0
    finally:
        session.context.close_profile()


def test_the_smoke_test_fails_when_a_page_raises(qtbot, profiles, monkeypatch, capsys):
    from sb_desktop.ui.shell.smoke import smoke_test
    profile = profiles.open("Test person")
    _store_bad_dates(profile)
    profile.close()
    monkeypatch.setattr(series_module, "date_in_range", lambda day: True)  # as before dates were checked
    session, first, opened = _gui(profiles)
    qtbot.addWidget(session.window)
    try:
        assert smoke_test(session.window) == 1
    finally:
        session.context.close_profile()
    assert "smoke test: page progress: ValueError" in capsys.readouterr().err
