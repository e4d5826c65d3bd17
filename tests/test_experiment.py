"""The self-experiment "Try it and see": the plan, the comparison on synthetic people with known truth,
its honesty about power and about plans not followed, the store and the exact command line."""
from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pytest
from conftest import run_cli

from sb_desktop.domain import experiment as ex
from sb_desktop.domain.errors import ValidationError
from sb_desktop.domain.series import daily_series

TODAY = dt.date(2026, 6, 1)


def plan(weeks=4, seed=11, measure="steps", lower=5000, higher=9000, start=None):
    return ex.make_experiment(measure, lower, higher, weeks=weeks, start=start or TODAY - dt.timedelta(weeks=weeks),
                              today=TODAY, seed=seed)


def follower(experiment, seed, *, effect=0.0, trend=0.0, follows=True, rated=1.0):
    """Rows for a person who lives the plan: activity near each week's target (or not, when follows=False),
    pain = usual + effect in higher weeks + a slow trend per week + noise."""
    rng = np.random.default_rng(seed)
    pain_rows, activity_rows = [], []
    for week in ex.schedule(experiment):
        for day in range(7):
            date = week.start + dt.timedelta(days=day)
            target = week.target if follows else (experiment.lower + experiment.higher) / 2
            amount = max(0, int(target + rng.normal(0, 0.1 * experiment.higher)))
            if experiment.measure == "steps":
                activity_rows.append((date, 0, amount))
            else:
                activity_rows.append((date, amount, None))
            if rng.random() < rated:
                pain = 5 + trend * (week.week - 1) + (effect if week.arm == ex.HIGHER else 0) + rng.normal(0, 0.6)
                pain_rows.append((date, float(np.clip(round(pain), 0, 10)), 1))
    return daily_series(pain_rows, activity_rows)


def test_each_pair_has_one_higher_and_one_lower_week_drawn_from_the_seed():
    for seed in range(30):
        weeks = ex.schedule(plan(weeks=8, seed=seed))
        assert [w.week for w in weeks] == list(range(1, 9))
        for first, second in zip(weeks[0::2], weeks[1::2], strict=True):
            assert {first.arm, second.arm} == {ex.HIGHER, ex.LOWER}
            assert second.start == first.end + dt.timedelta(days=1)
        assert all(w.target == (9000 if w.arm == ex.HIGHER else 5000) for w in weeks)
    # The same seed always gives the same plan; across seeds, the higher week comes first about half the time.
    assert ex.schedule(plan(seed=5)) == ex.schedule(plan(seed=5))
    firsts = [ex.schedule(plan(seed=s))[0].arm == ex.HIGHER for s in range(400)]
    assert 160 < sum(firsts) < 240


def test_a_real_difference_is_reported_with_its_sign_and_the_same_data_gives_the_same_answer():
    experiment = plan(weeks=8)
    series = follower(experiment, 1, effect=-1.5)
    result = ex.analyse_experiment(experiment, series, TODAY)
    assert result.state == ex.COMPLETE and result.pairs_compared == 4 and result.plan_followed
    assert result.difference < -0.8 and result.pain_higher < result.pain_lower
    low, high = result.interval
    assert low < result.difference < high
    assert result.p_value == pytest.approx(0.125)          # all four pairs agree: the smallest p four pairs allow
    assert result.strength in ("weak", "moderate")
    assert "lower in your more active weeks" in result.statement and "rarely prove" in result.statement
    assert result.activity_higher > result.activity_lower
    again = ex.analyse_experiment(experiment, follower(experiment, 1, effect=-1.5), TODAY)
    assert json.dumps(again.as_json(), sort_keys=True) == json.dumps(result.as_json(), sort_keys=True)


def test_a_slow_recovery_alone_does_not_masquerade_as_a_result():
    # Pain falls by 0.5 a week whatever the plan: with the order drawn at random, no lean either way.
    differences, claims = [], 0
    for seed in range(60):
        experiment = plan(weeks=8, seed=seed)
        result = ex.analyse_experiment(experiment, follower(experiment, 100 + seed, trend=-0.5), TODAY)
        differences.append(result.difference)
        claims += result.strength != "none"
    assert abs(np.mean(differences)) < 0.25
    assert claims <= 60 * 0.3


def test_a_plan_not_followed_says_so_and_concludes_nothing():
    experiment = plan()
    result = ex.analyse_experiment(experiment, follower(experiment, 2, effect=-2.0, follows=False), TODAY)
    assert result.pairs_compared == 2 and not result.plan_followed and result.strength == "none"
    assert "not followed" in result.statement and "nothing can be concluded" in result.statement


def test_exact_randomisation_p_over_pair_sign_flips():
    assert ex.exact_sign_flip_p([-1.0, -1.0, -1.0, -1.0]) == pytest.approx(2 / 16)
    assert ex.exact_sign_flip_p([-1.0, 1.0]) == pytest.approx(1.0)
    assert ex.exact_sign_flip_p([-2.0, -1.0, 0.5]) == pytest.approx(4 / 8)


def test_before_the_last_week_ends_the_state_is_running_and_covers_the_weeks_so_far():
    experiment = plan(weeks=4, start=TODAY - dt.timedelta(days=17))
    series = follower(experiment, 3, effect=-1.0)
    result = ex.analyse_experiment(experiment, series.slice(series.start, TODAY), TODAY)
    assert result.state == ex.RUNNING and result.pairs_compared == 1
    assert result.interval == (None, None) and result.strength == "none"
    assert "week 3 of 4" in result.statement and "so far" in result.statement


