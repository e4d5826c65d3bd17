"""A real person's daily pain diary and watch steps (../shared/data/real-pain-steps, read at run time; skipped
when absent). A person who has only steps must get a real analysis, on steps."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT, run_cli

DATA = ROOT.parent / "shared" / "data" / "real-pain-steps"
pytestmark = pytest.mark.skipif(not (DATA / "pain.csv").exists(), reason="../shared real data not present")


@pytest.fixture
def imported():
    for name in ("pain.csv", "steps.csv"):
        result = run_cli("import", str(DATA / name))
        assert result.returncode == 0, result.stderr


def test_a_steps_only_person_gets_real_insights_on_steps(imported):
    report = json.loads(run_cli("insights", "--json").stdout)
    assert report["status"] == "ok" and report["activity_measure"] == "steps"
    assert report["days_with_both"] >= 60
    for finding in report["findings"]:
        assert finding["measure"] == "steps"
        assert finding["days_compared"] >= 21
        assert finding["effect"] != 0.0 and finding["p_value"] < 1.0      # not the 0-minute non-answer
        assert "steps" in finding["slope_unit"]
    weeks = report["weeks"]
    assert weeks["measure"] == "steps" and weeks["active_weeks"] > 0 and weeks["other_weeks"] > 0
    assert "steps a day" in weeks["statement"]
    # Everything insights --json had before keeps its name.
    for key in ("status", "days_with_both", "days_needed", "findings", "summary", "caveats"):
        assert key in report


def test_no_step_only_day_counts_as_zero_minutes(imported):
    import os

    from sb_desktop.domain.series import load_daily_series
    from sb_desktop.storage.profiles import ProfileDirectory

    profiles = ProfileDirectory(os.environ["SB_DESKTOP_DATA_DIR"])
    profile = profiles.open(profiles.list()[0].name)
    try:
        series = load_daily_series(profile.journal)
        assert not series.minutes_known.any()
        assert series.days_with("steps") >= 60 and series.days_with("minutes") == 0
    finally:
        profile.close()


def test_the_pdf_summary_of_the_real_diary_carries_the_step_insights(imported, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "summary.pdf"
    result = run_cli("export", "--format", "pdf", "--out", str(out), "--from", "2019-06-24", "--to", "2019-09-22")
    assert result.returncode == 0, result.stderr
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "What your data says" in text and "a step count" in text
    assert "more active than your usual at the time" in text and "steps a day" in text
