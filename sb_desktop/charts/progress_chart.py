"""The Progress chart: pain above and activity below on one time axis, and beside them "your weeks": average
pain in the person's more active weeks against their other weeks, so the two are read together at a glance.

Activity is drawn in the measure the person has on more days (minutes or steps) on its own labelled scale;
when the range holds the other measure too, it gets a second, separately labelled scale on the right.
Ratings taken straight after activity are drawn as soreness, apart from the day's pain. Experiment weeks
are shaded. Drawn for speed: activity is one filled `stairs` artist (never one bar per day), pain one line of
dots and one average line; spans longer than series.WEEKLY_AFTER_DAYS are drawn week by week.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

from sb_desktop.charts.theme import LIGHT, ChartTheme
from sb_desktop.i18n import _

# Margins in pixels at 100 dpi, turned into figure fractions for whatever size the figure has.
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM, _TITLE_LINE = 62, 12, 10, 44, 17
_SECOND_SCALE = 58           # room for the right-hand scale (its numbers and its label)
_WEEKS_GAP = 34              # between the time panels (or their right-hand scale) and "your weeks"
_LEGEND_ROW = 20
WEEKS_PANEL_SHARE = 0.17     # of the width, for "your weeks"
FILE_SIZE_INCHES = (10.0, 5.8)
FONT_SIZE = 9
MIN_DAYS_SHOWN = 7
TITLE_WRAP = 120             # characters per title line in files

Marker = tuple[dt.date, str, str]   # (date, label, kind), e.g. (date, "Session 2 finished", "session")
ExperimentWeek = tuple[dt.date, dt.date, str]   # (start, end, "higher" or "lower")


def build_progress_figure(view, *, markers: Sequence[Marker] = (), theme: ChartTheme = LIGHT, figure=None,
                          title: str = "", legend: bool = True, size_inches: tuple[float, float] = FILE_SIZE_INCHES,
                          dpi: float = 100, weeks=None, experiment_weeks: Sequence[ExperimentWeek] = ()):
    """Draw a series.ProgressView (or None when there is nothing yet) into `figure`, or a new Figure.

    title: lines above the legend (files carry the headline and their dates this way; the window shows
    them in labels). legend: False when the caller shows legend_entries() itself (the window does, in Qt).
    weeks: a series.WeeksView for the same range, drawn as "your weeks" beside the time panels (None: left out).
    markers: (date, label, kind) for events such as finished sessions or goal changes.
    experiment_weeks: (start, end, arm) of a self-experiment's weeks, shaded.
    """
    from matplotlib.figure import Figure

    if figure is None:
        figure = Figure(figsize=size_inches, dpi=dpi)
    else:
        figure.clear()
    figure.set_facecolor(theme.background)
    if view is None:
        figure.text(0.5, 0.5, _("Nothing to show yet. Add a pain rating or some activity to see your progress."),
                    ha="center", va="center", color=theme.foreground, fontsize=FONT_SIZE + 2, wrap=True)
        return figure

    import matplotlib
    import matplotlib.dates as mdates

    # Styled through rcParams while the axes are made, so each tick is born with its final look.
    with matplotlib.rc_context(_style(theme)):
        columns = 2 if weeks is not None else 1
        grid = figure.add_gridspec(2, columns, hspace=0.16,
                                   width_ratios=(1 - WEEKS_PANEL_SHARE, WEEKS_PANEL_SHARE) if columns == 2 else None)
        pain_ax = figure.add_subplot(grid[0, 0])
        activity_ax = figure.add_subplot(grid[1, 0])
        weeks_ax = figure.add_subplot(grid[:, 1]) if columns == 2 else None
        handles = _draw_pain(pain_ax, view, theme)
        activity_handles, second_scale = _draw_activity(activity_ax, view, theme)
        handles += activity_handles
    handles += _draw_experiment((pain_ax, activity_ax), view, experiment_weeks, theme)
    _draw_markers((pain_ax, activity_ax), view, markers, theme)
    if weeks_ax is not None:
        _draw_weeks(weeks_ax, weeks, theme)
    figure._sb_second_scale = second_scale is not None   # apply_margins leaves room for it

    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    activity_ax.xaxis.set_major_locator(locator)
    activity_ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    end = _number(view.end) + 1
    start = min(_number(view.start), end - MIN_DAYS_SHOWN)  # a new journal still gets a week-wide axis
    for ax in (pain_ax, activity_ax):
        ax.set_xlim(start, end)   # the same limits on each: matplotlib's axis sharing is slow to draw
    pain_ax.xaxis.set_visible(False)
    lines = _title_lines(title)
    figure._sb_title_lines = len(lines)
    if lines:
        figure.suptitle("\n".join(lines), x=0.01, y=0.995, ha="left", va="top", fontsize=FONT_SIZE + 1,
                        color=theme.foreground, linespacing=1.3)
    if legend:
        columns_in_row = _legend_columns(figure, len(handles))
        rows = -(-len(handles) // columns_in_row)
        figure._sb_legend_rows = rows
        top_px = 4 + len(lines) * _TITLE_LINE
        legend_top = 1 - top_px / (figure.get_size_inches()[1] * 100)
        figure.legend(handles=handles, loc="upper left", ncol=columns_in_row, frameon=False, fontsize=FONT_SIZE,
                      labelcolor=theme.foreground, bbox_to_anchor=(0.04, legend_top), handlelength=1.6,
                      columnspacing=1.4)
    apply_margins(figure)
    return figure


def _title_lines(title: str) -> list[str]:
    lines = []
    for paragraph in title.splitlines():
        lines.extend(textwrap.wrap(paragraph, TITLE_WRAP) or [""])
    return lines


def _legend_columns(figure, count: int) -> int:
    """As many keys in a row as fit the width of the time panels (about 235 px each), so none is cut off
    or runs into "your weeks"."""
    width = figure.get_size_inches()[0] * 100 * (1 - WEEKS_PANEL_SHARE)
    return max(1, min(count, int(width // 235)))


def file_title(view, headline: str = "") -> str:
    """The title a saved chart carries: the headline (the insight sentence), then which dates it shows."""
    from sb_desktop.domain.series import span_text
    dates = _("Progress, {span}").format(span=span_text(view))
    return f"{headline}\n{dates}" if headline else dates


def legend_entries(figure) -> list[tuple[str, str, str]]:
    """(label, look, colour) for each series drawn; look is "dots", "line", "dashed", "hollow" or "area"."""
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    entries = []
    for ax in figure.axes:
        if getattr(ax, "_sb_no_legend", False):
            continue
        for handle in ax.get_legend_handles_labels()[0]:
            if isinstance(handle, Line2D):
                if handle.get_linestyle() in ("None", "none", ""):
                    look = "hollow" if handle.get_markerfacecolor() == "none" else "dots"
                    colour = handle.get_markeredgecolor() if look == "hollow" else handle.get_color()
                else:
                    look = "line" if handle.get_linestyle() == "-" else "dashed"
                    colour = handle.get_color()
            else:
                look, colour = "area", handle.get_facecolor()
            entries.append((handle.get_label(), look, to_hex(colour)))
    return entries


def apply_margins(figure) -> None:
    """Keep the axes' margins a fixed number of pixels whatever the figure's size (call after a resize)."""
    width, height = figure.get_size_inches() * 100
    if width < 50 or height < 50:
        return
    top = _MARGIN_TOP + getattr(figure, "_sb_title_lines", 0) * _TITLE_LINE
    if figure.legends:
        top += 6 + getattr(figure, "_sb_legend_rows", 1) * _LEGEND_ROW
    second = _SECOND_SCALE if getattr(figure, "_sb_second_scale", False) else 0
    time_axes = [ax for ax in figure.axes if getattr(ax, "_sb_weeks", False)]
    if time_axes and not figure.legends:
        top += 2 * _TITLE_LINE   # room for the two-line title of "your weeks" above its panel
    bottom = _MARGIN_BOTTOM + (22 if time_axes else 0)   # "your weeks" labels run to three lines
    params = dict(left=_MARGIN_LEFT / width, right=1 - _MARGIN_RIGHT / width, top=1 - top / height,
                  bottom=bottom / height)
    if time_axes:
        # The gap between the two columns, as matplotlib wants it: a share of the mean column width.
        usable = width - _MARGIN_LEFT - _MARGIN_RIGHT
        gap = second + _WEEKS_GAP
        params["wspace"] = max(0.01, gap / max(1.0, (usable - gap) / 2))
    elif second:
        params["right"] = 1 - (_MARGIN_RIGHT + second) / width
    figure.subplots_adjust(**params)


def _number(date):
    import matplotlib.dates as mdates
    return mdates.date2num(date)


def _style(theme: ChartTheme) -> dict:
    return {
        "axes.facecolor": theme.background, "axes.edgecolor": theme.grid, "axes.labelcolor": theme.foreground,
        "axes.labelsize": FONT_SIZE, "axes.spines.top": False, "axes.spines.right": False,
        "axes.grid": True, "axes.grid.axis": "y", "axes.axisbelow": True,
        "grid.color": theme.grid, "grid.linewidth": 0.6,
        "xtick.color": theme.foreground, "ytick.color": theme.foreground,
        "xtick.labelsize": FONT_SIZE, "ytick.labelsize": FONT_SIZE,
        "xtick.major.size": 3, "ytick.major.size": 3,
    }


def _day_numbers(view, weekly: bool):
    """Left edges of each day (or week) as matplotlib date numbers, plus the final right edge."""
    import numpy as np

    dates = view.weekly.dates() if weekly else view.daily.dates()
    step = 7 if weekly else 1
    edges = np.append(dates, dates[-1] + np.timedelta64(step, "D")) if len(dates) else dates
    return _number(edges)


def _centres(view, edges, weekly: bool):
    """Where each day's (or week's) point sits: its middle, kept inside the shown dates for partial weeks."""
    import numpy as np

    if not weekly:
        return edges[:-1] + 0.5
    return np.clip(edges[:-1] + 3.5, _number(view.start) + 0.5, _number(view.end) + 0.5)


def _weekly_mean(view, values):
    """The mean of a daily array within each calendar week of the view (NaN where none is known)."""
    import numpy as np

    lead = view.daily.start.weekday()
    index = (np.arange(view.daily.days) + lead) // 7
    weeks = len(view.weekly)
    known = ~np.isnan(values)
    sums = np.bincount(index, weights=np.where(known, values, 0.0), minlength=weeks)
    counts = np.bincount(index, weights=known, minlength=weeks)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


def _draw_pain(ax, view, theme: ChartTheme) -> list:
    import numpy as np

    weekly = view.weekly_resolution
    edges = _day_numbers(view, weekly)
    centres = _centres(view, edges, weekly)
    if weekly:
        values = view.weekly.pain
        labels = (_("Pain (week average)"), _("Pain (4-week average)"))
        soreness = _weekly_mean(view, view.daily.soreness)
    else:
        values = view.daily.pain
        labels = (_("Pain (day average)"), _("Pain (7-day average)"))
        soreness = view.daily.soreness
    dots, = ax.plot(centres, values, linestyle="none", marker="o", markersize=4 if len(values) < 200 else 3,
                    color=theme.pain_dots, alpha=0.8, label=labels[0])
    line, = ax.plot(centres, view.pain_average, color=theme.pain_line, linewidth=2.0, label=labels[1])
    handles = [dots, line]
    if len(soreness) and not np.all(np.isnan(soreness)):
        # Straight after activity: its own mark, so it is never read as the day's pain.
        sore, = ax.plot(centres, soreness, linestyle="none", marker="^", markersize=5, markerfacecolor="none",
                        markeredgecolor=theme.pain_line, markeredgewidth=1.1,
                        label=_("Soreness just after activity"))
        handles.append(sore)
    ax.set_ylim(0, 10.4)
    ax.set_yticks(np.arange(0, 11, 2))
    ax.set_ylabel(_("Pain (0 none, 10 worst)"))
    return handles


def _steps_format(value, _position=None) -> str:
    return f"{value / 1000:,.0f}k" if value >= 1000 else f"{value:,.0f}"


def _draw_activity(ax, view, theme: ChartTheme):
    """The person's main measure as a filled area on the left scale; the other one, when the range has it,
    as a line on its own scale on the right. Returns (handles, the right-hand scale's label or None)."""
    import numpy as np
    from matplotlib.ticker import FuncFormatter

    weekly = view.weekly_resolution
    edges = _day_numbers(view, weekly)
    daily = view.daily
    if weekly:
        minutes = view.weekly.minutes_per_known_day
        steps = view.weekly.steps_per_day
    else:
        minutes = np.where(daily.minutes_known, daily.minutes, np.nan)
        steps = daily.steps
    has = {"minutes": bool(np.any(~np.isnan(minutes))), "steps": bool(np.any(~np.isnan(steps)))}
    main = view.measure if has[view.measure] or not any(has.values()) else next(m for m in has if has[m])
    other = "steps" if main == "minutes" else "minutes"
    labels = {"minutes": (_("Activity (minutes a day)"), _("Minutes a day")),
              "steps": (_("Steps a day"), _("Steps a day"))}
    values = {"minutes": minutes, "steps": steps}
    handles = []
    main_values = values[main]
    top = 30.0 if main == "minutes" else 3000.0
    if len(main_values):
        fill = _with_alpha(theme.activity_fill, theme.activity_alpha)
        # Unknown days are drawn as gaps, never as 0.
        handles.append(ax.stairs(main_values, edges, fill=True, facecolor=fill,
                                 edgecolor=theme.activity_edge, linewidth=0.8, label=labels[main][0]))
        if np.nanmax(main_values, initial=0.0) > 0:
            top = max(top, float(np.nanmax(main_values)) * 1.1)
    ax.set_ylim(0, top)
    ax.set_ylabel(labels[main][1], color=theme.activity_edge)
    if main == "steps":
        ax.yaxis.set_major_formatter(FuncFormatter(_steps_format))
    second = None
    if has[other]:
        other_values = values[other]
        other_top = max(30.0 if other == "minutes" else 3000.0, float(np.nanmax(other_values)) * 1.1)
        scale = top / other_top
        line, = ax.plot(_centres(view, edges, weekly), other_values * scale, color=theme.steps, linewidth=1.2,
                        linestyle=(0, (4, 2)), marker="." if len(other_values) < 120 else None, markersize=3,
                        label=labels[other][0])
        handles.append(line)
        second = _right_scale(ax, other_top, scale, labels[other][1], other == "steps", theme)
    return handles, second


def _right_scale(ax, top: float, scale: float, label: str, steps: bool, theme: ChartTheme):
    """A second, separately labelled scale on the right of `ax` for values drawn multiplied by `scale`.

    Drawn as a spine, tick marks and text on the same axes rather than with twinx(): a second, shared axes
    costs more to draw than the rest of the activity panel together."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    ticks = [t for t in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(0, top) if 0 <= t <= top]
    transform = ax.get_yaxis_transform()          # x in axes fraction, y in data
    ax.spines["right"].set_visible(True)
    ax.spines["right"].set_color(theme.steps)
    xs = np.ravel([[1.0, 1.012, np.nan] for _t in ticks])
    ys = np.ravel([[t * scale, t * scale, np.nan] for t in ticks])
    ax.plot(xs, ys, transform=transform, color=theme.steps, linewidth=0.8, clip_on=False, label="_nolegend_")
    for t in ticks:
        ax.text(1.018, t * scale, _steps_format(t) if steps else f"{t:,.0f}", transform=transform, ha="left",
                va="center", fontsize=FONT_SIZE, color=theme.steps, clip_on=False)
    text = ax.annotate(label, (1.0, 0.5), xycoords="axes fraction", xytext=(34, 0),
                       textcoords="offset points", rotation=90, ha="center", va="center", fontsize=FONT_SIZE,
                       color=theme.steps, annotation_clip=False)
    ax._sb_second_label = label
    return text


def _draw_weeks(ax, weeks, theme: ChartTheme) -> None:
    """Your weeks: average pain in the more active weeks and in the other weeks, with how many weeks each.

    Drawn with the axis switched off (bars, a baseline and text only): tick-making is most of the cost of
    an axes, and this panel needs none."""
    from matplotlib.patches import Rectangle

    from sb_desktop.i18n import ngettext

    ax._sb_weeks = True
    ax._sb_no_legend = True
    ax.set_axis_off()
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(0, 10.4)
    ax.set_title(_("Your weeks") + "\n" + _("average pain"), fontsize=FONT_SIZE, color=theme.foreground, loc="center")

    def weeks_text(n):
        return ngettext("{n} week", "{n} weeks", n).format(n=n)

    ax.plot([-0.55, 1.55], [0, 0], color=theme.grid, linewidth=0.8)
    for x, label in ((0, _("More\nactive") + "\n" + weeks_text(weeks.active_weeks)),
                     (1, _("Other") + "\n" + weeks_text(weeks.other_weeks))):
        ax.annotate(label, (x, 0), xytext=(0, -4), textcoords="offset points", ha="center", va="top",
                    fontsize=FONT_SIZE - 0.5, color=theme.foreground, annotation_clip=False)
    if not (weeks.active_weeks or weeks.other_weeks):
        ax.text(0.5, 5, _("Not enough\nfull weeks\nyet"), ha="center", va="center", fontsize=FONT_SIZE,
                color=theme.foreground)
        return
    for x, pain, colour in ((0, weeks.active_pain, theme.activity_edge), (1, weeks.other_pain, theme.grid)):
        if pain is None:
            continue
        ax.add_patch(Rectangle((x - 0.35, 0), 0.7, pain, facecolor=_with_alpha(colour, 0.75),
                               edgecolor=theme.foreground, linewidth=0.5))
        ax.text(x, pain + 0.25, f"{pain:.1f}", ha="center", va="bottom", fontsize=FONT_SIZE + 1,
                color=theme.foreground, fontweight="bold")


def _draw_experiment(axes, view, experiment_weeks: Sequence[ExperimentWeek], theme: ChartTheme) -> list:
    shown = [(s, e, arm) for s, e, arm in experiment_weeks if e >= view.start and s <= view.end]
    handles: list = []
    if not shown:
        return handles
    top_ax = axes[0]
    # Label a week only when it is wide enough on screen for its word (roughly: the time panels' share of
    # the figure, spread over the days shown).
    width_pt = top_ax.figure.get_size_inches()[0] * 72 * (1 - WEEKS_PANEL_SHARE) * 0.85
    pt_per_day = width_pt / max(MIN_DAYS_SHOWN, (view.end - view.start).days + 1)
    labelled = set()
    for start, end, arm in shown:
        left, right = _number(max(start, view.start)), _number(min(end, view.end)) + 1
        colour = theme.activity_edge if arm == "higher" else theme.grid
        for ax in axes:
            # The first span of each kind carries the key's label, so the legend explains the shading.
            label = "_nolegend_"
            if ax is axes[1] and arm not in labelled:
                labelled.add(arm)
                label = _("Experiment: higher week") if arm == "higher" else _("Experiment: lower week")
            span = ax.axvspan(left, right, color=colour, alpha=0.13 if arm == "higher" else 0.35, linewidth=0,
                              zorder=0, label=label)
            if label != "_nolegend_":
                handles.append(span)
        if (right - left) * pt_per_day >= 28:
            label = _("Higher") if arm == "higher" else _("Lower")
            top_ax.annotate(label, ((left + right) / 2, 1.0), xycoords=("data", "axes fraction"), xytext=(0, -2),
                            textcoords="offset points", ha="center", va="top", fontsize=FONT_SIZE - 2,
                            color=theme.foreground, alpha=0.85)
    return handles


def _with_alpha(colour: str, alpha: float):
    from matplotlib.colors import to_rgba
    return to_rgba(colour, alpha)


def _draw_markers(axes, view, markers: Sequence[Marker], theme: ChartTheme) -> None:
    shown = [(date, label, kind) for date, label, kind in markers if view.start <= date <= view.end]
    if not shown:
        return
    kinds: list[str] = []
    styles = ("-", "--", ":")
    top_ax = axes[0]
    for date, label, kind in shown:
        if kind not in kinds:
            kinds.append(kind)
        index = kinds.index(kind) % len(theme.markers)
        x = _number(date) + 0.5
        for ax in axes:
            ax.axvline(x, color=theme.markers[index], linestyle=styles[index % len(styles)], linewidth=1.0, alpha=0.9)
        top_ax.annotate(label, (x, 1.0), xycoords=("data", "axes fraction"), xytext=(2, -2),
                        textcoords="offset points", rotation=90, va="top", ha="left", fontsize=FONT_SIZE - 1,
                        color=theme.foreground, alpha=0.85)
