"""Progress speed on five years of daily data (about 1,800 days, several entries a day), in one run.

Run on purpose (not part of the normal suite):  .venv/bin/python tests/bench/bench_progress.py [--runs N]
Targets (issue #3):
- first draw of the Progress chart <= 2x a bare matplotlib line plot of the same points on the same kind
  of canvas (FigureCanvasQTAgg, same size), measured in the same run;
- switching range <= 100 ms (from the click until the chart has been drawn);
- insights (load from the journal + analyse) <= 100 ms.
Exit status 0 when every target is met. Wall-clock medians decide; CPU-time medians are printed beside
them because the machine may be shared (other processes stretch wall time, not CPU time).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WEEKS = 258                                          # 1,806 days
PAGE_SIZE = (1196, 690)                              # the page area of a maximised window at 1366x768


def five_year_profile(data_dir: Path):
    from sb_desktop.domain.demo import demo_entries
    from sb_desktop.storage.profiles import ProfileDirectory

    profiles = ProfileDirectory(data_dir)
    profile = profiles.open("Five years")
    end = dt.date.today()
    # Two seeded journals over the same days: 2-4 pain ratings and 1-4 activity entries on most days.
    entries = demo_entries(end=end, weeks=WEEKS) + demo_entries(end=end, weeks=WEEKS, seed=7)
    profile.journal.add_many(entries)
    return profiles, profile, len(entries)


def median_ms(values) -> float:
    return statistics.median(values) * 1000


class Clock:
    """Wall and CPU time of one block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication
    app = QApplication([])

    with tempfile.TemporaryDirectory() as tmp:
        profiles, profile, count = five_year_profile(Path(tmp))
        days = profile.journal.date_span()
        print(f"data: {count} entries over {(days[1] - days[0]).days + 1} days")

        started = time.perf_counter()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure
        print(f"importing matplotlib + Qt canvas (paid on first show of Progress): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")

        from sb_desktop.domain.insights import analyse, analyse_journal
        from sb_desktop.domain.series import load_daily_series, progress_view, weeks_view
        from sb_desktop.ui.common.context import AppContext
        from sb_desktop.ui.progress.page import ProgressPage

        context = AppContext(profiles, profile)
        series = load_daily_series(profile.journal)

        def bare_line_plot(view, size) -> float:
            """Baseline: the same days' pain and minutes as two plain lines on a fresh canvas of the same size."""
            dates = view.daily.dates()
            with Clock() as clock:
                figure = Figure()
                canvas = FigureCanvasQTAgg(figure)
                canvas.resize(*size)
                ax = figure.add_subplot()
                ax.plot(dates, view.daily.pain)
                ax.plot(dates, view.daily.minutes)
                canvas.draw()
            canvas.deleteLater()
            return clock

        def new_page(range_key):
            profile.settings.set("progress.range", range_key)
            page = ProgressPage(context)
            page.resize(*PAGE_SIZE)
            page.show()
            app.processEvents()
            return page

        def first_chart_draw(range_key):
            """(chart only: figure built and drawn on a new canvas, whole first refresh, canvas size)."""
            page = new_page(range_key)
            with Clock() as whole:
                page.refresh()              # load, insights, cards, table, chart (drawn when idle)
                page.canvas.draw()
            app.processEvents()
            size = (page.canvas.width(), page.canvas.height())
            page.close()
            page.deleteLater()
            page = new_page(range_key)  # again with a new canvas, timing the chart alone
            page.series = series
            page.view = progress_view(series, range_key)
            # The chart as the page draws it: with "your weeks" beside the time panels (issue #15).
            page.weeks = weeks_view(series, page.view.start, page.view.end, page.view.measure)
            with Clock() as chart:
                page.draw_chart(now=True)
            page.close()
            page.deleteLater()
            app.processEvents()
            return chart, whole, size

        # Warm-up: fonts and caches are loaded once per process, for both sides alike.
        first_chart_draw("all")
        bare_line_plot(progress_view(series, "all"), PAGE_SIZE)

        ok = True
        print("\nfirst draw of the chart vs a bare line plot of the same days (medians):")
        for key in ("4w", "3m", "1y", "all"):
            view = progress_view(series, key)
            chart, whole, bare = [], [], []
            for _ in range(args.runs):  # interleaved so machine load affects both alike
                c, w, size = first_chart_draw(key)
                chart.append(c)
                whole.append(w)
                bare.append(bare_line_plot(view, size))
            wall = [c.wall for c in chart], [b.wall for b in bare]
            cpu = [c.cpu for c in chart], [b.cpu for b in bare]
            ratio = statistics.median(wall[0]) / statistics.median(wall[1])
            cpu_ratio = statistics.median(cpu[0]) / statistics.median(cpu[1])
            ok &= ratio <= 2.0
            print(f"  {key:>3} ({view.resolution}, {view.daily.days} days): chart {median_ms(wall[0]):5.1f} ms, "
                  f"bare line plot {median_ms(wall[1]):5.1f} ms, ratio {ratio:.2f}x (target <= 2x) | "
                  f"CPU {median_ms(cpu[0]):5.1f} vs {median_ms(cpu[1]):5.1f} ms, {cpu_ratio:.2f}x | "
                  f"whole first refresh incl. insights and table {median_ms([w.wall for w in whole]):5.1f} ms")

        page = new_page("3m")
        page.refresh()
        app.processEvents()
        drawn = []
        page.canvas.mpl_connect("draw_event", lambda _event: drawn.append(time.perf_counter()))
        switches, switch_cpu = [], []
        for _ in range(args.runs):
            for key in ("4w", "1y", "all", "3m"):
                drawn.clear()
                started, cpu = time.perf_counter(), time.process_time()
                page.range_buttons[key].click()
                while not drawn:
                    app.processEvents()
                switches.append(drawn[0] - started)
                switch_cpu.append(time.process_time() - cpu)
        ok &= statistics.median(switches) <= 0.1
        print(f"\nswitching range (click until drawn, {len(switches)} switches): median {median_ms(switches):.1f} ms, "
              f"worst {max(switches) * 1000:.1f} ms, CPU median {median_ms(switch_cpu):.1f} ms (target <= 100 ms)")

        with_load, engine = [], []
        for _ in range(args.runs * 3):
            with Clock() as clock:
                report = analyse_journal(profile.journal)
            with_load.append(clock)
            with Clock() as clock:
                analyse(series)
            engine.append(clock)
        ok &= statistics.median(c.wall for c in with_load) <= 0.1
        print(f"\ninsights ({report.days_with_both} days with both): load + analyse median "
              f"{median_ms([c.wall for c in with_load]):.1f} ms (CPU {median_ms([c.cpu for c in with_load]):.1f}), "
              f"engine alone {median_ms([c.wall for c in engine]):.1f} ms (target <= 100 ms)")
        page.close()
        profile.close()
    print("\nall targets met" if ok else "\nSOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
