"""Speed of the link (issue #15): insights with the weeks view and an experiment result over five years of
daily data, in one run.

Run on purpose (not part of the normal suite):  .venv/bin/python tests/bench/bench_link.py [--runs N]
Target: insights (both day-level questions) + the weeks view (whole journal and one range) + an 8-week
experiment's result <= 100 ms, from a DailySeries already loaded. Printed beside it, measured in the same
run: the day-level questions alone (the engine as it was before this issue), and the ratio between the two,
so a slow or shared machine shows up in both figures. Wall-clock medians decide; CPU medians are printed too.
The shuffles depend only on the seed and sizes, so the engine keeps them between calls: the first call in a
process draws them (printed as "first call in a process"), later ones reuse them. Exit status 0 when the
target is met.
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DAYS = 1826
TARGET_MS = 100.0


def five_years(steps_only: bool):
    import numpy as np

    from sb_desktop.domain.series import daily_series

    rng = np.random.default_rng(5)
    start = dt.date.today() - dt.timedelta(days=DAYS - 1)
    pain, activity = [], []
    for i in range(DAYS):
        date = start + dt.timedelta(days=i)
        if rng.random() > 0.1:
            pain.append((date, float(np.clip(round(5 + rng.normal(0, 1.2)), 0, 10)), 1))
        amount = max(0, int(rng.normal(6000 if steps_only else 30, 2000 if steps_only else 12)))
        activity.append((date, 0, amount) if steps_only else (date, amount, None))
    return daily_series(pain, activity)


def timed(function, runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from sb_desktop.domain import insights
    from sb_desktop.domain.experiment import analyse_experiment, make_experiment
    from sb_desktop.domain.series import activity_measure, weeks_view

    ok = True
    for steps_only in (False, True):
        series = five_years(steps_only)
        measure = activity_measure(series)
        today = series.end
        experiment = make_experiment(measure, 20 if measure == "minutes" else 5000,
                                     40 if measure == "minutes" else 8000, weeks=8,
                                     start=today - dt.timedelta(days=55), today=today, seed=3)

        def day_questions_alone(series=series, measure=measure):
            weekday = series.start.weekday()
            pain = insights._without_weekly_rhythm(insights._detrended(series.pain), weekday)
            active = insights._without_weekly_rhythm(insights._detrended(series.activity_values(measure)), weekday)
            insights._finding(insights.ACTIVITY_TO_PAIN, active, pain, 1, insights.PERMUTATIONS, insights.SEED, measure)
            insights._finding(insights.PAIN_TO_ACTIVITY, pain, active, 1, insights.PERMUTATIONS, insights.SEED + 1,
                              measure)

        def everything(series=series, today=today, experiment=experiment):
            report = insights.analyse(series)                     # both questions + the whole-journal weeks view
            weeks_view(series, today - dt.timedelta(days=90), today, report.activity_measure)   # the 3-month range
            analyse_experiment(experiment, series, today)
            return report

        everything()
        day_questions_alone()          # warm up both (numpy's first calls)
        baseline, baseline_cpu = timed(day_questions_alone, args.runs)
        total, total_cpu = timed(everything, args.runs)

        def first_in_process(everything=everything):
            insights._permutation_plan.cache_clear()      # as the first call in a new process: shuffles drawn anew
            return everything()

        cold, cold_cpu = timed(first_in_process, args.runs)
        report = everything()
        label = "steps only" if steps_only else "minutes"
        met = total <= TARGET_MS
        ok = ok and met
        print(f"{label:>10}, {series.days} days ({report.days_with_both} with both, measure {report.activity_measure}): "
              f"insights + weeks view + experiment {total:.1f} ms (CPU {total_cpu:.1f}); day-level questions alone "
              f"{baseline:.1f} ms (CPU {baseline_cpu:.1f}); ratio {total / baseline:.2f}x; first call in a process "
              f"(shuffles drawn anew) {cold:.1f} ms (CPU {cold_cpu:.1f}); "
              f"target <= {TARGET_MS:.0f} ms {'met' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
