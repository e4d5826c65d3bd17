"""Journal page with 20,000 entries: time to open (build and show the page, first paint) and to scroll,
against a baseline measured in the same run: a bare QTreeView over a QStandardItemModel holding the same
20,000 rows' texts (what any Qt list of that size costs). Targets: open <= 150 ms; page switch <= 100 ms.

    .venv/bin/python tests/bench/bench_journal.py [--entries 20000] [--runs 5]
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


def make_entries(count: int):
    from sb_desktop.domain.entries import make_activity, make_pain
    start = dt.date.today() - dt.timedelta(days=count // 4)
    entries = []
    for n in range(count):
        day = start + dt.timedelta(days=n // 4)
        if n % 2:
            entries.append(make_pain(n % 11, date=day, time=dt.time(8 + n % 4 * 3, 0), note=f"note {n}"))
        else:
            entries.append(make_activity(10 + n % 50, kind="walk", date=day, time=dt.time(9 + n % 4 * 3, 0),
                                         steps=1000 + n))
    return entries


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTreeView

    from sb_desktop.storage.profiles import ProfileDirectory
    from sb_desktop.ui.common.context import AppContext
    from sb_desktop.ui.journal.page import JournalPage

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    profiles = ProfileDirectory(folder)
    profile = profiles.open("Bench")
    profile.journal.add_many(make_entries(args.entries))
    context = AppContext(profiles, profile)
    texts = [(e.date.isoformat(), str(e.id), e.note) for e in profile.journal.entries()]

    def open_page():
        started = time.perf_counter()
        page = JournalPage(context)
        page.resize(1100, 700)
        page.refresh()
        page.show()
        page.repaint()
        app.processEvents()
        return page, time.perf_counter() - started

    def open_baseline():
        started = time.perf_counter()
        model = QStandardItemModel()
        for row in texts:
            model.appendRow([QStandardItem(t) for t in row])
        view = QTreeView()
        view.setModel(model)
        view.setUniformRowHeights(True)
        view.resize(1100, 700)
        view.show()
        view.repaint()
        app.processEvents()
        return view, time.perf_counter() - started

    page_times, base_times, refresh_times, scroll_times = [], [], [], []
    for _ in range(args.runs):
        page, seconds = open_page()
        page_times.append(seconds)
        started = time.perf_counter()
        page.refresh()
        app.processEvents()
        refresh_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        bar = page.tree.verticalScrollBar()
        for step in range(0, bar.maximum(), max(1, bar.maximum() // 50)):
            bar.setValue(step)
            page.tree.viewport().repaint()
        scroll_times.append((time.perf_counter() - started) / 50)
        page.close()
        page.deleteLater()
        view, seconds = open_baseline()
        base_times.append(seconds)
        view.close()
        view.deleteLater()
        app.processEvents()
    page_ms, base_ms = statistics.median(page_times) * 1000, statistics.median(base_times) * 1000
    print(f"journal page with {args.entries} entries: open {page_ms:.0f} ms (target <= 150 ms); "
          f"baseline QStandardItemModel+QTreeView of the same rows {base_ms:.0f} ms; ratio {page_ms / base_ms:.2f}x")
    print(f"refresh after a change {statistics.median(refresh_times) * 1000:.0f} ms (a page switch refreshes; "
          f"target <= 100 ms); one scroll step repainted {statistics.median(scroll_times) * 1000:.1f} ms")
    profile.close()
    return 0 if page_ms <= 150 and statistics.median(refresh_times) * 1000 <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
