"""`insights` and `chart` on the command line, as a clinic's script or a newcomer would run them."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, run_cli


@pytest.fixture
def demo_profile():
    result = run_cli("--profile", "Demo", "demo")
    assert result.returncode == 0, result.stderr
    return "Demo"


def test_insights_json_on_the_demo_profile_finds_its_story(demo_profile):
    result = run_cli("--profile", demo_profile, "insights", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["status"] == "ok" and data["days_with_both"] >= 21
    by_question = {f["question"]: f for f in data["findings"]}
    assert set(by_question) == {"activity_to_pain", "pain_to_activity"}
    # The demo is built so that a more active day is followed by a slightly better one.
    a2p = by_question["activity_to_pain"]
    assert a2p["effect"] < 0 and a2p["strength"] != "none" and "lower" in a2p["statement"]
    for finding in data["findings"]:
        assert set(finding) >= {"question", "lag_days", "effect", "p_value", "strength", "statement"}


def test_insights_json_twice_gives_the_same_answer(demo_profile):
    first = run_cli("--profile", demo_profile, "insights", "--json").stdout
    assert first == run_cli("--profile", demo_profile, "insights", "--json").stdout


def test_insights_on_a_new_profile_says_what_is_needed(profiles):
    profiles.open("default").close()
    result = run_cli("insights", "--json")
    data = json.loads(result.stdout)
    assert data == {**data, "status": "insufficient_data", "days_with_both": 0, "findings": [], "days_needed": 21}
    text = run_cli("insights").stdout
    assert "21 more days" in text and "not a diagnosis" in text


def test_chart_renders_png_and_svg_without_a_window(demo_profile, tmp_path):
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    for path, key in ((png, "4w"), (svg, "all")):
        result = run_cli("--profile", demo_profile, "chart", "--range", key, "--out", str(path))
        assert result.returncode == 0, result.stderr
        assert str(path) in result.stdout
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in svg.read_bytes()[:2000]


def test_chart_imports_no_qt_and_no_pyplot(demo_profile, tmp_path):
    out = tmp_path / "c.png"
    code = ("import sys; from sb_desktop.cli import main; rc = main(['--profile', 'Demo', 'chart', '--range', '3m', "
            f"'--out', {str(out)!r}]); assert rc == 0; "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'; "
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_chart_refuses_a_bad_file_name_in_one_line_and_writes_nothing(demo_profile, tmp_path):
    out = tmp_path / "chart.jpg"
    result = run_cli("--profile", demo_profile, "chart", "--range", "3m", "--out", str(out))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and ".png or .svg" in result.stderr
    assert not out.exists()


def test_chart_of_an_empty_profile_is_a_clear_error(tmp_path, profiles):
    profiles.open("default").close()
    result = run_cli("chart", "--range", "3m", "--out", str(tmp_path / "c.png"))
    assert result.returncode != 0 and "nothing to chart" in result.stderr
    assert not (tmp_path / "c.png").exists()


def test_chart_range_must_be_one_of_the_four(tmp_path):
    result = run_cli("chart", "--range", "2w", "--out", str(tmp_path / "c.png"))
    assert result.returncode != 0 and "4w" in result.stderr


# --- the figure builder itself (what `chart` and the window share) ---

def _five_years():
    import datetime as dt

    from sb_desktop.domain.series import daily_series
    start = dt.date(2021, 1, 4)
    days = [start + dt.timedelta(days=i) for i in range(1826)]
    return daily_series([(d, 5.0 - (i % 7) / 7, 1) for i, d in enumerate(days)],
                        [(d, 20 + i % 30, 2000 + i) for i, d in enumerate(days)])


def test_long_ranges_draw_weeks_as_one_step_area():
    from matplotlib.patches import StepPatch

    from sb_desktop.charts.progress_chart import build_progress_figure
    from sb_desktop.domain.series import progress_view
    view = progress_view(_five_years(), "all")
    figure = build_progress_figure(view)
    pain_ax, activity_ax = figure.axes[:2]
    areas = [p for p in activity_ax.patches if isinstance(p, StepPatch)]
    assert len(areas) == 1 and len(areas[0].get_data().values) == len(view.weekly) < 270
    assert len(pain_ax.lines[0].get_xdata()) == len(view.weekly)
    assert [t.get_text() for t in figure.legends[0].get_texts()][0] == "Pain (week average)"


def test_markers_inside_the_range_are_drawn_and_others_left_out():
    import datetime as dt

    from sb_desktop.charts.progress_chart import build_progress_figure
    from sb_desktop.domain.series import progress_view
    view = progress_view(_five_years(), "4w")
    inside, outside = view.end - dt.timedelta(days=3), view.start - dt.timedelta(days=3)
    figure = build_progress_figure(view, markers=[(inside, "Goal changed", "goal"), (outside, "Old", "goal")])
    labels = [t.get_text() for t in figure.axes[0].texts]
    assert labels == ["Goal changed"]


def test_an_empty_journal_draws_a_friendly_message():
    from sb_desktop.charts.progress_chart import build_progress_figure
    figure = build_progress_figure(None)
    assert not figure.axes and "Nothing to show yet" in figure.texts[0].get_text()


def test_legend_entries_describe_what_was_drawn():
    from sb_desktop.charts.progress_chart import build_progress_figure, legend_entries
    from sb_desktop.charts.theme import LIGHT
    from sb_desktop.domain.series import progress_view
    figure = build_progress_figure(progress_view(_five_years(), "3m"), legend=False)
    assert not figure.legends
    entries = legend_entries(figure)
    assert [look for _label, look, _colour in entries] == ["dots", "line", "area", "dashed"]
    assert entries[0][2] == LIGHT.pain_dots.lower()


def test_saved_charts_carry_the_headline_your_weeks_and_separate_scales(tmp_path):
    from sb_desktop.charts.progress_chart import build_progress_figure, file_title
    from sb_desktop.domain.series import progress_view, weeks_view
    series = _five_years()
    view = progress_view(series, "3m")
    weeks = weeks_view(series, view.start, view.end, view.measure)
    figure = build_progress_figure(view, title=file_title(view, "A headline sentence."), weeks=weeks)
    assert figure.get_suptitle().startswith("A headline sentence.\nProgress, ")
    panel = next(ax for ax in figure.axes if getattr(ax, "_sb_weeks", False))
    assert any(t.get_text().startswith("More\nactive") for t in panel.texts)
    activity_ax = figure.axes[1]
    # Each measure on its own labelled scale: minutes on the left, steps on the right.
    assert activity_ax.get_ylabel() == "Minutes a day" and activity_ax._sb_second_label == "Steps a day"
    assert "Steps a day" in [t.get_text() for t in activity_ax.texts]
