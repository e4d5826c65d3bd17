"""Commands for the Progress capability: insights and the chart, without a window."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from sb_desktop.domain.errors import UserError
from sb_desktop.domain.series import RANGE_KEYS
from sb_desktop.i18n import _


def register(subparsers) -> None:
    insights = subparsers.add_parser(
        "insights", help=_("what your own data says about activity and pain, in both directions"))
    insights.add_argument("--json", action="store_true", help=_("print one JSON object"))
    insights.set_defaults(run=run_insights)

    chart = subparsers.add_parser("chart", help=_("save the Progress chart as a PNG or SVG file"))
    chart.add_argument("--range", dest="range_key", choices=RANGE_KEYS, default="3m",
                       help=_("how far back: 4 weeks, 3 months, 1 year or all (default 3m)"))
    chart.add_argument("--out", required=True, metavar="FILE", help=_("FILE.png or FILE.svg"))
    chart.set_defaults(run=run_chart)


def run_insights(args, ctx) -> int:
    from sb_desktop.domain.insights import analyse_journal

    report = analyse_journal(ctx.open_profile(create=False).journal)
    if args.json:
        json.dump(report.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(report.summary)
    for finding in report.findings:
        print("- " + finding.statement)
        print("  " + finding.details.replace("\n", "\n  "))
    if report.weeks is not None:
        print()
        print(_("Your weeks: {text}").format(text=report.weeks.statement))
    print()
    for caveat in report.caveats:
        print("* " + caveat)
    return 0


def run_chart(args, ctx) -> int:
    from sb_desktop.charts.export import chart_format, save_figure
    from sb_desktop.charts.progress_chart import build_progress_figure, file_title
    from sb_desktop.domain.experiment import chart_weeks
    from sb_desktop.domain.insights import analyse, headline
    from sb_desktop.domain.series import load_daily_series, progress_view, weeks_view

    out = Path(args.out)
    chart_format(out)  # refuse a bad name before doing any work
    profile = ctx.open_profile(create=False)
    series = load_daily_series(profile.journal)
    if series is None:
        raise UserError(_("Profile '{name}' has no entries yet, so there is nothing to chart.").format(
            name=ctx.profile_name))
    view = progress_view(series, args.range_key)
    weeks = weeks_view(series, view.start, view.end, view.measure)
    figure = build_progress_figure(view, title=file_title(view, headline(analyse(series))), weeks=weeks,
                                   experiment_weeks=chart_weeks(profile.experiments.current()))
    save_figure(figure, out)
    print(_("Saved the {range} chart ({start} to {end}) to {path}.").format(
        range=args.range_key, start=view.start.isoformat(), end=view.end.isoformat(), path=out))
    return 0
