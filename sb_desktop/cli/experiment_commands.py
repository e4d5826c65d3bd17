"""Commands for the self-experiment "Try it and see": start, stop, status, result."""
from __future__ import annotations

import datetime as dt
import json
import sys

from sb_desktop.i18n import _


def register(subparsers) -> None:
    experiment = subparsers.add_parser(
        "experiment", help=_("try it and see: a higher and a lower activity target, week about, then compare"))
    actions = experiment.add_subparsers(dest="action", metavar="ACTION", required=True)
    start = actions.add_parser("start", help=_("plan and start an experiment"))
    start.add_argument("--measure", required=True, metavar="minutes|steps",
                       help=_("what the targets count: minutes or steps a day"))
    start.add_argument("--lower", required=True, metavar="N", help=_("the lower target, per day"))
    start.add_argument("--higher", required=True, metavar="M", help=_("the higher target, per day"))
    start.add_argument("--weeks", default="4", metavar="4|6|8", help=_("4, 6 or 8 weeks (default 4)"))
    start.add_argument("--start", metavar="YYYY-MM-DD",
                       help=_("first day (default today; up to 8 weeks ago, for a diary kept on paper)"))
    start.set_defaults(run=run_start)
    stop = actions.add_parser("stop", help=_("stop the running experiment"))
    stop.set_defaults(run=run_stop)
    status = actions.add_parser("status", help=_("the plan: which weeks are higher and which lower"))
    status.add_argument("--json", action="store_true", help=_("print one JSON object"))
    status.set_defaults(run=run_status)
    result = actions.add_parser("result", help=_("compare pain in the higher and the lower weeks"))
    result.add_argument("--json", action="store_true", help=_("print one JSON object"))
    result.set_defaults(run=run_result)


def _dump(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    print()


def run_start(args, ctx) -> int:
    from sb_desktop.domain.experiment import make_experiment, measure_unit

    today = dt.date.today()
    planned = make_experiment(args.measure, args.lower, args.higher, weeks=args.weeks, start=args.start, today=today)
    saved = ctx.open_profile().experiments.start(planned, today)
    print(_("Started a {weeks}-week experiment from {start} to {end}: {lower} or {higher} {unit}, week about. "
            "See the plan with 'experiment status'.").format(
        weeks=saved.weeks, start=saved.start.isoformat(), end=saved.end.isoformat(), lower=saved.lower,
        higher=saved.higher, unit=measure_unit(saved.measure)))
    return 0


def run_stop(args, ctx) -> int:
    stopped = ctx.open_profile().experiments.stop(dt.date.today())
    print(_("Stopped the experiment that began on {start}.").format(start=stopped.start.isoformat()))
    return 0


def run_status(args, ctx) -> int:
    from sb_desktop.domain.experiment import measure_unit, status_json

    today = dt.date.today()
    current = ctx.open_profile(create=False).experiments.current()
    data = status_json(current, today)
    if args.json:
        _dump(data)
        return 0
    if current is None:
        print(_("No experiment yet. Start one with 'experiment start'."))
        return 0
    print(_("Experiment: {state}, {weeks} weeks from {start} ({unit}).").format(
        state=data["state"], weeks=data["weeks"], start=data["start"], unit=measure_unit(current.measure)))
    for week in data["schedule"]:
        print(f"  {week['week']}. {week['start']} to {week['end']}  {week['arm']:<6}  {week['target']:,}")
    return 0


def run_result(args, ctx) -> int:
    from sb_desktop.domain.experiment import analyse_experiment
    from sb_desktop.domain.series import load_daily_series

    profile = ctx.open_profile(create=False)
    result = analyse_experiment(profile.experiments.current(), load_daily_series(profile.journal), dt.date.today())
    if args.json:
        _dump(result.as_json())
        return 0
    print(result.statement)
    return 0
