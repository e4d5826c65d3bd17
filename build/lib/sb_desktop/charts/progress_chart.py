"""The Progress chart: pain above, activity below, on one shared time axis, with room for markers.

Drawn for speed: activity is one filled `stairs` artist (never one bar per day), pain one line of dots and
one average line; spans longer than series.WEEKLY_AFTER_DAYS are drawn week by week.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sb_desktop.charts.theme import LIGHT, ChartTheme
from sb_desktop.i18n import _

# Margins in pixels at 100 dpi, turned into figure fractions for whatever size the figure has.
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM, _TITLE_HEIGHT = 62, 16, 36, 30, 22
FILE_SIZE_INCHES = (10.0, 5.6)
STEPS_PER_UNIT = 100          # steps are drawn in hundreds, on the minutes scale
FONT_SIZE = 9
MIN_DAYS_SHOWN = 7

Marker = tuple[dt.date, str, str]   # (date, label, kind), e.g. (date, "Session 2 finished", "session")


def build_progress_figure(view, *, markers: Sequence[Marker] = (), theme: ChartTheme = LIGHT, figure=None,
                          title: str = "", legend: bool = True, size_inches: tuple[float, float] = FILE_SIZE_INCHES,
                          dpi: float = 100):
    """Draw a series.ProgressView (or None when there is nothing yet) into `figure`, or a new Figure.

    title: a line above the legend (files carry their dates this way; the window shows them in a label).
    legend: False when the caller shows legend_entries() itself (the window does, in Qt: quicker to draw
    and readable by screen readers).

    markers: (date, label, kind) for events other capabilities add, such as finished sessions or goal
    changes; each kind gets its own colour and line style.
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

    # Two panels on one time axis. Styled through rcParams while the axes are made, so each tick is born
    # with its final look (restyling every tick afterwards costs more than drawing them).
    with matplotlib.rc_context(_style(theme)):
        pain_ax, activity_ax = figure.subplots(2, 1, gridspec_kw={"hspace": 0.16})
    handles = _draw_pain(pain_ax, view, theme) + _draw_activity(activity_ax, view, theme)
    _draw_markers((pain_ax, activity_ax), view, markers, theme)

    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    activity_ax.xaxis.set_major_locator(locator)
    activity_ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    end = _number(view.end) + 1
    start = min(_number(view.start), end - MIN_DAYS_SHOWN)  # a new journal still gets a week-wide axis
    for ax in figure.axes:  # the same limits set on each: matplotlib's axis sharing is slow to draw
        ax.set_xlim(start, end)
    pain_ax.xaxis.set_visible(False)
    if legend:
        legend_top = 1 - (_TITLE_HEIGHT / (figure.get_size_inches()[1] * 100) if title else 0)
        figure.legend(handles=handles, loc="upper center", ncol=len(handles), frameon=False, fontsize=FONT_SIZE,
                      labelcolor=theme.foreground, bbox_to_anchor=(0.5, legend_top), handlelength=1.6,
                      columnspacing=1.4)
    if title:
        figure.suptitle(title, x=0.01, y=0.995, ha="left", va="top", fontsize=FONT_SIZE + 1, color=theme.foreground)
    apply_margins(figure)
    return figure


def file_title(view) -> str:
    """The title a saved chart carries, so the file says which dates it shows."""
    from sb_desktop.domain.series import span_text
    return _("Progress, {span}").format(span=span_text(view))


def legend_entries(figure) -> list[tuple[str, str, str]]:
    """(label, look, colour) for each series drawn; look is "dots", "line", "dashed" or "area"."""
    from matplotlib.colors import to_hex
    from matplotlib.lines import Line2D

    entries = []
    for ax in figure.axes:
        for handle in ax.get_legend_handles_labels()[0]:
            if isinstance(handle, Line2D):
                look = "dots" if handle.get_linestyle() in ("None", "none", "") else (
                    "line" if handle.get_linestyle() == "-" else "dashed")
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
    top = (_MARGIN_TOP if figure.legends else 12) + (_TITLE_HEIGHT if figure.get_suptitle() else 0)
    figure.subplots_adjust(left=_MARGIN_LEFT / width, right=1 - _MARGIN_RIGHT / width,
                           top=1 - top / height, bottom=_MARGIN_BOTTOM / height)


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


def _draw_pain(ax, view, theme: ChartTheme) -> list:
    import numpy as np

    weekly = view.weekly_resolution
    edges = _day_numbers(view, weekly)
    centres = _centres(view, edges, weekly)
    if weekly:
        values = view.weekly.pain
        labels = (_("Pain (week average)"), _("Pain (4-week average)"))
    else:
        values = view.daily.pain
        labels = (_("Pain (day average)"), _("Pain (7-day average)"))
    dots, = ax.plot(centres, values, linestyle="none", marker="o", markersize=4 if len(values) < 200 else 3,
                    color=theme.pain_dots, alpha=0.8, label=labels[0])
    line, = ax.plot(centres, view.pain_average, color=theme.pain_line, linewidth=2.0, label=labels[1])
    ax.set_ylim(0, 10.4)
    ax.set_yticks(np.arange(0, 11, 2))
    ax.set_ylabel(_("Pain (0 none, 10 worst)"))
    return [dots, line]


def _draw_activity(ax, view, theme: ChartTheme) -> list:
    import numpy as np

    weekly = view.weekly_resolution
    edges = _day_numbers(view, weekly)
    minutes = view.weekly.minutes_per_day if weekly else view.daily.minutes
    label = _("Activity (minutes a day)")
    handles = []
    top = 30.0
    if len(minutes):
        # One filled, outlined step artist for the whole span: far faster than one bar per day.
        fill = _with_alpha(theme.activity_fill, theme.activity_alpha)
        handles.append(ax.stairs(minutes, edges, fill=True, facecolor=fill, edgecolor=theme.activity_edge,
                                 linewidth=0.8, label=label))
        if np.any(minutes > 0):
            top = max(top, float(np.nanmax(minutes)) * 1.1)
    ax.set_ylim(0, top)
    ax.set_ylabel(_("Minutes a day"))

    steps = view.weekly.steps / np.maximum(view.weekly.days, 1) if weekly else view.daily.steps
    if len(steps) and not np.all(np.isnan(steps)):
        # Steps share the minutes scale, counted in hundreds: brisk walking is about 100 steps a minute,
        # so the two lines sit together, and no second scale (slow to draw, hard to read) is needed.
        hundreds = steps / STEPS_PER_UNIT
        line, = ax.plot(_centres(view, edges, weekly), hundreds, color=theme.steps, linewidth=1.1, linestyle=(0, (4, 2)),
                        marker="." if len(steps) < 120 else None, markersize=3,
                        label=_("Steps a day (hundreds)"))
        handles.append(line)
        ax.set_ylim(0, max(top, float(np.nanmax(hundreds)) * 1.1))
        ax.set_ylabel(_("Minutes (or hundreds of steps) a day"))
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
