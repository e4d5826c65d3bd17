"""Switching pages on five years of data (about 1,800 days, several entries a day): how long from asking for a
page to its being painted, for the first visit (the page is built) and for a return visit (it refreshes),
against a baseline in the same run: switching a bare QStackedWidget between two labels. Target <= 100 ms for
a return visit.

    .venv/bin/python tests/bench/bench_pages.py [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_progress import five_year_profile  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget

    from sb_desktop.app import make_application
    from sb_desktop.ui.common.context import AppContext
    from sb_desktop.ui.shell.main_window import MainWindow

    app = make_application()
    profiles, profile, count = five_year_profile(Path(tempfile.mkdtemp()))
    context = AppContext(profiles, profile)
    window = MainWindow(context)
    window.resize(1180, 760)
    window.show()
    app.processEvents()

    def switch(key: str) -> float:
        started = time.perf_counter()
        window.show_page(key)
        window.repaint()
        app.processEvents()
        return time.perf_counter() - started

    first = {spec.key: switch(spec.key) for spec in window.specs}
    returns: dict[str, list[float]] = {spec.key: [] for spec in window.specs}
    for _ in range(args.runs):
        for spec in window.specs:
            returns[spec.key].append(switch(spec.key))
    stack = QStackedWidget()
    stack.addWidget(QLabel("one"))
    stack.addWidget(QLabel("two"))
    stack.resize(1180, 760)
    stack.show()
    baseline = []
    for n in range(args.runs * 6):
        started = time.perf_counter()
        stack.setCurrentIndex(n % 2)
        stack.repaint()
        app.processEvents()
        baseline.append(time.perf_counter() - started)
    base_ms = statistics.median(baseline) * 1000
    print(f"{count} entries over five years; baseline bare page switch {base_ms:.1f} ms")
    worst = 0.0
    for key in returns:
        again = statistics.median(returns[key]) * 1000
        worst = max(worst, again)
        print(f"  {key:9s} first visit {first[key] * 1000:6.0f} ms   return visit {again:6.0f} ms "
              f"({again / max(base_ms, 0.01):.0f}x the bare switch)")
    print(f"slowest return visit {worst:.0f} ms (target <= 100 ms)")
    profile.close()
    return 0 if worst <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