def test_statements_never_speak_of_cause_and_treat_good_and_bad_news_alike():
    experiment = plan(weeks=8)
    texts = []
    for effect in (-1.5, 1.5):
        r = ex.analyse_experiment(experiment, follower(experiment, 1, effect=effect), TODAY)
        texts.append(r.statement)
    good, bad = texts
    assert "lower in your more active weeks" in good and "higher in your more active weeks" in bad
    assert len(set(re.findall(r"[a-z]+", good)) ^ set(re.findall(r"[a-z]+", bad))) <= 2
    for text in texts:
        assert not re.search(r"\bcaus", text, re.IGNORECASE)


@pytest.mark.parametrize("args, message", [
    (("walking", 1, 2), "minutes or steps"),
    (("steps", 9000, 5000), "must be more than"),
    (("minutes", 10, 20, 5), "4, 6 or 8"),
    (("minutes", "ten", 20), "whole number"),
])
def test_bad_plans_are_refused_clearly(args, message):
    measure, lower, higher, *weeks = args
    with pytest.raises(ValidationError, match=message):
        ex.make_experiment(measure, lower, higher, weeks=weeks[0] if weeks else 4, today=TODAY)
    with pytest.raises(ValidationError, match="8 weeks ago"):
        ex.make_experiment("steps", 1, 2, start=TODAY - dt.timedelta(days=57), today=TODAY)
    with pytest.raises(ValidationError, match="today or in the past"):
        ex.make_experiment("steps", 1, 2, start=TODAY + dt.timedelta(days=1), today=TODAY)


def test_store_refuses_a_second_running_experiment_and_stops(profile):
    from sb_desktop.storage.experiments import ExperimentRefused

    store = profile.experiments
    assert store.current() is None
    first = store.start(plan(start=TODAY), TODAY)
    assert first.id and first.seed == 11 and ex.schedule(first) == ex.schedule(plan(start=TODAY))
    with pytest.raises(ExperimentRefused):
        store.start(plan(start=TODAY), TODAY)
    stopped = store.stop(TODAY + dt.timedelta(days=3))
    assert stopped.state(TODAY + dt.timedelta(days=4)) == ex.STOPPED
    with pytest.raises(ExperimentRefused):
        store.stop(TODAY + dt.timedelta(days=4))
    assert store.start(plan(start=TODAY), TODAY + dt.timedelta(days=4)).id == first.id + 1


def test_cli_start_status_result_stop_exactly():
    start = (dt.date.today() - dt.timedelta(days=14)).isoformat()
    started = run_cli("experiment", "start", "--measure", "minutes", "--lower", "10", "--higher", "30",
                      "--start", start)
    assert started.returncode == 0, started.stderr
    status = json.loads(run_cli("experiment", "status", "--json").stdout)
    assert (status["state"], status["measure"], status["weeks"]) == ("running", "minutes", 4)
    assert [w["week"] for w in status["schedule"]] == [1, 2, 3, 4]
    for week in status["schedule"]:
        assert set(week) == {"week", "start", "end", "arm", "target"}
        assert week["arm"] in ("higher", "lower") and week["target"] == (30 if week["arm"] == "higher" else 10)
        dt.date.fromisoformat(week["start"]), dt.date.fromisoformat(week["end"])
    assert status["schedule"][0]["start"] == start
    refused = run_cli("experiment", "start", "--measure", "steps", "--lower", "1", "--higher", "2")
    assert refused.returncode != 0 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1 and "already running" in refused.stderr
    for day in range(14):
        date = (dt.date.today() - dt.timedelta(days=14 - day)).isoformat()
        arm = status["schedule"][day // 7]["arm"]
        assert run_cli("add", "pain", "3" if arm == "higher" else "5", "--date", date).returncode == 0
        assert run_cli("add", "activity", "30" if arm == "higher" else "10", "--kind", "walk",
                       "--date", date).returncode == 0
    result = json.loads(run_cli("experiment", "result", "--json").stdout)
    assert set(result) == {"state", "pairs_compared", "pain_higher", "pain_lower", "difference", "interval",
                           "p_value", "activity_higher", "activity_lower", "plan_followed", "strength", "statement"}
    assert result["state"] == "running" and result["pairs_compared"] == 1
    assert (result["pain_higher"], result["pain_lower"], result["difference"]) == (3.0, 5.0, -2.0)
    assert (result["activity_higher"], result["activity_lower"], result["plan_followed"]) == (30.0, 10.0, True)
    assert len(result["interval"]) == 2 and 0 < result["p_value"] <= 1
    assert run_cli("experiment", "stop").returncode == 0
    assert json.loads(run_cli("experiment", "status", "--json").stdout)["state"] == "stopped"
    again = run_cli("experiment", "stop")
    assert again.returncode != 0 and len(again.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [
    ("--measure", "walking", "--lower", "1", "--higher", "2"),
    ("--measure", "steps", "--lower", "9", "--higher", "2"),
    ("--measure", "steps", "--lower", "1", "--higher", "2", "--weeks", "5"),
    ("--measure", "steps", "--lower", "1", "--higher", "2", "--start", "2001-01-01"),
    ("--measure", "steps", "--lower", "1", "--higher", "2", "--start", "someday"),
])
def test_cli_bad_plans_are_one_line_nonzero_and_change_nothing(args):
    result = run_cli("experiment", "start", *args)
    assert result.returncode != 0 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    status = run_cli("experiment", "status", "--json")   # nothing was made, not even the profile
    assert status.returncode != 0 and "There is no profile called 'default'" in status.stderr
