"""Pain rated straight after activity is its own kind (soreness): kept out of the day's pain, kept everywhere else."""
from __future__ import annotations

import datetime as dt
import json

from conftest import run_cli

from sb_desktop.domain.entries import AFTER_ACTIVITY, make_pain
from sb_desktop.domain.series import load_daily_series
from sb_desktop.exchange.csv_format import HEADER, export_csv_text, parse_csv_bytes

DAY = dt.date(2025, 5, 5)


def test_after_activity_ratings_are_soreness_not_the_days_pain(profile):
    profile.journal.add(make_pain(3, date=DAY))
    profile.journal.add(make_pain(7, date=DAY, context=AFTER_ACTIVITY))
    assert profile.journal.daily_pain() == [(DAY, 3.0, 1)]
    assert profile.journal.daily_soreness() == [(DAY, 7.0, 1)]
    series = load_daily_series(profile.journal)
    assert series.pain[0] == 3.0 and series.soreness[0] == 7.0
    saved = profile.journal.entries()
    assert {e.context for e in saved} == {"day", "after_activity"}


def test_csv_keeps_its_header_and_round_trips_the_context(profile):
    entries = [make_pain(3, date=DAY), make_pain(6, date=DAY, time="10:00", context=AFTER_ACTIVITY)]
    text = export_csv_text(entries)
    assert text.splitlines()[0] == ",".join(HEADER)
    back = parse_csv_bytes(text.encode())
    assert [e.context for e in sorted(back, key=lambda e: e.intensity)] == ["day", "after_activity"]
    assert export_csv_text(back) == text


def test_cli_add_pain_after_activity_and_list_json_context():
    assert run_cli("add", "pain", "4", "--date", "2025-05-05").returncode == 0
    added = run_cli("add", "pain", "6", "--after-activity", "--date", "2025-05-05")
    assert added.returncode == 0, added.stderr
    rows = json.loads(run_cli("list", "--json").stdout)
    assert sorted(r["context"] for r in rows) == ["after_activity", "day"]
    insights = json.loads(run_cli("insights", "--json").stdout)
    assert insights["days_with_both"] == 0


def test_old_profiles_gain_the_context_column_with_day(profiles):
    from sb_desktop.storage import schema

    profile = profiles.open("Old")
    try:
        assert "sb_journal:m003_entry_context" not in schema.pending_migrations(profile.db)
        profile.journal.add(make_pain(2, date=DAY))
        assert profile.journal.entries()[0].context == "day"
    finally:
        profile.close()


def test_fhir_export_says_which_pain_scores_were_taken_after_activity():
    from sb_desktop.exchange.fhir import build_bundle

    bundle = build_bundle([make_pain(3, date=DAY), make_pain(6, date=DAY, context=AFTER_ACTIVITY)],
                          patient_id="00000000-0000-4000-8000-000000000000")
    observations = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"]
    notes = {o["valueQuantity"]["value"]: o.get("note") for o in observations}
    assert notes[3] is None and "after activity" in notes[6][0]["text"]
