"""Start-up to a painted main window on the demo profile, against a bare PySide6 window, in the same run.

Run on purpose (not part of the normal suite):  .venv/bin/python tests/bench/bench_startup.py [--runs N]
Target: ratio <= 1.5, for the whole process with --quit-after-show (launch to exit after the first paint).
Also reported: launch to the first paint alone, read from the wall clock inside each process (the app's
through a small wrapper that notes the time of the main window's first paint event).
"""
import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.setCentralWidget(QLabel("hello")); window.resize(1180, 760)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            if not getattr(self, "seen", False): self.seen = True; print("painted at", time.time())
            QTimer.singleShot(0, app.quit)
        return False
f = F(); window.installEventFilter(f); window.show(); app.exec()
"""
# The app as main.py runs it, noting when the main window first receives a paint event.
APP_PAINT = r"""
import sys, time
from sb_desktop import cli
from sb_desktop import app
from PySide6.QtCore import QEvent
watch = app._FirstPaint.eventFilter
def noted(self, watched, event):
    if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
        self.seen = True; print("painted at", time.time())
    return watch(self, watched, event)
app._FirstPaint.eventFilter = noted
sys.exit(cli.main(sys.argv[1:]))
"""


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def to_paint(cmd: list[str], env: dict) -> float:
    """Seconds from launch to the first paint, as the process itself noted it on the wall clock."""
    start = time.time()
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    return float(next(line for line in out.splitlines() if line.startswith("painted at")).split()[-1]) - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--verbose", action="store_true", help="print every timing, sorted")
    args = parser.parse_args()
    # An installed app runs from bytecode (pip and PyInstaller compile it); a checkout with stale .pyc files
    # (e.g. under PYTHONDONTWRITEBYTECODE) would time the compiler instead.
    compileall.compile_dir(str(ROOT / "sb_desktop"), quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    with tempfile.TemporaryDirectory() as data:
        env["SB_DESKTOP_DATA_DIR"] = data
        app_cmd = [sys.executable, str(ROOT / "main.py"), "--demo", "--quit-after-show"]
        subprocess.run(app_cmd, env=env, check=True)  # creates and fills the demo profile once
        paint_cmd = [sys.executable, "-c", APP_PAINT, "--demo", "--quit-after-show"]
        bare, app, bare_paint, app_paint = [], [], [], []
        for _ in range(args.runs):  # interleaved so machine load affects both alike
            bare.append(timed([sys.executable, "-c", BARE], env))
            app.append(timed(app_cmd, env))
            bare_paint.append(to_paint([sys.executable, "-c", BARE], env))
            app_paint.append(to_paint(paint_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    bp, ap = statistics.median(bare_paint), statistics.median(app_paint)
    print(f"bare PySide6 window: median {b * 1000:.0f} ms over {args.runs} runs")
    print(f"SupportBack Desktop (demo profile): median {a * 1000:.0f} ms")
    print(f"ratio: {a / b:.2f}x (target <= 1.5x)")
    print(f"launch to first paint only: {ap * 1000:.0f} ms vs {bp * 1000:.0f} ms, {ap / bp:.2f}x")
    if args.verbose:
        print("bare ms:", " ".join(f"{t * 1000:.0f}" for t in sorted(bare)))
        print("app ms: ", " ".join(f"{t * 1000:.0f}" for t in sorted(app)))
    return 0 if a / b <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
